//! Examples are for people reading the spec; nothing generated uses them.
//! GitHub's spec holds 1.6 MB of them (a fifth of the document), which the
//! OpenAPI conversion would copy and the generator hold to the end. Schema
//! `example`s stay: they are small and sit among what schemas mean.

use serde_json::{Map, Value};

use super::operations_mut;
use crate::pointer::escape;

/// Drops `components.examples` and the `example`/`examples` of parameters,
/// headers and media types, wherever OpenAPI 3.0 puts them. Returns the
/// references to examples that point to nothing, as (the reference's place,
/// its target): examples do not shape the client, so each is a warning.
pub fn drop_examples(doc: &mut Value) -> Vec<(String, String)> {
    let mut dropped = Vec::new();
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        for kind in ["parameters", "headers", "requestBodies", "responses"] {
            if let Some(Value::Object(items)) = components.get_mut(kind) {
                for (name, item) in items.iter_mut() {
                    holder(
                        item,
                        &format!("#/components/{kind}/{}", escape(name)),
                        &mut dropped,
                    );
                }
            }
        }
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let Value::Object(item) = item else {
                continue;
            };
            let here = format!("#/paths/{}", escape(path));
            parameters(item, &here, &mut dropped);
            for (method, op) in operations_mut(item) {
                let here = format!("{here}{method}");
                parameters(op, &here, &mut dropped);
                if let Some(body) = op.get_mut("requestBody") {
                    holder(body, &format!("{here}/requestBody"), &mut dropped);
                }
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    for (status, response) in responses.iter_mut() {
                        holder(
                            response,
                            &format!("{here}/responses/{}", escape(status)),
                            &mut dropped,
                        );
                    }
                }
            }
        }
    }
    // Checked while `components.examples` is still there to point into.
    let root: &Value = doc;
    let dangling = dropped
        .iter()
        .flat_map(|(here, examples)| {
            examples.iter().filter_map(move |(name, example)| {
                let target = example.get("$ref")?.as_str()?;
                let resolves = target
                    .strip_prefix('#')
                    .is_some_and(|local| root.pointer(local).is_some());
                (!resolves).then(|| (format!("{here}/{}/$ref", escape(name)), target.to_owned()))
            })
        })
        .collect();
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        components.shift_remove("examples");
    }
    dangling
}

/// The `examples` maps dropped, each with its place.
type Dropped = Vec<(String, Map<String, Value>)>;

fn parameters(owner: &mut Map<String, Value>, here: &str, dropped: &mut Dropped) {
    if let Some(Value::Array(parameters)) = owner.get_mut("parameters") {
        for (index, parameter) in parameters.iter_mut().enumerate() {
            holder(parameter, &format!("{here}/parameters/{index}"), dropped);
        }
    }
}

/// A parameter, header, request body or response: its own examples, its
/// media types' and its headers'. A `$ref` is left alone (its target is
/// visited where it is defined).
fn holder(value: &mut Value, here: &str, dropped: &mut Dropped) {
    let Value::Object(map) = value else {
        return;
    };
    if map.contains_key("$ref") {
        return;
    }
    drop_from(map, here, dropped);
    if let Some(Value::Object(content)) = map.get_mut("content") {
        for (media, object) in content.iter_mut() {
            if let Value::Object(object) = object {
                drop_from(
                    object,
                    &format!("{here}/content/{}", escape(media)),
                    dropped,
                );
            }
        }
    }
    if let Some(Value::Object(headers)) = map.get_mut("headers") {
        for (name, header) in headers.iter_mut() {
            holder(header, &format!("{here}/headers/{}", escape(name)), dropped);
        }
    }
}

fn drop_from(map: &mut Map<String, Value>, here: &str, dropped: &mut Dropped) {
    map.shift_remove("example");
    if let Some(Value::Object(examples)) = map.shift_remove("examples") {
        dropped.push((format!("{here}/examples"), examples));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::drop_examples;

    #[test]
    fn examples_go_and_everything_else_stays() {
        let mut doc = json!({
            "paths": {"/u": {
                "parameters": [{"name": "a", "in": "query", "example": 1, "schema": {"type": "integer"}}],
                "post": {
                    "requestBody": {"content": {"application/json": {
                        "schema": {"type": "object", "properties": {"examples": {"type": "string", "example": "kept"}}},
                        "examples": {"one": {"value": {}}}
                    }}},
                    "responses": {"200": {
                        "description": "ok",
                        "headers": {"X-Rate": {"schema": {"type": "integer"}, "example": 5}},
                        "content": {"application/json": {"example": {"id": 1}}}
                    }, "404": {"$ref": "#/components/responses/Missing"}}
                }
            }},
            "components": {
                "examples": {"one": {"value": 1}},
                "responses": {"Missing": {"description": "no", "content": {"text/plain": {"example": "x"}}}},
                "schemas": {"S": {"type": "string", "example": "kept"}}
            }
        });
        assert!(drop_examples(&mut doc).is_empty());
        assert_eq!(
            doc,
            json!({
                "paths": {"/u": {
                    "parameters": [{"name": "a", "in": "query", "schema": {"type": "integer"}}],
                    "post": {
                        "requestBody": {"content": {"application/json": {
                            "schema": {"type": "object", "properties": {"examples": {"type": "string", "example": "kept"}}}
                        }}},
                        "responses": {"200": {
                            "description": "ok",
                            "headers": {"X-Rate": {"schema": {"type": "integer"}}},
                            "content": {"application/json": {}}
                        }, "404": {"$ref": "#/components/responses/Missing"}}
                    }
                }},
                "components": {
                    "responses": {"Missing": {"description": "no", "content": {"text/plain": {}}}},
                    "schemas": {"S": {"type": "string", "example": "kept"}}
                }
            })
        );
    }
}
