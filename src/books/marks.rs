//! Table cells with their marks: the red error mark of a draft (the code of every error finding
//! that names the cell, or the item the cell shows the code of) and the amendment mark (the
//! decision that changed the value). A cell goes to the templates as a [`MarkedCell`], the
//! dictionary that the layout library's `veri-tablosu` reads: `(metin: "1.234", hata:
//! ("G005",), degisiklik: ((karar: "2025/127", organ: "Meclis", tarih: "21.10.2025"),))`.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::model::{CellRef, Decision, Sourced};

/// One table cell: the text shown, its marks and where its value came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    /// Codes of the error findings that touch the value (drafts only).
    pub errors: BTreeSet<String>,
    /// Numbers of the decisions that changed the value, in order of first appearance.
    pub changes: Vec<String>,
    /// The workbook cells the value was read from (one) or computed from (several), in order
    /// of first appearance: the source index `kaynak/izler.json`.
    pub sources: Vec<CellRef>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// Adds the marks and sources of `other` (a value this one is computed from).
    pub fn absorb(&mut self, other: &Cell) {
        self.errors.extend(other.errors.iter().cloned());
        for c in &other.changes {
            if !self.changes.contains(c) {
                self.changes.push(c.clone());
            }
        }
        for s in &other.sources {
            if !self.sources.contains(s) {
                self.sources.push(s.clone());
            }
        }
    }

    /// The same marks and sources with another text.
    pub fn with_text(&self, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            errors: self.errors.clone(),
            changes: self.changes.clone(),
            sources: self.sources.clone(),
        }
    }

    /// Whether the cell carries any mark.
    pub fn is_marked(&self) -> bool {
        !self.errors.is_empty() || !self.changes.is_empty()
    }
}

/// A cell as the templates receive it: the dictionary `veri-tablosu` reads. `metin` is the text
/// shown (an array of strings for the list fields of a Hedef Kartı); `hata` and `degisiklik` are
/// absent when empty. Templates print it whole into Typst, so its fields are in alphabetical
/// order: the Typst dictionaries keep the key order of the generated sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkedCell<T = String> {
    /// The decisions that changed the value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub degisiklik: Vec<DecisionMark>,
    /// The codes of the error findings that touch the value (drafts only), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hata: Vec<String>,
    pub metin: T,
}

/// The decision of an amendment mark, as `degisiklik-notu` reads it: `organ` and `tarih` are
/// absent for a karar no that names no applied decision. Printed whole: alphabetical order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionMark {
    pub karar: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organ: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tarih: Option<String>,
}

/// Where marks come from: the error findings of a draft and the applied decisions.
pub struct Marks<'a> {
    draft: bool,
    /// (file, sheet, A1) → finding codes.
    by_cell: HashMap<(String, String, String), BTreeSet<String>>,
    /// Item code → finding codes, for findings that name an item but no cell.
    by_item: HashMap<String, BTreeSet<String>>,
    /// Directorate → finding codes, for findings that name neither a cell nor an item.
    by_directorate: HashMap<String, BTreeSet<String>>,
    decisions: &'a [Decision],
    /// Every cell given to a template with a number in its text, with its sources: the
    /// book's part of `kaynak/izler.json`.
    trace: RefCell<Vec<Traced>>,
}

/// A printed value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Traced {
    pub text: String,
    pub sources: Vec<CellRef>,
    /// The decisions that changed it.
    pub changes: Vec<String>,
}

impl<'a> Marks<'a> {
    /// Error marks only when `draft`: a final book has none (it has no errors, or `--kati`
    /// stopped the build).
    pub fn new(findings: &[Finding], decisions: &'a [Decision], draft: bool) -> Marks<'a> {
        let mut by_cell: HashMap<(String, String, String), BTreeSet<String>> = HashMap::new();
        let mut by_item: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut by_directorate: HashMap<String, BTreeSet<String>> = HashMap::new();
        if draft {
            for f in findings.iter().filter(|f| f.severity == Severity::Error) {
                let code = f.code.as_str().to_string();
                match (&f.file, &f.sheet, &f.cell) {
                    (Some(file), Some(sheet), Some(cell)) => {
                        for a1 in std::iter::once(cell).chain(f.other_cells.iter()) {
                            by_cell
                                .entry((file.clone(), sheet.clone(), a1.clone()))
                                .or_default()
                                .insert(code.clone());
                        }
                    }
                    _ => {
                        if let Some(item) = &f.item {
                            by_item.entry(item.clone()).or_default().insert(code);
                        } else if let Some(d) = &f.directorate {
                            by_directorate.entry(d.clone()).or_default().insert(code);
                        }
                    }
                }
            }
        }
        Marks {
            draft,
            by_cell,
            by_item,
            by_directorate,
            decisions,
            trace: RefCell::new(Vec::new()),
        }
    }

    /// The printed values recorded so far (see [`Traced`]), in the order they were printed.
    pub fn take_trace(&self) -> Vec<Traced> {
        std::mem::take(&mut *self.trace.borrow_mut())
    }

    pub fn draft(&self) -> bool {
        self.draft
    }

    fn cell_errors(&self, cell: Option<&CellRef>) -> BTreeSet<String> {
        match cell {
            Some(c) => self
                .by_cell
                .get(&(c.file.clone(), c.sheet.clone(), c.a1()))
                .cloned()
                .unwrap_or_default(),
            None => BTreeSet::new(),
        }
    }

    /// A cell showing a sourced value: errors on its workbook cell, the decision that changed it.
    pub fn sourced<T>(&self, value: &Sourced<T>, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            errors: self.cell_errors(value.cell.as_ref()),
            changes: value.changed_by.iter().cloned().collect(),
            sources: value.cell.iter().cloned().collect(),
        }
    }

    /// A cell showing an item's code (or starting with it): errors on the code's cell and every
    /// error finding that names the item without a cell.
    pub fn code(&self, code: &str, code_cell: Option<&CellRef>, text: impl Into<String>) -> Cell {
        let mut errors = self.cell_errors(code_cell);
        if let Some(codes) = self.by_item.get(code) {
            errors.extend(codes.iter().cloned());
        }
        Cell {
            text: text.into(),
            errors,
            changes: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// A cell naming a directorate: errors of findings about the directorate as a whole.
    pub fn directorate(&self, name: &str, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            errors: self.by_directorate.get(name).cloned().unwrap_or_default(),
            changes: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// The decision a karar no refers to, as the layout library's amendment dictionary.
    pub fn decision(&self, number: &str) -> DecisionMark {
        match self.decisions.iter().find(|d| d.number == number) {
            Some(d) => DecisionMark {
                karar: d.number.clone(),
                organ: Some(d.organ.clone()),
                tarih: Some(crate::text::format::short_date(d.date)),
            },
            None => DecisionMark {
                karar: number.to_string(),
                organ: None,
                tarih: None,
            },
        }
    }

    /// A cell as the dictionary `veri-tablosu` reads; a number (`1.234,5`, `-12`, `%77,5`) that
    /// came from the workbooks or a decision is recorded for the source index.
    pub fn value(&self, cell: &Cell) -> MarkedCell {
        let number = cell.text.bytes().any(|b| b.is_ascii_digit())
            && cell
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%'));
        if number && (!cell.sources.is_empty() || !cell.changes.is_empty()) {
            self.trace.borrow_mut().push(Traced {
                text: cell.text.clone(),
                sources: cell.sources.clone(),
                changes: cell.changes.clone(),
            });
        }
        self.value_with(cell, cell.text.clone())
    }

    /// The marks of `cell` on another value: a list field of a Hedef Kartı shows an array.
    pub fn value_with<T>(&self, cell: &Cell, metin: T) -> MarkedCell<T> {
        MarkedCell {
            degisiklik: cell.changes.iter().map(|c| self.decision(c)).collect(),
            hata: cell.errors.iter().cloned().collect(),
            metin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    fn finding_at(code: Code, cell: &CellRef) -> Finding {
        Finding::new(code, "x").at(cell)
    }

    #[test]
    fn error_marks_only_in_drafts_and_only_for_errors() {
        let c = CellRef::new("birimler/a.xlsx", "Göstergeler", 6, 5);
        let findings = vec![
            finding_at(Code::G005, &c).with_other_cells(vec!["F8".into()]),
            finding_at(Code::D006, &c),
            Finding::new(Code::G006, "y")
                .in_file("plan.yaml")
                .item("H1.2"),
        ];
        let m = Marks::new(&findings, &[], true);
        let v = Sourced::new(40.0, Some(c.clone()));
        let cell = m.sourced(&v, "40");
        assert_eq!(cell.errors.iter().collect::<Vec<_>>(), vec!["G005"]);
        let other = Sourced::new(
            30.0,
            Some(CellRef::new("birimler/a.xlsx", "Göstergeler", 7, 5)),
        );
        assert!(m.sourced(&other, "30").errors.contains("G005"));
        assert!(m.code("H1.2", None, "H1.2").errors.contains("G006"));
        let final_book = Marks::new(&findings, &[], false);
        assert!(!final_book.sourced(&v, "40").is_marked());
        assert!(!final_book.code("H1.2", None, "H1.2").is_marked());
    }

    #[test]
    fn amendment_marks_name_the_decision() {
        let decisions = vec![Decision {
            organ: "Meclis".into(),
            number: "2025/127".into(),
            date: crate::text::format::Date::new(2025, 10, 21).expect("a date"),
            file: "degisiklikler/2025-127.yaml".into(),
            reason: "r".into(),
        }];
        let m = Marks::new(&[], &decisions, false);
        let mut v = Sourced::plain(26.0);
        v.changed_by = Some("2025/127".into());
        let value = serde_json::to_value(m.value(&m.sourced(&v, "26"))).expect("serialises");
        assert_eq!(
            value,
            serde_json::json!({"metin": "26", "degisiklik": [{"karar": "2025/127", "organ": "Meclis", "tarih": "21.10.2025"}]})
        );
    }
}
