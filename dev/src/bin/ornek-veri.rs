//! `ornek-veri`: writes the bundled example project `data/ornek-belediye/` — kurum.yaml,
//! plan.yaml and one workbook per directorate — from the tables in `ornek-veri/`.
//!
//! Run from the repository root: `cargo run --bin ornek-veri [TARGET_DIR]`. The output is the
//! same, byte for byte, on every run. The narrative chapters (`metinler/`), the council
//! amendment (`degisiklikler/`) and the logo are hand-written and not touched here.

#[path = "ornek-veri/activities.rs"]
mod activities;
#[cfg(test)]
#[path = "ornek-veri/checks.rs"]
mod checks;
#[path = "ornek-veri/finance.rs"]
mod finance;
#[path = "ornek-veri/indicators.rs"]
mod indicators;
#[path = "ornek-veri/institution.rs"]
mod institution;
#[path = "ornek-veri/layouts.rs"]
mod layouts;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use activities::Activity;
use indicators::{Indicator, INDICATORS};
use institution::{DIRECTORATES, GOALS};
use layouts::DirectorateData;

const DEFAULT_TARGET_DIR: &str = "data/ornek-belediye";

fn main() -> ExitCode {
    let target = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_TARGET_DIR));
    match generate(&target) {
        Ok(files) => {
            for d in &files {
                println!("yazıldı: {}", d.display());
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("ornek-veri: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the generated files under `root`; returns their paths.
pub fn generate(root: &Path) -> Result<Vec<PathBuf>, String> {
    let activities = activities::all_activities();
    let mut written = Vec::new();

    let institution_path = root.join("kurum.yaml");
    write_file(&institution_path, &yaml_text(&institution_file())?)?;
    written.push(institution_path);

    let plan_path = root.join("plan.yaml");
    write_file(&plan_path, &yaml_text(&plan_file(&activities))?)?;
    written.push(plan_path);

    for v in directorate_data(&activities) {
        let path = root.join("birimler").join(v.directorate.file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let spec = layouts::workbook(&v);
        kitap_dev::sheetwrite::write(&spec, &path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

const HEADER_COMMENT: &str = "# Bu dosya `cargo run --bin ornek-veri` ile üretilir (dev/src/bin/ornek-veri.rs).\n\
# Elle değiştirmeyin: verileri dev/src/bin/ornek-veri/ altındaki tablolarda değiştirip yeniden üretin.\n";

fn yaml_text<T: Serialize>(value: &T) -> Result<String, String> {
    let body = kitap::config::to_yaml(value).map_err(|e| format!("YAML yazılamadı: {e}"))?;
    Ok(format!("{HEADER_COMMENT}{body}"))
}

/// Groups indicators and activities by directorate, in kurum.yaml order.
pub fn directorate_data(activities: &[Activity]) -> Vec<DirectorateData<'_>> {
    DIRECTORATES
        .iter()
        .enumerate()
        .map(|(index, directorate)| DirectorateData {
            index,
            directorate,
            indicators: INDICATORS
                .iter()
                .filter(|g| g.directorate == directorate.short_name)
                .collect::<Vec<&Indicator>>(),
            activities: activities
                .iter()
                .filter(|f| f.directorate == directorate.short_name)
                .collect(),
        })
        .collect()
}

/// An objective's cost: its activities' budget + off-budget funding (Bütçe + Bütçe Dışı) over
/// the plan years.
pub fn cost_estimate(objective: &str, activities: &[Activity]) -> u64 {
    activities
        .iter()
        .filter(|f| f.objective == objective)
        .map(|f| f.budget.iter().flatten().sum::<u64>() + f.off_budget.iter().sum::<u64>())
        .sum()
}

// The structs below are serialized as they are: field order is key order, and the keys
// (`#[serde(rename)]`) are the Turkish ones of kurum.yaml and plan.yaml.

#[derive(Serialize)]
struct InstitutionFile {
    #[serde(rename = "kurum")]
    institution: InstitutionInfo,
    #[serde(rename = "plan_donemi")]
    plan_period: PlanPeriod,
    #[serde(rename = "yil")]
    year: i32,
    #[serde(rename = "program_yili")]
    program_year: i32,
    /// The date under the declarations of the Faaliyet Raporu.
    #[serde(rename = "beyan_tarihi")]
    declaration_date: &'static str,
    /// The directorate whose workbook carries the institution-level sheets.
    #[serde(rename = "mali_hizmetler_birimi")]
    finance_directorate: &'static str,
    #[serde(rename = "birimler")]
    directorates: Vec<DirectorateEntry>,
    #[serde(rename = "tema")]
    theme: BTreeMap<String, String>,
    #[serde(rename = "kurallar")]
    rules: BTreeMap<String, String>,
    #[serde(rename = "cikti")]
    output: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct InstitutionInfo {
    #[serde(rename = "ad")]
    name: &'static str,
    #[serde(rename = "kisa_ad")]
    short_name: &'static str,
    #[serde(rename = "il")]
    province: &'static str,
    #[serde(rename = "ilce")]
    district: &'static str,
    #[serde(rename = "baskan")]
    mayor: &'static str,
    #[serde(rename = "mali_hizmetler_muduru")]
    finance_director: &'static str,
    logo: &'static str,
}

#[derive(Serialize)]
struct PlanPeriod {
    #[serde(rename = "baslangic")]
    start: i32,
    #[serde(rename = "bitis")]
    end: i32,
}

#[derive(Serialize)]
struct DirectorateEntry {
    #[serde(rename = "ad")]
    name: &'static str,
    #[serde(rename = "kisa_ad")]
    short_name: &'static str,
}

fn institution_file() -> InstitutionFile {
    InstitutionFile {
        institution: InstitutionInfo {
            name: institution::INSTITUTION_NAME,
            short_name: institution::INSTITUTION_SHORT_NAME,
            province: institution::PROVINCE,
            district: institution::INSTITUTION_SHORT_NAME,
            mayor: institution::MAYOR,
            finance_director: institution::FINANCE_DIRECTOR,
            logo: institution::LOGO,
        },
        plan_period: PlanPeriod {
            start: institution::PLAN_START,
            end: institution::PLAN_END,
        },
        year: institution::REPORT_YEAR,
        program_year: institution::PROGRAM_YEAR,
        declaration_date: institution::DECLARATION_DATE,
        directorates: DIRECTORATES
            .iter()
            .map(|b| DirectorateEntry {
                name: b.name,
                short_name: b.short_name,
            })
            .collect(),
        finance_directorate: full_name(finance::CARRIER),
        theme: BTreeMap::new(),
        rules: BTreeMap::new(),
        output: BTreeMap::new(),
    }
}

#[derive(Serialize)]
struct PlanFile {
    #[serde(rename = "misyon")]
    mission: &'static str,
    #[serde(rename = "vizyon")]
    vision: &'static str,
    #[serde(rename = "temel_degerler")]
    core_values: Vec<&'static str>,
    #[serde(rename = "amaclar")]
    goals: Vec<GoalEntry>,
}

#[derive(Serialize)]
struct GoalEntry {
    #[serde(rename = "kod")]
    code: &'static str,
    #[serde(rename = "ad")]
    name: &'static str,
    #[serde(rename = "hedefler")]
    objectives: Vec<ObjectiveEntry>,
}

#[derive(Serialize)]
struct ObjectiveEntry {
    #[serde(rename = "kod")]
    code: &'static str,
    #[serde(rename = "ad")]
    name: &'static str,
    #[serde(rename = "sorumlu_birim")]
    responsible_directorate: &'static str,
    #[serde(rename = "isbirligi_birimleri")]
    cooperating_directorates: Vec<&'static str>,
    #[serde(rename = "riskler")]
    risks: Vec<&'static str>,
    #[serde(rename = "stratejiler")]
    strategies: Vec<&'static str>,
    #[serde(rename = "tespitler")]
    observations: Vec<&'static str>,
    #[serde(rename = "ihtiyaclar")]
    needs: Vec<&'static str>,
    #[serde(rename = "maliyet_tahmini")]
    cost_estimate: u64,
}

/// The full `name` of the directorate whose `short_name` is `short` (the tables only name
/// real ones).
fn full_name(short: &str) -> &'static str {
    institution::directorate(short)
        .map(|b| b.name)
        .unwrap_or("")
}

fn plan_file(activities: &[Activity]) -> PlanFile {
    PlanFile {
        mission: institution::MISSION,
        vision: institution::VISION,
        core_values: institution::CORE_VALUES.to_vec(),
        goals: GOALS
            .iter()
            .map(|a| GoalEntry {
                code: a.code,
                name: a.name,
                objectives: a
                    .objectives
                    .iter()
                    .map(|h| ObjectiveEntry {
                        code: h.code,
                        name: h.name,
                        responsible_directorate: full_name(h.responsible),
                        cooperating_directorates: h
                            .cooperating
                            .iter()
                            .map(|k| full_name(k))
                            .collect(),
                        risks: h.risks.to_vec(),
                        strategies: h.strategies.to_vec(),
                        observations: h.observations.to_vec(),
                        needs: h.needs.to_vec(),
                        cost_estimate: cost_estimate(h.code, activities),
                    })
                    .collect(),
            })
            .collect(),
    }
}
