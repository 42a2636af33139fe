//! The `typst::World` of one compilation: a main source, a [`FileTree`] and a [`FontLibrary`].

use std::sync::LazyLock;

use typst::diag::FileResult;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook, FontFamily, FontList, TextElem};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::files::FileTree;
use super::fonts::FontLibrary;

/// Typst's standard library: no inputs, no experimental features, and "Noto Sans" instead of
/// typst's default text font (Libertinus Serif, which kitap does not ship: with it, characters
/// that no font covers would silently vanish instead of being reported). Built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    let mut library = Library::builder().build();
    library.styles.set(
        TextElem::font,
        FontList(vec![FontFamily::new(DEFAULT_FONT)]),
    );
    LazyHash::new(library)
});

/// The family of the built-in text faces.
pub(crate) const DEFAULT_FONT: &str = "Noto Sans";

pub(crate) struct KitapWorld<'a> {
    main: Source,
    tree: &'a FileTree,
    fonts: &'a FontLibrary,
    /// The fixed "now" of this build, in UTC.
    now: Datetime,
}

impl<'a> KitapWorld<'a> {
    pub(crate) fn new(
        main: Source,
        tree: &'a FileTree,
        fonts: &'a FontLibrary,
        now: Datetime,
    ) -> Self {
        KitapWorld {
            main,
            tree,
            fonts,
            now,
        }
    }
}

impl World for KitapWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            self.tree.source(id)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            self.tree.file(id)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    /// The build's fixed date; `offset` (hours from UTC, as `datetime.today(offset: ..)` gives
    /// it) shifts it by at most a day.
    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        let now = match offset {
            None => self.now,
            Some(offset) => {
                let seconds = offset.seconds();
                // Like a real UTC offset: less than a day either way. The fixed date's year is
                // kept away from the ends of the calendar, so this cannot overflow.
                if !seconds.is_finite() || seconds.abs() >= 86_400.0 {
                    return None;
                }
                self.now + offset
            }
        };
        Datetime::from_ymd(now.year()?, now.month()?, now.day()?)
    }
}
