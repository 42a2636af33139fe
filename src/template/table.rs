//! One data sheet as a table: a frozen header row, rows of cells that are either locked
//! (codes and facts already known) or open for input, a drop-down or number check on every
//! column that has one, and sheet protection without a password.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Formula, ProtectionOptions,
    Worksheet, XlsxError,
};

use super::style::{Kind, Styles};

/// Rows below the prefilled ones that keep the drop-downs and number checks, for rows people
/// add. (Every column of the table stays open for input all the way down.)
pub const SPARE_ROWS: u32 = 300;

/// A cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
}

/// One cell of a data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Option<Value>,
    pub locked: bool,
}

impl Cell {
    pub fn empty() -> Cell {
        Cell {
            value: None,
            locked: false,
        }
    }

    pub fn text(text: impl Into<String>, locked: bool) -> Cell {
        let text = text.into();
        Cell {
            value: if text.trim().is_empty() {
                None
            } else {
                Some(Value::Text(text))
            },
            locked,
        }
    }

    pub fn opt_text(text: Option<&str>, locked: bool) -> Cell {
        match text {
            Some(t) => Cell::text(t, locked),
            None => Cell {
                value: None,
                locked,
            },
        }
    }

    pub fn number(n: f64, locked: bool) -> Cell {
        Cell {
            value: Some(Value::Number(n)),
            locked,
        }
    }

    /// A known number is locked when `locked` says so; an unknown one is left open to fill.
    pub fn opt_number(n: Option<f64>, locked: bool) -> Cell {
        match n {
            Some(n) => Cell::number(n, locked),
            None => Cell::empty(),
        }
    }
}

/// A column of a table.
pub struct Column {
    pub header: String,
    pub kind: Kind,
    /// Shown for information only: kitap does not read this column.
    pub info: bool,
    pub validation: Option<DataValidation>,
}

impl Column {
    pub fn new(header: impl Into<String>, kind: Kind) -> Column {
        Column {
            header: header.into(),
            kind,
            info: false,
            validation: None,
        }
    }

    pub fn info(header: impl Into<String>, kind: Kind) -> Column {
        Column {
            info: true,
            ..Column::new(header, kind)
        }
    }

    pub fn check(mut self, validation: DataValidation) -> Column {
        self.validation = Some(validation);
        self
    }
}

/// A whole data sheet.
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Columns frozen at the left besides the header row.
    pub freeze_cols: u16,
}

/// The protection every sheet gets: no password; people may select cells, resize columns and
/// rows, and insert or delete rows (Excel deletes a row only when none of its cells is
/// locked, so the known rows stay).
pub fn protection() -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        ..ProtectionOptions::new()
    }
}

fn width_of(column: &Column, rows: &[Vec<Cell>], index: usize) -> f64 {
    let longest_header_word = column
        .header
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    let content = rows
        .iter()
        .filter_map(|r| r.get(index))
        .filter_map(|c| match &c.value {
            Some(Value::Text(t)) => t.lines().map(|l| l.chars().count()).max(),
            Some(Value::Number(n)) => Some(format!("{n:.2}").len() + 3),
            None => None,
        })
        .max()
        .unwrap_or(0);
    let (min, max) = match column.kind {
        Kind::LongText => (30.0, 60.0),
        Kind::Amount => (16.0, 22.0),
        Kind::Number | Kind::Weight => (12.0, 18.0),
        Kind::Year | Kind::EconomicCode => (8.0, 12.0),
        Kind::Code | Kind::Choice => (12.0, 20.0),
        Kind::Text => (14.0, 40.0),
    };
    // A header up to 16 characters stays on one line; longer ones wrap at word breaks.
    let header = column.header.chars().count().min(16);
    let wanted = (longest_header_word.max(header).max(content) + 2) as f64;
    wanted.clamp(min, max)
}

/// Writes the table into `ws` and protects the sheet.
pub fn write_table(ws: &mut Worksheet, styles: &Styles, table: &Table) -> Result<(), XlsxError> {
    for (c, column) in table.columns.iter().enumerate() {
        let col = c as u16;
        ws.set_column_format(col, &styles.column(column.kind))?;
        ws.set_column_width(col, width_of(column, &table.rows, c))?;
        let header_format = if column.info {
            &styles.info_header
        } else {
            &styles.header
        };
        ws.write_string_with_format(0, col, &column.header, header_format)?;
    }
    ws.set_row_height(0, 32)?;
    for (r, row) in table.rows.iter().enumerate() {
        let excel_row = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let Some(column) = table.columns.get(c) else {
                continue;
            };
            let format = styles.cell(column.kind, cell.locked);
            let col = c as u16;
            match &cell.value {
                Some(Value::Text(t)) => {
                    ws.write_string_with_format(excel_row, col, t, &format)?;
                }
                Some(Value::Number(n)) => {
                    ws.write_number_with_format(excel_row, col, *n, &format)?;
                }
                None if cell.locked => {
                    ws.write_blank(excel_row, col, &format)?;
                }
                None => {}
            }
        }
    }
    let last_row = table.rows.len() as u32 + SPARE_ROWS;
    for (c, column) in table.columns.iter().enumerate() {
        if let Some(v) = &column.validation {
            ws.add_data_validation(1, c as u16, last_row, c as u16, v)?;
        }
    }
    ws.set_freeze_panes(1, table.freeze_cols)?;
    // Printed: landscape A4, one page wide, the header on every page.
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.protect_with_options(&protection());
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Checks on input, with Turkish titles and messages (Excel: title ≤ 32, message ≤ 255).

fn stop(
    v: DataValidation,
    title: &str,
    message: impl Into<String>,
) -> Result<DataValidation, XlsxError> {
    v.set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(title)?
        .set_error_message(message)
}

/// A drop-down list of the accepted values of a closed set.
pub fn choice(header: &str, values: &[&str]) -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new().allow_list_strings(values)?,
        "Listeden seçin",
        format!(
            "“{header}” için şunlardan birini seçin: {}.",
            values.join(", ")
        ),
    )
}

/// A drop-down list whose values are in a range of the workbook (`'Göstergeler'!$A$2:$A$500`).
pub fn choice_from(range: &str, message: &str) -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new().allow_list_formula(Formula::new(range)),
        "Listeden seçin",
        message,
    )
}

const NUMBER_HINT: &str = "Yalnızca sayı yazın (örneğin 1234,5). Birim, % işareti ya da açıklama yazmayın; açıklamayı Açıklama sütununa yazın.";

/// Any number.
pub fn number() -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1e15, 1e15)),
        "Sayı girin",
        NUMBER_HINT,
    )
}

/// A money amount, zero or more.
pub fn amount() -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, 1e15)),
        "Tutar girin",
        "Tutar sıfır ya da pozitif bir sayı olmalı. Yalnızca sayıyı yazın (örneğin 1.250.000,50); TL ya da ₺ yazmayın.",
    )
}

/// Hedefe Etkisi: a share 0–100.
pub fn weight() -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
            .set_input_title("Hedefe Etkisi (%)")?
            .set_input_message(
                "0'dan büyük, en fazla 100. Bir hedefin göstergelerinin toplamı tam 100 olmalı.",
            )?,
        "0–100 arası bir sayı girin",
        "Hedefe Etkisi 0'dan büyük, en fazla 100 olan bir sayıdır; % işareti yazmayın. Bir hedefin göstergelerinin toplamı tam 100 olmalı.",
    )
}

/// A share 0–100 (Belediye Payı).
pub fn share() -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
        "0–100 arası bir sayı girin",
        "Belediye Payı 0 ile 100 arasında bir yüzdedir; % işareti yazmayın (yüzde 45 için 45).",
    )
}

/// A year between `start` and `end` that is not (only) the plan period: `what` says which.
pub fn year_between(start: i32, end: i32, what: &str) -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new().allow_whole_number(DataValidationRule::Between(start, end)),
        "Yıl girin",
        format!("Yılı dört rakamla yazın: {start}–{end} içinde bir yıl ({what})."),
    )
}

/// A plan year.
pub fn year(start: i32, end: i32) -> Result<DataValidation, XlsxError> {
    stop(
        DataValidation::new().allow_whole_number(DataValidationRule::Between(start, end)),
        "Yıl girin",
        format!("Yılı dört rakamla yazın: plan dönemi {start}–{end} içinde bir yıl."),
    )
}

/// A number with an input message shown when the cell is selected.
pub fn number_with_hint(title: &str, hint: &str) -> Result<DataValidation, XlsxError> {
    number()?.set_input_title(title)?.set_input_message(hint)
}

/// No restriction, only a message shown when the cell is selected.
pub fn hint(title: &str, hint: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_any_value()
        .set_input_title(title)?
        .set_input_message(hint)
}
