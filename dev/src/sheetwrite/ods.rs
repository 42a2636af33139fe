//! OpenDocument spreadsheets (`.ods`), written by hand as a zip of XML parts.
//!
//! Cells are written as LibreOffice writes them. Two choices are worth knowing:
//! - An error value is a formula cell whose cached result is the error, the way LibreOffice
//!   saves `=1/0`: `office:value-type="string" office:string-value="" calcext:value-type="error"`
//!   with the error text (`#DIV/0!`) in the paragraph. A plain error cell gets the error
//!   constant as its formula (`of:=#DIV/0!`), which LibreOffice evaluates to the same error.
//!   calamine 0.38 has no error type for ODS and reads such a cell as the text `#DIV/0!`.
//! - Formulas are translated from Excel's syntax to OpenFormula (`C3*2` → `of:=[.C3]*2`,
//!   `'Sayfa 2'!A1` → `of:=[$'Sayfa 2'.A1]`, `;` between arguments) so that LibreOffice can
//!   recalculate them; the cached value is what calamine reads.
//!
//! Empty cells and rows are compressed with `number-columns-repeated`/`number-rows-repeated`,
//! so a cell far from A1 costs a few bytes. calamine 0.38 drops ODS merges; LibreOffice keeps
//! them (`number-rows-spanned`/`number-columns-spanned` plus covered cells).
//!
//! Written by hand rather than with the `spreadsheet-ods` crate: that crate brings a large tree
//! of dependencies (chrono, time, icu_locid, rust_decimal, nom, its own quick-xml and zip) for
//! what is here ~600 lines, and the tests pin choices it would leave to the caller or make
//! otherwise: the error cells and the OpenFormula translation above, `mimetype` stored first,
//! repeated empty cells and rows, the same bytes on every run.

use super::{formula_body, number_text, validate};
use super::{CellValue, Merge, SheetSpec, WorkbookSpec, ODS_GRID};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io;

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NAMESPACES: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
     xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
     xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
     xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
     xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" \
     xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
     xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" \
     xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" \
     xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\" \
     office:version=\"1.3\"";

/// Cell style for booleans (without a boolean data style LibreOffice shows 1 and 0).
const BOOL_STYLE: &str = " table:style-name=\"ce1\"";
/// Cell style wrapping text, for cells that hold line breaks.
const WRAP_STYLE: &str = " table:style-name=\"ce2\"";

pub fn to_bytes(spec: &WorkbookSpec) -> io::Result<Vec<u8>> {
    validate(spec, ODS_GRID)?;
    let parts = [
        ("mimetype", MIMETYPE.as_bytes().to_vec(), false),
        ("content.xml", content_xml(spec).into_bytes(), true),
        ("styles.xml", styles_xml().into_bytes(), true),
        ("meta.xml", meta_xml().into_bytes(), true),
        ("META-INF/manifest.xml", manifest_xml().into_bytes(), true),
    ];
    zip_parts(&parts)
}

fn manifest_xml() -> String {
    let mut x = format!(
        "{XML_HEAD}<manifest:manifest \
         xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" \
         manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" \
         manifest:version=\"1.3\" manifest:media-type=\"{MIMETYPE}\"/>"
    );
    for part in ["content.xml", "styles.xml", "meta.xml"] {
        let _ = write!(
            x,
            "<manifest:file-entry manifest:full-path=\"{part}\" \
             manifest:media-type=\"text/xml\"/>"
        );
    }
    x.push_str("</manifest:manifest>");
    x
}

fn meta_xml() -> String {
    format!(
        "{XML_HEAD}<office:document-meta {NAMESPACES}><office:meta>\
         <meta:generator>kitap</meta:generator></office:meta></office:document-meta>"
    )
}

fn styles_xml() -> String {
    format!(
        "{XML_HEAD}<office:document-styles {NAMESPACES}><office:styles>\
         <style:style style:name=\"Default\" style:family=\"table-cell\"/>\
         </office:styles></office:document-styles>"
    )
}

/// Column widths are given in characters, as in `.xlsx`; ODS wants a length. LibreOffice
/// turns an `.xlsx` width of one character into 0.0875 in (2.2225 mm); the same factor here
/// makes a column equally wide whichever format LibreOffice opens.
fn width_cm(chars: f64) -> String {
    format!("{:.3}cm", chars * 0.22225)
}

fn content_xml(spec: &WorkbookSpec) -> String {
    // One column style per distinct width, numbered in order of first use.
    let mut widths: Vec<String> = Vec::new();
    for sheet in &spec.sheets {
        for &w in sheet.column_widths.values() {
            let w = width_cm(w);
            if !widths.contains(&w) {
                widths.push(w);
            }
        }
    }
    let mut x = format!(
        "{XML_HEAD}<office:document-content {NAMESPACES}><office:automatic-styles>\
         <style:style style:name=\"ta1\" style:family=\"table\">\
         <style:table-properties table:display=\"true\"/></style:style>\
         <style:style style:name=\"ta2\" style:family=\"table\">\
         <style:table-properties table:display=\"false\"/></style:style>\
         <number:boolean-style style:name=\"N99\"><number:boolean/></number:boolean-style>\
         <style:style style:name=\"ce1\" style:family=\"table-cell\" \
         style:parent-style-name=\"Default\" style:data-style-name=\"N99\"/>\
         <style:style style:name=\"ce2\" style:family=\"table-cell\" \
         style:parent-style-name=\"Default\"><style:table-cell-properties \
         fo:wrap-option=\"wrap\" style:vertical-align=\"top\"/></style:style>"
    );
    for (i, w) in widths.iter().enumerate() {
        let _ = write!(
            x,
            "<style:style style:name=\"co{}\" style:family=\"table-column\">\
             <style:table-column-properties style:column-width=\"{w}\"/></style:style>",
            i + 1
        );
    }
    x.push_str("</office:automatic-styles><office:body><office:spreadsheet>");
    for sheet in &spec.sheets {
        push_table(&mut x, sheet, &widths);
    }
    x.push_str("</office:spreadsheet></office:body></office:document-content>");
    x
}

/// What one cell position holds.
#[derive(Clone, Copy)]
struct Slot<'a> {
    value: Option<&'a CellValue>,
    /// Set on the top-left cell of a merge: (rows, columns).
    span: Option<(u32, u32)>,
    /// Inside a merge but not its top-left cell.
    covered: bool,
}

fn push_table(x: &mut String, sheet: &SheetSpec, widths: &[String]) {
    x.push_str("<table:table table:name=\"");
    push_xml(x, &sheet.name, true);
    let _ = write!(
        x,
        "\" table:style-name=\"{}\">",
        if sheet.hidden { "ta2" } else { "ta1" }
    );

    let mut slots: BTreeMap<(u32, u32), Slot> = BTreeMap::new();
    for m in &sheet.merges {
        add_merge(&mut slots, sheet, m);
    }
    for (&pos, value) in &sheet.cells {
        slots.entry(pos).or_insert(Slot {
            value: Some(value),
            span: None,
            covered: false,
        });
    }

    push_columns(x, sheet, &slots, widths);

    if slots.is_empty() {
        x.push_str("<table:table-row><table:table-cell/></table:table-row>");
    }
    let rows: BTreeSet<u32> = slots.keys().map(|&(row, _)| row).collect();
    let mut next_row = 0;
    for row in rows {
        if row > next_row {
            push_empty_rows(x, row - next_row);
        }
        x.push_str("<table:table-row>");
        push_row(x, row, &slots);
        x.push_str("</table:table-row>");
        next_row = row + 1;
    }
    x.push_str("</table:table>");
}

fn add_merge<'a>(slots: &mut BTreeMap<(u32, u32), Slot<'a>>, sheet: &'a SheetSpec, m: &Merge) {
    for row in m.first_row..=m.last_row {
        for col in m.first_col..=m.last_col {
            let anchor = (row, col) == (m.first_row, m.first_col);
            let span = (m.last_row - m.first_row + 1, m.last_col - m.first_col + 1);
            slots.insert(
                (row, col),
                Slot {
                    value: sheet.cells.get(&(row, col)),
                    span: anchor.then_some(span),
                    covered: !anchor,
                },
            );
        }
    }
}

/// `table:table-column` elements up to the last used column, one per run of equal widths.
fn push_columns(
    x: &mut String,
    sheet: &SheetSpec,
    slots: &BTreeMap<(u32, u32), Slot>,
    widths: &[String],
) {
    let last_col = slots
        .keys()
        .map(|&(_, col)| col)
        .chain(sheet.column_widths.keys().copied())
        .max()
        .unwrap_or(0);
    let style_of = |col: u32| {
        sheet.column_widths.get(&col).and_then(|&w| {
            let w = width_cm(w);
            widths.iter().position(|known| *known == w).map(|i| i + 1)
        })
    };
    let mut col = 0;
    while col <= last_col {
        let style = style_of(col);
        let mut run = 1;
        while col + run <= last_col && style_of(col + run) == style {
            run += 1;
        }
        x.push_str("<table:table-column");
        if let Some(i) = style {
            let _ = write!(x, " table:style-name=\"co{i}\"");
        }
        if run > 1 {
            let _ = write!(x, " table:number-columns-repeated=\"{run}\"");
        }
        x.push_str("/>");
        col += run;
    }
}

fn push_empty_rows(x: &mut String, count: u32) {
    if count > 1 {
        let _ = write!(
            x,
            "<table:table-row table:number-rows-repeated=\"{count}\">"
        );
    } else {
        x.push_str("<table:table-row>");
    }
    x.push_str("<table:table-cell/></table:table-row>");
}

fn push_row(x: &mut String, row: u32, slots: &BTreeMap<(u32, u32), Slot>) {
    let mut next_col = 0;
    // A run of empty covered cells waiting to be written as one element.
    let mut covered_run = 0u32;
    let flush = |x: &mut String, covered_run: &mut u32| {
        if *covered_run > 0 {
            x.push_str("<table:covered-table-cell");
            if *covered_run > 1 {
                let _ = write!(x, " table:number-columns-repeated=\"{covered_run}\"");
            }
            x.push_str("/>");
            *covered_run = 0;
        }
    };
    for (&(_, col), slot) in slots.range((row, 0)..=(row, u32::MAX)) {
        if col > next_col {
            flush(x, &mut covered_run);
            let gap = col - next_col;
            if gap > 1 {
                let _ = write!(
                    x,
                    "<table:table-cell table:number-columns-repeated=\"{gap}\"/>"
                );
            } else {
                x.push_str("<table:table-cell/>");
            }
        }
        if slot.covered && slot.value.is_none() {
            covered_run += 1;
        } else {
            flush(x, &mut covered_run);
            let tag = if slot.covered {
                "table:covered-table-cell"
            } else {
                "table:table-cell"
            };
            push_cell(x, tag, slot);
        }
        next_col = col + 1;
    }
    flush(x, &mut covered_run);
}

fn push_cell(x: &mut String, tag: &str, slot: &Slot) {
    let _ = write!(x, "<{tag}");
    if let Some((rows, cols)) = slot.span {
        let _ = write!(
            x,
            " table:number-columns-spanned=\"{cols}\" table:number-rows-spanned=\"{rows}\""
        );
    }
    let Some(value) = slot.value else {
        x.push_str("/>");
        return;
    };
    let cached = match value {
        CellValue::Formula { formula, cached } => {
            x.push_str(" table:formula=\"");
            push_xml(x, &open_formula(formula_body(formula)), true);
            x.push('"');
            &**cached
        }
        CellValue::Error(e) => {
            // The error constant as a formula, as LibreOffice would load `=#DIV/0!`.
            x.push_str(" table:formula=\"of:=");
            push_xml(x, e, true);
            x.push('"');
            value
        }
        other => other,
    };
    match cached {
        CellValue::Text(t) => {
            let style = if t.contains('\n') { WRAP_STYLE } else { "" };
            let _ = write!(
                x,
                "{style} office:value-type=\"string\" calcext:value-type=\"string\">"
            );
            push_paragraphs(x, t);
        }
        CellValue::Number(n) => {
            let n = number_text(*n);
            let _ = write!(
                x,
                " office:value-type=\"float\" office:value=\"{n}\" \
                 calcext:value-type=\"float\"><text:p>{n}</text:p>"
            );
        }
        CellValue::Bool(b) => {
            let (value, shown) = if *b {
                ("true", "TRUE")
            } else {
                ("false", "FALSE")
            };
            let _ = write!(
                x,
                "{BOOL_STYLE} office:value-type=\"boolean\" office:boolean-value=\"{value}\" \
                 calcext:value-type=\"boolean\"><text:p>{shown}</text:p>"
            );
        }
        CellValue::Error(e) => {
            x.push_str(
                " office:value-type=\"string\" office:string-value=\"\" \
                 calcext:value-type=\"error\"><text:p>",
            );
            push_xml(x, e, false);
            x.push_str("</text:p>");
        }
        // Refused by `validate`.
        CellValue::Formula { .. } => x.push('>'),
    }
    let _ = write!(x, "</{tag}>");
}

/// Text as paragraphs: one `text:p` per line; spaces that XML would collapse (leading,
/// trailing, repeated) as `text:s`, tabs as `text:tab`. No white space between elements:
/// calamine would read it as part of the text.
fn push_paragraphs(x: &mut String, text: &str) {
    for line in text.split('\n') {
        x.push_str("<text:p>");
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                ' ' => {
                    let start = i;
                    while i < chars.len() && chars[i] == ' ' {
                        i += 1;
                    }
                    let run = i - start;
                    let plain = |c: Option<&char>| c.is_some_and(|&c| c != ' ' && c != '\t');
                    let between_words =
                        start > 0 && plain(chars.get(start - 1)) && plain(chars.get(i));
                    if run == 1 && between_words {
                        x.push(' ');
                    } else if run == 1 {
                        x.push_str("<text:s/>");
                    } else {
                        let _ = write!(x, "<text:s text:c=\"{run}\"/>");
                    }
                    continue;
                }
                '\t' => x.push_str("<text:tab/>"),
                c => {
                    let mut buf = [0u8; 4];
                    push_xml(x, c.encode_utf8(&mut buf), false);
                }
            }
            i += 1;
        }
        x.push_str("</text:p>");
    }
}

/// An Excel formula (without `=`) in OpenFormula: references in brackets (`[.A1]`,
/// `[.A1:.B3]`, `[$'Sheet'.A1]`), `;` between arguments, `TRUE`/`FALSE` as functions.
/// Text literals are copied as they are.
fn open_formula(excel: &str) -> String {
    let chars: Vec<char> = excel.chars().collect();
    let mut out = String::from("of:=");
    let mut braces = 0u32;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                // A text literal; `""` inside it is a quote.
                out.push('"');
                i += 1;
                while i < chars.len() {
                    out.push(chars[i]);
                    if chars[i] == '"' {
                        if chars.get(i + 1) == Some(&'"') {
                            out.push('"');
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            '\'' => {
                // A quoted sheet name, then `!` and a reference.
                let mut name = String::new();
                let mut j = i + 1;
                while j < chars.len() {
                    if chars[j] == '\'' {
                        if chars.get(j + 1) == Some(&'\'') {
                            name.push('\'');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    name.push(chars[j]);
                    j += 1;
                }
                match (chars.get(j + 1), reference(&chars, j + 2, Some(&name))) {
                    (Some('!'), Some((text, end))) => {
                        out.push_str(&text);
                        i = end;
                    }
                    _ => {
                        out.push('\'');
                        i += 1;
                    }
                }
            }
            '{' => {
                braces += 1;
                out.push(c);
                i += 1;
            }
            '}' => {
                braces = braces.saturating_sub(1);
                out.push(c);
                i += 1;
            }
            ',' => {
                out.push(';');
                i += 1;
            }
            ';' if braces > 0 => {
                out.push('|');
                i += 1;
            }
            c if c.is_ascii_digit() || (c == '.' && next_is_digit(&chars, i)) => {
                // A number, with its exponent (so that `1E5` is not read as cell E5).
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    out.push(chars[i]);
                    i += 1;
                }
                if matches!(chars.get(i), Some('E' | 'e')) {
                    let sign = matches!(chars.get(i + 1), Some('+' | '-'));
                    let digit_at = if sign { i + 2 } else { i + 1 };
                    if chars.get(digit_at).is_some_and(char::is_ascii_digit) {
                        out.extend(&chars[i..digit_at]);
                        i = digit_at;
                        while i < chars.len() && chars[i].is_ascii_digit() {
                            out.push(chars[i]);
                            i += 1;
                        }
                    }
                }
            }
            c if c.is_alphabetic() || c == '$' || c == '_' => {
                let end = word_end(&chars, i);
                let word: String = chars[i..end].iter().collect();
                if chars.get(end) == Some(&'!') {
                    if let Some((text, after)) = reference(&chars, end + 1, Some(&word)) {
                        out.push_str(&text);
                        i = after;
                        continue;
                    }
                }
                if chars.get(end) != Some(&'(') {
                    if let Some((text, after)) = reference(&chars, i, None) {
                        out.push_str(&text);
                        i = after;
                        continue;
                    }
                    if word.eq_ignore_ascii_case("TRUE") || word.eq_ignore_ascii_case("FALSE") {
                        out.push_str(&word.to_ascii_uppercase());
                        out.push_str("()");
                        i = end;
                        continue;
                    }
                }
                out.push_str(&word);
                i = end;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

fn word_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len()
        && (chars[end].is_alphanumeric() || matches!(chars[end], '_' | '.' | '$'))
    {
        end += 1;
    }
    end
}

/// A cell reference (`A1`, `$B$3`) as a whole word at `start`, as text without brackets.
fn cell_ref(chars: &[char], start: usize) -> Option<(String, usize)> {
    let end = word_end(chars, start);
    let word: String = chars[start..end].iter().collect();
    let rest = word.strip_prefix('$').unwrap_or(&word);
    let letters = rest.chars().take_while(char::is_ascii_alphabetic).count();
    let after_letters = &rest[letters..];
    let digits = after_letters.strip_prefix('$').unwrap_or(after_letters);
    let ok = (1..=3).contains(&letters)
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    ok.then(|| (word.to_ascii_uppercase(), end))
}

/// A reference or range at `start`, with its sheet if one was named, in OpenFormula brackets.
fn reference(chars: &[char], start: usize, sheet: Option<&str>) -> Option<(String, usize)> {
    let (first, end) = cell_ref(chars, start)?;
    let mut text = String::from("[");
    if let Some(name) = sheet {
        text.push_str("$'");
        text.push_str(&name.replace('\'', "''"));
        text.push('\'');
    }
    text.push('.');
    text.push_str(&first);
    let mut end = end;
    if chars.get(end) == Some(&':') {
        if let Some((second, after)) = cell_ref(chars, end + 1) {
            text.push_str(":.");
            text.push_str(&second);
            end = after;
        }
    }
    text.push(']');
    Some((text, end))
}

/// The zip parts in the order given, each `(name, bytes, compressed)`, with a fixed timestamp: the same parts give the same bytes every time.
fn zip_parts(parts: &[(&str, Vec<u8>, bool)]) -> io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    for (name, data, compressed) in parts {
        let options = SimpleFileOptions::default()
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let options = if *compressed {
            options
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(6))
        } else {
            options.compression_method(zip::CompressionMethod::Stored)
        };
        writer
            .start_file(*name, options)
            .map_err(io::Error::other)?;
        io::Write::write_all(&mut writer, data)?;
    }
    Ok(writer.finish().map_err(io::Error::other)?.into_inner())
}

/// Appends `text` escaped for XML element content (`attribute == false`) or for an attribute
/// value, where line breaks and tabs must be character references to survive.
fn push_xml(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod formula_tests {
    use super::open_formula;

    #[test]
    fn excel_formulas_become_open_formula() {
        for (excel, open) in [
            ("C3*2", "of:=[.C3]*2"),
            ("SUM(C3,D3)", "of:=SUM([.C3];[.D3])"),
            ("SUM($A$1:B10)/1E5", "of:=SUM([.$A$1:.B10])/1E5"),
            ("'Gizli Sayfa'!C3", "of:=[$'Gizli Sayfa'.C3]"),
            ("Veri!A1:A3", "of:=[$'Veri'.A1:.A3]"),
            ("IF(C3>0,\"a,b\",TRUE)", "of:=IF([.C3]>0;\"a,b\";TRUE())"),
            ("LOG10(A1)", "of:=LOG10([.A1])"),
            ("\"C3\"&A1", "of:=\"C3\"&[.A1]"),
        ] {
            assert_eq!(open_formula(excel), open, "{excel}");
        }
    }
}
