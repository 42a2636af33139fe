//! Any text a directorate types reaches the book: emoji, Arabic, Hebrew, symbols, control
//! characters, characters no font has. Every book is still written; what cannot be printed is
//! reported at its cell (D010, D011) and printed as a visible replacement.

mod fuzzkit;
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
    pdftotext(path, &[])
}

/// `pdftotext` with extra options, whitespace runs made one space.
fn pdftotext(path: &Path, options: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(options)
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
    book: &mut kitap_dev::sheetwrite::WorkbookSpec,
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

/// The property of issue "any text reaches the book": cells (an activity name, an indicator
/// name, a Sapma Nedeni) and a hedef name in plan.yaml hold generated strings from all of
/// Unicode (every plane, controls, right-to-left scripts, emoji, CJK, combining marks,
/// unassigned code points). Then:
/// - `kitap derle` writes every book and exits 0;
/// - every character no font has (and that needs a glyph: not a space, a control or a
///   default-ignorable character) gives exactly one D010 at its place, naming its code point;
/// - every other character that needs a glyph, unless a D010 at its place names it (a mark
///   whose base comes from another font), is in the Faaliyet Raporu's PDF text, in order
///   (for a string with right-to-left characters, whose order in a PDF's text is visual, every
///   character is there): each string is written between two ASCII markers and the text
///   between the markers (NFKD, spaces and format characters left out on both sides) holds
///   the string's characters as a subsequence.
mod property {
    use super::*;

    use super::fuzzkit::{run, Property};
    use proptest::prelude::*;
    use typst::text::is_default_ignorable;
    use unicode_normalization::UnicodeNormalization;

    /// One character from everywhere a cell can draw from.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => any::<char>(),
            2 => proptest::char::range('a', 'z'),
            1 => proptest::sample::select("çğıöşüÇĞİÖŞÜ ".chars().collect::<Vec<_>>()),
            1 => proptest::char::range('\u{0}', '\u{1f}'),
            1 => proptest::char::range('\u{7f}', '\u{9f}'),
            2 => proptest::char::range('\u{600}', '\u{6ff}'),
            1 => proptest::char::range('\u{590}', '\u{5ff}'),
            1 => proptest::char::range('\u{4e00}', '\u{9fff}'),
            2 => proptest::char::range('\u{1f300}', '\u{1faff}'),
            1 => proptest::char::range('\u{2190}', '\u{27bf}'),
            1 => proptest::char::range('\u{300}', '\u{36f}'),
            1 => proptest::char::range('\u{2000}', '\u{206f}'),
            1 => proptest::char::range('\u{e000}', '\u{f8ff}'),
            1 => proptest::char::range('\u{e0000}', '\u{e01ef}'),
        ]
    }

    fn any_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(any_char(), 0..14).prop_map(|v| v.into_iter().collect())
    }

    /// The marker pair of a place: strong left-to-right letters, so that no right-to-left run
    /// of the string moves them. A direction change (override, embedding, isolate) the string
    /// leaves open is closed before the closing marker (kitap closes it at the end of the cell's
    /// text, which here is after the marker).
    fn marked(tag: &str, s: &str) -> String {
        let mut open = 0;
        for c in s.chars() {
            match c {
                '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}' => {
                    open += 1
                }
                _ => {}
            }
        }
        // Closing every opener with both closers is safe: a closer with nothing to close is
        // ignored.
        let closers = "\u{202C}\u{2069}".repeat(open);
        format!("QX{tag}W{s}{closers}WX{tag}Q")
    }

    /// Characters that are compared: no spaces, controls or format characters; NFKD, as a PDF
    /// reader may give compatibility forms, and decomposed, so that a mark is compared alone
    /// whatever it sits on in the book (its letter, or the dotted circle).
    fn comparable(text: &str) -> Vec<char> {
        text.nfkd()
            .filter(|&c| !c.is_whitespace() && !c.is_control() && !is_default_ignorable(c))
            .collect()
    }

    fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
        let mut it = hay.iter();
        needle.iter().all(|c| it.any(|h| h == c))
    }

    /// A YAML double-quoted scalar of `s` on one line: every character but printable ASCII
    /// escaped (`\uXXXX`, `\UXXXXXXXX`).
    fn yaml_quoted(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                ' '..='~' => out.push(c),
                c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
            }
        }
        out.push('"');
        out
    }

    /// Whether some of the string may run right to left: right-to-left letters, or
    /// direction marks, embeddings, overrides and isolates.
    fn has_rtl(s: &str) -> bool {
        s.chars().any(|c| {
            matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
                | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
        })
    }

    #[derive(Debug)]
    struct Case {
        activity: String,
        indicator: String,
        reason: String,
        objective: String,
    }

    fn check_case(case: Case) -> Result<(), TestCaseError> {
        let fonts = kitap::typeset::FontLibrary::load(&[]);
        let p = TestProject::valid("any-text-property");
        let mut book = fen_isleri();
        let activity = marked("A", &case.activity);
        let indicator = marked("G", &case.indicator);
        let reason = marked("S", &case.reason);
        let objective = marked("H", &case.objective);
        set(&mut book, "Faaliyetler", 1, 2, &activity);
        set(&mut book, "Faaliyetler", 2, 2, &activity);
        set(&mut book, "Göstergeler", 1, 2, &indicator);
        set(&mut book, "Gerçekleşmeler", 3, 4, &reason);
        p.write("birimler/fen-isleri.xlsx", &book);
        let yaml_name = yaml_quoted(&objective);
        let back: Result<String, _> = serde_norway::from_str(&yaml_name);
        prop_assume!(
            back.as_ref().is_ok_and(|b| *b == objective),
            "YAML cannot carry {:?}",
            objective
        );
        let plan = PLAN.replace("ad: Yol ağını geliştirmek", &format!("ad: {yaml_name}"));
        std::fs::write(p.path("plan.yaml"), plan).expect("plan.yaml");

        let out = p.path("cikti");
        let run = derle(&p.dir, &out);
        let report: Value = serde_json::from_slice(&run.stdout).map_err(|e| {
            TestCaseError::fail(format!(
                "no JSON report ({e}): {}",
                String::from_utf8_lossy(&run.stderr)
            ))
        })?;
        prop_assert_eq!(
            run.status.code(),
            Some(0),
            "stderr: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        for b in BOOKS {
            prop_assert!(out.join(b).is_file(), "{b} was not written");
        }
        // The report's text in the order the PDF draws it (`-raw`: a table cell's lines one
        // after the other, where pdftotext's reading order may put a cell's second line
        // first), without spaces and format characters: a string broken over lines in a
        // narrow column reads on.
        let fr: String = pdftotext(&out.join(BOOKS[2]), &["-raw"])
            .chars()
            .filter(|&c| !c.is_whitespace() && !is_default_ignorable(c))
            .collect();
        // (marker, the generated string, file, cell)
        let places = [
            ("A", &case.activity, "birimler/fen-isleri.xlsx", Some("C2")),
            ("G", &case.indicator, "birimler/fen-isleri.xlsx", Some("C2")),
            ("S", &case.reason, "birimler/fen-isleri.xlsx", Some("E4")),
            ("H", &case.objective, "plan.yaml", None),
        ];
        let sheets = ["Faaliyetler", "Göstergeler", "Gerçekleşmeler", ""];
        for ((tag, text, file, cell), sheet_name) in places.iter().zip(sheets) {
            let d010: Vec<&Value> = findings(&report)
                .iter()
                .filter(|f| {
                    f["kod"] == "D010"
                        && f["dosya"] == *file
                        && (sheet_name.is_empty() || f["sayfa"] == sheet_name)
                        && f["hucre"].as_str() == *cell
                })
                .collect();
            // The character a D010 is about: the first code point its message names after the
            // quoted text («…»).
            let named = |c: char| {
                let needle = format!("(U+{:04X})", u32::from(c));
                d010.iter()
                    .filter(|f| {
                        let m = f["mesaj"].as_str().unwrap_or("");
                        let after = m.rfind("» metnindeki").map_or(m, |i| &m[i..]);
                        after
                            .find("(U+")
                            .is_some_and(|i| after[i..].starts_with(&needle))
                    })
                    .count()
            };
            let needs_glyph =
                |c: char| !c.is_whitespace() && !c.is_control() && !is_default_ignorable(c);
            let mut expected = String::new();
            let mut seen = std::collections::BTreeSet::new();
            for c in text.chars().filter(|&c| needs_glyph(c)) {
                if !fonts.covers(c) {
                    if seen.insert(c) {
                        prop_assert_eq!(
                            named(c),
                            1,
                            "{}: D010 for {:?} in {:?}: {:#?}",
                            tag,
                            c,
                            text,
                            d010
                        );
                    }
                } else if named(c) == 0 {
                    expected.push(c);
                }
            }
            // The printed string between its markers.
            let open = format!("QX{tag}W");
            let close = format!("WX{tag}Q");
            let printed: Vec<&str> = fr
                .match_indices(&open)
                .filter_map(|(i, _)| {
                    let rest = &fr[i + open.len()..];
                    rest.find(&close).map(|j| &rest[..j])
                })
                .collect();
            prop_assert!(!printed.is_empty(), "{tag}: {text:?} is not in the report");
            let want = comparable(&expected);
            let inner_ok = |inner: &str| {
                let got = comparable(inner);
                if has_rtl(text) {
                    let mut pool = got.clone();
                    want.iter().all(|c| match pool.iter().position(|g| g == c) {
                        Some(k) => {
                            pool.remove(k);
                            true
                        }
                        None => false,
                    })
                } else {
                    is_subsequence(&want, &got)
                }
            };
            prop_assert!(
                printed.iter().any(|inner| inner_ok(inner)),
                "{tag}: {text:?} should print {expected:?}; the PDF has {printed:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn any_unicode_in_cells_and_plan_yaml_reaches_the_books() {
        let prop = Property {
            name: "any_text/any_unicode_reaches_the_books",
            normal_cases: 24,
            batch_cases: 4,
            share_of: 1,
        };
        let strategy = (any_text(), any_text(), any_text(), any_text()).prop_map(
            |(activity, indicator, reason, objective)| Case {
                activity,
                indicator,
                reason,
                objective,
            },
        );
        run(prop, strategy, check_case);
    }
}

/// Every string that made Typst 0.15.1 panic (`tests/fuzz-seeds/regressions/typst-panic-*.txt`,
/// found by the escape fuzz target) in a cell: the books are written, exit 0.
#[test]
fn typst_panic_inputs_in_cells_produce_the_books() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-seeds/regressions");
    let mut inputs: Vec<String> = std::fs::read_dir(&dir)
        .expect("regressions folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("typst-panic-") && n.ends_with(".txt"))
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("regression string");
            text.strip_suffix('\n').unwrap_or(&text).to_string()
        })
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 5, "{inputs:?}");
    let p = TestProject::valid("any-text-panics");
    let mut book = fen_isleri();
    // The activity name (both years of F1.1.1), the indicator names, a Sapma Nedeni and the
    // activities' Açıklama: each input in at least one place.
    let cells = [
        ("Göstergeler", 1, 2),
        ("Göstergeler", 2, 2),
        ("Gerçekleşmeler", 3, 4),
        ("Faaliyetler", 1, 9),
        ("Faaliyetler", 2, 9),
    ];
    for (k, &(name, row, col)) in cells.iter().enumerate() {
        set(&mut book, name, row, col, &inputs[(k + 1) % inputs.len()]);
    }
    set(&mut book, "Faaliyetler", 1, 2, &inputs[0]);
    set(&mut book, "Faaliyetler", 2, 2, &inputs[0]);
    p.write("birimler/fen-isleri.xlsx", &book);
    let out = p.path("cikti");
    let run = derle(&p.dir, &out);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for b in BOOKS {
        assert!(out.join(b).is_file(), "{b}");
    }
}
