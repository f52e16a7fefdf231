//! Contract tests of the network API against a real server on loopback, over a real host
//! and a journal file: reads, the stream, every command route, and each error answer.

use std::time::Duration;

use plenary::net::BODY_LIMIT;
use serde_json::Value;
use tokio_tungstenite::tungstenite;

mod support;

use support::server::{Node, TOKEN, next_state, next_with, node, stream};

#[test]
fn a_retried_command_is_applied_once_and_its_outcome_can_be_asked() {
    let node = node(false);
    node.control(
        "/api/v1/commands",
        r#"{"BeginMeeting":{"meeting":"tue-am"}}"#,
    );
    node.control("/api/v1/start", "");
    let (status, first) = node.control_with_key("/api/v1/extend/30", "", "companion-btn-7-1");
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["id"], "companion-btn-7-1");
    // The client did not hear the answer and sends it again: the same answer, applied once.
    let (status, again) = node.control_with_key("/api/v1/extend/30", "", "companion-btn-7-1");
    assert_eq!(status, 200);
    assert_eq!(again, first);
    let extensions = node
        .journal_lines()
        .iter()
        .filter(|l| l.contains("Extend("))
        .count();
    assert_eq!(extensions, 1, "one extension journaled");
    assert!(
        node.journal_lines()
            .last()
            .expect("line")
            .contains("id:\"companion-btn-7-1\""),
        "the id is journaled"
    );
    // Anyone holding the token can ask what became of it.
    let (status, asked) = node.get_controlled("/api/v1/commands/companion-btn-7-1");
    assert_eq!(status, 200);
    assert_eq!(asked, first);
    let (status, _) = node.get_controlled("/api/v1/commands/never-sent");
    assert_eq!(status, 404);
    // A refusal is remembered too; an unusable key is refused.
    let (status, refused) = node.control_with_key("/api/v1/resume", "", "k-2");
    assert_eq!(status, 409);
    assert_eq!(refused["id"], "k-2");
    let (status, _) = node.control_with_key("/api/v1/pause", "", "with space");
    assert_eq!(status, 400);
    // Without a key the server names one, so a client can still ask.
    let (status, named) = node.control("/api/v1/pause", "");
    assert_eq!(status, 200);
    let named = named["id"].as_str().expect("an id");
    assert!(named.starts_with("api-") && named.len() == 28, "{named}");
}

#[test]
fn the_stream_tells_the_time_of_sending_and_answers_a_ping() {
    let node = node(false);
    let mut socket = stream(&node, "/api/v1/stream");
    let first = next_state(&mut socket);
    // A view opened long after the last change must not count from the change's time.
    std::thread::sleep(Duration::from_millis(1200));
    let (status, _) = node.control("/api/v1/start", "");
    assert_eq!(status, 200);
    let _started = next_state(&mut socket);
    let mut late = stream(&node, "/api/v1/stream");
    let state = next_state(&mut late);
    std::thread::sleep(Duration::from_millis(1100));
    late.send(tungstenite::Message::Text(r#"{"ping":12.5}"#.into()))
        .expect("ping sent");
    let pong = next_with(&mut late, "pong");
    assert_eq!(pong["pong"], 12.5, "the client's own stamp comes back");
    let clock = pong["clock"].as_i64().expect("clock");
    let changed = state["server_time"].as_i64().expect("time");
    assert!(
        clock >= changed + 1000,
        "the clock is the time of sending ({clock}), not of the change ({changed})"
    );
    assert!(first["server_time"].as_i64().expect("time") <= changed);
}

/// The displays the server lists now.
fn displays(node: &Node) -> Vec<Value> {
    let (status, body) = node.get("/api/v1/displays");
    assert_eq!(status, 200, "{body}");
    let value: Value = serde_json::from_str(&body).expect("json");
    value["displays"].as_array().cloned().unwrap_or_default()
}

#[test]
fn each_connected_view_is_listed_with_what_it_measured_until_it_leaves() {
    let node = node(false);
    let mut view = stream(&node, "/api/v1/stream");
    let _ = next_state(&mut view);
    view.send(tungstenite::Message::Text(
        r#"{"measured":{"view":"podium","offset":-1250,"round_trip":4}}"#.into(),
    ))
    .expect("sent");
    // A ping answered means the measurement before it was read.
    view.send(tungstenite::Message::Text(r#"{"ping":1}"#.into()))
        .expect("ping sent");
    let _ = next_with(&mut view, "pong");
    let listed = displays(&node);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["kind"], "podium");
    assert_eq!(listed[0]["offset_ms"], -1250);
    assert_eq!(listed[0]["round_trip_ms"], 4);
    assert!(
        listed[0]["peer"]
            .as_str()
            .expect("peer")
            .starts_with("127.0.0.1:")
    );
    view.close(None).expect("closed");
    let _ = view.flush();
    let start = std::time::Instant::now();
    while !displays(&node).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the view left the list"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn state_and_stream_show_a_command_from_the_api_which_is_journaled_with_its_source() {
    let node = node(false);
    let state = node.state();
    assert_eq!(state["seq"], 0);
    assert!(state["speech"].is_null());
    assert_eq!(state["meeting"]["id"], "mon-am");
    assert_eq!(state["time_zone"], "America/New_York");
    assert!(state["list"].as_array().expect("list").len() > 3);
    assert!(state["server_time"].as_i64().expect("time") > 1_700_000_000_000);

    let mut socket = stream(&node, "/api/v1/stream");
    assert_eq!(next_state(&mut socket)["seq"], 0, "the state on connection");

    // Tuesday morning: statements by Member States, three minutes each.
    let (status, body) = node.control(
        "/api/v1/commands",
        r#"{"BeginMeeting":{"meeting":"tue-am"}}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["seq"], 1);
    assert_eq!(next_state(&mut socket)["meeting"]["id"], "tue-am");

    let (status, body) = node.control("/api/v1/start", "");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["seq"], 2);
    assert!(body["events"].to_string().contains("ClockStarted"));
    let pushed = next_state(&mut socket);
    assert_eq!(pushed["seq"], 2);
    let speech = &pushed["speech"];
    assert_eq!(speech["running"], true);
    assert_eq!(
        speech["limit_ms"], 300_000,
        "a statement on behalf of a group"
    );
    // The deadline is in server time: server_time + remaining.
    assert_eq!(
        speech["deadline"].as_i64().expect("deadline"),
        pushed["server_time"].as_i64().expect("time")
            + speech["remaining_ms"].as_i64().expect("remaining")
    );
    assert_eq!(pushed["podium"]["tone"], "Running");
    assert!(!pushed["hall"]["next"].as_array().expect("next").is_empty());

    let lines = node.journal_lines();
    assert_eq!(lines.len(), 3, "opening record and two commands");
    assert!(lines[2].contains("source:Api"), "{}", lines[2]);
    assert!(lines[2].contains("action:Start"), "{}", lines[2]);
}

#[test]
fn every_command_route_reaches_the_session() {
    let node = node(false);
    let (status, _) = node.control(
        "/api/v1/commands",
        r#"{"BeginMeeting":{"meeting":"tue-am"}}"#,
    );
    assert_eq!(status, 200);
    let routes = [
        ("/api/v1/start", "", "ClockStarted"),
        ("/api/v1/extend/30", "", "Extended"),
        ("/api/v1/extend/-15", "", "Extended"),
        ("/api/v1/pause", "", "ClockPaused"),
        ("/api/v1/resume", "", "ClockResumed"),
        ("/api/v1/toggle", "", "ClockPaused"),
        ("/api/v1/toggle", "", "ClockResumed"),
        (
            "/api/v1/commands",
            r#"{"Message":{"text":"Please conclude"}}"#,
            "MessageShown",
        ),
        ("/api/v1/clear-message", "", "MessageCleared"),
        ("/api/v1/blackout/on", "", "Blackout"),
        ("/api/v1/blackout/off", "", "Blackout"),
        ("/api/v1/reset", "", "ClockReset"),
        ("/api/v1/start", "", "ClockStarted"),
        ("/api/v1/next", "", "SpeechEnded"),
        ("/api/v1/recall", "", "Recalled"),
        ("/api/v1/commands", r#""Next""#, "FloorGiven"),
        (
            "/api/v1/commands",
            r#"{"Insert":{"speaker":{"delegation":"Chile","name":"Ana Pérez","kind":"individual"},"position":1}}"#,
            "Inserted",
        ),
        (
            "/api/v1/commands",
            r#"{"SetRemaining":{"seconds":45}}"#,
            "RemainingSet",
        ),
    ];
    for (route, body, event) in routes {
        let (status, answer) = node.control(route, body);
        assert_eq!(status, 200, "{route}: {answer}");
        assert!(
            answer["events"].to_string().contains(event),
            "{route}: expected {event} in {answer}"
        );
    }
    let lines = node.journal_lines();
    assert_eq!(lines.len(), 2 + routes.len());
    assert!(lines[1..].iter().all(|l| l.contains("source:Api")));
    let state = node.state();
    assert_eq!(state["seq"], 1 + routes.len());
    assert_eq!(state["blackout"], false);
}

#[test]
fn bad_requests_get_the_answer_that_names_the_problem() {
    let node = node(false);
    // 401: no token, a wrong one.
    let (status, body) = node.post("/api/v1/next", None, "");
    assert_eq!(status, 401, "{body}");
    assert!(
        body["error"]
            .as_str()
            .expect("error")
            .contains("Authorization: Bearer")
    );
    let (status, _) = node.post(
        "/api/v1/commands",
        Some("test-token-0123456780"),
        r#""Next""#,
    );
    assert_eq!(status, 401);
    // 400: a body that is not a command, a bad number of seconds.
    let (status, body) = node.control("/api/v1/commands", r#"{"Extnd":{"seconds":30}}"#);
    assert_eq!(status, 400);
    let message = body["error"].as_str().expect("error");
    assert!(message.contains("unknown variant `Extnd`"), "{message}");
    assert!(message.contains("line 1 column"), "{message}");
    let (status, body) = node.control("/api/v1/commands", r#"{"Extend":{"seconds":"thirty"}}"#);
    assert_eq!(status, 400, "{body}");
    let (status, body) = node.control("/api/v1/extend/abc", "");
    assert_eq!(status, 400);
    assert!(
        body["error"]
            .as_str()
            .expect("error")
            .contains("whole number")
    );
    // 409: the session's own reason.
    let (status, body) = node.control("/api/v1/pause", "");
    assert_eq!(status, 409);
    assert_eq!(body["error"], "no one has the floor");
    // 413: over 64 KiB.
    let text = format!(r#"{{"Message":{{"text":"{}"}}}}"#, "a".repeat(BODY_LIMIT));
    let (status, _) = node.control("/api/v1/commands", &text);
    assert_eq!(status, 413);
    // 404: no such short route.
    let (status, body) = node.control("/api/v1/fly", "");
    assert_eq!(status, 404);
    assert!(
        body["error"]
            .as_str()
            .expect("error")
            .contains("extend/SECONDS")
    );
    // Nothing refused reached the journal.
    assert_eq!(node.journal_lines().len(), 1);
}

/// Every refusal, whichever part of the server made it — a token check, a page, an asset, a
/// language, a body, a route, the session — is the same JSON: `{"error": "…"}`, naming the
/// place, with the command's `id` when a command was refused.
#[test]
fn every_refusal_has_one_json_shape_that_names_the_place() {
    let node = node(false);
    let refusals = [
        (node.get("/view/lobby"), 404, "/view/lobby"),
        (node.get("/view/hall?lang=de"), 400, "/view/hall?lang="),
        (
            node.get("/view/assets/missing.js"),
            404,
            "/view/assets/missing.js",
        ),
    ];
    for ((status, text), expected, place) in refusals {
        assert_eq!(status, expected, "{text}");
        let body: serde_json::Value = serde_json::from_str(&text).expect("a JSON body");
        let keys: Vec<&String> = body.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["error"], "{text}");
        assert!(
            body["error"].as_str().expect("text").contains(place),
            "{text}"
        );
    }
    let (status, body) = node.post("/api/v1/next", None, "");
    assert_eq!((status, body.as_object().map(|o| o.len())), (401, Some(1)));
    let (status, body) = node.control_with_key("/api/v1/pause", "", "btn-pause-1");
    assert_eq!(status, 409);
    assert_eq!(
        body,
        serde_json::json!({"error": "no one has the floor", "id": "btn-pause-1"})
    );
}

#[test]
fn reads_can_require_the_token() {
    let node = node(true);
    assert_eq!(node.get("/api/v1/state").0, 401);
    assert_eq!(node.get(&format!("/api/v1/state?token={TOKEN}")).0, 200);
    assert!(tungstenite::connect(format!("ws://{}/api/v1/stream", node.addr)).is_err());
    let mut socket = stream(&node, &format!("/api/v1/stream?token={TOKEN}"));
    assert_eq!(next_state(&mut socket)["seq"], 0);
    // The views themselves are static pages; their data needs the token.
    assert_eq!(node.get("/view/overlay").0, 200);
    // Health stays open for monitoring, but says nothing of the meeting without the token.
    let (status, body) = node.get("/api/v1/health");
    assert_eq!(status, 200);
    assert_eq!(body, r#"{"status":"ok"}"#);
    let (_, body) = node.get(&format!("/api/v1/health?token={TOKEN}"));
    assert!(body.contains(r#""seq":0"#), "{body}");
}

#[test]
fn program_journal_health_and_views_are_served() {
    let node = node(false);
    let (status, body) = node.get("/api/v1/program");
    assert_eq!(status, 200);
    let program: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(program["meetings"].as_array().expect("meetings").len(), 5);
    assert_eq!(program["meetings"][1]["kind"], "Panel");
    let (status, body) = node.get("/api/v1/health");
    assert_eq!(status, 200);
    assert!(body.contains(r#""status":"ok""#), "{body}");
    let (status, body) = node.get("/api/v1/journal");
    assert_eq!(status, 200);
    assert!(
        body.starts_with("Opened("),
        "{}",
        &body[..40.min(body.len())]
    );
    for view in ["podium", "hall", "overlay"] {
        let (status, body) = node.get(&format!("/view/{view}"));
        assert_eq!(status, 200);
        assert!(body.contains("/view/assets/plenary.js"));
    }
    assert_eq!(node.get("/view/assets/plenary.js").0, 200);
    assert_eq!(node.get("/view/nothing").0, 404);
}

#[test]
fn hundreds_of_half_open_connections_do_not_stop_health_from_answering() {
    use std::io::Write;
    let node = node(false);
    // Loopback only, bounded: 300 clients that send half a request and then say nothing.
    let mut silent = Vec::new();
    for _ in 0..300 {
        let mut socket = std::net::TcpStream::connect(node.addr).expect("connects");
        socket
            .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: plenary\r\n")
            .expect("half a request");
        silent.push(socket);
    }
    let quick: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(2)))
        .build()
        .into();
    let mut response = quick
        .get(&node.url("/api/v1/health"))
        .call()
        .expect("health answers beside the silent connections");
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .body_mut()
            .read_to_string()
            .expect("body")
            .contains(r#""status":"ok""#)
    );
    drop(silent);
}
