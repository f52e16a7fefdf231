//! A session's state as one value: what the journal writes every so many commands (a
//! checkpoint), so that a restart reads the last one and replays only the commands after it.
//! The program is not in it: it is the journal's opening record's.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Session;
use crate::meeting::ids::TurnId;
use crate::meeting::program::Program;
use crate::meeting::time::Millis;

/// Everything a session holds beyond its program: a session whose program is left unset,
/// kept out of reach until [`Session::restore`] gives it back its program.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionState(Session);

/// Two states are equal when their sessions are, whatever program each was taken from.
impl PartialEq for SessionState {
    fn eq(&self, other: &SessionState) -> bool {
        let same_program = Session {
            program: Arc::clone(&other.0.program),
            ..self.0.clone()
        };
        same_program == other.0
    }
}

/// The program of a state read back, until it is restored: nothing reads it.
pub(super) fn unset() -> Arc<Program> {
    Arc::new(Program {
        body: String::new(),
        session: String::new(),
        title: String::new(),
        bodies: Default::default(),
        sessions: Default::default(),
        titles: Default::default(),
        mandate: String::new(),
        time_zone: chrono_tz::UTC,
        warning: Millis(0),
        changeover: Millis(0),
        kinds: Default::default(),
        ranks: Vec::new(),
        meetings: Vec::new(),
    })
}

impl Session {
    /// The session's state, without its program.
    pub fn state(&self) -> SessionState {
        SessionState(self.clone())
    }

    /// This session's program with `state`, once `state` is checked to fit the program: every
    /// list and turn in a meeting and segment the program has, every turn named where it is,
    /// the floor and an interruption on turns that exist. A state read from a file is outside
    /// input; nothing in it may make the session index past its lists.
    pub fn restore(self, state: SessionState) -> Result<Session, String> {
        if state.0.rehearsal != self.rehearsal {
            return Err(
                "the checkpoint is of the other kind of journal (rehearsal or the day)".into(),
            );
        }
        let restored = Session {
            program: self.program,
            ..state.0
        };
        fits(&restored)?;
        Ok(restored)
    }
}

/// Why `state` (its program restored) cannot be a state of its program, if it cannot.
fn fits(state: &Session) -> Result<(), String> {
    let meetings = &state.program.meetings;
    let shape: Vec<usize> = meetings.iter().map(|m| m.segments.len()).collect();
    let lists: Vec<usize> = state.lists.iter().map(Vec::len).collect();
    if shape != lists {
        return Err(format!(
            "the checkpoint's lists ({lists:?} segments per meeting) are not the program's ({shape:?})"
        ));
    }
    let place = |meeting: usize, segment: usize| {
        shape
            .get(meeting)
            .is_some_and(|segments| segment < *segments)
    };
    if !place(state.meeting, state.segment) {
        return Err(format!(
            "the checkpoint's current meeting and segment ({}, {}) are not in the program",
            state.meeting, state.segment
        ));
    }
    for (i, turn) in state.turns.iter().enumerate() {
        if turn.id.0 as usize != i || !place(turn.meeting, turn.segment) {
            return Err(format!(
                "the checkpoint's turn {i} is out of place (id {}, meeting {}, segment {})",
                turn.id, turn.meeting, turn.segment
            ));
        }
    }
    let known = |id: TurnId| (id.0 as usize) < state.turns.len();
    for (m, segments) in state.lists.iter().enumerate() {
        for (s, list) in segments.iter().enumerate() {
            if let Some(id) = list.iter().find(|&&id| {
                !known(id) || {
                    let turn = &state.turns[id.0 as usize];
                    (turn.meeting, turn.segment) != (m, s)
                }
            }) {
                return Err(format!(
                    "the checkpoint lists turn {id} in meeting {m}, segment {s}, where it is not"
                ));
            }
        }
    }
    let floor = state.floor.as_ref().map(|f| f.turn);
    let interrupted = state.interrupted.as_ref().and_then(|i| i.turn);
    if let Some(id) = floor.into_iter().chain(interrupted).find(|&id| !known(id)) {
        return Err(format!(
            "the checkpoint gives the floor to turn {id}, which it does not have"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Action;
    use crate::meeting::command::Interruption;
    use crate::meeting::session::tests::{ok, seed};

    #[test]
    fn a_state_restores_the_same_session_and_a_state_that_does_not_fit_is_refused() {
        let mut session = seed();
        ok(&mut session, Action::Next, "09:59:00");
        ok(&mut session, Action::Start, "10:00:00");
        ok(&mut session, Action::Next, "10:05:00");
        ok(&mut session, Action::Start, "10:05:10");
        let message = Action::Message {
            text: "Please conclude".into(),
        };
        ok(&mut session, message, "10:06:00");
        let point = Action::Interrupt {
            cause: Interruption::PointOfOrder,
            by: Some("Viet Nam".into()),
        };
        ok(&mut session, point, "10:06:30");
        let restored = seed().restore(session.state()).expect("fits");
        assert_eq!(restored, session);

        let refused = |change: &dyn Fn(&mut SessionState)| {
            let mut state = session.state();
            change(&mut state);
            seed().restore(state).expect_err("does not fit")
        };
        let message = refused(&|s| s.0.lists[0][0].push(TurnId(9_999)));
        assert!(message.contains("9999"), "{message}");
        assert!(refused(&|s| s.0.meeting = 99).contains("99"));
        assert!(refused(&|s| drop(s.0.lists.pop())).contains("lists"));
        assert!(refused(&|s| s.0.turns[0].segment = 40).contains("turn 0"));
        let message = refused(&|s| {
            if let Some(floor) = s.0.floor.as_mut() {
                floor.turn = TurnId(12_345);
            }
        });
        assert!(message.contains("12345"), "{message}");
        assert!(refused(&|s| s.0.rehearsal = true).contains("rehearsal"));
    }
}
