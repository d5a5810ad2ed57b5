//! Reads a spec file and parses it as JSON or YAML, recognised by content.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Location};
use crate::locate::{closing_quote, Locator};

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
    /// The places overlays wrote into `value`, and where in the overlays
    /// each was written: a problem there is the overlay's, not the spec's.
    pub written: Vec<(crate::pointer::Pointer, crate::error::Location)>,
}

/// Reads and parses `path`.
pub fn load(path: &Path) -> Result<Source, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    // Read under a limit: a path may be `/dev/zero`, or a link to it.
    let mut text = String::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_SPEC_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_SPEC_BYTES {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than {} MiB: not read as a spec",
                MAX_SPEC_BYTES >> 20
            ),
        )));
    }
    parse(&path.display().to_string(), text)
}

/// The largest spec read: GitHub's REST spec, the largest known, is 12 MB.
const MAX_SPEC_BYTES: u64 = 256 << 20;

/// Parses `text`; JSON when it starts with `{`, YAML otherwise.
pub fn parse(file: &str, text: String) -> Result<Source, Error> {
    let at = |line: Option<usize>| Location {
        file: file.to_owned(),
        pointer: "#".to_owned(),
        line,
    };
    let json = text.trim_start().starts_with('{');
    let too_deep_error = |line| {
        Error::spec(
            at(Some(line)),
            format!("nesting deeper than {MAX_TEXT_DEPTH} levels"),
            Some("flatten the document with $ref"),
        )
    };
    // serde_json's time is linear in any text, and it refuses nesting past
    // 128 levels itself: a document it reads is never too deep, so the scan
    // runs only to say why one was refused.
    if !json {
        if let Some(line) = too_deep(&text, json) {
            return Err(too_deep_error(line));
        }
    }
    let value = if json {
        serde_json::from_str::<Value>(&text).map_err(|error| match too_deep(&text, json) {
            Some(line) => too_deep_error(line),
            None => Error::spec(
                at(Some(error.line())),
                format!("not valid JSON: {error}"),
                Some("fix the syntax; YAML is accepted too"),
            ),
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
        written: Vec::new(),
        file: file.to_owned(),
        text,
        value,
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
    /// The parsed document, and a locator for places in the text.
    pub fn split(self) -> (Value, Locator) {
        let mut locator = Locator::new(self.file, self.text);
        for (place, origin) in self.written {
            locator.written(place, origin);
        }
        (self.value, locator)
    }
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
        let (_, locator) = parse("a.yaml", text.into()).unwrap().split();
        let location = locator.locate("#/paths/~1users/post/responses/200");
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
