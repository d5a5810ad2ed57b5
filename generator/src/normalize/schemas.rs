//! Checks every schema on its own before the whole document is deserialized.
//!
//! openapiv3 reads schemas through untagged enums; when something deep in a
//! schema is malformed, serde retries every variant at every level above it,
//! which takes time exponential in the depth. Checking each schema shallowly
//! (its sub-schemas replaced by `{}`) first costs time linear in the document
//! and names the exact place of the fault.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::locate::Locator;
use crate::pointer::Pointer;

/// Keywords whose value is one schema.
const ONE: &[&str] = &["items", "not", "additionalProperties"];
/// Keywords whose value is a list of schemas.
const LIST: &[&str] = &["allOf", "oneOf", "anyOf"];

/// Checks every schema of the document; the first malformed one is the error.
pub fn check(value: &Value, locator: &Locator) -> Result<(), Error> {
    walk(value, &mut Pointer::root(), locator)
}

/// Outside schemas: looks for `schema` keys and `components/schemas`.
fn walk(value: &Value, pointer: &mut Pointer, locator: &Locator) -> Result<(), Error> {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                // Example values may hold anything, `schema` keys included.
                if matches!(key.as_str(), "example" | "examples" | "default")
                    || super::is_extension(key)
                {
                    continue;
                }
                let len = pointer.enter(key);
                if key == "schema" {
                    schema(child, pointer, locator)?;
                } else if key == "schemas"
                    && len == "#/components".len()
                    && pointer.starts_with("#/components/")
                {
                    if let Value::Object(schemas) = child {
                        for (name, each) in schemas {
                            let inner = pointer.enter(name);
                            schema(each, pointer, locator)?;
                            pointer.truncate(inner);
                        }
                    }
                } else {
                    walk(child, pointer, locator)?;
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = pointer.enter(&index.to_string());
                walk(child, pointer, locator)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks one schema, its sub-schemas first.
fn schema(value: &Value, pointer: &mut Pointer, locator: &Locator) -> Result<(), Error> {
    if let Value::Object(map) = value {
        for (key, child) in map {
            let len = pointer.enter(key);
            if ONE.contains(&key.as_str()) && child.is_object() {
                schema(child, pointer, locator)?;
            } else if LIST.contains(&key.as_str()) {
                for (index, member) in child.as_array().into_iter().flatten().enumerate() {
                    let inner = pointer.enter(&index.to_string());
                    schema(member, pointer, locator)?;
                    pointer.truncate(inner);
                }
            } else if key == "properties" {
                for (name, property) in child.as_object().into_iter().flatten() {
                    let inner = pointer.enter(name);
                    schema(property, pointer, locator)?;
                    pointer.truncate(inner);
                }
            }
            pointer.truncate(len);
        }
    }
    let shallow = shallow(value);
    openapiv3::ReferenceOr::<openapiv3::Schema>::deserialize(&shallow)
        .map(|_| ())
        .map_err(|error| {
            Error::spec(
                locator.locate(pointer),
                format!("not a valid schema: {error}"),
                Some("check the schema against the OpenAPI 3.0 specification"),
            )
        })
}

/// The schema with its (already checked) sub-schemas replaced by `{}`.
fn shallow(value: &Value) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    let empty = || Value::Object(Map::new());
    let mut out = Map::new();
    for (key, child) in map {
        let replaced = if ONE.contains(&key.as_str()) && child.is_object() {
            empty()
        } else if LIST.contains(&key.as_str()) && child.is_array() {
            Value::Array(
                child
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|_| empty())
                    .collect(),
            )
        } else if key == "properties" && child.is_object() {
            Value::Object(
                child
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| (k.clone(), empty()))
                    .collect(),
            )
        } else if matches!(key.as_str(), "description" | "title") && child.is_string() {
            // Only its type matters here; the text is most of a schema's bytes.
            Value::String(String::new())
        } else {
            child.clone()
        };
        out.insert(key.clone(), replaced);
    }
    Value::Object(out)
}
