//! Fuzz target: the Typst escape (`kitap::render::escape`), end to end through Typst.
//!
//! Properties:
//! - **one literal**: for any string `s`, `escape::typst_string(s)` (and the template escape of
//!   a minijinja string value, `escape::to_typst`) parses with `typst::syntax` as exactly one
//!   string literal, without errors, whose value is `s`;
//! - **prints exactly `p`**, `p` being `s` made printable (`kitap::printable`: line breaks to LF,
//!   control characters removed, isolated marks on a dotted circle, what no font can draw
//!   replaced by U+FFFD): a real minijinja template of kitap's renderer writes every string as
//!   `#text({{ s }})` on a page of its own; Typst compiles the document without a panic, no
//!   glyph is missing (a missing glyph fails a PDF/A book), and the text of the page's laid-out
//!   frames (the text items of the `PagedDocument`, not the PDF) equals `p`.
//!
//! "Prints exactly `p`", precisely: every glyph of the page's text items names its cluster
//! (the text it draws) and the cluster's byte offset in the string it came from; each cluster
//! must be exactly the substring of `p` at that offset, all glyphs must come from the one
//! string literal, and every character of `p` that no glyph draws must be whitespace
//! (`char::is_whitespace`: spaces and tabs, and the line breaks LF, CR, CR LF, VT, FF, NEL,
//! U+2028, U+2029, which Typst lays out as new lines instead of drawing) or a default-ignorable
//! code point (`Default_Ignorable_Code_Point`, Typst's `is_default_ignorable`: the
//! bidirectional formatting characters, zero-width spaces and joiners, the soft hyphen,
//! variation selectors, U+FEFF, which Typst applies or trims instead of drawing). The one
//! glyph that may come from no source is the hyphen Typst draws for a soft hyphen (U+00AD) at
//! the end of a line, whose cluster is that soft hyphen. Positions,
//! not the order of the items, give the order: right-to-left runs are laid out right to left,
//! and a combining mark that Typst draws as an item of its own repeats its cluster's text,
//! which a plain concatenation of the items' text would duplicate.
//!
//! So every other character must come out as it went in, where it went in, drawn by a font:
//! punctuation, combining marks, Arabic, Hebrew, emoji, symbols. Strings are batched, one per
//! page, 250 pages per document; a
//! failing batch is shrunk by proptest down to the single failing string.
//!
//! `cargo test` checks the literal on 20,000 strings and the printed text on more than 10,000
//! (every ASCII punctuation character among them); `KITAP_FUZZ_SECONDS` selects long mode (see
//! `tests/fuzzkit/mod.rs` and `tests/fuzz-seeds/README.md`).

mod fuzzkit;

use fuzzkit::{run, Property};
use kitap::printable::Printable;
use kitap::render::{escape, Renderer};
use minijinja::Value;
use proptest::prelude::*;
use serde::Serialize;
use typst::syntax::{ast, parse_code, SyntaxKind};

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::layout::{Frame, FrameItem};
use typst::syntax::{FileId, RootedPath, Source, Span, VirtualPath, VirtualRoot};
use typst::text::{is_default_ignorable, Font, FontBook, FontFamily, FontList, TextElem};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    let mut library = Library::builder().build();
    library
        .styles
        .set(TextElem::font, FontList(vec![FontFamily::new("Noto Sans")]));
    LazyHash::new(library)
});

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let mut fonts = Vec::new();
    for file in kitap::assets::fonts() {
        if file.path.ends_with(".ttf") {
            fonts.extend(Font::iter(Bytes::new(file.bytes)));
        }
    }
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

struct FuzzWorld {
    main: Source,
}

impl FuzzWorld {
    fn new(text: &str) -> FuzzWorld {
        let vpath = VirtualPath::new("fuzz.typ").expect("a valid virtual path");
        let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
        FuzzWorld {
            main: Source::new(id, text.to_string()),
        }
    }
}

impl World for FuzzWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2025, 1, 1)
    }
}

/// Checks that a page prints exactly `s` (see the module documentation): every glyph
/// cluster of its text items is the substring of `s` at the cluster's offset, all of them
/// come from one place in the source, and every character of `s` that no cluster covers is
/// whitespace or default-ignorable.
fn check_page(s: &str, frame: &Frame) -> Result<(), String> {
    fn walk(frame: &Frame, clusters: &mut Vec<(Span, usize, String)>) -> Result<(), String> {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, clusters)?,
                FrameItem::Text(text) => {
                    if let Some(tofu) = text.glyphs.iter().find(|g| g.id == 0) {
                        return Err(format!(
                            "no font draws {:?} (a missing glyph fails a PDF/A book)",
                            text.text.get(tofu.range()).unwrap_or_default()
                        ));
                    }
                    for glyph in &text.glyphs {
                        let cluster = text.text.get(glyph.range()).ok_or_else(|| {
                            format!("glyph range {:?} outside {:?}", glyph.range, text.text)
                        })?;
                        clusters.push((glyph.span.0, usize::from(glyph.span.1), cluster.into()));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
    let mut clusters = Vec::new();
    walk(frame, &mut clusters)?;
    // The hyphen Typst draws for a soft hyphen at the end of a line belongs to no source.
    let (hyphens, clusters): (Vec<_>, Vec<_>) = clusters
        .into_iter()
        .partition(|(span, _, text)| span.is_detached() && text == "\u{ad}");
    if !hyphens.is_empty() && !s.contains('\u{ad}') {
        return Err(format!(
            "a hyphen printed without a soft hyphen: {hyphens:?}"
        ));
    }
    let spans: HashSet<Span> = clusters.iter().map(|c| c.0).collect();
    if spans.len() > 1 {
        return Err(format!(
            "the page's text comes from {} places of the source: {clusters:?}",
            spans.len()
        ));
    }
    let mut covered = vec![false; s.len()];
    for (_, offset, cluster) in &clusters {
        let end = offset + cluster.len();
        if s.get(*offset..end) != Some(cluster.as_str()) {
            return Err(format!(
                "printed {cluster:?} where the string has {:?} (byte {offset}); clusters: \
                 {clusters:?}",
                s.get(*offset..end)
            ));
        }
        covered[*offset..end].iter_mut().for_each(|c| *c = true);
    }
    let lost: String = s
        .char_indices()
        .filter(|&(i, c)| !covered[i] && !c.is_whitespace() && !is_default_ignorable(c))
        .map(|(_, c)| c)
        .collect();
    if !lost.is_empty() {
        return Err(format!("{lost:?} not printed; clusters: {clusters:?}"));
    }
    Ok(())
}

/// The template every batch is rendered with: one page per string.
const TEMPLATE: &str = "#set page(width: auto, height: auto, margin: 2pt)
{% for s in strings %}
{% if not loop.first %}
#pagebreak()
{% endif %}
#text({{ s }})
{% endfor %}
";

const TEMPLATE_NAME: &str = "fuzz-escape.typ.j2";

/// kitap's renderer with the fuzz template in a project's `report-templates/`.
struct Rendering {
    renderer: Renderer,
    _dir: tempfile::TempDir,
}

static RENDERING: LazyLock<Rendering> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temporary folder");
    let templates = dir.path().join("report-templates");
    std::fs::create_dir_all(&templates).expect("report-templates");
    std::fs::write(templates.join(TEMPLATE_NAME), TEMPLATE).expect("template");
    let renderer = Renderer::new(Some(dir.path())).expect("renderer");
    Rendering {
        renderer,
        _dir: dir,
    }
});

#[derive(Serialize)]
struct Context<'a> {
    strings: &'a [String],
}

/// Renders the strings through the template and compiles them.
fn print(strings: &[String]) -> Result<PagedDocument, String> {
    let source = RENDERING
        .renderer
        .render(TEMPLATE_NAME, &Context { strings })
        .map_err(|e| format!("render: {e}"))?;
    let world = FuzzWorld::new(&source);
    let warned = typst::compile::<PagedDocument>(&world);
    typst::comemo::evict(2);
    warned.output.map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        format!("compile: {messages:?}")
    })
}

/// Prints a panic's message on one line instead of a backtrace (a panic is a failure of the
/// property, reported with its string).
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(move |info| {
            eprintln!("(panic: {})", panic_text(info.payload()));
        }));
    });
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// `print`, with a panic inside Typst turned into an error that says so.
fn print_guarded(strings: &[String]) -> Result<Result<PagedDocument, String>, String> {
    quiet_panics();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| print(strings)))
        .map_err(|payload| panic_text(payload.as_ref()))
}

/// What kitap prints for `s`: the text made printable with the built-in fonts.
fn printed(s: &str) -> String {
    Printable::built_in().clean(s).text.into_owned()
}

/// The first string that does not print as kitap's printable form of itself, and why; an
/// error too if the batch does not render or compile at all, gives the wrong number of pages,
/// or makes Typst panic (then the first string that panics alone is named).
fn check_batch(strings: &[String]) -> Result<(), String> {
    if strings.is_empty() {
        return Ok(());
    }
    let document = match print_guarded(strings) {
        Ok(printed) => printed?,
        Err(panic) => {
            for s in strings {
                if let Err(p) = print_guarded(std::slice::from_ref(s)) {
                    return Err(format!("Typst panicked on {s:?}: {p}"));
                }
            }
            return Err(format!(
                "Typst panicked on the batch but on none of its strings alone: {panic}"
            ));
        }
    };
    let pages = document.pages();
    if pages.len() != strings.len() {
        return Err(format!(
            "{} strings gave {} pages",
            strings.len(),
            pages.len()
        ));
    }
    for (s, page) in strings.iter().zip(pages) {
        let expected = printed(s);
        if let Err(why) = check_page(&expected, &page.frame) {
            // The single string alone, to say whether its neighbours played a part.
            let alone = print(std::slice::from_ref(s)).and_then(|d| {
                d.pages()
                    .first()
                    .map(|p| check_page(&expected, &p.frame))
                    .unwrap_or(Ok(()))
            });
            return Err(format!(
                "{s:?} (printed as {expected:?}): {why} (alone: {alone:?})"
            ));
        }
    }
    Ok(())
}

/// Every ASCII punctuation character.
fn ascii_punctuation() -> Vec<char> {
    (0u8..128)
        .map(char::from)
        .filter(char::is_ascii_punctuation)
        .collect()
}

/// Typst and minijinja syntax, and what tries to escape a string literal.
const FRAGMENTS: &[&str] = &[
    "#",
    "\\",
    "\"",
    "\\\"",
    "\\\\",
    "\\u{41}",
    "\\u{",
    "}",
    "\\n",
    "*",
    "_",
    "$",
    "@",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "//",
    "/*",
    "*/",
    "`",
    "```",
    "=",
    "- ",
    "+ ",
    "1. ",
    "-5",
    "https://",
    "'",
    "~",
    "...",
    "--",
    "---",
    "#read(\"/etc/passwd\")",
    "\");#panic(\"x",
    "#set text(red)",
    "<label>",
    "@ref",
    "{{ s }}",
    "{% if %}",
    "#{",
    ");",
    "\n",
    "\r\n",
    "\t",
    " ",
    "İ",
    "ı",
    "₺",
    "%",
    "ş",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{feff}",
    "\u{202e}",
];

/// One character from everywhere a workbook cell can draw from.
fn any_char_mix() -> impl Strategy<Value = char> {
    let punctuation = ascii_punctuation();
    let whitespace = vec![
        ' ', '\n', '\r', '\t', '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{2028}', '\u{2029}',
        '\u{3000}', '\u{200b}', '\u{200d}', '\u{fe0f}', '\u{ad}',
    ];
    let turkish: Vec<char> = "çğıöşüÇĞİÖŞÜ".chars().collect();
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        4 => proptest::sample::select(punctuation),
        2 => proptest::sample::select(whitespace),
        2 => proptest::sample::select(turkish),
        1 => proptest::char::range('\u{600}', '\u{6ff}'),
        1 => proptest::char::range('\u{590}', '\u{5ff}'),
        1 => proptest::char::range('\u{4e00}', '\u{9fff}'),
        1 => proptest::char::range('\u{3040}', '\u{30ff}'),
        1 => proptest::char::range('\u{1f300}', '\u{1faff}'),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        1 => proptest::char::range('\u{900}', '\u{97f}'),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => proptest::char::range('\u{7f}', '\u{9f}'),
        1 => proptest::char::range('\u{2000}', '\u{206f}'),
        2 => any::<char>(),
    ]
}

/// The strings of the fuzz: character mixes, and concatenations of syntax fragments.
fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(any_char_mix(), 0..40)
            .prop_map(|v| v.into_iter().collect::<String>()),
        1 => proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..8)
            .prop_map(|v| v.concat()),
        1 => "\\PC{0,30}",
    ]
}

/// How many properties share this target's long-mode budget.
const PROPERTIES: u32 = 2;

/// Strings per document.
const BATCH: usize = 250;

#[test]
fn every_string_is_one_typst_string_literal() {
    let prop = Property {
        name: "fuzz_escape/one_literal",
        normal_cases: 20_000,
        batch_cases: 5_000,
        share_of: PROPERTIES,
    };
    run(prop, hostile_string(), |s| {
        let literal = escape::typst_string(&s);
        let through_template = escape::to_typst(&Value::from(s.as_str()))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&through_template, &literal);
        // One physical line of source, whatever the text.
        prop_assert!(
            !literal.contains(['\n', '\r', '\u{2028}', '\u{2029}']),
            "{:?}",
            literal
        );
        let root = parse_code(&literal);
        let (errors, warnings) = root.errors_and_warnings();
        prop_assert!(
            errors.is_empty() && warnings.is_empty(),
            "{:?}: {:?}",
            literal,
            errors
        );
        let nodes: Vec<_> = root.children().filter(|n| !n.kind().is_trivia()).collect();
        prop_assert_eq!(nodes.len(), 1, "{:?}", literal);
        prop_assert_eq!(nodes[0].kind(), SyntaxKind::Str, "{:?}", literal);
        prop_assert_eq!(nodes[0].len(), literal.len());
        let value = nodes[0]
            .cast::<ast::Str>()
            .map(|lit| lit.get().to_string())
            .unwrap_or_default();
        prop_assert_eq!(value, s);
        Ok(())
    });
}

#[test]
fn every_string_prints_exactly_as_itself() {
    // The fixed part: each ASCII punctuation character alone, between letters and all
    // together, and the fragments.
    let punctuation = ascii_punctuation();
    let mut fixed: Vec<String> = Vec::new();
    for &c in &punctuation {
        fixed.push(c.to_string());
        fixed.push(format!("a{c}b"));
        fixed.push(format!("{c}{c} {c}"));
    }
    fixed.push(punctuation.iter().collect());
    fixed.push(punctuation.iter().rev().collect());
    fixed.extend(FRAGMENTS.iter().map(|f| f.to_string()));
    fixed.push(FRAGMENTS.concat());
    fixed.push("مرحبا بالعالم — 你好，世界 — שלום — नमस्ते — 👩‍👩‍👧 🇹🇷 — e\u{301}\u{308}".to_string());
    for chunk in fixed.chunks(BATCH) {
        if let Err(e) = check_batch(chunk) {
            panic!("a fixed string: {e}");
        }
    }
    let checked = AtomicU64::new(fixed.len() as u64);
    let prop = Property {
        name: "fuzz_escape/prints_itself",
        // Batches of 1 to 250 strings (so that proptest can shrink a failing batch to one
        // string): 100 batches hold about 12,500.
        normal_cases: 100,
        batch_cases: 20,
        share_of: PROPERTIES,
    };
    let stats = run(
        prop,
        proptest::collection::vec(hostile_string(), 1..=BATCH),
        |batch| {
            check_batch(&batch).map_err(TestCaseError::fail)?;
            checked.fetch_add(batch.len() as u64, Ordering::Relaxed);
            Ok(())
        },
    );
    let strings = checked.load(Ordering::Relaxed);
    eprintln!(
        "fuzz_escape/prints_itself: {strings} strings in {} documents, {:.1} s",
        stats.cases,
        stats.elapsed.as_secs_f64()
    );
    if !fuzzkit::long_mode() {
        assert!(strings >= 10_000, "only {strings} strings were checked");
    }
}

/// The strings of `tests/fuzz-seeds/regressions/typst-panic-*.txt`: each made Typst 0.15.1
/// panic while laying it out (debug assertion "one or more glyphs in … fell out of range" in
/// typst-layout's `shaping.rs`): in right-to-left text (Arabic or Hebrew letters, or after a
/// right-to-left override or embedding), a combining mark or an emoji modifier that follows a
/// space or another neutral character, as in `"ا \u{64b}ب"`. A workbook cell holding one must
/// cost a failed book with a message, not a crashed kitap: `kitap::typeset::compile` has to
/// come back (it catches the panic and returns a diagnostic).
#[test]
fn typst_panic_inputs_do_not_crash_the_build() {
    use kitap::typeset::{compile, Document, FileTree, FixedDateTime, PdfSettings, PdfStandard};
    let inputs = regression_strings("typst-panic-");
    assert!(inputs.len() >= 5, "{inputs:?}");
    let fonts = kitap::typeset::FontLibrary::load(&[]);
    let settings = PdfSettings {
        standard: PdfStandard::A2b,
        timestamp: FixedDateTime::date(2025, 1, 1).expect("a date"),
        ident: "fuzz/typst-panic".into(),
    };
    for s in inputs {
        let doc = Document {
            main_path: "fuzz.typ".into(),
            main_text: format!("#text({})", escape::typst_string(&s)),
        };
        let came_back = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            compile(&doc, &FileTree::without_project(), &fonts, &settings).is_ok()
        }));
        assert!(came_back.is_ok(), "kitap's compile panicked on {s:?}");
    }
}

/// The same strings, as kitap prints them (made printable first), lay out without a panic and
/// print as their printable form.
#[test]
fn typst_panic_inputs_now_print() {
    let inputs = regression_strings("typst-panic-");
    assert!(inputs.len() >= 5, "{inputs:?}");
    for s in inputs {
        check_batch(std::slice::from_ref(&s)).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The regression strings whose file names start with `prefix` (one string per file, in
/// UTF-8, with the file's final newline not part of it).
fn regression_strings(prefix: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-seeds/regressions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("regressions folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("regression string");
            text.strip_suffix('\n').unwrap_or(&text).to_string()
        })
        .collect()
}
