//! The small per-view streams (`/api/v1/stream?view=podium|hall|overlay`): each view gets its
//! own fields only, a timer change to a podium is a few hundred bytes, a change a view does
//! not show sends it nothing, and the list of speakers goes only to the console's stream.

mod support;

use std::time::Duration;

use serde_json::Value;
use support::server::{Node, Socket, next_state, node, node_on, stream};
use tokio_tungstenite::tungstenite;

/// The next state message's text on `socket` (clock and pong messages passed over).
fn next_text(socket: &mut Socket) -> String {
    loop {
        if let tungstenite::Message::Text(text) = socket.read().expect("a message")
            && text.contains("\"seq\"")
        {
            return text.to_string();
        }
    }
}

/// The next state message on `socket`, as JSON.
fn next_json(socket: &mut Socket) -> Value {
    serde_json::from_str(&next_text(socket)).expect("json")
}

/// Whether a state message arrives on `socket` within `wait`.
/// The first message of a view's stream for which `current` holds: a view opened just after
/// a command may first get the view as it was, then the change (the server builds the small
/// views on its own threads after the command is answered).
fn first_current(socket: &mut Socket, current: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..5 {
        let state = next_json(socket);
        if current(&state) {
            return state;
        }
    }
    panic!("the view never showed the current state");
}

fn any_state_within(socket: &mut Socket, wait: Duration) -> bool {
    if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = socket.get_ref() {
        tcp.set_read_timeout(Some(wait)).expect("timeout");
    }
    loop {
        match socket.read() {
            Ok(tungstenite::Message::Text(text)) if text.contains("\"seq\"") => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

/// A server with Tuesday morning begun and its first speech running (Iceland, on behalf of
/// the Nordic countries).
fn tuesday_running() -> Node {
    let node = node(false);
    command(&node, r#"{"BeginMeeting":{"meeting":"tue-am"}}"#);
    command(&node, r#""Start""#);
    node
}

fn command(node: &Node, body: &str) {
    let (status, answer) = node.control("/api/v1/commands", body);
    assert_eq!(status, 200, "{body}: {answer}");
}

#[test]
fn a_timer_change_to_a_podium_is_small_and_carries_no_list() {
    let node = node(false);
    command(&node, r#"{"BeginMeeting":{"meeting":"tue-am"}}"#);
    let mut podium = stream(&node, "/api/v1/stream?view=podium");
    let first = next_text(&mut podium);
    assert!(!first.contains("\"list\""), "{first}");
    for body in [
        r#""Start""#,
        r#"{"Extend":{"seconds":30}}"#,
        r#""Pause""#,
        r#""Resume""#,
    ] {
        command(&node, body);
        let text = next_text(&mut podium);
        assert!(text.len() < 512, "{body}: {} bytes: {text}", text.len());
        let state: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(state["podium"]["who"], "Iceland", "{text}");
        assert!(state["speech"]["limit_ms"].is_i64(), "{text}");
        assert!(state.get("list").is_none() && state.get("hall").is_none());
    }
    // The full state, for the console, still has the list of speakers.
    let mut console = stream(&node, "/api/v1/stream?view=console");
    assert!(
        next_state(&mut console)["list"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    );
}

#[test]
fn a_change_a_view_does_not_show_sends_it_nothing() {
    let node = tuesday_running();
    let mut podium = stream(&node, "/api/v1/stream?view=podium");
    let mut full = stream(&node, "/api/v1/stream");
    next_text(&mut podium);
    next_state(&mut full);
    // A speaker inscribed for the afternoon: the list changes, the podium does not.
    command(
        &node,
        r#"{"Insert":{"speaker":{"meeting":"tue-pm","delegation":"Chile","name":"Ana Pérez","kind":"individual"}}}"#,
    );
    assert!(next_state(&mut full)["seq"].as_u64() >= Some(3));
    assert!(
        !any_state_within(&mut podium, Duration::from_millis(800)),
        "the podium was sent a change it does not show"
    );
    // A message to the speaker is the podium's.
    command(&node, r#"{"Message":{"text":"Please conclude"}}"#);
    assert!(any_state_within(&mut podium, Duration::from_secs(10)));
}

#[test]
fn hall_and_overlay_get_their_own_fields_and_a_wrong_view_is_named() {
    let node = tuesday_running();
    let mut hall = stream(&node, "/api/v1/stream?view=hall");
    let state = first_current(&mut hall, |s| !s["hall"]["current"]["headline"].is_null());
    assert_eq!(
        state["hall"]["current"]["headline"],
        "Iceland (on behalf of the Nordic countries)"
    );
    assert!(
        state["hall"]["next"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    );
    assert!(state.get("list").is_none());
    let mut overlay = stream(&node, "/api/v1/stream?view=overlay");
    let state = first_current(&mut overlay, |s| !s["who"].is_null());
    assert_eq!(state["who"], "Iceland (on behalf of the Nordic countries)");
    assert!(state["speech"]["origin"].is_i64());
    let refused = tungstenite::connect(format!("ws://{}/api/v1/stream?view=lobby", node.addr));
    match refused {
        Err(tungstenite::Error::Http(response)) => assert_eq!(response.status(), 400),
        other => panic!("expected 400, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn each_language_is_a_stream_of_its_own_and_a_wrong_one_is_named() {
    let node = tuesday_running();
    let mut french = stream(&node, "/api/v1/stream?view=hall&lang=fr");
    let mut russian = stream(&node, "/api/v1/stream?view=podium&lang=ru");
    let state = first_current(&mut french, |s| !s["hall"]["current"]["headline"].is_null());
    assert_eq!(
        state["hall"]["current"]["headline"],
        "Islande (au nom de : Pays nordiques)"
    );
    assert_eq!(state["kind"], "Au nom d’un groupe d’États");
    assert!(
        state["hall"]["date"]
            .as_str()
            .is_some_and(|d| d.contains("novembre"))
    );
    let state = first_current(&mut russian, |s| s["podium"]["who"] != "");
    assert_eq!(state["podium"]["who"], "Исландия");
    // A preset message, sent in English, reaches each display in its language.
    command(&node, r#"{"Message":{"text":"Please conclude"}}"#);
    let state = first_current(&mut russian, |s| !s["message"].is_null());
    assert_eq!(state["message"], "Просьба завершить выступление");
    let refused = tungstenite::connect(format!(
        "ws://{}/api/v1/stream?view=hall&lang=de",
        node.addr
    ));
    match refused {
        Err(tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 400);
            let body = String::from_utf8_lossy(response.body().as_deref().unwrap_or_default());
            assert!(body.contains("ar, zh, en, fr, ru or es"), "{body}");
        }
        other => panic!("expected 400, got {:?}", other.map(|_| ())),
    }
}

/// A hall left open overnight turns to the next day at midnight with no command: the small
/// views are built again every little while, and sent only when what they show moved. The
/// full state is not sent again for it.
#[test]
fn a_hall_left_open_overnight_turns_to_the_next_day_without_a_command() {
    let late = chrono::DateTime::parse_from_rfc3339("2025-11-24T23:59:00-05:00")
        .expect("time")
        .with_timezone(&chrono::Utc);
    let clock = std::sync::Arc::new(plenary::host::ManualClock::new(
        plenary::meeting::Stamp::synthetic(late),
    ));
    let node = node_on(false, clock.clone(), Duration::from_millis(200));
    let mut hall = stream(&node, "/api/v1/stream?view=hall");
    let mut full = stream(&node, "/api/v1/stream");
    assert_eq!(
        next_json(&mut hall)["hall"]["date"],
        "Monday 24 November 2025"
    );
    next_state(&mut full);
    // A refresh with nothing moved sends nothing.
    assert!(!any_state_within(&mut hall, Duration::from_millis(700)));
    clock.advance(plenary::meeting::Millis::from_secs(90));
    if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = hall.get_ref() {
        tcp.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
    }
    assert_eq!(
        next_json(&mut hall)["hall"]["date"],
        "Tuesday 25 November 2025"
    );
    assert!(
        !any_state_within(&mut full, Duration::from_millis(700)),
        "the full state was sent with nothing changed"
    );
}
