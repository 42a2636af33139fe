//! The G, R and B rules end to end: each code planted in a workbook (or plan.yaml) written by
//! the test, found by `kitap::pipeline::check` with its code, severity, file, sheet, cell and
//! item; severity overrides; the HTML check report.

#[path = "support/workbooks.rs"]
mod workbooks;

use kitap::finding::{Finding, Severity};
use kitap::performance::{self, RateOutcome, Why};
use workbooks::*;

const FEN_FILE: &str = "fen-isleri.xlsx";
const ZABITA_FILE: &str = "zabita.xlsx";

/// What a finding must say about its place.
struct Expect<'a> {
    severity: &'a str,
    file: &'a str,
    sheet: Option<&'a str>,
    cell: Option<&'a str>,
    item: &'a str,
    birim: Option<&'a str>,
}

fn assert_finding(f: &Finding, e: Expect) {
    let what = format!("{} {} — {}", f.code, f.place(), f.message);
    assert_eq!(f.severity.word(), e.severity, "severity of {what}");
    assert_eq!(f.file.as_deref(), Some(e.file), "file of {what}");
    assert_eq!(f.sheet.as_deref(), e.sheet, "sheet of {what}");
    assert_eq!(f.cell.as_deref(), e.cell, "cell of {what}");
    assert_eq!(f.item.as_deref(), Some(e.item), "item of {what}");
    assert_eq!(f.directorate.as_deref(), e.birim, "birim of {what}");
    assert!(!f.message.is_empty());
}

fn fen_sheet<'a>(
    severity: &'a str,
    sheet: &'a str,
    cell: Option<&'a str>,
    item: &'a str,
) -> Expect<'a> {
    Expect {
        severity,
        file: "birimler/fen-isleri.xlsx",
        sheet: Some(sheet),
        cell,
        item,
        birim: Some(FEN),
    }
}

#[test]
fn valid_project_has_no_errors_and_no_warnings() {
    let run = TestProject::valid().check();
    let s = &run.checked.report.summary;
    assert_eq!(
        (s.counts.errors, s.counts.warnings),
        (0, 0),
        "{}",
        run.listing()
    );
    assert_eq!(s.rows_rejected, 0);
    assert_eq!(run.checked.model.indicators.len(), 4);
    assert_eq!(run.checked.model.activities.len(), 4);
    assert_eq!(run.checked.model.budget.len(), 4);
}

// ---------------------------------------------------------------------------------------
// G

#[test]
fn g001_missing_baseline_points_at_the_empty_cell() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).indicator("PG1.1.1").baseline = None;
    let run = p.check();
    let f = run.one("G001");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("G2"), "PG1.1.1"));
    assert!(f.message.contains("0 yazın"), "{}", f.message);
    // The indicator is kept, flagged; no D007.
    assert!(run.with_code("D007").is_empty(), "{}", run.listing());
    assert!(run
        .checked
        .model
        .indicators
        .iter()
        .any(|i| i.code == "PG1.1.1"));
}

#[test]
fn g002_missing_target_names_the_year_cell() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).indicator("PG1.1.1").targets[2] = None;
    let run = p.check();
    let f = run.one("G002");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("J2"), "PG1.1.1"));
    assert!(f.message.contains("2027"), "{}", f.message);
    assert!(run.with_code("D007").is_empty(), "{}", run.listing());
}

#[test]
fn g003_first_target_that_breaks_the_order() {
    let mut p = TestProject::valid();
    // Artış: 10 ≤ 12 ≤ 14, then 13 breaks the order (and 12 after it too).
    p.book(FEN_FILE).indicator("PG1.1.1").targets = [12.0, 14.0, 13.0, 12.0, 20.0].map(num);
    let run = p.check();
    let f = run.one("G003");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("J2"), "PG1.1.1"));
    assert!(
        f.message.contains("2027") && f.message.contains("13") && f.message.contains("14"),
        "{}",
        f.message
    );
}

#[test]
fn g003_decreasing_baseline_below_first_target() {
    let mut p = TestProject::valid();
    // Azalış: baseline 50 ≥ 45 … but 2025 target 55 is above the baseline.
    p.book(FEN_FILE).indicator("PG1.1.2").targets = [55.0, 40.0, 35.0, 30.0, 25.0].map(num);
    let run = p.check();
    let f = run.one("G003");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("H3"), "PG1.1.2"));
    assert!(f.message.contains("Azalış"), "{}", f.message);
}

#[test]
fn g004_percentage_outside_0_100() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).indicator("PG1.1.2").baseline = num(150.0);
    let run = p.check();
    let f = run.one("G004");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("G3"), "PG1.1.2"));
    assert!(f.message.contains("150"), "{}", f.message);
}

#[test]
fn g005_weights_not_adding_up_in_one_sheet() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).indicator("PG1.1.2").weight = num(30.0);
    let run = p.check();
    let f = run.one("G005");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("F2"), "H1.1"));
    assert_eq!(f.other_cells, vec!["F3".to_string()]);
    assert!(
        f.message.contains("90") && f.message.contains("PG1.1.1") && f.message.contains("F3"),
        "{}",
        f.message
    );
}

#[test]
fn g005_across_two_workbooks_names_the_later_file() {
    let mut p = TestProject::valid();
    // Zabıta adds an indicator to Fen İşleri's hedef H1.1: 60 + 40 + 10 = 110.
    let zabita = p.book(ZABITA_FILE);
    let mut extra = zabita.indicator("PG1.2.1").clone();
    extra.code = "PG1.1.3".to_string();
    extra.objective = "H1.1".to_string();
    extra.weight = num(10.0);
    zabita.indicators.push(extra);
    for period in ["1. İzleme", "Yıl Sonu"] {
        let mut a = zabita.actual("PG1.2.1", period).clone();
        a.code = "PG1.1.3".to_string();
        zabita.actuals.push(a);
    }
    let run = p.check();
    let f = run.one("G005");
    assert_finding(
        f,
        Expect {
            severity: "hata",
            file: "birimler/zabita.xlsx",
            sheet: Some("Göstergeler"),
            cell: Some("F4"),
            item: "H1.1",
            birim: Some(ZABITA),
        },
    );
    assert!(
        f.other_cells.is_empty(),
        "only cells of the same sheet: {:?}",
        f.other_cells
    );
    assert!(
        f.message.contains("birimler/fen-isleri.xlsx")
            && f.message.contains("birimler/zabita.xlsx"),
        "the message names every place: {}",
        f.message
    );
    assert!(f.message.contains("110"), "{}", f.message);
}

#[test]
fn g006_hedef_without_indicator_is_about_plan_yaml() {
    let mut p = TestProject::valid();
    p.hedefler.push(Hedef {
        code: "H1.3".to_string(),
        name: "Göstergesi olmayan hedef".to_string(),
        responsible: FEN.to_string(),
        cost: Cost::Absent,
    });
    let run = p.check();
    let f = run.one("G006");
    assert_finding(
        f,
        Expect {
            severity: "hata",
            file: "plan.yaml",
            sheet: None,
            cell: None,
            item: "H1.3",
            birim: Some(FEN),
        },
    );
}

#[test]
fn g007_weight_zero() {
    let mut p = TestProject::valid();
    let b = p.book(FEN_FILE);
    b.indicator("PG1.1.1").weight = num(0.0);
    b.indicator("PG1.1.2").weight = num(100.0);
    let run = p.check();
    let f = run.one("G007");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("F2"), "PG1.1.1"));
    // The weights still add up to 100.
    assert!(run.with_code("G005").is_empty(), "{}", run.listing());
}

#[test]
fn g007_weight_over_100_also_breaks_the_sum() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).indicator("PG1.1.2").weight = num(140.0);
    let run = p.check();
    assert_finding(
        run.one("G007"),
        fen_sheet("hata", "Göstergeler", Some("F3"), "PG1.1.2"),
    );
    assert_eq!(run.with_code("G005").len(), 1);
}

fn fractions(p: &mut TestProject) {
    let b = p.book(FEN_FILE);
    let i = b.indicator("PG1.1.2");
    i.baseline = num(0.5);
    i.targets = [0.45, 0.40, 0.35, 0.30, 0.25].map(num);
    b.actual("PG1.1.2", "Yıl Sonu").value = num(0.45);
}

#[test]
fn g008_percentage_typed_as_fraction_has_no_cell() {
    let mut p = TestProject::valid();
    fractions(&mut p);
    let run = p.check();
    let f = run.one("G008");
    assert_finding(f, fen_sheet("uyari", "Göstergeler", None, "PG1.1.2"));
    assert!(f.message.contains("45"), "{}", f.message);
}

#[test]
fn g009_unknown_responsible_directorate() {
    let mut p = TestProject::valid();
    p.hedef("H1.2").responsible = "Kültür Müdürlüğü".to_string();
    let run = p.check();
    let f = run.one("G009");
    assert_finding(
        f,
        Expect {
            severity: "hata",
            file: "plan.yaml",
            sheet: None,
            cell: None,
            item: "H1.2",
            birim: None,
        },
    );
    assert!(f.message.contains("Kültür Müdürlüğü"), "{}", f.message);
}

// ---------------------------------------------------------------------------------------
// R

#[test]
fn r001_no_year_end_value() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).remove_actual("PG1.1.2", "Yıl Sonu");
    let run = p.check();
    let f = run.one("R001");
    assert_finding(f, fen_sheet("uyari", "Gerçekleşmeler", None, "PG1.1.2"));
    assert!(f.message.contains("2025"), "{}", f.message);
    // The hedef's rate is not computed, and says which indicator is missing.
    let m = &run.checked.model;
    match performance::objective_rate(m, "H1.1", 2025, Some(100.0)) {
        RateOutcome::Missing(Why::MissingIndicators(list)) => {
            assert_eq!(
                list,
                vec![("PG1.1.2".to_string(), Why::NoYearEnd { year: 2025 })]
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn r002_deviation_without_reason_points_at_the_empty_reason_cell() {
    let mut p = TestProject::valid();
    // Baseline 10, target 12, Yıl Sonu 11 → 50 %.
    p.book(FEN_FILE).actual("PG1.1.1", "Yıl Sonu").value = num(11.0);
    let run = p.check();
    let f = run.one("R002");
    assert_finding(
        f,
        fen_sheet("hata", "Gerçekleşmeler", Some("E3"), "PG1.1.1"),
    );
    assert!(f.message.contains("%50,0"), "{}", f.message);
}

#[test]
fn r002_over_achievement_needs_a_reason_too() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).actual("PG1.1.1", "Yıl Sonu").value = num(14.0);
    let run = p.check();
    let f = run.one("R002");
    assert_finding(
        f,
        fen_sheet("hata", "Gerçekleşmeler", Some("E3"), "PG1.1.1"),
    );
    assert!(f.message.contains("%200,0"), "{}", f.message);
}

#[test]
fn r002_quiet_with_a_reason_or_within_tolerance() {
    let mut p = TestProject::valid();
    let a = p.book(FEN_FILE).actual("PG1.1.1", "Yıl Sonu");
    a.value = num(11.0);
    a.reason = text("Ödenek yetersizliği nedeniyle ihale ertelendi.");
    let run = p.check();
    assert!(run.with_code("R002").is_empty(), "{}", run.listing());

    let mut p = TestProject::valid();
    p.book(FEN_FILE).actual("PG1.1.1", "Yıl Sonu").value = num(11.0);
    p.kurum_extra = "kurallar:\n  sapma_toleransi: 50".to_string();
    let run = p.check();
    assert!(run.with_code("R002").is_empty(), "{}", run.listing());

    p.kurum_extra = "kurallar:\n  sapma_toleransi: 49.9".to_string();
    let run = p.check();
    assert_eq!(run.with_code("R002").len(), 1, "{}", run.listing());
}

#[test]
fn r002_without_a_sapma_nedeni_column_has_no_cell() {
    let mut p = TestProject::valid();
    let b = p.book(FEN_FILE);
    b.reason_column = false;
    b.actual("PG1.1.1", "Yıl Sonu").value = num(11.0);
    let run = p.check();
    let f = run.one("R002");
    assert_finding(f, fen_sheet("hata", "Gerçekleşmeler", None, "PG1.1.1"));
    assert!(f.message.contains("Sapma Nedeni"), "{}", f.message);
}

#[test]
fn r003_no_interim_value_for_a_six_monthly_indicator() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).remove_actual("PG1.1.1", "1. İzleme");
    let run = p.check();
    let f = run.one("R003");
    assert_finding(f, fen_sheet("uyari", "Gerçekleşmeler", None, "PG1.1.1"));
    assert!(f.message.contains("6 Ay"), "{}", f.message);
}

// ---------------------------------------------------------------------------------------
// B

#[test]
fn b001_activity_budgets_exceed_the_program_year_appropriation() {
    let mut p = TestProject::valid();
    // 2026: 300.000 TL of activities against 250.000 TL; Bütçe Dışı is not counted.
    p.book(FEN_FILE).activity("F1.1.1", 2026).budget = num(300_000.0);
    let run = p.check();
    let f = run.one("B001");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.file.as_deref(), Some("birimler/fen-isleri.xlsx"));
    assert_eq!(f.cell, None);
    assert_eq!(f.directorate.as_deref(), Some(FEN));
    assert!(
        f.message.contains("300.000")
            && f.message.contains("250.000")
            && f.message.contains("2026"),
        "{}",
        f.message
    );
    // Off-budget money does not count against the appropriation.
    let mut p = TestProject::valid();
    p.book(FEN_FILE).activity("F1.1.1", 2026).off_budget = num(500_000.0);
    assert!(p.check().with_code("B001").is_empty());
}

#[test]
fn b002_expenditure_over_appropriation_points_at_harcama() {
    let mut p = TestProject::valid();
    p.book(ZABITA_FILE).budget_line(2025, "03").spent = num(250_000.0);
    let run = p.check();
    let f = run.one("B002");
    assert_finding(
        f,
        Expect {
            severity: "uyari",
            file: "birimler/zabita.xlsx",
            sheet: Some("Bütçe"),
            cell: Some("E2"),
            item: "03",
            birim: Some(ZABITA),
        },
    );
    assert!(
        f.message.contains("Mal ve Hizmet Alım Giderleri"),
        "{}",
        f.message
    );
}

#[test]
fn b003_past_activity_without_expenditure_or_status() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).activity("F1.1.1", 2025).spent = None;
    let run = p.check();
    assert_finding(
        run.one("B003"),
        fen_sheet("uyari", "Faaliyetler", Some("H2"), "F1.1.1"),
    );

    let mut p = TestProject::valid();
    p.book(FEN_FILE).activity("F1.1.1", 2025).status = None;
    let run = p.check();
    assert_finding(
        run.one("B003"),
        fen_sheet("uyari", "Faaliyetler", Some("I2"), "F1.1.1"),
    );

    // Both empty: one finding at the Gerçekleşen (TL) cell naming both.
    let mut p = TestProject::valid();
    let a = p.book(FEN_FILE).activity("F1.1.1", 2025);
    a.spent = None;
    a.status = None;
    let run = p.check();
    let f = run.one("B003");
    assert_eq!(f.cell.as_deref(), Some("H2"));
    assert!(f.message.contains("Durum"), "{}", f.message);
}

#[test]
fn b004_cost_estimate_differs_from_the_activities() {
    let mut p = TestProject::valid();
    p.hedef("H1.1").cost = Cost::Value(1_000_000.0);
    let run = p.check();
    let f = run.one("B004");
    assert_finding(
        f,
        Expect {
            severity: "uyari",
            file: "plan.yaml",
            sheet: None,
            cell: None,
            item: "H1.1",
            birim: Some(FEN),
        },
    );
    assert!(
        f.message.contains("1.000.000") && f.message.contains("230.000"),
        "{}",
        f.message
    );
}

// ---------------------------------------------------------------------------------------
// After amendments

const DECISION_HEAD: &str = "karar:\n  organ: Meclis\n  no: \"2025/127\"\n  tarih: 2025-10-21\ngerekce: \"Hedefler yeniden değerlendirildi.\"\ndegisiklikler:\n";

#[test]
fn rules_run_after_amendments() {
    // A decision that leaves H1.1's weights at 90 is caught by G005 like any other error.
    let mut p = TestProject::valid();
    p.extra_files.push((
        "degisiklikler/2025-127.yaml".to_string(),
        format!(
            "{DECISION_HEAD}  - gosterge: PG1.1.2\n    alan: etki\n    eski: 40\n    yeni: 30\n"
        ),
    ));
    let run = p.check();
    assert!(
        run.findings()
            .iter()
            .all(|f| !f.code.as_str().starts_with('A')),
        "{}",
        run.listing()
    );
    let f = run.one("G005");
    assert_finding(f, fen_sheet("hata", "Göstergeler", Some("F2"), "H1.1"));
    assert!(f.message.contains("2025/127"), "{}", f.message);

    // An indicator the decision adds has no cell: its findings name the decision file.
    let mut p = TestProject::valid();
    p.extra_files.push((
        "degisiklikler/2025-127.yaml".to_string(),
        format!(
            "{DECISION_HEAD}  - gosterge: PG1.2.3\n    islem: ekle\n    deger: {{hedef: H1.2, ad: \"Denetim sayısı\", olcu_birimi: Sayı, yon: Artış, etki: 0, baslangic: 0, hedefler: {{2025: 5, 2026: 4, 2027: 6, 2028: 7, 2029: 8}}, izleme: Yıllık, raporlama: Yıllık, sorumlu_birim: \"{ZABITA}\"}}\n"
        ),
    ));
    let run = p.check();
    assert!(
        run.findings()
            .iter()
            .all(|f| !f.code.as_str().starts_with('A')),
        "{}",
        run.listing()
    );
    for code in ["G003", "G007", "R001"] {
        let f = run.one(code);
        assert_eq!(
            f.file.as_deref(),
            Some("degisiklikler/2025-127.yaml"),
            "{code}"
        );
        assert_eq!(f.cell, None, "{code}");
        assert_eq!(f.item.as_deref(), Some("PG1.2.3"), "{code}");
        assert_eq!(f.directorate.as_deref(), Some(ZABITA), "{code}");
    }
}

// ---------------------------------------------------------------------------------------
// kurum.yaml overrides

#[test]
fn severity_override_and_kapali() {
    let mut p = TestProject::valid();
    fractions(&mut p);
    p.book(FEN_FILE).remove_actual("PG1.1.1", "1. İzleme");
    let run = p.check();
    assert_eq!(run.one("G008").severity, Severity::Warning);
    assert_eq!(run.one("R003").severity, Severity::Warning);

    p.kurum_extra = "kurallar:\n  seviye: {G008: hata, R003: kapali}".to_string();
    let run = p.check();
    assert_eq!(run.one("G008").severity, Severity::Error);
    assert!(run.with_code("R003").is_empty(), "{}", run.listing());
    assert_eq!(run.checked.report.summary.counts.errors, 1);
    assert_eq!(run.checked.report.summary.counts.warnings, 0);
}

// ---------------------------------------------------------------------------------------
// The reports

#[test]
fn json_report_carries_the_rule_findings() {
    let mut p = TestProject::valid();
    p.book(FEN_FILE).indicator("PG1.1.2").weight = num(30.0);
    let run = p.check();
    let json: serde_json::Value =
        serde_json::from_str(&run.checked.report.to_json()).expect("valid JSON");
    let g005 = json["bulgular"]
        .as_array()
        .expect("bulgular")
        .iter()
        .find(|b| b["kod"] == "G005")
        .expect("G005 in the JSON");
    assert_eq!(g005["seviye"], "hata");
    assert_eq!(g005["dosya"], "birimler/fen-isleri.xlsx");
    assert_eq!(g005["sayfa"], "Göstergeler");
    assert_eq!(g005["hucre"], "F2");
    assert_eq!(g005["birim"], FEN);
    assert_eq!(g005["oge"], "H1.1");
    assert_eq!(g005["diger_hucreler"], serde_json::json!(["F3"]));
    assert_eq!(json["ozet"]["hata"], 1);
}

#[test]
fn html_report_has_a_section_per_directorate_and_every_cell() {
    use scraper::{Html, Selector};

    let mut p = TestProject::valid();
    p.add_directorate(PARK, "park-bahceler.xlsx");
    // One finding at least in each directorate, one in plan.yaml without a directorate.
    p.book(FEN_FILE).indicator("PG1.1.1").baseline = None; // G001 G2
    p.book(ZABITA_FILE).budget_line(2025, "03").spent = num(250_000.0); // B002 E2
    p.book("park-bahceler.xlsx").activity("F1.3.1", 2025).status = None; // B003 I2
                                                                         // G009, with text that must be escaped.
    p.hedef("H1.2").responsible = "Kültür & <script>alert(1)</script> Müdürlüğü".to_string();
    let run = p.check();
    let out = run.dir.join("cikti");
    kitap::pipeline::write_report(&run.checked, &out).expect("report written");

    let text = std::fs::read_to_string(out.join("denetim-raporu.html")).expect("html");
    let doc = Html::parse_document(&text);
    let sel = |s: &str| Selector::parse(s).expect("selector");
    let html = doc.select(&sel("html")).next().expect("html element");
    assert_eq!(html.value().attr("lang"), Some("tr"));
    assert!(doc.select(&sel("meta[charset]")).next().is_some());
    assert!(doc.select(&sel("script")).next().is_none(), "no scripts");
    assert!(
        doc.select(&sel("link")).next().is_none(),
        "no external files"
    );
    assert!(!text.contains("<script>alert"), "data is escaped");

    let sections: Vec<_> = doc.select(&sel("section.birim")).collect();
    let titles: Vec<String> = sections
        .iter()
        .map(|s| s.select(&sel("h2")).next().expect("h2").text().collect())
        .collect();
    assert_eq!(titles, vec![FEN, ZABITA, PARK]);
    let general: Vec<_> = doc.select(&sel("section.genel")).collect();
    assert_eq!(general.len(), 1);

    let findings = run.findings();
    assert!(findings.len() >= 4, "{}", run.listing());
    for f in findings {
        let section = match &f.directorate {
            Some(d) => sections[titles.iter().position(|t| t == d).expect("section")],
            None => general[0],
        };
        let rows: Vec<String> = section
            .select(&sel("tr"))
            .map(|r| r.text().collect::<String>())
            .collect();
        let found = rows.iter().any(|r| {
            r.contains(f.code.as_str())
                && f.cell.as_deref().is_none_or(|c| r.contains(c))
                && f.sheet.as_deref().is_none_or(|s| r.contains(s))
        });
        assert!(found, "{} {} not in its section", f.code, f.place());
    }
    for (cell, section) in [("G2", 0), ("E2", 1), ("I2", 2)] {
        let cells: Vec<String> = sections[section]
            .select(&sel("td.hucre"))
            .map(|c| c.text().collect())
            .collect();
        assert!(cells.contains(&cell.to_string()), "{cell} in {cells:?}");
    }
    let g009: String = general[0].text().collect();
    assert!(
        g009.contains("G009") && g009.contains("Kültür & <script>alert(1)</script> Müdürlüğü"),
        "{g009}"
    );

    // One page per directorate, with only its findings.
    let park = std::fs::read_to_string(out.join("birimler/park-ve-bahceler-mudurlugu.html"))
        .expect("park page");
    let park_doc = Html::parse_document(&park);
    let rows: Vec<String> = park_doc
        .select(&sel("table.bulgular tr"))
        .skip(1)
        .map(|r| r.text().collect())
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("B003") && rows[0].contains("I2"));
    for page in ["fen-isleri-mudurlugu.html", "zabita-mudurlugu.html"] {
        assert!(out.join("birimler").join(page).is_file(), "{page}");
    }
    assert!(out.join("denetim-raporu.json").is_file());
}

#[test]
fn a_project_replaces_the_html_report_templates() {
    let mut p = TestProject::valid();
    p.extra_files.push((
        "report-templates/birim-raporu.html.j2".to_string(),
        "<p>{{ birim.ad }}: {{ birim.sayilar.hata }} hata</p>\n".to_string(),
    ));
    let run = p.check();
    let out = run.dir.join("cikti");
    kitap::pipeline::write_report(&run.checked, &out).expect("report written");
    let page =
        std::fs::read_to_string(out.join("birimler/fen-isleri-mudurlugu.html")).expect("fen page");
    assert_eq!(page, format!("<p>{FEN}: 0 hata</p>\n"));
    let main = std::fs::read_to_string(out.join("denetim-raporu.html")).expect("main page");
    assert!(
        main.contains("<section class=\"birim\""),
        "built-in template"
    );

    // A template that cannot be rendered names itself and writes nothing.
    let broken = run.dir.join("report-templates/denetim-raporu.html.j2");
    std::fs::write(&broken, "{{ yok.boyle }}\n").expect("template");
    let error = kitap::pipeline::write_report(&run.checked, &run.dir.join("yeni"))
        .expect_err("broken template");
    let message = error.to_string();
    assert!(
        message.contains("denetim-raporu.html.j2") && message.contains("satır 1"),
        "{message}"
    );
    assert!(!run.dir.join("yeni").exists());
}

// ---------------------------------------------------------------------------------------
// Performance over a checked project

#[test]
fn rates_of_the_valid_project() {
    let run = TestProject::valid().check();
    let m = &run.checked.model;
    let h = performance::objective_rate(m, "H1.1", 2025, Some(100.0));
    assert_eq!(
        h.rate().map(kitap::text::format::ratio),
        Some("100,0".into())
    );
    let a = performance::goal_rate(m, "A1", 2025, None);
    assert_eq!(
        a.rate().map(kitap::text::format::ratio),
        Some("100,0".into())
    );
    let b = performance::budget_realisation(m, 2025);
    assert_eq!(b.by_directorate.len(), 2);
    assert_eq!(b.by_directorate[0].directorate, FEN);
    assert_eq!(
        kitap::text::format::ratio(b.by_directorate[0].total.rate()),
        "75,0"
    );
    assert_eq!(b.by_code.len(), 1);
    assert_eq!(b.total.appropriation, 400_000.0);
    assert_eq!(kitap::text::format::ratio(b.total.rate()), "75,0");
    // 2026 has appropriations and no expenditure yet.
    assert_eq!(performance::budget_realisation(m, 2026).total.rate(), 0.0);
}
