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
pub mod emit;
mod error;
pub mod format;
mod ident;
pub mod load;
mod locate;
pub mod model;
pub mod normalize;
mod pointer;
mod write;

use std::path::Path;

pub use config::{module_file_name, Config, Report};
pub use error::{Diagnostic, Error, Location, Warning};
pub use write::{Drift, Written};

/// One spec's generated module.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted source of the module.
    pub code: String,
    /// Repairs and skipped constructs, each with its place.
    pub warnings: Vec<Warning>,
    /// Named types in the module.
    pub types: usize,
    /// Operations, one method each.
    pub operations: usize,
}

/// Generates the module for the spec at `path`.
pub fn generate_file(path: &Path) -> Result<Generated, Error> {
    let source = load::load(path)?;
    generate_source(source, &display_name(path))
}

/// Generates a module from spec text; `file` names it in messages.
pub fn generate_str(file: &str, text: &str) -> Result<Generated, Error> {
    let source = load::parse(file, text.to_owned())?;
    generate_source(source, file)
}

/// The stack each stage runs on. Every walk over a document is bounded in
/// depth (256 levels of document, 64 of inline schemas), but in a debug
/// build (as build scripts are) a few hundred frames of syn and prettyplease
/// outgrow the 2 MiB of a test thread or the 8 MiB of a main thread. Only
/// what is touched is ever allocated.
pub(crate) const STACK_SIZE: usize = 256 << 20;

/// Runs the pipeline on a thread of its own, so that how deep a spec may
/// nest does not depend on the caller's stack.
fn generate_source(source: load::Source, name: &str) -> Result<Generated, Error> {
    let name = name.to_owned();
    std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run_pipeline(source, &name))
        .map_err(|error| Error::Internal(format!("no thread could be started: {error}")))?
        .join()
        .unwrap_or_else(|_| Err(Error::Internal("the generator panicked".to_owned())))
}

fn run_pipeline(source: load::Source, name: &str) -> Result<Generated, Error> {
    let mut warnings = Vec::new();
    let normalized = normalize::normalize(source, &mut warnings)?;
    let api = model::lower(&normalized, &mut warnings)?;
    // A place shared by several operations (a path-level parameter, a global
    // security requirement) is reported once.
    let mut seen = std::collections::BTreeSet::new();
    warnings.retain(|w| seen.insert((w.location.pointer.clone(), w.message.clone())));
    let sections = emit::sections(&api);
    let code = format::format_sections(&sections, |s| emit::emit_section(&api, *s), name)?;
    Ok(Generated {
        code,
        warnings,
        types: api.types.len(),
        operations: api.operations.len(),
    })
}

/// The spec's file name: the header must not depend on where the spec lives,
/// so that build.rs output and the committed snapshot are the same bytes.
fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
