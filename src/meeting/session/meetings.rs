//! Meetings and segments: begin a meeting of the program, go to a segment.

use super::{Rejection, Session, Status};
use crate::meeting::event::Event;
use crate::meeting::{TurnId, Waiting};

impl Session {
    /// `BeginMeeting`: makes a meeting of the program the current one. Speakers still
    /// waiting on the list of a meeting that has begun are carried over or left, as `waiting`
    /// says; with no word on them, nothing is done and the chair is asked.
    pub(super) fn begin_meeting(
        &mut self,
        meeting: &str,
        waiting: Option<Waiting>,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let index = self
            .program
            .meeting_index(meeting)
            .ok_or_else(|| Rejection::NoSuchMeeting(meeting.to_string()))?;
        if index == self.meeting && self.meeting_begun {
            return Err(Rejection::MeetingInProgress(meeting.to_string()));
        }
        const DOING: &str = "beginning another meeting";
        if let Some(f) = self.floor.as_ref().filter(|f| f.clock.is_started()) {
            return Err(Rejection::FloorTaken {
                who: self.who(f.turn),
                doing: DOING,
            });
        }
        let left = self.waiting_on_leaving();
        match waiting {
            None if left > 0 => {
                return Err(Rejection::SpeakersWaiting {
                    count: left,
                    meeting: self.meeting().id.clone(),
                });
            }
            Some(Waiting::CarryOver) if left > 0 => {
                self.later_plenary(self.meeting)?;
            }
            _ => {}
        }
        self.release_floor(events, DOING)?;
        if left > 0 && waiting == Some(Waiting::CarryOver) {
            self.carry_over(events)?;
        }
        self.meeting = index;
        self.segment = 0;
        self.last_end = None;
        self.gaps.clear();
        self.meeting_begun = false;
        self.ensure_begun(events);
        Ok(())
    }

    /// The speakers who wait on the current meeting's list, in its order (one called but not
    /// started among them), begun or not.
    pub fn waiting_on_list(&self) -> Vec<TurnId> {
        self.meeting()
            .list_segment()
            .map_or_else(Vec::new, |segment| {
                self.lists[self.meeting][segment]
                    .iter()
                    .copied()
                    .filter(|&id| {
                        self.floor_turn().is_some_and(|t| t.id == id)
                            || self.status(id) == Some(&Status::Pending)
                    })
                    .collect()
            })
    }

    /// How many speakers would still be waiting on the list of the current meeting if the
    /// chair left it now; none if it has not begun. `BeginMeeting` asks what becomes of them.
    pub fn waiting_on_leaving(&self) -> usize {
        if self.meeting_begun {
            self.waiting_on_list().len()
        } else {
            0
        }
    }

    /// How many speakers going past the list's segment would leave behind, begun or not.
    pub fn waiting_on_segment_change(&self) -> usize {
        self.waiting_on_list().len()
    }

    /// `BeginSegment`: goes to a segment of the current meeting; `Next` calls from there.
    /// Going past the segment of the list of speakers while speakers wait on it needs a word
    /// on them, as leaving the meeting does: carried over to the next plenary meeting, or left
    /// on the list (the chair may come back to it).
    pub(super) fn begin_segment(
        &mut self,
        segment: &str,
        waiting: Option<Waiting>,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let index = self
            .meeting()
            .segments
            .iter()
            .position(|s| s.id == segment)
            .ok_or_else(|| Rejection::NoSuchSegment(segment.to_string()))?;
        let leaves_the_list = self
            .meeting()
            .list_segment()
            .is_some_and(|list| index > list);
        let left = if leaves_the_list {
            self.waiting_on_segment_change()
        } else {
            0
        };
        match waiting {
            None if left > 0 => {
                return Err(Rejection::SpeakersWaitingInSegment {
                    count: left,
                    segment: segment.to_string(),
                });
            }
            Some(Waiting::CarryOver) if left > 0 => {
                self.later_plenary(self.meeting)?;
            }
            _ => {}
        }
        self.release_floor(events, "moving to another segment")?;
        if left > 0 && waiting == Some(Waiting::CarryOver) {
            self.carry_over(events)?;
        }
        self.ensure_begun(events);
        self.segment = index;
        events.push(Event::SegmentBegun {
            segment: segment.to_string(),
        });
        Ok(())
    }
}
