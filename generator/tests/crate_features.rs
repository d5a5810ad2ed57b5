//! A client written as a crate (`Config::output_crate`) compiles, under
//! clippy with warnings denied, with each of its cargo features alone, with
//! none and with all: the gates the model puts on operations and types hold
//! for every combination a user can pick one feature at a time. The vendors'
//! documents are compiled as crates with all their features too.
//!
//! Spawns cargo: `#[ignore]`d outside CI (`cargo test -p clientgen --
//! --include-ignored`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// Writes the crate of `spec` into `dir`, depending on this checkout's runtime.
fn write_crate(spec: &Path, dir: &Path) -> clientgen::Report {
    write_crate_with(spec, dir, &mut clientgen::Config::new())
}

fn write_crate_with(spec: &Path, dir: &Path, config: &mut clientgen::Config) -> clientgen::Report {
    let mut reports = config
        .cargo_output(false)
        .print_warnings(false)
        .output_crate(dir)
        .runtime_path(repository().join("runtime"))
        .run(&[spec])
        .unwrap_or_else(|error| panic!("{}: {error}", spec.display()));
    reports.remove(0)
}

/// A workspace of `members` (folder names under `root`), so that they share
/// one lock file and one build of their dependencies.
fn workspace(root: &Path, members: &[String]) {
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
}

/// What clippy says of the crates in `root`: `Ok` when it passes, else its
/// messages (the first 6,000 characters).
fn clippy(root: &Path, args: &[&str]) -> Result<(), String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["clippy", "--quiet", "--message-format", "short"])
        .args(args)
        .args(["--", "-D", "warnings"])
        // Kept between runs: only the generated crates are rebuilt.
        .env(
            "CARGO_TARGET_DIR",
            repository().join("target/crate-features"),
        )
        .current_dir(root)
        .output()
        .map_err(|error| format!("cargo could not be run: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr)
            .chars()
            .take(6000)
            .collect())
    }
}

/// The features a written crate declares, `all` and `default` aside.
fn features(dir: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let table: toml::Table = toml::from_str(&manifest).unwrap();
    table["features"]
        .as_table()
        .unwrap()
        .keys()
        .filter(|name| !matches!(name.as_str(), "all" | "default"))
        .cloned()
        .collect()
}

#[test]
#[ignore = "spawns cargo clippy; CI runs it, and so does `cargo test -p clientgen -- --include-ignored`"]
fn every_feature_alone_none_and_all_compile_under_clippy() {
    let root = tempfile::tempdir().unwrap();
    let spec = repository().join("generator/tests/crate/tagged.yaml");
    write_crate(&spec, &root.path().join("tagged"));
    workspace(root.path(), &["tagged".to_owned()]);
    let features = features(&root.path().join("tagged"));
    assert_eq!(
        features,
        ["admin", "event-stream", "teams", "untagged", "users"]
    );
    let mut failures = Vec::new();
    let mut runs: Vec<Vec<String>> = vec![
        vec!["--no-default-features".into()],
        vec!["--all-features".into()],
    ];
    runs.extend(features.iter().map(|feature| {
        vec![
            "--no-default-features".into(),
            "--features".into(),
            feature.clone(),
        ]
    }));
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if let Err(errors) = clippy(root.path(), &args) {
            failures.push(format!("{args:?}:\n{errors}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
#[ignore = "spawns cargo clippy; CI runs it, and so does `cargo test -p clientgen -- --include-ignored`"]
fn the_vendors_documents_compile_as_crates_with_all_features() {
    let root = tempfile::tempdir().unwrap();
    let mut specs: Vec<PathBuf> = std::fs::read_dir(repository().join("tests/vendors/specs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    let mut members = Vec::new();
    for (index, spec) in specs.iter().enumerate() {
        let member = format!("vendor-{index}");
        write_crate(spec, &root.path().join(&member));
        members.push(member);
    }
    workspace(root.path(), &members);
    clippy(root.path(), &["--workspace", "--all-features"])
        .unwrap_or_else(|errors| panic!("{errors}"));
}

#[test]
#[ignore = "spawns cargo clippy; CI runs it, and so does `cargo test -p clientgen -- --include-ignored`"]
fn typed_dates_turn_on_the_runtimes_feature_and_without_it_say_so_first() {
    let root = tempfile::tempdir().unwrap();
    let spec = repository().join("tests/features/specs/formats.yaml");
    let dir = root.path().join("formats");
    let mut config = clientgen::Config::new();
    config
        .typed_formats(clientgen::Format::ALL)
        .dates(clientgen::DateCrate::Jiff);
    write_crate_with(&spec, &dir, &mut config);
    workspace(root.path(), &["formats".to_owned()]);
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let table: toml::Table = toml::from_str(&manifest).unwrap();
    assert_eq!(
        table["dependencies"]["clientgen-runtime"]["features"]
            .as_array()
            .unwrap(),
        &[toml::Value::from("jiff")]
    );
    clippy(root.path(), &["--all-features"]).unwrap_or_else(|errors| panic!("{errors}"));
    // A user who forgot the feature is told so by the first error. (The
    // `S::Ok` of a `Serialize` impl whose bound could not be resolved is
    // reported after it: rustc does not quiet those.)
    let forgot = manifest.replace(", features = [\"jiff\"]", "");
    assert_ne!(forgot, manifest);
    std::fs::write(dir.join("Cargo.toml"), forgot).unwrap();
    let errors = clippy(root.path(), &[]).unwrap_err();
    let lines: Vec<&str> = errors
        .lines()
        .filter(|line| line.contains("error"))
        .filter(|line| !line.starts_with("error: could not compile"))
        .collect();
    assert!(!lines.is_empty(), "{errors}");
    assert!(
        lines[0].ends_with("error: this client types its dates with jiff: turn on clientgen-runtime's `jiff` feature (clientgen-runtime = { version = \"0.1\", features = [\"jiff\"] })"),
        "{errors}"
    );
}
