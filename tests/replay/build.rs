//! Two clients for the operations the recordings call most: from GitHub's
//! spec as published, and with the overlay the README shows.

include!("src/operations.rs");

fn main() -> Result<(), clientgen::Error> {
    println!("cargo:rerun-if-env-changed=GITHUB_SPEC");
    println!("cargo:rerun-if-changed=src/operations.rs");
    let spec = std::env::var("GITHUB_SPEC")
        .expect("GITHUB_SPEC names api.github.com.json (tests/replay/run.py sets it)");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for (dir, overlay) in [
        ("published", None),
        ("overlaid", Some("github.overlay.yaml")),
    ] {
        let mut config = clientgen::Config::new();
        config
            .out_dir(out.join(dir))
            .print_warnings(false)
            .operations(OPERATIONS.iter().map(|(id, _)| *id));
        if let Some(overlay) = overlay {
            config.overlay(overlay);
        }
        std::fs::create_dir_all(out.join(dir)).unwrap();
        config.generate(&[&spec])?;
    }
    Ok(())
}
