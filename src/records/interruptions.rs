//! Points of order, motions and rulings as the report lists them: when, raised by whom,
//! during whose statement, how long, and the time the speaker had back.

use crate::meeting::{InterruptionRecord, Session};

use super::ledger::Table;

/// One interruption of the floor.
#[derive(Clone, Debug, PartialEq)]
pub struct InterruptionRow {
    pub meeting: String,
    /// "Point of order".
    pub cause: String,
    /// The delegation that raised it ("" for a ruling of the chair's own).
    pub by: String,
    /// Whose statement it interrupted ("" if no one had the floor).
    pub during: String,
    pub record: InterruptionRecord,
}

/// Every interruption of `session`, in order.
pub fn interruptions(session: &Session) -> Vec<InterruptionRow> {
    session
        .interruptions()
        .iter()
        .map(|record| InterruptionRow {
            meeting: record.meeting.clone(),
            cause: record.cause.label().to_string(),
            by: record.by.clone().unwrap_or_default(),
            during: record
                .turn
                .and_then(|t| session.turn(t))
                .map_or_else(String::new, |t| t.who()),
            record: record.clone(),
        })
        .collect()
}

/// The report's table; `clock` writes a time of day in venue time.
pub fn table(rows: &[InterruptionRow], clock: impl Fn(&InterruptionRow) -> String) -> Table {
    Table {
        title: "Points of order, motions and rulings",
        head: &[
            "meeting",
            "at",
            "what",
            "raised by",
            "during the statement of",
            "lasted",
            "speaker's time given back",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.meeting.clone(),
                    clock(r),
                    r.cause.clone(),
                    r.by.clone(),
                    r.during.clone(),
                    r.record.lasted().to_string(),
                    r.record
                        .remaining
                        .map_or_else(|| "—".into(), |m| m.to_string()),
                ]
            })
            .collect(),
    }
}
