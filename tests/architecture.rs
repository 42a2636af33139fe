//! The module graph of the library has no cycles (ARCHITECTURE.md, "No cycles").
//!
//! Every file of `src/` (the binaries' `main.rs` aside) is parsed with `syn`; every path that
//! names a module of the crate (`crate::…`, `super::…`, `self::…`, in `use` items, in code and in
//! macro bodies) is an edge from the file's module to the module it names. Edges are compared
//! between siblings: `crate::ingest::parse` using `crate::model::Goal` is an edge `ingest →
//! model` among the children of the crate root, and `books::strategic` using `books::common` an
//! edge `strategic → common` among the children of `books`. A module using its own parent or
//! child is not an edge (a parent's `mod.rs` is the face of its children). Test code
//! (`#[cfg(test)]` items) is not counted. The check fails when the siblings of any module form a
//! cycle, and names the lines that make it.
//!
//! This is the equivalent of `cargo modules dependencies --acyclic` the README names: the tool
//! needs rust-analyzer's crates, a long build CI would pay on every run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

type ModPath = Vec<String>;

/// One use of another module: where it is written and what it names.
#[derive(Debug, Clone)]
struct Use {
    file: PathBuf,
    line: usize,
    target: ModPath,
}

fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).expect("file under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("file name");
    match last.as_str() {
        "lib.rs" | "mod.rs" => {}
        name => parts.push(name.trim_end_matches(".rs").to_string()),
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Collects the module paths a file names.
struct Collector<'a> {
    module: &'a ModPath,
    file: &'a Path,
    uses: Vec<Use>,
}

impl Collector<'_> {
    /// Resolves `segments` (as written) against the file's module; `None` for paths that do
    /// not start with `crate`, `super` or `self`.
    fn resolve(&self, segments: &[String]) -> Option<ModPath> {
        let mut base: ModPath;
        let mut rest = segments;
        match segments.first().map(String::as_str) {
            Some("crate") => {
                base = Vec::new();
                rest = &rest[1..];
            }
            Some("super") => {
                base = self.module.clone();
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            Some("self") => {
                base = self.module.clone();
                rest = &rest[1..];
            }
            _ => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn add(&mut self, segments: &[String], line: usize) {
        if let Some(target) = self.resolve(segments) {
            self.uses.push(Use {
                file: self.file.to_path_buf(),
                line,
                target,
            });
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, line: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, line);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.add(prefix, line);
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.add(prefix, line);
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.add(prefix, line),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t, line);
                }
            }
        }
    }

    /// Paths inside macro bodies (`format!`, `json!`, …), which syn leaves as tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Ident(id) if id == "crate" || id == "super" => {
                    let line = id.span().start().line;
                    let mut segments = vec![id.to_string()];
                    let mut j = i + 1;
                    while j + 2 < trees.len() + 1 {
                        let colons = matches!(
                            (&trees.get(j), &trees.get(j + 1)),
                            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                                if a.as_char() == ':' && b.as_char() == ':'
                        );
                        match (colons, trees.get(j + 2)) {
                            (true, Some(TokenTree::Ident(next))) => {
                                segments.push(next.to_string());
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    self.add(&segments, line);
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta.require_list().is_ok_and(|l| {
                l.tokens
                    .to_string()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == "test")
            })
    })
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            _ => &[],
        };
        if is_test_only(attrs) {
            return;
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let line = item.use_token.span.start().line;
        self.use_tree(&mut Vec::new(), &item.tree, line);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let line = path
            .segments
            .first()
            .map(|s| s.ident.span().start().line)
            .unwrap_or(0);
        self.add(&segments, line);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// The longest prefix of `path` that is a module of the crate.
fn known_prefix(modules: &BTreeSet<ModPath>, path: &ModPath) -> ModPath {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
        .unwrap_or_default()
}

/// For every module, the edges among its children: (parent, from child, to child) → uses.
fn sibling_edges(src: &Path) -> BTreeMap<(ModPath, String, String), Vec<Use>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.retain(|f| !f.starts_with(src.join("bin")) && f != &src.join("main.rs"));
    let modules: BTreeSet<ModPath> = files.iter().map(|f| module_of(src, f)).collect();
    let mut edges: BTreeMap<(ModPath, String, String), Vec<Use>> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read source");
        let ast = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{}: not parsed: {e}", file.display()));
        let module = module_of(src, file);
        let mut collector = Collector {
            module: &module,
            file,
            uses: Vec::new(),
        };
        collector.visit_file(&ast);
        for u in collector.uses {
            let target = known_prefix(&modules, &u.target);
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            // Parent and child, or the module itself: not an edge.
            if common == module.len() || common == target.len() {
                continue;
            }
            let key = (
                module[..common].to_vec(),
                module[common].clone(),
                target[common].clone(),
            );
            edges.entry(key).or_default().push(u);
        }
    }
    edges
}

/// The strongly connected components with more than one member (Tarjan's algorithm is more
/// than these few dozen nodes need: a node is in a cycle with every node it reaches that
/// reaches it back).
fn cycles(nodes: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(n) = stack.pop() {
            for m in nodes.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        nodes.keys().map(|n| (n, reach(n))).collect();
    let mut found: Vec<BTreeSet<String>> = Vec::new();
    for (n, r) in &reached {
        if !r.contains(*n) {
            continue;
        }
        let component: BTreeSet<String> = r
            .iter()
            .filter(|m| reached.get(m).is_some_and(|back| back.contains(*n)))
            .cloned()
            .collect();
        if !found.contains(&component) {
            found.push(component);
        }
    }
    found
}

#[test]
fn the_module_graph_has_no_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = sibling_edges(&src);
    let mut graphs: BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (parent, from, to) in edges.keys() {
        graphs
            .entry(parent.clone())
            .or_default()
            .entry(from.clone())
            .or_default()
            .insert(to.clone());
    }
    let mut report = String::new();
    for (parent, graph) in &graphs {
        for component in cycles(graph) {
            let name = if parent.is_empty() {
                "crate".to_string()
            } else {
                format!("crate::{}", parent.join("::"))
            };
            report.push_str(&format!(
                "cycle among the children of {name}: {}\n",
                component.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
            for ((p, from, to), uses) in &edges {
                if p == parent && component.contains(from) && component.contains(to) {
                    let u = &uses[0];
                    report.push_str(&format!(
                        "  {from} → {to}: {}:{} uses {} ({} uses)\n",
                        u.file.strip_prefix(&src).unwrap_or(&u.file).display(),
                        u.line,
                        u.target.join("::"),
                        uses.len()
                    ));
                }
            }
        }
    }
    assert!(report.is_empty(), "the module graph has cycles:\n{report}");
}

/// The check sees the edges it is meant to see: it is not vacuous.
#[test]
fn the_check_sees_the_stage_edges() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = sibling_edges(&src);
    let has = |from: &str, to: &str| {
        edges
            .keys()
            .any(|(p, f, t)| p.is_empty() && f == from && t == to)
    };
    assert!(has("pipeline", "ingest"), "pipeline → ingest not seen");
    assert!(has("rules", "model"), "rules → model not seen");
    assert!(has("render", "text"), "render → text not seen");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    graph.entry("d".into()).or_default().insert("a".into());
    let found = cycles(&graph);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0],
        ["a", "b", "c"].iter().map(|s| s.to_string()).collect()
    );
}
