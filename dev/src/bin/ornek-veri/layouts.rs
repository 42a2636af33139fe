//! Lays the data out as directorate workbooks, each in its directorate's own style.

use kitap_dev::sheetwrite::{CellValue, SheetSpec, WorkbookSpec};

use super::activities::Activity;
use super::finance;
use super::indicators::Indicator;
use super::institution::{BudgetItem, Directorate, Style, PLAN_YEARS, REPORT_YEAR};

/// A flat table before it is placed on a sheet: headers and rows of optional cells.
struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Option<CellValue>>>,
    /// Vertical merges inside the data area: (first data row, last data row, column), 0-based
    /// within the data rows.
    vertical_merges: Vec<(usize, usize, usize)>,
}

impl Table {
    fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            vertical_merges: Vec::new(),
        }
    }

    fn column(&self, header: &str) -> usize {
        self.headers
            .iter()
            .position(|b| b == header)
            .unwrap_or_else(|| {
                // The headers are this file's own constants: a miss is a bug in this generator.
                panic!("ornek-veri: no column {header:?}")
            })
    }

    fn push_row(&mut self, cells: Vec<(&str, CellValue)>) {
        let mut row = vec![None; self.headers.len()];
        for (header, value) in cells {
            let i = self.column(header);
            row[i] = Some(value);
        }
        self.rows.push(row);
    }

    /// Renames headers to their aliases: `(canonical, alias)` pairs.
    fn rename_to_aliases(&mut self, pairs: &[(&str, &str)]) {
        for (canonical, alias) in pairs {
            let i = self.column(canonical);
            self.headers[i] = alias.to_string();
        }
    }

    /// Puts the columns in the given order (every header must be named).
    fn reorder(&mut self, order: &[&str]) {
        let indices: Vec<usize> = order.iter().map(|b| self.column(b)).collect();
        assert_eq!(
            indices.len(),
            self.headers.len(),
            "ornek-veri: column order must name every column"
        );
        self.headers = indices.iter().map(|&i| self.headers[i].clone()).collect();
        for row in &mut self.rows {
            *row = indices.iter().map(|&i| row[i].clone()).collect();
        }
        for (_, _, column) in &mut self.vertical_merges {
            *column = indices
                .iter()
                .position(|&i| i == *column)
                .unwrap_or(*column);
        }
    }

    /// Writes the header at `first` (0-based) and the rows under it.
    fn place(&self, sheet: &mut SheetSpec, first: u32) {
        sheet.row(first, self.headers.iter().map(|b| Some(b.as_str())));
        for (i, row) in self.rows.iter().enumerate() {
            sheet.row(first + 1 + i as u32, row.iter().cloned());
        }
        for &(start_row, end_row, column) in &self.vertical_merges {
            sheet.merge(
                first + 1 + start_row as u32,
                column as u32,
                first + 1 + end_row as u32,
                column as u32,
            );
        }
        for (i, header) in self.headers.iter().enumerate() {
            let width = self
                .rows
                .iter()
                .filter_map(|s| match &s[i] {
                    Some(CellValue::Text(t)) => Some(t.chars().count().min(60)),
                    Some(_) => Some(14),
                    None => None,
                })
                .chain(std::iter::once(header.chars().count()))
                .max()
                .unwrap_or(10);
            sheet
                .column_widths
                .insert(i as u32, (width as f64 + 2.0).max(8.0));
        }
    }
}

fn text(s: &str) -> CellValue {
    CellValue::Text(s.to_string())
}

fn number(x: f64) -> CellValue {
    CellValue::Number(x)
}

fn tl(x: u64) -> CellValue {
    CellValue::Number(x as f64)
}

/// Kuruş as a number of TL with two decimals.
fn tl_from_kurus(x: u64) -> CellValue {
    CellValue::Number(x as f64 / 100.0)
}

/// A number written the Turkish way: `1.234.567,89`, `11.842,5`, `70,6`. Thousands groups
/// are only used where the text stays unambiguous (see [`turkish_unambiguous`]).
pub fn turkish_number(x: f64, decimals: usize) -> String {
    let sign = if x < 0.0 { "-" } else { "" };
    let text = format!("{:.*}", decimals, x.abs());
    let (integer, fraction) = match text.split_once('.') {
        Some((t, k)) => (t.to_string(), Some(k.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match fraction {
        Some(k) => format!("{sign}{grouped},{k}"),
        None => format!("{sign}{grouped}"),
    }
}

/// True when the Turkish text of a number cannot be read as a decimal point: a single
/// thousands dot followed by exactly three digits and nothing else (`27.122`) is the
/// ambiguous shape the reader warns about (D006).
pub fn turkish_unambiguous(text: &str) -> bool {
    let dots = text.matches('.').count();
    !(dots == 1 && !text.contains(',') && text.split_once('.').is_some_and(|(_, s)| s.len() == 3))
}

/// A number as Turkish text where that is unambiguous, else as a plain number.
fn turkish_cell(x: f64, decimals: usize) -> CellValue {
    let m = turkish_number(x, decimals);
    if turkish_unambiguous(&m) {
        CellValue::Text(m)
    } else {
        CellValue::Number(x)
    }
}

/// The text of a figure without trailing zero decimals: 70.6 → "70,6", 35 → "35".
fn short_turkish(x: f64) -> String {
    if x.fract() == 0.0 {
        turkish_number(x, 0)
    } else {
        let m = turkish_number(x, 2);
        m.trim_end_matches('0').to_string()
    }
}

fn economic_code_name(code: &str) -> &'static str {
    match code {
        "01" => "Personel Giderleri",
        "02" => "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
        "03" => "Mal ve Hizmet Alım Giderleri",
        "04" => "Faiz Giderleri",
        "05" => "Cari Transferler",
        "06" => "Sermaye Giderleri",
        "07" => "Sermaye Transferleri",
        "08" => "Borç Verme",
        "09" => "Yedek Ödenekler",
        _ => "",
    }
}

/// Rounds to the nearest 10.000 TL.
fn round_10k(tl: u64) -> u64 {
    (tl + 5_000) / 10_000 * 10_000
}

/// One budget line as the directorate reports it, amounts in kuruş.
pub struct BudgetRow {
    pub year: i32,
    pub code: &'static str,
    pub initial: u64,
    pub total: Option<u64>,
    pub expenditure: Option<u64>,
}

/// The 2025 and 2026 budget lines of a directorate.
pub fn budget_rows(directorate_index: usize, directorate: &Directorate) -> Vec<BudgetRow> {
    let mut out = Vec::new();
    for item in directorate.budget {
        out.push(BudgetRow {
            year: REPORT_YEAR,
            code: item.code,
            initial: item.initial * 100,
            total: Some(item.total * 100),
            expenditure: Some(expenditure(directorate_index, item)),
        });
    }
    for item in directorate.budget {
        out.push(BudgetRow {
            year: REPORT_YEAR + 1,
            code: item.code,
            initial: round_10k(item.initial * directorate.growth_2026 / 100) * 100,
            total: None,
            expenditure: None,
        });
    }
    out
}

/// Expenditure (Harcama) in kuruş: the share of Toplam Ödenek, less a few hundred TL so the
/// figures do not look computed. Never above Toplam Ödenek.
fn expenditure(directorate_index: usize, item: &BudgetItem) -> u64 {
    if item.expenditure_bp == 0 {
        return 0;
    }
    let code: u64 = item.code.parse().unwrap_or(0);
    let base = item.total * item.expenditure_bp / 100;
    let jitter = ((directorate_index as u64 * 31 + code * 17) % 97) * 1_013;
    base.saturating_sub(jitter)
}

/// Everything one directorate sends.
pub struct DirectorateData<'a> {
    pub index: usize,
    pub directorate: &'a Directorate,
    pub indicators: Vec<&'a Indicator>,
    pub activities: Vec<&'a Activity>,
}

pub fn workbook(v: &DirectorateData) -> WorkbookSpec {
    let style = v.directorate.style;
    let mut sheets = vec![directorate_sheet(v.directorate)];
    let banner = |subtitle: &str| -> Option<[String; 2]> {
        (style == Style::Bannered).then(|| {
            [
                format!(
                    "PALANDÖKEN BELEDİYESİ — {}",
                    v.directorate.name.to_uppercase_tr()
                ),
                subtitle.to_string(),
            ]
        })
    };
    let no_indicators = v.indicators.is_empty();
    // Hukuk İşleri sends an empty indicator sheet; Yazı İşleri leaves the sheet out.
    if !no_indicators || v.directorate.short_name == super::institution::LEGAL {
        let name = if style == Style::Aliased {
            "GÖSTERGELER"
        } else {
            "Göstergeler"
        };
        sheets.push(sheet(
            name,
            indicator_table(v),
            banner("2025-2029 Stratejik Planı — Hedef Kartı Performans Göstergeleri").as_ref(),
        ));
    }
    if !no_indicators {
        sheets.push(sheet(
            "Gerçekleşmeler",
            actuals_table(v),
            banner("2025 Yılı Performans Göstergesi Gerçekleşmeleri").as_ref(),
        ));
    }
    if !v.activities.is_empty() {
        sheets.push(sheet(
            "Faaliyetler",
            activity_table(v),
            banner("Faaliyet ve Projeler (2025-2029)").as_ref(),
        ));
    }
    let budget_sheet_name = if v.directorate.file.ends_with(".xls") {
        "Butce"
    } else {
        "Bütçe"
    };
    sheets.push(sheet(
        budget_sheet_name,
        budget_table(v),
        banner("Ekonomik Koda Göre Bütçe (TL)").as_ref(),
    ));
    if v.directorate.short_name == finance::CARRIER {
        sheets.extend(finance_sheets(style));
    }
    match style {
        Style::Bannered => sheets.push(notes_sheet()),
        Style::HiddenSheet => sheets.push(lists_sheet()),
        _ => {}
    }
    WorkbookSpec { sheets }
}

fn sheet(name: &str, table: Table, banner: Option<&[String; 2]>) -> SheetSpec {
    let mut s = SheetSpec::new(name);
    let first = match banner {
        Some([top, sub]) => {
            s.set(0, 0, top.as_str());
            s.merge(0, 0, 0, table.headers.len() as u32 - 1);
            s.set(1, 0, sub.as_str());
            2
        }
        None => 0,
    };
    table.place(&mut s, first);
    s
}

fn directorate_sheet(b: &Directorate) -> SheetSpec {
    let mut s = SheetSpec::new("Birim");
    let (name_key, official_key, name) = match b.style {
        Style::Aliased => ("Müdürlük", "Müdür", b.short_name.to_string()),
        Style::PeriodAliased => ("Birim Adı", "Harcama Yetkilisi", b.name.to_uppercase_tr()),
        _ => ("Birim Adı", "Harcama Yetkilisi", b.name.to_string()),
    };
    let rows = [
        (name_key, name),
        (official_key, b.official.to_string()),
        ("Unvan", b.title.to_string()),
        ("Hazırlayan", b.prepared_by.to_string()),
        ("Tarih", b.date.to_string()),
    ];
    for (i, (key, value)) in rows.into_iter().enumerate() {
        s.set(i as u32, 0, key);
        s.set(i as u32, 1, value);
    }
    s.column_widths.insert(0, 20.0);
    s.column_widths.insert(1, 48.0);
    s
}

const INDICATOR_HEADERS: [&str; 16] = kitap_dev::headers::INDICATOR;

fn indicator_table(v: &DirectorateData) -> Table {
    let style = v.directorate.style;
    let mut t = Table::new(&INDICATOR_HEADERS);
    for (i, g) in v.indicators.iter().enumerate() {
        let code = match style {
            // Codes as people type them: without the prefix, or in lower case with a space.
            Style::Aliased if i % 3 == 0 => g.code.trim_start_matches("PG").to_string(),
            Style::Aliased if i % 3 == 1 => format!("pg {}", g.code.trim_start_matches("PG")),
            _ => g.code.to_string(),
        };
        let objective = if style == Style::Merged {
            g.objective.to_lowercase()
        } else {
            g.objective.to_string()
        };
        let weight = if style == Style::NumbersAsText {
            text(&format!("%{}", short_turkish(g.weight)))
        } else {
            number(g.weight)
        };
        let mut cells = vec![
            ("Gösterge Kodu", text(&code)),
            ("Hedef Kodu", text(&objective)),
            ("Gösterge Adı", text(g.name)),
            ("Ölçü Birimi", text(g.unit)),
            ("Göstergenin Yönü", text(g.direction)),
            ("Hedefe Etkisi (%)", weight),
            ("Başlangıç Değeri", number(g.baseline)),
            ("İzleme Sıklığı", text(g.monitoring)),
            ("Raporlama Sıklığı", text(g.reporting)),
        ];
        for (year, target) in ["2025", "2026", "2027", "2028", "2029"]
            .into_iter()
            .zip(g.targets)
        {
            cells.push((year, number(target)));
        }
        if !g.cooperating.is_empty() {
            cells.push(("İşbirliği Yapılacak Birimler", text(g.cooperating)));
        }
        if !g.note.is_empty() {
            cells.push(("Açıklama", text(g.note)));
        }
        t.push_row(cells);
    }
    if style == Style::Aliased {
        t.rename_to_aliases(&[
            ("Gösterge Kodu", "PG Kodu"),
            ("Hedef Kodu", "Hedef"),
            ("Gösterge Adı", "Performans Göstergesi"),
            ("Ölçü Birimi", "Ölçü"),
            ("Göstergenin Yönü", "Yön"),
            ("Hedefe Etkisi (%)", "Ağırlık"),
            ("Başlangıç Değeri", "Mevcut Değer"),
            ("2025", "2025 Hedefi"),
            ("2026", "2026 Hedefi"),
            ("2027", "2027 Hedefi"),
            ("2028", "2028 Hedefi"),
            ("2029", "2029 Hedefi"),
            ("İzleme Sıklığı", "İzleme"),
            ("Raporlama Sıklığı", "Raporlama"),
            ("İşbirliği Yapılacak Birimler", "İşbirliği"),
            ("Açıklama", "Not"),
        ]);
        t.reorder(&[
            "Hedef",
            "PG Kodu",
            "Performans Göstergesi",
            "Yön",
            "Ölçü",
            "Ağırlık",
            "Mevcut Değer",
            "2025 Hedefi",
            "2026 Hedefi",
            "2027 Hedefi",
            "2028 Hedefi",
            "2029 Hedefi",
            "Raporlama",
            "İzleme",
            "Not",
            "İşbirliği",
        ]);
    }
    if style == Style::Standard && v.directorate.file.starts_with("cevre-ve-saglik/") {
        // The other aliases of the template's headers, as an older template wrote them.
        t.rename_to_aliases(&[
            ("Başlangıç Değeri", "Plan Dönemi Başlangıç Değeri"),
            ("2025", "2025 Yılı Hedef"),
            ("2026", "2026 Yılı Hedef"),
            ("2027", "2027 Yılı Hedef"),
            ("2028", "2028 Yılı Hedef"),
            ("2029", "2029 Yılı Hedef"),
        ]);
    }
    t
}

fn actuals_table(v: &DirectorateData) -> Table {
    let style = v.directorate.style;
    let (interim_label, year_end_label) = if style == Style::PeriodAliased {
        ("I. Dönem", "II. Dönem")
    } else {
        ("1. İzleme", "Yıl Sonu")
    };
    let mut t = Table::new(&[
        "Gösterge Kodu",
        "Yıl",
        "Dönem",
        "Gerçekleşen Değer",
        "Sapma Nedeni",
        "Veri Kaynağı",
    ]);
    for g in &v.indicators {
        let value = |x: f64| -> CellValue {
            match style {
                Style::NumbersAsText if g.unit == "Yüzde" => {
                    text(&format!("%{}", short_turkish(x)))
                }
                Style::NumbersAsText if x.fract() != 0.0 => turkish_cell(x, 1),
                Style::Bannered if x.fract() != 0.0 && x >= 1000.0 => turkish_cell(x, 1),
                _ => number(x),
            }
        };
        if let Some(x) = g.interim {
            t.push_row(vec![
                ("Gösterge Kodu", text(g.code)),
                ("Yıl", number(REPORT_YEAR as f64)),
                ("Dönem", text(interim_label)),
                ("Gerçekleşen Değer", value(x)),
                ("Veri Kaynağı", text(g.data_source)),
            ]);
        }
        let mut cells = vec![
            ("Gösterge Kodu", text(g.code)),
            ("Yıl", number(REPORT_YEAR as f64)),
            ("Dönem", text(year_end_label)),
            ("Gerçekleşen Değer", value(g.year_end)),
            ("Veri Kaynağı", text(g.data_source)),
        ];
        if !g.deviation_reason.is_empty() {
            cells.push(("Sapma Nedeni", text(g.deviation_reason)));
        }
        t.push_row(cells);
    }
    if style == Style::Aliased {
        t.rename_to_aliases(&[
            ("Gösterge Kodu", "Kod"),
            ("Dönem", "İzleme Dönemi"),
            ("Gerçekleşen Değer", "Gerçekleşme"),
            ("Sapma Nedeni", "Sapmanın Nedenleri"),
            ("Veri Kaynağı", "Kaynak"),
        ]);
        t.reorder(&[
            "Yıl",
            "İzleme Dönemi",
            "Kod",
            "Gerçekleşme",
            "Kaynak",
            "Sapmanın Nedenleri",
        ]);
    }
    t
}

fn activity_table(v: &DirectorateData) -> Table {
    let style = v.directorate.style;
    let mut t = Table::new(&[
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
    ]);
    for f in &v.activities {
        let first_row = t.rows.len();
        let mut first = true;
        for (i, year) in PLAN_YEARS.iter().enumerate() {
            let Some(budget) = f.budget[i] else { continue };
            // In the merged layout only the first row of an activity names it.
            let named = style != Style::Merged || first;
            let code = if style == Style::HiddenSheet && f.code == "F5.1.2" {
                "f 5.1.2".to_string()
            } else {
                f.code.to_string()
            };
            let mut cells = vec![("Yıl", number(*year as f64)), ("Bütçe (TL)", tl(budget))];
            if named {
                cells.push(("Faaliyet Kodu", text(&code)));
                cells.push(("Hedef Kodu", text(f.objective)));
                cells.push(("Faaliyet Adı", text(f.name)));
                let kind = if f.is_project {
                    Some("Proje")
                } else if style == Style::HiddenSheet {
                    None
                } else {
                    Some("Faaliyet")
                };
                if let Some(kind) = kind {
                    cells.push(("Türü", text(kind)));
                }
            }
            if f.off_budget[i] > 0 {
                cells.push(("Bütçe Dışı (TL)", tl(f.off_budget[i])));
            }
            if *year == REPORT_YEAR {
                cells.push(("Gerçekleşen (TL)", tl(f.expenditure_2025)));
                cells.push(("Durum", text(f.status_2025)));
                if !f.note.is_empty() {
                    cells.push(("Açıklama", text(f.note)));
                }
            } else {
                cells.push(("Durum", text("Planlandı")));
            }
            t.push_row(cells);
            first = false;
        }
        let last_row = t.rows.len() - 1;
        if style == Style::Merged && last_row > first_row {
            for column in ["Faaliyet Kodu", "Hedef Kodu", "Faaliyet Adı", "Türü"] {
                let i = t.column(column);
                t.vertical_merges.push((first_row, last_row, i));
            }
        }
    }
    if style == Style::Aliased {
        t.rename_to_aliases(&[
            ("Faaliyet Kodu", "Kod"),
            ("Hedef Kodu", "Performans Hedefi"),
            ("Faaliyet Adı", "Faaliyet/Proje Adı"),
            ("Türü", "Tür"),
            ("Bütçe (TL)", "Planlanan Tutar"),
            ("Bütçe Dışı (TL)", "Bütçe Dışı Kaynak"),
            ("Gerçekleşen (TL)", "Gerçekleşen Harcama"),
            ("Durum", "Gerçekleşme Durumu"),
            ("Açıklama", "Sonuç"),
        ]);
        t.reorder(&[
            "Yıl",
            "Kod",
            "Performans Hedefi",
            "Faaliyet/Proje Adı",
            "Tür",
            "Planlanan Tutar",
            "Bütçe Dışı Kaynak",
            "Gerçekleşen Harcama",
            "Gerçekleşme Durumu",
            "Sonuç",
        ]);
    }
    t
}

fn budget_table(v: &DirectorateData) -> Table {
    let style = v.directorate.style;
    let mut t = Table::new(&[
        "Yıl",
        "Ekonomik Kod",
        "Ekonomik Sınıflandırma",
        "Başlangıç Ödeneği",
        "Toplam Ödenek",
        "Harcama",
        "Açıklama",
    ]);
    let initial_column = t.column("Başlangıç Ödeneği");
    let first_data_row: u32 = if style == Style::Bannered { 3 } else { 1 };
    for (i, s) in budget_rows(v.index, v.directorate).into_iter().enumerate() {
        let amount = |in_kurus: u64| -> CellValue {
            if style == Style::NumbersAsText {
                let decimals = if in_kurus % 100 == 0 { 0 } else { 2 };
                turkish_cell(in_kurus as f64 / 100.0, decimals)
            } else {
                tl_from_kurus(in_kurus)
            }
        };
        let code = if style == Style::NumericCodes {
            number(s.code.parse::<f64>().unwrap_or(0.0))
        } else {
            text(s.code)
        };
        let year = if style == Style::NumericCodes {
            text(&s.year.to_string())
        } else {
            number(s.year as f64)
        };
        let mut cells = vec![
            ("Yıl", year),
            ("Ekonomik Kod", code),
            ("Ekonomik Sınıflandırma", text(economic_code_name(s.code))),
            ("Başlangıç Ödeneği", amount(s.initial)),
        ];
        if let Some(total) = s.total {
            let cell = if style == Style::Merged {
                // Toplam Ödenek as the formula the officer typed, with its cached value.
                let row_no = first_data_row + i as u32 + 1;
                let letter = (b'A' + initial_column as u8) as char;
                let diff = total as i64 - s.initial as i64;
                let formula_text = match diff.cmp(&0) {
                    std::cmp::Ordering::Equal => format!("{letter}{row_no}"),
                    std::cmp::Ordering::Greater => format!("{letter}{row_no}+{}", diff / 100),
                    std::cmp::Ordering::Less => format!("{letter}{row_no}-{}", -diff / 100),
                };
                CellValue::Formula {
                    formula: formula_text,
                    cached: Box::new(tl_from_kurus(total)),
                }
            } else {
                amount(total)
            };
            cells.push(("Toplam Ödenek", cell));
        } else if style == Style::NumbersAsText {
            cells.push(("Toplam Ödenek", amount(s.initial)));
        }
        if let Some(h) = s.expenditure {
            cells.push(("Harcama", amount(h)));
        }
        if s.year == REPORT_YEAR {
            if let Some(e) = finance::budget_explanation(v.directorate.short_name, s.code) {
                cells.push(("Açıklama", text(e)));
            }
        }
        t.push_row(cells);
    }
    if style == Style::Aliased {
        t.rename_to_aliases(&[
            ("Ekonomik Kod", "Kod"),
            ("Başlangıç Ödeneği", "Bütçe Ödeneği"),
            ("Toplam Ödenek", "Yıl Sonu Ödeneği"),
            ("Harcama", "Harcanan"),
            ("Açıklama", "Sapma Nedeni"),
        ]);
    }
    t
}

/// The institution-level sheets (Gelirler, Borçlar, İştirakler, Transferler), amounts typed
/// the way the directorate types them.
fn finance_sheets(style: Style) -> Vec<SheetSpec> {
    let amount = |x: f64| -> CellValue {
        if style == Style::NumbersAsText {
            turkish_cell(x, if x.fract() == 0.0 { 0 } else { 2 })
        } else {
            number(x)
        }
    };
    let optional_text = |cells: &mut Vec<(&'static str, CellValue)>, header, t: &str| {
        if !t.is_empty() {
            cells.push((header, text(t)));
        }
    };

    let mut revenue = Table::new(&[
        "Yıl",
        "Ekonomik Kod",
        "Gelir Türü",
        "Bütçe Tahmini",
        "Tahsilat",
        "Açıklama",
    ]);
    for r in finance::REVENUE {
        let mut cells = vec![
            ("Yıl", number(r.year as f64)),
            ("Ekonomik Kod", text(r.code)),
            ("Gelir Türü", text(revenue_code_name(r.code))),
            ("Bütçe Tahmini", amount(r.estimate as f64)),
            ("Tahsilat", amount(r.collected as f64)),
        ];
        optional_text(&mut cells, "Açıklama", r.explanation);
        revenue.push_row(cells);
    }

    let mut debts = Table::new(&[
        "Borç Kalemi",
        "Vade",
        "Yıl Başı (TL)",
        "Yıl Sonu (TL)",
        "Açıklama",
    ]);
    for d in finance::DEBTS {
        let mut cells = vec![
            ("Borç Kalemi", text(d.item)),
            ("Vade", text(d.term)),
            ("Yıl Başı (TL)", amount(d.start as f64)),
            ("Yıl Sonu (TL)", amount(d.end as f64)),
        ];
        optional_text(&mut cells, "Açıklama", d.note);
        debts.push_row(cells);
    }

    let mut affiliates = Table::new(&[
        "Adı",
        "Türü",
        "Faaliyet Alanı",
        "Sermaye (TL)",
        "Belediye Payı (%)",
        "Yıl Sonucu (TL)",
        "Açıklama",
    ]);
    for a in finance::AFFILIATES {
        let mut cells = vec![
            ("Adı", text(a.name)),
            ("Türü", text(a.kind)),
            ("Faaliyet Alanı", text(a.field)),
        ];
        if let Some(c) = a.capital {
            cells.push(("Sermaye (TL)", amount(c as f64)));
        }
        if let Some(p) = a.share {
            let share = if style == Style::NumbersAsText {
                text(&format!("%{}", short_turkish(p)))
            } else {
                number(p)
            };
            cells.push(("Belediye Payı (%)", share));
        }
        if let Some(r) = a.result {
            cells.push(("Yıl Sonucu (TL)", amount(r as f64)));
        }
        optional_text(&mut cells, "Açıklama", a.note);
        affiliates.push_row(cells);
    }

    let mut transfers = Table::new(&["Yıl", "Alıcı Kurum", "Tutar (TL)", "Açıklama"]);
    for t in finance::TRANSFERS {
        let mut cells = vec![
            ("Yıl", number(t.year as f64)),
            ("Alıcı Kurum", text(t.recipient)),
            ("Tutar (TL)", amount(t.amount as f64)),
        ];
        optional_text(&mut cells, "Açıklama", t.note);
        transfers.push_row(cells);
    }

    vec![
        sheet("Gelirler", revenue, None),
        sheet("Borçlar", debts, None),
        sheet("İştirakler", affiliates, None),
        sheet("Transferler", transfers, None),
    ]
}

fn revenue_code_name(code: &str) -> &'static str {
    match code {
        "01" => "Vergi Gelirleri",
        "02" => "Sosyal Güvenlik Gelirleri",
        "03" => "Teşebbüs ve Mülkiyet Gelirleri",
        "04" => "Alınan Bağış ve Yardımlar ile Özel Gelirler",
        "05" => "Diğer Gelirler",
        "06" => "Sermaye Gelirleri",
        "08" => "Alacaklardan Tahsilat",
        "09" => "Red ve İadeler",
        _ => "",
    }
}

fn notes_sheet() -> SheetSpec {
    let mut s = SheetSpec::new("Açıklamalar");
    let rows = [
        "Bu çalışma kitabı Strateji Geliştirme biriminin gönderdiği şablona göre doldurulmuştur.",
        "Göstergelerin hedef ve gerçekleşme değerleri plan döneminin başından itibaren kümülatiftir.",
        "Asfalt ve parke taşı miktarları hakediş raporlarından, karla mücadele verileri araç takip sisteminden alınmıştır.",
        "Sorular için: Fen İşleri Müdürlüğü, Yol Bakım ve Onarım Şefliği (dahili 2114).",
    ];
    for (i, row) in rows.iter().enumerate() {
        s.set(i as u32, 0, *row);
    }
    s.column_widths.insert(0, 100.0);
    s
}

fn lists_sheet() -> SheetSpec {
    let mut s = SheetSpec::new("Listeler");
    s.hidden = true;
    let columns: [(&str, &[&str]); 3] = [
        (
            "Durum",
            &[
                "Planlandı",
                "Devam Ediyor",
                "Tamamlandı",
                "Ertelendi",
                "İptal",
            ],
        ),
        ("Türü", &["Faaliyet", "Proje"]),
        ("Sıklık", &["Aylık", "3 Ay", "6 Ay", "Yıllık"]),
    ];
    for (c, (header, values)) in columns.iter().enumerate() {
        s.set(0, c as u32, *header);
        for (r, d) in values.iter().enumerate() {
            s.set(r as u32 + 1, c as u32, *d);
        }
    }
    s
}

/// Upper-casing with Turkish rules (i → İ, ı → I).
pub trait TurkishUppercase {
    fn to_uppercase_tr(&self) -> String;
}

impl TurkishUppercase for str {
    fn to_uppercase_tr(&self) -> String {
        self.chars()
            .map(|c| match c {
                'i' => "İ".to_string(),
                'ı' => "I".to_string(),
                c => c.to_uppercase().collect(),
            })
            .collect()
    }
}
