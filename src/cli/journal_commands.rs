//! `plenary verify JOURNAL` (the hash chain's head: one line that certifies the day's record)
//! and `plenary repair JOURNAL` (keep the lines that verify, set the rest aside).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

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
/// `JOURNAL.set-aside` (or `.set-aside.2`, …) and says what was set aside.
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
    Ok(())
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
