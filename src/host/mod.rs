//! The host: owns the session and the journal, takes commands from the one channel, applies
//! each, journals it, and only then publishes the new session. The windowed app, headless
//! mode and the tests all drive this one implementation of "a command arrives".

mod audience;
mod clock;
mod desk;
mod inbox;
mod thread;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crossbeam_channel::Receiver;

use crate::journal::{Journal, JournalError, TornTail, Transcript};
use crate::meeting::{Action, Command, Event, Session, Source, Sources};

pub use audience::{Audience, Seat, Viewer};
pub use clock::{Clock, FastClock, ManualClock, SystemClock};
pub use desk::Desk;
pub use inbox::{Envelope, Inbox, MAX_ID_LEN, Outcome, Refusal, Reply, Waker, fresh_id, valid_id};
pub use thread::HostThread;

/// What readers on other threads see: the latest session, the journal sequence number it
/// stands at, and the journal's health.
#[derive(Clone)]
pub struct Latest {
    pub session: Arc<Session>,
    /// The sequence number of the last command journaled (0: none yet).
    pub seq: u64,
    /// The journal failed to record the last command.
    pub journal_alarm: Option<String>,
}

/// Called after each publication (the network layer wakes its clients with it).
pub type Listener = Box<dyn Fn() + Send + Sync>;

struct Board {
    latest: Mutex<Latest>,
    listeners: Mutex<Vec<Listener>>,
    transcript: Transcript,
    answered: Mutex<Answered>,
    /// Who is watching (the server's browser views and followers).
    audience: Audience,
}

/// How many commands' answers are kept by id, for retries and `GET /api/v1/commands/ID`.
pub const ANSWERS_KEPT: usize = 4096;

/// The answers to the last [`ANSWERS_KEPT`] commands that carried an id.
#[derive(Default)]
struct Answered {
    by_id: std::collections::HashMap<String, Result<(u64, Vec<Event>), Refusal>>,
    order: std::collections::VecDeque<String>,
}

impl Answered {
    fn remember(&mut self, id: String, result: Result<(u64, Vec<Event>), Refusal>) {
        if self.by_id.insert(id.clone(), result).is_none() {
            self.order.push_back(id);
            if self.order.len() > ANSWERS_KEPT
                && let Some(oldest) = self.order.pop_front()
            {
                self.by_id.remove(&oldest);
            }
        }
    }
}

/// The latest published session, shared with readers on other threads.
#[derive(Clone)]
pub struct Published(Arc<Board>);

impl Published {
    fn new(latest: Latest, transcript: Transcript) -> Self {
        Published(Arc::new(Board {
            latest: Mutex::new(latest),
            listeners: Mutex::new(Vec::new()),
            transcript,
            answered: Mutex::new(Answered::default()),
            audience: Audience::default(),
        }))
    }

    /// The displays connected to the server, with what they measured.
    pub fn audience(&self) -> &Audience {
        &self.0.audience
    }

    /// The latest session.
    pub fn get(&self) -> Arc<Session> {
        Arc::clone(&self.latest().session)
    }

    /// The latest session with its sequence number and the journal's health.
    pub fn latest(&self) -> Latest {
        self.0
            .latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The journal's lines: what remote displays replicate the session from.
    pub fn transcript(&self) -> &Transcript {
        &self.0.transcript
    }

    /// The answer given to the command with sender's id `id`, if it is among the last
    /// [`ANSWERS_KEPT`] (accepted commands are found again after a restart, from the journal).
    pub fn answer(&self, id: &str) -> Option<Result<(u64, Vec<Event>), Refusal>> {
        self.0
            .answered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .by_id
            .get(id)
            .cloned()
    }

    fn remember(&self, id: &str, result: &Result<(u64, Vec<Event>), Refusal>) {
        self.0
            .answered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remember(id.to_string(), result.clone());
    }

    /// Calls `listener` after every publication from now on.
    pub fn subscribe(&self, listener: Listener) {
        self.0
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(listener);
    }

    /// Publishes `latest` and calls the listeners; returns what was published before, for the
    /// caller to drop when nobody waits on it (freeing a whole session takes as long as
    /// copying one).
    fn set(&self, latest: Latest) -> Latest {
        let previous = std::mem::replace(
            &mut *self.0.latest.lock().unwrap_or_else(PoisonError::into_inner),
            latest,
        );
        for listener in self
            .0
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            listener();
        }
        previous
    }
}

/// What happened to a running speech when the program restarted on its journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestartPolicy {
    /// The speech kept counting by the wall clock while the program was down.
    Continue,
    /// The speech is paused at the moment of restart; the chair resumes it.
    Pause,
}

impl std::str::FromStr for RestartPolicy {
    type Err = String;

    /// `continue` or `pause`, as the command line says them.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "continue" => Ok(RestartPolicy::Continue),
            "pause" => Ok(RestartPolicy::Pause),
            other => Err(format!(
                "`{other}` is not a restart policy: say continue or pause"
            )),
        }
    }
}

/// How the host started: what it found in the journal.
#[derive(Clone, Debug)]
pub struct Startup {
    /// The journal was created (true) or resumed (false).
    pub created: bool,
    /// An empty journal (a start cut off before its first record) was found and replaced.
    pub replaced_empty: bool,
    /// Commands replayed from the journal (after its last checkpoint).
    pub replayed: usize,
    /// The line of the checkpoint the journal was resumed from, if it has one.
    pub checkpoint: Option<usize>,
    /// A torn last line that was set aside.
    pub torn: Option<TornTail>,
    /// What the restart policy did, if a speech was running.
    pub restart: Option<String>,
}

/// Owns the session and its journal.
pub struct Host {
    session: Arc<Session>,
    journal: Journal,
    clock: Arc<dyn Clock>,
    commands: Receiver<Envelope>,
    published: Published,
    generation: u64,
    seq: u64,
    journal_alarm: Option<String>,
    /// A copy of `session` made while the host had nothing to do, for the next command to be
    /// applied to (the host applies to a copy, so that a journal failure leaves the published
    /// session as it was): the copy is not on the command's path. With the generation it
    /// copies.
    spare: Option<(u64, Session)>,
    /// What was published before the last command, dropped once that command is answered.
    retired: Option<Latest>,
}

impl Host {
    /// A host over a session and its journal, taking commands from `commands`.
    pub fn new(
        session: Session,
        journal: Journal,
        clock: Arc<dyn Clock>,
        commands: Receiver<Envelope>,
    ) -> Host {
        let session = Arc::new(session);
        let seq = journal.next_seq().saturating_sub(1);
        let latest = Latest {
            session: Arc::clone(&session),
            seq,
            journal_alarm: None,
        };
        Host {
            published: Published::new(latest, journal.transcript()),
            session,
            journal,
            clock,
            commands,
            generation: 0,
            seq,
            journal_alarm: None,
            spare: None,
            retired: None,
        }
    }

    /// Opens the journal at `path` (replaying it) or creates it with `sources`, and applies
    /// the restart policy to a speech that was running.
    ///
    /// `explicit`: whether `sources` were named on the command line; then they must match
    /// what an existing journal was opened with.
    pub fn open(
        path: &Path,
        sources: &Sources,
        explicit: bool,
        policy: RestartPolicy,
        clock: Arc<dyn Clock>,
        commands: Receiver<Envelope>,
    ) -> Result<(Host, Startup), HostError> {
        let empty = never_started(path)?;
        if !path.exists() {
            let session =
                Session::from_sources(sources).map_err(|e| HostError::Config(e.to_string()))?;
            let journal = Journal::create(path, sources, clock.now())?;
            let startup = Startup {
                created: true,
                replaced_empty: empty,
                replayed: 0,
                checkpoint: None,
                torn: None,
                restart: None,
            };
            return Ok((Host::new(session, journal, clock, commands), startup));
        }
        let (journal, replayed) = Journal::open(path)?;
        if replayed.sources.rehearsal != sources.rehearsal {
            return Err(HostError::OtherKind {
                path: path.display().to_string(),
                rehearsal: replayed.sources.rehearsal,
            });
        }
        if explicit && &replayed.sources != sources {
            return Err(HostError::OtherProgram(path.display().to_string()));
        }
        let mut host = Host::new(replayed.session.clone(), journal, clock, commands);
        // Retries of commands accepted before the restart still get their first answer.
        for entry in replayed.answered.iter().chain(&replayed.entries) {
            if let Some(id) = &entry.command.id {
                host.published
                    .remember(id, &Ok((entry.seq, entry.events.clone())));
            }
        }
        let running = host
            .session
            .floor()
            .filter(|f| f.clock.is_running())
            .map(|f| f.turn);
        let restart = running.map(|turn| {
            let who = host
                .session
                .turn(turn)
                .map_or_else(|| turn.to_string(), |t| t.who());
            match policy {
                RestartPolicy::Continue => {
                    format!("{who}'s speech kept counting while the program was down")
                }
                RestartPolicy::Pause => match host
                    .execute(Command::new(Source::Restart, Action::Pause))
                    .result
                {
                    Ok(_) => format!("{who}'s speech is paused (restart policy: pause)"),
                    Err(e) => format!("{who}'s speech could not be paused: {e}"),
                },
            }
        });
        let startup = Startup {
            created: false,
            replaced_empty: false,
            replayed: replayed.entries.len(),
            checkpoint: replayed.resumed_from,
            torn: replayed.torn,
            restart,
        };
        Ok((host, startup))
    }

    /// Applies one command: decide, journal, then publish. Nothing is applied that the
    /// journal did not record.
    ///
    /// A command whose id was answered before is not applied again: it gets the first answer.
    /// A journal failure is not remembered, so that a retry tries again.
    fn execute(&mut self, command: Command) -> Outcome {
        if let Some(result) = command
            .id
            .as_deref()
            .and_then(|id| self.published.answer(id))
        {
            return Outcome { command, result };
        }
        let outcome = self.apply(command);
        if let Some(id) = &outcome.command.id
            && !matches!(outcome.result, Err(Refusal::NotJournaled(_)))
        {
            self.published.remember(id, &outcome.result);
        }
        outcome
    }

    fn apply(&mut self, command: Command) -> Outcome {
        let at = self.clock.now();
        let mut next = match self.spare.take() {
            Some((generation, copy)) if generation == self.generation => copy,
            _ => Session::clone(&self.session),
        };
        let result = match next.apply(&command, at) {
            Err(rejection) => Err(Refusal::Rejected(rejection)),
            Ok(events) => match self.journal.append(&command, at, &events) {
                Ok(seq) => {
                    self.session = Arc::new(next);
                    self.generation += 1;
                    self.seq = seq;
                    self.journal_alarm = None;
                    self.publish();
                    Ok((seq, events))
                }
                Err(e) => {
                    let message = e.to_string();
                    self.journal_alarm = Some(message.clone());
                    self.publish();
                    Err(Refusal::NotJournaled(message))
                }
            },
        };
        Outcome { command, result }
    }

    fn publish(&mut self) {
        let previous = self.published.set(Latest {
            session: Arc::clone(&self.session),
            seq: self.seq,
            journal_alarm: self.journal_alarm.clone(),
        });
        self.retired = Some(previous);
    }

    /// Applies everything waiting in the channel, answering each sender; returns the outcomes.
    /// (Tests; the host thread and headless mode use [`Host::wait`].)
    pub fn drain(&mut self) -> Vec<Outcome> {
        let waiting: Vec<Envelope> = self.commands.try_iter().collect();
        waiting
            .into_iter()
            .map(|envelope| self.handle(envelope))
            .collect()
    }

    /// Waits up to `timeout` for a command, then drains. `None`: every sender is gone.
    pub fn wait(&mut self, timeout: Duration) -> Option<Vec<Outcome>> {
        match self.commands.recv_timeout(timeout) {
            Ok(first) => {
                let mut outcomes = vec![self.handle(first)];
                outcomes.extend(self.drain());
                Some(outcomes)
            }
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => Some(Vec::new()),
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => None,
        }
    }

    fn handle(&mut self, envelope: Envelope) -> Outcome {
        let outcome = self.execute(envelope.command);
        if let Some(reply) = envelope.reply {
            reply(outcome.clone());
        }
        // Answered and shown: now the work nobody waits for.
        self.retired = None;
        self.keep_checkpoint();
        // A retry answered again from the answers kept did not touch the copy: it is still
        // the session's.
        if !matches!(&self.spare, Some((generation, _)) if *generation == self.generation) {
            self.spare = Some((self.generation, Session::clone(&self.session)));
        }
        outcome
    }

    /// Writes a checkpoint of the session when one is due, after the command's answer went
    /// out (the commands are journaled already; a checkpoint only shortens a restart). One
    /// that fails is tried again after the next command.
    fn keep_checkpoint(&mut self) {
        if self.journal.checkpoint_due() {
            let _ = self.journal.checkpoint(&self.session);
        }
    }

    /// The current session.
    pub fn session(&self) -> &Arc<Session> {
        &self.session
    }

    /// A handle readers on other threads use to see the latest session.
    pub fn published(&self) -> Published {
        self.published.clone()
    }

    /// Counts accepted commands since start: a change means a new session to show.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The sequence number of the last command journaled (0: none yet).
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The clock commands are stamped with.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The last journal failure, while the journal is failing: the console's alarm.
    pub fn journal_alarm(&self) -> Option<&str> {
        self.journal_alarm.as_deref()
    }

    /// The journal's file name.
    pub fn journal_name(&self) -> &str {
        self.journal.name()
    }
}

/// A journal with no complete line — empty, or its opening record cut off by a crash during
/// the first start (journals are now created whole; older ones were not) — never started:
/// no command was ever acknowledged in it. Its bytes are set aside in `PATH.torn` and it is
/// removed, to be created anew. `Ok(true)`: it was.
fn never_started(path: &Path) -> Result<bool, HostError> {
    let name = path.display().to_string();
    let failed = |e: std::io::Error| {
        HostError::Journal(JournalError::Io {
            path: name.clone(),
            message: format!("it never started (no complete record) and cannot be replaced: {e}"),
        })
    };
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(false);
    };
    // A journal never started is at most one opening record long.
    if !meta.is_file() || meta.len() > 1 << 20 {
        return Ok(false);
    }
    let bytes = std::fs::read(path).map_err(failed)?;
    // Only the beginning of an opening record: any other file is not ours to replace (it
    // is refused, as any file that is not a journal).
    let opening = b"Opened(";
    let ours = bytes.starts_with(opening) || opening.starts_with(&bytes);
    if bytes.contains(&b'\n') || !ours {
        return Ok(false);
    }
    if !bytes.is_empty() {
        std::fs::write(format!("{name}.torn"), &bytes).map_err(failed)?;
    }
    std::fs::remove_file(path).map_err(failed)?;
    Ok(true)
}

/// Why the host could not start.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("{0}")]
    Config(String),
    /// An existing journal was opened with another program or list of speakers.
    #[error(
        "journal {0} was started with a different program or list of speakers (a rehearsal, \
         or yesterday's list), and a journal keeps the list it began with. To start on the new \
         list, give it a journal of its own: add `--journal {0}.new` (any new file); to carry on \
         with the journal's own list, leave out --config and --speakers"
    )]
    OtherProgram(String),
    /// A rehearsal opened on the day's journal, or the day opened on a rehearsal's.
    #[error("{}", other_kind(path, *rehearsal))]
    OtherKind { path: String, rehearsal: bool },
}

fn other_kind(path: &str, rehearsal: bool) -> String {
    if rehearsal {
        format!(
            "journal {path} is a rehearsal's: the day's record is never kept in it. Carry the \
             rehearsal on with `--rehearse`, or give the day a journal of its own (leave out \
             --journal, or name a new file)"
        )
    } else {
        format!(
            "journal {path} is the day's record: a rehearsal never writes into it. Leave out \
             --journal (a rehearsal keeps `<program>.rehearsal.journal`), or name a new file"
        )
    }
}

/// A host on the seed program over a journal in memory, at the Unix epoch on a manual clock:
/// the tests' host, with its inbox, its journal's lines and its clock.
#[cfg(test)]
pub(crate) fn memory_host() -> (Host, Inbox, crate::journal::MemorySink, Arc<ManualClock>) {
    let sink = crate::journal::MemorySink::default();
    let journal = Journal::with_sink("memory", Box::new(sink.clone()), 1);
    let session = Session::from_sources(&Sources::seed().expect("seed")).expect("valid");
    let clock = Arc::new(ManualClock::new(crate::meeting::Stamp::synthetic(
        chrono::DateTime::UNIX_EPOCH,
    )));
    let (inbox, rx) = Inbox::channel();
    let host = Host::new(session, journal, Arc::clone(&clock) as Arc<dyn Clock>, rx);
    (host, inbox, sink, clock)
}

#[cfg(test)]
mod tests;
