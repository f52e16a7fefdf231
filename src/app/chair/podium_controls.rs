//! What the chair puts on the podium besides the clock: a message, the blackout, lights mode.

use bevy_egui::egui::{self, RichText};

use super::Console;
use crate::app::theme::PodiumStyle;
use crate::meeting::Action;

pub(super) fn show(
    ui: &mut egui::Ui,
    console: &Console,
    message: &mut String,
    style: &mut PodiumStyle,
) {
    ui.label(RichText::new("Message to the speaker").strong());
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(message)
                .hint_text("Please conclude")
                .desired_width(220.0),
        );
        if ui.button("Show").clicked() {
            let text = if message.trim().is_empty() {
                "Please conclude".to_string()
            } else {
                message.clone()
            };
            console.send(Action::Message { text });
        }
        if ui.button("Clear [Esc]").clicked() {
            console.send(Action::ClearMessage);
        }
    });
    // The presets: sent in English (the journal keeps what was sent); each display shows them
    // in its own language.
    ui.horizontal(|ui| {
        for preset in crate::view::translations::presets() {
            if ui.button(preset).clicked() {
                console.send(Action::Message {
                    text: preset.to_string(),
                });
            }
        }
    });
    ui.horizontal(|ui| {
        let label = if console.session.blackout() {
            "End blackout [B]"
        } else {
            "Blackout [B]"
        };
        if ui.button(label).clicked() {
            console.send(Action::ToggleBlackout);
        }
        let lights = if style.lights {
            "Lights mode off [L]"
        } else {
            "Lights mode [L]"
        };
        if ui.button(lights).clicked() {
            style.lights = !style.lights;
        }
    });
}
