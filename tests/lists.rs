//! A real list of speakers as the secretariat's spreadsheet gives it (tests/data/hlm-list*.csv):
//! seats of the opening segment, the panels and the closing segment filled by role; a message
//! delivered on behalf of the Secretary-General; names to be confirmed; abbreviations and
//! organisations named freely; a partial order. Imported end to end in each of its spreadsheet
//! forms (CRLF with a byte-order mark, semicolons, Windows-1252), onto the seed program.

use std::path::Path;

use plenary::meeting::config::RawSpeaker;
use plenary::meeting::delegations::Delegations;
use plenary::meeting::program::Content;
use plenary::meeting::{Action, Command, Session, Source, Sources, Stamp, Status};
use plenary::records::import::{self, ImportError, Imported};
use plenary::view;

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn import(name: &str) -> Result<Imported, ImportError> {
    let (program, _) = Sources::seed().expect("seed").validate().expect("valid");
    import::read(
        &data(name),
        &program,
        &Delegations::embedded().expect("file"),
    )
}

fn session_of(speakers: Vec<RawSpeaker>) -> Session {
    let sources = Sources::seed()
        .expect("seed")
        .with_speaker_list("hlm-list.csv", speakers);
    Session::from_sources(&sources).unwrap_or_else(|e| panic!("the list places: {e}"))
}

fn names(session: &Session, meeting: &str, segment: &str) -> Vec<String> {
    let program = session.program();
    let m = program.meeting_index(meeting).expect("meeting");
    let s = program.meetings[m]
        .segments
        .iter()
        .position(|s| s.id == segment)
        .expect("segment");
    session
        .list(m, s)
        .iter()
        .filter_map(|id| session.turn(*id))
        .filter_map(|t| match &t.inscription.content {
            Content::Speaker(s) => Some(s.name.clone()),
            Content::Item(_) => None,
        })
        .collect()
}

fn at(local: &str) -> Stamp {
    let wall = chrono::DateTime::parse_from_rfc3339(&format!("2025-11-24T{local}-05:00"))
        .expect("time")
        .with_timezone(&chrono::Utc);
    Stamp::synthetic(wall)
}

#[test]
fn every_seat_is_filled_from_the_list() {
    let imported = import("hlm-list.csv").unwrap_or_else(|e| panic!("{e}"));
    let session = session_of(imported.speakers);
    assert_eq!(
        names(&session, "mon-am", "opening"),
        [
            "Annalena Baerbock",
            "António Guterres",
            "Ghada Waly",
            "Siobhán Mullally",
            "",
            "Grace Forrest"
        ],
        "the eminent person is to be confirmed"
    );
    assert_eq!(
        names(&session, "panel-1", "opening"),
        ["Inês Carvalho", "Ramon Dela Cruz"]
    );
    assert_eq!(
        names(&session, "panel-1", "presentations"),
        ["Thandiwe Nkosi", "Kwame Boateng", "Priya Raman"]
    );
    assert_eq!(
        names(&session, "panel-2", "presentations"),
        ["Tomás Aguirre", "Mei Lin Tan", "Sokha Chan"]
    );
    assert_eq!(
        names(&session, "tue-pm", "closing"),
        ["Inês Carvalho", "Adaeze Nwosu", "Annalena Baerbock"]
    );
    let panel = &session.program().meetings[1];
    let chairs: Vec<&str> = panel.co_chairs.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(chairs, ["Inês Carvalho", "Ramon Dela Cruz"]);
    assert_eq!(
        names(&session, "panel-1", "discussion"),
        ["Marie Dubois"],
        "the ILO, by its abbreviation"
    );
}

#[test]
fn a_partial_order_fixes_the_head_and_precedence_orders_the_rest() {
    let session = session_of(import("hlm-list.csv").expect("imports").speakers);
    let statements = names(&session, "mon-am", "statements");
    assert_eq!(
        &statements[..3],
        ["Ana Pérez", "", "Hassan Al-Rubaie"],
        "Chile and the Holy See as fixed, then the Group of 77 first by precedence"
    );
    // The precedence sort from the console leaves the fixed rows where they are, and says so.
    let mut s = session.clone();
    let events = s
        .apply(
            &Command::new(Source::Test, Action::ApplyPrecedence),
            at("10:00:00"),
        )
        .expect("sorted");
    assert!(
        format!("{events:?}").contains("fixed_kept: 2"),
        "{events:?}"
    );
    assert_eq!(&names(&s, "mon-am", "statements")[..2], ["Ana Pérez", ""]);
}

#[test]
fn the_podium_and_the_hall_show_who_speaks_and_for_whom() {
    let mut s = session_of(import("hlm-list.csv").expect("imports").speakers);
    let run = |s: &mut Session, action: Action, time: &str| {
        s.apply(&Command::new(Source::Test, action), at(time))
            .unwrap_or_else(|r| panic!("{r}"));
    };
    run(&mut s, Action::Start, "10:00:00");
    run(&mut s, Action::Next, "10:05:00");
    // The Secretary-General's message, delivered by the Under-Secretary-General.
    let podium = view::podium(&s, &at("10:05:10"));
    assert_eq!(podium.who, "Secretary-General");
    assert_eq!(
        podium.speaker,
        "Li Junhua, Under-Secretary-General for Economic and Social Affairs"
    );
    let hall = view::hall(&s, &at("10:05:10"));
    assert_eq!(
        hall.current.expect("current").detail,
        "Message of the Secretary-General, delivered by Li Junhua, Under-Secretary-General for Economic and Social Affairs"
    );
    // The eminent person's name is to be confirmed: the title alone, never a placeholder text.
    let eminent = s
        .turns()
        .iter()
        .find(|t| {
            matches!(&t.inscription.content,
                Content::Speaker(sp) if sp.seat.as_deref() == Some("eminent-person"))
        })
        .expect("the seat")
        .id;
    run(&mut s, Action::Call { turn: eminent }, "10:20:00");
    let podium = view::podium(&s, &at("10:20:05"));
    assert_eq!(
        podium.who,
        "Eminent person, survivor of trafficking in persons"
    );
    assert_eq!(podium.speaker, "");
    let hall = view::hall(&s, &at("10:20:05"));
    assert_eq!(
        hall.current.expect("current").detail,
        "Eminent person, survivor of trafficking in persons"
    );
    // The name arrives on the day: one journaled command.
    let turn = s.floor().expect("floor").turn;
    run(
        &mut s,
        Action::SetName {
            turn,
            name: "Amara Okafor".into(),
        },
        "10:20:30",
    );
    assert_eq!(
        view::podium(&s, &at("10:20:31")).speaker,
        "Amara Okafor",
        "named on the podium"
    );
    assert_eq!(s.turn(turn).expect("turn").status, Status::Speaking);
}

#[test]
fn organisations_not_on_file_are_accepted_with_a_warning_where_their_kind_allows() {
    let imported = import("hlm-list.csv").expect("imports");
    let warned: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warned.len(), 2, "{warned:#?}");
    assert!(warned[0].starts_with("row 7, column `delegation`: `Walk Free` is not on file"));
    assert!(warned[1].contains("`Institute for Security Studies` is not on file"));
    let delegations: Vec<Option<String>> = imported
        .speakers
        .iter()
        .map(|s| s.delegation.clone())
        .collect();
    for official in [
        "United Nations Office on Drugs and Crime",
        "Organization for Security and Co-operation in Europe",
        "International Labour Organization",
        "United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women)",
    ] {
        assert!(
            delegations.contains(&Some(official.to_string())),
            "{official}"
        );
    }
}

#[test]
fn the_spreadsheet_forms_give_the_same_list() {
    let plain = import("hlm-list.csv").expect("plain");
    assert!(plain.notes.is_empty(), "{:?}", plain.notes);
    let crlf = import("hlm-list-crlf.csv").expect("CRLF with a byte-order mark");
    assert_eq!(crlf.speakers, plain.speakers);
    assert_eq!(crlf.warnings, plain.warnings, "the same row numbers");
    let semicolons = import("hlm-list-semicolon.csv").expect("semicolons");
    assert_eq!(semicolons.speakers, plain.speakers);
    assert_eq!(semicolons.notes, ["fields separated by semicolons"]);
    let legacy = import("hlm-list-1252.csv").expect("Windows-1252");
    assert!(
        legacy.notes[0].contains("decoded as windows-1252"),
        "{:?}",
        legacy.notes
    );
    // What Windows-1252 can hold comes back exactly; what it cannot, Excel wrote as `?`.
    let names: Vec<&str> = legacy.speakers.iter().map(|s| s.name.as_str()).collect();
    for name in [
        "António Guterres",
        "Siobhán Mullally",
        "Ana Pérez",
        "Inês Carvalho",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert_eq!(legacy.speakers.len(), plain.speakers.len());
}

#[test]
fn every_problem_names_its_row_and_column() {
    let Err(ImportError::Rows { problems, .. }) = import("hlm-list-bad.csv") else {
        panic!("refused");
    };
    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "row 2, column `seat`: meeting `mon-am` has no seat `president` (its seats: pga, sg, unodc, special-rapporteur, eminent-person, civil-society)",
            "row 3, column `segment`: meeting `mon-am` has no segment `closing` (its segments: opening, statements)",
            "row 4, column `delegation`: unknown delegation `Narnia`: not a Member State, observer or UN entity on file",
            "row 7, column `order`: position 1 is given twice for meeting `tue-am`",
        ]
    );
}
