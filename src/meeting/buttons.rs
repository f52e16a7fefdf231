//! The buttons: the commands that take no argument, by the one name every outside control
//! uses for them — the API's short routes (`POST /api/v1/next`), OSC (`/plenary/next`) and the
//! messages that list them.

use super::command::{Action, Interruption};

/// Each button's name and command, in the order they are listed to a user.
pub const BUTTONS: [(&str, Action); 10] = [
    ("start", Action::Start),
    ("pause", Action::Pause),
    ("resume", Action::Resume),
    ("toggle", Action::StartOrPause),
    ("next", Action::Next),
    ("recall", Action::Recall),
    ("reset", Action::ResetClock),
    ("clear-message", Action::ClearMessage),
    (
        "point-of-order",
        Action::Interrupt {
            cause: Interruption::PointOfOrder,
            by: None,
        },
    ),
    ("floor-back", Action::GiveFloorBack),
];

/// The command of the button named `name`.
pub fn button(name: &str) -> Option<Action> {
    BUTTONS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, action)| action.clone())
}

/// The buttons' names, each with `prefix` (`"/plenary/"`), comma-separated, for messages.
pub fn button_names(prefix: &str) -> String {
    BUTTONS
        .iter()
        .map(|(name, _)| format!("{prefix}{name}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_is_found_by_its_name_and_listed() {
        for (name, action) in BUTTONS {
            assert_eq!(button(name), Some(action));
            assert!(button_names("/api/v1/").contains(&format!("/api/v1/{name}")));
        }
        assert_eq!(button("Next"), None);
        assert!(button_names("").starts_with("start, pause, resume, toggle, next"));
    }
}
