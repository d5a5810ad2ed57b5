//! Reading discriminated unions in time linear in the body.
//!
//! A tagged union must see its discriminator before it knows which variant
//! to read, so it reads the object into a `serde_json::Value` first. Read
//! again from that `Value` with `serde_json::from_value`, a union nested in
//! the variant reads its own object into a new `Value`, rebuilding it: one
//! copy of the subtree per level (a 64 MB body nested 60 deep took 43.5 s
//! against 1.9 s to parse). [`from_buffered`] reads a variant from the
//! `Value` through [`Buffered`], a deserializer that hands a nested union
//! its subtree as it is when it asks through [`buffer`], so every byte is
//! read once and every node built once.

use std::cell::RefCell;

use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, Error as _, IntoDeserializer, MapAccess,
    SeqAccess, Visitor,
};
use serde_json::{Error, Map, Value};

/// The newtype-struct name through which a union asks for its value whole.
const HAND_OVER: &str = "$clientgen_runtime::__private::buffered";

thread_local! {
    /// The value [`Buffered`] hands to the [`buffer`] call it is answering.
    static HANDED: RefCell<Option<Value>> = const { RefCell::new(None) };
}

/// The whole value a union is read from: taken as it is from a
/// [`Buffered`] deserializer, read (once) from any other.
pub fn buffer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    deserializer.deserialize_newtype_struct(HAND_OVER, Buffer)
}

/// `T` read from `value`, which is moved, never copied.
pub fn from_buffered<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    T::deserialize(Buffered(value))
}

struct Buffer;

impl<'de> Visitor<'de> for Buffer {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    /// Any other deserializer: the value is read from it.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        <Value as serde::Deserialize>::deserialize(d)
    }

    /// [`Buffered`] answered: the value is in [`HANDED`].
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(HANDED
            .with(|handed| handed.borrow_mut().take())
            .unwrap_or(Value::Null))
    }
}

/// A `Value` read as a deserializer that moves its parts out.
pub struct Buffered(Value);

impl<'de> Deserializer<'de> for Buffered {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let len = items.len();
                let mut seq = Items(items.into_iter());
                let read = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(read),
                    _ => Err(Error::invalid_length(len, &"fewer elements in array")),
                }
            }
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Buffered(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == HAND_OVER {
            HANDED.with(|handed| *handed.borrow_mut() = Some(self.0));
            visitor.visit_unit()
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

struct Items(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(Buffered(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries {
    entries: <Map<String, Value> as IntoIterator>::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Error::custom("a value was asked for before its key"))?;
        seed.deserialize(Buffered(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{buffer, from_buffered};

    /// What a generated tagged union does, by hand: buffer, pick, read on.
    #[derive(Debug, PartialEq)]
    enum Node {
        Leaf(i64),
        Branch(Box<Node>, Vec<Option<String>>),
    }

    impl<'de> serde::Deserialize<'de> for Node {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            use serde::de::Error;
            let mut value = buffer(d)?;
            match value.get("kind").and_then(|k| k.as_str()) {
                Some("leaf") => Ok(Node::Leaf(value["n"].as_i64().unwrap_or_default())),
                Some("branch") => {
                    let child = value["child"].take();
                    let labels = value["labels"].take();
                    Ok(Node::Branch(
                        Box::new(from_buffered(child).map_err(D::Error::custom)?),
                        from_buffered(labels).map_err(D::Error::custom)?,
                    ))
                }
                _ => Err(D::Error::custom("unknown kind")),
            }
        }
    }

    #[test]
    fn nested_unions_read_the_same_as_from_text() {
        let body = json!({"kind": "branch", "labels": ["a", null], "child":
            {"kind": "branch", "labels": [], "child": {"kind": "leaf", "n": 7}}});
        let from_text: Node = serde_json::from_str(&body.to_string()).unwrap();
        let from_value: Node = from_buffered(body).unwrap();
        assert_eq!(from_text, from_value);
        assert_eq!(
            from_value,
            Node::Branch(
                Box::new(Node::Branch(Box::new(Node::Leaf(7)), vec![])),
                vec![Some("a".into()), None]
            )
        );
    }

    #[test]
    fn plain_types_read_from_a_buffered_value_as_from_value() {
        let value = json!({"a": [1, 2.5, "x", null, true], "b": {"c": null}});
        type Shape = std::collections::BTreeMap<String, serde_json::Value>;
        let moved: Shape = from_buffered(value.clone()).unwrap();
        let copied: Shape = serde_json::from_value(value).unwrap();
        assert_eq!(moved, copied);
        let numbers: Vec<Option<u8>> = from_buffered(json!([1, null, 255])).unwrap();
        assert_eq!(numbers, [Some(1), None, Some(255)]);
        let error = from_buffered::<Vec<u8>>(json!([1, 256])).unwrap_err();
        assert!(error.to_string().contains("256"), "{error}");
    }
}
