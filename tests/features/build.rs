//! The feature tour is warning-free but for its deliberately clashing
//! schema names, whose renames the tests check.

fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new()
        .print_warnings(false)
        .generate(&["specs/features.yaml", "specs/nullable.yaml"])
}
