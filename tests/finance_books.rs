//! The books of spec/finance.md as a reader sees them (issue #12's acceptance 1 and 3): the
//! Faaliyet Raporu's III.A chapters in order with totals the test computes itself from the
//! model, the Performans Programı's two Bütçe totals equal, and a project without the four
//! institution-level sheets that still builds final, saying which data was not sent.

mod kit;

use std::path::Path;
use std::process::Command;

use kit::*;
use kitap::books::Book;
use kitap::finding::Code;
use kitap::ingest::InProcessReader;
use kitap::model::{AffiliateKind, DebtTerm, Model};
use kitap::pipeline::{self, BuildOptions, Checked, Options};
use kitap::publish::Publisher;

/// The books through `pipeline::build`, as normalised text, with the check.
fn build(dir: &Path, books: &[Book]) -> (Checked, Vec<String>) {
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
    let texts = books
        .iter()
        .map(|&book| {
            let outcome = built
                .books
                .iter()
                .find(|b| b.book == book)
                .expect("the book was made");
            assert!(outcome.written, "{} was not written", book.title());
            let pdf = std::fs::read(out.path().join(&outcome.file)).expect("the PDF is there");
            normalise(&pdf_extract::extract_text_from_mem(&pdf).expect("readable PDF"))
        })
        .collect();
    (build.checked, texts)
}

/// An amount as the books print it, computed here: `1.234.567,89`, `-2.500.000,00`.
fn tl(x: f64) -> String {
    let cents = (x.abs() * 100.0).round() as i128;
    let (int, frac) = (cents / 100, cents % 100);
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{grouped},{frac:02}")
}

/// Where `title` occurs at or after `from` as a heading of the body, not as an entry of the
/// İçindekiler (followed by its dot leader).
fn heading_from(text: &str, title: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text.get(at..)?.find(title) {
        let pos = at + i;
        let rest = text[pos + title.len()..].trim_start();
        if !rest.starts_with(". .") && !rest.starts_with("..") {
            return Some(pos);
        }
        at = pos + title.len();
    }
    None
}

fn assert_in_order(text: &str, titles: &[&str]) {
    let mut from = 0;
    for t in titles {
        match heading_from(text, t, from) {
            Some(i) => from = i + t.len(),
            None => panic!("{t:?} is not in the text after the titles before it"),
        }
    }
}

/// The number printed right after `label` (the first occurrence at or after `from`).
fn amount_after(text: &str, label: &str, from: usize) -> String {
    let i = text[from..]
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?}"));
    text[from + i + label.len()..]
        .trim_start()
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The Performans Programı's two Bütçe totals: İdare Performans Tablosu's Genel Toplam and the
/// Toplam Kaynak İhtiyacı Tablosu's Bütçe Toplamı.
fn budget_totals(pp: &str) -> (String, String) {
    let ipt = heading_from(pp, "İdare Performans Tablosu", 0).expect("the table");
    let administration = amount_after(pp, "Genel Toplam", ipt);
    let resources = amount_after(pp, "Bütçe Toplamı", ipt);
    (administration, resources)
}

fn initial_total(model: &Model, year: i32) -> f64 {
    model
        .budget
        .iter()
        .filter(|l| l.year == year)
        .map(|l| l.initial_appropriation.value)
        .sum()
}

#[test]
fn the_example_prints_every_finance_chapter_in_order_with_its_totals() {
    let dir = example_dir();
    let (checked, texts) = build(&dir, &[Book::ActivityReport, Book::PerformanceProgram]);
    let (fr, pp) = (&texts[0], &texts[1]);
    let model = &checked.model;
    let t = model.years.report;

    assert_in_order(
        fr,
        &[
            "II. Amaç ve Hedefler",
            "Temel Politikalar ve Öncelikler",
            "III. Faaliyetlere İlişkin Bilgi ve Değerlendirmeler",
            "A. Mali Bilgiler",
            "Bütçe Uygulama Sonuçları",
            "Gelir Bütçesi Uygulama Sonuçları",
            "Bütçe Dengesi",
            "Temel Mali Tablolara İlişkin Açıklamalar",
            "Mali Denetim Sonuçları",
            "Borç Durumu",
            "Bağlı Kuruluş, İşletme ve Ortaklıklar",
            "Diğer İdarelere Yapılan Transferler",
            "B. Performans Bilgileri",
            "IV. Kurumsal Kabiliyet ve Kapasitenin Değerlendirilmesi",
            "V. Öneri ve Tedbirler",
            "Ekler",
            "İç Kontrol Güvence Beyanı",
            "Mali Hizmetler Birim Yöneticisinin Beyanı",
        ],
    );

    // Revenue: 09 with a minus, subtracted in the totals.
    let revenue: Vec<_> = model.finance.revenue_of(t).collect();
    let refunds = revenue
        .iter()
        .find(|r| r.economic_code == "09")
        .expect("the example has 09");
    assert!(
        fr.contains(&format!(
            "09 Red ve İadeler -{}",
            tl(refunds.estimate.value)
        )),
        "09's estimate is printed with a minus"
    );
    let mut estimate = 0.0;
    let mut collected = 0.0;
    for r in &revenue {
        let sign = if r.economic_code == "09" { -1.0 } else { 1.0 };
        estimate += sign * r.estimate.value;
        collected += sign * r.collected.value.expect("collected");
    }
    let gelir = heading_from(fr, "Gelir Bütçesi Uygulama Sonuçları", 0).expect("gelir");
    assert!(
        fr[gelir..].contains(&format!("Toplam {} {}", tl(estimate), tl(collected))),
        "the revenue total {} / {} is printed",
        tl(estimate),
        tl(collected)
    );
    assert!(fr.contains(&format!(
        "Tahsil Edilen Gelirler (Red ve İadeler düşülmüş) {} TL",
        tl(collected)
    )));

    // Debts: subtotals by Vade and the total.
    let debts = &model
        .finance
        .debts
        .as_ref()
        .expect("the example's debts")
        .rows;
    for (term, label) in [
        (DebtTerm::Short, "Kısa Vadeli Borçlar Toplamı"),
        (DebtTerm::Long, "Uzun Vadeli Borçlar Toplamı"),
    ] {
        let start: f64 = debts
            .iter()
            .filter(|d| d.term.value == term)
            .map(|d| d.start_of_year.value)
            .sum();
        let end: f64 = debts
            .iter()
            .filter(|d| d.term.value == term)
            .map(|d| d.end_of_year.value)
            .sum();
        assert!(
            fr.contains(&format!(
                "{label} {} {} {}",
                tl(start),
                tl(end),
                tl(end - start)
            )),
            "{label}"
        );
    }
    let start: f64 = debts.iter().map(|d| d.start_of_year.value).sum();
    let end: f64 = debts.iter().map(|d| d.end_of_year.value).sum();
    assert!(fr.contains(&format!(
        "Toplam Borç {} {} {}",
        tl(start),
        tl(end),
        tl(end - start)
    )));

    // The company row.
    let company = model
        .finance
        .affiliates
        .as_ref()
        .expect("the example's affiliates")
        .rows
        .iter()
        .find(|a| a.kind.value == AffiliateKind::Company)
        .expect("a company");
    let first_word = company.name.value.split(' ').next().expect("a name");
    let istirak = heading_from(fr, "Bağlı Kuruluş, İşletme ve Ortaklıklar", 0).expect("section");
    let section = &fr[istirak..];
    assert!(section.contains(first_word));
    assert!(section.contains("Şirket"));
    assert!(section.contains(&tl(company.capital.value.expect("capital"))));

    // The declarations are dated from kurum.yaml.
    assert!(fr.contains("20.03.2026"), "beyan_tarihi is printed");

    // The Performans Programı: both Bütçe totals are the year's Başlangıç Ödeneği.
    let (administration, resources) = budget_totals(pp);
    assert_eq!(administration, resources);
    assert_eq!(resources, tl(initial_total(model, model.years.program)));
    assert!(pp.contains("Diğer İdarelere Transfer Edilecek Kaynaklar"));
}

#[test]
fn a_generated_project_has_equal_budget_totals_in_the_performans_programi() {
    let spec = ProjectSpec::valid();
    let project = TestProject::folder("pp-totals");
    spec.write(&project);
    let (checked, texts) = build(&project.dir, &[Book::PerformanceProgram]);
    let (administration, resources) = budget_totals(&texts[0]);
    assert_eq!(administration, resources);
    assert_eq!(
        resources,
        tl(initial_total(&checked.model, checked.model.years.program))
    );
}

#[test]
fn without_the_four_sheets_the_report_is_final_and_says_what_was_not_sent() {
    let mut spec = ProjectSpec::valid();
    spec.book("zabita.xlsx").finance = None;
    let project = TestProject::folder("no-finance");
    spec.write(&project);
    let out = tempfile::tempdir().expect("output folder");
    let status = Command::new(env!("CARGO_BIN_EXE_kitap"))
        .arg("derle")
        .arg(&project.dir)
        .arg("-o")
        .arg(out.path())
        .args(["--kitap", "fr"])
        .output()
        .expect("kitap runs");
    assert!(
        status.status.success(),
        "exit {:?}: {}",
        status.status.code(),
        String::from_utf8_lossy(&status.stderr)
    );
    let (checked, texts) = build(&project.dir, &[Book::ActivityReport]);
    let fr = &texts[0];
    let codes: Vec<Code> = checked.report.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::M002) && codes.contains(&Code::M003));
    assert!(
        checked
            .report
            .findings
            .iter()
            .all(|f| f.severity != kitap::finding::Severity::Error),
        "no hata"
    );
    assert!(!fr.contains("TASLAK"), "the book is final");
    for sentence in [
        "Gelirler sayfası gönderilmediği için",
        "Borçlar sayfası gönderilmediği için",
        "İştirakler sayfası gönderilmediği için",
    ] {
        assert!(fr.contains(sentence), "{sentence}");
    }
    let declaration =
        heading_from(fr, "Mali Hizmetler Birim Yöneticisinin Beyanı", 0).expect("declaration");
    let note = &fr[declaration..];
    assert!(note.contains("verisi gönderilmediği için bu kısımlar raporda yer almamaktadır"));
    for section in [
        "Gelir Bütçesi Uygulama Sonuçları",
        "Borç Durumu",
        "Bağlı Kuruluş, İşletme ve Ortaklıklar",
    ] {
        assert!(note.contains(section), "the note names {section}");
    }
    // No beyan_tarihi in this project: the date line is dots and Y012 says so.
    assert!(codes.contains(&Code::Y012));
    assert!(fr.contains("…/…/2026"));
}

#[test]
fn a_kurumsal_kabiliyet_text_without_one_of_its_three_headings_is_y010_naming_it() {
    let spec = ProjectSpec::valid();
    let project = TestProject::folder("capability");
    spec.write(&project);
    let file = project.path("metinler/kurumsal-kabiliyet.typ");
    let text = std::fs::read_to_string(&file).expect("the example's chapter");
    assert!(text.contains("== Değerlendirme"));
    assert!(project
        .check()
        .report
        .findings
        .iter()
        .all(|f| f.code != Code::Y010));
    std::fs::write(&file, text.replacen("== Değerlendirme", "== Sonuç", 1)).expect("write");
    let checked = project.check();
    let y010: Vec<_> = checked
        .report
        .findings
        .iter()
        .filter(|f| f.code == Code::Y010)
        .collect();
    assert_eq!(y010.len(), 1, "{y010:?}");
    assert!(y010[0].message.contains("\"Değerlendirme\" başlığı yok"));
    assert_eq!(
        y010[0].file.as_deref(),
        Some("metinler/kurumsal-kabiliyet.typ")
    );
    let (_, texts) = build(&project.dir, &[Book::ActivityReport]);
    assert!(
        texts[0].contains("== Değerlendirme” başlığıyla"),
        "a placeholder names the heading"
    );
}

#[test]
fn the_information_system_section_counts_findings_by_letter() {
    let mut spec = ProjectSpec::valid();
    spec.book("zabita.xlsx").finance = None;
    let project = TestProject::folder("pbs");
    spec.write(&project);
    let (checked, texts) = build(&project.dir, &[Book::ActivityReport]);
    let m = checked
        .report
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with('M'))
        .count();
    assert!(m >= 2);
    let fr = &texts[0];
    let at =
        heading_from(fr, "Performans Bilgi Sisteminin Değerlendirilmesi", 0).expect("the section");
    assert!(
        fr[at..].contains(&format!("M Mali bilgiler 0 {m} 0")),
        "M's warnings are counted"
    );
    assert!(fr[at..].contains("Stratejik plandaki performans göstergesi"));
}

#[test]
fn a_single_yok_row_says_there_are_no_affiliates_and_an_empty_sheet_is_named_in_the_note() {
    let mut spec = ProjectSpec::valid();
    spec.finance().affiliates = Some(vec![AffiliateSpec {
        name: text("Yok"),
        kind: None,
        field: None,
        capital: None,
        share: None,
        result: None,
        note: None,
    }]);
    let project = TestProject::folder("yok");
    spec.write(&project);
    let (checked, texts) = build(&project.dir, &[Book::ActivityReport]);
    assert!(checked.report.findings.iter().all(|f| f.code != Code::M003));
    let fr = &texts[0];
    assert!(fr.contains("Belediyenin bağlı kuruluş, işletme ve ortaklığı yoktur."));
    assert!(!fr.contains("verisi gönderilmediği için bu kısımlar"));

    let mut spec = ProjectSpec::valid();
    spec.finance().affiliates = Some(Vec::new());
    let project = TestProject::folder("bos-istirak");
    spec.write(&project);
    let (_, texts) = build(&project.dir, &[Book::ActivityReport]);
    let fr = &texts[0];
    assert!(fr.contains("İştirakler sayfasında satır yok"));
    let declaration =
        heading_from(fr, "Mali Hizmetler Birim Yöneticisinin Beyanı", 0).expect("declaration");
    assert!(fr[declaration..].contains("Bağlı Kuruluş, İşletme ve Ortaklıklar"));
    assert!(!fr[declaration..].contains("Borç Durumu"));
}

#[test]
fn a_draft_with_finance_errors_marks_them_and_still_typesets() {
    let mut spec = ProjectSpec::valid();
    if let Some(a) = spec.finance().affiliates.as_mut() {
        a[0].share = num(150.0);
    }
    let project = TestProject::folder("draft-finance");
    spec.write(&project);
    let (checked, texts) = build(&project.dir, &[Book::ActivityReport]);
    assert!(checked.report.findings.iter().any(|f| f.code == Code::M005));
    assert!(checked
        .report
        .findings
        .iter()
        .all(|f| !f.code.as_str().starts_with('T')));
    let fr = &texts[0];
    assert!(fr.contains("TASLAK"));
    assert!(
        fr.contains("150,0"),
        "the share is printed as typed, marked"
    );
}
