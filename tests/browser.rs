//! The HTML check report in a real browser: headless Chromium lays out `denetim-raporu.html`
//! and a directorate's page at a phone's width (375 px) and a desktop's (1280 px), on a project
//! with a very long file name and a very long message. The page must not scroll sideways and
//! no element may reach past the right edge: long names and messages wrap.
//!
//! Where Chromium is not installed the test says so and passes (CI does not install it: see
//! docs/src/gelistirici/sayfa-incelemesi.md). The pages themselves hold no script; the test
//! loads each into an `<iframe>` of the width under test inside a page of its own, whose script
//! measures the frame and writes the result into the DOM that `--dump-dom` prints.

mod kit;

use std::path::{Path, PathBuf};
use std::process::Command;

use kit::*;

/// A file name of 150 characters without a space.
const LONG_FILE: &str = "Fen-Isleri-Mudurlugu-2025-Yili-Performans-Gostergeleri-Faaliyetleri-ve-Butcesi-Calisma-Kitabi-Son-Hali-Duzeltilmis-Ikinci-Gonderim-Mart-Sonu-Nihai.xlsx";

/// The widths under test: a phone's and a desktop's.
const WIDTHS: [u32; 2] = [375, 1280];

fn chromium() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&paths).map(move |p| p.join(name)))
        .find(|p| p.is_file())
}

/// The page that frames `pages` at every width of [`WIDTHS`] and, once they are loaded, writes
/// into `body[data-olcum]` one line per frame: `page width scrollWidth innerWidth overflowing`,
/// the last the number of elements whose right edge is past the frame's.
fn frame_page(pages: &[&str]) -> String {
    let mut frames = String::new();
    for page in pages {
        for w in WIDTHS {
            frames.push_str(&format!(
                "<iframe data-sayfa=\"{page}\" data-genislik=\"{w}\" src=\"{page}\" style=\"width:{w}px;height:900px;border:0;display:block\"></iframe>\n"
            ));
        }
    }
    format!(
        r#"<!DOCTYPE html><html><body>
{frames}<script>
window.onload = function () {{
  var lines = [];
  for (var f of document.querySelectorAll('iframe')) {{
    var d = f.contentDocument, w = f.contentWindow;
    var over = 0;
    for (var e of d.body.querySelectorAll('*')) {{
      if (e.getBoundingClientRect().right > w.innerWidth + 0.5) over++;
    }}
    lines.push([f.dataset.sayfa, f.dataset.genislik, d.documentElement.scrollWidth,
      w.innerWidth, over].join(' '));
  }}
  document.body.setAttribute('data-olcum', lines.join(';'));
}};
</script></body></html>"#
    )
}

/// Lays out the pages in Chromium; one (page, width, scrollWidth, innerWidth, overflowing)
/// per frame.
fn measure(browser: &Path, dir: &Path, pages: &[&str]) -> Vec<(String, u32, u32, u32, u32)> {
    let frame = dir.join("olcum.html");
    std::fs::write(&frame, frame_page(pages)).expect("frame page");
    let profile = tempfile::tempdir().expect("profile");
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // The frame page reads its frames' documents: files of one folder.
            "--allow-file-access-from-files",
            // Runs the page's timers and loads to the end before the DOM is printed.
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", frame.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&o.stdout);
    let doc = scraper::Html::parse_document(&dom);
    let body = scraper::Selector::parse("body").expect("selector");
    let result = doc
        .select(&body)
        .next()
        .and_then(|b| b.value().attr("data-olcum"))
        .unwrap_or_else(|| {
            panic!(
                "no measurement in the DOM:\n{dom}\n{}",
                String::from_utf8_lossy(&o.stderr)
            )
        });
    result
        .split(';')
        .map(|line| {
            let f: Vec<&str> = line.split(' ').collect();
            let n = |i: usize| f[i].parse::<u32>().unwrap_or_else(|_| panic!("{line}"));
            (f[0].to_string(), n(1), n(2), n(3), n(4))
        })
        .collect()
}

#[test]
fn the_check_report_fits_a_phone_and_a_desktop() {
    let Some(browser) = chromium() else {
        eprintln!("Chromium is not installed (no chromium, chromium-browser or google-chrome on the PATH): the HTML report is not laid out in a browser");
        return;
    };
    let mut spec = ProjectSpec::valid();
    spec.book("fen-isleri.xlsx").file = LONG_FILE.to_string();
    // A long message: an unaccepted Durum quoted whole, one word of 200 letters.
    spec.book(LONG_FILE).activity("F1.1.1", 2025).status = text(&"Tamamlanmadı".repeat(17));
    let long_code = "A".repeat(60);
    spec.book(LONG_FILE).indicator("PG1.1.1").objective = long_code.clone();
    let project = TestProject::folder("tarayici");
    spec.write(&project);
    let out = project.path("cikti");
    let o = Command::new(kitap_bin())
        .arg("denetle")
        .arg(project.path(""))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("kitap runs");
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report = std::fs::read_to_string(out.join("denetim-raporu.html")).expect("report");
    assert!(
        report.contains(LONG_FILE),
        "the long file name is on the page"
    );
    assert!(
        report.contains(&"Tamamlanmadı".repeat(17)),
        "the long word is on the page"
    );

    let pages = ["denetim-raporu.html", "birimler/fen-isleri-mudurlugu.html"];
    let measured = measure(&browser, &out, &pages);
    assert_eq!(measured.len(), pages.len() * WIDTHS.len(), "{measured:?}");
    for (page, width, scroll, inner, over) in &measured {
        assert_eq!(inner, width, "{page}: the frame is {inner} px wide");
        assert!(
            scroll <= inner,
            "{page} at {width} px scrolls sideways: {scroll} px wide"
        );
        assert_eq!(
            *over, 0,
            "{page} at {width} px: {over} elements reach past the right edge"
        );
    }
}
