//! Generates the five clients from specs/ into OUT_DIR, the way any crate
//! that uses clientgen would. `generated/` holds the same bytes, committed,
//! and the drift test keeps the two equal.

fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new().generate(&[
        "specs/flexprice.yaml",
        "specs/lastpass.yaml",
        "specs/liveperson.yaml",
        "specs/phrase.yaml",
        "specs/rocketchat.yaml",
    ])
}
