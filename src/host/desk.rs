//! A host driven on the caller's own thread: for tools, benchmarks and tests that send
//! commands one at a time and want each answered before the next. A command still goes the
//! one way in — through the host's [`Inbox`], drained by the host — as on the host's thread.

use std::path::Path;
use std::sync::Arc;

use super::{Clock, Host, HostError, Inbox, Outcome, Refusal, RestartPolicy, Startup};
use crate::meeting::{Command, Sources};

/// A host and the inbox that sends to it, both owned here.
pub struct Desk {
    host: Host,
    inbox: Inbox,
}

impl Desk {
    /// A host on the journal at `path` (opened or created) for `sources`, stamping commands
    /// with `clock`; a speech running at a restart carries on.
    pub fn open(
        path: &Path,
        sources: &Sources,
        clock: Arc<dyn Clock>,
    ) -> Result<(Desk, Startup), HostError> {
        let (inbox, commands) = Inbox::channel();
        let (host, startup) = Host::open(
            path,
            sources,
            false,
            RestartPolicy::Continue,
            clock,
            commands,
        )?;
        Ok((Desk { host, inbox }, startup))
    }

    /// Sends `command` through the inbox and has the host apply it now: its outcome, as the
    /// sender is answered.
    pub fn send(&mut self, command: Command) -> Outcome {
        let asked = command.clone();
        let _answer = self.inbox.ask(command);
        // The desk holds both ends of the channel: it cannot close while the desk lives.
        self.host.drain().pop().unwrap_or(Outcome {
            command: asked,
            result: Err(Refusal::NotJournaled("the host's channel is closed".into())),
        })
    }

    /// The host, to read.
    pub fn host(&self) -> &Host {
        &self.host
    }
}

impl std::ops::Deref for Desk {
    type Target = Host;

    fn deref(&self) -> &Host {
        &self.host
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Action, Source, Stamp};

    #[test]
    fn a_command_sent_at_the_desk_is_applied_and_journaled_before_it_returns() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("desk.journal");
        let clock = Arc::new(super::super::ManualClock::new(Stamp::synthetic(
            chrono::DateTime::UNIX_EPOCH,
        )));
        let sources = Sources::seed().expect("seed");
        let (mut desk, startup) = Desk::open(&path, &sources, clock).expect("opened");
        assert!(startup.created);
        let outcome = desk.send(Command::new(Source::Test, Action::begin_meeting("tue-am")));
        assert_eq!(outcome.result.map(|(seq, _)| seq), Ok(1));
        assert_eq!(desk.seq(), 1);
        let refused = desk.send(Command::new(Source::Test, Action::Pause));
        assert!(matches!(refused.result, Err(Refusal::Rejected(_))));
    }
}
