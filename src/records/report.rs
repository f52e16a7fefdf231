//! The speaking-time report.
