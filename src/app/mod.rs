//! The windowed app: podium, hall and chair console over the host. Thin: one plugin per file;
//! views read the snapshot and the time; the ingest system is the only writer.

mod chair;
pub mod frames;
mod hall;
mod ingest;
mod keys;
mod podium;
mod theme;
pub mod tour;
mod wake;
mod windows;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::ExitCondition;
use bevy::winit::{EventLoopProxyWrapper, WinitSettings, WinitUserEvent};
use bevy_egui::EguiPlugin;
use crossbeam_channel::Sender;

use crate::host::{Envelope, Host};
pub use crate::view::WindowKind;

/// How the app is run.
#[derive(Resource, Clone)]
pub struct AppOptions {
    pub windows: Vec<WindowKind>,
    /// Windows on a desk instead of full screen.
    pub windowed: bool,
    /// The monitor of each window, in the order of `windows` (full screen only).
    pub monitors: Vec<usize>,
    /// Redraw every frame instead of only on change (for measuring what reactive mode saves).
    pub continuous: bool,
    /// Write the number of frames drawn to this file once a second (measurements).
    pub frame_log: Option<std::path::PathBuf>,
    /// Drive a scripted tour of states on a manual clock, save screenshots, then exit (tests).
    pub tour: Option<tour::Tour>,
}

/// System order within a frame: take commands in, then present.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Frame {
    Ingest,
    Present,
}

/// Runs the app until every window is closed.
pub fn run(host: Host, sender: Sender<Envelope>, options: AppOptions) -> anyhow::Result<()> {
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
    let waker: ingest::Waker = Arc::new(move || {
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
    app.insert_resource(ingest::Outbox::new(sender, waker));
    app.insert_resource(options.clone());
    app.insert_resource(ingest::HostCell::new(host));
    app.add_plugins((
        ingest::plugin,
        theme::plugin,
        windows::plugin,
        podium::plugin,
        hall::plugin,
        chair::plugin,
        keys::plugin,
        wake::plugin,
    ));
    if let Some(path) = &options.frame_log {
        app.insert_resource(frames::FrameLog(path.clone()));
        app.add_plugins(frames::plugin);
    }
    if let Some(tour) = &options.tour {
        app.insert_resource(tour.clone());
        app.add_plugins(tour::plugin);
    }
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => anyhow::bail!("the app stopped with code {code}"),
    }
}
