//! The fonts every display draws with, in one place: DejaVu Sans (Latin, Greek, Cyrillic; the
//! digits), Noto Sans Arabic, both embedded once (statics, so each is in the binary once, used
//! by the windows, the browser views and the report's charts), and Noto Sans CJK SC, 16 MB,
//! read from `assets/fonts/` when wanted.

use std::path::{Path, PathBuf};

/// DejaVu Sans.
pub static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub static DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// Noto Sans Arabic (about 250 KB a weight).
pub static NOTO_ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
/// Noto Sans Arabic Bold.
pub static NOTO_ARABIC_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf");

/// The Chinese font's file name under `assets/fonts/`.
pub const CJK_FONT: &str = "NotoSansCJKsc-Regular.otf";

/// Where the Chinese font is: `$PLENARY_ASSETS/fonts/`, else `assets/fonts/` in the working
/// directory, beside the executable, or in the source tree it was built from. The error says
/// every place looked in.
pub fn cjk_font_path() -> Result<PathBuf, String> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("PLENARY_ASSETS") {
        roots.push(dir.into());
    }
    roots.push("assets".into());
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        roots.push(dir.join("assets"));
    }
    roots.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"));
    find_in(&roots)
}

/// The Chinese font under the first of `roots` that has it.
fn find_in(roots: &[PathBuf]) -> Result<PathBuf, String> {
    let candidates: Vec<PathBuf> = roots
        .iter()
        .map(|r| r.join("fonts").join(CJK_FONT))
        .collect();
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or_else(|| {
            let looked: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
            format!(
                "the Chinese font {CJK_FONT} was not found (looked in {}); set PLENARY_ASSETS to \
             the folder that holds fonts/{CJK_FONT}",
                looked.join(", ")
            )
        })
}

/// The Chinese font's bytes, or why not.
pub fn cjk_font() -> Result<Vec<u8>, String> {
    let path = cjk_font_path()?;
    std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests opt out locally
mod tests {
    use super::*;

    #[test]
    fn the_chinese_font_is_found_in_the_source_tree_and_a_missing_one_says_where_it_looked() {
        assert!(cjk_font_path().is_ok_and(|p| p.ends_with(format!("fonts/{CJK_FONT}"))));
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        let found = find_in(&["/nowhere".into(), source.clone()]);
        assert_eq!(found, Ok(source.join("fonts").join(CJK_FONT)));
        let err = find_in(&["/nowhere".into(), "/neither".into()]).unwrap_err();
        assert!(
            err.contains("/nowhere/fonts/NotoSansCJKsc-Regular.otf")
                && err.contains("/neither/fonts/")
                && err.contains("PLENARY_ASSETS"),
            "{err}"
        );
    }
}
