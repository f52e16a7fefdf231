//! Opens its rooms and re-exports a name: neither is a circle.
mod server;
mod stream;
pub use server::Ctx;
pub struct Shared;
