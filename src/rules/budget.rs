//! B rules: activities (Faaliyetler) and the budget (Bütçe).

use super::{place, Context, MONEY_TOLERANCE, PLAN_FILE};
use crate::finding::{Code, Finding};
use crate::model::{economic_code_name, Status};
use crate::text::format::plain_number;

fn tl(x: f64) -> String {
    format!("{} TL", plain_number(x))
}

/// B001: a directorate's activity Bütçe (TL) for the program year, summed, exceeds its Toplam
/// Ödenek for that year. Bütçe Dışı is not counted.
pub fn activities_exceed_appropriation(cx: &Context<'_>) -> Vec<Finding> {
    let year = cx.model.years.program;
    let mut out = Vec::new();
    for d in &cx.model.directorates {
        let activities: Vec<_> = cx
            .model
            .activities
            .iter()
            .filter(|a| a.directorate == d.name && a.year == year)
            .collect();
        let planned: f64 = activities.iter().map(|a| a.budget.value).sum();
        let lines: Vec<_> = cx
            .model
            .budget
            .iter()
            .filter(|l| l.directorate == d.name && l.year == year)
            .collect();
        let appropriation: f64 = lines.iter().map(|l| l.total_appropriation.value).sum();
        if planned <= appropriation + MONEY_TOLERANCE {
            continue;
        }
        let budget_text = if lines.is_empty() {
            format!("“Bütçe” sayfasında {year} yılı için hiç satır yok (Toplam Ödenek 0 TL)")
        } else {
            format!(
                "“Bütçe” sayfasındaki {year} yılı Toplam Ödenek toplamı {}",
                tl(appropriation)
            )
        };
        let msg = format!(
            "{} faaliyetlerinin {year} program yılı Bütçe (TL) toplamı {}, {budget_text}: faaliyetler ödeneği {} aşıyor (Bütçe Dışı kaynaklar sayılmadı). Faaliyet bütçelerini ödenek içinde kalacak şekilde düzeltin ya da Toplam Ödenek değerini güncelleyin.",
            d.name,
            tl(planned),
            tl(planned - appropriation)
        );
        let file = d.file.as_deref().or_else(|| {
            activities
                .iter()
                .find_map(|a| a.code_cell.as_ref().map(|c| c.file.as_str()))
        });
        let mut f = Finding::new(Code::B001, msg).directorate(Some(&d.name));
        if let Some(file) = file {
            f = f.in_file(file);
        }
        out.push(f);
    }
    out
}

/// B002: Harcama exceeds Toplam Ödenek on an economic code.
pub fn expenditure_exceeds_appropriation(cx: &Context<'_>) -> Vec<Finding> {
    cx.model
        .budget
        .iter()
        .filter_map(|l| {
            let spent = l.expenditure.value?;
            let total = l.total_appropriation.value;
            if spent <= total + MONEY_TOLERANCE {
                return None;
            }
            let msg = format!(
                "{} yılı {} ({}) ekonomik kodunda Harcama ({}), Toplam Ödenek değerini ({}) {} aşıyor. Ödenek aktarmalarıyla güncellenen Toplam Ödenek değerini yazın ya da Harcama değerini düzeltin.",
                l.year,
                l.economic_code,
                economic_code_name(&l.economic_code),
                tl(spent),
                tl(total),
                tl(spent - total)
            );
            let f = Finding::new(Code::B002, msg)
                .item(l.economic_code.clone())
                .directorate(Some(l.directorate.as_str()).filter(|d| !d.is_empty()));
            Some(place(f, l.expenditure.cell.as_ref(), l.code_cell.as_ref()))
        })
        .collect()
}

/// B003: an activity of a past year (a year up to the report year) has no Gerçekleşen (TL) or
/// no Durum. The cell is the empty Gerçekleşen (TL) cell, else the empty Durum cell.
pub fn past_activity_incomplete(cx: &Context<'_>) -> Vec<Finding> {
    let report = cx.model.years.report;
    cx.model
        .activities
        .iter()
        .filter(|a| a.year <= report)
        .filter(|a| a.expenditure.value.is_none() || a.status.value.is_none())
        .map(|a| {
            let mut missing = Vec::new();
            let mut absent_columns = Vec::new();
            if a.expenditure.value.is_none() {
                missing.push("Gerçekleşen (TL)");
                if a.expenditure.cell.is_none() {
                    absent_columns.push("“Gerçekleşen (TL)”");
                }
            }
            if a.status.value.is_none() {
                missing.push("Durum");
                if a.status.cell.is_none() {
                    absent_columns.push("“Durum”");
                }
            }
            let absent = if absent_columns.is_empty() {
                String::new()
            } else {
                format!(
                    " Sayfada {} sütunu yok; ekleyin.",
                    absent_columns.join(" ve ")
                )
            };
            let msg = format!(
                "{} faaliyetinin {} yılı satırında {} boş. Geçmiş yılların faaliyetleri için harcanan tutarı (harcama yoksa 0) ve durumu ({}) yazın.{absent}",
                a.code,
                a.year,
                missing.join(" ve "),
                Status::accepted()
            );
            let cell = if a.expenditure.value.is_none() && a.expenditure.cell.is_some() {
                a.expenditure.cell.as_ref()
            } else if a.status.value.is_none() {
                a.status.cell.as_ref()
            } else {
                None
            };
            let f = Finding::new(Code::B003, msg)
                .item(a.code.clone())
                .directorate(Some(a.directorate.as_str()).filter(|d| !d.is_empty()));
            place(f, cell, a.code_cell.as_ref())
        })
        .collect()
}

/// B004: a hedef's `maliyet_tahmini` in plan.yaml differs from the sum of its activities'
/// Bütçe + Bütçe Dışı over the plan years.
pub fn cost_estimate_differs(cx: &Context<'_>) -> Vec<Finding> {
    let years = cx.model.years;
    cx.model
        .objectives()
        .filter_map(|o| {
            let estimate = o.cost_estimate.value?;
            let total: f64 = cx
                .model
                .activities_of(&o.code)
                .filter(|a| years.in_plan(a.year))
                .map(|a| a.total())
                .sum();
            if (total - estimate).abs() <= MONEY_TOLERANCE {
                return None;
            }
            let msg = format!(
                "plan.yaml'da {} hedefinin maliyet_tahmini {}, ama faaliyetlerinin {}–{} Bütçe + Bütçe Dışı toplamı {} (fark {}). maliyet_tahmini değerini ya da faaliyet bütçelerini düzeltin.",
                o.code,
                tl(estimate),
                years.plan_start,
                years.plan_end,
                tl(total),
                tl((total - estimate).abs())
            );
            let responsible = cx
                .settings
                .find_directorate(&o.responsible.value)
                .map(|d| d.name.as_str());
            Some(
                Finding::new(Code::B004, msg)
                    .in_file(PLAN_FILE)
                    .item(o.code.clone())
                    .directorate(responsible),
            )
        })
        .collect()
}
