//! Parameter values into a request, checked so that no value can change the
//! request's shape: add a path segment, a header or a cookie.

use std::fmt::{self, Display};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, COOKIE};
use reqwest::RequestBuilder;

use crate::error::Failure;
use crate::query::encode_path;
use crate::Error;

fn refuse(name: &'static str, reason: &'static str) -> Failure {
    Failure(Error::InvalidParameter { name, reason })
}

/// A path parameter's value as one percent-encoded path segment. An empty
/// value, `.` and `..` are refused: servers and proxies resolve them away,
/// so the request would reach another resource (`/items/../detail` is `/detail`).
pub fn path_segment(name: &'static str, value: impl Display) -> Result<String, Failure> {
    let value = value.to_string();
    match value.as_str() {
        "" => Err(refuse(name, "an empty path segment is not sent")),
        "." | ".." => Err(refuse(
            name,
            "`.` and `..` would change the path, so they are not sent",
        )),
        _ => Ok(encode_path(value)),
    }
}

/// A path parameter that spans segments (`x-multi-segment: true`): `/`
/// separates segments, each encoded on its own; the value may be empty,
/// but no segment may be (`a//b`, `/a`), nor `.` or `..`.
pub fn path_segments(name: &'static str, value: impl Display) -> Result<String, Failure> {
    let value = value.to_string();
    if value.is_empty() {
        return Ok(value);
    }
    let mut encoded = Vec::new();
    for segment in value.split('/') {
        match segment {
            "" => return Err(refuse(name, "an empty path segment is not sent")),
            "." | ".." => {
                return Err(refuse(
                    name,
                    "`.` and `..` would change the path, so they are not sent",
                ))
            }
            _ => encoded.push(encode_path(segment.to_owned())),
        }
    }
    Ok(encoded.join("/"))
}

/// The header parameters of a request, each checked as it is added so that
/// no value can add a header of its own.
#[derive(Default)]
pub struct Headers {
    map: HeaderMap,
}

impl Headers {
    /// No headers yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a header parameter, or names the parameter when HTTP cannot
    /// carry the value (line breaks and other control characters).
    pub fn push(&mut self, name: &'static str, value: impl Display) -> Result<(), Failure> {
        self.add(name, value, false)
    }

    /// [`Headers::push`] for a secret: the value is marked sensitive, so
    /// that HTTP/2 never indexes it.
    pub fn push_secret(&mut self, name: &'static str, value: impl Display) -> Result<(), Failure> {
        self.add(name, value, true)
    }

    fn add(
        &mut self,
        name: &'static str,
        value: impl Display,
        sensitive: bool,
    ) -> Result<(), Failure> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| refuse(name, "the name is not a valid HTTP header name"))?;
        let mut value = HeaderValue::from_str(&value.to_string()).map_err(|_| {
            refuse(
                name,
                "the value holds characters an HTTP header cannot carry (line breaks, control characters)",
            )
        })?;
        value.set_sensitive(sensitive);
        self.map.append(header, value);
        Ok(())
    }

    /// Adds the headers to the request.
    pub fn apply(self, builder: RequestBuilder) -> RequestBuilder {
        if self.map.is_empty() {
            return builder;
        }
        builder.headers(self.map)
    }
}

/// The names only: a header parameter may hold a secret.
impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.map.keys()).finish()
    }
}

/// A multipart part that is an object or an array, as JSON text; a value
/// that cannot be serialized (a map with non-string keys, say) is an error
/// naming the part, not an empty part.
pub fn json_part(name: &'static str, value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|error| {
        Failure(Error::InvalidRequest(format!(
            "the multipart part {name} could not be serialized: {error}"
        )))
    })
}

/// How a parameter's value becomes JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonText {
    /// A `content: application/json` parameter: always JSON (a string is quoted).
    Content,
    /// A value with no text form of its own: a string as it is, anything
    /// else as JSON (`sort={"value":-1}`).
    Value,
}

/// A parameter sent as JSON text, as `form` says.
pub fn json_param(
    name: &'static str,
    // `?Sized`: an array parameter is passed as a slice (`&[O]`).
    value: &(impl serde::Serialize + ?Sized),
    form: JsonText,
) -> Result<String, Failure> {
    let refuse = |error: serde_json::Error| {
        Failure(Error::InvalidRequest(format!(
            "parameter {name} could not be serialized: {error}"
        )))
    };
    match serde_json::to_value(value).map_err(refuse)? {
        serde_json::Value::String(text) if form == JsonText::Value => Ok(text),
        other => Ok(other.to_string()),
    }
}

/// What a cookie value may hold as it is (RFC 6265's cookie-octet); the rest,
/// and `%` itself, is percent-encoded, so that `a; admin=1` stays one value.
const NOT_COOKIE_OCTET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Whether `value` can be sent in a cookie unchanged.
pub(crate) fn is_cookie_value(value: &str) -> bool {
    // Encoding changes nothing exactly when every byte is a cookie-octet.
    utf8_percent_encode(value, NOT_COOKIE_OCTET).to_string() == value
}

/// The cookie parameters of a request, sent as one `Cookie` header.
#[derive(Debug, Default)]
pub struct Cookies {
    pairs: Vec<String>,
}

impl Cookies {
    /// No cookies yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `name=value`, the value percent-encoded where a cookie cannot carry it.
    pub fn push(&mut self, name: &'static str, value: impl Display) {
        let value = value.to_string();
        self.pairs.push(format!(
            "{name}={}",
            utf8_percent_encode(&value, NOT_COOKIE_OCTET)
        ));
    }

    /// Adds the `Cookie` header, when there are cookies.
    pub fn apply(self, builder: RequestBuilder) -> Result<RequestBuilder, Failure> {
        if self.pairs.is_empty() {
            return Ok(builder);
        }
        let value = HeaderValue::from_str(&self.pairs.join("; "))
            .map_err(|_| refuse("Cookie", "a cookie name cannot be sent"))?;
        Ok(builder.header(COOKIE, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let Err(Failure(Error::InvalidParameter { name, .. })) = path_segment("id", value)
            else {
                panic!("{value:?} was accepted");
            };
            assert_eq!(name, "id");
        }
        assert_eq!(path_segment("id", "...").unwrap(), "...");
        assert_eq!(path_segment("id", "a/../b").unwrap(), "a%2F..%2Fb");
    }

    #[test]
    fn multi_segment_values_keep_their_slashes_and_refuse_the_rest() {
        assert_eq!(path_segments("path", "").unwrap(), "");
        assert_eq!(
            path_segments("path", "docs/README.md").unwrap(),
            "docs/README.md"
        );
        assert_eq!(
            path_segments("path", "a b/c?d#e").unwrap(),
            "a%20b/c%3Fd%23e"
        );
        for value in ["a//b", "/a", "a/", ".", "a/../b", "./a", "a/.."] {
            let Err(Failure(Error::InvalidParameter { name, .. })) = path_segments("path", value)
            else {
                panic!("{value:?} was accepted");
            };
            assert_eq!(name, "path");
        }
    }

    #[test]
    fn a_part_that_cannot_be_serialized_is_an_error() {
        let mut map = std::collections::BTreeMap::new();
        map.insert((1, 2), "x");
        let Err(Failure(Error::InvalidRequest(message))) = json_part("meta", &map) else {
            panic!("serialized");
        };
        assert!(
            message.starts_with("the multipart part meta could not be serialized"),
            "{message}"
        );
        assert_eq!(json_part("tags", &["a"]).unwrap(), r#"["a"]"#);
    }

    #[test]
    fn json_parameters_are_json_text() {
        let sort = serde_json::json!({"value": -1});
        assert_eq!(
            json_param("sort", &sort, JsonText::Value).unwrap(),
            r#"{"value":-1}"#
        );
        assert_eq!(json_param("q", &"plain", JsonText::Value).unwrap(), "plain");
        assert_eq!(
            json_param("q", &"plain", JsonText::Content).unwrap(),
            r#""plain""#
        );
        assert_eq!(
            json_param("ids", &[[1, 2]], JsonText::Content).unwrap(),
            "[[1,2]]"
        );
    }

    #[test]
    fn cookie_values_cannot_add_cookies() {
        let mut cookies = Cookies::new();
        cookies.push("session", "abc; sid=ATTACKER; admin=1");
        cookies.push("lang", "ü 100%");
        assert_eq!(
            cookies.pairs,
            [
                "session=abc%3B%20sid=ATTACKER%3B%20admin=1",
                "lang=%C3%BC%20100%25"
            ]
        );
        assert!(is_cookie_value("abc-123_=."));
        assert!(!is_cookie_value("a;b"));
        assert!(!is_cookie_value("ü"));
    }
}
