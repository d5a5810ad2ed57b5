//! The raw seed documents are sloppy on purpose (string booleans): their
//! warnings are asserted by the tests, not printed on every build.

fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new().print_warnings(false).generate(&[
        "specs/flexprice.yaml",
        "specs/phrase.yaml",
        "specs/rocketchat.json",
    ])
}
