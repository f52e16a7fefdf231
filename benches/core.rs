//! Benchmarks of the core (criterion; `cargo bench --no-default-features --bench core`):
//! `Session::apply` throughput, replay of a 100 000-command journal (target ≤ 100 ms), and
//! the forecast for a list of 250 speakers (target: well under one frame, 16 ms).

use std::hint::black_box;
use std::time::Duration;

use chrono::DateTime;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use plenary::journal::{self, Entry, FORMAT_VERSION, Record};
use plenary::meeting::ron_text::to_ron;
use plenary::meeting::{Action, Command, Millis, RawSpeaker, Session, Source, Sources, Stamp};

fn start() -> Stamp {
    Stamp::synthetic(
        DateTime::parse_from_rfc3339("2025-11-25T10:00:00-05:00")
            .expect("time")
            .to_utc(),
    )
}

/// Tuesday morning begun, the first speaker's clock running.
fn tuesday(sources: &Sources) -> (Session, Stamp) {
    let mut session = Session::from_sources(sources).expect("valid");
    let mut now = start();
    for action in [Action::begin_meeting("tue-am"), Action::Start] {
        session
            .apply(&Command::new(Source::Test, action), now)
            .expect("applies");
        now = now.plus(Millis::from_secs(1));
    }
    (session, now)
}

/// A pause, resume, extension cycle: commands a chair sends all day.
fn cycle(i: usize) -> Action {
    match i % 3 {
        0 => Action::Pause,
        1 => Action::Resume,
        _ => Action::Extend { seconds: 1 },
    }
}

/// The commands of a journal: what a chair does during a speech, over and over. (Extensions
/// would pile up on one speech without end, which no day does, and a checkpoint holds them.)
fn chair(i: usize) -> Action {
    match i % 4 {
        0 => Action::Pause,
        1 => Action::Resume,
        2 => Action::Message {
            text: "Please conclude your statement".into(),
        },
        _ => Action::ClearMessage,
    }
}

fn apply(c: &mut Criterion) {
    let sources = Sources::seed().expect("seed");
    let (session, now) = tuesday(&sources);
    let mut group = c.benchmark_group("apply");
    group.throughput(Throughput::Elements(300));
    group.bench_function("300 commands (pause, resume, extend)", |b| {
        b.iter_batched(
            || session.clone(),
            |mut session| {
                let mut at = now;
                for i in 0..300 {
                    at = at.plus(Millis(700));
                    let _ = black_box(session.apply(&Command::new(Source::Console, cycle(i)), at));
                }
                session
            },
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

/// A journal of `n` accepted commands, as written to disk: with a checkpoint every
/// [`journal::CHECKPOINT_EVERY`] commands as the host writes them (`checkpoints`), or
/// without, as journals before format 4 were.
fn journal_bytes(n: usize, checkpoints: bool) -> Vec<u8> {
    let sources = Sources::seed().expect("seed");
    let mut session = Session::from_sources(&sources).expect("valid");
    let mut at = start();
    // Sealed into the hash chain, as `Journal` writes them.
    let mut chain = journal::Chain::new(true);
    let mut text = chain.seal(
        &to_ron(&Record::Opened {
            version: FORMAT_VERSION,
            at,
            sources,
        })
        .expect("ron"),
    );
    text.push('\n');
    let actions = [Action::begin_meeting("tue-am"), Action::Start]
        .into_iter()
        .chain((0..).map(chair))
        .take(n);
    for (seq, action) in (1..).zip(actions) {
        at = at.plus(Millis(700));
        let command = Command::new(Source::Console, action);
        let events = session.apply(&command, at).expect("applies");
        let line = to_ron(&Record::Accepted(Entry {
            seq,
            at,
            command,
            events,
        }))
        .expect("ron");
        text.push_str(&chain.seal(&line));
        text.push('\n');
        if checkpoints && seq % journal::CHECKPOINT_EVERY == 0 {
            let checkpoint = to_ron(&Record::Checkpoint {
                at,
                next_seq: seq + 1,
                session: session.state(),
            })
            .expect("ron");
            text.push_str(&chain.seal(&checkpoint));
            text.push('\n');
        }
    }
    text.into_bytes()
}

fn replay(c: &mut Criterion) {
    let bytes = journal_bytes(100_000, false);
    let checkpointed = journal_bytes(100_000, true);
    let mut group = c.benchmark_group("replay");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(100_000));
    // What a restart does: the hash chain of every line verified, the last checkpoint read,
    // the commands after it replayed.
    group.bench_function(
        "a restart: 100 000 commands, resumed from the last checkpoint",
        |b| {
            b.iter(|| {
                let replayed = journal::resume(black_box(&checkpointed), "bench").expect("resumes");
                assert_eq!(replayed.cursor.next_seq, 100_001);
                replayed
            });
        },
    );
    // The same from the file, as the host opens it: read, resumed, the lines kept for
    // followers.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("bench.journal");
    std::fs::write(&path, &checkpointed).expect("write");
    group.bench_function("a restart: the same journal opened from its file", |b| {
        b.iter(|| journal::Journal::open(black_box(&path)).expect("opens"));
    });
    // Every command applied and checked, every checkpoint compared: the report and
    // `plenary verify`.
    group.bench_function("100 000 commands with checkpoints, replayed whole", |b| {
        b.iter(|| {
            let replayed = journal::replay(black_box(&checkpointed), "bench").expect("replays");
            assert_eq!(replayed.entries.len(), 100_000);
            replayed
        });
    });
    group.bench_function("100 000 commands", |b| {
        b.iter(|| {
            let replayed = journal::replay(black_box(&bytes), "bench").expect("replays");
            assert_eq!(replayed.entries.len(), 100_000);
            replayed
        });
    });
    // What one append adds for the hash chain: sealing one line of the journal.
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    let line = text
        .lines()
        .nth(1)
        .and_then(|l| {
            l.rsplit_once(journal::CHAIN_MARK)
                .map(|(r, _)| r.to_string())
        })
        .expect("a record");
    group.bench_function("sealing one line into the hash chain", |b| {
        let mut chain = journal::Chain::new(true);
        b.iter(|| chain.seal(black_box(&line)));
    });
    // What the replay spends on reading RON alone.
    group.bench_function("100 000 commands, parsing the lines only", |b| {
        b.iter(|| {
            text.lines()
                .skip(1)
                .map(|line| {
                    line.rsplit_once(journal::CHAIN_MARK)
                        .map_or(line, |(r, _)| r)
                })
                .map(|line| plenary::meeting::ron_text::parse_ron::<Record>(line, "bench").is_ok())
                .filter(|ok| *ok)
                .count()
        });
    });
    group.finish();
}

fn forecast(c: &mut Criterion) {
    let mut sources = Sources::seed().expect("seed");
    let kinds = ["individual", "observer"];
    for i in 0..240 {
        sources.speakers.push(RawSpeaker {
            meeting: Some("tue-am".into()),
            delegation: Some("Chile".into()),
            name: format!("Speaker {i}"),
            kind: kinds[i % 2].into(),
            ..RawSpeaker::default()
        });
    }
    let (session, now) = tuesday(&sources);
    assert!(session.queue().len() >= 250, "{}", session.queue().len());
    c.bench_function("forecast, 250 speakers waiting", |b| {
        b.iter(|| black_box(session.forecast(black_box(&now))));
    });
}

/// `plenary check` on a list of 200 000 speakers: validated, placed, sorted into the
/// precedence order and listed (the bound: under a second).
fn check(c: &mut Criterion) {
    let mut sources = Sources::seed().expect("seed");
    let kinds = ["individual", "observer", "group"];
    let meetings = ["mon-am", "tue-am", "tue-pm"];
    for i in 0..200_000 {
        sources.speakers.push(RawSpeaker {
            meeting: Some(meetings[i % 3].into()),
            delegation: Some(["Chile", "Holy See", "Iceland"][i % 3].into()),
            name: format!("Speaker {i}"),
            kind: kinds[i % 3].into(),
            on_behalf_of: (i % 3 == 2).then(|| "the Nordic countries".into()),
            ..RawSpeaker::default()
        });
    }
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements(200_000));
    group.bench_function("200 000 speakers", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(32 << 20);
            plenary::cli::check_listing(black_box(&sources), &mut out).expect("valid");
            black_box(out)
        });
    });
    group.finish();
}

criterion_group!(benches, apply, replay, forecast, check);
criterion_main!(benches);
