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
                    "",
                    "Delegation",
                    "Speaker",
                    "Kind",
                    "Allotted",
                    "Status",
                    "Forecast",
                ] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                let mut segment = None;
                for list_row in view::list_rows(console.session, &console.forecast) {
                    // Each segment under its heading: the numbering starts again with it.
                    if segment.as_ref() != Some(&list_row.segment) {
                        ui.label("");
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
    // The row's commands in a menu beside its number: always in view, whatever the width.
    ui.menu_button("…", |ui| actions(ui, console, row, confirm, naming))
        .response
        .on_hover_text("Move, call, strike, defer, name, reinstate");
    for column in [&row.delegation, &row.speaker, &row.kind, &row.allotted] {
        ui.label(text(column));
    }
    ui.label(text(&describe(&row.status)));
    ui.label(text(&row.forecast));
    ui.end_row();
}

/// The commands of one row, in its menu (egui closes it on a click).
fn actions(
    ui: &mut egui::Ui,
    console: &Console,
    row: &view::ListRow,
    confirm: &mut Option<(String, Action)>,
    naming: &mut Option<(TurnId, String)>,
) {
    let id = row.turn;
    let who = console
        .session
        .turn(id)
        .map_or_else(String::new, |t| t.who());
    let pending = row.status == Status::Pending;
    let waiting_or_called = matches!(row.status, Status::Pending | Status::Speaking);
    let chosen = |ui: &mut egui::Ui, shown: bool, label: &str| shown && ui.button(label).clicked();
    if chosen(ui, pending && row.position > 1, "Move up") {
        console.send(Action::Move {
            turn: id,
            position: row.position - 1,
        });
    }
    if chosen(ui, pending, "Move down") {
        console.send(Action::Move {
            turn: id,
            position: row.position + 1,
        });
    }
    if chosen(ui, pending, "Call now") {
        console.send(Action::Call { turn: id });
    }
    if chosen(ui, waiting_or_called, "Strike…") {
        *confirm = Some((
            format!("Strike {who} from the list?"),
            Action::Strike { turn: id },
        ));
    }
    if chosen(ui, waiting_or_called, "Defer…") {
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
    if let Some(s) = speaker
        && chosen(ui, true, "Speaker's name…")
    {
        *naming = Some((id, s.name.clone()));
    }
    if chosen(ui, row.status == Status::Struck, "Reinstate") {
        console.send(Action::Reinstate { turn: id });
    }
}
