//! The meeting program, validated: meetings, segments, statement kinds and their limits,
//! the precedence ranks, and the fixed-time anchors. Built only by [`super::config`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::lang::InLanguages;
use super::time::Millis;

/// The whole program of a meeting such as the seed high-level meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// "General Assembly".
    pub body: String,
    /// "Eightieth session".
    pub session: String,
    /// The meeting's title.
    pub title: String,
    /// `body`, `session` and `title` in the other official languages the program gives.
    pub bodies: InLanguages,
    pub sessions: InLanguages,
    pub titles: InLanguages,
    /// The mandate, e.g. "A/RES/79/286".
    pub mandate: String,
    /// The venue's time zone; all program times are local to it.
    pub time_zone: Tz,
    /// How long before the limit the warning phase begins.
    pub warning: Millis,
    /// The changeover gap between speakers assumed until one is observed.
    pub changeover: Millis,
    /// Statement kinds by id.
    pub kinds: BTreeMap<String, StatementKind>,
    /// Levels of representation, highest first.
    pub ranks: Vec<Rank>,
    /// Meetings in time order, not overlapping.
    pub meetings: Vec<Meeting>,
}

/// The statement kind of a reply, on the right-of-reply list of a plenary meeting.
pub const REPLY_KIND: &str = "right-of-reply";
/// The statement kind of an explanation of vote, after the item voted on.
pub const EXPLANATION_KIND: &str = "explanation-of-vote";
/// The title of an explanation of vote the chair inscribes (a display in another language
/// says it in its own).
pub const EXPLANATION_TITLE: &str = "Explanation of vote";
/// The id of the segment that holds a plenary meeting's right-of-reply list.
pub const REPLY_SEGMENT: &str = "right-of-reply";
/// The title of a reply the chair inscribes, before its number.
const REPLY_TITLE: &str = "Right of reply";

/// The title of a delegation's `n`th reply on a meeting, as the list and the report write it:
/// "Right of reply", "Right of reply (second)", "Right of reply (3, by leave of the
/// President)".
pub fn reply_title(n: usize) -> String {
    match n {
        0 | 1 => REPLY_TITLE.to_string(),
        2 => format!("{REPLY_TITLE} (second)"),
        n => format!("{REPLY_TITLE} ({n}, by leave of the President)"),
    }
}

/// The limits of a delegation's replies on the same item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replies {
    /// The first reply (GA practice: 10 minutes).
    pub first: Millis,
    /// The second, and any the President allows beyond it (GA practice: 5 minutes).
    pub second: Millis,
}

impl Replies {
    /// The General Assembly's practice: 10 minutes, then 5.
    pub const GA: Replies = Replies {
        first: Millis::from_mins(10),
        second: Millis::from_mins(5),
    };

    /// The limit of a delegation's `n`th reply (1-based).
    pub fn limit(&self, n: usize) -> Millis {
        if n <= 1 { self.first } else { self.second }
    }
}

/// Where a kind of statement stands in the precedence order of the list of speakers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Class {
    /// On behalf of a group of States: first.
    Group,
    /// A Member State.
    MemberState,
    /// An observer of the General Assembly.
    Observer,
    /// United Nations entities, civil society, officials.
    Other,
}

/// A kind of statement and its time limit.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementKind {
    /// Id used in the config and the list of speakers, e.g. `individual`.
    pub id: String,
    /// "Individual delegation".
    pub label: String,
    /// The label in the other official languages the program gives.
    pub labels: InLanguages,
    /// The limit; none means the clock counts up.
    pub limit: Option<Millis>,
    /// The duration the forecast assumes (the limit, unless set).
    pub expect: Millis,
    /// The precedence class.
    pub class: Class,
}

/// A level of representation, e.g. Head of State.
#[derive(Clone, Debug, PartialEq)]
pub struct Rank {
    /// Id, e.g. `head-of-state`.
    pub id: String,
    /// "Head of State".
    pub label: String,
}

/// Plenary meeting or interactive panel discussion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingKind {
    /// A plenary meeting: has a list of speakers that can be carried over.
    Plenary,
    /// An interactive panel discussion, with a theme and two co-chairs.
    Panel,
}

/// Whether a co-chair comes from a developed or a developing country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Development {
    Developed,
    Developing,
}

/// A co-chair of a panel discussion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoChair {
    /// Empty until the list of speakers fills the co-chair's seat.
    #[serde(default)]
    pub name: String,
    pub delegation: String,
    pub development: Development,
    /// The seat of the co-chair's statement in the meeting (e.g. `co-chair-1`): filling the
    /// seat from the list of speakers names the co-chair too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
}

/// One meeting of the program.
#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    /// Id, e.g. `mon-am`.
    pub id: String,
    /// "Plenary meeting", "Interactive panel discussion 1".
    pub title: String,
    /// The title in the other official languages the program gives.
    pub titles: InLanguages,
    pub kind: MeetingKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// A panel's theme.
    pub theme: Option<String>,
    /// The theme in the other official languages the program gives.
    pub themes: InLanguages,
    /// A panel's co-chairs.
    pub co_chairs: Vec<CoChair>,
    /// Segments in order.
    pub segments: Vec<Segment>,
    /// The limits of the right of reply: a plenary meeting with a list of speakers has a
    /// right-of-reply list after it; other meetings have none.
    pub replies: Option<Replies>,
}

impl Meeting {
    /// The index of the segment that takes the list of speakers, if any.
    pub fn list_segment(&self) -> Option<usize> {
        self.segments.iter().position(|s| s.list)
    }

    /// The index of segment `id`, where a list of speakers or an insert may place a speaker:
    /// any segment but the right-of-reply list, which takes only the chair's replies. The
    /// error says what went wrong, naming the segments there are.
    pub fn segment_for_speakers(&self, id: &str) -> Result<usize, String> {
        if id == REPLY_SEGMENT && self.reply_segment().is_some() {
            return Err(format!(
                "the segment `{id}` of meeting `{}` is its right-of-reply list: the chair \
                 inscribes replies there (InscribeReply), not a list of speakers",
                self.id
            ));
        }
        self.segments
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| {
                let known: Vec<&str> = self
                    .segments
                    .iter()
                    .map(|s| s.id.as_str())
                    .filter(|s| *s != REPLY_SEGMENT)
                    .collect();
                format!(
                    "meeting `{}` has no segment `{id}` (its segments: {})",
                    self.id,
                    known.join(", ")
                )
            })
    }

    /// The index of the segment that holds the right-of-reply list, if any.
    pub fn reply_segment(&self) -> Option<usize> {
        self.replies
            .and_then(|_| self.segments.iter().position(|s| s.id == REPLY_SEGMENT))
    }
}

/// A segment of a meeting: opening segment, statements, closing segment…
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub id: String,
    pub title: String,
    /// The title in the other official languages the program gives.
    pub titles: InLanguages,
    /// Planned start, if the program gives one.
    pub start: Option<DateTime<Utc>>,
    /// Starts at `start` sharp (an anchor for the forecast), whatever the list before it.
    pub fixed: bool,
    /// Takes the list of speakers of its meeting.
    pub list: bool,
    /// Speakers and items fixed by the program, in order.
    pub turns: Vec<Inscription>,
}

/// A speaker on a list (or a seat fixed in the program).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The Member State, observer or entity (none for an office holder such as the Secretary-General).
    pub delegation: Option<String>,
    /// The speaker's name; empty while it is to be confirmed (or the seat not yet filled).
    pub name: String,
    /// Title or function, e.g. "Minister for Foreign Affairs".
    pub title: String,
    /// Level of representation (a rank id).
    pub level: Option<String>,
    /// Statement kind id.
    pub kind: String,
    /// The group of States the statement is made on behalf of.
    pub on_behalf_of: Option<String>,
    /// The seat in the program this speaker fills, by role (`pga`, `sg`, `co-chair-1`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// Who delivers the statement when it is not the speaker named: the Secretary-General's
    /// message delivered by an Under-Secretary-General, a minister's by the Permanent
    /// Representative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_by: Option<String>,
}

impl Speaker {
    /// A statement in exercise of the right of reply.
    pub fn is_reply(&self) -> bool {
        self.kind == REPLY_KIND
    }

    /// Which of its delegation's replies on the meeting this is, read back from the title the
    /// session gave it ([`reply_title`]; the number is not kept apart, so journals written
    /// before it was read back need nothing new): a display says it in its language. `None`
    /// for any other statement.
    pub fn reply_number(&self) -> Option<usize> {
        if !self.is_reply() {
            return None;
        }
        let n = match self.title.strip_prefix(REPLY_TITLE)? {
            "" => 1,
            " (second)" => 2,
            rest => rest
                .strip_prefix(" (")?
                .strip_suffix(", by leave of the President)")?
                .parse()
                .ok()?,
        };
        (reply_title(n) == self.title).then_some(n)
    }

    /// Whether the speaker's name is known (not to be confirmed, not an empty seat).
    pub fn named(&self) -> bool {
        !self.name.trim().is_empty()
    }

    /// A seat of the program that no list has filled yet.
    pub fn empty_seat(&self) -> bool {
        self.seat.is_some() && !self.named()
    }

    /// Who stands at the rostrum: the one who delivers the statement, or the speaker; none
    /// while the name is to be confirmed.
    pub fn at_the_rostrum(&self) -> Option<&str> {
        self.delivered_by
            .as_deref()
            .or_else(|| self.named().then_some(self.name.as_str()))
    }
}

/// An agenda item taken in the meeting, such as the adoption of a declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub title: String,
    /// The duration the forecast assumes.
    pub expect: Millis,
    /// A rule that takes no explanation of vote at this item, quoted to the chair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_explanations_of_vote: Option<String>,
}

/// What a turn on the floor is: a speaker or an agenda item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Content {
    Speaker(Speaker),
    Item(Item),
}

/// A validated entry ready to be put on a list: who or what, and the time allotted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inscription {
    pub content: Content,
    /// The limit (from the kind unless overridden); none: counts up.
    pub allotted: Option<Millis>,
    /// Its position was fixed by the list (an `order`): the precedence sort leaves it in place.
    #[serde(default)]
    pub fixed: bool,
}

impl Program {
    /// The index of the meeting with this id.
    pub fn meeting_index(&self, id: &str) -> Option<usize> {
        self.meetings.iter().position(|m| m.id == id)
    }

    /// The ids of the kinds a list of speakers may inscribe: all but a reply and an
    /// explanation of vote, which the chair inscribes in their own places.
    pub fn inscribable_kinds(&self) -> impl Iterator<Item = &str> {
        self.kinds
            .keys()
            .map(String::as_str)
            .filter(|k| *k != REPLY_KIND && *k != EXPLANATION_KIND)
    }

    /// What kind of turn it is, as the hall and the report say it: the statement kind's label
    /// (its id if the program has no such kind), or "Agenda item".
    pub fn kind_label(&self, content: &Content) -> String {
        match content {
            Content::Speaker(s) => self
                .kind_of(s)
                .map_or_else(|| s.kind.clone(), |k| k.label.clone()),
            Content::Item(_) => "Agenda item".into(),
        }
    }

    /// The statement kind of a speaker.
    pub fn kind_of(&self, speaker: &Speaker) -> Option<&StatementKind> {
        self.kinds.get(&speaker.kind)
    }

    /// The precedence rank of a level (1 = highest); unknown or absent levels come last.
    pub fn rank_of(&self, level: Option<&str>) -> usize {
        level
            .and_then(|l| self.ranks.iter().position(|r| r.id == l))
            .map_or(self.ranks.len() + 1, |i| i + 1)
    }

    /// The label of a level of representation.
    pub fn rank_label(&self, level: &str) -> Option<&str> {
        self.ranks
            .iter()
            .find(|r| r.id == level)
            .map(|r| r.label.as_str())
    }

    /// How long the forecast expects an inscription to take.
    pub fn expected(&self, inscription: &Inscription) -> Millis {
        match &inscription.content {
            Content::Item(item) => item.expect,
            Content::Speaker(speaker) => inscription
                .allotted
                .unwrap_or_else(|| self.kind_of(speaker).map_or(Millis::ZERO, |k| k.expect)),
        }
    }

    /// The next plenary after meeting `from` that has a list of speakers.
    pub fn next_plenary(&self, from: usize) -> Option<usize> {
        (from + 1..self.meetings.len()).find(|&i| {
            let m = &self.meetings[i];
            m.kind == MeetingKind::Plenary && m.list_segment().is_some()
        })
    }

    /// The seats of meeting `m` (of one segment, if given), by role id.
    pub fn seats(&self, m: usize, segment: Option<usize>) -> Vec<&str> {
        self.meetings[m]
            .segments
            .iter()
            .enumerate()
            .filter(|(si, _)| segment.is_none_or(|wanted| wanted == *si))
            .flat_map(|(_, s)| &s.turns)
            .filter_map(|t| match &t.content {
                Content::Speaker(Speaker { seat: Some(id), .. }) => Some(id.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The statement kind of the seat `seat` of meeting `m`.
    pub fn seat_kind(&self, m: usize, seat: &str) -> Option<&str> {
        self.meetings[m]
            .segments
            .iter()
            .flat_map(|s| &s.turns)
            .find_map(|t| match &t.content {
                Content::Speaker(s) if s.seat.as_deref() == Some(seat) => Some(s.kind.as_str()),
                _ => None,
            })
    }

    /// A UTC time in the venue's time zone.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<Tz> {
        at.with_timezone(&self.time_zone)
    }
}
