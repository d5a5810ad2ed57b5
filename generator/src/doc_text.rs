//! Spec text as documentation can show it: the model and the emitter both
//! write docs from names and values of the spec, and all of them go through
//! here, so that no such text reaches a `///` comment as something the
//! compiler refuses or clippy flags.

use std::borrow::Cow;

use crate::error::is_invisible_format;

/// The text with what a doc comment cannot show plainly replaced: tabs by
/// spaces (clippy's `tabs_in_doc_comments`), control characters other than
/// `\n` dropped, and characters that reorder or hide text (bidi controls,
/// which the compiler refuses in comments, and zero-width ones) named as
/// `U+202E`.
pub fn visible(text: Cow<'_, str>) -> Cow<'_, str> {
    let odd = |c: char| (c.is_control() && c != '\n') || is_invisible_format(c);
    if !text.contains(odd) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if c.is_control() && c != '\n' => {}
            c if odd(c) => out.push_str(&format!("U+{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A wire value or name as a Markdown code span on one line: made
/// [`visible`], line breaks as spaces, fenced with more backticks than it
/// holds in a row (`` `a` `` for a value with one).
pub fn code_span(text: &str) -> String {
    let text = visible(Cow::Borrowed(text)).replace('\n', " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hold_any_value() {
        assert_eq!(code_span("plain"), "`plain`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("a\u{202E}b\nc"), "`aU+202Eb c`");
        assert_eq!(code_span(""), "`  `");
    }
}
