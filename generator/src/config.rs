//! The builder that `build.rs` and the CLI use.

use std::path::{Path, PathBuf};

use heck::ToSnakeCase;

use crate::diff::{ApiDiff, Side};
use crate::error::{Error, Warning};
use crate::model::{DateCrate, Format, Printing, Selection, Settings};
use crate::pipeline::{diff_side, generate_selected, Generated};
use crate::write::{compare, write_all, Drift, Output, Written};

/// Configures generation, in the manner of `prost_build::Config`.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), clientgen::Error> {
///     clientgen::Config::new().generate(&["specs/rocketchat.yaml"])
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    out_dir: Option<PathBuf>,
    strict: bool,
    cargo_output: bool,
    print_warnings: bool,
    /// What to generate.
    selection: Selection,
    /// How to generate it; its printing is decided by `pretty` and where
    /// the module goes, when a run is planned.
    settings: Settings,
    overlays: Vec<PathBuf>,
    /// The client is written as a crate in this folder.
    crate_dir: Option<PathBuf>,
    /// The clientgen-runtime a crate depends on by path, not by version.
    runtime_path: Option<PathBuf>,
    /// `None`: pretty where the module goes to a directory of the user's
    /// choosing, plain in `OUT_DIR`.
    pretty: Option<bool>,
}

/// What one file of a run came to.
#[derive(Clone, Debug)]
pub struct Report {
    /// The spec as named.
    pub spec: PathBuf,
    /// The generated file.
    pub path: PathBuf,
    /// Whether the file changed.
    pub written: Written,
    /// Counts for the summary line.
    pub types: usize,
    /// Counts for the summary line.
    pub operations: usize,
    /// Each paginated operation and how it pages (see `Generated::paginators`).
    pub paginators: Vec<String>,
}

impl Default for Config {
    /// The same as [`Config::new`].
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Defaults for `build.rs`: write to `OUT_DIR`, print `cargo:` lines.
    pub fn new() -> Self {
        Self {
            out_dir: None,
            strict: false,
            cargo_output: true,
            print_warnings: true,
            selection: Selection::default(),
            settings: Settings::default(),
            overlays: Vec::new(),
            crate_dir: None,
            runtime_path: None,
            pretty: None,
        }
    }

    /// Writes to `dir` instead of `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Turns warnings (repairs of sloppy specs, skipped constructs) into errors.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines (on by default).
    pub fn cargo_output(&mut self, enabled: bool) -> &mut Self {
        self.cargo_output = enabled;
        self
    }

    /// Whether warnings are printed (as `cargo:warning` lines from build.rs,
    /// on stderr otherwise); on by default.
    pub fn print_warnings(&mut self, enabled: bool) -> &mut Self {
        self.print_warnings = enabled;
        self
    }

    /// Generates only the operations with any of these tags (and those
    /// [`Config::operations`] names), and the types they reach; a tag no
    /// operation has is an error naming it.
    pub fn tags<S: Into<String>>(&mut self, tags: impl IntoIterator<Item = S>) -> &mut Self {
        self.selection.tags.extend(tags.into_iter().map(Into::into));
        self
    }

    /// Generates only the operations whose operationId or `METHOD /path`
    /// matches one of these patterns (`*` is a wildcard: `issues/*`,
    /// `GET /repos/*`), and the types they reach; a pattern that matches
    /// nothing is an error naming it.
    pub fn operations<S: Into<String>>(
        &mut self,
        patterns: impl IntoIterator<Item = S>,
    ) -> &mut Self {
        self.selection
            .operations
            .extend(patterns.into_iter().map(Into::into));
        self
    }

    /// Whether modules are formatted by prettyplease, or printed straight
    /// from their tokens: a statement, field or item a line, indented, the
    /// same code. Formatting is most of the time generation takes, several
    /// times more in an unoptimized build script, so by default a module
    /// written to `OUT_DIR`, which nobody reads but the compiler (and the
    /// odd jump to a definition), is printed plainly, and one written to an
    /// [`out_dir`](Config::out_dir), to be committed and reviewed, is
    /// formatted. This sets it either way.
    pub fn pretty(&mut self, enabled: bool) -> &mut Self {
        self.pretty = Some(enabled);
        self
    }

    /// Gives every type both `Serialize` and `Deserialize`. By default a type
    /// implements only what its direction needs: `Serialize` if it is sent,
    /// `Deserialize` if it is received (both for a type no operation uses),
    /// which on large specs saves a good part of the client's compile time.
    /// Turn this on for programs that load requests from files or print
    /// responses as JSON.
    pub fn both_ways(&mut self, enabled: bool) -> &mut Self {
        self.settings.both_ways = enabled;
        self
    }

    /// Whether operations are paginated by the names of their parameters
    /// and fields (the rule in the README's "Pagination"), as well as by
    /// `x-speakeasy-pagination`. On by default; `false` keeps only the
    /// declared paginators, for an API whose names mislead.
    pub fn infer_pagination(&mut self, enabled: bool) -> &mut Self {
        self.settings.infer_pagination = enabled;
        self
    }

    /// Types string values of these `format`s as Rust types instead of
    /// `String`: `date-time` and `date` with the crate [`Config::dates`]
    /// names, `duration` (with jiff; chrono's durations have no text form,
    /// so with chrono it stays `String`), `uuid` as `uuid::Uuid`, `uri`/`url`
    /// as `url::Url`, `ipv4`/`ipv6` as `std::net` addresses. Each is written
    /// in requests as its format says (RFC 3339 for `date-time`), and a
    /// received value that does not parse is an `InvalidBody` naming its
    /// field. None by default: the client keeps the text it was sent.
    pub fn typed_formats(&mut self, formats: impl IntoIterator<Item = Format>) -> &mut Self {
        self.settings.formats.typed = formats.into_iter().collect();
        self
    }

    /// The crate dates are typed with ([`Config::typed_formats`]): chrono
    /// (the default) or jiff. The generated code names it through
    /// clientgen-runtime, whose feature of the same name must be on.
    pub fn dates(&mut self, dates: DateCrate) -> &mut Self {
        self.settings.formats.dates = dates;
        self
    }

    /// Replaces component schema `schema` (its key) by the type at `path`
    /// (`my_crate::User`): nothing is generated for it, and every field,
    /// argument and body of it is that type, which must implement what the
    /// generated code asks of it (`Clone`, `Debug`, `PartialEq`, and
    /// `Serialize`/`Deserialize` the way it travels). A schema's own
    /// `x-rust-type` (typify's: `crate`, `version`, `path`) does the same.
    pub fn replace(&mut self, schema: impl Into<String>, path: impl Into<String>) -> &mut Self {
        self.settings
            .custom
            .replacements
            .push((schema.into(), path.into()));
        self
    }

    /// Adds outer attributes (`#[derive(Hash, Eq)]`) to the type of schema
    /// `schema` (its key), or to every generated struct and enum for `*`.
    pub fn type_attribute(
        &mut self,
        schema: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.settings
            .custom
            .type_attributes
            .push((schema.into(), attribute.into()));
        self
    }

    /// Adds outer attributes to the field of property `Schema.property`
    /// (both by their keys in the spec).
    pub fn field_attribute(
        &mut self,
        property: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.settings
            .custom
            .field_attributes
            .push((property.into(), attribute.into()));
        self
    }

    /// Writes the client of one spec as a crate in `dir` instead of a module:
    /// `Cargo.toml` with a cargo feature per tag (and `untagged`, and `all`,
    /// the default), `src/lib.rs`, `README.md`. Each operation compiles when
    /// a feature of its tags is on, each type when an operation that reaches
    /// it does; `check` compares all three files.
    pub fn output_crate(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.crate_dir = Some(dir.into());
        self
    }

    /// A crate written by [`Config::output_crate`] depends on the
    /// clientgen-runtime at `path` (a checkout), not on the released version.
    pub fn runtime_path(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// Applies the OpenAPI Overlay (1.0 or 1.1) at `path` to every spec
    /// before anything else reads it; overlays apply in the order given.
    /// An action whose target selects nothing is a warning (an error with
    /// `strict`). From build.rs, a change to the overlay reruns the build.
    pub fn overlay(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.overlays.push(path.into());
        self
    }

    /// Generates a module for each spec, as [`Config::run`] does, with
    /// nothing to report but success: what a build script calls.
    pub fn generate(&self, specs: &[impl AsRef<Path>]) -> Result<(), Error> {
        self.run(specs).map(|_| ())
    }

    /// Like [`Config::generate`], returning what happened to each file.
    pub fn run(&self, specs: &[impl AsRef<Path>]) -> Result<Vec<Report>, Error> {
        let (outputs, generated) = self.plan(specs)?;
        let written = write_all(&outputs)?;
        Ok(outputs
            .iter()
            .zip(generated)
            .zip(written)
            .zip(specs)
            .map(|(((output, generated), written), spec)| Report {
                spec: spec.as_ref().to_owned(),
                path: output.path.clone(),
                written,
                types: generated.types,
                operations: generated.operations,
                paginators: generated.paginators,
            })
            .collect())
    }

    /// Compares the output directory with what [`Config::generate`] would
    /// write. With `report_extra`, `.rs` files no spec accounts for are drift too.
    pub fn check(&self, specs: &[impl AsRef<Path>], report_extra: bool) -> Result<Drift, Error> {
        let (outputs, _) = self.plan(specs)?;
        let dir = self.dir()?;
        let mut drift = compare(&outputs, report_extra.then_some(dir.as_path()));
        for (path, _) in &drift.stale {
            let Some(index) = outputs.iter().position(|o| &o.path == path) else {
                continue;
            };
            // A committed file that no longer parses has no API to compare.
            // It is the user's input, so it is parsed on the pipeline's
            // large stack (5,000 nested parentheses overflow a main thread).
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let old = crate::threads::on_own_stack(move || {
                Ok(syn::parse_file(&text)
                    .ok()
                    .map(|file| crate::diff::surface::of(&file)))
            })?;
            let Some(old) = old else {
                continue;
            };
            let old = Side::from_surface(old);
            let new = diff_side(
                specs[index].as_ref(),
                &self.selection,
                &self.settings,
                &self.overlays,
            )?;
            drift.api.push((
                path.clone(),
                ApiDiff {
                    changes: crate::diff::compare(&old, &new),
                },
            ));
        }
        Ok(drift)
    }

    /// What changes for callers when the client of `old` is regenerated from
    /// `new`: every public item added, removed or changed, whether it breaks
    /// code that compiled against the old client, and where it is in the
    /// specs (in `new`, or in `old` for removals). Writes nothing.
    pub fn diff(&self, old: impl AsRef<Path>, new: impl AsRef<Path>) -> Result<ApiDiff, Error> {
        let old = diff_side(
            old.as_ref(),
            &self.selection,
            &self.settings,
            &self.overlays,
        )?;
        let new = diff_side(
            new.as_ref(),
            &self.selection,
            &self.settings,
            &self.overlays,
        )?;
        Ok(ApiDiff {
            changes: crate::diff::compare(&old, &new),
        })
    }

    fn dir(&self) -> Result<PathBuf, Error> {
        if let Some(dir) = &self.crate_dir {
            return Ok(dir.clone());
        }
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| Error::Io {
                    path: PathBuf::from("$OUT_DIR"),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "OUT_DIR is not set: call Config::out_dir outside build.rs",
                    ),
                }),
        }
    }

    fn plan(&self, specs: &[impl AsRef<Path>]) -> Result<(Vec<Output>, Vec<Generated>), Error> {
        let dir = self.dir()?;
        let settings = Settings {
            printing: if self
                .pretty
                .unwrap_or(self.out_dir.is_some() || self.crate_dir.is_some())
            {
                Printing::Pretty
            } else {
                Printing::Plain
            },
            features: self.crate_dir.is_some(),
            ..self.settings.clone()
        };
        if self.crate_dir.is_some() && specs.len() != 1 {
            return Err(Error::Usage(format!(
                "a crate holds the client of one spec; {} were given",
                specs.len()
            )));
        }
        let mut outputs = Vec::new();
        let mut all = Vec::new();
        let mut warnings: Vec<Warning> = Vec::new();
        if self.cargo_output {
            // Checked before anything is printed: a line break in a file name
            // would start a cargo directive of the file's choosing.
            for path in self
                .overlays
                .iter()
                .map(PathBuf::as_path)
                .chain(specs.iter().map(AsRef::as_ref))
            {
                check_file_name(path)?;
            }
            for overlay in &self.overlays {
                println!("cargo:rerun-if-changed={}", overlay.display());
            }
        }
        for spec in specs {
            let spec = spec.as_ref();
            if self.cargo_output {
                println!("cargo:rerun-if-changed={}", spec.display());
            }
            let path = dir.join(module_file_name(spec));
            if let Some(index) = outputs.iter().position(|o: &Output| o.path == path) {
                return Err(Error::SameOutput {
                    output: path,
                    specs: [specs[index].as_ref().to_owned(), spec.to_owned()],
                });
            }
            let mut generated =
                generate_selected(spec, &self.selection, &settings, &self.overlays)?;
            warnings.extend(generated.warnings.iter().cloned());
            match &self.crate_dir {
                Some(dir) => outputs.extend(crate::crate_files::outputs(
                    dir,
                    spec,
                    &mut generated,
                    self.runtime_path.as_deref(),
                )),
                None => outputs.push(Output {
                    path,
                    contents: std::mem::take(&mut generated.code),
                }),
            }
            all.push(generated);
        }
        if self.strict && !warnings.is_empty() {
            return Err(Error::Strict(warnings));
        }
        for warning in warnings.iter().filter(|_| self.print_warnings) {
            if self.cargo_output {
                // Printable escapes every other control character.
                println!("cargo:warning={}", warning.to_string().replace('\n', " "));
            } else {
                eprintln!("warning: {warning}");
            }
        }
        Ok((outputs, all))
    }
}

/// A spec or overlay path that can be named on one line of cargo's build
/// script protocol: no control character (a line break would end the
/// `rerun-if-changed` line and start a directive), and valid UTF-8, which
/// cargo's `rerun-if-changed` needs to name it.
fn check_file_name(path: &Path) -> Result<(), Error> {
    let reason = match path.to_str() {
        None => "is not valid UTF-8",
        Some(name) if name.chars().any(char::is_control) => {
            "holds a line break or another control character"
        }
        Some(_) => return Ok(()),
    };
    Err(Error::spec(
        crate::Location {
            file: path.to_string_lossy().into_owned(),
            pointer: "#".to_owned(),
            line: None,
        },
        format!("the file's name {reason}, which build scripts cannot name safely; nothing was printed or written"),
        Some("rename the file"),
    ))
}

/// `specs/Rocket.Chat.yaml` → `rocket_chat.rs`.
pub fn module_file_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    format!("{}.rs", stem.to_snake_case())
}
