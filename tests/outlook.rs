//! Will the list finish before the closing segment at 17:30 on Tuesday 25 November? A case
//! computed by hand: individual statements observed at 2:30 with 0:30 changeovers, so each
//! waiting speaker takes three minutes from the end of the one before.

mod support;

use plenary::meeting::{Action, Content, RawSpeaker, Session, Sources, TurnId};
use support::{Chair, venue};

/// The seed program with `n` individual statements inscribed on Tuesday afternoon's list
/// ("Speaker 1" … in order), and the chair at 15:00 that day.
fn tuesday_afternoon(n: usize) -> Chair {
    let mut sources = Sources::seed().expect("seed");
    sources
        .speakers
        .retain(|s| s.meeting.as_deref() != Some("tue-pm") || s.seat.is_some());
    for i in 1..=n {
        sources.speakers.push(RawSpeaker {
            meeting: Some("tue-pm".into()),
            delegation: Some("Chile".into()),
            name: format!("Speaker {i}"),
            kind: "individual".into(),
            ..RawSpeaker::default()
        });
    }
    Chair {
        session: Session::from_sources(&sources).expect("valid"),
        now: venue("2025-11-25", "15:00:00"),
    }
}

fn named(session: &Session, id: TurnId) -> String {
    match session.turn(id).map(|t| &t.inscription.content) {
        Some(Content::Speaker(s)) => s.name.clone(),
        _ => String::new(),
    }
}

/// Two statements heard at 2:30 each with a 0:30 changeover; the third speaker called at
/// 15:05:30 (not started: the floor is reckoned at its full 3:00, to 15:08:30).
fn two_heard(chair: &mut Chair) {
    chair.does(Action::begin_meeting("tue-pm"));
    chair.does(Action::Next);
    chair.does(Action::Start);
    chair.wait(150);
    chair.does(Action::Next);
    chair.wait(30);
    chair.does(Action::Start);
    chair.wait(150);
    chair.does(Action::Next);
}

#[test]
fn a_long_list_the_last_who_fits_before_the_closing_segment() {
    let mut chair = tuesday_afternoon(60);
    two_heard(&mut chair);
    let pace = chair.session.pace();
    assert_eq!(
        pace.get("individual"),
        Some(&plenary::meeting::Millis::from_secs(150))
    );
    let outlook = chair
        .session
        .outlook(&chair.session.forecast(&chair.now), &chair.now);
    let closing = &outlook[0];
    assert_eq!(closing.label, "Closing segment");
    assert_eq!(chair.local(closing.at), "17:30:00");
    // 57 wait after the one called; the k-th of them ends 15:08:30 + 3 min × k: 47 end by
    // 17:29:30, the 48th (Speaker 51) would end at 17:32:30.
    assert_eq!((closing.waiting, closing.heard, closing.room), (57, 47, 0));
    let (last, ends) = closing.last_heard.expect("someone fits");
    assert_eq!(named(&chair.session, last), "Speaker 50");
    assert_eq!(chair.local(ends), "17:29:30");
    let first_out = closing.first_not_heard.expect("someone does not fit");
    assert_eq!(named(&chair.session, first_out), "Speaker 51");
    assert_eq!(outlook.last().expect("end").label, "End of meeting");
}

#[test]
fn a_short_list_is_through_with_room_for_more() {
    let mut chair = tuesday_afternoon(20);
    two_heard(&mut chair);
    let closing = &chair
        .session
        .outlook(&chair.session.forecast(&chair.now), &chair.now)[0];
    // 17 wait: through at 15:08:30 + 51 min = 15:59:30; 90:30 to spare, 3:00 a speaker.
    assert_eq!((closing.waiting, closing.heard), (17, 17));
    assert_eq!(closing.first_not_heard, None);
    let (_, ends) = closing.last_heard.expect("the last");
    assert_eq!(chair.local(ends), "15:59:30");
    assert_eq!(closing.room, 30);
    assert_eq!(
        closing.per_speaker,
        plenary::meeting::Millis::from_secs(180)
    );
}

#[test]
fn the_console_says_it_in_words_and_no_public_display_does() {
    let mut chair = tuesday_afternoon(60);
    two_heard(&mut chair);
    let lines = plenary::view::outlook_lines(
        &chair.session,
        &chair.session.forecast(&chair.now),
        &chair.now,
    );
    assert_eq!(
        lines[0],
        "Closing segment 17:30: 47 of 57 heard, the last who fits Chile — Speaker 50 (ends \
         17:29); not heard from Chile — Speaker 51 on — close the list now"
    );
    let hall = plenary::view::hall(&chair.session, &chair.now);
    assert!(
        !format!("{hall:?}").contains("close the list"),
        "the hall shows none of it"
    );
    // On another day it means nothing, and is not said.
    let other_day = venue("2026-11-30", "15:05:30");
    assert!(
        plenary::view::outlook_lines(
            &chair.session,
            &chair.session.forecast(&other_day),
            &other_day
        )
        .is_empty()
    );
    let mut short = tuesday_afternoon(20);
    two_heard(&mut short);
    assert_eq!(
        plenary::view::outlook_lines(
            &short.session,
            &short.session.forecast(&short.now),
            &short.now
        )[0],
        "Closing segment 17:30: all 17 heard, the last (Chile — Speaker 20) by 15:59; room for \
         30 more at 3:00 each — close the list after 30 more"
    );
}
