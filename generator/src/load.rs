//! Reads a spec file and parses it as JSON or YAML, recognised by content.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::error::{Error, Location};

/// How deep a document may nest before it is refused unparsed: a parser's
/// time on deep nesting grows faster than the text (libyaml's is quadratic),
/// so the bound is checked by a linear scan first. Above the model's own
/// bound (256), so that the scan's estimate never refuses a document the
/// exact check would take.
const MAX_TEXT_DEPTH: usize = 300;

/// A spec as read: its text (for line numbers) and its parsed tree.
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it.
    pub file: String,
    /// The file's text.
    pub text: String,
    /// The parsed document.
    pub value: Value,
    /// Where keys and lines start, built when the first place is located.
    index: OnceLock<TextIndex>,
}

/// Reads and parses `path`.
pub fn load(path: &Path) -> Result<Source, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    parse(&path.display().to_string(), text)
}

/// Parses `text`; JSON when it starts with `{`, YAML otherwise.
pub fn parse(file: &str, text: String) -> Result<Source, Error> {
    let at = |line: Option<usize>| Location {
        file: file.to_owned(),
        pointer: "#".to_owned(),
        line,
    };
    let json = text.trim_start().starts_with('{');
    if let Some(line) = too_deep(&text, json) {
        return Err(Error::spec(
            at(Some(line)),
            format!("nesting deeper than {MAX_TEXT_DEPTH} levels"),
            Some("flatten the document with $ref"),
        ));
    }
    let value = if json {
        serde_json::from_str::<Value>(&text).map_err(|error| {
            Error::spec(
                at(Some(error.line())),
                format!("not valid JSON: {error}"),
                Some("fix the syntax; YAML is accepted too"),
            )
        })?
    } else {
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|error| {
            Error::spec(
                at(error.location().map(|l| l.line())),
                format!("not valid YAML: {error}"),
                Some("fix the syntax; JSON is accepted too"),
            )
        })?;
        yaml_to_json(yaml).map_err(|message| Error::spec(at(None), message, None))?
    };
    Ok(Source {
        file: file.to_owned(),
        text,
        value,
        index: OnceLock::new(),
    })
}

/// YAML allows keys that are not strings (`200:`, `true:`); OpenAPI means them as strings.
fn yaml_to_json(yaml: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).map_err(|e| e.to_string())?,
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(yaml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut object = serde_json::Map::new();
            for (key, value) in map {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => return Err(format!("unsupported mapping key {other:?}")),
                };
                object.insert(key, yaml_to_json(value)?);
            }
            Value::Object(object)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value)?,
    })
}

impl Source {
    /// A location in this file, with its line found where possible.
    pub fn locate(&self, pointer: &str) -> Location {
        Location {
            file: self.file.clone(),
            pointer: pointer.to_owned(),
            line: self.line_of(pointer),
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
            let key = segment.replace("~1", "/").replace("~0", "~");
            match index.key_after(&key, offset) {
                Some(found) => {
                    offset = found + key.len();
                    found_any = true;
                }
                // Array indices have no text of their own: stay where we are.
                None if key.parse::<usize>().is_ok() => {}
                None => return None,
            }
        }
        found_any.then(|| index.line_at(offset))
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
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'\n' => {
                    line_starts.push(i + 1);
                    key_may_start = true;
                    i += 1;
                }
                b'"' | b'\'' => {
                    let end = closing_quote(bytes, i + 1, b).unwrap_or(bytes.len());
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
                }
                b' ' | b'\t' | b'\r' | b'{' | b',' | b'-' | b'?' => {
                    key_may_start = key_may_start || matches!(b, b'{' | b',');
                    i += 1;
                }
                _ if key_may_start => {
                    let end = bare_key_end(bytes, i);
                    if let Some(end) = end {
                        keys.entry(text[i..end].to_owned()).or_default().push(i);
                    }
                    i = end.unwrap_or(i + 1).max(i + 1);
                    key_may_start = false;
                }
                _ => {
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
fn closing_quote(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
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
    while i < end && !matches!(bytes[i], b'\n' | b',' | b']' | b'}' | b'"') {
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

/// The line where the text nests deeper than [`MAX_TEXT_DEPTH`], if it does.
/// Linear, and never an overestimate: flow collections (`[`, `{` where a
/// value starts) and block sequences on one line (`- - -`) count, with
/// quoted text, comments and block scalars skipped; indentation counts as
/// the number of open indentation levels.
fn too_deep(text: &str, json: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut flow = 0usize;
    // Open indentation levels of block collections (YAML only).
    let mut indents: Vec<usize> = Vec::new();
    let mut i = 0;
    // Skip the lines of a block scalar more indented than this.
    let mut block_scalar: Option<usize> = None;
    while i < bytes.len() {
        // At the start of a line.
        let indent = bytes[i..].iter().take_while(|&&b| b == b' ').count();
        let content = i + indent;
        let line_end = bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |at| i + at);
        let blank = matches!(bytes.get(content), None | Some(b'\n' | b'\r' | b'#'));
        if let Some(scalar_indent) = block_scalar {
            if blank || indent > scalar_indent {
                i = line_end + 1;
                line += 1;
                continue;
            }
            block_scalar = None;
        }
        let mut depth_here = 0;
        if !json && flow == 0 && !blank {
            while indents.last().is_some_and(|&open| open >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut at = content;
        let mut value_start = true;
        while at < line_end {
            let b = bytes[at];
            match b {
                b'"' | b'\'' if json || flow > 0 || value_start => {
                    match closing_quote(bytes, at + 1, b) {
                        Some(end) => {
                            line += bytes[at..end].iter().filter(|&&c| c == b'\n').count();
                            at = end + 1;
                            // A string may span lines: carry on from its end.
                            if end > line_end {
                                break;
                            }
                        }
                        None => at = line_end,
                    }
                    value_start = false;
                    continue;
                }
                b'[' | b'{' if json || flow > 0 || value_start => {
                    flow += 1;
                    value_start = true;
                }
                b']' | b'}' if json || flow > 0 => {
                    flow = flow.saturating_sub(1);
                }
                b',' if flow > 0 => value_start = true,
                b'#' if !json && (at == content || bytes[at - 1] == b' ') => break,
                b'-' | b'?' if !json && flow == 0 && value_start => {
                    if matches!(bytes.get(at + 1), Some(b' ')) {
                        depth_here += 1;
                    } else {
                        value_start = false;
                    }
                }
                b':' if !json && flow == 0 => {
                    value_start = matches!(bytes.get(at + 1), None | Some(b' ' | b'\r' | b'\n'));
                    if value_start {
                        let rest = text[at + 1..line_end].trim();
                        if rest.starts_with(['|', '>']) {
                            block_scalar = Some(indent);
                            break;
                        }
                    }
                }
                b' ' | b'\t' | b'\r' => {}
                _ => value_start = json || (flow > 0 && b == b':'),
            }
            if indents.len() + depth_here + flow > MAX_TEXT_DEPTH {
                return Some(line);
            }
            at += 1;
        }
        if at > line_end {
            // A quoted string ran past this line: resume after it.
            i = at;
            continue;
        }
        i = line_end + 1;
        line += 1;
    }
    None
}

/// Escapes a key for a JSON pointer.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_json_and_yaml_by_content() {
        let json = parse("a.json", "{\"openapi\": \"3.0.3\"}".into()).unwrap();
        let yaml = parse("a.txt", "openapi: 3.0.3\n".into()).unwrap();
        assert_eq!(json.value, yaml.value);
    }

    #[test]
    fn numeric_keys_become_strings() {
        let source = parse("a.yaml", "responses:\n  200:\n    description: ok\n".into()).unwrap();
        assert!(source.value["responses"]["200"].is_object());
    }

    #[test]
    fn finds_lines_of_pointers() {
        let text = "paths:\n  /users:\n    post:\n      responses:\n        '200':\n          description: ok\n";
        let source = parse("a.yaml", text.into()).unwrap();
        let location = source.locate("#/paths/~1users/post/responses/200");
        assert_eq!(location.line, Some(5));
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let error = parse("bad.yaml", "a: [1,\nb: }".into()).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("bad.yaml: #: not valid YAML"),
            "{message}"
        );
        assert!(message.contains("(line "), "{message}");
    }
}
