//! `olcum`: the speed benchmark on a generated large municipality (40 directorates, 600
//! indicators, 2,400 activity rows). Not a test: it prints times, it asserts nothing.
//!
//! ```sh
//! cargo run --release --bin olcum -- [DİZİN] [--tekrar N]
//! ```
//! writes the project into DİZİN (default: a temporary folder), then measures, N times each
//! (default 3) and prints the median with the range:
//!
//! - a cold `kitap derle` of the three books (a separate process, as the officer runs it), and
//!   a cold `kitap derle --kitap tum` of the five (the İzleme and Değerlendirme reports too),
//!   with their pages, so that the two can be compared per page;
//! - when a `typst` binary is on PATH, the stock compiler on the three books' `kaynak/` sources,
//!   one after another and three processes at once (`--root kaynak --font-path fonts
//!   --ignore-system-fonts`), and kitap's ratios to both; without one it says so;
//! - in this process, a warm rebuild after one council amendment the way `kitap izle` does it.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use kitap::ingest::InProcessReader;
use kitap::pipeline::{self, BuildOptions};
use kitap::publish::Publisher;
use kitap_dev::large::generate;

/// The median and the range of some runs.
struct Runs(Vec<Duration>);

impl Runs {
    fn median(&self) -> f64 {
        let mut v: Vec<f64> = self.0.iter().map(Duration::as_secs_f64).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    }

    fn text(&self) -> String {
        let v: Vec<f64> = self.0.iter().map(Duration::as_secs_f64).collect();
        let min = v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = v.iter().copied().fold(0.0, f64::max);
        format!(
            "{:.2} sn (ortanca; {} ölçüm {:.2}–{:.2})",
            self.median(),
            v.len(),
            min,
            max
        )
        .replace('.', ",")
    }
}

/// The pages kitap reported writing: the sum of `(N sayfa` in its `Yazıldı` lines.
fn pages(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.contains("Yazıldı"))
        .filter_map(|l| {
            l.rsplit_once(" (")?
                .1
                .split(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum()
}

/// A cold `kitap derle` (with `--kitap`), `n` times, and the pages it wrote; the last run's
/// output stays in `out`.
fn cold_builds(
    exe: &Path,
    dir: &Path,
    books: Option<&str>,
    out: &Path,
    n: usize,
) -> Option<(Runs, usize)> {
    let mut runs = Vec::new();
    let mut written = 0;
    for _ in 0..n {
        let _ = std::fs::remove_dir_all(out);
        let mut command = Command::new(exe);
        command
            .arg("derle")
            .arg(dir)
            .arg("-o")
            .arg(out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(b) = books {
            command.arg("--kitap").arg(b);
        }
        let started = Instant::now();
        let output = command.output().ok()?;
        runs.push(started.elapsed());
        if output.status.code().is_none_or(|c| c > 1) {
            eprintln!("olcum: kitap derle başarısız: {}", output.status);
            return None;
        }
        written = pages(&String::from_utf8_lossy(&output.stderr));
    }
    Some((Runs(runs), written))
}

/// The stock `typst` compiler on every main source of `kaynak/`: one after another, or all
/// at once; `n` times. None when there is no `typst` on PATH.
fn stock_typst(kaynak: &Path, fonts: &Path, at_once: bool, n: usize) -> Option<Runs> {
    Command::new("typst")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .ok()?;
    let mut mains: Vec<PathBuf> = std::fs::read_dir(kaynak)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "typ"))
        .collect();
    mains.sort();
    let scratch = kaynak.join("..").join("stock-typst");
    let _ = std::fs::create_dir_all(&scratch);
    let command = |main: &Path| {
        let mut c = Command::new("typst");
        c.arg("compile")
            .arg(main)
            .arg(scratch.join(main.with_extension("pdf").file_name().unwrap_or_default()))
            .arg("--root")
            .arg(kaynak)
            .arg("--font-path")
            .arg(fonts)
            .arg("--ignore-system-fonts")
            .arg("--pdf-standard")
            .arg("a-2b")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let mut runs = Vec::new();
    for _ in 0..n {
        let started = Instant::now();
        if at_once {
            let children: Vec<_> = mains
                .iter()
                .filter_map(|m| command(m).spawn().ok())
                .collect();
            for mut c in children {
                let _ = c.wait();
            }
        } else {
            for m in &mains {
                let _ = command(m).status();
            }
        }
        runs.push(started.elapsed());
    }
    Some(Runs(runs))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut n = 3;
    let mut dir = std::env::temp_dir().join("kitap-olcum");
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--tekrar" {
            n = args
                .get(i + 1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(3)
                .max(1);
            i += 2;
        } else {
            dir = PathBuf::from(&args[i]);
            i += 1;
        }
    }
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

    let three_out = dir.join("output");
    let five_out = dir.join("output-tum");
    let Some((three, three_pages)) = cold_builds(&exe, &dir, None, &three_out, n) else {
        return ExitCode::FAILURE;
    };
    println!(
        "Soğuk `kitap derle` (üç kitap, {three_pages} sayfa): {}",
        three.text()
    );
    let Some((five, five_pages)) = cold_builds(&exe, &dir, Some("tum"), &five_out, n) else {
        return ExitCode::FAILURE;
    };
    println!(
        "Soğuk `kitap derle --kitap tum` (beş kitap, {five_pages} sayfa): {}",
        five.text()
    );
    if three_pages > 0 && five_pages > 0 {
        let per_page = |r: &Runs, p: usize| r.median() / p as f64 * 1000.0;
        println!(
            "Sayfa başına: üç kitap {:.1} ms, beş kitap {:.1} ms (oran {:.2})",
            per_page(&three, three_pages),
            per_page(&five, five_pages),
            per_page(&five, five_pages) / per_page(&three, three_pages)
        );
    }

    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fonts");
    let kaynak = three_out.join("kaynak");
    match (
        stock_typst(&kaynak, &fonts, false, n),
        stock_typst(&kaynak, &fonts, true, n),
    ) {
        (Some(sequential), Some(parallel)) => {
            println!(
                "Typst derleyicisi kaynak/ üzerinde, kitaplar art arda: {}",
                sequential.text()
            );
            println!(
                "Typst derleyicisi kaynak/ üzerinde, üç süreç birden: {}",
                parallel.text()
            );
            println!(
                "kitap / art arda: {:.2}; kitap / üç süreç birden: {:.2}",
                three.median() / sequential.median(),
                three.median() / parallel.median()
            );
        }
        _ => println!(
            "PATH'te `typst` yok: Typst derleyicisiyle karşılaştırma yapılmadı (yalnızca kitap'ın süreleri)."
        ),
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
