//! The windowed app: podium, hall and chair console over the host. Thin: one plugin per file;
//! views read the snapshot and the time; the ingest system is the only writer.

mod chair;
pub mod frames;
mod hall;
mod ingest;
mod keys;
mod language;
mod latency;
mod link;
mod podium;
mod redraw;
mod rehearsal;
mod theme;
pub mod tour;
mod wake;
mod windows;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::host::{Host, Inbox, Waker};
pub use crate::view::WindowKind;
use bevy::prelude::*;
use bevy::window::ExitCondition;
use bevy::winit::{EventLoopProxyWrapper, WinitSettings, WinitUserEvent};
use bevy_egui::EguiPlugin;

/// How the app is run.
#[derive(Resource, Clone)]
pub struct AppOptions {
    pub windows: Vec<WindowKind>,
    /// Windows on a desk instead of full screen.
    pub windowed: bool,
    /// The monitor of each window, in the order of `windows` (full screen only).
    pub monitors: Vec<usize>,
    /// The language each display starts in (the chair may switch it from the console).
    pub langs: crate::view::DisplayLangs,
    /// Redraw every frame instead of only on change (for measuring what reactive mode saves).
    pub continuous: bool,
    /// Write the number of frames drawn to this file once a second (measurements).
    pub frame_log: Option<std::path::PathBuf>,
    /// Write when each command is first shown to this file (measurements).
    pub latency_log: Option<std::path::PathBuf>,
    /// Drive a scripted tour of states on a manual clock, save screenshots, then exit (tests).
    pub tour: Option<tour::Tour>,
}

/// Wakes the app's event loop from another thread (a finished records task).
#[derive(Resource, Clone)]
pub struct AppWaker(pub Waker);

/// System order within a frame: take commands in, then present.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Frame {
    Ingest,
    Present,
}

/// Runs the app over the host until every window is closed.
pub fn run(host: Host, inbox: Inbox, options: AppOptions) -> anyhow::Result<()> {
    let (mut app, waker) = build(&options);
    // The displays connected to the server, listed on the console as they come and go.
    let published = host.published();
    let audience = published.audience().clone();
    audience.wake_with(waker.clone());
    app.insert_resource(chair::Watching(audience));
    let clock = Arc::clone(host.clock());
    let journal_name = host.journal_name().to_string();
    // The host applies every input (API, OSC, the console, the keys) on its own thread as it
    // comes, and wakes the app to show the result.
    let thread = crate::host::HostThread::start(host, waker)?;
    app.insert_resource(ingest::HostInbox::new(inbox));
    app.insert_resource(ingest::HostLink::new(published, thread));
    app.add_plugins(move |app: &mut App| ingest::plugin(app, clock.clone(), journal_name.clone()));
    app.add_plugins(chair::plugin);
    if let Some(tour) = &options.tour {
        app.insert_resource(tour.clone());
        app.add_plugins(tour::plugin);
    }
    finish(app, &options)
}

/// `plenary display --follow URL`: one display on another computer, from the control node's
/// stream. Waits for the first connection, then opens the window.
pub fn run_follower(url: &str, token: Option<&str>, options: AppOptions) -> anyhow::Result<()> {
    // The replica wakes the app once the app has a waker to wake it with.
    let ring: Arc<std::sync::OnceLock<Waker>> = Arc::default();
    let (first_tx, first_rx) = crossbeam_channel::bounded::<()>(1);
    let on_change = Arc::clone(&ring);
    // As the control node's console lists it: "follower hall (ar)".
    let kind = options.langs.follower(options.windows.first().copied());
    let replica = crate::net::replica::start(
        url,
        token,
        &kind,
        Arc::new(move || {
            let _ = first_tx.try_send(());
            if let Some(wake) = on_change.get() {
                wake();
            }
        }),
    )?;
    eprintln!("display: waiting for the control node at {url}");
    let mut last_reason = String::new();
    let first = loop {
        if let Some(session) = replica.seen().session {
            break session;
        }
        if first_rx.recv().is_err() {
            anyhow::bail!("the follower stopped before it reached {url}");
        }
        if let crate::net::replica::Link::Lost { reason, .. } = replica.seen().link
            && reason != last_reason
        {
            eprintln!("display: {reason}; retrying");
            last_reason = reason;
        }
    };
    eprintln!("display: following {url}");
    let (mut app, waker) = build(&options);
    let _ = ring.set(waker);
    // A follower only shows: its keys (start, next, …) have no session to reach.
    let (nowhere, _) = Inbox::channel();
    app.insert_resource(ingest::HostInbox::new(nowhere));
    app.insert_resource(ingest::Following(replica, first));
    app.add_plugins((ingest::replica_plugin, link::plugin));
    finish(app, &options)
}

/// The app with its windows and displays, and the waker other threads use to wake it.
fn build(options: &AppOptions) -> (App, Waker) {
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: None,
                exit_condition: ExitCondition::OnAllClosed,
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "warn,plenary=info".into(),
                ..default()
            }),
    );
    app.add_plugins(EguiPlugin::default());
    // Wake the event loop whenever a command is sent, from any thread.
    let proxy = Mutex::new((**app.world().resource::<EventLoopProxyWrapper>()).clone());
    let waker: Waker = Arc::new(move || {
        let _ = proxy
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .send_event(WinitUserEvent::WakeUp);
    });
    // Reactive: a frame only when a command arrives, a window event happens, or the alarm
    // rings because a display's content changes by itself.
    let alarm =
        (!options.continuous && options.tour.is_none()).then(|| wake::Alarm::start(waker.clone()));
    let backstop = match &alarm {
        Some(Some(_)) => Duration::from_secs(60),
        _ => Duration::from_secs(1),
    };
    app.insert_resource(if options.continuous || options.tour.is_some() {
        WinitSettings::game()
    } else {
        WinitSettings {
            focused_mode: bevy::winit::UpdateMode::reactive_low_power(backstop),
            unfocused_mode: bevy::winit::UpdateMode::reactive_low_power(backstop),
        }
    });
    if let Some(Some(alarm)) = alarm {
        app.insert_resource(alarm);
    }
    app.configure_sets(Update, (Frame::Ingest, Frame::Present).chain());
    app.insert_resource(options.clone());
    app.insert_resource(AppWaker(waker.clone()));
    let langs = options.langs;
    app.add_plugins(move |app: &mut App| language::plugin(app, langs));
    app.add_plugins((
        theme::plugin,
        windows::plugin,
        podium::plugin,
        hall::plugin,
        rehearsal::plugin,
        keys::plugin,
        wake::plugin,
    ));
    if let Some(path) = &options.latency_log {
        app.insert_resource(latency::LatencyLog(path.clone()));
        app.add_plugins(latency::plugin);
    }
    if !options.continuous {
        app.add_plugins(redraw::plugin);
    }
    if let Some(path) = &options.frame_log {
        app.insert_resource(frames::FrameLog(path.clone()));
        app.add_plugins(frames::plugin);
    }
    (app, waker)
}

fn finish(mut app: App, _options: &AppOptions) -> anyhow::Result<()> {
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => anyhow::bail!("the app stopped with code {code}"),
    }
}
