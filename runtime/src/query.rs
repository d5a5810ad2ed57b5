use std::fmt::Display;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is encoded, so a value
/// can never add a path segment, a query or a fragment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path parameter's value, percent-encoded as one path segment.
pub fn encode_path(value: impl Display) -> String {
    let value = value.to_string();
    match value.as_str() {
        // A bare "." or ".." would be resolved away by the server.
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(&value, PATH_SEGMENT).to_string(),
    }
}

/// An array parameter outside the query (path, header, cookie): `a,b,c`.
pub fn join<T: Display>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Query parameters in the order the API documents them.
#[derive(Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// `name=value`.
    pub fn push(&mut self, name: &str, value: impl Display) {
        self.pairs.push((name.to_owned(), value.to_string()));
    }

    /// `name=value`, in place of the pairs `name` had.
    pub fn set(&mut self, name: &str, value: impl Display) {
        self.pairs.retain(|(key, _)| key != name);
        self.push(name, value);
    }

    /// No pairs.
    pub fn clear(&mut self) {
        self.pairs.clear();
    }

    /// `name=a&name=b` (form style, exploded).
    pub fn push_each<T: Display>(&mut self, name: &str, values: &[T]) {
        for value in values {
            self.push(name, value);
        }
    }

    /// `name=a,b` (form style, not exploded).
    pub fn push_joined<T: Display>(&mut self, name: &str, values: &[T]) {
        self.push(name, join(values));
    }

    /// An object, property by property, as `style` says. Nested objects
    /// and arrays are sent as JSON text; null properties are left out.
    pub fn push_object(&mut self, name: &str, value: &impl serde::Serialize, style: ObjectStyle) {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(value) else {
            return;
        };
        // Sorted, whatever map serde_json was built with.
        let mut map: Vec<(String, serde_json::Value)> = map.into_iter().collect();
        map.sort_by(|a, b| a.0.cmp(&b.0));
        let properties = map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(key, value)| {
                let text = match value {
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                };
                (key, text)
            });
        match style {
            ObjectStyle::Deep => self
                .pairs
                .extend(properties.map(|(key, text)| (format!("{name}[{key}]"), text))),
            ObjectStyle::Exploded => self.pairs.extend(properties),
            ObjectStyle::Joined => {
                let joined: Vec<String> = properties.flat_map(|(key, text)| [key, text]).collect();
                self.push(name, joined.join(","));
            }
        }
    }

    /// The pairs, for `reqwest::RequestBuilder::query`.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// How an object is written into the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `name[key]=value` (`style: deepObject`).
    Deep,
    /// `key=value` (form style, exploded).
    Exploded,
    /// `name=key,value,…` (form style, not exploded).
    Joined,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &Query) -> Vec<(&str, &str)> {
        query
            .pairs()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn objects_go_deep_exploded_or_joined() {
        let filter = serde_json::json!({"status": "open", "limit": 5, "gone": null});
        let mut query = Query::new();
        query.push_object("filter", &filter, ObjectStyle::Deep);
        query.push_object("f", &filter, ObjectStyle::Exploded);
        query.push_object("g", &filter, ObjectStyle::Joined);
        assert_eq!(
            pairs(&query),
            [
                ("filter[limit]", "5"),
                ("filter[status]", "open"),
                ("limit", "5"),
                ("status", "open"),
                ("g", "limit,5,status,open")
            ]
        );
    }

    #[test]
    fn path_values_cannot_escape_their_segment() {
        assert_eq!(encode_path("a/b?c#d"), "a%2Fb%3Fc%23d");
        assert_eq!(encode_path(".."), "%2E%2E");
        assert_eq!(encode_path("le_users-1.0~"), "le_users-1.0~");
        assert_eq!(encode_path("ü"), "%C3%BC");
    }

    #[test]
    fn arrays_explode_or_join() {
        let mut query = Query::new();
        query.push_each("id", &[1, 2]);
        query.push_joined("tag", &["a", "b"]);
        assert_eq!(pairs(&query), [("id", "1"), ("id", "2"), ("tag", "a,b")]);
    }
}
