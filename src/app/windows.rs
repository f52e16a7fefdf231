//! Opens the podium, hall and chair windows, each with its own camera.

use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, WindowMode, WindowRef, WindowResolution};
use bevy_egui::{EguiGlobalSettings, PrimaryEguiContext};

use super::{AppOptions, WindowKind};

/// The window and camera of each display that was opened.
#[derive(Resource, Default)]
pub struct Displays {
    pub podium: Option<(Entity, Entity)>,
    pub hall: Option<(Entity, Entity)>,
    pub chair: Option<(Entity, Entity)>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Displays>();
    app.add_systems(PreStartup, open);
}

fn open(
    mut commands: Commands,
    options: Res<AppOptions>,
    mut displays: ResMut<Displays>,
    mut egui: ResMut<EguiGlobalSettings>,
) {
    // The chair console's camera carries the egui context; no other window gets one.
    egui.auto_create_primary_context = false;
    for (i, kind) in options.windows.iter().enumerate() {
        let (title, size) = match kind {
            WindowKind::Podium => ("plenary — podium", (1280, 720)),
            WindowKind::Hall => ("plenary — hall", (1280, 720)),
            WindowKind::Chair => ("plenary — chair console", (1280, 800)),
        };
        let full_screen = !options.windowed && *kind != WindowKind::Chair;
        let mode = if full_screen {
            let monitor = options
                .monitors
                .get(i)
                .map_or(MonitorSelection::Primary, |&n| MonitorSelection::Index(n));
            WindowMode::BorderlessFullscreen(monitor)
        } else {
            WindowMode::Windowed
        };
        let window = commands
            .spawn(Window {
                title: title.into(),
                name: Some(format!("plenary-{kind:?}").to_lowercase()),
                resolution: WindowResolution::new(size.0, size.1),
                mode,
                ..default()
            })
            .id();
        let mut camera =
            commands.spawn((Camera2d, RenderTarget::Window(WindowRef::Entity(window))));
        if *kind == WindowKind::Chair {
            camera.insert(PrimaryEguiContext);
        }
        let pair = Some((window, camera.id()));
        match kind {
            WindowKind::Podium => displays.podium = pair,
            WindowKind::Hall => displays.hall = pair,
            WindowKind::Chair => displays.chair = pair,
        }
    }
}
