//! OpenAPI 3.1 to 3.0: the JSON Schema 2020-12 forms that the 3.0 model
//! cannot hold are rewritten into their 3.0 equivalents.

use serde_json::{json, Map, Value};

use super::Repairs;
use crate::pointer::Pointer;

/// Converts a 3.1 document in place; what it drops is recorded as repairs.
pub fn convert(doc: &mut Value, repairs: &mut Repairs) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    root.insert("openapi".to_owned(), json!("3.0.3"));
    if root.remove("webhooks").is_some() {
        repairs.push(
            "#/webhooks",
            "skipped the webhooks: a client does not receive them",
        );
    }
    root.remove("jsonSchemaDialect");
    root.entry("paths").or_insert_with(|| json!({}));
    // 3.1 makes `responses` optional.
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (_, op) in super::operations_mut(item) {
                op.entry("responses").or_insert_with(|| json!({}));
            }
        }
    }
    if let Some(Value::Object(schemes)) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    {
        schemes.retain(|name, scheme| {
            let mutual = scheme.get("type") == Some(&json!("mutualTLS"));
            if mutual {
                repairs.push(
                    &format!("#/components/securitySchemes/{}", crate::pointer::escape(name)),
                    "skipped the mutualTLS scheme: configure the client certificate on the reqwest client",
                );
            }
            !mutual
        });
    }
    walk(doc, "#", repairs);
}

/// Finds schemas (under `schema` keys and in `components/schemas`) and converts them.
fn walk(value: &mut Value, pointer: &str, repairs: &mut Repairs) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                let here = format!("{pointer}/{}", crate::pointer::escape(key));
                if key == "schema" {
                    schema(child, &here, repairs);
                } else if key == "schemas" && pointer == "#/components" {
                    if let Value::Object(schemas) = child {
                        for (name, s) in schemas.iter_mut() {
                            schema(
                                s,
                                &format!("{here}/{}", crate::pointer::escape(name)),
                                repairs,
                            );
                        }
                    }
                } else {
                    walk(child, &here, repairs);
                }
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                walk(child, &format!("{pointer}/{index}"), repairs);
            }
        }
        _ => {}
    }
}

/// Converts one schema and every schema inside it.
pub fn schema(value: &mut Value, pointer: &str, repairs: &mut Repairs) {
    let Value::Object(map) = value else {
        return;
    };
    types(map);
    if let Some(constant) = map.remove("const") {
        map.insert("enum".to_owned(), Value::Array(vec![constant]));
    }
    if let Some(Value::Array(examples)) = map.remove("examples") {
        if let Some(first) = examples.into_iter().next() {
            map.entry("example").or_insert(first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(bound.to_owned(), limit);
            map.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
    let here = Pointer::parse(pointer);
    nullable_unions(map, &here, repairs);
    if map.contains_key("$ref") && map.len() > 1 {
        // 3.0 ignores a reference's siblings; wrap so that they still apply.
        let reference = map.remove("$ref").unwrap_or_default();
        map.insert("allOf".to_owned(), json!([{ "$ref": reference }]));
        repairs.moved(here.join("allOf").join(0), here.clone());
    }
    if let Some(Value::Array(prefix)) = map.remove("prefixItems") {
        repairs.push(
            pointer,
            "read `prefixItems` (a tuple) as an array of any value",
        );
        let _ = prefix;
        map.entry("items").or_insert_with(|| json!({}));
    }
    for key in ["items", "additionalProperties", "not", "contains"] {
        if let Some(child) = map.get_mut(key) {
            schema(child, &format!("{pointer}/{key}"), repairs);
        }
    }
    for key in ["properties", "patternProperties", "$defs"] {
        if let Some(Value::Object(children)) = map.get_mut(key) {
            for (name, child) in children.iter_mut() {
                schema(
                    child,
                    &format!("{pointer}/{key}/{}", crate::pointer::escape(name)),
                    repairs,
                );
            }
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(children)) = map.get_mut(key) {
            for (index, child) in children.iter_mut().enumerate() {
                schema(child, &format!("{pointer}/{key}/{index}"), repairs);
            }
        }
    }
}

/// `type: [string, "null"]` is `type: string, nullable: true`; several types are any value.
fn types(map: &mut Map<String, Value>) {
    let Some(Value::Array(list)) = map.get("type").cloned() else {
        if map.get("type") == Some(&json!("null")) {
            map.remove("type");
            map.insert("nullable".to_owned(), Value::Bool(true));
        }
        return;
    };
    let nullable = list.iter().any(|t| t == "null");
    let others: Vec<Value> = list.into_iter().filter(|t| t != "null").collect();
    match others.as_slice() {
        [one] => {
            map.insert("type".to_owned(), one.clone());
        }
        _ => {
            map.remove("type");
        }
    }
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
}

/// `oneOf: [X, {type: null}]` is X, nullable.
fn nullable_unions(map: &mut Map<String, Value>, pointer: &Pointer, repairs: &mut Repairs) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = map.get_mut(key) else {
            continue;
        };
        let before = members.len();
        let kept: Vec<usize> = (0..members.len())
            .filter(|&i| members[i].get("type") != Some(&json!("null")))
            .collect();
        members.retain(|m| m.get("type") != Some(&json!("null")));
        if kept.len() > 1 {
            for (now, was) in kept.iter().enumerate() {
                repairs.moved(pointer.join(key).join(now), pointer.join(key).join(was));
            }
        }
        if members.len() < before {
            map.insert("nullable".to_owned(), Value::Bool(true));
            if let Some(Value::Array(members)) = map.get(key) {
                if members.len() == 1 {
                    let only = members[0].clone();
                    map.remove(key);
                    map.insert("allOf".to_owned(), json!([only]));
                    repairs.moved(
                        pointer.join("allOf").join(0),
                        pointer.join(key).join(kept[0]),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_schema(mut value: Value) -> Value {
        let mut repairs = Repairs::default();
        schema(&mut value, "#", &mut repairs);
        value
    }

    #[test]
    fn type_arrays_with_null_become_nullable() {
        assert_eq!(
            convert_schema(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            convert_schema(json!({"type": ["string", "integer"]})),
            json!({})
        );
    }

    #[test]
    fn const_examples_and_numeric_exclusive_bounds() {
        assert_eq!(
            convert_schema(json!({"const": "a", "examples": ["a"], "exclusiveMinimum": 0})),
            json!({"enum": ["a"], "example": "a", "minimum": 0, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn refs_with_siblings_keep_them() {
        assert_eq!(
            convert_schema(json!({"$ref": "#/components/schemas/A", "description": "d"})),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"})
        );
    }

    #[test]
    fn nested_schemas_are_converted() {
        let converted = convert_schema(json!({
            "type": "object",
            "properties": {"a": {"type": ["integer", "null"]}},
            "items": {"const": 1}
        }));
        assert_eq!(
            converted["properties"]["a"],
            json!({"type": "integer", "nullable": true})
        );
        assert_eq!(converted["items"], json!({"enum": [1]}));
    }
}
