//! The plan's monitoring books (spec/monitoring.md): the six-monthly İzleme Raporu of one
//! period of the report year and the yearly Değerlendirme Raporu, which also looks at the
//! plan's years before it. Both are the Faaliyet Raporu's data seen another way: rates from
//! [`crate::performance`], cells with the same marks, codes in every row.
//!
//! Where monitoring.md is silent:
//! - The traffic-light word compares the rate as printed (`99,96` prints `100,0` and is
//!   `Hedefte`); so do the Sapmalar thresholds.
//! - A hedef's activities of the year print Bütçe (TL) as the workbook's Bütçe column and
//!   Gerçekleşen (TL) as entered; the table's total sums both.
//! - Sapmalar lists the indicators of the report year with a rate outside the thresholds, in
//!   plan order; an indicator without a rate is not a deviation: a note under the table names
//!   how many could not be evaluated.
//! - Plan Dönemi Gelişimi: one table per hedef with Başlangıç Değeri and a Hedef | Gerçekleşme
//!   pair per plan year up to the report year; its last row is the hedef's rate of each year.
//!   A year's missing Yıl Sonu prints `veri yok` and leaves that year's hedef rate uncomputed
//!   (a gap in the line chart).
//! - Neither book has a Başkan Sunuşu: both are written for the mayor.

use serde::Serialize;

use super::book::{period_number, Book};
use super::common::{
    activity_cell, activity_spent, activity_status, amendment_annex, deviation_reason_cell, empty,
    goal_cell, indicator_cell, num, objective_cell, opt_num, percent, rate, unique, AnnexScope,
    BookInput, Common, RateBar, Sum, NO_DATA,
};
use super::marks::{Cell, MarkedCell, Marks};
use crate::model::{Indicator, Model, Objective, Period};
use crate::performance::{indicator_rate_in, objective_rate_in, RateOutcome, Standing, Why};

/// The fields without a year that these books print.
const SHOWN_FIELDS: &[&str] = &[
    "Gösterge",
    "Faaliyet",
    "Gösterge adı",
    "Faaliyet adı",
    "Hedef",
    "Başlangıç değeri",
    "Hedefe etkisi (%)",
];

/// The context of `izleme-raporu.typ.j2`.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringReportContext {
    #[serde(flatten)]
    pub common: Common,
    /// The period the report is about.
    pub donem: PeriodTexts,
    /// Özet: every hedef's rate in the period.
    pub ozet: Summary,
    /// Hedef İzleme Tabloları: one per hedef.
    pub hedef_tablolari: Vec<MonitoringTable>,
}

/// The context of `degerlendirme-raporu.typ.j2`.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationReportContext {
    #[serde(flatten)]
    pub common: Common,
    /// The plan years so far, up to the report year: `"2025-2027"` or `"2025"`.
    pub degerlendirilen_yillar: String,
    /// Özet: every hedef's rate at Yıl Sonu of the report year.
    pub ozet: Summary,
    /// Plan Dönemi Gelişimi: one table and one line chart per hedef.
    pub gelisim: Vec<ProgressTable>,
    /// Sapmalar: the indicators of the report year outside the thresholds.
    pub sapmalar: Deviations,
}

/// How the books name the period: `{aralik: "Ocak–Haziran 2025", deger: "1. İzleme",
/// oran_basligi: "Gerçekleşme Oranı (%, yıl hedefine göre)", aciklama}`.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodTexts {
    pub aralik: String,
    /// How the period's rate is computed, for period 1 (against the year's target); none for
    /// period 2.
    pub aciklama: Option<String>,
    /// The workbook's Dönem value the report reads.
    pub deger: String,
    /// The header of the rate column: period 1 says it is measured against the year's target.
    pub oran_basligi: String,
}

impl PeriodTexts {
    fn new(period: Period, year: i32) -> PeriodTexts {
        let (range, header) = match period {
            Period::Interim => (
                format!("Ocak–Haziran {year}"),
                "Gerçekleşme Oranı (%, yıl hedefine göre)",
            ),
            Period::YearEnd => (format!("Ocak–Aralık {year}"), "Gerçekleşme Oranı (%)"),
        };
        PeriodTexts {
            aralik: range,
            aciklama: (period == Period::Interim).then(|| {
                "Dönem gerçekleşme oranı yıl hedefine göre hesaplanmıştır: (Dönem Gerçekleşmesi − Başlangıç Değeri) / (Yıl Hedefi − Başlangıç Değeri) × 100. Oran, yıl hedefine doğru ne kadar ilerlendiğini gösterir.".to_string()
            }),
            deger: period.label().to_string(),
            oran_basligi: header.to_string(),
        }
    }
}

/// Özet: a row per hedef and a bar chart of the same rates.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub baslik: String,
    pub oran_basligi: String,
    pub satirlar: Vec<SummaryRow>,
    pub grafik: Vec<RateBar>,
    pub grafik_basligi: String,
    /// Why a hedef's rate is not computed, one note each.
    pub notlar: Vec<String>,
}

/// A hedef of the Özet: `H1.1 …`, Sorumlu Birim, the rate and the traffic-light word.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryRow {
    pub hedef: MarkedCell,
    pub birim: MarkedCell,
    pub oran: MarkedCell,
    pub durum: String,
}

/// A Hedef İzleme Tablosu: the hedef kartı's shape with the period's values, then the hedef's
/// activities of the year.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringTable {
    pub baslik: String,
    pub amac: MarkedCell,
    pub hedef: MarkedCell,
    pub gostergeler: Vec<MonitoringRow>,
    /// The hedef's realisation in the period, the last row, with its word.
    pub oran: MarkedCell,
    pub oran_etiketi: String,
    pub durum: String,
    pub notlar: Vec<String>,
    pub faaliyet_basligi: String,
    pub faaliyetler: Vec<MonitoredActivity>,
    pub faaliyet_toplami: ActivityAmounts,
}

/// An indicator of a Hedef İzleme Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringRow {
    pub ad: MarkedCell,
    pub etki: MarkedCell,
    pub baslangic: MarkedCell,
    pub hedef: MarkedCell,
    pub gerceklesme: MarkedCell,
    pub oran: MarkedCell,
    pub sapma: MarkedCell,
}

/// An activity of a hedef in the İzleme Raporu.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoredActivity {
    pub ad: MarkedCell,
    #[serde(flatten)]
    pub tutarlar: ActivityAmounts,
    pub durum: MarkedCell,
}

/// Bütçe and Gerçekleşen (TL) of an activity or of all of a hedef's.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityAmounts {
    pub butce: MarkedCell,
    pub gerceklesen: MarkedCell,
}

/// Plan Dönemi Gelişimi of a hedef: its indicators with a Hedef | Gerçekleşme pair per year,
/// the hedef's rate per year, and the line chart of those rates.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressTable {
    pub baslik: String,
    pub hedef: MarkedCell,
    /// The years of the column pairs: `["2025", "2026", …]`.
    pub yillar: Vec<String>,
    pub gostergeler: Vec<ProgressRow>,
    /// The hedef's rate of each year (`veri yok` when not computed).
    pub oranlar: Vec<MarkedCell>,
    pub notlar: Vec<String>,
    pub grafik: LineChart,
}

/// An indicator of a Plan Dönemi Gelişimi table.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressRow {
    pub ad: MarkedCell,
    pub baslangic: MarkedCell,
    pub yillar: Vec<YearPair>,
}

/// The target and the Yıl Sonu value of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearPair {
    pub hedef: MarkedCell,
    pub gerceklesme: MarkedCell,
}

/// A line chart of a hedef's yearly realisation rate.
#[derive(Debug, Clone, Serialize)]
pub struct LineChart {
    pub baslik: String,
    pub noktalar: Vec<ChartPoint>,
}

/// A point of the line chart: the year, the rate (none: not computed) and its label (`%80,5`).
/// Printed whole: alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct ChartPoint {
    pub deger: Option<f64>,
    pub etiket: String,
    pub metin: Option<String>,
}

/// Sapmalar: the thresholds, the indicators outside them, and a note on those not evaluated.
#[derive(Debug, Clone, Serialize)]
pub struct Deviations {
    pub alt: String,
    pub ust: String,
    pub baslik: String,
    pub satirlar: Vec<DeviationRow>,
    pub notlar: Vec<String>,
}

/// An indicator outside the thresholds.
#[derive(Debug, Clone, Serialize)]
pub struct DeviationRow {
    pub ad: MarkedCell,
    pub birim: MarkedCell,
    pub hedef: MarkedCell,
    pub gerceklesme: MarkedCell,
    pub oran: MarkedCell,
    /// `Altında` or `Üstünde`.
    pub yon: String,
    pub sapma: MarkedCell,
}

/// The İzleme Raporu of `period`.
pub(crate) fn monitoring_context(
    input: &BookInput,
    marks: &Marks,
    period: Period,
) -> MonitoringReportContext {
    let model = input.model;
    let t = input.settings.years.report;
    let cap = input.settings.rules.cap;
    let mut common = Common::new(Book::Monitoring(period), input);
    common.degisiklikler = amendment_annex(
        model,
        AnnexScope::Year {
            year: t,
            fields: SHOWN_FIELDS,
        },
    );
    let texts = PeriodTexts::new(period, t);
    let ozet = summary(
        model,
        marks,
        t,
        period,
        cap,
        format!(
            "{t} Yılı {}. Dönem Hedef Gerçekleşme Özeti",
            period_number(period)
        ),
        texts.oran_basligi.clone(),
    );
    let hedef_tablolari = model
        .objectives()
        .map(|o| monitoring_table(model, marks, o, t, period, cap))
        .collect();
    MonitoringReportContext {
        common,
        donem: texts,
        ozet,
        hedef_tablolari,
    }
}

/// The Değerlendirme Raporu of the report year.
pub(crate) fn evaluation_context(input: &BookInput, marks: &Marks) -> EvaluationReportContext {
    let model = input.model;
    let settings = input.settings;
    let years = &settings.years;
    let t = years.report;
    let cap = settings.rules.cap;
    let first = years.plan_start.min(t);
    let mut common = Common::new(Book::Evaluation, input);
    common.degisiklikler = amendment_annex(
        model,
        AnnexScope::Years {
            first,
            last: t,
            fields: SHOWN_FIELDS,
        },
    );
    let plan_years: Vec<i32> = (first..=t).collect();
    let ozet = summary(
        model,
        marks,
        t,
        Period::YearEnd,
        cap,
        format!("{t} Yılı Hedef Gerçekleşme Özeti"),
        "Gerçekleşme Oranı (%)".to_string(),
    );
    let gelisim = model
        .objectives()
        .map(|o| progress_table(model, marks, o, &plan_years, cap))
        .collect();
    EvaluationReportContext {
        common,
        degerlendirilen_yillar: if first == t {
            t.to_string()
        } else {
            format!("{first}-{t}")
        },
        ozet,
        gelisim,
        sapmalar: deviations(model, marks, t, settings),
    }
}

/// The hedef's rate in a period as a cell with the marks of everything it is computed from,
/// the rate itself, and a note when it is not computed.
fn objective_outcome(
    model: &Model,
    marks: &Marks,
    o: &Objective,
    year: i32,
    period: Period,
    cap: Option<f64>,
) -> (Cell, Option<f64>, Option<String>) {
    let mut cell = Cell::default();
    for i in model.indicators_of(&o.code) {
        cell.absorb(&rate_marks(marks, i, year, period));
        cell.absorb(&marks.sourced(&i.weight, ""));
    }
    match objective_rate_in(model, &o.code, year, period, cap) {
        RateOutcome::Rate(r) => (cell.with_text(rate(r)), Some(r), None),
        RateOutcome::Missing(why) => {
            let note = format!(
                "{} hedefinin {year} yılı {} gerçekleşme oranı hesaplanamadı: {why}.",
                o.code,
                period.label()
            );
            let text = if matches!(why, Why::NoIndicators) {
                empty()
            } else {
                NO_DATA.to_string()
            };
            (cell.with_text(text), None, Some(note))
        }
    }
}

/// The marks of the values an indicator's rate in a period is computed from.
fn rate_marks(marks: &Marks, i: &Indicator, year: i32, period: Period) -> Cell {
    let mut cell = marks.sourced(&i.baseline, "");
    if let Some(s) = i.targets.get(&year) {
        cell.absorb(&marks.sourced(s, ""));
    }
    if let Some(a) = i.actual(year, period) {
        cell.absorb(&marks.sourced(&a.value, ""));
    }
    cell
}

/// The Özet of a period: a row per hedef with Sorumlu Birim, rate and word; the chart.
fn summary(
    model: &Model,
    marks: &Marks,
    year: i32,
    period: Period,
    cap: Option<f64>,
    title: String,
    rate_header: String,
) -> Summary {
    let mut rows = Vec::new();
    let mut chart = Vec::new();
    let mut notes = Vec::new();
    for o in model.objectives() {
        let (cell, value, note) = objective_outcome(model, marks, o, year, period, cap);
        notes.extend(note);
        rows.push(SummaryRow {
            hedef: marks.value(&objective_cell(marks, o)),
            birim: marks.value(&marks.sourced(&o.responsible, o.responsible.value.clone())),
            oran: marks.value(&cell),
            durum: Standing::of(value).label().to_string(),
        });
        chart.push(RateBar {
            aciklama: o.name.value.clone(),
            deger: value,
            etiket: o.code.clone(),
            metin: value.map(percent),
        });
    }
    Summary {
        grafik_basligi: match period {
            Period::Interim => {
                format!(
                    "{year} yılı 1. dönem hedeflere göre gerçekleşme oranı (%, yıl hedefine göre)"
                )
            }
            Period::YearEnd => format!("{year} yılı hedeflere göre gerçekleşme oranı (%)"),
        },
        baslik: title,
        oran_basligi: rate_header,
        satirlar: rows,
        grafik: chart,
        notlar: notes,
    }
}

/// A value of an indicator in a period as a cell: `veri yok` when missing.
fn period_value(marks: &Marks, i: &Indicator, year: i32, period: Period) -> Cell {
    match i.actual(year, period) {
        Some(a) => marks.sourced(&a.value, num(a.value.value)),
        None => Cell::new(NO_DATA),
    }
}

/// An indicator's target for a year as a cell.
fn target_cell(marks: &Marks, i: &Indicator, year: i32) -> Cell {
    match i.targets.get(&year) {
        Some(s) => marks.sourced(s, opt_num(s.value)),
        None => Cell::new(empty()),
    }
}

/// An indicator's rate in a period as a cell: `veri yok` when its value is missing, `—` when
/// the target or baseline is.
fn rate_cell(marks: &Marks, i: &Indicator, year: i32, period: Period) -> (Cell, Option<f64>) {
    let cell = rate_marks(marks, i, year, period);
    match indicator_rate_in(i, year, period) {
        RateOutcome::Rate(r) => (cell.with_text(rate(r)), Some(r)),
        RateOutcome::Missing(Why::NoYearEnd { .. } | Why::NoInterim { .. }) => {
            (cell.with_text(NO_DATA), None)
        }
        RateOutcome::Missing(_) => (cell.with_text(empty()), None),
    }
}

/// A Hedef İzleme Tablosu.
fn monitoring_table(
    model: &Model,
    marks: &Marks,
    o: &Objective,
    year: i32,
    period: Period,
    cap: Option<f64>,
) -> MonitoringTable {
    let goal_name = model
        .goals
        .iter()
        .find(|g| g.code == o.goal)
        .map(|g| g.name.clone())
        .unwrap_or_default();
    let rows = model
        .indicators_of(&o.code)
        .map(|i| {
            let weight = marks.sourced(&i.weight, num(i.weight.value));
            let baseline = marks.sourced(&i.baseline, opt_num(i.baseline.value));
            MonitoringRow {
                ad: marks.value(&indicator_cell(marks, i)),
                etki: marks.value(&weight),
                baslangic: marks.value(&baseline),
                hedef: marks.value(&target_cell(marks, i, year)),
                gerceklesme: marks.value(&period_value(marks, i, year, period)),
                oran: marks.value(&rate_cell(marks, i, year, period).0),
                sapma: marks.value(&deviation_reason_cell(marks, i, year, period)),
            }
        })
        .collect();
    let (cell, value, note) = objective_outcome(model, marks, o, year, period, cap);
    let mut notes: Vec<String> = note.into_iter().collect();
    if cap.is_some_and(|c| {
        model.indicators_of(&o.code).any(|i| {
            indicator_rate_in(i, year, period)
                .rate()
                .is_some_and(|r| r > c)
        })
    }) {
        notes.push(format!(
            "Hedefin gerçekleşme oranında göstergelerin oranı en çok %{} olarak hesaba katılmıştır.",
            num(cap.unwrap_or(100.0))
        ));
    }
    unique(&mut notes);
    let (mut budget_total, mut spent_total) = (Sum::default(), Sum::default());
    let activities = model
        .activities
        .iter()
        .filter(|a| a.year == year && a.objective.value == o.code)
        .map(|a| {
            let mut budget = Sum::default();
            budget.add(a.budget.value, &marks.sourced(&a.budget, ""));
            budget_total.add_sum(&budget);
            let spent = activity_spent(marks, a);
            spent_total.add_sum(&spent);
            MonitoredActivity {
                ad: marks.value(&activity_cell(marks, a)),
                tutarlar: ActivityAmounts {
                    butce: marks.value(&budget.cell()),
                    gerceklesen: marks.value(&spent.cell()),
                },
                durum: marks.value(&activity_status(marks, a)),
            }
        })
        .collect();
    MonitoringTable {
        baslik: format!("{} Hedef İzleme Tablosu", o.code),
        amac: marks.value(&goal_cell(marks, &o.goal, &goal_name)),
        hedef: marks.value(&objective_cell(marks, o)),
        gostergeler: rows,
        oran: marks.value(&cell),
        oran_etiketi: format!("{} hedefinin gerçekleşme oranı", o.code),
        durum: Standing::of(value).label().to_string(),
        notlar: notes,
        faaliyet_basligi: format!("{} Hedefinin {year} Yılı Faaliyet ve Projeleri", o.code),
        faaliyetler: activities,
        faaliyet_toplami: ActivityAmounts {
            butce: marks.value(&budget_total.cell()),
            gerceklesen: marks.value(&spent_total.cell()),
        },
    }
}

/// Plan Dönemi Gelişimi of a hedef over `years`.
fn progress_table(
    model: &Model,
    marks: &Marks,
    o: &Objective,
    years: &[i32],
    cap: Option<f64>,
) -> ProgressTable {
    let rows = model
        .indicators_of(&o.code)
        .map(|i| ProgressRow {
            ad: marks.value(&indicator_cell(marks, i)),
            baslangic: marks.value(&marks.sourced(&i.baseline, opt_num(i.baseline.value))),
            yillar: years
                .iter()
                .map(|&y| YearPair {
                    hedef: marks.value(&target_cell(marks, i, y)),
                    gerceklesme: marks.value(&period_value(marks, i, y, Period::YearEnd)),
                })
                .collect(),
        })
        .collect();
    let mut rates = Vec::new();
    let mut points = Vec::new();
    let mut notes = Vec::new();
    // Years whose rate is missing only for want of Yıl Sonu values, by the indicators missing:
    // one note for all the years with the same gap.
    let mut gaps: Vec<(Vec<String>, Vec<i32>)> = Vec::new();
    for &y in years {
        let (cell, value, note) = objective_outcome(model, marks, o, y, Period::YearEnd, cap);
        match objective_rate_in(model, &o.code, y, Period::YearEnd, cap) {
            RateOutcome::Missing(Why::MissingIndicators(list))
                if list.iter().all(|(_, w)| matches!(w, Why::NoYearEnd { .. })) =>
            {
                let codes: Vec<String> = list.into_iter().map(|(c, _)| c).collect();
                match gaps.iter_mut().find(|(c, _)| *c == codes) {
                    Some((_, ys)) => ys.push(y),
                    None => gaps.push((codes, vec![y])),
                }
            }
            _ => notes.extend(note),
        }
        rates.push(marks.value(&cell));
        points.push(ChartPoint {
            deger: value,
            etiket: y.to_string(),
            metin: value.map(percent),
        });
    }
    for (codes, ys) in gaps {
        let ys: Vec<String> = ys.iter().map(|y| y.to_string()).collect();
        notes.push(format!(
            "{} hedefinin {} {} gerçekleşme oranı hesaplanamadı: {} için Yıl Sonu değeri yok.",
            o.code,
            ys.join(", "),
            if ys.len() > 1 { "yılları" } else { "yılı" },
            codes.join(", ")
        ));
    }
    unique(&mut notes);
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    ProgressTable {
        baslik: format!("{} Hedefinin Plan Dönemi Gelişimi ({span})", o.code),
        hedef: marks.value(&objective_cell(marks, o)),
        yillar: years.iter().map(|y| y.to_string()).collect(),
        gostergeler: rows,
        oranlar: rates,
        notlar: notes,
        grafik: LineChart {
            baslik: format!(
                "{} hedefinin yıllara göre gerçekleşme oranı (%, {span})",
                o.code
            ),
            noktalar: points,
        },
    }
}

/// Sapmalar: every indicator of the report year whose Yıl Sonu rate is outside
/// [`kurallar.izleme_alt`, `kurallar.izleme_ust`].
fn deviations(
    model: &Model,
    marks: &Marks,
    year: i32,
    settings: &crate::config::Settings,
) -> Deviations {
    let (floor, ceiling) = (
        settings.rules.monitoring_floor,
        settings.rules.monitoring_ceiling,
    );
    let mut rows = Vec::new();
    let mut not_rated = Vec::new();
    for o in model.objectives() {
        for i in model.indicators_of(&o.code) {
            let (cell, value) = rate_cell(marks, i, year, Period::YearEnd);
            let Some(r) = value else {
                not_rated.push(i.code.clone());
                continue;
            };
            let shown = crate::text::format::rounded_ratio(r);
            let side = if shown < floor {
                "Altında"
            } else if shown > ceiling {
                "Üstünde"
            } else {
                continue;
            };
            rows.push(DeviationRow {
                ad: marks.value(&indicator_cell(marks, i)),
                birim: marks.value(&marks.directorate(&i.directorate, i.directorate.clone())),
                hedef: marks.value(&target_cell(marks, i, year)),
                gerceklesme: marks.value(&period_value(marks, i, year, Period::YearEnd)),
                oran: marks.value(&cell),
                yon: side.to_string(),
                sapma: marks.value(&deviation_reason_cell(marks, i, year, Period::YearEnd)),
            });
        }
    }
    let mut notes = Vec::new();
    if !not_rated.is_empty() {
        notes.push(format!(
            "Gerçekleşme oranı hesaplanamayan {} gösterge değerlendirilemedi: {}.",
            not_rated.len(),
            not_rated.join(", ")
        ));
    }
    Deviations {
        alt: num(floor),
        ust: num(ceiling),
        baslik: format!(
            "{year} Yılı Gerçekleşme Oranı %{} Sınırının Altında ya da %{} Sınırının Üstünde Olan Göstergeler",
            num(floor),
            num(ceiling)
        ),
        satirlar: rows,
        notlar: notes,
    }
}
