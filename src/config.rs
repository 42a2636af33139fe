//! The project's YAML files — `kurum.yaml`, `plan.yaml` and the decisions in
//! `degisiklikler/` — read into validated settings. This is the one module that knows YAML
//! (through `serde_norway`, a maintained drop-in for the deprecated `serde_yaml`): `amend`
//! gives the decisions their types and reads them with [`parse_document`].

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::finding::{Code, Severity};
use crate::text::format::{read_date, Date};
use crate::text::{fold, normalize_code};

/// A YAML file that cannot be used: names the file, and the line and column when known.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => {
                write!(f, "{}: satır {l}, sütun {c}: {}", self.file, self.message)
            }
            (Some(l), None) => write!(f, "{}: satır {l}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn plain(file: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    fn from_yaml(file: &str, err: serde_norway::Error) -> ConfigError {
        let loc = err.location();
        ConfigError {
            file: file.to_string(),
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            message: explain_yaml_error(&err.to_string()),
        }
    }
}

/// The beginnings of serde's own messages for a value that does not fit its type. serde's
/// `de::Error` has no kinds to match: `missing_field`, `unknown_field`, `invalid_type` and
/// `invalid_value` are default methods that format these words, and serde_norway keeps only the
/// text. See [`explain_yaml_error`].
const SERDE_MISSING: &str = "missing field `";
const SERDE_UNKNOWN: &str = "unknown field `";
const SERDE_INVALID: [&str; 2] = ["invalid type: ", "invalid value: "];

/// Starts the messages of [`value_error`]: a control character no YAML text carries.
const OWN: &str = "\u{1f}";

/// A value that does not fit, said by a type of kitap's own in Turkish (`bir metin ya da sayı
/// olmalı, liste yazılmış`): `explain_yaml_error` puts the key in front of it.
pub fn value_error<E: serde::de::Error>(message: &str) -> E {
    E::custom(format_args!("{OWN}{message}"))
}

/// serde_norway's and serde's English messages, said in Turkish for the officer.
///
/// serde_norway 0.9.42 exposes no error kinds (its `ErrorImpl` is private), so the messages
/// are matched by their text: serde's field and type messages, libyaml's syntax messages and
/// serde_norway's " at line X column Y" suffix and "path: " prefix. Cargo.toml pins
/// serde_norway to that exact version for this; `yaml_errors_are_said_in_turkish` below fails
/// if a new version words them differently.
fn explain_yaml_error(raw: &str) -> String {
    // Drop serde_norway's own " at line X column Y" suffix: the location is printed separately.
    let msg = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    // serde_norway names the mapping or value first, `degisiklikler[0]: unknown field …`.
    let (path, what) = split_yaml_path(msg);
    let key = |name: &str| match path {
        Some(p) => format!("{p}.{name}"),
        None => name.to_string(),
    };
    if let Some(rest) = what.strip_prefix(OWN) {
        return match path {
            Some(p) => format!("`{p}` {rest}"),
            None => rest.to_string(),
        };
    }
    if let Some(rest) = what.strip_prefix(SERDE_MISSING) {
        let name = rest.split('`').next().unwrap_or_default();
        return format!("zorunlu `{}` alanı eksik; ekleyin", key(name));
    }
    if let Some(rest) = what.strip_prefix(SERDE_UNKNOWN) {
        let name = rest.split('`').next().unwrap_or_default();
        let expected = rest
            .split_once(", expected one of ")
            .or_else(|| rest.split_once(", expected "))
            // serde lists one field as "`a`", two as "`a` or `b`".
            .map(|(_, list)| list.replace("` or `", "`, `"));
        return match expected {
            Some(list) => format!(
                "`{}` diye bir alan yok; yazımını kontrol edin (burada yazılabilen alanlar: {list})",
                key(name)
            ),
            None => format!("`{}` diye bir alan yok; burada alan yazılmaz", key(name)),
        };
    }
    if SERDE_INVALID.iter().any(|p| what.starts_with(p)) {
        return format!("değer beklenen türde değil ({msg}); örneğe bakıp düzeltin");
    }
    // libyaml's scanner and parser messages.
    if msg.contains("did not find expected")
        || msg.contains("mapping values are not allowed")
        || msg.contains("found character")
    {
        return format!("YAML yazımı bozuk ({msg}); girintileri ve iki nokta üst üste işaretlerini kontrol edin");
    }
    format!("dosya okunamadı: {msg}")
}

/// `degisiklikler[0]: unknown field …` → (`degisiklikler[0]`, `unknown field …`): the place
/// serde_norway puts in front of one of serde's messages.
fn split_yaml_path(msg: &str) -> (Option<&str>, &str) {
    let markers = [
        OWN,
        SERDE_MISSING,
        SERDE_UNKNOWN,
        SERDE_INVALID[0],
        SERDE_INVALID[1],
    ];
    if markers.iter().any(|m| msg.starts_with(m)) {
        return (None, msg);
    }
    markers
        .iter()
        .filter_map(|m| msg.find(&format!(": {m}")))
        .min()
        .map_or((None, msg), |i| (Some(&msg[..i]), &msg[i + 2..]))
}

/// Parses a YAML document into `T`, any serde type, with the Turkish messages and the line and
/// column of every project file; `file` is the name used in messages. For a module that gives
/// a YAML file its types (`amend`, the decisions) without knowing YAML.
pub fn parse_document<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, ConfigError> {
    parse_yaml(file, text)
}

fn parse_yaml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, ConfigError> {
    serde_norway::from_str(text).map_err(|e| ConfigError::from_yaml(file, e))
}

/// Any YAML text as an untyped value (for tools that inspect project files).
pub fn parse_yaml_value(text: &str) -> Result<serde_json::Value, String> {
    serde_norway::from_str(text).map_err(|e| e.to_string())
}

/// A value written as YAML (the example generator writes kurum.yaml and plan.yaml with it).
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_norway::to_string(value).map_err(|e| e.to_string())
}

fn read_file(dir: &Path, name: &str) -> Result<String, ConfigError> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ConfigError::plain(name, format!("dosya bulunamadı: {}", path.display()))
        } else {
            ConfigError::plain(name, format!("dosya okunamadı: {e}"))
        }
    })
}

// ---------------------------------------------------------------------------------------
// kurum.yaml

#[derive(Debug, Deserialize)]
struct KurumFile {
    kurum: InstitutionYaml,
    plan_donemi: PeriodYaml,
    yil: i32,
    program_yili: Option<i32>,
    #[serde(default)]
    birimler: Vec<DirectorateYaml>,
    #[serde(default)]
    tema: Option<ThemeYaml>,
    #[serde(default)]
    kurallar: Option<RulesYaml>,
    #[serde(default)]
    cikti: Option<OutputYaml>,
    #[serde(default)]
    okuma: Option<LimitsYaml>,
    /// The directorate whose workbook carries the institution-level sheets (finance.md).
    mali_hizmetler_birimi: Option<String>,
    /// The date of the declarations (İç Kontrol Güvence Beyanı, Mali Hizmetler beyanı).
    beyan_tarihi: Option<serde_norway::Value>,
}

#[derive(Debug, Deserialize)]
struct InstitutionYaml {
    ad: String,
    kisa_ad: Option<String>,
    il: Option<String>,
    ilce: Option<String>,
    baskan: String,
    baskan_unvani: Option<String>,
    mali_hizmetler_muduru: String,
    mali_hizmetler_unvani: Option<String>,
    logo: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PeriodYaml {
    baslangic: i32,
    bitis: i32,
}

#[derive(Debug, Deserialize)]
struct DirectorateYaml {
    ad: String,
    kisa_ad: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
struct ThemeYaml {
    renk: Option<String>,
    vurgu: Option<String>,
    yazi_tipi: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
struct RulesYaml {
    #[serde(default)]
    seviye: BTreeMap<String, String>,
    sapma_toleransi: Option<f64>,
    /// `tavan: null` means no cap; absent means the default 100.
    #[serde(default, deserialize_with = "deserialize_present")]
    tavan: Option<Option<f64>>,
    butce_alt_esik: Option<f64>,
    gelir_alt_esik: Option<f64>,
    izleme_alt: Option<f64>,
    izleme_ust: Option<f64>,
}

fn deserialize_present<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<f64>>, D::Error> {
    Option::<f64>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize, Default)]
struct OutputYaml {
    pdf_standardi: Option<String>,
    veri_ekle: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
struct LimitsYaml {
    dosya_boyutu_mb: Option<f64>,
    hucre_sayisi: Option<u64>,
    satir_sayisi: Option<u32>,
    sutun_sayisi: Option<u32>,
    sure_saniye: Option<f64>,
    bellek_mb: Option<u64>,
    tablo_satiri: Option<usize>,
}

/// The institution as kurum.yaml names it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Institution {
    pub name: String,
    pub short_name: Option<String>,
    pub province: Option<String>,
    /// İlçe (`kurum.ilce`), for the declarations' place line.
    pub district: Option<String>,
    /// The mayor (Başkan), who signs the İç Kontrol Güvence Beyanı.
    pub mayor: String,
    /// The mayor's title under the signature (`kurum.baskan_unvani`, default "Belediye
    /// Başkanı"; "Belediye Başkan Vekili" and a büyükşehir's titles are possible).
    pub mayor_title: String,
    /// The head of financial services, who signs the Mali Hizmetler declaration.
    pub finance_director: String,
    /// Their title (`kurum.mali_hizmetler_unvani`, default "Mali Hizmetler Müdürü").
    pub finance_director_title: String,
    /// Logo path relative to the project folder.
    pub logo: Option<String>,
}

/// A directorate kurum.yaml expects a workbook from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExpectedDirectorate {
    pub name: String,
    pub short_name: Option<String>,
}

/// Colours and font of the books.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Theme {
    pub color: String,
    pub accent: String,
    pub font: String,
}

/// What a code's severity becomes in this project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeverityOverride {
    Set(Severity),
    Off,
}

/// Rule settings: severity overrides and thresholds (rules.md).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSettings {
    pub severity: BTreeMap<Code, SeverityOverride>,
    /// Allowed |rate − 100| before a Sapma Nedeni is required (R002).
    pub deviation_tolerance: f64,
    /// Cap on an indicator's rate in the hedef roll-up; `None` means no cap.
    pub cap: Option<f64>,
    /// A report-year Bütçe row spent below this % of its Toplam Ödenek needs an Açıklama
    /// (M004; `kurallar.butce_alt_esik`).
    pub budget_floor: f64,
    /// A report-year Gelirler row collected below this % of its Bütçe Tahmini needs an
    /// Açıklama (M004; `kurallar.gelir_alt_esik`).
    pub revenue_floor: f64,
    /// The Değerlendirme Raporu's Sapmalar list an indicator whose report-year rate is below
    /// this (`kurallar.izleme_alt`, default 75) …
    pub monitoring_floor: f64,
    /// … or above this (`kurallar.izleme_ust`, default 125).
    pub monitoring_ceiling: f64,
}

/// The default of `kurallar.butce_alt_esik` and `kurallar.gelir_alt_esik` (%).
pub const DEFAULT_FLOOR: f64 = 85.0;

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            severity: BTreeMap::new(),
            deviation_tolerance: 0.0,
            cap: Some(100.0),
            budget_floor: DEFAULT_FLOOR,
            revenue_floor: DEFAULT_FLOOR,
            monitoring_floor: 75.0,
            monitoring_ceiling: 125.0,
        }
    }
}

/// Limits on what one workbook or one book may cost (issue: hostile workbooks).
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_cells: u64,
    pub max_rows: u32,
    pub max_cols: u32,
    pub read_seconds: f64,
    pub read_memory_mb: u64,
    pub max_table_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_cells: 2_000_000,
            max_rows: 100_000,
            max_cols: 200,
            read_seconds: 60.0,
            read_memory_mb: 1024,
            max_table_rows: 50_000,
        }
    }
}

/// The plan period and the years the books are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Years {
    pub plan_start: i32,
    pub plan_end: i32,
    /// The Faaliyet Raporu year (`yil`).
    pub report: i32,
    /// The Performans Programı year (`program_yili`, default `yil + 1`).
    pub program: i32,
}

/// The years kitap accepts anywhere: plan period, report and program year.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// `year` when it is in [`YEARS`], else an error naming `what` (the key).
fn check_year(file: &str, what: &str, year: i32) -> Result<i32, ConfigError> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(ConfigError::plain(
            file,
            format!(
                "{what} geçerli bir yıl değil: {year} ({} ile {} arasında bir yıl yazın)",
                YEARS.start(),
                YEARS.end()
            ),
        ))
    }
}

impl Years {
    /// The years with `year` as the report year (`--yil`): the program year keeps its distance
    /// to the report year. An error names `--yil` when either year is not a year.
    pub fn with_report_year(self, year: i32) -> Result<Years, ConfigError> {
        const FILE: &str = "komut satırı";
        let report = check_year(FILE, "`--yil`", year)?;
        // Both years of kurum.yaml are in YEARS, so neither sum overflows.
        let program = report + (self.program - self.report);
        let program = check_year(FILE, "`--yil` ile Performans Programı yılı", program)?;
        Ok(Years {
            report,
            program,
            ..self
        })
    }

    pub fn plan_years(&self) -> impl Iterator<Item = i32> {
        self.plan_start..=self.plan_end
    }

    pub fn in_plan(&self, year: i32) -> bool {
        (self.plan_start..=self.plan_end).contains(&year)
    }

    /// The years a `Gelirler` row may have: the plan period, the year before the report year
    /// (its collection is printed beside the report year's) and the program year.
    pub fn revenue_years(&self) -> (i32, i32) {
        (
            self.plan_start.min(self.report - 1),
            self.plan_end.max(self.program).max(self.report),
        )
    }
}

/// kurum.yaml, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub institution: Institution,
    pub years: Years,
    pub directorates: Vec<ExpectedDirectorate>,
    pub theme: Theme,
    pub rules: RuleSettings,
    pub pdf_standard: Option<String>,
    /// `cikti.veri_ekle` (default true): the Faaliyet Raporu carries the open data
    /// (`acik-veri/`) as PDF attachments.
    pub attach_data: bool,
    pub limits: Limits,
    /// The directorate (kurum.yaml's `ad`) whose workbook carries the institution-level sheets:
    /// `mali_hizmetler_birimi`, else the first directorate whose name holds "Mali Hizmetler".
    pub finance_directorate: Option<String>,
    /// `beyan_tarihi`: the date under the declarations; `None` leaves a dotted line.
    pub declaration_date: Option<Date>,
}

impl Settings {
    /// The expected directorate a Birim Adı names (by `ad` or `kisa_ad`, folded).
    pub fn find_directorate(&self, name: &str) -> Option<&ExpectedDirectorate> {
        let key = fold(name);
        if key.is_empty() {
            return None;
        }
        self.directorates.iter().find(|d| {
            fold(&d.name) == key
                || d.short_name.as_deref().map(fold).as_deref() == Some(key.as_str())
        })
    }

    /// Applies `kurallar.seviye`: the severity a finding of this code gets, or None when off.
    pub fn severity_of(&self, code: Code) -> Option<Severity> {
        match self.rules.severity.get(&code) {
            Some(SeverityOverride::Off) => None,
            Some(SeverityOverride::Set(s)) => Some(*s),
            None => Some(code.default_severity()),
        }
    }
}

/// Parses kurum.yaml text. `file` is the name used in messages.
pub fn parse_settings(file: &str, text: &str) -> Result<Settings, ConfigError> {
    let k: KurumFile = parse_yaml(file, text)?;
    let (plan_start, plan_end) = (k.plan_donemi.baslangic, k.plan_donemi.bitis);
    if !YEARS.contains(&plan_start) || plan_end < plan_start || plan_end - plan_start > 9 {
        return Err(ConfigError::plain(
            file,
            format!(
                "plan_donemi geçersiz ({plan_start}–{plan_end}): başlangıç ve bitiş yılı yazın, bitiş başlangıçtan önce olamaz (stratejik plan 5 yıllıktır)"
            ),
        ));
    }
    let report = check_year(file, "`yil`", k.yil)?;
    let program = match k.program_yili {
        Some(y) => check_year(file, "`program_yili`", y)?,
        // `report` is at most 2100: no overflow.
        None => check_year(
            file,
            "`program_yili` (yazılmadığı için `yil` + 1)",
            report + 1,
        )?,
    };
    let years = Years {
        plan_start,
        plan_end,
        report,
        program,
    };
    let mut directorates: Vec<ExpectedDirectorate> = Vec::new();
    for d in k.birimler {
        let name = d.ad.trim().to_string();
        if name.is_empty() {
            return Err(ConfigError::plain(
                file,
                "birimler listesinde adı boş bir birim var",
            ));
        }
        if directorates.iter().any(|e| fold(&e.name) == fold(&name)) {
            return Err(ConfigError::plain(
                file,
                format!("“{name}” birimler listesinde iki kez yazılmış"),
            ));
        }
        directorates.push(ExpectedDirectorate {
            name,
            short_name: d.kisa_ad.map(|s| s.trim().to_string()),
        });
    }
    let theme_yaml = k.tema.unwrap_or_default();
    let theme = Theme {
        color: theme_yaml.renk.unwrap_or_else(|| "#1f4e79".to_string()),
        accent: theme_yaml.vurgu.unwrap_or_else(|| "#c0392b".to_string()),
        font: theme_yaml
            .yazi_tipi
            .unwrap_or_else(|| "Noto Sans".to_string()),
    };
    let rules_yaml = k.kurallar.unwrap_or_default();
    let mut rules = RuleSettings::default();
    for (code, level) in rules_yaml.seviye {
        let c = Code::parse(&code).ok_or_else(|| {
            ConfigError::plain(
                file,
                format!("kurallar.seviye: “{code}” bilinen bir kural kodu değil"),
            )
        })?;
        let o = if fold(&level) == "kapali" {
            SeverityOverride::Off
        } else {
            SeverityOverride::Set(Severity::parse(&level).ok_or_else(|| {
                ConfigError::plain(
                    file,
                    format!("kurallar.seviye.{code}: “{level}” geçersiz; hata, uyari, bilgi ya da kapali yazın"),
                )
            })?)
        };
        rules.severity.insert(c, o);
    }
    if let Some(t) = rules_yaml.sapma_toleransi {
        if !(t >= 0.0 && t.is_finite()) {
            return Err(ConfigError::plain(
                file,
                "kurallar.sapma_toleransi 0 ya da pozitif bir sayı olmalı",
            ));
        }
        rules.deviation_tolerance = t;
    }
    if let Some(cap) = rules_yaml.tavan {
        if let Some(c) = cap {
            if !(c > 0.0 && c.is_finite()) {
                return Err(ConfigError::plain(
                    file,
                    "kurallar.tavan pozitif bir sayı ya da null olmalı",
                ));
            }
        }
        rules.cap = cap;
    }
    for (key, value, target) in [
        (
            "butce_alt_esik",
            rules_yaml.butce_alt_esik,
            &mut rules.budget_floor,
        ),
        (
            "gelir_alt_esik",
            rules_yaml.gelir_alt_esik,
            &mut rules.revenue_floor,
        ),
    ] {
        if let Some(v) = value {
            if !(0.0..=100.0).contains(&v) {
                return Err(ConfigError::plain(
                    file,
                    format!("kurallar.{key} 0 ile 100 arasında bir yüzde olmalı (örneğin 85)"),
                ));
            }
            *target = v;
        }
    }
    for (key, value, target) in [
        (
            "izleme_alt",
            rules_yaml.izleme_alt,
            &mut rules.monitoring_floor,
        ),
        (
            "izleme_ust",
            rules_yaml.izleme_ust,
            &mut rules.monitoring_ceiling,
        ),
    ] {
        if let Some(v) = value {
            if !(v >= 0.0 && v.is_finite()) {
                return Err(ConfigError::plain(
                    file,
                    format!("kurallar.{key} 0 ya da pozitif bir yüzde olmalı (örneğin 75)"),
                ));
            }
            *target = v;
        }
    }
    if rules.monitoring_floor > rules.monitoring_ceiling {
        return Err(ConfigError::plain(
            file,
            format!(
                "kurallar.izleme_alt ({}) kurallar.izleme_ust değerinden ({}) büyük olamaz: Değerlendirme Raporu'nun Sapmalar bölümü bu iki sınırın dışında kalan göstergeleri listeler",
                crate::text::format::plain_number(rules.monitoring_floor),
                crate::text::format::plain_number(rules.monitoring_ceiling)
            ),
        ));
    }
    let l = k.okuma.unwrap_or_default();
    let d = Limits::default();
    let limits = Limits {
        max_file_bytes: l
            .dosya_boyutu_mb
            .map(|mb| (mb.max(0.0) * 1024.0 * 1024.0) as u64)
            .unwrap_or(d.max_file_bytes),
        max_cells: l.hucre_sayisi.unwrap_or(d.max_cells),
        max_rows: l.satir_sayisi.unwrap_or(d.max_rows),
        max_cols: l.sutun_sayisi.unwrap_or(d.max_cols),
        read_seconds: l.sure_saniye.unwrap_or(d.read_seconds),
        read_memory_mb: l.bellek_mb.unwrap_or(d.read_memory_mb),
        max_table_rows: l.tablo_satiri.unwrap_or(d.max_table_rows),
    };
    let finance_directorate = match k.mali_hizmetler_birimi.as_deref().map(str::trim) {
        Some(name) => {
            let found = directorates.iter().find(|d| {
                fold(&d.name) == fold(name) || d.short_name.as_deref().map(fold) == Some(fold(name))
            });
            match found {
                Some(d) if !name.is_empty() => Some(d.name.clone()),
                _ => {
                    return Err(ConfigError::plain(
                        file,
                        format!(
                            "mali_hizmetler_birimi “{name}” birimler listesinde yok; birimlerden birinin adını yazın ({})",
                            directorates
                                .iter()
                                .map(|d| d.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ))
                }
            }
        }
        None => directorates
            .iter()
            .find(|d| fold(&d.name).contains("malihizmetler"))
            .map(|d| d.name.clone()),
    };
    let declaration_date = match &k.beyan_tarihi {
        None | Some(serde_norway::Value::Null) => None,
        Some(value) => {
            let text = match value {
                serde_norway::Value::String(t) => t.clone(),
                serde_norway::Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            Some(read_date(&text).map_err(|e| {
                ConfigError::plain(
                    file,
                    format!(
                        "beyan_tarihi bir tarih olmalı (örneğin 2026-03-20 ya da 20.03.2026): “{}” yazılmış, {}",
                        text.trim(),
                        e.reason()
                    ),
                )
            })?)
        }
    };
    let non_empty = |t: Option<String>, default: &str| {
        t.map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| default.to_string())
    };
    let i = k.kurum;
    let output = k.cikti.unwrap_or_default();
    Ok(Settings {
        institution: Institution {
            name: i.ad.trim().to_string(),
            short_name: i.kisa_ad,
            province: i.il,
            district: i.ilce,
            mayor: i.baskan,
            mayor_title: non_empty(i.baskan_unvani, "Belediye Başkanı"),
            finance_director: i.mali_hizmetler_muduru,
            finance_director_title: non_empty(i.mali_hizmetler_unvani, "Mali Hizmetler Müdürü"),
            logo: i.logo,
        },
        years,
        directorates,
        theme,
        rules,
        pdf_standard: output.pdf_standardi,
        attach_data: output.veri_ekle.unwrap_or(true),
        limits,
        finance_directorate,
        declaration_date,
    })
}

// ---------------------------------------------------------------------------------------
// plan.yaml

#[derive(Debug, Deserialize)]
struct PlanFile {
    #[serde(default)]
    misyon: String,
    #[serde(default)]
    vizyon: String,
    #[serde(default)]
    temel_degerler: Vec<String>,
    #[serde(default)]
    amaclar: Vec<GoalYaml>,
}

#[derive(Debug, Deserialize)]
struct GoalYaml {
    kod: String,
    ad: String,
    #[serde(default)]
    hedefler: Vec<ObjectiveYaml>,
}

#[derive(Debug, Deserialize)]
struct ObjectiveYaml {
    kod: String,
    ad: String,
    #[serde(default)]
    sorumlu_birim: String,
    #[serde(default)]
    isbirligi_birimleri: Vec<String>,
    #[serde(default)]
    riskler: Vec<String>,
    #[serde(default)]
    stratejiler: Vec<String>,
    #[serde(default)]
    tespitler: Vec<String>,
    #[serde(default)]
    ihtiyaclar: Vec<String>,
    maliyet_tahmini: Option<f64>,
}

/// plan.yaml, validated: the plan's text and its amaçlar and hedefler.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanText {
    pub mission: String,
    pub vision: String,
    pub values: Vec<String>,
    pub goals: Vec<GoalText>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GoalText {
    pub code: String,
    pub name: String,
    pub objectives: Vec<ObjectiveText>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveText {
    pub code: String,
    pub name: String,
    pub responsible: String,
    pub cooperating: Vec<String>,
    pub risks: Vec<String>,
    pub strategies: Vec<String>,
    /// Tespitler.
    pub observations: Vec<String>,
    /// İhtiyaçlar.
    pub needs: Vec<String>,
    pub cost_estimate: Option<f64>,
}

/// Parses plan.yaml text.
pub fn parse_plan(file: &str, text: &str) -> Result<PlanText, ConfigError> {
    let p: PlanFile = parse_yaml(file, text)?;
    let mut goals = Vec::new();
    let mut seen_goals = Vec::<String>::new();
    let mut seen_objectives = Vec::<String>::new();
    for g in p.amaclar {
        let code = normalize_code(&g.kod, "A");
        if seen_goals.contains(&code) {
            return Err(ConfigError::plain(
                file,
                format!("amaç kodu {code} iki kez yazılmış"),
            ));
        }
        seen_goals.push(code.clone());
        let mut objectives = Vec::new();
        for h in g.hedefler {
            let hcode = normalize_code(&h.kod, "H");
            if seen_objectives.contains(&hcode) {
                return Err(ConfigError::plain(
                    file,
                    format!("hedef kodu {hcode} iki kez yazılmış"),
                ));
            }
            seen_objectives.push(hcode.clone());
            objectives.push(ObjectiveText {
                code: hcode,
                name: h.ad.trim().to_string(),
                responsible: h.sorumlu_birim.trim().to_string(),
                cooperating: h.isbirligi_birimleri,
                risks: h.riskler,
                strategies: h.stratejiler,
                observations: h.tespitler,
                needs: h.ihtiyaclar,
                cost_estimate: h.maliyet_tahmini,
            });
        }
        goals.push(GoalText {
            code,
            name: g.ad.trim().to_string(),
            objectives,
        });
    }
    Ok(PlanText {
        mission: p.misyon,
        vision: p.vizyon,
        values: p.temel_degerler,
        goals,
    })
}

/// Every key kurum.yaml accepts, dotted (`kurum.ad`, `birimler.ad`, `kurallar.seviye`), read
/// from the structs above: the user guide documents each (tests/guide.rs).
pub fn kurum_keys() -> Vec<String> {
    crate::schema::keys::<KurumFile>()
}

/// Every key plan.yaml accepts, dotted (`amaclar.hedefler.sorumlu_birim`).
pub fn plan_keys() -> Vec<String> {
    crate::schema::keys::<PlanFile>()
}

// ---------------------------------------------------------------------------------------

/// A project folder with its kurum.yaml and plan.yaml read.
#[derive(Debug, Clone)]
pub struct Project {
    pub dir: PathBuf,
    /// The folder's name: `ornek-belediye` (names the output folder).
    pub name: String,
    pub settings: Settings,
    pub plan: PlanText,
}

impl Project {
    /// Reads `kurum.yaml` and `plan.yaml` of a project folder.
    pub fn load(dir: &Path) -> Result<Project, ConfigError> {
        if !dir.is_dir() {
            return Err(ConfigError::plain(
                &dir.display().to_string(),
                "proje klasörü bulunamadı; kurum.yaml ve plan.yaml içeren bir klasör verin",
            ));
        }
        let settings = parse_settings("kurum.yaml", &read_file(dir, "kurum.yaml")?)?;
        let plan = parse_plan("plan.yaml", &read_file(dir, "plan.yaml")?)?;
        let name = dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "proje".to_string());
        Ok(Project {
            dir: dir.to_path_buf(),
            name,
            settings,
            plan,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KURUM: &str = "kurum:\n  ad: Örnek Belediyesi\n  baskan: Ad Soyad\n  mali_hizmetler_muduru: Ad Soyad\nplan_donemi: {baslangic: 2025, bitis: 2029}\nyil: 2025\nbirimler:\n  - ad: Fen İşleri Müdürlüğü\n    kisa_ad: Fen İşleri\n";

    #[test]
    fn reads_kurum_with_defaults() {
        let s = parse_settings("kurum.yaml", KURUM).expect("valid");
        assert_eq!(s.years.program, 2026);
        assert_eq!(s.rules.cap, Some(100.0));
        assert_eq!(
            s.find_directorate("FEN İŞLERİ").map(|d| d.name.as_str()),
            Some("Fen İşleri Müdürlüğü")
        );
        assert_eq!(
            s.find_directorate("fen isleri mudurlugu")
                .map(|d| d.name.as_str()),
            Some("Fen İşleri Müdürlüğü")
        );
    }

    #[test]
    fn monitoring_thresholds_default_and_are_checked() {
        let s = parse_settings("kurum.yaml", KURUM).expect("parses");
        assert_eq!(
            (s.rules.monitoring_floor, s.rules.monitoring_ceiling),
            (75.0, 125.0)
        );
        let text = format!("{KURUM}kurallar:\n  izleme_alt: 80\n  izleme_ust: 120\n");
        let s = parse_settings("kurum.yaml", &text).expect("parses");
        assert_eq!(
            (s.rules.monitoring_floor, s.rules.monitoring_ceiling),
            (80.0, 120.0)
        );
        let text = format!("{KURUM}kurallar:\n  izleme_alt: 130\n");
        let e = parse_settings("kurum.yaml", &text).expect_err("floor above the ceiling");
        assert!(e.to_string().contains("kurallar.izleme_alt"), "{e}");
    }

    #[test]
    fn tavan_null_means_no_cap_and_levels_override() {
        let text = format!("{KURUM}kurallar:\n  tavan: null\n  sapma_toleransi: 5\n  seviye: {{G008: hata, R003: kapali}}\n");
        let s = parse_settings("kurum.yaml", &text).expect("valid");
        assert_eq!(s.rules.cap, None);
        assert_eq!(s.rules.deviation_tolerance, 5.0);
        assert_eq!(s.severity_of(Code::G008), Some(Severity::Error));
        assert_eq!(s.severity_of(Code::R003), None);
    }

    #[test]
    fn finance_keys_have_defaults_and_turkish_errors() {
        let s = parse_settings("kurum.yaml", KURUM).expect("valid");
        assert_eq!(s.rules.budget_floor, 85.0);
        assert_eq!(s.rules.revenue_floor, 85.0);
        assert_eq!(s.institution.mayor_title, "Belediye Başkanı");
        assert_eq!(
            s.institution.finance_director_title,
            "Mali Hizmetler Müdürü"
        );
        assert_eq!(s.finance_directorate, None, "no Mali Hizmetler in KURUM");
        assert_eq!(s.declaration_date, None);

        let with_mali = KURUM.replace(
            "birimler:\n",
            "birimler:\n  - ad: Mali Hizmetler Müdürlüğü\n",
        );
        let s = parse_settings("kurum.yaml", &with_mali).expect("valid");
        assert_eq!(
            s.finance_directorate.as_deref(),
            Some("Mali Hizmetler Müdürlüğü")
        );

        let text = format!(
            "{}mali_hizmetler_birimi: fen isleri\nbeyan_tarihi: 20.03.2026\nkurallar: {{butce_alt_esik: 90, gelir_alt_esik: 70}}\n",
            KURUM.replace(
                "  mali_hizmetler_muduru: Ad Soyad\n",
                "  mali_hizmetler_muduru: Ad Soyad\n  mali_hizmetler_unvani: Mali Hizmetler Dairesi Başkanı\n  baskan_unvani: Belediye Başkan Vekili\n  ilce: Palandöken\n"
            )
        );
        let s = parse_settings("kurum.yaml", &text).expect("valid");
        assert_eq!(
            s.finance_directorate.as_deref(),
            Some("Fen İşleri Müdürlüğü")
        );
        assert_eq!(
            s.declaration_date.map(crate::text::format::short_date),
            Some("20.03.2026".to_string())
        );
        assert_eq!((s.rules.budget_floor, s.rules.revenue_floor), (90.0, 70.0));
        assert_eq!(s.institution.mayor_title, "Belediye Başkan Vekili");
        assert_eq!(
            s.institution.finance_director_title,
            "Mali Hizmetler Dairesi Başkanı"
        );
        assert_eq!(s.institution.district.as_deref(), Some("Palandöken"));
        let iso = format!("{KURUM}beyan_tarihi: 2026-03-20\n");
        assert!(parse_settings("kurum.yaml", &iso)
            .expect("valid")
            .declaration_date
            .is_some());

        let e = parse_settings(
            "kurum.yaml",
            &format!("{KURUM}mali_hizmetler_birimi: Muhasebe\n"),
        )
        .expect_err("unknown directorate");
        assert!(
            e.message
                .starts_with("mali_hizmetler_birimi “Muhasebe” birimler listesinde yok"),
            "{e}"
        );
        let e = parse_settings("kurum.yaml", &format!("{KURUM}beyan_tarihi: 2026-02-30\n"))
            .expect_err("no such day");
        assert!(
            e.message.starts_with("beyan_tarihi bir tarih olmalı"),
            "{e}"
        );
        assert!(e.message.contains("Şubat 2026 28 gün çeker"), "{e}");
        let e = parse_settings("kurum.yaml", &format!("{KURUM}beyan_tarihi: [1]\n"))
            .expect_err("a list");
        assert!(
            e.message.starts_with("beyan_tarihi bir tarih olmalı"),
            "{e}"
        );
        let e = parse_settings(
            "kurum.yaml",
            &format!("{KURUM}kurallar: {{gelir_alt_esik: 120}}\n"),
        )
        .expect_err("over 100");
        assert_eq!(
            e.message,
            "kurallar.gelir_alt_esik 0 ile 100 arasında bir yüzde olmalı (örneğin 85)"
        );
    }

    #[test]
    fn bad_yaml_names_line_and_column() {
        let text = "kurum:\n  ad: X\n  baskan: [\nplan_donemi: 3\n";
        let e = parse_settings("kurum.yaml", text).expect_err("invalid");
        assert_eq!(e.file, "kurum.yaml");
        assert!(e.line.is_some(), "{e}");
        let missing = parse_settings("kurum.yaml", "kurum:\n  ad: X\n  baskan: Y\n  mali_hizmetler_muduru: Z\nplan_donemi: {baslangic: 2025, bitis: 2029}\n")
            .expect_err("yil missing");
        assert!(missing.message.contains("yil"), "{missing}");
        assert!(missing.line.is_some(), "{missing}");
    }

    #[test]
    fn a_year_out_of_range_names_its_key_and_never_overflows() {
        let with = |yil: &str, extra: &str| {
            let text = KURUM.replace("yil: 2025\n", &format!("yil: {yil}\n{extra}"));
            parse_settings("kurum.yaml", &text)
        };
        for yil in ["2147483647", "-2147483648", "-5", "0", "2101"] {
            let e = with(yil, "").expect_err(yil);
            assert_eq!(e.file, "kurum.yaml");
            assert!(
                e.message.starts_with("`yil` geçerli bir yıl değil"),
                "{yil}: {e}"
            );
        }
        let e = with("2100", "").expect_err("2101 is no program year");
        assert!(
            e.message.starts_with(
                "`program_yili` (yazılmadığı için `yil` + 1) geçerli bir yıl değil: 2101"
            ),
            "{e}"
        );
        let e = with("2025", "program_yili: 2147483647\n").expect_err("program_yili");
        assert!(e.message.starts_with("`program_yili` geçerli"), "{e}");
        assert_eq!(
            with("2100", "program_yili: 2100\n").map(|s| s.years.program),
            Ok(2100)
        );
        // Too large for an i32 at all: YAML's own error, at the key.
        let e = with("99999999999", "").expect_err("not an i32");
        assert!(e.line.is_some(), "{e}");
    }

    #[test]
    fn yaml_errors_are_said_in_turkish() {
        // The English of serde 1 and serde_norway 0.9.42 (pinned) that explain_yaml_error
        // reads: a new version that words it differently fails here.
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            #[allow(dead_code)]
            a: Inner,
        }
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Inner {
            n: i32,
            #[serde(default)]
            s: Option<Own>,
        }
        #[derive(Debug)]
        struct Own;
        impl<'de> Deserialize<'de> for Own {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Own, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = Own;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("evet")
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Own, E> {
                        if s == "evet" {
                            Ok(Own)
                        } else {
                            Err(value_error("evet olmalı"))
                        }
                    }
                }
                d.deserialize_str(V)
            }
        }
        let err = |text: &str| parse_document::<Doc>("x.yaml", text).expect_err(text);

        let e = err("a: {s: evet}\n");
        assert_eq!(e.message, "zorunlu `a.n` alanı eksik; ekleyin");
        let e = err("b: 1\n");
        assert_eq!(
            e.message,
            "`b` diye bir alan yok; yazımını kontrol edin (burada yazılabilen alanlar: `a`)"
        );
        let e = err("a:\n  n: 1\n  m: 2\n");
        assert_eq!(
            e.message,
            "`a.m` diye bir alan yok; yazımını kontrol edin (burada yazılabilen alanlar: `n`, `s`)"
        );
        assert_eq!((e.line, e.column), (Some(3), Some(3)));
        let e = err("a: {n: [1]}\n");
        assert_eq!(
            e.message,
            "değer beklenen türde değil (a.n: invalid type: sequence, expected i32); örneğe bakıp düzeltin"
        );
        let e = err("a: {n: 99999999999}\n");
        assert!(
            e.message
                .starts_with("değer beklenen türde değil (a.n: invalid value: "),
            "{e}"
        );
        let e = err("a: {n: 1, s: hayır}\n");
        assert_eq!(e.message, "`a.s` evet olmalı");
        // Syntax, read before any type: the document taken as anything.
        let err =
            |text: &str| parse_document::<serde::de::IgnoredAny>("x.yaml", text).expect_err(text);
        let e = err("a: b: c\n");
        assert!(
            e.message
                .starts_with("YAML yazımı bozuk (mapping values are not allowed"),
            "{e}"
        );
        let e = err("a: {n: 1, s: [}\n");
        assert!(
            e.message
                .starts_with("YAML yazımı bozuk (did not find expected"),
            "{e}"
        );
        let e = err("a: {n: 1, s: @}\n");
        assert!(
            e.message.starts_with("YAML yazımı bozuk (found character"),
            "{e}"
        );
        let e = err("a:\n  n: 1\n b: 2\n");
        assert!(e.message.starts_with("YAML yazımı bozuk ("), "{e}");
        assert!(e.line.is_some(), "{e}");
    }

    #[test]
    fn the_report_year_of_the_command_line_is_checked_too() {
        let years = parse_settings("kurum.yaml", KURUM).expect("valid").years;
        let moved = years.with_report_year(2027).expect("2027");
        assert_eq!((moved.report, moved.program), (2027, 2028));
        for year in [i32::MAX, i32::MIN, 1899] {
            let e = years.with_report_year(year).expect_err("not a year");
            assert!(
                e.message.starts_with("`--yil` geçerli bir yıl değil"),
                "{e}"
            );
        }
        let e = years.with_report_year(2100).expect_err("program year 2101");
        assert!(
            e.message
                .starts_with("`--yil` ile Performans Programı yılı geçerli bir yıl değil: 2101"),
            "{e}"
        );
    }
}
