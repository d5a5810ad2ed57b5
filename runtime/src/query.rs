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

/// Query parameters in the order the API documents them (form style).
#[derive(Debug, Default)]
pub struct Query {
    pairs: Vec<(&'static str, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// `name=value`.
    pub fn push(&mut self, name: &'static str, value: impl Display) {
        self.pairs.push((name, value.to_string()));
    }

    /// `name=a&name=b` (form style, exploded).
    pub fn push_each<T: Display>(&mut self, name: &'static str, values: &[T]) {
        for value in values {
            self.push(name, value);
        }
    }

    /// `name=a,b` (form style, not exploded).
    pub fn push_joined<T: Display>(&mut self, name: &'static str, values: &[T]) {
        let joined = values
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        self.push(name, joined);
    }

    /// The pairs, for `reqwest::RequestBuilder::query`.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            query.pairs(),
            &[
                ("id", "1".to_owned()),
                ("id", "2".to_owned()),
                ("tag", "a,b".to_owned())
            ]
        );
    }
}
