//! Time in the meeting domain: exact millisecond spans and the stamps every command carries.
//!
//! Nothing here reads a clock. A [`Stamp`] is taken outside the domain (by the host) and passed in.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// A signed span of time in whole milliseconds. Integer arithmetic: adding and
/// subtracting spans never drifts. It saturates instead of overflowing, so no stamp read
/// from outside (a journal line) can make it panic.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Millis(pub i64);

impl Millis {
    /// No time at all.
    pub const ZERO: Millis = Millis(0);

    /// A span of whole seconds.
    pub const fn from_secs(secs: i64) -> Self {
        Millis(secs.saturating_mul(1000))
    }

    /// A span of whole minutes.
    pub const fn from_mins(mins: i64) -> Self {
        Millis(mins.saturating_mul(60_000))
    }

    /// Whole seconds, rounded up (`179.001 s` → `180`): how a countdown shows what is left.
    pub fn ceil_secs(self) -> i64 {
        self.0.div_euclid(1000) + i64::from(self.0.rem_euclid(1000) != 0)
    }

    /// Whole seconds, rounded down: how a count-up shows what has passed.
    pub fn floor_secs(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// The span in seconds as a float, for bars and charts only.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// As a chrono delta, to move a wall-clock time.
    pub fn delta(self) -> TimeDelta {
        TimeDelta::try_milliseconds(self.0).unwrap_or(if self.0 < 0 {
            TimeDelta::MIN
        } else {
            TimeDelta::MAX
        })
    }

    /// Parses `M:SS`, `H:MM:SS` or plain seconds (`"3:00"`, `"1:05:00"`, `"45"`).
    pub fn parse_clock(text: &str) -> Option<Millis> {
        let parts: Vec<&str> = text.trim().split(':').collect();
        let numbers: Option<Vec<i64>> = parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect();
        let secs = match numbers?.as_slice() {
            [s] => *s,
            [m, s] if *s < 60 => m.checked_mul(60)?.checked_add(*s)?,
            [h, m, s] if *m < 60 && *s < 60 => h.checked_mul(3600)?.checked_add(m * 60 + s)?,
            _ => return None,
        };
        secs.checked_mul(1000).map(Millis)
    }
}

/// Formats whole seconds as `M:SS` (minutes are not wrapped into hours: `75:00`).
pub fn mss(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.abs();
    format!("{sign}{}:{:02}", secs / 60, secs % 60)
}

impl fmt::Display for Millis {
    /// `M:SS`, whole seconds rounded down; negative spans with a leading minus.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Truncated toward zero; i64 division cannot overflow here.
        let secs = self.0 / 1000;
        f.write_str(&mss(secs))
    }
}

impl Add for Millis {
    type Output = Millis;
    fn add(self, rhs: Millis) -> Millis {
        Millis(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Millis {
    type Output = Millis;
    fn sub(self, rhs: Millis) -> Millis {
        Millis(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Millis {
    type Output = Millis;
    fn neg(self) -> Millis {
        Millis(self.0.saturating_neg())
    }
}

impl AddAssign for Millis {
    fn add_assign(&mut self, rhs: Millis) {
        *self = *self + rhs;
    }
}

impl SubAssign for Millis {
    fn sub_assign(&mut self, rhs: Millis) {
        *self = *self - rhs;
    }
}

impl Sum for Millis {
    fn sum<I: Iterator<Item = Millis>>(iter: I) -> Millis {
        iter.fold(Millis::ZERO, |total, m| total + m)
    }
}

/// When a command was taken: UTC wall time for the record, and a monotonic offset
/// for exact intervals within one run of the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// UTC wall-clock time, whole milliseconds.
    pub wall: DateTime<Utc>,
    /// Which run of the program took the stamp; monotonic offsets compare only within a run.
    pub run: u64,
    /// Monotonic time since that run began.
    pub mono: Millis,
}

impl Stamp {
    /// A stamp for a synthetic clock (tests, simulations): run 0, monotonic time equal to
    /// the wall time since the Unix epoch, so that [`Stamp::plus`] keeps both in step.
    pub fn synthetic(wall: DateTime<Utc>) -> Stamp {
        Stamp {
            wall,
            run: 0,
            mono: Millis(wall.timestamp_millis()),
        }
    }

    /// The time from `earlier` to `self`: monotonic within one run, wall-clock across runs
    /// (a speech that was running when the program stopped kept counting by the wall clock).
    pub fn since(&self, earlier: &Stamp) -> Millis {
        if self.run == earlier.run {
            self.mono - earlier.mono
        } else {
            Millis((self.wall - earlier.wall).num_milliseconds())
        }
    }

    /// The same run, `span` later.
    pub fn plus(&self, span: Millis) -> Stamp {
        Stamp {
            wall: later(self.wall, span),
            run: self.run,
            mono: self.mono + span,
        }
    }
}

/// `at` moved on by `span`, held at the ends of time instead of overflowing: a crafted
/// journal's stamp in the year 262142 must not stop a report or a forecast.
pub fn later(at: DateTime<Utc>, span: Millis) -> DateTime<Utc> {
    at.checked_add_signed(span.delta())
        .unwrap_or(if span < Millis::ZERO {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_moved_past_its_ends_is_held_there() {
        let end = DateTime::<Utc>::MAX_UTC;
        assert_eq!(later(end, Millis::from_secs(60)), end);
        assert_eq!(
            later(DateTime::<Utc>::MIN_UTC, Millis::from_secs(-60)),
            DateTime::<Utc>::MIN_UTC
        );
    }

    #[test]
    fn ceil_and_floor_round_the_right_way() {
        assert_eq!(Millis(180_000).ceil_secs(), 180);
        assert_eq!(Millis(179_001).ceil_secs(), 180);
        assert_eq!(Millis(179_000).ceil_secs(), 179);
        assert_eq!(Millis(1).ceil_secs(), 1);
        assert_eq!(Millis(0).ceil_secs(), 0);
        assert_eq!(Millis(-1).ceil_secs(), 0);
        assert_eq!(Millis(-1000).ceil_secs(), -1);
        assert_eq!(Millis(999).floor_secs(), 0);
        assert_eq!(Millis(1000).floor_secs(), 1);
    }

    #[test]
    fn parses_clock_texts() {
        assert_eq!(Millis::parse_clock("3:00"), Some(Millis::from_secs(180)));
        assert_eq!(Millis::parse_clock("0:30"), Some(Millis::from_secs(30)));
        assert_eq!(Millis::parse_clock("45"), Some(Millis::from_secs(45)));
        assert_eq!(Millis::parse_clock("1:05:00"), Some(Millis::from_mins(65)));
        for bad in [
            "",
            "3:",
            ":30",
            "3:60",
            "x",
            "-1:00",
            "1:2:3:4",
            "3.5",
            "99999999999999999:00",
        ] {
            assert_eq!(Millis::parse_clock(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats_minutes_and_seconds() {
        assert_eq!(mss(180), "3:00");
        assert_eq!(mss(59), "0:59");
        assert_eq!(mss(4500), "75:00");
        assert_eq!(Millis(-61_500).to_string(), "-1:01");
    }

    #[test]
    fn arithmetic_saturates_instead_of_overflowing() {
        assert_eq!(Millis(i64::MAX) + Millis(1), Millis(i64::MAX));
        assert_eq!(Millis(i64::MIN) - Millis(1), Millis(i64::MIN));
        assert_eq!(-Millis(i64::MIN), Millis(i64::MAX));
        assert_eq!(Millis::from_secs(i64::MAX), Millis(i64::MAX));
        assert_eq!(Millis(i64::MIN).delta(), TimeDelta::MIN);
        assert_eq!(
            Millis(i64::MIN).to_string(),
            format!("-{}:{:02}", i64::MAX / 60_000, (i64::MAX / 1000) % 60)
        );
    }

    #[test]
    fn since_uses_monotonic_time_within_a_run_and_wall_time_across_runs() {
        let wall = DateTime::parse_from_rfc3339("2025-11-24T15:00:00Z")
            .expect("valid")
            .with_timezone(&Utc);
        let a = Stamp {
            wall,
            run: 7,
            mono: Millis(1_000),
        };
        // The wall clock was stepped back by NTP, but the monotonic clock says 5 s passed.
        let b = Stamp {
            wall: wall - TimeDelta::seconds(2),
            run: 7,
            mono: Millis(6_000),
        };
        assert_eq!(b.since(&a), Millis(5_000));
        // After a restart the monotonic clock starts over: the wall clock tells.
        let c = Stamp {
            wall: wall + TimeDelta::seconds(90),
            run: 8,
            mono: Millis(10),
        };
        assert_eq!(c.since(&a), Millis(90_000));
    }
}
