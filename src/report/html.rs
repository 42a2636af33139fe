//! The check report as HTML pages a directorate can read: `denetim-raporu.html` for the whole
//! institution and `birimler/<birim>.html` for each directorate, to send back to it.
//!
//! Each page is self-contained (inline CSS, no scripts, no external files), in Turkish, UTF-8,
//! so it opens from a USB stick. Every text from the data is HTML-escaped. The pages hold no
//! date or time: the same report gives the same bytes.

use std::collections::BTreeSet;
use std::fmt::Write;

use unicode_normalization::UnicodeNormalization;

use super::Report;
use crate::finding::{Finding, Severity, SeverityCounts};
use crate::ingest::FileStatus;
use crate::model::merge::FileEntry;
use crate::text::fold;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A directorate's name folded to a safe ASCII file name stem:
/// `Fen İşleri Müdürlüğü` → `fen-isleri-mudurlugu`. Never empty (`birim`).
pub fn slug(name: &str) -> String {
    let composed: String = name.nfc().collect();
    let words: Vec<String> = composed
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| {
            fold(w)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "birim".to_string()
    } else {
        words.join("-")
    }
}

/// Every page of the HTML report: (path relative to the output folder, HTML). The first is
/// `denetim-raporu.html`; then one `birimler/<slug>.html` per directorate, in the given order
/// (kurum.yaml's). Two names that fold to one slug get `-2`, `-3`.
pub fn pages(report: &Report, directorates: &[String]) -> Vec<(String, String)> {
    let mut out = vec![(
        "denetim-raporu.html".to_string(),
        report_page(report, directorates),
    )];
    for (name, stem) in directorates.iter().zip(slugs(directorates)) {
        out.push((
            format!("birimler/{stem}.html"),
            directorate_page(report, name),
        ));
    }
    out
}

/// Unique slugs for the directorates, in order.
fn slugs(directorates: &[String]) -> Vec<String> {
    let mut used = BTreeSet::new();
    directorates
        .iter()
        .map(|d| {
            let base = slug(d);
            let mut s = base.clone();
            let mut n = 2;
            while !used.insert(s.clone()) {
                s = format!("{base}-{n}");
                n += 1;
            }
            s
        })
        .collect()
}

const STYLE: &str = "
body { font-family: 'Noto Sans', 'Segoe UI', Arial, sans-serif; margin: 2em auto; max-width: 72em;
  padding: 0 1em; color: #222; line-height: 1.4; }
h1 { color: #1f4e79; margin-bottom: 0.2em; }
h2 { color: #1f4e79; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2em; margin-top: 2em; }
p.kurum { font-size: 1.2em; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.95em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
td.sayi { text-align: right; white-space: nowrap; }
td.kod, td.hucre, td.seviye { white-space: nowrap; }
table.ozet { width: auto; }
tr.hata td.seviye { background: #f8d7da; color: #842029; font-weight: bold; }
tr.uyari td.seviye { background: #fff3cd; color: #664d03; font-weight: bold; }
tr.bilgi td.seviye { background: #e2e3e5; color: #41464b; }
span.diger { color: #555; }
p.temiz { color: #0f5132; }
nav ul { columns: 2; }
@media print { nav { display: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
";

fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"tr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "hata",
        Severity::Warning => "uyarı",
        Severity::Info => "bilgi",
    }
}

fn status_word(s: FileStatus) -> &'static str {
    match s {
        FileStatus::Read => "okundu",
        FileStatus::Skipped => "atlandı",
        FileStatus::Unreadable => "okunamadı",
    }
}

fn counts_text(c: &SeverityCounts) -> String {
    format!("{} hata, {} uyarı, {} bilgi", c.errors, c.warnings, c.infos)
}

fn summary_table(out: &mut String, counts: &SeverityCounts, files: &[&FileEntry]) {
    let read: usize = files.iter().map(|f| f.rows_read).sum();
    let kept: usize = files.iter().map(|f| f.rows_in_model).sum();
    let rejected: usize = files.iter().map(|f| f.rows_rejected).sum();
    let rows = [
        ("Hata", counts.errors),
        ("Uyarı", counts.warnings),
        ("Bilgi", counts.infos),
        ("Dosya", files.len()),
        ("Okunan satır", read),
        ("Modeldeki satır", kept),
        ("Reddedilen satır", rejected),
    ];
    out.push_str("<table class=\"ozet\">\n");
    for (label, n) in rows {
        let _ = writeln!(out, "<tr><th>{label}</th><td class=\"sayi\">{n}</td></tr>");
    }
    out.push_str("</table>\n");
}

fn files_table(out: &mut String, files: &[&FileEntry]) {
    if files.is_empty() {
        out.push_str("<p>Okunan dosya yok.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"dosyalar\">\n<tr><th>Dosya</th><th>Birim</th><th>Durum</th>\
         <th>Okunan satır</th><th>Modeldeki satır</th><th>Reddedilen satır</th></tr>\n",
    );
    for f in files {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"sayi\">{}</td>\
             <td class=\"sayi\">{}</td><td class=\"sayi\">{}</td></tr>",
            escape(&f.file),
            escape(f.directorate.as_deref().unwrap_or("")),
            status_word(f.status),
            f.rows_read,
            f.rows_in_model,
            f.rows_rejected
        );
    }
    out.push_str("</table>\n");
}

fn findings_table(out: &mut String, findings: &[&Finding]) {
    if findings.is_empty() {
        out.push_str("<p class=\"temiz\">Bulgu yok.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"bulgular\">\n<tr><th>Seviye</th><th>Kod</th><th>Dosya</th>\
         <th>Sayfa</th><th>Hücre</th><th>Mesaj</th></tr>\n",
    );
    for f in findings {
        let cell = match (&f.cell, f.other_cells.is_empty()) {
            (Some(c), true) => escape(c),
            (Some(c), false) => format!(
                "{} <span class=\"diger\">(ayrıca {})</span>",
                escape(c),
                escape(&f.other_cells.join(", "))
            ),
            (None, _) => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><td class=\"seviye\">{}</td><td class=\"kod\">{}</td>\
             <td class=\"dosya\">{}</td><td class=\"sayfa\">{}</td><td class=\"hucre\">{cell}</td>\
             <td class=\"mesaj\">{}</td></tr>",
            f.severity.word(),
            severity_word(f.severity),
            f.code,
            escape(f.file.as_deref().unwrap_or("")),
            escape(f.sheet.as_deref().unwrap_or("")),
            escape(&f.message)
        );
    }
    out.push_str("</table>\n");
}

fn of_directorate<'a>(report: &'a Report, name: &str) -> Vec<&'a Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.directorate.as_deref() == Some(name))
        .collect()
}

fn counts_of(findings: &[&Finding]) -> SeverityCounts {
    let mut c = SeverityCounts::default();
    for f in findings {
        match f.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Info => c.infos += 1,
        }
    }
    c
}

/// The whole institution's page: summary, files, one section per directorate (kurum.yaml
/// order), then the findings that belong to no directorate (plan.yaml, …).
pub fn report_page(report: &Report, directorates: &[String]) -> String {
    let mut out = String::new();
    head(
        &mut out,
        &format!("Denetim Raporu — {}", report.institution),
    );
    let _ = writeln!(
        out,
        "<h1>Denetim Raporu</h1>\n<p class=\"kurum\">{}</p>",
        escape(&report.institution)
    );
    out.push_str("<section class=\"ozet\" id=\"ozet\">\n<h2>Özet</h2>\n");
    let files: Vec<&FileEntry> = report.files.iter().collect();
    summary_table(&mut out, &report.summary.counts, &files);
    out.push_str("<h3>Dosyalar</h3>\n");
    files_table(&mut out, &files);
    out.push_str("</section>\n");

    let general: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| {
            f.directorate
                .as_deref()
                .is_none_or(|d| !directorates.iter().any(|n| n == d))
        })
        .collect();

    out.push_str("<nav>\n<h2>Birimler</h2>\n<ul>\n");
    for (name, stem) in directorates.iter().zip(slugs(directorates)) {
        let c = counts_of(&of_directorate(report, name));
        let _ = writeln!(
            out,
            "<li><a href=\"#birim-{stem}\">{}</a> — {}</li>",
            escape(name),
            counts_text(&c)
        );
    }
    if !general.is_empty() {
        let _ = writeln!(
            out,
            "<li><a href=\"#genel\">Birime bağlı olmayan bulgular</a> — {}</li>",
            counts_text(&counts_of(&general))
        );
    }
    out.push_str("</ul>\n</nav>\n");

    for (name, stem) in directorates.iter().zip(slugs(directorates)) {
        let findings = of_directorate(report, name);
        let _ = writeln!(
            out,
            "<section class=\"birim\" id=\"birim-{stem}\">\n<h2>{}</h2>\n<p>{}</p>",
            escape(name),
            counts_text(&counts_of(&findings))
        );
        findings_table(&mut out, &findings);
        out.push_str("</section>\n");
    }
    if !general.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"genel\" id=\"genel\">\n<h2>Birime bağlı olmayan bulgular</h2>\n<p>{}</p>",
            counts_text(&counts_of(&general))
        );
        findings_table(&mut out, &general);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One directorate's page, to send back to it: its files, its counts, its findings.
pub fn directorate_page(report: &Report, directorate: &str) -> String {
    let findings = of_directorate(report, directorate);
    let counts = counts_of(&findings);
    let files: Vec<&FileEntry> = report
        .files
        .iter()
        .filter(|f| f.directorate.as_deref() == Some(directorate))
        .collect();
    let mut out = String::new();
    head(&mut out, &format!("Denetim Raporu — {directorate}"));
    let _ = writeln!(
        out,
        "<h1>Denetim Raporu: {}</h1>\n<p class=\"kurum\">{}</p>",
        escape(directorate),
        escape(&report.institution)
    );
    out.push_str("<section class=\"ozet\" id=\"ozet\">\n<h2>Özet</h2>\n");
    summary_table(&mut out, &counts, &files);
    out.push_str("<h3>Dosyalar</h3>\n");
    files_table(&mut out, &files);
    out.push_str("</section>\n");
    let _ = writeln!(
        out,
        "<section class=\"birim\" id=\"birim-{}\">\n<h2>Bulgular</h2>\n<p>{}. Her bulgu, düzeltilecek değerin dosyasını, sayfasını ve hücresini gösterir.</p>",
        slug(directorate),
        counts_text(&counts)
    );
    findings_table(&mut out, &findings);
    out.push_str("</section>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slug("Fen İşleri Müdürlüğü"), "fen-isleri-mudurlugu");
        assert_eq!(slug("  Park ve Bahçeler  "), "park-ve-bahceler");
        assert_eq!(slug("Zabıta / Itfaiye"), "zabita-itfaiye");
        assert_eq!(slug("Go\u{308}c\u{327}"), "goc");
        assert_eq!(slug("——"), "birim");
        let names = vec!["A B".to_string(), "A-B".to_string()];
        assert_eq!(slugs(&names), vec!["a-b", "a-b-2"]);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }
}
