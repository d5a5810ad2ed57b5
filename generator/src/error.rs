//! Errors and warnings, each naming the file, the place in it and what to do.

use std::fmt;
use std::path::PathBuf;

/// A place in a spec: the file as the user named it, a JSON pointer, and the
/// line when it could be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The spec's path as given (never made absolute, so messages are stable).
    pub file: String,
    /// A JSON pointer (`#/paths/~1users/post`) into the document.
    pub pointer: String,
    /// The 1-based line of the place, where it could be found.
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.pointer)
    }
}

/// Something in a spec that the generator reports: what, where, and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where.
    pub location: Location,
    /// What is wrong or what was repaired.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(line) = self.location.line {
            write!(f, " (line {line})")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A repair or a skipped construct; `--strict` makes these errors.
pub type Warning = Diagnostic;

/// Why generation failed. Nothing is written when it does.
///
/// `Debug` prints the same located message as `Display`, so that a build.rs
/// returning `Result<(), clientgen::Error>` fails with a readable message.
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A spec is broken or uses something unsupported.
    Spec(Box<Diagnostic>),
    /// `strict` was set and the specs have warnings.
    Strict(Vec<Diagnostic>),
    /// Two specs would be written to the same module (`coll.yaml`, `Coll.json`).
    SameOutput {
        /// The module both would be written to.
        output: PathBuf,
        /// The specs, in the order given.
        specs: [PathBuf; 2],
    },
    /// The generated code could not be formatted: a bug in clientgen.
    Internal(String),
}

impl Error {
    pub(crate) fn spec(location: Location, message: impl Into<String>, hint: Option<&str>) -> Self {
        Error::Spec(Box::new(Diagnostic {
            location,
            message: message.into(),
            hint: hint.map(str::to_owned),
        }))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Spec(diagnostic) => write!(f, "{diagnostic}"),
            Error::Strict(warnings) => {
                write!(f, "{} warning(s) with --strict:", warnings.len())?;
                warnings
                    .iter()
                    .try_for_each(|warning| write!(f, "\n{warning}"))
            }
            Error::SameOutput { output, specs } => write!(
                f,
                "{} and {} would both be written to {}: rename one of the specs \
                 (the module is named after the file name in snake_case)",
                specs[0].display(),
                specs[1].display(),
                output.display()
            ),
            Error::Internal(message) => write!(f, "internal error, please report: {message}"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_the_located_message_build_scripts_print() {
        let location = Location {
            file: "specs/a.yaml".to_owned(),
            pointer: "#/paths".to_owned(),
            line: Some(3),
        };
        let error = Error::spec(location, "broken", Some("fix it"));
        let expected = "specs/a.yaml: #/paths: broken (line 3)\n  hint: fix it";
        assert_eq!(error.to_string(), expected);
        assert_eq!(format!("{error:?}"), expected);
    }
}
