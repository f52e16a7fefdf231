//! In a rehearsal, a REHEARSAL badge at the top of the podium and the hall (the console says
//! it in its status bar), so that no screen of a rehearsal is taken for the day's.

use bevy::prelude::*;
use bevy::text::FontSize;

use super::Frame;
use super::ingest::Snapshot;
use super::theme::{self, Fonts};
use super::windows::Displays;

#[derive(Component)]
struct Badge;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, build);
    app.add_systems(Update, show.in_set(Frame::Present));
}

fn build(mut commands: Commands, displays: Res<Displays>, fonts: Res<Fonts>) {
    for (_, camera) in [displays.podium, displays.hall].into_iter().flatten() {
        commands
            .spawn((
                Badge,
                UiTargetCamera(camera),
                GlobalZIndex(10),
                Visibility::Hidden,
                Node {
                    position_type: PositionType::Absolute,
                    top: vh(1.2),
                    width: percent(100),
                    justify_content: JustifyContent::Center,
                    ..default()
                },
            ))
            .with_child((
                BackgroundColor(theme::INK),
                BorderColor::all(theme::PAPER),
                Node {
                    border: UiRect::all(vh(0.3)),
                    padding: UiRect::axes(vh(1.6), vh(0.4)),
                    ..default()
                },
                children![(
                    Text::new("REHEARSAL"),
                    TextFont {
                        font: fonts.bold.clone().into(),
                        font_size: FontSize::Vh(2.6),
                        ..default()
                    },
                    TextColor(theme::PAPER),
                )],
            ));
    }
}

fn show(snapshot: Res<Snapshot>, mut badges: Query<&mut Visibility, With<Badge>>) {
    if !snapshot.is_changed() {
        return;
    }
    let shown = if snapshot.session.rehearsal() {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    for mut badge in &mut badges {
        badge.set_if_neq(shown);
    }
}
