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

/// A rate as [`ratio`] prints it, as a number: `77.45` → `77.5`, `99.96` → `100.0`. Thresholds
/// compare this value so that a word beside a printed rate never contradicts it; NaN for a
/// value that is not finite.
pub fn rounded_ratio(value: f64) -> f64 {
    match Rounded::new(value, 1) {
        Some(r) => {
            let text = format!("{}{}.{}", if r.negative { "-" } else { "" }, r.int, r.frac);
            text.parse().unwrap_or(f64::NAN)
        }
        None => f64::NAN,
    }
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

/// kitap's one calendar date type: a real date of the Gregorian calendar (never `2025-02-31`),
/// from the maintained `jiff` crate. Everything that reads or prints a date goes through the
/// functions below.
pub use jiff::civil::Date;

/// The years a date written by a person may have (a decision, a workbook's date).
pub const DATE_YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not written as `2025-10-21` or `21.10.2025`.
    Form,
    /// The year is outside [`DATE_YEARS`].
    Year(i64),
    /// The month is not 1–12.
    Month(i64),
    /// The month has no such day: `2025-02-31`.
    Day { year: i16, month: i8, day: i64 },
}

impl DateError {
    /// What is wrong, in Turkish, for a message that has already quoted the text.
    pub fn reason(&self) -> String {
        match *self {
            DateError::Form => "tarih YYYY-AA-GG ya da GG.AA.YYYY biçiminde değil".to_string(),
            DateError::Year(y) => format!(
                "yıl {} ile {} arasında olmalı, {y} yazılmış",
                DATE_YEARS.start(),
                DATE_YEARS.end()
            ),
            DateError::Month(m) => format!("ay 1 ile 12 arasında olmalı, {m} yazılmış"),
            DateError::Day { year, month, day } => {
                let days = Date::new(year, month, 1).map_or(31, |d| d.days_in_month());
                format!(
                    "{} {year} {days} gün çeker, {day}. gün yok",
                    month_name(month)
                )
            }
        }
    }
}

/// The Turkish name of a month (1 = Ocak); empty for anything else.
pub fn month_name(month: i8) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

/// Reads `2025-10-21` (exactly four, two and two digits), or the same followed by a time
/// (`2025-10-21T00:00:00`, `2025-10-21 12:00`, which is ignored); `None` when it is not a real
/// date.
pub fn iso_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let head = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    let bytes = head.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| head[range].parse::<i16>().ok())
            .flatten()
    };
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Reads a date as a person writes it in a YAML file: `2025-10-21` or the Turkish
/// `21.10.2025` (`-`, `.` or `/` between the parts; one-digit days and months are fine), with
/// a year in [`DATE_YEARS`].
pub fn read_date(text: &str) -> Result<Date, DateError> {
    let parts: Vec<&str> = text.trim().split(['-', '.', '/']).map(str::trim).collect();
    let [a, b, c] = parts[..] else {
        return Err(DateError::Form);
    };
    let number = |s: &str| -> Result<i64, DateError> {
        if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::Form);
        }
        s.parse().map_err(|_| DateError::Form)
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else {
        (number(c)?, number(b)?, number(a)?)
    };
    let year = i16::try_from(year)
        .ok()
        .filter(|y| DATE_YEARS.contains(y))
        .ok_or(DateError::Year(year))?;
    let month = i8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or(DateError::Month(month))?;
    i8::try_from(day)
        .ok()
        .and_then(|d| Date::new(year, month, d).ok())
        .ok_or(DateError::Day { year, month, day })
}

/// The date of an Excel serial day number (the 1900 date system, where day 0 is 1899-12-30
/// and the time of day is the fraction); `None` outside the years a date can have (1–9999).
pub fn excel_date(serial: f64) -> Option<Date> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    Date::new(1899, 12, 30)
        .ok()?
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// `21.10.2025`
pub fn short_date(date: Date) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

/// `21 Ekim 2025`
pub fn long_date(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
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
    fn rounded_ratio_is_the_printed_rate() {
        assert_eq!(rounded_ratio(99.96), 100.0);
        assert_eq!(rounded_ratio(74.94), 74.9);
        assert_eq!(rounded_ratio(77.44999999999999), 77.5);
        assert_eq!(rounded_ratio(-12.25), -12.3);
        assert!(rounded_ratio(f64::NAN).is_nan());
    }

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
        let d = iso_date("2025-10-21").unwrap();
        assert_eq!(short_date(d), "21.10.2025");
        assert_eq!(long_date(d), "21 Ekim 2025");
        assert_eq!(
            iso_date("2024-02-29T00:00:00").map(long_date).as_deref(),
            Some("29 Şubat 2024")
        );
        assert_eq!(long_date(iso_date("2025-01-05").unwrap()), "5 Ocak 2025");
        assert_eq!(short_date(iso_date("0999-01-05").unwrap()), "05.01.0999");
        assert_eq!(iso_date("2025-02-29"), None);
        assert_eq!(iso_date("2025-02-31"), None);
        assert_eq!(iso_date("2025-13-01"), None);
        assert_eq!(iso_date("2025-00-10"), None);
        assert_eq!(iso_date("21.10.2025"), None);
        assert_eq!(iso_date("2025-1-021"), None);
        assert_eq!(iso_date("+025-10-21"), None);
        assert_eq!(iso_date("2025-10-21x"), None);
        assert_eq!(iso_date("ÇÇÇÇÇÇ"), None);
    }

    #[test]
    fn dates_as_people_write_them() {
        let ok = |t: &str| read_date(t).map(short_date);
        assert_eq!(ok("2025-10-21").as_deref(), Ok("21.10.2025"));
        assert_eq!(ok("21.10.2025").as_deref(), Ok("21.10.2025"));
        assert_eq!(ok(" 1/3/2025 ").as_deref(), Ok("01.03.2025"));
        assert_eq!(ok("2024-02-29").as_deref(), Ok("29.02.2024"));
        assert_eq!(
            read_date("2025-02-31"),
            Err(DateError::Day {
                year: 2025,
                month: 2,
                day: 31
            })
        );
        assert_eq!(
            read_date("2025-02-31").unwrap_err().reason(),
            "Şubat 2025 28 gün çeker, 31. gün yok"
        );
        assert_eq!(read_date("2025-13-01"), Err(DateError::Month(13)));
        assert_eq!(
            read_date("2025-04-00"),
            Err(DateError::Day {
                year: 2025,
                month: 4,
                day: 0
            })
        );
        assert_eq!(
            read_date("31.04.2025").unwrap_err().reason(),
            "Nisan 2025 30 gün çeker, 31. gün yok"
        );
        assert_eq!(read_date("1899-12-31"), Err(DateError::Year(1899)));
        assert_eq!(read_date("2025-10-999999999999"), Err(DateError::Form));
        assert_eq!(read_date("dün"), Err(DateError::Form));
        assert_eq!(read_date("2025-10"), Err(DateError::Form));
        assert_eq!(read_date("2025-+1-10"), Err(DateError::Form));
    }

    #[test]
    fn excel_serial_days() {
        let iso = |s: f64| excel_date(s).map(|d| d.to_string());
        assert_eq!(iso(45_951.0).as_deref(), Some("2025-10-21"));
        assert_eq!(iso(45_951.75).as_deref(), Some("2025-10-21"));
        assert_eq!(iso(1.0).as_deref(), Some("1899-12-31"));
        assert_eq!(iso(0.0).as_deref(), Some("1899-12-30"));
        assert_eq!(iso(2_958_465.0).as_deref(), Some("9999-12-31"));
        assert_eq!(iso(2_958_466.0), None);
        assert_eq!(iso(-1.0), None);
        assert_eq!(iso(f64::NAN), None);
    }
}
