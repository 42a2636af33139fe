//! The Faaliyet Raporu's own data (report year t).
//!
//! | key | value |
//! |---|---|
//! | `birimler` | `[{sira, ad, yetkili, unvan}]` cells: the directorates and their harcama yetkilileri |
//! | `butce` | `{ekonomik: [{kod, ad, baslangic, toplam, harcama, oran}], ekonomik_toplam, birimler: [{ad, baslangic, toplam, harcama, oran}], birim_toplami, grafik: [{etiket, aciklama, degerler: [f64, f64]}]}` |
//! | `faaliyet_birimleri` | per directorate with activities in t: `{birim, baslik, faaliyetler: [{ad, durum, planlanan, gerceklesen}], toplam: {planlanan, gerceklesen}}` |
//! | `sonuc_tablolari` | per hedef: `{kod, baslik, hedef, gostergeler: [{ad, etki, baslangic, hedef, izleme, yil_sonu, oran, sapma}], oran, notlar}` |
//! | `gerceklesme_grafigi` | `[{etiket, aciklama, deger: f64 or none, metin: "%77,5" or none}]` |
//! | `beyan` | `{yil, yer, tarih, kurum, baskan: {ad, unvan}, mali: {ad, unvan}}` for the declarations |
//! | `degisiklikler` | the amendments that touch this report's tables |

use serde_json::{json, Map, Value};

use super::context::{
    amendment_annex, empty, num, opt_num, percent, rate, AnnexScope, BookInput, NO_DATA,
};
use super::marks::{Cell, Marks};
use super::program::{activity_cell, indicator_cell, unique};
use super::strategic::{objective_cell, Sum};
use crate::model::{BudgetLine, Indicator, Model, Period, ECONOMIC_CODES};
use crate::performance::{indicator_rate, objective_rate, RateOutcome, Why};

/// The fields without a year that the report's tables print.
const SHOWN_FIELDS: &[&str] = &[
    "Gösterge",
    "Faaliyet",
    "Gösterge adı",
    "Faaliyet adı",
    "Hedef",
    "Başlangıç değeri",
    "Hedefe etkisi (%)",
];

pub(crate) fn add(ctx: &mut Map<String, Value>, input: &BookInput, marks: &Marks) {
    let model = input.model;
    let settings = input.settings;
    let t = settings.years.report;
    ctx.insert("birimler".into(), directorates(model, marks));
    ctx.insert("butce".into(), budget(model, marks, t));
    ctx.insert("faaliyet_birimleri".into(), activities(model, marks, t));
    let cap = settings.rules.cap;
    let mut tables = Vec::new();
    let mut chart = Vec::new();
    for o in model.objectives() {
        let mut rate_marks = Cell::default();
        let rows: Vec<Value> = model
            .indicators_of(&o.code)
            .map(|i| result_row(marks, i, t, &mut rate_marks))
            .collect();
        let outcome = objective_rate(model, &o.code, t, cap);
        let mut notes = Vec::new();
        let (text, value, label) = match &outcome {
            RateOutcome::Rate(r) => (rate(*r), Some(*r), Some(percent(*r))),
            RateOutcome::Missing(why) => {
                notes.push(format!(
                    "{} hedefinin {t} yılı gerçekleşme oranı hesaplanamadı: {why}.",
                    o.code
                ));
                let text = if matches!(why, Why::NoIndicators) {
                    empty()
                } else {
                    NO_DATA.to_string()
                };
                (text, None, None)
            }
        };
        if cap.is_some_and(|c| {
            model
                .indicators_of(&o.code)
                .any(|i| indicator_rate(i, t).rate().is_some_and(|r| r > c))
        }) {
            notes.push(format!(
                "Hedefin gerçekleşme oranında göstergelerin oranı en çok %{} olarak hesaba katılmıştır.",
                num(cap.unwrap_or(100.0))
            ));
        }
        unique(&mut notes);
        tables.push(json!({
            "kod": o.code,
            "baslik": format!("{} Performans Sonuçları Tablosu", o.code),
            "hedef": marks.value(&objective_cell(marks, o)),
            "gostergeler": rows,
            "oran": marks.value(&rate_marks.with_text(text)),
            "oran_etiketi": format!("{} hedefinin gerçekleşme oranı", o.code),
            "notlar": notes,
        }));
        chart.push(json!({
            "etiket": o.code,
            "aciklama": o.name.value,
            "deger": value,
            "metin": label,
        }));
    }
    ctx.insert("sonuc_tablolari".into(), Value::Array(tables));
    ctx.insert("gerceklesme_grafigi".into(), Value::Array(chart));
    let inst = &settings.institution;
    let place = inst
        .province
        .clone()
        .or_else(|| inst.short_name.clone())
        .unwrap_or_else(|| inst.name.clone());
    ctx.insert(
        "beyan".into(),
        json!({
            "yil": t.to_string(),
            "yer": place,
            "tarih": format!("…/…/{}", t + 1),
            "kurum": inst.name,
        }),
    );
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

fn directorates(model: &Model, marks: &Marks) -> Value {
    Value::Array(
        model
            .directorates
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let text = |v: &Option<crate::model::Sourced<String>>| {
                    v.as_ref()
                        .map(|s| s.value.as_str())
                        .filter(|s| !s.trim().is_empty())
                        .map(str::to_string)
                        .unwrap_or_else(empty)
                };
                json!({
                    "sira": (k + 1).to_string(),
                    "ad": marks.value(&marks.directorate(&d.name, d.name.clone())),
                    "yetkili": marks.value(&Cell::new(text(&d.official))),
                    "unvan": marks.value(&Cell::new(text(&d.title))),
                })
            })
            .collect(),
    )
}

/// Başlangıç Ödeneği, Toplam Ödenek and Harcama of some budget lines.
#[derive(Default, Clone)]
struct Amounts {
    initial: Sum,
    total: Sum,
    spent: Sum,
}

impl Amounts {
    fn add(&mut self, l: &BudgetLine, marks: &Marks) {
        self.initial.add(
            l.initial_appropriation.value,
            &marks.sourced(&l.initial_appropriation, ""),
        );
        self.total.add(
            l.total_appropriation.value,
            &marks.sourced(&l.total_appropriation, ""),
        );
        match l.expenditure.value {
            Some(x) => self.spent.add(x, &marks.sourced(&l.expenditure, "")),
            None => self.spent.marks.absorb(&marks.sourced(&l.expenditure, "")),
        }
    }

    fn merge(&mut self, other: &Amounts) {
        self.initial.add_sum(&other.initial);
        self.total.add_sum(&other.total);
        self.spent.add_sum(&other.spent);
    }

    /// `{baslangic, toplam, harcama, oran}`; the rate is Harcama / Toplam Ödenek × 100, `—`
    /// when there is no appropriation or no expenditure.
    fn cells(&self, marks: &Marks) -> Map<String, Value> {
        let mut rate_cell = self.total.marks.clone();
        rate_cell.absorb(&self.spent.marks);
        let rate_text = if self.spent.any && self.total.any && self.total.value > 0.0 {
            rate(crate::performance::budget_rate(
                self.spent.value,
                self.total.value,
            ))
        } else {
            empty()
        };
        let mut m = Map::new();
        m.insert("baslangic".into(), marks.value(&self.initial.cell()));
        m.insert("toplam".into(), marks.value(&self.total.cell()));
        m.insert("harcama".into(), marks.value(&self.spent.cell()));
        m.insert("oran".into(), marks.value(&rate_cell.with_text(rate_text)));
        m
    }
}

/// Bütçe Uygulama Sonuçları of year t: by economic code (all nine) and by directorate, with
/// totals, and the chart data (Toplam Ödenek and Harcama per economic code).
fn budget(model: &Model, marks: &Marks, t: i32) -> Value {
    let lines: Vec<&BudgetLine> = model.budget.iter().filter(|l| l.year == t).collect();
    let mut by_code = Vec::new();
    let mut chart = Vec::new();
    let mut grand = Amounts::default();
    for (code, name) in ECONOMIC_CODES {
        let mut a = Amounts::default();
        for l in lines.iter().filter(|l| l.economic_code == code) {
            a.add(l, marks);
        }
        grand.merge(&a);
        let mut row = a.cells(marks);
        row.insert("kod".into(), Value::String(code.to_string()));
        row.insert("ad".into(), Value::String(name.to_string()));
        by_code.push(Value::Object(row));
        if a.total.any {
            chart.push(json!({
                "etiket": code,
                "aciklama": name,
                "degerler": [a.total.value, a.spent.value],
            }));
        }
    }
    let mut by_directorate = Vec::new();
    let mut directorate_total = Amounts::default();
    for d in &model.directorates {
        let mut a = Amounts::default();
        for l in lines.iter().filter(|l| l.directorate == d.name) {
            a.add(l, marks);
        }
        directorate_total.merge(&a);
        let mut row = a.cells(marks);
        row.insert(
            "ad".into(),
            marks.value(&marks.directorate(&d.name, d.name.clone())),
        );
        by_directorate.push(Value::Object(row));
    }
    json!({
        "ekonomik": by_code,
        "ekonomik_toplam": Value::Object(grand.cells(marks)),
        "birimler": by_directorate,
        "birim_toplami": Value::Object(directorate_total.cells(marks)),
        "grafik": chart,
    })
}

/// Faaliyet ve Proje Bilgileri: per directorate its activities of year t with Durum, planned
/// (Bütçe + Bütçe Dışı) and realised (Gerçekleşen) cost.
fn activities(model: &Model, marks: &Marks, t: i32) -> Value {
    let mut out = Vec::new();
    for d in &model.directorates {
        let list: Vec<_> = model
            .activities
            .iter()
            .filter(|a| a.year == t && a.directorate == d.name)
            .collect();
        if list.is_empty() {
            continue;
        }
        let (mut planned_total, mut spent_total) = (Sum::default(), Sum::default());
        let rows: Vec<Value> = list
            .iter()
            .map(|a| {
                let mut pm = marks.sourced(&a.budget, "");
                pm.absorb(&marks.sourced(&a.off_budget, ""));
                let mut planned = Sum::default();
                planned.add(a.total(), &pm);
                planned_total.add_sum(&planned);
                let mut spent = Sum::default();
                match a.expenditure.value {
                    Some(x) => spent.add(x, &marks.sourced(&a.expenditure, "")),
                    None => spent.marks.absorb(&marks.sourced(&a.expenditure, "")),
                }
                spent_total.add_sum(&spent);
                let status = a
                    .status
                    .value
                    .map(|s| s.label().to_string())
                    .unwrap_or_else(empty);
                json!({
                    "ad": marks.value(&activity_cell(marks, a)),
                    "durum": marks.value(&marks.sourced(&a.status, status)),
                    "planlanan": marks.value(&planned.cell()),
                    "gerceklesen": marks.value(&spent.cell()),
                })
            })
            .collect();
        out.push(json!({
            "birim": marks.value(&marks.directorate(&d.name, d.name.clone())),
            "baslik": format!("{} Faaliyet ve Proje Bilgileri", d.name),
            "faaliyetler": rows,
            "toplam": {
                "planlanan": marks.value(&planned_total.cell()),
                "gerceklesen": marks.value(&spent_total.cell()),
            },
        }));
    }
    Value::Array(out)
}

/// One indicator row of a Performans Sonuçları Tablosu. `rate_marks` collects the marks of
/// every value the hedef's rate is computed from.
fn result_row(marks: &Marks, i: &Indicator, t: i32, rate_marks: &mut Cell) -> Value {
    let weight = marks.sourced(&i.weight, num(i.weight.value));
    let baseline = marks.sourced(&i.baseline, opt_num(i.baseline.value));
    let target = match i.targets.get(&t) {
        Some(s) => marks.sourced(s, opt_num(s.value)),
        None => Cell::new(empty()),
    };
    let interim = match i.actual(t, Period::Interim) {
        Some(a) => marks.sourced(&a.value, num(a.value.value)),
        None => Cell::new(empty()),
    };
    let year_end_actual = i.actual(t, Period::YearEnd);
    let year_end = match year_end_actual {
        Some(a) => marks.sourced(&a.value, num(a.value.value)),
        None => Cell::new(NO_DATA),
    };
    let mut rate_cell = baseline.clone();
    rate_cell.absorb(&target);
    rate_cell.absorb(&year_end);
    let rate_text = match indicator_rate(i, t) {
        RateOutcome::Rate(r) => rate(r),
        RateOutcome::Missing(Why::NoYearEnd { .. }) => NO_DATA.to_string(),
        RateOutcome::Missing(_) => empty(),
    };
    let reason = match year_end_actual {
        Some(a) => {
            let text = a
                .deviation_reason
                .value
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
                .unwrap_or_else(empty);
            marks.sourced(&a.deviation_reason, text)
        }
        None => Cell::new(empty()),
    };
    rate_marks.absorb(&rate_cell);
    rate_marks.absorb(&weight);
    json!({
        "ad": marks.value(&indicator_cell(marks, i)),
        "etki": marks.value(&weight),
        "baslangic": marks.value(&baseline),
        "hedef": marks.value(&target),
        "izleme": marks.value(&interim),
        "yil_sonu": marks.value(&year_end),
        "oran": marks.value(&rate_cell.with_text(rate_text)),
        "sapma": marks.value(&reason),
    })
}
