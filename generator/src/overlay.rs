//! OpenAPI Overlays (1.0 and 1.1): patches to a document you do not own,
//! applied in order to the parsed document before anything else reads it.
//! Targets are RFC 9535 JSONPath queries; `update` merges, `copy` merges a
//! node of the document itself, `remove` deletes.

use serde_json::Value;
use serde_json_path::{JsonPath, PathElement};

use crate::error::{Error, Location, Warning};
use crate::load::Source;
use crate::locate::Locator;
use crate::pointer::Pointer;

/// How deep an overlay may make the document: normalization's own bound.
const MAX_DEPTH: usize = 256;

/// How many nodes an overlay may add: as many as the document had, or a
/// hundred thousand (an overlay file of several megabytes), whichever is
/// more. Thirty `copy` actions of a node into itself would otherwise double
/// it thirty times.
const MIN_NODES_ADDED: usize = 100_000;

/// The longest pattern a `match()` or `search()` may have: the JSONPath
/// engine compiles it at every node it tests.
const MAX_PATTERN: usize = 256;

/// An overlay as read: its actions, and where each is in its file.
pub struct Overlay {
    value: Value,
    locator: Locator,
}

/// A step of a path into the document, owned so that the document can be
/// changed while the steps are held.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Index(usize),
}

impl Overlay {
    /// Checks that `source` is an overlay document.
    pub fn read(source: Source) -> Result<Overlay, Error> {
        let (value, locator) = source.split();
        let overlay = Overlay { value, locator };
        let version = overlay.value.get("overlay").and_then(Value::as_str);
        if !version.is_some_and(|v| v.starts_with("1.0") || v.starts_with("1.1")) {
            return Err(overlay.error(
                "#/overlay",
                format!(
                    "not an OpenAPI Overlay 1.0 or 1.1 document (overlay: {})",
                    version.map_or("missing".to_owned(), |v| format!("{v:?}"))
                ),
                "an overlay starts with `overlay: 1.0.0` and lists its `actions`",
            ));
        }
        if !overlay.value.get("actions").is_some_and(Value::is_array) {
            return Err(overlay.error(
                "#/actions",
                "an overlay needs a list of `actions`",
                "add `actions:` with at least one target",
            ));
        }
        Ok(overlay)
    }

    /// Applies every action to `document`, in order. An action whose target
    /// selects nothing is a warning (an error under `strict`). Each place an
    /// action writes is added to `written`, with where in this overlay it was
    /// written, so that a problem there is reported in the overlay.
    pub fn apply(
        &self,
        document: &mut Value,
        warnings: &mut Vec<Warning>,
        written: &mut Vec<(Pointer, Location)>,
    ) -> Result<(), Error> {
        let actions = self.value["actions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut budget = Budget::new(document);
        for (index, action) in actions.iter().enumerate() {
            let here = format!("#/actions/{index}");
            self.apply_action(action, &here, document, warnings, &mut budget, written)?;
        }
        Ok(())
    }

    fn apply_action(
        &self,
        action: &Value,
        here: &str,
        document: &mut Value,
        warnings: &mut Vec<Warning>,
        budget: &mut Budget,
        written: &mut Vec<(Pointer, Location)>,
    ) -> Result<(), Error> {
        let Some(target) = action.get("target").and_then(Value::as_str) else {
            return Err(self.error(
                here,
                "an action needs a `target` (a JSONPath query)",
                "add `target: $.paths['/users'].get`, say",
            ));
        };
        let targets = self.select(target, document, &format!("{here}/target"))?;
        if targets.is_empty() {
            warnings.push(Warning {
                location: self.locator.locate(&format!("{here}/target")),
                message: format!(
                    "the target {target:?} selects nothing: the action changes nothing"
                ),
                hint: Some(
                    "correct the query, or drop the action if the document no longer needs it"
                        .to_owned(),
                ),
            });
            return Ok(());
        }
        if action.get("remove").and_then(Value::as_bool) == Some(true) {
            return self.remove(targets, document, here);
        }
        let (update, from) = match (action.get("update"), action.get("copy")) {
            (Some(update), _) => (update.clone(), format!("{here}/update")),
            (None, Some(Value::String(from))) => {
                let from_here = format!("{here}/copy");
                let sources = self.select(from, document, &from_here)?;
                match sources.as_slice() {
                    [one] => (
                        node(document, one).cloned().unwrap_or(Value::Null),
                        from_here,
                    ),
                    _ => {
                        return Err(self.error(
                            &from_here,
                            format!(
                                "`copy` must select one node; {from:?} selects {}",
                                sources.len()
                            ),
                            "narrow the query to one node",
                        ))
                    }
                }
            }
            _ => {
                return Err(self.error(
                    here,
                    "an action needs `update`, `copy` or `remove: true`",
                    "say what the action does to its target",
                ))
            }
        };
        budget.take(&update, &targets).map_err(|reason| {
            self.error(
                &from,
                reason,
                "make the action add less, or apply it to fewer targets",
            )
        })?;
        for path in targets {
            let place = pointer_of(&path);
            let Some(node) = node_mut(document, &path) else {
                continue;
            };
            let mut inserted = Vec::new();
            merge(node, &update, &mut Vec::new(), &mut inserted).map_err(|conflict| {
                self.error(
                    &format!("{here}/update"),
                    format!("cannot merge into {place}: {conflict}"),
                    "target the node whose value should change, or remove it first",
                )
            })?;
            for below in inserted {
                let in_document = Pointer::parse(&format!("{place}{}", relative(&below)));
                let in_overlay = self.locator.locate(&format!("{from}{}", relative(&below)));
                written.push((in_document, in_overlay));
            }
        }
        Ok(())
    }

    /// The places `query` selects in `document`.
    fn select(&self, query: &str, document: &Value, here: &str) -> Result<Vec<Vec<Step>>, Error> {
        if let Err(reason) = query_cost(query) {
            return Err(self.error(
                here,
                format!("the query {query:?} {reason}"),
                "select the nodes with a query that descends once: $..[?@.x == 1] rather than a `..` inside a filter",
            ));
        }
        let path = JsonPath::parse(query).map_err(|error| {
            let regex = !cfg!(feature = "overlay-regex")
                && (query.contains("match(") || query.contains("search("));
            self.error(
                here,
                format!("not an RFC 9535 JSONPath query: {query:?}: {error}"),
                if regex {
                    "`match()` and `search()` need clientgen's `overlay-regex` feature (the CLI has it)"
                } else {
                    "queries start with `$`; quote names with odd characters: $.paths['/users']"
                },
            )
        })?;
        Ok(path
            .query_located(document)
            .locations()
            .map(|location| {
                location
                    .iter()
                    .map(|element| match element {
                        PathElement::Name(name) => Step::Key((*name).to_owned()),
                        PathElement::Index(index) => Step::Index(*index),
                    })
                    .collect()
            })
            .collect())
    }

    fn remove(
        &self,
        mut targets: Vec<Vec<Step>>,
        document: &mut Value,
        here: &str,
    ) -> Result<(), Error> {
        // Later array elements, and children, go before what precedes them,
        // so that the places not yet removed stay valid.
        targets.sort();
        targets.dedup();
        for path in targets.into_iter().rev() {
            let Some((last, parent)) = path.split_last() else {
                return Err(self.error(
                    &format!("{here}/target"),
                    "the whole document cannot be removed",
                    "target the parts to remove",
                ));
            };
            match (node_mut(document, parent), last) {
                (Some(Value::Object(map)), Step::Key(key)) => {
                    map.shift_remove(key);
                }
                (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
                    items.remove(*index);
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn error(&self, pointer: &str, message: impl Into<String>, hint: &str) -> Error {
        Error::spec(self.locator.locate(pointer), message, Some(hint))
    }
}

/// What the actions of one overlay may still add to the document.
struct Budget {
    /// Nodes the document may still grow by.
    nodes: usize,
}

impl Budget {
    fn new(document: &Value) -> Self {
        Budget {
            nodes: size(document).0.max(MIN_NODES_ADDED),
        }
    }

    /// Takes what writing `update` at each of `targets` adds, or says why
    /// the document would grow too large or too deep.
    fn take(&mut self, update: &Value, targets: &[Vec<Step>]) -> Result<(), String> {
        let (nodes, depth) = size(update);
        let deepest = targets.iter().map(Vec::len).max().unwrap_or(0);
        if deepest + depth > MAX_DEPTH {
            return Err(format!(
                "the action would nest the document {} levels deep; at most {MAX_DEPTH} are read",
                deepest + depth
            ));
        }
        let added = nodes.saturating_mul(targets.len());
        self.nodes = self.nodes.checked_sub(added).ok_or_else(|| {
            format!(
                "the overlay's actions would add more than the document's own size of nodes \
                 (or a hundred thousand); this one adds {added}"
            )
        })?;
        Ok(())
    }
}

/// The number of nodes of `value` and its depth (a scalar is one node, one
/// level deep), without recursion.
fn size(value: &Value) -> (usize, usize) {
    let (mut nodes, mut deepest) = (0, 0);
    let mut stack = vec![(value, 1)];
    while let Some((value, depth)) = stack.pop() {
        nodes += 1;
        deepest = deepest.max(depth);
        match value {
            Value::Object(map) => stack.extend(map.values().map(|v| (v, depth + 1))),
            Value::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
            _ => {}
        }
    }
    (nodes, deepest)
}

/// Refuses queries whose work grows faster than the document: a descendant
/// segment (`..`) inside a filter runs a whole-document search at every node
/// (`$..[?count($..*) == 1]` took 47 s on a 157 KB spec); and long regular
/// expressions, which the engine compiles at every node it tests.
fn query_cost(query: &str) -> Result<(), String> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    // For each open `[`: whether it opened a filter.
    let mut brackets: Vec<bool> = Vec::new();
    let mut previous = '\0';
    let mut literal = 0;
    for c in query.chars() {
        if let Some(open) = quote {
            literal += 1;
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == open {
                quote = None;
                if literal > MAX_PATTERN && brackets.contains(&true) {
                    return Err(format!(
                        "has a string of over {MAX_PATTERN} characters in a filter"
                    ));
                }
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                literal = 0;
            }
            '[' => brackets.push(false),
            '?' if previous == '[' => {
                if let Some(last) = brackets.last_mut() {
                    *last = true;
                }
            }
            ']' => {
                brackets.pop();
            }
            '.' if previous == '.' && brackets.contains(&true) => {
                return Err("searches the whole document inside a filter (`..`)".to_owned());
            }
            _ => {}
        }
        previous = if c.is_whitespace() { previous } else { c };
    }
    Ok(())
}

/// A path below a node as the rest of a JSON pointer (`/properties/x`).
fn relative(path: &[Step]) -> String {
    pointer_of(path).trim_start_matches('#').to_owned()
}

/// Merges `update` into `target` as Overlay 1.1 defines it: objects
/// recursively, arrays concatenated (or a single value appended), a
/// primitive replaced by a primitive; anything else is a conflict. The
/// places of `target` it writes (below `at`) are added to `inserted`.
fn merge(
    target: &mut Value,
    update: &Value,
    at: &mut Vec<Step>,
    inserted: &mut Vec<Vec<Step>>,
) -> Result<(), String> {
    match (target, update) {
        (Value::Object(target), Value::Object(update)) => {
            for (key, value) in update {
                at.push(Step::Key(key.clone()));
                match target.get_mut(key) {
                    Some(existing) => {
                        merge(existing, value, at, inserted).map_err(|e| format!("{key}: {e}"))?
                    }
                    None => {
                        target.insert(key.clone(), value.clone());
                        inserted.push(at.clone());
                    }
                }
                at.pop();
            }
            Ok(())
        }
        (Value::Array(target), Value::Array(update)) => {
            for value in update {
                at.push(Step::Index(target.len()));
                inserted.push(at.clone());
                at.pop();
                target.push(value.clone());
            }
            Ok(())
        }
        (Value::Array(target), update) => {
            at.push(Step::Index(target.len()));
            inserted.push(at.clone());
            at.pop();
            target.push(update.clone());
            Ok(())
        }
        (target, update) if is_primitive(target) && is_primitive(update) => {
            *target = update.clone();
            inserted.push(at.clone());
            Ok(())
        }
        (target, update) => Err(format!(
            "{} cannot be merged with {}",
            kind(target),
            kind(update)
        )),
    }
}

fn is_primitive(value: &Value) -> bool {
    !matches!(value, Value::Object(_) | Value::Array(_))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        _ => "a primitive value",
    }
}

fn node<'a>(document: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(document, |value, step| match step {
        Step::Key(key) => value.get(key),
        Step::Index(index) => value.get(index),
    })
}

fn node_mut<'a>(document: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(document, |value, step| match step {
        Step::Key(key) => value.get_mut(key),
        Step::Index(index) => value.get_mut(index),
    })
}

/// The JSON pointer of a place, for messages.
fn pointer_of(path: &[Step]) -> String {
    let mut pointer = "#".to_owned();
    for step in path {
        pointer.push('/');
        match step {
            Step::Key(key) => pointer.push_str(&crate::pointer::escape(key)),
            Step::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::Overlay;
    use crate::error::{Error, Warning};
    use crate::load;

    fn apply(document: Value, overlay: &str) -> Result<(Value, Vec<Warning>), Error> {
        let overlay = Overlay::read(load::parse("fix.yaml", overlay.to_owned())?)?;
        let mut document = document;
        let mut warnings = Vec::new();
        overlay.apply(&mut document, &mut warnings, &mut Vec::new())?;
        Ok((document, warnings))
    }

    fn spec() -> Value {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "servers": [{"url": "https://api.example.com"}],
            "paths": {
                "/a": {"get": {"responses": {
                    "200": {"description": "ok"},
                    "500": {"description": "boom"},
                    "default": {"description": "other"}
                }}},
                "/b": {"post": {"responses": {"500": {"description": "boom"}}}}
            },
            "components": {"schemas": {"repo": {
                "type": "object",
                "required": ["id", "has_discussions", "name"],
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "example": {"type": "string"}}
            }}}
        })
    }

    #[test]
    fn update_merges_objects_and_appends_to_arrays() {
        let (doc, warnings) = apply(
            spec(),
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $\n    update: {info: {x-overlaid: true}, security: [{token: []}]}\n  - target: $.servers\n    update: {url: 'https://uploads.example.com'}\n  - target: $.info\n    update: {title: New}\n",
        )
        .unwrap();
        assert!(warnings.is_empty());
        assert_eq!(
            doc["info"],
            json!({"title": "New", "version": "1", "x-overlaid": true})
        );
        assert_eq!(doc["security"], json!([{"token": []}]));
        assert_eq!(doc["servers"][1]["url"], "https://uploads.example.com");
    }

    #[test]
    fn remove_deletes_every_match_including_filtered_array_items() {
        let (doc, _) = apply(
            spec(),
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths..responses['500']\n    remove: true\n  - target: \"$.components.schemas.repo.required[?@ == 'has_discussions']\"\n    remove: true\n  - target: $.components.schemas.repo.properties.example\n    remove: true\n",
        )
        .unwrap();
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"],
            json!({"200": {"description": "ok"}, "default": {"description": "other"}})
        );
        assert_eq!(doc["paths"]["/b"]["post"]["responses"], json!({}));
        let repo = &doc["components"]["schemas"]["repo"];
        assert_eq!(repo["required"], json!(["id", "name"]));
        assert!(repo["properties"].get("example").is_none());
    }

    #[test]
    fn removing_several_items_of_one_array_removes_the_right_ones() {
        let (doc, _) = apply(
            json!({"tags": [{"name": "a"}, {"name": "x"}, {"name": "b"}, {"name": "x"}]}),
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: \"$.tags[?@.name == 'x']\"\n    remove: true\n",
        )
        .unwrap();
        assert_eq!(doc["tags"], json!([{"name": "a"}, {"name": "b"}]));
    }

    #[test]
    fn actions_apply_in_order_replace_then_add() {
        let (doc, _) = apply(
            spec(),
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.servers\n    remove: true\n  - target: $\n    update: {servers: [{url: 'http://localhost:8080'}]}\n  - target: $.paths['/a'].get\n    copy: $.paths['/b'].post\n",
        )
        .unwrap();
        assert_eq!(doc["servers"], json!([{"url": "http://localhost:8080"}]));
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"]["500"],
            json!({"description": "boom"})
        );
    }

    #[test]
    fn a_target_that_selects_nothing_is_a_located_warning() {
        let (_, warnings) = apply(
            spec(),
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/gone']\n    update: {x: 1}\n",
        )
        .unwrap();
        assert_eq!(warnings.len(), 1);
        let warning = warnings[0].to_string();
        assert!(warning.contains("fix.yaml"), "{warning}");
        assert!(warning.contains("#/actions/0/target"), "{warning}");
        assert!(warning.contains("line 4"), "{warning}");
    }

    #[test]
    fn broken_overlays_are_errors_that_name_the_overlay() {
        let cases = [
            ("openapi: 3.0.3\n", "#/overlay"),
            ("overlay: 1.0.0\n", "#/actions"),
            (
                "overlay: 1.0.0\nactions:\n  - update: {a: 1}\n",
                "#/actions/0",
            ),
            (
                "overlay: 1.0.0\nactions:\n  - target: paths\n    remove: true\n",
                "#/actions/0/target",
            ),
            (
                "overlay: 1.0.0\nactions:\n  - target: $.info.title\n    update: {a: 1}\n",
                "#/actions/0/update",
            ),
            (
                "overlay: 1.0.0\nactions:\n  - target: $\n    remove: true\n",
                "#/actions/0/target",
            ),
            (
                "overlay: 1.0.0\nactions:\n  - target: $.info\n",
                "#/actions/0",
            ),
        ];
        for (overlay, pointer) in cases {
            let error = apply(spec(), overlay).unwrap_err().to_string();
            assert!(error.starts_with("fix.yaml:"), "{error}");
            assert!(error.contains(pointer), "{overlay}: {error}");
        }
    }

    #[test]
    fn a_regex_function_needs_the_feature_or_says_so() {
        let overlay = "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n  - target: \"$.paths[?search(@.get.responses['200'].description, 'o+')]\"\n    update: {summary: found}\n";
        let result = apply(spec(), overlay);
        if cfg!(feature = "overlay-regex") {
            let (document, _) = result.unwrap();
            assert_eq!(document["paths"]["/a"]["summary"], json!("found"));
        } else {
            let error = result.unwrap_err().to_string();
            assert!(
                error.contains("need clientgen's `overlay-regex` feature"),
                "{error}"
            );
        }
    }

    #[test]
    fn copies_that_double_the_document_are_stopped_at_a_bound() {
        let mut actions = String::new();
        for _ in 0..30 {
            actions.push_str("  - target: $.paths\n    copy: $\n");
        }
        let overlay =
            format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
        let started = std::time::Instant::now();
        let error = apply(spec(), &overlay).unwrap_err().to_string();
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(error.starts_with("fix.yaml: #/actions/"), "{error}");
        assert!(
            error.contains("levels deep") || error.contains("nodes"),
            "{error}"
        );
    }

    #[test]
    fn a_copy_into_a_leaf_cannot_nest_the_document_past_the_bound() {
        let mut actions = String::new();
        for _ in 0..20 {
            actions.push_str("  - target: $..[?@ == 'boom']\n    update: {}\n  - target: $.info\n    copy: $.paths\n");
        }
        let overlay =
            format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
        let started = std::time::Instant::now();
        let result = apply(spec(), &overlay);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        if let Err(error) = result {
            assert!(
                error.to_string().starts_with("fix.yaml: #/actions/"),
                "{error}"
            );
        }
    }

    #[test]
    fn queries_that_search_inside_a_filter_are_refused_before_they_run() {
        for query in [
            "$..[?count($..*) == 1]",
            "$.paths[?@..description]",
            "$[?length(@[?@..x]) > 0]",
        ] {
            let overlay = format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n  - target: \"{query}\"\n    update: {{x: 1}}\n");
            let error = apply(spec(), &overlay).unwrap_err().to_string();
            assert!(error.contains("#/actions/0/target"), "{query}: {error}");
            assert!(error.contains("inside a filter"), "{query}: {error}");
        }
        // `..` outside filters, and inside a quoted name, are fine.
        for query in ["$..responses['500']", "$.paths[?@.get]", "$['a..b']"] {
            assert!(super::query_cost(query).is_ok(), "{query}");
        }
        let long = format!("$.paths[?match(@.x, '{}')]", "a".repeat(300));
        assert!(super::query_cost(&long).is_err());
    }

    #[test]
    fn what_an_action_writes_is_recorded_with_its_place_in_the_overlay() {
        let overlay = Overlay::read(
            load::parse(
                "fix.yaml",
                "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.repo\n    update:\n      properties:\n        added: {$ref: '#/nowhere'}\n".to_owned(),
            )
            .unwrap(),
        )
        .unwrap();
        let (mut document, mut written) = (spec(), Vec::new());
        overlay
            .apply(&mut document, &mut Vec::new(), &mut written)
            .unwrap();
        assert_eq!(written.len(), 1, "{written:?}");
        let (place, origin) = &written[0];
        assert_eq!(place.as_str(), "#/components/schemas/repo/properties/added");
        assert_eq!(origin.file, "fix.yaml");
        assert_eq!(origin.pointer, "#/actions/0/update/properties/added");
        assert_eq!(origin.line, Some(7));
    }
}
