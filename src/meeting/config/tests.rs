//! Tests of reading and validating programs and lists of speakers.

use super::*;
use crate::meeting::program::Content;
use crate::meeting::ron_text::to_ron;
use crate::meeting::time::Millis;

#[test]
fn the_seed_program_validates_and_is_the_meeting_of_resolution_79_286() {
    let (program, list) = Sources::seed()
        .expect("seed parses")
        .validate()
        .expect("seed is valid");
    assert_eq!(program.body, "General Assembly");
    assert_eq!(program.time_zone, chrono_tz::America::New_York);
    assert_eq!(program.meetings.len(), 5);
    let local = |t| program.local(t).format("%a %d %b %H:%M").to_string();
    let mon_am = &program.meetings[0];
    assert_eq!(local(mon_am.start), "Mon 24 Nov 10:00");
    assert_eq!(local(mon_am.end), "Mon 24 Nov 13:00");
    let opening = &mon_am.segments[0];
    assert_eq!(
        opening.turns.len(),
        7,
        "six opening statements, then the adoption"
    );
    assert!(matches!(opening.turns[6].content, Content::Item(_)));
    let panel_1 = &program.meetings[1];
    assert_eq!(
        (local(panel_1.start), local(panel_1.end)),
        ("Mon 24 Nov 15:00".into(), "Mon 24 Nov 16:30".into())
    );
    assert_eq!(panel_1.co_chairs.len(), 2);
    let panel_2 = &program.meetings[2];
    assert_eq!(
        (local(panel_2.start), local(panel_2.end)),
        ("Mon 24 Nov 16:30".into(), "Mon 24 Nov 18:00".into())
    );
    let tue_pm = &program.meetings[4];
    let closing = tue_pm
        .segments
        .iter()
        .find(|s| s.fixed)
        .expect("closing segment");
    assert_eq!(
        local(closing.start.expect("fixed start")),
        "Tue 25 Nov 17:30"
    );
    assert_eq!(
        program.kinds["individual"].limit,
        Some(Millis::from_secs(180))
    );
    assert_eq!(program.kinds["group"].limit, Some(Millis::from_secs(300)));
    assert_eq!(program.warning, Millis::from_secs(30));
    assert!(list.len() >= 40);
}

fn seed_raw() -> RawProgram {
    parse_ron(SEED_PROGRAM, SEED_PROGRAM_NAME).expect("seed parses")
}

fn invalid_path(raw: &RawProgram) -> String {
    match validate_program(raw, "t.ron") {
        Err(ConfigError::Invalid { path, .. }) => path,
        other => panic!("expected an invalid-field error, got {other:?}"),
    }
}

#[test]
fn a_typo_names_line_and_column() {
    let text = SEED_PROGRAM.replacen("time_zone:", "time_zon:", 1);
    let err = parse_ron::<RawProgram>(&text, "typo.ron").expect_err("typo rejected");
    let line = SEED_PROGRAM
        .lines()
        .position(|l| l.contains("time_zone:"))
        .expect("has it")
        + 1;
    let RonError {
        file,
        line: l,
        message,
        ..
    } = &err;
    assert_eq!(file, "typo.ron");
    assert_eq!(*l, line);
    assert!(message.contains("time_zon"), "{message}");
    assert!(err.to_string().starts_with(&format!("typo.ron:{line}:")));
}

#[test]
fn a_missing_limit_is_an_error_at_its_place() {
    let text = SEED_PROGRAM.replacen("limit: \"3:00\",", "", 1);
    let err = parse_ron::<RawProgram>(&text, "t.ron").expect_err("rejected");
    assert!(err.to_string().contains("limit"), "{err}");
}

#[test]
fn semantic_errors_name_the_field_path() {
    let mut raw = seed_raw();
    raw.meetings[0].end = "09:00".into();
    assert_eq!(invalid_path(&raw), "meetings[0].end");

    let mut raw = seed_raw();
    raw.meetings[2].start = "16:00".into();
    assert_eq!(
        invalid_path(&raw),
        "meetings[2].start",
        "panel 2 overlapping panel 1"
    );

    let mut raw = seed_raw();
    raw.time_zone = "America/Gotham".into();
    assert_eq!(invalid_path(&raw), "time_zone");

    let mut raw = seed_raw();
    raw.kinds.get_mut("opening").expect("kind").expect = None;
    assert_eq!(invalid_path(&raw), "kinds[\"opening\"].expect");

    let mut raw = seed_raw();
    raw.meetings[1].co_chairs.pop();
    assert_eq!(invalid_path(&raw), "meetings[1].co_chairs");

    let mut raw = seed_raw();
    raw.meetings[4].segments[1].start = Some("19:00".into());
    assert_eq!(invalid_path(&raw), "meetings[4].segments[1].start");

    let mut raw = seed_raw();
    raw.meetings[1].right_of_reply = Some(super::RawReplies {
        first: "10:00".into(),
        second: "5:00".into(),
    });
    assert_eq!(invalid_path(&raw), "meetings[1].right_of_reply");

    let mut raw = seed_raw();
    raw.right_of_reply = Some(super::RawReplies {
        first: "10:00".into(),
        second: "0:00".into(),
    });
    assert_eq!(invalid_path(&raw), "right_of_reply.second");
}

#[test]
fn bad_inscriptions_name_their_entry_and_field() {
    let mut sources = Sources::seed().expect("seed");
    sources.speakers[3].kind = "soliloquy".into();
    let err = sources.validate().expect_err("rejected");
    assert_eq!(
        err,
        ConfigError::Invalid {
            file: SEED_SPEAKERS_NAME.into(),
            path: "[3].kind".into(),
            message: format!(
                "unknown statement kind `soliloquy` (known: {})",
                sources
                    .program
                    .kinds
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    );
    let mut sources = Sources::seed().expect("seed");
    sources.speakers[0].on_behalf_of = None;
    sources.speakers[0].kind = "group".into();
    assert!(
        matches!(sources.validate(), Err(ConfigError::Invalid { path, .. }) if path == "[0].on_behalf_of")
    );
    let mut sources = Sources::seed().expect("seed");
    sources.speakers[5].meeting = Some("wed-am".into());
    assert!(
        matches!(sources.validate(), Err(ConfigError::Invalid { path, .. }) if path == "[5].meeting")
    );
    let mut sources = Sources::seed().expect("seed");
    sources.speakers[6].allotted = Some("three minutes".into());
    assert!(
        matches!(sources.validate(), Err(ConfigError::Invalid { path, .. }) if path == "[6].allotted")
    );
    let mut sources = Sources::seed().expect("seed");
    sources.speakers[6].allotted = Some("99999999999".into());
    assert!(
        matches!(sources.validate(), Err(ConfigError::Invalid { path, message, .. })
        if path == "[6].allotted" && message.contains("longer than 24 hours"))
    );
}

#[test]
fn raw_sources_round_trip_through_ron() {
    let sources = Sources::seed().expect("seed");
    let text = to_ron(&sources).expect("serialises");
    assert!(!text.contains('\n'), "one line");
    let back: Sources = parse_ron(&text, "round-trip").expect("parses back");
    assert_eq!(back, sources);
}
