//! The host on a thread of its own, for the windowed app: a command is applied and answered
//! as soon as it arrives, never waiting for a frame to be drawn; the app is woken after each
//! batch to show what changed, reading the published session.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{Host, Waker};

/// How often the thread looks whether it is asked to stop while no command comes.
const STOP_CHECK: Duration = Duration::from_millis(100);

/// The running host thread. Stopping it (or dropping it) lets the command being applied
/// finish, journal and answer first.
pub struct HostThread {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<Host>>,
}

impl HostThread {
    /// Starts serving `host`'s channel; `ring` is called after each batch of commands, once
    /// every one of them is journaled, published and answered.
    pub fn start(mut host: Host, ring: Waker) -> std::io::Result<HostThread> {
        let stop = Arc::new(AtomicBool::new(false));
        let asked = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name("plenary-host".into())
            .spawn(move || {
                while !asked.load(Ordering::SeqCst) {
                    match host.wait(STOP_CHECK) {
                        Some(outcomes) if !outcomes.is_empty() => ring(),
                        Some(_) => {}
                        None => break,
                    }
                }
                host
            })?;
        Ok(HostThread {
            stop,
            handle: Some(handle),
        })
    }

    /// Whether the thread still serves the channel (it ends only when stopped, when every
    /// sender is gone, or on a panic).
    pub fn is_running(&self) -> bool {
        self.handle.as_ref().is_some_and(|h| !h.is_finished())
    }

    /// Stops the thread after the command it is applying, and gives the host back.
    pub fn stop(mut self) -> Option<Host> {
        self.halt()
    }

    fn halt(&mut self) -> Option<Host> {
        self.stop.store(true, Ordering::SeqCst);
        self.handle.take()?.join().ok()
    }
}

impl Drop for HostThread {
    fn drop(&mut self) {
        self.halt();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Action, Command, Source};
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn commands_are_answered_on_the_thread_and_the_app_is_rung_after_each_batch() {
        let (host, inbox, sink, _) = crate::host::memory_host();
        let published = host.published();
        let rings = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&rings);
        let thread = HostThread::start(
            host,
            Arc::new(move || {
                counted.fetch_add(1, Ordering::SeqCst);
            }),
        )
        .expect("thread");
        let answer = inbox
            .ask(Command::new(Source::Api, Action::Start))
            .expect("sent");
        let outcome = answer.recv().expect("answered on the thread");
        assert_eq!(outcome.result.map(|(seq, _)| seq), Ok(1));
        // Published before it was answered; journaled before it was published.
        assert!(published.get().floor().expect("floor").clock.is_running());
        assert_eq!(sink.lines().len(), 1);
        assert!(thread.is_running());
        let host = thread.stop().expect("the host back");
        assert_eq!(host.seq(), 1);
        assert!(rings.load(Ordering::SeqCst) >= 1, "the app was woken");
    }
}
