//! The speaking-time report from a scripted journal with known timings
//! (`tests/data/tuesday.journal`, written by `examples/tuesday_journal.rs`): each column's value for
//! several rows, the per-meeting totals, byte-identical CSV, and a torn tail.

mod support;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use plenary::host::ManualClock;
use plenary::meeting::{Action, Command, Millis, Source, Stamp};
use plenary::records::report::{Format, Report};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tuesday.journal")
}

fn venue(time: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2025-11-25T{time}-05:00"))
        .expect("time")
        .with_timezone(&Utc)
}

/// A host on a new journal at `path` for the seed program, on a manual clock standing at `start`.
fn seed_host(
    path: &std::path::Path,
    start: DateTime<Utc>,
) -> (plenary::host::Desk, Arc<ManualClock>) {
    support::seed_host(path, Stamp::synthetic(start))
}

fn report() -> Report {
    let bytes = std::fs::read(fixture()).expect("the fixture");
    Report::from_journal(&bytes, "tuesday.journal").expect("a report")
}

#[test]
fn each_column_of_the_speeches() {
    let report = report();
    let rows = &report.speeches;
    assert_eq!(rows.len(), 3);
    let iceland = &rows[0];
    assert_eq!(iceland.meeting, "tue-am");
    assert_eq!(iceland.segment, "Statements by Member States and observers");
    assert_eq!(iceland.order, 1);
    assert_eq!(
        iceland.delegation,
        "Iceland (on behalf of the Nordic countries)"
    );
    assert_eq!(iceland.speaker, "Guðrún Jónsdóttir");
    assert_eq!(iceland.kind, "On behalf of a group of States");
    assert_eq!(iceland.allotted, Some(Millis::from_secs(300)));
    assert_eq!(iceland.forecast_start, Some(venue("10:00:00")));
    assert_eq!(iceland.start, venue("10:00:05"));
    assert_eq!(iceland.end, venue("10:05:40"));
    assert_eq!(iceland.spoken, Millis::from_secs(335));
    assert_eq!(iceland.overtime, Millis::from_secs(5));
    assert_eq!(iceland.paused, Millis::ZERO);
    assert_eq!(
        (iceland.extensions, iceland.extended),
        (1, Millis::from_secs(30))
    );
    assert_eq!(iceland.granted_by, "Console");
    assert_eq!(iceland.gap_before, None);

    let ethiopia = &rows[1];
    assert_eq!(ethiopia.order, 2);
    assert_eq!(ethiopia.delegation, "Ethiopia");
    assert_eq!(ethiopia.start, venue("10:06:10"));
    assert_eq!(ethiopia.spoken, Millis::from_secs(160));
    assert_eq!(ethiopia.overtime, Millis::ZERO);
    assert_eq!(ethiopia.paused, Millis::from_secs(20));
    assert_eq!(ethiopia.gap_before, Some(Millis::from_secs(30)));
    assert_eq!(ethiopia.extensions, 0);

    let senegal = &rows[2];
    assert_eq!(senegal.delegation, "Senegal");
    assert_eq!(senegal.spoken, Millis::from_secs(220));
    assert_eq!(senegal.overtime, Millis::from_secs(10));
    assert_eq!(
        (senegal.extensions, senegal.extended),
        (2, Millis::from_secs(30))
    );
    assert_eq!(senegal.granted_by, "Api, Keyboard");
}

#[test]
fn the_meeting_totals() {
    let report = report();
    assert_eq!(report.meetings.len(), 1);
    let m = &report.meetings[0];
    assert_eq!(m.id, "tue-am");
    assert_eq!(m.statements, 3);
    assert_eq!(m.struck, 1);
    assert_eq!(m.carried_over, 1);
    assert_eq!(m.overtime_total, Millis::from_secs(15));
    assert_eq!(m.overtime_mean, Millis::from_secs(5));
    assert_eq!(m.planned_end, venue("13:00:00"));
    assert_eq!(m.actual_start, Some(venue("10:00:05")));
    assert_eq!(m.actual_end, Some(venue("10:13:20")));
    assert_eq!(
        (m.gaps, m.gap_mean, m.gap_max),
        (2, Some(Millis::from_secs(30)), Some(Millis::from_secs(30)))
    );
}

#[test]
fn the_csv_is_byte_identical_across_runs_and_reads_back() {
    let first = report().render(Format::Csv);
    let second = report().render(Format::Csv);
    assert_eq!(first.as_bytes(), second.as_bytes());
    let lines: Vec<&str> = first.lines().collect();
    // Three speeches heard, then every other speaker of the meeting with what became of them.
    assert_eq!(lines.len(), 1 + 3 + 9);
    assert!(lines[0].starts_with("meeting,segment,order,delegation,speaker,kind,allotted_s,"));
    assert!(lines[0].ends_with(",interrupted,delivered_by,status"));
    assert_eq!(
        lines[1],
        "tue-am,Statements by Member States and observers,1,Iceland (on behalf of the Nordic countries),Guðrún Jónsdóttir,On behalf of a group of States,300.000,2025-11-25 10:00:00,2025-11-25 10:00:05,2025-11-25 10:05:40,335.000,5.000,0.000,1,30.000,Console,,330.000,+0:30 (Console),,,heard"
    );
    let status = |delegation: &str| {
        let line = lines
            .iter()
            .find(|l| l.contains(&format!(",{delegation},")))
            .unwrap_or_else(|| panic!("{delegation} is in the record"));
        line.rsplit(',').next().unwrap_or_default().to_string()
    };
    assert_eq!(
        status("Portugal"),
        "struck at 2025-11-25 10:13:30 (Console)"
    );
    assert_eq!(
        status("France"),
        "carried over to tue-pm at 2025-11-25 10:13:35 (Console)"
    );
    assert_eq!(status("Türkiye"), "on the floor when the journal ends");
    assert_eq!(status("Pakistan"), "waiting when the journal ends");
}

/// The Secretary-General's message delivered by an Under-Secretary-General: the record says
/// who delivered it in every format (the speech's row, the ledger), and every speaker of the
/// meeting not heard is there with what became of them.
#[test]
fn the_record_says_who_delivered_a_statement_and_names_everyone_not_heard() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("delivered.journal");
    let mut sources = plenary::meeting::Sources::seed().expect("seed");
    let usg = "Li Junhua, Under-Secretary-General for Economic and Social Affairs";
    sources
        .speakers
        .iter_mut()
        .find(|s| s.seat.as_deref() == Some("sg"))
        .expect("the seat of the Secretary-General")
        .delivered_by = Some(usg.to_string());
    let clock = Arc::new(ManualClock::new(Stamp::synthetic(
        DateTime::parse_from_rfc3339("2025-11-24T10:00:00-05:00")
            .expect("time")
            .with_timezone(&Utc),
    )));
    let (mut desk, _) = plenary::host::Desk::open(&path, &sources, clock.clone()).expect("host");
    let mut run = |secs: i64, action: Action| {
        clock.advance(Millis::from_secs(secs));
        let outcome = desk.send(Command::new(Source::Console, action.clone()));
        assert!(outcome.result.is_ok(), "{action:?}: {:?}", outcome.result);
    };
    use Action::*;
    run(0, Action::begin_meeting("mon-am"));
    run(5, Start); // the President of the General Assembly
    run(300, Next); // the Secretary-General's message
    run(10, Start);
    run(240, Next);
    let bytes = std::fs::read(&path).expect("journal");
    let report = Report::from_journal(&bytes, "delivered.journal").expect("a report");
    let message = &report.speeches[1];
    assert_eq!(message.delivered_by.as_deref(), Some(usg));
    let csv = report.render(Format::Csv);
    let row = csv
        .lines()
        .find(|l| l.contains("António Guterres"))
        .expect("the message's row");
    assert!(row.ends_with(&format!("\"{usg}\",heard")), "{row}");
    let md = report.render(Format::Md);
    assert!(
        md.contains(&format!("António Guterres — delivered by {usg}")),
        "{md}"
    );
    assert!(
        md.contains(&format!("Secretary-General, delivered by {usg}")),
        "the ledger: {md}"
    );
    let html = report.render(Format::Html);
    assert!(html.contains("António Guterres — delivered by Li Junhua"));
    // Everyone else inscribed for the meeting is accounted for: the Executive Director of
    // UNODC has the floor, the others of the opening segment and the list still wait.
    assert!(md.contains("### Not heard"), "{md}");
    assert!(md.contains("Ghada Waly"), "{md}");
    let inscribed = report
        .unheard
        .iter()
        .filter(|u| u.meeting == "mon-am")
        .count()
        + report.speeches.len();
    let on_the_lists = plenary::journal::replay(&bytes, "delivered.journal")
        .expect("replay")
        .session
        .turns()
        .iter()
        .filter(|t| t.meeting == 0)
        .filter(|t| matches!(t.inscription.content, plenary::meeting::Content::Speaker(_)))
        .count();
    assert_eq!(
        inscribed, on_the_lists,
        "every speaker of the meeting in the record"
    );
}

/// The chair gave 0:30, then the API cut the time left (Iceland, 5:00): overtime is counted
/// against the allowance as changed, and the report lists every change with its source.
#[test]
fn time_set_and_clock_reset_are_changes_of_the_allowance_with_their_source() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("cut.journal");
    let (mut host, clock) = seed_host(&path, venue("10:00:00"));
    let mut run = |secs: i64, source: Source, action: Action| {
        clock.advance(Millis::from_secs(secs));
        let outcome = host.send(Command::new(source, action.clone()));
        assert!(outcome.result.is_ok(), "{action:?}: {:?}", outcome.result);
    };
    use Action::*;
    run(0, Source::Console, Action::begin_meeting("tue-am"));
    run(0, Source::Console, Next); // Iceland, 5:00, called
    run(0, Source::Console, Start);
    run(5, Source::Keyboard, ResetClock); // a false start
    run(5, Source::Console, Start);
    run(40, Source::Console, Extend { seconds: 30 });
    run(18, Source::Api, SetRemaining { seconds: 0 }); // 0:58 spoken: allowance 0:58
    run(44, Source::Console, Next); // spoke 1:42 of 0:58
    // Recalled to the rostrum and given ten seconds more: still one speech, all its changes.
    run(5, Source::Console, Recall);
    run(1, Source::Console, Extend { seconds: 10 });
    run(1, Source::Console, Next);
    drop(host);
    let bytes = std::fs::read(&path).expect("read");
    let report = Report::from_journal(&bytes, "cut.journal").expect("a report");
    let speech = report.speeches.last().expect("a speech");
    assert_eq!(speech.allotted, Some(Millis::from_secs(300)));
    assert_eq!(speech.spoken, Millis::from_secs(102));
    assert_eq!(speech.limit, Some(Millis::from_secs(68)));
    assert_eq!(speech.overtime, Millis::from_secs(34));
    let changes: Vec<String> = speech.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        changes,
        [
            "clock reset (Keyboard)",
            "+0:30 (Console)",
            "set to 0:00 left (Api)",
            "+0:10 (Console)"
        ]
    );
    let md = report.render(Format::Md);
    assert!(
        md.contains(
            "| 1:42 | 1:08 | 0:34 | 0:02 | clock reset (Keyboard); +0:30 (Console); \
             set to 0:00 left (Api); +0:10 (Console) |"
        ),
        "{md}"
    );
}

#[test]
fn a_torn_tail_gives_the_report_up_to_the_last_good_record_and_says_so() {
    let mut bytes = std::fs::read(fixture()).expect("the fixture");
    let good = Report::from_journal(&bytes, "t").expect("report");
    bytes.extend_from_slice(b"Accepted((seq: 99, at: (wall: \"2025-11-25T15:20");
    let torn = Report::from_journal(&bytes, "t").expect("report");
    assert_eq!(torn.speeches, good.speeches);
    assert!(torn.torn.as_deref().expect("said").contains("torn"));
    assert!(
        torn.render(Format::Md)
            .contains("> **Note:** the journal's line")
    );
    assert!(good.torn.is_none());
}

#[test]
fn markdown_and_html_carry_the_tables_and_the_charts() {
    let report = report();
    let md = report.render(Format::Md);
    assert!(
        md.contains("| Plenary meeting (tue-am) | 3 | 1 | 1 | 0:15 (mean 0:05) |"),
        "{md}"
    );
    let html = report.render(Format::Html);
    assert_eq!(html.matches("<svg").count(), 2, "two charts");
    assert!(html.contains("Iceland (on behalf of the Nordic countries)"));
}

/// A clock at the far end of time (a crafted or broken clock): nothing is journaled that a
/// replay would refuse; the journal stays readable, and its report is made, without a panic.
#[test]
fn a_clock_at_the_ends_of_time_journals_nothing_and_the_report_does_not_panic() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("far.journal");
    let (mut host, clock) = seed_host(&path, venue("09:00:00"));
    assert!(
        host.send(Command::new(Source::Test, Action::begin_meeting("tue-am")))
            .result
            .is_ok()
    );
    let far = DateTime::<Utc>::MAX_UTC - chrono::TimeDelta::minutes(10);
    clock.advance(Millis((far - venue("09:00:00")).num_milliseconds()));
    let refused = host.send(Command::new(Source::Test, Action::Start)).result;
    let Err(plenary::host::Refusal::NotJournaled(message)) = refused else {
        panic!("refused as not journaled: {refused:?}");
    };
    assert!(message.contains("Check this computer's clock"), "{message}");
    drop(host);
    let bytes = std::fs::read(&path).expect("read");
    let report = Report::from_journal(&bytes, "far.journal").expect("a report");
    assert!(report.speeches.is_empty());
    assert!(report.render(Format::Html).contains("<html"));
}

/// A journal edited to carry a time out of order, or out of any meeting's years, is refused
/// by every reader, naming the line.
#[test]
fn records_out_of_order_in_time_are_refused_by_the_report_too() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("order.journal");
    let (mut host, clock) = seed_host(&path, venue("09:00:00"));
    for action in [
        Action::begin_meeting("tue-am"),
        Action::Start,
        Action::Pause,
    ] {
        clock.advance(Millis::from_secs(30));
        assert!(host.send(Command::new(Source::Test, action)).result.is_ok());
    }
    drop(host);
    let text = std::fs::read_to_string(&path).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    // The last record moved back before the one before it in the same run (its monotonic
    // time), and sealed again as a forger would.
    let (before, after) = lines[3].split_once("mono:").expect("a stamp");
    let digits = after.find(|c: char| !c.is_ascii_digit()).expect("digits");
    let early = format!("{before}mono:1{}", &after[digits..]);
    let mut chain = plenary::journal::Chain::new(true);
    let mut forged = String::new();
    for line in [lines[0], lines[1], lines[2], &early] {
        let record = line
            .rsplit_once(plenary::journal::CHAIN_MARK)
            .map_or(line, |(r, _)| r);
        forged.push_str(&chain.seal(record));
        forged.push('\n');
    }
    let err = Report::from_journal(forged.as_bytes(), "order.journal").expect_err("refused");
    let err = err.to_string();
    assert!(
        err.contains("order.journal:4") && err.contains("out of order"),
        "{err}"
    );
}

/// The time ledger: per delegation, per group and per segment, and its totals equal the sum
/// of the journal's speeches, however they are grouped.
#[test]
fn the_ledger_sums_the_speeches_by_delegation_group_and_segment() {
    let report = report();
    let ledger = &report.ledger;
    let spoken: Millis = report.speeches.iter().map(|r| r.spoken).sum();
    let overtime: Millis = report.speeches.iter().map(|r| r.overtime).sum();
    assert_eq!(
        (ledger.total.spoken, ledger.total.overtime),
        (spoken, overtime)
    );
    assert_eq!(ledger.total.statements, report.speeches.len());
    let by = |lines: &[plenary::records::ledger::Line]| -> Millis {
        lines.iter().map(|l| l.total.spoken).sum()
    };
    assert_eq!(
        by(&ledger.delegations),
        spoken,
        "every speech once by delegation"
    );
    let per_segment: Millis = ledger.segments.iter().map(|s| s.totals.spoken).sum();
    assert_eq!(per_segment, spoken, "every speech once by segment");
    // Most time first; Iceland spoke for the Nordic countries, and the group has it too.
    let iceland = &ledger.delegations[0];
    assert_eq!(iceland.who, "Iceland");
    assert_eq!(iceland.total.spoken, Millis::from_secs(335));
    assert_eq!(iceland.meetings, [("tue-am".to_string(), iceland.total)]);
    assert_eq!(ledger.groups.len(), 1);
    assert_eq!(ledger.groups[0].who, "the Nordic countries");
    assert_eq!(ledger.groups[0].total, iceland.total);
    let md = report.render(Format::Md);
    assert!(md.contains("## Speaking time by delegation"), "{md}");
    assert!(
        md.contains("| Iceland | 1 | 5:35 | 0:05 | tue-am 5:35 (over 0:05) |"),
        "{md}"
    );
    let csv = report.render(Format::Ledger);
    assert_eq!(csv.lines().last(), Some("event,,,3,715.000,15.000"));
    assert!(
        report
            .render(Format::Html)
            .contains("<h2>Speaking time by segment</h2>")
    );
}
