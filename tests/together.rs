//! Books typeset at the same time (one thread each, as `kitap derle` does) are the same bytes as
//! each book built on its own (`kitap derle --kitap sp`, …): issue #16's acceptance 2.

mod kit;

use std::path::Path;

use kit::*;
use kitap::books::Book;

/// Builds `books` of the bundled example into `out`; the written PDFs' file names.
fn build(out: &Path, books: &[Book]) -> Vec<String> {
    let build = build_books(&example_dir(), out, books);
    let built = build.built.expect("the books are made");
    built.books.iter().map(|b| b.file.clone()).collect()
}

#[test]
fn five_books_built_together_are_the_same_bytes_as_each_built_alone() {
    let every: Vec<Book> = ["sp", "pp", "fr", "iz", "dr"]
        .iter()
        .filter_map(|c| Book::parse(c))
        .collect();
    let together = tempfile::tempdir().expect("output folder");
    let files = build(together.path(), &every);
    assert_eq!(files.len(), 5, "{files:?}");
    for (book, file) in every.iter().zip(&files) {
        let alone = tempfile::tempdir().expect("output folder");
        assert_eq!(build(alone.path(), &[*book]), std::slice::from_ref(file));
        let read = |dir: &Path, name: &str| std::fs::read(dir.join(name)).expect("written");
        assert!(
            read(together.path(), file) == read(alone.path(), file),
            "{file}: built with the others, it differs from the book built alone"
        );
        let source = format!("kaynak/{}", file.replace(".pdf", ".typ"));
        assert_eq!(
            read(together.path(), &source),
            read(alone.path(), &source),
            "{source}"
        );
    }
}
