//! Marked workbooks (`<output>/isaretli/`): on a project with one planted finding per
//! cell-level code, spread over an `.xlsx`, an `.ods` and an `.xls` workbook, `kitap denetle`
//! writes for each workbook a marked `.xlsx` that opens with calamine, has a comment on exactly
//! the cells the findings name (and no other), keeps every original cell value, and starts with
//! a "Bulgular" sheet linking to the cells; the HTML pages link to it. With LibreOffice
//! installed, each copy also converts to CSV. A workbook that cannot be marked leaves no file.

mod kit;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook_auto, Data, Reader};
use kit::*;
use kitap::finding::{CellRef, Code, Finding};
use kitap::ingest::IsolatedReader;

const FEN_FILE: &str = "fen-isleri.xlsx";
const ZABITA_FILE: &str = "zabita.ods";
const PARK_FILE: &str = "park.xls";

/// One planted problem per code, each in a cell of one of three workbooks of three formats.
fn planted() -> ProjectSpec {
    let mut p = ProjectSpec::valid();
    p.book("zabita.xlsx").file = ZABITA_FILE.to_string();
    p.add_directorate(PARK, PARK_FILE);

    let fen = p.book(FEN_FILE);
    fen.indicator("PG1.1.1").baseline = None; // G001 at G2
    fen.indicator("PG1.1.2").baseline = num(150.0); // G004 at G3
    fen.activity("F1.1.1", 2025).spent = None; // B003 at H2
    fen.activity("F1.1.1", 2026).budget = text("yüz yirmi bin"); // D001

    let zabita = p.book(ZABITA_FILE);
    zabita.actual("PG1.2.1", "Yıl Sonu").value = num(11.0); // R002 at E3
    zabita.budget_line(2025, "03").spent = num(250_000.0); // B002 at E2
    zabita.actual("PG1.2.2", "Yıl Sonu").year = 2040; // D004
    zabita.activity("F1.2.1", 2025).status = text("Belki"); // D005
    let revenue = p.finance().revenue.as_mut().expect("revenue");
    revenue[0].collected = num(500_000.0); // M004: 50 % without Açıklama

    let park = p.book(PARK_FILE);
    park.indicator("PG1.3.1").weight = num(0.0); // G007
    park.indicator("PG1.3.2").weight = num(100.0);
    park.indicator("PG1.3.2").targets = [55.0, 40.0, 35.0, 30.0, 25.0].map(num); // G003
    park.indicator("PG1.3.1").targets[2] = None; // G002
    park.activity("F1.3.1", 2025).status = None; // B003 at I2
    p
}

/// A cell's value, numbers compared as numbers whatever type the reader gave them.
fn value(d: &Data) -> Option<String> {
    match d {
        Data::Empty => None,
        Data::Int(i) => Some(format!("n:{}", *i as f64)),
        Data::Float(f) => Some(format!("n:{f}")),
        Data::String(s) => Some(format!("s:{s}")),
        Data::Bool(b) => Some(format!("b:{b}")),
        other => Some(format!("o:{other}")),
    }
}

/// Every non-empty cell of every sheet: sheet → (row, col) → value.
fn cells(path: &Path) -> BTreeMap<String, BTreeMap<(u32, u32), String>> {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
        let mut sheet = BTreeMap::new();
        if let Some((r0, c0)) = range.start() {
            for (r, c, d) in range.cells() {
                if let Some(v) = value(d) {
                    sheet.insert((r0 + r as u32, c0 + c as u32), v);
                }
            }
        }
        out.insert(name, sheet);
    }
    out
}

/// A finding at a cell as the JSON report gives it: sheet, cell, other cells, code.
type Placed = (String, String, Vec<String>, String);

fn a1_to_pos(a1: &str) -> (u32, u32) {
    let split = a1.find(|c: char| c.is_ascii_digit()).expect("row");
    let col = a1[..split]
        .chars()
        .fold(0u32, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1));
    let row: u32 = a1[split..].parse().expect("row number");
    (row - 1, col - 1)
}

#[test]
fn every_finding_cell_is_marked_and_every_value_kept() {
    let spec = planted();
    let project = TestProject::folder("isaretli");
    spec.write(&project);
    let out = project.path("cikti");
    let o = Command::new(kitap_bin())
        .arg("denetle")
        .arg(project.path(""))
        .arg("--json")
        .arg("-o")
        .arg(&out)
        .output()
        .expect("kitap runs");
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");

    // The findings at cells, by file: (sheet, cell, other cells, code).
    let mut by_file: BTreeMap<String, Vec<Placed>> = BTreeMap::new();
    for b in report["bulgular"].as_array().expect("bulgular") {
        let (Some(file), Some(sheet), Some(cell)) = (
            b["dosya"].as_str(),
            b["sayfa"].as_str(),
            b["hucre"].as_str(),
        ) else {
            continue;
        };
        let others = b["diger_hucreler"]
            .as_array()
            .expect("diger_hucreler")
            .iter()
            .map(|c| c.as_str().expect("cell").to_string())
            .collect();
        by_file.entry(file.to_string()).or_default().push((
            sheet.to_string(),
            cell.to_string(),
            others,
            b["kod"].as_str().expect("kod").to_string(),
        ));
    }
    let codes: BTreeSet<&str> = by_file
        .values()
        .flatten()
        .map(|(_, _, _, code)| code.as_str())
        .collect();
    for code in [
        "G001", "G002", "G003", "G004", "G007", "B002", "B003", "R002", "M004", "D001", "D004",
        "D005",
    ] {
        assert!(codes.contains(code), "{code} not planted: {by_file:#?}");
    }
    assert_eq!(
        by_file.keys().cloned().collect::<Vec<_>>(),
        [FEN_FILE, PARK_FILE, ZABITA_FILE].map(rel),
        "{by_file:#?}"
    );

    let mut marked_files = Vec::new();
    for (file, findings) in &by_file {
        let stem = Path::new(file).file_stem().expect("stem").to_string_lossy();
        let marked = out.join(format!("isaretli/{stem}.xlsx"));
        assert!(marked.is_file(), "{} missing", marked.display());
        marked_files.push(marked.clone());

        // Every original value is kept, on a sheet of the same name.
        let original = cells(&project.path(file));
        let copy = cells(&marked);
        for (sheet, values) in &original {
            let kept = copy
                .get(sheet)
                .unwrap_or_else(|| panic!("{file}: sheet {sheet} lost"));
            for (pos, v) in values {
                assert_eq!(kept.get(pos), Some(v), "{file} › {sheet} › {pos:?}");
            }
        }

        // The first sheet lists the findings, one row each, the cell linked.
        let book = umya_spreadsheet::reader::xlsx::read(&marked).expect("umya reads it");
        let first = book.get_sheet(&0).expect("a first sheet");
        assert_eq!(first.get_name(), "Bulgular", "{file}");
        assert_eq!(
            first.get_highest_row(),
            findings.len() as u32 + 1,
            "{file}: one row per finding"
        );
        for row in 2..=findings.len() as u32 + 1 {
            let cell = first.get_cell((4, row)).expect("Hücre cell");
            let link = cell.get_hyperlink().expect("a link");
            assert!(*link.get_location(), "{file}: row {row}");
            let sheet = first.get_value((3, row));
            // umya-spreadsheet hands the attribute back as stored, XML-escaped.
            let target = link.get_url().replace("&apos;", "'").replace("&amp;", "&");
            assert_eq!(
                target,
                format!("'{sheet}'!{}", cell.get_value()),
                "{file}: row {row}"
            );
            let message = first.get_value((5, row));
            assert!(message.contains("ayrıntı: kitap acikla "), "{message}");
        }

        // A comment on exactly the findings' cells, each filled.
        let mut expected: BTreeMap<&str, BTreeSet<(u32, u32)>> = BTreeMap::new();
        for (sheet, cell, others, _) in findings {
            let set = expected.entry(sheet.as_str()).or_default();
            set.insert(a1_to_pos(cell));
            set.extend(others.iter().map(|c| a1_to_pos(c)));
        }
        for ws in book.get_sheet_collection() {
            let got: BTreeSet<(u32, u32)> = ws
                .get_comments()
                .iter()
                .map(|c| {
                    let at = c.get_coordinate();
                    (*at.get_row_num() - 1, *at.get_col_num() - 1)
                })
                .collect();
            let want = expected.get(ws.get_name()).cloned().unwrap_or_default();
            assert_eq!(got, want, "{file} › {}", ws.get_name());
            for (row, col) in &want {
                let style = ws.get_style((col + 1, row + 1));
                assert!(
                    style.get_background_color().is_some(),
                    "{file} › {} › {row},{col} not filled",
                    ws.get_name()
                );
            }
        }
        // The comments as stored: every one says where to read more.
        let mut zip =
            zip::ZipArchive::new(std::fs::File::open(&marked).expect("open")).expect("a zip");
        let mut stored = 0;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).expect("entry");
            if !entry.name().expect("name").starts_with("xl/comments") {
                continue;
            }
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut entry, &mut xml).expect("utf-8");
            for comment in xml.split("<comment ").skip(1) {
                stored += 1;
                assert!(comment.contains("ayrıntı: kitap acikla "), "{comment}");
            }
        }
        assert_eq!(
            stored,
            expected.values().map(BTreeSet::len).sum::<usize>(),
            "{file}"
        );
    }

    // The HTML pages link each directorate to its marked workbook.
    let links = |page: &str| -> Vec<String> {
        let html = std::fs::read_to_string(out.join(page)).expect(page);
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("ul.isaretli a").expect("selector");
        doc.select(&sel)
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect()
    };
    assert_eq!(
        links("denetim-raporu.html"),
        [
            "isaretli/fen-isleri.xlsx",
            "isaretli/zabita.xlsx",
            "isaretli/park.xlsx"
        ]
    );
    assert_eq!(
        links("birimler/fen-isleri-mudurlugu.html"),
        ["../isaretli/fen-isleri.xlsx"]
    );
    assert_eq!(
        links("birimler/park-ve-bahceler-mudurlugu.html"),
        ["../isaretli/park.xlsx"]
    );

    // LibreOffice opens each copy, where it is installed: every sheet to CSV (UTF-8, raw
    // values), the Bulgular sheet first in the file, every original text and whole number on
    // its sheet.
    match which("soffice") {
        None => eprintln!(
            "LibreOffice (soffice) is not installed: the marked workbooks are not converted with it"
        ),
        Some(soffice) => {
            let csv = project.path("csv");
            for (file, marked) in by_file.keys().zip(&marked_files) {
                let o = Command::new(&soffice)
                    .arg("--headless")
                    .arg(format!(
                        "-env:UserInstallation=file://{}",
                        project.path("lo-profile").display()
                    ))
                    .arg("--convert-to")
                    .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
                    .arg("--outdir")
                    .arg(&csv)
                    .arg(marked)
                    .output()
                    .expect("soffice runs");
                let stem = marked.file_stem().expect("stem").to_string_lossy();
                let sheet_csv = |sheet: &str| {
                    std::fs::read_to_string(csv.join(format!("{stem}-{sheet}.csv"))).unwrap_or_else(
                        |e| {
                            panic!(
                                "{stem}-{sheet}: {e}: {}",
                                String::from_utf8_lossy(&o.stderr)
                            )
                        },
                    )
                };
                let findings = sheet_csv("Bulgular");
                assert!(
                    findings.starts_with("Kod,Seviye,Sayfa,Hücre,Mesaj"),
                    "{findings}"
                );
                for (_, cell, _, code) in &by_file[file] {
                    assert!(
                        findings.contains(&format!(",{cell},")),
                        "{cell}: {findings}"
                    );
                    assert!(findings.contains(code.as_str()), "{code}: {findings}");
                }
                for (sheet, values) in cells(&project.path(file)) {
                    let text = sheet_csv(&sheet);
                    for v in values.values() {
                        let expected = if let Some(t) = v.strip_prefix("s:") {
                            t.replace('"', "\"\"")
                        } else if let Some(n) = v.strip_prefix("n:") {
                            let n: f64 = n.parse().expect("number");
                            if n.fract() != 0.0 {
                                continue;
                            }
                            format!("{}", n as i64)
                        } else {
                            continue;
                        };
                        assert!(
                            text.contains(&expected),
                            "{file} › {sheet}: {expected} not in\n{text}"
                        );
                    }
                }
            }
        }
    }

    // A clerk may fix the marked copy and send it back: read again, it gives the same findings
    // at the same cells; its Bulgular sheet is only a sheet kitap does not use (Y001, bilgi).
    let fen = rel(FEN_FILE);
    std::fs::copy(out.join("isaretli/fen-isleri.xlsx"), project.path(&fen)).expect("copy");
    let o = Command::new(kitap_bin())
        .arg("denetle")
        .arg(project.path(""))
        .arg("--json")
        .arg("-o")
        .arg(project.path("cikti-2"))
        .output()
        .expect("kitap runs");
    let again: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let mut back: Vec<Placed> = Vec::new();
    let mut unused = Vec::new();
    for b in again["bulgular"].as_array().expect("bulgular") {
        if b["dosya"].as_str() != Some(fen.as_str()) {
            continue;
        }
        if b["kod"] == "Y001" {
            unused.push(b["sayfa"].as_str().expect("sayfa").to_string());
            continue;
        }
        if let (Some(sheet), Some(cell)) = (b["sayfa"].as_str(), b["hucre"].as_str()) {
            let others = b["diger_hucreler"]
                .as_array()
                .expect("diger_hucreler")
                .iter()
                .map(|c| c.as_str().expect("cell").to_string())
                .collect();
            back.push((
                sheet.to_string(),
                cell.to_string(),
                others,
                b["kod"].as_str().expect("kod").to_string(),
            ));
        }
    }
    assert_eq!(&back, &by_file[&fen]);
    assert_eq!(unused, ["Bulgular"]);

    // A second check after the workbooks are fixed removes the old marked copies.
    let mut fixed = ProjectSpec::valid();
    fixed.book("zabita.xlsx").file = ZABITA_FILE.to_string();
    fixed.add_directorate(PARK, PARK_FILE);
    std::fs::remove_dir_all(project.path("birimler")).expect("clear");
    fixed.write(&project);
    let o = Command::new(kitap_bin())
        .arg("denetle")
        .arg(project.path(""))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("kitap runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let left: Vec<_> = std::fs::read_dir(out.join("isaretli"))
        .expect("isaretli")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

#[test]
fn a_workbook_that_cannot_be_marked_leaves_a_line_and_no_file() {
    let project = TestProject::empty("isaretlenemez");
    // A zip that is no workbook: calamine and umya-spreadsheet both refuse it.
    project.write_bytes("birimler/bozuk.xlsx", b"PK\x03\x04 not a workbook at all");
    let loaded = kitap::pipeline::load(&project.path(""), &Default::default()).expect("project");
    let finding = Finding::new(Code::D001, "Bir sayı olmalı.")
        .at(&CellRef::new("birimler/bozuk.xlsx", "Göstergeler", 1, 6))
        .directorate(Some(FEN));
    let out = project.path("cikti");
    // A copy from an earlier run, when the workbook could still be marked, goes too.
    std::fs::create_dir_all(out.join("isaretli")).expect("mkdir");
    std::fs::write(out.join("isaretli/bozuk.xlsx"), b"an earlier copy").expect("write");
    let reader = IsolatedReader::new(kitap_bin());
    let outcomes = kitap::mark::mark_all(&loaded, &[finding], &out, &reader);
    assert_eq!(outcomes.len(), 1, "{outcomes:?}");
    let o = &outcomes[0];
    assert_eq!(o.file, "birimler/bozuk.xlsx");
    assert_eq!(o.marked, None);
    let why = o.failure.as_deref().expect("a reason");
    assert!(why.contains("açılamadı") || why.contains("bozuk"), "{why}");
    let left: Vec<_> = std::fs::read_dir(out.join("isaretli"))
        .expect("isaretli")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_xlsx_copy_keeps_formulas_formats_and_other_notes() {
    use rust_xlsxwriter::{Format, Formula, Note, Workbook};
    let project = TestProject::empty("isaretli-korur");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Göstergeler").expect("name");
    ws.write_string(0, 0, "Gösterge Kodu").expect("write");
    ws.write_number_with_format(1, 6, 150.0, &Format::new().set_bold())
        .expect("write");
    ws.write_number(1, 7, 12.0).expect("write");
    ws.write_formula(1, 8, Formula::new("=H2*2"))
        .expect("write");
    ws.insert_note(0, 0, &Note::new("Müdürlüğün kendi notu"))
        .expect("note");
    ws.set_column_width(2, 40).expect("width");
    book.save(project.path("birimler/fen.xlsx")).expect("save");

    let loaded = kitap::pipeline::load(&project.path(""), &Default::default()).expect("project");
    let finding = Finding::new(Code::G004, "Yüzde 0 ile 100 arasında olmalı.")
        .at(&CellRef::new("birimler/fen.xlsx", "Göstergeler", 1, 6))
        .directorate(Some(FEN));
    let out = project.path("cikti");
    let reader = IsolatedReader::new(kitap_bin());
    let outcomes = kitap::mark::mark_all(&loaded, &[finding], &out, &reader);
    assert_eq!(outcomes[0].failure, None, "{outcomes:?}");

    let marked = umya_spreadsheet::reader::xlsx::read(out.join("isaretli/fen.xlsx"))
        .expect("the copy reads");
    let names: Vec<&str> = marked
        .get_sheet_collection()
        .iter()
        .map(|s| s.get_name())
        .collect();
    assert_eq!(names, ["Bulgular", "Göstergeler"]);
    let ws = marked.get_sheet_by_name("Göstergeler").expect("sheet");
    assert_eq!(ws.get_cell("I2").expect("I2").get_formula(), "H2*2");
    let g2 = ws.get_style("G2");
    assert!(g2.get_font().expect("font").get_bold(), "the bold is kept");
    assert!(g2.get_background_color().is_some(), "G2 is filled");
    let noted: BTreeSet<(u32, u32)> = ws
        .get_comments()
        .iter()
        .map(|c| {
            let at = c.get_coordinate();
            (*at.get_col_num(), *at.get_row_num())
        })
        .collect();
    assert_eq!(
        noted,
        BTreeSet::from([(1, 1), (7, 2)]),
        "A1's own note and G2's"
    );
    let width = ws
        .get_column_dimension("C")
        .map(|c| *c.get_width())
        .unwrap_or_default();
    assert!((width - 40.0).abs() < 1.0, "column C is {width} wide");
}

/// A project that replaced the tables' partial before marked workbooks existed (no macro
/// `isaretli_listesi`) still gets its report.
#[test]
fn an_older_partial_of_a_project_still_renders() {
    let mut p = ProjectSpec::valid();
    p.extra_files.push((
        "report-templates/partials/denetim-tablolari.html.j2".to_string(),
        "{% macro sayilar(s) %}{{ s.hata }} hata{% endmacro %}\n\
         {% macro ozet_tablosu(o) %}<p>{{ o.hata }}</p>{% endmacro %}\n\
         {% macro dosya_tablosu(d) %}<p>{{ d|length }} dosya</p>{% endmacro %}\n\
         {% macro bulgu_tablosu(b) %}<p>{{ b|length }} bulgu</p>{% endmacro %}\n"
            .to_string(),
    ));
    let run = p.check();
    let out = run.project.dir.join("cikti");
    kitap::pipeline::write_report(&run.checked, &out).expect("report written");
    let page = std::fs::read_to_string(out.join("denetim-raporu.html")).expect("page");
    assert!(page.contains("0 bulgu"), "{page}");
}
