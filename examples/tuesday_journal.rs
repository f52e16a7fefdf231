//! Writes the journal of the report's fixture: Tuesday morning of the seed meeting on a clock
//! set by hand, with an extension from the console, a pause, two extensions from the keyboard
//! and the API, a struck speaker and a deferred one. `tests/report.rs` checks each column of
//! the report against the times below.
//!
//! `cargo run --no-default-features --example tuesday_journal -- FILE`
//!
//! The committed fixture, `tests/data/tuesday.journal`, was written this way in the journal's
//! first format and is kept as it is: reading it shows that an old journal still gives the
//! same report. What this writes today (the current format) gives the same report too.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use plenary::host::{Clock, Desk, ManualClock};
use plenary::meeting::{Action, Command, Source, Sources, Stamp, TurnId};

/// Venue time (New York, EST) on Tuesday 25 November 2025.
fn venue(time: &str) -> anyhow::Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(&format!("2025-11-25T{time}-05:00"))?.with_timezone(&Utc))
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: tuesday_journal FILE (a new journal)"))?;
    let path = std::path::Path::new(&path);
    anyhow::ensure!(
        !path.exists(),
        "{}: exists; give a new file",
        path.display()
    );
    let clock = Arc::new(ManualClock::new(Stamp::synthetic(venue("09:55:00")?)));
    let (mut desk, _) = Desk::open(path, &Sources::seed()?, clock.clone())?;
    // Each command at its venue time, sent through the inbox as every input sends.
    let mut at = |time: &str, source: Source, action: Action| -> anyhow::Result<()> {
        let now = Stamp::synthetic(venue(time)?);
        clock.advance(now.since(&clock.now()));
        let outcome = desk.send(Command::new(source, action.clone()));
        anyhow::ensure!(
            outcome.result.is_ok(),
            "{time} {action:?}: {:?}",
            outcome.result
        );
        Ok(())
    };
    use Action::*;
    let console = Source::Console;
    at("10:00:00", console, Action::begin_meeting("tue-am"))?;
    at("10:00:05", console, Start)?; // Iceland, for the Nordic countries: 5:00
    at("10:03:00", console, Extend { seconds: 30 })?;
    at("10:05:40", console, Next)?; // spoke 5:35 of 5:30: 0:05 over
    at("10:06:10", console, Start)?; // Ethiopia, 3:00, after a 30 s changeover
    at("10:07:00", console, Pause)?;
    at("10:07:20", console, Resume)?;
    at("10:09:10", console, Next)?; // spoke 2:40, paused 0:20
    at("10:09:40", console, Start)?; // Senegal
    at("10:11:00", Source::Keyboard, Extend { seconds: 15 })?;
    at("10:12:00", Source::Api, Extend { seconds: 15 })?;
    at("10:13:20", console, Next)?; // spoke 3:40 of 3:30: 0:10 over
    let struck = TurnId(next_turn(path, 1)?);
    at("10:13:30", console, Strike { turn: struck })?;
    let deferred = TurnId(next_turn(path, 2)?);
    at("10:13:35", console, Defer { turn: deferred })?;
    println!("wrote {}", path.display());
    Ok(())
}

/// The id of the `n`th speaker waiting after the one on the floor, from the journal so far.
fn next_turn(path: &std::path::Path, n: usize) -> anyhow::Result<u32> {
    let replayed = plenary::journal::read(path)?;
    let queue = replayed.session.queue();
    let turn = queue
        .get(n)
        .ok_or_else(|| anyhow::anyhow!("fewer than {n} speakers wait"))?;
    Ok(turn.0)
}
