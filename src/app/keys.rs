//! Keyboard shortcuts, sent through the same inbox as the console's buttons.
//!
//! A keyboard the chair can trust: no plain typing in the console sends a command. In the
//! console, the single-key shortcuts act only while the keys are *live* — the chair turns
//! them on with F2 or the status bar's button, and they turn off by themselves the moment a
//! text field takes the keyboard. Next always needs Ctrl (Ctrl+N), Undo is Ctrl+Z. In the
//! podium and hall windows, where nobody types, the single keys always act.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;

use super::Frame;
use super::ingest::{Feedback, HostInbox, Notice, Snapshot};
use super::theme::PodiumStyle;
use super::windows::Displays;
use crate::meeting::{Action, Source};

/// Whether the console's single-key shortcuts act (off at start).
#[derive(Resource, Default)]
pub struct KeysLive(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<KeysLive>();
    app.add_systems(Update, shortcuts.before(Frame::Ingest));
}

/// Where a key was pressed, and what else was held.
#[derive(Clone, Copy, Debug)]
pub(super) struct KeyContext {
    /// In the chair console's window (else the podium's or the hall's).
    pub in_console: bool,
    /// The console's single keys are live.
    pub live: bool,
    /// Ctrl is held.
    pub ctrl: bool,
}

/// What a key does.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Shortcut {
    Command(Action),
    Undo,
    ToggleLights,
    ToggleLive,
}

/// The keyboard map: what `key` does where it was pressed. Nothing for a plain letter typed
/// into a console whose keys are not live, nothing for a plain N anywhere.
pub(super) fn shortcut(key: KeyCode, at: KeyContext) -> Option<Shortcut> {
    use Shortcut::Command;
    match key {
        KeyCode::KeyZ if at.ctrl => return Some(Shortcut::Undo),
        KeyCode::KeyN if at.ctrl => return Some(Command(Action::Next)),
        KeyCode::F2 if at.in_console => return Some(Shortcut::ToggleLive),
        _ if at.ctrl || (at.in_console && !at.live) => return None,
        _ => {}
    }
    Some(match key {
        KeyCode::Space => Command(Action::StartOrPause),
        KeyCode::KeyE => Command(Action::Extend { seconds: 30 }),
        KeyCode::KeyM => Command(Action::Extend { seconds: 60 }),
        KeyCode::KeyR => Command(Action::Recall),
        KeyCode::KeyB => Command(Action::ToggleBlackout),
        KeyCode::Escape => Command(Action::ClearMessage),
        KeyCode::KeyL => Shortcut::ToggleLights,
        _ => return None,
    })
}

fn shortcuts(
    mut input: MessageReader<KeyboardInput>,
    keys: Res<ButtonInput<KeyCode>>,
    egui: Option<Res<EguiWantsInput>>,
    displays: Res<Displays>,
    snapshot: Res<Snapshot>,
    inbox: Res<HostInbox>,
    mut style: ResMut<PodiumStyle>,
    mut feedback: ResMut<Feedback>,
    mut live: ResMut<KeysLive>,
) {
    // Typing in one of the console's text fields: no shortcut, and the keys go off.
    if egui.is_some_and(|e| e.wants_keyboard_input()) {
        input.clear();
        if live.0 {
            live.0 = false;
        }
        return;
    }
    let console = displays.chair.map(|(window, _)| window);
    // Ctrl as held when the frame began, then as the messages press and release it, in order:
    // a quick Ctrl+Z (all within one frame) is never dropped.
    let ctrl_keys = [KeyCode::ControlLeft, KeyCode::ControlRight];
    let mut ctrl = ctrl_keys
        .iter()
        .any(|&k| (keys.pressed(k) || keys.just_released(k)) && !keys.just_pressed(k));
    for message in input.read() {
        if ctrl_keys.contains(&message.key_code) {
            ctrl = message.state == ButtonState::Pressed;
            continue;
        }
        if message.state != ButtonState::Pressed || message.repeat {
            continue;
        }
        let at = KeyContext {
            in_console: Some(message.window) == console,
            live: live.0,
            ctrl,
        };
        match shortcut(message.key_code, at) {
            Some(Shortcut::Command(Action::ClearMessage))
                if snapshot.session.message().is_none() => {}
            Some(Shortcut::Command(action)) => inbox.send(Source::Keyboard, action),
            Some(Shortcut::Undo) => {
                inbox.catch_up(&mut feedback);
                match feedback.undo() {
                    Ok(action) => inbox.send(Source::Keyboard, action),
                    Err(reason) => feedback.last = Some(Notice::CannotUndo(reason)),
                }
            }
            Some(Shortcut::ToggleLights) => style.lights = !style.lights,
            Some(Shortcut::ToggleLive) => live.0 = !live.0,
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONSOLE: KeyContext = KeyContext {
        in_console: true,
        live: false,
        ctrl: false,
    };

    #[test]
    fn plain_typing_in_a_console_whose_keys_are_not_live_sends_nothing() {
        for key in [
            KeyCode::KeyU,
            KeyCode::KeyN,
            KeyCode::KeyO,
            KeyCode::KeyD,
            KeyCode::KeyC,
            KeyCode::Space,
            KeyCode::KeyE,
            KeyCode::KeyL,
            KeyCode::KeyB,
            KeyCode::KeyR,
            KeyCode::KeyM,
        ] {
            assert_eq!(shortcut(key, CONSOLE), None, "{key:?}");
        }
    }

    #[test]
    fn next_needs_ctrl_everywhere_and_undo_always_acts() {
        let live = KeyContext {
            live: true,
            ..CONSOLE
        };
        let podium = KeyContext {
            in_console: false,
            ..CONSOLE
        };
        for at in [CONSOLE, live, podium] {
            assert_eq!(shortcut(KeyCode::KeyN, at), None);
            let ctrl = KeyContext { ctrl: true, ..at };
            assert_eq!(
                shortcut(KeyCode::KeyN, ctrl),
                Some(Shortcut::Command(Action::Next))
            );
            assert_eq!(shortcut(KeyCode::KeyZ, ctrl), Some(Shortcut::Undo));
        }
    }

    #[test]
    fn single_keys_act_when_live_and_on_the_displays() {
        let live = KeyContext {
            live: true,
            ..CONSOLE
        };
        let hall = KeyContext {
            in_console: false,
            ..CONSOLE
        };
        for at in [live, hall] {
            assert_eq!(
                shortcut(KeyCode::Space, at),
                Some(Shortcut::Command(Action::StartOrPause))
            );
            assert_eq!(
                shortcut(KeyCode::KeyB, at),
                Some(Shortcut::Command(Action::ToggleBlackout))
            );
        }
        assert_eq!(shortcut(KeyCode::F2, CONSOLE), Some(Shortcut::ToggleLive));
        assert_eq!(shortcut(KeyCode::F2, hall), None);
    }
}
