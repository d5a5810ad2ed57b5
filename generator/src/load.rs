//! Reads a spec file and parses it as JSON or YAML, recognised by content.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Location};

/// A spec as read: its text (for line numbers) and its parsed tree.
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it.
    pub file: String,
    /// The file's text.
    pub text: String,
    /// The parsed document.
    pub value: Value,
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
    let value = if text.trim_start().starts_with('{') {
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
    fn line_of(&self, pointer: &str) -> Option<usize> {
        let mut offset = 0;
        for segment in pointer.trim_start_matches('#').split('/').skip(1) {
            let key = segment.replace("~1", "/").replace("~0", "~");
            match find_key(&self.text[offset..], &key) {
                Some(found) => offset += found + 1,
                // Array indices have no text of their own: stay where we are.
                None if key.parse::<usize>().is_ok() => {}
                None => return None,
            }
        }
        (offset > 0).then(|| self.text[..offset].matches('\n').count() + 1)
    }
}

/// Where `key` next stands as a key: quoted, or bare before a colon. One
/// pass over the text, so that locating a place in a 13 MB spec stays cheap.
fn find_key(text: &str, key: &str) -> Option<usize> {
    text.match_indices(key).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + key.len()..].chars().next();
        let quoted = matches!(
            (before, after),
            (Some('"'), Some('"')) | (Some('\''), Some('\''))
        );
        let bare = after == Some(':')
            && before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '-'));
        quoted || bare
    })
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
