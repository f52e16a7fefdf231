//! The speaking-time report: one row per speech and a summary per meeting, computed from a
//! journal alone (a pure function of its bytes: the same journal gives the same report, byte
//! for byte). Written as CSV, Markdown or HTML with charts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::chart;
use crate::journal::{self, JournalError};
use crate::meeting::program::{Content, Program};
use crate::meeting::{Millis, Session, Source, Status, TurnId};

/// One speech.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeechRow {
    pub meeting: String,
    pub segment: String,
    /// 1, 2, 3… in the order the meeting heard them.
    pub order: usize,
    pub delegation: String,
    pub speaker: String,
    /// The statement kind's label, or "Agenda item".
    pub kind: String,
    pub allotted: Option<Millis>,
    /// The start the forecast gave when the meeting began (or when the speaker was inscribed).
    pub forecast_start: Option<DateTime<Utc>>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub spoken: Millis,
    pub overtime: Millis,
    pub paused: Millis,
    pub extensions: usize,
    /// The extensions added up (negative ones subtract).
    pub extended: Millis,
    /// Who granted them: "Console", "Keyboard ×2", "Api".
    pub granted_by: String,
    /// The changeover before the speech: the previous speech's end to this one's start.
    pub gap_before: Option<Millis>,
}

/// One meeting's totals.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingSummary {
    pub id: String,
    pub title: String,
    pub statements: usize,
    pub struck: usize,
    /// Deferred or carried over to a later meeting.
    pub carried_over: usize,
    pub overtime_total: Millis,
    pub overtime_mean: Millis,
    pub planned_start: DateTime<Utc>,
    pub planned_end: DateTime<Utc>,
    pub actual_start: Option<DateTime<Utc>>,
    pub actual_end: Option<DateTime<Utc>>,
    pub gaps: usize,
    pub gap_mean: Option<Millis>,
    pub gap_max: Option<Millis>,
}

/// The report of one journal.
#[derive(Clone, Debug)]
pub struct Report {
    /// The journal's name, as given.
    pub journal: String,
    pub program: Program,
    pub speeches: Vec<SpeechRow>,
    /// The meetings that heard at least one speech, in program order.
    pub meetings: Vec<MeetingSummary>,
    /// The journal's last line was torn: the report stops at the last good record.
    pub torn: Option<String>,
    /// Commands in the journal.
    pub commands: usize,
}

/// The report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Md,
    Html,
}

impl std::str::FromStr for Format {
    type Err = String;

    /// `csv`, `md` or `html`.
    fn from_str(text: &str) -> Result<Self, String> {
        [Format::Csv, Format::Md, Format::Html]
            .into_iter()
            .find(|f| f.extension() == text)
            .ok_or_else(|| format!("`{text}` is not a report format: say csv, md or html"))
    }
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Html => "html",
        }
    }
}

fn granted_by(sources: &[Source]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for source in sources {
        *counts.entry(format!("{source:?}")).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(s, n)| if n == 1 { s } else { format!("{s} ×{n}") })
        .collect::<Vec<_>>()
        .join(", ")
}

fn mean(spans: &[Millis]) -> Option<Millis> {
    let n = i64::try_from(spans.len()).ok().filter(|n| *n > 0)?;
    Some(Millis(spans.iter().map(|m| m.0).sum::<i64>() / n))
}

impl Report {
    /// The report of the journal `bytes` (named `name` in messages).
    pub fn from_journal(bytes: &[u8], name: &str) -> Result<Report, JournalError> {
        let replayed = journal::replay(bytes, name)?;
        // Replay again, noting the forecast start of each turn when it first appears in the
        // forecast (when its meeting begins, or when it is inscribed later).
        let mut session =
            Session::from_sources(&replayed.sources).map_err(|source| JournalError::Sources {
                path: name.to_string(),
                source,
            })?;
        let mut forecast: BTreeMap<TurnId, DateTime<Utc>> = BTreeMap::new();
        for entry in &replayed.entries {
            // Every command was checked by the replay above.
            let _ = session.apply(&entry.command, entry.at);
            if session.meeting_begun() {
                for projected in session.forecast(&entry.at).turns {
                    forecast.entry(projected.turn).or_insert(projected.start);
                }
            }
        }
        let session = replayed.session;
        let program = session.program().clone();
        let mut speeches = Vec::new();
        let mut order: BTreeMap<&str, usize> = BTreeMap::new();
        for record in session.records() {
            let turn = session.turn(record.turn);
            let (delegation, speaker, kind) = match turn.map(|t| &t.inscription.content) {
                Some(Content::Speaker(s)) => (
                    crate::view::delegation_text(s),
                    s.name.clone(),
                    program
                        .kind_of(s)
                        .map_or_else(|| s.kind.clone(), |k| k.label.clone()),
                ),
                Some(Content::Item(item)) => {
                    (item.title.clone(), String::new(), "Agenda item".into())
                }
                None => (record.turn.to_string(), String::new(), String::new()),
            };
            let n = order.entry(&record.meeting).or_default();
            *n += 1;
            let meeting = program.meeting_index(&record.meeting);
            let segment = meeting
                .and_then(|m| {
                    program.meetings[m]
                        .segments
                        .iter()
                        .find(|s| s.id == record.segment)
                })
                .map_or_else(|| record.segment.clone(), |s| s.title.clone());
            let sources: Vec<Source> = record.extensions.iter().map(|e| e.source).collect();
            speeches.push(SpeechRow {
                meeting: record.meeting.clone(),
                segment,
                order: *n,
                delegation,
                speaker,
                kind,
                allotted: record.allotted,
                forecast_start: forecast.get(&record.turn).copied(),
                start: record.started.wall,
                end: record.ended.wall,
                spoken: record.spoken,
                overtime: record.overtime,
                paused: record.paused,
                extensions: record.extensions.len(),
                extended: record.extensions.iter().map(|e| e.by).sum(),
                granted_by: granted_by(&sources),
                gap_before: record.gap_before,
            });
        }
        let meetings = program
            .meetings
            .iter()
            .enumerate()
            .filter_map(|(index, m)| {
                let rows: Vec<&SpeechRow> = speeches.iter().filter(|r| r.meeting == m.id).collect();
                let turns = session.turns().iter().filter(|t| t.meeting == index);
                let struck = turns.clone().filter(|t| t.status == Status::Struck).count();
                let carried_over = turns
                    .filter(|t| matches!(t.status, Status::Deferred { .. }))
                    .count();
                if rows.is_empty() && struck == 0 && carried_over == 0 {
                    return None;
                }
                let overtime: Vec<Millis> = rows.iter().map(|r| r.overtime).collect();
                let gaps: Vec<Millis> = rows.iter().filter_map(|r| r.gap_before).collect();
                Some(MeetingSummary {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    statements: rows.len(),
                    struck,
                    carried_over,
                    overtime_total: overtime.iter().copied().sum(),
                    overtime_mean: mean(&overtime).unwrap_or(Millis::ZERO),
                    planned_start: m.start,
                    planned_end: m.end,
                    actual_start: rows.first().map(|r| r.start),
                    actual_end: rows.last().map(|r| r.end),
                    gaps: gaps.len(),
                    gap_mean: mean(&gaps),
                    gap_max: gaps.iter().copied().max(),
                })
            })
            .collect();
        Ok(Report {
            journal: name.to_string(),
            program,
            speeches,
            meetings,
            torn: replayed.torn.map(|t| {
                format!(
                    "the journal's line {} was torn ({}): this report stops at the last good record",
                    t.line, t.reason
                )
            }),
            commands: replayed.entries.len(),
        })
    }

    /// Venue time, `2025-11-24 10:03:12`.
    fn local(&self, at: DateTime<Utc>) -> String {
        self.program
            .local(at)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    }

    /// Venue time of day, `10:03:12`.
    fn clock(&self, at: DateTime<Utc>) -> String {
        self.program.local(at).format("%H:%M:%S").to_string()
    }

    /// The report in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Csv => self.csv(),
            Format::Md => self.markdown(),
            Format::Html => self.html(),
        }
    }

    /// One row per speech; durations in seconds (to the millisecond), times in venue time.
    pub fn csv(&self) -> String {
        let mut out = csv::Writer::from_writer(Vec::new());
        let secs = |m: Millis| format!("{}.{:03}", m.0.div_euclid(1000), m.0.rem_euclid(1000));
        let _ = out.write_record([
            "meeting",
            "segment",
            "order",
            "delegation",
            "speaker",
            "kind",
            "allotted_s",
            "forecast_start",
            "start",
            "end",
            "spoken_s",
            "overtime_s",
            "paused_s",
            "extensions",
            "extended_s",
            "granted_by",
            "gap_before_s",
        ]);
        for r in &self.speeches {
            let _ = out.write_record([
                r.meeting.clone(),
                r.segment.clone(),
                r.order.to_string(),
                r.delegation.clone(),
                r.speaker.clone(),
                r.kind.clone(),
                r.allotted.map(secs).unwrap_or_default(),
                r.forecast_start.map(|t| self.local(t)).unwrap_or_default(),
                self.local(r.start),
                self.local(r.end),
                secs(r.spoken),
                secs(r.overtime),
                secs(r.paused),
                r.extensions.to_string(),
                secs(r.extended),
                r.granted_by.clone(),
                r.gap_before.map(secs).unwrap_or_default(),
            ]);
        }
        let bytes = out.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn summary_rows(&self) -> Vec<[String; 9]> {
        let opt = |m: Option<Millis>| m.map_or_else(|| "—".into(), |m| m.to_string());
        let at = |t: Option<DateTime<Utc>>| t.map_or_else(|| "—".into(), |t| self.clock(t));
        self.meetings
            .iter()
            .map(|m| {
                [
                    format!("{} ({})", m.title, m.id),
                    m.statements.to_string(),
                    m.struck.to_string(),
                    m.carried_over.to_string(),
                    format!("{} (mean {})", m.overtime_total, m.overtime_mean),
                    format!(
                        "{} – {}",
                        self.clock(m.planned_start),
                        self.clock(m.planned_end)
                    ),
                    format!("{} – {}", at(m.actual_start), at(m.actual_end)),
                    opt(m.gap_mean),
                    opt(m.gap_max),
                ]
            })
            .collect()
    }

    const SUMMARY: [&'static str; 9] = [
        "meeting",
        "statements",
        "struck",
        "carried over",
        "overtime",
        "planned",
        "actual",
        "mean gap",
        "longest gap",
    ];

    const SPEECHES: [&'static str; 12] = [
        "#",
        "delegation",
        "speaker",
        "kind",
        "allotted",
        "forecast",
        "start",
        "end",
        "spoken",
        "overtime",
        "paused",
        "extensions",
    ];

    fn speech_cells(&self, r: &SpeechRow) -> [String; 12] {
        let extensions = if r.extensions == 0 {
            "—".to_string()
        } else {
            format!("{} ({}; {})", r.extensions, r.extended, r.granted_by)
        };
        [
            r.order.to_string(),
            r.delegation.clone(),
            r.speaker.clone(),
            r.kind.clone(),
            r.allotted.map_or_else(|| "—".into(), |a| a.to_string()),
            r.forecast_start
                .map_or_else(|| "—".into(), |t| self.clock(t)),
            self.clock(r.start),
            self.clock(r.end),
            r.spoken.to_string(),
            r.overtime.to_string(),
            r.paused.to_string(),
            extensions,
        ]
    }

    fn heading(&self) -> (String, String) {
        let p = &self.program;
        (
            format!("Speaking-time report — {}", p.title),
            format!(
                "{} · {} · journal {} ({} commands) · times in {}",
                p.body, p.session, self.journal, self.commands, p.time_zone
            ),
        )
    }

    /// The report as Markdown.
    pub fn markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|");
        let table =
            |out: &mut String, head: &[&str], rows: &mut dyn Iterator<Item = Vec<String>>| {
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
                for row in rows {
                    let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                }
            };
        let (title, subtitle) = self.heading();
        let mut out = format!("# {title}\n\n{subtitle}\n\n");
        if let Some(torn) = &self.torn {
            let _ = writeln!(out, "> **Note:** {torn}.\n");
        }
        out.push_str("## Meetings\n\n");
        table(
            &mut out,
            &Self::SUMMARY,
            &mut self.summary_rows().into_iter().map(Vec::from),
        );
        for m in &self.meetings {
            let _ = writeln!(out, "\n## {} ({})\n", m.title, m.id);
            let rows = self.speeches.iter().filter(|r| r.meeting == m.id);
            table(
                &mut out,
                &Self::SPEECHES,
                &mut rows.map(|r| Vec::from(self.speech_cells(r))),
            );
        }
        out
    }

    /// The report as one HTML page, with its charts inline (SVG drawn by plotters).
    pub fn html(&self) -> String {
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let table =
            |out: &mut String, head: &[&str], rows: &mut dyn Iterator<Item = Vec<String>>| {
                out.push_str("<table><thead><tr>");
                for h in head {
                    let _ = write!(out, "<th>{}</th>", esc(h));
                }
                out.push_str("</tr></thead><tbody>");
                for row in rows {
                    out.push_str("<tr>");
                    for c in row {
                        let _ = write!(out, "<td>{}</td>", esc(&c));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>\n");
            };
        let (title, subtitle) = self.heading();
        let mut out = format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>{}</style></head><body>\n<h1>{}</h1><p class=\"sub\">{}</p>\n",
            esc(&title),
            STYLE,
            esc(&title),
            esc(&subtitle)
        );
        if let Some(torn) = &self.torn {
            let _ = writeln!(out, "<p class=\"note\"><b>Note:</b> {}.</p>", esc(torn));
        }
        out.push_str("<h2>Meetings</h2>\n");
        table(
            &mut out,
            &Self::SUMMARY,
            &mut self.summary_rows().into_iter().map(Vec::from),
        );
        for m in &self.meetings {
            let rows: Vec<&SpeechRow> =
                self.speeches.iter().filter(|r| r.meeting == m.id).collect();
            let _ = writeln!(out, "<h2>{} ({})</h2>", esc(&m.title), esc(&m.id));
            if !rows.is_empty() {
                out.push_str("<div class=\"charts\">");
                out.push_str(&chart::spoken_against_allotted(&rows));
                out.push_str(&chart::timeline(m, &rows, &self.program));
                out.push_str("</div>\n");
            }
            table(
                &mut out,
                &Self::SPEECHES,
                &mut rows.iter().map(|r| Vec::from(self.speech_cells(r))),
            );
        }
        out.push_str("</body></html>\n");
        out
    }
}

const STYLE: &str = "body{font-family:'DejaVu Sans',sans-serif;margin:2em;color:#1a1d23}\
h1{font-size:1.5em;margin-bottom:0}.sub{color:#555;margin-top:.3em}\
h2{font-size:1.2em;margin-top:2em;border-bottom:2px solid #2973d9}\
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}\
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;white-space:nowrap}\
th{background:#f1f3f6}.note{background:#fff4d6;padding:.5em 1em;border-left:4px solid #ffb000}\
.charts{display:flex;flex-wrap:wrap;gap:1em}.charts svg{border:1px solid #eee}";
