//! Latency instrumentation (`--latency-log FILE`, off by default): for each journal sequence
//! number, the moment the first frame showing it has been rendered and presented, and how many
//! frames that took from the frame that took the command in. One line per display window:
//! `seq=12 window=podium frames=1 at_ms=1795960000123` (`at_ms`: Unix time in ms). The first
//! frame presented is written too, whatever it shows.
//! `scripts/latency.sh` stamps each command when it sends it and joins the two.

use std::io::Write;
use std::path::PathBuf;

use bevy::diagnostic::FrameCount;
use bevy::prelude::*;
use bevy::render::extract_resource::{ExtractResource, ExtractResourcePlugin};
use bevy::render::{Render, RenderApp, RenderSystems};

use super::Frame;
use super::ingest::Snapshot;
use super::{AppOptions, WindowKind};

/// Where the latency lines go.
#[derive(Resource, Clone)]
pub struct LatencyLog(pub PathBuf);

/// The last sequence number the displays show, the frame that took it in, and this frame.
#[derive(Resource, Clone, Default, ExtractResource)]
struct Shown {
    seq: u64,
    ingested: u32,
    frame: u32,
    log: Option<PathBuf>,
    windows: Vec<&'static str>,
}

pub(super) fn plugin(app: &mut App) {
    let log = app
        .world()
        .get_resource::<LatencyLog>()
        .map(|l| l.0.clone());
    let windows = app
        .world()
        .resource::<AppOptions>()
        .windows
        .iter()
        .filter_map(|w| match w {
            WindowKind::Podium => Some("podium"),
            WindowKind::Hall => Some("hall"),
            WindowKind::Chair => None,
        })
        .collect();
    app.insert_resource(Shown {
        log,
        windows,
        ..default()
    });
    app.add_plugins(ExtractResourcePlugin::<Shown>::default());
    app.add_systems(Last, note.after(Frame::Present));
    if let Some(render) = app.get_sub_app_mut(RenderApp) {
        render.add_systems(Render, write.in_set(RenderSystems::Cleanup));
    }
}

fn note(snapshot: Res<Snapshot>, frames: Res<FrameCount>, mut shown: ResMut<Shown>) {
    if snapshot.seq != shown.seq {
        shown.seq = snapshot.seq;
        shown.ingested = frames.0;
    }
    shown.frame = frames.0;
}

/// In the render world, after the frame was rendered and presented. The first frame is
/// written whatever it shows (`scripts/startup.sh` times the start-up with it).
fn write(shown: Option<Res<Shown>>, mut written: Local<Option<u64>>) {
    let Some(shown) = shown else { return };
    let Some(path) = &shown.log else { return };
    if *written == Some(shown.seq) {
        return;
    }
    *written = Some(shown.seq);
    let at = chrono::Utc::now().timestamp_millis();
    let frames = shown.frame.wrapping_sub(shown.ingested) + 1;
    let lines: String = shown
        .windows
        .iter()
        .map(|w| format!("seq={} window={w} frames={frames} at_ms={at}\n", shown.seq))
        .collect();
    let result = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(lines.as_bytes()));
    if let Err(e) = result {
        warn!("cannot write the latency log {}: {e}", path.display());
    }
}
