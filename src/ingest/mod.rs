//! Ingest: find the workbooks in `birimler/`, read them (in parallel), and turn each into
//! model rows with findings. One unreadable workbook never stops the others.

pub mod columns;
pub mod discover;
pub mod grid;
pub mod isolate;
pub mod parse;
pub mod read;

use rayon::prelude::*;

use crate::config::Project;
use crate::finding::{Code, Finding};
pub use discover::{Candidate, WorkbookKind};
pub use isolate::IsolatedReader;
pub use parse::ParsedWorkbook;
pub use read::{RawWorkbook, ReadFailure};

/// One file's outcome.
// A parsed workbook is large and the others small, but there is one outcome per file, never
// many: boxing would only add indirection to every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    Parsed(ParsedWorkbook),
    Unreadable { file: String, finding: Finding },
    Skipped { file: String, finding: Finding },
}

/// Everything read from `birimler/`, in sorted file order.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub outcomes: Vec<FileOutcome>,
    /// Problems of the walk that belong to no single file.
    pub findings: Vec<Finding>,
}

/// How one workbook file is turned into raw cells. The default reads in this process; the
/// isolated reader runs the same code in a child process.
pub trait WorkbookReader: Sync {
    fn read(&self, candidate: &Candidate, project: &Project) -> Result<RawWorkbook, ReadFailure>;

    /// Reads every candidate, one result each in the same order. By default in parallel, one
    /// [`WorkbookReader::read`] each.
    fn read_all(
        &self,
        candidates: &[Candidate],
        project: &Project,
    ) -> Vec<Result<RawWorkbook, ReadFailure>> {
        candidates
            .par_iter()
            .map(|c| self.read(c, project))
            .collect()
    }

    /// The executable whose hidden subcommands read (and mark, `crate::mark`) a workbook in
    /// a limited child process; none when this reader works in-process.
    fn child_exe(&self) -> Option<&std::path::Path> {
        None
    }
}

/// Reads in this process with calamine.
pub struct InProcessReader;

impl WorkbookReader for InProcessReader {
    fn read(&self, candidate: &Candidate, project: &Project) -> Result<RawWorkbook, ReadFailure> {
        read::read_file(&candidate.path, candidate.kind, &project.settings.limits)
    }
}

/// Walks `birimler/` and reads every workbook, in parallel, in sorted order.
pub fn ingest(project: &Project, reader: &dyn WorkbookReader) -> Ingested {
    let found = discover::discover(&project.dir);
    let mut outcomes: Vec<(String, FileOutcome)> = found
        .skipped
        .into_iter()
        .map(|s| {
            (
                s.rel.clone(),
                FileOutcome::Skipped {
                    file: s.rel,
                    finding: s.finding,
                },
            )
        })
        .collect();
    let books = reader.read_all(&found.candidates, project);
    let read: Vec<(String, FileOutcome)> = found
        .candidates
        .par_iter()
        .zip(books)
        .map(|(c, book)| {
            let outcome = match book {
                Ok(book) => FileOutcome::Parsed(parse::parse_workbook(
                    &c.rel,
                    &book,
                    &project.settings,
                    &project.plan,
                )),
                Err(failure) => FileOutcome::Unreadable {
                    file: c.rel.clone(),
                    finding: Finding::new(
                        Code::Y004,
                        format!(
                            "{} okunamadı: {}. Diğer çalışma kitapları okunmaya devam etti.",
                            c.rel, failure.reason
                        ),
                    )
                    .in_file(&c.rel),
                },
            };
            (c.rel.clone(), outcome)
        })
        .collect();
    outcomes.extend(read);
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    Ingested {
        outcomes: outcomes.into_iter().map(|(_, o)| o).collect(),
        findings: found.findings,
    }
}
