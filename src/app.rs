//! Runs a parsed command line and maps the outcome to an exit code (spec/README.md):
//! 0 done, 1 the data has errors, 2 the command or the project folder is unusable.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::books::{self, Book};
use crate::cli::{BuildArgs, CheckArgs, Cli, Command, ProjectArgs, TemplateArgs};
use crate::ingest::InProcessReader;
use crate::model::Period;
use crate::pipeline::{self, Checked, Gate, Options};
use crate::publish;
use crate::report::terminal;
use std::time::Instant;

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_DATA_ERRORS: i32 = 1;
pub const EXIT_UNUSABLE: i32 = 2;

/// The bundled example, found next to the working directory or where kitap was built.
pub fn default_project() -> PathBuf {
    let local = PathBuf::from("data").join("ornek-belediye");
    if local.join("kurum.yaml").is_file() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("ornek-belediye")
}

fn eprint_error(message: &str) {
    eprintln!("hata: {message}");
}

/// Runs the command; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Build(args) => build(&args),
        Command::Templates(args) => templates(&args),
        Command::Watch(args) => watch(&args),
        Command::New(args) => new_project(&args.dir),
        Command::Explain(args) => match crate::guide::explain(&args.code) {
            Ok(page) => {
                print!("{page}");
                EXIT_OK
            }
            Err(message) => {
                eprint_error(&message);
                EXIT_UNUSABLE
            }
        },
        Command::Help(args) => match crate::command_line::help_of(&args.command) {
            Ok(help) => {
                print!("{help}");
                EXIT_OK
            }
            Err(stop) => {
                eprint!("{}", stop.text);
                stop.code
            }
        },
        Command::ReadChild(args) => crate::ingest::isolate::child_main(&args.request),
        Command::MarkChild(args) => crate::mark::child_main(&args.request),
    }
}

fn configure_threads(args: &ProjectArgs) {
    if let Some(n) = args.jobs {
        // Only fails if the global pool was built already; then the default stays.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
}

fn print_report(checked: &Checked, args: &ProjectArgs) {
    if args.json {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(checked.report.to_json().as_bytes());
    } else {
        print!("{}", terminal::render(&checked.report, args.verbose));
    }
}

fn check(args: &CheckArgs) -> i32 {
    let args = &args.project;
    configure_threads(args);
    let dir = args.project.clone().unwrap_or_else(default_project);
    let options = Options {
        year: args.year,
        ..Options::default()
    };
    // Each workbook is read by a child process of this binary, so a hostile file costs one
    // finding, never the run.
    let result = match crate::ingest::IsolatedReader::current() {
        Some(reader) => pipeline::check_and_report(&dir, &options, args.output.clone(), &reader),
        None => pipeline::check_and_report(&dir, &options, args.output.clone(), &InProcessReader),
    };
    let checked = match result {
        Ok((checked, _)) => checked,
        Err(e) => {
            eprint_error(&e.to_string());
            return EXIT_UNUSABLE;
        }
    };
    print_report(&checked, args);
    if checked.report.has_errors() {
        EXIT_DATA_ERRORS
    } else {
        EXIT_OK
    }
}

/// A status line on stderr, cargo style: the verb right-aligned.
fn status(line: &str) {
    eprintln!("{line}");
}

fn seconds(d: std::time::Duration) -> String {
    format!("{:.2} sn", d.as_secs_f64()).replace('.', ",")
}

/// The accepted `--kitap` values, for messages: `sp (Stratejik Plan), …, tum (beşi birden)`.
fn accepted_books() -> String {
    let mut list: Vec<String> = Book::CODES
        .iter()
        .map(|(code, title)| format!("{code} ({title})"))
        .collect();
    list.push("tum (beşi birden)".to_string());
    list.join(", ")
}

/// The books `--kitap` asks for (sp, pp and fr by default; `tum`/`all` is all five).
fn selected_books(codes: &[String]) -> Result<Vec<Book>, String> {
    if codes.is_empty() {
        return Ok(Book::DEFAULT.to_vec());
    }
    let mut books = Vec::new();
    for c in codes {
        let all = matches!(c.trim().to_lowercase().as_str(), "tum" | "tüm" | "all");
        let named: Vec<Book> = if all {
            Book::CODES
                .iter()
                .filter_map(|(code, _)| Book::parse(code))
                .collect()
        } else {
            let b = Book::parse(c).ok_or_else(|| {
                format!(
                    "--kitap: “{c}” bilinmeyen bir kitap. Kabul edilen değerler: {}.",
                    accepted_books()
                )
            })?;
            vec![b]
        };
        for b in named {
            if !books.contains(&b) {
                books.push(b);
            }
        }
    }
    books.sort();
    Ok(books)
}

/// What `derle` and `izle` are asked to make: the books of `--kitap` and the period of
/// `--donem`; a Turkish message naming the accepted values for an unknown one.
fn selection(args: &BuildArgs) -> Result<(Vec<Book>, Option<Period>), String> {
    Ok((
        selected_books(&args.books)?,
        selected_period(args.period.as_deref())?,
    ))
}

/// The İzleme period `--donem` asks for: none lets the data decide.
fn selected_period(text: Option<&str>) -> Result<Option<Period>, String> {
    let Some(text) = text else { return Ok(None) };
    books::parse_period(text).map(Some).ok_or_else(|| {
        format!(
            "--donem: “{text}” bilinmeyen bir dönem. Kabul edilen değerler: 1 (ilk altı ay, 1. İzleme değerleri), 2 (yılın tamamı, Yıl Sonu değerleri)."
        )
    })
}

/// One build through [`pipeline::build`]; prints its progress, the report and the timings.
/// Returns the exit code.
fn build_with(
    args: &BuildArgs,
    (books, period): &(Vec<Book>, Option<Period>),
    publisher: &mut publish::Publisher,
    only_changed: bool,
) -> i32 {
    let started = Instant::now();
    configure_threads(&args.project);
    let dir = args.project.project.clone().unwrap_or_else(default_project);
    let options = pipeline::BuildOptions {
        check: Options {
            year: args.project.year,
            books: books.clone(),
            period: *period,
        },
        out_dir: args.project.output.clone(),
        strict: args.strict,
        only_changed,
    };
    let result = match crate::ingest::IsolatedReader::current() {
        Some(reader) => pipeline::build(&dir, &options, &reader, publisher, &status),
        None => pipeline::build(&dir, &options, &InProcessReader, publisher, &status),
    };
    let build = match result {
        Ok(b) => b,
        Err(e) => {
            eprint_error(&e.to_string());
            return EXIT_UNUSABLE;
        }
    };
    if build.gate == Gate::Withhold {
        eprintln!("--kati: verilerde hata olduğu için hiçbir kitap yazılmadı; önceki kitaplar yerinde duruyor.");
    }
    print_report(&build.checked, &args.project);
    if args.timings {
        print_timings(&build);
    }
    let Some(built) = &build.built else {
        return EXIT_DATA_ERRORS;
    };
    let draft = build.gate == Gate::Publish { draft: true };
    for b in built.books.iter().filter(|b| b.written) {
        status(&format!(
            "{:>12} {} ({} sayfa{})",
            "Yazıldı",
            build.out_dir.join(&b.file).display(),
            b.pages,
            if draft { ", TASLAK" } else { "" }
        ));
    }
    if only_changed && built.books.is_empty() {
        status(&format!(
            "{:>12} değişiklik hiçbir kitabı etkilemedi",
            "Atlandı"
        ));
    }
    if draft && !built.books.is_empty() {
        eprintln!("Verilerde hata olduğu için kitaplar TASLAK olarak yazıldı; hatalı değerler tablolarda işaretli.");
    }
    status(&format!("{:>12} {}", "Bitti", seconds(started.elapsed())));
    let failed: Vec<&str> = built
        .books
        .iter()
        .filter(|b| !b.written)
        .map(|b| b.file.as_str())
        .collect();
    if failed.is_empty() {
        EXIT_OK
    } else {
        eprint_error(&format!(
            "dizilemeyen kitaplar: {} (önceki PDF'ler yerinde bırakıldı)",
            failed.join(", ")
        ));
        EXIT_DATA_ERRORS
    }
}

/// `--zamanlama`: each stage's time, each book's typesetting and rendering, the writing.
fn print_timings(build: &pipeline::Build) {
    for (name, d) in &build.checked.timings {
        eprintln!("{:>14}: {}", name, seconds(*d));
    }
    if let Some(b) = &build.built {
        for book in &b.books {
            eprintln!(
                "{:>14}: dizgi {}, şablon {}",
                book.book.code(),
                seconds(book.typeset_time),
                seconds(book.render_time)
            );
        }
        eprintln!(
            "{:>14}: {}",
            "yazma",
            seconds(b.write_time + build.report_time)
        );
    }
}

fn build(args: &BuildArgs) -> i32 {
    let books = match selection(args) {
        Ok(b) => b,
        Err(e) => {
            eprint_error(&e);
            return EXIT_UNUSABLE;
        }
    };
    let dir = args.project.project.clone().unwrap_or_else(default_project);
    let mut publisher = publish::Publisher::new(&dir);
    let code = build_with(args, &books, &mut publisher, false);
    // The process ends here: Typst's memoized results (about 0,4 GB a big book) and the
    // publisher's files go back to the system with it. Freeing them one by one first took
    // up to a second after `Bitti` (measured, docs/src/gelistirici/hiz.md).
    std::mem::forget(publisher);
    code
}

/// `izle`: a first build, then a rebuild after every change, until stopped (Ctrl-C).
fn watch(args: &BuildArgs) -> i32 {
    let books = match selection(args) {
        Ok(b) => b,
        Err(e) => {
            eprint_error(&e);
            return EXIT_UNUSABLE;
        }
    };
    let dir = args.project.project.clone().unwrap_or_else(default_project);
    if !dir.join("kurum.yaml").is_file() {
        eprint_error(&format!(
            "{}: proje klasörü değil (kurum.yaml yok)",
            dir.display()
        ));
        return EXIT_UNUSABLE;
    }
    // The output folder may sit inside the project: its changes are ours, not the officer's.
    let mut ignore = vec![dir.join("output")];
    if let Some(o) = &args.project.output {
        ignore.push(o.clone());
        if let Ok(c) = o.canonicalize() {
            ignore.push(c);
        }
    }
    let mut publisher = publish::Publisher::new(&dir);
    let _ = build_with(args, &books, &mut publisher, false);
    eprintln!("{} izleniyor; durdurmak için Ctrl-C.", dir.display());
    let mut known = crate::watch::snapshot(&dir, &ignore);
    loop {
        let now = crate::watch::wait_for_change(&dir, &ignore, &known);
        let changes = crate::watch::changed(&known, &now);
        known = now;
        eprintln!("\n{:>12} {}", "Değişti", changes.join(", "));
        if changes.iter().any(|c| c.starts_with("report-templates/")) {
            publisher.reload_templates();
        }
        let _ = build_with(args, &books, &mut publisher, true);
    }
}

/// `yeni`: the skeleton of a project, and what to do next.
fn new_project(dir: &Path) -> i32 {
    match crate::scaffold::write(dir, crate::scaffold::StartYears::now()) {
        Ok(files) => {
            let d = dir.display();
            println!("Yeni proje yazıldı: {d} ({} dosya)", files.len());
            println!("Sonraki adımlar:");
            println!("  1. {d}/kurum.yaml: kurumun adını, başkanı, yılları ve müdürlükleri yazın.");
            println!("  2. {d}/plan.yaml: misyon, vizyon, amaçlar ve hedefler.");
            println!("  3. kitap denetle {d}");
            println!(
                "  4. kitap sablon {d} -o sablonlar: müdürlüklere gönderilecek çalışma kitapları."
            );
            println!("  5. Gelen dosyaları {d}/birimler/ klasörüne koyun, sonra: kitap derle {d}");
            EXIT_OK
        }
        Err(e) => {
            eprint_error(&e.to_string());
            EXIT_UNUSABLE
        }
    }
}

fn templates(args: &TemplateArgs) -> i32 {
    let Some(out_dir) = &args.output else {
        eprint_error(
            "şablonların yazılacağı klasörü -o ile verin (örneğin: kitap sablon PROJE -o sablonlar)",
        );
        return EXIT_UNUSABLE;
    };
    let dir = args.project.clone().unwrap_or_else(default_project);
    let options = Options {
        year: args.year,
        ..Options::default()
    };
    let project = match pipeline::load(&dir, &options) {
        Ok(p) => p,
        Err(e) => {
            eprint_error(&e.to_string());
            return EXIT_UNUSABLE;
        }
    };
    let known = match crate::ingest::IsolatedReader::current() {
        Some(reader) => crate::template::known_model(&project, &reader),
        None => crate::template::known_model(&project, &crate::ingest::InProcessReader),
    };
    let result = crate::template::write_templates(&project, &known, out_dir, |w| {
        eprintln!("Şablon yazıldı: {} ({})", w.path.display(), w.directorate);
    });
    match result {
        Ok(_) => EXIT_OK,
        Err(e) => {
            eprint_error(&e.to_string());
            EXIT_UNUSABLE
        }
    }
}
