//! Every page of every book as a printer and a reader see it: the page checks of
//! `kitap_dev::pages` (a heading or a table caption alone at the foot of a page, a word broken
//! without a hyphen, anything wider than the text block, text across a cell border) on the laid
//! out pages of the bundled example and of the benchmark's large municipality; the flaws of
//! issue #17 each held by a test; and each check shown to catch what it is for on a small
//! document.

mod kit;

use std::path::Path;
use std::sync::LazyLock;

use kit::*;
use kitap::ingest::InProcessReader;
use kitap::pipeline::{self, BuildOptions};
use kitap::publish::Publisher;
use kitap::typeset::{self, Document, FileTree, FixedDateTime, FontLibrary, PagedDocument};
use kitap_dev::pages::{self, Kind, LaidOut, Problem, TextBlock, Vocabulary};

/// Builds `project` the way `kitap derle --kitap tum` does (`pipeline::build`: the five books)
/// into a temporary folder and lays its books out again from the sources the build wrote to
/// `kaynak/`.
fn build_and_lay_out(project: &Path) -> Vec<LaidOut> {
    let out = tempfile::tempdir().expect("output folder");
    let mut options = BuildOptions {
        out_dir: Some(out.path().to_path_buf()),
        ..BuildOptions::default()
    };
    options.check.books = ["sp", "pp", "fr", "iz", "dr"]
        .iter()
        .filter_map(|c| kitap::books::Book::parse(c))
        .collect();
    let mut publisher = Publisher::new(project);
    let build = pipeline::build(project, &options, &InProcessReader, &mut publisher, &|_| {})
        .expect("the project builds");
    let built = build.built.expect("the books are made");
    assert!(
        built.books.iter().all(|b| b.written),
        "every book is written: {:?}",
        built.findings
    );
    let books = pages::lay_out_built(project, out.path()).expect("the books lay out");
    assert_eq!(books.len(), built.books.len(), "one layout per book");
    books
}

static EXAMPLE: LazyLock<Vec<LaidOut>> = LazyLock::new(|| build_and_lay_out(&example_dir()));

fn example_book(stem_start: &str) -> &'static LaidOut {
    EXAMPLE
        .iter()
        .find(|b| b.stem.starts_with(stem_start))
        .unwrap_or_else(|| panic!("no book {stem_start}"))
}

fn listing(books: &[LaidOut]) -> (usize, String) {
    let mut count = 0;
    let mut out = String::new();
    for b in books {
        for p in b.problems() {
            count += 1;
            out.push_str(&format!("{}: {p}\n", b.stem));
        }
    }
    (count, out)
}

#[test]
fn every_page_of_the_example_passes_the_page_checks() {
    let (count, problems) = listing(&EXAMPLE);
    assert_eq!(count, 0, "{problems}");
}

/// The large municipality of `olcum` (153 + 154 + 74 pages): 7 s in a debug build on this
/// project's 2-core machine, building and laying out included.
#[test]
fn every_page_of_the_large_municipality_passes_the_page_checks() {
    let dir = tempfile::tempdir().expect("project folder");
    kitap_dev::large::generate(dir.path()).expect("the project is written");
    let books = build_and_lay_out(dir.path());
    let (count, problems) = listing(&books);
    assert_eq!(count, 0, "{problems}");
}

// ---------------------------------------------------------------------------------------
// The flaws of issue #17 on the example

#[test]
fn the_hedef_karti_header_prints_raporlama_whole() {
    let sp = example_book("stratejik-plan");
    let lines = pages::page_lines(&sp.document);
    let all: Vec<&String> = lines.iter().flatten().collect();
    assert!(
        all.iter().any(|l| l.as_str() == "Raporlama"),
        "the Hedef Kartı's header has “Raporlama” on one line"
    );
    assert!(
        !all.iter().any(|l| l.ends_with("Raporla")
            || l.ends_with("Raporla-")
            || l.ends_with("Raporla\u{ad}")),
        "“Raporlama” is not broken"
    );
}

#[test]
fn a_book_without_charts_has_no_list_of_charts() {
    for stem in ["stratejik-plan", "performans-programi"] {
        let book = example_book(stem);
        let lines = pages::page_lines(&book.document);
        for (i, page) in lines.iter().enumerate() {
            for l in page {
                assert!(
                    !l.contains("Grafikler Listesi") && !l.contains("grafik yoktur"),
                    "{stem}, page {}: {l}",
                    i + 1
                );
            }
        }
    }
    // The Faaliyet Raporu has charts: its list is there, and in İçindekiler.
    let fr = pages::page_lines(&example_book("faaliyet-raporu").document);
    let pages_with = |needle: &str| {
        fr.iter()
            .filter(|p| p.iter().any(|l| l.starts_with(needle)))
            .count()
    };
    assert_eq!(
        pages_with("Grafikler Listesi"),
        2,
        "the list and its line in İçindekiler"
    );
    let grafik: Vec<&String> = fr
        .iter()
        .flatten()
        .filter(|l| l.contains("Grafik"))
        .collect();
    assert!(
        pages_with("Grafik 1.") == 1 && pages_with("Grafik\u{a0}1") == 1,
        "the chart's caption and its entry in the list: {grafik:?}"
    );
}

// ---------------------------------------------------------------------------------------
// The checks catch what they are for

static FONTS: LazyLock<FontLibrary> = LazyLock::new(|| FontLibrary::load(&[]));

/// A document with the books' page (margins, numbering) around `body`.
fn lay_out(body: &str) -> (PagedDocument, String) {
    let source = format!(
        "#import \"/lib/kitap.typ\": *\n#show: belge.with(baslik: \"Deneme\", kurum: \"Deneme\")\n#show: ana-kisim\n{body}\n"
    );
    let doc = Document {
        main_path: "deneme.typ".into(),
        main_text: source.clone(),
    };
    let date = FixedDateTime::date(2026, 1, 1).expect("date");
    let (document, _) = typeset::layout(&doc, &FileTree::without_project(), &FONTS, date)
        .unwrap_or_else(|d| panic!("{d:?}"));
    (document, source)
}

fn problems(body: &str) -> Vec<Problem> {
    let (document, source) = lay_out(body);
    pages::check(
        &document,
        &Vocabulary::new([source.as_str()]),
        TextBlock::BOOK,
    )
}

fn kinds(problems: &[Problem]) -> Vec<Kind> {
    problems.iter().map(|p| p.kind).collect()
}

#[test]
fn a_heading_at_the_foot_of_a_page_is_found() {
    let found = problems("#lorem(80)\n#v(1fr)\n== Yalnız Başlık\n#pagebreak()\n#lorem(40)\n");
    assert_eq!(kinds(&found), [Kind::AloneAtFoot], "{found:?}");
    assert!(found[0].detail.contains("Yalnız Başlık"), "{}", found[0]);
    assert_eq!(found[0].page, 1);
    // A heading followed by its text is fine, and so is a chapter page.
    assert_eq!(
        problems("== Başlık\n#lorem(40)\n#bolum(\"Bölüm\")\n#lorem(20)\n"),
        []
    );
}

#[test]
fn a_page_with_only_a_heading_is_found() {
    let found = problems("#lorem(20)\n#bolum(\"Yalnız Bölüm\")\n#pagebreak()\n#lorem(20)\n");
    assert_eq!(kinds(&found), [Kind::AloneAtFoot], "{found:?}");
    assert!(
        found[0].detail.contains("all the page holds"),
        "{}",
        found[0]
    );
}

#[test]
fn a_table_caption_alone_at_the_foot_of_a_page_is_found() {
    // The books' captions stick to their table; without that, a table too tall for what is
    // left of the page leaves its caption behind.
    let found = problems(
        "#show figure.caption: it => block(it.body)\n#lorem(300)\n#figure(kind: table, caption: [Yalnız Tablo], block(breakable: false, height: 16cm, [x]))\n",
    );
    assert_eq!(kinds(&found), [Kind::AloneAtFoot], "{found:?}");
    assert!(
        found[0].detail.starts_with("caption “Yalnız Tablo”"),
        "{}",
        found[0]
    );
    // A chart's caption goes under the chart: ending a page with it is fine.
    assert_eq!(
        problems(
            "#show figure.caption: it => block(it.body)\n#lorem(300)\n#figure(kind: \"grafik\", supplement: \"Grafik\", caption: [Grafik], block(height: 3cm, [x]))\n#pagebreak()\n#lorem(20)\n"
        ),
        []
    );
}

#[test]
fn a_word_broken_without_a_hyphen_is_found_a_hyphenated_one_is_not() {
    // The words of the vocabulary are those of the source: "Raporlama" in a comment.
    let found = problems(
        "// Raporlama Sıklığı\n#box(width: 3cm, text(hyphenate: false)[Raporla#linebreak()ma Sıklığı])\n",
    );
    assert_eq!(kinds(&found), [Kind::BrokenWithoutHyphen], "{found:?}");
    assert!(found[0].detail.contains("(Raporlama)"), "{}", found[0]);
    // Two words on two lines are not a broken word.
    assert_eq!(
        problems("#box(width: 3cm)[Raporlama#linebreak()Sıklığı]\n"),
        []
    );
    // Typst's hyphenation leaves its hyphen.
    let (document, source) = lay_out("#box(width: 0.9cm, text(hyphenate: true)[Raporlama])\n");
    let found = pages::check(
        &document,
        &Vocabulary::new([source.as_str()]),
        TextBlock::BOOK,
    );
    assert_eq!(found, []);
    let lines = pages::page_lines(&document);
    assert!(
        lines[0].iter().any(|l| l.ends_with('\u{ad}')),
        "Typst hyphenated: {lines:?}"
    );
}

#[test]
fn a_table_wider_than_the_text_block_is_found() {
    let found = problems("#table(columns: (9cm, 9cm), [a], [b])\n");
    assert_eq!(kinds(&found), [Kind::WiderThanTextBlock], "{found:?}");
    assert!(found[0].detail.contains("a table"), "{}", found[0]);
    assert_eq!(problems("#table(columns: (8cm, 8cm), [a], [b])\n"), []);
    // A line of text that cannot break runs into the margin too.
    let found = problems("#text(hyphenate: false, \"Ş\" * 120)\n");
    assert_eq!(kinds(&found), [Kind::WiderThanTextBlock], "{found:?}");
}

#[test]
fn text_across_a_cell_border_is_found() {
    let found =
        problems("#table(columns: (1cm, 3cm), text(hyphenate: false)[Raporlamasıklığı], [b])\n");
    assert_eq!(kinds(&found), [Kind::AcrossCellBorder], "{found:?}");
}

#[test]
fn data_tables_break_long_words_and_codes_with_a_hyphen() {
    // A Turkish word too wide for its column is hyphenated at a syllable; a code without
    // separators may break anywhere, with a hyphen between two letters (both are Typst's
    // hyphen glyph, a soft hyphen in the text). Nothing crosses a border.
    let body = "#veri-tablosu(genislikler: (1.3cm, 1fr), sutunlar: (\"Raporlama Sıklığı\", \"B\"), satirlar: ((\"Gerçekleştirilemeyenlerden\", \"x\"), (\"ABCDEFGHIJKLMNOPQRSTUVWXYZ0\", \"y\")))\n";
    let (document, source) = lay_out(body);
    let found = pages::check(
        &document,
        &Vocabulary::new([source.as_str()]),
        TextBlock::BOOK,
    );
    assert_eq!(found, []);
    let lines = pages::page_lines(&document);
    let broken: Vec<&String> = lines[0].iter().filter(|l| l.ends_with('\u{ad}')).collect();
    assert!(
        broken.iter().any(|l| l.starts_with("Ger")),
        "the word is hyphenated: {lines:?}"
    );
    assert!(
        broken.iter().any(|l| l.starts_with("ABC")),
        "the code is split with a hyphen: {lines:?}"
    );
}
