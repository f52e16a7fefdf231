//! Records from the console: import a list of speakers from CSV, export the speaking-time
//! report. The file work runs on a thread of its own, never in the frame; the console shows
//! that it runs and then its outcome.

use std::path::PathBuf;
use std::thread;

use bevy_egui::egui::{self, RichText};
use crossbeam_channel::Receiver;

use super::Console;
use crate::app::AppWaker;
use crate::app::ingest::Snapshot;
use crate::app::theme::{REFUSED, egui_colour};
use crate::meeting::delegations::Delegations;
use crate::meeting::{Action, RawSpeaker};
use crate::records::import;
use crate::records::report::{Format, Report};
use crate::view;

/// What a records task came to.
enum Outcome {
    /// A list read and validated: each speaker is inscribed by one journaled command.
    Imported {
        path: PathBuf,
        list: Vec<RawSpeaker>,
    },
    /// The report written beside the journal.
    Exported(Vec<String>),
    /// Nothing imported or written, and why.
    Failed(String),
}

/// The console's records: the path typed, the task running, the last outcome in words.
#[derive(Default)]
pub(super) struct Records {
    path: String,
    running: Option<(&'static str, Receiver<Outcome>)>,
    note: Option<Result<String, String>>,
}

impl Records {
    /// Takes in a finished task: inscribes an imported list, notes the outcome.
    pub(super) fn collect(&mut self, console: &Console) {
        let Some((_, receiver)) = &self.running else {
            return;
        };
        let Ok(outcome) = receiver.try_recv() else {
            return;
        };
        self.running = None;
        self.note = Some(match outcome {
            Outcome::Imported { path, list } => {
                let count = list.len();
                for speaker in list {
                    console.send(Action::Insert {
                        speaker,
                        position: None,
                    });
                }
                Ok(format!(
                    "{count} speakers inscribed from {}",
                    path.display()
                ))
            }
            Outcome::Exported(written) => Ok(format!("Report written: {}", written.join(", "))),
            Outcome::Failed(problem) => Err(problem),
        });
    }

    /// Runs `work` on a thread of its own; the app is woken when it is done.
    fn start(
        &mut self,
        what: &'static str,
        waker: &AppWaker,
        work: impl FnOnce() -> Outcome + Send + 'static,
    ) {
        let (sender, receiver) = crossbeam_channel::bounded(1);
        let wake = waker.0.clone();
        let spawned = thread::Builder::new()
            .name("plenary-records".into())
            .spawn(move || {
                let _ = sender.send(work());
                wake();
            });
        match spawned {
            Ok(_) => {
                self.running = Some((what, receiver));
                self.note = None;
            }
            Err(e) => self.note = Some(Err(format!("cannot start the {what}: {e}"))),
        }
    }
}

pub(super) fn show(
    ui: &mut egui::Ui,
    console: &Console,
    records: &mut Records,
    known: &Delegations,
    snapshot: &Snapshot,
    waker: &AppWaker,
) {
    ui.label("Records");
    let idle = records.running.is_none();
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut records.path)
                .hint_text("List of speakers (.csv)")
                .desired_width(200.0),
        );
        if ui
            .add_enabled(idle, egui::Button::new("Import list"))
            .clicked()
        {
            let path = PathBuf::from(records.path.trim());
            let program = console.session.program().clone();
            let known = known.clone();
            records.start("import", waker, move || {
                match import::read(&path, &program, &known) {
                    Ok(list) => Outcome::Imported { path, list },
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            });
        }
    });
    let export = egui::Button::new("Export report (CSV, Markdown, HTML)");
    if ui.add_enabled(idle, export).clicked() {
        let journal = snapshot.journal_name.clone();
        records.start("export", waker, move || export_report(&journal));
    }
    if let Some((what, _)) = &records.running {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("The {what} is running…"));
        });
    }
    match &records.note {
        Some(Ok(note)) => {
            ui.label(note);
        }
        Some(Err(problem)) => {
            ui.label(RichText::new(view::shorten(problem, 600)).color(egui_colour(REFUSED)));
        }
        None => {}
    }
}

/// Writes the speaking-time report of the journal beside it: `JOURNAL.report.csv`, `.md`,
/// `.html`.
fn export_report(journal: &str) -> Outcome {
    let written = (|| {
        let bytes = std::fs::read(journal).map_err(|e| format!("cannot read {journal}: {e}"))?;
        let report = Report::from_journal(&bytes, journal).map_err(|e| e.to_string())?;
        let mut written = Vec::new();
        for format in [Format::Csv, Format::Md, Format::Html] {
            let path = format!("{journal}.report.{}", format.extension());
            std::fs::write(&path, report.render(format))
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            written.push(path);
        }
        Ok::<_, String>(written)
    })();
    written.map_or_else(Outcome::Failed, Outcome::Exported)
}
