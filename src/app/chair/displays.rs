//! The displays connected to the server: each browser view and remote display, where it is,
//! since when, its round trip and how far its own clock is off (it counts from the server's
//! time whatever that is). A display that went away leaves the list.

use bevy::prelude::Resource;
use bevy_egui::egui::{self, RichText};

use crate::app::theme::{AMBER, egui_colour};
use crate::host::{Audience, Viewer};
use crate::meeting::Program;
use crate::view;

/// The host's audience, for the console.
#[derive(Resource)]
pub struct Watching(pub Audience);

/// A clock offset beyond which the line is marked: the display's own clock is off, which it
/// corrects for, but its computer's time is worth a look.
const OFFSET_NOTED_MS: i64 = 2_000;

pub(super) fn show(ui: &mut egui::Ui, watching: &Watching, program: &Program) {
    let viewers = watching.0.viewers();
    egui::CollapsingHeader::new(format!("Connected displays ({})", viewers.len()))
        .id_salt("displays")
        .default_open(true)
        .show(ui, |ui| {
            if viewers.is_empty() {
                ui.label("No browser view or remote display is connected.");
            }
            for viewer in &viewers {
                let line = line(viewer, program);
                let far = viewer.offset_ms.is_some_and(|o| o.abs() > OFFSET_NOTED_MS);
                ui.label(if far {
                    RichText::new(line).color(egui_colour(AMBER))
                } else {
                    RichText::new(line)
                });
            }
        });
}

/// "podium · 10.0.0.5:51234 · since 10:02 · round trip 4 ms · clock −1.2 s".
pub(super) fn line(viewer: &Viewer, program: &Program) -> String {
    let mut parts = vec![
        viewer.kind.clone(),
        viewer.peer.clone(),
        format!("since {}", view::venue_hhmm(program, viewer.since)),
    ];
    match (viewer.round_trip_ms, viewer.offset_ms) {
        (Some(rtt), Some(offset)) => {
            parts.push(format!("round trip {rtt} ms"));
            parts.push(format!("clock {}", signed_seconds(offset)));
        }
        _ => parts.push("not measured yet".into()),
    }
    parts.join(" · ")
}

/// `+0.012 s`, `−1.2 s`.
fn signed_seconds(ms: i64) -> String {
    let sign = if ms < 0 { '−' } else { '+' };
    let ms = ms.unsigned_abs();
    if ms < 1000 {
        format!("{sign}{:.3} s", ms as f64 / 1000.0)
    } else {
        format!("{sign}{:.1} s", ms as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Sources;

    #[test]
    fn each_display_in_a_line_with_what_it_measured() {
        let program = Sources::seed().expect("seed").validate().expect("valid").0;
        let mut viewer = Viewer {
            id: 1,
            kind: "podium".into(),
            peer: "10.0.0.5:51234".into(),
            since: program.meetings[0].start,
            offset_ms: None,
            round_trip_ms: None,
        };
        assert_eq!(
            line(&viewer, &program),
            "podium · 10.0.0.5:51234 · since 10:00 · not measured yet"
        );
        viewer.offset_ms = Some(-1250);
        viewer.round_trip_ms = Some(4);
        assert_eq!(
            line(&viewer, &program),
            "podium · 10.0.0.5:51234 · since 10:00 · round trip 4 ms · clock −1.2 s"
        );
        viewer.offset_ms = Some(12);
        assert!(line(&viewer, &program).ends_with("clock +0.012 s"));
    }
}
