//! Meetings and segments: begin a meeting of the program, go to a segment.

use super::{Rejection, Session};
use crate::meeting::event::Event;

impl Session {
    /// `BeginMeeting`: makes a meeting of the program the current one.
    pub(super) fn begin_meeting(
        &mut self,
        meeting: &str,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let index = self
            .program
            .meeting_index(meeting)
            .ok_or_else(|| Rejection::NoSuchMeeting(meeting.to_string()))?;
        if index == self.meeting && self.meeting_begun {
            return Err(Rejection::MeetingInProgress(meeting.to_string()));
        }
        self.release_floor(events, "beginning another meeting")?;
        self.meeting = index;
        self.segment = 0;
        self.last_end = None;
        self.gaps.clear();
        self.meeting_begun = false;
        self.ensure_begun(events);
        Ok(())
    }

    /// `BeginSegment`: goes to a segment of the current meeting; `Next` calls from there.
    pub(super) fn begin_segment(
        &mut self,
        segment: &str,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let index = self
            .meeting()
            .segments
            .iter()
            .position(|s| s.id == segment)
            .ok_or_else(|| Rejection::NoSuchSegment(segment.to_string()))?;
        self.release_floor(events, "moving to another segment")?;
        self.ensure_begun(events);
        self.segment = index;
        events.push(Event::SegmentBegun {
            segment: segment.to_string(),
        });
        Ok(())
    }
}
