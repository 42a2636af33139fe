//! Text made printable: any text a directorate types reaches the book.
//!
//! Every string a book prints passes through [`Printable::clean`] on its way into Typst (the
//! template escape calls it, see [`crate::render::escape`]), and the checking stage runs the same
//! function over the model ([`check`]) to report, at the cell or YAML key the text came from,
//! what it had to change. So the findings and the books always agree, and no string reaches
//! Typst in a form that costs a book: under PDF/A a glyph no font has fails the whole export,
//! and Typst 0.15.1 panics on some marks without a base in right-to-left text.
//!
//! What [`Printable::clean`] does to a text, in order:
//! 1. **Line breaks** — CR LF, CR, VT, FF and NEL become LF (Word's manual line break is VT;
//!    pastes from the web bring CR LF). LF and tab stay. No finding: the text means the same.
//! 2. **Invisible characters** — every other C0/C1 control is removed, and so are the few
//!    format characters Unicode calls ignorable but the shaper would draw (Hangul fillers,
//!    U+180F, U+1BCA0–U+1BCA3) (finding D011).
//! 3. **Marks without a base** — a combining mark, emoji modifier or other extending character
//!    at the start of the text, after a line break or tab, or after a space, is put on the
//!    dotted circle U+25CC, the way Unicode shows an isolated mark.
//! 4. **Glyphs** — every cluster (a character with the marks, joiners and modifiers the shaper
//!    keeps with it) must be drawn by one font, chosen the way Typst
//!    chooses: the book's font family (`tema.yazi_tipi`) if it has every character of the
//!    cluster, else the fallback font Typst picks for the cluster's first character
//!    ([`typst::text::FontBook::select_fallback`]), for every face a book uses (regular, bold,
//!    italic, condensed). A character that no font can draw in its cluster is replaced by
//!    U+FFFD � (finding D010): either no font has it, or it is a mark its base's font lacks.
//!    The base stays when it can be drawn alone. A space the book's font lacks becomes a plain
//!    space.
//!
//! 5. **Direction** — an embedding, override or isolate the text opens and does not close is
//!    closed at its end (U+202C, U+2069), so a pasted right-to-left override turns only the
//!    text itself around, never the book's words after it.
//!
//! Bidirectional controls and zero-width characters are kept: Typst applies them.

mod places;

pub use places::check;

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

use typst::text::{
    is_default_ignorable, FontBook, FontInfo, FontStretch, FontStyle, FontVariant, FontWeight,
};

use crate::typeset::FontLibrary;

/// The family the books use when the theme names none (`report-templates/lib/tema.typ`).
pub const DEFAULT_FAMILY: &str = "Noto Sans";

/// What is printed in place of a character no font can draw.
pub const REPLACEMENT: char = '\u{FFFD}';

/// The base an isolated mark is put on.
pub const DOTTED_CIRCLE: char = '\u{25CC}';

/// One thing [`Printable::clean`] changed in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An invisible control or format character was removed.
    ControlRemoved(char),
    /// A character no font has was replaced by U+FFFD.
    NoGlyph(char),
    /// A character some font has, but not together with the character before it (a mark whose
    /// base comes from another font), was replaced by U+FFFD.
    NotWithBase { c: char, base: char },
}

impl Change {
    /// The character concerned.
    pub fn char(&self) -> char {
        match self {
            Change::ControlRemoved(c) | Change::NoGlyph(c) | Change::NotWithBase { c, .. } => *c,
        }
    }
}

/// A text as the book prints it, and what was changed to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned<'a> {
    pub text: Cow<'a, str>,
    /// Each change once per character, in order of first appearance.
    pub changes: Vec<Change>,
}

/// The faces a book uses: regular, bold, italic and condensed (tables) combinations.
fn book_variants() -> Vec<FontVariant> {
    let mut variants = Vec::new();
    for style in [FontStyle::Normal, FontStyle::Italic] {
        for weight in [FontWeight::REGULAR, FontWeight::BOLD] {
            for stretch in [FontStretch::NORMAL, FontStretch::CONDENSED] {
                variants.push(FontVariant::new(style, weight, stretch));
            }
        }
    }
    variants
}

/// Size of the fast lookup of the book family's characters (the Basic Multilingual Plane).
const BMP: usize = 0x1_0000;

/// What the fonts of a book can print (see the module documentation). Cheap to share.
pub struct Printable {
    book: FontBook,
    /// For each face a book uses: the face of the book's family Typst selects, if any.
    primary: Vec<(FontVariant, Option<usize>)>,
    /// BMP characters every selected face of the book's family has.
    primary_bmp: Vec<bool>,
    /// Whether the fonts were looked at at all (`false`: only steps 1–3 apply).
    glyphs: bool,
}

impl std::fmt::Debug for Printable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Printable")
            .field("faces", &self.book.families().count())
            .field("glyphs", &self.glyphs)
            .finish_non_exhaustive()
    }
}

/// The built-in fonts with the default family, loaded once.
static BUILT_IN: LazyLock<Arc<Printable>> =
    LazyLock::new(|| Arc::new(Printable::new(&FontLibrary::load(&[]), DEFAULT_FAMILY)));

impl Printable {
    /// For the fonts of a build and the book's font family (`tema.yazi_tipi`).
    pub fn new(fonts: &FontLibrary, family: &str) -> Printable {
        Printable::from_infos(fonts.infos().cloned().collect(), family, true)
    }

    /// The built-in fonts and the default family.
    pub fn built_in() -> Arc<Printable> {
        Arc::clone(&BUILT_IN)
    }

    /// Only line breaks, control characters and isolated marks; no font is looked at.
    pub fn without_fonts() -> Printable {
        Printable::from_infos(Vec::new(), DEFAULT_FAMILY, false)
    }

    fn from_infos(infos: Vec<FontInfo>, family: &str, glyphs: bool) -> Printable {
        let book = FontBook::from_infos(infos);
        let family = family.to_lowercase();
        let primary: Vec<(FontVariant, Option<usize>)> = book_variants()
            .into_iter()
            .map(|v| (v, book.select(&family, v)))
            .collect();
        let faces: Vec<&FontInfo> = primary
            .iter()
            .filter_map(|(_, id)| id.and_then(|id| book.info(id)))
            .collect();
        let mut primary_bmp = vec![false; BMP];
        if let Some((first, rest)) = faces.split_first() {
            for c in first.coverage.iter().filter(|&c| (c as usize) < BMP) {
                if rest.iter().all(|info| info.coverage.contains(c)) {
                    primary_bmp[c as usize] = true;
                }
            }
        }
        Printable {
            book,
            primary,
            primary_bmp,
            glyphs,
        }
    }

    /// The text as the book prints it (see the module documentation).
    pub fn clean<'a>(&self, text: &'a str) -> Cleaned<'a> {
        if self.is_plain(text) {
            return Cleaned {
                text: Cow::Borrowed(text),
                changes: Vec::new(),
            };
        }
        let mut changes = Vec::new();
        let structural = structural(text, &mut changes);
        let mut out = String::with_capacity(structural.len());
        for cluster in shaping_clusters(self, &structural) {
            self.push_cluster(&cluster, &mut out, &mut changes);
        }
        out.push_str(&bidi_closers(&out));
        if out == text {
            return Cleaned {
                text: Cow::Borrowed(text),
                changes,
            };
        }
        Cleaned {
            text: Cow::Owned(out),
            changes,
        }
    }

    /// Fast path: no control character, no mark, nothing the book's family lacks.
    fn is_plain(&self, text: &str) -> bool {
        let mut previous_breaks = true;
        for c in text.chars() {
            if is_removed(c) || is_bidi_opener(c) {
                return false;
            }
            if previous_breaks && continues_cluster(c) {
                return false;
            }
            if !(c == '\n' || c == '\t' || self.primary_has(c) || is_default_ignorable(c)) {
                return false;
            }
            previous_breaks = c.is_whitespace();
        }
        true
    }

    /// Whether every face of the book's family has `c` (without fonts: always).
    fn primary_has(&self, c: char) -> bool {
        if !self.glyphs {
            return true;
        }
        let code = c as usize;
        if code < BMP {
            return self.primary_bmp[code];
        }
        self.primary.iter().all(|(_, id)| {
            id.and_then(|id| self.book.info(id))
                .is_some_and(|info| info.coverage.contains(c as u32))
        })
    }

    /// Appends one grapheme cluster of the structural text, made printable.
    fn push_cluster(&self, cluster: &str, out: &mut String, changes: &mut Vec<Change>) {
        let mut chars = cluster.chars();
        let Some(first) = chars.next() else {
            return;
        };
        let rest = chars.as_str();
        // Line breaks and tabs are laid out, not drawn.
        if first == '\n' || first == '\t' {
            out.push(first);
            if rest.chars().all(is_default_ignorable) {
                out.push_str(rest);
            } else {
                self.push_cluster(&format!("{DOTTED_CIRCLE}{rest}"), out, changes);
            }
            return;
        }
        // A space with marks on it: the space, then the marks on a dotted circle.
        if first.is_whitespace() && rest.chars().any(|c| !is_default_ignorable(c)) {
            self.push_cluster(&first.to_string(), out, changes);
            self.push_cluster(&format!("{DOTTED_CIRCLE}{rest}"), out, changes);
            return;
        }
        if first.is_whitespace() {
            out.push(if self.prints(&first.to_string()) {
                first
            } else {
                ' '
            });
            out.push_str(rest);
            return;
        }
        // A mark at the start (perhaps after a joiner): on a dotted circle.
        if continues_cluster(first) && cluster.chars().any(|c| !is_default_ignorable(c)) {
            self.push_cluster(&format!("{DOTTED_CIRCLE}{cluster}"), out, changes);
            return;
        }
        if self.prints(cluster) {
            out.push_str(cluster);
            return;
        }
        // Keep the base (and the marks its font has), replace the rest.
        let base: String = std::iter::once(first).collect();
        if !self.prints(&base) {
            out.push(REPLACEMENT);
            for c in cluster.chars().filter(|&c| !is_default_ignorable(c)) {
                let change = if c == DOTTED_CIRCLE {
                    continue;
                } else if self.prints(&c.to_string()) {
                    Change::NotWithBase { c, base: first }
                } else {
                    Change::NoGlyph(c)
                };
                note(changes, change);
            }
            return;
        }
        let mut kept = base;
        let mut dropped = false;
        for c in rest.chars() {
            let candidate = format!("{kept}{c}");
            if is_default_ignorable(c) || self.prints(&candidate) {
                kept = candidate;
            } else {
                dropped = true;
                let change =
                    if self.prints(&c.to_string()) || self.prints(&format!("{DOTTED_CIRCLE}{c}")) {
                        Change::NotWithBase { c, base: first }
                    } else {
                        Change::NoGlyph(c)
                    };
                note(changes, change);
            }
        }
        // A base we put there ourselves goes with its marks.
        if first == DOTTED_CIRCLE
            && kept
                .chars()
                .all(|c| c == DOTTED_CIRCLE || is_default_ignorable(c))
        {
            out.push(REPLACEMENT);
            return;
        }
        out.push_str(&kept);
        if dropped {
            out.push(REPLACEMENT);
        }
    }

    /// Whether Typst draws the cluster with one font in every face a book uses.
    fn prints(&self, cluster: &str) -> bool {
        if !self.glyphs {
            return true;
        }
        let needed: Vec<char> = cluster
            .chars()
            .filter(|&c| !is_default_ignorable(c) && c != '\n' && c != '\t')
            .collect();
        let Some(&first) = needed.first() else {
            return true;
        };
        if needed.iter().all(|&c| self.primary_has(c)) {
            return true;
        }
        self.primary.iter().all(|&(variant, primary)| {
            let primary_info = primary.and_then(|id| self.book.info(id));
            let covers = |info: &FontInfo| needed.iter().all(|&c| info.coverage.contains(c as u32));
            if let Some(info) = primary_info {
                if covers(info) {
                    return true;
                }
                // Typst shapes the cluster with the book's font first; when that font has
                // the first character, the fallback it looks for is that same font again.
                if info.coverage.contains(first as u32) {
                    return false;
                }
            }
            // The fallback is chosen by the first character that is not a space.
            if first.is_whitespace() {
                return false;
            }
            self.book
                .select_fallback(primary_info, variant, cluster)
                .and_then(|id| self.book.info(id))
                .is_some_and(covers)
        })
    }
}

fn note(changes: &mut Vec<Change>, change: Change) {
    if !changes.iter().any(|c| c.char() == change.char()) {
        changes.push(change);
    }
}

/// Whether HarfBuzz (rustybuzz, and so Typst) shapes `c` as part of the cluster before it:
/// a mark, an emoji modifier, a zero-width joiner, a tag, a halfwidth sound mark
/// (`hb_set_unicode_props`). A pictograph after a joiner is handled by [`shaping_clusters`].
fn continues_cluster(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    matches!(
        c.general_category(),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    ) || matches!(u32::from(c), 0x1F3FB..=0x1F3FF | 0x200D | 0xFF9E..=0xFF9F | 0xE0020..=0xE007F)
}

/// The text cut into the clusters the shaper makes (see [`continues_cluster`]). A joiner
/// ending a cluster joins the next character too when HarfBuzz counts that one a pictograph,
/// and its table of pictographs is not this build's: the joiner stays only where both
/// readings print, joined and apart; elsewhere it is dropped, which changes nothing visible.
fn shaping_clusters<'a>(printable: &Printable, text: &'a str) -> Vec<Cow<'a, str>> {
    let mut plain: Vec<&'a str> = Vec::new();
    let mut start = 0;
    for (offset, c) in text.char_indices() {
        if offset > start && !continues_cluster(c) {
            plain.push(&text[start..offset]);
            start = offset;
        }
    }
    if start < text.len() {
        plain.push(&text[start..]);
    }
    let mut clusters: Vec<Cow<'a, str>> = Vec::with_capacity(plain.len());
    for (i, &cluster) in plain.iter().enumerate() {
        let dangling = cluster.ends_with('\u{200D}') && cluster.chars().count() > 1;
        let joins_badly = |next: &&str| {
            !(printable.prints(cluster)
                && printable.prints(next)
                && printable.prints(&format!("{cluster}{next}")))
        };
        if dangling && plain.get(i + 1).is_some_and(joins_badly) {
            clusters.push(Cow::Borrowed(cluster.trim_end_matches('\u{200D}')));
        } else {
            clusters.push(Cow::Borrowed(cluster));
        }
    }
    clusters
}

/// Whether the shaper (rustybuzz 0.20, HarfBuzz's list) drops `c` as default-ignorable.
/// Unicode names a few more (Hangul fillers, U+180F, the shorthand format controls): the
/// shaper draws those, no font has them, and a missing glyph fails a PDF/A book.
fn shaper_ignores(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x17B4..=0x17B5 | 0x180B..=0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF
        | 0xFFF0..=0xFFF8 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// An invisible character the books leave out: a control character other than tab and line
/// break, or a format character the shaper would draw (see [`shaper_ignores`]).
fn is_removed(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || (is_default_ignorable(c) && !shaper_ignores(c))
}

/// Whether `c` opens a bidirectional embedding, override or isolate.
fn is_bidi_opener(c: char) -> bool {
    matches!(
        c,
        '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}'
    )
}

/// The closers of the embeddings, overrides (U+202C) and isolates (U+2069) that `text` opens and
/// leaves open, innermost first: a text's direction changes end with the text, and never turn
/// the book's own words around it.
fn bidi_closers(text: &str) -> String {
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            c if is_bidi_opener(c) => open.push(if c >= '\u{2066}' {
                '\u{2069}'
            } else {
                '\u{202C}'
            }),
            '\u{202C}' if open.last() == Some(&'\u{202C}') => {
                open.pop();
            }
            '\u{2069}' => {
                if let Some(k) = open.iter().rposition(|&o| o == '\u{2069}') {
                    open.truncate(k);
                }
            }
            _ => {}
        }
    }
    open.iter().rev().collect()
}

/// Steps 1 and 2: line breaks to LF, other invisible characters removed.
fn structural<'a>(text: &'a str, changes: &mut Vec<Change>) -> Cow<'a, str> {
    if !text.chars().any(is_removed) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{0B}' | '\u{0C}' | '\u{85}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if is_removed(c) => note(changes, Change::ControlRemoved(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> (String, Vec<Change>) {
        let c = Printable::built_in().clean(s).clone();
        (c.text.into_owned(), c.changes)
    }

    #[test]
    fn turkish_text_is_untouched_and_borrowed() {
        let p = Printable::built_in();
        let text = "İl Sağlık Müdürlüğü — ₺ 1.234,5 % ½ ²\n\tçğıöşü ÇĞİÖŞÜ";
        assert!(matches!(p.clean(text).text, Cow::Borrowed(_)));
        assert!(p.clean(text).changes.is_empty());
    }

    #[test]
    fn pasted_scripts_print_as_typed() {
        for s in ["🎉 Fidan dikimi", "مرحبا بكم", "שלום", "✓ ☑ ① ≥ ≤ → ₺ ² ½"]
        {
            assert_eq!(clean(s), (s.to_string(), vec![]), "{s}");
        }
    }

    #[test]
    fn line_breaks_become_lf_and_controls_go() {
        assert_eq!(clean("a\r\nb\rc\u{0B}d").0, "a\nb\nc\nd");
        let (text, changes) = clean("a\u{7}b\u{86}c\u{0}\u{7}");
        assert_eq!(text, "abc");
        assert_eq!(
            changes,
            vec![
                Change::ControlRemoved('\u{7}'),
                Change::ControlRemoved('\u{86}'),
                Change::ControlRemoved('\u{0}')
            ]
        );
    }

    #[test]
    fn characters_no_font_has_are_replaced() {
        let (text, changes) = clean("a\u{E000}b\u{10FFFD}漢");
        assert_eq!(text, "a\u{FFFD}b\u{FFFD}\u{FFFD}");
        assert_eq!(
            changes,
            vec![
                Change::NoGlyph('\u{E000}'),
                Change::NoGlyph('\u{10FFFD}'),
                Change::NoGlyph('漢')
            ]
        );
    }

    #[test]
    fn a_mark_its_base_font_lacks_is_replaced_and_the_base_stays() {
        // Noto Sans has "a" but not the Arabic shadda; Noto Sans Arabic has the shadda only.
        let (text, changes) = clean("a\u{651}");
        assert_eq!(text, "a\u{FFFD}");
        assert_eq!(
            changes,
            vec![Change::NotWithBase {
                c: '\u{651}',
                base: 'a'
            }]
        );
        // A Latin mark on a Latin letter is fine.
        assert_eq!(clean("e\u{301}").0, "e\u{301}");
    }

    #[test]
    fn isolated_marks_sit_on_a_dotted_circle() {
        assert_eq!(clean("\u{301}a").0, "\u{25CC}\u{301}a");
        assert_eq!(clean("a \u{301}").0, "a \u{25CC}\u{301}");
        assert_eq!(clean("a\t\u{301}").0, "a\t\u{25CC}\u{301}");
        // An Arabic mark after a space: no font has the dotted circle with it as Typst picks.
        let (text, changes) = clean("ا \u{64B}ب");
        assert_eq!(text, "ا \u{FFFD}ب");
        assert_eq!(changes.len(), 1);
    }

    #[test]
    fn a_joiner_joins_what_the_shaper_joins() {
        // The joiner would put the emoji into the ç's cluster, which no font prints: it goes.
        assert_eq!(clean("ç\u{200D}🌀").0, "ç🌀");
        assert_eq!(clean("G\u{200D}🗠=").0, "G🗠=");
        assert_eq!(clean("خ\u{200D}.\u{6E7}").0, "خ.\u{FFFD}");
        assert_eq!(clean("👩\u{200D}👩\u{200D}👧").0, "👩\u{200D}👩\u{200D}👧");
    }

    #[test]
    fn open_direction_changes_are_closed_at_the_end() {
        assert_eq!(clean("a\u{202E}bc").0, "a\u{202E}bc\u{202C}");
        assert_eq!(
            clean("\u{2067}x\u{202B}y").0,
            "\u{2067}x\u{202B}y\u{202C}\u{2069}"
        );
        assert_eq!(clean("\u{202B}x\u{202C}").0, "\u{202B}x\u{202C}");
        assert_eq!(
            clean("\u{2067}\u{202B}x\u{2069}").0,
            "\u{2067}\u{202B}x\u{2069}"
        );
    }

    #[test]
    fn spaces_the_font_lacks_become_plain_spaces() {
        assert_eq!(clean("a\u{3000}b").0, "a b");
    }

    #[test]
    fn cleaning_is_idempotent() {
        for s in [
            "a\u{651}",
            "ا \u{64B}ب",
            "\u{202B}!\u{86}\t\u{610}",
            "\u{202E}_\u{1F3FB}",
            "\u{2067}\u{202E}x",
            "x\u{E000}\u{301}",
        ] {
            let once = clean(s).0;
            assert_eq!(clean(&once), (once.clone(), vec![]), "{s:?}");
        }
    }

    #[test]
    fn without_fonts_only_structure_changes() {
        let p = Printable::without_fonts();
        assert_eq!(p.clean("漢\u{7}").text, "漢");
    }
}
