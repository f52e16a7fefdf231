//! Import of a list of speakers from CSV, as spreadsheets export it: UTF-8 with or without a
//! byte-order mark, or a legacy encoding (Windows-1252) detected and decoded; comma, semicolon
//! or tab between fields. Every row is checked against the program (meeting, segment, seat,
//! statement kind, level, allotted time) and the delegations data (Member States, observers,
//! UN entities, organisations, groups, with common variants and abbreviations); every problem
//! is reported with its row and column, and a file with any problem imports nothing. A name
//! not on file is accepted where the statement's kind allows any organisation, with a warning.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

mod row;
mod spreadsheet;

use crate::meeting::config::RawSpeaker;
use crate::meeting::delegations::Delegations;
use crate::meeting::program::Program;

use row::check_row;
pub use spreadsheet::decode;
use spreadsheet::{line_of, separator};

/// The columns, in the order of the sample file, with the header names accepted for each.
const COLUMNS: &[(Column, &[&str])] = &[
    (Column::Order, &["order", "no", "number", "#"]),
    (Column::Meeting, &["meeting"]),
    (Column::Segment, &["segment"]),
    (Column::Seat, &["seat", "role"]),
    (Column::Delegation, &["delegation", "country"]),
    (Column::Speaker, &["speaker", "name"]),
    (Column::Title, &["title"]),
    (Column::Level, &["level", "level of representation", "rank"]),
    (Column::Kind, &["kind", "statement kind", "statement"]),
    (
        Column::OnBehalfOf,
        &["on behalf of", "on_behalf_of", "group"],
    ),
    (Column::DeliveredBy, &["delivered by", "delivered_by"]),
    (Column::Allotted, &["allotted", "allotted time", "time"]),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Column {
    Order,
    Meeting,
    Segment,
    Seat,
    Delegation,
    Speaker,
    Title,
    Level,
    Kind,
    OnBehalfOf,
    DeliveredBy,
    Allotted,
}

impl Column {
    pub(super) fn name(self) -> &'static str {
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

/// A list of speakers read and checked: the speakers, and what the officer should know.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub speakers: Vec<RawSpeaker>,
    /// Accepted, but worth a look: names not on file.
    pub warnings: Vec<Problem>,
    /// How the file was read, when it was not plain UTF-8 with commas ("decoded as
    /// windows-1252", "fields separated by semicolons").
    pub notes: Vec<String>,
}

/// Reads and checks the list of speakers in `path`.
pub fn read(
    path: &Path,
    program: &Program,
    delegations: &Delegations,
) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        message: e.to_string(),
    })?;
    let (text, decoded) = decode(&bytes);
    let mut imported = parse(&text, &file, program, delegations)?;
    imported.notes.splice(0..0, decoded);
    Ok(imported)
}

/// Checks the CSV `text` (named `file` in messages) and returns the speakers, each with its
/// meeting, in the order of the `order` column (or of the file) within each meeting.
pub fn parse(
    text: &str,
    file: &str,
    program: &Program,
    delegations: &Delegations,
) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let header = |message: String| ImportError::Header {
        file: file.to_string(),
        message,
    };
    let headers = reader.headers().map_err(|e| header(e.to_string()))?.clone();
    let columns = columns(&headers).map_err(header)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut speakers = Vec::new();
    // Every row's line, meeting, segment and position, good or not, to check the positions.
    let mut positions: Vec<(usize, Option<(usize, Option<usize>)>, Option<u32>)> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map_or(index + 2, |p| line_of(text, p.byte()));
                problems.push(Problem {
                    row,
                    column: "-".into(),
                    message: format!("not a CSV row: {e}"),
                });
                continue;
            }
        };
        // The line the row starts on, counted in the text itself: right for CRLF files and
        // for quoted fields with line breaks.
        let row = record
            .position()
            .map_or(index + 2, |p| line_of(text, p.byte()));
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
        let place = checked.meeting.map(|m| (m, checked.segment));
        positions.push((row, place, checked.speaker.order));
        if checked.found.is_empty() && place.is_some() {
            speakers.push(checked.speaker);
        }
        let at = |(column, message): (Column, String)| Problem {
            row,
            column: column.name().into(),
            message,
        };
        problems.extend(checked.found.into_iter().map(at));
        warnings.extend(checked.warnings.into_iter().map(at));
    }
    check_positions(positions, program, &mut problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.row);
        return Err(ImportError::Rows {
            file: file.to_string(),
            problems,
        });
    }
    let notes = match separator {
        b';' => vec!["fields separated by semicolons".to_string()],
        b'\t' => vec!["fields separated by tabs".to_string()],
        _ => Vec::new(),
    };
    Ok(Imported {
        speakers,
        warnings,
        notes,
    })
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

/// Positions: each once per segment of a meeting. A list may fix only some rows (they come
/// first, the others follow by precedence).
fn check_positions(
    positions: Vec<(usize, Option<(usize, Option<usize>)>, Option<u32>)>,
    program: &Program,
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    for (row, place, order) in positions {
        if let (Some(n), Some((m, segment))) = (order, place)
            && !seen.insert((m, segment, n))
        {
            problems.push(Problem {
                row,
                column: "order".into(),
                message: format!(
                    "position {n} is given twice for meeting `{}`",
                    program.meetings[m].id
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests;
