//! A grouped, nested import of a sibling; and its parent's item (no circle by itself).
use super::{Shared, stream::{self, Reader}};
pub struct Ctx;
