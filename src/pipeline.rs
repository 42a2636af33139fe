//! The one orchestrator: ingest → merge → amend → rules → (render → typeset). Each stage is
//! a module of its own; this file only runs them in order and collects their findings.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::amend;
use crate::books::{self, Book};
use crate::config::{ConfigError, Project};
use crate::finding::Finding;
use crate::ingest::{self, InProcessReader, WorkbookReader};
use crate::merge;
use crate::model::Model;
use crate::output::{write_atomic, WriteError};
use crate::printable::{self, Printable};
use crate::render::{RenderError, Renderer};
use crate::report::{html, Report};
use crate::rules;
use crate::typeset::FontLibrary;

/// Options common to every command.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--yil`: the Faaliyet Raporu year instead of kurum.yaml's `yil`.
    pub year: Option<i32>,
    /// The books the check is for: all three for `denetle` and a plain `derle`, the ones of
    /// `--kitap` for `derle --kitap sp`. Only the missing narrative chapters (Y010) depend on
    /// it: a book that is not made shows no placeholder, so `derle --kitap sp` reports the
    /// chapters the Stratejik Plan lacks and no others.
    pub books: Vec<Book>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            year: None,
            books: Book::ALL.to_vec(),
        }
    }
}

/// A project read and checked.
#[derive(Debug, Clone)]
pub struct Checked {
    pub project: Project,
    pub model: Model,
    pub report: Report,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Applies `kurallar.seviye` to every finding: a new severity, or the finding dropped.
fn apply_severities(project: &Project, findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let s = project.settings.severity_of(f.code)?;
            f.severity = s;
            Some(f)
        })
        .collect()
}

/// Loads the project and applies the command-line options to its settings.
pub fn load(dir: &Path, options: &Options) -> Result<Project, ConfigError> {
    let mut project = Project::load(dir)?;
    if let Some(y) = options.year {
        project.settings.years = project.settings.years.with_report_year(y)?;
    }
    Ok(project)
}

/// Reads and checks a project folder with the given workbook reader.
pub fn check_with(
    dir: &Path,
    options: &Options,
    reader: &dyn WorkbookReader,
) -> Result<Checked, ConfigError> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let project = load(dir, options)?;
    let ingested = ingest::ingest(&project, reader);
    lap("okuma", &mut timings);
    let merged = merge::merge(&project, ingested);
    let mut model = merged.model;
    let mut findings = merged.findings;
    lap("birleştirme", &mut timings);
    let amended = amend::apply_all(&project.dir, &project.settings, &mut model);
    findings.extend(amended.findings);
    lap("değişiklikler", &mut timings);
    // Every text a book prints, checked against the fonts the books use (D010, D011).
    let fonts = FontLibrary::load(&[project.dir.join("fonts")]);
    let printable = Printable::new(&fonts, &project.settings.theme.font);
    findings.extend(printable::check(&project, &model, &printable));
    lap("yazı tipleri", &mut timings);
    // Every rule runs on the model after the amendments are applied.
    findings.extend(rules::check(&model, &project.settings));
    let narratives = books::narratives_present(&project.dir);
    findings.extend(books::missing_narratives(&options.books, &narratives));
    let findings = apply_severities(&project, findings);
    lap("kurallar", &mut timings);
    let report = Report::new(&project.settings.institution.name, merged.files, findings);
    Ok(Checked {
        project,
        model,
        report,
        timings,
    })
}

/// Adds findings of later stages (books) to the report, severity overrides applied.
pub fn add_findings(checked: &mut Checked, extra: Vec<Finding>) {
    if extra.is_empty() {
        return;
    }
    let mut findings = std::mem::take(&mut checked.report.findings);
    findings.extend(apply_severities(&checked.project, extra));
    let files = std::mem::take(&mut checked.report.files);
    checked.report = Report::new(&checked.project.settings.institution.name, files, findings);
}

/// Reads and checks a project folder in this process.
pub fn check(dir: &Path, options: &Options) -> Result<Checked, ConfigError> {
    check_with(dir, options, &InProcessReader)
}

/// The default output folder: `output/<project folder name>/`.
pub fn default_output_dir(project: &Project) -> PathBuf {
    PathBuf::from("output").join(&project.name)
}

/// The check report could not be written: a file could not be written, or a page template (a
/// project's own `report-templates/*.html.j2`) could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("denetim raporu hazırlanamadı: {0}")]
    Render(#[from] RenderError),
}

/// Writes `denetim-raporu.json`, `denetim-raporu.html` and one `birimler/<birim>.html` per
/// directorate into the output folder, each atomically. The HTML pages come from the
/// templates of [`html`], the project's own when it has them.
pub fn write_report(checked: &Checked, out_dir: &Path) -> Result<(), ReportError> {
    // HTML templates escape for HTML and look at no font.
    let renderer = Renderer::with_printable(
        Some(&checked.project.dir),
        Arc::new(Printable::without_fonts()),
    )?;
    let directorates: Vec<String> = checked
        .model
        .directorates
        .iter()
        .map(|d| d.name.clone())
        .collect();
    // Every page is rendered before any file is written: a broken template leaves the old
    // report in place.
    let pages = html::pages(&renderer, &checked.report, &directorates)?;
    write_atomic(
        &out_dir.join("denetim-raporu.json"),
        checked.report.to_json().as_bytes(),
    )?;
    for (path, page) in pages {
        write_atomic(&out_dir.join(path), page.as_bytes())?;
    }
    Ok(())
}
