//! What every handler of the server shares: the server's state, the extractors that check a
//! request before its handler runs (the control token, the right to read, the display's
//! language) and the delivery of one message to a WebSocket client.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message, Utf8Bytes, WebSocket};
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use tokio::sync::watch;

use super::error::ApiError;
use super::feeds::Feeds;
use super::token::Token;
use super::wire;
use crate::host::{Clock, Inbox, Published};
use crate::meeting::{Lang, Stamp};

/// How often an idle WebSocket is pinged (and a follower's clock re-synchronized).
pub const HEARTBEAT: Duration = Duration::from_secs(10);

/// How long a client may take to read a message: one that does not read (a stalled browser,
/// a half-open socket) is dropped instead of holding the server's memory.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// What every handler shares.
pub struct ServerState {
    pub inbox: Inbox,
    pub published: Published,
    pub clock: Arc<dyn Clock>,
    pub token: Token,
    /// Reads need the token too.
    pub protect_reads: bool,
    /// The latest state as JSON text, rebuilt once per change and shared by every client.
    pub state: watch::Receiver<Utf8Bytes>,
    /// The feeds of the small views (podium, hall, overlay) in each language: changed only
    /// when that view's fields change.
    pub feeds: Arc<std::sync::Mutex<Feeds>>,
}

/// The state every handler is given.
pub type Ctx = State<Arc<ServerState>>;

/// The state JSON at `now`.
pub fn state_text(published: &Published, now: &Stamp) -> Utf8Bytes {
    let latest = published.latest();
    let state = wire::State::new(&latest.session, now, latest.seq, latest.journal_alarm);
    serde_json::to_string(&state)
        .unwrap_or_else(|e| format!(r#"{{"error":{:?}}}"#, e.to_string()))
        .into()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Proof that a request carries the control token (`Authorization: Bearer TOKEN`).
pub struct Control;

impl FromRequestParts<Arc<ServerState>> for Control {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        shared: &Arc<ServerState>,
    ) -> Result<Self, Self::Rejection> {
        match bearer(&parts.headers) {
            None => Err(ApiError::unauthorized(
                "this needs the control token: send `Authorization: Bearer TOKEN`",
            )),
            Some(t) if shared.token.matches(t) => Ok(Control),
            Some(_) => Err(ApiError::unauthorized("the control token is wrong")),
        }
    }
}

/// Proof that a request may read: always, unless `--protect-reads`; then the token in the
/// header or in `?token=` (browsers and OBS cannot set headers on a page or a WebSocket).
pub struct Reader;

impl FromRequestParts<Arc<ServerState>> for Reader {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        shared: &Arc<ServerState>,
    ) -> Result<Self, Self::Rejection> {
        if !shared.protect_reads {
            return Ok(Reader);
        }
        let query = Query::<HashMap<String, String>>::try_from_uri(&parts.uri)
            .map(|q| q.0)
            .unwrap_or_default();
        let given = bearer(&parts.headers).or(query.get("token").map(String::as_str));
        match given {
            Some(t) if shared.token.matches(t) => Ok(Reader),
            Some(_) => Err(ApiError::unauthorized("the token is wrong")),
            None => Err(ApiError::unauthorized(
                "reading needs the token on this server: `Authorization: Bearer TOKEN` or `?token=TOKEN`",
            )),
        }
    }
}

/// The display's language, from `?lang=ar|zh|en|fr|ru|es` (English when not given); any other
/// is a 400 that names the route and the six.
pub struct InLanguage(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for InLanguage {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = Query::<HashMap<String, String>>::try_from_uri(&parts.uri)
            .map(|q| q.0)
            .unwrap_or_default();
        match query.get("lang").map(|l| l.parse::<Lang>()) {
            None => Ok(InLanguage(Lang::En)),
            Some(Ok(lang)) => Ok(InLanguage(lang)),
            Some(Err(e)) => Err(ApiError::bad_request(format!(
                "{}?lang=: {e}",
                parts.uri.path()
            ))),
        }
    }
}

/// Sends `message`; `false` if the client is gone or did not take it in time.
pub async fn deliver(socket: &mut WebSocket, message: Message) -> bool {
    let mut send = std::pin::pin!(socket.send(message));
    // Almost every send completes at once (the socket's buffer has room): those need no timer,
    // which would cost each of thousands of clients a timer set and cancelled per update.
    let at_once = std::future::poll_fn(|cx| std::task::Poll::Ready(send.as_mut().poll(cx))).await;
    if let std::task::Poll::Ready(sent) = at_once {
        return sent.is_ok();
    }
    matches!(tokio::time::timeout(SEND_TIMEOUT, send).await, Ok(Ok(())))
}

/// A message of the protocol as a WebSocket text.
pub fn text(message: &impl serde::Serialize) -> Message {
    Message::Text(serde_json::to_string(message).unwrap_or_default().into())
}
