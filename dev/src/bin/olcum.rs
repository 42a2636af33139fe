//! `olcum`: the speed benchmark on a generated large municipality (40 directorates, 600
//! indicators, 2,400 activity rows). Not a test: it prints times, it asserts nothing.
//!
//! ```sh
//! cargo build --release && target/release/olcum [DİZİN] [--tekrar N]
//! ```
//! writes the project into DİZİN (default: a temporary folder), then measures, N times each
//! (default 3), and prints the median with the range:
//!
//! - a cold `kitap derle --zamanlama` of the three books (a separate process, as the officer
//!   runs it): its wall time, its peak memory, the time it took to read the 40 workbooks and
//!   each book's typesetting time; each book built alone (`--kitap sp`, …) for comparison;
//! - a cold `kitap derle --kitap tum` of the five books (the İzleme and Değerlendirme reports
//!   too), with its pages, to compare per page;
//! - when a `typst` binary is on PATH, the stock compiler on the three books' `kaynak/`, one
//!   after another and three processes at once, making the same PDFs as kitap (`--root kaynak
//!   --font-path fonts --ignore-system-fonts --no-pdf-tags`, PDF/A-2b, PDF/A-3b for the book
//!   that attaches files); without one it says so;
//! - in this process, a warm rebuild after one council amendment the way `kitap izle` does it
//!   (N times: the amendment written, the rebuild timed, the amendment removed);
//! - the bundled example (`data/ornek-belediye`), cold;
//!
//! and then the table of the README's Speed section, every goal of issue #16 beside its figure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use kitap::ingest::IsolatedReader;
use kitap::pipeline::{self, BuildOptions};
use kitap::publish::Publisher;
use kitap_dev::large::generate;

/// As in the `kitap` binary: the warm rebuild measured in this process uses its allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Some measurements of one quantity (seconds, or gigabytes).
#[derive(Default, Clone)]
struct Runs(Vec<f64>);

impl Runs {
    fn median(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    }

    fn range(&self) -> (f64, f64) {
        let min = self.0.iter().copied().fold(f64::INFINITY, f64::min);
        let max = self.0.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (min, max)
    }

    /// `9,29 sn (8,62–9,59)`.
    fn seconds(&self) -> String {
        let (min, max) = self.range();
        comma(format!("{:.2} s ({min:.2}–{max:.2})", self.median()))
    }

    fn push(&mut self, d: Duration) {
        self.0.push(d.as_secs_f64());
    }
}

/// Turkish decimals.
fn comma(text: String) -> String {
    text.replace('.', ",")
}

/// What one `kitap derle --zamanlama` printed and cost.
struct Cold {
    wall: Duration,
    /// Peak resident memory of the process, in GB.
    peak_gb: f64,
    /// `okuma:` — reading the workbooks, isolation included.
    reading: Option<f64>,
    /// `sp: dizgi 4,87 sn` — each book's typesetting time, by code.
    typesetting: Vec<(String, f64)>,
    pages: usize,
}

/// A number of kitap's `--zamanlama` lines: `4,87`.
fn seconds_in(text: &str) -> Option<f64> {
    text.trim()
        .split(' ')
        .next()?
        .replace(',', ".")
        .parse()
        .ok()
}

fn parse_timing(stderr: &str) -> (Option<f64>, Vec<(String, f64)>, usize) {
    let mut reading = None;
    let mut books = Vec::new();
    let mut pages = 0;
    for line in stderr.lines() {
        let l = line.trim();
        if let Some(rest) = l.strip_prefix("okuma:") {
            reading = seconds_in(rest);
        } else if let Some((code, rest)) = l.split_once(": dizgi ") {
            if let Some(s) = seconds_in(rest) {
                books.push((code.to_string(), s));
            }
        } else if l.contains("Yazıldı") {
            pages += l
                .rsplit_once(" (")
                .and_then(|(_, p)| p.split(' ').next()?.parse::<usize>().ok())
                .unwrap_or(0);
        }
    }
    (reading, books, pages)
}

/// Runs `command` to its end; its wall time, its peak memory (from `wait4`) and its stderr.
fn run_measured(mut command: Command) -> Option<(Duration, f64, bool, String)> {
    command.stdout(Stdio::null()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().ok()?;
    let mut stderr = child.stderr.take()?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let pid = i32::try_from(child.id()).ok()?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child by its pid, writing into the two locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    let text = reader.join().unwrap_or_default();
    if waited != pid {
        return None;
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1;
    // ru_maxrss is in kilobytes on Linux.
    Some((wall, usage.ru_maxrss as f64 / 1e6, ok, text))
}

/// A cold `kitap derle --zamanlama` of `project` into `out` (emptied first), with `--kitap`.
fn cold_build(exe: &Path, project: &Path, books: Option<&str>, out: &Path) -> Option<Cold> {
    let _ = std::fs::remove_dir_all(out);
    let mut command = Command::new(exe);
    command
        .arg("derle")
        .arg(project)
        .arg("-o")
        .arg(out)
        .arg("--zamanlama");
    if let Some(b) = books {
        command.arg("--kitap").arg(b);
    }
    let (wall, peak_gb, ok, stderr) = run_measured(command)?;
    if !ok {
        eprintln!("olcum: kitap derle başarısız:\n{stderr}");
        return None;
    }
    let (reading, typesetting, pages) = parse_timing(&stderr);
    Some(Cold {
        wall,
        peak_gb,
        reading,
        typesetting,
        pages,
    })
}

/// The stock `typst` compiler's version, when one is on PATH.
fn stock_version() -> Option<String> {
    let out = Command::new("typst").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The stock `typst` compiler on every main source of `kaynak/`, making the PDFs kitap makes:
/// one after another, or all at once.
fn stock_typst(kaynak: &Path, fonts: &Path, at_once: bool) -> Option<Duration> {
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
        // kitap's standards: PDF/A-3b for a book that attaches its open data, else PDF/A-2b.
        let attaches = std::fs::read_to_string(main).is_ok_and(|t| t.contains("#pdf.attach("));
        let mut c = Command::new("typst");
        c.arg("compile")
            .arg(main)
            .arg(scratch.join(main.with_extension("pdf").file_name().unwrap_or_default()))
            .arg("--root")
            .arg(kaynak)
            .arg("--font-path")
            .arg(fonts)
            .arg("--ignore-system-fonts")
            .arg("--no-pdf-tags")
            .arg("--creation-timestamp")
            .arg("0")
            .arg("--pdf-standard")
            .arg(if attaches { "a-3b" } else { "a-2b" })
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let started = Instant::now();
    let mut ok = true;
    if at_once {
        let children: Vec<_> = mains
            .iter()
            .filter_map(|m| command(m).spawn().ok())
            .collect();
        for mut c in children {
            ok &= c.wait().is_ok_and(|s| s.success());
        }
    } else {
        for m in &mains {
            ok &= command(m).status().is_ok_and(|s| s.success());
        }
    }
    let took = started.elapsed();
    if !ok {
        eprintln!("olcum: typst compile başarısız oldu ({})", kaynak.display());
        return None;
    }
    Some(took)
}

/// The machine, for the table's caption: processor, cores, memory.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':').map(|x| x.1))
        .unwrap_or("?")
        .trim()
        .to_string();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let kb: f64 = m
                .lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))?
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()?;
            Some(kb / 1024.0 / 1024.0)
        })
        .unwrap_or(0.0);
    format!("{model}, {cores} cores, {memory:.0} GiB")
}

/// One line of the table: what, the figure, the goal, whether it is met.
fn row(what: &str, figure: String, goal: &str, met: Option<bool>) -> String {
    let mark = match met {
        Some(true) => "met",
        Some(false) => "**not met**",
        None => "",
    };
    format!("| {what} | {figure} | {goal} | {mark} |")
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
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let fonts = repo.join("fonts");
    let example = repo.join("data").join("ornek-belediye");

    // Cold builds, alternating the kinds in each round so that a slow moment of the machine
    // touches all of them alike.
    let three_out = dir.join("output");
    let five_out = dir.join("output-tum");
    let alone_out = dir.join("output-tek");
    let example_out = dir.join("output-ornek");
    let codes = ["sp", "pp", "fr"];
    let (mut three, mut five, mut peak, mut reading, mut example_runs) = (
        Runs::default(),
        Runs::default(),
        Runs::default(),
        Runs::default(),
        Runs::default(),
    );
    let mut five_peak = Runs::default();
    let mut in_build: Vec<Runs> = vec![Runs::default(); codes.len()];
    let mut alone: Vec<Runs> = vec![Runs::default(); codes.len()];
    let (mut stock_seq, mut stock_at_once) = (Runs::default(), Runs::default());
    let (mut three_pages, mut five_pages) = (0, 0);
    let stock = stock_version();
    for round in 1..=n {
        eprintln!("olcum: tur {round}/{n}");
        let Some(cold) = cold_build(&exe, &dir, None, &three_out) else {
            return ExitCode::FAILURE;
        };
        three.push(cold.wall);
        peak.0.push(cold.peak_gb);
        three_pages = cold.pages;
        if let Some(r) = cold.reading {
            reading.0.push(r);
        }
        for (k, code) in codes.iter().enumerate() {
            if let Some((_, s)) = cold.typesetting.iter().find(|(c, _)| c == code) {
                in_build[k].0.push(*s);
            }
        }
        for (k, code) in codes.iter().enumerate() {
            let Some(one) = cold_build(&exe, &dir, Some(code), &alone_out) else {
                return ExitCode::FAILURE;
            };
            if let Some((_, s)) = one.typesetting.iter().find(|(c, _)| c == code) {
                alone[k].0.push(*s);
            }
        }
        let Some(all) = cold_build(&exe, &dir, Some("tum"), &five_out) else {
            return ExitCode::FAILURE;
        };
        five.push(all.wall);
        five_peak.0.push(all.peak_gb);
        five_pages = all.pages;
        if stock.is_some() {
            let kaynak = three_out.join("kaynak");
            match (
                stock_typst(&kaynak, &fonts, false),
                stock_typst(&kaynak, &fonts, true),
            ) {
                (Some(a), Some(b)) => {
                    stock_seq.push(a);
                    stock_at_once.push(b);
                }
                _ => return ExitCode::FAILURE,
            }
        }
        let Some(ex) = cold_build(&exe, &example, None, &example_out) else {
            return ExitCode::FAILURE;
        };
        example_runs.push(ex.wall);
    }

    println!(
        "Soğuk `kitap derle` (üç kitap, {three_pages} sayfa): {}",
        three.seconds()
    );
    println!(
        "Soğuk `kitap derle --kitap tum` (beş kitap, {five_pages} sayfa): {}",
        five.seconds()
    );
    for (k, code) in codes.iter().enumerate() {
        println!(
            "Dizgi {code}: tam derlemede {}, tek başına {}",
            in_build[k].seconds(),
            alone[k].seconds()
        );
    }
    match &stock {
        Some(v) => {
            println!("{v} kaynak/ üzerinde, art arda: {}", stock_seq.seconds());
            println!("{v} kaynak/ üzerinde, üç süreç birden: {}", stock_at_once.seconds());
        }
        None => println!(
            "PATH'te `typst` yok: Typst derleyicisiyle karşılaştırma yapılmadı (yalnızca kitap'ın süreleri)."
        ),
    }

    // Warm rebuild after one amendment, as `kitap izle` does it (workbooks read in children of
    // the kitap binary): the amendment written, the timed rebuild, the amendment removed and an
    // untimed rebuild back to the start, n times.
    let mut options = BuildOptions {
        out_dir: Some(dir.join("output-sicak")),
        ..BuildOptions::default()
    };
    let reader = IsolatedReader::new(&exe);
    let mut publisher = Publisher::new(&dir);
    let quiet = |_: &str| {};
    if pipeline::build(&dir, &options, &reader, &mut publisher, &quiet).is_err() {
        eprintln!("olcum: proje okunamadı");
        return ExitCode::FAILURE;
    }
    options.only_changed = true;
    let amendment = dir.join("degisiklikler/2025-200.yaml");
    let _ = std::fs::create_dir_all(dir.join("degisiklikler"));
    let mut warm = Runs::default();
    let mut rebuilt: Vec<String> = Vec::new();
    for _ in 0..n {
        let _ = std::fs::write(
            &amendment,
            "karar: {organ: Meclis, no: \"2025/200\", tarih: 2025-11-20}\ngerekce: Ölçüm.\ndegisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2029\n    eski: 60\n    yeni: 65\n",
        );
        let started = Instant::now();
        let built = pipeline::build(&dir, &options, &reader, &mut publisher, &quiet);
        warm.push(started.elapsed());
        rebuilt = built
            .ok()
            .and_then(|b| b.built)
            .map(|b| b.books.iter().map(|x| x.file.clone()).collect())
            .unwrap_or_default();
        let _ = std::fs::remove_file(&amendment);
        let _ = pipeline::build(&dir, &options, &reader, &mut publisher, &quiet);
    }
    println!(
        "Sıcak yeniden derleme (bir meclis kararı sonrası, {}): {}",
        rebuilt.join(", "),
        warm.seconds()
    );

    // The README's table.
    let cold = three.median();
    let ratio = |a: f64, b: f64| comma(format!("{:.2}", a / b));
    println!();
    println!(
        "Measured {} with `target/release/olcum --tekrar {n}` (medians of {n} runs, range in brackets); {}; {}.",
        today(),
        machine(),
        stock.as_deref().unwrap_or("no typst on PATH")
    );
    println!();
    println!("| what | figure | goal (issue #16) | |");
    println!("|---|---|---|---|");
    println!(
        "{}",
        row(
            &format!("cold `kitap derle`, three books ({three_pages} pages)"),
            three.seconds(),
            "",
            None
        )
    );
    if stock.is_some() {
        println!(
            "{}",
            row(
                "the stock typst compiler on the same `kaynak/`, one book after another",
                stock_seq.seconds(),
                "",
                None
            )
        );
        println!(
            "{}",
            row(
                "the stock typst compiler, three processes at once",
                stock_at_once.seconds(),
                "",
                None
            )
        );
        let r1 = cold / stock_seq.median();
        println!(
            "{}",
            row(
                "kitap / stock one after another",
                ratio(cold, stock_seq.median()),
                "≤ 0,85",
                Some(r1 <= 0.85)
            )
        );
        let r2 = cold / stock_at_once.median();
        println!(
            "{}",
            row(
                "kitap / stock three at once",
                ratio(cold, stock_at_once.median()),
                "≤ 1,0",
                Some(r2 <= 1.0)
            )
        );
    }
    for (k, code) in codes.iter().enumerate() {
        let r = in_build[k].median() / alone[k].median();
        println!(
            "{}",
            row(
                &format!("typesetting of `{code}` in the full build / built alone"),
                format!(
                    "{} / {} = {}",
                    comma(format!("{:.2} s", in_build[k].median())),
                    comma(format!("{:.2} s", alone[k].median())),
                    ratio(in_build[k].median(), alone[k].median())
                ),
                "≤ 1,3",
                Some(r <= 1.3)
            )
        );
    }
    println!(
        "{}",
        row(
            &format!(
                "warm rebuild after one council decision ({})",
                rebuilt.join(", ")
            ),
            format!(
                "{} = {} % of cold",
                warm.seconds(),
                comma(format!("{:.0}", warm.median() / cold * 100.0))
            ),
            "≤ 15 %",
            Some(warm.median() / cold <= 0.15)
        )
    );
    println!(
        "{}",
        row(
            "peak memory, three books",
            comma(format!("{:.2} GB", peak.median())),
            "≤ 1,5 GB",
            Some(peak.median() <= 1.5)
        )
    );
    println!(
        "{}",
        row(
            "reading the 40 workbooks, isolation included (`okuma`)",
            reading.seconds(),
            "≤ 0,12 s",
            Some(reading.median() <= 0.12)
        )
    );
    println!(
        "{}",
        row(
            "the bundled example, cold `kitap derle` (three books)",
            example_runs.seconds(),
            "≤ 1,0 s",
            Some(example_runs.median() <= 1.0)
        )
    );
    println!(
        "{}",
        row(
            &format!("cold `kitap derle --kitap tum`, five books ({five_pages} pages)"),
            format!(
                "{}, peak {}",
                five.seconds(),
                comma(format!("{:.2} GB", five_peak.median()))
            ),
            "",
            None
        )
    );
    ExitCode::SUCCESS
}

/// Today's date (UTC), `2026-12-05`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    kitap::typeset::FixedDateTime::from_unix_seconds(secs)
        .map(|t| t.to_string()[..10].to_string())
        .unwrap_or_default()
}
