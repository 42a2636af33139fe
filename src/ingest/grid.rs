//! A sheet's cells addressable by absolute (row, column), with merged regions applied: the
//! value of a merge stands in every cell it spans.

use std::collections::HashMap;

use super::read::{RawSheet, RawValue};

/// At most this many cells are filled in from merged regions (a hostile sheet could merge
/// a million rows); beyond it, merges are looked up one by one.
const MAX_MERGE_EXPANSION: u64 = 1_000_000;

pub struct Grid<'a> {
    pub sheet: &'a RawSheet,
    cells: HashMap<(u32, u32), &'a RawValue>,
    /// Covered cell → the merge's top-left cell.
    covered: HashMap<(u32, u32), (u32, u32)>,
    last_row: u32,
}

impl<'a> Grid<'a> {
    pub fn new(sheet: &'a RawSheet) -> Grid<'a> {
        let cells: HashMap<(u32, u32), &RawValue> = sheet
            .cells
            .iter()
            .map(|c| ((c.row, c.col), &c.value))
            .collect();
        let (max_row, max_col) = sheet.cells.iter().fold((0u32, 0u32), |(r, c), cell| {
            (r.max(cell.row), c.max(cell.col))
        });
        let mut covered = HashMap::new();
        let mut budget = MAX_MERGE_EXPANSION;
        let mut last_row = max_row;
        for m in &sheet.merges {
            let origin = (m.first_row, m.first_col);
            if !cells.contains_key(&origin) {
                continue;
            }
            // Only the part of a merge inside the used area matters.
            let last_r = m.last_row.min(max_row.saturating_add(1000));
            let last_c = m.last_col.min(max_col);
            for r in m.first_row..=last_r {
                for c in m.first_col..=last_c {
                    if budget == 0 {
                        break;
                    }
                    if (r, c) != origin {
                        covered.insert((r, c), origin);
                        budget -= 1;
                    }
                }
            }
            last_row = last_row.max(last_r);
        }
        Grid {
            sheet,
            cells,
            covered,
            last_row,
        }
    }

    /// The value at (row, col), a merge's value included.
    pub fn get(&self, row: u32, col: u32) -> Option<&'a RawValue> {
        if let Some(v) = self.cells.get(&(row, col)) {
            return Some(v);
        }
        self.covered
            .get(&(row, col))
            .and_then(|o| self.cells.get(o).copied())
    }

    /// Whether (row, col) holds its own value rather than one spread from a merge.
    pub fn is_merge_copy(&self, row: u32, col: u32) -> bool {
        !self.cells.contains_key(&(row, col)) && self.covered.contains_key(&(row, col))
    }

    pub fn last_row(&self) -> u32 {
        self.last_row
    }

    /// The cells of a row in column order (own values only, no merge copies).
    pub fn row_cells(&self, row: u32) -> Vec<(u32, &'a RawValue)> {
        let mut v: Vec<(u32, &RawValue)> = self
            .sheet
            .cells
            .iter()
            .filter(|c| c.row == row)
            .map(|c| (c.col, &c.value))
            .collect();
        v.sort_by_key(|(c, _)| *c);
        v
    }
}

/// A cell's value as text for headers and keys: numbers as typed (`2025`).
pub fn as_text(value: &RawValue) -> String {
    match value {
        RawValue::Text(s) => s.trim().to_string(),
        RawValue::Number(n) if !n.is_finite() => non_finite_text(*n).to_string(),
        RawValue::Number(n) => crate::text::plain_number(*n),
        RawValue::Bool(b) => if *b { "DOĞRU" } else { "YANLIŞ" }.to_string(),
        RawValue::Error(e) => e.clone(),
        RawValue::Date(d) => d.clone(),
    }
}

/// How a non-finite number is quoted to a directorate: `NaN`, `∞`, `-∞`.
pub fn non_finite_text(n: f64) -> &'static str {
    if n.is_nan() {
        "NaN"
    } else if n > 0.0 {
        "∞"
    } else {
        "-∞"
    }
}
