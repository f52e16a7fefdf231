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
        let (record, hash) = match line.rsplit_once(MARK) {
            Some((record, hash)) => (record, Some(hash)),
            None => (line, None),
        };
        if !self.sealed {
            return Ok(record);
        }
        let Some(hash) = hash else {
            return Err("the line has no hash: the journal's hash chain is broken here".into());
        };
        let expected = self.next(record);
        if hash.trim() != hex(&expected) {
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
