//! The check report as HTML pages a directorate can read: `denetim-raporu.html` for the whole
//! institution and `birimler/<birim>.html` for each directorate, to send back to it.
//!
//! The markup is in the templates `report-templates/denetim-raporu.html.j2` and
//! `birim-raporu.html.j2` (with their partials `denetim-sayfasi.html.j2` and
//! `denetim-tablolari.html.j2`), rendered by [`Renderer`] with HTML auto-escape, so every text
//! from the data is escaped; a project may replace them in its own `report-templates/`. This
//! module only builds their data: the JSON report's own records. Each page is self-contained
//! (inline CSS, no scripts, no external files), in Turkish, UTF-8, so it opens from a USB stick.
//! The pages hold no date or time: the same report gives the same bytes.

use std::collections::BTreeSet;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::FileEntry;
use super::{Report, Summary};
use crate::finding::{Finding, SeverityCounts};
use crate::render::{RenderError, Renderer};
use crate::text::fold;

/// The template of the whole institution's page.
pub const REPORT_TEMPLATE: &str = "denetim-raporu.html.j2";
/// The template of one directorate's page.
pub const DIRECTORATE_TEMPLATE: &str = "birim-raporu.html.j2";

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
pub fn pages(
    renderer: &Renderer,
    report: &Report,
    directorates: &[String],
) -> Result<Vec<(String, String)>, RenderError> {
    let mut out = vec![(
        "denetim-raporu.html".to_string(),
        report_page(renderer, report, directorates)?,
    )];
    for (name, stem) in directorates.iter().zip(slugs(directorates)) {
        out.push((
            format!("birimler/{stem}.html"),
            directorate_page(renderer, report, name)?,
        ));
    }
    Ok(out)
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

/// The findings of one section of a page, with their counts.
#[derive(Serialize)]
struct Section<'a> {
    /// The directorate's name (none for the findings of no directorate).
    #[serde(skip_serializing_if = "Option::is_none")]
    ad: Option<&'a str>,
    /// The directorate's slug, for the section's `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    kimlik: Option<String>,
    sayilar: SeverityCounts,
    bulgular: Vec<&'a Finding>,
}

impl<'a> Section<'a> {
    fn new(name: Option<&'a str>, stem: Option<String>, findings: Vec<&'a Finding>) -> Self {
        Section {
            ad: name,
            kimlik: stem,
            sayilar: SeverityCounts::of(findings.iter().copied()),
            bulgular: findings,
        }
    }

    fn of_directorate(report: &'a Report, name: &'a str, stem: String) -> Self {
        let findings = report
            .findings
            .iter()
            .filter(|f| f.directorate.as_deref() == Some(name))
            .collect();
        Section::new(Some(name), Some(stem), findings)
    }
}

/// The data of `denetim-raporu.html.j2`.
#[derive(Serialize)]
struct ReportPage<'a> {
    kurum: &'a str,
    ozet: &'a Summary,
    dosyalar: &'a [FileEntry],
    birimler: Vec<Section<'a>>,
    genel: Option<Section<'a>>,
}

/// The data of `birim-raporu.html.j2`.
#[derive(Serialize)]
struct DirectoratePage<'a> {
    kurum: &'a str,
    ozet: Summary,
    dosyalar: Vec<&'a FileEntry>,
    birim: Section<'a>,
}

/// The whole institution's page: summary, files, one section per directorate (kurum.yaml
/// order), then the findings that belong to no directorate (plan.yaml, …).
pub fn report_page(
    renderer: &Renderer,
    report: &Report,
    directorates: &[String],
) -> Result<String, RenderError> {
    let general: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| {
            f.directorate
                .as_deref()
                .is_none_or(|d| !directorates.iter().any(|n| n == d))
        })
        .collect();
    let page = ReportPage {
        kurum: &report.institution,
        ozet: &report.summary,
        dosyalar: &report.files,
        birimler: directorates
            .iter()
            .zip(slugs(directorates))
            .map(|(name, stem)| Section::of_directorate(report, name, stem))
            .collect(),
        genel: (!general.is_empty()).then(|| Section::new(None, None, general)),
    };
    renderer.render(REPORT_TEMPLATE, &page)
}

/// One directorate's page, to send back to it: its files, its counts, its findings.
pub fn directorate_page(
    renderer: &Renderer,
    report: &Report,
    directorate: &str,
) -> Result<String, RenderError> {
    let birim = Section::of_directorate(report, directorate, slug(directorate));
    let dosyalar: Vec<&FileEntry> = report
        .files
        .iter()
        .filter(|f| f.directorate.as_deref() == Some(directorate))
        .collect();
    let page = DirectoratePage {
        kurum: &report.institution,
        ozet: Summary::new(birim.sayilar, dosyalar.iter().copied()),
        dosyalar,
        birim,
    };
    renderer.render(DIRECTORATE_TEMPLATE, &page)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use scraper::{Html, Selector};

    use super::*;
    use crate::finding::Code;
    use crate::printable::Printable;
    use crate::report::FileStatus;

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
    fn data_is_escaped_on_every_page() {
        let hostile = "<script>alert('x')</script> & \"q\"";
        let mut finding = Finding::new(Code::D001, format!("Mesaj {hostile}"));
        finding.file = Some(format!("birimler/{hostile}.xlsx"));
        finding.sheet = Some(hostile.to_string());
        finding.cell = Some("B2".to_string());
        finding.other_cells = vec![hostile.to_string()];
        finding.directorate = Some(hostile.to_string());
        let file = FileEntry {
            file: format!("birimler/{hostile}.xlsx"),
            directorate: Some(hostile.to_string()),
            status: FileStatus::Read,
            rows_read: 1,
            rows_in_model: 0,
            rows_rejected: 1,
        };
        let report = Report::new(hostile, vec![file], vec![finding]);
        let renderer =
            Renderer::with_printable(None, Arc::new(Printable::without_fonts())).expect("renderer");
        let pages = pages(&renderer, &report, &[hostile.to_string()]).expect("pages");
        assert_eq!(pages.len(), 2);
        let sel = |s: &str| Selector::parse(s).expect("selector");
        for (path, html) in pages {
            assert!(!html.contains("<script"), "{path}: {html}");
            assert!(html.contains("&lt;script&gt;"), "{path}: {html}");
            let doc = Html::parse_document(&html);
            assert!(doc.select(&sel("script")).next().is_none(), "{path}");
            let text = |s: &str| -> String {
                let cell = doc.select(&sel(s)).next();
                cell.unwrap_or_else(|| panic!("{path}: {s}"))
                    .text()
                    .collect()
            };
            assert_eq!(text("title"), format!("Denetim Raporu — {hostile}"));
            assert_eq!(
                text("td.mesaj"),
                format!("Mesaj {hostile} ayrıntı: kitap acikla D001")
            );
            assert_eq!(text("td.sayfa"), hostile);
            assert_eq!(text("td.dosya"), format!("birimler/{hostile}.xlsx"));
            assert_eq!(text("td.hucre"), format!("B2 (ayrıca {hostile})"));
            assert_eq!(
                text("table.dosyalar td"),
                format!("birimler/{hostile}.xlsx")
            );
        }
    }
}
