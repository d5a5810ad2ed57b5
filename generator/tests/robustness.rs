//! A property test in the normal suite: arbitrary, mutated and hostile
//! documents (names that are keywords or non-ASCII in every namespace,
//! schemas that hold themselves through every construct) make the generator
//! return `Ok` or a located `Err`: never a panic, never its internal error,
//! never a hang; and a sample of the generated modules is compiled, formatted
//! and plain, under clippy (that test spawns cargo, so it is `#[ignore]`d
//! outside CI: `cargo test -p clientgen -- --include-ignored`).
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

/// Names for every namespace: keywords (strict, reserved, and the ones that
/// cannot be raw), names the generated code uses itself, non-ASCII ones
/// (first character included), and text that is no name at all.
const NAMES: &[&str] = &[
    "type",
    "fn",
    "async",
    "await",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "r#type",
    "impl",
    "dyn",
    "union",
    "gen",
    "try",
    "macro_rules",
    "Ümlaut",
    "名前",
    "éa",
    "😀",
    "ßx",
    "ǅ",
    "Error",
    "Client",
    "Auth",
    "Server",
    "Option",
    "Result",
    "Default",
    "Box",
    "Vec",
    "String",
    "Ok",
    "None",
    "x-y",
    "1st",
    "+1",
    "-1",
    "a b",
    "",
    "__",
    "a.b",
    "A",
    "a",
    "status",
    "request",
    "response",
    "body",
    "options",
    "query",
    // Names the generated code itself uses: the rest-field, and the locals
    // of readers, writers and methods.
    "additional_properties",
    "additionalProperties",
    "map",
    "key",
    "value",
    "out",
    "len",
    "serializer",
    "deserializer",
    "transport",
    "auth",
    // Prelude traits the generated code names unqualified, and names that
    // transliterate to them; digit-only names (`let mut _0` once).
    "Into",
    "into",
    "ínto",
    "From",
    "AsRef",
    "Iterator",
    "0",
    "1",
    "200",
    // Text that reorders or hides itself.
    "a\u{202E}b",
    "x\u{2066}y\u{2069}",
    "nul\u{0}",
];

/// Descriptions that Markdown and the compiler read in ways a comment must
/// survive: bidi controls, tabs, lazy continuations, nested link definitions.
const TEXTS: &[&str] = &[
    "plain",
    "bidi \u{202E}reversed\u{202C} and \u{2067}isolated\u{2069}",
    "\ttabbed\n\t\tmore",
    "> quoted\nlazy continuation",
    "- item\n  [defn]: https://example.com\n- next",
    "* one\n\n  [x]: https://example.com/x\n> [q]: y",
    "NUL \u{0} and BEL \u{7}",
];

/// A name that HTTP can carry as a header or cookie name, or any name.
fn header_name(rng: &mut Rng) -> String {
    let name = *rng.pick(NAMES);
    if rng.below(4) == 0
        || name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !name.is_empty()
    {
        name.to_owned()
    } else {
        format!("X-{}", rng.below(100))
    }
}

/// A document whose every name comes from [`NAMES`]: schemas, properties,
/// enum values, parameters in each place, response headers, security
/// schemes, server variables, tags and operationIds.
fn named_document(rng: &mut Rng) -> Value {
    let name = |rng: &mut Rng| (*rng.pick(NAMES)).to_owned();
    let schema_a = name(rng);
    let schema_b = name(rng);
    let self_ref = format!(
        "#/components/schemas/{}",
        schema_a.replace('~', "~0").replace('/', "~1")
    );
    let mut properties = Map::new();
    for _ in 0..1 + rng.below(4) {
        properties.insert(name(rng), json!({"type": "string"}));
    }
    properties.insert(
        name(rng),
        json!({"type": "string", "enum": [name(rng), name(rng), name(rng)]}),
    );
    properties.insert(name(rng), json!({"$ref": self_ref}));
    properties.insert(
        name(rng),
        json!({"type": "integer", "format": *rng.pick(&["int32", "uint32", "int64"]), "enum": [1, 2147483648_i64, -1, 4294967296_i64]}),
    );
    let path_param = name(rng);
    let text = |rng: &mut Rng| (*rng.pick(TEXTS)).to_owned();
    // A paging parameter the caller must give (E0373 once).
    let (paging, paging_type) = *rng.pick(&[
        ("page", "integer"),
        ("limit", "integer"),
        ("offset", "integer"),
        ("cursor", "string"),
    ]);
    let (var_a, var_b) = (name(rng), name(rng));
    let (scheme_a, scheme_b) = (name(rng), name(rng));
    json!({
        "openapi": "3.0.3",
        "info": {"title": name(rng), "version": "1", "description": text(rng)},
        "servers": [{
            "url": format!("https://{{{var_a}}}.example.com/{{{var_b}}}"),
            "variables": {var_a.clone(): {"default": "a"}, var_b.clone(): {"default": "b", "enum": ["b", name(rng)]}}
        }],
        "tags": [{"name": name(rng)}],
        "security": [{scheme_a.clone(): []}],
        "paths": {
            format!("/p/{{{path_param}}}"): {
                "parameters": [{"name": path_param, "in": "path", "required": true, "schema": {"type": "string"}}],
                "get": {
                    "operationId": name(rng),
                    "tags": [name(rng)],
                    "parameters": [
                        {"name": name(rng), "in": "query", "schema": {"type": "integer"}},
                        {"name": header_name(rng), "in": "header", "schema": {"type": "string"}},
                        {"name": header_name(rng), "in": "cookie", "required": true, "schema": {"type": "string"}},
                        // An array of objects in the query (APIs.guru's amazonaws.com/sdb.json).
                        {"name": name(rng), "in": "query", "schema": {"type": "array", "items": {"type": "object", "properties": {name(rng): {"type": "string"}}}}}
                    ],
                    "responses": {
                        "200": {
                            "description": name(rng),
                            "headers": {header_name(rng): {"schema": {"type": "string"}}},
                            "content": {"application/json": {"schema": {"$ref": self_ref}}}
                        },
                        "4XX": {"description": "no"}
                    }
                },
                "post": {
                    "operationId": name(rng),
                    "security": [{scheme_b.clone(): []}],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema_b}")}}}},
                    "responses": {"201": {"description": "made"}}
                }
            },
            "/list": {
                "get": {
                    "operationId": name(rng),
                    "description": text(rng),
                    "parameters": [
                        {"name": paging, "in": "query", "required": true, "schema": {"type": paging_type}},
                        {"name": "limit", "in": "query", "required": rng.below(2) == 0, "schema": {"type": "integer"}}
                    ],
                    "responses": {"200": {"description": text(rng), "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"items": {"type": "array", "items": {"$ref": self_ref}}, "next_cursor": {"type": "string"}, "total": {"type": "integer"}}
                    }}}}}
                }
            }
        },
        "components": {
            "schemas": {
                schema_a: {"type": "object", "required": [name(rng)], "properties": properties, "additionalProperties": {"type": "string"}},
                schema_b: {"type": "object", "properties": {name(rng): {"type": "string", "format": "password", "pattern": "^x"}}}
            },
            "securitySchemes": {
                scheme_a: {"type": "apiKey", "in": *rng.pick(&["header", "query", "cookie"]), "name": header_name(rng)},
                scheme_b: *rng.pick(&[json!({"type": "http", "scheme": "basic"}), json!({"type": "http", "scheme": "bearer"})])
            }
        }
    })
}

/// A schema that refers to `pointer` through one of the constructs that
/// can hold a schema.
fn self_reference(rng: &mut Rng, pointer: &str) -> Value {
    let me = json!({"$ref": pointer});
    match rng.below(9) {
        0 => json!({"type": "object", "additionalProperties": me}),
        1 => json!({"type": "array", "items": me}),
        2 => json!({"type": "array", "items": {"type": "array", "items": me}}),
        3 => json!({"allOf": [me, {"type": "object", "properties": {"n": {"type": "string"}}}]}),
        4 => json!({"anyOf": [me, {"type": "string"}]}),
        5 => json!({"oneOf": [me, {"type": "integer"}]}),
        6 => json!({"oneOf": [me], "discriminator": {"propertyName": "kind"}}),
        7 => {
            json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "object", "properties": {"b": me}}}})
        }
        _ => {
            json!({"type": "object", "properties": {"m": {"type": "object", "additionalProperties": {"type": "array", "items": me}}}})
        }
    }
}

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
    // The component schema the place is in, if any: what a self-reference points to.
    let enclosing = match path.as_slice() {
        [components, schemas, name, ..] if components == "components" && schemas == "schemas" => {
            Some(format!(
                "#/components/schemas/{}",
                name.replace('~', "~0").replace('/', "~1")
            ))
        }
        _ => None,
    };
    let own = format!(
        "#/{}",
        path.iter()
            .map(|k| k.replace('~', "~0").replace('/', "~1"))
            .collect::<Vec<_>>()
            .join("/")
    );
    let Some(target) = at(doc, &path) else { return };
    match rng.below(9) {
        7 => *target = self_reference(rng, enclosing.as_deref().unwrap_or(&own)),
        8 => {
            // A name from NAMES for a key that is one.
            if let Value::Object(map) = target {
                if let Some(key) = map.keys().nth(rng.below(map.len())).cloned() {
                    if let Some(value) = map.remove(&key) {
                        map.insert((*rng.pick(NAMES)).to_owned(), value);
                    }
                }
            }
        }
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
/// panic, an internal error (which input must never reach) or a run over
/// `limit` is an `Err` naming the document. `Ok` carries the code, if any.
fn check(text: String, limit: Duration) -> Result<Option<String>, String> {
    let (done, finished) = mpsc::channel();
    let shown = text.clone();
    std::thread::spawn(move || {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            clientgen::generate_str("fuzz.json", &text)
        }));
        let _ = done.send(outcome.map_err(|_| ()));
    });
    match finished.recv_timeout(limit) {
        Ok(Ok(Ok(generated))) => Ok(Some(generated.code)),
        Ok(Ok(Err(clientgen::Error::Internal(message)))) => Err(format!(
            "the generator reached its internal error ({message}) on:\n{shown}"
        )),
        Ok(Ok(Err(_))) => Ok(None),
        Ok(Err(())) => Err(format!("the generator panicked on:\n{shown}")),
        Err(_) => Err(format!("the generator hung (over {limit:?}) on:\n{shown}")),
    }
}

/// Compiles `modules` together as one crate against clientgen-runtime, each
/// in a module of its own, formatted and printed plainly, under clippy with
/// warnings denied; the error names the case.
fn compile(samples: &[(usize, String, String)]) -> Result<(), String> {
    let specs = tempfile::tempdir().unwrap();
    let mut modules = Vec::new();
    for (case, code, text) in samples {
        modules.push((format!("{case}"), code.clone()));
        let spec = specs.path().join(format!("case_{case}.yaml"));
        std::fs::write(&spec, text).unwrap();
        clientgen::Config::new()
            .cargo_output(false)
            .print_warnings(false)
            .pretty(false)
            .out_dir(specs.path())
            .generate(&[&spec])
            .map_err(|error| format!("case {case} did not generate plainly: {error}"))?;
        let plain = std::fs::read_to_string(specs.path().join(format!("case_{case}.rs"))).unwrap();
        modules.push((format!("{case}_plain"), plain));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let runtime = root.join("runtime").canonicalize().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(
        dir.path().join("Cargo.toml"),
        format!(
            "[package]\nname = \"robustness-sample\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             [dependencies]\nclientgen-runtime = {{ path = {:?} }}\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    let mut lib = String::from("#![deny(warnings)]\n");
    for (case, code) in &modules {
        lib.push_str(&format!("pub mod case_{case} {{\n{code}\n}}\n"));
    }
    std::fs::write(dir.path().join("src/lib.rs"), lib).unwrap();
    // A target directory of its own, kept between runs: only the sample is rebuilt.
    let target = root.join("target/robustness-sample");
    let output =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "clippy",
                "--quiet",
                "--message-format",
                "short",
                "--",
                "-D",
                "warnings",
            ])
            .env("CARGO_TARGET_DIR", target)
            .current_dir(dir.path())
            .output()
            .map_err(|error| format!("cargo could not be run: {error}"))?;
    if output.status.success() {
        return Ok(());
    }
    let errors = String::from_utf8_lossy(&output.stderr);
    let source = std::fs::read_to_string(dir.path().join("src/lib.rs")).unwrap();
    // Name the cases the first errors are in.
    let lines: Vec<&str> = source.lines().collect();
    let cases: Vec<String> = errors
        .lines()
        .filter_map(|l| l.strip_prefix("src/lib.rs:"))
        .filter_map(|l| l.split(':').next()?.parse::<usize>().ok())
        .filter_map(|line| {
            lines[..line.min(lines.len())]
                .iter()
                .rev()
                .find(|l| l.starts_with("pub mod case_"))
                .map(|l| l.to_string())
        })
        .take(5)
        .collect();
    let first = modules
        .iter()
        .find(|(case, _)| {
            cases
                .iter()
                .any(|c| c.starts_with(&format!("pub mod case_{case} ")))
        })
        .map(|(_, code)| code.clone())
        .unwrap_or_default();
    Err(format!(
        "generated code does not compile ({cases:?}):\n{}\n--- the first such module:\n{first}",
        errors.chars().take(4000).collect::<String>()
    ))
}

/// What a run of the documents came to: how many were tried and
/// generated, and the sample of generated ones (case, module, spec text)
/// that the compile test builds.
struct Run {
    tried: usize,
    generated: usize,
    sample: Vec<(usize, String, String)>,
    seconds: f64,
}

/// Runs the documents; a panic, an internal error or a hang fails the test.
fn run_documents() -> Run {
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
    let mut generated = 0;
    let mut sample = Vec::new();
    let mut named_sampled = 0;
    for case in 0..cases {
        if started.elapsed() > budget {
            break;
        }
        let doc = if case % 10 == 0 {
            random_value(&mut rng, 6)
        } else if case % 10 == 1 || case % 10 == 2 {
            let mut doc = named_document(&mut rng);
            if case % 10 == 2 {
                mutate(&mut rng, &mut doc);
            }
            doc
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
        let named = matches!(case % 10, 1 | 2);
        match check(text.clone(), Duration::from_secs(10)) {
            Err(failure) => {
                panic::set_hook(previous_hook);
                panic!("case {case}: {failure}");
            }
            Ok(Some(code)) => {
                generated += 1;
                // Named documents hold the hostile names and texts: a few
                // more of them are compiled.
                if generated % 50 == 1 || (named && named_sampled < 8) {
                    named_sampled += usize::from(named);
                    sample.push((case, code, text));
                }
            }
            Ok(None) => {}
        }
        tried += 1;
    }
    panic::set_hook(previous_hook);
    Run {
        tried,
        generated,
        sample,
        seconds: started.elapsed().as_secs_f64(),
    }
}

#[test]
fn arbitrary_and_mutated_documents_never_panic_or_hang() {
    let run = run_documents();
    eprintln!(
        "robustness: {} documents in {:.1} s ({} generated), no panic, no internal error, no hang",
        run.tried, run.seconds, run.generated
    );
    assert!(run.tried >= 100, "too few cases ran: {}", run.tried);
    assert!(
        run.sample.len() >= 2,
        "too few documents generated: {}",
        run.generated
    );
}

/// Spawns cargo: CI runs it (`cargo test --workspace -- --include-ignored`).
#[test]
#[ignore = "spawns cargo clippy; CI runs it, and so does `cargo test -p clientgen -- --include-ignored`"]
fn sampled_modules_compile_formatted_and_plain_under_clippy() {
    let run = run_documents();
    let started = Instant::now();
    if let Err(failure) = compile(&run.sample) {
        panic!("{failure}");
    }
    eprintln!(
        "robustness: {} sampled modules compiled formatted and plain, under clippy with warnings denied, in {:.1} s",
        run.sample.len(),
        started.elapsed().as_secs_f64()
    );
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
