//! The human summary printed by `kitap denetle`: findings grouped by file, each as
//! `dosya › sayfa › hücre: mesaj — ayrıntı: kitap acikla KOD`.

use std::fmt::Write;

use super::Report;
use crate::finding::{Finding, Severity};

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "hata ",
        Severity::Warning => "uyarı",
        Severity::Info => "bilgi",
    }
}

fn line(out: &mut String, f: &Finding) {
    let place = f.place();
    let _ = if place.is_empty() {
        writeln!(
            out,
            "  {} {}  {} — {}",
            severity_word(f.severity),
            f.code,
            f.message,
            f.code.details_hint()
        )
    } else {
        writeln!(
            out,
            "  {} {}  {place}: {} — {}",
            severity_word(f.severity),
            f.code,
            f.message,
            f.code.details_hint()
        )
    };
}

/// Renders the summary. `verbose` includes `bilgi` findings.
pub fn render(report: &Report, verbose: bool) -> String {
    let mut out = String::new();
    let shown = |f: &&Finding| verbose || f.severity != Severity::Info;
    // Findings without a file first (plan.yaml, missing directorates), then file by file.
    let general: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.file.is_none())
        .filter(shown)
        .collect();
    if !general.is_empty() {
        let _ = writeln!(out, "Genel");
        for f in general {
            line(&mut out, f);
        }
        out.push('\n');
    }
    let mut files: Vec<&str> = report.files.iter().map(|f| f.file.as_str()).collect();
    for f in &report.findings {
        if let Some(file) = &f.file {
            if !files.contains(&file.as_str()) {
                files.push(file);
            }
        }
    }
    for file in files {
        let entry = report.files.iter().find(|e| e.file == file);
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.file.as_deref() == Some(file))
            .filter(shown)
            .collect();
        if findings.is_empty() {
            continue;
        }
        match entry {
            Some(e) => {
                let who = e
                    .directorate
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{file}{who} — {} satır okundu, {} reddedildi",
                    e.rows_read, e.rows_rejected
                );
            }
            None => {
                let _ = writeln!(out, "{file}");
            }
        }
        for f in findings {
            line(&mut out, f);
        }
        out.push('\n');
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{}: {} dosya, {} satır okundu, {} modelde, {} reddedildi; {} hata, {} uyarı, {} bilgi.",
        report.institution,
        s.files,
        s.rows_read,
        s.rows_in_model,
        s.rows_rejected,
        s.counts.errors,
        s.counts.warnings,
        s.counts.infos
    );
    out
}
