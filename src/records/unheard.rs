//! Every inscribed speaker a meeting did not hear, and what became of each: struck (when, and
//! from which console or device), carried over to a later meeting, still on the floor when
//! the journal ends, or not reached. With the speeches heard, the report accounts for every
//! speaker on every list.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::named::Named;
use crate::journal::Entry;
use crate::meeting::program::Content;
use crate::meeting::{Event, Session, Source, Status, TurnId};

/// What became of a speaker the meeting did not hear.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Struck from the list.
    Struck,
    /// Moved to a later meeting's list (deferred, or carried over with the others waiting).
    CarriedOver { to: String },
    /// Had the floor when the journal ends (the speech is not over).
    OnTheFloor,
    /// Waiting in the meeting and segment that run when the journal ends.
    Waiting,
    /// Never called: the meeting or the segment moved on, or never came.
    NotReached,
}

/// When a speaker's fate was decided, and from where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decided {
    pub at: DateTime<Utc>,
    pub by: Source,
}

/// One speaker inscribed and not heard.
#[derive(Clone, Debug, PartialEq)]
pub struct UnheardRow {
    pub meeting: String,
    pub segment: String,
    pub named: Named,
    pub fate: Fate,
    /// The command that struck or carried them over.
    pub decided: Option<Decided>,
}

impl UnheardRow {
    /// The fate in words, times given by `clock`: "struck at 10:13:30 (Console)".
    pub fn fate_text(&self, clock: impl Fn(DateTime<Utc>) -> String) -> String {
        let when = self
            .decided
            .map(|d| format!(" at {} ({:?})", clock(d.at), d.by))
            .unwrap_or_default();
        match &self.fate {
            Fate::Struck => format!("struck{when}"),
            Fate::CarriedOver { to } => format!("carried over to {to}{when}"),
            Fate::OnTheFloor => "on the floor when the journal ends".into(),
            Fate::Waiting => "waiting when the journal ends".into(),
            Fate::NotReached => "not reached".into(),
        }
    }
}

/// When and from where each speaker was struck or carried over, noted as the replay applies
/// each command (a speaker reinstated is struck no longer).
#[derive(Default)]
pub struct Fates(BTreeMap<TurnId, Decided>);

impl Fates {
    /// Notes what `entry` decided.
    pub fn observe(&mut self, entry: &Entry) {
        let decided = Decided {
            at: entry.at.wall,
            by: entry.command.source,
        };
        for event in &entry.events {
            match event {
                Event::Struck { turn } | Event::Deferred { turn, .. } => {
                    self.0.insert(*turn, decided);
                }
                Event::CarriedOver { turns, .. } => {
                    for (old, _) in turns {
                        self.0.insert(*old, decided);
                    }
                }
                Event::Reinstated { turn } => {
                    self.0.remove(turn);
                }
                _ => {}
            }
        }
    }
}

/// The speakers of the meetings `meetings` (ids) that were not heard, in the order they were
/// inscribed.
pub fn unheard(session: &Session, fates: &Fates, meetings: &[&str]) -> Vec<UnheardRow> {
    let program = session.program();
    let (current_meeting, current_segment) = (session.meeting_index(), session.segment_index());
    session
        .turns()
        .iter()
        .filter(|turn| matches!(turn.inscription.content, Content::Speaker(_)))
        .filter_map(|turn| {
            let meeting = program.meetings.get(turn.meeting)?;
            if !meetings.contains(&meeting.id.as_str()) {
                return None;
            }
            let fate = match &turn.status {
                Status::Spoken => return None,
                Status::Struck => Fate::Struck,
                Status::Deferred { to } => Fate::CarriedOver { to: to.clone() },
                Status::Speaking => Fate::OnTheFloor,
                Status::Pending
                    if turn.meeting == current_meeting && turn.segment >= current_segment =>
                {
                    Fate::Waiting
                }
                Status::Pending => Fate::NotReached,
            };
            Some(UnheardRow {
                meeting: meeting.id.clone(),
                segment: meeting
                    .segments
                    .get(turn.segment)
                    .map_or_else(String::new, |s| s.title.clone()),
                named: Named::of(session, turn.id),
                decided: fates.0.get(&turn.id).copied(),
                fate,
            })
        })
        .collect()
}
