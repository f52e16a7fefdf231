//! The chair console (egui): the list of speakers, the current speech, big buttons with their
//! shortcuts, extensions, messages, the forecast and anchors, and the journal's health.

use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, RichText};
use bevy_egui::{EguiContexts, EguiInput, EguiPreUpdateSet, EguiPrimaryContextPass};

use super::ingest::{Feedback, Now, Outbox, Snapshot};
use super::theme::PodiumStyle;
use crate::meeting::delegations::Delegations;
use crate::meeting::program::Class;
use crate::meeting::session::describe;
use crate::meeting::{Action, RawSpeaker, Source, Status};
use crate::records::import;
use crate::records::report::{Format, Report};
use crate::view::{self, Tone};

/// What the console keeps between frames: text being typed and a pending confirmation.
#[derive(Default)]
struct ConsoleState {
    extend_by: String,
    message: String,
    new_delegation: String,
    new_name: String,
    new_kind: String,
    new_group: String,
    confirm: Option<(String, Action)>,
    /// The CSV file to import a list of speakers from.
    import_path: String,
    /// The outcome of the last import or report export.
    records_note: Option<Result<String, String>>,
}

/// Member States, observers and groups the console suggests.
#[derive(Resource)]
struct KnownDelegations(Delegations);

pub(super) fn plugin(app: &mut App) {
    // The embedded file is checked by a unit test; were it ever unreadable, the console would
    // simply make no suggestions.
    let known = Delegations::embedded().unwrap_or_else(|e| {
        warn!("no delegation suggestions: {e}");
        Delegations::default()
    });
    app.insert_resource(KnownDelegations(known));
    app.add_systems(EguiPrimaryContextPass, console);
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

/// bevy_egui 0.42 gives egui a `ModifiersChanged` event every frame, changed or not; egui
/// answers each with a repaint request, so the app would never sleep (fixed upstream in
/// 0.43, which needs a newer Bevy). Only real changes of the modifier keys are passed on.
fn drop_unchanged_modifiers(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut last: Local<HashMap<Entity, egui::Modifiers>>,
) {
    for (entity, mut input) in &mut inputs {
        input.events.retain(|event| match event {
            egui::Event::ModifiersChanged(modifiers) => {
                last.insert(entity, *modifiers) != Some(*modifiers)
            }
            _ => true,
        });
    }
}

fn tone_colour(tone: Tone, paused: bool) -> Color32 {
    match (tone, paused) {
        (_, true) => Color32::GRAY,
        (Tone::Warning, _) => Color32::from_rgb(255, 176, 0),
        (Tone::Expired | Tone::Overtime, _) => Color32::from_rgb(230, 40, 40),
        _ => Color32::WHITE,
    }
}

fn big(ui: &mut egui::Ui, label: &str, width: f32) -> bool {
    ui.add_sized(
        [width, 48.0],
        egui::Button::new(RichText::new(label).size(20.0).strong()),
    )
    .clicked()
}

fn console(
    mut contexts: EguiContexts,
    snapshot: Res<Snapshot>,
    now: Res<Now>,
    outbox: Res<Outbox>,
    feedback: Res<Feedback>,
    mut style: ResMut<PodiumStyle>,
    known: Res<KnownDelegations>,
    mut state: Local<ConsoleState>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let session = &snapshot.session;
    let stamp = now.stamp();
    let podium = view::podium(session, &stamp);
    let forecast = session.forecast(&stamp);
    let program = session.program();
    let send = |action: Action| outbox.send(Source::Console, action);
    let state = &mut *state;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "console".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );

    egui::Panel::top("status").show(&mut root, |ui| {
        if let Some(alarm) = &snapshot.journal_alarm {
            egui::Frame::new()
                .fill(Color32::from_rgb(170, 0, 0))
                .inner_margin(8.0)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(format!(
                            "JOURNAL FAILURE — commands are NOT being recorded or applied: {alarm}"
                        ))
                        .size(20.0)
                        .strong()
                        .color(Color32::WHITE),
                    );
                });
        }
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} — {}",
                    session.meeting().title,
                    session.meeting().segments[session.segment_index()].title
                ))
                .size(18.0)
                .strong(),
            );
            ui.separator();
            ui.label(RichText::new(view::local_clock(session, &stamp)).size(18.0));
            ui.separator();
            let health = if snapshot.journal_alarm.is_some() {
                "journal FAILING"
            } else {
                "journal OK"
            };
            ui.label(format!(
                "{health}: {} · {} commands",
                snapshot.journal_name, snapshot.generation
            ));
        });
        if let Some(last) = &feedback.last {
            match last {
                Ok(text) => ui.label(RichText::new(text).color(Color32::LIGHT_GREEN)),
                Err(text) => ui.label(
                    RichText::new(format!("Refused: {text}"))
                        .size(16.0)
                        .color(Color32::from_rgb(255, 120, 90)),
                ),
            };
        }
    });

    egui::Panel::right("speech")
        .min_size(380.0)
        .show(&mut root, |ui| {
            ui.heading(if podium.tone == Tone::Idle {
                "No one has the floor".to_string()
            } else {
                podium.who.clone()
            });
            ui.label(&podium.speaker);
            ui.label(
                RichText::new(&podium.digits)
                    .size(64.0)
                    .strong()
                    .color(tone_colour(podium.tone, podium.paused)),
            );
            ui.label(
                RichText::new(if podium.label.is_empty() {
                    " "
                } else {
                    &podium.label
                })
                .size(20.0),
            );
            ui.add_space(8.0);
            let start_or_pause = view::start_or_pause(session);
            ui.horizontal(|ui| {
                let label = if start_or_pause == Action::Pause {
                    "Pause [Space]"
                } else {
                    "Start [Space]"
                };
                if big(ui, label, 170.0) {
                    send(start_or_pause.clone());
                }
                if big(ui, "Next [N]", 170.0) {
                    send(Action::Next);
                }
            });
            ui.horizontal(|ui| {
                if big(ui, "+30 s [E]", 110.0) {
                    send(Action::Extend { seconds: 30 });
                }
                if big(ui, "+1 min [M]", 110.0) {
                    send(Action::Extend { seconds: 60 });
                }
                if big(ui, "Recall [R]", 120.0) {
                    send(Action::Recall);
                }
            });
            ui.horizontal(|ui| {
                let undo = feedback.undo();
                let button = ui.add_enabled(
                    undo.is_ok(),
                    egui::Button::new(RichText::new("Undo [Ctrl+Z]").size(16.0)),
                );
                let hover = match &undo {
                    Ok(action) => format!("Sends {action:?}"),
                    Err(reason) => reason.clone(),
                };
                if button
                    .on_hover_text(&hover)
                    .on_disabled_hover_text(&hover)
                    .clicked()
                    && let Ok(action) = undo
                {
                    send(action);
                }
            });
            ui.horizontal(|ui| {
                ui.label("Extend by (s):");
                ui.add(egui::TextEdit::singleline(&mut state.extend_by).desired_width(60.0));
                if ui.button("Extend").clicked() {
                    match state.extend_by.trim().parse::<i64>() {
                        Ok(seconds) => send(Action::Extend { seconds }),
                        Err(_) => state.extend_by = String::new(),
                    }
                }
                if ui.button("Reset clock").clicked() {
                    state.confirm = Some((
                        "Reset the speaker's clock to the allotted time?".into(),
                        Action::ResetClock,
                    ));
                }
            });
            ui.separator();
            ui.label(RichText::new("Message to the speaker").strong());
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut state.message)
                        .hint_text("Please conclude")
                        .desired_width(220.0),
                );
                if ui.button("Show").clicked() {
                    let text = if state.message.trim().is_empty() {
                        "Please conclude".to_string()
                    } else {
                        state.message.clone()
                    };
                    send(Action::Message { text });
                }
                if ui.button("Clear [Esc]").clicked() {
                    send(Action::ClearMessage);
                }
            });
            ui.horizontal(|ui| {
                let blackout = session.blackout();
                if ui
                    .button(if blackout {
                        "End blackout [B]"
                    } else {
                        "Blackout [B]"
                    })
                    .clicked()
                {
                    send(Action::Blackout { on: !blackout });
                }
                if ui
                    .button(if style.lights {
                        "Lights mode off [L]"
                    } else {
                        "Lights mode [L]"
                    })
                    .clicked()
                {
                    style.lights = !style.lights;
                }
            });
            ui.separator();
            ui.label(RichText::new("Anchors").strong());
            for anchor in view::anchor_lines(session, &forecast) {
                ui.label(anchor);
            }
            ui.label(format!("Changeover assumed: {}", forecast.gap));
            ui.separator();
            ui.label(RichText::new("Add a speaker").strong());
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut state.new_delegation)
                        .hint_text("Delegation")
                        .desired_width(150.0),
                );
                ui.add(
                    egui::TextEdit::singleline(&mut state.new_name)
                        .hint_text("Name")
                        .desired_width(150.0),
                );
            });
            let delegation = state.new_delegation.trim().to_string();
            suggestions(
                ui,
                &mut state.new_delegation,
                known.0.suggest(&delegation, 6),
            );
            if !delegation.is_empty() && !known.0.is_known(&delegation) {
                ui.label(
                    RichText::new("Not a Member State or observer on file: check the name")
                        .color(Color32::from_rgb(255, 176, 0)),
                );
            }
            ui.horizontal(|ui| {
                if state.new_kind.is_empty() {
                    state.new_kind = "individual".into();
                }
                egui::ComboBox::from_id_salt("kind")
                    .selected_text(state.new_kind.clone())
                    .show_ui(ui, |ui| {
                        for kind in program.kinds.values() {
                            ui.selectable_value(&mut state.new_kind, kind.id.clone(), &kind.label);
                        }
                    });
                if ui.button("Inscribe at the end").clicked() {
                    let group = state.new_group.trim();
                    send(Action::Insert {
                        speaker: RawSpeaker {
                            delegation: Some(delegation.clone()),
                            name: state.new_name.trim().to_string(),
                            kind: state.new_kind.clone(),
                            on_behalf_of: (!group.is_empty()).then(|| group.to_string()),
                            ..RawSpeaker::default()
                        },
                        position: None,
                    });
                }
            });
            let group_statement = program
                .kinds
                .get(&state.new_kind)
                .is_some_and(|k| k.class == Class::Group);
            if group_statement {
                ui.add(
                    egui::TextEdit::singleline(&mut state.new_group)
                        .hint_text("On behalf of (group of States)")
                        .desired_width(306.0),
                );
                let typed = state.new_group.trim().to_string();
                suggestions(ui, &mut state.new_group, known.0.suggest_group(&typed, 4));
            } else {
                state.new_group.clear();
            }
            ui.horizontal(|ui| {
                if ui.button("Apply precedence order").clicked() {
                    state.confirm = Some((
                        "Sort the waiting speakers into the precedence order?".into(),
                        Action::ApplyPrecedence,
                    ));
                }
                if ui.button("Carry over to next plenary").clicked() {
                    state.confirm = Some((
                        "Carry every waiting speaker over to the next plenary meeting?".into(),
                        Action::CarryOver,
                    ));
                }
            });
            ui.separator();
            ui.label("Records");
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut state.import_path)
                        .hint_text("List of speakers (.csv)")
                        .desired_width(200.0),
                );
                if ui.button("Import list").clicked() {
                    let path = std::path::Path::new(state.import_path.trim());
                    state.records_note = Some(
                        import::read(path, program, &known.0)
                            .map(|list| {
                                let count = list.len();
                                for speaker in list {
                                    send(Action::Insert {
                                        speaker,
                                        position: None,
                                    });
                                }
                                format!("{count} speakers inscribed from {}", path.display())
                            })
                            .map_err(|e| e.to_string()),
                    );
                }
            });
            if ui.button("Export report (CSV, Markdown, HTML)").clicked() {
                state.records_note = Some(export_report(&snapshot.journal_name));
            }
            match &state.records_note {
                Some(Ok(note)) => {
                    ui.label(note);
                }
                Some(Err(problem)) => {
                    ui.label(
                        RichText::new(view::shorten(problem, 600))
                            .color(Color32::from_rgb(255, 120, 120)),
                    );
                }
                None => {}
            }
        });

    egui::CentralPanel::default_margins().show(&mut root, |ui| {
        ui.heading("List of speakers");
        egui::ScrollArea::both().show(ui, |ui| {
            egui::Grid::new("list")
                .striped(true)
                .num_columns(8)
                .show(ui, |ui| {
                    for h in [
                        "#",
                        "Delegation",
                        "Speaker",
                        "Kind",
                        "Allotted",
                        "Status",
                        "Forecast",
                        "",
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for list_row in view::list_rows(session, &forecast) {
                        let who = session
                            .turn(list_row.turn)
                            .map_or_else(String::new, |t| t.who());
                        row(ui, &list_row, &who, state, &send);
                    }
                });
        });
    });

    if let Some((question, action)) = state.confirm.clone() {
        egui::Window::new("Confirm")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(RichText::new(question).size(18.0));
                ui.horizontal(|ui| {
                    if big(ui, "Yes", 120.0) {
                        send(action);
                        state.confirm = None;
                    }
                    if big(ui, "No", 120.0) {
                        state.confirm = None;
                    }
                });
            });
    }
    Ok(())
}

/// Buttons for the names matching what was typed in `field`; a click fills the field.
/// Writes the speaking-time report of the journal beside it: `JOURNAL.report.csv`, `.md`,
/// `.html`.
fn export_report(journal: &str) -> Result<String, String> {
    let bytes = std::fs::read(journal).map_err(|e| format!("cannot read {journal}: {e}"))?;
    let report = Report::from_journal(&bytes, journal).map_err(|e| e.to_string())?;
    let mut written = Vec::new();
    for format in [Format::Csv, Format::Md, Format::Html] {
        let path = format!("{journal}.report.{}", format.extension());
        std::fs::write(&path, report.render(format))
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        written.push(path);
    }
    Ok(format!("Report written: {}", written.join(", ")))
}

fn suggestions(ui: &mut egui::Ui, field: &mut String, names: Vec<&str>) {
    let names: Vec<&str> = names.into_iter().filter(|n| *n != field.trim()).collect();
    if names.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for name in names {
            if ui.small_button(name).clicked() {
                *field = name.to_string();
            }
        }
    });
}

fn row(
    ui: &mut egui::Ui,
    row: &view::ListRow,
    who: &str,
    state: &mut ConsoleState,
    send: &dyn Fn(Action),
) {
    let text = |s: &str| {
        if row.status == Status::Speaking {
            RichText::new(s)
                .strong()
                .color(Color32::from_rgb(120, 190, 255))
        } else {
            RichText::new(s)
        }
    };
    ui.label(text(&row.position.to_string()));
    for column in [&row.delegation, &row.speaker, &row.kind, &row.allotted] {
        ui.label(text(column));
    }
    ui.label(text(&describe(&row.status)));
    ui.label(text(&row.forecast));
    let id = row.turn;
    ui.horizontal(|ui| {
        let pending = row.status == Status::Pending;
        if pending && ui.small_button("Up").clicked() && row.position > 1 {
            send(Action::Move {
                turn: id,
                position: row.position - 1,
            });
        }
        if pending && ui.small_button("Down").clicked() {
            send(Action::Move {
                turn: id,
                position: row.position + 1,
            });
        }
        if pending && ui.small_button("Call").clicked() {
            send(Action::Call { turn: id });
        }
        let waiting_or_called = matches!(row.status, Status::Pending | Status::Speaking);
        if waiting_or_called && ui.small_button("Strike").clicked() {
            state.confirm = Some((
                format!("Strike {who} from the list?"),
                Action::Strike { turn: id },
            ));
        }
        if waiting_or_called && ui.small_button("Defer").clicked() {
            state.confirm = Some((
                format!("Defer {who} to the next plenary meeting?"),
                Action::Defer { turn: id },
            ));
        }
        if row.status == Status::Struck && ui.small_button("Reinstate").clicked() {
            send(Action::Reinstate { turn: id });
        }
    });
    ui.end_row();
}
