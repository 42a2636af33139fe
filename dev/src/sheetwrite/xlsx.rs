//! Office Open XML workbooks (`.xlsx`), written by hand as a zip of XML parts.
//!
//! Text goes through the shared-string table, formulas keep their text and their cached value,
//! and the zip has a fixed timestamp and part order, so the same workbook gives the same bytes.

use super::{
    cell_name, formula_body, push_xml, validate, zip_parts, CellValue, SheetSpec, WorkbookSpec,
    XLSX_GRID,
};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Cell style 1 wraps text, for cells that hold line breaks.
const WRAP_STYLE: &str = " s=\"1\"";

pub fn to_bytes(spec: &WorkbookSpec) -> io::Result<Vec<u8>> {
    validate(spec, XLSX_GRID)?;
    let active = active_sheet(spec);
    let mut strings = SharedStrings::default();
    let sheets: Vec<String> = spec
        .sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| sheet_xml(sheet, i == active, &mut strings))
        .collect();

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types(spec).into_bytes(),
        ),
        ("_rels/.rels".into(), root_rels().into_bytes()),
        (
            "xl/workbook.xml".into(),
            workbook_xml(spec, active).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels(spec).into_bytes(),
        ),
        ("xl/styles.xml".into(), styles_xml().into_bytes()),
        ("xl/sharedStrings.xml".into(), strings.to_xml().into_bytes()),
    ];
    for (i, xml) in sheets.into_iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            xml.into_bytes(),
        ));
    }
    let parts: Vec<(&str, Vec<u8>, bool)> = parts
        .iter()
        .map(|(name, data)| (name.as_str(), data.clone(), true))
        .collect();
    zip_parts(&parts)
}

/// The sheet shown on opening: the first visible one (Excel refuses a hidden active sheet).
pub(super) fn active_sheet(spec: &WorkbookSpec) -> usize {
    spec.sheets.iter().position(|s| !s.hidden).unwrap_or(0)
}

fn content_types(spec: &WorkbookSpec) -> String {
    let mut x = String::from(XML_HEAD);
    x.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" \
         ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/\
         vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/\
         vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/\
         vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
    );
    for i in 1..=spec.sheets.len() {
        let _ = write!(
            x,
            "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/\
             vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    x.push_str("</Types>");
    x
}

fn root_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" \
         Target=\"xl/workbook.xml\"/></Relationships>"
    )
}

fn workbook_xml(spec: &WorkbookSpec, active: usize) -> String {
    let mut x = format!(
        "{XML_HEAD}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">\
         <bookViews><workbookView activeTab=\"{active}\"/></bookViews><sheets>"
    );
    for (i, sheet) in spec.sheets.iter().enumerate() {
        x.push_str("<sheet name=\"");
        push_xml(&mut x, &sheet.name, true);
        let _ = write!(x, "\" sheetId=\"{}\"", i + 1);
        if sheet.hidden {
            x.push_str(" state=\"hidden\"");
        }
        let _ = write!(x, " r:id=\"rId{}\"/>", i + 1);
    }
    x.push_str("</sheets></workbook>");
    x
}

fn workbook_rels(spec: &WorkbookSpec) -> String {
    let mut x = format!(
        "{XML_HEAD}<Relationships \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    let n = spec.sheets.len();
    for i in 1..=n {
        let _ = write!(
            x,
            "<Relationship Id=\"rId{i}\" Type=\"{REL_NS}/worksheet\" \
             Target=\"worksheets/sheet{i}.xml\"/>"
        );
    }
    let _ = write!(
        x,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId{}\" Type=\"{REL_NS}/sharedStrings\" \
         Target=\"sharedStrings.xml\"/></Relationships>",
        n + 1,
        n + 2
    );
    x
}

/// One font, the two fills Excel requires, one border, the Normal style, and two cell styles:
/// 0 plain, 1 wrapping text at the top of the cell.
fn styles_xml() -> String {
    format!(
        "{XML_HEAD}<styleSheet xmlns=\"{MAIN_NS}\">\
         <fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/>\
         </font></fonts>\
         <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
         <fill><patternFill patternType=\"gray125\"/></fill></fills>\
         <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border>\
         </borders>\
         <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>\
         </cellStyleXfs>\
         <cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" \
         xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" \
         applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf></cellXfs>\
         <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>\
         </cellStyles></styleSheet>"
    )
}

/// The shared-string table: unique texts in order of first use, and how many cells use them.
#[derive(Default)]
struct SharedStrings {
    index: HashMap<String, usize>,
    texts: Vec<String>,
    uses: usize,
}

impl SharedStrings {
    fn add(&mut self, text: &str) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = self.texts.len();
        self.texts.push(text.to_string());
        self.index.insert(text.to_string(), i);
        i
    }

    fn to_xml(&self) -> String {
        let mut x = format!(
            "{XML_HEAD}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.texts.len()
        );
        for text in &self.texts {
            x.push_str("<si>");
            push_t(&mut x, text);
            x.push_str("</si>");
        }
        x.push_str("</sst>");
        x
    }
}

/// A `<t>` element; `xml:space="preserve"` keeps leading and trailing white space.
fn push_t(x: &mut String, text: &str) {
    let edges = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    if text.starts_with(edges) || text.ends_with(edges) {
        x.push_str("<t xml:space=\"preserve\">");
    } else {
        x.push_str("<t>");
    }
    push_excel_text(x, text);
    x.push_str("</t>");
}

/// Text as Excel stores it: a carriage return as `_x000D_`, and an underscore that would start
/// such an escape (`_x0041_`) escaped itself as `_x005F_`; then XML-escaped.
fn push_excel_text(x: &mut String, text: &str) {
    let mut escaped = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            // Excel's escape for characters XML 1.0 cannot hold.
            c if (c.is_ascii_control() && c != '\t' && c != '\n')
                || c == '\u{FFFE}'
                || c == '\u{FFFF}' =>
            {
                escaped.push_str(&format!("_x{:04X}_", u32::from(c)));
            }
            '_' if looks_like_escape(&text[i..]) => escaped.push_str("_x005F_"),
            c => escaped.push(c),
        }
    }
    push_xml(x, &escaped, false);
}

/// Whether `s` starts with `_xHHHH_`.
fn looks_like_escape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7
        && b[0] == b'_'
        && (b[1] == b'x' || b[1] == b'X')
        && b[2..6].iter().all(u8::is_ascii_hexdigit)
        && b[6] == b'_'
}

/// A number as a `<v>` holds it: the shortest text that reads back as the same `f64`.
pub(super) fn number_text(n: f64) -> String {
    if n == 0.0 {
        // Also turns -0 into 0.
        return "0".into();
    }
    format!("{n}")
}

fn sheet_xml(sheet: &SheetSpec, active: bool, strings: &mut SharedStrings) -> String {
    let mut x = format!(
        "{XML_HEAD}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><dimension ref=\"{}\"/>\
         <sheetViews><sheetView{} workbookViewId=\"0\"/></sheetViews>\
         <sheetFormatPr defaultRowHeight=\"15\"/>",
        dimension(sheet),
        if active { " tabSelected=\"1\"" } else { "" }
    );
    push_cols(&mut x, sheet);
    x.push_str("<sheetData>");
    let mut current_row = None;
    for (&(row, col), value) in &sheet.cells {
        if current_row != Some(row) {
            if current_row.is_some() {
                x.push_str("</row>");
            }
            let _ = write!(x, "<row r=\"{}\">", row + 1);
            current_row = Some(row);
        }
        push_cell(&mut x, row, col, value, strings);
    }
    if current_row.is_some() {
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if !sheet.merges.is_empty() {
        let _ = write!(x, "<mergeCells count=\"{}\">", sheet.merges.len());
        for m in &sheet.merges {
            let _ = write!(
                x,
                "<mergeCell ref=\"{}:{}\"/>",
                cell_name(m.first_row, m.first_col),
                cell_name(m.last_row, m.last_col)
            );
        }
        x.push_str("</mergeCells>");
    }
    x.push_str(
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" \
                header=\"0.3\" footer=\"0.3\"/></worksheet>",
    );
    x
}

/// The used range, `A1` for an empty sheet.
fn dimension(sheet: &SheetSpec) -> String {
    let mut keys = sheet.cells.keys();
    let Some(&(first_row, first_col)) = keys.next() else {
        return "A1".into();
    };
    let (mut min_row, mut max_row) = (first_row, first_row);
    let (mut min_col, mut max_col) = (first_col, first_col);
    for &(row, col) in keys {
        min_row = min_row.min(row);
        max_row = max_row.max(row);
        min_col = min_col.min(col);
        max_col = max_col.max(col);
    }
    if (min_row, min_col) == (max_row, max_col) {
        cell_name(min_row, min_col)
    } else {
        format!(
            "{}:{}",
            cell_name(min_row, min_col),
            cell_name(max_row, max_col)
        )
    }
}

/// `<cols>`, neighbouring columns of one width in one `<col>`.
fn push_cols(x: &mut String, sheet: &SheetSpec) {
    if sheet.column_widths.is_empty() {
        return;
    }
    x.push_str("<cols>");
    let mut run: Option<(u32, u32, f64)> = None;
    let flush = |x: &mut String, (first, last, width): (u32, u32, f64)| {
        let _ = write!(
            x,
            "<col min=\"{}\" max=\"{}\" width=\"{}\" customWidth=\"1\"/>",
            first + 1,
            last + 1,
            number_text(width)
        );
    };
    for (&col, &width) in &sheet.column_widths {
        run = match run {
            Some((first, last, w)) if last + 1 == col && w == width => Some((first, col, w)),
            Some(done) => {
                flush(x, done);
                Some((col, col, width))
            }
            None => Some((col, col, width)),
        };
    }
    if let Some(done) = run {
        flush(x, done);
    }
    x.push_str("</cols>");
}

fn push_cell(x: &mut String, row: u32, col: u32, value: &CellValue, strings: &mut SharedStrings) {
    let r = cell_name(row, col);
    match value {
        CellValue::Text(t) => {
            let style = if t.contains('\n') { WRAP_STYLE } else { "" };
            let _ = write!(
                x,
                "<c r=\"{r}\"{style} t=\"s\"><v>{}</v></c>",
                strings.add(t)
            );
        }
        CellValue::Number(n) => {
            let _ = write!(x, "<c r=\"{r}\"><v>{}</v></c>", number_text(*n));
        }
        CellValue::Bool(b) => {
            let _ = write!(x, "<c r=\"{r}\" t=\"b\"><v>{}</v></c>", u8::from(*b));
        }
        CellValue::Error(e) => {
            x.push_str(&format!("<c r=\"{r}\" t=\"e\"><v>"));
            push_xml(x, e, false);
            x.push_str("</v></c>");
        }
        CellValue::Formula { formula, cached } => {
            let (style, kind) = match &**cached {
                CellValue::Text(t) if t.contains('\n') => (WRAP_STYLE, " t=\"str\""),
                CellValue::Text(_) => ("", " t=\"str\""),
                CellValue::Bool(_) => ("", " t=\"b\""),
                CellValue::Error(_) => ("", " t=\"e\""),
                _ => ("", ""),
            };
            let _ = write!(x, "<c r=\"{r}\"{style}{kind}><f>");
            push_xml(x, formula_body(formula), false);
            x.push_str("</f><v>");
            match &**cached {
                CellValue::Text(t) => push_excel_text(x, t),
                CellValue::Number(n) => x.push_str(&number_text(*n)),
                CellValue::Bool(b) => x.push(if *b { '1' } else { '0' }),
                CellValue::Error(e) => push_xml(x, e, false),
                // Refused by `validate`.
                CellValue::Formula { .. } => {}
            }
            x.push_str("</v></c>");
        }
    }
}
