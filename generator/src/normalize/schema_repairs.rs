//! Repairs inside schemas whose meaning is clear: booleans where a schema is
//! meant (JSON Schema's `true` and `false`, which OpenAPI 3.0 does not
//! allow), and keywords holding a value of the wrong type.

use serde_json::{json, Value};

use super::Repairs;
use crate::pointer::Pointer;

/// Keywords whose value is a string.
const STRINGS: &[&str] = &["pattern", "format", "title", "description", "type"];
/// Keywords whose value is a non-negative integer.
const COUNTS: &[&str] = &[
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];
/// Keywords whose value is a number.
const NUMBERS: &[&str] = &["minimum", "maximum", "multipleOf"];

/// Repairs every schema of the document.
pub fn repair(doc: &mut Value, repairs: &mut Repairs) {
    walk(doc, &mut Pointer::root(), repairs);
}

/// Outside schemas: finds `schema` keys and `components/schemas`.
fn walk(value: &mut Value, pointer: &mut Pointer, repairs: &mut Repairs) {
    match value {
        Value::Object(map) => {
            let in_components = pointer.as_str() == "#/components";
            for (key, child) in map.iter_mut() {
                if matches!(key.as_str(), "example" | "examples" | "default")
                    || super::is_extension(key)
                {
                    continue;
                }
                pointer.within(key, |pointer| {
                    if key == "schema" {
                        schema(child, pointer, repairs);
                    } else if key == "schemas" && in_components {
                        if let Value::Object(schemas) = child {
                            for (name, each) in schemas.iter_mut() {
                                pointer.within(name, |pointer| schema(each, pointer, repairs));
                            }
                        }
                    } else {
                        walk(child, pointer, repairs);
                    }
                });
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                pointer.within(&index.to_string(), |pointer| walk(child, pointer, repairs));
            }
        }
        _ => {}
    }
}

/// One schema and the schemas inside it; `pointer` is back where it was
/// when this returns.
fn schema(value: &mut Value, pointer: &mut Pointer, repairs: &mut Repairs) {
    if let Value::Bool(allowed) = value {
        let meaning = if *allowed {
            "any value"
        } else {
            "any value: the client does not enforce `false`"
        };
        repairs.push(
            pointer,
            format!("repaired the boolean `{allowed}` where a schema is meant: {meaning}"),
        );
        *value = json!({});
        return;
    }
    let Value::Object(map) = value else {
        return;
    };
    let mut dropped = Vec::new();
    for (key, child) in map.iter_mut() {
        let expected = match key.as_str() {
            k if STRINGS.contains(&k)
                && !child.is_string()
                && !(k == "type" && child.is_array()) =>
            {
                Expected::String
            }
            k if COUNTS.contains(&k) && !child.is_u64() => Expected::Count,
            k if NUMBERS.contains(&k) && !child.is_number() => Expected::Number,
            _ => continue,
        };
        if !retype(child, &pointer.join(key), repairs, expected) {
            dropped.push(key.clone());
        }
    }
    for key in dropped {
        map.shift_remove(&key);
    }
    if map.get("type") == Some(&json!("object")) && map.contains_key("items") {
        repairs.push(
            &pointer.join("items"),
            "ignored `items` on a schema of type `object` (it applies to arrays): write `type: array` if a list is meant",
        );
    }
    // A property that is `false` may not be there at all: the client need not know it.
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        let refused: Vec<String> = properties
            .iter()
            .filter(|(_, p)| **p == Value::Bool(false))
            .map(|(name, _)| name.clone())
            .collect();
        for name in refused {
            repairs.push(
                &pointer.join("properties").join(&name),
                "removed the property whose schema is `false`: it may never be present",
            );
            properties.shift_remove(&name);
        }
        pointer.within("properties", |pointer| {
            for (name, property) in properties.iter_mut() {
                pointer.within(name, |pointer| schema(property, pointer, repairs));
            }
        });
    }
    for key in ["items", "not"] {
        if let Some(child) = map.get_mut(key) {
            pointer.within(key, |pointer| schema(child, pointer, repairs));
        }
    }
    // `additionalProperties: true/false` is legal: only objects are schemas.
    if let Some(child @ Value::Object(_)) = map.get_mut("additionalProperties") {
        pointer.within("additionalProperties", |pointer| {
            schema(child, pointer, repairs);
        });
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = map.get_mut(key) {
            pointer.within(key, |pointer| {
                for (index, member) in members.iter_mut().enumerate() {
                    pointer.within(&index.to_string(), |pointer| {
                        schema(member, pointer, repairs);
                    });
                }
            });
        }
    }
}

#[derive(Clone, Copy)]
enum Expected {
    String,
    Count,
    Number,
}

/// Converts `value` to the type the keyword wants where that keeps its
/// meaning (`pattern: 0` → `"0"`, `maxLength: "10"` → `10`); otherwise
/// returns `false`: the keyword is to be dropped.
fn retype(value: &mut Value, pointer: &Pointer, repairs: &mut Repairs, expected: Expected) -> bool {
    let converted = match (expected, &*value) {
        (Expected::String, Value::Number(n)) => Some(Value::String(n.to_string())),
        (Expected::String, Value::Bool(b)) => Some(Value::String(b.to_string())),
        (Expected::Count, Value::String(text)) => text.trim().parse::<u64>().ok().map(Value::from),
        (Expected::Count, Value::Number(n)) => n
            .as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0)
            .map(|f| Value::from(f as u64)),
        (Expected::Number, Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number)),
        _ => None,
    };
    let want = match expected {
        Expected::String => "a string",
        Expected::Count => "a non-negative integer",
        Expected::Number => "a number",
    };
    match converted {
        Some(converted) => {
            repairs.push(pointer, format!("converted {value} to {want}"));
            *value = converted;
            true
        }
        None => {
            repairs.push(pointer, format!("dropped {value}, which is not {want}"));
            false
        }
    }
}
