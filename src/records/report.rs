//! The speaking-time report: one row per speech and a summary per meeting, computed from a
//! journal alone (a pure function of its bytes: the same journal gives the same report, byte
//! for byte). Written as CSV, Markdown or HTML with charts.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::chart;
use super::interruptions;
use super::ledger::Table;
use super::named::speaker_text;
pub use super::speeches::{MeetingSummary, Report, SpeechRow};
use crate::meeting::Millis;

/// The report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Md,
    Html,
    /// The time ledger alone, as CSV.
    Ledger,
}

impl std::str::FromStr for Format {
    type Err = String;

    /// `csv`, `md`, `html` or `ledger`.
    fn from_str(text: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == text)
            .ok_or_else(|| format!("`{text}` is not a report format: say csv, md, html or ledger"))
    }
}

impl Format {
    /// Every format, as the console's export writes them.
    pub const ALL: [Format; 4] = [Format::Csv, Format::Md, Format::Html, Format::Ledger];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Html => "html",
            Format::Ledger => "ledger",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Ledger => "ledger.csv",
            other => other.name(),
        }
    }
}

impl Report {
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

    /// The tables after the meetings: the ledger's, and the interruptions if there were any.
    fn tables(&self) -> Vec<Table> {
        let mut tables = self.ledger.tables();
        if !self.interruptions.is_empty() {
            tables.push(interruptions::table(&self.interruptions, |r| {
                self.clock(r.record.began.wall)
            }));
        }
        tables
    }

    /// The report in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Csv => self.csv(),
            Format::Md => self.markdown(),
            Format::Html => self.html(),
            Format::Ledger => self.ledger.csv(),
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
            "limit_s",
            "limit_changes",
            "interrupted",
            "delivered_by",
            "status",
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
                r.limit.map(secs).unwrap_or_default(),
                changes(r),
                r.interrupted.join("; "),
                r.delivered_by.clone().unwrap_or_default(),
                "heard".to_string(),
            ]);
        }
        // Every speaker not heard, with what became of them: no times of a speech.
        for u in &self.unheard {
            let mut row = vec![String::new(); 22];
            row[0] = u.meeting.clone();
            row[1] = u.segment.clone();
            row[3] = u.named.delegation.clone();
            row[4] = u.named.speaker.clone();
            row[5] = u.named.kind.clone();
            row[20] = u.named.delivered_by.clone().unwrap_or_default();
            row[21] = u.fate_text(|t| self.local(t));
            let _ = out.write_record(&row);
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

    const SPEECHES: [&'static str; 13] = [
        "#",
        "delegation",
        "speaker",
        "kind",
        "allotted",
        "forecast",
        "start",
        "end",
        "spoken",
        "allowed",
        "overtime",
        "paused",
        "changes of the allowance",
    ];

    fn speech_cells(&self, r: &SpeechRow) -> [String; 13] {
        let extensions = if r.changes.is_empty() {
            "—".to_string()
        } else {
            changes(r)
        };
        [
            r.order.to_string(),
            r.delegation.clone(),
            speaker_text(&r.speaker, r.delivered_by.as_deref()),
            r.kind.clone(),
            r.allotted.map_or_else(|| "—".into(), |a| a.to_string()),
            r.forecast_start
                .map_or_else(|| "—".into(), |t| self.clock(t)),
            self.clock(r.start),
            self.clock(r.end),
            r.spoken.to_string(),
            // Overtime is counted against this: the allotted time as changed.
            r.limit.map_or_else(|| "—".into(), |l| l.to_string()),
            r.overtime.to_string(),
            r.paused.to_string(),
            extensions,
        ]
    }

    const UNHEARD: [&'static str; 5] = [
        "delegation",
        "speaker",
        "kind",
        "segment",
        "what became of them",
    ];

    /// The speakers of meeting `id` who were not heard, as table rows.
    fn unheard_rows(&self, id: &str) -> Vec<Vec<String>> {
        self.unheard
            .iter()
            .filter(|u| u.meeting == id)
            .map(|u| {
                vec![
                    u.named.delegation.clone(),
                    speaker_text(&u.named.speaker, u.named.delivered_by.as_deref()),
                    u.named.kind.clone(),
                    u.segment.clone(),
                    u.fate_text(|t| self.clock(t)),
                ]
            })
            .collect()
    }

    fn heading(&self) -> (String, String) {
        let p = &self.program;
        (
            format!(
                "{}Speaking-time report — {}",
                if self.rehearsal { "REHEARSAL — " } else { "" },
                p.title
            ),
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
            let unheard = self.unheard_rows(&m.id);
            if !unheard.is_empty() {
                out.push_str("\n### Not heard\n\n");
                table(&mut out, &Self::UNHEARD, &mut unheard.into_iter());
            }
        }
        for t in self.tables() {
            let _ = writeln!(out, "\n## {}\n", t.title);
            table(&mut out, t.head, &mut t.rows.into_iter());
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
            let unheard = self.unheard_rows(&m.id);
            if !unheard.is_empty() {
                out.push_str("<h3>Not heard</h3>\n");
                table(&mut out, &Self::UNHEARD, &mut unheard.into_iter());
            }
        }
        for t in self.tables() {
            let _ = writeln!(out, "<h2>{}</h2>", esc(t.title));
            table(&mut out, t.head, &mut t.rows.into_iter());
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

/// A speech's changes of the allowance in order: "+0:30 (Console); set to 0:58 left (Api)".
fn changes(r: &SpeechRow) -> String {
    r.changes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
