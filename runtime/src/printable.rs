//! What a message may take from a server or a caller: escaped so that no
//! control or bidi character reaches a terminal or a log, and bounded so that
//! a megabyte-long key or string is not a megabyte-long message.

/// The most characters of server-supplied text a message shows.
pub(crate) const MAX_SHOWN: usize = 120;

/// `text` with control, bidi and other invisible format characters written
/// as `\u{…}` escapes, cut after `max` characters with `…`.
pub(crate) fn printable(text: &str, max: usize) -> String {
    let mut shown = String::with_capacity(text.len().min(max + 8));
    for (count, c) in text.chars().enumerate() {
        if count == max {
            shown.push('…');
            break;
        }
        if c.is_control() || is_invisible_format(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Characters that reorder or hide text when printed (Unicode's bidi
/// controls, zero-width characters, the BOM).
pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{061C}'
    )
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn escapes_and_bounds() {
        assert_eq!(printable("a\u{1b}[2Jb", 10), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\u{202E}y", 10), "x\\u{202e}y");
        assert_eq!(printable(&"k".repeat(1 << 20), 5), "kkkkk…");
        assert_eq!(printable("café", 4), "café");
    }
}
