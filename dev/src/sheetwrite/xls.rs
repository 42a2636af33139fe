//! Excel 97–2003 workbooks (`.xls`): BIFF8 records in the `Workbook` stream of a Compound
//! File (the `cfb` crate).
//!
//! The workbook globals (BOF, CODEPAGE 1200, WINDOW1, DATEMODE, five FONTs, fifteen style XFs
//! and two cell XFs, STYLE, one BOUNDSHEET8 per sheet, SST with CONTINUE records, EXTSST, EOF)
//! come first, then one substream per sheet (BOF, DEFCOLWIDTH, COLINFO, DIMENSIONS, ROW and
//! cell records in blocks of 32 rows, WINDOW2, MERGEDCELLS, EOF).
//!
//! Texts are BIFF8 unicode strings, 8-bit when every character is Latin-1 and UTF-16
//! otherwise. A formula keeps its cached value but not its text: its tokens compute the cached
//! value (the constant itself, or `1/0`-like expressions for most error values), so Excel and
//! LibreOffice show and recalculate the same value, and calamine reads the value. Compiling
//! Excel formula text to BIFF tokens is not worth it for the workbooks kitap writes.
//!
//! Written by hand because no maintained Rust crate writes `.xls` (rust_xlsxwriter and the
//! others write only `.xlsx`; calamine only reads), and the tests need `.xls` files.

use super::{
    active_sheet, error_code, invalid, validate, CellValue, SheetSpec, WorkbookSpec, XLS_GRID,
};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write as _};

/// One row's cells, `(column, value)` in column order.
type RowCells<'a> = Vec<(u32, &'a CellValue)>;

/// The most data one record holds; longer data goes on in CONTINUE records.
const MAX_RECORD_DATA: usize = 8224;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CODEPAGE: u16 = 0x0042;
const WINDOW1: u16 = 0x003D;
const DATEMODE: u16 = 0x0022;
const FONT: u16 = 0x0031;
const XF: u16 = 0x00E0;
const STYLE: u16 = 0x0293;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const EXTSST: u16 = 0x00FF;
const DEFCOLWIDTH: u16 = 0x0055;
const COLINFO: u16 = 0x007D;
const DIMENSIONS: u16 = 0x0200;
const ROW: u16 = 0x0208;
const NUMBER: u16 = 0x0203;
const LABELSST: u16 = 0x00FD;
const BOOLERR: u16 = 0x0205;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const WINDOW2: u16 = 0x023E;
const MERGEDCELLS: u16 = 0x00E5;

/// The first cell XF (the fifteen before it are style XFs), and one that wraps text.
const XF_CELL: u16 = 15;
const XF_WRAP: u16 = 16;

pub fn to_bytes(spec: &WorkbookSpec) -> io::Result<Vec<u8>> {
    validate(spec, XLS_GRID)?;
    let active = active_sheet(spec);
    let mut strings = Strings::default();
    let mut sheets = Vec::with_capacity(spec.sheets.len());
    for (i, sheet) in spec.sheets.iter().enumerate() {
        sheets.push(sheet_stream(sheet, i == active, &mut strings)?);
    }
    let (mut stream, offset_fields) = globals(spec, active, &strings);
    for (field, sheet) in offset_fields.into_iter().zip(&sheets) {
        let at = u32::try_from(stream.len())
            .map_err(|_| invalid("the workbook is too large for .xls".into()))?;
        stream[field..field + 4].copy_from_slice(&at.to_le_bytes());
        stream.extend_from_slice(sheet);
    }
    // A stream under 4096 bytes would go to the Compound File's mini stream; Excel-compatible
    // writers pad the workbook to keep it a regular stream, and so do we.
    if stream.len() < 4096 {
        stream.resize(4096, 0);
    }
    compound_file(&stream)
}

/// The `Workbook` stream in a version 3 Compound File, with fixed (zero) timestamps.
fn compound_file(stream: &[u8]) -> io::Result<Vec<u8>> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, io::Cursor::new(Vec::new()))?;
    file.create_stream("/Workbook")?.write_all(stream)?;
    // The crate stamps the root storage with the current time; MS-CFB allows zero, and zero
    // keeps the bytes the same from one run to the next. The CFB epoch is 1601-01-01.
    let epoch = std::time::SystemTime::UNIX_EPOCH
        .checked_sub(std::time::Duration::from_secs(11_644_473_600))
        .unwrap_or(std::time::SystemTime::UNIX_EPOCH);
    file.set_created_time("/", epoch)?;
    file.set_modified_time("/", epoch)?;
    file.flush()?;
    Ok(file.into_inner().into_inner())
}

fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    debug_assert!(data.len() <= MAX_RECORD_DATA);
    out.extend_from_slice(&typ.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
}

/// Little-endian fields, in order.
#[derive(Default)]
struct Fields(Vec<u8>);

impl Fields {
    fn u8(mut self, v: u8) -> Self {
        self.0.push(v);
        self
    }
    fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn f64(mut self, v: f64) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn bytes(mut self, v: &[u8]) -> Self {
        self.0.extend_from_slice(v);
        self
    }
}

/// A text as BIFF8 stores it: UTF-16 units, written one byte each when all are Latin-1.
struct BiffText {
    units: Vec<u16>,
    wide: bool,
}

impl BiffText {
    fn new(text: &str) -> BiffText {
        let units: Vec<u16> = text.encode_utf16().collect();
        let wide = units.iter().any(|&u| u > 0xFF);
        BiffText { units, wide }
    }

    /// The `fHighByte` flags byte.
    fn flags(&self) -> u8 {
        u8::from(self.wide)
    }

    fn char_size(&self) -> usize {
        if self.wide {
            2
        } else {
            1
        }
    }

    fn push_units(&self, out: &mut Vec<u8>, units: &[u16]) {
        for &u in units {
            if self.wide {
                out.extend_from_slice(&u.to_le_bytes());
            } else {
                out.push(u as u8);
            }
        }
    }

    /// ShortXLUnicodeString: 8-bit length, flags, characters (at most 255).
    fn short(&self) -> Vec<u8> {
        let mut out = vec![self.units.len() as u8, self.flags()];
        self.push_units(&mut out, &self.units);
        out
    }

    /// XLUnicodeString: 16-bit length, flags, characters.
    fn long(&self) -> Vec<u8> {
        let mut out = (self.units.len() as u16).to_le_bytes().to_vec();
        out.push(self.flags());
        self.push_units(&mut out, &self.units);
        out
    }
}

/// The shared-string table: unique texts in order of first use, and how many cells use them.
#[derive(Default)]
struct Strings {
    index: HashMap<String, u32>,
    texts: Vec<String>,
    uses: u32,
}

impl Strings {
    fn add(&mut self, text: &str) -> u32 {
        self.uses += 1;
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = self.texts.len() as u32;
        self.texts.push(text.to_string());
        self.index.insert(text.to_string(), i);
        i
    }
}

/// The workbook globals, and where each BOUNDSHEET8's sheet offset is to be written.
fn globals(spec: &WorkbookSpec, active: usize, strings: &Strings) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::new();
    let bof = Fields::default()
        .u16(0x0600)
        .u16(0x0005)
        .u16(0x0DBB)
        .u16(0x07CC)
        .u32(0)
        .u32(0x0006);
    record(&mut out, BOF, &bof.0);
    record(&mut out, CODEPAGE, &1200u16.to_le_bytes());
    let window = Fields::default()
        .u16(0x01E0)
        .u16(0x005A)
        .u16(0x3FCF)
        .u16(0x2A4E)
        .u16(0x0038)
        .u16(active as u16)
        .u16(0)
        .u16(1)
        .u16(0x0258);
    record(&mut out, WINDOW1, &window.0);
    record(&mut out, DATEMODE, &0u16.to_le_bytes());
    // Five fonts (indexes 0, 1, 2, 3 and 5: index 4 does not exist in BIFF).
    for _ in 0..5 {
        let font = Fields::default()
            .u16(200)
            .u16(0)
            .u16(0x7FFF)
            .u16(400)
            .u16(0)
            .u8(0)
            .u8(0)
            .u8(0)
            .u8(0)
            .bytes(&BiffText::new("Arial").short());
        record(&mut out, FONT, &font.0);
    }
    // Fifteen style XFs as Excel writes them, then the cell XFs.
    for i in 0..15u16 {
        let font = match i {
            1 | 2 => 1,
            3 | 4 => 2,
            _ => 0,
        };
        let used = if i == 0 { 0x00 } else { 0xF4 };
        record(&mut out, XF, &xf(font, 0xFFF5, 0x20, used));
    }
    record(&mut out, XF, &xf(0, 0x0001, 0x20, 0x00));
    // Wrapped, at the top of the cell; alignment differs from the style.
    record(&mut out, XF, &xf(0, 0x0001, 0x08, 0x10));
    let normal = Fields::default().u16(0x8000).u8(0).u8(0xFF);
    record(&mut out, STYLE, &normal.0);

    let mut offset_fields = Vec::with_capacity(spec.sheets.len());
    for sheet in &spec.sheets {
        offset_fields.push(out.len() + 4);
        let data = Fields::default()
            .u32(0)
            .u8(u8::from(sheet.hidden))
            .u8(0)
            .bytes(&BiffText::new(&sheet.name).short());
        record(&mut out, BOUNDSHEET, &data.0);
    }
    push_sst(&mut out, strings);
    record(&mut out, EOF, &[]);
    (out, offset_fields)
}

/// An XF record: font, flags (style or cell, parent), alignment byte, used-attributes byte.
fn xf(font: u16, flags: u16, alignment: u8, used: u8) -> Vec<u8> {
    Fields::default()
        .u16(font)
        .u16(0)
        .u16(flags)
        .u8(alignment)
        .u8(0)
        .u8(0)
        .u8(used)
        .u32(0)
        .u32(0)
        .u16(0x20C0)
        .0
}

/// SST and its CONTINUE records, then EXTSST. A string's header never splits; its characters
/// may go on in the next record, which then starts with the flags byte again.
fn push_sst(out: &mut Vec<u8>, strings: &Strings) {
    let mut records: Vec<Vec<u8>> = vec![
        Fields::default()
            .u32(strings.uses)
            .u32(strings.texts.len() as u32)
            .0,
    ];
    // (record, offset in its data) where each string starts.
    let mut starts: Vec<(usize, usize)> = Vec::with_capacity(strings.texts.len());
    for text in &strings.texts {
        let text = BiffText::new(text);
        let size = text.char_size();
        let first_char = if text.units.is_empty() { 0 } else { size };
        if MAX_RECORD_DATA - current(&records).len() < 3 + first_char {
            records.push(Vec::new());
        }
        starts.push((records.len() - 1, current(&records).len()));
        let cur = current_mut(&mut records);
        cur.extend_from_slice(&(text.units.len() as u16).to_le_bytes());
        cur.push(text.flags());
        let mut rest: &[u16] = &text.units;
        loop {
            let cur = current_mut(&mut records);
            let room = (MAX_RECORD_DATA - cur.len()) / size;
            let mut take = room.min(rest.len());
            // Never part a surrogate pair.
            if take < rest.len() && take > 0 && (0xD800..0xDC00).contains(&rest[take - 1]) {
                take -= 1;
            }
            text.push_units(cur, &rest[..take]);
            rest = &rest[take..];
            if rest.is_empty() {
                break;
            }
            records.push(vec![text.flags()]);
        }
    }

    let mut positions = Vec::with_capacity(records.len());
    for (i, data) in records.iter().enumerate() {
        positions.push(out.len());
        record(out, if i == 0 { SST } else { CONTINUE }, data);
    }

    // EXTSST: the position of every `dsst`-th string, in at most 128 buckets.
    let dsst = strings.texts.len().div_ceil(128).max(8);
    let mut ext = Fields::default().u16(dsst as u16);
    for &(rec, offset) in starts.iter().step_by(dsst) {
        let in_record = 4 + offset;
        ext = ext
            .u32((positions[rec] + in_record) as u32)
            .u16(in_record as u16)
            .u16(0);
    }
    record(out, EXTSST, &ext.0);
}

fn current(records: &[Vec<u8>]) -> &[u8] {
    records.last().map(Vec::as_slice).unwrap_or_default()
}

fn current_mut(records: &mut Vec<Vec<u8>>) -> &mut Vec<u8> {
    if records.is_empty() {
        records.push(Vec::new());
    }
    let last = records.len() - 1;
    &mut records[last]
}

fn sheet_stream(sheet: &SheetSpec, active: bool, strings: &mut Strings) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let bof = Fields::default()
        .u16(0x0600)
        .u16(0x0010)
        .u16(0x0DBB)
        .u16(0x07CC)
        .u32(0)
        .u32(0x0006);
    record(&mut out, BOF, &bof.0);
    record(&mut out, DEFCOLWIDTH, &8u16.to_le_bytes());
    push_colinfo(&mut out, sheet);

    let mut rows: BTreeMap<u32, RowCells> = BTreeMap::new();
    for (&(row, col), value) in &sheet.cells {
        rows.entry(row).or_default().push((col, value));
    }
    let dimensions = match (rows.keys().next(), rows.keys().last()) {
        (Some(&first_row), Some(&last_row)) => {
            let first_col = sheet.cells.keys().map(|k| k.1).min().unwrap_or(0);
            let last_col = sheet.cells.keys().map(|k| k.1).max().unwrap_or(0);
            Fields::default()
                .u32(first_row)
                .u32(last_row + 1)
                .u16(first_col as u16)
                .u16(last_col as u16 + 1)
                .u16(0)
        }
        _ => Fields::default().u32(0).u32(0).u16(0).u16(0).u16(0),
    };
    record(&mut out, DIMENSIONS, &dimensions.0);

    // Rows in blocks of 32, as Excel writes them: the block's ROW records, then its cells.
    let mut blocks: BTreeMap<u32, Vec<(u32, &RowCells)>> = BTreeMap::new();
    for (&row, cells) in &rows {
        blocks.entry(row / 32).or_default().push((row, cells));
    }
    for block in blocks.values() {
        for &(row, cells) in block {
            let first = cells.first().map_or(0, |c| c.0);
            let last = cells.last().map_or(0, |c| c.0);
            let data = Fields::default()
                .u16(row as u16)
                .u16(first as u16)
                .u16(last as u16 + 1)
                .u16(0x00FF)
                .u16(0)
                .u16(0)
                .u32(0x000F_0100);
            record(&mut out, ROW, &data.0);
        }
        for &(row, cells) in block {
            for &(col, value) in cells {
                push_cell(&mut out, row as u16, col as u16, value, strings)?;
            }
        }
    }

    let grbit: u16 = if active { 0x06B6 } else { 0x00B6 };
    let window = Fields::default()
        .u16(grbit)
        .u16(0)
        .u16(0)
        .u16(64)
        .u16(0)
        .u16(0)
        .u16(0)
        .u16(0)
        .u16(0);
    record(&mut out, WINDOW2, &window.0);

    for chunk in sheet.merges.chunks(1026) {
        let mut data = Fields::default().u16(chunk.len() as u16);
        for m in chunk {
            data = data
                .u16(m.first_row as u16)
                .u16(m.last_row as u16)
                .u16(m.first_col as u16)
                .u16(m.last_col as u16);
        }
        record(&mut out, MERGEDCELLS, &data.0);
    }
    record(&mut out, EOF, &[]);
    Ok(out)
}

/// COLINFO records, neighbouring columns of one width in one record. Widths are in 1/256 of
/// a character, like `.xlsx` widths.
fn push_colinfo(out: &mut Vec<u8>, sheet: &SheetSpec) {
    let mut runs: Vec<(u32, u32, f64)> = Vec::new();
    for (&col, &width) in &sheet.column_widths {
        match runs.last_mut() {
            Some((_, last, w)) if *last + 1 == col && *w == width => *last = col,
            _ => runs.push((col, col, width)),
        }
    }
    for (first, last, width) in runs {
        let data = Fields::default()
            .u16(first as u16)
            .u16(last as u16)
            .u16((width * 256.0).round() as u16)
            .u16(XF_CELL)
            .u16(0x0002)
            .u16(0);
        record(out, COLINFO, &data.0);
    }
}

fn push_cell(
    out: &mut Vec<u8>,
    row: u16,
    col: u16,
    value: &CellValue,
    strings: &mut Strings,
) -> io::Result<()> {
    let head = |xf: u16| Fields::default().u16(row).u16(col).u16(xf);
    let text_xf = |t: &str| if t.contains('\n') { XF_WRAP } else { XF_CELL };
    match value {
        CellValue::Text(t) => {
            let data = head(text_xf(t)).u32(strings.add(t));
            record(out, LABELSST, &data.0);
        }
        CellValue::Number(n) => record(out, NUMBER, &head(XF_CELL).f64(*n).0),
        CellValue::Bool(b) => record(out, BOOLERR, &head(XF_CELL).u8(u8::from(*b)).u8(0).0),
        CellValue::Error(e) => {
            let code = error_code(e).unwrap_or(0x2A);
            record(out, BOOLERR, &head(XF_CELL).u8(code).u8(1).0);
        }
        CellValue::Formula { cached, .. } => {
            let (xf, result, tokens) = match &**cached {
                CellValue::Number(n) => (XF_CELL, n.to_le_bytes(), ptg_num(*n)),
                CellValue::Text(t) if t.is_empty() => (XF_CELL, special_result(3, 0), ptg_text(t)),
                CellValue::Text(t) => (text_xf(t), special_result(0, 0), ptg_text(t)),
                CellValue::Bool(b) => (XF_CELL, special_result(1, u8::from(*b)), {
                    vec![0x1D, u8::from(*b)]
                }),
                CellValue::Error(e) => {
                    let code = error_code(e).unwrap_or(0x2A);
                    (XF_CELL, special_result(2, code), ptg_error(code))
                }
                // Refused by `validate`.
                CellValue::Formula { .. } => (XF_CELL, special_result(3, 0), vec![0x17, 0, 0]),
            };
            let data = head(xf)
                .bytes(&result)
                .u16(0)
                .u32(0)
                .u16(tokens.len() as u16)
                .bytes(&tokens);
            let string = match &**cached {
                CellValue::Text(t) if !t.is_empty() => Some(BiffText::new(t).long()),
                _ => None,
            };
            let too_long = data.0.len() > MAX_RECORD_DATA
                || string.as_ref().is_some_and(|s| s.len() > MAX_RECORD_DATA);
            if too_long {
                let at = super::cell_name(u32::from(row), u32::from(col));
                return Err(invalid(format!(
                    "the cached text of the formula in {at} is too long for .xls"
                )));
            }
            record(out, FORMULA, &data.0);
            if let Some(s) = string {
                record(out, STRING, &s);
            }
        }
    }
    Ok(())
}

/// A FormulaValue that is not a number: type (0 text, 1 bool, 2 error, 3 empty text), value.
fn special_result(kind: u8, value: u8) -> [u8; 8] {
    [kind, 0, value, 0, 0, 0, 0xFF, 0xFF]
}

fn ptg_num(n: f64) -> Vec<u8> {
    let mut tokens = vec![0x1F];
    tokens.extend_from_slice(&n.to_le_bytes());
    tokens
}

/// The text as PtgStr constants of at most 255 characters, joined with PtgConcat.
fn ptg_text(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    if units.is_empty() {
        return vec![0x17, 0, 0];
    }
    let wide = units.iter().any(|&u| u > 0xFF);
    let mut tokens = Vec::new();
    for (i, chunk) in units.chunks(255).enumerate() {
        let piece = BiffText {
            units: chunk.to_vec(),
            wide,
        };
        tokens.push(0x17);
        tokens.extend_from_slice(&piece.short());
        if i > 0 {
            tokens.push(0x08);
        }
    }
    tokens
}

/// Tokens that evaluate to the error value in Excel and in LibreOffice, which loads only the
/// `#N/A` error constant from `.xls` formulas (the others become Err:520). `#NULL!` and
/// `#NAME?` have no such expression without names or references and stay constants.
fn ptg_error(code: u8) -> Vec<u8> {
    match code {
        // `1/0`
        0x07 => vec![0x1E, 1, 0, 0x1E, 0, 0, 0x06],
        // `"a"+1`
        0x0F => vec![0x17, 1, 0, b'a', 0x1E, 1, 0, 0x03],
        // A reference to a deleted cell.
        0x17 => vec![0x2A, 0, 0, 0, 0],
        // `1E308*10`
        0x24 => {
            let mut tokens = ptg_num(1e308);
            tokens.extend_from_slice(&[0x1E, 10, 0, 0x05]);
            tokens
        }
        // `#NULL!`, `#NAME?`, `#N/A`
        _ => vec![0x1C, code],
    }
}
