//! The fonts a compilation may use: the built-in ones (`fonts/` of the repository) plus the fonts
//! of a project's own `fonts/` folder. No system fonts and no fonts embedded in typst, so a book
//! looks the same on every machine.

use std::fs;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use crate::assets;

/// File extensions read as fonts.
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// Fonts loaded once and shared (it is `Send + Sync`) by every compilation, also in parallel.
pub struct FontLibrary {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    warnings: Vec<String>,
}

impl FontLibrary {
    /// The built-in fonts, then the fonts found (recursively, in sorted order) in `extra_dirs`.
    /// Missing folders are skipped; a file that cannot be read or is not a font is skipped with a
    /// warning in [`FontLibrary::warnings`].
    pub fn load(extra_dirs: &[PathBuf]) -> FontLibrary {
        let mut fonts = Vec::new();
        let mut warnings = Vec::new();
        for file in assets::fonts() {
            if is_font_file(Path::new(file.path)) {
                let before = fonts.len();
                fonts.extend(Font::iter(Bytes::new(file.bytes)));
                if fonts.len() == before {
                    warnings.push(format!("yerleşik yazı tipi okunamadı: fonts/{}", file.path));
                }
            }
        }
        for dir in extra_dirs {
            let mut files = Vec::new();
            collect_font_files(dir, &mut files, &mut warnings);
            files.sort();
            for path in files {
                match fs::read(&path) {
                    Ok(data) => {
                        let before = fonts.len();
                        fonts.extend(Font::iter(Bytes::new(data)));
                        if fonts.len() == before {
                            warnings.push(format!(
                                "yazı tipi dosyası okunamadı, atlandı: {}",
                                path.display()
                            ));
                        }
                    }
                    Err(err) => warnings.push(format!(
                        "yazı tipi dosyası okunamadı, atlandı: {} ({err})",
                        path.display()
                    )),
                }
            }
        }
        let book = FontBook::from_fonts(&fonts);
        FontLibrary {
            book: LazyHash::new(book),
            fonts,
            warnings,
        }
    }

    /// The number of font faces.
    pub fn len(&self) -> usize {
        self.fonts.len()
    }

    /// Whether no font was loaded at all.
    pub fn is_empty(&self) -> bool {
        self.fonts.is_empty()
    }

    /// The family names, sorted, each once (as typst names them, e.g. "Noto Sans").
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = self
            .fonts
            .iter()
            .map(|font| font.info().family.clone())
            .collect();
        families.sort();
        families.dedup();
        families
    }

    /// Details of every face, in loading order.
    pub fn infos(&self) -> impl Iterator<Item = &FontInfo> {
        self.fonts.iter().map(Font::info)
    }

    /// Whether some font has a glyph for `c`. Under PDF/A a character no font covers fails
    /// the compile ("could not be displayed"); without PDF/A it prints as an empty box.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|font| font.info().coverage.contains(u32::from(c)))
    }

    /// The characters of `text` (each once, in order of appearance) that no font covers.
    /// Whitespace and control characters need no glyph and are never listed.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if !c.is_whitespace() && !c.is_control() && !missing.contains(&c) && !self.covers(c) {
                missing.push(c);
            }
        }
        missing
    }

    /// Font files that were skipped, in Turkish.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub(crate) fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            FONT_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

fn collect_font_files(dir: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<String>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return,
        Err(err) => {
            warnings.push(format!(
                "yazı tipi klasörü okunamadı: {} ({err})",
                dir.display()
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        // Symlinked folders are not followed: a link to a parent would never end.
        if file_type.is_dir() {
            collect_font_files(&path, files, warnings);
        } else if is_font_file(&path) && fs::metadata(&path).is_ok_and(|meta| meta.is_file()) {
            files.push(path);
        }
    }
}
