//! The Stratejik Plan's own data: the hedef kartları, the Tahmini Maliyet Tablosu and the list
//! of indicators; on an updated plan the cover lines and every amendment.

use serde::Serialize;

use super::book::Book;
use super::common::{
    amendment_annex, empty, goal_cell, num, objective_cell, opt_num, update_lines, AnnexScope,
    BookInput, Common, Sum,
};
use super::marks::{Cell, MarkedCell, Marks};
use crate::model::{Model, Objective, Sourced};
use crate::text::format;

/// The context of `stratejik-plan.typ.j2`.
#[derive(Debug, Clone, Serialize)]
pub struct StrategicPlanContext {
    /// The cover lines (`guncelleme`) of an updated plan; every amendment (`degisiklikler`).
    #[serde(flatten)]
    pub common: Common,
    /// One per hedef.
    pub hedef_kartlari: Vec<ObjectiveCard>,
    /// The Tahmini Maliyet Tablosu.
    pub maliyet: CostTable,
    /// The Performans Göstergeleri Listesi of the annex.
    pub gosterge_eki: Vec<IndicatorEntry>,
}

/// A Hedef Kartı; every value a cell, the list fields a cell whose `metin` is an array.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveCard {
    pub kod: String,
    pub baslik: String,
    pub amac: MarkedCell,
    pub hedef: MarkedCell,
    /// The plan years, the columns of the targets.
    pub yillar: Vec<String>,
    pub gostergeler: Vec<CardIndicator>,
    pub sorumlu_birim: MarkedCell,
    pub isbirligi_birimleri: MarkedCell<Vec<String>>,
    pub riskler: MarkedCell<Vec<String>>,
    pub stratejiler: MarkedCell<Vec<String>>,
    pub maliyet_tahmini: MarkedCell,
    pub tespitler: MarkedCell<Vec<String>>,
    pub ihtiyaclar: MarkedCell<Vec<String>>,
}

/// An indicator of a Hedef Kartı. Printed whole: alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct CardIndicator {
    pub ad: MarkedCell,
    pub baslangic: MarkedCell,
    pub etki: MarkedCell,
    /// One per plan year.
    pub hedefler: Vec<MarkedCell>,
    pub izleme: MarkedCell,
    pub raporlama: MarkedCell,
}

/// The Tahmini Maliyet Tablosu: a column per plan year.
#[derive(Debug, Clone, Serialize)]
pub struct CostTable {
    pub yillar: Vec<String>,
    pub satirlar: Vec<CostRow>,
    pub notlar: Vec<String>,
}

/// A row of the Tahmini Maliyet Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct CostRow {
    pub tur: CostRowKind,
    pub ad: MarkedCell,
    /// One per plan year.
    pub yillar: Vec<MarkedCell>,
    pub toplam: MarkedCell,
}

/// What a row of the Tahmini Maliyet Tablosu is: `amac`, `hedef`, `gyg` (Genel Yönetim
/// Giderleri) or `toplam`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CostRowKind {
    Amac,
    Hedef,
    Gyg,
    Toplam,
}

/// An indicator of the annex: code, name, unit, direction and responsible directorate as cells;
/// `hedef` the hedef's code.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorEntry {
    pub kod: MarkedCell,
    pub hedef: String,
    pub ad: MarkedCell,
    pub birim: MarkedCell,
    pub yon: MarkedCell,
    pub sorumlu: MarkedCell,
}

pub(crate) fn context(input: &BookInput, marks: &Marks) -> StrategicPlanContext {
    let model = input.model;
    let mut common = Common::new(Book::StrategicPlan, input);
    common.guncelleme = update_lines(model);
    common.degisiklikler = amendment_annex(model, AnnexScope::All);
    StrategicPlanContext {
        common,
        hedef_kartlari: model
            .goals
            .iter()
            .flat_map(|g| g.objectives.iter().map(move |o| (g, o)))
            .map(|(g, o)| card(input, marks, &g.code, &g.name, o))
            .collect(),
        maliyet: cost_table(input, marks),
        gosterge_eki: indicator_list(model, marks),
    }
}

/// A list field of the card: a cell whose text is an array of strings.
fn list_value(marks: &Marks, value: &Sourced<Vec<String>>) -> MarkedCell<Vec<String>> {
    marks.value_with(&marks.sourced(value, ""), value.value.clone())
}

fn card(
    input: &BookInput,
    marks: &Marks,
    goal: &str,
    goal_name: &str,
    o: &Objective,
) -> ObjectiveCard {
    let model = input.model;
    let years: Vec<i32> = input.settings.years.plan_years().collect();
    let indicators = model
        .indicators_of(&o.code)
        .map(|i| {
            let mut name = marks.code(
                &i.code,
                i.code_cell.as_ref(),
                format!("{} {}", i.code, i.name.value),
            );
            name.absorb(&marks.sourced(&i.name, ""));
            let targets = years
                .iter()
                .map(|y| match i.targets.get(y) {
                    Some(t) => marks.value(&marks.sourced(t, opt_num(t.value))),
                    None => marks.value(&Cell::new(empty())),
                })
                .collect();
            CardIndicator {
                ad: marks.value(&name),
                baslangic: marks.value(&marks.sourced(&i.baseline, opt_num(i.baseline.value))),
                etki: marks.value(&marks.sourced(&i.weight, num(i.weight.value))),
                hedefler: targets,
                izleme: marks.value(&marks.sourced(&i.monitoring, i.monitoring.value.label())),
                raporlama: marks.value(&marks.sourced(&i.reporting, i.reporting.value.label())),
            }
        })
        .collect();
    let cost = match o.cost_estimate.value {
        Some(x) => format::money(x),
        None => empty(),
    };
    ObjectiveCard {
        kod: o.code.clone(),
        baslik: format!("{} Hedef Kartı", o.code),
        amac: marks.value(&goal_cell(marks, goal, goal_name)),
        hedef: marks.value(&objective_cell(marks, o)),
        yillar: years.iter().map(|y| y.to_string()).collect(),
        gostergeler: indicators,
        sorumlu_birim: marks.value(&marks.sourced(&o.responsible, o.responsible.value.clone())),
        isbirligi_birimleri: list_value(marks, &o.cooperating),
        riskler: list_value(marks, &o.risks),
        stratejiler: list_value(marks, &o.strategies),
        maliyet_tahmini: marks.value(&marks.sourced(&o.cost_estimate, cost)),
        tespitler: list_value(marks, &o.observations),
        ihtiyaclar: list_value(marks, &o.needs),
    }
}

/// The Tahmini Maliyet Tablosu: a hedef's cost in a year is the sum of its activities' Bütçe +
/// Bütçe Dışı; an amaç sums its hedefs; Genel Yönetim Giderleri of a year is that year's Toplam
/// Ödenek (all directorates) minus the hedefs' Bütçe, where the year's budget is known.
fn cost_table(input: &BookInput, marks: &Marks) -> CostTable {
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
                CostRowKind::Hedef,
                marks.code(&o.code, None, o.code.clone()),
                &sums,
                marks,
            ));
        }
        for (k, s) in goal_sums.iter().enumerate() {
            grand[k].add_sum(s);
        }
        rows.push(cost_row(
            CostRowKind::Amac,
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
        CostRowKind::Gyg,
        Cell::new("Genel Yönetim Giderleri"),
        &overhead,
        marks,
    ));
    rows.push(cost_row(
        CostRowKind::Toplam,
        Cell::new("TOPLAM"),
        &grand,
        marks,
    ));

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
    CostTable {
        yillar: years.iter().map(|y| y.to_string()).collect(),
        satirlar: rows,
        notlar: notes,
    }
}

fn cost_row(kind: CostRowKind, label: Cell, sums: &[Sum], marks: &Marks) -> CostRow {
    let mut total = Sum::default();
    for s in sums {
        total.add_sum(s);
    }
    CostRow {
        tur: kind,
        ad: marks.value(&label),
        yillar: sums.iter().map(|s| marks.value(&s.cell())).collect(),
        toplam: marks.value(&total.cell()),
    }
}

/// The annex: every indicator with code, name, unit, direction and responsible directorate.
fn indicator_list(model: &Model, marks: &Marks) -> Vec<IndicatorEntry> {
    model
        .indicators
        .iter()
        .map(|i| IndicatorEntry {
            kod: marks.value(&marks.code(&i.code, i.code_cell.as_ref(), i.code.clone())),
            hedef: i.objective.value.clone(),
            ad: marks.value(&marks.sourced(&i.name, i.name.value.clone())),
            birim: marks.value(&marks.sourced(&i.unit, i.unit.value.clone())),
            yon: marks.value(&marks.sourced(&i.direction, i.direction.value.label())),
            sorumlu: marks.value(&marks.directorate(&i.directorate, i.directorate.clone())),
        })
        .collect()
}
