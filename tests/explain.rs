//! `kitap acikla KOD` prints the code's page of the user guide from any directory; an unknown
//! code exits 2 naming the code families; every finding the user sees (terminal summary, HTML
//! check report) ends with the pointer to its page.

mod kit;

use kit::*;
use kitap::finding::Code;
use std::process::{Command, Output};

fn kitap_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(kitap_bin())
        .current_dir(dir)
        .args(args)
        .output()
        .expect("kitap runs")
}

#[test]
fn acikla_prints_the_guide_page_from_any_directory() {
    let tmp = TestProject::empty("acikla");
    let guide = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/kodlar");
    for code in Code::ALL {
        let o = kitap_in(&tmp.path(""), &["acikla", code.as_str()]);
        assert_eq!(o.status.code(), Some(0), "acikla {code}");
        let shown = String::from_utf8_lossy(&o.stdout).to_string();
        let page = std::fs::read_to_string(guide.join(format!("{code}.md"))).expect("page");
        // The page's title and every paragraph, links shown by their text.
        assert!(
            shown.starts_with(page.lines().next().expect("title")),
            "{code}"
        );
        for line in page.lines().filter(|l| !l.contains("](")) {
            assert!(shown.contains(line), "{code}: “{line}” not shown");
        }
        assert!(
            !shown.contains("](../"),
            "{code}: a raw link is shown:\n{shown}"
        );
    }
    let o = kitap_in(&tmp.path(""), &["explain", "g005"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Hedefe Etkisi (%)"));
}

#[test]
fn an_unknown_code_exits_2_listing_the_families() {
    let tmp = TestProject::empty("acikla-x");
    let o = kitap_in(&tmp.path(""), &["acikla", "X999"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("“X999” bilinen bir bulgu kodu değil"), "{err}");
    for letter in ['Y', 'D', 'G', 'R', 'B', 'M', 'A', 'T'] {
        assert!(
            err.contains(&format!("\n  {letter}  ")),
            "{letter} in {err}"
        );
    }
}

#[test]
fn every_shown_finding_ends_with_its_pointer() {
    let tmp = TestProject::empty("ayrinti");
    let project = tmp.path("proje");
    copy_dir(&example_dir(), &project);
    // One directorate's workbook gone (Y007) and one narrative chapter gone (Y010).
    std::fs::remove_file(project.join("birimler/zabita.xlsx")).expect("zabita");
    std::fs::remove_file(project.join("metinler/sunus.typ")).expect("sunus");
    let out = tmp.path("cikti");
    let o = Command::new(kitap_bin())
        .args(["denetle", "-v"])
        .arg(&project)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("kitap runs");
    let summary = String::from_utf8_lossy(&o.stdout).to_string();
    let lines: Vec<&str> = summary
        .lines()
        .filter(|l| l.starts_with("  hata") || l.starts_with("  uyarı") || l.starts_with("  bilgi"))
        .collect();
    assert!(lines.iter().any(|l| l.contains("Y007")), "{summary}");
    assert!(lines.iter().any(|l| l.contains("Y010")), "{summary}");
    for line in &lines {
        let code = line.split_whitespace().nth(1).expect("code");
        assert!(
            line.ends_with(&format!("ayrıntı: kitap acikla {code}")),
            "{line}"
        );
    }
    let html = std::fs::read_to_string(out.join("denetim-raporu.html")).expect("html");
    let doc = scraper::Html::parse_document(&html);
    let rows = scraper::Selector::parse("table.bulgular tr").expect("selector");
    let cell = |row: &scraper::ElementRef, class: &str| -> String {
        let s = scraper::Selector::parse(&format!("td.{class}")).expect("selector");
        row.select(&s)
            .next()
            .map(|c| c.text().collect())
            .unwrap_or_default()
    };
    let mut seen = 0;
    for row in doc.select(&rows).skip(1) {
        let code = cell(&row, "kod");
        if code.is_empty() {
            continue;
        }
        seen += 1;
        let message = cell(&row, "mesaj");
        assert!(
            message.ends_with(&format!("ayrıntı: kitap acikla {code}")),
            "{message}"
        );
    }
    assert!(seen >= 2, "{html}");
    // The JSON report keeps the message as the finding stores it: `kod` names the page.
    let json = std::fs::read_to_string(out.join("denetim-raporu.json")).expect("json");
    assert!(!json.contains("kitap acikla"), "{json}");
}
