//! Helpers shared by the scenario tests: the seed session on a synthetic clock.

#![allow(dead_code)]

pub mod node;
pub mod server;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use plenary::host::{Clock, Desk, ManualClock, Refusal};
use plenary::meeting::{
    Action, Command, Event, Millis, Rejection, Session, Source, Sources, Stamp,
};

/// Venue time (New York, EST in November) on a day of the seed meeting, as a stamp.
pub fn venue(day: &str, time: &str) -> Stamp {
    let wall = DateTime::parse_from_rfc3339(&format!("{day}T{time}-05:00"))
        .expect("valid time")
        .with_timezone(&Utc);
    Stamp::synthetic(wall)
}

/// The seed session driven by a synthetic clock.
pub struct Chair {
    pub session: Session,
    pub now: Stamp,
}

impl Chair {
    pub fn seed(at: Stamp) -> Chair {
        Chair {
            session: Session::from_sources(&Sources::seed().expect("seed")).expect("valid"),
            now: at,
        }
    }

    pub fn wait(&mut self, secs: i64) {
        self.now = self.now.plus(Millis::from_secs(secs));
    }

    pub fn try_do(&mut self, action: Action) -> Result<Vec<Event>, Rejection> {
        self.session
            .apply(&Command::new(Source::Test, action), self.now)
    }

    pub fn does(&mut self, action: Action) -> Vec<Event> {
        let text = format!("{action:?}");
        self.try_do(action)
            .unwrap_or_else(|r| panic!("{text} rejected: {r}"))
    }

    pub fn local(&self, at: DateTime<Utc>) -> String {
        self.session
            .program()
            .local(at)
            .format("%H:%M:%S")
            .to_string()
    }
}

/// A host for the seed program on the journal at `path` (opened or created), on a manual
/// clock standing at `at`.
pub fn seed_host(path: &Path, at: Stamp) -> (Desk, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(at));
    let sources = Sources::seed().expect("seed");
    let (desk, _) = Desk::open(path, &sources, clock.clone()).expect("host");
    (desk, clock)
}

/// Moves `clock` on to `at` (never back) and has the console send `action`: its events, or
/// the session's refusal (a journal failure fails the test).
pub fn console_at(
    host: &mut Desk,
    clock: &ManualClock,
    at: Stamp,
    action: Action,
) -> Result<Vec<Event>, Rejection> {
    let ahead = at.since(&clock.now());
    if ahead > Millis::ZERO {
        clock.advance(ahead);
    }
    match host.send(Command::new(Source::Console, action)).result {
        Ok((_, events)) => Ok(events),
        Err(Refusal::Rejected(r)) => Err(r),
        Err(other) => panic!("not journaled: {other}"),
    }
}
