//! Words shared by every display, the report and the wire: how a turn is named, how a venue
//! time is written, what a command did, and the status line scripts read.

use chrono::{DateTime, Utc};

use crate::meeting::program::{Program, Speaker};
use crate::meeting::{Action, Session, Stamp};

/// A venue-local time as the displays write it: `HH:MM`.
pub fn venue_hhmm(program: &Program, at: DateTime<Utc>) -> String {
    program.local(at).format("%H:%M").to_string()
}

/// A speaker's delegation as every list and record writes it: "Ghana (on behalf of the Group
/// of African States)", or the office of a speaker with no delegation.
pub fn delegation_text(speaker: &Speaker) -> String {
    match (&speaker.delegation, &speaker.on_behalf_of) {
        (Some(d), Some(g)) => format!("{d} (on behalf of {g})"),
        (Some(d), None) => d.clone(),
        (None, _) => speaker.title.clone(),
    }
}

/// A speaker's name as lists and records write it: "Ana Pérez", "Ghada Waly (delivered by
/// Ana Pérez)", or what stands in for a name not known yet.
pub fn speaker_text(speaker: &Speaker) -> String {
    let name = if speaker.named() {
        speaker.name.clone()
    } else if speaker.kind == crate::meeting::program::REPLY_KIND
        || speaker.kind == crate::meeting::program::EXPLANATION_KIND
    {
        // "Right of reply (second)": what the list and the report need to know of it.
        speaker.title.clone()
    } else if speaker.seat.is_some() {
        "(seat not filled)".to_string()
    } else {
        "(name to be confirmed)".to_string()
    };
    match &speaker.delivered_by {
        Some(by) => format!("{name} (delivered by {by})"),
        None => name,
    }
}

/// What an accepted command did, in the chair's words ("Extended by 0:30").
pub fn action_words(action: &Action) -> String {
    let seconds = |s: i64| crate::meeting::time::mss(s.saturating_abs());
    match action {
        Action::BeginMeeting { meeting, waiting } => match waiting {
            Some(crate::meeting::Waiting::CarryOver) => {
                format!("Meeting `{meeting}` begun; the waiting speakers carried over")
            }
            _ => format!("Meeting `{meeting}` begun"),
        },
        Action::BeginSegment { segment, waiting } => match waiting {
            Some(crate::meeting::Waiting::CarryOver) => {
                format!("Segment `{segment}` begun; the waiting speakers carried over")
            }
            _ => format!("Segment `{segment}` begun"),
        },
        Action::Call { turn } => format!("Speaker {turn} called"),
        Action::Start => "Clock started".into(),
        Action::Pause => "Clock paused".into(),
        Action::Resume => "Clock resumed".into(),
        Action::StartOrPause => "Clock started or paused".into(),
        Action::Next => "Next speaker called".into(),
        Action::Recall => "Previous speaker recalled".into(),
        Action::Extend { seconds: s } if *s < 0 => format!("Shortened by {}", seconds(*s)),
        Action::Extend { seconds: s } => format!("Extended by {}", seconds(*s)),
        Action::SetRemaining { seconds: s } => format!("Remaining time set to {}", seconds(*s)),
        Action::ResetClock => "Clock reset to the allotted time".into(),
        Action::Insert { speaker, .. } => format!(
            "{} inscribed",
            speaker.delegation.as_deref().unwrap_or(&speaker.name)
        ),
        Action::Move { turn, position } => format!("Speaker {turn} moved to {position}"),
        Action::SetName { turn, name } if name.trim().is_empty() => {
            format!("Speaker {turn}: name to be confirmed")
        }
        Action::SetName { turn, name } => format!("Speaker {turn} named {name}"),
        Action::Strike { turn } => format!("Speaker {turn} struck"),
        Action::Reinstate { turn } => format!("Speaker {turn} reinstated"),
        Action::Defer { turn } => format!("Speaker {turn} deferred"),
        Action::CarryOver => "Waiting speakers carried over".into(),
        Action::ApplyPrecedence => "List sorted by precedence".into(),
        Action::Message { text } => format!("Message shown: {text}"),
        Action::ClearMessage => "Message cleared".into(),
        Action::Blackout { on: true } => "Podium blacked out".into(),
        Action::Blackout { on: false } => "Podium back on".into(),
        Action::ToggleBlackout => "Blackout switched".into(),
        Action::Interrupt {
            cause,
            by: Some(by),
        } => format!("{}: {by}", cause.label()),
        Action::Interrupt { cause, by: None } => cause.label().to_string(),
        Action::GiveFloorBack => "Floor given back".into(),
        Action::InscribeReply {
            delegation,
            overriding,
            ..
        } => format!(
            "{delegation} inscribed to reply{}",
            if *overriding {
                " (by leave of the President)"
            } else {
                ""
            }
        ),
        Action::ExplainVote {
            delegation,
            overriding,
            ..
        } => format!(
            "{delegation} inscribed to explain its vote{}",
            if *overriding {
                " (by the chair's decision)"
            } else {
                ""
            }
        ),
    }
}

/// One line a script can parse: `status key=value …`.
pub fn status_line(session: &Session, now: &Stamp) -> String {
    let meeting = session.meeting();
    let mut parts = vec![
        format!("meeting={}", meeting.id),
        format!("begun={}", session.meeting_begun()),
        format!("segment={}", meeting.segments[session.segment_index()].id),
        format!("waiting={}", session.queue().len()),
        format!("spoken={}", session.records().len()),
    ];
    if session.rehearsal() {
        parts.push("rehearsal=true".into());
    }
    match (session.floor(), session.reading(now)) {
        (Some(floor), Some(reading)) => {
            parts.push(format!("floor={}", floor.turn.0));
            parts.push(format!("phase={:?}", reading.phase));
            parts.push(format!("paused={}", reading.paused));
            parts.push(format!("shown={}", reading.shown));
            parts.push(format!("elapsed_ms={}", reading.elapsed.0));
            if let Some(remaining) = reading.remaining {
                parts.push(format!("remaining_ms={}", remaining.0));
            }
        }
        _ => parts.push("floor=none".into()),
    }
    if let Some(i) = session.interrupted() {
        parts.push(format!("interrupted={:?}", i.cause));
    }
    format!("status {}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::TurnId;

    #[test]
    fn commands_are_said_in_words_not_debug_text() {
        assert_eq!(
            action_words(&Action::Extend { seconds: 30 }),
            "Extended by 0:30"
        );
        assert_eq!(
            action_words(&Action::Extend { seconds: -15 }),
            "Shortened by 0:15"
        );
        assert_eq!(
            action_words(&Action::Strike { turn: TurnId(12) }),
            "Speaker #12 struck"
        );
        for action in [Action::Next, Action::StartOrPause, Action::ToggleBlackout] {
            let words = action_words(&action);
            assert!(!words.contains('{') && !words.contains("::"), "{words}");
        }
    }
}
