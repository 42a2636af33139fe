//! Open data (issue #14, acceptance 1 and 2): `derle` writes `acik-veri/`, a Frictionless Tabular
//! Data Package, and the Faaliyet Raporu carries the same files as PDF attachments.
//!
//! - On the bundled example, `datapackage.json` validates against the published Data Package,
//!   Tabular Data Package and Table Schema JSON Schemas (`tests/fixtures/frictionless/`), every
//!   CSV parses with the types its schema declares (keys unique, references resolved), and every
//!   rate of `gerceklesmeler.csv` of the report year's Yıl Sonu is the rate the Faaliyet Raporu
//!   prints (read back from the PDF).
//! - The files attached to `faaliyet-raporu-2025.pdf` are, byte for byte, those of `acik-veri/`
//!   (and of `kaynak/acik-veri/`), with the relationship `Data`; the PDF declares PDF/A-3b.
//! - `cikti.veri_ekle: false` gives a PDF/A-2b report without attachments (the data is still
//!   written); an explicit `pdf_standardi: a-2b` wins, with a T003 saying why.
//! - Two builds give the same bytes, and `--kitap sp` writes the same package.

mod kit;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kit::*;
use kitap::books::Book;
use kitap::finding::Code;
use kitap::pipeline::{self, Options};
use pdf_extract::{Document, Object};
use serde_json::Value;

const FR: &str = "faaliyet-raporu-2025.pdf";

/// `derle` of `dir` with `books` into `out`; the findings' codes.
fn build(dir: &Path, out: &Path, books: &[Book]) -> Vec<Code> {
    build_books(dir, out, books)
        .checked
        .report
        .findings
        .iter()
        .map(|f| f.code)
        .collect()
}

/// Every file of a folder (not below it), by name.
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect()
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/frictionless")
        .join(name);
    serde_json::from_slice(&std::fs::read(path).expect("the vendored schema")).expect("JSON")
}

/// The errors of `instance` against the draft-04 JSON Schema `schema`.
fn schema_errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::draft4::new(schema).expect("a valid JSON Schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Reading the PDF back

fn stream_bytes(object: &Object) -> Vec<u8> {
    let stream = object.as_stream().expect("a stream");
    if stream.dict.get(b"Filter").is_ok() {
        stream
            .decompressed_content()
            .expect("a stream lopdf decodes")
    } else {
        stream.content.clone()
    }
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).expect("a resolvable object").1
}

/// The leaves of a name tree: (name, value).
fn name_tree<'a>(doc: &'a Document, node: &'a Object, out: &mut Vec<(String, &'a Object)>) {
    let dict = deref(doc, node).as_dict().expect("a name tree node");
    if let Ok(names) = dict.get(b"Names") {
        let names = deref(doc, names).as_array().expect("an array");
        for pair in names.chunks(2) {
            let key = String::from_utf8_lossy(pair[0].as_str().expect("a name")).into_owned();
            out.push((key, &pair[1]));
        }
    }
    if let Ok(kids) = dict.get(b"Kids") {
        for kid in deref(doc, kids).as_array().expect("an array") {
            name_tree(doc, kid, out);
        }
    }
}

/// The files attached to a PDF: file name (`/UF`, else `/F`) → (bytes, `/AFRelationship`).
fn attachments(pdf: &[u8]) -> BTreeMap<String, (Vec<u8>, String)> {
    let doc = Document::load_mem(pdf).expect("a PDF lopdf reads");
    let catalog = doc.catalog().expect("a catalog");
    let Ok(names) = catalog.get(b"Names") else {
        return BTreeMap::new();
    };
    let names = deref(&doc, names).as_dict().expect("a dictionary");
    let Ok(files) = names.get(b"EmbeddedFiles") else {
        return BTreeMap::new();
    };
    let mut leaves = Vec::new();
    name_tree(&doc, files, &mut leaves);
    leaves
        .into_iter()
        .map(|(key, spec)| {
            let spec = deref(&doc, spec).as_dict().expect("a file specification");
            let name = spec
                .get(b"UF")
                .or_else(|_| spec.get(b"F"))
                .and_then(Object::as_str)
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or(key);
            let relationship = spec
                .get(b"AFRelationship")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let ef = deref(&doc, spec.get(b"EF").expect("/EF"))
                .as_dict()
                .expect("a dictionary");
            let stream = deref(&doc, ef.get(b"F").expect("/EF /F"));
            (name, (stream_bytes(stream), relationship))
        })
        .collect()
}

/// The XMP metadata packet of a PDF.
fn xmp(pdf: &[u8]) -> String {
    let doc = Document::load_mem(pdf).expect("a PDF lopdf reads");
    let catalog = doc.catalog().expect("a catalog");
    let metadata = deref(&doc, catalog.get(b"Metadata").expect("/Metadata"));
    String::from_utf8(stream_bytes(metadata)).expect("UTF-8 XMP")
}

/// The PDF/A part and conformance the XMP declares (`pdfaid:part`, `pdfaid:conformance`), as
/// elements or as attributes.
fn pdfa_id(pdf: &[u8]) -> (String, String) {
    let xmp = xmp(pdf);
    let value = |key: &str| {
        let element = format!("<pdfaid:{key}>");
        let attribute = format!("pdfaid:{key}=\"");
        if let Some(i) = xmp.find(&element) {
            let rest = &xmp[i + element.len()..];
            return rest[..rest.find('<').expect("closing tag")].to_string();
        }
        if let Some(i) = xmp.find(&attribute) {
            let rest = &xmp[i + attribute.len()..];
            return rest[..rest.find('"').expect("closing quote")].to_string();
        }
        panic!("no pdfaid:{key} in the XMP:\n{xmp}");
    };
    (value("part"), value("conformance"))
}

// ---------------------------------------------------------------------------------------
// Reading the CSVs with their schemas

/// Whether `text` is a value of the Table Schema type `kind` (the types the package uses; a
/// number is written with `.` decimals and no exponent or grouping).
fn has_type(kind: &str, text: &str) -> bool {
    match kind {
        "string" => true,
        "number" => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                && digits.matches('.').count() <= 1
                && !digits.starts_with('.')
                && !digits.ends_with('.')
                && text.parse::<f64>().is_ok_and(f64::is_finite)
        }
        "integer" => text.parse::<i64>().is_ok(),
        "year" => text.len() == 4 && text.parse::<u16>().is_ok(),
        "date" => {
            let parts: Vec<&str> = text.split('-').collect();
            parts.len() == 3
                && parts[0].len() == 4
                && parts[1].len() == 2
                && parts[2].len() == 2
                && text.parse::<jiff::civil::Date>().is_ok()
        }
        other => panic!("a type the test does not know: {other}"),
    }
}

/// One CSV read with its schema: the header and the rows as column → text.
struct Table {
    rows: Vec<BTreeMap<String, String>>,
}

/// Reads `name`'s CSV, checking it against the resource's schema: the header is the field
/// names, every value has its field's type, required fields are filled, the primary key is
/// unique. Panics with the place of the first problem.
fn read_table(dir: &Path, resource: &Value) -> Table {
    let path = resource["path"].as_str().expect("path");
    let fields = resource["schema"]["fields"].as_array().expect("fields");
    let names: Vec<&str> = fields
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    let bytes = std::fs::read(dir.join(path)).expect("the CSV is there");
    assert_eq!(
        resource["bytes"].as_u64(),
        Some(bytes.len() as u64),
        "{path}: bytes"
    );
    assert!(std::str::from_utf8(&bytes).is_ok(), "{path} is UTF-8");
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "{path}: no BOM");
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, names, "{path}: the header is the schema's fields");
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{path} row {}: {e}", n + 2));
        assert_eq!(record.len(), fields.len(), "{path} row {}", n + 2);
        let mut row = BTreeMap::new();
        for (value, field) in record.iter().zip(fields) {
            let name = field["name"].as_str().expect("name");
            let kind = field["type"].as_str().expect("type");
            let required = field["constraints"]["required"] == Value::Bool(true);
            if value.is_empty() {
                assert!(!required, "{path} row {} {name}: required", n + 2);
            } else {
                assert!(
                    has_type(kind, value),
                    "{path} row {} {name}: {value:?} is not a {kind}",
                    n + 2
                );
            }
            row.insert(name.to_string(), value.to_string());
        }
        rows.push(row);
    }
    if let Some(key) = resource["schema"]["primaryKey"].as_array() {
        let key: Vec<&str> = key.iter().map(|k| k.as_str().expect("a field")).collect();
        let mut seen = BTreeSet::new();
        for row in &rows {
            let values: Vec<&String> = key.iter().map(|k| &row[*k]).collect();
            assert!(seen.insert(values.clone()), "{path}: {values:?} twice");
        }
    }
    Table { rows }
}

/// A rate of the CSV (`116.7`, `100`) as the books print it: `116,7`, `100,0`, `1.234,5`.
fn printed_rate(csv: &str) -> String {
    let x: f64 = csv.parse().expect("a number");
    let tenths = (x.abs() * 10.0).round() as i64;
    let int = (tenths / 10).to_string();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{grouped},{}", tenths % 10)
}

/// A number the books print (`1.234,5`, `14`) as a number.
fn printed_number(token: &str) -> Option<f64> {
    let plain = token.replace('.', "").replace(',', ".");
    plain.parse().ok()
}

// ---------------------------------------------------------------------------------------
// The tests

struct ExampleBuild {
    _out: tempfile::TempDir,
    dir: PathBuf,
}

fn example_build(books: &[Book]) -> ExampleBuild {
    let out = tempfile::tempdir().expect("output folder");
    let dir = out.path().to_path_buf();
    let codes = build(&example_dir(), &dir, books);
    assert!(!codes.contains(&Code::T003), "no T003 by default");
    ExampleBuild { _out: out, dir }
}

#[test]
fn the_example_package_validates_parses_and_has_the_reports_rates() {
    let built = example_build(&[Book::ActivityReport]);
    let data = built.dir.join("acik-veri");
    let descriptor: Value =
        serde_json::from_slice(&std::fs::read(data.join("datapackage.json")).expect("there"))
            .expect("JSON");

    // The published JSON Schemas.
    for profile in ["data-package.json", "tabular-data-package.json"] {
        let errors = schema_errors(&fixture(profile), &descriptor);
        assert!(errors.is_empty(), "{profile}: {errors:#?}");
    }
    let table_schema = fixture("table-schema.json");
    let resources = descriptor["resources"].as_array().expect("resources");
    for r in resources {
        let errors = schema_errors(&table_schema, &r["schema"]);
        assert!(errors.is_empty(), "{}: {errors:#?}", r["name"]);
        for f in r["schema"]["fields"].as_array().expect("fields") {
            for key in ["title", "description"] {
                assert!(
                    f[key].as_str().is_some_and(|t| !t.trim().is_empty()),
                    "{} {}: no {key}",
                    r["name"],
                    f["name"]
                );
            }
        }
    }
    // Every CSV of the folder is a resource, and every resource the model has data for.
    let on_disk: BTreeSet<String> = files_in(&data)
        .into_keys()
        .filter(|n| n.ends_with(".csv"))
        .collect();
    let listed: BTreeSet<String> = resources
        .iter()
        .map(|r| r["path"].as_str().expect("path").to_string())
        .collect();
    assert_eq!(on_disk, listed);
    for name in [
        "amaclar",
        "hedefler",
        "gostergeler",
        "gerceklesmeler",
        "faaliyetler",
        "butce",
        "gelirler",
        "borclar",
        "istirakler",
        "transferler",
        "kararlar",
    ] {
        assert!(listed.contains(&format!("{name}.csv")), "{name}.csv");
    }

    // Every CSV with its declared types; the foreign keys resolve.
    let tables: BTreeMap<String, Table> = resources
        .iter()
        .map(|r| {
            (
                r["name"].as_str().expect("name").to_string(),
                read_table(&data, r),
            )
        })
        .collect();
    for r in resources {
        let name = r["name"].as_str().expect("name");
        for fk in r["schema"]["foreignKeys"].as_array().into_iter().flatten() {
            let field = fk["fields"][0].as_str().expect("a field");
            let target = fk["reference"]["resource"].as_str().expect("resource");
            let key = fk["reference"]["fields"][0].as_str().expect("a field");
            let keys: BTreeSet<&String> = tables[target].rows.iter().map(|r| &r[key]).collect();
            for row in &tables[name].rows {
                assert!(
                    keys.contains(&row[field]),
                    "{name}.{field} {} is not in {target}",
                    row[field]
                );
            }
        }
    }

    // The model's rows are all there.
    let checked = pipeline::check(&example_dir(), &Options::default()).expect("the example");
    let model = &checked.model;
    assert_eq!(tables["gostergeler"].rows.len(), model.indicators.len());
    assert_eq!(
        tables["gerceklesmeler"].rows.len(),
        model
            .indicators
            .iter()
            .map(|i| i.actuals.len())
            .sum::<usize>()
    );
    assert_eq!(tables["faaliyetler"].rows.len(), model.activities.len());
    assert_eq!(tables["butce"].rows.len(), model.budget.len());
    // The council decision's changes carry its number.
    let decision = &model.decisions[0].number;
    let amended: Vec<&str> = tables
        .iter()
        .filter(|(_, t)| t.rows.iter().any(|r| r.get("karar_no") == Some(decision)))
        .map(|(n, _)| n.as_str())
        .collect();
    assert!(
        amended.contains(&"gostergeler") && amended.contains(&"faaliyetler"),
        "{decision} in {amended:?}"
    );

    // Every rate of the report year's Yıl Sonu rows is the one the Faaliyet Raporu prints: in
    // the indicator's row of its Performans Sonuçları Tablosu, right after its Yıl Sonu value.
    let pdf = std::fs::read(built.dir.join(FR)).expect("the report");
    let text = normalise(&pdf_extract::extract_text_from_mem(&pdf).expect("readable PDF"));
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut compared = 0;
    for row in &tables["gerceklesmeler"].rows {
        if row["yil"] != "2025" || row["donem"] != "Yıl Sonu" || row["gerceklesme_orani"].is_empty()
        {
            continue;
        }
        let code = &row["gosterge_kodu"];
        let value: f64 = row["gerceklesen_deger"].parse().expect("a value");
        let rate = printed_rate(&row["gerceklesme_orani"]);
        let found = tokens.iter().enumerate().any(|(i, t)| {
            t == code
                && tokens[i + 1..]
                    .iter()
                    .take(60)
                    .collect::<Vec<_>>()
                    .windows(2)
                    .any(|w| {
                        printed_number(w[0]).is_some_and(|x| (x - value).abs() < 1e-6)
                            && *w[1] == rate
                    })
        });
        assert!(
            found,
            "{code}: the report does not print {rate} after its Yıl Sonu value {value}"
        );
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} rates compared");
}

#[test]
fn the_report_carries_the_package_as_attachments_and_is_pdf_a_3b() {
    let built = example_build(&[Book::ActivityReport]);
    let pdf = std::fs::read(built.dir.join(FR)).expect("the report");
    let attached = attachments(&pdf);
    let published = files_in(&built.dir.join("acik-veri"));
    assert!(published.len() >= 12, "{:?}", published.keys());
    let names: BTreeSet<String> = attached
        .keys()
        .map(|k| k.rsplit('/').next().unwrap_or(k).to_string())
        .collect();
    assert_eq!(
        names,
        published.keys().cloned().collect::<BTreeSet<_>>(),
        "the attached files are the published ones"
    );
    for (name, (bytes, relationship)) in &attached {
        assert_eq!(
            name,
            &format!("acik-veri/{}", name.rsplit('/').next().unwrap_or(name))
        );
        let file = name.rsplit('/').next().unwrap_or(name);
        assert!(
            bytes == &published[file],
            "{name} differs from acik-veri/{file}"
        );
        assert_eq!(relationship, "Data", "{name}");
    }
    assert_eq!(pdfa_id(&pdf), ("3".to_string(), "B".to_string()));
    // kaynak/ compiles on its own: the attached files are beside the source.
    assert_eq!(files_in(&built.dir.join("kaynak/acik-veri")), published);
}

#[test]
fn veri_ekle_false_leaves_the_report_without_attachments() {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path().join("proje");
    copy_dir(&example_dir(), &project);
    let kurum = project.join("kurum.yaml");
    let text = std::fs::read_to_string(&kurum).expect("kurum.yaml");
    let with = |output: &str| {
        assert!(
            text.contains("\ncikti: {}\n"),
            "the example's cikti is empty"
        );
        text.replace("\ncikti: {}\n", &format!("\ncikti: {output}\n"))
    };
    std::fs::write(&kurum, with("{veri_ekle: false}")).expect("write");
    let out = temp.path().join("cikti");
    let codes = build(&project, &out, &[Book::ActivityReport]);
    assert!(!codes.contains(&Code::T003));
    let pdf = std::fs::read(out.join(FR)).expect("the report");
    assert!(attachments(&pdf).is_empty(), "no attachments");
    assert_eq!(pdfa_id(&pdf), ("2".to_string(), "B".to_string()));
    assert!(
        out.join("acik-veri/datapackage.json").is_file(),
        "the open data is still written"
    );
    assert!(!out.join("kaynak/acik-veri").exists());

    // An explicit standard that forbids attachments wins, and T003 says so.
    std::fs::write(&kurum, with("{pdf_standardi: a-2b}")).expect("write");
    let out = temp.path().join("cikti-a2b");
    let codes = build(&project, &out, &[Book::ActivityReport]);
    assert!(codes.contains(&Code::T003), "{codes:?}");
    let pdf = std::fs::read(out.join(FR)).expect("the report");
    assert!(
        attachments(&pdf).is_empty(),
        "no attachments under PDF/A-2b"
    );
    assert_eq!(pdfa_id(&pdf), ("2".to_string(), "B".to_string()));
}

#[test]
fn two_builds_give_the_same_bytes_and_a_subset_writes_the_same_package() {
    let first = example_build(&[Book::ActivityReport]);
    let second = example_build(&[Book::ActivityReport]);
    let a = files_in(&first.dir.join("acik-veri"));
    assert_eq!(a, files_in(&second.dir.join("acik-veri")));
    assert_eq!(
        std::fs::read(first.dir.join(FR)).expect("first"),
        std::fs::read(second.dir.join(FR)).expect("second"),
        "the report is the same bytes"
    );
    // `--kitap pp`: no Faaliyet Raporu, the same open data.
    let subset = example_build(&[Book::PerformanceProgram]);
    assert!(!subset.dir.join(FR).exists());
    assert_eq!(a, files_in(&subset.dir.join("acik-veri")));
}
