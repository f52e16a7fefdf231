//! The commands that print: `check` (the program and its lists), `replay` (a journal's
//! session), `report` (the speaking-time record).

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::sources;
use crate::journal;
use crate::meeting::delegations::Delegations;
use crate::meeting::program::{Content, Speaker};
use crate::meeting::time::mss;
use crate::meeting::{Millis, Session, Sources, Stamp};
use crate::records::named::speaker_text;
use crate::records::report::{Format, Report};
use crate::records::unheard::{Fates, unheard};

/// `plenary report JOURNAL`.
pub(super) fn report(journal: &Path, format: Format, output: Option<&Path>) -> anyhow::Result<()> {
    let name = journal.display().to_string();
    let bytes = journal::read_bytes(journal)?;
    let report = Report::from_journal(&bytes, &name)?;
    if let Some(torn) = &report.torn {
        eprintln!("report: {torn}");
    }
    let text = report.render(format);
    match output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

pub(super) fn check(config: Option<&Path>, speakers: Option<&Path>) -> anyhow::Result<()> {
    let sources = sources(config, speakers)?;
    check_listing(&sources, &mut std::io::stdout().lock())
}

/// What `plenary check` prints for `sources`: the program validated, its lists of speakers
/// placed and sorted, every meeting listed (linear in the number of turns: measured by
/// `cargo bench --no-default-features --bench core -- check`).
pub fn check_listing(sources: &Sources, out: &mut impl Write) -> anyhow::Result<()> {
    let session = Session::from_sources(sources)?;
    print_program(out, &session)?;
    writeln!(out, "\n{}: valid.", sources.program_name)?;
    Ok(())
}

/// One speaker in `check`: delegation, name, title, delivered by, kind, and what to look at.
fn turn_line(s: &Speaker, known: &Delegations) -> String {
    let mut line = crate::view::delegation_text(s);
    let name = crate::view::speaker_text(s);
    if s.delegation.is_some() || !s.named() || s.delivered_by.is_some() {
        line = format!("{line} — {name}");
    } else {
        line = format!("{name} — {line}");
    }
    if s.delegation.is_some() && !s.title.is_empty() {
        line = format!("{line}, {}", s.title);
    }
    line = format!("{line} [{}]", s.kind);
    if let Some(seat) = &s.seat {
        line = format!("{line} (seat `{seat}`)");
    }
    let mut flags = Vec::new();
    if s.empty_seat() {
        flags.push("placeholder: seat not filled".to_string());
    } else if !s.named() {
        flags.push("name to be confirmed".to_string());
    }
    if let Some(d) = &s.delegation
        && !known.is_known(d)
    {
        flags.push(format!("`{d}` is not on file"));
    }
    if flags.is_empty() {
        line
    } else {
        format!("{line}  ⚠ {}", flags.join("; "))
    }
}

fn limit_text(limit: Option<Millis>) -> String {
    limit.map_or_else(|| "counts up".into(), |l| l.to_string())
}

fn print_program(out: &mut impl Write, session: &Session) -> std::io::Result<()> {
    let program = session.program();
    // Were the embedded file ever unreadable, every name would be flagged: still a listing.
    let known = &Delegations::embedded().unwrap_or_default();
    let local = |t| crate::view::venue_hhmm(program, t);
    writeln!(out, "{} — {}", program.body, program.session)?;
    writeln!(out, "{}", program.title)?;
    if !program.mandate.is_empty() {
        writeln!(out, "Mandate: {}", program.mandate)?;
    }
    writeln!(
        out,
        "Venue time: {} · warning in the last {} · changeover {}",
        program.time_zone, program.warning, program.changeover
    )?;
    writeln!(out, "\nStatement kinds:")?;
    for kind in program.kinds.values() {
        writeln!(
            out,
            "  {:<20} {:<32} {}",
            kind.id,
            kind.label,
            limit_text(kind.limit)
        )?;
    }
    for (mi, meeting) in program.meetings.iter().enumerate() {
        writeln!(
            out,
            "\n{} [{}] {}–{} {} ({:?})",
            program.local(meeting.start).format("%a %d %b %Y"),
            meeting.id,
            local(meeting.start),
            local(meeting.end),
            meeting.title,
            meeting.kind
        )?;
        if let Some(theme) = &meeting.theme {
            writeln!(out, "  Theme: {theme}")?;
        }
        for chair in &meeting.co_chairs {
            let name = if chair.name.trim().is_empty() {
                "(seat not filled)"
            } else {
                chair.name.as_str()
            };
            writeln!(
                out,
                "  Co-Chair: {name} ({}, {:?})",
                chair.delegation, chair.development
            )?;
        }
        for (si, segment) in meeting.segments.iter().enumerate() {
            let start = segment.start.map(local).unwrap_or_else(|| "  …  ".into());
            let fixed = if segment.fixed {
                " — fixed: starts sharp (anchor)"
            } else {
                ""
            };
            let replies = match meeting.replies {
                Some(r) if meeting.reply_segment() == Some(si) => format!(
                    " — a delegation's first reply {}, its second {}",
                    r.first, r.second
                ),
                _ => String::new(),
            };
            writeln!(out, "  {start} {}{fixed}{replies}", segment.title)?;
            // Positions counted as the list is walked: linear in the number of turns.
            for (position, id) in (1..).zip(session.list(mi, si)) {
                let Some(turn) = session.turn(*id) else {
                    continue;
                };
                let what = match &turn.inscription.content {
                    Content::Speaker(s) => turn_line(s, known),
                    Content::Item(item) => match &item.no_explanations_of_vote {
                        Some(rule) => {
                            format!("Item: {} (no explanations of vote: {rule})", item.title)
                        }
                        None => format!("Item: {}", item.title),
                    },
                };
                let time = match &turn.inscription.content {
                    Content::Item(item) => format!("~{}", item.expect),
                    Content::Speaker(_) => limit_text(turn.inscription.allotted),
                };
                writeln!(out, "        {position:>3}. {what} — {time}")?;
            }
        }
        writeln!(out, "  {} End of meeting (anchor)", local(meeting.end))?;
    }
    Ok(())
}

pub(super) fn replay(path: &Path) -> anyhow::Result<()> {
    let bytes = journal::read_bytes(path)?;
    let mut fates = Fates::default();
    let replayed = journal::replay_observed(&bytes, &path.display().to_string(), |_, entry| {
        fates.observe(entry);
    })?;
    let session = &replayed.session;
    let program = session.program();
    let at = replayed.last_stamp();
    let mut out = std::io::stdout().lock();
    let local = |t: &Stamp| {
        program
            .local(t.wall)
            .format("%a %d %b %H:%M:%S")
            .to_string()
    };
    writeln!(out, "Journal {} — {}", path.display(), program.title)?;
    writeln!(
        out,
        "Opened {} · {} commands · last at {}",
        local(&replayed.opened),
        replayed.entries.len(),
        local(&at)
    )?;
    if let Some(torn) = &replayed.torn {
        writeln!(out, "Torn last line {} skipped: {}", torn.line, torn.reason)?;
    }
    let meeting = session.meeting();
    writeln!(
        out,
        "Meeting: [{}] {} ({}) · segment: {}",
        meeting.id,
        meeting.title,
        if session.meeting_begun() {
            "begun"
        } else {
            "not begun"
        },
        meeting.segments[session.segment_index()].title
    )?;
    match (session.floor_turn(), session.reading(&at)) {
        (Some(turn), Some(reading)) => writeln!(
            out,
            "Floor: {} — {:?}{} {} (as of the last command)",
            turn.who(),
            reading.phase,
            if reading.paused { ", paused," } else { "" },
            reading.shown
        )?,
        _ => writeln!(out, "Floor: no one")?,
    }
    if let Some(message) = session.message() {
        writeln!(out, "Message on the podium: {message}")?;
    }
    writeln!(out, "\nSpeeches:")?;
    writeln!(
        out,
        "  {:<8} {:<44} {:>9} {:>7} {:>8} {:>8} {:>6}",
        "meeting", "speaker", "started", "spoken", "allowed", "overtime", "paused"
    )?;
    for record in session.records() {
        let who = session
            .turn(record.turn)
            .map_or_else(|| record.turn.to_string(), |t| t.who());
        writeln!(
            out,
            "  {:<8} {:<44} {:>9} {:>7} {:>8} {:>8} {:>6}",
            record.meeting,
            crate::view::shorten(&who, 44),
            program.local(record.started.wall).format("%H:%M:%S"),
            mss(record.spoken.floor_secs()),
            record.limit.map_or_else(|| "—".into(), |l| l.to_string()),
            mss(record.overtime.floor_secs()),
            mss(record.paused.floor_secs()),
        )?;
        let delivered_by = session
            .turn(record.turn)
            .and_then(|t| match &t.inscription.content {
                Content::Speaker(s) => s.delivered_by.as_deref(),
                Content::Item(_) => None,
            });
        if let Some(by) = delivered_by {
            writeln!(out, "  {:<8} delivered by {by}", "")?;
        }
    }
    // Every other speaker of the meetings that have begun, with what became of them.
    let begun: Vec<&str> = session
        .records()
        .iter()
        .map(|r| r.meeting.as_str())
        .chain(
            [session.meeting().id.as_str()]
                .into_iter()
                .filter(|_| session.meeting_begun()),
        )
        .collect();
    let unheard = unheard(session, &fates, &begun);
    if !unheard.is_empty() {
        writeln!(out, "\nNot heard:")?;
    }
    for u in unheard {
        let who = speaker_text(&u.named.speaker, u.named.delivered_by.as_deref());
        let who = if who.is_empty() {
            u.named.delegation.clone()
        } else {
            format!("{} ({who})", u.named.delegation)
        };
        writeln!(
            out,
            "  {:<8} {:<44} {}",
            u.meeting,
            crate::view::shorten(&who, 44),
            u.fate_text(|t| program.local(t).format("%H:%M:%S").to_string())
        )?;
    }
    Ok(())
}
