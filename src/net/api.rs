//! The HTTP API's routes, all in one place ([`router`]), and its handlers: reads (health,
//! state, program, journal, displays) and control (commands, their outcomes, the buttons'
//! short routes). Every refusal is an [`ApiError`]; every answer a type of [`super::messages`]
//! or [`super::wire`].

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::Utf8Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::error::ApiError;
use super::messages::{Accepted, Displays, Health};
use super::shared::{Control, Ctx, Reader, ServerState, state_text};
use super::{stream, web, wire};
use crate::host::{ANSWERS_KEPT, MAX_ID_LEN, Refusal, fresh_id, valid_id};
use crate::meeting::buttons::{button, button_names};
use crate::meeting::{Action, Command, Event, Source};

/// The largest command body accepted.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A command's body must arrive within this.
const BODY_DEADLINE: Duration = Duration::from_secs(10);

/// How long a command waits for the session's answer.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

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

/// `/api/v1/health`: open to all (monitoring); under `--protect-reads`, without the token it
/// says only whether the server and its journal are well, nothing of the meeting.
async fn health(State(shared): Ctx, reader: Result<Reader, ApiError>) -> Response {
    let latest = shared.published.latest();
    let (code, status) = match latest.journal_alarm {
        Some(_) => (StatusCode::SERVICE_UNAVAILABLE, "journal failing"),
        None => (StatusCode::OK, "ok"),
    };
    let mut health = Health {
        status: status.to_string(),
        version: None,
        seq: None,
        server_time: None,
        journal_alarm: None,
    };
    if reader.is_ok() {
        health.version = Some(env!("CARGO_PKG_VERSION").to_string());
        health.seq = Some(latest.seq);
        health.server_time = Some(shared.clock.now().wall.timestamp_millis());
        health.journal_alarm = Some(latest.journal_alarm);
    }
    (code, axum::Json(health)).into_response()
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

/// `GET /api/v1/displays`: the browser views and remote displays connected now, with the
/// clock offset and round trip each measured (what the console lists).
async fn displays(State(shared): Ctx, _: Reader) -> Response {
    let displays = shared.published.audience().viewers();
    axum::Json(Displays { displays }).into_response()
}

/// A command's body, as `POST /api/v1/commands` reads it: one action, as JSON. A body that is
/// not one is a 400 naming the line and column where reading stopped, and what was expected.
pub fn parse_command(body: &[u8]) -> Result<Action, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        // serde_json names no line for a command given in the wrong form (`"Insert"`, a
        // command that takes fields, or `{"Next": {}}`): the place is the body as a whole.
        let place = if e.line() == 0 {
            " in the body as a whole: a command with fields is an object, a command without is a string (\"Next\")"
        } else {
            ""
        };
        ApiError::bad_request(format!(
            "the body is not a command: {e}{place} (example: {{\"Extend\":{{\"seconds\":30}}}})"
        ))
    })
}

/// `POST /api/v1/commands`: the body is one action, as JSON.
async fn command(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    // The body within its size and its deadline: a client that trickles it is answered 408.
    let body = match tokio::time::timeout(BODY_DEADLINE, axum::body::to_bytes(body, BODY_LIMIT))
        .await
    {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the body is over {BODY_LIMIT} bytes (one command is much smaller), or was cut off"
                ),
            ));
        }
        Err(_) => {
            return Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the body did not arrive within {} s",
                    BODY_DEADLINE.as_secs()
                ),
            ));
        }
    };
    submit(&shared, &headers, parse_command(&body)?).await
}

/// `POST /api/v1/next`, `/start`, `/pause`, … : the buttons, commands with no argument.
async fn short(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let action = button(&name).ok_or_else(|| {
        ApiError::not_found(format!(
            "no command route /api/v1/{name}; the short routes are {}, extend/SECONDS, blackout/on|off",
            button_names("")
        ))
    })?;
    submit(&shared, &headers, action).await
}

async fn extend(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    Path(seconds): Path<String>,
) -> Result<Response, ApiError> {
    let seconds = seconds.parse::<i64>().map_err(|_| {
        ApiError::bad_request(format!(
            "/api/v1/extend/{seconds}: the seconds must be a whole number, e.g. /api/v1/extend/30 or /api/v1/extend/-15"
        ))
    })?;
    submit(&shared, &headers, Action::Extend { seconds }).await
}

async fn blackout(
    State(shared): Ctx,
    _: Control,
    headers: HeaderMap,
    Path(on): Path<String>,
) -> Result<Response, ApiError> {
    let on = match on.as_str() {
        "on" => true,
        "off" => false,
        other => {
            return Err(ApiError::bad_request(format!(
                "/api/v1/blackout/{other}: say on or off"
            )));
        }
    };
    submit(&shared, &headers, Action::Blackout { on }).await
}

/// The command's id: the `Idempotency-Key` header (visible ASCII, at most 128 characters), or
/// a new random one.
fn command_id(headers: &HeaderMap) -> Result<String, ApiError> {
    match headers.get("idempotency-key") {
        Some(value) => {
            let id = value.to_str().unwrap_or_default().trim();
            if !valid_id(id) {
                return Err(ApiError::bad_request(format!(
                    "the Idempotency-Key header must be 1 to {MAX_ID_LEN} visible ASCII characters"
                )));
            }
            Ok(id.to_string())
        }
        None => Ok(fresh_id(Source::Api)),
    }
}

/// The answer for a command's result, as first given and as given again to a retry or to
/// `GET /api/v1/commands/ID`: 200 applied, 409 refused by the session, 503 not applied.
fn answer(id: String, result: Result<(u64, Vec<Event>), Refusal>) -> Result<Response, ApiError> {
    match result {
        Ok((seq, events)) => Ok(axum::Json(Accepted { id, seq, events }).into_response()),
        Err(Refusal::Rejected(reason)) => {
            Err(ApiError::new(StatusCode::CONFLICT, reason.to_string()).about(&id))
        }
        Err(e @ Refusal::NotJournaled(_)) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            e.to_string(),
        )
        .about(&id)
        .not_applied()),
    }
}

/// `GET /api/v1/commands/ID`: what became of the command with this id.
async fn outcome(
    State(shared): Ctx,
    _: Control,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    match shared.published.answer(&id) {
        Some(result) => answer(id, result),
        None => Err(ApiError::not_found(format!(
            "no answer for command `{id}`: it never arrived, it is still waiting, or it is older than the last {ANSWERS_KEPT} commands"
        ))),
    }
}

/// Sends `action` into the channel with source `api`, with the request's id, and waits for
/// the session's answer: 200 applied, 409 refused, 503 not applied (the journal could not
/// record it), 504 outcome unknown (no answer in time: ask `GET /api/v1/commands/ID`, or
/// retry with the same `Idempotency-Key`, which never applies it twice).
async fn submit(
    shared: &ServerState,
    headers: &HeaderMap,
    action: Action,
) -> Result<Response, ApiError> {
    let id = command_id(headers)?;
    let command = Command::new(Source::Api, action).with_id(id.clone());
    // The host hands the outcome to this task directly: no thread of the runtime waits.
    let (reply, waiting) = tokio::sync::oneshot::channel();
    if !shared.inbox.ask_then(command, move |outcome| {
        let _ = reply.send(outcome);
    }) {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the session has stopped",
        ));
    }
    match tokio::time::timeout(ANSWER_TIMEOUT, waiting).await {
        Ok(Ok(outcome)) => answer(id, outcome.result),
        _ => Err(ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "outcome unknown: the session did not answer in time; ask GET /api/v1/commands/ID, or retry with the same Idempotency-Key (it is never applied twice)",
        )
        .about(&id)),
    }
}
