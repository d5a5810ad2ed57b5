//! The pipeline in one place: load → normalize → model → emit → format,
//! one way, on a thread of its own; large modules are emitted and formatted
//! on several threads and joined in order. Writing is `config`'s.

use std::path::{Path, PathBuf};

use crate::emit::{self, Section};
use crate::error::{Error, Warning};
use crate::model::{Printing, Selection, Settings};
use crate::overlay::Overlay;
use crate::threads::{self, on_own_stack};
use crate::{format, load, model, normalize};

/// One spec's generated module.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted source of the module.
    pub code: String,
    /// Repairs and skipped constructs, each with its place.
    pub warnings: Vec<Warning>,
    /// Named types in the module, besides the operations' own (options,
    /// error and success enums, header structs).
    pub types: usize,
    /// Operations, one method each.
    pub operations: usize,
    /// The paginated operations: `operationId: how it pages`, with
    /// `(inferred)` when recognised from names rather than declared.
    pub paginators: Vec<String>,
    /// The API's title and version, as the spec gives them.
    pub title: (String, String),
    /// The cargo features of a crate (`Settings::features`): each name
    /// with the tag it stands for (`None`: the untagged operations), and
    /// how many operations it turns on.
    pub features: Vec<(String, Option<String>, usize)>,
    /// The clientgen-runtime feature the client's typed dates need
    /// (`chrono`, `jiff`), if any.
    pub runtime_feature: Option<&'static str>,
}

/// Generates the module for the spec at `path`.
pub fn generate_file(path: &Path) -> Result<Generated, Error> {
    generate_selected(path, &Selection::default(), &Settings::default(), &[])
}

/// Generates the module for the operations of the spec at `path` that
/// `selection` names, and the types they reach, as `settings` say.
/// `overlays` are applied to the spec first, in order.
pub(crate) fn generate_selected(
    path: &Path,
    selection: &Selection,
    settings: &Settings,
    overlays: &[PathBuf],
) -> Result<Generated, Error> {
    let (name, selection, settings) = (display_name(path), selection.clone(), settings.clone());
    // Read on the thread that goes on to free it: malloc reuses a thread's
    // freed memory for that thread, so the tree's memory is the types' and
    // the model's, not more besides.
    on_own_stack(move || {
        let source = load::load(path)?;
        let overlays = load_overlays(overlays)?;
        let mut warnings = Vec::new();
        let source = apply_overlays(source, &overlays, &mut warnings)?;
        stages(source, &name, &selection, &settings, warnings)
    })
}

/// Reads and checks each overlay once, before any spec is changed.
fn load_overlays(paths: &[PathBuf]) -> Result<Vec<Overlay>, Error> {
    paths
        .iter()
        .map(|path| Overlay::read(load::load(path)?))
        .collect()
}

/// The spec with each overlay applied in turn.
fn apply_overlays(
    mut source: load::Source,
    overlays: &[Overlay],
    warnings: &mut Vec<Warning>,
) -> Result<load::Source, Error> {
    for overlay in overlays {
        overlay.apply(&mut source.value, warnings, &mut source.written)?;
    }
    Ok(source)
}

/// Generates a module from spec text; `file` names it in messages.
pub fn generate_str(file: &str, text: &str) -> Result<Generated, Error> {
    let (name, text) = (file.to_owned(), text.to_owned());
    on_own_stack(move || {
        let source = load::parse(&name, text)?;
        stages(
            source,
            &name,
            &Selection::default(),
            &Settings::default(),
            Vec::new(),
        )
    })
}

fn stages(
    source: load::Source,
    name: &str,
    selection: &Selection,
    settings: &Settings,
    mut warnings: Vec<Warning>,
) -> Result<Generated, Error> {
    let matches = |id: &str, method: &str, path: &str, tags: &[String]| {
        selection.matches(id, method, path, tags)
    };
    let part = (!selection.is_all())
        .then_some((&matches as normalize::Matches<'_>, selection.selectors()));
    let normalized = normalize::normalize_selected(source, &mut warnings, part)?;
    let api = model::lower(&normalized, selection, settings, &mut warnings)?;
    // The document (its text, its OpenAPI types and its `$ref` targets) is
    // most of the memory; the model holds all that is emitted.
    drop(normalized);
    // A place shared by several operations (a path-level parameter, a global
    // security requirement) is reported once.
    let mut seen = std::collections::BTreeSet::new();
    warnings.retain(|w| seen.insert((w.location.pointer.clone(), w.message.clone())));
    let body = match settings.printing {
        Printing::Plain => print_sections(&api, |tokens| Ok(format::plain(tokens)))?,
        Printing::Pretty => format_sections(&api)?,
    };
    let features = api.features.as_ref().map_or_else(Vec::new, |features| {
        (0..features.names.len())
            .map(|index| {
                let operations = features
                    .operations
                    .iter()
                    .filter(|gates| gates.contains(&index))
                    .count();
                (
                    features.names[index].clone(),
                    features.tags[index].clone(),
                    operations,
                )
            })
            .collect()
    });
    Ok(Generated {
        runtime_feature: api.date_feature,
        title: (api.title.clone(), api.version.clone()),
        features,
        code: format::with_header(&body, name),
        warnings,
        types: api.types.iter().filter(|def| !def.is_owned()).count(),
        operations: api.operations.len(),
        paginators: api
            .operations
            .iter()
            .filter_map(|op| {
                let paginator = op.paginator.as_ref()?;
                let how = paginator.style.describe(&op.params);
                let inferred = if paginator.inferred {
                    " (inferred)"
                } else {
                    ""
                };
                Some(format!("{}: {how}{inferred}", op.id))
            })
            .collect(),
    })
}

/// Below this many sections one thread is quicker than several.
const PARALLEL_FROM: usize = 64;

/// Emits and formats the module's sections on up to four threads, then
/// joins them in order: the same bytes as one thread would give, sooner for
/// large specs.
pub fn emit_and_format(api: &model::Api) -> Result<String, Error> {
    on_own_stack(|| format_sections(api).map(|runs| runs.concat()))
}

/// [`emit_and_format`] on this thread and helpers: this thread must have
/// the pipeline's stack.
fn format_sections(api: &model::Api) -> Result<Vec<String>, Error> {
    print_sections(api, format::unparse)
}

/// Emits the module's sections on up to four threads and prints them
/// plainly (`format::plain`), every method in one `impl Client` block.
pub fn emit_plain(api: &model::Api) -> Result<String, Error> {
    on_own_stack(|| plain_sections(api))
}

/// [`emit_plain`] on this thread and helpers: this thread must have the
/// pipeline's stack.
fn plain_sections(api: &model::Api) -> Result<String, Error> {
    print_sections(api, |tokens| Ok(format::plain(tokens))).map(|pieces| pieces.concat())
}

/// Emits the module's items in runs on up to four threads and prints each
/// with `print` (prettyplease or the plain printer: the same tokens either
/// way); the pieces come back in order, the method blocks that several runs
/// printed opened once and closed once, so the module has one.
fn print_sections(
    api: &model::Api,
    print: impl Fn(proc_macro2::TokenStream) -> Result<String, Error> + Sync,
) -> Result<Vec<String>, Error> {
    let runs = in_parallel(api, |run| {
        emit::items(api, run)
            .into_iter()
            .map(|(block, tokens)| Ok((block, print(tokens)?)))
            .collect::<Result<Vec<_>, Error>>()
    })?;
    let mut pieces = Vec::new();
    // The closing line of the method block being written, once it is open.
    let mut closing: Option<String> = None;
    for run in runs {
        for (block, text) in run? {
            if !block {
                pieces.extend(closing.take());
                pieces.push(text);
                continue;
            }
            let (open, body, close) = format::block_parts(&text)?;
            if closing.is_none() {
                pieces.push(format!("{open}\n"));
                closing = Some(format!("{close}\n"));
            }
            if !body.is_empty() {
                pieces.push(format!("{body}\n"));
            }
        }
    }
    pieces.extend(closing);
    Ok(pieces)
}

/// Runs `work` on the module's sections, in small contiguous runs that up to
/// four threads (this one and helpers) take from a shared queue; the results
/// come back in order.
fn in_parallel<T: Send>(
    api: &model::Api,
    work: impl Fn(&[Section]) -> T + Sync,
) -> Result<Vec<T>, Error> {
    let sections = emit::sections(api);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let threads = if sections.len() < PARALLEL_FROM {
        1
    } else {
        threads
    };
    let runs: Vec<&[Section]> = sections
        .chunks(sections.len().div_ceil(threads * 16).max(1))
        .collect();
    // This thread is one of the workers: it reuses the memory the document
    // was read into (malloc keeps each thread's freed memory for that thread).
    Ok(threads::in_runs(runs, threads - 1, || (), &work)?.1)
}

/// The spec's file name: the header must not depend on where the spec lives,
/// so that build.rs output and the committed snapshot are the same bytes.
fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The spec at `path` as `diff` compares it: its client's public items, and
/// where in the spec each comes from. Nothing is formatted.
pub(crate) fn diff_side(
    path: &Path,
    selection: &Selection,
    settings: &Settings,
    overlays: &[PathBuf],
) -> Result<crate::diff::Side, Error> {
    let source = load::load(path)?;
    let overlays = load_overlays(overlays)?;
    let (selection, settings) = (selection.clone(), settings.clone());
    on_own_stack(move || {
        let mut warnings = Vec::new();
        let source = apply_overlays(source, &overlays, &mut warnings)?;
        let normalized = normalize::normalize(source, &mut warnings)?;
        let api = model::lower(&normalized, &selection, &settings, &mut warnings)?;
        // Each run of sections is read on its own (tokens are not
        // `Send`), and without function bodies, which callers never see.
        let mut surface = crate::diff::surface::Surface::new();
        for part in in_parallel(&api, |run| {
            let tokens = emit::items(&api, run)
                .into_iter()
                .map(|(_, tokens)| tokens)
                .collect();
            syn::parse2::<syn::File>(crate::diff::surface::without_bodies(tokens))
                .map(|file| crate::diff::surface::of(&file))
                .map_err(|e| Error::Internal(format!("generated code does not parse: {e}")))
        })? {
            surface.extend(part?);
        }
        Ok(crate::diff::Side::from_model(
            surface,
            &api,
            normalized.locator,
        ))
    })
}
