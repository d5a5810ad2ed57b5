//! A selection's document: the operations it names and only what they reach,
//! dropped before the checks and the conversion to `openapiv3`, which then
//! cost what the selection costs, not what the whole document does.
//!
//! Conservative: where what an operation reaches is not plain `#/components`
//! references (a `$ref`'d path item, a reference into `#/paths`, a selector
//! that matches nothing and so must be reported against the whole
//! document), the document is left whole.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{operations_mut, percent_decode, EXTRA_OPERATIONS};
use crate::pointer::unescape;

/// The selectors an operation matches, from its operationId (or `""`),
/// lowercase method, path and tags: `model::Selection::matches`.
pub type Matches<'a> = &'a dyn Fn(&str, &str, &str, &[String]) -> Vec<usize>;

/// Drops the operations no selector matches and the components none of
/// the rest reach; `selectors` is how many there are.
pub fn prune(doc: &mut Value, matches: Matches<'_>, selectors: usize) {
    let Some(kept) = selected(doc, matches, selectors) else {
        return;
    };
    let Some(reached) = reached(doc, &kept) else {
        return;
    };
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return;
    };
    paths.retain(|path, item| {
        let Value::Object(item) = item else {
            return true;
        };
        let dropped: Vec<String> = operations_mut(item)
            .into_iter()
            .map(|(place, _)| place)
            .filter(|place| !kept.contains(&(path.clone(), place.clone())))
            .collect();
        for place in dropped {
            remove_operation(item, &place);
        }
        !operations_mut(item).is_empty()
    });
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        for (kind, entries) in components.iter_mut() {
            if kind == "securitySchemes" {
                continue;
            }
            if let Value::Object(entries) = entries {
                entries.retain(|name, _| reached.contains(&(kind.clone(), name.clone())));
            }
        }
    }
    // Documentation-only extensions (`x-webhooks`) may refer to dropped components.
    if let Value::Object(root) = doc {
        root.retain(|key, value| !(key.starts_with("x-") && holds_ref(value)));
        root.remove("webhooks");
    }
}

/// The (path, place in the path item) of every selected operation; `None`
/// when the document must stay whole.
fn selected(
    doc: &mut Value,
    matches: Matches<'_>,
    selectors: usize,
) -> Option<BTreeSet<(String, String)>> {
    let mut matched = vec![false; selectors];
    let mut kept = BTreeSet::new();
    let Value::Object(paths) = doc.get_mut("paths")? else {
        return None;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else {
            return None;
        };
        if item.contains_key("$ref") {
            return None;
        }
        for (place, op) in operations_mut(item) {
            let method =
                unescape(place.rsplit('/').next().unwrap_or_default()).to_ascii_lowercase();
            let id = op.get("operationId").and_then(Value::as_str).unwrap_or("");
            let tags: Vec<String> = op
                .get("tags")
                .and_then(Value::as_array)
                .map(|tags| {
                    tags.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            let hits = matches(id, &method, path, &tags);
            if !hits.is_empty() {
                for hit in hits {
                    *matched.get_mut(hit)? = true;
                }
                kept.insert((path.clone(), place));
            }
        }
    }
    matched.iter().all(|hit| *hit).then_some(kept)
}

/// The components (kind, name) the kept operations reach, through any
/// number of references; `None` when one points anywhere else.
fn reached(doc: &Value, kept: &BTreeSet<(String, String)>) -> Option<BTreeSet<(String, String)>> {
    let mut pending = Vec::new();
    for (path, place) in kept {
        let item = doc.get("paths")?.get(path)?;
        refs_in(item.pointer(place)?, &mut pending);
        if let Some(parameters) = item.get("parameters") {
            refs_in(parameters, &mut pending);
        }
    }
    let mut reached = BTreeSet::new();
    while let Some(target) = pending.pop() {
        let target = percent_decode(&target);
        let mut parts = target.strip_prefix("#/components/")?.split('/');
        let (kind, name) = (unescape(parts.next()?), unescape(parts.next()?));
        let component = doc.get("components")?.get(&kind)?.get(&name)?;
        if reached.insert((kind, name)) {
            refs_in(component, &mut pending);
        }
    }
    Some(reached)
}

/// Every `$ref` below `value`, and every schema a discriminator maps to.
fn refs_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => out.push(target.clone()),
                    ("mapping", Value::Object(mapping)) if map.contains_key("propertyName") => {
                        for target in mapping.values().filter_map(Value::as_str) {
                            out.push(if target.starts_with('#') {
                                target.to_owned()
                            } else {
                                format!("#/components/schemas/{}", crate::pointer::escape(target))
                            });
                        }
                    }
                    _ => refs_in(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs_in(item, out)),
        _ => {}
    }
}

fn holds_ref(value: &Value) -> bool {
    let mut refs = Vec::new();
    refs_in(value, &mut refs);
    !refs.is_empty()
}

/// Removes the operation at `place` (`/get`, `/x-clientgen-operations/PURGE`).
fn remove_operation(item: &mut Map<String, Value>, place: &str) {
    let mut parts = place[1..].splitn(2, '/');
    match (parts.next(), parts.next()) {
        (Some(EXTRA_OPERATIONS), Some(token)) => {
            if let Some(Value::Object(extra)) = item.get_mut(EXTRA_OPERATIONS) {
                extra.remove(&unescape(token));
                if extra.is_empty() {
                    item.remove(EXTRA_OPERATIONS);
                }
            }
        }
        (Some(method), None) => {
            item.remove(method);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn by_tag(tag: &'static str) -> impl Fn(&str, &str, &str, &[String]) -> Vec<usize> {
        move |_, _, _, tags: &[String]| {
            if tags.iter().any(|t| t == tag) {
                vec![0]
            } else {
                Vec::new()
            }
        }
    }

    fn doc() -> Value {
        json!({
            "openapi": "3.0.3",
            "paths": {
                "/a": {
                    "parameters": [{"$ref": "#/components/parameters/Shared"}],
                    "get": {"tags": ["a"], "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}},
                    "delete": {"tags": ["b"], "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}
                },
                "/b": {"get": {"tags": ["b"], "responses": {"200": {"$ref": "#/components/responses/Other"}}}}
            },
            "components": {
                "schemas": {
                    "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}], "discriminator": {"propertyName": "kind", "mapping": {"dog": "Dog", "cat": "#/components/schemas/Cat"}}},
                    "Cat": {"type": "object"},
                    "Dog": {"type": "object", "properties": {"owner": {"$ref": "#/components/schemas/Owner"}}},
                    "Owner": {"type": "object"},
                    "Unrelated": {"type": "object"}
                },
                "parameters": {"Shared": {"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/Query"}}},
                "responses": {"Other": {"description": "x"}},
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}}
            },
            "x-webhooks": {"ping": {"post": {"requestBody": {"$ref": "#/components/schemas/Unrelated"}}}},
            "x-logo": {"url": "https://example.com/logo.png"}
        })
    }

    fn names(doc: &Value, kind: &str) -> Vec<String> {
        doc["components"][kind]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    #[test]
    fn only_the_selected_operations_and_what_they_reach_are_kept() {
        let mut doc = doc();
        doc["components"]["schemas"]["Query"] = json!({"type": "string"});
        prune(&mut doc, &by_tag("a"), 1);
        let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
        assert_eq!(paths, ["/a"]);
        assert!(doc["paths"]["/a"].get("delete").is_none());
        // Through a path item's parameters, a discriminator's mapping (by
        // name and by reference) and the mapped schema's own references.
        // In the document's order.
        assert_eq!(
            names(&doc, "schemas"),
            ["Pet", "Cat", "Dog", "Owner", "Query"]
        );
        assert_eq!(names(&doc, "parameters"), ["Shared"]);
        assert!(names(&doc, "responses").is_empty());
        assert_eq!(names(&doc, "securitySchemes"), ["key"]);
        // An extension that refers to what was dropped goes too; others stay.
        assert!(doc.get("x-webhooks").is_none());
        assert!(doc.get("x-logo").is_some());
    }

    #[test]
    fn a_broken_reference_outside_the_selection_is_dropped_with_its_operation() {
        let mut doc = doc();
        doc["components"]["schemas"]["Query"] = json!({"type": "string"});
        prune(&mut doc, &by_tag("a"), 1);
        assert!(!doc.to_string().contains("Missing"));
    }

    #[test]
    fn the_document_stays_whole_where_the_selection_cannot_be_told_apart() {
        // A selected operation reaches a reference that resolves nowhere
        // (`Query` is not defined): the checks must see it and say so.
        let whole = doc();
        let mut unresolved = whole.clone();
        prune(&mut unresolved, &by_tag("a"), 1);
        assert_eq!(unresolved, whole);
        // A selector that matches nothing is reported against the whole document.
        let mut unmatched = whole.clone();
        prune(&mut unmatched, &by_tag("none"), 1);
        assert_eq!(unmatched, whole);
        // A path item that is a reference.
        let mut referenced = whole.clone();
        referenced["paths"]["/c"] = json!({"$ref": "#/components/pathItems/C"});
        let before = referenced.clone();
        prune(&mut referenced, &by_tag("a"), 1);
        assert_eq!(referenced, before);
        // A reference into the paths.
        let mut into_paths = whole.clone();
        into_paths["components"]["schemas"]["Query"] =
            json!({"$ref": "#/paths/~1b/get/responses/200"});
        let before = into_paths.clone();
        prune(&mut into_paths, &by_tag("a"), 1);
        assert_eq!(into_paths, before);
    }
}
