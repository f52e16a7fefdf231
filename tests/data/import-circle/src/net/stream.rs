//! Takes the server's item back through the parent's re-export: the circle server ↔ stream.
use crate::net::Ctx;
pub struct Reader;
