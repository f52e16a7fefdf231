//! Commands: everything the chair console, the keyboard, the API and OSC can ask of the session.

use serde::{Deserialize, Serialize};

use super::config::RawSpeaker;
use super::ids::{Source, TurnId};

/// One command: what to do, and who asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Command {
    pub source: Source,
    pub action: Action,
    /// The sender's id for this command (the API's `Idempotency-Key`): a retry with the same
    /// id gets the first answer and is applied once. Journaled with the command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Command {
    /// `action` from `source`.
    pub fn new(source: Source, action: Action) -> Self {
        Command {
            source,
            action,
            id: None,
        }
    }

    /// The same command with the sender's id.
    pub fn with_id(self, id: impl Into<String>) -> Self {
        Command {
            id: Some(id.into()),
            ..self
        }
    }
}

/// What a command asks. In RON (journal, `--headless`) a unit action is its name (`Next`),
/// others take named fields (`Extend(seconds: 30)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Action {
    /// Make a meeting of the program the current one (by id, e.g. `"tue-am"`). While
    /// speakers still wait on the list of a meeting that has begun, `waiting` must say what
    /// becomes of them (journals before format 3 meant `Leave`).
    BeginMeeting {
        meeting: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        waiting: Option<Waiting>,
    },
    /// Go to a segment of the current meeting (e.g. the closing segment at 17:30):
    /// `Next` then calls from there. Going past the segment of the list of speakers while
    /// speakers still wait on it, `waiting` must say what becomes of them (journals before
    /// format 5 meant `Leave`).
    BeginSegment {
        segment: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        waiting: Option<Waiting>,
    },
    /// Give the floor to a particular speaker or item, out of turn.
    Call { turn: TurnId },
    /// Start the clock of whoever has the floor (calling the next speaker first if no one
    /// has it); on a paused clock, resume.
    Start,
    /// Pause the running clock.
    Pause,
    /// Pause the clock if it runs, otherwise start (or resume) it: the one key or button
    /// for both, decided by the session when the command arrives, not from a stale view.
    StartOrPause,
    /// Resume the paused clock.
    Resume,
    /// End the current speech and call the next speaker on the list. On a speaker who was
    /// called but has not started, passes over them: they stay first in line.
    Next,
    /// Give the floor back to the previous speaker, their clock paused where it ended.
    Recall,
    /// Add seconds to the current speech (negative: take away).
    Extend { seconds: i64 },
    /// Set the time remaining for the current speech.
    SetRemaining { seconds: i64 },
    /// Put the current speaker's clock back to the allotted time, not started.
    ResetClock,
    /// Inscribe a speaker on a meeting's list (default: the current meeting), at a
    /// 1-based position (default: the end).
    Insert {
        speaker: Box<RawSpeaker>,
        #[serde(default)]
        position: Option<usize>,
    },
    /// Enter (or correct) a speaker's name: a name to be confirmed, or a seat of the program
    /// filled on the day. An empty name makes it "to be confirmed" again.
    SetName { turn: TurnId, name: String },
    /// Move a pending speaker to a 1-based position on their list.
    Move { turn: TurnId, position: usize },
    /// Strike a speaker from the list.
    Strike { turn: TurnId },
    /// Put a struck speaker back on the list.
    Reinstate { turn: TurnId },
    /// Move a speaker to the end of the list of the next plenary meeting.
    Defer { turn: TurnId },
    /// Move every speaker still waiting on the current meeting's list to the head of the
    /// next plenary meeting's list, in their order.
    CarryOver,
    /// Sort the waiting speakers of the current meeting's list into the precedence order.
    ApplyPrecedence,
    /// Show a message to the speaker on the podium ("Please conclude").
    Message { text: String },
    /// Take the message off the podium.
    ClearMessage,
    /// Blank the podium (and lights) or bring it back.
    Blackout { on: bool },
    /// Blank the podium if it shows, bring it back if it is blank: decided by the session.
    ToggleBlackout,
    /// A point of order (or a motion, or the President's ruling) interrupts: the speaker's
    /// clock stops where it is, and podium and hall show the interruption with its own clock
    /// counting up. `by` is the delegation that raised it.
    Interrupt {
        cause: Interruption,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// The interruption is over: the speaker has the floor back with exactly the time they
    /// had, their clock running again if it ran when they were interrupted.
    GiveFloorBack,
    /// Inscribe a delegation on a plenary meeting's right-of-reply list (default: the current
    /// meeting), heard after the last speaker: its first reply gets the program's first limit
    /// (10 minutes), its second the second (5). A third is refused unless `overriding`: the
    /// President's leave, journaled with the command.
    InscribeReply {
        delegation: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meeting: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        overriding: bool,
    },
    /// Inscribe a delegation's explanation of vote right after an agenda item (the adoption of
    /// a declaration). Refused, quoting the rule, at an item whose program takes none, unless
    /// `overriding`: the chair's decision, journaled with the command.
    ExplainVote {
        item: TurnId,
        delegation: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        overriding: bool,
    },
}

/// What interrupts a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Interruption {
    /// A delegation raises a point of order (rule 71 of the rules of procedure).
    PointOfOrder,
    /// A procedural motion (adjournment, closure of the debate…).
    Motion,
    /// The President rules.
    Ruling,
}

impl Interruption {
    /// Every cause, in the order the console offers them.
    pub const ALL: [Interruption; 3] = [
        Interruption::PointOfOrder,
        Interruption::Motion,
        Interruption::Ruling,
    ];

    /// As podium, hall and report say it: "Point of order".
    pub fn label(self) -> &'static str {
        match self {
            Interruption::PointOfOrder => "Point of order",
            Interruption::Motion => "Procedural motion",
            Interruption::Ruling => "Ruling of the President",
        }
    }
}

/// What becomes of the speakers still waiting on the list of the meeting the chair leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Waiting {
    /// To the head of the next plenary meeting's list, in their order (as `CarryOver`).
    CarryOver,
    /// They stay on their meeting's list, waiting, for when it resumes.
    Leave,
}

impl Action {
    /// The same action with the chair's override, for an action that has one.
    pub fn overridden(&self) -> Option<Action> {
        match self {
            Action::InscribeReply {
                delegation,
                meeting,
                ..
            } => Some(Action::InscribeReply {
                delegation: delegation.clone(),
                meeting: meeting.clone(),
                overriding: true,
            }),
            Action::ExplainVote {
                item, delegation, ..
            } => Some(Action::ExplainVote {
                item: *item,
                delegation: delegation.clone(),
                overriding: true,
            }),
            _ => None,
        }
    }

    /// `BeginSegment` of `segment`, with no word on waiting speakers (refused while some wait
    /// on a list it leaves behind).
    pub fn begin_segment(segment: &str) -> Action {
        Action::BeginSegment {
            segment: segment.to_string(),
            waiting: None,
        }
    }

    /// `BeginMeeting` of `meeting`, with no word on waiting speakers (refused while some wait).
    pub fn begin_meeting(meeting: &str) -> Action {
        Action::BeginMeeting {
            meeting: meeting.to_string(),
            waiting: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::ron_text::parse_ron;

    #[test]
    fn actions_read_as_written_in_the_readme() {
        let cases = [
            ("Next", Action::Next),
            ("Extend(seconds: 30)", Action::Extend { seconds: 30 }),
            ("Extend(seconds: -15)", Action::Extend { seconds: -15 }),
            ("Strike(turn: 12)", Action::Strike { turn: TurnId(12) }),
            (
                "Message(text: \"Please conclude\")",
                Action::Message {
                    text: "Please conclude".into(),
                },
            ),
            (
                "BeginMeeting(meeting: \"tue-am\")",
                Action::begin_meeting("tue-am"),
            ),
            (
                "Interrupt(cause: PointOfOrder, by: Some(\"Russian Federation\"))",
                Action::Interrupt {
                    cause: Interruption::PointOfOrder,
                    by: Some("Russian Federation".into()),
                },
            ),
            ("GiveFloorBack", Action::GiveFloorBack),
            (
                "BeginMeeting(meeting: \"panel-1\", waiting: Some(CarryOver))",
                Action::BeginMeeting {
                    meeting: "panel-1".into(),
                    waiting: Some(Waiting::CarryOver),
                },
            ),
        ];
        for (text, action) in cases {
            assert_eq!(parse_ron::<Action>(text, "stdin").expect(text), action);
        }
        let insert: Action = parse_ron(
            "Insert(speaker: (delegation: \"Chile\", name: \"A. B.\", kind: \"individual\"), position: 2)",
            "stdin",
        )
        .expect("insert parses");
        assert!(matches!(
            insert,
            Action::Insert {
                position: Some(2),
                ..
            }
        ));
        assert!(parse_ron::<Action>("Extend(secs: 30)", "stdin").is_err());
    }
}
