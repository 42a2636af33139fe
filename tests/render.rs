//! The render stage: the Typst escape, the Turkish filters, the template loader and its errors,
//! and the layout library compiled with hostile data.

use std::fs;
use std::path::Path;

use kitap::render::escape::typst_string;
use kitap::render::{RenderError, Renderer};
use kitap::text::format;
use serde_json::json;
use typst::syntax::{ast, parse_code, SyntaxNode};

/// Hostile values a workbook cell or a YAML field may hold.
fn hostile_strings() -> Vec<String> {
    let mut list: Vec<String> = [
        "#read(\"/etc/passwd\")",
        "#import \"/etc/passwd\"",
        "$x^2$",
        "*kalın*",
        "_eğik_",
        "= Başlık",
        "\n= Başlık",
        "<etiket>",
        "@ref",
        "]",
        "[",
        "\\",
        "\\\\",
        "\\\"",
        "// yorum",
        "/* */",
        "/* açık yorum",
        "\"",
        "\"\"\"",
        "-5",
        "1. ",
        "+ madde",
        "- madde",
        "https://x.y",
        "--",
        "---",
        "...",
        "~",
        "`kod`",
        "```rust\nfn main() {}\n```",
        "#{ panic() }",
        "#let x = 1",
        "\") #panic(\"",
        "\\u{41}",
        "\\n",
        "{{ x }}",
        "{% if %}",
        "satır\nsatır\r\nsatır\rsatır",
        "sekme\tsekme",
        "\u{0}\u{1}\u{7}\u{1b}\u{7f}\u{85}\u{2028}\u{2029}",
        "\u{feff}BOM",
        "العربية نص",
        "中文文本",
        "😀 👍🏽 🇹🇷",
        "e\u{301} (birleşik vurgu)",
        "İıĞğŞşÇçÖöÜü ₺ € §",
        "",
        " ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    list.push("ğ".repeat(300));
    list.push("a".repeat(300));
    // Every ASCII punctuation character alone, and all of them together.
    let punct: String = (0x21u8..0x7f)
        .map(char::from)
        .filter(|c| c.is_ascii_punctuation())
        .collect();
    list.extend(punct.chars().map(|c| c.to_string()));
    list.push(punct);
    list
}

/// Many more strings: deterministic pseudo-random mixes of hostile pieces.
fn generated_strings(count: usize) -> Vec<String> {
    let pieces: Vec<String> = hostile_strings()
        .into_iter()
        .filter(|s| s.len() < 40)
        .chain(["x", "İ", " ", "\n", "\\", "\"", "#", "u{", "}"].map(String::from))
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let n = (next() % 6) as usize + 1;
            (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize].clone())
                .collect::<String>()
        })
        .collect()
}

/// The single expression of `code`, if it parses without error to exactly one.
fn single_expression(code: &str) -> Result<ast::Expr<'static>, String> {
    let root: &'static SyntaxNode = Box::leak(Box::new(parse_code(code)));
    let (errors, _) = root.errors_and_warnings();
    if !errors.is_empty() {
        return Err(format!("{errors:?}"));
    }
    let code_node = root
        .cast::<ast::Code>()
        .ok_or_else(|| "not code".to_string())?;
    let exprs: Vec<ast::Expr> = code_node.exprs().collect();
    match exprs.as_slice() {
        [one] => Ok(*one),
        other => Err(format!("{} expressions", other.len())),
    }
}

fn assert_string_literal(input: &str, literal: &str) {
    match single_expression(literal) {
        Ok(ast::Expr::Str(s)) => assert_eq!(s.get().as_str(), input, "literal {literal}"),
        Ok(other) => panic!("{literal:?} parsed as {other:?}, not a string"),
        Err(e) => panic!("{literal:?} (from {input:?}) does not parse: {e}"),
    }
}

#[test]
fn every_hostile_string_escapes_to_one_string_literal_with_the_same_value() {
    for input in hostile_strings().iter().chain(&generated_strings(3000)) {
        let literal = typst_string(input);
        assert_string_literal(input, &literal);
        // The literal stays on one line: a line of generated source never breaks inside it.
        assert!(
            !literal.contains('\n') && !literal.contains('\r'),
            "{literal:?}"
        );
    }
}

/// A renderer whose project folder holds the given templates.
fn project_with(templates: &[(&str, &str)]) -> (tempfile::TempDir, Renderer) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in templates {
        let path = dir.path().join("report-templates").join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, text).expect("write");
    }
    let renderer = Renderer::new(Some(dir.path())).expect("renderer");
    (dir, renderer)
}

#[test]
fn a_template_value_renders_as_a_typst_expression() {
    let (_dir, r) = project_with(&[("deger.typ.j2", "{{ x }}")]);
    let cases = [
        (json!("metin"), r#""metin""#),
        (json!("a\"b\\c\nd"), r#""a\"b\\c\nd""#),
        (json!(42), "42"),
        (json!(-5), "(-5)"),
        (json!(1.5), "1.5"),
        (json!(-0.25), "(-0.25)"),
        (json!(true), "true"),
        (json!(null), "none"),
        (json!([]), "()"),
        (json!(["a"]), r#"("a",)"#),
        (json!([1, "b", null]), r#"(1, "b", none,)"#),
        (json!({}), "(:)"),
        (
            json!({"ad": "x", "n": [2025]}),
            r#"("ad": "x", "n": (2025,),)"#,
        ),
    ];
    for (value, expected) in cases {
        let out = r
            .render("deger.typ.j2", &json!({ "x": value }))
            .expect("render");
        assert_eq!(out, expected, "{value}");
        assert!(single_expression(&out).is_ok(), "{out}");
    }
}

#[test]
fn hostile_strings_in_arguments_and_markup_keep_the_source_valid() {
    let template = "#let f(ad: none, liste: ()) = ad\n\
                    {% for s in degerler %}\
                    #f(ad: {{ s }}, liste: {{ degerler[:3] }})\n\
                    #{{ s }};\n\
                    {% endfor %}";
    let (_dir, r) = project_with(&[("dusman.typ.j2", template)]);
    let values = hostile_strings();
    let out = r
        .render("dusman.typ.j2", &json!({ "degerler": values }))
        .expect("render");
    let root = typst::syntax::parse(&out);
    let (errors, _) = root.errors_and_warnings();
    assert!(errors.is_empty(), "{errors:?}");
    // No markup, math, label, reference or import came out of the data.
    for node in root.children() {
        use typst::syntax::SyntaxKind as K;
        assert!(
            !matches!(
                node.kind(),
                K::Strong | K::Emph | K::Heading | K::Equation | K::Label | K::Ref | K::Link
            ),
            "{:?} in the output",
            node.kind()
        );
    }
}

#[test]
fn filters_give_exact_turkish_formats() {
    let fmt = |template: &str, v: serde_json::Value| -> String {
        let (_d, r) = project_with(&[("t.typ.j2", template)]);
        r.render("t.typ.j2", &json!({ "v": v })).expect("render")
    };
    // In a Typst template a filter's text becomes a string literal.
    assert_eq!(fmt("{{ v|sayi }}", json!(1234567)), r#""1.234.567""#);
    assert_eq!(
        fmt("{{ v|sayi(2) }}", json!(1234567.891)),
        r#""1.234.567,89""#
    );
    assert_eq!(fmt("{{ v|sayi }}", json!(-1234)), r#""-1.234""#);
    assert_eq!(
        fmt("{{ v|tl }}", json!(1234567.891)),
        r#""1.234.567,89 TL""#
    );
    assert_eq!(fmt("{{ v|yuzde }}", json!(77.45)), r#""%77,5""#);
    assert_eq!(fmt("{{ v|yuzde }}", json!(77.25)), r#""%77,3""#);
    assert_eq!(fmt("{{ v|yuzde }}", json!(0.05)), r#""%0,1""#);
    assert_eq!(fmt("{{ v|oran }}", json!(77.45)), r#""77,5""#);
    assert_eq!(
        fmt("{{ v|buyuk }}", json!("istanbul ılıca")),
        r#""İSTANBUL ILICA""#
    );
    assert_eq!(fmt("{{ v|kucuk }}", json!("IĞDIR İLİ")), r#""ığdır ili""#);
    assert_eq!(fmt("{{ v|tarih }}", json!("2025-10-21")), r#""21.10.2025""#);
    assert_eq!(
        fmt("{{ v|tarih(\"uzun\") }}", json!("2025-10-21")),
        r#""21 Ekim 2025""#
    );
    for filter in ["sayi", "sayi(2)", "tl", "yuzde", "oran"] {
        assert_eq!(fmt(&format!("{{{{ v|{filter} }}}}"), json!(null)), r#""—""#);
        assert_eq!(fmt(&format!("{{{{ v|{filter} }}}}"), json!("")), r#""—""#);
    }
    assert_eq!(
        fmt("{{ v|yuzde(bos=\"veri yok\") }}", json!(null)),
        r#""veri yok""#
    );
    // Other kinds of templates keep their own escaping.
    let (_d, r) = project_with(&[("r.html.j2", "{{ v }}"), ("r.txt.j2", "{{ v }}")]);
    let v = json!({"v": "<b>\"x\"</b>"});
    assert_eq!(
        r.render("r.html.j2", &v).expect("html"),
        "&lt;b&gt;&quot;x&quot;&lt;&#x2f;b&gt;"
    );
    assert_eq!(r.render("r.txt.j2", &v).expect("txt"), "<b>\"x\"</b>");
    // `|safe` writes the text as it is; without it the text is a literal.
    assert_eq!(fmt("{{ v|safe }}", json!("#x")), "#x");
    assert_eq!(fmt("{{ v }}", json!("#x")), r##""#x""##);
    // The same functions, for the rest of kitap.
    assert_eq!(format::number(1234567.891, Some(2)), "1.234.567,89");
    assert_eq!(format::money(1234567.891), "1.234.567,89 TL");
    assert_eq!(format::percent(77.45), "%77,5");
    assert_eq!(kitap::text::upper_tr("istanbul ılıca"), "İSTANBUL ILICA");
}

#[test]
fn a_project_template_replaces_the_built_in_one() {
    let context = json!({"baslik": "Durum Analizi", "dosya": "metinler/durum-analizi.typ"});
    let caller = "{% from \"partials/anlati.typ.j2\" import anlati %}\
                  {{ anlati(baslik, dosya, false) }}";
    // Built in: the placeholder names the file to write.
    let (_dir, built_in) = project_with(&[("kitap.typ.j2", caller)]);
    let out = built_in.render("kitap.typ.j2", &context).expect("built-in");
    assert!(out.contains("#bolum(\"Durum Analizi\")"), "{out}");
    assert!(
        out.contains("#eksik-metin(\"metinler/durum-analizi.typ\")"),
        "{out}"
    );
    // The project's own partial of the same name wins.
    let own = "{% macro anlati(baslik, dosya, var) %}KENDİ {{ baslik }}{% endmacro %}";
    let (_dir, overridden) =
        project_with(&[("kitap.typ.j2", caller), ("partials/anlati.typ.j2", own)]);
    let out = overridden
        .render("kitap.typ.j2", &context)
        .expect("override");
    assert_eq!(out.trim(), "KENDİ \"Durum Analizi\"");
    // Without a project folder only the built-in templates exist.
    let plain = Renderer::new(None).expect("renderer");
    let err = plain
        .render("kitap.typ.j2", &context)
        .expect_err("no such built-in template");
    assert!(err.message.contains("şablon bulunamadı"), "{err}");
}

#[test]
fn an_undefined_value_names_the_template_line_and_expression() {
    let (_dir, r) = project_with(&[(
        "kitap.typ.j2",
        "#let a = 1\n#let b = {{ kurum.ad }}\n#let c = {{ kurum.adx }}\n",
    )]);
    let err: RenderError = r
        .render("kitap.typ.j2", &json!({"kurum": {"ad": "Örnek"}}))
        .expect_err("strict undefined");
    assert_eq!(err.template, "kitap.typ.j2");
    assert_eq!(err.line, Some(3));
    assert_eq!(err.expression.as_deref(), Some("kurum.adx"));
    assert!(err.message.starts_with("tanımsız değer"), "{err}");
    let shown = err.to_string();
    assert!(
        shown.starts_with("şablon kitap.typ.j2, satır 3: tanımsız değer"),
        "{shown}"
    );
    assert!(shown.contains("`kurum.adx`"), "{shown}");
    // `is defined` and `default` still work.
    let (_dir, r) = project_with(&[(
        "t.typ.j2",
        "{% if x is defined %}1{% endif %}{{ y|default(none) }}",
    )]);
    assert_eq!(r.render("t.typ.j2", &json!({})).expect("render"), "none");
}

#[test]
fn an_error_inside_a_partial_names_the_partial() {
    let (_dir, r) = project_with(&[
        (
            "kitap.typ.j2",
            "#bolum(\"x\")\n{% include \"partials/kart.typ.j2\" %}\n",
        ),
        ("partials/kart.typ.j2", "\n\n{{ hedef.kod|sayi }}\n"),
    ]);
    let err = r
        .render("kitap.typ.j2", &json!({"hedef": {"kod": "H1.1"}}))
        .expect_err("a number filter on text");
    assert_eq!(err.template, "partials/kart.typ.j2", "{err}");
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message.contains("sayı bekleniyordu"), "{err}");
}

#[test]
fn template_names_cannot_leave_the_template_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("gizli.typ.j2"), "gizli").expect("write");
    fs::create_dir_all(dir.path().join("report-templates")).expect("mkdir");
    let r = Renderer::new(Some(dir.path())).expect("renderer");
    for name in ["../gizli.typ.j2", "/etc/passwd", "a/../../gizli.typ.j2"] {
        let err = r.render(name, &json!({})).expect_err(name);
        assert!(err.message.contains("şablon"), "{err}");
    }
    assert!(Path::new(&dir.path().join("gizli.typ.j2")).exists());
}

// ---------------------------------------------------------------------------------------------
// Compiled: the layout library with data, through the typeset stage.

use kitap::typeset::{self, Document, FileTree, FixedDateTime, FontLibrary, PdfSettings};

fn settings() -> PdfSettings {
    PdfSettings {
        standard: typeset::PdfStandard::A2b,
        timestamp: FixedDateTime::date(2025, 10, 21).expect("date"),
        ident: "kitap/render-test".to_string(),
    }
}

fn compile(main_text: &str, tree: &FileTree) -> typeset::Compiled {
    let fonts = FontLibrary::load(&[]);
    let doc = Document {
        main_path: "kitap.typ".to_string(),
        main_text: main_text.to_string(),
    };
    match typeset::compile(&doc, tree, &fonts, &settings()) {
        Ok(compiled) => compiled,
        Err(diags) => panic!(
            "does not compile:\n{}",
            diags
                .iter()
                .map(|d| format!("{d:?}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn pdf_text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text is readable")
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn hostile_strings_print_literally_in_a_compiled_book() {
    let template = r#"#import "/lib/kitap.typ": *
#show: belge.with(baslik: {{ baslik }}, kurum: {{ kurum }}, anahtar-kelimeler: {{ degerler[:3] }}, taslak: true)
#kapak(kurum: {{ kurum|buyuk }}, baslik: {{ baslik|buyuk }}, yillar: "2025")
#show: ana-kisim
#bolum({{ baslik }})
#veri-tablosu(
  baslik: {{ baslik }},
  sutunlar: ("No", "Değer"),
  satirlar: {{ satirlar }},
  notlar: ({{ degerler[0] }},),
)
#bilgi-tablosu((("Misyon", {{ degerler[1] }}), ("Temel Değerler", {{ degerler[2:6] }})))
{% for s in degerler %}
#{{ s }};

{% endfor %}
"#;
    let (_dir, r) = project_with(&[("kitap.typ.j2", template)]);
    // Values the fonts can show (no controls, no scripts outside Noto Sans).
    let values: Vec<String> = hostile_strings()
        .into_iter()
        .filter(|s| {
            !s.trim().is_empty()
                && s.chars().all(|c| {
                    !c.is_control() && (c.is_ascii() || "İıĞğŞşÇçÖöÜü₺€§".contains(c) || c == 'ğ')
                })
        })
        .collect();
    let rows: Vec<(String, String)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| ((i + 1).to_string(), v.clone()))
        .collect();
    let source = r
        .render(
            "kitap.typ.j2",
            &json!({
                "baslik": "Sınama \"Kitabı\" -- 1. #bolum",
                "kurum": "istanbul ılıca [belediyesi]",
                "degerler": values,
                "satirlar": rows,
            }),
        )
        .expect("render");
    let compiled = compile(&source, &FileTree::without_project());
    let text = pdf_text(&compiled.pdf);
    // A word too wide for its column is hyphenated: pdf-extract reads that hyphen glyph as
    // U+00AD, and as U+00AD too every "-" printed after it (one glyph, one ToUnicode entry).
    // Hyphens aside, every value prints as written; "--" read as markup would be "–".
    let bare = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
            .collect()
    };
    let flat = bare(&text);
    for value in &values {
        assert!(
            flat.contains(&bare(value)),
            "{value:?} is not printed literally"
        );
    }
    assert!(text.contains("İSTANBUL ILICA [BELEDİYESİ]"), "the cover");
    assert!(text.contains("Sınama \"Kitabı\" -- 1. #bolum"), "the title");
    assert!(text.contains("TASLAK"), "the draft mark");
    // Nothing the data asked for happened: no file was read, no heading was made from "= ".
    assert!(!text.contains("root:"), "a file was read");
}

#[test]
fn the_sample_book_compiles_and_repeats_table_headers_on_every_page() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
    let source = fs::read_to_string(templates.join("ornek/ornek.typ")).expect("ornek.typ");
    let tree = FileTree::new(&templates).expect("tree");
    let compiled = compile(&source, &tree);
    assert!(compiled.pages >= 10, "{} pages", compiled.pages);
    let text = pdf_text(&compiled.pdf);
    // pdf-extract reads glyphs through the font's ToUnicode map only: once a hyphen glyph has
    // been used for a hyphenation break, it reads later "-" as U+00AD (the PDF marks them with
    // ActualText, which poppler's pdftotext honours). Whitespace differs by extractor too.
    let flat = without_whitespace(&text.replace('\u{ad}', "-"));
    // Every list and chapter is there.
    for title in [
        "İçindekiler",
        "Tablolar Listesi",
        "Grafikler Listesi",
        "Kısaltmalar",
        "Tablo 4",
        "Grafik 2",
        "2025/127 sayılı Meclis kararıyla değiştirilmiştir.",
        "2025/88 sayılı Encümen kararıyla değiştirilmiştir.",
        "metinler/kurumsal-kabiliyet.typ",
        "GÜNCELLENMİŞ",
        "İşaretli değerlerde hata var; ayrıntılar denetim raporundadır.",
        "G005",
        "veri yok",
        "(--, ..., ~, \"tırnak\")",
    ] {
        assert!(
            flat.contains(&without_whitespace(title)),
            "{title} is missing"
        );
    }
    // The 60-row table spans two pages; its header row is printed on both.
    assert!(
        text.matches("Gerçekleşen Maliyet").count() >= 2,
        "the header row is not repeated"
    );
    // The draft mark is on every page.
    assert_eq!(
        text.matches("TASLAK").count(),
        compiled.pages,
        "TASLAK on every page"
    );
}

#[test]
fn the_layout_functions_accept_empty_and_missing_data() {
    let source = r#"#import "/lib/kitap.typ": *
#show: belge.with(baslik: "Boş", kurum: none)
#kapak(kurum: none, baslik: "BOŞ", yillar: none, logo: none, guncelleme: ())
#ic-kapak(baslik: "Boş")
#show: on-kisim
#icindekiler()
#tablolar-listesi()
#grafikler-listesi()
#kisaltmalar(())
#show: ana-kisim
#bolum("Boş veriler")
#veri-tablosu(baslik: "Satırsız", sutunlar: ("A", "B"), satirlar: ())
#veri-tablosu(satirlar: ((none, 12, 1.5, (metin: none, hata: true)),))
#bilgi-tablosu((("Boş liste", ()), ("Yok", none)))
#hedef-karti(amac: "A1", hedef: "H1.1", yillar: ("2025",), gostergeler: ())
#gerceklesme-grafigi(())
#gerceklesme-grafigi(((etiket: "H1.1", deger: none, metin: none), (etiket: "H1.2", deger: -20, metin: "%-20,0"), (etiket: "H1.3", deger: 250, metin: "%250,0")))
#sutun-grafigi(())
#butce-grafigi(((etiket: "01", degerler: (0, 0)), (etiket: "02", degerler: (none, 5))))
#eksik-metin("metinler/yok.typ")
#imza()
"#;
    let compiled = compile(source, &FileTree::without_project());
    let text = pdf_text(&compiled.pdf);
    assert!(
        !text.contains("Bu kitapta grafik yoktur."),
        "charts are listed"
    );
    assert!(
        !text.contains("Bu kitapta tablo yoktur."),
        "tables are listed"
    );
    assert!(
        text.contains("veri yok"),
        "a missing value is shown as such"
    );
    assert_eq!(
        text.matches("Grafikte gösterilecek veri yok.").count(),
        2,
        "empty charts"
    );
    assert!(
        text.contains("Bu hedefin göstergesi yok."),
        "the empty card says so"
    );
    assert!(!text.contains("TASLAK"), "a final book has no draft mark");
}
