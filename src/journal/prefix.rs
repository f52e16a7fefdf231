//! The longest beginning of a journal that verifies, line by line: what `plenary repair` keeps
//! and where it stops.

use super::JournalError;
use super::replay::{Cursor, apply_record, parse_record, replay};

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
