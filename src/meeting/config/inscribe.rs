//! One speaker as read, checked against the program: kind, level, group, allotted time.

use super::RawSpeaker;
use crate::meeting::program::{
    Class, Content, EXPLANATION_KIND, Inscription, Program, REPLY_KIND, Speaker,
};
use crate::meeting::time::Millis;

/// A field of a speaker that does not fit the program, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(".{field}: {problem}")]
pub struct SpeakerProblem {
    /// The field as written in RON (`name`, `kind`, `level`, `on_behalf_of`, `allotted`,
    /// `meeting`).
    pub field: &'static str,
    pub problem: String,
}

impl SpeakerProblem {
    fn new(field: &'static str, problem: String) -> Self {
        SpeakerProblem { field, problem }
    }
}

/// Validates a speaker against the program: kind, level, group, allotted time.
///
/// A speaker with no name is accepted as "to be confirmed", if the row says who speaks in
/// some other way: a delegation, a title or a seat.
pub fn inscribe(program: &Program, raw: &RawSpeaker) -> Result<Inscription, SpeakerProblem> {
    let blank = |text: &Option<String>| text.as_deref().is_none_or(|t| t.trim().is_empty());
    if raw.name.trim().is_empty()
        && raw.title.trim().is_empty()
        && blank(&raw.delegation)
        && blank(&raw.seat)
    {
        return Err(SpeakerProblem::new(
            "name",
            "missing: a name, or at least the delegation or title of a speaker to be confirmed"
                .into(),
        ));
    }
    let known = || program.inscribable_kinds().collect::<Vec<_>>().join(", ");
    if raw.kind.trim().is_empty() {
        return Err(SpeakerProblem::new(
            "kind",
            format!("missing: the statement kind (known: {})", known()),
        ));
    }
    let kind = program.kinds.get(&raw.kind).ok_or_else(|| {
        SpeakerProblem::new(
            "kind",
            format!("unknown statement kind `{}` (known: {})", raw.kind, known()),
        )
    })?;
    if raw.kind == REPLY_KIND || raw.kind == EXPLANATION_KIND {
        return Err(SpeakerProblem::new(
            "kind",
            format!(
                "`{}` is not inscribed on a list of speakers: {}",
                raw.kind,
                if raw.kind == REPLY_KIND {
                    "the chair inscribes a reply on the meeting's right-of-reply list (InscribeReply)"
                } else {
                    "the chair inscribes it after the item voted on (ExplainVote)"
                }
            ),
        ));
    }
    if let Some(level) = &raw.level
        && program.rank_label(level).is_none()
    {
        let known: Vec<&str> = program.ranks.iter().map(|r| r.id.as_str()).collect();
        return Err(SpeakerProblem::new(
            "level",
            format!(
                "unknown level of representation `{level}` (known: {})",
                known.join(", ")
            ),
        ));
    }
    let on_behalf_of = raw.on_behalf_of.as_ref().filter(|g| !g.trim().is_empty());
    if kind.class == Class::Group && on_behalf_of.is_none() {
        return Err(SpeakerProblem::new(
            "on_behalf_of",
            format!(
                "a `{}` statement names the group of States it is made on behalf of",
                kind.id
            ),
        ));
    }
    let allotted = match &raw.allotted {
        None => kind.limit,
        Some(text) => parse_limit(text).map_err(|m| SpeakerProblem::new("allotted", m))?,
    };
    Ok(Inscription {
        content: Content::Speaker(Speaker {
            delegation: raw.delegation.clone().filter(|d| !d.trim().is_empty()),
            name: raw.name.trim().to_string(),
            title: raw.title.trim().to_string(),
            level: raw.level.clone(),
            kind: raw.kind.clone(),
            on_behalf_of: on_behalf_of.cloned(),
            seat: raw.seat.clone().filter(|s| !s.trim().is_empty()),
            delivered_by: raw.delivered_by.clone().filter(|d| !d.trim().is_empty()),
        }),
        allotted,
        fixed: raw.order.is_some(),
    })
}

/// The longest duration a config may give (a limit, an expectation, a gap): 24 hours.
const MAX_DURATION: Millis = Millis::from_mins(24 * 60);

/// A duration as written (`M:SS`, `H:MM:SS` or seconds), at most 24 hours.
pub(super) fn parse_duration(text: &str) -> Result<Millis, String> {
    let span = Millis::parse_clock(text).ok_or_else(|| {
        format!("`{text}` is not a duration; expected M:SS, H:MM:SS or seconds, e.g. \"3:00\"")
    })?;
    if span > MAX_DURATION {
        return Err(format!("`{text}` is longer than 24 hours"));
    }
    Ok(span)
}

/// `"none"` (counts up) or a duration.
pub(super) fn parse_limit(text: &str) -> Result<Option<Millis>, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        parse_duration(text).map(Some)
    }
}
