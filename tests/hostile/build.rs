//! The hostile spec's warnings (unions that contain themselves, an alias
//! cycle) are the point of it; generator/tests/cli.rs checks their text.

fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new()
        .print_warnings(false)
        .generate(&["specs/hostile.yaml"])
}
