//! Council amendments (meclis/encümen kararları): the decisions in `degisiklikler/*.yaml`,
//! applied in date order (then file name) on top of the merged model. A decision applies
//! whole or not at all. Every changed value is marked with the decision that changed it and
//! listed for the annex "Meclis Kararıyla Yapılan Değişiklikler".

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

use crate::config::{parse_decision, DecisionText, Settings};
use crate::finding::{Code, Finding};
use crate::model::{
    Activity, ChangeRecord, Decision, Direction, Frequency, Indicator, Model, Sourced,
};
use crate::text::{fold, normalize_code, parse_number, plain_number};

/// The result of applying every decision file.
#[derive(Debug, Default)]
pub struct Amended {
    pub findings: Vec<Finding>,
    /// Decision files read (applied or not), for the watcher.
    pub files: Vec<String>,
}

/// A decision that cannot apply: the finding that says why.
struct Refusal(Finding);

struct DecisionFile {
    file: String,
    organ: String,
    number: String,
    date: String,
    sort_date: (i32, u32, u32),
    reason: String,
    changes: Vec<Value>,
}

/// `2025-10-21` or `21.10.2025` → (2025, 10, 21).
fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['-', '.', '/']).collect();
    if parts.len() != 3 {
        return None;
    }
    let nums: Vec<i64> = parts
        .iter()
        .map(|p| p.trim().parse::<i64>().ok())
        .collect::<Option<Vec<_>>>()?;
    let (y, m, d) = if parts[0].len() == 4 {
        (nums[0], nums[1], nums[2])
    } else {
        (nums[2], nums[1], nums[0])
    };
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((y as i32, m as u32, d as u32))
}

fn a004(file: &str, message: String) -> Finding {
    Finding::new(Code::A004, message).in_file(file)
}

/// Reads and checks one decision file's head; the changes are checked when applied.
fn load_decision(file: &str, text: &str) -> Result<DecisionFile, Finding> {
    let d: DecisionText = parse_decision(file, text).map_err(|e| {
        a004(
            file,
            format!(
                "değişiklik dosyası okunamadı: {e}. Dosyayı amendments örneğindeki gibi yazın."
            ),
        )
    })?;
    let number = d.number.ok_or_else(|| {
        a004(
            file,
            "karar numarası (karar.no) yok; örneğin no: \"2025/127\" yazın.".into(),
        )
    })?;
    let date_text = d.date.ok_or_else(|| {
        a004(
            file,
            "karar tarihi (karar.tarih) yok; örneğin tarih: 2025-10-21 yazın.".into(),
        )
    })?;
    let sort_date = parse_date(&date_text)
        .ok_or_else(|| a004(file, format!("karar tarihi “{date_text}” anlaşılamadı; YYYY-AA-GG biçiminde yazın (örneğin 2025-10-21).")))?;
    let organ = match d.organ.as_deref().map(fold).as_deref() {
        None | Some("meclis") | Some("belediyemeclisi") => "Meclis".to_string(),
        Some("encumen") | Some("belediyeencumeni") => "Encümen".to_string(),
        Some(_) => {
            return Err(a004(
                file,
                format!(
                    "karar organı “{}” geçersiz; Meclis ya da Encümen yazın.",
                    d.organ.unwrap_or_default()
                ),
            ))
        }
    };
    if d.changes.is_empty() {
        return Err(a004(
            file,
            "değişiklik listesi (degisiklikler) boş ya da yok.".into(),
        ));
    }
    Ok(DecisionFile {
        file: file.to_string(),
        organ,
        number,
        date: format!("{:02}.{:02}.{}", sort_date.2, sort_date.1, sort_date.0),
        sort_date,
        reason: d.reason.unwrap_or_default().trim().to_string(),
        changes: d.changes,
    })
}

/// Reads `<project>/degisiklikler/*.yaml` and applies each decision to the model.
pub fn apply_all(project_dir: &Path, settings: &Settings, model: &mut Model) -> Amended {
    let mut out = Amended::default();
    let dir = project_dir.join("degisiklikler");
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && !n.starts_with('~'))
            .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
            .collect(),
        Err(_) => return out,
    };
    names.sort();
    let mut decisions = Vec::new();
    for name in names {
        let rel = format!("degisiklikler/{name}");
        out.files.push(rel.clone());
        match std::fs::read_to_string(dir.join(&name)) {
            Ok(text) => match load_decision(&rel, &text) {
                Ok(d) => decisions.push(d),
                Err(f) => out.findings.push(f),
            },
            Err(e) => out
                .findings
                .push(a004(&rel, format!("dosya okunamadı: {e}"))),
        }
    }
    decisions.sort_by(|a, b| (a.sort_date, &a.file).cmp(&(b.sort_date, &b.file)));
    for d in decisions {
        let mut trial = model.clone();
        let mut records = Vec::new();
        let mut refused = Vec::new();
        for (i, change) in d.changes.iter().enumerate() {
            match apply_change(&mut trial, settings, &d, i + 1, change) {
                Ok(mut r) => records.append(&mut r),
                Err(Refusal(f)) => refused.push(f),
            }
        }
        if refused.is_empty() {
            trial.decisions.push(Decision {
                organ: d.organ.clone(),
                number: d.number.clone(),
                date: d.date.clone(),
                file: d.file.clone(),
                reason: d.reason.clone(),
            });
            trial.changes.extend(records);
            trial.sort();
            *model = trial;
        } else {
            let n = refused.len();
            for mut f in refused {
                f.message = format!(
                    "{} sayılı karar uygulanmadı ({n} değişiklik uygulanamadı; kararın hiçbir değişikliği işlenmedi): {}",
                    d.number, f.message
                );
                out.findings.push(f);
            }
        }
    }
    out
}

/// The kind of item a change names.
enum Item {
    Indicator(String),
    Activity(String),
    Objective(String),
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn number_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_number(s).map(|n| n.value),
        _ => None,
    }
}

fn list_of(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(items) => items.iter().map(text_of).collect(),
        Value::String(s) => Some(
            s.split([';', '\n'])
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
        ),
        _ => None,
    }
}

struct Ctx<'a> {
    d: &'a DecisionFile,
    index: usize,
    item: String,
}

impl Ctx<'_> {
    fn refuse(&self, code: Code, message: String) -> Refusal {
        Refusal(
            Finding::new(
                code,
                format!("{}. değişiklik ({}): {message}", self.index, self.item),
            )
            .in_file(&self.d.file)
            .item(self.item.clone()),
        )
    }

    /// A value this decision added: no workbook cell, marked with the decision.
    fn marked<T>(&self, value: T) -> Sourced<T> {
        Sourced {
            value,
            cell: None,
            changed_by: Some(self.d.number.clone()),
        }
    }

    fn record(&self, field: &str, old: String, new: String) -> ChangeRecord {
        ChangeRecord {
            decision: self.d.number.clone(),
            organ: self.d.organ.clone(),
            date: self.d.date.clone(),
            item: self.item.clone(),
            field: field.to_string(),
            old,
            new,
            reason: self.d.reason.clone(),
        }
    }
}

fn fmt_num(v: Option<f64>) -> String {
    v.map(plain_number).unwrap_or_else(|| "—".to_string())
}

fn apply_change(
    model: &mut Model,
    settings: &Settings,
    d: &DecisionFile,
    index: usize,
    change: &Value,
) -> Result<Vec<ChangeRecord>, Refusal> {
    let obj = change.as_object().ok_or_else(|| {
        Refusal(a004(
            &d.file,
            format!(
                "{index}. değişiklik bir alanlar listesi değil (örneğin gosterge:, alan:, yeni:)."
            ),
        ))
    })?;
    for forbidden in [
        "misyon",
        "vizyon",
        "amac",
        "amaç",
        "amaclar",
        "temel_degerler",
    ] {
        if obj.contains_key(forbidden) {
            return Err(Refusal(
                Finding::new(
                    Code::A003,
                    format!(
                        "{index}. değişiklik {forbidden} alanını değiştiriyor: misyon, vizyon ve amaçlar meclis kararıyla güncellenemez; bu bir plan yenilemesidir (yeni stratejik plan hazırlanmalı)."
                    ),
                )
                .in_file(&d.file),
            ));
        }
    }
    let item = if let Some(v) = obj.get("gosterge") {
        Item::Indicator(normalize_code(&text_of(v).unwrap_or_default(), "PG"))
    } else if let Some(v) = obj.get("faaliyet") {
        Item::Activity(normalize_code(&text_of(v).unwrap_or_default(), "F"))
    } else if let Some(v) = obj.get("hedef") {
        Item::Objective(normalize_code(&text_of(v).unwrap_or_default(), "H"))
    } else {
        return Err(Refusal(a004(
            &d.file,
            format!("{index}. değişiklik hangi öğeyi değiştirdiğini söylemiyor: gosterge, faaliyet ya da hedef yazın."),
        )));
    };
    let op = obj
        .get("islem")
        .and_then(text_of)
        .map(|s| fold(&s))
        .unwrap_or_else(|| "degistir".into());
    let item_code = match &item {
        Item::Indicator(c) | Item::Activity(c) | Item::Objective(c) => c.clone(),
    };
    let ctx = Ctx {
        d,
        index,
        item: item_code.clone(),
    };
    match (item, op.as_str()) {
        (Item::Indicator(code), "degistir") => change_indicator(model, &ctx, &code, obj),
        (Item::Indicator(code), "ekle") => add_indicator(model, settings, &ctx, &code, obj),
        (Item::Indicator(code), "kaldir") => {
            let pos = model.indicators.iter().position(|i| i.code == code).ok_or_else(|| ctx.refuse(Code::A001, format!("{code} göstergesi yok; kaldırılamaz.")))?;
            let removed = model.indicators.remove(pos);
            Ok(vec![ctx.record("Gösterge", format!("{} {}", removed.code, removed.name.value), "kaldırıldı".into())])
        }
        (Item::Activity(code), "degistir") => change_activity(model, &ctx, &code, obj),
        (Item::Activity(code), "ekle") => add_activity(model, settings, &ctx, &code, obj),
        (Item::Activity(code), "kaldir") => {
            let before = model.activities.len();
            let name = model.activities.iter().find(|a| a.code == code).map(|a| a.name.value.clone()).unwrap_or_default();
            model.activities.retain(|a| a.code != code);
            if model.activities.len() == before {
                return Err(ctx.refuse(Code::A001, format!("{code} faaliyeti yok; kaldırılamaz.")));
            }
            Ok(vec![ctx.record("Faaliyet", format!("{code} {name}"), "kaldırıldı".into())])
        }
        (Item::Objective(code), "degistir") => change_objective(model, settings, &ctx, &code, obj),
        (_, other) => Err(ctx.refuse(
            Code::A004,
            format!("“{other}” geçerli bir işlem değil; degistir, ekle ya da kaldir yazın (hedefler yalnızca değiştirilebilir)."),
        )),
    }
}

fn field_of(ctx: &Ctx, obj: &serde_json::Map<String, Value>) -> Result<String, Refusal> {
    obj.get("alan")
        .and_then(text_of)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ctx.refuse(
                Code::A004,
                "hangi alanın değiştiği (alan) yazılmamış.".into(),
            )
        })
}

fn new_value<'a>(ctx: &Ctx, obj: &'a serde_json::Map<String, Value>) -> Result<&'a Value, Refusal> {
    obj.get("yeni")
        .ok_or_else(|| ctx.refuse(Code::A004, "yeni değer (yeni) yazılmamış.".into()))
}

fn new_number(ctx: &Ctx, obj: &serde_json::Map<String, Value>) -> Result<f64, Refusal> {
    let v = new_value(ctx, obj)?;
    number_of(v).ok_or_else(|| {
        ctx.refuse(
            Code::A004,
            format!(
                "yeni değer bir sayı olmalı, “{}” yazılmış.",
                text_of(v).unwrap_or_default()
            ),
        )
    })
}

/// Checks `eski` against the current value (A002).
fn check_old_number(
    ctx: &Ctx,
    obj: &serde_json::Map<String, Value>,
    current: Option<f64>,
    what: &str,
) -> Result<(), Refusal> {
    let Some(old) = obj.get("eski") else {
        return Ok(());
    };
    let expected = if old.is_null() {
        None
    } else {
        Some(number_of(old).ok_or_else(|| {
            ctx.refuse(
                Code::A004,
                format!(
                    "eski değer bir sayı olmalı: “{}”.",
                    text_of(old).unwrap_or_default()
                ),
            )
        })?)
    };
    let same = match (expected, current) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        _ => false,
    };
    if !same {
        return Err(ctx.refuse(
            Code::A002,
            format!(
                "{what} için eski değer {} yazılmış ama şu anki değer {}: karar başka verilere göre yazılmış. Kararı güncel değerle yeniden yazın.",
                fmt_num(expected),
                fmt_num(current)
            ),
        ));
    }
    Ok(())
}

fn check_old_text(
    ctx: &Ctx,
    obj: &serde_json::Map<String, Value>,
    current: &str,
    what: &str,
) -> Result<(), Refusal> {
    let Some(old) = obj.get("eski") else {
        return Ok(());
    };
    let expected = text_of(old).unwrap_or_default();
    if fold(&expected) != fold(current) {
        return Err(ctx.refuse(
            Code::A002,
            format!("{what} için eski değer “{expected}” yazılmış ama şu anki değer “{current}”: karar başka verilere göre yazılmış."),
        ));
    }
    Ok(())
}

fn mark<T>(s: &mut Sourced<T>, ctx: &Ctx, value: T) {
    s.value = value;
    s.changed_by = Some(ctx.d.number.clone());
}

fn year_field(field: &str, prefix: &str) -> Option<i32> {
    field
        .strip_prefix(prefix)
        .and_then(|y| y.trim().parse().ok())
}

fn change_indicator(
    model: &mut Model,
    ctx: &Ctx,
    code: &str,
    obj: &serde_json::Map<String, Value>,
) -> Result<Vec<ChangeRecord>, Refusal> {
    let field = field_of(ctx, obj)?;
    let ind = model
        .indicators
        .iter_mut()
        .find(|i| i.code == code)
        .ok_or_else(|| ctx.refuse(Code::A001, format!("{code} göstergesi yok.")))?;
    let key = fold(&field);
    if let Some(year) = year_field(&field, "hedef.") {
        let target = ind.targets.get_mut(&year).ok_or_else(|| {
            ctx.refuse(
                Code::A001,
                format!("{year} plan döneminde değil; hedef.{year} alanı yok."),
            )
        })?;
        let what = format!("{code} göstergesinin {year} hedefi");
        check_old_number(ctx, obj, target.value, &what)?;
        let new = new_number(ctx, obj)?;
        let old = target.value;
        mark(target, ctx, Some(new));
        return Ok(vec![ctx.record(
            &format!("{year} hedefi"),
            fmt_num(old),
            plain_number(new),
        )]);
    }
    match key.as_str() {
        "baslangic" => {
            check_old_number(ctx, obj, ind.baseline.value, &format!("{code} göstergesinin başlangıç değeri"))?;
            let new = new_number(ctx, obj)?;
            let old = ind.baseline.value;
            mark(&mut ind.baseline, ctx, Some(new));
            Ok(vec![ctx.record("Başlangıç değeri", fmt_num(old), plain_number(new))])
        }
        "etki" => {
            check_old_number(ctx, obj, Some(ind.weight.value), &format!("{code} göstergesinin hedefe etkisi"))?;
            let new = new_number(ctx, obj)?;
            let old = ind.weight.value;
            mark(&mut ind.weight, ctx, new);
            Ok(vec![ctx.record("Hedefe etkisi (%)", plain_number(old), plain_number(new))])
        }
        "ad" | "olcubirimi" => {
            let is_name = key == "ad";
            let slot = if is_name { &mut ind.name } else { &mut ind.unit };
            let label = if is_name { "Gösterge adı" } else { "Ölçü birimi" };
            check_old_text(ctx, obj, &slot.value.clone(), &format!("{code} {}", crate::text::lower_tr(label)))?;
            let new = text_of(new_value(ctx, obj)?).filter(|s| !s.is_empty()).ok_or_else(|| ctx.refuse(Code::A004, "yeni değer boş.".into()))?;
            let old = slot.value.clone();
            mark(slot, ctx, new.clone());
            Ok(vec![ctx.record(label, old, new)])
        }
        "yon" => {
            check_old_text(ctx, obj, ind.direction.value.label(), &format!("{code} göstergesinin yönü"))?;
            let t = text_of(new_value(ctx, obj)?).unwrap_or_default();
            let new = Direction::parse(&t).ok_or_else(|| ctx.refuse(Code::A004, format!("“{t}” geçerli bir yön değil; {} yazın.", Direction::accepted())))?;
            let old = ind.direction.value.label().to_string();
            mark(&mut ind.direction, ctx, new);
            Ok(vec![ctx.record("Göstergenin yönü", old, new.label().into())])
        }
        "izleme" | "raporlama" => {
            let monitoring = key == "izleme";
            let slot = if monitoring { &mut ind.monitoring } else { &mut ind.reporting };
            check_old_text(ctx, obj, slot.value.label(), &format!("{code} {key} sıklığı"))?;
            let t = text_of(new_value(ctx, obj)?).unwrap_or_default();
            let new = Frequency::parse(&t).ok_or_else(|| ctx.refuse(Code::A004, format!("“{t}” geçerli bir sıklık değil; {} yazın.", Frequency::accepted())))?;
            let old = slot.value.label().to_string();
            mark(slot, ctx, new);
            Ok(vec![ctx.record(if monitoring { "İzleme sıklığı" } else { "Raporlama sıklığı" }, old, new.label().into())])
        }
        _ => Err(ctx.refuse(
            Code::A001,
            format!("göstergenin “{field}” alanı yok; değiştirilebilen alanlar: hedef.<yıl>, baslangic, etki, ad, olcu_birimi, yon, izleme, raporlama."),
        )),
    }
}

fn change_activity(
    model: &mut Model,
    ctx: &Ctx,
    code: &str,
    obj: &serde_json::Map<String, Value>,
) -> Result<Vec<ChangeRecord>, Refusal> {
    let field = field_of(ctx, obj)?;
    if !model.activities.iter().any(|a| a.code == code) {
        return Err(ctx.refuse(Code::A001, format!("{code} faaliyeti yok.")));
    }
    let key = fold(&field);
    if key == "ad" {
        let current = model
            .activities
            .iter()
            .find(|a| a.code == code)
            .map(|a| a.name.value.clone())
            .unwrap_or_default();
        check_old_text(ctx, obj, &current, &format!("{code} faaliyetinin adı"))?;
        let new = text_of(new_value(ctx, obj)?)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ctx.refuse(Code::A004, "yeni değer boş.".into()))?;
        for a in model.activities.iter_mut().filter(|a| a.code == code) {
            mark(&mut a.name, ctx, new.clone());
        }
        return Ok(vec![ctx.record("Faaliyet adı", current, new)]);
    }
    let (year, off_budget) = if let Some(y) = year_field(&field, "butce_disi.") {
        (y, true)
    } else if let Some(y) = year_field(&field, "butce.") {
        (y, false)
    } else {
        return Err(ctx.refuse(
            Code::A001,
            format!("faaliyetin “{field}” alanı yok; değiştirilebilen alanlar: butce.<yıl>, butce_disi.<yıl>, ad."),
        ));
    };
    let act = model
        .activities
        .iter_mut()
        .find(|a| a.code == code && a.year == year)
        .ok_or_else(|| {
            ctx.refuse(
                Code::A001,
                format!("{code} faaliyetinin {year} yılı satırı yok."),
            )
        })?;
    let slot = if off_budget {
        &mut act.off_budget
    } else {
        &mut act.budget
    };
    let label = if off_budget {
        format!("{year} bütçe dışı (TL)")
    } else {
        format!("{year} bütçe (TL)")
    };
    check_old_number(
        ctx,
        obj,
        Some(slot.value),
        &format!("{code} faaliyetinin {}", label),
    )?;
    let new = new_number(ctx, obj)?;
    if new < 0.0 {
        return Err(ctx.refuse(Code::A004, "tutar eksi olamaz.".into()));
    }
    let old = slot.value;
    mark(slot, ctx, new);
    Ok(vec![ctx.record(
        &crate::text::upper_first(&label),
        plain_number(old),
        plain_number(new),
    )])
}

fn change_objective(
    model: &mut Model,
    settings: &Settings,
    ctx: &Ctx,
    code: &str,
    obj: &serde_json::Map<String, Value>,
) -> Result<Vec<ChangeRecord>, Refusal> {
    let field = field_of(ctx, obj)?;
    let key = fold(&field);
    let o = model
        .goals
        .iter_mut()
        .flat_map(|g| g.objectives.iter_mut())
        .find(|o| o.code == code)
        .ok_or_else(|| ctx.refuse(Code::A001, format!("{code} hedefi plan.yaml'da yok.")))?;
    let list_field =
        |slot: &mut Sourced<Vec<String>>, label: &str| -> Result<Vec<ChangeRecord>, Refusal> {
            let new = list_of(new_value(ctx, obj)?)
                .ok_or_else(|| ctx.refuse(Code::A004, "yeni değer bir liste olmalı.".into()))?;
            let old = slot.value.join("; ");
            if let Some(e) = obj.get("eski") {
                let expected = list_of(e).unwrap_or_default().join("; ");
                if fold(&expected) != fold(&old) {
                    return Err(ctx.refuse(
                        Code::A002,
                        format!(
                        "{label} için eski değer “{expected}” yazılmış ama şu anki değer “{old}”."
                    ),
                    ));
                }
            }
            let joined = new.join("; ");
            mark(slot, ctx, new);
            Ok(vec![ctx.record(label, old, joined)])
        };
    match key.as_str() {
        "ad" => {
            check_old_text(ctx, obj, &o.name.value.clone(), &format!("{code} hedefinin adı"))?;
            let new = text_of(new_value(ctx, obj)?).filter(|s| !s.is_empty()).ok_or_else(|| ctx.refuse(Code::A004, "yeni değer boş.".into()))?;
            let old = o.name.value.clone();
            mark(&mut o.name, ctx, new.clone());
            Ok(vec![ctx.record("Hedef", old, new)])
        }
        "sorumlubirim" => {
            check_old_text(ctx, obj, &o.responsible.value.clone(), &format!("{code} hedefinin sorumlu birimi"))?;
            let t = text_of(new_value(ctx, obj)?).unwrap_or_default();
            let d = settings.find_directorate(&t).ok_or_else(|| ctx.refuse(Code::A001, format!("“{t}” kurum.yaml'daki birimler arasında yok.")))?;
            let old = o.responsible.value.clone();
            mark(&mut o.responsible, ctx, d.name.clone());
            Ok(vec![ctx.record("Sorumlu birim", old, d.name.clone())])
        }
        "maliyettahmini" => {
            check_old_number(ctx, obj, o.cost_estimate.value, &format!("{code} hedefinin maliyet tahmini"))?;
            let new = new_number(ctx, obj)?;
            let old = o.cost_estimate.value;
            mark(&mut o.cost_estimate, ctx, Some(new));
            Ok(vec![ctx.record("Maliyet tahmini (TL)", fmt_num(old), plain_number(new))])
        }
        "isbirligibirimleri" => list_field(&mut o.cooperating, "İşbirliği yapılacak birimler"),
        "riskler" => list_field(&mut o.risks, "Riskler"),
        "stratejiler" => list_field(&mut o.strategies, "Stratejiler"),
        "tespitler" => list_field(&mut o.observations, "Tespitler"),
        "ihtiyaclar" => list_field(&mut o.needs, "İhtiyaçlar"),
        _ => Err(ctx.refuse(
            Code::A001,
            format!("hedefin “{field}” alanı yok; değiştirilebilen alanlar: ad, sorumlu_birim, isbirligi_birimleri, riskler, stratejiler, tespitler, ihtiyaclar, maliyet_tahmini."),
        )),
    }
}

fn required<'a>(
    ctx: &Ctx,
    deger: &'a serde_json::Map<String, Value>,
    key: &str,
) -> Result<&'a Value, Refusal> {
    deger
        .get(key)
        .ok_or_else(|| ctx.refuse(Code::A004, format!("eklenen öğenin “{key}” alanı yok.")))
}

/// The `deger` of an added item and its hedef, which must exist in plan.yaml.
fn added_fields<'a>(
    model: &Model,
    ctx: &Ctx,
    obj: &'a serde_json::Map<String, Value>,
    what: &str,
) -> Result<(&'a serde_json::Map<String, Value>, String), Refusal> {
    let deger = obj.get("deger").and_then(Value::as_object).ok_or_else(|| {
        ctx.refuse(
            Code::A004,
            format!("eklenen {what} alanları (deger) yazılmamış."),
        )
    })?;
    let objective = normalize_code(
        &text_of(required(ctx, deger, "hedef")?).unwrap_or_default(),
        "H",
    );
    if model.objective(&objective).is_none() {
        return Err(ctx.refuse(Code::A001, format!("{objective} hedefi plan.yaml'da yok.")));
    }
    Ok((deger, objective))
}

fn add_indicator(
    model: &mut Model,
    settings: &Settings,
    ctx: &Ctx,
    code: &str,
    obj: &serde_json::Map<String, Value>,
) -> Result<Vec<ChangeRecord>, Refusal> {
    if model.indicators.iter().any(|i| i.code == code) {
        return Err(ctx.refuse(
            Code::A001,
            format!("{code} göstergesi zaten var; eklenemez (değiştirmek için islem: degistir)."),
        ));
    }
    let (deger, objective) = added_fields(model, ctx, obj, "göstergenin")?;
    let text = |key: &str| -> Result<String, Refusal> {
        text_of(required(ctx, deger, key)?)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ctx.refuse(Code::A004, format!("“{key}” boş.")))
    };
    let num = |key: &str| -> Result<f64, Refusal> {
        let v = required(ctx, deger, key)?;
        number_of(v).ok_or_else(|| ctx.refuse(Code::A004, format!("“{key}” bir sayı olmalı.")))
    };
    let name = text("ad")?;
    let unit = text("olcu_birimi")?;
    let direction = Direction::parse(&text("yon")?)
        .ok_or_else(|| ctx.refuse(Code::A004, format!("yon: {} yazın.", Direction::accepted())))?;
    let weight = num("etki")?;
    let baseline = num("baslangic")?;
    let monitoring = Frequency::parse(&text("izleme")?).ok_or_else(|| {
        ctx.refuse(
            Code::A004,
            format!("izleme: {} yazın.", Frequency::accepted()),
        )
    })?;
    let reporting = Frequency::parse(&text("raporlama")?).ok_or_else(|| {
        ctx.refuse(
            Code::A004,
            format!("raporlama: {} yazın.", Frequency::accepted()),
        )
    })?;
    let responsible = text("sorumlu_birim")?;
    let directorate = settings.find_directorate(&responsible).ok_or_else(|| {
        ctx.refuse(
            Code::A001,
            format!("“{responsible}” kurum.yaml'daki birimler arasında yok."),
        )
    })?;
    let targets_obj = required(ctx, deger, "hedefler")?
        .as_object()
        .ok_or_else(|| ctx.refuse(Code::A004, "hedefler yıl: değer biçiminde olmalı.".into()))?;
    let mut targets = BTreeMap::new();
    for year in settings.years.plan_years() {
        let v = targets_obj.get(&year.to_string()).and_then(number_of);
        targets.insert(year, ctx.marked(v));
    }
    model.indicators.push(Indicator {
        code: code.to_string(),
        code_cell: None,
        objective: ctx.marked(objective),
        directorate: directorate.name.clone(),
        name: ctx.marked(name.clone()),
        unit: ctx.marked(unit),
        direction: ctx.marked(direction),
        weight: ctx.marked(weight),
        baseline: ctx.marked(Some(baseline)),
        targets,
        monitoring: ctx.marked(monitoring),
        reporting: ctx.marked(reporting),
        cooperating: Sourced::plain(deger.get("isbirligi").and_then(list_of).unwrap_or_default()),
        note: Sourced::plain(deger.get("aciklama").and_then(text_of)),
        actuals: Vec::new(),
    });
    Ok(vec![ctx.record(
        "Gösterge",
        "—".into(),
        format!("{code} {name} eklendi"),
    )])
}

fn add_activity(
    model: &mut Model,
    settings: &Settings,
    ctx: &Ctx,
    code: &str,
    obj: &serde_json::Map<String, Value>,
) -> Result<Vec<ChangeRecord>, Refusal> {
    if model.activities.iter().any(|a| a.code == code) {
        return Err(ctx.refuse(
            Code::A001,
            format!("{code} faaliyeti zaten var; eklenemez."),
        ));
    }
    let (deger, objective) = added_fields(model, ctx, obj, "faaliyetin")?;
    let name = text_of(required(ctx, deger, "ad")?)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ctx.refuse(Code::A004, "“ad” boş.".into()))?;
    let responsible = text_of(required(ctx, deger, "sorumlu_birim")?).unwrap_or_default();
    let directorate = settings.find_directorate(&responsible).ok_or_else(|| {
        ctx.refuse(
            Code::A001,
            format!("“{responsible}” kurum.yaml'daki birimler arasında yok."),
        )
    })?;
    let kind = deger
        .get("tur")
        .and_then(text_of)
        .and_then(|t| crate::model::ActivityKind::parse(&t))
        .unwrap_or(crate::model::ActivityKind::Activity);
    let budgets = required(ctx, deger, "butce")?
        .as_object()
        .ok_or_else(|| ctx.refuse(Code::A004, "butce yıl: tutar biçiminde olmalı.".into()))?;
    let off = deger.get("butce_disi").and_then(Value::as_object);
    let mut added = 0;
    for year in settings.years.plan_years() {
        let Some(b) = budgets.get(&year.to_string()).and_then(number_of) else {
            continue;
        };
        let ob = off
            .and_then(|o| o.get(&year.to_string()))
            .and_then(number_of)
            .unwrap_or(0.0);
        model.activities.push(Activity {
            code: code.to_string(),
            code_cell: None,
            kind,
            objective: ctx.marked(objective.clone()),
            directorate: directorate.name.clone(),
            name: ctx.marked(name.clone()),
            year,
            budget: ctx.marked(b),
            off_budget: ctx.marked(ob),
            expenditure: Sourced::plain(None),
            status: Sourced::plain(None),
            note: Sourced::plain(None),
        });
        added += 1;
    }
    if added == 0 {
        return Err(ctx.refuse(
            Code::A004,
            "eklenen faaliyetin plan dönemi içinde hiçbir yıl için bütçesi yok.".into(),
        ));
    }
    Ok(vec![ctx.record(
        "Faaliyet",
        "—".into(),
        format!("{code} {name} eklendi"),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(parse_date("2025-10-21"), Some((2025, 10, 21)));
        assert_eq!(parse_date("21.10.2025"), Some((2025, 10, 21)));
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("dün"), None);
    }
}
