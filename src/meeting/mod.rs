//! The meeting domain: program, list of speakers, speech clock, session, forecast.
//! No Bevy, no I/O, no clock reads: time comes in as [`Stamp`]s.

pub mod buttons;
pub mod clock;
pub mod command;
pub mod config;
pub mod delegations;
pub mod event;
pub mod forecast;
pub mod ids;
pub mod lang;
pub mod outlook;
pub mod program;
pub mod ron_text;
pub mod session;
pub mod time;
pub mod undo;

pub use clock::{Phase, Reading, SpeechClock};
pub use command::{Action, Command, Interruption, Waiting};
pub use config::{ConfigError, RawProgram, RawSpeaker, Sources};
pub use event::{Event, InterruptionRecord, SpeechRecord};
pub use forecast::{AnchorForecast, Forecast, Projected};
pub use ids::{Source, TurnId};
pub use lang::{InLanguages, Lang};
pub use outlook::Outlook;
pub use program::{Content, Inscription, Meeting, MeetingKind, Program, Speaker};
pub use session::{Floor, Rejection, Session, Status, Turn};
pub use time::{Millis, Stamp};
