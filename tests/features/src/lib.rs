//! The feature tour's clients (see `specs/`).

/// Generated from `specs/features.yaml`.
pub mod features {
    clientgen_runtime::include_client!("features");
}

/// Generated from `specs/nullable.yaml`: every way a schema admits null.
pub mod nullable {
    clientgen_runtime::include_client!("nullable");
}
