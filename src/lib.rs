//! plenary: a real-time timer and displays for formal plenary meetings.
//!
//! - [`meeting`]: the domain — program, list of speakers, speech clock, session, forecast.
//! - [`journal`]: the append-only, fsync'd record of every accepted command; replay.
//! - [`host`]: owns the session and the journal, drains the command channel.
//! - [`view`]: what each display shows, in plain Rust.
//! - [`app`]: the Bevy windows (feature `gui`).
//! - [`cli`]: the command line (`run`, `check`, `replay`).

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod headless;
pub mod host;
pub mod journal;
pub mod meeting;
pub mod net;
pub mod records;
pub mod view;
