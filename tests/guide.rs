//! The user guide (`docs/`, an mdBook) is kept true: it builds without a broken internal link
//! (a link to a missing page or a missing `#anchor`), every code of the rule catalogue has its
//! page, and every key kurum.yaml and plan.yaml accept is documented — the parser's keys are
//! read from its own serde structs (`kitap::config::kurum_keys`), so a key added without its
//! documentation fails here.
//!
//! The book is built with the `mdbook` binary (`MDBOOK`, else `mdbook` on the PATH), pinned and
//! installed by `.ci/run`; docs/src/gelistirici/kilavuz.md says why the binary and not the
//! crate. Without it the build test fails under CI and is skipped with a printed reason
//! elsewhere.

use kitap::finding::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The mdBook version `.ci/run` installs.
const MDBOOK_VERSION: &str = "0.5.2";

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys a page documents: the first cell of every table row, when it is one `code` span.
fn documented_keys(page: &str) -> BTreeSet<String> {
    read(&docs().join("src").join(page))
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once("` |"))
        .map(|(key, _)| key.to_string())
        .collect()
}

fn compare_keys(file: &str, page: &str, parsed: Vec<String>) {
    let documented = documented_keys(page);
    let parsed: BTreeSet<String> = parsed.into_iter().collect();
    assert!(parsed.len() > 5, "{file}: too few keys read: {parsed:?}");
    let undocumented: Vec<&String> = parsed.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "{file} accepts keys docs/src/{page} does not document (add a table row `| `key` | … |`): {undocumented:?}"
    );
    let unknown: Vec<&String> = documented.difference(&parsed).collect();
    assert!(
        unknown.is_empty(),
        "docs/src/{page} documents keys {file} does not accept: {unknown:?}"
    );
}

#[test]
fn every_kurum_yaml_key_is_documented() {
    compare_keys("kurum.yaml", "kurum-yaml.md", kitap::config::kurum_keys());
}

#[test]
fn every_plan_yaml_key_is_documented() {
    compare_keys("plan.yaml", "plan-yaml.md", kitap::config::plan_keys());
}

#[test]
fn every_code_has_its_page_in_the_book() {
    let summary = read(&docs().join("src/SUMMARY.md"));
    let index = read(&docs().join("src/kodlar/index.md"));
    for code in Code::ALL {
        let page = read(&docs().join(format!("src/kodlar/{code}.md")));
        assert!(page.starts_with(&format!("# {code}: ")), "{code}: title");
        for section in ["## Ne zaman çıkar", "## Nasıl düzeltilir", "## Dayanak"] {
            assert!(page.contains(section), "{code}: no “{section}”");
        }
        assert!(
            summary.contains(&format!("](kodlar/{code}.md)")),
            "{code} is not in SUMMARY.md"
        );
        assert!(
            index.contains(&format!("[{code}]({code}.md)")),
            "{code} is not in kodlar/index.md"
        );
    }
    // No page for a code the catalogue does not have.
    for entry in std::fs::read_dir(docs().join("src/kodlar")).expect("kodlar") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name == "index.md" {
            continue;
        }
        let stem = name.strip_suffix(".md").unwrap_or(&name);
        assert!(Code::parse(stem).is_some(), "kodlar/{name}: no such code");
    }
}

/// `mdbook` to run, or why there is none.
fn mdbook() -> Result<PathBuf, String> {
    let candidate = std::env::var_os("MDBOOK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("mdbook"));
    match Command::new(&candidate).arg("--version").output() {
        Ok(o) if o.status.success() => Ok(candidate),
        Ok(o) => Err(format!(
            "{} --version failed: {}",
            candidate.display(),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => Err(format!("{} not found: {e}", candidate.display())),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a/b/../c.html` → `a/c.html`; None when it leaves the site.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

fn html_files(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("site folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            html_files(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path.strip_prefix(root).expect("in site").to_path_buf());
        }
    }
}

/// Every broken internal link of a built site: (page, href, why).
fn broken_links(site: &Path) -> Vec<(String, String, String)> {
    let mut pages = Vec::new();
    html_files(site, site, &mut pages);
    pages.sort();
    let all = scraper::Selector::parse("[id]").expect("selector");
    let anchors = scraper::Selector::parse("a[href]").expect("selector");
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(PathBuf, String)> = Vec::new();
    for page in &pages {
        let doc = scraper::Html::parse_document(&read(&site.join(page)));
        ids.insert(
            page.clone(),
            doc.select(&all)
                .filter_map(|e| e.value().attr("id"))
                .map(str::to_string)
                .collect(),
        );
        for a in doc.select(&anchors) {
            links.push((
                page.clone(),
                a.value().attr("href").expect("href").to_string(),
            ));
        }
    }
    let mut broken = Vec::new();
    for (page, href) in links {
        if href.contains("://") || href.starts_with("mailto:") || href.starts_with("javascript:") {
            continue;
        }
        let (path, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, Some(percent_decode(f))),
            None => (href.as_str(), None),
        };
        let path = percent_decode(path.split('?').next().unwrap_or(""));
        let target = if path.is_empty() {
            Some(page.clone())
        } else {
            let joined = page.parent().unwrap_or(Path::new("")).join(&path);
            normalize(&joined).map(|p| {
                if path.ends_with('/') {
                    p.join("index.html")
                } else {
                    p
                }
            })
        };
        let why = match &target {
            None => Some("leaves the site".to_string()),
            Some(t) if !site.join(t).is_file() => Some(format!("no page {}", t.display())),
            Some(t) => match (&fragment, ids.get(t)) {
                (Some(f), Some(known)) if !f.is_empty() && !known.contains(f) => {
                    Some(format!("no #{f} on {}", t.display()))
                }
                _ => None,
            },
        };
        if let Some(why) = why {
            broken.push((page.display().to_string(), href, why));
        }
    }
    broken
}

#[test]
fn the_guide_builds_without_a_broken_internal_link() {
    let mdbook = match mdbook() {
        Ok(m) => m,
        Err(why) if std::env::var_os("CI").is_some() => panic!(
            "the guide cannot be built under CI: {why}. .ci/run installs it: cargo install mdbook --locked --version {MDBOOK_VERSION}"
        ),
        Err(why) => {
            eprintln!(
                "SKIPPED: the guide was not built ({why}); install it with: cargo install mdbook --locked --version {MDBOOK_VERSION}"
            );
            return;
        }
    };
    let version = Command::new(&mdbook)
        .arg("--version")
        .output()
        .expect("mdbook");
    let version = String::from_utf8_lossy(&version.stdout).to_string();
    assert!(
        version.contains(MDBOOK_VERSION),
        "mdbook {MDBOOK_VERSION} expected (tests and .ci/run pin it), found {version}"
    );
    let out = tempfile::tempdir().expect("tempdir");
    let site = out.path().join("site");
    let o = Command::new(&mdbook)
        .arg("build")
        .arg(docs())
        .arg("-d")
        .arg(&site)
        .output()
        .expect("mdbook runs");
    assert!(
        o.status.success(),
        "mdbook build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for code in Code::ALL {
        assert!(site.join(format!("kodlar/{code}.html")).is_file(), "{code}");
    }
    let broken = broken_links(&site);
    assert!(
        broken.is_empty(),
        "broken links in the guide:\n{}",
        broken
            .iter()
            .map(|(page, href, why)| format!("  {page}: {href} ({why})"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_link_check_finds_a_missing_page_and_a_missing_anchor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path();
    std::fs::create_dir_all(site.join("kodlar")).expect("dir");
    std::fs::write(
        site.join("index.html"),
        r##"<h1 id="giris">x</h1><a href="kodlar/G005.html#neden">ok</a>
<a href="kodlar/G005.html#yok">anchor</a><a href="yok.html">page</a><a href="#giris">self</a>
<a href="https://example.org/x">outside</a>"##,
    )
    .expect("write");
    std::fs::write(
        site.join("kodlar/G005.html"),
        r##"<h2 id="neden">n</h2><a href="../index.html#giris">back</a><a href="../../x.html">out</a>"##,
    )
    .expect("write");
    let broken: Vec<String> = broken_links(site).into_iter().map(|(_, h, _)| h).collect();
    assert_eq!(broken, ["kodlar/G005.html#yok", "yok.html", "../../x.html"]);
}
