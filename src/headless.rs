//! `plenary run --headless`: the same host with no windows. Commands come from standard
//! input, one RON action per line (`Next`, `Extend(seconds: 30)`); each line gets exactly one
//! answer line before the next is read: `ok SEQ [events]`, `rejected: REASON` or
//! `error: PLACE: PROBLEM`. `status` answers `status key=value …`.

use std::io::{BufRead, Write};
use std::thread;
use std::time::Duration;

use crossbeam_channel::Sender;

use crate::host::{Envelope, Host, Published};
use crate::meeting::config::{parse_ron, to_ron};
use crate::meeting::{Action, Command, Session, Source, Stamp};

/// Serves commands from `input` until it ends, writing outcomes to `out`.
pub fn run<R, W>(
    mut host: Host,
    commands: Sender<Envelope>,
    input: R,
    out: W,
) -> std::io::Result<()>
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let published = host.published();
    let clock = host.clock().clone();
    let reader =
        thread::spawn(move || read_lines(input, out, &commands, &published, &move || clock.now()));
    // Serve until the reader (and every other sender) is gone.
    while host.wait(Duration::from_secs(1)).is_some() {}
    reader
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("the input reader stopped")))
}

fn read_lines<R: BufRead, W: Write>(
    input: R,
    mut out: W,
    commands: &Sender<Envelope>,
    published: &Published,
    now: &dyn Fn() -> Stamp,
) -> std::io::Result<()> {
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if text == "status" {
            writeln!(out, "{}", status_line(&published.get(), &now()))?;
            continue;
        }
        let action: Action = match parse_ron(text, &format!("stdin:{}", index + 1)) {
            Ok(action) => action,
            Err(e) => {
                writeln!(out, "error: {e}")?;
                continue;
            }
        };
        let (reply, outcome) = crossbeam_channel::bounded(1);
        let envelope = Envelope {
            command: Command::new(Source::Stdin, action),
            reply: Some(reply),
        };
        if commands.send(envelope).is_err() {
            writeln!(out, "error: the session has stopped")?;
            break;
        }
        match outcome.recv() {
            Ok(outcome) => match outcome.result {
                Ok((seq, events)) => {
                    let text = to_ron(&events).unwrap_or_else(|e| format!("{events:?} ({e})"));
                    writeln!(out, "ok {seq} {text}")?;
                }
                Err(refusal) => writeln!(out, "rejected: {refusal}")?,
            },
            Err(_) => writeln!(out, "error: the session stopped before answering")?,
        }
    }
    Ok(())
}

/// One line a script can parse: `status key=value …`.
pub fn status_line(session: &Session, now: &Stamp) -> String {
    let meeting = session.meeting();
    let mut parts = vec![
        format!("meeting={}", meeting.id),
        format!("begun={}", session.meeting_begun()),
        format!("segment={}", meeting.segments[session.segment_index()].id),
        format!("waiting={}", session.queue().len()),
        format!("spoken={}", session.records().len()),
    ];
    match (session.floor(), session.reading(now)) {
        (Some(floor), Some(reading)) => {
            parts.push(format!("floor={}", floor.turn.0));
            parts.push(format!("phase={:?}", reading.phase));
            parts.push(format!("paused={}", reading.paused));
            parts.push(format!("shown={}", reading.shown));
            parts.push(format!("elapsed_ms={}", reading.elapsed.0));
            if let Some(remaining) = reading.remaining {
                parts.push(format!("remaining_ms={}", remaining.0));
            }
        }
        _ => parts.push("floor=none".into()),
    }
    format!("status {}", parts.join(" "))
}
