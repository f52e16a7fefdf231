//! The list of speakers of the current meeting: position, delegation, speaker, kind, allotted
//! time, status, forecast start, and each row's commands.

use bevy_egui::egui::{self, RichText};

use super::Console;
use crate::app::theme::{HIGHLIGHT, egui_colour};
use crate::meeting::program::Content;
use crate::meeting::session::describe;
use crate::meeting::{Action, Status, TurnId};
use crate::view;

pub(super) fn show(
    ui: &mut egui::Ui,
    console: &Console,
    confirm: &mut Option<(String, Action)>,
    naming: &mut Option<(TurnId, String)>,
) {
    ui.heading("List of speakers");
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("list")
            .striped(true)
            .num_columns(8)
            .show(ui, |ui| {
                for h in [
                    "#",
                    "Delegation",
                    "Speaker",
                    "Kind",
                    "Allotted",
                    "Status",
                    "Forecast",
                    "",
                ] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                let mut segment = None;
                for list_row in view::list_rows(console.session, &console.forecast) {
                    // Each segment under its heading: the numbering starts again with it.
                    if segment.as_ref() != Some(&list_row.segment) {
                        ui.label("");
                        ui.label(RichText::new(&list_row.segment).strong().size(15.0));
                        ui.end_row();
                        segment = Some(list_row.segment.clone());
                    }
                    row(ui, console, &list_row, confirm, naming);
                }
            });
    });
}

fn row(
    ui: &mut egui::Ui,
    console: &Console,
    row: &view::ListRow,
    confirm: &mut Option<(String, Action)>,
    naming: &mut Option<(TurnId, String)>,
) {
    let text = |s: &str| {
        if row.status == Status::Speaking {
            RichText::new(s).strong().color(egui_colour(HIGHLIGHT))
        } else {
            RichText::new(s)
        }
    };
    ui.label(text(&row.position.to_string()));
    for column in [&row.delegation, &row.speaker, &row.kind, &row.allotted] {
        ui.label(text(column));
    }
    ui.label(text(&describe(&row.status)));
    ui.label(text(&row.forecast));
    let id = row.turn;
    let who = console
        .session
        .turn(id)
        .map_or_else(String::new, |t| t.who());
    ui.horizontal(|ui| {
        let pending = row.status == Status::Pending;
        if pending && ui.small_button("Up").clicked() && row.position > 1 {
            console.send(Action::Move {
                turn: id,
                position: row.position - 1,
            });
        }
        if pending && ui.small_button("Down").clicked() {
            console.send(Action::Move {
                turn: id,
                position: row.position + 1,
            });
        }
        if pending && ui.small_button("Call").clicked() {
            console.send(Action::Call { turn: id });
        }
        let waiting_or_called = matches!(row.status, Status::Pending | Status::Speaking);
        if waiting_or_called && ui.small_button("Strike").clicked() {
            *confirm = Some((
                format!("Strike {who} from the list?"),
                Action::Strike { turn: id },
            ));
        }
        if waiting_or_called && ui.small_button("Defer").clicked() {
            *confirm = Some((
                format!("Defer {who} to the next plenary meeting?"),
                Action::Defer { turn: id },
            ));
        }
        let speaker = console
            .session
            .turn(id)
            .and_then(|t| match &t.inscription.content {
                Content::Speaker(s) => Some(s),
                Content::Item(_) => None,
            });
        if let Some(s) = speaker {
            let label = if s.named() { "Name" } else { "Name…" };
            if ui.small_button(label).clicked() {
                *naming = Some((id, s.name.clone()));
            }
        }
        if row.status == Status::Struck && ui.small_button("Reinstate").clicked() {
            console.send(Action::Reinstate { turn: id });
        }
    });
    ui.end_row();
}
