//! `Serialize` for generated structs: one call per field in a plain method.
//!
//! `#[derive(Serialize)]` with `skip_serializing_if` costs a large client
//! more compile time than anything but reading; a generated struct instead
//! writes itself through [`Fields`], and the output is the derive's:
//! `serialize_struct` with the number of fields written, absent optional
//! fields skipped, and `serialize_map` when the struct keeps additional
//! properties (as `#[serde(flatten)]` does).

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// Where a struct's fields go: a `serialize_struct` or, with additional
/// properties, a `serialize_map`.
pub trait Sink {
    type Ok;
    type Error: serde::ser::Error;
    fn put<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error>;
    fn skip(&mut self, key: &'static str) -> Result<(), Self::Error>;
    fn finish(self) -> Result<Self::Ok, Self::Error>;
}

/// A struct's fields as a `serialize_struct`.
pub struct Struct<M>(M);

impl<M: SerializeStruct> Sink for Struct<M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn put<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_field(key, value)
    }
    fn skip(&mut self, key: &'static str) -> Result<(), M::Error> {
        self.0.skip_field(key)
    }
    fn finish(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

/// A struct's fields, then its additional properties, as a `serialize_map`.
pub struct Map<M>(M);

impl<M: SerializeMap> Sink for Map<M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn put<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }
    fn skip(&mut self, _key: &'static str) -> Result<(), M::Error> {
        Ok(())
    }
    fn finish(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

/// The fields of one struct being written.
pub struct Fields<S>(S);

/// Starts a struct named `name` that writes `len` fields.
pub fn fields<S: Serializer>(
    serializer: S,
    name: &'static str,
    len: usize,
) -> Result<Fields<Struct<S::SerializeStruct>>, S::Error> {
    serializer
        .serialize_struct(name, len)
        .map(|s| Fields(Struct(s)))
}

/// Starts a struct that keeps additional properties: a map, as with
/// `#[serde(flatten)]`.
pub fn entries<S: Serializer>(serializer: S) -> Result<Fields<Map<S::SerializeMap>>, S::Error> {
    serializer.serialize_map(None).map(|m| Fields(Map(m)))
}

/// How many of the optional fields are there: with the required ones, the
/// `len` of [`fields`].
pub fn present(fields: &[bool]) -> usize {
    fields.iter().filter(|present| **present).count()
}

impl<S: Sink> Fields<S> {
    /// A field that is always written (`null` for a required nullable one).
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.put(key, value)
    }

    /// A field left out when `None`; `Some(None)` of an `Option<Option<T>>`
    /// is written as `null`.
    pub fn optional<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(value) => self.0.put(key, value),
            None => self.0.skip(key),
        }
    }

    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.0.finish()
    }
}

impl<M: SerializeMap> Fields<Map<M>> {
    /// The additional properties, after the documented fields.
    pub fn rest<V: Serialize>(&mut self, properties: &BTreeMap<String, V>) -> Result<(), M::Error> {
        properties
            .iter()
            .try_for_each(|(key, value)| (self.0).0.serialize_entry(key, value))
    }
}

#[cfg(test)]
mod tests {
    //! Each hand-written impl is checked against the derive it replaces.
    use std::collections::BTreeMap;

    use serde::{Serialize, Serializer};

    #[derive(Serialize)]
    struct Derived {
        id: i64,
        #[serde(rename = "display-name")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        email: Option<String>,
        #[serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "crate::__private::double_option::serialize"
        )]
        note: Option<Option<String>>,
    }

    struct Written {
        id: i64,
        name: Option<String>,
        email: Option<String>,
        note: Option<Option<String>>,
    }

    impl Serialize for Written {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let len = 2 + super::present(&[self.email.is_some(), self.note.is_some()]);
            let mut out = super::fields(serializer, "Written", len)?;
            out.field("id", &self.id)?;
            out.field("display-name", &self.name)?;
            out.optional("email", &self.email)?;
            out.optional("note", &self.note)?;
            out.end()
        }
    }

    #[derive(Serialize)]
    struct DerivedExtra {
        id: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        email: Option<String>,
        #[serde(flatten)]
        rest: BTreeMap<String, i64>,
    }

    struct WrittenExtra {
        id: i64,
        email: Option<String>,
        rest: BTreeMap<String, i64>,
    }

    impl Serialize for WrittenExtra {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut out = super::entries(serializer)?;
            out.field("id", &self.id)?;
            out.optional("email", &self.email)?;
            out.rest(&self.rest)?;
            out.end()
        }
    }

    #[test]
    fn writes_what_the_derive_writes() {
        let notes = [None, Some(None), Some(Some("hi".to_owned()))];
        for email in [None, Some("a@example.com".to_owned())] {
            for note in &notes {
                for name in [None, Some("Ann".to_owned())] {
                    let derived = Derived {
                        id: 7,
                        name: name.clone(),
                        email: email.clone(),
                        note: note.clone(),
                    };
                    let written = Written {
                        id: 7,
                        name,
                        email: email.clone(),
                        note: note.clone(),
                    };
                    assert_eq!(
                        serde_json::to_string(&written).unwrap(),
                        serde_json::to_string(&derived).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn writes_additional_properties_after_the_fields_as_flatten_does() {
        let rest = BTreeMap::from([("a".to_owned(), 1), ("z".to_owned(), 2)]);
        for email in [None, Some("a@example.com".to_owned())] {
            let derived = DerivedExtra {
                id: 1,
                email: email.clone(),
                rest: rest.clone(),
            };
            let written = WrittenExtra {
                id: 1,
                email,
                rest: rest.clone(),
            };
            let json = serde_json::to_string(&written).unwrap();
            assert_eq!(json, serde_json::to_string(&derived).unwrap());
            assert!(json.ends_with(r#""a":1,"z":2}"#), "{json}");
        }
    }
}
