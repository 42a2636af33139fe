//! A small test-project builder: a valid project (kurum.yaml, plan.yaml, one workbook per
//! directorate) that a test perturbs to plant one finding, then checks with
//! `kitap::pipeline::check`.
//!
//! Every directorate's workbook has the same layout, so a test can name cells:
//!
//! | sheet | columns | rows |
//! |---|---|---|
//! | Göstergeler | A Gösterge Kodu, B Hedef Kodu, C Gösterge Adı, D Ölçü Birimi, E Göstergenin Yönü, F Hedefe Etkisi (%), G Başlangıç Değeri, H–L 2025–2029, M İzleme Sıklığı, N Raporlama Sıklığı | 2: PG1.k.1, 3: PG1.k.2 |
//! | Gerçekleşmeler | A Gösterge Kodu, B Yıl, C Dönem, D Gerçekleşen Değer, E Sapma Nedeni, F Veri Kaynağı | 2: PG1.k.1 2025 1. İzleme, 3: PG1.k.1 2025 Yıl Sonu, 4: PG1.k.2 2025 Yıl Sonu |
//! | Faaliyetler | A Faaliyet Kodu, B Hedef Kodu, C Faaliyet Adı, D Türü, E Yıl, F Bütçe (TL), G Bütçe Dışı (TL), H Gerçekleşen (TL), I Durum | 2: F1.k.1 2025, 3: F1.k.1 2026 |
//! | Bütçe | A Yıl, B Ekonomik Kod, C Başlangıç Ödeneği, D Toplam Ödenek, E Harcama | 2: 2025 03, 3: 2026 03 |
//!
//! where `k` is the directorate's hedef number (H1.k). Plan period 2025–2029, report year
//! 2025, program year 2026.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kitap::finding::{Code, Finding};
use kitap::pipeline::{self, Checked, Options};
use kitap_dev::sheetwrite::{self, CellValue, SheetSpec, WorkbookSpec};

/// A cell's content; `None` leaves it empty.
pub type Cell = Option<CellValue>;

pub fn num(x: f64) -> Cell {
    Some(CellValue::Number(x))
}

pub fn text(s: &str) -> Cell {
    Some(CellValue::Text(s.to_string()))
}

pub const PLAN_YEARS: [i32; 5] = [2025, 2026, 2027, 2028, 2029];

#[derive(Debug, Clone)]
pub struct IndicatorRow {
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
pub struct ActualRow {
    pub code: String,
    pub year: i32,
    pub period: String,
    pub value: Cell,
    pub reason: Cell,
}

#[derive(Debug, Clone)]
pub struct ActivityRow {
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
pub struct BudgetRow {
    pub year: i32,
    pub economic_code: String,
    pub initial: Cell,
    pub total: Cell,
    pub spent: Cell,
}

/// One directorate's workbook.
#[derive(Debug, Clone)]
pub struct Book {
    /// File name inside `birimler/`: `fen-isleri.xlsx`.
    pub file: String,
    /// Birim Adı.
    pub directorate: String,
    pub indicators: Vec<IndicatorRow>,
    pub actuals: Vec<ActualRow>,
    pub activities: Vec<ActivityRow>,
    pub budget: Vec<BudgetRow>,
    /// False leaves the Sapma Nedeni column out of Gerçekleşmeler.
    pub reason_column: bool,
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
pub struct Hedef {
    pub code: String,
    pub name: String,
    pub responsible: String,
    pub cost: Cost,
}

/// A whole project folder.
#[derive(Debug, Clone)]
pub struct TestProject {
    pub institution: String,
    pub directorates: Vec<String>,
    pub hedefler: Vec<Hedef>,
    pub books: Vec<Book>,
    /// YAML appended to kurum.yaml, e.g. `kurallar: {seviye: {G008: hata}}`.
    pub kurum_extra: String,
    /// Other files of the project folder: (path relative to it, text), e.g. a decision in
    /// `degisiklikler/`.
    pub extra_files: Vec<(String, String)>,
}

pub const FEN: &str = "Fen İşleri Müdürlüğü";
pub const ZABITA: &str = "Zabıta Müdürlüğü";
pub const PARK: &str = "Park ve Bahçeler Müdürlüğü";

/// The path of a book as findings name it.
pub fn rel(file: &str) -> String {
    format!("birimler/{file}")
}

/// A valid book for hedef `H1.k`: two indicators (PG1.k.1 Sayı Artış 60 %, PG1.k.2 Yüzde Azalış
/// 40 %), their 2025 realisations on target, one activity for 2025 (done) and 2026, and the
/// 03 budget line of both years.
pub fn standard_book(file: &str, directorate: &str, k: u32) -> Book {
    let h = format!("H1.{k}");
    let targets = |v: [f64; 5]| v.map(num);
    Book {
        file: file.to_string(),
        directorate: directorate.to_string(),
        indicators: vec![
            IndicatorRow {
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
            IndicatorRow {
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
            ActualRow {
                code: format!("PG1.{k}.1"),
                year: 2025,
                period: "1. İzleme".to_string(),
                value: num(11.0),
                reason: None,
            },
            ActualRow {
                code: format!("PG1.{k}.1"),
                year: 2025,
                period: "Yıl Sonu".to_string(),
                value: num(12.0),
                reason: None,
            },
            ActualRow {
                code: format!("PG1.{k}.2"),
                year: 2025,
                period: "Yıl Sonu".to_string(),
                value: num(45.0),
                reason: None,
            },
        ],
        activities: vec![
            ActivityRow {
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
            ActivityRow {
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
            BudgetRow {
                year: 2025,
                economic_code: "03".to_string(),
                initial: num(200_000.0),
                total: num(200_000.0),
                spent: num(150_000.0),
            },
            BudgetRow {
                year: 2026,
                economic_code: "03".to_string(),
                initial: num(250_000.0),
                total: None,
                spent: None,
            },
        ],
        reason_column: true,
    }
}

impl TestProject {
    /// Two directorates, each responsible for one hedef of amaç A1: Fen İşleri (H1.1,
    /// `fen-isleri.xlsx`) and Zabıta (H1.2, `zabita.xlsx`), and the example's narrative chapters
    /// in `metinler/`. No hata, no uyarı.
    pub fn valid() -> TestProject {
        let mut p = TestProject {
            institution: "Deneme Belediyesi".to_string(),
            directorates: Vec::new(),
            hedefler: Vec::new(),
            books: Vec::new(),
            kurum_extra: String::new(),
            extra_files: Vec::new(),
        };
        p.add_directorate(FEN, "fen-isleri.xlsx");
        p.add_directorate(ZABITA, "zabita.xlsx");
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ornek-belediye");
        p.extra_files = kitap::books::Book::ALL
            .iter()
            .flat_map(|b| b.narratives())
            .map(|name| {
                let path = format!("metinler/{name}.typ");
                let text = std::fs::read_to_string(example.join(&path)).expect("a chapter");
                (path, text)
            })
            .collect();
        p
    }

    /// Adds a directorate with its own hedef H1.k and a standard book.
    pub fn add_directorate(&mut self, name: &str, file: &str) -> &mut Book {
        let k = self.hedefler.len() as u32 + 1;
        self.directorates.push(name.to_string());
        self.hedefler.push(Hedef {
            code: format!("H1.{k}"),
            name: format!("Hedef {k}: hizmet kalitesini artırmak"),
            responsible: name.to_string(),
            cost: Cost::FromActivities,
        });
        self.books.push(standard_book(file, name, k));
        self.books.last_mut().expect("just pushed")
    }

    pub fn book(&mut self, file: &str) -> &mut Book {
        self.books
            .iter_mut()
            .find(|b| b.file == file)
            .unwrap_or_else(|| panic!("no book {file}"))
    }

    pub fn hedef(&mut self, code: &str) -> &mut Hedef {
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

    fn cost_of(&self, h: &Hedef) -> Option<f64> {
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

    /// Writes kurum.yaml, plan.yaml and `birimler/*.xlsx` into `dir`.
    pub fn write(&self, dir: &Path) {
        std::fs::create_dir_all(dir.join("birimler")).expect("mkdir birimler");
        std::fs::write(dir.join("kurum.yaml"), self.kurum_yaml()).expect("kurum.yaml");
        std::fs::write(dir.join("plan.yaml"), self.plan_yaml()).expect("plan.yaml");
        for b in &self.books {
            sheetwrite::write(&b.spec(), &dir.join("birimler").join(&b.file)).expect("workbook");
        }
        for (path, text) in &self.extra_files {
            let path = dir.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(path, text).expect("extra file");
        }
    }

    /// Writes the project into a temporary folder and checks it.
    pub fn check(&self) -> Run {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("deneme-belediyesi");
        self.write(&dir);
        let checked = pipeline::check(&dir, &Options::default()).expect("project is usable");
        Run {
            _tmp: tmp,
            dir,
            checked,
        }
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

impl Book {
    /// The workbook as sheets.
    pub fn spec(&self) -> WorkbookSpec {
        let mut birim = SheetSpec::new("Birim");
        birim
            .set(0, 0, "Birim Adı")
            .set(0, 1, self.directorate.as_str());

        let mut ind = SheetSpec::new("Göstergeler");
        let mut header: Vec<String> = [
            "Gösterge Kodu",
            "Hedef Kodu",
            "Gösterge Adı",
            "Ölçü Birimi",
            "Göstergenin Yönü",
            "Hedefe Etkisi (%)",
            "Başlangıç Değeri",
        ]
        .map(String::from)
        .to_vec();
        header.extend(PLAN_YEARS.iter().map(|y| y.to_string()));
        header.extend(["İzleme Sıklığı", "Raporlama Sıklığı"].map(String::from));
        ind.row(0, header.into_iter().map(Some));
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
        let header: Vec<&str> = if self.reason_column {
            vec![
                "Gösterge Kodu",
                "Yıl",
                "Dönem",
                "Gerçekleşen Değer",
                "Sapma Nedeni",
                "Veri Kaynağı",
            ]
        } else {
            vec![
                "Gösterge Kodu",
                "Yıl",
                "Dönem",
                "Gerçekleşen Değer",
                "Veri Kaynağı",
            ]
        };
        act.row(0, header.into_iter().map(Some));
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
        fa.row(
            0,
            [
                "Faaliyet Kodu",
                "Hedef Kodu",
                "Faaliyet Adı",
                "Türü",
                "Yıl",
                "Bütçe (TL)",
                "Bütçe Dışı (TL)",
                "Gerçekleşen (TL)",
                "Durum",
            ]
            .map(Some),
        );
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
            [
                "Yıl",
                "Ekonomik Kod",
                "Başlangıç Ödeneği",
                "Toplam Ödenek",
                "Harcama",
            ]
            .map(Some),
        );
        for (i, r) in self.budget.iter().enumerate() {
            let row = i as u32 + 1;
            bu.set(row, 0, r.year).set(row, 1, r.economic_code.as_str());
            put(&mut bu, row, 2, &r.initial);
            put(&mut bu, row, 3, &r.total);
            put(&mut bu, row, 4, &r.spent);
        }

        WorkbookSpec {
            sheets: vec![birim, ind, act, fa, bu],
        }
    }

    pub fn indicator(&mut self, code: &str) -> &mut IndicatorRow {
        self.indicators
            .iter_mut()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("no indicator {code}"))
    }

    pub fn actual(&mut self, code: &str, period: &str) -> &mut ActualRow {
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

    pub fn activity(&mut self, code: &str, year: i32) -> &mut ActivityRow {
        self.activities
            .iter_mut()
            .find(|r| r.code == code && r.year == year)
            .unwrap_or_else(|| panic!("no activity {code} {year}"))
    }

    pub fn budget_line(&mut self, year: i32, economic_code: &str) -> &mut BudgetRow {
        self.budget
            .iter_mut()
            .find(|r| r.year == year && r.economic_code == economic_code)
            .unwrap_or_else(|| panic!("no budget line {year} {economic_code}"))
    }
}

/// A checked project; the temporary folder lives as long as this.
pub struct Run {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub checked: Checked,
}

impl Run {
    pub fn findings(&self) -> &[Finding] {
        &self.checked.report.findings
    }

    pub fn with_code(&self, code: &str) -> Vec<&Finding> {
        let code = Code::parse(code).unwrap_or_else(|| panic!("unknown code {code}"));
        self.findings().iter().filter(|f| f.code == code).collect()
    }

    /// The only finding of a code; fails listing every finding otherwise.
    pub fn one(&self, code: &str) -> &Finding {
        let found = self.with_code(code);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one {code}, found:\n{}",
            self.listing()
        );
        found[0]
    }

    /// Every finding, one a line, for failure messages.
    pub fn listing(&self) -> String {
        self.findings()
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
}
