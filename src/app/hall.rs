//! The hall display for the room and the webcast (16:9): meeting, segment, clock, current
//! speaker and time, the next five with their forecast start, and the anchors.

use bevy::prelude::*;
use bevy::text::{FontSize, Justify};

use super::Frame;
use super::ingest::{Now, Snapshot};
use super::language::{Languages, Localized, Mirrored};
use super::theme::{self, Fonts};
use super::windows::Displays;
use crate::view::{self, Tone, WindowKind, fill};

#[derive(Component, Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Clock,
    /// Under the clock: today, as the display's language writes a date.
    Date,
    Title,
    Meeting,
    Theme,
    Headline,
    Detail,
    Time,
    /// Under the time: PAUSED, or nothing (its line kept, so that nothing moves on a pause).
    Cue,
    NextHeading,
    Next(usize),
    Anchors,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, build);
    app.add_systems(Update, paint.in_set(Frame::Present));
}

/// A line of text of the hall in its language: `part`, in bold or not, `size` in vh.
fn line(fonts: &Fonts, part: Part, bold: bool, size: f32, colour: Color) -> impl Bundle {
    let font = if bold { &fonts.bold } else { &fonts.regular };
    (
        part,
        theme::text(font, FontSize::Vh(size), colour),
        Localized::text(WindowKind::Hall, bold, Justify::Left),
    )
}

/// The heading and the next five, one line each, cut at the edge: a long delegation and group
/// (the Russian or the French of a group's name) never pushes the anchors off the screen.
fn next_speakers(column: &mut ChildSpawnerCommands, fonts: &Fonts) {
    column.spawn(line(fonts, Part::NextHeading, true, 2.8, theme::MUTED));
    for i in 0..5 {
        // A node clips its children, not its own text: the line sits in a box of the
        // column's width that clips it.
        column
            .spawn(Node {
                flex_direction: FlexDirection::Column,
                width: percent(100),
                overflow: Overflow::clip_x(),
                ..default()
            })
            .with_child((
                line(fonts, Part::Next(i), false, 3.0, theme::PAPER),
                TextLayout::no_wrap(),
            ));
    }
}

fn build(mut commands: Commands, displays: Res<Displays>, fonts: Res<Fonts>) {
    let Some((_, camera)) = displays.hall else {
        return;
    };
    let line = |part, bold, size, colour| line(&fonts, part, bold, size, colour);
    // The clock and the time in DejaVu Sans in every language: its digits have one width, so
    // a countdown never jitters.
    let digits = |part: Part, size: f32| {
        (
            part,
            theme::text(&fonts.bold, FontSize::Vh(size), theme::PAPER),
        )
    };
    let column = || Node {
        flex_direction: FlexDirection::Column,
        row_gap: vh(1.0),
        ..default()
    };
    commands
        .spawn((
            UiTargetCamera(camera),
            BackgroundColor(theme::INK),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                // Title-safe area for the webcast frame.
                padding: UiRect::axes(vw(5.0), vh(5.0)),
                row_gap: vh(2.0),
                ..default()
            },
        ))
        .with_children(|root| {
            root.spawn((
                Node {
                    justify_content: JustifyContent::SpaceBetween,
                    ..default()
                },
                Mirrored(WindowKind::Hall),
            ))
            .with_children(|row| {
                row.spawn(line(Part::Body, false, 3.2, theme::MUTED));
                row.spawn(Node {
                    align_items: AlignItems::Center,
                    ..column()
                })
                .with_children(|c| {
                    c.spawn(digits(Part::Clock, 4.5));
                    c.spawn(line(Part::Date, false, 2.2, theme::MUTED));
                });
            });
            root.spawn(line(Part::Title, true, 3.6, theme::PAPER));
            root.spawn(line(Part::Meeting, false, 3.0, theme::AMBER));
            root.spawn(line(Part::Theme, false, 2.4, theme::MUTED));
            root.spawn((
                Node {
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::Center,
                    margin: UiRect::top(vh(2.0)),
                    ..default()
                },
                Mirrored(WindowKind::Hall),
            ))
            .with_children(|row| {
                row.spawn(Node {
                    width: percent(66),
                    ..column()
                })
                .with_children(|c| {
                    c.spawn(line(Part::Headline, true, 6.0, theme::PAPER));
                    c.spawn(line(Part::Detail, false, 3.4, theme::MUTED));
                });
                // A column of its own width: the time never wraps, and a pause moves nothing.
                row.spawn(Node {
                    width: percent(32),
                    align_items: AlignItems::FlexEnd,
                    ..column()
                })
                .with_children(|c| {
                    c.spawn((digits(Part::Time, 13.0), TextLayout::no_wrap()));
                    c.spawn((
                        line(Part::Cue, true, 2.8, theme::MUTED),
                        Node {
                            min_height: vh(3.4),
                            ..default()
                        },
                    ));
                });
            });
            root.spawn(Node {
                margin: UiRect::top(vh(2.0)),
                ..column()
            })
            .with_children(|c| next_speakers(c, &fonts));
            root.spawn(line(Part::Anchors, false, 2.8, theme::AMBER));
        });
}

fn paint(
    snapshot: Res<Snapshot>,
    now: Res<Now>,
    languages: Res<Languages>,
    mut parts: Query<(&Part, &mut Text, &mut TextColor)>,
) {
    let local = view::Wording::new(languages.0.hall);
    let words = local.words;
    let v = view::hall_in(&snapshot.session, &now.stamp(), local.lang);
    // No one has the floor: the meeting's title, and whether it has begun.
    let (idle_headline, idle_detail) = view::hall_idle(&snapshot.session, &local);
    for (part, mut text, mut colour) in &mut parts {
        let value = match *part {
            Part::Body => v.body.clone(),
            Part::Clock => v.clock.clone(),
            Part::Date => v.date.clone(),
            Part::Title => v.title.clone(),
            Part::Meeting => v.meeting.clone(),
            Part::Theme => match &v.theme {
                Some(theme) => format!(
                    "{}\n{}",
                    fill(&words.theme, &[("theme", theme)]),
                    fill(&words.co_chairs, &[("names", &v.co_chairs.join(" · "))])
                ),
                None => String::new(),
            },
            Part::Headline => v
                .current
                .as_ref()
                .map_or_else(|| idle_headline.clone(), |c| c.headline.clone()),
            Part::Detail => v
                .current
                .as_ref()
                .map_or_else(|| idle_detail.clone(), |c| c.detail.clone()),
            Part::Time => {
                let tint = match (v.tone, v.paused) {
                    (_, true) => theme::MUTED,
                    (Tone::Warning, _) => theme::AMBER,
                    (Tone::Expired | Tone::Overtime, _) => theme::RED,
                    _ => theme::PAPER,
                };
                colour.set_if_neq(TextColor(tint));
                v.time.clone()
            }
            Part::Cue => {
                if v.paused {
                    words.paused.clone()
                } else {
                    String::new()
                }
            }
            Part::NextHeading => {
                if v.next.is_empty() {
                    String::new()
                } else {
                    words.next_speakers.to_uppercase()
                }
            }
            Part::Next(i) => v
                .next
                .get(i)
                .map_or_else(String::new, |(at, who)| format!("{at}   {who}")),
            Part::Anchors => v.anchors.join("\n"),
        };
        if text.0 != value {
            text.0 = value;
        }
    }
}
