//! Records: the list of speakers taken in from the secretariat's spreadsheet, and the
//! speaking-time report given out from a journal.

pub mod chart;
pub mod import;
pub mod interruptions;
pub mod ledger;
pub mod named;
pub mod report;
pub mod speeches;
pub mod unheard;
