//! Two processes: `plenary run --headless` as the control node and `plenary display --follow
//! --print` as a follower. A command sent to the control node reaches the follower; when the
//! control node is killed and restarted, the follower reconnects by itself.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::{Duration, Instant};

const TOKEN: &str = "follow-test-token-0123";

/// A child process killed when dropped (a failing test leaves none behind).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The lines a child writes on `stream`, as they come.
fn lines(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
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
fn expect(lines: &Receiver<String>, what: &str, want: impl Fn(&str) -> bool) -> String {
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

fn control_node(journal: &Path, port: u16) -> (Running, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["run", "--headless", "--listen"])
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
    (Running(child), stderr)
}

fn command(port: u16, route: &str) -> u16 {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    agent
        .post(&format!("http://127.0.0.1:{port}{route}"))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .send_empty()
        .expect("answered")
        .status()
        .as_u16()
}

#[test]
fn a_follower_sees_commands_and_reconnects_after_the_control_node_restarts() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("follow.journal");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let (node, _node_log) = control_node(&journal, port);

    let mut follower = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["display", "--print", "--follow"])
        .arg(format!("http://127.0.0.1:{port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the follower starts");
    let seen = lines(follower.stdout.take().expect("stdout"));
    let _follower = Running(follower);
    expect(&seen, "link: live", |l| l == "link: live");
    expect(&seen, "the session at seq 0", |l| {
        l.starts_with("status ") && l.contains("floor=none") && l.ends_with("seq=0")
    });

    assert_eq!(command(port, "/api/v1/start"), 200);
    let line = expect(&seen, "the started speech", |l| l.ends_with("seq=1"));
    assert!(line.contains("floor=0"), "{line}");
    assert!(line.contains("paused=false"), "{line}");

    drop(node); // killed
    expect(&seen, "link: lost", |l| l.starts_with("link: lost"));

    let (_node, _node_log) = control_node(&journal, port);
    expect(&seen, "link: live again", |l| l == "link: live");
    assert_eq!(command(port, "/api/v1/pause"), 200);
    let line = expect(&seen, "the pause after the restart", |l| {
        l.ends_with("seq=2")
    });
    assert!(line.contains("paused=true"), "{line}");
}
