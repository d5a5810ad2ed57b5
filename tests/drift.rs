//! The committed `generated/` files are the snapshots: byte for byte what the
//! generator makes of `specs/`, and what build.rs wrote to OUT_DIR.

use std::fs;
use std::path::{Path, PathBuf};

const SPECS: [&str; 5] = [
    "flexprice",
    "lastpass",
    "liveperson",
    "phrase",
    "rocketchat",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn specs() -> Vec<PathBuf> {
    SPECS
        .iter()
        .map(|name| root().join(format!("specs/{name}.yaml")))
        .collect()
}

fn checker(out: &Path) -> clientgen::Config {
    let mut config = clientgen::Config::new();
    config.out_dir(out).cargo_output(false);
    config
}

#[test]
fn generated_is_up_to_date_with_specs() {
    let drift = checker(&root().join("generated"))
        .check(&specs(), true)
        .unwrap();
    assert!(
        drift.is_clean(),
        "generated/ is stale; run `cargo clientgen generate`:\n{drift}"
    );
}

#[test]
fn build_rs_output_is_the_committed_snapshot() {
    for name in SPECS {
        let built =
            fs::read_to_string(Path::new(env!("OUT_DIR")).join(format!("{name}.rs"))).unwrap();
        let committed = fs::read_to_string(root().join(format!("generated/{name}.rs"))).unwrap();
        assert!(
            built == committed,
            "OUT_DIR/{name}.rs differs from generated/{name}.rs"
        );
    }
}

#[test]
fn a_changed_spec_is_caught_with_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("flexprice.yaml");
    let text = fs::read_to_string(root().join("specs/flexprice.yaml")).unwrap();
    fs::write(
        &spec,
        text.replace("description: US Region", "description: United States"),
    )
    .unwrap();

    let drift = checker(&root().join("generated"))
        .check(&[spec], false)
        .unwrap();
    assert!(!drift.is_clean());
    assert_eq!(drift.stale.len(), 1);
    let (path, diff) = &drift.stale[0];
    assert!(path.ends_with("generated/flexprice.rs"));
    assert!(diff.contains("\n-    UsRegion,\n"), "{diff}");
    assert!(diff.contains("\n+    UnitedStates,\n"), "{diff}");
}

#[test]
fn generation_is_deterministic() {
    for spec in specs() {
        let first = clientgen::generate_file(&spec).unwrap().code;
        let second = clientgen::generate_file(&spec).unwrap().code;
        assert!(
            first == second,
            "{} generated differently twice",
            spec.display()
        );
    }
}

#[test]
fn the_curated_specs_generate_without_warnings() {
    for spec in specs() {
        let generated = clientgen::generate_file(&spec).unwrap();
        assert!(
            generated.warnings.is_empty(),
            "{}: {:?}",
            spec.display(),
            generated.warnings
        );
    }
}
