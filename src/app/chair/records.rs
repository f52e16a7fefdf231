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
use crate::app::theme::{AMBER, REFUSED, egui_colour};
use crate::meeting::delegations::Delegations;
use crate::meeting::program::Content;
use crate::meeting::{Action, RawSpeaker, Session};
use crate::records::import::{self, Imported};
use crate::records::report::{Format, Report};

/// What a records task came to.
enum Outcome {
    /// A list read and validated: shown for review, then inscribed one command each.
    Imported { path: PathBuf, list: Imported },
    /// The report written beside the journal.
    Exported(Vec<String>),
    /// Nothing imported or written, and why.
    Failed(String),
}

/// The console's records: the path typed, the task running, a list waiting for review, the
/// last outcome in words.
#[derive(Default)]
pub(super) struct Records {
    path: String,
    running: Option<(&'static str, Receiver<Outcome>)>,
    review: Option<(PathBuf, Imported)>,
    note: Option<Result<String, String>>,
}

impl Records {
    /// Takes in a finished task: an imported list goes to review, the rest is noted.
    pub(super) fn collect(&mut self) {
        let Some((_, receiver)) = &self.running else {
            return;
        };
        let Ok(outcome) = receiver.try_recv() else {
            return;
        };
        self.running = None;
        self.note = match outcome {
            Outcome::Imported { path, list } => {
                self.review = Some((path, list));
                None
            }
            Outcome::Exported(written) => {
                Some(Ok(format!("Report written: {}", written.join(", "))))
            }
            Outcome::Failed(problem) => Some(Err(problem)),
        };
    }

    /// Inscribes the reviewed list: a row that fills a seat names the seat's speaker
    /// (`SetName`), every other row is one `Insert` on its meeting and segment.
    fn inscribe(&mut self, console: &Console) {
        let Some((path, list)) = self.review.take() else {
            return;
        };
        let count = list.speakers.len();
        for action in actions(console.session, list.speakers) {
            console.send(action);
        }
        self.note = Some(Ok(format!("{count} rows sent from {}", path.display())));
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

/// The commands that inscribe `speakers` on the session: seats named, others inserted.
fn actions(session: &Session, speakers: Vec<RawSpeaker>) -> Vec<Action> {
    speakers
        .into_iter()
        .filter_map(|speaker| match &speaker.seat {
            Some(seat) => {
                let meeting = speaker
                    .meeting
                    .as_deref()
                    .and_then(|m| session.program().meeting_index(m))?;
                let turn = session.turns().iter().find(|t| {
                    t.meeting == meeting
                        && matches!(&t.inscription.content,
                            Content::Speaker(s) if s.seat.as_deref() == Some(seat.as_str()))
                })?;
                Some(Action::SetName {
                    turn: turn.id,
                    name: speaker.name.clone(),
                })
            }
            None => Some(Action::Insert {
                speaker: Box::new(speaker),
                position: None,
            }),
        })
        .collect()
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
            records.review = None;
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
    review(ui, console, records);
    match &records.note {
        Some(Ok(note)) => {
            ui.label(note);
        }
        Some(Err(problem)) => {
            // Every problem, in a list that scrolls: nothing was imported.
            egui::ScrollArea::vertical()
                .id_salt("import-problems")
                .max_height(240.0)
                .show(ui, |ui| {
                    for line in problem.lines() {
                        ui.label(RichText::new(line).color(egui_colour(REFUSED)));
                    }
                });
        }
        None => {}
    }
}

/// The list read, shown before anything is journaled: where each row goes, the warnings and
/// how the file was read; then Inscribe or Cancel.
fn review(ui: &mut egui::Ui, console: &Console, records: &mut Records) {
    let Some((path, list)) = &records.review else {
        return;
    };
    ui.label(RichText::new(format!("Review {} before inscribing", path.display())).strong());
    for note in &list.notes {
        ui.label(note);
    }
    egui::ScrollArea::vertical()
        .id_salt("import-review")
        .max_height(240.0)
        .show(ui, |ui| {
            for warning in &list.warnings {
                ui.label(RichText::new(warning.to_string()).color(egui_colour(AMBER)));
            }
            for s in &list.speakers {
                let place = match (&s.seat, &s.segment) {
                    (Some(seat), _) => format!("seat `{seat}`"),
                    (None, Some(segment)) => format!("segment `{segment}`, at the end"),
                    (None, None) => "list of speakers, at the end".to_string(),
                };
                let who = if s.name.trim().is_empty() {
                    "(name to be confirmed)"
                } else {
                    s.name.as_str()
                };
                let parts: Vec<&str> = [
                    s.meeting.as_deref().unwrap_or("?"),
                    place.as_str(),
                    s.delegation.as_deref().unwrap_or(&s.title),
                    who,
                ]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
                ui.label(parts.join(" · "));
            }
        });
    let count = list.speakers.len();
    ui.horizontal(|ui| {
        if ui.button(format!("Inscribe {count} rows")).clicked() {
            records.inscribe(console);
        }
        if ui.button("Cancel").clicked() {
            records.review = None;
        }
    });
}

/// Writes the speaking-time report of the journal beside it: `JOURNAL.report.csv`, `.md`,
/// `.html`.
fn export_report(journal: &str) -> Outcome {
    let written = (|| {
        let bytes =
            crate::journal::read_bytes(std::path::Path::new(journal)).map_err(|e| e.to_string())?;
        let report = Report::from_journal(&bytes, journal).map_err(|e| e.to_string())?;
        let mut written = Vec::new();
        for format in Format::ALL {
            let path = format!("{journal}.report.{}", format.extension());
            std::fs::write(&path, report.render(format))
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            written.push(path);
        }
        Ok::<_, String>(written)
    })();
    written.map_or_else(Outcome::Failed, Outcome::Exported)
}
