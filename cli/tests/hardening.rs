//! What a hostile or careless spec, or an odd file name, does to the
//! generator: located errors or warnings, never a panic, a hang or code that
//! escapes its place. (Issue 7; the generated code for the worst of these is
//! compiled under clippy in tests/hostile.)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

fn schemas(body: &str) -> String {
    format!("{HEAD}components:\n  schemas:\n{body}")
}

fn clientgen(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clientgen"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the clientgen binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `work` on a thread, failing the test if it takes longer than a
/// generous `limit` (a hang guard, not a timing).
fn within<T: Send + 'static>(limit: u64, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || send.send(work()))
        .unwrap();
    receive
        .recv_timeout(Duration::from_secs(limit))
        .unwrap_or_else(|_| panic!("no answer within {limit} s"))
}

#[test]
fn diagnostics_after_non_ascii_text_are_located_not_a_panic() {
    for key in ["Ümlaut", "名前", "😀x", "aé"] {
        let text = schemas(&format!(
            "    {key}: {{$ref: '#/components/schemas/Nope'}}\n"
        ));
        let error = clientgen::generate_str("u.yaml", &text).unwrap_err();
        let pointer = format!("#/components/schemas/{key}/$ref");
        assert_eq!(
            error.to_string(),
            format!("u.yaml: {pointer}: $ref '#/components/schemas/Nope' points to nothing (line 6)\n  hint: define the target or correct the reference")
        );
    }
    // A warning located after multi-byte text, in JSON.
    let json = r#"{"openapi": "3.0.3", "info": {"title": "ü", "version": "1"}, "paths": {},
"components": {"schemas": {"Ü": {"type": "string", "nullable": "true"}}}}"#;
    let generated = clientgen::generate_str("u.json", json).unwrap();
    assert_eq!(
        generated.warnings[0].to_string(),
        "u.json: #/components/schemas/Ü/nullable: repaired the string boolean \"true\" (line 2)\n  hint: fix the spec; --strict refuses such repairs"
    );
}

#[test]
fn keywords_in_every_namespace_generate() {
    let spec = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile/specs/hostile.yaml"),
    )
    .unwrap();
    let generated = clientgen::generate_str("hostile.yaml", &spec).unwrap();
    for expected in [
        "pub fn with_type(",
        "pub fn with_async(",
        "pub fn with_self(",
        "pub fn with_crate(",
        // With optional parameters: the call's builder, and `op_with`.
        "pub fn r#type<'a>(",
        "pub async fn type_with(",
        "pub async fn r#fn(",
        "pub fn self_<'a>(",
        "pub async fn self_with(",
        "pub async fn ming_qian(",
        "pub r#async: Option<String>,",
        "pub grosse: Option<i64>,",
        "pub struct Umlaut {",
        "pub enum SelfTypeError {}",
    ] {
        assert!(generated.code.contains(expected), "{expected} missing");
    }
    for word in [
        "type", "fn", "async", "self", "Self", "crate", "super", "_", "impl",
    ] {
        let text = format!(
            "{HEAD}components:\n  securitySchemes:\n    {word:?}: {{type: apiKey, in: header, name: X-K}}\n\
             security: [{{{word:?}: []}}]\n"
        );
        let result = clientgen::generate_str("k.yaml", &text);
        assert!(result.is_ok(), "{word}: {:?}", result.err());
    }
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    for (name, text) in [
        (
            "flow.yaml",
            format!("{HEAD}x: {}{}\n", "[".repeat(200_000), "]".repeat(200_000)),
        ),
        (
            "seq.yaml",
            format!("{HEAD}x:\n  {}a\n", "- ".repeat(200_000)),
        ),
        (
            "map.yaml",
            format!(
                "{HEAD}x: {}1{}\n",
                "{a: ".repeat(200_000),
                "}".repeat(200_000)
            ),
        ),
        (
            "deep.json",
            format!(
                "{{\"openapi\": \"3.0.3\", \"x\": {}{}}}",
                "[".repeat(200_000),
                "]".repeat(200_000)
            ),
        ),
    ] {
        let error = within(20, move || {
            clientgen::generate_str(name, &text).unwrap_err()
        });
        let error = error.to_string();
        assert!(
            error.starts_with(&format!("{name}: #: nesting deeper than")),
            "{error}"
        );
    }
    // Legitimately deep documents are not refused by the estimate.
    let mut nested = String::from("{type: string}");
    for _ in 0..60 {
        nested = format!("{{type: array, items: {nested}}}");
    }
    let text = schemas(&format!("    Deep: {nested}\n"));
    assert!(clientgen::generate_str("ok.yaml", &text).is_ok());
}

#[test]
fn locating_many_warnings_is_linear_and_exact() {
    let mut text = schemas("");
    for index in 0..40_000 {
        text.push_str(&format!(
            "    S{index}:\n      type: string\n      nullable: 'true'\n"
        ));
    }
    let generated = within(60, move || {
        clientgen::generate_str("many.yaml", &text).unwrap()
    });
    assert_eq!(generated.warnings.len(), 40_000);
    let last = &generated.warnings[39_999];
    assert_eq!(
        last.location.pointer,
        "#/components/schemas/S39999/nullable"
    );
    assert_eq!(last.location.line, Some(6 + 3 * 39_999 + 2));
}

#[test]
fn a_file_name_cannot_put_code_in_the_generated_file() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\npub fn evil() {}\n\r\u{2028}.yaml";
    let path = dir.path().join(name);
    fs::write(&path, HEAD).unwrap();
    let code = clientgen::generate_file(&path).unwrap().code;
    let header: Vec<&str> = code.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(header.len(), 2, "{code}");
    assert!(header.iter().all(|l| l.starts_with("// ")), "{header:?}");
    assert!(
        !code.lines().any(|l| l.starts_with("pub fn evil")),
        "{code}"
    );
    assert!(
        header[0].contains(r"a\npub fn evil() {}\n\r\u{2028}.yaml"),
        "{header:?}"
    );
}

/// A project with the named specs, each a minimal valid document.
fn project(specs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("specs")).unwrap();
    for name in specs {
        fs::write(dir.path().join("specs").join(name), HEAD).unwrap();
    }
    dir
}

#[test]
fn writing_is_all_or_nothing_across_files() {
    let dir = project(&["a.yaml", "b.yaml"]);
    fs::create_dir_all(dir.path().join("generated/b.rs")).unwrap();
    let output = clientgen(&["generate"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("a directory is in the way"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("generated/a.rs").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("generated"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["b.rs"], "temporary files were left");
}

#[test]
fn two_specs_for_one_module_are_an_error_naming_both() {
    let dir = project(&["coll.yaml", "Coll.json"]);
    fs::write(
        dir.path().join("specs/Coll.json"),
        r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
    )
    .unwrap();
    let output = clientgen(&["generate"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: specs/Coll.json and specs/coll.yaml would both be written to generated/coll.rs: \
         rename one of the specs (the module is named after the file name in snake_case)\n"
    );
    assert!(!dir.path().join("generated").exists());
}

/// A committed file is the user's input too: `check` parses it on the
/// pipeline's large stack, so deep nesting is drift, not a stack overflow.
#[test]
fn check_reads_a_deeply_nested_committed_file_without_overflowing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("api.yaml"), HEAD).unwrap();
    assert!(clientgen(&["generate", "api.yaml"], dir.path())
        .status
        .success());
    let nested = format!(
        "fn f() {{ let x = {}1{}; }}\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    fs::write(dir.path().join("generated/api.rs"), nested).unwrap();
    let output = clientgen(&["check", "api.yaml"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

/// A spec path may lead to an endless file: it is read under a limit.
#[cfg(unix)]
#[test]
fn an_endless_spec_file_is_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("api.yaml")).unwrap();
    let output = within(60, {
        let dir = dir.path().to_owned();
        move || clientgen(&["generate", "api.yaml"], &dir)
    });
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("larger than 256 MiB"),
        "{}",
        stderr(&output)
    );
}

/// Two operations with one operationId: a warning that names both places.
#[test]
fn duplicate_operation_ids_are_a_warning_naming_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: dup\n      responses: {'204': {description: done}}\n  /b:\n    get:\n      operationId: dup\n      responses: {'204': {description: done}}\n";
    fs::write(dir.path().join("api.yaml"), spec).unwrap();
    let output = clientgen(&["generate", "api.yaml"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert!(
        warnings.contains("api.yaml: #/paths/~1b/get: operationId `dup` is also the operationId of api.yaml: #/paths/~1a/get (line 5); this one is `dup2`"),
        "{warnings}"
    );
}

#[test]
fn a_missing_file_is_named_with_its_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let output = clientgen(
        &[
            "generate",
            "--out",
            "out",
            "gone\u{1b}]0;pwned\u{7}\u{202e}.yaml",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr(&output);
    assert!(
        stderr.contains(r"gone\u{1b}]0;pwned\u{7}\u{202e}.yaml"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{stderr:?}"
    );
}
