//! The performance calculation of spec/rules.md "Formulas": indicator realisation rates, the
//! hedef roll-up, the amaç mean and budget realisation; plus the Turkish number formatting the
//! books and messages use for them.
//!
//! Every rate is computed unrounded (`f64`) and only rounded when shown (`text::format::ratio`).
//! Nothing here panics or divides by zero: a division by zero gives 0 as the spec says, and a
//! rate that cannot be computed says why as data ([`RateOutcome::Missing`]).

use std::fmt;

use crate::model::{Direction, Indicator, Model, Period};

/// Why a rate cannot be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The indicator has no Yıl Sonu value for the year.
    NoYearEnd { year: i32 },
    /// The indicator has no 1. İzleme value for the year.
    NoInterim { year: i32 },
    /// The indicator has no target for the year.
    NoTarget { year: i32 },
    /// The indicator has no baseline (Başlangıç Değeri).
    NoBaseline,
    /// The hedef has no indicator at all.
    NoIndicators,
    /// Some indicators of a hedef have no rate: each code with its own reason.
    MissingIndicators(Vec<(String, Why)>),
    /// The amaç has no hedef.
    NoObjectives,
    /// Some hedefs of an amaç have no rate: each code with its own reason.
    MissingObjectives(Vec<(String, Why)>),
}

impl fmt::Display for Why {
    /// The reason in Turkish, as a book prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::NoYearEnd { year } => write!(f, "{year} yılı için Yıl Sonu değeri yok"),
            Why::NoInterim { year } => write!(f, "{year} yılı için 1. İzleme değeri yok"),
            Why::NoTarget { year } => write!(f, "{year} yılı için hedef yok"),
            Why::NoBaseline => f.write_str("başlangıç değeri yok"),
            Why::NoIndicators => f.write_str("hedefin performans göstergesi yok"),
            Why::MissingIndicators(list) => {
                let parts: Vec<String> = list.iter().map(|(c, w)| format!("{c}: {w}")).collect();
                write!(f, "şu göstergelerin değeri eksik: {}", parts.join("; "))
            }
            Why::NoObjectives => f.write_str("amacın hedefi yok"),
            Why::MissingObjectives(list) => {
                let codes: Vec<&str> = list.iter().map(|(c, _)| c.as_str()).collect();
                write!(
                    f,
                    "şu hedeflerin gerçekleşme oranı hesaplanamadı: {}",
                    codes.join(", ")
                )
            }
        }
    }
}

/// A rate, or why it cannot be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum RateOutcome {
    Rate(f64),
    Missing(Why),
}

impl RateOutcome {
    pub fn rate(&self) -> Option<f64> {
        match self {
            RateOutcome::Rate(r) => Some(*r),
            RateOutcome::Missing(_) => None,
        }
    }
}

/// `a / b`, or 0 when `b` is 0 (or the result is not finite).
fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return 0.0;
    }
    let r = a / b;
    if r.is_finite() {
        r
    } else {
        0.0
    }
}

/// The realisation rate of one indicator value: `O = (X − A) / (Y − A) × 100`, with the
/// maintain-indicator rule when `Y = A`: 100 when X meets Y in the good direction (Artış:
/// X ≥ Y, Azalış: X ≤ Y, Artış/Azalış: X = Y), otherwise X / Y × 100 (Artış) or Y / X × 100
/// (Azalış), 0 when dividing by 0. An Artış/Azalış maintain indicator that misses uses the
/// Artış form below the target and the Azalış form above it (the smaller over the larger).
pub fn realisation_rate(direction: Direction, baseline: f64, target: f64, actual: f64) -> f64 {
    let (a, y, x) = (baseline, target, actual);
    if y != a {
        return ratio(x - a, y - a) * 100.0;
    }
    let below = ratio(x, y) * 100.0;
    let above = ratio(y, x) * 100.0;
    match direction {
        Direction::Increase if x >= y => 100.0,
        Direction::Increase => below,
        Direction::Decrease if x <= y => 100.0,
        Direction::Decrease => above,
        Direction::Either if x == y => 100.0,
        Direction::Either if x < y => below,
        Direction::Either => above,
    }
}

/// An indicator's realisation rate for year `t`: baseline, target for `t`, Yıl Sonu value of `t`.
pub fn indicator_rate(indicator: &Indicator, year: i32) -> RateOutcome {
    indicator_rate_in(indicator, year, Period::YearEnd)
}

/// An indicator's realisation rate for a period of year `t` (spec/monitoring.md): the value of
/// that period (1. İzleme or Yıl Sonu) against the baseline and the target for the whole year
/// `t` — for the first period it reads as progress towards the year's target.
pub fn indicator_rate_in(indicator: &Indicator, year: i32, period: Period) -> RateOutcome {
    let Some(a) = indicator.baseline.value else {
        return RateOutcome::Missing(Why::NoBaseline);
    };
    let Some(y) = indicator.target(year) else {
        return RateOutcome::Missing(Why::NoTarget { year });
    };
    let Some(x) = indicator.actual(year, period).map(|a| a.value.value) else {
        return RateOutcome::Missing(match period {
            Period::YearEnd => Why::NoYearEnd { year },
            Period::Interim => Why::NoInterim { year },
        });
    };
    RateOutcome::Rate(realisation_rate(indicator.direction.value, a, y, x))
}

/// The hedef roll-up of rates and weights: `H = Σ min(O_i, tavan) × w_i / 100`; `cap` None means
/// no cap.
pub fn roll_up(rates_and_weights: &[(f64, f64)], cap: Option<f64>) -> f64 {
    rates_and_weights
        .iter()
        .map(|&(rate, weight)| {
            let r = match cap {
                Some(c) => rate.min(c),
                None => rate,
            };
            r * weight / 100.0
        })
        .sum()
}

/// A hedef's realisation for year `t` over its indicators (weights = Hedefe Etkisi). If any
/// indicator has no rate, H is not computed and the reason names every missing indicator.
pub fn objective_rate(model: &Model, objective: &str, year: i32, cap: Option<f64>) -> RateOutcome {
    objective_rate_in(model, objective, year, Period::YearEnd, cap)
}

/// A hedef's realisation for a period of year `t`, from [`indicator_rate_in`].
pub fn objective_rate_in(
    model: &Model,
    objective: &str,
    year: i32,
    period: Period,
    cap: Option<f64>,
) -> RateOutcome {
    let mut pairs = Vec::new();
    let mut missing = Vec::new();
    for ind in model.indicators_of(objective) {
        match indicator_rate_in(ind, year, period) {
            RateOutcome::Rate(r) => pairs.push((r, ind.weight.value)),
            RateOutcome::Missing(why) => missing.push((ind.code.clone(), why)),
        }
    }
    if !missing.is_empty() {
        return RateOutcome::Missing(Why::MissingIndicators(missing));
    }
    if pairs.is_empty() {
        return RateOutcome::Missing(Why::NoIndicators);
    }
    RateOutcome::Rate(roll_up(&pairs, cap))
}

/// An amaç's realisation: the mean of its hedefs' H. Not computed when a hedef's H is not.
pub fn goal_rate(model: &Model, goal: &str, year: i32, cap: Option<f64>) -> RateOutcome {
    let Some(g) = model.goals.iter().find(|g| g.code == goal) else {
        return RateOutcome::Missing(Why::NoObjectives);
    };
    let mut rates = Vec::new();
    let mut missing = Vec::new();
    for o in &g.objectives {
        match objective_rate(model, &o.code, year, cap) {
            RateOutcome::Rate(r) => rates.push(r),
            RateOutcome::Missing(why) => missing.push((o.code.clone(), why)),
        }
    }
    if !missing.is_empty() {
        return RateOutcome::Missing(Why::MissingObjectives(missing));
    }
    if rates.is_empty() {
        return RateOutcome::Missing(Why::NoObjectives);
    }
    RateOutcome::Rate(rates.iter().sum::<f64>() / rates.len() as f64)
}

/// Where a hedef stands in a monitoring period (spec/monitoring.md): `Hedefte` at 100 % or
/// more, `Yakın` at 75 % or more, `Geride` below, `veri yok` when its rate is not computed.
/// The rate is compared as printed (one decimal, [`crate::text::format::ratio`]), so the word
/// always agrees with the number beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    OnTarget,
    Near,
    Behind,
    NoData,
}

impl Standing {
    pub fn of(rate: Option<f64>) -> Standing {
        let Some(r) = rate else {
            return Standing::NoData;
        };
        let shown = crate::text::format::rounded_ratio(r);
        if shown >= 100.0 {
            Standing::OnTarget
        } else if shown >= 75.0 {
            Standing::Near
        } else {
            Standing::Behind
        }
    }

    /// The traffic-light word the books print.
    pub fn label(self) -> &'static str {
        match self {
            Standing::OnTarget => "Hedefte",
            Standing::Near => "Yakın",
            Standing::Behind => "Geride",
            Standing::NoData => "veri yok",
        }
    }
}

/// The latest known value of an indicator for a year: the Yıl Sonu value, else the 1. İzleme
/// value — the Performans Programı's "t−1 Gerçekleşme Tahmini".
pub fn latest_value(indicator: &Indicator, year: i32) -> Option<(f64, Period)> {
    [Period::YearEnd, Period::Interim]
        .into_iter()
        .find_map(|p| indicator.actual(year, p).map(|a| (a.value.value, p)))
}

/// Budget realisation: `Harcama / Toplam Ödenek × 100`, 0 when the appropriation is 0.
pub fn budget_rate(expenditure: f64, appropriation: f64) -> f64 {
    ratio(expenditure, appropriation) * 100.0
}

/// Appropriation and expenditure summed over some budget lines, with their rate.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BudgetAmounts {
    /// Toplam Ödenek.
    pub appropriation: f64,
    /// Harcama (an empty Harcama counts as 0).
    pub expenditure: f64,
}

impl BudgetAmounts {
    pub fn rate(&self) -> f64 {
        budget_rate(self.expenditure, self.appropriation)
    }

    fn add(&mut self, appropriation: f64, expenditure: f64) {
        self.appropriation += appropriation;
        self.expenditure += expenditure;
    }
}

/// One economic code's amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct EconomicCodeBudget {
    pub economic_code: String,
    pub amounts: BudgetAmounts,
}

/// One directorate's budget: per economic code and in total.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectorateBudget {
    pub directorate: String,
    pub by_code: Vec<EconomicCodeBudget>,
    pub total: BudgetAmounts,
}

/// Budget realisation of a year: per economic code (all directorates), per directorate, and
/// in total.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRealisation {
    pub year: i32,
    /// In economic code order, codes with at least one line.
    pub by_code: Vec<EconomicCodeBudget>,
    /// In kurum.yaml order, directorates with at least one line.
    pub by_directorate: Vec<DirectorateBudget>,
    pub total: BudgetAmounts,
}

fn add_to(list: &mut Vec<EconomicCodeBudget>, code: &str, appropriation: f64, expenditure: f64) {
    match list.iter_mut().find(|c| c.economic_code == code) {
        Some(c) => c.amounts.add(appropriation, expenditure),
        None => {
            let mut amounts = BudgetAmounts::default();
            amounts.add(appropriation, expenditure);
            list.push(EconomicCodeBudget {
                economic_code: code.to_string(),
                amounts,
            });
        }
    }
}

/// Sums the model's budget lines of a year.
pub fn budget_realisation(model: &Model, year: i32) -> BudgetRealisation {
    let mut by_code = Vec::new();
    let mut by_directorate: Vec<DirectorateBudget> = Vec::new();
    let mut total = BudgetAmounts::default();
    for line in model.budget.iter().filter(|l| l.year == year) {
        let appropriation = line.total_appropriation.value;
        let expenditure = line.expenditure.value.unwrap_or(0.0);
        total.add(appropriation, expenditure);
        add_to(
            &mut by_code,
            &line.economic_code,
            appropriation,
            expenditure,
        );
        let d = match by_directorate
            .iter_mut()
            .position(|d| d.directorate == line.directorate)
        {
            Some(i) => &mut by_directorate[i],
            None => {
                by_directorate.push(DirectorateBudget {
                    directorate: line.directorate.clone(),
                    by_code: Vec::new(),
                    total: BudgetAmounts::default(),
                });
                let last = by_directorate.len() - 1;
                &mut by_directorate[last]
            }
        };
        d.total.add(appropriation, expenditure);
        add_to(
            &mut d.by_code,
            &line.economic_code,
            appropriation,
            expenditure,
        );
    }
    by_code.sort_by(|a, b| a.economic_code.cmp(&b.economic_code));
    let order = |name: &str| {
        model
            .directorates
            .iter()
            .position(|d| d.name == name)
            .unwrap_or(usize::MAX)
    };
    by_directorate.sort_by_key(|d| order(&d.directorate));
    for d in &mut by_directorate {
        d.by_code
            .sort_by(|a, b| a.economic_code.cmp(&b.economic_code));
    }
    BudgetRealisation {
        year,
        by_code,
        by_directorate,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actual, Frequency, Sourced};
    use std::collections::BTreeMap;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn indicator(
        code: &str,
        direction: Direction,
        weight: f64,
        baseline: Option<f64>,
        target_2025: Option<f64>,
        year_end_2025: Option<f64>,
    ) -> Indicator {
        let mut targets = BTreeMap::new();
        targets.insert(2025, Sourced::plain(target_2025));
        let actuals = year_end_2025
            .map(|x| Actual {
                year: 2025,
                period: Period::YearEnd,
                value: Sourced::plain(x),
                deviation_reason: Sourced::plain(None),
                data_source: Sourced::plain(None),
                code_cell: None,
            })
            .into_iter()
            .collect();
        Indicator {
            code: code.to_string(),
            code_cell: None,
            objective: Sourced::plain("H1.1".to_string()),
            directorate: "Fen İşleri Müdürlüğü".to_string(),
            name: Sourced::plain(format!("{code} adı")),
            unit: Sourced::plain("Sayı".to_string()),
            direction: Sourced::plain(direction),
            weight: Sourced::plain(weight),
            baseline: Sourced::plain(baseline),
            targets,
            monitoring: Sourced::plain(Frequency::Annual),
            reporting: Sourced::plain(Frequency::Annual),
            cooperating: Sourced::plain(Vec::new()),
            note: Sourced::plain(None),
            actuals,
        }
    }

    #[test]
    fn worked_example_decreasing_indicator() {
        // A=40, Y=30, X=32 → 80.
        let r = realisation_rate(Direction::Decrease, 40.0, 30.0, 32.0);
        assert!(close(r, 80.0), "{r}");
        assert_eq!(crate::text::format::ratio(r), "80,0");
        let ind = indicator(
            "PG1.1.1",
            Direction::Decrease,
            100.0,
            Some(40.0),
            Some(30.0),
            Some(32.0),
        );
        assert_eq!(
            indicator_rate(&ind, 2025)
                .rate()
                .map(crate::text::format::ratio),
            Some("80,0".into())
        );
    }

    #[test]
    fn hedef_roll_up_worked_examples() {
        let w = [30.0, 30.0, 40.0];
        let rates = [100.0, 50.0, 80.0];
        let pairs: Vec<(f64, f64)> = rates.iter().copied().zip(w).collect();
        assert_eq!(
            crate::text::format::ratio(roll_up(&pairs, Some(100.0))),
            "77,0"
        );
        let over: Vec<(f64, f64)> = [120.0, 50.0, 80.0].iter().copied().zip(w).collect();
        assert!(close(roll_up(&over, Some(100.0)), 77.0));
        assert_eq!(
            crate::text::format::ratio(roll_up(&over, Some(100.0))),
            "77,0"
        );
        assert!(close(roll_up(&over, None), 83.0));
        assert_eq!(crate::text::format::ratio(roll_up(&over, None)), "83,0");
    }

    #[test]
    fn maintain_indicators_both_directions() {
        use Direction::*;
        // Artış: X ≥ Y → 100, X < Y → X / Y × 100.
        assert_eq!(realisation_rate(Increase, 50.0, 50.0, 55.0), 100.0);
        assert_eq!(realisation_rate(Increase, 50.0, 50.0, 50.0), 100.0);
        assert!(close(realisation_rate(Increase, 50.0, 50.0, 40.0), 80.0));
        // Azalış: X ≤ Y → 100, else Y / X × 100.
        assert_eq!(realisation_rate(Decrease, 50.0, 50.0, 45.0), 100.0);
        assert_eq!(realisation_rate(Decrease, 50.0, 50.0, 50.0), 100.0);
        assert!(close(realisation_rate(Decrease, 40.0, 40.0, 50.0), 80.0));
        // Artış/Azalış: X = Y → 100, otherwise the smaller over the larger.
        assert_eq!(realisation_rate(Either, 50.0, 50.0, 50.0), 100.0);
        assert!(close(realisation_rate(Either, 50.0, 50.0, 40.0), 80.0));
        assert!(close(realisation_rate(Either, 40.0, 40.0, 50.0), 80.0));
    }

    #[test]
    fn division_by_zero_gives_zero_never_panics() {
        use Direction::*;
        // Y = A = 0.
        assert_eq!(realisation_rate(Increase, 0.0, 0.0, 0.0), 100.0);
        assert_eq!(realisation_rate(Increase, 0.0, 0.0, 5.0), 100.0);
        assert_eq!(realisation_rate(Increase, 0.0, 0.0, -5.0), 0.0);
        assert_eq!(realisation_rate(Decrease, 0.0, 0.0, 0.0), 100.0);
        assert_eq!(realisation_rate(Decrease, 0.0, 0.0, 5.0), 0.0);
        assert_eq!(realisation_rate(Either, 0.0, 0.0, 0.0), 100.0);
        assert_eq!(realisation_rate(Either, 0.0, 0.0, 3.0), 0.0);
        assert_eq!(realisation_rate(Either, 0.0, 0.0, -3.0), 0.0);
        // Azalış with X = 0.
        assert_eq!(realisation_rate(Decrease, 10.0, 10.0, 0.0), 100.0);
        assert_eq!(realisation_rate(Decrease, -5.0, -5.0, 0.0), 0.0);
        assert!(close(realisation_rate(Decrease, 10.0, 0.0, 0.0), 100.0));
        // Budget with no appropriation.
        assert_eq!(budget_rate(0.0, 0.0), 0.0);
        assert_eq!(budget_rate(100.0, 0.0), 0.0);
        assert!(close(budget_rate(50.0, 200.0), 25.0));
        for r in [
            realisation_rate(Increase, 0.0, 0.0, 0.0),
            realisation_rate(Decrease, 0.0, 0.0, 1.0),
        ] {
            assert!(r.is_finite());
        }
    }

    #[test]
    fn missing_values_say_why() {
        let no_baseline = indicator(
            "PG1.1.1",
            Direction::Increase,
            50.0,
            None,
            Some(10.0),
            Some(5.0),
        );
        assert_eq!(
            indicator_rate(&no_baseline, 2025),
            RateOutcome::Missing(Why::NoBaseline)
        );
        let no_target = indicator(
            "PG1.1.1",
            Direction::Increase,
            50.0,
            Some(0.0),
            None,
            Some(5.0),
        );
        assert_eq!(
            indicator_rate(&no_target, 2025),
            RateOutcome::Missing(Why::NoTarget { year: 2025 })
        );
        let no_value = indicator(
            "PG1.1.2",
            Direction::Increase,
            50.0,
            Some(0.0),
            Some(10.0),
            None,
        );
        assert_eq!(
            indicator_rate(&no_value, 2025),
            RateOutcome::Missing(Why::NoYearEnd { year: 2025 })
        );
        assert_eq!(
            Why::NoYearEnd { year: 2025 }.to_string(),
            "2025 yılı için Yıl Sonu değeri yok"
        );
        let why = Why::MissingIndicators(vec![("PG1.1.2".into(), Why::NoYearEnd { year: 2025 })]);
        assert!(why.to_string().contains("PG1.1.2"), "{why}");
    }

    #[test]
    fn interim_value_when_no_year_end() {
        let mut ind = indicator(
            "PG1.1.1",
            Direction::Increase,
            100.0,
            Some(0.0),
            Some(10.0),
            None,
        );
        assert_eq!(latest_value(&ind, 2025), None);
        ind.actuals.push(Actual {
            year: 2025,
            period: Period::Interim,
            value: Sourced::plain(4.0),
            deviation_reason: Sourced::plain(None),
            data_source: Sourced::plain(None),
            code_cell: None,
        });
        assert_eq!(latest_value(&ind, 2025), Some((4.0, Period::Interim)));
        ind.actuals.push(Actual {
            year: 2025,
            period: Period::YearEnd,
            value: Sourced::plain(9.0),
            deviation_reason: Sourced::plain(None),
            data_source: Sourced::plain(None),
            code_cell: None,
        });
        assert_eq!(latest_value(&ind, 2025), Some((9.0, Period::YearEnd)));
    }

    #[test]
    fn one_decimal_half_away_from_zero() {
        assert_eq!(crate::text::format::ratio(77.45), "77,5");
        assert_eq!(crate::text::format::ratio(77.25), "77,3");
        assert_eq!(crate::text::format::ratio(83.0), "83,0");
        assert_eq!(crate::text::format::ratio(77.44999999999999), "77,5");
        assert_eq!(crate::text::format::ratio(77.44), "77,4");
        assert_eq!(crate::text::format::ratio(99.95), "100,0");
        assert_eq!(crate::text::format::ratio(-12.25), "-12,3");
        assert_eq!(crate::text::format::ratio(-0.04), "0,0");
        assert_eq!(crate::text::format::ratio(0.05), "0,1");
        assert_eq!(crate::text::format::ratio(1234.56), "1.234,6");
        assert_eq!(crate::text::format::ratio(f64::NAN), "—");
    }
}
