//! Who is watching: the browser views and remote displays connected to the server, each with
//! the clock offset and round trip it measured. The server keeps it; the console lists it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use chrono::{DateTime, Utc};

use super::Waker;

/// One connected display.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Viewer {
    pub id: u64,
    /// "podium", "hall", "overlay" (browser views), "follower" (a remote native display), or
    /// "stream" until the client says which.
    pub kind: String,
    /// Its address as the server sees it.
    pub peer: String,
    pub since: DateTime<Utc>,
    /// How far its own clock is from the server's (its clock minus the server's), as it
    /// measured; it counts from the server's time whatever this is.
    pub offset_ms: Option<i64>,
    /// The last round trip it measured to the server.
    pub round_trip_ms: Option<i64>,
}

/// The connected displays, shared by the server (which adds and updates them) and the console
/// (which lists them). Cloning shares the same list.
#[derive(Clone, Default)]
pub struct Audience(Arc<Inner>);

#[derive(Default)]
struct Inner {
    viewers: Mutex<BTreeMap<u64, Viewer>>,
    next: AtomicU64,
    ring: OnceLock<Waker>,
}

/// The longest a display's kind may be (it comes from the network).
const KIND_MAX_CHARS: usize = 24;

impl Audience {
    /// Calls `ring` after every change (the console's app installs its wake-up; once).
    pub fn wake_with(&self, ring: Waker) {
        let _ = self.0.ring.set(ring);
    }

    /// A display connected from `peer` at `since`; it leaves the list when the seat is dropped.
    pub fn join(&self, peer: String, since: DateTime<Utc>) -> Seat {
        let id = self.0.next.fetch_add(1, Ordering::Relaxed) + 1;
        self.change(|viewers| {
            viewers.insert(
                id,
                Viewer {
                    id,
                    kind: "stream".into(),
                    peer,
                    since,
                    offset_ms: None,
                    round_trip_ms: None,
                },
            );
        });
        Seat {
            audience: self.clone(),
            id,
        }
    }

    /// Every connected display, in the order they connected.
    pub fn viewers(&self) -> Vec<Viewer> {
        self.lock().values().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Viewer>> {
        self.0
            .viewers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn change(&self, edit: impl FnOnce(&mut BTreeMap<u64, Viewer>)) {
        edit(&mut self.lock());
        if let Some(ring) = self.0.ring.get() {
            ring();
        }
    }
}

/// One display's place in the audience, for as long as it is connected.
pub struct Seat {
    audience: Audience,
    id: u64,
}

impl Seat {
    /// What the display measured: its kind, its clock offset and round trip (ms). Only
    /// plausible values are kept: a kind is cut to a few words, figures beyond a day ignored.
    pub fn measured(&self, kind: &str, offset_ms: i64, round_trip_ms: i64) {
        const DAY_MS: i64 = 86_400_000;
        let kind: String = kind
            .chars()
            .filter(|c| c.is_alphanumeric() || " -()".contains(*c))
            .take(KIND_MAX_CHARS)
            .collect();
        self.audience.change(|viewers| {
            if let Some(viewer) = viewers.get_mut(&self.id) {
                if !kind.is_empty() {
                    viewer.kind = kind;
                }
                viewer.offset_ms = (offset_ms.abs() <= DAY_MS).then_some(offset_ms);
                viewer.round_trip_ms = (0..=DAY_MS)
                    .contains(&round_trip_ms)
                    .then_some(round_trip_ms);
            }
        });
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        let id = self.id;
        self.audience.change(|viewers| {
            viewers.remove(&id);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_display_is_listed_while_connected_with_what_it_measured() {
        let audience = Audience::default();
        let rung = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&rung);
        audience.wake_with(Arc::new(move || {
            counter.fetch_add(1, Ordering::Relaxed);
        }));
        let seat = audience.join("10.0.0.5:51234".into(), DateTime::UNIX_EPOCH);
        seat.measured("podium", -1250, 4);
        let listed = audience.viewers();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (
                listed[0].kind.as_str(),
                listed[0].offset_ms,
                listed[0].round_trip_ms
            ),
            ("podium", Some(-1250), Some(4))
        );
        // Nonsense from the network is not believed.
        seat.measured(
            "<script>alert(1)</script> and a very long name",
            i64::MAX,
            -3,
        );
        let listed = audience.viewers();
        assert_eq!(listed[0].kind, "scriptalert(1)script and");
        // A view in its language.
        seat.measured("hall (ar)", 0, 1);
        assert_eq!(audience.viewers()[0].kind, "hall (ar)");
        assert_eq!((listed[0].offset_ms, listed[0].round_trip_ms), (None, None));
        drop(seat);
        assert!(audience.viewers().is_empty());
        assert_eq!(
            rung.load(Ordering::Relaxed),
            5,
            "each change wakes the console"
        );
    }
}
