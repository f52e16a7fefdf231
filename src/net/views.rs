//! The small per-view messages of `/api/v1/stream?view=podium|hall|overlay`: each view gets
//! only the fields it draws, serialised once per change and shared by every client of that
//! view, and only when they changed. A running clock sends nothing: the client counts from
//! `origin`. `?view=console` (or no parameter) is the full state of [`super::wire::State`].

use serde::Serialize;

use super::wire::InterruptionState;
use crate::meeting::{Lang, Session, Stamp};
use crate::view::{self, HallCurrent};

/// Which stream a client subscribes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The full state: the list of speakers, both view models, the anchors.
    Console,
    Podium,
    Hall,
    Overlay,
}

impl View {
    /// The per-view streams, in the order the server keeps them.
    pub const SMALL: [View; 3] = [View::Podium, View::Hall, View::Overlay];

    /// Its place in [`View::SMALL`]; the console's full state has none.
    pub const fn small_index(self) -> Option<usize> {
        match self {
            View::Podium => Some(0),
            View::Hall => Some(1),
            View::Overlay => Some(2),
            View::Console => None,
        }
    }

    /// `podium`, `hall`, `overlay` or `console`, as the query says it.
    pub fn named(name: &str) -> Option<View> {
        match name {
            "podium" => Some(View::Podium),
            "hall" => Some(View::Hall),
            "overlay" => Some(View::Overlay),
            "console" => Some(View::Console),
            _ => None,
        }
    }
}

/// The speech clock as a view counts it, with none of the names. Nothing in it changes while
/// the clock runs: a message goes out only when the clock is started, paused, extended…
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Clock {
    pub started: bool,
    pub running: bool,
    pub paused: bool,
    /// While stopped: the time spoken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<i64>,
    pub limit_ms: Option<i64>,
    /// While running: when the elapsed time was zero, in server time (the start of the
    /// current run less the time spoken before it).
    pub origin: Option<i64>,
}

/// What every small view shares: the time zone, the warning, REHEARSAL, blackout, the clock
/// and a point of order.
#[derive(Clone, Debug, PartialEq, Serialize)]
struct Common {
    time_zone: String,
    warning_ms: i64,
    rehearsal: bool,
    blackout: bool,
    speech: Option<Clock>,
    interruption: Option<InterruptionState>,
}

/// The podium's lines (the digits are counted by the client).
#[derive(Clone, Debug, PartialEq, Serialize)]
struct PodiumLines {
    who: String,
    speaker: String,
}

#[derive(Serialize)]
struct PodiumMessage {
    #[serde(flatten)]
    common: Common,
    message: Option<String>,
    podium: PodiumLines,
}

/// The hall's text (its clock and time are counted by the client).
#[derive(Serialize)]
struct HallLines {
    body: String,
    title: String,
    meeting: String,
    /// Today at the venue in the view's language (the client counts the clock).
    date: String,
    theme: Option<String>,
    co_chairs: Vec<String>,
    current: Option<HallCurrent>,
    next: Vec<(String, String)>,
    anchors: Vec<String>,
}

#[derive(Serialize)]
struct HallMessage {
    #[serde(flatten)]
    common: Common,
    /// The statement kind's label, the hall's cue while a speech has no other.
    kind: Option<String>,
    meeting_title: String,
    begun: bool,
    hall: HallLines,
}

#[derive(Serialize)]
struct OverlayMessage {
    #[serde(flatten)]
    common: Common,
    /// How the chair names the turn on the floor.
    who: Option<String>,
    current: Option<HallCurrent>,
}

fn common(session: &Session, now: &Stamp, lang: Lang) -> Common {
    let speech = session.floor().map(|floor| {
        let clock = &floor.clock;
        Clock {
            started: clock.is_started(),
            running: clock.is_running(),
            paused: clock.is_paused(),
            elapsed_ms: (!clock.is_running()).then(|| clock.elapsed(now).0),
            limit_ms: clock.limit.map(|l| l.0),
            origin: clock
                .running_since
                .map(|since| since.wall.timestamp_millis().saturating_sub(clock.spent.0)),
        }
    });
    Common {
        time_zone: session.program().time_zone.name().to_string(),
        warning_ms: session.program().warning.0,
        rehearsal: session.rehearsal(),
        blackout: session.blackout(),
        speech,
        interruption: InterruptionState::of(session, lang),
    }
}

/// The JSON of `view` in `lang` for `session` at `now`, without `seq` and `server_time` (the
/// stream adds them): compared with the last one sent, it tells whether the view changed.
pub fn content(view: View, lang: Lang, session: &Session, now: &Stamp) -> String {
    let common = common(session, now, lang);
    let local = view::Local::new(lang);
    let json = match view {
        View::Podium => {
            let podium = view::podium_in(session, now, lang);
            serde_json::to_string(&PodiumMessage {
                common,
                message: podium.message,
                podium: PodiumLines {
                    who: podium.who,
                    speaker: podium.speaker,
                },
            })
        }
        View::Hall => {
            let hall = view::hall_in(session, now, lang);
            let kind = session
                .floor_turn()
                .map(|t| local.kind_label(session.program(), &t.inscription.content));
            serde_json::to_string(&HallMessage {
                common,
                kind,
                meeting_title: session
                    .meeting()
                    .titles
                    .get(lang, &session.meeting().title)
                    .to_string(),
                begun: session.meeting_begun(),
                hall: HallLines {
                    body: hall.body,
                    title: hall.title,
                    meeting: hall.meeting,
                    date: hall.date,
                    theme: hall.theme,
                    co_chairs: hall.co_chairs,
                    current: hall.current,
                    next: hall.next,
                    anchors: hall.anchors,
                },
            })
        }
        View::Overlay => serde_json::to_string(&OverlayMessage {
            common,
            who: session.floor_turn().map(|t| local.who(t)),
            current: view::hall_current_in(session, now, &local),
        }),
        View::Console => serde_json::to_string(&super::wire::State::new(session, now, 0, None)),
    };
    json.unwrap_or_else(|e| format!(r#"{{"error":{:?}}}"#, e.to_string()))
}

/// `content` with the stream's `seq` and `server_time` put first.
pub fn message(content: &str, seq: u64, server_time: i64) -> String {
    let rest = content.strip_prefix('{').unwrap_or(content);
    let sep = if rest.starts_with('}') { "" } else { "," };
    format!(r#"{{"seq":{seq},"server_time":{server_time}{sep}{rest}"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_small_view_knows_its_place_and_the_console_has_none() {
        for (i, view) in View::SMALL.into_iter().enumerate() {
            assert_eq!(view.small_index(), Some(i), "{view:?}");
        }
        assert_eq!(View::Console.small_index(), None);
    }
}
