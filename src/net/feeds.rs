//! The feeds of `/api/v1/stream`: which one a client subscribes to ([`Feed`], named by
//! `?view=`), and the small views' messages (`?view=podium|hall|overlay`): each view gets only
//! the fields it draws, serialised once per change and shared by every client of that view,
//! and only when they changed. A running clock sends nothing: the client counts from `origin`.
//! `?view=console` (or no parameter) is the full state of [`super::wire::State`]. [`Feeds`]
//! keeps each small view's last message per language for the stream's clients.
//!
//! (Not to be confused with `crate::view`, what each display shows, from which these are made.)

use axum::extract::ws::Utf8Bytes;
use serde::Serialize;
use tokio::sync::watch;

use super::messages::ViewMessage;
use super::wire::InterruptionState;
use crate::host::Published;
use crate::meeting::{Lang, Session, Stamp};
use crate::view::{self, HallCurrent};

/// Which feed of the stream a client subscribes to: the console's full state, or one small
/// view's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feed {
    /// The full state: the list of speakers, both view models, the anchors.
    Console,
    Podium,
    Hall,
    Overlay,
}

impl Feed {
    /// The per-view streams, in the order the server keeps them.
    pub const SMALL: [Feed; 3] = [Feed::Podium, Feed::Hall, Feed::Overlay];

    /// Its place in [`Feed::SMALL`]; the console's full state has none.
    pub const fn small_index(self) -> Option<usize> {
        match self {
            Feed::Podium => Some(0),
            Feed::Hall => Some(1),
            Feed::Overlay => Some(2),
            Feed::Console => None,
        }
    }

    /// `podium`, `hall`, `overlay` or `console`, as the query says it.
    pub fn named(name: &str) -> Option<Feed> {
        match name {
            "podium" => Some(Feed::Podium),
            "hall" => Some(Feed::Hall),
            "overlay" => Some(Feed::Overlay),
            "console" => Some(Feed::Console),
            _ => None,
        }
    }
}

/// The speech clock as a view counts it, with none of the names. Nothing in it changes while
/// the clock runs: a message goes out only when the clock is started, paused, extended…
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeechTiming {
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
    speech: Option<SpeechTiming>,
    interruption: Option<InterruptionState>,
}

/// The podium's lines (the digits are counted by the client).
#[derive(Clone, Debug, PartialEq, Serialize)]
struct PodiumLines {
    who: String,
    speaker: String,
}

#[derive(Serialize)]
pub struct PodiumMessage {
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
pub struct HallMessage {
    #[serde(flatten)]
    common: Common,
    /// The statement kind's label, the hall's cue while a speech has no other.
    kind: Option<String>,
    meeting_title: String,
    begun: bool,
    hall: HallLines,
}

#[derive(Serialize)]
pub struct OverlayMessage {
    #[serde(flatten)]
    common: Common,
    /// How the chair names the turn on the floor.
    who: Option<String>,
    current: Option<HallCurrent>,
}

fn common(session: &Session, now: &Stamp, lang: Lang) -> Common {
    let speech = session.floor().map(|floor| {
        let clock = &floor.clock;
        SpeechTiming {
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

/// One small view's fields (the stream adds `seq` and `server_time`, [`ViewMessage`]).
#[derive(Serialize)]
#[serde(untagged)]
pub enum FeedFields {
    Podium(PodiumMessage),
    Hall(Box<HallMessage>),
    Overlay(OverlayMessage),
}

/// The fields of `view` in `lang` for `session` at `now`; `None` for the console, whose
/// stream is the full state.
pub fn feed_fields(view: Feed, lang: Lang, session: &Session, now: &Stamp) -> Option<FeedFields> {
    let common = common(session, now, lang);
    let local = view::Wording::new(lang);
    Some(match view {
        Feed::Podium => {
            let podium = view::podium_in(session, now, lang);
            FeedFields::Podium(PodiumMessage {
                common,
                message: podium.message,
                podium: PodiumLines {
                    who: podium.who,
                    speaker: podium.speaker,
                },
            })
        }
        Feed::Hall => {
            let hall = view::hall_in(session, now, lang);
            let kind = session
                .floor_turn()
                .map(|t| local.kind_label(session.program(), &t.inscription.content));
            FeedFields::Hall(Box::new(HallMessage {
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
            }))
        }
        Feed::Overlay => FeedFields::Overlay(OverlayMessage {
            common,
            who: session.floor_turn().map(|t| local.who(t)),
            current: view::hall_current_in(session, now, &local),
        }),
        Feed::Console => return None,
    })
}

/// The JSON of `view`'s fields (compared with the last sent, it tells whether the view moved).
pub fn content(view: Feed, lang: Lang, session: &Session, now: &Stamp) -> String {
    feed_fields(view, lang, session, now)
        .and_then(|small| serde_json::to_string(&small).ok())
        .unwrap_or_default()
}

/// The feeds: each small view's message in each language: built once per change for each that
/// has a client, sent on when their fields changed. A view and language nobody watches is not
/// built; its first client has it built at once.
pub struct Feeds {
    /// Per view of [`Feed::SMALL`], per language of [`Lang::ALL`]: the fields last sent.
    last: Vec<String>,
    senders: Vec<watch::Sender<Utf8Bytes>>,
}

/// Where a small view in a language is kept (the console's full state is kept apart; the
/// stream never asks for it here).
fn slot(view: Feed, lang: Lang) -> usize {
    view.small_index().unwrap_or(0) * Lang::ALL.len() + lang.index()
}

impl Default for Feeds {
    fn default() -> Self {
        Self::new()
    }
}

impl Feeds {
    /// No view built yet: each is built when its first client comes.
    pub fn new() -> Feeds {
        let count = Feed::SMALL.len() * Lang::ALL.len();
        Feeds {
            last: vec![String::new(); count],
            senders: (0..count)
                .map(|_| watch::channel(Utf8Bytes::from_static("{}")).0)
                .collect(),
        }
    }

    /// A receiver of `view` in `lang`, holding the session published now (built at once if
    /// nobody watched it).
    pub fn subscribe(
        &mut self,
        view: Feed,
        lang: Lang,
        published: &Published,
        now: &Stamp,
    ) -> watch::Receiver<Utf8Bytes> {
        let i = slot(view, lang);
        if self.senders[i].receiver_count() == 0 {
            self.last[i].clear();
            self.refresh(i, view, lang, published, now);
        }
        self.senders[i].subscribe()
    }

    /// After a change: each watched view whose fields changed gets its new message.
    pub fn update(&mut self, published: &Published, now: &Stamp) {
        for view in Feed::SMALL {
            for lang in Lang::ALL {
                let i = slot(view, lang);
                if self.senders[i].receiver_count() > 0 {
                    self.refresh(i, view, lang, published, now);
                } else {
                    // Nobody watches: built afresh for the next who does.
                    self.last[i].clear();
                }
            }
        }
    }

    fn refresh(&mut self, i: usize, view: Feed, lang: Lang, published: &Published, now: &Stamp) {
        let latest = published.latest();
        let Some(small) = feed_fields(view, lang, &latest.session, now) else {
            return;
        };
        let content = serde_json::to_string(&small).unwrap_or_default();
        if content != self.last[i] {
            let message = ViewMessage {
                seq: latest.seq,
                server_time: now.wall.timestamp_millis(),
                view: &small,
            };
            let text = serde_json::to_string(&message).unwrap_or_default();
            self.senders[i].send_replace(text.into());
            self.last[i] = content;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_small_view_knows_its_place_and_the_console_has_none() {
        for (i, view) in Feed::SMALL.into_iter().enumerate() {
            assert_eq!(view.small_index(), Some(i), "{view:?}");
        }
        assert_eq!(Feed::Console.small_index(), None);
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;

    #[test]
    fn a_small_views_message_has_seq_and_server_time_first_and_its_fields() {
        let session =
            Session::from_sources(&crate::meeting::Sources::seed().expect("seed")).expect("valid");
        let now = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
        let podium = feed_fields(Feed::Podium, Lang::Fr, &session, &now).expect("a small view");
        let text = serde_json::to_string(&ViewMessage {
            seq: 7,
            server_time: 1_000,
            view: &podium,
        })
        .expect("json");
        assert!(
            text.starts_with(r#"{"seq":7,"server_time":1000,"time_zone":"#),
            "{text}"
        );
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert!(value["podium"]["who"].is_string());
        assert!(feed_fields(Feed::Console, Lang::En, &session, &now).is_none());
    }
}
