//! What each display shows at one instant, computed from the session and the time: plain Rust,
//! no Bevy, tested directly. The Bevy layer only paints these.

pub mod fonts;
mod hall;
pub mod names;
mod sizes;
pub mod translations;
mod words;

use serde::Serialize;

pub use hall::{HallCurrent, HallView, hall, hall_current, hall_current_in, hall_idle, hall_in};
pub use names::Wording;
pub use sizes::{DIGITS_BESIDE_MESSAGE, PodiumSizes, podium_sizes};
pub use translations::{Words, fill};
pub use words::{action_words, delegation_text, speaker_text, status_line, venue_hhmm};

use crate::meeting::program::{Content, EXPLANATION_KIND, Speaker};
use crate::meeting::session::Interrupted;
use crate::meeting::{
    AnchorForecast, Forecast, Lang, Millis, Phase, Session, Stamp, Status, TurnId,
};

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

/// The language of each display of the app: `--lang ar` (both) or `--lang podium=ar,hall=en`.
/// The chair console is always in English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DisplayLangs {
    pub podium: Lang,
    pub hall: Lang,
}

impl DisplayLangs {
    /// The language of `window` (the chair's is English).
    pub fn of(&self, window: WindowKind) -> Lang {
        match window {
            WindowKind::Podium => self.podium,
            WindowKind::Hall => self.hall,
            WindowKind::Chair => Lang::En,
        }
    }

    /// How a follower showing `window` names itself in the control node's list of displays:
    /// "follower hall (ar)"; "follower" when it shows no display of its own.
    pub fn follower(&self, window: Option<WindowKind>) -> String {
        match window {
            Some(WindowKind::Hall) => format!("follower hall ({})", self.hall),
            Some(WindowKind::Podium | WindowKind::Chair) => {
                format!("follower podium ({})", self.podium)
            }
            None => "follower".to_string(),
        }
    }
}

impl std::str::FromStr for DisplayLangs {
    type Err = String;

    /// `ar` for every display, or `podium=ar,hall=en` (a display left out stays English).
    fn from_str(text: &str) -> Result<DisplayLangs, String> {
        if !text.contains('=') {
            let lang: Lang = text
                .parse()
                .map_err(|e| format!("{e}; or one per display: `podium=ar,hall=en`"))?;
            return Ok(DisplayLangs {
                podium: lang,
                hall: lang,
            });
        }
        let mut langs = DisplayLangs::default();
        for part in text.split(',') {
            let (window, code) = part.split_once('=').ok_or_else(|| {
                format!("`{part}`: say a language (`ar`) or display=language (`podium=ar,hall=en`)")
            })?;
            let lang: Lang = code.parse()?;
            match window.trim().parse::<WindowKind>()? {
                WindowKind::Podium => langs.podium = lang,
                WindowKind::Hall => langs.hall = lang,
                WindowKind::Chair => {
                    return Err("the chair console is in English only (its text is not shaped right to left)".into());
                }
            }
        }
        Ok(langs)
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
fn rostrum_line(s: &Speaker, local: &Wording) -> String {
    let title = if s.delegation.is_some() {
        local.title(s)
    } else {
        String::new()
    };
    match (s.at_the_rostrum(), title.is_empty()) {
        (Some(name), true) => name.to_string(),
        (Some(name), false) if s.delivered_by.is_some() => name.to_string(),
        (Some(name), false) => format!("{name}, {title}"),
        (None, _) => title,
    }
}

/// The podium at `now`, in English.
pub fn podium(session: &Session, now: &Stamp) -> PodiumView {
    podium_in(session, now, Lang::En)
}

/// The podium at `now`, in `lang`: the cues, the delegation's name and a preset message in
/// that language; the speaker's name and title as written.
pub fn podium_in(session: &Session, now: &Stamp, lang: Lang) -> PodiumView {
    let local = Wording::new(lang);
    let words = local.words;
    let message = session.message().map(|m| words.message(m).to_string());
    if let Some(interrupted) = session.interrupted() {
        let cause = words.interruption(interrupted.cause);
        return PodiumView {
            blackout: session.blackout(),
            tone: Tone::CountUp,
            paused: false,
            digits: interruption_clock(interrupted, now),
            label: cause.to_uppercase(),
            bar: None,
            who: interrupted
                .by
                .as_deref()
                .map_or_else(|| cause.to_string(), |by| local.delegation(by)),
            speaker: stopped_line(session, now, words),
            message,
            dim: false,
            rehearsal: session.rehearsal(),
        };
    }
    let (Some(turn), Some(reading)) = (session.floor_turn(), session.reading(now)) else {
        // Between speakers: nothing a speaker could take for a countdown. The meeting and who
        // speaks next, large; the local time small and labelled.
        let next = session
            .queue()
            .first()
            .and_then(|&id| session.turn(id))
            .map_or_else(String::new, |t| {
                fill(&words.next_speaker, &[("who", &next_line(t, &local))])
            });
        return PodiumView {
            blackout: session.blackout(),
            tone: Tone::Idle,
            paused: false,
            digits: String::new(),
            label: fill(&words.local_time, &[("time", &local_clock(session, now))]),
            bar: None,
            who: local.meeting_line(session.meeting(), session.segment_index()),
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
        words.paused.clone()
    } else {
        match tone {
            Tone::Ready => words.ready.clone(),
            Tone::Warning => fill(
                &words.seconds_left,
                &[("n", &session.program().warning.floor_secs().to_string())],
            ),
            Tone::Expired | Tone::Overtime => words.time_up.clone(),
            // A speech with no limit counts up: said, so that nobody reads it as time left.
            Tone::CountUp => words.elapsed.clone(),
            _ => String::new(),
        }
    };
    let (who, speaker) = match &turn.inscription.content {
        Content::Speaker(s) => (
            s.delegation
                .as_deref()
                .map_or_else(|| s.title.clone(), |d| local.delegation(d)),
            rostrum_line(s, &local),
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
fn stopped_line(session: &Session, now: &Stamp, words: &Words) -> String {
    session.time_held(now).map_or_else(String::new, |left| {
        fill(&words.speaker_time_stopped, &[("time", &held_text(left))])
    })
}

/// The time an interrupted speaker had left, as every display writes a clock: `2:41`, or in
/// overtime `+1:08` (never `-1:08`).
pub(crate) fn held_text(left: Millis) -> String {
    if left < Millis::ZERO {
        format!("+{}", -left)
    } else {
        left.to_string()
    }
}

/// One of the hall's next speakers: the delegation and who will speak for it ("Chile — Ana
/// Pérez"); an office holder by name and office; a name to be confirmed left out.
pub(crate) fn next_line(turn: &crate::meeting::Turn, local: &Wording) -> String {
    match &turn.inscription.content {
        Content::Speaker(s) if s.delegation.is_some() => match s.at_the_rostrum() {
            Some(name) => format!("{} — {name}", local.who(turn)),
            // "Cuba — Right of reply (second)": what kind of statement it is, as the hall
            // says it in its language.
            None if s.is_reply() || s.kind == EXPLANATION_KIND => {
                format!("{} — {}", local.who(turn), local.title(s))
            }
            None => local.who(turn),
        },
        _ => local.who(turn),
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
    let english = Wording::new(Lang::En);
    let who = |id| {
        session
            .turn(id)
            .map_or_else(String::new, |t| next_line(t, &english))
    };
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

fn anchor_texts(session: &Session, forecast: &Forecast) -> Vec<String> {
    let english = Wording::new(Lang::En);
    forecast
        .anchors
        .iter()
        .map(|a| anchor_text(session, a, &english))
        .collect()
}

/// "Closing segment 17:30 — list overruns by 12 min".
pub(crate) fn anchor_text(session: &Session, a: &AnchorForecast, local: &Wording) -> String {
    let minutes = ((a.overrun.0.saturating_abs() + 59_999) / 60_000).to_string();
    let template = if a.overrun > Millis::ZERO {
        &local.words.list_overruns
    } else {
        &local.words.list_fits
    };
    // The anchor is a fixed segment, named by its title in this language, or the end of
    // the meeting.
    let label = a
        .segment
        .and_then(|i| session.meeting().segments.get(i))
        .map_or_else(
            || local.words.end_of_meeting.clone(),
            |s| local.segment_title(s),
        );
    fill(
        template,
        &[
            ("label", &label),
            ("time", &venue_hhmm(session.program(), a.at)),
            ("minutes", &minutes),
        ],
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
