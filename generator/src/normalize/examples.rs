//! Examples are for people reading the spec; nothing generated uses them.
//! GitHub's spec holds 1.6 MB of them (a fifth of the document), which the
//! OpenAPI conversion would copy and the generator hold to the end. Schema
//! `example`s stay: they are small and sit among what schemas mean.

use serde_json::{Map, Value};

use super::operations_mut;

/// Drops `components.examples` and the `example`/`examples` of parameters,
/// headers and media types, wherever OpenAPI 3.0 puts them.
pub fn drop_examples(doc: &mut Value) {
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        components.shift_remove("examples");
        for kind in ["parameters", "headers", "requestBodies", "responses"] {
            if let Some(Value::Object(items)) = components.get_mut(kind) {
                items.values_mut().for_each(holder);
            }
        }
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            parameters(item);
            for (_, op) in operations_mut(item) {
                parameters(op);
                if let Some(body) = op.get_mut("requestBody") {
                    holder(body);
                }
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    responses.values_mut().for_each(holder);
                }
            }
        }
    }
}

fn parameters(owner: &mut Map<String, Value>) {
    if let Some(Value::Array(parameters)) = owner.get_mut("parameters") {
        parameters.iter_mut().for_each(holder);
    }
}

/// A parameter, header, request body or response: its own examples, its
/// media types' and its headers'. A `$ref` is left alone (its target is
/// visited where it is defined).
fn holder(value: &mut Value) {
    let Value::Object(map) = value else {
        return;
    };
    if map.contains_key("$ref") {
        return;
    }
    map.shift_remove("example");
    map.shift_remove("examples");
    if let Some(Value::Object(content)) = map.get_mut("content") {
        for media in content.values_mut().filter_map(Value::as_object_mut) {
            media.shift_remove("example");
            media.shift_remove("examples");
        }
    }
    if let Some(Value::Object(headers)) = map.get_mut("headers") {
        headers.values_mut().for_each(holder);
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
        drop_examples(&mut doc);
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
