//! The one orchestrator: read → merge → amend → check → gate → publish → mark → report. Each
//! stage is a module of its own with a typed input and output; this file only runs them in
//! order and collects their findings. `kitap denetle` runs [`check_with`] and [`write_report`];
//! `kitap derle` and `kitap izle` run [`build`], which adds the gate and the publishing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::amend;
use crate::books::{self, Book};
use crate::config::{ConfigError, Project};
use crate::finding::Finding;
use crate::ingest::{self, InProcessReader, Ingested, WorkbookReader};
use crate::mark;
use crate::merge;
use crate::model::{Model, Period};
use crate::opendata::{self, OpenData, OpenDataError};
use crate::output::{write_atomic, WriteError};
use crate::printable::{self, Printable};
use crate::publish::{build_timestamp, BuildRequest, Built, PublishInput, Publisher};
use crate::render::{RenderError, Renderer};
use crate::report::{html, Report};
use crate::rules;
use crate::typeset::FontLibrary;

/// Options common to every command.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--yil`: the Faaliyet Raporu year instead of kurum.yaml's `yil`.
    pub year: Option<i32>,
    /// The books the check is for: the three of [`Book::DEFAULT`] for `denetle` and a plain
    /// `derle`, the ones of `--kitap` for `derle --kitap sp`. Only the missing narrative
    /// chapters (Y010) depend on it: a book that is not made shows no placeholder, so `derle
    /// --kitap sp` reports the chapters the Stratejik Plan lacks and no others. An İzleme
    /// Raporu's period here is provisional: [`Checked::books`] has it settled.
    pub books: Vec<Book>,
    /// `--donem`: the İzleme Raporu's period; none lets the data decide
    /// ([`books::default_period`]).
    pub period: Option<Period>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            year: None,
            books: Book::DEFAULT.to_vec(),
            period: None,
        }
    }
}

/// A project read and checked.
#[derive(Debug, Clone)]
pub struct Checked {
    pub project: Project,
    pub model: Model,
    pub report: Report,
    /// The books asked for, the İzleme Raporu with its period settled.
    pub books: Vec<Book>,
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
    let project = load(dir, options)?;
    let fonts = FontLibrary::load(&[project.dir.join("fonts")]);
    Ok(check_project(project, options, reader, &fonts))
}

/// A stopwatch for the stages: each lap is one stage's time.
struct Laps {
    clock: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            clock: Instant::now(),
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.timings.push((name, self.clock.elapsed()));
        self.clock = Instant::now();
    }
}

/// The stages up to the report: read, merge, amend, check. `fonts` are the fonts the books
/// are set in (the printable-text check looks at them).
fn check_project(
    project: Project,
    options: &Options,
    reader: &dyn WorkbookReader,
    fonts: &FontLibrary,
) -> Checked {
    let mut laps = Laps::start();
    let ingested = read(&project, reader);
    laps.lap("okuma");
    let merged = merge::merge(&project, ingested);
    let mut model = merged.model;
    let mut findings = merged.findings;
    laps.lap("birleştirme");
    findings.extend(apply_amendments(&project, &mut model));
    laps.lap("değişiklikler");
    findings.extend(check_text(&project, &model, fonts));
    laps.lap("yazı tipleri");
    findings.extend(check_rules(&project, &model, options));
    let findings = apply_severities(&project, findings);
    laps.lap("kurallar");
    let report = Report::new(&project.settings.institution.name, merged.files, findings);
    let books = books::settle_period(
        &options.books,
        options.period,
        &model,
        project.settings.years.report,
    );
    Checked {
        project,
        model,
        report,
        books,
        timings: laps.timings,
    }
}

/// Reading: every workbook of `birimler/`, each to a parsed workbook or a finding.
pub fn read(project: &Project, reader: &dyn WorkbookReader) -> Ingested {
    ingest::ingest(project, reader)
}

/// Amending: the council decisions of `degisiklikler/` applied to the model; their findings.
pub fn apply_amendments(project: &Project, model: &mut Model) -> Vec<Finding> {
    amend::apply_all(&project.dir, &project.settings, model).findings
}

/// Checking the text: every text a book prints, against the fonts the books use (D010, D011).
pub fn check_text(project: &Project, model: &Model, fonts: &FontLibrary) -> Vec<Finding> {
    let printable = Printable::new(fonts, &project.settings.theme.font);
    printable::check(project, model, &printable)
}

/// Checking the rules: every rule on the model after the amendments (G, R, B, M), the
/// narrative chapters the books asked for need and Kurumsal Kabiliyet's subsections (Y010),
/// kurum.yaml's logo (Y011), an undated declaration (Y012).
pub fn check_rules(project: &Project, model: &Model, options: &Options) -> Vec<Finding> {
    let mut findings = rules::check(model, &project.settings);
    let narratives = books::narratives_present(&project.dir);
    findings.extend(books::missing_narratives(&options.books, &narratives));
    findings.extend(books::check_logo(&project.dir, &project.settings));
    findings.extend(books::undated_declarations(
        &options.books,
        &project.settings,
    ));
    findings.extend(books::missing_capability_headings(
        &options.books,
        &project.dir,
    ));
    findings
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

/// What `derle` (and each rebuild of `izle`) is asked for.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub check: Options,
    /// `-o`: the output folder instead of `output/<project>/`.
    pub out_dir: Option<PathBuf>,
    /// `--kati`: no book at all when the data has errors.
    pub strict: bool,
    /// `izle`: only the books a change can affect are compiled again.
    pub only_changed: bool,
}

/// Whether the books are made, decided on the check report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// The books are made; `draft` when the data has errors (TASLAK on every page, the values
    /// an error touches marked).
    Publish { draft: bool },
    /// `--kati` and the data has errors: no book is written, the previous ones stay.
    Withhold,
}

/// The gate: `--kati` withholds the books when the data has errors; otherwise they are made,
/// as drafts when it has errors.
pub fn gate(report: &Report, strict: bool) -> Gate {
    match (report.has_errors(), strict) {
        (true, true) => Gate::Withhold,
        (draft, _) => Gate::Publish { draft },
    }
}

/// One build's result.
#[derive(Debug)]
pub struct Build {
    /// The check, with the findings of publishing (T001, T002) added to its report.
    pub checked: Checked,
    pub out_dir: PathBuf,
    pub gate: Gate,
    /// The books, unless the gate withheld them.
    pub built: Option<Built>,
    /// How long writing the check report took.
    pub report_time: Duration,
}

/// Why a build stopped: the project folder is unusable, or a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Project(#[from] ConfigError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    OpenData(#[from] OpenDataError),
}

/// `derle`: read, merge, amend, check; the gate; the books (PDFs and `kaynak/`, each written
/// atomically); the check report. `publisher` keeps fonts, templates and Typst's caches warm
/// between the builds of `izle`; `status` gets the progress lines.
pub fn build(
    dir: &Path,
    options: &BuildOptions,
    reader: &dyn WorkbookReader,
    publisher: &mut Publisher,
    status: &(dyn Fn(&str) + Sync),
) -> Result<Build, BuildError> {
    let count = ingest::discover::discover(dir).candidates.len();
    status(&format!("{:>12} {count} çalışma kitabı", "Okunuyor"));
    let project = load(dir, &options.check)?;
    let mut checked = check_project(project, &options.check, reader, publisher.fonts());
    let out_dir = options
        .out_dir
        .clone()
        .unwrap_or_else(|| default_output_dir(&checked.project));
    let gate = gate(&checked.report, options.strict);
    let built = match gate {
        Gate::Withhold => None,
        Gate::Publish { draft } => {
            let data = open_data(&checked, &out_dir)?;
            let built = publish(&checked, &out_dir, options, draft, &data, publisher, status)?;
            add_findings(&mut checked, built.findings.clone());
            Some(built)
        }
    };
    let started = Instant::now();
    mark_workbooks(&mut checked, &out_dir, reader);
    write_report(&checked, &out_dir)?;
    Ok(Build {
        checked,
        out_dir,
        gate,
        built,
        report_time: started.elapsed(),
    })
}

/// `denetle`: read, merge, amend, check, and the check report written into the output folder
/// (`out_dir`, else `output/<project>/`). Returns the check and the folder.
pub fn check_and_report(
    dir: &Path,
    options: &Options,
    out_dir: Option<PathBuf>,
    reader: &dyn WorkbookReader,
) -> Result<(Checked, PathBuf), BuildError> {
    let mut checked = check_with(dir, options, reader)?;
    let out_dir = out_dir.unwrap_or_else(|| default_output_dir(&checked.project));
    mark_workbooks(&mut checked, &out_dir, reader);
    write_report(&checked, &out_dir)?;
    Ok((checked, out_dir))
}

/// Marking: a copy of each workbook with findings at cells, written into `<out_dir>/isaretli/`
/// through the reader's limited child process ([`mark::mark_all`]); what became of each goes
/// into the report.
pub fn mark_workbooks(checked: &mut Checked, out_dir: &Path, reader: &dyn WorkbookReader) {
    checked.report.marked =
        mark::mark_all(&checked.project, &checked.report.findings, out_dir, reader);
}

/// Open data: the model as a Frictionless Data Package, written to `out_dir/acik-veri/` with
/// every build that publishes (whatever books `--kitap` asks for; not when `--kati` withholds
/// the books, so the data beside the books is always the data inside the Faaliyet Raporu).
pub fn open_data(checked: &Checked, out_dir: &Path) -> Result<OpenData, BuildError> {
    let created = build_timestamp(checked.project.settings.years.report).map(|t| t.to_string());
    let data = opendata::package(
        &checked.model,
        &checked.project.settings,
        created.as_deref(),
    )?;
    opendata::write(&data, out_dir)?;
    Ok(data)
}

/// Publishing: the books asked for, rendered, compiled and written into `out_dir`; the
/// Faaliyet Raporu carries `data` as attachments.
pub fn publish(
    checked: &Checked,
    out_dir: &Path,
    options: &BuildOptions,
    draft: bool,
    data: &OpenData,
    publisher: &mut Publisher,
    status: &(dyn Fn(&str) + Sync),
) -> Result<Built, WriteError> {
    let input = PublishInput {
        project: &checked.project,
        model: &checked.model,
        findings: &checked.report.findings,
        draft,
        open_data: Some(data),
    };
    let request = BuildRequest {
        books: checked.books.clone(),
        out_dir: out_dir.to_path_buf(),
    };
    publisher.build(&input, &request, options.only_changed, status)
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
