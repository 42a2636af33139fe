//! File names of the templates: the directorate's own name, readable and with its Turkish
//! letters (`Fen İşleri Müdürlüğü.xlsx`), made safe for every file system people use.

use unicode_normalization::UnicodeNormalization;

/// Longest name kept, in characters, before `.xlsx` (file systems allow 255 bytes; Turkish
/// letters take two bytes in UTF-8).
const MAX_CHARS: usize = 100;

/// Names Windows reserves whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The template's file name for a directorate: its name (NFC) with the characters Windows,
/// macOS and Linux forbid (`< > : " / \ | ? *`, control characters) replaced by `-`, runs of
/// spaces and dashes collapsed, and no leading dot or `~` (kitap skips hidden and lock files),
/// then `.xlsx`. `Fen İşleri Müdürlüğü` → `Fen İşleri Müdürlüğü.xlsx`;
/// `Destek Hizmetleri / Satın Alma` → `Destek Hizmetleri - Satın Alma.xlsx`.
pub fn file_name(directorate: &str) -> String {
    let mut out = String::new();
    for c in directorate.nfc() {
        let c = if c.is_whitespace() {
            ' '
        } else if c.is_control()
            || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        {
            '-'
        } else {
            c
        };
        let last = out.chars().last();
        if (c == ' ' && last == Some(' ')) || (c == '-' && last == Some('-')) {
            continue;
        }
        out.push(c);
    }
    let trimmed = out
        .trim_start_matches(['.', '~', '-', ' '])
        .trim_end_matches(['.', '-', ' ']);
    let mut name: String = trimmed.chars().take(MAX_CHARS).collect();
    name = name.trim_end_matches([' ', '.']).to_string();
    if name.is_empty() {
        name = "birim".to_string();
    }
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&name)) {
        name.push_str(" birimi");
    }
    format!("{name}.xlsx")
}

/// Makes `name` unique among `taken` (compared ignoring case, as Windows and macOS do) by
/// adding ` (2)`, ` (3)`, … before the extension.
pub fn unique(name: String, taken: &[String]) -> String {
    let clash = |n: &str| taken.iter().any(|t| t.to_lowercase() == n.to_lowercase());
    if !clash(&name) {
        return name;
    }
    let stem = name.strip_suffix(".xlsx").unwrap_or(&name).to_string();
    let mut n = 2;
    loop {
        let candidate = format!("{stem} ({n}).xlsx");
        if !clash(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_turkish_letters_and_replaces_forbidden_characters() {
        assert_eq!(
            file_name("Fen İşleri Müdürlüğü"),
            "Fen İşleri Müdürlüğü.xlsx"
        );
        assert_eq!(
            file_name("Destek Hizmetleri / Satın Alma"),
            "Destek Hizmetleri - Satın Alma.xlsx"
        );
        assert_eq!(file_name("A:B*C?\"D\""), "A-B-C-D.xlsx");
        assert_eq!(file_name("  Zabıta\tMüdürlüğü.  "), "Zabıta Müdürlüğü.xlsx");
    }

    #[test]
    fn never_hidden_reserved_or_empty() {
        assert_eq!(file_name(".gizli"), "gizli.xlsx");
        assert_eq!(file_name("~$kilit"), "$kilit.xlsx");
        assert_eq!(file_name("///"), "birim.xlsx");
        assert_eq!(file_name("con"), "con birimi.xlsx");
        let long = "Ş".repeat(300);
        assert_eq!(file_name(&long).chars().count(), MAX_CHARS + 5);
    }

    #[test]
    fn decomposed_letters_are_composed() {
        // "Ü" typed as U + combining diaeresis.
        assert_eq!(file_name("Mu\u{308}du\u{308}rlu\u{308}k"), "Müdürlük.xlsx");
    }

    #[test]
    fn clashes_get_a_number() {
        let taken = vec!["Fen.xlsx".to_string(), "fen (2).xlsx".to_string()];
        assert_eq!(unique("FEN.xlsx".to_string(), &taken), "FEN (3).xlsx");
        assert_eq!(unique("Zabıta.xlsx".to_string(), &taken), "Zabıta.xlsx");
    }
}
