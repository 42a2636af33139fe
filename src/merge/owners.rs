//! Which directorate each workbook belongs to: the Birim Adı matched against kurum.yaml (Y005),
//! one workbook per directorate (Y006), and the directorates that sent none (Y007).

use std::collections::BTreeMap;

use crate::config::Settings;
use crate::finding::{Code, Finding};
use crate::ingest::ParsedWorkbook;
use crate::model::Directorate;

/// The directorate of each workbook (kurum.yaml's spelling), in the workbooks' order; `None`
/// when the workbook names none or one kurum.yaml does not know. A workbook naming an unknown
/// directorate (Y005) or sharing its directorate with another (Y006, for both) is marked
/// unusable and gets the finding.
pub fn assign(settings: &Settings, books: &mut [ParsedWorkbook]) -> Vec<Option<String>> {
    let mut owner: Vec<Option<String>> = Vec::with_capacity(books.len());
    for book in books.iter_mut() {
        let mut name = None;
        if let Some(claimed) = &book.directorate.name {
            match settings.find_directorate(&claimed.value) {
                Some(d) => name = Some(d.name.clone()),
                None => {
                    let known = settings
                        .directorates
                        .iter()
                        .map(|d| d.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let mut f = Finding::new(
                        Code::Y005,
                        format!(
                            "Birim Adı “{}” kurum.yaml'daki birimler arasında yok; bu çalışma kitabı kullanılmadı. Birim adını kurum.yaml'daki gibi yazın ({}) ya da birimi kurum.yaml'a ekleyin.",
                            claimed.value,
                            if known.is_empty() { "liste boş".to_string() } else { known }
                        ),
                    );
                    f = match &claimed.cell {
                        Some(cell) => f.at(cell),
                        None => f.in_file(&book.file),
                    };
                    book.findings.push(f);
                    book.usable = false;
                }
            }
        }
        owner.push(name);
    }
    reject_shared(&owner, books);
    owner
}

/// Two workbooks of one directorate: neither is used.
fn reject_shared(owner: &[Option<String>], books: &mut [ParsedWorkbook]) {
    let mut by_directorate: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, o) in owner.iter().enumerate() {
        if let (Some(name), true) = (o, books[i].usable) {
            by_directorate.entry(name.clone()).or_default().push(i);
        }
    }
    for (name, idx) in &by_directorate {
        if idx.len() < 2 {
            continue;
        }
        let all = idx
            .iter()
            .map(|&i| books[i].file.clone())
            .collect::<Vec<_>>();
        for &i in &idx[1..] {
            let others = all
                .iter()
                .filter(|f| **f != books[i].file)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let msg = format!(
                "{name} için birden fazla çalışma kitabı var: {} ve {others}. Hiçbiri kullanılmadı; birimin yalnızca bir çalışma kitabı birimler klasöründe kalsın.",
                books[i].file
            );
            let f = Finding::new(Code::Y006, msg);
            let f = match books[i]
                .directorate
                .name
                .as_ref()
                .and_then(|n| n.cell.clone())
            {
                Some(cell) => f.at(&cell),
                None => f.in_file(&books[i].file),
            };
            books[i].findings.push(f);
        }
        for &i in idx {
            books[i].usable = false;
        }
    }
}

/// The directorates of kurum.yaml, in its order, not yet filled in from a workbook.
pub fn directorates(settings: &Settings) -> Vec<Directorate> {
    settings
        .directorates
        .iter()
        .map(|d| Directorate {
            name: d.name.clone(),
            short_name: d.short_name.clone(),
            file: None,
            official: None,
            title: None,
            prepared_by: None,
            date: None,
        })
        .collect()
}

/// Fills a directorate in from the Birim sheet of its workbook.
pub fn fill(directorates: &mut [Directorate], name: &str, book: &ParsedWorkbook) {
    if let Some(d) = directorates.iter_mut().find(|d| d.name == name) {
        d.file = Some(book.file.clone());
        d.official = book.directorate.official.clone();
        d.title = book.directorate.title.clone();
        d.prepared_by = book.directorate.prepared_by.clone();
        d.date = book.directorate.date.clone();
    }
}

/// Y007 for each expected directorate with no usable workbook.
pub fn missing(directorates: &[Directorate]) -> Vec<Finding> {
    directorates
        .iter()
        .filter(|d| d.file.is_none())
        .map(|d| {
            Finding::new(
                Code::Y007,
                format!(
                    "{} çalışma kitabı göndermedi (ya da gönderdiği kullanılamadı). Birimin çalışma kitabını birimler klasörüne koyun.",
                    d.name
                ),
            )
            .directorate(Some(&d.name))
        })
        .collect()
}
