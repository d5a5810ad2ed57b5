//! The changes as text for a terminal, Markdown for a pull request, or JSON
//! for tools.

use std::fmt::Write;

use super::Change;

/// How `clientgen diff` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// A line per change, for a terminal.
    #[default]
    Text,
    /// A table, for a pull request comment.
    Markdown,
    /// One JSON object per change, for tools.
    Json,
}

pub fn render(changes: &[Change], format: Format) -> String {
    match format {
        Format::Text => text(changes),
        Format::Markdown => markdown(changes),
        Format::Json => json(changes),
    }
}

/// One line saying how many changes there are and how many break.
pub fn summary(changes: &[Change]) -> String {
    let breaking = changes.iter().filter(|c| c.breaking).count();
    match changes.len() {
        0 => "no change to the client's API".to_owned(),
        n => format!(
            "{n} change{} to the client's API: {breaking} breaking, {} compatible",
            if n == 1 { "" } else { "s" },
            n - breaking
        ),
    }
}

fn place(change: &Change) -> String {
    match &change.location {
        Some(location) => match location.line {
            Some(line) => format!("{}:{line} {}", location.file, location.pointer),
            None => format!("{} {}", location.file, location.pointer),
        },
        None => String::new(),
    }
}

fn groups(changes: &[Change]) -> [(&'static str, Vec<&Change>); 2] {
    let (breaking, compatible) = changes.iter().partition(|c| c.breaking);
    [("Breaking", breaking), ("Compatible", compatible)]
}

fn text(changes: &[Change]) -> String {
    let mut out = summary(changes) + "\n";
    for (title, group) in groups(changes) {
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title} ({}):", group.len());
        for change in group {
            let _ = writeln!(out, "  {}: {}", change.kind, change.message);
            let place = place(change);
            if !place.is_empty() {
                let _ = writeln!(out, "      at {place}");
            }
        }
    }
    out
}

fn markdown(changes: &[Change]) -> String {
    let mut out = format!("**{}**\n", summary(changes));
    for (title, group) in groups(changes) {
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title} ({})\n", group.len());
        let _ = writeln!(
            out,
            "| change | Rust | what it means | spec |\n|---|---|---|---|"
        );
        for change in group {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                change.kind,
                change.rust,
                cell(&change.message),
                cell(&place(change))
            );
        }
    }
    out
}

/// Text that cannot end a table cell or a row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn json(changes: &[Change]) -> String {
    let items: Vec<serde_json::Value> = changes
        .iter()
        .map(|change| {
            let location = change.location.as_ref();
            serde_json::json!({
                "kind": change.kind.as_str(),
                "breaking": change.breaking,
                "rust": change.rust.to_string(),
                "message": change.message,
                "file": location.map(|l| l.file.clone()),
                "pointer": location.map(|l| l.pointer.clone()),
                "line": location.and_then(|l| l.line),
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
}
