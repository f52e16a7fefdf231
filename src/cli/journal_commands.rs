//! `plenary verify JOURNAL` (the hash chain's head: one line that certifies the day's record)
//! and `plenary repair JOURNAL` (keep the lines that verify, set the rest aside).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::host::{Clock, SystemClock};
use crate::journal::{self, valid_prefix};

/// `plenary verify JOURNAL`.
pub(super) fn verify(path: &Path) -> anyhow::Result<()> {
    let replayed = journal::read(path)?;
    let mut out = std::io::stdout().lock();
    match replayed.chain.head() {
        Some(head) => writeln!(
            out,
            "journal {}: verified, {} commands; chain head {head}",
            path.display(),
            replayed.entries.len()
        )?,
        None => writeln!(
            out,
            "journal {}: {} commands, readable; written before the hash chain (format 1), so not verifiable",
            path.display(),
            replayed.entries.len()
        )?,
    }
    if let Some(torn) = &replayed.torn {
        writeln!(
            out,
            "line {} was torn ({}): it was never acknowledged",
            torn.line, torn.reason
        )?;
    }
    Ok(())
}

/// `plenary repair JOURNAL`: keeps the longest beginning that verifies, moves the rest into
/// `JOURNAL.set-aside` (or `.set-aside.2`, …), says what was set aside, and journals the
/// repair with the number the next command gets: past every number the set-aside lines may
/// have used, so that no number is ever given twice.
pub(super) fn repair(path: &Path) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let bytes = journal::read_bytes(path)?;
    let prefix = valid_prefix(&bytes, &name)?;
    let mut out = std::io::stdout().lock();
    let kept = usize::try_from(prefix.len)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    if kept == bytes.len() {
        writeln!(
            out,
            "journal {name}: every line verifies; nothing to repair"
        )?;
        return Ok(());
    }
    let aside = free_name(path);
    std::fs::write(&aside, &bytes[kept..])
        .and_then(|()| std::fs::File::open(&aside)?.sync_all())
        .with_context(|| format!("cannot write {}", aside.display()))?;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open journal {name} to repair it"))?;
    file.set_len(prefix.len)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot shorten journal {name}"))?;
    let next_seq = past_set_aside(&bytes[kept..], prefix.next_seq);
    let (mut repaired, _) = journal::Journal::open(path)?;
    repaired.note_repair(
        SystemClock::new().now(),
        &aside.display().to_string(),
        next_seq,
    )?;
    let total =
        bytes.iter().filter(|&&b| b == b'\n').count() + usize::from(!bytes.ends_with(b"\n"));
    writeln!(
        out,
        "journal {name}: kept lines 1 to {} ({} commands){}",
        prefix.lines,
        prefix.lines.saturating_sub(1),
        prefix
            .head
            .map_or_else(String::new, |h| format!("; chain head {h}"))
    )?;
    writeln!(
        out,
        "set aside lines {} to {total} ({} bytes) in {}",
        prefix.lines + 1,
        bytes.len() - kept,
        aside.display()
    )?;
    if let Some((line, reason)) = prefix.first_bad {
        writeln!(out, "line {line}: {reason}")?;
    }
    writeln!(
        out,
        "the repair is journaled; the next command is numbered {next_seq} (numbers before it \
         may be in the lines set aside, and are never given again)"
    )?;
    Ok(())
}

/// The first number past any a set-aside part of a journal may have used: one per line after
/// `next`, or past the highest `seq:` any of its lines names, whichever is greater.
fn past_set_aside(aside: &[u8], next: u64) -> u64 {
    let text = String::from_utf8_lossy(aside);
    let lines = text.lines().count() as u64;
    let named = text
        .lines()
        .filter_map(|line| {
            let digits = line.split_once("seq:")?.1;
            let end = digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
            digits[..end].parse::<u64>().ok()
        })
        .max()
        .map_or(0, |seq| seq.saturating_add(1));
    next.saturating_add(lines).max(named)
}

/// `PATH.set-aside`, or the first of `.set-aside.2`, `.set-aside.3`… not taken.
fn free_name(path: &Path) -> PathBuf {
    let base = format!("{}.set-aside", path.display());
    (1..)
        .map(|n| {
            if n == 1 {
                PathBuf::from(&base)
            } else {
                PathBuf::from(format!("{base}.{n}"))
            }
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| PathBuf::from(base))
}
