//! The time ledger on the console: speaking time and overtime per delegation or per group of
//! States (sorted by whichever column the chair clicks), or per segment of each meeting, over
//! the whole event so far.

use bevy_egui::egui::{self, RichText};

use crate::meeting::Session;
use crate::records::ledger::{Column, Ledger, Line, Totals, sort};
use crate::records::speeches::{SpeechRow, heard};

/// How the ledger is shown: by delegation, group or segment, sorted by a column.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LedgerView {
    mode: Mode,
    by: Column,
}

/// The longest name a row shows, so that the table keeps to the panel's width (the whole
/// name on hover): "President of the General Assembly", a segment's title.
const NAME_CHARS: usize = 24;

/// Whose totals the table lists.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Mode {
    #[default]
    Delegations,
    Groups,
    Segments,
}

pub(super) fn show(ui: &mut egui::Ui, session: &Session, view: &mut LedgerView) {
    egui::CollapsingHeader::new("Time ledger (whole event so far)")
        .id_salt("ledger")
        .default_open(false)
        .show(ui, |ui| {
            let heard = heard(session);
            let ledger = Ledger::of(heard.iter().map(SpeechRow::statement));
            ui.horizontal(|ui| {
                ui.selectable_value(&mut view.mode, Mode::Delegations, "By delegation");
                ui.selectable_value(&mut view.mode, Mode::Groups, "By group of States");
                ui.selectable_value(&mut view.mode, Mode::Segments, "By segment");
            });
            match view.mode {
                Mode::Segments => segments(ui, &ledger),
                Mode::Delegations => lines(ui, ledger.delegations, "Delegation", view),
                Mode::Groups => lines(ui, ledger.groups, "Group", view),
            }
            ui.label(format!(
                "In all: {} statements, {} spoken, {} over",
                ledger.total.statements, ledger.total.spoken, ledger.total.overtime
            ));
        });
}

/// Delegations or groups, with a header whose click sorts by that column.
fn lines(ui: &mut egui::Ui, mut lines: Vec<Line>, name: &str, view: &mut LedgerView) {
    sort(&mut lines, view.by);
    egui::Grid::new("ledger-table")
        .striped(true)
        .show(ui, |ui| {
            for (label, column) in [
                (name, Column::Name),
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
                ui.label(crate::view::shorten(&line.who, NAME_CHARS))
                    .on_hover_text(&line.who);
                totals(ui, &line.total);
                ui.end_row();
            }
        });
}

/// Each segment of each meeting heard so far, in the order of the day.
fn segments(ui: &mut egui::Ui, ledger: &Ledger) {
    egui::Grid::new("ledger-segments")
        .striped(true)
        .show(ui, |ui| {
            for label in ["Meeting · segment", "Statements", "Spoken", "Overtime"] {
                ui.label(RichText::new(label).strong());
            }
            ui.end_row();
            // One column, cut to the panel's width and whole on hover: the segments' titles
            // are long ("Statements by Member States and observers").
            for s in &ledger.segments {
                let whole = format!("{} · {}", s.meeting, s.segment);
                ui.label(crate::view::shorten(&whole, NAME_CHARS))
                    .on_hover_text(whole);
                totals(ui, &s.totals);
                ui.end_row();
            }
        });
}

fn totals(ui: &mut egui::Ui, t: &Totals) {
    ui.label(t.statements.to_string());
    ui.label(t.spoken.to_string());
    ui.label(t.overtime.to_string());
}
