//! The five books: which chapters they have, what their files are called, which narrative
//! chapters they include.

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::Years;
use crate::finding::{Code, Finding};
use crate::model::{Model, Period};

/// One of the five books.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Book {
    /// Stratejik Plan.
    StrategicPlan,
    /// Performans Programı.
    PerformanceProgram,
    /// Faaliyet Raporu.
    ActivityReport,
    /// İzleme Raporu of one period of the report year: [`Period::Interim`] is the first six
    /// months (`1. İzleme` values), [`Period::YearEnd`] the whole year (`Yıl Sonu` values).
    Monitoring(Period),
    /// Değerlendirme Raporu: the report year and the plan's years before it.
    Evaluation,
}

impl Book {
    /// The books a plain `derle` makes (`--kitap sp,pp,fr`).
    pub const DEFAULT: [Book; 3] = [
        Book::StrategicPlan,
        Book::PerformanceProgram,
        Book::ActivityReport,
    ];

    /// Every book kitap can make, both İzleme periods included.
    pub const EVERY: [Book; 6] = [
        Book::StrategicPlan,
        Book::PerformanceProgram,
        Book::ActivityReport,
        Book::Monitoring(Period::Interim),
        Book::Monitoring(Period::YearEnd),
        Book::Evaluation,
    ];

    /// The codes `--kitap` accepts, in order, with the book each names: `tum` is all five.
    pub const CODES: [(&'static str, &'static str); 5] = [
        ("sp", "Stratejik Plan"),
        ("pp", "Performans Programı"),
        ("fr", "Faaliyet Raporu"),
        ("iz", "İzleme Raporu"),
        ("dr", "Değerlendirme Raporu"),
    ];

    /// The short code used by `--kitap sp,pp,fr,iz,dr`.
    pub fn code(self) -> &'static str {
        match self {
            Book::StrategicPlan => "sp",
            Book::PerformanceProgram => "pp",
            Book::ActivityReport => "fr",
            Book::Monitoring(_) => "iz",
            Book::Evaluation => "dr",
        }
    }

    /// The book a `--kitap` code names. `iz` gives the İzleme Raporu of the whole year; the
    /// period `--donem` or the data asks for is set by [`settle_period`].
    pub fn parse(code: &str) -> Option<Book> {
        match code.trim().to_lowercase().as_str() {
            "sp" => Some(Book::StrategicPlan),
            "pp" => Some(Book::PerformanceProgram),
            "fr" => Some(Book::ActivityReport),
            "iz" => Some(Book::Monitoring(Period::YearEnd)),
            "dr" => Some(Book::Evaluation),
            _ => None,
        }
    }

    /// The title as printed.
    pub fn title(self) -> &'static str {
        match self {
            Book::StrategicPlan => "Stratejik Plan",
            Book::PerformanceProgram => "Performans Programı",
            Book::ActivityReport => "Faaliyet Raporu",
            Book::Monitoring(_) => "İzleme Raporu",
            Book::Evaluation => "Değerlendirme Raporu",
        }
    }

    /// The years the book covers, as printed: `2025-2029`, `2026`, `2025`, `2025 1. Dönem`.
    pub fn years_text(self, years: &Years) -> String {
        match self {
            Book::StrategicPlan => format!("{}-{}", years.plan_start, years.plan_end),
            Book::PerformanceProgram => years.program.to_string(),
            Book::ActivityReport | Book::Evaluation => years.report.to_string(),
            Book::Monitoring(p) => format!("{} {}. Dönem", years.report, period_number(p)),
        }
    }

    /// The file stem: `stratejik-plan-2025-2029`, `performans-programi-2026`,
    /// `faaliyet-raporu-2025`, `izleme-raporu-2025-1`, `degerlendirme-raporu-2025`.
    pub fn stem(self, years: &Years) -> String {
        match self {
            Book::StrategicPlan => format!("stratejik-plan-{}", self.years_text(years)),
            Book::PerformanceProgram => format!("performans-programi-{}", years.program),
            Book::ActivityReport => format!("faaliyet-raporu-{}", years.report),
            Book::Monitoring(p) => format!("izleme-raporu-{}-{}", years.report, period_number(p)),
            Book::Evaluation => format!("degerlendirme-raporu-{}", years.report),
        }
    }

    /// The entry template in `report-templates/`.
    pub fn template(self) -> &'static str {
        match self {
            Book::StrategicPlan => "stratejik-plan.typ.j2",
            Book::PerformanceProgram => "performans-programi.typ.j2",
            Book::ActivityReport => "faaliyet-raporu.typ.j2",
            Book::Monitoring(_) => "izleme-raporu.typ.j2",
            Book::Evaluation => "degerlendirme-raporu.typ.j2",
        }
    }

    /// The narrative chapters (`metinler/<name>.typ`) the book includes.
    pub fn narratives(self) -> &'static [&'static str] {
        match self {
            Book::StrategicPlan => &["sunus", "hazirlik", "durum-analizi", "izleme"],
            Book::PerformanceProgram => &["sunus", "genel-bilgiler"],
            Book::ActivityReport => &[
                "sunus",
                "genel-bilgiler",
                "temel-politikalar",
                "mali-tablolar",
                "mali-denetim",
                "degerlendirme",
                "kurumsal-kabiliyet",
                "oneri-tedbirler",
            ],
            Book::Monitoring(_) => &["izleme-degerlendirme"],
            Book::Evaluation => &["degerlendirme-raporu"],
        }
    }
}

/// The İzleme period as `--donem` and the file names write it: 1 or 2.
pub fn period_number(period: Period) -> u8 {
    match period {
        Period::Interim => 1,
        Period::YearEnd => 2,
    }
}

/// The İzleme period of a `--donem` value: `1` or `2`.
pub fn parse_period(text: &str) -> Option<Period> {
    match text.trim() {
        "1" => Some(Period::Interim),
        "2" => Some(Period::YearEnd),
        _ => None,
    }
}

/// The İzleme Raporu's period when `--donem` is not given (spec/monitoring.md): the whole year
/// when any indicator has a Yıl Sonu value of the report year, else the first six months.
pub fn default_period(model: &Model, year: i32) -> Period {
    let any_year_end = model
        .indicators
        .iter()
        .any(|i| i.actual(year, Period::YearEnd).is_some());
    if any_year_end {
        Period::YearEnd
    } else {
        Period::Interim
    }
}

/// Gives every İzleme Raporu among `books` its period: `chosen` (`--donem`), else the one
/// [`default_period`] reads from the data.
pub fn settle_period(
    books: &[Book],
    chosen: Option<Period>,
    model: &Model,
    year: i32,
) -> Vec<Book> {
    let period = chosen.unwrap_or_else(|| default_period(model, year));
    let mut out: Vec<Book> = books
        .iter()
        .map(|b| match b {
            Book::Monitoring(_) => Book::Monitoring(period),
            other => *other,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The narrative chapters present in `metinler/` (file stems).
pub fn narratives_present(project_dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Ok(rd) = std::fs::read_dir(project_dir.join("metinler")) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".typ") {
                if e.path().is_file() {
                    out.insert(stem.to_string());
                }
            }
        }
    }
    out
}

/// Y010 for every narrative chapter a selected book needs and `metinler/` lacks.
pub fn missing_narratives(books: &[Book], present: &BTreeSet<String>) -> Vec<Finding> {
    let mut names: Vec<&str> = books
        .iter()
        .flat_map(|b| b.narratives().iter().copied())
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| !present.contains(*n))
        .map(|n| {
            let file = format!("metinler/{n}.typ");
            let users: Vec<&str> = books.iter().filter(|b| b.narratives().contains(&n)).map(|b| b.title()).collect();
            Finding::new(
                Code::Y010,
                format!(
                    "{file} yok: {} bu bölümün yerinde bir uyarı kutusu gösteriyor. Bölümün metnini Typst biçiminde {file} dosyasına yazın.",
                    users.join(", ")
                ),
            )
            .in_file(&file)
        })
        .collect()
}

/// Y012 when the Faaliyet Raporu is among `books` and kurum.yaml has no `beyan_tarihi`: the
/// declarations' date line is left as dots.
pub fn undated_declarations(books: &[Book], settings: &crate::config::Settings) -> Option<Finding> {
    if !books.contains(&Book::ActivityReport) || settings.declaration_date.is_some() {
        return None;
    }
    Some(
        Finding::new(
            Code::Y012,
            format!(
                "kurum.yaml'da beyan_tarihi yok: Faaliyet Raporu'nun beyanlarında tarih satırı elle doldurulmak üzere noktalı bırakıldı (…/…/{}). Tarihi basılı görmek için kurum.yaml'a örneğin `beyan_tarihi: {}-03-20` yazın.",
                settings.years.report + 1,
                settings.years.report + 1
            ),
        )
        .in_file("kurum.yaml"),
    )
}

/// The level-2 headings `metinler/kurumsal-kabiliyet.typ` must have (spec/finance.md: IV. prints
/// the three subsections, the narrative supplies them as its own headings).
pub const CAPABILITY_HEADINGS: [&str; 3] = ["Üstünlükler", "Zayıflıklar", "Değerlendirme"];

/// The Kurumsal Kabiliyet chapter.
const CAPABILITY_FILE: &str = "metinler/kurumsal-kabiliyet.typ";

/// The headings of [`CAPABILITY_HEADINGS`] that `metinler/kurumsal-kabiliyet.typ` lacks (at any
/// heading level, case and Turkish letters ignored); none when the file is not there.
pub(crate) fn capability_headings_missing(project_dir: &Path) -> Vec<&'static str> {
    let Ok(text) = std::fs::read_to_string(project_dir.join(CAPABILITY_FILE)) else {
        return Vec::new();
    };
    let headings: Vec<String> = text
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with('='))
        .map(|l| crate::text::fold(l.trim_start_matches('=')))
        .collect();
    CAPABILITY_HEADINGS
        .into_iter()
        .filter(|h| !headings.iter().any(|l| *l == crate::text::fold(h)))
        .collect()
}

/// Y010 for every heading of [`CAPABILITY_HEADINGS`] that `metinler/kurumsal-kabiliyet.typ`
/// lacks, when the Faaliyet Raporu is among `books` and the file is there (a missing file is
/// already a Y010 of its own).
pub fn missing_capability_headings(books: &[Book], project_dir: &Path) -> Vec<Finding> {
    if !books.contains(&Book::ActivityReport) {
        return Vec::new();
    }
    let file = CAPABILITY_FILE;
    capability_headings_missing(project_dir)
        .into_iter()
        .map(|h| {
            Finding::new(
                Code::Y010,
                format!(
                    "{file} içinde \"{h}\" başlığı yok: Faaliyet Raporu'nun IV. bölümü Üstünlükler, Zayıflıklar ve Değerlendirme alt başlıklarını ister. Dosyaya `== {h}` başlığıyla bu kısmı ekleyin."
                ),
            )
            .in_file(file)
        })
        .collect()
}
