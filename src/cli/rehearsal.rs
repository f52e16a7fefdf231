//! `plenary run --rehearse [DATE-TIME]`: the clock of a rehearsal, at real speed from a venue
//! time of the program's own days, carried on where a rehearsal journal stopped.

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};

use crate::host::FastClock;
use crate::meeting::Program;
use crate::meeting::config::{Sources, validate_program};

/// Where a rehearsal's clock starts, and why there.
#[derive(Debug, PartialEq)]
pub struct Start {
    pub at: DateTime<Utc>,
    /// "from the first meeting's start", "carried on from the journal (down 3 min)" …
    pub why: String,
}

/// The clock of a rehearsal asked for with `text` (empty: the default start), with its journal
/// at `journal` (carried on when it exists).
pub fn clock(text: &str, sources: &Sources, journal: &Path) -> anyhow::Result<(FastClock, Start)> {
    let program = validate_program(&sources.program, &sources.program_name)?;
    let asked = (!text.trim().is_empty())
        .then(|| venue_time(&program, text.trim()))
        .transpose()?;
    let last = if journal.exists() {
        let at = crate::journal::read(journal)?.last_stamp();
        // A rehearsal's stamps run at real speed: the run began at `run` (Unix milliseconds)
        // and `mono` has passed since.
        let real = i64::try_from(at.run)
            .unwrap_or(i64::MAX)
            .saturating_add(at.mono.0);
        Some((at.wall, real))
    } else {
        None
    };
    let start = start(&program, asked, last, Utc::now().timestamp_millis())?;
    Ok((FastClock::starting(start.at, 1), start))
}

/// Where the rehearsal starts: `asked`, else where the journal's `last` stamp (venue time,
/// real Unix milliseconds) left it plus the real time since, else the first meeting's start.
/// Never before the journal's last stamp: time in a journal only runs forward.
fn start(
    program: &Program,
    asked: Option<DateTime<Utc>>,
    last: Option<(DateTime<Utc>, i64)>,
    now_ms: i64,
) -> anyhow::Result<Start> {
    let first = program
        .meetings
        .first()
        .map(|m| m.start)
        .context("the program has no meetings to rehearse")?;
    let local = |at: DateTime<Utc>| program.local(at).format("%Y-%m-%d %H:%M:%S").to_string();
    match (asked, last) {
        (Some(at), Some((wall, _))) if at < wall => anyhow::bail!(
            "the rehearsal's journal already stands at {} (venue time): a rehearsal cannot go back \
             before it. Leave the time out (`--rehearse` alone) to carry on where it stopped, name \
             a later time, or start afresh in a journal of its own (--journal NEW-FILE)",
            local(wall)
        ),
        (Some(at), _) => Ok(Start {
            at,
            why: format!("from {} as asked", local(at)),
        }),
        (None, Some((wall, real))) => {
            let down = TimeDelta::milliseconds(now_ms.saturating_sub(real).max(0));
            Ok(Start {
                // A journal's stamps are within the years a meeting can have: no overflow;
                // were one ever near the end of time, it stays where it was.
                at: wall.checked_add_signed(down).unwrap_or(wall),
                why: format!(
                    "carried on from the journal's {} after {} min down",
                    local(wall),
                    down.num_minutes()
                ),
            })
        }
        (None, None) => Ok(Start {
            at: first,
            why: format!("from the first meeting's start, {}", local(first)),
        }),
    }
}

/// `text` as a venue time: `2025-11-24T15:00`, `2025-11-24 15:00[:SS]`, or `15:00[:SS]` on the
/// first meeting's day.
fn venue_time(program: &Program, text: &str) -> anyhow::Result<DateTime<Utc>> {
    let first_day = program
        .meetings
        .first()
        .map(|m| program.local(m.start).date_naive())
        .unwrap_or(NaiveDate::MIN);
    let naive = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        ["%H:%M:%S", "%H:%M"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(text, f).ok())
            .map(|t| first_day.and_time(t))
    })
    .with_context(|| {
        format!(
            "--rehearse {text}: not a venue time; write it as 2025-11-24T15:00, or 15:00 for \
                 the first meeting's day"
        )
    })?;
    program
        .time_zone
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .with_context(|| {
            format!(
                "--rehearse {text}: that time does not exist in {} (the clocks go forward then)",
                program.time_zone
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Program {
        let sources = Sources::seed().expect("seed");
        validate_program(&sources.program, "seed").expect("valid")
    }

    fn venue(program: &Program, text: &str) -> String {
        program
            .local(venue_time(program, text).expect("a venue time"))
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn times_are_read_in_venue_time_on_the_programs_days() {
        let program = seed();
        let first = program.local(program.meetings[0].start);
        assert_eq!(
            venue(&program, "15:00"),
            format!("{} 15:00", first.format("%Y-%m-%d"))
        );
        assert_eq!(venue(&program, "2025-11-25T17:25"), "2025-11-25 17:25");
        assert_eq!(venue(&program, "2025-11-25 17:25:30"), "2025-11-25 17:25");
        let err = venue_time(&program, "tomorrow").expect_err("not a time");
        assert!(err.to_string().contains("2025-11-24T15:00"), "{err}");
    }

    #[test]
    fn a_rehearsal_starts_at_the_first_meeting_or_where_its_journal_stopped() {
        let program = seed();
        let first = program.meetings[0].start;
        let fresh = start(&program, None, None, 0).expect("starts");
        assert_eq!(fresh.at, first);
        assert!(fresh.why.contains("first meeting"), "{}", fresh.why);
        // Stopped ten minutes into the rehearsal, down for three real minutes.
        let stopped = first + TimeDelta::minutes(10);
        let real = 1_000_000_000;
        let resumed = start(&program, None, Some((stopped, real)), real + 180_000).expect("ok");
        assert_eq!(resumed.at, stopped + TimeDelta::minutes(3));
        assert!(resumed.why.contains("3 min down"), "{}", resumed.why);
        // Asked for a later time: taken; an earlier one: refused, naming the journal's time.
        let later = stopped + TimeDelta::hours(2);
        let asked = start(&program, Some(later), Some((stopped, real)), real).expect("later");
        assert_eq!(asked.at, later);
        let err = start(&program, Some(first), Some((stopped, real)), real).expect_err("earlier");
        assert!(err.to_string().contains("cannot go back"), "{err}");
    }
}
