//! Adding a speaker: delegation with suggestions from the file, name, kind, the group of a
//! group statement; and the list-wide commands (precedence, carry over).

use bevy_egui::egui::{self, RichText};

use super::{Console, ConsoleState};
use crate::app::theme::{AMBER, egui_colour};
use crate::meeting::delegations::Delegations;
use crate::meeting::program::Class;
use crate::meeting::{Action, RawSpeaker};

/// The speaker being typed in.
#[derive(Default)]
pub(super) struct NewSpeaker {
    delegation: String,
    name: String,
    kind: String,
    group: String,
}

pub(super) fn show(
    ui: &mut egui::Ui,
    console: &Console,
    state: &mut ConsoleState,
    known: &Delegations,
) {
    let program = console.session.program();
    let new = &mut state.new_speaker;
    ui.label(RichText::new("Add a speaker").strong());
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut new.delegation)
                .hint_text("Delegation")
                .desired_width(150.0),
        );
        ui.add(
            egui::TextEdit::singleline(&mut new.name)
                .hint_text("Name")
                .desired_width(150.0),
        );
    });
    let delegation = new.delegation.trim().to_string();
    suggestions(ui, &mut new.delegation, known.suggest(&delegation, 6));
    if !delegation.is_empty() && !known.is_known(&delegation) {
        ui.label(
            RichText::new("Not a Member State or observer on file: check the name")
                .color(egui_colour(AMBER)),
        );
    }
    ui.horizontal(|ui| {
        if new.kind.is_empty() {
            new.kind = "individual".into();
        }
        egui::ComboBox::from_id_salt("kind")
            .selected_text(new.kind.clone())
            .show_ui(ui, |ui| {
                // A reply and an explanation of vote have their own places (below).
                for id in program.inscribable_kinds() {
                    let label = program.kinds.get(id).map_or(id, |k| k.label.as_str());
                    ui.selectable_value(&mut new.kind, id.to_string(), label);
                }
            });
        if ui.button("Inscribe at the end").clicked() {
            let group = new.group.trim();
            console.send(Action::Insert {
                speaker: Box::new(RawSpeaker {
                    delegation: Some(delegation.clone()),
                    name: new.name.trim().to_string(),
                    kind: new.kind.clone(),
                    on_behalf_of: (!group.is_empty()).then(|| group.to_string()),
                    ..RawSpeaker::default()
                }),
                position: None,
            });
        }
    });
    let group_statement = program
        .kinds
        .get(&new.kind)
        .is_some_and(|k| k.class == Class::Group);
    if group_statement {
        ui.add(
            egui::TextEdit::singleline(&mut new.group)
                .hint_text("On behalf of (group of States)")
                .desired_width(306.0),
        );
        let typed = new.group.trim().to_string();
        suggestions(ui, &mut new.group, known.suggest_group(&typed, 4));
    } else {
        new.group.clear();
    }
    ui.horizontal(|ui| {
        if ui.button("Apply precedence order").clicked() {
            state.confirm = Some((
                "Sort the waiting speakers into the precedence order?".into(),
                Action::ApplyPrecedence,
            ));
        }
        if ui.button("Carry over to next plenary").clicked() {
            state.confirm = Some((
                "Carry every waiting speaker over to the next plenary meeting?".into(),
                Action::CarryOver,
            ));
        }
    });
}

/// Buttons for the names matching what was typed in `field`; a click fills the field.
fn suggestions(ui: &mut egui::Ui, field: &mut String, names: Vec<&str>) {
    let names: Vec<&str> = names.into_iter().filter(|n| *n != field.trim()).collect();
    if names.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for name in names {
            if ui.small_button(name).clicked() {
                *field = name.to_string();
            }
        }
    });
}
