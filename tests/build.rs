//! `kitap derle`: the books written atomically and reproducibly, drafts with TASLAK on every
//! page, `--kati` that writes nothing, metinler confined to the project, fonts embedded, PDF/A;
//! a logo the covers cannot show is a Y011.

mod kit;

use kit::*;
use std::path::Path;
use std::process::{Command, Output};

fn derle(project: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(kitap_bin())
        .arg("derle")
        .arg(project)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("kitap runs")
}

fn pages_text(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf)
        .expect("pdf text")
        .into_iter()
        .map(|p| p.replace('\u{ad}', "-"))
        .collect()
}

const PDFS: [&str; 3] = [
    "stratejik-plan-2025-2029.pdf",
    "performans-programi-2026.pdf",
    "faaliyet-raporu-2025.pdf",
];

#[test]
fn example_builds_reproducibly_with_sources_kept() {
    let tmp = TestProject::empty("build-twice");
    let project = tmp.path("ornek-belediye");
    copy_dir(&example_dir(), &project);
    let a = derle(&project, &tmp.path("a"), &[]);
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let stderr = String::from_utf8_lossy(&a.stderr);
    assert!(stderr.contains("Okunuyor 15 çalışma kitabı"), "{stderr}");
    assert!(
        stderr.contains("Derleniyor faaliyet-raporu-2025.pdf"),
        "{stderr}"
    );
    let b = derle(&project, &tmp.path("b"), &[]);
    assert_eq!(b.status.code(), Some(0));
    for pdf in PDFS {
        let x = std::fs::read(tmp.path("a").join(pdf)).expect("first build");
        let y = std::fs::read(tmp.path("b").join(pdf)).expect("second build");
        assert!(x.starts_with(b"%PDF-"), "{pdf}");
        assert!(x == y, "{pdf} differs between two builds");
        let text = pages_text(&x).join("\n");
        assert!(!text.contains("TASLAK"), "a clean build is final: {pdf}");
    }
    // The council decision 2025/127 shows: the updated cover, marks with their note, the annex,
    // and the Performans Programı prints the new 2026 target of PG2.1.2 (24 → 26), marked.
    let sp = pages_text(&std::fs::read(tmp.path("a").join(PDFS[0])).expect("sp")).join("\n");
    assert!(
        sp.contains("GÜNCELLENMİŞ") && sp.contains("2025/127"),
        "updated cover"
    );
    assert!(sp.contains("Meclis Kararıyla Yapılan Değişiklikler"));
    let pp = pages_text(&std::fs::read(tmp.path("a").join(PDFS[1])).expect("pp")).join("\n");
    assert!(
        pp.contains("2025/127 sayılı Meclis kararıyla değiştirilmiştir"),
        "the note of the mark"
    );
    let row = pp
        .find("PG2.1.2")
        .map(|i| &pp[i..(i + 400).min(pp.len())])
        .expect("PG2.1.2 in PP");
    assert!(row.contains("26"), "new target in: {row}");
    // The sources stay for a last touch by hand: the main sources, lib/, metinler/ and the logo.
    let kaynak = tmp.path("a").join("kaynak");
    for f in [
        "stratejik-plan-2025-2029.typ",
        "lib/kitap.typ",
        "metinler/sunus.typ",
        "gorseller/logo.svg",
    ] {
        assert!(kaynak.join(f).is_file(), "kaynak/{f} missing");
    }
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path("a"))
        .expect("out")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    assert!(
        tmp.path("a/denetim-raporu.json").is_file() && tmp.path("a/denetim-raporu.html").is_file()
    );
}

#[test]
fn fonts_are_embedded_and_pdfa_3b_is_declared() {
    let tmp = TestProject::empty("build-fonts");
    let project = tmp.path("ornek-belediye");
    copy_dir(&example_dir(), &project);
    let out = derle(&project, &tmp.path("o"), &["--kitap", "fr"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = tmp.path("o/faaliyet-raporu-2025.pdf");
    let bytes = std::fs::read(&path).expect("pdf");
    let text = String::from_utf8_lossy(&bytes);
    // The Faaliyet Raporu carries its open data as attachments: PDF/A-3b (README, Open data).
    assert!(
        text.contains("pdfaid:part>3<") || text.contains("pdfaid:part=\"3\""),
        "no PDF/A part 3 in XMP"
    );
    assert!(
        text.contains("pdfaid:conformance>B<") || text.contains("pdfaid:conformance=\"B\""),
        "no conformance B"
    );
    // Only the books asked for are written.
    assert!(!tmp.path("o/stratejik-plan-2025-2029.pdf").exists());
    // Every font descriptor carries its font file.
    let doc = pdf_extract::Document::load_mem(&bytes).expect("lopdf");
    let mut descriptors = 0;
    for (_, obj) in doc.objects.iter() {
        if let Ok(d) = obj.as_dict() {
            if d.get(b"Type").ok().and_then(|t| t.as_name().ok())
                == Some(b"FontDescriptor".as_slice())
            {
                descriptors += 1;
                assert!(
                    d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"),
                    "font not embedded: {d:?}"
                );
            }
        }
    }
    assert!(descriptors > 0);
    if let Ok(pf) = Command::new("pdffonts").arg(&path).output() {
        let listing = String::from_utf8_lossy(&pf.stdout);
        for line in listing.lines().skip(2) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // name type encoding emb sub uni object ID: "emb" is the 4th-from-last-but-2 column.
            let n = cols.len();
            assert!(
                n >= 7 && cols[n - 5] == "yes",
                "pdffonts: font not embedded: {line}"
            );
        }
    }
}

/// A valid test project whose Fen İşleri workbook has a planted error (G005: weights 60+50).
fn project_with_error(tag: &str) -> TestProject {
    let p = TestProject::valid(tag);
    let mut book = fen_isleri();
    sheet(&mut book, "Göstergeler").set(2, 5, 50.0);
    p.write("birimler/fen-isleri.xlsx", &book);
    p
}

#[test]
fn a_draft_carries_taslak_on_every_page_and_kati_writes_nothing() {
    let p = project_with_error("build-draft");
    let out = p.path("o");
    let run = derle(&p.dir, &out, &["--kitap", "sp,fr"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "drafts are written: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let sp = std::fs::read(out.join("stratejik-plan-2025-2029.pdf")).expect("draft written");
    let pages = pages_text(&sp);
    assert!(pages.len() > 3);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("TASLAK"), "page {} has no TASLAK", i + 1);
    }
    // --kati: no book, the previous PDF untouched, exit 1.
    let before = std::fs::read(out.join("stratejik-plan-2025-2029.pdf")).expect("previous");
    let mut book = fen_isleri();
    sheet(&mut book, "Göstergeler").set(2, 5, 55.0);
    p.write("birimler/fen-isleri.xlsx", &book);
    let strict = derle(&p.dir, &out, &["--kati"]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(
        std::fs::read(out.join("stratejik-plan-2025-2029.pdf")).expect("still there"),
        before
    );
    assert!(!out.join("performans-programi-2026.pdf").exists());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("denetim-raporu.json")).expect("report"))
            .expect("json");
    assert!(json["bulgular"]
        .as_array()
        .expect("b")
        .iter()
        .any(|f| f["kod"] == "G005"));
}

#[test]
fn metinler_cannot_read_outside_the_project() {
    for (name, body) in [
        ("passwd", "#read(\"/etc/passwd\")"),
        ("kurum", "#read(\"../../kurum.yaml\")"),
    ] {
        let root = TestProject::empty(&format!("build-escape-{name}"));
        // A secret one folder above the project.
        std::fs::write(root.dir.join("kurum.yaml"), "gizli: SIR-DEGER-12345\n").expect("secret");
        let project = root.path("proje");
        let p = TestProject::valid(&format!("build-escape-src-{name}"));
        copy_dir(&p.dir, &project);
        std::fs::create_dir_all(project.join("metinler")).expect("mkdir");
        std::fs::write(
            project.join("metinler/sunus.typ"),
            format!("Giriş.\n\n{body}\n"),
        )
        .expect("metin");
        let out = root.path("o");
        let run = derle(&project, &out, &["--json"]);
        assert_eq!(
            run.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
        let t001: Vec<&serde_json::Value> = json["bulgular"]
            .as_array()
            .expect("b")
            .iter()
            .filter(|f| f["kod"] == "T001")
            .collect();
        assert!(!t001.is_empty());
        assert!(
            t001.iter().all(|f| f["dosya"] == "metinler/sunus.typ"),
            "{t001:#?}"
        );
        for pdf in PDFS {
            assert!(
                !out.join(pdf).exists(),
                "{pdf} written although sunus.typ failed"
            );
        }
        let everything = format!(
            "{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(!everything.contains("root:x:0") && !everything.contains("SIR-DEGER-12345"));
    }
}

#[test]
fn a_missing_narrative_is_y010_and_shows_a_placeholder() {
    let p = TestProject::valid("build-y010");
    std::fs::remove_dir_all(p.path("metinler")).expect("remove metinler/");
    let run = derle(&p.dir, &p.path("o"), &["--kitap", "pp", "--json"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let y010: Vec<&str> = json["bulgular"]
        .as_array()
        .expect("b")
        .iter()
        .filter(|f| f["kod"] == "Y010")
        .filter_map(|f| f["dosya"].as_str())
        .collect();
    assert_eq!(
        y010,
        vec!["metinler/genel-bilgiler.typ", "metinler/sunus.typ"]
    );
    let text = pages_text(&std::fs::read(p.path("o/performans-programi-2026.pdf")).expect("pdf"))
        .join("\n");
    assert!(
        text.contains("metinler/genel-bilgiler.typ"),
        "the placeholder names the file to write"
    );
}

/// kurum.yaml of the test projects with `logo: <path>`.
fn kurum_with_logo(path: &str) -> String {
    KURUM.replacen(
        "  mali_hizmetler_muduru: Mehmet Öztürk\n",
        &format!("  mali_hizmetler_muduru: Mehmet Öztürk\n  logo: {path}\n"),
        1,
    )
}

/// The Y011 findings of a project whose kurum.yaml names `logo`.
fn logo_findings(
    tag: &str,
    logo: &str,
    prepare: impl Fn(&TestProject),
) -> Vec<kitap::finding::Finding> {
    let p = TestProject::empty(tag);
    p.write_bytes("kurum.yaml", kurum_with_logo(logo).as_bytes());
    prepare(&p);
    findings(&p.check(), kitap::finding::Code::Y011)
        .into_iter()
        .cloned()
        .collect()
}

#[test]
fn a_logo_the_covers_cannot_show_is_y011_naming_the_key_and_the_path() {
    const SVG: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
    let outside = std::env::temp_dir().join(format!("kitap-logo-{}.svg", std::process::id()));
    std::fs::write(&outside, SVG).expect("a file outside the project");
    let outside = outside.display().to_string();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "missing",
            "gorseller/logo.png".into(),
            "proje klasöründe yok",
        ),
        (
            "climbs-out",
            "../logo.svg".into(),
            "proje klasörünün dışını gösteriyor",
        ),
        (
            "absolute",
            outside.clone(),
            "proje klasörünün dışını gösteriyor",
        ),
        ("folder", "gorseller".into(), "bir dosya değil, klasör"),
        ("not-an-image", "gorseller/logo.bmp".into(), "görüntü değil"),
    ];
    for (tag, logo, why) in cases {
        let found = logo_findings(&format!("y011-{tag}"), &logo, |p| {
            p.write_bytes("gorseller/logo.bmp", b"BM");
        });
        assert_eq!(found.len(), 1, "{tag}: {found:?}");
        let f = &found[0];
        assert_eq!(f.severity, kitap::finding::Severity::Warning, "{tag}");
        assert_eq!(f.file.as_deref(), Some("kurum.yaml"), "{tag}");
        assert!(f.message.contains("kurum.logo"), "{tag}: {}", f.message);
        assert!(
            f.message.contains(&format!("“{logo}”")),
            "{tag}: {}",
            f.message
        );
        assert!(f.message.contains(why), "{tag}: {}", f.message);
    }
    // Outside the project: the message says why such a path is refused.
    let found = logo_findings("y011-why", "../logo.svg", |_| {});
    assert!(
        found[0]
            .message
            .contains("yalnızca proje klasöründeki dosyaları kullanır"),
        "{}",
        found[0].message
    );
    // A link inside the project to a file outside it is refused too.
    #[cfg(unix)]
    {
        let found = logo_findings("y011-link", "gorseller/logo.svg", |p| {
            std::fs::create_dir_all(p.path("gorseller")).expect("mkdir");
            std::os::unix::fs::symlink(&outside, p.path("gorseller/logo.svg")).expect("link");
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("dışındaki bir dosyaya bağlantı"),
            "{}",
            found[0].message
        );
    }
    // A logo inside the project, and no logo at all, are fine.
    let ok = logo_findings("y011-ok", "gorseller/logo.svg", |p| {
        p.write_bytes("gorseller/logo.svg", SVG);
    });
    assert_eq!(ok, []);
    let p = TestProject::empty("y011-none");
    assert_eq!(findings(&p.check(), kitap::finding::Code::Y011).len(), 0);
    let _ = std::fs::remove_file(&outside);
}

#[test]
fn the_example_shows_its_logo_without_y011() {
    let checked = pipeline_check(&example_dir());
    assert_eq!(findings(&checked, kitap::finding::Code::Y011).len(), 0);
    assert!(
        checked.project.settings.institution.logo.is_some(),
        "the example names a logo"
    );
}

fn pipeline_check(dir: &Path) -> kitap::pipeline::Checked {
    kitap::pipeline::check(dir, &kitap::pipeline::Options::default()).expect("the project loads")
}

#[test]
fn unknown_book_code_is_a_usage_error() {
    let p = TestProject::valid("build-usage");
    let run = derle(&p.dir, &p.path("o"), &["--kitap", "xx"]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    for accepted in [
        "sp (",
        "pp (",
        "fr (",
        "iz (İzleme Raporu)",
        "dr (",
        "tum (",
    ] {
        assert!(err.contains(accepted), "{accepted} is not listed: {err}");
    }
    assert!(err.contains("“xx”"), "{err}");
    assert!(!p.path("o").join("stratejik-plan-2025-2029.pdf").exists());
}

#[test]
fn unknown_period_is_a_usage_error() {
    let p = TestProject::valid("build-usage-period");
    let run = derle(&p.dir, &p.path("o"), &["--kitap", "iz", "--donem", "3"]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("--donem: “3”"), "{err}");
    assert!(
        err.contains("1 (ilk altı ay") && err.contains("2 (yılın tamamı"),
        "{err}"
    );
    assert!(
        !p.path("o").exists()
            || std::fs::read_dir(p.path("o"))
                .map(|d| d.count())
                .unwrap_or(0)
                == 0
    );
}

#[test]
fn text_that_makes_typst_panic_never_takes_the_build_down() {
    // Found by fuzzing the escape: typst-layout 0.15.1 asserts on this text in debug builds.
    let p = TestProject::valid("build-typst-panic");
    let mut book = fen_isleri();
    sheet(&mut book, "Göstergeler").set(1, 2, "\u{202b}!\u{86}\t\u{610}");
    p.write("birimler/fen-isleri.xlsx", &book);
    let run = derle(&p.dir, &p.path("o"), &["--kitap", "sp"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("iç hata"), "{stderr}");
    // The text is made printable before it reaches Typst (the lone marks on a dotted circle):
    // the book is typeset, with no T001.
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.path("o/denetim-raporu.json")).expect("report"))
            .expect("json");
    let t001: Vec<&serde_json::Value> = report["bulgular"]
        .as_array()
        .expect("b")
        .iter()
        .filter(|f| f["kod"] == "T001")
        .collect();
    assert!(t001.is_empty(), "{t001:#?}");
    let pdf = std::fs::read(p.path("o/stratejik-plan-2025-2029.pdf")).expect("the book");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn a_book_over_the_size_limit_is_refused_with_t002() {
    let p = TestProject::valid("build-t002");
    let kurum = std::fs::read_to_string(p.path("kurum.yaml")).expect("kurum");
    std::fs::write(
        p.path("kurum.yaml"),
        format!("{kurum}okuma:\n  tablo_satiri: 10\n"),
    )
    .expect("write");
    let run = derle(&p.dir, &p.path("o"), &["--kitap", "sp", "--json"]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "the book asked for was not written"
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let t002 = json["bulgular"]
        .as_array()
        .expect("b")
        .iter()
        .find(|f| f["kod"] == "T002")
        .expect("T002");
    assert!(
        t002["mesaj"]
            .as_str()
            .is_some_and(|m| m.contains("okuma.tablo_satiri")),
        "{t002}"
    );
    assert!(!p.path("o/stratejik-plan-2025-2029.pdf").exists());
}
