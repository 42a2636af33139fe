//! The checking side of [`super::Printable`]: every text of the model that a book prints, with
//! the place it came from (a workbook cell, a key of plan.yaml or kurum.yaml, an amendment file),
//! cleaned the way the books will print it; each change becomes a finding at that place (D010
//! for a character no font can draw, D011 for a removed control character).

use std::collections::BTreeSet;

use super::{Change, Printable, DOTTED_CIRCLE};
use crate::config::Project;
use crate::finding::{CellRef, Code, Finding};
use crate::model::{Model, Sourced};

/// Where a text came from.
enum Place<'a> {
    Cell(&'a CellRef),
    /// A YAML file (plan.yaml, kurum.yaml, an amendment) and the key within it.
    Yaml {
        file: String,
        key: String,
    },
    /// Not known (a value neither read from a cell nor set by a file kitap knows).
    Unknown,
}

/// Collects the findings of every text, each (place, character) once.
struct Walk<'a> {
    printable: &'a Printable,
    model: &'a Model,
    findings: Vec<Finding>,
    seen: BTreeSet<(String, char)>,
}

/// The findings for every text of the model a book prints (see the module documentation).
pub fn check(project: &Project, model: &Model, printable: &Printable) -> Vec<Finding> {
    let mut walk = Walk {
        printable,
        model,
        findings: Vec::new(),
        seen: BTreeSet::new(),
    };
    walk.institution(project);
    walk.plan();
    walk.directorates();
    walk.indicators();
    walk.activities();
    walk.budget();
    walk.finance();
    walk.decisions();
    walk.findings
}

fn yaml(file: &str, key: impl Into<String>) -> Place<'static> {
    Place::Yaml {
        file: file.to_string(),
        key: key.into(),
    }
}

const PLAN: &str = "plan.yaml";
const INSTITUTION: &str = "kurum.yaml";

impl<'a> Walk<'a> {
    fn institution(&mut self, project: &Project) {
        let inst = &self.model.institution;
        self.text(&yaml(INSTITUTION, "kurum.ad"), None, None, &inst.name);
        let optional = [
            ("kurum.kisa_ad", &inst.short_name),
            ("kurum.il", &inst.province),
            ("kurum.ilce", &inst.district),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                self.text(&yaml(INSTITUTION, key), None, None, v);
            }
        }
        self.text(&yaml(INSTITUTION, "kurum.baskan"), None, None, &inst.mayor);
        self.text(
            &yaml(INSTITUTION, "kurum.mali_hizmetler_muduru"),
            None,
            None,
            &inst.finance_director,
        );
        self.text(
            &yaml(INSTITUTION, "kurum.baskan_unvani"),
            None,
            None,
            &inst.mayor_title,
        );
        self.text(
            &yaml(INSTITUTION, "kurum.mali_hizmetler_unvani"),
            None,
            None,
            &inst.finance_director_title,
        );
        for (i, d) in project.settings.directorates.iter().enumerate() {
            self.text(
                &yaml(INSTITUTION, format!("birimler[{i}].ad")),
                None,
                Some(&d.name),
                &d.name,
            );
            if let Some(short) = &d.short_name {
                self.text(
                    &yaml(INSTITUTION, format!("birimler[{i}].kisa_ad")),
                    None,
                    Some(&d.name),
                    short,
                );
            }
        }
    }

    fn plan(&mut self) {
        let model = self.model;
        self.text(&yaml(PLAN, "misyon"), None, None, &model.mission);
        self.text(&yaml(PLAN, "vizyon"), None, None, &model.vision);
        for (i, v) in model.values.iter().enumerate() {
            self.text(&yaml(PLAN, format!("temel_degerler[{i}]")), None, None, v);
        }
        for (g, goal) in model.goals.iter().enumerate() {
            let key = format!("amaclar[{g}]");
            self.text(
                &yaml(PLAN, format!("{key}.kod")),
                Some(&goal.code),
                None,
                &goal.code,
            );
            self.text(
                &yaml(PLAN, format!("{key}.ad")),
                Some(&goal.code),
                None,
                &goal.name,
            );
            for (o, objective) in goal.objectives.iter().enumerate() {
                let key = format!("{key}.hedefler[{o}]");
                let item = Some(objective.code.as_str());
                self.text(
                    &yaml(PLAN, format!("{key}.kod")),
                    item,
                    None,
                    &objective.code,
                );
                self.sourced(
                    Some((PLAN, format!("{key}.ad"))),
                    item,
                    None,
                    &objective.name,
                );
                let lists = [
                    ("isbirligi_birimleri", &objective.cooperating),
                    ("riskler", &objective.risks),
                    ("stratejiler", &objective.strategies),
                    ("tespitler", &objective.observations),
                    ("ihtiyaclar", &objective.needs),
                ];
                for (field, list) in lists {
                    let place = self.place_of(list, Some((PLAN, format!("{key}.{field}"))));
                    for text in &list.value {
                        self.text(&place, item, None, text);
                    }
                }
            }
        }
    }

    fn directorates(&mut self) {
        for d in &self.model.directorates {
            for value in [&d.official, &d.title, &d.prepared_by, &d.date]
                .into_iter()
                .flatten()
            {
                self.sourced(None, None, Some(&d.name), value);
            }
        }
    }

    fn indicators(&mut self) {
        for i in &self.model.indicators {
            let item = Some(i.code.as_str());
            let who = Some(i.directorate.as_str());
            if let Some(cell) = &i.code_cell {
                self.text(&Place::Cell(cell), item, who, &i.code);
            }
            self.sourced(None, item, who, &i.name);
            self.sourced(None, item, who, &i.unit);
            let place = self.place_of(&i.cooperating, None);
            for text in &i.cooperating.value {
                self.text(&place, item, who, text);
            }
            self.optional(item, who, &i.note);
            for a in &i.actuals {
                self.optional(item, who, &a.deviation_reason);
                self.optional(item, who, &a.data_source);
            }
        }
    }

    fn activities(&mut self) {
        for a in &self.model.activities {
            let item = Some(a.code.as_str());
            let who = Some(a.directorate.as_str());
            if let Some(cell) = &a.code_cell {
                self.text(&Place::Cell(cell), item, who, &a.code);
            }
            self.sourced(None, item, who, &a.name);
            self.optional(item, who, &a.note);
        }
    }

    fn budget(&mut self) {
        for l in &self.model.budget {
            let who = Some(l.directorate.as_str()).filter(|d| !d.is_empty());
            self.optional(Some(&l.economic_code), who, &l.explanation);
        }
    }

    /// The institution-level sheets; `birim` is the directorate whose workbook sent them.
    fn finance(&mut self) {
        let model = self.model;
        let f = &model.finance;
        let owner = |file: &str| {
            model
                .directorates
                .iter()
                .find(|d| d.file.as_deref() == Some(file))
                .map(|d| d.name.as_str())
        };
        if let Some(sheet) = &f.revenue {
            let who = owner(&sheet.file);
            for r in &sheet.rows {
                self.optional(Some(&r.economic_code), who, &r.explanation);
            }
        }
        if let Some(sheet) = &f.debts {
            let who = owner(&sheet.file);
            for d in &sheet.rows {
                self.sourced(None, None, who, &d.item);
                self.optional(None, who, &d.note);
            }
        }
        if let Some(sheet) = &f.affiliates {
            let who = owner(&sheet.file);
            for a in &sheet.rows {
                self.sourced(None, None, who, &a.name);
                self.optional(None, who, &a.field);
                self.optional(None, who, &a.note);
            }
        }
        if let Some(sheet) = &f.transfers {
            let who = owner(&sheet.file);
            for t in &sheet.rows {
                self.sourced(None, None, who, &t.recipient);
                self.optional(None, who, &t.note);
            }
        }
    }

    fn decisions(&mut self) {
        let model = self.model;
        for d in &model.decisions {
            for (key, text) in [
                ("karar.organ", &d.organ),
                ("karar.no", &d.number),
                ("gerekce", &d.reason),
            ] {
                self.text(&yaml(&d.file, key), None, None, text);
            }
        }
        for c in &model.changes {
            let file = model
                .decisions
                .iter()
                .find(|d| d.number == c.decision)
                .map_or(PLAN, |d| d.file.as_str());
            for (key, text) in [
                ("degisiklikler.oge", &c.item),
                ("degisiklikler.alan", &c.field),
                ("degisiklikler.eski", &c.old),
                ("degisiklikler.yeni", &c.new),
                ("degisiklikler.gerekce", &c.reason),
            ] {
                self.text(&yaml(file, key), Some(&c.item), None, text);
            }
        }
    }

    /// The place of a value: its cell, else the amendment that set it, else the YAML key it
    /// was read from (`yaml`: file and key), else unknown.
    fn place_of<T>(&self, value: &'a Sourced<T>, yaml_key: Option<(&str, String)>) -> Place<'a> {
        if let Some(cell) = &value.cell {
            return Place::Cell(cell);
        }
        let decision = value
            .changed_by
            .as_deref()
            .and_then(|n| self.model.decisions.iter().find(|d| d.number == n));
        match (decision, yaml_key) {
            (Some(d), key) => yaml(&d.file, key.map(|(_, k)| k).unwrap_or_default()),
            (None, Some((file, key))) => yaml(file, key),
            (None, None) => Place::Unknown,
        }
    }

    fn sourced(
        &mut self,
        yaml_key: Option<(&str, String)>,
        item: Option<&str>,
        directorate: Option<&str>,
        value: &'a Sourced<String>,
    ) {
        let place = self.place_of(value, yaml_key);
        self.text(&place, item, directorate, &value.value);
    }

    fn optional(
        &mut self,
        item: Option<&str>,
        directorate: Option<&str>,
        value: &'a Sourced<Option<String>>,
    ) {
        if let Some(text) = &value.value {
            let place = self.place_of(value, None);
            self.text(&place, item, directorate, text);
        }
    }

    fn text(
        &mut self,
        place: &Place<'_>,
        item: Option<&str>,
        directorate: Option<&str>,
        text: &str,
    ) {
        let cleaned = self.printable.clean(text);
        if cleaned.changes.is_empty() {
            return;
        }
        let where_key = match place {
            Place::Cell(cell) => cell.to_string(),
            Place::Yaml { file, key } => format!("{file} › {key}"),
            Place::Unknown => format!("? › {}", item.unwrap_or_default()),
        };
        for change in &cleaned.changes {
            if !self.seen.insert((where_key.clone(), change.char())) {
                continue;
            }
            let mut f = Finding::new(code_of(change), message(place, change, text))
                .directorate(directorate);
            if let Some(item) = item {
                f = f.item(item);
            }
            f = match place {
                Place::Cell(cell) => f.at(cell),
                Place::Yaml { file, .. } => f.in_file(file),
                Place::Unknown => f,
            };
            self.findings.push(f);
        }
    }
}

fn code_of(change: &Change) -> Code {
    match change {
        Change::ControlRemoved(_) => Code::D011,
        Change::NoGlyph(_) | Change::NotWithBase { .. } => Code::D010,
    }
}

/// `“🎉” (U+1F389)`.
fn named(c: char) -> String {
    format!("“{c}” (U+{:04X})", u32::from(c))
}

/// The text around the first `c`, to find it by eye (controls left out).
fn excerpt(text: &str, c: char) -> String {
    const BEFORE: usize = 25;
    const AFTER: usize = 15;
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&x| x == c).unwrap_or(0);
    let start = at.saturating_sub(BEFORE);
    let end = (at + AFTER + 1).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(chars[start..end].iter().filter(|c| !c.is_control()));
    if end < chars.len() {
        out.push('…');
    }
    out
}

fn message(place: &Place<'_>, change: &Change, typed: &str) -> String {
    let key = match place {
        Place::Yaml { key, .. } if !key.is_empty() => format!("{key}: "),
        _ => String::new(),
    };
    let text = excerpt(typed, change.char());
    match change {
        Change::ControlRemoved(c) => format!(
            "{key}Metinde görünmeyen bir denetim ya da biçim karakteri vardı (U+{:04X}, «{text}» içinde); kitaba alınmadı. Karakter genellikle başka bir programdan kopyalarken gelir: metni yeniden yazarak temizleyin.",
            u32::from(*c)
        ),
        Change::NoGlyph(c) => format!(
            "{key}«{text}» metnindeki {} karakteri kitapların yazı tiplerinde yok; kitapta yerine � basılacak. Karakteri silin ya da değiştirin. Çince, Japonca, Korece gibi bir yazı gerekiyorsa o yazının yazı tipini (.ttf/.otf) proje klasöründeki fonts/ klasörüne koyun.",
            named(*c)
        ),
        Change::NotWithBase { c, base } if *base == DOTTED_CIRCLE => format!(
            "{key}«{text}» metnindeki {} işareti bir harfin üzerinde değil (boşluktan ya da satır başından sonra geliyor); kitapta yerine � basılacak. İşareti silin ya da ait olduğu harfin hemen arkasına yazın.",
            named(*c)
        ),
        Change::NotWithBase { c, base } => format!(
            "{key}«{text}» metnindeki {} işareti önündeki {} ile aynı yazı tipinde basılamıyor (işaret başka bir yazıya ait); kitapta yerine � basılacak. İşareti silin ya da doğru harfle yazın.",
            named(*c),
            named(*base)
        ),
    }
}
