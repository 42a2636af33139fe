//! The institution-level finance of spec/finance.md end to end: the four sheets (`Gelirler`,
//! `Borçlar`, `İştirakler`, `Transferler`) and Bütçe's Açıklama read into the model; each of
//! M001–M005 and B005 planted in a project that is otherwise clean, found at its file, sheet and
//! cell with nothing else new; hostile input in the new sheets gives findings, never a panic,
//! and the rows always balance.

mod kit;

use kit::*;
use kitap::finding::{Finding, Severity};
use kitap::model::{AffiliateKind, DebtTerm, FinanceKind};
use kitap_dev::sheetwrite::{CellValue, SheetSpec, WorkbookSpec};

const FEN_FILE: &str = "fen-isleri.xlsx";
const ZABITA_FILE: &str = "zabita.xlsx";
const MALI: &str = "Mali Hizmetler Müdürlüğü";
const MALI_FILE: &str = "mali-hizmetler.xlsx";

/// The one finding that is not `bilgi`; fails listing every finding when there are others.
fn only<'a>(run: &'a Run, code: &str) -> &'a Finding {
    let serious: Vec<&Finding> = run
        .findings()
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(
        serious.len() == 1 && serious[0].code.as_str() == code,
        "expected exactly one {code} and nothing else, found:\n{}",
        run.listing()
    );
    assert_rows_balance(&run.checked);
    serious[0]
}

/// The findings that are not `bilgi`, as `code place` lines.
fn serious(run: &Run) -> Vec<String> {
    run.findings()
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {}", f.code, f.place()))
        .collect()
}

/// The valid project with a third directorate, Mali Hizmetler, whose workbook carries the
/// institution-level sheets (moved from zabita.xlsx).
fn with_finance_directorate() -> ProjectSpec {
    let mut p = ProjectSpec::valid();
    let finance = p.book(ZABITA_FILE).finance.take();
    p.add_directorate(MALI, MALI_FILE).finance = finance;
    p
}

// ---------------------------------------------------------------------------------------
// Reading

#[test]
fn the_valid_project_reads_every_sheet_into_the_model() {
    let run = ProjectSpec::valid().check();
    assert!(serious(&run).is_empty(), "{}", run.listing());
    assert_rows_balance(&run.checked);
    let fin = &run.checked.model.finance;
    assert!(fin.rejected.is_empty());

    let revenue = fin.revenue.as_ref().expect("Gelirler sent");
    assert_eq!(revenue.file, rel(ZABITA_FILE));
    assert_eq!(revenue.sheet, "Gelirler");
    let codes: Vec<&str> = revenue
        .rows
        .iter()
        .map(|r| r.economic_code.as_str())
        .collect();
    assert_eq!(codes, ["01", "03", "09"]);
    let refunds = &revenue.rows[2];
    assert_eq!(refunds.signed_estimate(), -10_000.0);
    assert_eq!(refunds.signed_collected(), Some(-9_000.0));
    let total: f64 = fin
        .revenue_of(2025)
        .filter_map(|r| r.signed_collected())
        .sum();
    assert_eq!(total, 950_000.0 + 190_000.0 - 9_000.0);
    assert_eq!(
        revenue.rows[0].code_cell.as_ref().map(|c| c.a1()),
        Some("B2".to_string())
    );

    let debts = fin.debts.as_ref().expect("Borçlar sent");
    assert_eq!(debts.rows.len(), 2);
    assert_eq!(debts.rows[0].term.value, DebtTerm::Long);
    assert_eq!(debts.rows[1].term.value, DebtTerm::Short);
    assert_eq!(debts.rows[0].change(), -50_000.0);
    assert_eq!(
        debts.rows[1].end_of_year.cell.as_ref().map(|c| c.a1()),
        Some("D3".to_string())
    );

    let affiliates = fin.affiliates.as_ref().expect("İştirakler sent");
    assert_eq!(affiliates.declared_none, None);
    assert_eq!(affiliates.rows[0].kind.value, AffiliateKind::Company);
    assert_eq!(affiliates.rows[0].result.value, Some(-25_000.0), "a loss");
    assert_eq!(affiliates.rows[1].kind.value, AffiliateKind::Union);
    assert_eq!(affiliates.rows[1].share.value, None);

    let transfers: Vec<f64> = fin.transfers_of(2026).map(|t| t.amount.value).collect();
    assert_eq!(transfers, [25_000.0]);
    assert_eq!(
        fin.transfers.as_ref().map(|s| s.rows[0].note.value.clone()),
        Some(Some("5355 sayılı Kanun".to_string()))
    );

    // Bütçe's Açıklama.
    let line = run
        .checked
        .model
        .budget
        .iter()
        .find(|l| l.year == 2025)
        .expect("a 2025 line");
    assert_eq!(
        line.explanation.value.as_deref(),
        Some("İhale ertesi yıla kaldı.")
    );
    assert_eq!(
        line.explanation.cell.as_ref().map(|c| c.a1()),
        Some("F2".to_string())
    );
}

#[test]
fn headers_by_alias_in_any_order_and_values_typed_as_text() {
    let mut p = ProjectSpec::valid();
    p.book(ZABITA_FILE).finance = None;
    let project = TestProject::folder("finance-alias");
    p.write(&project);
    let mut book = p.book(ZABITA_FILE).spec();
    // Titles above the header, aliases, another order; `1` for 01, Turkish number text.
    let mut gelir = SheetSpec::new("GELİRLER");
    gelir.set(0, 0, "2025 Yılı Gelir Bütçesi");
    gelir.row(
        2,
        ["Gelir Kodu", "Tahmin", "Gerçekleşen", "Yıl", "Sapma Nedeni"]
            .map(|h| Some(CellValue::from(h))),
    );
    gelir.row(
        3,
        [
            Some(CellValue::from("1")),
            Some(CellValue::from("1.234.567")),
            Some(CellValue::from("1.200.000,5")),
            Some(CellValue::from("2025")),
            None,
        ],
    );
    gelir.row(
        4,
        [
            Some(CellValue::from("9")),
            Some(CellValue::from(1000.0)),
            Some(CellValue::from(900.0)),
            Some(CellValue::from(2024.0)),
            None,
        ],
    );
    let mut borc = SheetSpec::new("borclar");
    borc.row(
        0,
        ["Vade", "Alacaklı", "Dönem Başı", "Dönem Sonu", "Not"].map(|h| Some(CellValue::from(h))),
    );
    borc.row(
        1,
        [
            Some(CellValue::from("uzun vade")),
            Some(CellValue::from("Banka Kredileri")),
            Some(CellValue::from("2.500.000 TL")),
            Some(CellValue::from(0.0)),
            Some(CellValue::from("Kapatıldı")),
        ],
    );
    let mut istirak = SheetSpec::new("Iştirakler");
    istirak.row(
        0,
        ["Kuruluş", "Tür", "Hisse", "Kâr/Zarar"].map(|h| Some(CellValue::from(h))),
    );
    istirak.row(
        1,
        [
            Some(CellValue::from("Su ve Kanalizasyon İşletmesi")),
            Some(CellValue::from("işletme")),
            Some(CellValue::from("%100")),
            Some(CellValue::from("-1.250,5")),
        ],
    );
    let mut transfer = SheetSpec::new("Transferler");
    transfer.row(
        0,
        ["Kurum", "Tutar", "Dayanak", "Yıl"].map(|h| Some(CellValue::from(h))),
    );
    book.sheets.extend([gelir, borc, istirak, transfer]);
    project.write(&rel(ZABITA_FILE), &book);
    let checked = project.check();
    let fin = &checked.model.finance;
    let revenue = fin.revenue.as_ref().expect("read");
    assert_eq!(revenue.sheet, "GELİRLER");
    let r = &revenue.rows[1];
    assert_eq!((r.year, r.economic_code.as_str()), (2025, "01"));
    assert_eq!(
        r.estimate.value, 1_234_567.0,
        "several dot groups: thousands"
    );
    assert_eq!(r.collected.value, Some(1_200_000.5));
    assert_eq!(
        r.estimate.cell.as_ref().map(|c| c.a1()),
        Some("B4".to_string())
    );
    assert_eq!(
        revenue.rows[0].year, 2024,
        "the year before the report year"
    );
    let d = &fin.debts.as_ref().expect("read").rows[0];
    assert_eq!(d.term.value, DebtTerm::Long);
    assert_eq!(d.item.value, "Banka Kredileri");
    assert_eq!(d.start_of_year.value, 2_500_000.0);
    assert_eq!(d.note.value.as_deref(), Some("Kapatıldı"));
    let a = &fin.affiliates.as_ref().expect("read").rows[0];
    assert_eq!(a.kind.value, AffiliateKind::Enterprise);
    assert_eq!(a.share.value, Some(100.0));
    assert_eq!(a.result.value, Some(-1250.5));
    // An empty Transferler is sent: there were no transfers.
    assert_eq!(fin.transfers.as_ref().map(|s| s.rows.len()), Some(0));
    let bad: Vec<_> = checked
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {} {}", f.code, f.place(), f.message))
        .collect();
    // Gelirler 2025: 09 of 2024 is not the report year; 01 is collected at 97 %.
    assert!(bad.is_empty(), "{bad:#?}");
    assert_rows_balance(&checked);
}

// ---------------------------------------------------------------------------------------
// M001–M005, B005: each alone

#[test]
fn m001_a_sheet_in_two_workbooks_is_used_from_neither() {
    let mut p = ProjectSpec::valid();
    let mut copy = FinanceSpec::valid();
    copy.debts = None;
    copy.affiliates = None;
    copy.transfers = None;
    p.book(FEN_FILE).finance = Some(copy);
    let run = p.check();
    let f = only(&run, "M001");
    assert_eq!(f.severity, Severity::Error);
    // The later file in sorted order carries it; the message names both.
    assert_at(f, &rel(ZABITA_FILE), Some("Gelirler"), None);
    assert_eq!(f.directorate.as_deref(), Some(ZABITA));
    assert!(
        f.message.contains(&rel(FEN_FILE)) && f.message.contains(&rel(ZABITA_FILE)),
        "{}",
        f.message
    );
    let fin = &run.checked.model.finance;
    assert!(fin.revenue.is_none());
    assert_eq!(fin.rejected, [FinanceKind::Revenue]);
    // The other sheets of zabita.xlsx are used; both copies' rows are rejected.
    assert!(fin.debts.is_some() && fin.transfers.is_some());
    let entry = |file: &str| {
        run.checked
            .report
            .files
            .iter()
            .find(|e| e.file == rel(file))
            .expect("file entry")
            .clone()
    };
    assert_eq!(entry(FEN_FILE).rows_rejected, 3);
    assert_eq!(entry(ZABITA_FILE).rows_rejected, 3);
}

#[test]
fn m002_no_revenue_rows_for_the_report_year() {
    // Only the year before the report year.
    let mut p = ProjectSpec::valid();
    for r in p.finance().revenue.as_mut().expect("rows") {
        r.year = 2024;
    }
    let run = p.check();
    let f = only(&run, "M002");
    assert_eq!(f.severity, Severity::Warning);
    assert_at(f, &rel(ZABITA_FILE), Some("Gelirler"), None);
    assert!(f.message.contains("2025") && f.message.contains("veri yok"));

    // No Gelirler sheet at all: the Mali Hizmetler workbook is named.
    let mut p = with_finance_directorate();
    p.finance().revenue = None;
    let run = p.check();
    let f = only(&run, "M002");
    assert_at(f, &rel(MALI_FILE), None, None);
    assert_eq!(f.directorate.as_deref(), Some(MALI));
    assert!(f
        .message
        .contains("Hiçbir çalışma kitabında “Gelirler” sayfası yok"));
    assert!(f.message.contains(MALI), "{}", f.message);
}

#[test]
fn m003_no_debt_or_affiliate_data() {
    let mut p = with_finance_directorate();
    p.finance().debts = None;
    let run = p.check();
    let f = only(&run, "M003");
    assert_at(f, &rel(MALI_FILE), None, None);
    assert!(f.message.contains("“Borçlar” sayfası yok"), "{}", f.message);
    assert!(f.message.contains("5393"), "{}", f.message);

    // An empty İştirakler sheet is not data: M003 names the sheet and the `Yok` row.
    let mut p = ProjectSpec::valid();
    p.finance().affiliates = Some(Vec::new());
    let run = p.check();
    let f = only(&run, "M003");
    assert_at(f, &rel(ZABITA_FILE), Some("İştirakler"), None);
    assert!(f.message.contains("“Yok”"), "{}", f.message);

    // The single `Yok` row: no affiliates, nothing to report; Türü may stay empty.
    let mut p = ProjectSpec::valid();
    p.finance().affiliates = Some(vec![AffiliateSpec {
        name: text("YOK"),
        kind: None,
        field: None,
        capital: None,
        share: None,
        result: None,
        note: None,
    }]);
    let run = p.check();
    assert!(serious(&run).is_empty(), "{}", run.listing());
    assert_rows_balance(&run.checked);
    let a = run.checked.model.finance.affiliates.as_ref().expect("sent");
    assert!(a.rows.is_empty());
    assert_eq!(
        a.declared_none.as_ref().map(|c| c.a1()),
        Some("A2".to_string())
    );
}

#[test]
fn m004_budget_deviation_without_explanation_names_the_empty_cell() {
    let mut p = ProjectSpec::valid();
    p.book(FEN_FILE).budget_line(2025, "03").explanation = None;
    let run = p.check();
    let f = only(&run, "M004");
    assert_eq!(f.severity, Severity::Warning);
    assert_at(f, &rel(FEN_FILE), Some("Bütçe"), Some("F2"));
    assert_eq!(f.item.as_deref(), Some("03"));
    assert_eq!(f.directorate.as_deref(), Some(FEN));
    assert!(
        f.message.contains("%75,0") && f.message.contains("%85,0"),
        "{}",
        f.message
    );

    // A lower threshold lets 75 % pass.
    p.kurum_extra = "kurallar: {butce_alt_esik: 70}".to_string();
    let run = p.check();
    assert!(serious(&run).is_empty(), "{}", run.listing());
}

#[test]
fn m004_spending_over_the_appropriation_needs_a_reason_too() {
    let mut p = ProjectSpec::valid();
    let line = p.book(FEN_FILE).budget_line(2025, "03");
    line.spent = num(210_000.0);
    line.explanation = None;
    let run = p.check();
    let m004 = run.one("M004");
    assert_at(m004, &rel(FEN_FILE), Some("Bütçe"), Some("F2"));
    assert!(m004.message.contains("aşıyor"), "{}", m004.message);
    // B002 asks to fix the amounts; nothing else.
    assert_eq!(serious(&run).len(), 2, "{}", run.listing());
    run.one("B002");
}

#[test]
fn m004_revenue_collected_below_the_threshold() {
    let mut p = ProjectSpec::valid();
    p.finance().revenue.as_mut().expect("rows")[0].collected = num(700_000.0);
    let run = p.check();
    let f = only(&run, "M004");
    assert_at(f, &rel(ZABITA_FILE), Some("Gelirler"), Some("E2"));
    assert_eq!(f.item.as_deref(), Some("01"));
    assert_eq!(f.directorate.as_deref(), Some(ZABITA));
    assert!(
        f.message.contains("Vergi Gelirleri") && f.message.contains("%70,0"),
        "{}",
        f.message
    );

    // Explained: quiet. Or a lower gelir_alt_esik.
    p.finance().revenue.as_mut().expect("rows")[0].explanation =
        text("Emlak vergisi tahakkukları ertelendi.");
    assert!(serious(&p.check()).is_empty());
    p.finance().revenue.as_mut().expect("rows")[0].explanation = None;
    p.kurum_extra = "kurallar: {gelir_alt_esik: 60}".to_string();
    let run = p.check();
    assert!(serious(&run).is_empty(), "{}", run.listing());
}

#[test]
fn m005_share_outside_0_to_100() {
    for share in [120.0, -5.0] {
        let mut p = ProjectSpec::valid();
        p.finance().affiliates.as_mut().expect("rows")[0].share = num(share);
        let run = p.check();
        let f = only(&run, "M005");
        assert_eq!(f.severity, Severity::Error);
        assert_at(f, &rel(ZABITA_FILE), Some("İştirakler"), Some("E2"));
        assert_eq!(f.item.as_deref(), Some("Deneme Belediyesi İnşaat A.Ş."));
        // Kept in the model, flagged: an M finding never rejects a row.
        let a = run.checked.model.finance.affiliates.as_ref().expect("sent");
        assert_eq!(a.rows[0].share.value, Some(share));
    }
}

#[test]
fn b005_activities_and_transfers_over_the_initial_appropriation() {
    // 2026: activities 3 × 120.000, Başlangıç Ödeneği 3 × 250.000; transfers 400.000.
    let mut p = with_finance_directorate();
    p.finance().transfers.as_mut().expect("rows")[1].amount = num(400_000.0);
    let run = p.check();
    let f = only(&run, "B005");
    assert_eq!(f.severity, Severity::Warning);
    assert_at(f, &rel(MALI_FILE), None, None);
    assert_eq!(f.directorate.as_deref(), Some(MALI));
    assert!(
        f.message.contains("2026")
            && f.message.contains("360.000 TL")
            && f.message.contains("400.000 TL")
            && f.message.contains("750.000 TL")
            && f.message.contains("10.000 TL eksik"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("Genel Yönetim Giderleri"),
        "{}",
        f.message
    );
}

// ---------------------------------------------------------------------------------------
// Closed sets, codes, rejected rows

#[test]
fn unknown_values_are_d005_and_bad_amounts_reject_their_row() {
    let mut p = ProjectSpec::valid();
    {
        let fin = p.finance();
        let revenue = fin.revenue.as_mut().expect("rows");
        revenue[1].code = text("07"); // no 07 among revenue codes
        revenue.push(RevenueSpec {
            year: 2025,
            code: text("1"),
            estimate: text("yok"),
            collected: None,
            explanation: None,
        });
        let debts = fin.debts.as_mut().expect("rows");
        debts[0].term = text("Orta Vadeli");
        debts[1].start = num(-1.0);
        let affiliates = fin.affiliates.as_mut().expect("rows");
        affiliates[1].kind = text("Vakıf");
        fin.transfers.as_mut().expect("rows")[0].amount = text("27.122");
        fin.transfers.as_mut().expect("rows")[1].year = num(2035.0);
    }
    let run = p.check();
    let mut got = serious(&run);
    got.sort();
    let z = rel(ZABITA_FILE);
    let mut want = vec![
        format!("D005 {z} › Gelirler › B3"),
        format!("D001 {z} › Gelirler › C5"),
        format!("D005 {z} › Borçlar › B2"),
        format!("D009 {z} › Borçlar › C3"),
        format!("D005 {z} › İştirakler › B3"),
        format!("D006 {z} › Transferler › C2"),
        format!("D004 {z} › Transferler › A3"),
        // Both debt rows rejected: no Borçlar data left.
        format!("M003 {z} › Borçlar"),
    ];
    want.sort();
    assert_eq!(got, want, "{}", run.listing());
    let d005 = run
        .findings()
        .iter()
        .find(|f| f.place().ends_with("Gelirler › B3"))
        .expect("D005");
    assert!(
        d005.message.contains("01 Vergi Gelirleri") && d005.message.contains("09 Red ve İadeler"),
        "{}",
        d005.message
    );
    let fin = &run.checked.model.finance;
    assert_eq!(
        fin.transfers.as_ref().expect("sent").rows[0].amount.value,
        27_122.0
    );
    assert_eq!(fin.revenue.as_ref().expect("sent").rows.len(), 2);
    assert_rows_balance(&run.checked);
}

#[test]
fn a_yok_row_among_affiliates_is_rejected() {
    let mut p = ProjectSpec::valid();
    p.finance()
        .affiliates
        .as_mut()
        .expect("rows")
        .push(AffiliateSpec {
            name: text("Yok"),
            kind: None,
            field: None,
            capital: None,
            share: None,
            result: None,
            note: None,
        });
    let run = p.check();
    let f = only(&run, "D005");
    assert_at(f, &rel(ZABITA_FILE), Some("İştirakler"), Some("A4"));
    assert_eq!(
        run.checked
            .model
            .finance
            .affiliates
            .as_ref()
            .expect("sent")
            .rows
            .len(),
        2
    );

    // Above the rows, too.
    let mut p = ProjectSpec::valid();
    p.finance().affiliates.as_mut().expect("rows").insert(
        0,
        AffiliateSpec {
            name: text("Yok"),
            kind: None,
            field: None,
            capital: None,
            share: None,
            result: None,
            note: None,
        },
    );
    let run = p.check();
    let f = only(&run, "D005");
    assert_at(f, &rel(ZABITA_FILE), Some("İştirakler"), Some("A2"));
    let a = run.checked.model.finance.affiliates.as_ref().expect("sent");
    assert_eq!((a.rows.len(), a.declared_none.clone()), (2, None));
}

#[test]
fn a_finance_sheet_without_its_columns_is_y003_and_no_m003() {
    let p = TestProject::valid("finance-y003");
    let mut z = zabita();
    let borc = sheet(&mut z, "Borçlar");
    borc.cells.remove(&(0, 1)); // Vade
    p.write("birimler/zabita.xlsx", &z);
    let c = p.check();
    let bad: Vec<String> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {}", f.code, f.place()))
        .collect();
    assert_eq!(
        bad,
        ["Y003 birimler/zabita.xlsx › Borçlar › A1"],
        "{bad:#?}"
    );
    assert_eq!(c.model.finance.rejected, [FinanceKind::Debts]);
    assert_rows_balance(&c);
}

// ---------------------------------------------------------------------------------------
// Hostile input

#[test]
fn merged_cells_in_a_finance_sheet_apply_to_every_row() {
    let p = TestProject::valid("finance-merged");
    let mut z = zabita();
    let gelir = sheet(&mut z, "Gelirler");
    // Yıl written once, merged over the three revenue rows.
    gelir.cells.remove(&(2, 0));
    gelir.cells.remove(&(3, 0));
    gelir.merge(1, 0, 3, 0);
    let transfer = sheet(&mut z, "Transferler");
    // Alıcı Kurum merged over both transfer rows.
    transfer.cells.remove(&(2, 1));
    transfer.merge(1, 1, 2, 1);
    p.write("birimler/zabita.xlsx", &z);
    let c = p.check();
    let fin = &c.model.finance;
    assert_eq!(fin.revenue_of(2025).count(), 3);
    assert_eq!(
        fin.transfers_of(2026)
            .next()
            .map(|t| t.recipient.value.as_str()),
        Some("Deneme Belediyeler Birliği")
    );
    let bad: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    assert_rows_balance(&c);
}

#[test]
fn a_gelirler_sheet_of_100000_rows_gives_findings_not_a_panic() {
    let p = TestProject::valid("finance-huge");
    let mut z = zabita();
    let mut gelir = SheetSpec::new("Gelirler");
    gelir.row(0, REVENUE_HEADER.iter().map(|h| text(h)));
    let codes = ["01", "02", "03", "04", "05", "06", "08", "09", "07", "x"];
    for i in 1..100_000u32 {
        let code = codes[i as usize % codes.len()];
        gelir
            .set(i, 0, 2025.0)
            .set(i, 1, code)
            .set(i, 2, f64::from(i));
        if i % 7 == 0 {
            gelir.set(i, 3, "çok");
        }
    }
    z.sheets.retain(|s| s.name != "Gelirler");
    z.sheets.push(gelir);
    p.write("birimler/zabita.xlsx", &z);
    let started = std::time::Instant::now();
    let c = p.check();
    eprintln!("100.000 satırlık Gelirler: {:?}", started.elapsed());
    assert_rows_balance(&c);
    let bad: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(bad.len() > 10_000, "{}", bad.len());
    // The first row of each code is kept; the rest are D003, D005 or D001.
    let fin = &c.model.finance;
    assert_eq!(fin.revenue.as_ref().map(|s| s.rows.len()), Some(8));
}

#[test]
fn the_files_of_a_broken_finance_workbook_still_balance() {
    // A workbook with only the finance sheets and an unknown directorate: Y005, nothing else.
    let p = TestProject::valid("finance-y005");
    let mut book = WorkbookSpec {
        sheets: vec![birim_sheet("Muhasebe Müdürlüğü")],
    };
    book.sheets.extend(FinanceSpec::valid().sheets());
    p.write("birimler/muhasebe.xlsx", &book);
    let c = p.check();
    let bad: Vec<String> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {}", f.code, f.place()))
        .collect();
    assert_eq!(
        bad,
        ["Y005 birimler/muhasebe.xlsx › Birim › B1"],
        "{bad:#?}"
    );
    assert_rows_balance(&c);
    // zabita.xlsx's sheets are the ones used.
    assert_eq!(
        c.model.finance.revenue.as_ref().map(|s| s.file.as_str()),
        Some("birimler/zabita.xlsx")
    );
}

#[test]
fn unprintable_characters_in_finance_texts_are_named_at_their_cells() {
    let mut p = ProjectSpec::valid();
    p.finance().debts.as_mut().expect("rows")[0].item = text("İller\u{7} Bankası");
    p.finance().affiliates.as_mut().expect("rows")[1].note = text("Birlik 漢");
    p.book(FEN_FILE).budget_line(2025, "03").explanation = text("İhale\u{1b} kaldı.");
    let run = p.check();
    let mut got = serious(&run);
    got.sort();
    let mut want = vec![
        format!("D011 {} › Borçlar › A2", rel(ZABITA_FILE)),
        format!("D010 {} › İştirakler › G3", rel(ZABITA_FILE)),
        format!("D011 {} › Bütçe › F2", rel(FEN_FILE)),
    ];
    want.sort();
    assert_eq!(got, want, "{}", run.listing());
    assert_rows_balance(&run.checked);
}

#[test]
fn the_bundled_example_sends_every_sheet_from_mali_hizmetler() {
    let c = kitap::pipeline::check(&example_dir(), &kitap::pipeline::Options::default())
        .expect("example loads");
    let serious: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert_rows_balance(&c);
    let settings = kitap::config::parse_settings(
        "kurum.yaml",
        &std::fs::read_to_string(example_dir().join("kurum.yaml")).expect("kurum.yaml"),
    )
    .expect("valid");
    assert_eq!(settings.finance_directorate.as_deref(), Some(MALI));
    assert!(settings.declaration_date.is_some());
    let fin = &c.model.finance;
    let file = "birimler/mali-hizmetler.xlsx";
    for (kind, sheet_file) in [
        ("Gelirler", fin.revenue.as_ref().map(|s| s.file.as_str())),
        ("Borçlar", fin.debts.as_ref().map(|s| s.file.as_str())),
        (
            "İştirakler",
            fin.affiliates.as_ref().map(|s| s.file.as_str()),
        ),
        (
            "Transferler",
            fin.transfers.as_ref().map(|s| s.file.as_str()),
        ),
    ] {
        assert_eq!(sheet_file, Some(file), "{kind}");
    }
    // Revenue by code for the report year and the year before, 09 subtracted.
    for year in [2024, 2025] {
        let codes: Vec<&str> = fin
            .revenue_of(year)
            .map(|r| r.economic_code.as_str())
            .collect();
        assert_eq!(codes, ["01", "03", "04", "05", "06", "08", "09"], "{year}");
    }
    let collected: f64 = fin
        .revenue_of(2025)
        .filter_map(|r| r.signed_collected())
        .sum();
    let refunds = fin
        .revenue_of(2025)
        .find(|r| r.economic_code == "09")
        .and_then(|r| r.collected.value)
        .expect("09");
    assert!(refunds > 0.0 && collected > 2_000_000_000.0, "{collected}");
    // Debts of both terms, with İller Bankası, a bank credit, SGK and tax items.
    let debts = &fin.debts.as_ref().expect("sent").rows;
    for item in ["İller Bankası", "Banka Kredileri", "SGK", "Vergi"] {
        assert!(debts.iter().any(|d| d.item.value.contains(item)), "{item}");
    }
    assert!(debts.iter().any(|d| d.term.value == DebtTerm::Short));
    assert!(debts.iter().any(|d| d.term.value == DebtTerm::Long));
    // One municipal company and one union; the transfers go to the union.
    let affiliates = &fin.affiliates.as_ref().expect("sent").rows;
    let kinds: Vec<AffiliateKind> = affiliates.iter().map(|a| a.kind.value).collect();
    assert_eq!(kinds, [AffiliateKind::Company, AffiliateKind::Union]);
    let union = &affiliates[1].name.value;
    for year in [2025, 2026] {
        let to_union: Vec<_> = fin.transfers_of(year).collect();
        assert!(
            !to_union.is_empty() && to_union.iter().all(|t| &t.recipient.value == union),
            "{year}"
        );
    }
}
