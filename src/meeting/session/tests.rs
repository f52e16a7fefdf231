//! Tests of the session: every family of decisions, and that a rejection changes nothing.

use super::*;
use crate::meeting::Waiting;
use crate::meeting::config::RawSpeaker;
use crate::meeting::ids::Source;
use crate::meeting::program::Class;
use chrono::{DateTime, Utc};

pub(super) fn seed() -> Session {
    Session::from_sources(&Sources::seed().expect("seed")).expect("valid")
}

pub(super) fn at(local: &str) -> Stamp {
    // Venue time on Monday 24 November 2025 (EST, UTC−5).
    let wall = DateTime::parse_from_rfc3339(&format!("2025-11-24T{local}-05:00"))
        .expect("valid time")
        .with_timezone(&Utc);
    Stamp::synthetic(wall)
}

pub(super) fn run(
    session: &mut Session,
    action: Action,
    time: &str,
) -> Result<Vec<Event>, Rejection> {
    session.apply(&Command::new(Source::Test, action), at(time))
}

pub(super) fn ok(session: &mut Session, action: Action, time: &str) -> Vec<Event> {
    let text = format!("{action:?}");
    run(session, action, time).unwrap_or_else(|r| panic!("{text} rejected: {r}"))
}

pub(super) fn rejected(session: &mut Session, action: Action, time: &str) -> String {
    let before = session.clone();
    let reason = run(session, action, time)
        .expect_err("should be rejected")
        .to_string();
    assert_eq!(*session, before, "a rejected command changes nothing");
    reason
}

fn delegation_of(session: &Session, id: TurnId) -> String {
    session.turn(id).expect("turn").who()
}

fn empty_program_session() -> Session {
    let mut sources = Sources::seed().expect("seed");
    sources.speakers.clear();
    for meeting in &mut sources.program.meetings {
        for segment in &mut meeting.segments {
            segment.turns.clear();
        }
    }
    Session::from_sources(&sources).expect("valid")
}

#[test]
fn rejections_speak_the_chairs_language() {
    let mut empty = empty_program_session();
    assert_eq!(
        rejected(&mut empty, Action::Next, "10:00:00"),
        "the list of speakers is empty"
    );
    assert_eq!(
        rejected(&mut empty, Action::Start, "10:00:00"),
        "the list of speakers is empty"
    );
    assert_eq!(
        rejected(&mut empty, Action::Pause, "10:00:00"),
        "no one has the floor"
    );
    assert_eq!(
        rejected(&mut empty, Action::Extend { seconds: 30 }, "10:00:00"),
        "no one has the floor"
    );
    assert_eq!(
        rejected(&mut empty, Action::ClearMessage, "10:00:00"),
        "there is no message on the podium"
    );
    let mut s = seed();
    ok(&mut s, Action::Start, "10:00:00");
    assert_eq!(
        rejected(&mut s, Action::Start, "10:00:01"),
        "the clock is already running"
    );
    assert_eq!(
        rejected(&mut s, Action::Resume, "10:00:01"),
        "the clock is not paused"
    );
    assert_eq!(
        rejected(&mut s, Action::begin_meeting("tue-am"), "10:00:02"),
        "Annalena Baerbock (President of the General Assembly) has the floor; end the speech (Next) before beginning another meeting"
    );
    assert_eq!(
        rejected(&mut s, Action::Extend { seconds: 30 }, "10:00:03"),
        "this speech has no time limit; set the remaining time instead"
    );
    assert_eq!(
        rejected(&mut s, Action::Extend { seconds: i64::MAX }, "10:00:04"),
        "an extension is at most 24 hours"
    );
    assert_eq!(
        rejected(
            &mut s,
            Action::SetRemaining { seconds: i64::MIN },
            "10:00:05"
        ),
        "the remaining time is at most 24 hours"
    );
}

#[test]
fn the_opening_segment_runs_into_the_list_of_speakers() {
    let mut s = seed();
    let events = ok(&mut s, Action::Next, "09:59:00");
    assert_eq!(
        events[0],
        Event::MeetingBegun {
            meeting: "mon-am".into()
        }
    );
    assert!(matches!(events[1], Event::FloorGiven { .. }));
    for _ in 0..6 {
        ok(&mut s, Action::Start, "10:00:00");
        ok(&mut s, Action::Next, "10:05:00");
    }
    // The adoption of the declaration is an item, not a speech.
    let item = s.floor_turn().expect("floor");
    assert!(matches!(item.inscription.content, Content::Item(_)));
    ok(&mut s, Action::Start, "10:45:00");
    let events = ok(&mut s, Action::Next, "10:48:00");
    assert!(events.contains(&Event::SegmentBegun {
        segment: "statements".into()
    }));
    assert_eq!(
        delegation_of(&s, s.floor().expect("floor").turn),
        "Saint Lucia (on behalf of the Caribbean Community)"
    );
}

#[test]
fn next_passes_over_a_speaker_who_has_not_started_and_comes_back_to_them() {
    let mut s = seed();
    ok(
        &mut s,
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
        "11:00:00",
    );
    ok(&mut s, Action::Next, "11:00:00");
    let first = s.floor().expect("floor").turn;
    let events = ok(&mut s, Action::Next, "11:00:30");
    assert_eq!(events[0], Event::PassedOver { turn: first });
    let second = s.floor().expect("floor").turn;
    assert_ne!(first, second);
    ok(&mut s, Action::Start, "11:00:40");
    ok(&mut s, Action::Next, "11:03:40");
    assert_eq!(
        s.floor().expect("floor").turn,
        first,
        "the passed-over speaker is first in line again"
    );
}

#[test]
fn recall_gives_the_floor_back_with_the_clock_where_it_ended() {
    let mut s = seed();
    ok(
        &mut s,
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
        "11:00:00",
    );
    ok(&mut s, Action::Start, "11:00:00");
    let first = s.floor().expect("floor").turn;
    ok(&mut s, Action::Extend { seconds: 60 }, "11:01:00");
    ok(&mut s, Action::Next, "11:02:00");
    assert_eq!(s.records().len(), 1);
    let events = ok(&mut s, Action::Recall, "11:02:10");
    assert_eq!(events.last(), Some(&Event::Recalled { turn: first }));
    assert!(s.records().is_empty());
    let reading = s.reading(&at("11:05:00")).expect("reading");
    assert!(reading.paused);
    assert_eq!(reading.shown, "4:00", "5:00 + 1:00 − 2:00 spoken");
    ok(&mut s, Action::Resume, "11:05:00");
    assert_eq!(s.reading(&at("11:05:30")).expect("reading").shown, "3:30");
    assert_eq!(
        rejected(&mut s, Action::Recall, "11:05:31"),
        format!(
            "{} is speaking; end the speech (Next) before recalling the previous speaker",
            delegation_of(&s, first)
        )
    );
}

#[test]
fn strike_reinstate_insert_and_move() {
    let mut s = seed();
    let list = s.list(0, 1).to_vec();
    let third = list[2];
    ok(&mut s, Action::Strike { turn: third }, "10:00:00");
    assert_eq!(s.turn(third).expect("turn").status, Status::Struck);
    assert!(!s.queue().contains(&third));
    assert!(
        rejected(&mut s, Action::Strike { turn: third }, "10:00:01")
            .contains("struck from the list")
    );
    ok(&mut s, Action::Reinstate { turn: third }, "10:00:02");
    assert_eq!(s.turn(third).expect("turn").status, Status::Pending);

    let speaker = RawSpeaker {
        delegation: Some("Chile".into()),
        name: "Ana Pérez".into(),
        kind: "individual".into(),
        ..RawSpeaker::default()
    };
    let events = ok(
        &mut s,
        Action::Insert {
            speaker: Box::new(speaker.clone()),
            position: Some(2),
        },
        "10:01:00",
    );
    let Event::Inserted {
        turn,
        meeting,
        position,
    } = events[0].clone()
    else {
        panic!("expected an insertion, got {events:?}")
    };
    assert_eq!((meeting.as_str(), position), ("mon-am", 2));
    assert_eq!(s.list(0, 1)[1], turn);
    assert_eq!(
        s.turn(turn).expect("turn").inscription.allotted,
        Some(Millis::from_secs(180))
    );
    ok(&mut s, Action::Move { turn, position: 5 }, "10:01:10");
    assert_eq!(s.position(turn), Some(5));
    assert_eq!(
        rejected(&mut s, Action::Move { turn, position: 99 }, "10:01:20"),
        format!(
            "position 99 is not on the list (1 to {})",
            s.list(0, 1).len()
        )
    );
    let bad = RawSpeaker {
        kind: "aria".into(),
        ..speaker
    };
    assert!(
        rejected(
            &mut s,
            Action::Insert {
                speaker: Box::new(bad),
                position: None
            },
            "10:02:00"
        )
        .starts_with("speaker.kind: unknown statement kind `aria`")
    );
}

#[test]
fn defer_and_carry_over_move_speakers_to_the_next_plenary() {
    let mut s = seed();
    let list = s.list(0, 1).to_vec();
    let events = ok(&mut s, Action::Defer { turn: list[0] }, "10:00:00");
    let Event::Deferred {
        to_meeting,
        new_turn,
        ..
    } = &events[0]
    else {
        panic!("{events:?}")
    };
    assert_eq!(to_meeting, "tue-am", "panels are not plenaries");
    let tue = s.program().meeting_index("tue-am").expect("tue-am");
    assert_eq!(s.list(tue, 0).last(), Some(new_turn));
    assert_eq!(
        s.turn(list[0]).expect("turn").status,
        Status::Deferred {
            to: "tue-am".into()
        }
    );

    let waiting_before = s.queue().len();
    let events = ok(&mut s, Action::CarryOver, "12:59:00");
    let Event::CarriedOver { turns, .. } = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(turns.len(), list.len() - 1);
    assert_eq!(
        s.queue().len(),
        waiting_before - turns.len(),
        "only the opening segment is left"
    );
    // Carried over speakers head the next plenary's list, in their order.
    let heads: Vec<TurnId> = s.list(tue, 0).iter().take(turns.len()).copied().collect();
    assert_eq!(heads, turns.iter().map(|(_, new)| *new).collect::<Vec<_>>());
    assert_eq!(
        rejected(&mut s, Action::CarryOver, "12:59:30"),
        "no speakers are waiting on the list; there is nothing to carry over"
    );
}

#[test]
fn precedence_puts_groups_first_then_level_then_member_states_before_observers() {
    let s = seed();
    let order: Vec<(Class, usize, Class)> = s
        .list(0, 1)
        .iter()
        .map(|&id| {
            let t = s.turn(id).expect("turn");
            let Content::Speaker(sp) = &t.inscription.content else {
                panic!("speaker")
            };
            let class = s.program().kind_of(sp).expect("kind").class;
            (
                if class == Class::Group {
                    Class::Group
                } else {
                    Class::MemberState
                },
                s.program().rank_of(sp.level.as_deref()),
                class,
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // Ghana's President speaks first among individual delegations; the Holy See (observer,
    // head of delegation) after every Member State's head of delegation.
    let names: Vec<String> = s
        .list(0, 1)
        .iter()
        .map(|&id| delegation_of(&s, id))
        .collect();
    let first_individual = names
        .iter()
        .position(|n| !n.contains("on behalf of"))
        .expect("individuals");
    assert_eq!(names[first_individual], "Ghana");
    let holy_see = names
        .iter()
        .position(|n| n == "Holy See")
        .expect("Holy See");
    let last_member = names
        .iter()
        .rposition(|n| n == "Peru" || n == "United States of America")
        .expect("members");
    assert!(holy_see > last_member);
}

#[test]
fn extreme_stamps_from_a_crafted_journal_do_not_panic() {
    let mut s = seed();
    let base = at("11:00:00");
    let far = Stamp {
        mono: Millis(i64::MAX),
        ..base
    };
    let back = Stamp {
        mono: Millis(i64::MIN),
        ..base
    };
    s.apply(
        &Command::new(
            Source::Test,
            Action::BeginSegment {
                segment: "statements".into(),
                waiting: None,
            },
        ),
        back,
    )
    .expect("accepted");
    s.apply(&Command::new(Source::Test, Action::Start), back)
        .expect("accepted");
    let reading = s.reading(&far).expect("floor");
    assert_eq!(reading.elapsed, Millis(i64::MAX));
    assert_eq!(reading.phase, crate::meeting::Phase::Overtime);
    let _ = s.forecast(&far);
    s.apply(&Command::new(Source::Test, Action::Pause), far)
        .expect("accepted");
    s.apply(&Command::new(Source::Test, Action::Next), back)
        .expect("accepted");
    assert_eq!(s.records()[0].spoken, Millis(i64::MAX));
}

#[test]
fn a_message_and_the_blackout() {
    let mut s = seed();
    ok(
        &mut s,
        Action::Message {
            text: "  Please conclude ".into(),
        },
        "10:00:00",
    );
    assert_eq!(s.message(), Some("Please conclude"));
    assert_eq!(
        rejected(&mut s, Action::Message { text: " ".into() }, "10:00:01"),
        "the message is empty"
    );
    ok(&mut s, Action::ClearMessage, "10:00:02");
    ok(&mut s, Action::Blackout { on: true }, "10:00:03");
    assert!(s.blackout());
    assert_eq!(
        rejected(&mut s, Action::Blackout { on: true }, "10:00:04"),
        "the podium is already blacked out"
    );
}

#[test]
fn the_toggles_are_decided_when_the_command_arrives() {
    let mut s = seed();
    let events = ok(&mut s, Action::StartOrPause, "10:00:00");
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::ClockStarted { .. }))
    );
    let events = ok(&mut s, Action::StartOrPause, "10:00:10");
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::ClockPaused { .. }))
    );
    let events = ok(&mut s, Action::StartOrPause, "10:00:20");
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::ClockResumed { .. }))
    );
    assert!(s.floor().expect("floor").clock.is_running());

    assert_eq!(
        ok(&mut s, Action::ToggleBlackout, "10:00:30"),
        vec![Event::BlackoutSet { on: true }]
    );
    assert_eq!(
        ok(&mut s, Action::ToggleBlackout, "10:00:31"),
        vec![Event::BlackoutSet { on: false }]
    );

    let mut empty = empty_program_session();
    assert_eq!(
        rejected(&mut empty, Action::StartOrPause, "10:00:00"),
        "the list of speakers is empty"
    );
}

/// Monday morning's statements begun, Saint Lucia called (not yet speaking).
fn statements_with_one_called() -> (Session, usize) {
    let mut s = seed();
    ok(
        &mut s,
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
        "11:00:00",
    );
    ok(&mut s, Action::Next, "11:00:05");
    let waiting = s.queue().len() + 1;
    (s, waiting)
}

#[test]
fn leaving_a_meeting_with_speakers_waiting_asks_what_becomes_of_them() {
    let (mut s, waiting) = statements_with_one_called();
    let reason = rejected(&mut s, Action::begin_meeting("panel-1"), "12:59:00");
    assert_eq!(
        reason,
        format!(
            "{waiting} speaker(s) still wait on the list of `mon-am`: say whether to carry them \
             over to the next plenary meeting or leave them on the list (waiting: CarryOver or Leave)"
        )
    );
    // Carried over: to the head of Tuesday morning's list, in their order, the called one first.
    let first = s.floor_turn().expect("called").who();
    let events = ok(
        &mut s,
        Action::BeginMeeting {
            meeting: "panel-1".into(),
            waiting: Some(Waiting::CarryOver),
        },
        "12:59:00",
    );
    let carried = events.iter().find_map(|e| match e {
        Event::CarriedOver { to_meeting, turns } => Some((to_meeting.clone(), turns.len())),
        _ => None,
    });
    assert_eq!(carried, Some(("tue-am".to_string(), waiting)));
    assert!(matches!(events.last(), Some(Event::MeetingBegun { meeting }) if meeting == "panel-1"));
    let tue = s.program().meeting_index("tue-am").expect("tue-am");
    let list = s.program().meetings[tue].list_segment().expect("a list");
    assert_eq!(delegation_of(&s, s.list(tue, list)[0]), first);
}

#[test]
fn speakers_left_on_their_list_wait_there_for_the_meeting_to_resume() {
    let (mut s, waiting) = statements_with_one_called();
    let leave = |meeting: &str| Action::BeginMeeting {
        meeting: meeting.into(),
        waiting: Some(Waiting::Leave),
    };
    let events = ok(&mut s, leave("panel-1"), "12:59:00");
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::CarriedOver { .. }))
    );
    // Back on Monday morning's list, every one of them still waits, in order.
    ok(&mut s, leave("mon-am"), "15:00:00");
    let list = s.meeting().list_segment().expect("a list");
    let pending = s
        .list(s.meeting_index(), list)
        .iter()
        .filter(|&&id| s.turn(id).is_some_and(|t| t.status == Status::Pending))
        .count();
    assert_eq!(pending, waiting);
    // With no one waiting, nothing needs saying.
    let mut fresh = seed();
    ok(&mut fresh, Action::begin_meeting("tue-am"), "10:00:00");
}
