//! The HTTP and WebSocket server (axum on tokio, on its own thread). It reads published
//! sessions and sends commands into the host's channel like any other source: it never
//! changes the session itself.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use serde_json::json;
use tokio::sync::watch;

use super::token::Token;
use super::views::{self, View};
use super::{stream, web, wire};
use crate::host::Inbox;
use crate::host::{Clock, MAX_ID_LEN, Published, Refusal, fresh_id, valid_id};
use crate::meeting::Lang;
use crate::meeting::{Action, Command, Event, Source, Stamp};

/// The largest command body accepted.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A command's body must arrive within this.
const BODY_DEADLINE: Duration = Duration::from_secs(10);

/// How long a command waits for the session's answer.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// How often an idle WebSocket is pinged (and a follower's clock re-synchronized).
pub(super) const HEARTBEAT: Duration = Duration::from_secs(10);

/// What every handler shares.
pub(super) struct ServerState {
    pub inbox: Inbox,
    pub published: Published,
    pub clock: Arc<dyn Clock>,
    pub token: Token,
    /// Reads need the token too.
    pub protect_reads: bool,
    /// The latest state as JSON text, rebuilt once per change and shared by every client.
    pub state: watch::Receiver<Utf8Bytes>,
    /// The small views (podium, hall, overlay) in each language: changed only when that
    /// view's fields change.
    pub views: Arc<std::sync::Mutex<SmallViews>>,
}

/// The small views' messages, one per view and language: built once per change for each that
/// has a client, sent on when their fields changed. A view and language nobody watches is not
/// built; its first client has it built at once.
pub(super) struct SmallViews {
    /// Per view of [`View::SMALL`], per language of [`Lang::ALL`].
    last: Vec<String>,
    senders: Vec<watch::Sender<Utf8Bytes>>,
}

/// Where a small view in a language is kept (the console's full state is kept apart; the
/// stream never asks for it here).
fn slot(view: View, lang: Lang) -> usize {
    view.small_index().unwrap_or(0) * Lang::ALL.len() + lang.index()
}

impl SmallViews {
    /// No view built yet: each is built when its first client comes.
    pub fn new() -> SmallViews {
        let count = View::SMALL.len() * Lang::ALL.len();
        SmallViews {
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
        view: View,
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
        for view in View::SMALL {
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

    fn refresh(&mut self, i: usize, view: View, lang: Lang, published: &Published, now: &Stamp) {
        let latest = published.latest();
        let content = views::content(view, lang, &latest.session, now);
        if content != self.last[i] {
            let server_time = now.wall.timestamp_millis();
            self.senders[i].send_replace(views::message(&content, latest.seq, server_time).into());
            self.last[i] = content;
        }
    }
}

pub(super) type Ctx = State<Arc<ServerState>>;

/// The routes.
pub(super) fn router(shared: Arc<ServerState>) -> Router {
    Router::new()
        .route("/", get(web::index))
        .route("/view/{page}", get(web::page))
        .route("/view/assets/{file}", get(web::asset))
        .route("/api/v1/health", get(health))
        .route("/api/v1/state", get(state))
        .route("/api/v1/program", get(program))
        .route("/api/v1/journal", get(journal))
        .route("/api/v1/stream", get(stream::stream))
        .route("/api/v1/replica", get(stream::replica))
        .route("/api/v1/displays", get(displays))
        .route("/api/v1/commands", post(command))
        .route("/api/v1/commands/{id}", get(outcome))
        .route("/api/v1/extend/{seconds}", post(extend))
        .route("/api/v1/blackout/{on}", post(blackout))
        .route("/api/v1/{action}", post(short))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

/// The state JSON at `now`.
pub(super) fn state_text(published: &Published, now: &Stamp) -> Utf8Bytes {
    let latest = published.latest();
    let state = wire::State::new(&latest.session, now, latest.seq, latest.journal_alarm);
    serde_json::to_string(&state)
        .unwrap_or_else(|e| json!({ "error": e.to_string() }).to_string())
        .into()
}

/// An error answer: `{"error": "…"}` with a status.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": message.into() }))).into_response()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// A request without the right token: 401, with the reason.
pub(super) struct Denied(&'static str);

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        let mut response = error(StatusCode::UNAUTHORIZED, self.0);
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"plenary\""),
        );
        response
    }
}

/// Proof that a request carries the control token (`Authorization: Bearer TOKEN`).
pub(super) struct Control;

impl FromRequestParts<Arc<ServerState>> for Control {
    type Rejection = Denied;

    async fn from_request_parts(
        parts: &mut Parts,
        shared: &Arc<ServerState>,
    ) -> Result<Self, Self::Rejection> {
        match bearer(&parts.headers) {
            None => Err(Denied(
                "this needs the control token: send `Authorization: Bearer TOKEN`",
            )),
            Some(t) if shared.token.matches(t) => Ok(Control),
            Some(_) => Err(Denied("the control token is wrong")),
        }
    }
}

/// Proof that a request may read: always, unless `--protect-reads`; then the token in the
/// header or in `?token=` (browsers and OBS cannot set headers on a page or a WebSocket).
pub(super) struct Reader;

impl FromRequestParts<Arc<ServerState>> for Reader {
    type Rejection = Denied;

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
            Some(_) => Err(Denied("the token is wrong")),
            None => Err(Denied(
                "reading needs the token on this server: `Authorization: Bearer TOKEN` or `?token=TOKEN`",
            )),
        }
    }
}

/// `/api/v1/health`: open to all (monitoring); under `--protect-reads`, without the token it
/// says only whether the server and its journal are well, nothing of the meeting.
async fn health(State(shared): Ctx, reader: Result<Reader, Denied>) -> Response {
    let latest = shared.published.latest();
    let status = if latest.journal_alarm.is_some() {
        "journal failing"
    } else {
        "ok"
    };
    let body = if reader.is_ok() {
        json!({
            "status": status,
            "version": env!("CARGO_PKG_VERSION"),
            "seq": latest.seq,
            "server_time": shared.clock.now().wall.timestamp_millis(),
            "journal_alarm": latest.journal_alarm,
        })
    } else {
        json!({ "status": status })
    };
    let status = if latest.journal_alarm.is_some() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    };
    (status, axum::Json(body)).into_response()
}

fn json_text(text: Utf8Bytes) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        Bytes::from(text),
    )
        .into_response()
}

async fn state(State(shared): Ctx, _: Reader) -> Response {
    json_text(state_text(&shared.published, &shared.clock.now()))
}

async fn program(State(shared): Ctx, _: Reader) -> Response {
    axum::Json(wire::ProgramState::new(&shared.published.get())).into_response()
}

/// The journal as it stands: its lines, RON, as on disk. Streamed from the lines the server
/// already holds (shared, never copied per request): a client that does not read holds no
/// more than a list of references.
async fn journal(State(shared): Ctx, _: Reader) -> Response {
    /// One journal line as a body chunk, without copying it.
    struct Line(Arc<str>);
    impl AsRef<[u8]> for Line {
        fn as_ref(&self) -> &[u8] {
            self.0.as_bytes()
        }
    }
    let transcript = shared.published.transcript();
    let lines: Vec<Arc<str>> = transcript
        .opening()
        .into_iter()
        .chain(transcript.after(0, usize::MAX))
        .collect();
    let chunks = lines.into_iter().flat_map(|line| {
        [
            Ok::<_, std::convert::Infallible>(Bytes::from_owner(Line(line))),
            Ok(Bytes::from_static(b"\n")),
        ]
    });
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        axum::body::Body::from_stream(futures_util::stream::iter(chunks)),
    )
        .into_response()
}

/// How long a client may take to read a message: one that does not read (a stalled browser,
/// a half-open socket) is dropped instead of holding the server's memory.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends `message`; `false` if the client is gone or did not take it in time.
pub(super) async fn deliver(socket: &mut WebSocket, message: Message) -> bool {
    let mut send = std::pin::pin!(socket.send(message));
    // Almost every send completes at once (the socket's buffer has room): those need no timer,
    // which would cost each of thousands of clients a timer set and cancelled per update.
    let at_once = std::future::poll_fn(|cx| std::task::Poll::Ready(send.as_mut().poll(cx))).await;
    if let std::task::Poll::Ready(sent) = at_once {
        return sent.is_ok();
    }
    matches!(tokio::time::timeout(SEND_TIMEOUT, send).await, Ok(Ok(())))
}

/// `GET /api/v1/displays`: the browser views and remote displays connected now, with the
/// clock offset and round trip each measured (what the console lists).
async fn displays(State(shared): Ctx, _: Reader) -> Response {
    axum::Json(json!({ "displays": shared.published.audience().viewers() })).into_response()
}

/// `POST /api/v1/commands`: the body is one action, as JSON.
async fn command(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    // The body within its size and its deadline: a client that trickles it is answered 408.
    let body = match tokio::time::timeout(BODY_DEADLINE, axum::body::to_bytes(body, BODY_LIMIT))
        .await
    {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the body is over {BODY_LIMIT} bytes (one command is much smaller), or was cut off"
                ),
            );
        }
        Err(_) => {
            return error(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the body did not arrive within {} s",
                    BODY_DEADLINE.as_secs()
                ),
            );
        }
    };
    let action: Action = match serde_json::from_slice(&body) {
        Ok(action) => action,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!(
                    "the body is not a command: {e} (example: {{\"Extend\":{{\"seconds\":30}}}})"
                ),
            );
        }
    };
    submit(&shared, &headers, action).await
}

/// `POST /api/v1/next`, `/start`, `/pause`, … : commands with no argument, for buttons.
async fn short(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let action = match name.as_str() {
        "start" => Action::Start,
        "pause" => Action::Pause,
        "resume" => Action::Resume,
        "toggle" => Action::StartOrPause,
        "next" => Action::Next,
        "recall" => Action::Recall,
        "reset" => Action::ResetClock,
        "clear-message" => Action::ClearMessage,
        "point-of-order" => Action::Interrupt {
            cause: crate::meeting::Interruption::PointOfOrder,
            by: None,
        },
        "floor-back" => Action::GiveFloorBack,
        other => {
            return error(
                StatusCode::NOT_FOUND,
                format!(
                    "no command route /api/v1/{other}; the short routes are start, pause, resume, toggle, next, recall, reset, clear-message, point-of-order, floor-back, extend/SECONDS, blackout/on|off"
                ),
            );
        }
    };
    submit(&shared, &headers, action).await
}

async fn extend(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    Path(seconds): Path<String>,
) -> Response {
    match seconds.parse::<i64>() {
        Ok(seconds) => submit(&shared, &headers, Action::Extend { seconds }).await,
        Err(_) => error(
            StatusCode::BAD_REQUEST,
            format!(
                "/api/v1/extend/{seconds}: the seconds must be a whole number, e.g. /api/v1/extend/30 or /api/v1/extend/-15"
            ),
        ),
    }
}

async fn blackout(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    Path(on): Path<String>,
) -> Response {
    match on.as_str() {
        "on" => submit(&shared, &headers, Action::Blackout { on: true }).await,
        "off" => submit(&shared, &headers, Action::Blackout { on: false }).await,
        other => error(
            StatusCode::BAD_REQUEST,
            format!("/api/v1/blackout/{other}: say on or off"),
        ),
    }
}

/// The answer to an accepted command.
#[derive(Serialize)]
struct Accepted {
    /// The command's id: the `Idempotency-Key` given, or one the server chose.
    id: String,
    seq: u64,
    events: Vec<Event>,
}

/// The command's id: the `Idempotency-Key` header (visible ASCII, at most 128 characters), or
/// a new random one. `Err`: the header is not usable.
fn command_id(headers: &HeaderMap) -> Result<String, (StatusCode, String)> {
    match headers.get("idempotency-key") {
        Some(value) => {
            let id = value.to_str().unwrap_or_default().trim();
            if !valid_id(id) {
                return Err((
                    StatusCode::BAD_REQUEST,
                    format!(
                        "the Idempotency-Key header must be 1 to {MAX_ID_LEN} visible ASCII characters"
                    ),
                ));
            }
            Ok(id.to_string())
        }
        None => Ok(fresh_id(Source::Api)),
    }
}

/// The answer for a command's result, as first given and as given again to a retry or to
/// `GET /api/v1/commands/ID`.
fn answer(id: String, result: Result<(u64, Vec<Event>), Refusal>) -> Response {
    match result {
        Ok((seq, events)) => axum::Json(Accepted { id, seq, events }).into_response(),
        Err(Refusal::Rejected(reason)) => (
            StatusCode::CONFLICT,
            axum::Json(json!({ "error": reason.to_string(), "id": id })),
        )
            .into_response(),
        Err(e @ Refusal::NotJournaled(_)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(json!({ "error": e.to_string(), "id": id, "applied": false })),
        )
            .into_response(),
    }
}

/// `GET /api/v1/commands/ID`: what became of the command with this id.
async fn outcome(State(shared): Ctx, _: Control, Path(id): Path<String>) -> Response {
    match shared.published.answer(&id) {
        Some(result) => answer(id, result),
        None => error(
            StatusCode::NOT_FOUND,
            format!(
                "no answer for command `{id}`: it never arrived, it is still waiting, or it is older than the last {} commands",
                crate::host::ANSWERS_KEPT
            ),
        ),
    }
}

/// Sends `action` into the channel with source `api`, with the request's id, and waits for
/// the session's answer: 200 applied, 409 refused, 503 not applied (the journal could not
/// record it), 504 outcome unknown (no answer in time: ask `GET /api/v1/commands/ID`, or
/// retry with the same `Idempotency-Key`, which never applies it twice).
async fn submit(shared: &ServerState, headers: &HeaderMap, action: Action) -> Response {
    let id = match command_id(headers) {
        Ok(id) => id,
        Err((status, message)) => return error(status, message),
    };
    let command = Command::new(Source::Api, action).with_id(id.clone());
    // The host hands the outcome to this task directly: no thread of the runtime waits.
    let (reply, waiting) = tokio::sync::oneshot::channel();
    if !shared.inbox.ask_then(command, move |outcome| {
        let _ = reply.send(outcome);
    }) {
        return error(StatusCode::SERVICE_UNAVAILABLE, "the session has stopped");
    }
    match tokio::time::timeout(ANSWER_TIMEOUT, waiting).await {
        Ok(Ok(outcome)) => answer(id, outcome.result),
        _ => (
            StatusCode::GATEWAY_TIMEOUT,
            axum::Json(json!({
                "error": "outcome unknown: the session did not answer in time; ask GET /api/v1/commands/ID, or retry with the same Idempotency-Key (it is never applied twice)",
                "id": id,
            })),
        )
            .into_response(),
    }
}
