//! The feature tour's clients (see `specs/`).

/// Generated from `specs/features.yaml`.
pub mod features {
    clientgen_runtime::include_client!("features");
}

/// Generated from `specs/nullable.yaml`: every way a schema admits null.
pub mod nullable {
    clientgen_runtime::include_client!("nullable");
}

/// `specs/nullable.yaml` again, every type both ways (`Config::both_ways`),
/// for the oracle test.
pub mod nullable_both_ways {
    include!(concat!(env!("OUT_DIR"), "/both_ways/nullable.rs"));
}

/// Generated from `specs/uploads.yaml` with `overlays/uploads.yaml`: its
/// own servers, multi-segment paths, credentials the spec does not declare.
pub mod uploads {
    clientgen_runtime::include_client!("uploads");
}

/// Generated from `specs/paging.yaml`: one operation for each way of paging.
pub mod paging {
    clientgen_runtime::include_client!("paging");
}

/// Generated from `specs/streams.yaml`: server-sent events and JSON lines.
pub mod streams {
    clientgen_runtime::include_client!("streams");
}

/// Generated from `specs/openapi32.yaml`: the QUERY method, an extension
/// method and `itemSchema` streams.
pub mod openapi32 {
    clientgen_runtime::include_client!("openapi32");
}

/// Generated from `specs/idempotency.yaml`: a create that documents an
/// idempotency key, and one that does not.
pub mod idempotency {
    clientgen_runtime::include_client!("idempotency");
}

/// Generated from `specs/credentials.yaml`: an OAuth2 client credentials
/// flow and an API key, for credentials that change.
pub mod credentials {
    clientgen_runtime::include_client!("credentials");
}

/// Generated from `specs/formats.yaml` with every format typed, dates as
/// chrono's (`Config::typed_formats`, `Config::dates`), both ways.
pub mod formats_chrono {
    include!(concat!(env!("OUT_DIR"), "/chrono/formats.rs"));
}

/// `specs/formats.yaml` again, dates as jiff's.
pub mod formats_jiff {
    include!(concat!(env!("OUT_DIR"), "/jiff/formats.rs"));
}
