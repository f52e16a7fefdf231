//! The General Assembly's procedure beside the list: the right-of-reply list (each
//! delegation's count in this meeting) and explanations of vote at an item. A refusal the
//! chair may override (a third reply, an explanation of vote the program's rule excludes)
//! comes back as a question with the rule quoted; *Yes* sends the override, journaled.

use bevy_egui::egui::{self, RichText};

use super::Console;
use crate::meeting::{Action, TurnId};

/// What the chair has typed for a reply or an explanation of vote.
#[derive(Default)]
pub(super) struct ProcedureForm {
    reply_by: String,
    explains: String,
    item: Option<TurnId>,
}

pub(super) fn show(ui: &mut egui::Ui, console: &Console, form: &mut ProcedureForm) {
    let session = console.session;
    let meeting = session.meeting_index();
    if session.meeting().replies.is_some() {
        ui.label(RichText::new("Right of reply").strong());
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut form.reply_by)
                    .hint_text("Delegation")
                    .desired_width(180.0),
            );
            if ui
                .button("Inscribe to reply")
                .on_hover_text("On this meeting's right-of-reply list, after the last speaker")
                .clicked()
            {
                console.send(Action::InscribeReply {
                    delegation: form.reply_by.trim().to_string(),
                    meeting: None,
                    overriding: false,
                });
                form.reply_by.clear();
            }
        });
        let counts = session.reply_counts(meeting);
        if !counts.is_empty() {
            let words: Vec<String> = counts.iter().map(|(d, n)| format!("{d} {n}")).collect();
            ui.label(format!("Replies in this meeting: {}", words.join(" · ")));
        }
    }
    let items = session.agenda_items(meeting);
    if items.is_empty() {
        return;
    }
    ui.label(RichText::new("Explanation of vote").strong());
    if form
        .item
        .is_none_or(|i| !items.iter().any(|(id, _)| *id == i))
    {
        form.item = items.first().map(|(id, _)| *id);
    }
    ui.horizontal(|ui| {
        let chosen = items
            .iter()
            .find(|(id, _)| Some(*id) == form.item)
            .map_or("", |(_, t)| t.as_str());
        egui::ComboBox::from_id_salt("explanation-item")
            .width(160.0)
            .selected_text(crate::view::shorten(chosen, 24))
            .show_ui(ui, |ui| {
                for (id, title) in &items {
                    ui.selectable_value(&mut form.item, Some(*id), title);
                }
            });
        ui.add(
            egui::TextEdit::singleline(&mut form.explains)
                .hint_text("Delegation")
                .desired_width(130.0),
        );
        if ui.button("Inscribe").clicked()
            && let Some(item) = form.item
        {
            console.send(Action::ExplainVote {
                item,
                delegation: form.explains.trim().to_string(),
                overriding: false,
            });
            form.explains.clear();
        }
    });
}
