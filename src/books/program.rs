//! The Performans Programı's own data (program year t).
//!
//! | key | value |
//! |---|---|
//! | `donem` | `{t, t1, t2}`: the program year and the two before it, as strings |
//! | `hedef_tablolari` | one per hedef: `{kod, baslik, amac, hedef, performans_hedefi, sorumlu_birim, gostergeler: [{ad, t2, t1, t}], faaliyetler: [{ad, butce, butce_disi, toplam}], toplam: {butce, butce_disi, toplam}, notlar}` |
//! | `birim_tablolari` | one per directorate: `{birim, baslik, faaliyetler: [{hedef, ad, butce, butce_disi, toplam}], toplam, notlar}` |
//! | `idare_tablosu` | `{satirlar: [{tur: amac / hedef, ad, butce, butce_disi, toplam}], genel_yonetim, genel_toplam, notlar}` |
//! | `kaynak_tablosu` | `{satirlar: [{kod, ad, tutar}], butce_toplami, butce_disi, genel_toplam}` |
//! | `degisiklikler` | the amendments that touch this program's tables |

use serde_json::{json, Map, Value};

use super::context::{amendment_annex, empty, num, AnnexScope, BookInput, NO_DATA};
use super::marks::{Cell, Marks};
use super::strategic::{goal_cell, objective_cell, Sum};
use crate::model::{Activity, Indicator, Model, Period, ECONOMIC_CODES};
use crate::performance::latest_value;
use crate::text::format;

/// The fields without a year that the program's tables print.
const SHOWN_FIELDS: &[&str] = &[
    "Gösterge",
    "Faaliyet",
    "Gösterge adı",
    "Faaliyet adı",
    "Hedef",
    "Sorumlu birim",
];

pub(crate) fn add(ctx: &mut Map<String, Value>, input: &BookInput, marks: &Marks) {
    let model = input.model;
    let t = input.settings.years.program;
    ctx.insert(
        "donem".into(),
        json!({"t": t.to_string(), "t1": (t - 1).to_string(), "t2": (t - 2).to_string()}),
    );
    let tables: Vec<Value> = model
        .goals
        .iter()
        .flat_map(|g| g.objectives.iter().map(move |o| (g, o)))
        .map(|(g, o)| {
            let mut notes = Vec::new();
            let indicators: Vec<Value> = model
                .indicators_of(&o.code)
                .map(|i| indicator_row(input, marks, i, t, &mut notes))
                .collect();
            let (activities, total) = activity_rows(
                marks,
                model.activities_of(&o.code).filter(|a| a.year == t),
                false,
            );
            unique(&mut notes);
            json!({
                "kod": o.code,
                "baslik": format!("{} Performans Hedefi Tablosu", o.code),
                "amac": marks.value(&goal_cell(marks, &g.code, &g.name)),
                "hedef": marks.value(&objective_cell(marks, o)),
                "performans_hedefi": marks.value(&marks.sourced(&o.name, o.name.value.clone())),
                "sorumlu_birim": marks.value(&marks.sourced(&o.responsible, o.responsible.value.clone())),
                "gostergeler": indicators,
                "faaliyetler": activities,
                "toplam": total,
                "notlar": notes,
            })
        })
        .collect();
    ctx.insert("hedef_tablolari".into(), Value::Array(tables));
    ctx.insert(
        "birim_tablolari".into(),
        directorate_tables(model, marks, t),
    );
    ctx.insert(
        "idare_tablosu".into(),
        administration_table(model, marks, t),
    );
    ctx.insert("kaynak_tablosu".into(), resource_table(model, marks, t));
    ctx.insert(
        "degisiklikler".into(),
        amendment_annex(
            model,
            AnnexScope::Year {
                year: t,
                fields: SHOWN_FIELDS,
            },
        ),
    );
}

/// Drops repeated notes, keeping the first of each.
pub(crate) fn unique(notes: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    notes.retain(|n| seen.insert(n.clone()));
}

/// `PG1.2.3 …` with the marks of the code and the name.
pub(crate) fn indicator_cell(marks: &Marks, i: &Indicator) -> Cell {
    let mut cell = marks.code(
        &i.code,
        i.code_cell.as_ref(),
        format!("{} {}", i.code, i.name.value),
    );
    cell.absorb(&marks.sourced(&i.name, ""));
    cell
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
) -> Value {
    let target = match i.targets.get(&t) {
        Some(s) => marks.sourced(s, s.value.map(num).unwrap_or_else(empty)),
        None => Cell::new(empty()),
    };
    json!({
        "ad": marks.value(&indicator_cell(marks, i)),
        "t2": marks.value(&past_value(input, marks, i, t - 2, false, notes)),
        "t1": marks.value(&past_value(input, marks, i, t - 1, true, notes)),
        "t": marks.value(&target),
    })
}

/// `F1.2.3 …` with the marks of the code and the name.
pub(crate) fn activity_cell(marks: &Marks, a: &Activity) -> Cell {
    let mut cell = marks.code(
        &a.code,
        a.code_cell.as_ref(),
        format!("{} {}", a.code, a.name.value),
    );
    cell.absorb(&marks.sourced(&a.name, ""));
    cell
}

/// Activity rows `{hedef, ad, butce, butce_disi, toplam}` and their totals.
fn activity_rows<'a>(
    marks: &Marks,
    activities: impl Iterator<Item = &'a Activity>,
    with_objective: bool,
) -> (Vec<Value>, Value) {
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
        let mut row = json!({
            "ad": marks.value(&activity_cell(marks, a)),
            "butce": marks.value(&rb.cell()),
            "butce_disi": marks.value(&ro.cell()),
            "toplam": marks.value(&rt.cell()),
        });
        if with_objective {
            row["hedef"] = marks.value(&marks.sourced(&a.objective, a.objective.value.clone()));
        }
        rows.push(row);
    }
    let totals = json!({
        "butce": marks.value(&budget.cell()),
        "butce_disi": marks.value(&off.cell()),
        "toplam": marks.value(&total.cell()),
    });
    (rows, totals)
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

fn directorate_tables(model: &Model, marks: &Marks, t: i32) -> Value {
    let mut out = Vec::new();
    for d in &model.directorates {
        let (rows, total) = activity_rows(
            marks,
            model
                .activities
                .iter()
                .filter(|a| a.year == t && a.directorate == d.name),
            true,
        );
        let appr = appropriation(model, marks, t, Some(&d.name));
        let mut notes = Vec::new();
        if appr.any {
            notes.push(format!(
                "Birimin {t} yılı toplam ödeneği: {}.",
                format::money(appr.value)
            ));
        }
        out.push(json!({
            "birim": marks.value(&marks.directorate(&d.name, d.name.clone())),
            "baslik": format!("{} Harcama Birimi Faaliyet Tablosu", d.name),
            "faaliyetler": rows,
            "toplam": total,
            "notlar": notes,
        }));
    }
    Value::Array(out)
}

/// The İdare Performans Tablosu: a row per hedef, then Genel Yönetim Giderleri (the program
/// year's Toplam Ödenek of all directorates minus the hedefs' Bütçe) and Genel Toplam.
fn administration_table(model: &Model, marks: &Marks, t: i32) -> Value {
    let mut rows = Vec::new();
    let (mut budget, mut off) = (Sum::default(), Sum::default());
    for g in &model.goals {
        rows.push(json!({
            "tur": "amac",
            "ad": marks.value(&goal_cell(marks, &g.code, &g.name)),
            "butce": marks.value(&Cell::new("")),
            "butce_disi": marks.value(&Cell::new("")),
            "toplam": marks.value(&Cell::new("")),
        }));
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
            rows.push(json!({
                "tur": "hedef",
                "ad": marks.value(&objective_cell(marks, o)),
                "butce": marks.value(&rb.cell()),
                "butce_disi": marks.value(&ro.cell()),
                "toplam": marks.value(&rt.cell()),
            }));
        }
    }
    let appr = appropriation(model, marks, t, None);
    let mut overhead = Sum::default();
    let mut notes = Vec::new();
    if appr.any {
        overhead.add(appr.value - budget.value, &appr.marks);
        overhead.marks.absorb(&budget.marks);
        notes.push(format!(
            "Genel Yönetim Giderleri, {t} yılı toplam ödeneğinden ({}) hedeflere bağlı faaliyet ve projelerin bütçe tutarları düşülerek bulunmuştur.",
            format::money(appr.value)
        ));
    } else {
        notes.push(format!(
            "{t} yılı için bütçe ödeneği girilmediğinden Genel Yönetim Giderleri hesaplanmamıştır (—)."
        ));
    }
    // The budget column's grand total is the year's Toplam Ödenek when it is known.
    let grand_budget = if appr.any {
        appr.clone()
    } else {
        budget.clone()
    };
    let mut grand_total = grand_budget.clone();
    grand_total.add_sum(&off);
    json!({
        "satirlar": rows,
        "genel_yonetim": {
            "butce": marks.value(&overhead.cell()),
            "butce_disi": marks.value(&Cell::new(empty())),
            "toplam": marks.value(&overhead.cell()),
        },
        "genel_toplam": {
            "butce": marks.value(&grand_budget.cell()),
            "butce_disi": marks.value(&off.cell()),
            "toplam": marks.value(&grand_total.cell()),
        },
        "notlar": notes,
    })
}

/// The Toplam Kaynak İhtiyacı Tablosu: the program year's Başlangıç Ödeneği by economic code
/// 01–09, the budget total, the activities' Bütçe Dışı sources and the grand total.
fn resource_table(model: &Model, marks: &Marks, t: i32) -> Value {
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
        rows.push(json!({
            "kod": code,
            "ad": name,
            "tutar": marks.value(&s.cell()),
        }));
    }
    let mut off = Sum::default();
    for a in model.activities.iter().filter(|a| a.year == t) {
        off.add(a.off_budget.value, &marks.sourced(&a.off_budget, ""));
    }
    let mut grand = total.clone();
    grand.add_sum(&off);
    json!({
        "satirlar": rows,
        "butce_toplami": marks.value(&total.cell()),
        "butce_disi": marks.value(&off.cell()),
        "genel_toplam": marks.value(&grand.cell()),
    })
}
