//! The floor of the fan-out measurement: the least a server on the same stack (axum, tokio
//! with two workers, one message built once and shared) can do per update, with no session,
//! no journal and no views. `examples/fanout.rs` measures it exactly as it measures plenary
//! (the same routes: `/api/v1/health`, `/api/v1/stream`, `POST /api/v1/{action}`), so the
//! gap between the two is plenary's own cost and the rest is the machine's (the loopback TCP
//! path, the harness on the same cores).
//!
//! Two ways to write an update, to compare:
//! - `tasks` (the default, as plenary does): one task per WebSocket client, woken by a watch
//!   channel, each sending through axum's WebSocket.
//! - `writers`: the update framed once (by tungstenite) and written as the same bytes to
//!   every client's raw upgraded socket by two writer tasks, each over half the clients. Only
//!   a measurement of that design: it neither reads what clients send nor bounds a slow one.
//!
//! `scripts/fanout.sh` runs it with `FLOOR=1` (or `FLOOR=writers`); by hand:
//! `cargo run --release --no-default-features --example fanout_floor -- 127.0.0.1:PORT [writers]`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use hyper_util::rt::TokioIo;
use tokio::io::AsyncWriteExt;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};

/// A client's socket as the writers hold it.
type Socket = TokioIo<hyper::upgrade::Upgraded>;

/// How many writer tasks share the clients in `writers` mode (the runtime's workers).
const WRITERS: usize = 2;

/// What every handler shares: the update count and the latest message; in `writers` mode,
/// the clients' sockets in one list per writer.
struct Shared {
    writers: bool,
    seq: AtomicU64,
    updates: watch::Sender<Utf8Bytes>,
    sockets: [Arc<tokio::sync::Mutex<Vec<Socket>>>; WRITERS],
    joined: AtomicUsize,
}

/// A message of about the size of plenary's podium update (340 bytes).
fn update(seq: u64) -> Utf8Bytes {
    format!(r#"{{"seq":{seq},"padding":"{}"}}"#, "x".repeat(310)).into()
}

/// `update(seq)` as one WebSocket text frame, framed by tungstenite.
fn framed(seq: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    let frame = Frame::message(
        axum::body::Bytes::from(update(seq)),
        OpCode::Data(Data::Text),
        true,
    );
    frame.format(&mut bytes).unwrap_or_default();
    bytes
}

async fn health(State(shared): State<Arc<Shared>>) -> String {
    format!(r#"{{"seq":{}}}"#, shared.seq.load(Ordering::SeqCst))
}

async fn command(State(shared): State<Arc<Shared>>) -> &'static str {
    let seq = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
    if !shared.writers {
        shared.updates.send_replace(update(seq));
        return "{}";
    }
    let bytes = Arc::new(framed(seq));
    for sockets in &shared.sockets {
        let (sockets, bytes) = (sockets.clone(), bytes.clone());
        tokio::spawn(async move {
            for socket in sockets.lock().await.iter_mut() {
                let _ = socket.write_all(&bytes).await;
            }
        });
    }
    "{}"
}

async fn stream(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if shared.writers {
        return raw_upgrade(shared, request);
    }
    let (mut parts, _) = request.into_parts();
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &()).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let updates = shared.updates.subscribe();
    upgrade
        .read_buffer_size(4096)
        .write_buffer_size(0)
        .on_upgrade(move |socket| push(socket, updates))
}

/// `writers` mode: the WebSocket handshake's answer (tungstenite's accept key), and the
/// upgraded socket handed to a writer after its first message.
fn raw_upgrade(shared: Arc<Shared>, mut request: Request) -> Response {
    let key = request
        .headers()
        .get("sec-websocket-key")
        .map(|k| k.as_bytes().to_vec())
        .unwrap_or_default();
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(&key);
    let upgraded = hyper::upgrade::on(&mut request);
    tokio::spawn(async move {
        if let Ok(upgraded) = upgraded.await {
            let mut socket = TokioIo::new(upgraded);
            let first = framed(shared.seq.load(Ordering::SeqCst));
            if socket.write_all(&first).await.is_ok() {
                let writer = shared.joined.fetch_add(1, Ordering::SeqCst) % WRITERS;
                shared.sockets[writer].lock().await.push(socket);
            }
        }
    });
    Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header(header::UPGRADE, "websocket")
        .header(header::CONNECTION, "Upgrade")
        .header("sec-websocket-accept", accept)
        .body(Body::empty())
        .unwrap_or_default()
}

async fn push(mut socket: WebSocket, mut updates: watch::Receiver<Utf8Bytes>) {
    let first = updates.borrow_and_update().clone();
    if socket.send(Message::Text(first)).await.is_err() {
        return;
    }
    while updates.changed().await.is_ok() {
        let text = updates.borrow_and_update().clone();
        if socket.send(Message::Text(text)).await.is_err() {
            return;
        }
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let listen = args.next().unwrap_or_else(|| "127.0.0.1:7990".into());
    let writers = match args.next().as_deref() {
        None | Some("tasks") => false,
        Some("writers") => true,
        Some(other) => anyhow::bail!("{other}: say tasks or writers"),
    };
    let shared = Arc::new(Shared {
        writers,
        seq: AtomicU64::new(0),
        updates: watch::channel(update(0)).0,
        sockets: std::array::from_fn(|_| Arc::default()),
        joined: AtomicUsize::new(0),
    });
    let app = Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/stream", get(stream))
        .route("/api/v1/{action}", post(command))
        .with_state(shared);
    let listener = tokio::net::TcpListener::bind(&listen).await?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await?;
    Ok(())
}
