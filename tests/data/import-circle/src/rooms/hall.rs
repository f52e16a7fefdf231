//! A path in code, through `self::super`.
pub fn shown() -> String {
    self::super::podium::counted()
}
