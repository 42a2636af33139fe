//! Turkish formatting of numbers, money, percentages, dates and letter case.
//!
//! Pure functions: the template filters wrap them, and any other part of kitap (the check
//! report, the amendments annex) can call them so that a number reads the same everywhere.
//!
//! Rounding is decimal and half away from zero on the shortest decimal form of the value, the
//! form a person typed into the workbook: `1.005` rounds to `1,01`, `77.25` to `77,3`.

/// What an empty value prints as: an em dash.
pub const EMPTY: &str = "—";

/// The most decimals [`number`] prints.
pub const MAX_DECIMALS: u32 = 20;

/// The Turkish month names, January first.
pub const MONTHS: [&str; 12] = [
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
    "Kasım", "Aralık",
];

/// A number in Turkish format: `.` groups thousands, `,` separates decimals.
///
/// With `decimals: Some(n)` the number is rounded to exactly `n` decimals
/// (`number(1234567.891, Some(2))` → `1.234.567,89`). With `None` it shows what it needs, up to
/// two decimals: `1234567.0` → `1.234.567`, `1234.5` → `1.234,5`, `0.125` → `0,13`.
/// A value that is not finite prints as [`EMPTY`]. More than [`MAX_DECIMALS`] decimals are
/// not shown.
pub fn number(value: f64, decimals: Option<u32>) -> String {
    let decimals = decimals.map(|d| d.min(MAX_DECIMALS));
    let Some(rounded) = Rounded::new(value, decimals.unwrap_or(2)) else {
        return EMPTY.to_string();
    };
    let mut frac = rounded.frac;
    if decimals.is_none() {
        while frac.ends_with('0') {
            frac.pop();
        }
    }
    let mut out = String::with_capacity(rounded.int.len() + frac.len() + 8);
    if rounded.negative {
        out.push('-');
    }
    out.push_str(&group_thousands(&rounded.int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(&frac);
    }
    out
}

/// An integer in Turkish format: `1234567` → `1.234.567`, `-1234` → `-1.234`.
pub fn integer(value: i128) -> String {
    let digits = value.unsigned_abs().to_string();
    let grouped = group_thousands(&digits);
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// An amount of Turkish lira, always with two decimals: `1234567.891` → `1.234.567,89 TL`.
pub fn money(value: f64) -> String {
    if !value.is_finite() {
        return EMPTY.to_string();
    }
    format!("{} TL", number(value, Some(2)))
}

/// A percentage with one decimal and the sign in front, as Turkish writes it: `77.45` → `%77,5`.
///
/// The value is already a percentage (77.45 means 77.45 %). A negative value keeps its minus
/// after the sign: `-5` → `%-5,0`.
pub fn percent(value: f64) -> String {
    if !value.is_finite() {
        return EMPTY.to_string();
    }
    format!("%{}", ratio(value))
}

/// A rate with one decimal and no percent sign: `77.45` → `77,5`.
pub fn ratio(value: f64) -> String {
    number(value, Some(1))
}

/// A value as a message names it: Turkish style, up to four decimals, no trailing zeros:
/// 1250000 → `1.250.000`, 0.45 → `0,45`, 1234.5 → `1.234,5`.
pub fn plain_number(x: f64) -> String {
    let s = number(x, Some(4));
    match s.split_once(',') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int},{frac}")
            }
        }
        None => s,
    }
}

/// A calendar date read from `YYYY-MM-DD` (anything after the tenth character, such as a time,
/// is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Reads `2025-10-21` or `2025-10-21T00:00:00`; `None` when it is not a real date.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let head = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return None;
        }
        let bytes = head.as_bytes();
        if !head.is_ascii() || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |s: &str| -> Option<u32> {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let year = digits(&head[..4])?;
        let month = digits(&head[5..7])?;
        let day = digits(&head[8..10])?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year: year as i32,
            month,
            day,
        })
    }

    /// `21.10.2025`
    pub fn short(&self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// `21 Ekim 2025`
    pub fn long(&self) -> String {
        let month = MONTHS
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        format!("{} {} {}", self.day, month, self.year)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A finite number rounded to a fixed count of decimals, as decimal digit strings.
struct Rounded {
    negative: bool,
    /// Integer digits, no leading zeros (at least `"0"`).
    int: String,
    /// Exactly `decimals` digits.
    frac: String,
}

impl Rounded {
    fn new(value: f64, decimals: u32) -> Option<Rounded> {
        if !value.is_finite() {
            return None;
        }
        // Display gives the shortest decimal that reads back as the same float, never an
        // exponent: the digits a person typed. For the few decimals books print, nine fixed
        // decimals first absorb the binary noise of computed values (a rate computed as
        // 77.44999999999999 is meant as 77.45 and prints 77,5).
        let text = if decimals < 9 {
            format!("{:.9}", value.abs())
        } else {
            format!("{}", value.abs())
        };
        let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
        let decimals = decimals as usize;
        let mut digits: Vec<u8> = int_part.bytes().map(|b| b - b'0').collect();
        let kept = frac_part.len().min(decimals);
        digits.extend(frac_part[..kept].bytes().map(|b| b - b'0'));
        digits.extend(std::iter::repeat_n(0, decimals - kept));
        let round_up = frac_part
            .as_bytes()
            .get(decimals)
            .is_some_and(|&b| b >= b'5');
        if round_up {
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let split = digits.len() - decimals;
        let to_string = |d: &[u8]| d.iter().map(|&d| char::from(b'0' + d)).collect::<String>();
        let mut int = to_string(&digits[..split]);
        let trimmed = int.trim_start_matches('0');
        int = if trimmed.is_empty() {
            "0".to_string()
        } else {
            trimmed.to_string()
        };
        let frac = to_string(&digits[split..]);
        let is_zero = digits.iter().all(|&d| d == 0);
        Some(Rounded {
            negative: value.is_sign_negative() && !is_zero,
            int,
            frac,
        })
    }
}

/// `1234567` → `1.234.567` (digits only).
fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_with_dots() {
        assert_eq!(number(1234567.0, None), "1.234.567");
        assert_eq!(number(0.0, None), "0");
        assert_eq!(number(999.0, None), "999");
        assert_eq!(number(1000.0, None), "1.000");
        assert_eq!(number(-1234.0, None), "-1.234");
        assert_eq!(number(1234.5, None), "1.234,5");
        assert_eq!(number(0.125, None), "0,13");
        assert_eq!(number(2.0 / 3.0, None), "0,67");
        assert_eq!(integer(1234567), "1.234.567");
        assert_eq!(integer(-1234), "-1.234");
        assert_eq!(integer(0), "0");
    }

    #[test]
    fn numbers_with_fixed_decimals_round_half_away_from_zero() {
        assert_eq!(number(1234567.891, Some(2)), "1.234.567,89");
        assert_eq!(number(1234567.0, Some(2)), "1.234.567,00");
        assert_eq!(number(1.005, Some(2)), "1,01");
        assert_eq!(number(-1.005, Some(2)), "-1,01");
        assert_eq!(number(999.995, Some(2)), "1.000,00");
        assert_eq!(number(9.5, Some(0)), "10");
        assert_eq!(number(-0.04, Some(1)), "0,0");
        assert_eq!(number(1e-7, Some(2)), "0,00");
        assert_eq!(number(1e21, Some(0)), "1.000.000.000.000.000.000.000");
        assert_eq!(number(f64::NAN, Some(2)), EMPTY);
        assert_eq!(
            number(0.5, Some(u32::MAX)),
            format!("0,5{}", "0".repeat(19))
        );
        assert_eq!(number(f64::INFINITY, None), EMPTY);
    }

    #[test]
    fn money_and_percentages() {
        assert_eq!(money(1234567.891), "1.234.567,89 TL");
        assert_eq!(money(0.0), "0,00 TL");
        assert_eq!(money(-1500.5), "-1.500,50 TL");
        assert_eq!(percent(77.45), "%77,5");
        assert_eq!(percent(77.25), "%77,3");
        assert_eq!(percent(0.05), "%0,1");
        assert_eq!(percent(100.0), "%100,0");
        assert_eq!(percent(-5.0), "%-5,0");
        assert_eq!(percent(1234.56), "%1.234,6");
        assert_eq!(ratio(77.45), "77,5");
        assert_eq!(ratio(77.25), "77,3");
    }

    #[test]
    fn turkish_case() {
        assert_eq!(crate::text::upper_tr("istanbul ılıca"), "İSTANBUL ILICA");
        assert_eq!(
            crate::text::upper_tr("çağrı şükrü öğün"),
            "ÇAĞRI ŞÜKRÜ ÖĞÜN"
        );
        assert_eq!(crate::text::lower_tr("IĞDIR İLİ"), "ığdır ili");
        assert_eq!(crate::text::lower_tr("İSTANBUL ILICA"), "istanbul ılıca");
    }

    #[test]
    fn plain_numbers_drop_trailing_zeros() {
        assert_eq!(plain_number(1_250_000.0), "1.250.000");
        assert_eq!(plain_number(0.45), "0,45");
        assert_eq!(plain_number(1234.5), "1.234,5");
        assert_eq!(plain_number(-3.0), "-3");
    }

    #[test]
    fn dates() {
        let d = Date::parse("2025-10-21").unwrap();
        assert_eq!(d.short(), "21.10.2025");
        assert_eq!(d.long(), "21 Ekim 2025");
        assert_eq!(
            Date::parse("2024-02-29T00:00:00").unwrap().long(),
            "29 Şubat 2024"
        );
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2025-13-01"), None);
        assert_eq!(Date::parse("21.10.2025"), None);
        assert_eq!(Date::parse("2025-1-021"), None);
        assert_eq!(Date::parse("ÇÇÇÇÇÇ"), None);
    }
}
