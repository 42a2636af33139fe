//! Writing small workbooks (`.xlsx`, `.ods`, `.xls`) cell by cell.
//!
//! This is not the directorate template writer (`kitap sablon`, in kitap's `template` module).
//! It exists so that the bundled example and the tests can make workbooks with exactly the
//! features the reader must cope with: merged cells, hidden sheets, formulas with cached values,
//! error values, text that looks like numbers, cells anywhere.
//!
//! `.xlsx` is written with `rust_xlsxwriter`; `.ods` and `.xls` by hand (their modules say why).
//! Every writer gives the same bytes for the same workbook.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// One cell's content as the writing program would store it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A formula with the value the writing program cached for it.
    Formula {
        formula: String,
        cached: Box<CellValue>,
    },
    /// An error value such as `#DIV/0!` or `#REF!`.
    Error(String),
}

impl From<&str> for CellValue {
    fn from(s: &str) -> Self {
        CellValue::Text(s.to_string())
    }
}
impl From<String> for CellValue {
    fn from(s: String) -> Self {
        CellValue::Text(s)
    }
}
impl From<f64> for CellValue {
    fn from(n: f64) -> Self {
        CellValue::Number(n)
    }
}
impl From<i64> for CellValue {
    fn from(n: i64) -> Self {
        CellValue::Number(n as f64)
    }
}
impl From<i32> for CellValue {
    fn from(n: i32) -> Self {
        CellValue::Number(n as f64)
    }
}

/// A merged region, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One sheet: sparse cells keyed by 0-based (row, column).
#[derive(Debug, Clone, Default)]
pub struct SheetSpec {
    pub name: String,
    pub hidden: bool,
    pub cells: BTreeMap<(u32, u32), CellValue>,
    pub merges: Vec<Merge>,
    /// Column widths in characters, for people who open the file.
    pub column_widths: BTreeMap<u32, f64>,
}

impl SheetSpec {
    pub fn new(name: impl Into<String>) -> Self {
        SheetSpec {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Sets one cell (0-based row and column).
    pub fn set(&mut self, row: u32, col: u32, value: impl Into<CellValue>) -> &mut Self {
        self.cells.insert((row, col), value.into());
        self
    }

    /// Writes a row from column A; `None` leaves a cell empty.
    pub fn row<I, V>(&mut self, row: u32, values: I) -> &mut Self
    where
        I: IntoIterator<Item = Option<V>>,
        V: Into<CellValue>,
    {
        for (col, value) in values.into_iter().enumerate() {
            if let Some(v) = value {
                self.cells.insert((row, col as u32), v.into());
            }
        }
        self
    }

    pub fn merge(
        &mut self,
        first_row: u32,
        first_col: u32,
        last_row: u32,
        last_col: u32,
    ) -> &mut Self {
        self.merges.push(Merge {
            first_row,
            first_col,
            last_row,
            last_col,
        });
        self
    }
}

/// A whole workbook, sheets in order.
#[derive(Debug, Clone, Default)]
pub struct WorkbookSpec {
    pub sheets: Vec<SheetSpec>,
}

/// The file formats this module writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
    Xls,
}

impl Format {
    /// The format for a path's extension (`.xlsx`/`.xlsm` → Xlsx, `.ods`, `.xls`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "ods" => Some(Format::Ods),
            "xls" => Some(Format::Xls),
            _ => None,
        }
    }
}

/// Serialises the workbook in the given format.
pub fn to_bytes(spec: &WorkbookSpec, format: Format) -> io::Result<Vec<u8>> {
    match format {
        Format::Xlsx => xlsx::to_bytes(spec),
        Format::Ods => ods::to_bytes(spec),
        Format::Xls => xls::to_bytes(spec),
    }
}

/// Writes the workbook to `path`, the format chosen by the extension.
pub fn write(spec: &WorkbookSpec, path: &Path) -> io::Result<()> {
    let format = Format::from_path(path).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unknown workbook extension: {}", path.display()),
        )
    })?;
    std::fs::write(path, to_bytes(spec, format)?)
}

mod ods;
#[cfg(test)]
mod tests;
mod xls;
mod xlsx;

// Helpers shared by the three writers.

/// The most UTF-16 units Excel keeps in one cell.
const MAX_TEXT_UNITS: usize = 32_767;
const MAX_SHEET_NAME_CHARS: usize = 31;

/// What a format (and its writer) can store.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// The last 0-based row and column.
    last_row: u32,
    last_col: u32,
    /// Whether cell text may hold C0 control characters and U+FFFE/U+FFFF (`.xlsx` stores them
    /// as `_xHHHH_`, `.xls` as they are; XML 1.0, and so `.ods`, cannot hold them).
    controls_in_text: bool,
    /// Whether the cells go through rust_xlsxwriter, which cannot store three things
    /// faithfully: the empty text (it leaves the cell out, as Excel does), text of the form
    /// `<r>…</r>` (it takes that for rich-text XML) and a formula's cached text that reads as
    /// a number, `TRUE`/`FALSE` or an error value (it infers the cached type from the text).
    rust_xlsxwriter: bool,
}

/// `.xlsx` (as Excel opens it).
const XLSX_GRID: Limits = Limits {
    last_row: 1_048_575,
    last_col: 16_383,
    controls_in_text: true,
    rust_xlsxwriter: true,
};
/// `.ods` (as LibreOffice opens it).
const ODS_GRID: Limits = Limits {
    controls_in_text: false,
    rust_xlsxwriter: false,
    ..XLSX_GRID
};
/// `.xls` (BIFF8).
const XLS_GRID: Limits = Limits {
    last_row: 65_535,
    last_col: 255,
    controls_in_text: true,
    rust_xlsxwriter: false,
};

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// The error values every format can store, with their BIFF codes.
const ERROR_VALUES: [(&str, u8); 7] = [
    ("#NULL!", 0x00),
    ("#DIV/0!", 0x07),
    ("#VALUE!", 0x0F),
    ("#REF!", 0x17),
    ("#NAME?", 0x1D),
    ("#NUM!", 0x24),
    ("#N/A", 0x2A),
];

/// The BIFF code of an error value such as `#DIV/0!`.
fn error_code(name: &str) -> Option<u8> {
    ERROR_VALUES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, code)| *code)
}

/// The sheet shown on opening: the first visible one (Excel refuses a hidden active sheet).
fn active_sheet(spec: &WorkbookSpec) -> usize {
    spec.sheets.iter().position(|s| !s.hidden).unwrap_or(0)
}

/// A number as the XML formats hold it: the shortest text that reads back as the same `f64`.
fn number_text(n: f64) -> String {
    if n == 0.0 {
        // Also turns -0 into 0.
        return "0".into();
    }
    format!("{n}")
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
fn column_letters(col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// `(2, 1)` → `B3`.
fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// A formula without its leading `=`.
fn formula_body(formula: &str) -> &str {
    formula.strip_prefix('=').unwrap_or(formula)
}

/// Characters XML 1.0 cannot carry (besides tab, line feed and carriage return).
fn is_unwritable(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Rejects what one of the formats cannot store or Excel would refuse to open, so that a file
/// is either written faithfully or not at all.
fn validate(spec: &WorkbookSpec, limits: Limits) -> io::Result<()> {
    if spec.sheets.is_empty() {
        return Err(invalid("a workbook needs at least one sheet".into()));
    }
    let mut seen: Vec<String> = Vec::new();
    for sheet in &spec.sheets {
        let name = &sheet.name;
        let chars = name.chars().count();
        if chars == 0 || chars > MAX_SHEET_NAME_CHARS {
            return Err(invalid(format!(
                "sheet name {name:?} must have 1 to 31 characters"
            )));
        }
        if name.contains(['[', ']', ':', '*', '?', '/', '\\'])
            || name.starts_with('\'')
            || name.ends_with('\'')
            || name.chars().any(is_unwritable)
        {
            return Err(invalid(format!(
                "sheet name {name:?} holds a character Excel forbids"
            )));
        }
        let folded = name.to_lowercase();
        if seen.contains(&folded) {
            return Err(invalid(format!("two sheets are named {name:?}")));
        }
        seen.push(folded);
        for (&(row, col), value) in &sheet.cells {
            validate_cell(name, row, col, value, limits)?;
        }
        for (i, m) in sheet.merges.iter().enumerate() {
            let area = format!(
                "{name}!{}:{}",
                cell_name(m.first_row, m.first_col),
                cell_name(m.last_row, m.last_col)
            );
            if m.first_row > m.last_row || m.first_col > m.last_col {
                return Err(invalid(format!("merge {area} is reversed")));
            }
            if m.last_row > limits.last_row || m.last_col > limits.last_col {
                return Err(invalid(format!("merge {area} is outside the sheet")));
            }
            if m.first_row == m.last_row && m.first_col == m.last_col {
                return Err(invalid(format!("merge {area} covers a single cell")));
            }
            let overlaps = |o: &Merge| {
                o.first_row <= m.last_row
                    && m.first_row <= o.last_row
                    && o.first_col <= m.last_col
                    && m.first_col <= o.last_col
            };
            if sheet.merges[..i].iter().any(overlaps) {
                return Err(invalid(format!("merge {area} overlaps another merge")));
            }
        }
        for (&col, &width) in &sheet.column_widths {
            if col > limits.last_col || !(0.0..=255.0).contains(&width) {
                let col = column_letters(col);
                return Err(invalid(format!(
                    "width {width} of column {col} in {name} is unusable"
                )));
            }
        }
    }
    Ok(())
}

fn validate_cell(
    sheet: &str,
    row: u32,
    col: u32,
    value: &CellValue,
    limits: Limits,
) -> io::Result<()> {
    let at = || format!("{sheet}!{}", cell_name(row, col));
    if row > limits.last_row || col > limits.last_col {
        return Err(invalid(format!("cell {} is outside the sheet", at())));
    }
    if limits.rust_xlsxwriter {
        refuse_for_rust_xlsxwriter(value)
            .map_err(|what| invalid(format!("{} holds {what}", at())))?;
    }
    let value = match value {
        CellValue::Formula { formula, cached } => {
            let body = formula_body(formula);
            if body.trim().is_empty() || body.chars().any(is_unwritable) {
                return Err(invalid(format!(
                    "the formula in {} is empty or unwritable",
                    at()
                )));
            }
            if matches!(**cached, CellValue::Formula { .. }) {
                return Err(invalid(format!(
                    "the cached value in {} is a formula",
                    at()
                )));
            }
            &**cached
        }
        other => other,
    };
    match value {
        CellValue::Number(n) if !n.is_finite() => Err(invalid(format!(
            "{} holds {n}, which no workbook can store",
            at()
        ))),
        CellValue::Error(e) if error_code(e).is_none() => Err(invalid(format!(
            "{} holds the unknown error value {e:?}",
            at()
        ))),
        CellValue::Text(t) if t.encode_utf16().count() > MAX_TEXT_UNITS => Err(invalid(format!(
            "the text in {} is longer than 32767 characters",
            at()
        ))),
        CellValue::Text(t) if !limits.controls_in_text && t.chars().any(is_unwritable) => Err(
            invalid(format!("the text in {} holds a control character", at())),
        ),
        _ => Ok(()),
    }
}

/// What rust_xlsxwriter would not store as given (see [`Limits::rust_xlsxwriter`]), said for
/// an error message.
fn refuse_for_rust_xlsxwriter(value: &CellValue) -> Result<(), &'static str> {
    match value {
        CellValue::Text(t) if t.is_empty() => {
            Err("the empty text, which .xlsx cannot store (leave the cell out)")
        }
        CellValue::Text(t) if t.starts_with("<r>") && t.ends_with("</r>") => {
            Err("text rust_xlsxwriter would take for rich-text XML")
        }
        CellValue::Formula { cached, .. } => match &**cached {
            CellValue::Text(t)
                if t.parse::<f64>().is_ok()
                    || t == "TRUE"
                    || t == "FALSE"
                    || t == "#GETTING_DATA"
                    || error_code(t).is_some() =>
            {
                Err("a formula whose cached text would be stored as another type in .xlsx")
            }
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}
