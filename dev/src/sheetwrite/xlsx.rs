//! Office Open XML workbooks (`.xlsx`), written with `rust_xlsxwriter` (the crate `kitap sablon`
//! writes its templates with).
//!
//! rust_xlsxwriter escapes text as Excel does (C0 controls and U+FFFE/U+FFFF as `_xHHHH_`, a
//! literal `_xHHHH_` as `_x005F_xHHHH_`), zips with a fixed timestamp, and is given a fixed
//! creation date here, so the same workbook gives the same bytes. What it cannot store
//! faithfully is refused by `validate` (see [`Limits::rust_xlsxwriter`](super::Limits)).

use super::{
    active_sheet, formula_body, number_text, validate, CellValue, SheetSpec, WorkbookSpec,
    XLSX_GRID,
};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};
use std::io;

pub fn to_bytes(spec: &WorkbookSpec) -> io::Result<Vec<u8>> {
    validate(spec, XLSX_GRID)?;
    // What `validate` lets through, rust_xlsxwriter writes; an error here is one it found that
    // `validate` does not know of (such as a sheet named "History").
    build(spec).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
}

fn build(spec: &WorkbookSpec) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // rust_xlsxwriter writes the current time into docProps/core.xml unless told otherwise.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    // Cells whose text holds a line break wrap, at the top of the cell.
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let active = active_sheet(spec);
    for (i, sheet) in spec.sheets.iter().enumerate() {
        let worksheet = workbook.add_worksheet();
        write_sheet(worksheet, sheet, &wrap)?;
        if i == active {
            worksheet.set_active(true);
        }
    }
    workbook.save_to_buffer()
}

fn write_sheet(ws: &mut Worksheet, sheet: &SheetSpec, wrap: &Format) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    ws.set_hidden(sheet.hidden);
    // A formula cached as the empty text keeps that value (rust_xlsxwriter's default is 0).
    ws.set_formula_result_default("");
    for (&col, &width) in &sheet.column_widths {
        ws.set_column_width(col as u16, width)?;
    }
    // `merge_range` writes its text into the first cell and blanks (no values) into the
    // others; the cells written below replace them.
    let plain = Format::new();
    for m in &sheet.merges {
        ws.merge_range(
            m.first_row,
            m.first_col as u16,
            m.last_row,
            m.last_col as u16,
            "",
            &plain,
        )?;
    }
    for (&(row, col), value) in &sheet.cells {
        let col = col as u16;
        match value {
            CellValue::Text(t) if t.contains('\n') => {
                ws.write_string_with_format(row, col, t, wrap)?;
            }
            CellValue::Text(t) => {
                ws.write_string(row, col, t)?;
            }
            CellValue::Number(n) => {
                ws.write_number(row, col, *n)?;
            }
            CellValue::Bool(b) => {
                ws.write_boolean(row, col, *b)?;
            }
            // rust_xlsxwriter writes no plain error cells: the error is the cached value of the
            // formula that gives it (`=#N/A`), the way LibreOffice stores an error constant.
            CellValue::Error(e) => {
                ws.write_formula(row, col, Formula::new(e).set_result(e))?;
            }
            CellValue::Formula { formula, cached } => {
                let formula = Formula::new(formula_body(formula)).set_result(cached_text(cached));
                match &**cached {
                    CellValue::Text(t) if t.contains('\n') => {
                        ws.write_formula_with_format(row, col, formula, wrap)?;
                    }
                    _ => {
                        ws.write_formula(row, col, formula)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// A cached value as rust_xlsxwriter takes it: text, from which it infers the type (a number,
/// `TRUE`/`FALSE`, an error value, else text; `validate` refuses text that would pass for one of
/// the others). It escapes control characters in it but not a literal `_xHHHH_`: that is done
/// here, as it does for cell text.
fn cached_text(cached: &CellValue) -> String {
    match cached {
        CellValue::Text(t) => escape_escapes(t),
        CellValue::Number(n) => number_text(*n),
        CellValue::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        CellValue::Error(e) => e.clone(),
        // Refused by `validate`.
        CellValue::Formula { .. } => String::new(),
    }
}

/// `_x0041_` → `_x005F_x0041_`: a literal that a reader would take for Excel's escape of a
/// character keeps its underscore escaped.
fn escape_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '_' && looks_like_escape(&text[i..]) {
            out.push_str("_x005F");
        }
        out.push(c);
    }
    out
}

/// Whether `s` starts with `_xHHHH_` (calamine, like Excel, reads only a lower-case `x`).
fn looks_like_escape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7
        && b[0] == b'_'
        && b[1] == b'x'
        && b[2..6].iter().all(u8::is_ascii_hexdigit)
        && b[6] == b'_'
}
