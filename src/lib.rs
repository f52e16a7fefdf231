//! plenary: a real-time timer and displays for formal plenary meetings.
//!
//! - [`meeting`]: the domain — program, list of speakers, speech clock, session, forecast.
//! - [`journal`]: the append-only, fsync'd record of every accepted command; replay.
//! - [`host`]: owns the session and the journal, drains the command channel.
//! - [`cli`]: the command line (`run`, `check`, `replay`).

pub mod cli;
pub mod headless;
pub mod host;
pub mod journal;
pub mod meeting;
pub mod view;
