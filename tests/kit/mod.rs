//! Test projects made on the fly: a temporary project folder with kurum.yaml, plan.yaml and
//! directorate workbooks written with `kitap_dev::sheetwrite`, which a test then perturbs to plant
//! one problem.
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
    /// kurum.yaml and plan.yaml only; no workbooks.
    pub fn empty(tag: &str) -> TestProject {
        let dir = unique_dir(tag);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("birimler")).expect("create project");
        std::fs::write(dir.join("kurum.yaml"), KURUM).expect("kurum.yaml");
        std::fs::write(dir.join("plan.yaml"), PLAN).expect("plan.yaml");
        TestProject { dir }
    }

    /// Three directorates, each with a complete, valid workbook, and the example's narrative
    /// chapters in `metinler/`: no hata, no uyarı.
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
    kitap::books::Book::ALL
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

/// The findings of one code.
pub fn findings<'a>(checked: &'a Checked, code: Code) -> Vec<&'a Finding> {
    checked
        .report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .collect()
}

/// Exactly one finding of the code; panics with the whole list otherwise.
pub fn one<'a>(checked: &'a Checked, code: Code) -> &'a Finding {
    let found = findings(checked, code);
    assert_eq!(
        found.len(),
        1,
        "expected one {code}, got: {:#?}",
        checked.report.findings
    );
    found[0]
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
            + m.budget.iter().filter(|b| from(&b.code_cell)).count();
        assert_eq!(in_model, f.rows_in_model, "model rows of {}", f.file);
    }
}

fn t(s: &str) -> Option<CellValue> {
    Some(CellValue::Text(s.to_string()))
}
fn n(v: f64) -> Option<CellValue> {
    Some(CellValue::Number(v))
}

pub const INDICATOR_HEADER: [&str; 16] = [
    "Gösterge Kodu",
    "Hedef Kodu",
    "Gösterge Adı",
    "Ölçü Birimi",
    "Göstergenin Yönü",
    "Hedefe Etkisi (%)",
    "Başlangıç Değeri",
    "2025",
    "2026",
    "2027",
    "2028",
    "2029",
    "İzleme Sıklığı",
    "Raporlama Sıklığı",
    "İşbirliği Yapılacak Birimler",
    "Açıklama",
];

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
    s.row(0, [t("Birim Adı"), t(name)]);
    s.row(1, [t("Harcama Yetkilisi"), t("Ali Veli")]);
    s.row(2, [t("Unvan"), t("Müdür")]);
    s
}

pub fn indicator_sheet(rows: &[IndicatorRow]) -> SheetSpec {
    let mut s = SheetSpec::new("Göstergeler");
    s.row(0, INDICATOR_HEADER.iter().map(|h| t(h)));
    for (i, r) in rows.iter().enumerate() {
        let mut cells = vec![
            t(r.code),
            t(r.objective),
            t(r.name),
            t(r.unit),
            t(r.direction),
            n(r.weight),
            n(r.baseline),
        ];
        cells.extend(r.targets.iter().map(|v| n(*v)));
        cells.extend([t(r.monitoring), t("Yıllık"), None, None]);
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
    s.row(0, ACTUAL_HEADER.iter().map(|h| t(h)));
    for (i, (code, year, period, value, reason)) in rows.iter().enumerate() {
        s.row(
            i as u32 + 1,
            [
                t(code),
                n(*year),
                t(period),
                n(*value),
                if reason.is_empty() { None } else { t(reason) },
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

/// (code, objective, name, year, budget, spent, status)
pub fn activity_sheet(rows: &[(&str, &str, &str, f64, f64, Option<f64>, &str)]) -> SheetSpec {
    let mut s = SheetSpec::new("Faaliyetler");
    s.row(0, ACTIVITY_HEADER.iter().map(|h| t(h)));
    for (i, (code, objective, name, year, budget, spent, status)) in rows.iter().enumerate() {
        s.row(
            i as u32 + 1,
            [
                t(code),
                t(objective),
                t(name),
                t("Faaliyet"),
                n(*year),
                n(*budget),
                n(0.0),
                spent.map(CellValue::Number),
                if status.is_empty() { None } else { t(status) },
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
    s.row(0, BUDGET_HEADER.iter().map(|h| t(h)));
    for (i, (year, code, initial, total, spent)) in rows.iter().enumerate() {
        s.row(
            i as u32 + 1,
            [
                n(*year),
                t(code),
                n(*initial),
                n(*total),
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
        ],
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

/// The kitap binary built for this test run.
pub fn kitap_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_kitap"))
}
