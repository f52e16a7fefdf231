//! The one way into the host: an [`Inbox`] that every input — the chair console, the keys,
//! the network layer, OSC, standard input — uses to send commands into the host's channel,
//! with where to send the outcome. The host waits on the channel itself (on its own thread),
//! so a command is applied as soon as it arrives.

use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

use crate::meeting::{Command, Event, Rejection, Source};

/// Wakes a thread that sleeps until something happens (the windowed app's event loop).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The longest command id taken (an `Idempotency-Key`, an OSC `id:` argument).
pub const MAX_ID_LEN: usize = 128;

/// Whether `id` can be a command's id: 1 to [`MAX_ID_LEN`] visible ASCII characters.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic())
}

/// A new command id for `source`: its name and 24 random hexadecimal digits
/// (`console-3f9a…`), so that every command in the journal can be asked after and a retry
/// is never applied twice. Without randomness (never seen), a time-based one.
pub fn fresh_id(source: Source) -> String {
    let mut bytes = [0u8; 12];
    let random = getrandom::fill(&mut bytes).is_ok();
    let digits: String = if random {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    } else {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        format!("{nanos:024x}")
    };
    format!("{}-{digits}", format!("{source:?}").to_lowercase())
}

/// Where a command's outcome goes: called once, on the host's thread, as soon as the command
/// is journaled (or refused). Threads that block take it on a channel ([`Inbox::ask`]);
/// the network layer hands it to its own runtime without a thread waiting
/// ([`Inbox::ask_then`]).
pub type Reply = Box<dyn FnOnce(Outcome) + Send>;

/// A command in the channel, with where to send its outcome.
pub struct Envelope {
    pub command: Command,
    /// The sender's own answer, if it waits for the outcome.
    pub reply: Option<Reply>,
}

/// Why a command was not applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The session refused it.
    #[error("{0}")]
    Rejected(Rejection),
    /// The journal could not record it, so it was not applied.
    #[error("not applied: the journal could not record it: {0}")]
    NotJournaled(String),
}

/// What became of one command.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub command: Command,
    /// The journal sequence number and the events, or why it was refused.
    pub result: Result<(u64, Vec<Event>), Refusal>,
}

/// Sends commands into the host's channel from any thread.
#[derive(Clone)]
pub struct Inbox {
    sender: Sender<Envelope>,
}

impl Inbox {
    /// A new channel: the inbox every input sends through, and the receiver the host drains.
    /// The host stops waiting (headless mode) once every clone of the inbox is gone.
    pub fn channel() -> (Inbox, Receiver<Envelope>) {
        let (sender, receiver) = crossbeam_channel::unbounded();
        (Inbox { sender }, receiver)
    }

    /// Asks and waits: sends `command` (with the sender's id, for retries) and returns where
    /// its outcome will arrive, for a thread that blocks on it (standard input, OSC) or polls
    /// it (the windowed app). `None`: the host is gone.
    pub fn ask(&self, command: Command) -> Option<Receiver<Outcome>> {
        let (reply, answer) = crossbeam_channel::bounded(1);
        // A sender that stopped waiting is not an error.
        self.ask_then(command, move |outcome| {
            let _ = reply.send(outcome);
        })
        .then_some(answer)
    }

    /// Asks and is called back: sends `command`; the host calls `answer` with its outcome on
    /// the host's thread (`answer` must only hand the outcome on: the network layer passes it
    /// to its own runtime, with no thread waiting). `false`: the host is gone.
    pub fn ask_then(
        &self,
        command: Command,
        answer: impl FnOnce(Outcome) + Send + 'static,
    ) -> bool {
        self.send(Envelope {
            command,
            reply: Some(Box::new(answer)),
        })
    }

    fn send(&self, envelope: Envelope) -> bool {
        self.sender.send(envelope).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Action;

    #[test]
    fn a_command_asked_reaches_the_channel_with_where_to_answer() {
        let (inbox, receiver) = Inbox::channel();
        let answer = inbox
            .ask(Command::new(Source::Api, Action::Next))
            .expect("host is there");
        let asked = receiver.try_recv().expect("asked");
        assert_eq!(asked.command, Command::new(Source::Api, Action::Next));
        assert!(asked.reply.is_some());
        drop(asked);
        assert!(answer.try_recv().is_err(), "no outcome yet");
    }

    #[test]
    fn an_answer_handed_on_gets_the_outcome_once_the_host_gives_it() {
        let (inbox, receiver) = Inbox::channel();
        let (tx, rx) = std::sync::mpsc::channel();
        assert!(
            inbox.ask_then(Command::new(Source::Api, Action::Next), move |outcome| {
                let _ = tx.send(outcome);
            })
        );
        assert!(
            rx.try_recv().is_err(),
            "no outcome before the host gives it"
        );
        let asked = receiver.try_recv().expect("asked");
        let outcome = Outcome {
            command: asked.command.clone(),
            result: Ok((7, Vec::new())),
        };
        (asked.reply.expect("an answer is waited for"))(outcome.clone());
        assert_eq!(rx.try_recv().expect("handed on"), outcome);
        drop(receiver);
        assert!(!inbox.ask_then(Command::new(Source::Api, Action::Next), |_| {}));
    }

    #[test]
    fn a_gone_host_is_said() {
        let (inbox, receiver) = Inbox::channel();
        drop(receiver);
        assert!(inbox.ask(Command::new(Source::Api, Action::Next)).is_none());
        assert!(
            inbox
                .ask(Command::new(Source::Console, Action::Next))
                .is_none()
        );
    }
}
