//! `kitap izle`: watch the project folder and rebuild when a file changes. It polls the
//! folder (no platform watcher needed), waits for a quiet moment so a half-copied workbook is
//! not read, ignores lock and temporary files, and rebuilds only the books whose Typst source
//! or read files changed, with fonts, templates and Typst's caches kept warm between builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use walkdir::WalkDir;

/// How often the folder is looked at.
pub const POLL: Duration = Duration::from_millis(250);
/// How long the folder must stay unchanged before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(600);

/// A file's identity for change detection.
pub type Stamp = (Option<SystemTime>, u64);

/// The files of a project folder that can change a book, with their stamps.
pub fn snapshot(project: &Path, ignore: &[PathBuf]) -> BTreeMap<String, Stamp> {
    let mut out = BTreeMap::new();
    let walk = WalkDir::new(project)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let ignored = ignore.iter().any(|i| e.path().starts_with(i));
            e.depth() == 0 || !(name.starts_with('.') || ignored)
        });
    for entry in walk.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if is_scratch(&name) {
            continue;
        }
        let rel = entry.path().strip_prefix(project).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let meta = entry.metadata().ok();
        out.insert(
            rel,
            (
                meta.as_ref().and_then(|m| m.modified().ok()),
                meta.map(|m| m.len()).unwrap_or(0),
            ),
        );
    }
    out
}

/// Lock files of office programs, editors' temporary files and our own temporary files.
pub fn is_scratch(name: &str) -> bool {
    name.starts_with("~$")
        || name.starts_with(".~lock")
        || name.starts_with('.')
        || name.ends_with(".tmp")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".part")
        || name.ends_with(".crdownload")
}

/// The files that differ between two snapshots (added, removed or changed).
pub fn changed(before: &BTreeMap<String, Stamp>, after: &BTreeMap<String, Stamp>) -> Vec<String> {
    let mut out: Vec<String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(before.keys().filter(|k| !after.contains_key(*k)).cloned());
    out.sort();
    out.dedup();
    out
}

/// Waits until the folder differs from `known`, then until it has been quiet for `QUIET`.
/// Returns the new snapshot.
pub fn wait_for_change(
    project: &Path,
    ignore: &[PathBuf],
    known: &BTreeMap<String, Stamp>,
) -> BTreeMap<String, Stamp> {
    loop {
        std::thread::sleep(POLL);
        let now = snapshot(project, ignore);
        if &now == known {
            continue;
        }
        // Something changed: wait for a quiet moment.
        let mut last = now;
        let mut quiet_since = Instant::now();
        loop {
            std::thread::sleep(POLL);
            let again = snapshot(project, ignore);
            if again != last {
                last = again;
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() >= QUIET {
                return last;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_ignored() {
        for n in [
            "~$fen.xlsx",
            ".~lock.fen.xlsx#",
            ".fen.xlsx.123.tmp",
            "a.tmp",
            "rapor.typ~",
            ".gizli",
        ] {
            assert!(is_scratch(n), "{n}");
        }
        for n in ["fen.xlsx", "sunus.typ", "kurum.yaml"] {
            assert!(!is_scratch(n), "{n}");
        }
    }

    #[test]
    fn changes_are_listed() {
        let mut a = BTreeMap::new();
        a.insert("x".to_string(), (None, 1));
        a.insert("y".to_string(), (None, 1));
        let mut b = a.clone();
        b.insert("y".to_string(), (None, 2));
        b.remove("x");
        b.insert("z".to_string(), (None, 1));
        assert_eq!(changed(&a, &b), vec!["x", "y", "z"]);
    }
}
