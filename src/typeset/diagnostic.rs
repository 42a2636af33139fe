//! Typst diagnostics turned into messages a user can act on: the virtual path of the file
//! (`metinler/izleme.typ`), line and column, never a host path or the CLI's `--root`.

use std::fmt;
use std::path::Path;

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::syntax::{ast, DiagSpan, DiagSpanKind, FileId, LinkedNode, Side, Source, VirtualRoot};
use typst::World;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The PDF could not be made.
    Error,
    /// The PDF was made, but something may look wrong.
    Warning,
}

impl Severity {
    /// The Turkish word printed before the message.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "hata",
            Severity::Warning => "uyarı",
        }
    }
}

/// One message from compiling a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The virtual path of the file concerned, relative to the source folder
    /// (`metinler/izleme.typ`, `lib/tablo.typ`, `faaliyet-raporu-2025.typ`).
    pub path: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    pub hints: Vec<String>,
    /// The calls that led to the error, innermost first, where they lie in a file: an error
    /// inside a `lib/` function names the line of the book's source that called it.
    pub trace: Vec<SourcePosition>,
}

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePosition {
    /// The virtual path, as [`Diagnostic::path`].
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Diagnostic {
    /// A diagnostic about the whole document (no file position).
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            path: None,
            line: None,
            column: None,
            hints: Vec::new(),
            trace: Vec::new(),
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl Diagnostic {
    /// Rewrites the host path of the project folder out of the message and hints.
    pub(crate) fn hide_host_path(&mut self, project: &Path) {
        let root = project.to_string_lossy();
        if root.len() < 2 {
            return;
        }
        let hide = |text: &mut String| {
            if text.contains(root.as_ref()) {
                *text = text
                    .replace(&format!("{root}/"), "")
                    .replace(root.as_ref(), ".");
            }
        };
        hide(&mut self.message);
        self.hints.iter_mut().for_each(hide);
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{path}")?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}: {}", self.severity.label(), self.message)?;
        for hint in &self.hints {
            write!(f, "\n  ipucu: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Converts typst's diagnostics, rewriting what would confuse a user.
pub(crate) fn convert_all<'a>(
    world: &dyn World,
    diagnostics: impl IntoIterator<Item = &'a SourceDiagnostic>,
) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .map(|diag| convert(world, diag))
        .collect()
}

pub(crate) fn convert(world: &dyn World, diag: &SourceDiagnostic) -> Diagnostic {
    let severity = match diag.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    // A detached span (an error raised deep inside a function) still has a useful position in
    // its trace: the innermost call in a file.
    let span = if diag.span.is_detached() {
        diag.trace
            .iter()
            .map(|point| DiagSpan::from(point.span))
            .find(|span| !span.is_detached())
            .unwrap_or(diag.span)
    } else {
        diag.span
    };
    let (path, line, column) = locate(world, span);
    let (message, mut hints) = translate(&diag.message);
    for hint in &diag.hints {
        if let Some(hint) = rewrite_hint(&hint.v) {
            hints.push(hint);
        }
    }
    let trace = diag
        .trace
        .iter()
        .filter_map(|point| match locate(world, DiagSpan::from(point.span)) {
            (Some(path), Some(line), Some(column)) => Some(SourcePosition { path, line, column }),
            _ => None,
        })
        .collect();
    Diagnostic {
        severity,
        message,
        path,
        line,
        column,
        hints,
        trace,
    }
}

/// The value of the string literal of `source` at a 1-based line and column (in characters),
/// if that place lies inside one.
pub fn string_literal_at(source: &str, line: usize, column: usize) -> Option<String> {
    let source = Source::detached(source);
    let offset = source
        .lines()
        .line_column_to_byte(line.checked_sub(1)?, column.checked_sub(1)?)?;
    let root = LinkedNode::new(source.root());
    let leaf = root.leaf_at(offset, Side::After)?;
    let literal = leaf.cast::<ast::Str>()?;
    Some(literal.get().to_string())
}

/// The virtual path and 1-based line and column of a span.
fn locate(world: &dyn World, span: DiagSpan) -> (Option<String>, Option<usize>, Option<usize>) {
    let (id, range) = match span.get() {
        DiagSpanKind::Detached => return (None, None, None),
        DiagSpanKind::Number { id, num, sub_range } => {
            let range = world
                .source(id)
                .ok()
                .and_then(|source| source.range(num, sub_range));
            (id, range)
        }
        DiagSpanKind::Range { id, range } => (id, Some(range)),
    };
    let path = Some(display_path(id));
    let Some(range) = range else {
        return (path, None, None);
    };
    let position = match world.source(id) {
        Ok(source) => source
            .lines()
            .byte_to_line_column(range.start)
            .map(|(line, column)| (line + 1, column + 1)),
        // A data file (JSON, CSV, …) that is not a Typst source.
        Err(_) => world
            .file(id)
            .ok()
            .and_then(|bytes| line_column(&bytes, range.start)),
    };
    match position {
        Some((line, column)) => (path, Some(line), Some(column)),
        None => (path, None, None),
    }
}

/// The path a user sees for a file: relative to the source folder, `/` separators.
pub(crate) fn display_path(id: FileId) -> String {
    match id.root() {
        VirtualRoot::Project => id.vpath().get_without_slash().to_owned(),
        VirtualRoot::Package(package) => format!("{package}{}", id.vpath().get_with_slash()),
    }
}

/// 1-based line and column of a byte offset in possibly non-UTF-8 data.
fn line_column(bytes: &[u8], offset: usize) -> Option<(usize, usize)> {
    let before = bytes.get(..offset)?;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Some((line, column))
}

/// Turkish wording for the messages a user meets most: files that cannot be read.
///
/// Typst hands its diagnostics over as English text only (the `FileError` behind a message is
/// not kept), so they are matched by their wording: that of typst, typst-library and
/// typst-pdf `=0.15.1`, pinned in Cargo.toml. tests/typeset.rs compiles documents that meet
/// them and fails if an upgrade words them differently; an unmatched message is shown as
/// typst says it.
fn translate(message: &str) -> (String, Vec<String>) {
    if let Some(path) = between(message, "file not found (searched at ", ")") {
        return (
            format!("dosya bulunamadı: {path}"),
            vec!["yollar kaynak klasörüne göredir: metinler/, gorseller/, lib/ …".to_owned()],
        );
    }
    if let Some(path) = between(message, "path `", "` would escape the project root") {
        return (
            format!("{path} yolu proje klasörünün dışına çıkıyor"),
            vec![SANDBOX_HINT.to_owned()],
        );
    }
    if let Some(reason) = between(message, "failed to load file (", ")") {
        let reason = match reason {
            "access denied" => "erişim izni yok",
            "is a directory" => "bu bir klasör",
            other => other,
        };
        return (format!("dosya okunamadı: {reason}"), Vec::new());
    }
    if let Some((text, font)) = missing_glyph(message) {
        return (
            format!("{text} yazı tiplerinde bulunmayan bir karakter içeriyor ({font}); PDF/A kitapta gösterilemez"),
            vec![
                "karakteri silin ya da yerine başka bir karakter yazın".to_owned(),
                "veya bu karakteri içeren bir yazı tipini projenin fonts/ klasörüne ekleyin".to_owned(),
            ],
        );
    }
    if message == "file is not valid UTF-8" {
        return ("dosya geçerli UTF-8 metin değil".to_owned(), Vec::new());
    }
    (message.to_owned(), Vec::new())
}

/// The text and font of typst-pdf's "the text `..` could not be displayed with font `..`".
fn missing_glyph(message: &str) -> Option<(&str, &str)> {
    let (_, rest) = message.split_once("the text `")?;
    let (text, rest) = rest.split_once("` could not be displayed with font `")?;
    let font = rest.strip_suffix('`')?;
    Some((text, font))
}

/// The part of `text` between `prefix` and `suffix`, if it has both.
fn between<'a>(text: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    text.strip_prefix(prefix)?.strip_suffix(suffix)
}

const SANDBOX_HINT: &str =
    "metinler/ dosyaları yalnızca proje klasöründeki dosyaları ve lib/ şablonlarını okuyabilir";

/// Drops the hints that only make sense for the typst CLI. Matched by their English wording
/// in typst `=0.15.1` (pinned, see [`translate`]): a hint that is reworded is shown, not lost.
fn rewrite_hint(hint: &str) -> Option<String> {
    if hint.contains("--root")
        || hint.starts_with("cannot access files outside of the")
        || hint == "try using a different font"
    {
        return None;
    }
    Some(hint.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let diag = Diagnostic {
            severity: Severity::Error,
            message: "unknown variable: x".into(),
            path: Some("metinler/izleme.typ".into()),
            line: Some(12),
            column: Some(3),
            hints: vec!["bir ipucu".into()],
            trace: Vec::new(),
        };
        assert_eq!(
            diag.to_string(),
            "metinler/izleme.typ:12:3: hata: unknown variable: x\n  ipucu: bir ipucu"
        );
        assert_eq!(Diagnostic::error("olmadı").to_string(), "hata: olmadı");
    }

    #[test]
    fn file_errors_are_translated_and_cli_hints_dropped() {
        let (message, hints) =
            translate("path `\"../../kurum.yaml\"` would escape the project root");
        assert_eq!(
            message,
            "\"../../kurum.yaml\" yolu proje klasörünün dışına çıkıyor"
        );
        assert_eq!(hints, vec![SANDBOX_HINT.to_owned()]);
        assert_eq!(
            rewrite_hint("you can adjust the project root with the `--root` argument"),
            None
        );
        assert_eq!(
            translate("file not found (searched at etc/passwd)").0,
            "dosya bulunamadı: etc/passwd"
        );
    }

    #[test]
    fn missing_glyphs_are_explained() {
        let (message, hints) = translate(
            "PDF/A-2b error: the text `\"漢\"` could not be displayed with font `\"Noto Sans\"`",
        );
        assert_eq!(
            message,
            "\"漢\" yazı tiplerinde bulunmayan bir karakter içeriyor (\"Noto Sans\"); \
             PDF/A kitapta gösterilemez"
        );
        assert_eq!(hints.len(), 2);
        assert_eq!(rewrite_hint("try using a different font"), None);
    }

    #[test]
    fn host_paths_are_hidden() {
        let mut diag = Diagnostic::error("failed near /srv/proje/metinler/a.typ in /srv/proje")
            .with_hint("see /srv/proje/gorseller");
        diag.hide_host_path(Path::new("/srv/proje"));
        assert_eq!(diag.message, "failed near metinler/a.typ in .");
        assert_eq!(diag.hints, vec!["see gorseller".to_owned()]);
    }

    #[test]
    fn string_literals_are_found_by_line_and_column() {
        let source = "#f(\"a\\\"b\", 12)\n#g(ad: \"Yol ağı\")";
        assert_eq!(string_literal_at(source, 1, 5).as_deref(), Some("a\"b"));
        assert_eq!(string_literal_at(source, 1, 12), None);
        assert_eq!(string_literal_at(source, 2, 9).as_deref(), Some("Yol ağı"));
        assert_eq!(string_literal_at(source, 3, 1), None);
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nçde".as_bytes(), 6), Some((2, 3)));
        assert_eq!(line_column(b"x", 5), None);
    }
}
