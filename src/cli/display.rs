//! `plenary display --follow URL`: a podium or hall on another computer.

use super::DisplayArgs;
use crate::view::WindowKind;

/// `plenary display --follow URL`.
pub(super) fn run(args: &DisplayArgs) -> anyhow::Result<()> {
    if args.window == WindowKind::Chair {
        anyhow::bail!(
            "a follower shows the podium or the hall; the chair console runs on the control node"
        );
    }
    if args.print {
        return crate::net::replica::print(&args.follow, args.token.as_deref());
    }
    if ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .all(|v| std::env::var_os(v).is_none())
    {
        anyhow::bail!(
            "no display to open a window on (DISPLAY is not set); `--print` follows without one"
        );
    }
    follow_window(args)
}

#[cfg(feature = "gui")]
fn follow_window(args: &DisplayArgs) -> anyhow::Result<()> {
    let langs = crate::view::DisplayLangs {
        podium: args.lang,
        hall: args.lang,
    };
    super::session::chinese_font_for(langs)?;
    let options = crate::app::AppOptions {
        windows: vec![args.window],
        windowed: args.windowed,
        monitors: args.monitor.into_iter().collect(),
        langs,
        continuous: false,
        frame_log: None,
        latency_log: args.latency_log.clone(),
        tour: None,
    };
    crate::app::run_follower(&args.follow, args.token.as_deref(), options)
}

#[cfg(not(feature = "gui"))]
fn follow_window(_args: &DisplayArgs) -> anyhow::Result<()> {
    anyhow::bail!(
        "this plenary was built without windows (feature `gui`); `plenary display --print` follows without one"
    )
}
