//! The page checks: what a printer or a reader would reject, found in the laid-out pages of a
//! book (`kitap::typeset::layout`, Typst's frames, not the PDF):
//!
//! - **alone at the foot**: a page whose last content (the lowest thing in its text block) is a
//!   heading or a table's caption (a caption above its table), so the heading or caption
//!   stands without what it announces. A page whose only content is a heading or a caption is
//!   the extreme case. Headings and captions are known by the tags Typst leaves in the frames
//!   (`Tag::Start`/`Tag::End` of `heading` and `figure.caption`).
//! - **broken without a hyphen**: a word split across two lines with no hyphen at the end of the
//!   first. A line's last letters `L` and the next line's first letters `F` (same paragraph or
//!   cell: the next baseline, overlapping columns, the same text size) are a broken word when
//!   `L` + `F` is a word of the book's sources (its Typst source, the lib files and the
//!   narrative texts it includes) and the sources never have `L` and `F` as two words in a row.
//!   Typst's own hyphenation leaves a hyphen glyph at the line end, so it passes.
//! - **wider than the text block**: anything on a numbered page that reaches into the left or
//!   right margin (a table, a line of text, a chart), against the margins of
//!   `report-templates/lib/belge.typ` ([`TextBlock::BOOK`]).
//! - **across a cell border**: a line of text in a table that crosses one of the table's
//!   vertical rules, i.e. runs over its cell into the next.
//!
//! Rotated content (the TASLAK mark of a draft) is left out of the geometric checks.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use kitap::typeset::{self, Document, FileTree, FixedDateTime, FontLibrary, PagedDocument};
use typst::foundations::Repr;
use typst::introspection::{Location, Tag};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::model::{FigureCaption, HeadingElem, TableElem};
use typst::visualize::Geometry;

/// The margins of a book page (`belge.typ`: `inside: 30mm, outside: 20mm, top: 27mm,
/// bottom: 25mm`, bound on the left), in points.
#[derive(Debug, Clone, Copy)]
pub struct TextBlock {
    pub inside: f64,
    pub outside: f64,
    pub top: f64,
    pub bottom: f64,
}

impl TextBlock {
    /// The margins of kitap's books.
    pub const BOOK: TextBlock = TextBlock {
        inside: 30.0 * MM,
        outside: 20.0 * MM,
        top: 27.0 * MM,
        bottom: 25.0 * MM,
    };

    /// The left and right edge of the text block on the page with this 0-based index (bound on
    /// the left: the first page, a recto, has the inside margin on its left).
    fn edges(&self, index: usize, width: f64) -> (f64, f64) {
        if index % 2 == 0 {
            (self.inside, width - self.outside)
        } else {
            (self.outside, width - self.inside)
        }
    }
}

const MM: f64 = 72.0 / 25.4;

/// What kind of problem a page has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    AloneAtFoot,
    BrokenWithoutHyphen,
    WiderThanTextBlock,
    AcrossCellBorder,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::AloneAtFoot => "heading or caption alone at the foot of the page",
            Kind::BrokenWithoutHyphen => "word broken without a hyphen",
            Kind::WiderThanTextBlock => "wider than the text block",
            Kind::AcrossCellBorder => "text across a cell border",
        }
    }
}

/// One problem on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The physical page, from 1.
    pub page: usize,
    pub kind: Kind,
    /// What is wrong, with the text concerned.
    pub detail: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "page {}: {}: {}",
            self.page,
            self.kind.label(),
            self.detail
        )
    }
}

/// The words of a book's sources, and which of them stand side by side.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    pairs: HashSet<(String, String)>,
}

impl Vocabulary {
    /// The words (runs of letters) of the texts, and every two words with only whitespace
    /// between them.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut v = Vocabulary::default();
        for text in texts {
            let mut previous: Option<String> = None;
            let mut word = String::new();
            let mut only_space = true;
            for c in text.chars().chain(std::iter::once('\0')) {
                if c.is_alphabetic() {
                    word.push(c);
                    continue;
                }
                if !word.is_empty() {
                    if let Some(p) = previous.take() {
                        if only_space {
                            v.pairs.insert((p, word.clone()));
                        }
                    }
                    v.words.insert(word.clone());
                    previous = Some(std::mem::take(&mut word));
                    only_space = true;
                }
                if !c.is_whitespace() {
                    only_space = false;
                }
            }
        }
        v
    }

    fn is_broken(&self, last: &str, first: &str) -> bool {
        self.words.contains(&format!("{last}{first}"))
            && !self.pairs.contains(&(last.to_string(), first.to_string()))
    }
}

/// What a leaf of a frame belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Heading,
    /// A caption above its table.
    LeadingCaption,
    Other,
}

/// A run of text on one baseline, in page coordinates.
#[derive(Debug, Clone)]
struct Run {
    text: String,
    size: f64,
    baseline: f64,
    x0: f64,
    x1: f64,
    /// The width of punctuation at the start and at the end that Typst may hang into the
    /// margin (`text(overhang: true)`, the default), and of spaces there: it does not count as
    /// overflowing.
    hang: (f64, f64),
}

/// One visible item of a page (text, shape, image) in page coordinates.
#[derive(Debug, Clone)]
struct Leaf {
    min: Point,
    max: Point,
    role: Role,
    /// The heading or caption it belongs to.
    owner: Option<Location>,
    in_table: bool,
    rotated: bool,
    text: Option<Run>,
    /// A vertical rule of a table: x, top, bottom.
    rule: Option<(f64, f64, f64)>,
}

/// The elements open while walking the frames (they may span pages).
#[derive(Default)]
struct Open {
    elements: Vec<(Location, Role, bool)>,
}

impl Open {
    fn role(&self) -> (Role, Option<Location>) {
        self.elements
            .iter()
            .rev()
            .find(|(_, r, _)| *r != Role::Other)
            .map(|(l, r, _)| (*r, Some(*l)))
            .unwrap_or((Role::Other, None))
    }

    fn in_table(&self) -> bool {
        self.elements.iter().any(|(_, _, t)| *t)
    }
}

/// The text of a run as a reader sees it: without the soft hyphens and zero-width spaces that
/// only offer a break (the lib puts them into words too wide for their column); a run that is
/// only a soft hyphen is the hyphen Typst prints where it broke a word, and stays.
fn visible(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c == '\u{ad}') {
        return text.to_string();
    }
    text.chars()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}'))
        .collect()
}

/// What Typst hangs into the margin at a line's start or end.
const HANGING: &str = "-\u{ad}–—,.:;!?'\"’”‘“«»()";

fn walk(frame: &Frame, ts: Transform, open: &mut Open, leaves: &mut Vec<Leaf>) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        let rotated = here.kx.get().abs() > 1e-9 || here.ky.get().abs() > 1e-9;
        let (role, owner) = open.role();
        let in_table = open.in_table();
        let leaf = |min: Point, max: Point| Leaf {
            min: min.min(max),
            max: min.max(max),
            role,
            owner,
            in_table,
            rotated,
            text: None,
            rule: None,
        };
        match item {
            FrameItem::Group(group) => {
                walk(&group.frame, here.pre_concat(group.transform), open, leaves)
            }
            FrameItem::Tag(Tag::Start(elem, _)) => {
                let Some(loc) = elem.location() else { continue };
                let role = if elem.is::<HeadingElem>() {
                    Role::Heading
                } else if elem.is::<FigureCaption>()
                    && elem
                        .get_by_name("position")
                        .is_ok_and(|p| p.repr().as_str() == "top")
                {
                    Role::LeadingCaption
                } else {
                    Role::Other
                };
                open.elements.push((loc, role, elem.is::<TableElem>()));
            }
            FrameItem::Tag(Tag::End(loc, ..)) => {
                if let Some(i) = open.elements.iter().rposition(|(l, ..)| l == loc) {
                    open.elements.remove(i);
                }
            }
            FrameItem::Text(text) => {
                let size = text.size.to_pt();
                let width = text.width();
                let start = Point::zero().transform(here);
                let end = Point::with_x(width).transform(here);
                let top = Point::new(Abs::zero(), -text.size * 0.75).transform(here);
                let bottom = Point::new(width, text.size * 0.25).transform(here);
                let mut l = leaf(top, bottom);
                let hanging = |g: &&typst::text::Glyph| {
                    text.text[g.range()]
                        .chars()
                        .all(|c| c.is_whitespace() || HANGING.contains(c))
                };
                let advance = |g: &typst::text::Glyph| g.x_advance.at(text.size).to_pt();
                let hang = (
                    text.glyphs.iter().take_while(hanging).map(advance).sum(),
                    text.glyphs
                        .iter()
                        .rev()
                        .take_while(hanging)
                        .map(advance)
                        .sum(),
                );
                l.text = Some(Run {
                    text: visible(&text.text),
                    size,
                    baseline: start.y.to_pt(),
                    x0: start.x.to_pt().min(end.x.to_pt()),
                    x1: start.x.to_pt().max(end.x.to_pt()),
                    hang,
                });
                leaves.push(l);
            }
            FrameItem::Shape(shape, _) => {
                let bbox = shape.bbox(true);
                let mut l = leaf(bbox.min.transform(here), bbox.max.transform(here));
                if let Geometry::Line(end) = &shape.geometry {
                    if end.x.to_pt().abs() < 0.01 && end.y.to_pt().abs() > 0.01 {
                        let a = Point::zero().transform(here);
                        let b = end.transform(here);
                        l.rule = Some((
                            a.x.to_pt(),
                            a.y.to_pt().min(b.y.to_pt()),
                            a.y.to_pt().max(b.y.to_pt()),
                        ));
                    }
                }
                leaves.push(l);
            }
            FrameItem::Image(_, size, _) => {
                leaves.push(leaf(
                    Point::zero().transform(here),
                    size.to_point().transform(here),
                ));
            }
            FrameItem::Link(..) => {}
        }
    }
}

/// Checks every page of a laid-out book (see the module documentation).
pub fn check(document: &PagedDocument, vocabulary: &Vocabulary, block: TextBlock) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut open = Open::default();
    for (index, page) in document.pages().iter().enumerate() {
        let mut leaves = Vec::new();
        walk(&page.frame, Transform::identity(), &mut open, &mut leaves);
        let size = page.frame.size();
        let (width, height) = (size.x.to_pt(), size.y.to_pt());
        let body: Vec<&Leaf> = leaves
            .iter()
            .filter(|l| !l.rotated)
            .filter(|l| {
                let middle = (l.min.y.to_pt() + l.max.y.to_pt()) / 2.0;
                middle >= block.top - 1.0 && middle <= height - block.bottom + 1.0
            })
            .collect();
        let number = index + 1;
        alone_at_foot(number, &body, &mut problems);
        broken_words(number, &body, vocabulary, &mut problems);
        if page.numbering.is_some() {
            let edges = block.edges(index, width);
            wider_than_block(number, &body, edges, &mut problems);
        }
        across_cell_borders(number, &body, &mut problems);
    }
    problems
}

fn alone_at_foot(page: usize, body: &[&Leaf], problems: &mut Vec<Problem>) {
    let Some(lowest) = body
        .iter()
        .filter(|l| {
            l.max.y.to_pt() - l.min.y.to_pt() > 0.0 || l.max.x.to_pt() - l.min.x.to_pt() > 0.0
        })
        .max_by(|a, b| a.max.y.to_pt().total_cmp(&b.max.y.to_pt()))
    else {
        return;
    };
    if lowest.role == Role::Other {
        return;
    }
    let text: String = body
        .iter()
        .filter(|l| l.owner == lowest.owner)
        .filter_map(|l| l.text.as_ref().map(|t| t.text.as_str()))
        .collect();
    let what = if lowest.role == Role::Heading {
        "heading"
    } else {
        "caption"
    };
    let only = body.iter().all(|l| l.role != Role::Other);
    problems.push(Problem {
        page,
        kind: Kind::AloneAtFoot,
        detail: format!(
            "{what} “{}”{}",
            text.trim(),
            if only {
                " is all the page holds"
            } else {
                " ends the page"
            }
        ),
    });
}

/// The runs of text merged into lines: runs on one baseline that touch.
fn lines(body: &[&Leaf]) -> Vec<Run> {
    let mut runs: Vec<Run> = body.iter().filter_map(|l| l.text.clone()).collect();
    runs.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut out: Vec<Run> = Vec::new();
    for r in runs {
        if let Some(last) = out.last_mut() {
            if (last.baseline - r.baseline).abs() < 0.5
                && (last.size - r.size).abs() < 0.05
                && r.x0 - last.x1 < 0.5 * r.size
                && r.x0 >= last.x0
            {
                last.text.push_str(&r.text);
                last.x1 = last.x1.max(r.x1);
                last.hang.1 = r.hang.1;
                continue;
            }
        }
        out.push(r);
    }
    out
}

fn broken_words(page: usize, body: &[&Leaf], vocabulary: &Vocabulary, problems: &mut Vec<Problem>) {
    let lines = lines(body);
    for a in &lines {
        let last: String = {
            let rev: Vec<char> = a
                .text
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            rev.into_iter().rev().collect()
        };
        if last.is_empty() {
            continue;
        }
        // The next line of the same paragraph or cell.
        let next = lines
            .iter()
            .filter(|b| (b.size - a.size).abs() < 0.05)
            .filter(|b| {
                let dy = b.baseline - a.baseline;
                dy > 0.9 * a.size && dy < 1.45 * a.size
            })
            .filter(|b| b.x0 < a.x1 && a.x0 < b.x1)
            .min_by(|x, y| {
                x.baseline
                    .total_cmp(&y.baseline)
                    .then(x.x0.total_cmp(&y.x0))
            });
        let Some(b) = next else { continue };
        let first: String = b.text.chars().take_while(|c| c.is_alphabetic()).collect();
        if !first.is_empty() && vocabulary.is_broken(&last, &first) {
            problems.push(Problem {
                page,
                kind: Kind::BrokenWithoutHyphen,
                detail: format!("“{}” / “{}” ({last}{first})", a.text.trim(), b.text.trim()),
            });
        }
    }
}

fn wider_than_block(
    page: usize,
    body: &[&Leaf],
    (left, right): (f64, f64),
    problems: &mut Vec<Problem>,
) {
    const TOLERANCE: f64 = 1.0;
    let mut seen_table = false;
    for l in body {
        let (x0, x1) = match &l.text {
            Some(t) => (t.x0 + t.hang.0, t.x1 - t.hang.1),
            None => (l.min.x.to_pt(), l.max.x.to_pt()),
        };
        if x0 >= left - TOLERANCE && x1 <= right + TOLERANCE {
            continue;
        }
        if l.in_table {
            if seen_table {
                continue;
            }
            seen_table = true;
        }
        let what = match &l.text {
            Some(t) => format!("text “{}”", t.text.trim()),
            None if l.in_table => "a table".to_string(),
            None => "a drawing".to_string(),
        };
        problems.push(Problem {
            page,
            kind: Kind::WiderThanTextBlock,
            detail: format!(
                "{what} spans x {:.1}–{:.1} pt, the text block {left:.1}–{right:.1} pt",
                x0, x1
            ),
        });
    }
}

fn across_cell_borders(page: usize, body: &[&Leaf], problems: &mut Vec<Problem>) {
    let rules: Vec<(f64, f64, f64)> = body
        .iter()
        .filter(|l| l.in_table)
        .filter_map(|l| l.rule)
        .collect();
    if rules.is_empty() {
        return;
    }
    for l in body.iter().filter(|l| l.in_table) {
        let Some(t) = &l.text else { continue };
        let crossed = rules.iter().any(|&(x, top, bottom)| {
            x > t.x0 + 0.5
                && x < t.x1 - 0.5
                && top < t.baseline
                && bottom > t.baseline - 0.5 * t.size
        });
        if crossed {
            problems.push(Problem {
                page,
                kind: Kind::AcrossCellBorder,
                detail: format!("“{}”", t.text.trim()),
            });
        }
    }
}

/// The lines of text of every page (runs on one baseline that touch, top to bottom, left to
/// right), running headers and page numbers included: for tests that look for a text.
pub fn page_lines(document: &PagedDocument) -> Vec<Vec<String>> {
    let mut open = Open::default();
    document
        .pages()
        .iter()
        .map(|page| {
            let mut leaves = Vec::new();
            walk(&page.frame, Transform::identity(), &mut open, &mut leaves);
            let all: Vec<&Leaf> = leaves.iter().collect();
            lines(&all)
                .into_iter()
                .map(|r| r.text.trim().to_string())
                .collect()
        })
        .collect()
}

/// One book laid out again from the sources a build wrote to `kaynak/`.
pub struct LaidOut {
    /// The book's file stem (`stratejik-plan-2025-2029`).
    pub stem: String,
    pub document: PagedDocument,
    pub vocabulary: Vocabulary,
}

impl LaidOut {
    /// The problems of every page.
    pub fn problems(&self) -> Vec<Problem> {
        check(&self.document, &self.vocabulary, TextBlock::BOOK)
    }
}

/// Every `.typ` file under `dir`, sorted.
fn typst_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(typst_files(&p));
        } else if p.extension().is_some_and(|x| x == "typ") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The files of `kaynak/<folder>/` as (virtual path, bytes), by name; none when it is not there.
fn kaynak_files(kaynak: &Path, folder: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(kaynak.join(folder))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            std::fs::read(e.path())
                .ok()
                .map(|bytes| (format!("{folder}/{name}"), bytes))
        })
        .collect();
    files.sort();
    files
}

/// Lays out again every book a build of `project` wrote into `out` (its main sources are the
/// `.typ` files at the top of `out/kaynak/`), in the project's file tree with its fonts. The
/// vocabulary of each is every `.typ` file of `kaynak/` (the main sources, the lib files, the
/// narrative texts).
pub fn lay_out_built(project: &Path, out: &Path) -> Result<Vec<LaidOut>, String> {
    let kaynak = out.join("kaynak");
    let all: Vec<String> = typst_files(&kaynak)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let fonts = FontLibrary::load(&[project.join("fonts")]);
    let mut books = Vec::new();
    let mut mains: Vec<PathBuf> = std::fs::read_dir(&kaynak)
        .map_err(|e| format!("{}: {e}", kaynak.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "typ"))
        .collect();
    mains.sort();
    for main in mains {
        let name = main
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&main).map_err(|e| format!("{name}: {e}"))?;
        let mut tree = FileTree::new(project).map_err(|e| format!("{}: {e}", project.display()))?;
        // The files a book attaches (the Faaliyet Raporu's open data) are in `kaynak/`, not in
        // the project: the build gave them to Typst from memory.
        for (vpath, bytes) in kaynak_files(&kaynak, "acik-veri") {
            tree.add_memory_file(&vpath, bytes)
                .map_err(|e| format!("{name}: {e}"))?;
        }
        let doc = Document {
            main_path: name.clone(),
            main_text: text,
        };
        let date = FixedDateTime::date(2000, 1, 1).expect("a valid date");
        let (document, _) = typeset::layout(&doc, &tree, &fonts, date).map_err(|d| {
            let messages: Vec<String> = d.into_iter().map(|d| d.message).collect();
            format!("{name}: {}", messages.join("; "))
        })?;
        books.push(LaidOut {
            stem: name.trim_end_matches(".typ").to_string(),
            document,
            vocabulary: Vocabulary::new(all.iter().map(String::as_str)),
        });
    }
    Ok(books)
}

#[cfg(test)]
mod tests {
    use super::Vocabulary;

    #[test]
    fn a_word_split_in_two_is_broken_two_words_are_not() {
        let v = Vocabulary::new(["Raporlama Sıklığı", "Yıl Sonu; yıllık plan", "yıl\nlık"]);
        assert!(v.is_broken("Raporla", "ma"));
        assert!(!v.is_broken("Raporlama", "Sıklığı"));
        assert!(!v.is_broken("Yıl", "Sonu"));
        // "yıl lık" stands in the sources as two words: not counted as a broken "yıllık".
        assert!(!v.is_broken("yıl", "lık"));
        assert!(!v.is_broken("Sonu", "yıllık"));
    }
}
