//! `plenary run`: open the journal, start the network layer, then the windows or headless mode.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;

use super::{NetArgs, RunArgs, default_journal, sources};
use crate::host::{Clock, FastClock, Host, Inbox, ManualClock, Startup, SystemClock};
use crate::meeting::{Sources, Stamp};
use crate::net::token::Origin;
use crate::net::{Server, ServerOptions, Token};

/// What `plenary run` will do, every check made: nothing is opened or started before the
/// whole plan holds, so a wrong flag, a missing font or a taken port is said first.
struct RunPlan {
    sources: Sources,
    /// The program or list was named on the command line (not the embedded seed).
    explicit: bool,
    journal: PathBuf,
    clock: Arc<dyn Clock>,
    /// The tour's manual clock, which the tour moves itself.
    tour_clock: Option<Arc<ManualClock>>,
    /// The API's address, bound (a taken port is a check like any other).
    listener: Option<std::net::TcpListener>,
    /// OSC's socket, bound.
    osc: Option<std::net::UdpSocket>,
}

/// Runs the session: windows, or headless with commands on standard input.
pub(super) fn run(args: &RunArgs) -> anyhow::Result<()> {
    let plan = plan(args)?;
    let (inbox, rx) = Inbox::channel();
    let (host, startup) = Host::open(
        &plan.journal,
        &plan.sources,
        plan.explicit,
        args.restart,
        plan.clock,
        rx,
    )?;
    say_how_it_opened(&plan.journal, &startup);
    // The network holds inboxes of its own: headless mode then serves until stopped, even
    // after its standard input ends.
    if let Some(listener) = plan.listener {
        serve(listener, &args.net, inbox.clone(), &host)?;
    }
    if let Some(socket) = plan.osc {
        let local = crate::net::osc::start(socket, inbox.clone()).context("cannot take OSC")?;
        eprintln!("osc: listening on udp://{local} (no authentication)");
    }
    if !args.headless {
        return run_windows(host, inbox, args, plan.tour_clock);
    }
    let stdin = std::io::BufReader::new(std::io::stdin());
    crate::headless::run(host, inbox, stdin, std::io::stdout())?;
    Ok(())
}

/// Checks everything `run` needs, in the order a user would fix it: the program and list, the
/// journal's place, a display and its fonts, the clock, the API's and OSC's addresses.
fn plan(args: &RunArgs) -> anyhow::Result<RunPlan> {
    let sources = sources(args.config.as_deref(), args.speakers.as_deref())?
        .for_rehearsal(args.rehearse.is_some());
    let explicit = args.config.is_some() || args.speakers.is_some();
    let journal = match &args.journal {
        Some(p) => p.clone(),
        None => default_journal(&sources, sources.rehearsal)?,
    };
    if !args.headless {
        if ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .all(|v| std::env::var_os(v).is_none())
        {
            anyhow::bail!(
                "no display to open windows on (DISPLAY is not set); use `plenary run --headless`, or run under X11"
            );
        }
        chinese_font_for(args.lang)?;
    }
    let tour_clock = args.tour.as_ref().map(|_| tour_clock());
    let clock = clock(args, &sources, &journal, tour_clock.as_ref())?;
    let listener = (!args.net.no_api && args.tour.is_none())
        .then(|| {
            Server::bind(args.net.listen).with_context(|| {
                format!(
                    "cannot serve the API on {}; name another address with --listen, or use --no-api",
                    args.net.listen
                )
            })
        })
        .transpose()?;
    let osc = args
        .net
        .osc
        .map(|addr| {
            crate::net::osc::bind(addr).with_context(|| format!("cannot take OSC on {addr}"))
        })
        .transpose()?;
    Ok(RunPlan {
        sources,
        explicit,
        journal,
        clock,
        tour_clock,
        listener,
        osc,
    })
}

/// The tour's clock: by hand, from Monday 24 November 2025, 11:00 in New York.
fn tour_clock() -> Arc<ManualClock> {
    let start = chrono::DateTime::parse_from_rfc3339("2025-11-24T11:00:00-05:00")
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    Arc::new(ManualClock::new(Stamp::synthetic(start)))
}

/// The clock commands are stamped with: the tour's, a rehearsal's (from a chosen venue time,
/// at real speed), an accelerated one (`--speed`), or the system's.
fn clock(
    args: &RunArgs,
    sources: &Sources,
    journal: &std::path::Path,
    tour_clock: Option<&Arc<ManualClock>>,
) -> anyhow::Result<Arc<dyn Clock>> {
    if let Some(manual) = tour_clock {
        return Ok(manual.clone());
    }
    if let Some(text) = &args.rehearse {
        let (clock, start) = super::rehearsal::clock(text, sources, journal)?;
        eprintln!("rehearsal: venue clock {}", start.why);
        return Ok(Arc::new(clock));
    }
    Ok(match args.speed {
        Some(speed) => Arc::new(FastClock::new(speed)),
        None => Arc::new(SystemClock::new()),
    })
}

/// Tells how the journal was opened: new, resumed (from a checkpoint), a torn line set aside,
/// what the restart did to a running speech.
fn say_how_it_opened(path: &std::path::Path, startup: &Startup) {
    if startup.replaced_empty {
        eprintln!(
            "journal: {} was empty (a start cut off before its first record): started anew",
            path.display()
        );
    } else if startup.created {
        eprintln!("journal: {} (new)", path.display());
    } else {
        let from = startup.checkpoint.map_or_else(String::new, |line| {
            format!(" after the checkpoint on line {line}")
        });
        eprintln!(
            "journal: {} (resumed: {} commands replayed{from})",
            path.display(),
            startup.replayed
        );
    }
    if let Some(torn) = &startup.torn {
        eprintln!(
            "journal: line {} was torn ({}); it was skipped and set aside in {}.torn",
            torn.line,
            torn.reason,
            path.display()
        );
    }
    if let Some(restart) = &startup.restart {
        eprintln!("restart: {restart}");
    }
}

#[cfg(feature = "gui")]
fn run_windows(
    host: Host,
    inbox: Inbox,
    args: &RunArgs,
    tour_clock: Option<Arc<ManualClock>>,
) -> anyhow::Result<()> {
    use crate::app::{AppOptions, tour::Tour};
    let tour = match (&args.tour, tour_clock) {
        (Some(dir), Some(clock)) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            Some(Tour {
                dir: dir.clone(),
                clock,
            })
        }
        _ => None,
    };
    crate::app::run(
        host,
        inbox,
        AppOptions {
            windows: args.windows.clone(),
            windowed: args.windowed || tour.is_some(),
            monitors: args.monitors.clone(),
            langs: args.lang,
            continuous: args.continuous,
            frame_log: args.frame_log.clone(),
            latency_log: args.latency_log.clone(),
            tour,
        },
    )
}

/// A display in Chinese needs its font: refused at start, before anything is opened, saying
/// where it was looked for.
pub(super) fn chinese_font_for(langs: crate::view::DisplayLangs) -> anyhow::Result<()> {
    use crate::meeting::Lang;
    if langs.podium == Lang::Zh || langs.hall == Lang::Zh {
        crate::view::fonts::cjk_font_path().map_err(|e| anyhow::anyhow!("--lang zh: {e}"))?;
    }
    Ok(())
}

#[cfg(not(feature = "gui"))]
fn run_windows(
    _host: Host,
    _inbox: Inbox,
    _args: &RunArgs,
    _tour_clock: Option<Arc<ManualClock>>,
) -> anyhow::Result<()> {
    anyhow::bail!(
        "this plenary was built without windows (feature `gui`); use `plenary run --headless`"
    )
}

/// Starts the API server on `listener`, with the token from the options, the environment
/// or the data directory.
fn serve(
    listener: std::net::TcpListener,
    net: &NetArgs,
    inbox: Inbox,
    host: &Host,
) -> anyhow::Result<()> {
    let file = match dirs::data_dir() {
        Some(dir) => dir.join("plenary").join("token"),
        None if net.token.is_some() => PathBuf::new(),
        None => anyhow::bail!(
            "no data directory is known to keep the control token in; give one with --token or PLENARY_TOKEN"
        ),
    };
    let (token, origin) = Token::resolve(net.token.as_deref(), &file)?;
    let server = Server::start(
        listener,
        ServerOptions {
            token: token.clone(),
            protect_reads: net.protect_reads,
            refresh: ServerOptions::REFRESH,
        },
        inbox,
        host.published(),
        host.clock().clone(),
    )?;
    let addr = server.addr();
    eprintln!(
        "api: listening on http://{addr} (views: http://{addr}/view/podium, /view/hall, /view/overlay)"
    );
    if !addr.ip().is_loopback() {
        eprintln!(
            "api: open to the network on {addr}: control needs the token; reading {}",
            if net.protect_reads {
                "too"
            } else {
                "does not (--protect-reads to require it)"
            }
        );
    }
    match origin {
        Origin::Given => eprintln!("api: control token: as given"),
        Origin::File(path) => eprintln!("api: control token: in {}", path.display()),
        // Only its place: standard error may end up in a log others read.
        Origin::Generated(path) => eprintln!(
            "api: control token: new, kept in {} (readable by you alone)",
            path.display()
        ),
    }
    Ok(())
}
