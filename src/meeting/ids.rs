//! The small names every part of the domain shares: which turn, and where a command came from.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Identifies a turn (a speaker or an item on a list) for the whole session: stable across
/// moves, deferrals and replays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TurnId(pub u32);

impl fmt::Display for TurnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Where a command came from; journaled with it (and with every extension it grants).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// A button on the chair console.
    Console,
    /// A keyboard shortcut on any window.
    Keyboard,
    /// The HTTP / WebSocket API.
    Api,
    /// OSC (Companion, Stream Deck).
    Osc,
    /// A line on the standard input of `plenary run --headless`.
    Stdin,
    /// The program itself, on restart (the restart policy).
    Restart,
    /// A test or simulation.
    Test,
}
