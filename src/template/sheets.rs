//! The five sheets kitap reads, laid out for one directorate and prefilled with what the
//! model knows of it, and the four institution-level sheets (Gelirler, Borçlar, İştirakler,
//! Transferler) for the directorate that carries them. Header texts are the first names of
//! src/ingest/columns.rs.
//!
//! What is locked: the header row; in rows the model already holds (a known indicator,
//! realisation, activity year or budget line) the codes and the facts that identify the row or
//! belong to the plan. Everything a directorate reports (values, reasons, amounts, status,
//! notes) stays open. Suggested rows (this year's realisations not yet sent, budget codes not
//! yet sent, empty indicator and activity rows for the directorate's hedefler) are fully open,
//! so that a row not needed can be cleared: a fully empty row is skipped by kitap, a half-full
//! one is an error.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{Kind, Styles};
use super::table::{self, Cell, Column, Table, Value};
use super::{Subject, BLANK_ROWS_PER_OBJECTIVE};
use crate::ingest::columns::{
    Column as Col, ColumnSpec, ACTIVITY_COLUMNS, ACTUAL_COLUMNS, AFFILIATE_COLUMNS, BUDGET_COLUMNS,
    DEBT_COLUMNS, INDICATOR_COLUMNS, REVENUE_COLUMNS, TRANSFER_COLUMNS,
};
use crate::model::{
    economic_code_name, revenue_code_name, ActivityKind, AffiliateKind, DebtTerm, Direction,
    Finance, Frequency, Period, Status, ECONOMIC_CODES, REVENUE_CODES,
};

/// The header kitap prints for a column: the first of its names.
pub fn header(specs: &[ColumnSpec], column: Col) -> &'static str {
    specs
        .iter()
        .find(|s| s.column == column)
        .and_then(|s| s.names.first().copied())
        .unwrap_or("")
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| label(*v)).collect()
}

/// Information columns, shown to help and ignored by kitap.
pub const INFO_INDICATOR_NAME: &str = "Gösterge Adı";
pub const INFO_YEAR_TARGET: &str = "Yıl Hedefi";
pub const INFO_ECONOMIC_NAME: &str = "Ekonomik Kod Adı";
pub const INFO_REVENUE_NAME: &str = "Gelir Türü";

/// The range of the Göstergeler codes, for the drop-down of Gerçekleşmeler.
fn indicator_code_range(rows: usize) -> String {
    format!(
        "'{}'!$A$2:$A${}",
        crate::ingest::columns::SheetRole::Indicators.name(),
        rows as u32 + 1 + table::SPARE_ROWS
    )
}

fn objective_column(
    specs: &[ColumnSpec],
    objectives_range: Option<&str>,
) -> Result<Column, XlsxError> {
    let h = header(specs, Col::ObjectiveCode);
    let column = Column::new(h, Kind::Code);
    Ok(match objectives_range {
        Some(range) => column.check(table::choice_from(
            range,
            "Hedef Kodu plan.yaml'daki hedeflerden biri olmalı (örneğin H1.2). “Nasıl Doldurulur” sayfasındaki hedef listesine bakın.",
        )?),
        None => column,
    })
}

/// The keys of the Birim sheet, with a hint for each.
pub const DIRECTORATE_KEYS: [(&str, &str); 5] = [
    (
        "Birim Adı",
        "kurum.yaml'daki adı; değiştirmeyin (kitap çalışma kitabını bu adla birime bağlar).",
    ),
    ("Harcama Yetkilisi", "Harcama yetkilisinin adı soyadı."),
    (
        "Unvan",
        "Harcama yetkilisinin unvanı (örneğin Müdür, Müdür V.).",
    ),
    (
        "Hazırlayan",
        "Çalışma kitabını dolduranın adı soyadı ve telefonu.",
    ),
    ("Tarih", "Gönderme tarihi (örneğin 15.01.2026)."),
];

/// Birim: key–value rows (column A the key, column B the value, column C a hint). The Birim
/// Adı is kurum.yaml's `ad`, locked; the rest comes from the directorate's last workbook and
/// stays open.
pub fn directorate(ws: &mut Worksheet, styles: &Styles, s: &Subject) -> Result<(), XlsxError> {
    let info = s.info;
    let values: [(Option<&str>, bool); 5] = [
        (Some(s.directorate.name.as_str()), true),
        (
            info.and_then(|d| d.official.as_ref().map(|s| s.value.as_str())),
            false,
        ),
        (
            info.and_then(|d| d.title.as_ref().map(|s| s.value.as_str())),
            false,
        ),
        (
            info.and_then(|d| d.prepared_by.as_ref().map(|s| s.value.as_str())),
            false,
        ),
        (
            info.and_then(|d| d.date.as_ref().map(|s| s.value.as_str())),
            false,
        ),
    ];
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 45)?;
    ws.set_column_width(2, 70)?;
    for (r, ((key, hint), (value, locked))) in DIRECTORATE_KEYS.iter().zip(values).enumerate() {
        let row = r as u32;
        ws.write_string_with_format(row, 0, *key, &styles.key)?;
        let format = styles.cell(Kind::Text, locked);
        match value {
            Some(v) => ws.write_string_with_format(row, 1, v, &format)?,
            None => ws.write_blank(row, 1, &format)?,
        };
        ws.write_string_with_format(row, 2, *hint, &styles.hint)?;
    }
    ws.protect_with_options(&table::protection());
    Ok(())
}

/// Göstergeler: the hedef kartı rows of the directorate's indicators.
pub fn indicators(s: &Subject, objectives_range: Option<&str>) -> Result<Table, XlsxError> {
    let spec = INDICATOR_COLUMNS;
    let years = s.years();
    let freq = labels(Frequency::ALL, Frequency::label);
    let mut columns = vec![
        Column::new(header(spec, Col::IndicatorCode), Kind::Code),
        objective_column(spec, objectives_range)?,
        Column::new(header(spec, Col::IndicatorName), Kind::LongText),
        Column::new(header(spec, Col::Unit), Kind::Text).check(table::hint(
            "Ölçü Birimi",
            "Sayı, Yüzde, TL, Adet, km, m² … Yüzde göstergelerinde değerleri 0–100 arası yazın (45, 0,45 değil).",
        )?),
        Column::new(header(spec, Col::Direction), Kind::Choice).check(table::choice(
            header(spec, Col::Direction),
            &labels(Direction::ALL, Direction::label),
        )?),
        Column::new(header(spec, Col::Weight), Kind::Weight).check(table::weight()?),
        Column::new(header(spec, Col::Baseline), Kind::Number).check(table::number_with_hint(
            "Başlangıç Değeri",
            "Plan döneminin başındaki değer. Yoksa 0 yazın; boş bırakmayın.",
        )?),
    ];
    for y in &years {
        columns.push(Column::new(y.to_string(), Kind::Number).check(
            table::number_with_hint(
                &format!("{y} hedefi"),
                "Plan başından bu yılın sonuna kadar kümülatif hedef. Artış göstergesinde önceki yıldan küçük, Azalış göstergesinde büyük olamaz.",
            )?,
        ));
    }
    columns.extend([
        Column::new(header(spec, Col::Monitoring), Kind::Choice)
            .check(table::choice(header(spec, Col::Monitoring), &freq)?),
        Column::new(header(spec, Col::Reporting), Kind::Choice)
            .check(table::choice(header(spec, Col::Reporting), &freq)?),
        Column::new(header(spec, Col::Cooperating), Kind::LongText).check(table::hint(
            "İşbirliği",
            "Birden çok birimi noktalı virgülle ayırın: Fen İşleri Müdürlüğü; Zabıta Müdürlüğü",
        )?),
        Column::new(header(spec, Col::Note), Kind::LongText),
    ]);

    let mut rows = Vec::new();
    for ind in &s.indicators {
        let mut row = vec![
            Cell::text(&ind.code, true),
            Cell::text(&ind.objective.value, true),
            Cell::text(&ind.name.value, true),
            Cell::text(&ind.unit.value, true),
            Cell::text(ind.direction.value.label(), true),
            Cell::number(ind.weight.value, true),
            Cell::opt_number(ind.baseline.value, true),
        ];
        for y in &years {
            row.push(Cell::opt_number(ind.target(*y), true));
        }
        row.extend([
            Cell::text(ind.monitoring.value.label(), true),
            Cell::text(ind.reporting.value.label(), true),
            Cell::text(ind.cooperating.value.join("; "), false),
            Cell::opt_text(ind.note.value.as_deref(), false),
        ]);
        rows.push(row);
    }
    for objective in s.objectives_without_indicators() {
        for _ in 0..BLANK_ROWS_PER_OBJECTIVE {
            let mut row = vec![Cell::empty(); columns.len()];
            row[1] = Cell::text(objective, false);
            rows.push(row);
        }
    }
    Ok(Table {
        columns,
        rows,
        freeze_cols: 1,
    })
}

/// Gerçekleşmeler: every known realisation of the directorate's indicators, and a row for
/// each indicator × the report year × both periods not yet sent.
pub fn actuals(s: &Subject, indicator_rows: usize) -> Result<Table, XlsxError> {
    let spec = ACTUAL_COLUMNS;
    let (start, end) = s.plan_period();
    let report = s.report_year();
    let columns = vec![
        Column::new(header(spec, Col::IndicatorCode), Kind::Code).check(table::choice_from(
            &indicator_code_range(indicator_rows),
            "Gösterge Kodu bu çalışma kitabının “Göstergeler” sayfasındaki kodlardan biri olmalı.",
        )?),
        Column::info(INFO_INDICATOR_NAME, Kind::LongText),
        Column::new(header(spec, Col::Year), Kind::Year).check(table::year(start, end)?),
        Column::new(header(spec, Col::Period), Kind::Choice).check(table::choice(
            header(spec, Col::Period),
            &labels(Period::ALL, Period::label),
        )?),
        Column::info(INFO_YEAR_TARGET, Kind::Number).check(table::number()?),
        Column::new(header(spec, Col::ActualValue), Kind::Number).check(
            table::number_with_hint(
                "Gerçekleşen Değer",
                "Plan başından bu dönemin sonuna kadar kümülatif değer (hedefler gibi). 1. İzleme: yılın ilk altı ayı. Yalnızca sayı.",
            )?,
        ),
        Column::new(header(spec, Col::DeviationReason), Kind::LongText).check(table::hint(
            "Sapma Nedeni",
            "Yıl Sonu değeri yılın hedefinden sapıyorsa (eksik ya da fazla) nedenini yazın.",
        )?),
        Column::new(header(spec, Col::DataSource), Kind::Text),
    ];
    let mut rows = Vec::new();
    for ind in &s.indicators {
        let mut keyed: Vec<(i32, Period, Vec<Cell>)> = Vec::new();
        for a in &ind.actuals {
            keyed.push((
                a.year,
                a.period,
                vec![
                    Cell::text(&ind.code, true),
                    Cell::text(&ind.name.value, true),
                    Cell::number(a.year as f64, true),
                    Cell::text(a.period.label(), true),
                    Cell {
                        value: ind.target(a.year).map(Value::Number),
                        locked: true,
                    },
                    Cell::number(a.value.value, false),
                    Cell::opt_text(a.deviation_reason.value.as_deref(), false),
                    Cell::opt_text(a.data_source.value.as_deref(), false),
                ],
            ));
        }
        if s.in_plan(report) {
            for period in Period::ALL {
                if ind.actual(report, *period).is_some() {
                    continue;
                }
                keyed.push((
                    report,
                    *period,
                    vec![
                        Cell::text(&ind.code, false),
                        Cell::text(&ind.name.value, false),
                        Cell::number(report as f64, false),
                        Cell::text(period.label(), false),
                        Cell::opt_number(ind.target(report), false),
                        Cell::empty(),
                        Cell::empty(),
                        Cell::empty(),
                    ],
                ));
            }
        }
        keyed.sort_by_key(|(y, p, _)| (*y, *p));
        rows.extend(keyed.into_iter().map(|(_, _, r)| r));
    }
    Ok(Table {
        columns,
        rows,
        freeze_cols: 1,
    })
}

/// Faaliyetler: every known activity row (each year), and empty rows for the directorate's
/// hedefler that have no activity of it yet.
pub fn activities(s: &Subject, objectives_range: Option<&str>) -> Result<Table, XlsxError> {
    let spec = ACTIVITY_COLUMNS;
    let (start, end) = s.plan_period();
    let columns = vec![
        Column::new(header(spec, Col::ActivityCode), Kind::Code).check(table::hint(
            "Faaliyet Kodu",
            "F<amaç>.<hedef>.<sıra> (örneğin F1.2.3); proje için P1.2.3. Bir faaliyetin her yılı ayrı satırdır, kodu aynıdır.",
        )?),
        objective_column(spec, objectives_range)?,
        Column::new(header(spec, Col::ActivityName), Kind::LongText),
        Column::new(header(spec, Col::Kind), Kind::Choice).check(table::choice(
            header(spec, Col::Kind),
            &labels(ActivityKind::ALL, ActivityKind::label),
        )?),
        Column::new(header(spec, Col::Year), Kind::Year).check(table::year(start, end)?),
        Column::new(header(spec, Col::Budget), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::OffBudget), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Expenditure), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Status), Kind::Choice).check(table::choice(
            header(spec, Col::Status),
            &labels(Status::ALL, Status::label),
        )?),
        Column::new(header(spec, Col::Note), Kind::LongText),
    ];
    let mut rows = Vec::new();
    for a in &s.activities {
        rows.push(vec![
            Cell::text(&a.code, true),
            Cell::text(&a.objective.value, true),
            Cell::text(&a.name.value, true),
            Cell::text(a.kind.label(), true),
            Cell::number(a.year as f64, true),
            Cell::number(a.budget.value, false),
            Cell::number(a.off_budget.value, false),
            Cell::opt_number(a.expenditure.value, false),
            Cell::opt_text(a.status.value.map(Status::label), false),
            Cell::opt_text(a.note.value.as_deref(), false),
        ]);
    }
    for objective in s.objectives_without_activities() {
        for _ in 0..BLANK_ROWS_PER_OBJECTIVE {
            let mut row = vec![Cell::empty(); columns.len()];
            row[1] = Cell::text(objective, false);
            rows.push(row);
        }
    }
    Ok(Table {
        columns,
        rows,
        freeze_cols: 1,
    })
}

/// Bütçe: every known budget line, and the economic codes 01–09 of the report year and the
/// program year that are not yet sent.
pub fn budget(s: &Subject) -> Result<Table, XlsxError> {
    let spec = BUDGET_COLUMNS;
    let (start, end) = s.plan_period();
    let codes: Vec<&str> = ECONOMIC_CODES.iter().map(|(c, _)| *c).collect();
    let columns = vec![
        Column::new(header(spec, Col::Year), Kind::Year).check(table::year(start, end)?),
        Column::new(header(spec, Col::EconomicCode), Kind::EconomicCode)
            .check(table::choice(header(spec, Col::EconomicCode), &codes)?),
        Column::info(INFO_ECONOMIC_NAME, Kind::Text),
        Column::new(header(spec, Col::InitialAppropriation), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::TotalAppropriation), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Expenditure), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Note), Kind::LongText).check(table::hint(
            "Açıklama",
            "Gerçekleşme oranı alt eşiğin (kurum.yaml, varsayılan %85) altında ya da %100'ün üstündeyse sapmanın nedeni (5018 s. Kanun md. 41).",
        )?),
    ];
    let mut keyed: Vec<KeyedRow> = Vec::new();
    for line in &s.budget {
        keyed.push((
            (line.year, line.economic_code.clone()),
            vec![
                Cell::number(line.year as f64, true),
                Cell::text(&line.economic_code, true),
                Cell::text(economic_code_name(&line.economic_code), true),
                Cell::number(line.initial_appropriation.value, false),
                Cell::number(line.total_appropriation.value, false),
                Cell::opt_number(line.expenditure.value, false),
                Cell::opt_text(line.explanation.value.as_deref(), false),
            ],
        ));
    }
    let mut years = vec![s.report_year(), s.program_year()];
    years.dedup();
    for year in years.into_iter().filter(|y| s.in_plan(*y)) {
        for (code, name) in ECONOMIC_CODES {
            if s.budget
                .iter()
                .any(|l| l.year == year && l.economic_code == code)
            {
                continue;
            }
            keyed.push(suggested_line(year, code, name, 4));
        }
    }
    Ok(keyed_table(columns, keyed))
}

/// A row of a sheet keyed by year and economic code, with its key.
type KeyedRow = ((i32, String), Vec<Cell>);

/// The suggested row of a code not yet sent for `year`: year, code and name unlocked, then
/// `open` empty cells to fill.
fn suggested_line(year: i32, code: &str, name: &str, open: usize) -> KeyedRow {
    let mut cells = vec![
        Cell::number(year as f64, false),
        Cell::text(code, false),
        Cell::text(name, false),
    ];
    cells.extend((0..open).map(|_| Cell::empty()));
    ((year, code.to_string()), cells)
}

/// The rows in year and code order.
fn keyed_table(columns: Vec<Column>, mut keyed: Vec<KeyedRow>) -> Table {
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Table {
        columns,
        rows: keyed.into_iter().map(|(_, r)| r).collect(),
        freeze_cols: 0,
    }
}

/// Gelirler: every known revenue line (year and code locked, amounts open), and the revenue
/// codes of the report year not yet sent.
pub fn revenue(s: &Subject, finance: &Finance) -> Result<Table, XlsxError> {
    let spec = REVENUE_COLUMNS;
    let (start, end) = s.project.settings.years.revenue_years();
    let codes: Vec<&str> = REVENUE_CODES.iter().map(|(c, _)| *c).collect();
    let columns = vec![
        Column::new(header(spec, Col::Year), Kind::Year).check(table::year_between(
            start,
            end,
            "rapor yılı, önceki yıl ya da plan dönemi",
        )?),
        Column::new(header(spec, Col::EconomicCode), Kind::EconomicCode)
            .check(table::choice(header(spec, Col::EconomicCode), &codes)?),
        Column::info(INFO_REVENUE_NAME, Kind::Text),
        Column::new(header(spec, Col::Estimate), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Collected), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Note), Kind::LongText).check(table::hint(
            "Açıklama",
            "Tahsilat oranı alt eşiğin (kurum.yaml, varsayılan %85) altındaysa nedeni. 09 Red ve İadeler artı yazılır; toplamlardan düşülür.",
        )?),
    ];
    let lines = finance.revenue.iter().flat_map(|sheet| &sheet.rows);
    let mut keyed: Vec<KeyedRow> = lines
        .map(|r| {
            (
                (r.year, r.economic_code.clone()),
                vec![
                    Cell::number(r.year as f64, true),
                    Cell::text(&r.economic_code, true),
                    Cell::text(revenue_code_name(&r.economic_code), true),
                    Cell::number(r.estimate.value, false),
                    Cell::opt_number(r.collected.value, false),
                    Cell::opt_text(r.explanation.value.as_deref(), false),
                ],
            )
        })
        .collect();
    let year = s.report_year();
    for (code, name) in REVENUE_CODES {
        if finance.revenue_of(year).any(|r| r.economic_code == code) {
            continue;
        }
        keyed.push(suggested_line(year, code, name, 3));
    }
    Ok(keyed_table(columns, keyed))
}

/// The debt items suggested when none is known yet (spec/finance.md).
pub const SUGGESTED_DEBT_ITEMS: [&str; 5] = [
    "Banka Kredileri",
    "İller Bankası",
    "SGK Prim Borçları",
    "Vergi Borçları",
    "Tedarikçilere Borçlar",
];

/// Borçlar: the known debt items, all open (a paid-off item's row can be deleted), or the
/// usual items as suggestions.
pub fn debts(finance: &Finance) -> Result<Table, XlsxError> {
    let spec = DEBT_COLUMNS;
    let terms = labels(DebtTerm::ALL, DebtTerm::label);
    let columns = vec![
        Column::new(header(spec, Col::DebtItem), Kind::LongText),
        Column::new(header(spec, Col::Term), Kind::Choice)
            .check(table::choice(header(spec, Col::Term), &terms)?),
        Column::new(header(spec, Col::StartOfYear), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::EndOfYear), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Note), Kind::LongText),
    ];
    let known: Vec<Vec<Cell>> = finance
        .debts
        .iter()
        .flat_map(|sheet| &sheet.rows)
        .map(|d| {
            vec![
                Cell::text(&d.item.value, false),
                Cell::text(d.term.value.label(), false),
                Cell::number(d.start_of_year.value, false),
                Cell::number(d.end_of_year.value, false),
                Cell::opt_text(d.note.value.as_deref(), false),
            ]
        })
        .collect();
    let rows = if known.is_empty() && finance.debts.is_none() {
        SUGGESTED_DEBT_ITEMS
            .iter()
            .map(|item| {
                let mut row = vec![Cell::empty(); columns.len()];
                row[0] = Cell::text(*item, false);
                row
            })
            .collect()
    } else {
        known
    };
    Ok(Table {
        columns,
        rows,
        freeze_cols: 1,
    })
}

/// İştirakler: the known affiliates (or the `Yok` row), all open.
pub fn affiliates(finance: &Finance) -> Result<Table, XlsxError> {
    let spec = AFFILIATE_COLUMNS;
    let kinds = labels(AffiliateKind::ALL, AffiliateKind::label);
    let columns = vec![
        Column::new(header(spec, Col::AffiliateName), Kind::LongText).check(table::hint(
            "Adı",
            "Bağlı kuruluş, işletme, şirket ya da birliğin adı. Hiçbiri yoksa tek satıra “Yok” yazın.",
        )?),
        Column::new(header(spec, Col::Kind), Kind::Choice)
            .check(table::choice(header(spec, Col::Kind), &kinds)?),
        Column::new(header(spec, Col::Field), Kind::LongText),
        Column::new(header(spec, Col::Capital), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Share), Kind::Weight).check(table::share()?),
        Column::new(header(spec, Col::Result), Kind::Number).check(table::number_with_hint(
            "Yıl Sonucu (TL)",
            "Yılın kârı; zarar eksi yazılır (örneğin -1250000).",
        )?),
        Column::new(header(spec, Col::Note), Kind::LongText),
    ];
    let sheet = finance.affiliates.as_ref();
    let mut rows: Vec<Vec<Cell>> = sheet
        .into_iter()
        .flat_map(|s| &s.rows)
        .map(|a| {
            vec![
                Cell::text(&a.name.value, false),
                Cell::text(a.kind.value.label(), false),
                Cell::opt_text(a.field.value.as_deref(), false),
                Cell::opt_number(a.capital.value, false),
                Cell::opt_number(a.share.value, false),
                Cell::opt_number(a.result.value, false),
                Cell::opt_text(a.note.value.as_deref(), false),
            ]
        })
        .collect();
    if sheet.is_some_and(|s| s.declared_none.is_some()) {
        let mut row = vec![Cell::empty(); columns.len()];
        row[0] = Cell::text("Yok", false);
        rows.push(row);
    }
    Ok(Table {
        columns,
        rows,
        freeze_cols: 1,
    })
}

/// Transferler: the known transfers, all open.
pub fn transfers(s: &Subject, finance: &Finance) -> Result<Table, XlsxError> {
    let spec = TRANSFER_COLUMNS;
    let (start, end) = s.plan_period();
    let columns = vec![
        Column::new(header(spec, Col::Year), Kind::Year).check(table::year(start, end)?),
        Column::new(header(spec, Col::Recipient), Kind::LongText),
        Column::new(header(spec, Col::Amount), Kind::Amount).check(table::amount()?),
        Column::new(header(spec, Col::Note), Kind::LongText),
    ];
    let rows = finance
        .transfers
        .iter()
        .flat_map(|sheet| &sheet.rows)
        .map(|t| {
            vec![
                Cell::number(t.year as f64, false),
                Cell::text(&t.recipient.value, false),
                Cell::number(t.amount.value, false),
                Cell::opt_text(t.note.value.as_deref(), false),
            ]
        })
        .collect();
    Ok(Table {
        columns,
        rows,
        freeze_cols: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::columns::Column as C;

    #[test]
    fn every_header_has_a_name() {
        for (specs, cols) in [
            (
                INDICATOR_COLUMNS,
                &[
                    C::IndicatorCode,
                    C::ObjectiveCode,
                    C::IndicatorName,
                    C::Unit,
                    C::Direction,
                    C::Weight,
                    C::Baseline,
                    C::Monitoring,
                    C::Reporting,
                    C::Cooperating,
                    C::Note,
                ][..],
            ),
            (
                ACTUAL_COLUMNS,
                &[
                    C::IndicatorCode,
                    C::Year,
                    C::Period,
                    C::ActualValue,
                    C::DeviationReason,
                    C::DataSource,
                ][..],
            ),
            (
                ACTIVITY_COLUMNS,
                &[
                    C::ActivityCode,
                    C::ObjectiveCode,
                    C::ActivityName,
                    C::Kind,
                    C::Year,
                    C::Budget,
                    C::OffBudget,
                    C::Expenditure,
                    C::Status,
                    C::Note,
                ][..],
            ),
            (
                BUDGET_COLUMNS,
                &[
                    C::Year,
                    C::EconomicCode,
                    C::InitialAppropriation,
                    C::TotalAppropriation,
                    C::Expenditure,
                    C::Note,
                ][..],
            ),
            (
                REVENUE_COLUMNS,
                &[C::Year, C::EconomicCode, C::Estimate, C::Collected, C::Note][..],
            ),
            (
                DEBT_COLUMNS,
                &[C::DebtItem, C::Term, C::StartOfYear, C::EndOfYear, C::Note][..],
            ),
            (
                AFFILIATE_COLUMNS,
                &[
                    C::AffiliateName,
                    C::Kind,
                    C::Field,
                    C::Capital,
                    C::Share,
                    C::Result,
                    C::Note,
                ][..],
            ),
            (
                TRANSFER_COLUMNS,
                &[C::Year, C::Recipient, C::Amount, C::Note][..],
            ),
        ] {
            for c in cols {
                assert!(!header(specs, *c).is_empty(), "{c:?}");
            }
        }
    }
}
