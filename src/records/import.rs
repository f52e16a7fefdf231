//! Import of a list of speakers from CSV. Every row is checked against the program (meeting,
//! statement kind, level, allotted time) and the delegations data (Member States, observers,
//! groups, with common variants); every problem is reported with its row and column, and a
//! file with any problem imports nothing.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::meeting::config::{RawSpeaker, SpeakerProblem, inscribe, known_meetings};
use crate::meeting::delegations::Delegations;
use crate::meeting::program::Program;

/// The columns, in the order of the sample file, with the header names accepted for each.
const COLUMNS: &[(Column, &[&str])] = &[
    (Column::Order, &["order", "no", "number", "#"]),
    (Column::Meeting, &["meeting"]),
    (Column::Delegation, &["delegation", "country"]),
    (Column::Speaker, &["speaker", "name"]),
    (Column::Title, &["title"]),
    (Column::Level, &["level", "level of representation", "rank"]),
    (Column::Kind, &["kind", "statement kind", "statement"]),
    (
        Column::OnBehalfOf,
        &["on behalf of", "on_behalf_of", "group"],
    ),
    (Column::Allotted, &["allotted", "allotted time", "time"]),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Column {
    Order,
    Meeting,
    Delegation,
    Speaker,
    Title,
    Level,
    Kind,
    OnBehalfOf,
    Allotted,
}

impl Column {
    fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("?", |(_, names)| names[0])
    }
}

/// One problem in one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The line of the file (the header is line 1).
    pub row: usize,
    /// The column's header name.
    pub column: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column `{}`: {}",
            self.row, self.column, self.message
        )
    }
}

/// Why a list of speakers was not imported. Nothing of it was.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {message}")]
    Read { file: String, message: String },
    #[error("{file}: the header row: {message}")]
    Header { file: String, message: String },
    #[error("{file}: nothing imported; {} problem(s):\n  {}", problems.len(), problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  "))]
    Rows {
        file: String,
        problems: Vec<Problem>,
    },
}

fn header_key(text: &str) -> String {
    text.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '-'], " ")
}

/// Reads and checks the list of speakers in `path`.
pub fn read(
    path: &Path,
    program: &Program,
    delegations: &Delegations,
) -> Result<Vec<RawSpeaker>, ImportError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        message: e.to_string(),
    })?;
    parse(&text, &file, program, delegations)
}

/// Checks the CSV `text` (named `file` in messages) and returns the speakers, each with its
/// meeting, in the order of the `order` column (or of the file) within each meeting.
pub fn parse(
    text: &str,
    file: &str,
    program: &Program,
    delegations: &Delegations,
) -> Result<Vec<RawSpeaker>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = |message: String| ImportError::Header {
        file: file.to_string(),
        message,
    };
    let headers = reader.headers().map_err(|e| header(e.to_string()))?.clone();
    let columns = columns(&headers).map_err(header)?;
    let mut problems = Vec::new();
    let mut rows: Vec<(usize, Option<u32>, usize, RawSpeaker)> = Vec::new();
    // Every row's line, meeting and position, good or not, to check the positions.
    let mut positions: Vec<(usize, Option<usize>, Option<u32>)> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem {
                    row: line,
                    column: "-".into(),
                    message: format!("not a CSV row: {e}"),
                });
                continue;
            }
        };
        let row = record.position().map_or(line, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |c: Column| {
            columns
                .get(&c)
                .and_then(|&i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let checked = check_row(&cell, program, delegations);
        positions.push((row, checked.meeting, checked.order));
        if checked.found.is_empty()
            && let Some(m) = checked.meeting
        {
            rows.push((m, checked.order, row, checked.speaker));
        }
        problems.extend(checked.found.into_iter().map(|(column, message)| Problem {
            row,
            column: column.name().into(),
            message,
        }));
    }
    check_positions(positions, program, &mut problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.row);
        return Err(ImportError::Rows {
            file: file.to_string(),
            problems,
        });
    }
    rows.sort_by_key(|(meeting, order, row, _)| (*meeting, *order, *row));
    Ok(rows.into_iter().map(|(_, _, _, speaker)| speaker).collect())
}

/// Which column each header names; every required column present, none twice.
fn columns(headers: &csv::StringRecord) -> Result<BTreeMap<Column, usize>, String> {
    let mut columns: BTreeMap<Column, usize> = BTreeMap::new();
    for (index, name) in headers.iter().enumerate() {
        let key = header_key(name);
        let Some((column, _)) = COLUMNS
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
        else {
            return Err(format!(
                "unknown column `{name}`; the columns are {}",
                COLUMNS
                    .iter()
                    .map(|(c, _)| c.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        };
        if columns.insert(*column, index).is_some() {
            return Err(format!("the column `{}` appears twice", column.name()));
        }
    }
    for required in [Column::Meeting, Column::Speaker, Column::Kind] {
        if !columns.contains_key(&required) {
            return Err(format!("the column `{}` is missing", required.name()));
        }
    }
    Ok(columns)
}

/// One row read: its meeting and position if they are good, the speaker, the problems found.
struct CheckedRow {
    meeting: Option<usize>,
    order: Option<u32>,
    speaker: RawSpeaker,
    found: Vec<(Column, String)>,
}

/// Checks one row's cells against the program and the delegations on file.
fn check_row<'a>(
    cell: &dyn Fn(Column) -> Option<&'a str>,
    program: &Program,
    delegations: &Delegations,
) -> CheckedRow {
    let mut found: Vec<(Column, String)> = Vec::new();
    let order = cell(Column::Order).and_then(|text| match text.parse::<u32>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            found.push((
                Column::Order,
                format!("`{text}` is not a position on the list (1, 2, 3, …)"),
            ));
            None
        }
    });
    let meeting = meeting_cell(cell(Column::Meeting), program)
        .map_err(|m| found.push((Column::Meeting, m)))
        .ok();
    let delegation = cell(Column::Delegation).and_then(|typed| {
        delegation_cell(typed, delegations)
            .map_err(|m| found.push((Column::Delegation, m)))
            .ok()
    });
    let on_behalf_of =
        cell(Column::OnBehalfOf).and_then(|typed| match delegations.canonical_group(typed) {
            Some(group) => Some(format!("the {group}")),
            None => {
                found.push((
                    Column::OnBehalfOf,
                    format!(
                        "unknown group of States `{typed}` (known: {})",
                        delegations.groups.join(", ")
                    ),
                ));
                None
            }
        });
    let kind = cell(Column::Kind).map(|typed| {
        program
            .kinds
            .values()
            .find(|k| k.id.eq_ignore_ascii_case(typed) || k.label.eq_ignore_ascii_case(typed))
            .map_or_else(|| typed.to_string(), |k| k.id.clone())
    });
    let level = cell(Column::Level).map(|typed| {
        program
            .ranks
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(typed) || r.label.eq_ignore_ascii_case(typed))
            .map_or_else(|| typed.to_string(), |r| r.id.clone())
    });
    let speaker = RawSpeaker {
        meeting: meeting.flatten().map(|m| program.meetings[m].id.clone()),
        delegation,
        name: cell(Column::Speaker).unwrap_or_default().to_string(),
        title: cell(Column::Title).unwrap_or_default().to_string(),
        level,
        kind: kind.unwrap_or_default(),
        on_behalf_of,
        allotted: cell(Column::Allotted).map(str::to_string),
    };
    // The program's own checks: name, kind, level, group, allotted time.
    if let Err(SpeakerProblem { field, problem }) = inscribe(program, &speaker) {
        let column = match field {
            "name" => Column::Speaker,
            "kind" => Column::Kind,
            "level" => Column::Level,
            "on_behalf_of" => Column::OnBehalfOf,
            "allotted" => Column::Allotted,
            _ => Column::Speaker,
        };
        // A group already reported as unknown is not reported again as missing.
        let group_reported = cell(Column::OnBehalfOf).is_some() && speaker.on_behalf_of.is_none();
        if !(column == Column::OnBehalfOf && group_reported) {
            found.push((column, problem));
        }
    }
    CheckedRow {
        meeting: meeting.flatten(),
        order,
        speaker,
        found,
    }
}

/// The meeting a row names: one of the program's, with a list of speakers.
fn meeting_cell(typed: Option<&str>, program: &Program) -> Result<Option<usize>, String> {
    let Some(id) = typed else {
        return Err("missing: the meeting's id, e.g. `tue-am`".into());
    };
    match program.meeting_index(id) {
        Some(m) if program.meetings[m].list_segment().is_some() => Ok(Some(m)),
        Some(_) => Err(format!("meeting `{id}` has no list of speakers")),
        None => Err(format!(
            "unknown meeting `{id}` (known: {})",
            known_meetings(program)
        )),
    }
}

/// The delegation a row names, in its official short name.
fn delegation_cell(typed: &str, delegations: &Delegations) -> Result<String, String> {
    if let Some(name) = delegations.canonical(typed) {
        return Ok(name.to_string());
    }
    let near = delegations.suggest(typed, 3);
    Err(if near.is_empty() {
        format!("unknown delegation `{typed}`: not a Member State, observer or UN entity")
    } else {
        format!(
            "unknown delegation `{typed}`; did you mean {}?",
            near.join(", ")
        )
    })
}

/// Positions: all or none, and each once per meeting.
fn check_positions(
    positions: Vec<(usize, Option<usize>, Option<u32>)>,
    program: &Program,
    problems: &mut Vec<Problem>,
) {
    let numbered = positions.iter().any(|(_, _, order)| order.is_some());
    let mut seen = HashSet::new();
    for (row, meeting, order) in positions {
        match (order, meeting) {
            (Some(n), Some(m)) if !seen.insert((m, n)) => problems.push(Problem {
                row,
                column: "order".into(),
                message: format!(
                    "position {n} is given twice for meeting `{}`",
                    program.meetings[m].id
                ),
            }),
            (None, _)
                if numbered && !problems.iter().any(|p| p.row == row && p.column == "order") =>
            {
                problems.push(Problem {
                    row,
                    column: "order".into(),
                    message: "missing: a position on the list (1, 2, 3, …), as on the other rows"
                        .into(),
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Sources;

    fn seed() -> (Program, Delegations) {
        let (program, _) = Sources::seed().expect("seed").validate().expect("valid");
        (program, Delegations::embedded().expect("delegations"))
    }

    const HEADER: &str =
        "order,meeting,delegation,speaker,title,level,kind,on behalf of,allotted\n";

    #[test]
    fn the_sample_csv_gives_the_same_list_as_the_seed() {
        let (program, delegations) = seed();
        let text = include_str!("../../config/hlm-2025-speakers.csv");
        let imported =
            parse(text, "hlm-2025-speakers.csv", &program, &delegations).expect("imports");
        let mut seed = Sources::seed().expect("seed").speakers;
        seed.sort_by_key(|s| program.meeting_index(s.meeting.as_deref().unwrap_or("")));
        assert_eq!(imported.len(), 64);
        assert_eq!(imported, seed);
    }

    #[test]
    fn variants_kind_labels_and_positions_are_understood() {
        let (program, delegations) = seed();
        let text = format!(
            "{HEADER}2,tue-am,Turkey,Ayşe Yılmaz,Minister,Minister,individual,,\n\
             1,tue-am,Fiji,Ratu Seru,Ambassador,,On behalf of a group of States,AOSIS,4:00\n"
        );
        let list = parse(&text, "t.csv", &program, &delegations).expect("imports");
        assert_eq!(list[0].delegation.as_deref(), Some("Fiji"));
        assert_eq!(list[0].kind, "group");
        assert_eq!(
            list[0].on_behalf_of.as_deref(),
            Some("the Alliance of Small Island States")
        );
        assert_eq!(list[0].allotted.as_deref(), Some("4:00"));
        assert_eq!(list[1].delegation.as_deref(), Some("Türkiye"));
        assert_eq!(list[1].level.as_deref(), Some("minister"));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_row_and_column_and_nothing_is_imported() {
        let (program, delegations) = seed();
        let text = format!(
            "{HEADER}1,tue-am,Narnia,A. Person,Minister,minister,individual,,\n\
             2,wed-am,Chile,Ana Pérez,Minister,minister,individual,,\n\
             3,tue-am,Chile,,Minister,minister,individual,,\n\
             4,tue-am,Peru,Luis Soto,Minister,minister,speech,,\n\
             5,tue-am,Ghana,Kofi Boateng,Minister,minister,group,,\n\
             6,tue-am,Mali,Awa Traoré,Minister,minister,individual,,3 minutes\n\
             6,tue-am,Chad,Idriss Mahamat,Minister,minister,individual,,\n\
             x,tue-am,Togo,Komi Agbo,Minister,minister,individual,,\n\
             9,tue-am,Benin,Jean Houngbo,Minister,minister,group,Friends of Narnia,\n\
             10,tue-am,Niger,Moussa Issa,Minister,emperor,individual,,\n\
             11,tue-am,Japan,Haruki Sato,Minister,minister,individual,,\n"
        );
        let Err(ImportError::Rows { file, problems }) =
            parse(&text, "bad.csv", &program, &delegations)
        else {
            panic!("the file is refused");
        };
        assert_eq!(file, "bad.csv");
        let at = |row: usize, column: &str| {
            problems
                .iter()
                .find(|p| p.row == row && p.column == column)
                .unwrap_or_else(|| panic!("no problem at row {row}, `{column}`: {problems:#?}"))
                .message
                .clone()
        };
        assert!(at(2, "delegation").contains("unknown delegation `Narnia`"));
        assert!(at(3, "meeting").contains("unknown meeting `wed-am`"));
        assert!(at(4, "speaker").contains("must not be empty"));
        assert!(at(5, "kind").contains("unknown statement kind `speech`"));
        assert!(at(6, "on behalf of").contains("names the group of States"));
        assert!(at(7, "allotted").contains("not a duration"));
        assert!(at(8, "order").contains("given twice"));
        assert!(at(9, "order").contains("`x` is not a position"));
        assert!(at(10, "on behalf of").contains("unknown group of States `Friends of Narnia`"));
        assert!(at(11, "level").contains("unknown level of representation `emperor`"));
        assert!(
            !problems.iter().any(|p| p.row == 12),
            "the good row has no problem"
        );
        assert_eq!(problems.len(), 10, "{problems:#?}");
        let message = ImportError::Rows { file, problems }.to_string();
        assert!(
            message.starts_with("bad.csv: nothing imported; 10 problem(s):"),
            "{message}"
        );
    }

    #[test]
    fn a_bad_header_is_named() {
        let (program, delegations) = seed();
        let e = parse("meeting,speaker,colour\n", "h.csv", &program, &delegations)
            .expect_err("refused");
        assert!(e.to_string().contains("unknown column `colour`"), "{e}");
        let e = parse("meeting,speaker\n", "h.csv", &program, &delegations).expect_err("refused");
        assert!(
            e.to_string().contains("the column `kind` is missing"),
            "{e}"
        );
    }
}
