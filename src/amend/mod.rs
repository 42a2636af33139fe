//! Council amendments (meclis/encümen kararları): the decisions in `degisiklikler/*.yaml`,
//! applied in date order (then file name) on top of the merged model. A decision applies
//! whole or not at all. Every changed value is marked with the decision that changed it and
//! listed for the annex "Meclis Kararıyla Yapılan Değişiklikler".

mod file;

use std::collections::BTreeMap;
use std::path::Path;

use self::file::{
    AddedYaml, ChangeYaml, DecisionYaml, Entry, Given, Operation, YearValues, CHANGE_KEYS,
};
use crate::config::{parse_document, Settings};
use crate::finding::{Code, Finding};
use crate::model::{
    Activity, ChangeRecord, Decision, Direction, Frequency, Indicator, Model, Sourced,
};
use crate::text::format::{read_date, Date, DateError};
use crate::text::{fold, normalize_code, plain_number};

/// The result of applying every decision file.
#[derive(Debug, Default)]
pub struct Amended {
    pub findings: Vec<Finding>,
    /// Decision files read (applied or not), for the watcher.
    pub files: Vec<String>,
}

/// A decision that cannot apply: the finding that says why.
struct Refusal(Box<Finding>);

impl Refusal {
    fn new(finding: Finding) -> Refusal {
        Refusal(Box::new(finding))
    }
}

struct DecisionFile {
    file: String,
    organ: String,
    number: String,
    date: Date,
    reason: String,
    changes: Vec<Entry<ChangeYaml>>,
}

fn a004(file: &str, message: String) -> Finding {
    Finding::new(Code::A004, message).in_file(file)
}

/// Reads and checks one decision file's head; the changes are checked when applied.
fn load_decision(file: &str, text: &str) -> Result<DecisionFile, Box<Finding>> {
    let d: DecisionYaml = parse_document(file, text).map_err(|e| {
        a004(
            file,
            format!(
                "değişiklik dosyası okunamadı: {e}. Dosyayı amendments örneğindeki gibi yazın."
            ),
        )
    })?;
    let head = d.head;
    let number = head
        .as_ref()
        .and_then(|h| h.number.as_ref())
        .map(|n| n.0.clone())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            a004(
                file,
                "karar numarası (karar.no) yok; örneğin no: \"2025/127\" yazın.".into(),
            )
        })?;
    let date_text = head
        .as_ref()
        .and_then(|h| h.date.as_ref())
        .map(|t| t.0.clone())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            a004(
                file,
                "karar tarihi (karar.tarih) yok; örneğin tarih: 2025-10-21 yazın.".into(),
            )
        })?;
    let date = read_date(&date_text).map_err(|e| match e {
        DateError::Form => a004(file, format!("karar tarihi “{date_text}” anlaşılamadı; YYYY-AA-GG biçiminde yazın (örneğin 2025-10-21).")),
        other => a004(file, format!("karar tarihi (karar.tarih) “{date_text}” takvimde yok: {}. Kararın gerçek tarihini YYYY-AA-GG biçiminde yazın (örneğin 2025-10-21).", other.reason())),
    })?;
    let organ_text = head.and_then(|h| h.organ).map(|o| o.0);
    let organ = match organ_text.as_deref().map(fold).as_deref() {
        None | Some("meclis") | Some("belediyemeclisi") => "Meclis".to_string(),
        Some("encumen") | Some("belediyeencumeni") => "Encümen".to_string(),
        Some(_) => {
            return Err(Box::new(a004(
                file,
                format!(
                    "karar organı “{}” geçersiz; Meclis ya da Encümen yazın.",
                    organ_text.unwrap_or_default()
                ),
            )))
        }
    };
    if d.changes.is_empty() {
        return Err(Box::new(a004(
            file,
            "değişiklik listesi (degisiklikler) boş ya da yok.".into(),
        )));
    }
    Ok(DecisionFile {
        file: file.to_string(),
        organ,
        number,
        date,
        reason: d.reason.map(|r| r.0).unwrap_or_default(),
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
                Err(f) => out.findings.push(*f),
            },
            Err(e) => out
                .findings
                .push(a004(&rel, format!("dosya okunamadı: {e}"))),
        }
    }
    decisions.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
    for d in decisions {
        let mut trial = model.clone();
        let mut records = Vec::new();
        let mut refused = Vec::new();
        for (i, change) in d.changes.iter().enumerate() {
            match apply_change(&mut trial, settings, &d, i + 1, change) {
                Ok(mut r) => records.append(&mut r),
                Err(Refusal(f)) => refused.push(*f),
            }
        }
        if refused.is_empty() {
            trial.decisions.push(Decision {
                organ: d.organ.clone(),
                number: d.number.clone(),
                date: d.date,
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

struct Ctx<'a> {
    d: &'a DecisionFile,
    index: usize,
    item: String,
}

impl Ctx<'_> {
    fn refuse(&self, code: Code, message: String) -> Refusal {
        Refusal::new(
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
            date: self.d.date,
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
    change: &Entry<ChangeYaml>,
) -> Result<Vec<ChangeRecord>, Refusal> {
    let Entry::Fields(obj) = change else {
        return Err(Refusal::new(a004(
            &d.file,
            format!(
                "{index}. değişiklik bir alanlar listesi değil (örneğin gosterge:, alan:, yeni:)."
            ),
        )));
    };
    if let Some(forbidden) = obj.forbidden_key() {
        return Err(Refusal::new(
            Finding::new(
                Code::A003,
                format!(
                    "{index}. değişiklik {forbidden} alanını değiştiriyor: misyon, vizyon ve amaçlar meclis kararıyla güncellenemez; bu bir plan yenilemesidir (yeni stratejik plan hazırlanmalı)."
                ),
            )
            .in_file(&d.file),
        ));
    }
    if let Some(key) = obj.unknown_key() {
        return Err(Refusal::new(a004(
            &d.file,
            format!("{index}. değişiklik: “{key}” diye bir alan yok; yazımını kontrol edin (bir değişikliğin alanları: {CHANGE_KEYS})."),
        )));
    }
    let item = if let Some(v) = &obj.indicator {
        Item::Indicator(normalize_code(&v.0, "PG"))
    } else if let Some(v) = &obj.activity {
        Item::Activity(normalize_code(&v.0, "F"))
    } else if let Some(v) = &obj.objective {
        Item::Objective(normalize_code(&v.0, "H"))
    } else {
        return Err(Refusal::new(a004(
            &d.file,
            format!("{index}. değişiklik hangi öğeyi değiştirdiğini söylemiyor: gosterge, faaliyet ya da hedef yazın."),
        )));
    };
    let op = obj.operation.clone().unwrap_or(Operation::Change);
    let item_code = match &item {
        Item::Indicator(c) | Item::Activity(c) | Item::Objective(c) => c.clone(),
    };
    let ctx = Ctx {
        d,
        index,
        item: item_code.clone(),
    };
    match (item, op) {
        (Item::Indicator(code), Operation::Change) => change_indicator(model, &ctx, &code, obj),
        (Item::Indicator(code), Operation::Add) => add_indicator(model, settings, &ctx, &code, obj),
        (Item::Indicator(code), Operation::Remove) => {
            let pos = model.indicators.iter().position(|i| i.code == code).ok_or_else(|| ctx.refuse(Code::A001, format!("{code} göstergesi yok; kaldırılamaz.")))?;
            let removed = model.indicators.remove(pos);
            Ok(vec![ctx.record("Gösterge", format!("{} {}", removed.code, removed.name.value), "kaldırıldı".into())])
        }
        (Item::Activity(code), Operation::Change) => change_activity(model, &ctx, &code, obj),
        (Item::Activity(code), Operation::Add) => add_activity(model, settings, &ctx, &code, obj),
        (Item::Activity(code), Operation::Remove) => {
            let before = model.activities.len();
            let name = model.activities.iter().find(|a| a.code == code).map(|a| a.name.value.clone()).unwrap_or_default();
            model.activities.retain(|a| a.code != code);
            if model.activities.len() == before {
                return Err(ctx.refuse(Code::A001, format!("{code} faaliyeti yok; kaldırılamaz.")));
            }
            Ok(vec![ctx.record("Faaliyet", format!("{code} {name}"), "kaldırıldı".into())])
        }
        (Item::Objective(code), Operation::Change) => change_objective(model, settings, &ctx, &code, obj),
        (_, op) => Err(ctx.refuse(
            Code::A004,
            format!("“{}” geçerli bir işlem değil; degistir, ekle ya da kaldir yazın (hedefler yalnızca değiştirilebilir).", op.word()),
        )),
    }
}

fn field_of(ctx: &Ctx, obj: &ChangeYaml) -> Result<String, Refusal> {
    obj.field
        .as_ref()
        .map(|s| s.0.trim().to_string())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ctx.refuse(
                Code::A004,
                "hangi alanın değiştiği (alan) yazılmamış.".into(),
            )
        })
}

fn new_value<'a>(ctx: &Ctx, obj: &'a ChangeYaml) -> Result<&'a Given, Refusal> {
    obj.new
        .as_ref()
        .ok_or_else(|| ctx.refuse(Code::A004, "yeni değer (yeni) yazılmamış.".into()))
}

fn new_number(ctx: &Ctx, obj: &ChangeYaml) -> Result<f64, Refusal> {
    let v = new_value(ctx, obj)?;
    v.number().ok_or_else(|| {
        ctx.refuse(
            Code::A004,
            format!(
                "yeni değer bir sayı olmalı, “{}” yazılmış.",
                v.text().unwrap_or_default()
            ),
        )
    })
}

/// Checks `eski` against the current value (A002).
fn check_old_number(
    ctx: &Ctx,
    obj: &ChangeYaml,
    current: Option<f64>,
    what: &str,
) -> Result<(), Refusal> {
    let Some(old) = obj.old.as_ref() else {
        return Ok(());
    };
    let expected = if old.is_null() {
        None
    } else {
        Some(old.number().ok_or_else(|| {
            ctx.refuse(
                Code::A004,
                format!(
                    "eski değer bir sayı olmalı: “{}”.",
                    old.text().unwrap_or_default()
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

fn check_old_text(ctx: &Ctx, obj: &ChangeYaml, current: &str, what: &str) -> Result<(), Refusal> {
    let Some(old) = obj.old.as_ref() else {
        return Ok(());
    };
    let expected = old.text().unwrap_or_default();
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
    obj: &ChangeYaml,
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
            let new = new_value(ctx, obj)?.text().filter(|s| !s.is_empty()).ok_or_else(|| ctx.refuse(Code::A004, "yeni değer boş.".into()))?;
            let old = slot.value.clone();
            mark(slot, ctx, new.clone());
            Ok(vec![ctx.record(label, old, new)])
        }
        "yon" => {
            check_old_text(ctx, obj, ind.direction.value.label(), &format!("{code} göstergesinin yönü"))?;
            let t = new_value(ctx, obj)?.text().unwrap_or_default();
            let new = Direction::parse(&t).ok_or_else(|| ctx.refuse(Code::A004, format!("“{t}” geçerli bir yön değil; {} yazın.", Direction::accepted())))?;
            let old = ind.direction.value.label().to_string();
            mark(&mut ind.direction, ctx, new);
            Ok(vec![ctx.record("Göstergenin yönü", old, new.label().into())])
        }
        "izleme" | "raporlama" => {
            let monitoring = key == "izleme";
            let slot = if monitoring { &mut ind.monitoring } else { &mut ind.reporting };
            check_old_text(ctx, obj, slot.value.label(), &format!("{code} {key} sıklığı"))?;
            let t = new_value(ctx, obj)?.text().unwrap_or_default();
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
    obj: &ChangeYaml,
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
        let new = new_value(ctx, obj)?
            .text()
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
    obj: &ChangeYaml,
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
            let new = new_value(ctx, obj)?
                .list()
                .ok_or_else(|| ctx.refuse(Code::A004, "yeni değer bir liste olmalı.".into()))?;
            let old = slot.value.join("; ");
            if let Some(e) = obj.old.as_ref() {
                let expected = e.list().unwrap_or_default().join("; ");
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
            let new = new_value(ctx, obj)?.text().filter(|s| !s.is_empty()).ok_or_else(|| ctx.refuse(Code::A004, "yeni değer boş.".into()))?;
            let old = o.name.value.clone();
            mark(&mut o.name, ctx, new.clone());
            Ok(vec![ctx.record("Hedef", old, new)])
        }
        "sorumlubirim" => {
            check_old_text(ctx, obj, &o.responsible.value.clone(), &format!("{code} hedefinin sorumlu birimi"))?;
            let t = new_value(ctx, obj)?.text().unwrap_or_default();
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

fn required<'a, T>(ctx: &Ctx, value: &'a Option<T>, key: &str) -> Result<&'a T, Refusal> {
    value
        .as_ref()
        .ok_or_else(|| ctx.refuse(Code::A004, format!("eklenen öğenin “{key}” alanı yok.")))
}

/// The `deger` of an added item and its hedef, which must exist in plan.yaml.
fn added_fields<'a>(
    model: &Model,
    ctx: &Ctx,
    obj: &'a ChangeYaml,
    what: &str,
) -> Result<(&'a AddedYaml, String), Refusal> {
    let Some(Entry::Fields(deger)) = &obj.added else {
        return Err(ctx.refuse(
            Code::A004,
            format!("eklenen {what} alanları (deger) yazılmamış."),
        ));
    };
    let objective = normalize_code(
        &required(ctx, &deger.objective, "hedef")?
            .text()
            .unwrap_or_default(),
        "H",
    );
    if model.objective(&objective).is_none() {
        return Err(ctx.refuse(Code::A001, format!("{objective} hedefi plan.yaml'da yok.")));
    }
    Ok((deger, objective))
}

/// The values of `hedefler`, `butce`, `butce_disi` by year, or `None` when not written as
/// `yıl: değer` lines.
fn by_year(values: &YearValues) -> Option<&BTreeMap<String, Given>> {
    match values {
        Entry::Fields(map) => Some(map),
        Entry::NotFields => None,
    }
}

fn add_indicator(
    model: &mut Model,
    settings: &Settings,
    ctx: &Ctx,
    code: &str,
    obj: &ChangeYaml,
) -> Result<Vec<ChangeRecord>, Refusal> {
    if model.indicators.iter().any(|i| i.code == code) {
        return Err(ctx.refuse(
            Code::A001,
            format!("{code} göstergesi zaten var; eklenemez (değiştirmek için islem: degistir)."),
        ));
    }
    let (deger, objective) = added_fields(model, ctx, obj, "göstergenin")?;
    let text = |value: &Option<Given>, key: &str| -> Result<String, Refusal> {
        required(ctx, value, key)?
            .text()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ctx.refuse(Code::A004, format!("“{key}” boş.")))
    };
    let num = |value: &Option<Given>, key: &str| -> Result<f64, Refusal> {
        required(ctx, value, key)?
            .number()
            .ok_or_else(|| ctx.refuse(Code::A004, format!("“{key}” bir sayı olmalı.")))
    };
    let name = text(&deger.name, "ad")?;
    let unit = text(&deger.unit, "olcu_birimi")?;
    let direction = Direction::parse(&text(&deger.direction, "yon")?)
        .ok_or_else(|| ctx.refuse(Code::A004, format!("yon: {} yazın.", Direction::accepted())))?;
    let weight = num(&deger.weight, "etki")?;
    let baseline = num(&deger.baseline, "baslangic")?;
    let monitoring = Frequency::parse(&text(&deger.monitoring, "izleme")?).ok_or_else(|| {
        ctx.refuse(
            Code::A004,
            format!("izleme: {} yazın.", Frequency::accepted()),
        )
    })?;
    let reporting = Frequency::parse(&text(&deger.reporting, "raporlama")?).ok_or_else(|| {
        ctx.refuse(
            Code::A004,
            format!("raporlama: {} yazın.", Frequency::accepted()),
        )
    })?;
    let responsible = text(&deger.responsible, "sorumlu_birim")?;
    let directorate = settings.find_directorate(&responsible).ok_or_else(|| {
        ctx.refuse(
            Code::A001,
            format!("“{responsible}” kurum.yaml'daki birimler arasında yok."),
        )
    })?;
    let targets_given = by_year(required(ctx, &deger.targets, "hedefler")?)
        .ok_or_else(|| ctx.refuse(Code::A004, "hedefler yıl: değer biçiminde olmalı.".into()))?;
    let mut targets = BTreeMap::new();
    for year in settings.years.plan_years() {
        let v = targets_given.get(&year.to_string()).and_then(Given::number);
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
        cooperating: Sourced::plain(
            deger
                .cooperating
                .as_ref()
                .and_then(Given::list)
                .unwrap_or_default(),
        ),
        note: Sourced::plain(deger.note.as_ref().and_then(Given::text)),
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
    obj: &ChangeYaml,
) -> Result<Vec<ChangeRecord>, Refusal> {
    if model.activities.iter().any(|a| a.code == code) {
        return Err(ctx.refuse(
            Code::A001,
            format!("{code} faaliyeti zaten var; eklenemez."),
        ));
    }
    let (deger, objective) = added_fields(model, ctx, obj, "faaliyetin")?;
    let name = required(ctx, &deger.name, "ad")?
        .text()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ctx.refuse(Code::A004, "“ad” boş.".into()))?;
    let responsible = required(ctx, &deger.responsible, "sorumlu_birim")?
        .text()
        .unwrap_or_default();
    let directorate = settings.find_directorate(&responsible).ok_or_else(|| {
        ctx.refuse(
            Code::A001,
            format!("“{responsible}” kurum.yaml'daki birimler arasında yok."),
        )
    })?;
    let kind = deger
        .kind
        .as_ref()
        .and_then(Given::text)
        .and_then(|t| crate::model::ActivityKind::parse(&t))
        .unwrap_or(crate::model::ActivityKind::Activity);
    let budgets = by_year(required(ctx, &deger.budget, "butce")?)
        .ok_or_else(|| ctx.refuse(Code::A004, "butce yıl: tutar biçiminde olmalı.".into()))?;
    let off = deger.off_budget.as_ref().and_then(by_year);
    let mut added = 0;
    for year in settings.years.plan_years() {
        let Some(b) = budgets.get(&year.to_string()).and_then(Given::number) else {
            continue;
        };
        let ob = off
            .and_then(|o| o.get(&year.to_string()))
            .and_then(Given::number)
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
    use super::file::{DecisionYaml, Entry, Given, Operation};
    use crate::config::parse_document;

    #[test]
    fn a_decision_file_in_types() {
        let text = "karar: {organ: Encümen, no: 127, tarih: 21.10.2025}\ngerekce: \" Neden. \"\ndegisiklikler:\n  - gosterge: PG1.1.1\n    islem: Kaldır\n  - faaliyet: F1.1.1\n    alan: butce.2026\n    eski: null\n    yeni: \"1.500.000\"\n  - hedef: H1.1\n    alan: riskler\n    eski: 2.0\n    yeni: [Sel, 3]\n  - yanlış\n";
        let d: DecisionYaml = parse_document("x.yaml", text).expect("valid");
        let head = d.head.expect("karar");
        assert_eq!(head.organ.map(|o| o.0).as_deref(), Some("Encümen"));
        assert_eq!(head.number.map(|n| n.0).as_deref(), Some("127"));
        assert_eq!(head.date.map(|t| t.0).as_deref(), Some("21.10.2025"));
        assert_eq!(d.reason.map(|r| r.0).as_deref(), Some("Neden."));
        let [Entry::Fields(remove), Entry::Fields(budget), Entry::Fields(risks), Entry::NotFields] =
            &d.changes[..]
        else {
            panic!("{:#?}", d.changes);
        };
        assert_eq!(remove.operation, Some(Operation::Remove));
        assert_eq!(budget.old, Some(Given::Null));
        assert_eq!(
            budget.new.as_ref().and_then(Given::number),
            Some(1_500_000.0)
        );
        assert_eq!(
            risks.old.as_ref().and_then(Given::text).as_deref(),
            Some("2.0")
        );
        assert_eq!(
            risks.new.as_ref().and_then(Given::list),
            Some(vec!["Sel".to_string(), "3".to_string()])
        );
        assert!(risks.forbidden_key().is_none() && risks.unknown_key().is_none());
    }
}
