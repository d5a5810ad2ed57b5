//! OpenAPI 3.2 to 3.1: what 3.2 adds that a client reads is moved where the
//! 3.1 conversion and the model find it; what it cannot use yet is dropped
//! with a warning.
//!
//! - A media type's `itemSchema` (one item of a sequential body: an event of
//!   `text/event-stream`, a line of `application/jsonl`) becomes its
//!   `schema`, which is how the model reads a sequential media type in any
//!   version.
//! - A path item's `query` and `additionalOperations` move under
//!   [`EXTRA_OPERATIONS`](super::EXTRA_OPERATIONS), keyed by method.

use serde_json::{json, Map, Value};

use super::{Repairs, EXTRA_OPERATIONS};
use crate::pointer::Pointer;

/// Converts a 3.2 document in place into 3.1.
pub fn convert(doc: &mut Value, repairs: &mut Repairs) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    root.insert("openapi".to_owned(), json!("3.1.1"));
    root.remove("$self");
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            if let Value::Object(item) = item {
                let here = Pointer::parse("#/paths").join(path);
                extra_operations(item, &here, repairs);
                querystring_parameters(item, &here, repairs);
            }
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        if components.remove("mediaTypes").is_some() {
            repairs.push(
                "#/components/mediaTypes",
                "skipped `components/mediaTypes`: a `$ref` to one is not read yet; write the media type in place",
            );
        }
    }
    item_schemas(doc, &mut Pointer::root(), repairs);
}

/// Moves `query` and `additionalOperations` under [`EXTRA_OPERATIONS`].
fn extra_operations(item: &mut Map<String, Value>, here: &Pointer, repairs: &mut Repairs) {
    let mut extra = Map::new();
    let target = here.join(EXTRA_OPERATIONS);
    if let Some(op) = item.remove("query") {
        repairs.moved(target.join("QUERY"), here.join("query"));
        extra.insert("QUERY".to_owned(), op);
    }
    match item.remove("additionalOperations") {
        Some(Value::Object(ops)) => {
            for (method, op) in ops {
                let original = here.join("additionalOperations").join(&method);
                if extra.contains_key(&method) {
                    repairs.push(
                        &original,
                        format!(
                            "skipped the operation: `{method}` is also the path item's `query`"
                        ),
                    );
                    continue;
                }
                repairs.moved(target.join(&method), original);
                extra.insert(method, op);
            }
        }
        Some(_) => repairs.push(
            &here.join("additionalOperations"),
            "skipped `additionalOperations`: it is not a map of method to operation",
        ),
        None => {}
    }
    if !extra.is_empty() {
        item.insert(EXTRA_OPERATIONS.to_owned(), Value::Object(extra));
    }
}

/// Drops `in: querystring` parameters (the whole query string as one
/// value), which openapiv3 cannot hold.
fn querystring_parameters(item: &mut Map<String, Value>, here: &Pointer, repairs: &mut Repairs) {
    drop_querystring(item, &here.to_string(), repairs);
    for (relative, op) in super::operations_mut(item) {
        drop_querystring(op, &format!("{here}{relative}"), repairs);
    }
}

fn drop_querystring(owner: &mut Map<String, Value>, pointer: &str, repairs: &mut Repairs) {
    let Some(Value::Array(parameters)) = owner.get_mut("parameters") else {
        return;
    };
    let mut index = 0;
    parameters.retain(|parameter| {
        let querystring = parameter.get("in") == Some(&json!("querystring"));
        if querystring {
            repairs.push(
                &format!("{pointer}/parameters/{index}"),
                "skipped the `querystring` parameter: clientgen does not send a whole query string as one value yet",
            );
        }
        index += 1;
        !querystring
    });
}

/// Makes every media type's `itemSchema` its `schema`.
fn item_schemas(value: &mut Value, pointer: &mut Pointer, repairs: &mut Repairs) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(content)) = map.get_mut("content") {
                let at = pointer.enter("content");
                for (media, object) in content.iter_mut() {
                    if let Value::Object(object) = object {
                        if let Some(mut item) = object.remove("itemSchema") {
                            let here = pointer.join(media);
                            if media.starts_with("text/event-stream") {
                                decoded_data(&mut item, &here.join("itemSchema"), repairs);
                            }
                            if object.insert("schema".to_owned(), item).is_some() {
                                repairs.push(
                                    &here.join("schema"),
                                    "read `itemSchema` and not `schema`: the body is read item by item",
                                );
                            }
                            repairs.moved(here.join("schema"), here.join("itemSchema"));
                        }
                    }
                }
                pointer.truncate(at);
            }
            for (key, child) in map.iter_mut() {
                let at = pointer.enter(key);
                item_schemas(child, pointer, repairs);
                pointer.truncate(at);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                let at = pointer.enter(&index.to_string());
                item_schemas(child, pointer, repairs);
                pointer.truncate(at);
            }
        }
        _ => {}
    }
}

/// An event's `data` is text; 3.2 describes JSON in it with
/// `contentMediaType` and `contentSchema`. The client decodes an event's
/// data itself, so the schema it reads is the decoded one.
fn decoded_data(item: &mut Value, pointer: &Pointer, repairs: &mut Repairs) {
    let Some(data) = item.pointer_mut("/properties/data") else {
        return;
    };
    let json = data
        .get("contentMediaType")
        .and_then(Value::as_str)
        .is_some_and(|media| media == "application/json" || media.ends_with("+json"));
    let Some(schema) = data.get("contentSchema").filter(|_| json).cloned() else {
        return;
    };
    *data = schema;
    let data = pointer.join("properties").join("data");
    repairs.moved(data.clone(), data.join("contentSchema"));
}
