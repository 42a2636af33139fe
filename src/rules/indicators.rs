//! G rules: performance indicators and the hedefs of plan.yaml.

use std::collections::BTreeMap;

use super::{place_or_decision, where_text, Context, PLAN_FILE};
use crate::finding::{CellRef, Code, Finding};
use crate::model::{code_key, Direction, Indicator, Objective};
use crate::text::format::plain_number;

/// The indicator's directorate as a finding names it (none when unknown).
fn directorate(i: &Indicator) -> Option<&str> {
    Some(i.directorate.as_str()).filter(|d| !d.is_empty())
}

/// A finding about one indicator: its item code and directorate.
fn about(code: Code, i: &Indicator, message: String) -> Finding {
    Finding::new(code, message)
        .item(i.code.clone())
        .directorate(directorate(i))
}

/// The kurum.yaml name of a hedef's responsible directorate, when plan.yaml names a known one.
fn responsible<'a>(cx: &Context<'a>, o: &Objective) -> Option<&'a str> {
    cx.settings
        .find_directorate(&o.responsible.value)
        .map(|d| d.name.as_str())
}

/// G001: the baseline is empty.
pub fn missing_baseline(cx: &Context<'_>) -> Vec<Finding> {
    cx.model
        .indicators
        .iter()
        .filter(|i| i.baseline.value.is_none())
        .map(|i| {
            let msg = format!(
                "{} göstergesinin Başlangıç Değeri (plan dönemi başlangıç değeri) boş. Plan döneminin başındaki değeri yazın; başlangıçta bir değer yoksa 0 yazın.",
                i.code
            );
            place_or_decision(cx, about(Code::G001, i, msg), i.baseline.cell.as_ref(), i.code_cell.as_ref(), i.name.changed_by.as_deref())
        })
        .collect()
}

/// G002: a plan year's target is empty (one finding per year).
pub fn missing_target(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in &cx.model.indicators {
        for year in cx.model.years.plan_years() {
            let target = i.targets.get(&year);
            if target.and_then(|t| t.value).is_some() {
                continue;
            }
            let msg = format!(
                "{} göstergesinin {year} yılı hedefi boş. Plan döneminin her yılı için bir hedef yazın (hedefler plan başından itibaren birikimlidir).",
                i.code
            );
            out.push(place_or_decision(
                cx,
                about(Code::G002, i, msg),
                target.and_then(|t| t.cell.as_ref()),
                i.code_cell.as_ref(),
                i.name.changed_by.as_deref(),
            ));
        }
    }
    out
}

/// G003: targets are not cumulative in the indicator's direction (Artış: baseline ≤ t1 ≤ … ≤
/// t5; Azalış: baseline ≥ t1 ≥ … ≥ t5). The finding is at the first target that breaks the
/// order; empty values are skipped (G001/G002 report them).
pub fn targets_out_of_order(cx: &Context<'_>) -> Vec<Finding> {
    let years: Vec<i32> = cx.model.years.plan_years().collect();
    let mut out = Vec::new();
    for i in &cx.model.indicators {
        let (increasing, word, sign) = match i.direction.value {
            Direction::Increase => (true, "küçük", "≤"),
            Direction::Decrease => (false, "büyük", "≥"),
            Direction::Either => continue,
        };
        let mut previous: Option<(String, f64)> = i
            .baseline
            .value
            .map(|b| ("Başlangıç Değeri".to_string(), b));
        for &year in &years {
            let Some(t) = i.targets.get(&year) else {
                continue;
            };
            let Some(value) = t.value else {
                continue;
            };
            if let Some((prev_name, prev)) = &previous {
                let broken = if increasing {
                    value < *prev
                } else {
                    value > *prev
                };
                if broken {
                    let chain = std::iter::once("Başlangıç Değeri".to_string())
                        .chain(years.iter().map(|y| y.to_string()))
                        .collect::<Vec<_>>()
                        .join(&format!(" {sign} "));
                    let msg = format!(
                        "{} göstergesi {} yönlü, ama {year} hedefi ({}) bir önceki değerden ({prev_name}: {}) {word}. Hedefler plan başından itibaren birikimlidir: {} yönlü bir göstergede {chain} olmalı. Hedefleri ya da göstergenin yönünü düzeltin.",
                        i.code,
                        i.direction.value.label(),
                        plain_number(value),
                        plain_number(*prev),
                        i.direction.value.label(),
                    );
                    out.push(place_or_decision(
                        cx,
                        about(Code::G003, i, msg),
                        t.cell.as_ref(),
                        i.code_cell.as_ref(),
                        i.name.changed_by.as_deref(),
                    ));
                    break;
                }
            }
            previous = Some((format!("{year} hedefi"), value));
        }
    }
    out
}

/// G004: a Yüzde indicator's baseline, target or realisation lies outside 0–100 (one finding
/// per value).
pub fn percentage_out_of_range(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in cx.model.indicators.iter().filter(|i| i.is_percentage()) {
        let mut values: Vec<(String, f64, Option<&CellRef>)> = Vec::new();
        if let Some(b) = i.baseline.value {
            values.push(("Başlangıç Değeri".to_string(), b, i.baseline.cell.as_ref()));
        }
        for (year, t) in &i.targets {
            if let Some(v) = t.value {
                values.push((format!("{year} hedefi"), v, t.cell.as_ref()));
            }
        }
        for a in &i.actuals {
            values.push((
                format!("{} {} gerçekleşmesi", a.year, a.period.label()),
                a.value.value,
                a.value.cell.as_ref(),
            ));
        }
        for (what, value, cell) in values {
            if (0.0..=100.0).contains(&value) {
                continue;
            }
            let msg = format!(
                "{} göstergesinin ölçü birimi Yüzde, ama {what} {}: yüzde değerleri 0 ile 100 arasında olmalı. Değeri düzeltin ya da ölçü birimini değiştirin.",
                i.code,
                plain_number(value)
            );
            out.push(place_or_decision(
                cx,
                about(Code::G004, i, msg),
                cell,
                i.code_cell.as_ref(),
                i.name.changed_by.as_deref(),
            ));
        }
    }
    out
}

/// G005: the Hedefe Etkisi of a hedef's indicators do not add up to 100 (tolerance 0.01).
/// `hucre` is the first weight; across workbooks it is the first weight of the later file (in
/// sorted order), and `diger_hucreler` holds the other weights of that same sheet.
pub fn weights_do_not_add_up(cx: &Context<'_>) -> Vec<Finding> {
    // Natural code order → (the hedef's code, its indicators).
    type ByObjective<'a> = BTreeMap<Vec<(String, u64)>, (String, Vec<&'a Indicator>)>;
    let mut by_objective: ByObjective = BTreeMap::new();
    for i in &cx.model.indicators {
        by_objective
            .entry(code_key(&i.objective.value))
            .or_insert_with(|| (i.objective.value.clone(), Vec::new()))
            .1
            .push(i);
    }
    let mut out = Vec::new();
    for (objective, indicators) in by_objective.into_values() {
        let sum: f64 = indicators.iter().map(|i| i.weight.value).sum();
        if (sum - 100.0).abs() <= 0.01 {
            continue;
        }
        // The later file in sorted order holds the finding; its first weight is `hucre`.
        let later_file = indicators
            .iter()
            .filter_map(|i| i.weight.cell.as_ref().map(|c| c.file.as_str()))
            .max();
        let mut here: Vec<(&CellRef, &Indicator)> = indicators
            .iter()
            .filter_map(|i| i.weight.cell.as_ref().map(|c| (c, *i)))
            .filter(|(c, _)| Some(c.file.as_str()) == later_file)
            .collect();
        here.sort_by_key(|(c, _)| (c.sheet.clone(), c.row, c.col));
        let first = here.first().copied();
        let others: Vec<String> = here
            .iter()
            .skip(1)
            .filter(|(c, _)| first.is_some_and(|(f, _)| f.sheet == c.sheet))
            .map(|(c, _)| c.a1())
            .collect();
        let files: Vec<&str> = {
            let mut f: Vec<&str> = indicators
                .iter()
                .filter_map(|i| i.weight.cell.as_ref().map(|c| c.file.as_str()))
                .collect();
            f.sort();
            f.dedup();
            f
        };
        let one_sheet = {
            let mut sheets: Vec<(&str, &str)> = indicators
                .iter()
                .filter_map(|i| {
                    i.weight
                        .cell
                        .as_ref()
                        .map(|c| (c.file.as_str(), c.sheet.as_str()))
                })
                .collect();
            sheets.sort();
            sheets.dedup();
            sheets.len() <= 1 && indicators.iter().all(|i| i.weight.cell.is_some())
        };
        let weights: Vec<String> = indicators
            .iter()
            .map(|i| {
                let mut place = match (&i.weight.cell, one_sheet) {
                    (Some(c), true) => c.a1(),
                    _ => where_text(i.weight.cell.as_ref(), i.weight.changed_by.as_deref()),
                };
                if let (Some(_), Some(d)) = (&i.weight.cell, &i.weight.changed_by) {
                    place.push_str(&format!(", {d} sayılı kararla değiştirildi"));
                }
                format!("{} = {} ({place})", i.code, plain_number(i.weight.value))
            })
            .collect();
        let across = if files.len() > 1 {
            format!(
                " Bu hedefin göstergeleri birden fazla çalışma kitabında: {}; ilgili birimler ağırlıkları birlikte belirlemeli.",
                files.join(", ")
            )
        } else {
            String::new()
        };
        let msg = format!(
            "{objective} hedefinin göstergelerinin Hedefe Etkisi toplamı {}; 100 olmalı. Ağırlıklar: {}.{across} Ağırlıkları, toplamları 100 olacak şekilde düzeltin.",
            plain_number(sum),
            weights.join(", ")
        );
        let owner = first.map(|(_, i)| i).or(indicators.first().copied());
        let mut f = Finding::new(Code::G005, msg)
            .item(objective.clone())
            .directorate(owner.and_then(|i| directorate(i)))
            .with_other_cells(others);
        f = match first {
            Some((cell, _)) => f.at(cell),
            None => place_or_decision(
                cx,
                f,
                None,
                None,
                indicators
                    .iter()
                    .find_map(|i| i.weight.changed_by.as_deref()),
            ),
        };
        out.push(f);
    }
    out
}

/// G006: a hedef of plan.yaml has no indicator.
pub fn objective_without_indicator(cx: &Context<'_>) -> Vec<Finding> {
    cx.model
        .objectives()
        .filter(|o| cx.model.indicators_of(&o.code).next().is_none())
        .map(|o| {
            let who = match responsible(cx, o) {
                Some(d) => format!("Sorumlu birim ({d}) çalışma kitabının"),
                None => "Sorumlu birim çalışma kitabının".to_string(),
            };
            let msg = format!(
                "{} hedefinin hiç performans göstergesi yok. {who} “Göstergeler” sayfasına bu hedefe bağlı en az bir gösterge eklemeli.",
                o.code
            );
            Finding::new(Code::G006, msg)
                .in_file(PLAN_FILE)
                .item(o.code.clone())
                .directorate(responsible(cx, o))
        })
        .collect()
}

/// G007: a Hedefe Etkisi is 0, negative or over 100.
pub fn weight_out_of_range(cx: &Context<'_>) -> Vec<Finding> {
    cx.model
        .indicators
        .iter()
        .filter(|i| !(i.weight.value > 0.0 && i.weight.value <= 100.0))
        .map(|i| {
            let msg = format!(
                "{} göstergesinin Hedefe Etkisi {}: 0'dan büyük ve en çok 100 olmalı. Göstergenin hedefe katkısını yüzde olarak yazın (hedefin göstergelerinin toplamı 100).",
                i.code,
                plain_number(i.weight.value)
            );
            place_or_decision(cx, about(Code::G007, i, msg), i.weight.cell.as_ref(), i.code_cell.as_ref(), i.name.changed_by.as_deref())
        })
        .collect()
}

/// G008: every value of a Yüzde indicator lies in 0–1 (at least one above 0): probably typed as
/// a fraction.
pub fn percentage_as_fraction(cx: &Context<'_>) -> Vec<Finding> {
    cx.model
        .indicators
        .iter()
        .filter(|i| i.is_percentage())
        .filter_map(|i| {
            let values: Vec<f64> = i
                .baseline
                .value
                .into_iter()
                .chain(i.targets.values().filter_map(|t| t.value))
                .chain(i.actuals.iter().map(|a| a.value.value))
                .collect();
            let fraction = !values.is_empty()
                && values.iter().all(|v| (0.0..=1.0).contains(v))
                && values.iter().any(|v| *v > 0.0);
            if !fraction {
                return None;
            }
            let shown: Vec<String> = values.iter().take(6).map(|v| plain_number(*v)).collect();
            let msg = format!(
                "{} göstergesinin ölçü birimi Yüzde, ama bütün değerleri 0 ile 1 arasında ({}{}): yüzdeler kesir olarak yazılmış olabilir. Yüzde 45 için 0,45 değil 45 yazın; değerler gerçekten 1'in altındaysa bu uyarıyı dikkate almayın.",
                i.code,
                shown.join("; "),
                if values.len() > shown.len() { "; …" } else { "" }
            );
            Some(place_or_decision(cx, about(Code::G008, i, msg), None, i.code_cell.as_ref(), i.name.changed_by.as_deref()))
        })
        .collect()
}

/// G009: a hedef's `sorumlu_birim` in plan.yaml is not a directorate of kurum.yaml.
pub fn unknown_responsible(cx: &Context<'_>) -> Vec<Finding> {
    let known = cx
        .settings
        .directorates
        .iter()
        .map(|d| d.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    cx.model
        .objectives()
        .filter(|o| responsible(cx, o).is_none())
        .map(|o| {
            let name = o.responsible.value.trim();
            let msg = if name.is_empty() {
                format!(
                    "plan.yaml'da {} hedefinin sorumlu_birim alanı boş. kurum.yaml'daki birimlerden birini yazın ({}).",
                    o.code,
                    if known.is_empty() { "liste boş" } else { &known }
                )
            } else {
                format!(
                    "plan.yaml'da {} hedefinin sorumlu birimi “{name}” kurum.yaml'daki birimler arasında yok. Birimin adını kurum.yaml'daki gibi yazın ({}) ya da birimi kurum.yaml'a ekleyin.",
                    o.code,
                    if known.is_empty() { "liste boş" } else { &known }
                )
            };
            Finding::new(Code::G009, msg)
                .in_file(PLAN_FILE)
                .item(o.code.clone())
        })
        .collect()
}
