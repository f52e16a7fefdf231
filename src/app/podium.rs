//! The podium display: the countdown facing the speaker, full screen.

use bevy::prelude::*;
use bevy::text::{FontSize, Justify, LineHeight};

use super::Frame;
use super::ingest::{Now, Snapshot};
use super::language::{Languages, Localized};
use super::theme::{self, Fonts, PodiumStyle};
use super::windows::Displays;
use crate::view::{self, WindowKind};

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
                // The gaps `view::podium_sizes` counts with.
                row_gap: vh(1.0),
                ..default()
            },
        ))
        .with_children(|root| {
            root.spawn((
                Part::Label,
                theme::text(&fonts.bold, FontSize::Vh(9.0), theme::PAPER),
                Localized {
                    centred: true,
                    ..Localized::text(WindowKind::Podium, true, Justify::Center)
                },
            ));
            root.spawn((
                Part::Digits,
                theme::text(&fonts.bold, FontSize::Vh(68.0), theme::PAPER),
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
            // Long names wrap, centred, inside side margins.
            let centred = || {
                (
                    TextLayout::justify(Justify::Center),
                    Node {
                        max_width: percent(90),
                        // Where Arabic aligns right, its lines keep off the window's edge
                        // (the digits keep the whole width).
                        margin: UiRect::horizontal(vw(4.0)),
                        ..default()
                    },
                )
            };
            root.spawn((
                Part::Who,
                theme::text(&fonts.bold, FontSize::Vh(7.0), theme::PAPER),
                centred(),
                Localized::text(WindowKind::Podium, true, Justify::Center),
            ));
            root.spawn((
                Part::Speaker,
                theme::text(&fonts.regular, FontSize::Vh(4.5), theme::MUTED),
                centred(),
                Localized::text(WindowKind::Podium, false, Justify::Center),
            ));
            // In the column, under the names: the digits shrink to make room for it and it
            // never covers them.
            root.spawn((
                Part::MessageBox,
                Visibility::Hidden,
                BackgroundColor(theme::PAPER),
                Node {
                    display: Display::None,
                    width: percent(90),
                    padding: UiRect::all(vh(1.5)),
                    justify_content: JustifyContent::Center,
                    ..default()
                },
            ))
            .with_child((
                Part::MessageText,
                theme::text(&fonts.bold, FontSize::Vh(7.0), theme::INK),
                TextLayout::justify(Justify::Center),
                Node::default(),
                Localized::text(WindowKind::Podium, true, Justify::Center),
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
    languages: Res<Languages>,
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
    let v = view::podium_in(&snapshot.session, &now.stamp(), languages.0.podium);
    let sizes = view::podium_sizes(&v);
    let palette = theme::podium_palette(&v, style.lights);
    let set_size = |font: Option<Mut<TextFont>>, vh: f32| {
        if let Some(mut f) = font
            && f.font_size != FontSize::Vh(vh)
        {
            f.font_size = FontSize::Vh(vh);
        }
    };
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
                // Between speakers the label is the local time: small, never a countdown.
                set_size(font, sizes.label);
                if let Some(mut c) = colour {
                    c.set_if_neq(TextColor(palette.label));
                }
            }
            Part::Digits => {
                if let Some(mut t) = text {
                    set_text(&mut t, if v.blackout { "" } else { &v.digits });
                }
                set_size(font, sizes.digits);
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
                if matches!(part, Part::Who) {
                    set_size(font, sizes.who);
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
                let shown = v.message.is_some() && !v.blackout;
                if let Some(mut vis) = visibility {
                    vis.set_if_neq(visible(shown));
                }
                let display = if shown { Display::Flex } else { Display::None };
                if node.display != display {
                    node.display = display;
                }
            }
            Part::MessageText => {
                if let Some(mut t) = text {
                    set_text(&mut t, v.message.as_deref().unwrap_or(""));
                }
                set_size(font, sizes.message);
            }
        }
    }
}
