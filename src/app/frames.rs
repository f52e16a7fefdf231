//! Frame counting for measurements (`--frame-log FILE`): once a second the number of frames
//! the app ran and how many each window drew (`120 podium=60 hall=3 chair=120`) are written to
//! the file, so a script can tell how often the app really wakes and each window really draws.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;

use super::redraw::Drawn;
use super::windows::Displays;

/// Where the frame count goes.
#[derive(Resource, Clone)]
pub struct FrameLog(pub PathBuf);

struct Counter {
    frames: u64,
    written: Instant,
}

impl Default for Counter {
    fn default() -> Self {
        Counter {
            frames: 0,
            written: Instant::now(),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, count);
}

fn count(
    log: Res<FrameLog>,
    drawn: Option<Res<Drawn>>,
    displays: Res<Displays>,
    mut counter: Local<Counter>,
) {
    counter.frames += 1;
    // A frame may not come for a minute in reactive mode: the file is written when one does.
    if counter.written.elapsed() >= Duration::from_secs(1) {
        counter.written = Instant::now();
        // Without per-window redraw (`--continuous`), every window draws every frame.
        let every = |shown: bool| if shown { counter.frames } else { 0 };
        let drawn = drawn.as_deref().copied().unwrap_or(Drawn {
            podium: every(displays.podium.is_some()),
            hall: every(displays.hall.is_some()),
            chair: every(displays.chair.is_some()),
        });
        let line = format!(
            "{} podium={} hall={} chair={}\n",
            counter.frames, drawn.podium, drawn.hall, drawn.chair
        );
        if let Err(e) = std::fs::write(&log.0, line) {
            warn!("cannot write the frame log {}: {e}", log.0.display());
        }
    }
}
