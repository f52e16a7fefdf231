//! The fixed texts of the podium, the hall and the browser views in each of the six official
//! languages, kept as data (`assets/lang/{code}.ron`, one file per language) and embedded in
//! the binary. Every file has every field (a missing one does not parse) and the same
//! `{placeholders}` as the English (tested).

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::meeting::ron_text::{RonError, parse_ron};
use crate::meeting::{Interruption, Lang};

/// One language's fixed texts. `{name}` marks what [`fill`] puts in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub ready: String,
    pub paused: String,
    pub time_up: String,
    pub elapsed: String,
    pub seconds_left: String,
    pub rehearsal: String,
    pub local_time: String,
    pub next_speaker: String,
    pub speaker_time_stopped: String,
    pub next_speakers: String,
    pub on_behalf_of: String,
    pub co_chairs: String,
    pub theme: String,
    pub not_begun: String,
    pub agenda_item: String,
    pub message_delivered: String,
    pub statement_delivered: String,
    pub delivered: String,
    pub time_stopped: String,
    pub clock_stopped: String,
    pub list_overruns: String,
    pub list_fits: String,
    pub end_of_meeting: String,
    pub reconnecting: String,
    pub point_of_order: String,
    pub procedural_motion: String,
    pub ruling: String,
    pub right_of_reply: String,
    /// A delegation's second reply on the meeting.
    pub right_of_reply_second: String,
    /// A third reply and on, `{n}`, by leave of the President.
    pub right_of_reply_by_leave: String,
    pub explanation_of_vote: String,
    pub please_conclude: String,
    pub one_minute: String,
    pub time_is_up: String,
    pub date: String,
    /// Monday first: seven.
    pub weekdays: Vec<String>,
    /// January first: twelve.
    pub months: Vec<String>,
}

/// Each language's file as embedded, in [`Lang::ALL`]'s order.
pub const FILES: [(Lang, &str); 6] = [
    (Lang::Ar, include_str!("../../assets/lang/ar.ron")),
    (Lang::Zh, include_str!("../../assets/lang/zh.ron")),
    (Lang::En, include_str!("../../assets/lang/en.ron")),
    (Lang::Fr, include_str!("../../assets/lang/fr.ron")),
    (Lang::Ru, include_str!("../../assets/lang/ru.ron")),
    (Lang::Es, include_str!("../../assets/lang/es.ron")),
];

/// Parses one language's file; the error names the file (and the line and column).
pub fn parse(lang: Lang, text: &str) -> Result<Words, String> {
    let file = format!("assets/lang/{}.ron", lang.code());
    let words: Words = parse_ron(text, &file).map_err(|e: RonError| e.to_string())?;
    for (field, count, want) in [
        ("weekdays", words.weekdays.len(), 7),
        ("months", words.months.len(), 12),
    ] {
        if count != want {
            return Err(format!("{file}: `{field}` has {count} names, not {want}"));
        }
    }
    Ok(words)
}

/// The fixed texts in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    static ALL: OnceLock<Vec<Words>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|(lang, text)| {
                // Embedded files, each parsed by a unit test: a failure here is a build made
                // from a broken checkout, not something a user can cause.
                parse(*lang, text).unwrap_or_else(|e| panic!("embedded translation: {e}"))
            })
            .collect()
    });
    &all[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(2)]
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

impl Words {
    /// A point of order, a motion or a ruling, as the displays name it.
    pub fn interruption(&self, cause: Interruption) -> &str {
        match cause {
            Interruption::PointOfOrder => &self.point_of_order,
            Interruption::Motion => &self.procedural_motion,
            Interruption::Ruling => &self.ruling,
        }
    }

    /// The chair's message in this language when it is one of the presets as the English
    /// says it ("Please conclude"); any other message as the chair wrote it.
    pub fn message<'a>(&'a self, text: &'a str) -> &'a str {
        let english = words(Lang::En);
        let presets = [
            (&english.please_conclude, &self.please_conclude),
            (&english.one_minute, &self.one_minute),
            (&english.time_is_up, &self.time_is_up),
        ];
        presets
            .into_iter()
            .find(|(en, _)| en.as_str() == text.trim())
            .map_or(text, |(_, here)| here.as_str())
    }

    /// A day as this language writes it: "Monday 30 November 2026", "2026年11月30日 星期一".
    pub fn date(&self, day: NaiveDate) -> String {
        let weekday = &self.weekdays[day.weekday().num_days_from_monday() as usize];
        let month = &self.months[day.month0() as usize];
        fill(
            &self.date,
            &[
                ("weekday", weekday),
                ("day", &day.day().to_string()),
                ("month", month),
                ("year", &day.year().to_string()),
            ],
        )
    }
}

/// The chair's preset messages, in English (what the console sends and the journal keeps).
pub fn presets() -> [&'static str; 3] {
    let en = words(Lang::En);
    [&en.please_conclude, &en.one_minute, &en.time_is_up]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests opt out locally
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The `{placeholders}` of a text.
    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .collect()
    }

    /// Each field's text (lists flattened with their index), by field name.
    fn fields(words: &Words) -> Vec<(String, String)> {
        let value = serde_json::to_value(words).expect("words serialise");
        let mut out = Vec::new();
        for (name, v) in value.as_object().expect("a struct") {
            match v {
                serde_json::Value::String(s) => out.push((name.clone(), s.clone())),
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        out.push((format!("{name}[{i}]"), item.as_str().unwrap_or("").into()));
                    }
                }
                other => panic!("{name}: unexpected {other}"),
            }
        }
        out
    }

    #[test]
    fn every_language_has_every_text_with_the_same_placeholders() {
        let english = fields(&parse(Lang::En, FILES[2].1).unwrap());
        for (lang, text) in FILES {
            let words = parse(lang, text).unwrap_or_else(|e| panic!("{e}"));
            let here = fields(&words);
            assert_eq!(here.len(), english.len(), "{lang}");
            for ((name, en), (same, text)) in english.iter().zip(&here) {
                assert_eq!(name, same);
                assert!(!text.trim().is_empty(), "{lang}: `{name}` is empty");
                assert_eq!(
                    placeholders(en),
                    placeholders(text),
                    "{lang}: `{name}` has other placeholders than the English"
                );
                if lang != Lang::En && name != "seconds_left" && name != "date" {
                    assert_ne!(en, text, "{lang}: `{name}` is still the English");
                }
            }
        }
    }

    #[test]
    fn a_missing_text_is_named_with_its_file() {
        let cut = FILES[3].1.replace("    paused: \"EN PAUSE\",\n", "");
        let err = parse(Lang::Fr, &cut).unwrap_err();
        assert!(
            err.contains("assets/lang/fr.ron") && err.contains("paused"),
            "{err}"
        );
        let short = FILES[3].1.replace("\"dimanche\"", "");
        let err = parse(Lang::Fr, &short).unwrap_err();
        assert!(err.contains("`weekdays` has 6 names, not 7"), "{err}");
    }

    #[test]
    fn presets_are_shown_in_the_display_language_and_other_messages_as_written() {
        assert_eq!(
            words(Lang::Fr).message("Please conclude"),
            "Veuillez conclure"
        );
        assert_eq!(words(Lang::Zh).message("Please conclude"), "请结束发言");
        assert_eq!(
            words(Lang::Ar).message("One minute remaining"),
            "تبقت دقيقة واحدة"
        );
        assert_eq!(words(Lang::Ru).message("Merci"), "Merci");
        assert_eq!(presets()[0], "Please conclude");
    }

    #[test]
    fn dates_follow_each_language() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(words(Lang::En).date(day), "Monday 30 November 2026");
        assert_eq!(words(Lang::Fr).date(day), "lundi 30 novembre 2026");
        assert_eq!(words(Lang::Es).date(day), "lunes, 30 de noviembre de 2026");
        assert_eq!(words(Lang::Ru).date(day), "понедельник, 30 ноября 2026 г.");
        assert_eq!(words(Lang::Zh).date(day), "2026年11月30日 星期一");
        assert_eq!(
            words(Lang::Ar).date(day),
            "الاثنين 30 تشرين الثاني/نوفمبر 2026"
        );
    }

    #[test]
    fn fill_puts_each_value_in_its_place() {
        let text = fill(
            &words(Lang::Zh).on_behalf_of,
            &[("delegation", "加纳"), ("group", "非洲国家组")],
        );
        assert_eq!(text, "加纳（代表非洲国家组）");
    }
}
