//! A workbook rejected at file level (Y002, Y004, Y005, Y006) is not used, so it is not checked
//! either: it gives its one file-level finding and nothing else, and every row it holds counts
//! as read and rejected, so the row accounting still balances.

mod kit;

use kit::*;
use kitap::finding::{Code, Finding};
use kitap::pipeline::Checked;
use kitap_dev::sheetwrite::{CellValue, WorkbookSpec};

/// A workbook full of problems that would each be a finding in a usable workbook: a hedef code
/// that refers to nothing (D002), text where a number belongs (D001), a year outside the plan
/// (D004), an unknown sheet (Y001) and a missing optional sheet (Y009).
fn troubled(mut book: WorkbookSpec) -> WorkbookSpec {
    let text = |s: &str| CellValue::Text(s.to_string());
    let indicators = sheet(&mut book, "Göstergeler");
    indicators.set(1, 1, text("H9.9"));
    indicators.set(1, 5, text("yok"));
    sheet(&mut book, "Faaliyetler").set(1, 4, 1999.0);
    book.sheets.retain(|s| s.name != "Bütçe");
    let mut notes = kitap_dev::sheetwrite::SheetSpec::new("Notlar");
    notes.set(0, 0, "bir not");
    book.sheets.push(notes);
    book
}

/// The findings that name one of `files`.
fn findings_of<'a>(checked: &'a Checked, files: &[&str]) -> Vec<&'a Finding> {
    checked
        .report
        .findings
        .iter()
        .filter(|f| f.file.as_deref().is_some_and(|file| files.contains(&file)))
        .collect()
}

/// The only finding naming `file` has `code`; every row of the file is read and rejected.
fn assert_rejected_alone(checked: &Checked, file: &str, code: Code) {
    let found = findings_of(checked, &[file]);
    assert_eq!(found.len(), 1, "{file}: {found:#?}");
    assert_eq!(found[0].code, code, "{found:#?}");
    assert_all_rows_rejected(checked, file);
}

fn assert_all_rows_rejected(checked: &Checked, file: &str) {
    let entry = checked
        .report
        .files
        .iter()
        .find(|f| f.file == file)
        .unwrap_or_else(|| panic!("{file} is listed"));
    assert!(entry.rows_read > 0, "{entry:?}");
    assert_eq!(entry.rows_in_model, 0, "{entry:?}");
    assert_eq!(entry.rows_rejected, entry.rows_read, "{entry:?}");
    assert_rows_balance(checked);
}

/// The good workbooks beside the rejected one are read as usual: no finding of theirs is lost.
fn assert_good_ones_clean(checked: &Checked, good: &[&str]) {
    for file in good {
        let entry = checked
            .report
            .files
            .iter()
            .find(|f| f.file == *file)
            .expect("good workbook listed");
        assert!(
            entry.rows_in_model > 0 && entry.rows_rejected == 0,
            "{entry:?}"
        );
    }
}

#[test]
fn a_workbook_without_its_birim_sheet_gives_one_y002_and_nothing_else() {
    let p = TestProject::valid("reject-y002");
    let mut book = troubled(zabita());
    book.sheets.retain(|s| s.name != "Birim");
    p.write("birimler/zabita.xlsx", &book);
    let c = p.check();
    assert_rejected_alone(&c, "birimler/zabita.xlsx", Code::Y002);
    assert_good_ones_clean(&c, &["birimler/fen-isleri.xlsx", "birimler/kultur.xlsx"]);
    // The directorate sent nothing usable.
    assert_eq!(
        one(&c, Code::Y007).directorate.as_deref(),
        Some("Zabıta Müdürlüğü")
    );
}

#[test]
fn a_birim_sheet_without_birim_adi_gives_one_y002_and_nothing_else() {
    let p = TestProject::valid("reject-y002-name");
    let mut book = troubled(kultur());
    book.sheets[0] = {
        let mut s = kitap_dev::sheetwrite::SheetSpec::new("Birim");
        s.set(0, 0, "Harcama Yetkilisi").set(0, 1, "Ali Veli");
        s
    };
    p.write("birimler/kultur.xlsx", &book);
    let c = p.check();
    assert_rejected_alone(&c, "birimler/kultur.xlsx", Code::Y002);
    assert_good_ones_clean(&c, &["birimler/fen-isleri.xlsx", "birimler/zabita.xlsx"]);
}

#[test]
fn a_workbook_of_an_unknown_directorate_gives_one_y005_and_nothing_else() {
    let p = TestProject::valid("reject-y005");
    let mut book = troubled(kultur());
    book.sheets[0] = birim_sheet("Park ve Bahçeler Müdürlüğü");
    p.write("birimler/kultur.xlsx", &book);
    let c = p.check();
    assert_rejected_alone(&c, "birimler/kultur.xlsx", Code::Y005);
    assert_good_ones_clean(&c, &["birimler/fen-isleri.xlsx", "birimler/zabita.xlsx"]);
}

#[test]
fn two_workbooks_of_one_directorate_give_one_y006_and_nothing_else() {
    let p = TestProject::valid("reject-y006");
    p.write("birimler/zabita.xlsx", &troubled(zabita()));
    p.write("birimler/zabita-yeni.xlsx", &troubled(zabita()));
    let c = p.check();
    let both = ["birimler/zabita-yeni.xlsx", "birimler/zabita.xlsx"];
    let found = findings_of(&c, &both);
    assert_eq!(found.len(), 1, "{found:#?}");
    // The later file in sorted order carries the Y006; the message names both.
    assert_eq!(found[0].code, Code::Y006);
    assert_eq!(found[0].file.as_deref(), Some("birimler/zabita.xlsx"));
    assert!(found[0].message.contains("birimler/zabita-yeni.xlsx"));
    for file in both {
        assert_all_rows_rejected(&c, file);
    }
    assert_good_ones_clean(&c, &["birimler/fen-isleri.xlsx", "birimler/kultur.xlsx"]);
}

#[test]
fn an_unreadable_file_gives_one_y004_and_nothing_else() {
    let p = TestProject::valid("reject-y004");
    p.write_bytes("birimler/bozuk.xlsx", b"PK\x03\x04 bu bir zip degil");
    let c = p.check();
    let found = findings_of(&c, &["birimler/bozuk.xlsx"]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, Code::Y004);
    assert_good_ones_clean(
        &c,
        &[
            "birimler/fen-isleri.xlsx",
            "birimler/kultur.xlsx",
            "birimler/zabita.xlsx",
        ],
    );
    assert_rows_balance(&c);
}
