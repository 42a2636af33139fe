//! Where a line of a generated Typst source comes from: a template file and line.
//!
//! minijinja keeps no source map, so a book can be rendered a second time, *traced*: every
//! template is loaded with a marker at the end of each of its text lines
//! (`\u{1}partials/hedef-karti.typ.j2:12\u{2}`), and each generated line then carries the
//! markers of the template lines that wrote it, the innermost (a partial's) first. Markers are
//! control characters, which the Typst escape never writes raw, so data cannot forge one.
//!
//! A marker goes only where it cannot change the output's lines: not inside a tag, an
//! expression or a comment, and not on a line that ends with a tag whose trimming would eat the
//! newline (`%}`, `#}`, `-}}`). The traced output with its markers removed must equal the clean
//! source, else no map is made: a wrong answer is worse than none.
//!
//! Only a book that failed to typeset is rendered traced; the clean render, which is compiled
//! and written to `kaynak/`, never sees a marker.

use std::fmt;

/// Opens a marker; the template name, `:`, the 1-based line and [`MARK_END`] follow.
const MARK_START: char = '\u{1}';
const MARK_END: char = '\u{2}';

/// A line of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateLine {
    /// The template's name under `report-templates/`: `partials/hedef-karti.typ.j2`.
    pub template: String,
    /// 1-based.
    pub line: usize,
}

impl fmt::Display for TemplateLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, satır {}", self.template, self.line)
    }
}

/// What the scanner is inside of.
#[derive(Clone, Copy, PartialEq)]
enum State {
    Text,
    /// `{{ … }}`, `{% … %}`, `{# … #}`: the closing delimiter.
    Tag(&'static str),
    /// A string literal inside a tag, with its quote.
    Quoted(&'static str, char),
    /// Between `{% raw %}` and `{% endraw %}`: text, whatever it looks like.
    Raw,
}

/// The template source with a marker before the end of every text line that may carry one.
pub fn instrument(name: &str, source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut state = State::Text;
    let mut line = 1;
    let mut line_start = 0;
    let mut chars = source.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &source[i..];
        if c == '\n' {
            let text = source[line_start..i].trim_end_matches('\r');
            if matches!(state, State::Text | State::Raw) && may_carry_marker(text) {
                let at = out.len() - (source[line_start..i].len() - text.len());
                out.insert_str(at, &marker(name, line));
            }
            line += 1;
            line_start = i + 1;
            out.push(c);
            continue;
        }
        match state {
            State::Text => {
                state = match rest.get(..2) {
                    Some("{{") => State::Tag("}}"),
                    Some("{%") if is_tag(rest, "raw") => State::Tag("%}raw"),
                    Some("{%") => State::Tag("%}"),
                    Some("{#") => State::Tag("#}"),
                    _ => State::Text,
                };
                if state != State::Text {
                    out.push(c);
                    if let Some((_, next)) = chars.next() {
                        out.push(next);
                    }
                    continue;
                }
            }
            State::Raw => {
                if c == '{' && is_tag(rest, "endraw") {
                    state = State::Tag("%}");
                }
            }
            State::Tag(close) => {
                let delimiter = &close[..2];
                if rest.starts_with(delimiter) {
                    out.push(c);
                    if let Some((_, next)) = chars.next() {
                        out.push(next);
                    }
                    state = if close == "%}raw" {
                        State::Raw
                    } else {
                        State::Text
                    };
                    continue;
                }
                if (c == '"' || c == '\'') && delimiter != "#}" {
                    state = State::Quoted(close, c);
                }
            }
            State::Quoted(close, quote) => {
                if c == '\\' {
                    out.push(c);
                    if let Some((_, next)) = chars.next_if(|&(_, next)| next != '\n') {
                        out.push(next);
                    }
                    continue;
                }
                if c == quote {
                    state = State::Tag(close);
                }
            }
        }
        out.push(c);
    }
    let last = &source[line_start..];
    if matches!(state, State::Text | State::Raw) && !last.is_empty() && may_carry_marker(last) {
        out.push_str(&marker(name, line));
    }
    out
}

/// Whether `rest` opens a block tag `{% word …`, whitespace control allowed.
fn is_tag(rest: &str, word: &str) -> bool {
    rest.strip_prefix("{%")
        .map(|r| r.trim_start_matches(['-', '+']).trim_start())
        .is_some_and(|r| {
            r.strip_prefix(word)
                .is_some_and(|after| after.starts_with(|c: char| !c.is_alphanumeric() && c != '_'))
        })
}

/// A line may end with a marker unless a tag at its end trims the newline after it.
fn may_carry_marker(line: &str) -> bool {
    let end = line.trim_end();
    !(end.ends_with("%}") || end.ends_with("#}") || end.ends_with("-}}"))
}

fn marker(name: &str, line: usize) -> String {
    format!("{MARK_START}{name}:{line}{MARK_END}")
}

/// The text without its markers.
fn strip(traced: &str) -> String {
    let mut out = String::with_capacity(traced.len());
    let mut inside = false;
    for c in traced.chars() {
        match c {
            MARK_START => inside = true,
            MARK_END => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Generated lines mapped back to template lines.
#[derive(Debug, Clone)]
pub struct SourceMap {
    /// The traced output, one entry per generated line.
    lines: Vec<String>,
}

impl SourceMap {
    /// The map of a traced render, if it matches the clean source exactly.
    pub fn new(traced: &str, clean: &str) -> Option<SourceMap> {
        if strip(traced) != clean {
            return None;
        }
        Some(SourceMap {
            lines: traced.split('\n').map(str::to_string).collect(),
        })
    }

    /// The template line that wrote the character at a 1-based line and column (in
    /// characters) of the generated source: the first marker after it on its line, or the
    /// line's last marker for a column past its end.
    pub fn origin(&self, line: usize, column: usize) -> Option<TemplateLine> {
        let traced = self.lines.get(line.checked_sub(1)?)?;
        let target = column.saturating_sub(1);
        let mut clean_chars = 0;
        let mut last = None;
        let mut rest = traced.as_str();
        while let Some(start) = rest.find(MARK_START) {
            clean_chars += rest[..start].chars().count();
            let after = &rest[start + MARK_START.len_utf8()..];
            let end = after.find(MARK_END)?;
            let found = parse_marker(&after[..end]);
            if clean_chars > target && found.is_some() {
                return found;
            }
            last = found.or(last);
            rest = &after[end + MARK_END.len_utf8()..];
        }
        last
    }
}

fn parse_marker(text: &str) -> Option<TemplateLine> {
    let (template, line) = text.rsplit_once(':')?;
    Some(TemplateLine {
        template: template.to_string(),
        line: line.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(line: usize) -> String {
        marker("t.typ.j2", line)
    }

    #[test]
    fn text_lines_carry_their_number() {
        let traced = instrument("t.typ.j2", "a\n#b({{ x }})\r\nc");
        assert_eq!(
            traced,
            format!("a{}\n#b({{{{ x }}}}){}\r\nc{}", m(1), m(2), m(3))
        );
    }

    #[test]
    fn lines_ending_with_a_trimming_tag_carry_none() {
        let source = "{% if a %}\nx {% endif %}\n{#- note\n  more -#}\ny {{- z -}}\nw\n";
        let traced = instrument("t.typ.j2", source);
        assert_eq!(
            traced,
            format!(
                "{{% if a %}}\nx {{% endif %}}\n{{#- note\n  more -#}}\ny {{{{- z -}}}}\nw{}\n",
                m(6)
            )
        );
    }

    #[test]
    fn newlines_inside_tags_and_strings_are_left_alone() {
        let source = "{{ f(\"}}\n\",\n 'x') }}\n{% set a = \"%}\" %}b\n";
        let traced = instrument("t.typ.j2", source);
        assert_eq!(strip(&traced), source);
        assert_eq!(traced.matches(MARK_START).count(), 2, "{traced:?}");
        assert!(traced.contains(&format!("'x') }}}}{}", m(3))));
        assert!(traced.contains(&format!("%}}b{}", m(4))));
    }

    #[test]
    fn raw_blocks_are_text() {
        let source = "{% raw %}\n{{ x\n{% endraw %}\n";
        let traced = instrument("t.typ.j2", source);
        assert_eq!(
            traced,
            format!("{{% raw %}}\n{{{{ x{}\n{{% endraw %}}\n", m(2))
        );
    }

    #[test]
    fn the_first_marker_after_a_column_names_its_line() {
        let traced = format!("ab{}cd{}{}\nef", marker("p.typ.j2", 7), m(3), m(9));
        let map = SourceMap::new(&traced, "abcd\nef").expect("matches");
        let at = |line, column| map.origin(line, column).map(|o| o.to_string());
        assert_eq!(at(1, 1).as_deref(), Some("p.typ.j2, satır 7"));
        assert_eq!(at(1, 3).as_deref(), Some("t.typ.j2, satır 3"));
        assert_eq!(at(1, 9).as_deref(), Some("t.typ.j2, satır 9"));
        assert_eq!(at(2, 1), None);
        assert_eq!(at(3, 1), None);
        assert!(SourceMap::new(&traced, "abcd\nex").is_none());
    }
}
