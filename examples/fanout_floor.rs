//! The floor of the fan-out measurement: the least a server on the same stack (axum, tokio
//! with two workers, one task per WebSocket client, a message built once and shared) can do
//! per update, with no session, no journal and no views. `examples/fanout.rs` measures it
//! exactly as it measures plenary (the same routes: `/api/v1/health`, `/api/v1/stream`,
//! `POST /api/v1/{action}`), so the gap between the two is plenary's own cost and the rest is
//! the machine's (the loopback TCP path, the harness on the same cores).
//!
//! `scripts/fanout.sh` runs it with `FLOOR=1`; by hand:
//! `cargo run --release --no-default-features --example fanout_floor -- 127.0.0.1:PORT`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use tokio::sync::watch;

/// What every handler shares: the update count and the latest message.
struct Shared {
    seq: AtomicU64,
    updates: watch::Sender<Utf8Bytes>,
}

/// A message of about the size of plenary's podium update (340 bytes).
fn update(seq: u64) -> Utf8Bytes {
    format!(r#"{{"seq":{seq},"padding":"{}"}}"#, "x".repeat(310)).into()
}

async fn health(State(shared): State<Arc<Shared>>) -> String {
    format!(r#"{{"seq":{}}}"#, shared.seq.load(Ordering::SeqCst))
}

async fn command(State(shared): State<Arc<Shared>>) -> &'static str {
    let seq = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
    shared.updates.send_replace(update(seq));
    "{}"
}

async fn stream(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    let updates = shared.updates.subscribe();
    upgrade
        .read_buffer_size(4096)
        .write_buffer_size(0)
        .on_upgrade(move |socket| push(socket, updates))
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
    let listen = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:7990".into());
    let shared = Arc::new(Shared {
        seq: AtomicU64::new(0),
        updates: watch::channel(update(0)).0,
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
