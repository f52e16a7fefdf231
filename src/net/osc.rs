//! OSC input (`--osc ADDR`, UDP): `/plenary/next`, `/plenary/extend 30`, … into the same
//! channel as every other source, with source `Osc`. OSC has no authentication: it binds to
//! loopback unless told otherwise.

use std::net::{SocketAddr, UdpSocket};
use std::thread;
use std::time::{Duration, Instant};

use rosc::{OscMessage, OscPacket, OscType};

use crate::host::{Inbox, MAX_ID_LEN, Outcome, fresh_id, valid_id};
use crate::meeting::buttons::{button, button_names};
use crate::meeting::{Action, Command, Interruption, Source};

/// The OSC addresses understood, for messages: every button (`/plenary/next`), and those that
/// take an argument.
pub fn addresses() -> String {
    format!(
        "{}, /plenary/extend SECONDS, /plenary/message TEXT, /plenary/blackout 0|1, /plenary/point-of-order [DELEGATION]",
        button_names("/plenary/")
    )
}

/// The action an OSC message asks for, or what is wrong with it.
pub fn action(message: &OscMessage) -> Result<Action, String> {
    let name = message
        .addr
        .strip_prefix("/plenary/")
        .ok_or_else(|| format!("{}: not a plenary address ({})", message.addr, addresses()))?;
    // The first argument that is not the command's `id:`.
    let arg = message
        .args
        .iter()
        .find(|a| !matches!(a, OscType::String(s) if s.starts_with("id:")));
    let number = || -> Result<i64, String> {
        match arg {
            Some(OscType::Int(i)) => Ok(i64::from(*i)),
            Some(OscType::Long(i)) => Ok(*i),
            Some(OscType::Float(f)) if f.is_finite() => Ok(f.round() as i64),
            Some(OscType::Double(f)) if f.is_finite() => Ok(f.round() as i64),
            Some(OscType::String(s)) => s
                .trim()
                .parse()
                .map_err(|_| format!("{}: {s:?} is not a number of seconds", message.addr)),
            Some(other) => Err(format!("{}: {other:?} is not a number", message.addr)),
            None => Err(format!("{}: needs an argument", message.addr)),
        }
    };
    Ok(match (name, arg) {
        ("extend", _) => Action::Extend { seconds: number()? },
        // A point of order may name the delegation that raised it.
        ("point-of-order", Some(OscType::String(by))) => Action::Interrupt {
            cause: Interruption::PointOfOrder,
            by: Some(by.clone()),
        },
        ("blackout", Some(OscType::Bool(on))) => Action::Blackout { on: *on },
        ("blackout", None) => Action::Blackout { on: true },
        ("blackout", Some(_)) => Action::Blackout { on: number()? != 0 },
        ("message", Some(OscType::String(text))) => Action::Message { text: text.clone() },
        ("message", _) => return Err(format!("{}: needs the text as a string", message.addr)),
        (other, _) => {
            button(other).ok_or_else(|| format!("/plenary/{other}: unknown ({})", addresses()))?
        }
    })
}

/// The command's id: a string argument `id:KEY` (Companion can add one per button press, so
/// that a message sent twice is applied once), or a fresh one.
pub fn command_id(message: &OscMessage) -> Result<String, String> {
    let given = message.args.iter().find_map(|arg| match arg {
        OscType::String(s) => s.strip_prefix("id:"),
        _ => None,
    });
    match given {
        Some(id) if valid_id(id) => Ok(id.to_string()),
        Some(_) => Err(format!(
            "{}: an id: argument must be 1 to {MAX_ID_LEN} visible ASCII characters",
            message.addr
        )),
        None => Ok(fresh_id(Source::Osc)),
    }
}

fn messages(packet: OscPacket, out: &mut Vec<OscMessage>) {
    match packet {
        OscPacket::Message(m) => out.push(m),
        OscPacket::Bundle(b) => b.content.into_iter().for_each(|p| messages(p, out)),
    }
}

/// Problems reported on standard error at most once a second, with how many there were:
/// any sender can send bad datagrams, and none may flood the log.
struct Quiet {
    last: Option<Instant>,
    held: u64,
}

impl Quiet {
    fn new() -> Quiet {
        Quiet {
            last: None,
            held: 0,
        }
    }

    /// The line to print now for `problem`, if a second has passed since the last one.
    fn report(&mut self, now: Instant, problem: &str) -> Option<String> {
        if self
            .last
            .is_some_and(|t| now.duration_since(t) < Duration::from_secs(1))
        {
            self.held += 1;
            return None;
        }
        self.last = Some(now);
        let line = match std::mem::take(&mut self.held) {
            0 => format!("osc: {problem}"),
            n => format!("osc: {problem} (and {n} more problems in the last second)"),
        };
        Some(line)
    }
}

/// Takes OSC's address (before anything starts, so that a taken port is said first).
pub fn bind(addr: SocketAddr) -> std::io::Result<UdpSocket> {
    UdpSocket::bind(addr)
}

/// Listens on `socket` from a thread of its own; problems are reported on standard error, at
/// most once a second.
pub fn start(socket: UdpSocket, inbox: Inbox) -> std::io::Result<SocketAddr> {
    let local = socket.local_addr()?;
    if !local.ip().is_loopback() {
        eprintln!(
            "osc: listening on {local}, beyond this computer: OSC has no authentication, so \
             anyone who can reach this address can run the meeting; prefer 127.0.0.1 (Companion \
             on the same computer) or a closed network"
        );
    }
    thread::Builder::new()
        .name("plenary-osc".into())
        .spawn(move || {
            let mut buf = [0u8; rosc::decoder::MTU];
            let mut quiet = Quiet::new();
            let mut say = |problem: String| {
                if let Some(line) = quiet.report(Instant::now(), &problem) {
                    eprintln!("{line}");
                }
            };
            loop {
                let (len, from) = match socket.recv_from(&mut buf) {
                    Ok(r) => r,
                    Err(e) => {
                        say(e.to_string());
                        continue;
                    }
                };
                let packet = match rosc::decoder::decode_udp(&buf[..len]) {
                    Ok((_, packet)) => packet,
                    Err(e) => {
                        say(format!("from {from}: not an OSC packet ({e})"));
                        continue;
                    }
                };
                let mut found = Vec::new();
                messages(packet, &mut found);
                for message in found {
                    match action(&message).and_then(|a| Ok((a, command_id(&message)?))) {
                        Ok((action, id)) => {
                            let command = Command::new(Source::Osc, action).with_id(id);
                            let Some(answer) = inbox.ask(command) else {
                                return;
                            };
                            if let Ok(Outcome {
                                result: Err(refusal),
                                ..
                            }) = answer.recv()
                            {
                                say(format!("{}: {refusal}", message.addr));
                            }
                        }
                        Err(problem) => say(format!("from {from}: {problem}")),
                    }
                }
            }
        })?;
    Ok(local)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(addr: &str, args: Vec<OscType>) -> OscMessage {
        OscMessage {
            addr: addr.into(),
            args,
        }
    }

    #[test]
    fn addresses_map_to_actions() {
        assert_eq!(action(&msg("/plenary/next", vec![])), Ok(Action::Next));
        assert_eq!(
            action(&msg(
                "/plenary/point-of-order",
                vec![OscType::String("Cuba".into())]
            )),
            Ok(Action::Interrupt {
                cause: crate::meeting::Interruption::PointOfOrder,
                by: Some("Cuba".into()),
            })
        );
        assert_eq!(
            action(&msg("/plenary/floor-back", vec![])),
            Ok(Action::GiveFloorBack)
        );
        assert_eq!(
            action(&msg("/plenary/extend", vec![OscType::Int(30)])),
            Ok(Action::Extend { seconds: 30 })
        );
        assert_eq!(
            action(&msg("/plenary/extend", vec![OscType::Float(-15.0)])),
            Ok(Action::Extend { seconds: -15 })
        );
        assert_eq!(
            action(&msg("/plenary/toggle", vec![])),
            Ok(Action::StartOrPause)
        );
        assert_eq!(
            action(&msg("/plenary/blackout", vec![OscType::Int(0)])),
            Ok(Action::Blackout { on: false })
        );
        assert_eq!(
            action(&msg(
                "/plenary/message",
                vec![OscType::String("Please conclude".into())]
            ),),
            Ok(Action::Message {
                text: "Please conclude".into()
            })
        );
    }

    #[test]
    fn bad_messages_are_explained() {
        let e = action(&msg("/plenary/extend", vec![])).expect_err("no argument");
        assert!(e.contains("needs an argument"), "{e}");
        let e = action(&msg("/plenary/fly", vec![])).expect_err("unknown");
        assert!(e.contains("unknown"), "{e}");
        let e = action(&msg("/other/next", vec![])).expect_err("foreign");
        assert!(e.contains("not a plenary address"), "{e}");
        let e = action(&msg("/plenary/extend", vec![OscType::Float(f32::NAN)])).expect_err("nan");
        assert!(e.contains("not a number"), "{e}");
    }

    #[test]
    fn bad_datagrams_are_logged_at_most_once_a_second_with_the_count() {
        let mut quiet = Quiet::new();
        let start = Instant::now();
        assert_eq!(quiet.report(start, "bad").as_deref(), Some("osc: bad"));
        for i in 1..=500 {
            assert_eq!(quiet.report(start + Duration::from_millis(i), "bad"), None);
        }
        assert_eq!(
            quiet
                .report(start + Duration::from_secs(2), "bad")
                .as_deref(),
            Some("osc: bad (and 500 more problems in the last second)")
        );
    }

    #[test]
    fn a_datagram_reaches_the_channel_with_source_osc() {
        let (inbox, rx) = Inbox::channel();
        let socket = bind("127.0.0.1:0".parse().expect("addr")).expect("bound");
        let local = start(socket, inbox).expect("started");
        let packet = OscPacket::Message(msg("/plenary/extend", vec![OscType::Int(30)]));
        let bytes = rosc::encoder::encode(&packet).expect("encoded");
        let socket = UdpSocket::bind("127.0.0.1:0").expect("socket");
        socket.send_to(&bytes, local).expect("sent");
        let envelope = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("received");
        assert_eq!(envelope.command.source, Source::Osc);
        assert_eq!(envelope.command.action, Action::Extend { seconds: 30 });
        let id = envelope
            .command
            .id
            .expect("every OSC command carries an id");
        assert!(id.starts_with("osc-") && id.len() == 28, "{id}");
    }

    #[test]
    fn an_id_argument_names_the_command_and_is_not_taken_for_its_text() {
        let press = msg(
            "/plenary/message",
            vec![
                OscType::String("id:companion-7-1-42".into()),
                OscType::String("Please conclude".into()),
            ],
        );
        assert_eq!(
            action(&press),
            Ok(Action::Message {
                text: "Please conclude".into()
            })
        );
        assert_eq!(command_id(&press).as_deref(), Ok("companion-7-1-42"));
        let spaced = msg(
            "/plenary/next",
            vec![OscType::String("id:with space".into())],
        );
        assert!(
            command_id(&spaced)
                .expect_err("refused")
                .contains("visible ASCII")
        );
    }

    /// A message sent twice with the same id (a retry) is applied once: the host answers the
    /// second with the first answer.
    #[test]
    fn the_same_press_sent_twice_is_applied_once() {
        use crate::host::{Host, ManualClock, RestartPolicy};
        use crate::meeting::{Sources, Stamp};
        let dir = tempfile::tempdir().expect("dir");
        let (inbox, rx) = Inbox::channel();
        let clock = std::sync::Arc::new(ManualClock::new(Stamp::synthetic(
            chrono::DateTime::UNIX_EPOCH + chrono::TimeDelta::days(20_000),
        )));
        let (mut host, _) = Host::open(
            &dir.path().join("osc.journal"),
            &Sources::seed().expect("seed"),
            false,
            RestartPolicy::Continue,
            clock,
            rx,
        )
        .expect("host");
        let socket = bind("127.0.0.1:0".parse().expect("addr")).expect("bound");
        let local = start(socket, inbox).expect("started");
        // Shown twice, a message would be two commands; with the same id it is one.
        let press = OscPacket::Message(msg(
            "/plenary/message",
            vec![
                OscType::String("Please conclude".into()),
                OscType::String("id:btn-3-press-9".into()),
            ],
        ));
        let bytes = rosc::encoder::encode(&press).expect("encoded");
        let socket = UdpSocket::bind("127.0.0.1:0").expect("socket");
        for _ in 0..2 {
            socket.send_to(&bytes, local).expect("sent");
            let _ = host.wait(std::time::Duration::from_secs(5));
        }
        assert_eq!(host.seq(), 1, "applied once");
    }
}
