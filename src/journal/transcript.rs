//! The journal's lines kept in memory for readers on other threads (remote displays).

use std::sync::{Arc, PoisonError, RwLock};

/// The journal's lines as written, shared with readers on other threads: remote displays
/// replicate the session from them. Clones share the same lines.
#[derive(Clone, Default)]
pub struct Transcript(Arc<RwLock<Lines>>);

#[derive(Default)]
struct Lines {
    /// The opening record, if this journal wrote or read it.
    opening: Option<Arc<str>>,
    /// The lines after the opening one that were read when the journal was opened, as one
    /// text (each ending in '\n'), and where each begins: a restart keeps them without a
    /// separate copy of each; a reader is given its own only when it asks.
    read: Arc<str>,
    starts: Vec<usize>,
    /// Every line written since, in order (accepted commands, repair records, checkpoints).
    written: Vec<Arc<str>>,
}

impl Transcript {
    /// The lines of a journal read back: its opening line and the complete lines after it
    /// (`read`: each ending in '\n').
    pub(super) fn new(opening: Option<Arc<str>>, read: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(read.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&start| start < read.len())
            .collect();
        Transcript(Arc::new(RwLock::new(Lines {
            opening,
            read: Arc::from(read),
            starts,
            written: Vec::new(),
        })))
    }

    /// The opening line (without its end of line), if known.
    pub fn opening(&self) -> Option<Arc<str>> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .opening
            .clone()
    }

    /// The lines after the opening one and the first `count` others, in order, without their
    /// ends of line, as many as fit in `within` bytes (counting each line's length and 4 for
    /// its quoting; at least one, if there is one): a reader that has had `count` lines asks
    /// for the next ones. Only the lines given are copied, so a long journal sent in bounded
    /// messages costs its length once.
    pub fn after(&self, count: u64, within: usize) -> Vec<Arc<str>> {
        let lines = self.0.read().unwrap_or_else(PoisonError::into_inner);
        let skip = usize::try_from(count).unwrap_or(usize::MAX);
        let read = lines.starts.get(skip..).unwrap_or_default();
        let ends = read.iter().skip(1).copied().chain([lines.read.len()]);
        let from_file = read
            .iter()
            .zip(ends)
            .map(|(&start, end)| lines.read[start..end].trim_end_matches('\n'));
        let later = skip.saturating_sub(lines.starts.len());
        let written = lines.written.iter().skip(later).map(|l| &**l);
        let mut total = 0;
        let mut given = Vec::new();
        for line in from_file.chain(written) {
            total += line.len() + 4;
            if total > within && !given.is_empty() {
                break;
            }
            given.push(Arc::from(line));
        }
        given
    }

    /// Whether there is no line after the opening one.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many lines there are after the opening one.
    pub fn len(&self) -> u64 {
        let lines = self.0.read().unwrap_or_else(PoisonError::into_inner);
        (lines.starts.len() + lines.written.len()) as u64
    }

    pub(super) fn push(&self, line: Arc<str>, opening: bool) {
        let mut lines = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if opening {
            lines.opening = Some(line);
        } else {
            lines.written.push(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_read_and_the_lines_written_follow_on_from_any_count() {
        let transcript = Transcript::new(Some(Arc::from("Opened()")), "A(1)\nA(2)\nA(3)\n");
        transcript.push(Arc::from("A(4)"), false);
        transcript.push(Arc::from("A(5)"), false);
        let texts = |count| {
            transcript
                .after(count, usize::MAX)
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(0), ["A(1)", "A(2)", "A(3)", "A(4)", "A(5)"]);
        assert_eq!(texts(2), ["A(3)", "A(4)", "A(5)"]);
        assert_eq!(texts(3), ["A(4)", "A(5)"]);
        assert_eq!(texts(4), ["A(5)"]);
        assert!(texts(5).is_empty() && texts(u64::MAX).is_empty());
        assert_eq!(transcript.len(), 5);
        // Bounded: as many as fit (each line counts 4 more), at least one.
        assert_eq!(transcript.after(1, 16).len(), 2);
        assert_eq!(transcript.after(1, 1).len(), 1);
        assert_eq!(transcript.opening().as_deref(), Some("Opened()"));
        let empty = Transcript::new(None, "");
        assert!(empty.after(0, usize::MAX).is_empty() && empty.is_empty());
    }
}
