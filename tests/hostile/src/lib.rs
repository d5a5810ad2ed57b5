//! The hostile spec's client (see `specs/hostile.yaml`): that it compiles
//! under clippy `-D warnings` is the first test.

/// Generated from `specs/hostile.yaml`.
pub mod hostile {
    clientgen_runtime::include_client!("hostile");
}
