//! Repairs of paths whose meaning is clear: template variables that no
//! parameter defines, and query strings written into the path's key.

use serde_json::{json, Map, Value};

use super::{operations_mut, Repairs};
use crate::pointer::Pointer;

/// Repairs every path item of `doc`, each repair a warning.
pub fn repair(doc: &mut Value, repairs: &mut Repairs) {
    let shared: Map<String, Value> = doc
        .pointer("/components/parameters")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return;
    };
    let keys: Vec<String> = paths.keys().cloned().collect();
    let mut renamed = Vec::new();
    for key in keys {
        let Some((path, query)) = key.split_once('?') else {
            continue;
        };
        let original = Pointer::parse("#/paths").join(&key);
        if paths.contains_key(path) {
            // A variant of a path chosen by a fixed query: sent as written.
            repairs.push(
                &original,
                format!("kept the query string `?{query}` in the path key: `{path}` is also defined without it"),
            );
            continue;
        }
        let Some(mut item) = paths.remove(&key) else {
            continue;
        };
        let variables = template_variables(query);
        let moved = Pointer::parse("#/paths").join(path);
        for (method, op) in operations(&mut item) {
            for name in &variables {
                if !defines(
                    op.get("parameters").unwrap_or(&Value::Null),
                    &shared,
                    name,
                    None,
                ) {
                    push_parameter(
                        op,
                        json!({"name": name, "in": "query", "schema": {"type": "string"}}),
                    );
                    repairs.push(
                        &Pointer::parse(&format!("{moved}{method}")),
                        format!("added the query parameter `{name}` that the path key's query string `?{query}` names"),
                    );
                }
            }
        }
        repairs.push(
            &moved,
            format!("moved the query string `?{query}` out of the path key `{key}`"),
        );
        renamed.push((original.to_string(), moved.to_string()));
        repairs.moved(moved, original);
        paths.insert(path.to_owned(), item);
    }
    for (path, item) in paths.iter_mut() {
        let variables = template_variables(path);
        if path.contains('?') {
            continue;
        }
        if variables.is_empty() {
            continue;
        }
        let here = Pointer::parse("#/paths").join(path);
        let level = item.get("parameters").cloned().unwrap_or(Value::Null);
        for (method, op) in operations(item) {
            for name in &variables {
                let defined = [&level, op.get("parameters").unwrap_or(&Value::Null)]
                    .into_iter()
                    .any(|params| defines(params, &shared, name, Some("path")));
                if !defined {
                    push_parameter(
                        op,
                        json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}),
                    );
                    repairs.push(
                        &Pointer::parse(&format!("{here}{method}")),
                        format!("added the path parameter `{name}` that `{path}` uses but no parameter defines: a required string"),
                    );
                }
            }
        }
    }
    if !renamed.is_empty() {
        rewrite_refs(doc, &renamed);
    }
}

/// Points `$ref`s into a renamed path item at its new key.
fn rewrite_refs(value: &mut Value, renamed: &[(String, String)]) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match child {
                    Value::String(target) if key == "$ref" => {
                        for (old, new) in renamed {
                            let inside = target
                                .strip_prefix(old.as_str())
                                .filter(|rest| rest.is_empty() || rest.starts_with('/'));
                            if let Some(rest) = inside {
                                *target = format!("{new}{rest}");
                                break;
                            }
                        }
                    }
                    _ => rewrite_refs(child, renamed),
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| rewrite_refs(item, renamed)),
        _ => {}
    }
}

/// `{a}` and `{b}` in `/x/{a}/y/{b}`, in order, once each.
fn template_variables(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
        rest = &rest[open + close + 1..];
    }
    names
}

fn operations(item: &mut Value) -> Vec<(String, &mut Map<String, Value>)> {
    match item {
        Value::Object(item) => operations_mut(item),
        _ => Vec::new(),
    }
}

/// Whether the list `params` defines a parameter `name` (in `location`, if given).
fn defines(
    params: &Value,
    shared: &Map<String, Value>,
    name: &str,
    location: Option<&str>,
) -> bool {
    let Value::Array(params) = params else {
        return false;
    };
    params.iter().any(|p| {
        let p = resolve(p, shared);
        p.get("name").and_then(Value::as_str) == Some(name)
            && location.is_none_or(|l| p.get("in").and_then(Value::as_str) == Some(l))
    })
}

/// A parameter, or the component its `$ref` names.
fn resolve<'a>(param: &'a Value, shared: &'a Map<String, Value>) -> &'a Value {
    param
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/parameters/"))
        .and_then(|name| shared.get(&crate::pointer::unescape(name)))
        .unwrap_or(param)
}

fn push_parameter(op: &mut Map<String, Value>, param: Value) {
    match op.get_mut("parameters") {
        Some(Value::Array(params)) => params.push(param),
        _ => {
            op.insert("parameters".to_owned(), Value::Array(vec![param]));
        }
    }
}
