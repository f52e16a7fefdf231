//! The podium display: the countdown facing the speaker, full screen.

use bevy::prelude::*;
use bevy::text::{FontSize, LineHeight};

use super::Frame;
use super::ingest::{Now, Snapshot};
use super::theme::{self, Fonts, PodiumStyle};
use super::windows::Displays;
use crate::view;

#[derive(Component)]
enum Part {
    Root,
    Label,
    Digits,
    BarTrack,
    Bar,
    Who,
    Speaker,
    MessageBox,
    MessageText,
}

/// The digits' line box, as a share of their font size: tight, so that digits over half the
/// window's height leave room for the label, the bar and the speaker.
const DIGITS_LINE_HEIGHT: f32 = 0.85;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, build);
    app.add_systems(Update, paint.in_set(Frame::Present));
}

fn build(mut commands: Commands, displays: Res<Displays>, fonts: Res<Fonts>) {
    let Some((_, camera)) = displays.podium else {
        return;
    };
    commands
        .spawn((
            Part::Root,
            UiTargetCamera(camera),
            BackgroundColor(theme::INK),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                row_gap: vh(1.5),
                ..default()
            },
        ))
        .with_children(|root| {
            root.spawn((
                Part::Label,
                theme::text(&fonts.bold, FontSize::Vh(9.0), theme::PAPER),
            ));
            root.spawn((
                Part::Digits,
                theme::text(&fonts.bold, theme::digits_size("0:00"), theme::PAPER),
                LineHeight::RelativeToFont(DIGITS_LINE_HEIGHT),
            ));
            root.spawn((
                Part::BarTrack,
                BackgroundColor(Color::srgb(0.15, 0.16, 0.18)),
                Node {
                    width: percent(80),
                    height: vh(3.5),
                    ..default()
                },
            ))
            .with_child((
                Part::Bar,
                BackgroundColor(theme::BLUE),
                Node {
                    width: percent(100),
                    height: percent(100),
                    ..default()
                },
            ));
            root.spawn((
                Part::Who,
                theme::text(&fonts.bold, FontSize::Vh(7.0), theme::PAPER),
            ));
            root.spawn((
                Part::Speaker,
                theme::text(&fonts.regular, FontSize::Vh(4.5), theme::MUTED),
            ));
            root.spawn((
                Part::MessageBox,
                Visibility::Hidden,
                BackgroundColor(theme::PAPER),
                Node {
                    position_type: PositionType::Absolute,
                    bottom: vh(6.0),
                    left: percent(5),
                    width: percent(90),
                    padding: UiRect::all(vh(2.0)),
                    justify_content: JustifyContent::Center,
                    ..default()
                },
            ))
            .with_child((
                Part::MessageText,
                theme::text(&fonts.bold, FontSize::Vh(8.0), theme::INK),
            ));
        });
}

fn set_text(text: &mut Text, value: &str) {
    if text.0 != value {
        text.0 = value.to_string();
    }
}

fn paint(
    snapshot: Res<Snapshot>,
    now: Res<Now>,
    style: Res<PodiumStyle>,
    mut parts: Query<(
        &Part,
        Option<&mut Text>,
        Option<&mut TextColor>,
        Option<&mut TextFont>,
        Option<&mut BackgroundColor>,
        &mut Node,
        Option<&mut Visibility>,
    )>,
) {
    let v = view::podium(&snapshot.session, &now.stamp());
    let palette = theme::podium_palette(&v, style.lights);
    let visible = |on: bool| {
        if on {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        }
    };
    for (part, text, colour, font, bg, mut node, visibility) in &mut parts {
        match part {
            Part::Root => {
                if let Some(mut bg) = bg {
                    bg.set_if_neq(BackgroundColor(palette.background));
                }
            }
            Part::Label => {
                if let Some(mut t) = text {
                    set_text(&mut t, if v.blackout { "" } else { &v.label });
                }
                if let Some(mut f) = font {
                    // Between speakers the label is the local time: small, never a countdown.
                    let size = FontSize::Vh(if v.tone == view::Tone::Idle { 4.0 } else { 9.0 });
                    if f.font_size != size {
                        f.font_size = size;
                    }
                }
                if let Some(mut c) = colour {
                    c.set_if_neq(TextColor(palette.label));
                }
            }
            Part::Digits => {
                if let Some(mut t) = text {
                    set_text(&mut t, if v.blackout { "" } else { &v.digits });
                }
                if let Some(mut f) = font {
                    let size = theme::digits_size(&v.digits);
                    if f.font_size != size {
                        f.font_size = size;
                    }
                }
                if let Some(mut c) = colour {
                    c.set_if_neq(TextColor(palette.digits));
                }
            }
            Part::BarTrack => {
                if let Some(mut vis) = visibility {
                    vis.set_if_neq(visible(v.bar.is_some() && !v.blackout));
                }
            }
            Part::Bar => {
                let width = percent(100.0 * v.bar.unwrap_or(0.0));
                if node.width != width {
                    node.width = width;
                }
                if let Some(mut bg) = bg {
                    bg.set_if_neq(BackgroundColor(palette.bar));
                }
            }
            Part::Who | Part::Speaker => {
                let value = if v.blackout {
                    ""
                } else if matches!(part, Part::Who) {
                    &v.who
                } else {
                    &v.speaker
                };
                if let Some(mut t) = text {
                    set_text(&mut t, value);
                }
                if let Some(mut c) = colour {
                    let tint = if matches!(part, Part::Who) {
                        palette.who
                    } else {
                        palette.speaker
                    };
                    c.set_if_neq(TextColor(tint));
                }
            }
            Part::MessageBox => {
                if let Some(mut vis) = visibility {
                    vis.set_if_neq(visible(v.message.is_some() && !v.blackout));
                }
            }
            Part::MessageText => {
                if let Some(mut t) = text {
                    set_text(&mut t, v.message.as_deref().unwrap_or(""));
                }
            }
        }
    }
}
