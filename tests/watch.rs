//! `kitap izle`: a changed workbook rebuilds the books it affects, within a bounded wait.

mod kit;

use kit::*;
use kitap_dev::sheetwrite::CellValue;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

#[test]
fn a_rewritten_workbook_replaces_the_affected_pdfs() {
    let p = TestProject::valid("watch");
    let out = p.path("cikti");
    // izle's messages, kept for a failure's message (in the output folder, which izle ignores).
    std::fs::create_dir_all(&out).expect("output folder");
    let log_path = out.join("izle.log");
    let log = std::fs::File::create(&log_path).expect("log");
    let said = || std::fs::read_to_string(&log_path).unwrap_or_default();
    let child = Command::new(kitap_bin())
        .arg("izle")
        .arg(&p.dir)
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("izle starts");
    let _guard = KillOnDrop(child);
    let fr = out.join("faaliyet-raporu-2025.pdf");
    let sp = out.join("stratejik-plan-2025-2029.pdf");
    assert!(
        wait_until(Duration::from_secs(300), || fr.is_file() && sp.is_file()),
        "first build did not finish:\n{}",
        said()
    );
    // Let the first build settle completely (all three books written).
    std::thread::sleep(Duration::from_secs(2));
    let fr_before = std::fs::read(&fr).expect("fr");
    let sp_before = std::fs::read(&sp).expect("sp");
    let sp_time = std::fs::metadata(&sp)
        .and_then(|m| m.modified())
        .expect("mtime");

    // The directorate sends a corrected realisation.
    let mut book = fen_isleri();
    sheet(&mut book, "Gerçekleşmeler").set(3, 3, CellValue::Number(58.0));
    p.write("birimler/fen-isleri.xlsx", &book);

    let replaced = wait_until(Duration::from_secs(300), || {
        std::fs::read(&fr).map(|b| b != fr_before).unwrap_or(false)
    });
    assert!(replaced, "faaliyet-raporu was not rebuilt:\n{}", said());
    // The Stratejik Plan holds no realisations: its source is unchanged, so it is not rebuilt.
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        std::fs::read(&sp).expect("sp") == sp_before,
        "the Stratejik Plan changed:\n{}",
        said()
    );
    assert_eq!(
        std::fs::metadata(&sp)
            .and_then(|m| m.modified())
            .expect("mtime"),
        sp_time,
        "{}",
        said()
    );
}
