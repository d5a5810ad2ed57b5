//! Every vendor document, exactly as published (specs/SOURCES.md says from
//! where). Their repairs are warnings, listed in the README's vendors table;
//! they are not printed on every build.
//!
//! `VENDORS_DATES=chrono` (or `jiff`) generates them with every format
//! typed (`Config::typed_formats`), as CI checks them.

fn main() -> Result<(), clientgen::Error> {
    println!("cargo:rerun-if-env-changed=VENDORS_DATES");
    let dates = match std::env::var("VENDORS_DATES").as_deref() {
        Ok("chrono") => Some(clientgen::DateCrate::Chrono),
        Ok("jiff") => Some(clientgen::DateCrate::Jiff),
        _ => None,
    };
    let mut specs: Vec<_> = std::fs::read_dir("specs")
        .expect("specs/ is there")
        .map(|entry| entry.expect("specs/ can be read").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    let mut config = clientgen::Config::new();
    config.print_warnings(false);
    if let Some(dates) = dates {
        config.typed_formats(clientgen::Format::ALL).dates(dates);
    }
    config.generate(&specs)?;
    // The repository's five curated specs, the same way.
    let curated: Vec<_> = [
        "flexprice",
        "lastpass",
        "liveperson",
        "phrase",
        "rocketchat",
    ]
    .iter()
    .map(|name| format!("../../specs/{name}.yaml"))
    .collect();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    config.out_dir(out.join("curated")).generate(&curated)
}
