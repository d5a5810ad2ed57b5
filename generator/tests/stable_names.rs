//! Names that no unrelated change can move: copies of a spec's operations,
//! added before and after all others (by path, by operationId and in the
//! document), change nothing a caller of the existing operations names.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// `spec` with every operation copied twice: under `/aaa-copy…` first and
/// `/zzz-copy…` last, with operationIds that sort the same way.
fn with_copies(spec: &Value) -> Value {
    let mut spec = spec.clone();
    let Some(paths) = spec["paths"].as_object() else {
        return spec;
    };
    let copy = |prefix: &str| -> Map<String, Value> {
        paths
            .iter()
            .map(|(path, item)| {
                let mut item = item.clone();
                for op in item
                    .as_object_mut()
                    .into_iter()
                    .flat_map(|i| i.values_mut())
                {
                    if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                        op["operationId"] = Value::from(format!("{prefix}Copy_{id}"));
                    }
                }
                (format!("/{prefix}-copy{path}"), item)
            })
            .collect()
    };
    let mut grown = copy("aaa");
    grown.extend(paths.clone());
    grown.extend(copy("zzz"));
    spec["paths"] = Value::Object(grown);
    spec
}

fn specs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = vec![root.join("tests/fixtures/shared-shapes.yaml")];
    for dir in ["../specs", "../tests/features/specs"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
            .collect();
        found.sort();
        specs.extend(found);
    }
    specs
}

#[test]
fn copies_of_operations_move_no_existing_name() {
    let dir = tempfile::tempdir().unwrap();
    for spec in specs() {
        let text = std::fs::read_to_string(&spec).unwrap();
        let value: Value = serde_yaml::from_str(&text).unwrap();
        let (old, new) = (dir.path().join("old.json"), dir.path().join("new.json"));
        std::fs::write(&old, serde_json::to_string(&value).unwrap()).unwrap();
        std::fs::write(&new, serde_json::to_string(&with_copies(&value)).unwrap()).unwrap();
        let diff = clientgen::Config::new()
            .cargo_output(false)
            .print_warnings(false)
            .diff(&old, &new)
            .unwrap();
        let moved: Vec<String> = diff
            .changes
            .iter()
            .filter(|c| c.breaking || !c.kind.as_str().ends_with("_added"))
            .map(|c| format!("{}: {}", c.kind, c.message))
            .collect();
        assert!(
            moved.is_empty(),
            "{}: copies of its operations changed existing items:\n{}",
            spec.display(),
            moved.join("\n")
        );
        let added = diff
            .changes
            .iter()
            .filter(|c| c.kind == clientgen::ChangeKind::OperationAdded);
        assert!(
            added.count() > 0,
            "{}: the copies were not seen",
            spec.display()
        );
    }
}
