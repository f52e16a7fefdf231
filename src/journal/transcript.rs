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
    /// Every later line, in order (accepted commands, and repair records).
    entries: Vec<Arc<str>>,
}

impl Transcript {
    pub(super) fn new(opening: Option<Arc<str>>, entries: Vec<Arc<str>>) -> Self {
        Transcript(Arc::new(RwLock::new(Lines { opening, entries })))
    }

    /// The opening line (without its end of line), if known.
    pub fn opening(&self) -> Option<Arc<str>> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .opening
            .clone()
    }

    /// The lines after the opening one and the first `count` others (all of them after 0), in
    /// order: a reader that has had `count` lines asks for the rest.
    pub fn after(&self, count: u64) -> Vec<Arc<str>> {
        let lines = self.0.read().unwrap_or_else(PoisonError::into_inner);
        let skip = usize::try_from(count).unwrap_or(usize::MAX);
        lines.entries.iter().skip(skip).cloned().collect()
    }

    pub(super) fn push(&self, line: Arc<str>, opening: bool) {
        let mut lines = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if opening {
            lines.opening = Some(line);
        } else {
            lines.entries.push(line);
        }
    }
}
