//! Tests of the host: the one path of a command, journal failures, retries, start-up.

use super::*;

use crate::journal::MemorySink;
use crate::meeting::{Millis, Rejection, Stamp};

fn host() -> (Host, Inbox, MemorySink) {
    let (host, inbox, sink, _) = memory_host();
    (host, inbox, sink)
}

#[test]
fn commands_from_the_channel_are_applied_journaled_and_published_in_one_drain() {
    let (mut host, tx, sink) = host();
    let published = host.published();
    assert!(
        tx.ask(Command::new(Source::Console, Action::Start))
            .is_some()
    );
    let reply_rx = tx
        .ask(Command::new(Source::Api, Action::Pause))
        .expect("send");
    let outcomes = host.drain();
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes.iter().all(|o| o.result.is_ok()));
    assert_eq!(sink.lines().len(), 2);
    assert!(sink.lines()[1].contains("source:Api"));
    assert_eq!(host.generation(), 2);
    assert!(published.get().floor().expect("floor").clock.is_paused());
    assert_eq!(
        reply_rx
            .try_recv()
            .expect("answered")
            .result
            .map(|(seq, _)| seq),
        Ok(2)
    );
}

/// The slow parts of a command that nobody waits for — copying the session for the next
/// command, freeing the one it replaced — come after its answer; a command applied to the
/// copy made in advance gives what one applied to a fresh copy gives.
#[test]
fn a_command_is_answered_before_its_old_session_is_freed_and_applies_to_a_copy_made_in_advance() {
    let (mut host, tx, sink) = host();
    let (mut fresh, ..) = memory_host();
    for action in [
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
        Action::Start,
        Action::Pause,
        Action::Resume,
        Action::Extend { seconds: 30 },
    ] {
        let before = std::sync::Arc::downgrade(&host.published().get());
        let (seen_tx, seen) = std::sync::mpsc::channel();
        assert!(
            tx.ask_then(Command::new(Source::Api, action.clone()), move |outcome| {
                let _ = seen_tx.send((outcome, before.upgrade().is_some()));
            })
        );
        let handled = host.drain();
        let (outcome, old_alive) = seen.try_recv().expect("answered");
        assert!(outcome.result.is_ok(), "{action:?}: {outcome:?}");
        assert!(
            old_alive,
            "{action:?}: the session it replaced was freed before the answer"
        );
        assert_eq!(handled, vec![outcome]);
        // The same command on a host that copies afresh: the same session.
        fresh.execute(Command::new(Source::Api, action));
        assert_eq!(*host.session(), *fresh.session());
    }
    // A retry answered again, a refusal, then a command: still the session a fresh copy
    // gives.
    let retried = || Command::new(Source::Api, Action::Extend { seconds: 15 }).with_id("x-1");
    for command in [
        retried(),
        retried(),
        Command::new(Source::Api, Action::Resume),
        Command::new(Source::Api, Action::Pause),
    ] {
        tx.ask_then(command.clone(), |_| {});
        host.drain();
        fresh.execute(command);
        assert_eq!(*host.session(), *fresh.session());
    }
    assert_eq!(sink.lines().len(), 7);
}

#[test]
fn a_retried_command_id_is_applied_once_and_gets_the_first_answer() {
    let (mut host, _, sink) = host();
    let extend = || Command::new(Source::Api, Action::Extend { seconds: 30 }).with_id("press-17");
    host.execute(Command::new(
        Source::Api,
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
    ));
    host.execute(Command::new(Source::Api, Action::Start));
    let first = host.execute(extend());
    let again = host.execute(extend());
    assert_eq!(first.result, again.result);
    assert!(first.result.is_ok());
    assert_eq!(sink.lines().len(), 3, "applied and journaled once");
    assert_eq!(host.published().answer("press-17"), Some(first.result));
    assert_eq!(host.published().answer("never-sent"), None);
}

#[test]
fn a_rejection_reaches_its_sender_and_changes_nothing() {
    let (mut host, tx, sink) = host();
    let reply_rx = tx
        .ask(Command::new(Source::Console, Action::Pause))
        .expect("send");
    host.drain();
    let outcome = reply_rx.try_recv().expect("answered");
    assert_eq!(outcome.result, Err(Refusal::Rejected(Rejection::NoFloor)));
    assert!(sink.lines().is_empty());
    assert_eq!(host.generation(), 0);
}

#[test]
fn a_first_start_cut_at_any_byte_of_the_opening_record_starts_cleanly() {
    let dir = tempfile::tempdir().expect("dir");
    let sources = Sources::seed().expect("seed");
    let start = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
    let whole = dir.path().join("whole.journal");
    drop(Journal::create(&whole, &sources, start).expect("created"));
    let opening = std::fs::read(&whole).expect("read");
    let path = dir.path().join("cut.journal");
    // Every cut short of the end of line; a stride keeps the test quick on a 10 KB record.
    let cuts = (0..opening.len() - 1)
        .step_by(37)
        .chain([opening.len() - 2]);
    for cut in cuts {
        std::fs::write(&path, &opening[..cut]).expect("write");
        let (_inbox, rx) = Inbox::channel();
        let clock = Arc::new(ManualClock::new(start));
        let (host, startup) = Host::open(&path, &sources, false, RestartPolicy::Pause, clock, rx)
            .unwrap_or_else(|e| panic!("cut at {cut}: {e}"));
        assert!(startup.created && startup.replaced_empty, "cut at {cut}");
        assert_eq!(host.seq(), 0);
        drop(host);
        assert_eq!(std::fs::read(&path).expect("read").len(), opening.len());
        std::fs::remove_file(&path).expect("remove");
    }
}

#[test]
fn a_file_that_is_not_a_journal_is_never_replaced() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "agenda for tomorrow").expect("write");
    let (_inbox, rx) = Inbox::channel();
    let clock = Arc::new(ManualClock::new(Stamp::synthetic(
        chrono::DateTime::UNIX_EPOCH,
    )));
    let sources = Sources::seed().expect("seed");
    assert!(Host::open(&path, &sources, false, RestartPolicy::Pause, clock, rx).is_err());
    assert_eq!(
        std::fs::read_to_string(&path).expect("still there"),
        "agenda for tomorrow"
    );
}

#[test]
fn a_journal_failure_applies_nothing_and_raises_the_alarm_until_a_write_succeeds() {
    let (mut host, _, sink) = host();
    sink.fail(true);
    let before = host.session().clone();
    let outcome = host.execute(Command::new(Source::Console, Action::Start));
    assert!(
        matches!(outcome.result, Err(Refusal::NotJournaled(ref m)) if m.contains("No space left"))
    );
    assert_eq!(
        **host.session(),
        *before,
        "nothing the journal did not record is applied"
    );
    assert!(
        host.journal_alarm()
            .expect("alarm")
            .contains("No space left on device")
    );
    sink.fail(false);
    assert!(
        host.execute(Command::new(Source::Console, Action::Start))
            .result
            .is_ok()
    );
    assert_eq!(host.journal_alarm(), None);
    assert_eq!(sink.lines().len(), 1);
    assert!(host.session().floor().is_some());
}

/// A host on a journal file in `dir`, at `clock`.
fn host_on(path: &Path, clock: &Arc<ManualClock>) -> (Host, Startup, Inbox) {
    let (inbox, rx) = Inbox::channel();
    let sources = Sources::seed().expect("seed");
    let (host, startup) = Host::open(
        path,
        &sources,
        false,
        RestartPolicy::Continue,
        Arc::clone(clock) as Arc<dyn Clock>,
        rx,
    )
    .expect("opens");
    (host, startup, inbox)
}

#[test]
fn a_restart_resumes_from_the_last_checkpoint_and_still_answers_retries_from_before_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("long.journal");
    let clock = Arc::new(ManualClock::new(Stamp::synthetic(
        chrono::DateTime::UNIX_EPOCH,
    )));
    let (mut host, _, inbox) = host_on(&path, &clock);
    let every = crate::journal::CHECKPOINT_EVERY;
    let begin = Action::BeginSegment {
        segment: "statements".into(),
        waiting: None,
    };
    let actions = [begin, Action::Start]
        .into_iter()
        .chain([Action::Pause, Action::Resume].into_iter().cycle());
    let total = 2 * every + 10;
    let mut answers = Vec::new();
    for (i, action) in actions.take(total as usize).enumerate() {
        clock.advance(Millis(250));
        let command = Command::new(Source::Api, action).with_id(format!("press-{i}"));
        let reply = inbox.ask(command).expect("sent");
        host.drain();
        answers.push(reply.try_recv().expect("answered").result);
    }
    let session = Session::clone(host.session());
    drop(host);
    let text = std::fs::read_to_string(&path).expect("journal");
    let checkpoints: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("Checkpoint("))
        .map(|(i, _)| i + 1)
        .collect();
    // After the opening line and every thousandth command.
    let at = |n: u64| usize::try_from(n).expect("small") + 2;
    assert_eq!(checkpoints, [at(every), at(2 * every) + 1]);

    let (mut host, startup, _inbox) = host_on(&path, &clock);
    assert_eq!(startup.checkpoint, Some(checkpoints[1]));
    assert_eq!(
        startup.replayed, 10,
        "only the commands after the checkpoint"
    );
    assert_eq!(**host.session(), session);
    // The full replay checks both checkpoints against the commands and agrees.
    let full = crate::journal::read(&path).expect("replays whole");
    assert_eq!(full.session, session);
    assert_eq!(full.entries.len() as u64, total);
    // A retry of the command just before the last checkpoint: its first answer, not applied.
    let before = std::fs::metadata(&path).expect("meta").len();
    let last_before = usize::try_from(2 * every - 1).expect("small");
    let retry = Command::new(Source::Api, Action::Resume).with_id(format!("press-{last_before}"));
    assert_eq!(host.execute(retry).result, answers[last_before]);
    assert_eq!(std::fs::metadata(&path).expect("meta").len(), before);
}
