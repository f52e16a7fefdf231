//! The right of reply and explanations of vote: the General Assembly's procedure around the
//! list of speakers. A reply goes on its meeting's right-of-reply list, heard after the last
//! speaker, limited to a delegation's first and second reply (10 and 5 minutes); an
//! explanation of vote goes right after the item voted on, unless the program's rule folds
//! them into national statements. The chair may override either refusal; the override is
//! journaled with the command.

use super::rejection::MAX_NAME_CHARS;
use super::{Rejection, Session, Status};
use crate::meeting::event::Event;
use crate::meeting::ids::TurnId;
use crate::meeting::program::{
    Content, EXPLANATION_KIND, EXPLANATION_TITLE, Inscription, REPLY_KIND, Replies, Speaker,
    reply_title,
};
use crate::meeting::time::Millis;

/// A delegation's name as a command gives it: trimmed, present, not absurdly long.
fn delegation_named(text: &str) -> Result<String, Rejection> {
    let name = text.trim();
    if name.is_empty() {
        return Err(Rejection::NoDelegation);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Rejection::NameTooLong);
    }
    Ok(name.to_string())
}

/// A statement of `kind` by `delegation`, its name to be confirmed, titled `title`.
fn statement(delegation: String, title: &str, kind: &str, allotted: Millis) -> Inscription {
    Inscription {
        content: Content::Speaker(Speaker {
            delegation: Some(delegation),
            name: String::new(),
            title: title.to_string(),
            level: None,
            kind: kind.to_string(),
            on_behalf_of: None,
            seat: None,
            delivered_by: None,
        }),
        allotted: Some(allotted),
        fixed: false,
    }
}

impl Session {
    /// Each delegation's replies on meeting `meeting`'s right-of-reply list (struck or not
    /// heard ones not counted), in the order they first asked.
    pub fn reply_counts(&self, meeting: usize) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let Some(segment) = self
            .program
            .meetings
            .get(meeting)
            .and_then(|m| m.reply_segment())
        else {
            return counts;
        };
        for &id in self.list(meeting, segment) {
            let Some(turn) = self.turn(id) else { continue };
            if matches!(turn.status, Status::Struck | Status::Deferred { .. }) {
                continue;
            }
            if let Content::Speaker(Speaker {
                delegation: Some(d),
                ..
            }) = &turn.inscription.content
            {
                match counts
                    .iter_mut()
                    .find(|(name, _)| name.eq_ignore_ascii_case(d))
                {
                    Some((_, n)) => *n += 1,
                    None => counts.push((d.clone(), 1)),
                }
            }
        }
        counts
    }

    /// `InscribeReply`: a delegation on a meeting's right-of-reply list.
    pub(super) fn inscribe_reply(
        &mut self,
        delegation: &str,
        meeting: Option<&str>,
        overriding: bool,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let delegation = delegation_named(delegation)?;
        let m = match meeting {
            Some(id) => self
                .program
                .meeting_index(id)
                .ok_or_else(|| Rejection::NoSuchMeeting(id.to_string()))?,
            None => self.meeting,
        };
        let shown = &self.program.meetings[m];
        let (Some(replies), Some(segment)) = (shown.replies, shown.reply_segment()) else {
            return Err(Rejection::NoRepliesHere(shown.id.clone()));
        };
        // The name as first written ("Russian Federation", not "russian federation ").
        let (delegation, before) = self
            .reply_counts(m)
            .into_iter()
            .find(|(d, _)| d.eq_ignore_ascii_case(&delegation))
            .unwrap_or((delegation, 0));
        if before >= 2 && !overriding {
            return Err(Rejection::ThirdReply {
                delegation,
                meeting: shown.id.clone(),
                first: replies.first.to_string(),
                second: replies.second.to_string(),
            });
        }
        let reply = before + 1;
        let title = reply_title(reply);
        let meeting_id = shown.id.clone();
        let inscription = statement(
            delegation.clone(),
            &title,
            REPLY_KIND,
            Replies::limit(&replies, reply),
        );
        let turn = self.add_turn(m, segment, inscription, None);
        events.push(Event::ReplyInscribed {
            turn,
            meeting: meeting_id,
            delegation,
            reply,
            overridden: before >= 2,
        });
        Ok(())
    }

    /// The agenda items of meeting `meeting` (those an explanation of vote may follow), by
    /// id and title, in program order.
    pub fn agenda_items(&self, meeting: usize) -> Vec<(TurnId, String)> {
        self.turns
            .iter()
            .filter(|t| t.meeting == meeting)
            .filter_map(|t| match &t.inscription.content {
                Content::Item(item) => Some((t.id, item.title.clone())),
                Content::Speaker(_) => None,
            })
            .collect()
    }

    /// `ExplainVote`: an explanation of vote right after the item (and the explanations
    /// already inscribed after it).
    pub(super) fn explain_vote(
        &mut self,
        item: TurnId,
        delegation: &str,
        overriding: bool,
        events: &mut Vec<Event>,
    ) -> Result<(), Rejection> {
        let delegation = delegation_named(delegation)?;
        let t = self.turn(item).ok_or(Rejection::NoSuchTurn(item))?;
        let Content::Item(agenda_item) = &t.inscription.content else {
            return Err(Rejection::NotAnItem { who: t.who() });
        };
        let folded = agenda_item.no_explanations_of_vote.clone();
        if let Some(rule) = &folded
            && !overriding
        {
            return Err(Rejection::ExplanationsFolded {
                item: agenda_item.title.clone(),
                rule: rule.clone(),
            });
        }
        let (meeting, segment) = (t.meeting, t.segment);
        let list = self.list(meeting, segment);
        let mut at = list
            .iter()
            .position(|&id| id == item)
            .map_or(list.len(), |p| p + 1);
        while list.get(at).and_then(|&id| self.turn(id)).is_some_and(
            |t| matches!(&t.inscription.content, Content::Speaker(s) if s.kind == EXPLANATION_KIND),
        ) {
            at += 1;
        }
        let limit = self
            .program
            .kinds
            .get(EXPLANATION_KIND)
            .and_then(|k| k.limit)
            .unwrap_or(Millis::from_mins(10));
        let inscription = statement(
            delegation.clone(),
            EXPLANATION_TITLE,
            EXPLANATION_KIND,
            limit,
        );
        let turn = self.add_turn(meeting, segment, inscription, Some(at));
        events.push(Event::ExplanationInscribed {
            turn,
            item,
            delegation,
            overridden: folded.is_some(),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Action;
    use crate::meeting::config::{RawReplies, Sources};
    use crate::meeting::session::tests::{run, seed};

    fn apply(s: &mut Session, action: Action) -> Result<Vec<Event>, Rejection> {
        run(s, action, "12:00:00")
    }

    fn reply(delegation: &str, meeting: Option<&str>) -> Action {
        Action::InscribeReply {
            delegation: delegation.into(),
            meeting: meeting.map(str::to_string),
            overriding: false,
        }
    }

    #[test]
    fn a_panel_has_no_right_of_reply_and_a_reply_names_its_delegation() {
        let mut s = seed();
        assert_eq!(
            apply(&mut s, reply("Cuba", Some("panel-1"))),
            Err(Rejection::NoRepliesHere("panel-1".into()))
        );
        assert_eq!(
            apply(&mut s, reply("   ", None)),
            Err(Rejection::NoDelegation)
        );
        assert_eq!(
            apply(&mut s, reply("Cuba", Some("wed-am"))),
            Err(Rejection::NoSuchMeeting("wed-am".into()))
        );
        // Another meeting's list, by name: its own count.
        apply(&mut s, reply("Cuba", Some("tue-am"))).expect("tue-am");
        let tue_am = s.program().meeting_index("tue-am").expect("tue-am");
        assert_eq!(s.reply_counts(tue_am), vec![("Cuba".to_string(), 1)]);
        assert!(s.reply_counts(0).is_empty());
        assert_eq!(
            s.agenda_items(0),
            vec![(
                TurnId(6),
                "Adoption of the political declaration".to_string()
            )]
        );
    }

    #[test]
    fn a_meeting_may_set_its_own_limits_and_a_struck_reply_does_not_count() {
        let mut sources = Sources::seed().expect("seed");
        sources.program.meetings[0].right_of_reply = Some(RawReplies {
            first: "7:00".into(),
            second: "3:00".into(),
        });
        let mut s = Session::from_sources(&sources).expect("valid");
        let events = apply(&mut s, reply("Cuba", None)).expect("first");
        let [Event::ReplyInscribed { turn, .. }] = events[..] else {
            panic!("{events:?}")
        };
        assert_eq!(
            s.turn(turn).expect("turn").inscription.allotted,
            Some(Millis::from_mins(7))
        );
        apply(&mut s, Action::Strike { turn }).expect("struck");
        let events = apply(&mut s, reply("Cuba", None)).expect("again a first");
        assert!(matches!(
            events[..],
            [Event::ReplyInscribed { reply: 1, .. }]
        ));
        // Not deferred to another meeting: a reply belongs to its own.
        let [Event::ReplyInscribed { turn, .. }] = events[..] else {
            panic!("{events:?}")
        };
        assert!(matches!(
            apply(&mut s, Action::Defer { turn }),
            Err(Rejection::BelongsToItsMeeting { .. })
        ));
    }

    #[test]
    fn a_reply_s_number_is_read_back_from_the_title_it_was_given() {
        let mut s = seed();
        let mut numbers = Vec::new();
        for overriding in [false, false, true, true] {
            let events = apply(
                &mut s,
                Action::InscribeReply {
                    delegation: "Cuba".into(),
                    meeting: None,
                    overriding,
                },
            )
            .expect("inscribed");
            let [Event::ReplyInscribed { turn, reply, .. }] = events[..] else {
                panic!("{events:?}")
            };
            let Some(Content::Speaker(speaker)) =
                s.turn(turn).map(|t| t.inscription.content.clone())
            else {
                panic!("a speaker")
            };
            numbers.push((reply, speaker.reply_number(), speaker.title));
        }
        assert_eq!(
            numbers,
            [
                (1, Some(1), "Right of reply".to_string()),
                (2, Some(2), "Right of reply (second)".to_string()),
                (
                    3,
                    Some(3),
                    "Right of reply (3, by leave of the President)".to_string()
                ),
                (
                    4,
                    Some(4),
                    "Right of reply (4, by leave of the President)".to_string()
                ),
            ]
        );
        // Only the titles the session gives: a reply titled otherwise, another statement.
        let titled = |kind: &str, title: &str| Speaker {
            delegation: Some("Cuba".into()),
            name: String::new(),
            title: title.into(),
            level: None,
            kind: kind.into(),
            on_behalf_of: None,
            seat: None,
            delivered_by: None,
        };
        for title in [
            "Right of reply (1, by leave of the President)",
            "Right of reply (03, by leave of the President)",
            "Right of reply (third)",
            "Right of reply ",
            "",
        ] {
            assert_eq!(titled(REPLY_KIND, title).reply_number(), None, "{title:?}");
        }
        assert_eq!(titled("member", "Right of reply").reply_number(), None);
    }
}
