//! Events: what an accepted command changed. Journaled with the command; the record of the meeting.

use serde::{Deserialize, Serialize};

use super::clock::Extension;
use super::command::Interruption;
use super::ids::TurnId;
use super::time::{Millis, Stamp};

/// The finished record of one speech (or agenda item).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeechRecord {
    pub turn: TurnId,
    /// The meeting's id.
    pub meeting: String,
    /// The segment's id.
    pub segment: String,
    /// When the speaker was given the floor.
    pub called: Stamp,
    /// When the clock first started.
    pub started: Stamp,
    /// When the speech ended.
    pub ended: Stamp,
    /// Time allotted when called (none: counted up).
    pub allotted: Option<Millis>,
    /// The final allowance: allotted plus extensions and adjustments.
    pub limit: Option<Millis>,
    /// Time spoken (clock running).
    pub spoken: Millis,
    /// Time spoken past the allowance.
    pub overtime: Millis,
    /// Time the clock stood paused.
    pub paused: Millis,
    /// Extensions granted, with who granted them.
    pub extensions: Vec<Extension>,
    /// The changeover gap before this speech (previous end to this start), if observed.
    pub gap_before: Option<Millis>,
}

/// The record of one interruption of the floor: a point of order, a motion, a ruling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterruptionRecord {
    pub cause: Interruption,
    /// The delegation that raised it.
    pub by: Option<String>,
    /// The meeting's id.
    pub meeting: String,
    /// The speech it interrupted, if anyone had the floor.
    pub turn: Option<TurnId>,
    pub began: Stamp,
    pub ended: Stamp,
    /// The speaker's time left when interrupted, given back whole (none: the speech counts
    /// up, or no one had the floor).
    pub remaining: Option<Millis>,
    /// The speaker's clock ran when interrupted, and runs again.
    pub resumed: bool,
}

impl InterruptionRecord {
    /// How long the interruption lasted.
    pub fn lasted(&self) -> Millis {
        self.ended.since(&self.began).max(Millis::ZERO)
    }
}

/// One change to the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    MeetingBegun {
        meeting: String,
    },
    SegmentBegun {
        segment: String,
    },
    FloorGiven {
        turn: TurnId,
    },
    PassedOver {
        turn: TurnId,
    },
    ClockStarted {
        turn: TurnId,
        gap_before: Option<Millis>,
    },
    ClockPaused {
        turn: TurnId,
        elapsed: Millis,
    },
    ClockResumed {
        turn: TurnId,
    },
    Extended {
        turn: TurnId,
        by: Millis,
        limit: Millis,
    },
    RemainingSet {
        turn: TurnId,
        remaining: Millis,
    },
    ClockReset {
        turn: TurnId,
    },
    SpeechEnded(SpeechRecord),
    Recalled {
        turn: TurnId,
    },
    Inserted {
        turn: TurnId,
        meeting: String,
        position: usize,
    },
    /// Moved from one 1-based position on its list to another.
    Moved {
        turn: TurnId,
        from: usize,
        position: usize,
    },
    /// A speaker's name entered or corrected, and the one it replaced (empty: none).
    NameSet {
        turn: TurnId,
        name: String,
        previous: String,
    },
    Struck {
        turn: TurnId,
    },
    Reinstated {
        turn: TurnId,
    },
    Deferred {
        turn: TurnId,
        to_meeting: String,
        new_turn: TurnId,
    },
    CarriedOver {
        to_meeting: String,
        turns: Vec<(TurnId, TurnId)>,
    },
    PrecedenceApplied {
        meeting: String,
        /// Speakers whose position the list fixed, left where they were.
        #[serde(default)]
        fixed_kept: usize,
    },
    /// A message shown, and the one it replaced.
    MessageShown {
        text: String,
        previous: Option<String>,
    },
    /// The message taken off the podium.
    MessageCleared {
        text: String,
    },
    BlackoutSet {
        on: bool,
    },
    /// The floor interrupted; the speaker's clock stopped if it ran.
    Interrupted {
        cause: Interruption,
        by: Option<String>,
        turn: Option<TurnId>,
        clock_stopped: bool,
    },
    /// The interruption over, the floor given back.
    FloorGivenBack(InterruptionRecord),
    /// A delegation inscribed on a meeting's right-of-reply list: its `reply`th reply in that
    /// meeting (1, 2; a third only `overridden`).
    ReplyInscribed {
        turn: TurnId,
        meeting: String,
        delegation: String,
        reply: usize,
        overridden: bool,
    },
    /// An explanation of vote inscribed after an item; `overridden`: against the program's
    /// rule, by the chair's decision.
    ExplanationInscribed {
        turn: TurnId,
        item: TurnId,
        delegation: String,
        overridden: bool,
    },
}
