//! `sayfalar`: the page review. Builds the bundled example and the benchmark's large
//! municipality with the `kitap` binary built beside it, renders every page of every book with
//! `pdftoppm` (poppler-utils) and puts the pages together into PNG contact sheets, two facing
//! pages side by side as they are printed; then runs the page checks (`kitap_dev::pages`) on
//! every book and lists what they find.
//!
//! ```sh
//! cargo run --bin sayfalar -- DİZİN [--yalniz ornek|buyuk] [--boyut PİKSEL]
//! ```
//!
//! Run by cargo, it first builds `kitap` with the same profile (`cargo build --bin kitap`).
//!
//! Writes `DİZİN/ornek/` and `DİZİN/buyuk/` (the books as `kitap derle` writes them),
//! `DİZİN/buyuk-proje/` (the generated project) and the contact sheets
//! `DİZİN/kontak/<proje>-<kitap>-<n>.png` (30 pages each, `--boyut` the longer side of a page
//! in pixels, default 240). Exit 1 when a page check fails or a step cannot run.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use image::{imageops, Rgb, RgbImage};
use kitap_dev::pages;

const COLUMNS: u32 = 6;
const ROWS: u32 = 5;

struct Options {
    out: PathBuf,
    only: Option<String>,
    size: u32,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut only = None;
    let mut size = 240;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--yalniz" => only = Some(args.next().ok_or("--yalniz ornek|buyuk")?),
            "--boyut" => {
                size = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|s| (40..=2000).contains(s))
                    .ok_or("--boyut 40…2000")?
            }
            _ if out.is_none() && !a.starts_with('-') => out = Some(PathBuf::from(a)),
            _ => return Err(format!("bilinmeyen argüman: {a}")),
        }
    }
    let out = out.ok_or("kullanım: sayfalar DİZİN [--yalniz ornek|buyuk] [--boyut PİKSEL]")?;
    if only
        .as_deref()
        .is_some_and(|o| o != "ornek" && o != "buyuk")
    {
        return Err("--yalniz ornek|buyuk".into());
    }
    Ok(Options { out, only, size })
}

/// `kitap derle PROJECT -o OUT --kitap tum` (the five books) with the `kitap` built beside this
/// program.
fn build(kitap: &Path, project: &Path, out: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(out);
    let status = Command::new(kitap)
        .arg("derle")
        .arg(project)
        .arg("-o")
        .arg(out)
        .arg("--kitap")
        .arg("tum")
        .status()
        .map_err(|e| format!("{} çalıştırılamadı: {e}", kitap.display()))?;
    // 1: the data has errors, the books are drafts — still worth looking at.
    if status.code().is_some_and(|c| c <= 1) {
        Ok(())
    } else {
        Err(format!(
            "kitap derle {} başarısız: {status}",
            project.display()
        ))
    }
}

/// The PDFs of a build, sorted.
fn pdfs(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "pdf"));
    v.sort();
    v
}

/// Every page of `pdf` as an image whose longer side is `size` pixels.
fn pages_of(pdf: &Path, scratch: &Path, size: u32) -> Result<Vec<RgbImage>, String> {
    let _ = std::fs::remove_dir_all(scratch);
    std::fs::create_dir_all(scratch).map_err(|e| e.to_string())?;
    let status = Command::new("pdftoppm")
        .arg("-png")
        .arg("-scale-to")
        .arg(size.to_string())
        .arg(pdf)
        .arg(scratch.join("s"))
        .status()
        .map_err(|e| format!("pdftoppm çalıştırılamadı (poppler-utils kurulu mu?): {e}"))?;
    if !status.success() {
        return Err(format!("pdftoppm {}: {status}", pdf.display()));
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(scratch)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let images = files
        .iter()
        .map(|f| {
            image::open(f)
                .map(|i| i.to_rgb8())
                .map_err(|e| format!("{}: {e}", f.display()))
        })
        .collect();
    let _ = std::fs::remove_dir_all(scratch);
    images
}

/// Digits 0–9, 3 × 5 pixels, rows top to bottom, bits left to right.
const DIGITS: [[u8; 5]; 10] = [
    [7, 5, 5, 5, 7],
    [2, 6, 2, 2, 7],
    [7, 1, 7, 4, 7],
    [7, 1, 3, 1, 7],
    [5, 5, 7, 1, 1],
    [7, 4, 7, 1, 7],
    [7, 4, 7, 5, 7],
    [7, 1, 1, 2, 2],
    [7, 5, 7, 5, 7],
    [7, 5, 7, 1, 7],
];

/// Writes `n` at (x, y) with pixels of `scale`.
fn number(img: &mut RgbImage, n: usize, x: u32, y: u32, scale: u32) {
    for (i, d) in n.to_string().bytes().enumerate() {
        let glyph = DIGITS[(d - b'0') as usize];
        for (row, bits) in glyph.iter().enumerate() {
            for col in 0..3 {
                if bits & (4 >> col) != 0 {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let px = x + (i as u32 * 4 + col) * scale + dx;
                            let py = y + row as u32 * scale + dy;
                            if px < img.width() && py < img.height() {
                                img.put_pixel(px, py, Rgb([30, 30, 30]));
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The contact sheets of one book: pages in facing pairs (the first page, a recto, alone on
/// the right), each with its physical page number under it.
fn sheets(pages: &[RgbImage], size: u32) -> Vec<RgbImage> {
    let scale = (size / 80).max(2);
    let label = 7 * scale;
    let gap = size / 24;
    let spread_gap = size / 6;
    let cell = (size + gap, size + label + gap);
    // Slot 0 is the empty verso beside the first page.
    let slots: Vec<Option<(usize, &RgbImage)>> = std::iter::once(None)
        .chain(pages.iter().enumerate().map(Some))
        .collect();
    let per_sheet = (COLUMNS * ROWS) as usize;
    slots
        .chunks(per_sheet)
        .map(|chunk| {
            let width = COLUMNS * cell.0 + (COLUMNS / 2 - 1) * spread_gap + gap;
            let rows = (chunk.len() as u32).div_ceil(COLUMNS);
            let height = rows * cell.1 + gap;
            let mut sheet = RgbImage::from_pixel(width, height, Rgb([200, 200, 200]));
            for (i, slot) in chunk.iter().enumerate() {
                let Some((index, page)) = slot else { continue };
                let (col, row) = (i as u32 % COLUMNS, i as u32 / COLUMNS);
                let x0 = gap + col * cell.0 + (col / 2) * spread_gap;
                let y0 = gap + row * cell.1;
                // Versos flush right against the fold, rectos flush left.
                let x = if col % 2 == 0 {
                    x0 + size - page.width()
                } else {
                    x0
                };
                let y = y0 + (size - page.height()) / 2;
                imageops::overlay(&mut sheet, *page, x as i64, y as i64);
                let n = index + 1;
                let digits = n.to_string().len() as u32;
                let nx = x0 + size / 2 - digits * 2 * scale;
                number(&mut sheet, n, nx, y0 + size + scale, scale);
            }
            sheet
        })
        .collect()
}

fn review(
    name: &str,
    project: &Path,
    out: &Path,
    options: &Options,
    kitap: &Path,
) -> Result<usize, String> {
    println!("== {name}: {}", project.display());
    build(kitap, project, out)?;
    let contact = options.out.join("kontak");
    std::fs::create_dir_all(&contact).map_err(|e| e.to_string())?;
    for pdf in pdfs(out) {
        let stem = pdf
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let pages = pages_of(&pdf, &options.out.join(".sayfalar"), options.size)?;
        for (i, sheet) in sheets(&pages, options.size).iter().enumerate() {
            let file = contact.join(format!("{name}-{stem}-{}.png", i + 1));
            sheet
                .save(&file)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            println!("   {}", file.display());
        }
    }
    let mut count = 0;
    for book in pages::lay_out_built(project, out)? {
        let problems = book.problems();
        println!(
            "   {}: {} sayfa, {} sorun",
            book.stem,
            book.document.pages().len(),
            problems.len()
        );
        for p in &problems {
            println!("     {p}");
        }
        count += problems.len();
    }
    Ok(count)
}

/// The `kitap` binary beside this program. Run by cargo (`cargo run --bin sayfalar`), it is
/// built first with the same profile, so the books come from the sources as they are.
fn kitap_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe.parent().ok_or("sayfalar'ın klasörü bulunamadı")?;
    if let Some(cargo) = std::env::var_os("CARGO") {
        let mut build = Command::new(cargo);
        build
            .args(["build", "--bin", "kitap"])
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
        if dir.file_name().is_some_and(|n| n == "release") {
            build.arg("--release");
        }
        let status = build
            .status()
            .map_err(|e| format!("cargo build --bin kitap çalıştırılamadı: {e}"))?;
        if !status.success() {
            return Err(format!("cargo build --bin kitap başarısız: {status}"));
        }
    }
    let kitap = dir.join(format!("kitap{}", std::env::consts::EXE_SUFFIX));
    if kitap.is_file() {
        Ok(kitap)
    } else {
        Err("kitap ikilisi bulunamadı: önce `cargo build` çalıştırın".into())
    }
}

fn run(options: &Options) -> Result<usize, String> {
    let kitap = kitap_binary()?;
    std::fs::create_dir_all(&options.out).map_err(|e| e.to_string())?;
    let mut problems = 0;
    if options.only.as_deref() != Some("buyuk") {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/ornek-belediye");
        let example = example
            .canonicalize()
            .map_err(|e| format!("{}: {e}", example.display()))?;
        problems += review(
            "ornek",
            &example,
            &options.out.join("ornek"),
            options,
            &kitap,
        )?;
    }
    if options.only.as_deref() != Some("ornek") {
        let project = options.out.join("buyuk-proje");
        let _ = std::fs::remove_dir_all(&project);
        kitap_dev::large::generate(&project).map_err(|e| format!("{}: {e}", project.display()))?;
        problems += review(
            "buyuk",
            &project,
            &options.out.join("buyuk"),
            options,
            &kitap,
        )?;
    }
    Ok(problems)
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("sayfalar: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(0) => {
            println!("Sayfa denetimi: sorun yok.");
            ExitCode::SUCCESS
        }
        Ok(n) => {
            println!("Sayfa denetimi: {n} sorun.");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("sayfalar: {e}");
            ExitCode::FAILURE
        }
    }
}
