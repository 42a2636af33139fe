//! The Faaliyet Raporu's III.A Mali Bilgiler beyond the expenditure tables (spec/finance.md):
//! the explanations of deviating codes, the revenue table, the budget balance, the debt
//! position, the affiliates and the transfers. A sheet that was not sent (or was rejected) gives
//! its section a sentence saying so (`eksik`) instead of rows.

use serde::Serialize;

use super::common::{empty, money, percent, rate, Sum, NO_DATA};
use super::marks::{Cell, MarkedCell, Marks};
use crate::config::Settings;
use crate::model::{economic_code_name, DebtTerm, FinanceKind, Model, REFUNDS_CODE, REVENUE_CODES};

/// `mali`: the sections of III.A after the expenditure tables.
#[derive(Debug, Clone, Serialize)]
pub struct FinanceInfo {
    /// Under the expenditure tables: the Açıklama of every Bütçe row whose rate M004 flags
    /// (`açıklama yazılmadı` when empty).
    pub gider_aciklamalari: Vec<String>,
    pub gelir: RevenueSection,
    pub denge: BalanceSection,
    pub borclar: DebtSection,
    pub istirakler: AffiliateSection,
    pub transferler: TransferSection,
}

/// Gelir: by revenue code, 09 subtracted.
#[derive(Debug, Clone, Serialize)]
pub struct RevenueSection {
    /// None when there are rows; else why there are none (not sent, rejected, no row for t).
    pub eksik: Option<String>,
    /// The previous year (`2024`) when the sheet has its Tahsilat: a column beside the table.
    pub onceki_yil: Option<String>,
    pub satirlar: Vec<RevenueRow>,
    pub toplam: RevenueCells,
    /// Bütçe Tahmini and Tahsilat per code.
    pub grafik: Vec<RevenueBar>,
    /// The Açıklama of every code whose collection M004 flags.
    pub aciklamalar: Vec<String>,
}

/// A group of the revenue chart: `degerler` is Bütçe Tahmini and Tahsilat. Printed whole:
/// alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct RevenueBar {
    pub aciklama: &'static str,
    pub degerler: [f64; 2],
    pub etiket: &'static str,
}

/// A row of the revenue table: code and name as text, amounts as cells (09 with a minus).
#[derive(Debug, Clone, Serialize)]
pub struct RevenueRow {
    pub kod: &'static str,
    pub ad: &'static str,
    #[serde(flatten)]
    pub tutarlar: RevenueCells,
}

/// Bütçe Tahmini, Tahsilat, Gerçekleşme (%) and the previous year's Tahsilat as cells.
#[derive(Debug, Clone, Serialize)]
pub struct RevenueCells {
    pub tahmin: MarkedCell,
    pub tahsilat: MarkedCell,
    pub oran: MarkedCell,
    pub onceki: MarkedCell,
}

/// Bütçe dengesi: `[[etiket, tutar], …]` and the sentence saying fazla / açık.
#[derive(Debug, Clone, Serialize)]
pub struct BalanceSection {
    pub eksik: Option<String>,
    pub satirlar: Vec<(String, String)>,
    pub sonuc: String,
}

/// Borç Durumu: the rows grouped by Vade with subtotals, then Toplam.
#[derive(Debug, Clone, Serialize)]
pub struct DebtSection {
    pub eksik: Option<String>,
    pub satirlar: Vec<DebtRow>,
}

/// A debt row: `tur` is `grup` for a Vade heading (only `kalem`), `normal` for an item,
/// `toplam` for a subtotal and the total.
#[derive(Debug, Clone, Serialize)]
pub struct DebtRow {
    pub tur: &'static str,
    pub kalem: MarkedCell,
    pub yil_basi: MarkedCell,
    pub yil_sonu: MarkedCell,
    pub degisim: MarkedCell,
    pub degisim_orani: MarkedCell,
}

/// Bağlı Kuruluş, İşletme ve Ortaklıklar.
#[derive(Debug, Clone, Serialize)]
pub struct AffiliateSection {
    pub eksik: Option<String>,
    /// The sentence for the single `Yok` row.
    pub yok: Option<String>,
    pub satirlar: Vec<AffiliateRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AffiliateRow {
    pub ad: MarkedCell,
    pub tur: MarkedCell,
    pub alan: MarkedCell,
    pub sermaye: MarkedCell,
    pub pay: MarkedCell,
    pub sonuc: MarkedCell,
}

/// Diğer İdarelere Yapılan Transferler of the report year.
#[derive(Debug, Clone, Serialize)]
pub struct TransferSection {
    pub eksik: Option<String>,
    pub satirlar: Vec<TransferRow>,
    pub toplam: MarkedCell,
}

#[derive(Debug, Clone, Serialize)]
pub struct TransferRow {
    pub alici: MarkedCell,
    pub tutar: MarkedCell,
    pub aciklama: MarkedCell,
}

/// Why a sheet's section has no rows: not sent, or sent but not usable.
fn not_sent(model: &Model, kind: FinanceKind, what: &str) -> Option<String> {
    if model.finance.rejected.contains(&kind) {
        Some(format!(
            "{} sayfası gönderildi ancak kullanılamadı (denetim raporuna bakın): {what} verisi bu raporda yer almamaktadır.",
            kind.sheet_name()
        ))
    } else if !model.finance.sent(kind) {
        Some(format!(
            "{} sayfası gönderilmediği için {what} verisi bu raporda yer almamaktadır.",
            kind.sheet_name()
        ))
    } else {
        None
    }
}

/// The sections whose data was not sent (M002, M003: no sheet, an empty sheet, no revenue row
/// for t; or a sheet that could not be used), as the note under the Mali Hizmetler
/// declaration names them.
pub(crate) fn missing_sections(model: &Model, t: i32) -> Vec<String> {
    let mut out = Vec::new();
    if model.finance.revenue_of(t).next().is_none() {
        out.push("Gelir Bütçesi Uygulama Sonuçları".to_string());
    }
    if model
        .finance
        .debts
        .as_ref()
        .is_none_or(|s| s.row_count() == 0)
    {
        out.push("Borç Durumu".to_string());
    }
    if model
        .finance
        .affiliates
        .as_ref()
        .is_none_or(|s| s.row_count() == 0)
    {
        out.push("Bağlı Kuruluş, İşletme ve Ortaklıklar".to_string());
    }
    out
}

pub(crate) fn context(model: &Model, settings: &Settings, marks: &Marks, t: i32) -> FinanceInfo {
    let revenue = revenue(model, settings, marks, t);
    FinanceInfo {
        gider_aciklamalari: expenditure_notes(model, settings, t),
        denge: balance(model, t),
        gelir: revenue,
        borclar: debts(model, marks),
        istirakler: affiliates(model, marks),
        transferler: transfers(model, marks, t),
    }
}

fn explanation_text(e: &Option<String>) -> String {
    e.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| "açıklama yazılmadı".to_string())
}

/// The Bütçe rows of t whose rate M004 flags (below `kurallar.butce_alt_esik`, above 100 %),
/// with their Açıklama.
fn expenditure_notes(model: &Model, settings: &Settings, t: i32) -> Vec<String> {
    let floor = settings.rules.budget_floor;
    let mut out = Vec::new();
    for l in model.budget.iter().filter(|l| l.year == t) {
        let Some(spent) = l.expenditure.value else {
            continue;
        };
        let total = l.total_appropriation.value;
        if total <= 0.0 {
            continue;
        }
        let r = spent / total * 100.0;
        if r >= floor && spent <= total + 0.005 {
            continue;
        }
        out.push(format!(
            "{} {} ({}, {}): {}",
            l.economic_code,
            economic_code_name(&l.economic_code),
            l.directorate,
            percent(r),
            explanation_text(&l.explanation.value)
        ));
    }
    out
}

fn revenue(model: &Model, settings: &Settings, marks: &Marks, t: i32) -> RevenueSection {
    let lines: Vec<_> = model.finance.revenue_of(t).collect();
    let previous: Vec<_> = model
        .finance
        .revenue_of(t - 1)
        .filter(|r| r.collected.value.is_some())
        .collect();
    let eksik = not_sent(model, FinanceKind::Revenue, "gelir bütçesi").or_else(|| {
        lines.is_empty().then(|| {
            format!("Gelirler sayfasında {t} yılı satırı yok: gelir bütçesi için veri yok.")
        })
    });
    let mut rows = Vec::new();
    let mut chart = Vec::new();
    let mut notes = Vec::new();
    let (mut est_total, mut col_total, mut prev_total) =
        (Sum::default(), Sum::default(), Sum::default());
    for (code, name) in REVENUE_CODES {
        let of_code: Vec<_> = lines.iter().filter(|l| l.economic_code == code).collect();
        let prev_of_code: Vec<_> = previous
            .iter()
            .filter(|l| l.economic_code == code)
            .collect();
        if of_code.is_empty() && prev_of_code.is_empty() {
            continue;
        }
        let (mut est, mut col, mut prev) = (Sum::default(), Sum::default(), Sum::default());
        let (mut est_plain, mut col_plain) = (0.0, 0.0);
        for l in &of_code {
            est.add(l.signed_estimate(), &marks.sourced(&l.estimate, ""));
            est_plain += l.estimate.value;
            match l.signed_collected() {
                Some(c) => {
                    col.add(c, &marks.sourced(&l.collected, ""));
                    col_plain += l.collected.value.unwrap_or(0.0);
                }
                None => col.marks.absorb(&marks.sourced(&l.collected, "")),
            }
            if let Some(c) = l.collected.value {
                if l.estimate.value > 0.0
                    && c / l.estimate.value * 100.0 < settings.rules.revenue_floor
                {
                    notes.push(format!(
                        "{code} {name} ({}): {}",
                        percent(c / l.estimate.value * 100.0),
                        explanation_text(&l.explanation.value)
                    ));
                }
            }
        }
        for l in &prev_of_code {
            if let Some(c) = l.signed_collected() {
                prev.add(c, &marks.sourced(&l.collected, ""));
            }
        }
        est_total.add_sum(&est);
        col_total.add_sum(&col);
        prev_total.add_sum(&prev);
        if est.any && code != REFUNDS_CODE {
            chart.push(RevenueBar {
                aciklama: name,
                degerler: [est_plain, col_plain],
                etiket: code,
            });
        }
        rows.push(RevenueRow {
            kod: code,
            ad: name,
            tutarlar: revenue_cells(marks, &est, &col, &prev),
        });
    }
    RevenueSection {
        eksik,
        onceki_yil: (!previous.is_empty()).then(|| (t - 1).to_string()),
        satirlar: rows,
        toplam: revenue_cells(marks, &est_total, &col_total, &prev_total),
        grafik: chart,
        aciklamalar: notes,
    }
}

fn revenue_cells(marks: &Marks, est: &Sum, col: &Sum, prev: &Sum) -> RevenueCells {
    let mut rate_cell = est.marks.clone();
    rate_cell.absorb(&col.marks);
    let text = if est.any && col.any && est.value.abs() > 0.0 {
        rate(col.value / est.value * 100.0)
    } else if est.any && !col.any {
        NO_DATA.to_string()
    } else {
        empty()
    };
    RevenueCells {
        tahmin: marks.value(&est.cell()),
        tahsilat: marks.value(&if col.any {
            col.cell()
        } else {
            col.marks.with_text(NO_DATA)
        }),
        oran: marks.value(&rate_cell.with_text(text)),
        onceki: marks.value(&prev.cell()),
    }
}

/// Bütçe dengesi: revenue collected in t (09 subtracted), spending in t, the difference.
fn balance(model: &Model, t: i32) -> BalanceSection {
    let collected: Vec<f64> = model
        .finance
        .revenue_of(t)
        .filter_map(|r| r.signed_collected())
        .collect();
    let spent: f64 = model
        .budget
        .iter()
        .filter(|l| l.year == t)
        .filter_map(|l| l.expenditure.value)
        .sum();
    if collected.is_empty() {
        return BalanceSection {
            eksik: Some(format!(
                "{t} yılı gelir tahsilatı bilinmediği için bütçe dengesi hesaplanamadı."
            )),
            satirlar: Vec::new(),
            sonuc: String::new(),
        };
    }
    let revenue: f64 = collected.iter().sum();
    let diff = revenue - spent;
    let (label, sentence) = if diff >= 0.0 {
        (
            "Bütçe Fazlası",
            format!(
                "{t} yılında tahsil edilen gelirler harcamaları {} TL aşmış, bütçe fazla vermiştir.",
                money(diff)
            ),
        )
    } else {
        (
            "Bütçe Açığı",
            format!(
                "{t} yılında harcamalar tahsil edilen gelirleri {} TL aşmış, bütçe açık vermiştir.",
                money(-diff)
            ),
        )
    };
    BalanceSection {
        eksik: None,
        satirlar: vec![
            (
                "Tahsil Edilen Gelirler (Red ve İadeler düşülmüş)".to_string(),
                format!("{} TL", money(revenue)),
            ),
            ("Harcamalar".to_string(), format!("{} TL", money(spent))),
            (label.to_string(), format!("{} TL", money(diff.abs()))),
        ],
        sonuc: sentence,
    }
}

fn change_rate(start: f64, end: f64) -> String {
    if start > 0.0 {
        rate((end - start) / start * 100.0)
    } else {
        empty()
    }
}

fn debts(model: &Model, marks: &Marks) -> DebtSection {
    let eksik = not_sent(model, FinanceKind::Debts, "borç durumu");
    let mut rows = Vec::new();
    let (mut start_all, mut end_all) = (Sum::default(), Sum::default());
    if let Some(sheet) = &model.finance.debts {
        if sheet.rows.is_empty() && eksik.is_none() {
            return DebtSection {
                eksik: Some("Borçlar sayfasında satır yok: borç durumu için veri yok.".into()),
                satirlar: rows,
            };
        }
        for term in [DebtTerm::Short, DebtTerm::Long] {
            let of_term: Vec<_> = sheet.rows.iter().filter(|d| d.term.value == term).collect();
            if of_term.is_empty() {
                continue;
            }
            let (mut start, mut end) = (Sum::default(), Sum::default());
            rows.push(DebtRow {
                tur: "grup",
                kalem: marks.value(&Cell::new(format!("{} Borçlar", term.label()))),
                yil_basi: marks.value(&Cell::new("")),
                yil_sonu: marks.value(&Cell::new("")),
                degisim: marks.value(&Cell::new("")),
                degisim_orani: marks.value(&Cell::new("")),
            });
            for d in of_term {
                let s = marks.sourced(&d.start_of_year, money(d.start_of_year.value));
                let e = marks.sourced(&d.end_of_year, money(d.end_of_year.value));
                start.add(d.start_of_year.value, &s);
                end.add(d.end_of_year.value, &e);
                let mut ch = s.clone();
                ch.absorb(&e);
                rows.push(DebtRow {
                    tur: "normal",
                    kalem: marks.value(&marks.sourced(&d.item, d.item.value.clone())),
                    yil_basi: marks.value(&s),
                    yil_sonu: marks.value(&e),
                    degisim: marks.value(&ch.with_text(money(d.change()))),
                    degisim_orani: marks.value(
                        &ch.with_text(change_rate(d.start_of_year.value, d.end_of_year.value)),
                    ),
                });
            }
            rows.push(debt_total(
                marks,
                &format!("{} Borçlar Toplamı", term.label()),
                &start,
                &end,
            ));
            start_all.add_sum(&start);
            end_all.add_sum(&end);
        }
        rows.push(debt_total(marks, "Toplam Borç", &start_all, &end_all));
    }
    DebtSection {
        eksik,
        satirlar: rows,
    }
}

fn debt_total(marks: &Marks, label: &str, start: &Sum, end: &Sum) -> DebtRow {
    let mut ch = start.marks.clone();
    ch.absorb(&end.marks);
    DebtRow {
        tur: "toplam",
        kalem: marks.value(&Cell::new(label)),
        yil_basi: marks.value(&start.cell()),
        yil_sonu: marks.value(&end.cell()),
        degisim: marks.value(&ch.with_text(money(end.value - start.value))),
        degisim_orani: marks.value(&ch.with_text(change_rate(start.value, end.value))),
    }
}

fn opt_money(marks: &Marks, v: &crate::model::Sourced<Option<f64>>) -> MarkedCell {
    let text = v.value.map(money).unwrap_or_else(empty);
    marks.value(&marks.sourced(v, text))
}

fn opt_text(marks: &Marks, v: &crate::model::Sourced<Option<String>>) -> MarkedCell {
    let text = v
        .value
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(empty);
    marks.value(&marks.sourced(v, text))
}

fn affiliates(model: &Model, marks: &Marks) -> AffiliateSection {
    let eksik = not_sent(
        model,
        FinanceKind::Affiliates,
        "bağlı kuruluş, işletme ve ortaklık",
    );
    let mut out = AffiliateSection {
        eksik,
        yok: None,
        satirlar: Vec::new(),
    };
    let Some(sheet) = &model.finance.affiliates else {
        return out;
    };
    if sheet.rows.is_empty() && sheet.declared_none.is_none() {
        out.eksik = Some(
            "İştirakler sayfasında satır yok: bağlı kuruluş, işletme ve ortaklık verisi gönderilmedi."
                .to_string(),
        );
        return out;
    }
    if sheet.rows.is_empty() {
        out.yok = Some("Belediyenin bağlı kuruluş, işletme ve ortaklığı yoktur.".to_string());
        return out;
    }
    out.satirlar = sheet
        .rows
        .iter()
        .map(|a| AffiliateRow {
            ad: marks.value(&marks.sourced(&a.name, a.name.value.clone())),
            tur: marks.value(&marks.sourced(&a.kind, a.kind.value.label())),
            alan: opt_text(marks, &a.field),
            sermaye: opt_money(marks, &a.capital),
            pay: marks
                .value(&marks.sourced(&a.share, a.share.value.map(rate).unwrap_or_else(empty))),
            sonuc: opt_money(marks, &a.result),
        })
        .collect();
    out
}

fn transfers(model: &Model, marks: &Marks, t: i32) -> TransferSection {
    let mut eksik = not_sent(model, FinanceKind::Transfers, "transfer");
    let mut total = Sum::default();
    let rows: Vec<TransferRow> = model
        .finance
        .transfers_of(t)
        .map(|tr| {
            let c = marks.sourced(&tr.amount, money(tr.amount.value));
            total.add(tr.amount.value, &c);
            TransferRow {
                alici: marks.value(&marks.sourced(&tr.recipient, tr.recipient.value.clone())),
                tutar: marks.value(&c),
                aciklama: opt_text(marks, &tr.note),
            }
        })
        .collect();
    if eksik.is_none() && rows.is_empty() {
        eksik = Some(format!(
            "{t} yılında diğer idarelere transfer yapılmamıştır."
        ));
    }
    TransferSection {
        eksik,
        satirlar: rows,
        toplam: marks.value(&total.cell()),
    }
}
