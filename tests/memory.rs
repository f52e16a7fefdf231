//! Memory a reader can pin on the control node: forty remote displays that connect to
//! `/api/v1/replica` over a journal of several megabytes and never read. The journal goes out
//! in messages of at most 256 KiB, each only once the one before was taken, so each such
//! client holds one message, not a copy of the journal (before: 40 clients, +367 MB).

mod support;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use plenary::journal::{CHAIN_MARK, Chain, Entry, FORMAT_VERSION, Record};
use plenary::meeting::ron_text::to_ron;
use plenary::meeting::{Action, Command, Millis, Session, Source, Sources};
use support::node::{ControlNode, free_port};

/// Writes a journal of `commands` messages of 140 characters shown and cleared in turn
/// (about 450 bytes a line), sealed as the program seals them.
fn long_journal(path: &Path, commands: u64) {
    let sources = Sources::seed().expect("seed");
    let mut session = Session::from_sources(&sources).expect("valid");
    let mut at = support::venue("2025-11-24", "09:00:00");
    let mut chain = Chain::new(true);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("file"));
    let mut write = |record: &Record, chain: &mut Chain| {
        let line = chain.seal(&to_ron(record).expect("ron"));
        assert!(line.contains(CHAIN_MARK));
        writeln!(out, "{line}").expect("written");
    };
    let opening = Record::Opened {
        version: FORMAT_VERSION,
        at,
        sources,
    };
    write(&opening, &mut chain);
    let text = "x".repeat(140);
    for seq in 1..=commands {
        at = at.plus(Millis::from_secs(1));
        let action = Action::Message {
            text: format!("{seq:>6}{}", &text[6..]),
        };
        let command = Command::new(Source::Test, action);
        let events = session.apply(&command, at).expect("accepted");
        let record = Record::Accepted(Entry {
            seq,
            at,
            command,
            events,
        });
        write(&record, &mut chain);
    }
}

/// The resident memory of process `pid`, in kilobytes.
fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[test]
#[cfg(target_os = "linux")]
fn unread_replica_sockets_stay_within_a_bound() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("long.journal");
    long_journal(&journal, 18_000);
    let size = std::fs::metadata(&journal).expect("journal").len();
    assert!(
        size > 7_000_000,
        "a journal of several megabytes ({size} bytes)"
    );
    let node = ControlNode::start(&journal, free_port());
    std::thread::sleep(Duration::from_secs(1));
    let before = resident_kb(node.pid());
    let url = format!("ws://127.0.0.1:{}/api/v1/replica", node.port);
    let clients: Vec<_> = (0..40)
        .map(|_| tokio_tungstenite::tungstenite::connect(url.as_str()).expect("connected"))
        .collect();
    // Long enough for every client's first messages to be sent and stall (the server drops a
    // client that takes nothing for 10 s).
    std::thread::sleep(Duration::from_secs(4));
    let after = resident_kb(node.pid());
    let grown = after.saturating_sub(before);
    eprintln!("40 unread replica sockets: {before} kB → {after} kB (+{grown} kB)");
    // Bound: a message and its frame (2 × 256 KiB) per client, and slack for the runtime.
    let bound = 40 * 512 + 16 * 1024;
    assert!(
        grown < bound,
        "40 unread replica sockets grew the control node by {grown} kB (bound {bound} kB; \
         journal {size} bytes)"
    );
    drop(clients);
}
