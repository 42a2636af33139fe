//! The Performans Programı's own data (program year t): a Performans Hedefi Tablosu per hedef,
//! a Harcama Birimi Faaliyet Tablosu per directorate, the İdare Performans Tablosu, the Toplam
//! Kaynak İhtiyacı Tablosu, and the amendments that touch these tables.

use serde::Serialize;

use super::book::Book;
use super::common::{
    activity_cell, amendment_annex, empty, goal_cell, indicator_cell, num, objective_cell, unique,
    AnnexScope, BookInput, Common, Sum, NO_DATA,
};
use super::marks::{Cell, MarkedCell, Marks};
use crate::model::{Activity, Indicator, Model, Period, ECONOMIC_CODES};
use crate::performance::latest_value;
use crate::text::format;

/// The context of `performans-programi.typ.j2`.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceProgramContext {
    /// `degisiklikler`: the amendments that touch this program's tables.
    #[serde(flatten)]
    pub common: Common,
    pub donem: ProgramYears,
    /// One Performans Hedefi Tablosu per hedef.
    pub hedef_tablolari: Vec<ObjectiveTable>,
    /// One Harcama Birimi Faaliyet Tablosu per directorate.
    pub birim_tablolari: Vec<DirectorateTable>,
    pub idare_tablosu: AdministrationTable,
    pub kaynak_tablosu: ResourceTable,
}

/// `donem`: the program year and the two before it, as strings.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramYears {
    pub t: String,
    pub t1: String,
    pub t2: String,
}

/// A Performans Hedefi Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveTable {
    pub kod: String,
    pub baslik: String,
    pub amac: MarkedCell,
    pub hedef: MarkedCell,
    pub performans_hedefi: MarkedCell,
    pub sorumlu_birim: MarkedCell,
    pub gostergeler: Vec<IndicatorRow>,
    /// The hedef's activities of year t.
    pub faaliyetler: Vec<ActivityRow>,
    pub toplam: CostCells,
    pub notlar: Vec<String>,
}

/// An indicator: t−2 Gerçekleşme, t−1 Gerçekleşme Tahmini, t Hedefi.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub ad: MarkedCell,
    pub t2: MarkedCell,
    pub t1: MarkedCell,
    pub t: MarkedCell,
}

/// Bütçe, Bütçe Dışı and Toplam of a row or a total.
#[derive(Debug, Clone, Serialize)]
pub struct CostCells {
    pub butce: MarkedCell,
    pub butce_disi: MarkedCell,
    pub toplam: MarkedCell,
}

/// An activity with its costs.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityRow {
    pub ad: MarkedCell,
    #[serde(flatten)]
    pub tutarlar: CostCells,
}

/// An activity of a directorate's table, with its hedef's code.
#[derive(Debug, Clone, Serialize)]
pub struct DirectorateActivityRow {
    pub hedef: MarkedCell,
    #[serde(flatten)]
    pub faaliyet: ActivityRow,
}

/// A Harcama Birimi Faaliyet Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct DirectorateTable {
    pub birim: MarkedCell,
    pub baslik: String,
    pub faaliyetler: Vec<DirectorateActivityRow>,
    pub toplam: CostCells,
    pub notlar: Vec<String>,
}

/// The İdare Performans Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct AdministrationTable {
    pub satirlar: Vec<AdministrationRow>,
    pub genel_yonetim: CostCells,
    /// Diğer İdarelere Transfer Edilecek Kaynaklar: the `Transferler` rows of year t.
    pub transfer: CostCells,
    pub genel_toplam: CostCells,
    pub notlar: Vec<String>,
}

/// A row of the İdare Performans Tablosu: an amaç (empty amounts) or a hedef.
#[derive(Debug, Clone, Serialize)]
pub struct AdministrationRow {
    pub tur: AdministrationRowKind,
    pub ad: MarkedCell,
    #[serde(flatten)]
    pub tutarlar: CostCells,
}

/// `amac` or `hedef`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AdministrationRowKind {
    Amac,
    Hedef,
}

/// The Toplam Kaynak İhtiyacı Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceTable {
    pub satirlar: Vec<ResourceRow>,
    pub butce_toplami: MarkedCell,
    pub butce_disi: MarkedCell,
    pub genel_toplam: MarkedCell,
}

/// An economic code with the program year's Başlangıç Ödeneği.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceRow {
    pub kod: &'static str,
    pub ad: &'static str,
    pub tutar: MarkedCell,
}

/// The fields without a year that the program's tables print.
const SHOWN_FIELDS: &[&str] = &[
    "Gösterge",
    "Faaliyet",
    "Gösterge adı",
    "Faaliyet adı",
    "Hedef",
    "Sorumlu birim",
];

pub(crate) fn context(input: &BookInput, marks: &Marks) -> PerformanceProgramContext {
    let model = input.model;
    let t = input.settings.years.program;
    let mut common = Common::new(Book::PerformanceProgram, input);
    common.degisiklikler = amendment_annex(
        model,
        AnnexScope::Year {
            year: t,
            fields: SHOWN_FIELDS,
        },
    );
    let tables = model
        .goals
        .iter()
        .flat_map(|g| g.objectives.iter().map(move |o| (g, o)))
        .map(|(g, o)| {
            let mut notes = Vec::new();
            let indicators = model
                .indicators_of(&o.code)
                .map(|i| indicator_row(input, marks, i, t, &mut notes))
                .collect();
            let (activities, total) =
                activity_rows(marks, model.activities_of(&o.code).filter(|a| a.year == t));
            unique(&mut notes);
            ObjectiveTable {
                kod: o.code.clone(),
                baslik: format!("{} Performans Hedefi Tablosu", o.code),
                amac: marks.value(&goal_cell(marks, &g.code, &g.name)),
                hedef: marks.value(&objective_cell(marks, o)),
                performans_hedefi: marks.value(&marks.sourced(&o.name, o.name.value.clone())),
                sorumlu_birim: marks
                    .value(&marks.sourced(&o.responsible, o.responsible.value.clone())),
                gostergeler: indicators,
                faaliyetler: activities.into_iter().map(|(_, row)| row).collect(),
                toplam: total,
                notlar: notes,
            }
        })
        .collect();
    PerformanceProgramContext {
        common,
        donem: ProgramYears {
            t: t.to_string(),
            t1: (t - 1).to_string(),
            t2: (t - 2).to_string(),
        },
        hedef_tablolari: tables,
        birim_tablolari: directorate_tables(model, marks, t),
        idare_tablosu: administration_table(model, marks, t),
        kaynak_tablosu: resource_table(model, marks, t),
    }
}

/// The realised value of a year before the program year: the Yıl Sonu value; the year before
/// the plan is the plan's baseline (Plan Dönemi Başlangıç Değeri); earlier years print `—`.
fn past_value(
    input: &BookInput,
    marks: &Marks,
    i: &Indicator,
    year: i32,
    interim_allowed: bool,
    notes: &mut Vec<String>,
) -> Cell {
    let start = input.settings.years.plan_start;
    if year == start - 1 {
        notes.push(format!(
            "{year} değerleri stratejik planın başlangıç değerleridir (Plan Dönemi Başlangıç Değeri)."
        ));
        return match i.baseline.value {
            Some(b) => marks.sourced(&i.baseline, num(b)),
            None => marks.sourced(&i.baseline, NO_DATA),
        };
    }
    if year < start {
        return Cell::new(empty());
    }
    if interim_allowed {
        return match latest_value(i, year) {
            Some((v, Period::YearEnd)) => match i.actual(year, Period::YearEnd) {
                Some(a) => marks.sourced(&a.value, num(v)),
                None => Cell::new(num(v)),
            },
            Some((v, _)) => {
                notes.push(format!(
                    "* {year} yıl sonu değeri henüz girilmemiş göstergelerde 1. İzleme değeri gösterilmiştir."
                ));
                match i.actual(year, Period::Interim) {
                    Some(a) => marks.sourced(&a.value, format!("{} *", num(v))),
                    None => Cell::new(format!("{} *", num(v))),
                }
            }
            None => Cell::new(NO_DATA),
        };
    }
    match i.actual(year, Period::YearEnd) {
        Some(a) => marks.sourced(&a.value, num(a.value.value)),
        None => Cell::new(NO_DATA),
    }
}

fn indicator_row(
    input: &BookInput,
    marks: &Marks,
    i: &Indicator,
    t: i32,
    notes: &mut Vec<String>,
) -> IndicatorRow {
    let target = match i.targets.get(&t) {
        Some(s) => marks.sourced(s, s.value.map(num).unwrap_or_else(empty)),
        None => Cell::new(empty()),
    };
    IndicatorRow {
        ad: marks.value(&indicator_cell(marks, i)),
        t2: marks.value(&past_value(input, marks, i, t - 2, false, notes)),
        t1: marks.value(&past_value(input, marks, i, t - 1, true, notes)),
        t: marks.value(&target),
    }
}

/// The three amounts as cells.
fn cost_cells(marks: &Marks, budget: &Sum, off: &Sum, total: &Sum) -> CostCells {
    CostCells {
        butce: marks.value(&budget.cell()),
        butce_disi: marks.value(&off.cell()),
        toplam: marks.value(&total.cell()),
    }
}

/// Activity rows `{ad, butce, butce_disi, toplam}`, each with its activity, and their totals.
fn activity_rows<'a>(
    marks: &Marks,
    activities: impl Iterator<Item = &'a Activity>,
) -> (Vec<(&'a Activity, ActivityRow)>, CostCells) {
    let (mut budget, mut off, mut total) = (Sum::default(), Sum::default(), Sum::default());
    let mut rows = Vec::new();
    for a in activities {
        let b = marks.sourced(&a.budget, "");
        let o = marks.sourced(&a.off_budget, "");
        let mut both = b.clone();
        both.absorb(&o);
        let (mut rb, mut ro, mut rt) = (Sum::default(), Sum::default(), Sum::default());
        rb.add(a.budget.value, &b);
        ro.add(a.off_budget.value, &o);
        rt.add(a.total(), &both);
        budget.add_sum(&rb);
        off.add_sum(&ro);
        total.add_sum(&rt);
        rows.push((
            a,
            ActivityRow {
                ad: marks.value(&activity_cell(marks, a)),
                tutarlar: cost_cells(marks, &rb, &ro, &rt),
            },
        ));
    }
    (rows, cost_cells(marks, &budget, &off, &total))
}

/// The year's Toplam Ödenek of a directorate (or of all when `None`); `None` when the
/// workbooks hold no budget line for that year.
fn appropriation(model: &Model, marks: &Marks, year: i32, directorate: Option<&str>) -> Sum {
    let mut s = Sum::default();
    for l in model
        .budget
        .iter()
        .filter(|l| l.year == year && directorate.is_none_or(|d| l.directorate == d))
    {
        s.add(
            l.total_appropriation.value,
            &marks.sourced(&l.total_appropriation, ""),
        );
    }
    s
}

fn directorate_tables(model: &Model, marks: &Marks, t: i32) -> Vec<DirectorateTable> {
    let mut out = Vec::new();
    for d in &model.directorates {
        let (rows, total) = activity_rows(
            marks,
            model
                .activities
                .iter()
                .filter(|a| a.year == t && a.directorate == d.name),
        );
        let appr = appropriation(model, marks, t, Some(&d.name));
        let mut notes = Vec::new();
        if appr.any {
            notes.push(format!(
                "Birimin {t} yılı toplam ödeneği: {}.",
                format::money(appr.value)
            ));
        }
        out.push(DirectorateTable {
            birim: marks.value(&marks.directorate(&d.name, d.name.clone())),
            baslik: format!("{} Harcama Birimi Faaliyet Tablosu", d.name),
            faaliyetler: rows
                .into_iter()
                .map(|(a, row)| DirectorateActivityRow {
                    hedef: marks.value(&marks.sourced(&a.objective, a.objective.value.clone())),
                    faaliyet: row,
                })
                .collect(),
            toplam: total,
            notlar: notes,
        });
    }
    out
}

/// The İdare Performans Tablosu (spec/finance.md): a row per hedef, then Genel Yönetim Giderleri
/// (the program year's Başlangıç Ödeneği of all directorates minus the hedefs' Bütçe and the
/// transfers, 0 when negative: B005), Diğer İdarelere Transfer Edilecek Kaynaklar and Genel
/// Toplam.
fn administration_table(model: &Model, marks: &Marks, t: i32) -> AdministrationTable {
    let mut rows = Vec::new();
    let (mut budget, mut off) = (Sum::default(), Sum::default());
    for g in &model.goals {
        rows.push(AdministrationRow {
            tur: AdministrationRowKind::Amac,
            ad: marks.value(&goal_cell(marks, &g.code, &g.name)),
            tutarlar: CostCells {
                butce: marks.value(&Cell::new("")),
                butce_disi: marks.value(&Cell::new("")),
                toplam: marks.value(&Cell::new("")),
            },
        });
        for o in &g.objectives {
            let (mut rb, mut ro, mut rt) = (Sum::default(), Sum::default(), Sum::default());
            for a in model.activities_of(&o.code).filter(|a| a.year == t) {
                let b = marks.sourced(&a.budget, "");
                let f = marks.sourced(&a.off_budget, "");
                rb.add(a.budget.value, &b);
                ro.add(a.off_budget.value, &f);
                let mut both = b;
                both.absorb(&f);
                rt.add(a.total(), &both);
            }
            budget.add_sum(&rb);
            off.add_sum(&ro);
            rows.push(AdministrationRow {
                tur: AdministrationRowKind::Hedef,
                ad: marks.value(&objective_cell(marks, o)),
                tutarlar: cost_cells(marks, &rb, &ro, &rt),
            });
        }
    }
    let appr = initial_appropriation(model, marks, t);
    let mut transfers = Sum::default();
    let mut transfer_names = Vec::new();
    for tr in model.finance.transfers_of(t) {
        transfers.add(tr.amount.value, &marks.sourced(&tr.amount, ""));
        transfer_names.push(format!(
            "{} ({})",
            tr.recipient.value,
            format::money(tr.amount.value)
        ));
    }
    let mut overhead = Sum::default();
    let mut notes = Vec::new();
    if appr.any {
        let rest = appr.value - budget.value - transfers.value;
        overhead.add(rest.max(0.0), &appr.marks);
        overhead.marks.absorb(&budget.marks);
        overhead.marks.absorb(&transfers.marks);
        notes.push(format!(
            "Genel Yönetim Giderleri, {t} yılı başlangıç ödeneğinden ({}) hedeflere bağlı faaliyet ve projelerin bütçe tutarları ile diğer idarelere transfer edilecek kaynaklar düşülerek bulunmuştur.",
            format::money(appr.value)
        ));
        if rest < 0.0 {
            notes.push(format!(
                "Faaliyet ve projelerin bütçeleri ile transferler başlangıç ödeneğini {} aştığından Genel Yönetim Giderleri 0 gösterilmiştir.",
                format::money(-rest)
            ));
        }
    } else {
        notes.push(format!(
            "{t} yılı için bütçe ödeneği girilmediğinden Genel Yönetim Giderleri hesaplanmamıştır (—)."
        ));
    }
    if !transfer_names.is_empty() {
        notes.push(format!(
            "Diğer idarelere transfer edilecek kaynaklar: {}.",
            transfer_names.join(", ")
        ));
    }
    // The budget column's grand total: the hedefs, Genel Yönetim Giderleri and the transfers;
    // the year's Başlangıç Ödeneği unless they exceed it (B005).
    let mut grand_budget = budget.clone();
    grand_budget.add_sum(&overhead);
    grand_budget.add_sum(&transfers);
    let mut grand_total = grand_budget.clone();
    grand_total.add_sum(&off);
    AdministrationTable {
        satirlar: rows,
        genel_yonetim: CostCells {
            butce: marks.value(&overhead.cell()),
            butce_disi: marks.value(&Cell::new(empty())),
            toplam: marks.value(&overhead.cell()),
        },
        transfer: CostCells {
            butce: marks.value(&transfers.cell()),
            butce_disi: marks.value(&Cell::new(empty())),
            toplam: marks.value(&transfers.cell()),
        },
        genel_toplam: cost_cells(marks, &grand_budget, &off, &grand_total),
        notlar: notes,
    }
}

/// Σ Başlangıç Ödeneği of a year, all directorates.
fn initial_appropriation(model: &Model, marks: &Marks, year: i32) -> Sum {
    let mut s = Sum::default();
    for l in model.budget.iter().filter(|l| l.year == year) {
        s.add(
            l.initial_appropriation.value,
            &marks.sourced(&l.initial_appropriation, ""),
        );
    }
    s
}

/// The Toplam Kaynak İhtiyacı Tablosu: the program year's Başlangıç Ödeneği by economic code
/// 01–09, the budget total, the activities' Bütçe Dışı sources and the grand total.
fn resource_table(model: &Model, marks: &Marks, t: i32) -> ResourceTable {
    let mut rows = Vec::new();
    let mut total = Sum::default();
    for (code, name) in ECONOMIC_CODES {
        let mut s = Sum::default();
        for l in model
            .budget
            .iter()
            .filter(|l| l.year == t && l.economic_code == code)
        {
            s.add(
                l.initial_appropriation.value,
                &marks.sourced(&l.initial_appropriation, ""),
            );
        }
        total.add_sum(&s);
        rows.push(ResourceRow {
            kod: code,
            ad: name,
            tutar: marks.value(&s.cell()),
        });
    }
    let mut off = Sum::default();
    for a in model.activities.iter().filter(|a| a.year == t) {
        off.add(a.off_budget.value, &marks.sourced(&a.off_budget, ""));
    }
    let mut grand = total.clone();
    grand.add_sum(&off);
    ResourceTable {
        satirlar: rows,
        butce_toplami: marks.value(&total.cell()),
        butce_disi: marks.value(&off.cell()),
        genel_toplam: marks.value(&grand.cell()),
    }
}
