//! The browser views in headless Chromium (feature `browser-tests`; `.ci/run` installs
//! Debian's `chromium`): the overlay and the hall show the delegation and the time, live from
//! a control node; screenshots are kept under `target/tmp/browser/`.

#![cfg(feature = "browser-tests")]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::node::{ControlNode, free_port};

fn chromium(args: &[&str], url: &str) -> std::process::Output {
    chromium_for(3000, args, url)
}

/// Chromium with `budget` ms of virtual time for the page to connect and draw (the page's
/// clock runs on by that much: a short budget for tests that read the time).
fn chromium_for(budget: u32, args: &[&str], url: &str) -> std::process::Output {
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1920,1080",
        ])
        .arg(format!("--virtual-time-budget={budget}"))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs (Debian package `chromium`)")
}

/// The page's DOM after its script has drawn the state. On a loaded machine a page may not
/// have connected within its budget (it marks `data-link="live"` once a state has come): it
/// is opened again, up to five times.
fn dom(url: &str) -> String {
    let mut last = String::new();
    for _ in 0..5 {
        let out = chromium(&["--dump-dom"], url);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        last = String::from_utf8_lossy(&out.stdout).into_owned();
        if last.contains(r#"data-link="live""#) {
            break;
        }
    }
    last
}

fn screenshot(
    url: &str,
    path: &Path,
    transparent: bool,
) -> png::Reader<std::io::BufReader<std::fs::File>> {
    let mut args = vec![format!("--screenshot={}", path.display())];
    if transparent {
        args.push("--default-background-color=00000000".into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = chromium(&args, url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("screenshot"),
    ))
    .read_info()
    .expect("a PNG")
}

/// A screenshot read by `read`, taken again (up to five times) until `read` says it shows
/// what the test waits for: on a loaded machine a page may not have connected within its
/// budget (as [`dom`] allows for). The last reading if it never does.
fn screenshot_until<T>(
    url: &str,
    path: &Path,
    transparent: bool,
    read: impl Fn(png::Reader<std::io::BufReader<std::fs::File>>) -> (bool, T),
) -> T {
    let mut tries = 0;
    loop {
        tries += 1;
        let (shown, value) = read(screenshot(url, path, transparent));
        if shown || tries == 5 {
            return value;
        }
    }
}

/// The text of the element with `id` in a dumped DOM.
fn element(dom: &str, id: &str) -> String {
    let open = format!("id=\"{id}\"");
    let Some(at) = dom.find(&open) else {
        return String::new();
    };
    let rest = &dom[at..];
    let start = rest.find('>').map_or(0, |i| i + 1);
    let end = rest[start..].find('<').map_or(rest.len(), |i| start + i);
    rest[start..end].to_string()
}

fn is_time(text: &str) -> bool {
    let digits: String = text.chars().filter(|c| *c != ':').collect();
    text.contains(':') && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() >= 3
}

/// A control node on `journal` with Tuesday morning begun and its first speech running:
/// Iceland on behalf of the Nordic countries, five minutes.
fn tuesday_running(journal: &Path) -> ControlNode {
    let node = ControlNode::start(journal, free_port());
    assert_eq!(
        node.command(
            "/api/v1/commands",
            r#"{"BeginMeeting":{"meeting":"tue-am"}}"#
        ),
        200
    );
    assert_eq!(node.command("/api/v1/start", ""), 200);
    node
}

/// Seconds left in a countdown's `M:SS`.
fn seconds(shown: &str) -> i64 {
    let (m, s) = shown.split_once(':').unwrap_or(("0", "0"));
    m.parse::<i64>().unwrap_or(-1) * 60 + s.parse::<i64>().unwrap_or(-1)
}

/// The native podium's digits now, from the control node's state.
fn native_digits(node: &ControlNode) -> String {
    let state: serde_json::Value = serde_json::from_str(&node.state()).expect("json");
    state["podium"]["digits"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_view_opened_in_the_middle_of_a_speech_shows_the_native_podiums_time() {
    let dir = tempfile::tempdir().expect("dir");
    let node = tuesday_running(&dir.path().join("late.journal"));
    // Opened well into the speech: the last change (the start) is long past.
    std::thread::sleep(std::time::Duration::from_secs(8));
    // On a loaded machine a page may not have connected within its short budget (it shows
    // nothing yet): opened again. What it shows once connected is what is checked.
    let (before, shown, after) = (0..5)
        .map(|_| {
            let before = seconds(&native_digits(&node));
            let out = chromium_for(500, &["--dump-dom"], &node.url("/view/podium"));
            assert!(out.status.success());
            let shown = element(&String::from_utf8_lossy(&out.stdout), "digits");
            (before, shown, seconds(&native_digits(&node)))
        })
        .find(|(_, shown, _)| !shown.is_empty())
        .expect("the view connected");
    let browser = seconds(&shown);
    assert!(before <= 300 - 7, "the speech runs: {before}");
    assert!(
        (after - 1..=before + 1).contains(&browser),
        "the browser shows {shown} while the native podium went from {before} to {after} s"
    );
}

#[test]
fn overlay_and_hall_show_the_delegation_and_the_time() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).expect("dir");
    let dir = tempfile::tempdir().expect("dir");
    let node = tuesday_running(&dir.path().join("browser.journal"));

    let overlay = dom(&node.url("/view/overlay"));
    assert_eq!(
        element(&overlay, "who"),
        "Iceland (on behalf of the Nordic countries)"
    );
    let time = element(&overlay, "time");
    assert!(is_time(&time) && time.starts_with('4'), "time {time:?}");
    assert!(overlay.contains(r#"data-shown="true""#));

    let hall = dom(&node.url("/view/hall"));
    assert_eq!(
        element(&hall, "headline"),
        "Iceland (on behalf of the Nordic countries)"
    );
    assert!(is_time(&element(&hall, "time")));
    assert!(hall.contains("Ethiopia"), "the next speaker is listed");

    // The overlay is transparent except for its lower third (for OBS).
    let (upper_clear, lower_rows, h) = screenshot_until(
        &node.url("/view/overlay"),
        &out.join("overlay.png"),
        true,
        |mut reader| {
            let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
            let info = reader.next_frame(&mut pixels).expect("pixels");
            assert_eq!(info.color_type, png::ColorType::Rgba);
            let (w, h) = (info.width as usize, info.height as usize);
            let alpha = |x: usize, y: usize| pixels[(y * w + x) * 4 + 3];
            let upper_clear = (0..h / 2).all(|y| (0..w).step_by(7).all(|x| alpha(x, y) == 0));
            let lower_rows = (h * 3 / 4..h)
                .filter(|y| (0..w).any(|x| alpha(x, *y) == 255))
                .count();
            (lower_rows > h / 20, (upper_clear, lower_rows, h))
        },
    );
    assert!(upper_clear, "the upper half is transparent");
    assert!(lower_rows > h / 20, "the lower third is drawn");

    // The hall: dark page with light text.
    let mut reader = screenshot(&node.url("/view/hall"), &out.join("hall.png"), false);
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    let bytes = info.color_type.samples();
    let bright = pixels
        .chunks(bytes)
        .filter(|p| p[0] > 200 && p[1] > 200 && p[2] > 200)
        .count();
    let total = pixels.len() / bytes;
    assert!(
        bright > total / 100 && bright < total / 3,
        "{bright} of {total}"
    );
    screenshot(&node.url("/view/podium"), &out.join("podium.png"), false);
}

/// The share of a screenshot's inked pixels (lighter than the dark page) in its right half,
/// within rows `rows` (fractions of the height).
fn right_share(
    mut reader: png::Reader<std::io::BufReader<std::fs::File>>,
    rows: (f32, f32),
) -> f32 {
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    let (w, h, bytes) = (
        info.width as usize,
        info.height as usize,
        info.color_type.samples(),
    );
    let (mut left, mut right) = (0usize, 0usize);
    for y in (h as f32 * rows.0) as usize..(h as f32 * rows.1) as usize {
        for x in 0..w {
            let p = &pixels[(y * w + x) * bytes..][..3];
            if p.iter().map(|c| *c as u32).sum::<u32>() > 300 {
                if x < w / 2 { left += 1 } else { right += 1 }
            }
        }
    }
    right as f32 / (left + right).max(1) as f32
}

#[test]
fn hall_and_overlay_in_arabic_and_chinese() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).expect("dir");
    let dir = tempfile::tempdir().expect("dir");
    let node = tuesday_running(&dir.path().join("languages.journal"));
    for (lang, headline, heading, next, font) in [
        (
            "ar",
            "آيسلندا (باسم بلدان الشمال الأوروبي)",
            "المتكلمون التالون",
            "إثيوبيا",
            "Noto Sans Arabic",
        ),
        (
            "zh",
            "冰岛（代表北欧国家）",
            "下几位发言者",
            "埃塞俄比亚",
            "Noto Sans CJK SC",
        ),
    ] {
        let hall = dom(&node.url(&format!("/view/hall?lang={lang}")));
        assert!(
            hall.contains(&format!(r#"lang="{lang}""#)),
            "{lang}: <html lang>"
        );
        assert_eq!(
            hall.contains(r#"dir="rtl""#),
            lang == "ar",
            "{lang}: direction"
        );
        assert_eq!(element(&hall, "headline"), headline, "{lang}");
        assert_eq!(element(&hall, "next-heading"), heading, "{lang}");
        assert!(
            hall.contains(next),
            "{lang}: the next speaker in the page's language"
        );
        assert!(is_time(&element(&hall, "time")), "{lang}: the time");
        // The script's own font was loaded for it: its letters are drawn, not boxes.
        let fonts = hall
            .split(r#"data-fonts=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        assert!(fonts.contains(font), "{lang}: fonts loaded: {fonts:?}");

        let overlay = dom(&node.url(&format!("/view/overlay?lang={lang}")));
        assert_eq!(element(&overlay, "who"), headline, "{lang}: overlay");

        let shot = out.join(format!("hall-{lang}.png"));
        let reader = screenshot(&node.url(&format!("/view/hall?lang={lang}")), &shot, false);
        // The current speaker's lines: right-aligned in Arabic, left in Chinese.
        let right = right_share(reader, (0.25, 0.45));
        if lang == "ar" {
            assert!(right > 0.6, "{lang}: {right:.2} of the ink on the right");
        } else {
            assert!(right < 0.6, "{lang}: {right:.2} of the ink on the right");
        }
        screenshot(
            &node.url(&format!("/view/overlay?lang={lang}")),
            &out.join(format!("overlay-{lang}.png")),
            true,
        );
    }
}

#[test]
fn the_html_report_shows_its_charts() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).expect("dir");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tuesday.journal");
    let bytes = std::fs::read(&fixture).expect("fixture");
    let report =
        plenary::records::report::Report::from_journal(&bytes, "tuesday.journal").expect("report");
    let page = out.join("report.html");
    std::fs::write(&page, report.render(plenary::records::report::Format::Html)).expect("written");
    let url = format!("file://{}", page.display());
    let dom = dom(&url);
    assert!(dom.contains("Iceland (on behalf of the Nordic countries)"));
    let mut reader = screenshot(&url, &out.join("report.png"), false);
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    let bytes = info.color_type.samples();
    let count = |rgb: [u8; 3]| {
        pixels
            .chunks(bytes)
            .filter(|p| p[..3].iter().zip(rgb).all(|(a, b)| a.abs_diff(b) < 12))
            .count()
    };
    // The charts' colours: spoken (blue), past the limit (red), allotted (grey).
    assert!(count([41, 115, 217]) > 5000, "spoken bars");
    assert!(count([204, 26, 26]) > 1000, "overtime bars");
    assert!(count([205, 210, 218]) > 5000, "allotted bars");
}

/// For each row of a screenshot's left half (the names, the next speakers, the anchors; the
/// time and its cue are on the right), whether it holds any light pixel.
fn inked_rows(mut reader: png::Reader<std::io::BufReader<std::fs::File>>) -> Vec<bool> {
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    let row = info.line_size;
    let bytes = info.color_type.samples();
    pixels[..row * info.height as usize]
        .chunks(row)
        .map(|line| {
            line[..row / 2]
                .chunks(bytes)
                .any(|p| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) > 3 * 110)
        })
        .collect()
}

#[test]
fn pausing_a_speech_moves_nothing_on_the_hall() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).expect("dir");
    let dir = tempfile::tempdir().expect("dir");
    // Saint Lucia on behalf of the Caribbean Community: a headline that wraps.
    let node = ControlNode::start(&dir.path().join("pause.journal"), free_port());
    assert_eq!(
        node.command(
            "/api/v1/commands",
            r#"{"BeginSegment":{"segment":"statements"}}"#
        ),
        200
    );
    assert_eq!(node.command("/api/v1/start", ""), 200);
    let running = inked_rows(screenshot(
        &node.url("/view/hall"),
        &out.join("hall-running.png"),
        false,
    ));
    assert_eq!(node.command("/api/v1/pause", ""), 200);
    let paused = inked_rows(screenshot(
        &node.url("/view/hall"),
        &out.join("hall-paused.png"),
        false,
    ));
    // Every line beside and under the time stands on the same rows: the time's cue changes,
    // nothing moves.
    let moved: Vec<usize> = (0..running.len())
        .filter(|&y| running[y] != paused[y])
        .collect();
    assert!(moved.is_empty(), "rows that changed: {moved:?}");
}

#[test]
fn a_point_of_order_counts_up_on_every_view_and_the_speakers_time_waits() {
    let dir = tempfile::tempdir().expect("dir");
    let node = tuesday_running(&dir.path().join("order.journal"));
    assert_eq!(
        node.command(
            "/api/v1/commands",
            r#"{"Interrupt":{"cause":"PointOfOrder","by":"Russian Federation"}}"#
        ),
        200
    );
    let podium = dom(&node.url("/view/podium"));
    assert_eq!(element(&podium, "label"), "POINT OF ORDER");
    assert_eq!(element(&podium, "who"), "Russian Federation");
    assert!(
        element(&podium, "speaker").starts_with("The speaker's time stopped at 4:"),
        "{podium}"
    );
    // Its own clock, counting up from 0:00 (the page ran for its few seconds of budget).
    let shown = element(&podium, "digits");
    assert!(is_time(&shown) && seconds(&shown) < 60, "{shown}");
    let hall = dom(&node.url("/view/hall"));
    assert_eq!(
        element(&hall, "headline"),
        "Point of order — Russian Federation"
    );
    assert_eq!(element(&hall, "phase"), "POINT OF ORDER");
    let overlay = dom(&node.url("/view/overlay"));
    assert_eq!(
        element(&overlay, "who"),
        "Point of order — Russian Federation"
    );
    assert!(overlay.contains(r#"data-shown="true""#));
    // The floor back: the speaker's countdown again.
    assert_eq!(node.command("/api/v1/floor-back", ""), 200);
    let podium = dom(&node.url("/view/podium"));
    assert_eq!(element(&podium, "label"), "");
    assert_eq!(element(&podium, "who"), "Iceland");
}

/// The pixels of a screenshot within rows `rows` and columns `columns` (fractions) that are
/// drawn: opaque on a transparent page, light on a dark one.
fn drawn(
    mut reader: png::Reader<std::io::BufReader<std::fs::File>>,
    rows: (f32, f32),
    columns: (f32, f32),
) -> usize {
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    let (w, h, bytes) = (
        info.width as usize,
        info.height as usize,
        info.color_type.samples(),
    );
    let mut count = 0;
    for y in (h as f32 * rows.0) as usize..(h as f32 * rows.1) as usize {
        for x in (w as f32 * columns.0) as usize..(w as f32 * columns.1) as usize {
            let p = &pixels[(y * w + x) * bytes..][..bytes];
            let light = p[..3].iter().map(|c| u32::from(*c)).sum::<u32>() > 300;
            let opaque = bytes < 4 || p[3] > 0;
            if light && opaque {
                count += 1;
            }
        }
    }
    count
}

/// A rehearsal is seen on every browser view, not only set as an attribute: the REHEARSAL
/// badge's pixels at the top centre of the podium, the hall and the overlay, which the same
/// views on the day do not have there.
#[test]
fn a_rehearsal_is_seen_on_every_browser_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).expect("out");
    let day = tuesday_running(&dir.path().join("day.journal"));
    let rehearsal = ControlNode::start_with(
        &dir.path().join("rehearsal.journal"),
        free_port(),
        &["--rehearse"],
    );
    for (view, transparent, band) in [
        ("podium", false, (0.0, 0.06)),
        ("hall", false, (0.0, 0.06)),
        ("overlay", true, (0.03, 0.11)),
    ] {
        let top = |node: &ControlNode, name: &str, at_least: usize| {
            let shot = out.join(format!("{view}-{name}.png"));
            screenshot_until(
                &node.url(&format!("/view/{view}")),
                &shot,
                transparent,
                |reader| {
                    let count = drawn(reader, band, (0.4, 0.6));
                    (count >= at_least, count)
                },
            )
        };
        let on_the_day = top(&day, "day", 0);
        let rehearsing = top(&rehearsal, "rehearsal", on_the_day + 501);
        assert!(
            rehearsing > on_the_day + 500,
            "{view}: the REHEARSAL badge is not seen ({rehearsing} light pixels at the top against {on_the_day} on the day)"
        );
    }
}
