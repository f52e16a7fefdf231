//! Import circles between the modules of a source tree (each file is a module), found by
//! parsing every file with `syn`: every form of path is read — `use` trees grouped and nested
//! (`use super::{a, b::{c, self}}`), `self::`, `super::`, `crate::`, a child used by name, a
//! path in code (`crate::net::deliver(…)`) — and a name a module re-exports (`pub use
//! token::Token`) is followed to the module that defines it. A module and the children it
//! declares are one room: the edges between a parent and its own child are not counted (a
//! parent opening its rooms, a child reaching its parent's shared items); every other edge is,
//! siblings and grandchildren included.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use syn::visit::Visit;

/// A module's path from the crate root: `["net", "server"]`; the root is `[]`.
pub type Module = Vec<String>;

/// The modules of the tree under `src` and their imports.
pub struct Graph {
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

impl Graph {
    /// Reads every `.rs` file under `src`; a file that does not parse is an error naming it.
    pub fn read(src: &Path) -> Result<Graph, String> {
        let mut sources = BTreeMap::new();
        read_folder(src, src, &mut sources)?;
        let exports: BTreeMap<Module, BTreeMap<String, Vec<String>>> = sources
            .iter()
            .map(|(module, file)| (module.clone(), re_exports(module, file)))
            .collect();
        let known: BTreeSet<Module> = sources.keys().cloned().collect();
        let mut edges = BTreeMap::new();
        for (module, file) in &sources {
            let mut paths = Paths::default();
            paths.visit_file(file);
            let mut targets = BTreeSet::new();
            for path in paths.found {
                let Some(absolute) = absolute(module, &path, &known) else {
                    continue;
                };
                if let Some(target) = resolve(&absolute, &known, &exports, 0)
                    && target != *module
                    && !is_child(module, &target)
                    && !is_child(&target, module)
                {
                    targets.insert(target);
                }
            }
            edges.insert(module.clone(), targets);
        }
        Ok(Graph { edges })
    }

    /// How many modules and imports were read.
    pub fn size(&self) -> (usize, usize) {
        (
            self.edges.len(),
            self.edges.values().map(BTreeSet::len).sum(),
        )
    }

    /// Whether `from` imports `to` (after re-exports are followed).
    pub fn imports(&self, from: &[&str], to: &[&str]) -> bool {
        let name = |m: &[&str]| m.iter().map(|s| s.to_string()).collect::<Module>();
        self.edges
            .get(&name(from))
            .is_some_and(|targets| targets.contains(&name(to)))
    }

    /// The circles: every set of two or more modules that import each other, round (Tarjan's
    /// strongly connected components), each sorted, as `a::b` names.
    pub fn circles(&self) -> Vec<Vec<String>> {
        let mut tarjan = Tarjan {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            next: 0,
            found: Vec::new(),
        };
        for module in self.edges.keys() {
            if !tarjan.index.contains_key(module) {
                tarjan.strong(module);
            }
        }
        tarjan.found
    }
}

fn read_folder(
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<Module, syn::File>,
) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            read_folder(root, &path, out)?;
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let relative = path.strip_prefix(root).map_err(|e| e.to_string())?;
        let mut module: Module = relative
            .with_extension("")
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        // `a/mod.rs` is module `a`; `lib.rs` and `main.rs` are the crate's root.
        if module
            .last()
            .is_some_and(|last| matches!(last.as_str(), "mod" | "lib" | "main"))
        {
            module.pop();
        }
        out.insert(module, file);
    }
    Ok(())
}

/// Whether `item_attrs` hold `#[cfg(test)]`: tests may reach anywhere.
fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// Every path a file names, as its segments (`["super", "server", "Ctx"]`), `use` trees
/// expanded, items only for tests left out.
#[derive(Default)]
struct Paths {
    found: Vec<Vec<String>>,
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        if !is_test_only(&item.attrs) {
            expand(&item.tree, &mut Vec::new(), &mut self.found);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_test_only(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_test_only(&item.attrs) {
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if !is_test_only(&item.attrs) {
            syn::visit::visit_item_impl(self, item);
        }
    }

    /// A macro's body is tokens to `syn`: read as expressions where it is (`format!`,
    /// `assert!`, `vec!`, …).
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        use syn::punctuated::Punctuated;
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = mac.parse_body_with(parser) {
            for expr in &exprs {
                self.visit_expr(expr);
            }
        }
        syn::visit::visit_macro(self, mac);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.found
            .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }
}

/// A `use` tree's paths: `a::{b, c::{self, d}}` gives `a::b`, `a::c`, `a::c::d`.
fn expand(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            expand(&path.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(name) if name.ident == "self" => out.push(prefix.clone()),
        syn::UseTree::Name(name) => out.push(with(prefix, name.ident.to_string())),
        syn::UseTree::Rename(rename) if rename.ident == "self" => out.push(prefix.clone()),
        syn::UseTree::Rename(rename) => out.push(with(prefix, rename.ident.to_string())),
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                expand(tree, prefix, out);
            }
        }
    }
}

fn with(prefix: &[String], last: String) -> Vec<String> {
    let mut path = prefix.to_vec();
    path.push(last);
    path
}

/// What a module re-exports by name: `pub use token::Token` in `net` maps `Token` to
/// `net::token::Token` (made absolute).
fn re_exports(module: &Module, file: &syn::File) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Use(item) = item else { continue };
        if matches!(item.vis, syn::Visibility::Inherited) || is_test_only(&item.attrs) {
            continue;
        }
        let mut paths = Vec::new();
        expand(&item.tree, &mut Vec::new(), &mut paths);
        for path in paths {
            let Some(name) = path.last().cloned() else {
                continue;
            };
            if let Some(absolute) = from_root(module, &path) {
                out.insert(name, absolute);
            }
        }
    }
    out
}

/// A path made absolute from the crate root, if it names something in this crate: `crate::`,
/// `super::`, `self::`, or a child module of `module` by name.
fn absolute(module: &Module, path: &[String], known: &BTreeSet<Module>) -> Option<Vec<String>> {
    let first = path.first()?;
    if matches!(first.as_str(), "crate" | "super" | "self") {
        return from_root(module, path);
    }
    // A child module used by name (`use server::Ctx` in `net/mod.rs`).
    let child = with(module, first.clone());
    if known.contains(&child) {
        let mut absolute = module.clone();
        absolute.extend(path.iter().cloned());
        return Some(absolute);
    }
    None
}

/// `path` from the crate root: `crate::` from the root, any other path from `module` (in
/// `a/b.rs` and in `a/b/mod.rs` alike, `self` is `a::b` and `super` is `a`).
fn from_root(module: &Module, path: &[String]) -> Option<Vec<String>> {
    let (mut base, mut rest) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        _ => (module.clone(), path),
    };
    while let Some(first) = rest.first() {
        match first.as_str() {
            "self" => {}
            "super" => {
                base.pop()?;
            }
            _ => break,
        }
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The module an absolute path lands in: its longest prefix that is a module, with a name the
/// module re-exports followed to where it is defined.
fn resolve(
    path: &[String],
    known: &BTreeSet<Module>,
    exports: &BTreeMap<Module, BTreeMap<String, Vec<String>>>,
    depth: usize,
) -> Option<Module> {
    let length = (0..=path.len())
        .rev()
        .find(|&k| known.contains(&path[..k].to_vec()))?;
    let module = path[..length].to_vec();
    if depth < 8
        && let Some(next) = path.get(length)
        && let Some(target) = exports.get(&module).and_then(|names| names.get(next))
        && target.as_slice() != &path[..=length]
    {
        let mut followed = target.clone();
        followed.extend(path[length + 1..].iter().cloned());
        if let Some(found) = resolve(&followed, known, exports, depth + 1) {
            return Some(found);
        }
    }
    Some(module)
}

/// Whether `child` is a module `parent` declares.
fn is_child(parent: &Module, child: &Module) -> bool {
    child.len() == parent.len() + 1 && child.starts_with(parent)
}

struct Tarjan<'g> {
    graph: &'g Graph,
    index: BTreeMap<Module, usize>,
    low: BTreeMap<Module, usize>,
    stack: Vec<Module>,
    on_stack: BTreeSet<Module>,
    next: usize,
    found: Vec<Vec<String>>,
}

impl Tarjan<'_> {
    fn strong(&mut self, module: &Module) {
        self.index.insert(module.clone(), self.next);
        self.low.insert(module.clone(), self.next);
        self.next += 1;
        self.stack.push(module.clone());
        self.on_stack.insert(module.clone());
        let targets = self.graph.edges.get(module).cloned().unwrap_or_default();
        for target in &targets {
            if !self.graph.edges.contains_key(target) {
                continue;
            }
            if !self.index.contains_key(target) {
                self.strong(target);
                let low = self.low[module].min(self.low[target]);
                self.low.insert(module.clone(), low);
            } else if self.on_stack.contains(target) {
                let low = self.low[module].min(self.index[target]);
                self.low.insert(module.clone(), low);
            }
        }
        if self.low[module] == self.index[module] {
            let mut circle = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(&member);
                let done = member == *module;
                circle.push(member);
                if done {
                    break;
                }
            }
            if circle.len() > 1 {
                let mut names: Vec<String> = circle
                    .iter()
                    .map(|m| {
                        if m.is_empty() {
                            "crate".into()
                        } else {
                            m.join("::")
                        }
                    })
                    .collect();
                names.sort();
                self.found.push(names);
            }
        }
    }
}
