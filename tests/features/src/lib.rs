//! The feature tour's client (see `specs/features.yaml`).

/// Generated from `specs/features.yaml`.
pub mod features {
    clientgen_runtime::include_client!("features");
}
