//! The RON text every plenary file and journal line is written in: one set of options, one
//! writer, one reader whose errors name `file:line:column`.

use serde::Serialize;

/// Text that is not the RON expected, with its place.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct RonError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The RON options every plenary file is read with: `Some(…)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// Writes `value` as one line of RON that [`parse_ron`] reads back.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    ron_options().to_string(value)
}

/// Parses RON text into `T`, naming `file:line:column` on error.
pub fn parse_ron<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, RonError> {
    ron_options()
        .from_str(text)
        .map_err(|e: ron::error::SpannedError| RonError {
            file: file.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: in_words(&e.code),
        })
}

/// What is wrong, in the words of whoever keeps the file (not the parser's): the field or
/// value by name, and the choices where there are some.
fn in_words(code: &ron::Error) -> String {
    use ron::Error as E;
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let within = |outer: &Option<String>| {
        outer
            .as_deref()
            .map_or_else(String::new, |o| format!(" in `{o}`"))
    };
    match code {
        E::IntegerOutOfBounds => {
            "a number out of range here (too large, or negative where it cannot be)".into()
        }
        E::InvalidIntegerDigit { digit, .. } => format!("`{digit}` cannot be part of a number"),
        E::InvalidIdentifier(name) | E::SuggestRawIdentifier(name) => {
            format!("`{name}` cannot stand here as a name; if it is text, put it in double quotes")
        }
        E::ExpectedString | E::ExpectedStringEnd => {
            "text in double quotes is expected here (is a quote missing?)".into()
        }
        E::ExpectedInteger => "a whole number is expected here".into(),
        E::ExpectedBoolean => "`true` or `false` is expected here".into(),
        E::Eof => "the text ends too early: a bracket or a quote is not closed".into(),
        E::TrailingCharacters => "something follows the end of the record".into(),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "there is no field `{found}`{}; the fields are {}",
            within(outer),
            list(expected)
        ),
        E::MissingStructField { field, outer } => {
            format!("the field `{field}` is missing{}", within(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("the field `{field}` is given twice{}", within(outer))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "`{found}` is not known{}; it can be {}",
            within(outer),
            list(expected)
        ),
        E::InvalidValueForType { expected, found } => {
            format!("{found} where {expected} is expected")
        }
        E::Message(m) if m.contains("input is out of range") => {
            "a date or time out of any possible range".into()
        }
        E::Message(m)
            if m.contains("premature end of input")
                || m.contains("input contains invalid characters") =>
        {
            format!("a date or time that cannot be read ({m}): write it as 2025-11-24T15:00:00Z")
        }
        other => {
            // The parser's own words, starting in lower case to follow `file:line:column: `.
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Action, RawSpeaker};

    #[test]
    fn errors_say_what_is_wrong_in_words_with_the_place_once() {
        let e = parse_ron::<Action>("Extend(seconds: 99999999999999999999)", "stdin:3")
            .expect_err("out of range");
        assert_eq!(
            e.to_string(),
            "stdin:3:1:17: a number out of range here (too large, or negative where it cannot be)"
        );
        let e = parse_ron::<RawSpeaker>("(delegation: Chile)", "list.ron").expect_err("bare");
        assert!(
            e.message.starts_with("text in double quotes"),
            "{}",
            e.message
        );
        let e = parse_ron::<RawSpeaker>("(delegation: \"Chile\", nmae: \"A\")", "list.ron")
            .expect_err("misspelt");
        assert!(
            e.message.starts_with("there is no field `nmae`"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains("`name`"),
            "the fields are listed: {}",
            e.message
        );
        let e = parse_ron::<Action>("Fly", "stdin:1").expect_err("unknown");
        assert!(e.message.contains("`Fly` is not known"), "{}", e.message);
        assert!(e.message.contains("`Next`"), "{}", e.message);
    }
}
