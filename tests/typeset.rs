//! Typst → PDF in-process: what a reader of the PDF, or an officer whose `metinler/` file has a
//! mistake, would notice.
//!
//! PDF text is read back with the `pdf-extract` crate (it decodes the ToUnicode maps of the
//! subset CID fonts typst writes, Turkish letters and ₺ included) and the PDF structure with
//! `lopdf`, which `pdf-extract` re-exports: no outside program is needed.

use std::fs;
use std::path::Path;

use kitap::assets::EmbeddedFile;
use kitap::typeset::{
    compile, Compiled, Diagnostic, Document, FileTree, FixedDateTime, FontLibrary, PdfSettings,
    PdfStandard, Severity,
};
use pdf_extract::{Document as PdfDocument, Object};
use rayon::prelude::*;

const TURKISH: &str = "İıŞşĞğÇçÖöÜü ₺";

fn settings() -> PdfSettings {
    PdfSettings {
        standard: PdfStandard::A2b,
        timestamp: FixedDateTime::new(2025, 3, 1, 9, 30, 0).expect("a real date"),
        ident: "test/faaliyet-raporu-2025".into(),
    }
}

fn doc(main_path: &str, main_text: &str) -> Document {
    Document {
        main_path: main_path.into(),
        main_text: main_text.into(),
    }
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn pdf_text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text is readable")
}

fn compile_ok(document: &Document, tree: &FileTree, fonts: &FontLibrary) -> Compiled {
    match compile(document, tree, fonts, &settings()) {
        Ok(compiled) => compiled,
        Err(diags) => panic!("compile failed:\n{}", render(&diags)),
    }
}

fn compile_err(document: &Document, tree: &FileTree, fonts: &FontLibrary) -> Vec<Diagnostic> {
    match compile(document, tree, fonts, &settings()) {
        Ok(_) => panic!("{} compiled, but it must fail", document.main_path),
        Err(diags) => diags,
    }
}

fn render(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| format!("{d}\n")).collect()
}

/// Everything a user could see of a failed compile.
fn everything_shown(diags: &[Diagnostic]) -> String {
    format!("{}{diags:?}", render(diags))
}

const TURKISH_DOC: &str = r#"#set document(title: "Faaliyet Raporu 2025", author: "Örnek Belediyesi", keywords: ("faaliyet raporu", "belediye"))
#set text(lang: "tr", font: "Noto Sans")
#set page(paper: "a4")
= Başkan Sunuşu
İıŞşĞğÇçÖöÜü ₺

*Kalın: İıŞşĞğÇçÖöÜü ₺* _Eğik: İıŞşĞğÇçÖöÜü ₺_
#text(stretch: 75%)[Dar: İıŞşĞğÇçÖöÜü ₺] #text(stretch: 75%, weight: "bold")[Dar kalın: İıŞşĞğÇçÖöÜü ₺]

Bugün: #datetime.today().display("[day].[month].[year]")
"#;

#[test]
fn turkish_text_reads_back_from_the_pdf_in_every_face() {
    let fonts = FontLibrary::load(&[]);
    let compiled = compile_ok(
        &doc("faaliyet-raporu-2025.typ", TURKISH_DOC),
        &FileTree::without_project(),
        &fonts,
    );
    assert_eq!(compiled.pages, 1);
    assert!(
        compiled.warnings.is_empty(),
        "{}",
        render(&compiled.warnings)
    );
    let text = pdf_text(&compiled.pdf);
    for line in [
        "Başkan Sunuşu",
        TURKISH,
        "Kalın: ",
        "Eğik: ",
        "Dar: ",
        "Dar kalın: ",
    ] {
        assert!(
            text.contains(line),
            "{line:?} missing from the PDF text:\n{text}"
        );
    }
    assert_eq!(text.matches(TURKISH).count(), 5, "{text}");
    // `datetime.today()` is the build's fixed date, not the clock.
    assert!(text.contains("Bugün: 01.03.2025"), "{text}");
}

#[test]
fn the_built_in_fonts_are_noto_sans_with_condensed_widths_and_symbols() {
    let fonts = FontLibrary::load(&[]);
    assert_eq!(fonts.len(), 14);
    assert_eq!(
        fonts.families(),
        [
            "Noto Emoji",
            "Noto Sans",
            "Noto Sans Arabic",
            "Noto Sans Hebrew",
            "Noto Sans Math",
            "Noto Sans Symbols",
            "Noto Sans Symbols2"
        ]
    );
    assert!(fonts.warnings().is_empty(), "{:?}", fonts.warnings());
    let condensed = fonts
        .infos()
        .filter(|info| info.variant.stretch.to_ratio().get() < 1.0);
    assert_eq!(condensed.count(), 2);
    assert_eq!(
        fonts.missing_chars("İıŞşĞğÇçÖöÜü ₺ −≤≥→✓▲①☑ مرحبا שלום 🎉\n\t"),
        Vec::<char>::new()
    );
    assert_eq!(
        fonts.missing_chars("a漢b漢😀\u{E000}"),
        vec!['漢', '\u{E000}']
    );
}

#[test]
fn signs_missing_from_noto_sans_fall_back_to_the_symbol_fonts_under_pdfa() {
    // Typst prints `-5` in markup and negative numbers as U+2212 (−), which Noto Sans lacks;
    // under PDF/A a glyph that no font has fails the whole book.
    let fonts = FontLibrary::load(&[]);
    let main = "#set text(lang: \"tr\", font: \"Noto Sans\")\n\
                Eksi: -5 ve #(-7); ≤ ≥ ± × → ↑ ↓ ✓ ✗ ▲ ▼ ● ■ ⚠\n";
    let compiled = compile_ok(
        &doc("kitap.typ", main),
        &FileTree::without_project(),
        &fonts,
    );
    let text = pdf_text(&compiled.pdf);
    // pdf-extract puts spaces where the font changes: compare without whitespace.
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(compact.contains("Eksi:−5ve−7≤≥±×→↑↓✓✗▲▼●■⚠"), "{text}");

    let diags = compile_err(
        &doc("kitap.typ", "Yazı: 漢\n"),
        &FileTree::without_project(),
        &fonts,
    );
    assert!(
        diags[0]
            .message
            .contains("\"漢\" yazı tiplerinde bulunmayan bir karakter"),
        "{}",
        render(&diags)
    );
    assert_eq!(diags[0].path.as_deref(), Some("kitap.typ"));
}

#[test]
fn the_pdf_is_pdfa_2b_with_metadata_and_every_font_embedded() {
    let fonts = FontLibrary::load(&[]);
    let compiled = compile_ok(
        &doc("kitap.typ", TURKISH_DOC),
        &FileTree::without_project(),
        &fonts,
    );
    let pdf = PdfDocument::load_mem(&compiled.pdf).expect("a valid PDF");

    let catalog = pdf.catalog().expect("a catalog");
    let metadata = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("XMP metadata");
    let stream = pdf
        .get_object(metadata)
        .and_then(Object::as_stream)
        .expect("a stream");
    let xmp = String::from_utf8(
        stream
            .decompressed_content()
            .unwrap_or(stream.content.clone()),
    )
    .expect("UTF-8 XMP");
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains("Faaliyet Raporu 2025"), "title in XMP: {xmp}");
    assert!(xmp.contains("Örnek Belediyesi"), "author in XMP: {xmp}");
    assert!(xmp.contains("faaliyet raporu"), "keywords in XMP: {xmp}");
    assert!(
        xmp.contains("<rdf:li>tr</rdf:li>"),
        "language in XMP: {xmp}"
    );
    assert!(
        xmp.contains("2025-03-01T09:30:00"),
        "creation date in XMP: {xmp}"
    );
    assert!(
        catalog
            .get(b"Lang")
            .is_ok_and(|lang| lang.as_str().is_ok_and(|l| l == b"tr")),
        "/Lang (tr) in the catalog"
    );
    // PDF/A-2b needs no tags, and tags make table-heavy books many times larger.
    assert!(catalog.get(b"StructTreeRoot").is_err(), "an untagged PDF");

    // Every font: a descendant/simple font with a descriptor that holds the font program.
    let mut descriptors = 0;
    for object in pdf.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(&b"FontDescriptor"[..]) {
            continue;
        }
        descriptors += 1;
        let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|key| dict.get(key).is_ok());
        assert!(embedded, "a font is not embedded: {dict:?}");
    }
    // Regular, bold, italic, condensed, condensed bold at least.
    assert!(descriptors >= 5, "{descriptors} font descriptors");
}

#[test]
fn the_same_input_gives_the_same_bytes_whatever_the_threads() {
    let project = tempfile::tempdir().expect("temp dir");
    write(
        project.path(),
        "metinler/sunus.typ",
        "== Sunuş\nİçerik: İıŞşĞğÇçÖöÜü ₺ #lorem(200)\n",
    );
    let main = format!("{TURKISH_DOC}\n#include \"metinler/sunus.typ\"\n#outline()\n");
    let document = doc("faaliyet-raporu-2025.typ", &main);

    let fonts = FontLibrary::load(&[]);
    let tree = FileTree::new(project.path()).expect("tree");
    let first = compile_ok(&document, &tree, &fonts).pdf;
    // Again with the same (warm) tree, then from scratch, then on one and on two threads.
    let warm = compile_ok(&document, &tree, &fonts).pdf;
    let cold = compile_ok(
        &document,
        &FileTree::new(project.path()).expect("tree"),
        &FontLibrary::load(&[]),
    )
    .pdf;
    assert!(first == warm, "a recompile changed the PDF");
    assert!(
        first == cold,
        "a fresh FileTree and FontLibrary changed the PDF"
    );
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let pdf = pool.install(|| compile_ok(&document, &tree, &fonts).pdf);
        assert!(first == pdf, "{threads} thread(s) changed the PDF");
    }
    // Another identifier gives another PDF identifier, nothing else.
    let other = compile(
        &document,
        &tree,
        &fonts,
        &PdfSettings {
            ident: "test/baska".into(),
            ..settings()
        },
    )
    .expect("compiles");
    assert!(first != other.pdf && first.len() == other.pdf.len());
}

/// Set in the child process of the test below: where to write its PDF.
const CHILD_OUTPUT: &str = "KITAP_TYPESET_TEST_PDF";

#[test]
fn the_same_input_gives_the_same_bytes_in_another_process() {
    let document = doc("faaliyet-raporu-2025.typ", TURKISH_DOC);
    let pdf = compile_ok(
        &document,
        &FileTree::without_project(),
        &FontLibrary::load(&[]),
    )
    .pdf;
    if let Some(path) = std::env::var_os(CHILD_OUTPUT) {
        fs::write(path, &pdf).expect("write the PDF");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("cocuk.pdf");
    let status = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "the_same_input_gives_the_same_bytes_in_another_process",
        ])
        .args(["--test-threads", "1"])
        .env(CHILD_OUTPUT, &output)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run the test binary again");
    assert!(status.success());
    let child = fs::read(&output).expect("the child wrote its PDF");
    assert!(child == pdf, "another process wrote different bytes");
}

/// A project folder inside a parent folder that holds a secret `kurum.yaml`, so that
/// `../../kurum.yaml` from `metinler/` would reach it if the sandbox leaked.
struct Sandbox {
    _parent: tempfile::TempDir,
    project: std::path::PathBuf,
}

const SECRET: &str = "GIZLI-ICERIK-3141592";

fn sandbox() -> Sandbox {
    let parent = tempfile::tempdir().expect("temp dir");
    write(
        parent.path(),
        "kurum.yaml",
        &format!("kurum: {{ad: {SECRET}}}\n"),
    );
    write(parent.path(), "gizli.txt", SECRET);
    let project = parent.path().join("proje");
    write(&project, "kurum.yaml", "kurum: {ad: Örnek Belediyesi}\n");
    Sandbox {
        _parent: parent,
        project,
    }
}

fn assert_no_leak(diags: &[Diagnostic], sandbox: &Sandbox) {
    let shown = everything_shown(diags);
    assert!(!shown.contains(SECRET), "secret content leaked: {shown}");
    assert!(!shown.contains("root:x:0:0"), "/etc/passwd leaked: {shown}");
    assert!(
        !shown.contains("--root"),
        "mentions the CLI's --root: {shown}"
    );
    let host = sandbox
        .project
        .parent()
        .expect("parent")
        .to_string_lossy()
        .into_owned();
    assert!(!shown.contains(&host), "names a host path: {shown}");
    assert!(!shown.contains("/tmp"), "names a host path: {shown}");
}

#[test]
fn metinler_cannot_read_outside_the_project_folder() {
    let sandbox = sandbox();
    write(
        &sandbox.project,
        "metinler/passwd.typ",
        "= Passwd\n#read(\"/etc/passwd\")\n",
    );
    write(
        &sandbox.project,
        "metinler/kurum.typ",
        "= Kurum\n#read(\"../../kurum.yaml\")\n",
    );
    write(
        &sandbox.project,
        "metinler/json.typ",
        "#json(\"../../../../../etc/passwd\")\n",
    );
    let fonts = FontLibrary::load(&[]);
    let tree = FileTree::new(&sandbox.project).expect("tree");

    for (file, line, column) in [
        ("metinler/passwd.typ", 2, 7),
        ("metinler/kurum.typ", 2, 7),
        ("metinler/json.typ", 1, 7),
    ] {
        let main = format!("#include \"{file}\"\n");
        let diags = compile_err(&doc("kitap.typ", &main), &tree, &fonts);
        assert_no_leak(&diags, &sandbox);
        let error = &diags[0];
        assert_eq!(error.severity, Severity::Error);
        assert_eq!(error.path.as_deref(), Some(file), "{}", render(&diags));
        assert_eq!(
            (error.line, error.column),
            (Some(line), Some(column)),
            "{error}"
        );
        assert!(error
            .to_string()
            .starts_with(&format!("{file}:{line}:{column}: hata: ")));
    }
    // Reading a file of the project itself is allowed (`../kurum.yaml` is the project's).
    write(
        &sandbox.project,
        "metinler/ic.typ",
        "#read(\"../kurum.yaml\")\n",
    );
    let compiled = compile_ok(
        &doc("kitap.typ", "#include \"metinler/ic.typ\"\n"),
        &tree,
        &fonts,
    );
    assert!(pdf_text(&compiled.pdf).contains("Örnek Belediyesi"));
}

#[test]
fn the_messages_for_unreadable_files_are_turkish() {
    let sandbox = sandbox();
    write(
        &sandbox.project,
        "metinler/kurum.typ",
        "#read(\"../../kurum.yaml\")\n",
    );
    write(
        &sandbox.project,
        "metinler/resim.typ",
        "#image(\"../gorseller/yok.png\")\n",
    );
    let fonts = FontLibrary::load(&[]);
    let tree = FileTree::new(&sandbox.project).expect("tree");

    let diags = compile_err(
        &doc("kitap.typ", "#include \"metinler/kurum.typ\""),
        &tree,
        &fonts,
    );
    assert_eq!(
        diags[0].message,
        "\"../../kurum.yaml\" yolu proje klasörünün dışına çıkıyor"
    );
    let diags = compile_err(
        &doc("kitap.typ", "#include \"metinler/resim.typ\""),
        &tree,
        &fonts,
    );
    assert_eq!(diags[0].message, "dosya bulunamadı: gorseller/yok.png");
    assert_no_leak(&diags, &sandbox);
}

#[cfg(unix)]
#[test]
fn symlinks_that_leave_the_project_folder_are_refused() {
    use std::os::unix::fs::symlink;
    let sandbox = sandbox();
    let outside = sandbox.project.parent().expect("parent").join("gizli.txt");
    fs::create_dir_all(sandbox.project.join("gorseller")).expect("folder");
    symlink(&outside, sandbox.project.join("gorseller/bilgi.txt")).expect("symlink");
    symlink(
        sandbox.project.parent().expect("parent"),
        sandbox.project.join("ust"),
    )
    .expect("link");
    write(&sandbox.project, "ic.txt", "içerideki metin");
    symlink(
        sandbox.project.join("ic.txt"),
        sandbox.project.join("gorseller/ic.txt"),
    )
    .expect("symlink");
    write(
        &sandbox.project,
        "metinler/link.typ",
        "#read(\"../gorseller/bilgi.txt\")\n",
    );
    write(
        &sandbox.project,
        "metinler/ust.typ",
        "\n#read(\"/ust/kurum.yaml\")\n",
    );
    write(
        &sandbox.project,
        "metinler/ic.typ",
        "#read(\"/gorseller/ic.txt\")\n",
    );
    let fonts = FontLibrary::load(&[]);
    let tree = FileTree::new(&sandbox.project).expect("tree");

    for (file, line) in [("metinler/link.typ", 1), ("metinler/ust.typ", 2)] {
        let diags = compile_err(
            &doc("kitap.typ", &format!("#include \"{file}\"")),
            &tree,
            &fonts,
        );
        assert_no_leak(&diags, &sandbox);
        assert_eq!(diags[0].path.as_deref(), Some(file), "{}", render(&diags));
        assert_eq!(diags[0].line, Some(line));
        assert!(
            diags[0].message.contains("proje klasörünün dışındaki"),
            "{}",
            diags[0]
        );
    }
    // A link that stays inside the project folder is fine.
    let compiled = compile_ok(
        &doc("kitap.typ", "#include \"metinler/ic.typ\""),
        &tree,
        &fonts,
    );
    assert!(pdf_text(&compiled.pdf).contains("içerideki metin"));
}

static BUILT_IN: [EmbeddedFile; 2] = [
    EmbeddedFile {
        path: "lib/ortak.typ",
        bytes: b"#let kaynak = \"yerlesik-ortak\"\n",
    },
    EmbeddedFile {
        path: "lib/x.typ",
        bytes: b"#let kaynak = \"yerlesik-x\"\n",
    },
];

#[test]
fn a_project_lib_file_replaces_the_built_in_one_of_the_same_name() {
    let project = tempfile::tempdir().expect("temp dir");
    write(
        project.path(),
        "report-templates/lib/x.typ",
        "#let kaynak = \"proje-x\"\n",
    );
    let main = "#import \"lib/x.typ\": kaynak as a\n#import \"lib/ortak.typ\": kaynak as b\n\
                Birinci: #a, ikinci: #b.\n";
    let fonts = FontLibrary::load(&[]);

    let tree = FileTree::with_templates(Some(project.path()), &BUILT_IN).expect("tree");
    let text = pdf_text(&compile_ok(&doc("kitap.typ", main), &tree, &fonts).pdf);
    assert!(
        text.contains("Birinci: proje-x, ikinci: yerlesik-ortak."),
        "{text}"
    );

    // Without the override, the built-in file is used.
    let plain = tempfile::tempdir().expect("temp dir");
    let tree = FileTree::with_templates(Some(plain.path()), &BUILT_IN).expect("tree");
    let text = pdf_text(&compile_ok(&doc("kitap.typ", main), &tree, &fonts).pdf);
    assert!(
        text.contains("Birinci: yerlesik-x, ikinci: yerlesik-ortak."),
        "{text}"
    );

    // kitap's own built-in lib files are reachable under lib/ too.
    let tree = FileTree::new(plain.path()).expect("tree");
    for file in kitap::assets::templates()
        .iter()
        .filter(|f| f.path.starts_with("lib/"))
    {
        let main = format!("#let n = read(\"{}\", encoding: none).len()\n#n", file.path);
        let text = pdf_text(&compile_ok(&doc("kitap.typ", &main), &tree, &fonts).pdf);
        assert!(
            text.contains(&file.bytes.len().to_string()),
            "{}: {text}",
            file.path
        );
    }
}

#[test]
fn an_error_in_a_metinler_file_names_the_file_line_and_column() {
    let project = tempfile::tempdir().expect("temp dir");
    write(
        project.path(),
        "metinler/izleme.typ",
        "= İzleme ve Değerlendirme\n\nMetin metin.\n  Sonuç: #tanimsiz-degisken\n",
    );
    let fonts = FontLibrary::load(&[]);
    let tree = FileTree::new(project.path()).expect("tree");
    let main = "#set text(lang: \"tr\")\n= Kitap\n#include \"metinler/izleme.typ\"\n";
    let diags = compile_err(&doc("stratejik-plan-2025-2029.typ", main), &tree, &fonts);
    let error = &diags[0];
    assert_eq!(error.path.as_deref(), Some("metinler/izleme.typ"));
    assert_eq!(error.line, Some(4));
    assert_eq!(error.column, Some(11), "columns count characters: {error}");
    assert!(error.message.contains("tanimsiz-degisken"), "{error}");
    assert!(
        error
            .to_string()
            .starts_with("metinler/izleme.typ:4:11: hata: "),
        "{error}"
    );

    // A syntax error in the main source names the main file.
    let diags = compile_err(
        &doc("stratejik-plan-2025-2029.typ", "ilk satır\n#(1 +\n"),
        &tree,
        &fonts,
    );
    assert_eq!(
        diags[0].path.as_deref(),
        Some("stratejik-plan-2025-2029.typ"),
        "{}",
        render(&diags)
    );
    assert_eq!(diags[0].line, Some(2));
}

#[test]
fn a_document_that_does_not_converge_fails() {
    let fonts = FontLibrary::load(&[]);
    let main = "#let s = state(\"n\", 0)\n#context s.update(s.final() + 1)\n#context s.get()\n";
    let diags = compile_err(
        &doc("kitap.typ", main),
        &FileTree::without_project(),
        &fonts,
    );
    assert_eq!(diags[0].severity, Severity::Error);
    assert!(
        diags[0]
            .message
            .contains("kararlı bir sayfa düzenine ulaşmadı"),
        "{}",
        render(&diags)
    );
}

#[test]
fn three_books_compile_in_parallel_sharing_fonts_and_files() {
    let project = tempfile::tempdir().expect("temp dir");
    write(
        project.path(),
        "metinler/sunus.typ",
        "Ortak sunuş: İıŞşĞğÇçÖöÜü ₺\n",
    );
    let fonts = FontLibrary::load(&[]);
    let tree = FileTree::new(project.path()).expect("tree");
    let books: Vec<Document> = [
        "stratejik-plan-2025-2029",
        "performans-programi-2026",
        "faaliyet-raporu-2025",
    ]
    .iter()
    .map(|name| {
        let text = format!(
            "#set document(title: \"{name}\")\n#set text(lang: \"tr\")\n= {name}\n\
                 #include \"metinler/sunus.typ\"\n#lorem(600)\n#pagebreak()\nSon sayfa.\n"
        );
        doc(&format!("{name}.typ"), &text)
    })
    .collect();

    let parallel: Vec<Compiled> = books
        .par_iter()
        .map(|book| compile_ok(book, &tree, &fonts))
        .collect();
    for (book, compiled) in books.iter().zip(&parallel) {
        let name = book.main_path.trim_end_matches(".typ");
        let text = pdf_text(&compiled.pdf);
        assert!(
            text.contains(name) && text.contains("Ortak sunuş: İıŞşĞğÇçÖöÜü ₺"),
            "{text}"
        );
        assert!(compiled.pages >= 2);
        // The same bytes as compiled alone.
        let alone = compile_ok(book, &FileTree::new(project.path()).expect("tree"), &fonts);
        assert!(
            alone.pdf == compiled.pdf,
            "{name} differs when compiled in parallel"
        );
    }
}

#[test]
fn a_reused_tree_sees_edits_after_reset() {
    let project = tempfile::tempdir().expect("temp dir");
    write(project.path(), "metinler/sunus.typ", "Eski metin.\n");
    let fonts = FontLibrary::load(&[]);
    let mut tree = FileTree::new(project.path()).expect("tree");
    let book = |extra: &str| {
        doc(
            "kitap.typ",
            &format!("#include \"metinler/sunus.typ\"\n{extra}"),
        )
    };

    assert!(pdf_text(&compile_ok(&book(""), &tree, &fonts).pdf).contains("Eski metin."));
    // The main source changes between compiles.
    let text = pdf_text(&compile_ok(&book("Ek satır."), &tree, &fonts).pdf);
    assert!(text.contains("Ek satır."), "{text}");

    write(project.path(), "metinler/sunus.typ", "Yeni metin.\n");
    tree.reset();
    let text = pdf_text(&compile_ok(&book(""), &tree, &fonts).pdf);
    assert!(
        text.contains("Yeni metin.") && !text.contains("Eski metin."),
        "{text}"
    );
    assert_eq!(tree.dependencies(), vec!["metinler/sunus.typ".to_owned()]);
}

#[test]
fn memory_files_are_read_before_project_files() {
    let project = tempfile::tempdir().expect("temp dir");
    write(
        project.path(),
        "veri/tablo.json",
        "{\"deger\": \"diskteki\"}",
    );
    let fonts = FontLibrary::load(&[]);
    let mut tree = FileTree::new(project.path()).expect("tree");
    let main = "#json(\"veri/tablo.json\").deger / #read(\"ek/not.txt\")";
    tree.add_memory_file("veri/tablo.json", "{\"deger\": \"bellekteki\"}")
        .expect("valid path");
    tree.add_memory_file("/ek/not.txt", "Şükran")
        .expect("valid path");
    let text = pdf_text(&compile_ok(&doc("kitap.typ", main), &tree, &fonts).pdf);
    assert!(text.contains("bellekteki / Şükran"), "{text}");
    assert!(tree.add_memory_file("../disari.txt", "x").is_err());
    assert!(tree.add_memory_file("a\\b.txt", "x").is_err());
}

#[test]
fn project_fonts_are_added_and_broken_ones_reported() {
    let project = tempfile::tempdir().expect("temp dir");
    let fonts_dir = project.path().join("fonts");
    let regular = kitap::assets::fonts()
        .iter()
        .find(|file| file.path == "NotoSans-Regular.ttf")
        .expect("built-in regular face");
    write(&fonts_dir, "bozuk.ttf", "bu bir yazı tipi değil");
    fs::create_dir_all(fonts_dir.join("alt")).expect("folder");
    fs::write(fonts_dir.join("alt/Kurum.ttf"), regular.bytes).expect("copy font");
    let fonts = FontLibrary::load(&[fonts_dir.clone(), project.path().join("yok")]);
    assert_eq!(fonts.len(), FontLibrary::load(&[]).len() + 1);
    assert_eq!(fonts.warnings().len(), 1, "{:?}", fonts.warnings());
    assert!(fonts.warnings()[0].contains("bozuk.ttf"));
}

#[test]
fn pdf_standards_parse_from_kurum_yaml_spellings() {
    for (text, standard) in [
        ("a-2b", PdfStandard::A2b),
        ("PDF/A-2b", PdfStandard::A2b),
        ("A2B", PdfStandard::A2b),
        ("a-3u", PdfStandard::A3u),
        ("1.7", PdfStandard::Pdf17),
        ("pdf-2.0", PdfStandard::Pdf20),
        ("ua-1", PdfStandard::Ua1),
    ] {
        assert_eq!(text.parse::<PdfStandard>(), Ok(standard), "{text}");
    }
    assert_eq!(PdfStandard::default(), PdfStandard::A2b);
    let error = "a-9z".parse::<PdfStandard>().expect_err("unknown");
    assert!(error.to_string().contains("a-2b"), "{error}");
    assert!(PdfStandard::A2a.needs_tags() && !PdfStandard::A2b.needs_tags());
}

#[test]
fn another_standard_is_declared_when_asked() {
    let fonts = FontLibrary::load(&[]);
    let document = doc("kitap.typ", TURKISH_DOC);
    let tree = FileTree::without_project();
    let a3u = PdfSettings {
        standard: PdfStandard::A3u,
        ..settings()
    };
    let pdf = compile(&document, &tree, &fonts, &a3u)
        .expect("compiles")
        .pdf;
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfaid:part>3</pdfaid:part>"));
    assert!(raw.contains("<pdfaid:conformance>U</pdfaid:conformance>"));
    let plain = PdfSettings {
        standard: PdfStandard::Pdf17,
        ..settings()
    };
    let pdf = compile(&document, &tree, &fonts, &plain)
        .expect("compiles")
        .pdf;
    assert!(!String::from_utf8_lossy(&pdf).contains("pdfaid:part"));
    assert!(pdf_text(&pdf).contains(TURKISH));
    // PDF/A-2a requires a tagged PDF.
    let a2a = PdfSettings {
        standard: PdfStandard::A2a,
        ..settings()
    };
    let pdf = compile(&document, &tree, &fonts, &a2a)
        .expect("compiles")
        .pdf;
    let pdf = PdfDocument::load_mem(&pdf).expect("a valid PDF");
    assert!(
        pdf.catalog()
            .expect("catalog")
            .get(b"StructTreeRoot")
            .is_ok(),
        "a tagged PDF"
    );
}

#[test]
fn today_is_the_build_date_and_an_offset_moves_it_by_at_most_a_day() {
    // The build's time is 2025-03-01 09:30 UTC.
    let fonts = FontLibrary::load(&[]);
    let tree = FileTree::without_project();
    let main = "#let g(o) = datetime.today(offset: o).display(\"[day].[month].[year]\")\n\
                Bugün #datetime.today().display(\"[day].[month].[year]\"), \
                doğuda #g(20), batıda #g(-10).\n";
    let text = pdf_text(&compile_ok(&doc("kitap.typ", main), &tree, &fonts).pdf);
    assert!(
        text.contains("Bugün 01.03.2025, doğuda 02.03.2025, batıda 28.02.2025."),
        "{text}"
    );
    let diags = compile_err(
        &doc("kitap.typ", "#datetime.today(offset: 100)"),
        &tree,
        &fonts,
    );
    assert!(
        diags[0].message.contains("unable to get the current date"),
        "{}",
        render(&diags)
    );
}

#[test]
fn fixed_dates_are_checked() {
    assert!(FixedDateTime::new(2025, 2, 29, 0, 0, 0).is_none());
    assert!(FixedDateTime::date(2024, 2, 29).is_some());
    assert_eq!(
        FixedDateTime::from_unix_seconds(1_740_821_400).map(|d| d.to_string()),
        Some("2025-03-01T09:30:00Z".to_owned())
    );
    assert_eq!(
        FixedDateTime::from_unix_seconds(0).map(|d| d.to_string()),
        Some("1970-01-01T00:00:00Z".to_owned())
    );
    assert_eq!(
        FixedDateTime::from_unix_seconds(-1).map(|d| d.to_string()),
        Some("1969-12-31T23:59:59Z".to_owned())
    );
    // Past the years a fixed date may have, or past any calendar: no date.
    assert!(FixedDateTime::from_unix_seconds(253_402_300_799).is_none());
    assert!(FixedDateTime::from_unix_seconds(i64::MAX).is_none());
    assert!(FixedDateTime::from_unix_seconds(i64::MIN).is_none());
}
