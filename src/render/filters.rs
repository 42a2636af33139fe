//! The template filters: thin wrappers around [`super::format`].
//!
//! | filter | input | output |
//! |---|---|---|
//! | `sayi`, `sayi(2)` | number | `1.234.567`, `1.234.567,89` |
//! | `tl` | number | `1.234.567,89 TL` |
//! | `yuzde` | number (a percentage) | `%77,5` |
//! | `oran` | number (a percentage) | `77,5` |
//! | `buyuk`, `kucuk` | string | Turkish upper / lower case |
//! | `tarih`, `tarih("uzun")` | `YYYY-MM-DD` | `21.10.2025`, `21 Ekim 2025` |
//!
//! An empty value (none, undefined, an empty string) prints as `—`; every number and date
//! filter takes `bos="…"` to print something else, e.g. `{{ x|yuzde(bos="veri yok") }}`.

use minijinja::value::{Kwargs, ValueKind};
use minijinja::{Environment, Error, ErrorKind, Value};

use crate::text::format::{self, EMPTY};

/// Registers every filter on `env`.
pub fn register(env: &mut Environment<'_>) {
    env.add_filter("sayi", sayi);
    env.add_filter("tl", tl);
    env.add_filter("yuzde", yuzde);
    env.add_filter("oran", oran);
    env.add_filter("buyuk", buyuk);
    env.add_filter("kucuk", kucuk);
    env.add_filter("tarih", tarih);
}

/// `{{ x|sayi }}`, `{{ x|sayi(2) }}`: a Turkish number.
pub fn sayi(value: &Value, decimals: Option<u32>, kwargs: Kwargs) -> Result<String, Error> {
    if let Some(d) = decimals {
        if d > format::MAX_DECIMALS {
            return Err(invalid(format!(
                "sayi: ondalık basamak sayısı en çok {} olabilir, {d} verildi",
                format::MAX_DECIMALS
            )));
        }
    }
    number_filter("sayi", value, kwargs, |n| match n {
        Num::Int(i) if decimals.is_none() => format::integer(i),
        Num::Int(i) => format::number(i as f64, decimals),
        Num::Float(f) => format::number(f, decimals),
    })
}

/// `{{ x|tl }}`: an amount in Turkish lira with two decimals.
pub fn tl(value: &Value, kwargs: Kwargs) -> Result<String, Error> {
    number_filter("tl", value, kwargs, |n| format::money(n.as_f64()))
}

/// `{{ x|yuzde }}`: `%77,5`.
pub fn yuzde(value: &Value, kwargs: Kwargs) -> Result<String, Error> {
    number_filter("yuzde", value, kwargs, |n| format::percent(n.as_f64()))
}

/// `{{ x|oran }}`: `77,5`.
pub fn oran(value: &Value, kwargs: Kwargs) -> Result<String, Error> {
    number_filter("oran", value, kwargs, |n| format::ratio(n.as_f64()))
}

/// `{{ x|buyuk }}`: Turkish upper case (`i` → `İ`, `ı` → `I`). None stays none.
pub fn buyuk(value: &Value) -> Result<Value, Error> {
    case_filter("buyuk", value, crate::text::upper_tr)
}

/// `{{ x|kucuk }}`: Turkish lower case (`I` → `ı`, `İ` → `i`). None stays none.
pub fn kucuk(value: &Value) -> Result<Value, Error> {
    case_filter("kucuk", value, crate::text::lower_tr)
}

/// `{{ d|tarih }}` → `21.10.2025`; `{{ d|tarih("uzun") }}` → `21 Ekim 2025`.
pub fn tarih(value: &Value, style: Option<&str>, kwargs: Kwargs) -> Result<String, Error> {
    let empty = empty_text(&kwargs)?;
    kwargs.assert_all_used()?;
    let long = match style {
        None | Some("kisa") | Some("kısa") => false,
        Some("uzun") => true,
        Some(other) => {
            return Err(invalid(format!(
                "tarih: biçim \"kisa\" ya da \"uzun\" olmalı, \"{other}\" verildi"
            )))
        }
    };
    if is_empty(value) {
        return Ok(empty);
    }
    let text = value.as_str().ok_or_else(|| {
        invalid(format!(
            "tarih: YYYY-AA-GG biçiminde bir tarih bekleniyordu, {} geldi",
            kind_tr(value)
        ))
    })?;
    let date = format::iso_date(text).ok_or_else(|| {
        invalid(format!(
            "tarih: \"{text}\" YYYY-AA-GG biçiminde geçerli bir tarih değil"
        ))
    })?;
    Ok(if long {
        format::long_date(date)
    } else {
        format::short_date(date)
    })
}

#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

fn number_filter(
    name: &str,
    value: &Value,
    kwargs: Kwargs,
    format: impl FnOnce(Num) -> String,
) -> Result<String, Error> {
    let empty = empty_text(&kwargs)?;
    kwargs.assert_all_used()?;
    if is_empty(value) {
        return Ok(empty);
    }
    if value.kind() != ValueKind::Number {
        return Err(invalid(format!(
            "{name}: sayı bekleniyordu, {} geldi",
            kind_tr(value)
        )));
    }
    let num = if value.is_integer() {
        match i128::try_from(value.clone()) {
            Ok(i) => Num::Int(i),
            Err(_) => Num::Float(f64::try_from(value.clone())?),
        }
    } else {
        Num::Float(f64::try_from(value.clone())?)
    };
    if let Num::Float(f) = num {
        if !f.is_finite() {
            return Ok(empty);
        }
    }
    Ok(format(num))
}

fn case_filter(name: &str, value: &Value, convert: fn(&str) -> String) -> Result<Value, Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(Value::from(()));
    }
    match value.as_str() {
        Some(text) => Ok(Value::from(convert(text))),
        None => Err(invalid(format!(
            "{name}: metin bekleniyordu, {} geldi",
            kind_tr(value)
        ))),
    }
}

fn empty_text(kwargs: &Kwargs) -> Result<String, Error> {
    Ok(kwargs
        .get::<Option<String>>("bos")?
        .unwrap_or_else(|| EMPTY.to_string()))
}

fn is_empty(value: &Value) -> bool {
    value.is_none() || value.is_undefined() || value.as_str().is_some_and(|s| s.trim().is_empty())
}

fn kind_tr(value: &Value) -> String {
    match value.kind() {
        ValueKind::String => format!("metin \"{}\"", value.as_str().unwrap_or_default()),
        ValueKind::Bool => format!("mantıksal değer {value}"),
        ValueKind::Seq | ValueKind::Iterable => "liste".to_string(),
        ValueKind::Map => "sözlük".to_string(),
        ValueKind::Number => format!("sayı {value}"),
        _ => format!("{}", value.kind()),
    }
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, message)
}

#[cfg(test)]
mod tests {
    use minijinja::{context, Environment};

    fn render(template: &str, ctx: minijinja::Value) -> String {
        let mut env = Environment::new();
        super::register(&mut env);
        match env.render_str(template, ctx) {
            Ok(s) => s,
            Err(e) => format!("HATA: {e}"),
        }
    }

    #[test]
    fn number_filters_give_turkish_numbers() {
        let ctx = context! { a => 1234567, b => 1234567.891, n => -1234, f => 1234567.0 };
        assert_eq!(render("{{ a|sayi }}", ctx.clone()), "1.234.567");
        assert_eq!(render("{{ f|sayi }}", ctx.clone()), "1.234.567");
        assert_eq!(render("{{ b|sayi(2) }}", ctx.clone()), "1.234.567,89");
        assert_eq!(render("{{ a|sayi(2) }}", ctx.clone()), "1.234.567,00");
        assert_eq!(render("{{ n|sayi }}", ctx.clone()), "-1.234");
        assert_eq!(render("{{ b|tl }}", ctx.clone()), "1.234.567,89 TL");
        assert_eq!(render("{{ a|tl }}", ctx.clone()), "1.234.567,00 TL");
    }

    #[test]
    fn percent_filters_round_half_away_from_zero() {
        let ctx = context! { a => 77.45, b => 77.25, c => 0.05, d => 100 };
        assert_eq!(render("{{ a|yuzde }}", ctx.clone()), "%77,5");
        assert_eq!(render("{{ b|yuzde }}", ctx.clone()), "%77,3");
        assert_eq!(render("{{ c|yuzde }}", ctx.clone()), "%0,1");
        assert_eq!(render("{{ d|yuzde }}", ctx.clone()), "%100,0");
        assert_eq!(render("{{ a|oran }}", ctx.clone()), "77,5");
        assert_eq!(render("{{ b|oran }}", ctx.clone()), "77,3");
    }

    #[test]
    fn empty_values_print_a_dash_or_the_given_text() {
        let ctx = context! { z => (), s => "" };
        for f in ["sayi", "sayi(2)", "tl", "yuzde", "oran", "tarih"] {
            assert_eq!(render(&format!("{{{{ z|{f} }}}}"), ctx.clone()), "—", "{f}");
            assert_eq!(render(&format!("{{{{ s|{f} }}}}"), ctx.clone()), "—", "{f}");
            assert_eq!(
                render(&format!("{{{{ nope|{f} }}}}"), ctx.clone()),
                "—",
                "{f}"
            );
        }
        assert_eq!(
            render("{{ z|yuzde(bos=\"veri yok\") }}", ctx.clone()),
            "veri yok"
        );
        assert_eq!(render("{{ z|sayi(2, bos=\"\") }}", ctx), "");
    }

    #[test]
    fn number_filters_refuse_text_with_a_turkish_message() {
        let out = render("{{ x|sayi }}", context! { x => "12a" });
        assert!(out.starts_with("HATA"), "{out}");
        assert!(
            out.contains("sayi: sayı bekleniyordu, metin \"12a\" geldi"),
            "{out}"
        );
    }

    #[test]
    fn case_filters_follow_turkish_rules() {
        let ctx = context! { s => "istanbul ılıca", u => "IĞDIR İLİ" };
        assert_eq!(render("{{ s|buyuk }}", ctx.clone()), "İSTANBUL ILICA");
        assert_eq!(render("{{ u|kucuk }}", ctx.clone()), "ığdır ili");
    }

    #[test]
    fn dates_in_short_and_long_form() {
        let ctx = context! { d => "2025-10-21", bad => "21/10/2025" };
        assert_eq!(render("{{ d|tarih }}", ctx.clone()), "21.10.2025");
        assert_eq!(
            render("{{ d|tarih(\"uzun\") }}", ctx.clone()),
            "21 Ekim 2025"
        );
        let out = render("{{ bad|tarih }}", ctx);
        assert!(out.contains("geçerli bir tarih değil"), "{out}");
    }
}
