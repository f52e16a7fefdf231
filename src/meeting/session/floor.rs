//! The floor: call a speaker, start, pause, resume, next, recall.

use super::{Floor, NothingToCall, Rejection, Session, Status, describe};
use crate::meeting::clock::{ClockError, SpeechClock};
use crate::meeting::event::{Event, SpeechRecord};
use crate::meeting::ids::TurnId;
use crate::meeting::time::{Millis, Stamp};

impl Session {
    /// `Call`: gives the floor to a waiting speaker out of turn.
    pub(super) fn call_out_of_turn(
        &mut self,
        turn: TurnId,
        at: Stamp,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let t = self.turn(turn).ok_or(Rejection::NoSuchTurn(turn))?;
        if t.meeting != self.meeting {
            return Err(Rejection::OtherMeeting {
                who: t.who(),
                meeting: self.program.meetings[t.meeting].id.clone(),
            });
        }
        if t.status != Status::Pending {
            return Err(Rejection::NotWaiting {
                who: t.who(),
                status: describe(&t.status),
            });
        }
        self.release_floor(events, "calling another speaker")?;
        self.ensure_begun(events);
        self.call(turn, at, events);
        Ok(())
    }

    /// `Start`: starts the clock of whoever has the floor, resumes a paused one, or calls
    /// the next speaker and starts theirs.
    pub(super) fn start(&mut self, at: Stamp, events: &mut Vec<Event>) -> Result<(), Rejection> {
        match &self.floor {
            Some(floor) if floor.clock.is_running() => {
                Err(Rejection::Clock(ClockError::AlreadyRunning))
            }
            Some(floor) if floor.clock.is_paused() => self.resume(at, events),
            Some(_) => self.start_clock(at, events),
            None => {
                let Some(&first) = self.queue().first() else {
                    return Err(self.nothing_to_call());
                };
                self.ensure_begun(events);
                self.call(first, at, events);
                self.start_clock(at, events)
            }
        }
    }

    /// `Pause`: stops the running clock.
    pub(super) fn pause(&mut self, at: Stamp, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let floor = self.floor_mut()?;
        floor.clock.pause(at)?;
        events.push(Event::ClockPaused {
            turn: floor.turn,
            elapsed: floor.clock.elapsed(&at),
        });
        Ok(())
    }

    /// `Resume`: starts the paused clock again.
    pub(super) fn resume(&mut self, at: Stamp, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let floor = self.floor_mut()?;
        floor.clock.resume(at)?;
        events.push(Event::ClockResumed { turn: floor.turn });
        Ok(())
    }

    /// `StartOrPause`: pauses a running clock, otherwise starts as `Start` does.
    pub(super) fn start_or_pause(
        &mut self,
        at: Stamp,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        if self.floor.as_ref().is_some_and(|f| f.clock.is_running()) {
            self.pause(at, events)
        } else {
            self.start(at, events)
        }
    }

    /// `Next`: ends the speech (or passes over a speaker who has not started) and calls the
    /// next waiting speaker.
    pub(super) fn next(&mut self, at: Stamp, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let passed = match &self.floor {
            Some(f) if !f.clock.is_started() => Some(f.turn),
            _ => None,
        };
        let candidate = self.queue().into_iter().find(|&t| Some(t) != passed);
        if self.floor.is_none() && candidate.is_none() {
            return Err(self.nothing_to_call());
        }
        self.end_floor(at, events);
        if let Some(turn) = candidate {
            self.ensure_begun(events);
            self.call(turn, at, events);
        }
        Ok(())
    }

    /// `Recall`: gives the floor back to the previous speaker, their clock paused where it ended.
    pub(super) fn recall(&mut self, at: Stamp, events: &mut Vec<Event>) -> Result<(), Rejection> {
        if let Some(f) = &self.floor
            && f.clock.is_started()
        {
            return Err(Rejection::SpeakingBeforeRecall {
                who: self.who(f.turn),
            });
        }
        let meeting_id = &self.meeting().id;
        let record = self
            .records
            .last()
            .filter(|r| &r.meeting == meeting_id)
            .cloned()
            .ok_or(Rejection::NothingToRecall)?;
        self.end_floor(at, events);
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
        Ok(())
    }

    fn nothing_to_call(&self) -> Rejection {
        let meeting = self.meeting;
        let any_left = self.lists[meeting]
            .iter()
            .flatten()
            .any(|&id| self.status(id) == Some(&Status::Pending));
        Rejection::NothingToCall(if any_left {
            NothingToCall::NoneLeftFromHere
        } else if self.turns.iter().any(|t| t.meeting == meeting) {
            NothingToCall::NoneLeft
        } else {
            NothingToCall::EmptyList
        })
    }

    /// Gives the floor to `turn` (moving to its segment), clock not started.
    pub(super) fn call(&mut self, turn: TurnId, at: Stamp, events: &mut Vec<Event>) {
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
        floor.clock.start(at)?;
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
}
