//! Marking: for each workbook of `birimler/` that has findings at cells, a copy written to
//! `<output>/isaretli/` with every finding's cell (and its other cells) filled in a warning
//! colour and the Turkish message as a cell comment, and a first sheet "Bulgular" listing the
//! findings with a link to each cell. The directorate opens its own file and sees where to fix.
//!
//! An `.xlsx` or `.xlsm` is edited with umya-spreadsheet, so the copy keeps what the original
//! holds (styles, formulas, validations, other comments); an `.xls`, `.ods` or `.xlsb` is read
//! with calamine exactly as ingest reads it ([`read::read_file`]) and becomes an `.xlsx` with
//! the same sheets and values. Opening a workbook for marking runs in a child process under
//! the same limits as reading ([`isolate::run_limited`], hidden subcommand
//! [`CHILD_COMMAND`]): the child writes the copy to a temporary name in the output folder and
//! the parent renames it into place only when the child succeeded, so a workbook that cannot
//! be marked leaves no half-written file, only a line in the report ([`Outcome::failure`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use umya_spreadsheet::{Comment, Hyperlink, Spreadsheet, Worksheet};

use crate::config::{Limits, Project};
use crate::finding::{Finding, Severity};
use crate::ingest::discover::{self, Candidate, WorkbookKind};
use crate::ingest::isolate::{self, ChildLimits};
use crate::ingest::read::{self, RawValue};
use crate::ingest::WorkbookReader;

/// The hidden subcommand the marking child runs.
pub const CHILD_COMMAND: &str = "isaretle-cocuk";

/// The folder of the marked copies, inside the output folder.
pub const FOLDER: &str = "isaretli";

/// The name of the sheet that lists the findings.
pub const SHEET: &str = "Bulgular";

/// The fill of a cell an error is about (light red) and of one a warning or info is about
/// (light yellow), as ARGB.
const ERROR_FILL: &str = "FFFFC7CE";
const WARNING_FILL: &str = "FFFFEB9C";

/// One finding at a cell, as the child needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub code: String,
    /// `hata`, `uyari` or `bilgi`.
    pub severity: String,
    pub sheet: String,
    /// 0-based.
    pub row: u32,
    pub col: u32,
    /// The finding's other cells on the same sheet, 0-based (row, column).
    pub others: Vec<(u32, u32)>,
    /// The Turkish message, ending with `ayrıntı: kitap acikla KOD`.
    pub message: String,
}

impl Mark {
    fn a1(&self) -> String {
        crate::text::a1(self.row, self.col)
    }
}

/// What the parent asks the child: mark `source` and write the copy to `out`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    pub source: PathBuf,
    pub kind: WorkbookKind,
    pub out: PathBuf,
    pub marks: Vec<Mark>,
    #[serde(flatten)]
    pub limits: ChildLimits,
}

/// One workbook to mark.
#[derive(Debug, Clone)]
pub struct Job {
    /// The workbook, as found in `birimler/`.
    pub candidate: Candidate,
    /// The directorate its findings name, if any.
    pub directorate: Option<String>,
    pub marks: Vec<Mark>,
    /// The copy's path relative to the output folder: `isaretli/Fen İşleri.xlsx`.
    pub target: String,
}

/// What became of one workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The workbook, relative to the project folder.
    pub file: String,
    pub directorate: Option<String>,
    /// The copy, relative to the output folder, when written.
    pub marked: Option<String>,
    /// Why no copy was written.
    pub failure: Option<String>,
    /// How many findings were marked.
    pub findings: usize,
}

/// A cell reference `F7` to 0-based (row, column); none when it is not one.
fn parse_a1(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut col: u64 = 0;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u64 - 'A' as u64 + 1);
        if col > 16_384 {
            return None;
        }
    }
    let row: u64 = digits.parse().ok()?;
    if row == 0 || row > 1_048_576 {
        return None;
    }
    Some((row as u32 - 1, col as u32 - 1))
}

/// The workbooks to mark: every workbook of `birimler/` a finding names a cell of, with its
/// findings in report order. The copy keeps the workbook's file name (an `.xls`, `.ods` or
/// `.xlsb` becomes `.xlsx`); two workbooks whose copies would share a name get `-2`, `-3`.
pub fn plan(project_dir: &Path, findings: &[Finding]) -> Vec<Job> {
    let candidates: BTreeMap<String, Candidate> = discover::discover(project_dir)
        .candidates
        .into_iter()
        .map(|c| (c.rel.clone(), c))
        .collect();
    let mut by_file: BTreeMap<&str, (Option<String>, Vec<Mark>)> = BTreeMap::new();
    for f in findings {
        let (Some(file), Some(sheet), Some((row, col))) = (&f.file, &f.sheet, f.position) else {
            continue;
        };
        if !candidates.contains_key(file.as_str()) {
            continue;
        }
        let entry = by_file.entry(file.as_str()).or_default();
        if entry.0.is_none() {
            entry.0 = f.directorate.clone();
        }
        entry.1.push(Mark {
            code: f.code.as_str().to_string(),
            severity: f.severity.word().to_string(),
            sheet: sheet.clone(),
            row,
            col,
            others: f.other_cells.iter().filter_map(|c| parse_a1(c)).collect(),
            message: format!("{} — {}", f.message, f.code.details_hint()),
        });
    }
    let mut used = std::collections::BTreeSet::new();
    by_file
        .into_iter()
        .map(|(file, (directorate, marks))| {
            let candidate = candidates[file].clone();
            let stem = Path::new(file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "calisma-kitabi".to_string());
            let ext = match candidate.kind {
                WorkbookKind::Xlsm => "xlsm",
                _ => "xlsx",
            };
            let mut name = format!("{stem}.{ext}");
            let mut n = 2;
            while !used.insert(name.to_lowercase()) {
                name = format!("{stem}-{n}.{ext}");
                n += 1;
            }
            Job {
                candidate,
                directorate,
                marks,
                target: format!("{FOLDER}/{name}"),
            }
        })
        .collect()
}

/// Marks every workbook of [`plan`] into `out_dir`: in a limited child of the reader's
/// executable when it has one (`kitap denetle`, `kitap derle`), else in this process; in
/// [`plan`]'s order (file by file), several at a time.
/// Copies left from an earlier run for workbooks that no longer have findings are removed.
pub fn mark_all(
    project: &Project,
    findings: &[Finding],
    out_dir: &Path,
    reader: &dyn WorkbookReader,
) -> Vec<Outcome> {
    let jobs = plan(&project.dir, findings);
    remove_stale(out_dir, &jobs);
    let limits = &project.settings.limits;
    // One child per workbook, several at a time, as reading does (`-j/--jobs`).
    jobs.par_iter()
        .map(|job| {
            let result = mark_one(job, out_dir, limits, reader.child_exe());
            Outcome {
                file: job.candidate.rel.clone(),
                directorate: job.directorate.clone(),
                marked: result.is_ok().then(|| job.target.clone()),
                failure: result.err(),
                findings: job.marks.len(),
            }
        })
        .collect()
}

/// Removes the copies in `<out_dir>/isaretli/` no job writes now: a workbook fixed since the
/// last check must not keep an old marked copy beside the report.
fn remove_stale(out_dir: &Path, jobs: &[Job]) {
    let Ok(entries) = std::fs::read_dir(out_dir.join(FOLDER)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{FOLDER}/{name}");
        let ours = name.ends_with(".xlsx") || name.ends_with(".xlsm");
        if ours && !jobs.iter().any(|j| j.target == rel) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn mark_one(job: &Job, out_dir: &Path, limits: &Limits, exe: Option<&Path>) -> Result<(), String> {
    let target = out_dir.join(&job.target);
    let folder = target.parent().unwrap_or(out_dir).to_path_buf();
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("{} klasörü yazılamadı: {e}", folder.display()))?;
    let size = std::fs::metadata(&job.candidate.path)
        .map_err(|e| format!("dosya okunamadı: {e}"))?
        .len();
    read::precheck_size(size, limits).map_err(|f| f.reason)?;
    let tmp = folder.join(format!(
        ".{}.{}.tmp",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let request = Request {
        source: job.candidate.path.clone(),
        kind: job.candidate.kind,
        out: tmp.clone(),
        marks: job.marks.clone(),
        limits: ChildLimits::of(limits),
    };
    let result = match exe {
        Some(exe) => serde_json::to_string(&request)
            .map_err(|e| e.to_string())
            .and_then(|json| {
                isolate::run_limited(
                    exe,
                    CHILD_COMMAND,
                    &json,
                    Duration::from_secs_f64(limits.read_seconds.max(0.1)),
                    limits,
                )
                .map(|_| ())
                .map_err(|f| f.reason)
            }),
        None => write_marked(&request),
    }
    .and_then(|()| {
        std::fs::rename(&tmp, &target).map_err(|e| format!("{} yazılamadı: {e}", target.display()))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        // A copy from an earlier run shows findings that are no longer the ones reported.
        let _ = std::fs::remove_file(&target);
    }
    result
}

/// The child's side: limits itself, marks the workbook, writes the copy to the request's
/// `out`. Returns the exit code; a failure is said on stderr, which the parent reports.
pub fn child_main(request_json: &str) -> i32 {
    let request: Request = match serde_json::from_str(request_json) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("geçersiz istek: {e}");
            return 2;
        }
    };
    isolate::limit_self(request.limits.memory_mb, request.limits.cpu_seconds);
    match write_marked(&request) {
        Ok(()) => 0,
        Err(reason) => {
            eprintln!("{reason}");
            3
        }
    }
}

/// Opens the workbook, marks it and writes the copy to `request.out`.
pub fn write_marked(request: &Request) -> Result<(), String> {
    let mut book = open(request)?;
    mark(&mut book, &request.marks)?;
    let file = std::fs::File::create(&request.out)
        .map_err(|e| format!("işaretli kopya yazılamadı: {e}"))?;
    let mut writer = std::io::BufWriter::new(file);
    umya_spreadsheet::writer::xlsx::write_writer(&book, &mut writer)
        .map_err(|e| format!("işaretli kopya yazılamadı: {e}"))?;
    let file = writer
        .into_inner()
        .map_err(|e| format!("işaretli kopya yazılamadı: {e}"))?;
    file.sync_all()
        .map_err(|e| format!("işaretli kopya yazılamadı: {e}"))
}

/// The workbook as umya-spreadsheet holds it: an `.xlsx`/`.xlsm` as it is, any other format
/// rebuilt from what calamine reads (sheets, values; hidden sheets stay hidden).
fn open(request: &Request) -> Result<Spreadsheet, String> {
    match request.kind {
        WorkbookKind::Xlsx | WorkbookKind::Xlsm => {
            umya_spreadsheet::reader::xlsx::read(&request.source)
                .map_err(|e| format!("çalışma kitabı işaretlenmek için açılamadı: {e}"))
        }
        WorkbookKind::Xls | WorkbookKind::Ods | WorkbookKind::Xlsb => {
            let limits = request.limits.reading();
            let raw =
                read::read_file(&request.source, request.kind, &limits).map_err(|f| f.reason)?;
            let mut book = umya_spreadsheet::new_file_empty_worksheet();
            for sheet in &raw.sheets {
                let ws = book
                    .new_sheet(sheet.name.as_str())
                    .map_err(|e| format!("“{}” sayfası kopyalanamadı: {e}", sheet.name))?;
                if !sheet.visible {
                    ws.set_sheet_state("hidden".to_string());
                }
                for cell in &sheet.cells {
                    let c = ws.get_cell_mut((cell.col + 1, cell.row + 1));
                    match &cell.value {
                        RawValue::Text(t) | RawValue::Date(t) | RawValue::Error(t) => {
                            c.set_value_string(t.as_str());
                        }
                        RawValue::Number(n) => {
                            c.set_value_number(*n);
                        }
                        RawValue::Bool(b) => {
                            c.set_value_bool(*b);
                        }
                    }
                }
                for m in &sheet.merges {
                    ws.add_merge_cells(format!(
                        "{}:{}",
                        crate::text::a1(m.first_row, m.first_col),
                        crate::text::a1(m.last_row, m.last_col)
                    ));
                }
            }
            Ok(book)
        }
    }
}

/// `'Sheet name'!A1`: a reference to a cell, the sheet's name quoted.
fn reference(sheet: &str, a1: &str) -> String {
    format!("'{}'!{a1}", sheet.replace('\'', "''"))
}

/// Marks the cells and puts the "Bulgular" sheet first.
fn mark(book: &mut Spreadsheet, marks: &[Mark]) -> Result<(), String> {
    // The comment of each cell: every finding about it, in report order.
    let mut notes: BTreeMap<(String, u32, u32), (Severity, Vec<String>)> = BTreeMap::new();
    for m in marks {
        let severity = Severity::parse(&m.severity).unwrap_or(Severity::Warning);
        let own = format!("{} ({}): {}", m.code, severity_label(severity), m.message);
        let entry = notes
            .entry((m.sheet.clone(), m.row, m.col))
            .or_insert((severity, Vec::new()));
        entry.0 = entry.0.min(severity);
        entry.1.push(own);
        for &(row, col) in &m.others {
            if (row, col) == (m.row, m.col) {
                continue;
            }
            let other = format!(
                "{} ({}), {} hücresiyle birlikte: {}",
                m.code,
                severity_label(severity),
                m.a1(),
                m.message
            );
            let entry = notes
                .entry((m.sheet.clone(), row, col))
                .or_insert((severity, Vec::new()));
            entry.0 = entry.0.min(severity);
            entry.1.push(other);
        }
    }
    for ((sheet, row, col), (severity, texts)) in &notes {
        let Some(ws) = book.get_sheet_by_name_mut(sheet) else {
            // A sheet the finding names but the workbook lacks (calamine and umya disagree on
            // it): the Bulgular sheet still lists the finding.
            continue;
        };
        let coordinate = (col + 1, row + 1);
        ws.get_style_mut(coordinate)
            .set_background_color_solid(match severity {
                Severity::Error => ERROR_FILL,
                _ => WARNING_FILL,
            });
        ws.get_comments_mut().retain(|c| {
            let at = c.get_coordinate();
            (*at.get_col_num(), *at.get_row_num()) != coordinate
        });
        let mut comment = Comment::default();
        comment.new_comment(coordinate);
        comment.set_author("kitap");
        comment.set_text_string(texts.join("\n\n"));
        ws.add_comments(comment);
    }
    add_findings_sheet(book, marks)
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "hata",
        Severity::Warning => "uyarı",
        Severity::Info => "bilgi",
    }
}

/// The first sheet: one row per finding (Kod, Seviye, Sayfa, Hücre, Mesaj), the cell a link.
fn add_findings_sheet(book: &mut Spreadsheet, marks: &[Mark]) -> Result<(), String> {
    let mut name = SHEET.to_string();
    let mut n = 2;
    while book.get_sheet_by_name(&name).is_some() {
        name = format!("{SHEET} {n}");
        n += 1;
    }
    let ws = book
        .new_sheet(name.as_str())
        .map_err(|e| format!("“{SHEET}” sayfası eklenemedi: {e}"))?;
    fill_findings_sheet(ws, marks);
    let sheets = book.get_sheet_collection_mut();
    if let Some(ws) = sheets.pop() {
        sheets.insert(0, ws);
    }
    book.set_active_sheet(0);
    for (i, ws) in book.get_sheet_collection_mut().iter_mut().enumerate() {
        ws.get_sheet_views_mut()
            .get_sheet_view_list_mut()
            .iter_mut()
            .for_each(|v| {
                v.set_tab_selected(i == 0);
            });
    }
    Ok(())
}

fn fill_findings_sheet(ws: &mut Worksheet, marks: &[Mark]) {
    for (i, title) in ["Kod", "Seviye", "Sayfa", "Hücre", "Mesaj"]
        .iter()
        .enumerate()
    {
        let coordinate = (i as u32 + 1, 1);
        ws.get_cell_mut(coordinate).set_value_string(*title);
        ws.get_style_mut(coordinate)
            .set_background_color_solid("FFE8EEF5")
            .get_font_mut()
            .set_bold(true);
    }
    for (i, m) in marks.iter().enumerate() {
        let row = i as u32 + 2;
        let severity = Severity::parse(&m.severity).unwrap_or(Severity::Warning);
        ws.get_cell_mut((1, row)).set_value_string(m.code.as_str());
        ws.get_cell_mut((2, row))
            .set_value_string(severity_label(severity));
        ws.get_cell_mut((3, row)).set_value_string(m.sheet.as_str());
        let a1 = m.a1();
        let cell = ws.get_cell_mut((4, row));
        cell.set_value_string(a1.as_str());
        let mut link = Hyperlink::default();
        link.set_url(reference(&m.sheet, &a1))
            .set_location(true)
            .set_tooltip(format!("{} › {a1}", m.sheet));
        cell.set_hyperlink(link);
        ws.get_cell_mut((5, row))
            .set_value_string(m.message.as_str());
        ws.get_style_mut((2, row))
            .set_background_color_solid(match severity {
                Severity::Error => ERROR_FILL,
                _ => WARNING_FILL,
            });
    }
    for (column, width) in [
        ("A", 8.0),
        ("B", 8.0),
        ("C", 22.0),
        ("D", 8.0),
        ("E", 100.0),
    ] {
        ws.get_column_dimension_mut(column).set_width(width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_parse() {
        assert_eq!(parse_a1("A1"), Some((0, 0)));
        assert_eq!(parse_a1("F7"), Some((6, 5)));
        assert_eq!(parse_a1("aa10"), Some((9, 26)));
        assert_eq!(parse_a1("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_a1("XFE1"), None);
        assert_eq!(parse_a1("A0"), None);
        assert_eq!(parse_a1("7"), None);
        assert_eq!(parse_a1("Göstergeler"), None);
    }

    #[test]
    fn sheet_references_are_quoted() {
        assert_eq!(reference("Göstergeler", "F7"), "'Göstergeler'!F7");
        assert_eq!(reference("Ali'nin", "A1"), "'Ali''nin'!A1");
    }
}
