//! Every name drawn: the one font family of all three windows and the browser views (DejaVu
//! Sans, regular and bold, `assets/fonts/`) has a glyph for every letter of names in Latin
//! with Vietnamese, Polish, Czech and Slovak, Turkish, Icelandic and Romanian letters, in
//! Greek and in Cyrillic — no box drawn in place of a letter.

use ab_glyph::{Font, FontRef};

const NAMES: &[&str] = &[
    "Nguyễn Thị Lan",
    "Miroslav Lajčák",
    "Sheikha Najwa bint Abdulrahman Al-Thani",
    "Łukasz Żółkiewski",
    "Şükrü Ağaoğlu",
    "Guðrún Jónsdóttir",
    "Ștefan Țurcanu",
    "Siobhán Mullally",
    "Côte d'Ivoire — Türkiye",
    "Αλέξανδρος Παπαδόπουλος",
    "Владимир Зеленский",
    "Ελλάδα · Україна · Беларусь",
];

#[test]
fn the_fonts_have_a_glyph_for_every_letter_of_every_name() {
    for (file, bytes) in [
        (
            "DejaVuSans.ttf",
            &include_bytes!("../assets/fonts/DejaVuSans.ttf")[..],
        ),
        (
            "DejaVuSans-Bold.ttf",
            &include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf")[..],
        ),
    ] {
        let font = FontRef::try_from_slice(bytes).expect("a font");
        let missing: Vec<String> = NAMES
            .iter()
            .flat_map(|name| name.chars().map(move |c| (name, c)))
            .filter(|(_, c)| !c.is_whitespace() && font.glyph_id(*c).0 == 0)
            .map(|(name, c)| format!("{c:?} in {name}"))
            .collect();
        assert!(missing.is_empty(), "{file} has no glyph for {missing:?}");
    }
}
