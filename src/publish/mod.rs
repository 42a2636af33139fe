//! Turning a checked project into files: each book rendered (minijinja → Typst source) and
//! compiled (Typst → PDF) in parallel, the Typst sources with everything they import written
//! to `kaynak/` so the typst CLI compiles them as they stand, and every file written to a
//! temporary name and renamed when complete.

mod sources;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::books::marks::Traced;
use crate::books::{book_context_traced, narratives_present, Book, BookInput, DataAttachment};
use crate::config::{Project, Settings, Years};
use crate::failure::{self, FailedBook};
use crate::finding::{Code, Finding};
use crate::model::Model;
use crate::opendata::{self, OpenData};
use crate::output::{write_atomic, WriteError};
use crate::printable::Printable;
use crate::render::Renderer;
use crate::typeset::{
    self, Document, FileTree, FixedDateTime, FontLibrary, PdfSettings, PdfStandard,
};

/// What the books are made from: the project, its checked model and the findings of the
/// check (the `hata` ones mark the values they touch in a draft).
#[derive(Debug, Clone, Copy)]
pub struct PublishInput<'a> {
    pub project: &'a Project,
    pub model: &'a Model,
    pub findings: &'a [Finding],
    /// True when the data has errors: TASLAK on every page.
    pub draft: bool,
    /// The open data of this build (`acik-veri/`), which the Faaliyet Raporu carries as PDF
    /// attachments; `None`: no attachments.
    pub open_data: Option<&'a OpenData>,
}

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    pub books: Vec<Book>,
    pub out_dir: PathBuf,
}

/// One book's result.
#[derive(Debug)]
pub struct BookOutcome {
    pub book: Book,
    /// The PDF's file name (`faaliyet-raporu-2025.pdf`).
    pub file: String,
    pub pages: usize,
    /// Render and compile time.
    pub render_time: Duration,
    pub typeset_time: Duration,
    /// False when the book could not be made (its findings say why); the previous PDF stays.
    pub written: bool,
    /// Typst's warnings of a book that was made.
    pub warnings: Vec<String>,
}

impl BookOutcome {
    /// A book not (yet) written.
    fn not_written(book: Book, years: &Years, render_time: Duration) -> BookOutcome {
        BookOutcome {
            book,
            file: format!("{}.pdf", book.stem(years)),
            pages: 0,
            render_time,
            typeset_time: Duration::ZERO,
            written: false,
            warnings: Vec::new(),
        }
    }
}

/// The books of one build.
#[derive(Debug, Default)]
pub struct Built {
    pub books: Vec<BookOutcome>,
    /// Findings of rendering and typesetting (T001), to add to the report.
    pub findings: Vec<Finding>,
    pub write_time: Duration,
}

/// The fixed date of a build: `SOURCE_DATE_EPOCH` when set, else 1 January of the year after
/// the report year — the same input gives the same bytes.
pub fn build_timestamp(report_year: i32) -> Option<FixedDateTime> {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    from_env
        .and_then(FixedDateTime::from_unix_seconds)
        .or_else(|| FixedDateTime::date(report_year + 1, 1, 1))
}

/// Where a virtual path of the source folder comes from.
fn source_bytes(project_dir: &Path, vpath: &str) -> Option<Vec<u8>> {
    if vpath.starts_with("lib/") {
        let own = project_dir.join("report-templates").join(vpath);
        if own.is_file() {
            return std::fs::read(own).ok();
        }
        return crate::assets::template(vpath).map(|b| b.to_vec());
    }
    std::fs::read(project_dir.join(vpath)).ok()
}

/// The template of the theme file `lib/kurum-tema.typ`, rendered with each book's context
/// beside the book's own template.
pub const THEME_TEMPLATE: &str = "kurum-tema.typ.j2";
/// Where the theme file lives in a book's file tree (and `kaynak/`): it replaces the built-in
/// `lib/kurum-tema.typ` and a project's own.
const THEME_FILE: &str = "lib/kurum-tema.typ";

/// A book rendered and waiting to be compiled.
struct Job {
    /// Its place in `Publisher::books`.
    slot: usize,
    source: String,
    render_time: Duration,
    /// The book's PDF standard.
    standard: PdfStandard,
    /// Whether it carries the open data as attachments.
    attaches: bool,
    /// Files the book reads from memory (the theme, the attached open data): virtual path and
    /// bytes.
    memory: Vec<(String, Vec<u8>)>,
}

/// A book compiled (or not).
struct Made {
    book: Book,
    source: String,
    pdf: Result<typeset::Compiled, Vec<typeset::Diagnostic>>,
    dependencies: Vec<String>,
    attaches: bool,
    memory: Vec<(String, Vec<u8>)>,
    render_time: Duration,
    typeset_time: Duration,
}

/// What one book's last compilation read, to tell whether a change can affect it.
#[derive(Default)]
struct LastBuild {
    source: String,
    /// Every file the compilation read, with its modification time.
    files: Vec<(String, Option<SystemTime>)>,
    /// The in-memory files it was given.
    memory: Vec<(String, Vec<u8>)>,
    ok: bool,
}

/// One book's warm state: its file tree (parsed sources stay cached for Typst's incremental
/// compilation) and what its last build read.
struct BookState {
    book: Book,
    tree: Option<FileTree>,
    last: LastBuild,
    /// The numbers its last render printed, with their sources (`kaynak/izler.json`).
    trace: Vec<Traced>,
}

/// Builds the books of one project, keeping fonts, templates and Typst's caches warm between
/// builds (for `izle`). A one-shot `derle` uses it once.
pub struct Publisher {
    project_dir: PathBuf,
    renderer: Option<Renderer>,
    fonts: FontLibrary,
    books: Vec<BookState>,
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Publisher {
    /// Loads the fonts (built-in plus the project's `fonts/`) once.
    pub fn new(project_dir: &Path) -> Publisher {
        Publisher {
            project_dir: project_dir.to_path_buf(),
            renderer: None,
            fonts: FontLibrary::load(&[project_dir.join("fonts")]),
            books: Book::EVERY
                .iter()
                .map(|&book| BookState {
                    book,
                    tree: None,
                    last: LastBuild::default(),
                    trace: Vec::new(),
                })
                .collect(),
        }
    }

    /// Forgets the loaded templates (after a change under `report-templates/`).
    pub fn reload_templates(&mut self) {
        self.renderer = None;
    }

    /// Where a file a book read lives on disk (for change detection).
    fn disk_path(&self, vpath: &str) -> PathBuf {
        if vpath.starts_with("lib/") {
            self.project_dir.join("report-templates").join(vpath)
        } else {
            self.project_dir.join(vpath)
        }
    }

    /// The fonts every book is set in (built-in plus the project's `fonts/`); the check stage
    /// reads the same library, so a build loads the fonts once.
    pub fn fonts(&self) -> &FontLibrary {
        &self.fonts
    }

    /// Renders and compiles the requested books in parallel, then writes the PDFs and
    /// `kaynak/`. With `only_changed`, a book whose Typst source and read files are unchanged
    /// since its last successful build is skipped.
    pub fn build(
        &mut self,
        input: &PublishInput,
        request: &BuildRequest,
        only_changed: bool,
        status: &(dyn Fn(&str) + Sync),
    ) -> Result<Built, WriteError> {
        let mut built = Built::default();
        if let Some(finding) = self.load_templates(input.project) {
            built.findings.push(finding);
            return Ok(built);
        }
        let Some(pdf) = pdf_setup(&input.project.settings, &mut built.findings) else {
            return Ok(built);
        };
        let present = narratives_present(&input.project.dir);
        let books = BookInput {
            model: input.model,
            settings: &input.project.settings,
            findings: input.findings,
            draft: input.draft,
            narratives: &present,
            project_dir: &input.project.dir,
        };
        let attachments = attachments(input, &pdf, request, &mut built.findings);
        let (jobs, traces) = self.render_books(
            &books,
            request,
            &pdf,
            &attachments,
            only_changed,
            &mut built,
        );
        for (slot, trace) in traces {
            self.books[slot].trace = trace;
        }
        let made = self.compile_books(jobs, input.project, &pdf, status);
        let started = Instant::now();
        self.write_books(
            made,
            &books,
            &attachments.listed,
            &request.out_dir,
            &mut built,
        )?;
        self.write_source_index(input, request)?;
        built.write_time = started.elapsed();
        Ok(built)
    }

    /// `kaynak/izler.json`: the printed numbers of every requested book with their sources.
    fn write_source_index(
        &self,
        input: &PublishInput,
        request: &BuildRequest,
    ) -> Result<(), WriteError> {
        let years = &input.project.settings.years;
        let books = self
            .books
            .iter()
            .filter(|s| request.books.contains(&s.book))
            .map(|s| {
                sources::book_sources(
                    &format!("{}.pdf", s.book.stem(years)),
                    &s.trace,
                    input.model,
                )
            })
            .collect();
        write_atomic(
            &request.out_dir.join("kaynak").join("izler.json"),
            sources::index_json(books).as_bytes(),
        )
    }

    /// Loads the templates once (the project's own beside the built-in ones); a template
    /// that does not load gives a T001 finding.
    fn load_templates(&mut self, project: &Project) -> Option<Finding> {
        if self.renderer.is_some() {
            return None;
        }
        let printable = Printable::new(&self.fonts, &project.settings.theme.font);
        match Renderer::with_printable(Some(&project.dir), Arc::new(printable)) {
            Ok(renderer) => {
                self.renderer = Some(renderer);
                None
            }
            Err(e) => Some(Finding::new(
                Code::T001,
                format!("şablonlar yüklenemedi: {e}"),
            )),
        }
    }

    /// Renders every requested book (cheap) and returns the ones to compile: a book over the
    /// table-row limit (T002) or whose template fails (T001) gets its finding and an
    /// outcome that is not written; with `only_changed`, an unchanged book is left out. Also
    /// returns each rendered book's printed numbers with their sources.
    fn render_books(
        &self,
        input: &BookInput,
        request: &BuildRequest,
        pdf: &PdfSetup,
        attachments: &Attachments,
        only_changed: bool,
        built: &mut Built,
    ) -> (Vec<Job>, Vec<(usize, Vec<Traced>)>) {
        let mut traces = Vec::new();
        let Some(renderer) = self.renderer.as_ref() else {
            return (Vec::new(), traces);
        };
        let years = &input.settings.years;
        // The size of each book is known before compiling: a book over the limit is refused
        // with a finding instead of running out of memory (about 4,5 MB per page of table).
        let limit = input.settings.limits.max_table_rows;
        let mut jobs = Vec::new();
        let mut wanted = Vec::new();
        for (slot, state) in self.books.iter().enumerate() {
            if !request.books.contains(&state.book) {
                continue;
            }
            let rows = estimated_rows(state.book, input.model);
            if rows > limit {
                built.findings.push(Finding::new(
                    Code::T002,
                    format!(
                        "{} yaklaşık {rows} tablo satırı tutacaktı; sınır {limit}. Kitap dizilmedi, önceki PDF yerinde bırakıldı. Gerekirse kurum.yaml'da okuma.tablo_satiri değerini artırın (her 100 satır yaklaşık 2 sayfa ve 10 MB bellek).",
                        state.book.title()
                    ),
                ));
                built
                    .books
                    .push(BookOutcome::not_written(state.book, years, Duration::ZERO));
                continue;
            }
            wanted.push(slot);
        }
        // The books' contexts and sources are made at the same time (about 0,05 s a big book).
        let rendered: Vec<_> = wanted
            .par_iter()
            .map(|&slot| {
                let book = self.books[slot].book;
                let started = Instant::now();
                let (mut context, trace) = book_context_traced(book, input);
                context.attach(&attachments.listed);
                let rendered = renderer.render(THEME_TEMPLATE, &context).and_then(|theme| {
                    let source = renderer.render(book.template(), &context)?;
                    Ok((theme, source))
                });
                (slot, trace, rendered, started.elapsed())
            })
            .collect();
        for (slot, trace, rendered, render_time) in rendered {
            let state = &self.books[slot];
            traces.push((slot, trace));
            let attaches = state.book == Book::ActivityReport && !attachments.files.is_empty();
            match rendered {
                Ok((theme, source)) => {
                    let mut memory = vec![(THEME_FILE.to_string(), theme.into_bytes())];
                    if attaches {
                        memory.extend(attachments.files.iter().cloned());
                    }
                    if !(only_changed && self.unchanged(state, &source, &memory)) {
                        jobs.push(Job {
                            slot,
                            source,
                            render_time,
                            standard: pdf.standard_of(attaches),
                            attaches,
                            memory,
                        });
                    }
                }
                Err(e) => {
                    built
                        .findings
                        .push(failure::render_failure(state.book, &e, renderer));
                    built
                        .books
                        .push(BookOutcome::not_written(state.book, years, render_time));
                }
            }
        }
        (jobs, traces)
    }

    /// Whether a book's source, its in-memory files and every file its last successful build
    /// read are unchanged.
    fn unchanged(&self, state: &BookState, source: &str, memory: &[(String, Vec<u8>)]) -> bool {
        state.last.ok
            && state.last.source == source
            && state.last.memory == memory
            && state
                .last
                .files
                .iter()
                .all(|(f, t)| mtime(&self.disk_path(f)) == *t)
    }

    /// Compiles the rendered books at the same time, each in its book's warm file tree.
    fn compile_books(
        &mut self,
        jobs: Vec<Job>,
        project: &Project,
        pdf: &PdfSetup,
        status: &(dyn Fn(&str) + Sync),
    ) -> Vec<(usize, Made, Option<FileTree>)> {
        let mut work: Vec<(Job, Option<FileTree>)> = jobs
            .into_iter()
            .map(|job| {
                let tree = self.books[job.slot].tree.take();
                (job, tree)
            })
            .collect();
        let fonts = &self.fonts;
        let books: Vec<Book> = self.books.iter().map(|b| b.book).collect();
        let compile_one = |(job, tree): &mut (Job, Option<FileTree>)| {
            let book = books[job.slot];
            let stem = book.stem(&project.settings.years);
            status(&format!("{:>12} {stem}.pdf", "Derleniyor"));
            let started = Instant::now();
            let mut tree = match tree.take() {
                Some(mut t) => {
                    t.reset();
                    Some(t)
                }
                None => FileTree::new(&project.dir).ok(),
            };
            let (pdf, dependencies) = match tree.as_mut() {
                None => (
                    Err(vec![typeset::Diagnostic::error(
                        "proje klasörü açılamadı".to_string(),
                    )]),
                    Vec::new(),
                ),
                Some(t) => {
                    for (vpath, bytes) in &job.memory {
                        // The paths are made by `attachments` and always valid.
                        let _ = t.add_memory_file(vpath, bytes.clone());
                    }
                    let doc = Document {
                        main_path: format!("{stem}.typ"),
                        main_text: job.source.clone(),
                    };
                    let settings = PdfSettings {
                        standard: job.standard,
                        timestamp: pdf.timestamp,
                        ident: format!("kitap/{}/{stem}", project.name),
                    };
                    let compiled = typeset::compile(&doc, t, fonts, &settings);
                    (compiled, t.dependencies())
                }
            };
            let made = Made {
                book,
                source: std::mem::take(&mut job.source),
                pdf,
                dependencies,
                attaches: job.attaches,
                memory: std::mem::take(&mut job.memory),
                render_time: job.render_time,
                typeset_time: started.elapsed(),
            };
            (job.slot, made, tree)
        };
        // One thread per book, all at once; inside a book Typst works on rayon's pool. Measured
        // (docs/src/gelistirici/hiz.md): books as rayon tasks on that same pool cost 15 % more
        // processor time (a thread waiting inside one book's Typst runs another book's work) and
        // one book after another leaves a core idle.
        std::thread::scope(|scope| {
            let handles: Vec<_> = work
                .iter_mut()
                .map(|w| scope.spawn(|| compile_one(w)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    }

    /// Writes each compiled book and its sources (`kaynak/`), remembers what it read, and
    /// turns a failed compilation into T001 findings at the places the officer can fix.
    fn write_books(
        &mut self,
        made: Vec<(usize, Made, Option<FileTree>)>,
        input: &BookInput,
        attachments: &[DataAttachment],
        out_dir: &Path,
        built: &mut Built,
    ) -> Result<(), WriteError> {
        let kaynak = out_dir.join("kaynak");
        for (slot, m, tree) in made {
            let stem = m.book.stem(&input.settings.years);
            let main = format!("{stem}.typ");
            let mut outcome =
                BookOutcome::not_written(m.book, &input.settings.years, m.render_time);
            outcome.typeset_time = m.typeset_time;
            // The sources are kept whether or not the book compiled: the officer can look at them.
            write_atomic(&kaynak.join(&main), m.source.as_bytes())?;
            for dep in m.dependencies.iter().filter(|d| **d != main) {
                // An in-memory file (the theme, the attached open data) is written as it was
                // compiled.
                if let Some((_, bytes)) = m.memory.iter().find(|(p, _)| p == dep) {
                    write_atomic(&kaynak.join(dep), bytes)?;
                } else if let Some(bytes) = source_bytes(input.project_dir, dep) {
                    write_atomic(&kaynak.join(dep), &bytes)?;
                }
            }
            let files: Vec<(String, Option<SystemTime>)> = m
                .dependencies
                .iter()
                .filter(|d| **d != main && !m.memory.iter().any(|(p, _)| p == *d))
                .map(|d| (d.clone(), mtime(&self.disk_path(d))))
                .collect();
            let state = &mut self.books[slot];
            state.tree = tree;
            state.last = LastBuild {
                files,
                source: m.source,
                memory: m.memory,
                ok: false,
            };
            match m.pdf {
                Ok(compiled) => {
                    write_atomic(&out_dir.join(&outcome.file), &compiled.pdf)?;
                    outcome.pages = compiled.pages;
                    outcome.warnings = compiled.warnings.into_iter().map(|w| w.message).collect();
                    outcome.written = true;
                    state.last.ok = true;
                }
                Err(diags) => {
                    let Some(renderer) = self.renderer.as_ref() else {
                        continue;
                    };
                    let attached = if m.attaches { attachments } else { &[] };
                    let failed =
                        FailedBook::new(m.book, &main, &state.last.source, renderer, input)
                            .with_attachments(attached);
                    built
                        .findings
                        .extend(shown(&diags).into_iter().map(|d| failed.finding(d)));
                }
            }
            built.books.push(outcome);
        }
        Ok(())
    }
}

/// The diagnostics a failed book reports: its errors (the warnings only when there are
/// none), at most five.
fn shown(diags: &[typeset::Diagnostic]) -> Vec<&typeset::Diagnostic> {
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == typeset::Severity::Error)
        .collect();
    let shown = if errors.is_empty() {
        diags.iter().collect()
    } else {
        errors
    };
    shown.into_iter().take(5).collect()
}

/// The PDF standard and date of every book of a build.
struct PdfSetup {
    /// `cikti.pdf_standardi`, else the default (PDF/A-2b).
    standard: PdfStandard,
    /// Whether kurum.yaml named the standard: it then holds for every book.
    explicit: bool,
    timestamp: FixedDateTime,
}

impl PdfSetup {
    /// The standard of one book: the one kurum.yaml names, else PDF/A-3b for a book that
    /// carries attachments (PDF/A-2 forbids them) and the default for the others.
    fn standard_of(&self, attaches: bool) -> PdfStandard {
        if attaches && !self.explicit {
            PdfStandard::A3b
        } else {
            self.standard
        }
    }
}

/// Whether typst (krilla) lets a PDF of this standard carry attached files: not PDF/A-1,
/// PDF/A-2 (any level) or plain PDF/A-4 (only its `f` and `e` levels allow them).
pub fn allows_attachments(standard: PdfStandard) -> bool {
    !matches!(
        standard,
        PdfStandard::A1a
            | PdfStandard::A1b
            | PdfStandard::A2a
            | PdfStandard::A2b
            | PdfStandard::A2u
            | PdfStandard::A4
    )
}

/// What the Faaliyet Raporu attaches: the entries its template lists and the files its tree
/// holds in memory (under `acik-veri/`); both empty when it attaches nothing.
#[derive(Default)]
struct Attachments {
    listed: Vec<DataAttachment>,
    files: Vec<(String, Vec<u8>)>,
}

/// The open data as the Faaliyet Raporu's attachments, unless `cikti.veri_ekle` is false, the
/// build has no open data or the report is not asked for. A standard kurum.yaml names that
/// forbids attachments wins: no attachments, and a T003 (bilgi) says why and what to change —
/// the data is still in `acik-veri/` beside the books.
fn attachments(
    input: &PublishInput,
    pdf: &PdfSetup,
    request: &BuildRequest,
    findings: &mut Vec<Finding>,
) -> Attachments {
    let settings = &input.project.settings;
    let Some(data) = input.open_data else {
        return Attachments::default();
    };
    if !settings.attach_data || !request.books.contains(&Book::ActivityReport) {
        return Attachments::default();
    }
    if pdf.explicit && !allows_attachments(pdf.standard) {
        findings.push(
            Finding::new(
                Code::T003,
                format!(
                    "Faaliyet Raporu'na açık veri dosyaları eklenmedi: kurum.yaml'daki cikti.pdf_standardi ({}) PDF'e dosya eklenmesine izin vermiyor. Veriler {}/ klasöründe yayımlandı. Verileri kitabın içinde de vermek için pdf_standardi: a-3b yazın; bu bilgiyi görmemek için cikti.veri_ekle: false yazın.",
                    pdf.standard,
                    opendata::FOLDER
                ),
            )
            .in_file("kurum.yaml"),
        );
        return Attachments::default();
    }
    let mut out = Attachments::default();
    for file in &data.files {
        let vpath = format!("{}/{}", opendata::FOLDER, file.name);
        out.listed.push(DataAttachment {
            yol: vpath.clone(),
            tur: file.mediatype.to_string(),
            aciklama: file.description.clone(),
        });
        out.files.push((vpath, file.bytes.clone()));
    }
    out
}

/// `cikti.pdf_standardi` (an unknown one is a T001 finding and the default is used) and the
/// build's fixed date; `None`, with a T001, when there is no valid date.
fn pdf_setup(settings: &Settings, findings: &mut Vec<Finding>) -> Option<PdfSetup> {
    // An unknown standard is reported and the defaults are used, as if none were named.
    let named = match settings.pdf_standard.as_deref() {
        Some(s) => s.parse::<PdfStandard>().map(Some).unwrap_or_else(|e| {
            findings.push(
                Finding::new(Code::T001, format!("kurum.yaml cikti.pdf_standardi: {e}"))
                    .in_file("kurum.yaml"),
            );
            None
        }),
        None => None,
    };
    let explicit = named.is_some();
    let standard = named.unwrap_or_default();
    let Some(timestamp) = build_timestamp(settings.years.report) else {
        findings.push(Finding::new(
            Code::T001,
            "kitapların tarihi belirlenemedi (SOURCE_DATE_EPOCH ya da yil geçersiz)",
        ));
        return None;
    };
    Some(PdfSetup {
        standard,
        explicit,
        timestamp,
    })
}

/// An upper estimate of the table rows a book prints, from the model alone.
pub fn estimated_rows(book: Book, model: &crate::model::Model) -> usize {
    let indicators = model.indicators.len();
    let activities = model.activities.len();
    let budget = model.budget.len();
    let objectives = model.objectives().count();
    let directorates = model.directorates.len();
    let changes = model.changes.len();
    match book {
        // Hedef kartları (indicators + 9 rows each), the cost table, the indicator annex.
        Book::StrategicPlan => indicators * 2 + objectives * 12 + model.goals.len() + changes + 10,
        // Performans hedefi tabloları, birim faaliyet tabloları, idare tablosu, kaynak ihtiyacı.
        Book::PerformanceProgram => {
            indicators + activities * 2 + objectives * 6 + directorates + 20 + changes
        }
        // Performans sonuçları, faaliyet bilgileri, bütçe tabloları.
        Book::ActivityReport => {
            indicators + activities + budget + objectives * 3 + directorates * 2 + 30
        }
        // Özet, Hedef İzleme Tabloları (indicators, the year's activities), the annex.
        Book::Monitoring(_) => indicators + activities + objectives * 8 + changes + 10,
        // Özet, Plan Dönemi Gelişimi, Sapmalar, the annex.
        Book::Evaluation => indicators * 2 + objectives * 8 + changes + 10,
    }
}
