//! The hostile spec's client (see `specs/hostile.yaml`): that it compiles
//! under clippy `-D warnings` is the first test.

/// Generated from `specs/hostile.yaml`.
pub mod hostile {
    clientgen_runtime::include_client!("hostile");
}

/// `specs/hostile.yaml` printed plainly (`Config::pretty(false)`): the same
/// tokens without prettyplease, which must compile as cleanly.
pub mod hostile_plain {
    include!(concat!(env!("OUT_DIR"), "/plain/hostile.rs"));
}
