//! The whole Monday-morning plenary of the seed meeting on a synthetic clock: the opening
//! segment, the adoption of the declaration, then the statements, with extensions, pauses,
//! a struck speaker and the forecast checked along the way.

mod support;

use plenary::meeting::{Action, Event, Millis, Phase, Status};
use support::{Chair, venue};

const DAY: &str = "2025-11-24";

/// How one statement goes: seconds spoken, an extension granted 30 s in, a pause 60 s in.
struct Plan {
    talk: i64,
    extend: Option<i64>,
    pause: Option<i64>,
}

fn plan(i: usize, allotted: i64) -> Plan {
    Plan {
        // Some finish early, some run over.
        talk: allotted - 25 + (i as i64 * 37) % 70,
        extend: (i % 5 == 2).then_some(30),
        pause: (i % 7 == 3).then_some(45),
    }
}

#[test]
fn monday_morning_plenary() {
    let mut chair = Chair::seed(venue(DAY, "09:50:00"));

    // Before the meeting: the first speaker is forecast at the meeting's start, 10:00.
    let forecast = chair.session.forecast(&chair.now);
    let first = forecast.turns[0].clone();
    assert_eq!(chair.local(first.start), "10:00:00");
    // Six opening statements at 7:00 expected, the adoption 5:00, 20 s changeovers: the
    // statements segment's first speaker, after seven changeovers: 10:00 + 6×7:00 + 5:00 + 7×0:20.
    assert_eq!(chair.local(forecast.turns[7].start), "10:49:20");

    // ---- Opening segment: six statements that count up, then the adoption item. ----
    chair.now = venue(DAY, "10:00:00");
    let events = chair.does(Action::Start);
    assert_eq!(
        events[0],
        Event::MeetingBegun {
            meeting: "mon-am".into()
        }
    );
    let opening_talks = [372, 540, 415, 300, 450, 388];
    for (i, talk) in opening_talks.iter().enumerate() {
        if i > 0 {
            chair.wait(30);
            chair.does(Action::Start);
        }
        chair.wait(*talk);
        let reading = chair.session.reading(&chair.now).expect("floor");
        assert_eq!(reading.phase, Phase::CountUp);
        chair.does(Action::Next);
    }
    chair.wait(30);
    let item = chair.session.floor_turn().expect("the adoption").who();
    assert_eq!(item, "Adoption of the political declaration");
    chair.does(Action::Start);
    chair.wait(240);
    let events = chair.does(Action::Next);
    assert!(events.contains(&Event::SegmentBegun {
        segment: "statements".into()
    }));
    let opening: Vec<i64> = chair
        .session
        .records()
        .iter()
        .map(|r| r.spoken.0 / 1000)
        .collect();
    assert_eq!(opening, [372, 540, 415, 300, 450, 388, 240]);
    // 10:00:00 + 2,465 s of statements + 240 s for the adoption + 6 gaps of 30 s = 10:48:05.
    assert_eq!(chair.local(chair.now.wall), "10:48:05");

    // ---- The statements. ----
    // A delegation not in the hall is struck before its turn.
    let struck = chair.session.queue()[9];
    chair.does(Action::Strike { turn: struck });

    let mut expected = Vec::new();
    let mut statements = 0;
    while chair.session.now_before("13:00", &chair.now) && statements < 32 {
        let floor = chair.session.floor().expect("a speaker is called").turn;
        let allotted = chair
            .session
            .turn(floor)
            .expect("turn")
            .inscription
            .allotted
            .expect("limited")
            .0
            / 1000;
        let p = plan(statements, allotted);
        chair.wait(20); // walking to the rostrum
        chair.does(Action::Start);
        let mut spoken = 0;
        if let Some(by) = p.extend {
            chair.wait(30);
            spoken += 30;
            chair.does(Action::Extend { seconds: by });
        }
        if let Some(len) = p.pause {
            chair.wait(60 - spoken);
            spoken = 60;
            chair.does(Action::Pause);
            assert!(chair.session.reading(&chair.now).expect("floor").paused);
            chair.wait(len);
            chair.does(Action::Resume);
        }
        if statements == 12 {
            // Mid-speech forecast: the next speaker starts when this one's time is up
            // plus the mean changeover observed in the meeting: six of 30 s in the opening
            // segment, thirteen of 20 s since.
            chair.wait(60 - spoken);
            spoken = 60;
            let remaining = chair
                .session
                .reading(&chair.now)
                .expect("floor")
                .remaining
                .expect("limited");
            let forecast = chair.session.forecast(&chair.now);
            let gap = Millis((6 * 30_000 + 13 * 20_000) / 19);
            assert_eq!(forecast.gap, gap);
            let next = forecast.turns[0].clone();
            assert_eq!(next.start, chair.now.wall + remaining.delta() + gap.delta());
            let after = forecast.turns[1].start;
            let next_allotted = chair
                .session
                .turn(next.turn)
                .expect("turn")
                .inscription
                .allotted
                .expect("limited");
            assert_eq!(after, next.start + next_allotted.delta() + gap.delta());
            // The end of the meeting: every waiting speaker's allotted time and a gap each.
            let waiting: i64 = chair
                .session
                .queue()
                .iter()
                .map(|&id| {
                    chair
                        .session
                        .turn(id)
                        .expect("turn")
                        .inscription
                        .allotted
                        .expect("limited")
                        .0
                        + gap.0
                })
                .sum();
            let end = forecast.anchors.last().expect("end of meeting");
            assert_eq!(end.label, "End of meeting");
            let projected_end = chair.now.wall + remaining.delta() + Millis(waiting).delta();
            assert_eq!(
                end.overrun.0,
                (projected_end - chair.session.meeting().end).num_milliseconds()
            );
            assert_eq!(end.due, chair.session.queue().len());
        }
        chair.wait(p.talk - spoken);
        let limit = allotted + p.extend.unwrap_or(0);
        expected.push((
            floor,
            p.talk,
            (p.talk - limit).max(0),
            p.pause.unwrap_or(0),
            p.extend,
        ));
        chair.does(Action::Next);
        statements += 1;
    }
    assert!(statements >= 30, "{statements} statements heard");

    // Every statement's record: spoken, overtime, paused, extensions.
    let records = &chair.session.records()[7..];
    assert_eq!(records.len(), expected.len());
    for (record, (turn, talk, overtime, paused, extend)) in records.iter().zip(&expected) {
        assert_eq!(record.turn, *turn);
        assert_eq!(record.spoken, Millis::from_secs(*talk), "{turn}");
        assert_eq!(record.overtime, Millis::from_secs(*overtime), "{turn}");
        assert_eq!(record.paused, Millis::from_secs(*paused), "{turn}");
        assert_eq!(
            record.extensions.iter().map(|e| e.by.0 / 1000).sum::<i64>(),
            extend.unwrap_or(0)
        );
        assert_eq!(record.gap_before, Some(Millis::from_secs(20)));
    }
    assert!(records.iter().any(|r| r.overtime > Millis::ZERO));
    assert!(records.iter().any(|r| r.overtime == Millis::ZERO));
    assert_eq!(
        chair.session.turn(struck).expect("turn").status,
        Status::Struck
    );
    assert!(records.iter().all(|r| r.turn != struck));

    // At the end of the morning, whoever is left is carried over to Tuesday.
    let left = chair.session.queue().len();
    let called = chair.session.floor().map(|f| f.turn);
    if let Some(turn) = called {
        chair.does(Action::Strike { turn });
        chair.does(Action::Reinstate { turn });
    }
    let events = chair.does(Action::CarryOver);
    let Event::CarriedOver { to_meeting, turns } = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(to_meeting, "tue-am");
    assert_eq!(turns.len(), left + usize::from(called.is_some()));
}

trait Before {
    fn now_before(&self, local: &str, now: &plenary::meeting::Stamp) -> bool;
}

impl Before for plenary::meeting::Session {
    /// Whether `now` is before `local` (HH:MM venue time) on the meeting's day.
    fn now_before(&self, local: &str, now: &plenary::meeting::Stamp) -> bool {
        let venue = self.program().local(now.wall).format("%H:%M").to_string();
        venue.as_str() < local
    }
}

#[test]
fn tuesday_afternoon_against_the_closing_segment_at_half_past_five() {
    let day = "2025-11-25";
    let mut chair = Chair::seed(venue(day, "15:00:00"));
    chair.does(Action::begin_meeting("tue-pm"));
    chair.does(Action::Start);
    let forecast = chair.session.forecast(&chair.now);
    let closing = forecast
        .anchors
        .iter()
        .find(|a| a.label == "Closing segment")
        .expect("anchor");
    assert_eq!(chair.local(closing.at), "17:30:00");
    // Seven more 3:00 statements with 20 s changeovers after the first: they fit easily.
    assert_eq!((closing.due, closing.fit), (7, 7));
    assert_eq!(
        closing.overrun,
        -(Millis::from_mins(150) - Millis::from_secs(8 * 180 + 7 * 20))
    );
    // The closing segment's first speaker is forecast at 17:30 sharp, not earlier.
    // (After the list of speakers and its right-of-reply list.)
    let closing_segment = chair.session.program().meetings[4]
        .segments
        .iter()
        .position(|s| s.id == "closing")
        .expect("the closing segment");
    assert_eq!(closing.segment, Some(closing_segment));
    let first_closing = chair.session.list(4, closing_segment)[0];
    assert_eq!(
        chair.local(forecast.start_of(first_closing).expect("forecast")),
        "17:30:00"
    );

    // Thirty-five late inscriptions: the list now overruns the closing segment.
    for i in 0..35 {
        let speaker = plenary::meeting::RawSpeaker {
            delegation: Some(format!("Delegation {i}")),
            name: format!("Speaker {i}"),
            kind: "individual".into(),
            ..Default::default()
        };
        chair.does(Action::Insert {
            speaker: Box::new(speaker),
            position: None,
        });
    }
    let forecast = chair.session.forecast(&chair.now);
    let closing = forecast
        .anchors
        .iter()
        .find(|a| a.label == "Closing segment")
        .expect("anchor");
    assert_eq!(closing.due, 42);
    // 3:00 + 42 × 3:20 = 143:00 from 15:00 against 150:00: fits; each more would not.
    assert_eq!(
        closing.overrun,
        Millis::from_mins(143) - Millis::from_mins(150)
    );
    assert_eq!(closing.fit, 42);
    chair.does(Action::Insert {
        speaker: Box::new(plenary::meeting::RawSpeaker {
            name: "Late".into(),
            kind: "group".into(),
            on_behalf_of: Some("a group".into()),
            allotted: Some("8:00".into()),
            ..Default::default()
        }),
        position: None,
    });
    let forecast = chair.session.forecast(&chair.now);
    let closing = forecast
        .anchors
        .iter()
        .find(|a| a.label == "Closing segment")
        .expect("anchor");
    assert_eq!((closing.due, closing.fit), (43, 42));
    // 143:00 + 0:20 + 8:00 = 151:20: over by 1:20.
    assert_eq!(closing.overrun, Millis::from_secs(80));
    // At 17:30 the chair moves to the closing segment: Next calls its first speaker.
    chair.now = venue(day, "17:30:00");
    chair.does(Action::Pause);
    chair.does(Action::Next);
    // Speakers still wait: going to the closing segment asks what becomes of them, naming
    // how many. This is the last plenary meeting, so they cannot be carried over: they are
    // left on the list, and the record names each of them.
    let waiting = chair.session.waiting_on_segment_change();
    assert!(waiting > 30, "{waiting}");
    let refused = chair
        .try_do(Action::begin_segment("closing"))
        .expect_err("refused without a word on the waiting speakers");
    assert!(
        refused
            .to_string()
            .starts_with(&format!("{waiting} speaker(s) still wait")),
        "{refused}"
    );
    assert!(
        chair
            .try_do(Action::BeginSegment {
                segment: "closing".into(),
                waiting: Some(plenary::meeting::Waiting::CarryOver),
            })
            .is_err(),
        "no later plenary meeting to carry them to"
    );
    chair.does(Action::BeginSegment {
        segment: "closing".into(),
        waiting: Some(plenary::meeting::Waiting::Leave),
    });
    chair.does(Action::Next);
    assert_eq!(chair.session.floor().expect("floor").turn, first_closing);
}

/// Going from the list of speakers to the right of reply while speakers still wait asks what
/// becomes of them; carried over, they head Tuesday morning's list, journaled with the move.
#[test]
fn leaving_the_list_for_the_right_of_reply_carries_the_waiting_speakers_over() {
    let mut chair = Chair::seed(venue(DAY, "11:00:00"));
    chair.does(Action::begin_meeting("mon-am"));
    chair.does(Action::begin_segment("statements"));
    let waiting = chair.session.waiting_on_segment_change();
    assert!(waiting > 0);
    // Back to an earlier segment leaves nothing behind: no question.
    chair.does(Action::begin_segment("opening"));
    assert!(
        chair
            .try_do(Action::begin_segment("right-of-reply"))
            .is_err()
    );
    let events = chair.does(Action::BeginSegment {
        segment: "right-of-reply".into(),
        waiting: Some(plenary::meeting::Waiting::CarryOver),
    });
    let carried = events.iter().find_map(|e| match e {
        plenary::meeting::Event::CarriedOver { to_meeting, turns } => {
            Some((to_meeting, turns.len()))
        }
        _ => None,
    });
    assert_eq!(carried, Some((&"tue-am".to_string(), waiting)));
    assert_eq!(chair.session.waiting_on_segment_change(), 0);
}
