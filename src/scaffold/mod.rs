//! `kitap yeni DİZİN`: a new project folder that `kitap denetle` accepts, written without a
//! question: `kurum.yaml` and `plan.yaml` with every key present and explained in Turkish, an
//! empty `birimler/`, every narrative chapter of `metinler/` with its headings and a line of
//! guidance, `degisiklikler/` with a commented example decision (named so that it is not read)
//! and an empty `gorseller/`. The files are built into the binary (`proje/` beside this file),
//! so it works from any directory. A folder that exists and is not empty is refused.

use std::path::{Path, PathBuf};

/// One file of the skeleton: its path in the project folder and its text.
struct SkeletonFile {
    path: &'static str,
    text: &'static str,
}

macro_rules! skeleton {
    ($($path:literal),* $(,)?) => {
        &[$(SkeletonFile { path: $path, text: include_str!(concat!("proje/", $path)) }),*]
    };
}

const FILES: &[SkeletonFile] = skeleton![
    "kurum.yaml",
    "plan.yaml",
    "degisiklikler/ornek-karar.yaml.ornek",
    "metinler/sunus.typ",
    "metinler/hazirlik.typ",
    "metinler/durum-analizi.typ",
    "metinler/izleme.typ",
    "metinler/genel-bilgiler.typ",
    "metinler/temel-politikalar.typ",
    "metinler/mali-tablolar.typ",
    "metinler/mali-denetim.typ",
    "metinler/degerlendirme.typ",
    "metinler/performans-bilgi-sistemi.typ",
    "metinler/kurumsal-kabiliyet.typ",
    "metinler/oneri-tedbirler.typ",
    "metinler/izleme-degerlendirme.typ",
    "metinler/degerlendirme-raporu.typ",
];

/// The folders the skeleton has, empty ones included.
const FOLDERS: &[&str] = &["birimler", "metinler", "degisiklikler", "gorseller"];

/// Why a skeleton could not be written; the message is Turkish.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0}: klasör boş değil; kitap yeni var olan dosyaların üstüne yazmaz. Yeni bir klasör adı verin ya da boş bir klasör seçin.")]
    NotEmpty(String),
    #[error("{0}: bir dosya, klasör değil. Yeni proje için bir klasör adı verin.")]
    NotAFolder(String),
    #[error("{path} yazılamadı: {reason}")]
    Write { path: String, reason: String },
}

/// The years a project begun in `current_year` is about: the report year is the year before,
/// the program year this one, and the plan period the five-year one holding the report year
/// (municipal plans follow the local elections: 2020–2024, 2025–2029, 2030–2034, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartYears {
    pub plan_start: i32,
    pub plan_end: i32,
    pub report: i32,
    pub program: i32,
}

impl StartYears {
    pub fn for_current_year(current_year: i32) -> StartYears {
        let report = current_year - 1;
        let plan_start = 2025 + (report - 2025).div_euclid(5) * 5;
        StartYears {
            plan_start,
            plan_end: plan_start + 4,
            report,
            program: current_year,
        }
    }

    /// The years of a project begun today (UTC).
    pub fn now() -> StartYears {
        let today = jiff::tz::Offset::UTC.to_datetime(jiff::Timestamp::now());
        StartYears::for_current_year(i32::from(today.year()))
    }
}

/// The skeleton's files with the years filled in: (path in the project folder, text).
pub fn files(years: StartYears) -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|f| {
            let text = f
                .text
                .replace("{{PLAN_BASLANGIC}}", &years.plan_start.to_string())
                .replace("{{PLAN_BITIS}}", &years.plan_end.to_string())
                .replace("{{YIL}}", &years.report.to_string())
                .replace("{{PROGRAM_YILI}}", &years.program.to_string())
                .replace("{{BEYAN_YILI}}", &(years.report + 1).to_string());
            (f.path, text)
        })
        .collect()
}

/// Writes a new project into `dir` (made when missing; refused when it holds anything).
/// Returns the files written.
pub fn write(dir: &Path, years: StartYears) -> Result<Vec<PathBuf>, ScaffoldError> {
    let shown = dir.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(ScaffoldError::NotAFolder(shown));
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| ScaffoldError::Write {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(shown));
        }
    }
    let failed = |path: &Path, e: std::io::Error| ScaffoldError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    for folder in FOLDERS {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| failed(&path, e))?;
    }
    let mut written = Vec::new();
    for (rel, text) in files(years) {
        let path = dir.join(rel);
        std::fs::write(&path, text).map_err(|e| failed(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::books::Book;

    #[test]
    fn plan_periods_follow_the_elections() {
        let y = StartYears::for_current_year(2026);
        assert_eq!(
            (y.plan_start, y.plan_end, y.report, y.program),
            (2025, 2029, 2025, 2026)
        );
        assert_eq!(StartYears::for_current_year(2030).plan_start, 2025);
        assert_eq!(StartYears::for_current_year(2031).plan_start, 2030);
        assert_eq!(StartYears::for_current_year(2025).plan_start, 2020);
    }

    #[test]
    fn every_narrative_of_every_book_is_in_the_skeleton() {
        for book in Book::EVERY {
            for name in book.narratives() {
                let path = format!("metinler/{name}.typ");
                assert!(FILES.iter().any(|f| f.path == path), "{path}");
            }
        }
    }

    #[test]
    fn every_key_of_both_files_is_written_and_explained() {
        let files = files(StartYears::for_current_year(2026));
        for (file, keys) in [
            ("kurum.yaml", crate::config::kurum_keys()),
            ("plan.yaml", crate::config::plan_keys()),
        ] {
            let text = &files.iter().find(|(p, _)| *p == file).expect(file).1;
            let lines: Vec<&str> = text.lines().collect();
            for key in keys {
                let last = key.rsplit('.').next().expect("key");
                let at = lines
                    .iter()
                    .position(|l| {
                        let l = l.trim_start_matches([' ', '#', '-']).trim_start();
                        l.starts_with(&format!("{last}:"))
                    })
                    .unwrap_or_else(|| panic!("{file}: no line for {key}"));
                // A top-level key is explained on its line or by the comment line above it.
                let explained = lines[at].contains("# ")
                    || at.checked_sub(1).is_some_and(|i| lines[i].starts_with('#'));
                assert!(
                    explained || key.contains('.'),
                    "{file}: {key} has no explanation: {}",
                    lines[at]
                );
            }
        }
    }

    #[test]
    fn the_skeleton_parses_with_its_years() {
        let files = files(StartYears::for_current_year(2026));
        let text = |name: &str| {
            files
                .iter()
                .find(|(p, _)| *p == name)
                .expect(name)
                .1
                .clone()
        };
        let settings =
            crate::config::parse_settings("kurum.yaml", &text("kurum.yaml")).expect("kurum.yaml");
        assert_eq!(settings.years.plan_start, 2025);
        assert_eq!(settings.years.report, 2025);
        assert_eq!(settings.directorates.len(), 15);
        assert!(settings.declaration_date.is_none());
        let plan = crate::config::parse_plan("plan.yaml", &text("plan.yaml")).expect("plan.yaml");
        assert!(plan.goals.is_empty());
        for (path, text) in &files {
            assert!(!text.contains("{{"), "{path}: a placeholder is left");
        }
    }
}
