//! Turning a checked project into files: each book rendered (minijinja → Typst source) and
//! compiled (Typst → PDF) in parallel, the Typst sources with everything they import written
//! to `kaynak/` so the typst CLI compiles them as they stand, and every file written to a
//! temporary name and renamed when complete.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::books::{book_context, narratives_present, Book, BookInput};
use crate::failure::{self, FailedBook};
use crate::finding::{Code, Finding, Severity};
use crate::output::{write_atomic, WriteError};
use crate::pipeline::Checked;
use crate::printable::Printable;
use crate::render::Renderer;
use crate::typeset::{
    self, Document, FileTree, FixedDateTime, FontLibrary, PdfSettings, PdfStandard,
};

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

struct Made {
    book: Book,
    source: String,
    pdf: Result<typeset::Compiled, Vec<typeset::Diagnostic>>,
    dependencies: Vec<String>,
    render_time: Duration,
    typeset_time: Duration,
}

/// What one book's last compilation read, to tell whether a change can affect it.
#[derive(Default)]
struct LastBuild {
    source: String,
    /// Every file the compilation read, with its modification time.
    files: Vec<(String, Option<std::time::SystemTime>)>,
    ok: bool,
}

/// One book's warm state: its file tree (parsed sources stay cached for Typst's incremental
/// compilation) and what its last build read.
struct BookState {
    book: Book,
    tree: Option<FileTree>,
    last: LastBuild,
}

/// Builds the books of one project, keeping fonts, templates and Typst's caches warm between
/// builds (for `izle`). A one-shot `derle` uses it once.
pub struct Publisher {
    project_dir: PathBuf,
    renderer: Option<Renderer>,
    fonts: FontLibrary,
    books: Vec<BookState>,
}

fn mtime(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Publisher {
    /// Loads the fonts (built-in plus the project's `fonts/`) once.
    pub fn new(project_dir: &Path) -> Publisher {
        Publisher {
            project_dir: project_dir.to_path_buf(),
            renderer: None,
            fonts: FontLibrary::load(&[project_dir.join("fonts")]),
            books: Book::ALL
                .iter()
                .map(|&book| BookState {
                    book,
                    tree: None,
                    last: LastBuild::default(),
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

    /// Renders and compiles the requested books in parallel, then writes the PDFs and
    /// `kaynak/`. With `only_changed`, a book whose Typst source and read files are unchanged
    /// since its last successful build is skipped.
    pub fn build(
        &mut self,
        checked: &Checked,
        request: &BuildRequest,
        draft: bool,
        only_changed: bool,
        status: &(dyn Fn(&str) + Sync),
    ) -> Result<Built, WriteError> {
        let project = &checked.project;
        let mut built = Built::default();
        if self.renderer.is_none() {
            let printable = Printable::new(&self.fonts, &project.settings.theme.font);
            match Renderer::with_printable(Some(&project.dir), Arc::new(printable)) {
                Ok(r) => self.renderer = Some(r),
                Err(e) => {
                    built.findings.push(Finding::new(
                        Code::T001,
                        format!("şablonlar yüklenemedi: {e}"),
                    ));
                    return Ok(built);
                }
            }
        }
        let Some(renderer) = self.renderer.as_ref() else {
            return Ok(built);
        };
        let present = narratives_present(&project.dir);
        let error_findings: Vec<Finding> = checked
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .cloned()
            .collect();
        let standard = match project.settings.pdf_standard.as_deref() {
            Some(s) => match s.parse::<PdfStandard>() {
                Ok(st) => st,
                Err(e) => {
                    built.findings.push(
                        Finding::new(Code::T001, format!("kurum.yaml cikti.pdf_standardi: {e}"))
                            .in_file("kurum.yaml"),
                    );
                    PdfStandard::default()
                }
            },
            None => PdfStandard::default(),
        };
        let Some(timestamp) = build_timestamp(project.settings.years.report) else {
            built.findings.push(Finding::new(
                Code::T001,
                "kitapların tarihi belirlenemedi (SOURCE_DATE_EPOCH ya da yil geçersiz)",
            ));
            return Ok(built);
        };

        let input = BookInput {
            model: &checked.model,
            settings: &project.settings,
            findings: &error_findings,
            draft,
            narratives: &present,
            project_dir: &project.dir,
        };
        // The size of each book is known before compiling: a book over the limit is refused
        // with a finding instead of running out of memory (about 4,5 MB per page of table).
        let limit = project.settings.limits.max_table_rows;
        // Render every requested book first (cheap), then decide which need compiling.
        let mut jobs: Vec<(usize, String, Duration)> = Vec::new();
        for (i, state) in self.books.iter().enumerate() {
            if !request.books.contains(&state.book) {
                continue;
            }
            let rows = estimated_rows(state.book, &checked.model);
            if rows > limit {
                built.findings.push(Finding::new(
                    Code::T002,
                    format!(
                        "{} yaklaşık {rows} tablo satırı tutacaktı; sınır {limit}. Kitap dizilmedi, önceki PDF yerinde bırakıldı. Gerekirse kurum.yaml'da okuma.tablo_satiri değerini artırın (her 100 satır yaklaşık 2 sayfa ve 10 MB bellek).",
                        state.book.title()
                    ),
                ));
                built.books.push(BookOutcome {
                    book: state.book,
                    file: format!("{}.pdf", state.book.stem(&project.settings.years)),
                    pages: 0,
                    render_time: Duration::ZERO,
                    typeset_time: Duration::ZERO,
                    written: false,
                });
                continue;
            }
            let started = Instant::now();
            let context = book_context(state.book, &input);
            match renderer.render(state.book.template(), &context) {
                Ok(text) => {
                    let unchanged = only_changed
                        && state.last.ok
                        && state.last.source == text
                        && state
                            .last
                            .files
                            .iter()
                            .all(|(f, t)| mtime(&self.disk_path(f)) == *t);
                    if !unchanged {
                        jobs.push((i, text, started.elapsed()));
                    }
                }
                Err(e) => {
                    built
                        .findings
                        .push(failure::render_failure(state.book, &e, renderer));
                    built.books.push(BookOutcome {
                        book: state.book,
                        file: format!("{}.pdf", state.book.stem(&project.settings.years)),
                        pages: 0,
                        render_time: started.elapsed(),
                        typeset_time: Duration::ZERO,
                        written: false,
                    });
                }
            }
        }

        // Give each job its book's warm tree.
        let mut work: Vec<(usize, String, Duration, Option<FileTree>)> = jobs
            .into_iter()
            .map(|(i, text, render_time)| {
                let tree = self.books[i].tree.take();
                (i, text, render_time, tree)
            })
            .collect();
        let fonts = &self.fonts;
        let books: Vec<Book> = self.books.iter().map(|b| b.book).collect();
        let made: Vec<(usize, Made, Option<FileTree>)> = work
            .par_iter_mut()
            .map(|(i, text, render_time, tree)| {
                let book = books[*i];
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
                        let doc = Document {
                            main_path: format!("{stem}.typ"),
                            main_text: text.clone(),
                        };
                        let settings = PdfSettings {
                            standard,
                            timestamp,
                            ident: format!("kitap/{}/{stem}", project.name),
                        };
                        let pdf = typeset::compile(&doc, t, fonts, &settings);
                        (pdf, t.dependencies())
                    }
                };
                let made = Made {
                    book,
                    source: std::mem::take(text),
                    pdf,
                    dependencies,
                    render_time: *render_time,
                    typeset_time: started.elapsed(),
                };
                (*i, made, tree)
            })
            .collect();

        let started = Instant::now();
        let kaynak = request.out_dir.join("kaynak");
        for (i, m, tree) in made {
            let stem = m.book.stem(&project.settings.years);
            let file = format!("{stem}.pdf");
            let mut outcome = BookOutcome {
                book: m.book,
                file: file.clone(),
                pages: 0,
                render_time: m.render_time,
                typeset_time: m.typeset_time,
                written: false,
            };
            // The sources are kept whether or not the book compiled: the officer can look at them.
            write_atomic(&kaynak.join(format!("{stem}.typ")), m.source.as_bytes())?;
            for dep in &m.dependencies {
                if dep == &format!("{stem}.typ") {
                    continue;
                }
                if let Some(bytes) = source_bytes(&project.dir, dep) {
                    write_atomic(&kaynak.join(dep), &bytes)?;
                }
            }
            let main = format!("{stem}.typ");
            let files: Vec<(String, Option<std::time::SystemTime>)> = m
                .dependencies
                .iter()
                .filter(|d| **d != main)
                .map(|d| (d.clone(), mtime(&self.disk_path(d))))
                .collect();
            let state = &mut self.books[i];
            state.tree = tree;
            state.last = LastBuild {
                files,
                source: m.source,
                ok: false,
            };
            match m.pdf {
                Ok(compiled) => {
                    write_atomic(&request.out_dir.join(&file), &compiled.pdf)?;
                    outcome.pages = compiled.pages;
                    outcome.written = true;
                    state.last.ok = true;
                }
                Err(diags) => {
                    let errors: Vec<_> = diags
                        .iter()
                        .filter(|d| d.severity == typeset::Severity::Error)
                        .collect();
                    let shown = if errors.is_empty() {
                        diags.iter().collect()
                    } else {
                        errors
                    };
                    let failed =
                        FailedBook::new(m.book, &main, &state.last.source, renderer, &input);
                    for d in shown.into_iter().take(5) {
                        built.findings.push(failed.finding(d));
                    }
                }
            }
            built.books.push(outcome);
        }
        built.write_time = started.elapsed();
        Ok(built)
    }
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
    }
}

/// Builds the requested books once and lets Typst's caches go.
pub fn build_books(
    checked: &Checked,
    request: &BuildRequest,
    draft: bool,
    status: &(dyn Fn(&str) + Sync),
) -> Result<Built, WriteError> {
    let mut publisher = Publisher::new(&checked.project.dir);
    let built = publisher.build(checked, request, draft, false, status);
    typeset::release_caches();
    built
}
