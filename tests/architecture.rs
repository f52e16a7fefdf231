//! The architecture's rules, checked on the source itself (docs/ARCHITECTURE.md): every module
//! imports only from its own floor or those below it; no two modules import each other, round
//! (the check shown to find the circles of a fixture tree first); no file over 600 lines
//! counting its tests; no function over 120 lines; every link of the README and docs/ stays in
//! the repository and finds its file and heading.

#[path = "architecture/circles.rs"]
mod circles;

use std::path::{Path, PathBuf};

/// The floors, from the bottom: a module may import from its own floor and those below.
const FLOORS: &[&[&str]] = &[
    &["meeting"],
    &["journal"],
    &["host"],
    &["view", "records"],
    &["net", "app", "headless"],
    &["cli"],
];

fn floor(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).expect("readable"))
        })
        .collect()
}

/// The top-level module a file belongs to: `meeting` for `meeting/session/floor.rs`.
fn top(rel: &str) -> &str {
    rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs")
}

#[test]
fn no_module_imports_from_a_floor_above_it() {
    let mut wrong = Vec::new();
    for (rel, text) in files() {
        let Some(own) = floor(top(&rel)) else {
            continue; // lib.rs, main.rs
        };
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let name: String = line[i + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if floor(&name).is_some_and(|f| f > own) {
                    wrong.push(format!("{rel}: {}", line.trim()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports from a floor above:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_file_over_600_lines_and_no_function_over_120() {
    let mut wrong = Vec::new();
    for (rel, text) in files() {
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 600 {
            wrong.push(format!("{rel}: {} lines", lines.len()));
        }
        for (start, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(super) fn ",
                "pub(crate) fn ",
                "async fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn || line.trim_end().ends_with(';') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            let closing = format!("{}}}", " ".repeat(indent));
            let length = lines[start + 1..]
                .iter()
                .position(|l| l.trim_end() == closing)
                .map_or(0, |end| end + 1);
            if length > 120 {
                wrong.push(format!("{rel}:{}: a function of {length} lines", start + 1));
            }
        }
    }
    assert!(wrong.is_empty(), "too long:\n{}", wrong.join("\n"));
}

/// The check finds circles in every form an import takes: a grouped and nested `use`
/// through a parent's re-export, a path in code through `self::super`, a path inside a
/// macro's arguments. A one-way import and a parent opening its children are not circles.
#[test]
fn the_circle_check_finds_the_circles_of_a_fixture_tree() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import-circle/src");
    let graph = circles::Graph::read(&fixture).expect("the fixture parses");
    let mut found = graph.circles();
    found.sort();
    assert_eq!(
        found,
        [
            vec!["net::server".to_string(), "net::stream".to_string()],
            vec!["rooms::hall".to_string(), "rooms::podium".to_string()],
        ]
    );
    assert!(
        graph.imports(&["domain"], &["net", "server"]),
        "re-export followed"
    );
    assert!(
        !graph.imports(&["net"], &["net", "server"]),
        "a parent opens its rooms"
    );
    assert!(
        !graph.imports(&["net", "server"], &["net"]),
        "a child uses its parent's items"
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = circles::Graph::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .expect("src parses");
    let (modules, imports) = graph.size();
    assert!(
        modules > 50 && imports > 100,
        "{modules} modules, {imports} imports read"
    );
    let found = graph.circles();
    assert!(
        found.is_empty(),
        "import circles (docs/ARCHITECTURE.md):\n{}",
        found
            .iter()
            .map(|circle| circle.join(" ↔ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The anchors a Markdown page's headings make (`## The program` → `the-program`).
fn anchors(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.strip_prefix('#'))
        .map(|heading| {
            heading
                .trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect()
        })
        .collect()
}

/// What is wrong with each link of the page `text` at `path`: a link out of the repository,
/// to a file it does not have, or to a heading its page does not have.
fn broken_links(path: &Path, text: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    for (i, _) in text.match_indices("](") {
        let rest = &text[i + 2..];
        let link = &rest[..rest.find(')').unwrap_or(rest.len())];
        if link.contains("://") || link.starts_with("mailto:") {
            wrong.push(format!(
                "{}: {link}: links out of the repository",
                path.display()
            ));
            continue;
        }
        let (file, anchor) = link.split_once('#').unwrap_or((link, ""));
        let target = if file.is_empty() {
            path.to_path_buf()
        } else {
            path.parent().unwrap_or(Path::new(".")).join(file)
        };
        let Ok(page) = std::fs::read_to_string(&target) else {
            if !target.exists() {
                wrong.push(format!("{}: {link}: no such file", path.display()));
            }
            continue;
        };
        if !anchor.is_empty() && !anchors(&page).iter().any(|a| a == anchor) {
            wrong.push(format!("{}: {link}: no such heading", path.display()));
        }
    }
    wrong
}

#[test]
fn every_link_of_the_docs_stays_in_the_repository_and_finds_its_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The check sees a broken link of each kind.
    let sample = "[a](https://example.org) [b](docs/NOPE.md) [c](README.md#no-such-heading) [d](#the-two-commands)";
    let found = broken_links(&root.join("README.md"), sample);
    assert_eq!(found.len(), 3, "{found:?}");
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    let wrong: Vec<String> = pages
        .iter()
        .flat_map(|page| broken_links(page, &std::fs::read_to_string(page).expect("page")))
        .collect();
    assert!(wrong.is_empty(), "broken links:\n{}", wrong.join("\n"));
}
