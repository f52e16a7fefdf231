//! The delegations the console suggests as the chair types: Member States, observer States,
//! other observers, United Nations entities and groups of States (`assets/delegations.ron`).

use serde::Deserialize;

use super::config::ConfigError;
use super::ron_text::parse_ron;

/// The delegations file, embedded in the binary.
pub const EMBEDDED: &str = include_str!("../../assets/delegations.ron");

/// Known delegations and groups, by official short name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegations {
    pub member_states: Vec<String>,
    pub observer_states: Vec<String>,
    pub observers: Vec<String>,
    pub un_entities: Vec<String>,
    pub groups: Vec<String>,
    /// Common variants ("Turkey", "USA", "G77") and the official name each stands for.
    #[serde(default)]
    pub aliases: std::collections::BTreeMap<String, String>,
}

/// Lower case without accents, for matching what is typed ("cote" finds "Côte d'Ivoire").
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            '’' => '\'',
            other => other,
        })
        .collect()
}

impl Delegations {
    /// The embedded file.
    pub fn embedded() -> Result<Delegations, ConfigError> {
        Ok(parse_ron(EMBEDDED, "assets/delegations.ron")?)
    }

    /// Every delegation that can speak (everything but the groups), in the file's order.
    pub fn delegations(&self) -> impl Iterator<Item = &str> + Clone {
        self.member_states
            .iter()
            .chain(&self.observer_states)
            .chain(&self.observers)
            .chain(&self.un_entities)
            .map(String::as_str)
    }

    /// Whether `name` is a known delegation, exactly as written.
    pub fn is_known(&self, name: &str) -> bool {
        self.delegations().any(|d| d == name)
    }

    /// Up to `max` delegations matching what was typed: names that start with it first, then
    /// names with a word that starts with it. Case and accents do not matter.
    /// The official name of a delegation as typed: exact, or the same ignoring case, accents,
    /// punctuation and a leading "the", or a common variant ("Turkey" → "Türkiye").
    pub fn canonical(&self, typed: &str) -> Option<&str> {
        canonical(self.delegations(), &self.aliases, typed)
    }

    /// The official name of a group of States as typed (see [`Self::canonical`]).
    pub fn canonical_group(&self, typed: &str) -> Option<&str> {
        canonical(self.groups.iter().map(String::as_str), &self.aliases, typed)
    }

    pub fn suggest(&self, typed: &str, max: usize) -> Vec<&str> {
        suggest(self.delegations(), typed, max)
    }

    /// The same over the groups of States.
    pub fn suggest_group(&self, typed: &str, max: usize) -> Vec<&str> {
        suggest(self.groups.iter().map(String::as_str), typed, max)
    }
}

/// `text` folded and stripped of punctuation and a leading "the", for matching variants
/// ("the Caribbean Community", "CARICOM" and "Caribbean Community" are one group).
pub fn key(text: &str) -> String {
    let folded = fold(text.trim());
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((&"the", rest)) => rest,
        _ => &words[..],
    };
    words.join(" ")
}

fn canonical<'a>(
    names: impl Iterator<Item = &'a str> + Clone,
    aliases: &'a std::collections::BTreeMap<String, String>,
    typed: &str,
) -> Option<&'a str> {
    let wanted = key(typed);
    if wanted.is_empty() {
        return None;
    }
    if let Some(name) = names.clone().find(|n| key(n) == wanted) {
        return Some(name);
    }
    let target = aliases
        .iter()
        .find(|(alias, _)| key(alias) == wanted)
        .map(|(_, name)| name.as_str())?;
    names.into_iter().find(|n| *n == target)
}

fn suggest<'a>(names: impl Iterator<Item = &'a str>, typed: &str, max: usize) -> Vec<&'a str> {
    let typed = fold(typed.trim());
    if typed.is_empty() {
        return Vec::new();
    }
    let (mut first, mut then) = (Vec::new(), Vec::new());
    for name in names {
        let folded = fold(name);
        if folded.starts_with(&typed) {
            first.push(name);
        } else if folded
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|word| word.starts_with(&typed))
        {
            then.push(name);
        }
    }
    first.extend(then);
    first.truncate(max);
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_lists_the_193_member_states_and_the_observer_states() {
        let d = Delegations::embedded().expect("the embedded file parses");
        assert_eq!(d.member_states.len(), 193);
        assert_eq!(d.observer_states, ["Holy See", "State of Palestine"]);
        assert!(d.is_known("Türkiye"));
        assert!(!d.is_known("Turkey"));
    }

    #[test]
    fn variants_are_matched_to_the_official_names() {
        let d = Delegations::embedded().expect("parses");
        assert_eq!(d.canonical("Turkey"), Some("Türkiye"));
        assert_eq!(d.canonical("turkiye"), Some("Türkiye"));
        assert_eq!(
            d.canonical("the Netherlands"),
            Some("Netherlands (Kingdom of the)")
        );
        assert_eq!(d.canonical("Cote d'Ivoire"), Some("Côte d'Ivoire"));
        assert_eq!(d.canonical("USA"), Some("United States of America"));
        assert_eq!(d.canonical("Narnia"), None);
        assert_eq!(d.canonical_group("G77"), Some("Group of 77 and China"));
        assert_eq!(
            d.canonical_group("the Group of 77 and China"),
            Some("Group of 77 and China")
        );
        // Every variant stands for a name in the file.
        for (alias, name) in &d.aliases {
            assert!(
                d.canonical(alias).is_some() || d.canonical_group(alias).is_some(),
                "{alias} -> {name}"
            );
        }
    }

    #[test]
    fn suggestions_match_starts_of_names_then_of_words_ignoring_case_and_accents() {
        let d = Delegations::embedded().expect("parses");
        assert_eq!(d.suggest("cote", 5), ["Côte d'Ivoire"]);
        assert_eq!(d.suggest("turk", 5), ["Türkiye", "Turkmenistan"]);
        let korea = d.suggest("korea", 5);
        assert!(
            korea.contains(&"Republic of Korea")
                && korea.contains(&"Democratic People's Republic of Korea")
        );
        assert_eq!(
            d.suggest("gui", 3),
            ["Guinea", "Guinea-Bissau", "Equatorial Guinea"]
        );
        assert!(d.suggest("  ", 5).is_empty());
        assert_eq!(d.suggest_group("77", 5), ["Group of 77 and China"]);
    }

    #[test]
    fn every_delegation_of_the_sample_list_is_known() {
        let d = Delegations::embedded().expect("parses");
        let sources = crate::meeting::Sources::seed().expect("seed");
        // The rows that fill the program's seats (office holders) name no delegation.
        for speaker in sources.speakers.iter().filter(|s| s.seat.is_none()) {
            let delegation = speaker.delegation.as_deref().expect("delegation");
            assert!(
                d.is_known(delegation),
                "{delegation} is not in assets/delegations.ron"
            );
        }
    }
}
