//! Tests of the journal: replay, torn tails, corruption, divergence, files.

use super::*;
use crate::meeting::Session;
use crate::meeting::{Action, Millis, Source};

/// A journal of a few commands, in memory, as written to disk.
fn journal_bytes() -> Vec<u8> {
    journal_of(6)
}

/// A journal of `n` commands: a speech, then pauses and resumes.
fn journal_of(n: usize) -> Vec<u8> {
    let sources = Sources::seed().expect("seed");
    let mut session = Session::from_sources(&sources).expect("valid");
    let start = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
    let mut chain = Chain::new(true);
    let mut text = String::from_utf8(
        to_line(
            &Record::Opened {
                version: FORMAT_VERSION,
                at: start,
                sources,
            },
            &mut chain,
        )
        .expect("line"),
    )
    .expect("utf-8");
    let actions = [
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
        Action::Start,
        Action::Extend { seconds: 30 },
        Action::Pause,
        Action::Resume,
        Action::Next,
    ]
    .into_iter()
    .chain([Action::Start])
    .chain([Action::Pause, Action::Resume].into_iter().cycle())
    .take(n);
    for (i, action) in actions.enumerate() {
        let at = start.plus(Millis::from_secs(10 * i as i64));
        let command = Command::new(Source::Test, action);
        let events = session.apply(&command, at).expect("accepted");
        let entry = Entry {
            seq: i as u64 + 1,
            at,
            command,
            events,
        };
        text.push_str(
            std::str::from_utf8(&to_line(&Record::Accepted(entry), &mut chain).expect("line"))
                .expect("utf-8"),
        );
    }
    text.into_bytes()
}

/// Lines with every hash recomputed, as a forger who knows the chain would write them.
fn resealed(lines: &[&str]) -> Vec<u8> {
    let mut chain = Chain::new(true);
    let mut out = String::new();
    for line in lines {
        let record = line.rsplit_once(chain::MARK).map_or(*line, |(r, _)| r);
        out.push_str(&chain.seal(record));
        out.push('\n');
    }
    out.into_bytes()
}

#[test]
fn a_long_journal_read_on_several_threads_names_the_same_lines() {
    let bytes = journal_of(5000);
    let replayed = replay(&bytes, "long").expect("replays");
    assert_eq!(replayed.entries.len(), 5000);
    // A bad line deep inside: named by its number.
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[3999] = "Accepted((seq: 3999, garbage";
    let broken = resealed(&lines);
    match replay(&broken, "long") {
        Err(JournalError::Corrupt { line, .. }) => assert_eq!(line, 4000),
        other => panic!("expected line 4000 to be named: {other:?}"),
    }
    // A torn last line (cut before its end of line): skipped and reported with its number.
    let mut torn = bytes;
    torn.extend_from_slice(b"Accepted((seq: 5001, at:");
    let replayed = replay(&torn, "long").expect("replays");
    assert_eq!(replayed.entries.len(), 5000);
    assert_eq!(replayed.torn.expect("torn").line, 5002);
}

#[test]
fn replay_rebuilds_the_session() {
    let bytes = journal_bytes();
    let replayed = replay(&bytes, "j").expect("replays");
    assert_eq!(replayed.entries.len(), 6);
    assert_eq!(replayed.torn, None);
    assert_eq!(replayed.session.records().len(), 1);
    assert_eq!(replayed.good_len, bytes.len() as u64);
}

#[test]
fn a_torn_last_line_is_reported_and_skipped() {
    let bytes = journal_bytes();
    // Cut the last record in half, as a power cut would.
    let cut = bytes.len() - 40;
    let replayed = replay(&bytes[..cut], "j").expect("replays up to the tear");
    assert_eq!(replayed.entries.len(), 5);
    let torn = replayed.torn.expect("torn tail reported");
    assert_eq!(torn.line, 7);
    assert!(torn.reason.contains("incomplete line"));
    let last_newline = bytes[..cut]
        .iter()
        .rposition(|&b| b == b'\n')
        .expect("lines")
        + 1;
    assert_eq!(replayed.good_len, last_newline as u64);
    // A complete but unparsable last line is no tear: an acknowledged command may be in it,
    // so it is corruption, named, and nothing starts over it.
    let mut garbled = bytes[..last_newline].to_vec();
    garbled.extend_from_slice(b"Accepted((seq: 5, at: \n");
    let err = replay(&garbled, "j").expect_err("corrupt, not torn");
    assert!(
        matches!(err, JournalError::Corrupt { line: 7, .. }),
        "{err}"
    );
}

#[test]
fn a_corrupt_line_in_the_middle_is_an_error_naming_it() {
    let text = String::from_utf8(journal_bytes()).expect("utf-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "Accepted((seq: 2, garbage";
    let bad = lines.join("\n") + "\n";
    let err = replay(bad.as_bytes(), "day1.journal").expect_err("corrupt");
    assert!(
        matches!(err, JournalError::Corrupt { line: 3, .. }),
        "{err}"
    );
    assert!(
        err.to_string().starts_with("journal day1.journal:3: "),
        "{err}"
    );
}

#[test]
fn missing_records_and_changed_events_are_errors() {
    let text = String::from_utf8(journal_bytes()).expect("utf-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(2);
    // Even with every hash recomputed, a missing record is found by its sequence number…
    let err = replay(&resealed(&lines), "j").expect_err("gap");
    assert!(
        err.to_string().contains("record 3 where 2 was expected"),
        "{err}"
    );

    // …and a command whose recorded events were changed, by replaying it.
    let edited = text.replacen("by:30000", "by:90000", 1);
    assert_ne!(edited, text, "the extension is in the journal");
    let lines: Vec<&str> = edited.lines().collect();
    let err = replay(&resealed(&lines), "j").expect_err("diverged");
    assert!(
        matches!(err, JournalError::Diverged { line: 4, .. }),
        "{err}"
    );
}

#[test]
fn a_flipped_byte_in_any_line_the_last_included_is_named() {
    let bytes = journal_bytes();
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .take(lines)
        .collect();
    for (n, start) in starts.iter().enumerate() {
        let mut flipped = bytes.clone();
        // A byte inside the record, not its end of line.
        flipped[start + 3] ^= 0x20;
        match replay(&flipped, "j") {
            Err(JournalError::Corrupt { line, .. }) => assert_eq!(line, n + 1),
            other => panic!("line {}: expected it named, got {other:?}", n + 1),
        }
    }
}

#[test]
fn files_are_created_appended_and_reopened_after_a_tear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested").join("day.journal");
    let sources = Sources::seed().expect("seed");
    let start = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
    let mut journal = Journal::create(&path, &sources, start).expect("created");
    assert!(
        Journal::create(&path, &sources, start).is_err(),
        "never overwrites a journal"
    );
    let mut session = Session::from_sources(&sources).expect("valid");
    let command = Command::new(Source::Test, Action::Start);
    let events = session.apply(&command, start).expect("accepted");
    journal.append(&command, start, &events).expect("appended");
    drop(journal);
    // A torn write after the good lines.
    let mut file = OpenOptions::new().append(true).open(&path).expect("open");
    file.write_all(b"Accepted((seq:2,at:(wall").expect("write");
    drop(file);
    let (mut journal, replayed) = Journal::open(&path).expect("reopens");
    assert_eq!(replayed.entries.len(), 1);
    assert!(replayed.torn.is_some());
    let torn_copy = std::fs::read_to_string(format!("{}.torn", path.display())).expect("tail kept");
    assert_eq!(torn_copy, "Accepted((seq:2,at:(wall");
    let command = Command::new(Source::Test, Action::Pause);
    let at = start.plus(Millis(5_000));
    let events = replayed
        .session
        .clone()
        .apply(&command, at)
        .expect("accepted");
    assert_eq!(journal.append(&command, at, &events).expect("appended"), 2);
    let again = read(&path).expect("clean again");
    assert_eq!((again.entries.len(), again.torn), (2, None));
}

/// A journal of format `version` in which the chair left Monday morning for the first panel
/// with speakers waiting, the `BeginMeeting` saying nothing of them (as before format 3).
fn left_for_the_panel(version: u32) -> Vec<u8> {
    let sources = Sources::seed().expect("seed");
    let mut session = Session::from_sources(&sources).expect("valid");
    let start = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
    let mut chain = Chain::new(true);
    let opening = Record::Opened {
        version,
        at: start,
        sources,
    };
    let mut bytes = to_line(&opening, &mut chain).expect("line");
    let actions = [
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
        Action::Next,
        Action::begin_meeting("panel-1"),
    ];
    for (i, action) in actions.into_iter().enumerate() {
        let at = start.plus(Millis::from_secs(10 * i as i64));
        // What the session did then: the waiting speakers stayed on their list.
        let then = match &action {
            Action::BeginMeeting { meeting, .. } => Action::BeginMeeting {
                meeting: meeting.clone(),
                waiting: Some(crate::meeting::Waiting::Leave),
            },
            other => other.clone(),
        };
        let events = session
            .apply(&Command::new(Source::Test, then), at)
            .expect("accepted");
        let entry = Entry {
            seq: i as u64 + 1,
            at,
            command: Command::new(Source::Test, action),
            events,
        };
        bytes.extend(to_line(&Record::Accepted(entry), &mut chain).expect("line"));
    }
    bytes
}

#[test]
fn journals_before_format_3_left_waiting_speakers_on_their_list() {
    let replayed = replay(&left_for_the_panel(2), "old").expect("a format-2 journal replays");
    assert_eq!(replayed.session.meeting().id, "panel-1");
    assert_eq!(replayed.version, 2);
    // The same lines in a format-3 journal are a command the session refuses: a divergence.
    let err = replay(&left_for_the_panel(FORMAT_VERSION), "new").expect_err("refused");
    assert!(err.to_string().contains("still wait on the list"), "{err}");
}

#[test]
fn a_repair_record_moves_numbering_on_and_never_back() {
    let text = String::from_utf8(journal_of(3)).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    let at = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH).plus(Millis::from_secs(60));
    let repair = |next_seq: u64| {
        to_ron(&Record::Repaired {
            at,
            set_aside: "day.journal.set-aside".into(),
            next_seq,
        })
        .expect("ron")
    };
    // Numbers 4 to 6 may be in the lines set aside: the next command is number 7.
    let onward = repair(7);
    let replayed = replay(
        &resealed(&[lines[0], lines[1], lines[2], lines[3], &onward]),
        "j",
    )
    .expect("replays");
    assert_eq!(replayed.cursor.next_seq, 7);
    assert_eq!(replayed.entries.len(), 3);
    // A repair record that would give a number twice is refused, naming its line.
    let back = repair(2);
    let err = replay(
        &resealed(&[lines[0], lines[1], lines[2], lines[3], &back]),
        "j",
    )
    .expect_err("refused");
    assert!(err.to_string().contains("j:5"), "{err}");
    assert!(err.to_string().contains("given twice"), "{err}");
}

#[test]
fn a_bad_line_is_named_once_with_its_column_and_what_is_wrong() {
    let text = String::from_utf8(journal_of(2)).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    let record = lines[1]
        .rsplit_once(chain::MARK)
        .map_or(lines[1], |(r, _)| r);
    let huge = record.replacen("seq:1", "seq:99999999999999999999", 1);
    let err = replay(&resealed(&[lines[0], &huge]), "day.journal").expect_err("refused");
    let err = err.to_string();
    assert_eq!(
        err.matches("day.journal").count(),
        2,
        "the file, and the way out: {err}"
    );
    assert!(err.starts_with("journal day.journal:2: column "), "{err}");
    assert!(err.contains("a number out of range here"), "{err}");
}

#[test]
fn a_checkpoint_that_does_not_fit_or_does_not_follow_from_its_commands_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("j.journal");
    let sources = Sources::seed().expect("seed");
    let start = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
    let mut journal = Journal::create(&path, &sources, start).expect("created");
    let mut session = Session::from_sources(&sources).expect("valid");
    for (i, action) in [Action::Next, Action::Start, Action::Pause]
        .into_iter()
        .enumerate()
    {
        let at = start.plus(Millis::from_secs(i as i64 + 1));
        let command = Command::new(Source::Test, action);
        let events = session.apply(&command, at).expect("accepted");
        journal.append(&command, at, &events).expect("appended");
    }
    journal.checkpoint(&session).expect("checkpoint");
    drop(journal);
    let bytes = std::fs::read(&path).expect("read");
    let resumed = resume(&bytes, "j").expect("resumes");
    assert_eq!(resumed.session, session);
    assert_eq!((resumed.resumed_from, resumed.entries.len()), (Some(5), 0));
    assert_eq!(replay(&bytes, "j").expect("replays").session, session);

    let text = String::from_utf8(bytes).expect("utf-8");
    let forged = |from: &str, to: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        assert!(lines[4].contains(from), "{from} in {}", lines[4]);
        lines[4] = lines[4].replacen(from, to, 1);
        resealed(&lines.iter().map(String::as_str).collect::<Vec<_>>())
    };
    // The podium blacked out in it (the chain recomputed): it fits, but the commands do not
    // give it.
    let rewound = forged("blackout:false", "blackout:true");
    assert!(
        resume(&rewound, "j").expect("fits").session.blackout(),
        "a restart trusts a checkpoint that fits; the full replay does not"
    );
    match replay(&rewound, "j") {
        Err(JournalError::Diverged { line, message, .. }) => {
            assert_eq!(line, 5);
            assert!(message.contains("checkpoint"), "{message}");
        }
        other => panic!("expected the checkpoint to be named: {other:?}"),
    }
    // A turn in a segment the program does not have: refused, line named, nothing panics.
    let astray = forged("segment:0", "segment:77");
    for read in [resume, replay] {
        match read(&astray, "j") {
            Err(JournalError::Corrupt { line, .. } | JournalError::Diverged { line, .. }) => {
                assert_eq!(line, 5);
            }
            other => panic!("expected line 5 to be named: {other:?}"),
        }
    }
}
