//! The check report: the JSON of spec/README.md, the human summary for the terminal, and
//! (for directorates) the HTML pages.

use serde::Serialize;

use crate::finding::{Finding, Severity, SeverityCounts};

pub mod html;
pub mod terminal;

/// The report's summary (`ozet`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub counts: SeverityCounts,
    #[serde(rename = "dosya")]
    pub files: usize,
    #[serde(rename = "okunan_satir")]
    pub rows_read: usize,
    #[serde(rename = "modeldeki_satir")]
    pub rows_in_model: usize,
    #[serde(rename = "reddedilen_satir")]
    pub rows_rejected: usize,
}

/// What happened to a file of `birimler/` (the JSON report's `durum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum FileStatus {
    #[serde(rename = "okundu")]
    Read,
    #[serde(rename = "atlandi")]
    Skipped,
    #[serde(rename = "okunamadi")]
    Unreadable,
}

/// One file's line in the report: what was read, what was kept.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FileEntry {
    #[serde(rename = "dosya")]
    pub file: String,
    #[serde(rename = "birim", skip_serializing_if = "Option::is_none")]
    pub directorate: Option<String>,
    #[serde(rename = "durum")]
    pub status: FileStatus,
    #[serde(rename = "okunan_satir")]
    pub rows_read: usize,
    #[serde(rename = "modeldeki_satir")]
    pub rows_in_model: usize,
    #[serde(rename = "reddedilen_satir")]
    pub rows_rejected: usize,
}

/// The whole check report, serialised exactly as the JSON report of spec/README.md.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    #[serde(rename = "kurum")]
    pub institution: String,
    #[serde(rename = "ozet")]
    pub summary: Summary,
    #[serde(rename = "dosyalar")]
    pub files: Vec<FileEntry>,
    #[serde(rename = "bulgular")]
    pub findings: Vec<Finding>,
    /// The marked copies of the workbooks (`isaretli/`), or why one could not be written;
    /// set by the pipeline after the check, shown by the HTML pages and the terminal summary.
    #[serde(skip)]
    pub marked: Vec<crate::mark::Outcome>,
}

impl Summary {
    /// The summary of these findings' counts and these files.
    pub fn new<'a>(
        counts: SeverityCounts,
        files: impl Iterator<Item = &'a FileEntry> + Clone,
    ) -> Summary {
        Summary {
            counts,
            files: files.clone().count(),
            rows_read: files.clone().map(|f| f.rows_read).sum(),
            rows_in_model: files.clone().map(|f| f.rows_in_model).sum(),
            rows_rejected: files.map(|f| f.rows_rejected).sum(),
        }
    }
}

impl Report {
    pub fn new(institution: &str, files: Vec<FileEntry>, mut findings: Vec<Finding>) -> Report {
        findings.sort_by(Finding::order);
        let summary = Summary::new(SeverityCounts::of(&findings), files.iter());
        Report {
            institution: institution.to_string(),
            summary,
            files,
            findings,
            marked: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The JSON text, pretty-printed, with a final newline.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        let mut s =
            serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"hata\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}
