//! How a template value becomes Typst source: the one place that decides it.
//!
//! Every `{{ value }}` in a `*.typ.j2` template renders as a Typst *expression*, never as markup:
//!
//! | value | Typst |
//! |---|---|
//! | string | a string literal `"…"` (`\\`, `\"`, `\n`, `\r`, `\t`, `\u{..}` escapes) |
//! | integer, float | a number literal (`42`, `(-5)`, `1.5`, `1e300`); NaN and infinities → `none` |
//! | bool | `true` / `false` |
//! | none, undefined | `none` |
//! | sequence | an array `(a, b,)`, `(a,)`, `()` |
//! | map | a dictionary `("key": value,)`, `(:)` |
//!
//! So data can only ever be data: a workbook cell holding `#read("/etc/passwd")` prints those
//! characters. Templates place values in code position (`#kart(ad: {{ h.ad }})`) or, in markup,
//! as `#{{ x }};` / `#text({{ x }})`. Negative numbers are wrapped in parentheses so that `#{{ x }}`
//! stays a valid embedded expression in markup too.
//!
//! `|safe` bypasses this and writes the string as it is; templates must keep it for Typst they
//! build themselves, never for data.

use std::borrow::Cow;
use std::fmt::Write as _;

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Error, ErrorKind, Output, State, Value};

use crate::printable::Printable;

/// The name of the custom auto-escape mode for Typst templates.
pub const TYPST: &str = "typst";

/// The auto-escape mode for a template name: Typst escaping for every `*.typ.j2` template,
/// HTML escaping for `*.html.j2` and `*.html`, none for anything else.
pub fn auto_escape_for(name: &str) -> AutoEscape {
    if name.ends_with(".typ.j2") {
        AutoEscape::Custom(Cow::Borrowed(TYPST))
    } else if name.ends_with(".html.j2") || name.ends_with(".html") {
        AutoEscape::Html
    } else {
        AutoEscape::None
    }
}

/// The environment's formatter: Typst expressions in Typst templates, every string made
/// printable by `printable` first ([`crate::printable`]); minijinja's own escaping everywhere
/// else.
pub fn formatter(
    out: &mut Output,
    state: &mut State,
    value: &Value,
    printable: &Printable,
) -> Result<(), Error> {
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == TYPST => {
            if value.is_safe() {
                // `|safe` and the output of macros: already Typst.
                return out
                    .write_str(value.as_str().unwrap_or_default())
                    .map_err(write_error);
            }
            let mut text = String::new();
            write_value(&mut text, value, 0, Some(printable))?;
            out.write_str(&text).map_err(write_error)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

fn write_error(_: std::fmt::Error) -> Error {
    Error::new(
        ErrorKind::WriteFailure,
        "could not write the template output",
    )
}

/// A template value as one Typst expression (see the module documentation), strings exactly
/// as they are (the template formatter also makes them printable).
pub fn to_typst(value: &Value) -> Result<String, Error> {
    let mut out = String::new();
    write_value(&mut out, value, 0, None)?;
    Ok(out)
}

/// A Typst string literal whose value is exactly `text`.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(&mut out, text);
    out
}

/// A Typst number literal for a float; `none` when it is NaN or infinite.
pub fn typst_float(value: f64) -> String {
    if !value.is_finite() {
        return "none".to_string();
    }
    // Debug keeps a `.0` or an exponent, so the literal stays a float in Typst.
    if value.is_sign_negative() {
        format!("(-{:?})", -value)
    } else {
        format!("{value:?}")
    }
}

/// A Typst number literal for an integer; integers beyond Typst's 64 bits become floats.
pub fn typst_int(value: i128) -> String {
    match i64::try_from(value) {
        Ok(i64::MIN) => "(-9223372036854775807 - 1)".to_string(),
        Ok(v) if v < 0 => format!("(-{})", v.unsigned_abs()),
        Ok(v) => v.to_string(),
        Err(_) => typst_float(value as f64),
    }
}

/// Nesting deeper than this is refused: Typst's parser stops at 256 levels.
const MAX_DEPTH: usize = 200;

fn write_value(
    out: &mut String,
    value: &Value,
    depth: usize,
    printable: Option<&Printable>,
) -> Result<(), Error> {
    let write_text = |out: &mut String, text: &str| match printable {
        Some(p) => write_string(out, &p.clean(text).text),
        None => write_string(out, text),
    };
    if depth > MAX_DEPTH {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "value nested too deeply for Typst",
        ));
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if value.is_integer() {
                match i128::try_from(value.clone()) {
                    Ok(v) => out.push_str(&typst_int(v)),
                    // Only a u128 beyond i128 gets here.
                    Err(_) => out.push_str(&typst_float(f64::try_from(value.clone())?)),
                }
            } else {
                out.push_str(&typst_float(f64::try_from(value.clone())?));
            }
        }
        ValueKind::String => write_text(out, value.as_str().unwrap_or_default()),
        ValueKind::Bytes => {
            let bytes = value.as_bytes().unwrap_or_default();
            write_text(out, &String::from_utf8_lossy(bytes));
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                write_value(out, &item, depth + 1, printable)?;
                out.push_str(", ");
            }
            if out.ends_with(", ") {
                out.truncate(out.len() - 1);
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut empty = true;
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                match key.as_str() {
                    Some(k) => write_string(out, k),
                    None => write_string(out, &key.to_string()),
                }
                out.push_str(": ");
                write_value(out, &item, depth + 1, printable)?;
                out.push_str(", ");
                empty = false;
            }
            if empty {
                out.push(':');
            } else {
                out.truncate(out.len() - 1);
            }
            out.push(')');
        }
        ValueKind::Invalid => {
            return Err(Error::new(ErrorKind::InvalidOperation, value.to_string()));
        }
        // Plain objects and future kinds: their text, as a string.
        _ => write_text(out, &value.to_string()),
    }
    Ok(())
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters, and the Unicode line and paragraph separators, which
            // would otherwise break the line of the generated source.
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_literals() {
        assert_eq!(typst_string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(typst_string("\u{7}"), r#""\u{7}""#);
        assert_eq!(typst_string("#read(\"x\")"), r##""#read(\"x\")""##);
        assert_eq!(typst_string(""), r#""""#);
    }

    #[test]
    fn values_become_expressions() {
        let v = |x: Value| to_typst(&x).unwrap();
        assert_eq!(v(Value::from(42)), "42");
        assert_eq!(v(Value::from(-5)), "(-5)");
        assert_eq!(v(Value::from(1.5)), "1.5");
        assert_eq!(v(Value::from(5.0)), "5.0");
        assert_eq!(v(Value::from(-0.25)), "(-0.25)");
        assert_eq!(v(Value::from(1e300)), "1e300");
        assert_eq!(v(Value::from(f64::NAN)), "none");
        assert_eq!(v(Value::from(f64::NEG_INFINITY)), "none");
        assert_eq!(v(Value::from(i64::MIN)), "(-9223372036854775807 - 1)");
        assert_eq!(v(Value::from(u64::MAX)), "1.8446744073709552e19");
        assert_eq!(v(Value::from(true)), "true");
        assert_eq!(v(Value::from(())), "none");
        assert_eq!(v(Value::UNDEFINED), "none");
        assert_eq!(v(Value::from(Vec::<i32>::new())), "()");
        assert_eq!(v(Value::from(vec![1])), "(1,)");
        assert_eq!(v(Value::from(vec!["a", "b"])), r#"("a", "b",)"#);
        let empty: std::collections::BTreeMap<String, i32> = Default::default();
        assert_eq!(v(Value::from(empty)), "(:)");
        let map: std::collections::BTreeMap<&str, Value> =
            [("ad", Value::from("x")), ("n", Value::from(vec![2025]))].into();
        assert_eq!(v(Value::from(map)), r#"("ad": "x", "n": (2025,),)"#);
        let int_keys: std::collections::BTreeMap<i32, i32> = [(2025, 1)].into();
        let int_keys = Value::from(minijinja::value::Serde(int_keys));
        assert_eq!(v(int_keys), r#"("2025": 1,)"#);
    }
}
