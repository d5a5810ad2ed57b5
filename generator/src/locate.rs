//! Where a place of the converted document is in the file the user wrote:
//! pointers are mapped back through what normalization moved (Swagger 2.0's
//! `definitions`, body parameters; OpenAPI 3.1's `$ref` siblings), then found
//! in the text.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::error::Location;
use crate::pointer::Pointer;

/// Finds places of a document in its file.
#[derive(Debug)]
pub struct Locator {
    file: String,
    text: String,
    /// Where keys and lines start, built when the first place is located.
    index: OnceLock<TextIndex>,
    /// Converted place → the place in the user's file it came from.
    moves: BTreeMap<Pointer, Pointer>,
    /// Places an overlay wrote (in the user's document) → where in the
    /// overlay: what is below them is located there.
    written: BTreeMap<Pointer, Location>,
}

impl Locator {
    /// A locator for `text`, the contents of `file`.
    pub fn new(file: String, text: String) -> Self {
        Self {
            file,
            text,
            index: OnceLock::new(),
            moves: BTreeMap::new(),
            written: BTreeMap::new(),
        }
    }

    /// Records that an overlay wrote what is at `place` (and below it),
    /// at `origin` in the overlay's file; a later write of the same place wins.
    pub fn written(&mut self, place: Pointer, origin: Location) {
        self.written.insert(place, origin);
    }

    /// The overlay's place that wrote `pointer` (a place of the user's
    /// document), with the rest of the pointer below what was written.
    fn in_overlay(&self, pointer: &str) -> Option<Location> {
        if self.written.is_empty() {
            return None;
        }
        let mut prefix = Pointer::parse(pointer);
        loop {
            if let Some(origin) = self.written.get(&prefix) {
                return Some(Location {
                    file: origin.file.clone(),
                    pointer: format!("{}{}", origin.pointer, &pointer[prefix.len()..]),
                    line: origin.line,
                });
            }
            prefix = prefix.parent()?;
        }
    }

    /// The file as the user named it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Records that what is now at `converted` (and below it) came from `original`.
    pub fn moved(&mut self, converted: Pointer, original: Pointer) {
        if converted != original {
            self.moves.insert(converted, original);
        }
    }

    /// The place in the user's file that `pointer`, a place of the converted
    /// document, came from: the nearest moved ancestor's origin, with the rest
    /// of the pointer appended.
    pub fn original(&self, pointer: &str) -> String {
        if self.moves.is_empty() {
            return pointer.to_owned();
        }
        let mut prefix = Pointer::parse(pointer);
        loop {
            if let Some(origin) = self.moves.get(&prefix) {
                return format!("{origin}{}", &pointer[prefix.len()..]);
            }
            match prefix.parent() {
                Some(parent) => prefix = parent,
                None => return pointer.to_owned(),
            }
        }
    }

    /// A location in the user's file, with its line found where possible.
    pub fn locate(&self, pointer: &str) -> Location {
        let pointer = self.original(pointer);
        if let Some(location) = self.in_overlay(&pointer) {
            return location;
        }
        Location {
            file: self.file.clone(),
            line: self.line_of(&pointer),
            pointer,
        }
    }

    /// Finds the line of a JSON pointer by looking for each key in turn after
    /// the previous one: exact for the usual one-key-per-line layout of specs.
    /// The keys' places are indexed once, so each lookup is a few binary
    /// searches, whatever the size of the file or the number of lookups.
    fn line_of(&self, pointer: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| TextIndex::new(&self.text));
        let mut offset = 0;
        let mut found_any = false;
        for segment in pointer.trim_start_matches('#').split('/').skip(1) {
            let key = crate::pointer::unescape(segment);
            let element = key
                .parse::<usize>()
                .ok()
                .and_then(|i| element_start(self.text.as_bytes(), offset, i));
            match (element, index.key_after(&key, offset)) {
                (Some(start), _) => {
                    offset = start;
                    found_any = true;
                }
                (None, Some(found)) => {
                    offset = found + key.len();
                    found_any = true;
                }
                // An index past the end, or a key written some other way.
                (None, None) if key.parse::<usize>().is_ok() => {}
                (None, None) => return None,
            }
        }
        found_any.then(|| index.line_at(offset))
    }
}

/// Where element `index` of the sequence that follows `offset` (just after
/// its key) starts: the `index`-th `- ` of a block sequence at the column of
/// the first, or the start of the `index`-th element of a flow sequence
/// (`[…]`, JSON). `None` when no sequence follows or it is shorter.
fn element_start(bytes: &[u8], offset: usize, index: usize) -> Option<usize> {
    let mut at = offset;
    // Past the key's closing quote and colon, spaces, line breaks and comments.
    while at < bytes.len() {
        match bytes[at] {
            b'"' | b'\'' | b':' | b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'#' => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            _ => break,
        }
    }
    match bytes.get(at)? {
        b'[' => flow_element(bytes, at + 1, index),
        b'-' if matches!(bytes.get(at + 1), Some(b' ' | b'\n' | b'\r')) => {
            block_element(bytes, at, index)
        }
        _ => None,
    }
}

fn flow_element(bytes: &[u8], from: usize, index: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut seen = 0;
    let mut at = from;
    let skip_space = |mut at: usize| {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    if index == 0 {
        let start = skip_space(from);
        return (bytes.get(start) != Some(&b']')).then_some(start);
    }
    while at < bytes.len() {
        match bytes[at] {
            b'"' | b'\'' => at = closing_quote(bytes, at + 1, bytes[at])?,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth == 0 => return None,
            b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                seen += 1;
                if seen == index {
                    return Some(skip_space(at + 1));
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

fn block_element(bytes: &[u8], first: usize, index: usize) -> Option<usize> {
    let line_start = |at: usize| {
        bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
    };
    let column = first - line_start(first);
    let mut seen = 0;
    let mut at = first;
    loop {
        if seen == index {
            return Some(at);
        }
        // The next line at the sequence's column that starts an element.
        loop {
            at += bytes[at..].iter().position(|&b| b == b'\n')? + 1;
            let indent = bytes[at..].iter().take_while(|&&b| b == b' ').count();
            let content = at + indent;
            match bytes.get(content) {
                None => return None,
                Some(b'\n' | b'\r' | b'#') => continue,
                Some(_) if indent > column => continue,
                Some(b'-') if indent == column => {
                    at = content;
                    break;
                }
                Some(_) => return None,
            }
        }
        seen += 1;
    }
}

/// The places of every key in a text, and where its lines start.
#[derive(Debug)]
struct TextIndex {
    /// Each key (quoted, or bare before a colon) and the byte offsets where it stands, ascending.
    keys: HashMap<String, Vec<usize>>,
    line_starts: Vec<usize>,
}

impl TextIndex {
    /// One pass over the text.
    fn new(text: &str) -> Self {
        let mut keys: HashMap<String, Vec<usize>> = HashMap::new();
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        // Where a bare key may start: after indentation, `- `, `{` or `,`.
        let mut key_may_start = true;
        // Where a quoted scalar may start: there, or after `: ` and `[`. An
        // apostrophe elsewhere is text (`It's`), not a quote.
        let mut value_may_start = true;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'\n' => {
                    line_starts.push(i + 1);
                    key_may_start = true;
                    value_may_start = true;
                    i += 1;
                }
                b'"' | b'\'' if value_may_start || key_may_start => {
                    let Some(end) = closing_quote(bytes, i + 1, b) else {
                        i += 1;
                        key_may_start = false;
                        value_may_start = false;
                        continue;
                    };
                    // Quotes are ASCII, so both ends are char boundaries.
                    keys.entry(text[i + 1..end].to_owned())
                        .or_default()
                        .push(i + 1);
                    // A newline inside quotes still starts a line.
                    line_starts.extend(
                        bytes[i + 1..end]
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| **c == b'\n')
                            .map(|(at, _)| i + 1 + at + 1),
                    );
                    i = end + 1;
                    key_may_start = false;
                    value_may_start = false;
                }
                b' ' | b'\t' | b'\r' | b'{' | b'[' | b',' | b'-' | b'?' | b':' => {
                    key_may_start = key_may_start || matches!(b, b'{' | b',');
                    value_may_start = value_may_start || matches!(b, b'{' | b'[' | b',' | b':');
                    i += 1;
                }
                _ if key_may_start => {
                    let end = bare_key_end(bytes, i);
                    if let Some(end) = end {
                        keys.entry(text[i..end].to_owned()).or_default().push(i);
                    }
                    i = end.unwrap_or(i + 1).max(i + 1);
                    key_may_start = false;
                    value_may_start = false;
                }
                _ => {
                    value_may_start = false;
                    i += 1;
                }
            }
        }
        Self { keys, line_starts }
    }

    /// The first place at or after `offset` where `key` stands.
    fn key_after(&self, key: &str, offset: usize) -> Option<usize> {
        let places = self.keys.get(key)?;
        let first = places.partition_point(|&at| at < offset);
        places.get(first).copied()
    }

    /// The 1-based line of a byte offset.
    fn line_at(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }
}

/// The index of the quote that closes a string opened before `from`.
pub(crate) fn closing_quote(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            // YAML doubles a single quote inside single quotes.
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return Some(i),
            b'\n' if quote == b'\'' => return None,
            _ => i += 1,
        }
    }
    None
}

/// Longer bare keys are not looked for.
const MAX_KEY_LEN: usize = 256;

/// The end of a bare YAML key starting at `start`: the colon that ends it,
/// followed by a space or the end of the line.
fn bare_key_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    // Bounded, so that a long line of flow values stays linear.
    let end = bytes.len().min(start + MAX_KEY_LEN);
    // Not `}` or `]`: path keys hold them (`/users/{id}:`).
    while i < end && !matches!(bytes[i], b'\n' | b',' | b'"') {
        if bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\n' | b'\r' | b'\t'))
        {
            return (i > start).then_some(i);
        }
        if bytes[i] == b'#' && i > start && bytes[i - 1] == b' ' {
            return None;
        }
        i += 1;
    }
    None
}
