//! The journal: one RON record per line, appended and fsync'd before a change is shown.
//!
//! The first line records the program and list of speakers the session was opened with; each
//! later line an accepted command with its stamp, source and events. Replaying the lines
//! rebuilds an equal session, and checks that each command gives the events recorded.
//! A torn last line (a power cut mid-write) is reported and skipped; a bad line anywhere
//! else is an error naming it.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use serde::{Deserialize, Serialize};

use crate::meeting::config::ConfigError;
use crate::meeting::ron_text::{parse_ron, to_ron};
use crate::meeting::{Command, Event, Session, Sources, Stamp};

/// The version of the journal's record format.
pub const FORMAT_VERSION: u32 = 1;

/// One line of the journal.
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
    /// A line that is not a record, or out of sequence, that is not the last line.
    #[error("journal {path}:{line}: {message}")]
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
    /// The program or list of speakers recorded in the first line is not valid.
    #[error("journal {path}:1: the recorded program is not valid: {source}")]
    Sources { path: String, source: ConfigError },
}

/// Where appended lines go. The file sink writes and fsyncs; tests use others.
pub trait Sink: Send {
    /// Appends one complete line (ending in `\n`) durably, or fails leaving nothing of it.
    fn append(&mut self, line: &[u8]) -> io::Result<()>;
}

/// A journal file opened for appending.
pub struct FileSink {
    file: File,
    /// Length of the file up to the last complete, synced line.
    len: u64,
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

/// The journal of one session, open for appending.
pub struct Journal {
    name: String,
    sink: Box<dyn Sink>,
    next_seq: u64,
    transcript: Transcript,
}

/// The journal's lines as written, shared with readers on other threads: remote displays
/// replicate the session from them. Clones share the same lines.
#[derive(Clone, Default)]
pub struct Transcript(Arc<RwLock<Lines>>);

#[derive(Default)]
struct Lines {
    /// The opening record, if this journal wrote or read it.
    opening: Option<Arc<str>>,
    /// The sequence number of `entries[0]`.
    first_seq: u64,
    entries: Vec<Arc<str>>,
}

impl Transcript {
    fn new(opening: Option<Arc<str>>, first_seq: u64, entries: Vec<Arc<str>>) -> Self {
        Transcript(Arc::new(RwLock::new(Lines {
            opening,
            first_seq,
            entries,
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

    /// The lines of the records after `seq` (all of them after 0), in order.
    pub fn after(&self, seq: u64) -> Vec<Arc<str>> {
        let lines = self.0.read().unwrap_or_else(PoisonError::into_inner);
        let skip = seq.saturating_add(1).saturating_sub(lines.first_seq);
        let skip = usize::try_from(skip).unwrap_or(usize::MAX);
        lines.entries.iter().skip(skip).cloned().collect()
    }

    fn push(&self, line: Arc<str>, opening: bool) {
        let mut lines = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if opening {
            lines.opening = Some(line);
        } else {
            lines.entries.push(line);
        }
    }
}

/// A torn last line that replay skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TornTail {
    /// Its 1-based line number.
    pub line: usize,
    /// Why it was not a record.
    pub reason: String,
}

/// A journal read back: the rebuilt session and what was in the file.
#[derive(Clone, Debug)]
pub struct Replayed {
    pub session: Session,
    pub sources: Sources,
    /// When the journal was opened.
    pub opened: Stamp,
    pub entries: Vec<Entry>,
    pub torn: Option<TornTail>,
    /// Byte length of the complete lines (where a torn tail begins).
    pub good_len: u64,
}

impl Replayed {
    /// The stamp of the last record: the last moment the program is known to have been alive.
    pub fn last_stamp(&self) -> Stamp {
        self.entries.last().map_or(self.opened, |e| e.at)
    }
}

fn io_error(path: &str) -> impl Fn(io::Error) -> JournalError + '_ {
    move |e| JournalError::Io {
        path: path.to_string(),
        message: e.to_string(),
    }
}

fn to_line(record: &Record) -> Result<Vec<u8>, String> {
    let mut line = to_ron(record).map_err(|e| e.to_string())?;
    line.push('\n');
    Ok(line.into_bytes())
}

impl Journal {
    /// Starts a new journal file (it must not exist) with the opening record.
    pub fn create(path: &Path, sources: &Sources, at: Stamp) -> Result<Journal, JournalError> {
        let name = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_error(&name))?;
        }
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(path)
            .map_err(io_error(&name))?;
        let mut journal = Journal::with_sink(&name, Box::new(FileSink { file, len: 0 }), 1);
        let opening = Record::Opened {
            version: FORMAT_VERSION,
            at,
            sources: sources.clone(),
        };
        journal.write(&opening)?;
        Ok(journal)
    }

    /// Opens an existing journal: replays it, sets a torn tail aside (into `PATH.torn`)
    /// and opens the file for appending after the last complete line.
    pub fn open(path: &Path) -> Result<(Journal, Replayed), JournalError> {
        let name = path.display().to_string();
        let replayed = read(path)?;
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
        let next_seq = replayed.entries.last().map_or(1, |e| e.seq + 1);
        let sink = FileSink {
            file,
            len: replayed.good_len,
        };
        let mut journal = Journal::with_sink(&name, Box::new(sink), next_seq);
        let bytes = std::fs::read(path).map_err(io_error(&name))?;
        let mut lines = String::from_utf8_lossy(&bytes)
            .lines()
            .map(Arc::<str>::from)
            .collect::<Vec<_>>()
            .into_iter();
        journal.transcript = Transcript::new(lines.next(), 1, lines.collect());
        Ok((journal, replayed))
    }

    /// A journal over any sink (tests: a sink that fails on demand).
    pub fn with_sink(name: &str, sink: Box<dyn Sink>, next_seq: u64) -> Journal {
        Journal {
            name: name.to_string(),
            sink,
            next_seq,
            transcript: Transcript::new(None, next_seq, Vec::new()),
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
        let record = Record::Accepted(Entry {
            seq,
            at,
            command: command.clone(),
            events: events.to_vec(),
        });
        self.write(&record)?;
        self.next_seq += 1;
        Ok(seq)
    }

    fn write(&mut self, record: &Record) -> Result<(), JournalError> {
        let line = to_line(record).map_err(|message| JournalError::Io {
            path: self.name.clone(),
            message,
        })?;
        self.sink.append(&line).map_err(io_error(&self.name))?;
        let text = String::from_utf8_lossy(&line);
        self.transcript.push(
            Arc::from(text.trim_end_matches('\n')),
            matches!(record, Record::Opened { .. }),
        );
        Ok(())
    }
}

/// Reads and replays a journal file without opening it for writing.
pub fn read(path: &Path) -> Result<Replayed, JournalError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(io_error(&name))?;
    replay(&bytes, &name)
}

/// Replays journal bytes (`name` is used in messages).
pub fn replay(bytes: &[u8], name: &str) -> Result<Replayed, JournalError> {
    let corrupt = |line: usize, message: String| JournalError::Corrupt {
        path: name.to_string(),
        line,
        message,
    };
    // Complete lines end in '\n'; anything after the last one was never confirmed.
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut lines: Vec<&[u8]> = bytes[..complete].split(|&b| b == b'\n').collect();
    lines.pop(); // the empty piece after the final '\n'
    let mut torn = (complete < bytes.len()).then(|| TornTail {
        line: lines.len() + 1,
        reason: "incomplete line (no end of line): the write was cut off".into(),
    });
    let mut good_len = complete as u64;

    let parse = |line: &[u8], number: usize| -> Result<Record, String> {
        let text = std::str::from_utf8(line).map_err(|_| "not UTF-8 text".to_string())?;
        parse_ron::<Record>(text, &format!("{name}:{number}")).map_err(|e| e.to_string())
    };

    let Some(first) = lines.first() else {
        return Err(corrupt(
            1,
            "the journal is empty: it has no opening record".into(),
        ));
    };
    let (version, opened, sources) = match parse(first, 1) {
        Ok(Record::Opened {
            version,
            at,
            sources,
        }) => (version, at, sources),
        Ok(Record::Accepted(_)) => {
            return Err(corrupt(
                1,
                "the first record is not the opening record".into(),
            ));
        }
        Err(message) => return Err(corrupt(1, message)),
    };
    if version != FORMAT_VERSION {
        return Err(corrupt(
            1,
            format!("format version {version}; this plenary reads version {FORMAT_VERSION}"),
        ));
    }
    let mut session = Session::from_sources(&sources).map_err(|source| JournalError::Sources {
        path: name.to_string(),
        source,
    })?;

    let mut entries: Vec<Entry> = Vec::new();
    let mut offset = first.len() as u64 + 1;
    let last = lines.len();
    // Reading RON is most of a replay's time: the lines are read on every core, then
    // applied in order.
    let parsed = parse_all(&lines[1..], 2, &parse);
    for ((i, line), parsed) in lines.iter().enumerate().skip(1).zip(parsed) {
        let number = i + 1;
        let record = match parsed {
            Ok(record) => record,
            Err(reason) if number == last && torn.is_none() => {
                torn = Some(TornTail {
                    line: number,
                    reason,
                });
                good_len = offset;
                break;
            }
            Err(message) => return Err(corrupt(number, message)),
        };
        let expected = entries.last().map_or(1, |e| e.seq + 1);
        let entry = follow(&mut session, record, expected, name, number)?;
        offset += line.len() as u64 + 1;
        entries.push(entry);
    }
    Ok(Replayed {
        session,
        sources,
        opened,
        entries,
        torn,
        good_len,
    })
}

/// Parses `lines` (numbered from `first`) with `parse`, on as many threads as there are cores.
fn parse_all<F>(lines: &[&[u8]], first: usize, parse: &F) -> Vec<Result<Record, String>>
where
    F: Fn(&[u8], usize) -> Result<Record, String> + Sync,
{
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = lines.len().div_ceil(threads).max(1024);
    if lines.len() <= chunk {
        return (first..).zip(lines).map(|(n, l)| parse(l, n)).collect();
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = lines
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                let worker = scope.spawn(move || {
                    (first + c * chunk..)
                        .zip(part)
                        .map(|(n, l)| parse(l, n))
                        .collect::<Vec<_>>()
                });
                (part.len(), worker)
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|(len, worker)| {
                worker.join().unwrap_or_else(|_| {
                    (0..len)
                        .map(|_| Err("the line could not be read".into()))
                        .collect()
                })
            })
            .collect()
    })
}

/// Applies one record read after the opening one: it must be the accepted command numbered
/// `expected`, and applying it must give the events it recorded. Replay and remote displays
/// both rebuild a session this way. `name` and `number` place the record in messages.
pub fn follow(
    session: &mut Session,
    record: Record,
    expected: u64,
    name: &str,
    number: usize,
) -> Result<Entry, JournalError> {
    let corrupt = |message: String| JournalError::Corrupt {
        path: name.to_string(),
        line: number,
        message,
    };
    let Record::Accepted(entry) = record else {
        return Err(corrupt("a second opening record".into()));
    };
    if entry.seq != expected {
        return Err(corrupt(format!(
            "record {} where {expected} was expected: records are missing or repeated",
            entry.seq
        )));
    }
    let diverged = |message: String| JournalError::Diverged {
        path: name.to_string(),
        line: number,
        message,
    };
    let events = session
        .apply(&entry.command, entry.at)
        .map_err(|rejection| diverged(format!("the command is now rejected: {rejection}")))?;
    if events != entry.events {
        return Err(diverged(format!(
            "recorded {:?}, replay gives {:?}",
            entry.events, events
        )));
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Action, Millis, Source};

    /// A journal of a few commands, in memory, as written to disk.
    fn journal_bytes() -> Vec<u8> {
        journal_of(6)
    }

    /// A journal of `n` commands: a speech, then pauses and resumes.
    fn journal_of(n: usize) -> Vec<u8> {
        let sources = Sources::seed().expect("seed");
        let mut session = Session::from_sources(&sources).expect("valid");
        let start = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
        let mut text = String::from_utf8(
            to_line(&Record::Opened {
                version: FORMAT_VERSION,
                at: start,
                sources,
            })
            .expect("line"),
        )
        .expect("utf-8");
        let actions = [
            Action::BeginSegment {
                segment: "statements".into(),
            },
            Action::Start,
            Action::Extend { seconds: 30 },
            Action::Pause,
            Action::Resume,
            Action::Next,
        ]
        .into_iter()
        .chain([Action::Start])
        .chain([Action::Pause, Action::Resume].into_iter().cycle())
        .take(n);
        for (i, action) in actions.enumerate() {
            let at = start.plus(Millis::from_secs(10 * i as i64));
            let command = Command::new(Source::Test, action);
            let events = session.apply(&command, at).expect("accepted");
            let entry = Entry {
                seq: i as u64 + 1,
                at,
                command,
                events,
            };
            text.push_str(
                std::str::from_utf8(&to_line(&Record::Accepted(entry)).expect("line"))
                    .expect("utf-8"),
            );
        }
        text.into_bytes()
    }

    #[test]
    fn a_long_journal_read_on_several_threads_names_the_same_lines() {
        let bytes = journal_of(5000);
        let replayed = replay(&bytes, "long").expect("replays");
        assert_eq!(replayed.entries.len(), 5000);
        // A bad line deep inside: named by its number.
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        let mut lines: Vec<&str> = text.lines().collect();
        lines[3999] = "Accepted((seq: 3999, garbage";
        let broken = lines.join("\n") + "\n";
        match replay(broken.as_bytes(), "long") {
            Err(JournalError::Corrupt { line, .. }) => assert_eq!(line, 4000),
            other => panic!("expected line 4000 to be named: {other:?}"),
        }
        // A torn last line: skipped and reported with its number.
        let mut torn = bytes;
        torn.extend_from_slice(b"Accepted((seq: 5001, at:");
        torn.push(b'\n');
        let replayed = replay(&torn, "long").expect("replays");
        assert_eq!(replayed.entries.len(), 5000);
        assert_eq!(replayed.torn.expect("torn").line, 5002);
    }

    #[test]
    fn replay_rebuilds_the_session() {
        let bytes = journal_bytes();
        let replayed = replay(&bytes, "j").expect("replays");
        assert_eq!(replayed.entries.len(), 6);
        assert_eq!(replayed.torn, None);
        assert_eq!(replayed.session.records().len(), 1);
        assert_eq!(replayed.good_len, bytes.len() as u64);
    }

    #[test]
    fn a_torn_last_line_is_reported_and_skipped() {
        let bytes = journal_bytes();
        // Cut the last record in half, as a power cut would.
        let cut = bytes.len() - 40;
        let replayed = replay(&bytes[..cut], "j").expect("replays up to the tear");
        assert_eq!(replayed.entries.len(), 5);
        let torn = replayed.torn.expect("torn tail reported");
        assert_eq!(torn.line, 7);
        assert!(torn.reason.contains("incomplete line"));
        let last_newline = bytes[..cut]
            .iter()
            .rposition(|&b| b == b'\n')
            .expect("lines")
            + 1;
        assert_eq!(replayed.good_len, last_newline as u64);
        // A complete but unparsable last line is a torn tail too.
        let mut garbled = bytes[..last_newline].to_vec();
        garbled.extend_from_slice(b"Accepted((seq: 5, at: \n");
        let replayed = replay(&garbled, "j").expect("replays");
        assert_eq!(replayed.torn.map(|t| t.line), Some(7));
        assert_eq!(replayed.good_len, last_newline as u64);
    }

    #[test]
    fn a_corrupt_line_in_the_middle_is_an_error_naming_it() {
        let text = String::from_utf8(journal_bytes()).expect("utf-8");
        let mut lines: Vec<&str> = text.lines().collect();
        lines[2] = "Accepted((seq: 2, garbage";
        let bad = lines.join("\n") + "\n";
        let err = replay(bad.as_bytes(), "day1.journal").expect_err("corrupt");
        assert!(
            matches!(err, JournalError::Corrupt { line: 3, .. }),
            "{err}"
        );
        assert!(
            err.to_string().starts_with("journal day1.journal:3: "),
            "{err}"
        );
    }

    #[test]
    fn missing_records_and_changed_events_are_errors() {
        let text = String::from_utf8(journal_bytes()).expect("utf-8");
        let mut lines: Vec<&str> = text.lines().collect();
        lines.remove(2);
        let gap = lines.join("\n") + "\n";
        let err = replay(gap.as_bytes(), "j").expect_err("gap");
        assert!(
            err.to_string().contains("record 3 where 2 was expected"),
            "{err}"
        );

        let edited = text.replacen("by:30000", "by:90000", 1);
        assert_ne!(edited, text, "the extension is in the journal");
        let err = replay(edited.as_bytes(), "j").expect_err("diverged");
        assert!(
            matches!(err, JournalError::Diverged { line: 4, .. }),
            "{err}"
        );
    }

    #[test]
    fn files_are_created_appended_and_reopened_after_a_tear() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested").join("day.journal");
        let sources = Sources::seed().expect("seed");
        let start = Stamp::synthetic(chrono::DateTime::UNIX_EPOCH);
        let mut journal = Journal::create(&path, &sources, start).expect("created");
        assert!(
            Journal::create(&path, &sources, start).is_err(),
            "never overwrites a journal"
        );
        let mut session = Session::from_sources(&sources).expect("valid");
        let command = Command::new(Source::Test, Action::Start);
        let events = session.apply(&command, start).expect("accepted");
        journal.append(&command, start, &events).expect("appended");
        drop(journal);
        // A torn write after the good lines.
        let mut file = OpenOptions::new().append(true).open(&path).expect("open");
        file.write_all(b"Accepted((seq:2,at:(wall").expect("write");
        drop(file);
        let (mut journal, replayed) = Journal::open(&path).expect("reopens");
        assert_eq!(replayed.entries.len(), 1);
        assert!(replayed.torn.is_some());
        let torn_copy =
            std::fs::read_to_string(format!("{}.torn", path.display())).expect("tail kept");
        assert_eq!(torn_copy, "Accepted((seq:2,at:(wall");
        let command = Command::new(Source::Test, Action::Pause);
        let at = start.plus(Millis(5_000));
        let events = replayed
            .session
            .clone()
            .apply(&command, at)
            .expect("accepted");
        assert_eq!(journal.append(&command, at, &events).expect("appended"), 2);
        let again = read(&path).expect("clean again");
        assert_eq!((again.entries.len(), again.torn), (2, None));
    }
}
