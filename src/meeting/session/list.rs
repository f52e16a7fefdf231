//! The list of speakers: insert, move, strike, reinstate, defer, carry over, precedence.

use super::{Rejection, Session, Status, Turn, describe};
use crate::meeting::config::{RawSpeaker, SpeakerProblem, inscribe};
use crate::meeting::event::Event;
use crate::meeting::ids::TurnId;
use crate::meeting::program::{Class, Content, EXPLANATION_KIND, REPLY_KIND};

impl Session {
    /// `Insert`: inscribes a speaker on a meeting's list, at a 1-based position or at the end.
    pub(super) fn insert(
        &mut self,
        raw: &RawSpeaker,
        position: Option<usize>,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let meeting = match &raw.meeting {
            Some(id) => self
                .program
                .meeting_index(id)
                .ok_or_else(|| SpeakerProblem {
                    field: "meeting",
                    problem: format!("there is no meeting `{id}`"),
                })?,
            None => self.meeting,
        };
        let meeting_id = self.program.meetings[meeting].id.clone();
        if raw.seat.is_some() {
            return Err(SpeakerProblem {
                field: "seat",
                problem: "a seat is filled by naming its speaker (SetName)".into(),
            }
            .into());
        }
        let segment = match raw.segment.as_deref() {
            Some(id) => self.program.meetings[meeting]
                .segment_for_speakers(id)
                .map_err(|problem| SpeakerProblem {
                    field: "segment",
                    problem,
                })?,
            None => self.program.meetings[meeting]
                .list_segment()
                .ok_or_else(|| Rejection::NoList(meeting_id.clone()))?,
        };
        let inscription = inscribe(&self.program, raw)?;
        let len = self.lists[meeting][segment].len();
        let at = match position {
            None => len,
            Some(p) if (1..=len + 1).contains(&p) => p - 1,
            Some(p) => {
                return Err(Rejection::NoSuchPosition {
                    position: p,
                    last: len + 1,
                });
            }
        };
        let turn = self.add_turn(meeting, segment, inscription, Some(at));
        events.push(Event::Inserted {
            turn,
            meeting: meeting_id,
            position: self.position(turn).unwrap_or_default(),
        });
        Ok(())
    }

    /// `Move`: moves a waiting speaker to a 1-based position on their list.
    pub(super) fn move_turn(
        &mut self,
        turn: TurnId,
        position: usize,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let t = self.pending_turn(turn, "moved")?;
        let list = &mut self.lists[t.meeting][t.segment];
        if position == 0 || position > list.len() {
            return Err(Rejection::NoSuchPosition {
                position,
                last: list.len(),
            });
        }
        let from = list.iter().position(|&id| id == turn).map_or(0, |p| p + 1);
        list.retain(|&id| id != turn);
        list.insert(position - 1, turn);
        events.push(Event::Moved {
            turn,
            from,
            position,
        });
        Ok(())
    }

    /// `SetName`: enters or corrects a speaker's name.
    pub(super) fn set_name(
        &mut self,
        turn: TurnId,
        name: &str,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let t = self.turn(turn).ok_or(Rejection::NoSuchTurn(turn))?;
        let Content::Speaker(speaker) = &t.inscription.content else {
            return Err(Rejection::ItemHasNoName { who: t.who() });
        };
        let name = name.trim();
        if speaker.name == name {
            return Err(Rejection::SameName {
                who: t.who(),
                name: name.to_string(),
            });
        }
        let previous = speaker.name.clone();
        if let Some(Content::Speaker(s)) = self
            .turns
            .get_mut(turn.0 as usize)
            .map(|t| &mut t.inscription.content)
        {
            s.name = name.to_string();
        }
        events.push(Event::NameSet {
            turn,
            name: name.to_string(),
            previous,
        });
        Ok(())
    }

    /// `Strike`: strikes a waiting (or called, not started) speaker from the list.
    pub(super) fn strike(
        &mut self,
        turn: TurnId,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        self.waiting_or_called(turn, "struck")?;
        if self.floor.as_ref().is_some_and(|f| f.turn == turn) {
            self.floor = None;
        }
        self.set_status(turn, Status::Struck);
        events.push(Event::Struck { turn });
        Ok(())
    }

    /// `Reinstate`: puts a struck speaker back on the list.
    pub(super) fn reinstate(
        &mut self,
        turn: TurnId,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        if self.status(turn) != Some(&Status::Struck) {
            return Err(Rejection::NotStruck {
                who: self.who(turn),
            });
        }
        self.set_status(turn, Status::Pending);
        events.push(Event::Reinstated { turn });
        Ok(())
    }

    /// `Defer`: moves a speaker to the end of the next plenary meeting's list.
    pub(super) fn defer(&mut self, turn: TurnId, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let t = self.waiting_or_called(turn, "deferred")?;
        match &t.inscription.content {
            Content::Item(_) => return Err(Rejection::ItemNotDeferred { who: t.who() }),
            Content::Speaker(s) if s.kind == REPLY_KIND || s.kind == EXPLANATION_KIND => {
                return Err(Rejection::BelongsToItsMeeting { who: t.who() });
            }
            Content::Speaker(_) => {}
        }
        let target = self.later_plenary(t.meeting)?;
        if self.floor.as_ref().is_some_and(|f| f.turn == turn) {
            self.floor = None;
        }
        let to = self.program.meetings[target].id.clone();
        let segment = self.program.meetings[target]
            .list_segment()
            .unwrap_or_default();
        let new_turn = self.add_turn(target, segment, t.inscription, None);
        self.set_status(turn, Status::Deferred { to: to.clone() });
        events.push(Event::Deferred {
            turn,
            to_meeting: to,
            new_turn,
        });
        Ok(())
    }

    /// `CarryOver`: moves every waiting speaker of the current meeting's list to the head
    /// of the next plenary meeting's list, in their order.
    pub(super) fn carry_over(&mut self, events: &mut Vec<Event>) -> Result<(), Rejection> {
        let segment = self.meeting().list_segment().ok_or(Rejection::NoListHere)?;
        let waiting: Vec<TurnId> = self.lists[self.meeting][segment]
            .iter()
            .copied()
            .filter(|&id| self.status(id) == Some(&Status::Pending))
            .collect();
        if waiting.is_empty() {
            return Err(Rejection::NothingToCarryOver);
        }
        let target = self.later_plenary(self.meeting)?;
        let to = self.program.meetings[target].id.clone();
        let target_segment = self.program.meetings[target]
            .list_segment()
            .unwrap_or_default();
        let mut moved = Vec::with_capacity(waiting.len());
        for (i, id) in waiting.into_iter().enumerate() {
            let inscription = self.turns[id.0 as usize].inscription.clone();
            let new_turn = self.add_turn(target, target_segment, inscription, Some(i));
            self.set_status(id, Status::Deferred { to: to.clone() });
            moved.push((id, new_turn));
        }
        events.push(Event::CarriedOver {
            to_meeting: to,
            turns: moved,
        });
        Ok(())
    }

    /// `ApplyPrecedence`: sorts the waiting speakers of the current meeting's list.
    pub(super) fn apply_precedence(&mut self, events: &mut Vec<Event>) -> Result<(), Rejection> {
        if self.meeting().list_segment().is_none() {
            return Err(Rejection::NoListHere);
        }
        let fixed_kept = self.sort_by_precedence(self.meeting);
        events.push(Event::PrecedenceApplied {
            meeting: self.meeting().id.clone(),
            fixed_kept,
        });
        Ok(())
    }

    fn pending_turn(&self, id: TurnId, verb: &'static str) -> Result<Turn, Rejection> {
        let t = self.turn(id).ok_or(Rejection::NoSuchTurn(id))?;
        if t.status != Status::Pending {
            return Err(Rejection::NotPending {
                who: t.who(),
                verb,
                status: describe(&t.status),
            });
        }
        Ok(t.clone())
    }

    /// A pending turn, or the one on the floor if their clock has not started.
    fn waiting_or_called(&self, id: TurnId, verb: &'static str) -> Result<Turn, Rejection> {
        if let Some(f) = &self.floor
            && f.turn == id
        {
            if f.clock.is_started() {
                return Err(Rejection::Speaking { who: self.who(id) });
            }
            return self.turn(id).cloned().ok_or(Rejection::NoSuchTurn(id));
        }
        self.pending_turn(id, verb)
    }

    pub(super) fn later_plenary(&self, from: usize) -> Result<usize, Rejection> {
        self.program
            .next_plenary(from)
            .ok_or(Rejection::NoLaterPlenary)
    }

    /// The precedence key: group statements first; then level of representation; Member
    /// States before observers before others; then order of inscription.
    fn precedence(&self, t: &Turn) -> (u8, usize, Class, u32) {
        match &t.inscription.content {
            Content::Speaker(s) => {
                let class = self.program.kind_of(s).map_or(Class::Other, |k| k.class);
                let group = u8::from(class != Class::Group);
                (
                    group,
                    self.program.rank_of(s.level.as_deref()),
                    class,
                    t.inscribed,
                )
            }
            Content::Item(_) => (2, usize::MAX, Class::Other, t.inscribed),
        }
    }

    /// Sorts the waiting turns of a meeting's list into the precedence order; turns that
    /// have spoken, been struck or deferred keep their places, and so do those whose position
    /// the list fixed. Returns how many waiting turns were fixed.
    pub(super) fn sort_by_precedence(&mut self, meeting: usize) -> usize {
        let Some(segment) = self.program.meetings[meeting].list_segment() else {
            return 0;
        };
        let list = self.lists[meeting][segment].clone();
        let pending = |i: &usize| self.status(list[*i]) == Some(&Status::Pending);
        let fixed = |i: &usize| self.turns[list[*i].0 as usize].inscription.fixed;
        let fixed_kept = (0..list.len()).filter(|i| pending(i) && fixed(i)).count();
        let slots: Vec<usize> = (0..list.len())
            .filter(|i| pending(i) && !fixed(i))
            .collect();
        let mut waiting: Vec<TurnId> = slots.iter().map(|&i| list[i]).collect();
        waiting.sort_by_key(|&id| self.precedence(&self.turns[id.0 as usize]));
        let target = &mut self.lists[meeting][segment];
        for (slot, id) in slots.into_iter().zip(waiting) {
            target[slot] = id;
        }
        fixed_kept
    }
}
