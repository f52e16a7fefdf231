//! Drift: a simulated eight-hour day of speeches with random pauses, resumes and extensions.
//! At every step the displayed time equals the exact truth kept by simple arithmetic beside
//! it: 0 ms of drift, because remaining time is computed from stamps, never accumulated.

mod support;

use plenary::meeting::time::mss;
use plenary::meeting::{Action, Millis, Phase};
use proptest::prelude::*;
use support::{Chair, venue};

#[derive(Clone, Debug)]
enum Step {
    Wait(i64),
    Pause,
    Resume,
    Extend(i64),
    Next,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        16 => (1i64..90_000).prop_map(Step::Wait),
        3 => Just(Step::Pause),
        3 => Just(Step::Resume),
        3 => (-20i64..60).prop_map(Step::Extend),
        1 => Just(Step::Next),
    ]
}

/// The truth for the speech on the floor, by plain arithmetic.
struct Truth {
    running: bool,
    elapsed: i64,
    limit: Option<i64>,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn eight_hours_of_pauses_and_extensions_drift_by_zero_ms(steps in prop::collection::vec(step(), 1500)) {
        let mut chair = Chair::seed(venue("2025-11-25", "09:59:00"));
        chair.does(Action::begin_meeting("tue-am"));
        chair.does(Action::Start);
        let allotted = |chair: &Chair| chair.session.floor().and_then(|f| f.clock.limit).map(|l| l.0);
        let mut truth = Truth { running: true, elapsed: 0, limit: allotted(&chair) };
        let day_end = chair.now.plus(Millis::from_mins(8 * 60));
        let warning = chair.session.program().warning.0;
        for step in steps {
            if chair.now.since(&day_end) >= Millis::ZERO {
                break;
            }
            match step {
                Step::Wait(ms) => {
                    chair.now = chair.now.plus(Millis(ms));
                    if truth.running {
                        truth.elapsed += ms;
                    }
                }
                Step::Pause => {
                    if chair.try_do(Action::Pause).is_ok() {
                        truth.running = false;
                    }
                }
                Step::Resume => {
                    if chair.try_do(Action::Resume).is_ok() {
                        truth.running = true;
                    }
                }
                Step::Extend(s) => {
                    if chair.try_do(Action::Extend { seconds: s }).is_ok() {
                        truth.limit = truth.limit.map(|l| l + s * 1000);
                    }
                }
                Step::Next => {
                    // The list never runs dry: a speaker is inscribed at the end each time.
                    chair.does(Action::Insert {
                        speaker: Box::new(plenary::meeting::RawSpeaker {
                            delegation: Some("Chile".into()),
                            name: "Ana Pérez".into(),
                            kind: "individual".into(),
                            ..Default::default()
                        }),
                        position: None,
                    });
                    chair.does(Action::Next);
                    chair.does(Action::Start);
                    truth = Truth { running: true, elapsed: 0, limit: allotted(&chair) };
                }
            }
            let reading = chair.session.reading(&chair.now).expect("a speech on the floor");
            prop_assert_eq!(reading.elapsed, Millis(truth.elapsed));
            prop_assert_eq!(reading.remaining, truth.limit.map(|l| Millis(l - truth.elapsed)));
            // What the podium shows, from the truth by the rules of the countdown.
            let expected = match truth.limit.map(|l| l - truth.elapsed) {
                None => (Phase::CountUp, mss(truth.elapsed.div_euclid(1000))),
                Some(left) if left > 0 => {
                    let secs = (left + 999) / 1000;
                    let phase = if secs * 1000 <= warning { Phase::Warning } else { Phase::Running };
                    (phase, mss(secs))
                }
                Some(left) if -left < 1000 => (Phase::Expired, "0:00".to_string()),
                Some(left) => (Phase::Overtime, format!("+{}", mss((-left).div_euclid(1000)))),
            };
            prop_assert_eq!((reading.phase, reading.shown), expected);
        }
        prop_assert!(chair.now.since(&day_end) >= Millis::ZERO, "the whole day was simulated");
    }
}
