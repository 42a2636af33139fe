//! M rules and B005: the institution-level finance of spec/finance.md — the revenue, debt and
//! affiliate data the Faaliyet Raporu's III.A needs (M002, M003), the explanations of budget
//! and revenue deviations (M004), the municipality's share in an affiliate (M005), and the
//! program year's activities and transfers against the Başlangıç Ödeneği (B005). M001, a sheet
//! in two workbooks, is found by the merge.

use super::{place, Context, MONEY_TOLERANCE};
use crate::finding::{CellRef, Code, Finding};
use crate::model::{economic_code_name, revenue_code_name, FinanceKind, FinanceSheet, Sourced};
use crate::text::format::{percent, plain_number};
use crate::text::upper_first;

fn tl(x: f64) -> String {
    format!("{} TL", plain_number(x))
}

/// The directorate whose workbook is `file` (kurum.yaml's `ad`).
fn directorate_of_file<'a>(cx: &Context<'a>, file: &str) -> Option<&'a str> {
    cx.model
        .directorates
        .iter()
        .find(|d| d.file.as_deref() == Some(file))
        .map(|d| d.name.as_str())
}

/// A finding about an institution-level sheet: in that sheet when it was sent, else in the
/// workbook of the financial services directorate (kurum.yaml's `mali_hizmetler_birimi`) when
/// it sent one; its `birim` is the directorate that can fix it.
fn at_sheet<T>(cx: &Context<'_>, f: Finding, sheet: Option<&FinanceSheet<T>>) -> Finding {
    match sheet {
        Some(s) => f
            .in_sheet(&s.file, &s.sheet)
            .directorate(directorate_of_file(cx, &s.file)),
        None => at_finance_directorate(cx, f),
    }
}

/// In the financial services directorate's workbook (no sheet), when known.
fn at_finance_directorate(cx: &Context<'_>, f: Finding) -> Finding {
    let name = cx.settings.finance_directorate.as_deref();
    let file = name
        .and_then(|n| cx.model.directorate(n))
        .and_then(|d| d.file.as_deref());
    let f = f.directorate(name);
    match file {
        Some(file) => f.in_file(file),
        None => f,
    }
}

/// "Mali Hizmetler Müdürlüğü'nün çalışma kitabına": where the sheet should go.
fn finance_workbook_text(cx: &Context<'_>) -> String {
    match cx.settings.finance_directorate.as_deref() {
        Some(name) => format!("{name} çalışma kitabına"),
        None => "mali hizmetler biriminin çalışma kitabına".to_string(),
    }
}

/// No directorate's workbook was read (a new project, or one whose workbooks have not come
/// yet): Y007 names every directorate, and a finance finding would only repeat it.
fn no_workbook_read(cx: &Context<'_>) -> bool {
    cx.model.directorates.iter().all(|d| d.file.is_none())
}

/// M002: no `Gelirler` rows for the report year.
pub fn revenue_missing(cx: &Context<'_>) -> Vec<Finding> {
    let finance = &cx.model.finance;
    if no_workbook_read(cx) {
        return Vec::new(); // Y007 says every directorate's workbook is missing.
    }
    if finance.rejected.contains(&FinanceKind::Revenue) {
        return Vec::new(); // M001 or Y003 says why.
    }
    let year = cx.model.years.report;
    if finance.revenue_of(year).next().is_some() {
        return Vec::new();
    }
    let msg = match &finance.revenue {
        Some(s) => format!(
            "“{}” sayfasında {year} yılı için satır yok: Faaliyet Raporu'nun gelir tablosu “veri yok” diyecek. {year} yılının gelirlerini ekonomik koda göre (Bütçe Tahmini ve Tahsilat) yazın.",
            s.sheet
        ),
        None => format!(
            "Hiçbir çalışma kitabında “Gelirler” sayfası yok: Faaliyet Raporu'nun gelir tablosu “veri yok” diyecek. {year} yılının gelirlerini ekonomik koda göre (Bütçe Tahmini ve Tahsilat) {} “Gelirler” sayfası olarak ekleyin (kitap sablon bu sayfayı hazırlar).",
            finance_workbook_text(cx)
        ),
    };
    vec![at_sheet(
        cx,
        Finding::new(Code::M002, msg),
        finance.revenue.as_ref(),
    )]
}

/// M003: no `Borçlar` sheet, or no `İştirakler` sheet (5393 md. 56). A sheet with no row in
/// the model counts as not sent; İştirakler's single `Yok` row says there are none.
pub fn debts_or_affiliates_missing(cx: &Context<'_>) -> Vec<Finding> {
    let finance = &cx.model.finance;
    let mut out = Vec::new();
    if no_workbook_read(cx) {
        return out; // Y007 says every directorate's workbook is missing.
    }
    let law = "5393 s. Kanun md. 56 faaliyet raporunda bunu ister";
    if !finance.rejected.contains(&FinanceKind::Debts)
        && finance.debts.as_ref().is_none_or(|s| s.row_count() == 0)
    {
        let what = "belediyenin borç durumunu (Borç Kalemi, Vade, Yıl Başı ve Yıl Sonu tutarları)";
        let msg = match &finance.debts {
            Some(s) => format!(
                "“{}” sayfası boş: Faaliyet Raporu'nun Borç Durumu bölümü verinin gönderilmediğini yazacak ({law}). Sayfaya {what} yazın; borç kalemi sıfırsa tutarı 0 yazın.",
                s.sheet
            ),
            None => format!(
                "Hiçbir çalışma kitabında “Borçlar” sayfası yok: Faaliyet Raporu'nun Borç Durumu bölümü verinin gönderilmediğini yazacak ({law}). {} “Borçlar” sayfasını ekleyip {what} yazın.",
                upper_first(&finance_workbook_text(cx))
            ),
        };
        out.push(at_sheet(
            cx,
            Finding::new(Code::M003, msg),
            finance.debts.as_ref(),
        ));
    }
    if !finance.rejected.contains(&FinanceKind::Affiliates)
        && finance
            .affiliates
            .as_ref()
            .is_none_or(|s| s.row_count() == 0)
    {
        let none = "bağlı kuruluş, işletme ya da ortaklık yoksa Adı sütununa tek satır “Yok” yazın (Türü boş kalabilir)";
        let msg = match &finance.affiliates {
            Some(s) => format!(
                "“{}” sayfası boş: Faaliyet Raporu'nun Bağlı Kuruluş, İşletme ve Ortaklıklar bölümü verinin gönderilmediğini yazacak ({law}). Belediyenin kuruluş, işletme, şirket ve birliklerini yazın; {none}.",
                s.sheet
            ),
            None => format!(
                "Hiçbir çalışma kitabında “İştirakler” sayfası yok: Faaliyet Raporu'nun Bağlı Kuruluş, İşletme ve Ortaklıklar bölümü verinin gönderilmediğini yazacak ({law}). {} “İştirakler” sayfasını ekleyin; {none}.",
                upper_first(&finance_workbook_text(cx))
            ),
        };
        out.push(at_sheet(
            cx,
            Finding::new(Code::M003, msg),
            finance.affiliates.as_ref(),
        ));
    }
    out
}

/// The empty Açıklama cell of a row, or (without the column) the sheet of `row_cell`.
fn at_explanation(
    f: Finding,
    explanation: &Sourced<Option<String>>,
    row_cell: Option<&CellRef>,
) -> Finding {
    place(f, explanation.cell.as_ref(), row_cell)
}

/// What to add when the sheet has no Açıklama column.
fn column_hint(explanation: &Sourced<Option<String>>, sheet: &str) -> String {
    if explanation.cell.is_none() {
        format!(" “{sheet}” sayfasında Açıklama sütunu yok; ekleyin.")
    } else {
        String::new()
    }
}

/// M004: a report-year Bütçe row spent below `kurallar.butce_alt_esik` or above 100 % of its
/// Toplam Ödenek, or a report-year Gelirler row collected below `kurallar.gelir_alt_esik` of
/// its Bütçe Tahmini, with an empty Açıklama. The cell is the empty Açıklama cell.
pub fn deviation_without_explanation(cx: &Context<'_>) -> Vec<Finding> {
    let year = cx.model.years.report;
    let floor = cx.settings.rules.budget_floor;
    let mut out = Vec::new();
    for l in cx.model.budget.iter().filter(|l| l.year == year) {
        let Some(spent) = l.expenditure.value else {
            continue;
        };
        if l.explanation.value.is_some() {
            continue;
        }
        let total = l.total_appropriation.value;
        let over = spent > total + MONEY_TOLERANCE;
        let rate = if total > 0.0 {
            spent / total * 100.0
        } else if spent > 0.0 {
            f64::INFINITY
        } else {
            continue; // nothing appropriated, nothing spent
        };
        let under = rate < floor;
        if !over && !under {
            continue;
        }
        let how = if over {
            format!(
                "Harcama ({}) Toplam Ödenek değerini ({}) aşıyor",
                tl(spent),
                tl(total)
            )
        } else {
            format!(
                "gerçekleşme oranı {} (Harcama {}, Toplam Ödenek {}), alt eşiğin ({}) altında",
                percent(rate),
                tl(spent),
                tl(total),
                percent(floor)
            )
        };
        let sheet = l.code_cell.as_ref().map_or("Bütçe", |c| c.sheet.as_str());
        let msg = format!(
            "{year} yılı {} ({}) ekonomik kodunda {how}; Açıklama boş. Sapmanın nedenini (5018 s. Kanun md. 41) Açıklama sütununa yazın: Faaliyet Raporu onu gider tablosunun altına basar.{}",
            l.economic_code,
            economic_code_name(&l.economic_code),
            column_hint(&l.explanation, sheet)
        );
        let f = Finding::new(Code::M004, msg)
            .item(l.economic_code.clone())
            .directorate(Some(l.directorate.as_str()).filter(|d| !d.is_empty()));
        out.push(at_explanation(f, &l.explanation, l.code_cell.as_ref()));
    }
    let floor = cx.settings.rules.revenue_floor;
    let revenue = cx.model.finance.revenue.as_ref();
    for r in cx.model.finance.revenue_of(year) {
        let (Some(collected), None) = (r.collected.value, &r.explanation.value) else {
            continue;
        };
        let estimate = r.estimate.value;
        if estimate <= 0.0 {
            continue;
        }
        let rate = collected / estimate * 100.0;
        if rate >= floor {
            continue;
        }
        let sheet = revenue.map_or("Gelirler", |s| s.sheet.as_str());
        let msg = format!(
            "{year} yılı {} ({}) gelir kodunda tahsilat oranı {} (Tahsilat {}, Bütçe Tahmini {}), alt eşiğin ({}) altında; Açıklama boş. Tahsilatın tahminin altında kalmasının nedenini Açıklama sütununa yazın: Faaliyet Raporu onu gelir tablosunun altına basar.{}",
            r.economic_code,
            revenue_code_name(&r.economic_code),
            percent(rate),
            tl(collected),
            tl(estimate),
            percent(floor),
            column_hint(&r.explanation, sheet)
        );
        let file = revenue.map(|s| s.file.as_str()).unwrap_or_default();
        let f = Finding::new(Code::M004, msg)
            .item(r.economic_code.clone())
            .directorate(directorate_of_file(cx, file));
        out.push(at_explanation(f, &r.explanation, r.code_cell.as_ref()));
    }
    out
}

/// M005: a Belediye Payı (%) outside 0–100, at its cell.
pub fn share_out_of_range(cx: &Context<'_>) -> Vec<Finding> {
    let Some(sheet) = &cx.model.finance.affiliates else {
        return Vec::new();
    };
    sheet
        .rows
        .iter()
        .filter_map(|a| {
            let share = a.share.value?;
            if (0.0..=100.0).contains(&share) {
                return None;
            }
            let msg = format!(
                "{} için Belediye Payı (%) {}: pay 0 ile 100 arasında bir yüzde olmalı (yüzde 45 için 45 yazın). Payı düzeltin.",
                a.name.value,
                plain_number(share)
            );
            let f = Finding::new(Code::M005, msg)
                .item(a.name.value.clone())
                .directorate(directorate_of_file(cx, &sheet.file));
            Some(place(f, a.share.cell.as_ref(), a.name.cell.as_ref()))
        })
        .collect()
}

/// B005: the program year's activity Bütçe (TL), summed over every directorate, plus the
/// year's transfers to other institutions exceed the institution's Başlangıç Ödeneği for that
/// year. Skipped when no Bütçe line has the program year (B001 says so per directorate).
pub fn activities_and_transfers_exceed_initial(cx: &Context<'_>) -> Vec<Finding> {
    let year = cx.model.years.program;
    let lines: Vec<_> = cx.model.budget.iter().filter(|l| l.year == year).collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let initial: f64 = lines.iter().map(|l| l.initial_appropriation.value).sum();
    let activities: f64 = cx
        .model
        .activities
        .iter()
        .filter(|a| a.year == year)
        .map(|a| a.budget.value)
        .sum();
    let transfers: f64 = cx
        .model
        .finance
        .transfers_of(year)
        .map(|t| t.amount.value)
        .sum();
    let needed = activities + transfers;
    if needed <= initial + MONEY_TOLERANCE {
        return Vec::new();
    }
    let msg = format!(
        "{year} program yılında faaliyetlerin Bütçe (TL) toplamı {} ve diğer idarelere transferler {}, birlikte {}; kurumun Başlangıç Ödeneği toplamı ise {}: {} eksik. Performans Programı'nın İdare Performans Tablosu'nda Genel Yönetim Giderleri 0 gösterilecek. Faaliyet bütçelerini ya da transferleri azaltın veya Bütçe sayfalarındaki Başlangıç Ödeneği değerlerini düzeltin.",
        tl(activities),
        tl(transfers),
        tl(needed),
        tl(initial),
        tl(needed - initial)
    );
    vec![at_finance_directorate(cx, Finding::new(Code::B005, msg))]
}
