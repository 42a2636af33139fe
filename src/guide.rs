//! `kitap acikla KOD`: a finding code's page of the user guide, printed in the terminal (like
//! `rustc --explain`). The pages are the guide's own `docs/src/kodlar/<KOD>.md`, built into the
//! binary, so the terminal and the guide say the same thing and kitap runs from any directory.

use crate::assets;
use crate::finding::Code;

/// The finding code families: the letter and what its codes are about.
pub const FAMILIES: &[(char, &str)] = &[
    ('Y', "dosyalar ve yapı"),
    ('D', "değerler"),
    ('G', "göstergeler"),
    ('R', "gerçekleşmeler"),
    ('B', "faaliyetler ve bütçe"),
    ('M', "mali bilgiler"),
    ('A', "meclis değişiklikleri"),
    ('T', "dizgi"),
];

/// The guide's page of a code, as written in `docs/src/kodlar/<KOD>.md`.
pub fn page(code: Code) -> Option<&'static str> {
    let name = format!("{}.md", code.as_str());
    assets::code_pages()
        .iter()
        .find(|f| f.path == name)
        .and_then(|f| std::str::from_utf8(f.bytes).ok())
}

/// The page of `code` as the terminal shows it: the guide's markdown with each link reduced to
/// its text (`[Bütçe sayfası](../calisma-kitabi.md#bütçe)` → `Bütçe sayfası`).
pub fn explain(code: &str) -> Result<String, String> {
    let page = Code::parse(code)
        .and_then(page)
        .ok_or_else(|| unknown(code))?;
    Ok(plain_links(page))
}

/// The Turkish message for a code that is not in the catalogue: the families and their ranges.
fn unknown(code: &str) -> String {
    let families: Vec<String> = FAMILIES
        .iter()
        .filter_map(|(letter, about)| {
            let codes: Vec<&str> = Code::ALL
                .iter()
                .map(|c| c.as_str())
                .filter(|c| c.starts_with(*letter))
                .collect();
            let (first, last) = (codes.first()?, codes.last()?);
            Some(format!("  {letter}  {about} ({first}–{last})"))
        })
        .collect();
    format!(
        "“{}” bilinen bir bulgu kodu değil. Kodlar bir harf ve üç rakamdır (örneğin G005); aileler:\n{}",
        code.trim(),
        families.join("\n")
    )
}

fn plain_links(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find(']').and_then(|close| {
            let target = after[close + 1..].strip_prefix('(')?;
            target.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((close, consumed)) if !after[..close].contains('\n') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[consumed..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_page_titled_with_it() {
        for code in Code::ALL {
            let page = page(*code).unwrap_or_else(|| panic!("docs/src/kodlar/{code}.md"));
            assert!(page.starts_with(&format!("# {code}: ")), "{code}");
        }
    }

    #[test]
    fn every_family_is_named() {
        for code in Code::ALL {
            let letter = code.as_str().chars().next().expect("letter");
            assert!(
                FAMILIES.iter().any(|(l, _)| *l == letter),
                "{code}: family {letter} has no name in guide::FAMILIES"
            );
        }
    }

    #[test]
    fn links_print_as_their_text() {
        assert_eq!(
            plain_links("- [Bütçe sayfası](../calisma-kitabi.md#bütçe) ve [x] [y](z)"),
            "- Bütçe sayfası ve [x] y"
        );
    }

    #[test]
    fn an_unknown_code_lists_the_families() {
        let e = explain("X999").unwrap_err();
        assert!(e.contains("“X999”"), "{e}");
        assert!(e.contains("G  göstergeler (G001–G009)"), "{e}");
        assert_eq!(
            explain("g005").unwrap(),
            plain_links(page(Code::G005).unwrap())
        );
    }
}
