//! Points of order, motions and rulings: the chair stops the speaker's clock with its cause,
//! watches the interruption's own clock, and gives the floor back with the time the speaker had.

use bevy_egui::egui::{self, RichText};

use super::{Console, big};
use crate::meeting::{Action, Interruption};

/// What the chair has chosen and typed for the next interruption.
pub(super) struct InterruptionForm {
    cause: Interruption,
    by: String,
}

impl Default for InterruptionForm {
    fn default() -> Self {
        InterruptionForm {
            cause: Interruption::PointOfOrder,
            by: String::new(),
        }
    }
}

pub(super) fn show(ui: &mut egui::Ui, console: &Console, form: &mut InterruptionForm) {
    if let Some(interrupted) = console.session.interrupted() {
        // Its clock is the podium's digits meanwhile; the speaker's stopped time is the line
        // under the heading above.
        ui.label(
            RichText::new(format!(
                "{} — {}",
                interrupted.describe(),
                console.podium.digits
            ))
            .size(18.0)
            .strong(),
        );
        if big(ui, "Give the floor back", 260.0) {
            console.send(Action::GiveFloorBack);
        }
        return;
    }
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("interruption-cause")
            .selected_text(form.cause.label())
            .show_ui(ui, |ui| {
                for cause in Interruption::ALL {
                    ui.selectable_value(&mut form.cause, cause, cause.label());
                }
            });
        ui.label("raised by");
        ui.add(
            egui::TextEdit::singleline(&mut form.by)
                .hint_text("delegation")
                .desired_width(160.0),
        );
        if ui
            .button("Interrupt")
            .on_hover_text("Stops the speaker's clock; podium and hall show the interruption")
            .clicked()
        {
            let by = form.by.trim();
            console.send(Action::Interrupt {
                cause: form.cause,
                by: (!by.is_empty()).then(|| by.to_string()),
            });
            form.by.clear();
        }
    });
}
