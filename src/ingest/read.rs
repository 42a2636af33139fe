//! Reading one workbook file with calamine into plain cells at absolute positions.
//!
//! calamine's ranges start at the first used cell, not at A1: positions are made absolute
//! here, once, so every later message names the right cell. The result is serialisable so
//! that it can come back from an isolated reader process.

use calamine::{
    open_workbook_from_rs, Data, Ods, OdsError, Reader, SheetVisible, Sheets, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError,
};
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read, Seek};
use std::path::Path;

use super::discover::WorkbookKind;
use crate::config::Limits;

/// A cell value as the file stores it (formulas give their cached value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RawValue {
    Text(String),
    /// Any `f64` the file holds, NaN and infinities included: a broken or crafted file can
    /// store them (an .xls NUMBER record is eight raw bytes), and saying so at the cell is the
    /// parser's job (D001), not the reader's. See [`f64_bits`] for how it crosses processes.
    Number(#[serde(with = "f64_bits")] f64),
    Bool(bool),
    /// An error value: `#DIV/0!`, `#REF!`, …
    Error(String),
    /// A date or time, as text (`2025-10-21`).
    Date(String),
}

/// How a cell's number travels from the reader process to its parent (`isolate.rs`).
///
/// serde_json writes NaN and ±∞ as `null`, which does not read back as a number: one NaN cell
/// of a mutated .xls made its whole workbook a Y004 ("okuyucu sürecin yanıtı anlaşılamadı").
/// Without its `float_roundtrip` feature serde_json may also read a finite number back one unit
/// in the last place off. Converting non-finite numbers where cells leave calamine would fix the
/// first only, and would make the reader decide what the parser reports. So a number travels
/// as its IEEE 754 bit pattern, a `u64`, which JSON carries exactly: every `f64` a reader can
/// produce (NaN, ±∞, -0.0, subnormals, every finite value) arrives as the same bits, and the
/// in-process and the isolated reader give the parser the same cells.
pub mod f64_bits {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(value.to_bits())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        u64::deserialize(deserializer).map(f64::from_bits)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawCell {
    pub row: u32,
    pub col: u32,
    pub value: RawValue,
}

/// A merged region, 0-based, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawMerge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawSheet {
    pub name: String,
    pub visible: bool,
    /// Non-empty cells sorted by row, then column, at absolute positions.
    pub cells: Vec<RawCell>,
    pub merges: Vec<RawMerge>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawWorkbook {
    pub sheets: Vec<RawSheet>,
}

/// Why a file could not be read, said for the directorate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadFailure {
    pub reason: String,
}

impl ReadFailure {
    pub fn new(reason: impl Into<String>) -> ReadFailure {
        ReadFailure {
            reason: reason.into(),
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Checks size and magic bytes before any parsing: cheap, and it turns most non-workbooks
/// into a clear message.
pub fn precheck(bytes: &[u8], kind: WorkbookKind, limits: &Limits) -> Result<(), ReadFailure> {
    precheck_size(bytes.len() as u64, limits)?;
    precheck_magic(bytes, kind)
}

/// The file-size limit; an empty file is never a workbook.
pub fn precheck_size(len: u64, limits: &Limits) -> Result<(), ReadFailure> {
    if len == 0 {
        return Err(ReadFailure::new(
            "dosya boş (0 bayt); çalışma kitabını yeniden kaydedip gönderin",
        ));
    }
    if len > limits.max_file_bytes {
        return Err(ReadFailure::new(format!(
            "dosya çok büyük ({:.1} MB; sınır {:.1} MB). Gerekirse kurum.yaml'da okuma.dosya_boyutu_mb değerini artırın",
            len as f64 / 1_048_576.0,
            limits.max_file_bytes as f64 / 1_048_576.0
        )));
    }
    Ok(())
}

/// The first bytes must say zip (xlsx, xlsm, xlsb, ods) or compound file (xls).
pub fn precheck_magic(head: &[u8], kind: WorkbookKind) -> Result<(), ReadFailure> {
    let is_zip = head.starts_with(ZIP_MAGIC);
    let is_cfb = head.starts_with(CFB_MAGIC);
    match kind {
        WorkbookKind::Xls if !is_cfb => Err(ReadFailure::new(
            "dosya uzantısı .xls ama içeriği bir Excel 97-2003 çalışma kitabı değil; Excel'de açıp .xlsx olarak yeniden kaydedin",
        )),
        WorkbookKind::Xlsx | WorkbookKind::Xlsm | WorkbookKind::Xlsb | WorkbookKind::Ods if is_cfb => Err(ReadFailure::new(
            "dosya şifreli ya da eski biçimde (parola korumalı Excel dosyaları okunamaz); parolayı kaldırıp yeniden kaydedin",
        )),
        WorkbookKind::Xlsx | WorkbookKind::Xlsm | WorkbookKind::Xlsb | WorkbookKind::Ods if !is_zip => Err(ReadFailure::new(
            "dosya bir çalışma kitabı değil ya da bozuk (içeriği tanınmadı); Excel ya da LibreOffice ile yeniden kaydedin",
        )),
        _ => Ok(()),
    }
}

/// Reads a workbook file.
pub fn read_file(
    path: &Path,
    kind: WorkbookKind,
    limits: &Limits,
) -> Result<RawWorkbook, ReadFailure> {
    let bytes =
        std::fs::read(path).map_err(|e| ReadFailure::new(format!("dosya açılamadı: {e}")))?;
    read_bytes(&bytes, kind, limits)
}

/// Reads a workbook from its bytes.
pub fn read_bytes(
    bytes: &[u8],
    kind: WorkbookKind,
    limits: &Limits,
) -> Result<RawWorkbook, ReadFailure> {
    precheck(bytes, kind, limits)?;
    let sheets = open_any(Cursor::new(bytes)).map_err(|e| describe_error(e, None))?;
    read_sheets(sheets, limits)
}

/// Opens a workbook whatever its format, trying them in the order of calamine's
/// `open_workbook_auto_from_rs`: .xls, .xlsx, .xlsb, .ods. Unlike that function it keeps the
/// reason when a format recognised the file as encrypted, so that the directorate is told to
/// remove the password rather than that the file is broken.
fn open_any<RS: Read + Seek + Clone>(data: RS) -> Result<Sheets<RS>, calamine::Error> {
    let mut password = None;
    let mut note = |e: calamine::Error| {
        if is_password(&e) {
            password.get_or_insert(e);
        }
    };
    match open_workbook_from_rs::<Xls<RS>, RS>(data.clone()) {
        Ok(book) => return Ok(Sheets::Xls(book)),
        Err(e) => note(e.into()),
    }
    match open_workbook_from_rs::<Xlsx<RS>, RS>(data.clone()) {
        Ok(book) => return Ok(Sheets::Xlsx(book)),
        Err(e) => note(e.into()),
    }
    match open_workbook_from_rs::<Xlsb<RS>, RS>(data.clone()) {
        Ok(book) => return Ok(Sheets::Xlsb(book)),
        Err(e) => note(e.into()),
    }
    match open_workbook_from_rs::<Ods<RS>, RS>(data) {
        Ok(book) => return Ok(Sheets::Ods(book)),
        Err(e) => note(e.into()),
    }
    // calamine's own words when no format fits, as `open_workbook_auto_from_rs` says them.
    Err(password.unwrap_or(calamine::Error::Msg("Cannot detect file format")))
}

/// calamine's password errors, one variant per format.
fn is_password(error: &calamine::Error) -> bool {
    matches!(
        error,
        calamine::Error::Xls(XlsError::Password)
            | calamine::Error::Xlsx(XlsxError::Password)
            | calamine::Error::Xlsb(XlsbError::Password)
            | calamine::Error::Ods(OdsError::Password)
    )
}

/// Why calamine could not read the file, or the sheet named `sheet`.
fn describe_error(error: calamine::Error, sheet: Option<&str>) -> ReadFailure {
    if is_password(&error) {
        return ReadFailure::new("dosya parola korumalı; parolayı kaldırıp yeniden kaydedin");
    }
    let raw = match sheet {
        Some(name) => format!("“{name}” sayfası: {error}"),
        None => error.to_string(),
    };
    ReadFailure::new(format!(
        "dosya bozuk ya da desteklenmeyen biçimde ({raw}); Excel ya da LibreOffice ile açıp yeniden kaydedin"
    ))
}

fn read_sheets<RS: Read + Seek>(
    mut book: Sheets<RS>,
    limits: &Limits,
) -> Result<RawWorkbook, ReadFailure> {
    let metas: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::with_capacity(metas.len());
    for (name, visible) in metas {
        let cells = match sheet_cells(&mut book, &name, limits) {
            Ok(cells) => cells,
            // A chart sheet or a sheet calamine cannot read: kept empty when hidden (it is
            // ignored anyway), otherwise the workbook cannot be read.
            Err(_) if !visible => Vec::new(),
            Err(e) => return Err(e),
        };
        let merges = merges_of(&mut book, &name);
        sheets.push(RawSheet {
            name,
            visible,
            cells,
            merges,
        });
    }
    Ok(RawWorkbook { sheets })
}

fn too_big(name: &str, what: String) -> ReadFailure {
    ReadFailure::new(format!("“{name}” sayfası çok büyük: {what}"))
}

/// Keeps a cell if it is inside the limits.
fn push_cell(
    cells: &mut Vec<RawCell>,
    name: &str,
    row: u32,
    col: u32,
    data: &Data,
    limits: &Limits,
) -> Result<(), ReadFailure> {
    let Some(value) = convert(data) else {
        return Ok(());
    };
    if row >= limits.max_rows {
        return Err(too_big(name, format!(
            "{} satırında veri var (sınır {} satır). Sayfanın altındaki fazla satırları silin ya da kurum.yaml'da okuma.satir_sayisi değerini artırın",
            row as u64 + 1, limits.max_rows
        )));
    }
    if col >= limits.max_cols {
        return Err(too_big(name, format!(
            "{} sütununda veri var (sınır {} sütun). Sağdaki fazla sütunları silin ya da kurum.yaml'da okuma.sutun_sayisi değerini artırın",
            crate::text::column_letters(col), limits.max_cols
        )));
    }
    if cells.len() as u64 >= limits.max_cells {
        return Err(too_big(name, format!(
            "{}'den fazla dolu hücre var. Gereksiz verileri silin ya da kurum.yaml'da okuma.hucre_sayisi değerini artırın",
            limits.max_cells
        )));
    }
    cells.push(RawCell { row, col, value });
    Ok(())
}

/// A sheet's non-empty cells at absolute positions. .xlsx is read cell by cell (sparse), so a
/// lone cell at XFD1048576 costs one cell, not a dense range of 17 billion.
fn sheet_cells<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    name: &str,
    limits: &Limits,
) -> Result<Vec<RawCell>, ReadFailure> {
    let mut cells = Vec::new();
    if let Sheets::Xlsx(x) = book {
        let mut reader = x
            .worksheet_cells_reader(name)
            .map_err(|e| describe_error(e.into(), Some(name)))?;
        loop {
            match reader.next_cell() {
                Ok(Some(cell)) => {
                    let (row, col) = cell.get_position();
                    let data: Data = cell.get_value().clone().into();
                    push_cell(&mut cells, name, row, col, &data, limits)?;
                }
                Ok(None) => break,
                Err(e) => return Err(describe_error(e.into(), Some(name))),
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        return Ok(cells);
    }
    let range = book
        .worksheet_range(name)
        .map_err(|e| describe_error(e, Some(name)))?;
    let (start_row, start_col) = range.start().unwrap_or((0, 0));
    for (r, c, data) in range.used_cells() {
        push_cell(
            &mut cells,
            name,
            start_row + r as u32,
            start_col + c as u32,
            data,
            limits,
        )?;
    }
    Ok(cells)
}

fn merges_of<RS: Read + Seek>(book: &mut Sheets<RS>, name: &str) -> Vec<RawMerge> {
    let dims = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).ok(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
        // calamine does not report merges for .xlsb and .ods.
        Sheets::Xlsb(_) | Sheets::Ods(_) => None,
    };
    dims.unwrap_or_default()
        .into_iter()
        .map(|d| RawMerge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect()
}

/// The spreadsheet error values; a cell holding exactly one of them is an error (D008).
const ERROR_TEXTS: [&str; 8] = [
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
];

fn convert(data: &Data) -> Option<RawValue> {
    Some(match data {
        Data::Empty => return None,
        Data::String(s) => {
            if s.trim().is_empty() {
                return None;
            }
            // calamine has no error type for .ods: an error result arrives as its text.
            if ERROR_TEXTS.contains(&s.trim()) {
                return Some(RawValue::Error(s.trim().to_string()));
            }
            RawValue::Text(s.clone())
        }
        Data::Int(i) => RawValue::Number(*i as f64),
        Data::Float(f) => RawValue::Number(*f),
        Data::Bool(b) => RawValue::Bool(*b),
        Data::Error(e) => RawValue::Error(e.to_string()),
        // A non-finite serial is no date: it stays a number, which the parser reports (D001).
        Data::DateTime(dt) if dt.is_datetime() && dt.as_f64().is_finite() => {
            RawValue::Date(serial_to_date(dt.as_f64()))
        }
        Data::DateTime(dt) => RawValue::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawValue::Date(s.clone()),
    })
}

/// An Excel serial day as `YYYY-MM-DD`; a serial that is no date stays its number.
fn serial_to_date(serial: f64) -> String {
    match crate::text::format::excel_date(serial) {
        Some(date) => date.to_string(),
        None => crate::text::plain_number(serial),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(serial_to_date(45_951.0), "2025-10-21");
        assert_eq!(serial_to_date(1.0), "1899-12-31");
        assert_eq!(serial_to_date(2_958_465.0), "9999-12-31");
        assert_eq!(serial_to_date(2_958_466.0), "2958466");
    }
}
