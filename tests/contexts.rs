//! The book templates against the typed book contexts: every entry template (and with it every
//! partial) is rendered with minijinja's strict undefined values from three projects, and every
//! field of every context must be accounted for:
//!
//! - read by a template (a renamed field is then undefined, and the render fails), or
//! - inside a dictionary a template prints whole into Typst (`{{ k.gostergeler }}`, a cell):
//!   the layout library reads those keys with defaults, so a renamed key would go unnoticed
//!   there; instead such a key must be one the library reads ([`LIBRARY_KEYS`]), or
//! - one of the fields the built-in templates leave to a project's own templates
//!   ([`UNREAD`]), which must exist.
//!
//! So renaming a field of a book context without changing the templates fails this test. The
//! projects: the bundled example (a final book with an amendment); a dense copy of it (a draft
//! with error marks, a second decision touching the report year, missing chapters, theme
//! overrides, no logo and no `il`, a directorate and a hedef without data); a bare project
//! without workbooks (every list empty); a plan without amaçlar. [`BRANCHES`] checks that
//! between them they take both sides of every branch the templates have.

mod kit;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use kit::{copy_dir, example_dir};
use kitap::books::{book_context, narratives_present, Book, BookInput};
use kitap::finding::Severity;
use kitap::pipeline::{self, Checked, Options};
use kitap::publish::THEME_TEMPLATE;
use kitap::render::Renderer;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, Value, ValueKind};

/// The keys of the dictionaries that templates print whole: what `report-templates/lib/*.typ`
/// reads from a cell (`metin`, `hata`, `degisiklik` with `karar`, `organ`, `tarih`), an amaç
/// of `amac-listesi`, an indicator of `hedef-karti`, a bar of `gerceklesme-grafigi` and
/// `butce-grafigi`, and the theme overrides of `belge`.
const LIBRARY_KEYS: &[&str] = &[
    "aciklama",
    "ad",
    "ana-renk",
    "baslangic",
    "deger",
    "degerler",
    "degisiklik",
    "etiket",
    "etki",
    "hata",
    "hedefler",
    "ikinci-renk",
    "izleme",
    "karar",
    "kod",
    "metin",
    "organ",
    "raporlama",
    "tarih",
    "yazi-tipi",
];

/// Fields the built-in templates do not read: documented data for a project's own templates
/// (`<proje>/report-templates/`). Paths: `/` between keys, `[]` for the items of a list.
const UNREAD: &[&str] = &[
    "gosterge_eki[]/hedef",
    "hedef_kartlari[]/kod",
    "hedef_tablolari[]/kod",
    "kitap/kod",
    "kurum/il",
    "kurum/kisa_ad",
    "sonuc_tablolari[]/kod",
    "yil/plan",
    "yil/program",
];

/// Both sides of the branches the templates (and the layout library) take on data: the book
/// (`*` for every book), the field, the states the projects must show between them. States:
/// `none`, `text`, `true`, `false`, `empty` / `some` (lists), or the text of a `tur`.
const BRANCHES: &[(&str, &str, &[&str])] = &[
    ("*", "taslak", &["true", "false"]),
    ("*", "kurum/logo", &["none", "text"]),
    ("*", "kurum/kapak_il", &["none", "text"]),
    ("*", "metinler/degerlendirme.typ", &["true", "false"]),
    ("*", "metinler/durum-analizi.typ", &["true", "false"]),
    ("*", "metinler/genel-bilgiler.typ", &["true", "false"]),
    ("*", "metinler/hazirlik.typ", &["true", "false"]),
    ("*", "metinler/izleme.typ", &["true", "false"]),
    ("*", "metinler/kurumsal-kabiliyet.typ", &["true", "false"]),
    ("*", "metinler/oneri-tedbirler.typ", &["true", "false"]),
    ("*", "metinler/sunus.typ", &["true", "false"]),
    ("*", "metinler/temel-politikalar.typ", &["true", "false"]),
    ("*", "metinler/mali-tablolar.typ", &["true", "false"]),
    ("*", "metinler/mali-denetim.typ", &["true", "false"]),
    ("*", "metinler/izleme-degerlendirme.typ", &["true", "false"]),
    ("*", "metinler/degerlendirme-raporu.typ", &["true", "false"]),
    ("*", "baskan_sunusu", &["true", "false"]),
    ("*", "veri_kaynaklari", &["empty", "some"]),
    ("sp", "guncelleme", &["none", "some"]),
    ("sp", "degisiklikler", &["empty", "some"]),
    (
        "sp",
        "maliyet/satirlar[]/tur",
        &["amac", "hedef", "gyg", "toplam"],
    ),
    ("pp", "degisiklikler", &["empty", "some"]),
    ("pp", "hedef_tablolari[]/gostergeler", &["empty", "some"]),
    ("pp", "hedef_tablolari[]/faaliyetler", &["empty", "some"]),
    ("pp", "birim_tablolari[]/faaliyetler", &["empty", "some"]),
    ("pp", "idare_tablosu/satirlar[]/tur", &["amac", "hedef"]),
    ("fr", "degisiklikler", &["empty", "some"]),
    ("fr", "faaliyet_birimleri", &["empty", "some"]),
    ("fr", "sonuc_tablolari[]/gostergeler", &["empty", "some"]),
    ("fr", "gerceklesme_grafigi[]/deger", &["none", "number"]),
    ("fr", "mali/gider_aciklamalari", &["empty", "some"]),
    ("fr", "beyan/eksik_bolumler", &["empty", "some"]),
    ("fr", "bilgi_sistemi/metin", &["true", "false"]),
    ("fr", "kurumsal_eksik", &["empty", "some"]),
    ("fr", "mali/gelir/eksik", &["none", "text"]),
    ("fr", "mali/gelir/onceki_yil", &["none", "text"]),
    ("fr", "mali/denge/eksik", &["none", "text"]),
    ("fr", "mali/borclar/eksik", &["none", "text"]),
    ("fr", "mali/istirakler/eksik", &["none", "text"]),
    ("fr", "mali/transferler/eksik", &["none", "text"]),
    ("iz", "donem/aciklama", &["none", "text"]),
    ("iz", "degisiklikler", &["empty", "some"]),
    ("iz", "ozet/satirlar", &["empty", "some"]),
    ("iz", "ozet/grafik[]/deger", &["none", "number"]),
    ("iz", "hedef_tablolari", &["empty", "some"]),
    ("iz", "hedef_tablolari[]/gostergeler", &["empty", "some"]),
    ("iz", "hedef_tablolari[]/faaliyetler", &["empty", "some"]),
    ("dr", "degisiklikler", &["empty", "some"]),
    ("dr", "ozet/satirlar", &["empty", "some"]),
    ("dr", "gelisim", &["empty", "some"]),
    ("dr", "gelisim[]/gostergeler", &["empty", "some"]),
    (
        "dr",
        "gelisim[]/grafik/noktalar[]/deger",
        &["none", "number"],
    ),
    ("dr", "sapmalar/satirlar", &["empty", "some"]),
];

// ---------------------------------------------------------------------------------------
// What the templates do with a context

/// What the renders did with the contexts' fields.
#[derive(Debug, Default)]
struct Log {
    /// Fields a template looked up (`kurum/ad`, `hedef_kartlari[]/baslik`).
    read: BTreeSet<String>,
    /// Dictionaries iterated, that is printed whole into Typst.
    printed: BTreeSet<String>,
}

/// A context dictionary that writes down which of its fields are looked up and whether it is
/// iterated.
struct Tracked {
    path: String,
    fields: Vec<(String, Value)>,
    log: Arc<Mutex<Log>>,
}

impl fmt::Debug for Tracked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tracked").field("path", &self.path).finish()
    }
}

impl Object for Tracked {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        let (_, value) = self.fields.iter().find(|(k, _)| k == key)?;
        let mut log = self.log.lock().expect("log");
        log.read.insert(child(&self.path, key));
        Some(value.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut log = self.log.lock().expect("log");
        log.printed.insert(self.path.clone());
        Enumerator::Values(
            self.fields
                .iter()
                .map(|(k, _)| Value::from(k.as_str()))
                .collect(),
        )
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.fields.len())
    }
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}/{key}")
    }
}

/// What a context holds: every field path and the states each showed.
#[derive(Debug, Default)]
struct Shape {
    /// Field path → states (`none`, `text`, `some`, …).
    fields: BTreeMap<String, BTreeSet<String>>,
}

fn state(path: &str, value: &Value) -> String {
    match value.kind() {
        ValueKind::None => "none".into(),
        ValueKind::Undefined => "undefined".into(),
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::Number => "number".into(),
        ValueKind::String if path.ends_with("/tur") => value.as_str().unwrap_or("").into(),
        ValueKind::String => "text".into(),
        ValueKind::Seq => match value.len() {
            Some(0) => "empty".into(),
            _ => "some".into(),
        },
        ValueKind::Map => "map".into(),
        other => format!("{other:?}"),
    }
}

/// The context as minijinja values whose dictionaries are [`Tracked`]; records its shape.
fn track(value: &Value, path: &str, log: &Arc<Mutex<Log>>, shape: &mut Shape) -> Value {
    match value.kind() {
        ValueKind::Map => {
            let mut fields = Vec::new();
            for key in value.try_iter().expect("a map iterates") {
                let name = key.as_str().expect("string keys").to_string();
                let item = value.get_item(&key).expect("the key's value");
                let item_path = child(path, &name);
                shape
                    .fields
                    .entry(item_path.clone())
                    .or_default()
                    .insert(state(&item_path, &item));
                fields.push((name, track(&item, &item_path, log, shape)));
            }
            Value::from_object(Tracked {
                path: path.to_string(),
                fields,
                log: Arc::clone(log),
            })
        }
        ValueKind::Seq => {
            let item_path = format!("{path}[]");
            Value::from(
                value
                    .try_iter()
                    .expect("a list iterates")
                    .map(|item| track(&item, &item_path, log, shape))
                    .collect::<Vec<_>>(),
            )
        }
        _ => value.clone(),
    }
}

// ---------------------------------------------------------------------------------------
// The projects

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// The example with everything optional: a draft (a directorate without a workbook, a hedef
/// without indicators), a second decision that changes a target and a baseline of the report
/// year (an Encümen decision without gerekçe), three narrative chapters missing, the theme
/// overridden, no `il` and a logo that is not there.
fn dense(dir: &Path, example: &Checked) {
    copy_dir(&example_dir(), dir);
    let kurum = dir.join("kurum.yaml");
    replace_in(&kurum, "  il: Erzurum\n", "");
    replace_in(
        &kurum,
        "logo: gorseller/logo.svg",
        "logo: gorseller/yok.svg",
    );
    replace_in(
        &kurum,
        "tema: {}\n",
        "- ad: Deneme Müdürlüğü\ntema:\n  renk: \"#123456\"\n  vurgu: \"#abcdef\"\n  yazi_tipi: Libertinus Serif\n",
    );
    let mut plan = std::fs::read_to_string(dir.join("plan.yaml")).expect("plan.yaml");
    plan.push_str(
        "- kod: A9\n  ad: Deneme amacı\n  hedefler:\n  - kod: H9.1\n    ad: Göstergesiz hedef\n    sorumlu_birim: Deneme Müdürlüğü\n",
    );
    std::fs::write(dir.join("plan.yaml"), plan).expect("plan.yaml");
    for chapter in ["genel-bilgiler", "degerlendirme", "hazirlik"] {
        std::fs::remove_file(dir.join(format!("metinler/{chapter}.typ"))).expect("remove");
    }
    replace_in(
        &dir.join("metinler/kurumsal-kabiliyet.typ"),
        "== Değerlendirme",
        "== Sonuç",
    );
    let year = example.project.settings.years.report;
    let indicator = example
        .model
        .indicators
        .iter()
        .find(|i| {
            i.baseline.value.is_some()
                && i.targets.get(&year).and_then(|t| t.value).is_some()
                && i.targets.values().all(|t| t.changed_by.is_none())
        })
        .expect("an indicator with a baseline and a target of the report year");
    let target = indicator.targets[&year].value.expect("a target");
    let baseline = indicator.baseline.value.expect("a baseline");
    let decision = format!(
        "karar:\n  organ: Encümen\n  no: \"{year}/9\"\n  tarih: {year}-06-30\ndegisiklikler:\n  - gosterge: {code}\n    alan: hedef.{year}\n    eski: {target}\n    yeni: {new_target}\n  - gosterge: {code}\n    alan: baslangic\n    eski: {baseline}\n    yeni: {new_baseline}\n",
        code = indicator.code,
        new_target = target + 1.0,
        new_baseline = baseline + 1.0,
    );
    std::fs::write(dir.join("degisiklikler/deneme.yaml"), decision).expect("decision");
}

/// kurum.yaml and plan.yaml of the example, nothing else: every list of data is empty.
fn bare(dir: &Path) {
    std::fs::create_dir_all(dir.join("birimler")).expect("mkdir");
    for file in ["kurum.yaml", "plan.yaml"] {
        std::fs::copy(example_dir().join(file), dir.join(file)).expect("copy");
    }
}

/// The example's kurum.yaml and a plan without amaçlar: every book of a plan with no hedef.
fn empty_plan(dir: &Path) {
    std::fs::create_dir_all(dir.join("birimler")).expect("mkdir");
    std::fs::copy(example_dir().join("kurum.yaml"), dir.join("kurum.yaml")).expect("copy");
    std::fs::write(
        dir.join("plan.yaml"),
        "misyon: M\nvizyon: V\ntemel_degerler: [D]\namaclar: []\n",
    )
    .expect("write plan.yaml");
}

fn check(dir: &Path) -> Checked {
    pipeline::check(dir, &Options::default()).expect("the project loads")
}

// ---------------------------------------------------------------------------------------
// The test

#[test]
fn every_field_of_every_book_context_is_read_by_the_templates() {
    let example = check(&example_dir());
    let temp = tempfile::tempdir().expect("temp dir");
    let dense_dir = temp.path().join("yogun");
    dense(&dense_dir, &example);
    let bare_dir = temp.path().join("yalin");
    bare(&bare_dir);
    let empty_dir = temp.path().join("bos-plan");
    empty_plan(&empty_dir);
    // To build the projects with `kitap derle`: KITAP_TEST_PROJECTS=/some/folder.
    if let Some(out) = std::env::var_os("KITAP_TEST_PROJECTS") {
        copy_dir(temp.path(), Path::new(&out));
    }
    let projects = [
        ("örnek", example_dir(), example),
        ("yoğun", dense_dir.clone(), check(&dense_dir)),
        ("yalın", bare_dir.clone(), check(&bare_dir)),
        ("boş plan", empty_dir.clone(), check(&empty_dir)),
    ];
    let dense_changes = &projects[1].2.model.changes;
    assert!(
        dense_changes.iter().any(|c| c.decision.ends_with("/9")),
        "the dense project's decision applies: {:#?}",
        projects[1].2.report.findings
    );

    let renderer = Renderer::new(None).expect("the built-in templates load");
    let log = Arc::new(Mutex::new(Log::default()));
    // Per book: field path → states.
    let mut shapes: BTreeMap<&str, Shape> = BTreeMap::new();
    for (name, dir, checked) in &projects {
        let errors: Vec<_> = checked
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .cloned()
            .collect();
        let narratives = narratives_present(dir);
        let input = BookInput {
            model: &checked.model,
            settings: &checked.project.settings,
            findings: &errors,
            draft: !errors.is_empty(),
            narratives: &narratives,
            project_dir: dir,
        };
        for book in Book::EVERY {
            let context = book_context(book, &input);
            let plain = Value::from(Serde(&context));
            let shape = shapes.entry(book.code()).or_default();
            let tracked = track(&plain, "", &log, shape);
            for template in [book.template(), THEME_TEMPLATE] {
                if let Err(e) = renderer.render(template, &tracked) {
                    panic!("{template} of project {name} does not render: {e}");
                }
            }
        }
    }

    let log = log.lock().expect("log");
    let fields: BTreeSet<&String> = shapes.values().flat_map(|s| s.fields.keys()).collect();
    let parent = |path: &str| path.rsplit_once('/').map_or("", |(p, _)| p).to_string();
    let key = |path: &str| path.rsplit_once('/').map_or(path, |(_, k)| k).to_string();
    let mut problems = Vec::new();
    for path in &fields {
        let printed = log.printed.contains(&parent(path));
        if printed && !LIBRARY_KEYS.contains(&key(path).as_str()) {
            problems.push(format!(
                "{path}: printed whole into Typst, but the layout library reads no key “{}”",
                key(path)
            ));
        }
        if !printed && !log.read.contains(*path) && !UNREAD.contains(&path.as_str()) {
            problems.push(format!(
                "{path}: no template reads it (extend a project so one does, or list it in UNREAD)"
            ));
        }
    }
    for path in UNREAD {
        if !fields.contains(&path.to_string()) {
            problems.push(format!("{path}: listed in UNREAD but not in any context"));
        }
        if log.read.contains(*path) {
            problems.push(format!("{path}: listed in UNREAD but a template reads it"));
        }
    }
    let printed_keys: BTreeSet<String> = fields
        .iter()
        .filter(|p| log.printed.contains(&parent(p)))
        .map(|p| key(p))
        .collect();
    for k in LIBRARY_KEYS {
        if !printed_keys.contains(*k) {
            problems.push(format!(
                "LIBRARY_KEYS has “{k}”, which no printed dictionary of the projects holds"
            ));
        }
    }
    for (book, path, wanted) in BRANCHES {
        let seen: BTreeSet<&String> = shapes
            .iter()
            .filter(|(code, _)| *book == "*" || *code == book)
            .filter_map(|(_, s)| s.fields.get(*path))
            .flatten()
            .collect();
        for w in *wanted {
            if !seen.contains(&w.to_string()) {
                problems.push(format!(
                    "{book} {path}: no project shows “{w}” (seen: {seen:?})"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The key vocabulary is the layout library's: each key is read in `report-templates/lib/`.
#[test]
fn the_library_reads_every_key_of_the_printed_dictionaries() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates/lib");
    let mut source = String::new();
    for e in std::fs::read_dir(&lib).expect("lib").flatten() {
        source.push_str(&std::fs::read_to_string(e.path()).expect("a lib file"));
    }
    let reads = |k: &str| {
        let field = format!(".{k}");
        source.contains(&format!("\"{k}\""))
            || source.match_indices(&field).any(|(i, _)| {
                source[i + field.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
            })
    };
    for k in LIBRARY_KEYS {
        assert!(reads(k), "report-templates/lib reads no “{k}”");
    }
}

/// Rendering the three entry templates renders every template of the books: each book partial
/// is imported or included by an entry template, and there is no other entry template.
#[test]
fn the_entry_templates_reach_every_book_template() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
    let mut entries: Vec<&str> = Book::EVERY.iter().map(|b| b.template()).collect();
    entries.push(THEME_TEMPLATE);
    let mut text = String::new();
    for e in std::fs::read_dir(&dir).expect("templates").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".typ.j2") {
            assert!(
                entries.contains(&name.as_str()),
                "{name} is not a book's template (nor the theme's)"
            );
            text.push_str(&std::fs::read_to_string(e.path()).expect("template"));
        }
    }
    for e in std::fs::read_dir(dir.join("partials"))
        .expect("partials")
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".typ.j2") {
            assert!(
                text.contains(&format!("\"partials/{name}\"")),
                "no book template uses partials/{name}"
            );
        }
    }
}
