//! What a hostile or careless spec, overlay or file name does to the
//! generator (the fourth review's findings): each a located error or
//! warning, never a cargo directive, a wrong blame or a refused document.

use std::path::Path;
use std::process::Command;

const MINIMAL: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

/// Runs this test binary's `name` test alone in a child process, with
/// `CLIENTGEN_CHILD` set: what it prints on stdout is what a build script
/// would hand to cargo.
fn child_stdout(name: &str, dir: &Path) -> (bool, String) {
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env("CLIENTGEN_CHILD", dir)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_file_name_with_a_line_break_prints_no_cargo_directive() {
    if let Some(dir) = std::env::var_os("CLIENTGEN_CHILD") {
        // The child: generate as a build script would, from a folder's listing.
        let dir = Path::new(&dir);
        let specs: Vec<_> = std::fs::read_dir(dir.join("specs"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        let result = clientgen::Config::new()
            .out_dir(dir.join("out"))
            .generate(&specs);
        let error = result.unwrap_err().to_string();
        assert!(error.contains("holds a line break"), "{error}");
        assert!(
            !error.contains('\n') || error.contains("\n  hint: rename the file"),
            "{error}"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("specs")).unwrap();
    let hostile = "api\ncargo:rustc-env=INJECTED=1\ncargo:rustc-link-arg=-evil\n.yaml";
    std::fs::write(dir.path().join("specs").join(hostile), MINIMAL).unwrap();
    let (ok, stdout) = child_stdout(
        "a_file_name_with_a_line_break_prints_no_cargo_directive",
        dir.path(),
    );
    assert!(ok, "{stdout}");
    assert!(!stdout.contains("cargo:"), "{stdout}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_problem_an_overlay_adds_is_reported_in_the_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/A'}\ncomponents:\n  schemas:\n    A: {type: object, properties: {id: {type: string}}}\n",
    )
    .unwrap();
    let overlay = dir.path().join("fix.yaml");
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: fix, version: '1'}\nactions:\n  - target: $.components.schemas.A.properties\n    update:\n      owner: {$ref: '#/components/schemas/Missing'}\n",
    )
    .unwrap();
    let error = clientgen::Config::new()
        .cargo_output(false)
        .out_dir(dir.path().join("out"))
        .overlay(&overlay)
        .generate(&[&spec])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("fix.yaml: #/actions/0/update/owner/$ref"),
        "{error}"
    );
    assert!(error.contains("(line 6)"), "{error}");
    assert!(!error.contains("api.yaml"), "{error}");
}

#[test]
fn text_that_reorders_or_hides_itself_never_reaches_a_comment() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: \"a\\u202Eb\"\n  version: '1'\n  description: \"nul \\0 tab \\t bidi \\u2066x\\u2069 zero\\u200Bwidth\"\npaths: {}\ncomponents:\n  schemas:\n    E: {type: string, enum: [\"x\\u202Ey\", \"a`b\"]}\n";
    let code = clientgen::generate_str("api.yaml", spec).unwrap().code;
    let odd = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    for line in code
        .lines()
        .filter(|line| line.trim_start().starts_with("///"))
    {
        assert!(!line.contains(odd), "{line:?}");
    }
    assert!(code.contains("/// aU+202Eb"), "{code}");
    assert!(code.contains("/// ``a`b``"), "{code}");
}
