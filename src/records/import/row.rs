//! One row of a list of speakers checked against the program and the delegations on file.

use super::Column;
use crate::meeting::config::{RawSpeaker, SpeakerProblem, inscribe, known_meetings};
use crate::meeting::delegations::Delegations;
use crate::meeting::program::{Class, Program};

/// One row read: its meeting and segment if they are good, the speaker, the problems found
/// and the warnings.
pub(super) struct CheckedRow {
    pub(super) meeting: Option<usize>,
    pub(super) segment: Option<usize>,
    pub(super) speaker: RawSpeaker,
    pub(super) found: Vec<(Column, String)>,
    pub(super) warnings: Vec<(Column, String)>,
}

/// The problems of one row, each at its column.
#[derive(Default)]
struct Problems {
    found: Vec<(Column, String)>,
}

impl Problems {
    /// The value, or the problem noted at `column`.
    fn take<T>(&mut self, column: Column, checked: Result<T, String>) -> Option<T> {
        checked.map_err(|m| self.found.push((column, m))).ok()
    }
}

/// Checks one row's cells against the program and the delegations on file.
pub(super) fn check_row<'a>(
    cell: &dyn Fn(Column) -> Option<&'a str>,
    program: &Program,
    delegations: &Delegations,
) -> CheckedRow {
    let mut problems = Problems::default();
    let mut warnings: Vec<(Column, String)> = Vec::new();
    let order = cell(Column::Order).and_then(|text| problems.take(Column::Order, position(text)));
    let meeting = problems
        .take(
            Column::Meeting,
            meeting_cell(cell(Column::Meeting), program),
        )
        .flatten();
    let (segment, seat) = match meeting {
        Some(m) => place_cells(m, cell(Column::Segment), cell(Column::Seat), program)
            .unwrap_or_else(|(column, message)| {
                problems.found.push((column, message));
                (None, None)
            }),
        None => (None, None),
    };
    let kind = cell(Column::Kind).map(|typed| kind_id(typed, program));
    // A row that fills a seat and names no kind takes the seat's.
    let seat_kind = meeting
        .zip(seat.as_deref())
        .and_then(|(m, seat)| program.seat_kind(m, seat));
    let class = kind
        .as_deref()
        .or(seat_kind)
        .and_then(|k| program.kinds.get(k))
        .map(|k| k.class);
    let delegation = cell(Column::Delegation).and_then(|typed| {
        let (name, warning) = problems.take(
            Column::Delegation,
            delegation_cell(typed, delegations, class),
        )?;
        warnings.extend(warning.map(|w| (Column::Delegation, w)));
        Some(name)
    });
    let on_behalf_of = cell(Column::OnBehalfOf)
        .and_then(|typed| problems.take(Column::OnBehalfOf, group_cell(typed, delegations)));
    let speaker = RawSpeaker {
        meeting: meeting.map(|m| program.meetings[m].id.clone()),
        delegation,
        name: cell(Column::Speaker).unwrap_or_default().to_string(),
        title: cell(Column::Title).unwrap_or_default().to_string(),
        level: cell(Column::Level).map(|typed| level_id(typed, program)),
        kind: kind.unwrap_or_default(),
        on_behalf_of,
        allotted: cell(Column::Allotted).map(str::to_string),
        segment: segment.and_then(|s| meeting.map(|m| program.meetings[m].segments[s].id.clone())),
        seat,
        delivered_by: cell(Column::DeliveredBy).map(str::to_string),
        order,
    };
    // The program's own checks; a row that fills a seat takes what it leaves out from the
    // seat, and is checked once placed.
    if cell(Column::Seat).is_none() {
        let group_reported = cell(Column::OnBehalfOf).is_some() && speaker.on_behalf_of.is_none();
        problems
            .found
            .extend(program_check(program, &speaker, group_reported));
    }
    CheckedRow {
        meeting,
        segment,
        speaker,
        found: problems.found,
        warnings,
    }
}

/// A fixed position on the list: 1, 2, 3, …
fn position(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "`{text}` is not a position on the list (1, 2, 3, …)"
        )),
    }
}

/// A group of States as typed (`G77`, `Nordic countries`): its name on file, with "the".
fn group_cell(typed: &str, delegations: &Delegations) -> Result<String, String> {
    match delegations.canonical_group(typed) {
        Some(group) => Ok(format!("the {group}")),
        None => Err(format!(
            "unknown group of States `{typed}` (known: {})",
            delegations.groups.join(", ")
        )),
    }
}

/// What the program says of the speaker (name, kind, level, group, allotted time), at its
/// column; a group already reported unknown (`group_reported`) is not reported again as
/// missing.
fn program_check(
    program: &Program,
    speaker: &RawSpeaker,
    group_reported: bool,
) -> Option<(Column, String)> {
    let SpeakerProblem { field, problem } = inscribe(program, speaker).err()?;
    let column = match field {
        "kind" => Column::Kind,
        "level" => Column::Level,
        "on_behalf_of" => Column::OnBehalfOf,
        "allotted" => Column::Allotted,
        _ => Column::Speaker,
    };
    (!(column == Column::OnBehalfOf && group_reported)).then_some((column, problem))
}

/// A statement kind as typed, by id or label: its id (as typed if unknown, for inscribe to name).
fn kind_id(typed: &str, program: &Program) -> String {
    program
        .kinds
        .values()
        .find(|k| k.id.eq_ignore_ascii_case(typed) || k.label.eq_ignore_ascii_case(typed))
        .map_or_else(|| typed.to_string(), |k| k.id.clone())
}

/// A level of representation as typed, by id or label: its id (as typed if unknown).
fn level_id(typed: &str, program: &Program) -> String {
    program
        .ranks
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(typed) || r.label.eq_ignore_ascii_case(typed))
        .map_or_else(|| typed.to_string(), |r| r.id.clone())
}

/// The meeting a row names: one of the program's.
fn meeting_cell(typed: Option<&str>, program: &Program) -> Result<Option<usize>, String> {
    let Some(id) = typed else {
        return Err("missing: the meeting's id, e.g. `tue-am`".into());
    };
    program.meeting_index(id).map(Some).ok_or_else(|| {
        format!(
            "unknown meeting `{id}` (known: {})",
            known_meetings(program)
        )
    })
}

/// Where in meeting `m` a row goes: the segment it names (default: the list of speakers),
/// and the seat it fills, both checked against the program.
fn place_cells(
    m: usize,
    segment: Option<&str>,
    seat: Option<&str>,
    program: &Program,
) -> Result<(Option<usize>, Option<String>), (Column, String)> {
    let meeting = &program.meetings[m];
    let segment = match segment {
        None => None,
        Some(id) => Some(
            meeting
                .segment_for_speakers(id)
                .map_err(|m| (Column::Segment, m))?,
        ),
    };
    if let Some(seat) = seat {
        let seats = program.seats(m, segment);
        if !seats.contains(&seat) {
            return Err((
                Column::Seat,
                format!(
                    "meeting `{}` has no seat `{seat}` (its seats: {})",
                    meeting.id,
                    if seats.is_empty() {
                        "none".into()
                    } else {
                        seats.join(", ")
                    }
                ),
            ));
        }
        return Ok((segment, Some(seat.to_string())));
    }
    if segment.is_none() && meeting.list_segment().is_none() {
        return Err((
            Column::Meeting,
            format!(
                "meeting `{}` has no list of speakers: name a `segment` or a `seat`",
                meeting.id
            ),
        ));
    }
    Ok((segment, None))
}

/// The delegation a row names: its official short name, or — where the statement's kind
/// allows any organisation (observers, UN entities, civil society, panellists) — the name as
/// written, with a warning. Statements by a Member State or on behalf of a group need a
/// delegation on file.
fn delegation_cell(
    typed: &str,
    delegations: &Delegations,
    class: Option<Class>,
) -> Result<(String, Option<String>), String> {
    if let Some(name) = delegations.canonical(typed) {
        return Ok((name.to_string(), None));
    }
    let near = delegations.suggest(typed, 3);
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", near.join(", "))
    };
    match class {
        Some(Class::Observer | Class::Other) => Ok((
            typed.to_string(),
            Some(format!(
                "`{typed}` is not on file: accepted as written{hint}"
            )),
        )),
        _ if near.is_empty() => Err(format!(
            "unknown delegation `{typed}`: not a Member State, observer or UN entity on file"
        )),
        _ => Err(format!("unknown delegation `{typed}`{hint}")),
    }
}
