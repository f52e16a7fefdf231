//! Wakes the app when what it shows changes by itself (the shown second, the overtime pulse,
//! the local clock's minute): an alarm thread calls the event-loop proxy at that instant.
//!
//! The winit update mode itself stays constant: bevy_winit redraws at once whenever the mode
//! changes, so giving it a new wait every frame would never let the app sleep.

use std::thread;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};

use super::Frame;
use super::ingest::{Now, Snapshot};
use crate::host::Waker;
use crate::view;

/// Tells the alarm thread when to wake the app next.
#[derive(Resource)]
pub struct Alarm(Sender<Instant>);

impl Alarm {
    /// Starts the alarm thread; `None` if no thread could be started.
    pub fn start(waker: Waker) -> Option<Alarm> {
        let (tx, rx) = crossbeam_channel::unbounded();
        thread::Builder::new()
            .name("plenary-alarm".into())
            .spawn(move || ring(&rx, &waker))
            .map_err(|e| warn!("no wake-up alarm ({e}); the displays wake once a second instead"))
            .ok()
            .map(|_| Alarm(tx))
    }
}

/// Waits for the latest deadline (a newer one replaces it) and wakes the app then.
fn ring(deadlines: &Receiver<Instant>, waker: &Waker) {
    let mut deadline: Option<Instant> = None;
    loop {
        let next = match deadline {
            Some(at) => deadlines.recv_deadline(at),
            None => deadlines.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match next {
            Ok(at) => deadline = Some(at),
            Err(RecvTimeoutError::Timeout) => {
                deadline = None;
                waker();
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (schedule.after(Frame::Ingest), redraw_after_resize));
}

/// Frames drawn after a window's size changes: the console lays out for the new size one
/// frame late, and a reactive app would otherwise show the old layout until the next input.
const FRAMES_AFTER_RESIZE: u8 = 3;

/// Keeps drawing for a few frames after a window is resized (a monitor reconfigured, a
/// window maximised), so that every window shows its layout at its new size.
fn redraw_after_resize(
    mut resized: MessageReader<bevy::window::WindowResized>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
    mut left: Local<u8>,
) {
    if resized.read().count() > 0 {
        *left = FRAMES_AFTER_RESIZE;
    }
    if *left > 0 {
        *left -= 1;
        redraw.write(bevy::window::RequestRedraw);
    }
}

fn schedule(snapshot: Res<Snapshot>, now: Res<Now>, alarm: Option<Res<Alarm>>) {
    let Some(alarm) = alarm else { return };
    let mut wait = view::next_change(&snapshot.session, &now.stamp()).0;
    if snapshot.link.is_some() {
        // The link marker counts the seconds since the link was lost.
        wait = wait.min(1000);
    }
    let wait = Duration::from_millis(wait.clamp(1, 60_000).unsigned_abs());
    // The thread only ends with the app.
    let _ = alarm.0.send(Instant::now() + wait);
}
