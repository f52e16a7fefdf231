//! The General Assembly's procedure around the list, as a day uses it: a day that ends with
//! rights of reply (a third refused, then allowed by the President and journaled), and an
//! explanation of vote at the adoption of the political declaration refused by the rule of
//! resolution 79/286, paragraph 2 (a), quoted, then overridden.

mod support;

use plenary::host::Desk as Host;
use plenary::host::ManualClock;
use plenary::meeting::program::Content;
use plenary::meeting::{Action, Event, Lang, Millis, Rejection, Stamp, TurnId};
use plenary::view;
use support::{console_at, seed_host, venue};

fn monday(time: &str) -> Stamp {
    venue("2025-11-24", time)
}

fn host(path: &std::path::Path, at: &str) -> (Host, std::sync::Arc<ManualClock>) {
    seed_host(path, monday(at))
}

/// Sends `action` from the console at `time`: its events, or the session's refusal.
fn send(
    h: &mut Host,
    clock: &ManualClock,
    time: &str,
    action: Action,
) -> Result<Vec<Event>, Rejection> {
    console_at(h, clock, monday(time), action)
}

fn reply(delegation: &str, overriding: bool) -> Action {
    Action::InscribeReply {
        delegation: delegation.into(),
        meeting: None,
        overriding,
    }
}

#[test]
fn a_day_that_ends_with_rights_of_reply() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("monday.journal");
    let (mut h, clock) = host(&journal, "10:59:00");
    send(
        &mut h,
        &clock,
        "11:00:00",
        Action::BeginSegment {
            segment: "statements".into(),
            waiting: None,
        },
    )
    .expect("statements");
    // During the morning, delegations ask for the floor to reply.
    let first = send(
        &mut h,
        &clock,
        "11:20:00",
        reply("Russian Federation", false),
    )
    .expect("1st");
    assert!(matches!(
        &first[..],
        [Event::ReplyInscribed {
            reply: 1,
            overridden: false,
            ..
        }]
    ));
    send(&mut h, &clock, "11:40:00", reply("Ukraine", false)).expect("Ukraine");
    send(
        &mut h,
        &clock,
        "12:00:00",
        reply("russian federation ", false),
    )
    .expect("2nd");
    let third = send(
        &mut h,
        &clock,
        "12:10:00",
        reply("Russian Federation", false),
    )
    .expect_err("a third is refused");
    assert_eq!(
        third.to_string(),
        "Russian Federation has already replied twice in `mon-am` (a first reply of 10:00, a \
         second of 5:00): the General Assembly allows two replies on the same item; a third \
         needs the President's leave (override)"
    );
    assert!(third.overridable());
    let allowed = send(
        &mut h,
        &clock,
        "12:11:00",
        reply("Russian Federation", false)
            .overridden()
            .expect("has one"),
    )
    .expect("by leave of the President");
    assert!(matches!(
        &allowed[..],
        [Event::ReplyInscribed {
            reply: 3,
            overridden: true,
            ..
        }]
    ));
    assert_eq!(
        h.session().reply_counts(0),
        vec![
            ("Russian Federation".to_string(), 3),
            ("Ukraine".to_string(), 1)
        ]
    );
    // A speaker inscribed later still speaks before the replies.
    send(
        &mut h,
        &clock,
        "12:12:00",
        Action::Insert {
            speaker: Box::new(plenary::meeting::RawSpeaker {
                delegation: Some("Chile".into()),
                name: "Valeria Núñez".into(),
                kind: "individual".into(),
                ..Default::default()
            }),
            position: None,
        },
    )
    .expect("inscribed");

    // The override is in the journal, with the command.
    drop(h);
    let replayed = plenary::journal::read(&journal).expect("journal");
    let overrides: Vec<_> = replayed
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.command.action,
                Action::InscribeReply {
                    overriding: true,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(overrides.len(), 1);
    let (mut h, clock) = host(&journal, "12:13:00");
    let queue = h.session().queue();
    let allotted: Vec<(String, Option<Millis>)> = queue[queue.len() - 5..]
        .iter()
        .map(|&id| {
            let t = h.session().turn(id).expect("turn");
            (t.who(), t.inscription.allotted)
        })
        .collect();
    let mins = |m| Some(Millis::from_mins(m));
    assert_eq!(
        allotted,
        vec![
            ("Chile".to_string(), mins(3)),
            ("Russian Federation".to_string(), mins(10)),
            ("Ukraine".to_string(), mins(10)),
            ("Russian Federation".to_string(), mins(5)),
            ("Russian Federation".to_string(), mins(5)),
        ]
    );

    // The list runs out; the replies come after the last speaker.
    let mut minute = 13 * 60 + 14;
    for _ in 0..100 {
        let time = |secs| format!("{:02}:{:02}:{secs:02}", minute / 60, minute % 60);
        send(&mut h, &clock, &time(0), Action::Start).expect("start");
        send(&mut h, &clock, &time(50), Action::Next).expect("next");
        minute += 1;
        let on_floor = h.session().floor_turn().expect("floor").clone();
        if let Content::Speaker(s) = &on_floor.inscription.content
            && s.is_reply()
        {
            assert_eq!(on_floor.who(), "Russian Federation");
            break;
        }
    }
    let now = monday(&format!("{:02}:{:02}:00", minute / 60, minute % 60));
    let podium = view::podium(h.session(), &now);
    assert_eq!(
        (
            podium.who.as_str(),
            podium.speaker.as_str(),
            podium.digits.as_str()
        ),
        ("Russian Federation", "Right of reply", "10:00")
    );
    let hall = view::hall(h.session(), &now);
    let current = hall.current.expect("current");
    assert_eq!(
        (current.headline.as_str(), current.detail.as_str()),
        ("Russian Federation", "Right of reply")
    );
    assert_eq!(hall.next[0].1, "Ukraine — Right of reply");
    assert_eq!(
        hall.next[1].1,
        "Russian Federation — Right of reply (second)"
    );
    assert_eq!(
        hall.next[2].1,
        "Russian Federation — Right of reply (3, by leave of the President)"
    );
    // Every reply's title, as the list and the report write it, is what an English display
    // says of it.
    let english = view::Wording::new(Lang::En);
    for &id in h.session().queue().iter() {
        if let Some(Content::Speaker(s)) = h.session().turn(id).map(|t| &t.inscription.content)
            && s.is_reply()
        {
            assert_eq!(english.title(s), s.title);
        }
    }

    // A French display says which reply it is in French, on the podium and in the hall.
    let podium = view::podium_in(h.session(), &now, Lang::Fr);
    assert_eq!(
        (podium.who.as_str(), podium.speaker.as_str()),
        ("Fédération de Russie", "Droit de réponse")
    );
    let hall = view::hall_in(h.session(), &now, Lang::Fr);
    assert_eq!(hall.current.expect("current").detail, "Droit de réponse");
    let next: Vec<&str> = hall
        .next
        .iter()
        .take(3)
        .map(|(_, who)| who.as_str())
        .collect();
    assert_eq!(
        next,
        [
            "Ukraine — Droit de réponse",
            "Fédération de Russie — Droit de réponse (deuxième)",
            "Fédération de Russie — Droit de réponse (3e, avec l’autorisation de la présidence)",
        ]
    );
    let hall = view::hall_in(h.session(), &now, Lang::Zh);
    assert_eq!(hall.next[1].1, "俄罗斯联邦 — 答辩权（第二次）");
}

#[test]
fn no_explanation_of_vote_at_the_adoption_of_the_declaration_unless_the_chair_overrides() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("monday.journal");
    let (mut h, clock) = host(&journal, "09:59:00");
    let opening: Vec<TurnId> = h.session().list(0, 0).to_vec();
    let adoption = *opening.last().expect("the adoption item");
    let explain = |overriding| Action::ExplainVote {
        item: adoption,
        delegation: "Hungary".into(),
        overriding,
    };
    let refused = send(&mut h, &clock, "10:50:00", explain(false)).expect_err("the rule");
    assert_eq!(
        refused.to_string(),
        "no explanation of vote at Adoption of the political declaration: resolution 79/286, \
         paragraph 2 (a): any explanation of vote on the political declaration shall be \
         incorporated into national statements instead of being made at the opening segment \
         (the chair may override)"
    );
    assert!(refused.overridable());
    let events = send(&mut h, &clock, "10:50:10", explain(true)).expect("overridden");
    assert!(matches!(
        &events[..],
        [Event::ExplanationInscribed {
            overridden: true,
            ..
        }]
    ));
    send(
        &mut h,
        &clock,
        "10:50:20",
        Action::ExplainVote {
            item: adoption,
            delegation: "Nicaragua".into(),
            overriding: true,
        },
    )
    .expect("a second");
    // Right after the item, in the order asked, ten minutes each.
    let after: Vec<(String, Option<Millis>)> = h.session().list(0, 0)[opening.len()..]
        .iter()
        .map(|&id| {
            let t = h.session().turn(id).expect("turn");
            (t.who(), t.inscription.allotted)
        })
        .collect();
    assert_eq!(
        after,
        vec![
            ("Hungary".to_string(), Some(Millis::from_mins(10))),
            ("Nicaragua".to_string(), Some(Millis::from_mins(10))),
        ]
    );
    // An explanation of vote is not a speaker to inscribe on the list.
    let on_list = send(
        &mut h,
        &clock,
        "10:51:00",
        Action::Insert {
            speaker: Box::new(plenary::meeting::RawSpeaker {
                delegation: Some("Hungary".into()),
                kind: "explanation-of-vote".into(),
                ..Default::default()
            }),
            position: None,
        },
    )
    .expect_err("its own place");
    assert!(
        on_list
            .to_string()
            .contains("after the item voted on (ExplainVote)"),
        "{on_list}"
    );
    // Nor at a statement.
    let first_speaker = opening[0];
    let not_item = send(
        &mut h,
        &clock,
        "10:51:10",
        Action::ExplainVote {
            item: first_speaker,
            delegation: "Hungary".into(),
            overriding: true,
        },
    )
    .expect_err("not an item");
    assert!(matches!(not_item, Rejection::NotAnItem { .. }));

    // Called, an explanation of vote is said in the display's language.
    let hungary = h.session().list(0, 0)[opening.len()];
    send(&mut h, &clock, "10:52:00", Action::Call { turn: hungary }).expect("called");
    let now = monday("10:52:00");
    let podium = view::podium_in(h.session(), &now, Lang::Es);
    assert_eq!(
        (podium.who.as_str(), podium.speaker.as_str()),
        ("Hungría", "Explicación de voto")
    );
    let hall = view::hall_in(h.session(), &now, Lang::En);
    assert_eq!(hall.current.expect("current").detail, "Explanation of vote");
}
