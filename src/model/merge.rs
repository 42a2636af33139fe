//! Merging every workbook with the plan into one model: each workbook is matched to its
//! directorate in kurum.yaml (Y005, Y006, Y007), codes are checked across workbooks (D003),
//! realisations are attached to their indicators.

use std::collections::{BTreeMap, HashMap};

use super::{Directorate, Goal, Indicator, Model, Objective, Sourced};
use crate::config::Project;
use crate::finding::{Code, Finding};
use crate::ingest::{FileOutcome, FileStatus, Ingested, ParsedWorkbook};

/// One file's line in the report: what was read, what was kept.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FileEntry {
    #[serde(rename = "dosya")]
    pub file: String,
    #[serde(rename = "birim", skip_serializing_if = "Option::is_none")]
    pub directorate: Option<String>,
    #[serde(rename = "durum")]
    pub status: FileStatus,
    #[serde(rename = "okunan_satir")]
    pub rows_read: usize,
    #[serde(rename = "modeldeki_satir")]
    pub rows_in_model: usize,
    #[serde(rename = "reddedilen_satir")]
    pub rows_rejected: usize,
}

/// The merged model, the findings of reading and merging, and the file accounting.
#[derive(Debug, Clone)]
pub struct Merged {
    pub model: Model,
    pub findings: Vec<Finding>,
    pub files: Vec<FileEntry>,
}

/// Whether a finding rejects a whole workbook: no Birim sheet or Birim Adı (Y002), an unknown
/// directorate (Y005), a directorate claimed twice (Y006). (A Y004 file is never parsed.)
fn rejects_workbook(code: Code) -> bool {
    matches!(code, Code::Y002 | Code::Y005 | Code::Y006)
}

/// Builds the model from plan.yaml and the workbooks.
pub fn merge(project: &Project, ingested: Ingested) -> Merged {
    let settings = &project.settings;
    let mut findings = ingested.findings;
    let mut files: Vec<FileEntry> = Vec::new();
    let mut books: Vec<ParsedWorkbook> = Vec::new();

    for outcome in ingested.outcomes {
        match outcome {
            FileOutcome::Parsed(book) => books.push(book),
            FileOutcome::Unreadable { file, finding } => {
                findings.push(finding);
                files.push(FileEntry {
                    file,
                    directorate: None,
                    status: FileStatus::Unreadable,
                    rows_read: 0,
                    rows_in_model: 0,
                    rows_rejected: 0,
                });
            }
            FileOutcome::Skipped { file, finding } => {
                findings.push(finding);
                files.push(FileEntry {
                    file,
                    directorate: None,
                    status: FileStatus::Skipped,
                    rows_read: 0,
                    rows_in_model: 0,
                    rows_rejected: 0,
                });
            }
        }
    }

    // Match each workbook to its directorate.
    let mut owner: Vec<Option<String>> = Vec::with_capacity(books.len());
    for book in &mut books {
        let mut name = None;
        if let Some(claimed) = &book.directorate.name {
            match settings.find_directorate(&claimed.value) {
                Some(d) => name = Some(d.name.clone()),
                None => {
                    let known = settings
                        .directorates
                        .iter()
                        .map(|d| d.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let mut f = Finding::new(
                        Code::Y005,
                        format!(
                            "Birim Adı “{}” kurum.yaml'daki birimler arasında yok; bu çalışma kitabı kullanılmadı. Birim adını kurum.yaml'daki gibi yazın ({}) ya da birimi kurum.yaml'a ekleyin.",
                            claimed.value,
                            if known.is_empty() { "liste boş".to_string() } else { known }
                        ),
                    );
                    f = match &claimed.cell {
                        Some(cell) => f.at(cell),
                        None => f.in_file(&book.file),
                    };
                    book.findings.push(f);
                    book.usable = false;
                }
            }
        }
        owner.push(name);
    }

    // Two workbooks of one directorate: neither is used.
    let mut by_directorate: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, o) in owner.iter().enumerate() {
        if let (Some(name), true) = (o, books[i].usable) {
            by_directorate.entry(name.clone()).or_default().push(i);
        }
    }
    for (name, idx) in &by_directorate {
        if idx.len() < 2 {
            continue;
        }
        let all = idx
            .iter()
            .map(|&i| books[i].file.clone())
            .collect::<Vec<_>>();
        for &i in &idx[1..] {
            let others = all
                .iter()
                .filter(|f| **f != books[i].file)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let msg = format!(
                "{name} için birden fazla çalışma kitabı var: {} ve {others}. Hiçbiri kullanılmadı; birimin yalnızca bir çalışma kitabı birimler klasöründe kalsın.",
                books[i].file
            );
            let f = Finding::new(Code::Y006, msg);
            let f = match books[i]
                .directorate
                .name
                .as_ref()
                .and_then(|n| n.cell.clone())
            {
                Some(cell) => f.at(&cell),
                None => f.in_file(&books[i].file),
            };
            books[i].findings.push(f);
        }
        for &i in idx {
            books[i].usable = false;
        }
    }

    // Directorates from kurum.yaml, filled in from their workbooks.
    let mut directorates: Vec<Directorate> = settings
        .directorates
        .iter()
        .map(|d| Directorate {
            name: d.name.clone(),
            short_name: d.short_name.clone(),
            file: None,
            official: None,
            title: None,
            prepared_by: None,
            date: None,
        })
        .collect();

    let mut indicators: Vec<Indicator> = Vec::new();
    let mut indicator_home: HashMap<String, String> = HashMap::new(); // code → file
    let mut activity_home: HashMap<String, (String, String)> = HashMap::new(); // code → (directorate, file)
    let mut activities = Vec::new();
    let mut budget = Vec::new();
    let mut pending_actuals = Vec::new();

    for (i, mut book) in books.into_iter().enumerate() {
        let directorate = owner[i].clone();
        for f in &mut book.findings {
            if f.directorate.is_none() {
                f.directorate = directorate.clone();
            }
        }
        if !book.usable || directorate.is_none() {
            book.rows_rejected = book.rows_read;
            files.push(FileEntry {
                file: book.file.clone(),
                directorate: directorate.clone(),
                status: FileStatus::Read,
                rows_read: book.rows_read,
                rows_in_model: 0,
                rows_rejected: book.rows_read,
            });
            // What a rejected workbook holds is not used, so it is not checked either: its
            // file-level finding says why, and nothing else is reported for it.
            findings.extend(
                book.findings
                    .into_iter()
                    .filter(|f| rejects_workbook(f.code)),
            );
            continue;
        }
        let dname = directorate.unwrap_or_default();
        if let Some(d) = directorates.iter_mut().find(|d| d.name == dname) {
            d.file = Some(book.file.clone());
            d.official = book.directorate.official.clone();
            d.title = book.directorate.title.clone();
            d.prepared_by = book.directorate.prepared_by.clone();
            d.date = book.directorate.date.clone();
        }
        let mut rejected = book.rows_rejected;
        let mut kept = 0usize;
        let file = book.file.clone();

        let mut own_codes = Vec::new();
        for mut ind in book.indicators {
            if let Some(first_file) = indicator_home.get(&ind.code) {
                let msg = format!(
                    "{} göstergesi başka bir çalışma kitabında da tanımlı: {first_file}. Bir gösterge tek birimin çalışma kitabında yer alır; kodu düzeltin ya da satırı silin. Bu satır modele alınmadı.",
                    ind.code
                );
                let mut f = Finding::new(Code::D003, msg)
                    .item(ind.code.clone())
                    .directorate(Some(&dname));
                if let Some(cell) = &ind.code_cell {
                    f = f.at(cell);
                }
                findings.push(f);
                rejected += 1;
                continue;
            }
            indicator_home.insert(ind.code.clone(), file.clone());
            ind.directorate = dname.clone();
            own_codes.push(ind.code.clone());
            indicators.push(ind);
            kept += 1;
        }
        for pa in book.actuals {
            if !own_codes.contains(&pa.indicator) {
                let msg = format!(
                    "{} göstergesi bu birimin değil (başka bir çalışma kitabında tanımlı); gerçekleşmesini o birim yazar. Satır modele alınmadı.",
                    pa.indicator
                );
                let mut f = Finding::new(Code::D002, msg)
                    .item(pa.indicator.clone())
                    .directorate(Some(&dname));
                if let Some(cell) = &pa.actual.code_cell {
                    f = f.at(cell);
                }
                findings.push(f);
                rejected += 1;
                continue;
            }
            pending_actuals.push(pa);
            kept += 1;
        }
        let mut own_activity_codes = Vec::new();
        for mut act in book.activities {
            if let Some((other, first_file)) = activity_home.get(&act.code) {
                if *other != dname {
                    let msg = format!(
                        "{} faaliyet kodu başka bir birimin çalışma kitabında da kullanılmış: {first_file}. Her faaliyete ayrı kod verin. Bu satır modele alınmadı.",
                        act.code
                    );
                    let mut f = Finding::new(Code::D003, msg)
                        .item(act.code.clone())
                        .directorate(Some(&dname));
                    if let Some(cell) = &act.code_cell {
                        f = f.at(cell);
                    }
                    findings.push(f);
                    rejected += 1;
                    continue;
                }
            }
            own_activity_codes.push(act.code.clone());
            act.directorate = dname.clone();
            activities.push(act);
            kept += 1;
        }
        for code in own_activity_codes {
            activity_home
                .entry(code)
                .or_insert_with(|| (dname.clone(), file.clone()));
        }
        for mut line in book.budget {
            line.directorate = dname.clone();
            budget.push(line);
            kept += 1;
        }
        findings.extend(book.findings);
        files.push(FileEntry {
            file,
            directorate: Some(dname),
            status: FileStatus::Read,
            rows_read: book.rows_read,
            rows_in_model: kept,
            rows_rejected: rejected,
        });
    }

    // Realisations onto their indicators.
    for pa in pending_actuals {
        if let Some(ind) = indicators.iter_mut().find(|i| i.code == pa.indicator) {
            ind.actuals.push(pa.actual);
        }
    }
    for ind in &mut indicators {
        ind.actuals.sort_by_key(|a| (a.year, a.period));
    }

    // Expected directorates with no usable workbook.
    for d in &directorates {
        if d.file.is_none() {
            findings.push(
                Finding::new(
                    Code::Y007,
                    format!(
                        "{} çalışma kitabı göndermedi (ya da gönderdiği kullanılamadı). Birimin çalışma kitabını birimler klasörüne koyun.",
                        d.name
                    ),
                )
                .directorate(Some(&d.name)),
            );
        }
    }

    let plan = &project.plan;
    let goals = plan
        .goals
        .iter()
        .map(|g| Goal {
            code: g.code.clone(),
            name: g.name.clone(),
            objectives: g
                .objectives
                .iter()
                .map(|o| Objective {
                    code: o.code.clone(),
                    goal: g.code.clone(),
                    name: Sourced::plain(o.name.clone()),
                    responsible: Sourced::plain(o.responsible.clone()),
                    cooperating: Sourced::plain(o.cooperating.clone()),
                    risks: Sourced::plain(o.risks.clone()),
                    strategies: Sourced::plain(o.strategies.clone()),
                    observations: Sourced::plain(o.observations.clone()),
                    needs: Sourced::plain(o.needs.clone()),
                    cost_estimate: Sourced::plain(o.cost_estimate),
                })
                .collect(),
        })
        .collect();

    let mut model = Model {
        institution: settings.institution.clone(),
        years: settings.years,
        mission: plan.mission.clone(),
        vision: plan.vision.clone(),
        values: plan.values.clone(),
        goals,
        directorates,
        indicators,
        activities,
        budget,
        decisions: Vec::new(),
        changes: Vec::new(),
    };
    model.sort();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    Merged {
        model,
        findings,
        files,
    }
}
