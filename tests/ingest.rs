//! Reading directorate workbooks: every Y and D code planted in a workbook made by the test and
//! found at its file › sheet › cell; Turkish-aware normalisation; bad files never stop the
//! others; rows always balance.

mod kit;

use kit::*;
use kitap::finding::{Code, Severity};
use kitap_dev::sheetwrite::{CellValue, SheetSpec, WorkbookSpec};
use std::process::Command;

fn text(s: &str) -> CellValue {
    CellValue::Text(s.to_string())
}

#[test]
fn valid_project_reads_without_findings_and_balances() {
    let p = TestProject::valid("valid");
    let c = p.check();
    let serious: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert_eq!(c.model.indicators.len(), 4);
    assert_eq!(c.model.activities.len(), 6);
    assert_eq!(c.model.budget.len(), 6);
    let pg = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.1")
        .expect("PG1.1.1");
    assert_eq!(pg.directorate, "Fen İşleri Müdürlüğü");
    assert_eq!(pg.actuals.len(), 2);
    assert_eq!(
        pg.weight.cell.as_ref().map(|c| c.a1()),
        Some("F2".to_string())
    );
    // Indicators, realisations, activities, budget lines, and the institution-level rows of
    // zabita.xlsx (3 revenue lines, 2 debts, 2 affiliates, 2 transfers).
    assert_eq!(c.report.summary.rows_read, 4 + 5 + 6 + 6 + 9);
    assert!(c.model.finance.revenue.is_some() && c.model.finance.transfers.is_some());
    assert_rows_balance(&c);
}

#[test]
fn y001_unknown_and_hidden_sheets_are_named() {
    let p = TestProject::valid("y001");
    let mut book = fen_isleri();
    let mut notes = SheetSpec::new("Notlar");
    notes.set(0, 0, "bir not");
    book.sheets.push(notes);
    let mut hidden = SheetSpec::new("Eski Göstergeler");
    hidden.hidden = true;
    book.sheets.push(hidden);
    p.write("birimler/fen-isleri.xlsx", &book);
    let c = p.check();
    let y001 = findings(&c, Code::Y001);
    assert!(
        y001.iter()
            .any(|f| f.sheet.as_deref() == Some("Notlar") && f.cell.is_none()),
        "{y001:#?}"
    );
    assert!(y001
        .iter()
        .any(|f| f.sheet.as_deref() == Some("Eski Göstergeler") && f.message.contains("gizli")));
    assert!(y001
        .iter()
        .all(|f| f.severity == Severity::Info
            && f.file.as_deref() == Some("birimler/fen-isleri.xlsx")));
    assert_rows_balance(&c);
}

#[test]
fn y002_workbook_without_birim_sheet_is_not_used() {
    let p = TestProject::valid("y002");
    let mut book = zabita();
    book.sheets.remove(0);
    p.write("birimler/zabita.xlsx", &book);
    let mut no_name = kultur();
    no_name.sheets[0] = {
        let mut s = SheetSpec::new("Birim");
        s.row(0, [Some(text("Harcama Yetkilisi")), Some(text("Ali Veli"))]);
        s
    };
    p.write("birimler/kultur.xlsx", &no_name);
    let c = p.check();
    let y002 = findings(&c, Code::Y002);
    assert_eq!(y002.len(), 2, "{y002:#?}");
    assert_at(
        y002.iter()
            .find(|f| f.file.as_deref() == Some("birimler/zabita.xlsx"))
            .expect("zabita"),
        "birimler/zabita.xlsx",
        None,
        None,
    );
    assert_at(
        y002.iter()
            .find(|f| f.file.as_deref() == Some("birimler/kultur.xlsx"))
            .expect("kultur"),
        "birimler/kultur.xlsx",
        Some("Birim"),
        None,
    );
    assert!(c
        .model
        .indicators
        .iter()
        .all(|i| i.directorate == "Fen İşleri Müdürlüğü"));
    let zabita_file = c
        .report
        .files
        .iter()
        .find(|f| f.file == "birimler/zabita.xlsx")
        .expect("listed");
    assert_eq!(zabita_file.rows_in_model, 0);
    assert_eq!(zabita_file.rows_rejected, zabita_file.rows_read);
    assert!(zabita_file.rows_read > 0);
    assert_rows_balance(&c);
}

#[test]
fn y003_missing_required_column_names_header_row() {
    let p = TestProject::valid("y003");
    let mut book = fen_isleri();
    let s = sheet(&mut book, "Göstergeler");
    // Drop the Ölçü Birimi column (D) from every row.
    let keys: Vec<(u32, u32)> = s.cells.keys().copied().filter(|(_, c)| *c == 3).collect();
    for k in keys {
        s.cells.remove(&k);
    }
    p.write("birimler/fen-isleri.xlsx", &book);
    let c = p.check();
    let f = one(&c, Code::Y003);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("A1"),
    );
    assert!(f.message.contains("Ölçü Birimi"), "{}", f.message);
    assert!(!c
        .model
        .indicators
        .iter()
        .any(|i| i.directorate == "Fen İşleri Müdürlüğü"));
    // Its realisations now point at no indicator of this workbook.
    assert!(findings(&c, Code::D002).len() >= 2);
    assert_rows_balance(&c);
}

#[test]
fn y005_unknown_directorate_names_the_birim_adi_cell() {
    let p = TestProject::valid("y005");
    let mut book = kultur();
    book.sheets[0] = birim_sheet("Park ve Bahçeler Müdürlüğü");
    p.write("birimler/kultur.xlsx", &book);
    let c = p.check();
    let f = one(&c, Code::Y005);
    assert_at(f, "birimler/kultur.xlsx", Some("Birim"), Some("B1"));
    assert!(f.message.contains("Park ve Bahçeler Müdürlüğü"));
    // The expected directorate now has no usable workbook.
    let y007 = one(&c, Code::Y007);
    assert_eq!(
        y007.directorate.as_deref(),
        Some("Kültür ve Sosyal İşler Müdürlüğü")
    );
    assert_rows_balance(&c);
}

#[test]
fn y006_two_workbooks_of_one_directorate_neither_used() {
    let p = TestProject::valid("y006");
    p.write("birimler/zabita-yeni.xlsx", &zabita());
    let c = p.check();
    let f = one(&c, Code::Y006);
    // Sorted order: zabita-yeni.xlsx < zabita.xlsx; the later one is named.
    assert_at(f, "birimler/zabita.xlsx", Some("Birim"), Some("B1"));
    assert!(
        f.message.contains("birimler/zabita-yeni.xlsx")
            && f.message.contains("birimler/zabita.xlsx")
    );
    assert!(!c
        .model
        .indicators
        .iter()
        .any(|i| i.directorate == "Zabıta Müdürlüğü"));
    assert_eq!(
        one(&c, Code::Y007).directorate.as_deref(),
        Some("Zabıta Müdürlüğü")
    );
    assert_rows_balance(&c);
}

#[test]
fn y007_expected_directorate_without_workbook() {
    let p = TestProject::valid("y007");
    std::fs::remove_file(p.path("birimler/kultur.xlsx")).expect("remove");
    let c = p.check();
    let f = one(&c, Code::Y007);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.directorate.as_deref(),
        Some("Kültür ve Sosyal İşler Müdürlüğü")
    );
    assert!(f.file.is_none() && f.cell.is_none());
}

#[test]
fn y008_lock_hidden_and_other_files_are_skipped() {
    let p = TestProject::valid("y008");
    p.write_bytes("birimler/~$fen-isleri.xlsx", b"lock");
    p.write_bytes("birimler/.~lock.zabita.xlsx#", b"lock");
    p.write_bytes("birimler/.gizli.xlsx", b"x");
    p.write_bytes("birimler/notlar.txt", b"x");
    let c = p.check();
    let y008 = findings(&c, Code::Y008);
    assert_eq!(y008.len(), 4, "{y008:#?}");
    for f in &y008 {
        assert!(f.cell.is_none() && f.sheet.is_none());
    }
    let files: Vec<_> = y008.iter().filter_map(|f| f.file.as_deref()).collect();
    assert!(files.contains(&"birimler/~$fen-isleri.xlsx"));
    assert!(files.contains(&"birimler/notlar.txt"));
    let entry = c
        .report
        .files
        .iter()
        .find(|f| f.file == "birimler/notlar.txt")
        .expect("listed");
    assert_eq!(serde_json::to_value(entry.status).expect("json"), "atlandi");
    assert!(findings(&c, Code::Y004).is_empty());
}

#[test]
fn y009_absent_and_empty_optional_sheets() {
    let p = TestProject::valid("y009");
    let mut book = kultur();
    book.sheets.retain(|s| s.name != "Bütçe");
    let acts = sheet(&mut book, "Faaliyetler");
    acts.cells.retain(|(r, _), _| *r == 0);
    p.write("birimler/kultur.xlsx", &book);
    let c = p.check();
    let y009 = findings(&c, Code::Y009);
    assert_eq!(y009.len(), 2, "{y009:#?}");
    assert!(y009
        .iter()
        .any(|f| f.sheet.is_none() && f.message.contains("Bütçe")));
    assert!(y009
        .iter()
        .any(|f| f.sheet.as_deref() == Some("Faaliyetler")));
}

/// Plants one bad value in the Fen İşleri workbook and returns the check.
fn with_fen_cell(
    tag: &str,
    sheet_name: &str,
    row: u32,
    col: u32,
    value: Option<CellValue>,
) -> (TestProject, kitap::pipeline::Checked) {
    let p = TestProject::valid(tag);
    let mut book = fen_isleri();
    let s = sheet(&mut book, sheet_name);
    match value {
        Some(v) => {
            s.cells.insert((row, col), v);
        }
        None => {
            s.cells.remove(&(row, col));
        }
    }
    p.write("birimler/fen-isleri.xlsx", &book);
    let c = p.check();
    assert_rows_balance(&c);
    (p, c)
}

#[test]
fn d001_text_where_a_number_is_needed() {
    let (_p, c) = with_fen_cell("d001", "Göstergeler", 1, 5, Some(text("yok")));
    let f = one(&c, Code::D001);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("F2"),
    );
    assert_eq!(f.item.as_deref(), Some("PG1.1.1"));
    assert!(f.message.contains("“yok”"), "{}", f.message);
    assert_eq!(f.directorate.as_deref(), Some("Fen İşleri Müdürlüğü"));
    assert!(!c.model.indicators.iter().any(|i| i.code == "PG1.1.1"));
    let file = c
        .report
        .files
        .iter()
        .find(|f| f.file == "birimler/fen-isleri.xlsx")
        .expect("listed");
    assert!(file.rows_rejected >= 1);
}

#[test]
fn d002_unknown_hedef() {
    let (_p, c) = with_fen_cell("d002", "Göstergeler", 2, 1, Some(text("H9.9")));
    let f = findings(&c, Code::D002)
        .into_iter()
        .find(|f| f.sheet.as_deref() == Some("Göstergeler"))
        .expect("D002 on Göstergeler");
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("B3"),
    );
    assert_eq!(f.item.as_deref(), Some("PG1.1.2"));
    // Its realisation is then not this directorate's indicator either.
    let g = findings(&c, Code::D002)
        .into_iter()
        .find(|f| f.sheet.as_deref() == Some("Gerçekleşmeler"))
        .expect("D002 on Gerçekleşmeler");
    assert_at(
        g,
        "birimler/fen-isleri.xlsx",
        Some("Gerçekleşmeler"),
        Some("A4"),
    );
}

#[test]
fn d003_duplicate_code_in_one_workbook_and_across_workbooks() {
    let (_p, c) = with_fen_cell("d003", "Göstergeler", 2, 0, Some(text("PG1.1.1")));
    let f = findings(&c, Code::D003)
        .into_iter()
        .find(|f| f.sheet.as_deref() == Some("Göstergeler"))
        .expect("D003");
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("A3"),
    );
    assert!(f.message.contains("A2"), "{}", f.message);

    let p = TestProject::valid("d003b");
    let mut book = zabita();
    sheet(&mut book, "Göstergeler").set(1, 0, "PG1.1.1");
    sheet(&mut book, "Göstergeler").set(1, 1, "H1.1");
    sheet(&mut book, "Gerçekleşmeler").set(1, 0, "PG1.1.1");
    p.write("birimler/zabita.xlsx", &book);
    let c = p.check();
    let f = findings(&c, Code::D003)
        .into_iter()
        .find(|f| f.sheet.as_deref() == Some("Göstergeler"))
        .expect("D003");
    assert_at(f, "birimler/zabita.xlsx", Some("Göstergeler"), Some("A2"));
    assert!(f.message.contains("birimler/fen-isleri.xlsx"));
    assert_rows_balance(&c);
}

#[test]
fn d004_year_outside_the_plan() {
    let (_p, c) = with_fen_cell(
        "d004",
        "Gerçekleşmeler",
        1,
        1,
        Some(CellValue::Number(2031.0)),
    );
    let f = one(&c, Code::D004);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Gerçekleşmeler"),
        Some("B2"),
    );
    assert!(f.message.contains("2031"));
    let (_p, c) = with_fen_cell("d004b", "Faaliyetler", 2, 4, Some(text("geçen yıl")));
    assert_at(
        one(&c, Code::D004),
        "birimler/fen-isleri.xlsx",
        Some("Faaliyetler"),
        Some("E3"),
    );
}

#[test]
fn d005_value_outside_a_closed_set_lists_the_accepted() {
    let (_p, c) = with_fen_cell("d005", "Göstergeler", 1, 4, Some(text("Yukarı")));
    let f = one(&c, Code::D005);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("E2"),
    );
    assert!(
        f.message.contains("Artış, Azalış, Artış/Azalış"),
        "{}",
        f.message
    );
    // Closed sets ignore case and Turkish letters.
    let (_p, c) = with_fen_cell("d005b", "Göstergeler", 1, 4, Some(text("ARTIS")));
    assert!(findings(&c, Code::D005).is_empty());
    let (_p, c) = with_fen_cell("d005c", "Bütçe", 1, 1, Some(text("12")));
    assert_at(
        one(&c, Code::D005),
        "birimler/fen-isleri.xlsx",
        Some("Bütçe"),
        Some("B2"),
    );
}

#[test]
fn d006_ambiguous_number_text_is_read_as_thousands() {
    let (_p, c) = with_fen_cell("d006", "Göstergeler", 2, 6, Some(text("27.122")));
    let f = one(&c, Code::D006);
    assert_eq!(f.severity, Severity::Warning);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("G3"),
    );
    let ind = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.2")
        .expect("row kept");
    assert_eq!(ind.baseline.value, Some(27122.0));
}

#[test]
fn d007_missing_required_value_rejects_the_row() {
    let (_p, c) = with_fen_cell("d007", "Göstergeler", 1, 2, None);
    let f = one(&c, Code::D007);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("C2"),
    );
    assert_eq!(f.item.as_deref(), Some("PG1.1.1"));
    assert!(!c.model.indicators.iter().any(|i| i.code == "PG1.1.1"));
    // A missing baseline is not D007: the row is kept for G001.
    let (_p, c) = with_fen_cell("d007b", "Göstergeler", 1, 6, None);
    assert!(findings(&c, Code::D007).is_empty());
    assert_eq!(
        c.model
            .indicators
            .iter()
            .find(|i| i.code == "PG1.1.1")
            .and_then(|i| i.baseline.value),
        None
    );
}

#[test]
fn d008_formula_error_value() {
    let (_p, c) = with_fen_cell(
        "d008",
        "Göstergeler",
        2,
        5,
        Some(CellValue::Error("#DIV/0!".into())),
    );
    let f = one(&c, Code::D008);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Göstergeler"),
        Some("F3"),
    );
    assert!(f.message.contains("#DIV/0!"));
    assert!(
        findings(&c, Code::D007).is_empty(),
        "the error is reported once, as D008"
    );
    let cached = CellValue::Formula {
        formula: "B2/0".into(),
        cached: Box::new(CellValue::Error("#REF!".into())),
    };
    let (_p, c) = with_fen_cell("d008b", "Bütçe", 1, 2, Some(cached));
    assert_at(
        one(&c, Code::D008),
        "birimler/fen-isleri.xlsx",
        Some("Bütçe"),
        Some("C2"),
    );
}

#[test]
fn d009_negative_amount() {
    let (_p, c) = with_fen_cell(
        "d009",
        "Faaliyetler",
        1,
        5,
        Some(CellValue::Number(-5000.0)),
    );
    let f = one(&c, Code::D009);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Faaliyetler"),
        Some("F2"),
    );
    assert_eq!(f.item.as_deref(), Some("F1.1.1"));
}

#[test]
fn formula_cells_use_their_cached_value() {
    let cached = CellValue::Formula {
        formula: "30+30".into(),
        cached: Box::new(CellValue::Number(60.0)),
    };
    let (_p, c) = with_fen_cell("formula", "Göstergeler", 1, 5, Some(cached));
    let ind = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.1")
        .expect("kept");
    assert_eq!(ind.weight.value, 60.0);
}

#[test]
fn sheet_names_are_matched_turkish_aware() {
    for (i, name) in ["GÖSTERGELER", "gostergeler", " Göstergeler "]
        .iter()
        .enumerate()
    {
        let p = TestProject::valid(&format!("sheetname{i}"));
        let mut book = fen_isleri();
        sheet(&mut book, "Göstergeler").name = name.to_string();
        p.write("birimler/fen-isleri.xlsx", &book);
        let c = p.check();
        assert_eq!(
            c.model
                .indicators
                .iter()
                .filter(|i| i.directorate == "Fen İşleri Müdürlüğü")
                .count(),
            2,
            "{name}"
        );
        assert!(findings(&c, Code::Y001).is_empty(), "{name}");
    }
}

#[test]
fn headers_with_aliases_in_another_order_under_banners() {
    let p = TestProject::valid("aliases");
    let mut book = fen_isleri();
    let mut s = SheetSpec::new("Göstergeler");
    // Two banner rows, the first merged across the table.
    s.set(0, 0, "FEN İŞLERİ MÜDÜRLÜĞÜ PERFORMANS GÖSTERGELERİ");
    s.merge(0, 0, 0, 15);
    s.set(1, 0, "2025-2029 Stratejik Planı");
    let header = [
        "Yön",
        "PG Kodu",
        "Hedef",
        "Performans Göstergesi",
        "Ölçü",
        "Ağırlık",
        "Mevcut Değer",
        "2025 Hedefi",
        "2026 Yılı Hedef",
        "2027",
        "2028",
        "2029",
        "İzleme",
        "Raporlama",
        "İşbirliği",
        "Not",
    ];
    s.row(2, header.iter().map(|h| Some(text(h))));
    let rows: [[CellValue; 16]; 2] = [
        [
            text("Artış"),
            text("pg 1.1.1"),
            text("h1.1"),
            text("Asfaltlanan yol oranı"),
            text("%"),
            text("%60"),
            text("10"),
            CellValue::Number(20.0),
            text("30"),
            text("40"),
            text("50"),
            text("60"),
            text("6 ay"),
            text("YILLIK"),
            text("Zabıta Müdürlüğü; Kültür ve Sosyal İşler Müdürlüğü"),
            text("Not\nikinci satır"),
        ],
        [
            text("artis"),
            text("1.1.2"),
            text("H1.1"),
            text("Bakımı yapılan yol"),
            text("Sayı"),
            CellValue::Number(40.0),
            text("1.234,5"),
            CellValue::Number(1300.0),
            CellValue::Number(1400.0),
            CellValue::Number(1500.0),
            CellValue::Number(1600.0),
            CellValue::Number(1700.0),
            text("Yıllık"),
            text("Yıllık"),
            text(""),
            text(""),
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            if !matches!(v, CellValue::Text(t) if t.is_empty()) {
                s.set(3 + r as u32, col as u32, v.clone());
            }
        }
    }
    *sheet(&mut book, "Göstergeler") = s;
    p.write("birimler/fen-isleri.xlsx", &book);
    let c = p.check();
    let serious: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    let a = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.1")
        .expect("pg 1.1.1 → PG1.1.1");
    assert_eq!(a.weight.value, 60.0);
    assert_eq!(a.baseline.value, Some(10.0));
    assert_eq!(
        a.cooperating.value,
        vec!["Zabıta Müdürlüğü", "Kültür ve Sosyal İşler Müdürlüğü"]
    );
    assert_eq!(a.note.value.as_deref(), Some("Not\nikinci satır"));
    assert_eq!(
        a.weight.cell.as_ref().map(|c| c.a1()),
        Some("F4".to_string())
    );
    let b = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.2")
        .expect("1.1.2 → PG1.1.2");
    assert_eq!(b.baseline.value, Some(1234.5));
    assert_eq!(a.unit.value, "Yüzde", "% is Yüzde");
    assert_rows_balance(&c);
}

#[test]
fn merged_cells_apply_to_every_row_they_span() {
    let p = TestProject::valid("merged");
    let mut book = fen_isleri();
    let s = sheet(&mut book, "Göstergeler");
    // Hedef Kodu written once, merged over both indicator rows.
    s.cells.remove(&(2, 1));
    s.merge(1, 1, 2, 1);
    p.write("birimler/fen-isleri.xlsx", &book);
    let c = p.check();
    let b = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.2")
        .expect("kept");
    assert_eq!(b.objective.value, "H1.1");
    assert!(findings(&c, Code::D007).is_empty());
}

#[test]
fn ods_workbooks_read_like_xlsx() {
    let p = TestProject::valid("ods");
    std::fs::remove_file(p.path("birimler/kultur.xlsx")).expect("remove");
    p.write("birimler/alt/kultur.ods", &kultur());
    let c = p.check();
    let serious: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    let k = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG2.1.1")
        .expect("from the .ods");
    assert_eq!(
        k.code_cell.as_ref().map(|c| c.file.as_str()),
        Some("birimler/alt/kultur.ods")
    );
}

#[test]
fn bad_files_in_the_drop_folder_never_stop_the_good_ones() {
    let p = TestProject::valid("dropfolder");
    let good = kitap_dev::sheetwrite::to_bytes(&fen_isleri(), kitap_dev::sheetwrite::Format::Xlsx)
        .expect("bytes");
    p.write_bytes("birimler/bozuk-kesik.xlsx", &good[..good.len() / 2]);
    p.write_bytes("birimler/bos.xlsx", b"");
    p.write_bytes(
        "birimler/metin.xlsx",
        "Bu bir çalışma kitabı değil.\n".as_bytes(),
    );
    p.write_bytes(
        "birimler/sifreli.xlsx",
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/encrypted.xlsx"
        ))
        .expect("fixture"),
    );
    p.write_bytes("birimler/~$x.xlsx", b"lock");
    let c = p.check();
    let y004: Vec<_> = findings(&c, Code::Y004)
        .iter()
        .filter_map(|f| f.file.clone())
        .collect();
    assert_eq!(
        y004,
        vec![
            "birimler/bos.xlsx",
            "birimler/bozuk-kesik.xlsx",
            "birimler/metin.xlsx",
            "birimler/sifreli.xlsx"
        ]
    );
    let enc = findings(&c, Code::Y004)
        .into_iter()
        .find(|f| f.file.as_deref() == Some("birimler/sifreli.xlsx"))
        .expect("y004");
    assert!(
        enc.message.contains("parola") || enc.message.contains("şifreli"),
        "{}",
        enc.message
    );
    assert_eq!(
        one(&c, Code::Y008).file.as_deref(),
        Some("birimler/~$x.xlsx")
    );
    assert_eq!(
        c.model.indicators.len(),
        4,
        "the three good workbooks are read fully"
    );
    for f in &c.report.files {
        if f.file.contains("bozuk")
            || f.file.contains("bos")
            || f.file.contains("metin")
            || f.file.contains("sifreli")
        {
            assert_eq!(serde_json::to_value(f.status).expect("json"), "okunamadi");
        }
    }
    assert_rows_balance(&c);

    // The command exits 1 and writes the JSON report.
    let out = p.path("cikti");
    let run = Command::new(kitap_bin())
        .arg("denetle")
        .arg(&p.dir)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("birimler/metin.xlsx"), "{stdout}");
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("denetim-raporu.json")).expect("report written"),
    )
    .expect("json");
    assert_eq!(json["ozet"]["hata"], 4);
    assert_eq!(json["kurum"], "Deneme Belediyesi");
}

#[test]
fn json_report_has_the_contract_shape() {
    let p = TestProject::valid("json");
    let mut book = fen_isleri();
    sheet(&mut book, "Göstergeler").set(1, 5, "yok");
    p.write("birimler/fen-isleri.xlsx", &book);
    let run = Command::new(kitap_bin())
        .args(["check", "--json"])
        .arg(&p.dir)
        .arg("-o")
        .arg(p.path("o"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("stdout is JSON");
    let ozet = &json["ozet"];
    for key in [
        "hata",
        "uyari",
        "bilgi",
        "dosya",
        "okunan_satir",
        "modeldeki_satir",
        "reddedilen_satir",
    ] {
        assert!(ozet[key].is_u64(), "ozet.{key}: {ozet}");
    }
    assert_eq!(
        ozet["okunan_satir"].as_u64(),
        Some(
            ozet["modeldeki_satir"].as_u64().unwrap_or(0)
                + ozet["reddedilen_satir"].as_u64().unwrap_or(0)
        )
    );
    let file = json["dosyalar"]
        .as_array()
        .expect("dosyalar")
        .iter()
        .find(|f| f["dosya"] == "birimler/fen-isleri.xlsx")
        .expect("file");
    assert_eq!(file["birim"], "Fen İşleri Müdürlüğü");
    assert_eq!(file["durum"], "okundu");
    // The indicator row and its two realisations (which now point at no indicator).
    assert_eq!(file["reddedilen_satir"], 3);
    let d001 = json["bulgular"]
        .as_array()
        .expect("bulgular")
        .iter()
        .find(|f| f["kod"] == "D001")
        .expect("D001");
    assert_eq!(d001["seviye"], "hata");
    assert_eq!(d001["dosya"], "birimler/fen-isleri.xlsx");
    assert_eq!(d001["sayfa"], "Göstergeler");
    assert_eq!(d001["hucre"], "F2");
    assert_eq!(d001["birim"], "Fen İşleri Müdürlüğü");
    assert_eq!(d001["oge"], "PG1.1.1");
    assert!(d001["mesaj"].as_str().is_some_and(|m| m.contains("yok")));
}

#[test]
fn clean_project_exits_zero_and_bad_kurum_yaml_exits_two() {
    let p = TestProject::valid("exit");
    let run = Command::new(kitap_bin())
        .arg("denetle")
        .arg(&p.dir)
        .arg("-o")
        .arg(p.path("o"))
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    std::fs::write(p.path("kurum.yaml"), "kurum:\n  ad: X\n  baskan: [\n").expect("write");
    let run = Command::new(kitap_bin())
        .arg("denetle")
        .arg(&p.dir)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("kurum.yaml") && err.contains("satır") && err.contains("sütun"),
        "{err}"
    );
    std::fs::remove_file(p.path("kurum.yaml")).expect("rm");
    let run = Command::new(kitap_bin())
        .arg("denetle")
        .arg(&p.dir)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let run = Command::new(kitap_bin())
        .args(["denetle", "--bilinmeyen"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn a_year_that_is_no_year_is_a_clean_exit_2() {
    let p = TestProject::valid("huge-year");
    let denetle = |extra: &[&str]| {
        let run = Command::new(kitap_bin())
            .arg("denetle")
            .arg(&p.dir)
            .arg("-o")
            .arg(p.path("o"))
            .args(extra)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&run.stderr).into_owned();
        assert_eq!(run.status.code(), Some(2), "{extra:?}: {err}");
        assert!(
            !err.contains("iç hata") && !err.contains("overflow"),
            "{err}"
        );
        err
    };
    // On the command line: refused by the argument parser, or because the Performans Programı
    // year would be 2101.
    denetle(&["--yil", "2147483647"]);
    denetle(&["--yil", "-2147483648"]);
    let err = denetle(&["--yil", "2100"]);
    assert!(
        err.contains("`--yil` ile Performans Programı yılı"),
        "{err}"
    );
    // In kurum.yaml.
    let kurum = std::fs::read_to_string(p.path("kurum.yaml")).expect("kurum");
    let (before, after) = kurum.split_once("\nyil: ").expect("a yil line");
    let after = after.split_once('\n').map_or("", |(_, rest)| rest);
    for (yil, key) in [
        ("2147483647", "`yil`"),
        ("-2147483648", "`yil`"),
        ("2100", "`program_yili` (yazılmadığı için `yil` + 1)"),
    ] {
        let text = format!("{before}\nyil: {yil}\n{after}");
        std::fs::write(p.path("kurum.yaml"), text).expect("write");
        let err = denetle(&[]);
        assert!(
            err.contains("kurum.yaml") && err.contains(&format!("{key} geçerli bir yıl değil")),
            "{yil}: {err}"
        );
    }
}

#[test]
fn missing_hidden_plan_sheet_is_ignored_and_workbook_order_is_stable() {
    // Workbooks in subfolders are found, in sorted order.
    let p = TestProject::valid("order");
    std::fs::remove_file(p.path("birimler/zabita.xlsx")).expect("rm");
    p.write("birimler/a/b/zabita.xlsx", &zabita());
    let c = p.check();
    let files: Vec<_> = c.report.files.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(
        files,
        vec![
            "birimler/a/b/zabita.xlsx",
            "birimler/fen-isleri.xlsx",
            "birimler/kultur.xlsx"
        ]
    );
    let again = p.check();
    assert_eq!(c.report, again.report);
    let _unused = WorkbookSpec::default();
}

#[test]
fn xls_and_ods_error_cells_are_d008_too() {
    for ext in ["xls", "ods"] {
        let p = TestProject::valid(&format!("err-{ext}"));
        let mut book = fen_isleri();
        sheet(&mut book, "Göstergeler").set(2, 5, CellValue::Error("#DIV/0!".into()));
        std::fs::remove_file(p.path("birimler/fen-isleri.xlsx")).expect("rm");
        let rel = format!("birimler/fen-isleri.{ext}");
        p.write(&rel, &book);
        let c = p.check();
        assert_at(one(&c, Code::D008), &rel, Some("Göstergeler"), Some("F3"));
        assert_eq!(
            c.model
                .indicators
                .iter()
                .filter(|i| i.directorate == "Fen İşleri Müdürlüğü")
                .count(),
            1,
            "{ext}"
        );
        assert_rows_balance(&c);
    }
}

#[test]
fn the_bundled_example_is_clean_and_every_indicator_has_a_2025_rate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ornek-belediye");
    let c =
        kitap::pipeline::check(&dir, &kitap::pipeline::Options::default()).expect("example loads");
    let serious: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert!(c.model.indicators.len() >= 40 && c.model.goals.len() == 5);
    assert!(c.model.objectives().count() >= 12);
    for ind in &c.model.indicators {
        let rate = kitap::performance::indicator_rate(ind, 2025);
        assert!(rate.rate().is_some(), "{}: {rate:?}", ind.code);
    }
    assert_rows_balance(&c);
    let kinds: Vec<&str> = c
        .report
        .files
        .iter()
        .filter_map(|f| f.file.rsplit('.').next())
        .collect();
    assert!(
        kinds.contains(&"xls")
            && kinds.contains(&"ods")
            && kinds.iter().filter(|k| **k == "xlsx").count() >= 8
    );
}
