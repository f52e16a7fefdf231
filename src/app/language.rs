//! Each display's language: the font its texts are drawn with, the side they align to (Arabic
//! reads right to left, so the podium's and the hall's texts align right and the hall's rows
//! turn round), and a fallback font per script for a name in another script. The chair
//! switches a display's language from the console: a setting of this app, not journaled.

use bevy::prelude::*;
use bevy::text::{FontCx, Justify, load_font_assets_into_font_collection};
use parley::fontique::{FallbackKey, Script};

use super::theme::Fonts;
use crate::meeting::Lang;
use crate::view::{DisplayLangs, WindowKind};

/// The language of each display now.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Languages(pub DisplayLangs);

/// A text of a display that is in the display's language: its font follows the language, and
/// unless `centred`, it aligns right in Arabic (else as `justify`).
#[derive(Component, Clone, Copy)]
pub struct Localized {
    pub display: WindowKind,
    pub bold: bool,
    pub justify: Justify,
    /// A cue centred over the digits in every language.
    pub centred: bool,
}

impl Localized {
    /// A text of `display` in its language.
    pub fn text(display: WindowKind, bold: bool, justify: Justify) -> Localized {
        Localized {
            display,
            bold,
            justify,
            centred: false,
        }
    }
}

/// A node of a display that turns round in Arabic: a row runs right to left, a column's
/// children align right.
#[derive(Component, Clone, Copy)]
pub struct Mirrored(pub WindowKind);

pub(super) fn plugin(app: &mut App, langs: DisplayLangs) {
    app.insert_resource(Languages(langs));
    app.add_systems(
        PostUpdate,
        script_fallbacks.after(load_font_assets_into_font_collection),
    );
    app.add_systems(Update, apply.in_set(super::Frame::Present));
}

/// Which of our fonts a script falls back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    DejaVu,
    Arabic,
    Chinese,
}

/// The scripts each font draws when a display's own font has no letter for them.
pub const FALLBACKS: [(&[u8; 4], Face); 9] = [
    (b"Latn", Face::DejaVu),
    (b"Grek", Face::DejaVu),
    (b"Cyrl", Face::DejaVu),
    (b"Arab", Face::Arabic),
    (b"Hani", Face::Chinese),
    (b"Hira", Face::Chinese),
    (b"Kana", Face::Chinese),
    (b"Hang", Face::Chinese),
    (b"Bopo", Face::Chinese),
];

/// Gives each script of [`FALLBACKS`] its family in `collection`; `family` finds a face's
/// family (none: that face is not loaded, and its scripts get no fallback).
pub fn add_fallbacks(
    collection: &mut parley::fontique::Collection,
    family: impl Fn(Face) -> Option<parley::fontique::FamilyId>,
) {
    for (script, face) in FALLBACKS {
        if let Some(id) = family(face) {
            collection.append_fallbacks(
                FallbackKey::from(Script::from_bytes(*script)),
                std::iter::once(id),
            );
        }
    }
}

/// As each font comes into the text engine's collection (the Chinese one later, read on a
/// thread of its own): its scripts' fallback, then every text laid out again with it.
fn script_fallbacks(
    mut done: Local<Vec<Face>>,
    fonts: Res<Fonts>,
    assets: Res<Assets<Font>>,
    mut font_cx: ResMut<FontCx>,
    mut texts: Query<&mut TextFont>,
) {
    // Each font asset is registered under its alias as a family of its own.
    let handles = [
        (Face::DejaVu, Some(&fonts.regular)),
        (Face::Arabic, Some(&fonts.arabic)),
        (Face::Chinese, fonts.chinese.as_ref()),
    ];
    let mut added = Vec::new();
    for (face, handle) in handles {
        if done.contains(&face) {
            continue;
        }
        let Some(font) = handle.and_then(|h| assets.get(h)) else {
            continue;
        };
        if let Some(id) = font_cx.collection.family_id(&font.alias) {
            added.push((face, id));
        }
    }
    if added.is_empty() {
        return;
    }
    add_fallbacks(&mut font_cx.collection, |face| {
        added.iter().find(|(f, _)| *f == face).map(|(_, id)| *id)
    });
    done.extend(added.iter().map(|(face, _)| *face));
    for mut font in &mut texts {
        font.set_changed();
    }
}

/// After a change of language (and for new texts): fonts, alignment and row direction.
fn apply(
    languages: Res<Languages>,
    fonts: Res<Fonts>,
    mut texts: Query<(Ref<Localized>, &mut TextFont, &mut TextLayout, &mut Node)>,
    mut mirrored: Query<(Ref<Mirrored>, &mut Node), Without<Localized>>,
) {
    let all = languages.is_changed();
    for (localized, mut font, mut layout, mut node) in &mut texts {
        if !all && !localized.is_added() {
            continue;
        }
        let lang = languages.0.of(localized.display);
        let wanted = fonts.for_lang(lang, localized.bold);
        if font.font != wanted.clone().into() {
            font.font = wanted.into();
        }
        let (justify, align) = if lang.right_to_left() && !localized.centred {
            (Justify::Right, AlignSelf::FlexEnd)
        } else {
            (localized.justify, AlignSelf::Auto)
        };
        if layout.justify != justify {
            layout.justify = justify;
        }
        if node.align_self != align {
            node.align_self = align;
        }
    }
    for (mirrored, mut node) in &mut mirrored {
        if !all && !mirrored.is_added() {
            continue;
        }
        let rtl = languages.0.of(mirrored.0).right_to_left();
        let direction = match (node.flex_direction, rtl) {
            (FlexDirection::Row, true) => FlexDirection::RowReverse,
            (FlexDirection::RowReverse, false) => FlexDirection::Row,
            (other, _) => other,
        };
        if node.flex_direction != direction {
            node.flex_direction = direction;
        }
    }
}

/// The glyphs of `text` laid out in `family` that no font of `cx` had: glyph 0, which a font
/// draws as a box. The tour counts them on every text it shows; a unit test on every fixed text
/// and name.
pub fn missing_glyphs(cx: &mut parley::FontContext, family: &str, text: &str) -> usize {
    use parley::{FontFamily, LayoutContext, PositionedLayoutItem, StyleProperty};
    let mut layout_cx: LayoutContext<()> = LayoutContext::new();
    let mut builder = layout_cx.ranged_builder(cx, text, 1.0, true);
    builder.push_default(StyleProperty::FontFamily(FontFamily::named(family)));
    let mut layout = builder.build(text);
    layout.break_all_lines(None);
    layout
        .lines()
        .flat_map(|line| line.items().collect::<Vec<_>>())
        .map(|item| match item {
            PositionedLayoutItem::GlyphRun(run) => run.glyphs().filter(|g| g.id == 0).count(),
            PositionedLayoutItem::InlineBox(_) => 0,
        })
        .sum()
}

/// A display's language as the console offers it: every language, Chinese only with its font.
pub fn offered(fonts: &Fonts) -> Vec<Lang> {
    Lang::ALL
        .into_iter()
        .filter(|l| *l != Lang::Zh || fonts.chinese.is_some())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests opt out locally
mod tests {
    use parley::FontContext;
    use parley::fontique::{Blob, Collection, CollectionOptions, FamilyId};

    use super::*;
    use crate::view::fonts as theme;
    use crate::view::names::{EMBEDDED, parse};
    use crate::view::translations::{FILES, parse as parse_words};

    /// Our fonts in a collection of their own (no system font), with the app's fallbacks or
    /// none.
    fn fonts_with(fallbacks: bool) -> (FontContext, [FamilyId; 3]) {
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        let chinese = theme::cjk_font().unwrap();
        let mut family = |bytes: Vec<u8>| collection.register_fonts(Blob::from(bytes), None)[0].0;
        let ids = [
            family(theme::DEJAVU_SANS.to_vec()),
            family(theme::NOTO_ARABIC.to_vec()),
            family(chinese),
        ];
        if fallbacks {
            add_fallbacks(&mut collection, |face| {
                Some(match face {
                    Face::DejaVu => ids[0],
                    Face::Arabic => ids[1],
                    Face::Chinese => ids[2],
                })
            });
        }
        let context = FontContext {
            collection,
            source_cache: Default::default(),
        };
        (context, ids)
    }

    /// The glyphs of `text` laid out in `family` that no font had.
    fn missing(cx: &mut FontContext, family: FamilyId, text: &str) -> usize {
        let name = cx.collection.family_name(family).unwrap().to_string();
        missing_glyphs(cx, &name, text)
    }

    #[test]
    fn every_text_a_display_shows_is_drawn_in_every_language_with_no_missing_glyph() {
        let (mut cx, [dejavu, arabic, chinese]) = fonts_with(true);
        let names = parse(EMBEDDED).unwrap();
        // Speakers' names as written, in any script, on any display.
        let speakers = [
            "Nguyễn Thị Thanh Hà",
            "Miroslav Lajčák",
            "Sheikha Najwa bint Abdulrahman Al-Thani",
            "Γεώργιος Παπαδόπουλος",
            "Сергей Лавров",
            "王毅",
            "ناصر بوريطة",
            "Şebnem Öztürk, Ministre des Affaires étrangères",
        ];
        for (lang, text) in FILES {
            let words = parse_words(lang, text).unwrap();
            let family = match lang {
                Lang::Ar => arabic,
                Lang::Zh => chinese,
                _ => dejavu,
            };
            let value = serde_json::to_value(&words).unwrap();
            let mut texts: Vec<String> = value
                .as_object()
                .unwrap()
                .values()
                .flat_map(|v| match v {
                    serde_json::Value::Array(items) => items.clone(),
                    other => vec![other.clone()],
                })
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            texts.extend(names.iter().map(|row| row.get(lang).to_string()));
            texts.extend(speakers.iter().map(|s| s.to_string()));
            for text in &texts {
                assert_eq!(
                    missing(&mut cx, family, text),
                    0,
                    "{lang}: `{text}` has a glyph no font has"
                );
            }
        }
        // The check itself: a letter none of our fonts has is counted.
        assert!(missing(&mut cx, dejavu, "\u{1F600}\u{0F00}") > 0);
    }

    #[test]
    fn without_the_fallbacks_a_latin_name_on_an_arabic_display_would_be_boxes() {
        let (mut bare, [_, arabic, chinese]) = fonts_with(false);
        assert!(missing(&mut bare, arabic, "Nguyễn") > 0);
        assert!(missing(&mut bare, chinese, "ناصر") > 0);
        let (mut cx, [_, arabic, chinese]) = fonts_with(true);
        assert_eq!(missing(&mut cx, arabic, "Nguyễn"), 0);
        assert_eq!(missing(&mut cx, chinese, "ناصر"), 0);
    }
}
