//! A follower: a display on another computer. It rebuilds the session exactly from the
//! control node's journal lines (`/api/v1/replica`), counts on from the server's time, and
//! reconnects by itself with backoff, counting on locally while the link is down.

use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

use super::messages::{ClientSays, ReplicaMessage};
use crate::host::Clock;
use crate::host::Waker;
use crate::journal::{self, Chain, JournalError, Record};
use crate::meeting::{Session, Stamp};

/// The state of the link to the control node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// Not yet connected.
    Connecting,
    /// Connected and up to date.
    Live,
    /// The link was lost at `since`; reconnecting.
    Lost { since: Instant, reason: String },
}

impl Link {
    /// The discreet marker a display shows while the link is down: none while it is up.
    pub fn marker(&self) -> Option<String> {
        match self {
            Link::Lost { since, .. } => Some(format!(
                "● reconnecting · link lost {} s ago",
                since.elapsed().as_secs()
            )),
            Link::Live | Link::Connecting => None,
        }
    }
}

/// What the follower has seen.
#[derive(Clone)]
pub struct Seen {
    /// The session as the control node has it (none before the first connection).
    pub session: Option<Arc<Session>>,
    /// Changes with every new session.
    pub generation: u64,
    /// The last journal sequence number applied.
    pub seq: u64,
    pub link: Link,
}

struct Inner {
    seen: Seen,
    /// What this follower shows, as the console's list of displays says it: "follower hall (ar)".
    kind: String,
    /// The server's time at the last message, and when it arrived here.
    server: Option<(Stamp, Instant)>,
}

/// The follower's copy of the session, shared with the display.
#[derive(Clone)]
pub struct Replica(Arc<Mutex<Inner>>);

impl Replica {
    fn new(kind: &str) -> Self {
        Replica(Arc::new(Mutex::new(Inner {
            kind: kind.to_string(),
            seen: Seen {
                session: None,
                generation: 0,
                seq: 0,
                link: Link::Connecting,
            },
            server: None,
        })))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What has been seen so far.
    pub fn seen(&self) -> Seen {
        self.lock().seen.clone()
    }

    /// The control node's clock, as counted on here.
    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::new(ServerClock(self.clone()))
    }
}

/// The server's time: its last stamp plus the time elapsed here since it arrived. Before the
/// first message, the local wall clock.
struct ServerClock(Replica);

impl Clock for ServerClock {
    fn now(&self) -> Stamp {
        match self.0.lock().server {
            Some((stamp, at)) => stamp.plus(crate::meeting::Millis(
                i64::try_from(at.elapsed().as_millis()).unwrap_or(i64::MAX),
            )),
            None => Stamp::synthetic(chrono::Utc::now()),
        }
    }
}

/// Why following could not start.
#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    #[error(
        "--follow {0}: give the control node's address as http://HOST:PORT (e.g. http://192.168.1.20:7878)"
    )]
    Url(String),
    #[error("cannot start the follower: {0}")]
    Io(#[from] std::io::Error),
}

/// How often the follower measures its round trip to the control node.
const PING_EVERY: Duration = Duration::from_secs(10);

/// The WebSocket address of the replica stream for `base` (`http://HOST:PORT`).
pub fn replica_url(base: &str, token: Option<&str>) -> Result<String, FollowError> {
    let rest = base
        .trim_end_matches('/')
        .strip_prefix("http://")
        .filter(|r| !r.is_empty() && !r.contains('/'))
        .ok_or_else(|| FollowError::Url(base.to_string()))?;
    let query = token.map_or_else(String::new, |t| format!("?token={t}"));
    Ok(format!("ws://{rest}/api/v1/replica{query}"))
}

/// Follows the control node at `base` from a thread of its own; `on_change` is called after
/// every change (new session, link up or down).
/// `kind` says what it shows, for the control node's console ("follower hall (ar)").
pub fn start(
    base: &str,
    token: Option<&str>,
    kind: &str,
    on_change: Waker,
) -> Result<Replica, FollowError> {
    let url = replica_url(base, token)?;
    let replica = Replica::new(kind);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let shared = replica.clone();
    thread::Builder::new()
        .name("plenary-follow".into())
        .spawn(move || runtime.block_on(keep_up(url, shared, on_change)))?;
    Ok(replica)
}

/// How long without a message (the server sends one every 10 s) before the link is lost.
const SILENCE: Duration = Duration::from_secs(25);

async fn keep_up(url: String, replica: Replica, on_change: Waker) {
    let mut backoff = Duration::from_millis(250);
    loop {
        let reason = match tokio_tungstenite::connect_async(url.as_str()).await {
            Ok((socket, _)) => {
                backoff = Duration::from_millis(250);
                read(socket, &replica, &on_change).await
            }
            Err(e) => format!("cannot connect: {e}"),
        };
        {
            let mut inner = replica.lock();
            if !matches!(inner.seen.link, Link::Lost { .. }) {
                inner.seen.link = Link::Lost {
                    since: Instant::now(),
                    reason,
                };
                drop(inner);
                on_change();
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}

/// What the follower says to the control node, as a WebSocket message.
fn said(what: &ClientSays) -> Message {
    Message::Text(serde_json::to_string(what).unwrap_or_default().into())
}

/// Reads messages until the link fails; returns why. Pings the control node every
/// [`PING_EVERY`]: the server's time is taken as `now` plus half the last round trip, and the
/// round trip and this computer's clock offset are reported for the console's list.
async fn read<S>(mut socket: S, replica: &Replica, on_change: &Waker) -> String
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>>
        + futures_util::Sink<Message>
        + Unpin,
{
    let name = "replica";
    let mut followed: Option<Followed> = None;
    let epoch = Instant::now();
    let mut round_trip = Duration::ZERO;
    let mut pinged: Option<Instant> = None;
    loop {
        if pinged.is_none_or(|at| at.elapsed() >= PING_EVERY) {
            pinged = Some(Instant::now());
            let ping = ClientSays::Ping(epoch.elapsed().as_secs_f64() * 1000.0);
            if socket.send(said(&ping)).await.is_err() {
                return "the connection failed: cannot send".into();
            }
        }
        let message = match tokio::time::timeout(SILENCE, socket.next()).await {
            Err(_) => return "no word from the control node for 25 s".into(),
            Ok(None) => return "the control node closed the connection".into(),
            Ok(Some(Err(e))) => return format!("the connection failed: {e}"),
            Ok(Some(Ok(Message::Text(text)))) => text,
            Ok(Some(Ok(Message::Close(_)))) => {
                return "the control node closed the connection".into();
            }
            Ok(Some(Ok(_))) => continue,
        };
        let arrived = Instant::now();
        let message: ReplicaMessage = match serde_json::from_str(message.as_str()) {
            Ok(m) => m,
            Err(e) => return format!("a message from the control node is not understood: {e}"),
        };
        if let Some(sent) = message.pong {
            let now_ms = arrived.duration_since(epoch).as_secs_f64() * 1000.0;
            round_trip = Duration::from_secs_f64(((now_ms - sent).max(0.0) / 1000.0).min(60.0));
            let server =
                message.now.wall + chrono::TimeDelta::from_std(round_trip / 2).unwrap_or_default();
            let offset = (chrono::Utc::now() - server).num_milliseconds();
            let measured = ClientSays::Measured {
                view: replica.lock().kind.clone(),
                offset,
                round_trip: i64::try_from(round_trip.as_millis()).unwrap_or(i64::MAX),
            };
            if socket.send(said(&measured)).await.is_err() {
                return "the connection failed: cannot send".into();
            }
        }
        let changed = match apply(&mut followed, message.opening, &message.lines, name) {
            Ok(changed) => changed,
            Err(e) => return format!("cannot follow the journal: {e}"),
        };
        let mut inner = replica.lock();
        // The server's time as it sent the message, half a round trip before it arrived.
        inner.server = Some((
            message.now.plus(crate::meeting::Millis(
                i64::try_from(round_trip.as_millis() / 2).unwrap_or(0),
            )),
            arrived,
        ));
        let relinked = inner.seen.link != Link::Live;
        inner.seen.link = Link::Live;
        if changed && let Some(f) = &followed {
            inner.seen.session = Some(Arc::new(f.session.clone()));
            inner.seen.generation += 1;
            inner.seen.seq = f.seq;
        }
        drop(inner);
        if changed || relinked {
            on_change();
        }
    }
}

/// The session a follower rebuilt, the last sequence number applied, and the journal's hash
/// chain so far: every line that arrives must continue it.
struct Followed {
    session: Session,
    seq: u64,
    chain: Chain,
    cursor: journal::Cursor,
}

/// Rebuilds the session from an opening line, or follows it by new lines, each checked
/// against the hash chain, the sequence and the recorded events as a replay checks them.
/// `Ok(true)`: the session changed.
fn apply(
    followed: &mut Option<Followed>,
    opening: Option<Arc<str>>,
    lines: &[Arc<str>],
    name: &str,
) -> Result<bool, JournalError> {
    if let Some(opening) = opening {
        let mut text = opening.to_string();
        text.push('\n');
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        let replayed = journal::replay(text.as_bytes(), name)?;
        *followed = Some(Followed {
            seq: replayed.cursor.next_seq.saturating_sub(1),
            session: replayed.session,
            chain: replayed.chain,
            cursor: replayed.cursor,
        });
        return Ok(true);
    }
    let Some(f) = followed.as_mut() else {
        return Ok(false);
    };
    for line in lines {
        let number = usize::try_from(f.seq.saturating_add(2)).unwrap_or(usize::MAX);
        let corrupt = |message: String| JournalError::Corrupt {
            path: name.into(),
            line: number,
            message,
        };
        let record_text = f.chain.check(line).map_err(corrupt)?;
        let record: Record = journal::parse_record(record_text).map_err(corrupt)?;
        journal::apply_record(&mut f.session, record, &mut f.cursor, (name, number))?;
        f.seq = f.cursor.next_seq.saturating_sub(1);
    }
    Ok(!lines.is_empty())
}

/// `plenary display --follow URL --print`: no window; a line at each change of the session
/// (`status …`, as `status` in headless mode) and of the link (`link: live`, `link: lost …`).
pub fn print(base: &str, token: Option<&str>) -> anyhow::Result<()> {
    use std::io::Write;
    let (tx, rx) = crossbeam_channel::bounded::<()>(1);
    let replica = start(
        base,
        token,
        "follower",
        Arc::new(move || {
            let _ = tx.try_send(());
        }),
    )?;
    let clock = replica.clock();
    let mut shown = (0, Link::Connecting);
    let mut out = std::io::stdout().lock();
    while rx.recv().is_ok() {
        let seen = replica.seen();
        if seen.link != shown.1 {
            match &seen.link {
                Link::Live => writeln!(out, "link: live")?,
                Link::Lost { reason, .. } => writeln!(out, "link: lost — {reason}")?,
                Link::Connecting => {}
            }
        }
        if seen.generation != shown.0
            && let Some(session) = &seen.session
        {
            writeln!(
                out,
                "{} seq={}",
                crate::view::status_line(session, &clock.now()),
                seen.seq
            )?;
        }
        out.flush()?;
        shown = (seen.generation, seen.link);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lost_link_shows_a_marker() {
        assert_eq!(Link::Live.marker(), None);
        assert_eq!(Link::Connecting.marker(), None);
        let lost = Link::Lost {
            since: Instant::now(),
            reason: "closed".into(),
        };
        assert_eq!(
            lost.marker().as_deref(),
            Some("● reconnecting · link lost 0 s ago")
        );
    }

    #[test]
    fn the_follower_names_a_bad_address() {
        assert_eq!(
            replica_url("http://10.0.0.5:7878/", None).expect("ok"),
            "ws://10.0.0.5:7878/api/v1/replica"
        );
        assert_eq!(
            replica_url("http://h:1", Some("abc")).expect("ok"),
            "ws://h:1/api/v1/replica?token=abc"
        );
        for bad in ["10.0.0.5:7878", "https://h:1", "http://", "http://h:1/x"] {
            assert!(
                matches!(replica_url(bad, None), Err(FollowError::Url(_))),
                "{bad}"
            );
        }
    }
}
