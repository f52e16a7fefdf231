//! The six official languages of the United Nations, in which each display may speak, and a
//! text given in several of them (a meeting's title) with English as the fallback.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One of the six official languages, by its ISO 639-1 code.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    Zh,
    #[default]
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    /// The six, in the United Nations' order (the English alphabetical order of their names).
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// Its place in [`Lang::ALL`] (for tables kept per language).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// `ar`, `zh`, `en`, `fr`, `ru`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// The language's name in English, as the chair's console says it.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::Ar => "Arabic",
            Lang::Zh => "Chinese",
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::Ru => "Russian",
            Lang::Es => "Spanish",
        }
    }

    /// Written right to left (Arabic): displays align their text to the right.
    pub fn right_to_left(self) -> bool {
        self == Lang::Ar
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// `ar`, `zh`, `en`, `fr`, `ru` or `es` (case does not matter).
    fn from_str(text: &str) -> Result<Lang, String> {
        let code = text.trim().to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| {
                format!("`{text}` is not one of the six official languages: say ar, zh, en, fr, ru or es")
            })
    }
}

/// A text written in English, with its versions in other languages where the program gives
/// them: `title: "…", titles: {"fr": "…"}`. A language without one shows the English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InLanguages {
    versions: BTreeMap<Lang, String>,
}

impl InLanguages {
    /// The versions as written in a program (`{"fr": "…"}`): each keyed by one of the six
    /// codes, none empty.
    pub fn parse(written: &BTreeMap<String, String>) -> Result<InLanguages, String> {
        let mut versions = BTreeMap::new();
        for (code, text) in written {
            let lang: Lang = code.parse()?;
            if text.trim().is_empty() {
                return Err(format!("the {} version is empty", lang.english_name()));
            }
            versions.insert(lang, text.clone());
        }
        Ok(InLanguages { versions })
    }

    /// The text in `lang`, or `english` where the program gives none.
    pub fn get<'a>(&'a self, lang: Lang, english: &'a str) -> &'a str {
        self.versions.get(&lang).map_or(english, String::as_str)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests opt out locally
mod tests {
    use super::*;

    #[test]
    fn each_language_knows_its_place_among_the_six() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang.index(), i, "{lang:?}");
        }
    }

    #[test]
    fn codes_read_back_and_a_wrong_one_is_named() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert_eq!("AR".parse::<Lang>(), Ok(Lang::Ar));
        let err = "de".parse::<Lang>().unwrap_err();
        assert!(
            err.contains("`de`") && err.contains("ar, zh, en, fr, ru or es"),
            "{err}"
        );
        assert!(Lang::Ar.right_to_left() && !Lang::Zh.right_to_left());
    }

    #[test]
    fn a_text_falls_back_to_english() {
        let written = BTreeMap::from([("fr".to_string(), "Séance plénière".to_string())]);
        let titles = InLanguages::parse(&written).unwrap();
        assert_eq!(titles.get(Lang::Fr, "Plenary meeting"), "Séance plénière");
        assert_eq!(titles.get(Lang::Ar, "Plenary meeting"), "Plenary meeting");
        let wrong = BTreeMap::from([("xx".to_string(), "?".to_string())]);
        let err = InLanguages::parse(&wrong).unwrap_err();
        assert!(err.starts_with("`xx` is not one of the six"), "{err}");
        let empty = BTreeMap::from([("ru".to_string(), " ".to_string())]);
        let err = InLanguages::parse(&empty).unwrap_err();
        assert!(err.contains("Russian version is empty"), "{err}");
    }
}
