//! Writing small workbooks (`.xlsx`, `.ods`, `.xls`) cell by cell.
//!
//! This is not the directorate template writer (`kitap sablon` uses `rust_xlsxwriter` for its
//! drop-downs and protection). It exists so that the bundled example and the tests can make
//! workbooks with exactly the features the reader must cope with: merged cells, hidden sheets,
//! formulas with cached values, error values, text that looks like numbers, cells anywhere.

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
mod xls;
mod xlsx;
