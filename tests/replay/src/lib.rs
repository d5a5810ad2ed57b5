//! The two GitHub clients the replay calls (see build.rs).

/// From api.github.com.json as published.
pub mod published {
    include!(concat!(env!("OUT_DIR"), "/published/api_github_com.rs"));
}

/// With `github.overlay.yaml` applied.
pub mod overlaid {
    include!(concat!(env!("OUT_DIR"), "/overlaid/api_github_com.rs"));
}
