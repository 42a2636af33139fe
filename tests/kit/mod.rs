//! Test projects made on the fly: a temporary project folder ([`TestProject`]) with
//! kurum.yaml, plan.yaml and directorate workbooks written with `kitap_dev::sheetwrite`, which a
//! test then perturbs to plant one problem, and the helpers that look at what `kitap` found.
//!
//! A project's contents come one of two ways:
//!
//! - **Fixed workbooks** ([`TestProject::valid`]): [`KURUM`] and [`PLAN`] (three directorates,
//!   amaçlar A1 and A2) and the workbooks [`fen_isleri`], [`zabita`] (which carries the
//!   institution-level sheets of [`FinanceSpec::valid`]) and [`kultur`], which a test edits as
//!   sheets and cells ([`sheet`], `SheetSpec::set`) before writing them.
//! - **A project described in rows** ([`ProjectSpec::valid`]): two directorates, each with the
//!   hedef H1.k of amaç A1 and a [`standard_book`]; a test edits the rows (an indicator's
//!   baseline, an activity's status, a hedef's cost) and [`ProjectSpec::check`] writes kurum.yaml,
//!   plan.yaml and the workbooks from them. Every book has the same layout, so a test can name
//!   cells:
//!
//! | sheet | columns | rows |
//! |---|---|---|
//! | Göstergeler | A Gösterge Kodu, B Hedef Kodu, C Gösterge Adı, D Ölçü Birimi, E Göstergenin Yönü, F Hedefe Etkisi (%), G Başlangıç Değeri, H–L 2025–2029, M İzleme Sıklığı, N Raporlama Sıklığı | 2: PG1.k.1, 3: PG1.k.2 |
//! | Gerçekleşmeler | A Gösterge Kodu, B Yıl, C Dönem, D Gerçekleşen Değer, E Sapma Nedeni, F Veri Kaynağı | 2: PG1.k.1 2025 1. İzleme, 3: PG1.k.1 2025 Yıl Sonu, 4: PG1.k.2 2025 Yıl Sonu |
//! | Faaliyetler | A Faaliyet Kodu, B Hedef Kodu, C Faaliyet Adı, D Türü, E Yıl, F Bütçe (TL), G Bütçe Dışı (TL), H Gerçekleşen (TL), I Durum | 2: F1.k.1 2025, 3: F1.k.1 2026 |
//! | Bütçe | A Yıl, B Ekonomik Kod, C Başlangıç Ödeneği, D Toplam Ödenek, E Harcama, F Açıklama | 2: 2025 03 (75 %, explained), 3: 2026 03 |
//!
//! and, in `zabita.xlsx` only, the institution-level sheets of [`FinanceSpec::valid`]:
//!
//! | sheet | columns | rows |
//! |---|---|---|
//! | Gelirler | A Yıl, B Ekonomik Kod, C Bütçe Tahmini, D Tahsilat, E Açıklama | 2: 2025 01, 3: 2025 03, 4: 2025 09 |
//! | Borçlar | A Borç Kalemi, B Vade, C Yıl Başı (TL), D Yıl Sonu (TL), E Açıklama | 2: İller Bankası, 3: SGK Prim Borçları |
//! | İştirakler | A Adı, B Türü, C Faaliyet Alanı, D Sermaye (TL), E Belediye Payı (%), F Yıl Sonucu (TL), G Açıklama | 2: a company, 3: a union |
//! | Transferler | A Yıl, B Alıcı Kurum, C Tutar (TL), D Açıklama | 2: 2025, 3: 2026 |
//!
//! where `k` is the directorate's hedef number (H1.k). Plan period 2025–2029, report year 2025,
//! program year 2026. The fixed workbooks have the same columns and a few more (Göstergeler:
//! İşbirliği Yapılacak Birimler, Açıklama; Faaliyetler: Açıklama).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kitap::finding::{Code, Finding};
use kitap::pipeline::{self, Checked, Options};
use kitap_dev::sheetwrite::{self, CellValue, SheetSpec, WorkbookSpec};

pub const KURUM: &str = "kurum:
  ad: Deneme Belediyesi
  baskan: Ayşe Yılmaz
  mali_hizmetler_muduru: Mehmet Öztürk
plan_donemi: {baslangic: 2025, bitis: 2029}
yil: 2025
birimler:
  - ad: Fen İşleri Müdürlüğü
    kisa_ad: Fen İşleri
  - ad: Zabıta Müdürlüğü
  - ad: Kültür ve Sosyal İşler Müdürlüğü
";

pub const PLAN: &str = "misyon: Halkımıza etkin hizmet.
vizyon: Yaşanabilir bir ilçe.
temel_degerler: [Şeffaflık, Katılımcılık]
amaclar:
  - kod: A1
    ad: Altyapıyı güçlendirmek
    hedefler:
      - kod: H1.1
        ad: Yol ağını geliştirmek
        sorumlu_birim: Fen İşleri Müdürlüğü
      - kod: H1.2
        ad: Kent düzenini sağlamak
        sorumlu_birim: Zabıta Müdürlüğü
  - kod: A2
    ad: Sosyal yaşamı canlandırmak
    hedefler:
      - kod: H2.1
        ad: Kültür etkinliklerini artırmak
        sorumlu_birim: Kültür ve Sosyal İşler Müdürlüğü
";

pub const FEN: &str = "Fen İşleri Müdürlüğü";
pub const ZABITA: &str = "Zabıta Müdürlüğü";
pub const PARK: &str = "Park ve Bahçeler Müdürlüğü";

// ---------------------------------------------------------------------------------------
// Cells

/// A cell's content; `None` leaves it empty.
pub type Cell = Option<CellValue>;

pub fn text(s: &str) -> Cell {
    Some(CellValue::Text(s.to_string()))
}

pub fn num(x: f64) -> Cell {
    Some(CellValue::Number(x))
}

// ---------------------------------------------------------------------------------------
// The project folder

/// A temporary project folder, removed when dropped.
pub struct TestProject {
    pub dir: PathBuf,
}

impl Drop for TestProject {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn unique_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("kitap-test-{tag}-{}-{n}", std::process::id()))
}

impl TestProject {
    /// An empty folder.
    pub fn folder(tag: &str) -> TestProject {
        let dir = unique_dir(tag);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create project");
        TestProject { dir }
    }

    /// [`KURUM`] and [`PLAN`] only; no workbooks.
    pub fn empty(tag: &str) -> TestProject {
        let p = TestProject::folder(tag);
        std::fs::create_dir_all(p.dir.join("birimler")).expect("create project");
        p.write_bytes("kurum.yaml", KURUM.as_bytes());
        p.write_bytes("plan.yaml", PLAN.as_bytes());
        p
    }

    /// [`KURUM`], [`PLAN`], the three workbooks [`fen_isleri`], [`zabita`] and [`kultur`], and
    /// the example's narrative chapters in `metinler/`: no hata, no uyarı.
    pub fn valid(tag: &str) -> TestProject {
        let p = TestProject::empty(tag);
        p.write("birimler/fen-isleri.xlsx", &fen_isleri());
        p.write("birimler/zabita.xlsx", &zabita());
        p.write("birimler/kultur.xlsx", &kultur());
        for (path, text) in narratives() {
            p.write_bytes(&path, text.as_bytes());
        }
        p
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    pub fn write(&self, rel: &str, book: &WorkbookSpec) {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        sheetwrite::write(book, &path).expect("write workbook");
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write file");
    }

    pub fn check(&self) -> Checked {
        pipeline::check(&self.dir, &Options::default()).expect("project loads")
    }
}

/// Every narrative chapter a book includes, as the bundled example writes it: its path in the
/// project (`metinler/sunus.typ`) and its text.
pub fn narratives() -> Vec<(String, String)> {
    kitap::books::Book::EVERY
        .iter()
        .flat_map(|b| b.narratives())
        .map(|name| {
            let path = format!("metinler/{name}.typ");
            let text = std::fs::read_to_string(example_dir().join(&path)).expect("a chapter");
            (path, text)
        })
        .collect()
}

/// The bundled example project.
pub fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ornek-belediye")
}

/// The foreign workbooks: files written by Excel, LibreOffice and other programs, some
/// malformed on purpose, from the calamine project's test files (MIT licence, see
/// `tests/fixtures/README.md`).
pub fn foreign_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/foreign")
}

/// Copies a folder with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Findings

/// The findings of one code.
pub fn findings(checked: &Checked, code: Code) -> Vec<&Finding> {
    checked
        .report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .collect()
}

/// Exactly one finding of the code; panics listing every finding otherwise.
pub fn one(checked: &Checked, code: Code) -> &Finding {
    let found = findings(checked, code);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one {code}, found:\n{}",
        listing(checked)
    );
    found[0]
}

/// Every finding, one a line, for failure messages.
pub fn listing(checked: &Checked) -> String {
    checked
        .report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} [{}] {}",
                f.severity.word(),
                f.code,
                f.place(),
                f.item.as_deref().unwrap_or("-"),
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts a finding's file, sheet and cell.
pub fn assert_at(f: &Finding, file: &str, sheet: Option<&str>, cell: Option<&str>) {
    assert_eq!(f.file.as_deref(), Some(file), "file of {f:#?}");
    assert_eq!(f.sheet.as_deref(), sheet, "sheet of {f:#?}");
    assert_eq!(f.cell.as_deref(), cell, "cell of {f:#?}");
}

/// Asserts that every file's rows balance: read = in model + rejected, and that the
/// in-model count matches what the model holds from that file.
pub fn assert_rows_balance(checked: &Checked) {
    let s = &checked.report.summary;
    assert_eq!(
        s.rows_read,
        s.rows_in_model + s.rows_rejected,
        "summary: {s:?}"
    );
    for f in &checked.report.files {
        assert_eq!(f.rows_read, f.rows_in_model + f.rows_rejected, "{f:?}");
        let m = &checked.model;
        let from = |cell: &Option<kitap::finding::CellRef>| {
            cell.as_ref().is_some_and(|c| c.file == f.file)
        };
        let in_model = m.indicators.iter().filter(|i| from(&i.code_cell)).count()
            + m.indicators
                .iter()
                .flat_map(|i| &i.actuals)
                .filter(|a| from(&a.code_cell))
                .count()
            + m.activities.iter().filter(|a| from(&a.code_cell)).count()
            + m.budget.iter().filter(|b| from(&b.code_cell)).count()
            + finance_rows_from(m, &f.file);
        assert_eq!(in_model, f.rows_in_model, "model rows of {}", f.file);
    }
}

/// The institution-level rows of the model whose cells are in `file` (the `Yok` row included).
pub fn finance_rows_from(m: &kitap::model::Model, file: &str) -> usize {
    let fin = &m.finance;
    let from = |cell: Option<&kitap::finding::CellRef>| cell.is_some_and(|c| c.file == file);
    let revenue = fin.revenue.iter().flat_map(|s| &s.rows);
    let debts = fin.debts.iter().flat_map(|s| &s.rows);
    let affiliates = fin.affiliates.iter().flat_map(|s| &s.rows);
    let transfers = fin.transfers.iter().flat_map(|s| &s.rows);
    revenue.filter(|r| from(r.code_cell.as_ref())).count()
        + debts.filter(|d| from(d.item.cell.as_ref())).count()
        + affiliates.filter(|a| from(a.name.cell.as_ref())).count()
        + fin
            .affiliates
            .iter()
            .filter(|s| from(s.declared_none.as_ref()))
            .count()
        + transfers
            .filter(|t| from(t.recipient.cell.as_ref()))
            .count()
}

// ---------------------------------------------------------------------------------------
// Fixed workbooks

pub const INDICATOR_HEADER: [&str; 16] = kitap_dev::headers::INDICATOR;

/// One indicator row in the order of INDICATOR_HEADER.
pub struct IndicatorRow<'a> {
    pub code: &'a str,
    pub objective: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    pub direction: &'a str,
    pub weight: f64,
    pub baseline: f64,
    pub targets: [f64; 5],
    pub monitoring: &'a str,
}

pub fn birim_sheet(name: &str) -> SheetSpec {
    let mut s = SheetSpec::new("Birim");
    s.row(0, [text("Birim Adı"), text(name)]);
    s.row(1, [text("Harcama Yetkilisi"), text("Ali Veli")]);
    s.row(2, [text("Unvan"), text("Müdür")]);
    s
}

pub fn indicator_sheet(rows: &[IndicatorRow]) -> SheetSpec {
    let mut s = SheetSpec::new("Göstergeler");
    s.row(0, INDICATOR_HEADER.iter().map(|h| text(h)));
    for (i, r) in rows.iter().enumerate() {
        let mut cells = vec![
            text(r.code),
            text(r.objective),
            text(r.name),
            text(r.unit),
            text(r.direction),
            num(r.weight),
            num(r.baseline),
        ];
        cells.extend(r.targets.iter().map(|v| num(*v)));
        cells.extend([text(r.monitoring), text("Yıllık"), None, None]);
        s.row(i as u32 + 1, cells);
    }
    s
}

pub const ACTUAL_HEADER: [&str; 6] = [
    "Gösterge Kodu",
    "Yıl",
    "Dönem",
    "Gerçekleşen Değer",
    "Sapma Nedeni",
    "Veri Kaynağı",
];

/// (code, year, period, value, reason)
pub fn actual_sheet(rows: &[(&str, f64, &str, f64, &str)]) -> SheetSpec {
    let mut s = SheetSpec::new("Gerçekleşmeler");
    s.row(0, ACTUAL_HEADER.iter().map(|h| text(h)));
    for (i, (code, year, period, value, reason)) in rows.iter().enumerate() {
        s.row(
            i as u32 + 1,
            [
                text(code),
                num(*year),
                text(period),
                num(*value),
                if reason.is_empty() {
                    None
                } else {
                    text(reason)
                },
                None,
            ],
        );
    }
    s
}

pub const ACTIVITY_HEADER: [&str; 10] = [
    "Faaliyet Kodu",
    "Hedef Kodu",
    "Faaliyet Adı",
    "Türü",
    "Yıl",
    "Bütçe (TL)",
    "Bütçe Dışı (TL)",
    "Gerçekleşen (TL)",
    "Durum",
    "Açıklama",
];

/// One activity row: (code, objective, name, year, budget, spent, status).
pub type ActivityRow<'a> = (&'a str, &'a str, &'a str, f64, f64, Option<f64>, &'a str);

pub fn activity_sheet(rows: &[ActivityRow]) -> SheetSpec {
    let mut s = SheetSpec::new("Faaliyetler");
    s.row(0, ACTIVITY_HEADER.iter().map(|h| text(h)));
    for (i, (code, objective, name, year, budget, spent, status)) in rows.iter().enumerate() {
        s.row(
            i as u32 + 1,
            [
                text(code),
                text(objective),
                text(name),
                text("Faaliyet"),
                num(*year),
                num(*budget),
                num(0.0),
                spent.map(CellValue::Number),
                if status.is_empty() {
                    None
                } else {
                    text(status)
                },
                None,
            ],
        );
    }
    s
}

pub const BUDGET_HEADER: [&str; 5] = [
    "Yıl",
    "Ekonomik Kod",
    "Başlangıç Ödeneği",
    "Toplam Ödenek",
    "Harcama",
];

/// (year, code, initial, total, spent)
pub fn budget_sheet(rows: &[(f64, &str, f64, f64, Option<f64>)]) -> SheetSpec {
    let mut s = SheetSpec::new("Bütçe");
    s.row(0, BUDGET_HEADER.iter().map(|h| text(h)));
    for (i, (year, code, initial, total, spent)) in rows.iter().enumerate() {
        s.row(
            i as u32 + 1,
            [
                num(*year),
                text(code),
                num(*initial),
                num(*total),
                spent.map(CellValue::Number),
            ],
        );
    }
    s
}

pub fn fen_isleri() -> WorkbookSpec {
    WorkbookSpec {
        sheets: vec![
            birim_sheet("Fen İşleri Müdürlüğü"),
            indicator_sheet(&[
                IndicatorRow {
                    code: "PG1.1.1",
                    objective: "H1.1",
                    name: "Asfaltlanan yol uzunluğu",
                    unit: "km",
                    direction: "Artış",
                    weight: 60.0,
                    baseline: 10.0,
                    targets: [20.0, 30.0, 40.0, 50.0, 60.0],
                    monitoring: "6 Ay",
                },
                IndicatorRow {
                    code: "PG1.1.2",
                    objective: "H1.1",
                    name: "Yol bakım oranı",
                    unit: "Yüzde",
                    direction: "Artış",
                    weight: 40.0,
                    baseline: 50.0,
                    targets: [60.0, 70.0, 80.0, 90.0, 100.0],
                    monitoring: "Yıllık",
                },
            ]),
            actual_sheet(&[
                ("PG1.1.1", 2025.0, "1. İzleme", 14.0, ""),
                ("PG1.1.1", 2025.0, "Yıl Sonu", 20.0, ""),
                (
                    "PG1.1.2",
                    2025.0,
                    "Yıl Sonu",
                    55.0,
                    "Kış koşulları nedeniyle bakım çalışmaları gecikti.",
                ),
            ]),
            activity_sheet(&[
                (
                    "F1.1.1",
                    "H1.1",
                    "Asfalt serimi",
                    2025.0,
                    1_000_000.0,
                    Some(900_000.0),
                    "Tamamlandı",
                ),
                (
                    "F1.1.1",
                    "H1.1",
                    "Asfalt serimi",
                    2026.0,
                    1_200_000.0,
                    None,
                    "",
                ),
            ]),
            budget_sheet(&[
                (2025.0, "03", 2_000_000.0, 2_100_000.0, Some(1_900_000.0)),
                (2026.0, "03", 2_500_000.0, 2_500_000.0, None),
            ]),
        ],
    }
}

pub fn zabita() -> WorkbookSpec {
    WorkbookSpec {
        sheets: vec![
            birim_sheet("Zabıta Müdürlüğü"),
            indicator_sheet(&[IndicatorRow {
                code: "PG1.2.1",
                objective: "H1.2",
                name: "Denetlenen işyeri sayısı",
                unit: "Adet",
                direction: "Artış",
                weight: 100.0,
                baseline: 1000.0,
                targets: [1200.0, 1400.0, 1600.0, 1800.0, 2000.0],
                monitoring: "Yıllık",
            }]),
            actual_sheet(&[("PG1.2.1", 2025.0, "Yıl Sonu", 1200.0, "")]),
            activity_sheet(&[
                (
                    "F1.2.1",
                    "H1.2",
                    "İşyeri denetimleri",
                    2025.0,
                    300_000.0,
                    Some(280_000.0),
                    "Tamamlandı",
                ),
                (
                    "F1.2.1",
                    "H1.2",
                    "İşyeri denetimleri",
                    2026.0,
                    320_000.0,
                    None,
                    "",
                ),
            ]),
            budget_sheet(&[
                (2025.0, "01", 5_000_000.0, 5_000_000.0, Some(4_800_000.0)),
                (2026.0, "03", 400_000.0, 400_000.0, None),
            ]),
        ]
        .into_iter()
        .chain(FinanceSpec::valid().sheets())
        .collect(),
    }
}

pub fn kultur() -> WorkbookSpec {
    WorkbookSpec {
        sheets: vec![
            birim_sheet("Kültür ve Sosyal İşler Müdürlüğü"),
            indicator_sheet(&[IndicatorRow {
                code: "PG2.1.1",
                objective: "H2.1",
                name: "Düzenlenen etkinlik sayısı",
                unit: "Sayı",
                direction: "Artış",
                weight: 100.0,
                baseline: 20.0,
                targets: [25.0, 30.0, 35.0, 40.0, 45.0],
                monitoring: "Yıllık",
            }]),
            actual_sheet(&[("PG2.1.1", 2025.0, "Yıl Sonu", 25.0, "")]),
            activity_sheet(&[
                (
                    "F2.1.1",
                    "H2.1",
                    "Kültür festivali",
                    2025.0,
                    500_000.0,
                    Some(500_000.0),
                    "Tamamlandı",
                ),
                (
                    "F2.1.1",
                    "H2.1",
                    "Kültür festivali",
                    2026.0,
                    550_000.0,
                    None,
                    "",
                ),
            ]),
            budget_sheet(&[
                (2025.0, "03", 800_000.0, 800_000.0, Some(700_000.0)),
                (2026.0, "03", 900_000.0, 900_000.0, None),
            ]),
        ],
    }
}

/// The sheet of a workbook by name (panics if absent).
pub fn sheet<'a>(book: &'a mut WorkbookSpec, name: &str) -> &'a mut SheetSpec {
    book.sheets
        .iter_mut()
        .find(|s| s.name == name)
        .expect("sheet exists")
}

// ---------------------------------------------------------------------------------------
// A project described in rows

#[derive(Debug, Clone)]
pub struct IndicatorSpec {
    pub code: String,
    pub objective: String,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub weight: Cell,
    pub baseline: Cell,
    /// 2025 … 2029.
    pub targets: [Cell; 5],
    pub monitoring: String,
    pub reporting: String,
}

#[derive(Debug, Clone)]
pub struct ActualSpec {
    pub code: String,
    pub year: i32,
    pub period: String,
    pub value: Cell,
    pub reason: Cell,
}

#[derive(Debug, Clone)]
pub struct ActivitySpec {
    pub code: String,
    pub objective: String,
    pub name: String,
    pub kind: String,
    pub year: i32,
    pub budget: Cell,
    pub off_budget: Cell,
    pub spent: Cell,
    pub status: Cell,
}

#[derive(Debug, Clone)]
pub struct BudgetSpec {
    pub year: i32,
    pub economic_code: String,
    pub initial: Cell,
    pub total: Cell,
    pub spent: Cell,
    /// Açıklama (column F).
    pub explanation: Cell,
}

/// A row of the `Gelirler` sheet: A Yıl, B Ekonomik Kod, C Bütçe Tahmini, D Tahsilat,
/// E Açıklama.
#[derive(Debug, Clone)]
pub struct RevenueSpec {
    pub year: i32,
    pub code: Cell,
    pub estimate: Cell,
    pub collected: Cell,
    pub explanation: Cell,
}

/// A row of the `Borçlar` sheet: A Borç Kalemi, B Vade, C Yıl Başı (TL), D Yıl Sonu (TL),
/// E Açıklama.
#[derive(Debug, Clone)]
pub struct DebtSpec {
    pub item: Cell,
    pub term: Cell,
    pub start: Cell,
    pub end: Cell,
    pub note: Cell,
}

/// A row of the `İştirakler` sheet: A Adı, B Türü, C Faaliyet Alanı, D Sermaye (TL),
/// E Belediye Payı (%), F Yıl Sonucu (TL), G Açıklama.
#[derive(Debug, Clone)]
pub struct AffiliateSpec {
    pub name: Cell,
    pub kind: Cell,
    pub field: Cell,
    pub capital: Cell,
    pub share: Cell,
    pub result: Cell,
    pub note: Cell,
}

/// A row of the `Transferler` sheet: A Yıl, B Alıcı Kurum, C Tutar (TL), D Açıklama.
#[derive(Debug, Clone)]
pub struct TransferSpec {
    pub year: Cell,
    pub recipient: Cell,
    pub amount: Cell,
    pub note: Cell,
}

/// The four institution-level sheets of a workbook; `None` leaves a sheet out.
#[derive(Debug, Clone)]
pub struct FinanceSpec {
    pub revenue: Option<Vec<RevenueSpec>>,
    pub debts: Option<Vec<DebtSpec>>,
    pub affiliates: Option<Vec<AffiliateSpec>>,
    pub transfers: Option<Vec<TransferSpec>>,
}

pub const REVENUE_HEADER: [&str; 5] = [
    "Yıl",
    "Ekonomik Kod",
    "Bütçe Tahmini",
    "Tahsilat",
    "Açıklama",
];
pub const DEBT_HEADER: [&str; 5] = [
    "Borç Kalemi",
    "Vade",
    "Yıl Başı (TL)",
    "Yıl Sonu (TL)",
    "Açıklama",
];
pub const AFFILIATE_HEADER: [&str; 7] = [
    "Adı",
    "Türü",
    "Faaliyet Alanı",
    "Sermaye (TL)",
    "Belediye Payı (%)",
    "Yıl Sonucu (TL)",
    "Açıklama",
];
pub const TRANSFER_HEADER: [&str; 4] = ["Yıl", "Alıcı Kurum", "Tutar (TL)", "Açıklama"];

impl FinanceSpec {
    /// Complete and clean: 2025 revenue for 01, 03 and 09 collected at 90 % or more, two
    /// debts (İller Bankası, SGK), a company and a union, a transfer to the union in 2025
    /// and 2026 (20.000 and 25.000 TL).
    pub fn valid() -> FinanceSpec {
        let revenue = |code: &str, estimate: f64, collected: f64| RevenueSpec {
            year: 2025,
            code: text(code),
            estimate: num(estimate),
            collected: num(collected),
            explanation: None,
        };
        let debt = |item: &str, term: &str, start: f64, end: f64| DebtSpec {
            item: text(item),
            term: text(term),
            start: num(start),
            end: num(end),
            note: None,
        };
        let transfer = |year: f64, amount: f64| TransferSpec {
            year: num(year),
            recipient: text("Deneme Belediyeler Birliği"),
            amount: num(amount),
            note: text("5355 sayılı Kanun"),
        };
        FinanceSpec {
            revenue: Some(vec![
                revenue("01", 1_000_000.0, 950_000.0),
                revenue("03", 200_000.0, 190_000.0),
                revenue("09", 10_000.0, 9_000.0),
            ]),
            debts: Some(vec![
                debt("İller Bankası", "Uzun Vadeli", 500_000.0, 450_000.0),
                debt("SGK Prim Borçları", "Kısa Vadeli", 50_000.0, 40_000.0),
            ]),
            affiliates: Some(vec![
                AffiliateSpec {
                    name: text("Deneme Belediyesi İnşaat A.Ş."),
                    kind: text("Şirket"),
                    field: text("Yapım işleri"),
                    capital: num(1_000_000.0),
                    share: num(100.0),
                    result: num(-25_000.0),
                    note: None,
                },
                AffiliateSpec {
                    name: text("Deneme Belediyeler Birliği"),
                    kind: text("Birlik"),
                    field: text("Hizmet birliği"),
                    capital: None,
                    share: None,
                    result: None,
                    note: None,
                },
            ]),
            transfers: Some(vec![transfer(2025.0, 20_000.0), transfer(2026.0, 25_000.0)]),
        }
    }

    /// The sheets, in the order Gelirler, Borçlar, İştirakler, Transferler (those present).
    pub fn sheets(&self) -> Vec<SheetSpec> {
        let mut out = Vec::new();
        let mut sheet = |name: &str, header: &[&str], rows: Vec<Vec<&Cell>>| {
            let mut s = SheetSpec::new(name);
            s.row(0, header.iter().map(|h| text(h)));
            for (i, cells) in rows.iter().enumerate() {
                for (col, c) in cells.iter().enumerate() {
                    put(&mut s, i as u32 + 1, col as u32, c);
                }
            }
            out.push(s);
        };
        if let Some(rows) = &self.revenue {
            let years: Vec<Cell> = rows.iter().map(|r| num(r.year as f64)).collect();
            sheet(
                "Gelirler",
                &REVENUE_HEADER,
                rows.iter()
                    .zip(&years)
                    .map(|(r, y)| vec![y, &r.code, &r.estimate, &r.collected, &r.explanation])
                    .collect(),
            );
        }
        if let Some(rows) = &self.debts {
            sheet(
                "Borçlar",
                &DEBT_HEADER,
                rows.iter()
                    .map(|r| vec![&r.item, &r.term, &r.start, &r.end, &r.note])
                    .collect(),
            );
        }
        if let Some(rows) = &self.affiliates {
            sheet(
                "İştirakler",
                &AFFILIATE_HEADER,
                rows.iter()
                    .map(|r| {
                        vec![
                            &r.name, &r.kind, &r.field, &r.capital, &r.share, &r.result, &r.note,
                        ]
                    })
                    .collect(),
            );
        }
        if let Some(rows) = &self.transfers {
            sheet(
                "Transferler",
                &TRANSFER_HEADER,
                rows.iter()
                    .map(|r| vec![&r.year, &r.recipient, &r.amount, &r.note])
                    .collect(),
            );
        }
        out
    }
}

/// One directorate's workbook.
#[derive(Debug, Clone)]
pub struct BookSpec {
    /// File name inside `birimler/`: `fen-isleri.xlsx`.
    pub file: String,
    /// Birim Adı.
    pub directorate: String,
    pub indicators: Vec<IndicatorSpec>,
    pub actuals: Vec<ActualSpec>,
    pub activities: Vec<ActivitySpec>,
    pub budget: Vec<BudgetSpec>,
    /// False leaves the Sapma Nedeni column out of Gerçekleşmeler.
    pub reason_column: bool,
    /// The institution-level sheets, written after Bütçe.
    pub finance: Option<FinanceSpec>,
}

/// What plan.yaml says a hedef costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cost {
    /// The sum of its activities' Bütçe + Bütçe Dışı (B004 stays quiet).
    FromActivities,
    Value(f64),
    Absent,
}

#[derive(Debug, Clone)]
pub struct HedefSpec {
    pub code: String,
    pub name: String,
    pub responsible: String,
    pub cost: Cost,
}

/// A whole project described in rows, written into a [`TestProject`] by [`ProjectSpec::check`].
#[derive(Debug, Clone)]
pub struct ProjectSpec {
    pub institution: String,
    pub directorates: Vec<String>,
    pub hedefler: Vec<HedefSpec>,
    pub books: Vec<BookSpec>,
    /// YAML appended to kurum.yaml, e.g. `kurallar: {seviye: {G008: hata}}`.
    pub kurum_extra: String,
    /// Other files of the project folder: (path relative to it, text), e.g. a decision in
    /// `degisiklikler/`.
    pub extra_files: Vec<(String, String)>,
}

/// The path of a book as findings name it.
pub fn rel(file: &str) -> String {
    format!("birimler/{file}")
}

/// A valid book for hedef `H1.k`: two indicators (PG1.k.1 Sayı Artış 60 %, PG1.k.2 Yüzde Azalış
/// 40 %), their 2025 realisations on target, one activity for 2025 (done) and 2026, and the
/// 03 budget line of both years.
pub fn standard_book(file: &str, directorate: &str, k: u32) -> BookSpec {
    let h = format!("H1.{k}");
    let targets = |v: [f64; 5]| v.map(num);
    BookSpec {
        file: file.to_string(),
        directorate: directorate.to_string(),
        indicators: vec![
            IndicatorSpec {
                code: format!("PG1.{k}.1"),
                objective: h.clone(),
                name: "Yenilenen yol uzunluğu".to_string(),
                unit: "km".to_string(),
                direction: "Artış".to_string(),
                weight: num(60.0),
                baseline: num(10.0),
                targets: targets([12.0, 14.0, 16.0, 18.0, 20.0]),
                monitoring: "6 Ay".to_string(),
                reporting: "Yıllık".to_string(),
            },
            IndicatorSpec {
                code: format!("PG1.{k}.2"),
                objective: h.clone(),
                name: "Şikâyet oranı".to_string(),
                unit: "Yüzde".to_string(),
                direction: "Azalış".to_string(),
                weight: num(40.0),
                baseline: num(50.0),
                targets: targets([45.0, 40.0, 35.0, 30.0, 25.0]),
                monitoring: "Yıllık".to_string(),
                reporting: "Yıllık".to_string(),
            },
        ],
        actuals: vec![
            ActualSpec {
                code: format!("PG1.{k}.1"),
                year: 2025,
                period: "1. İzleme".to_string(),
                value: num(11.0),
                reason: None,
            },
            ActualSpec {
                code: format!("PG1.{k}.1"),
                year: 2025,
                period: "Yıl Sonu".to_string(),
                value: num(12.0),
                reason: None,
            },
            ActualSpec {
                code: format!("PG1.{k}.2"),
                year: 2025,
                period: "Yıl Sonu".to_string(),
                value: num(45.0),
                reason: None,
            },
        ],
        activities: vec![
            ActivitySpec {
                code: format!("F1.{k}.1"),
                objective: h.clone(),
                name: "Yol yenileme çalışmaları".to_string(),
                kind: "Faaliyet".to_string(),
                year: 2025,
                budget: num(100_000.0),
                off_budget: num(0.0),
                spent: num(90_000.0),
                status: text("Tamamlandı"),
            },
            ActivitySpec {
                code: format!("F1.{k}.1"),
                objective: h,
                name: "Yol yenileme çalışmaları".to_string(),
                kind: "Faaliyet".to_string(),
                year: 2026,
                budget: num(120_000.0),
                off_budget: num(10_000.0),
                spent: None,
                status: None,
            },
        ],
        budget: vec![
            BudgetSpec {
                year: 2025,
                economic_code: "03".to_string(),
                initial: num(200_000.0),
                total: num(200_000.0),
                spent: num(150_000.0),
                explanation: text("İhale ertesi yıla kaldı."),
            },
            BudgetSpec {
                year: 2026,
                economic_code: "03".to_string(),
                initial: num(250_000.0),
                total: None,
                spent: None,
                explanation: None,
            },
        ],
        reason_column: true,
        finance: None,
    }
}

impl ProjectSpec {
    /// Two directorates, each responsible for one hedef of amaç A1: Fen İşleri (H1.1,
    /// `fen-isleri.xlsx`) and Zabıta (H1.2, `zabita.xlsx`), and the example's narrative chapters
    /// in `metinler/`. No hata, no uyarı.
    pub fn valid() -> ProjectSpec {
        let mut p = ProjectSpec {
            institution: "Deneme Belediyesi".to_string(),
            directorates: Vec::new(),
            hedefler: Vec::new(),
            books: Vec::new(),
            kurum_extra: String::new(),
            extra_files: Vec::new(),
        };
        p.add_directorate(FEN, "fen-isleri.xlsx");
        p.add_directorate(ZABITA, "zabita.xlsx").finance = Some(FinanceSpec::valid());
        p.extra_files = narratives();
        p
    }

    /// The institution-level sheets (in zabita.xlsx unless a test moves them).
    pub fn finance(&mut self) -> &mut FinanceSpec {
        self.books
            .iter_mut()
            .find_map(|b| b.finance.as_mut())
            .expect("a book with the institution-level sheets")
    }

    /// Adds a directorate with its own hedef H1.k and a standard book.
    pub fn add_directorate(&mut self, name: &str, file: &str) -> &mut BookSpec {
        let k = self.hedefler.len() as u32 + 1;
        self.directorates.push(name.to_string());
        self.hedefler.push(HedefSpec {
            code: format!("H1.{k}"),
            name: format!("Hedef {k}: hizmet kalitesini artırmak"),
            responsible: name.to_string(),
            cost: Cost::FromActivities,
        });
        self.books.push(standard_book(file, name, k));
        self.books.last_mut().expect("just pushed")
    }

    pub fn book(&mut self, file: &str) -> &mut BookSpec {
        self.books
            .iter_mut()
            .find(|b| b.file == file)
            .unwrap_or_else(|| panic!("no book {file}"))
    }

    pub fn hedef(&mut self, code: &str) -> &mut HedefSpec {
        self.hedefler
            .iter_mut()
            .find(|h| h.code == code)
            .unwrap_or_else(|| panic!("no hedef {code}"))
    }

    fn kurum_yaml(&self) -> String {
        let mut s = format!(
            "kurum:\n  ad: \"{}\"\n  baskan: Ad Soyad\n  mali_hizmetler_muduru: Ad Soyad\nplan_donemi: {{baslangic: 2025, bitis: 2029}}\nyil: 2025\nbirimler:\n",
            self.institution
        );
        for d in &self.directorates {
            s.push_str(&format!("  - ad: \"{d}\"\n"));
        }
        s.push_str(&self.kurum_extra);
        s.push('\n');
        s
    }

    fn cost_of(&self, h: &HedefSpec) -> Option<f64> {
        match h.cost {
            Cost::Absent => None,
            Cost::Value(v) => Some(v),
            Cost::FromActivities => Some(
                self.books
                    .iter()
                    .flat_map(|b| &b.activities)
                    .filter(|a| a.objective == h.code)
                    .map(|a| number(&a.budget) + number(&a.off_budget))
                    .sum(),
            ),
        }
    }

    fn plan_yaml(&self) -> String {
        let mut s = String::from(
            "misyon: \"Hizmeti halkla birlikte üretmek.\"\nvizyon: \"Yaşanabilir bir şehir.\"\ntemel_degerler: [\"Şeffaflık\", \"Katılımcılık\"]\namaclar:\n  - kod: A1\n    ad: \"Altyapıyı güçlendirmek\"\n    hedefler:\n",
        );
        for h in &self.hedefler {
            s.push_str(&format!(
                "      - kod: {}\n        ad: \"{}\"\n        sorumlu_birim: \"{}\"\n",
                h.code, h.name, h.responsible
            ));
            if let Some(c) = self.cost_of(h) {
                s.push_str(&format!("        maliyet_tahmini: {c}\n"));
            }
        }
        s
    }

    /// Writes kurum.yaml, plan.yaml, `birimler/*.xlsx` and the extra files into `p`.
    pub fn write(&self, p: &TestProject) {
        std::fs::create_dir_all(p.path("birimler")).expect("mkdir birimler");
        p.write_bytes("kurum.yaml", self.kurum_yaml().as_bytes());
        p.write_bytes("plan.yaml", self.plan_yaml().as_bytes());
        for b in &self.books {
            p.write(&rel(&b.file), &b.spec());
        }
        for (path, text) in &self.extra_files {
            p.write_bytes(path, text.as_bytes());
        }
    }

    /// Writes the project into a new temporary folder and checks it.
    pub fn check(&self) -> Run {
        let project = TestProject::folder("spec");
        self.write(&project);
        let checked = project.check();
        Run { project, checked }
    }
}

fn number(c: &Cell) -> f64 {
    match c {
        Some(CellValue::Number(n)) => *n,
        _ => 0.0,
    }
}

fn put(sheet: &mut SheetSpec, row: u32, col: u32, cell: &Cell) {
    if let Some(v) = cell {
        sheet.set(row, col, v.clone());
    }
}

impl BookSpec {
    /// The workbook as sheets.
    pub fn spec(&self) -> WorkbookSpec {
        let mut birim = SheetSpec::new("Birim");
        birim
            .set(0, 0, "Birim Adı")
            .set(0, 1, self.directorate.as_str());

        // The columns of the fixed workbooks up to Raporlama Sıklığı.
        let mut ind = SheetSpec::new("Göstergeler");
        ind.row(0, INDICATOR_HEADER[..14].iter().map(|h| text(h)));
        for (i, r) in self.indicators.iter().enumerate() {
            let row = i as u32 + 1;
            for (col, v) in [&r.code, &r.objective, &r.name, &r.unit, &r.direction]
                .into_iter()
                .enumerate()
            {
                ind.set(row, col as u32, v.as_str());
            }
            put(&mut ind, row, 5, &r.weight);
            put(&mut ind, row, 6, &r.baseline);
            for (j, t) in r.targets.iter().enumerate() {
                put(&mut ind, row, 7 + j as u32, t);
            }
            ind.set(row, 12, r.monitoring.as_str());
            ind.set(row, 13, r.reporting.as_str());
        }

        let mut act = SheetSpec::new("Gerçekleşmeler");
        let header = ACTUAL_HEADER
            .iter()
            .filter(|h| self.reason_column || **h != "Sapma Nedeni");
        act.row(0, header.map(|h| text(h)));
        for (i, r) in self.actuals.iter().enumerate() {
            let row = i as u32 + 1;
            act.set(row, 0, r.code.as_str())
                .set(row, 1, r.year)
                .set(row, 2, r.period.as_str());
            put(&mut act, row, 3, &r.value);
            if self.reason_column {
                put(&mut act, row, 4, &r.reason);
                act.set(row, 5, "Birim kayıtları");
            } else {
                act.set(row, 4, "Birim kayıtları");
            }
        }

        let mut fa = SheetSpec::new("Faaliyetler");
        // The columns of the fixed workbooks up to Durum.
        fa.row(0, ACTIVITY_HEADER[..9].iter().map(|h| text(h)));
        for (i, r) in self.activities.iter().enumerate() {
            let row = i as u32 + 1;
            fa.set(row, 0, r.code.as_str())
                .set(row, 1, r.objective.as_str())
                .set(row, 2, r.name.as_str())
                .set(row, 3, r.kind.as_str())
                .set(row, 4, r.year);
            put(&mut fa, row, 5, &r.budget);
            put(&mut fa, row, 6, &r.off_budget);
            put(&mut fa, row, 7, &r.spent);
            put(&mut fa, row, 8, &r.status);
        }

        let mut bu = SheetSpec::new("Bütçe");
        bu.row(
            0,
            BUDGET_HEADER.iter().chain(&["Açıklama"]).map(|h| text(h)),
        );
        for (i, r) in self.budget.iter().enumerate() {
            let row = i as u32 + 1;
            bu.set(row, 0, r.year).set(row, 1, r.economic_code.as_str());
            put(&mut bu, row, 2, &r.initial);
            put(&mut bu, row, 3, &r.total);
            put(&mut bu, row, 4, &r.spent);
            put(&mut bu, row, 5, &r.explanation);
        }

        let mut sheets = vec![birim, ind, act, fa, bu];
        if let Some(finance) = &self.finance {
            sheets.extend(finance.sheets());
        }
        WorkbookSpec { sheets }
    }

    pub fn indicator(&mut self, code: &str) -> &mut IndicatorSpec {
        self.indicators
            .iter_mut()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("no indicator {code}"))
    }

    pub fn actual(&mut self, code: &str, period: &str) -> &mut ActualSpec {
        self.actuals
            .iter_mut()
            .find(|r| r.code == code && r.period == period)
            .unwrap_or_else(|| panic!("no actual {code} {period}"))
    }

    pub fn remove_actual(&mut self, code: &str, period: &str) {
        let before = self.actuals.len();
        self.actuals
            .retain(|r| !(r.code == code && r.period == period));
        assert_eq!(self.actuals.len() + 1, before, "removed {code} {period}");
    }

    pub fn activity(&mut self, code: &str, year: i32) -> &mut ActivitySpec {
        self.activities
            .iter_mut()
            .find(|r| r.code == code && r.year == year)
            .unwrap_or_else(|| panic!("no activity {code} {year}"))
    }

    pub fn budget_line(&mut self, year: i32, economic_code: &str) -> &mut BudgetSpec {
        self.budget
            .iter_mut()
            .find(|r| r.year == year && r.economic_code == economic_code)
            .unwrap_or_else(|| panic!("no budget line {year} {economic_code}"))
    }
}

/// A checked [`ProjectSpec`]; its folder lives as long as this.
pub struct Run {
    pub project: TestProject,
    pub checked: Checked,
}

impl Run {
    pub fn findings(&self) -> &[Finding] {
        &self.checked.report.findings
    }

    /// The findings of a code given as text (`"G001"`).
    pub fn with_code(&self, code: &str) -> Vec<&Finding> {
        findings(&self.checked, parse_code(code))
    }

    /// The only finding of a code given as text; fails listing every finding otherwise.
    pub fn one(&self, code: &str) -> &Finding {
        one(&self.checked, parse_code(code))
    }

    /// Every finding, one a line, for failure messages.
    pub fn listing(&self) -> String {
        listing(&self.checked)
    }
}

fn parse_code(code: &str) -> Code {
    Code::parse(code).unwrap_or_else(|| panic!("unknown code {code}"))
}

/// The kitap binary built for this test run.
pub fn kitap_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_kitap"))
}

// ---------------------------------------------------------------------------------------
// Reading the books back

/// pdf-extract reads the hyphen glyph as U+00AD, sometimes followed by a line break: it becomes
/// '-' again. Every run of whitespace becomes one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c == '\u{ad}' {
            // The hyphen glyph, whitespace after it dropped: titles are never hyphenated, data
            // cells only where a word is wider than its column, so it is the '-' that was
            // written (or such a break: the 300-letter word below).
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            out.push('-');
            space = false;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// `kitap derle --kitap <books>` of `dir` into `out` through `pipeline::build` (workbooks read
/// in-process); panics unless every book asked for was written.
pub fn build_books(dir: &Path, out: &Path, books: &[kitap::books::Book]) -> kitap::pipeline::Build {
    let options = kitap::pipeline::BuildOptions {
        check: kitap::pipeline::Options {
            books: books.to_vec(),
            ..kitap::pipeline::Options::default()
        },
        out_dir: Some(out.to_path_buf()),
        ..kitap::pipeline::BuildOptions::default()
    };
    let mut publisher = kitap::publish::Publisher::new(dir);
    let build = kitap::pipeline::build(
        dir,
        &options,
        &kitap::ingest::InProcessReader,
        &mut publisher,
        &|_| {},
    )
    .expect("the project builds");
    let built = build.built.as_ref().expect("the books are made");
    for outcome in &built.books {
        assert!(
            outcome.written,
            "{} was not written: {:#?}",
            outcome.file, built.findings
        );
    }
    build
}
