//! Schemas read one level at a time, so that a malformed one costs time
//! linear in the document and is named at its exact place.
//!
//! openapiv3 reads schemas through untagged enums; when something deep in a
//! schema is malformed, serde retries every variant at every level above it,
//! which takes time exponential in the depth. [`read`] deserializes each
//! schema shallowly (its sub-schemas replaced by `{}`), sub-schemas first,
//! and puts the sub-schemas back into what it read. A schema's kind depends
//! only on which keywords it has, never on what its sub-schemas hold, so the
//! result is what reading it whole gives.
//!
//! Component schemas, most of a large document's, are read this way and
//! kept ([`read`]); every other schema is checked this way ([`check`])
//! before the document that holds it is deserialized whole.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};
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
    walk(value, &mut Pointer::root(), locator, true)
}

/// [`check`] for every schema but the component schemas, which [`read`] checks.
pub fn check_outside_components(value: &Value, locator: &Locator) -> Result<(), Error> {
    walk(value, &mut Pointer::root(), locator, false)
}

/// Outside schemas: looks for `schema` keys and, with `components`,
/// `components/schemas`.
fn walk(
    value: &Value,
    pointer: &mut Pointer,
    locator: &Locator,
    components: bool,
) -> Result<(), Error> {
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
                    if let (true, Value::Object(schemas)) = (components, child) {
                        for (name, each) in schemas {
                            let inner = pointer.enter(name);
                            schema(each, pointer, locator)?;
                            pointer.truncate(inner);
                        }
                    }
                } else {
                    walk(child, pointer, locator, components)?;
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = pointer.enter(&index.to_string());
                walk(child, pointer, locator, components)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks one schema: reads a copy ([`read`]), so that what is checked
/// and what is read cannot disagree.
fn schema(value: &Value, pointer: &mut Pointer, locator: &Locator) -> Result<(), Error> {
    read(value.clone(), pointer, locator).map(drop)
}

fn not_a_schema(error: serde_json::Error, pointer: &Pointer, locator: &Locator) -> Error {
    Error::spec(
        locator.locate(pointer),
        format!("not a valid schema: {error}"),
        Some("check the schema against the OpenAPI 3.0 specification"),
    )
}

/// Reads one schema, consumed: its sub-schemas first, in the order they are
/// written, then the schema with each of them `{}`, so no read can backtrack
/// into a sub-schema; the first malformed one is the error.
pub fn read(
    mut value: Value,
    pointer: &mut Pointer,
    locator: &Locator,
) -> Result<ReferenceOr<Schema>, Error> {
    let mut subs = Subschemas::default();
    if let Value::Object(map) = &mut value {
        for (key, child) in map.iter_mut() {
            let len = pointer.enter(key);
            if ONE.contains(&key.as_str()) && child.is_object() {
                let read = read(std::mem::replace(child, empty()), pointer, locator)?;
                match key.as_str() {
                    "items" => subs.items = Some(read),
                    "not" => subs.not = Some(read),
                    _ => subs.additional = Some(read),
                }
            } else if LIST.contains(&key.as_str()) {
                if let Value::Array(members) = child {
                    let mut read_members = Vec::with_capacity(members.len());
                    for (index, member) in members.iter_mut().enumerate() {
                        let inner = pointer.enter(&index.to_string());
                        read_members.push(read(
                            std::mem::replace(member, empty()),
                            pointer,
                            locator,
                        )?);
                        pointer.truncate(inner);
                    }
                    match key.as_str() {
                        "allOf" => subs.all_of = Some(read_members),
                        "oneOf" => subs.one_of = Some(read_members),
                        _ => subs.any_of = Some(read_members),
                    }
                }
            } else if key == "properties" {
                if let Value::Object(properties) = child {
                    for (name, property) in properties.iter_mut() {
                        let inner = pointer.enter(name);
                        let read = read(std::mem::replace(property, empty()), pointer, locator)?;
                        subs.properties.push((name.clone(), read));
                        pointer.truncate(inner);
                    }
                }
            }
            pointer.truncate(len);
        }
    }
    let shallow = ReferenceOr::<Schema>::deserialize(value)
        .map_err(|error| not_a_schema(error, pointer, locator))?;
    Ok(subs.put_back(shallow))
}

fn empty() -> Value {
    Value::Object(Map::new())
}

/// A schema's sub-schemas, read, by the keyword that holds them.
#[derive(Default)]
struct Subschemas {
    items: Option<ReferenceOr<Schema>>,
    not: Option<ReferenceOr<Schema>>,
    additional: Option<ReferenceOr<Schema>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    properties: Vec<(String, ReferenceOr<Schema>)>,
}

impl Subschemas {
    /// `shallow` with each `{}` that stands for a sub-schema replaced by it.
    /// A keyword its kind has no place for is dropped, as reading whole drops it.
    fn put_back(self, shallow: ReferenceOr<Schema>) -> ReferenceOr<Schema> {
        let ReferenceOr::Item(mut schema) = shallow else {
            return shallow;
        };
        match &mut schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                put_properties(&mut object.properties, self.properties);
                put_additional(&mut object.additional_properties, self.additional);
            }
            SchemaKind::Type(Type::Array(array)) => put_boxed(&mut array.items, self.items),
            SchemaKind::OneOf { one_of } => put_list(one_of, self.one_of),
            SchemaKind::AllOf { all_of } => put_list(all_of, self.all_of),
            SchemaKind::AnyOf { any_of } => put_list(any_of, self.any_of),
            SchemaKind::Not { not } => {
                if let Some(read) = self.not {
                    **not = read;
                }
            }
            SchemaKind::Any(any) => {
                put_properties(&mut any.properties, self.properties);
                put_additional(&mut any.additional_properties, self.additional);
                put_boxed(&mut any.items, self.items);
                put_list(&mut any.one_of, self.one_of);
                put_list(&mut any.all_of, self.all_of);
                put_list(&mut any.any_of, self.any_of);
                if let (Some(slot), Some(read)) = (any.not.as_mut(), self.not) {
                    **slot = read;
                }
            }
            SchemaKind::Type(_) => {}
        }
        ReferenceOr::Item(schema)
    }
}

fn boxed(read: ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match read {
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
    }
}

fn put_properties(
    slots: &mut indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    read: Vec<(String, ReferenceOr<Schema>)>,
) {
    for (name, read) in read {
        if let Some(slot) = slots.get_mut(&name) {
            *slot = boxed(read);
        }
    }
}

fn put_additional(slot: &mut Option<AdditionalProperties>, read: Option<ReferenceOr<Schema>>) {
    if let (Some(AdditionalProperties::Schema(slot)), Some(read)) = (slot, read) {
        **slot = read;
    }
}

fn put_boxed(slot: &mut Option<ReferenceOr<Box<Schema>>>, read: Option<ReferenceOr<Schema>>) {
    if let (Some(slot), Some(read)) = (slot, read) {
        *slot = boxed(read);
    }
}

fn put_list(slots: &mut Vec<ReferenceOr<Schema>>, read: Option<Vec<ReferenceOr<Schema>>>) {
    if let Some(read) = read {
        *slots = read;
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read_whole(value: &Value) -> ReferenceOr<Schema> {
        ReferenceOr::<Schema>::deserialize(value).unwrap()
    }

    fn read_shallow_first(value: &Value) -> Result<ReferenceOr<Schema>, Error> {
        let locator = Locator::new("t.json".to_owned(), "{}".to_owned());
        read(
            value.clone(),
            &mut Pointer::parse("#/components/schemas/T"),
            &locator,
        )
    }

    #[test]
    fn a_schema_read_shallow_first_is_the_schema_read_whole() {
        let sub = json!({"type": "string", "description": "text", "enum": ["a"]});
        let schemas = [
            json!({"type": "object", "required": ["a"], "properties": {"a": sub, "b": {"$ref": "#/x"}},
                   "additionalProperties": {"type": "array", "items": sub}}),
            json!({"type": "object", "additionalProperties": true, "properties": {}}),
            json!({"type": "array", "items": {"allOf": [sub, {"$ref": "#/y"}]}}),
            json!({"oneOf": [sub, {"anyOf": [sub, {"not": sub}]}], "discriminator": {"propertyName": "k"}}),
            json!({"not": {"type": "object", "properties": {"n": sub}}}),
            // No kind: every keyword in `Any`.
            json!({"items": sub, "properties": {"p": sub}, "additionalProperties": sub,
                   "oneOf": [sub], "allOf": [sub], "anyOf": [sub], "not": sub, "nullable": true}),
            // Keywords the kind has no place for, and a reference with siblings.
            json!({"type": "string", "items": sub, "properties": {"p": sub}}),
            json!({"$ref": "#/z", "properties": {"p": sub}}),
        ];
        for schema in schemas {
            let whole = serde_json::to_value(read_whole(&schema)).unwrap();
            let shallow_first = serde_json::to_value(read_shallow_first(&schema).unwrap()).unwrap();
            assert_eq!(shallow_first, whole, "{schema}");
        }
    }

    #[test]
    fn the_deepest_first_malformed_schema_is_the_error_as_the_check_finds_it() {
        let schema = json!({"type": "object", "properties": {
            "a": {"type": "array", "items": {"type": "object", "properties": {"b": {"type": 7}}}},
            "c": {"type": 8},
        }});
        let error = read_shallow_first(&schema).unwrap_err().to_string();
        assert!(
            error.contains("#/components/schemas/T/properties/a/items/properties/b")
                && error.contains("not a valid schema"),
            "{error}"
        );
        let document = json!({"components": {"schemas": {"T": schema}}});
        let checked = check(
            &document,
            &Locator::new("t.json".to_owned(), "{}".to_owned()),
        )
        .unwrap_err();
        assert_eq!(checked.to_string(), error);
    }
}
