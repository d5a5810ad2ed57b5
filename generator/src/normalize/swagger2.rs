//! Swagger 2.0 to OpenAPI 3.0: definitions, body and form parameters,
//! consumes/produces, host + basePath + schemes, securityDefinitions.

use serde_json::{json, Map, Value};

use super::Repairs;
use crate::pointer::Pointer;

/// Keys of a 2.0 non-body parameter that describe its value (they move into `schema`).
const VALUE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
];

/// Converts a 2.0 document in place.
pub fn convert(doc: &mut Value, repairs: &mut Repairs) {
    rewrite_refs(doc);
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    root.remove("swagger");
    root.insert("openapi".to_owned(), json!("3.0.3"));
    let consumes = media_list(root.remove("consumes"));
    let produces = media_list(root.remove("produces"));
    let servers = servers(root);
    root.insert("servers".to_owned(), Value::Array(servers));

    let at = |text: &str| Pointer::parse(text);
    repairs.moved(at("#/servers"), at("#/host"));
    for (converted, original) in [
        ("schemas", "definitions"),
        ("parameters", "parameters"),
        ("responses", "responses"),
        ("securitySchemes", "securityDefinitions"),
    ] {
        repairs.moved(
            at("#/components").join(converted),
            Pointer::root().join(original),
        );
    }
    let mut components = Map::new();
    if let Some(Value::Object(mut definitions)) = root.remove("definitions") {
        for (_, schema) in definitions.iter_mut() {
            convert_schema(schema);
        }
        components.insert("schemas".to_owned(), Value::Object(definitions));
    }
    let global_params = match root.remove("parameters") {
        Some(Value::Object(params)) => params,
        _ => Map::new(),
    };
    let mut parameters = Map::new();
    for (name, param) in &global_params {
        if !matches!(
            param.get("in").and_then(Value::as_str),
            Some("body" | "formData")
        ) {
            parameters.insert(name.clone(), convert_parameter(param.clone()));
            repairs.moved(
                at("#/components/parameters").join(name).join("schema"),
                at("#/parameters").join(name),
            );
        }
    }
    if !parameters.is_empty() {
        components.insert("parameters".to_owned(), Value::Object(parameters));
    }
    if let Some(Value::Object(mut responses)) = root.remove("responses") {
        for (name, response) in responses.iter_mut() {
            let converted = at("#/components/responses").join(name);
            convert_response(
                response,
                &produces,
                &converted,
                &at("#/responses").join(name),
                repairs,
            );
        }
        components.insert("responses".to_owned(), Value::Object(responses));
    }
    if let Some(Value::Object(definitions)) = root.remove("securityDefinitions") {
        let schemes: Map<String, Value> = definitions
            .into_iter()
            .map(|(name, scheme)| (name, convert_security(scheme)))
            .collect();
        components.insert("securitySchemes".to_owned(), Value::Object(schemes));
    }
    root.insert("components".to_owned(), Value::Object(components));

    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let pointer = at("#/paths").join(path);
            convert_path_item(
                item,
                &global_params,
                &consumes,
                &produces,
                &pointer,
                repairs,
            );
        }
    }
}

fn media_list(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn servers(root: &Map<String, Value>) -> Vec<Value> {
    let base_path = root.get("basePath").and_then(Value::as_str).unwrap_or("");
    let Some(host) = root.get("host").and_then(Value::as_str) else {
        return if base_path.is_empty() {
            Vec::new()
        } else {
            vec![json!({"url": base_path})]
        };
    };
    let schemes = media_list(root.get("schemes").cloned());
    let schemes = if schemes.is_empty() {
        vec!["https".to_owned()]
    } else {
        schemes
    };
    // https first: a client should prefer it when both are offered.
    let mut schemes = schemes;
    schemes.sort_by_key(|s| s != "https");
    schemes
        .iter()
        .filter(|s| matches!(s.as_str(), "http" | "https"))
        .map(|scheme| json!({"url": format!("{scheme}://{host}{base_path}")}))
        .collect()
}

/// `#/definitions/X` → `#/components/schemas/X`, and so on.
fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                for (from, to) in [
                    ("#/definitions/", "#/components/schemas/"),
                    ("#/parameters/", "#/components/parameters/"),
                    ("#/responses/", "#/components/responses/"),
                ] {
                    if let Some(rest) = reference.strip_prefix(from) {
                        *reference = format!("{to}{rest}");
                    }
                }
            }
            map.values_mut().for_each(rewrite_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// 2.0 schema quirks: `type: file`, `x-nullable`, a string discriminator.
fn convert_schema(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("file")) {
                map.insert("type".to_owned(), json!("string"));
                map.insert("format".to_owned(), json!("binary"));
            }
            if let Some(nullable) = map.remove("x-nullable") {
                map.insert("nullable".to_owned(), nullable);
            }
            if let Some(Value::String(property)) = map.get("discriminator").cloned() {
                map.insert(
                    "discriminator".to_owned(),
                    json!({"propertyName": property}),
                );
            }
            map.values_mut().for_each(convert_schema);
        }
        Value::Array(items) => items.iter_mut().for_each(convert_schema),
        _ => {}
    }
}

fn convert_parameter(param: Value) -> Value {
    let Value::Object(mut map) = param else {
        return param;
    };
    if map.contains_key("$ref") {
        return Value::Object(map);
    }
    let mut schema = Map::new();
    for key in VALUE_KEYS {
        if let Some(value) = map.remove(*key) {
            schema.insert((*key).to_owned(), value);
        }
    }
    let mut schema = Value::Object(schema);
    convert_schema(&mut schema);
    match map
        .remove("collectionFormat")
        .as_ref()
        .and_then(Value::as_str)
    {
        Some("multi") => {
            map.insert("explode".to_owned(), json!(true));
        }
        Some("csv") | None if schema.get("type") == Some(&json!("array")) => {
            map.insert("explode".to_owned(), json!(false));
        }
        Some("ssv") => {
            map.insert("style".to_owned(), json!("spaceDelimited"));
        }
        Some("pipes") => {
            map.insert("style".to_owned(), json!("pipeDelimited"));
        }
        _ => {}
    }
    map.remove("allowEmptyValue");
    map.insert("schema".to_owned(), schema);
    Value::Object(map)
}

/// Converts a response now at `converted` that was at `original`.
fn convert_response(
    response: &mut Value,
    produces: &[String],
    converted: &Pointer,
    original: &Pointer,
    repairs: &mut Repairs,
) {
    let Value::Object(map) = response else {
        return;
    };
    if map.contains_key("$ref") {
        return;
    }
    map.entry("description").or_insert_with(|| json!(""));
    if let Some(mut schema) = map.remove("schema") {
        convert_schema(&mut schema);
        let media: Vec<String> = if produces.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            produces.to_vec()
        };
        for media in &media {
            repairs.moved(
                converted.join("content").join(media).join("schema"),
                original.join("schema"),
            );
        }
        let content: Map<String, Value> = media
            .into_iter()
            .map(|m| (m, json!({"schema": schema.clone()})))
            .collect();
        map.insert("content".to_owned(), Value::Object(content));
    }
    map.remove("examples");
    if let Some(Value::Object(headers)) = map.get_mut("headers") {
        for (name, header) in headers.iter_mut() {
            *header = convert_parameter(header.clone());
            repairs.moved(
                converted.join("headers").join(name).join("schema"),
                original.join("headers").join(name),
            );
        }
    }
}

fn convert_security(scheme: Value) -> Value {
    let Value::Object(mut map) = scheme else {
        return scheme;
    };
    match map.get("type").and_then(Value::as_str) {
        Some("basic") => {
            map.insert("type".to_owned(), json!("http"));
            map.insert("scheme".to_owned(), json!("basic"));
        }
        Some("oauth2") => {
            let flow = match map.remove("flow").as_ref().and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = map.remove(key) {
                    details.insert(key.to_owned(), url);
                }
            }
            details.insert(
                "scopes".to_owned(),
                map.remove("scopes").unwrap_or_else(|| json!({})),
            );
            for (key, needed) in [
                (
                    "authorizationUrl",
                    flow == "implicit" || flow == "authorizationCode",
                ),
                ("tokenUrl", flow != "implicit"),
            ] {
                if needed {
                    details.entry(key).or_insert_with(|| json!(""));
                }
            }
            map.insert("flows".to_owned(), json!({ flow: details }));
        }
        _ => {}
    }
    Value::Object(map)
}

fn convert_path_item(
    item: &mut Value,
    globals: &Map<String, Value>,
    consumes: &[String],
    produces: &[String],
    pointer: &Pointer,
    repairs: &mut Repairs,
) {
    let Value::Object(item) = item else {
        return;
    };
    let shared = match item.remove("parameters") {
        Some(Value::Array(params)) => params,
        _ => Vec::new(),
    };
    for method in super::METHODS {
        let Some(Value::Object(op)) = item.get_mut(*method) else {
            continue;
        };
        let here = pointer.join(method);
        let consumes = op
            .remove("consumes")
            .map(|v| media_list(Some(v)))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| consumes.to_vec());
        let produces = op
            .remove("produces")
            .map(|v| media_list(Some(v)))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| produces.to_vec());
        let own = match op.remove("parameters") {
            Some(Value::Array(params)) => params,
            _ => Vec::new(),
        };
        let mut params = Vec::new();
        let mut body = None;
        let mut form = Map::new();
        let mut form_required = Vec::new();
        let mut has_file = false;
        let mut form_origins = Vec::new();
        let origins = (0..shared.len())
            .map(|index| pointer.join("parameters").join(index))
            .chain((0..own.len()).map(|index| here.join("parameters").join(index)));
        let mut body_origin = None;
        for (param, origin) in shared.iter().chain(own.iter()).zip(origins) {
            // A reference to a global body or form parameter is inlined.
            let global = param
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|reference| reference.strip_prefix("#/components/parameters/"))
                .and_then(|name| Some((name, globals.get(name)?)))
                .filter(|(_, g)| {
                    matches!(
                        g.get("in").and_then(Value::as_str),
                        Some("body" | "formData")
                    )
                });
            let (resolved, origin) = match global {
                Some((name, global)) => (global.clone(), Pointer::parse("#/parameters").join(name)),
                None => (param.clone(), origin),
            };
            match resolved.get("in").and_then(Value::as_str) {
                Some("body") => {
                    let mut schema = resolved.get("schema").cloned().unwrap_or_else(|| json!({}));
                    convert_schema(&mut schema);
                    body = Some((
                        schema,
                        resolved.get("required").cloned(),
                        resolved.get("description").cloned(),
                    ));
                    body_origin = Some(origin);
                }
                Some("formData") => {
                    let name = resolved
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    let converted = convert_parameter(resolved.clone());
                    let mut schema = converted
                        .get("schema")
                        .cloned()
                        .unwrap_or_else(|| json!({}));
                    has_file |= schema.get("format") == Some(&json!("binary"));
                    if let (Some(description), Value::Object(s)) =
                        (resolved.get("description"), &mut schema)
                    {
                        s.insert("description".to_owned(), description.clone());
                    }
                    let required = match resolved.get("required") {
                        Some(Value::Bool(required)) => *required,
                        Some(Value::String(text)) if matches!(text.as_str(), "true" | "false") => {
                            repairs.push(
                                &origin.join("required"),
                                format!("repaired the string boolean \"{text}\""),
                            );
                            text == "true"
                        }
                        _ => false,
                    };
                    if required {
                        form_required.push(json!(name));
                    }
                    form_origins.push((name.clone(), origin));
                    form.insert(name, schema);
                }
                _ => {
                    let converted = here.join("parameters").join(params.len());
                    repairs.moved(converted.join("schema"), origin.clone());
                    repairs.moved(converted, origin);
                    params.push(convert_parameter(resolved));
                }
            }
        }
        if !params.is_empty() {
            op.insert("parameters".to_owned(), Value::Array(params));
        }
        if let Some((schema, required, description)) = body {
            let media = if consumes.is_empty() {
                vec!["application/json".to_owned()]
            } else {
                consumes.clone()
            };
            let content: Map<String, Value> = media
                .into_iter()
                .map(|m| (m, json!({"schema": schema.clone()})))
                .collect();
            if let Some(origin) = body_origin {
                for media in content.keys() {
                    repairs.moved(
                        here.join("requestBody")
                            .join("content")
                            .join(media)
                            .join("schema"),
                        origin.join("schema"),
                    );
                }
                repairs.moved(here.join("requestBody"), origin);
            }
            let mut request = json!({"content": content});
            if let Some(required) = required {
                request["required"] = required;
            }
            if let Some(description) = description {
                request["description"] = description;
            }
            op.insert("requestBody".to_owned(), request);
        } else if !form.is_empty() {
            let media = if has_file || consumes.iter().any(|m| m == "multipart/form-data") {
                "multipart/form-data"
            } else {
                "application/x-www-form-urlencoded"
            };
            let properties = here
                .join("requestBody")
                .join("content")
                .join(media)
                .join("schema")
                .join("properties");
            for (name, origin) in form_origins {
                repairs.moved(properties.join(name), origin);
            }
            let mut schema = json!({"type": "object", "properties": form});
            if !form_required.is_empty() {
                schema["required"] = Value::Array(form_required);
            }
            op.insert(
                "requestBody".to_owned(),
                json!({"content": {media: {"schema": schema}}}),
            );
        }
        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            for (status, response) in responses.iter_mut() {
                let at = here.join("responses").join(status);
                convert_response(response, &produces, &at, &at, repairs);
            }
        }
        if op.remove("schemes").is_some() {
            repairs.push(&here, "ignored the operation's own `schemes`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_essentials() {
        let mut doc = json!({
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "host": "api.example.com", "basePath": "/v1", "schemes": ["http", "https"],
            "consumes": ["application/json"], "produces": ["application/json"],
            "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}, "basic": {"type": "basic"}},
            "paths": {"/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer", "format": "int64"}],
                "post": {
                    "parameters": [
                        {"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}},
                        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
                    ],
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}
                }
            }},
            "definitions": {"Pet": {"type": "object", "properties": {"photo": {"type": "file"}}}}
        });
        let mut repairs = Repairs::default();
        convert(&mut doc, &mut repairs);
        assert_eq!(doc["openapi"], "3.0.3");
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}])
        );
        let op = &doc["paths"]["/pets/{id}"]["post"];
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Pet"
        );
        assert_eq!(
            op["parameters"][0]["schema"],
            json!({"type": "integer", "format": "int64"})
        );
        assert_eq!(op["parameters"][1]["explode"], json!(true));
        assert_eq!(
            op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Pet"
        );
        assert_eq!(
            doc["components"]["schemas"]["Pet"]["properties"]["photo"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(
            doc["components"]["securitySchemes"]["basic"],
            json!({"type": "http", "scheme": "basic"})
        );
    }
}
