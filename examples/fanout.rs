//! Fan-out load check (loopback only, bounded in clients, commands and time): a host and its
//! server in this process, N WebSocket clients on `/api/v1/stream`, then M commands through
//! the HTTP API. Reports, for each command, the time from sending it to each client receiving
//! the new state (p50/p99 over all deliveries), the spread between the first and last client
//! per update, and how many messages the connection storm cost.
//!
//! `cargo run --release --example fanout -- [CLIENTS] [COMMANDS]` (default 500 and 40).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use plenary::host::{Host, Inbox, RestartPolicy, SystemClock};
use plenary::meeting::Sources;
use plenary::net::{Server, ServerOptions, Token};
use tokio_tungstenite::tungstenite::Message;

const TOKEN: &str = "fanout-token-0123456789";

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

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let clients: usize = args.next().map_or(Ok(500), |a| a.parse())?;
    let commands: u64 = args.next().map_or(Ok(40), |a| a.parse())?;
    anyhow::ensure!(
        clients <= 2000 && commands <= 1000,
        "at most 2000 clients and 1000 commands"
    );

    let dir = tempfile::tempdir()?;
    let (inbox, rx) = Inbox::channel();
    let (mut host, _) = Host::open(
        &dir.path().join("fanout.journal"),
        &Sources::seed()?,
        false,
        RestartPolicy::Continue,
        Arc::new(SystemClock::new()),
        rx,
    )?;
    let server = Server::start(
        Server::bind("127.0.0.1:0".parse()?)?,
        ServerOptions {
            token: Token::new(TOKEN)?,
            protect_reads: false,
        },
        inbox,
        host.published(),
        host.clock().clone(),
    )?;
    std::thread::spawn(move || while host.wait(Duration::from_secs(1)).is_some() {});
    let addr = server.addr();

    // The connection storm: every client connects; count what the server sends meanwhile.
    let received = Arc::new(AtomicU64::new(0));
    let origin = Instant::now();
    let (deliveries_tx, mut deliveries) = tokio::sync::mpsc::unbounded_channel::<(u64, f64)>();
    let storm = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (mut socket, _) =
            tokio_tungstenite::connect_async(format!("ws://{addr}/api/v1/stream")).await?;
        let received = received.clone();
        let deliveries = deliveries_tx.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(Ok(message)) = socket.next().await {
                // States only: each is followed by a small clock message (the server's time
                // of sending), which is not counted.
                if let Message::Text(text) = message
                    && let Some(seq) = seq_of(text.as_str())
                {
                    received.fetch_add(1, Ordering::Relaxed);
                    let _ = deliveries.send((seq, origin.elapsed().as_secs_f64() * 1000.0));
                }
            }
        }));
    }
    // Wait until every client has its first state.
    let deadline = Instant::now() + Duration::from_secs(30);
    while received.load(Ordering::Relaxed) < clients as u64 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let storm_ms = storm.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let storm_messages = received.load(Ordering::Relaxed);
    while deliveries.try_recv().is_ok() {}

    // Commands: start, then pause/resume alternately, each waited for by every client.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut latencies = Vec::new();
    let mut spreads = Vec::new();
    for i in 0..commands {
        let route = match i {
            0 => "start",
            i if i % 2 == 1 => "pause",
            _ => "resume",
        };
        let url = format!("http://{addr}/api/v1/{route}");
        let agent = agent.clone();
        let sent = origin.elapsed().as_secs_f64() * 1000.0;
        let status = tokio::task::spawn_blocking(move || {
            agent
                .post(&url)
                .header("Authorization", &format!("Bearer {TOKEN}"))
                .send_empty()
                .map(|r| r.status().as_u16())
        })
        .await??;
        anyhow::ensure!(status == 200, "{route}: status {status}");
        let seq = i + 1;
        let mut times = Vec::with_capacity(clients);
        let until = tokio::time::Instant::now() + Duration::from_secs(10);
        while times.len() < clients {
            match tokio::time::timeout_at(until, deliveries.recv()).await {
                Ok(Some((s, at))) if s == seq => times.push(at),
                Ok(Some(_)) => {}
                _ => anyhow::bail!(
                    "update {seq}: only {} of {clients} clients received it",
                    times.len()
                ),
            }
        }
        times.sort_by(f64::total_cmp);
        latencies.extend(times.iter().map(|t| t - sent));
        spreads.push(times[times.len() - 1] - times[0]);
    }
    latencies.sort_by(f64::total_cmp);
    spreads.sort_by(f64::total_cmp);
    for task in tasks {
        task.abort();
    }
    println!(
        "fan-out on loopback: {clients} WebSocket clients, {commands} commands through the HTTP API"
    );
    println!(
        "connection storm: {storm_messages} messages for {clients} clients ({:.2} per client), {storm_ms:.0} ms",
        storm_messages as f64 / clients as f64
    );
    println!(
        "command -> client received the new state: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} deliveries)",
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or(f64::NAN),
        latencies.len()
    );
    println!(
        "spread between the first and the last client per update: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&spreads, 50.0),
        percentile(&spreads, 99.0)
    );
    Ok(())
}
