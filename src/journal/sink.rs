//! Where journal lines go: a file, appended and fsync'd; or memory, for tests.

use std::fs::File;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Where appended lines go. The file sink writes and fsyncs; tests use others.
pub trait Sink: Send {
    /// Appends one complete line (ending in `\n`) durably, or fails leaving nothing of it.
    fn append(&mut self, line: &[u8]) -> io::Result<()>;
}

/// A journal file opened for appending.
pub struct FileSink {
    pub(super) file: File,
    /// Length of the file up to the last complete, synced line.
    pub(super) len: u64,
}

impl Sink for FileSink {
    fn append(&mut self, line: &[u8]) -> io::Result<()> {
        let written = self
            .file
            .write_all(line)
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                // Leave no partial line behind for the next append to run into.
                let _ = self.file.set_len(self.len);
                Err(e)
            }
        }
    }
}

/// A sink that keeps lines in memory and fails while told to: for tests, simulations and
/// soaks that must not touch the disk. Clones share the same lines and switch.
#[derive(Clone, Default)]
pub struct MemorySink {
    lines: Arc<Mutex<Vec<String>>>,
    failing: Arc<AtomicBool>,
}

impl MemorySink {
    /// The lines appended so far.
    pub fn lines(&self) -> Vec<String> {
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// From now on every append fails as a full disk would (`true`), or succeeds again.
    pub fn fail(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }
}

impl Sink for MemorySink {
    fn append(&mut self, line: &[u8]) -> io::Result<()> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ));
        }
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(String::from_utf8_lossy(line).into_owned());
        Ok(())
    }
}
