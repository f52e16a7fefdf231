//! A list of speakers placed on the program: each row fills a seat of a fixed segment (by
//! role), or adds a speaker to a segment of a meeting — by default its list of speakers.

use std::collections::BTreeMap;

use super::inscribe::inscribe;
use super::{ConfigError, RawSpeaker, known_meetings};
use crate::meeting::program::{Content, Inscription, Program, Speaker};

/// A speaker placed on a segment of a meeting, ready to be put on its list.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub meeting: usize,
    pub segment: usize,
    pub inscription: Inscription,
}

/// Places `speakers` (named `file` in messages) on `program`: fills its seats, and returns the
/// other speakers, fixed rows first in their `order` within each segment, then the others in
/// the file's order.
pub(super) fn place(
    program: &mut Program,
    speakers: &[RawSpeaker],
    file: &str,
) -> Result<Vec<Placed>, ConfigError> {
    let mut placed: Vec<(Option<u32>, Placed)> = Vec::with_capacity(speakers.len());
    let mut filled: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for (i, raw) in speakers.iter().enumerate() {
        let invalid = |path: &str, message: String| ConfigError::Invalid {
            file: file.to_string(),
            path: format!("[{i}]{path}"),
            message,
        };
        let (meeting, segment) = where_to(program, raw).map_err(|(f, m)| invalid(f, m))?;
        if let Some(seat) = raw.seat.as_deref().filter(|s| !s.trim().is_empty()) {
            if let Some(first) = filled.insert((meeting, seat.to_string()), i) {
                return Err(invalid(
                    ".seat",
                    format!("the seat `{seat}` is filled twice (entries {first} and {i})"),
                ));
            }
            fill_seat(program, meeting, segment, seat, raw).map_err(|(f, m)| invalid(&f, m))?;
            continue;
        }
        let segment = match segment {
            Some(s) => s,
            None => program.meetings[meeting].list_segment().ok_or_else(|| {
                invalid(
                    ".meeting",
                    format!(
                        "meeting `{}` has no list of speakers (no segment with `list: true`); name a `segment`",
                        program.meetings[meeting].id
                    ),
                )
            })?,
        };
        let inscription =
            inscribe(program, raw).map_err(|p| invalid(&format!(".{}", p.field), p.problem))?;
        placed.push((
            raw.order,
            Placed {
                meeting,
                segment,
                inscription,
            },
        ));
    }
    // Stable: within a segment, fixed rows by their order, then the others as they came.
    placed.sort_by_key(|(order, p)| (p.meeting, p.segment, order.is_none(), *order));
    Ok(placed.into_iter().map(|(_, p)| p).collect())
}

/// The meeting a row names, and the segment if it names one.
fn where_to(
    program: &Program,
    raw: &RawSpeaker,
) -> Result<(usize, Option<usize>), (&'static str, String)> {
    let id = raw.meeting.as_deref().ok_or((
        ".meeting",
        "missing: the meeting this speaker is inscribed for".to_string(),
    ))?;
    let meeting = program.meeting_index(id).ok_or_else(|| {
        (
            ".meeting",
            format!(
                "unknown meeting `{id}` (known: {})",
                known_meetings(program)
            ),
        )
    })?;
    let segment = match raw.segment.as_deref().filter(|s| !s.trim().is_empty()) {
        None => None,
        Some(wanted) => Some(
            program.meetings[meeting]
                .segment_for_speakers(wanted)
                .map_err(|m| (".segment", m))?,
        ),
    };
    Ok((meeting, segment))
}

/// The seats of a meeting (in `segment` only, if given), as `(segment, turn)` indices.
fn seats(program: &Program, meeting: usize, segment: Option<usize>) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    for (si, s) in program.meetings[meeting].segments.iter().enumerate() {
        if segment.is_some_and(|wanted| wanted != si) {
            continue;
        }
        for (ti, turn) in s.turns.iter().enumerate() {
            if let Content::Speaker(Speaker { seat: Some(id), .. }) = &turn.content {
                out.push((si, ti, id.as_str()));
            }
        }
    }
    out
}

/// Fills the seat `seat` of a meeting with the row `raw`: what the row leaves out (the kind,
/// the title, the delegation) stays as the program has it. A co-chair in the same seat is
/// named too.
fn fill_seat(
    program: &mut Program,
    meeting: usize,
    segment: Option<usize>,
    seat: &str,
    raw: &RawSpeaker,
) -> Result<(), (String, String)> {
    let all = seats(program, meeting, segment);
    let Some(&(si, ti, _)) = all.iter().find(|(_, _, id)| *id == seat) else {
        let known: Vec<&str> = all.iter().map(|(_, _, id)| *id).collect();
        return Err((
            ".seat".into(),
            format!(
                "meeting `{}` has no seat `{seat}` (its seats: {})",
                program.meetings[meeting].id,
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ),
        ));
    };
    let current = &program.meetings[meeting].segments[si].turns[ti];
    let Content::Speaker(was) = &current.content else {
        return Ok(());
    };
    let keep = |row: &str, program: &str| {
        if row.trim().is_empty() {
            program.to_string()
        } else {
            row.trim().to_string()
        }
    };
    let merged = RawSpeaker {
        meeting: None,
        delegation: raw.delegation.clone().or_else(|| was.delegation.clone()),
        name: keep(&raw.name, &was.name),
        title: keep(&raw.title, &was.title),
        level: raw.level.clone().or_else(|| was.level.clone()),
        kind: keep(&raw.kind, &was.kind),
        on_behalf_of: raw
            .on_behalf_of
            .clone()
            .or_else(|| was.on_behalf_of.clone()),
        allotted: raw.allotted.clone(),
        segment: None,
        seat: Some(seat.to_string()),
        delivered_by: raw
            .delivered_by
            .clone()
            .or_else(|| was.delivered_by.clone()),
        order: None,
    };
    let mut inscription =
        inscribe(program, &merged).map_err(|p| (format!(".{}", p.field), p.problem))?;
    if raw.allotted.is_none() && raw.kind.trim().is_empty() {
        inscription.allotted = current.allotted;
    }
    if let Content::Speaker(s) = &inscription.content {
        for chair in &mut program.meetings[meeting].co_chairs {
            if chair.seat.as_deref() == Some(seat) {
                chair.name = s.name.clone();
                if let Some(d) = &s.delegation {
                    chair.delegation = d.clone();
                }
            }
        }
    }
    program.meetings[meeting].segments[si].turns[ti] = inscription;
    Ok(())
}
