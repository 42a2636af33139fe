//! The Stratejik Plan's own data.
//!
//! | key | value |
//! |---|---|
//! | `guncelleme` | the cover lines of an updated plan, or none |
//! | `hedef_kartlari` | one per hedef: `{kod, baslik, amac, hedef, yillar, gostergeler: [{ad, etki, baslangic, hedefler, izleme, raporlama}], sorumlu_birim, isbirligi_birimleri, riskler, stratejiler, maliyet_tahmini, tespitler, ihtiyaclar}`; every value a cell (list fields: a cell whose `metin` is an array) |
//! | `maliyet` | the Tahmini Maliyet Tablosu: `{yillar, satirlar: [{tur: amac / hedef / gyg / toplam, ad, yillar: [cell], toplam}], notlar}` |
//! | `gosterge_eki` | `[{kod, ad, birim, yon, sorumlu}]` cells |
//! | `degisiklikler` | every amendment (see `amendment_annex`) |

use serde_json::{json, Map, Value};

use super::context::{
    amendment_annex, empty, money, num, opt_num, update_lines, AnnexScope, BookInput,
};
use super::marks::{Cell, Marks};
use crate::model::{Model, Objective, Sourced};
use crate::text::format;

pub(crate) fn add(ctx: &mut Map<String, Value>, input: &BookInput, marks: &Marks) {
    let model = input.model;
    ctx.insert("guncelleme".into(), update_lines(model));
    let cards: Vec<Value> = model
        .goals
        .iter()
        .flat_map(|g| g.objectives.iter().map(move |o| (g, o)))
        .map(|(g, o)| card(input, marks, &g.code, &g.name, o))
        .collect();
    ctx.insert("hedef_kartlari".into(), Value::Array(cards));
    ctx.insert("maliyet".into(), cost_table(input, marks));
    ctx.insert("gosterge_eki".into(), indicator_list(model, marks));
    ctx.insert(
        "degisiklikler".into(),
        amendment_annex(model, AnnexScope::All),
    );
}

/// The `Hedef` cell: `H1.2 …` with the marks of the code and the name.
pub(crate) fn objective_cell(marks: &Marks, o: &Objective) -> Cell {
    let mut cell = marks.code(&o.code, None, format!("{} {}", o.code, o.name.value));
    cell.absorb(&marks.sourced(&o.name, ""));
    cell
}

/// The `Amaç` cell: `A1 …`.
pub(crate) fn goal_cell(marks: &Marks, code: &str, name: &str) -> Cell {
    marks.code(code, None, format!("{code} {name}"))
}

/// A list field of the card: a cell whose text is an array of strings.
fn list_value(marks: &Marks, value: &Sourced<Vec<String>>) -> Value {
    let mut v = marks.value(&marks.sourced(value, ""));
    if let Value::Object(m) = &mut v {
        m.insert(
            "metin".into(),
            Value::Array(value.value.iter().cloned().map(Value::String).collect()),
        );
    }
    v
}

fn card(input: &BookInput, marks: &Marks, goal: &str, goal_name: &str, o: &Objective) -> Value {
    let model = input.model;
    let years: Vec<i32> = input.settings.years.plan_years().collect();
    let indicators: Vec<Value> = model
        .indicators_of(&o.code)
        .map(|i| {
            let mut name = marks.code(
                &i.code,
                i.code_cell.as_ref(),
                format!("{} {}", i.code, i.name.value),
            );
            name.absorb(&marks.sourced(&i.name, ""));
            let targets: Vec<Value> = years
                .iter()
                .map(|y| match i.targets.get(y) {
                    Some(t) => marks.value(&marks.sourced(t, opt_num(t.value))),
                    None => marks.value(&Cell::new(empty())),
                })
                .collect();
            json!({
                "ad": marks.value(&name),
                "etki": marks.value(&marks.sourced(&i.weight, num(i.weight.value))),
                "baslangic": marks.value(&marks.sourced(&i.baseline, opt_num(i.baseline.value))),
                "hedefler": targets,
                "izleme": marks.value(&marks.sourced(&i.monitoring, i.monitoring.value.label())),
                "raporlama": marks.value(&marks.sourced(&i.reporting, i.reporting.value.label())),
            })
        })
        .collect();
    let cost = match o.cost_estimate.value {
        Some(x) => format::money(x),
        None => empty(),
    };
    json!({
        "kod": o.code,
        "baslik": format!("{} Hedef Kartı", o.code),
        "amac": marks.value(&goal_cell(marks, goal, goal_name)),
        "hedef": marks.value(&objective_cell(marks, o)),
        "yillar": years.iter().map(|y| y.to_string()).collect::<Vec<_>>(),
        "gostergeler": indicators,
        "sorumlu_birim": marks.value(&marks.sourced(&o.responsible, o.responsible.value.clone())),
        "isbirligi_birimleri": list_value(marks, &o.cooperating),
        "riskler": list_value(marks, &o.risks),
        "stratejiler": list_value(marks, &o.strategies),
        "maliyet_tahmini": marks.value(&marks.sourced(&o.cost_estimate, cost)),
        "tespitler": list_value(marks, &o.observations),
        "ihtiyaclar": list_value(marks, &o.needs),
    })
}

/// A sum of amounts with the marks of everything summed; `—` when nothing was summed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sum {
    pub value: f64,
    pub any: bool,
    pub marks: Cell,
}

impl Sum {
    pub fn add(&mut self, x: f64, marks: &Cell) {
        self.value += x;
        self.any = true;
        self.marks.absorb(marks);
    }

    pub fn add_sum(&mut self, other: &Sum) {
        if other.any {
            self.value += other.value;
            self.any = true;
        }
        self.marks.absorb(&other.marks);
    }

    /// The sum as a money cell (`1.234.567,89`), `—` when empty.
    pub fn cell(&self) -> Cell {
        let text = if self.any { money(self.value) } else { empty() };
        self.marks.with_text(text)
    }
}

/// The Tahmini Maliyet Tablosu: a hedef's cost in a year is the sum of its activities' Bütçe +
/// Bütçe Dışı; an amaç sums its hedefs; Genel Yönetim Giderleri of a year is that year's Toplam
/// Ödenek (all directorates) minus the hedefs' Bütçe, where the year's budget is known.
fn cost_table(input: &BookInput, marks: &Marks) -> Value {
    let model = input.model;
    let years: Vec<i32> = input.settings.years.plan_years().collect();
    let mut rows = Vec::new();
    let mut grand: Vec<Sum> = vec![Sum::default(); years.len()];
    let mut budget_only: Vec<Sum> = vec![Sum::default(); years.len()];
    let mut off_only: Vec<Sum> = vec![Sum::default(); years.len()];
    for g in &model.goals {
        let mut goal_sums: Vec<Sum> = vec![Sum::default(); years.len()];
        let mut objective_rows = Vec::new();
        for o in &g.objectives {
            let mut sums: Vec<Sum> = vec![Sum::default(); years.len()];
            for a in model.activities_of(&o.code) {
                if let Some(k) = years.iter().position(|y| *y == a.year) {
                    let mut m = marks.sourced(&a.budget, "");
                    m.absorb(&marks.sourced(&a.off_budget, ""));
                    sums[k].add(a.total(), &m);
                    budget_only[k].add(a.budget.value, &marks.sourced(&a.budget, ""));
                    off_only[k].add(a.off_budget.value, &marks.sourced(&a.off_budget, ""));
                }
            }
            for (k, s) in sums.iter().enumerate() {
                goal_sums[k].add_sum(s);
            }
            objective_rows.push(cost_row(
                "hedef",
                marks.code(&o.code, None, o.code.clone()),
                &sums,
                marks,
            ));
        }
        for (k, s) in goal_sums.iter().enumerate() {
            grand[k].add_sum(s);
        }
        rows.push(cost_row(
            "amac",
            marks.code(&g.code, None, g.code.clone()),
            &goal_sums,
            marks,
        ));
        rows.extend(objective_rows);
    }
    // Genel Yönetim Giderleri: the year's Toplam Ödenek minus the hedefs' Bütçe. The TOPLAM of
    // such a year is its Toplam Ödenek plus the Bütçe Dışı sources: an amendment that moves
    // money between hedefs changes Genel Yönetim Giderleri, not TOPLAM.
    let mut overhead: Vec<Sum> = vec![Sum::default(); years.len()];
    let mut known_years = Vec::new();
    for (k, y) in years.iter().enumerate() {
        let mut appropriation = Sum::default();
        for line in model.budget.iter().filter(|l| l.year == *y) {
            appropriation.add(
                line.total_appropriation.value,
                &marks.sourced(&line.total_appropriation, ""),
            );
        }
        if appropriation.any {
            overhead[k].add(
                appropriation.value - budget_only[k].value,
                &appropriation.marks,
            );
            overhead[k].marks.absorb(&budget_only[k].marks);
            known_years.push(y.to_string());
            let mut total = Sum::default();
            total.add(appropriation.value, &appropriation.marks);
            total.add_sum(&off_only[k]);
            grand[k] = total;
        }
    }
    rows.push(cost_row(
        "gyg",
        Cell::new("Genel Yönetim Giderleri"),
        &overhead,
        marks,
    ));
    rows.push(cost_row("toplam", Cell::new("TOPLAM"), &grand, marks));

    let mut notes = vec![
        "Bir hedefin maliyeti, o hedefe bağlı faaliyet ve projelerin bütçe ve bütçe dışı tutarlarının toplamıdır; amaç satırları hedeflerinin toplamıdır."
            .to_string(),
    ];
    let all_known = known_years.len() == years.len();
    notes.push(if known_years.is_empty() {
        "Plan dönemi için bütçe ödeneği girilmediğinden Genel Yönetim Giderleri hesaplanmamıştır (—).".to_string()
    } else if all_known {
        "Genel Yönetim Giderleri, her yılın toplam ödeneğinden hedeflere bağlı faaliyet ve projelerin bütçe tutarları düşülerek bulunmuştur.".to_string()
    } else {
        format!(
            "Genel Yönetim Giderleri, toplam ödeneği bilinen yıllar ({}) için o yılın toplam ödeneğinden hedeflere bağlı faaliyet ve projelerin bütçe tutarları düşülerek bulunmuştur; ödeneği bilinmeyen yıllarda gösterilmemiştir (—).",
            known_years.join(", ")
        )
    });
    json!({
        "yillar": years.iter().map(|y| y.to_string()).collect::<Vec<_>>(),
        "satirlar": rows,
        "notlar": notes,
    })
}

fn cost_row(kind: &str, label: Cell, sums: &[Sum], marks: &Marks) -> Value {
    let mut total = Sum::default();
    for s in sums {
        total.add_sum(s);
    }
    json!({
        "tur": kind,
        "ad": marks.value(&label),
        "yillar": sums.iter().map(|s| marks.value(&s.cell())).collect::<Vec<_>>(),
        "toplam": marks.value(&total.cell()),
    })
}

/// The annex: every indicator with code, name, unit, direction and responsible directorate.
fn indicator_list(model: &Model, marks: &Marks) -> Value {
    Value::Array(
        model
            .indicators
            .iter()
            .map(|i| {
                json!({
                    "kod": marks.value(&marks.code(&i.code, i.code_cell.as_ref(), i.code.clone())),
                    "hedef": i.objective.value,
                    "ad": marks.value(&marks.sourced(&i.name, i.name.value.clone())),
                    "birim": marks.value(&marks.sourced(&i.unit, i.unit.value.clone())),
                    "yon": marks.value(&marks.sourced(&i.direction, i.direction.value.label())),
                    "sorumlu": marks.value(&marks.directorate(&i.directorate, i.directorate.clone())),
                })
            })
            .collect(),
    )
}
