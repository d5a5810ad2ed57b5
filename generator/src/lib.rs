//! clientgen turns OpenAPI documents (3.0, 3.1, 3.2 and Swagger 2.0, YAML
//! or JSON) into typed, documented Rust HTTP clients, from `build.rs` (like
//! prost-build) or from the `clientgen` command (the `clientgen-cli`
//! package; this library has none of its dependencies).
//!
//! The public API is [`Config`] (what build.rs and the CLI use), the one-shot
//! [`generate_file`] and [`generate_str`], and the report types ([`Error`],
//! [`Diagnostic`], [`Report`], [`Drift`]). Inside, the pipeline runs one way,
//! a module a stage, orchestrated by `pipeline`: `load` reads JSON or YAML;
//! `normalize/` converts 3.2, 3.1 and 2.0 to 3.0, repairs what is clearly meant
//! (each repair a warning), checks `$ref`s and schemas, and records for
//! `locate` where each converted place came from, so that every diagnostic
//! names a place in the user's own file; `model/` lowers the document to an
//! intermediate representation that knows nothing of Rust syntax and decides
//! everything (names, boxing, which way each type travels); `emit/` prints
//! that as tokens; `format` prints them with prettyplease; `write` puts files
//! in place all or nothing, or compares them (the drift check).
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), clientgen::Error> {
//!     clientgen::Config::new().generate(&["specs/rocketchat.yaml"])
//! }
//! ```
//! ```text
//! // src/lib.rs
//! pub mod rocketchat {
//!     clientgen_runtime::include_client!("rocketchat");
//! }
//! ```

#![deny(missing_docs)]

mod config;
mod crate_files;
mod diff;
mod doc_text;
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
mod overlay;
#[doc(hidden)]
pub mod pipeline;
mod pointer;
mod threads;
mod write;

pub use config::{module_file_name, Config, Report};
pub use diff::report::Format as DiffFormat;
pub use diff::{ApiDiff, Change, ChangeKind, ItemPath, Member};
pub use error::{Diagnostic, Error, Location, Warning};
pub use model::{DateCrate, Format};
pub use pipeline::{generate_file, generate_str, Generated};
pub use write::{Drift, Written};
