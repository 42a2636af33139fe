//! The goals and objectives of plan.yaml, as the model holds them.

use crate::config::PlanText;
use crate::model::{Goal, Objective, Sourced};

/// Every goal with its objectives, in plan.yaml's order.
pub fn goals(plan: &PlanText) -> Vec<Goal> {
    plan.goals
        .iter()
        .map(|g| Goal {
            code: g.code.clone(),
            name: g.name.clone(),
            objectives: g
                .objectives
                .iter()
                .map(|o| Objective {
                    code: o.code.clone(),
                    goal: g.code.clone(),
                    name: Sourced::plain(o.name.clone()),
                    responsible: Sourced::plain(o.responsible.clone()),
                    cooperating: Sourced::plain(o.cooperating.clone()),
                    risks: Sourced::plain(o.risks.clone()),
                    strategies: Sourced::plain(o.strategies.clone()),
                    observations: Sourced::plain(o.observations.clone()),
                    needs: Sourced::plain(o.needs.clone()),
                    cost_estimate: Sourced::plain(o.cost_estimate),
                })
                .collect(),
        })
        .collect()
}
