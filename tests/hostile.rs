//! Hostile and broken workbooks: each costs one Y004, never the run. Workbooks are read in
//! child processes with memory and time limits.

mod kit;

use kit::*;
use kitap::finding::Code;
use kitap::ingest::IsolatedReader;
use kitap::pipeline::{self, Options};
use std::io::{Read, Write};
use std::process::Command;

/// Rewrites one entry of a zip (an .xlsx) with `edit`.
fn rewrite_zip_entry(bytes: &[u8], entry: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let name = f.name().expect("entry name").to_string();
        let mut content = Vec::new();
        f.read_to_end(&mut content).expect("read entry");
        if name == entry {
            content = edit(String::from_utf8(content).expect("utf8")).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&content).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fn good_xlsx() -> Vec<u8> {
    kitap_dev::sheetwrite::to_bytes(&fen_isleri(), kitap_dev::sheetwrite::Format::Xlsx)
        .expect("xlsx")
}

/// A 5 KB .xlsx whose shared-string table claims four billion entries.
fn huge_unique_count() -> Vec<u8> {
    rewrite_zip_entry(&good_xlsx(), "xl/sharedStrings.xml", |xml| {
        let start = xml.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').expect("quote");
        format!("{}4000000000{}", &xml[..start], &xml[end..])
    })
}

/// An .xlsx with one cell at XFD1048576 on its Göstergeler sheet.
fn far_cell() -> Vec<u8> {
    rewrite_zip_entry(&good_xlsx(), "xl/worksheets/sheet2.xml", |xml| {
        let at = xml.find("</sheetData>").expect("sheetData");
        format!(
            "{}<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>{}",
            &xml[..at],
            &xml[at..]
        )
    })
}

#[test]
fn crafted_xlsx_files_become_y004_and_good_ones_are_read() {
    let p = TestProject::valid("hostile");
    p.write_bytes("birimler/zz-unique.xlsx", &huge_unique_count());
    p.write_bytes("birimler/zz-uzak-hucre.xlsx", &far_cell());
    let xls = kitap_dev::sheetwrite::to_bytes(&zabita(), kitap_dev::sheetwrite::Format::Xls)
        .expect("xls");
    p.write_bytes("birimler/zz-kesik.xls", &xls[..xls.len() * 2 / 3]);
    let out = p.path("cikti");
    // `libc::wait4` below reaps the child (and reads its peak memory); clippy cannot see it.
    #[allow(clippy::zombie_processes)]
    let mut child = Command::new(kitap_bin())
        .args(["denetle", "--json"])
        .arg(&p.dir)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let pid = child.id() as libc::pid_t;
    let mut stdout = Vec::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_end(&mut stdout)
        .expect("read");
    // wait4 gives this child's own peak memory.
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    assert!(libc::WIFEXITED(status), "kitap died: status {status}");
    assert_eq!(libc::WEXITSTATUS(status), 1);
    let peak_kb = usage.ru_maxrss;
    assert!(peak_kb < 1024 * 1024, "peak memory {peak_kb} KB");

    let json: serde_json::Value = serde_json::from_slice(&stdout).expect("json");
    let y004: Vec<&str> = json["bulgular"]
        .as_array()
        .expect("bulgular")
        .iter()
        .filter(|f| f["kod"] == "Y004")
        .filter_map(|f| f["dosya"].as_str())
        .collect();
    assert_eq!(
        y004,
        vec![
            "birimler/zz-kesik.xls",
            "birimler/zz-unique.xlsx",
            "birimler/zz-uzak-hucre.xlsx"
        ]
    );
    let far = json["bulgular"]
        .as_array()
        .expect("b")
        .iter()
        .find(|f| f["dosya"] == "birimler/zz-uzak-hucre.xlsx")
        .expect("far");
    assert!(
        far["mesaj"]
            .as_str()
            .is_some_and(|m| m.contains("okuma.satir_sayisi")),
        "{far}"
    );
    let files = json["dosyalar"].as_array().expect("dosyalar");
    for good in [
        "birimler/fen-isleri.xlsx",
        "birimler/zabita.xlsx",
        "birimler/kultur.xlsx",
    ] {
        let f = files.iter().find(|f| f["dosya"] == good).expect("listed");
        assert_eq!(f["durum"], "okundu");
        assert_eq!(f["reddedilen_satir"], 0, "{good}");
    }
}

/// A child reads several workbooks one after another: when it dies on one, that file is the
/// Y004 and a new child reads the files after it.
#[test]
fn a_reader_that_dies_on_a_file_still_reads_the_files_after_it() {
    let p = TestProject::valid("batch");
    // Sorted first: the first file of the first child's batch.
    p.write_bytes("birimler/aa-unique.xlsx", &huge_unique_count());
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let checked = pool
            .install(|| {
                pipeline::check_with(
                    &p.dir,
                    &Options::default(),
                    &IsolatedReader::new(kitap_bin()),
                )
            })
            .expect("checks");
        let y004 = findings(&checked, Code::Y004);
        assert_eq!(y004.len(), 1, "{threads} threads: {y004:#?}");
        // The child died on it (the memory limit), it did not answer an error.
        assert!(
            y004[0].message.contains("bellek sınırını aştı"),
            "{}",
            y004[0].message
        );
        assert_eq!(y004[0].file.as_deref(), Some("birimler/aa-unique.xlsx"));
        let read: Vec<&str> = checked
            .report
            .files
            .iter()
            .filter(|f| f.status == kitap::report::FileStatus::Read && f.rows_read > 0)
            .map(|f| f.file.as_str())
            .collect();
        assert_eq!(
            read.len(),
            3,
            "{threads} threads: the three good workbooks: {read:?}"
        );
    }
}

#[test]
fn a_reader_past_the_time_limit_is_stopped_with_a_timeout_finding() {
    let p = TestProject::valid("timeout");
    let kurum = std::fs::read_to_string(p.path("kurum.yaml")).expect("kurum");
    std::fs::write(
        p.path("kurum.yaml"),
        format!("{kurum}okuma:\n  sure_saniye: 1\n"),
    )
    .expect("write");
    let reader = IsolatedReader::new(kitap_bin()).with_test_delay(5000);
    let checked = pipeline::check_with(&p.dir, &Options::default(), &reader).expect("checks");
    let y004 = findings(&checked, Code::Y004);
    assert_eq!(y004.len(), 3, "{y004:#?}");
    assert!(
        y004.iter().all(|f| f.message.contains("saniyede bitmedi")),
        "{y004:#?}"
    );
}

#[test]
fn isolated_reading_gives_the_same_model_as_in_process() {
    let p = TestProject::valid("isolated-same");
    let a = pipeline::check(&p.dir, &Options::default()).expect("in process");
    let b = pipeline::check_with(
        &p.dir,
        &Options::default(),
        &IsolatedReader::new(kitap_bin()),
    )
    .expect("isolated");
    assert_eq!(a.model, b.model);
    assert_eq!(a.report, b.report);
}

#[test]
fn every_foreign_workbook_becomes_a_finding_and_the_example_still_reads() {
    let entries: Vec<_> = std::fs::read_dir(foreign_dir())
        .expect("tests/fixtures/foreign")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    assert_eq!(entries.len(), 88, "the foreign corpus");
    let p = TestProject::valid("foreign");
    for path in &entries {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        p.write_bytes(
            &format!("birimler/yabanci/{name}"),
            &std::fs::read(path).expect("read"),
        );
    }
    let checked = pipeline::check_with(
        &p.dir,
        &Options::default(),
        &IsolatedReader::new(kitap_bin()),
    )
    .expect("checks");
    for path in &entries {
        let rel = format!(
            "birimler/yabanci/{}",
            path.file_name().expect("name").to_string_lossy()
        );
        let codes: Vec<Code> = checked
            .report
            .findings
            .iter()
            .filter(|f| f.file.as_deref() == Some(rel.as_str()))
            .map(|f| f.code)
            .collect();
        assert!(
            codes
                .iter()
                .any(|c| matches!(c, Code::Y002 | Code::Y003 | Code::Y004 | Code::Y008)),
            "{rel}: {codes:?}"
        );
    }
    for good in [
        "birimler/fen-isleri.xlsx",
        "birimler/zabita.xlsx",
        "birimler/kultur.xlsx",
    ] {
        let f = checked
            .report
            .files
            .iter()
            .find(|f| f.file == good)
            .expect("listed");
        assert_eq!(f.rows_rejected, 0);
        assert!(f.rows_in_model > 0);
    }
    assert_eq!(checked.model.indicators.len(), 4);
    assert_rows_balance(&checked);
}

/// Cells of the Fen İşleri workbook given a placeholder number, and the non-finite value that
/// replaces it in the written file: (sheet, cell, placeholder, value, how the message quotes it).
const NON_FINITE_CELLS: [(&str, u32, u32, f64, f64, &str); 4] = [
    // The baseline of PG1.1.1 (a number column that may be empty).
    ("Göstergeler", 1, 6, 1234.0625, f64::NAN, "“NaN”"),
    // The 2025 target of PG1.1.2.
    ("Göstergeler", 2, 7, 2345.0625, f64::INFINITY, "“∞”"),
    // A realisation's value (a required number).
    ("Gerçekleşmeler", 3, 3, 3456.0625, f64::NEG_INFINITY, "“-∞”"),
    // A budget line's year (not a number column: any column is checked).
    ("Bütçe", 2, 0, 4567.0625, f64::NAN, "“NaN”"),
];

/// The Fen İşleri workbook with NaN, ∞ and -∞ in the cells of [`NON_FINITE_CELLS`]: no writer
/// stores them, so placeholders are written and then replaced in the file's bytes.
fn non_finite_workbook(format: kitap_dev::sheetwrite::Format) -> Vec<u8> {
    let mut book = fen_isleri();
    for (name, row, col, placeholder, _, _) in NON_FINITE_CELLS {
        sheet(&mut book, name).cells.insert(
            (row, col),
            kitap_dev::sheetwrite::CellValue::Number(placeholder),
        );
    }
    let mut bytes = kitap_dev::sheetwrite::to_bytes(&book, format).expect("workbook");
    match format {
        // An .xls NUMBER record holds the eight bytes of the double.
        kitap_dev::sheetwrite::Format::Xls => {
            for (_, _, _, placeholder, value, _) in NON_FINITE_CELLS {
                let from = placeholder.to_le_bytes();
                let at: Vec<usize> = bytes
                    .windows(8)
                    .enumerate()
                    .filter(|(_, w)| *w == from)
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(at.len(), 1, "{placeholder} is in the file once");
                bytes[at[0]..at[0] + 8].copy_from_slice(&value.to_le_bytes());
            }
        }
        // An .xlsx cell holds the number's text: `NaN` and `1e999` read as NaN and ∞.
        kitap_dev::sheetwrite::Format::Xlsx => {
            let replaced = std::cell::Cell::new(0);
            for entry in (1..=5).map(|i| format!("xl/worksheets/sheet{i}.xml")) {
                bytes = rewrite_zip_entry(&bytes, &entry, |mut xml| {
                    for (_, _, _, placeholder, value, _) in NON_FINITE_CELLS {
                        let text = if value.is_nan() {
                            "NaN"
                        } else if value > 0.0 {
                            "1e999"
                        } else {
                            "-1e999"
                        };
                        let from = format!("<v>{placeholder}</v>");
                        replaced.set(replaced.get() + xml.matches(&from).count());
                        xml = xml.replace(&from, &format!("<v>{text}</v>"));
                    }
                    xml
                });
            }
            assert_eq!(
                replaced.get(),
                NON_FINITE_CELLS.len(),
                "placeholders replaced"
            );
        }
        kitap_dev::sheetwrite::Format::Ods => unreachable!("not used"),
    }
    bytes
}

/// A cell holding NaN or ±∞ (a broken or crafted file can store one) is a D001 at its cell, in
/// any column, read in this process or in a reader process alike: not a lost workbook (the
/// reader's answer once carried NaN as JSON `null`, and the file became a Y004).
#[test]
fn a_non_finite_number_is_a_d001_at_its_cell_not_a_lost_file() {
    for (format, ext) in [
        (kitap_dev::sheetwrite::Format::Xls, "xls"),
        (kitap_dev::sheetwrite::Format::Xlsx, "xlsx"),
    ] {
        let p = TestProject::valid(&format!("non-finite-{ext}"));
        std::fs::remove_file(p.path("birimler/fen-isleri.xlsx")).expect("remove");
        let file = format!("birimler/fen-isleri.{ext}");
        p.write_bytes(&file, &non_finite_workbook(format));
        let in_process = p.check();
        let isolated = pipeline::check_with(
            &p.dir,
            &Options::default(),
            &IsolatedReader::new(kitap_bin()),
        )
        .expect("isolated");
        assert_eq!(in_process.report, isolated.report, "{ext}");
        assert_eq!(in_process.model, isolated.model, "{ext}");
        let c = isolated;
        assert!(
            findings(&c, Code::Y004).is_empty(),
            "{ext}: {:#?}",
            findings(&c, Code::Y004)
        );
        let d001 = findings(&c, Code::D001);
        assert_eq!(d001.len(), NON_FINITE_CELLS.len(), "{ext}: {d001:#?}");
        for (name, row, col, _, _, quoted) in NON_FINITE_CELLS {
            let a1 = kitap::text::a1(row, col);
            let f = d001
                .iter()
                .find(|f| {
                    f.sheet.as_deref() == Some(name) && f.cell.as_deref() == Some(a1.as_str())
                })
                .unwrap_or_else(|| panic!("{ext}: no D001 at {name}!{a1}: {d001:#?}"));
            assert_eq!(f.file.as_deref(), Some(file.as_str()));
            assert_eq!(f.severity, kitap::finding::Severity::Error);
            assert!(
                f.message.contains(quoted) && f.message.contains("geçerli bir sayı değil"),
                "{ext}: {}",
                f.message
            );
        }
        // The D001 explains the cell: no D007 ("boş") beside it.
        assert!(
            findings(&c, Code::D007).is_empty(),
            "{ext}: {:#?}",
            findings(&c, Code::D007)
        );
        assert_rows_balance(&c);
        let rejected = c
            .report
            .files
            .iter()
            .find(|f| f.file == file)
            .expect("listed")
            .rows_rejected;
        // Each of those rows is rejected (and PG1.1.1's realisations with it, D002).
        assert!(rejected >= NON_FINITE_CELLS.len(), "{ext}: {rejected}");
    }
}

/// The fuzzed file that found it (tests/fuzz-seeds/regressions/reader-xls-nan-number.xls: the
/// Fen İşleri seed with the upper half of one BIFF NUMBER record set to FF FF FF FF, which
/// makes the year 2025 of Gerçekleşmeler!B2 a NaN) is read, with a D001 at that cell.
#[test]
fn the_fuzzed_nan_year_is_a_d001_at_its_cell() {
    let p = TestProject::valid("non-finite-fuzzed");
    std::fs::remove_file(p.path("birimler/fen-isleri.xlsx")).expect("remove");
    let regression = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-seeds/regressions/reader-xls-nan-number.xls");
    p.write_bytes(
        "birimler/fen-isleri.xls",
        &std::fs::read(regression).expect("regression file"),
    );
    let c = pipeline::check_with(
        &p.dir,
        &Options::default(),
        &IsolatedReader::new(kitap_bin()),
    )
    .expect("isolated");
    assert!(
        findings(&c, Code::Y004).is_empty(),
        "{:#?}",
        findings(&c, Code::Y004)
    );
    let f = one(&c, Code::D001);
    assert_at(
        f,
        "birimler/fen-isleri.xls",
        Some("Gerçekleşmeler"),
        Some("B2"),
    );
    assert_eq!(f.item.as_deref(), Some("PG1.1.1"));
    assert!(
        f.message.contains("“Yıl”") && f.message.contains("“NaN”"),
        "{}",
        f.message
    );
    assert!(
        findings(&c, Code::D004).is_empty(),
        "a NaN is no year to report as D004"
    );
    let file = c
        .report
        .files
        .iter()
        .find(|f| f.file == "birimler/fen-isleri.xls")
        .expect("listed");
    assert_eq!(file.rows_rejected, 1);
    assert_rows_balance(&c);
}
