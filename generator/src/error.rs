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
        write!(f, "{}: {}", Printable(&self.file), Printable(&self.pointer))
    }
}

/// Text from a spec or a file name as a terminal or CI log shows it:
/// control characters (ESC, BEL, CR…) and bidi controls escaped, so that no
/// message can move the cursor, rewrite a line, reorder what it shows or
/// forge a CI command.
pub struct Printable<'a>(pub &'a str);

/// A path as [`Printable`] shows it.
pub(crate) fn printable_path(path: &std::path::Path) -> String {
    Printable(&path.to_string_lossy()).to_string()
}

/// Characters that reorder or hide the text around them: Unicode's bidi
/// controls, zero-width characters and the BOM.
pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{061C}'
    )
}

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() || is_invisible_format(c) {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
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
        write!(f, "{}: {}", self.location, Printable(&self.message))?;
        if let Some(line) = self.location.line {
            write!(f, " (line {line})")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", Printable(hint))?;
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
    /// The configuration asks for something that cannot be done (a crate
    /// from several specs, say).
    Usage(String),
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
            Error::Io { path, source } => write!(f, "{}: {source}", printable_path(path)),
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
                printable_path(&specs[0]),
                printable_path(&specs[1]),
                printable_path(output)
            ),
            Error::Usage(message) => f.write_str(message),
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

#[cfg(test)]
mod printable_tests {
    use super::{Diagnostic, Location};

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let diagnostic = Diagnostic {
            location: Location {
                file: "evil\u{1b}[2J.yaml".to_owned(),
                pointer: "#/paths/~1a\r".to_owned(),
                line: Some(3),
            },
            message: "name \u{7}\u{1b}]0;pwned\u{7} is odd".to_owned(),
            hint: Some("fix\rit".to_owned()),
        };
        let text = diagnostic.to_string();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("evil\\u{1b}[2J.yaml"), "{text}");
        assert!(text.contains("\n  hint: fix\\rit"), "{text}");
    }
}
