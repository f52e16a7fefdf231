//! Fan-out load check, the clients in a process of their own (loopback only, bounded in
//! clients, commands and time): N WebSocket clients on a running server's
//! `/api/v1/stream?view=VIEW`, then M commands through its HTTP API. Reports, for each
//! command, the time from sending it to each client receiving the new state (p50/p99 over all
//! deliveries), the spread between the first and last client per update, the bytes of one
//! update, how many messages the connection storm cost, and — given the server's process id —
//! its resident memory per connected client, and the time the HTTP API takes to answer each
//! command.
//!
//! `scripts/fanout.sh` starts a server (`plenary run --headless`) and runs this against it:
//! `cargo run --release --no-default-features --example fanout -- --url http://127.0.0.1:PORT
//! --token T [--clients 500] [--commands 40] [--view podium] [--pid PID] [--fsync-dir DIR]
//! [--threads 2]`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// The harness's command line.
#[derive(Parser)]
struct Args {
    /// The server, e.g. http://127.0.0.1:7979 (loopback only).
    #[arg(long)]
    url: String,
    /// The server's control token.
    #[arg(long)]
    token: String,
    #[arg(long, default_value_t = 500)]
    clients: usize,
    #[arg(long, default_value_t = 40)]
    commands: u64,
    /// podium, hall, overlay or console (the full state).
    #[arg(long, default_value = "podium")]
    view: String,
    /// The server's process id: its resident memory is read before and after the clients.
    #[arg(long)]
    pid: Option<u32>,
    /// A folder on the server journal's disk: before the clients, the harness times 200
    /// appends of a 300-byte line each made durable with fdatasync there, the one cost a
    /// journaling server pays that others do not (the same figure as `cargo bench --bench
    /// path -- fdatasync`, taken in the same run as the latencies it is compared with).
    #[arg(long)]
    fsync_dir: Option<std::path::PathBuf>,
    /// The harness's own threads (its clients are tasks on them): 1 reads like a browser's or
    /// Node's single event loop.
    #[arg(long, default_value_t = 2)]
    threads: usize,
}

/// p50 and p99 in ms of appending a 300-byte line to a file in `dir` and fdatasync'ing it.
fn fdatasync_ms(dir: &std::path::Path) -> anyhow::Result<(f64, f64)> {
    use std::io::Write;
    let path = dir.join("fdatasync-probe");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    let line = [b'x'; 300];
    let mut times = Vec::with_capacity(200);
    for _ in 0..200 {
        let at = Instant::now();
        file.write_all(&line)?;
        file.sync_data()?;
        times.push(at.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::remove_file(&path)?;
    times.sort_by(f64::total_cmp);
    Ok((percentile(&times, 50.0), percentile(&times, 99.0)))
}

/// What the clients received: (seq, when in ms from the start, bytes).
type Deliveries = Arc<Mutex<Vec<(u64, f64, usize)>>>;

fn lock(deliveries: &Deliveries) -> std::sync::MutexGuard<'_, Vec<(u64, f64, usize)>> {
    deliveries
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p / 100.0 * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn seq_of(text: &str) -> Option<u64> {
    let at = text.find("\"seq\":")? + 6;
    text[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// The resident memory of process `pid`, in kB (`VmRSS` of `/proc/PID/status`).
fn resident_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The server's sequence number now (`/api/v1/health`).
fn server_seq(agent: &ureq::Agent, base: &str) -> anyhow::Result<u64> {
    let text = agent
        .get(&format!("{base}/api/v1/health"))
        .call()?
        .body_mut()
        .read_to_string()?;
    seq_of(&text).ok_or_else(|| anyhow::anyhow!("health has no seq: {text}"))
}

/// A client as light as a browser's: tungstenite's default 128 KiB read buffer is zeroed
/// before every read, and with 2 000 clients that zeroing was a quarter of the machine's CPU
/// (measured with `perf`), so the harness measured itself more than the server. Messages here
/// are under 12 KiB.
fn client_config() -> WebSocketConfig {
    WebSocketConfig::default().read_buffer_size(16 * 1024)
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!((1..=8).contains(&args.threads), "1 to 8 threads");
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .enable_all()
        .build()?
        .block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.clients <= 2000 && args.commands <= 1000,
        "at most 2000 clients and 1000 commands"
    );
    let base = args.url.trim_end_matches('/').to_string();
    anyhow::ensure!(
        base.starts_with("http://127.") || base.starts_with("http://localhost"),
        "loopback only"
    );
    let ws = base.replacen("http://", "ws://", 1);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let memory_before = args.pid.and_then(resident_kb);
    let fdatasync = args.fsync_dir.as_deref().map(fdatasync_ms).transpose()?;

    // The connection storm: every client connects; count what the server sends meanwhile.
    let received = Arc::new(AtomicU64::new(0));
    let origin = Instant::now();
    // Each client notes what it received here (a lock held for a push); the main task looks
    // every millisecond. A channel would wake the main task once per delivery: 2 000 wake-ups
    // of another thread per update, which the harness would then measure as the server's.
    let deliveries: Deliveries = Arc::new(Mutex::new(Vec::new()));
    let storm = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..args.clients {
        let (mut socket, _) = tokio_tungstenite::connect_async_with_config(
            format!("{ws}/api/v1/stream?view={}", args.view),
            Some(client_config()),
            true,
        )
        .await?;
        let received = received.clone();
        let deliveries = deliveries.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(Ok(message)) = socket.next().await {
                // States only: each is followed by a small clock message (the server's time
                // of sending), which is not counted.
                if let Message::Text(text) = message
                    && let Some(seq) = seq_of(text.as_str())
                {
                    received.fetch_add(1, Ordering::Relaxed);
                    let at = origin.elapsed().as_secs_f64() * 1000.0;
                    lock(&deliveries).push((seq, at, text.len()));
                }
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while received.load(Ordering::Relaxed) < args.clients as u64 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let storm_ms = storm.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let storm_messages = received.load(Ordering::Relaxed);
    let memory_after = args.pid.and_then(resident_kb);
    lock(&deliveries).clear();

    // Commands: start (calling the next speaker if needed), then pause and resume in turn,
    // each waited for by every client.
    let mut latencies = Vec::new();
    let mut spreads = Vec::new();
    let mut bytes = Vec::new();
    let mut answers = Vec::new();
    let first_seq = server_seq(&agent, &base)?;
    for i in 0..args.commands {
        let route = match i {
            0 => "toggle",
            i if i % 2 == 1 => "pause",
            _ => "resume",
        };
        let url = format!("{base}/api/v1/{route}");
        let agent = agent.clone();
        let token = args.token.clone();
        // Stamped on the thread that sends, as it sends: the harness's own hand-over to that
        // thread is not the server's time.
        let (sent, status, answered) = tokio::task::spawn_blocking(move || {
            let sent = origin.elapsed().as_secs_f64() * 1000.0;
            let asked = Instant::now();
            agent
                .post(&url)
                .header("Authorization", &format!("Bearer {token}"))
                .send_empty()
                .map(|r| {
                    let answered = asked.elapsed().as_secs_f64() * 1000.0;
                    (sent, r.status().as_u16(), answered)
                })
        })
        .await??;
        answers.push(answered);
        anyhow::ensure!(status == 200, "{route}: status {status}");
        let seq = first_seq + i + 1;
        let mut times = Vec::with_capacity(args.clients);
        let until = Instant::now() + Duration::from_secs(20);
        while times.len() < args.clients {
            anyhow::ensure!(
                Instant::now() < until,
                "update {seq}: only {} of {} clients received it",
                times.len(),
                args.clients
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
            for (s, at, size) in std::mem::take(&mut *lock(&deliveries)) {
                if s == seq {
                    if times.is_empty() {
                        bytes.push(size);
                    }
                    times.push(at);
                }
            }
        }
        times.sort_by(f64::total_cmp);
        latencies.extend(times.iter().map(|t| t - sent));
        spreads.push(times[times.len() - 1] - times[0]);
    }
    latencies.sort_by(f64::total_cmp);
    spreads.sort_by(f64::total_cmp);
    answers.sort_by(f64::total_cmp);
    for task in tasks {
        task.abort();
    }
    let clients = args.clients;
    println!(
        "fan-out on loopback, clients in their own process: {clients} WebSocket clients on ?view={}, {} commands through the HTTP API",
        args.view, args.commands
    );
    println!(
        "connection storm: {storm_messages} messages for {clients} clients ({:.2} per client), {storm_ms:.0} ms",
        storm_messages as f64 / clients as f64
    );
    println!(
        "one update: {:.0} bytes (mean over {} updates, largest {})",
        bytes.iter().sum::<usize>() as f64 / bytes.len().max(1) as f64,
        bytes.len(),
        bytes.iter().max().copied().unwrap_or(0)
    );
    println!(
        "command -> client received the new state: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} deliveries)",
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or(f64::NAN),
        latencies.len()
    );
    if let Some((p50, p99)) = fdatasync {
        println!(
            "fdatasync of a 300-byte line on the journal's disk: p50 {p50:.2} ms, p99 {p99:.2} ms; command -> client p50 less it: {:.2} ms",
            percentile(&latencies, 50.0) - p50
        );
    }
    println!(
        "HTTP answer to the command (sent to status received): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&answers, 50.0),
        percentile(&answers, 99.0),
        answers.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "spread between the first and the last client per update: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&spreads, 50.0),
        percentile(&spreads, 99.0)
    );
    if let (Some(before), Some(after)) = (memory_before, memory_after) {
        println!(
            "server resident memory: {before} kB before the clients, {after} kB with them: {:.1} kB per client",
            (after as f64 - before as f64) / clients as f64
        );
    }
    Ok(())
}
