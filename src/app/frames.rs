//! Frame counting for measurements (`--frame-log FILE`): once a second the total number of
//! frames drawn is written to the file, so a script can tell how often the app really wakes.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;

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

fn count(log: Res<FrameLog>, mut counter: Local<Counter>) {
    counter.frames += 1;
    // A frame may not come for a minute in reactive mode: the file is written when one does.
    if counter.written.elapsed() >= Duration::from_secs(1) {
        counter.written = Instant::now();
        if let Err(e) = std::fs::write(&log.0, format!("{}\n", counter.frames)) {
            warn!("cannot write the frame log {}: {e}", log.0.display());
        }
    }
}
