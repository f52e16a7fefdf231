//! The program and the list of speakers as read from RON files: raw serde types, and their
//! validation into [`Program`] and [`Inscription`]s with errors that name the place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::program::{
    Class, CoChair, Content, Development, Inscription, Item, Meeting, MeetingKind, Program, Rank,
    Segment, Speaker, StatementKind,
};
use super::time::Millis;

/// The seed program: the high-level meeting of resolution 79/286, embedded in the binary.
pub const SEED_PROGRAM: &str = include_str!("../../config/hlm-2025-trafficking.ron");
/// The name the seed program's errors and records use.
pub const SEED_PROGRAM_NAME: &str = "config/hlm-2025-trafficking.ron";
/// The sample list of speakers for the seed meeting, embedded in the binary.
pub const SEED_SPEAKERS: &str = include_str!("../../config/hlm-2025-speakers.ron");
/// The name the sample list's errors and records use.
pub const SEED_SPEAKERS_NAME: &str = "config/hlm-2025-speakers.ron";

/// A config or list of speakers that cannot be used, with the place and the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{file}: cannot read: {message}")]
    Read { file: String, message: String },
    /// Not valid RON, or not the expected shape: names line and column.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
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
    pub kind: MeetingKind,
    pub date: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub co_chairs: Vec<CoChair>,
    pub segments: Vec<RawSegment>,
}

/// A segment as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub fixed: bool,
    #[serde(default)]
    pub list: bool,
    #[serde(default)]
    pub turns: Vec<RawTurn>,
}

/// A turn fixed in the program.
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
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub level: Option<String>,
    pub kind: String,
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    /// Overrides the kind's limit: `"4:00"` or `"none"`.
    #[serde(default)]
    pub allotted: Option<String>,
}

/// The RON options every plenary file is read with: `Some(…)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// Writes `value` as one line of RON that [`parse_ron`] reads back.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    ron_options().to_string(value)
}

/// Parses RON text into `T`, naming `file:line:column` on error.
pub fn parse_ron<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, ConfigError> {
    ron_options()
        .from_str(text)
        .map_err(|e: ron::error::SpannedError| ConfigError::Syntax {
            file: file.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })
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
}

impl Sources {
    /// The embedded seed program and its sample list of speakers.
    pub fn seed() -> Result<Sources, ConfigError> {
        Ok(Sources {
            program_name: SEED_PROGRAM_NAME.into(),
            program: parse_ron(SEED_PROGRAM, SEED_PROGRAM_NAME)?,
            speakers_name: Some(SEED_SPEAKERS_NAME.into()),
            speakers: parse_ron(SEED_SPEAKERS, SEED_SPEAKERS_NAME)?,
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

    /// Validates the program and places each inscription on its meeting's list:
    /// returns the program and, per inscription, its meeting index.
    pub fn validate(&self) -> Result<(Program, Vec<(usize, Inscription)>), ConfigError> {
        let program = validate_program(&self.program, &self.program_name)?;
        let file = self.speakers_name.as_deref().unwrap_or("list of speakers");
        let mut placed = Vec::with_capacity(self.speakers.len());
        for (i, raw) in self.speakers.iter().enumerate() {
            let invalid = |path: &str, message: String| ConfigError::Invalid {
                file: file.to_string(),
                path: format!("[{i}]{path}"),
                message,
            };
            let meeting_id = raw.meeting.as_deref().ok_or_else(|| {
                invalid(
                    ".meeting",
                    "missing: the meeting this speaker is inscribed for".into(),
                )
            })?;
            let meeting = program.meeting_index(meeting_id).ok_or_else(|| {
                invalid(
                    ".meeting",
                    format!(
                        "unknown meeting `{meeting_id}` (known: {})",
                        known_meetings(&program)
                    ),
                )
            })?;
            if program.meetings[meeting].list_segment().is_none() {
                return Err(invalid(
                    ".meeting",
                    format!(
                        "meeting `{meeting_id}` has no list of speakers (no segment with `list: true`)"
                    ),
                ));
            }
            let inscription = inscribe(&program, raw).map_err(|(path, m)| invalid(&path, m))?;
            placed.push((meeting, inscription));
        }
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

/// Validates a speaker against the program: kind, level, group, allotted time.
/// On error returns the field (as `.field`) and the problem.
pub fn inscribe(program: &Program, raw: &RawSpeaker) -> Result<Inscription, (String, String)> {
    let field = |f: &str, m: String| (format!(".{f}"), m);
    if raw.name.trim().is_empty() {
        return Err(field("name", "must not be empty".into()));
    }
    let kind = program.kinds.get(&raw.kind).ok_or_else(|| {
        field(
            "kind",
            format!(
                "unknown statement kind `{}` (known: {})",
                raw.kind,
                program.kinds.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    if let Some(level) = &raw.level
        && program.rank_label(level).is_none()
    {
        let known: Vec<&str> = program.ranks.iter().map(|r| r.id.as_str()).collect();
        return Err(field(
            "level",
            format!(
                "unknown level of representation `{level}` (known: {})",
                known.join(", ")
            ),
        ));
    }
    let on_behalf_of = raw.on_behalf_of.as_ref().filter(|g| !g.trim().is_empty());
    if kind.class == Class::Group && on_behalf_of.is_none() {
        return Err(field(
            "on_behalf_of",
            format!(
                "a `{}` statement names the group of States it is made on behalf of",
                kind.id
            ),
        ));
    }
    let allotted = match &raw.allotted {
        None => kind.limit,
        Some(text) => parse_limit(text).map_err(|m| field("allotted", m))?,
    };
    Ok(Inscription {
        content: Content::Speaker(Speaker {
            delegation: raw.delegation.clone().filter(|d| !d.trim().is_empty()),
            name: raw.name.trim().to_string(),
            title: raw.title.trim().to_string(),
            level: raw.level.clone(),
            kind: raw.kind.clone(),
            on_behalf_of: on_behalf_of.cloned(),
        }),
        allotted,
    })
}

/// The longest duration a config may give (a limit, an expectation, a gap): 24 hours.
const MAX_DURATION: Millis = Millis::from_mins(24 * 60);

fn parse_duration(text: &str) -> Result<Millis, String> {
    let span = Millis::parse_clock(text).ok_or_else(|| {
        format!("`{text}` is not a duration; expected M:SS, H:MM:SS or seconds, e.g. \"3:00\"")
    })?;
    if span > MAX_DURATION {
        return Err(format!("`{text}` is longer than 24 hours"));
    }
    Ok(span)
}

/// `"none"` (counts up) or a duration.
fn parse_limit(text: &str) -> Result<Option<Millis>, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        parse_duration(text).map(Some)
    }
}

/// Validates a raw program.
pub fn validate_program(raw: &RawProgram, file: &str) -> Result<Program, ConfigError> {
    let invalid = |path: String, message: String| ConfigError::Invalid {
        file: file.to_string(),
        path,
        message,
    };
    let time_zone: Tz = raw.time_zone.parse().map_err(|_| {
        invalid(
            "time_zone".into(),
            format!(
                "unknown time zone `{}`; expected an IANA name such as \"America/New_York\"",
                raw.time_zone
            ),
        )
    })?;
    let warning = parse_duration(&raw.warning).map_err(|m| invalid("warning".into(), m))?;
    let changeover =
        parse_duration(&raw.changeover).map_err(|m| invalid("changeover".into(), m))?;

    let mut kinds = BTreeMap::new();
    for (id, k) in &raw.kinds {
        let path = |f: &str| format!("kinds[\"{id}\"].{f}");
        let limit = parse_limit(&k.limit).map_err(|m| invalid(path("limit"), m))?;
        let expect = match (&k.expect, limit) {
            (Some(text), _) => parse_duration(text).map_err(|m| invalid(path("expect"), m))?,
            (None, Some(limit)) => limit,
            (None, None) => {
                return Err(invalid(
                    path("expect"),
                    "missing: a kind with no limit needs `expect`, the duration the forecast assumes".into(),
                ));
            }
        };
        kinds.insert(
            id.clone(),
            StatementKind {
                id: id.clone(),
                label: k.label.clone(),
                limit,
                expect,
                class: k.class,
            },
        );
    }

    let mut rank_ids = BTreeSet::new();
    for (i, r) in raw.ranks.iter().enumerate() {
        if !rank_ids.insert(r.id.as_str()) {
            return Err(invalid(
                format!("ranks[{i}].id"),
                format!("`{}` is listed twice", r.id),
            ));
        }
    }
    let ranks = raw
        .ranks
        .iter()
        .map(|r| Rank {
            id: r.id.clone(),
            label: r.label.clone(),
        })
        .collect();

    let mut program = Program {
        body: raw.body.clone(),
        session: raw.session.clone(),
        title: raw.title.clone(),
        mandate: raw.mandate.clone(),
        time_zone,
        warning,
        changeover,
        kinds,
        ranks,
        meetings: Vec::new(),
    };

    if raw.meetings.is_empty() {
        return Err(invalid(
            "meetings".into(),
            "the program has no meetings".into(),
        ));
    }
    let mut meeting_ids = BTreeSet::new();
    for (mi, m) in raw.meetings.iter().enumerate() {
        let mpath = |f: &str| format!("meetings[{mi}].{f}");
        if !meeting_ids.insert(m.id.as_str()) {
            return Err(invalid(
                mpath("id"),
                format!("`{}` is used by another meeting", m.id),
            ));
        }
        let date = NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").map_err(|_| {
            invalid(
                mpath("date"),
                format!("`{}` is not a date; expected YYYY-MM-DD", m.date),
            )
        })?;
        let at = |text: &str, path: String| {
            local_time(time_zone, date, text).map_err(|msg| invalid(path, msg))
        };
        let start = at(&m.start, mpath("start"))?;
        let end = at(&m.end, mpath("end"))?;
        if end <= start {
            return Err(invalid(
                mpath("end"),
                format!("{} is not after the start {}", m.end, m.start),
            ));
        }
        if let Some(previous) = program.meetings.last()
            && start < previous.end
        {
            return Err(invalid(
                mpath("start"),
                format!(
                    "meeting `{}` overlaps meeting `{}`, which ends later",
                    m.id, previous.id
                ),
            ));
        }
        if m.kind == MeetingKind::Panel {
            if m.theme.as_deref().is_none_or(|t| t.trim().is_empty()) {
                return Err(invalid(
                    mpath("theme"),
                    "missing: a panel discussion has a theme".into(),
                ));
            }
            let developed = m
                .co_chairs
                .iter()
                .filter(|c| c.development == Development::Developed)
                .count();
            if m.co_chairs.len() != 2 || developed != 1 {
                return Err(invalid(
                    mpath("co_chairs"),
                    "a panel is chaired by two co-chairs, one from a developed and one from a developing country".into(),
                ));
            }
        }
        let mut segments = Vec::with_capacity(m.segments.len());
        let mut segment_ids = BTreeSet::new();
        let mut latest = start;
        for (si, s) in m.segments.iter().enumerate() {
            let spath = |f: &str| format!("meetings[{mi}].segments[{si}].{f}");
            if !segment_ids.insert(s.id.as_str()) {
                return Err(invalid(
                    spath("id"),
                    format!("`{}` is used by another segment of `{}`", s.id, m.id),
                ));
            }
            let seg_start = match &s.start {
                Some(text) => {
                    let t = at(text, spath("start"))?;
                    if t < latest || t >= end {
                        return Err(invalid(
                            spath("start"),
                            format!(
                                "{text} is outside the meeting ({}–{}) or before an earlier segment",
                                m.start, m.end
                            ),
                        ));
                    }
                    latest = t;
                    Some(t)
                }
                None if s.fixed => {
                    return Err(invalid(
                        spath("start"),
                        "missing: a fixed segment has a start time".into(),
                    ));
                }
                None => None,
            };
            if s.list && segments.iter().any(|x: &Segment| x.list) {
                return Err(invalid(
                    spath("list"),
                    format!(
                        "meeting `{}` already has a segment with the list of speakers",
                        m.id
                    ),
                ));
            }
            let mut turns = Vec::with_capacity(s.turns.len());
            for (ti, t) in s.turns.iter().enumerate() {
                let tpath = format!("meetings[{mi}].segments[{si}].turns[{ti}]");
                turns.push(match t {
                    RawTurn::Item(item) => Inscription {
                        content: Content::Item(Item {
                            title: item.title.clone(),
                            expect: parse_duration(&item.expect)
                                .map_err(|m| invalid(format!("{tpath}.expect"), m))?,
                        }),
                        allotted: None,
                    },
                    RawTurn::Statement(raw) => {
                        if raw.meeting.is_some() {
                            return Err(invalid(
                                format!("{tpath}.meeting"),
                                "not allowed here: the segment places the speaker".into(),
                            ));
                        }
                        inscribe(&program, raw)
                            .map_err(|(f, m)| invalid(format!("{tpath}{f}"), m))?
                    }
                });
            }
            segments.push(Segment {
                id: s.id.clone(),
                title: s.title.clone(),
                start: seg_start,
                fixed: s.fixed,
                list: s.list,
                turns,
            });
        }
        if segments.is_empty() {
            return Err(invalid(
                mpath("segments"),
                "a meeting has at least one segment".into(),
            ));
        }
        program.meetings.push(Meeting {
            id: m.id.clone(),
            title: m.title.clone(),
            kind: m.kind,
            start,
            end,
            theme: m.theme.clone(),
            co_chairs: m.co_chairs.clone(),
            segments,
        });
    }
    Ok(program)
}

/// A venue-local `HH:MM` on `date`, as UTC.
fn local_time(tz: Tz, date: NaiveDate, text: &str) -> Result<DateTime<Utc>, String> {
    let time = NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| format!("`{text}` is not a time; expected HH:MM (24-hour, venue time)"))?;
    tz.from_local_datetime(&date.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            format!("{date} {text} does not exist or is ambiguous in {tz} (clock change)")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_program_validates_and_is_the_meeting_of_resolution_79_286() {
        let (program, list) = Sources::seed()
            .expect("seed parses")
            .validate()
            .expect("seed is valid");
        assert_eq!(program.body, "General Assembly");
        assert_eq!(program.time_zone, chrono_tz::America::New_York);
        assert_eq!(program.meetings.len(), 5);
        let local = |t| program.local(t).format("%a %d %b %H:%M").to_string();
        let mon_am = &program.meetings[0];
        assert_eq!(local(mon_am.start), "Mon 24 Nov 10:00");
        assert_eq!(local(mon_am.end), "Mon 24 Nov 13:00");
        let opening = &mon_am.segments[0];
        assert_eq!(
            opening.turns.len(),
            7,
            "six opening statements, then the adoption"
        );
        assert!(matches!(opening.turns[6].content, Content::Item(_)));
        let panel_1 = &program.meetings[1];
        assert_eq!(
            (local(panel_1.start), local(panel_1.end)),
            ("Mon 24 Nov 15:00".into(), "Mon 24 Nov 16:30".into())
        );
        assert_eq!(panel_1.co_chairs.len(), 2);
        let panel_2 = &program.meetings[2];
        assert_eq!(
            (local(panel_2.start), local(panel_2.end)),
            ("Mon 24 Nov 16:30".into(), "Mon 24 Nov 18:00".into())
        );
        let tue_pm = &program.meetings[4];
        let closing = tue_pm
            .segments
            .iter()
            .find(|s| s.fixed)
            .expect("closing segment");
        assert_eq!(
            local(closing.start.expect("fixed start")),
            "Tue 25 Nov 17:30"
        );
        assert_eq!(
            program.kinds["individual"].limit,
            Some(Millis::from_secs(180))
        );
        assert_eq!(program.kinds["group"].limit, Some(Millis::from_secs(300)));
        assert_eq!(program.warning, Millis::from_secs(30));
        assert!(list.len() >= 40);
    }

    fn seed_raw() -> RawProgram {
        parse_ron(SEED_PROGRAM, SEED_PROGRAM_NAME).expect("seed parses")
    }

    fn invalid_path(raw: &RawProgram) -> String {
        match validate_program(raw, "t.ron") {
            Err(ConfigError::Invalid { path, .. }) => path,
            other => panic!("expected an invalid-field error, got {other:?}"),
        }
    }

    #[test]
    fn a_typo_names_line_and_column() {
        let text = SEED_PROGRAM.replacen("time_zone:", "time_zon:", 1);
        let err = parse_ron::<RawProgram>(&text, "typo.ron").expect_err("typo rejected");
        let line = SEED_PROGRAM
            .lines()
            .position(|l| l.contains("time_zone:"))
            .expect("has it")
            + 1;
        match &err {
            ConfigError::Syntax {
                file,
                line: l,
                message,
                ..
            } => {
                assert_eq!(file, "typo.ron");
                assert_eq!(*l, line);
                assert!(message.contains("time_zon"), "{message}");
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
        assert!(err.to_string().starts_with(&format!("typo.ron:{line}:")));
    }

    #[test]
    fn a_missing_limit_is_an_error_at_its_place() {
        let text = SEED_PROGRAM.replacen("limit: \"3:00\",", "", 1);
        let err = parse_ron::<RawProgram>(&text, "t.ron").expect_err("rejected");
        assert!(err.to_string().contains("limit"), "{err}");
    }

    #[test]
    fn semantic_errors_name_the_field_path() {
        let mut raw = seed_raw();
        raw.meetings[0].end = "09:00".into();
        assert_eq!(invalid_path(&raw), "meetings[0].end");

        let mut raw = seed_raw();
        raw.meetings[2].start = "16:00".into();
        assert_eq!(
            invalid_path(&raw),
            "meetings[2].start",
            "panel 2 overlapping panel 1"
        );

        let mut raw = seed_raw();
        raw.time_zone = "America/Gotham".into();
        assert_eq!(invalid_path(&raw), "time_zone");

        let mut raw = seed_raw();
        raw.kinds.get_mut("opening").expect("kind").expect = None;
        assert_eq!(invalid_path(&raw), "kinds[\"opening\"].expect");

        let mut raw = seed_raw();
        raw.meetings[1].co_chairs.pop();
        assert_eq!(invalid_path(&raw), "meetings[1].co_chairs");

        let mut raw = seed_raw();
        raw.meetings[4].segments[1].start = Some("19:00".into());
        assert_eq!(invalid_path(&raw), "meetings[4].segments[1].start");
    }

    #[test]
    fn bad_inscriptions_name_their_entry_and_field() {
        let mut sources = Sources::seed().expect("seed");
        sources.speakers[3].kind = "soliloquy".into();
        let err = sources.validate().expect_err("rejected");
        assert_eq!(
            err,
            ConfigError::Invalid {
                file: SEED_SPEAKERS_NAME.into(),
                path: "[3].kind".into(),
                message: format!(
                    "unknown statement kind `soliloquy` (known: {})",
                    sources
                        .program
                        .kinds
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        );
        let mut sources = Sources::seed().expect("seed");
        sources.speakers[0].on_behalf_of = None;
        sources.speakers[0].kind = "group".into();
        assert!(
            matches!(sources.validate(), Err(ConfigError::Invalid { path, .. }) if path == "[0].on_behalf_of")
        );
        let mut sources = Sources::seed().expect("seed");
        sources.speakers[5].meeting = Some("wed-am".into());
        assert!(
            matches!(sources.validate(), Err(ConfigError::Invalid { path, .. }) if path == "[5].meeting")
        );
        let mut sources = Sources::seed().expect("seed");
        sources.speakers[6].allotted = Some("three minutes".into());
        assert!(
            matches!(sources.validate(), Err(ConfigError::Invalid { path, .. }) if path == "[6].allotted")
        );
        let mut sources = Sources::seed().expect("seed");
        sources.speakers[6].allotted = Some("99999999999".into());
        assert!(
            matches!(sources.validate(), Err(ConfigError::Invalid { path, message, .. })
            if path == "[6].allotted" && message.contains("longer than 24 hours"))
        );
    }

    #[test]
    fn raw_sources_round_trip_through_ron() {
        let sources = Sources::seed().expect("seed");
        let text = to_ron(&sources).expect("serialises");
        assert!(!text.contains('\n'), "one line");
        let back: Sources = parse_ron(&text, "round-trip").expect("parses back");
        assert_eq!(back, sources);
    }
}
