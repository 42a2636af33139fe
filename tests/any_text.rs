//! Any text a directorate types reaches the book: emoji, Arabic, Hebrew, symbols, control
//! characters, characters no font has. Every book is still written; what cannot be printed is
//! reported at its cell (D010, D011) and printed as a visible replacement.

mod kit;

use std::path::Path;
use std::process::{Command, Output};

use kit::*;
use kitap::finding::Code;
use serde_json::Value;

const BOOKS: [&str; 3] = [
    "stratejik-plan-2025-2029.pdf",
    "performans-programi-2026.pdf",
    "faaliyet-raporu-2025.pdf",
];

fn derle(project: &Path, out: &Path) -> Output {
    Command::new(kitap_bin())
        .arg("derle")
        .arg(project)
        .arg("-o")
        .arg(out)
        .arg("--json")
        .output()
        .expect("kitap runs")
}

/// The PDF's text as poppler's pdftotext reads it (it honours ActualText and orders
/// right-to-left runs logically); whitespace runs become one space.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn findings(report: &Value) -> &Vec<Value> {
    report["bulgular"].as_array().expect("bulgular")
}

/// Sets one cell of a sheet of the Fen İşleri workbook.
fn set(
    book: &mut kitap::sheetwrite::WorkbookSpec,
    sheet_name: &str,
    row: u32,
    col: u32,
    text: &str,
) {
    sheet(book, sheet_name).set(row, col, text);
}

#[test]
fn pasted_emoji_arabic_hebrew_and_symbols_print_as_typed_in_final_books() {
    let p = TestProject::valid("any-text-scripts");
    let mut book = fen_isleri();
    // Faaliyetler: C2 (2025) and C3 (2026) are the activity name of F1.1.1.
    set(&mut book, "Faaliyetler", 1, 2, "🎉 Fidan dikimi");
    set(&mut book, "Faaliyetler", 2, 2, "🎉 Fidan dikimi");
    // Göstergeler C2: the name of PG1.1.1; C3 the name of PG1.1.2.
    set(&mut book, "Göstergeler", 1, 2, "مرحبا بكم");
    set(&mut book, "Göstergeler", 2, 2, "✓ ☑ ① ≥ ≤ → ₺ ² ½");
    // Gerçekleşmeler E4: the Sapma Nedeni of PG1.1.2's Yıl Sonu.
    set(&mut book, "Gerçekleşmeler", 3, 4, "שלום");
    p.write("birimler/fen-isleri.xlsx", &book);

    let out = p.path("cikti");
    let run = derle(&p.dir, &out);
    let report: Value = serde_json::from_slice(&run.stdout).expect("JSON report");
    assert_eq!(
        run.status.code(),
        Some(0),
        "stderr: {}\nfindings: {:#}",
        String::from_utf8_lossy(&run.stderr),
        report["bulgular"]
    );
    let unexpected: Vec<&Value> = findings(&report)
        .iter()
        // The test project has no narrative chapters (Y010).
        .filter(|f| f["seviye"] != "bilgi" && f["kod"] != "Y010")
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    let texts: Vec<String> = BOOKS.iter().map(|b| pdf_text(&out.join(b))).collect();
    for (name, text) in BOOKS.iter().zip(&texts) {
        assert!(!text.contains("TASLAK"), "{name} is a draft");
    }
    let (plan, program, report_book) = (&texts[0], &texts[1], &texts[2]);
    // Indicator names are in all three books; activity names in the program and the report.
    for s in ["مرحبا بكم", "✓ ☑ ① ≥ ≤ → ₺ ² ½"] {
        for (name, text) in BOOKS.iter().zip(&texts) {
            assert!(text.contains(s), "{name} lacks {s:?}");
        }
    }
    for text in [program, report_book] {
        assert!(text.contains("🎉 Fidan dikimi"), "an activity name");
    }
    assert!(report_book.contains("שלום"), "the Sapma Nedeni");
    assert!(plan.contains("Yol ağını geliştirmek"));
}

#[test]
fn characters_no_font_has_are_reported_at_their_cell_and_replaced() {
    let p = TestProject::valid("any-text-d010");
    let mut book = fen_isleri();
    set(&mut book, "Faaliyetler", 1, 2, "Asfalt 漢字 serimi\u{E000}");
    set(&mut book, "Faaliyetler", 2, 2, "Asfalt 漢字 serimi\u{E000}");
    // Written as Excel does, `_x0007_` in the .xlsx.
    set(&mut book, "Göstergeler", 1, 2, "Yol\u{7} uzunluğu\u{1B}");
    p.write("birimler/fen-isleri.xlsx", &book);
    std::fs::write(
        p.path("plan.yaml"),
        PLAN.replace(
            "ad: Yol ağını geliştirmek",
            "ad: \"Yol ağını 𓀀 geliştirmek\"",
        ),
    )
    .expect("plan.yaml");

    let out = p.path("cikti");
    let run = derle(&p.dir, &out);
    let report: Value = serde_json::from_slice(&run.stdout).expect("JSON report");
    assert_eq!(run.status.code(), Some(0), "{:#}", report["bulgular"]);
    let of = |code: &str| -> Vec<&Value> {
        findings(&report)
            .iter()
            .filter(|f| f["kod"] == code)
            .collect()
    };
    let d010 = of("D010");
    let places: Vec<(String, String, String)> = d010
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("dosya"), s("hucre"), s("mesaj"))
        })
        .collect();
    // One finding per character and cell: 漢, 字 and U+E000 in C2 and C3, the hieroglyph in
    // plan.yaml.
    for cell in ["C2", "C3"] {
        for c in ["“漢” (U+6F22)", "“字” (U+5B57)", "(U+E000)"] {
            let n = places
                .iter()
                .filter(|(f, h, m)| f == "birimler/fen-isleri.xlsx" && h == cell && m.contains(c))
                .count();
            assert_eq!(n, 1, "{c} at {cell}: {places:#?}");
        }
    }
    let in_plan: Vec<_> = places.iter().filter(|(f, _, _)| f == "plan.yaml").collect();
    assert_eq!(in_plan.len(), 1, "{places:#?}");
    assert!(in_plan[0].1.is_empty(), "no cell in plan.yaml");
    assert!(
        in_plan[0].2.contains("(U+13000)") && in_plan[0].2.contains("amaclar[0].hedefler[0].ad")
    );
    assert!(in_plan[0].2.contains("fonts/"), "says how to add a font");
    assert_eq!(d010.len(), 7, "{places:#?}");
    for f in &d010 {
        assert_eq!(f["seviye"], "uyari");
    }
    // Control characters: removed, one D011 each, at Göstergeler C2.
    let d011 = of("D011");
    assert_eq!(d011.len(), 2, "{d011:#?}");
    for f in &d011 {
        assert_eq!(f["hucre"], "C2");
        assert_eq!(f["sayfa"], "Göstergeler");
    }
    // The books are written, final (warnings only), with the replacement where it was.
    let texts: Vec<String> = BOOKS.iter().map(|b| pdf_text(&out.join(b))).collect();
    assert!(texts[0].contains("Yol ağını � geliştirmek"), "{}", texts[0]);
    assert!(texts[1].contains("Asfalt �� serimi�"));
    assert!(texts[2].contains("Yol uzunluğu"));
    for t in &texts {
        assert!(!t.contains("TASLAK"));
    }
}

#[test]
fn denetle_reports_the_same_text_findings() {
    let p = TestProject::valid("any-text-denetle");
    let mut book = fen_isleri();
    set(&mut book, "Faaliyetler", 1, 2, "Ağaç \u{E000}");
    p.write("birimler/fen-isleri.xlsx", &book);
    let checked = p.check();
    let f = one(&checked, Code::D010);
    assert_at(
        f,
        "birimler/fen-isleri.xlsx",
        Some("Faaliyetler"),
        Some("C2"),
    );
    assert_eq!(f.item.as_deref(), Some("F1.1.1"));
    assert_eq!(f.directorate.as_deref(), Some("Fen İşleri Müdürlüğü"));
}
