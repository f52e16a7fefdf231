//! How the record names a turn and its speaker: the delegation (or office, or item), the
//! speaker, who delivered the statement for them, the statement kind.

use crate::meeting::program::Content;
use crate::meeting::{Session, TurnId};

/// How the record names a turn: its delegation (or office, or item), the speaker, who
/// delivered the statement for them, and the statement kind.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Named {
    pub delegation: String,
    pub speaker: String,
    pub delivered_by: Option<String>,
    pub kind: String,
}

impl Named {
    /// The turn `turn` of `session`, named.
    pub fn of(session: &Session, turn: TurnId) -> Named {
        let content = session.turn(turn).map(|t| &t.inscription.content);
        let kind = content.map_or_else(String::new, |c| session.program().kind_label(c));
        match content {
            Some(Content::Speaker(s)) => Named {
                delegation: crate::view::delegation_text(s),
                speaker: s.name.clone(),
                delivered_by: s.delivered_by.clone(),
                kind,
            },
            Some(Content::Item(item)) => Named {
                delegation: item.title.clone(),
                kind,
                ..Named::default()
            },
            None => Named {
                delegation: turn.to_string(),
                kind,
                ..Named::default()
            },
        }
    }
}

/// The speaker as the record writes them: "António Guterres — delivered by Li Junhua, …".
pub fn speaker_text(speaker: &str, delivered_by: Option<&str>) -> String {
    match delivered_by {
        Some(by) if speaker.is_empty() => format!("delivered by {by}"),
        Some(by) => format!("{speaker} — delivered by {by}"),
        None => speaker.to_string(),
    }
}
