//! Tests of the view models: the podium, the hall, the console's list, wake-ups.

use super::*;
use crate::meeting::Action;
use crate::meeting::{Command, Source, Sources};
use chrono::{DateTime, Utc};

fn at(time: &str) -> Stamp {
    Stamp::synthetic(
        DateTime::parse_from_rfc3339(&format!("2025-11-24T{time}-05:00"))
            .expect("time")
            .with_timezone(&Utc),
    )
}

fn statements_running() -> Session {
    let mut s = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    for (action, time) in [
        (
            Action::BeginSegment {
                segment: "statements".into(),
                waiting: None,
            },
            "11:00:00",
        ),
        (Action::Start, "11:00:00"),
    ] {
        s.apply(&Command::new(Source::Test, action), at(time))
            .expect("accepted");
    }
    s
}

#[test]
fn the_podium_shows_each_phase_with_a_second_cue() {
    let s = statements_running();
    let p = podium(&s, &at("11:00:00.500"));
    assert_eq!(
        (p.tone, p.digits.as_str(), p.label.as_str()),
        (Tone::Running, "5:00", "")
    );
    assert_eq!(p.who, "Saint Lucia");
    assert_eq!(p.speaker, "Claudette Joseph, Minister for External Affairs");
    let p = podium(&s, &at("11:04:31"));
    assert_eq!(
        (p.tone, p.digits.as_str(), p.label.as_str()),
        (Tone::Warning, "0:29", "30 s")
    );
    let p = podium(&s, &at("11:05:00.200"));
    assert_eq!(
        (p.tone, p.digits.as_str(), p.label.as_str()),
        (Tone::Expired, "0:00", "TIME")
    );
    let p = podium(&s, &at("11:05:07.200"));
    assert_eq!(
        (p.tone, p.digits.as_str(), p.dim),
        (Tone::Overtime, "+0:07", false)
    );
    assert!(podium(&s, &at("11:05:07.700")).dim, "the overtime pulse");
    assert_eq!(p.bar, Some(0.0));
}

#[test]
fn the_hall_shows_the_speaker_the_next_five_and_the_anchors() {
    let s = statements_running();
    let h = hall(&s, &at("11:01:00"));
    assert_eq!(
        h.current.as_ref().expect("current").headline,
        "Saint Lucia (on behalf of the Caribbean Community)"
    );
    assert_eq!(h.time, "4:00");
    assert_eq!(h.next.len(), 5);
    assert_eq!(
        h.next[0],
        (
            "11:05".into(),
            "Malaysia (on behalf of the Association of Southeast Asian Nations) — Azlan Ismail"
                .into()
        )
    );
    assert_eq!(h.clock, "11:01");
    assert!(
        h.anchors[0].starts_with("End of meeting 13:00 — list "),
        "{:?}",
        h.anchors
    );
}

#[test]
fn a_count_up_says_elapsed() {
    let mut s = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    s.apply(
        &crate::meeting::Command::new(crate::meeting::Source::Test, Action::Start),
        at("10:00:00"),
    )
    .expect("the President's opening statement starts");
    let p = podium(&s, &at("10:01:05"));
    assert_eq!(
        (p.tone, p.digits.as_str(), p.label.as_str()),
        (Tone::CountUp, "1:05", "ELAPSED")
    );
}

#[test]
fn the_idle_podium_cannot_be_taken_for_a_countdown() {
    let s = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    let p = podium(&s, &at("09:56:00"));
    assert_eq!(p.tone, Tone::Idle);
    assert_eq!(p.digits, "", "no big digits between speakers");
    assert_eq!(p.label, "Local time 09:56");
    assert_eq!(p.who, "Plenary meeting — Opening segment");
    assert_eq!(
        p.speaker,
        "Next: Annalena Baerbock (President of the General Assembly)"
    );
}

#[test]
fn on_any_other_day_the_hall_shows_no_overrun_and_the_console_says_why() {
    let s = statements_running();
    let rehearsal = Stamp::synthetic(
        chrono::DateTime::parse_from_rfc3339("2026-11-29T11:01:00-05:00")
            .expect("time")
            .with_timezone(&chrono::Utc),
    );
    let h = hall(&s, &rehearsal);
    assert!(h.anchors.is_empty(), "{:?}", h.anchors);
    let console = anchor_lines(&s, &s.forecast(&rehearsal), &rehearsal);
    assert_eq!(
        console,
        ["No forecast against the fixed times: today is not the meeting's day (Mon 24 Nov 2025)"]
    );
    // On the day, no figure longer than the meeting: the day's forecast at 11:01 fits
    // within three hours either way, so it is shown.
    let on_the_day = hall(&s, &at("11:01:00"));
    let meeting_minutes = 180;
    for line in &on_the_day.anchors {
        let figure: i64 = line
            .split_whitespace()
            .rev()
            .find_map(|w| w.parse().ok())
            .expect("a figure");
        assert!(figure <= meeting_minutes, "{line}");
    }
}

#[test]
fn the_console_lists_every_turn_of_the_meeting_with_its_forecast() {
    let s = statements_running();
    let rows = list_rows(&s, &s.forecast(&at("11:01:00")), s.meeting_index());
    assert_eq!(rows.len(), 7 + 36, "the opening segment and the statements");
    assert_eq!(rows[0].delegation, "President of the General Assembly");
    assert_eq!(rows[0].segment, "Opening segment");
    assert_eq!(rows[7].segment, "Statements by Member States and observers");
    assert_eq!(rows[0].allotted, "—");
    assert_eq!(rows[6].kind, "item");
    let speaking = &rows[7];
    assert_eq!(speaking.status, Status::Speaking);
    assert_eq!(
        speaking.delegation,
        "Saint Lucia (on behalf of the Caribbean Community)"
    );
    assert_eq!(speaking.forecast, "", "no forecast for who has the floor");
    assert_eq!((rows[8].position, rows[8].forecast.as_str()), (2, "11:05"));
    assert_eq!(
        rows[9].delegation, "Guatemala (on behalf of the Central American Integration System)",
        "whole: the console cuts it to its column's width"
    );
    // Another meeting's list can be read too: Tuesday morning, no forecast yet.
    let tue = s.program().meeting_index("tue-am").expect("tue-am");
    let tuesday = list_rows(&s, &s.forecast(&at("11:01:00")), tue);
    assert!(!tuesday.is_empty());
    assert!(tuesday.iter().all(|r| r.forecast.is_empty()));
    assert!(tuesday.iter().all(|r| r.status == Status::Pending));
}

#[test]
fn the_app_wakes_when_the_shown_second_changes() {
    let s = statements_running();
    assert_eq!(next_change(&s, &at("11:00:00.250")), Millis(750));
    assert_eq!(
        next_change(&s, &at("11:05:03.100")),
        Millis(400),
        "half-second pulse in overtime"
    );
    let idle = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    assert_eq!(next_change(&idle, &at("09:59:45")), Millis(15_000));
}

#[test]
fn a_rehearsal_says_so_on_the_podium_and_the_hall_and_forecasts_on_its_own_dates() {
    let day = statements_running();
    assert!(!podium(&day, &at("11:00:10")).rehearsal);
    assert!(!hall(&day, &at("11:00:10")).rehearsal);
    let sources = Sources::seed().expect("seed").for_rehearsal(true);
    let mut s = Session::from_sources(&sources).expect("valid");
    s.apply(
        &Command::new(
            Source::Test,
            Action::BeginSegment {
                segment: "statements".into(),
                waiting: None,
            },
        ),
        at("11:00:00"),
    )
    .expect("accepted");
    // A rehearsal's clock stands on the program's own day: its forecast means something.
    let h = hall(&s, &at("11:00:10"));
    assert!(h.rehearsal);
    assert!(podium(&s, &at("11:00:10")).rehearsal);
    assert!(
        !h.anchors.is_empty(),
        "the forecast is shown in a rehearsal"
    );
    assert!(h.next.iter().all(|(start, _)| start.starts_with("11:")));
}

/// A fixed segment's anchor is named by the segment it points to, in the display's language;
/// its English label is not looked up (two segments may share a title).
#[test]
fn an_anchor_is_named_by_its_segment_in_the_display_language() {
    let mut s = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    let three_pm = Stamp::synthetic(
        DateTime::parse_from_rfc3339("2025-11-25T15:00:00-05:00")
            .expect("time")
            .with_timezone(&Utc),
    );
    s.apply(
        &Command::new(Source::Test, Action::begin_meeting("tue-pm")),
        three_pm,
    )
    .expect("begun");
    let forecast = s.forecast(&three_pm);
    let closing = s
        .meeting()
        .segments
        .iter()
        .position(|segment| segment.id == "closing")
        .expect("the closing segment");
    let mut anchor = forecast
        .anchors
        .iter()
        .find(|a| a.segment == Some(closing))
        .expect("the closing segment anchors the list")
        .clone();
    let end = forecast.anchors.last().expect("the end of the meeting");
    assert_eq!(end.segment, None);
    anchor.label = "Another segment with the same English title".into();
    let french = Wording::new(Lang::Fr);
    let text = anchor_text(&s, &anchor, &french);
    let title = french.segment_title(&s.meeting().segments[closing]);
    assert!(text.starts_with(&format!("{title} ")), "{text}");
    assert_ne!(title, s.meeting().segments[closing].title, "a French title");
    assert!(
        anchor_text(&s, end, &french).starts_with("Fin de la séance "),
        "{}",
        anchor_text(&s, end, &french)
    );
}

#[test]
fn a_follower_names_what_it_shows_and_in_which_language() {
    let langs: DisplayLangs = "podium=ru,hall=ar".parse().expect("langs");
    assert_eq!(langs.follower(Some(WindowKind::Hall)), "follower hall (ar)");
    assert_eq!(
        langs.follower(Some(WindowKind::Podium)),
        "follower podium (ru)"
    );
    assert_eq!(langs.follower(None), "follower");
}

/// A speaker interrupted in overtime has their time held as every display writes overtime,
/// `+1:08`, never `-1:08`.
#[test]
fn time_held_in_overtime_is_written_as_overtime() {
    assert_eq!(super::held_text(Millis(161_000)), "2:41");
    assert_eq!(super::held_text(Millis(-68_500)), "+1:08");
    assert_eq!(super::held_text(Millis::ZERO), "0:00");
}

/// Before the meeting, the native hall says what the browser hall says: the meeting's title
/// and "The meeting has not begun", in the display's language; once begun, the title alone.
#[test]
fn the_hall_before_the_meeting_says_it_has_not_begun() {
    let mut session = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    let (headline, detail) = hall_idle(&session, &Wording::new(Lang::En));
    assert_eq!(
        (headline.as_str(), detail.as_str()),
        ("Plenary meeting", "The meeting has not begun")
    );
    let (headline, _) = hall_idle(&session, &Wording::new(Lang::Fr));
    assert_eq!(headline, "Séance plénière");
    let at = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
    session
        .apply(
            &Command::new(Source::Test, Action::begin_meeting("mon-am")),
            at,
        )
        .expect("begun");
    assert_eq!(hall_idle(&session, &Wording::new(Lang::En)).1, "");
}
