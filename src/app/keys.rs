//! Keyboard shortcuts on any window, sent through the same channel as the console's buttons.

use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;

use super::Frame;
use super::ingest::{Feedback, HostInbox, Notice, Snapshot};
use super::theme::PodiumStyle;
use crate::meeting::{Action, Source};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, shortcuts.before(Frame::Ingest));
}

fn shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    egui: Option<Res<EguiWantsInput>>,
    snapshot: Res<Snapshot>,
    inbox: Res<HostInbox>,
    mut style: ResMut<PodiumStyle>,
    mut feedback: ResMut<Feedback>,
) {
    // Typing in the console's text fields is not a shortcut.
    if egui.is_some_and(|e| e.wants_keyboard_input()) {
        return;
    }
    let session = &snapshot.session;
    // Held, or pressed and already released within this frame (a quick Ctrl+Z).
    let ctrl = [KeyCode::ControlLeft, KeyCode::ControlRight];
    let control = keys.any_pressed(ctrl) || keys.any_just_pressed(ctrl);
    for key in keys.get_just_pressed() {
        let action = match key {
            KeyCode::Space => Some(Action::StartOrPause),
            KeyCode::KeyN => Some(Action::Next),
            KeyCode::KeyE => Some(Action::Extend { seconds: 30 }),
            KeyCode::KeyM => Some(Action::Extend { seconds: 60 }),
            KeyCode::KeyR => Some(Action::Recall),
            KeyCode::KeyB => Some(Action::ToggleBlackout),
            KeyCode::Escape => session.message().map(|_| Action::ClearMessage),
            KeyCode::KeyZ if control => match feedback.undo() {
                Ok(action) => Some(action),
                Err(reason) => {
                    feedback.last = Some(Notice::CannotUndo(reason));
                    None
                }
            },
            KeyCode::KeyL => {
                style.lights = !style.lights;
                None
            }
            _ => None,
        };
        if let Some(action) = action {
            inbox.send(Source::Keyboard, action);
        }
    }
}
