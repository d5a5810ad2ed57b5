//! Turns a parsed document into an `openapiv3::OpenAPI`: checks what it is,
//! converts OpenAPI 3.2, 3.1 and Swagger 2.0 into 3.0, repairs sloppiness whose
//! meaning is clear (each repair a warning), checks that every `$ref` points
//! somewhere, then deserializes.

mod convert;
mod examples;
mod openapi31;
mod openapi32;
mod paths;
mod prune;
mod schema_repairs;
mod schemas;
mod swagger2;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::error::{Error, Warning};
use crate::load::Source;
use crate::locate::Locator;
use crate::pointer::Pointer;
use crate::threads::both;

/// Keys whose value OpenAPI defines as a boolean wherever they appear.
const BOOLEAN_KEYS: &[&str] = &[
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "explode",
    "allowReserved",
    "allowEmptyValue",
    "uniqueItems",
    "exclusiveMinimum",
    "exclusiveMaximum",
];

/// The operations of a path item.
pub(crate) const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Where a normalized path item keeps the operations OpenAPI 3.2 adds
/// (`query`, `additionalOperations`), keyed by method as HTTP spells it:
/// openapiv3's path item has no field for them, but keeps extensions.
pub(crate) const EXTRA_OPERATIONS: &str = "x-clientgen-operations";

/// Whether `key` is an extension that is not OpenAPI's to read or repair
/// (normalize's own [`EXTRA_OPERATIONS`] is OpenAPI's operations).
pub(crate) fn is_extension(key: &str) -> bool {
    key.starts_with("x-") && key != EXTRA_OPERATIONS
}

/// The operations of a path item, each with its pointer relative to the
/// item (`/get`, `/x-clientgen-operations/QUERY`).
pub(crate) fn operations_mut(
    item: &mut Map<String, Value>,
) -> Vec<(String, &mut Map<String, Value>)> {
    let mut operations = Vec::new();
    for (key, value) in item.iter_mut() {
        if METHODS.contains(&key.as_str()) {
            if let Value::Object(op) = value {
                operations.push((format!("/{key}"), op));
            }
        } else if key == EXTRA_OPERATIONS {
            if let Value::Object(extra) = value {
                for (method, op) in extra.iter_mut() {
                    if let Value::Object(op) = op {
                        let method = crate::pointer::escape(method);
                        operations.push((format!("/{EXTRA_OPERATIONS}/{method}"), op));
                    }
                }
            }
        }
    }
    operations
}

/// How deep a document may nest before it is refused as pathological.
const MAX_DEPTH: usize = 256;

/// A document ready for the model: the OpenAPI 3.0 form, what its `$ref`s
/// point to, and where each place came from in the user's file.
#[derive(Debug)]
pub struct Normalized {
    pub api: openapiv3::OpenAPI,
    pub targets: RefTargets,
    pub locator: Locator,
}

/// What the document's `$ref`s point to, as JSON, for the model to read as
/// whatever the referring place wants; all but whole component schemas,
/// which the model has as openapiv3's types. The rest of the JSON tree is
/// not kept: it would double the memory a large document takes.
#[derive(Debug, Default)]
pub struct RefTargets(BTreeMap<String, Value>);

impl RefTargets {
    /// The value at `pointer` (`/components/parameters/per-page`).
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.0.get(pointer)
    }
}

/// `/components/schemas/Name`: a component schema itself, not a place in one.
fn is_component_schema(pointer: &str) -> bool {
    pointer
        .strip_prefix("/components/schemas/")
        .is_some_and(|key| !key.contains('/'))
}

/// Normalizes `source` into an OpenAPI 3.0 document.
pub fn normalize(source: Source, warnings: &mut Vec<Warning>) -> Result<Normalized, Error> {
    normalize_selected(source, warnings, None)
}

pub(crate) use convert::path_to_pointer;
pub use prune::Matches;

/// [`normalize`] of only the operations that match a selection, `(matches,
/// selectors)`, and what they reach: everything else is dropped before the
/// checks, so that a part of a large document costs what the part does.
pub fn normalize_selected(
    source: Source,
    warnings: &mut Vec<Warning>,
    selection: Option<(Matches<'_>, usize)>,
) -> Result<Normalized, Error> {
    let (mut value, mut locator) = source.split();
    let version = check_version(&value, &locator)?;
    let mut repairs = Repairs::default();
    // The depth check runs before any conversion recurses.
    // Where a document nests too deep is worked out only when one does.
    let too_deep = if deeper_than(&value, MAX_DEPTH) {
        depth_check(&value, &mut Pointer::root(), 0)
    } else {
        Ok(())
    };
    too_deep.map_err(|pointer| {
        Error::spec(
            locator.locate(&pointer),
            format!("nesting deeper than {MAX_DEPTH} levels"),
            Some("flatten the schema with $ref"),
        )
    })?;
    match version {
        Version::V30 => {}
        Version::V31 => openapi31::convert(&mut value, &mut repairs),
        Version::V32 => {
            openapi32::convert(&mut value, &mut repairs);
            openapi31::convert(&mut value, &mut repairs);
        }
        Version::V20 => swagger2::convert(&mut value, &mut repairs),
    }
    repair(&mut value, &mut Pointer::root(), &mut repairs, false);
    drop_callbacks(&mut value);
    paths::repair(&mut value, &mut repairs);
    if let Some((matches, selectors)) = selection {
        prune::prune(&mut value, matches, selectors);
    }
    schema_repairs::repair(&mut value, &mut repairs);
    // Conversions and repairs that move things are done: nothing is located before this.
    for (converted, original) in std::mem::take(&mut repairs.moves) {
        locator.moved(converted, original);
    }
    if let Some(version) = value.pointer_mut("/info/version") {
        if let Some(text) = version
            .as_f64()
            .map(|v| v.to_string())
            .or_else(|| version.as_i64().map(|v| v.to_string()))
        {
            *version = Value::String(text);
            repairs.push(
                "#/info/version",
                "repaired a number where a string is meant",
            );
        }
    }
    for (pointer, message) in repairs.found {
        warnings.push(Warning {
            location: locator.locate(&pointer),
            message,
            hint: Some("fix the spec; --strict refuses such repairs".to_owned()),
        });
    }
    decode_refs(&mut value);
    // Both only read: they run side by side, and a broken reference is
    // reported before a malformed schema, as when they ran in turn.
    let mut targets = BTreeSet::new();
    let (refs, schemas) = both(
        || {
            if refs_resolve(&value, &value, false, &mut targets) {
                return Ok(());
            }
            check_refs(&value, &value, false, &mut Pointer::root(), &locator)
        },
        || schemas::check_outside_components(&value, &locator),
    )?;
    refs?;
    if schemas.is_err() {
        // The first malformed schema in the document's order may be a component's.
        schemas::check(&value, &locator).and(schemas)?;
    }
    for (place, target) in examples::drop_examples(&mut value) {
        warnings.push(Warning {
            location: locator.locate(&place),
            message: format!(
                "$ref '{target}' points to nothing; examples do not shape the client, so it is ignored"
            ),
            hint: Some("define the example or correct the reference".to_owned()),
        });
    }
    let targets = RefTargets(
        targets
            .into_iter()
            .filter_map(|target| Some((target.clone(), value.pointer(&target)?.clone())))
            .collect(),
    );
    let api = convert::convert(value, &locator)?;
    Ok(Normalized {
        api,
        targets,
        locator,
    })
}

/// Repairs and conversions, each a warning at a place, and the places
/// conversion moved.
#[derive(Debug, Default)]
pub struct Repairs {
    found: Vec<(String, String)>,
    moves: Vec<(Pointer, Pointer)>,
}

impl Repairs {
    pub fn push(&mut self, pointer: &str, message: impl Into<String>) {
        self.found.push((pointer.to_owned(), message.into()));
    }

    /// What is now at `converted` came from `original` in the user's file.
    pub fn moved(&mut self, converted: Pointer, original: Pointer) {
        self.moves.push((converted, original));
    }
}

enum Version {
    V20,
    V30,
    V31,
    V32,
}

fn check_version(value: &Value, locator: &Locator) -> Result<Version, Error> {
    if !value.is_object() {
        return Err(Error::spec(
            locator.locate("#"),
            "not an OpenAPI document: the top level is not an object",
            Some("a spec starts with `openapi: 3.0.3`"),
        ));
    }
    let text = |v: &Value| {
        v.as_str()
            .map(str::to_owned)
            .or_else(|| v.as_f64().map(|f| f.to_string()))
    };
    if let Some(version) = value.get("openapi").and_then(text) {
        if version.starts_with("3.0") {
            return Ok(Version::V30);
        }
        if version.starts_with("3.1") {
            return Ok(Version::V31);
        }
        if version.starts_with("3.2") {
            return Ok(Version::V32);
        }
        return Err(Error::spec(
            locator.locate("#/openapi"),
            format!("OpenAPI {version} is not supported; clientgen reads 2.0, 3.0, 3.1 and 3.2"),
            Some("convert the document to OpenAPI 3.0"),
        ));
    }
    if let Some(version) = value.get("swagger").and_then(text) {
        if version == "2.0" || version == "2" {
            return Ok(Version::V20);
        }
        return Err(Error::spec(
            locator.locate("#/swagger"),
            format!("Swagger {version} is not supported; clientgen reads 2.0, 3.0, 3.1 and 3.2"),
            Some("convert the document to OpenAPI 3.0"),
        ));
    }
    Err(Error::spec(
        locator.locate("#"),
        "not an OpenAPI document: it has no `openapi` field",
        Some("a spec starts with `openapi: 3.0.3`"),
    ))
}

/// Whether `value` holds a value more than `limit` levels down.
fn deeper_than(value: &Value, limit: usize) -> bool {
    let child = |child: &Value| limit == 0 || deeper_than(child, limit - 1);
    match value {
        Value::Object(map) => map.values().any(child),
        Value::Array(items) => items.iter().any(child),
        _ => false,
    }
}

/// Refuses documents nested deeper than [`MAX_DEPTH`]; returns where.
fn depth_check(value: &Value, pointer: &mut Pointer, depth: usize) -> Result<(), Pointer> {
    if depth > MAX_DEPTH {
        return Err(pointer.clone());
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let len = pointer.enter(key);
                depth_check(child, pointer, depth + 1)?;
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = pointer.enter(&index.to_string());
                depth_check(child, pointer, depth + 1)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Keys whose value maps names (of schemas, properties, statuses, media
/// types...) to objects.
const NAME_MAPS: &[&str] = &[
    "paths",
    "schemas",
    "properties",
    "patternProperties",
    "definitions",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "examples",
    "links",
    "callbacks",
    "content",
    "encoding",
    "variables",
    "securitySchemes",
    "securityDefinitions",
    "$defs",
];

/// Keys whose value is data of the API's, not OpenAPI.
const DATA: &[&str] = &["example", "default", "enum", "const", "value"];

/// Keys whose value is a list: absent and empty mean the same.
const LISTS: &[&str] = &[
    "parameters",
    "servers",
    "tags",
    "security",
    "required",
    "enum",
    "allOf",
    "oneOf",
    "anyOf",
];

/// Repairs string booleans where OpenAPI defines a boolean, and nulls where
/// it means a map or a list. `names`: the keys of `value` are names (of
/// schemas, properties...), not keywords.
fn repair(value: &mut Value, pointer: &mut Pointer, repairs: &mut Repairs, names: bool) {
    match value {
        Value::Object(map) => {
            // `required` is a boolean in parameters and request bodies (a
            // schema's is a list, which is never a string boolean).
            let is_parameter = !names
                && ((map.contains_key("in") && map.contains_key("name"))
                    || map.contains_key("content"));
            let boolean_schema =
                !names && map.get("type").and_then(Value::as_str) == Some("boolean");
            let mut absent = Vec::new();
            for (key, child) in map.iter_mut() {
                let len = pointer.enter(key);
                let wants_bool = !names
                    && (BOOLEAN_KEYS.contains(&key.as_str())
                        || (key == "required" && is_parameter)
                        || (matches!(key.as_str(), "default" | "example") && boolean_schema));
                let holds_names = !names && NAME_MAPS.contains(&key.as_str());
                match string_bool(child) {
                    Some(b) if wants_bool => {
                        *child = Value::Bool(b);
                        repairs.push(pointer, format!("repaired the string boolean \"{b}\""));
                    }
                    _ if child.is_null() && names => {
                        *child = json!({});
                        repairs.push(
                            pointer,
                            "repaired null where an object is meant: an empty one",
                        );
                    }
                    // A list of parameters, or a map of them in components.
                    _ if child.is_null() && LISTS.contains(&key.as_str()) => {
                        absent.push(key.clone());
                        repairs.push(pointer, "removed null where a list is meant");
                    }
                    _ if child.is_null() && holds_names => {
                        *child = json!({});
                        repairs.push(pointer, "repaired null where a map is meant: an empty one");
                    }
                    // A schema written where a list of schemas is meant
                    // means the list of that one schema.
                    _ if !names
                        && matches!(key.as_str(), "allOf" | "oneOf" | "anyOf")
                        && child.is_object() =>
                    {
                        let one = child.take();
                        *child = Value::Array(vec![one]);
                        repairs.push(
                            pointer,
                            format!("repaired a single schema where `{key}` needs a list: a list of that schema"),
                        );
                        repair(child, pointer, repairs, false);
                    }
                    // Data (examples, defaults) and extensions are not OpenAPI's to repair.
                    _ if !names && (DATA.contains(&key.as_str()) || is_extension(key)) => {}
                    _ => repair(child, pointer, repairs, holds_names && child.is_object()),
                }
                pointer.truncate(len);
            }
            for key in absent {
                map.remove(&key);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                let len = pointer.enter(&index.to_string());
                repair(child, pointer, repairs, false);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn string_bool(value: &Value) -> Option<bool> {
    match value.as_str()? {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Callbacks are requests the *server* sends; a client has no use for them,
/// so they are dropped unread (malformed ones too: a bare `$ref` where
/// openapiv3 wants a map of path items is common).
fn drop_callbacks(doc: &mut Value) {
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        components.remove("callbacks");
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (_, op) in operations_mut(item) {
                op.remove("callbacks");
            }
        }
    }
}

/// `$ref`s are URI fragments, so their pointers may be percent-encoded
/// (RFC 6901 §6): `~1items~1%7Bid%7D`, `application~1xml;%20charset=utf-8`.
/// Decoded once here, every later stage reads plain pointers.
fn decode_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match child {
                    Value::String(target) if key == "$ref" && target.contains('%') => {
                        *target = percent_decode(target);
                    }
                    _ => decode_refs(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(decode_refs),
        _ => {}
    }
}

/// `%7B` → `{`; a `%` not followed by two hex digits, or bytes that do not
/// make UTF-8, are left as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|b| hex(*b)),
            bytes.get(i + 2).and_then(|b| hex(*b)),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Whether every `$ref` points to something in the document; those the
/// model reads as JSON are added to `targets`. The walk keeps no pointer:
/// where a reference is broken is worked out, by [`check_refs`], only when
/// one is.
fn refs_resolve(root: &Value, value: &Value, names: bool, targets: &mut BTreeSet<String>) -> bool {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                let Some(local) = target.strip_prefix('#') else {
                    return false;
                };
                if root.pointer(local).is_none() {
                    return false;
                }
                if !is_component_schema(local) && !targets.contains(local) {
                    targets.insert(local.to_owned());
                }
            }
            map.iter()
                .filter(|(key, _)| names || !is_example_key(key))
                .all(|(key, child)| refs_resolve(root, child, names_below(key, names), targets))
        }
        Value::Array(items) => items
            .iter()
            .all(|child| refs_resolve(root, child, false, targets)),
        _ => true,
    }
}

/// Examples, defaults, enums and constants hold data, not references (a
/// vendor documenting a JSON Schema response shows `$ref`s in its
/// examples), wherever they are a field rather than a name.
fn is_example_key(key: &str) -> bool {
    key == "examples" || DATA.contains(&key)
}

/// Whether the children of `key`'s value are named by their keys, given
/// whether `key` itself was a name.
fn names_below(key: &str, is_name: bool) -> bool {
    !is_name && NAME_MAPS.contains(&key)
}

/// [`refs_resolve`] that says where the first broken `$ref` is, and why.
fn check_refs(
    root: &Value,
    value: &Value,
    names: bool,
    pointer: &mut Pointer,
    locator: &Locator,
) -> Result<(), Error> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                let here = format!("{pointer}/$ref");
                let Some(local) = target.strip_prefix('#') else {
                    return Err(Error::spec(
                        locator.locate(&here),
                        format!(
                            "$ref '{target}' points outside this document, which is not supported"
                        ),
                        Some("bundle the spec into one file first"),
                    ));
                };
                if root.pointer(local).is_none() {
                    // Named as the user wrote it, not as conversion rewrote it.
                    let target = locator.original(target);
                    return Err(Error::spec(
                        locator.locate(&here),
                        format!("$ref '{target}' points to nothing"),
                        Some("define the target or correct the reference"),
                    ));
                }
            }
            for (key, child) in map.iter().filter(|(key, _)| names || !is_example_key(key)) {
                let len = pointer.enter(key);
                check_refs(root, child, names_below(key, names), pointer, locator)?;
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = pointer.enter(&index.to_string());
                check_refs(root, child, false, pointer, locator)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    #[test]
    fn the_quick_depth_test_agrees_with_the_one_that_says_where() {
        let nested = |levels: usize, leaf: Value| {
            (0..levels).fold(leaf, |inner, i| {
                if i % 2 == 0 {
                    json!([inner])
                } else {
                    json!({ "k": inner })
                }
            })
        };
        for levels in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
            for leaf in [json!(1), json!({}), json!([])] {
                let value = nested(levels, leaf.clone());
                let slow = depth_check(&value, &mut Pointer::root(), 0).is_err();
                assert_eq!(deeper_than(&value, MAX_DEPTH), slow, "{levels} {leaf}");
            }
        }
        assert!(deeper_than(&nested(MAX_DEPTH + 1, json!(1)), MAX_DEPTH));
    }

    #[test]
    fn the_quick_ref_check_agrees_with_the_one_that_says_where() {
        let locator = parse("t.json", "{}".to_owned()).unwrap().split().1;
        for doc in [
            json!({"a": {"$ref": "#/b"}, "b": [1, {"$ref": "#/a"}]}),
            json!({"a": [{}, {"$ref": "#/nope"}]}),
            json!({"a": {"x": {"$ref": "other.yaml#/a"}}}),
            json!({"a": {"$ref": 5}, "b": {"$ref": "#"}}),
        ] {
            let quick = refs_resolve(&doc, &doc, false, &mut BTreeSet::new());
            let located = check_refs(&doc, &doc, false, &mut Pointer::root(), &locator);
            assert_eq!(quick, located.is_ok(), "{doc}");
        }
    }

    fn run(text: &str) -> Result<Vec<Warning>, Error> {
        let mut warnings = Vec::new();
        normalize(parse("t.yaml", text.to_owned())?, &mut warnings)?;
        Ok(warnings)
    }

    const MINIMAL: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn typed_field_errors_point_into_arrays_and_dotted_keys() {
        let text = format!("{MINIMAL}tags: [{{name: a}}, b]\n");
        let error = run(&text).unwrap_err().to_string();
        assert!(
            error.starts_with("t.yaml: #/tags/1: not a valid OpenAPI 3.0 document"),
            "{error}"
        );
        let text = format!(
            "{MINIMAL}components:\n  schemas:\n    errors.Error:\n      type: object\n      properties: {{a: {{type: string, enum: 5}}}}\n"
        );
        let error = run(&text).unwrap_err().to_string();
        assert!(
            error.starts_with("t.yaml: #/components/schemas/errors.Error/properties/a"),
            "{error}"
        );
    }

    #[test]
    fn the_first_malformed_component_schema_is_the_error_whichever_run_reads_it() {
        // 100 schemas (in many runs) and a broken path; `malformed` are not schemas.
        let error = |malformed: &[usize]| {
            let schemas: String = (0..100)
                .map(|i| match malformed.contains(&i) {
                    true => format!("    S{i}: {{type: object, properties: [{i}]}}\n"),
                    false => format!("    S{i}: {{type: string}}\n"),
                })
                .collect();
            let text = MINIMAL.replace("paths: {}\n", "paths:\n  /a: {get: {responses: 5}}\n");
            run(&format!("{text}components:\n  schemas:\n{schemas}"))
                .unwrap_err()
                .to_string()
        };
        let first = error(&[10, 90]);
        assert!(
            first.starts_with("t.yaml: #/components/schemas/S10: not a valid schema"),
            "{first}"
        );
        let path = error(&[]);
        assert!(
            path.starts_with("t.yaml: #/paths/~1a/get/responses"),
            "{path}"
        );
    }

    #[test]
    fn string_booleans_are_repaired_with_a_warning() {
        let text = format!(
            "{MINIMAL}components:\n  parameters:\n    P:\n      name: X\n      in: header\n      required: 'true'\n      schema: {{type: string}}\n"
        );
        let warnings = run(&text).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].location.pointer,
            "#/components/parameters/P/required"
        );
        assert_eq!(warnings[0].location.line, Some(9));
    }

    #[test]
    fn dangling_refs_are_errors_with_their_place() {
        let text = format!(
            "{MINIMAL}components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/Nope'\n"
        );
        let message = run(&text).unwrap_err().to_string();
        assert!(
            message.starts_with("t.yaml: #/components/schemas/A/$ref: $ref '#/components/schemas/Nope' points to nothing (line 7)"),
            "{message}"
        );
    }

    #[test]
    fn non_openapi_documents_are_refused() {
        let message = run("hello: world\n").unwrap_err().to_string();
        assert!(message.contains("not an OpenAPI document"), "{message}");
        let message = run("swagger: '1.2'\n").unwrap_err().to_string();
        assert!(
            message.contains("Swagger 1.2 is not supported"),
            "{message}"
        );
    }
}
