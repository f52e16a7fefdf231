//! The speech clock: start, pause, resume, extend, set remaining, reset — computed from stamps.
//!
//! Remaining time is always `limit − elapsed`, where elapsed is the sum of the running spans
//! between stamps. Nothing is accumulated per frame, so nothing can drift.

use serde::{Deserialize, Serialize};

use super::ids::Source;
use super::time::{Millis, Stamp, mss};

/// One extension granted to a speech (positive or negative), and who granted it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// How much time was added (negative: taken away).
    pub by: Millis,
    /// Where the command came from (console, keyboard, API, …).
    pub source: Source,
}

/// Why the clock refused an operation, in the chair's words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// Start on a clock that is already counting.
    #[error("the clock is already running")]
    AlreadyRunning,
    /// Resume on a clock that is not paused.
    #[error("the clock is not paused")]
    NotPaused,
    /// Pause on a clock that is not counting.
    #[error("the clock is not running")]
    NotRunning,
    /// Extend on a speech that counts up.
    #[error("this speech has no time limit; set the remaining time instead")]
    NoLimit,
    /// An extension that would leave a negative allowance.
    #[error("taking away {taken} would leave less than no time (the allowance is {allowance})")]
    BelowZero { taken: Millis, allowance: Millis },
    /// Set remaining with a negative value.
    #[error("the remaining time cannot be negative")]
    NegativeRemaining,
}

/// The phase of a speech, shown by colour and by a second cue on every display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Called, clock not yet started: shows the allotted time.
    Ready,
    /// Counting down, more than the warning threshold left.
    Running,
    /// Counting down, within the warning threshold (default the last 30 s).
    Warning,
    /// The first second past the limit: shows `0:00`.
    Expired,
    /// Past the limit by a second or more: shows `+M:SS`, counting up.
    Overtime,
    /// A speech with no limit: counts up from `0:00`.
    CountUp,
}

/// What a display shows for the clock at one instant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The phase.
    pub phase: Phase,
    /// Whether the clock is paused (as opposed to running or not started).
    pub paused: bool,
    /// The text to show: `3:00`, `0:00`, `+0:01`, or the count-up `1:23`.
    pub shown: String,
    /// Time spoken so far.
    pub elapsed: Millis,
    /// The allowance (allotted time plus extensions), if the speech has a limit.
    pub limit: Option<Millis>,
    /// `limit − elapsed` (negative in overtime), if the speech has a limit.
    pub remaining: Option<Millis>,
}

impl Reading {
    /// The share of the allowance still left, from 1.0 down to 0.0, for a draining bar.
    pub fn fraction_left(&self) -> Option<f32> {
        match (self.remaining, self.limit) {
            (Some(r), Some(l)) if l.0 > 0 => Some((r.0 as f32 / l.0 as f32).clamp(0.0, 1.0)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        }
    }
}

/// The clock of one speech.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeechClock {
    /// The time allotted when the speaker was called (none: counts up).
    pub allotted: Option<Millis>,
    /// The allowance now: allotted plus extensions and adjustments.
    pub limit: Option<Millis>,
    /// Running time accumulated before the current running span.
    pub spent: Millis,
    /// Start of the current running span, if running.
    pub running_since: Option<Stamp>,
    /// When the speech first started, if it has.
    pub started: Option<Stamp>,
    /// Start of the current pause, if paused.
    pub paused_since: Option<Stamp>,
    /// Time spent paused, over finished pauses.
    pub paused_total: Millis,
    /// Extensions granted, in order.
    pub extensions: Vec<Extension>,
}

impl SpeechClock {
    /// A clock for a speech with the given allotted time (none: counts up), not started.
    pub fn new(allotted: Option<Millis>) -> Self {
        SpeechClock {
            allotted,
            limit: allotted,
            spent: Millis::ZERO,
            running_since: None,
            started: None,
            paused_since: None,
            paused_total: Millis::ZERO,
            extensions: Vec::new(),
        }
    }

    /// Whether the speech has started (it may be paused since).
    pub fn is_started(&self) -> bool {
        self.started.is_some()
    }

    /// Whether the clock is counting now.
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Whether the clock is paused.
    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    /// Time spoken up to `now`.
    pub fn elapsed(&self, now: &Stamp) -> Millis {
        let current = self
            .running_since
            .map_or(Millis::ZERO, |since| now.since(&since).max(Millis::ZERO));
        self.spent + current
    }

    /// Time paused up to `now`.
    pub fn paused(&self, now: &Stamp) -> Millis {
        let current = self
            .paused_since
            .map_or(Millis::ZERO, |since| now.since(&since).max(Millis::ZERO));
        self.paused_total + current
    }

    /// `limit − elapsed` at `now`, if the speech has a limit.
    pub fn remaining(&self, now: &Stamp) -> Option<Millis> {
        self.limit.map(|limit| limit - self.elapsed(now))
    }

    /// Starts the clock (first start only; a paused clock is resumed with [`Self::resume`]).
    pub fn start(&mut self, now: Stamp) -> Result<(), ClockError> {
        if self.is_running() {
            return Err(ClockError::AlreadyRunning);
        }
        if self.is_paused() {
            return self.resume(now);
        }
        self.started.get_or_insert(now);
        self.running_since = Some(now);
        Ok(())
    }

    /// Pauses a running clock.
    pub fn pause(&mut self, now: Stamp) -> Result<(), ClockError> {
        let since = self.running_since.take().ok_or(ClockError::NotRunning)?;
        self.spent += now.since(&since).max(Millis::ZERO);
        self.paused_since = Some(now);
        Ok(())
    }

    /// Resumes a paused clock.
    pub fn resume(&mut self, now: Stamp) -> Result<(), ClockError> {
        let since = self.paused_since.take().ok_or(ClockError::NotPaused)?;
        self.paused_total += now.since(&since).max(Millis::ZERO);
        self.running_since = Some(now);
        Ok(())
    }

    /// Adds `by` (negative: takes away) to the allowance.
    pub fn extend(&mut self, by: Millis, source: Source) -> Result<Millis, ClockError> {
        let limit = self.limit.ok_or(ClockError::NoLimit)?;
        let new_limit = limit + by;
        if new_limit < Millis::ZERO {
            return Err(ClockError::BelowZero {
                taken: -by,
                allowance: limit,
            });
        }
        self.limit = Some(new_limit);
        self.extensions.push(Extension { by, source });
        Ok(new_limit)
    }

    /// Sets the allowance so that exactly `remaining` is left at `now` (also gives a
    /// count-up speech a limit).
    pub fn set_remaining(&mut self, remaining: Millis, now: &Stamp) -> Result<(), ClockError> {
        if remaining < Millis::ZERO {
            return Err(ClockError::NegativeRemaining);
        }
        self.limit = Some(self.elapsed(now) + remaining);
        Ok(())
    }

    /// Back to the allotted time, not started (a false start).
    pub fn reset(&mut self) {
        *self = SpeechClock::new(self.allotted);
    }

    /// What the displays show at `now`, with the warning threshold `warning`.
    pub fn reading(&self, now: &Stamp, warning: Millis) -> Reading {
        let elapsed = self.elapsed(now);
        let remaining = self.remaining(now);
        let (phase, shown) = match remaining {
            None => (Phase::CountUp, mss(elapsed.floor_secs())),
            Some(left) if !self.is_started() => {
                (Phase::Ready, mss(left.max(Millis::ZERO).ceil_secs()))
            }
            Some(left) if left > Millis::ZERO => {
                let secs = left.ceil_secs();
                let phase = if Millis::from_secs(secs) <= warning {
                    Phase::Warning
                } else {
                    Phase::Running
                };
                (phase, mss(secs))
            }
            Some(left) => {
                let over = (-left).floor_secs();
                if over == 0 {
                    (Phase::Expired, mss(0))
                } else {
                    (Phase::Overtime, format!("+{}", mss(over)))
                }
            }
        };
        Reading {
            phase,
            paused: self.is_paused(),
            shown,
            elapsed,
            limit: self.limit,
            remaining,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn t0() -> Stamp {
        Stamp::synthetic(
            DateTime::parse_from_rfc3339("2025-11-24T16:00:00Z")
                .expect("valid")
                .with_timezone(&Utc),
        )
    }

    fn shown_at(clock: &SpeechClock, start: &Stamp, ms: i64) -> (Phase, String) {
        let r = clock.reading(&start.plus(Millis(ms)), Millis::from_secs(30));
        (r.phase, r.shown)
    }

    #[test]
    fn rounding_boundaries_of_a_three_minute_speech() {
        let start = t0();
        let mut clock = SpeechClock::new(Some(Millis::from_secs(180)));
        assert_eq!(shown_at(&clock, &start, 0), (Phase::Ready, "3:00".into()));
        clock.start(start).expect("starts");
        // 3:00 for the whole first second.
        assert_eq!(shown_at(&clock, &start, 0), (Phase::Running, "3:00".into()));
        assert_eq!(
            shown_at(&clock, &start, 999),
            (Phase::Running, "3:00".into())
        );
        assert_eq!(
            shown_at(&clock, &start, 1_000),
            (Phase::Running, "2:59".into())
        );
        // Warning from 0:30 shown.
        assert_eq!(
            shown_at(&clock, &start, 149_999),
            (Phase::Running, "0:31".into())
        );
        assert_eq!(
            shown_at(&clock, &start, 150_000),
            (Phase::Warning, "0:30".into())
        );
        assert_eq!(
            shown_at(&clock, &start, 179_999),
            (Phase::Warning, "0:01".into())
        );
        // 0:00 exactly at expiry, for one second.
        assert_eq!(
            shown_at(&clock, &start, 180_000),
            (Phase::Expired, "0:00".into())
        );
        assert_eq!(
            shown_at(&clock, &start, 180_999),
            (Phase::Expired, "0:00".into())
        );
        // +0:01 one second after, counting up.
        assert_eq!(
            shown_at(&clock, &start, 181_000),
            (Phase::Overtime, "+0:01".into())
        );
        assert_eq!(
            shown_at(&clock, &start, 241_500),
            (Phase::Overtime, "+1:01".into())
        );
    }

    #[test]
    fn pauses_do_not_count_and_are_totalled() {
        let start = t0();
        let mut clock = SpeechClock::new(Some(Millis::from_secs(180)));
        clock.start(start).expect("starts");
        clock.pause(start.plus(Millis(10_000))).expect("pauses");
        assert_eq!(
            clock.pause(start.plus(Millis(11_000))),
            Err(ClockError::NotRunning)
        );
        let r = clock.reading(&start.plus(Millis(70_000)), Millis::from_secs(30));
        assert!(r.paused);
        assert_eq!(r.shown, "2:50");
        clock.resume(start.plus(Millis(70_000))).expect("resumes");
        assert_eq!(clock.elapsed(&start.plus(Millis(75_000))), Millis(15_000));
        assert_eq!(clock.paused(&start.plus(Millis(75_000))), Millis(60_000));
    }

    #[test]
    fn extensions_and_set_remaining_move_the_allowance_not_the_time_spoken() {
        let start = t0();
        let mut clock = SpeechClock::new(Some(Millis::from_secs(180)));
        clock.start(start).expect("starts");
        assert_eq!(
            clock.extend(Millis::from_secs(30), Source::Console),
            Ok(Millis::from_secs(210))
        );
        assert_eq!(
            clock.extend(Millis::from_secs(-300), Source::Console),
            Err(ClockError::BelowZero {
                taken: Millis::from_secs(300),
                allowance: Millis::from_secs(210)
            })
        );
        let now = start.plus(Millis(100_000));
        clock
            .set_remaining(Millis::from_secs(20), &now)
            .expect("sets");
        assert_eq!(clock.remaining(&now), Some(Millis::from_secs(20)));
        assert_eq!(clock.elapsed(&now), Millis(100_000));
        clock.reset();
        assert_eq!(clock, SpeechClock::new(Some(Millis::from_secs(180))));
    }

    #[test]
    fn a_speech_without_limit_counts_up() {
        let start = t0();
        let mut clock = SpeechClock::new(None);
        clock.start(start).expect("starts");
        assert_eq!(
            shown_at(&clock, &start, 83_900),
            (Phase::CountUp, "1:23".into())
        );
        assert_eq!(
            clock.extend(Millis::from_secs(30), Source::Console),
            Err(ClockError::NoLimit)
        );
        clock
            .set_remaining(Millis::from_secs(60), &start.plus(Millis(90_000)))
            .expect("sets");
        assert_eq!(
            shown_at(&clock, &start, 90_000),
            (Phase::Running, "1:00".into())
        );
    }
}
