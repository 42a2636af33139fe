//! The plan's monitoring books (spec/monitoring.md), read back from their PDFs: the İzleme
//! Raporu of each period of the bundled example with every hedef's rate recomputed here, the
//! Değerlendirme Raporu of a project with three plan years of realisations (a column pair per
//! year, a line chart per hedef, exactly the indicators outside the thresholds in Sapmalar),
//! a missing 1. İzleme value, same bytes twice, and `kaynak/` compiled on its own.

mod kit;

use std::collections::BTreeMap;
use std::path::Path;

use kit::*;
use kitap::books::Book;
use kitap::ingest::InProcessReader;
use kitap::model::{Direction, Model, Period};
use kitap::pipeline::{self, BuildOptions, Checked, Options};
use kitap::publish::Publisher;

/// A built book: its file name, its bytes, its text as pdf-extract reads it (normalised).
struct Made {
    file: String,
    pdf: Vec<u8>,
    text: String,
}

/// `kitap derle --kitap <books> [--donem] [--yil]` through `pipeline::build` into `out`.
fn build_into(
    dir: &Path,
    out: &Path,
    books: &[Book],
    period: Option<Period>,
    year: Option<i32>,
) -> (Checked, Vec<Made>) {
    let options = BuildOptions {
        check: Options {
            books: books.to_vec(),
            period,
            year,
        },
        out_dir: Some(out.to_path_buf()),
        ..BuildOptions::default()
    };
    let mut publisher = Publisher::new(dir);
    let build = pipeline::build(dir, &options, &InProcessReader, &mut publisher, &|_| {})
        .expect("the project builds");
    let built = build.built.expect("the books are made");
    let made = built
        .books
        .iter()
        .map(|b| {
            assert!(
                b.written,
                "{} was not written: {:?}",
                b.file, built.findings
            );
            let pdf = std::fs::read(out.join(&b.file)).expect("the PDF is there");
            let text = normalise(&pdf_extract::extract_text_from_mem(&pdf).expect("readable PDF"));
            Made {
                file: b.file.clone(),
                pdf,
                text,
            }
        })
        .collect();
    (build.checked, made)
}

// ---------------------------------------------------------------------------------------
// The rates, computed here from the model's values (spec/rules.md, spec/monitoring.md)

/// `O = (X − A) / (Y − A) × 100`, with the maintain rule when Y = A.
fn rate(direction: Direction, a: f64, y: f64, x: f64) -> f64 {
    let div = |p: f64, q: f64| if q == 0.0 { 0.0 } else { p / q };
    if y != a {
        return div(x - a, y - a) * 100.0;
    }
    let good = match direction {
        Direction::Increase => x >= y,
        Direction::Decrease => x <= y,
        Direction::Either => x == y,
    };
    if good {
        100.0
    } else if x < y {
        div(x, y) * 100.0
    } else {
        div(y, x) * 100.0
    }
}

/// An indicator's rate in a period of `year`: none when a value is missing.
fn indicator_rate(model: &Model, code: &str, year: i32, period: Period) -> Option<f64> {
    let i = model.indicators.iter().find(|i| i.code == code)?;
    let a = i.baseline.value?;
    let y = i.targets.get(&year)?.value?;
    let x = i
        .actuals
        .iter()
        .find(|v| v.year == year && v.period == period)?
        .value
        .value;
    Some(rate(i.direction.value, a, y, x))
}

/// A hedef's rate: `Σ min(O, 100) × w / 100` over its indicators; none when one is missing.
fn objective_rate(model: &Model, objective: &str, year: i32, period: Period) -> Option<f64> {
    let mut sum = 0.0;
    let mut any = false;
    for i in model
        .indicators
        .iter()
        .filter(|i| i.objective.value == objective)
    {
        sum += indicator_rate(model, &i.code, year, period)?.min(100.0) * i.weight.value / 100.0;
        any = true;
    }
    any.then_some(sum)
}

/// One decimal, half away from zero, Turkish style, thousands grouped (`1.234,5`).
fn shown(r: f64) -> String {
    let tenths = (r.abs() * 10.0 + 1e-6).round() as i64;
    let int = (tenths / 10).to_string();
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if r < 0.0 && tenths != 0 { "-" } else { "" };
    format!("{sign}{grouped},{}", tenths % 10)
}

/// The traffic-light word of a rate as printed.
fn word(r: Option<f64>) -> &'static str {
    match r.map(|r| {
        shown(r)
            .replace('.', "")
            .replace(',', ".")
            .parse::<f64>()
            .expect("a number")
    }) {
        None => "veri yok",
        Some(r) if r >= 100.0 => "Hedefte",
        Some(r) if r >= 75.0 => "Yakın",
        Some(_) => "Geride",
    }
}

// ---------------------------------------------------------------------------------------
// Acceptance 1: the example's İzleme Raporu of each period

#[test]
fn the_example_izleme_raporu_of_each_period_prints_every_hedefs_rate_and_word() {
    let out = tempfile::tempdir().expect("output folder");
    for (period, number) in [(Period::Interim, 1), (Period::YearEnd, 2)] {
        let (checked, made) = build_into(
            &example_dir(),
            out.path(),
            &[Book::Monitoring(period)],
            Some(period),
            None,
        );
        assert_eq!(made.len(), 1);
        let book = &made[0];
        assert_eq!(book.file, format!("izleme-raporu-2025-{number}.pdf"));
        let text = &book.text;
        assert!(text.contains("İZLEME RAPORU"), "the cover");
        assert!(!text.contains("Başkan Sunuşu"), "no Başkan Sunuşu");
        for chapter in [
            "I. Özet",
            "II. Hedef İzleme Tabloları",
            "III. Değerlendirme",
        ] {
            assert!(text.contains(chapter), "{chapter}");
        }
        let header = match period {
            Period::Interim => "Gerçekleşme Oranı (%, yıl hedefine göre)",
            Period::YearEnd => "Gerçekleşme Oranı (%)",
        };
        // Header cells hyphenate where narrow: compared without the hyphens.
        assert!(
            text.replace('-', "").contains(header),
            "the rate column says how it is measured"
        );
        let model = &checked.model;
        let mut computed = 0;
        for o in model.objectives() {
            let r = indicator_rate_all(model, &o.code, period);
            let expected = match r {
                Some(r) => {
                    computed += 1;
                    format!(
                        "{} hedefinin gerçekleşme oranı {} {}",
                        o.code,
                        shown(r),
                        word(Some(r))
                    )
                }
                None => format!("{} hedefinin gerçekleşme oranı veri yok veri yok", o.code),
            };
            assert!(
                text.contains(&expected),
                "period {number}: “{expected}” is not in the İzleme Raporu"
            );
        }
        // The example has rates to show in both periods, and words of more than one kind.
        assert!(computed >= 3, "period {number}: {computed} hedef rates");
    }
    assert!(out.path().join("izleme-raporu-2025-1.pdf").is_file());
    assert!(out.path().join("izleme-raporu-2025-2.pdf").is_file());
}

/// A hedef's rate in a period of the report year 2025.
fn indicator_rate_all(model: &Model, objective: &str, period: Period) -> Option<f64> {
    objective_rate(model, objective, 2025, period)
}

// ---------------------------------------------------------------------------------------
// Acceptance 2: three plan years

/// Two hedefs (H1.1 Fen İşleri, H1.2 Zabıta) with two indicators each (PG1.k.1 Artış, baseline
/// 10, targets 12, 14, 16; PG1.k.2 Azalış, baseline 50, targets 45, 40, 35) and Yıl Sonu values
/// for 2025, 2026 and 2027. The 2027 rates: PG1.1.1 16,7 (below 75), PG1.1.2 100, PG1.2.1 166,7
/// (above 125), PG1.2.2 exactly 125 (on the limit: not a deviation); 2026 has one indicator
/// without a Yıl Sonu value.
fn three_years() -> ProjectSpec {
    let mut spec = ProjectSpec::valid();
    let values: [(&str, [Option<f64>; 3]); 4] = [
        ("PG1.1.1", [Some(12.0), Some(13.0), Some(11.0)]),
        ("PG1.1.2", [Some(45.0), Some(42.0), Some(35.0)]),
        ("PG1.2.1", [Some(12.0), None, Some(20.0)]),
        ("PG1.2.2", [Some(45.0), Some(40.0), Some(31.25)]),
    ];
    for (file, k) in [("fen-isleri.xlsx", 1), ("zabita.xlsx", 2)] {
        let book = spec.book(file);
        book.actuals
            .retain(|a| !(a.year == 2025 && a.period == "Yıl Sonu"));
        for (code, by_year) in values
            .iter()
            .filter(|(c, _)| c.starts_with(&format!("PG1.{k}.")))
        {
            for (year, v) in (2025..=2027).zip(by_year) {
                if let Some(v) = v {
                    book.actuals.push(ActualSpec {
                        code: code.to_string(),
                        year,
                        period: "Yıl Sonu".to_string(),
                        value: num(*v),
                        reason: text(&format!("{code} {year} sapma nedeni")),
                    });
                }
            }
        }
    }
    spec
}

#[test]
fn the_degerlendirme_raporu_of_three_plan_years_has_a_column_pair_and_a_line_chart_per_year_and_hedef(
) {
    let project = TestProject::folder("monitoring-three-years");
    three_years().write(&project);
    let out = tempfile::tempdir().expect("output folder");
    let (checked, made) = build_into(
        &project.dir,
        out.path(),
        &[Book::Evaluation],
        None,
        Some(2027),
    );
    let book = &made[0];
    assert_eq!(book.file, "degerlendirme-raporu-2027.pdf");
    let text = &book.text;
    let model = &checked.model;
    let objectives: Vec<String> = model.objectives().map(|o| o.code.clone()).collect();
    assert_eq!(objectives, ["H1.1", "H1.2"]);

    // Plan Dönemi Gelişimi: per hedef, a header with the three years and three pairs.
    for o in &objectives {
        let title = format!("{o} Hedefinin Plan Dönemi Gelişimi (2025-2027)");
        let start = text
            .match_indices(&title)
            .nth(1)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("the table {title} (after its line in the list)"));
        let table = &text[start..];
        // The header (pdf-extract reads the spanning year cells first; narrow header cells
        // hyphenate): the three years, then a Hedef | Gerçekleşme pair under each.
        let header = &table[..table.find(&format!("{o} Hedef ")).expect("the hedef's row")];
        let header = header.replace('-', "");
        assert!(
            header.contains("2025 2026 2027")
                && header.contains("Performans Göstergesi Başlangıç Değeri")
                && header.matches("Hedef Gerçekleşme").count() == 3,
            "{o}: the header has a Hedef | Gerçekleşme pair per year: {header}"
        );
        // The hedef's rate of each year, computed here.
        let rates: Vec<String> = (2025..=2027)
            .map(|y| match objective_rate(model, o, y, Period::YearEnd) {
                Some(r) => shown(r),
                None => "veri yok".to_string(),
            })
            .collect();
        let row = format!("Hedefin gerçekleşme oranı (%) {}", rates.join(" "));
        assert!(table.contains(&row), "{o}: “{row}”");
    }
    // H1.2's 2026 rate is not computed: PG1.2.1 has no 2026 Yıl Sonu value.
    assert_eq!(objective_rate(model, "H1.2", 2026, Period::YearEnd), None);

    // One line chart per hedef in the Grafikler Listesi, after the Özet's bar chart.
    let list_start = text
        .match_indices("Grafikler Listesi")
        .nth(1)
        .map(|(i, _)| i)
        .expect("the list (after its line in the İçindekiler)");
    let list_end = text[list_start..]
        .find("Kısaltmalar")
        .expect("the list ends")
        + list_start;
    let list = &text[list_start..list_end];
    let charts: Vec<&str> = list.matches("Grafik ").collect();
    assert_eq!(charts.len(), 1 + objectives.len(), "{list}");
    for o in &objectives {
        assert!(
            list.contains(&format!(
                "{o} hedefinin yıllara göre gerçekleşme oranı (%, 2025-2027)"
            )),
            "{list}"
        );
    }

    // Sapmalar: exactly the indicators whose 2027 rate is below 75 or above 125.
    let sapmalar = &text[text.rfind("III. Sapmalar").expect("the chapter")..];
    let sapmalar = &sapmalar[..sapmalar
        .find("IV. Değerlendirme ve Öneriler")
        .expect("the next chapter")];
    let mut outside = Vec::new();
    for i in &model.indicators {
        let r = indicator_rate(model, &i.code, 2027, Period::YearEnd).expect("a 2027 rate");
        let printed: f64 = shown(r).replace(',', ".").parse().expect("a number");
        let listed = sapmalar.contains(&format!("{} ", i.code));
        let out_of_bounds = !(75.0..=125.0).contains(&printed);
        assert_eq!(
            listed,
            out_of_bounds,
            "{} ({}) in Sapmalar",
            i.code,
            shown(r)
        );
        if out_of_bounds {
            outside.push(i.code.clone());
            assert!(
                sapmalar.contains(&format!("{} 2027 sapma nedeni", i.code)),
                "{}: its Sapma Nedeni",
                i.code
            );
        }
    }
    assert_eq!(outside, ["PG1.1.1", "PG1.2.1"]);
    assert!(sapmalar.contains("Altında") && sapmalar.contains("Üstünde"));
}

// ---------------------------------------------------------------------------------------
// Acceptance 3: a missing 1. İzleme value

#[test]
fn a_missing_first_period_value_prints_veri_yok_and_leaves_the_hedef_uncomputed() {
    let mut spec = ProjectSpec::valid();
    // PG1.1.1 is monitored every six months; its 1. İzleme row goes.
    spec.book("fen-isleri.xlsx")
        .remove_actual("PG1.1.1", "1. İzleme");
    let project = TestProject::folder("monitoring-no-interim");
    spec.write(&project);
    let out = tempfile::tempdir().expect("output folder");
    let (checked, made) = build_into(
        &project.dir,
        out.path(),
        &[Book::Monitoring(Period::Interim)],
        Some(Period::Interim),
        None,
    );
    let r003: Vec<_> = findings(&checked, kitap::finding::Code::R003);
    assert!(
        r003.iter()
            .any(|f| f.item.as_deref() == Some("PG1.1.1") || f.message.contains("PG1.1.1")),
        "R003 for PG1.1.1: {}",
        listing(&checked)
    );
    let text = &made[0].text;
    assert!(
        text.contains("H1.1 hedefinin gerçekleşme oranı veri yok veri yok"),
        "H1.1's rate is not computed"
    );
    assert!(
        text.contains("H1.1 hedefinin 2025 yılı 1. İzleme gerçekleşme oranı hesaplanamadı"),
        "a note says why"
    );
    let row = &text[text
        .find("PG1.1.1 Yenilenen yol uzunluğu")
        .expect("the row")..];
    assert!(
        row[..160.min(row.len())].contains("veri yok"),
        "the row prints veri yok: {}",
        &row[..160.min(row.len())]
    );
}

// ---------------------------------------------------------------------------------------
// Acceptance 4: same bytes, and kaynak/ on its own

#[test]
fn five_books_are_byte_identical_when_rebuilt_and_their_sources_compile_on_their_own() {
    let every: Vec<Book> = ["sp", "pp", "fr", "iz", "dr"]
        .iter()
        .filter_map(|c| Book::parse(c))
        .collect();
    let first = tempfile::tempdir().expect("output folder");
    let second = tempfile::tempdir().expect("output folder");
    let (_, a) = build_into(&example_dir(), first.path(), &every, None, None);
    let (_, b) = build_into(&example_dir(), second.path(), &every, None, None);
    let files: Vec<&str> = a.iter().map(|m| m.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "stratejik-plan-2025-2029.pdf",
            "performans-programi-2026.pdf",
            "faaliyet-raporu-2025.pdf",
            "izleme-raporu-2025-2.pdf",
            "degerlendirme-raporu-2025.pdf"
        ],
        "five books; the İzleme period follows the data (Yıl Sonu values exist: 2)"
    );
    let sizes: BTreeMap<&str, usize> = a.iter().map(|m| (m.file.as_str(), m.pdf.len())).collect();
    for (x, y) in a.iter().zip(&b) {
        assert!(
            x.pdf == y.pdf,
            "{} differs between two builds ({sizes:?})",
            x.file
        );
    }
    for stem in ["izleme-raporu-2025-2", "degerlendirme-raporu-2025"] {
        let kaynak = first.path().join("kaynak");
        let main = std::fs::read_to_string(kaynak.join(format!("{stem}.typ"))).expect("source");
        assert_eq!(
            main,
            std::fs::read_to_string(second.path().join(format!("kaynak/{stem}.typ")))
                .expect("source"),
            "{stem}: the same source twice"
        );
        // Rooted at kaynak/ alone, with the fonts folder, as `typst compile --root kaynak`.
        let fonts = kitap::typeset::FontLibrary::load(&[]);
        let tree = kitap::typeset::FileTree::new(&kaynak).expect("kaynak/ opens");
        let doc = kitap::typeset::Document {
            main_path: format!("{stem}.typ"),
            main_text: main,
        };
        let date = kitap::typeset::FixedDateTime::date(2026, 1, 1).expect("a date");
        let laid_out = kitap::typeset::layout(&doc, &tree, &fonts, date);
        assert!(
            laid_out.is_ok(),
            "{stem} does not compile from kaynak/: {:?}",
            laid_out
                .err()
                .map(|d| d.into_iter().map(|d| d.message).collect::<Vec<_>>())
        );
    }
}

// ---------------------------------------------------------------------------------------
// `izle`: the monitoring books are rebuilt only when their inputs changed

#[test]
fn a_warm_rebuild_compiles_a_monitoring_book_only_when_its_inputs_changed() {
    let project = TestProject::valid("monitoring-warm");
    let out = tempfile::tempdir().expect("output folder");
    let mut publisher = Publisher::new(&project.dir);
    let mut rebuild = |only_changed: bool| -> Vec<String> {
        let options = BuildOptions {
            check: Options {
                books: vec![Book::Monitoring(Period::YearEnd), Book::Evaluation],
                period: Some(Period::Interim),
                year: None,
            },
            out_dir: Some(out.path().to_path_buf()),
            only_changed,
            ..BuildOptions::default()
        };
        let build = pipeline::build(
            &project.dir,
            &options,
            &InProcessReader,
            &mut publisher,
            &|_| {},
        )
        .expect("the project builds");
        let built = build.built.expect("the books are made");
        built
            .books
            .iter()
            .filter(|b| b.written)
            .map(|b| b.file.clone())
            .collect()
    };
    assert_eq!(
        rebuild(false),
        ["izleme-raporu-2025-1.pdf", "degerlendirme-raporu-2025.pdf"]
    );
    assert!(
        rebuild(true).is_empty(),
        "nothing changed, nothing compiled"
    );
    // The İzleme Raporu's narrative chapter: only that book reads it.
    project.write_bytes(
        "metinler/izleme-degerlendirme.typ",
        "== Dönemin Değerlendirmesi\n\nİlk altı ay planlandığı gibi geçti.\n".as_bytes(),
    );
    assert_eq!(rebuild(true), ["izleme-raporu-2025-1.pdf"]);
    // A corrected 1. İzleme value (PG1.1.1's, row 2 of Gerçekleşmeler: 14 → 15) changes the
    // İzleme Raporu of period 1 only.
    let mut book = fen_isleri();
    sheet(&mut book, "Gerçekleşmeler").set(1, 3, kitap_dev::sheetwrite::CellValue::Number(15.0));
    project.write("birimler/fen-isleri.xlsx", &book);
    assert_eq!(rebuild(true), ["izleme-raporu-2025-1.pdf"]);
}

// ---------------------------------------------------------------------------------------
// A council decision is marked in these books too

#[test]
fn a_target_changed_by_a_council_decision_is_marked_in_both_monitoring_books() {
    let mut spec = ProjectSpec::valid();
    spec.extra_files.push((
        "degisiklikler/2025-50.yaml".to_string(),
        "karar: {organ: Meclis, no: \"2025/50\", tarih: 2025-05-14}\ngerekce: Hedef gözden geçirildi.\ndegisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2025\n    eski: 12\n    yeni: 13\n"
            .to_string(),
    ));
    let project = TestProject::folder("monitoring-decision");
    spec.write(&project);
    let out = tempfile::tempdir().expect("output folder");
    let (checked, made) = build_into(
        &project.dir,
        out.path(),
        &[Book::Monitoring(Period::YearEnd), Book::Evaluation],
        None,
        None,
    );
    assert!(
        checked
            .model
            .changes
            .iter()
            .any(|c| c.decision == "2025/50"),
        "the decision applies: {}",
        listing(&checked)
    );
    for book in &made {
        let text = &book.text;
        // The mark's note under the tables that print the changed target.
        assert!(
            text.contains(
                "14.05.2025 tarihli ve 2025/50 sayılı Meclis kararıyla değiştirilmiştir."
            ),
            "{}: the mark's note",
            book.file
        );
        assert!(
            text.contains("Meclis Kararıyla Yapılan Değişiklikler"),
            "{}: the annex",
            book.file
        );
        assert!(
            text.contains("PG1.1.1 Yenilenen yol uzunluğu 2025 hedefi 12 13")
                || text.contains("2025 hedefi 12 13"),
            "{}: the annex row: {}",
            book.file,
            &text[text.rfind("Meclis Kararıyla").unwrap_or(0)..]
        );
    }
}
