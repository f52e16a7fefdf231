//! The time ledger on the console: speaking time and overtime per delegation, or per group of
//! States, over the whole event so far; sorted by whichever column the chair clicks.

use bevy_egui::egui::{self, RichText};

use crate::meeting::Session;
use crate::records::ledger::{Ledger, Line};
use crate::records::speeches::{SpeechRow, heard};

/// How the ledger is shown: by delegation or by group, sorted by a column.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LedgerView {
    groups: bool,
    by: Column,
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Column {
    Name,
    Statements,
    #[default]
    Spoken,
    Overtime,
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

/// Names A to Z; figures largest first (ties by name).
fn sort(lines: &mut [Line], by: Column) {
    lines.sort_by(|a, b| {
        let figures = match by {
            Column::Name => std::cmp::Ordering::Equal,
            Column::Statements => b.total.statements.cmp(&a.total.statements),
            Column::Spoken => b.total.spoken.cmp(&a.total.spoken),
            Column::Overtime => b.total.overtime.cmp(&a.total.overtime),
        };
        figures.then_with(|| a.who.cmp(&b.who))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Millis;
    use crate::records::ledger::Totals;

    fn line(who: &str, statements: usize, spoken: i64, overtime: i64) -> Line {
        Line {
            who: who.into(),
            meetings: Vec::new(),
            total: Totals {
                statements,
                spoken: Millis::from_secs(spoken),
                overtime: Millis::from_secs(overtime),
            },
        }
    }

    #[test]
    fn each_column_sorts_names_a_to_z_and_figures_largest_first() {
        let mut lines = vec![
            line("Chile", 1, 200, 20),
            line("Brazil", 2, 300, 0),
            line("Angola", 1, 200, 5),
        ];
        fn order(lines: &[Line]) -> Vec<&str> {
            lines.iter().map(|l| l.who.as_str()).collect()
        }
        sort(&mut lines, Column::Name);
        assert_eq!(order(&lines), ["Angola", "Brazil", "Chile"]);
        sort(&mut lines, Column::Spoken);
        assert_eq!(order(&lines), ["Brazil", "Angola", "Chile"]);
        sort(&mut lines, Column::Overtime);
        assert_eq!(order(&lines), ["Chile", "Angola", "Brazil"]);
        sort(&mut lines, Column::Statements);
        assert_eq!(order(&lines), ["Brazil", "Angola", "Chile"]);
    }
}
