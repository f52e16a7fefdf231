//! Colours and fonts: each phase by colour and by a second cue; tabular digits (DejaVu Sans).
//! DejaVu Sans and Noto Sans Arabic are embedded in the binary; Noto Sans CJK SC (16 MB) is
//! read from `assets/fonts/` at start (see [`crate::view::fonts`]).

use bevy::prelude::*;
use bevy::text::FontSize;

use crate::meeting::Lang;
use crate::view::{PodiumView, Tone, fonts};

/// The fonts.
#[derive(Resource)]
pub struct Fonts {
    /// DejaVu Sans: Latin, Greek, Cyrillic; the digits in every language.
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
    /// Noto Sans Arabic.
    pub arabic: Handle<Font>,
    pub arabic_bold: Handle<Font>,
    /// Noto Sans CJK SC, if its file was found (one weight).
    pub chinese: Option<Handle<Font>>,
}

impl Fonts {
    /// The font a display in `lang` writes with (other scripts fall back per script).
    pub fn for_lang(&self, lang: Lang, bold: bool) -> Handle<Font> {
        match (lang, bold) {
            (Lang::Ar, false) => self.arabic.clone(),
            (Lang::Ar, true) => self.arabic_bold.clone(),
            (Lang::Zh, _) if self.chinese.is_some() => self.chinese.clone().unwrap_or_default(),
            (_, false) => self.regular.clone(),
            (_, true) => self.bold.clone(),
        }
    }
}

/// Whether the podium is in "lights" mode: the whole screen in the phase colour.
#[derive(Resource, Default)]
pub struct PodiumStyle {
    pub lights: bool,
}

pub(super) fn plugin(app: &mut App) {
    // The Chinese font (16 MB) is read on a thread of its own: the first frame does not wait
    // for it; its handle is reserved now, and texts in Chinese are laid out once it is in.
    let chinese = match fonts::cjk_font_path() {
        Ok(path) => Some(path),
        Err(e) => {
            warn!("{e}; Chinese text cannot be drawn");
            None
        }
    };
    let mut assets = app.world_mut().resource_mut::<Assets<Font>>();
    let fonts = Fonts {
        regular: assets.add(Font::from_bytes(fonts::DEJAVU_SANS.to_vec())),
        bold: assets.add(Font::from_bytes(fonts::DEJAVU_SANS_BOLD.to_vec())),
        arabic: assets.add(Font::from_bytes(fonts::NOTO_ARABIC.to_vec())),
        arabic_bold: assets.add(Font::from_bytes(fonts::NOTO_ARABIC_BOLD.to_vec())),
        chinese: chinese.is_some().then(|| assets.reserve_handle()),
    };
    if let Some(path) = chinese {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let wake = app
            .world()
            .get_resource::<super::AppWaker>()
            .map(|w| w.0.clone());
        let spawned = std::thread::Builder::new()
            .name("plenary-font".into())
            .spawn(move || {
                let read = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()));
                let _ = tx.send(read);
                if let Some(wake) = wake {
                    wake();
                }
            });
        if let Err(e) = spawned {
            warn!("cannot start the thread that reads the Chinese font: {e}");
        }
        app.insert_resource(ChineseFont(rx));
        app.add_systems(Update, receive_chinese_font);
    }
    app.insert_resource(fonts);
    app.init_resource::<PodiumStyle>();
}

/// The Chinese font's bytes for the chair console, until the console takes them.
#[derive(Resource)]
pub struct ConsoleChineseFont(pub Option<Vec<u8>>);

/// The Chinese font's bytes as its thread reads them.
#[derive(Resource)]
struct ChineseFont(crossbeam_channel::Receiver<Result<Vec<u8>, String>>);

/// Puts the Chinese font in its reserved handle once read.
fn receive_chinese_font(
    mut commands: Commands,
    pending: Option<Res<ChineseFont>>,
    fonts: Res<Fonts>,
    mut assets: ResMut<Assets<Font>>,
) {
    let Some(Ok(read)) = pending.map(|p| p.0.try_recv()) else {
        return;
    };
    commands.remove_resource::<ChineseFont>();
    match (read, &fonts.chinese) {
        (Ok(bytes), Some(handle)) => {
            // The console (egui) takes its own copy, once.
            commands.insert_resource(ConsoleChineseFont(Some(bytes.clone())));
            if let Err(e) = assets.insert(handle.id(), Font::from_bytes(bytes)) {
                warn!("the Chinese font cannot be used: {e}");
            }
        }
        (Err(e), _) => warn!("{e}; Chinese text cannot be drawn"),
        (Ok(_), None) => {}
    }
}

/// Near-black background of the podium and hall.
pub const INK: Color = Color::srgb(0.04, 0.05, 0.07);
/// Text on dark backgrounds.
pub const PAPER: Color = Color::srgb(0.96, 0.96, 0.94);
/// Secondary text.
pub const MUTED: Color = Color::srgb(0.62, 0.65, 0.70);
/// Running: blue (distinct from amber and red for every colour vision).
pub const BLUE: Color = Color::srgb(0.16, 0.45, 0.85);
/// Warning: amber, the lightest of the three in greyscale.
pub const AMBER: Color = Color::srgb(1.0, 0.69, 0.0);
/// Time: red.
pub const RED: Color = Color::srgb(0.80, 0.10, 0.10);
/// The background once time is up (podium, normal mode).
pub const DEEP_RED: Color = Color::srgb(0.42, 0.02, 0.02);

/// A text entity's bundle: empty text in `font` at `size` and `colour`.
pub fn text(font: &Handle<Font>, size: FontSize, colour: Color) -> (Text, TextFont, TextColor) {
    (
        Text::new(""),
        TextFont {
            font: font.clone().into(),
            font_size: size,
            ..default()
        },
        TextColor(colour),
    )
}

/// Every colour of the podium for one view.
pub struct Palette {
    pub background: Color,
    pub digits: Color,
    pub bar: Color,
    pub label: Color,
    pub who: Color,
    pub speaker: Color,
}

/// The podium's colours for `view`; `lights`: the whole screen in the phase colour.
pub fn podium_palette(view: &PodiumView, lights: bool) -> Palette {
    if view.blackout {
        let black = Color::BLACK;
        return Palette {
            background: black,
            digits: black,
            bar: black,
            label: black,
            who: black,
            speaker: black,
        };
    }
    let (background, digits, bar) = match (view.tone, view.paused, lights) {
        (_, true, _) => (INK, MUTED, MUTED),
        (Tone::Warning, _, false) => (INK, AMBER, AMBER),
        (Tone::Warning, _, true) => (AMBER, INK, INK),
        (Tone::Expired | Tone::Overtime, _, false) => (DEEP_RED, PAPER, RED),
        (Tone::Expired | Tone::Overtime, _, true) => (RED, PAPER, PAPER),
        (Tone::Running, _, true) => (BLUE, PAPER, PAPER),
        (Tone::Ready | Tone::Idle, _, _) => (INK, MUTED, MUTED),
        _ => (INK, PAPER, BLUE),
    };
    // Dark text on the light amber screen; light text on every other.
    let on_amber = background == AMBER;
    Palette {
        background,
        digits: if view.dim {
            digits.with_alpha(0.45)
        } else {
            digits
        },
        bar,
        label: digits,
        who: if on_amber { INK } else { PAPER },
        speaker: if on_amber { INK } else { MUTED },
    }
}

/// Accepted: the console's confirmation line.
pub const DONE: Color = Color::srgb(0.56, 0.93, 0.56);
/// Refused, or a problem to read: the console's warning text.
pub const REFUSED: Color = Color::srgb(1.0, 0.47, 0.35);
/// The speaker who has the floor, in the console's list.
pub const HIGHLIGHT: Color = Color::srgb(0.47, 0.75, 1.0);

/// egui's fonts with DejaVu Sans first: egui's own fonts lack letters such as the `ễ` of
/// Nguyễn; the podium's font covers them.
pub fn egui_fonts(chinese: Option<Vec<u8>>) -> bevy_egui::egui::FontDefinitions {
    use bevy_egui::egui::{FontData, FontDefinitions, FontFamily};
    let mut fonts = FontDefinitions::default();
    // The display's fonts first, in the order the displays fall back through them: DejaVu
    // Sans, then Noto Sans Arabic, then (once read) Noto Sans CJK; egui's own last.
    let mut ours = vec![
        ("DejaVuSans", FontData::from_static(fonts::DEJAVU_SANS)),
        ("NotoSansArabic", FontData::from_static(fonts::NOTO_ARABIC)),
    ];
    if let Some(bytes) = chinese {
        ours.push(("NotoSansCJKsc", FontData::from_owned(bytes)));
    }
    for (place, (name, data)) in ours.into_iter().enumerate() {
        fonts
            .font_data
            .insert(name.into(), std::sync::Arc::new(data));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .insert(place, name.into());
        }
    }
    fonts
}

/// A theme colour as egui takes it: the console paints with the same palette as the podium.
pub fn egui_colour(colour: Color) -> bevy_egui::egui::Color32 {
    let [r, g, b, a] = colour.to_srgba().to_u8_array();
    bevy_egui::egui::Color32::from_rgba_unmultiplied(r, g, b, a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::{Font as _, FontRef};
    use bevy_egui::egui::FontFamily;

    /// The characters of `texts` that none of the console's fonts draws, in its fallback order.
    fn not_drawn(definitions: &bevy_egui::egui::FontDefinitions, texts: &[String]) -> Vec<char> {
        let faces: Vec<FontRef> = definitions.families[&FontFamily::Proportional]
            .iter()
            .filter_map(|name| definitions.font_data.get(name))
            .filter_map(|data| FontRef::try_from_slice(&data.font).ok())
            .collect();
        let mut missing: Vec<char> = texts
            .iter()
            .flat_map(|t| t.chars())
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|&c| faces.iter().all(|f| f.glyph_id(c).0 == 0))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// The console lists and edits names in every script the displays show: every delegation
    /// name on file in the six languages, and speakers' names such as 王毅, are drawn with the
    /// console's fonts — and without the Chinese font, Chinese would be boxes.
    #[test]
    fn the_console_draws_every_name_in_every_script() {
        let mut texts: Vec<String> = include_str!("../../assets/delegation-names.csv")
            .lines()
            .skip(1)
            .flat_map(|line| {
                line.split(',')
                    .take(6)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        texts.extend(
            [
                "王毅",
                "Nguyễn Thị Lan",
                "Miroslav Lajčák",
                "Sheikha Najwa bint Abdulrahman Al-Thani",
            ]
            .map(String::from),
        );
        let chinese = fonts::cjk_font().expect("the Chinese font in assets/fonts/");
        let all = egui_fonts(Some(chinese));
        assert_eq!(not_drawn(&all, &texts), Vec::<char>::new());
        assert!(not_drawn(&egui_fonts(None), &texts).contains(&'王'));
    }
}
