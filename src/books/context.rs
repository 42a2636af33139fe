//! The data a book's template receives: every number already formatted the Turkish way,
//! every value cell with its marks (an error a finding touches in a draft; the decision
//! that amended it).
//!
//! # The context
//!
//! Every book gets the keys below; each book adds its own (see the module documentation of
//! `strategic.rs`, `program.rs` and `report.rs` in this folder). Texts are plain strings, years are strings
//! (`"2025"`, never formatted as numbers), amounts and rates are strings formatted in Rust.
//! A *cell* is a dictionary `{metin, hata?, degisiklik?}` that `veri-tablosu` reads: `metin` is
//! the text shown, `hata` the codes of the error findings that touch the value (drafts only),
//! `degisiklik` the decisions that changed it.
//!
//! | key | value |
//! |---|---|
//! | `kitap` | `{kod, baslik, yillar, tam_baslik, kapak_baslik}`: `sp`, `Stratejik Plan`, `2025-2029`, `Stratejik Plan 2025-2029`, `STRATEJİK PLAN` |
//! | `taslak` | true in a draft: TASLAK on every page |
//! | `kurum` | `{ad, kapak_ad, kisa_ad, il, kapak_il, baskan, baskan_unvan, mali_hizmetler_muduru, mali_hizmetler_unvan, logo}`; `logo` is `/gorseller/logo.svg` or none when absent or missing |
//! | `anahtar_kelimeler` | PDF keywords |
//! | `tema` | the theme overrides of kurum.yaml for `belge(tema:)` |
//! | `metinler` | `{"sunus.typ": true, …}`: which narrative chapters exist |
//! | `kisaltmalar` | `[[kısaltma, açıklama], …]` |
//! | `ic_kapak` | `[[etiket, değer], …]` printed at the foot of the inner title page |
//! | `guncelleme` | none, or the decisions a book was updated by, for the cover (`MECLİS KARARI 2025/127 · 21.10.2025`) |
//! | `genel` | `{misyon, vizyon, temel_degerler}` |
//! | `amaclar` | `[{kod, ad, hedefler: [{kod, ad}]}]` |
//! | `yil` | `{plan_baslangic, plan_bitis, plan: ["2025", …], rapor, program}` as strings |
//! | `degisiklikler` | the amendment annex of this book, grouped by decision: `[{karar, organ, tarih, gerekce, satirlar: [{oge, alan, eski, yeni}]}]` |

//!
//! # Where books.md is silent
//!
//! - Amounts: the table caption or column header says `(TL)`, cells print `1.234.567,89`; a lone
//!   amount in text or a label row carries ` TL` (`33.750.000,00 TL`). Rates in a `(%)` column
//!   print `77,5`; in text and chart labels `%77,5`.
//! - Derived values (sums, a hedef's rate) carry the marks of what they are computed from: an
//!   amended activity budget marks its hedef's cost and Genel Yönetim Giderleri; TOPLAM of a
//!   year whose appropriation is known is Toplam Ödenek + Bütçe Dışı and keeps only their marks.
//! - Genel Yönetim Giderleri of a plan year (Stratejik Plan) is that year's Toplam Ödenek of all
//!   directorates minus the hedefs' Bütçe (Bütçe Dışı is outside the budget), as in the
//!   Performans Programı; `—` for a year without budget lines, and a note under the table says
//!   which years are known. The cost table has codes only (A1, H1.1), on a landscape page.
//! - Performans Programı: `t−2 Gerçekleşme` is the Yıl Sonu value; for the year before the plan
//!   it is the plan's baseline (noted under the table). `t−1` falls back to 1. İzleme, marked
//!   `*` with a note. The Toplam Kaynak İhtiyacı Tablosu adds Bütçe Dışı Kaynaklar and Genel
//!   Toplam under the budget total.
//! - Faaliyet Raporu: the hedef's rate is the last row of its table; when it cannot be computed
//!   the row says `veri yok` and a note names every missing indicator. Missing Yıl Sonu prints
//!   `veri yok`, a missing 1. İzleme `—`. The declarations are signed at kurum.yaml's `il` (else
//!   the short name) with a date line `…/…/<t+1>`.
//! - The amendment annex "Meclis Kararıyla Yapılan Değişiklikler" is in the Stratejik Plan
//!   (every change) and in each one-year book whose tables a change touched (a field of its
//!   year, or a name it prints); a one-year book without such a change says so in its Ekler.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{json, Map, Value};

use super::marks::Marks;
use super::Book;
use crate::config::Settings;
use crate::finding::Finding;
use crate::model::{ChangeRecord, Model};
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

/// The template context of one book.
pub fn book_context(book: Book, input: &BookInput) -> Value {
    let marks = Marks::new(input.findings, &input.model.decisions, input.draft);
    let mut ctx = common(book, input);
    match book {
        Book::StrategicPlan => super::strategic::add(&mut ctx, input, &marks),
        Book::PerformanceProgram => super::program::add(&mut ctx, input, &marks),
        Book::ActivityReport => super::report::add(&mut ctx, input, &marks),
    }
    Value::Object(ctx)
}

/// Every narrative chapter any book includes, as `metinler/<name>.typ` file names.
const ALL_NARRATIVES: [&str; 8] = [
    "sunus",
    "hazirlik",
    "durum-analizi",
    "izleme",
    "genel-bilgiler",
    "degerlendirme",
    "kurumsal-kabiliyet",
    "oneri-tedbirler",
];

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

fn common(book: Book, input: &BookInput) -> Map<String, Value> {
    let model = input.model;
    let settings = input.settings;
    let inst = &settings.institution;
    let years = &settings.years;
    let years_text = book.years_text(years);
    let full_title = format!("{} {}", book.title(), years_text);

    let mut ctx = Map::new();
    ctx.insert(
        "kitap".into(),
        json!({
            "kod": book.code(),
            "baslik": book.title(),
            "yillar": years_text,
            "tam_baslik": full_title,
            "kapak_baslik": crate::text::upper_tr(book.title()),
        }),
    );
    ctx.insert("taslak".into(), Value::Bool(input.draft));
    ctx.insert(
        "kurum".into(),
        json!({
            "ad": inst.name,
            "kapak_ad": crate::text::upper_tr(&inst.name),
            "kisa_ad": inst.short_name,
            "il": inst.province,
            "kapak_il": inst.province.as_deref().map(crate::text::upper_tr),
            "baskan": inst.mayor,
            "baskan_unvan": mayor_title(&inst.name),
            "mali_hizmetler_muduru": inst.finance_director,
            "mali_hizmetler_unvan": "Mali Hizmetler Müdürü",
            "logo": logo_path(input.project_dir, inst.logo.as_deref()),
        }),
    );
    ctx.insert(
        "anahtar_kelimeler".into(),
        json!([book.title(), years_text, inst.name]),
    );
    ctx.insert("tema".into(), theme(settings));
    let mut texts = Map::new();
    for n in ALL_NARRATIVES {
        texts.insert(
            format!("{n}.typ"),
            Value::Bool(input.narratives.contains(n)),
        );
    }
    ctx.insert("metinler".into(), Value::Object(texts));
    ctx.insert(
        "kisaltmalar".into(),
        Value::Array(ABBREVIATIONS.iter().map(|(k, a)| json!([k, a])).collect()),
    );
    let plan_period = format!("{}-{}", years.plan_start, years.plan_end);
    let mut inner: Vec<Value> = match book {
        Book::StrategicPlan => vec![json!(["Plan Dönemi", plan_period])],
        Book::PerformanceProgram => vec![
            json!(["Program Yılı", years.program.to_string()]),
            json!(["Stratejik Plan Dönemi", plan_period]),
        ],
        Book::ActivityReport => vec![
            json!(["Rapor Yılı", years.report.to_string()]),
            json!(["Stratejik Plan Dönemi", plan_period]),
        ],
    };
    if book == Book::StrategicPlan {
        for d in &model.decisions {
            inner.push(json!([
                "Güncelleme",
                format!(
                    "{} tarihli ve {} sayılı {} kararı",
                    d.date, d.number, d.organ
                )
            ]));
        }
    }
    ctx.insert("ic_kapak".into(), Value::Array(inner));
    ctx.insert("guncelleme".into(), Value::Null);
    ctx.insert(
        "genel".into(),
        json!({
            "misyon": model.mission,
            "vizyon": model.vision,
            "temel_degerler": model.values,
        }),
    );
    ctx.insert(
        "amaclar".into(),
        Value::Array(
            model
                .goals
                .iter()
                .map(|g| {
                    json!({
                        "kod": g.code,
                        "ad": g.name,
                        "hedefler": g.objectives.iter().map(|o| json!({
                            "kod": o.code,
                            "ad": o.name.value,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        ),
    );
    ctx.insert(
        "yil".into(),
        json!({
            "plan_baslangic": years.plan_start.to_string(),
            "plan_bitis": years.plan_end.to_string(),
            "plan": years.plan_years().map(|y| y.to_string()).collect::<Vec<_>>(),
            "rapor": years.report.to_string(),
            "program": years.program.to_string(),
        }),
    );
    ctx.insert("degisiklikler".into(), Value::Array(Vec::new()));
    ctx
}

/// `Palandöken Belediyesi` → `Palandöken Belediye Başkanı`; any other name → `Belediye Başkanı`.
fn mayor_title(institution: &str) -> String {
    match institution.trim().strip_suffix("Belediyesi") {
        Some(place) if !place.trim().is_empty() => format!("{} Belediye Başkanı", place.trim()),
        _ => "Belediye Başkanı".to_string(),
    }
}

/// The image formats Typst reads.
const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// The logo as a path inside the project folder (`/gorseller/logo.svg`), or none when kurum.yaml
/// names none, the path leaves the folder, the file is not there or is not an image Typst reads.
fn logo_path(project_dir: &Path, logo: Option<&str>) -> Option<String> {
    let logo = logo?.trim().replace('\\', "/");
    let parts: Vec<&str> = logo
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") || logo.starts_with('/') {
        return None;
    }
    let relative = parts.join("/");
    let ext = relative.rsplit('.').next()?.to_ascii_lowercase();
    if !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    let path = project_dir.join(&relative);
    let inside = match (path.canonicalize(), project_dir.canonicalize()) {
        (Ok(p), Ok(root)) => p.starts_with(root) && p.is_file(),
        _ => false,
    };
    inside.then(|| format!("/{relative}"))
}

/// kurum.yaml's `tema` as the theme overrides of the layout library: colours only when they are
/// colours Typst reads (`#1f4e79`), so a typo never breaks a book.
fn theme(settings: &Settings) -> Value {
    let t = &settings.theme;
    let mut m = Map::new();
    if is_hex_colour(&t.color) {
        m.insert("ana-renk".into(), Value::String(t.color.trim().to_string()));
    }
    if is_hex_colour(&t.accent) {
        m.insert(
            "ikinci-renk".into(),
            Value::String(t.accent.trim().to_string()),
        );
    }
    if !t.font.trim().is_empty() {
        m.insert("yazi-tipi".into(), Value::String(t.font.trim().to_string()));
    }
    Value::Object(m)
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

// ---------------------------------------------------------------------------------------
// The amendment annex

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
}

impl AnnexScope {
    fn includes(&self, record: &ChangeRecord) -> bool {
        match self {
            AnnexScope::All => true,
            AnnexScope::Year { year, fields } => match field_year(&record.field) {
                Some(y) => y == *year,
                None => {
                    let key = crate::text::fold(&record.field);
                    fields.iter().any(|f| crate::text::fold(f) == key)
                }
            },
        }
    }
}

/// The annex "Meclis Kararıyla Yapılan Değişiklikler": one entry per decision (in the order
/// they were applied) with its changes:
/// `[{karar, organ, tarih, gerekce, baslik, satirlar: [{oge, alan, eski, yeni}]}]`.
pub(crate) fn amendment_annex(model: &Model, scope: AnnexScope) -> Value {
    let mut out = Vec::new();
    for d in &model.decisions {
        let rows: Vec<Value> = model
            .changes
            .iter()
            .filter(|c| c.decision == d.number && scope.includes(c))
            .map(|c| {
                json!({
                    "oge": item_label(model, &c.item),
                    "alan": c.field,
                    "eski": change_value(&c.field, &c.old),
                    "yeni": change_value(&c.field, &c.new),
                })
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push(json!({
            "karar": d.number,
            "organ": d.organ,
            "tarih": d.date,
            "gerekce": if d.reason.trim().is_empty() { empty() } else { d.reason.clone() },
            "satirlar": rows,
        }));
    }
    Value::Array(out)
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

/// The cover lines of an updated plan: `MECLİS KARARI 2025/127 · 21.10.2025`.
pub(crate) fn update_lines(model: &Model) -> Value {
    if model.decisions.is_empty() {
        return Value::Null;
    }
    Value::Array(
        model
            .decisions
            .iter()
            .map(|d| {
                Value::String(format!(
                    "{} KARARI {} · {}",
                    crate::text::upper_tr(&d.organ),
                    d.number,
                    d.date
                ))
            })
            .collect(),
    )
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
    fn mayor_titles() {
        assert_eq!(
            mayor_title("Palandöken Belediyesi"),
            "Palandöken Belediye Başkanı"
        );
        assert_eq!(mayor_title("Belediyesi"), "Belediye Başkanı");
        assert_eq!(mayor_title("Örnek Kurumu"), "Belediye Başkanı");
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
        let _ = std::fs::remove_dir_all(&dir);
    }
}
