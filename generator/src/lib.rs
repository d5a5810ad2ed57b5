//! clientgen turns OpenAPI 3.0 documents into typed, documented Rust HTTP
//! clients, from `build.rs` (like prost-build) or from the `clientgen` CLI.
//!
//! The pipeline runs one way, one module a stage: [`load`] reads JSON or
//! YAML, [`normalize`] repairs and checks the document, [`model`] lowers it to
//! an intermediate representation that knows nothing of Rust syntax, `emit`
//! turns that into tokens, `format` prints them with prettyplease, and
//! `write` puts files in place atomically, or compares them (the drift check).
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), clientgen::Error> {
//!     clientgen::Config::new().generate(&["specs/rocketchat.yaml"])
//! }
//! ```
//! ```ignore
//! // src/lib.rs
//! pub mod rocketchat {
//!     clientgen_runtime::include_client!("rocketchat");
//! }
//! ```

mod config;
#[doc(hidden)]
pub mod emit;
mod error;
#[doc(hidden)]
pub mod format;
mod ident;
#[doc(hidden)]
pub mod load;
mod locate;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod normalize;
#[doc(hidden)]
pub mod pipeline;
mod pointer;
mod write;

pub use config::{module_file_name, Config, Report};
pub use error::{Diagnostic, Error, Location, Warning};
pub use pipeline::{generate_file, generate_str, Generated};
pub use write::{Drift, Written};
