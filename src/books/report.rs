//! The Faaliyet Raporu's own data (report year t): the directorates, the budget results, the
//! activities, the performance results, the declarations, and the amendments that touch these
//! tables.

use serde::Serialize;

use super::book::Book;
use super::common::{
    activity_cell, activity_spent, activity_status, amendment_annex, deviation_reason_cell, empty,
    indicator_cell, num, objective_cell, opt_num, percent, rate, unique, AnnexScope, BookInput,
    Common, RateBar, Sum, NO_DATA,
};
use super::marks::{Cell, MarkedCell, Marks};
use crate::model::{BudgetLine, Indicator, Model, Period, ECONOMIC_CODES};
use crate::performance::{indicator_rate, objective_rate, RateOutcome, Why};

/// The context of `faaliyet-raporu.typ.j2`.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityReportContext {
    /// `degisiklikler`: the amendments that touch this report's tables.
    #[serde(flatten)]
    pub common: Common,
    /// The directorates and their harcama yetkilileri.
    pub birimler: Vec<DirectorateEntry>,
    /// Bütçe Uygulama Sonuçları.
    pub butce: BudgetResults,
    /// Faaliyet ve Proje Bilgileri: per directorate with activities in t.
    pub faaliyet_birimleri: Vec<ActivityTable>,
    /// A Performans Sonuçları Tablosu per hedef.
    pub sonuc_tablolari: Vec<ResultTable>,
    /// A bar per hedef: its realisation in t.
    pub gerceklesme_grafigi: Vec<RateBar>,
    /// IV's subsections (Üstünlükler, Zayıflıklar, Değerlendirme) that
    /// `metinler/kurumsal-kabiliyet.typ` lacks: each gets its heading and a placeholder (Y010).
    pub kurumsal_eksik: Vec<&'static str>,
    /// III.B's Performans Bilgi Sisteminin Değerlendirilmesi, from the check.
    pub bilgi_sistemi: InformationSystem,
    /// III.A after the expenditure tables: revenue, balance, debts, affiliates, transfers.
    pub mali: Box<super::finance::FinanceInfo>,
    /// The place and date of the declarations.
    pub beyan: Declaration,
    /// The files the PDF carries (`pdf.attach`, relationship `data`): the open data of
    /// `acik-veri/`. Empty here; the publishing stage fills it in when the book's PDF standard
    /// allows attachments and `cikti.veri_ekle` is not false.
    pub veri_ekleri: Vec<DataAttachment>,
}

/// A file attached to the PDF: its path in the book's file tree (and in `kaynak/`), its MIME
/// type and a Turkish description a PDF reader shows.
#[derive(Debug, Clone, Serialize)]
pub struct DataAttachment {
    pub yol: String,
    pub tur: String,
    pub aciklama: String,
}

/// Performans Bilgi Sisteminin Değerlendirilmesi: `[[etiket, değer], …]` about the plan's
/// indicators (how many, how many with a Yıl Sonu value and a Veri Kaynağı for t), the
/// findings of the check by letter, and whether `metinler/performans-bilgi-sistemi.typ` is
/// there (it follows the tables when present).
#[derive(Debug, Clone, Serialize)]
pub struct InformationSystem {
    pub gostergeler: Vec<(String, String)>,
    pub bulgular: Vec<FindingCount>,
    pub metin: bool,
}

/// The findings of one letter: the letter, what it checks, how many hata, uyarı, bilgi.
#[derive(Debug, Clone, Serialize)]
pub struct FindingCount {
    pub harf: &'static str,
    pub alan: &'static str,
    pub hata: String,
    pub uyari: String,
    pub bilgi: String,
}

/// The letters of the rule catalogue the section counts, with what they check.
const FINDING_LETTERS: [(&str, &str); 6] = [
    ("Y", "Dosyalar ve sayfalar"),
    ("D", "Veri değerleri"),
    ("G", "Göstergeler ve hedefler"),
    ("R", "Gerçekleşmeler ve sapmalar"),
    ("B", "Bütçe ve faaliyetler"),
    ("M", "Mali bilgiler"),
];

fn information_system(input: &BookInput, t: i32) -> InformationSystem {
    use crate::finding::Severity;
    let model = input.model;
    let total = model.indicators.len();
    let with_year_end = model
        .indicators
        .iter()
        .filter(|i| i.actual(t, Period::YearEnd).is_some())
        .count();
    let with_source = model
        .indicators
        .iter()
        .filter(|i| data_source(i, t).is_some())
        .count();
    let share = |n: usize| {
        if total == 0 {
            n.to_string()
        } else {
            format!("{n} ({})", percent(n as f64 / total as f64 * 100.0))
        }
    };
    let bulgular = FINDING_LETTERS
        .iter()
        .map(|(letter, what)| {
            let count = |sev: Severity| {
                input
                    .findings
                    .iter()
                    .filter(|f| f.code.as_str().starts_with(letter) && f.severity == sev)
                    .count()
                    .to_string()
            };
            FindingCount {
                harf: letter,
                alan: what,
                hata: count(Severity::Error),
                uyari: count(Severity::Warning),
                bilgi: count(Severity::Info),
            }
        })
        .collect();
    InformationSystem {
        gostergeler: vec![
            (
                "Stratejik plandaki performans göstergesi".to_string(),
                total.to_string(),
            ),
            (
                format!("{t} yılı Yıl Sonu değeri girilen"),
                share(with_year_end),
            ),
            (
                format!("{t} yılı veri kaynağı belirtilen"),
                share(with_source),
            ),
        ],
        bulgular,
        metin: input.narratives.contains("performans-bilgi-sistemi"),
    }
}

/// An indicator's Veri Kaynağı for year t: the Yıl Sonu row's, else the 1. İzleme row's.
fn data_source(i: &Indicator, t: i32) -> Option<&str> {
    [Period::YearEnd, Period::Interim]
        .into_iter()
        .find_map(|p| {
            i.actual(t, p)
                .and_then(|a| a.data_source.value.as_deref())
                .map(str::trim)
                .filter(|s| !s.is_empty())
        })
}

/// A directorate and its harcama yetkilisi: the row number as text, the rest as cells.
#[derive(Debug, Clone, Serialize)]
pub struct DirectorateEntry {
    pub sira: String,
    pub ad: MarkedCell,
    pub yetkili: MarkedCell,
    pub unvan: MarkedCell,
}

/// Bütçe Uygulama Sonuçları of year t: by economic code (all nine) and by directorate, with
/// totals, and the chart data.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetResults {
    pub ekonomik: Vec<EconomicBudgetRow>,
    pub ekonomik_toplam: BudgetCells,
    pub birimler: Vec<DirectorateBudgetRow>,
    pub birim_toplami: BudgetCells,
    /// Toplam Ödenek and Harcama per economic code that has an appropriation.
    pub grafik: Vec<BudgetBar>,
}

/// Başlangıç Ödeneği, Toplam Ödenek, Harcama and Gerçekleşme (%) as cells.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetCells {
    pub baslangic: MarkedCell,
    pub toplam: MarkedCell,
    pub harcama: MarkedCell,
    pub oran: MarkedCell,
}

/// A row of the table by economic code: code and name as text.
#[derive(Debug, Clone, Serialize)]
pub struct EconomicBudgetRow {
    pub kod: &'static str,
    pub ad: &'static str,
    #[serde(flatten)]
    pub tutarlar: BudgetCells,
}

/// A row of the table by directorate.
#[derive(Debug, Clone, Serialize)]
pub struct DirectorateBudgetRow {
    pub ad: MarkedCell,
    #[serde(flatten)]
    pub tutarlar: BudgetCells,
}

/// A group of the budget chart: `degerler` is Toplam Ödenek and Harcama. Printed whole:
/// alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetBar {
    pub aciklama: &'static str,
    pub degerler: [f64; 2],
    pub etiket: &'static str,
}

/// Faaliyet ve Proje Bilgileri of a directorate.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityTable {
    pub birim: MarkedCell,
    pub baslik: String,
    pub faaliyetler: Vec<ActivityInfo>,
    pub toplam: PlannedSpent,
}

/// An activity with Durum, planned (Bütçe + Bütçe Dışı) and realised cost.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityInfo {
    pub ad: MarkedCell,
    pub durum: MarkedCell,
    #[serde(flatten)]
    pub tutarlar: PlannedSpent,
}

/// Planned and realised cost.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedSpent {
    pub planlanan: MarkedCell,
    pub gerceklesen: MarkedCell,
}

/// A Performans Sonuçları Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct ResultTable {
    pub kod: String,
    pub baslik: String,
    pub hedef: MarkedCell,
    pub gostergeler: Vec<ResultRow>,
    /// The hedef's realisation, the last row.
    pub oran: MarkedCell,
    pub oran_etiketi: String,
    pub notlar: Vec<String>,
}

/// An indicator of a Performans Sonuçları Tablosu.
#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub ad: MarkedCell,
    pub etki: MarkedCell,
    pub baslangic: MarkedCell,
    pub hedef: MarkedCell,
    pub izleme: MarkedCell,
    pub yil_sonu: MarkedCell,
    pub oran: MarkedCell,
    pub sapma: MarkedCell,
}

/// `beyan`: the report year, the place (kurum.yaml's `il`, else `ilce`, else the short name),
/// the date (`beyan_tarihi`, else the line `…/…/<t+1>` for a hand-written date, Y012), the
/// institution, the sections of III.A without data.
#[derive(Debug, Clone, Serialize)]
pub struct Declaration {
    pub yil: String,
    pub yer: String,
    pub tarih: String,
    pub kurum: String,
    /// The III.A sections whose data was not sent (M002, M003): a boxed note under the Mali
    /// Hizmetler declaration names them; empty when the chapter is complete.
    pub eksik_bolumler: Vec<String>,
}

/// The fields without a year that the report's tables print.
const SHOWN_FIELDS: &[&str] = &[
    "Gösterge",
    "Faaliyet",
    "Gösterge adı",
    "Faaliyet adı",
    "Hedef",
    "Başlangıç değeri",
    "Hedefe etkisi (%)",
];

pub(crate) fn context(input: &BookInput, marks: &Marks) -> ActivityReportContext {
    let model = input.model;
    let settings = input.settings;
    let t = settings.years.report;
    let mut common = Common::new(Book::ActivityReport, input);
    common.degisiklikler = amendment_annex(
        model,
        AnnexScope::Year {
            year: t,
            fields: SHOWN_FIELDS,
        },
    );
    let cap = settings.rules.cap;
    let mut tables = Vec::new();
    let mut chart = Vec::new();
    for o in model.objectives() {
        let mut rate_marks = Cell::default();
        let rows = model
            .indicators_of(&o.code)
            .map(|i| result_row(marks, i, t, &mut rate_marks))
            .collect();
        let outcome = objective_rate(model, &o.code, t, cap);
        let mut notes = Vec::new();
        let (text, value, label) = match &outcome {
            RateOutcome::Rate(r) => (rate(*r), Some(*r), Some(percent(*r))),
            RateOutcome::Missing(why) => {
                notes.push(format!(
                    "{} hedefinin {t} yılı gerçekleşme oranı hesaplanamadı: {why}.",
                    o.code
                ));
                let text = if matches!(why, Why::NoIndicators) {
                    empty()
                } else {
                    NO_DATA.to_string()
                };
                (text, None, None)
            }
        };
        if cap.is_some_and(|c| {
            model
                .indicators_of(&o.code)
                .any(|i| indicator_rate(i, t).rate().is_some_and(|r| r > c))
        }) {
            notes.push(format!(
                "Hedefin gerçekleşme oranında göstergelerin oranı en çok %{} olarak hesaba katılmıştır.",
                num(cap.unwrap_or(100.0))
            ));
        }
        let sources: Vec<String> = model
            .indicators_of(&o.code)
            .map(|i| match data_source(i, t) {
                Some(s) => format!("{} {s}", i.code),
                None => format!("{} belirtilmedi", i.code),
            })
            .collect();
        if !sources.is_empty() {
            notes.push(format!("Veri kaynağı: {}.", sources.join("; ")));
        }
        unique(&mut notes);
        tables.push(ResultTable {
            kod: o.code.clone(),
            baslik: format!("{} Performans Sonuçları Tablosu", o.code),
            hedef: marks.value(&objective_cell(marks, o)),
            gostergeler: rows,
            oran: marks.value(&rate_marks.with_text(text)),
            oran_etiketi: format!("{} hedefinin gerçekleşme oranı", o.code),
            notlar: notes,
        });
        chart.push(RateBar {
            aciklama: o.name.value.clone(),
            deger: value,
            etiket: o.code.clone(),
            metin: label,
        });
    }
    let inst = &settings.institution;
    let place = inst
        .province
        .clone()
        .or_else(|| inst.district.clone())
        .or_else(|| inst.short_name.clone())
        .unwrap_or_else(|| inst.name.clone());
    ActivityReportContext {
        common,
        birimler: directorates(model, marks),
        butce: budget(model, marks, t),
        faaliyet_birimleri: activities(model, marks, t),
        sonuc_tablolari: tables,
        gerceklesme_grafigi: chart,
        mali: Box::new(super::finance::context(model, settings, marks, t)),
        bilgi_sistemi: information_system(input, t),
        kurumsal_eksik: super::book::capability_headings_missing(input.project_dir),
        beyan: Declaration {
            yil: t.to_string(),
            yer: place,
            tarih: match settings.declaration_date {
                Some(d) => crate::text::format::short_date(d),
                None => format!("…/…/{}", t + 1),
            },
            kurum: inst.name.clone(),
            eksik_bolumler: super::finance::missing_sections(model, t),
        },
        veri_ekleri: Vec::new(),
    }
}

fn directorates(model: &Model, marks: &Marks) -> Vec<DirectorateEntry> {
    model
        .directorates
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let text = |v: &Option<crate::model::Sourced<String>>| {
                v.as_ref()
                    .map(|s| s.value.as_str())
                    .filter(|s| !s.trim().is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(empty)
            };
            DirectorateEntry {
                sira: (k + 1).to_string(),
                ad: marks.value(&marks.directorate(&d.name, d.name.clone())),
                yetkili: marks.value(&Cell::new(text(&d.official))),
                unvan: marks.value(&Cell::new(text(&d.title))),
            }
        })
        .collect()
}

/// Başlangıç Ödeneği, Toplam Ödenek and Harcama of some budget lines.
#[derive(Default, Clone)]
struct Amounts {
    initial: Sum,
    total: Sum,
    spent: Sum,
}

impl Amounts {
    fn add(&mut self, l: &BudgetLine, marks: &Marks) {
        self.initial.add(
            l.initial_appropriation.value,
            &marks.sourced(&l.initial_appropriation, ""),
        );
        self.total.add(
            l.total_appropriation.value,
            &marks.sourced(&l.total_appropriation, ""),
        );
        match l.expenditure.value {
            Some(x) => self.spent.add(x, &marks.sourced(&l.expenditure, "")),
            None => self.spent.marks.absorb(&marks.sourced(&l.expenditure, "")),
        }
    }

    fn merge(&mut self, other: &Amounts) {
        self.initial.add_sum(&other.initial);
        self.total.add_sum(&other.total);
        self.spent.add_sum(&other.spent);
    }

    /// `{baslangic, toplam, harcama, oran}`; the rate is Harcama / Toplam Ödenek × 100, `—`
    /// when there is no appropriation or no expenditure.
    fn cells(&self, marks: &Marks) -> BudgetCells {
        let mut rate_cell = self.total.marks.clone();
        rate_cell.absorb(&self.spent.marks);
        let rate_text = if self.spent.any && self.total.any && self.total.value > 0.0 {
            rate(crate::performance::budget_rate(
                self.spent.value,
                self.total.value,
            ))
        } else {
            empty()
        };
        BudgetCells {
            baslangic: marks.value(&self.initial.cell()),
            toplam: marks.value(&self.total.cell()),
            harcama: marks.value(&self.spent.cell()),
            oran: marks.value(&rate_cell.with_text(rate_text)),
        }
    }
}

/// Bütçe Uygulama Sonuçları of year t: by economic code (all nine) and by directorate, with
/// totals, and the chart data (Toplam Ödenek and Harcama per economic code).
fn budget(model: &Model, marks: &Marks, t: i32) -> BudgetResults {
    let lines: Vec<&BudgetLine> = model.budget.iter().filter(|l| l.year == t).collect();
    let mut by_code = Vec::new();
    let mut chart = Vec::new();
    let mut grand = Amounts::default();
    for (code, name) in ECONOMIC_CODES {
        let mut a = Amounts::default();
        for l in lines.iter().filter(|l| l.economic_code == code) {
            a.add(l, marks);
        }
        grand.merge(&a);
        by_code.push(EconomicBudgetRow {
            kod: code,
            ad: name,
            tutarlar: a.cells(marks),
        });
        if a.total.any {
            chart.push(BudgetBar {
                aciklama: name,
                degerler: [a.total.value, a.spent.value],
                etiket: code,
            });
        }
    }
    let mut by_directorate = Vec::new();
    let mut directorate_total = Amounts::default();
    for d in &model.directorates {
        let mut a = Amounts::default();
        for l in lines.iter().filter(|l| l.directorate == d.name) {
            a.add(l, marks);
        }
        directorate_total.merge(&a);
        by_directorate.push(DirectorateBudgetRow {
            ad: marks.value(&marks.directorate(&d.name, d.name.clone())),
            tutarlar: a.cells(marks),
        });
    }
    BudgetResults {
        ekonomik: by_code,
        ekonomik_toplam: grand.cells(marks),
        birimler: by_directorate,
        birim_toplami: directorate_total.cells(marks),
        grafik: chart,
    }
}

/// Faaliyet ve Proje Bilgileri: per directorate its activities of year t with Durum, planned
/// (Bütçe + Bütçe Dışı) and realised (Gerçekleşen) cost.
fn activities(model: &Model, marks: &Marks, t: i32) -> Vec<ActivityTable> {
    let mut out = Vec::new();
    for d in &model.directorates {
        let list: Vec<_> = model
            .activities
            .iter()
            .filter(|a| a.year == t && a.directorate == d.name)
            .collect();
        if list.is_empty() {
            continue;
        }
        let (mut planned_total, mut spent_total) = (Sum::default(), Sum::default());
        let rows = list
            .iter()
            .map(|a| {
                let mut pm = marks.sourced(&a.budget, "");
                pm.absorb(&marks.sourced(&a.off_budget, ""));
                let mut planned = Sum::default();
                planned.add(a.total(), &pm);
                planned_total.add_sum(&planned);
                let spent = activity_spent(marks, a);
                spent_total.add_sum(&spent);
                ActivityInfo {
                    ad: marks.value(&activity_cell(marks, a)),
                    durum: marks.value(&activity_status(marks, a)),
                    tutarlar: PlannedSpent {
                        planlanan: marks.value(&planned.cell()),
                        gerceklesen: marks.value(&spent.cell()),
                    },
                }
            })
            .collect();
        out.push(ActivityTable {
            birim: marks.value(&marks.directorate(&d.name, d.name.clone())),
            baslik: format!("{} Faaliyet ve Proje Bilgileri", d.name),
            faaliyetler: rows,
            toplam: PlannedSpent {
                planlanan: marks.value(&planned_total.cell()),
                gerceklesen: marks.value(&spent_total.cell()),
            },
        });
    }
    out
}

/// One indicator row of a Performans Sonuçları Tablosu. `rate_marks` collects the marks of
/// every value the hedef's rate is computed from.
fn result_row(marks: &Marks, i: &Indicator, t: i32, rate_marks: &mut Cell) -> ResultRow {
    let weight = marks.sourced(&i.weight, num(i.weight.value));
    let baseline = marks.sourced(&i.baseline, opt_num(i.baseline.value));
    let target = match i.targets.get(&t) {
        Some(s) => marks.sourced(s, opt_num(s.value)),
        None => Cell::new(empty()),
    };
    let interim = match i.actual(t, Period::Interim) {
        Some(a) => marks.sourced(&a.value, num(a.value.value)),
        None => Cell::new(empty()),
    };
    let year_end_actual = i.actual(t, Period::YearEnd);
    let year_end = match year_end_actual {
        Some(a) => marks.sourced(&a.value, num(a.value.value)),
        None => Cell::new(NO_DATA),
    };
    let mut rate_cell = baseline.clone();
    rate_cell.absorb(&target);
    rate_cell.absorb(&year_end);
    let rate_text = match indicator_rate(i, t) {
        RateOutcome::Rate(r) => rate(r),
        RateOutcome::Missing(Why::NoYearEnd { .. }) => NO_DATA.to_string(),
        RateOutcome::Missing(_) => empty(),
    };
    let reason = deviation_reason_cell(marks, i, t, Period::YearEnd);
    rate_marks.absorb(&rate_cell);
    rate_marks.absorb(&weight);
    ResultRow {
        ad: marks.value(&indicator_cell(marks, i)),
        etki: marks.value(&weight),
        baslangic: marks.value(&baseline),
        hedef: marks.value(&target),
        izleme: marks.value(&interim),
        yil_sonu: marks.value(&year_end),
        oran: marks.value(&rate_cell.with_text(rate_text)),
        sapma: marks.value(&reason),
    }
}
