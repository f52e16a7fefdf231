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
    for (part, text, colour, font, background, mut node, visibility) in &mut parts {
        let look = look(part, &v, &sizes, &palette);
        if let (Some(value), Some(mut text)) = (look.text, text) {
            set_text(&mut text, value);
        }
        if let (Some(vh), Some(mut font)) = (look.size, font)
            && font.font_size != FontSize::Vh(vh)
        {
            font.font_size = FontSize::Vh(vh);
        }
        if let (Some(tint), Some(mut colour)) = (look.colour, colour) {
            colour.set_if_neq(TextColor(tint));
        }
        if let (Some(fill), Some(mut background)) = (look.background, background) {
            background.set_if_neq(BackgroundColor(fill));
        }
        if let (Some(shown), Some(mut visibility)) = (look.shown, visibility) {
            visibility.set_if_neq(if shown {
                Visibility::Inherited
            } else {
                Visibility::Hidden
            });
        }
        if let Some(width) = look.width
            && node.width != width
        {
            node.width = width;
        }
        if let Some(display) = look.display
            && node.display != display
        {
            node.display = display;
        }
    }
}

/// What one part of the podium shows now; `None` leaves that property as it is.
#[derive(Default)]
struct Look<'a> {
    text: Option<&'a str>,
    /// The font size, in hundredths of the window's height.
    size: Option<f32>,
    colour: Option<Color>,
    background: Option<Color>,
    shown: Option<bool>,
    width: Option<Val>,
    display: Option<Display>,
}

/// What `part` shows of the podium's view `v`: a blackout blanks every text.
fn look<'a>(
    part: &Part,
    v: &'a view::PodiumView,
    sizes: &view::PodiumSizes,
    palette: &theme::Palette,
) -> Look<'a> {
    let unless_blackout = |text: &'a str| Some(if v.blackout { "" } else { text });
    match part {
        Part::Root => Look {
            background: Some(palette.background),
            ..Look::default()
        },
        // Between speakers the label is the local time: small, never a countdown.
        Part::Label => Look {
            text: unless_blackout(&v.label),
            size: Some(sizes.label),
            colour: Some(palette.label),
            ..Look::default()
        },
        Part::Digits => Look {
            text: unless_blackout(&v.digits),
            size: Some(sizes.digits),
            colour: Some(palette.digits),
            ..Look::default()
        },
        Part::BarTrack => Look {
            shown: Some(v.bar.is_some() && !v.blackout),
            ..Look::default()
        },
        Part::Bar => Look {
            width: Some(percent(100.0 * v.bar.unwrap_or(0.0))),
            background: Some(palette.bar),
            ..Look::default()
        },
        Part::Who => Look {
            text: unless_blackout(&v.who),
            size: Some(sizes.who),
            colour: Some(palette.who),
            ..Look::default()
        },
        Part::Speaker => Look {
            text: unless_blackout(&v.speaker),
            colour: Some(palette.speaker),
            ..Look::default()
        },
        Part::MessageBox => {
            let shown = v.message.is_some() && !v.blackout;
            Look {
                shown: Some(shown),
                display: Some(if shown { Display::Flex } else { Display::None }),
                ..Look::default()
            }
        }
        Part::MessageText => Look {
            text: Some(v.message.as_deref().unwrap_or("")),
            size: Some(sizes.message),
            ..Look::default()
        },
    }
}
