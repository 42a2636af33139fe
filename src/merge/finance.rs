//! The institution-level sheets (spec/finance.md: Gelirler, Borçlar, İştirakler, Transferler)
//! of every usable workbook into the model's [`Finance`]. Each sheet is taken from the one
//! workbook that carries it; a sheet in two workbooks is M001 (hata): neither copy is used, its
//! rows count as rejected in both files, and the later file (in sorted order) carries the
//! finding, which names every file (like Y006).

use std::collections::BTreeMap;

use crate::finding::{Code, Finding};
use crate::model::{Finance, FinanceKind, FinanceSheet};

/// One usable workbook's institution-level sheets, as read.
struct Carried {
    file: String,
    directorate: String,
    finance: Finance,
}

/// How many of a file's institution-level rows reached the model and how many were rejected
/// here (M001); rows rejected while reading are counted by the reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FinanceCount {
    pub kept: usize,
    pub rejected: usize,
}

/// The institution-level sheets of the usable workbooks, in file order.
#[derive(Default)]
pub struct FinanceRows {
    books: Vec<Carried>,
}

impl FinanceRows {
    /// Takes the institution-level sheets of one usable workbook of `directorate`.
    pub fn take(&mut self, file: &str, directorate: &str, finance: Finance) {
        self.books.push(Carried {
            file: file.to_string(),
            directorate: directorate.to_string(),
            finance,
        });
    }

    /// The model's finance, the M001 findings, and the rows of each file (by file name).
    pub fn finish(mut self) -> (Finance, Vec<Finding>, BTreeMap<String, FinanceCount>) {
        self.books.sort_by(|a, b| a.file.cmp(&b.file));
        let mut finance = Finance::default();
        let mut out = Out::default();
        finance.revenue = self.one(FinanceKind::Revenue, |f| &mut f.revenue, &mut out);
        finance.debts = self.one(FinanceKind::Debts, |f| &mut f.debts, &mut out);
        finance.affiliates = self.one(FinanceKind::Affiliates, |f| &mut f.affiliates, &mut out);
        finance.transfers = self.one(FinanceKind::Transfers, |f| &mut f.transfers, &mut out);
        finance.rejected = out.rejected;
        (finance, out.findings, out.counts)
    }

    /// One kind of sheet: the single copy, or `None` with an M001 for each later copy.
    fn one<T>(
        &mut self,
        kind: FinanceKind,
        sheet_of: fn(&mut Finance) -> &mut Option<FinanceSheet<T>>,
        out: &mut Out,
    ) -> Option<FinanceSheet<T>> {
        let (findings, counts) = (&mut out.findings, &mut out.counts);
        let mut copies: Vec<(usize, FinanceSheet<T>)> = Vec::new();
        for (i, book) in self.books.iter_mut().enumerate() {
            if let Some(sheet) = sheet_of(&mut book.finance).take() {
                copies.push((i, sheet));
            }
        }
        match copies.len() {
            0 => None,
            1 => {
                let (i, sheet) = copies.pop()?;
                let book = &self.books[i];
                counts.entry(book.file.clone()).or_default().kept += sheet.row_count();
                // A copy without its required columns (Y003) is sent but not used.
                if book.finance.rejected.contains(&kind) {
                    out.rejected.push(kind);
                    return None;
                }
                Some(sheet)
            }
            _ => {
                let files: Vec<&str> = copies
                    .iter()
                    .map(|(i, _)| self.books[*i].file.as_str())
                    .collect();
                for (n, (i, sheet)) in copies.iter().enumerate() {
                    let book = &self.books[*i];
                    counts.entry(book.file.clone()).or_default().rejected += sheet.row_count();
                    if n == 0 {
                        continue;
                    }
                    let others = files
                        .iter()
                        .filter(|f| **f != book.file)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let msg = format!(
                        "“{}” sayfası birden fazla çalışma kitabında var: {} ve {others}. Hiçbiri kullanılmadı; kurum düzeyindeki bu sayfa yalnızca bir çalışma kitabında (genellikle Mali Hizmetler Müdürlüğü'nünkünde) bulunsun, ötekinden silin.",
                        kind.sheet_name(),
                        book.file
                    );
                    findings.push(
                        Finding::new(Code::M001, msg)
                            .in_sheet(&book.file, &sheet.sheet)
                            .directorate(Some(&book.directorate)),
                    );
                }
                out.rejected.push(kind);
                None
            }
        }
    }
}

/// What [`FinanceRows::finish`] gathers besides the sheets.
#[derive(Default)]
struct Out {
    findings: Vec<Finding>,
    counts: BTreeMap<String, FinanceCount>,
    /// In [`FinanceKind`] order, since the kinds are taken in that order.
    rejected: Vec<FinanceKind>,
}
