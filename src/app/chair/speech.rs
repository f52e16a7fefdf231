//! The speech on the floor and its buttons: start or pause, next, extensions, recall, undo,
//! a custom extension, reset; and the anchors of the forecast.

use bevy_egui::egui::{self, RichText};

use super::{Console, ConsoleState, big};
use crate::app::ingest::Feedback;
use crate::app::theme::{MUTED, PAPER, egui_colour, podium_palette};
use crate::meeting::Action;
use crate::view::{self, PodiumView, Tone};

pub(super) fn show(
    ui: &mut egui::Ui,
    console: &Console,
    feedback: &Feedback,
    state: &mut ConsoleState,
    lights: bool,
) {
    let podium = &console.podium;
    ui.heading(if podium.tone == Tone::Idle {
        "No one has the floor".to_string()
    } else {
        podium.who.clone()
    });
    ui.label(&podium.speaker);
    mirror(ui, podium, lights);
    ui.add_space(8.0);
    buttons(ui, console);
    undo(ui, console, feedback);
    super::interruption::show(ui, console, &mut state.interruption);
    ui.horizontal(|ui| {
        ui.label("Extend by (s):");
        ui.add(egui::TextEdit::singleline(&mut state.extend_by).desired_width(60.0));
        if ui.button("Extend").clicked() {
            match state.extend_by.trim().parse::<i64>() {
                Ok(seconds) => console.send(Action::Extend { seconds }),
                Err(_) => state.extend_by = String::new(),
            }
        }
        if ui.button("Reset clock").clicked() {
            state.confirm = Some((
                "Reset the speaker's clock to the allotted time?".into(),
                Action::ResetClock,
            ));
        }
    });
}

/// A small live copy of what the podium shows — its colours (lights mode too), the digits,
/// the second cue, the message, BLACKOUT — always in view: the chair sees what the speaker
/// sees, whoever changed it (a button, a key, the API, OSC).
fn mirror(ui: &mut egui::Ui, podium: &PodiumView, lights: bool) {
    let palette = podium_palette(podium, lights);
    egui::Frame::new()
        .fill(egui_colour(palette.background))
        .stroke(egui::Stroke::new(1.0, egui_colour(MUTED)))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_min_width(340.0);
            if podium.blackout {
                ui.label(
                    RichText::new("BLACKOUT — the podium is blank")
                        .size(20.0)
                        .strong()
                        .color(egui_colour(PAPER)),
                );
                return;
            }
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(&podium.digits)
                        .size(56.0)
                        .strong()
                        .color(egui_colour(palette.digits)),
                );
                ui.vertical(|ui| {
                    ui.label(
                        RichText::new(&podium.label)
                            .size(18.0)
                            .color(egui_colour(palette.label)),
                    );
                    if lights {
                        ui.label(RichText::new("lights mode").color(egui_colour(palette.speaker)));
                    }
                });
            });
            if let Some(message) = &podium.message {
                ui.label(
                    RichText::new(format!("Message: {message}"))
                        .size(16.0)
                        .strong()
                        .color(egui_colour(palette.who)),
                );
            }
        });
}

/// The big buttons, each with its shortcut.
fn buttons(ui: &mut egui::Ui, console: &Console) {
    let running = console
        .session
        .floor()
        .is_some_and(|f| f.clock.is_running());
    ui.horizontal(|ui| {
        // The label follows the snapshot; what the button does is decided by the session
        // when the command arrives.
        let label = if running {
            "Pause [Space]"
        } else {
            "Start [Space]"
        };
        if big(ui, label, 170.0) {
            console.send(Action::StartOrPause);
        }
        if big(ui, "Next [Ctrl+N]", 170.0) {
            console.send(Action::Next);
        }
    });
    ui.horizontal(|ui| {
        if big(ui, "+30 s [E]", 110.0) {
            console.send(Action::Extend { seconds: 30 });
        }
        if big(ui, "+1 min [M]", 110.0) {
            console.send(Action::Extend { seconds: 60 });
        }
        if big(ui, "Recall [R]", 120.0) {
            console.send(Action::Recall);
        }
    });
}

/// Undo: sends the command that puts back what the last console or keyboard command changed.
fn undo(ui: &mut egui::Ui, console: &Console, feedback: &Feedback) {
    let undo = feedback.undo();
    let button = ui.add_enabled(
        undo.is_ok(),
        egui::Button::new(RichText::new("Undo [Ctrl+Z]").size(16.0)),
    );
    let hover = match &undo {
        Ok(action) => format!("Undo by: {}", view::action_words(action)),
        Err(reason) => reason.clone(),
    };
    if button
        .on_hover_text(&hover)
        .on_disabled_hover_text(&hover)
        .clicked()
        && let Ok(action) = undo
    {
        console.send(action);
    }
}

/// The forecast's anchors: end of meeting, fixed segments.
pub(super) fn anchors(ui: &mut egui::Ui, console: &Console) {
    ui.label(RichText::new("Anchors").strong());
    for anchor in view::anchor_lines(console.session, &console.forecast, &console.stamp) {
        ui.label(anchor);
    }
    ui.label(format!("Changeover assumed: {}", console.forecast.gap));
    let outlook = view::outlook_lines(console.session, &console.forecast, &console.stamp);
    if !outlook.is_empty() {
        ui.label(RichText::new("Will the list finish? (observed pace)").strong());
        for line in outlook {
            ui.label(line);
        }
    }
}
