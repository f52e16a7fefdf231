//! The session: the one value that holds the state of the meeting. It changes only through
//! [`Session::apply`], which either returns the events it produced or a rejection in the
//! chair's words, leaving the session as it was.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::clock::{Reading, SpeechClock};
use super::command::{Action, Command};
use super::config::{ConfigError, RawSpeaker, Sources, inscribe};
use super::event::{Event, SpeechRecord};
use super::program::{Class, Content, Inscription, Meeting, Program};
use super::time::{Millis, Stamp};

/// Identifies a turn (a speaker or an item on a list) for the whole session: stable across
/// moves, deferrals and replays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TurnId(pub u32);

impl fmt::Display for TurnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

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
#[derive(Clone, Debug, PartialEq, Eq)]
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
                (None, _) => format!("{} ({})", s.name, s.title),
            },
            Content::Item(item) => item.title.clone(),
        }
    }
}

/// Who has the floor, and their clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Floor {
    pub turn: TurnId,
    /// When they were called.
    pub called: Stamp,
    pub clock: SpeechClock,
    /// The changeover gap before the clock first started (previous speech's end to start).
    pub gap_before: Option<Millis>,
}

/// A command the session refused, with the reason a chair understands.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{0}")]
pub struct Rejection(pub String);

fn reject<T>(reason: impl Into<String>) -> Result<T, Rejection> {
    Err(Rejection(reason.into()))
}

/// The state of the whole meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
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
}

/// The longest span a command may set or add (24 hours), so that no input can overflow the clock.
const MAX_SPAN_SECS: u64 = 24 * 3600;

/// The longest message the podium shows.
pub const MESSAGE_MAX_CHARS: usize = 140;

impl Session {
    /// A session at the start of the program: each segment holds its program turns, each
    /// list of speakers its inscriptions in the precedence order.
    pub fn new(program: Program, inscriptions: Vec<(usize, Inscription)>) -> Session {
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
        };
        let program = Arc::clone(&session.program);
        for (mi, meeting) in program.meetings.iter().enumerate() {
            for (si, segment) in meeting.segments.iter().enumerate() {
                for inscription in &segment.turns {
                    session.add_turn(mi, si, inscription.clone(), None);
                }
            }
        }
        for (mi, inscription) in inscriptions {
            if let Some(si) = program.meetings[mi].list_segment() {
                session.add_turn(mi, si, inscription, None);
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
        Ok(Session::new(program, inscriptions))
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
        self.decide(command, at)
    }

    fn decide(&mut self, command: &Command, at: Stamp) -> Result<Vec<Event>, Rejection> {
        let mut events = Vec::new();
        match &command.action {
            Action::BeginMeeting { meeting } => {
                let Some(index) = self.program.meeting_index(meeting) else {
                    return reject(format!("there is no meeting `{meeting}` in the program"));
                };
                if index == self.meeting && self.meeting_begun {
                    return reject(format!("meeting `{meeting}` is already in progress"));
                }
                self.release_floor(&mut events, "beginning another meeting")?;
                self.meeting = index;
                self.segment = 0;
                self.last_end = None;
                self.gaps.clear();
                self.meeting_begun = false;
                self.ensure_begun(&mut events);
            }
            Action::BeginSegment { segment } => {
                let Some(index) = self
                    .meeting()
                    .segments
                    .iter()
                    .position(|s| &s.id == segment)
                else {
                    return reject(format!("the current meeting has no segment `{segment}`"));
                };
                self.release_floor(&mut events, "moving to another segment")?;
                self.ensure_begun(&mut events);
                self.segment = index;
                events.push(Event::SegmentBegun {
                    segment: segment.clone(),
                });
            }
            Action::Call { turn } => {
                let turn = *turn;
                let Some(t) = self.turn(turn) else {
                    return reject(format!("there is no speaker {turn}"));
                };
                if t.meeting != self.meeting {
                    let id = &self.program.meetings[t.meeting].id;
                    return reject(format!(
                        "{} is on the list of meeting `{id}`; begin that meeting first",
                        t.who()
                    ));
                }
                if t.status != Status::Pending {
                    return reject(format!(
                        "{} is not waiting to speak ({})",
                        t.who(),
                        describe(&t.status)
                    ));
                }
                self.release_floor(&mut events, "calling another speaker")?;
                self.ensure_begun(&mut events);
                self.call(turn, at, &mut events);
            }
            Action::Start => match &mut self.floor {
                Some(floor) if floor.clock.is_running() => {
                    return reject("the clock is already running");
                }
                Some(floor) if floor.clock.is_paused() => {
                    let turn = floor.turn;
                    floor
                        .clock
                        .resume(at)
                        .map_err(|e| Rejection(e.to_string()))?;
                    events.push(Event::ClockResumed { turn });
                }
                Some(_) => self.start_clock(at, &mut events)?,
                None => {
                    let Some(&first) = self.queue().first() else {
                        return reject(self.nothing_to_call());
                    };
                    self.ensure_begun(&mut events);
                    self.call(first, at, &mut events);
                    self.start_clock(at, &mut events)?;
                }
            },
            Action::Pause => {
                let floor = self.floor_mut()?;
                let turn = floor.turn;
                floor
                    .clock
                    .pause(at)
                    .map_err(|e| Rejection(e.to_string()))?;
                let elapsed = floor.clock.elapsed(&at);
                events.push(Event::ClockPaused { turn, elapsed });
            }
            Action::Resume => {
                let floor = self.floor_mut()?;
                let turn = floor.turn;
                floor
                    .clock
                    .resume(at)
                    .map_err(|e| Rejection(e.to_string()))?;
                events.push(Event::ClockResumed { turn });
            }
            Action::Next => {
                let passed = match &self.floor {
                    Some(f) if !f.clock.is_started() => Some(f.turn),
                    _ => None,
                };
                let candidate = self.queue().into_iter().find(|&t| Some(t) != passed);
                if self.floor.is_none() && candidate.is_none() {
                    return reject(self.nothing_to_call());
                }
                self.end_floor(at, &mut events);
                if let Some(turn) = candidate {
                    self.ensure_begun(&mut events);
                    self.call(turn, at, &mut events);
                }
            }
            Action::Recall => {
                if let Some(f) = &self.floor
                    && f.clock.is_started()
                {
                    return reject(format!(
                        "{} is speaking; end the speech (Next) before recalling the previous speaker",
                        self.who(f.turn)
                    ));
                }
                let meeting_id = self.meeting().id.clone();
                let Some(record) = self
                    .records
                    .last()
                    .filter(|r| r.meeting == meeting_id)
                    .cloned()
                else {
                    return reject("no one has spoken yet in this meeting");
                };
                self.end_floor(at, &mut events);
                self.records.pop();
                let turn = record.turn;
                self.set_status(turn, Status::Speaking);
                if let Some(t) = self.turn(turn) {
                    self.segment = t.segment;
                }
                self.floor = Some(Floor {
                    turn,
                    called: record.called,
                    clock: SpeechClock {
                        allotted: record.allotted,
                        limit: record.limit,
                        spent: record.spoken,
                        running_since: None,
                        started: Some(record.started),
                        paused_since: Some(at),
                        paused_total: record.paused,
                        extensions: record.extensions,
                    },
                    gap_before: record.gap_before,
                });
                events.push(Event::Recalled { turn });
            }
            Action::Extend { seconds } => {
                if *seconds == 0 {
                    return reject("an extension of 0 seconds changes nothing");
                }
                if seconds.unsigned_abs() > MAX_SPAN_SECS {
                    return reject("an extension is at most 24 hours");
                }
                let by = Millis::from_secs(*seconds);
                let floor = self.floor_mut()?;
                let turn = floor.turn;
                let limit = floor
                    .clock
                    .extend(by, command.source)
                    .map_err(|e| Rejection(e.to_string()))?;
                events.push(Event::Extended { turn, by, limit });
            }
            Action::SetRemaining { seconds } => {
                if seconds.unsigned_abs() > MAX_SPAN_SECS {
                    return reject("the remaining time is at most 24 hours");
                }
                let remaining = Millis::from_secs(*seconds);
                let floor = self.floor_mut()?;
                let turn = floor.turn;
                floor
                    .clock
                    .set_remaining(remaining, &at)
                    .map_err(|e| Rejection(e.to_string()))?;
                events.push(Event::RemainingSet { turn, remaining });
            }
            Action::ResetClock => {
                let floor = self.floor_mut()?;
                floor.clock.reset();
                events.push(Event::ClockReset { turn: floor.turn });
            }
            Action::Insert { speaker, position } => {
                let (meeting, turn) = self.insert(speaker, *position)?;
                let position = self.position(turn).unwrap_or_default();
                events.push(Event::Inserted {
                    turn,
                    meeting,
                    position,
                });
            }
            Action::Move { turn, position } => {
                let turn = *turn;
                let t = self.pending_turn(turn, "moved")?;
                let list = &mut self.lists[t.meeting][t.segment];
                if *position == 0 || *position > list.len() {
                    return reject(format!(
                        "position {position} is not on the list (1 to {})",
                        list.len()
                    ));
                }
                let from = list.iter().position(|&id| id == turn).map_or(0, |p| p + 1);
                list.retain(|&id| id != turn);
                list.insert(position - 1, turn);
                events.push(Event::Moved {
                    turn,
                    from,
                    position: *position,
                });
            }
            Action::Strike { turn } => {
                let turn = *turn;
                self.waiting_or_called(turn, "struck")?;
                if self.floor.as_ref().is_some_and(|f| f.turn == turn) {
                    self.floor = None;
                }
                self.set_status(turn, Status::Struck);
                events.push(Event::Struck { turn });
            }
            Action::Reinstate { turn } => {
                let turn = *turn;
                if self.status(turn) != Some(&Status::Struck) {
                    return reject(format!("{} is not struck from the list", self.who(turn)));
                }
                self.set_status(turn, Status::Pending);
                events.push(Event::Reinstated { turn });
            }
            Action::Defer { turn } => {
                let turn = *turn;
                let t = self.waiting_or_called(turn, "deferred")?;
                if matches!(t.inscription.content, Content::Item(_)) {
                    return reject(format!("{} is an agenda item; it is not deferred", t.who()));
                }
                let target = self.later_plenary(t.meeting)?;
                if self.floor.as_ref().is_some_and(|f| f.turn == turn) {
                    self.floor = None;
                }
                let to = self.program.meetings[target].id.clone();
                let segment = self.program.meetings[target]
                    .list_segment()
                    .unwrap_or_default();
                let new_turn = self.add_turn(target, segment, t.inscription.clone(), None);
                self.set_status(turn, Status::Deferred { to: to.clone() });
                events.push(Event::Deferred {
                    turn,
                    to_meeting: to,
                    new_turn,
                });
            }
            Action::CarryOver => {
                let Some(segment) = self.meeting().list_segment() else {
                    return reject("the current meeting has no list of speakers");
                };
                let waiting: Vec<TurnId> = self.lists[self.meeting][segment]
                    .iter()
                    .copied()
                    .filter(|&id| self.status(id) == Some(&Status::Pending))
                    .collect();
                if waiting.is_empty() {
                    return reject(
                        "no speakers are waiting on the list; there is nothing to carry over",
                    );
                }
                let target = self.later_plenary(self.meeting)?;
                let to = self.program.meetings[target].id.clone();
                let target_segment = self.program.meetings[target]
                    .list_segment()
                    .unwrap_or_default();
                let mut moved = Vec::with_capacity(waiting.len());
                for (i, id) in waiting.into_iter().enumerate() {
                    let inscription = self.turns[id.0 as usize].inscription.clone();
                    let new_turn = self.add_turn(target, target_segment, inscription, Some(i));
                    self.set_status(id, Status::Deferred { to: to.clone() });
                    moved.push((id, new_turn));
                }
                events.push(Event::CarriedOver {
                    to_meeting: to,
                    turns: moved,
                });
            }
            Action::ApplyPrecedence => {
                if self.meeting().list_segment().is_none() {
                    return reject("the current meeting has no list of speakers");
                }
                self.sort_by_precedence(self.meeting);
                events.push(Event::PrecedenceApplied {
                    meeting: self.meeting().id.clone(),
                });
            }
            Action::Message { text } => {
                let text = text.trim();
                if text.is_empty() {
                    return reject("the message is empty");
                }
                if text.chars().count() > MESSAGE_MAX_CHARS {
                    return reject(format!(
                        "the message is longer than {MESSAGE_MAX_CHARS} characters"
                    ));
                }
                let previous = self.message.replace(text.to_string());
                events.push(Event::MessageShown {
                    text: text.to_string(),
                    previous,
                });
            }
            Action::ClearMessage => {
                let Some(text) = self.message.take() else {
                    return reject("there is no message on the podium");
                };
                events.push(Event::MessageCleared { text });
            }
            Action::Blackout { on } => {
                if self.blackout == *on {
                    return reject(if *on {
                        "the podium is already blacked out"
                    } else {
                        "the podium is not blacked out"
                    });
                }
                self.blackout = *on;
                events.push(Event::BlackoutSet { on: *on });
            }
        }
        Ok(events)
    }

    // ---- helpers of apply -------------------------------------------------------------

    fn ensure_begun(&mut self, events: &mut Vec<Event>) {
        if !self.meeting_begun {
            self.meeting_begun = true;
            events.push(Event::MeetingBegun {
                meeting: self.meeting().id.clone(),
            });
        }
    }

    fn nothing_to_call(&self) -> String {
        let meeting = self.meeting;
        let any_left = self.lists[meeting]
            .iter()
            .flatten()
            .any(|&id| self.status(id) == Some(&Status::Pending));
        if self.turns.iter().any(|t| t.meeting == meeting) && !any_left {
            "no speakers are left on the list of this meeting".into()
        } else if any_left {
            "no speakers are left in this segment or after it".into()
        } else {
            "the list of speakers is empty".into()
        }
    }

    fn floor_mut(&mut self) -> Result<&mut Floor, Rejection> {
        self.floor
            .as_mut()
            .ok_or_else(|| Rejection("no one has the floor".into()))
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

    fn call(&mut self, turn: TurnId, at: Stamp, events: &mut Vec<Event>) {
        let Some(t) = self.turn(turn) else { return };
        let (segment, allotted) = (t.segment, t.inscription.allotted);
        if segment != self.segment {
            self.segment = segment;
            events.push(Event::SegmentBegun {
                segment: self.meeting().segments[segment].id.clone(),
            });
        }
        self.set_status(turn, Status::Speaking);
        self.floor = Some(Floor {
            turn,
            called: at,
            clock: SpeechClock::new(allotted),
            gap_before: None,
        });
        events.push(Event::FloorGiven { turn });
    }

    fn start_clock(&mut self, at: Stamp, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let gap_before = self.last_end.map(|end| at.since(&end).max(Millis::ZERO));
        let floor = self.floor_mut()?;
        floor
            .clock
            .start(at)
            .map_err(|e| Rejection(e.to_string()))?;
        floor.gap_before = gap_before;
        let turn = floor.turn;
        if let Some(gap) = gap_before {
            self.gaps.push(gap);
        }
        self.last_end = None;
        events.push(Event::ClockStarted { turn, gap_before });
        Ok(())
    }

    /// Ends the speech on the floor (recorded), or passes over a speaker who had not started.
    fn end_floor(&mut self, at: Stamp, events: &mut Vec<Event>) {
        let Some(floor) = self.floor.take() else {
            return;
        };
        let turn = floor.turn;
        let Some(started) = floor.clock.started else {
            self.set_status(turn, Status::Pending);
            events.push(Event::PassedOver { turn });
            return;
        };
        let spoken = floor.clock.elapsed(&at);
        let t = &self.turns[turn.0 as usize];
        let meeting = &self.program.meetings[t.meeting];
        let record = SpeechRecord {
            turn,
            meeting: meeting.id.clone(),
            segment: meeting.segments[t.segment].id.clone(),
            called: floor.called,
            started,
            ended: at,
            allotted: floor.clock.allotted,
            limit: floor.clock.limit,
            spoken,
            overtime: floor
                .clock
                .limit
                .map_or(Millis::ZERO, |l| (spoken - l).max(Millis::ZERO)),
            paused: floor.clock.paused(&at),
            extensions: floor.clock.extensions.clone(),
            gap_before: floor.gap_before,
        };
        self.set_status(turn, Status::Spoken);
        self.last_end = Some(at);
        self.records.push(record.clone());
        events.push(Event::SpeechEnded(record));
    }

    /// Before a change of meeting, segment or speaker: refuses if a speech is under way,
    /// returns a called-but-not-started speaker to the list.
    fn release_floor(&mut self, events: &mut Vec<Event>, doing: &str) -> Result<(), Rejection> {
        if let Some(f) = &self.floor {
            if f.clock.is_started() {
                return reject(format!(
                    "{} has the floor; end the speech (Next) before {doing}",
                    self.who(f.turn)
                ));
            }
            let turn = f.turn;
            self.floor = None;
            self.set_status(turn, Status::Pending);
            events.push(Event::PassedOver { turn });
        }
        Ok(())
    }

    fn pending_turn(&self, id: TurnId, verb: &str) -> Result<Turn, Rejection> {
        let Some(t) = self.turn(id) else {
            return reject(format!("there is no speaker {id}"));
        };
        if t.status != Status::Pending {
            return reject(format!(
                "{} cannot be {verb}: {}",
                t.who(),
                describe(&t.status)
            ));
        }
        Ok(t.clone())
    }

    /// A pending turn, or the one on the floor if their clock has not started.
    fn waiting_or_called(&self, id: TurnId, verb: &str) -> Result<Turn, Rejection> {
        if let Some(f) = &self.floor
            && f.turn == id
        {
            if f.clock.is_started() {
                return reject(format!(
                    "{} is speaking; end the speech first",
                    self.who(id)
                ));
            }
            return self
                .turn(id)
                .cloned()
                .ok_or_else(|| Rejection(format!("there is no speaker {id}")));
        }
        self.pending_turn(id, verb)
    }

    fn later_plenary(&self, from: usize) -> Result<usize, Rejection> {
        self.program.next_plenary(from).ok_or_else(|| {
            Rejection("there is no later plenary meeting to move speakers to".into())
        })
    }

    fn insert(
        &mut self,
        raw: &RawSpeaker,
        position: Option<usize>,
    ) -> Result<(String, TurnId), Rejection> {
        let meeting = match &raw.meeting {
            Some(id) => self
                .program
                .meeting_index(id)
                .ok_or_else(|| Rejection(format!("speaker.meeting: there is no meeting `{id}`")))?,
            None => self.meeting,
        };
        let meeting_id = self.program.meetings[meeting].id.clone();
        let Some(segment) = self.program.meetings[meeting].list_segment() else {
            return reject(format!("meeting `{meeting_id}` has no list of speakers"));
        };
        let inscription = inscribe(&self.program, raw)
            .map_err(|(field, m)| Rejection(format!("speaker{field}: {m}")))?;
        let len = self.lists[meeting][segment].len();
        let at = match position {
            None => len,
            Some(p) if (1..=len + 1).contains(&p) => p - 1,
            Some(p) => {
                return reject(format!(
                    "position {p} is not on the list (1 to {})",
                    len + 1
                ));
            }
        };
        Ok((
            meeting_id,
            self.add_turn(meeting, segment, inscription, Some(at)),
        ))
    }

    /// The precedence key: group statements first; then level of representation; Member
    /// States before observers before others; then order of inscription.
    fn precedence(&self, t: &Turn) -> (u8, usize, Class, u32) {
        match &t.inscription.content {
            Content::Speaker(s) => {
                let class = self.program.kind_of(s).map_or(Class::Other, |k| k.class);
                let group = u8::from(class != Class::Group);
                (
                    group,
                    self.program.rank_of(s.level.as_deref()),
                    class,
                    t.inscribed,
                )
            }
            Content::Item(_) => (2, usize::MAX, Class::Other, t.inscribed),
        }
    }

    /// Sorts the waiting turns of a meeting's list into the precedence order; turns that
    /// have spoken, been struck or deferred keep their places.
    fn sort_by_precedence(&mut self, meeting: usize) {
        let Some(segment) = self.program.meetings[meeting].list_segment() else {
            return;
        };
        let list = self.lists[meeting][segment].clone();
        let slots: Vec<usize> = (0..list.len())
            .filter(|&i| self.status(list[i]) == Some(&Status::Pending))
            .collect();
        let mut waiting: Vec<TurnId> = slots.iter().map(|&i| list[i]).collect();
        waiting.sort_by_key(|&id| self.precedence(&self.turns[id.0 as usize]));
        let target = &mut self.lists[meeting][segment];
        for (slot, id) in slots.into_iter().zip(waiting) {
            target[slot] = id;
        }
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
mod tests {
    use super::*;
    use crate::meeting::command::Source;
    use crate::meeting::config::RawSpeaker;
    use chrono::{DateTime, Utc};

    fn seed() -> Session {
        Session::from_sources(&Sources::seed().expect("seed")).expect("valid")
    }

    fn at(local: &str) -> Stamp {
        // Venue time on Monday 24 November 2025 (EST, UTC−5).
        let wall = DateTime::parse_from_rfc3339(&format!("2025-11-24T{local}-05:00"))
            .expect("valid time")
            .with_timezone(&Utc);
        Stamp::synthetic(wall)
    }

    fn run(session: &mut Session, action: Action, time: &str) -> Result<Vec<Event>, Rejection> {
        session.apply(&Command::new(Source::Test, action), at(time))
    }

    fn ok(session: &mut Session, action: Action, time: &str) -> Vec<Event> {
        let text = format!("{action:?}");
        run(session, action, time).unwrap_or_else(|r| panic!("{text} rejected: {r}"))
    }

    fn rejected(session: &mut Session, action: Action, time: &str) -> String {
        let before = session.clone();
        let reason = run(session, action, time)
            .expect_err("should be rejected")
            .0;
        assert_eq!(*session, before, "a rejected command changes nothing");
        reason
    }

    fn delegation_of(session: &Session, id: TurnId) -> String {
        session.turn(id).expect("turn").who()
    }

    fn empty_program_session() -> Session {
        let mut sources = Sources::seed().expect("seed");
        sources.speakers.clear();
        for meeting in &mut sources.program.meetings {
            for segment in &mut meeting.segments {
                segment.turns.clear();
            }
        }
        Session::from_sources(&sources).expect("valid")
    }

    #[test]
    fn rejections_speak_the_chairs_language() {
        let mut empty = empty_program_session();
        assert_eq!(
            rejected(&mut empty, Action::Next, "10:00:00"),
            "the list of speakers is empty"
        );
        assert_eq!(
            rejected(&mut empty, Action::Start, "10:00:00"),
            "the list of speakers is empty"
        );
        assert_eq!(
            rejected(&mut empty, Action::Pause, "10:00:00"),
            "no one has the floor"
        );
        assert_eq!(
            rejected(&mut empty, Action::Extend { seconds: 30 }, "10:00:00"),
            "no one has the floor"
        );
        assert_eq!(
            rejected(&mut empty, Action::ClearMessage, "10:00:00"),
            "there is no message on the podium"
        );
        let mut s = seed();
        ok(&mut s, Action::Start, "10:00:00");
        assert_eq!(
            rejected(&mut s, Action::Start, "10:00:01"),
            "the clock is already running"
        );
        assert_eq!(
            rejected(&mut s, Action::Resume, "10:00:01"),
            "the clock is not paused"
        );
        assert_eq!(
            rejected(
                &mut s,
                Action::BeginMeeting {
                    meeting: "tue-am".into()
                },
                "10:00:02"
            ),
            "Annalena Baerbock (President of the General Assembly) has the floor; end the speech (Next) before beginning another meeting"
        );
        assert_eq!(
            rejected(&mut s, Action::Extend { seconds: 30 }, "10:00:03"),
            "this speech has no time limit; set the remaining time instead"
        );
        assert_eq!(
            rejected(&mut s, Action::Extend { seconds: i64::MAX }, "10:00:04"),
            "an extension is at most 24 hours"
        );
        assert_eq!(
            rejected(
                &mut s,
                Action::SetRemaining { seconds: i64::MIN },
                "10:00:05"
            ),
            "the remaining time is at most 24 hours"
        );
    }

    #[test]
    fn the_opening_segment_runs_into_the_list_of_speakers() {
        let mut s = seed();
        let events = ok(&mut s, Action::Next, "09:59:00");
        assert_eq!(
            events[0],
            Event::MeetingBegun {
                meeting: "mon-am".into()
            }
        );
        assert!(matches!(events[1], Event::FloorGiven { .. }));
        for _ in 0..6 {
            ok(&mut s, Action::Start, "10:00:00");
            ok(&mut s, Action::Next, "10:05:00");
        }
        // The adoption of the declaration is an item, not a speech.
        let item = s.floor_turn().expect("floor");
        assert!(matches!(item.inscription.content, Content::Item(_)));
        ok(&mut s, Action::Start, "10:45:00");
        let events = ok(&mut s, Action::Next, "10:48:00");
        assert!(events.contains(&Event::SegmentBegun {
            segment: "statements".into()
        }));
        assert_eq!(
            delegation_of(&s, s.floor().expect("floor").turn),
            "Saint Lucia (on behalf of the Caribbean Community)"
        );
    }

    #[test]
    fn next_passes_over_a_speaker_who_has_not_started_and_comes_back_to_them() {
        let mut s = seed();
        ok(
            &mut s,
            Action::BeginSegment {
                segment: "statements".into(),
            },
            "11:00:00",
        );
        ok(&mut s, Action::Next, "11:00:00");
        let first = s.floor().expect("floor").turn;
        let events = ok(&mut s, Action::Next, "11:00:30");
        assert_eq!(events[0], Event::PassedOver { turn: first });
        let second = s.floor().expect("floor").turn;
        assert_ne!(first, second);
        ok(&mut s, Action::Start, "11:00:40");
        ok(&mut s, Action::Next, "11:03:40");
        assert_eq!(
            s.floor().expect("floor").turn,
            first,
            "the passed-over speaker is first in line again"
        );
    }

    #[test]
    fn recall_gives_the_floor_back_with_the_clock_where_it_ended() {
        let mut s = seed();
        ok(
            &mut s,
            Action::BeginSegment {
                segment: "statements".into(),
            },
            "11:00:00",
        );
        ok(&mut s, Action::Start, "11:00:00");
        let first = s.floor().expect("floor").turn;
        ok(&mut s, Action::Extend { seconds: 60 }, "11:01:00");
        ok(&mut s, Action::Next, "11:02:00");
        assert_eq!(s.records().len(), 1);
        let events = ok(&mut s, Action::Recall, "11:02:10");
        assert_eq!(events.last(), Some(&Event::Recalled { turn: first }));
        assert!(s.records().is_empty());
        let reading = s.reading(&at("11:05:00")).expect("reading");
        assert!(reading.paused);
        assert_eq!(reading.shown, "4:00", "5:00 + 1:00 − 2:00 spoken");
        ok(&mut s, Action::Resume, "11:05:00");
        assert_eq!(s.reading(&at("11:05:30")).expect("reading").shown, "3:30");
        assert_eq!(
            rejected(&mut s, Action::Recall, "11:05:31"),
            format!(
                "{} is speaking; end the speech (Next) before recalling the previous speaker",
                delegation_of(&s, first)
            )
        );
    }

    #[test]
    fn strike_reinstate_insert_and_move() {
        let mut s = seed();
        let list = s.list(0, 1).to_vec();
        let third = list[2];
        ok(&mut s, Action::Strike { turn: third }, "10:00:00");
        assert_eq!(s.turn(third).expect("turn").status, Status::Struck);
        assert!(!s.queue().contains(&third));
        assert!(
            rejected(&mut s, Action::Strike { turn: third }, "10:00:01")
                .contains("struck from the list")
        );
        ok(&mut s, Action::Reinstate { turn: third }, "10:00:02");
        assert_eq!(s.turn(third).expect("turn").status, Status::Pending);

        let speaker = RawSpeaker {
            delegation: Some("Chile".into()),
            name: "Ana Pérez".into(),
            kind: "individual".into(),
            ..RawSpeaker::default()
        };
        let events = ok(
            &mut s,
            Action::Insert {
                speaker: speaker.clone(),
                position: Some(2),
            },
            "10:01:00",
        );
        let Event::Inserted {
            turn,
            meeting,
            position,
        } = events[0].clone()
        else {
            panic!("expected an insertion, got {events:?}")
        };
        assert_eq!((meeting.as_str(), position), ("mon-am", 2));
        assert_eq!(s.list(0, 1)[1], turn);
        assert_eq!(
            s.turn(turn).expect("turn").inscription.allotted,
            Some(Millis::from_secs(180))
        );
        ok(&mut s, Action::Move { turn, position: 5 }, "10:01:10");
        assert_eq!(s.position(turn), Some(5));
        assert_eq!(
            rejected(&mut s, Action::Move { turn, position: 99 }, "10:01:20"),
            format!(
                "position 99 is not on the list (1 to {})",
                s.list(0, 1).len()
            )
        );
        let bad = RawSpeaker {
            kind: "aria".into(),
            ..speaker
        };
        assert!(
            rejected(
                &mut s,
                Action::Insert {
                    speaker: bad,
                    position: None
                },
                "10:02:00"
            )
            .starts_with("speaker.kind: unknown statement kind `aria`")
        );
    }

    #[test]
    fn defer_and_carry_over_move_speakers_to_the_next_plenary() {
        let mut s = seed();
        let list = s.list(0, 1).to_vec();
        let events = ok(&mut s, Action::Defer { turn: list[0] }, "10:00:00");
        let Event::Deferred {
            to_meeting,
            new_turn,
            ..
        } = &events[0]
        else {
            panic!("{events:?}")
        };
        assert_eq!(to_meeting, "tue-am", "panels are not plenaries");
        let tue = s.program().meeting_index("tue-am").expect("tue-am");
        assert_eq!(s.list(tue, 0).last(), Some(new_turn));
        assert_eq!(
            s.turn(list[0]).expect("turn").status,
            Status::Deferred {
                to: "tue-am".into()
            }
        );

        let waiting_before = s.queue().len();
        let events = ok(&mut s, Action::CarryOver, "12:59:00");
        let Event::CarriedOver { turns, .. } = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(turns.len(), list.len() - 1);
        assert_eq!(
            s.queue().len(),
            waiting_before - turns.len(),
            "only the opening segment is left"
        );
        // Carried over speakers head the next plenary's list, in their order.
        let heads: Vec<TurnId> = s.list(tue, 0).iter().take(turns.len()).copied().collect();
        assert_eq!(heads, turns.iter().map(|(_, new)| *new).collect::<Vec<_>>());
        assert_eq!(
            rejected(&mut s, Action::CarryOver, "12:59:30"),
            "no speakers are waiting on the list; there is nothing to carry over"
        );
    }

    #[test]
    fn precedence_puts_groups_first_then_level_then_member_states_before_observers() {
        let s = seed();
        let order: Vec<(Class, usize, Class)> = s
            .list(0, 1)
            .iter()
            .map(|&id| {
                let t = s.turn(id).expect("turn");
                let Content::Speaker(sp) = &t.inscription.content else {
                    panic!("speaker")
                };
                let class = s.program().kind_of(sp).expect("kind").class;
                (
                    if class == Class::Group {
                        Class::Group
                    } else {
                        Class::MemberState
                    },
                    s.program().rank_of(sp.level.as_deref()),
                    class,
                )
            })
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        // Ghana's President speaks first among individual delegations; the Holy See (observer,
        // head of delegation) after every Member State's head of delegation.
        let names: Vec<String> = s
            .list(0, 1)
            .iter()
            .map(|&id| delegation_of(&s, id))
            .collect();
        let first_individual = names
            .iter()
            .position(|n| !n.contains("on behalf of"))
            .expect("individuals");
        assert_eq!(names[first_individual], "Ghana");
        let holy_see = names
            .iter()
            .position(|n| n == "Holy See")
            .expect("Holy See");
        let last_member = names
            .iter()
            .rposition(|n| n == "Peru" || n == "United States of America")
            .expect("members");
        assert!(holy_see > last_member);
    }

    #[test]
    fn extreme_stamps_from_a_crafted_journal_do_not_panic() {
        let mut s = seed();
        let base = at("11:00:00");
        let far = Stamp {
            mono: Millis(i64::MAX),
            ..base
        };
        let back = Stamp {
            mono: Millis(i64::MIN),
            ..base
        };
        s.apply(
            &Command::new(
                Source::Test,
                Action::BeginSegment {
                    segment: "statements".into(),
                },
            ),
            back,
        )
        .expect("accepted");
        s.apply(&Command::new(Source::Test, Action::Start), back)
            .expect("accepted");
        let reading = s.reading(&far).expect("floor");
        assert_eq!(reading.elapsed, Millis(i64::MAX));
        assert_eq!(reading.phase, crate::meeting::Phase::Overtime);
        let _ = s.forecast(&far);
        s.apply(&Command::new(Source::Test, Action::Pause), far)
            .expect("accepted");
        s.apply(&Command::new(Source::Test, Action::Next), back)
            .expect("accepted");
        assert_eq!(s.records()[0].spoken, Millis(i64::MAX));
    }

    #[test]
    fn a_message_and_the_blackout() {
        let mut s = seed();
        ok(
            &mut s,
            Action::Message {
                text: "  Please conclude ".into(),
            },
            "10:00:00",
        );
        assert_eq!(s.message(), Some("Please conclude"));
        assert_eq!(
            rejected(&mut s, Action::Message { text: " ".into() }, "10:00:01"),
            "the message is empty"
        );
        ok(&mut s, Action::ClearMessage, "10:00:02");
        ok(&mut s, Action::Blackout { on: true }, "10:00:03");
        assert!(s.blackout());
        assert_eq!(
            rejected(&mut s, Action::Blackout { on: true }, "10:00:04"),
            "the podium is already blacked out"
        );
    }
}
