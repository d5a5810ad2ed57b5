//! Every vendor document, exactly as published (specs/SOURCES.md says from
//! where). Their repairs are warnings, listed in the README's vendors table;
//! they are not printed on every build.

fn main() -> Result<(), clientgen::Error> {
    let mut specs: Vec<_> = std::fs::read_dir("specs")
        .expect("specs/ is there")
        .map(|entry| entry.expect("specs/ can be read").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    clientgen::Config::new()
        .print_warnings(false)
        .generate(&specs)
}
