//! `clientgen diff`: each kind of spec change, classified for Rust callers.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

/// A small API with something of every kind a change can touch (shared
/// with tests/diff/oracle.py).
fn base() -> Value {
    serde_json::from_str(include_str!(
        "../../generator/tests/fixtures/diff-base.json"
    ))
    .unwrap()
}

/// `old.json` (`base()`) and `new.json` (`new`) in `dir`.
fn write_pair(dir: &tempfile::TempDir, new: &Value) -> (PathBuf, PathBuf) {
    write_specs(dir, &base(), new)
}

/// `old.json` and `new.json` in `dir`.
fn write_specs(dir: &tempfile::TempDir, old: &Value, new: &Value) -> (PathBuf, PathBuf) {
    let (old_path, new_path) = (dir.path().join("old.json"), dir.path().join("new.json"));
    std::fs::write(&old_path, serde_json::to_string_pretty(old).unwrap()).unwrap();
    std::fs::write(&new_path, serde_json::to_string_pretty(new).unwrap()).unwrap();
    (old_path, new_path)
}

/// The changes from `base()` to `base()` edited by `edit`, as
/// (kind, breaking, Rust item).
fn diff(edit: impl FnOnce(&mut Value)) -> Vec<(String, bool, String)> {
    let mut changed = base();
    edit(&mut changed);
    diff_between(&base(), &changed)
}

/// The changes from `old` to `new`.
fn diff_between(old: &Value, new: &Value) -> Vec<(String, bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = write_specs(&dir, old, new);
    let diff = clientgen::Config::new()
        .cargo_output(false)
        .diff(&old, &new)
        .unwrap();
    diff.changes
        .into_iter()
        .map(|c| (c.kind.to_string(), c.breaking, c.rust.to_string()))
        .collect()
}

fn has(changes: &[(String, bool, String)], kind: &str, breaking: bool, rust: &str) {
    assert!(
        changes
            .iter()
            .any(|(k, b, r)| k == kind && *b == breaking && r == rust),
        "expected {kind} (breaking: {breaking}) on {rust}, got {changes:#?}"
    );
}

fn op(spec: &mut Value) -> &mut Value {
    &mut spec["paths"]["/teams/{team}/users"]["post"]
}

fn schema<'a>(spec: &'a mut Value, name: &str) -> &'a mut Value {
    &mut spec["components"]["schemas"][name]
}

#[test]
fn the_same_spec_changes_nothing() {
    assert_eq!(diff(|_| {}), []);
}

#[test]
fn operations_added_removed_and_renamed() {
    let added = diff(|s| {
        s["paths"]["/users"]["delete"] =
            json!({"operationId": "purgeUsers", "responses": {"204": {"description": "gone"}}});
    });
    has(&added, "operation_added", false, "Client::purge_users");
    let removed = diff(|s| {
        s["paths"].as_object_mut().unwrap().remove("/users");
    });
    has(&removed, "operation_removed", true, "Client::list_users");
    let renamed = diff(|s| op(s)["operationId"] = json!("addUser"));
    has(&renamed, "operation_renamed", true, "Client::create_user");
    has(&renamed, "type_renamed", true, "CreateUserError");
    has(&renamed, "type_renamed", true, "CreateUserCall");
    // `create_user_with` is told by its name only: removed, and added anew.
    has(
        &renamed,
        "operation_removed",
        true,
        "Client::create_user_with",
    );
    has(&renamed, "operation_added", false, "Client::add_user_with");
    assert_eq!(renamed.len(), 6, "{renamed:#?}");
}

#[test]
fn parameters_added_removed_retyped_and_made_required() {
    let required = diff(|s| {
        op(s)["parameters"].as_array_mut().unwrap().push(
            json!({"name": "org", "in": "header", "required": true, "schema": {"type": "string"}}),
        );
    });
    has(&required, "parameter_added", true, "Client::create_user");
    let optional = diff(|s| {
        op(s)["parameters"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "dry_run", "in": "query", "schema": {"type": "boolean"}}));
    });
    has(
        &optional,
        "parameter_added",
        false,
        "CreateUserOptions::dry_run",
    );
    assert!(optional.iter().all(|c| !c.1), "{optional:#?}");
    let removed = diff(|s| {
        op(s)["parameters"].as_array_mut().unwrap().remove(1);
    });
    // The last optional parameter gone: the call's builder and the
    // options struct go too, and the method returns the result itself.
    has(&removed, "return_type_changed", true, "Client::create_user");
    has(
        &removed,
        "operation_removed",
        true,
        "Client::create_user_with",
    );
    has(&removed, "type_removed", true, "CreateUserCall");
    let retyped = diff(|s| op(s)["parameters"][1]["schema"] = json!({"type": "integer"}));
    has(
        &retyped,
        "parameter_retyped",
        true,
        "CreateUserOptions::notify",
    );
    let made_required = diff(|s| op(s)["parameters"][1]["required"] = json!(true));
    has(
        &made_required,
        "parameter_added",
        true,
        "Client::create_user",
    );
}

#[test]
fn fields_added_removed_retyped_and_made_optional() {
    let sent = diff(|s| schema(s, "NewUser")["properties"]["name"] = json!({"type": "string"}));
    has(&sent, "field_added", true, "NewUser::name");
    let received = diff(|s| schema(s, "User")["properties"]["name"] = json!({"type": "string"}));
    has(&received, "field_added", false, "User::name");
    let removed = diff(|s| {
        schema(s, "User")["properties"]
            .as_object_mut()
            .unwrap()
            .remove("email");
    });
    has(&removed, "field_removed", true, "User::email");
    let retyped = diff(|s| schema(s, "User")["properties"]["id"] = json!({"type": "string"}));
    has(&retyped, "field_retyped", true, "User::id");
    let optional = diff(|s| schema(s, "User")["required"] = json!([]));
    has(&optional, "field_made_optional", true, "User::id");
    let required = diff(|s| schema(s, "User")["required"] = json!(["id", "email"]));
    has(&required, "field_made_required", true, "User::email");
}

#[test]
fn enum_values_added_are_compatible_and_removed_break() {
    let added = diff(|s| schema(s, "Role")["enum"] = json!(["admin", "member", "auditor"]));
    has(&added, "variant_added", false, "Role::Auditor");
    assert!(added.iter().all(|c| !c.1), "{added:#?}");
    let removed = diff(|s| schema(s, "Role")["enum"] = json!(["admin"]));
    has(&removed, "variant_removed", true, "Role::Member");
}

/// A type implements `Serialize` only while it is sent and `Deserialize`
/// only while it is received, so a change of direction changes its impls.
#[test]
fn a_type_that_stops_being_sent_loses_serialize() {
    let unsent = diff(|s| {
        schema(s, "NewUser")["properties"]
            .as_object_mut()
            .unwrap()
            .remove("role");
    });
    has(&unsent, "impl_removed", true, "Role");
    has(&unsent, "field_removed", true, "NewUser::role");
    // Its one field left is required: no `new` is needed any more.
    has(&unsent, "method_removed", true, "NewUser::new");
    assert_eq!(unsent.len(), 3, "{unsent:#?}");

    let sent = diff(|s| {
        schema(s, "NewUser")["properties"]["manager"] =
            json!({"$ref": "#/components/schemas/User"});
    });
    has(&sent, "impl_added", false, "User");
    has(&sent, "field_added", true, "NewUser::manager");
}

#[test]
fn statuses_added_are_compatible_and_removed_break() {
    let added = diff(|s| {
        op(s)["responses"]["409"] = json!({"description": "taken", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}});
    });
    has(&added, "status_added", false, "CreateUserError::Conflict");
    let removed = diff(|s| {
        op(s)["responses"].as_object_mut().unwrap().remove("404");
    });
    has(
        &removed,
        "status_removed",
        true,
        "CreateUserError::NotFound",
    );
    // A second success status turns the success into an enum.
    let second_success = diff(|s| {
        op(s)["responses"]["200"] = json!({"description": "existed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}});
    });
    // The operation has optional parameters: what its builder's `send`
    // and `create_user_with` return changes.
    has(
        &second_success,
        "return_type_changed",
        true,
        "Client::create_user_with",
    );
    has(
        &second_success,
        "method_changed",
        true,
        "CreateUserCall::send",
    );
}

#[test]
fn media_types_auth_schemes_and_servers() {
    let media = diff(|s| {
        let content = op(s)["requestBody"]["content"]
            .as_object_mut()
            .unwrap()
            .remove("application/json")
            .unwrap();
        op(s)["requestBody"]["content"]["application/merge-patch+json"] = content;
    });
    has(&media, "media_type_changed", false, "Client::create_user");
    let scheme = diff(|s| {
        s["components"]["securitySchemes"]["key"] =
            json!({"type": "apiKey", "in": "header", "name": "X-Key"});
    });
    has(&scheme, "auth_scheme_added", false, "Auth::with_key");
    let server = diff(|s| {
        s["servers"]
            .as_array_mut()
            .unwrap()
            .push(json!({"url": "https://eu.example.com", "description": "EU"}))
    });
    assert!(
        server.iter().any(|c| c.0 == "server_added" && !c.1),
        "{server:#?}"
    );
    let no_server = diff(|s| s["servers"] = json!([]));
    assert!(
        no_server.iter().any(|c| c.0 == "server_removed" && c.1),
        "{no_server:#?}"
    );
}

#[test]
fn changes_are_placed_in_the_new_spec_and_removals_in_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let mut changed = base();
    schema(&mut changed, "User")["properties"]["name"] = json!({"type": "string"});
    changed["paths"].as_object_mut().unwrap().remove("/users");
    let (old, new) = write_pair(&dir, &changed);
    let diff = clientgen::Config::new().diff(&old, &new).unwrap();
    let field = diff
        .changes
        .iter()
        .find(|c| c.rust == clientgen::ItemPath::named("User", "name"))
        .unwrap();
    let at = field.location.as_ref().unwrap();
    assert_eq!(at.pointer, "#/components/schemas/User/properties/name");
    assert!(at.file.ends_with("new.json"));
    let line = at.line.unwrap();
    let text = std::fs::read_to_string(&new).unwrap();
    assert!(text.lines().nth(line - 1).unwrap().contains("\"name\""));
    let gone = diff
        .changes
        .iter()
        .find(|c| c.rust == clientgen::ItemPath::named("Client", "list_users"))
        .unwrap();
    let at = gone.location.as_ref().unwrap();
    assert_eq!(at.pointer, "#/paths/~1users/get");
    assert!(at.file.ends_with("old.json"));
}

fn cli(old: &Path, new: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clientgen"))
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_cli_prints_text_markdown_and_json_and_fails_on_breaking() {
    let dir = tempfile::tempdir().unwrap();
    let mut compatible = base();
    schema(&mut compatible, "Role")["enum"] = json!(["admin", "member", "auditor"]);
    let (old, new) = write_pair(&dir, &compatible);
    let out = cli(&old, &new, &["--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("1 change to the client's API: 0 breaking, 1 compatible"),
        "{text}"
    );
    assert!(
        text.contains("variant_added: `Role` gains variant `Auditor`"),
        "{text}"
    );

    let mut breaking = base();
    schema(&mut breaking, "Role")["enum"] = json!(["admin"]);
    let (old, new) = write_pair(&dir, &breaking);
    let out = cli(&old, &new, &["--fail-on", "breaking", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let changes: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(changes[0]["kind"], "variant_removed");
    assert_eq!(changes[0]["breaking"], true);
    assert_eq!(changes[0]["rust"], "Role::Member");
    assert_eq!(changes[0]["pointer"], "#/components/schemas/Role");
    assert!(changes[0]["message"]
        .as_str()
        .unwrap()
        .contains("Role::Member"));

    let out = cli(&old, &new, &["--format", "markdown"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "without --fail-on a change is not a failure"
    );
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(markdown.contains("### Breaking (1)"), "{markdown}");
    assert!(
        markdown.contains("| variant_removed | `Role::Member` |"),
        "{markdown}"
    );

    std::fs::write(&new, "openapi: [").unwrap();
    assert_eq!(cli(&old, &new, &[]).status.code(), Some(2));
}

#[test]
fn check_says_what_a_stale_file_changes_before_the_text_diff() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api.json");
    let out = dir.path().join("generated");
    std::fs::write(&spec, serde_json::to_string_pretty(&base()).unwrap()).unwrap();
    clientgen::Config::new()
        .cargo_output(false)
        .out_dir(&out)
        .generate(&[&spec])
        .unwrap();
    let mut changed = base();
    schema(&mut changed, "Role")["enum"] = json!(["admin"]);
    std::fs::write(&spec, serde_json::to_string_pretty(&changed).unwrap()).unwrap();
    let drift = clientgen::Config::new()
        .cargo_output(false)
        .out_dir(&out)
        .check(&[&spec], false)
        .unwrap();
    let (_, api) = &drift.api[0];
    assert!(api.is_breaking());
    assert_eq!(
        api.changes[0].rust,
        clientgen::ItemPath::named("Role", "Member")
    );
    let shown = drift.to_string();
    let summary = shown
        .find("1 change to the client's API: 1 breaking")
        .unwrap();
    let text_diff = shown.find("@@").unwrap();
    assert!(summary < text_diff, "{shown}");
}

#[test]
fn an_operation_that_starts_paging_adds_methods_and_one_that_stops_breaks_their_callers() {
    let mut paged = base();
    paged["paths"]["/users"]["get"]["responses"]["200"]["headers"] =
        json!({"Link": {"description": "RFC 8288 links", "schema": {"type": "string"}}});
    let started = diff_between(&base(), &paged);
    has(
        &started,
        "paginator_added",
        false,
        "Client::list_users_pages",
    );
    has(
        &started,
        "paginator_added",
        false,
        "Client::list_users_items",
    );
    let stopped = diff_between(&paged, &base());
    has(
        &stopped,
        "paginator_removed",
        true,
        "Client::list_users_pages",
    );
    has(
        &stopped,
        "paginator_removed",
        true,
        "Client::list_users_items",
    );
}

#[test]
fn a_response_that_becomes_a_stream_changes_what_callers_get() {
    let streamed = diff(|s| {
        let content = &mut s["paths"]["/users"]["get"]["responses"]["200"]["content"];
        let schema = content["application/json"]["schema"]["items"].clone();
        *content = json!({"application/x-ndjson": {"schema": schema}});
    });
    assert!(
        streamed.iter().any(|(kind, breaking, rust)| *breaking
            && rust.starts_with("Client::list_users")
            && kind == "return_type_changed"),
        "{streamed:#?}"
    );
}

#[test]
fn a_renamed_operation_renames_its_inline_types_by_where_they_are() {
    let mut inline = base();
    op(&mut inline)["requestBody"]["content"]["application/json"]["schema"] =
        json!({"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}});
    let mut renamed = inline.clone();
    op(&mut renamed)["operationId"] = json!("addUser");
    let changes = diff_between(&inline, &renamed);
    has(&changes, "operation_renamed", true, "Client::create_user");
    has(&changes, "type_renamed", true, "CreateUserRequest");
    assert!(
        !changes
            .iter()
            .any(|(kind, _, _)| kind == "type_removed" || kind == "type_added"),
        "{changes:#?}"
    );
}
