//! Turkish-aware text handling shared by every stage: name folding for matching sheets,
//! columns and closed sets; Turkish upper/lower case; numbers typed as Turkish text; codes.
//! [`format`] prints numbers, rates, money and dates the Turkish way, for rules, books and
//! template filters alike.

pub mod format;

use unicode_normalization::UnicodeNormalization;

/// Folds a name for matching: NFC-insensitive, case-insensitive with Turkish rules, Turkish
/// letters reduced to ASCII (ğ→g, ı/İ→i, ş→s, ç→c, ö→o, ü→u), spaces and punctuation removed.
///
/// `"GÖSTERGELER"`, `"gostergeler"` and `" Göstergeler "` all fold to `"gostergeler"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'ı' | 'İ' | 'I' => out.push('i'),
            c if is_combining_mark(c) => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    // Dropping a space can make two combining marks neighbours, which NFD would reorder on a
    // second pass: normalise once more so folding is idempotent.
    out.nfd().collect()
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// Upper case with Turkish rules: `i` → `İ`, `ı` → `I`.
pub fn upper_tr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'i' => out.push('İ'),
            'ı' => out.push('I'),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// Lower case with Turkish rules: `I` → `ı`, `İ` → `i`.
pub fn lower_tr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'I' => out.push('ı'),
            'İ' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The first letter in Turkish upper case: `bütçe` → `Bütçe`, `istanbul` → `İstanbul`.
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => upper_tr(&c.to_string()) + chars.as_str(),
        None => String::new(),
    }
}

/// A number read from text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextNumber {
    pub value: f64,
    /// `27.122`: a single dot followed by exactly three digits, read as thousands (D006).
    pub ambiguous: bool,
}

/// Reads a number typed as text with Turkish conventions.
///
/// `1.234,5` and `1234,5` → 1234.5; `%45`, `45%`, `% 45` → 45; `1.234.567` → 1234567;
/// `27.122` → 27122, flagged ambiguous; `1234.5` and `12.3456` → a decimal point. `0.500` has a
/// zero integer part, which thousands grouping cannot have, so it is read as 0.5 unflagged.
/// Spaces between digit groups of three (`1 234 567`) are thousands separators. A trailing or
/// leading `TL`/`₺` is allowed. Anything else (`1.000 m³`, `yok`, `-`) is `None`.
pub fn parse_number(text: &str) -> Option<TextNumber> {
    let mut s: String = text.trim().to_string();
    if s.is_empty() {
        return None;
    }
    // Percent sign before or after.
    if let Some(rest) = s.strip_prefix('%') {
        s = rest.trim().to_string();
    } else if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim().to_string();
    }
    // Currency marks.
    for mark in ["TL", "₺"] {
        if let Some(rest) = s.strip_suffix(mark) {
            s = rest.trim().to_string();
        } else if let Some(rest) = s.strip_prefix(mark) {
            s = rest.trim().to_string();
        }
    }
    let (negative, body) = match s.chars().next() {
        Some('-') | Some('−') => (true, s[s.chars().next()?.len_utf8()..].trim().to_string()),
        Some('+') => (false, s[1..].trim().to_string()),
        _ => (false, s),
    };
    let body = join_space_groups(&body)?;
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        // ",5" is a decimal written without its zero; ".5" likewise.
        if !(body.starts_with(',') || body.starts_with('.')) {
            return None;
        }
    }
    let commas = body.matches(',').count();
    let (value, ambiguous) = if commas > 1 {
        return None;
    } else if commas == 1 {
        let (int_part, frac) = body.split_once(',')?;
        if frac.is_empty() || frac.contains('.') || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let int_digits = thousands_digits(int_part)?;
        (format!("{int_digits}.{frac}").parse::<f64>().ok()?, false)
    } else {
        let dots = body.matches('.').count();
        match dots {
            0 => (body.parse::<f64>().ok()?, false),
            1 => {
                let (int_part, frac) = body.split_once('.')?;
                if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let zero_int = int_part.is_empty() || int_part.chars().all(|c| c == '0');
                if frac.len() == 3 && !zero_int {
                    (format!("{int_part}{frac}").parse::<f64>().ok()?, true)
                } else {
                    (format!("0{int_part}.{frac}").parse::<f64>().ok()?, false)
                }
            }
            _ => (thousands_digits(&body)?.parse::<f64>().ok()?, false),
        }
    };
    if !value.is_finite() {
        return None;
    }
    Some(TextNumber {
        value: if negative { -value } else { value },
        ambiguous,
    })
}

/// `1.234.567` → `1234567`; plain digits pass; badly grouped dots → None.
fn thousands_digits(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("0".to_string());
    }
    let groups: Vec<&str> = s.split('.').collect();
    if groups.len() == 1 {
        return groups[0]
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| groups[0].to_string());
    }
    let first = groups[0];
    if first.is_empty() || first.len() > 3 || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    for g in &groups[1..] {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    Some(groups.concat())
}

/// `1 234 567` (ordinary, no-break or thin spaces between groups of three) → `1234567`;
/// any other inner space makes the text not a number.
fn join_space_groups(s: &str) -> Option<String> {
    let is_space = |c: char| c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}';
    if !s.contains(is_space) {
        return Some(s.to_string());
    }
    let parts: Vec<&str> = s.split(is_space).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return Some(parts.concat());
    }
    let first_digits = parts[0].chars().take_while(|c| c.is_ascii_digit()).count();
    if first_digits == 0 || first_digits > 3 || parts[0].len() != first_digits {
        return None;
    }
    for (i, p) in parts[1..].iter().enumerate() {
        let last = i == parts.len() - 2;
        let digits = p.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits != 3 || (!last && p.len() != 3) {
            return None;
        }
    }
    Some(parts.concat())
}

/// Normalises an item code: spaces removed, letters upper-cased, the prefix added when the
/// code starts with a digit. `pg 1.2.3` / `1.2.3` with prefix `PG` → `PG1.2.3`; `h1.2` → `H1.2`.
pub fn normalize_code(raw: &str, prefix: &str) -> String {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.trim_end_matches('.');
    let upper = upper_tr(compact).replace('İ', "I");
    if upper.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{upper}")
    } else {
        upper
    }
}

/// Formats a number the way it would be typed in a cell: `2025`, `1.5` (for messages and for
/// numeric cells read where text is expected).
pub fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Column letters for a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A1 reference for a 0-based row and column: (0, 0) → `A1`, (6, 5) → `F7`.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_sheet_names_alike() {
        assert_eq!(fold("GÖSTERGELER"), "gostergeler");
        assert_eq!(fold("gostergeler"), "gostergeler");
        assert_eq!(fold(" Göstergeler "), "gostergeler");
        assert_eq!(fold("Gerçekleşmeler"), "gerceklesmeler");
        assert_eq!(fold("BÜTÇE"), "butce");
        assert_eq!(fold("Hedefe Etkisi (%)"), "hedefeetkisi");
        assert_eq!(fold("İŞBİRLİĞİ"), "isbirligi");
        assert_eq!(fold("Işık"), "isik");
        assert_eq!(fold("Artış/Azalış"), "artisazalis");
        // Decomposed input folds the same as composed input.
        assert_eq!(fold("Go\u{308}stergeler"), "gostergeler");
    }

    #[test]
    fn turkish_case() {
        assert_eq!(upper_tr("istanbul ılıca"), "İSTANBUL ILICA");
        assert_eq!(lower_tr("İSTANBUL ILICA"), "istanbul ılıca");
        assert_eq!(upper_tr("çağ şöğüt"), "ÇAĞ ŞÖĞÜT");
    }

    fn num(s: &str) -> Option<(f64, bool)> {
        parse_number(s).map(|n| (n.value, n.ambiguous))
    }

    #[test]
    fn reads_turkish_number_text() {
        assert_eq!(num("1.234,5"), Some((1234.5, false)));
        assert_eq!(num("1234,5"), Some((1234.5, false)));
        assert_eq!(num("%45"), Some((45.0, false)));
        assert_eq!(num("45%"), Some((45.0, false)));
        assert_eq!(num("% 45"), Some((45.0, false)));
        assert_eq!(num("1.234.567"), Some((1234567.0, false)));
        assert_eq!(num("27.122"), Some((27122.0, true)));
        assert_eq!(num("1234.5"), Some((1234.5, false)));
        assert_eq!(num("12.3456"), Some((12.3456, false)));
        assert_eq!(num("0.500"), Some((0.5, false)));
        assert_eq!(num("-1.234,5"), Some((-1234.5, false)));
        assert_eq!(num(" 42 "), Some((42.0, false)));
        assert_eq!(num("1 234 567"), Some((1234567.0, false)));
        assert_eq!(num("1.500.000 TL"), Some((1500000.0, false)));
        assert_eq!(num(",5"), Some((0.5, false)));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in [
            "1.000 m³",
            "yok",
            "-",
            "",
            "1,2,3",
            "1.23,4",
            "12 34",
            "abc",
            "1.2.3",
            "NaN",
            "inf",
        ] {
            assert_eq!(parse_number(s), None, "{s:?}");
        }
    }

    #[test]
    fn normalises_codes() {
        assert_eq!(normalize_code("pg 1.2.3", "PG"), "PG1.2.3");
        assert_eq!(normalize_code("1.2.3", "PG"), "PG1.2.3");
        assert_eq!(normalize_code("h1.2", "H"), "H1.2");
        assert_eq!(normalize_code("a1", "A"), "A1");
        assert_eq!(normalize_code("PG1.2.3", "PG"), "PG1.2.3");
        assert_eq!(normalize_code("1.2.3", "F"), "F1.2.3");
    }

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 5), "F7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(1048575, 16383), "XFD1048576");
    }
}
