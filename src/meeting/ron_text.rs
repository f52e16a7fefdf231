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
            message: e.code.to_string(),
        })
}
