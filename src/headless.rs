//! `plenary run --headless`: the same host with no windows. Commands come from standard
//! input, one RON action per line (`Next`, `Extend(seconds: 30)`); each line gets exactly one
//! answer line before the next is read: `ok SEQ [events]`, `rejected: REASON` or
//! `error: PLACE: PROBLEM`. `status` answers `status key=value …`.

use std::io::{BufRead, Write};
use std::thread;
use std::time::Duration;

use crate::host::{Host, Inbox, Published};
use crate::meeting::ron_text::{parse_ron, to_ron};
use crate::meeting::{Action, Command, Source, Stamp};
use crate::view::status_line;

/// Serves commands from `input` until it ends, writing outcomes to `out`.
pub fn run<R, W>(mut host: Host, inbox: Inbox, input: R, out: W) -> std::io::Result<()>
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let published = host.published();
    let clock = host.clock().clone();
    let reader =
        thread::spawn(move || read_lines(input, out, &inbox, &published, &move || clock.now()));
    // Serve until the reader (and every other sender) is gone.
    while host.wait(Duration::from_secs(1)).is_some() {}
    reader
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("the input reader stopped")))
}

fn read_lines<R: BufRead, W: Write>(
    input: R,
    mut out: W,
    inbox: &Inbox,
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
        let Some(outcome) = inbox.ask(Command::new(Source::Stdin, action)) else {
            writeln!(out, "error: the session has stopped")?;
            break;
        };
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
