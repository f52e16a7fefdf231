//! The browser views (`assets/web/`, plain HTML, CSS and JS with no build step), embedded in
//! the binary and served as they are.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::error::ApiError;
use super::shared::InLanguage;
use crate::meeting::Lang;
use crate::view::{fonts, translations};

/// `/`: links to the views and the API.
pub(super) async fn index() -> Html<&'static str> {
    Html(include_str!("../../assets/web/index.html"))
}

/// `/view/podium`, `/view/hall`, `/view/overlay`, each `?lang=ar|zh|en|fr|ru|es`: the page
/// with its language, direction and fixed texts written in, so that its first paint is in
/// its language (a wrong language is a 400 naming the six).
pub(super) async fn page(
    Path(name): Path<String>,
    InLanguage(lang): InLanguage,
) -> Result<Html<String>, ApiError> {
    let html = match name.as_str() {
        "podium" => include_str!("../../assets/web/podium.html"),
        "hall" => include_str!("../../assets/web/hall.html"),
        "overlay" => include_str!("../../assets/web/overlay.html"),
        _ => {
            return Err(ApiError::not_found(format!(
                "/view/{name}: no such view; the views are /view/podium, /view/hall and /view/overlay"
            )));
        }
    };
    Ok(Html(in_language(html, lang)))
}

/// A view's page in `lang`: `<html lang dir>` and the fixed texts for its script.
fn in_language(html: &str, lang: Lang) -> String {
    let dir = if lang.right_to_left() { "rtl" } else { "ltr" };
    let words = serde_json::to_string(translations::words(lang)).unwrap_or_else(|_| "{}".into());
    // `<` never reaches the page's HTML parser from a text (a `</script>` in a translation).
    let words = words.replace('<', "\\u003c");
    html.replacen("<html lang=\"en\"", &format!("<html lang=\"{lang}\" dir=\"{dir}\""), 1)
        .replacen(
            "<script src=\"/view/assets/plenary.js\">",
            &format!("<script>const PLENARY_WORDS = {words};</script>\n<script src=\"/view/assets/plenary.js\">"),
            1,
        )
}

/// The script, the style sheet and the fonts the views use.
pub(super) async fn asset(Path(file): Path<String>) -> Result<Response, ApiError> {
    if file == fonts::CJK_FONT {
        // 16 MB, read when a page first shows Chinese (plenary.css asks for it only then).
        return match tokio::task::spawn_blocking(fonts::cjk_font).await {
            Ok(Ok(bytes)) => Ok(cached("font/otf", bytes.into())),
            Ok(Err(e)) => Err(ApiError::not_found(e)),
            Err(e) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                e.to_string(),
            )),
        };
    }
    let (kind, body): (&str, &'static [u8]) = match file.as_str() {
        "plenary.js" => (
            "text/javascript; charset=utf-8",
            include_bytes!("../../assets/web/plenary.js"),
        ),
        "plenary.css" => (
            "text/css; charset=utf-8",
            include_bytes!("../../assets/web/plenary.css"),
        ),
        "DejaVuSans.ttf" => ("font/ttf", fonts::DEJAVU_SANS),
        "DejaVuSans-Bold.ttf" => ("font/ttf", fonts::DEJAVU_SANS_BOLD),
        "NotoSansArabic-Regular.ttf" => ("font/ttf", fonts::NOTO_ARABIC),
        "NotoSansArabic-Bold.ttf" => ("font/ttf", fonts::NOTO_ARABIC_BOLD),
        _ => {
            return Err(ApiError::not_found(format!(
                "/view/assets/{file}: no such file"
            )));
        }
    };
    Ok(cached(kind, axum::body::Body::from(body)))
}

/// `body` as `kind`, kept by the browser for an hour.
fn cached(kind: &'static str, body: axum::body::Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_written_in_its_language_and_direction() {
        let page = in_language(include_str!("../../assets/web/hall.html"), Lang::Ar);
        assert!(page.contains(r#"<html lang="ar" dir="rtl""#));
        assert!(page.contains("المتكلمون التالون"));
        let page = in_language(include_str!("../../assets/web/overlay.html"), Lang::Zh);
        assert!(page.contains(r#"<html lang="zh" dir="ltr""#));
        assert!(page.contains("const PLENARY_WORDS = {"));
    }
}
