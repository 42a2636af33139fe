//! `kitap denetle` and `kitap derle` run the same checking stage: for the same project their
//! JSON reports list the same findings and files, T codes aside (only typesetting raises them).

mod kit;

use kit::*;
use kitap_dev::sheetwrite::CellValue;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The JSON report `kitap <command> --json` prints, with its exit code.
fn report(command: &str, project: &Path, out: &Path) -> (Value, Option<i32>) {
    let run = Command::new(kitap_bin())
        .arg(command)
        .arg(project)
        .arg("-o")
        .arg(out)
        .arg("--json")
        .output()
        .expect("kitap runs");
    let json = serde_json::from_slice(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "{command}: no JSON report ({e}): {}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    (json, run.status.code())
}

/// The findings of a report without the T codes.
fn findings_but_t(report: &Value) -> Vec<Value> {
    report["bulgular"]
        .as_array()
        .expect("bulgular")
        .iter()
        .filter(|f| !f["kod"].as_str().is_some_and(|k| k.starts_with('T')))
        .cloned()
        .collect()
}

fn codes(findings: &[Value]) -> Vec<&str> {
    findings.iter().filter_map(|f| f["kod"].as_str()).collect()
}

/// Runs both commands on `project` and compares their reports; returns the findings.
fn assert_agree(project: &Path, scratch: &Path) -> Vec<Value> {
    let (checked, check_exit) = report("denetle", project, &scratch.join("denetle"));
    let (built, build_exit) = report("derle", project, &scratch.join("derle"));
    let from_check = findings_but_t(&checked);
    let from_build = findings_but_t(&built);
    assert_eq!(
        from_check,
        from_build,
        "denetle and derle disagree:\ndenetle: {:?}\nderle:   {:?}",
        codes(&from_check),
        codes(&from_build)
    );
    assert_eq!(checked["dosyalar"], built["dosyalar"]);
    assert!(matches!(check_exit, Some(0) | Some(1)), "{check_exit:?}");
    assert!(matches!(build_exit, Some(0) | Some(1)), "{build_exit:?}");
    from_check
}

#[test]
fn the_example_gives_the_same_findings_to_both_commands() {
    let tmp = TestProject::empty("agree-example");
    let project = tmp.path("ornek-belediye");
    copy_dir(&example_dir(), &project);
    let findings = assert_agree(&project, &tmp.path("o"));
    assert!(
        findings.iter().all(|f| f["seviye"] == "bilgi"),
        "the example has no hata and no uyarı: {findings:#?}"
    );
}

#[test]
fn the_example_without_a_chapter_gives_y010_to_both_commands() {
    let tmp = TestProject::empty("agree-example-y010");
    let project = tmp.path("ornek-belediye");
    copy_dir(&example_dir(), &project);
    std::fs::remove_file(project.join("metinler/izleme.typ")).expect("remove a chapter");
    let findings = assert_agree(&project, &tmp.path("o"));
    let y010: Vec<&Value> = findings.iter().filter(|f| f["kod"] == "Y010").collect();
    assert_eq!(y010.len(), 1, "{y010:#?}");
    assert_eq!(y010[0]["dosya"], "metinler/izleme.typ");
}

#[test]
fn planted_errors_and_warnings_are_the_same_for_both_commands() {
    let p = TestProject::valid("agree-planted");
    let text = |s: &str| CellValue::Text(s.to_string());
    // G005: the weights of H1.1 add up to 110.
    let mut fen = fen_isleri();
    sheet(&mut fen, "Göstergeler").set(2, 5, 50.0);
    p.write("birimler/fen-isleri.xlsx", &fen);
    // D001: text for an amount; D006: an ambiguous number.
    let mut zabita = zabita();
    sheet(&mut zabita, "Faaliyetler").set(1, 5, text("çok"));
    sheet(&mut zabita, "Göstergeler").set(1, 8, text("1.400"));
    p.write("birimler/zabita.xlsx", &zabita);
    // R001: no Yıl Sonu value for the report year.
    let mut kultur = kultur();
    sheet(&mut kultur, "Gerçekleşmeler")
        .cells
        .retain(|(row, _), _| *row != 1);
    p.write("birimler/kultur.xlsx", &kultur);
    // Y002: an old copy without its Birim sheet; Y008: a lock file; A004: a broken decision;
    // Y010: a missing narrative chapter.
    let mut old = self::kultur();
    old.sheets.retain(|s| s.name != "Birim");
    p.write("birimler/eski/kultur-eski.xlsx", &old);
    p.write_bytes("birimler/~$zabita.xlsx", b"lock");
    p.write_bytes("degisiklikler/2025-1.yaml", b"karar: [");
    std::fs::remove_file(p.path("metinler/degerlendirme.typ")).expect("remove a chapter");

    let findings = assert_agree(&p.dir, &p.path("o"));
    let found = codes(&findings);
    for code in [
        "G005", "D001", "D006", "R001", "Y002", "Y008", "A004", "Y010",
    ] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
}

#[test]
fn a_project_without_metinler_gives_every_chapter_to_both_commands() {
    let p = TestProject::valid("agree-no-metinler");
    std::fs::remove_dir_all(p.path("metinler")).expect("remove metinler/");
    let findings = assert_agree(&p.dir, &p.path("o"));
    let y010: Vec<&str> = findings
        .iter()
        .filter(|f| f["kod"] == "Y010")
        .filter_map(|f| f["dosya"].as_str())
        .collect();
    let mut chapters: Vec<&str> = kitap::books::Book::DEFAULT
        .iter()
        .flat_map(|b| b.narratives().iter().copied())
        .collect();
    chapters.sort();
    chapters.dedup();
    assert_eq!(
        chapters.len(),
        11,
        "the chapters of the three books changed"
    );
    assert_eq!(
        y010.len(),
        chapters.len(),
        "every chapter of the three books: {y010:?}"
    );
}
