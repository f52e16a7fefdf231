//! Fuzzing with proptest generators (cargo-fuzz needs a nightly toolchain we do not have):
//! the config parser, a journal, an API command body and a CSV import, fed random text and
//! random edits of valid inputs. Nothing panics; every bad input is an error that names its
//! place. `scripts/fuzz.sh SECONDS` runs these far longer (`PROPTEST_CASES`).

use plenary::journal;
use plenary::meeting::config::{RawProgram, validate_program};
use plenary::meeting::delegations::Delegations;
use plenary::meeting::ron_text::parse_ron;
use plenary::meeting::{Action, Command, Session, Source, Sources, Stamp};
use plenary::records::import;
use proptest::prelude::*;

/// Random edits of `base`: bytes replaced, inserted, deleted, lines cut.
fn edited(base: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    let edit = (any::<prop::sample::Index>(), 0u8..4, any::<u8>());
    prop::collection::vec(edit, 1..12).prop_map(move |edits| {
        let mut bytes = base.to_vec();
        for (at, op, byte) in edits {
            if bytes.is_empty() {
                bytes.push(byte);
                continue;
            }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                2 => {
                    bytes.remove(i);
                }
                _ => bytes.truncate(i),
            }
        }
        bytes
    })
}

/// Text likely to break a parser: structure characters, digits, quotes, letters.
fn noise() -> impl Strategy<Value = String> {
    prop::string::string_regex(r#"[(){}\[\]:,"'\\a-z0-9 .\-\n]{0,200}"#).expect("regex")
}

fn journal_bytes() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("f.journal");
        let sources = Sources::seed().expect("seed");
        let mut session = Session::from_sources(&sources).expect("valid");
        let at = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
        let mut journal = journal::Journal::create(&path, &sources, at).expect("created");
        for (i, action) in [
            Action::begin_meeting("tue-am"),
            Action::Start,
            Action::Extend { seconds: 30 },
            Action::Pause,
            Action::Resume,
            Action::Next,
            Action::Start,
        ]
        .into_iter()
        .enumerate()
        {
            let at = at.plus(plenary::meeting::Millis::from_secs(i as i64 * 10));
            let command = Command::new(Source::Test, action);
            let events = session.apply(&command, at).expect("applies");
            journal.append(&command, at, &events).expect("appended");
            // A checkpoint in the middle, as the host writes one every thousand commands.
            if i == 4 {
                journal.checkpoint(&session).expect("checkpoint");
            }
        }
        std::fs::read(&path).expect("read")
    })
}

/// Journal bytes with every complete line's hash recomputed (the tail after the last end of
/// line kept as it is).
fn resealed(bytes: &[u8]) -> Vec<u8> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let text = String::from_utf8_lossy(&bytes[..complete]);
    let mut chain = journal::Chain::new(true);
    let mut out = String::new();
    for line in text.lines() {
        let record = line
            .rsplit_once(journal::CHAIN_MARK)
            .map_or(line, |(record, _)| record);
        out.push_str(&chain.seal(record));
        out.push('\n');
    }
    let mut out = out.into_bytes();
    out.extend_from_slice(&bytes[complete..]);
    out
}

fn program_text() -> &'static [u8] {
    plenary::meeting::config::SEED_PROGRAM.as_bytes()
}

fn csv_text() -> &'static [u8] {
    include_bytes!("../config/hlm-2025-speakers.csv")
}

fn check_program(bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    let raw: RawProgram = parse_ron(&text, "fuzz.ron").map_err(|e| e.to_string())?;
    validate_program(&raw, "fuzz.ron")
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn check_csv(bytes: &[u8]) -> Result<usize, String> {
    let (program, _) = Sources::seed().expect("seed").validate().expect("valid");
    let delegations = Delegations::embedded().expect("delegations");
    let text = String::from_utf8_lossy(bytes);
    import::parse(&text, "fuzz.csv", &program, &delegations)
        .map(|list| list.speakers.len())
        .map_err(|e| e.to_string())
}

/// Why the API refused a body.
#[derive(Debug)]
enum BodyRefused {
    /// The server's 400: not a command.
    NotACommand(String),
    /// The session's 409: a command it refuses.
    Rejected(String),
}

/// The API's path: the body read by the server's own parser; what parses applied to a session
/// (no panic either way).
fn check_body(bytes: &[u8]) -> Result<(), BodyRefused> {
    let action =
        plenary::net::parse_command(bytes).map_err(|e| BodyRefused::NotACommand(e.message))?;
    let mut session = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    let at = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
    let _ = session.apply(&Command::new(Source::Api, Action::Start), at);
    session
        .apply(&Command::new(Source::Api, action), at)
        .map(|_| ())
        .map_err(|e| BodyRefused::Rejected(e.to_string()))
}

proptest! {
    #[test]
    fn config_parser(bytes in prop_oneof![edited(program_text()), noise().prop_map(String::into_bytes)]) {
        if let Err(message) = check_program(&bytes) {
            prop_assert!(message.starts_with("fuzz.ron"), "{message}");
        }
    }

    #[test]
    fn journal(bytes in edited(journal_bytes())) {
        if let Err(e) = journal::replay(&bytes, "fuzz.journal") {
            let message = e.to_string();
            prop_assert!(message.starts_with("journal fuzz.journal"), "{message}");
        }
    }

    /// The same edits with every hash recomputed, as a forger would: they pass the chain and
    /// reach the parser and replay's own checks; the report never panics on them either.
    #[test]
    fn journal_resealed_and_its_report(bytes in edited(journal_bytes())) {
        let bytes = resealed(&bytes);
        if let Err(e) = journal::replay(&bytes, "fuzz.journal") {
            let message = e.to_string();
            prop_assert!(message.starts_with("journal fuzz.journal"), "{message}");
        }
        if let Err(e) = plenary::records::report::Report::from_journal(&bytes, "fuzz.journal") {
            let message = e.to_string();
            prop_assert!(message.starts_with("journal fuzz.journal"), "{message}");
        }
        // A restart trusts a checkpoint that fits the program: the session it gives must take
        // any command without a panic.
        match journal::resume(&bytes, "fuzz.journal") {
            Ok(resumed) => {
                let mut session = resumed.session;
                let at = resumed.cursor.last();
                for action in [Action::Next, Action::Start, Action::Extend { seconds: 30 },
                    Action::Pause, Action::Recall, Action::Next, Action::ClearMessage] {
                    let _ = session.apply(&Command::new(Source::Test, action), at);
                    let _ = session.forecast(&at);
                }
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.starts_with("journal fuzz.journal"), "{message}");
            }
        }
    }

    #[test]
    fn api_body(bytes in prop_oneof![
        edited(br#"{"Insert":{"speaker":{"delegation":"Chile","name":"Ana","kind":"individual"},"position":3}}"#),
        edited(br#"{"Extend":{"seconds":30}}"#),
        edited(br#"{"SetRemaining":{"seconds":9223372036854775807}}"#),
        noise().prop_map(String::into_bytes),
    ]) {
        match check_body(&bytes) {
            Ok(()) => {}
            // The place (line and column of the body) and the problem, with an example.
            Err(BodyRefused::NotACommand(message)) => {
                prop_assert!(message.starts_with("the body is not a command: "), "{message}");
                let place = message.contains(" at line ") && message.contains(" column ")
                    || message.contains(" in the body as a whole: ");
                prop_assert!(place, "{message}");
                prop_assert!(message.contains(r#"(example: {"Extend":{"seconds":30}})"#), "{message}");
            }
            // The chair's words: a sentence, never a debug dump of the command.
            Err(BodyRefused::Rejected(reason)) => {
                prop_assert!(reason.len() > 8 && !reason.contains("Action::"), "{reason}");
                prop_assert!(reason.chars().next().is_some_and(char::is_lowercase), "{reason}");
            }
        }
    }

    #[test]
    fn csv_import(bytes in prop_oneof![edited(csv_text()), noise().prop_map(String::into_bytes)]) {
        if let Err(message) = check_csv(&bytes) {
            prop_assert!(message.starts_with("fuzz.csv"), "{message}");
        }
    }
}

/// Inputs that once broke something, kept as regressions.
#[test]
fn kept_inputs() {
    // Extending by i64::MAX seconds must be refused, not overflow.
    assert!(check_body(br#"{"Extend":{"seconds":9223372036854775807}}"#).is_err());
    assert!(check_body(br#"{"SetRemaining":{"seconds":-9223372036854775808}}"#).is_err());
    // A command that takes fields, named as a string: no line from the parser, so the place is
    // the body as a whole, and the message says what form a command takes.
    match check_body(br#""Insert""#) {
        Err(BodyRefused::NotACommand(message)) => {
            assert!(message.contains("in the body as a whole"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(check_csv(b"\xef\xbb\xbfmeeting,speaker,kind\n").is_ok());
}
