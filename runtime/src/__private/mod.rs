//! What generated code calls, and nothing a user needs: the readers and
//! writers of generated types, the checks of documented constraints, and
//! the functions that put parameters and credentials on a request. Hidden
//! from the documentation and outside the semver promise except as
//! generated code of the same minor version uses it.

pub mod buffered;
pub mod check;
pub mod de;
pub mod double_option;
pub mod paging;
pub mod ser;

pub use crate::auth::Security;
pub use crate::error::Failure;
pub use crate::params::{
    json_param, json_part, path_segment, path_segments, Cookies, Headers, JsonText,
};
pub use crate::query::{encode_path, join, ObjectStyle, Query};
pub use crate::server::substitute;

/// A method outside reqwest's constants (`QUERY`, `PURGE`), from its token.
pub fn method<E>(token: &'static str) -> Result<reqwest::Method, crate::Error<E>> {
    reqwest::Method::from_bytes(token.as_bytes())
        .map_err(|_| crate::Error::InvalidRequest(format!("`{token}` is not an HTTP method")))
}

pub use crate::retry::idempotency_key;

pub use crate::telemetry::Call;

/// A chrono date and time as RFC 3339 (`2024-05-01T10:00:00Z`), for a
/// parameter: its own `Display` writes `2024-05-01 10:00:00 UTC`.
#[cfg(feature = "chrono")]
pub fn rfc3339(value: &chrono::DateTime<chrono::Utc>) -> impl std::fmt::Display + use<'_> {
    value.format("%Y-%m-%dT%H:%M:%S%.fZ")
}
