//! The rule catalogue of spec/rules.md and spec/finance.md (G, R, B and M codes) as
//! data-driven checks over the merged model. [`RULES`] lists every rule: adding a rule is
//! adding one item there and its function in the family's file ([`indicators`] for G,
//! [`actuals`] for R, [`budget`] for B, [`finance`] for M and B005, the institution-level
//! finance). M001 is not a rule: the merge finds it.
//!
//! A rule never fails: it returns findings, each with its catalogue severity; the pipeline
//! applies `kurallar.seviye` afterwards. The rules run on the model after amendments, so a
//! value without a cell (from plan.yaml or an amendment) is reported without one.
//!
//! # Decisions where spec/rules.md is silent
//!
//! - **No-cell codes still name their place when known.** G008 names the indicator's workbook
//!   and Göstergeler sheet; R001 and R003 the workbook and its Gerçekleşmeler sheet (or only the
//!   workbook when it has no realisation at all); B001 the directorate's workbook. G006, G009
//!   and B004 name `plan.yaml`.
//! - **Items an amendment added** (`islem: ekle`) have no cell: their findings name the
//!   amendment file of the decision (`degisiklikler/….yaml`). A weight an amendment changed
//!   keeps its workbook cell, and G005's message names the decision.
//! - **`birim` of plan.yaml findings** (G006, B004) is the hedef's responsible directorate when
//!   plan.yaml names a known one, so the finding reaches the directorate that can fix it; G009
//!   has none (its directorate is the unknown one).
//! - **G002** gives one finding per empty year. **G003** skips empty values (G001/G002 report
//!   them), raises one finding per indicator, and does not apply to Artış/Azalış indicators.
//!   **G004** gives one finding per value outside 0–100 (baseline, targets, realisations).
//! - **G005** with no weight cell at all (amendment-made indicators) has no cell; the message
//!   names the deciding karar. G005 and G007 can both fire for one weight (over 100).
//! - **G008** needs at least one value above 0: a Yüzde indicator that is all zeros is not a
//!   fraction typed by mistake.
//! - **R001, R003** are skipped when the report year is outside the plan period (no
//!   realisation can exist then). **R002** is skipped when the rate cannot be computed (G001,
//!   G002 already say why); a deviation counts when |rate − 100| > tolerance; without a Sapma
//!   Nedeni column the finding names the sheet, no cell.
//! - **B001** also fires when the directorate has activities in the program year but no Bütçe
//!   line for it (Toplam Ödenek 0). Money is compared with a tolerance of half a kuruş.
//! - **B003**: the cell is the empty Gerçekleşen (TL) cell, else the empty Durum cell; when
//!   the column itself is missing, the sheet is named and the message says to add the column.
//!   One finding per activity row, naming both values when both are empty.
//! - **B004** is skipped when plan.yaml has no `maliyet_tahmini` for the hedef.
//! - **M002, M003** name the sheet when it was sent, else the workbook of kurum.yaml's
//!   `mali_hizmetler_birimi` (default: the directorate whose name holds "Mali Hizmetler") when
//!   it sent one, else no file; `birim` is that directorate. A `Borçlar` or `İştirakler` sheet
//!   with no row in the model counts as not sent (M003): a debt item that is zero is written
//!   as 0, and İştirakler's single `Yok` row says there are none. A sheet that was sent but
//!   not used (M001, Y003) gives no M002/M003: that finding already says why. Nor does a
//!   project where no directorate's workbook was read (a new one): Y007 names them all.
//! - **M004** compares unrounded rates; over 100 % is Harcama above Toplam Ödenek by more than
//!   half a kuruş (B002 fires for it as well: B002 asks to fix the amounts, M004 for the
//!   reason). Rows without a Harcama or Tahsilat, with nothing appropriated, or with a Bütçe
//!   Tahmini of 0 are not rated. Revenue has no upper bound (collecting more than estimated
//!   needs no explanation), and every revenue code is rated alike, 09 included. Without an
//!   Açıklama column the finding names the sheet and asks for the column.
//! - **M005** keeps the share in the model (it flags, never rejects); without a share cell it
//!   would name the row's Adı cell.
//! - **B005** has no cell: it names the `mali_hizmetler_birimi`'s workbook when known; it is
//!   skipped when no Bütçe line has the program year (B001 already fires then).

pub mod actuals;
pub mod budget;
pub mod finance;
pub mod indicators;

use crate::config::Settings;
use crate::finding::{CellRef, Code, Finding};
use crate::model::Model;

/// What a rule looks at: the merged model and the project's settings (thresholds, kurum.yaml's
/// directorates).
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub model: &'a Model,
    pub settings: &'a Settings,
}

/// One rule of the catalogue.
pub struct Rule {
    pub code: Code,
    /// What the rule checks, in a few English words (for docs and debugging).
    pub summary: &'static str,
    pub check: fn(&Context<'_>) -> Vec<Finding>,
}

/// Every G, R and B rule, in code order.
pub const RULES: &[Rule] = &[
    Rule {
        code: Code::G001,
        summary: "indicator has no baseline",
        check: indicators::missing_baseline,
    },
    Rule {
        code: Code::G002,
        summary: "a plan year has no target",
        check: indicators::missing_target,
    },
    Rule {
        code: Code::G003,
        summary: "targets not cumulative in the indicator's direction",
        check: indicators::targets_out_of_order,
    },
    Rule {
        code: Code::G004,
        summary: "Yüzde value outside 0–100",
        check: indicators::percentage_out_of_range,
    },
    Rule {
        code: Code::G005,
        summary: "a hedef's weights do not add up to 100",
        check: indicators::weights_do_not_add_up,
    },
    Rule {
        code: Code::G006,
        summary: "a hedef of plan.yaml has no indicator",
        check: indicators::objective_without_indicator,
    },
    Rule {
        code: Code::G007,
        summary: "a weight is 0, negative or over 100",
        check: indicators::weight_out_of_range,
    },
    Rule {
        code: Code::G008,
        summary: "Yüzde indicator typed as fractions",
        check: indicators::percentage_as_fraction,
    },
    Rule {
        code: Code::G009,
        summary: "a hedef's sorumlu_birim is not a directorate of kurum.yaml",
        check: indicators::unknown_responsible,
    },
    Rule {
        code: Code::R001,
        summary: "no Yıl Sonu value for the report year",
        check: actuals::missing_year_end,
    },
    Rule {
        code: Code::R002,
        summary: "deviation beyond tolerance without Sapma Nedeni",
        check: actuals::deviation_without_reason,
    },
    Rule {
        code: Code::R003,
        summary: "no 1. İzleme value although monitored every 6 months or more often",
        check: actuals::missing_interim,
    },
    Rule {
        code: Code::B001,
        summary: "activity budgets exceed the program year's appropriation",
        check: budget::activities_exceed_appropriation,
    },
    Rule {
        code: Code::B002,
        summary: "Harcama exceeds Toplam Ödenek on an economic code",
        check: budget::expenditure_exceeds_appropriation,
    },
    Rule {
        code: Code::B003,
        summary: "past-year activity without Gerçekleşen (TL) or Durum",
        check: budget::past_activity_incomplete,
    },
    Rule {
        code: Code::B004,
        summary: "maliyet_tahmini differs from the activities' total",
        check: budget::cost_estimate_differs,
    },
    Rule {
        code: Code::B005,
        summary: "program-year activity budgets plus transfers exceed the Başlangıç Ödeneği",
        check: finance::activities_and_transfers_exceed_initial,
    },
    Rule {
        code: Code::M002,
        summary: "no Gelirler rows for the report year",
        check: finance::revenue_missing,
    },
    Rule {
        code: Code::M003,
        summary: "no Borçlar or no İştirakler data",
        check: finance::debts_or_affiliates_missing,
    },
    Rule {
        code: Code::M004,
        summary: "budget or revenue deviation without Açıklama",
        check: finance::deviation_without_explanation,
    },
    Rule {
        code: Code::M005,
        summary: "Belediye Payı outside 0–100",
        check: finance::share_out_of_range,
    },
];

/// Runs every rule on the model; findings carry their catalogue severity.
pub fn check(model: &Model, settings: &Settings) -> Vec<Finding> {
    let cx = Context { model, settings };
    RULES.iter().flat_map(|rule| (rule.check)(&cx)).collect()
}

/// The name plan.yaml findings carry as `dosya`.
pub const PLAN_FILE: &str = "plan.yaml";

/// Money amounts and values compared for equality allow this much (half a kuruş).
pub(crate) const MONEY_TOLERANCE: f64 = 0.005;

/// Places a finding at a cell when there is one, else in the sheet of a fallback cell (same
/// file and sheet, no cell), else nowhere.
pub(crate) fn place(f: Finding, cell: Option<&CellRef>, fallback: Option<&CellRef>) -> Finding {
    match (cell, fallback) {
        (Some(c), _) => f.at(c),
        (None, Some(fb)) => f.in_sheet(&fb.file, &fb.sheet),
        (None, None) => f,
    }
}

/// Like [`place`], for an item an amendment added (no cell at all): the finding names the
/// amendment file of the decision `changed_by`.
pub(crate) fn place_or_decision(
    cx: &Context<'_>,
    f: Finding,
    cell: Option<&CellRef>,
    fallback: Option<&CellRef>,
    changed_by: Option<&str>,
) -> Finding {
    if cell.is_some() || fallback.is_some() {
        return place(f, cell, fallback);
    }
    match changed_by.and_then(|n| cx.model.decisions.iter().find(|d| d.number == n)) {
        Some(d) => f.in_file(&d.file),
        None => f,
    }
}

/// Where a value is, for messages: `birimler/fen.xlsx › Göstergeler › F7`, or the decision that
/// set it.
pub(crate) fn where_text(cell: Option<&CellRef>, changed_by: Option<&str>) -> String {
    match (cell, changed_by) {
        (Some(c), _) => c.to_string(),
        (None, Some(d)) => format!("{d} sayılı karar"),
        (None, None) => "hücresi bilinmiyor".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_g_r_b_m_code_has_exactly_one_rule() {
        for code in Code::ALL {
            let family = &code.as_str()[..1];
            let n = RULES.iter().filter(|r| r.code == *code).count();
            // M001 (a sheet in two workbooks) is the merge's.
            if matches!(family, "G" | "R" | "B" | "M") && *code != Code::M001 {
                assert_eq!(n, 1, "{code}");
            } else {
                assert_eq!(n, 0, "{code}");
            }
        }
        let codes: Vec<Code> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "RULES stays in code order");
    }
}
