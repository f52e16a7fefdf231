//! The HTML report's charts, drawn as SVG by plotters: spoken against allotted time per
//! speaker, and the meeting's planned against actual timeline.

use std::sync::Once;

use chrono::{DateTime, Utc};
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::speeches::{MeetingSummary, SpeechRow};
use crate::meeting::program::Program;

const ALLOTTED: RGBColor = RGBColor(205, 210, 218);
const SPOKEN: RGBColor = RGBColor(41, 115, 217);
const OVER: RGBColor = RGBColor(204, 26, 26);
const PLANNED_END: RGBColor = RGBColor(255, 176, 0);

/// plotters measures text with this font (the one the displays use); the SVG names the
/// family and the browser draws it.
fn fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            crate::view::fonts::DEJAVU_SANS,
        );
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Bold,
            crate::view::fonts::DEJAVU_SANS_BOLD,
        );
    });
}

fn minutes(ms: i64) -> f64 {
    ms as f64 / 60_000.0
}

/// Draws with `draw` into an SVG of `size`; a chart that cannot be drawn says so instead.
fn svg(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), String>,
) -> String {
    fonts();
    let mut out = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(|e| e.to_string()))
    };
    match result {
        Ok(()) => out,
        Err(e) => format!("<p class=\"note\">This chart could not be drawn: {e}</p>"),
    }
}

/// Bars per speaker, in the order heard: the allowance (grey: allotted, as extended or set),
/// spoken (blue), overtime against that allowance (red).
pub fn spoken_against_allotted(rows: &[&SpeechRow]) -> String {
    let n = rows.len().max(1);
    let top = rows
        .iter()
        .map(|r| minutes(r.spoken.0.max(r.limit.map_or(0, |a| a.0))))
        .fold(1.0, f64::max)
        * 1.1;
    svg((720, 340), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(
                "Spoken (blue, red past the limit) against the time allowed (grey)",
                ("sans-serif", 16),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5..n as f64 - 0.5, 0.0..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(1)
            .x_labels(n.min(20))
            .x_label_formatter(&|x| format!("{}", x.round() as i64 + 1))
            .x_desc("speaker, in the order heard")
            .y_desc("minutes")
            .draw()
            .map_err(|e| e.to_string())?;
        let bars = rows.iter().enumerate().flat_map(|(i, r)| {
            let x = i as f64 - 0.5;
            let spoken = minutes(r.spoken.0);
            let allotted = r.limit.map(|a| minutes(a.0));
            let within = allotted.map_or(spoken, |a| spoken.min(a));
            let mut bars = Vec::new();
            if let Some(a) = allotted {
                bars.push(Rectangle::new(
                    [(x + 0.1, 0.0), (x + 0.9, a)],
                    ALLOTTED.filled(),
                ));
            }
            bars.push(Rectangle::new(
                [(x + 0.25, 0.0), (x + 0.75, within)],
                SPOKEN.filled(),
            ));
            if spoken > within {
                bars.push(Rectangle::new(
                    [(x + 0.25, within), (x + 0.75, spoken)],
                    OVER.filled(),
                ));
            }
            bars
        });
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// The meeting's timeline: for each speaker, the forecast slot (grey) and the actual speech
/// (blue), against the clock; the planned end of the meeting in amber.
pub fn timeline(meeting: &MeetingSummary, rows: &[&SpeechRow], program: &Program) -> String {
    let origin = meeting.planned_start;
    let at = |t: DateTime<Utc>| minutes((t - origin).num_milliseconds());
    let starts = rows
        .iter()
        .flat_map(|r| [Some(r.start), r.forecast_start])
        .flatten()
        .map(at);
    let ends = rows
        .iter()
        .map(|r| at(r.end))
        .chain([at(meeting.planned_end)]);
    let left = starts.fold(0.0, f64::min).floor();
    let right = ends.fold(left + 1.0, f64::max).ceil() + 1.0;
    let n = rows.len().max(1) as f64;
    let clock = |x: &f64| {
        let t = origin + chrono::TimeDelta::milliseconds((x * 60_000.0) as i64);
        crate::view::venue_hhmm(program, t)
    };
    svg((720, 340), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(
                "Forecast (grey) against actual (blue); planned end (amber)",
                ("sans-serif", 16),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(left..right, n - 0.5..-0.5)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .max_light_lines(1)
            .x_labels(10)
            .x_label_formatter(&clock)
            .y_labels(rows.len().min(20))
            .y_label_formatter(&|y| format!("{}", y.round() as i64 + 1))
            .x_desc("venue time")
            .y_desc("speaker")
            .draw()
            .map_err(|e| e.to_string())?;
        let bars = rows.iter().enumerate().flat_map(|(i, r)| {
            let y = i as f64 - 0.5;
            let mut bars = Vec::new();
            if let (Some(start), Some(allotted)) = (r.forecast_start, r.allotted) {
                let s = at(start);
                bars.push(Rectangle::new(
                    [(s, y + 0.1), (s + minutes(allotted.0), y + 0.9)],
                    ALLOTTED.filled(),
                ));
            }
            bars.push(Rectangle::new(
                [(at(r.start), y + 0.3), (at(r.end), y + 0.7)],
                SPOKEN.filled(),
            ));
            bars
        });
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        let end = at(meeting.planned_end);
        chart
            .draw_series(LineSeries::new(
                [(end, -0.5), (end, n - 0.5)],
                PLANNED_END.stroke_width(3),
            ))
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}
