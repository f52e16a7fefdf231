//! The browser views (`assets/web/`, plain HTML, CSS and JS with no build step), embedded in
//! the binary and served as they are.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// `/`: links to the views and the API.
pub(super) async fn index() -> Html<&'static str> {
    Html(include_str!("../../assets/web/index.html"))
}

/// `/view/podium`, `/view/hall`, `/view/overlay`.
pub(super) async fn page(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "podium" => Html(include_str!("../../assets/web/podium.html")).into_response(),
        "hall" => Html(include_str!("../../assets/web/hall.html")).into_response(),
        "overlay" => Html(include_str!("../../assets/web/overlay.html")).into_response(),
        _ => (
            StatusCode::NOT_FOUND,
            "no such view: the views are /view/podium, /view/hall and /view/overlay",
        )
            .into_response(),
    }
}

/// The script, the style sheet and the fonts the views use.
pub(super) async fn asset(Path(file): Path<String>) -> Response {
    let (kind, body): (&str, &'static [u8]) = match file.as_str() {
        "plenary.js" => (
            "text/javascript; charset=utf-8",
            include_bytes!("../../assets/web/plenary.js"),
        ),
        "plenary.css" => (
            "text/css; charset=utf-8",
            include_bytes!("../../assets/web/plenary.css"),
        ),
        "DejaVuSans.ttf" => (
            "font/ttf",
            include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
        ),
        "DejaVuSans-Bold.ttf" => (
            "font/ttf",
            include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
        ),
        _ => return (StatusCode::NOT_FOUND, "no such file").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}
