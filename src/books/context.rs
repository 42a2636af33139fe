//! The data a book's template receives: every number already formatted the Turkish way,
//! every value cell with its marks (an error a finding touches in a draft; the decision
//! that amended it).

use std::collections::BTreeSet;

use super::Book;
use crate::config::Settings;
use crate::finding::Finding;
use crate::model::Model;

/// Everything a book is made from.
pub struct BookInput<'a> {
    pub model: &'a Model,
    pub settings: &'a Settings,
    /// The findings after severity overrides (marks in drafts come from the `hata` ones).
    pub findings: &'a [Finding],
    /// True when the book is a draft (errors and no `--kati`): TASLAK on every page.
    pub draft: bool,
    /// The narrative chapters present in `metinler/` (file stems, e.g. `sunus`).
    pub narratives: &'a BTreeSet<String>,
}

/// The template context of one book.
pub fn book_context(book: Book, input: &BookInput) -> serde_json::Value {
    serde_json::json!({
        "kitap": { "kod": book.code(), "baslik": book.title(), "yillar": book.years_text(&input.settings.years) },
        "taslak": input.draft,
        "kurum": { "ad": input.model.institution.name },
    })
}
