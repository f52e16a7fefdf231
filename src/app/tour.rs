//! A scripted tour of the displays' states on a manual clock, with a screenshot of every
//! window at each state, then exit. The windowed tests run it and check the pixels.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::Frame;
use super::ingest::HostInbox;
use super::language::{Languages, Localized, missing_glyphs};
use super::theme::PodiumStyle;
use super::windows::Displays;
use crate::host::ManualClock;
use crate::meeting::{Action, Lang, Millis, Source, TurnId, Waiting};
use crate::view::DisplayLangs;
use bevy::text::{FontCx, FontSource};

/// The tour's clock and where its screenshots go.
#[derive(Resource, Clone)]
pub struct Tour {
    pub dir: PathBuf,
    pub clock: Arc<ManualClock>,
}

struct Step {
    /// Screenshot name (empty: no screenshot).
    name: &'static str,
    advance: Millis,
    actions: Vec<Action>,
    lights: bool,
    /// The podium's and the hall's language from this step on.
    lang: Option<Lang>,
}

fn steps() -> Vec<Step> {
    let step = |name, secs: f64, actions, lights| Step {
        name,
        advance: Millis((secs * 1000.0) as i64),
        actions,
        lights,
        lang: None,
    };
    // The running state in each of the six languages, then back to English.
    let languages = Lang::ALL.into_iter().map(|lang| Step {
        name: match lang {
            Lang::Ar => "lang-ar",
            Lang::Zh => "lang-zh",
            Lang::En => "lang-en",
            Lang::Fr => "lang-fr",
            Lang::Ru => "lang-ru",
            Lang::Es => "lang-es",
        },
        lang: Some(lang),
        ..step("", 0.0, vec![], false)
    });
    let mut steps = vec![
        step(
            "",
            0.0,
            vec![
                Action::BeginSegment {
                    segment: "statements".into(),
                    waiting: None,
                },
                Action::Start,
            ],
            false,
        ),
        step("running", 40.0, vec![], false),
    ];
    steps.extend(languages);
    steps.push(Step {
        lang: Some(Lang::En),
        ..step("", 0.0, vec![], false)
    });
    steps.extend([
        step("warning", 235.0, vec![], false),
        step("expired", 25.3, vec![], false),
        step("overtime", 7.0, vec![], false),
        step("paused", 0.0, vec![Action::Pause], false),
        step(
            "message",
            0.0,
            vec![Action::Message {
                text: "Please conclude".into(),
            }],
            false,
        ),
        // A message as long as one may be: the digits shrink, the message wraps under them.
        step(
            "long-message",
            0.0,
            vec![Action::Message {
                text: "The representative of Bosnia and Herzegovina is kindly asked to conclude: \
                       the list is long and the closing segment starts at 17:30."
                    .into(),
            }],
            false,
        ),
        step(
            "lights-warning",
            0.0,
            vec![
                Action::ClearMessage,
                Action::SetRemaining { seconds: 20 },
                Action::Resume,
            ],
            true,
        ),
        step("lights-overtime", 25.2, vec![], true),
        step(
            "panel",
            0.0,
            vec![
                Action::Next,
                Action::BeginMeeting {
                    meeting: "panel-1".into(),
                    waiting: Some(Waiting::Leave),
                },
                Action::Start,
            ],
            false,
        ),
        step(
            "adoption",
            65.0,
            vec![
                Action::Next,
                Action::BeginMeeting {
                    meeting: "mon-am".into(),
                    waiting: Some(Waiting::Leave),
                },
                Action::Call { turn: TurnId(6) },
                Action::Start,
            ],
            false,
        ),
    ]);
    steps
}

/// What the tour needs to count, on every text of the podium and the hall as shown, the letters
/// no font had (`glyphs.txt`: a line per text with any, then how many texts were checked).
#[derive(bevy::ecs::system::SystemParam)]
struct GlyphCheck<'w, 's> {
    texts: Query<'w, 's, (&'static Localized, &'static Text, &'static TextFont)>,
    assets: Res<'w, Assets<Font>>,
    font_cx: ResMut<'w, FontCx>,
}

impl GlyphCheck<'_, '_> {
    fn record(&mut self, dir: &std::path::Path, step: &str) {
        let mut lines = Vec::new();
        let mut checked = 0;
        for (localized, text, font) in &self.texts {
            let FontSource::Handle(handle) = &font.font else {
                continue;
            };
            let Some(family) = self.assets.get(handle).map(|f| f.alias.clone()) else {
                continue;
            };
            checked += 1;
            let missing = missing_glyphs(&mut self.font_cx, &family, &text.0);
            if missing > 0 {
                lines.push(format!(
                    "{step}\t{:?}\t{missing}\t{}",
                    localized.display, text.0
                ));
            }
        }
        lines.push(format!("{step}\tchecked {checked}"));
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("glyphs.txt"))
            .and_then(|mut f| {
                std::io::Write::write_all(&mut f, (lines.join("\n") + "\n").as_bytes())
            });
        if let Err(e) = appended {
            warn!("tour: cannot write glyphs.txt: {e}");
        }
    }
}

#[derive(Default)]
struct Progress {
    step: usize,
    frames: u32,
}

/// Frames to let a state settle (layout, text) before the screenshot, and to save it after.
const SETTLE: u32 = 8;
const SAVE: u32 = 12;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, drive.before(Frame::Ingest));
}

fn drive(
    mut commands: Commands,
    tour: Res<Tour>,
    inbox: Res<HostInbox>,
    displays: Res<Displays>,
    mut style: ResMut<PodiumStyle>,
    mut languages: ResMut<Languages>,
    mut glyphs: GlyphCheck,
    mut progress: Local<Progress>,
    mut exit: MessageWriter<AppExit>,
) {
    let steps = steps();
    let Some(step) = steps.get(progress.step) else {
        progress.frames += 1;
        if progress.frames > SAVE * 2 {
            exit.write(AppExit::Success);
        }
        return;
    };
    if progress.frames == 0 {
        tour.clock.advance(step.advance);
        for action in &step.actions {
            inbox.send(Source::Test, action.clone());
        }
        // Applied on the host's thread: shown by this frame's ingest.
        inbox.settle();
        style.lights = step.lights;
        if let Some(lang) = step.lang {
            languages.0 = DisplayLangs {
                podium: lang,
                hall: lang,
            };
        }
    }
    progress.frames += 1;
    if progress.frames == SETTLE && !step.name.is_empty() {
        glyphs.record(&tour.dir, step.name);
        for (window, kind) in [
            (displays.podium, "podium"),
            (displays.hall, "hall"),
            (displays.chair, "chair"),
        ] {
            if let Some((window, _)) = window {
                let path = tour.dir.join(format!("{}-{kind}.png", step.name));
                commands
                    .spawn(Screenshot::window(window))
                    .observe(save_to_disk(path));
            }
        }
    }
    if progress.frames >= SETTLE + SAVE || (step.name.is_empty() && progress.frames >= SETTLE) {
        progress.step += 1;
        progress.frames = 0;
    }
}
