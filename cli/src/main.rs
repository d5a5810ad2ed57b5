//! `clientgen generate`, `clientgen check` and `clientgen diff`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use clientgen::{Config, DateCrate, DiffFormat, Written};

// Generation allocates millions of small token trees on several threads;
// glibc's per-thread arenas hold on to freed memory (a 13 MB spec peaked at
// 250 MB resident with 70 MB live), and mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h): how long freed memory
/// is kept before it goes back to the system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc keeps freed memory for a second by default, longer than a large
/// spec takes to generate; most of the peak is the document, which is freed
/// before the module is emitted, and this much later its memory is given
/// back (GitHub's spec: 185 → 144 MB, in the same time).
const PURGE_DELAY_MS: std::ffi::c_long = 50;

/// Generates typed Rust clients from OpenAPI documents.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes one `<name>.rs` per spec (exit 2 and nothing written on any error).
    Generate(Args),
    /// Exits 0 when the output directory holds exactly what `generate` would
    /// write; otherwise 1, naming each stale, missing or extra file with what
    /// the change does to its client's API, then a diff.
    Check(Args),
    /// What regenerating the client of OLD from NEW changes for its callers:
    /// each change, whether it breaks them, and where it is in the specs.
    Diff(DiffArgs),
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The spec the client was generated from.
    old: PathBuf,
    /// The spec it would be generated from now.
    new: PathBuf,
    /// How to print the changes.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 when a change of this kind is found.
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,
    /// An OpenAPI Overlay applied to both specs first (repeatable, in order).
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    /// Any change that breaks code written against OLD's client.
    Breaking,
    /// Any change at all.
    Any,
}

#[derive(clap::Args)]
struct Args {
    /// Spec files (YAML or JSON); default: every spec in --specs.
    specs: Vec<PathBuf>,
    /// Where the generated files go.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Where specs are found when none are named.
    #[arg(long = "specs", default_value = "specs")]
    specs_dir: PathBuf,
    /// Treat warnings (repaired or skipped constructs) as errors.
    #[arg(long)]
    strict: bool,
    /// Only the operations with this tag (repeatable), and the types they reach.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Only the operations whose operationId or `METHOD /path` matches
    /// (repeatable; `*` is a wildcard), and the types they reach.
    #[arg(long = "operation", value_name = "PATTERN")]
    operations: Vec<String>,
    /// Every type implements both Serialize and Deserialize, not only the way
    /// it travels (for programs that load requests or print responses).
    #[arg(long)]
    both_ways: bool,
    /// Type string values of these formats as Rust types, not `String`
    /// (comma-separated or repeated): date-time, date, duration, uuid, uri,
    /// ipv4, ipv6, or `all`.
    #[arg(long = "typed-formats", value_name = "FORMATS", value_delimiter = ',', value_parser = parse_format)]
    typed_formats: Vec<Vec<clientgen::Format>>,
    /// The crate typed dates use: chrono or jiff (clientgen-runtime's
    /// feature of that name must be on where the client compiles).
    #[arg(long, value_name = "CRATE", default_value = "chrono", value_parser = parse_dates)]
    dates: DateCrate,
    /// Paginate only the operations that declare it (x-speakeasy-pagination),
    /// not those recognised from parameter and field names.
    #[arg(long)]
    no_infer_pagination: bool,
    /// An OpenAPI Overlay (1.0 or 1.1) applied to every spec before anything
    /// else reads it (repeatable; applied in the order given).
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Write the client of the one spec as a crate in DIR (Cargo.toml with a
    /// cargo feature per tag, src/lib.rs, README.md) instead of a module in --out.
    #[arg(long = "crate", value_name = "DIR")]
    crate_dir: Option<PathBuf>,
    /// With --crate: depend on the clientgen-runtime at PATH, not the released one.
    #[arg(long, value_name = "PATH", requires = "crate_dir")]
    runtime_path: Option<PathBuf>,
}

/// One `--typed-formats` name, or `all` for every format.
fn parse_format(name: &str) -> Result<Vec<clientgen::Format>, String> {
    if name == "all" {
        return Ok(clientgen::Format::ALL.to_vec());
    }
    clientgen::Format::ALL
        .into_iter()
        .find(|format| {
            format.name() == name || (name == "url" && *format == clientgen::Format::Url)
        })
        .map(|format| vec![format])
        .ok_or_else(|| {
            let names: Vec<&str> = clientgen::Format::ALL.iter().map(|f| f.name()).collect();
            format!(
                "not a format clientgen types; use {} or all",
                names.join(", ")
            )
        })
}

fn parse_dates(name: &str) -> Result<DateCrate, String> {
    match name {
        "chrono" => Ok(DateCrate::Chrono),
        "jiff" => Ok(DateCrate::Jiff),
        _ => Err("use chrono or jiff".to_owned()),
    }
}

fn main() -> ExitCode {
    // SAFETY: no other thread exists yet (setting an option is not thread
    // safe), and the option only changes when memory is returned.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
    let cli = Cli::parse();
    let args = match &cli.command {
        Command::Generate(args) | Command::Check(args) => args,
        Command::Diff(args) => return diff(args),
    };
    let explicit = !args.specs.is_empty();
    let specs = if explicit {
        args.specs.clone()
    } else {
        match specs_in(&args.specs_dir) {
            Ok(specs) => specs,
            Err(error) => {
                eprintln!("error: {}: {error}", args.specs_dir.display());
                return ExitCode::from(2);
            }
        }
    };
    let mut config = Config::new();
    config
        .out_dir(&args.out)
        .strict(args.strict)
        .tags(args.tags.iter().cloned())
        .operations(args.operations.iter().cloned())
        .both_ways(args.both_ways)
        .typed_formats(args.typed_formats.iter().flatten().copied())
        .dates(args.dates)
        .infer_pagination(!args.no_infer_pagination)
        .cargo_output(false);
    for overlay in &args.overlays {
        config.overlay(overlay);
    }
    if let Some(dir) = &args.crate_dir {
        config.output_crate(dir);
    }
    if let Some(path) = &args.runtime_path {
        config.runtime_path(path);
    }
    let out = args.crate_dir.as_ref().unwrap_or(&args.out);
    match cli.command {
        Command::Generate(_) => match config.run(&specs) {
            Ok(reports) => {
                for report in reports {
                    let verb = match report.written {
                        Written::Created | Written::Updated => "wrote",
                        Written::Unchanged => "unchanged",
                    };
                    println!(
                        "{verb} {} ({} types, {} operation{})",
                        report.path.display(),
                        report.types,
                        report.operations,
                        if report.operations == 1 { "" } else { "s" }
                    );
                    for paginator in &report.paginators {
                        println!("  pages {paginator}");
                    }
                }
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Check(_) => match config.check(&specs, !explicit) {
            Ok(drift) if drift.is_clean() => {
                println!(
                    "{} is up to date with {} spec(s)",
                    out.display(),
                    specs.len()
                );
                ExitCode::SUCCESS
            }
            Ok(drift) => {
                print!("{drift}");
                eprintln!("run `clientgen generate` to update");
                ExitCode::from(1)
            }
            Err(error) => fail(&error),
        },
        Command::Diff(_) => unreachable!("handled above"),
    }
}

fn diff(args: &DiffArgs) -> ExitCode {
    let mut config = Config::new();
    config.cargo_output(false).print_warnings(false);
    for overlay in &args.overlays {
        config.overlay(overlay);
    }
    match config.diff(&args.old, &args.new) {
        Ok(diff) => {
            let format = match args.format {
                Format::Text => DiffFormat::Text,
                Format::Markdown => DiffFormat::Markdown,
                Format::Json => DiffFormat::Json,
            };
            print!("{}", diff.render(format));
            let failed = match args.fail_on {
                Some(FailOn::Breaking) => diff.is_breaking(),
                Some(FailOn::Any) => !diff.changes.is_empty(),
                None => false,
            };
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => fail(&error),
    }
}

fn fail(error: &clientgen::Error) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(2)
}

/// The `.yaml`, `.yml` and `.json` files of `dir`, sorted.
fn specs_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    specs.sort();
    Ok(specs)
}
