//! Replays PyGithub's recorded api.github.com exchanges (its source
//! distribution's `tests/ReplayData`) through generated GitHub clients: each
//! recorded response is served on 127.0.0.1 and the client's call for the
//! recorded request must read it. Prints how many parse and why the rest do
//! not; exits 1 when fewer parse than `--expect` says.
//!
//! `python3 tests/replay/run.py` fetches the spec and the recordings and runs it.

use std::collections::BTreeMap;
use std::path::Path;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use github_replay::{overlaid, published};

include!("operations.rs");

/// One recorded request and its response.
struct Exchange {
    file: String,
    method: String,
    host: String,
    path: String,
    status: u16,
    content_type: Option<String>,
    body: String,
}

/// PyGithub's format: eleven lines an exchange (scheme, method, host, port,
/// path, request headers, request body, status, response headers as a
/// Python list of pairs, response body, a blank line).
fn exchanges(file: &Path) -> Vec<Exchange> {
    let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at + 9 < lines.len() {
        if !matches!(lines[at], "http" | "https") {
            at += 1;
            continue;
        }
        let status = lines[at + 7].trim().parse().unwrap_or(0);
        found.push(Exchange {
            file: file.file_name().unwrap().to_string_lossy().into_owned(),
            method: lines[at + 1].to_owned(),
            host: lines[at + 2].to_owned(),
            path: lines[at + 4].to_owned(),
            status,
            content_type: header(lines[at + 8], "content-type"),
            body: lines[at + 9].to_owned(),
        });
        at += 11;
    }
    found
}

/// A header's value from `[('Content-Type', 'application/json'), …]`.
fn header(pairs: &str, name: &str) -> Option<String> {
    let lower = pairs.to_ascii_lowercase();
    let start = lower.find(&format!("('{name}', '"))? + name.len() + 6;
    let end = pairs[start..].find('\'')? + start;
    Some(pairs[start..end].to_owned())
}

/// The operation a recorded GET is a call of, and its path arguments.
fn operation(path: &str) -> Option<(&'static str, Vec<String>)> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    for (id, template) in OPERATIONS {
        let parts: Vec<&str> = template.split('/').collect();
        let multi = template.ends_with("{path}");
        if parts.len() != segments.len() && !(multi && segments.len() > parts.len()) {
            continue;
        }
        let mut args = Vec::new();
        let matched = parts.iter().enumerate().all(|(index, part)| {
            if part.starts_with('{') {
                // `/issues/comments` is another operation than `/issues/{issue_number}`.
                let numeric = ["_number}", "_id}"].iter().any(|end| part.ends_with(end))
                    && *part != "{gist_id}";
                if numeric && !segments[index].bytes().all(|b| b.is_ascii_digit()) {
                    return false;
                }
                let value = if multi && index == parts.len() - 1 {
                    segments[index..].join("/")
                } else {
                    segments[index].to_owned()
                };
                let decoded = percent_encoding::percent_decode_str(&value).decode_utf8_lossy();
                args.push(decoded.into_owned());
                true
            } else {
                segments.get(index) == Some(part)
            }
        });
        if matched {
            return Some((id, args));
        }
    }
    None
}

/// What became of one exchange.
type Outcome = Result<(), String>;

macro_rules! replay_with {
    ($module:ident) => {
        async fn $module(client_url: &str, id: &str, args: &[String]) -> Outcome {
            use $module::*;
            let client = Client::builder()
                .base_url(client_url)
                .only_base_url()
                .retry(clientgen_runtime::RetryPolicy::none())
                .build()
                .map_err(|e| e.to_string())?;
            let number = |index: usize| args[index].parse::<i64>().unwrap_or(-1);
            let a = |index: usize| args[index].as_str();
            macro_rules! outcome {
                ($call:expr) => {
                    match $call.await {
                        Ok(_) => Ok(()),
                        Err(Error::Api(..)) => Ok(()),
                        Err(error) => Err(classify(&error.to_string())),
                    }
                };
            }
            match id {
                "gists/get" => outcome!(client.gists_get(a(0))),
                "orgs/get" => outcome!(client.orgs_get(a(0))),
                "repos/get" => outcome!(client.repos_get(a(0), a(1))),
                "repos/get-branch" => outcome!(client.repos_get_branch(a(0), a(1), a(2))),
                "repos/list-commits" => {
                    outcome!(client.repos_list_commits(a(0), a(1)).send())
                }
                "repos/get-commit" => {
                    outcome!(client.repos_get_commit(a(0), a(1), a(2)).send())
                }
                "repos/get-content" => {
                    outcome!(client.repos_get_content(a(0), a(1), a(2)).send())
                }
                "git/get-commit" => outcome!(client.git_get_commit(a(0), a(1), a(2))),
                "git/get-tree" => {
                    outcome!(client.git_get_tree(a(0), a(1), a(2)).send())
                }
                "issues/list-for-repo" => {
                    outcome!(client.issues_list_for_repo(a(0), a(1)).send())
                }
                "issues/get-event" => outcome!(client.issues_get_event(a(0), a(1), number(2))),
                "issues/get" => outcome!(client.issues_get(a(0), a(1), number(2))),
                "issues/list-comments" => {
                    outcome!(client.issues_list_comments(a(0), a(1), number(2)).send())
                }
                "issues/list-labels-on-issue" => {
                    outcome!(client
                        .issues_list_labels_on_issue(a(0), a(1), number(2))
                        .send())
                }
                "issues/get-label" => outcome!(client.issues_get_label(a(0), a(1), a(2))),
                "issues/get-milestone" => {
                    outcome!(client.issues_get_milestone(a(0), a(1), number(2)))
                }
                "pulls/get" => outcome!(client.pulls_get(a(0), a(1), number(2))),
                "pulls/list-commits" => {
                    outcome!(client.pulls_list_commits(a(0), a(1), number(2)).send())
                }
                "repos/get-release" => outcome!(client.repos_get_release(a(0), a(1), number(2))),
                "repos/list-release-assets" => {
                    outcome!(client
                        .repos_list_release_assets(a(0), a(1), number(2))
                        .send())
                }
                "users/get-authenticated" => outcome!(client.users_get_authenticated()),
                "users/get-by-username" => outcome!(client.users_get_by_username(a(0))),
                other => Err(format!("no call for {other}")),
            }
        }
    };
}

replay_with!(published);
replay_with!(overlaid);

/// Why a recorded response does not parse, in the terms of the README.
fn kind(reason: &str) -> &'static str {
    if reason.contains("missing field") {
        "lack a field the spec requires (recorded from an older server, or trimmed by PyGithub)"
    } else if reason.contains("undocumented status") {
        "have a status the operation does not document (304, 5xx, 404, …)"
    } else if reason.contains("EOF while parsing") {
        "have an empty or cut-off body (PyGithub's tests of broken responses)"
    } else if reason.contains("invalid type") {
        "hold a value of another type than the spec says (old API shapes, PyGithub's bad-attribute tests)"
    } else {
        "fail otherwise"
    }
}

/// The reason without the values (`at items[3].x` → `at items[].x`), so
/// that the same fault in many recordings counts once.
fn classify(message: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in message.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .expect("usage: github-replay REPLAY_DATA [--expect N] [--verbose]");
    let (mut expect, mut verbose) = (None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--expect" => {
                expect = args.next().and_then(|n| n.parse::<usize>().ok());
                assert!(expect.is_some(), "--expect takes a number");
            }
            "--verbose" => verbose = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let mut files: Vec<_> = std::fs::read_dir(&data)
        .expect("REPLAY_DATA is a folder")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let server = MockServer::start().await;
    let (mut total, mut calls) = (0, 0);
    let mut parsed = [0usize; 2];
    let mut failures: [BTreeMap<String, (usize, String)>; 2] = Default::default();
    for file in &files {
        for exchange in exchanges(file) {
            total += 1;
            if exchange.host != "api.github.com" || exchange.method != "GET" {
                continue;
            }
            let Some((id, path_args)) = operation(&exchange.path) else {
                continue;
            };
            calls += 1;
            server.reset().await;
            let mut template = ResponseTemplate::new(exchange.status);
            template = match &exchange.content_type {
                Some(content_type) => template.set_body_raw(exchange.body.clone(), content_type),
                None => template.set_body_string(exchange.body.clone()),
            };
            Mock::given(any())
                .respond_with(template)
                .mount(&server)
                .await;
            let outcomes = [
                published(&server.uri(), id, &path_args).await,
                overlaid(&server.uri(), id, &path_args).await,
            ];
            for (side, outcome) in outcomes.into_iter().enumerate() {
                match outcome {
                    Ok(()) => parsed[side] += 1,
                    Err(reason) => {
                        let entry = failures[side]
                            .entry(format!("{id} {}: {reason}", exchange.status))
                            .or_insert((0, exchange.file.clone()));
                        entry.0 += 1;
                    }
                }
            }
        }
    }
    println!(
        "{} recordings, {total} exchanges; {calls} are GETs of the {} replayed operations",
        files.len(),
        OPERATIONS.len()
    );
    for (side, name) in ["spec as published", "with tests/replay/github.overlay.yaml"]
        .iter()
        .enumerate()
    {
        println!("{name}: {} of {calls} parse", parsed[side]);
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for (reason, (count, _)) in &failures[side] {
            *kinds.entry(kind(reason)).or_default() += count;
        }
        for (kind, count) in kinds {
            println!("  {count:>4} {kind}");
        }
        if verbose {
            for (reason, (count, example)) in &failures[side] {
                println!("       {count:>4} × {reason}  (e.g. {example})");
            }
        }
    }
    if let Some(expect) = expect {
        if parsed[1] < expect {
            eprintln!("fewer than the expected {expect} parse with the overlay");
            std::process::exit(1);
        }
    }
}
