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
    /// The directorate's marked workbooks (`isaretli/`), or why one was not written.
    isaretli: Vec<MarkedLink<'a>>,
}

/// A link to a marked workbook from a page, or why it could not be written.
#[derive(Serialize)]
struct MarkedLink<'a> {
    /// The original workbook, relative to the project folder.
    kaynak: &'a str,
    /// The marked copy's name (`Fen İşleri.xlsx`).
    #[serde(skip_serializing_if = "Option::is_none")]
    ad: Option<&'a str>,
    /// The copy's address relative to the page, percent-encoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    adres: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hata: Option<&'a str>,
}

/// A path percent-encoded for an `href`, its `/` kept.
fn href(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The marked workbooks whose directorate `of` accepts, linked from a page `depth` folders
/// below the output folder (0: `denetim-raporu.html`, 1: `birimler/<birim>.html`).
fn marked_links<'a>(
    report: &'a Report,
    of: impl Fn(Option<&str>) -> bool,
    depth: usize,
) -> Vec<MarkedLink<'a>> {
    report
        .marked
        .iter()
        .filter(|m| of(m.directorate.as_deref()))
        .map(|m| MarkedLink {
            kaynak: &m.file,
            ad: m
                .marked
                .as_deref()
                .map(|p| p.rsplit('/').next().unwrap_or(p)),
            adres: m
                .marked
                .as_deref()
                .map(|p| format!("{}{}", "../".repeat(depth), href(p))),
            hata: m.failure.as_deref(),
        })
        .collect()
}

impl<'a> Section<'a> {
    fn new(name: Option<&'a str>, stem: Option<String>, findings: Vec<&'a Finding>) -> Self {
        Section {
            ad: name,
            kimlik: stem,
            sayilar: SeverityCounts::of(findings.iter().copied()),
            bulgular: findings,
            isaretli: Vec::new(),
        }
    }

    fn of_directorate(report: &'a Report, name: &'a str, stem: String, depth: usize) -> Self {
        let findings = report
            .findings
            .iter()
            .filter(|f| f.directorate.as_deref() == Some(name))
            .collect();
        let mut section = Section::new(Some(name), Some(stem), findings);
        section.isaretli = marked_links(report, |d| d == Some(name), depth);
        section
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
            .map(|(name, stem)| Section::of_directorate(report, name, stem, 0))
            .collect(),
        genel: (!general.is_empty()).then(|| {
            let mut section = Section::new(None, None, general);
            // A workbook of no directorate of kurum.yaml (Y005) is marked too.
            section.isaretli = marked_links(
                report,
                |d| d.is_none_or(|d| !directorates.iter().any(|n| n == d)),
                0,
            );
            section
        }),
    };
    renderer.render(REPORT_TEMPLATE, &page)
}

/// One directorate's page, to send back to it: its files, its counts, its findings.
pub fn directorate_page(
    renderer: &Renderer,
    report: &Report,
    directorate: &str,
) -> Result<String, RenderError> {
    let birim = Section::of_directorate(report, directorate, slug(directorate), 1);
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
    fn pages_link_the_marked_workbooks_or_say_why_not() {
        let fen = "Fen İşleri Müdürlüğü";
        let at = |file: &str, directorate: Option<&str>| {
            let mut f = Finding::new(Code::D001, "Sayı yazın.");
            f.file = Some(file.to_string());
            f.directorate = directorate.map(str::to_string);
            f
        };
        let mut report = Report::new(
            "Deneme",
            Vec::new(),
            vec![
                at("birimler/Fen İşleri.xlsx", Some(fen)),
                at("birimler/bozuk.xlsx", Some(fen)),
                at("birimler/kimsenin.ods", None),
            ],
        );
        let outcome = |file: &str, d: Option<&str>, marked: Option<&str>, failure: Option<&str>| {
            crate::mark::Outcome {
                file: file.to_string(),
                directorate: d.map(str::to_string),
                marked: marked.map(str::to_string),
                failure: failure.map(str::to_string),
                findings: 1,
            }
        };
        report.marked = vec![
            outcome(
                "birimler/Fen İşleri.xlsx",
                Some(fen),
                Some("isaretli/Fen İşleri.xlsx"),
                None,
            ),
            outcome("birimler/bozuk.xlsx", Some(fen), None, Some("açılamadı")),
            outcome(
                "birimler/kimsenin.ods",
                None,
                Some("isaretli/kimsenin.xlsx"),
                None,
            ),
        ];
        let renderer =
            Renderer::with_printable(None, Arc::new(Printable::without_fonts())).expect("renderer");
        let pages = pages(&renderer, &report, &[fen.to_string()]).expect("pages");
        let sel = Selector::parse("ul.isaretli a").expect("selector");
        let items = Selector::parse("ul.isaretli li").expect("selector");
        let links = |html: &str| -> Vec<String> {
            Html::parse_document(html)
                .select(&sel)
                .filter_map(|a| a.value().attr("href").map(str::to_string))
                .collect()
        };
        let (_, whole) = &pages[0];
        assert_eq!(
            links(whole),
            [
                "isaretli/Fen%20%C4%B0%C5%9Fleri.xlsx",
                "isaretli/kimsenin.xlsx"
            ]
        );
        let (path, own) = &pages[1];
        assert_eq!(path, "birimler/fen-isleri-mudurlugu.html");
        assert_eq!(links(own), ["../isaretli/Fen%20%C4%B0%C5%9Fleri.xlsx"]);
        let said: Vec<String> = Html::parse_document(own)
            .select(&items)
            .map(|li| li.text().collect())
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[1], "birimler/bozuk.xlsx işaretlenemedi: açılamadı");
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
