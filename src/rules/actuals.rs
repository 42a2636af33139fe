//! R rules: realisations (Gerçekleşmeler) of the report year.

use super::{place, place_or_decision, Context};
use crate::finding::{CellRef, Code, Finding};
use crate::model::{Indicator, Period};
use crate::performance::{indicator_rate, RateOutcome};
use crate::text::format::{plain_number, ratio};

/// Allowed float noise when comparing a rate with 100.
const RATE_EPSILON: f64 = 1e-9;

fn about(code: Code, i: &Indicator, message: String) -> Finding {
    Finding::new(code, message)
        .item(i.code.clone())
        .directorate(Some(i.directorate.as_str()).filter(|d| !d.is_empty()))
}

/// Where an indicator's realisations are written: a cell of its workbook's Gerçekleşmeler
/// sheet (used only for file and sheet), else its Göstergeler row (used only for the file).
fn actuals_sheet<'a>(cx: &Context<'a>, i: &'a Indicator) -> (Option<&'a CellRef>, Option<&'a str>) {
    let file = i.code_cell.as_ref().map(|c| c.file.as_str());
    let own = i.actuals.iter().find_map(|a| a.code_cell.as_ref());
    let sibling = || {
        cx.model
            .indicators
            .iter()
            .flat_map(|o| o.actuals.iter())
            .filter_map(|a| a.code_cell.as_ref())
            .find(|c| Some(c.file.as_str()) == file)
    };
    (own.or_else(sibling), file)
}

/// Places a finding that has no cell in the Gerçekleşmeler sheet (or at least the workbook).
fn in_actuals_sheet(f: Finding, cx: &Context<'_>, i: &Indicator) -> Finding {
    match actuals_sheet(cx, i) {
        (Some(cell), _) => f.in_sheet(&cell.file, &cell.sheet),
        (None, Some(file)) => f.in_file(file),
        (None, None) => place_or_decision(cx, f, None, None, i.name.changed_by.as_deref()),
    }
}

/// R001: no Yıl Sonu value for the report year.
pub fn missing_year_end(cx: &Context<'_>) -> Vec<Finding> {
    let year = cx.model.years.report;
    if !cx.model.years.in_plan(year) {
        return Vec::new();
    }
    cx.model
        .indicators
        .iter()
        .filter(|i| i.actual(year, Period::YearEnd).is_none())
        .map(|i| {
            let msg = format!(
                "{} göstergesinin {year} yılı Yıl Sonu gerçekleşmesi yok: Faaliyet Raporu “veri yok” yazar ve {} hedefinin gerçekleşme oranı hesaplanmaz. “Gerçekleşmeler” sayfasına {} için {year}, Yıl Sonu satırını ekleyin.",
                i.code, i.objective.value, i.code
            );
            in_actuals_sheet(about(Code::R001, i, msg), cx, i)
        })
        .collect()
}

/// R002: the Yıl Sonu rate of the report year differs from 100 by more than
/// `kurallar.sapma_toleransi` and Sapma Nedeni is empty (under- and over-achievement alike).
pub fn deviation_without_reason(cx: &Context<'_>) -> Vec<Finding> {
    let year = cx.model.years.report;
    let tolerance = cx.settings.rules.deviation_tolerance;
    let mut out = Vec::new();
    for i in &cx.model.indicators {
        let Some(actual) = i.actual(year, Period::YearEnd) else {
            continue;
        };
        let RateOutcome::Rate(rate) = indicator_rate(i, year) else {
            continue;
        };
        if (rate - 100.0).abs() <= tolerance + RATE_EPSILON {
            continue;
        }
        if actual.deviation_reason.value.is_some() {
            continue;
        }
        let limit = if tolerance > 0.0 {
            format!(
                "100'den sapma izin verilen {} puanı aşıyor",
                plain_number(tolerance)
            )
        } else {
            "100'den sapıyor".to_string()
        };
        let how = if rate < 100.0 {
            "hedefin altında"
        } else {
            "hedefin üstünde"
        };
        let fix = match actual.deviation_reason.cell {
            Some(_) => "Sapmanın nedenini bu satırın Sapma Nedeni hücresine yazın.",
            None => "Sayfada “Sapma Nedeni” sütunu yok: sütunu ekleyip sapmanın nedenini bu satıra yazın.",
        };
        let msg = format!(
            "{} göstergesinin {year} yılı gerçekleşme oranı %{} (başlangıç {}, hedef {}, Yıl Sonu {}); {limit} ve gösterge {how} kaldı, ama Sapma Nedeni boş. {fix}",
            i.code,
            ratio(rate),
            i.baseline.value.map(plain_number).unwrap_or_default(),
            i.target(year).map(plain_number).unwrap_or_default(),
            plain_number(actual.value.value),
        );
        out.push(place(
            about(Code::R002, i, msg),
            actual.deviation_reason.cell.as_ref(),
            actual.code_cell.as_ref().or(actual.value.cell.as_ref()),
        ));
    }
    out
}

/// R003: no 1. İzleme value for the report year although İzleme Sıklığı is 6 Ay or more
/// frequent.
pub fn missing_interim(cx: &Context<'_>) -> Vec<Finding> {
    let year = cx.model.years.report;
    if !cx.model.years.in_plan(year) {
        return Vec::new();
    }
    cx.model
        .indicators
        .iter()
        .filter(|i| i.monitoring.value.expects_interim())
        .filter(|i| i.actual(year, Period::Interim).is_none())
        .map(|i| {
            let msg = format!(
                "{} göstergesinin izleme sıklığı {}, ama {year} yılı 1. İzleme değeri yok. “Gerçekleşmeler” sayfasına {} için {year}, 1. İzleme satırını ekleyin ya da İzleme Sıklığı değerini düzeltin.",
                i.code,
                i.monitoring.value.label(),
                i.code
            );
            in_actuals_sheet(about(Code::R003, i, msg), cx, i)
        })
        .collect()
}
