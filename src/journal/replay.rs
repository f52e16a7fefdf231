//! Reading a journal back: parse every line (on every core), check each command gives the
//! events it recorded, set a torn last line aside, name any other bad line.

use std::path::Path;

use super::{CHECKPOINT_EVERY, Chain, Entry, FORMAT_VERSION, JournalError, Record, io_error};
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
    /// The accepted commands replayed: every one in a full [`replay`]; those after the
    /// checkpoint it started from in a [`resume`].
    pub entries: Vec<Entry>,
    /// A resume's accepted commands that carry an id, among the [`CHECKPOINT_EVERY`] before
    /// its checkpoint (read, not applied): a retry after a restart still gets its first answer.
    pub answered: Vec<Entry>,
    /// The line of the checkpoint a resume started from.
    pub resumed_from: Option<usize>,
    /// Accepted commands after the last checkpoint (or in the whole file, without one).
    pub since_checkpoint: u64,
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
        self.cursor.last
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

/// Reads and replays a journal file whole, without opening it for writing.
pub fn read(path: &Path) -> Result<Replayed, JournalError> {
    let name = path.display().to_string();
    replay(&read_bytes(path)?, &name)
}

/// A journal's complete lines with the opening record read; the hash chain not yet checked.
struct Lines<'a> {
    /// The complete lines, ends of line included.
    text: &'a str,
    lines: Vec<&'a str>,
    /// Each line's record (its hash taken off); the opening record's first.
    records: Vec<&'a str>,
    torn: Option<TornTail>,
    version: u32,
    opened: Stamp,
    sources: Sources,
}

fn corrupt(name: &str, line: usize, message: String) -> JournalError {
    JournalError::Corrupt {
        path: name.to_string(),
        line,
        message,
    }
}

/// Splits `bytes` into lines and reads the opening record.
fn split<'a>(bytes: &'a [u8], name: &str) -> Result<Lines<'a>, JournalError> {
    // Complete lines end in '\n'; anything after the last one was never confirmed.
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let text = std::str::from_utf8(&bytes[..complete]).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        corrupt(name, line, "not UTF-8 text".into())
    })?;
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines.pop(); // the empty piece after the final '\n'
    let torn = (complete < bytes.len()).then(|| TornTail {
        line: lines.len() + 1,
        reason: "incomplete line (no end of line): the write was cut off".into(),
    });
    let records: Vec<&str> = lines
        .iter()
        .map(|line| super::chain::split_line(line).0)
        .collect();
    let Some(opening) = records.first() else {
        return Err(corrupt(
            name,
            1,
            "the journal is empty: it has no opening record".into(),
        ));
    };
    let (version, opened, sources) = match parse_record(opening) {
        Ok(Record::Opened {
            version,
            at,
            sources,
        }) => (version, at, sources),
        Ok(_) => {
            return Err(corrupt(
                name,
                1,
                "the first record is not the opening record".into(),
            ));
        }
        Err(message) => return Err(corrupt(name, 1, message)),
    };
    if !(1..=FORMAT_VERSION).contains(&version) {
        return Err(corrupt(
            name,
            1,
            format!("format version {version}; this plenary reads versions 1 to {FORMAT_VERSION}"),
        ));
    }
    Ok(Lines {
        text,
        lines,
        records,
        torn,
        version,
        opened,
        sources,
    })
}

/// Checks every complete line against the hash chain, the last one too (only a line cut off
/// before its end of line is a torn write); the chain after the last line.
fn check_chain(lines: &[&str], version: u32, name: &str) -> Result<Chain, JournalError> {
    let mut chain = Chain::new(version >= 2);
    for (i, line) in lines.iter().enumerate() {
        chain.check(line).map_err(|m| corrupt(name, i + 1, m))?;
    }
    Ok(chain)
}

/// Replays journal bytes whole (`name` is used in messages): every command is applied and
/// must give the events it recorded, and every checkpoint must be the session rebuilt so far.
pub fn replay(bytes: &[u8], name: &str) -> Result<Replayed, JournalError> {
    replay_observed(bytes, name, |_, _| ())
}

/// [`replay`], calling `observe` after each accepted command is applied, with the session
/// as that command left it: how a reader (the speaking-time report) notes what the final
/// session no longer shows — forecasts as they stood, changes as they came — in the same one
/// pass, with every check of the replay.
pub fn replay_observed(
    bytes: &[u8],
    name: &str,
    mut observe: impl FnMut(&Session, &Entry),
) -> Result<Replayed, JournalError> {
    replay_lines(&split(bytes, name)?, name, &mut observe)
}

fn replay_lines(
    lines: &Lines<'_>,
    name: &str,
    observe: &mut dyn FnMut(&Session, &Entry),
) -> Result<Replayed, JournalError> {
    let chain = check_chain(&lines.lines, lines.version, name)?;
    let session = fresh(&lines.sources, name)?;
    let cursor = Cursor::new(lines.version, lines.opened);
    let start = Start {
        session,
        cursor,
        from: 1,
        answered: Vec::new(),
    };
    replay_from(lines, chain, start, name, observe)
}

/// Where a replay starts: a fresh session at the first line, or a checkpoint's.
struct Start {
    session: Session,
    cursor: Cursor,
    /// The index of the first record to apply.
    from: usize,
    /// A resume's earlier commands with an id, read for their answers.
    answered: Vec<Entry>,
}

/// The session a journal's opening record starts.
fn fresh(sources: &Sources, name: &str) -> Result<Session, JournalError> {
    Session::from_sources(sources).map_err(|source| JournalError::Sources {
        path: name.to_string(),
        source,
    })
}

/// Replays journal bytes from their last checkpoint (`name` is used in messages): every line
/// is checked against the hash chain (on a thread of its own meanwhile), the checkpoint is
/// checked to fit the program, and the commands after it are applied as [`replay`] applies
/// them. What a restart reads. Without a checkpoint, the same as [`replay`].
pub fn resume(bytes: &[u8], name: &str) -> Result<Replayed, JournalError> {
    resume_with(bytes, name, |_| ()).map(|(replayed, ())| replayed)
}

/// [`resume`], running `beside` meanwhile on the complete lines' text (ends of line
/// included): what a restart does with the lines besides replaying them.
pub(super) fn resume_with<'a, T: Send>(
    bytes: &'a [u8],
    name: &str,
    beside: impl FnOnce(&'a str) -> T + Send,
) -> Result<(Replayed, T), JournalError> {
    let lines = split(bytes, name)?;
    let Some(index) = lines
        .records
        .iter()
        .rposition(|r| r.starts_with("Checkpoint("))
    else {
        let replayed = replay_lines(&lines, name, &mut |_, _| ())?;
        return Ok((replayed, beside(lines.text)));
    };
    let (chain, resumed, beside) = std::thread::scope(|scope| {
        let chain = scope.spawn(|| check_chain(&lines.lines, lines.version, name));
        let resumed = from_checkpoint(&lines, index, name);
        let beside = beside(lines.text);
        let chain = chain.join().unwrap_or_else(|_| {
            Err(corrupt(
                name,
                1,
                "the hash chain could not be checked".into(),
            ))
        });
        (chain, resumed, beside)
    });
    // A broken chain anywhere is named before anything the records say.
    let chain = chain?;
    let ((session, cursor), answered) = resumed?;
    let start = Start {
        session,
        cursor,
        from: index + 1,
        answered,
    };
    let replayed = replay_from(&lines, chain, start, name, &mut |_, _| ())?;
    Ok((replayed, beside))
}

/// The session and cursor of the checkpoint at `index`, and the commands with an id among
/// the [`CHECKPOINT_EVERY`] before it (read for their answers, not applied).
fn from_checkpoint(
    lines: &Lines<'_>,
    index: usize,
    name: &str,
) -> Result<((Session, Cursor), Vec<Entry>), JournalError> {
    let line = index + 1;
    let Record::Checkpoint {
        at,
        next_seq,
        session: state,
    } = parse_record(lines.records[index]).map_err(|m| corrupt(name, line, m))?
    else {
        return Err(corrupt(
            name,
            line,
            "a line that begins as a checkpoint is another record".into(),
        ));
    };
    let session = fresh(&lines.sources, name)?
        .restore(state)
        .map_err(|m| corrupt(name, line, m))?;
    let mut cursor = Cursor::new(lines.version, lines.opened);
    cursor.step(at).map_err(|m| corrupt(name, line, m))?;
    cursor.next_seq = next_seq;
    let window = usize::try_from(CHECKPOINT_EVERY).unwrap_or(usize::MAX);
    let earlier = index.saturating_sub(window).max(1)..index;
    let mut answered = Vec::new();
    for (i, record) in lines.records[earlier.clone()].iter().enumerate() {
        if !record.contains("id:\"") {
            continue;
        }
        let number = earlier.start + i + 1;
        match parse_record(record).map_err(|m| corrupt(name, number, m))? {
            Record::Accepted(entry) if entry.command.id.is_some() => answered.push(entry),
            _ => {}
        }
    }
    Ok(((session, cursor), answered))
}

/// Applies the records from `start` on to its session, as they follow the cursor; `observe`
/// sees each accepted command once applied.
fn replay_from(
    lines: &Lines<'_>,
    chain: Chain,
    start: Start,
    name: &str,
    observe: &mut dyn FnMut(&Session, &Entry),
) -> Result<Replayed, JournalError> {
    let Start {
        mut session,
        mut cursor,
        from,
        answered,
    } = start;
    let mut entries: Vec<Entry> = Vec::new();
    let mut since_checkpoint = 0;
    // Reading RON is most of a replay's time: the lines are read on every core, then
    // applied in order.
    let parsed = parse_all(&lines.records[from.min(lines.records.len())..]);
    for (i, parsed) in parsed.into_iter().enumerate() {
        let number = from + i + 1;
        let record = parsed.map_err(|message| corrupt(name, number, message))?;
        let checkpoint = matches!(record, Record::Checkpoint { .. });
        if let Some(entry) = apply_record(&mut session, record, &mut cursor, (name, number))? {
            observe(&session, &entry);
            entries.push(entry);
            since_checkpoint += 1;
        } else if checkpoint {
            since_checkpoint = 0;
        }
    }
    Ok(Replayed {
        session,
        sources: lines.sources.clone(),
        opened: lines.opened,
        entries,
        answered,
        resumed_from: (from > 1).then_some(from),
        since_checkpoint,
        torn: lines.torn.clone(),
        good_len: lines.text.len() as u64,
        chain,
        version: lines.version,
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

    /// The time of the last record read or written.
    pub fn last(&self) -> Stamp {
        self.last
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
        Record::Checkpoint {
            at,
            next_seq,
            session: state,
        } => {
            if next_seq != cursor.next_seq {
                return Err(corrupt(format!(
                    "a checkpoint after command {} where the last command was {}",
                    next_seq.saturating_sub(1),
                    cursor.next_seq.saturating_sub(1)
                )));
            }
            cursor.step(at).map_err(corrupt)?;
            if state != session.state() {
                return Err(JournalError::Diverged {
                    path: name.to_string(),
                    line: number,
                    message: "the checkpoint is not the session its commands rebuild".into(),
                });
            }
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
/// format 3, `BeginMeeting` with no word on the waiting speakers left them on their list;
/// before format 5, so did `BeginSegment`.
fn upgrade(action: &mut Action, version: u32) {
    match action {
        Action::BeginMeeting { waiting, .. } if version < 3 && waiting.is_none() => {
            *waiting = Some(Waiting::Leave);
        }
        Action::BeginSegment { waiting, .. } if version < 5 && waiting.is_none() => {
            *waiting = Some(Waiting::Leave);
        }
        _ => {}
    }
}
