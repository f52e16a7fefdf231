//! The program and the list of speakers as read from RON files: raw serde types, and their
//! validation into [`Program`] and [`Inscription`]s with errors that name the place.

mod inscribe;
mod list;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::program::{Class, CoChair, MeetingKind, Program};
use super::ron_text::{RonError, parse_ron};

pub use inscribe::{SpeakerProblem, inscribe};
pub use list::Placed;
pub use validate::validate_program;

/// The seed program: the high-level meeting of resolution 79/286, embedded in the binary.
pub const SEED_PROGRAM: &str = include_str!("../../../config/hlm-2025-trafficking.ron");
/// The name the seed program's errors and records use.
pub const SEED_PROGRAM_NAME: &str = "config/hlm-2025-trafficking.ron";
/// The sample list of speakers for the seed meeting, embedded in the binary.
pub const SEED_SPEAKERS: &str = include_str!("../../../config/hlm-2025-speakers.ron");
/// The name the sample list's errors and records use.
pub const SEED_SPEAKERS_NAME: &str = "config/hlm-2025-speakers.ron";

/// A config or list of speakers that cannot be used, with the place and the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{file}: cannot read: {message}")]
    Read { file: String, message: String },
    /// Not valid RON, or not the expected shape: names line and column.
    #[error(transparent)]
    Syntax(#[from] RonError),
    /// Well-formed but wrong: names the field path.
    #[error("{file}: {path}: {message}")]
    Invalid {
        file: String,
        path: String,
        message: String,
    },
}

/// A program file as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    pub body: String,
    pub session: String,
    pub title: String,
    /// `body`, `session` and `title` in other official languages: `{"fr": "…"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bodies: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sessions: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    #[serde(default)]
    pub mandate: String,
    pub time_zone: String,
    #[serde(default = "default_warning")]
    pub warning: String,
    #[serde(default = "default_changeover")]
    pub changeover: String,
    pub kinds: BTreeMap<String, RawKind>,
    pub ranks: Vec<RawRank>,
    pub meetings: Vec<RawMeeting>,
    /// The limits of a delegation's first and second reply on the same item (GA practice:
    /// 10 and 5 minutes, the default); a meeting may set its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_of_reply: Option<RawReplies>,
}

/// The limits of the right of reply as written: `(first: "10:00", second: "5:00")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReplies {
    pub first: String,
    pub second: String,
}

fn default_warning() -> String {
    "0:30".into()
}

fn default_changeover() -> String {
    "0:20".into()
}

/// A statement kind as written: `limit` is required (`"3:00"` or `"none"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKind {
    pub label: String,
    /// The label in other official languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    pub limit: String,
    #[serde(default)]
    pub expect: Option<String>,
    pub class: Class,
}

/// A level of representation as written; the list order is the precedence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRank {
    pub id: String,
    pub label: String,
}

/// A meeting as written: date `YYYY-MM-DD`, times `HH:MM` in the venue's time zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    pub id: String,
    pub title: String,
    /// The title in other official languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    pub kind: MeetingKind,
    pub date: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub theme: Option<String>,
    /// The theme in other official languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub themes: BTreeMap<String, String>,
    #[serde(default)]
    pub co_chairs: Vec<CoChair>,
    pub segments: Vec<RawSegment>,
    /// This meeting's limits of the right of reply (default: the program's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_of_reply: Option<RawReplies>,
}

/// A segment as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    pub id: String,
    pub title: String,
    /// The title in other official languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub fixed: bool,
    #[serde(default)]
    pub list: bool,
    #[serde(default)]
    pub turns: Vec<RawTurn>,
}

/// A turn fixed in the program. Read once at start: the size of a speaker is no concern.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RawTurn {
    Statement(RawSpeaker),
    Item(RawItem),
}

/// An agenda item as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub title: String,
    pub expect: String,
    /// A rule that takes no explanation of vote at this item, quoted when the chair is asked
    /// for one (resolution 79/286, paragraph 2 (a), for the political declaration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_explanations_of_vote: Option<String>,
}

/// A speaker as written, in the program, in a list of speakers, or in an insert command.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpeaker {
    /// The meeting whose list the speaker is inscribed on (list files only).
    #[serde(default)]
    pub meeting: Option<String>,
    #[serde(default)]
    pub delegation: Option<String>,
    /// Empty: to be confirmed (the displays show the delegation and title only).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub level: Option<String>,
    /// The statement kind's id; in a row that fills a seat, empty keeps the seat's kind.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    /// Overrides the kind's limit: `"4:00"` or `"none"`.
    #[serde(default)]
    pub allotted: Option<String>,
    /// The segment of the meeting (list files only; default: the meeting's list of speakers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// In the program: the seat's role id. In a list: the seat of the program this row fills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// Who delivers the statement on the speaker's behalf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_by: Option<String>,
    /// A fixed position within the segment (1, 2, 3…): fixed rows come first, in this order,
    /// and the precedence sort leaves them in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<u32>,
}

/// Reads a file to a string, naming it on error.
pub fn read_file(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
        file: path.display().to_string(),
        message: e.to_string(),
    })
}

/// A program and its list of speakers, as read, kept raw so the journal can record them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// Where the program came from (a path, or the seed's name).
    pub program_name: String,
    pub program: RawProgram,
    /// Where the list of speakers came from, if one was given.
    pub speakers_name: Option<String>,
    pub speakers: Vec<RawSpeaker>,
    /// A rehearsal: every window says so, and its journal is never the day's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rehearsal: bool,
}

impl Sources {
    /// The embedded seed program and its sample list of speakers.
    pub fn seed() -> Result<Sources, ConfigError> {
        Ok(Sources {
            program_name: SEED_PROGRAM_NAME.into(),
            program: parse_ron(SEED_PROGRAM, SEED_PROGRAM_NAME)?,
            speakers_name: Some(SEED_SPEAKERS_NAME.into()),
            speakers: parse_ron(SEED_SPEAKERS, SEED_SPEAKERS_NAME)?,
            rehearsal: false,
        })
    }

    /// Reads a program file and, optionally, a list of speakers.
    pub fn read(program: &Path, speakers: Option<&Path>) -> Result<Sources, ConfigError> {
        let program_name = program.display().to_string();
        let sources = Sources {
            program: parse_ron(&read_file(program)?, &program_name)?,
            program_name,
            speakers_name: None,
            speakers: Vec::new(),
            rehearsal: false,
        };
        match speakers {
            Some(path) => sources.with_speakers(path),
            None => Ok(sources),
        }
    }

    /// The same program with the list of speakers read from `path`.
    pub fn with_speakers(self, path: &Path) -> Result<Sources, ConfigError> {
        let name = path.display().to_string();
        Ok(Sources {
            speakers: parse_ron(&read_file(path)?, &name)?,
            speakers_name: Some(name),
            ..self
        })
    }

    /// The same program with a list of speakers read elsewhere (an imported CSV file).
    pub fn with_speaker_list(self, name: &str, speakers: Vec<RawSpeaker>) -> Sources {
        Sources {
            speakers,
            speakers_name: Some(name.to_string()),
            ..self
        }
    }

    /// The same program and list, opened for a rehearsal (or not).
    pub fn for_rehearsal(self, rehearsal: bool) -> Sources {
        Sources { rehearsal, ..self }
    }

    /// Validates the program and places the list of speakers on it: fills the program's
    /// seats, and returns the program and the other speakers, each on its segment.
    pub fn validate(&self) -> Result<(Program, Vec<Placed>), ConfigError> {
        let mut program = validate_program(&self.program, &self.program_name)?;
        let file = self.speakers_name.as_deref().unwrap_or("list of speakers");
        let placed = list::place(&mut program, &self.speakers, file)?;
        Ok((program, placed))
    }
}

/// The program's meeting ids, for messages: "mon-am, panel-1, …".
pub fn known_meetings(program: &Program) -> String {
    program
        .meetings
        .iter()
        .map(|m| m.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
