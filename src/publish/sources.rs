//! The source index `kaynak/izler.json`: every number a book prints that came from the
//! workbooks or from a council decision, with where it came from — the workbook cell it was
//! read from (`hucre`), the cells it was computed from (`hesap`: a sum, a rate), or the
//! amendment that set it (`karar`: the decision's file and the change). An auditor holding the
//! PDF and the workbooks finds any printed value here and checks it by hand.
//!
//! The books' contexts record the values as they format them (`books::marks::Traced`); this
//! module only groups and writes them. Values are listed per book in the order they are
//! printed, each distinct (text, sources, decisions) once.

use serde::Serialize;

use crate::books::marks::Traced;
use crate::model::Model;

/// `kaynak/izler.json`.
#[derive(Debug, Serialize)]
pub struct SourceIndex {
    pub aciklama: &'static str,
    pub kitaplar: Vec<BookSources>,
}

/// One book's printed numbers.
#[derive(Debug, Serialize)]
pub struct BookSources {
    /// The PDF's file name.
    pub kitap: String,
    pub degerler: Vec<ValueSource>,
}

/// A printed number and where it came from.
#[derive(Debug, Serialize)]
pub struct ValueSource {
    /// The text as printed (`1.234,5`, `%77,5`).
    pub metin: String,
    /// `hucre`: read from the one cell in `hucreler`; `hesap`: computed from the cells in
    /// `hucreler`; `karar`: set by a council decision (`kararlar`).
    pub tur: &'static str,
    pub hucreler: Vec<SourceCell>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kararlar: Vec<DecisionSource>,
}

/// A workbook cell: `birimler/fen-isleri.xlsx`, `Göstergeler`, `G5`.
#[derive(Debug, Serialize)]
pub struct SourceCell {
    pub dosya: String,
    pub sayfa: String,
    pub hucre: String,
}

/// A decision that changed the value: its number, its file in `degisiklikler/`, and its
/// changes whose new value is the printed number.
#[derive(Debug, Serialize)]
pub struct DecisionSource {
    pub karar: String,
    pub dosya: String,
    pub degisiklikler: Vec<ChangeSource>,
}

/// One change of a decision: the item, the field, the old and the new value as written.
#[derive(Debug, Serialize)]
pub struct ChangeSource {
    pub oge: String,
    pub alan: String,
    pub eski: String,
    pub yeni: String,
}

const DESCRIPTION: &str = "Kitaplarda basılı, çalışma kitaplarından ya da meclis kararlarından gelen her sayının kaynağı. tur: hucre — değer hucreler'deki tek hücreden okundu; hesap — değer hucreler'deki hücrelerden hesaplandı (toplam, oran); karar — değeri kararlar'daki meclis kararı belirledi.";

/// A printed number as a number: `1.234,5` → 1234.5, `%77,5` → 77.5.
fn printed_number(text: &str) -> Option<f64> {
    let t = text
        .trim()
        .trim_start_matches('%')
        .replace('.', "")
        .replace(',', ".");
    t.parse().ok()
}

/// Whether a change's new value (as written in the amendment file) is the printed number.
fn sets(new: &str, printed: f64) -> bool {
    new.trim()
        .replace(',', ".")
        .parse::<f64>()
        .is_ok_and(|v| (v - printed).abs() < 1e-9)
}

/// One book's part of the index from the values its context recorded.
pub fn book_sources(file: &str, traced: &[Traced], model: &Model) -> BookSources {
    let mut seen = std::collections::HashSet::new();
    let mut values = Vec::new();
    for t in traced {
        let key = (t.text.clone(), t.sources.clone(), t.changes.clone());
        if !seen.insert(key) {
            continue;
        }
        let printed = printed_number(&t.text);
        let kararlar: Vec<DecisionSource> = t
            .changes
            .iter()
            .map(|number| DecisionSource {
                karar: number.clone(),
                dosya: model
                    .decisions
                    .iter()
                    .find(|d| &d.number == number)
                    .map(|d| d.file.clone())
                    .unwrap_or_default(),
                degisiklikler: model
                    .changes
                    .iter()
                    .filter(|c| &c.decision == number)
                    .filter(|c| printed.is_some_and(|p| sets(&c.new, p)))
                    .map(|c| ChangeSource {
                        oge: c.item.clone(),
                        alan: c.field.clone(),
                        eski: c.old.clone(),
                        yeni: c.new.clone(),
                    })
                    .collect(),
            })
            .collect();
        let tur = if !kararlar.is_empty() {
            "karar"
        } else if t.sources.len() == 1 {
            "hucre"
        } else {
            "hesap"
        };
        values.push(ValueSource {
            metin: t.text.clone(),
            tur,
            hucreler: t
                .sources
                .iter()
                .map(|c| SourceCell {
                    dosya: c.file.clone(),
                    sayfa: c.sheet.clone(),
                    hucre: c.a1(),
                })
                .collect(),
            kararlar,
        });
    }
    BookSources {
        kitap: file.to_string(),
        degerler: values,
    }
}

/// The whole index as JSON (pretty-printed: people read it too).
pub fn index_json(books: Vec<BookSources>) -> String {
    let index = SourceIndex {
        aciklama: DESCRIPTION,
        kitaplar: books,
    };
    serde_json::to_string_pretty(&index).unwrap_or_else(|_| "{}".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_numbers_read_back() {
        assert_eq!(printed_number("1.234,5"), Some(1234.5));
        assert_eq!(printed_number("%77,5"), Some(77.5));
        assert_eq!(printed_number("-12"), Some(-12.0));
        assert!(sets("214000000", 214_000_000.0));
        assert!(sets("7.5", 7.5));
        assert!(!sets("24", 26.0));
    }
}
