//! Two rooms that call each other.
mod hall;
mod podium;
