//! The virtual file system of a compilation.
//!
//! Its root mirrors the `kaynak/` folder a build writes next to the PDFs:
//! - the main source at the root (in memory, given with each [`super::Document`]);
//! - in-memory files added with [`FileTree::add_memory_file`];
//! - `lib/**`: the project's own `report-templates/lib/**` file if it exists, else the built-in
//!   one;
//! - every other path: a file inside the project folder (`metinler/sunus.typ`,
//!   `gorseller/logo.svg`).
//!
//! Nothing else is readable: paths are resolved against the canonical project folder and the
//! canonical result must still lie inside it, so symlinks that leave the folder are refused.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::Bytes;
use typst::syntax::{FileId, Source, VirtualPath, VirtualRoot};
use typst_kit::files::{FileLoader, FileStore};

use crate::assets::{self, EmbeddedFile};

/// The folder of a project that may replace built-in `lib/` files.
const PROJECT_TEMPLATES: &str = "report-templates";
/// The virtual folder of the shared Typst library files.
const LIB: &str = "lib";

/// A path given to [`FileTree::add_memory_file`] that cannot name a file in the tree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("geçersiz kaynak yolu: {0:?}")]
pub struct InvalidPath(pub String);

/// The files one or more compilations read. Sources and files are cached: repeated reads are
/// cheap, and a tree reused for a recompile keeps parsed sources for typst's incremental
/// compilation. Call [`FileTree::reset`] before a recompile to see changed files on disk.
pub struct FileTree {
    store: FileStore<TreeLoader>,
    /// The last main source compiled under each path, edited in place on a recompile.
    mains: Mutex<HashMap<FileId, Source>>,
}

struct TreeLoader {
    /// The canonical project folder; `None` for a tree without one.
    project: Option<PathBuf>,
    /// The built-in `report-templates/` files (`lib/**` among them).
    templates: &'static [EmbeddedFile],
    /// In-memory files by virtual path (without the leading `/`).
    memory: HashMap<String, Bytes>,
}

impl FileTree {
    /// A tree over the project folder at `project`, with kitap's built-in templates.
    pub fn new(project: &Path) -> io::Result<FileTree> {
        FileTree::with_templates(Some(project), assets::templates())
    }

    /// A tree with no project folder: only in-memory files and the built-in `lib/`.
    pub fn without_project() -> FileTree {
        FileTree::build(None, assets::templates())
    }

    /// A tree whose built-in `report-templates/` files are `templates` instead of kitap's own
    /// (paths relative to `report-templates/`, `/` separators, like [`assets::templates`]).
    pub fn with_templates(
        project: Option<&Path>,
        templates: &'static [EmbeddedFile],
    ) -> io::Result<FileTree> {
        let project = match project {
            Some(project) => {
                let project = project.canonicalize()?;
                if !project.is_dir() {
                    return Err(io::Error::new(
                        io::ErrorKind::NotADirectory,
                        format!("proje klasörü değil: {}", project.display()),
                    ));
                }
                Some(project)
            }
            None => None,
        };
        Ok(FileTree::build(project, templates))
    }

    fn build(project: Option<PathBuf>, templates: &'static [EmbeddedFile]) -> FileTree {
        FileTree {
            store: FileStore::new(TreeLoader {
                project,
                templates,
                memory: HashMap::new(),
            }),
            mains: Mutex::new(HashMap::new()),
        }
    }

    /// The canonical project folder, if any.
    pub fn project(&self) -> Option<&Path> {
        self.store.loader().project.as_deref()
    }

    /// Adds (or replaces) a file held in memory at the virtual path `vpath`
    /// (e.g. `veri/gostergeler.json`). It hides a project file of the same path.
    pub fn add_memory_file(
        &mut self,
        vpath: &str,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<(), InvalidPath> {
        let path = VirtualPath::new(vpath).map_err(|_| InvalidPath(vpath.to_owned()))?;
        if path.is_root() {
            return Err(InvalidPath(vpath.to_owned()));
        }
        let key = path.get_without_slash().to_owned();
        self.store
            .loader_mut()
            .memory
            .insert(key, Bytes::new(bytes.into()));
        // The old content may be cached.
        self.store.reset();
        Ok(())
    }

    /// Forgets what was read, so the next compilation sees the files as they are now on disk.
    /// Parsed sources are kept and edited in place, which keeps a recompile fast.
    pub fn reset(&mut self) {
        self.store.reset();
    }

    /// Every file read since the last [`FileTree::reset`], as sorted virtual paths.
    pub fn dependencies(&mut self) -> Vec<String> {
        let (_, ids) = self.store.dependencies();
        let mut paths: Vec<String> = ids
            .map(|id| id.vpath().get_without_slash().to_owned())
            .collect();
        paths.sort();
        paths
    }

    pub(crate) fn source(&self, id: FileId) -> FileResult<Source> {
        self.store.source(id)
    }

    pub(crate) fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.store.file(id)
    }

    /// The main source for `id` with `text`, reusing (and editing) the one of the previous
    /// compilation under the same path.
    pub(crate) fn main_source(&self, id: FileId, text: &str) -> Source {
        let mut mains = match self.mains.lock() {
            Ok(guard) => guard,
            // A panic elsewhere cannot leave a Source half-edited; keep going.
            Err(poisoned) => poisoned.into_inner(),
        };
        match mains.get_mut(&id) {
            Some(source) => {
                if source.text() != text {
                    source.replace(text);
                }
                source.clone()
            }
            None => {
                let source = Source::new(id, text.to_owned());
                mains.insert(id, source.clone());
                source
            }
        }
    }
}

impl FileLoader for TreeLoader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("Typst paketleri kullanılamaz ({spec}); dosyayı proje klasörüne koyun")
                    .into(),
            ))));
        }
        let vpath = id.vpath();
        let key = vpath.get_without_slash();
        if let Some(bytes) = self.memory.get(key) {
            return Ok(bytes.clone());
        }
        let not_found = || FileError::NotFound(PathBuf::from(key));
        if key == LIB || key.starts_with("lib/") {
            if let Some(project) = &self.project {
                match read_inside(project, &project.join(PROJECT_TEMPLATES), vpath) {
                    Err(FileError::NotFound(_)) => {}
                    other => return other,
                }
            }
            return match self.templates.iter().find(|file| file.path == key) {
                Some(file) => Ok(Bytes::new(file.bytes)),
                None => Err(not_found()),
            };
        }
        match &self.project {
            Some(project) => read_inside(project, project, vpath),
            None => Err(not_found()),
        }
    }
}

/// Reads `vpath` under `base`, refusing anything whose real location is outside `project`.
/// Errors name the virtual path only, never a host path.
fn read_inside(project: &Path, base: &Path, vpath: &VirtualPath) -> FileResult<Bytes> {
    let key = vpath.get_without_slash();
    let not_found = || FileError::NotFound(PathBuf::from(key));
    let path = vpath.realize(base).map_err(FileError::from)?;
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Err(not_found()),
        Err(err) => return Err(io_error(&err, key)),
    };
    if !real.starts_with(project) {
        return Err(FileError::Other(Some(
            format!("{key} proje klasörünün dışındaki bir dosyayı gösteriyor").into(),
        )));
    }
    let meta = fs::metadata(&real).map_err(|err| io_error(&err, key))?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory);
    }
    if !meta.is_file() {
        // A FIFO or device would block or never end.
        return Err(FileError::Other(Some(
            format!("{key} sıradan bir dosya değil").into(),
        )));
    }
    fs::read(&real)
        .map(Bytes::new)
        .map_err(|err| io_error(&err, key))
}

fn io_error(err: &io::Error, key: &str) -> FileError {
    match err.kind() {
        io::ErrorKind::NotFound => FileError::NotFound(PathBuf::from(key)),
        io::ErrorKind::PermissionDenied => FileError::AccessDenied,
        // The io message may hold the host path: give only its kind.
        kind => FileError::Other(Some(format!("{key}: {kind}").into())),
    }
}
