//! The feature tour is warning-free but for its deliberately clashing
//! schema names, whose renames the tests check.

fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new()
        .print_warnings(false)
        .generate(&["specs/features.yaml", "specs/nullable.yaml"])?;
    // A spec that needs an overlay, as GitHub's does.
    clientgen::Config::new()
        .strict(true)
        .overlay("overlays/uploads.yaml")
        .generate(&["specs/uploads.yaml"])
}
