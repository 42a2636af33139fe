//! The five books and the data each book's template receives. Layout lives in
//! `report-templates/` (entry templates `<book>.typ.j2`, partials, and the `lib/*.typ`
//! functions); this module only prepares data.
//!
//! # The context
//!
//! [`book_context`] gives one typed context per book ([`BookContext`]): the shared part
//! ([`Common`]: cover, institution, front matter, the amendment annex) and the book's own tables
//! ([`StrategicPlanContext`], [`PerformanceProgramContext`], [`ActivityReportContext`],
//! [`MonitoringReportContext`], [`EvaluationReportContext`]). Field
//! names are the names the templates read, so renaming one is a change of the templates' data;
//! `tests/contexts.rs` renders every template against every context with strict undefined
//! values. Every number is already formatted the Turkish way; amounts and rates are strings
//! formatted in Rust. A *cell* ([`MarkedCell`]) is a dictionary `{metin, hata?, degisiklik?}`
//! that `veri-tablosu` reads: `metin` the text shown, `hata` the codes of the error findings
//! that touch the value (drafts only), `degisiklik` the decisions that changed it.
//!
//! The modules depend in one direction: `book` and `marks` ← `common` ← `finance` (the
//! Faaliyet Raporu's Mali Bilgiler) ← `report`; `common` ← `strategic`, `program`,
//! `monitoring` (the İzleme and Değerlendirme reports); all ← this module, which dispatches.
//!
//! # Where books.md is silent
//!
//! - Amounts: the table caption or column header says `(TL)`, cells print `1.234.567,89`; a lone
//!   amount in text or a label row carries ` TL` (`33.750.000,00 TL`). Rates in a `(%)` column
//!   print `77,5`; in text and chart labels `%77,5`.
//! - Derived values (sums, a hedef's rate) carry the marks of what they are computed from: an
//!   amended activity budget marks its hedef's cost and Genel Yönetim Giderleri; TOPLAM of a
//!   year whose appropriation is known is Toplam Ödenek + Bütçe Dışı and keeps only their marks.
//! - Genel Yönetim Giderleri of a plan year (Stratejik Plan) is that year's Toplam Ödenek of all
//!   directorates minus the hedefs' Bütçe (Bütçe Dışı is outside the budget); `—` for a year without budget lines, and a note under the table says
//!   which years are known. The cost table has codes only (A1, H1.1), on a landscape page.
//! - Performans Programı: the İdare Performans Tablosu and the Toplam Kaynak İhtiyacı Tablosu
//!   both rest on the program year's Başlangıç Ödeneği (spec/finance.md), so their Bütçe
//!   totals agree unless the activities and transfers exceed it (B005).
//! - Performans Programı: `t−2 Gerçekleşme` is the Yıl Sonu value; for the year before the plan
//!   it is the plan's baseline (noted under the table). `t−1` falls back to 1. İzleme, marked
//!   `*` with a note. The Toplam Kaynak İhtiyacı Tablosu adds Bütçe Dışı Kaynaklar and Genel
//!   Toplam under the budget total.
//! - Faaliyet Raporu: the hedef's rate is the last row of its table; when it cannot be computed
//!   the row says `veri yok` and a note names every missing indicator. Missing Yıl Sonu prints
//!   `veri yok`, a missing 1. İzleme `—`. The declarations are signed at kurum.yaml's `il` (else
//!   the short name) with a date line `…/…/<t+1>`.
//! - The amendment annex "Meclis Kararıyla Yapılan Değişiklikler" is in the Stratejik Plan
//!   (every change) and in each one-year book whose tables a change touched (a field of its
//!   year, or a name it prints); a one-year book without such a change says so in its Ekler.

use serde::Serialize;

mod book;
mod common;
mod finance;
pub mod marks;
mod monitoring;
mod program;
mod report;
mod strategic;

pub use book::{
    default_period, missing_capability_headings, missing_narratives, narratives_present,
    parse_period, period_number, settle_period, undated_declarations, Book, CAPABILITY_HEADINGS,
};
pub use common::{
    check_logo, AnnexDecision, AnnexRow, BookInput, BookTitle, Common, General, GoalEntry,
    Institution, Narratives, ObjectiveEntry, RateBar, Theme, YearTexts,
};
pub use finance::{
    AffiliateRow, AffiliateSection, BalanceSection, DebtRow, DebtSection, FinanceInfo, RevenueBar,
    RevenueCells, RevenueRow, RevenueSection, TransferRow, TransferSection,
};
pub use marks::{DecisionMark, MarkedCell};
pub use monitoring::{
    ActivityAmounts, ChartPoint, DeviationRow, Deviations, EvaluationReportContext, LineChart,
    MonitoredActivity, MonitoringReportContext, MonitoringRow, MonitoringTable, PeriodTexts,
    ProgressRow, ProgressTable, Summary, SummaryRow, YearPair,
};
pub use program::{
    ActivityRow, AdministrationRow, AdministrationRowKind, AdministrationTable, CostCells,
    DirectorateActivityRow, DirectorateTable, IndicatorRow, ObjectiveTable,
    PerformanceProgramContext, ProgramYears, ResourceRow, ResourceTable,
};
pub use report::{
    ActivityInfo, ActivityReportContext, ActivityTable, BudgetBar, BudgetCells, BudgetResults,
    DataAttachment, Declaration, DirectorateBudgetRow, DirectorateEntry, EconomicBudgetRow,
    FindingCount, InformationSystem, PlannedSpent, ResultRow, ResultTable,
};
pub use strategic::{
    CardIndicator, CostRow, CostRowKind, CostTable, IndicatorEntry, ObjectiveCard,
    StrategicPlanContext,
};

/// The context of one book, as its entry template receives it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum BookContext {
    StrategicPlan(StrategicPlanContext),
    PerformanceProgram(PerformanceProgramContext),
    ActivityReport(ActivityReportContext),
    Monitoring(MonitoringReportContext),
    Evaluation(EvaluationReportContext),
}

impl BookContext {
    /// The part every book has.
    pub fn common(&self) -> &Common {
        match self {
            BookContext::StrategicPlan(c) => &c.common,
            BookContext::PerformanceProgram(c) => &c.common,
            BookContext::ActivityReport(c) => &c.common,
            BookContext::Monitoring(c) => &c.common,
            BookContext::Evaluation(c) => &c.common,
        }
    }

    /// Lists the files the book's PDF carries (the Faaliyet Raporu's open data); the other
    /// books attach nothing and are left as they are.
    pub fn attach(&mut self, files: &[DataAttachment]) {
        if let BookContext::ActivityReport(c) = self {
            c.veri_ekleri = files.to_vec();
        }
    }
}

/// The template context of one book.
pub fn book_context(book: Book, input: &BookInput) -> BookContext {
    book_context_traced(book, input).0
}

/// The template context of one book and every number it prints with where it came from (the
/// book's part of `kaynak/izler.json`).
pub fn book_context_traced(book: Book, input: &BookInput) -> (BookContext, Vec<marks::Traced>) {
    let marks = marks::Marks::new(input.findings, &input.model.decisions, input.draft);
    let context = match book {
        Book::StrategicPlan => BookContext::StrategicPlan(strategic::context(input, &marks)),
        Book::PerformanceProgram => {
            BookContext::PerformanceProgram(program::context(input, &marks))
        }
        Book::ActivityReport => BookContext::ActivityReport(report::context(input, &marks)),
        Book::Monitoring(period) => {
            BookContext::Monitoring(monitoring::monitoring_context(input, &marks, period))
        }
        Book::Evaluation => BookContext::Evaluation(monitoring::evaluation_context(input, &marks)),
    };
    (context, marks.take_trace())
}
