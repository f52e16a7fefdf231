//! The server's two WebSocket streams: `/api/v1/stream` (the state as JSON, for browser views
//! and overlays) and `/api/v1/replica` (the journal's lines, for remote native displays).
//! Each connected client has a seat in the host's audience, with the clock offset and round
//! trip it reports, so that the console can list who is watching.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Query, State};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use super::error::ApiError;
use super::feeds::Feed;
use super::guard::Peer;
use super::messages::{ClientSays, ClockMessage, Pong, ReplicaMessage};
use super::shared::{Ctx, HEARTBEAT, InLanguage, Reader, ServerState, deliver, text};
use crate::host::{Clock, Seat};

/// Reads what a client said; a `Measured` goes straight to its seat. The ping's `T`, if any.
fn heard(text: &str, seat: &Seat) -> Option<f64> {
    match serde_json::from_str::<ClientSays>(text).ok()? {
        ClientSays::Ping(t) => Some(t),
        ClientSays::Measured {
            view,
            offset,
            round_trip,
        } => {
            seat.measured(&view, offset, round_trip);
            None
        }
    }
}

/// A seat in the audience for a client at `peer`.
fn seat(shared: &ServerState, peer: SocketAddr) -> Seat {
    shared
        .published
        .audience()
        .join(peer.to_string(), shared.clock.now().wall)
}

/// `/api/v1/stream`: the state on connection, then on every change (not every frame).
///
/// The state is built once per change and shared by every client, so its `server_time` is the
/// time of the change. The first message, taken at connection, may be long past: it is
/// preceded by `{"clock": MS}`, the server's time as it is sent. A client may send
/// `{"ping": T}` to be answered
/// `{"pong": T, "clock": MS}`: it measures the round trip and counts from the server's time
/// corrected by half of it. A view opened in the middle of a speech shows the true time.
/// Each client may also report `{"measured": …}` (see [`ClientSays`]) for the console's list.
///
/// `?view=podium|hall|overlay` subscribes to that view's small messages instead (see
/// [`super::feeds`]); `?view=console`, or none, to the full state.
pub(super) async fn stream(
    State(shared): Ctx,
    _: Reader,
    InLanguage(lang): InLanguage,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    Query(query): Query<HashMap<String, String>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let states = match query.get("view").map(|v| (v, Feed::named(v))) {
        None | Some((_, Some(Feed::Console))) => shared.state.clone(),
        Some((_, Some(view))) => shared
            .feeds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .subscribe(view, lang, &shared.published, &shared.clock.now()),
        Some((other, None)) => {
            return ApiError::bad_request(format!(
                "/api/v1/stream?view={other}: no such view; say podium, hall, overlay or console (the full state)"
            ))
            .into_response();
        }
    };
    let clock = shared.clock.clone();
    light(upgrade).on_upgrade(move |socket| async move {
        let seat = seat(&shared, peer);
        push_states(socket, states, clock, seat).await;
    })
}

/// What a client may send in one message: a ping or what it measured, a few dozen bytes.
const CLIENT_MESSAGE_BYTES: usize = 4 * 1024;

/// A connection that costs the server little: a small read buffer (clients send only pings
/// and measurements), no write buffer (every message is shared bytes, written at once), and
/// a cap on what a client may send. tungstenite's defaults (128 KiB each way) would cost
/// every connected view a quarter of a megabyte.
fn light(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    upgrade
        .read_buffer_size(CLIENT_MESSAGE_BYTES)
        .write_buffer_size(0)
        .max_message_size(CLIENT_MESSAGE_BYTES)
        .max_frame_size(CLIENT_MESSAGE_BYTES)
}

/// The server's time now, as the stream's clock message.
fn clock_message(clock: &Arc<dyn Clock>) -> Message {
    text(&ClockMessage {
        clock: clock.now().wall.timestamp_millis(),
    })
}

/// The answer to a client's `{"ping": T}`.
fn pong(ping: f64, clock: &Arc<dyn Clock>) -> Message {
    text(&Pong {
        pong: ping,
        clock: clock.now().wall.timestamp_millis(),
    })
}

async fn push_states(
    mut socket: WebSocket,
    mut states: watch::Receiver<Utf8Bytes>,
    clock: Arc<dyn Clock>,
    seat: Seat,
) {
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    heartbeat.tick().await;
    // The clock first: a client counts from the server's time as it receives the state, never
    // from the state's own `server_time`, which may be long past.
    let first = states.borrow_and_update().clone();
    if !deliver(&mut socket, clock_message(&clock)).await
        || !deliver(&mut socket, Message::Text(first)).await
    {
        return;
    }
    loop {
        tokio::select! {
            // A change first, and alone: woken by a change, a client's task writes it without
            // looking at its socket's reads and its heartbeat (two timers), which with
            // thousands of clients is a good part of the server's own work per update.
            biased;
            changed = states.changed() => {
                if changed.is_err() {
                    break;
                }
                // The same bytes for every client, sent as they are: a change is sent the
                // moment it is made, so its `server_time` is the time of sending (only the
                // first message, taken at connection, needs the clock after it).
                let text = states.borrow_and_update().clone();
                if !deliver(&mut socket, Message::Text(text)).await {
                    break;
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(Message::Text(text))) => {
                    if let Some(ping) = heard(text.as_str(), &seat)
                        && !deliver(&mut socket, pong(ping, &clock)).await
                    {
                        break;
                    }
                }
                Some(Ok(_)) => {}
            },
            _ = heartbeat.tick() => {
                if !deliver(&mut socket, Message::Ping(Bytes::new())).await {
                    break;
                }
            }
        }
    }
}

/// `/api/v1/replica`: the journal's lines, first all of them, then each new one, with the
/// server's time. Remote native displays rebuild the session from them exactly; they may
/// ping and report what they measured as on `/api/v1/stream`.
pub(super) async fn replica(
    State(shared): Ctx,
    _: Reader,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    upgrade: WebSocketUpgrade,
) -> Response {
    light(upgrade).on_upgrade(move |socket| async move {
        let seat = seat(&shared, peer);
        push_lines(socket, shared, seat).await;
    })
}

/// The most journal text put into one replica message (a line longer than this goes alone).
pub(super) const REPLICA_MESSAGE_BYTES: usize = 256 * 1024;

async fn push_lines(mut socket: WebSocket, shared: Arc<ServerState>, seat: Seat) {
    let mut changes = shared.state.clone();
    changes.mark_unchanged();
    let transcript = shared.published.transcript().clone();
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    let mut sent = 0u64;
    let mut opening = transcript.opening();
    let mut answer = None;
    loop {
        // A long journal goes in messages of a bounded size, each sent only once the client
        // took the one before: a client that does not read holds one message, not a copy of
        // the whole journal.
        let lines = transcript.after(sent, REPLICA_MESSAGE_BYTES);
        sent += lines.len() as u64;
        let more = sent < transcript.len();
        let message = ReplicaMessage {
            now: shared.clock.now(),
            opening: opening.take(),
            lines,
            pong: answer.take(),
        };
        if !deliver(&mut socket, text(&message)).await {
            return;
        }
        if more {
            continue;
        }
        loop {
            tokio::select! {
                changed = changes.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    changes.mark_unchanged();
                    break;
                }
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                    Some(Ok(Message::Text(text))) => {
                        answer = heard(text.as_str(), &seat);
                        if answer.is_some() {
                            break;
                        }
                    }
                    Some(Ok(_)) => {}
                },
                // A heartbeat carries the server's time and any lines not yet sent.
                _ = heartbeat.tick() => break,
            }
        }
    }
}
