//! The command line as a user meets it: `check` prints the program, bad files get
//! file:line:column, `replay` prints the speeches.

use std::process::{Command, Output};

fn plenary(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn check_prints_the_seed_program() {
    let out = plenary(&[
        "check",
        "config/hlm-2025-trafficking.ron",
        "--speakers",
        "config/hlm-2025-speakers.ron",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "General Assembly — Eightieth session",
        "Venue time: America/New_York · warning in the last 0:30",
        "Mon 24 Nov 2025 [mon-am] 10:00–13:00 Plenary meeting",
        "Item: Adoption of the political declaration",
        "Mon 24 Nov 2025 [panel-1] 15:00–16:30 Interactive panel discussion 1",
        "17:30 Closing segment — fixed: starts sharp (anchor)",
        "individual           Individual delegation            3:00",
        "Right of reply — a delegation's first reply 10:00, its second 5:00",
        "(no explanations of vote: resolution 79/286, paragraph 2 (a)",
        "group                On behalf of a group of States   5:00",
        "config/hlm-2025-trafficking.ron: valid.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // With no arguments, the embedded seed is the same program.
    let embedded = plenary(&["check"]);
    assert!(embedded.status.success());
    assert!(String::from_utf8_lossy(&embedded.stdout).contains("[tue-pm] 15:00–18:00"));
}

#[test]
fn a_typo_in_the_config_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("typo.ron");
    let text = std::fs::read_to_string("config/hlm-2025-trafficking.ron").expect("seed");
    std::fs::write(&path, text.replacen("warning:", "warnign:", 1)).expect("write");
    let out = plenary(&["check", path.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("warning:"))
        .expect("line")
        + 1;
    assert!(err.contains(&format!("typo.ron:{line}:")), "{err}");
    assert!(err.contains("warnign"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn missing_files_and_bad_journals_are_clear_errors() {
    let out = plenary(&["check", "no/such/program.ron"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/program.ron: cannot read"));

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.journal");
    std::fs::write(&path, "this is not a journal\n").expect("write");
    let out = plenary(&["replay", path.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.journal:1:"), "{err}");
}

#[test]
fn replay_prints_the_speeches_of_a_headless_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("j.journal");
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args([
            "run",
            "--headless",
            "--no-api",
            "--journal",
            journal.to_str().expect("utf-8"),
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(
            stdin,
            "Start\nNext\nPause\nMessage(text: \"Please conclude\")"
        )
        .expect("write");
    }
    let out = child.wait_with_output().expect("ends");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .starts_with("ok 1 [MeetingBegun(meeting:\"mon-am\"),FloorGiven(turn:0),ClockStarted("),
        "{stdout}"
    );
    assert!(
        stdout.contains("rejected: the clock is not running"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("(new)"));

    let out = plenary(&["replay", journal.to_str().expect("utf-8")]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("3 commands"), "{text}");
    assert!(text.contains("mon-am   Annalena Baerbock"), "{text}");
    assert!(text.contains("Floor: António Guterres"), "{text}");
    assert!(
        text.contains("Message on the podium: Please conclude"),
        "{text}"
    );
    // Everyone else of the meeting, with what became of them.
    assert!(text.contains("Not heard:"), "{text}");
    assert!(
        text.contains("on the floor when the journal ends"),
        "{text}"
    );
    assert!(text.contains("waiting when the journal ends"), "{text}");
}

#[test]
fn a_follower_refuses_to_be_a_chair_console_and_a_bad_address() {
    let out = plenary(&[
        "display",
        "--follow",
        "http://127.0.0.1:9",
        "--window",
        "chair",
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the chair console runs on the control node")
    );
    let out = plenary(&["display", "--print", "--follow", "192.168.1.20:7878"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("http://HOST:PORT"));
}

#[test]
fn a_display_language_that_is_not_one_of_the_six_is_named() {
    for (lang, says) in [
        (
            "de",
            "`de` is not one of the six official languages: say ar, zh, en, fr, ru or es",
        ),
        ("podium=ar,hall=xx", "`xx` is not one of the six"),
        ("lobby=ar", "`lobby` is not a window"),
        ("chair=ar", "the chair console is in English only"),
        ("podium:ar", "or one per display: `podium=ar,hall=en`"),
    ] {
        let out = plenary(&["run", "--headless", "--no-api", "--lang", lang]);
        assert!(!out.status.success(), "--lang {lang}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "--lang {lang}: {stderr}");
    }
    let out = plenary(&[
        "display",
        "--print",
        "--follow",
        "http://127.0.0.1:9",
        "--lang",
        "jp",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("`jp` is not one of the six"));
}

/// Runs `plenary run --headless --no-api ARGS` with `input` on standard input and the data
/// directory `data` (where the default journal and token go), if given.
fn headless_with(
    args: &[std::ffi::OsString],
    data: Option<&std::path::Path>,
    input: &str,
) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_plenary"));
    command.args(["run", "--headless", "--no-api"]).args(args);
    if let Some(data) = data {
        command.env("XDG_DATA_HOME", data);
    }
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input");
    child.wait_with_output().expect("ends")
}

/// Runs `plenary run --headless` on `journal` with `input` on standard input.
fn headless(journal: &std::path::Path, input: &str) -> Output {
    headless_with(&["--journal".into(), journal.into()], None, input)
}

#[test]
fn a_corrupted_last_line_stops_the_start_and_repair_keeps_the_verified_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("day.journal");
    let path = journal.to_str().expect("utf-8");
    let out = headless(
        &journal,
        "BeginMeeting(meeting: \"tue-am\")\nStart\nExtend(seconds: 30)\nPause\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verified = plenary(&["verify", path]);
    let head = String::from_utf8_lossy(&verified.stdout).into_owned();
    assert!(
        head.contains("verified, 4 commands; chain head blake3:"),
        "{head}"
    );

    // One byte of the last, acknowledged line changed, its end of line kept: no tear.
    let mut bytes = std::fs::read(&journal).expect("read");
    let last = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .expect("lines")
        + 1;
    bytes[last + 12] ^= 0x01;
    std::fs::write(&journal, &bytes).expect("write");
    let refused = headless(&journal, "Resume\n");
    assert!(
        !refused.status.success(),
        "the program does not start over it"
    );
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("day.journal:5:"), "{err}");
    assert!(err.contains(&format!("plenary repair {path}")), "{err}");
    assert_eq!(
        std::fs::read(&journal).expect("read"),
        bytes,
        "nothing changed"
    );

    let repaired = plenary(&["repair", path]);
    assert!(repaired.status.success());
    let said = String::from_utf8_lossy(&repaired.stdout);
    assert!(said.contains("kept lines 1 to 4 (3 commands)"), "{said}");
    assert!(
        said.contains(&format!(
            "set aside lines 5 to 5 ({} bytes) in {path}.set-aside",
            bytes.len() - last
        )),
        "{said}"
    );
    assert_eq!(
        std::fs::read(format!("{path}.set-aside")).expect("set aside"),
        &bytes[last..]
    );
    assert!(said.contains("the next command is numbered 5"), "{said}");
    let verified = plenary(&["verify", path]);
    assert!(
        String::from_utf8_lossy(&verified.stdout).contains("verified, 3 commands"),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    // The day goes on; the number the set-aside line carried (4) is never given again.
    let resumed = headless(&journal, "Pause\n");
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let replayed = plenary::journal::read(&journal).expect("replays");
    let numbers: Vec<u64> = replayed.entries.iter().map(|e| e.seq).collect();
    assert_eq!(numbers, [1, 2, 3, 5]);
    let text = std::fs::read_to_string(&journal).expect("read");
    assert!(text.contains("Repaired(at:"), "the repair is journaled");
}

#[test]
fn only_regular_files_are_read_as_journals_and_nothing_hangs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.journal");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for path in [
        "/dev/full",
        "/dev/null",
        dir.path().to_str().expect("utf-8"),
        fifo.to_str().expect("utf-8"),
    ] {
        for command in ["replay", "report", "verify"] {
            let out = plenary(&[command, path]);
            assert!(!out.status.success(), "{command} {path}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("not a regular file"),
                "{command} {path}: {err}"
            );
        }
    }
}

#[test]
fn a_rehearsal_keeps_its_own_journal_and_never_blocks_the_day() {
    let data = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        headless_with(&args, Some(data.path()), "Start\n")
    };
    let rehearsal = run(&["--rehearsal"]);
    assert!(rehearsal.status.success());
    let dir = data.path().join("plenary");
    assert!(dir.join("hlm-2025-trafficking.rehearsal.journal").exists());
    // The day, on the final list: its own journal, not refused.
    let day = run(&["--speakers", "tests/data/hlm-list.csv"]);
    let err = String::from_utf8_lossy(&day.stderr);
    assert!(day.status.success(), "{err}");
    assert!(dir.join("hlm-2025-trafficking.journal").exists());
    // The same journal with yet another list is refused, naming the way out.
    let other = run(&["--speakers", "config/hlm-2025-speakers.csv"]);
    let err = String::from_utf8_lossy(&other.stderr);
    assert!(!other.status.success());
    assert!(err.contains("--journal"), "{err}");
}

#[test]
fn a_rehearsal_runs_at_the_programs_own_dates_and_carries_on_where_it_stopped() {
    let data = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str], input: &str| {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        headless_with(&args, Some(data.path()), input)
    };
    let journal = data
        .path()
        .join("plenary")
        .join("hlm-2025-trafficking.rehearsal.journal");
    // Tuesday afternoon, five minutes before the closing segment (17:25 in New York).
    let first = run(
        &["--rehearse", "2025-11-25T17:25"],
        "BeginMeeting(meeting: \"tue-pm\")\nStart\nstatus\n",
    );
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{err}");
    assert!(
        err.contains("venue clock from 2025-11-25 17:25:00"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains("rehearsal=true"), "{out}");
    let text = std::fs::read_to_string(&journal).expect("the rehearsal's own journal");
    assert!(
        text.contains("rehearsal:true"),
        "the opening record says so"
    );
    assert!(text.contains("wall:\"2025-11-25T22:25:"), "{text}");
    // Started again: carried on from where it stopped, never back to the first meeting.
    let again = run(&["--rehearse"], "Pause\n");
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{err}");
    assert!(
        err.contains("carried on from the journal's 2025-11-25 17:25"),
        "{err}"
    );
    let text = std::fs::read_to_string(&journal).expect("journal");
    let last = text.lines().last().expect("a line");
    assert!(
        last.contains("Pause") && last.contains("2025-11-25T22:25:"),
        "{last}"
    );
    let report = plenary(&["report", journal.to_str().expect("utf-8"), "--format", "md"]);
    let md = String::from_utf8_lossy(&report.stdout);
    assert!(md.starts_with("# REHEARSAL — Speaking-time report"), "{md}");
    // Back before the journal's time: refused, naming the way out.
    let back = run(&["--rehearse", "10:00"], "");
    let err = String::from_utf8_lossy(&back.stderr);
    assert!(!back.status.success());
    assert!(
        err.contains("cannot go back") && err.contains("--journal"),
        "{err}"
    );
    // The same command after a crash: it says to leave the time out to carry on.
    assert!(
        err.contains("Leave the time out (`--rehearse` alone)"),
        "{err}"
    );
    // The day never writes into a rehearsal's journal, nor a rehearsal into the day's.
    let path = journal.to_str().expect("utf-8");
    let day = run(&["--journal", path], "");
    let err = String::from_utf8_lossy(&day.stderr);
    assert!(!day.status.success());
    assert!(err.contains("is a rehearsal's"), "{err}");
    let day_journal = data.path().join("day.journal");
    let day_path = day_journal.to_str().expect("utf-8");
    assert!(run(&["--journal", day_path], "").status.success());
    let mixed = run(&["--journal", day_path, "--rehearse"], "");
    let err = String::from_utf8_lossy(&mixed.stderr);
    assert!(!mixed.status.success());
    assert!(err.contains("is the day's record"), "{err}");
}

/// The program format serves another meeting: the multi-stakeholder hearing of resolution
/// 79/286, paragraph 11, is checked and run by the same binary, with its own kinds and limits.
#[test]
fn a_second_program_the_hearing_is_checked_and_run() {
    let checked = plenary(&["check", "config/hearing-2025-trafficking.ron"]);
    let listing = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(listing.contains("[hearing-am] 10:00–13:00"), "{listing}");
    assert!(
        listing.contains("17:45 Closing — fixed: starts sharp (anchor)"),
        "{listing}"
    );
    assert!(
        listing.contains("stakeholder          Stakeholder                      3:00"),
        "{listing}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("hearing.journal");
    let out = headless_with(
        &[
            "--config".into(),
            "config/hearing-2025-trafficking.ron".into(),
            "--journal".into(),
            journal.into(),
        ],
        None,
        "BeginSegment(segment: \"interventions\")\n\
         Insert(speaker: (meeting: \"hearing-am\", delegation: \"La Strada International\", \
         name: \"Suzanne Hoff\", kind: \"stakeholder\"))\nNext\nStart\nstatus\n",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("segment=interventions") && text.contains("shown=3:00"),
        "a stakeholder speaks for the hearing's three minutes: {text}"
    );
}
