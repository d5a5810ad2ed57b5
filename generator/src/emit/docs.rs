//! Doc comments from spec text.
//!
//! The text becomes string literals in `#[doc]` attributes, so nothing in it
//! can change the code. Markdown that rustdoc would run as a doctest (fenced
//! or indented code) is made plain text.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// `#[doc]` attributes for `docs`: summary, description, then notes.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    let mut paragraphs: Vec<&str> = Vec::new();
    paragraphs.extend(docs.summary.as_deref());
    paragraphs.extend(docs.description.as_deref());
    let notes = docs.notes.join("\n");
    if !notes.is_empty() {
        paragraphs.push(&notes);
    }
    lines(&paragraphs.join("\n\n"))
}

/// `#[doc]` attributes for free text.
pub fn lines(text: &str) -> TokenStream {
    let mut out = TokenStream::new();
    let mut in_fence = false;
    // The content indent of the list item being written, if any.
    let mut list_indent: Option<usize> = None;
    // A bare CR is a line break to a reader and an error to rustdoc.
    // Searched for one character at a time: a pattern of several is scanned
    // character by character, which an unoptimized build script pays for on
    // every description of a large spec.
    let text = if text.contains('\r') || text.contains('\u{2028}') || text.contains('\u{2029}') {
        Cow::Owned(
            text.replace("\r\n", "\n")
                .replace(['\r', '\u{2028}', '\u{2029}'], "\n"),
        )
    } else {
        Cow::Borrowed(text)
    };
    let text = crate::doc_text::visible(text);
    // Inside a block quote: a following line without `>` continues it.
    let mut in_quote = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if in_fence || trimmed.is_empty() {
            in_quote = false;
        }
        let line = if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            list_indent = None;
            // An opening fence of any language becomes `text`: never a doctest.
            if in_fence {
                "```text".to_owned()
            } else {
                "```".to_owned()
            }
        } else if in_fence {
            line.trim_end().to_owned()
        } else if trimmed.is_empty() {
            list_indent = None;
            String::new()
        } else if trimmed.starts_with('>') {
            in_quote = true;
            format!(
                "{}{}",
                " ".repeat(list_indent.unwrap_or(0)),
                nested_refdef(trimmed)
            )
        } else if in_quote {
            // Written lazily, it is the quote's still (clippy asks for the `>`).
            format!(
                "{}> {}",
                " ".repeat(list_indent.unwrap_or(0)),
                nested_refdef(trimmed)
            )
        } else if let Some(width) = list_marker_width(trimmed) {
            // Nested items sit under their parent's text; top-level ones at 0.
            let nested = line.starts_with(char::is_whitespace);
            let indent = if nested { list_indent.unwrap_or(0) } else { 0 };
            list_indent = Some(indent + width);
            format!("{}{trimmed}", " ".repeat(indent))
        } else {
            // Other leading spaces would make an indented code block, which
            // rustdoc tests; a list item's continuation is indented to its text.
            match list_indent {
                Some(indent) => format!("{}{}", " ".repeat(indent), nested_refdef(trimmed)),
                None => trimmed.to_owned(),
            }
        };
        let line = if in_fence { line } else { autolink(&line) };
        let line = if line.is_empty() {
            line
        } else {
            format!(" {line}")
        };
        out.extend(quote!(#[doc = #line]));
    }
    if in_fence {
        out.extend(quote!(#[doc = " ```"]));
    }
    out
}

/// A line inside a list item or a quote that would define a link target
/// (`[name]: url`), which rustdoc reads only at the top level (clippy's
/// `doc_nested_refdefs`): its `[` is escaped, so it reads as the text it is.
fn nested_refdef(line: &str) -> Cow<'_, str> {
    let (quote, rest) = match line.strip_prefix('>') {
        Some(rest) => (">", rest.trim_start()),
        None => ("", line),
    };
    let defines = rest
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]:"))
        .is_some_and(|(label, _)| !label.is_empty() && !label.contains(']'));
    if defines {
        let space = if quote.is_empty() { "" } else { " " };
        Cow::Owned(format!("{quote}{space}\\{rest}"))
    } else {
        Cow::Borrowed(line)
    }
}

/// Bare URLs become `<autolinks>` (rustdoc warns about bare ones); URLs that
/// are already link targets (`](url)`), autolinks or code are left alone.
fn autolink(line: &str) -> String {
    // A line without a `:` (most) is told by one quick search.
    if !line.contains(':') || (!line.contains("http://") && !line.contains("https://")) {
        return line.to_owned();
    }
    let mut in_code = false;
    let words: Vec<String> = line
        .split(' ')
        .map(|word| {
            let was_in_code = in_code;
            in_code ^= word.matches('`').count() % 2 == 1;
            let start = word.find("https://").or_else(|| word.find("http://"));
            let Some(start) = start.filter(|_| !was_in_code && !word.contains('`')) else {
                return word.to_owned();
            };
            let (before, rest) = word.split_at(start);
            if before.ends_with("](") || before.ends_with('<') {
                return word.to_owned();
            }
            let url = rest.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '\'']);
            format!("{before}<{url}>{}", &rest[url.len()..])
        })
        .collect();
    words.join(" ")
}

/// Where the text of a list item starting `line` begins (`- ` 2, `1. ` 3,
/// `*   ` 4): after its marker and the spaces that follow it, one to four
/// (CommonMark; with five or more, the text starts after the first).
fn list_marker_width(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let delimited = line[digits..].starts_with(['.', ')']);
        if digits == 0 || digits >= 10 || !delimited {
            return None;
        }
        digits + 1
    };
    let spaces = line[marker..].chars().take_while(|c| *c == ' ').count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_cannot_escape_a_doc_comment() {
        let tokens = lines("*/ fn evil() {} /*\n#[cfg(any())]\n\"quoted\" `tick`");
        let text = tokens.to_string();
        assert!(
            text.contains(r#"# [doc = " */ fn evil() {} /*"]"#),
            "{text}"
        );
        assert!(!text.contains("fn evil () "), "{text}");
    }

    #[test]
    fn a_wide_list_marker_indents_its_continuation_to_the_text() {
        // GitHub's "Upload a release asset": `*   ` and a two-space continuation.
        let text = lines("*   renames files\n  endpoint lists them\n1.  first\n  more").to_string();
        assert!(text.contains(r#"" *   renames files""#), "{text}");
        assert!(text.contains(r#""     endpoint lists them""#), "{text}");
        assert!(text.contains(r#""     more""#), "{text}");
    }

    #[test]
    fn list_continuations_are_indented_under_their_item() {
        let text = lines("Note:\n* first\n  * nested\nmore of first\n\nafter").to_string();
        assert!(text.contains(r#"" * first""#), "{text}");
        assert!(text.contains(r#""   * nested""#), "{text}");
        assert!(text.contains(r#""     more of first""#), "{text}");
        assert!(text.contains(r#"" after""#), "{text}");
    }

    #[test]
    fn text_a_doc_comment_cannot_show_is_replaced() {
        let text = lines("a\u{202E}b\u{2066}c\0d\te").to_string();
        assert!(text.contains(r#"" aU+202EbU+2066cd    e""#), "{text}");
    }

    #[test]
    fn lazy_quote_lines_and_nested_link_definitions_are_explicit() {
        let text =
            lines("> quoted\nlazy\n\n* one\n  [defn]: https://a.example\n> [q]: x").to_string();
        assert!(text.contains(r#"" > lazy""#), "{text}");
        assert!(
            text.contains(r#""   \\[defn]: <https://a.example>""#),
            "{text}"
        );
        assert!(text.contains(r#""   > \\[q]: x""#), "{text}");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            autolink("see https://a.example/x."),
            "see <https://a.example/x>."
        );
        assert_eq!(
            autolink("[doc](https://a.example) `https://b`"),
            "[doc](https://a.example) `https://b`"
        );
    }

    #[test]
    fn code_blocks_are_never_doctests() {
        let text = lines("Example:\n```json\n{}\n```\n\n    indented\n```").to_string();
        assert!(text.contains(r#"" ```text""#), "{text}");
        assert!(text.contains(r#"" indented""#), "{text}");
        // The unclosed fence at the end is closed.
        assert_eq!(text.matches("```text").count(), 2, "{text}");
        assert_eq!(text.matches(r#"" ```""#).count(), 2, "{text}");
    }
}
