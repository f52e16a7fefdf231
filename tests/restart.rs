//! The binary as a child process: killed with SIGKILL mid-speech after commands were
//! accepted, restarted on the same journal, it has every accepted command and the right
//! remaining time (kept counting by the wall clock, or paused by the restart policy).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use plenary::journal;
use plenary::meeting::{Action, Source};

struct Plenary {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Plenary {
    fn start(journal: &Path, restart: &str) -> Plenary {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args([
                "run",
                "--headless",
                "--no-api",
                "--restart",
                restart,
                "--journal",
            ])
            .arg(journal)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("plenary starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Plenary {
            child,
            stdin,
            stdout,
        }
    }

    /// Sends a line and returns the first line of its answer.
    fn send(&mut self, line: &str) -> String {
        writeln!(self.stdin, "{line}").expect("write");
        self.stdin.flush().expect("flush");
        let mut answer = String::new();
        self.stdout.read_line(&mut answer).expect("read");
        answer.trim().to_string()
    }

    fn status(&mut self) -> Vec<(String, String)> {
        let line = self.send("status");
        assert!(line.starts_with("status "), "{line}");
        line.split_whitespace()
            .skip(1)
            .filter_map(|kv| {
                kv.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            })
            .collect()
    }
}

fn field<'a>(status: &'a [(String, String)], key: &str) -> &'a str {
    status
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key} in {status:?}"))
}

/// Starts a speech with a 30 s extension, kills the program; returns when the clock started
/// (bracketed: before sending Start, after its answer).
fn speak_then_kill(journal: &Path) -> (Instant, Instant) {
    let mut app = Plenary::start(journal, "continue");
    let begun = app.send("BeginSegment(segment: \"statements\")");
    assert!(begun.starts_with("ok 1 [MeetingBegun"), "{begun}");
    let before = Instant::now();
    let started = app.send("Start");
    let after = Instant::now();
    assert!(started.starts_with("ok 2 [FloorGiven"), "{started}");
    assert!(started.contains("ClockStarted"), "{started}");
    assert!(
        app.send("Extend(seconds: 30)")
            .starts_with("ok 3 [Extended")
    );
    assert!(app.send("Nonsense").starts_with("error: stdin:"));
    std::thread::sleep(Duration::from_millis(1500));
    app.child.kill().expect("SIGKILL");
    app.child.wait().expect("reaped");
    (before, after)
}

#[test]
fn killed_mid_speech_the_speech_kept_counting_by_the_wall_clock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("day.journal");
    let (before, after) = speak_then_kill(&path);

    let mut app = Plenary::start(&path, "continue");
    let status = app.status();
    let (early, late) = (before.elapsed(), after.elapsed());
    assert_eq!(field(&status, "phase"), "Running");
    assert_eq!(field(&status, "paused"), "false");
    // 5:00 for the group statement + 0:30, less the time since the start (by the wall clock).
    let remaining: i64 = field(&status, "remaining_ms").parse().expect("number");
    let allowance = 330_000;
    assert!(
        remaining <= allowance - late.as_millis() as i64 + 5,
        "{remaining} vs {late:?}"
    );
    assert!(
        remaining >= allowance - early.as_millis() as i64 - 5,
        "{remaining} vs {early:?}"
    );
    drop(app.stdin);
    app.child.wait().expect("ends at end of input");

    let replayed = journal::read(&path).expect("journal");
    let actions: Vec<Action> = replayed
        .entries
        .iter()
        .map(|e| e.command.action.clone())
        .collect();
    assert_eq!(
        actions,
        [
            Action::BeginSegment {
                segment: "statements".into(),
                waiting: None,
            },
            Action::Start,
            Action::Extend { seconds: 30 }
        ]
    );
    assert!(
        replayed
            .entries
            .iter()
            .all(|e| e.command.source == Source::Stdin)
    );
}

#[test]
fn killed_mid_speech_the_restart_policy_can_pause_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("day.journal");
    let (before, after) = speak_then_kill(&path);

    let mut app = Plenary::start(&path, "pause");
    let status = app.status();
    let (early, late) = (before.elapsed(), after.elapsed());
    assert_eq!(field(&status, "paused"), "true");
    let remaining: i64 = field(&status, "remaining_ms").parse().expect("number");
    assert!(
        remaining <= 330_000 - late.as_millis() as i64 + 5 + 1_000,
        "{remaining}"
    );
    assert!(
        remaining >= 330_000 - early.as_millis() as i64 - 5,
        "{remaining}"
    );
    // Paused: a second later it shows the same.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        field(&app.status(), "remaining_ms")
            .parse::<i64>()
            .expect("number"),
        remaining
    );
    assert!(app.send("Resume").starts_with("ok 5 [ClockResumed"));
    drop(app.stdin);
    app.child.wait().expect("ends");

    let replayed = journal::read(&path).expect("journal");
    assert_eq!(replayed.entries.len(), 5);
    assert_eq!(replayed.entries[3].command.source, Source::Restart);
    assert_eq!(replayed.entries[3].command.action, Action::Pause);
}
