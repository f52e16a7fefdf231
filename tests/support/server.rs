//! An in-process control node for the API's contract tests: a host on a journal in a
//! temporary directory, its server on loopback, and the helpers that talk to it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use plenary::host::{Clock, FastClock, Host, Inbox, RestartPolicy};
use plenary::meeting::Sources;
use plenary::net::{Server, ServerOptions, Token};
use serde_json::Value;
use tokio_tungstenite::tungstenite;

pub const TOKEN: &str = "test-token-0123456789";

/// A control node: a host on a journal in a temporary directory, its server on loopback.
pub struct Node {
    pub addr: SocketAddr,
    pub journal: PathBuf,
    _dir: tempfile::TempDir,
}

/// A control node whose clock runs at real speed from 09:59 in New York on the seed meeting's
/// second day, Tuesday 25 November 2025: what its displays show (the date, the forecast) never
/// depends on the day the test runs.
pub fn node(protect_reads: bool) -> Node {
    let wall = super::venue("2025-11-25", "09:59:00").wall;
    node_on(
        protect_reads,
        Arc::new(FastClock::starting(wall, 1)),
        ServerOptions::REFRESH,
    )
}

/// A control node on `clock`, its small views built again every `refresh`.
pub fn node_on(protect_reads: bool, clock: Arc<dyn Clock>, refresh: Duration) -> Node {
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("api.journal");
    let sources = Sources::seed().expect("seed");
    let (inbox, rx) = Inbox::channel();
    let (mut host, _) = Host::open(
        &journal,
        &sources,
        false,
        RestartPolicy::Continue,
        clock,
        rx,
    )
    .expect("host");
    let listener = Server::bind("127.0.0.1:0".parse().expect("addr")).expect("bound");
    let server = Server::start(
        listener,
        ServerOptions {
            token: Token::new(TOKEN).expect("token"),
            protect_reads,
            refresh,
        },
        inbox,
        host.published(),
        host.clock().clone(),
    )
    .expect("server");
    // The host drains the channel as in headless mode; it lives as long as the test.
    thread::spawn(move || while host.wait(Duration::from_secs(1)).is_some() {});
    Node {
        addr: server.addr(),
        journal,
        _dir: dir,
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

impl Node {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let mut response = agent().get(&self.url(path)).call().expect("answered");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body"))
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &str) -> (u16, Value) {
        let mut request = agent().post(&self.url(path));
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let mut response = request.send(body).expect("answered");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub fn control(&self, path: &str, body: &str) -> (u16, Value) {
        self.post(path, Some(TOKEN), body)
    }

    /// A command with an `Idempotency-Key`.
    pub fn control_with_key(&self, path: &str, body: &str, key: &str) -> (u16, Value) {
        let mut response = agent()
            .post(&self.url(path))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .header("Idempotency-Key", key)
            .send(body)
            .expect("answered");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// A GET with the control token.
    pub fn get_controlled(&self, path: &str) -> (u16, Value) {
        let mut response = agent()
            .get(&self.url(path))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .call()
            .expect("answered");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub fn state(&self) -> Value {
        let (status, body) = self.get("/api/v1/state");
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).expect("json")
    }

    pub fn journal_lines(&self) -> Vec<String> {
        std::fs::read_to_string(&self.journal)
            .expect("journal")
            .lines()
            .map(str::to_string)
            .collect()
    }
}

pub type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>;

pub fn stream(node: &Node, path: &str) -> Socket {
    let (socket, _) = tungstenite::connect(format!("ws://{}{path}", node.addr)).expect("websocket");
    if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = socket.get_ref() {
        tcp.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
    }
    socket
}

/// The next message of the stream with `field`.
pub fn next_with(socket: &mut Socket, field: &str) -> Value {
    loop {
        if let tungstenite::Message::Text(text) = socket.read().expect("a message") {
            let value: Value = serde_json::from_str(&text).expect("json");
            if !value[field].is_null() {
                return value;
            }
        }
    }
}

/// The next state pushed on the stream (the clock messages between states passed over).
pub fn next_state(socket: &mut Socket) -> Value {
    next_with(socket, "seq")
}
