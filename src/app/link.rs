//! On a follower, a discreet marker in the corner of its display while the link to the
//! control node is down (the display keeps counting from the last deadline meanwhile).

use bevy::prelude::*;
use bevy::text::FontSize;

use super::Frame;
use super::ingest::Snapshot;
use super::theme::{self, Fonts};
use super::windows::Displays;

#[derive(Component)]
struct Marker;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, build);
    app.add_systems(Update, paint.in_set(Frame::Present));
}

fn build(mut commands: Commands, displays: Res<Displays>, fonts: Res<Fonts>) {
    for (_, camera) in [displays.podium, displays.hall].into_iter().flatten() {
        commands.spawn((
            Marker,
            UiTargetCamera(camera),
            GlobalZIndex(10),
            Node {
                position_type: PositionType::Absolute,
                right: vw(1.0),
                bottom: vh(1.0),
                ..default()
            },
            theme::text(&fonts.regular, FontSize::Vh(2.2), theme::MUTED),
        ));
    }
}

fn paint(snapshot: Res<Snapshot>, mut markers: Query<&mut Text, With<Marker>>) {
    if !snapshot.is_changed() {
        return;
    }
    let text = snapshot.link.clone().unwrap_or_default();
    for mut marker in &mut markers {
        if marker.0 != text {
            marker.0.clone_from(&text);
        }
    }
}
