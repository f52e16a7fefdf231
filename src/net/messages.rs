//! Every message of the API's protocol other than the session's state ([`super::wire`]), each
//! defined once: what the server answers to a command, an error, a health check and the list
//! of displays; what the streams send besides states (the clock, a pong, the journal's lines
//! for a follower); and what a client may say on a stream. The server writes them and the
//! follower reads them (and the other way round) from these same types.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::host::Viewer;
use crate::meeting::{Event, Stamp};

/// The body of every refused request (see [`super::error::ApiError`]).
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ErrorBody {
    /// What is wrong, naming the place (the route, the header, the body's line and column).
    pub error: String,
    /// The command's id, when a command was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `false` when the command was not applied (the journal could not record it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<bool>,
}

/// The answer to an accepted command.
#[derive(Debug, Serialize, Deserialize)]
pub struct Accepted {
    /// The command's id: the `Idempotency-Key` given, or one the server chose.
    pub id: String,
    /// Its place in the journal.
    pub seq: u64,
    /// What it did.
    pub events: Vec<Event>,
}

/// `GET /api/v1/health`. Without the token on a server that protects reads, `status` alone.
#[derive(Debug, Serialize, Deserialize)]
pub struct Health {
    /// `ok`, or `journal failing`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// The server's clock (ms since the Unix epoch, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_time: Option<i64>,
    /// Shown only with the token: why the journal fails (`null` when it does not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal_alarm: Option<Option<String>>,
}

/// `GET /api/v1/displays`: the browser views and remote displays connected now.
#[derive(Debug, Serialize)]
pub struct Displays {
    pub displays: Vec<Viewer>,
}

/// `{"clock": MS}`: the server's time as the message is sent, before a stream's first state.
#[derive(Debug, Serialize, Deserialize)]
pub struct ClockMessage {
    pub clock: i64,
}

/// `{"pong": T, "clock": MS}`: the answer to a client's `{"ping": T}` on `/api/v1/stream`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Pong {
    pub pong: f64,
    pub clock: i64,
}

/// What a client may say on either stream.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum ClientSays {
    /// `{"ping": T}`: answered with `T` and the server's time.
    #[serde(rename = "ping")]
    Ping(f64),
    /// `{"measured": {"view": "podium", "offset": -12, "round_trip": 4}}`: what the client
    /// measured, listed on the console.
    #[serde(rename = "measured")]
    Measured {
        view: String,
        offset: i64,
        round_trip: i64,
    },
}

/// One message of `/api/v1/replica`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ReplicaMessage {
    /// The server's clock now: the follower counts on from it.
    pub now: Stamp,
    /// The journal's opening line: in the first message only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Arc<str>>,
    /// Journal lines the follower has not had yet.
    pub lines: Vec<Arc<str>>,
    /// The `T` of the follower's `{"ping": T}` this message answers: it measures the round
    /// trip, and counts from `now` plus half of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pong: Option<f64>,
}

/// A small view's message on `/api/v1/stream?view=…`: the stream's `seq` and `server_time`
/// first, then the view's own fields.
#[derive(Debug, Serialize)]
pub struct ViewMessage<'a, T: Serialize> {
    pub seq: u64,
    pub server_time: i64,
    #[serde(flatten)]
    pub view: &'a T,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_client_says_reads_back_as_written() {
        for said in [
            ClientSays::Ping(12.5),
            ClientSays::Measured {
                view: "follower hall (ar)".into(),
                offset: -12,
                round_trip: 4,
            },
        ] {
            let text = serde_json::to_string(&said).expect("json");
            assert_eq!(serde_json::from_str::<ClientSays>(&text).ok(), Some(said));
        }
        assert_eq!(
            serde_json::to_string(&ClientSays::Ping(3.0)).expect("json"),
            r#"{"ping":3.0}"#
        );
    }
}
