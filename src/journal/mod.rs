//! The journal: one RON record per line, appended and fsync'd before a change is shown.
//!
//! The first line records the program and list of speakers the session was opened with; each
//! later line an accepted command with its stamp, source and events. Replaying the lines
//! rebuilds an equal session, and checks that each command gives the events recorded.
//! A torn last line (a power cut mid-write) is reported and skipped; a bad line anywhere
//! else is an error naming it.

use std::fs::OpenOptions;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod chain;
mod prefix;
mod replay;
mod sink;
mod transcript;

pub use chain::{Chain, MARK as CHAIN_MARK};
pub use prefix::{Prefix, valid_prefix};
pub use replay::{
    Cursor, MAX_JOURNAL_BYTES, Replayed, TornTail, apply_record, parse_record, read, read_bytes,
    replay, replay_observed, resume,
};
pub use sink::{FileSink, MemorySink, Sink};
pub use transcript::Transcript;

use crate::meeting::config::ConfigError;
use crate::meeting::ron_text::to_ron;
use crate::meeting::session::SessionState;
use crate::meeting::{Command, Event, Session, Sources, Stamp};

/// The version of the journal's record format: 2 seals every line into a hash chain
/// ([`Chain`]); 3 has `BeginMeeting` say what becomes of waiting speakers (in 1 and 2 they
/// were left); 4 adds checkpoints ([`Record::Checkpoint`]); 5 has `BeginSegment` say what
/// becomes of the speakers waiting on a list it leaves behind (before, they were left).
/// Journals of versions 1 (unverified) to 4 are still read, and continued with checkpoints.
pub const FORMAT_VERSION: u32 = 5;

/// Commands between two checkpoints: a restart parses at most this many lines of commands
/// (and, for the answers to retries, the commands with an id among as many before them).
pub const CHECKPOINT_EVERY: u64 = 1000;

/// One line of the journal. Parsed one at a time and taken apart at once: the size of the
/// opening record is no concern.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Record {
    /// The first line: what the session was opened with.
    Opened {
        version: u32,
        at: Stamp,
        sources: Sources,
    },
    /// An accepted command.
    Accepted(Entry),
    /// `plenary repair` set lines that did not verify aside (into `set_aside`); the numbering
    /// goes on from `next_seq`, past every number they may have used, so that no number is
    /// ever given to two commands.
    Repaired {
        at: Stamp,
        set_aside: String,
        next_seq: u64,
    },
    /// The whole state of the session after the commands before `next_seq`, written every
    /// [`CHECKPOINT_EVERY`] commands: a restart reads the last checkpoint and replays only the
    /// lines after it ([`resume`]); a full replay ([`replay`]) checks each checkpoint against
    /// the session its commands rebuilt. `at` is the stamp of the command before it.
    Checkpoint {
        at: Stamp,
        next_seq: u64,
        session: SessionState,
    },
}

/// An accepted command and what it changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 1, 2, 3… with no gaps.
    pub seq: u64,
    pub at: Stamp,
    pub command: Command,
    pub events: Vec<Event>,
}

/// What went wrong with a journal, naming the file and, where it applies, the line.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Reading, writing or syncing failed.
    #[error("journal {path}: {message}")]
    Io { path: String, message: String },
    /// A complete line that is not a record, breaks the hash chain, or is out of sequence.
    #[error(
        "journal {path}:{line}: {message}. Nothing was changed; `plenary repair {path}` keeps \
         the lines before it and sets the rest aside in a file of its own"
    )]
    Corrupt {
        path: String,
        line: usize,
        message: String,
    },
    /// Replaying a command did not give the events the journal recorded.
    #[error(
        "journal {path}:{line}: replaying the command does not give the recorded events: {message}"
    )]
    Diverged {
        path: String,
        line: usize,
        message: String,
    },
    /// This computer's clock gives a time the journal would refuse to read back.
    #[error(
        "journal {path}: not recorded: {message}. Check this computer's clock (date and time \
         settings); nothing was applied"
    )]
    Clock { path: String, message: String },
    /// The program or list of speakers recorded in the first line is not valid.
    #[error("journal {path}:1: the recorded program is not valid: {source}")]
    Sources { path: String, source: ConfigError },
}

/// The journal of one session, open for appending.
pub struct Journal {
    name: String,
    sink: Box<dyn Sink>,
    next_seq: u64,
    transcript: Transcript,
    chain: Chain,
    /// Where a reader will stand: a record it would refuse (a time out of order or out of any
    /// meeting's years) is never written.
    cursor: Cursor,
    /// Commands written since the last checkpoint (or since the start of the file).
    since_checkpoint: u64,
}

fn io_error(path: &str) -> impl Fn(io::Error) -> JournalError + '_ {
    move |e| JournalError::Io {
        path: path.to_string(),
        message: e.to_string(),
    }
}

/// The line for `record`, sealed into `chain`, with its end of line.
fn to_line(record: &Record, chain: &mut Chain) -> Result<Vec<u8>, String> {
    let mut line = chain.seal(&to_ron(record).map_err(|e| e.to_string())?);
    line.push('\n');
    Ok(line.into_bytes())
}

impl Journal {
    /// Starts a new journal file (it must not exist) with the opening record, atomically:
    /// the record is written and synced in `PATH.creating`, linked into place (which fails if
    /// a journal appeared meanwhile), and the directory synced. A crash at any moment leaves
    /// either no journal or one with its whole opening record.
    pub fn create(path: &Path, sources: &Sources, at: Stamp) -> Result<Journal, JournalError> {
        let name = path.display().to_string();
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io_error(&name))?;
        let mut cursor = Cursor::new(FORMAT_VERSION, at);
        cursor.step(at).map_err(|message| JournalError::Clock {
            path: name.clone(),
            message,
        })?;
        let opening = Record::Opened {
            version: FORMAT_VERSION,
            at,
            sources: sources.clone(),
        };
        let mut chain = Chain::new(true);
        let line = to_line(&opening, &mut chain).map_err(|message| JournalError::Io {
            path: name.clone(),
            message,
        })?;
        let creating = PathBuf::from(format!("{name}.creating"));
        let written = std::fs::File::create(&creating)
            .and_then(|mut f| f.write_all(&line).and_then(|()| f.sync_all()));
        let linked = written.and_then(|()| match std::fs::hard_link(&creating, path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            // A file system without hard links (a FAT memory stick): rename, if still free.
            Err(_) if !path.exists() => std::fs::rename(&creating, path),
            other => other,
        });
        let _ = std::fs::remove_file(&creating);
        linked.map_err(io_error(&name))?;
        // The new name is durable once the directory is (not every system can sync one).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(io_error(&name))?;
        let len = line.len() as u64;
        let mut journal = Journal::with_sink(&name, Box::new(FileSink { file, len }), 1);
        journal.chain = chain;
        journal.cursor = cursor;
        let text = String::from_utf8_lossy(&line);
        journal
            .transcript
            .push(Arc::from(text.trim_end_matches('\n')), true);
        Ok(journal)
    }

    /// Opens an existing journal: resumes it from its last checkpoint ([`resume`]), sets a
    /// torn tail aside (into `PATH.torn`) and opens the file for appending after the last
    /// complete line.
    pub fn open(path: &Path) -> Result<(Journal, Replayed), JournalError> {
        let name = path.display().to_string();
        let bytes = read_bytes(path)?;
        // The lines are kept for followers while the journal is replayed.
        let (replayed, transcript) = replay::resume_with(&bytes, &name, |text| {
            let (opening, rest) = text.split_once('\n').unwrap_or((text, ""));
            Transcript::new(Some(Arc::from(opening)), rest)
        })?;
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
            .map_err(io_error(&name))?;
        let len = file.metadata().map_err(io_error(&name))?.len();
        if len > replayed.good_len {
            let mut tail = Vec::new();
            io::Seek::seek(&mut file, io::SeekFrom::Start(replayed.good_len))
                .map_err(io_error(&name))?;
            file.read_to_end(&mut tail).map_err(io_error(&name))?;
            let torn_path = PathBuf::from(format!("{name}.torn"));
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(&torn_path)
                .and_then(|mut f| f.write_all(&tail).and_then(|()| f.sync_data()))
                .map_err(io_error(&torn_path.display().to_string()))?;
            file.set_len(replayed.good_len).map_err(io_error(&name))?;
            file.sync_data().map_err(io_error(&name))?;
        }
        let next_seq = replayed.cursor.next_seq;
        let sink = FileSink {
            file,
            len: replayed.good_len,
        };
        let mut journal = Journal::with_sink(&name, Box::new(sink), next_seq);
        journal.chain = replayed.chain.clone();
        journal.cursor = replayed.cursor.clone();
        journal.since_checkpoint = replayed.since_checkpoint;
        journal.transcript = transcript;
        Ok((journal, replayed))
    }

    /// A journal over any sink (tests: a sink that fails on demand).
    pub fn with_sink(name: &str, sink: Box<dyn Sink>, next_seq: u64) -> Journal {
        Journal {
            name: name.to_string(),
            sink,
            next_seq,
            transcript: Transcript::new(None, ""),
            chain: Chain::new(true),
            cursor: Cursor::new(
                FORMAT_VERSION,
                Stamp::synthetic(chrono::DateTime::UNIX_EPOCH),
            ),
            since_checkpoint: 0,
        }
    }

    /// The lines written and read so far, shared.
    pub fn transcript(&self) -> Transcript {
        self.transcript.clone()
    }

    /// The sequence number the next record will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// The journal's file name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Appends an accepted command durably; returns its sequence number.
    pub fn append(
        &mut self,
        command: &Command,
        at: Stamp,
        events: &[Event],
    ) -> Result<u64, JournalError> {
        let seq = self.next_seq;
        self.check_time(at)?;
        let record = Record::Accepted(Entry {
            seq,
            at,
            command: command.clone(),
            events: events.to_vec(),
        });
        self.write(&record)?;
        self.next_seq += 1;
        self.since_checkpoint += 1;
        Ok(seq)
    }

    /// Whether a checkpoint is due: [`CHECKPOINT_EVERY`] commands were written since the last.
    pub fn checkpoint_due(&self) -> bool {
        self.since_checkpoint >= CHECKPOINT_EVERY
    }

    /// Writes `session` (the state after the last command appended) as a checkpoint, stamped
    /// with that command's time. A failure leaves nothing of the line, and the next command
    /// tries again: the commands are in the journal either way.
    pub fn checkpoint(&mut self, session: &Session) -> Result<(), JournalError> {
        self.write(&Record::Checkpoint {
            at: self.cursor.last(),
            next_seq: self.next_seq,
            session: session.state(),
        })?;
        self.since_checkpoint = 0;
        Ok(())
    }

    /// Records that `plenary repair` set lines aside into `set_aside`, numbering on from
    /// `next_seq` (never below the next number this journal would give).
    pub fn note_repair(
        &mut self,
        at: Stamp,
        set_aside: &str,
        next_seq: u64,
    ) -> Result<(), JournalError> {
        let next_seq = next_seq.max(self.next_seq);
        self.check_time(at)?;
        self.write(&Record::Repaired {
            at,
            set_aside: set_aside.to_string(),
            next_seq,
        })?;
        self.next_seq = next_seq;
        Ok(())
    }

    /// Whether a record stamped `at` may follow the last one (as a replay will check); the
    /// cursor moves on only once the record is written.
    fn check_time(&self, at: Stamp) -> Result<(), JournalError> {
        self.cursor
            .clone()
            .step(at)
            .map_err(|message| JournalError::Clock {
                path: self.name.clone(),
                message,
            })
    }

    fn write(&mut self, record: &Record) -> Result<(), JournalError> {
        // The chain moves on only once the line is written.
        let mut chain = self.chain.clone();
        let line = to_line(record, &mut chain).map_err(|message| JournalError::Io {
            path: self.name.clone(),
            message,
        })?;
        self.sink.append(&line).map_err(io_error(&self.name))?;
        self.chain = chain;
        if let Record::Accepted(Entry { at, .. })
        | Record::Repaired { at, .. }
        | Record::Checkpoint { at, .. } = record
        {
            let _ = self.cursor.step(*at);
        }
        let text = String::from_utf8_lossy(&line);
        self.transcript.push(
            Arc::from(text.trim_end_matches('\n')),
            matches!(record, Record::Opened { .. }),
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests;
