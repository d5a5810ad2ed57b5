//! Writing generated files (all or nothing, each atomically) and comparing
//! them with what is on disk (the drift check).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

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
    /// The file did not exist.
    Created,
    /// The file held something else.
    Updated,
    /// The file held exactly this; it was not touched.
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
            return Err(io_error(&output.path, error));
        }
        done.push((output, existing));
    }
    Ok(written)
}

/// A file written beside its destination, renamed into place by
/// [`Staged::persist`]; dropped before that, it is deleted.
struct Staged {
    path: PathBuf,
    persisted: bool,
}

impl Staged {
    fn persist(mut self, destination: &Path) -> std::io::Result<()> {
        fs::rename(&self.path, destination)?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// `contents` in a new temporary file in `path`'s directory, synced, with
/// the mode of the file it replaces, or else the mode a new file gets
/// (0666 less the umask, as the temporary file was created with).
fn stage(path: &Path, contents: &str) -> Result<Staged, Error> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|error| io_error(path, error))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (staged, mut file) = create_unique(dir, &name).map_err(|error| io_error(path, error))?;
    file.write_all(contents.as_bytes())
        .and_then(|()| match fs::metadata(path) {
            Ok(existing) => file.set_permissions(existing.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|()| file.sync_all())
        .map_err(|error| io_error(path, error))?;
    Ok(staged)
}

/// Creates `.{name}.{unpredictable}.tmp` in `dir` exclusively (`create_new`
/// refuses an existing file or symlink), trying new names on collisions.
fn create_unique(dir: &Path, name: &str) -> std::io::Result<(Staged, fs::File)> {
    use std::hash::{BuildHasher, Hasher};
    let mut last = None;
    for attempt in 0..16u32 {
        // A randomly keyed hash of the process and the attempt: a name no
        // other process can guess ahead of time.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u32(std::process::id());
        hasher.write_u32(attempt);
        let path = dir.join(format!(".{name}.{:016x}.tmp", hasher.finish()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                let staged = Staged {
                    path,
                    persisted: false,
                };
                return Ok((staged, file));
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name was free")))
}

/// Puts back what was there before a failed run: the old contents, or nothing.
fn restore(path: &Path, existing: Option<&str>) {
    let _ = match existing {
        Some(contents) => stage(path, contents)
            .ok()
            .map(|temp| temp.persist(path))
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

/// How long the line diff of one stale file may take: a minimal diff is
/// quadratic in the worst case (80,000 unrelated committed lines took 37 s);
/// after this it is finished coarsely, and says so.
const DIFF_DEADLINE: Duration = Duration::from_secs(2);

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
                let started = Instant::now();
                let lines = TextDiff::configure()
                    .deadline(started + DIFF_DEADLINE)
                    .diff_lines(&existing, &output.contents);
                let mut diff = lines
                    .unified_diff()
                    .context_radius(3)
                    .header(&shown, "(generated now)")
                    .to_string();
                if started.elapsed() >= DIFF_DEADLINE {
                    diff.push_str(&format!(
                        "(the diff was cut short after {} s: past that point it is not minimal, and may show more lines than changed)\n",
                        DIFF_DEADLINE.as_secs()
                    ));
                }
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

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode_and_a_new_one_gets_the_umask_default() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.rs");
        fs::write(&kept, "old").unwrap();
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o640)).unwrap();
        let fresh = dir.path().join("fresh.rs");
        let outputs = [kept.clone(), fresh.clone()].map(|path| Output {
            path,
            contents: "generated".to_owned(),
        });
        write_all(&outputs).unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&kept), 0o640);
        // What any file created here gets (0666 less the umask), not 0600.
        let probe = dir.path().join("probe");
        fs::write(&probe, "").unwrap();
        assert_eq!(mode(&fresh), mode(&probe));
        assert_ne!(mode(&fresh), 0o600);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            3,
            "no probe is left behind"
        );
    }

    #[test]
    fn the_diff_of_a_large_unrelated_file_is_bounded_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.rs");
        let committed: String = (0..80_000)
            .map(|i| format!("committed line {i}\n"))
            .collect();
        fs::write(&path, committed).unwrap();
        let generated: String = (0..800).map(|i| format!("generated line {i}\n")).collect();
        let started = Instant::now();
        let drift = compare(
            &[Output {
                path,
                contents: generated,
            }],
            None,
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(drift.stale.len(), 1);
        assert!(drift.stale[0].1.contains("+generated line 799"));
    }
}
