//! The ingest system: each frame it asks the host to drain the command channel and copies the
//! published session into the `Snapshot` resource. The only writer of what the views read.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use crossbeam_channel::Sender;

use super::{AppOptions, Frame};
use crate::host::{Clock, Envelope, Host, Refusal};
use crate::meeting::{Action, Command, Session, Source, Stamp};
use crate::view;

/// Wakes the app's event loop.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The host, owned by the app.
#[derive(Resource)]
pub struct HostCell(pub Mutex<Host>);

/// Sends commands into the channel and wakes the app.
#[derive(Resource, Clone)]
pub struct Outbox {
    sender: Sender<Envelope>,
    waker: Waker,
}

impl Outbox {
    pub fn new(sender: Sender<Envelope>, waker: Waker) -> Self {
        Outbox { sender, waker }
    }

    /// Sends `action` from `source`.
    pub fn send(&self, source: Source, action: Action) {
        // The host outlives the app's systems; a closed channel means the app is ending.
        let _ = self
            .sender
            .send(Envelope::fire(Command::new(source, action)));
        (self.waker)();
    }
}

/// What the views show: the latest session, and the journal's health.
#[derive(Resource)]
pub struct Snapshot {
    pub session: Arc<Session>,
    pub generation: u64,
    /// The journal failed to record the last command: the console's alarm.
    pub journal_alarm: Option<String>,
    pub journal_name: String,
}

/// The outcome of the last command from the console or the keyboard, for the console.
#[derive(Resource, Default)]
pub struct Feedback {
    pub last: Option<Result<String, String>>,
}

/// The clock the host stamps commands with; views read the time from it too.
#[derive(Resource, Clone)]
pub struct Now(pub Arc<dyn Clock>);

impl Now {
    pub fn stamp(&self) -> Stamp {
        self.0.now()
    }
}

impl HostCell {
    pub fn new(host: Host) -> Self {
        HostCell(Mutex::new(host))
    }
}

/// The ingest plugin; the app inserts the [`HostCell`] first.
pub(super) fn plugin(app: &mut App) {
    let cell = app.world().resource::<HostCell>();
    let host = cell.0.lock().unwrap_or_else(PoisonError::into_inner);
    let snapshot = Snapshot {
        session: Arc::clone(host.session()),
        generation: host.generation(),
        journal_alarm: None,
        journal_name: host.journal_name().to_string(),
    };
    let now = Now(Arc::clone(host.clock()));
    drop(host);
    app.insert_resource(snapshot);
    app.insert_resource(now);
    app.init_resource::<Feedback>();
    app.add_systems(
        Update,
        (ingest, schedule_wake).chain().in_set(Frame::Ingest),
    );
}

fn ingest(cell: Res<HostCell>, mut snapshot: ResMut<Snapshot>, mut feedback: ResMut<Feedback>) {
    let mut host = cell.0.lock().unwrap_or_else(PoisonError::into_inner);
    let outcomes = host.drain();
    for outcome in &outcomes {
        if matches!(outcome.command.source, Source::Console | Source::Keyboard) {
            feedback.last = Some(match &outcome.result {
                Ok(_) => Ok(format!("{:?}: done", outcome.command.action)
                    .chars()
                    .take(80)
                    .collect()),
                Err(Refusal::Rejected(r)) => Err(r.to_string()),
                Err(e @ Refusal::NotJournaled(_)) => Err(e.to_string()),
            });
        }
    }
    let alarm = host.journal_alarm().map(str::to_string);
    if host.generation() != snapshot.generation || alarm != snapshot.journal_alarm {
        snapshot.session = Arc::clone(host.session());
        snapshot.generation = host.generation();
        snapshot.journal_alarm = alarm;
    }
}

/// Sleeps until the shown second changes (or a command wakes the app).
fn schedule_wake(
    snapshot: Res<Snapshot>,
    now: Res<Now>,
    options: Res<AppOptions>,
    mut winit: ResMut<WinitSettings>,
) {
    if options.continuous || options.tour.is_some() {
        return;
    }
    let wait = view::next_change(&snapshot.session, &now.stamp());
    let mode =
        UpdateMode::reactive_low_power(Duration::from_millis(wait.0.clamp(1, 60_000) as u64));
    if winit.focused_mode != mode {
        winit.focused_mode = mode;
        winit.unfocused_mode = mode;
    }
}
