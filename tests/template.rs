//! `kitap sablon`: the templates a directorate fills in. A person is simulated: templates are
//! read back with calamine, only open (unlocked) cells are typed into — numbers sometimes as
//! Turkish text like "1.234,5" — unused suggested rows are cleared, and the filled copy is
//! dropped into a fresh project, which must read without a Y, D or M problem and give the same
//! model as the project the data came from, the institution-level sheets included.

mod kit;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook_auto, Data, Reader};
use kit::*;
use kitap::config::Project;
use kitap::finding::Severity;
use kitap::ingest::InProcessReader;
use kitap::model::{Model, Period};
use kitap::pipeline::{self, Checked, Options};
use kitap::template::{self, Written, GUIDE_SHEET};
use kitap_dev::sheetwrite::{self, CellValue, SheetSpec, WorkbookSpec};

const DATA_SHEETS: [&str; 5] = [
    "Birim",
    "Göstergeler",
    "Gerçekleşmeler",
    "Faaliyetler",
    "Bütçe",
];

fn temp_dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("kitap-sablon-{tag}-"))
        .tempdir()
        .expect("temp dir")
}

/// Writes the templates of a project folder into `out`.
fn templates_of(project_dir: &Path, out: &Path) -> Vec<Written> {
    let project = Project::load(project_dir).expect("project loads");
    let known = template::known_model(&project, &InProcessReader);
    template::write_templates(&project, &known, out, |_| {}).expect("templates written")
}

/// The model the workbooks of a project give before amendments: what a person types.
fn source_model(project_dir: &Path) -> Model {
    let project = Project::load(project_dir).expect("project loads");
    template::known_model(&project, &InProcessReader)
}

// ---------------------------------------------------------------------------------------
// Reading a template back: cells with calamine, cell protection from the XML.

/// Which cells are locked: styles of cells and columns, and which styles lock.
struct Locks {
    /// Per cellXfs index: locked?
    xf_locked: Vec<bool>,
    /// Per sheet name: explicit cell styles and column styles.
    cells: HashMap<String, HashMap<(u32, u32), usize>>,
    columns: HashMap<String, Vec<(u32, u32, usize)>>,
    /// Raw sheet XML by sheet name.
    xml: HashMap<String, String>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn a1_to_pos(r: &str) -> (u32, u32) {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits: String = r.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
    let mut col = 0u32;
    for c in letters.chars() {
        col = col * 26 + (c as u32 - 'A' as u32 + 1);
    }
    (digits.parse::<u32>().expect("row") - 1, col - 1)
}

fn zip_text(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("xlsx is a zip");
    let mut part = zip.by_name(name).expect("part exists");
    let mut s = String::new();
    part.read_to_string(&mut s).expect("utf-8 part");
    s
}

fn sheet_names_in_order(path: &Path) -> Vec<String> {
    let wb = zip_text(path, "xl/workbook.xml");
    wb.split("<sheet ")
        .skip(1)
        .map(|t| {
            attr(&format!(" {t}"), "name")
                .expect("sheet name")
                .replace("&amp;", "&")
        })
        .collect()
}

fn read_locks(path: &Path) -> Locks {
    let styles = zip_text(path, "xl/styles.xml");
    let xfs_start = styles.find("<cellXfs").expect("cellXfs");
    let xfs_end = styles.find("</cellXfs>").expect("cellXfs end");
    let xf_locked = styles[xfs_start..xfs_end]
        .split("<xf ")
        .skip(1)
        .map(|xf| {
            let body = xf.split("</xf>").next().unwrap_or(xf);
            !body.contains("locked=\"0\"")
        })
        .collect();
    let mut cells = HashMap::new();
    let mut columns = HashMap::new();
    let mut xml = HashMap::new();
    for (i, name) in sheet_names_in_order(path).into_iter().enumerate() {
        let text = zip_text(path, &format!("xl/worksheets/sheet{}.xml", i + 1));
        let mut c_styles = HashMap::new();
        for c in text.split("<c ").skip(1) {
            let tag = format!(" {}", c.split('>').next().unwrap_or(""));
            let r = attr(&tag, "r").expect("cell ref");
            let s = attr(&tag, "s")
                .map(|s| s.parse().expect("style"))
                .unwrap_or(0);
            c_styles.insert(a1_to_pos(r), s);
        }
        let mut col_styles = Vec::new();
        for c in text.split("<col ").skip(1) {
            let tag = format!(" {}", c.split('>').next().unwrap_or(""));
            let min: u32 = attr(&tag, "min").expect("min").parse().expect("min");
            let max: u32 = attr(&tag, "max").expect("max").parse().expect("max");
            let s = attr(&tag, "style")
                .map(|s| s.parse().expect("style"))
                .unwrap_or(0);
            col_styles.push((min - 1, max - 1, s));
        }
        cells.insert(name.clone(), c_styles);
        columns.insert(name.clone(), col_styles);
        xml.insert(name, text);
    }
    Locks {
        xf_locked,
        cells,
        columns,
        xml,
    }
}

impl Locks {
    fn locked(&self, sheet: &str, row: u32, col: u32) -> bool {
        let style = self
            .cells
            .get(sheet)
            .and_then(|c| c.get(&(row, col)).copied())
            .or_else(|| {
                self.columns.get(sheet).and_then(|cols| {
                    cols.iter()
                        .find(|(min, max, _)| (*min..=*max).contains(&col))
                        .map(|(_, _, s)| *s)
                })
            })
            .unwrap_or(0);
        self.xf_locked.get(style).copied().unwrap_or(true)
    }
}

/// A sheet's cells by (row, column), 0-based.
type Cells = BTreeMap<(u32, u32), CellValue>;

/// A template as a person sees it: cells, locks, and what they typed.
struct Sheetbook {
    file: PathBuf,
    sheets: Vec<(String, Cells)>,
    locks: Locks,
    typed_texts: Vec<String>,
    numbers_typed: usize,
}

fn to_cell(d: &Data) -> Option<CellValue> {
    match d {
        Data::Empty => None,
        Data::String(s) => Some(CellValue::Text(s.clone())),
        Data::Float(f) => Some(CellValue::Number(*f)),
        Data::Int(i) => Some(CellValue::Number(*i as f64)),
        Data::Bool(b) => Some(CellValue::Bool(*b)),
        other => panic!("unexpected cell in a template: {other:?}"),
    }
}

fn open_template(path: &Path) -> Sheetbook {
    let mut wb = open_workbook_auto(path).expect("calamine opens the template");
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = BTreeMap::new();
        for (r, c, d) in range.used_cells() {
            if let Some(v) = to_cell(d) {
                cells.insert((r0 + r as u32, c0 + c as u32), v);
            }
        }
        sheets.push((name, cells));
    }
    Sheetbook {
        file: path.to_path_buf(),
        sheets,
        locks: read_locks(path),
        typed_texts: Vec::new(),
        numbers_typed: 0,
    }
}

/// A value as the source model has it.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    T(String),
    N(f64),
    Empty,
}

fn t(s: &str) -> Val {
    if s.trim().is_empty() {
        Val::Empty
    } else {
        Val::T(s.to_string())
    }
}
fn ot(s: Option<&str>) -> Val {
    s.map(t).unwrap_or(Val::Empty)
}
fn on(n: Option<f64>) -> Val {
    n.map(Val::N).unwrap_or(Val::Empty)
}

/// A number as Turkish text: `1234.5` → `1.234,5`; whole numbers below a million without
/// grouping (a single dot group would be ambiguous, D006), `1200000` → `1.200.000`.
fn turkish(n: f64) -> String {
    let plain = format!("{}", n.abs());
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (plain.clone(), None),
    };
    let group = frac.is_some() || n.abs() >= 1_000_000.0;
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if group && i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if n < 0.0 { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

impl Sheetbook {
    fn sheet(&self, name: &str) -> &Cells {
        &self
            .sheets
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("sheet {name} in {}", self.file.display()))
            .1
    }

    fn get(&self, sheet: &str, row: u32, col: u32) -> Option<&CellValue> {
        self.sheet(sheet).get(&(row, col))
    }

    fn text(&self, sheet: &str, row: u32, col: u32) -> String {
        match self.get(sheet, row, col) {
            Some(CellValue::Text(s)) => s.trim().to_string(),
            Some(CellValue::Number(n)) => format!("{n}"),
            _ => String::new(),
        }
    }

    fn headers(&self, sheet: &str) -> HashMap<String, u32> {
        self.sheet(sheet)
            .iter()
            .filter(|((r, _), _)| *r == 0)
            .filter_map(|((_, c), v)| match v {
                CellValue::Text(s) => Some((s.clone(), *c)),
                _ => None,
            })
            .collect()
    }

    fn has_sheet(&self, name: &str) -> bool {
        self.sheets.iter().any(|(n, _)| n == name)
    }

    fn last_row(&self, sheet: &str) -> u32 {
        self.sheet(sheet).keys().map(|(r, _)| *r).max().unwrap_or(0)
    }

    /// Types `value` into a cell as a person would. A locked cell cannot be typed into: there
    /// the template must already hold the value.
    fn type_into(&mut self, sheet: &str, row: u32, col: u32, value: &Val) {
        let current = self.get(sheet, row, col).cloned();
        let same = match (value, &current) {
            (Val::Empty, None) => true,
            (Val::N(n), Some(CellValue::Number(m))) => n == m,
            (Val::T(s), Some(CellValue::Text(c))) => s.trim() == c.trim(),
            _ => false,
        };
        if self.locks.locked(sheet, row, col) {
            assert!(
                same,
                "{} › {sheet} › row {} col {}: locked, holds {current:?} but the data says {value:?}",
                self.file.display(),
                row + 1,
                col + 1
            );
            return;
        }
        let typed = match value {
            Val::Empty => None,
            Val::T(s) => Some(CellValue::Text(s.clone())),
            Val::N(n) => {
                self.numbers_typed += 1;
                // Numbers with a fraction are always typed as Turkish text; every other whole
                // number too, the rest as numeric cells.
                if n.fract() != 0.0 || self.numbers_typed % 2 == 0 {
                    let s = turkish(*n);
                    self.typed_texts.push(s.clone());
                    Some(CellValue::Text(s))
                } else {
                    Some(CellValue::Number(*n))
                }
            }
        };
        let cells = &mut self
            .sheets
            .iter_mut()
            .find(|(n, _)| n == sheet)
            .expect("sheet")
            .1;
        match typed {
            Some(v) => {
                cells.insert((row, col), v);
            }
            None => {
                cells.remove(&(row, col));
            }
        }
    }

    /// Clears a whole row (select, Delete): possible only if no cell of it is locked.
    fn clear_row(&mut self, sheet: &str, row: u32) {
        let cols: Vec<u32> = self
            .sheet(sheet)
            .keys()
            .filter(|(r, _)| *r == row)
            .map(|(_, c)| *c)
            .collect();
        for c in cols {
            self.type_into(sheet, row, c, &Val::Empty);
        }
    }

    fn fill_row(&mut self, sheet: &str, row: u32, values: &[(&str, Val)]) {
        let headers = self.headers(sheet);
        for (h, v) in values {
            let col = *headers
                .get(*h)
                .unwrap_or_else(|| panic!("header {h} in {sheet}"));
            self.type_into(sheet, row, col, v);
        }
    }

    fn save_as(&self, path: &Path) {
        let spec = WorkbookSpec {
            sheets: self
                .sheets
                .iter()
                .map(|(name, cells)| {
                    let mut s = SheetSpec::new(name.clone());
                    s.cells = cells.clone();
                    s
                })
                .collect(),
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        sheetwrite::write(&spec, path).expect("write filled workbook");
    }
}

// ---------------------------------------------------------------------------------------
// The person: fills a directorate's template with the source project's data.

fn fill_template(book: &mut Sheetbook, source: &Model, directorate: &str) {
    let years: Vec<i32> = source.years.plan_years().collect();

    // Birim.
    let d = source
        .directorate(directorate)
        .expect("directorate in source");
    let keys: Vec<(u32, String)> = (0..=book.last_row("Birim"))
        .map(|r| (r, book.text("Birim", r, 0)))
        .collect();
    for (r, key) in keys {
        let value = match key.as_str() {
            "Birim Adı" => t(directorate),
            "Harcama Yetkilisi" => ot(d.official.as_ref().map(|s| s.value.as_str())),
            "Unvan" => ot(d.title.as_ref().map(|s| s.value.as_str())),
            "Hazırlayan" => ot(d.prepared_by.as_ref().map(|s| s.value.as_str())),
            "Tarih" => ot(d.date.as_ref().map(|s| s.value.as_str())),
            _ => continue,
        };
        book.type_into("Birim", r, 1, &value);
    }

    // Göstergeler.
    let indicators: Vec<_> = source
        .indicators
        .iter()
        .filter(|i| i.directorate == directorate)
        .collect();
    let sheet = "Göstergeler";
    let h = book.headers(sheet);
    let mut placed = vec![false; indicators.len()];
    let indicator_values = |i: &kitap::model::Indicator| {
        let mut v: Vec<(String, Val)> = vec![
            ("Gösterge Kodu".into(), t(&i.code)),
            ("Hedef Kodu".into(), t(&i.objective.value)),
            ("Gösterge Adı".into(), t(&i.name.value)),
            ("Ölçü Birimi".into(), t(&i.unit.value)),
            ("Göstergenin Yönü".into(), t(i.direction.value.label())),
            ("Hedefe Etkisi (%)".into(), Val::N(i.weight.value)),
            ("Başlangıç Değeri".into(), on(i.baseline.value)),
        ];
        for y in &years {
            v.push((y.to_string(), on(i.target(*y))));
        }
        v.extend([
            ("İzleme Sıklığı".into(), t(i.monitoring.value.label())),
            ("Raporlama Sıklığı".into(), t(i.reporting.value.label())),
            (
                "İşbirliği Yapılacak Birimler".into(),
                t(&i.cooperating.value.join("; ")),
            ),
            ("Açıklama".into(), ot(i.note.value.as_deref())),
        ]);
        v
    };
    for row in 1..=book.last_row(sheet) {
        let code = book.text(sheet, row, h["Gösterge Kodu"]);
        let objective = book.text(sheet, row, h["Hedef Kodu"]);
        let found = if !code.is_empty() {
            let i = indicators
                .iter()
                .position(|i| i.code == code)
                .unwrap_or_else(|| panic!("{code} of the template is not in the source"));
            Some(i)
        } else if !objective.is_empty() {
            indicators
                .iter()
                .enumerate()
                .position(|(k, i)| !placed[k] && i.objective.value == objective)
        } else {
            None
        };
        match found {
            Some(k) => {
                placed[k] = true;
                let values = indicator_values(indicators[k]);
                let refs: Vec<(&str, Val)> = values
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.clone()))
                    .collect();
                book.fill_row(sheet, row, &refs);
            }
            None => book.clear_row(sheet, row),
        }
    }
    let mut next = book.last_row(sheet) + 1;
    for (k, i) in indicators.iter().enumerate() {
        if !placed[k] {
            let values = indicator_values(i);
            let refs: Vec<(&str, Val)> = values
                .iter()
                .map(|(a, b)| (a.as_str(), b.clone()))
                .collect();
            book.fill_row(sheet, next, &refs);
            next += 1;
        }
    }

    // Gerçekleşmeler.
    let sheet = "Gerçekleşmeler";
    let h = book.headers(sheet);
    let actuals: Vec<(&str, &kitap::model::Actual)> = indicators
        .iter()
        .flat_map(|i| i.actuals.iter().map(move |a| (i.code.as_str(), a)))
        .collect();
    let mut placed = vec![false; actuals.len()];
    let actual_values = |code: &str, a: &kitap::model::Actual| -> Vec<(&'static str, Val)> {
        vec![
            ("Gösterge Kodu", t(code)),
            ("Yıl", Val::N(a.year as f64)),
            ("Dönem", t(a.period.label())),
            ("Gerçekleşen Değer", Val::N(a.value.value)),
            ("Sapma Nedeni", ot(a.deviation_reason.value.as_deref())),
            ("Veri Kaynağı", ot(a.data_source.value.as_deref())),
        ]
    };
    for row in 1..=book.last_row(sheet) {
        let code = book.text(sheet, row, h["Gösterge Kodu"]);
        if code.is_empty() {
            continue;
        }
        let year: i32 = book
            .text(sheet, row, h["Yıl"])
            .parse()
            .expect("year in template");
        let period = Period::parse(&book.text(sheet, row, h["Dönem"])).expect("period");
        match actuals
            .iter()
            .position(|(c, a)| *c == code && a.year == year && a.period == period)
        {
            Some(k) => {
                placed[k] = true;
                let (c, a) = actuals[k];
                book.fill_row(sheet, row, &actual_values(c, a));
            }
            None => book.clear_row(sheet, row),
        }
    }
    let mut next = book.last_row(sheet) + 1;
    for (k, (c, a)) in actuals.iter().enumerate() {
        if !placed[k] {
            book.fill_row(sheet, next, &actual_values(c, a));
            next += 1;
        }
    }

    // Faaliyetler.
    let sheet = "Faaliyetler";
    let h = book.headers(sheet);
    let activities: Vec<_> = source
        .activities
        .iter()
        .filter(|a| a.directorate == directorate)
        .collect();
    let mut placed = vec![false; activities.len()];
    let activity_values = |a: &kitap::model::Activity| -> Vec<(&'static str, Val)> {
        vec![
            ("Faaliyet Kodu", t(&a.code)),
            ("Hedef Kodu", t(&a.objective.value)),
            ("Faaliyet Adı", t(&a.name.value)),
            ("Türü", t(a.kind.label())),
            ("Yıl", Val::N(a.year as f64)),
            ("Bütçe (TL)", Val::N(a.budget.value)),
            ("Bütçe Dışı (TL)", Val::N(a.off_budget.value)),
            ("Gerçekleşen (TL)", on(a.expenditure.value)),
            ("Durum", ot(a.status.value.map(|s| s.label()))),
            ("Açıklama", ot(a.note.value.as_deref())),
        ]
    };
    for row in 1..=book.last_row(sheet) {
        let code = book.text(sheet, row, h["Faaliyet Kodu"]);
        let objective = book.text(sheet, row, h["Hedef Kodu"]);
        let found = if !code.is_empty() {
            let year: i32 = book.text(sheet, row, h["Yıl"]).parse().expect("year");
            activities
                .iter()
                .position(|a| a.code == code && a.year == year)
        } else if !objective.is_empty() {
            activities
                .iter()
                .enumerate()
                .position(|(k, a)| !placed[k] && a.objective.value == objective)
        } else {
            None
        };
        match found {
            Some(k) => {
                placed[k] = true;
                book.fill_row(sheet, row, &activity_values(activities[k]));
            }
            None => book.clear_row(sheet, row),
        }
    }
    let mut next = book.last_row(sheet) + 1;
    for (k, a) in activities.iter().enumerate() {
        if !placed[k] {
            book.fill_row(sheet, next, &activity_values(a));
            next += 1;
        }
    }

    // Bütçe.
    let lines: Vec<KeyedLine> = source
        .budget
        .iter()
        .filter(|b| b.directorate == directorate)
        .map(|b| {
            let values = vec![
                ("Yıl", Val::N(b.year as f64)),
                ("Ekonomik Kod", t(&b.economic_code)),
                ("Başlangıç Ödeneği", Val::N(b.initial_appropriation.value)),
                ("Toplam Ödenek", Val::N(b.total_appropriation.value)),
                ("Harcama", on(b.expenditure.value)),
                ("Açıklama", ot(b.explanation.value.as_deref())),
            ];
            (b.year, b.economic_code.clone(), values)
        })
        .collect();
    fill_by_year_and_code(book, "Bütçe", &lines);

    if book.has_sheet("Gelirler") {
        fill_finance(book, &source.finance);
    }
}

/// A line of a sheet keyed by Yıl and Ekonomik Kod: its year, its code, its row's values.
type KeyedLine = (i32, String, Vec<(&'static str, Val)>);

/// Fills a sheet whose rows are keyed by Yıl and Ekonomik Kod: a prefilled row of a known line
/// gets the line's values, a prefilled row of no known line is cleared, and the lines no row
/// holds are added below.
fn fill_by_year_and_code(book: &mut Sheetbook, sheet: &str, lines: &[KeyedLine]) {
    let h = book.headers(sheet);
    let mut placed = vec![false; lines.len()];
    for row in 1..=book.last_row(sheet) {
        let year = book.text(sheet, row, h["Yıl"]);
        if year.is_empty() {
            continue;
        }
        let year: i32 = year.parse().expect("year");
        let code = book.text(sheet, row, h["Ekonomik Kod"]);
        match lines.iter().position(|(y, c, _)| *y == year && *c == code) {
            Some(k) => {
                placed[k] = true;
                book.fill_row(sheet, row, &lines[k].2);
            }
            None => book.clear_row(sheet, row),
        }
    }
    let mut next = book.last_row(sheet) + 1;
    for (k, (_, _, values)) in lines.iter().enumerate() {
        if !placed[k] {
            book.fill_row(sheet, next, values);
            next += 1;
        }
    }
}

/// The institution-level sheets, in the template of the directorate that carries them.
fn fill_finance(book: &mut Sheetbook, finance: &kitap::model::Finance) {
    // Gelirler: known lines have their year and code locked, suggested ones are cleared.
    let lines: Vec<KeyedLine> = finance
        .revenue
        .iter()
        .flat_map(|s| &s.rows)
        .map(|r| {
            let values = vec![
                ("Yıl", Val::N(r.year as f64)),
                ("Ekonomik Kod", t(&r.economic_code)),
                ("Bütçe Tahmini", Val::N(r.estimate.value)),
                ("Tahsilat", on(r.collected.value)),
                ("Açıklama", ot(r.explanation.value.as_deref())),
            ];
            (r.year, r.economic_code.clone(), values)
        })
        .collect();
    fill_by_year_and_code(book, "Gelirler", &lines);

    // The other three are open: the person rewrites them from the top.
    let rewrite = |book: &mut Sheetbook, sheet: &str, rows: Vec<Vec<(&str, Val)>>| {
        for row in 1..=book.last_row(sheet) {
            book.clear_row(sheet, row);
        }
        for (i, values) in rows.iter().enumerate() {
            book.fill_row(sheet, i as u32 + 1, values);
        }
    };
    let debts = finance
        .debts
        .iter()
        .flat_map(|s| &s.rows)
        .map(|d| {
            vec![
                ("Borç Kalemi", t(&d.item.value)),
                ("Vade", t(d.term.value.label())),
                ("Yıl Başı (TL)", Val::N(d.start_of_year.value)),
                ("Yıl Sonu (TL)", Val::N(d.end_of_year.value)),
                ("Açıklama", ot(d.note.value.as_deref())),
            ]
        })
        .collect();
    rewrite(book, "Borçlar", debts);
    let mut affiliates: Vec<Vec<(&str, Val)>> = finance
        .affiliates
        .iter()
        .flat_map(|s| &s.rows)
        .map(|a| {
            vec![
                ("Adı", t(&a.name.value)),
                ("Türü", t(a.kind.value.label())),
                ("Faaliyet Alanı", ot(a.field.value.as_deref())),
                ("Sermaye (TL)", on(a.capital.value)),
                ("Belediye Payı (%)", on(a.share.value)),
                ("Yıl Sonucu (TL)", on(a.result.value)),
                ("Açıklama", ot(a.note.value.as_deref())),
            ]
        })
        .collect();
    if finance
        .affiliates
        .as_ref()
        .is_some_and(|s| s.declared_none.is_some())
    {
        affiliates.push(vec![("Adı", t("Yok"))]);
    }
    rewrite(book, "İştirakler", affiliates);
    let transfers = finance
        .transfers
        .iter()
        .flat_map(|s| &s.rows)
        .map(|x| {
            vec![
                ("Yıl", Val::N(x.year as f64)),
                ("Alıcı Kurum", t(&x.recipient.value)),
                ("Tutar (TL)", Val::N(x.amount.value)),
                ("Açıklama", ot(x.note.value.as_deref())),
            ]
        })
        .collect();
    rewrite(book, "Transferler", transfers);
}

// ---------------------------------------------------------------------------------------
// Comparing models by value (cells differ: the files are different).

fn model_values(m: &Model) -> Vec<String> {
    // The text of a Birim sheet value (its cell differs between the two workbooks).
    let value = |v: &Option<kitap::model::Sourced<String>>| v.as_ref().map(|s| s.value.clone());
    let mut out = Vec::new();
    for d in &m.directorates {
        out.push(format!(
            "birim {} | {:?} | {:?} | {:?} | {:?}",
            d.name,
            value(&d.official),
            value(&d.title),
            value(&d.prepared_by),
            value(&d.date)
        ));
    }
    for i in &m.indicators {
        let targets: Vec<_> = i.targets.iter().map(|(y, v)| (*y, v.value)).collect();
        out.push(format!(
            "gösterge {} | {} | {} | {} | {} | {:?} | {} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?}",
            i.code,
            i.objective.value,
            i.directorate,
            i.name.value,
            i.unit.value,
            i.direction.value,
            i.weight.value,
            i.baseline.value,
            targets,
            i.monitoring.value,
            i.reporting.value,
            i.cooperating.value,
            i.note.value
        ));
        for a in &i.actuals {
            out.push(format!(
                "gerçekleşme {} | {} | {:?} | {} | {:?} | {:?}",
                i.code,
                a.year,
                a.period,
                a.value.value,
                a.deviation_reason.value,
                a.data_source.value
            ));
        }
    }
    for a in &m.activities {
        out.push(format!(
            "faaliyet {} | {:?} | {} | {} | {} | {} | {} | {} | {:?} | {:?} | {:?}",
            a.code,
            a.kind,
            a.objective.value,
            a.directorate,
            a.name.value,
            a.year,
            a.budget.value,
            a.off_budget.value,
            a.expenditure.value,
            a.status.value,
            a.note.value
        ));
    }
    for b in &m.budget {
        out.push(format!(
            "bütçe {} | {} | {} | {} | {} | {:?}",
            b.directorate,
            b.year,
            b.economic_code,
            b.initial_appropriation.value,
            b.total_appropriation.value,
            b.expenditure.value
        ));
        out.push(format!("açıklama {:?}", b.explanation.value));
    }
    let f = &m.finance;
    out.push(format!(
        "mali sayfalar {} {} {} {} | reddedilen {:?}",
        f.revenue.is_some(),
        f.debts.is_some(),
        f.affiliates.is_some(),
        f.transfers.is_some(),
        f.rejected
    ));
    for r in f.revenue.iter().flat_map(|s| &s.rows) {
        out.push(format!(
            "gelir {} | {} | {} | {:?} | {:?}",
            r.year, r.economic_code, r.estimate.value, r.collected.value, r.explanation.value
        ));
    }
    for d in f.debts.iter().flat_map(|s| &s.rows) {
        out.push(format!(
            "borç {} | {:?} | {} | {} | {:?}",
            d.item.value, d.term.value, d.start_of_year.value, d.end_of_year.value, d.note.value
        ));
    }
    for a in f.affiliates.iter().flat_map(|s| &s.rows) {
        out.push(format!(
            "iştirak {} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?}",
            a.name.value,
            a.kind.value,
            a.field.value,
            a.capital.value,
            a.share.value,
            a.result.value,
            a.note.value
        ));
    }
    out.push(format!(
        "iştirak yok: {:?}",
        f.affiliates.as_ref().map(|s| s.declared_none.is_some())
    ));
    for x in f.transfers.iter().flat_map(|s| &s.rows) {
        out.push(format!(
            "transfer {} | {} | {} | {:?}",
            x.year, x.recipient.value, x.amount.value, x.note.value
        ));
    }
    out
}

/// Copies kurum.yaml, plan.yaml, degisiklikler/, metinler/ and gorseller/ (not the workbooks)
/// into a fresh folder.
fn fresh_project_like(source: &Path, tag: &str) -> tempfile::TempDir {
    let dir = temp_dir(tag);
    for f in ["kurum.yaml", "plan.yaml"] {
        std::fs::copy(source.join(f), dir.path().join(f)).expect("copy yaml");
    }
    std::fs::create_dir_all(dir.path().join("birimler")).expect("birimler");
    for folder in ["degisiklikler", "metinler", "gorseller"] {
        let from = source.join(folder);
        if !from.is_dir() {
            continue;
        }
        let target = dir.path().join(folder);
        std::fs::create_dir_all(&target).expect("mkdir");
        for e in std::fs::read_dir(&from).expect("read dir") {
            let e = e.expect("entry");
            if e.path().is_file() {
                std::fs::copy(e.path(), target.join(e.file_name())).expect("copy file");
            }
        }
    }
    dir
}

fn assert_no_y_or_d_problem(c: &Checked) {
    let bad: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .filter(|f| matches!(&f.code.as_str()[..1], "Y" | "D" | "M"))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // The guide sheet is the only sheet kitap skips, with a bilgi.
    for f in c
        .report
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "Y001")
    {
        assert_eq!(f.sheet.as_deref(), Some(GUIDE_SHEET), "{f:#?}");
    }
}

/// Templates from `template_source`, filled by a person with the data of `data_source`,
/// dropped into a fresh project: returns (the data source checked, the round trip checked,
/// the texts typed).
fn round_trip(
    template_source: &Path,
    data_source: &Path,
    tag: &str,
) -> (Checked, Checked, Vec<String>) {
    let out = temp_dir(&format!("{tag}-out"));
    let written = templates_of(template_source, out.path());
    let data = source_model(data_source);
    let fresh = fresh_project_like(data_source, tag);
    let mut typed = Vec::new();
    for w in &written {
        let mut book = open_template(&w.path);
        fill_template(&mut book, &data, &w.directorate);
        typed.extend(book.typed_texts.iter().cloned());
        let name = w.path.file_name().expect("file name");
        book.save_as(&fresh.path().join("birimler").join(name));
    }
    let original = pipeline::check(data_source, &Options::default()).expect("source checks");
    let again = pipeline::check(fresh.path(), &Options::default()).expect("round trip checks");
    (original, again, typed)
}

/// The test project, with a realisation that has a fraction and a reason.
fn kit_source(tag: &str) -> TestProject {
    let p = TestProject::valid(tag);
    let mut z = zabita();
    sheet(&mut z, "Gerçekleşmeler").row(
        1,
        [
            Some(CellValue::from("PG1.2.1")),
            Some(CellValue::from(2025.0)),
            Some(CellValue::from("Yıl Sonu")),
            Some(CellValue::from(1234.5)),
            Some(CellValue::from("Yeni açılan işyerleri de denetlendi.")),
            Some(CellValue::from("Zabıta kayıtları")),
        ],
    );
    p.write("birimler/zabita.xlsx", &z);
    p
}

#[test]
fn filled_templates_give_the_same_model() {
    let p = kit_source("rt-prefilled");
    let (original, again, typed) = round_trip(&p.dir, &p.dir, "rt-prefilled");
    assert_no_y_or_d_problem(&again);
    assert_eq!(model_values(&again.model), model_values(&original.model));
    assert!(
        typed.iter().any(|s| s == "1.234,5"),
        "the person typed 1.234,5 somewhere: {typed:?}"
    );
    assert!(!again.model.indicators.is_empty() && !again.model.budget.is_empty());
}

#[test]
fn empty_templates_filled_by_hand_give_the_same_model() {
    // Templates of a project that has no workbook yet: empty indicator and activity rows
    // with the Hedef Kodu filled in, suggested budget rows; the person types everything.
    let empty = TestProject::empty("rt-empty");
    // The institution-level sheets go to the directorate kurum.yaml names (the data's are in
    // zabita.xlsx, which the empty project has not seen).
    std::fs::write(
        empty.path("kurum.yaml"),
        format!("{KURUM}mali_hizmetler_birimi: Zabıta Müdürlüğü\n"),
    )
    .expect("kurum.yaml");
    let p = kit_source("rt-empty-data");
    let (original, again, typed) = round_trip(&empty.dir, &p.dir, "rt-empty");
    assert_no_y_or_d_problem(&again);
    assert_eq!(model_values(&again.model), model_values(&original.model));
    assert!(typed.iter().any(|s| s == "1.234,5"), "{typed:?}");
    assert!(typed.iter().any(|s| s == "1.200.000"), "{typed:?}");
}

#[test]
fn the_bundled_example_round_trips() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ornek-belediye");
    if !example.join("kurum.yaml").is_file() || !example.join("birimler").is_dir() {
        eprintln!(
            "atlandı: {} yok (örnek proje bu dalda henüz bulunmuyor)",
            example.display()
        );
        return;
    }
    let (original, again, typed) = round_trip(&example, &example, "rt-example");
    assert_no_y_or_d_problem(&again);
    assert_eq!(model_values(&again.model), model_values(&original.model));
    let m = &again.model;
    assert!(m.indicators.len() > 10 && m.activities.len() > 10 && m.budget.len() > 10);
    // The council amendments apply to the round-tripped workbooks exactly as to the originals.
    assert!(!m.changes.is_empty(), "the example's amendment applied");
    assert_eq!(m.changes, original.model.changes);
    assert!(typed.iter().any(|s| s.contains(',')), "{typed:?}");
}

// ---------------------------------------------------------------------------------------
// Layout, locks and checks inside the files.

fn kit_templates(tag: &str) -> (TestProject, tempfile::TempDir, Vec<Written>) {
    let p = kit_source(tag);
    let out = temp_dir(tag);
    let written = templates_of(&p.dir, out.path());
    (p, out, written)
}

#[test]
fn one_file_per_directorate_named_after_it() {
    let (_p, out, written) = kit_templates("names");
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Fen İşleri Müdürlüğü.xlsx",
            "Kültür ve Sosyal İşler Müdürlüğü.xlsx",
            "Zabıta Müdürlüğü.xlsx"
        ]
    );
    assert_eq!(written.len(), 3);
    for w in &written {
        let sheets = sheet_names_in_order(&w.path);
        let mut expected = vec![GUIDE_SHEET.to_string()];
        expected.extend(DATA_SHEETS.iter().map(|s| s.to_string()));
        // Zabıta's workbook sends the institution-level sheets: its template carries them.
        if w.directorate == ZABITA {
            expected.extend(FINANCE_SHEETS.iter().map(|s| s.to_string()));
        }
        assert_eq!(sheets, expected, "{}", w.directorate);
    }
}

const FINANCE_SHEETS: [&str; 4] = ["Gelirler", "Borçlar", "İştirakler", "Transferler"];

#[test]
fn the_finance_sheets_are_prefilled_with_drop_downs_in_their_directorates_template() {
    let (_p, _out, written) = kit_templates("finance");
    let w = written
        .iter()
        .find(|w| w.directorate == ZABITA)
        .expect("Zabıta's template");
    let book = open_template(&w.path);
    let row0 = |sheet: &str| -> Vec<String> {
        let last = book
            .sheet(sheet)
            .keys()
            .filter(|(r, _)| *r == 0)
            .map(|(_, c)| *c)
            .max()
            .unwrap_or(0);
        (0..=last).map(|c| book.text(sheet, 0, c)).collect()
    };
    assert_eq!(
        row0("Gelirler"),
        [
            "Yıl",
            "Ekonomik Kod",
            template::INFO_REVENUE_NAME,
            "Bütçe Tahmini",
            "Tahsilat",
            "Açıklama"
        ]
    );
    assert_eq!(row0("Borçlar"), DEBT_HEADER);
    assert_eq!(row0("İştirakler"), AFFILIATE_HEADER);
    assert_eq!(row0("Transferler"), TRANSFER_HEADER);
    // Gelirler: the three known 2025 codes, with the five other codes of 2025 suggested.
    assert_eq!(book.last_row("Gelirler"), 8);
    let codes: Vec<String> = (1..=8).map(|r| book.text("Gelirler", r, 1)).collect();
    assert_eq!(codes, ["01", "02", "03", "04", "05", "06", "08", "09"]);
    assert_eq!(
        book.get("Gelirler", 1, 3),
        Some(&CellValue::Number(1_000_000.0))
    );
    assert_eq!(book.text("Gelirler", 1, 2), "Vergi Gelirleri");
    assert_eq!(book.get("Gelirler", 2, 3), None, "02 is a suggestion");
    let l = &book.locks;
    assert!(l.locked("Gelirler", 1, 0) && l.locked("Gelirler", 1, 1));
    assert!(!l.locked("Gelirler", 1, 3) && !l.locked("Gelirler", 1, 5));
    assert!(!l.locked("Gelirler", 2, 0) && !l.locked("Gelirler", 2, 1));
    // The other sheets: the known rows, open (a paid-off debt's row can be deleted).
    assert_eq!(book.text("Borçlar", 1, 0), "İller Bankası");
    assert_eq!(book.text("Borçlar", 2, 1), "Kısa Vadeli");
    assert_eq!(book.text("İştirakler", 1, 1), "Şirket");
    assert_eq!(
        book.get("İştirakler", 1, 5),
        Some(&CellValue::Number(-25_000.0))
    );
    assert_eq!(book.text("Transferler", 2, 0), "2026");
    for (sheet, cols) in [("Borçlar", 5), ("İştirakler", 7), ("Transferler", 4)] {
        assert!(l.locked(sheet, 0, 0), "{sheet} header");
        for c in 0..cols {
            assert!(!l.locked(sheet, 1, c), "{sheet} col {c}");
        }
    }
    // Drop-downs for Ekonomik Kod, Vade and Türü; number checks on the amounts and the share.
    let list = |sheet: &str, values: &str| {
        let found = validations(&l.xml[sheet]).iter().any(|v| {
            v.starts_with("type=\"list\"")
                && v.contains(&format!("<formula1>\"{values}\"</formula1>"))
        });
        assert!(found, "{sheet} has a drop-down of {values}");
    };
    list("Gelirler", "01,02,03,04,05,06,08,09");
    list("Borçlar", "Kısa Vadeli,Uzun Vadeli");
    list("İştirakler", "Bağlı Kuruluş,İşletme,Şirket,Birlik");
    for (sheet, cols) in [
        ("Gelirler", &["A", "D", "E"][..]),
        ("Borçlar", &["C", "D"][..]),
        ("İştirakler", &["D", "E", "F"][..]),
        ("Transferler", &["A", "C"][..]),
    ] {
        let vs = validations(&l.xml[sheet]);
        for col in cols {
            assert!(
                vs.iter().any(|v| (v.starts_with("type=\"decimal\"")
                    || v.starts_with("type=\"whole\""))
                    && v.contains(&format!("sqref=\"{col}2:"))),
                "{sheet} column {col} has a number check: {vs:#?}"
            );
        }
        assert!(
            l.xml[sheet].contains("<sheetProtection "),
            "{sheet} protected"
        );
    }
    // The guide names the sheets.
    let guide: Vec<String> = book
        .sheet(GUIDE_SHEET)
        .values()
        .filter_map(|v| match v {
            CellValue::Text(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for s in FINANCE_SHEETS {
        assert!(guide.iter().any(|g| g == s), "{s} in the guide: {guide:?}");
    }
    // Nobody else's template has them.
    for other in written.iter().filter(|w| w.directorate != ZABITA) {
        let names = sheet_names_in_order(&other.path);
        assert!(!names.iter().any(|n| n == "Gelirler"), "{names:?}");
    }
}

#[test]
fn a_finance_template_without_known_data_suggests_the_usual_debts() {
    // kurum.yaml names the directorate; no workbook has sent anything yet.
    let p = TestProject::empty("finance-empty");
    std::fs::write(
        p.path("kurum.yaml"),
        format!("{KURUM}mali_hizmetler_birimi: Kültür ve Sosyal İşler Müdürlüğü\n"),
    )
    .expect("kurum.yaml");
    let out = temp_dir("finance-empty");
    let written = templates_of(&p.dir, out.path());
    let w = written
        .iter()
        .find(|w| w.directorate == "Kültür ve Sosyal İşler Müdürlüğü")
        .expect("template");
    let book = open_template(&w.path);
    assert_eq!(book.last_row("Gelirler"), 8, "every revenue code of 2025");
    let items: Vec<String> = (1..=5).map(|r| book.text("Borçlar", r, 0)).collect();
    assert_eq!(items, template::SUGGESTED_DEBT_ITEMS);
    assert_eq!(book.last_row("İştirakler"), 0);
    assert_eq!(book.last_row("Transferler"), 0);
}

#[test]
fn headers_are_the_ones_kitap_reads() {
    let (_p, _out, written) = kit_templates("headers");
    let fen = open_template(&written[0].path);
    let row0 = |sheet: &str| -> Vec<String> {
        let b = &fen;
        (0..=b
            .sheet(sheet)
            .keys()
            .filter(|(r, _)| *r == 0)
            .map(|(_, c)| *c)
            .max()
            .unwrap_or(0))
            .map(|c| b.text(sheet, 0, c))
            .collect()
    };
    assert_eq!(row0("Göstergeler"), INDICATOR_HEADER);
    assert_eq!(
        row0("Gerçekleşmeler"),
        [
            "Gösterge Kodu",
            template::INFO_INDICATOR_NAME,
            "Yıl",
            "Dönem",
            template::INFO_YEAR_TARGET,
            "Gerçekleşen Değer",
            "Sapma Nedeni",
            "Veri Kaynağı"
        ]
    );
    assert_eq!(row0("Faaliyetler"), ACTIVITY_HEADER);
    assert_eq!(
        row0("Bütçe"),
        [
            "Yıl",
            "Ekonomik Kod",
            template::INFO_ECONOMIC_NAME,
            "Başlangıç Ödeneği",
            "Toplam Ödenek",
            "Harcama",
            "Açıklama"
        ]
    );
    // Birim: kurum.yaml's name, and what the workbook said.
    assert_eq!(fen.text("Birim", 0, 0), "Birim Adı");
    assert_eq!(fen.text("Birim", 0, 1), "Fen İşleri Müdürlüğü");
    assert_eq!(fen.text("Birim", 1, 0), "Harcama Yetkilisi");
    assert_eq!(fen.text("Birim", 1, 1), "Ali Veli");
    assert_eq!(fen.text("Birim", 2, 1), "Müdür");
}

#[test]
fn known_data_is_prefilled_and_this_years_rows_are_ready() {
    let (_p, _out, written) = kit_templates("prefill");
    let fen = open_template(&written[0].path);
    // Göstergeler: both indicators with every plan year's target.
    assert_eq!(fen.text("Göstergeler", 1, 0), "PG1.1.1");
    assert_eq!(fen.text("Göstergeler", 1, 2), "Asfaltlanan yol uzunluğu");
    assert_eq!(
        fen.get("Göstergeler", 1, 11),
        Some(&CellValue::Number(60.0))
    );
    assert_eq!(fen.text("Göstergeler", 2, 0), "PG1.1.2");
    assert_eq!(fen.last_row("Göstergeler"), 2);
    // Gerçekleşmeler: PG1.1.1 has both 2025 values; PG1.1.2 has Yıl Sonu and gets an empty
    // 1. İzleme row.
    let rows: Vec<(String, String, String, Option<CellValue>)> = (1..=fen
        .last_row("Gerçekleşmeler"))
        .map(|r| {
            (
                fen.text("Gerçekleşmeler", r, 0),
                fen.text("Gerçekleşmeler", r, 2),
                fen.text("Gerçekleşmeler", r, 3),
                fen.get("Gerçekleşmeler", r, 5).cloned(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "PG1.1.1".into(),
                "2025".into(),
                "1. İzleme".into(),
                Some(CellValue::Number(14.0))
            ),
            (
                "PG1.1.1".into(),
                "2025".into(),
                "Yıl Sonu".into(),
                Some(CellValue::Number(20.0))
            ),
            ("PG1.1.2".into(), "2025".into(), "1. İzleme".into(), None),
            (
                "PG1.1.2".into(),
                "2025".into(),
                "Yıl Sonu".into(),
                Some(CellValue::Number(55.0))
            ),
        ]
    );
    // Faaliyetler: both year rows of F1.1.1.
    assert_eq!(fen.last_row("Faaliyetler"), 2);
    assert_eq!(fen.text("Faaliyetler", 2, 4), "2026");
    // Bütçe: codes 01–09 for 2025 and 2026; 03 known in both.
    assert_eq!(fen.last_row("Bütçe"), 18);
    assert_eq!(fen.text("Bütçe", 1, 1), "01");
    assert_eq!(fen.text("Bütçe", 3, 1), "03");
    assert_eq!(
        fen.get("Bütçe", 3, 3),
        Some(&CellValue::Number(2_000_000.0))
    );
    assert_eq!(fen.get("Bütçe", 1, 3), None);
    assert_eq!(fen.text("Bütçe", 10, 0), "2026");
}

#[test]
fn codes_and_facts_are_locked_values_are_open() {
    let (_p, _out, written) = kit_templates("locks");
    let fen = open_template(&written[0].path);
    let l = &fen.locks;
    for sheet in ["Göstergeler", "Gerçekleşmeler", "Faaliyetler", "Bütçe"] {
        for c in 0..6 {
            assert!(l.locked(sheet, 0, c), "header of {sheet} col {c}");
        }
        // Rows people add below the table are open.
        assert!(!l.locked(sheet, 200, 0), "{sheet} below the table");
        assert!(!l.locked(sheet, 200, 4), "{sheet} below the table");
    }
    // Birim: the name locked, the rest open.
    assert!(l.locked("Birim", 0, 1));
    assert!(!l.locked("Birim", 1, 1));
    assert!(!l.locked("Birim", 4, 1));
    // A known indicator: code, hedef, name, weight, targets locked; İşbirliği, Açıklama open.
    for c in [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13] {
        assert!(l.locked("Göstergeler", 1, c), "Göstergeler col {c}");
    }
    assert!(!l.locked("Göstergeler", 1, 14));
    assert!(!l.locked("Göstergeler", 1, 15));
    // A known realisation: code, year, period locked; value, reason, source open.
    for c in [0, 2, 3] {
        assert!(l.locked("Gerçekleşmeler", 1, c));
    }
    for c in [5, 6, 7] {
        assert!(!l.locked("Gerçekleşmeler", 1, c));
    }
    // A suggested realisation row is open everywhere, so it can be cleared.
    for c in 0..8 {
        assert!(!l.locked("Gerçekleşmeler", 3, c), "suggested row col {c}");
    }
    // A known activity year: identity locked, amounts and status open.
    for c in 0..5 {
        assert!(l.locked("Faaliyetler", 1, c));
    }
    for c in 5..10 {
        assert!(!l.locked("Faaliyetler", 1, c));
    }
    // Bütçe: a known line has its year and code locked, a suggested one is open.
    assert!(l.locked("Bütçe", 3, 0) && l.locked("Bütçe", 3, 1));
    assert!(!l.locked("Bütçe", 3, 3));
    assert!(!l.locked("Bütçe", 1, 0) && !l.locked("Bütçe", 1, 1));
}

fn validations(xml: &str) -> Vec<String> {
    xml.split("<dataValidation ")
        .skip(1)
        .map(|v| v.split("</dataValidation>").next().unwrap_or(v).to_string())
        .collect()
}

#[test]
fn drop_downs_number_checks_frozen_header_and_protection_are_in_the_xml() {
    let (_p, _out, written) = kit_templates("xml");
    for w in &written {
        let locks = read_locks(&w.path);
        for sheet in std::iter::once(GUIDE_SHEET).chain(DATA_SHEETS) {
            let xml = &locks.xml[sheet];
            assert!(xml.contains("<sheetProtection "), "{sheet} protected");
            assert!(!xml.contains("password"), "{sheet}: no password");
        }
        for sheet in ["Göstergeler", "Gerçekleşmeler", "Faaliyetler", "Bütçe"] {
            let xml = &locks.xml[sheet];
            assert!(
                xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
                "{sheet}: header row frozen"
            );
        }
        let list = |sheet: &str, values: &str| {
            let found = validations(&locks.xml[sheet]).iter().any(|v| {
                v.starts_with("type=\"list\"")
                    && v.contains(&format!("<formula1>\"{values}\"</formula1>"))
            });
            assert!(
                found,
                "{}: {sheet} has a drop-down of {values}",
                w.path.display()
            );
        };
        list("Göstergeler", "Artış,Azalış,Artış/Azalış");
        list("Göstergeler", "Aylık,3 Ay,6 Ay,Yıllık");
        list("Gerçekleşmeler", "1. İzleme,Yıl Sonu");
        list("Faaliyetler", "Faaliyet,Proje");
        list(
            "Faaliyetler",
            "Planlandı,Devam Ediyor,Tamamlandı,Ertelendi,İptal",
        );
        list("Bütçe", "01,02,03,04,05,06,07,08,09");
        // İzleme and Raporlama Sıklığı both have the list.
        let freq = validations(&locks.xml["Göstergeler"])
            .iter()
            .filter(|v| v.contains("\"Aylık,3 Ay,6 Ay,Yıllık\""))
            .count();
        assert_eq!(freq, 2);
        // Every number column has a number check with a Turkish title and message.
        let numbers = |sheet: &str, columns: &[&str]| {
            let vs = validations(&locks.xml[sheet]);
            for col in columns {
                let found = vs.iter().any(|v| {
                    (v.starts_with("type=\"decimal\"") || v.starts_with("type=\"whole\""))
                        && v.contains(&format!("sqref=\"{col}2:"))
                        && v.contains("errorTitle=\"")
                        && v.contains(" error=\"")
                        && (v.contains("sayı")
                            || v.contains("Sayı")
                            || v.contains("yıl")
                            || v.contains("Yıl"))
                });
                assert!(found, "{sheet} column {col} has a number check: {vs:#?}");
            }
        };
        numbers("Göstergeler", &["F", "G", "H", "I", "J", "K", "L"]);
        numbers("Gerçekleşmeler", &["C", "E", "F"]);
        numbers("Faaliyetler", &["E", "F", "G", "H"]);
        numbers("Bütçe", &["A", "D", "E", "F"]);
    }
}

/// Whether each cell format (`cellXfs`, by index) wraps its text.
fn xf_wraps(path: &Path) -> Vec<bool> {
    let styles = zip_text(path, "xl/styles.xml");
    let start = styles.find("<cellXfs").expect("cellXfs");
    let end = styles.find("</cellXfs>").expect("cellXfs end");
    styles[start..end]
        .split("<xf ")
        .skip(1)
        .map(|xf| {
            let body = xf.split("</xf>").next().unwrap_or(xf);
            // A self-closing <xf .../> has no alignment.
            let body = if body.split('>').next().is_some_and(|t| t.ends_with('/')) {
                ""
            } else {
                body
            };
            body.contains("wrapText=\"1\"")
        })
        .collect()
}

#[test]
fn the_guide_sheet_wraps_every_text_and_its_rows_are_as_high_as_the_text() {
    // The example: long directorate names, every section of the guide.
    let out = temp_dir("guide");
    let written = templates_of(&example_dir(), out.path());
    for w in &written {
        let xml = zip_text(&w.path, "xl/worksheets/sheet1.xml");
        let wraps = xf_wraps(&w.path);
        let book = open_template(&w.path);
        let cells = book.sheet(GUIDE_SHEET);
        // Column widths (0-based column → width) and the merged ranges (row → columns).
        let mut widths = HashMap::new();
        for c in xml.split("<col ").skip(1) {
            let tag = format!(" {}", c.split('>').next().unwrap_or(""));
            let min: u32 = attr(&tag, "min").expect("min").parse().expect("min");
            let width: f64 = attr(&tag, "width").expect("width").parse().expect("width");
            widths.insert(min - 1, width);
        }
        let mut merged: HashMap<u32, (u32, u32)> = HashMap::new();
        for m in xml.split("<mergeCell ").skip(1) {
            let tag = format!(" {}", m.split('>').next().unwrap_or(""));
            let (a, b) = attr(&tag, "ref")
                .expect("ref")
                .split_once(':')
                .expect("range");
            let ((r, c0), (_, c1)) = (a1_to_pos(a), a1_to_pos(b));
            merged.insert(r, (c0, c1));
        }
        let mut heights = HashMap::new();
        for r in xml.split("<row ").skip(1) {
            let tag = format!(" {}", r.split('>').next().unwrap_or(""));
            let row: u32 = attr(&tag, "r").expect("r").parse().expect("row");
            let custom = attr(&tag, "customHeight") == Some("1");
            let ht: Option<f64> = attr(&tag, "ht").map(|h| h.parse().expect("height"));
            heights.insert(row - 1, ht.filter(|_| custom));
        }
        let styles: HashMap<(u32, u32), usize> = xml
            .split("<c ")
            .skip(1)
            .map(|c| {
                let tag = format!(" {}", c.split('>').next().unwrap_or(""));
                let s = attr(&tag, "s")
                    .map(|s| s.parse().expect("style"))
                    .unwrap_or(0);
                (a1_to_pos(attr(&tag, "r").expect("r")), s)
            })
            .collect();
        for (&(row, col), value) in cells {
            let CellValue::Text(text) = value else {
                continue;
            };
            let place = format!("{} › {GUIDE_SHEET} › {}", w.path.display(), a1(row, col));
            // Every text wraps inside its cell: nothing runs over the cells beside it.
            let style = styles[&(row, col)];
            assert!(wraps[style], "{place}: “{text}” does not wrap");
            // Its row has a height of its own, enough for the wrapped lines: at least one line
            // (15 pt) per width of the cell the text fills, counting a character as 0,85 of
            // the "0" the width is measured in.
            let (c0, c1) = merged.get(&row).copied().unwrap_or((col, col));
            let width: f64 = (c0..=c1).map(|c| widths[&c]).sum();
            let lines = (text.chars().count() as f64 * 0.85 / width).ceil();
            let height = heights
                .get(&row)
                .copied()
                .flatten()
                .unwrap_or_else(|| panic!("{place}: the row has no height of its own"));
            assert!(
                height >= 15.0 * lines,
                "{place}: {height} pt for about {lines} lines of “{text}”"
            );
        }
        // Printed: landscape A4, one page wide.
        assert!(xml.contains("orientation=\"landscape\""), "landscape");
        assert!(
            xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "fit to page"
        );
        assert!(
            xml.contains("fitToHeight=\"0\""),
            "one page wide, as many high as needed"
        );
    }
}

fn a1(row: u32, col: u32) -> String {
    format!("{}{}", (b'A' + col as u8) as char, row + 1)
}

#[test]
fn a_directorate_without_hedef_still_gets_every_sheet() {
    let p = TestProject::empty("no-hedef");
    let kurum = format!("{KURUM}  - ad: Destek Hizmetleri Müdürlüğü\n");
    std::fs::write(p.path("kurum.yaml"), kurum).expect("kurum");
    let out = temp_dir("no-hedef");
    let written = templates_of(&p.dir, out.path());
    let w = written
        .iter()
        .find(|w| w.directorate == "Destek Hizmetleri Müdürlüğü")
        .expect("template of the directorate without hedef");
    assert!(w.path.ends_with("Destek Hizmetleri Müdürlüğü.xlsx"));
    let book = open_template(&w.path);
    let names: Vec<&str> = book.sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            GUIDE_SHEET,
            "Birim",
            "Göstergeler",
            "Gerçekleşmeler",
            "Faaliyetler",
            "Bütçe"
        ]
    );
    assert_eq!(book.text("Birim", 0, 1), "Destek Hizmetleri Müdürlüğü");
    for sheet in ["Göstergeler", "Gerçekleşmeler", "Faaliyetler"] {
        assert_eq!(book.last_row(sheet), 0, "{sheet}: header only");
        assert!(!book.headers(sheet).is_empty(), "{sheet} has its header");
    }
    assert_eq!(book.text("Göstergeler", 0, 0), "Gösterge Kodu");
    assert_eq!(book.text("Faaliyetler", 0, 0), "Faaliyet Kodu");
    assert_eq!(book.last_row("Bütçe"), 18, "01–09 for 2025 and 2026");
    let guide: Vec<String> = book
        .sheet(GUIDE_SHEET)
        .values()
        .filter_map(|v| match v {
            CellValue::Text(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        guide.iter().any(|s| s.contains("sorumlu olduğu hedef yok")),
        "{guide:?}"
    );

    // Sent back with only its budget, it reads cleanly.
    let mut filled = open_template(&w.path);
    for row in 1..=18 {
        let v = if row == 3 {
            Val::N(250_000.0)
        } else {
            Val::N(0.0)
        };
        filled.fill_row("Bütçe", row, &[("Başlangıç Ödeneği", v)]);
    }
    filled.save_as(&p.path("birimler/destek.xlsx"));
    let c = p.check();
    let mine: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.file.as_deref() == Some("birimler/destek.xlsx"))
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
    let lines: Vec<_> = c
        .model
        .budget
        .iter()
        .filter(|b| b.directorate == "Destek Hizmetleri Müdürlüğü")
        .collect();
    assert_eq!(lines.len(), 18);
    assert!(lines.iter().any(|b| b.year == 2025
        && b.economic_code == "03"
        && b.initial_appropriation.value == 250_000.0));
}

#[test]
fn a_hedef_without_indicators_gets_empty_rows_with_its_code() {
    let p = TestProject::empty("blank-rows");
    let out = temp_dir("blank-rows");
    let written = templates_of(&p.dir, out.path());
    let fen = open_template(&written[0].path);
    assert_eq!(fen.last_row("Göstergeler"), 3);
    for r in 1..=3 {
        assert_eq!(fen.text("Göstergeler", r, 0), "");
        assert_eq!(fen.text("Göstergeler", r, 1), "H1.1");
        assert!(!fen.locks.locked("Göstergeler", r, 1));
    }
    assert_eq!(fen.last_row("Faaliyetler"), 3);
    assert_eq!(fen.text("Faaliyetler", 1, 1), "H1.1");
    assert_eq!(fen.last_row("Gerçekleşmeler"), 0);
}

#[test]
fn the_same_project_gives_the_same_bytes() {
    let p = kit_source("bytes");
    let project = Project::load(&p.dir).expect("loads");
    let known = template::known_model(&project, &InProcessReader);
    let d = &project.settings.directorates[0];
    let a = template::workbook_bytes(&project, &known, d).expect("bytes");
    let b = template::workbook_bytes(&project, &known, d).expect("bytes");
    assert_eq!(a, b);
}

// ---------------------------------------------------------------------------------------
// LibreOffice opens the files.

#[test]
fn libreoffice_converts_every_sheet_to_csv() {
    let (_p, out, written) = kit_templates("soffice");
    let soffice = ["soffice", "libreoffice"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        eprintln!("atlandı: soffice bulunamadı; LibreOffice ile CSV dönüşümü denenmedi");
        return;
    };
    let csv_dir = out.path().join("csv");
    let profile = out.path().join("lo-profile");
    for w in &written {
        // Filter option 12 = -1 writes every sheet to its own file: <name>-<sheet>.csv.
        let status = Command::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to"])
            .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
            .arg("--outdir")
            .arg(&csv_dir)
            .arg(&w.path)
            .output()
            .expect("soffice runs");
        assert!(status.status.success(), "{status:?}");
        let stem = w
            .path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let read = |sheet: &str| -> String {
            let path = csv_dir.join(format!("{stem}-{sheet}.csv"));
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{} missing: {e}; {status:?}", path.display()))
        };
        let first_line = |sheet: &str| read(sheet).lines().next().unwrap_or("").to_string();
        assert!(first_line("Göstergeler").starts_with(
            "Gösterge Kodu,Hedef Kodu,Gösterge Adı,Ölçü Birimi,Göstergenin Yönü,Hedefe Etkisi (%),Başlangıç Değeri,2025,2026,2027,2028,2029,İzleme Sıklığı,Raporlama Sıklığı"
        ), "{}", first_line("Göstergeler"));
        assert!(first_line("Gerçekleşmeler").starts_with("Gösterge Kodu,"));
        assert!(
            first_line("Gerçekleşmeler").contains("Gerçekleşen Değer,Sapma Nedeni,Veri Kaynağı")
        );
        assert!(first_line("Faaliyetler")
            .starts_with("Faaliyet Kodu,Hedef Kodu,Faaliyet Adı,Türü,Yıl,Bütçe (TL)"));
        assert!(first_line("Bütçe").starts_with("Yıl,Ekonomik Kod,"));
        assert!(read("Birim").starts_with("Birim Adı,"));
        assert!(read(GUIDE_SHEET).contains("Son Teslim Tarihi"));
    }
}

// ---------------------------------------------------------------------------------------
// The command.

#[test]
fn command_needs_a_writable_output_folder() {
    let p = kit_source("cli");
    let out = temp_dir("cli");
    let no_o = Command::new(kitap_bin())
        .args(["sablon"])
        .arg(&p.dir)
        .output()
        .expect("runs");
    assert_eq!(no_o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&no_o.stderr);
    assert!(err.contains("-o") && err.contains("klasör"), "{err}");

    let file = out.path().join("dosya.txt");
    std::fs::write(&file, "x").expect("file");
    for bad in [file.clone(), file.join("alt")] {
        let r = Command::new(kitap_bin())
            .args(["templates"])
            .arg(&p.dir)
            .arg("-o")
            .arg(&bad)
            .output()
            .expect("runs");
        assert_eq!(r.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains("kullanılamıyor"), "{err}");
    }

    let target = out.path().join("sablonlar");
    let ok = Command::new(kitap_bin())
        .args(["sablon"])
        .arg(&p.dir)
        .arg("-o")
        .arg(&target)
        .args(["--yil", "2026"])
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    let err = String::from_utf8_lossy(&ok.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    for (line, name) in lines.iter().zip([
        "Fen İşleri Müdürlüğü.xlsx",
        "Zabıta Müdürlüğü.xlsx",
        "Kültür ve Sosyal İşler Müdürlüğü.xlsx",
    ]) {
        assert!(line.contains(name), "{line}");
        assert!(target.join(name).is_file());
    }
    // --yil 2026: this year's rows are 2026's.
    let fen = open_template(&target.join("Fen İşleri Müdürlüğü.xlsx"));
    let years: Vec<String> = (1..=fen.last_row("Gerçekleşmeler"))
        .map(|r| fen.text("Gerçekleşmeler", r, 2))
        .collect();
    assert!(years.contains(&"2026".to_string()), "{years:?}");

    let outside = Command::new(kitap_bin())
        .args(["sablon"])
        .arg(&p.dir)
        .arg("-o")
        .arg(&target)
        .args(["--yil", "2031"])
        .output()
        .expect("runs");
    assert_eq!(outside.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&outside.stderr).contains("plan döneminin"));
}
