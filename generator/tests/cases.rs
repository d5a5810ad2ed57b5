//! File-driven cases: every spec in `tests/cases/` generates the module and
//! the diagnostics committed beside it, byte for byte. The expected files
//! are updated with `EXPECTORATE=overwrite cargo test -p clientgen --test
//! cases` (see `tests/cases/README.md`).

use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases is there")
        .map(|entry| entry.expect("tests/cases can be read").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    specs
}

/// The diagnostics as the CLI prints them: each warning, or the error.
fn diagnostics(result: &Result<clientgen::Generated, clientgen::Error>) -> String {
    match result {
        Ok(generated) => generated
            .warnings
            .iter()
            .map(|warning| format!("warning: {warning}\n"))
            .collect(),
        Err(error) => format!("error: {error}\n"),
    }
}

#[test]
fn every_case_generates_its_committed_module_and_diagnostics() {
    let specs = cases();
    assert!(specs.len() >= 10, "the cases are missing: {specs:?}");
    for spec in specs {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&spec).unwrap();
        let result = clientgen::generate_str(&name, &text);
        expectorate::assert_contents(spec.with_extension("diagnostics"), &diagnostics(&result));
        let module = spec.with_extension("rs");
        match &result {
            Ok(generated) => expectorate::assert_contents(&module, &generated.code),
            // On error nothing is generated, and no module is expected.
            Err(_) => assert!(!module.exists(), "{} expects a module", spec.display()),
        }
    }
}
