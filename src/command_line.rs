//! clap in Turkish: the help template, kitap's own help and version flags, the usage lines and
//! every argument-parsing error said in Turkish, in one place.
//!
//! clap writes English words into its help ("Usage", "Options", "Print help"), its usage line
//! (`[OPTIONS]`, `<COMMAND>`) and its errors ("error: unexpected argument …", "tip:", "For more
//! information …"). [`command`] takes the derived [`Cli`] command and replaces each of them by
//! clap's own means: a help template, headings, an overridden usage line, the built-in help and
//! version flags and help subcommand disabled and replaced by `-h/--yardim` (alias `--help`) and
//! `-V/--surum` (alias `--version`) and the `yardim` subcommand (alias `help`). [`parse`] maps
//! every [`clap::error::ErrorKind`] to a Turkish message: help and version exit 0 on stdout,
//! every other error exits 2 on stderr.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
use std::ffi::OsString;

use crate::cli::Cli;

/// The help of every command: name and description, usage, then the sections.
const TEMPLATE: &str = "{about-with-newline}\nKullanım: {usage}\n\n{all-args}{after-help}\n";

const OPTIONS: &str = "Seçenekler";
const ARGUMENTS: &str = "Argümanlar";

/// The Turkish command line: [`Cli`]'s command with Turkish help, usage and flags.
pub fn command() -> clap::Command {
    let root = Cli::command()
        .arg(
            Arg::new("surum")
                .short('V')
                .long("surum")
                .alias("version")
                .action(ArgAction::Version)
                .help("Sürüm numarasını gösterir (--version da olur)."),
        )
        .after_help(
            "Bir komutun ayrıntıları için: kitap KOMUT --yardim (örneğin: kitap derle --yardim)",
        );
    localize(root, "")
}

fn localize(cmd: clap::Command, parent: &str) -> clap::Command {
    let path = if parent.is_empty() {
        cmd.get_name().to_string()
    } else {
        format!("{parent} {}", cmd.get_name())
    };
    let cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .help_template(TEMPLATE)
        .subcommand_help_heading("Komutlar")
        .subcommand_value_name("KOMUT")
        .arg(
            Arg::new("yardim")
                .short('h')
                .long("yardim")
                .alias("help")
                .action(ArgAction::Help)
                .help("Bu yardımı gösterir (--help da olur)."),
        )
        .mut_args(|a| {
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading(ARGUMENTS)
            } else {
                a.help_heading(OPTIONS)
            }
        });
    let usage = usage_line(&cmd, &path);
    cmd.override_usage(usage)
        .mut_subcommands(|s| localize(s, &path))
}

/// `kitap derle [SEÇENEKLER] [PROJE]`, `kitap [SEÇENEKLER] KOMUT`.
fn usage_line(cmd: &clap::Command, path: &str) -> String {
    let mut line = format!("{path} [SEÇENEKLER]");
    for p in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let name = p
            .get_value_names()
            .and_then(|n| n.first())
            .map(|n| n.to_string())
            .unwrap_or_else(|| p.get_id().as_str().to_uppercase());
        let many = matches!(p.get_action(), ArgAction::Append)
            || p.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "…" } else { "" };
        if p.is_required_set() {
            line.push_str(&format!(" <{name}>{dots}"));
        } else {
            line.push_str(&format!(" [{name}]{dots}"));
        }
    }
    if cmd.has_subcommands() {
        line.push_str(" KOMUT");
    }
    line
}

/// What to do when the command line does not give a command to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    /// 0 for help and version, 2 for an error.
    pub code: i32,
    /// The text to print (help or version on stdout; an error on stderr).
    pub text: String,
}

/// Parses the command line in Turkish.
pub fn parse<I, T>(args: I) -> Result<Cli, Stop>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let path = command_path(&args);
    let matches = command()
        .try_get_matches_from(&args)
        .map_err(|e| stop(e, &path))?;
    Cli::from_arg_matches(&matches).map_err(|e| stop(e, &path))
}

/// `kitap derle` for `kitap build x --foo`: the program and the subcommand the arguments
/// name, for the "Ayrıntı için" line of an error.
fn command_path(args: &[OsString]) -> String {
    let cmd = command();
    let sub = args.iter().skip(1).find_map(|a| {
        let a = a.to_str()?;
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .find(|s| s.get_name() == a || s.get_all_aliases().any(|x| x == a))
            .map(|s| s.get_name().to_string())
    });
    match sub {
        Some(s) => format!("kitap {s}"),
        None => "kitap".to_string(),
    }
}

/// The help of a command given by its path (`["derle"]`), as `kitap yardim derle` prints it.
pub fn help_of(path: &[String]) -> Result<String, Stop> {
    let mut cmd = command();
    cmd.build();
    let mut current = &mut cmd;
    let mut walked = vec!["kitap".to_string()];
    for name in path {
        let names: Vec<String> = visible_subcommands(current);
        match current
            .get_subcommands_mut()
            .find(|s| !s.is_hide_set() && (s.get_name() == name || s.get_all_aliases().any(|a| a == name)))
        {
            Some(s) => current = s,
            None => {
                return Err(Stop {
                    code: 2,
                    text: format!(
                        "hata: “{name}” diye bir komut yok. Komutlar: {}\n\nAyrıntı için: {} --yardim\n",
                        names.join(", "),
                        walked.join(" ")
                    ),
                })
            }
        }
        walked.push(name.clone());
    }
    Ok(with_newline(current.render_help().to_string()))
}

fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn visible_subcommands(cmd: &clap::Command) -> Vec<String> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect()
}

fn context_strings(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(StyledStr::to_string).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn context_one(err: &clap::Error, kind: ContextKind) -> Option<String> {
    context_strings(err, kind).into_iter().next()
}

/// The usage line of the command the error is about, from the error itself: clap puts the
/// command's (overridden, Turkish) usage there after its own English title.
fn usage_of(err: &clap::Error) -> Option<String> {
    let usage = context_one(err, ContextKind::Usage)?;
    let line = usage
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("kitap"))
        .or_else(|| {
            usage
                .trim()
                .split_once(':')
                .map(|(_, rest)| rest.trim())
                .filter(|r| r.starts_with("kitap"))
        })?
        .to_string();
    Some(line)
}

/// The Turkish message of a clap error, and its exit code.
fn stop(err: clap::Error, path: &str) -> Stop {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            return Stop {
                code: 0,
                text: with_newline(err.render().to_string()),
            }
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return Stop {
                code: 2,
                text: with_newline(err.render().to_string()),
            }
        }
        _ => {}
    }
    let arg = context_one(&err, ContextKind::InvalidArg).unwrap_or_default();
    let value = context_one(&err, ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match err.kind() {
        ErrorKind::InvalidValue => {
            let valid = context_strings(&err, ContextKind::ValidValue);
            if value.is_empty() {
                format!("{arg} için bir değer yazın")
            } else if valid.is_empty() {
                format!("“{value}”, {arg} için geçerli bir değer değil")
            } else {
                format!(
                    "“{value}”, {arg} için geçerli bir değer değil; şunlardan birini yazın: {}",
                    valid.join(", ")
                )
            }
        }
        ErrorKind::ValueValidation => {
            format!("“{value}”, {arg} için geçerli bir değer değil")
        }
        ErrorKind::UnknownArgument => {
            if arg.starts_with('-') {
                format!("“{arg}” diye bir seçenek yok")
            } else {
                format!("beklenmeyen argüman: “{arg}”")
            }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = context_one(&err, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!(
                "“{sub}” diye bir komut yok; komutlar: {}",
                visible_subcommands(&command()).join(", ")
            )
        }
        ErrorKind::NoEquals => format!("{arg} seçeneğinin değerini = ile yazın ({arg}=DEĞER)"),
        ErrorKind::TooManyValues => format!("{arg} için fazla değer: “{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} için yazılan değer sayısı uygun değil")
        }
        ErrorKind::ArgumentConflict => {
            let prior = context_strings(&err, ContextKind::PriorArg).join(", ");
            format!("{arg} ile {prior} birlikte kullanılamaz")
        }
        ErrorKind::MissingRequiredArgument => format!(
            "şu bilgi eksik: {}",
            context_strings(&err, ContextKind::InvalidArg).join(", ")
        ),
        ErrorKind::MissingSubcommand => format!(
            "bir komut yazın: {}",
            visible_subcommands(&command()).join(", ")
        ),
        ErrorKind::InvalidUtf8 => "bir argüman geçerli UTF-8 metni değil".to_string(),
        _ => "komut satırı anlaşılamadı".to_string(),
    };
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        let suggested = context_strings(&err, kind);
        if !suggested.is_empty() {
            message.push_str(&format!(
                "; “{}” mi demek istediniz?",
                suggested.join("”, “")
            ));
            break;
        }
    }
    if let Some(v) = context_one(&err, ContextKind::SuggestedValue) {
        message.push_str(&format!("; “{v}” mi demek istediniz?"));
    }
    let mut text = format!("hata: {message}\n\n");
    if let Some(usage) = usage_of(&err) {
        text.push_str(&format!("Kullanım: {usage}\n"));
    }
    text.push_str(&format!("Ayrıntı için: {path} --yardim\n"));
    Stop { code: 2, text }
}

/// Parses `std::env::args_os()`; on help, version or an error prints it and gives the exit
/// code.
pub fn parse_env() -> Result<Cli, i32> {
    parse(std::env::args_os()).map_err(|stop| {
        if stop.code == 0 {
            print!("{}", stop.text);
        } else {
            eprint!("{}", stop.text);
        }
        stop.code
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_command_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn english_spellings_still_parse() {
        let cli = parse(["kitap", "build", "--strict", "--output", "x"]).expect("parses");
        assert!(matches!(cli.command, crate::cli::Command::Build(ref a) if a.strict));
        for flag in ["--help", "-h", "--yardim"] {
            assert_eq!(parse(["kitap", "check", flag]).unwrap_err().code, 0);
        }
        for flag in ["--version", "-V", "--surum"] {
            let stop = parse(["kitap", flag]).unwrap_err();
            assert_eq!(stop.code, 0);
            assert!(stop.text.starts_with("kitap "), "{}", stop.text);
        }
    }
}
