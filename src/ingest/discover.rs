//! Finding the workbooks in `birimler/`: a sorted walk to any depth that never follows
//! symlinks out, skipping lock files, hidden files and other extensions with a finding.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

use crate::finding::{Code, Finding};

/// The workbook formats kitap reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WorkbookKind {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
}

impl WorkbookKind {
    pub fn from_extension(ext: &str) -> Option<WorkbookKind> {
        match ext.to_ascii_lowercase().as_str() {
            "xlsx" => Some(WorkbookKind::Xlsx),
            "xlsm" => Some(WorkbookKind::Xlsm),
            "xlsb" => Some(WorkbookKind::Xlsb),
            "xls" => Some(WorkbookKind::Xls),
            "ods" => Some(WorkbookKind::Ods),
            _ => None,
        }
    }
}

/// A workbook file to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Path relative to the project folder, `/`-separated: `birimler/fen-isleri.xlsx`.
    pub rel: String,
    pub path: PathBuf,
    pub kind: WorkbookKind,
}

/// A file in `birimler/` that is not read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub rel: String,
    pub finding: Finding,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
    /// Problems of the walk itself (unreadable folder, symlink loop, vanished file).
    pub findings: Vec<Finding>,
}

fn rel_path(project: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(project).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `<project>/birimler` in sorted order.
pub fn discover(project: &Path) -> Discovery {
    let root = project.join("birimler");
    let mut out = Discovery::default();
    if !root.is_dir() {
        return out;
    }
    let walk = WalkDir::new(&root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    let walk = walk.filter_entry(|e| {
        // Hidden folders are not entered (their files are not the directorates').
        e.depth() == 0
            || !(e.file_type().is_dir() && e.file_name().to_string_lossy().starts_with('.'))
    });
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let place = err
                    .path()
                    .map(|p| rel_path(project, p))
                    .unwrap_or_else(|| "birimler".to_string());
                let why = if err.loop_ancestor().is_some() {
                    "klasör bağlantısı bir döngü oluşturuyor".to_string()
                } else if let Some(io) = err.io_error() {
                    match io.kind() {
                        std::io::ErrorKind::PermissionDenied => "okuma izni yok".to_string(),
                        std::io::ErrorKind::NotFound => "tarama sırasında silindi".to_string(),
                        _ => io.to_string(),
                    }
                } else {
                    err.to_string()
                };
                out.findings.push(
                    Finding::new(
                        Code::Y004,
                        format!("{place} okunamadı ({why}); klasörü ve izinleri kontrol edin."),
                    )
                    .in_file(&place),
                );
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let rel = rel_path(project, entry.path());
        let name = entry.file_name().to_string_lossy().into_owned();
        let skip = |why: &str| Skipped {
            rel: rel.clone(),
            finding: Finding::new(Code::Y008, format!("{rel} atlandı: {why}.")).in_file(&rel),
        };
        if file_type.is_symlink() {
            // A link could lead out of birimler/: it is not followed.
            out.skipped.push(skip(
                "sembolik bağlantı; dosyanın kendisini birimler klasörüne koyun",
            ));
            continue;
        }
        if name.starts_with("~$") || name.starts_with(".~lock") {
            out.skipped
                .push(skip("açık bir çalışma kitabının kilit dosyası"));
            continue;
        }
        if name.starts_with('.') {
            out.skipped.push(skip("gizli dosya"));
            continue;
        }
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        match WorkbookKind::from_extension(&ext) {
            Some(kind) => out.candidates.push(Candidate {
                rel,
                path: entry.path().to_path_buf(),
                kind,
            }),
            None => out.skipped.push(skip(
                "çalışma kitabı değil (okunan uzantılar: .xlsx, .xlsm, .xlsb, .xls, .ods)",
            )),
        }
    }
    out
}
