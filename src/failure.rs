//! T001, a book that could not be typeset: the finding always names the book and where the error
//! comes from, in terms the officer can act on.
//!
//! | the error lies in | the finding names |
//! |---|---|
//! | a `metinler/` file (or another project file) | that file and line (`dosya`) |
//! | a `lib/*.typ` function | `report-templates/lib/…` and line, and the template line that called it |
//! | the generated book source (`kaynak/<kitap>.typ`) | the template file and line that wrote that line ([`crate::render::trace`]), and the generated line |
//! | a string literal of the generated source | also the workbook cells whose text it is (`dosya`, `sayfa`, `hucre`) |
//!
//! `dosya` is set when the place is a file of the project: a workbook cell, a `metinler/` file,
//! a project's own template.

use std::cell::OnceCell;

use crate::books::{book_context, Book, BookInput, DataAttachment};
use crate::finding::{CellRef, Code, Finding};
use crate::render::trace::{SourceMap, TemplateLine};
use crate::render::{RenderError, Renderer, TEMPLATE_DIR};
use crate::typeset::{string_literal_at, Diagnostic};

/// The file or cells a T001 is filed under.
enum Anchor {
    None,
    File(String),
    Cells(Vec<CellRef>),
}

/// Where an error is: the words of the message, and the anchor.
struct Place {
    text: String,
    anchor: Anchor,
}

impl Place {
    fn nowhere() -> Place {
        Place {
            text: String::new(),
            anchor: Anchor::None,
        }
    }
}

/// A book whose generated source failed to compile, with what is needed to trace its errors back.
pub struct FailedBook<'a> {
    book: Book,
    /// The virtual path of the generated source: `faaliyet-raporu-2025.typ`.
    main_path: String,
    /// The generated source, as compiled.
    source: &'a str,
    renderer: &'a Renderer,
    input: &'a BookInput<'a>,
    /// The files the book was rendered with as attachments: the traced render must see the
    /// same context.
    attachments: &'a [DataAttachment],
    /// Rendered traced only when an error lies in the generated source, and only once.
    map: OnceCell<Option<SourceMap>>,
}

impl<'a> FailedBook<'a> {
    pub fn new(
        book: Book,
        main_path: &str,
        source: &'a str,
        renderer: &'a Renderer,
        input: &'a BookInput<'a>,
    ) -> FailedBook<'a> {
        FailedBook {
            book,
            main_path: main_path.to_string(),
            source,
            renderer,
            input,
            attachments: &[],
            map: OnceCell::new(),
        }
    }

    /// The book as rendered with these attachments (`BookContext::attach`).
    pub fn with_attachments(mut self, attachments: &'a [DataAttachment]) -> FailedBook<'a> {
        self.attachments = attachments;
        self
    }

    /// The T001 of one of the book's diagnostics.
    pub fn finding(&self, d: &Diagnostic) -> Finding {
        let place = match d.path.as_deref() {
            None => Place::nowhere(),
            Some(path) if path == self.main_path => self.generated_place(d.line, d.column),
            Some(path) if path.starts_with("lib/") => self.lib_place(path, d),
            Some(path) => Place {
                text: with_line(path, d.line),
                anchor: Anchor::File(path.to_string()),
            },
        };
        let f = t001(self.book, place, d);
        let directorate = self
            .input
            .model
            .directorates
            .iter()
            .find(|dir| dir.file.is_some() && dir.file == f.file)
            .map(|dir| dir.name.clone());
        f.directorate(directorate.as_deref())
    }

    /// A line of a `lib/` file, and the place in the generated source that called it.
    fn lib_place(&self, path: &str, d: &Diagnostic) -> Place {
        let file = format!("{TEMPLATE_DIR}/{path}");
        let mut text = with_line(&file, d.line);
        let caller = d
            .trace
            .iter()
            .find(|t| t.path == self.main_path)
            .map(|t| self.generated_place(Some(t.line), Some(t.column)));
        let mut anchor = Anchor::None;
        if let Some(caller) = caller {
            text.push_str(&format!("; çağıran: {}", caller.text));
            anchor = caller.anchor;
        }
        if self.renderer.is_project_template(path) {
            anchor = Anchor::File(file);
        }
        Place { text, anchor }
    }

    /// A place in the generated source: the template line that wrote it, and the cells of the
    /// text when it lies in a string literal.
    fn generated_place(&self, line: Option<usize>, column: Option<usize>) -> Place {
        let generated = with_line(&format!("kaynak/{}", self.main_path), line);
        let (Some(line), Some(column)) = (line, column) else {
            return Place {
                text: generated,
                anchor: Anchor::None,
            };
        };
        let cells = string_literal_at(self.source, line, column)
            .map(|text| self.input.model.cells_of_text(&text))
            .unwrap_or_default();
        let template = self.template_line(line, column);
        let mut parts = vec![match &template {
            Some(t) => format!("{TEMPLATE_DIR}/{t} ({generated})"),
            None => generated,
        }];
        if !cells.is_empty() {
            parts.push(cells_text(&cells));
        }
        let anchor = match template {
            _ if !cells.is_empty() => Anchor::Cells(cells),
            Some(t) if self.renderer.is_project_template(&t.template) => {
                Anchor::File(format!("{TEMPLATE_DIR}/{}", t.template))
            }
            _ => Anchor::None,
        };
        Place {
            text: parts.join("; "),
            anchor,
        }
    }

    fn template_line(&self, line: usize, column: usize) -> Option<TemplateLine> {
        self.map
            .get_or_init(|| {
                let mut context = book_context(self.book, self.input);
                context.attach(self.attachments);
                self.renderer
                    .source_map(self.book.template(), &context, self.source)
            })
            .as_ref()?
            .origin(line, column)
    }
}

/// The T001 of a book whose template could not be rendered: the error names the template and
/// line; a project's own template is the finding's file.
pub fn render_failure(book: Book, e: &RenderError, renderer: &Renderer) -> Finding {
    let anchor = if renderer.is_project_template(&e.template) {
        Anchor::File(format!("{TEMPLATE_DIR}/{}", e.template))
    } else {
        Anchor::None
    };
    let place = Place {
        text: String::new(),
        anchor,
    };
    t001(
        book,
        place,
        &Diagnostic::error(format!("şablon işlenemedi: {e}")),
    )
}

/// `path, satır 12`, or the path alone.
fn with_line(path: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("{path}, satır {l}"),
        None => path.to_string(),
    }
}

/// How many cells a message lists; the rest are counted.
const CELLS_LISTED: usize = 5;

/// `metnin geldiği hücreler: birimler/a.xlsx › Göstergeler › A2, C2`: cells of one sheet share its
/// name; after [`CELLS_LISTED`] cells the rest are counted.
fn cells_text(cells: &[CellRef]) -> String {
    let mut groups: Vec<String> = Vec::new();
    let mut previous: Option<&CellRef> = None;
    for cell in cells.iter().take(CELLS_LISTED) {
        match (previous, groups.last_mut()) {
            (Some(p), Some(group)) if p.file == cell.file && p.sheet == cell.sheet => {
                group.push_str(&format!(", {}", cell.a1()));
            }
            _ => groups.push(cell.to_string()),
        }
        previous = Some(cell);
    }
    let mut text = groups.join(", ");
    if cells.len() > CELLS_LISTED {
        text.push_str(&format!(" ve {} hücre daha", cells.len() - CELLS_LISTED));
    }
    let noun = if cells.len() == 1 {
        "hücre"
    } else {
        "hücreler"
    };
    format!("metnin geldiği {noun}: {text}")
}

fn t001(book: Book, place: Place, d: &Diagnostic) -> Finding {
    let hint = if d.hints.is_empty() {
        String::new()
    } else {
        format!(" ({})", d.hints.join("; "))
    };
    let place_text = if place.text.is_empty() {
        String::new()
    } else {
        format!("{}: ", place.text)
    };
    let f = Finding::new(
        Code::T001,
        format!(
            "{} dizilemedi: {place_text}{}{hint}. Önceki PDF yerinde bırakıldı.",
            book.title(),
            d.message
        ),
    );
    match place.anchor {
        Anchor::None => f,
        Anchor::File(file) => f.in_file(&file),
        Anchor::Cells(cells) => {
            let first = &cells[0];
            let others = cells[1..]
                .iter()
                .filter(|c| c.file == first.file && c.sheet == first.sheet)
                .map(CellRef::a1)
                .collect();
            f.at(first).with_other_cells(others)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_of_one_sheet_share_its_name_and_many_are_counted() {
        let cell = |sheet: &str, row, col| CellRef::new("birimler/a.xlsx", sheet, row, col);
        assert_eq!(
            cells_text(&[cell("Göstergeler", 1, 0)]),
            "metnin geldiği hücre: birimler/a.xlsx › Göstergeler › A2"
        );
        assert_eq!(
            cells_text(&[
                cell("Göstergeler", 1, 0),
                cell("Göstergeler", 1, 2),
                cell("Faaliyetler", 3, 2)
            ]),
            "metnin geldiği hücreler: birimler/a.xlsx › Göstergeler › A2, C2, \
             birimler/a.xlsx › Faaliyetler › C4"
        );
        let many: Vec<CellRef> = (0..8).map(|r| cell("Göstergeler", r, 1)).collect();
        assert_eq!(
            cells_text(&many),
            "metnin geldiği hücreler: birimler/a.xlsx › Göstergeler › B1, B2, B3, B4, B5 \
             ve 3 hücre daha"
        );
    }
}
