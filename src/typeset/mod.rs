//! Typst source → PDF, in-process.
//!
//! [`compile`] turns one [`Document`] (the main source of a book) into PDF bytes, reading other
//! files from a [`FileTree`] and fonts from a [`FontLibrary`]. Same input, same bytes: the date
//! and the PDF identifier are fixed by the caller in [`PdfSettings`]. Several documents can be
//! compiled at the same time (on threads of their own) sharing one `FontLibrary`. [`layout`] stops
//! before the PDF and gives the laid-out pages, for the page checks of the tests and `sayfalar`.

mod diagnostic;
mod files;
mod fonts;
mod world;

use std::fmt;
use std::str::FromStr;

use typst::diag::Warned;
use typst::foundations::{Datetime, Smart};
use typst::syntax::{RootedPath, VirtualPath, VirtualRoot};
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

pub use diagnostic::{string_literal_at, Diagnostic, Severity, SourcePosition};
pub use files::{FileTree, InvalidPath};
pub use fonts::FontLibrary;
pub use typst_layout::PagedDocument;

use world::KitapWorld;

/// How many compilations a memoized result survives unused. Three books rebuilt by `izle` stay
/// warm for a few rounds; older results are dropped so memory does not grow.
const CACHE_MAX_AGE: usize = 10;

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Compilations in progress (Typst lays out on worker threads of its own).
static COMPILING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Whether a panic at `location` (the panicking source file) is caught by a guarded
/// compilation and becomes a diagnostic, so a panic hook should stay quiet: a panic on this
/// thread inside `compile`, or a panic in Typst's own code on a worker thread while a
/// compilation runs.
pub fn panic_is_caught(location: Option<&str>) -> bool {
    GUARDED.with(|g| g.get())
        || (COMPILING.load(std::sync::atomic::Ordering::SeqCst) > 0
            && location.is_some_and(|f| f.contains("/typst")))
}

/// The main source of one book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its virtual path at the root of the source folder, e.g. `faaliyet-raporu-2025.typ`.
    pub main_path: String,
    /// The Typst markup.
    pub main_text: String,
}

/// The PDF standards typst can enforce, as `kurum.yaml` `cikti.pdf_standardi` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PdfStandard {
    Pdf14,
    Pdf15,
    Pdf16,
    Pdf17,
    Pdf20,
    A1b,
    A1a,
    #[default]
    A2b,
    A2u,
    A2a,
    A3b,
    A3u,
    A3a,
    A4,
    A4f,
    A4e,
    Ua1,
}

impl PdfStandard {
    /// Every standard, in the order of [`PdfStandard::name`]s listed to users.
    pub const ALL: [PdfStandard; 17] = [
        PdfStandard::Pdf14,
        PdfStandard::Pdf15,
        PdfStandard::Pdf16,
        PdfStandard::Pdf17,
        PdfStandard::Pdf20,
        PdfStandard::A1b,
        PdfStandard::A1a,
        PdfStandard::A2b,
        PdfStandard::A2u,
        PdfStandard::A2a,
        PdfStandard::A3b,
        PdfStandard::A3u,
        PdfStandard::A3a,
        PdfStandard::A4,
        PdfStandard::A4f,
        PdfStandard::A4e,
        PdfStandard::Ua1,
    ];

    /// The name used in `kurum.yaml` (typst's own spelling): `a-2b`, `1.7`, `ua-1`, ….
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::Pdf14 => "1.4",
            PdfStandard::Pdf15 => "1.5",
            PdfStandard::Pdf16 => "1.6",
            PdfStandard::Pdf17 => "1.7",
            PdfStandard::Pdf20 => "2.0",
            PdfStandard::A1b => "a-1b",
            PdfStandard::A1a => "a-1a",
            PdfStandard::A2b => "a-2b",
            PdfStandard::A2u => "a-2u",
            PdfStandard::A2a => "a-2a",
            PdfStandard::A3b => "a-3b",
            PdfStandard::A3u => "a-3u",
            PdfStandard::A3a => "a-3a",
            PdfStandard::A4 => "a-4",
            PdfStandard::A4f => "a-4f",
            PdfStandard::A4e => "a-4e",
            PdfStandard::Ua1 => "ua-1",
        }
    }

    /// Whether the standard requires a tagged (structured) PDF. Tags make big tables many times
    /// larger and slower to write, so they are only on when required.
    pub fn needs_tags(self) -> bool {
        matches!(
            self,
            PdfStandard::A1a | PdfStandard::A2a | PdfStandard::A3a | PdfStandard::Ua1
        )
    }

    fn to_typst(self) -> typst_pdf::PdfStandard {
        use typst_pdf::PdfStandard as T;
        match self {
            PdfStandard::Pdf14 => T::V_1_4,
            PdfStandard::Pdf15 => T::V_1_5,
            PdfStandard::Pdf16 => T::V_1_6,
            PdfStandard::Pdf17 => T::V_1_7,
            PdfStandard::Pdf20 => T::V_2_0,
            PdfStandard::A1b => T::A_1b,
            PdfStandard::A1a => T::A_1a,
            PdfStandard::A2b => T::A_2b,
            PdfStandard::A2u => T::A_2u,
            PdfStandard::A2a => T::A_2a,
            PdfStandard::A3b => T::A_3b,
            PdfStandard::A3u => T::A_3u,
            PdfStandard::A3a => T::A_3a,
            PdfStandard::A4 => T::A_4,
            PdfStandard::A4f => T::A_4f,
            PdfStandard::A4e => T::A_4e,
            PdfStandard::Ua1 => T::Ua_1,
        }
    }
}

impl fmt::Display for PdfStandard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A `pdf_standardi` value that names no standard typst offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPdfStandard(pub String);

impl fmt::Display for UnknownPdfStandard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = PdfStandard::ALL.iter().map(|s| s.name()).collect();
        write!(
            f,
            "bilinmeyen PDF standardı {:?}; geçerli değerler: {}",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownPdfStandard {}

impl FromStr for PdfStandard {
    type Err = UnknownPdfStandard;

    /// Accepts typst's names (`a-2b`, `1.7`, `ua-1`) in any case, with or without a `pdf`
    /// prefix and with `-`, `/`, `_` or nothing as separators: `PDF/A-2b`, `pdf-1.7`, `A2B`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let normalized: String = text
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '/' | '_' | ' '))
            .collect();
        let normalized = normalized.strip_prefix("pdf").unwrap_or(&normalized);
        PdfStandard::ALL
            .into_iter()
            .find(|standard| standard.name().replace('-', "") == normalized)
            .ok_or_else(|| UnknownPdfStandard(text.to_owned()))
    }
}

/// A fixed date and time (UTC): the build's "today" and the PDF's creation date. A civil
/// date and time of `jiff`, the one date library of kitap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FixedDateTime(jiff::civil::DateTime);

impl FixedDateTime {
    /// `None` if it is not a real date and time, or the year is outside 1–9998.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        if !(1..=9998).contains(&year) {
            return None;
        }
        let small = |n: u8| i8::try_from(n).ok();
        jiff::civil::DateTime::new(
            i16::try_from(year).ok()?,
            small(month)?,
            small(day)?,
            small(hour)?,
            small(minute)?,
            small(second)?,
            0,
        )
        .ok()
        .map(FixedDateTime)
    }

    /// Midnight (UTC) of a day.
    pub fn date(year: i32, month: u8, day: u8) -> Option<Self> {
        FixedDateTime::new(year, month, day, 0, 0, 0)
    }

    /// From seconds since 1970-01-01 UTC (as in `SOURCE_DATE_EPOCH`).
    pub fn from_unix_seconds(seconds: i64) -> Option<Self> {
        let utc = jiff::tz::Offset::UTC.to_datetime(jiff::Timestamp::from_second(seconds).ok()?);
        let part = |n: i8| u8::try_from(n).ok();
        FixedDateTime::new(
            i32::from(utc.year()),
            part(utc.month())?,
            part(utc.day())?,
            part(utc.hour())?,
            part(utc.minute())?,
            part(utc.second())?,
        )
    }

    fn to_typst(self) -> Option<Datetime> {
        let t = self.0;
        Datetime::from_ymd_hms(
            i32::from(t.year()),
            u8::try_from(t.month()).ok()?,
            u8::try_from(t.day()).ok()?,
            u8::try_from(t.hour()).ok()?,
            u8::try_from(t.minute()).ok()?,
            u8::try_from(t.second()).ok()?,
        )
    }
}

impl fmt::Display for FixedDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

/// How the PDF is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfSettings {
    pub standard: PdfStandard,
    /// The build's date: `datetime.today()` in Typst and the PDF's creation date (unless the
    /// document sets `date:` itself).
    pub timestamp: FixedDateTime,
    /// A stable identifier of the book (e.g. `palandoken/faaliyet-raporu-2025`); the PDF's
    /// document ID is derived from it.
    pub ident: String,
}

/// A compiled book.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Warnings of a successful compilation.
    pub warnings: Vec<Diagnostic>,
}

/// Compiles `doc` to PDF. On failure, the errors (and the warnings seen so far), each naming
/// the virtual file, line and column concerned.
pub fn compile(
    doc: &Document,
    tree: &FileTree,
    fonts: &FontLibrary,
    settings: &PdfSettings,
) -> Result<Compiled, Vec<Diagnostic>> {
    // Typst has panicked on hostile text (a debug assertion of its shaper, found by fuzzing):
    // a panic costs this book, never the process.
    COMPILING.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        GUARDED.with(|g| g.set(true));
        let r = compile_inner(doc, tree, fonts, settings);
        GUARDED.with(|g| g.set(false));
        r
    }));
    GUARDED.with(|g| g.set(false));
    COMPILING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    let mut result = guarded.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(vec![Diagnostic::error(format!(
            "Typst bu kitabı dizerken beklenmedik biçimde durdu ({what}). Verilerde olağandışı denetim karakterleri (örneğin yön işaretleri) olabilir; ilgili hücreleri temizleyip yeniden deneyin"
        ))])
    });
    // Drop memoized results that recent compilations did not use, on the error path too.
    typst::comemo::evict(CACHE_MAX_AGE);
    // Messages are built from virtual paths; this only guards against a host path slipping
    // through some message typst builds itself.
    if let Some(project) = tree.project() {
        let diags = match &mut result {
            Ok(compiled) => &mut compiled.warnings,
            Err(diags) => diags,
        };
        for diag in diags {
            diag.hide_host_path(project);
        }
    }
    result
}

/// Lays `doc` out without writing a PDF: the pages as Typst made them, for tools and tests that
/// look at the laid-out frames (where each table, heading and line of text sits), with the
/// warnings of a successful layout. The same world, fonts and date as [`compile`]; no panic
/// guard.
pub fn layout(
    doc: &Document,
    tree: &FileTree,
    fonts: &FontLibrary,
    timestamp: FixedDateTime,
) -> Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (world, laid_out) = lay_out(doc, tree, fonts, timestamp)?;
    drop(world);
    laid_out
}

/// The world of `doc` and its layout (or the errors, warnings after them).
#[allow(clippy::type_complexity)]
fn lay_out<'a>(
    doc: &Document,
    tree: &'a FileTree,
    fonts: &'a FontLibrary,
    timestamp: FixedDateTime,
) -> Result<
    (
        KitapWorld<'a>,
        Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>>,
    ),
    Vec<Diagnostic>,
> {
    let vpath = VirtualPath::new(&doc.main_path)
        .ok()
        .filter(|path| !path.is_root());
    let Some(vpath) = vpath else {
        return Err(vec![Diagnostic::error(format!(
            "ana kaynak dosyasının yolu geçersiz: {:?}",
            doc.main_path
        ))]);
    };
    let Some(now) = timestamp.to_typst() else {
        return Err(vec![Diagnostic::error(format!(
            "geçersiz derleme tarihi: {timestamp}"
        ))]);
    };
    let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
    let main = tree.main_source(id, &doc.main_text);
    let world = KitapWorld::new(main, tree, fonts, now);

    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let mut warnings = diagnostic::convert_all(&world, &warnings);
    let document = match output {
        Ok(document) => document,
        Err(errors) => {
            let mut all = diagnostic::convert_all(&world, &errors);
            all.append(&mut warnings);
            return Ok((world, Err(all)));
        }
    };
    if let Some(index) = warnings.iter().position(is_non_convergence) {
        let mut all = vec![Diagnostic::error(
            "belge beş denemede kararlı bir sayfa düzenine ulaşmadı; sayfa numaraları, \
             içindekiler veya atıflar yanlış olabilir",
        )
        .with_hint("aşağıdaki uyarılar hangi sayacın veya sorgunun değişip durduğunu gösterir")];
        warnings.remove(index);
        all.append(&mut warnings);
        return Ok((world, Err(all)));
    }
    Ok((world, Ok((document, warnings))))
}

fn compile_inner(
    doc: &Document,
    tree: &FileTree,
    fonts: &FontLibrary,
    settings: &PdfSettings,
) -> Result<Compiled, Vec<Diagnostic>> {
    let (world, laid_out) = lay_out(doc, tree, fonts, settings.timestamp)?;
    let (document, mut warnings) = laid_out?;
    let Some(now) = settings.timestamp.to_typst() else {
        return Err(vec![Diagnostic::error(format!(
            "geçersiz derleme tarihi: {}",
            settings.timestamp
        ))]);
    };

    let standards = PdfStandards::new(&[settings.standard.to_typst()]).map_err(|err| {
        vec![Diagnostic {
            hints: err.hints().iter().map(ToString::to_string).collect(),
            ..Diagnostic::error(format!(
                "PDF standardı {} kullanılamıyor: {}",
                settings.standard,
                err.message()
            ))
        }]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(format!("kitap {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(now)),
        page_ranges: None,
        standards,
        tagged: settings.standard.needs_tags(),
        pretty: false,
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| {
        let mut all = diagnostic::convert_all(&world, &errors);
        all.append(&mut warnings);
        all
    })?;
    Ok(Compiled {
        pdf,
        pages: document.pages().len(),
        warnings,
    })
}

/// Typst's layout warning, known by its English wording in typst `=0.15.1` (pinned in
/// Cargo.toml; typst keeps no kind with a diagnostic).
fn is_non_convergence(diag: &Diagnostic) -> bool {
    diag.severity == Severity::Warning && diag.message.starts_with("document did not converge")
}
