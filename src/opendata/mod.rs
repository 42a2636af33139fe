//! Open data: the checked model as a Frictionless Tabular Data Package — `datapackage.json`
//! (a Table Schema for every resource, with Turkish titles and descriptions) and one CSV per
//! resource — written to `<output>/acik-veri/` by every `derle`, and attached to the Faaliyet
//! Raporu (`pdf.attach`, relationship `data`) by [`crate::publish`].
//!
//! Machine conventions, not print conventions: UTF-8 without a byte order mark, comma-separated
//! (RFC 4180 quoting, CRLF line ends), `.` as the decimal point and no thousands separator
//! (Rust's shortest exact form of the number), ISO dates (`2025-10-21`), an empty field for a
//! missing value. Rows come in the model's stable order (codes naturally sorted, then year and
//! period; the budget by directorate in kurum.yaml order, year, economic code), so the same
//! model gives the same bytes. Rows a check rejected are not in the model and so not here; a
//! value a council decision changed is published as changed, with the decision's number in the
//! row's `karar_no` column (and the decision itself in `kararlar.csv`).
//!
//! [`package`] only computes (no file is touched); [`write`] writes the files atomically.

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::config::Settings;
use crate::model::{economic_code_name, revenue_code_name, Model, Sourced};
use crate::output::{write_atomic, WriteError};
use crate::performance::{budget_rate, indicator_rate_in};
use crate::text::format::rounded_ratio;

/// The folder of the output (and of `kaynak/`, and the virtual folder of the Faaliyet Raporu's
/// attachments) that holds the package.
pub const FOLDER: &str = "acik-veri";

/// The package descriptor's file name.
pub const DESCRIPTOR: &str = "datapackage.json";

/// One file of the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// The file name inside [`FOLDER`]: `gostergeler.csv`, `datapackage.json`.
    pub name: String,
    /// `text/csv` or `application/json`.
    pub mediatype: &'static str,
    /// What the file holds, in Turkish (the attachment's description in the PDF).
    pub description: String,
    pub bytes: Vec<u8>,
}

/// The whole package: the descriptor first, then one CSV per resource in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenData {
    pub files: Vec<DataFile>,
}

/// The package could not be made: a CSV or the descriptor could not be serialised (a bug: both
/// are written to memory).
#[derive(Debug, thiserror::Error)]
pub enum OpenDataError {
    #[error("açık veri CSV dosyası hazırlanamadı: {0}")]
    Csv(#[from] csv::Error),
    #[error("açık veri CSV dosyası hazırlanamadı: {0}")]
    CsvBuffer(String),
    #[error("datapackage.json hazırlanamadı: {0}")]
    Json(#[from] serde_json::Error),
}

/// A Table Schema field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Number,
    Year,
    Date,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Number => "number",
            Kind::Year => "year",
            Kind::Date => "date",
        }
    }
}

/// A column: its name, type, Turkish title and description, and whether it is never empty.
struct Field {
    name: String,
    kind: Kind,
    title: String,
    description: String,
    required: bool,
}

fn field(name: &str, kind: Kind, title: &str, description: &str) -> Field {
    Field {
        name: name.to_string(),
        kind,
        title: title.to_string(),
        description: description.to_string(),
        required: false,
    }
}

/// A field that is never empty.
fn required(name: &str, kind: Kind, title: &str, description: &str) -> Field {
    Field {
        required: true,
        ..field(name, kind, title, description)
    }
}

/// The decision column every table that holds amendable values has.
fn decision_field() -> Field {
    field(
        "karar_no",
        Kind::String,
        "Değişiklik kararı",
        "Bu satırdaki bir değeri değiştiren meclis/encümen kararlarının numaraları (`; ` ile ayrılmış); boşsa değerler birimin çalışma kitabında yazıldığı gibidir. Kararlar kararlar.csv dosyasındadır.",
    )
}

/// A reference from some columns of a table to the key of another.
struct ForeignKey {
    fields: Vec<&'static str>,
    resource: &'static str,
    reference: Vec<&'static str>,
}

/// One resource: a CSV and its schema.
struct Table {
    name: &'static str,
    title: String,
    description: String,
    fields: Vec<Field>,
    primary_key: Vec<&'static str>,
    foreign_keys: Vec<ForeignKey>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    fn csv(&self) -> Result<Vec<u8>, OpenDataError> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer.write_record(self.fields.iter().map(|f| f.name.as_str()))?;
        for row in &self.rows {
            writer.write_record(row)?;
        }
        writer
            .into_inner()
            .map_err(|e| OpenDataError::CsvBuffer(e.error().to_string()))
    }

    fn schema(&self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                let mut v = json!({
                    "name": f.name,
                    "type": f.kind.name(),
                    "title": f.title,
                    "description": f.description,
                });
                if f.required {
                    v["constraints"] = json!({"required": true});
                }
                v
            })
            .collect();
        let mut schema = Map::new();
        schema.insert("fields".into(), Value::Array(fields));
        schema.insert("missingValues".into(), json!([""]));
        if !self.primary_key.is_empty() {
            schema.insert("primaryKey".into(), json!(self.primary_key));
        }
        if !self.foreign_keys.is_empty() {
            let keys: Vec<Value> = self
                .foreign_keys
                .iter()
                .map(|k| {
                    json!({
                        "fields": k.fields,
                        "reference": {"resource": k.resource, "fields": k.reference},
                    })
                })
                .collect();
            schema.insert("foreignKeys".into(), Value::Array(keys));
        }
        Value::Object(schema)
    }
}

// ---------------------------------------------------------------------------------------
// Values as machine text

/// A number as data: the shortest text that reads back as exactly this `f64`, `.` decimal
/// point, no exponent, no thousands separator; `-0` is `0`.
fn number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    format!("{x}")
}

fn opt_number(x: Option<f64>) -> String {
    x.map(number).unwrap_or_default()
}

fn opt_text(x: &Option<String>) -> String {
    x.as_deref().map(str::trim).unwrap_or_default().to_string()
}

fn list(items: &[String]) -> String {
    items.join("; ")
}

/// A rate as the books print it (one decimal), as data: `77.5`.
fn rate(x: f64) -> String {
    number(rounded_ratio(x))
}

/// The decisions that changed any of a row's values, in order, each once.
#[derive(Default)]
struct Decisions(Vec<String>);

impl Decisions {
    fn of<T>(mut self, value: &Sourced<T>) -> Decisions {
        if let Some(d) = &value.changed_by {
            if !self.0.contains(d) {
                self.0.push(d.clone());
            }
        }
        self
    }

    fn text(mut self) -> String {
        self.0.sort();
        self.0.join("; ")
    }
}

// ---------------------------------------------------------------------------------------
// The resources

fn goals(model: &Model) -> Table {
    Table {
        name: "amaclar",
        title: "Amaçlar".into(),
        description: "Stratejik planın amaçları (plan.yaml).".into(),
        fields: vec![
            required("kod", Kind::String, "Amaç kodu", "A1, A2, …"),
            required("ad", Kind::String, "Amaç", "Amacın metni."),
        ],
        primary_key: vec!["kod"],
        foreign_keys: Vec::new(),
        rows: model
            .goals
            .iter()
            .map(|g| vec![g.code.clone(), g.name.clone()])
            .collect(),
    }
}

fn objectives(model: &Model) -> Table {
    let rows = model
        .objectives()
        .map(|o| {
            let decisions = Decisions::default()
                .of(&o.name)
                .of(&o.responsible)
                .of(&o.cooperating)
                .of(&o.risks)
                .of(&o.strategies)
                .of(&o.observations)
                .of(&o.needs)
                .of(&o.cost_estimate);
            vec![
                o.code.clone(),
                o.goal.clone(),
                o.name.value.clone(),
                o.responsible.value.clone(),
                list(&o.cooperating.value),
                list(&o.risks.value),
                list(&o.strategies.value),
                list(&o.observations.value),
                list(&o.needs.value),
                opt_number(o.cost_estimate.value),
                decisions.text(),
            ]
        })
        .collect();
    Table {
        name: "hedefler",
        title: "Hedefler".into(),
        description:
            "Stratejik planın hedefleri ve hedef kartı bilgileri (plan.yaml ve meclis kararları)."
                .into(),
        fields: vec![
            required("kod", Kind::String, "Hedef kodu", "H1.1, H1.2, …"),
            required(
                "amac_kodu",
                Kind::String,
                "Amaç kodu",
                "Hedefin bağlı olduğu amaç (amaclar.csv).",
            ),
            required("ad", Kind::String, "Hedef", "Hedefin metni."),
            field(
                "sorumlu_birim",
                Kind::String,
                "Sorumlu birim",
                "Hedeften sorumlu müdürlük.",
            ),
            field(
                "isbirligi_birimleri",
                Kind::String,
                "İşbirliği yapılacak birimler",
                "`; ` ile ayrılmış liste.",
            ),
            field(
                "riskler",
                Kind::String,
                "Riskler",
                "`; ` ile ayrılmış liste.",
            ),
            field(
                "stratejiler",
                Kind::String,
                "Stratejiler",
                "`; ` ile ayrılmış liste.",
            ),
            field(
                "tespitler",
                Kind::String,
                "Tespitler",
                "`; ` ile ayrılmış liste.",
            ),
            field(
                "ihtiyaclar",
                Kind::String,
                "İhtiyaçlar",
                "`; ` ile ayrılmış liste.",
            ),
            field(
                "maliyet_tahmini",
                Kind::Number,
                "Maliyet tahmini (TL)",
                "Hedefin plan dönemi için tahmini maliyeti, Türk lirası.",
            ),
            decision_field(),
        ],
        primary_key: vec!["kod"],
        foreign_keys: vec![ForeignKey {
            fields: vec!["amac_kodu"],
            resource: "amaclar",
            reference: vec!["kod"],
        }],
        rows,
    }
}

fn indicators(model: &Model) -> Table {
    let years: Vec<i32> = (model.years.plan_start..=model.years.plan_end).collect();
    let mut fields = vec![
        required("kod", Kind::String, "Gösterge kodu", "PG1.1.1, PG1.1.2, …"),
        required("hedef_kodu", Kind::String, "Hedef kodu", "Göstergenin bağlı olduğu hedef (hedefler.csv)."),
        required("ad", Kind::String, "Performans göstergesi", "Göstergenin adı."),
        required("olcu_birimi", Kind::String, "Ölçü birimi", "Sayı, Yüzde, TL, km, …"),
        required("yon", Kind::String, "Göstergenin yönü", "Artış, Azalış ya da Artış/Azalış."),
        required("hedefe_etkisi", Kind::Number, "Hedefe etkisi (%)", "Göstergenin hedefin gerçekleşme oranındaki ağırlığı, yüzde (bir hedefin göstergelerinde toplam 100)."),
        field("baslangic_degeri", Kind::Number, "Plan dönemi başlangıç değeri", "Göstergenin plan dönemi başındaki değeri, ölçü biriminde."),
    ];
    for y in &years {
        fields.push(field(
            &format!("hedef_{y}"),
            Kind::Number,
            &format!("{y} hedefi"),
            &format!("Göstergenin {y} yılı için hedeflenen değeri (plan başından birikimli), ölçü biriminde."),
        ));
    }
    fields.extend([
        required(
            "izleme_sikligi",
            Kind::String,
            "İzleme sıklığı",
            "Aylık, 3 Ay, 6 Ay ya da Yıllık.",
        ),
        required(
            "raporlama_sikligi",
            Kind::String,
            "Raporlama sıklığı",
            "Aylık, 3 Ay, 6 Ay ya da Yıllık.",
        ),
        required(
            "sorumlu_birim",
            Kind::String,
            "Sorumlu birim",
            "Göstergeyi çalışma kitabında yazan müdürlük.",
        ),
        field(
            "isbirligi_birimleri",
            Kind::String,
            "İşbirliği yapılacak birimler",
            "`; ` ile ayrılmış liste.",
        ),
        field(
            "aciklama",
            Kind::String,
            "Açıklama",
            "Birimin gösterge hakkındaki notu.",
        ),
        decision_field(),
    ]);
    let rows = model
        .indicators
        .iter()
        .map(|i| {
            let mut decisions = Decisions::default()
                .of(&i.objective)
                .of(&i.name)
                .of(&i.unit)
                .of(&i.direction)
                .of(&i.weight)
                .of(&i.baseline);
            let mut row = vec![
                i.code.clone(),
                i.objective.value.clone(),
                i.name.value.clone(),
                i.unit.value.clone(),
                i.direction.value.label().to_string(),
                number(i.weight.value),
                opt_number(i.baseline.value),
            ];
            for y in &years {
                match i.targets.get(y) {
                    Some(t) => {
                        decisions = decisions.of(t);
                        row.push(opt_number(t.value));
                    }
                    None => row.push(String::new()),
                }
            }
            row.extend([
                i.monitoring.value.label().to_string(),
                i.reporting.value.label().to_string(),
                i.directorate.clone(),
                list(&i.cooperating.value),
                opt_text(&i.note.value),
                decisions.text(),
            ]);
            row
        })
        .collect();
    Table {
        name: "gostergeler",
        title: "Performans göstergeleri".into(),
        description: format!(
            "Stratejik planın performans göstergeleri, {}–{} plan yıllarının hedefleriyle (müdürlüklerin Göstergeler sayfaları ve meclis kararları).",
            model.years.plan_start, model.years.plan_end
        ),
        fields,
        primary_key: vec!["kod"],
        foreign_keys: vec![ForeignKey {
            fields: vec!["hedef_kodu"],
            resource: "hedefler",
            reference: vec!["kod"],
        }],
        rows,
    }
}

fn actuals(model: &Model) -> Table {
    let mut rows = Vec::new();
    for i in &model.indicators {
        let mut list: Vec<_> = i.actuals.iter().collect();
        list.sort_by_key(|a| (a.year, a.period));
        for a in list {
            let target = i.targets.get(&a.year);
            let outcome = indicator_rate_in(i, a.year, a.period);
            let decisions = Decisions::default()
                .of(&a.value)
                .of(&a.deviation_reason)
                .of(&a.data_source)
                .of(&i.baseline)
                .of(&i.weight);
            let decisions = match target {
                Some(t) => decisions.of(t),
                None => decisions,
            };
            rows.push(vec![
                i.code.clone(),
                a.year.to_string(),
                a.period.label().to_string(),
                number(a.value.value),
                opt_number(i.baseline.value),
                opt_number(target.and_then(|t| t.value)),
                outcome.rate().map(rate).unwrap_or_default(),
                opt_text(&a.deviation_reason.value),
                opt_text(&a.data_source.value),
                i.directorate.clone(),
                decisions.text(),
            ]);
        }
    }
    Table {
        name: "gerceklesmeler",
        title: "Gösterge gerçekleşmeleri".into(),
        description: "Performans göstergelerinin yıl ve dönem gerçekleşmeleri, gerçekleşme oranlarıyla (müdürlüklerin Gerçekleşmeler sayfaları).".into(),
        fields: vec![
            required("gosterge_kodu", Kind::String, "Gösterge kodu", "Gerçekleşmenin göstergesi (gostergeler.csv)."),
            required("yil", Kind::Year, "Yıl", "Gerçekleşmenin yılı."),
            required("donem", Kind::String, "Dönem", "1. İzleme (ilk altı ay) ya da Yıl Sonu."),
            required("gerceklesen_deger", Kind::Number, "Gerçekleşen değer", "Dönem sonundaki değer (plan başından birikimli), ölçü biriminde."),
            field("baslangic_degeri", Kind::Number, "Plan dönemi başlangıç değeri", "Oranın hesabında kullanılan başlangıç değeri (A)."),
            field("yil_hedefi", Kind::Number, "Yıl hedefi", "Oranın hesabında kullanılan, gerçekleşmenin yılına ait hedef (Y)."),
            field("gerceklesme_orani", Kind::Number, "Gerçekleşme oranı (%)", "(X − A) / (Y − A) × 100 (hedef başlangıca eşitse göstergenin yönüne göre), bir ondalığa yuvarlanmış: Yıl Sonu satırlarında Faaliyet Raporunun Performans Sonuçları Tablosunda basılan oran, 1. İzleme satırlarında İzleme Raporunun yıl hedefine göre ilerleme oranı; başlangıç değeri ya da yıl hedefi yoksa boş."),
            field("sapma_nedeni", Kind::String, "Sapma nedeni", "Birimin sapma açıklaması."),
            field("veri_kaynagi", Kind::String, "Veri kaynağı", "Değerin alındığı kaynak."),
            required("sorumlu_birim", Kind::String, "Sorumlu birim", "Göstergenin müdürlüğü."),
            decision_field(),
        ],
        primary_key: vec!["gosterge_kodu", "yil", "donem"],
        foreign_keys: vec![ForeignKey {
            fields: vec!["gosterge_kodu"],
            resource: "gostergeler",
            reference: vec!["kod"],
        }],
        rows,
    }
}

fn activities(model: &Model) -> Table {
    let rows = model
        .activities
        .iter()
        .map(|a| {
            let decisions = Decisions::default()
                .of(&a.objective)
                .of(&a.name)
                .of(&a.budget)
                .of(&a.off_budget)
                .of(&a.expenditure)
                .of(&a.status)
                .of(&a.note);
            vec![
                a.code.clone(),
                a.year.to_string(),
                a.kind.label().to_string(),
                a.objective.value.clone(),
                a.name.value.clone(),
                a.directorate.clone(),
                number(a.budget.value),
                number(a.off_budget.value),
                opt_number(a.expenditure.value),
                a.status
                    .value
                    .map(|s| s.label().to_string())
                    .unwrap_or_default(),
                opt_text(&a.note.value),
                decisions.text(),
            ]
        })
        .collect();
    Table {
        name: "faaliyetler",
        title: "Faaliyet ve projeler".into(),
        description: "Hedeflere bağlı faaliyet ve projeler, yıl yıl maliyetleriyle (müdürlüklerin Faaliyetler sayfaları ve meclis kararları).".into(),
        fields: vec![
            required("kod", Kind::String, "Faaliyet kodu", "F1.1.1, P1.1.1, …"),
            required("yil", Kind::Year, "Yıl", "Faaliyetin yılı."),
            required("tur", Kind::String, "Türü", "Faaliyet ya da Proje."),
            required("hedef_kodu", Kind::String, "Hedef kodu", "Faaliyetin bağlı olduğu hedef (hedefler.csv)."),
            required("ad", Kind::String, "Faaliyet/proje adı", "Faaliyetin adı."),
            required("sorumlu_birim", Kind::String, "Sorumlu birim", "Faaliyeti çalışma kitabında yazan müdürlük."),
            required("butce", Kind::Number, "Bütçe (TL)", "Bütçeden ayrılan tutar, Türk lirası."),
            required("butce_disi", Kind::Number, "Bütçe dışı (TL)", "Bütçe dışı kaynaklardan tutar, Türk lirası."),
            field("gerceklesen", Kind::Number, "Gerçekleşen (TL)", "Harcanan tutar, Türk lirası; yazılmadıysa boş."),
            field("durum", Kind::String, "Durum", "Planlandı, Devam Ediyor, Tamamlandı, Ertelendi ya da İptal."),
            field("aciklama", Kind::String, "Açıklama", "Birimin notu."),
            decision_field(),
        ],
        primary_key: vec!["kod", "yil"],
        foreign_keys: vec![ForeignKey {
            fields: vec!["hedef_kodu"],
            resource: "hedefler",
            reference: vec!["kod"],
        }],
        rows,
    }
}

fn budget(model: &Model) -> Table {
    let rows = model
        .budget
        .iter()
        .map(|l| {
            let decisions = Decisions::default()
                .of(&l.initial_appropriation)
                .of(&l.total_appropriation)
                .of(&l.expenditure)
                .of(&l.explanation);
            let rate_text = match l.expenditure.value {
                Some(x) if l.total_appropriation.value > 0.0 => {
                    rate(budget_rate(x, l.total_appropriation.value))
                }
                _ => String::new(),
            };
            vec![
                l.directorate.clone(),
                l.year.to_string(),
                l.economic_code.clone(),
                economic_code_name(&l.economic_code).to_string(),
                number(l.initial_appropriation.value),
                number(l.total_appropriation.value),
                opt_number(l.expenditure.value),
                rate_text,
                opt_text(&l.explanation.value),
                decisions.text(),
            ]
        })
        .collect();
    Table {
        name: "butce",
        title: "Gider bütçesi".into(),
        description: "Müdürlüklerin ekonomik koda göre ödenek ve harcamaları (müdürlüklerin Bütçe sayfaları).".into(),
        fields: vec![
            required("birim", Kind::String, "Birim", "Harcama birimi (müdürlük)."),
            required("yil", Kind::Year, "Yıl", "Bütçe yılı."),
            required("ekonomik_kod", Kind::String, "Ekonomik kod", "Birinci düzey ekonomik kod, 01–09."),
            required("ekonomik_kod_adi", Kind::String, "Ekonomik kodun adı", "Personel Giderleri, Mal ve Hizmet Alım Giderleri, …"),
            required("baslangic_odenegi", Kind::Number, "Başlangıç ödeneği (TL)", "Yılbaşındaki ödenek, Türk lirası."),
            required("toplam_odenek", Kind::Number, "Toplam ödenek (TL)", "Eklemeler ve düşmelerle yıl sonu ödeneği, Türk lirası."),
            field("harcama", Kind::Number, "Harcama (TL)", "Yapılan harcama, Türk lirası; yazılmadıysa boş."),
            field("gerceklesme_orani", Kind::Number, "Gerçekleşme oranı (%)", "Harcama / Toplam ödenek × 100, bir ondalığa yuvarlanmış; harcama yoksa ya da ödenek sıfırsa boş."),
            field("aciklama", Kind::String, "Açıklama", "Harcamanın ödenekten sapmasının nedeni."),
            decision_field(),
        ],
        primary_key: vec!["birim", "yil", "ekonomik_kod"],
        foreign_keys: Vec::new(),
        rows,
    }
}

/// The finance sheets the model has (a sheet not sent, or not usable, has no resource).
fn finance(model: &Model) -> Vec<Table> {
    let mut tables = Vec::new();
    let f = &model.finance;
    if let Some(sheet) = &f.revenue {
        tables.push(Table {
            name: "gelirler",
            title: "Gelir bütçesi".into(),
            description: format!("Ekonomik koda göre gelir tahmini ve tahsilatı ({} › {}). 09 Red ve İadeler pozitif yazılır, toplamlarda çıkarılır.", sheet.file, sheet.sheet),
            fields: vec![
                required("yil", Kind::Year, "Yıl", "Bütçe yılı."),
                required("ekonomik_kod", Kind::String, "Ekonomik kod", "Birinci düzey gelir kodu: 01–06, 08, 09."),
                required("ekonomik_kod_adi", Kind::String, "Ekonomik kodun adı", "Vergi Gelirleri, …, Red ve İadeler."),
                required("butce_tahmini", Kind::Number, "Bütçe tahmini (TL)", "Türk lirası."),
                field("tahsilat", Kind::Number, "Tahsilat (TL)", "Türk lirası; yazılmadıysa boş."),
                field("aciklama", Kind::String, "Açıklama", "Tahsilatın tahminden sapmasının nedeni."),
                decision_field(),
            ],
            primary_key: vec!["yil", "ekonomik_kod"],
            foreign_keys: Vec::new(),
            rows: sheet
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.year.to_string(),
                        r.economic_code.clone(),
                        revenue_code_name(&r.economic_code).to_string(),
                        number(r.estimate.value),
                        opt_number(r.collected.value),
                        opt_text(&r.explanation.value),
                        Decisions::default()
                            .of(&r.estimate)
                            .of(&r.collected)
                            .of(&r.explanation)
                            .text(),
                    ]
                })
                .collect(),
        });
    }
    if let Some(sheet) = &f.debts {
        tables.push(Table {
            name: "borclar",
            title: "Borç durumu".into(),
            description: format!("Rapor yılının başında ve sonunda borçlar, kalem ve vadeye göre ({} › {}; 5393 s. Kanun md. 56).", sheet.file, sheet.sheet),
            fields: vec![
                required("kalem", Kind::String, "Borç kalemi", "Alacaklı ya da borç türü."),
                required("vade", Kind::String, "Vade", "Kısa Vadeli ya da Uzun Vadeli."),
                required("yil_basi", Kind::Number, "Yıl başı (TL)", "1 Ocak'taki borç, Türk lirası."),
                required("yil_sonu", Kind::Number, "Yıl sonu (TL)", "31 Aralık'taki borç, Türk lirası."),
                field("aciklama", Kind::String, "Açıklama", "Not."),
                decision_field(),
            ],
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            rows: sheet
                .rows
                .iter()
                .map(|d| {
                    vec![
                        d.item.value.clone(),
                        d.term.value.label().to_string(),
                        number(d.start_of_year.value),
                        number(d.end_of_year.value),
                        opt_text(&d.note.value),
                        Decisions::default()
                            .of(&d.item)
                            .of(&d.term)
                            .of(&d.start_of_year)
                            .of(&d.end_of_year)
                            .of(&d.note)
                            .text(),
                    ]
                })
                .collect(),
        });
    }
    if let Some(sheet) = &f.affiliates {
        tables.push(Table {
            name: "istirakler",
            title: "Bağlı kuruluş, işletme ve ortaklıklar".into(),
            description: format!("Belediyenin bağlı kuruluş, işletme, şirket ve birlikleri ({} › {}; 5393 s. Kanun md. 56). Hiç yoksa dosya yalnız başlık satırıdır.", sheet.file, sheet.sheet),
            fields: vec![
                required("ad", Kind::String, "Adı", "Kuruluşun adı."),
                required("tur", Kind::String, "Türü", "Bağlı Kuruluş, İşletme, Şirket ya da Birlik."),
                field("faaliyet_alani", Kind::String, "Faaliyet alanı", "Kuruluşun işi."),
                field("sermaye", Kind::Number, "Sermaye (TL)", "Türk lirası."),
                field("belediye_payi", Kind::Number, "Belediye payı (%)", "Belediyenin sermayedeki payı, yüzde."),
                field("yil_sonucu", Kind::Number, "Yıl sonucu (TL)", "Dönem kârı, zararda eksi; Türk lirası."),
                field("aciklama", Kind::String, "Açıklama", "Not."),
                decision_field(),
            ],
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            rows: sheet
                .rows
                .iter()
                .map(|a| {
                    vec![
                        a.name.value.clone(),
                        a.kind.value.label().to_string(),
                        opt_text(&a.field.value),
                        opt_number(a.capital.value),
                        opt_number(a.share.value),
                        opt_number(a.result.value),
                        opt_text(&a.note.value),
                        Decisions::default()
                            .of(&a.name)
                            .of(&a.kind)
                            .of(&a.field)
                            .of(&a.capital)
                            .of(&a.share)
                            .of(&a.result)
                            .of(&a.note)
                            .text(),
                    ]
                })
                .collect(),
        });
    }
    if let Some(sheet) = &f.transfers {
        tables.push(Table {
            name: "transferler",
            title: "Diğer idarelere yapılan transferler".into(),
            description: format!(
                "Başka kamu kurum ve birliklerine aktarılan kaynaklar ({} › {}).",
                sheet.file, sheet.sheet
            ),
            fields: vec![
                required("yil", Kind::Year, "Yıl", "Transferin yılı."),
                required(
                    "alici_kurum",
                    Kind::String,
                    "Alıcı kurum",
                    "Kaynağı alan kurum ya da birlik.",
                ),
                required("tutar", Kind::Number, "Tutar (TL)", "Türk lirası."),
                field(
                    "aciklama",
                    Kind::String,
                    "Açıklama",
                    "Dayanağı (karar ya da kanun).",
                ),
                decision_field(),
            ],
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            rows: sheet
                .rows
                .iter()
                .map(|t| {
                    vec![
                        t.year.to_string(),
                        t.recipient.value.clone(),
                        number(t.amount.value),
                        opt_text(&t.note.value),
                        Decisions::default()
                            .of(&t.recipient)
                            .of(&t.amount)
                            .of(&t.note)
                            .text(),
                    ]
                })
                .collect(),
        });
    }
    tables
}

fn decisions(model: &Model) -> Table {
    let mut list: Vec<_> = model.decisions.iter().collect();
    list.sort_by(|a, b| (a.date, &a.number).cmp(&(b.date, &b.number)));
    Table {
        name: "kararlar",
        title: "Meclis ve encümen kararları".into(),
        description:
            "Verileri değiştiren kararlar (degisiklikler/); karar_no sütunları bu dosyaya başvurur."
                .into(),
        fields: vec![
            required("karar_no", Kind::String, "Karar no", "2025/127 gibi."),
            required(
                "organ",
                Kind::String,
                "Karar organı",
                "Meclis ya da Encümen.",
            ),
            required(
                "tarih",
                Kind::Date,
                "Karar tarihi",
                "ISO 8601 tarih (YYYY-AA-GG).",
            ),
            field("gerekce", Kind::String, "Gerekçe", "Kararın gerekçesi."),
        ],
        primary_key: vec!["karar_no"],
        foreign_keys: Vec::new(),
        rows: list
            .into_iter()
            .map(|d| {
                vec![
                    d.number.clone(),
                    d.organ.clone(),
                    d.date.to_string(),
                    d.reason.trim().to_string(),
                ]
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// The package

/// A package name of lower-case ASCII letters, digits and `-` (the Data Package pattern):
/// `palandoken-belediyesi-2025`.
fn slug(text: &str, year: i32) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            'ç' | 'Ç' => 'c',
            'ğ' | 'Ğ' => 'g',
            'ı' | 'I' | 'İ' | 'i' => 'i',
            'ö' | 'Ö' => 'o',
            'ş' | 'Ş' => 's',
            'ü' | 'Ü' => 'u',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    let base = out.trim_end_matches('-');
    if base.is_empty() {
        format!("kitap-{year}")
    } else {
        format!("{base}-{year}")
    }
}

/// The package of a checked model: `datapackage.json` and the CSVs, in memory. `created` is the
/// build's fixed date (RFC 3339), the same the PDFs carry; left out when there is none.
pub fn package(
    model: &Model,
    settings: &Settings,
    created: Option<&str>,
) -> Result<OpenData, OpenDataError> {
    let mut tables = vec![
        goals(model),
        objectives(model),
        indicators(model),
        actuals(model),
        activities(model),
        budget(model),
    ];
    tables.extend(finance(model));
    tables.push(decisions(model));

    let institution = &settings.institution.name;
    let t = settings.years.report;
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for table in &tables {
        let bytes = table.csv()?;
        resources.push(json!({
            "profile": "tabular-data-resource",
            "name": table.name,
            "path": table.file_name(),
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": bytes.len(),
            "dialect": {
                "delimiter": ",",
                "lineTerminator": "\r\n",
                "quoteChar": "\"",
                "doubleQuote": true,
                "header": true,
            },
            "schema": table.schema(),
        }));
        files.push(DataFile {
            name: table.file_name(),
            mediatype: "text/csv",
            description: format!("{}: {}", table.title, table.description),
            bytes,
        });
    }
    let descriptor = json!({
        "profile": "tabular-data-package",
        "name": slug(institution, t),
        "title": format!("{institution} {t} yılı açık verileri"),
        "description": format!(
            "{institution} stratejik planının ({}–{}) amaç, hedef ve performans göstergeleri, gösterge gerçekleşmeleri, faaliyetler, bütçe ve mali bilgiler; {t} yılı Faaliyet Raporunun verileri. kitap ile müdürlüklerin çalışma kitaplarından ve meclis kararlarından üretilmiştir. Sayılarda ondalık ayırıcı nokta, tarihler ISO 8601 (YYYY-AA-GG), tutarlar Türk lirasıdır.",
            settings.years.plan_start, settings.years.plan_end
        ),
        "contributors": [{"title": institution, "role": "publisher"}],
        "keywords": ["stratejik plan", "performans programı", "faaliyet raporu", "performans göstergeleri", "bütçe"],
        "resources": resources,
    });
    let mut descriptor = descriptor;
    if let Some(created) = created {
        descriptor["created"] = json!(created);
    }
    let mut text = serde_json::to_string_pretty(&descriptor)?;
    text.push('\n');
    files.insert(
        0,
        DataFile {
            name: DESCRIPTOR.to_string(),
            mediatype: "application/json",
            description: "Veri paketinin tanımı (Frictionless Data Package): her CSV dosyasının sütunları, türleri ve açıklamaları.".to_string(),
            bytes: text.into_bytes(),
        },
    );
    Ok(OpenData { files })
}

/// Writes every file of the package into `<out_dir>/acik-veri/`, each atomically. A file of an
/// earlier build that the package no longer has (a finance sheet no longer sent) is removed.
pub fn write(data: &OpenData, out_dir: &Path) -> Result<(), WriteError> {
    let folder = out_dir.join(FOLDER);
    for file in &data.files {
        write_atomic(&folder.join(&file.name), &file.bytes)?;
    }
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = data.files.iter().any(|f| f.name == name);
            if !ours && name.ends_with(".csv") {
                std::fs::remove_file(entry.path()).map_err(|source| WriteError {
                    path: entry.path(),
                    source,
                })?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_machine_text() {
        assert_eq!(number(1234567.89), "1234567.89");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(150.0), "150");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(rate(77.45), "77.5");
        assert_eq!(rate(99.96), "100");
    }

    #[test]
    fn the_package_name_is_ascii() {
        assert_eq!(
            slug("Palandöken Belediyesi", 2025),
            "palandoken-belediyesi-2025"
        );
        assert_eq!(slug("İĞDIR (Merkez)", 2025), "igdir-merkez-2025");
        assert_eq!(slug("漢", 2025), "kitap-2025");
    }
}
