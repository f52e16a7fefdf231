//! The network layer: serves the session to remote displays and browsers, and takes control
//! from outside (HTTP, OSC) into the same command channel as the console. It reads published
//! sessions and sends commands; it never changes the session itself.
//!
//! The server, from the outside in: [`Server`] here starts it; `guard` accepts connections;
//! `api` holds every route ([`api::router`]) and the HTTP handlers; `stream` the WebSocket
//! streams; `web` the browser views; `shared` what they all use (the state, the token and
//! language checks, delivery). What goes over the wire is defined once: the session's state
//! in `wire`, each small view's feed in `feeds`, every other message in `messages`, every error in
//! `error`. The follower (`replica`) reads the same types the server writes.

mod api;
pub mod error;
pub mod feeds;
mod guard;
pub mod messages;
pub mod osc;
pub mod replica;
mod shared;
mod stream;
pub mod token;
mod web;
pub mod wire;

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use tokio::sync::watch;

pub use api::{BODY_LIMIT, parse_command};
pub use token::Token;

use crate::host::{Clock, Inbox, Published};

/// How the server is run.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub token: Token,
    /// Reading (state, stream, views) needs the token too.
    pub protect_reads: bool,
    /// How often the small views are built again with no change to the session: what they
    /// show also moves with time — the hall's date at midnight, the next speakers' forecast
    /// times during a pause or an overrun. A view whose fields did not move is sent nothing.
    pub refresh: Duration,
}

impl ServerOptions {
    /// The small views' refresh in use: twice a minute, so a forecast time shown in minutes
    /// is at most half a minute late.
    pub const REFRESH: Duration = Duration::from_secs(30);
}

/// Builds what the clients are sent: after each publication (`changed`), the small views
/// that moved and the full state; every `refresh` with no change, the small views alone (what
/// they show also moves with time), each sent only if its fields moved.
async fn publish_changes(
    mut changed: watch::Receiver<()>,
    refresh: Duration,
    published: Published,
    clock: Arc<dyn Clock>,
    small: Arc<std::sync::Mutex<feeds::Feeds>>,
    state: watch::Sender<axum::extract::ws::Utf8Bytes>,
) {
    let start = tokio::time::Instant::now() + refresh;
    let mut refreshes = tokio::time::interval_at(start, refresh);
    refreshes.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let was_changed = tokio::select! {
            result = changed.changed() => {
                if result.is_err() {
                    break;
                }
                true
            }
            _ = refreshes.tick() => false,
        };
        let now = clock.now();
        // The small views first: the displays facing the room get the change before the
        // console's full state is built.
        small
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .update(&published, &now);
        // The full state carries times counted from now: sent on a change only (its clients
        // count the clock themselves).
        if was_changed {
            state.send_replace(shared::state_text(&published, &now));
        }
    }
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
}

impl Server {
    /// Binds `listen` (before anything else starts, so that a taken port is a clear error).
    pub fn bind(listen: SocketAddr) -> std::io::Result<TcpListener> {
        let listener = TcpListener::bind(listen)?;
        listener.set_nonblocking(true)?;
        Ok(listener)
    }

    /// Serves on `listener` from a thread of its own until the program ends.
    pub fn start(
        listener: TcpListener,
        options: ServerOptions,
        inbox: Inbox,
        published: Published,
        clock: Arc<dyn Clock>,
    ) -> std::io::Result<Server> {
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("plenary-net")
            .enable_all()
            .build()?;
        // One JSON text per change, shared by every client; one per small view too, sent only
        // when that view's fields changed.
        let (state_tx, state_rx) = watch::channel(shared::state_text(&published, &clock.now()));
        let feeds = Arc::new(std::sync::Mutex::new(feeds::Feeds::new()));
        let small = feeds.clone();
        // (tokio's interval refuses a zero period.)
        let refresh = options.refresh.max(Duration::from_millis(10));
        let (changed_tx, changed_rx) = watch::channel(());
        published.subscribe(Box::new(move || changed_tx.send_replace(())));
        let shared = Arc::new(shared::ServerState {
            inbox,
            published: published.clone(),
            clock: clock.clone(),
            token: options.token,
            protect_reads: options.protect_reads,
            state: state_rx,
            feeds,
        });
        let app = api::router(shared);
        thread::Builder::new()
            .name("plenary-net".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::spawn(publish_changes(
                        changed_rx, refresh, published, clock, small, state_tx,
                    ));
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            eprintln!("api: cannot serve on {addr}: {e}");
                            return;
                        }
                    };
                    let listener =
                        guard::Guarded::new(listener, guard::max_connections(), guard::SILENCE);
                    guard::serve(listener, app).await;
                });
            })?;
        Ok(Server { addr })
    }

    /// The address served (with the port the system chose for `:0`).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}
