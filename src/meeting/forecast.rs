//! The forecast: when each waiting speaker is expected to start, and how the list stands
//! against the fixed-time anchors (the end of the meeting; a segment that starts sharp).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::TurnId;
use super::session::Session;
use super::time::{Millis, Stamp, later};

/// The projected start and end of one waiting turn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Projected {
    pub turn: TurnId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// How the waiting list stands against one fixed time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnchorForecast {
    /// "Closing segment", "End of meeting".
    pub label: String,
    /// The fixed segment's index in the meeting; none for the end of the meeting. A display
    /// names the anchor by it (in its own language), never by matching the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<usize>,
    /// The fixed time.
    pub at: DateTime<Utc>,
    /// Waiting turns due before it.
    pub due: usize,
    /// How many of those are projected to finish by it.
    pub fit: usize,
    /// Projected finish of the last of them minus the fixed time: positive, the list
    /// overruns by that much; zero or negative, it fits with that much to spare.
    pub overrun: Millis,
}

/// The forecast at one instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forecast {
    /// The changeover gap assumed: the mean observed in the meeting, or the configured one.
    pub gap: Millis,
    /// When the speech on the floor is expected to end.
    pub floor_ends: Option<DateTime<Utc>>,
    /// Every turn `Next` would call, in order.
    pub turns: Vec<Projected>,
    /// The anchors of the current meeting.
    pub anchors: Vec<AnchorForecast>,
}

impl Forecast {
    /// The projected start of a turn.
    pub fn start_of(&self, turn: TurnId) -> Option<DateTime<Utc>> {
        self.turns.iter().find(|p| p.turn == turn).map(|p| p.start)
    }
}

impl Session {
    /// The changeover gap the forecast assumes: the mean of those observed in this meeting,
    /// or the program's default before any is observed.
    pub fn changeover(&self) -> Millis {
        let gaps = self.gaps();
        if gaps.is_empty() {
            self.program().changeover
        } else {
            Millis(gaps.iter().copied().sum::<Millis>().0 / gaps.len() as i64)
        }
    }

    /// Projects the waiting turns of the current meeting from `now`.
    pub fn forecast(&self, now: &Stamp) -> Forecast {
        let program = self.program();
        let meeting = self.meeting();
        let gap = self.changeover();
        let mut t = now.wall;
        if !self.meeting_begun() && t < meeting.start {
            t = meeting.start;
        }
        let mut floor_ends = None;
        if let Some(floor) = self.floor() {
            let left = match floor.clock.remaining(now) {
                Some(r) => r,
                None => {
                    let expect = self
                        .turn(floor.turn)
                        .map_or(Millis::ZERO, |x| program.expected(&x.inscription));
                    expect - floor.clock.elapsed(now)
                }
            };
            t = later(t, left.max(Millis::ZERO));
            floor_ends = Some(t);
        }
        // What is on the floor (or now) finishes here; anchors with nothing due before them
        // are measured from it.
        let free_from = t;

        let queue = self.queue();
        let mut turns = Vec::with_capacity(queue.len());
        let mut anchors = Vec::new();
        let mut current_segment = None;
        // A changeover precedes every speech but the first of a meeting not yet under way.
        let mut changeover = self.floor().is_some() || self.floor_free_since().is_some();
        for id in queue {
            let Some(turn) = self.turn(id) else { continue };
            let mut start = if changeover { later(t, gap) } else { t };
            changeover = true;
            if current_segment != Some(turn.segment) {
                current_segment = Some(turn.segment);
                let segment = &meeting.segments[turn.segment];
                if let (true, Some(fixed), false) = (
                    segment.fixed,
                    segment.start,
                    turn.segment == self.segment_index(),
                ) {
                    let index = Some(turn.segment);
                    anchors.push(anchor(&segment.title, index, fixed, &turns, free_from));
                    start = start.max(fixed);
                }
            }
            t = later(start, program.expected(&turn.inscription));
            turns.push(Projected {
                turn: id,
                start,
                end: t,
            });
        }
        let later_segments = meeting.segments.iter().enumerate();
        for (index, segment) in later_segments.skip(self.segment_index() + 1) {
            // A fixed segment with nothing waiting in it still anchors the list before it.
            if let (true, Some(fixed)) = (segment.fixed, segment.start)
                && !anchors.iter().any(|a| a.at == fixed)
            {
                anchors.push(anchor(
                    &segment.title,
                    Some(index),
                    fixed,
                    &turns,
                    free_from,
                ));
            }
        }
        anchors.push(anchor(
            "End of meeting",
            None,
            meeting.end,
            &turns,
            free_from,
        ));
        Forecast {
            gap,
            floor_ends,
            turns,
            anchors,
        }
    }
}

/// `segment`: the fixed segment's index (none: the end of the meeting); `before`: the
/// projected turns so far; `free_from`: when the floor is free if none is due.
fn anchor(
    label: &str,
    segment: Option<usize>,
    at: DateTime<Utc>,
    before: &[Projected],
    free_from: DateTime<Utc>,
) -> AnchorForecast {
    let due: Vec<&Projected> = before.iter().filter(|p| p.start < at).collect();
    let finish = due.last().map_or(free_from, |p| p.end);
    AnchorForecast {
        label: label.to_string(),
        segment,
        at,
        due: due.len(),
        fit: due.iter().filter(|p| p.end <= at).count(),
        overrun: Millis((finish - at).num_milliseconds()),
    }
}
