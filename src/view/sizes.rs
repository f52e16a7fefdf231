//! How large the podium draws each line, in hundredths of the screen's height: the digits as
//! large as the width allows, smaller beside a message but never under a third of the height,
//! and the message, however long, wrapped in the room the digits leave.

use super::{PodiumView, Tone};

/// The smallest the digits become beside a message: over a third of the screen's height.
pub const DIGITS_BESIDE_MESSAGE: f32 = 34.0;

/// The podium's font sizes for one view, in `vh` (hundredths of the window's height).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PodiumSizes {
    /// The cue (`30 s`, `TIME`, `ELAPSED`); between speakers the local time, small.
    pub label: f32,
    pub digits: f32,
    /// The delegation (or the meeting): smaller when it would take more than a line.
    pub who: f32,
    pub message: f32,
}

/// Characters of the delegation's line that fit at the large size on a 16:9 screen.
const WHO_LARGE_CHARS: usize = 34;

/// The sizes of `view`'s lines.
pub fn podium_sizes(view: &PodiumView) -> PodiumSizes {
    let full = match view.digits.chars().count() {
        0..=4 => 68.0,
        5 => 46.0,
        _ => 38.0,
    };
    let who = if view.who.chars().count() <= WHO_LARGE_CHARS {
        7.0
    } else {
        5.0
    };
    let idle = view.tone == Tone::Idle;
    match &view.message {
        None => PodiumSizes {
            label: if idle { 4.0 } else { 9.0 },
            digits: full,
            who,
            message: 0.0,
        },
        Some(text) => PodiumSizes {
            label: if idle { 4.0 } else { 7.0 },
            digits: f32::min(full, DIGITS_BESIDE_MESSAGE),
            who,
            message: match text.chars().count() {
                0..=40 => 7.0,
                41..=90 => 5.5,
                _ => 4.5,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(digits: &str, who: &str, message: Option<&str>) -> PodiumView {
        PodiumView {
            blackout: false,
            tone: Tone::Running,
            paused: false,
            digits: digits.into(),
            label: "30 s".into(),
            bar: Some(0.5),
            who: who.into(),
            speaker: "Sheikha Najwa bint Abdulrahman Al-Thani, Minister of State".into(),
            message: message.map(str::to_string),
            dim: false,
            rehearsal: false,
        }
    }

    /// Lines `chars` characters take at `size` vh across 90 % of a 16:9 screen (bold DejaVu's
    /// widest common letters are about 0.7 of the size), with one line spare for word breaks
    /// once it wraps.
    fn lines(chars: usize, size: f32) -> f32 {
        let per_line = (0.9 * 177.8 / (0.7 * size)).floor();
        let lines = (chars as f32 / per_line).ceil();
        if lines > 1.0 { lines + 1.0 } else { lines }
    }

    /// The height of the podium's column: label, digits, bar, delegation, speaker and the
    /// message box, with the gaps between them (the layout of `app/podium.rs` and the browser
    /// podium).
    fn column_height(v: &PodiumView) -> f32 {
        let s = podium_sizes(v);
        let message = v.message.as_ref().map_or(0.0, |m| {
            lines(m.chars().count(), s.message) * s.message * 1.2 + 3.0
        });
        let gaps = if v.message.is_some() { 5.0 } else { 4.0 };
        s.label * 1.2
            + s.digits * 0.85
            + 3.5
            + lines(v.who.chars().count(), s.who) * s.who * 1.2
            + 4.5 * 1.2
            + message
            + gaps * 1.0
    }

    #[test]
    fn a_message_never_covers_the_digits_however_long() {
        let long = "x".repeat(crate::meeting::session::MESSAGE_MAX_CHARS);
        for digits in ["3:00", "12:00", "+0:21", "+12:34"] {
            for who in [
                "Chile",
                "European Union (on behalf of the European Union and its member States)",
            ] {
                for len in [1, 20, 41, 90, 91, 138, long.len()] {
                    let v = view(digits, who, Some(&long[..len]));
                    let s = podium_sizes(&v);
                    assert!(s.digits > 100.0 / 3.0, "{digits}: {}", s.digits);
                    let h = column_height(&v);
                    assert!(h <= 100.0, "{digits} / {who} / {len} characters: {h} vh");
                }
                let alone = view(digits, who, None);
                assert!(column_height(&alone) <= 100.0, "{digits} / {who}");
            }
        }
    }

    #[test]
    fn digits_are_largest_with_no_message_and_shrink_beside_one() {
        let alone = podium_sizes(&view("3:00", "Chile", None));
        let beside = podium_sizes(&view("3:00", "Chile", Some("Please conclude")));
        assert_eq!(alone.digits, 68.0);
        assert_eq!(beside.digits, DIGITS_BESIDE_MESSAGE);
        // Overtime's longer text is already smaller than the cap.
        assert_eq!(podium_sizes(&view("+12:34", "Chile", None)).digits, 38.0);
        assert_eq!(
            podium_sizes(&view("+12:34", "Chile", Some("Time"))).digits,
            DIGITS_BESIDE_MESSAGE
        );
    }
}
