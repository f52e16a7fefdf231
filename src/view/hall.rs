//! What the hall display (and the webcast overlay) shows at one instant: the meeting, the
//! speaker on the floor, the next five with their forecast start, the anchors; in the
//! display's language.

use serde::Serialize;

use super::{
    Tone, Wording, anchor_text, fill, local_clock, next_line, on_meeting_day, podium_in, venue_hhmm,
};
use crate::meeting::program::{Content, Speaker};
use crate::meeting::{AnchorForecast, Forecast, Lang, Millis, Session, Stamp};

/// The current speaker or item, as the hall shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HallCurrent {
    /// Delegation (with "on behalf of …"), or the item's title.
    pub headline: String,
    /// Name and title, or "Agenda item".
    pub detail: String,
}

/// What the hall display shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HallView {
    /// "General Assembly · Eightieth session".
    pub body: String,
    /// The meeting's title.
    pub title: String,
    /// "Plenary meeting — Statements by Member States and observers".
    pub meeting: String,
    pub clock: String,
    /// Today at the venue, as the display's language writes a date.
    pub date: String,
    pub theme: Option<String>,
    pub co_chairs: Vec<String>,
    pub current: Option<HallCurrent>,
    pub time: String,
    pub tone: Tone,
    pub paused: bool,
    /// The next five: (forecast start `HH:MM`, who).
    pub next: Vec<(String, String)>,
    /// "Closing segment 17:30 — list overruns by 12 min".
    pub anchors: Vec<String>,
    /// A rehearsal: the display says REHEARSAL.
    pub rehearsal: bool,
}

/// What the hall's headline and the line under it say while no one has the floor: the
/// meeting's title in the display's language and, before the meeting begins, "The meeting has
/// not begun" (the browser hall says the same).
pub fn hall_idle(session: &Session, local: &Wording) -> (String, String) {
    let meeting = session.meeting();
    let title = meeting.titles.get(local.lang, &meeting.title).to_string();
    let detail = if session.meeting_begun() {
        String::new()
    } else {
        local.words.not_begun.clone()
    };
    (title, detail)
}

/// The hall's line under the headline: name and title, and who delivers the statement
/// ("Message of the Secretary-General, delivered by …"); a name to be confirmed is left out.
fn hall_detail(s: &Speaker, local: &Wording) -> String {
    let words = local.words;
    if let Some(by) = &s.delivered_by {
        return match &s.delegation {
            None => fill(
                &words.message_delivered,
                &[("office", &s.title), ("by", by)],
            ),
            Some(_) if s.named() => {
                fill(&words.statement_delivered, &[("name", &s.name), ("by", by)])
            }
            Some(_) => fill(&words.delivered, &[("by", by)]),
        };
    }
    let name = if s.named() { s.name.as_str() } else { "" };
    [name, local.title(s).as_str()]
        .iter()
        .filter(|x| !x.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the hall (and the overlay) headline: a point of order with the speaker's stopped
/// time, or the speaker or item on the floor.
pub fn hall_current(session: &Session, now: &Stamp) -> Option<HallCurrent> {
    hall_current_in(session, now, &Wording::new(Lang::En))
}

/// [`hall_current`] in a display's language.
pub fn hall_current_in(session: &Session, now: &Stamp, local: &Wording) -> Option<HallCurrent> {
    let words = local.words;
    if let Some(i) = session.interrupted() {
        let cause = words.interruption(i.cause);
        return Some(HallCurrent {
            headline: match &i.by {
                Some(by) => format!("{cause} — {}", local.delegation(by)),
                None => cause.to_string(),
            },
            detail: match (session.floor_turn(), session.time_held(now)) {
                (Some(turn), Some(left)) => fill(
                    &words.time_stopped,
                    &[("who", &local.who(turn)), ("time", &super::held_text(left))],
                ),
                (Some(turn), None) => fill(&words.clock_stopped, &[("who", &local.who(turn))]),
                (None, _) => String::new(),
            },
        });
    }
    session
        .floor_turn()
        .map(|turn| match &turn.inscription.content {
            Content::Speaker(s) => HallCurrent {
                headline: local.who(turn),
                detail: hall_detail(s, local),
            },
            Content::Item(item) => HallCurrent {
                headline: item.title.clone(),
                detail: words.agenda_item.clone(),
            },
        })
}

/// The hall display at `now`, in English.
pub fn hall(session: &Session, now: &Stamp) -> HallView {
    hall_in(session, now, Lang::En)
}

/// The hall display at `now`, in `lang`.
pub fn hall_in(session: &Session, now: &Stamp, lang: Lang) -> HallView {
    let local = Wording::new(lang);
    let program = session.program();
    let meeting = session.meeting();
    let podium = podium_in(session, now, lang);
    let forecast = session.forecast(now);
    let hhmm = |t| venue_hhmm(program, t);
    let current = hall_current_in(session, now, &local);
    let next = forecast
        .turns
        .iter()
        .take(5)
        .filter_map(|p| {
            session
                .turn(p.turn)
                .map(|t| (hhmm(p.start), next_line(t, &local)))
        })
        .collect();
    let anchors = hall_anchor_lines(session, &forecast, now, &local);
    HallView {
        body: format!(
            "{} · {}",
            program.bodies.get(lang, &program.body),
            program.sessions.get(lang, &program.session)
        ),
        title: program.titles.get(lang, &program.title).to_string(),
        meeting: local.meeting_line(meeting, session.segment_index()),
        clock: local_clock(session, now),
        date: local.words.date(program.local(now.wall).date_naive()),
        theme: meeting
            .theme
            .as_deref()
            .map(|t| meeting.themes.get(lang, t).to_string()),
        co_chairs: meeting
            .co_chairs
            .iter()
            // Development status stays in the program and the console: not for the webcast.
            .map(|c| {
                let delegation = local.delegation(&c.delegation);
                if c.name.trim().is_empty() {
                    delegation
                } else {
                    format!("{} ({delegation})", c.name)
                }
            })
            .collect(),
        current,
        time: if podium.tone == Tone::Idle {
            String::new()
        } else {
            podium.digits
        },
        tone: podium.tone,
        paused: podium.paused,
        rehearsal: podium.rehearsal,
        next,
        anchors,
    }
}

/// The hall's lines for the anchors: none on any day but the meeting's, and never a figure
/// longer than the meeting itself.
fn hall_anchor_lines(
    session: &Session,
    forecast: &Forecast,
    now: &Stamp,
    local: &Wording,
) -> Vec<String> {
    if !on_meeting_day(session, now) {
        return Vec::new();
    }
    let meeting = session.meeting();
    let length = Millis((meeting.end - meeting.start).num_milliseconds());
    let sane: Vec<&AnchorForecast> = forecast
        .anchors
        .iter()
        .filter(|a| a.overrun.0.saturating_abs() <= length.0)
        .collect();
    sane.into_iter()
        .map(|a| anchor_text(session, a, local))
        .collect()
}
