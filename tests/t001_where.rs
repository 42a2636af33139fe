//! T001 always says where: the book, and the template file and line that wrote the failing
//! generated line, the `metinler/` file and line, the `lib/` file and line (and the template line
//! that called it), or the workbook cells the failing text came from. The generated sources in
//! `kaynak/` stay clean.

mod kit;

use kit::*;
use kitap::books::{book_context, narratives_present, Book, BookInput};
use kitap::pipeline;
use kitap::render::Renderer;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Runs `kitap derle PROJE -o o --kitap <book> --json`; the T001 findings of its report.
fn t001s(project: &TestProject, book: &str) -> Vec<Value> {
    let run = Command::new(kitap_bin())
        .arg("derle")
        .arg(&project.dir)
        .arg("-o")
        .arg(project.path("o"))
        .args(["--kitap", book, "--json"])
        .output()
        .expect("kitap runs");
    assert_eq!(
        run.status.code(),
        Some(1),
        "a book that cannot be typeset: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: Value = serde_json::from_slice(&run.stdout).expect("json");
    let found: Vec<Value> = report["bulgular"]
        .as_array()
        .expect("bulgular")
        .iter()
        .filter(|f| f["kod"] == "T001")
        .cloned()
        .collect();
    assert!(!found.is_empty(), "no T001 in {report:#}");
    found
}

fn message(f: &Value) -> &str {
    f["mesaj"].as_str().expect("mesaj")
}

/// A built-in template with `insert` put after the first line that starts with `after`, as
/// the project's own `report-templates/<name>`; the 1-based line of the inserted text.
fn override_template(project: &TestProject, name: &str, after: &str, insert: &str) -> usize {
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("report-templates")
        .join(name);
    let source = std::fs::read_to_string(builtin).expect("built-in template");
    let mut lines: Vec<&str> = source.split('\n').collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(after))
        .unwrap_or_else(|| panic!("no line starting with {after:?} in {name}"))
        + 1;
    lines.insert(at, insert);
    project.write_bytes(
        &format!("report-templates/{name}"),
        lines.join("\n").as_bytes(),
    );
    at + 1
}

/// The generated main sources of the last build, by file name.
fn generated_sources(project: &TestProject) -> Vec<(String, String)> {
    let mut sources: Vec<(String, String)> = std::fs::read_dir(project.path("o/kaynak"))
        .expect("kaynak/")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("source");
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    sources.sort();
    sources
}

/// The generated sources carry no trace of the mapping, and a second build writes the same.
fn assert_sources_clean_and_stable(project: &TestProject, book: &str) {
    let first = generated_sources(project);
    for (name, text) in &first {
        assert!(!text.contains(['\u{1}', '\u{2}']), "{name} has markers");
    }
    t001s(project, book);
    assert!(first == generated_sources(project), "kaynak/ changed");
}

#[test]
fn an_error_in_a_project_partial_names_its_file_and_line() {
    let p = TestProject::valid("t001-partial");
    let line = override_template(
        &p,
        "partials/hedef-karti.typ.j2",
        "  hedef: {{ k.hedef }},",
        "  bilinmeyen: tanimsiz-degisken,",
    );
    let found = t001s(&p, "sp");
    let f = &found[0];
    assert_eq!(f["dosya"], "report-templates/partials/hedef-karti.typ.j2");
    let m = message(f);
    assert!(m.starts_with("Stratejik Plan dizilemedi: "), "{m}");
    assert!(
        m.contains(&format!(
            "report-templates/partials/hedef-karti.typ.j2, satır {line} (kaynak/stratejik-plan-2025-2029.typ, satır "
        )),
        "{m}"
    );
    assert!(m.contains("tanimsiz-degisken"), "{m}");
    assert_sources_clean_and_stable(&p, "sp");
}

#[test]
fn an_error_in_a_project_book_template_names_its_file_and_line() {
    let p = TestProject::valid("t001-main");
    let line = override_template(
        &p,
        "faaliyet-raporu.typ.j2",
        "#show: ana-kisim",
        "#bir-fonksiyon-yok()",
    );
    let found = t001s(&p, "fr");
    let f = &found[0];
    assert_eq!(f["dosya"], "report-templates/faaliyet-raporu.typ.j2");
    assert!(
        message(f).contains(&format!(
            "Faaliyet Raporu dizilemedi: report-templates/faaliyet-raporu.typ.j2, satır {line} "
        )),
        "{}",
        message(f)
    );
}

#[test]
fn an_error_in_a_lib_function_names_the_lib_line_and_the_template_line_that_called_it() {
    let p = TestProject::valid("t001-lib");
    // `etiket` must be a label name: a number fails inside lib/belge.typ.
    let line = override_template(
        &p,
        "faaliyet-raporu.typ.j2",
        "#show: ana-kisim",
        "#bolum(\"Deneme\", etiket: 5)",
    );
    let found = t001s(&p, "fr");
    let m = message(&found[0]);
    assert!(
        m.contains("report-templates/lib/belge.typ, satır "),
        "the lib file: {m}"
    );
    assert!(
        m.contains(&format!(
            "çağıran: report-templates/faaliyet-raporu.typ.j2, satır {line} "
        )),
        "the calling template line: {m}"
    );
    // The project's own template is what the officer can change.
    assert_eq!(found[0]["dosya"], "report-templates/faaliyet-raporu.typ.j2");
}

#[test]
fn an_error_in_a_metinler_file_names_the_file_and_line() {
    let p = TestProject::valid("t001-metin");
    p.write_bytes(
        "metinler/izleme.typ",
        "= İzleme\n\nMetin metin.\nSonuç: #tanimsiz-degisken\n".as_bytes(),
    );
    let found = t001s(&p, "sp");
    let f = &found[0];
    assert_eq!(f["dosya"], "metinler/izleme.typ");
    assert!(
        message(f).starts_with("Stratejik Plan dizilemedi: metinler/izleme.typ, satır 4: "),
        "{}",
        message(f)
    );
}

#[test]
fn an_error_in_a_text_from_a_workbook_names_its_cells() {
    let p = TestProject::valid("t001-cell");
    // The indicator's printed name, `PG1.1.1 Asfaltlanan yol uzunluğu`, is no integer.
    override_template(
        &p,
        "partials/hedef-karti.typ.j2",
        "  hedef: {{ k.hedef }},",
        "  deneme: int({{ k.gostergeler[0].ad.metin }}),",
    );
    let found = t001s(&p, "sp");
    let f = &found[0];
    assert_eq!(f["dosya"], "birimler/fen-isleri.xlsx", "{f:#}");
    assert_eq!(f["sayfa"], "Göstergeler");
    assert_eq!(f["hucre"], "A2", "the code's cell");
    assert_eq!(
        f["diger_hucreler"],
        serde_json::json!(["C2"]),
        "the name's cell"
    );
    assert_eq!(f["birim"], "Fen İşleri Müdürlüğü");
    let m = message(f);
    assert!(
        m.contains("metnin geldiği hücreler: birimler/fen-isleri.xlsx › Göstergeler › A2, C2"),
        "{m}"
    );
    assert!(
        m.contains("report-templates/partials/hedef-karti.typ.j2, satır "),
        "{m}"
    );
}

/// The text of a template line before its first tag, trimmed: what the generated line shows.
fn literal_head(line: &str) -> &str {
    let end = ["{{", "{%", "{#"]
        .iter()
        .filter_map(|t| line.find(t))
        .min()
        .unwrap_or(line.len());
    line[..end].trim()
}

#[test]
fn every_generated_line_of_the_example_maps_to_the_template_line_that_wrote_it() {
    let dir = example_dir();
    let checked = pipeline::check(&dir, &pipeline::Options::default()).expect("example");
    assert!(!checked.report.has_errors(), "the example is a final book");
    let narratives = narratives_present(&dir);
    let input = BookInput {
        model: &checked.model,
        settings: &checked.project.settings,
        findings: &[],
        draft: false,
        narratives: &narratives,
        project_dir: &dir,
    };
    let renderer = Renderer::new(Some(&dir)).expect("templates");
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
    for book in Book::EVERY {
        let context = book_context(book, &input);
        let started = std::time::Instant::now();
        let source = renderer.render(book.template(), &context).expect("renders");
        let clean_time = started.elapsed();
        let started = std::time::Instant::now();
        let map = renderer
            .source_map(book.template(), &context, &source)
            .unwrap_or_else(|| panic!("{}: the traced render differs", book.title()));
        eprintln!(
            "{}: render {:?}, traced render and map {:?}",
            book.title(),
            clean_time,
            started.elapsed()
        );
        let mut mapped = 0;
        for (i, generated) in source.split('\n').enumerate() {
            let Some(origin) = map.origin(i + 1, 1) else {
                continue;
            };
            mapped += 1;
            let template =
                std::fs::read_to_string(templates.join(&origin.template)).expect("template file");
            let line = template
                .split('\n')
                .nth(origin.line - 1)
                .expect("the line exists");
            let head = literal_head(line);
            assert!(
                generated.contains(head),
                "{} line {}: {generated:?} is not from {origin}: {line:?}",
                book.title(),
                i + 1
            );
        }
        let lines = source.split('\n').filter(|l| !l.trim().is_empty()).count();
        eprintln!("{}: {mapped} of {lines} lines mapped", book.title());
        assert!(
            mapped >= lines * 9 / 10,
            "{}: only {mapped} of {lines} lines mapped",
            book.title()
        );
    }
}

#[test]
fn a_project_template_that_cannot_be_rendered_names_its_file_and_line() {
    let p = TestProject::valid("t001-render");
    let line = override_template(
        &p,
        "partials/hedef-karti.typ.j2",
        "  hedef: {{ k.hedef }},",
        "  deneme: {{ k.boyle_bir_alan_yok }},",
    );
    let found = t001s(&p, "sp");
    let f = &found[0];
    assert_eq!(f["dosya"], "report-templates/partials/hedef-karti.typ.j2");
    assert!(
        message(f).contains(&format!(
            "şablon partials/hedef-karti.typ.j2, satır {line}: "
        )),
        "{}",
        message(f)
    );
}
