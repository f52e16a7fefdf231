//! What the podium shows besides the clock: the chair's message and the blackout.

use super::{MESSAGE_MAX_CHARS, Rejection, Session};
use crate::meeting::event::Event;

impl Session {
    /// `Message`: shows a message to the speaker, replacing any other.
    pub(super) fn show_message(
        &mut self,
        text: &str,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Rejection::EmptyMessage);
        }
        if text.chars().count() > MESSAGE_MAX_CHARS {
            return Err(Rejection::MessageTooLong);
        }
        let previous = self.message.replace(text.to_string());
        events.push(Event::MessageShown {
            text: text.to_string(),
            previous,
        });
        Ok(())
    }

    /// `ClearMessage`: takes the message off the podium.
    pub(super) fn clear_message(&mut self, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let text = self.message.take().ok_or(Rejection::NoMessage)?;
        events.push(Event::MessageCleared { text });
        Ok(())
    }

    /// `Blackout` and `ToggleBlackout`: blanks the podium or brings it back.
    pub(super) fn set_blackout(
        &mut self,
        on: bool,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        if self.blackout == on {
            return Err(if on {
                Rejection::AlreadyBlackedOut
            } else {
                Rejection::NotBlackedOut
            });
        }
        self.blackout = on;
        events.push(Event::BlackoutSet { on });
        Ok(())
    }
}
