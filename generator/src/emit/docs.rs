//! Doc comments from spec text.
//!
//! The text becomes string literals in `#[doc]` attributes, so nothing in it
//! can change the code. Markdown that rustdoc would run as a doctest (fenced
//! or indented code) is made plain text.

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
    for line in text.lines() {
        let trimmed = line.trim();
        let line = if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            // An opening fence of any language becomes `text`: never a doctest.
            if in_fence {
                "```text".to_owned()
            } else {
                "```".to_owned()
            }
        } else if in_fence {
            line.trim_end().to_owned()
        } else {
            // Leading spaces would make an indented code block, which rustdoc tests.
            trimmed.to_owned()
        };
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
    fn code_blocks_are_never_doctests() {
        let text = lines("Example:\n```json\n{}\n```\n\n    indented\n```").to_string();
        assert!(text.contains(r#"" ```text""#), "{text}");
        assert!(text.contains(r#"" indented""#), "{text}");
        // The unclosed fence at the end is closed.
        assert_eq!(text.matches("```text").count(), 2, "{text}");
        assert_eq!(text.matches(r#"" ```""#).count(), 2, "{text}");
    }
}
