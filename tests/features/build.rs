fn main() -> Result<(), clientgen::Error> {
    clientgen::Config::new()
        .strict(true)
        .generate(&["specs/features.yaml"])
}
