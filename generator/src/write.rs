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

/// Writes each output through a temporary file and a rename, so that a
/// reader never sees half a file; files whose contents are already right are
/// left alone (their timestamps too, so cargo does not rebuild).
pub fn write_all(outputs: &[Output]) -> Result<Vec<Written>, Error> {
    outputs.iter().map(write_one).collect()
}

fn write_one(output: &Output) -> Result<Written, Error> {
    let io = |source| Error::Io {
        path: output.path.clone(),
        source,
    };
    let existing = fs::read_to_string(&output.path).ok();
    if existing.as_deref() == Some(output.contents.as_str()) {
        return Ok(Written::Unchanged);
    }
    let dir = output.path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let file_name = output
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(output.contents.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temp, &output.path));
    if let Err(error) = result {
        let _ = fs::remove_file(&temp);
        return Err(io(error));
    }
    Ok(if existing.is_some() {
        Written::Updated
    } else {
        Written::Created
    })
}

/// How a directory differs from what generation would write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose contents differ, with a unified diff (on disk → generated now).
    pub stale: Vec<(PathBuf, String)>,
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
            writeln!(f, "{} is stale against its spec:\n{diff}", path.display())?;
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

/// A checkout with CRLF line endings is not drift.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}
