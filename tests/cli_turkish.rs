//! The command line speaks Turkish: the help of kitap and of every subcommand, its usage, its
//! version and its argument errors carry none of clap's English phrases, and the English
//! spellings (`--help`, `--version`, `build`, `check`, …) keep working.

use std::process::{Command, Output};

/// clap's English, as it would appear in help, usage and errors.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print help",
    "Print version",
    "Print this message",
    "error:",
    "unexpected argument",
    "For more information",
    "tip:",
    "invalid value",
    "[OPTIONS]",
    "COMMAND",
    "alias",
    "possible values",
    "[default:",
    "required arguments",
    "unrecognized subcommand",
    "a value is required",
    "isn't a valid value",
    "not in",
    "invalid digit",
    "did you mean",
    "similar",
    "were not provided",
];

fn kitap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kitap"))
        .args(args)
        .output()
        .expect("kitap runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn assert_turkish(args: &[&str], o: &Output) {
    let t = text(o);
    assert!(!t.trim().is_empty(), "kitap {args:?} printed nothing");
    for phrase in ENGLISH {
        assert!(
            !t.to_lowercase().contains(&phrase.to_lowercase()),
            "kitap {args:?} printed the English “{phrase}”:\n{t}"
        );
    }
}

/// The visible subcommands, read from the root help's "Komutlar:" section.
fn subcommands() -> Vec<String> {
    let o = kitap(&["--yardim"]);
    let t = String::from_utf8_lossy(&o.stdout).to_string();
    let section = t.split("Komutlar:").nth(1).expect("Komutlar section");
    section
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().expect("name").to_string())
        .collect()
}

#[test]
fn help_of_kitap_and_of_every_subcommand_is_turkish() {
    let subs = subcommands();
    for expected in ["derle", "denetle", "sablon", "izle", "yardim"] {
        assert!(subs.iter().any(|s| s == expected), "{expected} in {subs:?}");
    }
    for flag in ["--help", "-h", "--yardim"] {
        let o = kitap(&[flag]);
        assert_eq!(o.status.code(), Some(0), "{flag}");
        assert!(text(&o).contains("Kullanım: kitap"), "{}", text(&o));
        assert_turkish(&[flag], &o);
    }
    for sub in &subs {
        for flag in ["--help", "--yardim"] {
            let args = [sub.as_str(), flag];
            let o = kitap(&args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
            assert!(
                text(&o).contains(&format!("Kullanım: kitap {sub}")),
                "{args:?}: {}",
                text(&o)
            );
            assert_turkish(&args, &o);
        }
        let args = ["yardim", sub.as_str()];
        let o = kitap(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert_turkish(&args, &o);
    }
}

#[test]
fn version_is_turkish_under_both_spellings() {
    for flag in ["--version", "-V", "--surum"] {
        let o = kitap(&[flag]);
        assert_eq!(o.status.code(), Some(0));
        let t = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(t.starts_with("kitap "), "{t}");
        assert_turkish(&[flag], &o);
    }
}

#[test]
fn argument_errors_are_turkish_and_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["derl"],
        &["frobnicate"],
        &["derle", "--bilinmeyen"],
        &["derle", "a", "b"],
        &["derle", "--yil", "3000"],
        &["denetle", "--yil", "yirmi"],
        &["derle", "-j", "x"],
        &["derle", "--kitap"],
        &["sablon", "--cikti"],
        &["yardim", "yok-boyle"],
        &["yeni"],
        &["acikla"],
        &["acikla", "G005", "G006"],
        &["build", "--strict", "--nope"],
    ];
    for args in cases {
        let o = kitap(args);
        assert_eq!(o.status.code(), Some(2), "kitap {args:?}: {}", text(&o));
        assert_turkish(args, &o);
        if !args.is_empty() {
            let t = text(&o);
            assert!(t.starts_with("hata: "), "kitap {args:?}: {t}");
            assert!(t.contains("--yardim"), "kitap {args:?}: {t}");
        }
    }
}

#[test]
fn an_unknown_option_names_itself_and_the_command() {
    let o = kitap(&["check", "--bilinmeyen"]);
    let t = text(&o);
    assert!(t.contains("“--bilinmeyen” diye bir seçenek yok"), "{t}");
    assert!(t.contains("Ayrıntı için: kitap denetle --yardim"), "{t}");
}
