//! The clocks commands are stamped with: the system clock, one from a chosen time (rehearsals)
//! or accelerated (soaks), and one moved by hand for tests and simulations.

use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use chrono::{DurationRound, TimeDelta, Utc};

use crate::meeting::{Millis, Stamp};

/// Something that tells the time. The system clock in the app; a manual one in tests.
pub trait Clock: Send + Sync {
    /// The stamp for a command arriving now.
    fn now(&self) -> Stamp;
}

/// The system clock: UTC wall time and a monotonic offset since this run began.
pub struct SystemClock {
    run: u64,
    origin: Instant,
}

impl SystemClock {
    /// A clock for a new run of the program (the run is named by its start time).
    pub fn new() -> Self {
        SystemClock {
            run: Utc::now().timestamp_millis().unsigned_abs(),
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Stamp {
        let wall = Utc::now();
        Stamp {
            wall: wall
                .duration_trunc(TimeDelta::milliseconds(1))
                .unwrap_or(wall),
            run: self.run,
            mono: Millis(i64::try_from(self.origin.elapsed().as_millis()).unwrap_or(i64::MAX)),
        }
    }
}

/// The system clock running `speed` times faster, from a chosen time: a whole day of
/// meetings in minutes through the real program (soak tests), or a rehearsal at real speed
/// from the first meeting's start on any day.
pub struct FastClock {
    run: u64,
    origin: Instant,
    wall: chrono::DateTime<Utc>,
    speed: u32,
}

impl FastClock {
    /// A clock from now, `speed` times faster.
    pub fn new(speed: u32) -> Self {
        Self::starting(Utc::now(), speed)
    }

    /// A clock that reads `wall` now and runs on `speed` times faster.
    pub fn starting(wall: chrono::DateTime<Utc>, speed: u32) -> Self {
        FastClock {
            run: Utc::now().timestamp_millis().unsigned_abs(),
            origin: Instant::now(),
            wall: wall
                .duration_trunc(TimeDelta::milliseconds(1))
                .unwrap_or(wall),
            speed,
        }
    }
}

impl Clock for FastClock {
    fn now(&self) -> Stamp {
        let real = i64::try_from(self.origin.elapsed().as_millis()).unwrap_or(i64::MAX);
        let elapsed = Millis(real.saturating_mul(i64::from(self.speed)));
        Stamp {
            wall: self.wall + elapsed.delta(),
            run: self.run,
            mono: elapsed,
        }
    }
}

/// A clock moved by hand: for tests, simulations and accelerated soaks.
pub struct ManualClock(Mutex<Stamp>);

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: Stamp) -> Self {
        ManualClock(Mutex::new(start))
    }

    /// Moves the clock on by `span`.
    pub fn advance(&self, span: Millis) {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *now = now.plus(span);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Stamp {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
