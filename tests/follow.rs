//! Two processes: `plenary run --headless` as the control node and `plenary display --follow
//! --print` as a follower. A command sent to the control node reaches the follower; when the
//! control node is killed and restarted, the follower reconnects by itself.

mod support;

use std::process::{Command, Stdio};

use support::node::{ControlNode, Running, expect, free_port, lines};

#[test]
fn a_follower_sees_commands_and_reconnects_after_the_control_node_restarts() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("follow.journal");
    let port = free_port();
    let node = ControlNode::start(&journal, port);

    let mut follower = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["display", "--print", "--follow"])
        .arg(node.url(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the follower starts");
    let seen = lines(follower.stdout.take().expect("stdout"));
    let _follower = Running(follower);
    expect(&seen, "link: live", |l| l == "link: live");
    expect(&seen, "the session at seq 0", |l| {
        l.starts_with("status ") && l.contains("floor=none") && l.ends_with("seq=0")
    });

    // The control node lists the follower with the round trip it measured.
    let start = std::time::Instant::now();
    loop {
        let listed = node.get("/api/v1/displays");
        if listed.contains(r#""kind":"follower""#)
            && listed.contains(r#""round_trip_ms":"#)
            && !listed.contains(r#""round_trip_ms":null"#)
        {
            break;
        }
        assert!(
            start.elapsed().as_secs() < 20,
            "the follower is listed: {listed}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    assert_eq!(node.command("/api/v1/start", ""), 200);
    let line = expect(&seen, "the started speech", |l| l.ends_with("seq=1"));
    assert!(line.contains("floor=0"), "{line}");
    assert!(line.contains("paused=false"), "{line}");

    drop(node); // killed
    expect(&seen, "link: lost", |l| l.starts_with("link: lost"));

    let node = ControlNode::start(&journal, port);
    expect(&seen, "link: live again", |l| l == "link: live");
    assert_eq!(node.command("/api/v1/pause", ""), 200);
    let line = expect(&seen, "the pause after the restart", |l| {
        l.ends_with("seq=2")
    });
    assert!(line.contains("paused=true"), "{line}");
}
