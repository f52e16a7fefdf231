//! Reading a journal back: parse every line (on every core), check each command gives the
//! events it recorded, set a torn last line aside, name any other bad line.

use std::path::Path;

use super::{Chain, Entry, FORMAT_VERSION, JournalError, Record, io_error};
use crate::meeting::ron_text::parse_ron;
use crate::meeting::{Action, Session, Sources, Stamp, Waiting};

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
    /// The hash chain after the last line: what the next line continues, and its head.
    pub chain: Chain,
    /// The journal's format version (its opening record's).
    pub version: u32,
    /// Where a reader stands after the last line: the number the next command gets (past any
    /// numbers a repair set aside) and the time of the last record.
    pub cursor: Cursor,
}

impl Replayed {
    /// The stamp of the last record: the last moment the program is known to have been alive.
    pub fn last_stamp(&self) -> Stamp {
        self.entries.last().map_or(self.opened, |e| e.at)
    }
}

/// The largest journal read: a day of meetings is a few megabytes; this is far past any.
pub const MAX_JOURNAL_BYTES: u64 = 1 << 30;

/// A journal file's bytes: only a regular file (never a FIFO, a device or a directory, which
/// could hang or never end) and at most [`MAX_JOURNAL_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, JournalError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(io_error(&name))?;
    if !meta.is_file() {
        return Err(JournalError::Io {
            path: name,
            message: "not a regular file (a directory, a device or a pipe): a journal is a file"
                .into(),
        });
    }
    if meta.len() > MAX_JOURNAL_BYTES {
        return Err(JournalError::Io {
            path: name,
            message: format!(
                "{} bytes: larger than any journal of a meeting ({MAX_JOURNAL_BYTES} at most)",
                meta.len()
            ),
        });
    }
    std::fs::read(path).map_err(io_error(&name))
}

/// Reads and replays a journal file without opening it for writing.
pub fn read(path: &Path) -> Result<Replayed, JournalError> {
    let name = path.display().to_string();
    replay(&read_bytes(path)?, &name)
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
    let torn = (complete < bytes.len()).then(|| TornTail {
        line: lines.len() + 1,
        reason: "incomplete line (no end of line): the write was cut off".into(),
    });

    fn text(line: &[u8]) -> Result<&str, String> {
        std::str::from_utf8(line).map_err(|_| "not UTF-8 text".to_string())
    }

    let Some(first) = lines.first() else {
        return Err(corrupt(
            1,
            "the journal is empty: it has no opening record".into(),
        ));
    };
    let first = text(first).map_err(|m| corrupt(1, m))?;
    let opening = first
        .rsplit_once(super::chain::MARK)
        .map_or(first, |(r, _)| r);
    let (version, opened, sources) = match parse_record(opening) {
        Ok(Record::Opened {
            version,
            at,
            sources,
        }) => (version, at, sources),
        Ok(Record::Accepted(_) | Record::Repaired { .. }) => {
            return Err(corrupt(
                1,
                "the first record is not the opening record".into(),
            ));
        }
        Err(message) => return Err(corrupt(1, message)),
    };
    if !(1..=FORMAT_VERSION).contains(&version) {
        return Err(corrupt(
            1,
            format!("format version {version}; this plenary reads versions 1 to {FORMAT_VERSION}"),
        ));
    }
    // Every complete line must belong to the chain, the last one too: only a line cut off
    // before its end of line is a torn write.
    let mut chain = Chain::new(version >= 2);
    let mut records: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let line = text(line).map_err(|m| corrupt(i + 1, m))?;
        records.push(chain.check(line).map_err(|m| corrupt(i + 1, m))?);
    }
    let mut session = Session::from_sources(&sources).map_err(|source| JournalError::Sources {
        path: name.to_string(),
        source,
    })?;

    let mut entries: Vec<Entry> = Vec::new();
    let mut cursor = Cursor::new(version, opened);
    // Reading RON is most of a replay's time: the lines are read on every core, then
    // applied in order.
    let parsed = parse_all(&records[1..]);
    for (i, parsed) in parsed.into_iter().enumerate() {
        let number = i + 2;
        let record = parsed.map_err(|message| corrupt(number, message))?;
        if let Some(entry) = apply_record(&mut session, record, &mut cursor, (name, number))? {
            entries.push(entry);
        }
    }
    let good_len = complete as u64;
    Ok(Replayed {
        session,
        sources,
        opened,
        entries,
        torn,
        good_len,
        chain,
        version,
        cursor,
    })
}

/// One journal line's record, or what is wrong with it by column: the caller names the file
/// and the line, once.
pub fn parse_record(text: &str) -> Result<Record, String> {
    parse_ron::<Record>(text, "").map_err(|e| format!("column {}: {}", e.column, e.message))
}

/// Parses the record of each of `lines`, on as many threads as there are cores.
fn parse_all(lines: &[&str]) -> Vec<Result<Record, String>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = lines.len().div_ceil(threads).max(1024);
    if lines.len() <= chunk {
        return lines.iter().map(|l| parse_record(l)).collect();
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                let worker =
                    scope.spawn(move || part.iter().map(|l| parse_record(l)).collect::<Vec<_>>());
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

/// Where a reader of a journal stands: the format it reads, the number the next command must
/// carry, and the time of the last record (times only run forward within a run).
#[derive(Clone, Debug)]
pub struct Cursor {
    pub version: u32,
    pub next_seq: u64,
    last: Stamp,
}

impl Cursor {
    /// The cursor after the opening record of a journal of format `version`, opened at `at`.
    pub fn new(version: u32, at: Stamp) -> Cursor {
        Cursor {
            version,
            next_seq: 1,
            last: at,
        }
    }

    /// Checks that `at` may follow the last record: a stamp within the years a meeting can
    /// have, and, in the same run of the program, not before the last one.
    pub(super) fn step(&mut self, at: Stamp) -> Result<(), String> {
        let year = chrono::Datelike::year(&at.wall);
        if !(1970..=9999).contains(&year) || at.mono.0 < 0 {
            return Err(format!(
                "the record's time ({}) is not a time a meeting can have",
                at.wall
            ));
        }
        if at.run == self.last.run && at.mono < self.last.mono {
            return Err(format!(
                "the record's time ({}) is earlier than the record before it ({}): records are out of order",
                at.wall, self.last.wall
            ));
        }
        self.last = at;
        Ok(())
    }
}

/// Applies one record read after the opening one, moving `cursor` on: an accepted command
/// must carry the number the cursor expects, come no earlier than the record before it, and
/// give, applied as a journal of its format meant it, the events it recorded (it is
/// returned); a repair record moves the numbering on (nothing is returned). Replay, repair
/// and remote displays all rebuild a session this way. `name` and `number` place the record
/// in messages.
pub fn apply_record(
    session: &mut Session,
    record: Record,
    cursor: &mut Cursor,
    (name, number): (&str, usize),
) -> Result<Option<Entry>, JournalError> {
    let corrupt = |message: String| JournalError::Corrupt {
        path: name.to_string(),
        line: number,
        message,
    };
    let mut entry = match record {
        Record::Opened { .. } => return Err(corrupt("a second opening record".into())),
        Record::Repaired { at, next_seq, .. } => {
            if next_seq < cursor.next_seq {
                return Err(corrupt(format!(
                    "a repair record numbering on from {next_seq}, below {}: numbers would be given twice",
                    cursor.next_seq
                )));
            }
            cursor.step(at).map_err(corrupt)?;
            cursor.next_seq = next_seq;
            return Ok(None);
        }
        Record::Accepted(entry) => entry,
    };
    if entry.seq != cursor.next_seq {
        return Err(corrupt(format!(
            "record {} where {} was expected: records are missing or repeated",
            entry.seq, cursor.next_seq
        )));
    }
    cursor.step(entry.at).map_err(corrupt)?;
    upgrade(&mut entry.command.action, cursor.version);
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
    cursor.next_seq = entry.seq.saturating_add(1);
    Ok(Some(entry))
}

/// A command of a journal of format `version` as this plenary's session reads it: before
/// format 3, `BeginMeeting` with no word on the waiting speakers left them on their list.
fn upgrade(action: &mut Action, version: u32) {
    if version < 3
        && let Action::BeginMeeting { waiting, .. } = action
        && waiting.is_none()
    {
        *waiting = Some(Waiting::Leave);
    }
}

/// The longest beginning of a journal that verifies: what `plenary repair` keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefix {
    /// Complete lines that verify, from the first.
    pub lines: usize,
    /// Their length in bytes, ends of line included.
    pub len: u64,
    /// The first line that does not, and why; none if every complete line verifies.
    pub first_bad: Option<(usize, String)>,
    /// The hash chain's head after the kept lines.
    pub head: Option<String>,
    /// The number the next command would get after the kept lines.
    pub next_seq: u64,
}

/// Finds the longest beginning of `bytes` whose lines verify one by one: the hash chain, the
/// record, its sequence number and its events. The opening record must verify, or there is
/// nothing to keep.
pub fn valid_prefix(bytes: &[u8], name: &str) -> Result<Prefix, JournalError> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let lines: Vec<&[u8]> = bytes[..complete].split(|&b| b == b'\n').collect();
    let count = lines.len().saturating_sub(1);
    // The opening line alone must replay.
    let first_len = lines.first().map_or(0, |l| l.len() + 1);
    let opened = replay(&bytes[..first_len.min(bytes.len())], name)?;
    let mut cursor = Cursor::new(opened.version, opened.opened);
    let mut session = opened.session;
    let mut chain = opened.chain;
    let mut len = first_len as u64;
    for (i, line) in lines.iter().enumerate().take(count).skip(1) {
        let number = i + 1;
        let checked = std::str::from_utf8(line)
            .map_err(|_| "not UTF-8 text".to_string())
            .and_then(|text| chain.check(text).map(str::to_string))
            .and_then(|record| parse_record(&record))
            .and_then(|record| {
                apply_record(&mut session, record, &mut cursor, (name, number))
                    .map_err(|e| e.to_string())
            });
        match checked {
            Ok(_) => {
                len += line.len() as u64 + 1;
            }
            Err(reason) => {
                return Ok(Prefix {
                    lines: i,
                    len,
                    first_bad: Some((number, reason)),
                    head: chain.head(),
                    next_seq: cursor.next_seq,
                });
            }
        }
    }
    Ok(Prefix {
        lines: count,
        len,
        first_bad: None,
        head: chain.head(),
        next_seq: cursor.next_seq,
    })
}
