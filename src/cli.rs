//! The command line: `plenary run` (the default), `check`, `replay`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
#[cfg(not(feature = "gui"))]
use anyhow::bail;
use clap::{Args, Parser, Subcommand};

use crate::host::{Doorbell, Host, RestartPolicy, SystemClock};
use crate::journal;
use crate::meeting::config::validate_program;
use crate::meeting::delegations::Delegations;
use crate::meeting::program::Content;
use crate::meeting::time::mss;
use crate::meeting::{Millis, Session, Sources, Stamp};
use crate::net::token::Origin;
use crate::net::{Inbox, Server, ServerOptions, Token};
use crate::records::report::{Format, Report};
use crate::view::WindowKind;

/// plenary — timer and displays for formal plenary meetings.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Commands>,
    /// `plenary` alone runs the app: these are `run`'s options.
    #[command(flatten)]
    pub run: RunArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Run the session (the default command).
    Run(Box<RunArgs>),
    /// Validate a program (and list of speakers) and print it.
    Check {
        /// The program (RON); the embedded seed meeting if left out.
        config: Option<PathBuf>,
        /// A list of speakers (RON).
        #[arg(long)]
        speakers: Option<PathBuf>,
    },
    /// Rebuild a session from its journal and print it, with every speech.
    Replay {
        /// The journal file.
        journal: PathBuf,
    },
    /// A display on another computer, following a control node over the network.
    Display(DisplayArgs),
    /// The speaking-time report of a journal: one row per speech, totals per meeting.
    Report {
        /// The journal file.
        journal: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Options of `plenary display`.
#[derive(Debug, Args, Clone)]
pub struct DisplayArgs {
    /// The control node: http://HOST:PORT (its `--listen` address).
    #[arg(long, value_name = "URL")]
    pub follow: String,
    /// Which display to show: podium or hall.
    #[arg(long, value_enum, default_value_t = WindowKind::Podium)]
    pub window: WindowKind,
    /// The monitor (0, 1, …) to show it on, full screen; default the primary.
    #[arg(long)]
    pub monitor: Option<usize>,
    /// An ordinary window instead of full screen.
    #[arg(long)]
    pub windowed: bool,
    /// The token, if the control node protects reading (`--protect-reads`).
    #[arg(long, env = "PLENARY_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// No window: print a status line at each change and each link change (tests, scripts).
    #[arg(long)]
    pub print: bool,
    /// Measurements: append when each command is first shown to FILE.
    #[arg(long, value_name = "FILE")]
    pub latency_log: Option<PathBuf>,
}

/// Options of the network layer of `plenary run`.
#[derive(Debug, Args, Clone)]
pub struct NetArgs {
    /// Serve the API and the browser views on ADDR. Default loopback only; 0.0.0.0:7878
    /// opens it to the LAN (control always needs the token).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub listen: std::net::SocketAddr,
    /// No API server.
    #[arg(long, conflicts_with_all = ["listen", "protect_reads", "token"])]
    pub no_api: bool,
    /// The control token; else `PLENARY_TOKEN`; else one generated on first start into
    /// `<data dir>/plenary/token`.
    #[arg(long, env = "PLENARY_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Reading (state, stream, browser views) needs the token too.
    #[arg(long)]
    pub protect_reads: bool,
    /// Take OSC commands on this UDP address (e.g. 127.0.0.1:9000). OSC has no
    /// authentication: keep it on loopback unless the network is trusted.
    #[arg(long, value_name = "ADDR")]
    pub osc: Option<std::net::SocketAddr>,
}

/// Options of `plenary run`.
#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// No windows: commands from standard input, one RON action per line.
    #[arg(long)]
    pub headless: bool,
    /// The program (RON); the embedded seed meeting if left out.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The list of speakers (RON); with no --config, the seed's sample list.
    #[arg(long)]
    pub speakers: Option<PathBuf>,
    /// The journal; default `<data dir>/plenary/<program>.journal`. An existing journal is
    /// replayed and the session carries on where it was.
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// What happens to a speech that was running when the program stopped.
    #[arg(long, value_enum, default_value_t = RestartPolicy::Continue)]
    pub restart: RestartPolicy,
    /// Which windows to open.
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["podium", "hall", "chair"])]
    pub windows: Vec<WindowKind>,
    /// Ordinary windows on a desk instead of full screen.
    #[arg(long)]
    pub windowed: bool,
    /// The monitor (0, 1, …) of each window, in the order of --windows; default the primary.
    #[arg(long, value_delimiter = ',')]
    pub monitors: Vec<usize>,
    /// Redraw every frame (to measure what the default reactive mode saves).
    #[arg(long)]
    pub continuous: bool,
    /// Measurements: write the number of frames drawn to FILE once a second.
    #[arg(long, hide = true, value_name = "FILE")]
    pub frame_log: Option<PathBuf>,
    /// Measurements: append when each command is first shown on each display to FILE.
    #[arg(long, value_name = "FILE")]
    pub latency_log: Option<PathBuf>,
    /// Tests: tour the displays' states on a manual clock, save screenshots in DIR, exit.
    #[arg(long, hide = true, value_name = "DIR")]
    pub tour: Option<PathBuf>,
    /// Soak tests: time runs N times faster than the system clock (a day in minutes).
    #[arg(long, hide = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub speed: Option<u32>,
    #[command(flatten)]
    pub net: NetArgs,
}

/// Runs the command line; the error is printed by `main`.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None => run_session(&cli.run),
        Some(Commands::Run(args)) => run_session(&args),
        Some(Commands::Check { config, speakers }) => check(config.as_deref(), speakers.as_deref()),
        Some(Commands::Replay { journal }) => replay(&journal),
        Some(Commands::Display(args)) => display(&args),
        Some(Commands::Report {
            journal,
            format,
            output,
        }) => report(&journal, format, output.as_deref()),
    }
}

fn sources(config: Option<&Path>, speakers: Option<&Path>) -> anyhow::Result<Sources> {
    let csv = speakers.filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    Ok(match (config, speakers, csv) {
        (None, None, _) => Sources::seed()?,
        (None, Some(_), Some(csv)) => import_csv(Sources::seed()?, csv)?,
        (None, Some(list), None) => Sources::seed()?.with_speakers(list)?,
        (Some(program), _, Some(csv)) => import_csv(Sources::read(program, None)?, csv)?,
        (Some(program), list, None) => Sources::read(program, list)?,
    })
}

/// The program of `sources` with the list of speakers imported from a CSV file.
fn import_csv(sources: Sources, path: &Path) -> anyhow::Result<Sources> {
    let program = validate_program(&sources.program, &sources.program_name)?;
    let list = crate::records::import::read(path, &program, &Delegations::embedded()?)?;
    Ok(sources.with_speaker_list(&path.display().to_string(), list))
}

fn default_journal(sources: &Sources) -> anyhow::Result<PathBuf> {
    let stem = Path::new(&sources.program_name)
        .file_stem()
        .map_or_else(|| "plenary".into(), |s| s.to_string_lossy().into_owned());
    let dir = dirs::data_dir()
        .context("no data directory is known for this user; name one with --journal")?;
    Ok(dir.join("plenary").join(format!("{stem}.journal")))
}

fn run_session(args: &RunArgs) -> anyhow::Result<()> {
    let sources = sources(args.config.as_deref(), args.speakers.as_deref())?;
    let explicit = args.config.is_some() || args.speakers.is_some();
    let path = match &args.journal {
        Some(p) => p.clone(),
        None => default_journal(&sources)?,
    };
    if !args.headless
        && ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .all(|v| std::env::var_os(v).is_none())
    {
        anyhow::bail!(
            "no display to open windows on (DISPLAY is not set); use `plenary run --headless`, or run under X11"
        );
    }
    // Bind first: a taken port is reported before anything is opened.
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
    let (tx, rx) = crossbeam_channel::unbounded();
    // The tour runs on a manual clock from Monday 24 November 2025, 11:00 in New York.
    let tour_clock = args.tour.as_ref().map(|_| {
        let start = chrono::DateTime::parse_from_rfc3339("2025-11-24T11:00:00-05:00")
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_default();
        Arc::new(crate::host::ManualClock::new(Stamp::synthetic(start)))
    });
    let clock: Arc<dyn crate::host::Clock> = match (&tour_clock, args.speed) {
        (Some(manual), _) => manual.clone(),
        (None, Some(speed)) => Arc::new(crate::host::FastClock::new(speed)),
        (None, None) => Arc::new(SystemClock::new()),
    };
    let (host, startup) = Host::open(&path, &sources, explicit, args.restart, clock, rx)?;
    if startup.created {
        eprintln!("journal: {} (new)", path.display());
    } else {
        eprintln!(
            "journal: {} (resumed: {} commands replayed)",
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
    // The network holds senders of its own: headless mode then serves until stopped, even
    // after its standard input ends.
    let doorbell = Doorbell::default();
    let inbox = Inbox::new(tx.clone(), doorbell.waker());
    if let Some(listener) = listener {
        serve(listener, &args.net, inbox.clone(), &host)?;
    }
    if let Some(addr) = args.net.osc {
        let published = host.published();
        let running = move || {
            published
                .get()
                .floor()
                .is_some_and(|f| f.clock.is_running())
        };
        let local = crate::net::osc::start(addr, inbox, running)
            .with_context(|| format!("cannot take OSC on {addr}"))?;
        eprintln!("osc: listening on udp://{local} (no authentication)");
    } else {
        drop(inbox);
    }
    if !args.headless {
        return run_windows(host, tx, args, tour_clock, doorbell);
    }
    let stdin = std::io::BufReader::new(std::io::stdin());
    crate::headless::run(host, tx, stdin, std::io::stdout())?;
    Ok(())
}

#[cfg(feature = "gui")]
fn run_windows(
    host: Host,
    tx: crossbeam_channel::Sender<crate::host::Envelope>,
    args: &RunArgs,
    tour_clock: Option<Arc<crate::host::ManualClock>>,
    doorbell: Doorbell,
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
        tx,
        AppOptions {
            windows: args.windows.clone(),
            windowed: args.windowed || tour.is_some(),
            monitors: args.monitors.clone(),
            continuous: args.continuous,
            frame_log: args.frame_log.clone(),
            latency_log: args.latency_log.clone(),
            tour,
            doorbell,
        },
    )
}

#[cfg(not(feature = "gui"))]
fn run_windows(
    _host: Host,
    _tx: crossbeam_channel::Sender<crate::host::Envelope>,
    _args: &RunArgs,
    _tour_clock: Option<Arc<crate::host::ManualClock>>,
    _doorbell: Doorbell,
) -> anyhow::Result<()> {
    bail!("this plenary was built without windows (feature `gui`); use `plenary run --headless`")
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
        Origin::Generated(path) => eprintln!(
            "api: control token (new, kept in {}): {}",
            path.display(),
            token.reveal()
        ),
    }
    Ok(())
}

/// `plenary display --follow URL`.
fn display(args: &DisplayArgs) -> anyhow::Result<()> {
    if args.window == WindowKind::Chair {
        anyhow::bail!(
            "a follower shows the podium or the hall; the chair console runs on the control node"
        );
    }
    if args.print {
        return crate::net::follow::print(&args.follow, args.token.as_deref());
    }
    if ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .all(|v| std::env::var_os(v).is_none())
    {
        anyhow::bail!(
            "no display to open a window on (DISPLAY is not set); `--print` follows without one"
        );
    }
    follow_window(args)
}

#[cfg(feature = "gui")]
fn follow_window(args: &DisplayArgs) -> anyhow::Result<()> {
    crate::app::follow(args)
}

#[cfg(not(feature = "gui"))]
fn follow_window(_args: &DisplayArgs) -> anyhow::Result<()> {
    bail!(
        "this plenary was built without windows (feature `gui`); `plenary display --print` follows without one"
    )
}

/// `plenary report JOURNAL`.
fn report(journal: &Path, format: Format, output: Option<&Path>) -> anyhow::Result<()> {
    let name = journal.display().to_string();
    let bytes = std::fs::read(journal).with_context(|| format!("cannot read journal {name}"))?;
    let report = Report::from_journal(&bytes, &name)?;
    if let Some(torn) = &report.torn {
        eprintln!("report: {torn}");
    }
    let text = report.render(format);
    match output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

fn check(config: Option<&Path>, speakers: Option<&Path>) -> anyhow::Result<()> {
    let sources = sources(config, speakers)?;
    let session = Session::from_sources(&sources)?;
    let mut out = std::io::stdout().lock();
    print_program(&mut out, &session)?;
    writeln!(out, "\n{}: valid.", sources.program_name)?;
    Ok(())
}

fn limit_text(limit: Option<Millis>) -> String {
    limit.map_or_else(|| "counts up".into(), |l| l.to_string())
}

fn print_program(out: &mut impl Write, session: &Session) -> std::io::Result<()> {
    let program = session.program();
    let local = |t| program.local(t).format("%H:%M").to_string();
    writeln!(out, "{} — {}", program.body, program.session)?;
    writeln!(out, "{}", program.title)?;
    if !program.mandate.is_empty() {
        writeln!(out, "Mandate: {}", program.mandate)?;
    }
    writeln!(
        out,
        "Venue time: {} · warning in the last {} · changeover {}",
        program.time_zone, program.warning, program.changeover
    )?;
    writeln!(out, "\nStatement kinds:")?;
    for kind in program.kinds.values() {
        writeln!(
            out,
            "  {:<14} {:<32} {}",
            kind.id,
            kind.label,
            limit_text(kind.limit)
        )?;
    }
    for (mi, meeting) in program.meetings.iter().enumerate() {
        writeln!(
            out,
            "\n{} [{}] {}–{} {} ({:?})",
            program.local(meeting.start).format("%a %d %b %Y"),
            meeting.id,
            local(meeting.start),
            local(meeting.end),
            meeting.title,
            meeting.kind
        )?;
        if let Some(theme) = &meeting.theme {
            writeln!(out, "  Theme: {theme}")?;
        }
        for chair in &meeting.co_chairs {
            writeln!(
                out,
                "  Co-Chair: {} ({}, {:?})",
                chair.name, chair.delegation, chair.development
            )?;
        }
        for (si, segment) in meeting.segments.iter().enumerate() {
            let start = segment.start.map(local).unwrap_or_else(|| "  …  ".into());
            let fixed = if segment.fixed {
                " — fixed: starts sharp (anchor)"
            } else {
                ""
            };
            writeln!(out, "  {start} {}{fixed}", segment.title)?;
            for id in session.list(mi, si) {
                let Some(turn) = session.turn(*id) else {
                    continue;
                };
                let what = match &turn.inscription.content {
                    Content::Speaker(s) => format!("{} [{}]", turn.who(), s.kind),
                    Content::Item(item) => format!("Item: {}", item.title),
                };
                let time = match &turn.inscription.content {
                    Content::Item(item) => format!("~{}", item.expect),
                    Content::Speaker(_) => limit_text(turn.inscription.allotted),
                };
                writeln!(
                    out,
                    "        {:>3}. {what} — {time}",
                    session.position(*id).unwrap_or(0)
                )?;
            }
        }
        writeln!(out, "  {} End of meeting (anchor)", local(meeting.end))?;
    }
    Ok(())
}

fn replay(path: &Path) -> anyhow::Result<()> {
    let replayed = journal::read(path)?;
    let session = &replayed.session;
    let program = session.program();
    let at = replayed.last_stamp();
    let mut out = std::io::stdout().lock();
    let local = |t: &Stamp| {
        program
            .local(t.wall)
            .format("%a %d %b %H:%M:%S")
            .to_string()
    };
    writeln!(out, "Journal {} — {}", path.display(), program.title)?;
    writeln!(
        out,
        "Opened {} · {} commands · last at {}",
        local(&replayed.opened),
        replayed.entries.len(),
        local(&at)
    )?;
    if let Some(torn) = &replayed.torn {
        writeln!(out, "Torn last line {} skipped: {}", torn.line, torn.reason)?;
    }
    let meeting = session.meeting();
    writeln!(
        out,
        "Meeting: [{}] {} ({}) · segment: {}",
        meeting.id,
        meeting.title,
        if session.meeting_begun() {
            "begun"
        } else {
            "not begun"
        },
        meeting.segments[session.segment_index()].title
    )?;
    match (session.floor_turn(), session.reading(&at)) {
        (Some(turn), Some(reading)) => writeln!(
            out,
            "Floor: {} — {:?}{} {} (as of the last command)",
            turn.who(),
            reading.phase,
            if reading.paused { ", paused," } else { "" },
            reading.shown
        )?,
        _ => writeln!(out, "Floor: no one")?,
    }
    if let Some(message) = session.message() {
        writeln!(out, "Message on the podium: {message}")?;
    }
    writeln!(out, "\nSpeeches:")?;
    writeln!(
        out,
        "  {:<8} {:<44} {:>9} {:>7} {:>8} {:>8} {:>6}",
        "meeting", "speaker", "started", "spoken", "allowed", "overtime", "paused"
    )?;
    for record in session.records() {
        let who = session
            .turn(record.turn)
            .map_or_else(|| record.turn.to_string(), |t| t.who());
        writeln!(
            out,
            "  {:<8} {:<44} {:>9} {:>7} {:>8} {:>8} {:>6}",
            record.meeting,
            crate::view::shorten(&who, 44),
            program.local(record.started.wall).format("%H:%M:%S"),
            mss(record.spoken.floor_secs()),
            record.limit.map_or_else(|| "—".into(), |l| l.to_string()),
            mss(record.overtime.floor_secs()),
            mss(record.paused.floor_secs()),
        )?;
    }
    Ok(())
}
