//! The console's status bar: the journal alarm, the meeting and segment, the local time, the
//! journal's health, and what became of the last command.

use bevy_egui::egui::{self, RichText};

use super::Console;
use crate::app::ingest::{Notice, Snapshot};
use crate::app::theme::{AMBER, DEEP_RED, DONE, PAPER, REFUSED, egui_colour};
use crate::view;

pub(super) fn show(
    ui: &mut egui::Ui,
    console: &Console,
    snapshot: &Snapshot,
    last: Option<&Notice>,
    keys_live: &mut bool,
) {
    let session = console.session;
    if let Some(alarm) = &snapshot.journal_alarm {
        egui::Frame::new()
            .fill(egui_colour(DEEP_RED))
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "JOURNAL FAILURE — commands are NOT being recorded or applied: {alarm}"
                    ))
                    .size(20.0)
                    .strong()
                    .color(egui_colour(PAPER)),
                );
            });
    }
    ui.horizontal(|ui| {
        if session.rehearsal() {
            egui::Frame::new()
                .stroke(egui::Stroke::new(2.0, egui_colour(PAPER)))
                .inner_margin(egui::Margin::symmetric(8, 2))
                .show(ui, |ui| {
                    ui.label(RichText::new("REHEARSAL").size(18.0).strong());
                });
        }
        ui.label(
            RichText::new(format!(
                "{} — {}",
                session.meeting().title,
                session.meeting().segments[session.segment_index()].title
            ))
            .size(18.0)
            .strong(),
        );
        ui.separator();
        ui.label(RichText::new(view::local_clock(session, &console.stamp)).size(18.0));
        ui.separator();
        let health = if snapshot.journal_alarm.is_some() {
            "journal FAILING"
        } else {
            "journal OK"
        };
        // The journal's count, replayed commands included (not those since this start).
        ui.label(format!(
            "{health}: {} · {} commands",
            snapshot.journal_name, snapshot.seq
        ));
    });
    keys(ui, keys_live);
    if let Some(Notice::Done(crate::meeting::Action::Next)) = last {
        ui.label(
            RichText::new("Next speaker called — Undo (Ctrl+Z) gives the floor back")
                .color(egui_colour(AMBER)),
        );
    }
    match last {
        Some(Notice::Done(_)) => {
            ui.label(
                RichText::new(last.map(ToString::to_string).unwrap_or_default())
                    .color(egui_colour(DONE)),
            );
        }
        Some(notice) => {
            ui.label(
                RichText::new(format!("Refused: {notice}"))
                    .size(16.0)
                    .color(egui_colour(REFUSED)),
            );
        }
        None => {}
    }
}

/// Whether the single-key shortcuts act, as the chair sees it and switches it (F2).
fn keys(ui: &mut egui::Ui, live: &mut bool) {
    let (text, colour) = if *live {
        ("KEYS LIVE: Space E M R B Esc — F2 to lock", DONE)
    } else {
        ("Keys locked — F2 to use Space E M R B Esc", PAPER)
    };
    let button = egui::Button::new(RichText::new(text).strong().color(egui_colour(colour)));
    if ui
        .add(button)
        .on_hover_text(
            "Next is Ctrl+N and Undo Ctrl+Z, live or not. Typing in a field locks the keys.",
        )
        .clicked()
    {
        *live = !*live;
    }
}
