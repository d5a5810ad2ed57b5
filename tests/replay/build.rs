//! Two clients for the operations the recordings call most: from GitHub's
//! spec as published, and with the overlay the README shows.

/// The operations replayed; `src/main.rs` calls each.
const OPERATIONS: &[&str] = &[
    "gists/get",
    "orgs/get",
    "repos/get",
    "repos/get-branch",
    "repos/list-commits",
    "repos/get-commit",
    "repos/get-content",
    "git/get-commit",
    "git/get-tree",
    "issues/list-for-repo",
    "issues/get-event",
    "issues/get",
    "issues/list-comments",
    "issues/list-labels-on-issue",
    "issues/get-label",
    "issues/get-milestone",
    "pulls/get",
    "pulls/list-commits",
    "repos/get-release",
    "repos/list-release-assets",
    "users/get-authenticated",
    "users/get-by-username",
];

fn main() -> Result<(), clientgen::Error> {
    println!("cargo:rerun-if-env-changed=GITHUB_SPEC");
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
            .operations(OPERATIONS.iter().copied());
        if let Some(overlay) = overlay {
            config.overlay(overlay);
        }
        std::fs::create_dir_all(out.join(dir)).unwrap();
        config.generate(&[&spec])?;
    }
    Ok(())
}
