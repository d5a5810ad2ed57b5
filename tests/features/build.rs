//! The feature tour is warning-free but for its deliberately clashing
//! schema names, whose renames the tests check.

fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new().print_warnings(false).generate(&[
        "specs/features.yaml",
        "specs/nullable.yaml",
        "specs/paging.yaml",
        "specs/streams.yaml",
        "specs/openapi32.yaml",
        "specs/idempotency.yaml",
        "specs/credentials.yaml",
    ])?;
    // For the oracle (tests/oracle.rs): every type both ways, so that what
    // is read can be written back and checked by the validator.
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    clientgen::Config::new()
        .print_warnings(false)
        .both_ways(true)
        .out_dir(out.join("both_ways"))
        .generate(&["specs/nullable.yaml"])?;
    // Every typed format, with each date crate.
    for (dates, dir) in [
        (clientgen::DateCrate::Chrono, "chrono"),
        (clientgen::DateCrate::Jiff, "jiff"),
    ] {
        clientgen::Config::new()
            .strict(true)
            .both_ways(true)
            .typed_formats(clientgen::Format::ALL)
            .dates(dates)
            .out_dir(out.join(dir))
            .generate(&["specs/formats.yaml"])?;
    }
    // The user's own types, and attributes on generated ones.
    clientgen::Config::new()
        .strict(true)
        .replace("Money", "crate::money::Money")
        .type_attribute("Invoice", "#[derive(Eq, Hash)]")
        .field_attribute("Invoice.memo", "#[doc(alias = \"note\")]")
        .generate(&["specs/custom.yaml"])?;
    // A spec that needs an overlay, as GitHub's does.
    clientgen::Config::new()
        .strict(true)
        .overlay("overlays/uploads.yaml")
        .generate(&["specs/uploads.yaml"])
}
