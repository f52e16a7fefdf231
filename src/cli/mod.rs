//! The command line: `plenary run` (the default), `check`, `replay`, `report`, `display`.
//! The only place that knows clap: the library's types parse from text (`FromStr`).

mod display;
mod journal_commands;
mod print;

pub use print::check_listing;
mod rehearsal;
mod session;

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::host::RestartPolicy;
use crate::meeting::Sources;
use crate::meeting::config::validate_program;
use crate::meeting::delegations::Delegations;
use crate::records::report::Format;
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
        /// A list of speakers: CSV (a spreadsheet's export, any of its encodings and
        /// separators) or RON.
        #[arg(long)]
        speakers: Option<PathBuf>,
    },
    /// Rebuild a session from its journal and print it, with every speech.
    Replay {
        /// The journal file.
        journal: PathBuf,
    },
    /// Check a journal's hash chain and print its head: one line that certifies the record.
    Verify {
        /// The journal file.
        journal: PathBuf,
    },
    /// Keep the lines of a journal that verify and move the rest aside (after corruption).
    Repair {
        /// The journal file.
        journal: PathBuf,
    },
    /// A display on another computer, following a control node over the network.
    Display(DisplayArgs),
    /// The speaking-time report of a journal: one row per speech, totals per meeting, the
    /// time ledger.
    Report {
        /// The journal file.
        journal: PathBuf,
        /// `md` (default), `csv`, `html`, or `ledger` (the time ledger as CSV).
        #[arg(long, default_value = "md")]
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
    /// `podium` (default) or `hall`.
    #[arg(long, default_value = "podium")]
    pub window: WindowKind,
    /// The monitor (0, 1, …) to show it on, full screen; default the primary.
    #[arg(long)]
    pub monitor: Option<usize>,
    /// The display's language: ar, zh, en (default), fr, ru or es.
    #[arg(long, default_value = "en")]
    pub lang: crate::meeting::Lang,
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
    /// The list of speakers: CSV (a spreadsheet's export) or RON; with no --config, the
    /// seed's sample list.
    #[arg(long)]
    pub speakers: Option<PathBuf>,
    /// The journal; default `<data dir>/plenary/<program>.journal`. An existing journal is
    /// replayed and the session carries on where it was.
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// A rehearsal on any day: the program runs at real speed from DATE-TIME in venue time
    /// (`2025-11-24T15:00`, or `15:00` on the first meeting's day; default the first
    /// meeting's start), in a journal of its own (`<program>.rehearsal.journal`), and every
    /// window says REHEARSAL. Carried on where it stopped when its journal exists.
    #[arg(
        long,
        alias = "rehearsal",
        value_name = "DATE-TIME",
        num_args = 0..=1,
        default_missing_value = "",
        conflicts_with = "speed"
    )]
    pub rehearse: Option<String>,
    /// What happens to a speech that was running when the program stopped.
    /// `continue` (default) or `pause`.
    #[arg(long, default_value = "continue")]
    pub restart: RestartPolicy,
    /// Which windows to open.
    /// `podium`, `hall` and `chair` (default all three).
    #[arg(long, value_delimiter = ',', default_values = ["podium", "hall", "chair"])]
    pub windows: Vec<WindowKind>,
    /// Ordinary windows on a desk instead of full screen.
    #[arg(long)]
    pub windowed: bool,
    /// The monitor (0, 1, …) of each window, in the order of --windows; default the primary.
    #[arg(long, value_delimiter = ',')]
    pub monitors: Vec<usize>,
    /// The displays' language: `ar`, `zh`, `en` (default), `fr`, `ru` or `es` for both, or
    /// one each: `podium=ar,hall=en`. The chair console stays in English.
    #[arg(long, default_value = "en", value_name = "LANG")]
    pub lang: crate::view::DisplayLangs,
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
        None => session::run(&cli.run),
        Some(Commands::Run(args)) => session::run(&args),
        Some(Commands::Check { config, speakers }) => {
            print::check(config.as_deref(), speakers.as_deref())
        }
        Some(Commands::Replay { journal }) => print::replay(&journal),
        Some(Commands::Verify { journal }) => journal_commands::verify(&journal),
        Some(Commands::Repair { journal }) => journal_commands::repair(&journal),
        Some(Commands::Display(args)) => display::run(&args),
        Some(Commands::Report {
            journal,
            format,
            output,
        }) => print::report(&journal, format, output.as_deref()),
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
    let imported = crate::records::import::read(path, &program, &Delegations::embedded()?)?;
    let name = path.display().to_string();
    for note in &imported.notes {
        eprintln!("{name}: {note}");
    }
    for warning in &imported.warnings {
        eprintln!("{name}: warning: {warning}");
    }
    Ok(sources.with_speaker_list(&name, imported.speakers))
}

/// The journal when none is named: `<data dir>/plenary/<program>.journal`, or, for a
/// rehearsal, `<program>.rehearsal.journal` beside it, so that a rehearsal never touches (or
/// blocks) the day's journal.
fn default_journal(sources: &Sources, rehearsal: bool) -> anyhow::Result<PathBuf> {
    let stem = Path::new(&sources.program_name)
        .file_stem()
        .map_or_else(|| "plenary".into(), |s| s.to_string_lossy().into_owned());
    let dir = dirs::data_dir()
        .context("no data directory is known for this user; name one with --journal")?;
    let kind = if rehearsal { ".rehearsal" } else { "" };
    Ok(dir.join("plenary").join(format!("{stem}{kind}.journal")))
}
