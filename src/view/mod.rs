//! What each display shows at one instant, computed from the session and the time: plain Rust,
//! no Bevy, tested directly. The Bevy layer only paints these.

mod sizes;
mod words;

use serde::Serialize;

pub use sizes::{DIGITS_BESIDE_MESSAGE, PodiumSizes, podium_sizes};
pub use words::{action_words, delegation_text, speaker_text, status_line, venue_hhmm};

use crate::meeting::program::{Content, EXPLANATION_KIND, Speaker};
use crate::meeting::session::Interrupted;
use crate::meeting::{AnchorForecast, Forecast, Millis, Phase, Session, Stamp, Status, TurnId};

/// A display of the app: which windows `plenary run --windows` opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WindowKind {
    Podium,
    Hall,
    Chair,
}

impl std::str::FromStr for WindowKind {
    type Err = String;

    /// `podium`, `hall` or `chair`, as the command line says them.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "podium" => Ok(WindowKind::Podium),
            "hall" => Ok(WindowKind::Hall),
            "chair" => Ok(WindowKind::Chair),
            other => Err(format!(
                "`{other}` is not a window: say podium, hall or chair"
            )),
        }
    }
}

/// The podium's tone: chooses its colours, and goes with a second cue (label, bar, pulse).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Tone {
    /// No one has the floor: the meeting and the local clock.
    Idle,
    /// Called, clock not started.
    Ready,
    Running,
    Warning,
    Expired,
    Overtime,
    /// A speech with no limit, counting up.
    CountUp,
}

/// What the podium shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PodiumView {
    pub blackout: bool,
    pub tone: Tone,
    pub paused: bool,
    /// The big text: `2:59`, `+0:05`, or the local time between speakers.
    pub digits: String,
    /// The second cue: `30 s`, `TIME`, `PAUSED`, `READY`, or empty.
    pub label: String,
    /// Share of the allowance left, for the draining bar.
    pub bar: Option<f32>,
    /// Delegation (or the item, or the meeting between speakers).
    pub who: String,
    /// Speaker's name and title.
    pub speaker: String,
    pub message: Option<String>,
    /// In overtime, the dim half of the pulse.
    pub dim: bool,
    /// A rehearsal: the display says REHEARSAL.
    pub rehearsal: bool,
}

/// `text` cut to `max` characters, with an ellipsis where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!(
            "{}…",
            text.chars().take(max.saturating_sub(1)).collect::<String>()
        )
    }
}

/// The local time in the venue, `HH:MM`.
pub fn local_clock(session: &Session, now: &Stamp) -> String {
    venue_hhmm(session.program(), now.wall)
}

/// The podium's line under the delegation: who stands at the rostrum, with their title when
/// the delegation is the headline; a name to be confirmed shows the title alone.
fn rostrum_line(s: &Speaker) -> String {
    let title = if s.delegation.is_some() {
        s.title.as_str()
    } else {
        ""
    };
    match (s.at_the_rostrum(), title.is_empty()) {
        (Some(name), true) => name.to_string(),
        (Some(name), false) if s.delivered_by.is_some() => name.to_string(),
        (Some(name), false) => format!("{name}, {title}"),
        (None, _) => title.to_string(),
    }
}

/// The podium at `now`.
pub fn podium(session: &Session, now: &Stamp) -> PodiumView {
    let message = session.message().map(str::to_string);
    if let Some(interrupted) = session.interrupted() {
        return PodiumView {
            blackout: session.blackout(),
            tone: Tone::CountUp,
            paused: false,
            digits: interruption_clock(interrupted, now),
            label: interrupted.cause.label().to_uppercase(),
            bar: None,
            who: interrupted
                .by
                .clone()
                .unwrap_or_else(|| interrupted.cause.label().to_string()),
            speaker: stopped_line(session, now),
            message,
            dim: false,
            rehearsal: session.rehearsal(),
        };
    }
    let (Some(turn), Some(reading)) = (session.floor_turn(), session.reading(now)) else {
        // Between speakers: nothing a speaker could take for a countdown. The meeting and who
        // speaks next, large; the local time small and labelled.
        let meeting = session.meeting();
        let next = session
            .queue()
            .first()
            .and_then(|&id| session.turn(id))
            .map_or_else(String::new, |t| format!("Next: {}", next_line(t)));
        return PodiumView {
            blackout: session.blackout(),
            tone: Tone::Idle,
            paused: false,
            digits: String::new(),
            label: format!("Local time {}", local_clock(session, now)),
            bar: None,
            who: format!(
                "{} — {}",
                meeting.title,
                meeting.segments[session.segment_index()].title
            ),
            speaker: next,
            message,
            dim: false,
            rehearsal: session.rehearsal(),
        };
    };
    let tone = match reading.phase {
        Phase::Ready => Tone::Ready,
        Phase::Running => Tone::Running,
        Phase::Warning => Tone::Warning,
        Phase::Expired => Tone::Expired,
        Phase::Overtime => Tone::Overtime,
        Phase::CountUp => Tone::CountUp,
    };
    let label = if reading.paused {
        "PAUSED".to_string()
    } else {
        match tone {
            Tone::Ready => "READY".into(),
            Tone::Warning => format!("{} s", session.program().warning.floor_secs()),
            Tone::Expired | Tone::Overtime => "TIME".into(),
            // A speech with no limit counts up: said, so that nobody reads it as time left.
            Tone::CountUp => "ELAPSED".into(),
            _ => String::new(),
        }
    };
    let (who, speaker) = match &turn.inscription.content {
        Content::Speaker(s) => (
            s.delegation.clone().unwrap_or_else(|| s.title.clone()),
            rostrum_line(s),
        ),
        Content::Item(item) => (item.title.clone(), String::new()),
    };
    let over = reading.remaining.map_or(Millis::ZERO, |r| -r);
    PodiumView {
        blackout: session.blackout(),
        tone,
        paused: reading.paused,
        digits: reading.shown.clone(),
        label,
        bar: reading.fraction_left(),
        who,
        speaker,
        message,
        dim: tone == Tone::Overtime && !reading.paused && over.0.rem_euclid(1000) >= 500,
        rehearsal: session.rehearsal(),
    }
}

/// An interruption's own clock, counting up from when it began: `1:05`.
fn interruption_clock(interrupted: &Interrupted, now: &Stamp) -> String {
    crate::meeting::time::mss(now.since(&interrupted.since).max(Millis::ZERO).floor_secs())
}

/// "The speaker's time stopped at 2:41": what the interrupted speaker will have back.
fn stopped_line(session: &Session, now: &Stamp) -> String {
    session.time_held(now).map_or_else(String::new, |left| {
        format!("The speaker's time stopped at {left}")
    })
}

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

/// The hall's line under the headline: name and title, and who delivers the statement
/// ("Message of the Secretary-General, delivered by …"); a name to be confirmed is left out.
fn hall_detail(s: &Speaker) -> String {
    if let Some(by) = &s.delivered_by {
        return match &s.delegation {
            None => format!("Message of the {}, delivered by {by}", s.title),
            Some(_) if s.named() => format!("Statement of {}, delivered by {by}", s.name),
            Some(_) => format!("Delivered by {by}"),
        };
    }
    let name = if s.named() { s.name.as_str() } else { "" };
    [name, s.title.as_str()]
        .iter()
        .filter(|x| !x.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// One of the hall's next speakers: the delegation and who will speak for it ("Chile — Ana
/// Pérez"); an office holder by name and office; a name to be confirmed left out.
fn next_line(turn: &crate::meeting::Turn) -> String {
    match &turn.inscription.content {
        Content::Speaker(s) if s.delegation.is_some() => match s.at_the_rostrum() {
            Some(name) => format!("{} — {name}", turn.who()),
            // "Cuba — Right of reply": what kind of statement it is, as the hall says it.
            None if s.is_reply() || s.kind == EXPLANATION_KIND => {
                format!("{} — {}", turn.who(), s.title)
            }
            None => turn.who(),
        },
        _ => turn.who(),
    }
}

/// What the hall (and the overlay) headline: a point of order with the speaker's stopped
/// time, or the speaker or item on the floor.
pub fn hall_current(session: &Session, now: &Stamp) -> Option<HallCurrent> {
    if let Some(i) = session.interrupted() {
        return Some(HallCurrent {
            headline: match &i.by {
                Some(by) => format!("{} — {by}", i.cause.label()),
                None => i.cause.label().to_string(),
            },
            detail: match (session.floor_turn(), session.time_held(now)) {
                (Some(turn), Some(left)) => format!("{}: time stopped at {left}", turn.who()),
                (Some(turn), None) => format!("{}: clock stopped", turn.who()),
                (None, _) => String::new(),
            },
        });
    }
    session
        .floor_turn()
        .map(|turn| match &turn.inscription.content {
            Content::Speaker(s) => HallCurrent {
                headline: turn.who(),
                detail: hall_detail(s),
            },
            Content::Item(item) => HallCurrent {
                headline: item.title.clone(),
                detail: "Agenda item".into(),
            },
        })
}

/// The hall display at `now`.
pub fn hall(session: &Session, now: &Stamp) -> HallView {
    let program = session.program();
    let meeting = session.meeting();
    let podium = podium(session, now);
    let forecast = session.forecast(now);
    let hhmm = |t| venue_hhmm(program, t);
    let current = hall_current(session, now);
    let next = forecast
        .turns
        .iter()
        .take(5)
        .filter_map(|p| session.turn(p.turn).map(|t| (hhmm(p.start), next_line(t))))
        .collect();
    let anchors = hall_anchor_lines(session, &forecast, now);
    HallView {
        body: format!("{} · {}", program.body, program.session),
        title: program.title.clone(),
        meeting: format!(
            "{} — {}",
            meeting.title,
            meeting.segments[session.segment_index()].title
        ),
        clock: local_clock(session, now),
        theme: meeting.theme.clone(),
        co_chairs: meeting
            .co_chairs
            .iter()
            // Development status stays in the program and the console: not for the webcast.
            .map(|c| {
                if c.name.trim().is_empty() {
                    c.delegation.clone()
                } else {
                    format!("{} ({})", c.name, c.delegation)
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

/// Whether `now` falls on the current meeting's day at the venue: only then does a forecast
/// against the program's fixed times mean anything (a rehearsal on another day, a program
/// opened in advance, would show overruns of months).
pub fn on_meeting_day(session: &Session, now: &Stamp) -> bool {
    let program = session.program();
    program.local(now.wall).date_naive() == program.local(session.meeting().start).date_naive()
}

/// The console's lines for the anchors at `now`: "Closing segment 17:30 — list overruns by
/// 12 min" on the meeting's day; on another day one line that says there is no forecast.
pub fn anchor_lines(session: &Session, forecast: &Forecast, now: &Stamp) -> Vec<String> {
    if !on_meeting_day(session, now) {
        let program = session.program();
        return vec![format!(
            "No forecast against the fixed times: today is not the meeting's day ({})",
            program.local(session.meeting().start).format("%a %d %b %Y")
        )];
    }
    anchor_texts(session, forecast)
}

/// The console's answer to "will the list finish?" before each fixed time, at the pace
/// observed so far: who is the last heard, the first not, and when to close the list. Only on
/// the meeting's day (on another, the times mean nothing); never on a public display.
pub fn outlook_lines(session: &Session, forecast: &Forecast, now: &Stamp) -> Vec<String> {
    if !on_meeting_day(session, now) {
        return Vec::new();
    }
    let program = session.program();
    let hhmm = |t| venue_hhmm(program, t);
    let who = |id| session.turn(id).map_or_else(String::new, next_line);
    session
        .outlook(forecast, now)
        .iter()
        .map(|o| {
            let head = format!("{} {}", o.label, hhmm(o.at));
            match (o.last_heard, o.first_not_heard) {
                _ if o.waiting == 0 => format!("{head}: no one waiting"),
                (Some((last, ends)), None) => format!(
                    "{head}: all {} heard, the last ({}) by {}; room for {} more at {} each \
                     — close the list after {} more",
                    o.waiting,
                    who(last),
                    hhmm(ends),
                    o.room,
                    o.per_speaker,
                    o.room
                ),
                (last, Some(first)) => format!(
                    "{head}: {} of {} heard{}; not heard from {} on — close the list now",
                    o.heard,
                    o.waiting,
                    last.map_or_else(String::new, |(id, ends)| format!(
                        ", the last who fits {} (ends {})",
                        who(id),
                        hhmm(ends)
                    )),
                    who(first)
                ),
                (None, None) => format!("{head}: no one waiting"),
            }
        })
        .collect()
}

/// The hall's lines for the anchors: none on any day but the meeting's, and never a figure
/// longer than the meeting itself.
fn hall_anchor_lines(session: &Session, forecast: &Forecast, now: &Stamp) -> Vec<String> {
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
    sane.into_iter().map(|a| anchor_text(session, a)).collect()
}

fn anchor_texts(session: &Session, forecast: &Forecast) -> Vec<String> {
    forecast
        .anchors
        .iter()
        .map(|a| anchor_text(session, a))
        .collect()
}

/// "Closing segment 17:30 — list overruns by 12 min".
fn anchor_text(session: &Session, a: &AnchorForecast) -> String {
    let minutes = (a.overrun.0.saturating_abs() + 59_999) / 60_000;
    let state = if a.overrun > Millis::ZERO {
        format!("list overruns by {minutes} min")
    } else {
        format!("list fits, {minutes} min to spare")
    };
    format!(
        "{} {} — {state}",
        a.label,
        venue_hhmm(session.program(), a.at)
    )
}

/// One row of the console's list of speakers, as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListRow {
    pub turn: TurnId,
    /// The title of the segment the turn is on (the console heads each segment with it).
    pub segment: String,
    /// 1-based position on its segment's list.
    pub position: usize,
    /// Delegation (and group), or the office, or the item.
    pub delegation: String,
    pub speaker: String,
    /// The statement kind's id, or `item`.
    pub kind: String,
    /// `3:00`, or `—` for a speech that counts up.
    pub allotted: String,
    pub status: Status,
    /// Forecast start `HH:MM` for a waiting turn.
    pub forecast: String,
}

/// Every turn of meeting `meeting` (an index of the program's; the current one has forecast
/// starts), segment by segment, as the console lists them.
pub fn list_rows(session: &Session, forecast: &Forecast, meeting: usize) -> Vec<ListRow> {
    let Some(shown) = session.program().meetings.get(meeting) else {
        return Vec::new();
    };
    // One pass: positions counted per segment, forecast starts looked up in a map.
    let starts: std::collections::HashMap<TurnId, _> = if meeting == session.meeting_index() {
        forecast.turns.iter().map(|p| (p.turn, p.start)).collect()
    } else {
        std::collections::HashMap::new()
    };
    (0..shown.segments.len())
        .flat_map(|segment| (1..).zip(session.list(meeting, segment).iter().copied()))
        .filter_map(|(position, id)| session.turn(id).map(|turn| (position, turn)))
        .map(|(position, turn)| {
            let (delegation, speaker, kind) = match &turn.inscription.content {
                Content::Speaker(s) => (delegation_text(s), speaker_text(s), s.kind.clone()),
                Content::Item(item) => (item.title.clone(), String::new(), "item".into()),
            };
            ListRow {
                turn: turn.id,
                segment: shown.segments[turn.segment].title.clone(),
                position,
                // Whole: the console cuts them to the width its columns have.
                delegation,
                speaker,
                kind,
                allotted: turn
                    .inscription
                    .allotted
                    .map_or_else(|| "—".into(), |a| a.to_string()),
                status: turn.status.clone(),
                forecast: starts
                    .get(&turn.id)
                    .map_or_else(String::new, |t| venue_hhmm(session.program(), *t)),
            }
        })
        .collect()
}

/// How long until something a display shows changes by itself: the shown second, the
/// overtime pulse, or the local clock's minute. The app sleeps until then.
pub fn next_change(session: &Session, now: &Stamp) -> Millis {
    let to_minute = Millis(60_000 - now.wall.timestamp_millis().rem_euclid(60_000));
    let step = |x: i64, period: i64| Millis(period - x.rem_euclid(period));
    if let Some(i) = session.interrupted() {
        return step(now.since(&i.since).0, 1000).min(to_minute);
    }
    let Some(floor) = session.floor() else {
        return to_minute;
    };
    if !floor.clock.is_running() {
        return to_minute;
    }
    let until = match floor.clock.remaining(now) {
        Some(r) if r > Millis::ZERO => step(-r.0, 1000),
        Some(r) => step(-r.0, 500), // overtime pulses every half second
        None => step(floor.clock.elapsed(now).0, 1000),
    };
    until.min(to_minute)
}

#[cfg(test)]
mod tests;
