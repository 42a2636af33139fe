//! The merge stage: every workbook read, with plan.yaml, into one model. Each workbook is
//! matched to its directorate in kurum.yaml ([`owners`]: Y005, Y006, Y007), its rows are taken
//! with their codes checked across workbooks ([`rows`]: D002, D003, realisations onto their
//! indicators), the institution-level sheets are taken from the one workbook that carries each
//! ([`finance`]: M001), and the goals come from the plan ([`plan`]). Every file gets one line of the
//! report ([`FileEntry`]): rows read = rows in the model + rows rejected.

mod finance;
mod owners;
mod plan;
mod rows;

use crate::config::Project;
use crate::finding::{Code, Finding};
use crate::ingest::{FileOutcome, Ingested, ParsedWorkbook};
use crate::model::Model;
use crate::report::{FileEntry, FileStatus};

/// The merged model, the findings of reading and merging, and the file accounting.
#[derive(Debug, Clone)]
pub struct Merged {
    pub model: Model,
    pub findings: Vec<Finding>,
    pub files: Vec<FileEntry>,
}

/// Whether a finding rejects a whole workbook: no Birim sheet or Birim Adı (Y002), an unknown
/// directorate (Y005), a directorate claimed twice (Y006). (A Y004 file is never parsed.)
fn rejects_workbook(code: Code) -> bool {
    matches!(code, Code::Y002 | Code::Y005 | Code::Y006)
}

/// A file that gave no workbook: its finding, and a report line with no rows.
fn unparsed(file: String, status: FileStatus) -> FileEntry {
    FileEntry {
        file,
        directorate: None,
        status,
        rows_read: 0,
        rows_in_model: 0,
        rows_rejected: 0,
    }
}

/// Builds the model from plan.yaml and the workbooks.
pub fn merge(project: &Project, ingested: Ingested) -> Merged {
    let settings = &project.settings;
    let mut findings = ingested.findings;
    let mut files: Vec<FileEntry> = Vec::new();
    let mut books: Vec<ParsedWorkbook> = Vec::new();

    for outcome in ingested.outcomes {
        match outcome {
            FileOutcome::Parsed(book) => books.push(book),
            FileOutcome::Unreadable { file, finding } => {
                findings.push(finding);
                files.push(unparsed(file, FileStatus::Unreadable));
            }
            FileOutcome::Skipped { file, finding } => {
                findings.push(finding);
                files.push(unparsed(file, FileStatus::Skipped));
            }
        }
    }

    let owner = owners::assign(settings, &mut books);
    let mut directorates = owners::directorates(settings);
    let mut rows = rows::Rows::default();
    let mut finance_rows = finance::FinanceRows::default();
    for (mut book, directorate) in books.into_iter().zip(owner) {
        for f in &mut book.findings {
            if f.directorate.is_none() {
                f.directorate = directorate.clone();
            }
        }
        let name = match directorate {
            Some(name) if book.usable => name,
            directorate => {
                files.push(FileEntry {
                    file: book.file.clone(),
                    directorate,
                    status: FileStatus::Read,
                    rows_read: book.rows_read,
                    rows_in_model: 0,
                    rows_rejected: book.rows_read,
                });
                // What a rejected workbook holds is not used, so it is not checked either: its
                // file-level finding says why, and nothing else is reported for it.
                findings.extend(
                    book.findings
                        .into_iter()
                        .filter(|f| rejects_workbook(f.code)),
                );
                continue;
            }
        };
        owners::fill(&mut directorates, &name, &book);
        finance_rows.take(&book.file, &name, std::mem::take(&mut book.finance));
        let file = book.file.clone();
        let rows_read = book.rows_read;
        let taken = rows.take(book, &name, &mut findings);
        files.push(FileEntry {
            file,
            directorate: Some(name),
            status: FileStatus::Read,
            rows_read,
            rows_in_model: taken.kept,
            rows_rejected: taken.rejected,
        });
    }
    let (indicators, activities, budget) = rows.finish();
    let (finance, finance_findings, finance_counts) = finance_rows.finish();
    findings.extend(finance_findings);
    for entry in &mut files {
        if let Some(count) = finance_counts.get(&entry.file) {
            entry.rows_in_model += count.kept;
            entry.rows_rejected += count.rejected;
        }
    }
    findings.extend(owners::missing(&directorates));

    let plan = &project.plan;
    let mut model = Model {
        institution: settings.institution.clone(),
        years: settings.years,
        mission: plan.mission.clone(),
        vision: plan.vision.clone(),
        values: plan.values.clone(),
        goals: plan::goals(plan),
        directorates,
        indicators,
        activities,
        budget,
        finance,
        decisions: Vec::new(),
        changes: Vec::new(),
    };
    model.sort();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    Merged {
        model,
        findings,
        files,
    }
}
