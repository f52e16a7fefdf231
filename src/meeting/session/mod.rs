//! The session: the one value that holds the state of the meeting. It changes only through
//! [`Session::apply`], which either returns the events it produced or a rejection in the
//! chair's words, leaving the session as it was.
//!
//! The decisions live one family to a file: [`floor`](self) (start, pause, resume, next,
//! recall, call), the clock (extend, set remaining, reset), the list (insert, move, strike,
//! reinstate, defer, carry over, precedence), the podium (message, blackout), meetings
//! (begin meeting, begin segment), interruptions (points of order, motions, rulings) and
//! replies (the right-of-reply list, explanations of vote).

mod checkpoint;
mod floor;
mod interruption;
mod list;
mod meetings;
mod podium;
mod rejection;
mod replies;
mod timing;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::clock::{Reading, SpeechClock};
use super::command::{Action, Command};
use super::config::{ConfigError, Placed, Sources};
use super::event::{Event, InterruptionRecord, SpeechRecord};
use super::ids::TurnId;
use super::program::{Inscription, Meeting, Program};

use super::time::{Millis, Stamp};
use crate::meeting::program::Content;

pub use checkpoint::SessionState;
pub use interruption::Interrupted;
pub use rejection::{MAX_NAME_CHARS, MESSAGE_MAX_CHARS, NothingToCall, Rejection};

/// Where a turn stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Waiting on the list.
    Pending,
    /// Has the floor (called; the clock may not have started yet).
    Speaking,
    /// Has spoken.
    Spoken,
    /// Struck from the list.
    Struck,
    /// Moved to a later meeting's list (by id), as a new turn there.
    Deferred { to: String },
}

/// A speaker or an item on a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub id: TurnId,
    /// Index of the meeting in the program.
    pub meeting: usize,
    /// Index of the segment in the meeting.
    pub segment: usize,
    pub inscription: Inscription,
    pub status: Status,
    /// Order of inscription, for ties in the precedence order.
    pub inscribed: u32,
}

impl Turn {
    /// How the chair names the turn: the delegation, or the speaker, or the item.
    pub fn who(&self) -> String {
        match &self.inscription.content {
            Content::Speaker(s) => match (&s.delegation, &s.on_behalf_of) {
                (Some(d), Some(g)) => format!("{d} (on behalf of {g})"),
                (Some(d), None) => d.clone(),
                (None, _) if !s.named() => s.title.clone(),
                (None, _) => format!("{} ({})", s.name, s.title),
            },
            Content::Item(item) => item.title.clone(),
        }
    }
}

/// Who has the floor, and their clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Floor {
    pub turn: TurnId,
    /// When they were called.
    pub called: Stamp,
    pub clock: SpeechClock,
    /// The changeover gap before the clock first started (previous speech's end to start).
    pub gap_before: Option<Millis>,
}

/// The state of the whole meeting. Serialised without its program, only as a checkpoint's
/// [`SessionState`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    #[serde(skip, default = "checkpoint::unset")]
    program: Arc<Program>,
    turns: Vec<Turn>,
    /// `lists[meeting][segment]`: the turns of each segment in order.
    lists: Vec<Vec<Vec<TurnId>>>,
    meeting: usize,
    meeting_begun: bool,
    segment: usize,
    floor: Option<Floor>,
    records: Vec<SpeechRecord>,
    last_end: Option<Stamp>,
    gaps: Vec<Millis>,
    message: Option<String>,
    blackout: bool,
    rehearsal: bool,
    /// A point of order (motion, ruling) holding the floor.
    interrupted: Option<Interrupted>,
    /// Interruptions that have ended.
    interruptions: Vec<InterruptionRecord>,
}

/// The longest span a command may set or add (24 hours), so that no input can overflow the clock.
const MAX_SPAN_SECS: u64 = 24 * 3600;

impl Session {
    /// A session at the start of the program: each segment holds its program turns, each
    /// list of speakers its inscriptions in the precedence order.
    pub fn new(program: Program, placed: Vec<Placed>) -> Session {
        let mut session = Session {
            lists: program
                .meetings
                .iter()
                .map(|m| vec![Vec::new(); m.segments.len()])
                .collect(),
            program: Arc::new(program),
            turns: Vec::new(),
            meeting: 0,
            meeting_begun: false,
            segment: 0,
            floor: None,
            records: Vec::new(),
            last_end: None,
            gaps: Vec::new(),
            message: None,
            blackout: false,
            rehearsal: false,
            interrupted: None,
            interruptions: Vec::new(),
        };
        let program = Arc::clone(&session.program);
        for (mi, meeting) in program.meetings.iter().enumerate() {
            for (si, segment) in meeting.segments.iter().enumerate() {
                for inscription in &segment.turns {
                    session.add_turn(mi, si, inscription.clone(), None);
                }
            }
        }
        for p in placed {
            if p.meeting < program.meetings.len()
                && p.segment < program.meetings[p.meeting].segments.len()
            {
                session.add_turn(p.meeting, p.segment, p.inscription, None);
            }
        }
        for mi in 0..program.meetings.len() {
            session.sort_by_precedence(mi);
        }
        session
    }

    /// A session from a program and list of speakers as read.
    pub fn from_sources(sources: &Sources) -> Result<Session, ConfigError> {
        let (program, inscriptions) = sources.validate()?;
        let mut session = Session::new(program, inscriptions);
        session.rehearsal = sources.rehearsal;
        Ok(session)
    }

    fn add_turn(
        &mut self,
        meeting: usize,
        segment: usize,
        inscription: Inscription,
        at: Option<usize>,
    ) -> TurnId {
        let id = TurnId(self.turns.len() as u32);
        self.turns.push(Turn {
            id,
            meeting,
            segment,
            inscription,
            status: Status::Pending,
            inscribed: id.0,
        });
        let list = &mut self.lists[meeting][segment];
        list.insert(at.unwrap_or(list.len()).min(list.len()), id);
        id
    }

    // ---- reading the state ------------------------------------------------------------

    /// The program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Every turn, indexed by id.
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    /// One turn.
    pub fn turn(&self, id: TurnId) -> Option<&Turn> {
        self.turns.get(id.0 as usize)
    }

    /// The turns of a segment, in order.
    pub fn list(&self, meeting: usize, segment: usize) -> &[TurnId] {
        self.lists
            .get(meeting)
            .and_then(|m| m.get(segment))
            .map_or(&[], Vec::as_slice)
    }

    /// The index of the current meeting.
    pub fn meeting_index(&self) -> usize {
        self.meeting
    }

    /// The current meeting.
    pub fn meeting(&self) -> &Meeting {
        &self.program.meetings[self.meeting]
    }

    /// Whether the current meeting has begun.
    pub fn meeting_begun(&self) -> bool {
        self.meeting_begun
    }

    /// The index of the current segment of the current meeting.
    pub fn segment_index(&self) -> usize {
        self.segment
    }

    /// Who has the floor.
    pub fn floor(&self) -> Option<&Floor> {
        self.floor.as_ref()
    }

    /// The turn that has the floor.
    pub fn floor_turn(&self) -> Option<&Turn> {
        self.floor.as_ref().and_then(|f| self.turn(f.turn))
    }

    /// The finished speeches, in order.
    pub fn records(&self) -> &[SpeechRecord] {
        &self.records
    }

    /// When the last speech ended, if no speech has started since (in this meeting).
    pub fn floor_free_since(&self) -> Option<Stamp> {
        self.last_end
    }

    /// The gaps between speeches observed in the current meeting.
    pub fn gaps(&self) -> &[Millis] {
        &self.gaps
    }

    /// The message shown to the speaker, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether this session is a rehearsal (opened with `--rehearse`): every window says so.
    pub fn rehearsal(&self) -> bool {
        self.rehearsal
    }

    /// Whether the podium is blacked out.
    pub fn blackout(&self) -> bool {
        self.blackout
    }

    /// The clock of the speech on the floor, read at `now`.
    pub fn reading(&self, now: &Stamp) -> Option<Reading> {
        self.floor
            .as_ref()
            .map(|f| f.clock.reading(now, self.program.warning))
    }

    /// The turns `Next` would call, in order: pending turns of the current meeting from the
    /// current segment on.
    pub fn queue(&self) -> Vec<TurnId> {
        self.lists[self.meeting]
            .iter()
            .skip(self.segment)
            .flatten()
            .copied()
            .filter(|&id| self.status(id) == Some(&Status::Pending))
            .collect()
    }

    fn status(&self, id: TurnId) -> Option<&Status> {
        self.turn(id).map(|t| &t.status)
    }

    fn who(&self, id: TurnId) -> String {
        self.turn(id).map_or_else(|| id.to_string(), Turn::who)
    }

    // ---- the one way to change it -------------------------------------------------------

    /// Applies a command at `at`. Either every change is made and the events are returned,
    /// or nothing changes and the rejection says why.
    ///
    /// Every check comes before the first change (the tests assert that a rejection leaves
    /// the session equal to what it was), so no copy of the session is needed here.
    pub fn apply(&mut self, command: &Command, at: Stamp) -> Result<Vec<Event>, Rejection> {
        self.check_not_interrupted(&command.action)?;
        let mut events = Vec::new();
        let e = &mut events;
        match &command.action {
            Action::BeginMeeting { meeting, waiting } => {
                self.begin_meeting(meeting, *waiting, e)?
            }
            Action::BeginSegment { segment, waiting } => {
                self.begin_segment(segment, *waiting, e)?
            }
            Action::Call { turn } => self.call_out_of_turn(*turn, at, e)?,
            Action::Start => self.start(at, e)?,
            Action::Pause => self.pause(at, e)?,
            Action::Resume => self.resume(at, e)?,
            Action::StartOrPause => self.start_or_pause(at, e)?,
            Action::Next => self.next(at, e)?,
            Action::Recall => self.recall(at, e)?,
            Action::Extend { seconds } => self.extend(*seconds, command.source, e)?,
            Action::SetRemaining { seconds } => self.set_remaining(*seconds, at, e)?,
            Action::ResetClock => self.reset_clock(e)?,
            Action::Insert { speaker, position } => self.insert(speaker, *position, e)?,
            Action::Move { turn, position } => self.move_turn(*turn, *position, e)?,
            Action::SetName { turn, name } => self.set_name(*turn, name, e)?,
            Action::Strike { turn } => self.strike(*turn, e)?,
            Action::Reinstate { turn } => self.reinstate(*turn, e)?,
            Action::Defer { turn } => self.defer(*turn, e)?,
            Action::CarryOver => self.carry_over(e)?,
            Action::ApplyPrecedence => self.apply_precedence(e)?,
            Action::Message { text } => self.show_message(text, e)?,
            Action::ClearMessage => self.clear_message(e)?,
            Action::Blackout { on } => self.set_blackout(*on, e)?,
            Action::ToggleBlackout => self.set_blackout(!self.blackout, e)?,
            Action::Interrupt { cause, by } => self.interrupt(*cause, by.as_deref(), at, e)?,
            Action::GiveFloorBack => self.give_floor_back(at, e)?,
            Action::InscribeReply {
                delegation,
                meeting,
                overriding,
            } => self.inscribe_reply(delegation, meeting.as_deref(), *overriding, e)?,
            Action::ExplainVote {
                item,
                delegation,
                overriding,
            } => self.explain_vote(*item, delegation, *overriding, e)?,
        }
        Ok(events)
    }

    // ---- helpers the families share ----------------------------------------------------

    fn ensure_begun(&mut self, events: &mut Vec<Event>) {
        if !self.meeting_begun {
            self.meeting_begun = true;
            events.push(Event::MeetingBegun {
                meeting: self.meeting().id.clone(),
            });
        }
    }

    fn floor_mut(&mut self) -> Result<&mut Floor, Rejection> {
        self.floor.as_mut().ok_or(Rejection::NoFloor)
    }

    fn set_status(&mut self, id: TurnId, status: Status) {
        if let Some(t) = self.turns.get_mut(id.0 as usize) {
            t.status = status;
        }
    }

    /// The 1-based position of a turn on its list.
    pub fn position(&self, id: TurnId) -> Option<usize> {
        let t = self.turn(id)?;
        self.lists[t.meeting][t.segment]
            .iter()
            .position(|&x| x == id)
            .map(|p| p + 1)
    }

    /// Before a change of meeting, segment or speaker: refuses if a speech is under way,
    /// returns a called-but-not-started speaker to the list.
    fn release_floor(
        &mut self,
        events: &mut Vec<Event>,
        doing: &'static str,
    ) -> Result<(), Rejection> {
        if let Some(f) = &self.floor {
            if f.clock.is_started() {
                return Err(Rejection::FloorTaken {
                    who: self.who(f.turn),
                    doing,
                });
            }
            let turn = f.turn;
            self.floor = None;
            self.set_status(turn, Status::Pending);
            events.push(Event::PassedOver { turn });
        }
        Ok(())
    }
}

/// A status in the chair's words.
pub fn describe(status: &Status) -> String {
    match status {
        Status::Pending => "waiting".into(),
        Status::Speaking => "has the floor".into(),
        Status::Spoken => "has spoken".into(),
        Status::Struck => "struck from the list".into(),
        Status::Deferred { to } => format!("deferred to `{to}`"),
    }
}

#[cfg(test)]
mod tests;
