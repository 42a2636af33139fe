//! The source index (issue 14): numbers picked at random from the three books' PDF text are
//! traced by `kaynak/izler.json` to a workbook cell whose content, read back with calamine, is
//! that number, or to the council decision that set it; and every book has its Veri
//! Kaynakları annex.

mod kit;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use kit::*;
use kitap::books::Book;
use kitap::ingest::InProcessReader;
use kitap::pipeline::{self, BuildOptions, Options};
use kitap::publish::Publisher;
use serde_json::Value;

/// A number as the books print it, read back: `1.234,5` → 1234.5, `%77,5` → 77.5.
fn printed(text: &str) -> Option<f64> {
    let t = text.trim_start_matches('%');
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    t.replace('.', "").replace(',', ".").parse().ok()
}

/// `G5` → (row 4, column 6), 0-based.
fn a1(cell: &str) -> (u32, u32) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let digits: String = cell.chars().skip(letters.len()).collect();
    let col = letters.chars().fold(0u32, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    }) - 1;
    (digits.parse::<u32>().expect("a row") - 1, col)
}

/// A cell's value as a number, read with calamine (numbers typed as text too, the way a
/// directorate may have written them: `%35`, `36.400.000`, `11.842,5`).
fn cell_number(project: &Path, file: &str, sheet: &str, cell: &str) -> Option<f64> {
    let mut book = open_workbook_auto(project.join(file)).expect("the workbook opens");
    let range = book.worksheet_range(sheet).expect("the sheet");
    let (row, col) = a1(cell);
    match range.get_value((row, col))? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) => {
            let s = s.trim().trim_start_matches('%').trim();
            if s.contains(',') {
                s.replace('.', "").replace(',', ".").parse().ok()
            } else if s.matches('.').count() > 1 {
                s.replace('.', "").parse().ok()
            } else {
                s.parse().ok()
            }
        }
        _ => None,
    }
}

/// A small deterministic generator: the same ten values every run, different values for a
/// different seed (`KITAP_TEST_SEED`).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn ten_printed_numbers_lead_back_to_their_cells_or_decisions() {
    let project = example_dir();
    let out = tempfile::tempdir().expect("output folder");
    let options = BuildOptions {
        check: Options {
            books: Book::DEFAULT.to_vec(),
            ..Options::default()
        },
        out_dir: Some(out.path().to_path_buf()),
        ..BuildOptions::default()
    };
    let mut publisher = Publisher::new(&project);
    let build = pipeline::build(
        &project,
        &options,
        &InProcessReader,
        &mut publisher,
        &|_| {},
    )
    .expect("the project builds");
    let built = build.built.expect("the books are made");
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("kaynak/izler.json")).expect("izler.json"),
    )
    .expect("izler.json is JSON");

    // Per book: the index's entries by printed text.
    let mut entries: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    for b in index["kitaplar"].as_array().expect("kitaplar") {
        let by_text = entries
            .entry(b["kitap"].as_str().expect("kitap").to_string())
            .or_default();
        for v in b["degerler"].as_array().expect("degerler") {
            by_text
                .entry(v["metin"].as_str().expect("metin").to_string())
                .or_default()
                .push(v.clone());
        }
    }
    assert_eq!(entries.len(), 3, "the three books are in the index");

    // The candidates: every number in a book's text that the index lists with a cell it was
    // read from or a decision (page numbers, years and counts the books compute are not data).
    let mut candidates: Vec<(String, String)> = Vec::new();
    for b in &built.books {
        let pdf = std::fs::read(out.path().join(&b.file)).expect("the PDF");
        let text = normalise(&pdf_extract::extract_text_from_mem(&pdf).expect("readable PDF"));
        let by_text = &entries[&b.file];
        for token in text.split(' ') {
            let token = token.trim_end_matches([')', ';', ':']);
            let direct = by_text.get(token).is_some_and(|list| {
                list.iter()
                    .any(|v| v["tur"] == "hucre" || v["tur"] == "karar")
            });
            if direct && printed(token).is_some() {
                candidates.push((b.file.clone(), token.to_string()));
            }
        }
    }
    candidates.sort();
    candidates.dedup();
    assert!(candidates.len() > 100, "{} candidates", candidates.len());

    let seed = std::env::var("KITAP_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20251205);
    let mut rng = Lcg(seed);
    let mut kinds = BTreeMap::new();
    for _ in 0..10 {
        let (book, token) = &candidates[rng.next(candidates.len())];
        let value = printed(token).expect("a number");
        let traced = entries[book][token].iter().any(|v| {
            if v["tur"] == "karar" {
                // The decision's file sets this value.
                v["kararlar"].as_array().is_some_and(|ks| {
                    ks.iter().any(|k| {
                        let file = project.join(k["dosya"].as_str().unwrap_or(""));
                        let text = std::fs::read_to_string(file).unwrap_or_default();
                        k["degisiklikler"].as_array().is_some_and(|cs| {
                            cs.iter().any(|c| {
                                let new = c["yeni"].as_str().unwrap_or("");
                                text.contains(&format!("yeni: {new}"))
                                    && new.parse::<f64>().is_ok_and(|n| (n - value).abs() < 1e-6)
                            })
                        })
                    })
                })
            } else if v["tur"] == "hucre" {
                let c = &v["hucreler"][0];
                cell_number(
                    &project,
                    c["dosya"].as_str().unwrap_or(""),
                    c["sayfa"].as_str().unwrap_or(""),
                    c["hucre"].as_str().unwrap_or(""),
                )
                .is_some_and(|x| {
                    // The book prints at most two decimals (rates one): compare as printed.
                    let decimals = token.rsplit_once(',').map_or(0, |(_, d)| d.len()) as i32;
                    let scale = 10f64.powi(decimals);
                    ((x * scale).round() - (value * scale).round()).abs() < 0.5
                })
            } else {
                false
            }
        });
        assert!(
            traced,
            "{book}: “{token}” does not lead back to its cell: {:#?}",
            entries[book][token]
        );
        *kinds.entry(book.clone()).or_insert(0) += 1;
    }
    eprintln!("checked: {kinds:?}");
}

#[test]
fn every_book_has_its_veri_kaynaklari_annex() {
    let out = tempfile::tempdir().expect("output folder");
    let project = example_dir();
    let mut options = BuildOptions {
        out_dir: Some(out.path().to_path_buf()),
        ..BuildOptions::default()
    };
    options.check.books = ["sp", "pp", "fr", "iz", "dr"]
        .iter()
        .filter_map(|c| Book::parse(c))
        .collect();
    let mut publisher = Publisher::new(&project);
    let build = pipeline::build(
        &project,
        &options,
        &InProcessReader,
        &mut publisher,
        &|_| {},
    )
    .expect("the project builds");
    let model = &build.checked.model;
    let indicator = &model.indicators[0];
    let cell = indicator.code_cell.as_ref().expect("a cell");
    // Under its workbook's path, the indicator's line: its code, then its sheet and row.
    let line = format!("{} {}: {}", indicator.code, cell.sheet, cell.row + 1);
    for b in &build.built.expect("the books").books {
        let pdf = std::fs::read(out.path().join(&b.file)).expect("the PDF");
        let text = normalise(&pdf_extract::extract_text_from_mem(&pdf).expect("readable PDF"));
        let annex = &text[text.rfind("Veri Kaynakları").expect("the annex")..];
        let workbook = annex
            .find(&cell.file)
            .unwrap_or_else(|| panic!("{}: {} in the annex", b.file, cell.file));
        assert!(
            annex[workbook..].contains(&line),
            "{}: “{line}” under {} in the annex",
            b.file,
            cell.file
        );
    }
}
