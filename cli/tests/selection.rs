//! Generating part of an API: `--tag`, `--operation` and their Config twins.

use std::fs;
use std::path::Path;
use std::process::Command;

const SPEC: &str = r##"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /issues:
    get:
      operationId: issues/list
      tags: [issues]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Issue'}}}}
  /repos/{owner}:
    get:
      operationId: repos/get
      tags: [repos]
      parameters: [{name: owner, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Repo'}}}
    delete:
      operationId: repos/delete
      tags: [repos]
      parameters: [{name: owner, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: gone}}
components:
  schemas:
    Issue:
      type: object
      properties:
        user: {$ref: '#/components/schemas/User'}
    User: {type: object, properties: {login: {type: string}}}
    Repo: {type: object, properties: {name: {type: string}}}
    Unused: {type: string, enum: [a, b]}
"##;

fn generate(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    generate_spec(dir, SPEC, args)
}

fn generate_spec(dir: &Path, spec: &str, args: &[&str]) -> (Option<i32>, String, String) {
    fs::write(dir.join("api.yaml"), spec).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_clientgen"))
        .arg("generate")
        .arg("api.yaml")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let code = fs::read_to_string(dir.join("generated/api.rs")).unwrap_or_default();
    (
        output.status.code(),
        code,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_tag_selects_its_operations_and_the_types_they_reach() {
    let dir = tempfile::tempdir().unwrap();
    let (status, code, stderr) = generate(dir.path(), &["--tag", "issues"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(code.contains("pub async fn issues_list("), "{code}");
    assert!(!code.contains("pub async fn repos_get("), "{code}");
    assert!(code.contains("pub struct Issue {") && code.contains("pub struct User {"));
    assert!(!code.contains("pub struct Repo {") && !code.contains("pub enum Unused"));
}

#[test]
fn patterns_match_operation_ids_and_routes_with_wildcards() {
    let dir = tempfile::tempdir().unwrap();
    let (status, code, stderr) = generate(dir.path(), &["--operation", "DELETE /repos/*"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(code.contains("pub async fn repos_delete("), "{code}");
    assert!(!code.contains("pub async fn repos_get(") && !code.contains("pub struct Repo {"));

    let (_, code, _) = generate(dir.path(), &["--operation", "repos/*", "--tag", "issues"]);
    for method in ["issues_list", "repos_get", "repos_delete"] {
        assert!(
            code.contains(&format!("pub async fn {method}(")),
            "{method}"
        );
    }
    assert!(!code.contains("pub enum Unused"));
}

#[test]
fn an_unknown_tag_or_a_pattern_matching_nothing_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (status, _, stderr) = generate(dir.path(), &["--tag", "issues", "--tag", "pulls"]);
    assert_eq!(status, Some(2));
    assert_eq!(
        stderr,
        "error: api.yaml: #/paths: no operation has the tag `pulls` (line 3)\n  \
         hint: the spec's tags are: issues, repos; a pattern is an operationId or `METHOD /path`, `*` a wildcard\n"
    );
    let (status, _, stderr) = generate(dir.path(), &["--operation", "POST /repos/*"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.starts_with(
            "error: api.yaml: #/paths: no operation has the operation pattern `POST /repos/*`"
        ),
        "{stderr}"
    );
    assert!(!dir.path().join("generated").exists());
}

#[test]
fn a_selection_is_checked_without_the_operations_it_leaves_out() {
    // Only the part that is generated is read: a broken operation elsewhere
    // (a reference to a schema that does not exist) does not stop it, and
    // still stops the whole client.
    let broken = SPEC.replace(
        "responses: {'204': {description: gone}}",
        "responses: {'204': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Gone'}}}}}",
    );
    let dir = tempfile::tempdir().unwrap();
    let (status, code, stderr) = generate_spec(dir.path(), &broken, &["--tag", "issues"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(code.contains("pub async fn issues_list("), "{code}");
    assert!(!code.contains("Gone"), "{code}");
    let (status, _, stderr) = generate_spec(dir.path(), &broken, &[]);
    assert_eq!(status, Some(2));
    assert!(stderr.contains("#/components/schemas/Gone"), "{stderr}");
}

#[test]
fn config_selects_like_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api.yaml");
    fs::write(&spec, SPEC).unwrap();
    clientgen::Config::new()
        .out_dir(dir.path())
        .cargo_output(false)
        .tags(["repos"])
        .operations(["issues/*"])
        .generate(&[&spec])
        .unwrap();
    let code = fs::read_to_string(dir.path().join("api.rs")).unwrap();
    assert!(code.contains("pub async fn issues_list(") && code.contains("pub async fn repos_get("));
    assert!(!code.contains("pub enum Unused"));
}
