//! A property test in the normal suite: arbitrary and mutated documents make
//! the generator return `Ok` or `Err`, never panic and never hang.
//!
//! Deterministic (a fixed seed), bounded in count and time. More cases:
//! `CLIENTGEN_FUZZ_CASES=100000 cargo test -p clientgen --release --test robustness`.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

/// xorshift64*: enough randomness for mutations, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words that matter to the generator, so that mutations reach deep code.
const KEYS: &[&str] = &[
    "type",
    "properties",
    "items",
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "enum",
    "required",
    "nullable",
    "additionalProperties",
    "format",
    "discriminator",
    "paths",
    "components",
    "schemas",
    "parameters",
    "responses",
    "requestBody",
    "content",
    "schema",
    "in",
    "name",
    "security",
    "securitySchemes",
    "servers",
    "variables",
    "default",
    "readOnly",
    "writeOnly",
    "operationId",
    "description",
    "headers",
    "x-enum-varnames",
    "style",
    "explode",
    "const",
    "examples",
    "prefixItems",
    "webhooks",
    "definitions",
    "swagger",
    "openapi",
    "host",
];

const STRINGS: &[&str] = &[
    "object",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "null",
    "int32",
    "int64",
    "password",
    "binary",
    "date-time",
    "query",
    "header",
    "path",
    "cookie",
    "body",
    "formData",
    "application/json",
    "multipart/form-data",
    "text/plain",
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/components/parameters/P",
    "#/components/responses/R",
    "#/definitions/A",
    "#",
    "#/",
    "#/paths",
    "type",
    "self",
    "Self",
    "+1",
    "-1",
    "*/ fn x() {} /*",
    "```rust\nfn main() { panic!() }\n```",
    "#[cfg(any())]",
    "",
    "3.0.3",
    "3.1.0",
    "2.0",
    "{id}",
    "/a/{id}/{id}",
    "é名",
    "true",
    "false",
    "200",
    "4XX",
    "default",
    "http",
    "apiKey",
    "oauth2",
    "basic",
    "bearer",
    "https://{host}:{port}/v1",
];

fn random_scalar(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.below(1000) as i64 - 500),
        3 => json!(rng.below(1000) as f64 / 7.0),
        _ => Value::String((*rng.pick(STRINGS)).to_owned()),
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    if depth == 0 {
        return random_scalar(rng);
    }
    match rng.below(4) {
        0 => {
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                map.insert((*rng.pick(KEYS)).to_owned(), random_value(rng, depth - 1));
            }
            Value::Object(map)
        }
        1 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
        _ => random_scalar(rng),
    }
}

/// Every place in `value`, as a path of keys and indices.
fn places(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(key.clone());
                places(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(index.to_string());
                places(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(value: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, key| match v {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

fn mutate(rng: &mut Rng, doc: &mut Value) {
    let mut all = Vec::new();
    places(doc, &mut Vec::new(), &mut all);
    let path = rng.pick(&all).clone();
    let donor = {
        let other = rng.pick(&all).clone();
        at(doc, &other).cloned()
    };
    let Some(target) = at(doc, &path) else { return };
    match rng.below(7) {
        0 => *target = random_value(rng, 3),
        1 => *target = random_scalar(rng),
        2 => {
            if let Value::Object(map) = target {
                map.insert((*rng.pick(KEYS)).to_owned(), random_value(rng, 2));
            }
        }
        3 => {
            if let Value::Object(map) = target {
                if let Some(key) = map.keys().nth(rng.below(map.len())).cloned() {
                    map.remove(&key);
                }
            }
        }
        4 => *target = donor.unwrap_or(Value::Null),
        5 => {
            // A reference to anywhere, itself included.
            let pointer = format!("#/{}", path.join("/"));
            *target = json!({ "$ref": pointer });
        }
        _ => {
            // Deep nesting.
            let mut nested = random_scalar(rng);
            for _ in 0..rng.below(400) {
                nested = json!({"type": "object", "properties": {"a": nested}});
            }
            *target = nested;
        }
    }
}

fn seeds() -> Vec<Value> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seeds: Vec<Value> = [
        "specs/flexprice.yaml",
        "specs/lastpass.yaml",
        "specs/liveperson.yaml",
        "specs/phrase.yaml",
        "specs/rocketchat.yaml",
        "tests/raw-seeds/specs/rocketchat.json",
    ]
    .iter()
    .map(|path| {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        clientgen::load::parse(path, text).unwrap().value
    })
    .collect();
    seeds.push(json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"post": {"parameters": [{"in": "body", "name": "b", "schema": {"$ref": "#/definitions/A"}}], "responses": {"200": {"description": "ok"}}}}}, "definitions": {"A": {"type": "object", "properties": {"a": {"$ref": "#/definitions/A"}}}}}));
    seeds.push(json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {"A": {"type": ["object", "null"], "properties": {"b": {"const": 1}}}}}}));
    seeds
}

/// Runs one document through the whole generator on a worker thread; a
/// panic or a run over `limit` is an `Err` naming the document.
fn check(text: String, limit: Duration) -> Result<(), String> {
    let (done, finished) = mpsc::channel();
    let shown = text.clone();
    std::thread::spawn(move || {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            clientgen::generate_str("fuzz.json", &text).map(|_| ())
        }));
        let _ = done.send(outcome.is_ok());
    });
    match finished.recv_timeout(limit) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("the generator panicked on:\n{shown}")),
        Err(_) => Err(format!("the generator hung (over {limit:?}) on:\n{shown}")),
    }
}

#[test]
fn arbitrary_and_mutated_documents_never_panic_or_hang() {
    let cases: usize = std::env::var("CLIENTGEN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1500);
    let budget = Duration::from_secs(
        std::env::var("CLIENTGEN_FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30),
    );
    let started = Instant::now();
    let seeds = seeds();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {})); // Caught panics are reported by `check`.
    let mut tried = 0;
    for case in 0..cases {
        if started.elapsed() > budget {
            break;
        }
        let doc = if case % 10 == 0 {
            random_value(&mut rng, 6)
        } else {
            let mut doc = rng.pick(&seeds).clone();
            for _ in 0..1 + rng.below(4) {
                mutate(&mut rng, &mut doc);
            }
            doc
        };
        let text = if rng.below(2) == 0 {
            doc.to_string()
        } else {
            serde_yaml::to_string(&doc).unwrap_or_default()
        };
        let outcome = check(text, Duration::from_secs(10));
        if let Err(failure) = outcome {
            panic::set_hook(previous_hook);
            panic!("case {case}: {failure}");
        }
        tried += 1;
    }
    panic::set_hook(previous_hook);
    eprintln!(
        "robustness: {tried} documents in {:.1} s, no panic, no hang",
        started.elapsed().as_secs_f64()
    );
    assert!(tried >= 100, "too few cases ran: {tried}");
}

#[test]
fn garbage_text_is_an_error_not_a_panic() {
    for text in [
        "",
        "{",
        "[]",
        "null",
        "- a\n- b",
        "openapi: [",
        "\u{feff}{}",
        "openapi: 3.0.3",
        "{\"openapi\": 3.1}",
    ] {
        check(text.to_owned(), Duration::from_secs(5)).unwrap();
        assert!(
            clientgen::generate_str("g.yaml", text).is_err(),
            "{text:?} was accepted"
        );
    }
}
