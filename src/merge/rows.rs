//! The rows of every usable workbook into the model's lists: indicators, realisations,
//! activities and budget lines, with the codes checked across workbooks (D003: an indicator or
//! activity code claimed by two directorates; D002: a realisation for another directorate's
//! indicator). A row that loses is rejected and counted, never dropped silently.

use std::collections::HashMap;

use crate::finding::{Code, Finding};
use crate::ingest::parse::PendingActual;
use crate::ingest::ParsedWorkbook;
use crate::model::{Activity, BudgetLine, Indicator};

/// The rows taken so far, and which workbook each code came from.
#[derive(Default)]
pub struct Rows {
    pub indicators: Vec<Indicator>,
    pub activities: Vec<Activity>,
    pub budget: Vec<BudgetLine>,
    pending_actuals: Vec<PendingActual>,
    /// Indicator code → the file that defined it first.
    indicator_home: HashMap<String, String>,
    /// Activity code → (directorate, file) that used it first.
    activity_home: HashMap<String, (String, String)>,
}

/// How many of a workbook's rows reached the model and how many were rejected.
pub struct Taken {
    pub kept: usize,
    pub rejected: usize,
}

impl Rows {
    /// Takes the rows of one usable workbook of `directorate`; its own findings and the
    /// cross-workbook ones go to `findings`.
    pub fn take(
        &mut self,
        book: ParsedWorkbook,
        directorate: &str,
        findings: &mut Vec<Finding>,
    ) -> Taken {
        let mut rejected = book.rows_rejected;
        let mut kept = 0usize;
        let file = book.file.clone();

        let mut own_codes = Vec::new();
        for mut ind in book.indicators {
            if let Some(first_file) = self.indicator_home.get(&ind.code) {
                let msg = format!(
                    "{} göstergesi başka bir çalışma kitabında da tanımlı: {first_file}. Bir gösterge tek birimin çalışma kitabında yer alır; kodu düzeltin ya da satırı silin. Bu satır modele alınmadı.",
                    ind.code
                );
                let mut f = Finding::new(Code::D003, msg)
                    .item(ind.code.clone())
                    .directorate(Some(directorate));
                if let Some(cell) = &ind.code_cell {
                    f = f.at(cell);
                }
                findings.push(f);
                rejected += 1;
                continue;
            }
            self.indicator_home.insert(ind.code.clone(), file.clone());
            ind.directorate = directorate.to_string();
            own_codes.push(ind.code.clone());
            self.indicators.push(ind);
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
                    .directorate(Some(directorate));
                if let Some(cell) = &pa.actual.code_cell {
                    f = f.at(cell);
                }
                findings.push(f);
                rejected += 1;
                continue;
            }
            self.pending_actuals.push(pa);
            kept += 1;
        }
        let mut own_activity_codes = Vec::new();
        for mut act in book.activities {
            if let Some((other, first_file)) = self.activity_home.get(&act.code) {
                if *other != directorate {
                    let msg = format!(
                        "{} faaliyet kodu başka bir birimin çalışma kitabında da kullanılmış: {first_file}. Her faaliyete ayrı kod verin. Bu satır modele alınmadı.",
                        act.code
                    );
                    let mut f = Finding::new(Code::D003, msg)
                        .item(act.code.clone())
                        .directorate(Some(directorate));
                    if let Some(cell) = &act.code_cell {
                        f = f.at(cell);
                    }
                    findings.push(f);
                    rejected += 1;
                    continue;
                }
            }
            own_activity_codes.push(act.code.clone());
            act.directorate = directorate.to_string();
            self.activities.push(act);
            kept += 1;
        }
        for code in own_activity_codes {
            self.activity_home
                .entry(code)
                .or_insert_with(|| (directorate.to_string(), file.clone()));
        }
        for mut line in book.budget {
            line.directorate = directorate.to_string();
            self.budget.push(line);
            kept += 1;
        }
        findings.extend(book.findings);
        Taken { kept, rejected }
    }

    /// The realisations attached to their indicators, in year and period order.
    pub fn finish(mut self) -> (Vec<Indicator>, Vec<Activity>, Vec<BudgetLine>) {
        for pa in self.pending_actuals {
            if let Some(ind) = self.indicators.iter_mut().find(|i| i.code == pa.indicator) {
                ind.actuals.push(pa.actual);
            }
        }
        for ind in &mut self.indicators {
            ind.actuals.sort_by_key(|a| (a.year, a.period));
        }
        (self.indicators, self.activities, self.budget)
    }
}
