//! Time per pipeline stage, against the time to parse the same file into a
//! `serde_json::Value` (the floor any generator pays).
//!
//! `emit+format*` is the two together on the threads the generator uses;
//! `emit+plain*` the same printed plainly (`Config::pretty(false)`).
//!
//! ```text
//! cargo bench -p clientgen --bench pipeline                 # the five curated specs
//! cargo bench -p clientgen --bench pipeline -- SPEC...      # any specs (GitHub's, say)
//! ```

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The median of `runs` timings of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let args: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let specs = if args.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
        [
            "flexprice",
            "lastpass",
            "liveperson",
            "phrase",
            "rocketchat",
        ]
        .iter()
        .map(|name| root.join(format!("{name}.yaml")))
        .collect()
    } else {
        args
    };
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>12} {:>12} {:>10} {:>7}",
        "spec",
        "json floor",
        "load",
        "normalize",
        "model",
        "emit",
        "format",
        "(parse)",
        "emit+format*",
        "emit+plain*",
        "total",
        "x floor"
    );
    for spec in specs {
        let text = std::fs::read_to_string(&spec).expect("the spec is readable");
        let name = spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let large = text.len() > 1_000_000;
        let runs = if large { 5 } else { 51 };
        let source = clientgen::load::parse(&name, text.clone()).expect("the spec parses");
        let json = serde_json::to_string(&source.value).expect("serializes");
        let floor = median(runs, || {
            serde_json::from_str::<serde_json::Value>(&json).map(|_| ())
        });
        let load = median(runs, || {
            clientgen::load::parse(&name, text.clone()).map(|_| ())
        });
        let normalize = median(runs, || {
            let source = clientgen::load::parse(&name, text.clone()).expect("parses");
            clientgen::normalize::normalize(source, &mut Vec::new()).map(|_| ())
        }) - load;
        let normalized =
            clientgen::normalize::normalize(source, &mut Vec::new()).expect("normalizes");
        let model = median(runs, || {
            clientgen::model::lower(
                &normalized,
                &Default::default(),
                &Default::default(),
                &mut Vec::new(),
            )
            .map(|_| ())
        });
        let api = clientgen::model::lower(
            &normalized,
            &Default::default(),
            &Default::default(),
            &mut Vec::new(),
        )
        .expect("lowers");
        let emit = median(runs, || clientgen::emit::emit(&api));
        let tokens = clientgen::emit::emit(&api);
        let format = median(runs.min(11), || {
            clientgen::format::format(tokens.clone(), &name).map(|_| ())
        });
        // The part of formatting that is syn reading the tokens back.
        let parse = median(runs.min(11), || {
            syn::parse2::<syn::File>(tokens.clone()).map(|_| ())
        });
        let threaded = median(runs.min(11), || {
            clientgen::pipeline::emit_and_format(&api).map(|_| ())
        });
        let plain = median(runs.min(11), || {
            clientgen::pipeline::emit_plain(&api).map(|_| ())
        });
        let total = median(runs.min(11), || {
            clientgen::generate_str(&name, &text).map(|_| ())
        });
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        println!(
            "{:<28} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>12} {:>12} {:>10} {:>7.1}",
            name,
            ms(floor),
            ms(load),
            ms(normalize),
            ms(model),
            ms(emit),
            ms(format),
            ms(parse),
            ms(threaded),
            ms(plain),
            ms(total),
            total.as_secs_f64() / floor.as_secs_f64()
        );
    }
}
