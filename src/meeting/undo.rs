//! Undo as a compensating command: the journal stays append-only, and undoing the last
//! command is one more ordinary command that puts back what it changed.

use super::command::Action;
use super::event::Event;

/// The command that undoes `action`, given the events it produced; or, in the chair's words,
/// why it cannot be undone.
pub fn compensation(action: &Action, events: &[Event]) -> Result<Action, String> {
    let had = |wanted: fn(&Event) -> bool| events.iter().any(wanted);
    match action {
        Action::Extend { seconds } => Ok(Action::Extend { seconds: -seconds }),
        Action::Strike { turn } => Ok(Action::Reinstate { turn: *turn }),
        Action::Reinstate { turn } => Ok(Action::Strike { turn: *turn }),
        Action::Blackout { on } => Ok(Action::Blackout { on: !on }),
        Action::ToggleBlackout => Ok(Action::ToggleBlackout),
        Action::Pause => Ok(Action::Resume),
        // A point of order entered by mistake: the floor back, the clock as it was.
        Action::Interrupt { .. } => Ok(Action::GiveFloorBack),
        Action::Resume => Ok(Action::Pause),
        Action::StartOrPause if had(|e| matches!(e, Event::ClockPaused { .. })) => {
            Ok(Action::Resume)
        }
        Action::Start | Action::StartOrPause
            if had(|e| matches!(e, Event::ClockResumed { .. })) =>
        {
            Ok(Action::Pause)
        }
        // An accidental start: back to the allotted time, not started.
        Action::Start | Action::StartOrPause => Ok(Action::ResetClock),
        Action::Next if had(|e| matches!(e, Event::SpeechEnded(_))) => Ok(Action::Recall),
        Action::Next => Err("passing over a speaker is undone by calling them (Call)".into()),
        _ => events
            .iter()
            .find_map(|event| match event {
                Event::Moved { turn, from, .. } => Some(Action::Move {
                    turn: *turn,
                    position: *from,
                }),
                Event::Inserted { turn, .. }
                | Event::ReplyInscribed { turn, .. }
                | Event::ExplanationInscribed { turn, .. } => Some(Action::Strike { turn: *turn }),
                Event::NameSet { turn, previous, .. } => Some(Action::SetName {
                    turn: *turn,
                    name: previous.clone(),
                }),
                Event::MessageShown {
                    previous: Some(text),
                    ..
                }
                | Event::MessageCleared { text } => Some(Action::Message { text: text.clone() }),
                Event::MessageShown { previous: None, .. } => Some(Action::ClearMessage),
                _ => None,
            })
            .ok_or_else(|| cannot(action)),
    }
}

fn cannot(action: &Action) -> String {
    let what = match action {
        Action::BeginMeeting { .. } => "beginning a meeting",
        Action::BeginSegment { .. } => "moving to a segment",
        Action::Call { .. } => "calling a speaker",
        Action::Recall => "recalling a speaker",
        Action::SetRemaining { .. } => "setting the remaining time",
        Action::ResetClock => "resetting the clock",
        Action::Defer { .. } => "deferring a speaker",
        Action::CarryOver => "carrying speakers over",
        Action::ApplyPrecedence => "sorting the list",
        _ => "this command",
    };
    format!("{what} cannot be undone; correct it with another command")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Command, RawSpeaker, Session, Source, Sources, Stamp};

    /// Applies `action`, then its compensation, and returns the session before and after.
    fn round_trip(setup: &[Action], action: Action) -> (Session, Session) {
        let mut s = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
        let t = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
        for a in setup {
            s.apply(&Command::new(Source::Test, a.clone()), t)
                .expect("setup");
        }
        let before = s.clone();
        let events = s
            .apply(&Command::new(Source::Test, action.clone()), t)
            .expect("accepted");
        let undo = compensation(&action, &events).expect("undoable");
        s.apply(&Command::new(Source::Test, undo), t)
            .expect("the undo is accepted");
        (before, s)
    }

    fn statements() -> Vec<Action> {
        vec![
            Action::BeginSegment {
                segment: "statements".into(),
                waiting: None,
            },
            Action::Start,
        ]
    }

    #[test]
    fn the_toggles_are_undone_by_what_they_did() {
        for (setup, action) in [
            (vec![], Action::ToggleBlackout),
            (statements(), Action::StartOrPause),
            (
                vec![Action::BeginSegment {
                    segment: "statements".into(),
                    waiting: None,
                }],
                Action::StartOrPause,
            ),
        ] {
            let (before, after) = round_trip(&setup, action.clone());
            assert_eq!(after.blackout(), before.blackout(), "{setup:?}");
            let running = |s: &Session| s.floor().is_some_and(|f| f.clock.is_running());
            assert_eq!(running(&after), running(&before), "{setup:?}");
        }
    }

    #[test]
    fn list_and_message_changes_are_undone_exactly() {
        use crate::meeting::TurnId;
        let turn = TurnId(12);
        for action in [
            Action::Move { turn, position: 1 },
            Action::Strike { turn },
            Action::Message {
                text: "Please conclude".into(),
            },
            Action::Blackout { on: true },
            Action::Extend { seconds: 30 },
        ] {
            let (before, after) = round_trip(&statements(), action.clone());
            assert_eq!(after.list(0, 1), before.list(0, 1), "{action:?}");
            assert_eq!(after.turn(turn), before.turn(turn), "{action:?}");
            assert_eq!(after.message(), before.message(), "{action:?}");
            assert_eq!(after.blackout(), before.blackout(), "{action:?}");
            assert_eq!(
                after.floor().map(|f| f.clock.limit),
                before.floor().map(|f| f.clock.limit)
            );
        }
        // A replaced message comes back; a cleared one too.
        let mut setup = statements();
        setup.push(Action::Message {
            text: "One minute".into(),
        });
        let (before, after) = round_trip(
            &setup,
            Action::Message {
                text: "Please conclude".into(),
            },
        );
        assert_eq!(after.message(), before.message());
        let (before, after) = round_trip(&setup, Action::ClearMessage);
        assert_eq!(after.message(), before.message());
    }

    #[test]
    fn an_inserted_speaker_is_struck_and_a_finished_speech_recalled() {
        let speaker = RawSpeaker {
            delegation: Some("Chile".into()),
            name: "A".into(),
            kind: "individual".into(),
            ..Default::default()
        };
        let (before, after) = round_trip(
            &statements(),
            Action::Insert {
                speaker: Box::new(speaker),
                position: Some(1),
            },
        );
        assert_eq!(
            after.queue(),
            before.queue(),
            "the inserted speaker no longer waits"
        );
        let (before, after) = round_trip(&statements(), Action::Next);
        assert_eq!(
            after.floor().map(|f| f.turn),
            before.floor().map(|f| f.turn)
        );
        assert!(after.records().is_empty());
    }

    #[test]
    fn what_cannot_be_undone_says_so() {
        assert_eq!(
            compensation(&Action::CarryOver, &[]),
            Err("carrying speakers over cannot be undone; correct it with another command".into())
        );
    }
}
