//! The time ledger on the console: speaking time and overtime per delegation, or per group of
//! States, over the whole event so far; sorted by whichever column the chair clicks.

use bevy_egui::egui::{self, RichText};

use crate::meeting::Session;
use crate::records::ledger::{Column, Ledger, sort};
use crate::records::speeches::{SpeechRow, heard};

/// How the ledger is shown: by delegation or by group, sorted by a column.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LedgerView {
    groups: bool,
    by: Column,
}

pub(super) fn show(ui: &mut egui::Ui, session: &Session, view: &mut LedgerView) {
    egui::CollapsingHeader::new("Time ledger (whole event so far)")
        .id_salt("ledger")
        .default_open(false)
        .show(ui, |ui| {
            let heard = heard(session);
            let ledger = Ledger::of(heard.iter().map(SpeechRow::statement));
            ui.horizontal(|ui| {
                ui.selectable_value(&mut view.groups, false, "By delegation");
                ui.selectable_value(&mut view.groups, true, "By group of States");
            });
            let mut lines = if view.groups {
                ledger.groups
            } else {
                ledger.delegations
            };
            sort(&mut lines, view.by);
            egui::Grid::new("ledger-table")
                .striped(true)
                .show(ui, |ui| {
                    for (label, column) in [
                        (
                            if view.groups { "Group" } else { "Delegation" },
                            Column::Name,
                        ),
                        ("Statements", Column::Statements),
                        ("Spoken", Column::Spoken),
                        ("Overtime", Column::Overtime),
                    ] {
                        let marked = if view.by == column {
                            format!("{label} ▾")
                        } else {
                            label.to_string()
                        };
                        if ui.button(RichText::new(marked).strong()).clicked() {
                            view.by = column;
                        }
                    }
                    ui.end_row();
                    for line in &lines {
                        ui.label(&line.who);
                        ui.label(line.total.statements.to_string());
                        ui.label(line.total.spoken.to_string());
                        ui.label(line.total.overtime.to_string());
                        ui.end_row();
                    }
                });
            ui.label(format!(
                "In all: {} statements, {} spoken, {} over",
                ledger.total.statements, ledger.total.spoken, ledger.total.overtime
            ));
        });
}
