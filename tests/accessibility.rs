//! Accessible PDFs (issue 14): with `cikti.pdf_standardi: ua-1` (and the tagged PDF/A levels)
//! every book is written, and its structure tree, read back from the PDF, gives a screen reader
//! what it needs: the document language, the logo's alternative text (the institution's name),
//! an alternative text for every chart naming its values, and a header row for every table.

mod kit;

use std::collections::BTreeSet;
use std::path::Path;

use kit::*;
use kitap::books::Book;
use kitap::ingest::InProcessReader;
use kitap::pipeline::{self, BuildOptions, Options};
use kitap::publish::Publisher;
use pdf_extract::{Dictionary, Document, Object};

/// The example with `cikti: {pdf_standardi: <standard>}` in kurum.yaml.
fn example_with_standard(standard: &str) -> TestProject {
    let project = TestProject::folder("a11y");
    copy_dir(&example_dir(), &project.dir);
    let kurum = std::fs::read_to_string(project.path("kurum.yaml")).expect("kurum.yaml");
    assert!(kurum.contains("\ncikti: {}\n"), "the example's cikti line");
    project.write_bytes(
        "kurum.yaml",
        kurum
            .replace(
                "\ncikti: {}\n",
                &format!("\ncikti: {{pdf_standardi: {standard}}}\n"),
            )
            .as_bytes(),
    );
    project
}

/// Builds `books` of `project` and returns each PDF's file name and bytes; every book must be
/// written.
fn build(project: &Path, books: &[&str]) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().expect("output folder");
    let options = BuildOptions {
        check: Options {
            books: books.iter().filter_map(|c| Book::parse(c)).collect(),
            ..Options::default()
        },
        out_dir: Some(out.path().to_path_buf()),
        ..BuildOptions::default()
    };
    let mut publisher = Publisher::new(project);
    let build = pipeline::build(project, &options, &InProcessReader, &mut publisher, &|_| {})
        .expect("the project builds");
    let built = build.built.expect("the books are made");
    assert_eq!(built.books.len(), books.len());
    built
        .books
        .iter()
        .map(|b| {
            assert!(
                b.written,
                "{} was not written: {:?}",
                b.file, built.findings
            );
            let pdf = std::fs::read(out.path().join(&b.file)).expect("the PDF");
            (b.file.clone(), pdf)
        })
        .collect()
}

/// A PDF text string: UTF-16BE with its byte order mark, else PDFDocEncoding (Latin-1 here).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// One element of the structure tree: its type (`Table`, `TH`, `Figure`, …), its alternative
/// text and its child elements.
#[derive(Debug)]
struct Element {
    kind: String,
    alt: Option<String>,
    children: Vec<Element>,
}

impl Element {
    fn all(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.all());
        }
        out
    }
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        other => other,
    }
}

/// The structure elements under a `/K` entry.
fn kids(doc: &Document, k: &Object, depth: usize) -> Vec<Element> {
    match resolve(doc, k) {
        Object::Array(items) => items.iter().flat_map(|i| kids(doc, i, depth)).collect(),
        Object::Dictionary(d) => element(doc, d, depth).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn element(doc: &Document, d: &Dictionary, depth: usize) -> Option<Element> {
    assert!(depth < 200, "the structure tree is too deep");
    let kind = d
        .get(b"S")
        .ok()
        .and_then(|s| resolve(doc, s).as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())?;
    let alt = d.get(b"Alt").ok().and_then(|a| match resolve(doc, a) {
        Object::String(s, _) => Some(pdf_string(s)),
        _ => None,
    });
    let children = d
        .get(b"K")
        .map(|k| kids(doc, k, depth + 1))
        .unwrap_or_default();
    Some(Element {
        kind,
        alt,
        children,
    })
}

/// The structure tree of a PDF (its root's children), and the catalog's `/Lang`.
fn structure(pdf: &[u8]) -> (Vec<Element>, Option<String>) {
    let doc = Document::load_mem(pdf).expect("a PDF lopdf reads");
    let catalog = doc.catalog().expect("a catalog");
    let lang = catalog
        .get(b"Lang")
        .ok()
        .and_then(|l| match resolve(&doc, l) {
            Object::String(s, _) => Some(pdf_string(s)),
            _ => None,
        });
    let root = catalog
        .get(b"StructTreeRoot")
        .ok()
        .map(|r| resolve(&doc, r))
        .and_then(|r| r.as_dict().ok())
        .expect("a tagged PDF has a structure tree");
    let tree = root.get(b"K").map(|k| kids(&doc, k, 0)).unwrap_or_default();
    (tree, lang)
}

/// How many charts a book has: the highest "Grafik N" of its text.
fn chart_count(pdf: &[u8]) -> usize {
    let text = normalise(&pdf_extract::extract_text_from_mem(pdf).expect("readable PDF"));
    let mut numbers = BTreeSet::new();
    for (i, _) in text.match_indices("Grafik ") {
        let digits: String = text[i + 7..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let Ok(n) = digits.parse::<usize>() {
            numbers.insert(n);
        }
    }
    numbers.len()
}

#[test]
fn with_ua_1_every_book_is_written_with_alt_texts_and_table_headers() {
    let project = example_with_standard("ua-1");
    let books = build(&project.dir, &["sp", "pp", "fr", "iz", "dr"]);
    let mut charts_seen = 0;
    for (file, pdf) in &books {
        let (tree, lang) = structure(pdf);
        assert_eq!(
            lang.as_deref(),
            Some("tr-TR"),
            "{file}: the document language"
        );
        let all: Vec<&Element> = tree.iter().flat_map(|e| e.all()).collect();
        let figures: Vec<&str> = all
            .iter()
            .filter(|e| e.kind == "Figure")
            .filter_map(|e| e.alt.as_deref())
            .collect();
        // The logo on the cover and on the inner title page.
        assert_eq!(
            figures
                .iter()
                .filter(|a| **a == "Palandöken Belediyesi logosu")
                .count(),
            2,
            "{file}: the logo's alternative text: {figures:#?}"
        );
        // Every chart, with its title and values.
        let charts: Vec<&&str> = figures
            .iter()
            .filter(|a| {
                ["Çubuk grafik, ", "Sütun grafik, ", "Çizgi grafik, "]
                    .iter()
                    .any(|k| a.starts_with(k))
            })
            .collect();
        assert_eq!(
            charts.len(),
            chart_count(pdf),
            "{file}: one alternative text per chart: {charts:#?}"
        );
        for c in &charts {
            assert!(
                c.contains('%') || c.contains(" TL"),
                "{file}: a chart's alternative text names its values: {c}"
            );
        }
        charts_seen += charts.len();
        // The Faaliyet Raporu's rate chart names every hedef with its rate.
        if file.starts_with("faaliyet-raporu") {
            let rates = charts
                .iter()
                .find(|c| c.contains("hedeflere göre gerçekleşme oranı"))
                .expect("the rate chart");
            for code in ["H1.1: %", "H3.2: %", "H5.3: %"] {
                assert!(rates.contains(code), "{code} in {rates}");
            }
        }
        // Every table has a header row of header cells.
        let tables: Vec<&&Element> = all.iter().filter(|e| e.kind == "Table").collect();
        assert!(!tables.is_empty(), "{file}: tables");
        for t in &tables {
            let inner = t.all();
            let head = inner.iter().find(|e| e.kind == "THead");
            assert!(
                head.is_some_and(|h| h.all().iter().any(|e| e.kind == "TH")),
                "{file}: a table without a header row: {:?}",
                inner.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>()
            );
        }
    }
    assert!(charts_seen >= 20, "{charts_seen} charts in the five books");
}

#[test]
fn the_tagged_pdf_a_levels_build_too() {
    for standard in ["a-2a", "a-3a"] {
        let project = example_with_standard(standard);
        let books = build(&project.dir, &["fr"]);
        let (tree, lang) = structure(&books[0].1);
        assert_eq!(lang.as_deref(), Some("tr-TR"), "{standard}");
        assert!(!tree.is_empty(), "{standard}: tagged");
        let xmp = String::from_utf8_lossy(&books[0].1).into_owned();
        let part = &standard[2..3];
        assert!(
            xmp.contains(&format!("pdfaid:part>{part}<"))
                || xmp.contains(&format!("pdfaid:part=\"{part}\"")),
            "{standard}: PDF/A part {part} declared"
        );
    }
}
