//! Generates the five clients from specs/ into OUT_DIR, the way any crate
//! that uses clientgen would. `generated/` holds the same bytes, committed,
//! and the drift test keeps the two equal.
//!
//! The create_user example loads requests from JSON files and prints
//! responses as JSON, so it uses a second copy generated with
//! `both_ways(true)`, in OUT_DIR/both_ways.

const SPECS: [&str; 5] = [
    "specs/flexprice.yaml",
    "specs/lastpass.yaml",
    "specs/liveperson.yaml",
    "specs/phrase.yaml",
    "specs/rocketchat.yaml",
];

fn main() -> Result<(), clientgen::Error> {
    // Formatted, as the committed snapshots are (the drift test compares
    // the bytes); OUT_DIR is otherwise printed plainly.
    clientgen::Config::new().pretty(true).generate(&SPECS)?;
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    clientgen::Config::new()
        .out_dir(std::path::Path::new(&out).join("both_ways"))
        .both_ways(true)
        .generate(&SPECS)
}
