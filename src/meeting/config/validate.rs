//! A program as read, validated into a [`Program`]: every error names the field path.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::inscribe::{inscribe, parse_duration, parse_limit};
use super::{
    ConfigError, RawKind, RawMeeting, RawProgram, RawRank, RawReplies, RawSegment, RawTurn,
};
use crate::meeting::lang::InLanguages;
use crate::meeting::program::{
    Class, Content, Development, EXPLANATION_KIND, Inscription, Item, Meeting, MeetingKind,
    Program, REPLY_KIND, REPLY_SEGMENT, Rank, Replies, Segment, StatementKind,
};
use crate::meeting::time::Millis;

/// The file whose fields are being checked: makes the errors.
#[derive(Clone, Copy)]
struct File<'a>(&'a str);

impl File<'_> {
    fn invalid(self, path: String, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            file: self.0.to_string(),
            path,
            message: message.into(),
        }
    }
}

/// Validates a raw program.
pub fn validate_program(raw: &RawProgram, file: &str) -> Result<Program, ConfigError> {
    let file = File(file);
    let time_zone: Tz = raw.time_zone.parse().map_err(|_| {
        file.invalid(
            "time_zone".into(),
            format!(
                "unknown time zone `{}`; expected an IANA name such as \"America/New_York\"",
                raw.time_zone
            ),
        )
    })?;
    let warning = parse_duration(&raw.warning).map_err(|m| file.invalid("warning".into(), m))?;
    let changeover =
        parse_duration(&raw.changeover).map_err(|m| file.invalid("changeover".into(), m))?;
    let versions = |written, field: &str| {
        InLanguages::parse(written).map_err(|m| file.invalid(field.into(), m))
    };
    let mut program = Program {
        body: raw.body.clone(),
        session: raw.session.clone(),
        title: raw.title.clone(),
        bodies: versions(&raw.bodies, "bodies")?,
        sessions: versions(&raw.sessions, "sessions")?,
        titles: versions(&raw.titles, "titles")?,
        mandate: raw.mandate.clone(),
        time_zone,
        warning,
        changeover,
        kinds: kinds(&raw.kinds, file)?,
        ranks: ranks(&raw.ranks, file)?,
        meetings: Vec::new(),
    };
    let replies = match &raw.right_of_reply {
        Some(r) => replies(r, "right_of_reply", file)?,
        None => Replies::GA,
    };
    built_in_kinds(&mut program.kinds, replies);
    if raw.meetings.is_empty() {
        return Err(file.invalid("meetings".into(), "the program has no meetings"));
    }
    let mut meeting_ids = BTreeSet::new();
    for (mi, m) in raw.meetings.iter().enumerate() {
        if !meeting_ids.insert(m.id.as_str()) {
            return Err(file.invalid(
                format!("meetings[{mi}].id"),
                format!("`{}` is used by another meeting", m.id),
            ));
        }
        let validated = meeting(&program, m, mi, replies, file)?;
        program.meetings.push(validated);
    }
    Ok(program)
}

/// The limits of the right of reply as written at `path`.
fn replies(raw: &RawReplies, path: &str, file: File) -> Result<Replies, ConfigError> {
    let limit = |text: &str, field: &str| {
        parse_duration(text)
            .and_then(|d| {
                if d > Millis::ZERO {
                    Ok(d)
                } else {
                    Err("a reply's limit is more than 0:00".into())
                }
            })
            .map_err(|m| file.invalid(format!("{path}.{field}"), m))
    };
    Ok(Replies {
        first: limit(&raw.first, "first")?,
        second: limit(&raw.second, "second")?,
    })
}

/// The kinds every program has, unless it defines them itself: a reply (its limit set by the
/// right of reply, first or second) and an explanation of vote (10 minutes, GA practice).
fn built_in_kinds(kinds: &mut BTreeMap<String, StatementKind>, replies: Replies) {
    let mut add = |id: &str, label: &str, limit: Millis| {
        kinds
            .entry(id.to_string())
            .or_insert_with(|| StatementKind {
                id: id.to_string(),
                label: label.to_string(),
                labels: InLanguages::default(),
                limit: Some(limit),
                expect: limit,
                class: Class::Other,
            });
    };
    add(REPLY_KIND, "Right of reply", replies.first);
    add(
        EXPLANATION_KIND,
        "Explanation of vote",
        Millis::from_mins(10),
    );
}

fn kinds(
    raw: &BTreeMap<String, RawKind>,
    file: File,
) -> Result<BTreeMap<String, StatementKind>, ConfigError> {
    let mut kinds = BTreeMap::new();
    for (id, k) in raw {
        let path = |f: &str| format!("kinds[\"{id}\"].{f}");
        let limit = parse_limit(&k.limit).map_err(|m| file.invalid(path("limit"), m))?;
        let expect = match (&k.expect, limit) {
            (Some(text), _) => parse_duration(text).map_err(|m| file.invalid(path("expect"), m))?,
            (None, Some(limit)) => limit,
            (None, None) => {
                return Err(file.invalid(
                    path("expect"),
                    "missing: a kind with no limit needs `expect`, the duration the forecast assumes",
                ));
            }
        };
        kinds.insert(
            id.clone(),
            StatementKind {
                id: id.clone(),
                label: k.label.clone(),
                labels: InLanguages::parse(&k.labels)
                    .map_err(|m| file.invalid(path("labels"), m))?,
                limit,
                expect,
                class: k.class,
            },
        );
    }
    Ok(kinds)
}

fn ranks(raw: &[RawRank], file: File) -> Result<Vec<Rank>, ConfigError> {
    let mut rank_ids = BTreeSet::new();
    for (i, r) in raw.iter().enumerate() {
        if !rank_ids.insert(r.id.as_str()) {
            return Err(file.invalid(
                format!("ranks[{i}].id"),
                format!("`{}` is listed twice", r.id),
            ));
        }
    }
    Ok(raw
        .iter()
        .map(|r| Rank {
            id: r.id.clone(),
            label: r.label.clone(),
        })
        .collect())
}

/// One meeting: its times (after the meeting before it), a panel's theme and co-chairs, its
/// segments.
fn meeting(
    program: &Program,
    m: &RawMeeting,
    mi: usize,
    replies_default: Replies,
    file: File,
) -> Result<Meeting, ConfigError> {
    let mpath = |f: &str| format!("meetings[{mi}].{f}");
    let hours = meeting_hours(program, m, mi, file)?;
    if m.kind == MeetingKind::Panel {
        panel(m, file, &mpath)?;
    }
    let mut segments = segments(program, m, mi, &hours, file)?;
    let replies = meeting_replies(m, &mpath("right_of_reply"), replies_default, file)?
        .filter(|_| segments.iter().any(|s| s.list));
    if replies.is_some() {
        reply_segment(&mut segments, mi, file)?;
    }
    seats_once(&segments, m, mi, file)?;
    Ok(Meeting {
        id: m.id.clone(),
        title: m.title.clone(),
        titles: InLanguages::parse(&m.titles).map_err(|m| file.invalid(mpath("titles"), m))?,
        kind: m.kind,
        start: hours.start,
        end: hours.end,
        theme: m.theme.clone(),
        themes: InLanguages::parse(&m.themes).map_err(|m| file.invalid(mpath("themes"), m))?,
        co_chairs: m.co_chairs.clone(),
        segments,
        replies,
    })
}

/// A meeting's day and hours at the venue.
struct Hours {
    date: NaiveDate,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// The meeting's date, start and end in the venue's time zone: the end after the start, the
/// start not before the end of the meeting before it.
fn meeting_hours(
    program: &Program,
    m: &RawMeeting,
    mi: usize,
    file: File,
) -> Result<Hours, ConfigError> {
    let mpath = |f: &str| format!("meetings[{mi}].{f}");
    let date = NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").map_err(|_| {
        file.invalid(
            mpath("date"),
            format!("`{}` is not a date; expected YYYY-MM-DD", m.date),
        )
    })?;
    let at = |text: &str, path: String| {
        local_time(program.time_zone, date, text).map_err(|msg| file.invalid(path, msg))
    };
    let start = at(&m.start, mpath("start"))?;
    let end = at(&m.end, mpath("end"))?;
    if end <= start {
        return Err(file.invalid(
            mpath("end"),
            format!("{} is not after the start {}", m.end, m.start),
        ));
    }
    if let Some(previous) = program.meetings.last()
        && start < previous.end
    {
        return Err(file.invalid(
            mpath("start"),
            format!(
                "meeting `{}` overlaps meeting `{}`, which ends later",
                m.id, previous.id
            ),
        ));
    }
    Ok(Hours { date, start, end })
}

/// The meeting's segments: ids once each, starts within the meeting and in order, a fixed
/// segment with its start, one segment at most with the list of speakers, at least one.
fn segments(
    program: &Program,
    m: &RawMeeting,
    mi: usize,
    hours: &Hours,
    file: File,
) -> Result<Vec<Segment>, ConfigError> {
    let mut segments: Vec<Segment> = Vec::with_capacity(m.segments.len());
    let mut segment_ids = BTreeSet::new();
    let mut latest = hours.start;
    for (si, s) in m.segments.iter().enumerate() {
        let spath = |f: &str| format!("meetings[{mi}].segments[{si}].{f}");
        if !segment_ids.insert(s.id.as_str()) {
            return Err(file.invalid(
                spath("id"),
                format!("`{}` is used by another segment of `{}`", s.id, m.id),
            ));
        }
        let start = segment_start(program, m, s, hours, &mut latest, &spath, file)?;
        if s.list && segments.iter().any(|x| x.list) {
            return Err(file.invalid(
                spath("list"),
                format!(
                    "meeting `{}` already has a segment with the list of speakers",
                    m.id
                ),
            ));
        }
        segments.push(Segment {
            id: s.id.clone(),
            title: s.title.clone(),
            titles: InLanguages::parse(&s.titles).map_err(|m| file.invalid(spath("titles"), m))?,
            start,
            fixed: s.fixed,
            list: s.list,
            turns: turns(program, s, &format!("meetings[{mi}].segments[{si}]"), file)?,
        });
    }
    if segments.is_empty() {
        return Err(file.invalid(
            format!("meetings[{mi}].segments"),
            "a meeting has at least one segment",
        ));
    }
    Ok(segments)
}

/// A segment's start, if it has one: within the meeting and not before `latest`, the start of
/// an earlier segment (moved on to it). A fixed segment must have one.
fn segment_start(
    program: &Program,
    m: &RawMeeting,
    s: &RawSegment,
    hours: &Hours,
    latest: &mut DateTime<Utc>,
    spath: &dyn Fn(&str) -> String,
    file: File,
) -> Result<Option<DateTime<Utc>>, ConfigError> {
    let Some(text) = &s.start else {
        if s.fixed {
            return Err(file.invalid(spath("start"), "missing: a fixed segment has a start time"));
        }
        return Ok(None);
    };
    let t = local_time(program.time_zone, hours.date, text)
        .map_err(|msg| file.invalid(spath("start"), msg))?;
    if t < *latest || t >= hours.end {
        return Err(file.invalid(
            spath("start"),
            format!(
                "{text} is outside the meeting ({}–{}) or before an earlier segment",
                m.start, m.end
            ),
        ));
    }
    *latest = t;
    Ok(Some(t))
}

/// Each seat of a meeting is named once.
fn seats_once(
    segments: &[Segment],
    m: &RawMeeting,
    mi: usize,
    file: File,
) -> Result<(), ConfigError> {
    let mut seats = BTreeSet::new();
    for (si, s) in segments.iter().enumerate() {
        for (ti, t) in s.turns.iter().enumerate() {
            if let Content::Speaker(speaker) = &t.content
                && let Some(seat) = &speaker.seat
                && !seats.insert(seat.clone())
            {
                return Err(file.invalid(
                    format!("meetings[{mi}].segments[{si}].turns[{ti}].seat"),
                    format!("the seat `{seat}` is used twice in meeting `{}`", m.id),
                ));
            }
        }
    }
    Ok(())
}

/// The limits of a meeting's right of reply: its own, or the program's for a plenary meeting;
/// none for a panel discussion.
fn meeting_replies(
    m: &RawMeeting,
    path: &str,
    default: Replies,
    file: File,
) -> Result<Option<Replies>, ConfigError> {
    match (&m.right_of_reply, m.kind) {
        (Some(_), MeetingKind::Panel) => Err(file.invalid(
            path.to_string(),
            "a panel discussion has no right of reply; only a plenary meeting does",
        )),
        (Some(r), _) => Ok(Some(replies(r, path, file)?)),
        (None, MeetingKind::Plenary) => Ok(Some(default)),
        (None, MeetingKind::Panel) => Ok(None),
    }
}

/// A plenary meeting's right-of-reply list: a segment of its own after the list of speakers
/// (statements in exercise of the right of reply come after the last speaker), unless the
/// program places one itself with the id `right-of-reply`.
fn reply_segment(segments: &mut Vec<Segment>, mi: usize, file: File) -> Result<(), ConfigError> {
    if let Some(si) = segments.iter().position(|s| s.id == REPLY_SEGMENT) {
        let s = &segments[si];
        if s.list || !s.turns.is_empty() {
            return Err(file.invalid(
                format!("meetings[{mi}].segments[{si}]"),
                format!(
                    "the segment `{REPLY_SEGMENT}` holds the right-of-reply list: it has no turns \
                     of its own and is not the list of speakers"
                ),
            ));
        }
        return Ok(());
    }
    let after = segments
        .iter()
        .position(|s| s.list)
        .map_or(segments.len(), |i| i + 1);
    segments.insert(
        after,
        Segment {
            id: REPLY_SEGMENT.into(),
            title: "Right of reply".into(),
            titles: InLanguages::default(),
            start: None,
            fixed: false,
            list: false,
            turns: Vec::new(),
        },
    );
    Ok(())
}

/// A panel has a theme and two co-chairs, one from a developed and one from a developing
/// country.
fn panel(m: &RawMeeting, file: File, mpath: &dyn Fn(&str) -> String) -> Result<(), ConfigError> {
    if m.theme.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(file.invalid(mpath("theme"), "missing: a panel discussion has a theme"));
    }
    let developed = m
        .co_chairs
        .iter()
        .filter(|c| c.development == Development::Developed)
        .count();
    if m.co_chairs.len() != 2 || developed != 1 {
        return Err(file.invalid(
            mpath("co_chairs"),
            "a panel is chaired by two co-chairs, one from a developed and one from a developing country",
        ));
    }
    Ok(())
}

/// The fixed turns of a segment: agenda items and named statements.
fn turns(
    program: &Program,
    s: &RawSegment,
    path: &str,
    file: File,
) -> Result<Vec<Inscription>, ConfigError> {
    let mut turns = Vec::with_capacity(s.turns.len());
    for (ti, t) in s.turns.iter().enumerate() {
        let tpath = format!("{path}.turns[{ti}]");
        turns.push(match t {
            RawTurn::Item(item) => Inscription {
                content: Content::Item(Item {
                    title: item.title.clone(),
                    expect: parse_duration(&item.expect)
                        .map_err(|m| file.invalid(format!("{tpath}.expect"), m))?,
                    no_explanations_of_vote: match item.no_explanations_of_vote.as_deref() {
                        Some(rule) if rule.trim().is_empty() => {
                            return Err(file.invalid(
                                format!("{tpath}.no_explanations_of_vote"),
                                "empty: quote the rule that takes no explanation of vote here",
                            ));
                        }
                        rule => rule.map(|r| r.trim().to_string()),
                    },
                }),
                allotted: None,
                fixed: false,
            },
            RawTurn::Statement(raw) => {
                if raw.meeting.is_some() {
                    return Err(file.invalid(
                        format!("{tpath}.meeting"),
                        "not allowed here: the segment places the speaker",
                    ));
                }
                inscribe(program, raw)
                    .map_err(|p| file.invalid(format!("{tpath}.{}", p.field), p.problem))?
            }
        });
    }
    Ok(turns)
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
