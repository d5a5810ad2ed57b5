//! Reading JSON objects into generated structs.
//!
//! `#[derive(Deserialize)]` writes, for every struct, a field enum with its
//! own visitor, a sequence visitor and a map visitor: about thirty lines of
//! generic code per field, which is where most of the compile time of a large
//! client went (GitHub's: 80 of 117 seconds of `cargo check`). Generated
//! structs instead implement [`Object`] with one match arm per field and let
//! [`object`] do the rest; what is read, and every error, is the same as the
//! derive's, with one difference: the derive also accepts a struct written
//! as an array of its field values in order (`[1, null, "n"]`), a form of
//! serde's non-self-describing formats that no JSON API sends, and that
//! would cost a sequence visitor per struct. Here it is refused with
//! "invalid type: sequence, expected a `Name` object".

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};

/// A struct read from the entries of a JSON object.
pub trait Object<'de>: Sized {
    /// The struct's name, for "invalid type: …, expected …" messages.
    const NAME: &'static str;

    /// Reads the object's entries; unknown keys are skipped (see [`skip`]).
    fn read<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` for an [`Object`].
pub fn object<'de, T: Object<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// `Deserialize::deserialize` for a string enum: its `From<&str>` reads
/// the text where it lies, so no known value allocates (serde's `Cow<str>`
/// always would).
pub fn text<'de, T: for<'a> From<&'a str>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(TextVisitor(PhantomData))
}

/// [`text`] for a string enum whose `unknown` says which values are not the
/// spec's: each is noted as drift (see `drift.rs`), under `type_name`.
pub fn enum_text<'de, T: for<'a> From<&'a str>, D: Deserializer<'de>>(
    deserializer: D,
    type_name: &'static str,
    unknown: fn(&T) -> bool,
) -> Result<T, D::Error> {
    let value: T = text(deserializer)?;
    if unknown(&value) {
        crate::drift::unknown_value(type_name);
    }
    Ok(value)
}

struct TextVisitor<T>(PhantomData<T>);

impl<T: for<'a> From<&'a str>> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// A key of an object, borrowed from the input where it can be.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }
}

/// One field of a struct being read: its key and, once seen, its value.
pub struct Slot<T> {
    name: &'static str,
    value: Option<T>,
}

impl<T> Slot<T> {
    pub fn new(name: &'static str) -> Self {
        Slot { name, value: None }
    }

    /// Reads the field's value; a key that comes twice is an error, as
    /// with the derive.
    pub fn read<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        if self.value.is_some() {
            return Err(A::Error::duplicate_field(self.name));
        }
        self.value = Some(map.next_value()?);
        Ok(())
    }

    /// The value of a required field, or "missing field `name`".
    pub fn required<E: Error>(self) -> Result<T, E> {
        let name = self.name;
        self.value.ok_or_else(|| E::missing_field(name))
    }

    /// The value if the key was there (`Some(None)` for a `null` read as
    /// `Option`).
    pub fn optional(self) -> Option<T> {
        self.value
    }
}

impl<T> Slot<Option<T>> {
    /// The value, `None` whether the key was missing or `null`.
    pub fn or_null(self) -> Option<T> {
        self.value.flatten()
    }
}

/// Skips the value of a key the struct does not know.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// Skips every entry: a struct without fields.
pub fn skip_all<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// What a generated struct looks like: one field of each presence and
    /// the properties beyond them.
    #[derive(Debug, PartialEq)]
    struct User {
        id: i64,
        manager: Option<String>,
        nickname: Option<String>,
        note: Option<Option<String>>,
        additional_properties: BTreeMap<String, serde_json::Value>,
    }

    impl<'de> Deserialize<'de> for User {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            object(deserializer)
        }
    }

    impl<'de> Object<'de> for User {
        const NAME: &'static str = "User";

        fn read<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut id = Slot::new("id");
            let mut manager = Slot::new("manager");
            let mut nickname = Slot::new("nickname");
            let mut note = Slot::new("note");
            let mut additional_properties = BTreeMap::new();
            while let Some(key) = map.next_key::<Key>()? {
                match key.as_str() {
                    "id" => id.read(&mut map)?,
                    "manager" => manager.read(&mut map)?,
                    "nickname" => nickname.read(&mut map)?,
                    "note" => note.read(&mut map)?,
                    _ => {
                        let value = map.next_value()?;
                        additional_properties.insert(key.into_string(), value);
                    }
                }
            }
            Ok(Self {
                id: id.required()?,
                manager: manager.or_null(),
                nickname: nickname.or_null(),
                note: note.optional(),
                additional_properties,
            })
        }
    }

    #[derive(Debug, PartialEq)]
    struct Empty {}

    impl<'de> Deserialize<'de> for Empty {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            object(deserializer)
        }
    }

    impl<'de> Object<'de> for Empty {
        const NAME: &'static str = "Empty";

        fn read<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
            skip_all(map)?;
            Ok(Self {})
        }
    }

    fn read<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// The one documented difference from the derive (see the module's docs).
    #[test]
    fn the_sequence_form_of_a_struct_is_refused_by_name() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Derived {
            id: i64,
            manager: Option<String>,
            nickname: Option<String>,
        }
        let sequence = r#"[1, null, "n"]"#;
        assert!(serde_json::from_str::<Derived>(sequence).is_ok());
        let error = read::<User>(sequence).unwrap_err();
        assert!(
            error.starts_with("invalid type: sequence, expected a User object"),
            "{error}"
        );
    }

    #[test]
    fn every_presence_reads_as_the_derive_would() {
        let user: User = read(r#"{"id": 1, "manager": null, "note": null, "x": [1]}"#).unwrap();
        assert_eq!(
            user,
            User {
                id: 1,
                manager: None,
                nickname: None,
                note: Some(None),
                additional_properties: [("x".to_owned(), serde_json::json!([1]))].into(),
            }
        );
        let user: User =
            read(r#"{"nickname": "n", "id": 2, "note": "x", "manager": "m"}"#).unwrap();
        assert_eq!(user.manager.as_deref(), Some("m"));
        assert_eq!(user.nickname.as_deref(), Some("n"));
        assert_eq!(user.note, Some(Some("x".to_owned())));
        assert!(user.additional_properties.is_empty());
    }

    /// `User` as serde's derive reads it.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // read only to compare errors
    struct Derived {
        id: i64,
        manager: Option<String>,
        #[serde(default)]
        nickname: Option<String>,
        #[serde(default, with = "crate::__private::double_option")]
        note: Option<Option<String>>,
        #[serde(flatten)]
        additional_properties: BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn errors_are_the_derives() {
        for json in [
            r#"{"manager": "m"}"#,
            r#"{"id": 1, "id": 2}"#,
            r#"{"id": "1"}"#,
            r#"{"id": 1, "note": 5}"#,
            r#"{"id": 1, "x": }"#,
            "[1]",
            "7",
        ] {
            let ours = read::<User>(json).unwrap_err();
            let derived = read::<Derived>(json).unwrap_err();
            let strip = |e: &str| e.split(" at line").next().unwrap_or_default().to_owned();
            assert_eq!(
                strip(&ours),
                strip(&derived).replace("expected struct Derived", "expected a User object"),
                "{json}"
            );
        }
        assert_eq!(read::<Empty>(r#"{"a": {"b": [1, {}]}}"#), Ok(Empty {}));
    }

    #[test]
    fn keys_with_escapes_are_read_too() {
        let user: User = read(r#"{"\u0069d": 3, "k\"ey": 1}"#).unwrap();
        assert_eq!(user.id, 3);
        assert!(user.additional_properties.contains_key("k\"ey"));
    }
}
