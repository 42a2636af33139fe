//! From the model to Typst source: the minijinja environment, the Typst auto-escape and the
//! Turkish formatting filters.
//!
//! Templates are `report-templates/<name>.typ.j2`, and the check report's
//! `report-templates/*.html.j2` (HTML auto-escape, see [`crate::report::html`]). A project
//! folder may hold its own `report-templates/`; a file there replaces the built-in file of the
//! same name. Every
//! `{{ value }}` in a `*.typ.j2` template becomes a Typst expression ([`escape`]), so text from
//! a workbook or YAML is always data, never Typst code: templates write values in code position,
//! `#hedef-karti(hedef: {{ h.ad }}, gostergeler: {{ h.gostergeler }})`, or in markup as
//! `#{{ x }};`. Layout logic lives in the Typst functions of `report-templates/lib/*.typ`
//! (imported with `#import "/lib/kitap.typ": *`); the templates only place data into their
//! calls.
//!
//! The environment: strict undefined values (`is defined` and `|default` still work), block
//! tags on their own lines leave no blank lines (`trim_blocks`, `lstrip_blocks`), and the filters
//! of [`filters`] (`sayi`, `tl`, `yuzde`, `oran`, `buyuk`, `kucuk`, `tarih`), which wrap the pure
//! functions of [`format`].
//!
//! ```no_run
//! # fn main() -> Result<(), kitap::render::RenderError> {
//! let renderer = kitap::render::Renderer::new(None)?;
//! let source = renderer.render("stratejik-plan.typ.j2", &serde_json::json!({"kurum": "…"}))?;
//! # Ok(()) }
//! ```

pub mod escape;
pub mod filters;

pub mod trace;

use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};
use serde::Serialize;

use crate::printable::Printable;

/// The folder, in the repository and in a project, that holds the templates.
pub const TEMPLATE_DIR: &str = "report-templates";

/// Renders the book templates into Typst source. Build it once per build; it is `Send + Sync`
/// and may render several books in parallel.
pub struct Renderer {
    env: Environment<'static>,
    /// The project's own `report-templates/`, whose files replace the built-in ones.
    override_dir: Option<PathBuf>,
    /// What the fonts can print: every string passes through it.
    printable: Arc<Printable>,
}

impl fmt::Debug for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl Renderer {
    /// The environment: strict undefined values, the Typst escape for `*.typ.j2`, the Turkish
    /// filters, and templates from `<project_dir>/report-templates/` when the file exists there,
    /// else the built-in ones. Strings are made printable with the built-in fonts
    /// ([`Printable::built_in`]).
    pub fn new(project_dir: Option<&Path>) -> Result<Renderer, RenderError> {
        Renderer::with_printable(project_dir, Printable::built_in())
    }

    /// Like [`Renderer::new`], every string made printable by `printable` (the fonts of the
    /// build and the book's family).
    pub fn with_printable(
        project_dir: Option<&Path>,
        printable: Arc<Printable>,
    ) -> Result<Renderer, RenderError> {
        let override_dir = project_dir.map(|p| p.join(TEMPLATE_DIR));
        Ok(Renderer {
            env: environment(override_dir.clone(), Arc::clone(&printable), false)?,
            override_dir,
            printable,
        })
    }

    /// Renders the template `name` (e.g. `stratejik-plan.typ.j2`) with `context`.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String, RenderError> {
        render_with(&self.env, name, context)
    }

    /// Maps the lines of `clean`, what [`Renderer::render`] gave for `name` and `context`, back
    /// to the template lines that wrote them, by rendering once more with traced templates
    /// ([`trace`]). `None` when the traced render does not give the same source.
    pub fn source_map(
        &self,
        name: &str,
        context: &impl Serialize,
        clean: &str,
    ) -> Option<trace::SourceMap> {
        let env = environment(self.override_dir.clone(), Arc::clone(&self.printable), true).ok()?;
        let traced = render_with(&env, name, context).ok()?;
        trace::SourceMap::new(&traced, clean)
    }

    /// Whether the template `name` is the project's own file, not the built-in one.
    pub fn is_project_template(&self, name: &str) -> bool {
        match (&self.override_dir, safe_relative_path(name)) {
            (Some(dir), Some(relative)) => dir.join(relative).is_file(),
            _ => false,
        }
    }
}

/// The environment of [`Renderer::new`]; with `traced`, every template is loaded with the line
/// markers of [`trace::instrument`].
fn environment(
    override_dir: Option<PathBuf>,
    printable: Arc<Printable>,
    traced: bool,
) -> Result<Environment<'static>, RenderError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(escape::auto_escape_for);
    env.set_formatter(move |out, state, value| escape::formatter(out, state, value, &printable));
    env.set_syntax(syntax()?);
    env.set_debug(true);
    filters::register(&mut env);
    env.set_loader(move |name| {
        let source = load_template(override_dir.as_deref(), name)?;
        Ok(source.map(|s| {
            if traced {
                trace::instrument(name, &s)
            } else {
                s
            }
        }))
    });
    Ok(env)
}

fn render_with(
    env: &Environment<'static>,
    name: &str,
    context: &impl Serialize,
) -> Result<String, RenderError> {
    let template = env
        .get_template(name)
        .map_err(|e| RenderError::from_minijinja(name, &e))?;
    template
        .render(Value::from(Serde(context)))
        .map_err(|e| RenderError::from_minijinja(name, &e))
}

/// Block tags on their own lines leave no blank lines behind; the file's last newline stays.
fn syntax() -> Result<SyntaxConfig, RenderError> {
    SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| RenderError::from_minijinja("", &e))
}

/// The source of a built-in template (a path under `report-templates/`, `/` separators).
fn builtin_template(name: &str) -> Option<Vec<u8>> {
    crate::assets::template(name).map(<[u8]>::to_vec)
}

fn load_template(
    override_dir: Option<&Path>,
    name: &str,
) -> Result<Option<String>, minijinja::Error> {
    let Some(relative) = safe_relative_path(name) else {
        return Err(minijinja::Error::new(
            ErrorKind::TemplateNotFound,
            format!(
                "şablon adı \"{name}\" geçersiz: report-templates/ içinde göreli bir yol olmalı"
            ),
        ));
    };
    if let Some(dir) = override_dir {
        let path = dir.join(&relative);
        if path.is_file() {
            let bytes = std::fs::read(&path).map_err(|e| {
                minijinja::Error::new(
                    ErrorKind::TemplateNotFound,
                    format!("{} okunamadı: {e}", path.display()),
                )
            })?;
            return decode(name, bytes).map(Some);
        }
    }
    match builtin_template(name) {
        Some(bytes) => decode(name, bytes).map(Some),
        None => Ok(None),
    }
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String, minijinja::Error> {
    String::from_utf8(bytes).map_err(|_| {
        minijinja::Error::new(
            ErrorKind::SyntaxError,
            format!("şablon \"{name}\" UTF-8 değil"),
        )
    })
}

/// `partials/x.typ.j2` → that relative path; `None` for absolute paths, `..`, empty names.
fn safe_relative_path(name: &str) -> Option<PathBuf> {
    if name.is_empty() || name.contains('\\') || name.contains('\0') {
        return None;
    }
    let path = Path::new(name);
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.as_os_str().is_empty() {
        None
    } else {
        Some(out)
    }
}

/// A template could not be rendered: which template, which line, what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// The template where it went wrong (a partial when the error is inside one).
    pub template: String,
    /// The 1-based line in that template, when known.
    pub line: Option<usize>,
    /// The failing expression as written in the template, when known (`hedef.adx`).
    pub expression: Option<String>,
    /// What went wrong, in Turkish.
    pub message: String,
}

impl RenderError {
    fn from_minijinja(requested: &str, error: &minijinja::Error) -> RenderError {
        // An error inside an include carries the inner error as its source.
        let mut inner = error;
        while let Some(next) =
            std::error::Error::source(inner).and_then(|s| s.downcast_ref::<minijinja::Error>())
        {
            inner = next;
        }
        let template = inner
            .name()
            .or(error.name())
            .unwrap_or(requested)
            .to_string();
        let expression = match (inner.template_source(), inner.range()) {
            (Some(source), Some(range)) => source
                .get(range)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            _ => None,
        };
        let mut message = kind_tr(inner.kind()).to_string();
        if let Some(detail) = inner.detail() {
            message.push_str(": ");
            message.push_str(detail);
        }
        RenderError {
            template,
            line: inner.line().or(error.line()),
            expression,
            message,
        }
    }
}

fn kind_tr(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::UndefinedError => "tanımsız değer",
        ErrorKind::SyntaxError => "şablon sözdizimi hatası",
        ErrorKind::TemplateNotFound => "şablon bulunamadı",
        ErrorKind::UnknownFilter => "bilinmeyen filtre",
        ErrorKind::UnknownFunction => "bilinmeyen fonksiyon",
        ErrorKind::UnknownTest => "bilinmeyen test",
        ErrorKind::UnknownMethod => "bilinmeyen metot",
        ErrorKind::MissingArgument => "eksik argüman",
        ErrorKind::TooManyArguments => "fazla argüman",
        ErrorKind::BadSerialization | ErrorKind::CannotDeserialize => "veri şablona aktarılamadı",
        ErrorKind::BadInclude => "dahil edilen şablon işlenemedi",
        ErrorKind::CannotUnpack => "değer açılamadı",
        ErrorKind::NonPrimitive | ErrorKind::NonKey => "uygun olmayan değer",
        _ => "geçersiz işlem",
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "şablon {}", self.template)?;
        if let Some(line) = self.line {
            write!(f, ", satır {line}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(expr) = &self.expression {
            write!(f, " (`{expr}`)")?;
        }
        Ok(())
    }
}

impl std::error::Error for RenderError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renderer_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Renderer>();
    }

    #[test]
    fn template_names_stay_inside_the_template_folder() {
        assert_eq!(
            safe_relative_path("partials/a.typ.j2"),
            Some(PathBuf::from("partials/a.typ.j2"))
        );
        assert_eq!(safe_relative_path("../a.typ.j2"), None);
        assert_eq!(safe_relative_path("/etc/passwd"), None);
        assert_eq!(safe_relative_path("a/../../b"), None);
        assert_eq!(safe_relative_path(""), None);
        assert_eq!(safe_relative_path("."), None);
    }
}
