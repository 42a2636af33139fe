//! The files built into the binary: the repository's `report-templates/` and `fonts/`, and the
//! user guide's finding-code pages (`docs/src/kodlar/`, printed by `kitap acikla`).
//!
//! `build.rs` walks both folders (sorted) and includes every file, so kitap works from any
//! directory and after `cargo install`. A project folder can still override templates and add
//! fonts at run time (see [`crate::typeset`]).

/// One file built into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedFile {
    /// The path relative to its folder (`report-templates/` or `fonts/`), with `/` separators.
    pub path: &'static str,
    /// The file's content.
    pub bytes: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// Every file under `report-templates/`, sorted by path.
pub fn templates() -> &'static [EmbeddedFile] {
    TEMPLATES
}

/// Every file under `fonts/` (the fonts and their licence and README), sorted by path.
pub fn fonts() -> &'static [EmbeddedFile] {
    FONTS
}

/// Every finding code's page of the user guide (`docs/src/kodlar/G005.md`, …), sorted by path.
pub fn code_pages() -> &'static [EmbeddedFile] {
    CODE_PAGES
}

/// The built-in template file at `path` (relative to `report-templates/`, `/` separators).
pub fn template(path: &str) -> Option<&'static [u8]> {
    TEMPLATES
        .binary_search_by(|file| file.path.cmp(path))
        .ok()
        .map(|index| TEMPLATES[index].bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_paths_are_sorted_and_relative() {
        for list in [templates(), fonts()] {
            for pair in list.windows(2) {
                assert!(
                    pair[0].path < pair[1].path,
                    "{} / {}",
                    pair[0].path,
                    pair[1].path
                );
            }
            for file in list {
                assert!(!file.path.starts_with('/') && !file.path.contains('\\'));
            }
        }
    }

    #[test]
    fn the_fonts_folder_is_built_in() {
        let regular = fonts()
            .iter()
            .find(|file| file.path == "NotoSans-Regular.ttf");
        assert!(regular.is_some_and(|file| file.bytes.len() > 100_000));
        assert!(fonts().iter().any(|file| file.path == "OFL.txt"));
    }

    #[test]
    fn template_lookup_matches_the_list() {
        for file in templates() {
            assert_eq!(template(file.path), Some(file.bytes));
        }
        assert_eq!(template("yok/boyle-bir-dosya.typ"), None);
    }
}
