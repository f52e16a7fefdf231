//! A control node (`plenary run --headless` with its API) as a child process, and helpers to
//! read what children print.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::{Duration, Instant};

pub const TOKEN: &str = "node-test-token-0123";

/// A child process killed when dropped (a failing test leaves none behind).
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The lines a child writes on `stream`, as they come.
pub fn lines(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits (at most 30 s) for a line that satisfies `want`; returns it.
pub fn expect(lines: &Receiver<String>, what: &str, want: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if want(&line) => return line,
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    panic!("no line with {what}; saw:\n{}", seen.join("\n"));
}

/// A free port on loopback.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `plenary run --headless` serving its API on loopback.
pub struct ControlNode {
    pub port: u16,
    pub stderr: Receiver<String>,
    _child: Running,
}

impl ControlNode {
    /// Starts a control node on `journal` and waits until it serves.
    pub fn start(journal: &Path, port: u16) -> ControlNode {
        Self::start_with(journal, port, &[])
    }

    /// [`ControlNode::start`] with more arguments to `plenary run` (`--rehearse`, …).
    pub fn start_with(journal: &Path, port: u16, more: &[&str]) -> ControlNode {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(["run", "--headless"])
            .args(more)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .args(["--token", TOKEN, "--journal"])
            .arg(journal)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the control node starts");
        let stderr = lines(child.stderr.take().expect("stderr"));
        expect(&stderr, "api: listening", |l| {
            l.starts_with("api: listening")
        });
        ControlNode {
            port,
            stderr,
            _child: Running(child),
        }
    }

    /// The control node's process id.
    pub fn pid(&self) -> u32 {
        self._child.0.id()
    }

    /// The address of a page or route.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// `GET /api/v1/state`, as JSON text.
    pub fn state(&self) -> String {
        self.get("/api/v1/state")
    }

    /// `GET path`, as text.
    pub fn get(&self, path: &str) -> String {
        ureq::get(&self.url(path))
            .call()
            .expect("answered")
            .body_mut()
            .read_to_string()
            .expect("text")
    }

    /// Sends a command to a control route (with the token); returns the HTTP status.
    pub fn command(&self, route: &str, body: &str) -> u16 {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        agent
            .post(&self.url(route))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .send(body)
            .expect("answered")
            .status()
            .as_u16()
    }
}
