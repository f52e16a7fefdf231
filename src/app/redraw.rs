//! Per-window redraw: in a frame, only the display windows whose content changed are drawn —
//! a text, a colour or the layout under the window's UI root, a resize, a screenshot asked of
//! it. The others keep their last frame on screen: Bevy acquires and presents a window's
//! surface only when an active camera draws to it. So the podium draws once per shown second
//! while a clock runs (twice in overtime, for the pulse), the hall once per change of its
//! texts, and neither while nothing they show changes (a window not drawn for 1.5 s is drawn
//! in the next frame anyway, so that one uncovered by another window is repainted). The chair
//! console (egui) is drawn in every frame the app wakes for. Not used with `--continuous`,
//! which draws every window every frame.

use bevy::camera::RenderTarget;
use bevy::platform::collections::HashSet;
use bevy::prelude::*;
use bevy::render::view::screenshot::Screenshot;
use bevy::window::{WindowRef, WindowResized};

use super::windows::Displays;

/// Frames drawn by each display window since the start (the frame log writes them).
#[derive(Resource, Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawn {
    pub podium: u64,
    pub hall: u64,
    pub chair: u64,
}

/// Frames every window is drawn at the start and after a resize: a window's first frames
/// and a new size need a few for the layout to settle.
const SETTLING_FRAMES: u8 = 4;

/// A window not drawn for this long is drawn in the next frame the app runs, changed or not:
/// a display uncovered by another window (which the system asks the app to redraw) is
/// repainted at the latest then. Longer than a second, so that in overtime the hall, which
/// changes once a second, is not drawn at the podium's half-second pulse.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_millis(1500);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Drawn>();
    app.add_systems(PostUpdate, decide.after(bevy::ui::UiSystems::Layout));
}

/// What changed this frame that a display shows.
type Shown = Or<(
    Changed<Text>,
    Changed<TextColor>,
    Changed<TextFont>,
    Changed<BackgroundColor>,
    Changed<Node>,
    Changed<Visibility>,
    Changed<ComputedNode>,
)>;

#[allow(clippy::too_many_arguments)]
fn decide(
    displays: Res<Displays>,
    changed: Query<Entity, Shown>,
    parents: Query<&ChildOf>,
    targets: Query<&UiTargetCamera>,
    mut resized: MessageReader<WindowResized>,
    screenshots: Query<&Screenshot>,
    mut cameras: Query<&mut Camera>,
    time: Res<Time<Real>>,
    mut last_drawn: Local<bevy::platform::collections::HashMap<Entity, std::time::Duration>>,
    mut settling: Local<Option<u8>>,
    mut drawn: ResMut<Drawn>,
) {
    let settling = settling.get_or_insert(SETTLING_FRAMES);
    if resized.read().count() > 0 {
        *settling = SETTLING_FRAMES;
    }
    let everything = *settling > 0;
    *settling = settling.saturating_sub(1);
    let mut dirty: HashSet<Entity> = HashSet::default();
    for entity in &changed {
        // The UI root of the changed entity names its camera.
        let mut at = entity;
        while let Ok(parent) = parents.get(at) {
            at = parent.parent();
        }
        if let Ok(target) = targets.get(at) {
            dirty.insert(target.entity());
        }
    }
    for Screenshot(target) in &screenshots {
        if let RenderTarget::Window(WindowRef::Entity(window)) = target {
            for (w, camera) in [displays.podium, displays.hall, displays.chair]
                .into_iter()
                .flatten()
            {
                if w == *window {
                    dirty.insert(camera);
                }
            }
        }
    }
    let drawn = &mut *drawn;
    for (display, count) in [
        (displays.podium, &mut drawn.podium),
        (displays.hall, &mut drawn.hall),
    ] {
        let Some((_, camera)) = display else { continue };
        let now = time.elapsed();
        let stale = last_drawn
            .get(&camera)
            .is_none_or(|&at| now.saturating_sub(at) >= STALE_AFTER);
        let draw = everything || stale || dirty.contains(&camera);
        if draw {
            last_drawn.insert(camera, now);
        }
        if let Ok(mut camera) = cameras.get_mut(camera)
            && camera.is_active != draw
        {
            camera.is_active = draw;
        }
        *count += u64::from(draw);
    }
    drawn.chair += u64::from(displays.chair.is_some());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bare app (no window, no renderer) with a podium and a hall camera, each with a line of
    /// text under its UI root.
    fn app() -> (App, [Entity; 2], [Entity; 2]) {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins);
        app.add_message::<WindowResized>();
        let world = app.world_mut();
        let cameras = [
            world.spawn(Camera::default()).id(),
            world.spawn(Camera::default()).id(),
        ];
        let texts = cameras.map(|camera| {
            let text = world.spawn(Text::new("0:42")).id();
            world
                .spawn((UiTargetCamera(camera), Node::default()))
                .add_child(text);
            text
        });
        let windows = [world.spawn_empty().id(), world.spawn_empty().id()];
        app.insert_resource(Displays {
            podium: Some((windows[0], cameras[0])),
            hall: Some((windows[1], cameras[1])),
            chair: None,
        });
        app.add_plugins(plugin);
        (app, cameras, texts)
    }

    fn active(app: &App, camera: Entity) -> bool {
        app.world().get::<Camera>(camera).expect("camera").is_active
    }

    #[test]
    fn only_the_window_whose_text_changed_is_drawn() {
        let (mut app, [podium, hall], [podium_text, _]) = app();
        for _ in 0..SETTLING_FRAMES {
            app.update();
            assert!(active(&app, podium) && active(&app, hall), "settling: both");
        }
        app.update();
        assert!(
            !active(&app, podium) && !active(&app, hall),
            "nothing changed"
        );
        app.world_mut()
            .get_mut::<Text>(podium_text)
            .expect("text")
            .0 = "0:41".into();
        app.update();
        assert!(active(&app, podium), "the podium's text changed");
        assert!(!active(&app, hall), "the hall's did not");
        let drawn = *app.world().resource::<Drawn>();
        let settling = u64::from(SETTLING_FRAMES);
        assert_eq!((drawn.podium, drawn.hall), (settling + 1, settling));
    }
}
