//! A point of order during a group statement, as the day will have it: the speaker's clock
//! stops with its cause journaled, podium and hall show the point of order on its own clock,
//! the floor comes back with exactly the time the speaker had — across a restart in the
//! middle of it — and the report lists it.

mod support;

use plenary::host::Desk as Host;
use plenary::meeting::{Action, Interruption, Millis, Phase, Stamp};
use plenary::records::report::{Format, Report};
use plenary::view::{self, Tone};
use support::{console_at, seed_host, venue};

fn tuesday(time: &str) -> Stamp {
    venue("2025-11-25", time)
}

fn host(path: &std::path::Path, at: &str) -> (Host, std::sync::Arc<plenary::host::ManualClock>) {
    seed_host(path, tuesday(at))
}

/// Moves the clock to `time` and has the console send `action`, which must be accepted.
fn at(host: &mut Host, clock: &plenary::host::ManualClock, time: &str, action: Action) {
    let text = format!("{time} {action:?}");
    console_at(host, clock, tuesday(time), action).unwrap_or_else(|r| panic!("{text}: {r}"));
}

#[test]
fn a_point_of_order_during_a_group_statement_gives_back_the_exact_time() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("tuesday.journal");
    let (mut h, clock) = host(&journal, "09:59:00");
    at(&mut h, &clock, "10:00:00", Action::begin_meeting("tue-am"));
    // Iceland, on behalf of the Nordic countries: five minutes.
    at(&mut h, &clock, "10:00:05", Action::Start);
    let remaining = |h: &Host, time: &str| {
        h.session()
            .reading(&tuesday(time))
            .expect("floor")
            .remaining
            .expect("a limit")
    };
    assert_eq!(remaining(&h, "10:02:24"), Millis::from_secs(161));
    at(
        &mut h,
        &clock,
        "10:02:24",
        Action::Interrupt {
            cause: Interruption::PointOfOrder,
            by: Some("Russian Federation".into()),
        },
    );

    // A minute in: podium and hall show the point of order on its own clock.
    let podium = view::podium(h.session(), &tuesday("10:03:30"));
    assert_eq!(
        (
            podium.digits.as_str(),
            podium.label.as_str(),
            podium.who.as_str()
        ),
        ("1:06", "POINT OF ORDER", "Russian Federation")
    );
    assert_eq!(podium.tone, Tone::CountUp);
    assert_eq!(podium.speaker, "The speaker's time stopped at 2:41");
    let hall = view::hall(h.session(), &tuesday("10:03:30"));
    let current = hall.current.expect("current");
    assert_eq!(current.headline, "Point of order — Russian Federation");
    assert_eq!(
        current.detail,
        "Iceland (on behalf of the Nordic countries): time stopped at 2:41"
    );
    assert_eq!(hall.time, "1:06");
    // The stray Next is refused in words, and changes nothing.
    let refusal = console_at(&mut h, &clock, tuesday("10:04:00"), Action::Next)
        .expect_err("refused")
        .to_string();
    assert!(
        refusal.contains("Point of order (Russian Federation) interrupts the floor"),
        "{refusal}"
    );

    // The power goes in the middle of it: the journal brings the point of order back.
    drop(h);
    let (mut h, clock) = host(&journal, "10:05:00");
    let interrupted = h
        .session()
        .interrupted()
        .expect("still interrupted")
        .clone();
    assert_eq!(interrupted.since, tuesday("10:02:24"));
    assert_eq!(
        h.session().time_held(&tuesday("10:05:00")),
        Some(Millis::from_secs(161))
    );

    // The President rules; the speaker has the floor back with 2:41, and the clock runs.
    at(&mut h, &clock, "10:06:04", Action::GiveFloorBack);
    assert_eq!(remaining(&h, "10:06:04"), Millis::from_secs(161));
    let reading = h.session().reading(&tuesday("10:08:45")).expect("floor");
    assert_eq!(
        (reading.phase, reading.shown.as_str()),
        (Phase::Expired, "0:00")
    );
    at(&mut h, &clock, "10:08:45", Action::Next);
    let record = h.session().records().last().expect("a record").clone();
    assert_eq!(record.spoken, Millis::from_secs(300));
    assert_eq!(record.overtime, Millis::ZERO);
    assert_eq!(record.paused, Millis::from_secs(220));

    // The report lists it, with the speech and in its own table.
    drop(h);
    let bytes = std::fs::read(&journal).expect("journal");
    let report = Report::from_journal(&bytes, "tuesday.journal").expect("report");
    assert_eq!(
        report.speeches[0].interrupted,
        vec!["Point of order (Russian Federation) 3:40".to_string()]
    );
    let row = &report.interruptions[0];
    assert_eq!(
        (row.by.as_str(), row.during.as_str()),
        (
            "Russian Federation",
            "Iceland (on behalf of the Nordic countries)"
        )
    );
    assert_eq!(row.record.lasted(), Millis::from_secs(220));
    let markdown = report.render(Format::Md);
    assert!(
        markdown.contains(
            "| tue-am | 10:02:24 | Point of order | Russian Federation | \
             Iceland (on behalf of the Nordic countries) | 3:40 | 2:41 |"
        ),
        "{markdown}"
    );
    assert!(
        report
            .render(Format::Csv)
            .contains("Point of order (Russian Federation) 3:40")
    );
}
