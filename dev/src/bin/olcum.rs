//! `olcum`: the speed benchmark on a generated large municipality (40 directorates, 600
//! indicators, 2,400 activity rows). Not a test: it prints times, it asserts nothing.
//!
//! ```sh
//! cargo run --release --bin olcum -- [DİZİN]
//! ```
//! writes the project into DİZİN (default: a temporary folder), then measures a cold
//! `kitap derle` of the three books (a separate process, as the officer runs it), a cold
//! `kitap derle --kitap tum` of the five (the İzleme and Değerlendirme reports too) and, in this
//! process, a warm rebuild after one council amendment the way `kitap izle` does it.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

use kitap::ingest::InProcessReader;
use kitap::pipeline::{self, BuildOptions};
use kitap::publish::Publisher;
use kitap_dev::large::generate;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("kitap-olcum"));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = generate(&dir) {
        eprintln!("olcum: proje yazılamadı: {e}");
        return ExitCode::FAILURE;
    }
    println!("Proje: {}", dir.display());
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("kitap")));
    let Some(exe) = exe.filter(|e| e.is_file()) else {
        eprintln!("olcum: kitap ikilisi bulunamadı; önce `cargo build --release` çalıştırın");
        return ExitCode::FAILURE;
    };
    for (books, out) in [
        (None, dir.join("output")),
        (Some("tum"), dir.join("output-tum")),
    ] {
        let mut command = Command::new(&exe);
        command
            .arg("derle")
            .arg(&dir)
            .arg("-o")
            .arg(&out)
            .arg("--zamanlama");
        if let Some(b) = books {
            command.arg("--kitap").arg(b);
        }
        let started = Instant::now();
        let status = command.status();
        let cold = started.elapsed();
        match status {
            Ok(s) => println!(
                "Soğuk `kitap derle{}` (çıkış {:?}): {:.2} sn",
                books.map(|b| format!(" --kitap {b}")).unwrap_or_default(),
                s.code(),
                cold.as_secs_f64()
            ),
            Err(e) => {
                eprintln!("olcum: kitap çalıştırılamadı: {e}");
                return ExitCode::FAILURE;
            }
        }
    }

    // Warm rebuild after one amendment, as `kitap izle` does it.
    let mut options = BuildOptions {
        out_dir: Some(dir.join("output-sicak")),
        ..BuildOptions::default()
    };
    let mut publisher = Publisher::new(&dir);
    let quiet = |_: &str| {};
    if pipeline::build(&dir, &options, &InProcessReader, &mut publisher, &quiet).is_err() {
        eprintln!("olcum: proje okunamadı");
        return ExitCode::FAILURE;
    }
    let _ = std::fs::create_dir_all(dir.join("degisiklikler"));
    let _ = std::fs::write(
        dir.join("degisiklikler/2025-200.yaml"),
        "karar: {organ: Meclis, no: \"2025/200\", tarih: 2025-11-20}\ngerekce: Ölçüm.\ndegisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2029\n    eski: 60\n    yeni: 65\n",
    );
    options.only_changed = true;
    let started = Instant::now();
    let built = pipeline::build(&dir, &options, &InProcessReader, &mut publisher, &quiet);
    let warm = started.elapsed();
    let rebuilt: Vec<String> = built
        .ok()
        .and_then(|b| b.built)
        .map(|b| b.books.iter().map(|x| x.file.clone()).collect())
        .unwrap_or_default();
    println!(
        "Sıcak yeniden derleme (bir meclis kararı sonrası, {}): {:.2} sn",
        rebuilt.join(", "),
        warm.as_secs_f64()
    );
    ExitCode::SUCCESS
}
