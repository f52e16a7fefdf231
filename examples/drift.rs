//! Drift against the real monotonic clock: a speech runs for a real minute (or SECONDS) on
//! the system clock, with a pause in the middle; every 50 ms the displayed elapsed time is
//! compared with `std::time::Instant`. Reports the largest difference and the one at the end.
//!
//! `cargo run --release --no-default-features --example drift -- [SECONDS]` (default 60).

use std::sync::Arc;
use std::time::{Duration, Instant};

use plenary::host::{Clock, Desk, SystemClock};
use plenary::meeting::{Action, Command, Source, Sources};

fn main() -> anyhow::Result<()> {
    let seconds: u64 = std::env::args().nth(1).map_or(Ok(60), |a| a.parse())?;
    anyhow::ensure!((2..=3600).contains(&seconds), "between 2 and 3600 seconds");
    let dir = tempfile::tempdir()?;
    let clock = Arc::new(SystemClock::new());
    let (mut host, _) = Desk::open(
        &dir.path().join("drift.journal"),
        &Sources::seed()?,
        clock.clone(),
    )?;
    run(&mut host, Action::begin_meeting("tue-am"))?;
    let started = Instant::now();
    run(&mut host, Action::Start)?;
    let total = Duration::from_secs(seconds);
    let pause_at = total / 3;
    let pause_for = total / 6;
    let (mut paused_at, mut paused) = (None, Duration::ZERO);
    let (mut worst, mut samples, mut last) = (0i64, 0u64, 0i64);
    while started.elapsed() < total {
        std::thread::sleep(Duration::from_millis(50));
        let real = started.elapsed();
        if paused_at.is_none() && paused == Duration::ZERO && real >= pause_at {
            run(&mut host, Action::Pause)?;
            paused_at = Some(Instant::now());
        }
        if let Some(at) = paused_at
            && at.elapsed() >= pause_for
        {
            run(&mut host, Action::Resume)?;
            paused += at.elapsed();
            paused_at = None;
        }
        let truth = real - paused - paused_at.map_or(Duration::ZERO, |at| at.elapsed());
        let truth = i64::try_from(truth.as_millis())?;
        let shown = host
            .session()
            .reading(&clock.now())
            .map_or(0, |r| r.elapsed.0);
        last = shown - truth;
        worst = worst.max(last.abs());
        samples += 1;
    }
    println!(
        "drift over {seconds} s of real time ({samples} samples, a pause of {} s): largest difference {worst} ms, at the end {last} ms",
        pause_for.as_secs()
    );
    Ok(())
}

/// Sends `action` through the host's inbox, as every input does, and has the host apply it.
fn run(desk: &mut Desk, action: Action) -> anyhow::Result<()> {
    desk.send(Command::new(Source::Test, action))
        .result
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("{e}"))
}
