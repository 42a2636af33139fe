//! Checks that the example is what every test and demo of kitap relies on: consistent with
//! every rule of spec/rules.md (no error, no warning), readable back from the written files,
//! the same bytes on every run, and in step with the hand-written amendment.
//!
//! The read-back uses its own small tolerant reader (header search, aliases, merges, Turkish
//! number text), independent of kitap's, so that a slip in the layout code shows up here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader, Sheets};

use super::activities::all_activities;
use super::indicators::INDICATORS;
use super::institution::{DIRECTORATES, GOALS, PLAN_YEARS, REPORT_YEAR};
use super::layouts::{budget_rows, turkish_number, turkish_unambiguous};
use super::{cost_estimate, generate};

/// The realisation rate of rules.md: `(X − A) / (Y − A) × 100`, and the maintain formulas
/// when `Y = A`.
pub fn rate(direction: &str, a: f64, y: f64, x: f64) -> f64 {
    if y != a {
        return (x - a) / (y - a) * 100.0;
    }
    let met = match direction {
        "Artış" => x >= y,
        "Azalış" => x <= y,
        _ => x == y,
    };
    if met {
        100.0
    } else if direction == "Azalış" {
        if x == 0.0 {
            0.0
        } else {
            y / x * 100.0
        }
    } else if y == 0.0 {
        0.0
    } else {
        x / y * 100.0
    }
}

// ---------------------------------------------------------------------------------------
// The tables themselves
// ---------------------------------------------------------------------------------------

fn objective_codes() -> Vec<&'static str> {
    GOALS
        .iter()
        .flat_map(|a| a.objectives.iter().map(|h| h.code))
        .collect()
}

#[test]
fn every_objectives_indicators_obey_the_rules() {
    for objective in objective_codes() {
        let inds: Vec<_> = INDICATORS
            .iter()
            .filter(|g| g.objective == objective)
            .collect();
        assert!(!inds.is_empty(), "G006: {objective} göstergesiz");
        let total: f64 = inds.iter().map(|g| g.weight).sum();
        assert!(
            (total - 100.0).abs() < 1e-9,
            "G005: {objective} ağırlıkları {total}"
        );
        for g in inds {
            assert!(g.weight > 0.0 && g.weight <= 100.0, "G007: {}", g.code);
            assert!(
                g.code.starts_with(&format!("PG{}.", &objective[1..])),
                "{} kodu {objective} ile uyuşmuyor",
                g.code
            );
            let series: Vec<f64> = std::iter::once(g.baseline).chain(g.targets).collect();
            match g.direction {
                "Artış" => assert!(series.windows(2).all(|w| w[0] <= w[1]), "G003: {}", g.code),
                "Azalış" => assert!(series.windows(2).all(|w| w[0] >= w[1]), "G003: {}", g.code),
                "Artış/Azalış" => {}
                direction => panic!("D005: {} yönü {direction}", g.code),
            }
            if g.unit == "Yüzde" {
                let values: Vec<f64> = series
                    .iter()
                    .copied()
                    .chain(g.interim)
                    .chain([g.year_end])
                    .collect();
                assert!(
                    values.iter().all(|x| (0.0..=100.0).contains(x)),
                    "G004: {}",
                    g.code
                );
                assert!(
                    !values.iter().all(|x| (0.0..=1.0).contains(x)),
                    "G008: {}",
                    g.code
                );
            }
            let o = rate(g.direction, g.baseline, g.targets[0], g.year_end);
            assert_eq!(
                o == 100.0,
                g.deviation_reason.is_empty(),
                "R002: {} oranı {o}",
                g.code
            );
            let frequent = g.monitoring != "Yıllık";
            assert!(
                !frequent || g.interim.is_some(),
                "R003: {} 1. İzleme yok",
                g.code
            );
            assert!(
                ["Aylık", "3 Ay", "6 Ay", "Yıllık"].contains(&g.monitoring),
                "{}",
                g.code
            );
            assert!(
                ["Aylık", "3 Ay", "6 Ay", "Yıllık"].contains(&g.reporting),
                "{}",
                g.code
            );
            assert!(
                super::institution::directorate(g.directorate).is_some(),
                "{}",
                g.code
            );
        }
    }
    let codes: BTreeSet<_> = INDICATORS.iter().map(|g| g.code).collect();
    assert_eq!(codes.len(), INDICATORS.len(), "D003: gösterge kodu iki kez");
    assert!(INDICATORS.len() >= 40);
}

#[test]
fn activities_and_budget_obey_the_rules() {
    let acts = all_activities();
    let codes: BTreeSet<_> = acts.iter().map(|f| f.code).collect();
    assert_eq!(codes.len(), acts.len(), "D003: faaliyet kodu iki kez");
    for objective in objective_codes() {
        for (i, year) in PLAN_YEARS.iter().enumerate() {
            assert!(
                acts.iter()
                    .any(|f| f.objective == objective && f.budget[i].is_some()),
                "{objective} için {year} yılında faaliyet yok"
            );
        }
    }
    for f in &acts {
        assert!(
            f.budget[0].is_some(),
            "{} 2025'te yok: B003 için satır gerekir",
            f.code
        );
        for i in 0..5 {
            assert!(
                f.budget[i].is_some() || f.off_budget[i] == 0,
                "{} bütçe dışı satırsız",
                f.code
            );
        }
        let prefix = if f.is_project { 'P' } else { 'F' };
        assert!(
            f.code
                .starts_with(&format!("{prefix}{}.", &f.objective[1..])),
            "{}",
            f.code
        );
    }
    for (index, b) in DIRECTORATES.iter().enumerate() {
        let rows = budget_rows(index, b);
        for s in rows.iter().filter(|s| s.year == REPORT_YEAR) {
            assert!(s.expenditure <= s.total, "B002: {} {}", b.name, s.code);
        }
        let appropriation_2026: u64 = rows
            .iter()
            .filter(|s| s.year == REPORT_YEAR + 1)
            .map(|s| s.total.unwrap_or(s.initial))
            .sum();
        let activities_2026: u64 = acts
            .iter()
            .filter(|f| f.directorate == b.short_name)
            .filter_map(|f| f.budget[1])
            .sum::<u64>()
            * 100;
        let amended = amendment_increase(b.short_name) * 100;
        assert!(
            activities_2026 + amended <= appropriation_2026,
            "B001: {}",
            b.name
        );
        let directorate_expenditure: u64 = rows
            .iter()
            .filter(|s| s.year == REPORT_YEAR)
            .filter_map(|s| s.expenditure)
            .sum();
        let activity_expenditure: u64 = acts
            .iter()
            .filter(|f| f.directorate == b.short_name)
            .map(|f| f.expenditure_2025)
            .sum::<u64>()
            * 100;
        assert!(
            activity_expenditure <= directorate_expenditure,
            "{}: faaliyet harcaması birim harcamasını aşıyor",
            b.name
        );
    }
}

#[test]
fn responsible_directorates_exist_and_some_have_no_indicators() {
    for a in GOALS {
        for h in a.objectives {
            assert!(
                super::institution::directorate(h.responsible).is_some(),
                "G009: {}",
                h.code
            );
            for i in h.cooperating {
                assert!(
                    super::institution::directorate(i).is_some(),
                    "{}: {i}",
                    h.code
                );
            }
        }
    }
    let without_indicators: Vec<_> = DIRECTORATES
        .iter()
        .filter(|b| !INDICATORS.iter().any(|g| g.directorate == b.short_name))
        .map(|b| b.short_name)
        .collect();
    assert!(
        without_indicators.contains(&"Yazı İşleri") && without_indicators.contains(&"Hukuk İşleri"),
        "{without_indicators:?}"
    );
    assert!(DIRECTORATES.len() >= 10);
}

#[test]
fn turkish_number_text() {
    assert_eq!(turkish_number(1234.5, 1), "1.234,5");
    assert_eq!(turkish_number(36_400_000.0, 0), "36.400.000");
    assert_eq!(turkish_number(70.6, 1), "70,6");
    assert!(!turkish_unambiguous("27.122"));
    assert!(turkish_unambiguous("1.234,5"));
    assert!(turkish_unambiguous("36.400.000"));
}

// ---------------------------------------------------------------------------------------
// The amendment
// ---------------------------------------------------------------------------------------

/// The committed example, in the repository root (this crate is `dev/`).
fn project_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/ornek-belediye")
}

struct Amendment {
    item: String,
    code: String,
    field: String,
    old_value: Option<f64>,
    new_value: f64,
}

fn amendments() -> Vec<Amendment> {
    let dir = project_dir().join("degisiklikler");
    let mut out = Vec::new();
    let Ok(listing) = std::fs::read_dir(&dir) else {
        return out;
    };
    let mut files: Vec<_> = listing.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let value = kitap::config::parse_yaml_value(&text).unwrap_or(serde_json::Value::Null);
        let Some(list) = value.get("degisiklikler").and_then(|d| d.as_array()) else {
            continue;
        };
        for d in list {
            let (item, code) = ["gosterge", "faaliyet", "hedef"]
                .iter()
                .find_map(|o| {
                    d.get(*o)
                        .and_then(|v| v.as_str())
                        .map(|k| (o.to_string(), k.to_string()))
                })
                .unwrap_or_default();
            out.push(Amendment {
                item,
                code,
                field: d
                    .get("alan")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string(),
                old_value: d.get("eski").and_then(|v| v.as_f64()),
                new_value: d.get("yeni").and_then(|v| v.as_f64()).unwrap_or(f64::NAN),
            });
        }
    }
    out
}

/// The 2026 budget the amendments add to a directorate's activities (TL).
fn amendment_increase(short: &str) -> u64 {
    let acts = all_activities();
    amendments()
        .iter()
        .filter(|d| d.item == "faaliyet" && d.field == "butce.2026")
        .filter_map(|d| {
            let f = acts
                .iter()
                .find(|f| f.code == d.code && f.directorate == short)?;
            Some((d.new_value as i64 - f.budget[1]? as i64).max(0) as u64)
        })
        .sum()
}

#[test]
fn amendment_matches_current_data() {
    let amends = amendments();
    assert!(!amends.is_empty(), "degisiklikler/ boş");
    let acts = all_activities();
    let mut cost_change: BTreeMap<String, f64> = BTreeMap::new();
    let mut objective_cost_change: BTreeMap<String, f64> = BTreeMap::new();
    let mut indicator_targets: BTreeMap<String, [f64; 5]> = BTreeMap::new();
    for d in &amends {
        match d.item.as_str() {
            "gosterge" => {
                let g = INDICATORS
                    .iter()
                    .find(|g| g.code == d.code)
                    .unwrap_or_else(|| panic!("A001: {}", d.code));
                let year: i32 = d.field.trim_start_matches("hedef.").parse().unwrap_or(0);
                let i = PLAN_YEARS
                    .iter()
                    .position(|y| *y == year)
                    .unwrap_or_else(|| panic!("A001: {}", d.field));
                assert_eq!(
                    d.old_value,
                    Some(g.targets[i]),
                    "A002: {} {}",
                    d.code,
                    d.field
                );
                indicator_targets.entry(d.code.clone()).or_insert(g.targets)[i] = d.new_value;
            }
            "faaliyet" => {
                let f = acts
                    .iter()
                    .find(|f| f.code == d.code)
                    .unwrap_or_else(|| panic!("A001: {}", d.code));
                assert_eq!(d.field, "butce.2026");
                let old_budget = f.budget[1].unwrap_or(0) as f64;
                if let Some(e) = d.old_value {
                    assert_eq!(e, old_budget, "A002: {}", d.code);
                }
                *cost_change.entry(f.objective.to_string()).or_default() +=
                    d.new_value - old_budget;
            }
            "hedef" => {
                assert_eq!(d.field, "maliyet_tahmini");
                assert_eq!(
                    d.old_value,
                    Some(cost_estimate(&d.code, &acts) as f64),
                    "A002: {}",
                    d.code
                );
                objective_cost_change
                    .insert(d.code.clone(), d.new_value - d.old_value.unwrap_or(0.0));
            }
            o => panic!("A004: {o}"),
        }
    }
    assert_eq!(
        cost_change, objective_cost_change,
        "B004: maliyet_tahmini değişikliği faaliyet bütçesiyle aynı değil"
    );
    for (code, targets) in indicator_targets {
        let g = INDICATORS
            .iter()
            .find(|g| g.code == code)
            .unwrap_or_else(|| panic!("{code}"));
        let series: Vec<f64> = std::iter::once(g.baseline).chain(targets).collect();
        assert!(
            series.windows(2).all(|w| w[0] <= w[1]) || g.direction != "Artış",
            "G003 değişiklik sonrası: {code}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Reading the written workbooks back
// ---------------------------------------------------------------------------------------

/// Sheet and header names the way the contract compares them.
fn norm(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'İ' | 'I' | 'ı' => 'i',
            'Ğ' | 'ğ' => 'g',
            'Ş' | 'ş' => 's',
            'Ç' | 'ç' => 'c',
            'Ö' | 'ö' => 'o',
            'Ü' | 'ü' => 'u',
            'Â' | 'â' => 'a',
            c => c,
        };
        for l in c.to_lowercase() {
            if l.is_alphanumeric() {
                out.push(l);
            }
        }
    }
    out
}

#[derive(Default)]
struct NumberReader {
    ambiguous_numbers: Vec<String>,
}

impl NumberReader {
    fn number(&mut self, d: &Data) -> Option<f64> {
        match d {
            Data::Float(x) => Some(*x),
            Data::Int(x) => Some(*x as f64),
            Data::String(s) => {
                let t: String = s
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '%')
                    .collect();
                if t.is_empty() {
                    return None;
                }
                let t = if t.contains(',') {
                    t.replace('.', "").replace(',', ".")
                } else if t.matches('.').count() > 1 {
                    t.replace('.', "")
                } else if t.split_once('.').is_some_and(|(_, k)| k.len() == 3) {
                    self.ambiguous_numbers.push(s.clone());
                    t.replace('.', "")
                } else {
                    t
                };
                t.parse().ok()
            }
            _ => None,
        }
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Float(x) if x.fract() == 0.0 => format!("{}", *x as i64),
        Data::Float(x) => format!("{x}"),
        Data::Int(x) => x.to_string(),
        _ => String::new(),
    }
}

fn code(d: &Data, prefix: &str) -> String {
    let t: String = text(d)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{t}")
    } else {
        t
    }
}

/// A sheet as absolute cells, merged regions filled in.
struct Grid {
    cells: BTreeMap<(u32, u32), Data>,
    row_count: u32,
}

impl Grid {
    fn at(&self, r: u32, c: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.cells.get(&(r, c)).unwrap_or(&EMPTY)
    }
}

fn read_sheet(
    workbook: &mut Sheets<std::io::BufReader<std::fs::File>>,
    wanted: &str,
) -> Option<Grid> {
    let name = workbook
        .sheet_names()
        .into_iter()
        .find(|a| norm(a) == norm(wanted))?;
    let range = workbook.worksheet_range(&name).ok()?;
    let mut cells = BTreeMap::new();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, d) in range.used_cells() {
        cells.insert((r0 + r as u32, c0 + c as u32), d.clone());
    }
    let merges: Vec<calamine::Dimensions> = match workbook {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).ok()?,
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).ok()?,
        _ => Vec::new(),
    };
    for b in merges {
        let value = cells.get(&b.start).cloned().unwrap_or(Data::Empty);
        for r in b.start.0..=b.end.0 {
            for c in b.start.1..=b.end.1 {
                cells.insert((r, c), value.clone());
            }
        }
    }
    let row_count = cells.keys().map(|(r, _)| r + 1).max().unwrap_or(0);
    Some(Grid { cells, row_count })
}

/// One expected column: canonical name, aliases, required.
struct Column {
    name: String,
    aliases: Vec<String>,
    required: bool,
}

fn columns(list: &[(&str, &[&str], bool)]) -> Vec<Column> {
    list.iter()
        .map(|(name, aliases, required)| Column {
            name: name.to_string(),
            aliases: aliases.iter().map(|t| t.to_string()).collect(),
            required: *required,
        })
        .collect()
}

/// Finds the header row (within the first 20) holding every required column; returns the
/// data rows as maps from canonical column name to cell.
fn read_table(grid: &Grid, columns: &[Column]) -> Vec<BTreeMap<String, Data>> {
    for header_row in 0..20.min(grid.row_count) {
        let mut found: BTreeMap<&str, u32> = BTreeMap::new();
        for c in 0..64 {
            let h = norm(&text(grid.at(header_row, c)));
            if h.is_empty() {
                continue;
            }
            for s in columns {
                if norm(&s.name) == h || s.aliases.iter().any(|t| norm(t) == h) {
                    found.entry(&s.name).or_insert(c);
                }
            }
        }
        if !columns
            .iter()
            .all(|s| !s.required || found.contains_key(s.name.as_str()))
        {
            continue;
        }
        let mut result = Vec::new();
        for r in header_row + 1..grid.row_count {
            let mut row = BTreeMap::new();
            for (name, &c) in &found {
                let d = grid.at(r, c);
                let empty =
                    matches!(d, Data::Empty) || matches!(d, Data::String(s) if s.trim().is_empty());
                if !empty {
                    row.insert(name.to_string(), d.clone());
                }
            }
            if !row.is_empty() {
                result.push(row);
            }
        }
        return result;
    }
    panic!(
        "başlık satırı bulunamadı: {:?}",
        columns.iter().map(|s| &s.name).collect::<Vec<_>>()
    );
}

#[derive(Debug, Clone)]
struct ReadIndicator {
    code: String,
    objective: String,
    directorate: String,
    unit: String,
    direction: String,
    weight: f64,
    baseline: f64,
    targets: [f64; 5],
    monitoring: String,
}

#[derive(Debug, Clone)]
struct ReadActual {
    code: String,
    interim: bool,
    value: f64,
    deviation_reason: String,
}

#[derive(Debug, Clone)]
struct ReadActivity {
    code: String,
    objective: String,
    directorate: String,
    year: i32,
    budget: f64,
    off_budget: f64,
    expenditure: Option<f64>,
    status: String,
}

#[derive(Debug, Clone)]
struct ReadBudgetRow {
    directorate: String,
    year: i32,
    code: String,
    initial: f64,
    total: f64,
    expenditure: Option<f64>,
}

#[derive(Default)]
struct Model {
    directorates: Vec<String>,
    indicators: Vec<ReadIndicator>,
    actuals: Vec<ReadActual>,
    activities: Vec<ReadActivity>,
    budget: Vec<ReadBudgetRow>,
    ambiguous: Vec<String>,
}

fn find_workbooks(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            find_workbooks(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("xlsx" | "xls" | "ods")
        ) {
            out.push(path);
        }
    }
}

fn read_model(root: &Path) -> Model {
    let mut m = Model::default();
    let mut reader = NumberReader::default();
    let mut paths = Vec::new();
    find_workbooks(&root.join("birimler"), &mut paths);
    for path in paths {
        let mut workbook =
            open_workbook_auto(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let directorate_sheet = read_sheet(&mut workbook, "Birim")
            .unwrap_or_else(|| panic!("{}: Birim yok", path.display()));
        let mut directorate_name = String::new();
        for r in 0..directorate_sheet.row_count {
            let key = norm(&text(directorate_sheet.at(r, 0)));
            if ["birimadi", "mudurluk", "harcamabirimi"].contains(&key.as_str()) {
                directorate_name = text(directorate_sheet.at(r, 1));
            }
        }
        let directorate = DIRECTORATES
            .iter()
            .find(|b| {
                norm(b.name) == norm(&directorate_name)
                    || norm(b.short_name) == norm(&directorate_name)
            })
            .unwrap_or_else(|| panic!("Y005: {} ({directorate_name})", path.display()));
        m.directorates.push(directorate.name.to_string());

        if let Some(s) = read_sheet(&mut workbook, "Göstergeler") {
            let mut cols = columns(&[
                ("Gösterge Kodu", &["Kod", "PG Kodu", "Gösterge No"], true),
                ("Hedef Kodu", &["Hedef"], true),
                ("Gösterge Adı", &["Performans Göstergesi", "Gösterge"], true),
                ("Ölçü Birimi", &["Birim Türü", "Ölçü"], true),
                ("Göstergenin Yönü", &["Yön"], true),
                (
                    "Hedefe Etkisi (%)",
                    &["Hedefe Etkisi", "Etki", "Ağırlık"],
                    true,
                ),
                (
                    "Başlangıç Değeri",
                    &["Plan Dönemi Başlangıç Değeri", "Mevcut Değer"],
                    true,
                ),
                ("İzleme Sıklığı", &["İzleme"], true),
                ("Raporlama Sıklığı", &["Raporlama"], true),
            ]);
            for y in PLAN_YEARS {
                cols.push(Column {
                    name: y.to_string(),
                    aliases: vec![format!("{y} Hedefi"), format!("{y} Yılı Hedef")],
                    required: true,
                });
            }
            for row in read_table(&s, &cols) {
                let d = |k: &str| row.get(k).cloned().unwrap_or(Data::Empty);
                let mut targets = [f64::NAN; 5];
                for (i, y) in PLAN_YEARS.iter().enumerate() {
                    targets[i] = reader.number(&d(&y.to_string())).unwrap_or(f64::NAN);
                }
                m.indicators.push(ReadIndicator {
                    code: code(&d("Gösterge Kodu"), "PG"),
                    objective: code(&d("Hedef Kodu"), "H"),
                    directorate: directorate.name.to_string(),
                    unit: text(&d("Ölçü Birimi")),
                    direction: text(&d("Göstergenin Yönü")),
                    weight: reader.number(&d("Hedefe Etkisi (%)")).unwrap_or(f64::NAN),
                    baseline: reader.number(&d("Başlangıç Değeri")).unwrap_or(f64::NAN),
                    targets,
                    monitoring: text(&d("İzleme Sıklığı")),
                });
            }
        }
        if let Some(s) = read_sheet(&mut workbook, "Gerçekleşmeler") {
            let cols = columns(&[
                ("Gösterge Kodu", &["Kod"], true),
                ("Yıl", &[], true),
                ("Dönem", &["İzleme Dönemi"], true),
                ("Gerçekleşen Değer", &["Gerçekleşme", "Değer"], true),
                ("Sapma Nedeni", &["Açıklama", "Sapmanın Nedenleri"], false),
            ]);
            for row in read_table(&s, &cols) {
                let d = |k: &str| row.get(k).cloned().unwrap_or(Data::Empty);
                let period = norm(&text(&d("Dönem")));
                let interim = ["1izleme", "idonem", "6ay", "ara"].contains(&period.as_str());
                assert!(
                    interim || ["yilsonu", "iidonem", "12ay", "yillik"].contains(&period.as_str()),
                    "D005: {period}"
                );
                assert_eq!(reader.number(&d("Yıl")), Some(REPORT_YEAR as f64));
                m.actuals.push(ReadActual {
                    code: code(&d("Gösterge Kodu"), "PG"),
                    interim,
                    value: reader.number(&d("Gerçekleşen Değer")).unwrap_or(f64::NAN),
                    deviation_reason: text(&d("Sapma Nedeni")),
                });
            }
        }
        if let Some(s) = read_sheet(&mut workbook, "Faaliyetler") {
            let cols = columns(&[
                ("Faaliyet Kodu", &["Kod"], true),
                ("Hedef Kodu", &["Hedef", "Performans Hedefi"], true),
                (
                    "Faaliyet Adı",
                    &["Faaliyet/Proje Adı", "Faaliyet", "Proje"],
                    true,
                ),
                ("Türü", &["Tür"], false),
                ("Yıl", &[], true),
                (
                    "Bütçe (TL)",
                    &["Bütçe Kaynağı", "Planlanan Tutar", "Ödenek"],
                    true,
                ),
                ("Bütçe Dışı (TL)", &["Bütçe Dışı Kaynak"], false),
                (
                    "Gerçekleşen (TL)",
                    &["Harcama", "Gerçekleşen Harcama"],
                    false,
                ),
                ("Durum", &["Gerçekleşme Durumu"], false),
            ]);
            for row in read_table(&s, &cols) {
                let d = |k: &str| row.get(k).cloned().unwrap_or(Data::Empty);
                let kind = text(&d("Türü"));
                let prefix = if norm(&kind) == "proje" { "P" } else { "F" };
                m.activities.push(ReadActivity {
                    code: code(&d("Faaliyet Kodu"), prefix),
                    objective: code(&d("Hedef Kodu"), "H"),
                    directorate: directorate.name.to_string(),
                    year: reader.number(&d("Yıl")).unwrap_or(0.0) as i32,
                    budget: reader.number(&d("Bütçe (TL)")).unwrap_or(f64::NAN),
                    off_budget: reader.number(&d("Bütçe Dışı (TL)")).unwrap_or(0.0),
                    expenditure: reader.number(&d("Gerçekleşen (TL)")),
                    status: text(&d("Durum")),
                });
            }
        }
        if let Some(s) = read_sheet(&mut workbook, "Bütçe") {
            let cols = columns(&[
                ("Yıl", &[], true),
                ("Ekonomik Kod", &["Kod"], true),
                ("Başlangıç Ödeneği", &["Bütçe Ödeneği", "Ödenek"], true),
                (
                    "Toplam Ödenek",
                    &["Yıl Sonu Ödeneği", "Revize Ödenek"],
                    false,
                ),
                ("Harcama", &["Gerçekleşen", "Harcanan"], false),
            ]);
            for row in read_table(&s, &cols) {
                let d = |k: &str| row.get(k).cloned().unwrap_or(Data::Empty);
                let initial = reader.number(&d("Başlangıç Ödeneği")).unwrap_or(f64::NAN);
                let code_text = text(&d("Ekonomik Kod"));
                m.budget.push(ReadBudgetRow {
                    directorate: directorate.name.to_string(),
                    year: reader.number(&d("Yıl")).unwrap_or(0.0) as i32,
                    code: format!("{:0>2}", code_text),
                    initial,
                    total: reader.number(&d("Toplam Ödenek")).unwrap_or(initial),
                    expenditure: reader.number(&d("Harcama")),
                });
            }
        }
    }
    m.ambiguous = reader.ambiguous_numbers;
    m
}

/// Recomputes every rule on what was read back; returns the summary printed by the test.
fn check_rules(m: &Model) -> String {
    let objectives = objective_codes();
    let plan_cost: BTreeMap<&str, u64> = {
        let acts = all_activities();
        objectives
            .iter()
            .map(|h| (*h, cost_estimate(h, &acts)))
            .collect()
    };
    assert!(m.ambiguous.is_empty(), "D006: {:?}", m.ambiguous);

    // Y006/Y007: one workbook per expected directorate.
    let directorates: BTreeSet<_> = m.directorates.iter().collect();
    assert_eq!(directorates.len(), m.directorates.len(), "Y006");
    assert_eq!(directorates.len(), DIRECTORATES.len(), "Y007");

    let mut summary = String::new();
    let mut rate_counts = (0, 0, 0);
    for h in &objectives {
        let inds: Vec<_> = m.indicators.iter().filter(|g| g.objective == *h).collect();
        assert!(!inds.is_empty(), "G006: {h}");
        let total: f64 = inds.iter().map(|g| g.weight).sum();
        assert!((total - 100.0).abs() <= 0.01, "G005: {h} = {total}");
        let mut objective_achievement = 0.0;
        for g in &inds {
            assert!(g.weight > 0.0 && g.weight <= 100.0, "G007: {}", g.code);
            assert!(
                g.code.starts_with("PG") && g.targets.iter().all(|x| x.is_finite()),
                "G002: {}",
                g.code
            );
            let series: Vec<f64> = std::iter::once(g.baseline).chain(g.targets).collect();
            match g.direction.as_str() {
                "Artış" => assert!(series.windows(2).all(|w| w[0] <= w[1]), "G003: {}", g.code),
                "Azalış" => assert!(series.windows(2).all(|w| w[0] >= w[1]), "G003: {}", g.code),
                "Artış/Azalış" => {}
                y => panic!("D005: {} {y}", g.code),
            }
            let year_end: Vec<_> = m
                .actuals
                .iter()
                .filter(|r| r.code == g.code && !r.interim)
                .collect();
            assert_eq!(year_end.len(), 1, "R001: {}", g.code);
            let interim_count = m
                .actuals
                .iter()
                .filter(|r| r.code == g.code && r.interim)
                .count();
            if g.monitoring != "Yıllık" {
                assert_eq!(interim_count, 1, "R003: {}", g.code);
            }
            let x = year_end[0].value;
            if g.unit == "Yüzde" {
                assert!(
                    (0.0..=100.0).contains(&x) && series.iter().all(|v| (0.0..=100.0).contains(v)),
                    "G004: {}",
                    g.code
                );
            }
            let o = rate(&g.direction, g.baseline, g.targets[0], x);
            if o != 100.0 {
                assert!(
                    !year_end[0].deviation_reason.is_empty(),
                    "R002: {} oranı {o}",
                    g.code
                );
            }
            match o.partial_cmp(&100.0) {
                Some(std::cmp::Ordering::Less) => rate_counts.0 += 1,
                Some(std::cmp::Ordering::Equal) => rate_counts.1 += 1,
                _ => rate_counts.2 += 1,
            }
            objective_achievement += o.min(100.0) * g.weight / 100.0;
        }
        // B004 on the workbooks as submitted (before the amendment).
        let cost: f64 = m
            .activities
            .iter()
            .filter(|f| f.objective == *h)
            .map(|f| f.budget + f.off_budget)
            .sum();
        assert_eq!(cost, plan_cost[h] as f64, "B004: {h}");
        summary.push_str(&format!(
            "{h}: {} gösterge, ağırlık {total}, gerçekleşme %{}, maliyet {} TL\n",
            inds.len(),
            turkish_number(objective_achievement, 1),
            turkish_number(cost, 0)
        ));
    }
    // Every row refers to something real.
    for r in &m.actuals {
        assert!(
            m.indicators.iter().any(|g| g.code == r.code),
            "D002: {}",
            r.code
        );
    }
    let mut seen = BTreeSet::new();
    for f in &m.activities {
        assert!(
            objectives.contains(&f.objective.as_str()),
            "D002: {} {}",
            f.code,
            f.objective
        );
        assert!(PLAN_YEARS.contains(&f.year), "D004: {}", f.code);
        assert!(
            seen.insert((f.code.clone(), f.year)),
            "D003: {} {}",
            f.code,
            f.year
        );
        if f.year == REPORT_YEAR {
            assert!(
                f.expenditure.is_some() && !f.status.is_empty(),
                "B003: {}",
                f.code
            );
        }
    }
    // B001 and B002 per directorate.
    let mut appropriation_totals = (0.0, 0.0, 0.0, 0.0);
    for b in DIRECTORATES {
        let rows: Vec<_> = m
            .budget
            .iter()
            .filter(|s| s.directorate == b.name)
            .collect();
        for s in rows.iter().filter(|s| s.year == REPORT_YEAR) {
            assert!(
                s.expenditure.unwrap_or(0.0) <= s.total,
                "B002: {} {}",
                b.name,
                s.code
            );
            assert!(
                s.code.len() == 2 && ("01"..="09").contains(&s.code.as_str()),
                "D005: {}",
                s.code
            );
            appropriation_totals.0 += s.initial;
            appropriation_totals.1 += s.total;
            appropriation_totals.2 += s.expenditure.unwrap_or(0.0);
        }
        let appropriation_2026: f64 = rows
            .iter()
            .filter(|s| s.year == REPORT_YEAR + 1)
            .map(|s| s.total)
            .sum();
        appropriation_totals.3 += appropriation_2026;
        let activities_2026: f64 = m
            .activities
            .iter()
            .filter(|f| f.directorate == b.name && f.year == REPORT_YEAR + 1)
            .map(|f| f.budget)
            .sum();
        let diff = amendment_increase(b.short_name) as f64;
        assert!(
            activities_2026 + diff <= appropriation_2026,
            "B001: {}",
            b.name
        );
    }
    let activity_codes: BTreeSet<_> = m.activities.iter().map(|f| f.code.clone()).collect();
    let projects = activity_codes.iter().filter(|k| k.starts_with('P')).count();
    summary.push_str(&format!(
        "birim {}, amaç {}, hedef {}, gösterge {}, gerçekleşme satırı {} (oran <100: {}, =100: {}, >100: {}), \
         faaliyet/proje {} ({} proje, {} satır), bütçe satırı {}\n\
         2025 başlangıç ödeneği {} TL, toplam ödenek {} TL, harcama {} TL; 2026 ödenek {} TL\n",
        m.directorates.len(),
        GOALS.len(),
        objectives.len(),
        m.indicators.len(),
        m.actuals.len(),
        rate_counts.0,
        rate_counts.1,
        rate_counts.2,
        activity_codes.len(),
        projects,
        m.activities.len(),
        m.budget.len(),
        turkish_number(appropriation_totals.0, 2),
        turkish_number(appropriation_totals.1, 2),
        turkish_number(appropriation_totals.2, 2),
        turkish_number(appropriation_totals.3, 2),
    ));
    summary
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("geçici dizin: {e}"))
}

#[test]
fn written_workbooks_read_back_obey_the_rules() {
    let dir = temp_dir();
    generate(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let m = read_model(dir.path());
    assert_eq!(m.indicators.len(), INDICATORS.len());
    assert_eq!(
        m.activities.len(),
        all_activities()
            .iter()
            .map(|f| f.budget.iter().flatten().count())
            .sum::<usize>()
    );
    for g in INDICATORS {
        let o = m
            .indicators
            .iter()
            .find(|o| o.code == g.code)
            .unwrap_or_else(|| panic!("{} okunamadı", g.code));
        assert_eq!(
            (o.objective.as_str(), o.weight, o.baseline, o.targets),
            (g.objective, g.weight, g.baseline, g.targets),
            "{}",
            g.code
        );
        assert_eq!(
            (
                o.unit.as_str(),
                o.direction.as_str(),
                o.directorate.as_str()
            ),
            (g.unit, g.direction, super::full_name(g.directorate))
        );
        let year_end = m
            .actuals
            .iter()
            .find(|r| r.code == g.code && !r.interim)
            .map(|r| r.value);
        assert_eq!(year_end, Some(g.year_end), "{}", g.code);
    }
    let summary = check_rules(&m);
    println!("{summary}");
}

#[test]
fn generation_writes_the_same_bytes_every_time() {
    let (a, b) = (temp_dir(), temp_dir());
    let written_a = generate(a.path()).unwrap_or_else(|e| panic!("{e}"));
    let written_b = generate(b.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written_a.len(), written_b.len());
    for (x, y) in written_a.iter().zip(&written_b) {
        let bytes_a = std::fs::read(x).unwrap_or_default();
        let bytes_b = std::fs::read(y).unwrap_or_default();
        assert!(
            !bytes_a.is_empty() && bytes_a == bytes_b,
            "{} iki üretimde farklı",
            x.display()
        );
    }
}

#[test]
fn committed_example_matches_generated() {
    let dir = temp_dir();
    let paths = generate(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    for path in paths {
        let relative = path.strip_prefix(dir.path()).unwrap_or(&path);
        let committed = std::fs::read(project_dir().join(relative)).unwrap_or_default();
        let generated = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "data/ornek-belediye/{} güncel değil: `cargo run --bin ornek-veri` ile yeniden üretin",
            relative.display()
        );
    }
    let committed_model = read_model(&project_dir());
    println!("{}", check_rules(&committed_model));
}
