//! The three books as a reader sees them: the PDF text of each book, made from the bundled
//! example and from test projects, read back with pdf-extract.

mod kit;

use std::path::Path;

use kit::*;
use kitap::books::Book;
use kitap::finding::Severity;
use kitap::ingest::InProcessReader;
use kitap::model::Period;
use kitap::pipeline::{self, BuildOptions, Checked, Options};
use kitap::publish::Publisher;
use kitap_dev::sheetwrite::{CellValue, SheetSpec};

/// One book, compiled: its page texts.
struct Pages {
    book: Book,
    pages: Vec<String>,
}

impl Pages {
    /// The whole text, whitespace collapsed.
    fn text(&self) -> String {
        normalise(&self.pages.join("\n"))
    }

    /// The pages (0-based index, normalised text) whose text contains `needle`.
    fn pages_with(&self, needle: &str) -> Vec<(usize, String)> {
        self.pages
            .iter()
            .map(|p| normalise(p))
            .enumerate()
            .filter(|(_, p)| p.contains(needle))
            .collect()
    }
}

fn check(dir: &Path) -> Checked {
    pipeline::check(dir, &Options::default()).expect("the project loads")
}

/// Makes the books through the production path, `pipeline::build` (the one `kitap derle`
/// runs: a draft when the data has errors), into a temporary folder, and reads their pages.
fn build(dir: &Path, books: &[Book]) -> Vec<Pages> {
    let out = tempfile::tempdir().expect("output folder");
    let options = BuildOptions {
        check: Options {
            books: books.to_vec(),
            ..Options::default()
        },
        out_dir: Some(out.path().to_path_buf()),
        ..BuildOptions::default()
    };
    let mut publisher = Publisher::new(dir);
    let build = pipeline::build(dir, &options, &InProcessReader, &mut publisher, &|_| {})
        .expect("the project builds");
    let built = build.built.expect("the books are made");
    let t: Vec<String> = build
        .checked
        .report
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with('T'))
        .map(|f| format!("{}: {}", f.code.as_str(), f.message))
        .collect();
    assert!(t.is_empty(), "typesetting findings: {t:#?}");
    books
        .iter()
        .map(|&book| {
            let outcome = built
                .books
                .iter()
                .find(|b| b.book == book)
                .unwrap_or_else(|| panic!("{} was not made", book.title()));
            assert!(outcome.written, "{} was not written", book.title());
            assert!(
                outcome.warnings.is_empty(),
                "{}: {:?}",
                book.title(),
                outcome.warnings
            );
            let pdf = std::fs::read(out.path().join(&outcome.file)).expect("the PDF is there");
            // To look at the books a test makes: KITAP_TEST_PDF=/some/folder.
            if let Some(folder) = std::env::var_os("KITAP_TEST_PDF") {
                let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
                let path = Path::new(&folder).join(format!(
                    "{}-{}",
                    name.unwrap_or_default(),
                    outcome.file
                ));
                std::fs::write(path, &pdf).expect("write the PDF");
            }
            let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf)
                .expect("the PDF's text is readable");
            assert_eq!(pages.len(), outcome.pages);
            Pages { book, pages }
        })
        .collect()
}

fn example_books() -> (Checked, Vec<Pages>) {
    let dir = example_dir();
    let checked = check(&dir);
    let books = build(&dir, &Book::DEFAULT);
    (checked, books)
}

/// What every book of the example has. The Grafikler Listesi only where there are charts:
/// the Faaliyet Raporu.
const COMMON_TITLES: [&str; 4] = [
    "Başkan Sunuşu",
    "İçindekiler",
    "Tablolar Listesi",
    "Kısaltmalar",
];

fn titles(book: Book) -> Vec<&'static str> {
    let own: &[&str] = match book {
        Book::StrategicPlan => &[
            "Stratejik Plan Hazırlık Süreci",
            "Durum Analizi",
            "Geleceğe Bakış",
            "Misyon",
            "Vizyon",
            "Temel Değerler",
            "Strateji Geliştirme",
            "Hedef Kartı",
            "Maliyetlendirme",
            "Tahmini Maliyet Tablosu",
            "Genel Yönetim Giderleri",
            "TOPLAM",
            "İzleme ve Değerlendirme",
            "Ekler",
            "Performans Göstergeleri Listesi",
        ],
        Book::PerformanceProgram => &[
            "I. Genel Bilgiler",
            "Misyon",
            "Vizyon",
            "Temel Değerler",
            "II. Performans Bilgileri",
            "Amaç ve Hedefler",
            "Performans Hedefi Tablosu",
            "Harcama Birimi Faaliyet Tablosu",
            "İdare Performans Tablosu",
            "Genel Yönetim Giderleri",
            "Genel Toplam",
            "Toplam Kaynak İhtiyacı Tablosu",
            "III. Ekler",
        ],
        Book::ActivityReport => &[
            "Grafikler Listesi",
            "I. Genel Bilgiler",
            "Misyon ve Vizyon",
            "Yetki, Görev ve Sorumluluklar",
            "İdareye İlişkin Bilgiler",
            "II. Amaç ve Hedefler",
            "III. Faaliyetlere İlişkin Bilgi ve Değerlendirmeler",
            "A. Mali Bilgiler",
            "Bütçe Uygulama Sonuçları",
            "B. Performans Bilgileri",
            "Faaliyet ve Proje Bilgileri",
            "Performans Sonuçları Tablosu",
            "Değerlendirme",
            "IV. Kurumsal Kabiliyet ve Kapasitenin Değerlendirilmesi",
            "V. Öneri ve Tedbirler",
            "Ekler",
            "İç Kontrol Güvence Beyanı",
            "Mali Hizmetler Birim Yöneticisinin Beyanı",
        ],
        Book::Monitoring(_) => &[
            "I. Özet",
            "II. Hedef İzleme Tabloları",
            "Hedef İzleme Tablosu",
            "III. Değerlendirme",
        ],
        Book::Evaluation => &[
            "I. Özet",
            "II. Plan Dönemi Gelişimi",
            "III. Sapmalar",
            "IV. Değerlendirme ve Öneriler",
        ],
    };
    COMMON_TITLES.iter().chain(own).copied().collect()
}

/// A rate with one decimal, half away from zero, Turkish style (rates under 1000).
fn turkish_rate(r: f64) -> String {
    let tenths = (r * 10.0).round() as i64;
    format!("{},{}", tenths / 10, (tenths % 10).abs())
}

#[test]
fn the_example_books_have_every_chapter_and_table_of_books_md() {
    let (checked, books) = example_books();
    let model = &checked.model;
    for b in &books {
        let text = b.text();
        for t in titles(b.book) {
            assert!(text.contains(t), "{}: “{t}” is missing", b.book.title());
        }
        // Turkish words survive, dotted and dotless i included.
        for w in [
            "İçindekiler",
            "Kısaltmalar",
            "Başkan Sunuşu",
            "Şeffaflık",
            "Çevreye",
            "PALANDÖKEN BELEDİYESİ",
        ] {
            assert!(text.contains(w), "{}: {w}", b.book.title());
        }
        assert!(!text.contains("TASLAK"), "the example has no error");
        // The placeholder of a missing narrative never shows: the example has them all.
        assert!(!text.contains("henüz yazılmadı"), "{}", b.book.title());
    }
    let all: String = books.iter().map(Pages::text).collect();
    for c in "İıŞşğÇçÖöÜü".chars() {
        assert!(all.contains(c), "the letter {c}");
    }
    let sp = &books[0];
    let pp = &books[1];
    let fr = &books[2];
    for o in model.objectives() {
        let indicators: Vec<&str> = model
            .indicators_of(&o.code)
            .map(|i| i.code.as_str())
            .collect();
        // A table is found by its caption on a page that is not a list of tables (dot leaders).
        for (b, caption) in [
            (sp, format!("{} Hedef Kartı", o.code)),
            (pp, format!("{} Performans Hedefi Tablosu", o.code)),
            (fr, format!("{} Performans Sonuçları Tablosu", o.code)),
        ] {
            let pages: Vec<_> = b
                .pages_with(&caption)
                .into_iter()
                .filter(|(_, p)| !p.contains(". . ."))
                .collect();
            assert_eq!(pages.len(), 1, "{}: “{caption}”", b.book.title());
            let (first, page) = &pages[0];
            assert!(
                page.contains(&format!("{} {}", o.code, o.name.value)),
                "{caption}: the hedef with its code"
            );
            // A table may run on to the next page.
            let table = b.pages[*first..(first + 2).min(b.pages.len())]
                .iter()
                .map(|p| normalise(p))
                .collect::<Vec<_>>()
                .join(" ");
            for code in &indicators {
                assert!(table.contains(code), "{caption}: {code}");
            }
        }
    }
    // Every indicator row shows its code before its name.
    let ind = &model.indicators[0];
    assert!(sp
        .text()
        .contains(&format!("{} {}", ind.code, ind.name.value)));
}

#[test]
fn realisation_rates_are_computed_and_printed_the_turkish_way() {
    let (checked, books) = example_books();
    let model = &checked.model;
    let fr = &books[2];
    let year = checked.project.settings.years.report;
    for code in ["PG2.2.4", "PG5.2.4"] {
        let ind = model
            .indicators
            .iter()
            .find(|i| i.code == code)
            .expect("indicator");
        let a = ind.baseline.value.expect("baseline");
        let y = ind.target(year).expect("target");
        let x = ind
            .actual(year, Period::YearEnd)
            .expect("year end")
            .value
            .value;
        let rate = (x - a) / (y - a) * 100.0;
        let expected = turkish_rate(rate);
        assert_ne!(expected, "100,0");
        let row = fr
            .pages_with(&format!("{code} {}", ind.name.value))
            .into_iter()
            .find(|(_, p)| p.contains("Performans Sonuçları Tablosu"))
            .expect("the indicator's row");
        assert!(row.1.contains(&expected), "{code}: {expected} expected");
    }
    // PG2.2.4: 17.100 of 20.000 — thousands with dots.
    assert!(fr.text().contains("20.000"));
    assert!(fr.text().contains("17.100"));
    // The hedef's rate: Σ min(O, 100) × weight / 100, printed %85,7 in the chart.
    let mut h = 0.0;
    for i in model.indicators_of("H2.2") {
        let a = i.baseline.value.expect("baseline");
        let y = i.target(year).expect("target");
        let x = i
            .actual(year, Period::YearEnd)
            .expect("year end")
            .value
            .value;
        h += ((x - a) / (y - a) * 100.0).min(100.0) * i.weight.value / 100.0;
    }
    let expected = format!("%{}", turkish_rate(h));
    assert!(fr.text().contains(&expected), "{expected}");
}

#[test]
fn the_amended_plan_shows_its_decision_everywhere_it_changed_something() {
    let (_, books) = example_books();
    let sp = &books[0];
    let text = sp.text();
    assert!(text.contains("Meclis Kararıyla Yapılan Değişiklikler"));
    assert!(text.contains("GÜNCELLENMİŞ"), "the updated cover");
    assert!(text.contains("MECLİS KARARI 2025/127"));
    let annex = sp
        .pages_with("Meclis Kararıyla Yapılan Değişiklikler")
        .into_iter()
        .find(|(_, p)| p.contains("Gerekçe"))
        .expect("the annex");
    for s in [
        "2025/127",
        "21.10.2025",
        "PG2.1.2",
        "2026 hedefi",
        "214.000.000",
        "229.000.000",
        "F2.1.1",
    ] {
        assert!(annex.1.contains(s), "annex: {s}");
    }
    // The H2.1 card marks its changed targets with a note naming the decision.
    let card = sp
        .pages_with("H2.1 Hedef Kartı")
        .into_iter()
        .find(|(_, p)| !p.contains(". . ."))
        .expect("the H2.1 card");
    assert!(
        card.1
            .contains("21.10.2025 tarihli ve 2025/127 sayılı Meclis kararıyla değiştirilmiştir"),
        "{}",
        card.1
    );
    // The program year's tables changed too; the report year's did not.
    let pp = &books[1];
    assert!(pp.text().contains("Meclis Kararıyla Yapılan Değişiklikler"));
    assert!(pp
        .text()
        .contains("2025/127 sayılı Meclis kararıyla değiştirilmiştir"));
    let fr = &books[2];
    assert!(!fr.text().contains("Meclis Kararıyla Yapılan Değişiklikler"));
}

fn text_cell(s: &str) -> Option<CellValue> {
    Some(CellValue::Text(s.to_string()))
}

fn number(v: f64) -> Option<CellValue> {
    Some(CellValue::Number(v))
}

/// Hostile values a directorate could type into a cell.
fn hostile() -> Vec<String> {
    let mut v: Vec<String> = [
        "#read(\"/etc/passwd\")",
        "$x^2$",
        "*kalın*",
        "= Başlık",
        "<etiket>",
        "@ref",
        "]",
        "[",
        "\\",
        "// yorum",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(300));
    v
}

#[test]
fn workbook_text_prints_literally_and_never_as_typst() {
    let p = TestProject::valid("books-hostile");
    std::fs::remove_file(p.path("metinler/hazirlik.typ")).expect("remove a chapter");
    std::fs::write(
        p.path("plan.yaml"),
        PLAN.replace(
            "misyon: Halkımıza etkin hizmet.",
            "misyon: '#read(\"/etc/passwd\") $x^2$ *kalın* <etiket> @ref'",
        ),
    )
    .expect("plan.yaml");
    let mut book = fen_isleri();
    let values = hostile();
    let activities = {
        let mut s = SheetSpec::new("Faaliyetler");
        s.row(0, ACTIVITY_HEADER.iter().map(|h| text_cell(h)));
        let mut r = 1;
        for (k, name) in values.iter().enumerate() {
            for year in [2025.0, 2026.0] {
                s.row(
                    r,
                    [
                        text_cell(&format!("F1.1.{}", k + 1)),
                        text_cell("H1.1"),
                        text_cell(name),
                        text_cell("Faaliyet"),
                        number(year),
                        number(10_000.0),
                        number(0.0),
                        if year == 2025.0 {
                            number(9_000.0)
                        } else {
                            None
                        },
                        if year == 2025.0 {
                            text_cell("Tamamlandı")
                        } else {
                            None
                        },
                        None,
                    ],
                );
                r += 1;
            }
        }
        s
    };
    *sheet(&mut book, "Faaliyetler") = activities;
    // A Sapma Nedeni and an indicator name hold markup too.
    let actuals = sheet(&mut book, "Gerçekleşmeler");
    *actuals = actual_sheet(&[
        ("PG1.1.1", 2025.0, "Yıl Sonu", 20.0, ""),
        (
            "PG1.1.2",
            2025.0,
            "Yıl Sonu",
            55.0,
            "#panic(\"x\") -- ... ~ \"tırnak\"",
        ),
    ]);
    p.write("birimler/fen-isleri.xlsx", &book);

    let books = build(&p.dir, &Book::DEFAULT);
    let pp = &books[1];
    let fr = &books[2];
    for (k, v) in values.iter().enumerate() {
        let cell = format!("F1.1.{} {v}", k + 1);
        if v.len() == 300 {
            // The long word is hyphenated over lines to stay in its column: compare without
            // spaces and hyphens.
            let squeeze = |s: &str| s.split_whitespace().collect::<String>().replace('-', "");
            for b in [pp, fr] {
                assert!(
                    squeeze(&b.text()).contains(&squeeze(&cell)),
                    "{}: the 300-letter word",
                    b.book.title()
                );
            }
        } else {
            assert!(pp.text().contains(&cell), "PP: {cell}");
            assert!(fr.text().contains(&cell), "FR: {cell}");
        }
    }
    for b in &books {
        let text = b.text();
        assert!(
            !text.contains("root:"),
            "{}: /etc/passwd was read",
            b.book.title()
        );
    }
    let sp = books[0].text();
    assert!(
        sp.contains("#read(\"/etc/passwd\") $x^2$ *kalın* <etiket> @ref"),
        "misyon: {}",
        sp.split("Misyon")
            .nth(2)
            .unwrap_or("")
            .chars()
            .take(200)
            .collect::<String>()
    );
    assert!(
        fr.text().contains("#panic(\"x\") -- ... ~ \"tırnak\""),
        "Sapma Nedeni"
    );
    // A narrative chapter the project lacks shows a placeholder naming the file; the chapters
    // are all there.
    assert!(sp.contains("metinler/hazirlik.typ"));
    assert!(sp.contains("Bu bölümün metni henüz yazılmadı."));
    for b in &books {
        let text = b.text();
        for t in titles(b.book) {
            assert!(text.contains(t), "{}: “{t}” is missing", b.book.title());
        }
    }
}

#[test]
fn a_missing_realisation_prints_veri_yok_and_says_which_indicator_is_missing() {
    let p = TestProject::valid("books-veri-yok");
    let mut book = fen_isleri();
    // PG1.1.1 has only its 1. İzleme value for 2025.
    *sheet(&mut book, "Gerçekleşmeler") = actual_sheet(&[
        ("PG1.1.1", 2025.0, "1. İzleme", 14.0, ""),
        ("PG1.1.2", 2025.0, "Yıl Sonu", 55.0, "Kış koşulları."),
    ]);
    p.write("birimler/fen-isleri.xlsx", &book);
    let books = build(&p.dir, &[Book::PerformanceProgram, Book::ActivityReport]);
    let fr = &books[1];
    let row = fr
        .pages_with("PG1.1.1 Asfaltlanan yol uzunluğu")
        .into_iter()
        .find(|(_, p)| p.contains("H1.1 Performans Sonuçları Tablosu"))
        .expect("the results table");
    assert!(
        row.1
            .contains("PG1.1.1 Asfaltlanan yol uzunluğu 60 10 20 14 veri yok veri yok"),
        "{}",
        row.1
    );
    assert!(row.1.contains("H1.1 hedefinin gerçekleşme oranı veri yok"));
    assert!(
        row.1
            .contains("PG1.1.1: 2025 yılı için Yıl Sonu değeri yok"),
        "the note names the indicator: {}",
        row.1
    );
    // The other hedefs have their rate: H1.2 100 %.
    assert!(fr.text().contains("%100,0"));
    // The program's 2025 Gerçekleşme Tahmini falls back to the 1. İzleme value, marked.
    let pp = &books[0];
    let table = pp
        .pages_with("H1.1 Performans Hedefi Tablosu")
        .into_iter()
        .find(|(_, p)| !p.contains(". . ."))
        .expect("the program table");
    assert!(
        table
            .1
            .contains("PG1.1.1 Asfaltlanan yol uzunluğu 10 14 * 30"),
        "{}",
        table.1
    );
    assert!(table.1.contains("1. İzleme değeri gösterilmiştir"));
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let p = TestProject::valid("books-long");
    let mut book = fen_isleri();
    let codes: Vec<String> = (1..=60).map(|k| format!("PG1.1.{k}")).collect();
    let names: Vec<String> = (1..=60)
        .map(|k| format!("Uzun tablo göstergesi numara {k}"))
        .collect();
    let rows: Vec<IndicatorRow> = (1..=60)
        .map(|k| IndicatorRow {
            code: &codes[k - 1],
            objective: "H1.1",
            name: &names[k - 1],
            unit: "Sayı",
            direction: "Artış",
            // 40 × 1,5 + 20 × 2 = 100
            weight: if k <= 40 { 1.5 } else { 2.0 },
            baseline: 0.0,
            targets: [1.0, 2.0, 3.0, 4.0, 5.0],
            monitoring: "Yıllık",
        })
        .collect();
    *sheet(&mut book, "Göstergeler") = indicator_sheet(&rows);
    let actuals: Vec<(&str, f64, &str, f64, &str)> = rows
        .iter()
        .map(|r| (r.code, 2025.0, "Yıl Sonu", 1.0, ""))
        .collect();
    *sheet(&mut book, "Gerçekleşmeler") = actual_sheet(&actuals);
    p.write("birimler/fen-isleri.xlsx", &book);
    let checked = p.check();
    assert!(
        checked
            .report
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error),
        "{:#?}",
        checked.report.findings
    );
    let books = build(&p.dir, &[Book::StrategicPlan, Book::ActivityReport]);

    // The pages from the table's caption up to the next hedef's caption.
    let span = |b: &Pages, caption: &str, next: &str| -> Vec<String> {
        let pages: Vec<String> = b.pages.iter().map(|p| normalise(p)).collect();
        let start = pages
            .iter()
            .position(|p| p.contains(caption) && !p.contains(". . ."))
            .expect("the caption");
        let end = pages
            .iter()
            .position(|p| p.contains(next) && !p.contains(". . ."))
            .expect("the next caption");
        pages[start..=end].to_vec()
    };
    let fr = span(
        &books[1],
        "H1.1 Performans Sonuçları Tablosu",
        "H1.2 Performans Sonuçları Tablosu",
    );
    let sp = span(&books[0], "H1.1 Hedef Kartı", "H1.2 Hedef Kartı");
    for (name, pages, header) in [
        (
            "FR",
            &fr,
            [
                "Performans Göstergesi",
                "Sapma Nedeni",
                "H1.1 Yol ağını geliştirmek",
            ],
        ),
        (
            "SP",
            &sp,
            [
                "Performans Göstergeleri",
                "İzleme Sıklığı",
                "H1.1 Yol ağını geliştirmek",
            ],
        ),
    ] {
        let with_rows: Vec<&String> = pages
            .iter()
            .filter(|p| p.contains("Uzun tablo göstergesi"))
            .collect();
        assert!(with_rows.len() >= 2, "{name}: the table fits one page");
        for (k, page) in with_rows.iter().enumerate() {
            for h in header {
                assert!(
                    page.contains(h),
                    "{name}, page {k} of the table: “{h}” missing"
                );
            }
        }
        let all = pages.join(" ");
        for k in 1..=60 {
            assert!(
                all.contains(&format!("PG1.1.{k} Uzun tablo göstergesi numara {k}")),
                "{name}: PG1.1.{k}"
            );
        }
    }
}

#[test]
fn a_draft_marks_the_values_an_error_touches() {
    let p = TestProject::valid("books-draft");
    let mut book = fen_isleri();
    // The weights of H1.1 add up to 90: G005 on both weight cells.
    sheet(&mut book, "Göstergeler")
        .cells
        .insert((1, 5), CellValue::Number(50.0));
    p.write("birimler/fen-isleri.xlsx", &book);
    let checked = p.check();
    assert!(
        checked
            .report
            .findings
            .iter()
            .any(|f| f.code.as_str() == "G005"),
        "{:#?}",
        checked.report.findings
    );
    let books = build(&p.dir, &[Book::StrategicPlan, Book::ActivityReport]);
    for b in &books {
        let text = b.text();
        assert!(text.contains("TASLAK"), "{}", b.book.title());
        assert!(
            text.contains("İşaretli değerlerde hata var"),
            "{}",
            b.book.title()
        );
    }
    let card = books[0]
        .pages_with("H1.1 Hedef Kartı")
        .into_iter()
        .find(|(_, p)| !p.contains(". . ."))
        .expect("the card");
    assert!(card.1.contains("G005"), "{}", card.1);
    // The other hedef's card has no mark.
    let other = books[0]
        .pages_with("H2.1 Hedef Kartı")
        .into_iter()
        .find(|(_, p)| !p.contains(". . ."))
        .expect("the card");
    assert!(!other.1.contains("G005"));
}

#[test]
fn a_project_without_workbooks_still_makes_every_book_with_every_chapter() {
    let p = TestProject::empty("books-empty");
    let books = build(&p.dir, &Book::DEFAULT);
    for b in &books {
        let text = b.text();
        assert!(text.contains("TASLAK"), "G006 makes it a draft");
        for t in titles(b.book) {
            assert!(text.contains(t), "{}: “{t}” is missing", b.book.title());
        }
    }
    // No data is never a made-up number.
    let fr = books[2].text();
    assert!(fr.contains("Grafikte gösterilecek veri yok."));
    assert!(fr.contains("H1.1 hedefinin gerçekleşme oranı"));
    let pp = books[1].text();
    assert!(pp.contains("Bu hedefin performans göstergesi yok."));
    assert!(pp.contains("Genel Yönetim Giderleri hesaplanmamıştır"));
}
