//! Writing generated files (all or nothing, each atomically) and comparing
//! them with what is on disk (the drift check).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::error::Error;

/// A file to write: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub path: PathBuf,
    pub contents: String,
}

/// Whether writing changed a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Created,
    Updated,
    Unchanged,
}

/// Writes the outputs all or nothing: every changed file is first written
/// in full to a temporary file beside it (created exclusively, under an
/// unpredictable name, never through a symlink), and only when all of them
/// are ready are they renamed into place; should a rename still fail, the
/// files already renamed get their old contents back. Files whose contents
/// are already right are left alone (their timestamps too, so cargo does
/// not rebuild).
pub fn write_all(outputs: &[Output]) -> Result<Vec<Written>, Error> {
    let mut staged = Vec::new();
    let mut written = Vec::new();
    for output in outputs {
        let existing = match fs::symlink_metadata(&output.path) {
            Ok(meta) if meta.is_dir() => {
                return Err(io_error(
                    &output.path,
                    std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        "a directory is in the way of the generated file",
                    ),
                ))
            }
            Ok(_) => fs::read_to_string(&output.path).ok(),
            Err(_) => None,
        };
        if existing.as_deref().map(normalize_newlines).as_deref() == Some(output.contents.as_str())
        {
            written.push(Written::Unchanged);
            continue;
        }
        written.push(if existing.is_some() {
            Written::Updated
        } else {
            Written::Created
        });
        // Dropping a staged file before it is renamed deletes it.
        let temp = stage(&output.path, &output.contents)?;
        staged.push((output, existing, temp));
    }
    let mut done: Vec<(&Output, Option<String>)> = Vec::new();
    for (output, existing, temp) in staged {
        if let Err(error) = temp.persist(&output.path) {
            for (output, existing) in done {
                restore(&output.path, existing.as_deref());
            }
            return Err(io_error(&output.path, error.error));
        }
        done.push((output, existing));
    }
    Ok(written)
}

/// `contents` in a new temporary file in `path`'s directory, synced.
fn stage(path: &Path, contents: &str) -> Result<tempfile::NamedTempFile, Error> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|error| io_error(path, error))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|error| io_error(path, error))?;
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|error| io_error(path, error))?;
    Ok(temp)
}

/// Puts back what was there before a failed run: the old contents, or nothing.
fn restore(path: &Path, existing: Option<&str>) {
    let _ = match existing {
        Some(contents) => stage(path, contents)
            .ok()
            .map(|temp| temp.persist(path).map(drop).map_err(|e| e.error))
            .unwrap_or(Ok(())),
        None => fs::remove_file(path),
    };
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// How a directory differs from what generation would write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose contents differ, with a unified diff (on disk → generated now).
    pub stale: Vec<(PathBuf, String)>,
    /// What the stale files' changes do to their clients' APIs.
    pub api: Vec<(PathBuf, crate::ApiDiff)>,
    /// Files generation would write that are not there.
    pub missing: Vec<PathBuf>,
    /// `.rs` files in the directory that generation would not write.
    pub extra: Vec<PathBuf>,
}

impl Drift {
    /// No difference at all.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (path, diff) in &self.stale {
            writeln!(f, "{} is stale against its spec:", path.display())?;
            if let Some((_, api)) = self.api.iter().find(|(p, _)| p == path) {
                writeln!(f, "{}", api.render(crate::DiffFormat::Text))?;
            }
            writeln!(f, "{diff}")?;
        }
        for path in &self.missing {
            writeln!(f, "{} is missing", path.display())?;
        }
        for path in &self.extra {
            writeln!(f, "{} is not generated from any spec", path.display())?;
        }
        Ok(())
    }
}

/// Compares `outputs` with the files on disk; with `extra_in`, also names the
/// `.rs` files of that directory that no output accounts for.
pub fn compare(outputs: &[Output], extra_in: Option<&Path>) -> Drift {
    let mut drift = Drift::default();
    for output in outputs {
        match fs::read_to_string(&output.path) {
            Ok(existing) if normalize_newlines(&existing) == output.contents => {}
            Ok(existing) => {
                let shown = output.path.display().to_string();
                let existing = normalize_newlines(&existing);
                let diff = TextDiff::from_lines(&existing, &output.contents)
                    .unified_diff()
                    .context_radius(3)
                    .header(&shown, "(generated now)")
                    .to_string();
                drift.stale.push((output.path.clone(), diff));
            }
            Err(_) => drift.missing.push(output.path.clone()),
        }
    }
    if let Some(dir) = extra_in {
        let mut extra: Vec<PathBuf> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "rs"))
            .filter(|path| outputs.iter().all(|o| o.path != *path))
            .collect();
        extra.sort();
        drift.extra = extra;
    }
    drift
}

/// A checkout with CRLF line endings is not drift, and is not rewritten.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_never_follow_a_planted_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("out.rs");
        // Where a writer with predictable names would open its temporary file.
        for name in [
            format!(".out.rs.{}.tmp", std::process::id()),
            ".out.rs.tmp".to_owned(),
        ] {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        let output = Output {
            path: target.clone(),
            contents: "generated".to_owned(),
        };
        assert_eq!(write_all(&[output]).unwrap(), [Written::Created]);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&target).unwrap(), "generated");
    }
}
