//! Imports the network one way only: no circle.
use crate::net::Ctx;
