//! Will the list finish? At the pace observed so far — the mean length of the statements of
//! each kind heard, and the mean changeover of the meeting; the program's limits before
//! anything is observed — how many waiting speakers will be heard before each fixed time (the
//! end of the meeting, a segment that starts sharp), the last who fits, the first who does
//! not, and how many more the list has room for. The chair's information: no public display
//! shows it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::forecast::Forecast;
use super::ids::TurnId;
use super::program::Content;
use super::session::Session;
use super::time::{Millis, Stamp, later};

/// How the waiting list stands against one fixed time, at the observed pace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outlook {
    /// "Closing segment", "End of meeting".
    pub label: String,
    pub at: DateTime<Utc>,
    /// Waiting speakers due before it (the segments before it, in order).
    pub waiting: usize,
    /// How many of them will be heard by then.
    pub heard: usize,
    /// The last who will be heard, and when they finish.
    pub last_heard: Option<(TurnId, DateTime<Utc>)>,
    /// The first who will not be heard.
    pub first_not_heard: Option<TurnId>,
    /// How many more statements of the usual length fit after the last (0 once it overruns):
    /// the list should be closed when that many more are inscribed.
    pub room: usize,
    /// A statement and its changeover at the observed pace: what `room` is counted in.
    pub per_speaker: Millis,
}

impl Session {
    /// The mean length of the statements of each kind heard so far (the whole event).
    pub fn pace(&self) -> BTreeMap<String, Millis> {
        let mut sums: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for record in self.records() {
            if let Some(Content::Speaker(s)) =
                self.turn(record.turn).map(|t| &t.inscription.content)
            {
                let entry = sums.entry(s.kind.clone()).or_default();
                entry.0 += record.spoken.0;
                entry.1 += 1;
            }
        }
        sums.into_iter()
            .map(|(kind, (total, n))| (kind, Millis(total / n.max(1))))
            .collect()
    }

    /// Will the list finish, before each fixed time of the current meeting, at `now`, given
    /// the forecast at `now` (the console has it already: it is not computed twice).
    pub fn outlook(&self, forecast: &Forecast, now: &Stamp) -> Vec<Outlook> {
        let pace = self.pace();
        let program = self.program();
        let meeting = self.meeting();
        let gap = forecast.gap;
        // A turn's expected length: the kind's observed mean, else the program's.
        let length = |id: TurnId| {
            self.turn(id)
                .map_or(Millis::ZERO, |t| match &t.inscription.content {
                    Content::Speaker(s) => pace
                        .get(&s.kind)
                        .copied()
                        .unwrap_or_else(|| program.expected(&t.inscription)),
                    Content::Item(_) => program.expected(&t.inscription),
                })
        };
        let mut t = forecast.floor_ends.unwrap_or_else(|| {
            if !self.meeting_begun() && now.wall < meeting.start {
                meeting.start
            } else {
                now.wall
            }
        });
        let mut changeover = self.floor().is_some() || self.floor_free_since().is_some();
        // Each waiting turn with its segment and projected end, in order.
        let mut ends: Vec<(TurnId, usize, DateTime<Utc>)> = Vec::new();
        for id in self.queue() {
            let Some(turn) = self.turn(id) else { continue };
            let segment = &meeting.segments[turn.segment];
            let mut start = if changeover { later(t, gap) } else { t };
            changeover = true;
            if let (true, Some(fixed)) = (segment.fixed, segment.start)
                && turn.segment != self.segment_index()
            {
                start = start.max(fixed);
            }
            t = later(start, length(id));
            ends.push((id, turn.segment, t));
        }
        let mut anchors: Vec<(String, DateTime<Utc>, usize)> = meeting
            .segments
            .iter()
            .enumerate()
            .skip(self.segment_index() + 1)
            .filter_map(|(i, s)| match (s.fixed, s.start) {
                (true, Some(at)) => Some((s.title.clone(), at, i)),
                _ => None,
            })
            .collect();
        anchors.push(("End of meeting".into(), meeting.end, meeting.segments.len()));
        let free_from = forecast.floor_ends.unwrap_or(now.wall).max(now.wall);
        anchors
            .into_iter()
            .map(|(label, at, before)| {
                let due: Vec<&(TurnId, usize, DateTime<Utc>)> =
                    ends.iter().filter(|e| e.1 < before).collect();
                // The usual statement on this part of the list, with its changeover.
                let usual = if due.is_empty() {
                    pace.values().copied().max().unwrap_or(Millis::ZERO) + gap
                } else {
                    let total: i64 = due.iter().map(|e| length(e.0).0).sum();
                    Millis(total / due.len() as i64) + gap
                };
                let heard = due.iter().take_while(|e| e.2 <= at).count();
                let last_heard = heard.checked_sub(1).map(|i| (due[i].0, due[i].2));
                let finish = last_heard.map_or(free_from, |(_, end)| end);
                let spare = (at - finish).num_milliseconds();
                let room = if heard < due.len() || usual.0 <= 0 {
                    0
                } else {
                    usize::try_from(spare / usual.0).unwrap_or(0)
                };
                Outlook {
                    label,
                    at,
                    waiting: due.len(),
                    heard,
                    last_heard,
                    first_not_heard: due.get(heard).map(|e| e.0),
                    room,
                    per_speaker: usual,
                }
            })
            .collect()
    }
}
