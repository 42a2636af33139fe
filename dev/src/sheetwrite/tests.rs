//! The three writers, read back with calamine 0.38 as kitap reads workbooks.

use super::*;
use calamine::{open_workbook_auto_from_rs, CellErrorType, Data, Reader, SheetVisible, Sheets};
use std::io::Cursor;

fn formula(formula: &str, cached: CellValue) -> CellValue {
    CellValue::Formula {
        formula: formula.to_string(),
        cached: Box::new(cached),
    }
}

const TURKISH: &str = "İ ı ş ğ ç ö ü Ş Ğ Ç Ö Ü — İstanbul Işık";

/// A workbook with everything the reader must cope with.
fn sample() -> WorkbookSpec {
    let mut main = SheetSpec::new("Göstergeler");
    // A banner merged across columns A:D.
    main.set(0, 0, "Performans Göstergeleri 2025 — ŞİŞLİ");
    main.merge(0, 0, 0, 3);
    main.row(
        1,
        [
            Some("Gösterge Kodu"),
            Some("Gösterge Adı"),
            Some("Değer"),
            Some("Oran"),
        ],
    );
    // B3:B5 merged down three rows, with a line break inside.
    main.set(2, 1, "Çok satırlı\nhücre");
    main.merge(2, 1, 4, 1);
    main.set(2, 0, 42);
    main.set(2, 2, 1234.5);
    main.set(2, 3, -17.25);
    main.set(3, 0, "1.234,5");
    main.set(3, 2, "%45");
    main.set(3, 3, CellValue::Bool(true));
    main.set(4, 0, CellValue::Error("#DIV/0!".into()));
    main.set(4, 2, formula("C3*2", CellValue::Number(2469.0)));
    main.set(
        4,
        3,
        formula("=A4&\" x\"", CellValue::Text("  boşluklu  ".into())),
    );
    main.set(5, 0, formula("1/0", CellValue::Error("#DIV/0!".into())));
    main.set(5, 1, formula("C3>0", CellValue::Bool(true)));
    main.set(5, 2, formula("SUM(C3,D3)", CellValue::Number(1217.25)));
    main.set(
        5,
        3,
        formula("IF(C3>0,\"\",\"yok\")", CellValue::Text(String::new())),
    );
    main.set(6, 0, TURKISH);
    main.set(6, 1, "_x0041_ kaçış\tsekme\r\nsatır");
    main.set(6, 2, CellValue::Bool(false));
    main.set(6, 3, CellValue::Error("#N/A".into()));
    main.set(7, 0, formula("'Gizli Sayfa'!C3", CellValue::Number(0.1)));
    // Rows 9 to 29 stay empty; a cell far from A1 closes the sheet.
    main.set(29, 11, "uzak <hücre> & \"tırnak\" 'tek'");
    main.column_widths.insert(0, 18.5);
    main.column_widths.insert(1, 40.0);
    main.column_widths.insert(2, 12.0);
    main.column_widths.insert(3, 12.0);

    let mut hidden = SheetSpec::new("Gizli Sayfa");
    hidden.hidden = true;
    hidden.set(1, 1, "gizli");
    hidden.set(2, 2, -0.5);
    hidden.set(2, 3, 1e-7);
    hidden.set(3, 1, 123_456_789_012.0);

    let empty = SheetSpec::new("Boş");
    WorkbookSpec {
        sheets: vec![main, hidden, empty],
    }
}

fn open(bytes: Vec<u8>) -> Sheets<Cursor<Vec<u8>>> {
    match open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(e) => panic!("calamine cannot read the workbook: {e}"),
    }
}

fn error_type(name: &str) -> CellErrorType {
    match name {
        "#DIV/0!" => CellErrorType::Div0,
        "#N/A" => CellErrorType::NA,
        "#NAME?" => CellErrorType::Name,
        "#NULL!" => CellErrorType::Null,
        "#NUM!" => CellErrorType::Num,
        "#REF!" => CellErrorType::Ref,
        "#VALUE!" => CellErrorType::Value,
        other => panic!("no such error value {other}"),
    }
}

/// What calamine gives for a written value. ODS has no error type in calamine 0.38: an error
/// cell (written as LibreOffice writes one) comes back as its text.
fn expected(value: &CellValue, format: Format) -> Data {
    match value {
        CellValue::Text(t) => Data::String(t.clone()),
        CellValue::Number(n) => Data::Float(*n),
        CellValue::Bool(b) => Data::Bool(*b),
        CellValue::Error(e) if format == Format::Ods => Data::String(e.clone()),
        CellValue::Error(e) => Data::Error(error_type(e)),
        CellValue::Formula { cached, .. } => expected(cached, format),
    }
}

/// Every written cell reads back with its value, its type and its absolute position, and
/// calamine finds no cell that was not written.
fn assert_round_trip(spec: &WorkbookSpec, format: Format) {
    let bytes = match to_bytes(spec, format) {
        Ok(b) => b,
        Err(e) => panic!("{format:?} not written: {e}"),
    };
    let mut book = open(bytes);
    let names: Vec<String> = book.sheet_names();
    let want: Vec<&str> = spec.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, want, "{format:?}: sheet names and order");
    for sheet in &spec.sheets {
        let range = match book.worksheet_range(&sheet.name) {
            Ok(r) => r,
            Err(e) => panic!("{format:?}: sheet {} unreadable: {e}", sheet.name),
        };
        let (Some(&(first_row, _)), Some(&(last_row, _))) =
            (sheet.cells.keys().next(), sheet.cells.keys().last())
        else {
            assert!(
                range.is_empty(),
                "{format:?}: {} should be empty",
                sheet.name
            );
            continue;
        };
        let first_col = sheet.cells.keys().map(|k| k.1).min().unwrap_or(0);
        let last_col = sheet.cells.keys().map(|k| k.1).max().unwrap_or(0);
        assert_eq!(
            range.start(),
            Some((first_row, first_col)),
            "{format:?} {}",
            sheet.name
        );
        assert_eq!(
            range.end(),
            Some((last_row, last_col)),
            "{format:?} {}",
            sheet.name
        );
        for (&(row, col), value) in &sheet.cells {
            let got = range.get_value((row, col));
            let at = cell_name(row, col);
            assert_eq!(
                got,
                Some(&expected(value, format)),
                "{format:?}: {}!{at}",
                sheet.name
            );
        }
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        for (r, c, data) in range.used_cells() {
            let pos = (start_row + r as u32, start_col + c as u32);
            assert!(
                sheet.cells.contains_key(&pos),
                "{format:?}: {}!{} holds {data:?}, never written",
                sheet.name,
                cell_name(pos.0, pos.1)
            );
        }
    }
}

fn assert_visibility(spec: &WorkbookSpec, format: Format) {
    let bytes = to_bytes(spec, format).unwrap_or_default();
    let book = open(bytes);
    let got: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Hidden))
        .collect();
    let want: Vec<(String, bool)> = spec
        .sheets
        .iter()
        .map(|s| (s.name.clone(), s.hidden))
        .collect();
    assert_eq!(got, want, "{format:?}: hidden flags");
}

/// The merged regions calamine reports, per sheet, for the formats that keep them.
fn merges_read(bytes: Vec<u8>, sheet: &str) -> Vec<Merge> {
    let dims = match open(bytes) {
        Sheets::Xlsx(mut x) => match x.merge_cells_by_sheet_name(sheet) {
            Ok(d) => d,
            Err(e) => panic!("merges unreadable: {e}"),
        },
        Sheets::Xls(x) => match x.merge_cells_by_sheet_name(sheet) {
            Ok(d) => d,
            Err(e) => panic!("merges unreadable: {e}"),
        },
        _ => panic!("no merge API for this format in calamine"),
    };
    dims.iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect()
}

fn assert_deterministic(spec: &WorkbookSpec, format: Format) {
    let first = to_bytes(spec, format).unwrap_or_default();
    let second = to_bytes(spec, format).unwrap_or_default();
    assert!(!first.is_empty());
    assert!(first == second, "{format:?}: two writes differ");
}

/// Many distinct texts, some long, many outside Latin-1: the string tables must hold them all.
fn many_strings() -> WorkbookSpec {
    let mut sheet = SheetSpec::new("Metinler");
    for i in 0..3000u32 {
        let text = match i % 3 {
            0 => format!("satır {i}"),
            1 => format!("Şişli İlçesi {i} ğüşıöç"),
            _ => format!("{i} {}", "uzun metin ".repeat((i % 40) as usize)),
        };
        sheet.set(i, 0, text);
        sheet.set(i, 1, format!("tekrar {}", i % 7));
    }
    sheet.set(3000, 0, "ğ".repeat(20_000));
    sheet.set(3001, 0, "a".repeat(32_767));
    sheet.set(3002, 0, format!("{}İ", "b".repeat(9_000)));
    WorkbookSpec {
        sheets: vec![sheet],
    }
}

#[test]
fn xlsx_reads_back_as_written() {
    assert_round_trip(&sample(), Format::Xlsx);
}

#[test]
fn xlsx_keeps_hidden_sheets_hidden() {
    assert_visibility(&sample(), Format::Xlsx);
}

#[test]
fn xlsx_keeps_merged_regions() {
    let spec = sample();
    let bytes = to_bytes(&spec, Format::Xlsx).unwrap_or_default();
    assert_eq!(merges_read(bytes, "Göstergeler"), spec.sheets[0].merges);
}

#[test]
fn xlsx_keeps_formula_text() {
    let bytes = to_bytes(&sample(), Format::Xlsx).unwrap_or_default();
    let mut book = open(bytes);
    let formulas = book.worksheet_formula("Göstergeler").unwrap_or_default();
    assert_eq!(formulas.get_value((4, 2)).map(String::as_str), Some("C3*2"));
    assert_eq!(
        formulas.get_value((4, 3)).map(String::as_str),
        Some("A4&\" x\"")
    );
    assert_eq!(
        formulas.get_value((7, 0)).map(String::as_str),
        Some("'Gizli Sayfa'!C3")
    );
}

#[test]
fn xlsx_is_deterministic() {
    assert_deterministic(&sample(), Format::Xlsx);
}

#[test]
fn xlsx_holds_many_and_long_strings() {
    assert_round_trip(&many_strings(), Format::Xlsx);
}

#[test]
fn writers_refuse_what_they_cannot_store() {
    let bad_error = {
        let mut s = SheetSpec::new("A");
        s.set(0, 0, CellValue::Error("#SPILL!".into()));
        s
    };
    let bad_name = SheetSpec::new("a/b");
    let one_cell_merge = {
        let mut s = SheetSpec::new("A");
        s.merge(1, 1, 1, 1);
        s
    };
    let not_finite = {
        let mut s = SheetSpec::new("A");
        s.set(0, 0, f64::NAN);
        s
    };
    let overlapping = {
        let mut s = SheetSpec::new("A");
        s.merge(0, 0, 2, 2).merge(2, 2, 3, 3);
        s
    };
    for sheet in [bad_error, bad_name, one_cell_merge, not_finite, overlapping] {
        let spec = WorkbookSpec {
            sheets: vec![sheet],
        };
        for format in [Format::Xlsx, Format::Ods, Format::Xls] {
            let err = to_bytes(&spec, format).err();
            assert_eq!(
                err.map(|e| e.kind()),
                Some(io::ErrorKind::InvalidInput),
                "{format:?}"
            );
        }
    }
    let twins = WorkbookSpec {
        sheets: vec![SheetSpec::new("Veri"), SheetSpec::new("VERI")],
    };
    assert!(to_bytes(&twins, Format::Xlsx).is_err());
    assert!(to_bytes(&WorkbookSpec::default(), Format::Xlsx).is_err());
}

#[test]
fn ods_reads_back_as_written() {
    assert_round_trip(&sample(), Format::Ods);
}

#[test]
fn ods_keeps_hidden_sheets_hidden() {
    assert_visibility(&sample(), Format::Ods);
}

/// The `content.xml` of an `.ods`.
fn ods_content(bytes: Vec<u8>) -> String {
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => panic!("not a zip: {e}"),
    };
    let mut content = String::new();
    match zip.by_name("content.xml") {
        Ok(mut f) => {
            let _ = std::io::Read::read_to_string(&mut f, &mut content);
        }
        Err(e) => panic!("no content.xml: {e}"),
    }
    content
}

/// calamine 0.38 drops ODS merges: the value stays in the top-left cell and the covered cells
/// read as empty. LibreOffice sees the merges through the spans and covered cells.
#[test]
fn ods_merges_are_spans_that_calamine_reads_as_plain_cells() {
    let spec = sample();
    let bytes = to_bytes(&spec, Format::Ods).unwrap_or_default();
    let content = ods_content(bytes.clone());
    assert!(content.contains(
        "<table:table-cell table:number-columns-spanned=\"4\" table:number-rows-spanned=\"1\""
    ));
    assert!(content.contains(
        "<table:table-cell table:number-columns-spanned=\"1\" table:number-rows-spanned=\"3\""
    ));
    // A1:D1 covers three cells, B3:B5 two.
    assert!(content.contains("<table:covered-table-cell table:number-columns-repeated=\"3\"/>"));
    assert_eq!(content.matches("<table:covered-table-cell/>").count(), 2);

    let mut book = open(bytes);
    let range = book.worksheet_range("Göstergeler").unwrap_or_default();
    assert_eq!(
        range.get_value((2, 1)),
        Some(&Data::String("Çok satırlı\nhücre".into()))
    );
    assert_eq!(range.get_value((3, 1)), Some(&Data::Empty));
    assert_eq!(range.get_value((4, 1)), Some(&Data::Empty));
    assert_eq!(range.get_value((0, 1)), Some(&Data::Empty));
}

#[test]
fn ods_formulas_are_open_formula() {
    let bytes = to_bytes(&sample(), Format::Ods).unwrap_or_default();
    let mut book = open(bytes);
    let formulas = book.worksheet_formula("Göstergeler").unwrap_or_default();
    for (pos, text) in [
        ((4, 2), "of:=[.C3]*2"),
        ((4, 3), "of:=[.A4]&\" x\""),
        ((5, 2), "of:=SUM([.C3];[.D3])"),
        ((7, 0), "of:=[$'Gizli Sayfa'.C3]"),
        ((4, 0), "of:=#DIV/0!"),
    ] {
        assert_eq!(formulas.get_value(pos).map(String::as_str), Some(text));
    }
}

#[test]
fn ods_is_deterministic_with_mimetype_first_and_stored() {
    assert_deterministic(&sample(), Format::Ods);
    let bytes = to_bytes(&sample(), Format::Ods).unwrap_or_default();
    // The first local file header: method 0 (stored), name `mimetype`, no extra field,
    // then the media type itself.
    assert_eq!(&bytes[0..4], b"PK\x03\x04");
    assert_eq!(&bytes[8..10], &[0, 0]);
    assert_eq!(&bytes[26..30], &[8, 0, 0, 0]);
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(
        &bytes[38..84],
        b"application/vnd.oasis.opendocument.spreadsheet"
    );
}

#[test]
fn ods_sparse_sheet_stays_small() {
    let mut sheet = SheetSpec::new("Seyrek");
    sheet.set(1_000_000, 16_000, "uzakta");
    let spec = WorkbookSpec {
        sheets: vec![sheet],
    };
    let bytes = to_bytes(&spec, Format::Ods).unwrap_or_default();
    assert!(bytes.len() < 3_000, "{} bytes", bytes.len());
    let mut book = open(bytes);
    let range = book.worksheet_range("Seyrek").unwrap_or_default();
    assert_eq!(range.start(), Some((1_000_000, 16_000)));
    assert_eq!(
        range.get_value((1_000_000, 16_000)),
        Some(&Data::String("uzakta".into()))
    );
}

#[test]
fn ods_holds_many_and_long_strings() {
    assert_round_trip(&many_strings(), Format::Ods);
}

#[test]
fn xls_reads_back_as_written() {
    assert_round_trip(&sample(), Format::Xls);
}

#[test]
fn xls_keeps_hidden_sheets_hidden() {
    assert_visibility(&sample(), Format::Xls);
}

#[test]
fn xls_keeps_merged_regions() {
    let spec = sample();
    let bytes = to_bytes(&spec, Format::Xls).unwrap_or_default();
    assert_eq!(merges_read(bytes, "Göstergeler"), spec.sheets[0].merges);
}

/// `.xls` keeps a formula's cached value and a formula computing it, not the formula's text.
#[test]
fn xls_formulas_compute_their_cached_values() {
    let bytes = to_bytes(&sample(), Format::Xls).unwrap_or_default();
    let mut book = open(bytes);
    let formulas = book.worksheet_formula("Göstergeler").unwrap_or_default();
    for (pos, text) in [
        ((4, 2), "2469"),
        ((4, 3), "\"  boşluklu  \""),
        ((5, 0), "1/0"),
        ((5, 1), "TRUE"),
        ((5, 3), "\"\""),
    ] {
        assert_eq!(
            formulas.get_value(pos).map(String::as_str),
            Some(text),
            "{pos:?}"
        );
    }
}

#[test]
fn xls_is_deterministic() {
    assert_deterministic(&sample(), Format::Xls);
}

#[test]
fn xls_holds_many_and_long_strings() {
    assert_round_trip(&many_strings(), Format::Xls);
}

#[test]
fn xls_refuses_cells_beyond_its_grid() {
    for (row, col) in [(65_536, 0), (0, 256)] {
        let mut sheet = SheetSpec::new("Büyük");
        sheet.set(row, col, 1);
        let spec = WorkbookSpec {
            sheets: vec![sheet],
        };
        assert!(to_bytes(&spec, Format::Xls).is_err());
        assert!(to_bytes(&spec, Format::Xlsx).is_ok());
    }
    let mut sheet = SheetSpec::new("Kenar");
    sheet.set(65_535, 255, "son hücre");
    let spec = WorkbookSpec {
        sheets: vec![sheet],
    };
    assert_round_trip(&spec, Format::Xls);
}

#[test]
fn every_error_value_reads_back() {
    let mut sheet = SheetSpec::new("Hatalar");
    for (i, (name, _)) in ERROR_VALUES.iter().enumerate() {
        let row = i as u32;
        sheet.set(row, 0, CellValue::Error(name.to_string()));
        sheet.set(row, 1, formula("A1/0", CellValue::Error(name.to_string())));
    }
    let spec = WorkbookSpec {
        sheets: vec![sheet],
    };
    for format in [Format::Xlsx, Format::Ods, Format::Xls] {
        assert_round_trip(&spec, format);
    }
}

/// `write` picks the format from the extension, and calamine opens the file by its name.
#[test]
fn written_files_open_by_extension() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("no temporary directory: {e}"),
    };
    let spec = sample();
    for name in ["Fen İşleri.xlsx", "Fen İşleri.ods", "Fen İşleri.xls"] {
        let path = dir.path().join(name);
        if let Err(e) = write(&spec, &path) {
            panic!("{name} not written: {e}");
        }
        let mut book = match calamine::open_workbook_auto(&path) {
            Ok(b) => b,
            Err(e) => panic!("{name} unreadable: {e}"),
        };
        let range = book.worksheet_range("Göstergeler").unwrap_or_default();
        assert_eq!(
            range.get_value((6, 0)),
            Some(&Data::String(TURKISH.into())),
            "{name}"
        );
    }
    assert!(write(&spec, &dir.path().join("Fen İşleri.csv")).is_err());
}

/// One part of a zip container as text.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => panic!("not a zip: {e}"),
    };
    let mut text = String::new();
    match zip.by_name(name) {
        Ok(mut f) => {
            let _ = std::io::Read::read_to_string(&mut f, &mut text);
        }
        Err(e) => panic!("no {name}: {e}"),
    }
    text
}

/// C0 controls and U+FFFE/U+FFFF go into an .xlsx as Excel's `_xHHHH_` escapes and read back
/// as themselves; a literal `_xHHHH_` stays literal; in cells and in a formula's cached text.
/// `.xls` keeps them as they are.
#[test]
fn xlsx_escapes_controls_and_keeps_literal_escapes() {
    let controls: String = (0u32..0x20)
        .filter_map(char::from_u32)
        .chain(['\u{FFFE}', '\u{FFFF}'])
        .collect();
    let mut sheet = SheetSpec::new("Kaçış");
    sheet.set(0, 0, format!("a{controls}b"));
    sheet.set(1, 0, "_x0041_ _x00e7_ _X0041_ _x12_ x_x0041_");
    sheet.set(
        2,
        0,
        formula("A1", CellValue::Text(format!("a{controls}_x0041_b"))),
    );
    let spec = WorkbookSpec {
        sheets: vec![sheet],
    };
    assert_round_trip(&spec, Format::Xls);
    assert_round_trip(&spec, Format::Xlsx);
    let bytes = to_bytes(&spec, Format::Xlsx).unwrap_or_default();
    let strings = zip_entry(&bytes, "xl/sharedStrings.xml");
    for escape in [
        "_x0000_", "_x0007_", "_x000D_", "_x001F_", "_xFFFE_", "_xFFFF_",
    ] {
        assert!(strings.contains(escape), "{escape} in {strings}");
    }
    assert!(strings.contains("_x005F_x0041_"), "{strings}");
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("_x0007_") && sheet.contains("_x005F_x0041_b"),
        "{sheet}"
    );
}

/// The document properties carry a fixed creation date, not the time of writing.
#[test]
fn xlsx_has_a_fixed_creation_date() {
    let bytes = to_bytes(&sample(), Format::Xlsx).unwrap_or_default();
    let core = zip_entry(&bytes, "docProps/core.xml");
    assert!(core.contains(">2000-01-01T00:00:00Z<"), "{core}");
}

/// A hidden first sheet is not the one shown on opening.
#[test]
fn xlsx_opens_on_the_first_visible_sheet() {
    let spec = sample();
    let mut sheets = spec.sheets.clone();
    sheets.rotate_left(1); // Gizli Sayfa first.
    let spec = WorkbookSpec { sheets };
    let bytes = to_bytes(&spec, Format::Xlsx).unwrap_or_default();
    assert!(zip_entry(&bytes, "xl/workbook.xml").contains("activeTab=\"1\""));
    assert_visibility(&spec, Format::Xlsx);
}

/// What rust_xlsxwriter would store as something else is refused for .xlsx (and only there).
#[test]
fn xlsx_refuses_what_rust_xlsxwriter_would_change() {
    let cells = [
        CellValue::Text(String::new()),
        CellValue::Text("<r><t>zengin</t></r>".into()),
        formula("A2", CellValue::Text("12".into())),
        formula("A2", CellValue::Text("1e5".into())),
        formula("A2", CellValue::Text("TRUE".into())),
        formula("A2", CellValue::Text("#N/A".into())),
    ];
    for cell in cells {
        let mut sheet = SheetSpec::new("A");
        sheet.set(0, 0, cell.clone());
        let spec = WorkbookSpec {
            sheets: vec![sheet],
        };
        let err = to_bytes(&spec, Format::Xlsx).err();
        assert_eq!(
            err.map(|e| e.kind()),
            Some(io::ErrorKind::InvalidInput),
            "{cell:?}"
        );
        for format in [Format::Ods, Format::Xls] {
            assert!(to_bytes(&spec, format).is_ok(), "{format:?} {cell:?}");
        }
    }
}
