//! What every book's context shares: the cover and the front matter ([`Common`]), the amendment
//! annex, the formatting of numbers and the cells the books show alike. The per-book
//! modules (`strategic.rs`, `program.rs`, `report.rs`, `monitoring.rs`) build on this one and
//! never on each other.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::Serialize;

use super::book::Book;
use super::marks::{Cell, Marks};
use crate::config::Settings;
use crate::finding::{Code, Finding};
use crate::model::{Activity, ChangeRecord, Indicator, Model, Objective, Period};
use crate::text::format;

/// Everything a book is made from.
pub struct BookInput<'a> {
    pub model: &'a Model,
    pub settings: &'a Settings,
    /// The findings after severity overrides (marks in drafts come from the `hata` ones).
    pub findings: &'a [Finding],
    /// True when the book is a draft (errors and no `--kati`): TASLAK on every page.
    pub draft: bool,
    /// The narrative chapters present in `metinler/` (file stems, e.g. `sunus`).
    pub narratives: &'a BTreeSet<String>,
    /// The project folder: the logo of kurum.yaml is used only when the file is there.
    pub project_dir: &'a Path,
}

// ---------------------------------------------------------------------------------------
// The context every book shares

/// The part of the context every book has. Texts are plain strings, years are strings
/// (`"2025"`, never formatted as numbers).
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    /// The book: `sp`, `Stratejik Plan`, `2025-2029`, …
    pub kitap: BookTitle,
    /// Whether the book opens with the Başkan Sunuşu (`metinler/sunus.typ`): not the İzleme
    /// and Değerlendirme reports, which are written for the mayor.
    pub baskan_sunusu: bool,
    /// True in a draft: TASLAK on every page.
    pub taslak: bool,
    pub kurum: Institution,
    /// The PDF keywords: the book's title, its years, the institution.
    pub anahtar_kelimeler: Vec<String>,
    /// The theme overrides of kurum.yaml, printed into `lib/kurum-tema.typ`.
    pub tema: Theme,
    /// Which narrative chapters exist in `metinler/`.
    pub metinler: Narratives,
    /// `[[kısaltma, açıklama], …]`.
    pub kisaltmalar: Vec<(&'static str, &'static str)>,
    /// `[[etiket, değer], …]` printed at the foot of the inner title page.
    pub ic_kapak: Vec<(&'static str, String)>,
    /// None, or the decisions the book was updated by, for the cover
    /// (`MECLİS KARARI 2025/127 · 21.10.2025`): only an updated Stratejik Plan has them.
    pub guncelleme: Option<Vec<String>>,
    pub genel: General,
    pub amaclar: Vec<GoalEntry>,
    pub yil: YearTexts,
    /// The amendment annex of this book, grouped by decision (see [`amendment_annex`]).
    pub degisiklikler: Vec<AnnexDecision>,
    /// The annex Veri Kaynakları: for every indicator and activity the book prints, the
    /// workbook and the rows its values came from, by workbook.
    pub veri_kaynaklari: Vec<SourceGroup>,
}

/// One workbook in the Veri Kaynakları annex: its path and the items whose values came from it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceGroup {
    pub dosya: String,
    pub ogeler: Vec<SourceLine>,
}

/// A line of the Veri Kaynakları annex: the item's code and, per sheet of its workbook, the rows
/// its values came from (`Göstergeler: 2 · Gerçekleşmeler: 3, 4`).
#[derive(Debug, Clone, Serialize)]
pub struct SourceLine {
    pub kod: String,
    pub satirlar: String,
}

/// The rows of each sheet, in order of first appearance: `Göstergeler: 2 · Gerçekleşmeler: 3, 4`.
fn rows_text(cells: &[&crate::model::CellRef]) -> String {
    let mut sheets: Vec<(String, Vec<u32>)> = Vec::new();
    for c in cells {
        let row = c.row + 1;
        match sheets.iter_mut().find(|(s, _)| *s == c.sheet) {
            Some((_, rows)) => {
                if !rows.contains(&row) {
                    rows.push(row);
                }
            }
            None => sheets.push((c.sheet.clone(), vec![row])),
        }
    }
    sheets
        .into_iter()
        .map(|(sheet, rows)| {
            let rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
            format!("{sheet}: {}", rows.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The Veri Kaynakları annex of a book, by workbook in order of first appearance: every
/// indicator (its Göstergeler row and its Gerçekleşmeler rows of `years`) and every activity of
/// `activity_years` (its Faaliyetler rows), in model order. Items from plan.yaml alone (no
/// workbook) are left out.
pub(crate) fn data_sources(
    model: &Model,
    years: std::ops::RangeInclusive<i32>,
    activity_years: Option<std::ops::RangeInclusive<i32>>,
) -> Vec<SourceGroup> {
    let mut lines: Vec<(&str, SourceLine)> = Vec::new();
    for i in &model.indicators {
        let Some(code_cell) = i.code_cell.as_ref() else {
            continue;
        };
        let mut cells = vec![code_cell];
        cells.extend(
            i.actuals
                .iter()
                .filter(|a| years.contains(&a.year))
                .filter_map(|a| a.code_cell.as_ref()),
        );
        lines.push((
            &code_cell.file,
            SourceLine {
                kod: i.code.clone(),
                satirlar: rows_text(&cells),
            },
        ));
    }
    if let Some(years) = activity_years {
        // An activity's rows of the years, under its code, in order of first appearance.
        let mut order: Vec<&str> = Vec::new();
        let mut rows: HashMap<&str, Vec<&crate::model::CellRef>> = HashMap::new();
        for a in model.activities.iter().filter(|a| years.contains(&a.year)) {
            let cells = rows.entry(a.code.as_str()).or_insert_with(|| {
                order.push(&a.code);
                Vec::new()
            });
            cells.extend(a.code_cell.as_ref());
        }
        for code in order {
            let cells = &rows[code];
            let Some(first) = cells.first() else { continue };
            lines.push((
                &first.file,
                SourceLine {
                    kod: code.to_string(),
                    satirlar: rows_text(cells),
                },
            ));
        }
    }
    let mut groups: Vec<SourceGroup> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (file, line) in lines {
        let at = *index.entry(file).or_insert_with(|| {
            groups.push(SourceGroup {
                dosya: file.to_string(),
                ogeler: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].ogeler.push(line);
    }
    groups
}

/// `kitap`: `{kod, baslik, yillar, tam_baslik, kapak_baslik}`: `sp`, `Stratejik Plan`,
/// `2025-2029`, `Stratejik Plan 2025-2029`, `STRATEJİK PLAN`.
#[derive(Debug, Clone, Serialize)]
pub struct BookTitle {
    pub kod: &'static str,
    pub baslik: &'static str,
    pub yillar: String,
    pub tam_baslik: String,
    pub kapak_baslik: String,
}

/// `kurum`: the institution as kurum.yaml names it; the optional values are none when absent.
#[derive(Debug, Clone, Serialize)]
pub struct Institution {
    pub ad: String,
    pub kapak_ad: String,
    pub kisa_ad: Option<String>,
    pub il: Option<String>,
    pub kapak_il: Option<String>,
    pub baskan: String,
    pub baskan_unvan: String,
    pub mali_hizmetler_muduru: String,
    pub mali_hizmetler_unvan: String,
    /// `/gorseller/logo.svg`, or none when kurum.yaml names none or the file is missing.
    pub logo: Option<String>,
}

/// `tema`: the theme overrides of the layout library; a key is absent when kurum.yaml gives no
/// usable value. Printed whole: alphabetical order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Theme {
    #[serde(rename = "ana-renk", skip_serializing_if = "Option::is_none")]
    pub ana_renk: Option<String>,
    #[serde(rename = "ikinci-renk", skip_serializing_if = "Option::is_none")]
    pub ikinci_renk: Option<String>,
    #[serde(rename = "yazi-tipi", skip_serializing_if = "Option::is_none")]
    pub yazi_tipi: Option<String>,
}

/// `metinler`: `{"sunus.typ": true, …}`, whether each narrative chapter any book includes is
/// in `metinler/`.
#[derive(Debug, Clone, Serialize)]
pub struct Narratives {
    #[serde(rename = "degerlendirme.typ")]
    pub degerlendirme: bool,
    #[serde(rename = "degerlendirme-raporu.typ")]
    pub degerlendirme_raporu: bool,
    #[serde(rename = "durum-analizi.typ")]
    pub durum_analizi: bool,
    #[serde(rename = "genel-bilgiler.typ")]
    pub genel_bilgiler: bool,
    #[serde(rename = "hazirlik.typ")]
    pub hazirlik: bool,
    #[serde(rename = "izleme.typ")]
    pub izleme: bool,
    #[serde(rename = "izleme-degerlendirme.typ")]
    pub izleme_degerlendirme: bool,
    #[serde(rename = "kurumsal-kabiliyet.typ")]
    pub kurumsal_kabiliyet: bool,
    #[serde(rename = "mali-denetim.typ")]
    pub mali_denetim: bool,
    #[serde(rename = "mali-tablolar.typ")]
    pub mali_tablolar: bool,
    #[serde(rename = "oneri-tedbirler.typ")]
    pub oneri_tedbirler: bool,
    #[serde(rename = "sunus.typ")]
    pub sunus: bool,
    #[serde(rename = "temel-politikalar.typ")]
    pub temel_politikalar: bool,
}

impl Narratives {
    /// From the stems of the files present (`sunus`, `durum-analizi`, …).
    fn from_present(present: &BTreeSet<String>) -> Narratives {
        let has = |stem: &str| present.contains(stem);
        Narratives {
            degerlendirme: has("degerlendirme"),
            degerlendirme_raporu: has("degerlendirme-raporu"),
            durum_analizi: has("durum-analizi"),
            genel_bilgiler: has("genel-bilgiler"),
            hazirlik: has("hazirlik"),
            izleme: has("izleme"),
            izleme_degerlendirme: has("izleme-degerlendirme"),
            kurumsal_kabiliyet: has("kurumsal-kabiliyet"),
            mali_denetim: has("mali-denetim"),
            mali_tablolar: has("mali-tablolar"),
            oneri_tedbirler: has("oneri-tedbirler"),
            sunus: has("sunus"),
            temel_politikalar: has("temel-politikalar"),
        }
    }
}

/// `genel`: `{misyon, vizyon, temel_degerler}`.
#[derive(Debug, Clone, Serialize)]
pub struct General {
    pub misyon: String,
    pub vizyon: String,
    pub temel_degerler: Vec<String>,
}

/// An amaç of `amaclar` with its hedefler. Printed whole: alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct GoalEntry {
    pub ad: String,
    pub hedefler: Vec<ObjectiveEntry>,
    pub kod: String,
}

/// A hedef of an amaç in `amaclar`. Printed whole: alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveEntry {
    pub ad: String,
    pub kod: String,
}

/// `yil`: `{plan_baslangic, plan_bitis, plan: ["2025", …], rapor, program}` as strings.
#[derive(Debug, Clone, Serialize)]
pub struct YearTexts {
    pub plan_baslangic: String,
    pub plan_bitis: String,
    pub plan: Vec<String>,
    pub rapor: String,
    pub program: String,
}

/// The abbreviations every book lists.
const ABBREVIATIONS: [(&str, &str); 11] = [
    ("A", "Amaç"),
    ("F", "Faaliyet"),
    ("FR", "Faaliyet Raporu"),
    ("GZFT", "Güçlü Yönler, Zayıf Yönler, Fırsatlar ve Tehditler"),
    ("H", "Hedef"),
    ("P", "Proje"),
    ("PG", "Performans Göstergesi"),
    ("PP", "Performans Programı"),
    ("SBB", "Cumhurbaşkanlığı Strateji ve Bütçe Başkanlığı"),
    ("SP", "Stratejik Plan"),
    ("TL", "Türk Lirası"),
];

impl Common {
    /// The shared part of `book`'s context: no cover lines and an empty annex, which the
    /// per-book modules set.
    pub fn new(book: Book, input: &BookInput) -> Common {
        let model = input.model;
        let settings = input.settings;
        let inst = &settings.institution;
        let years = &settings.years;
        let years_text = book.years_text(years);
        let plan_period = format!("{}-{}", years.plan_start, years.plan_end);
        let mut ic_kapak = match book {
            Book::StrategicPlan => vec![("Plan Dönemi", plan_period)],
            Book::PerformanceProgram => vec![
                ("Program Yılı", years.program.to_string()),
                ("Stratejik Plan Dönemi", plan_period),
            ],
            Book::ActivityReport => vec![
                ("Rapor Yılı", years.report.to_string()),
                ("Stratejik Plan Dönemi", plan_period),
            ],
            Book::Monitoring(period) => vec![
                ("Rapor Yılı", years.report.to_string()),
                (
                    "İzleme Dönemi",
                    match period {
                        crate::model::Period::Interim => {
                            format!("Ocak–Haziran {} (1. İzleme)", years.report)
                        }
                        crate::model::Period::YearEnd => {
                            format!("Ocak–Aralık {} (Yıl Sonu)", years.report)
                        }
                    },
                ),
                ("Stratejik Plan Dönemi", plan_period),
            ],
            Book::Evaluation => vec![
                ("Rapor Yılı", years.report.to_string()),
                (
                    "Değerlendirilen Yıllar",
                    if years.plan_start >= years.report {
                        years.report.to_string()
                    } else {
                        format!("{}-{}", years.plan_start, years.report)
                    },
                ),
                ("Stratejik Plan Dönemi", plan_period),
            ],
        };
        if book == Book::StrategicPlan {
            for d in &model.decisions {
                ic_kapak.push((
                    "Güncelleme",
                    format!(
                        "{} tarihli ve {} sayılı {} kararı",
                        format::short_date(d.date),
                        d.number,
                        d.organ
                    ),
                ));
            }
        }
        Common {
            kitap: BookTitle {
                kod: book.code(),
                baslik: book.title(),
                yillar: years_text.clone(),
                tam_baslik: format!("{} {}", book.title(), years_text),
                kapak_baslik: crate::text::upper_tr(book.title()),
            },
            baskan_sunusu: book.narratives().contains(&"sunus"),
            taslak: input.draft,
            kurum: Institution {
                ad: inst.name.clone(),
                kapak_ad: crate::text::upper_tr(&inst.name),
                kisa_ad: inst.short_name.clone(),
                il: inst.province.clone(),
                kapak_il: inst.province.as_deref().map(crate::text::upper_tr),
                baskan: inst.mayor.clone(),
                baskan_unvan: inst.mayor_title.clone(),
                mali_hizmetler_muduru: inst.finance_director.clone(),
                mali_hizmetler_unvan: inst.finance_director_title.clone(),
                logo: logo_path(input.project_dir, inst.logo.as_deref()),
            },
            anahtar_kelimeler: vec![book.title().to_string(), years_text, inst.name.clone()],
            tema: theme(settings),
            metinler: Narratives::from_present(input.narratives),
            kisaltmalar: ABBREVIATIONS.to_vec(),
            ic_kapak,
            guncelleme: None,
            genel: General {
                misyon: model.mission.clone(),
                vizyon: model.vision.clone(),
                temel_degerler: model.values.clone(),
            },
            amaclar: model
                .goals
                .iter()
                .map(|g| GoalEntry {
                    ad: g.name.clone(),
                    hedefler: g
                        .objectives
                        .iter()
                        .map(|o| ObjectiveEntry {
                            ad: o.name.value.clone(),
                            kod: o.code.clone(),
                        })
                        .collect(),
                    kod: g.code.clone(),
                })
                .collect(),
            yil: YearTexts {
                plan_baslangic: years.plan_start.to_string(),
                plan_bitis: years.plan_end.to_string(),
                plan: years.plan_years().map(|y| y.to_string()).collect(),
                rapor: years.report.to_string(),
                program: years.program.to_string(),
            },
            degisiklikler: Vec::new(),
            veri_kaynaklari: {
                let (p, t) = (years.program, years.report);
                let (actuals, activities) = match book {
                    Book::StrategicPlan => (
                        years.plan_start..=years.plan_end,
                        Some(years.plan_start..=years.plan_end),
                    ),
                    Book::PerformanceProgram => (p - 2..=p - 1, Some(p..=p)),
                    Book::ActivityReport | Book::Monitoring(_) => (t..=t, Some(t..=t)),
                    Book::Evaluation => (years.plan_start.min(t)..=t, None),
                };
                data_sources(model, actuals, activities)
            },
        }
    }
}

/// The image formats Typst reads.
const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Why kurum.yaml's logo is not printed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LogoProblem {
    /// An absolute path or one that climbs out with `..`.
    Outside,
    /// A path inside the project that is a link to a file outside it.
    LinksOutside,
    Missing,
    /// A folder, not a file.
    NotAFile,
    /// Not an image format Typst reads.
    NotAnImage,
}

/// The logo as a path inside the project folder (`/gorseller/logo.svg`); `Ok(None)` when
/// kurum.yaml names none (or a blank path).
fn resolve_logo(project_dir: &Path, logo: Option<&str>) -> Result<Option<String>, LogoProblem> {
    let Some(logo) = logo else { return Ok(None) };
    let logo = logo.trim().replace('\\', "/");
    if logo.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = logo
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let drive = parts.first().is_some_and(|p| p.ends_with(':'));
    if logo.starts_with('/') || drive || parts.contains(&"..") {
        return Err(LogoProblem::Outside);
    }
    if parts.is_empty() {
        return Ok(None);
    }
    let relative = parts.join("/");
    let path = project_dir.join(&relative);
    if !path.exists() {
        return Err(LogoProblem::Missing);
    }
    match (path.canonicalize(), project_dir.canonicalize()) {
        (Ok(p), Ok(root)) if !p.starts_with(&root) => return Err(LogoProblem::LinksOutside),
        (Ok(_), Ok(_)) => {}
        _ => return Err(LogoProblem::Missing),
    }
    if !path.is_file() {
        return Err(LogoProblem::NotAFile);
    }
    let ext = relative
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
        return Err(LogoProblem::NotAnImage);
    }
    Ok(Some(format!("/{relative}")))
}

/// The logo as a path inside the project folder (`/gorseller/logo.svg`), or none when kurum.yaml
/// names none, the path leaves the folder, the file is not there or is not an image Typst reads
/// (then [`check_logo`] says so).
fn logo_path(project_dir: &Path, logo: Option<&str>) -> Option<String> {
    resolve_logo(project_dir, logo).ok().flatten()
}

/// Y011 when kurum.yaml's `kurum.logo` names a file the books cannot print: one that is not
/// there, a folder, not an image Typst reads, or a path outside the project folder (refused, so
/// that the books are made from the project folder alone). The covers are then printed without
/// a logo.
pub fn check_logo(project_dir: &Path, settings: &Settings) -> Option<Finding> {
    let logo = settings.institution.logo.as_deref()?;
    let problem = resolve_logo(project_dir, Some(logo)).err()?;
    let shown = logo.trim();
    let why = match problem {
        LogoProblem::Outside => format!(
            "“{shown}” proje klasörünün dışını gösteriyor. Kitaplar yalnızca proje klasöründeki dosyaları kullanır (klasör başka bir bilgisayara taşındığında da aynı kitaplar çıksın, klasör dışındaki dosyalar okunmasın diye); bu yüzden logo kullanılmadı. Logoyu proje klasörüne (örneğin gorseller/logo.png) kopyalayıp yolu klasöre göre yazın."
        ),
        LogoProblem::LinksOutside => format!(
            "“{shown}” proje klasörünün dışındaki bir dosyaya bağlantı. Kitaplar yalnızca proje klasöründeki dosyaları kullanır (klasör başka bir bilgisayara taşındığında da aynı kitaplar çıksın, klasör dışındaki dosyalar okunmasın diye); bu yüzden logo kullanılmadı. Logo dosyasının kendisini proje klasörüne kopyalayın."
        ),
        LogoProblem::Missing => format!(
            "“{shown}” dosyası proje klasöründe yok; logo kullanılmadı. Dosyayı bu yola koyun ya da yolu düzeltin (yol proje klasörüne göre yazılır, örneğin gorseller/logo.png)."
        ),
        LogoProblem::NotAFile => format!(
            "“{shown}” bir dosya değil, klasör; logo kullanılmadı. Logo dosyasının yolunu yazın (örneğin gorseller/logo.png)."
        ),
        LogoProblem::NotAnImage => format!(
            "“{shown}” kitapların okuyabildiği bir görüntü değil (png, jpg, jpeg, gif, svg, webp olmalı); logo kullanılmadı."
        ),
    };
    Some(
        Finding::new(
            Code::Y011,
            format!("kurum.logo: {why} Kapaklar logosuz basıldı."),
        )
        .in_file("kurum.yaml"),
    )
}

/// kurum.yaml's `tema` as the theme overrides of the layout library: colours only when they are
/// colours Typst reads (`#1f4e79`), so a typo never breaks a book.
fn theme(settings: &Settings) -> Theme {
    let t = &settings.theme;
    let font = t.font.trim();
    Theme {
        ana_renk: is_hex_colour(&t.color).then(|| t.color.trim().to_string()),
        ikinci_renk: is_hex_colour(&t.accent).then(|| t.accent.trim().to_string()),
        yazi_tipi: (!font.is_empty()).then(|| font.to_string()),
    }
}

fn is_hex_colour(text: &str) -> bool {
    let Some(hex) = text.trim().strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

// ---------------------------------------------------------------------------------------
// Formatting shared by the books

/// A value as an indicator table shows it: `1.234`, `7,25`; up to two decimals.
pub(crate) fn num(x: f64) -> String {
    format::number(x, None)
}

/// An optional value: `—` when empty.
pub(crate) fn opt_num(x: Option<f64>) -> String {
    x.map(num).unwrap_or_else(|| format::EMPTY.to_string())
}

/// An amount in a table whose header says TL: `1.234.567,89`.
pub(crate) fn money(x: f64) -> String {
    format::number(x, Some(2))
}

/// A rate with one decimal, half away from zero: `77,5`.
pub(crate) fn rate(x: f64) -> String {
    crate::text::format::ratio(x)
}

/// A rate with the percent sign in front: `%77,5`.
pub(crate) fn percent(x: f64) -> String {
    format!("%{}", rate(x))
}

/// What an empty value prints as.
pub(crate) fn empty() -> String {
    format::EMPTY.to_string()
}

/// What a missing realisation prints as.
pub(crate) const NO_DATA: &str = "veri yok";

/// A bar of the realisation chart: `deger` and `metin` (`%77,5`) are none when the rate cannot
/// be computed. Printed whole: alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct RateBar {
    pub aciklama: String,
    pub deger: Option<f64>,
    pub etiket: String,
    pub metin: Option<String>,
}

// ---------------------------------------------------------------------------------------
// The amendment annex

/// A decision of the annex "Meclis Kararıyla Yapılan Değişiklikler" with the changes it made.
#[derive(Debug, Clone, Serialize)]
pub struct AnnexDecision {
    pub karar: String,
    pub organ: String,
    pub tarih: String,
    /// The decision's reason; `—` when empty.
    pub gerekce: String,
    pub satirlar: Vec<AnnexRow>,
}

/// One change of the annex: the item with its current name, the field, the old and new value.
#[derive(Debug, Clone, Serialize)]
pub struct AnnexRow {
    pub oge: String,
    pub alan: String,
    pub eski: String,
    pub yeni: String,
}

/// The year a change record's field is about (`2026 hedefi`, `2026 bütçe (TL)`), if any.
fn field_year(field: &str) -> Option<i32> {
    let bytes = field.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = &field.get(i..i + 4)?;
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = bytes.get(i + 4);
        let digit = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_digit());
        if window.bytes().all(|b| b.is_ascii_digit()) && !digit(before) && !digit(after) {
            window.parse().ok()
        } else {
            None
        }
    })
}

/// Whether a change record's values are numbers (targets, baselines, weights, amounts).
fn numeric_field(field: &str) -> bool {
    let key = crate::text::fold(field);
    ["hedefi", "baslangic", "etki", "maliyet", "butce"]
        .iter()
        .any(|k| key.contains(k))
}

/// A value of a change record as printed: numbers Turkish style (`214000000` → `214.000.000`),
/// text as it is.
fn change_value(field: &str, value: &str) -> String {
    let v = value.trim();
    if v.is_empty() {
        return empty();
    }
    if numeric_field(field) {
        let plain = v.strip_prefix('-').unwrap_or(v);
        let digits_ok = !plain.is_empty()
            && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
            && plain.matches('.').count() <= 1
            && !plain.starts_with('.')
            && !plain.ends_with('.');
        if digits_ok {
            if let Ok(x) = v.parse::<f64>() {
                return num(x);
            }
        }
    }
    v.to_string()
}

/// Which change records a book shows in its annex.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AnnexScope {
    /// Every change (the Stratejik Plan).
    All,
    /// Changes that touch tables of a one-year book: fields of that year, and the fields
    /// without a year that the book prints (`fields`).
    Year {
        year: i32,
        fields: &'static [&'static str],
    },
    /// Changes that touch tables of a book over several years (the Değerlendirme Raporu):
    /// fields of the years `first..=last`, and the fields without a year it prints.
    Years {
        first: i32,
        last: i32,
        fields: &'static [&'static str],
    },
}

impl AnnexScope {
    fn includes(&self, record: &ChangeRecord) -> bool {
        let (first, last, fields) = match *self {
            AnnexScope::All => return true,
            AnnexScope::Year { year, fields } => (year, year, fields),
            AnnexScope::Years {
                first,
                last,
                fields,
            } => (first, last, fields),
        };
        match field_year(&record.field) {
            Some(y) => (first..=last).contains(&y),
            None => {
                let key = crate::text::fold(&record.field);
                fields.iter().any(|f| crate::text::fold(f) == key)
            }
        }
    }
}

/// The annex "Meclis Kararıyla Yapılan Değişiklikler": one entry per decision (in the order
/// they were applied) with its changes in `scope`; a decision without such changes is left out.
pub(crate) fn amendment_annex(model: &Model, scope: AnnexScope) -> Vec<AnnexDecision> {
    let mut out = Vec::new();
    for d in &model.decisions {
        let rows: Vec<AnnexRow> = model
            .changes
            .iter()
            .filter(|c| c.decision == d.number && scope.includes(c))
            .map(|c| AnnexRow {
                oge: item_label(model, &c.item),
                alan: c.field.clone(),
                eski: change_value(&c.field, &c.old),
                yeni: change_value(&c.field, &c.new),
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push(AnnexDecision {
            karar: d.number.clone(),
            organ: d.organ.clone(),
            tarih: format::short_date(d.date),
            gerekce: if d.reason.trim().is_empty() {
                empty()
            } else {
                d.reason.clone()
            },
            satirlar: rows,
        });
    }
    out
}

/// An item of a change record with its current name: `PG2.1.2 Sıcak asfalt kaplama (km)`.
fn item_label(model: &Model, code: &str) -> String {
    let name = model
        .indicators
        .iter()
        .find(|i| i.code == code)
        .map(|i| i.name.value.clone())
        .or_else(|| {
            model
                .activities
                .iter()
                .find(|a| a.code == code)
                .map(|a| a.name.value.clone())
        })
        .or_else(|| model.objective(code).map(|o| o.name.value.clone()));
    match name {
        Some(n) if !n.trim().is_empty() => format!("{code} {n}"),
        _ => code.to_string(),
    }
}

/// The cover lines of an updated plan: `MECLİS KARARI 2025/127 · 21.10.2025`; none without
/// decisions.
pub(crate) fn update_lines(model: &Model) -> Option<Vec<String>> {
    if model.decisions.is_empty() {
        return None;
    }
    Some(
        model
            .decisions
            .iter()
            .map(|d| {
                format!(
                    "{} KARARI {} · {}",
                    crate::text::upper_tr(&d.organ),
                    d.number,
                    format::short_date(d.date)
                )
            })
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------
// Cells and sums the books show alike

/// The `Amaç` cell: `A1 …`.
pub(crate) fn goal_cell(marks: &Marks, code: &str, name: &str) -> Cell {
    marks.code(code, None, format!("{code} {name}"))
}

/// The `Hedef` cell: `H1.2 …` with the marks of the code and the name.
pub(crate) fn objective_cell(marks: &Marks, o: &Objective) -> Cell {
    let mut cell = marks.code(&o.code, None, format!("{} {}", o.code, o.name.value));
    cell.absorb(&marks.sourced(&o.name, ""));
    cell
}

/// `PG1.2.3 …` with the marks of the code and the name.
pub(crate) fn indicator_cell(marks: &Marks, i: &Indicator) -> Cell {
    let mut cell = marks.code(
        &i.code,
        i.code_cell.as_ref(),
        format!("{} {}", i.code, i.name.value),
    );
    cell.absorb(&marks.sourced(&i.name, ""));
    cell
}

/// `F1.2.3 …` with the marks of the code and the name.
pub(crate) fn activity_cell(marks: &Marks, a: &Activity) -> Cell {
    let mut cell = marks.code(
        &a.code,
        a.code_cell.as_ref(),
        format!("{} {}", a.code, a.name.value),
    );
    cell.absorb(&marks.sourced(&a.name, ""));
    cell
}

/// An activity's Gerçekleşen (TL) as a sum with its marks: empty (`—`) when not entered.
pub(crate) fn activity_spent(marks: &Marks, a: &Activity) -> Sum {
    let mut spent = Sum::default();
    match a.expenditure.value {
        Some(x) => spent.add(x, &marks.sourced(&a.expenditure, "")),
        None => spent.marks.absorb(&marks.sourced(&a.expenditure, "")),
    }
    spent
}

/// An activity's Durum as a cell: its label, `—` when empty.
pub(crate) fn activity_status(marks: &Marks, a: &Activity) -> Cell {
    let status = a
        .status
        .value
        .map(|s| s.label().to_string())
        .unwrap_or_else(empty);
    marks.sourced(&a.status, status)
}

/// The Sapma Nedeni of an indicator's value in a period: `—` when empty or when there is no
/// value.
pub(crate) fn deviation_reason_cell(
    marks: &Marks,
    i: &Indicator,
    year: i32,
    period: Period,
) -> Cell {
    match i.actual(year, period) {
        Some(a) => {
            let text = a
                .deviation_reason
                .value
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
                .unwrap_or_else(empty);
            marks.sourced(&a.deviation_reason, text)
        }
        None => Cell::new(empty()),
    }
}

/// Drops repeated notes, keeping the first of each.
pub(crate) fn unique(notes: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    notes.retain(|n| seen.insert(n.clone()));
}

/// A sum of amounts with the marks of everything summed; `—` when nothing was summed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sum {
    pub value: f64,
    pub any: bool,
    pub marks: Cell,
}

impl Sum {
    pub fn add(&mut self, x: f64, marks: &Cell) {
        self.value += x;
        self.any = true;
        self.marks.absorb(marks);
    }

    pub fn add_sum(&mut self, other: &Sum) {
        if other.any {
            self.value += other.value;
            self.any = true;
        }
        self.marks.absorb(&other.marks);
    }

    /// The sum as a money cell (`1.234.567,89`), `—` when empty.
    pub fn cell(&self) -> Cell {
        let text = if self.any { money(self.value) } else { empty() };
        self.marks.with_text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_change_fields() {
        assert_eq!(field_year("2026 hedefi"), Some(2026));
        assert_eq!(field_year("2027 bütçe dışı (TL)"), Some(2027));
        assert_eq!(field_year("Maliyet tahmini (TL)"), None);
        assert_eq!(field_year("Hedefe etkisi (%)"), None);
        assert_eq!(field_year("120345"), None);
    }

    #[test]
    fn change_values_print_turkish_numbers_only_for_numeric_fields() {
        assert_eq!(change_value("2026 bütçe (TL)", "214000000"), "214.000.000");
        assert_eq!(change_value("2026 hedefi", "7.5"), "7,5");
        assert_eq!(change_value("Gösterge adı", "2025"), "2025");
        assert_eq!(change_value("Başlangıç değeri", "—"), "—");
        assert_eq!(change_value("Riskler", ""), "—");
    }

    #[test]
    fn every_chapter_of_a_book_has_its_flag() {
        let chapters: BTreeSet<String> = Book::EVERY
            .iter()
            .flat_map(|b| b.narratives())
            .map(|n| n.to_string())
            .collect();
        let flags = serde_json::to_value(Narratives::from_present(&chapters)).expect("serialises");
        let flags = flags.as_object().expect("a dictionary");
        let names: BTreeSet<String> = chapters.iter().map(|n| format!("{n}.typ")).collect();
        assert_eq!(flags.keys().cloned().collect::<BTreeSet<_>>(), names);
        assert!(flags.values().all(|v| v == true));
    }

    #[test]
    fn colours_are_checked() {
        assert!(is_hex_colour("#1f4e79"));
        assert!(is_hex_colour(" #abc "));
        assert!(!is_hex_colour("mavi"));
        assert!(!is_hex_colour("#12345"));
        assert!(!is_hex_colour("#ggg"));
    }

    #[test]
    fn logos_stay_inside_the_project() {
        let dir = std::env::temp_dir().join(format!("kitap-logo-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("gorseller"));
        let _ = std::fs::write(dir.join("gorseller/logo.png"), b"x");
        assert_eq!(
            logo_path(&dir, Some("gorseller/logo.png")),
            Some("/gorseller/logo.png".into())
        );
        assert_eq!(
            logo_path(&dir, Some("./gorseller//logo.png")),
            Some("/gorseller/logo.png".into())
        );
        assert_eq!(logo_path(&dir, Some("gorseller/yok.png")), None);
        assert_eq!(logo_path(&dir, Some("../logo.png")), None);
        assert_eq!(logo_path(&dir, Some("/etc/passwd")), None);
        assert_eq!(logo_path(&dir, Some("gorseller")), None);
        assert_eq!(logo_path(&dir, None), None);
        assert_eq!(resolve_logo(&dir, Some("  ")), Ok(None));
        assert_eq!(
            resolve_logo(&dir, Some("gorseller/yok.png")),
            Err(LogoProblem::Missing)
        );
        assert_eq!(
            resolve_logo(&dir, Some("../logo.png")),
            Err(LogoProblem::Outside)
        );
        assert_eq!(
            resolve_logo(&dir, Some("C:\\logo.png")),
            Err(LogoProblem::Outside)
        );
        assert_eq!(
            resolve_logo(&dir, Some("gorseller")),
            Err(LogoProblem::NotAFile)
        );
        let _ = std::fs::write(dir.join("gorseller/logo.bmp"), b"x");
        assert_eq!(
            resolve_logo(&dir, Some("gorseller/logo.bmp")),
            Err(LogoProblem::NotAnImage)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
