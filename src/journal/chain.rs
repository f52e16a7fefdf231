//! The journal's hash chain: each line ends in a comment `// blake3:HEX`, the hash of the
//! previous line's hash and this line's record. A changed byte anywhere — the last line
//! included — breaks the chain at that line, and an edit that recomputes its own line's hash
//! still breaks it at the next. The comment keeps every line plain RON.

/// What separates a record from its hash on a line.
pub const MARK: &str = " // blake3:";

/// The chain as read or written so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    head: [u8; 32],
    /// Lines carry hashes (journal format 2); format 1 journals, written before the chain,
    /// are read unverified.
    sealed: bool,
    lines: u64,
}

impl Chain {
    /// A new chain, before the opening record.
    pub fn new(sealed: bool) -> Chain {
        Chain {
            head: [0; 32],
            sealed,
            lines: 0,
        }
    }

    fn next(&self, record: &str) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        hasher.update(&self.head);
        hasher.update(record.as_bytes());
        *hasher.finalize().as_bytes()
    }

    /// The line for `record` (without its end of line), and the chain moved on past it.
    pub fn seal(&mut self, record: &str) -> String {
        self.lines += 1;
        if !self.sealed {
            return record.to_string();
        }
        self.head = self.next(record);
        format!("{record}{MARK}{}", hex(&self.head))
    }

    /// Checks one complete line (without its end of line) and returns its record; or, in
    /// words, why the line does not belong to the chain.
    pub fn check<'a>(&mut self, line: &'a str) -> Result<&'a str, String> {
        self.lines += 1;
        let (record, hash) = split_line(line);
        if !self.sealed {
            return Ok(record);
        }
        let Some(hash) = hash else {
            return Err("the line has no hash: the journal's hash chain is broken here".into());
        };
        let expected = self.next(record);
        if !is_hex_of(hash.trim(), &expected) {
            return Err(
                "the line does not match the journal's hash chain: it was changed after it was \
                 written (an edit, or a damaged disk)"
                    .into(),
            );
        }
        self.head = expected;
        Ok(record)
    }

    /// The hash of the last line: one line that certifies the whole record.
    pub fn head(&self) -> Option<String> {
        (self.sealed && self.lines > 0).then(|| format!("blake3:{}", hex(&self.head)))
    }

    /// Lines taken so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }
}

/// A line's record and the hash after it, if it has one. A sealed line ends in the mark and
/// 64 hexadecimal digits: found there without searching the line; any other line is
/// searched for the last mark.
pub fn split_line(line: &str) -> (&str, Option<&str>) {
    let sealed = line.len().checked_sub(MARK.len() + 64).filter(|&at| {
        line.is_char_boundary(at)
            && line[at..].starts_with(MARK)
            && line.is_char_boundary(at + MARK.len())
    });
    if let Some(at) = sealed {
        return (&line[..at], Some(&line[at + MARK.len()..]));
    }
    match line.rsplit_once(MARK) {
        Some((record, hash)) => (record, Some(hash)),
        None => (line, None),
    }
}

const DIGITS: &[u8; 16] = b"0123456789abcdef";

fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    text
}

/// Whether `text` is `bytes` in lower-case hexadecimal, as [`hex`] writes it.
fn is_hex_of(text: &str, bytes: &[u8]) -> bool {
    text.len() == bytes.len() * 2
        && text.as_bytes().chunks_exact(2).zip(bytes).all(|(pair, b)| {
            pair[0] == DIGITS[usize::from(b >> 4)] && pair[1] == DIGITS[usize::from(b & 15)]
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_splits_into_its_record_and_its_hash() {
        let mut chain = Chain::new(true);
        // A name that contains the mark itself, in Vietnamese.
        let record = "Accepted((name: \"Nguyễn // blake3:Thị\"))";
        let line = chain.seal(record);
        assert_eq!(split_line(&line), (record, Some(&line[line.len() - 64..])));
        assert_eq!(
            split_line(record),
            ("Accepted((name: \"Nguyễn", Some("Thị\"))"))
        );
        assert_eq!(
            split_line("Opened(version: 1)"),
            ("Opened(version: 1)", None)
        );
        let short = format!("{record}{MARK}abc");
        assert_eq!(split_line(&short), (record, Some("abc")));
    }

    #[test]
    fn a_sealed_line_checks_and_any_change_breaks_it() {
        let mut writer = Chain::new(true);
        let lines: Vec<String> = [
            "Opened(version: 2)",
            "Accepted((seq: 1))",
            "Accepted((seq: 2))",
        ]
        .iter()
        .map(|r| writer.seal(r))
        .collect();
        let mut reader = Chain::new(true);
        for line in &lines {
            reader.check(line).expect("verifies");
        }
        assert_eq!(reader.head(), writer.head());
        // A flipped byte in the last line.
        let mut reader = Chain::new(true);
        reader.check(&lines[0]).expect("first");
        reader.check(&lines[1]).expect("second");
        let flipped = lines[2].replacen("seq: 2", "seq: 3", 1);
        assert!(reader.check(&flipped).is_err());
        // An edit with its own hash recomputed breaks the chain at the next line.
        let mut forger = Chain::new(true);
        let forged = [
            forger.seal("Opened(version: 2)"),
            forger.seal("Accepted((seq: 1, name: \"forged\"))"),
        ];
        let mut reader = Chain::new(true);
        reader.check(&forged[0]).expect("first");
        reader.check(&forged[1]).expect("its own hash matches");
        assert!(
            reader.check(&lines[2]).is_err(),
            "the next line no longer follows"
        );
    }
}
