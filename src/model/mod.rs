//! The canonical model: one municipality's plan, indicators, realisations, activities,
//! budget and institution-level finance (revenue, debt, affiliates, transfers), merged from
//! plan.yaml and every directorate workbook. Every value remembers the
//! cell it came from ([`Sourced`]), so a finding or a mark in a book can point back to it.
//!
//! # Glossary
//! One English word per Turkish term, used everywhere in the code:
//!
//! | Türkçe | code |
//! |---|---|
//! | amaç | [`Goal`] |
//! | hedef | [`Objective`] |
//! | performans göstergesi | [`Indicator`] |
//! | hedefe etkisi | `weight` |
//! | başlangıç değeri | `baseline` |
//! | gerçekleşme | [`Actual`] |
//! | sapma nedeni | `deviation_reason` |
//! | faaliyet/proje | [`Activity`] |
//! | müdürlük/birim | [`Directorate`] |
//! | ödenek | `appropriation` |
//! | harcama | `expenditure` |
//! | meclis kararı | `Decision` |
//! | bulgu | [`crate::finding::Finding`] |
//! | ekonomik kod | `economic_code` |
//! | bütçe dışı kaynak | `off_budget` |
//! | izleme / raporlama sıklığı | `monitoring` / `reporting` ([`Frequency`]) |
//! | gelir | [`Revenue`] |
//! | tahmin (bütçe tahmini) | `estimate` |
//! | tahsilat | `collected` |
//! | borç | [`Debt`] |
//! | vade | `term` ([`DebtTerm`]) |
//! | iştirak (bağlı kuruluş, işletme, ortaklık) | [`Affiliate`] |
//! | transfer | [`Transfer`] |
//! | açıklama (of a deviation: sapma nedeni) | `explanation` |
//! | not (free remark) | `note` |
//! | mali bilgiler (the institution-level sheets) | [`Finance`] |

use serde::Serialize;
use std::collections::BTreeMap;

use crate::config::{Institution, Years};
pub use crate::finding::CellRef;
use crate::text::fold;
use crate::text::format::Date;

/// A value and where it came from: a workbook cell, or plan.yaml / an amendment (no cell).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced<T> {
    pub value: T,
    pub cell: Option<CellRef>,
    /// The decision (karar no) that last changed this value, if any.
    pub changed_by: Option<String>,
}

impl<T> Sourced<T> {
    pub fn new(value: T, cell: Option<CellRef>) -> Sourced<T> {
        Sourced {
            value,
            cell,
            changed_by: None,
        }
    }

    /// A value from plan.yaml or kurum.yaml: no cell.
    pub fn plain(value: T) -> Sourced<T> {
        Sourced {
            value,
            cell: None,
            changed_by: None,
        }
    }
}

macro_rules! closed_set {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $label:literal [$($alias:literal),*]),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The canonical Turkish form printed in the books.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// Matches typed text ignoring case, spaces, punctuation and Turkish letters.
            pub fn parse(text: &str) -> Option<$name> {
                let key = fold(text);
                if key.is_empty() { return None; }
                $(
                    if key == fold($label) $(|| key == fold($alias))* {
                        return Some($name::$variant);
                    }
                )*
                None
            }

            /// The accepted values, for messages: `Artış, Azalış, Artış/Azalış`.
            pub fn accepted() -> String {
                [$($label),*].join(", ")
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }
    };
}

closed_set! {
    /// Göstergenin yönü.
    Direction {
        Increase => "Artış" ["Artan", "Yükseliş"],
        Decrease => "Azalış" ["Azalan", "Düşüş"],
        Either => "Artış/Azalış" ["Azalış/Artış", "Her İkisi", "Korunacak"],
    }
}

closed_set! {
    /// İzleme / raporlama sıklığı.
    Frequency {
        Monthly => "Aylık" ["1 Ay", "Her Ay"],
        Quarterly => "3 Ay" ["3 Aylık", "Üç Ay", "Üç Aylık"],
        SemiAnnual => "6 Ay" ["6 Aylık", "Altı Ay", "Altı Aylık"],
        Annual => "Yıllık" ["12 Ay", "12 Aylık", "Yılda Bir"],
    }
}

impl Frequency {
    /// 6 Ay or more frequent: a 1. İzleme value is expected (R003).
    pub fn expects_interim(self) -> bool {
        !matches!(self, Frequency::Annual)
    }
}

closed_set! {
    /// İzleme dönemi of a realisation.
    Period {
        Interim => "1. İzleme" ["I. Dönem", "1. Dönem", "6 Ay", "Ara", "Ara Dönem"],
        YearEnd => "Yıl Sonu" ["II. Dönem", "2. Dönem", "12 Ay", "Yıllık"],
    }
}

closed_set! {
    /// Gerçekleşme durumu of an activity.
    Status {
        Planned => "Planlandı" ["Planlanan"],
        Ongoing => "Devam Ediyor" ["Devam", "Sürüyor"],
        Completed => "Tamamlandı" ["Tamamlanan", "Bitti"],
        Postponed => "Ertelendi" ["Ertelenen"],
        Cancelled => "İptal" ["İptal Edildi"],
    }
}

closed_set! {
    /// Faaliyet or Proje.
    ActivityKind {
        Activity => "Faaliyet" [],
        Project => "Proje" [],
    }
}

/// The nine economic codes of the budget (spec/workbook.md).
pub const ECONOMIC_CODES: [(&str, &str); 9] = [
    ("01", "Personel Giderleri"),
    ("02", "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri"),
    ("03", "Mal ve Hizmet Alım Giderleri"),
    ("04", "Faiz Giderleri"),
    ("05", "Cari Transferler"),
    ("06", "Sermaye Giderleri"),
    ("07", "Sermaye Transferleri"),
    ("08", "Borç Verme"),
    ("09", "Yedek Ödenekler"),
];

/// The name of an economic code (`03` → Mal ve Hizmet Alım Giderleri).
pub fn economic_code_name(code: &str) -> &'static str {
    ECONOMIC_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

closed_set! {
    /// Vade of a debt (Borçlar sheet).
    DebtTerm {
        Short => "Kısa Vadeli" ["Kısa", "Kısa Vade"],
        Long => "Uzun Vadeli" ["Uzun", "Uzun Vade"],
    }
}

closed_set! {
    /// Türü of an affiliate (İştirakler sheet, 5393 md. 56).
    AffiliateKind {
        Subsidiary => "Bağlı Kuruluş" ["Bağlı İdare"],
        Enterprise => "İşletme" ["Belediye İşletmesi"],
        Company => "Şirket" ["Belediye Şirketi", "Ortaklık"],
        Union => "Birlik" ["Mahalli İdare Birliği", "Belediye Birliği"],
    }
}

/// The revenue codes of the budget (spec/finance.md); there is no 07. 09 Red ve İadeler is
/// typed as a positive amount and subtracted in every total ([`RevenueLine::sign`]).
pub const REVENUE_CODES: [(&str, &str); 8] = [
    ("01", "Vergi Gelirleri"),
    ("02", "Sosyal Güvenlik Gelirleri"),
    ("03", "Teşebbüs ve Mülkiyet Gelirleri"),
    ("04", "Alınan Bağış ve Yardımlar ile Özel Gelirler"),
    ("05", "Diğer Gelirler"),
    ("06", "Sermaye Gelirleri"),
    ("08", "Alacaklardan Tahsilat"),
    ("09", "Red ve İadeler"),
];

/// The revenue code that is subtracted (Red ve İadeler).
pub const REFUNDS_CODE: &str = "09";

/// The name of a revenue code (`01` → Vergi Gelirleri).
pub fn revenue_code_name(code: &str) -> &'static str {
    REVENUE_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// A directorate (müdürlük, harcama birimi) as kurum.yaml expects it and its workbook fills in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Directorate {
    /// kurum.yaml's `ad`: the name every finding and book uses.
    pub name: String,
    pub short_name: Option<String>,
    /// The workbook this directorate's data came from.
    pub file: Option<String>,
    /// Harcama Yetkilisi (the Birim sheet's cells).
    pub official: Option<Sourced<String>>,
    /// Unvan.
    pub title: Option<Sourced<String>>,
    pub prepared_by: Option<Sourced<String>>,
    pub date: Option<Sourced<String>>,
}

/// Amaç.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goal {
    pub code: String,
    pub name: String,
    pub objectives: Vec<Objective>,
}

/// Hedef, with its hedef kartı fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objective {
    pub code: String,
    pub goal: String,
    pub name: Sourced<String>,
    pub responsible: Sourced<String>,
    pub cooperating: Sourced<Vec<String>>,
    pub risks: Sourced<Vec<String>>,
    pub strategies: Sourced<Vec<String>>,
    /// Tespitler.
    pub observations: Sourced<Vec<String>>,
    /// İhtiyaçlar.
    pub needs: Sourced<Vec<String>>,
    pub cost_estimate: Sourced<Option<f64>>,
}

/// Performans göstergesi: one row of a Göstergeler sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub code: String,
    /// Where the code was written (the row's identity for findings).
    pub code_cell: Option<CellRef>,
    pub objective: Sourced<String>,
    /// The responsible directorate: the one whose workbook holds the row.
    pub directorate: String,
    pub name: Sourced<String>,
    pub unit: Sourced<String>,
    pub direction: Sourced<Direction>,
    pub weight: Sourced<f64>,
    pub baseline: Sourced<Option<f64>>,
    /// One target per plan year; `None` where the cell is empty (G002).
    pub targets: BTreeMap<i32, Sourced<Option<f64>>>,
    pub monitoring: Sourced<Frequency>,
    pub reporting: Sourced<Frequency>,
    pub cooperating: Sourced<Vec<String>>,
    pub note: Sourced<Option<String>>,
    pub actuals: Vec<Actual>,
}

impl Indicator {
    /// A Yüzde indicator (unit "Yüzde" or "%").
    pub fn is_percentage(&self) -> bool {
        let u = fold(&self.unit.value);
        u == "yuzde" || self.unit.value.trim() == "%" || u == "yuzdeorani"
    }

    pub fn target(&self, year: i32) -> Option<f64> {
        self.targets.get(&year).and_then(|t| t.value)
    }

    pub fn actual(&self, year: i32, period: Period) -> Option<&Actual> {
        self.actuals
            .iter()
            .find(|a| a.year == year && a.period == period)
    }
}

/// Gerçekleşme: one row of a Gerçekleşmeler sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actual {
    pub year: i32,
    pub period: Period,
    pub value: Sourced<f64>,
    pub deviation_reason: Sourced<Option<String>>,
    pub data_source: Sourced<Option<String>>,
    pub code_cell: Option<CellRef>,
}

/// Faaliyet or proje for one year: one row of a Faaliyetler sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    pub code: String,
    pub code_cell: Option<CellRef>,
    pub kind: ActivityKind,
    pub objective: Sourced<String>,
    pub directorate: String,
    pub name: Sourced<String>,
    pub year: i32,
    /// Bütçe (TL).
    pub budget: Sourced<f64>,
    /// Bütçe Dışı (TL).
    pub off_budget: Sourced<f64>,
    /// Gerçekleşen (TL).
    pub expenditure: Sourced<Option<f64>>,
    pub status: Sourced<Option<Status>>,
    pub note: Sourced<Option<String>>,
}

impl Activity {
    pub fn total(&self) -> f64 {
        self.budget.value + self.off_budget.value
    }
}

/// One economic code's appropriation and expenditure for a directorate and year (Bütçe sheet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    pub directorate: String,
    pub year: i32,
    pub economic_code: String,
    pub code_cell: Option<CellRef>,
    /// Başlangıç Ödeneği.
    pub initial_appropriation: Sourced<f64>,
    /// Toplam Ödenek.
    pub total_appropriation: Sourced<f64>,
    /// Harcama.
    pub expenditure: Sourced<Option<f64>>,
    /// Açıklama: why the spending deviates from the appropriation (5018 md. 41, M004).
    pub explanation: Sourced<Option<String>>,
}

/// Gelir: one revenue code's estimate and collection for a year (one row of the `Gelirler`
/// sheet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevenueLine {
    pub year: i32,
    /// `01` … `09` of [`REVENUE_CODES`].
    pub economic_code: String,
    /// Where the code was written (the row's identity for findings).
    pub code_cell: Option<CellRef>,
    /// Bütçe Tahmini, as typed (09 positive).
    pub estimate: Sourced<f64>,
    /// Tahsilat, as typed (09 positive); `None` where the cell is empty.
    pub collected: Sourced<Option<f64>>,
    /// Açıklama: why the collection deviates from the estimate (M004).
    pub explanation: Sourced<Option<String>>,
}

impl RevenueLine {
    /// +1, or −1 for 09 Red ve İadeler, which every total subtracts.
    pub fn sign(&self) -> f64 {
        if self.economic_code == REFUNDS_CODE {
            -1.0
        } else {
            1.0
        }
    }

    /// The estimate as it counts in a total (09 negative).
    pub fn signed_estimate(&self) -> f64 {
        self.sign() * self.estimate.value
    }

    /// The collection as it counts in a total (09 negative); `None` when not written.
    pub fn signed_collected(&self) -> Option<f64> {
        self.collected.value.map(|c| self.sign() * c)
    }
}

/// Borç: one debt item of the debt position at the start and end of the report year (one row
/// of the `Borçlar` sheet, 5393 md. 56).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DebtLine {
    /// Borç Kalemi: İller Bankası, Banka Kredileri, SGK Prim Borçları, …
    pub item: Sourced<String>,
    pub term: Sourced<DebtTerm>,
    /// Yıl Başı (TL): the debt at 1 January of the report year.
    pub start_of_year: Sourced<f64>,
    /// Yıl Sonu (TL): the debt at 31 December of the report year.
    pub end_of_year: Sourced<f64>,
    /// Açıklama.
    pub note: Sourced<Option<String>>,
}

impl DebtLine {
    /// Yıl Sonu − Yıl Başı (negative when the debt fell).
    pub fn change(&self) -> f64 {
        self.end_of_year.value - self.start_of_year.value
    }
}

/// İştirak: a bağlı kuruluş, işletme, şirket or birlik of the municipality (one row of the
/// `İştirakler` sheet, 5393 md. 56).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Affiliate {
    /// Adı.
    pub name: Sourced<String>,
    /// Türü.
    pub kind: Sourced<AffiliateKind>,
    /// Faaliyet Alanı.
    pub field: Sourced<Option<String>>,
    /// Sermaye (TL).
    pub capital: Sourced<Option<f64>>,
    /// Belediye Payı (%): kept as typed, M005 flags a value outside 0–100.
    pub share: Sourced<Option<f64>>,
    /// Yıl Sonucu (TL): the year's profit, negative for a loss.
    pub result: Sourced<Option<f64>>,
    /// Açıklama.
    pub note: Sourced<Option<String>>,
}

/// A resource transferred to another institution in a year (one row of the `Transferler`
/// sheet): a union's share, a contribution to a public institution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transfer {
    pub year: i32,
    /// Alıcı Kurum.
    pub recipient: Sourced<String>,
    /// Tutar (TL).
    pub amount: Sourced<f64>,
    /// Açıklama (the legal basis, Dayanak).
    pub note: Sourced<Option<String>>,
}

/// One institution-level sheet as it was sent: the workbook and sheet it came from and its
/// rows. `Option<FinanceSheet<_>>` in [`Finance`] tells a sheet not sent (`None`) from a sheet
/// sent with no rows (`Some` with `rows` empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinanceSheet<T> {
    /// The workbook, relative to the project folder: `birimler/mali-hizmetler.xlsx`.
    pub file: String,
    /// The sheet's name as written in the workbook.
    pub sheet: String,
    /// In the sheet's order (revenue: by year, then code).
    pub rows: Vec<T>,
    /// `İştirakler` only: the cell of the single `Yok` row, which says the municipality has no
    /// affiliates (`rows` is then empty).
    pub declared_none: Option<CellRef>,
}

impl<T> FinanceSheet<T> {
    pub fn new(file: &str, sheet: &str) -> FinanceSheet<T> {
        FinanceSheet {
            file: file.to_string(),
            sheet: sheet.to_string(),
            rows: Vec::new(),
            declared_none: None,
        }
    }

    /// Rows in the model, the `Yok` row included (for the row accounting).
    pub fn row_count(&self) -> usize {
        self.rows.len() + usize::from(self.declared_none.is_some())
    }
}

/// Which institution-level sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FinanceKind {
    Revenue,
    Debts,
    Affiliates,
    Transfers,
}

impl FinanceKind {
    pub const ALL: [FinanceKind; 4] = [
        FinanceKind::Revenue,
        FinanceKind::Debts,
        FinanceKind::Affiliates,
        FinanceKind::Transfers,
    ];

    /// The sheet's name as the template writes it.
    pub fn sheet_name(self) -> &'static str {
        match self {
            FinanceKind::Revenue => "Gelirler",
            FinanceKind::Debts => "Borçlar",
            FinanceKind::Affiliates => "İştirakler",
            FinanceKind::Transfers => "Transferler",
        }
    }
}

/// Mali bilgiler: the four optional institution-level sheets (spec/finance.md), each from the
/// one workbook that carries it. A sheet that was sent but cannot be used is in `rejected` and
/// `None` here: it came in two workbooks (M001, neither copy is used) or lacks a required
/// column (Y003).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Finance {
    /// Gelirler.
    pub revenue: Option<FinanceSheet<RevenueLine>>,
    /// Borçlar.
    pub debts: Option<FinanceSheet<DebtLine>>,
    /// İştirakler.
    pub affiliates: Option<FinanceSheet<Affiliate>>,
    /// Transferler.
    pub transfers: Option<FinanceSheet<Transfer>>,
    /// The sheets sent but not used (M001, Y003), in [`FinanceKind`] order, each once.
    pub rejected: Vec<FinanceKind>,
}

impl Finance {
    /// The revenue lines of a year, in code order.
    pub fn revenue_of(&self, year: i32) -> impl Iterator<Item = &RevenueLine> {
        self.revenue
            .iter()
            .flat_map(|s| &s.rows)
            .filter(move |r| r.year == year)
    }

    /// The transfers of a year, in the sheet's order.
    pub fn transfers_of(&self, year: i32) -> impl Iterator<Item = &Transfer> {
        self.transfers
            .iter()
            .flat_map(|s| &s.rows)
            .filter(move |t| t.year == year)
    }

    /// Whether a sheet was sent (present in exactly one workbook, whatever its rows).
    pub fn sent(&self, kind: FinanceKind) -> bool {
        match kind {
            FinanceKind::Revenue => self.revenue.is_some(),
            FinanceKind::Debts => self.debts.is_some(),
            FinanceKind::Affiliates => self.affiliates.is_some(),
            FinanceKind::Transfers => self.transfers.is_some(),
        }
    }
}

/// One change an amendment made, for the annex "Meclis Kararıyla Yapılan Değişiklikler".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRecord {
    pub decision: String,
    pub organ: String,
    pub date: Date,
    pub item: String,
    pub field: String,
    pub old: String,
    pub new: String,
    pub reason: String,
}

/// A council decision that was applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub organ: String,
    pub number: String,
    pub date: Date,
    pub file: String,
    pub reason: String,
}

/// The whole municipality, ready for rules, amendments and books.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    pub institution: Institution,
    pub years: Years,
    pub mission: String,
    pub vision: String,
    pub values: Vec<String>,
    pub goals: Vec<Goal>,
    /// In kurum.yaml order.
    pub directorates: Vec<Directorate>,
    /// In code order.
    pub indicators: Vec<Indicator>,
    /// In code order, then year.
    pub activities: Vec<Activity>,
    /// By directorate (kurum.yaml order), year, economic code.
    pub budget: Vec<BudgetLine>,
    /// The institution-level sheets: revenue, debt, affiliates, transfers.
    pub finance: Finance,
    pub decisions: Vec<Decision>,
    pub changes: Vec<ChangeRecord>,
}

impl Model {
    pub fn objectives(&self) -> impl Iterator<Item = &Objective> {
        self.goals.iter().flat_map(|g| g.objectives.iter())
    }

    pub fn objective(&self, code: &str) -> Option<&Objective> {
        self.objectives().find(|o| o.code == code)
    }

    pub fn indicators_of<'a>(
        &'a self,
        objective: &'a str,
    ) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators
            .iter()
            .filter(move |i| i.objective.value == objective)
    }

    pub fn activities_of<'a>(
        &'a self,
        objective: &'a str,
    ) -> impl Iterator<Item = &'a Activity> + 'a {
        self.activities
            .iter()
            .filter(move |a| a.objective.value == objective)
    }

    pub fn directorate(&self, name: &str) -> Option<&Directorate> {
        self.directorates.iter().find(|d| d.name == name)
    }

    /// The workbook cells a printed text came from: the cells whose text it is (exactly, else
    /// ignoring case and Turkish letters), else the cells whose texts it holds as whole words
    /// (`PG1.1.1 Yol uzunluğu`: the code's cell and the name's; the longest texts of at least
    /// three characters). The texts are every sourced text of the model ([`Sourced`] `value`
    /// and `cell`) and every row code (`code` and `code_cell`). In cell order.
    pub fn cells_of_text(&self, text: &str) -> Vec<CellRef> {
        let mut texts = Vec::new();
        if let Ok(model) = serde_json::to_value(self) {
            collect_sourced_texts(&model, &mut texts);
        }
        let key = fold(text);
        let whole = |t: &str| t == text;
        let folded = |t: &str| !key.is_empty() && fold(t) == key;
        let part = |t: &str| t.chars().count() >= 3 && contains_word(text, t);
        let mut cells = Vec::new();
        for matches in [&whole as &dyn Fn(&str) -> bool, &folded, &part] {
            let found: Vec<&(String, CellRef)> = texts.iter().filter(|(t, _)| matches(t)).collect();
            // Of texts inside each other (a name and a word of it), the longest.
            cells = found
                .iter()
                .filter(|(t, _)| {
                    !found
                        .iter()
                        .any(|(o, _)| o.len() > t.len() && o.contains(t.as_str()))
                })
                .map(|(_, c)| c.clone())
                .collect();
            if !cells.is_empty() {
                break;
            }
        }
        cells.sort();
        cells.dedup();
        cells
    }

    /// Puts indicators, activities and budget lines in their stable order.
    pub fn sort(&mut self) {
        self.indicators.sort_by_key(|i| code_key(&i.code));
        self.activities.sort_by_key(|a| (code_key(&a.code), a.year));
        let order: Vec<String> = self.directorates.iter().map(|d| d.name.clone()).collect();
        let pos = |n: &str| order.iter().position(|d| d == n).unwrap_or(usize::MAX);
        self.budget.sort_by(|a, b| {
            (pos(&a.directorate), a.year, &a.economic_code).cmp(&(
                pos(&b.directorate),
                b.year,
                &b.economic_code,
            ))
        });
        if let Some(revenue) = &mut self.finance.revenue {
            revenue
                .rows
                .sort_by(|a, b| (a.year, &a.economic_code).cmp(&(b.year, &b.economic_code)));
        }
        if let Some(transfers) = &mut self.finance.transfers {
            transfers.rows.sort_by_key(|t| t.year);
        }
    }
}

/// Every (text, cell) pair of a serialised model: the `value` of a `Sourced` text (or each
/// text of a list) with its `cell`, and a row's `code` with its `code_cell`.
fn collect_sourced_texts(value: &serde_json::Value, out: &mut Vec<(String, CellRef)>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (text_key, cell_key) in [("value", "cell"), ("code", "code_cell")] {
                let (Some(text), Some(cell)) = (map.get(text_key), map.get(cell_key)) else {
                    continue;
                };
                let Ok(cell) = serde_json::from_value::<CellRef>(cell.clone()) else {
                    continue;
                };
                let texts = match text {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                out.extend(texts.into_iter().map(|t| (t.to_string(), cell.clone())));
            }
            map.values().for_each(|v| collect_sourced_texts(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_sourced_texts(v, out)),
        _ => {}
    }
}

/// Whether `needle` occurs in `haystack` with no letter or digit right before or after it.
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A sort key that orders codes naturally: `PG1.2` < `PG1.10` < `PG2.1`.
pub fn code_key(code: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in code.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                key.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    key.push((
        text,
        if digits.is_empty() {
            0
        } else {
            digits.parse().unwrap_or(u64::MAX)
        },
    ));
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_sets_match_typed_text() {
        assert_eq!(Direction::parse("ARTIŞ"), Some(Direction::Increase));
        assert_eq!(Direction::parse("artis"), Some(Direction::Increase));
        assert_eq!(Direction::parse("Artış / Azalış"), Some(Direction::Either));
        assert_eq!(Status::parse("tamamlandı"), Some(Status::Completed));
        assert_eq!(Status::parse("IPTAL"), Some(Status::Cancelled));
        assert_eq!(Period::parse("I. Dönem"), Some(Period::Interim));
        assert_eq!(Period::parse("II. Dönem"), Some(Period::YearEnd));
        assert_eq!(Period::parse("Yıl sonu"), Some(Period::YearEnd));
        assert_eq!(Frequency::parse("6 ay"), Some(Frequency::SemiAnnual));
        assert_eq!(Frequency::parse("YILLIK"), Some(Frequency::Annual));
        assert_eq!(Frequency::parse("haftalık"), None);
        assert_eq!(Direction::accepted(), "Artış, Azalış, Artış/Azalış");
        assert_eq!(DebtTerm::parse("kisa vadeli"), Some(DebtTerm::Short));
        assert_eq!(DebtTerm::parse("UZUN VADELİ"), Some(DebtTerm::Long));
        assert_eq!(
            AffiliateKind::parse("bağlı kuruluş"),
            Some(AffiliateKind::Subsidiary)
        );
        assert_eq!(AffiliateKind::parse("ŞİRKET"), Some(AffiliateKind::Company));
        assert_eq!(AffiliateKind::parse("birlik"), Some(AffiliateKind::Union));
        assert_eq!(AffiliateKind::parse("vakıf"), None);
    }

    #[test]
    fn codes_sort_naturally() {
        let mut codes = vec!["PG1.10.1", "PG1.2.1", "PG2.1.1", "PG1.2.10", "PG1.2.2"];
        codes.sort_by_key(|c| code_key(c));
        assert_eq!(
            codes,
            vec!["PG1.2.1", "PG1.2.2", "PG1.2.10", "PG1.10.1", "PG2.1.1"]
        );
    }
}
