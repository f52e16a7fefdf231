//! The language of each display of this app, switched by the chair: a setting of the app, like
//! lights mode, not a command (it is not journaled, and a restart takes `--lang` again). The
//! console itself stays in English.

use bevy_egui::egui;

use crate::app::language::{Languages, offered};
use crate::app::theme::Fonts;
use crate::meeting::Lang;
use crate::view::WindowKind;

pub(super) fn show(
    ui: &mut egui::Ui,
    languages: &mut Languages,
    fonts: &Fonts,
    windows: &[WindowKind],
) {
    ui.horizontal(|ui| {
        ui.label("Display languages:");
        for window in [WindowKind::Podium, WindowKind::Hall] {
            if !windows.contains(&window) {
                continue;
            }
            let name = match window {
                WindowKind::Podium => "Podium",
                _ => "Hall",
            };
            let current = languages.0.of(window);
            let mut chosen = current;
            egui::ComboBox::from_id_salt(("language", name))
                .selected_text(format!("{name}: {}", current.english_name()))
                .show_ui(ui, |ui| {
                    for lang in offered(fonts) {
                        ui.selectable_value(&mut chosen, lang, lang.english_name());
                    }
                });
            if chosen != current {
                set(languages, window, chosen);
            }
        }
    });
    if fonts.chinese.is_none() {
        ui.label("Chinese is not offered: its font was not found (see the log).");
    }
}

fn set(languages: &mut Languages, window: WindowKind, lang: Lang) {
    match window {
        WindowKind::Podium => languages.0.podium = lang,
        WindowKind::Hall => languages.0.hall = lang,
        WindowKind::Chair => {}
    }
}
