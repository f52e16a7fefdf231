//! The speeches of a journal as rows, and each meeting's totals: what the report renders and
//! the charts draw. A pure function of the journal's bytes.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::interruptions::{self, InterruptionRow};
use super::ledger::{Ledger, Statement};
use super::named::Named;
use super::unheard::{Fates, UnheardRow, unheard};
use crate::journal::{self, Entry, JournalError};
use crate::meeting::program::{Content, Program};
use crate::meeting::{Event, Millis, Session, Source, SpeechRecord, Status, TurnId};

/// One speech.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeechRow {
    pub meeting: String,
    pub segment: String,
    /// 1, 2, 3… in the order the meeting heard them.
    pub order: usize,
    pub delegation: String,
    pub speaker: String,
    /// Who delivered the statement for the speaker named ("Li Junhua, Under-Secretary-General
    /// …" for the Secretary-General's message).
    pub delivered_by: Option<String>,
    /// Whose time it is in the ledger: the delegation ("Iceland"), or the office of a
    /// speaker with none ("Secretary-General", "Secretary-General, delivered by Li Junhua"
    /// when another delivered it), or the item.
    pub speaking_for: String,
    /// The group of States the statement was made on behalf of.
    pub group: Option<String>,
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
    /// The final allowance, which overtime is counted against.
    pub limit: Option<Millis>,
    /// Every change of the allowance in order (extensions, time set, clock reset), each with
    /// where it came from.
    pub changes: Vec<LimitChange>,
    /// The changeover before the speech: the previous speech's end to this one's start.
    pub gap_before: Option<Millis>,
    /// Points of order (motions, rulings) during the speech: "Point of order (Cuba) 1:10".
    pub interrupted: Vec<String>,
}

/// One change of a speech's allowance, as the journal recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitChange {
    pub change: Change,
    pub source: Source,
}

/// What a change of the allowance did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// `Extend`: time added (or, negative, taken away).
    Extended(Millis),
    /// `SetRemaining`: the time left set, the allowance moved to match.
    RemainingSet(Millis),
    /// `ResetClock`: back to the allotted time, earlier changes undone.
    Reset,
}

impl std::fmt::Display for LimitChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.change {
            Change::Extended(by) if by < Millis::ZERO => write!(f, "−{}", -by)?,
            Change::Extended(by) => write!(f, "+{by}")?,
            Change::RemainingSet(left) => write!(f, "set to {left} left")?,
            Change::Reset => f.write_str("clock reset")?,
        }
        write!(f, " ({:?})", self.source)
    }
}

/// Every speech `session` has heard, as rows, in the order heard (no forecast starts or
/// changes of the allowance: those come from the journal): what the console's time ledger
/// sums.
pub fn heard(session: &Session) -> Vec<SpeechRow> {
    let mut order: BTreeMap<&str, usize> = BTreeMap::new();
    session
        .records()
        .iter()
        .map(|record| {
            let n = order.entry(&record.meeting).or_default();
            *n += 1;
            speech_row(session, record, *n, None)
        })
        .collect()
}

impl SpeechRow {
    /// The speech as the time ledger counts it.
    pub fn statement(&self) -> Statement<'_> {
        Statement {
            meeting: &self.meeting,
            segment: &self.segment,
            speaking_for: &self.speaking_for,
            group: self.group.as_deref(),
            spoken: self.spoken,
            overtime: self.overtime,
        }
    }
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
    /// The journal is a rehearsal's: the report says so in its title.
    pub rehearsal: bool,
    /// Speaking time per delegation, per group and per segment.
    pub ledger: Ledger,
    /// The speakers of those meetings who were not heard, and what became of each.
    pub unheard: Vec<UnheardRow>,
    /// Points of order, motions and rulings, in order.
    pub interruptions: Vec<InterruptionRow>,
}

impl Report {
    /// The report of the journal `bytes` (named `name` in messages).
    pub fn from_journal(bytes: &[u8], name: &str) -> Result<Report, JournalError> {
        let mut walk = Walk::default();
        let mut fates = Fates::default();
        let replayed = journal::replay_observed(bytes, name, |session, entry| {
            walk.observe(session, entry);
            fates.observe(entry);
        })?;
        let session = &replayed.session;
        let Walk {
            forecast,
            mut changes,
            ..
        } = walk.finish(session);
        let program = session.program().clone();
        let mut order: BTreeMap<&str, usize> = BTreeMap::new();
        let speeches: Vec<SpeechRow> = session
            .records()
            .iter()
            .enumerate()
            .map(|(i, record)| {
                let n = order.entry(&record.meeting).or_default();
                *n += 1;
                let mut row = speech_row(session, record, *n, forecast.get(&record.turn).copied());
                row.changes = std::mem::take(&mut changes[i]);
                row
            })
            .collect();
        let meetings = meeting_summaries(session, &speeches);
        let ids: Vec<&str> = meetings.iter().map(|m| m.id.as_str()).collect();
        let unheard = unheard(session, &fates, &ids);
        let ledger = Ledger::of(speeches.iter().map(SpeechRow::statement));
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
            rehearsal: replayed.sources.rehearsal,
            ledger,
            unheard,
            interruptions: interruptions::interruptions(session),
        })
    }
}

/// What the report notes beside the session's records, as the replay applies each command.
#[derive(Default)]
struct Walk {
    /// Each turn's forecast start when it first appears in the forecast (when its meeting
    /// begins, or when it is inscribed later).
    forecast: BTreeMap<TurnId, DateTime<Utc>>,
    /// The changes of the allowance of each finished speech, by the index of its record.
    changes: Vec<Vec<LimitChange>>,
    /// Changes of speeches not yet finished, by turn.
    pending: BTreeMap<TurnId, Vec<LimitChange>>,
}

impl Walk {
    /// Notes what `entry` did to the session it left: which speech's allowance it changed,
    /// and the forecast starts as they stood.
    fn observe(&mut self, session: &Session, entry: &Entry) {
        let source = entry.command.source;
        for event in &entry.events {
            let (turn, change) = match event {
                Event::Extended { turn, by, .. } => (turn, Change::Extended(*by)),
                Event::RemainingSet { turn, remaining } => (turn, Change::RemainingSet(*remaining)),
                Event::ClockReset { turn } => (turn, Change::Reset),
                // A recalled speech goes on: its changes are its own again.
                Event::Recalled { turn } => {
                    if let Some(back) = self.changes.pop() {
                        self.pending.insert(*turn, back);
                    }
                    continue;
                }
                _ => continue,
            };
            self.pending
                .entry(*turn)
                .or_default()
                .push(LimitChange { change, source });
        }
        // A speech that ended with this command takes the changes made while it was heard.
        while let Some(record) = session.records().get(self.changes.len()) {
            let changes = self.pending.remove(&record.turn).unwrap_or_default();
            self.changes.push(changes);
        }
        if session.meeting_begun() {
            for projected in session.forecast(&entry.at).turns {
                self.forecast
                    .entry(projected.turn)
                    .or_insert(projected.start);
            }
        }
    }

    /// The walk complete: a change list for every record of the final `session`.
    fn finish(mut self, session: &Session) -> Walk {
        self.changes.resize(session.records().len(), Vec::new());
        self
    }
}

/// One finished speech as a row: `order` is its place in its meeting.
fn speech_row(
    session: &Session,
    record: &SpeechRecord,
    order: usize,
    forecast_start: Option<DateTime<Utc>>,
) -> SpeechRow {
    let program = session.program();
    let content = session.turn(record.turn).map(|t| &t.inscription.content);
    let Named {
        delegation,
        speaker,
        delivered_by,
        kind,
    } = Named::of(session, record.turn);
    // Whose time it is in the ledger: the delegation, or the office of a speaker with none
    // (and who delivered it for them: the ledger names them too).
    let (speaking_for, group) = match content {
        Some(Content::Speaker(s)) => (
            s.delegation
                .clone()
                .unwrap_or_else(|| match &s.delivered_by {
                    Some(by) => format!("{}, delivered by {by}", s.title),
                    None => s.title.clone(),
                }),
            s.on_behalf_of.clone(),
        ),
        _ => (delegation.clone(), None),
    };
    let segment = program
        .meeting_index(&record.meeting)
        .and_then(|m| {
            program.meetings[m]
                .segments
                .iter()
                .find(|s| s.id == record.segment)
        })
        .map_or_else(|| record.segment.clone(), |s| s.title.clone());
    let sources: Vec<Source> = record.extensions.iter().map(|e| e.source).collect();
    SpeechRow {
        meeting: record.meeting.clone(),
        segment,
        order,
        delegation,
        speaker,
        delivered_by,
        speaking_for,
        group,
        kind,
        allotted: record.allotted,
        forecast_start,
        start: record.started.wall,
        end: record.ended.wall,
        spoken: record.spoken,
        overtime: record.overtime,
        paused: record.paused,
        extensions: record.extensions.len(),
        extended: record.extensions.iter().map(|e| e.by).sum(),
        granted_by: granted_by(&sources),
        limit: record.limit,
        changes: Vec::new(),
        gap_before: record.gap_before,
        interrupted: session
            .interruptions()
            .iter()
            .filter(|i| i.turn == Some(record.turn) && i.began.wall >= record.called.wall)
            .filter(|i| i.ended.wall <= record.ended.wall)
            .map(|i| {
                let what = i.by.as_ref().map_or_else(
                    || i.cause.label().to_string(),
                    |by| format!("{} ({by})", i.cause.label()),
                );
                format!("{what} {}", i.lasted())
            })
            .collect(),
    }
}

/// The totals of each meeting that heard a speech, struck or carried over a speaker.
fn meeting_summaries(session: &Session, speeches: &[SpeechRow]) -> Vec<MeetingSummary> {
    session
        .program()
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
        .collect()
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
