//! The repaired JSON tree into openapiv3's types. The path items and the
//! component schemas, most of a large document, are read an entry at a time
//! on two threads, each entry freed once read: the tree and the types it
//! becomes are never both whole in memory.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr, Schema};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::locate::Locator;
use crate::pointer::Pointer;
use crate::threads::in_runs;

use super::schemas;

/// Where the document is not one, and what serde said.
type Invalid = (String, String);

/// A `Paths`' two halves.
type PathItems = (
    IndexMap<String, ReferenceOr<PathItem>>,
    IndexMap<String, Value>,
);

/// `value` as openapiv3's types, consumed.
pub(super) fn convert(mut value: Value, locator: &Locator) -> Result<OpenAPI, Error> {
    let paths = take(&mut value, "/paths");
    let schemas = take(&mut value, "/components/schemas");
    let mut api = match OpenAPI::deserialize(&value) {
        Ok(api) => api,
        Err(_) => {
            // The rest is not valid: the whole document, put back as it was,
            // is read again to say where first. A malformed component
            // schema comes first, as the other schemas were checked first.
            put_back(&mut value, "/paths", paths);
            put_back(&mut value, "/components/schemas", schemas);
            schemas::check(&value, locator)?;
            return Err(invalid(locator, whole(&value)));
        }
    };
    drop(value);
    // The schemas are most of a large document: this thread reads the
    // paths, then joins a helper in reading runs of schemas.
    let schemas: Vec<(String, Value)> = schemas.unwrap_or_default().into_iter().collect();
    let run = schemas.len().div_ceil(SCHEMA_RUNS).max(1);
    let mut runs = Vec::with_capacity(SCHEMA_RUNS);
    let mut schemas = schemas.into_iter().peekable();
    while schemas.peek().is_some() {
        runs.push(schemas.by_ref().take(run).collect::<Vec<_>>());
    }
    let (paths, runs) = in_runs(
        runs,
        1,
        || read_paths(paths.unwrap_or_default()),
        |run| read_schemas(run, locator),
    )?;
    // A malformed schema is the error, whatever the paths hold: schemas are
    // checked before the document is read. The first run that fails holds
    // the first malformed schema, as each run stops at its first.
    let mut schemas = IndexMap::new();
    for run in runs {
        schemas.extend(run?);
    }
    let paths = paths.map_err(|first| invalid(locator, first))?;
    (api.paths.paths, api.paths.extensions) = paths;
    if let Some(components) = api.components.as_mut() {
        components.schemas = schemas;
    }
    Ok(api)
}

/// How many runs the component schemas are read in: enough for two threads
/// to finish together, few enough that a run is not mostly overhead.
const SCHEMA_RUNS: usize = 32;

/// Each component schema of a run read and then freed, in order
/// ([`schemas::read`]).
fn read_schemas(
    run: Vec<(String, Value)>,
    locator: &Locator,
) -> Result<Vec<(String, ReferenceOr<Schema>)>, Error> {
    let mut pointer = Pointer::parse("#/components/schemas");
    let mut read = Vec::with_capacity(run.len());
    for (name, entry) in run {
        let len = pointer.enter(&name);
        let schema = schemas::read(entry, &mut pointer, locator)?;
        pointer.truncate(len);
        read.push((name, schema));
    }
    Ok(read)
}

/// The object at `pointer`, swapped for an empty one in the same place.
fn take(value: &mut Value, pointer: &str) -> Option<Map<String, Value>> {
    match value.pointer_mut(pointer)? {
        Value::Object(map) => Some(std::mem::take(map)),
        _ => None,
    }
}

fn put_back(value: &mut Value, pointer: &str, taken: Option<Map<String, Value>>) {
    if let (Some(Value::Object(slot)), Some(taken)) = (value.pointer_mut(pointer), taken) {
        *slot = taken;
    }
}

fn invalid(locator: &Locator, (pointer, message): Invalid) -> Error {
    Error::spec(
        locator.locate(&pointer),
        format!("not a valid OpenAPI 3.0 document: {message}"),
        Some("check the field against the OpenAPI 3.0 specification"),
    )
}

/// Where the whole document first fails to be one. Tracking the path of
/// every value doubles a conversion's cost, so only a failed one pays it.
fn whole(value: &Value) -> Invalid {
    match serde_path_to_error::deserialize::<_, OpenAPI>(value) {
        Ok(_) => ("#".to_owned(), "not a valid document".to_owned()),
        Err(error) => {
            let pointer = path_to_pointer(error.path());
            refine(value, pointer, error.inner().to_string())
        }
    }
}

/// The path items (keys that begin with `/`) and extensions of `paths`, as
/// openapiv3's `Paths` keeps them; other keys are not OpenAPI's and are dropped.
fn read_paths(paths: Map<String, Value>) -> Result<PathItems, Invalid> {
    let mut extensions = IndexMap::new();
    let mut items = Map::new();
    for (key, item) in paths {
        if key.starts_with('/') {
            items.insert(key, item);
        } else if key.starts_with("x-") {
            extensions.insert(key, item);
        }
    }
    Ok((read_path_items(items)?, extensions))
}

/// Each path item read and then freed, in order; the first that is not one
/// or a reference says where and why.
fn read_path_items(
    map: Map<String, Value>,
) -> Result<IndexMap<String, ReferenceOr<PathItem>>, Invalid> {
    let mut read = IndexMap::with_capacity(map.len());
    for (key, entry) in map {
        match ReferenceOr::<PathItem>::deserialize(&entry) {
            Ok(item) => {
                read.insert(key, item);
            }
            Err(error) => {
                let pointer = Pointer::parse("#/paths").join(&key);
                // Reading the whole document, `#[serde(flatten)]` hides where
                // in a path item an error is; the item read alone says.
                return Err(
                    match serde_path_to_error::deserialize::<_, PathItem>(&entry).err() {
                        Some(error) => (
                            format!(
                                "{pointer}{}",
                                path_to_pointer(error.path()).trim_start_matches('#')
                            ),
                            error.inner().to_string(),
                        ),
                        None => (pointer.to_string(), error.to_string()),
                    },
                );
            }
        }
    }
    Ok(read)
}

/// `#[serde(flatten)]` in openapiv3's `Paths` hides where inside `paths` an
/// error is; deserializing each path item alone finds it.
fn refine(value: &Value, pointer: String, message: String) -> Invalid {
    if pointer != "#/paths" {
        return (pointer, message);
    }
    let items = value
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten();
    for (path, item) in items {
        if path.starts_with("x-") {
            continue;
        }
        if let Err(error) = serde_path_to_error::deserialize::<_, PathItem>(item) {
            let inner = path_to_pointer(error.path());
            let inner = inner.trim_start_matches('#');
            return (
                format!("{}{inner}", Pointer::parse("#/paths").join(path)),
                error.inner().to_string(),
            );
        }
    }
    (pointer, message)
}

/// The pointer of a place serde reached, segment by segment: keys may hold
/// dots and brackets (`errors.ErrorResponse`), so the path's text is not split.
pub(crate) fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = Pointer::root();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => pointer.push(key),
            Segment::Unknown => {}
        }
    }
    pointer.to_string()
}
