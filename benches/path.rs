//! The command path, piece by piece (criterion; `cargo bench --no-default-features --bench
//! path`): what one fdatasync of a journal line costs on this machine's disk, the journal's
//! append (serialise, seal into the hash chain, write, fdatasync), a command's whole way
//! through the inbox and the host (the session's apply, the append, publishing), and the serialisation of the
//! streams' messages once per change. Their sum against the measured command → first
//! WebSocket message (`scripts/fanout.sh`) is docs/PERFORMANCE.md's breakdown.

use std::hint::black_box;
use std::io::Write;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use plenary::host::{Desk, SystemClock};
use plenary::meeting::{Action, Command, Lang, Source, Sources};
use plenary::net::feeds::{self, Feed};
use plenary::net::wire;

/// A host on a real journal file in `dir`, driven here through its inbox; Tuesday morning
/// begun, the first clock running.
fn host(dir: &std::path::Path) -> Desk {
    let sources = Sources::seed().expect("seed");
    let clock = Arc::new(SystemClock::new());
    let (mut desk, _) = Desk::open(&dir.join("path.journal"), &sources, clock).expect("host");
    for action in [Action::begin_meeting("tue-am"), Action::Start] {
        let outcome = desk.send(Command::new(Source::Test, action));
        outcome.result.expect("applies");
    }
    desk
}

fn disk(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.path().join("sync.bin"))
        .expect("file");
    let line = [b'x'; 300];
    let mut group = c.benchmark_group("path");
    group.bench_function("fdatasync of one appended 300-byte line", |b| {
        b.iter(|| {
            file.write_all(&line).expect("write");
            file.sync_data().expect("fdatasync");
        });
    });
    let mut h = host(dir.path());
    let mut paused = false;
    group.bench_function(
        "a command through the Inbox and the host: pause or resume, journaled with fdatasync",
        |b| {
            b.iter(|| {
                let action = if paused {
                    Action::Resume
                } else {
                    Action::Pause
                };
                paused = !paused;
                black_box(h.send(Command::new(Source::Test, action)).result.is_ok())
            });
        },
    );
    let now = h.clock().now();
    let session = h.session().clone();
    group.bench_function(
        "Session::clone (the host applies a command to a copy)",
        |b| {
            b.iter(|| black_box(plenary::meeting::Session::clone(&session)));
        },
    );
    let command = Command::new(Source::Test, Action::Extend { seconds: 1 });
    group.bench_function("Session::apply of one extension, on a copy", |b| {
        b.iter(|| {
            let mut copy = plenary::meeting::Session::clone(&session);
            black_box(copy.apply(&command, now).is_ok())
        });
    });
    group.bench_function("the full state's JSON (?view=console)", |b| {
        b.iter(|| {
            black_box(serde_json::to_string(&wire::State::new(
                &session, &now, 1, None,
            )))
        });
    });
    for view in Feed::SMALL {
        group.bench_function(format!("{view:?}'s small message"), |b| {
            b.iter(|| black_box(feeds::content(view, Lang::En, &session, &now)));
        });
    }
    // In Arabic: every fixed text and delegation name looked up in the display's language.
    group.bench_function("Hall's small message in Arabic", |b| {
        b.iter(|| black_box(feeds::content(Feed::Hall, Lang::Ar, &session, &now)));
    });
    group.finish();
}

criterion_group!(benches, disk);
criterion_main!(benches);
