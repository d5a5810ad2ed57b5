//! Creates a user with one of the five generated clients.
//!
//! ```text
//! cargo run --example create_user -- rocketchat --base-url https://chat.example.com --body user.json
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use clientgen_runtime::Error;
use serde::Serialize;

// The five clients generated with `Config::both_ways(true)` (see build.rs):
// requests are read from JSON and responses printed as JSON, which the
// library's clients, each type implementing only the way it travels, do not
// allow. A program uses part of each client.
#[allow(dead_code)]
mod clients {
    pub mod lastpass {
        clientgen_runtime::include_client!("both_ways/lastpass");
    }
    pub mod liveperson {
        clientgen_runtime::include_client!("both_ways/liveperson");
    }
    pub mod rocketchat {
        clientgen_runtime::include_client!("both_ways/rocketchat");
    }
    pub mod flexprice {
        clientgen_runtime::include_client!("both_ways/flexprice");
    }
    pub mod phrase {
        clientgen_runtime::include_client!("both_ways/phrase");
    }
}
use clients::{flexprice, lastpass, liveperson, phrase, rocketchat};

/// Create a user with a generated client and print it as JSON.
///
/// The body file holds the request in the API's own JSON shape (for
/// LivePerson, an array of users); it is parsed into the generated request
/// type, so a malformed body is refused before anything is sent.
///
/// Credentials come from the environment: LASTPASS_API_KEY, LIVEPERSON_TOKEN,
/// ROCKETCHAT_USER_ID and ROCKETCHAT_AUTH_TOKEN, FLEXPRICE_API_KEY,
/// PHRASE_API_TOKEN.
///
/// Exits 0 and prints the created user as JSON, or prints the status and the
/// vendor's error message and exits 1.
#[derive(Parser)]
struct Args {
    /// Which API to call.
    api: Api,
    /// The API's base URL (for LivePerson, https://<your account's domain>).
    #[arg(long)]
    base_url: String,
    /// A JSON file with the request body.
    #[arg(long)]
    body: PathBuf,
    /// LivePerson's account (site) ID.
    #[arg(long, required_if_eq("api", "liveperson"))]
    account_id: Option<String>,
    /// Phrase: send an invitation email instead of a welcome email.
    #[arg(long)]
    send_invitation: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Api {
    Lastpass,
    Liveperson,
    Rocketchat,
    Flexprice,
    Phrase,
}

/// What went wrong, for the user: a status (when the server answered) and a message.
struct Failure {
    status: Option<u16>,
    message: String,
}

impl<E> From<Error<E>> for Failure {
    fn from(error: Error<E>) -> Self {
        Failure {
            status: error.status().map(|s| s.as_u16()),
            message: match error.raw_response() {
                Some(raw) => raw.text(),
                None => error.to_string(),
            },
        }
    }
}

impl Failure {
    fn message(message: impl Into<String>) -> Self {
        Failure {
            status: None,
            message: message.into(),
        }
    }

    fn api(status: u16, message: Option<String>, fallback: &str) -> Self {
        Failure {
            status: Some(status),
            message: message.unwrap_or_else(|| fallback.to_owned()),
        }
    }
}

fn env(name: &str) -> Result<String, Failure> {
    std::env::var(name).map_err(|_| Failure::message(format!("set {name} to your credential")))
}

fn read_body<T: serde::de::DeserializeOwned>(path: &PathBuf) -> Result<T, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::message(format!("{}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| Failure::message(format!("{}: {e}", path.display())))
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("(unprintable: {e})"))
}

async fn run(args: &Args) -> Result<String, Failure> {
    match args.api {
        Api::Lastpass => {
            let client = lastpass::Client::builder()
                .base_url(&args.base_url)
                .auth(lastpass::Auth::new(env("LASTPASS_API_KEY")?))
                .build()
                .map_err(|e| Failure::message(e.to_string()))?;
            let body: lastpass::CreateUserRequest = read_body(&args.body)?;
            match client.create_user(&body).await {
                Ok(created) => Ok(json(created.body())),
                Err(Error::Api(error, response)) => {
                    let status = response.status().as_u16();
                    // The enums are this program's own (see the modules above);
                    // from a library they are `#[non_exhaustive]` and need a
                    // last `_` arm for statuses the spec documents later.
                    let detail = match error {
                        lastpass::CreateUserError::BadRequest(p)
                        | lastpass::CreateUserError::Unauthorized(p)
                        | lastpass::CreateUserError::PaymentRequired(p)
                        | lastpass::CreateUserError::Forbidden(p)
                        | lastpass::CreateUserError::NotFound(p)
                        | lastpass::CreateUserError::UnsupportedMediaType(p)
                        | lastpass::CreateUserError::UnprocessableEntity(p)
                        | lastpass::CreateUserError::TooManyRequests(p)
                        | lastpass::CreateUserError::InternalServerError(p) => {
                            p.detail.flatten().or(p.title.flatten())
                        }
                    };
                    Err(Failure::api(status, detail, "no detail given"))
                }
                Err(other) => Err(other.into()),
            }
        }
        Api::Liveperson => {
            let client = liveperson::Client::builder()
                .base_url(&args.base_url)
                .auth(liveperson::Auth::new(env("LIVEPERSON_TOKEN")?))
                .build()
                .map_err(|e| Failure::message(e.to_string()))?;
            let users: Vec<liveperson::User> = read_body(&args.body)?;
            let account_id = args.account_id.as_deref().unwrap_or_default();
            match client.create_users(account_id, &users).send().await {
                Ok(created) => Ok(json(created.body())),
                Err(Error::Api(error, response)) => Err(Failure::api(
                    response.status().as_u16(),
                    None,
                    &format!("{error:?}"),
                )),
                Err(other) => Err(other.into()),
            }
        }
        Api::Rocketchat => {
            let auth =
                rocketchat::Auth::new(env("ROCKETCHAT_USER_ID")?, env("ROCKETCHAT_AUTH_TOKEN")?);
            let client = rocketchat::Client::builder()
                .base_url(&args.base_url)
                .auth(auth)
                .build()
                .map_err(|e| Failure::message(e.to_string()))?;
            let body: rocketchat::CreateUserRequest = read_body(&args.body)?;
            match client.create_user(&body).await {
                Ok(created) => Ok(json(created.body())),
                Err(Error::Api(rocketchat::CreateUserError::BadRequest(e), ..)) => {
                    Err(Failure::api(400, e.error, "bad request"))
                }
                Err(Error::Api(rocketchat::CreateUserError::Unauthorized(e), ..)) => {
                    Err(Failure::api(401, e.message, "unauthorized"))
                }
                Err(other) => Err(other.into()),
            }
        }
        Api::Flexprice => {
            let client = flexprice::Client::builder()
                .base_url(&args.base_url)
                .auth(flexprice::Auth::new(env("FLEXPRICE_API_KEY")?))
                .build()
                .map_err(|e| Failure::message(e.to_string()))?;
            let body: flexprice::CreateUserRequest = read_body(&args.body)?;
            match client.create_user(&body).await {
                Ok(created) => Ok(json(created.body())),
                Err(Error::Api(error, response)) => {
                    let status = response.status().as_u16();
                    let message = match error {
                        flexprice::CreateUserError::BadRequest(e)
                        | flexprice::CreateUserError::InternalServerError(e) => e.message,
                    };
                    Err(Failure::api(status, message, "no message given"))
                }
                Err(other) => Err(other.into()),
            }
        }
        Api::Phrase => {
            let client = phrase::Client::builder()
                .base_url(&args.base_url)
                .auth(phrase::Auth::new(env("PHRASE_API_TOKEN")?))
                .build()
                .map_err(|e| Failure::message(e.to_string()))?;
            let body: phrase::AbstractUserCreateDtoV3 = read_body(&args.body)?;
            let options = phrase::CreateUserV3Options {
                send_invitation: args.send_invitation.then_some(true),
            };
            match client.create_user_v3_with(&body, &options).await {
                Ok(created) => Ok(json(created.body())),
                // Phrase documents its errors without bodies: the status is the message.
                Err(Error::Api(error, response)) => Err(Failure::api(
                    response.status().as_u16(),
                    None,
                    &format!("{error:?}"),
                )),
                Err(other) => Err(other.into()),
            }
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args).await {
        Ok(created) => {
            println!("{created}");
            ExitCode::SUCCESS
        }
        Err(Failure {
            status: Some(status),
            message,
        }) => {
            eprintln!("error: HTTP {status}: {message}");
            ExitCode::FAILURE
        }
        Err(Failure {
            status: None,
            message,
        }) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
