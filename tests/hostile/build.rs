//! The hostile spec's warnings (unions that contain themselves, an alias
//! cycle) are the point of it; cli/tests/hardening.rs checks their text.

fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new()
        .print_warnings(false)
        .pretty(true)
        .generate(&["specs/hostile.yaml", "specs/round4.yaml"])?;
    // The same modules printed plainly (`Config::pretty(false)`), which must
    // compile as cleanly: hostile names and docs are where spacing could go wrong.
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    clientgen::Config::new()
        .print_warnings(false)
        .pretty(false)
        .out_dir(out.join("plain"))
        .generate(&["specs/hostile.yaml", "specs/round4.yaml"])
}
