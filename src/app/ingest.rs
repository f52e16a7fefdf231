//! The ingest system: each frame it copies the session the host published into the
//! `Snapshot` resource, and the answers to the console's and the keys' commands into
//! `Feedback`. The only writer of what the views read. The host runs on its own thread
//! ([`HostThread`]): a command never waits for a frame.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use crossbeam_channel::{Receiver, TryRecvError};

use super::Frame;
use crate::host::{Clock, HostThread, Inbox, Outcome, Published, Refusal, fresh_id};
use crate::meeting::undo::compensation;
use crate::meeting::{Action, Command, Event, Session, Source, Stamp};
use crate::net::replica::Replica;
use bevy::prelude::*;

/// The host's thread, owned by the app (dropping it with the app stops the host after the
/// command it is applying), and what the host publishes.
#[derive(Resource)]
pub struct HostLink {
    pub published: Published,
    thread: HostThread,
}

/// The console's alarm if the host's thread has ended while the app runs (it never should).
const HOST_STOPPED: &str = "the host stopped: no command is applied or journaled any more. \
    Restart plenary; the journal keeps everything accepted so far";

impl HostLink {
    /// The host, running on `thread`.
    pub fn new(published: Published, thread: HostThread) -> Self {
        HostLink { published, thread }
    }
}

/// The app's way into the host: the console and the keys send commands through it, and the
/// ingest system reads their answers, in the order sent.
#[derive(Resource, Clone)]
pub struct HostInbox {
    inbox: Inbox,
    waiting: Arc<Mutex<VecDeque<Answer>>>,
}

/// A command's answer: still to come, or come.
enum Answer {
    Coming(Receiver<Outcome>),
    Come(Outcome),
}

impl HostInbox {
    pub fn new(inbox: Inbox) -> Self {
        HostInbox {
            inbox,
            waiting: Arc::default(),
        }
    }

    /// Sends `action` from `source` (with a fresh id); its answer comes back to the console
    /// through the ingest system.
    pub fn send(&self, source: Source, action: Action) {
        let command = Command::new(source, action).with_id(fresh_id(source));
        // A closed channel means the app is ending.
        if let Some(answer) = self.inbox.ask(command) {
            self.queue().push_back(Answer::Coming(answer));
        }
    }

    /// The answers that came back, in the order the commands were sent (up to the first
    /// still being applied).
    fn answered(&self) -> Vec<Outcome> {
        let mut waiting = self.queue();
        let mut answers = Vec::new();
        while let Some(first) = waiting.pop_front() {
            match first {
                Answer::Come(outcome) => answers.push(outcome),
                Answer::Coming(answer) => match answer.try_recv() {
                    Ok(outcome) => answers.push(outcome),
                    Err(TryRecvError::Empty) => {
                        waiting.push_front(Answer::Coming(answer));
                        break;
                    }
                    // The host is gone: no answer will come.
                    Err(TryRecvError::Disconnected) => {}
                },
            }
        }
        answers
    }

    /// Waits until every command sent so far is answered (the tour, and tests: what was
    /// sent is then shown by the next update).
    pub fn settle(&self) {
        for answer in self.queue().iter_mut() {
            if let Answer::Coming(coming) = answer
                && let Ok(outcome) = coming.recv()
            {
                *answer = Answer::Come(outcome);
            }
        }
    }

    /// Waits for every command sent so far to be answered and gives the answers to
    /// `feedback`: an undo must know the answer to the last command before it undoes "the
    /// last command" (a Ctrl+Z pressed a millisecond after Ctrl+E undoes the extension).
    pub fn catch_up(&self, feedback: &mut Feedback) {
        self.settle();
        for outcome in &self.answered() {
            feedback.take(outcome);
        }
    }

    fn queue(&self) -> std::sync::MutexGuard<'_, VecDeque<Answer>> {
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What the views show: the latest session, and the journal's health.
#[derive(Resource)]
pub struct Snapshot {
    pub session: Arc<Session>,
    pub generation: u64,
    /// The journal sequence number the session stands at.
    pub seq: u64,
    /// The journal failed to record the last command: the console's alarm.
    pub journal_alarm: Option<String>,
    pub journal_name: String,
    /// On a follower whose link to the control node is down: the discreet marker's text.
    pub link: Option<String>,
}

/// What the console tells the chair about the last command from the console or the keyboard.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Accepted and journaled.
    Done(Action),
    /// Refused by the session, or not journaled.
    Refused(Refusal),
    /// Undo was asked with nothing it can undo.
    CannotUndo(String),
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Done(action) => f.write_str(&crate::view::action_words(action)),
            Notice::Refused(refusal) => write!(f, "{refusal}"),
            Notice::CannotUndo(reason) => f.write_str(reason),
        }
    }
}

/// The outcome of the last command from the console or the keyboard, for the console.
#[derive(Resource, Default)]
pub struct Feedback {
    pub last: Option<Notice>,
    /// The last command accepted from the console or keyboard, and its events: what Undo undoes.
    pub undoable: Option<(Action, Vec<Event>)>,
    /// A console command refused in a way the chair may override (a third reply): the reason,
    /// and the same command with the override. The console asks once.
    pub may_override: Option<(String, Action)>,
}

impl Feedback {
    /// The compensating command for the last accepted one, or why there is none.
    pub fn undo(&self) -> Result<Action, String> {
        match &self.undoable {
            Some((action, events)) => compensation(action, events),
            None => Err("there is nothing to undo".into()),
        }
    }
}

/// The clock the host stamps commands with; views read the time from it too.
#[derive(Resource, Clone)]
pub struct Now(pub Arc<dyn Clock>);

impl Now {
    pub fn stamp(&self) -> Stamp {
        self.0.now()
    }
}

/// The ingest plugin; the app inserts the [`HostLink`] and the [`HostInbox`] first.
pub(super) fn plugin(app: &mut App, clock: Arc<dyn Clock>, journal_name: String) {
    let latest = app.world().resource::<HostLink>().published.latest();
    let snapshot = Snapshot {
        session: latest.session,
        generation: 0,
        seq: latest.seq,
        journal_alarm: latest.journal_alarm,
        journal_name,
        link: None,
    };
    app.insert_resource(snapshot);
    app.insert_resource(Now(clock));
    app.init_resource::<Feedback>();
    app.add_systems(Update, ingest.in_set(Frame::Ingest));
}

fn ingest(
    link: Res<HostLink>,
    inbox: Res<HostInbox>,
    mut snapshot: ResMut<Snapshot>,
    mut feedback: ResMut<Feedback>,
) {
    for outcome in &inbox.answered() {
        feedback.take(outcome);
    }
    let latest = link.published.latest();
    let alarm = if link.thread.is_running() {
        latest.journal_alarm
    } else {
        Some(HOST_STOPPED.to_string())
    };
    if !Arc::ptr_eq(&latest.session, &snapshot.session) || alarm != snapshot.journal_alarm {
        snapshot.session = latest.session;
        snapshot.generation += 1;
        snapshot.seq = latest.seq;
        snapshot.journal_alarm = alarm;
    }
}

impl Feedback {
    /// Takes in the answer to a command from the console or the keyboard.
    fn take(&mut self, outcome: &Outcome) {
        if let Ok((_, events)) = &outcome.result {
            self.undoable = Some((outcome.command.action.clone(), events.clone()));
        }
        if let Err(Refusal::Rejected(rejection)) = &outcome.result
            && rejection.overridable()
            && let Some(overridden) = outcome.command.action.overridden()
        {
            self.may_override = Some((rejection.to_string(), overridden));
        }
        self.last = Some(match &outcome.result {
            Ok(_) => Notice::Done(outcome.command.action.clone()),
            Err(refusal) => Notice::Refused(refusal.clone()),
        });
    }
}

/// A follower's copy of the control node's session (`plenary display --follow`), and the
/// first session it received.
#[derive(Resource)]
pub struct Following(pub Replica, pub Arc<Session>);

/// The ingest plugin of a follower: the replica instead of a host. The app inserts
/// [`Following`] first, once the replica has a session.
pub(super) fn replica_plugin(app: &mut App) {
    let Following(replica, first) = app.world().resource::<Following>();
    let now = Now(replica.clock());
    let snapshot = Snapshot {
        session: Arc::clone(first),
        generation: 0,
        seq: replica.seen().seq,
        journal_alarm: None,
        journal_name: String::new(),
        link: None,
    };
    app.insert_resource(snapshot);
    app.insert_resource(now);
    app.init_resource::<Feedback>();
    app.add_systems(Update, copy_replica.in_set(Frame::Ingest));
}

fn copy_replica(following: Res<Following>, mut snapshot: ResMut<Snapshot>) {
    let seen = following.0.seen();
    if seen.generation != snapshot.generation
        && let Some(session) = seen.session
    {
        snapshot.session = session;
        snapshot.generation = seen.generation;
        snapshot.seq = seen.seq;
    }
    let link = seen.link.marker();
    if link != snapshot.link {
        snapshot.link = link;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::MemorySink;

    /// The ingest plugin in a bare app (no window, no renderer), the host on its thread.
    fn app() -> (App, Sent, MemorySink) {
        let (host, inbox, sink, clock) = crate::host::memory_host();
        let published = host.published();
        let thread = HostThread::start(host, Arc::new(|| {})).expect("thread");
        let mut app = App::new();
        app.add_plugins(MinimalPlugins);
        app.configure_sets(Update, (Frame::Ingest, Frame::Present).chain());
        app.insert_resource(HostLink::new(published, thread));
        let inbox = HostInbox::new(inbox);
        app.insert_resource(inbox.clone());
        app.add_plugins(move |app: &mut App| plugin(app, clock.clone(), "memory".into()));
        (app, Sent(inbox), sink)
    }

    /// Sends as the console does, and waits for the answer: the next update shows it.
    struct Sent(HostInbox);

    impl Sent {
        fn send(&self, source: Source, action: Action) {
            self.0.send(source, action);
            self.0.settle();
        }
    }

    #[test]
    fn a_command_from_the_channel_is_applied_journaled_and_shown_in_the_same_update() {
        let (mut app, inbox, sink) = app();
        inbox.send(Source::Console, Action::Start);
        app.update();
        let snapshot = app.world().resource::<Snapshot>();
        assert_eq!(snapshot.generation, 1);
        assert!(snapshot.session.floor().expect("floor").clock.is_running());
        assert_eq!(sink.lines().len(), 1);
        assert!(sink.lines()[0].contains("source:Console"));
        assert!(matches!(
            app.world().resource::<Feedback>().last,
            Some(Notice::Done(_))
        ));
    }

    #[test]
    fn undo_sends_the_compensating_command() {
        let (mut app, inbox, sink) = app();
        assert_eq!(
            app.world().resource::<Feedback>().undo(),
            Err("there is nothing to undo".into())
        );
        inbox.send(Source::Console, Action::Start);
        app.update();
        let undo = app.world().resource::<Feedback>().undo();
        assert_eq!(undo, Ok(Action::ResetClock));
        inbox.send(Source::Console, Action::ResetClock);
        app.update();
        let snapshot = app.world().resource::<Snapshot>();
        assert!(!snapshot.session.floor().expect("floor").clock.is_started());
        assert_eq!(
            sink.lines().len(),
            2,
            "the undo is journaled like any command"
        );
    }

    #[test]
    fn an_undo_asked_before_the_last_answer_came_undoes_that_command() {
        let (mut app, inbox, _sink) = app();
        let statements = Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        };
        inbox.send(Source::Console, statements);
        inbox.send(Source::Console, Action::Start);
        app.update();
        // An extension, and at once an undo: no frame has taken the extension's answer in.
        inbox
            .0
            .send(Source::Keyboard, Action::Extend { seconds: 30 });
        let mut feedback = app.world_mut().resource_mut::<Feedback>();
        inbox.0.catch_up(&mut feedback);
        assert_eq!(feedback.undo(), Ok(Action::Extend { seconds: -30 }));
    }

    #[test]
    fn a_host_that_stopped_raises_the_alarm() {
        let (host, inbox, _sink, clock) = crate::host::memory_host();
        let published = host.published();
        // With its only sender gone, the host's thread ends at once.
        drop(inbox);
        let thread = HostThread::start(host, Arc::new(|| {})).expect("thread");
        let mut app = App::new();
        app.add_plugins(MinimalPlugins);
        app.configure_sets(Update, (Frame::Ingest, Frame::Present).chain());
        app.insert_resource(HostLink::new(published, thread));
        app.insert_resource(HostInbox::new(Inbox::channel().0));
        app.add_plugins(move |app: &mut App| plugin(app, clock.clone(), "memory".into()));
        let alarm = (0..500).find_map(|_| {
            app.update();
            std::thread::sleep(std::time::Duration::from_millis(10));
            app.world().resource::<Snapshot>().journal_alarm.clone()
        });
        assert_eq!(alarm.as_deref(), Some(HOST_STOPPED));
    }

    #[test]
    fn a_rejection_reaches_the_console() {
        let (mut app, inbox, sink) = app();
        inbox.send(Source::Keyboard, Action::Pause);
        app.update();
        let feedback = &app.world().resource::<Feedback>().last;
        assert!(matches!(feedback, Some(Notice::Refused(_))));
        assert_eq!(
            feedback.as_ref().map(ToString::to_string),
            Some("no one has the floor".to_string())
        );
        assert_eq!(app.world().resource::<Snapshot>().generation, 0);
        assert!(sink.lines().is_empty());
    }

    #[test]
    fn a_refusal_the_chair_may_override_is_offered_once_with_the_override() {
        let (mut app, inbox, sink) = app();
        let reply = Action::InscribeReply {
            delegation: "Cuba".into(),
            meeting: None,
            overriding: false,
        };
        for _ in 0..3 {
            inbox.send(Source::Console, reply.clone());
            app.update();
        }
        assert_eq!(sink.lines().len(), 2, "the third is refused, not journaled");
        let offer = app
            .world_mut()
            .resource_mut::<Feedback>()
            .may_override
            .take();
        let (reason, action) = offer.expect("an override offered");
        assert!(
            reason.contains("a third needs the President's leave"),
            "{reason}"
        );
        assert_eq!(action, reply.overridden().expect("an override"));
        // Refusals that cannot be overridden offer nothing.
        inbox.send(Source::Console, Action::Pause);
        app.update();
        assert!(app.world().resource::<Feedback>().may_override.is_none());
        inbox.send(Source::Console, action);
        app.update();
        assert_eq!(sink.lines().len(), 3);
        assert!(sink.lines()[2].contains("overriding:true"));
    }

    #[test]
    fn a_journal_failure_raises_the_alarm_and_applies_nothing() {
        let (mut app, inbox, sink) = app();
        sink.fail(true);
        inbox.send(Source::Console, Action::Start);
        app.update();
        let snapshot = app.world().resource::<Snapshot>();
        assert!(
            snapshot
                .journal_alarm
                .as_deref()
                .expect("alarm")
                .contains("No space left on device")
        );
        assert!(snapshot.session.floor().is_none());
        let feedback = app.world().resource::<Feedback>().last.clone();
        assert!(
            matches!(&feedback, Some(n @ Notice::Refused(_)) if n.to_string().starts_with("not applied"))
        );
        // Once the journal writes again, the alarm goes.
        sink.fail(false);
        inbox.send(Source::Console, Action::Start);
        app.update();
        assert_eq!(app.world().resource::<Snapshot>().journal_alarm, None);
    }
}
