//! The lists of speakers: one tab per meeting of the program (the current one first shown),
//! each segment under its heading, and each row's position, delegation, speaker, kind,
//! allotted time, status, forecast start and commands. The columns share the width there is.
//! Beginning another meeting, or going to a segment, is asked here; leaving speakers waiting
//! on a meeting's list asks what becomes of them.

use bevy_egui::egui::{self, RichText};

use super::{Console, big};
use crate::app::theme::{HIGHLIGHT, egui_colour};
use crate::meeting::program::Content;
use crate::meeting::session::describe;
use crate::meeting::{Action, Status, TurnId, Waiting};
use crate::view;

/// What the list panel keeps between frames.
#[derive(Default)]
pub(super) struct ListState {
    /// The meeting whose list is shown (an index of the program's); none: the current one.
    shown: Option<usize>,
    /// Where the chair asked to go while speakers still wait: what becomes of them?
    leaving: Option<Leaving>,
}

/// Where the chair is going, leaving speakers waiting on the list.
#[derive(Clone)]
enum Leaving {
    /// Another meeting, by id.
    Meeting(String),
    /// A segment of this meeting past the list of speakers: its id and title.
    Segment { id: String, title: String },
}

/// The fixed columns' widths (number, menu, kind, allotted, status, forecast) and the least
/// the two name columns get; what is left goes to the delegation and the speaker.
const FIXED: [f32; 6] = [28.0, 30.0, 96.0, 64.0, 104.0, 64.0];
const NAMES_AT_LEAST: f32 = 220.0;

pub(super) fn show(
    ui: &mut egui::Ui,
    console: &Console,
    state: &mut ListState,
    confirm: &mut Option<(String, Action)>,
    naming: &mut Option<(TurnId, String)>,
) {
    let session = console.session;
    let current = session.meeting_index();
    let shown = state
        .shown
        .filter(|&m| m < session.program().meetings.len())
        .unwrap_or(current);
    ui.horizontal_wrapped(|ui| {
        ui.heading("Lists of speakers");
        for (index, meeting) in session.program().meetings.iter().enumerate() {
            let label = if index == current {
                format!("{} (current)", meeting.id)
            } else {
                meeting.id.clone()
            };
            if ui
                .selectable_label(index == shown, label)
                .on_hover_text(&meeting.title)
                .clicked()
            {
                state.shown = Some(index);
            }
        }
    });
    header(ui, console, shown, state, confirm);
    egui::ScrollArea::vertical().show(ui, |ui| {
        let gap = ui.spacing().item_spacing.x;
        let names =
            (ui.available_width() - FIXED.iter().sum::<f32>() - 7.0 * gap).max(NAMES_AT_LEAST);
        let widths = [
            FIXED[0],
            FIXED[1],
            names * 0.6,
            names * 0.4,
            FIXED[2],
            FIXED[3],
            FIXED[4],
            FIXED[5],
        ];
        let heads = [
            "#",
            "",
            "Delegation",
            "Speaker",
            "Kind",
            "Allotted",
            "Status",
            "Forecast",
        ];
        ui.horizontal(|ui| {
            for (head, width) in heads.into_iter().zip(widths) {
                cell(ui, width, RichText::new(head).strong());
            }
        });
        let mut segment = None;
        for (i, list_row) in view::list_rows(session, &console.forecast, shown)
            .iter()
            .enumerate()
        {
            // Each segment under its heading: the numbering starts again with it.
            if segment.as_ref() != Some(&list_row.segment) {
                segment_heading(ui, console, shown, list_row, confirm, &mut state.leaving);
                segment = Some(list_row.segment.clone());
            }
            let stripe = (i % 2 == 1).then(|| ui.visuals().faint_bg_color);
            egui::Frame::new()
                .fill(stripe.unwrap_or(egui::Color32::TRANSPARENT))
                .show(ui, |ui| {
                    ui.horizontal(|ui| row(ui, console, list_row, &widths, confirm, naming));
                });
        }
    });
    leaving(ui.ctx(), console, &mut state.leaving);
}

/// Under the tabs: the shown meeting's title and time, and, for another meeting, the way to
/// begin it.
fn header(
    ui: &mut egui::Ui,
    console: &Console,
    shown: usize,
    state: &mut ListState,
    confirm: &mut Option<(String, Action)>,
) {
    let session = console.session;
    let program = session.program();
    let meeting = &program.meetings[shown];
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} — {} {}–{}",
                meeting.title,
                program.local(meeting.start).format("%a %d %b"),
                view::venue_hhmm(program, meeting.start),
                view::venue_hhmm(program, meeting.end)
            ))
            .size(15.0),
        );
        if shown == session.meeting_index() {
            return;
        }
        if ui.button(format!("Begin {}…", meeting.id)).clicked() {
            if session.waiting_on_leaving() > 0 {
                state.leaving = Some(Leaving::Meeting(meeting.id.clone()));
            } else {
                *confirm = Some((
                    format!("Begin {} ({}) now?", meeting.title, meeting.id),
                    Action::begin_meeting(&meeting.id),
                ));
            }
        }
    });
}

/// A segment's heading; in the current meeting, a way to go to it (`Next` then calls from it).
fn segment_heading(
    ui: &mut egui::Ui,
    console: &Console,
    shown: usize,
    row: &view::ListRow,
    confirm: &mut Option<(String, Action)>,
    leaving: &mut Option<Leaving>,
) {
    let session = console.session;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.add_space(FIXED[0] + FIXED[1] + 2.0 * ui.spacing().item_spacing.x);
        ui.label(RichText::new(&row.segment).strong().size(15.0));
        segment_button(ui, session, shown, row, confirm, leaving);
    });
}

/// In the current meeting, beside another segment's heading: go to it.
fn segment_button(
    ui: &mut egui::Ui,
    session: &crate::meeting::Session,
    shown: usize,
    row: &view::ListRow,
    confirm: &mut Option<(String, Action)>,
    leaving: &mut Option<Leaving>,
) {
    let segments = &session.program().meetings[shown].segments;
    let index = segments.iter().position(|s| s.title == row.segment);
    if shown == session.meeting_index()
        && let Some(index) = index.filter(|&i| i != session.segment_index())
        && ui.small_button("Go to this segment…").clicked()
    {
        let past_the_list = session
            .meeting()
            .list_segment()
            .is_some_and(|list| index > list);
        if past_the_list && session.waiting_on_segment_change() > 0 {
            *leaving = Some(Leaving::Segment {
                id: segments[index].id.clone(),
                title: segments[index].title.clone(),
            });
            return;
        }
        *confirm = Some((
            format!("Go to {}? Next then calls from there.", row.segment),
            Action::BeginSegment {
                segment: segments[index].id.clone(),
                waiting: None,
            },
        ));
    }
}

/// A cell `width` wide, text from its left: longer text is cut, and shown whole on hover.
fn cell(ui: &mut egui::Ui, width: f32, text: RichText) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 20.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).truncate());
        },
    );
}

fn row(
    ui: &mut egui::Ui,
    console: &Console,
    row: &view::ListRow,
    widths: &[f32; 8],
    confirm: &mut Option<(String, Action)>,
    naming: &mut Option<(TurnId, String)>,
) {
    let text = |s: &str| {
        if row.status == Status::Speaking {
            RichText::new(s).strong().color(egui_colour(HIGHLIGHT))
        } else {
            RichText::new(s)
        }
    };
    cell(ui, widths[0], text(&row.position.to_string()));
    // The row's commands in a menu beside its number: always in view, whatever the width.
    ui.allocate_ui_with_layout(
        egui::vec2(widths[1], 20.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(widths[1]);
            ui.menu_button("…", |ui| actions(ui, console, row, confirm, naming))
                .response
                .on_hover_text("Move, call, strike, defer, name, reinstate");
        },
    );
    let status = describe(&row.status);
    let columns = [
        &row.delegation,
        &row.speaker,
        &row.kind,
        &row.allotted,
        &status,
        &row.forecast,
    ];
    for (column, width) in columns.into_iter().zip(&widths[2..]) {
        cell(ui, *width, text(column));
    }
}

/// The commands of one row, in its menu (egui closes it on a click). Calling and deferring
/// are for the current meeting's rows; moving, striking and naming for any meeting's.
fn actions(
    ui: &mut egui::Ui,
    console: &Console,
    row: &view::ListRow,
    confirm: &mut Option<(String, Action)>,
    naming: &mut Option<(TurnId, String)>,
) {
    let id = row.turn;
    let Some(turn) = console.session.turn(id) else {
        return;
    };
    let who = turn.who();
    let here = turn.meeting == console.session.meeting_index();
    let pending = row.status == Status::Pending;
    let waiting_or_called = matches!(row.status, Status::Pending | Status::Speaking);
    let chosen = |ui: &mut egui::Ui, shown: bool, label: &str| shown && ui.button(label).clicked();
    if chosen(ui, pending && row.position > 1, "Move up") {
        console.send(Action::Move {
            turn: id,
            position: row.position - 1,
        });
    }
    if chosen(ui, pending, "Move down") {
        console.send(Action::Move {
            turn: id,
            position: row.position + 1,
        });
    }
    if chosen(ui, pending && here, "Call now") {
        console.send(Action::Call { turn: id });
    }
    if chosen(ui, waiting_or_called, "Strike…") {
        *confirm = Some((
            format!("Strike {who} from the list?"),
            Action::Strike { turn: id },
        ));
    }
    if chosen(ui, waiting_or_called && here, "Defer…") {
        *confirm = Some((
            format!("Defer {who} to the next plenary meeting?"),
            Action::Defer { turn: id },
        ));
    }
    if let Content::Speaker(s) = &turn.inscription.content
        && chosen(ui, true, "Speaker's name…")
    {
        *naming = Some((id, s.name.clone()));
    }
    if chosen(ui, row.status == Status::Struck, "Reinstate") {
        console.send(Action::Reinstate { turn: id });
    }
}

/// Going to `leaving` while speakers still wait on the current meeting's list: the dialog
/// names them, then carry them over to the next plenary meeting, leave them on their list, or
/// do nothing yet. The choice is journaled with the `BeginMeeting` or `BeginSegment`.
fn leaving(ctx: &egui::Context, console: &Console, leaving: &mut Option<Leaving>) {
    let Some(going) = leaving.clone() else {
        return;
    };
    let session = console.session;
    let from = &session.meeting().id;
    let waiting = waiting_names(session);
    let next = session
        .program()
        .next_plenary(session.meeting_index())
        .map(|m| session.program().meetings[m].id.clone());
    let (to, go): (String, Box<dyn Fn(Waiting) -> Action>) = match &going {
        Leaving::Meeting(meeting) => (meeting.clone(), {
            let meeting = meeting.clone();
            Box::new(move |waiting| Action::BeginMeeting {
                meeting: meeting.clone(),
                waiting: Some(waiting),
            })
        }),
        Leaving::Segment { id, title } => (title.clone(), {
            let id = id.clone();
            Box::new(move |waiting| Action::BeginSegment {
                segment: id.clone(),
                waiting: Some(waiting),
            })
        }),
    };
    let mut done = false;
    egui::Window::new("Speakers still waiting")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(
                RichText::new(format!(
                    "{} speaker(s) still wait on the list of {from}:",
                    waiting.len()
                ))
                .size(18.0),
            );
            ui.label(shown_names(&waiting));
            ui.label(RichText::new(format!("Go to {to} and:")).size(18.0));
            if let Some(next) = &next
                && big(ui, &format!("Carry them over to {next}"), 360.0)
            {
                console.send(go(Waiting::CarryOver));
                done = true;
            }
            if big(ui, &format!("Leave them on the list of {from}"), 360.0) {
                console.send(go(Waiting::Leave));
                done = true;
            }
            if big(ui, "Cancel", 360.0) {
                done = true;
            }
        });
    if done {
        *leaving = None;
    }
}

/// Who waits on the current meeting's list, as the chair names them.
fn waiting_names(session: &crate::meeting::Session) -> Vec<String> {
    session
        .waiting_on_list()
        .into_iter()
        .filter_map(|id| session.turn(id))
        .map(|t| t.who())
        .collect()
}

/// The first eight names, and how many more.
fn shown_names(names: &[String]) -> String {
    let mut shown = names.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 8 {
        shown.push_str(&format!(" and {} more", names.len() - 8));
    }
    shown
}
