//! The clock of the speech on the floor: extend, set the remaining time, reset.

use super::{MAX_SPAN_SECS, Rejection, Session};
use crate::meeting::event::Event;
use crate::meeting::ids::Source;
use crate::meeting::time::{Millis, Stamp};

impl Session {
    /// `Extend`: adds (or takes away) seconds, recorded with who granted them.
    pub(super) fn extend(
        &mut self,
        seconds: i64,
        source: Source,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        if seconds == 0 {
            return Err(Rejection::ZeroExtension);
        }
        if seconds.unsigned_abs() > MAX_SPAN_SECS {
            return Err(Rejection::ExtensionTooLong);
        }
        let by = Millis::from_secs(seconds);
        let floor = self.floor_mut()?;
        let limit = floor.clock.extend(by, source)?;
        events.push(Event::Extended {
            turn: floor.turn,
            by,
            limit,
        });
        Ok(())
    }

    /// `SetRemaining`: sets the time left from now.
    pub(super) fn set_remaining(
        &mut self,
        seconds: i64,
        at: Stamp,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        if seconds.unsigned_abs() > MAX_SPAN_SECS {
            return Err(Rejection::RemainingTooLong);
        }
        let remaining = Millis::from_secs(seconds);
        let floor = self.floor_mut()?;
        floor.clock.set_remaining(remaining, &at)?;
        events.push(Event::RemainingSet {
            turn: floor.turn,
            remaining,
        });
        Ok(())
    }

    /// `ResetClock`: back to the allotted time, not started.
    pub(super) fn reset_clock(&mut self, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let floor = self.floor_mut()?;
        floor.clock.reset();
        events.push(Event::ClockReset { turn: floor.turn });
        Ok(())
    }
}
