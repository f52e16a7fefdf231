//! The chair console (egui): one panel to a file — the status bar, the speech and its buttons,
//! the podium's message and blackout, adding a speaker, records, the list of speakers — each a
//! small function over the same [`Console`] of this frame. Commands go out through the host's
//! inbox; nothing here decides what a command does.

mod displays;
mod interruption;
mod languages;
mod ledger;
mod list;
mod podium_controls;
mod procedure;
mod records;
mod speaker;
mod speech;
mod status;

pub use displays::Watching;

use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};
use bevy_egui::{EguiContexts, EguiInput, EguiPreUpdateSet, EguiPrimaryContextPass};

use super::AppWaker;
use super::ingest::{Feedback, HostInbox, Now, Snapshot};
use super::keys::KeysLive;
use super::theme::PodiumStyle;
use crate::meeting::delegations::Delegations;
use crate::meeting::{Action, Forecast, Session, Source, Stamp, TurnId};
use crate::view::{self, PodiumView};

/// What the console keeps between frames: text being typed, a pending confirmation, the
/// records task.
#[derive(Default)]
struct ConsoleState {
    extend_by: String,
    message: String,
    new_speaker: speaker::NewSpeaker,
    confirm: Option<(String, Action)>,
    /// A speaker whose name is being entered, and the name typed so far.
    naming: Option<(TurnId, String)>,
    records: records::Records,
    list: list::ListState,
    ledger: ledger::LedgerView,
    interruption: interruption::InterruptionForm,
    procedure: procedure::ProcedureForm,
}

/// Member States, observers and groups the console suggests.
#[derive(Resource)]
struct KnownDelegations(Delegations);

/// What every panel reads this frame, and the way it sends a command.
struct Console<'a> {
    session: &'a Session,
    stamp: Stamp,
    podium: PodiumView,
    forecast: Forecast,
    inbox: &'a HostInbox,
}

impl Console<'_> {
    /// Sends `action` from the console.
    fn send(&self, action: Action) {
        self.inbox.send(Source::Console, action);
    }
}

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

/// A big button with its shortcut in the label.
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
    inbox: Res<HostInbox>,
    mut feedback: ResMut<Feedback>,
    mut style: ResMut<PodiumStyle>,
    known: Res<KnownDelegations>,
    watching: Option<Res<Watching>>,
    waker: Res<AppWaker>,
    mut keys_live: ResMut<KeysLive>,
    mut state: Local<ConsoleState>,
    mut fonts_set: Local<bool>,
    (mut languages, display_fonts, options, mut chinese_font): (
        ResMut<crate::app::language::Languages>,
        Res<crate::app::theme::Fonts>,
        Res<crate::app::AppOptions>,
        Option<ResMut<crate::app::theme::ConsoleChineseFont>>,
    ),
) -> Result {
    let ctx = contexts.ctx_mut()?;
    // The script fonts of the displays, Chinese too once its file is read (a name in any
    // script is drawn in the list and the fields, never as boxes).
    let chinese = chinese_font.as_mut().and_then(|f| f.0.take());
    if !*fonts_set || chinese.is_some() {
        ctx.set_fonts(super::theme::egui_fonts(chinese));
        *fonts_set = true;
    }
    fit_zoom(ctx);
    let session = &snapshot.session;
    let stamp = now.stamp();
    let console = Console {
        session,
        podium: view::podium(session, &stamp),
        forecast: session.forecast(&stamp),
        stamp,
        inbox: &inbox,
    };
    let state = &mut *state;
    state.records.collect();
    // A refusal the chair may override comes back as a question, the rule quoted.
    if feedback.may_override.is_some()
        && let Some((reason, action)) = feedback.may_override.take()
    {
        state.confirm = Some((format!("{reason}.\n\nOverride?"), action));
    }
    let mut root = egui::Ui::new(
        ctx.clone(),
        "console".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::top("status").show(&mut root, |ui| {
        status::show(
            ui,
            &console,
            &snapshot,
            feedback.last.as_ref(),
            &mut keys_live.0,
        );
    });
    let around = Around {
        snapshot: &snapshot,
        feedback: &feedback,
        known: &known.0,
        waker: &waker,
        watching: watching.as_deref(),
        display_fonts: &display_fonts,
        options: &options,
    };
    egui::Panel::right("speech")
        .min_size(380.0)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                right_column(ui, &console, state, &around, &mut style, &mut languages);
            });
        });
    egui::CentralPanel::default_margins().show(&mut root, |ui| {
        list::show(
            ui,
            &console,
            &mut state.list,
            &mut state.confirm,
            &mut state.naming,
        );
    });
    confirm(ctx, &console, &mut state.confirm);
    name_speaker(ctx, &console, &mut state.naming);
    Ok(())
}

/// What the console's panels read besides the session: the resources of the frame.
struct Around<'a> {
    snapshot: &'a Snapshot,
    feedback: &'a Feedback,
    known: &'a Delegations,
    waker: &'a AppWaker,
    watching: Option<&'a Watching>,
    display_fonts: &'a crate::app::theme::Fonts,
    options: &'a crate::app::AppOptions,
}

/// The console's right-hand column, top to bottom: the speech and its clock, the podium's
/// controls, the displays' languages, the anchors, adding a speaker, procedure, records, the
/// time ledger and the displays connected.
fn right_column(
    ui: &mut egui::Ui,
    console: &Console,
    state: &mut ConsoleState,
    around: &Around,
    style: &mut PodiumStyle,
    languages: &mut ResMut<crate::app::language::Languages>,
) {
    speech::show(ui, console, around.feedback, state, style.lights);
    ui.separator();
    podium_controls::show(ui, console, &mut state.message, style);
    // Only a real change of language marks the resource changed (relays out).
    let mut chosen = **languages;
    languages::show(
        ui,
        &mut chosen,
        around.display_fonts,
        &around.options.windows,
    );
    languages.set_if_neq(chosen);
    ui.separator();
    speech::anchors(ui, console);
    ui.separator();
    speaker::show(ui, console, state, around.known);
    ui.separator();
    procedure::show(ui, console, &mut state.procedure);
    ui.separator();
    records::show(
        ui,
        console,
        &mut state.records,
        around.known,
        around.snapshot,
        around.waker,
    );
    ui.separator();
    ledger::show(ui, console.session, &mut state.ledger);
    if let Some(watching) = around.watching {
        ui.separator();
        displays::show(ui, watching, console.session.program());
    }
}

/// Widest layout the console is drawn at, in points: a wider window (a 4K screen with no
/// scaling of its own) is zoomed to it, up to twice, so that text stays readable and the
/// columns keep their proportions.
const WIDEST_LAYOUT: f32 = 1920.0;

fn fit_zoom(ctx: &egui::Context) {
    let native = ctx.viewport_rect().width() * ctx.zoom_factor();
    let zoom = (native / WIDEST_LAYOUT).clamp(1.0, 2.0);
    if (ctx.zoom_factor() - zoom).abs() > 0.01 {
        ctx.set_zoom_factor(zoom);
    }
}

/// Entering a speaker's name (one to be confirmed, a seat filled on the day): one journaled
/// `SetName`.
fn name_speaker(ctx: &egui::Context, console: &Console, naming: &mut Option<(TurnId, String)>) {
    let Some((turn, typed)) = naming else {
        return;
    };
    let who = console
        .session
        .turn(*turn)
        .map_or_else(String::new, |t| t.who());
    let mut done = false;
    egui::Window::new("Speaker's name")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(RichText::new(format!("Who speaks for {who}?")).size(18.0));
            ui.add(egui::TextEdit::singleline(typed).desired_width(320.0));
            ui.horizontal(|ui| {
                if big(ui, "Save", 120.0) {
                    console.send(Action::SetName {
                        turn: *turn,
                        name: typed.trim().to_string(),
                    });
                    done = true;
                }
                if big(ui, "Cancel", 120.0) {
                    done = true;
                }
            });
        });
    if done {
        *naming = None;
    }
}

/// The confirmation asked before strike, defer, reset, carry over, the precedence sort, and
/// beginning a meeting or a segment.
fn confirm(ctx: &egui::Context, console: &Console, pending: &mut Option<(String, Action)>) {
    let Some((question, action)) = pending.clone() else {
        return;
    };
    egui::Window::new("Confirm")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(RichText::new(question).size(18.0));
            ui.horizontal(|ui| {
                if big(ui, "Yes", 120.0) {
                    console.send(action);
                    *pending = None;
                }
                if big(ui, "No", 120.0) {
                    *pending = None;
                }
            });
        });
}
