//! Replay equality: any sequence of commands, accepted or not, journaled to a real file and
//! read back, rebuilds a session equal to the live one.

mod support;

use plenary::journal::{self, Journal};
use plenary::meeting::{
    Action, Command, Millis, RawSpeaker, Session, Source, Sources, TurnId, Waiting,
};
use proptest::prelude::*;
use support::venue;

fn action() -> impl Strategy<Value = Action> {
    let turn = (0u32..80).prop_map(TurnId);
    prop_oneof![
        4 => Just(Action::Next),
        4 => Just(Action::Start),
        2 => Just(Action::Pause),
        2 => Just(Action::Resume),
        1 => Just(Action::Recall),
        2 => (-90i64..120).prop_map(|seconds| Action::Extend { seconds }),
        1 => (-5i64..200).prop_map(|seconds| Action::SetRemaining { seconds }),
        1 => Just(Action::ResetClock),
        1 => (0usize..70, any::<bool>()).prop_map(|(p, group)| Action::Insert {
            speaker: Box::new(RawSpeaker {
                delegation: Some("Chile".into()),
                name: "Ana Pérez".into(),
                kind: if group { "group".into() } else { "individual".into() },
                on_behalf_of: group.then(|| "the Rio Group".into()),
                ..RawSpeaker::default()
            }),
            position: (p > 0).then_some(p),
        }),
        1 => (turn.clone(), 0usize..60).prop_map(|(turn, position)| Action::Move { turn, position }),
        1 => turn.clone().prop_map(|turn| Action::Strike { turn }),
        1 => turn.clone().prop_map(|turn| Action::Reinstate { turn }),
        1 => turn.clone().prop_map(|turn| Action::Defer { turn }),
        1 => turn.prop_map(|turn| Action::Call { turn }),
        1 => Just(Action::CarryOver),
        1 => Just(Action::ApplyPrecedence),
        1 => (
            prop_oneof![Just("mon-am"), Just("panel-1"), Just("tue-pm"), Just("nowhere")],
            prop_oneof![Just(None), Just(Some(Waiting::CarryOver)), Just(Some(Waiting::Leave))],
        )
            .prop_map(|(m, waiting)| Action::BeginMeeting {
                meeting: m.into(),
                waiting,
            }),
        1 => prop_oneof![Just("statements"), Just("closing"), Just("opening")]
            .prop_map(|s| Action::BeginSegment { segment: s.into(), waiting: None }),
        1 => "[a-zA-Z ]{0,20}".prop_map(|text| Action::Message { text }),
        1 => Just(Action::ClearMessage),
        1 => any::<bool>().prop_map(|on| Action::Blackout { on }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn replaying_the_journal_rebuilds_an_equal_session(
        steps in prop::collection::vec((action(), 0i64..400_000), 1..120)
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("day.journal");
        let sources = Sources::seed().expect("seed");
        let mut now = venue("2025-11-24", "09:55:00");
        let mut session = Session::from_sources(&sources).expect("valid");
        let mut journal = Journal::create(&path, &sources, now).expect("created");
        let mut accepted = 0;
        for (action, wait) in steps {
            now = now.plus(Millis(wait));
            let command = Command::new(Source::Test, action);
            let before = session.clone();
            match session.apply(&command, now) {
                Ok(events) => {
                    journal.append(&command, now, &events).expect("journaled");
                    accepted += 1;
                }
                Err(_) => prop_assert_eq!(&session, &before, "a rejection changes nothing"),
            }
        }
        let replayed = journal::read(&path).expect("replays");
        prop_assert_eq!(replayed.entries.len(), accepted);
        prop_assert_eq!(replayed.session, session);
    }
}
