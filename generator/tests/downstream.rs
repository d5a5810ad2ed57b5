//! What a crate that uses clientgen gets: a build-dependency without the
//! CLI's dependencies, and generated code that refuses a runtime of another
//! version with one message.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// A crate with `clientgen` as a build-dependency, default features and
/// all, as `cargo add --build clientgen` writes it, compiles no clap.
#[test]
#[ignore = "spawns cargo; CI runs it, and so does `cargo test -p clientgen -- --include-ignored`"]
fn a_build_dependency_compiles_no_clap() {
    let dir = tempfile::tempdir().unwrap();
    let root = repository();
    fs::write(
        dir.path().join("Cargo.toml"),
        format!(
            "[package]\nname = \"downstream\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             [dependencies]\nclientgen-runtime = {{ path = {:?} }}\n\
             [build-dependencies]\nclientgen = {{ path = {:?} }}\n\
             [workspace]\n",
            root.join("runtime").display().to_string(),
            root.join("generator").display().to_string()
        ),
    )
    .unwrap();
    fs::create_dir(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/lib.rs"), "").unwrap();
    let output = cargo()
        .args([
            "tree",
            "--offline",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let tree = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(tree.contains("clientgen v"), "{tree}");
    assert!(tree.contains("prettyplease v"), "{tree}");
    for cli_only in ["clap", "mimalloc"] {
        assert!(!tree.contains(cli_only), "{tree}");
    }
}

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users:
    get:
      operationId: listUsers
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: object, properties: {id: {type: string}}}}
";

/// Builds a module generated now against `runtime_lib` (the lib.rs of a
/// crate named clientgen-runtime, version `version`).
fn build_against(runtime_lib: &str, version: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let code = clientgen::generate_str("api.yaml", SPEC).unwrap().code;
    let runtime = dir.path().join("runtime");
    fs::create_dir_all(runtime.join("src")).unwrap();
    fs::write(
        runtime.join("Cargo.toml"),
        format!("[package]\nname = \"clientgen-runtime\"\nversion = \"{version}\"\nedition = \"2021\"\n"),
    )
    .unwrap();
    fs::write(runtime.join("src/lib.rs"), runtime_lib).unwrap();
    let user = dir.path().join("user");
    fs::create_dir_all(user.join("src")).unwrap();
    fs::write(
        user.join("Cargo.toml"),
        format!(
            "[package]\nname = \"user\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             [dependencies]\nclientgen-runtime = {{ path = \"../runtime\", version = \"{version}\" }}\n\
             [workspace]\n"
        ),
    )
    .unwrap();
    fs::write(user.join("src/api.rs"), code).unwrap();
    fs::write(
        user.join("src/lib.rs"),
        "pub mod api {\n    include!(\"api.rs\");\n}\n",
    )
    .unwrap();
    cargo()
        .args(["check", "--offline", "--quiet", "--message-format", "short"])
        .current_dir(&user)
        .env("CARGO_TARGET_DIR", dir.path().join("target"))
        .output()
        .unwrap()
}

/// A runtime of the next major version: its `expect_runtime!` accepts only
/// its own level, and it has none of the items the generated code uses.
#[test]
#[ignore = "spawns cargo; CI runs it, and so does `cargo test -p clientgen -- --include-ignored`"]
fn a_runtime_of_another_major_version_refuses_the_module_with_one_message() {
    let level = include_str!("../../runtime/src/compat.rs");
    let next = level.replace("(\"0.1\") =>", "(\"1\") =>").replace(
        "depends on clientgen-runtime 0.1",
        "depends on clientgen-runtime 1",
    );
    assert_ne!(level, next, "the accepted level's arm moved");
    let output = build_against(&next, "1.0.0");
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("error"))
        .filter(|line| !line.starts_with("error: could not compile"))
        .collect();
    assert_eq!(
        errors,
        ["src/api.rs:4:1: error: this client was generated for clientgen-runtime 0.1, but the crate depends on clientgen-runtime 1: use clientgen and clientgen-runtime of the same version (the same major.minor before 1.0) and regenerate"],
        "{stderr}"
    );
}
