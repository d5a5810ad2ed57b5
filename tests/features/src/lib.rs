//! The feature tour's clients (see `specs/`).

// `specs/custom.yaml`'s `x-rust-type` names a type of this crate by the
// crate's name, as it would name another crate's.
extern crate self as feature_clients;

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

/// Types of the user's own, which `specs/custom.yaml`'s client uses in
/// place of generating its `Money` and `CustomerId`.
pub mod money {
    use clientgen_runtime::serde::{Deserialize, Serialize};

    /// An amount in minor units of a currency, as this crate keeps money.
    #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(crate = "clientgen_runtime::serde")]
    pub struct Money {
        /// Decimal text, as the API sends it.
        pub amount: String,
        /// ISO 4217.
        pub currency: String,
    }

    /// A customer's id, which the API sends as text.
    #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(crate = "clientgen_runtime::serde", transparent)]
    pub struct CustomerId(pub String);

    impl std::fmt::Display for CustomerId {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }
}

/// Generated from `specs/custom.yaml` with `Money` replaced
/// (`Config::replace`), `CustomerId` replaced by its `x-rust-type`, and
/// attributes on `Invoice` and its `memo`.
pub mod custom {
    clientgen_runtime::include_client!("custom");
}
