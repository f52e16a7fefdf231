//! A tree with two import circles, in the forms a line-by-line reader misses (the fixture of
//! `tests/architecture.rs`).
mod domain;
mod net;
mod rooms;
