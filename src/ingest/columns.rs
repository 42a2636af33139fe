//! Sheet and column names of the directorate workbook (spec/workbook.md) and how a header
//! row is found.

use std::collections::BTreeMap;

use super::grid::{as_text, Grid};
use crate::model::FinanceKind;
use crate::text::fold;

/// The sheets kitap reads: the directorate's own, and the four optional institution-level
/// sheets (spec/finance.md) that any one workbook may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetRole {
    Directorate,
    Indicators,
    Actuals,
    Activities,
    Budget,
    Revenue,
    Debts,
    Affiliates,
    Transfers,
}

impl SheetRole {
    pub const ALL: [SheetRole; 9] = [
        SheetRole::Directorate,
        SheetRole::Indicators,
        SheetRole::Actuals,
        SheetRole::Activities,
        SheetRole::Budget,
        SheetRole::Revenue,
        SheetRole::Debts,
        SheetRole::Affiliates,
        SheetRole::Transfers,
    ];

    /// The sheet name as the template writes it.
    pub fn name(self) -> &'static str {
        match self {
            SheetRole::Directorate => "Birim",
            SheetRole::Indicators => "Göstergeler",
            SheetRole::Actuals => "Gerçekleşmeler",
            SheetRole::Activities => "Faaliyetler",
            SheetRole::Budget => "Bütçe",
            SheetRole::Revenue => "Gelirler",
            SheetRole::Debts => "Borçlar",
            SheetRole::Affiliates => "İştirakler",
            SheetRole::Transfers => "Transferler",
        }
    }

    /// The role of a sheet name, matched folded.
    pub fn of_sheet(name: &str) -> Option<SheetRole> {
        let key = fold(name);
        SheetRole::ALL.into_iter().find(|r| fold(r.name()) == key)
    }

    /// The institution-level sheet this role reads, if it is one.
    pub fn finance(self) -> Option<FinanceKind> {
        match self {
            SheetRole::Revenue => Some(FinanceKind::Revenue),
            SheetRole::Debts => Some(FinanceKind::Debts),
            SheetRole::Affiliates => Some(FinanceKind::Affiliates),
            SheetRole::Transfers => Some(FinanceKind::Transfers),
            _ => None,
        }
    }
}

/// A column of a data sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    IndicatorCode,
    ObjectiveCode,
    IndicatorName,
    Unit,
    Direction,
    Weight,
    Baseline,
    /// A plan year's target column.
    Target(i32),
    Monitoring,
    Reporting,
    Cooperating,
    Note,
    Year,
    Period,
    ActualValue,
    DeviationReason,
    DataSource,
    ActivityCode,
    ActivityName,
    Kind,
    Budget,
    OffBudget,
    Expenditure,
    Status,
    EconomicCode,
    InitialAppropriation,
    TotalAppropriation,
    /// Bütçe Tahmini (Gelirler).
    Estimate,
    /// Tahsilat (Gelirler).
    Collected,
    /// Borç Kalemi.
    DebtItem,
    /// Vade.
    Term,
    /// Yıl Başı (TL).
    StartOfYear,
    /// Yıl Sonu (TL).
    EndOfYear,
    /// Adı (İştirakler).
    AffiliateName,
    /// Faaliyet Alanı.
    Field,
    /// Sermaye (TL).
    Capital,
    /// Belediye Payı (%).
    Share,
    /// Yıl Sonucu (TL).
    Result,
    /// Alıcı Kurum.
    Recipient,
    /// Tutar (TL).
    Amount,
}

/// A column's header and its aliases; the first name is the one printed in messages.
pub struct ColumnSpec {
    pub column: Column,
    pub names: &'static [&'static str],
    pub required: bool,
}

const fn col(column: Column, names: &'static [&'static str], required: bool) -> ColumnSpec {
    ColumnSpec {
        column,
        names,
        required,
    }
}

pub const INDICATOR_COLUMNS: &[ColumnSpec] = &[
    col(
        Column::IndicatorCode,
        &["Gösterge Kodu", "Kod", "PG Kodu", "Gösterge No"],
        true,
    ),
    col(Column::ObjectiveCode, &["Hedef Kodu", "Hedef"], true),
    col(
        Column::IndicatorName,
        &["Gösterge Adı", "Performans Göstergesi", "Gösterge"],
        true,
    ),
    col(Column::Unit, &["Ölçü Birimi", "Birim Türü", "Ölçü"], true),
    col(Column::Direction, &["Göstergenin Yönü", "Yön"], true),
    col(
        Column::Weight,
        &["Hedefe Etkisi (%)", "Hedefe Etkisi", "Etki", "Ağırlık"],
        true,
    ),
    col(
        Column::Baseline,
        &[
            "Başlangıç Değeri",
            "Plan Dönemi Başlangıç Değeri",
            "Mevcut Değer",
        ],
        true,
    ),
    col(Column::Monitoring, &["İzleme Sıklığı", "İzleme"], true),
    col(Column::Reporting, &["Raporlama Sıklığı", "Raporlama"], true),
    col(
        Column::Cooperating,
        &[
            "İşbirliği Yapılacak Birimler",
            "İşbirliği",
            "İşbirliği Yapılacak Birim(ler)",
        ],
        false,
    ),
    col(Column::Note, &["Açıklama", "Not"], false),
];

pub const ACTUAL_COLUMNS: &[ColumnSpec] = &[
    col(Column::IndicatorCode, &["Gösterge Kodu", "Kod"], true),
    col(Column::Year, &["Yıl"], true),
    col(Column::Period, &["Dönem", "İzleme Dönemi"], true),
    col(
        Column::ActualValue,
        &["Gerçekleşen Değer", "Gerçekleşme", "Değer"],
        true,
    ),
    col(
        Column::DeviationReason,
        &["Sapma Nedeni", "Açıklama", "Sapmanın Nedenleri"],
        false,
    ),
    col(Column::DataSource, &["Veri Kaynağı", "Kaynak"], false),
];

pub const ACTIVITY_COLUMNS: &[ColumnSpec] = &[
    col(Column::ActivityCode, &["Faaliyet Kodu", "Kod"], true),
    col(
        Column::ObjectiveCode,
        &["Hedef Kodu", "Hedef", "Performans Hedefi"],
        true,
    ),
    col(
        Column::ActivityName,
        &["Faaliyet Adı", "Faaliyet/Proje Adı", "Faaliyet", "Proje"],
        true,
    ),
    col(Column::Kind, &["Türü", "Tür"], false),
    col(Column::Year, &["Yıl"], true),
    col(
        Column::Budget,
        &[
            "Bütçe (TL)",
            "Bütçe Kaynağı",
            "Planlanan Tutar",
            "Ödenek",
            "Bütçe",
        ],
        true,
    ),
    col(
        Column::OffBudget,
        &["Bütçe Dışı (TL)", "Bütçe Dışı Kaynak", "Bütçe Dışı"],
        false,
    ),
    col(
        Column::Expenditure,
        &[
            "Gerçekleşen (TL)",
            "Harcama",
            "Gerçekleşen Harcama",
            "Gerçekleşen",
        ],
        false,
    ),
    col(Column::Status, &["Durum", "Gerçekleşme Durumu"], false),
    col(Column::Note, &["Açıklama", "Not", "Sonuç"], false),
];

pub const BUDGET_COLUMNS: &[ColumnSpec] = &[
    col(Column::Year, &["Yıl"], true),
    col(Column::EconomicCode, &["Ekonomik Kod", "Kod"], true),
    col(
        Column::InitialAppropriation,
        &["Başlangıç Ödeneği", "Bütçe Ödeneği", "Ödenek"],
        true,
    ),
    col(
        Column::TotalAppropriation,
        &["Toplam Ödenek", "Yıl Sonu Ödeneği", "Revize Ödenek"],
        false,
    ),
    col(
        Column::Expenditure,
        &["Harcama", "Gerçekleşen", "Harcanan"],
        false,
    ),
    col(Column::Note, &["Açıklama", "Sapma Nedeni", "Not"], false),
];

pub const REVENUE_COLUMNS: &[ColumnSpec] = &[
    col(Column::Year, &["Yıl"], true),
    col(
        Column::EconomicCode,
        &["Ekonomik Kod", "Kod", "Gelir Kodu"],
        true,
    ),
    col(
        Column::Estimate,
        &["Bütçe Tahmini", "Tahmin", "Bütçe"],
        true,
    ),
    col(
        Column::Collected,
        &["Tahsilat", "Gerçekleşen", "Gerçekleşme"],
        false,
    ),
    col(Column::Note, &["Açıklama", "Sapma Nedeni", "Not"], false),
];

pub const DEBT_COLUMNS: &[ColumnSpec] = &[
    col(
        Column::DebtItem,
        &["Borç Kalemi", "Kalem", "Alacaklı"],
        true,
    ),
    col(Column::Term, &["Vade"], true),
    col(
        Column::StartOfYear,
        &["Yıl Başı (TL)", "Yıl Başı", "Dönem Başı"],
        true,
    ),
    col(
        Column::EndOfYear,
        &["Yıl Sonu (TL)", "Yıl Sonu", "Dönem Sonu"],
        true,
    ),
    col(Column::Note, &["Açıklama", "Not"], false),
];

pub const AFFILIATE_COLUMNS: &[ColumnSpec] = &[
    col(Column::AffiliateName, &["Adı", "Kuruluş", "Şirket"], true),
    col(Column::Kind, &["Türü", "Tür"], true),
    col(Column::Field, &["Faaliyet Alanı", "Faaliyet"], false),
    col(Column::Capital, &["Sermaye (TL)", "Sermaye"], false),
    col(Column::Share, &["Belediye Payı (%)", "Pay", "Hisse"], false),
    col(
        Column::Result,
        &["Yıl Sonucu (TL)", "Kâr/Zarar", "Dönem Sonucu"],
        false,
    ),
    col(Column::Note, &["Açıklama", "Not"], false),
];

pub const TRANSFER_COLUMNS: &[ColumnSpec] = &[
    col(Column::Year, &["Yıl"], true),
    col(Column::Recipient, &["Alıcı Kurum", "Kurum", "Alıcı"], true),
    col(Column::Amount, &["Tutar (TL)", "Tutar"], true),
    col(Column::Note, &["Açıklama", "Not", "Dayanak"], false),
];

/// The header row searched within the first rows of a sheet.
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// What the header search found.
pub struct Header {
    pub row: u32,
    pub columns: BTreeMap<Column, u32>,
}

/// Why no header row was accepted: the best candidate row and what it lacks.
pub struct MissingHeader {
    /// The row that came closest (or the first row with any cell).
    pub row: u32,
    /// Its first cell's column.
    pub first_col: u32,
    /// The expected headers not found, as printed.
    pub missing: Vec<String>,
}

/// The plan year a header names: `2025`, `2025 Hedefi`, `2025 Yılı Hedef`, `Hedef 2025`.
fn year_of_header(folded: &str) -> Option<i32> {
    let digits: String = folded.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest: String = folded.chars().filter(|c| !c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        return None;
    }
    let allowed = [
        "",
        "hedef",
        "hedefi",
        "yili",
        "yil",
        "yilihedef",
        "yilihedefi",
        "hedefyili",
        "yilhedefi",
        "yilhedef",
    ];
    if !allowed.contains(&rest.as_str()) {
        return None;
    }
    digits.parse().ok()
}

fn match_header(specs: &[ColumnSpec], text: &str, years: &[i32]) -> Option<Column> {
    let key = fold(text);
    if key.is_empty() {
        return None;
    }
    for spec in specs {
        if spec.names.iter().any(|n| fold(n) == key) {
            return Some(spec.column);
        }
    }
    if !years.is_empty() {
        if let Some(y) = year_of_header(&key) {
            if years.contains(&y) {
                return Some(Column::Target(y));
            }
        }
    }
    None
}

/// Finds the header row: the first row within the first 20 rows holding every required
/// header (and, for indicators, every plan year). `years` is empty for sheets without year
/// columns.
pub fn find_header(
    grid: &Grid,
    specs: &[ColumnSpec],
    years: &[i32],
) -> Result<Header, MissingHeader> {
    let mut required: Vec<Column> = specs
        .iter()
        .filter(|s| s.required)
        .map(|s| s.column)
        .collect();
    required.extend(years.iter().map(|y| Column::Target(*y)));
    let mut best: Option<(usize, u32, u32, BTreeMap<Column, u32>)> = None;
    for row in 0..HEADER_SEARCH_ROWS {
        let cells = grid.row_cells(row);
        if cells.is_empty() {
            continue;
        }
        let mut columns = BTreeMap::new();
        for (col, value) in &cells {
            if let Some(c) = match_header(specs, &as_text(value), years) {
                columns.entry(c).or_insert(*col);
            }
        }
        let found = required.iter().filter(|c| columns.contains_key(c)).count();
        if found == required.len() {
            return Ok(Header { row, columns });
        }
        let first_col = cells[0].0;
        if best.as_ref().is_none_or(|(n, _, _, _)| found > *n) {
            best = Some((found, row, first_col, columns));
        }
    }
    let (row, first_col, columns) = match best {
        Some((_, row, first_col, columns)) => (row, first_col, columns),
        None => (0, 0, BTreeMap::new()),
    };
    let missing = required
        .iter()
        .filter(|c| !columns.contains_key(c))
        .map(|c| match c {
            Column::Target(y) => format!("{y}"),
            other => specs
                .iter()
                .find(|s| s.column == *other)
                .map(|s| s.names[0].to_string())
                .unwrap_or_default(),
        })
        .collect();
    Err(MissingHeader {
        row,
        first_col,
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_headers() {
        assert_eq!(year_of_header(&fold("2025")), Some(2025));
        assert_eq!(year_of_header(&fold("2025 Hedefi")), Some(2025));
        assert_eq!(year_of_header(&fold("2025 Yılı Hedef")), Some(2025));
        assert_eq!(year_of_header(&fold("2025 Yılı Hedefi")), Some(2025));
        assert_eq!(year_of_header(&fold("Gerçekleşme 2025")), None);
        assert_eq!(year_of_header(&fold("20255")), None);
    }

    #[test]
    fn sheet_roles() {
        assert_eq!(
            SheetRole::of_sheet("GÖSTERGELER"),
            Some(SheetRole::Indicators)
        );
        assert_eq!(
            SheetRole::of_sheet(" gostergeler "),
            Some(SheetRole::Indicators)
        );
        assert_eq!(SheetRole::of_sheet("BÜTÇE"), Some(SheetRole::Budget));
        assert_eq!(SheetRole::of_sheet("Açıklamalar"), None);
        assert_eq!(
            SheetRole::of_sheet("ISTIRAKLER"),
            Some(SheetRole::Affiliates)
        );
        assert_eq!(SheetRole::of_sheet("borclar"), Some(SheetRole::Debts));
    }
}
