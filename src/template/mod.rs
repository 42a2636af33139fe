//! `kitap sablon`: one workbook per directorate of kurum.yaml, written with rust_xlsxwriter
//! and prefilled with what the project's current workbooks already say about it.
//!
//! Each workbook holds, in order: "Nasıl Doldurulur" (how to fill it in; kitap ignores this
//! sheet with a `bilgi` Y001), `Birim`, `Göstergeler`, `Gerçekleşmeler`, `Faaliyetler`,
//! `Bütçe` — the sheets and headers of spec/workbook.md — and, in the workbook of the
//! directorate that carries them ([`finance_carrier`]), the institution-level sheets
//! `Gelirler`, `Borçlar`, `İştirakler`, `Transferler` of spec/finance.md, prefilled with the
//! project's current rows. Codes and known facts are locked,
//! the cells a directorate fills stay open; every closed set has a drop-down list and every
//! number cell a number check; sheets are protected without a password.
//!
//! The prefilled values are those of the workbooks as submitted, before council amendments
//! (`degisiklikler/`): amendments apply on top of the workbooks, so a template that carried
//! amended values would make the same amendment fail (A002) the next time.
//!
//! File names: the directorate's name from kurum.yaml, Turkish letters kept, characters that
//! file systems forbid replaced ([`file_name`]).

mod guide;
mod name;
mod sheets;
mod style;
mod table;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

pub use name::file_name;
pub use sheets::{
    INFO_ECONOMIC_NAME, INFO_INDICATOR_NAME, INFO_REVENUE_NAME, INFO_YEAR_TARGET,
    SUGGESTED_DEBT_ITEMS,
};

use crate::config::{ExpectedDirectorate, Project};
use crate::ingest::{self, columns::SheetRole, WorkbookReader};
use crate::model::{Activity, BudgetLine, Directorate, Finance, Indicator, Model};
use crate::output::{write_atomic, WriteError};

/// The first sheet: how to fill the workbook in. kitap does not read it.
pub const GUIDE_SHEET: &str = "Nasıl Doldurulur";

/// Empty indicator or activity rows offered for each hedef that has none yet.
pub const BLANK_ROWS_PER_OBJECTIVE: usize = 3;

/// Why templates could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The report year (`yil` or `--yil`) is outside the plan period.
    #[error("{year} yılı plan döneminin ({start}–{end}) dışında; şablon plan dönemi içindeki bir yıl için hazırlanır (--yil ile bir yıl verin)")]
    YearOutsidePlan { year: i32, start: i32, end: i32 },
    /// kurum.yaml lists no directorate.
    #[error(
        "kurum.yaml'da hiç birim yok; şablon yazılacak birimleri `birimler` listesine ekleyin"
    )]
    NoDirectorates,
    /// The output folder cannot be made or is not a folder.
    #[error("şablon klasörü {} kullanılamıyor: {reason}; yazılabilir bir klasörü -o ile verin", path.display())]
    OutputDir { path: PathBuf, reason: String },
    /// rust_xlsxwriter refused the workbook (a bug or an impossible name).
    #[error("{directorate} şablonu oluşturulamadı: {source}")]
    Xlsx {
        directorate: String,
        source: XlsxError,
    },
    /// A file could not be written.
    #[error("{0}; yazılabilir bir klasörü -o ile verin")]
    Write(WriteError),
}

/// A template written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// kurum.yaml's `ad` of the directorate.
    pub directorate: String,
    pub path: PathBuf,
}

/// What the project's current workbooks say, merged, before amendments: the model the
/// templates are prefilled from.
pub fn known_model(project: &Project, reader: &dyn WorkbookReader) -> Model {
    crate::merge::merge(project, ingest::ingest(project, reader)).model
}

/// Writes one template per directorate of kurum.yaml into `out_dir` (created if needed), each
/// file atomically; calls `on_written` after each file.
pub fn write_templates(
    project: &Project,
    known: &Model,
    out_dir: &Path,
    mut on_written: impl FnMut(&Written),
) -> Result<Vec<Written>, TemplateError> {
    check_years(project)?;
    if project.settings.directorates.is_empty() {
        return Err(TemplateError::NoDirectorates);
    }
    prepare_dir(out_dir)?;
    let mut names: Vec<String> = Vec::new();
    let mut written = Vec::new();
    for d in &project.settings.directorates {
        let bytes = workbook_bytes(project, known, d)?;
        let name = name::unique(file_name(&d.name), &names);
        names.push(name.clone());
        let path = out_dir.join(&name);
        write_atomic(&path, &bytes).map_err(TemplateError::Write)?;
        let w = Written {
            directorate: d.name.clone(),
            path,
        };
        on_written(&w);
        written.push(w);
    }
    Ok(written)
}

fn check_years(project: &Project) -> Result<(), TemplateError> {
    let y = project.settings.years;
    if !y.in_plan(y.report) {
        return Err(TemplateError::YearOutsidePlan {
            year: y.report,
            start: y.plan_start,
            end: y.plan_end,
        });
    }
    Ok(())
}

fn prepare_dir(dir: &Path) -> Result<(), TemplateError> {
    let fail = |reason: String| TemplateError::OutputDir {
        path: dir.to_path_buf(),
        reason,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(fail("bu bir klasör değil, bir dosya".to_string()));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(format!("klasör oluşturulamadı ({e})")))?;
    let probe = dir.join(format!(".kitap-yazma-denemesi-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| fail(format!("klasöre yazılamıyor ({e})")))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// The template of one directorate as `.xlsx` bytes.
pub fn workbook_bytes(
    project: &Project,
    known: &Model,
    directorate: &ExpectedDirectorate,
) -> Result<Vec<u8>, TemplateError> {
    check_years(project)?;
    let subject = Subject::new(project, known, directorate);
    build(&subject).map_err(|source| TemplateError::Xlsx {
        directorate: directorate.name.clone(),
        source,
    })
}

fn build(s: &Subject) -> Result<Vec<u8>, XlsxError> {
    let styles = style::Styles::new();
    let mut wb = Workbook::new();
    // A fixed creation date: the same project gives the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} çalışma kitabı", s.directorate.name))
            .set_company(&s.project.settings.institution.name)
            .set_author("kitap")
            .set_creation_datetime(&created),
    );

    let guide_ws = wb.add_worksheet();
    guide_ws.set_name(GUIDE_SHEET)?;
    let objectives_range = guide::write(guide_ws, &styles, s)?;

    let birim = wb.add_worksheet();
    birim.set_name(SheetRole::Directorate.name())?;
    sheets::directorate(birim, &styles, s)?;

    let range = objectives_range.as_deref();
    let indicators = sheets::indicators(s, range)?;
    let indicator_rows = indicators.rows.len();
    let tables = [
        (SheetRole::Indicators, indicators),
        (SheetRole::Actuals, sheets::actuals(s, indicator_rows)?),
        (SheetRole::Activities, sheets::activities(s, range)?),
        (SheetRole::Budget, sheets::budget(s)?),
    ];
    for (role, t) in &tables {
        let ws = wb.add_worksheet();
        ws.set_name(role.name())?;
        table::write_table(ws, &styles, t)?;
    }
    if let Some(finance) = s.finance {
        let tables = [
            (SheetRole::Revenue, sheets::revenue(s, finance)?),
            (SheetRole::Debts, sheets::debts(finance)?),
            (SheetRole::Affiliates, sheets::affiliates(finance)?),
            (SheetRole::Transfers, sheets::transfers(s, finance)?),
        ];
        for (role, t) in &tables {
            let ws = wb.add_worksheet();
            ws.set_name(role.name())?;
            table::write_table(ws, &styles, t)?;
        }
    }
    wb.save_to_buffer()
}

/// The directorate (kurum.yaml's `ad`) whose template carries the institution-level sheets:
/// kurum.yaml's `mali_hizmetler_birimi` (or the directorate named "Mali Hizmetler"), else the
/// directorate whose workbook sends them now.
pub fn finance_carrier(project: &Project, model: &Model) -> Option<String> {
    if let Some(name) = &project.settings.finance_directorate {
        return Some(name.clone());
    }
    let f = &model.finance;
    let files = [
        f.revenue.as_ref().map(|s| s.file.as_str()),
        f.debts.as_ref().map(|s| s.file.as_str()),
        f.affiliates.as_ref().map(|s| s.file.as_str()),
        f.transfers.as_ref().map(|s| s.file.as_str()),
    ];
    files.into_iter().flatten().find_map(|file| {
        model
            .directorates
            .iter()
            .find(|d| d.file.as_deref() == Some(file))
            .map(|d| d.name.clone())
    })
}

/// One directorate and what the model knows of it.
pub(crate) struct Subject<'a> {
    pub project: &'a Project,
    pub model: &'a Model,
    pub directorate: &'a ExpectedDirectorate,
    /// What its workbook's Birim sheet said, if it sent one.
    pub info: Option<&'a Directorate>,
    /// Codes of the hedefler plan.yaml makes it responsible for.
    pub objectives: Vec<&'a str>,
    pub indicators: Vec<&'a Indicator>,
    pub activities: Vec<&'a Activity>,
    pub budget: Vec<&'a BudgetLine>,
    /// The institution-level data, when this directorate's template carries those sheets.
    pub finance: Option<&'a Finance>,
}

impl<'a> Subject<'a> {
    fn new(
        project: &'a Project,
        model: &'a Model,
        directorate: &'a ExpectedDirectorate,
    ) -> Subject<'a> {
        let name = directorate.name.as_str();
        let objectives = project
            .plan
            .goals
            .iter()
            .flat_map(|g| &g.objectives)
            .filter(|o| {
                project
                    .settings
                    .find_directorate(&o.responsible)
                    .is_some_and(|d| d.name == name)
            })
            .map(|o| o.code.as_str())
            .collect();
        let carries = finance_carrier(project, model).is_some_and(|c| c == name);
        Subject {
            project,
            model,
            directorate,
            finance: carries.then_some(&model.finance),
            info: model.directorate(name),
            objectives,
            indicators: model
                .indicators
                .iter()
                .filter(|i| i.directorate == name)
                .collect(),
            activities: model
                .activities
                .iter()
                .filter(|a| a.directorate == name)
                .collect(),
            budget: model
                .budget
                .iter()
                .filter(|b| b.directorate == name)
                .collect(),
        }
    }

    pub fn years(&self) -> Vec<i32> {
        self.project.settings.years.plan_years().collect()
    }

    pub fn plan_period(&self) -> (i32, i32) {
        let y = self.project.settings.years;
        (y.plan_start, y.plan_end)
    }

    pub fn report_year(&self) -> i32 {
        self.project.settings.years.report
    }

    pub fn program_year(&self) -> i32 {
        self.project.settings.years.program
    }

    pub fn in_plan(&self, year: i32) -> bool {
        self.project.settings.years.in_plan(year)
    }

    /// Its hedefler for which no workbook has an indicator yet.
    pub fn objectives_without_indicators(&self) -> Vec<&'a str> {
        self.objectives
            .iter()
            .copied()
            .filter(|o| {
                !self
                    .model
                    .indicators
                    .iter()
                    .any(|i| i.objective.value == *o)
            })
            .collect()
    }

    /// Its hedefler for which it has no activity yet.
    pub fn objectives_without_activities(&self) -> Vec<&'a str> {
        self.objectives
            .iter()
            .copied()
            .filter(|o| !self.activities.iter().any(|a| a.objective.value == *o))
            .collect()
    }
}
