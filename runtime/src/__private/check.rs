//! Client-side checks of documented constraints, run before anything is sent.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use regex::Regex;

/// A documented constraint that a value breaks. It may gain fields; it is
/// made by the checks generated code calls.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationError {
    /// Where the value is: `body.email`, `body[0].loginName`, or a parameter's name (`accountId`).
    pub field: String,
    /// What the constraint is, in words.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ValidationError {}

/// Checks a value against the constraints its schema documents.
pub trait Validate {
    /// Checks `self`, found at `at` (`"body"`, or `""` for a value on its
    /// own); the first broken constraint is the error.
    fn validate(&self, at: &str) -> Result<(), ValidationError> {
        self.validate_at(&Path::Top(at))
    }

    /// [`Validate::validate`] below a path that is written out only when a
    /// check fails. Generated code implements this one.
    #[doc(hidden)]
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError>;
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.iter()
            .enumerate()
            .try_for_each(|(index, item)| item.validate_at(&Path::Item(at, index)))
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.as_slice().validate_at(at)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.as_ref().map_or(Ok(()), |value| value.validate_at(at))
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        (**self).validate_at(at)
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.iter()
            .try_for_each(|(key, value)| value.validate_at(&Path::Field(at, key)))
    }
}

/// Where a checked value is (`body.tags[2]`), kept as borrowed parts and
/// written out only when a check fails: checks that pass allocate nothing.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// Where the check started: `body`, or nothing.
    Top(&'a str),
    /// A field or map entry.
    Field(&'a Path<'a>, &'a str),
    /// An array item.
    Item(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Top(at) => f.write_str(at),
            Path::Field(Path::Top(""), name) => f.write_str(name),
            Path::Field(at, name) => write!(f, "{at}.{name}"),
            Path::Item(at, index) => write!(f, "{at}[{index}]"),
        }
    }
}

/// The path of a field below `at`.
pub fn field<'a>(at: &'a Path<'a>, name: &'a str) -> Path<'a> {
    Path::Field(at, name)
}

/// The path of an array's item below `at` (`tags[2]`), written out only
/// when a check fails.
pub fn item<A: fmt::Display>(at: A, index: usize) -> Item<A> {
    Item { at, index }
}

/// An item's path: `body.tags[2]`.
#[derive(Clone, Copy, Debug)]
pub struct Item<A> {
    at: A,
    index: usize,
}

impl<A: fmt::Display> fmt::Display for Item<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.at, self.index)
    }
}

fn fail(at: impl fmt::Display, message: String) -> Result<(), ValidationError> {
    Err(ValidationError {
        field: at.to_string(),
        message,
    })
}

/// Text a check reads: shown in the error, unless it is a secret.
pub trait Text {
    /// The text itself.
    fn text(&self) -> &str;
    /// Whether an error may repeat it (or its length).
    fn shown(&self) -> bool {
        true
    }
}

impl Text for str {
    fn text(&self) -> &str {
        self
    }
}

impl Text for String {
    fn text(&self) -> &str {
        self
    }
}

impl Text for crate::SecretString {
    fn text(&self) -> &str {
        self.expose()
    }
    fn shown(&self) -> bool {
        false
    }
}

impl<T: Text + ?Sized> Text for &T {
    fn text(&self) -> &str {
        (**self).text()
    }
    fn shown(&self) -> bool {
        (**self).shown()
    }
}

/// `minLength`, counted in characters as JSON Schema does.
pub fn min_length(
    at: impl fmt::Display,
    value: &(impl Text + ?Sized),
    min: usize,
) -> Result<(), ValidationError> {
    let length = value.text().chars().count();
    if length < min {
        let is = if value.shown() {
            format!("is {length} characters long")
        } else {
            "is too short".to_owned()
        };
        return fail(at, format!("{is}, at least {min} are required"));
    }
    Ok(())
}

/// `maxLength`, counted in characters as JSON Schema does.
pub fn max_length(
    at: impl fmt::Display,
    value: &(impl Text + ?Sized),
    max: usize,
) -> Result<(), ValidationError> {
    let length = value.text().chars().count();
    if length > max {
        let is = if value.shown() {
            format!("is {length} characters long")
        } else {
            "is too long".to_owned()
        };
        return fail(at, format!("{is}, at most {max} are allowed"));
    }
    Ok(())
}

/// `minItems`.
pub fn min_items<T>(at: impl fmt::Display, value: &[T], min: usize) -> Result<(), ValidationError> {
    if value.len() < min {
        return fail(
            at,
            format!("has {} items, at least {min} are required", value.len()),
        );
    }
    Ok(())
}

/// `maxItems`.
pub fn max_items<T>(at: impl fmt::Display, value: &[T], max: usize) -> Result<(), ValidationError> {
    if value.len() > max {
        return fail(
            at,
            format!("has {} items, at most {max} are allowed", value.len()),
        );
    }
    Ok(())
}

/// `minimum` and `exclusiveMinimum`.
pub fn minimum(
    at: impl fmt::Display,
    value: f64,
    min: f64,
    exclusive: bool,
) -> Result<(), ValidationError> {
    if value < min || (exclusive && value == min) {
        let relation = if exclusive {
            "greater than"
        } else {
            "at least"
        };
        return fail(at, format!("is {value}, it must be {relation} {min}"));
    }
    Ok(())
}

/// `maximum` and `exclusiveMaximum`.
pub fn maximum(
    at: impl fmt::Display,
    value: f64,
    max: f64,
    exclusive: bool,
) -> Result<(), ValidationError> {
    if value > max || (exclusive && value == max) {
        let relation = if exclusive { "less than" } else { "at most" };
        return fail(at, format!("is {value}, it must be {relation} {max}"));
    }
    Ok(())
}

/// `enum` on a value that is not typed as a Rust enum.
pub fn one_of<T: PartialEq + fmt::Debug>(
    at: impl fmt::Display,
    value: &T,
    allowed: &[T],
) -> Result<(), ValidationError> {
    if !allowed.contains(value) {
        return fail(at, format!("is {value:?}, it must be one of {allowed:?}"));
    }
    Ok(())
}

/// `pattern`, an ECMA-262 regular expression that Rust's regex crate reads
/// (no look-around or back-references); a pattern it cannot read is not checked.
pub fn pattern(
    at: impl fmt::Display,
    value: &(impl Text + ?Sized),
    pattern: &'static str,
) -> Result<(), ValidationError> {
    static CACHE: OnceLock<Mutex<BTreeMap<&'static str, Option<Regex>>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = cache
        .entry(pattern)
        .or_insert_with(|| Regex::new(pattern).ok());
    match regex {
        Some(regex) if !regex.is_match(value.text()) => {
            let value = if value.shown() {
                format!("{:?}", value.text())
            } else {
                "the secret value".to_owned()
            };
            fail(at, format!("{value} does not match the pattern {pattern}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters() {
        assert!(max_length("name", "ééé", 3).is_ok());
        let error = max_length("name", "éééé", 3).unwrap_err();
        assert_eq!(error.field, "name");
        assert_eq!(
            error.to_string(),
            "name: is 4 characters long, at most 3 are allowed"
        );
        assert!(min_length("name", "", 1).is_err());
    }

    #[test]
    fn secrets_are_never_repeated() {
        let secret = crate::SecretString::new("hunter2");
        let errors = [
            pattern("body.password", &secret, "^[0-9]+$").unwrap_err(),
            min_length("body.password", &secret, 12).unwrap_err(),
            max_length("body.password", &&secret, 3).unwrap_err(),
        ];
        for error in errors {
            let text = error.to_string();
            assert!(!text.contains("hunter2") && !text.contains(" 7 "), "{text}");
        }
        assert_eq!(
            pattern("p", &secret, "^[0-9]+$").unwrap_err().to_string(),
            "p: the secret value does not match the pattern ^[0-9]+$"
        );
    }

    #[test]
    fn patterns_and_ranges() {
        assert!(pattern("id", "abc_1", "^[a-zA-Z0-9_]{1,20}$").is_ok());
        assert!(pattern("id", "a/b", "^[a-zA-Z0-9_]{1,20}$").is_err());
        assert!(minimum("n", 1.0, 1.0, false).is_ok());
        assert!(minimum("n", 1.0, 1.0, true).is_err());
        assert!(maximum("n", 501.0, 500.0, false).is_err());
        assert!(one_of("v", &1, &[0, 1, 2]).is_ok());
        assert!(one_of("v", &3, &[0, 1, 2]).is_err());
    }

    #[test]
    fn an_items_path_is_written_only_on_failure() {
        let at = item(item(field(&Path::Top("body"), "tags"), 2), 0);
        assert_eq!(at.to_string(), "body.tags[2][0]");
        let error = min_length(at, "", 1).unwrap_err();
        assert_eq!(error.field, "body.tags[2][0]");
        assert_eq!(field(&Path::Top(""), "email").to_string(), "email");
    }

    struct Short(&'static str);

    impl Validate for Short {
        fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
            max_length(field(at, "name"), self.0, 3)
        }
    }

    #[test]
    fn nested_values_are_placed_under_their_container() {
        let items = vec![Short("ok"), Short("long")];
        assert_eq!(items.validate("body").unwrap_err().field, "body[1].name");
        let map = BTreeMap::from([("a".to_owned(), Short("long"))]);
        assert_eq!(map.validate("").unwrap_err().field, "a.name");
        assert_eq!(Some(Short("long")).validate("").unwrap_err().field, "name");
    }
}
