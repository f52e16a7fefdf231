//! Interruptions of the floor: a point of order, a procedural motion, the President's ruling.
//! The speaker's clock stops with its cause journaled, the interruption counts up on its own
//! clock, and the speaker gets the floor back with exactly the time they had.

use super::rejection::MAX_NAME_CHARS;
use super::{Rejection, Session};
use crate::meeting::command::{Action, Interruption};
use crate::meeting::event::{Event, InterruptionRecord};
use crate::meeting::ids::TurnId;
use crate::meeting::time::{Millis, Stamp};

/// An interruption under way.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Interrupted {
    pub cause: Interruption,
    /// The delegation that raised it.
    pub by: Option<String>,
    /// When it began: its own clock counts up from here.
    pub since: Stamp,
    /// The speech it interrupted.
    pub turn: Option<TurnId>,
    /// The speaker's clock ran, and was stopped.
    pub clock_stopped: bool,
}

impl Interrupted {
    /// "Point of order (Russian Federation)".
    pub fn describe(&self) -> String {
        match &self.by {
            Some(by) => format!("{} ({by})", self.cause.label()),
            None => self.cause.label().to_string(),
        }
    }
}

impl Action {
    /// Whether the action changes who has the floor or runs their clock: refused while an
    /// interruption holds the floor.
    pub fn moves_the_floor(&self) -> bool {
        matches!(
            self,
            Action::BeginMeeting { .. }
                | Action::BeginSegment { .. }
                | Action::Call { .. }
                | Action::Start
                | Action::Pause
                | Action::StartOrPause
                | Action::Resume
                | Action::Next
                | Action::Recall
        )
    }
}

impl Session {
    /// The interruption under way, if any.
    pub fn interrupted(&self) -> Option<&Interrupted> {
        self.interrupted.as_ref()
    }

    /// While an interruption holds the floor, the interrupted speaker's time left: what they
    /// will have back (their clock stands still meanwhile; an extension granted during the
    /// point of order counts). None: no one was speaking, or the speech counts up.
    pub fn time_held(&self, now: &Stamp) -> Option<Millis> {
        let interrupted = self.interrupted.as_ref()?;
        let floor = self
            .floor
            .as_ref()
            .filter(|f| Some(f.turn) == interrupted.turn)?;
        floor.clock.remaining(now)
    }

    /// Every interruption that has ended, in order.
    pub fn interruptions(&self) -> &[InterruptionRecord] {
        &self.interruptions
    }

    /// Refuses `action` while an interruption holds the floor, if it would move the floor.
    pub(super) fn check_not_interrupted(&self, action: &Action) -> Result<(), Rejection> {
        match &self.interrupted {
            Some(i) if action.moves_the_floor() => {
                Err(Rejection::Interrupted { what: i.describe() })
            }
            _ => Ok(()),
        }
    }

    /// `Interrupt`: stops the speaker's clock if it runs, and gives the floor to the
    /// interruption.
    pub(super) fn interrupt(
        &mut self,
        cause: Interruption,
        by: Option<&str>,
        at: Stamp,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        if let Some(i) = &self.interrupted {
            return Err(Rejection::Interrupted { what: i.describe() });
        }
        let by = by.map(str::trim).filter(|b| !b.is_empty());
        if by.is_some_and(|b| b.chars().count() > MAX_NAME_CHARS) {
            return Err(Rejection::NameTooLong);
        }
        let by = by.map(str::to_string);
        let (turn, clock_stopped) = match self.floor.as_mut() {
            Some(floor) => {
                let running = floor.clock.is_running();
                if running {
                    floor.clock.pause(at)?;
                }
                (Some(floor.turn), running)
            }
            None => (None, false),
        };
        self.interrupted = Some(Interrupted {
            cause,
            by: by.clone(),
            since: at,
            turn,
            clock_stopped,
        });
        events.push(Event::Interrupted {
            cause,
            by,
            turn,
            clock_stopped,
        });
        Ok(())
    }

    /// `GiveFloorBack`: ends the interruption; the speaker's clock runs again if it ran.
    pub(super) fn give_floor_back(
        &mut self,
        at: Stamp,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let remaining = self.time_held(&at);
        let interrupted = self.interrupted.take().ok_or(Rejection::NotInterrupted)?;
        let resumed = interrupted.clock_stopped
            && self.floor.as_ref().map(|f| f.turn) == interrupted.turn
            && self
                .floor
                .as_mut()
                .is_some_and(|f| f.clock.resume(at).is_ok());
        let record = InterruptionRecord {
            cause: interrupted.cause,
            by: interrupted.by,
            meeting: self.meeting().id.clone(),
            turn: interrupted.turn,
            began: interrupted.since,
            ended: at,
            remaining,
            resumed,
        };
        self.interruptions.push(record.clone());
        events.push(Event::FloorGivenBack(record));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Phase;
    use crate::meeting::session::tests::{at, run as apply, seed};

    fn point_of_order(by: &str) -> Action {
        Action::Interrupt {
            cause: Interruption::PointOfOrder,
            by: Some(by.to_string()),
        }
    }

    /// The seed session with the first opening statement's clock running since 10:00:00.
    fn speaking() -> Session {
        let mut s = seed();
        apply(&mut s, Action::Start, "10:00:00").expect("start");
        s
    }

    #[test]
    fn a_point_of_order_stops_the_clock_and_gives_back_the_exact_time() {
        let mut s = speaking();
        let elapsed = s.reading(&at("10:01:10")).expect("floor").elapsed;
        let events = apply(&mut s, point_of_order("  Russian Federation "), "10:01:10")
            .expect("interrupted");
        assert!(matches!(
            &events[..],
            [Event::Interrupted { cause: Interruption::PointOfOrder, by: Some(by), clock_stopped: true, .. }]
                if by == "Russian Federation"
        ));
        // Four minutes of point of order cost the speaker nothing.
        assert_eq!(s.reading(&at("10:05:10")).expect("floor").elapsed, elapsed);
        let events = apply(&mut s, Action::GiveFloorBack, "10:05:10").expect("back");
        let [Event::FloorGivenBack(record)] = &events[..] else {
            panic!("one record: {events:?}")
        };
        assert!(record.resumed);
        assert_eq!(record.lasted(), Millis(240_000));
        assert_eq!(s.interruptions(), std::slice::from_ref(record));
        let later = s.reading(&at("10:05:20")).expect("floor");
        assert_eq!(later.elapsed, elapsed + Millis(10_000));
        assert_eq!(later.phase, Phase::CountUp);
    }

    #[test]
    fn while_interrupted_the_floor_does_not_move() {
        let mut s = speaking();
        apply(&mut s, point_of_order("Cuba"), "10:00:30").expect("interrupted");
        for action in [
            Action::Next,
            Action::Start,
            Action::StartOrPause,
            Action::Pause,
            Action::Recall,
        ] {
            let before = s.clone();
            let reason = apply(&mut s, action, "10:00:40").expect_err("refused");
            assert_eq!(
                reason.to_string(),
                "Point of order (Cuba) interrupts the floor; give the floor back first"
            );
            assert_eq!(s, before);
        }
        let second = apply(&mut s, point_of_order("Chile"), "10:00:45").expect_err("one at a time");
        assert!(matches!(second, Rejection::Interrupted { .. }));
        // A message to the podium still goes.
        apply(
            &mut s,
            Action::Message {
                text: "Please wait".into(),
            },
            "10:00:50",
        )
        .expect("message");
    }

    #[test]
    fn a_paused_clock_stays_paused_when_the_floor_comes_back() {
        let mut s = speaking();
        apply(&mut s, Action::Pause, "10:00:30").expect("paused");
        apply(
            &mut s,
            Action::Interrupt {
                cause: Interruption::Ruling,
                by: None,
            },
            "10:00:40",
        )
        .expect("ruling");
        let events = apply(&mut s, Action::GiveFloorBack, "10:01:40").expect("back");
        assert!(matches!(&events[..], [Event::FloorGivenBack(r)] if !r.resumed));
        assert!(s.floor().expect("floor").clock.is_paused());
    }

    #[test]
    fn an_extension_granted_during_the_point_of_order_is_given_back_too() {
        let mut s = seed();
        // Malaysia's group statement (5:00 allotted), past the opening segment.
        apply(
            &mut s,
            Action::BeginSegment {
                segment: "statements".into(),
                waiting: None,
            },
            "11:00:00",
        )
        .expect("statements");
        apply(&mut s, Action::Start, "11:00:00").expect("start");
        apply(&mut s, point_of_order("Cuba"), "11:01:00").expect("interrupted");
        assert_eq!(s.time_held(&at("11:02:00")), Some(Millis::from_secs(240)));
        apply(&mut s, Action::Extend { seconds: 30 }, "11:02:00").expect("extended");
        assert_eq!(s.time_held(&at("11:03:00")), Some(Millis::from_secs(270)));
        let events = apply(&mut s, Action::GiveFloorBack, "11:04:00").expect("back");
        assert!(matches!(&events[..], [Event::FloorGivenBack(r)]
            if r.remaining == Some(Millis::from_secs(270)) && r.resumed));
        assert_eq!(s.time_held(&at("11:04:00")), None);
    }

    #[test]
    fn giving_back_a_floor_nobody_took_is_refused() {
        let mut s = speaking();
        assert_eq!(
            apply(&mut s, Action::GiveFloorBack, "10:00:10").expect_err("nothing"),
            Rejection::NotInterrupted
        );
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            apply(&mut s, point_of_order(&long), "10:00:10").expect_err("too long"),
            Rejection::NameTooLong
        );
    }
}
