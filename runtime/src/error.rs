use std::convert::Infallible;
use std::fmt;

use reqwest::StatusCode;

use crate::printable::{printable, MAX_SHOWN};
use crate::response::RawResponse;
use crate::ValidationError;

/// What can go wrong with a call of a generated client; `E` is the
/// operation's enum of documented error responses.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with a documented error status: its body, typed,
    /// and the response it came in (status, headers, the body as received).
    Api(E, Box<RawResponse>),
    /// The server answered with a status the API does not document.
    UnexpectedStatus(Box<RawResponse>),
    /// The body of a documented response did not match its schema.
    InvalidBody {
        /// The response as received.
        response: Box<RawResponse>,
        /// Where in the body the value that failed is (`items[0].assignee`;
        /// `.` for the body itself).
        path: String,
        /// Why it did not parse.
        source: serde_json::Error,
    },
    /// A documented constraint was broken; nothing was sent.
    Validation(ValidationError),
    /// None of the credential sets the operation accepts was configured; nothing was sent.
    MissingCredentials {
        /// The operation's id.
        operation: &'static str,
        /// The accepted sets, in the API's words.
        accepted: String,
    },
    /// A parameter's value cannot be sent as the API documents it (a path
    /// segment of `..`, a header value with a line break); nothing was sent.
    InvalidParameter {
        /// The parameter's name in the API.
        name: &'static str,
        /// Why the value was refused (the value itself is not repeated).
        reason: &'static str,
    },
    /// The request could not be built (an invalid header value, say); nothing was sent.
    InvalidRequest(String),
    /// A page's `Link` header named a next page on another origin than the
    /// first request's; nothing was sent there, and paging stopped.
    CrossOriginPage {
        /// The origin of the refused link (`https://elsewhere.example`).
        origin: String,
    },
    /// The response body was larger than the limit set with
    /// `ClientBuilder::max_response_bytes`; reading stopped there.
    ResponseTooLarge {
        /// The status of the response.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The response's status line and headers were larger than the HTTP
    /// client reads (tens of thousands of headers, or one of megabytes);
    /// not retried.
    ResponseHeadTooLarge,
    /// A hook (`ClientBuilder::hook`) refused to let an attempt be sent;
    /// nothing was sent for it.
    Hook(crate::HookError),
    /// A credential's source (`Secret::from_source`, an OAuth2 token
    /// endpoint) gave no value; nothing was sent.
    Credentials(crate::HookError),
    /// No complete response arrived within `ClientBuilder::timeout` (for a
    /// streamed response: no status and headers); a stream that later falls
    /// silent is `StreamError::IdleTimeout` instead.
    Timeout,
    /// The connection failed or broke.
    Transport(reqwest::Error),
}

impl<E> Error<E> {
    /// The status code, whenever a response arrived (documented or not).
    pub fn status(&self) -> Option<StatusCode> {
        self.raw_response().map(RawResponse::status)
    }

    /// The response headers, whenever a response arrived (a documented
    /// error's `Retry-After`, a request id).
    pub fn headers(&self) -> Option<&reqwest::header::HeaderMap> {
        self.raw_response().map(RawResponse::headers)
    }

    /// A low-cardinality name of the kind of error (`timeout`,
    /// `unexpected_status`), as traces' `error.type` records it.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Api(..) => "api_error",
            Error::UnexpectedStatus(_) => "unexpected_status",
            Error::InvalidBody { .. } => "invalid_body",
            Error::Validation(_) => "validation",
            Error::MissingCredentials { .. } => "missing_credentials",
            Error::InvalidParameter { .. } => "invalid_parameter",
            Error::InvalidRequest(_) => "invalid_request",
            Error::CrossOriginPage { .. } => "cross_origin_page",
            Error::ResponseTooLarge { .. } => "response_too_large",
            Error::ResponseHeadTooLarge => "response_head_too_large",
            Error::Hook(_) => "hook",
            Error::Credentials(_) => "credentials",
            Error::Timeout => "timeout",
            Error::Transport(_) => "transport",
        }
    }

    /// The response as received, whenever one arrived: its status, headers
    /// and body (of a documented error, too: the body before it was typed).
    pub fn raw_response(&self) -> Option<&RawResponse> {
        match self {
            Error::Api(_, response)
            | Error::UnexpectedStatus(response)
            | Error::InvalidBody { response, .. } => Some(response),
            _ => None,
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The typed body is server text: the message names only its status.
            Error::Api(_, response) => write!(
                f,
                "{}the API answered with its documented error status {} (Error::Api holds the body)",
                operation_prefix(response),
                response.status().as_u16()
            ),
            // Bodies are never part of a message: see `RawResponse::body`.
            Error::UnexpectedStatus(response) => write!(
                f,
                "{}undocumented status {} ({} bytes of body; Error::raw_response has them)",
                operation_prefix(response),
                response.status(),
                response.body().len()
            ),
            Error::InvalidBody {
                response,
                path,
                source,
            } => write!(
                f,
                "{}the body of the {} response does not match the API's schema at {}: {}",
                operation_prefix(response),
                response.status(),
                if path == "." {
                    "its top level".to_owned()
                } else {
                    printable(path, MAX_SHOWN)
                },
                printable(&without_position(source), 2 * MAX_SHOWN)
            ),
            Error::Validation(error) => write!(f, "{error}"),
            Error::MissingCredentials {
                operation,
                accepted,
            } => write!(
                f,
                "{operation} needs credentials for {accepted}; set them with ClientBuilder::auth"
            ),
            Error::InvalidParameter { name, reason } => {
                write!(f, "parameter {name}: {reason}; nothing was sent")
            }
            Error::ResponseHeadTooLarge => f.write_str(
                "the response's headers are larger than the client reads; nothing was retried",
            ),
            Error::ResponseTooLarge { status, limit } => write!(
                f,
                "the body of the {status} response is larger than the limit of {limit} bytes \
                 (ClientBuilder::max_response_bytes)"
            ),
            Error::InvalidRequest(message) => {
                write!(f, "the request could not be built: {message}")
            }
            Error::CrossOriginPage { origin } => write!(
                f,
                "the next page is on another origin ({origin}); nothing was sent there"
            ),
            Error::Hook(error) => write!(f, "a hook stopped the call: {error}"),
            Error::Credentials(error) => write!(f, "no credential to send: {error}"),
            Error::Timeout => f.write_str(
                "no complete response within the attempt's timeout (ClientBuilder::timeout; \
                 a streamed response only has to start within it)",
            ),
            Error::Transport(error) => write!(f, "transport error: {error}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidBody { source, .. } => Some(source),
            Error::Validation(error) => Some(error),
            Error::Transport(error) => Some(error),
            Error::Hook(error) | Error::Credentials(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}

/// An [`Error`] that is none of the API's documented errors. The runtime's
/// functions return it so that they are compiled once, not once per
/// operation; `?` turns it into the operation's `Error<E>`.
#[derive(Debug)]
pub struct Failure(pub(crate) Error<Infallible>);

impl Failure {
    /// The error, as an [`Error`] of no documented variant.
    pub fn into_error(self) -> Error<Infallible> {
        self.0
    }

    /// The error, by reference.
    pub fn error(&self) -> &Error<Infallible> {
        &self.0
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

impl<E> From<Failure> for Error<E> {
    fn from(failure: Failure) -> Self {
        match failure.0 {
            Error::Api(never, _) => match never {},
            Error::UnexpectedStatus(response) => Error::UnexpectedStatus(response),
            Error::InvalidBody {
                response,
                path,
                source,
            } => Error::InvalidBody {
                response,
                path,
                source,
            },
            Error::Validation(error) => Error::Validation(error),
            Error::MissingCredentials {
                operation,
                accepted,
            } => Error::MissingCredentials {
                operation,
                accepted,
            },
            Error::InvalidParameter { name, reason } => Error::InvalidParameter { name, reason },
            Error::InvalidRequest(message) => Error::InvalidRequest(message),
            Error::CrossOriginPage { origin } => Error::CrossOriginPage { origin },
            Error::ResponseTooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
            Error::ResponseHeadTooLarge => Error::ResponseHeadTooLarge,
            Error::Timeout => Error::Timeout,
            Error::Hook(error) => Error::Hook(error),
            Error::Credentials(error) => Error::Credentials(error),
            Error::Transport(error) => Error::Transport(error),
        }
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(error: ValidationError) -> Self {
        Error::Validation(error)
    }
}

/// `getRepo: `, when the operation is known.
fn operation_prefix(response: &RawResponse) -> String {
    match response.operation() {
        "" => String::new(),
        operation => format!("{operation}: "),
    }
}

/// serde_json's message without its `at line 1 column 7038`, which says
/// little of a minified body (the path says where).
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(rest) => rest.to_owned(),
        None => message,
    }
}

/// Why a client could not be built.
#[non_exhaustive]
pub enum BuildError {
    /// No base URL was given and the API documents no usable server.
    NoBaseUrl,
    /// The base URL is not an absolute http(s) URL.
    InvalidBaseUrl(String),
    /// A server variable has a value the API does not allow.
    InvalidServerVariable {
        /// The variable's name.
        name: String,
        /// Why the value was refused.
        reason: String,
    },
    /// `ClientBuilder::server_url` named a server that no operation documents.
    UndocumentedServer {
        /// The server as given.
        server: String,
        /// The servers operations document.
        documented: Vec<String>,
    },
    /// A header name given to the builder is not an HTTP token.
    InvalidHeaderName(String),
    /// The HTTP client could not be built.
    Http(reqwest::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoBaseUrl => {
                f.write_str("no base URL: call ClientBuilder::base_url or ClientBuilder::server")
            }
            BuildError::InvalidBaseUrl(url) => {
                let url = crate::secret::redact_userinfo(url);
                write!(f, "base URL {url:?} is not an absolute http or https URL")
            }
            BuildError::InvalidServerVariable { name, reason } => {
                write!(f, "server variable {name}: {reason}")
            }
            BuildError::UndocumentedServer { server, documented } => {
                let server = crate::secret::redact_userinfo(server);
                write!(
                    f,
                    "server_url({server:?}, …): no operation documents that server; "
                )?;
                match documented.as_slice() {
                    [] => f.write_str("no operation of this API documents a server of its own"),
                    servers => write!(f, "the documented ones are {servers:?}"),
                }
            }
            BuildError::InvalidHeaderName(name) => {
                write!(f, "{:?} is not a header name", printable(name, MAX_SHOWN))
            }
            BuildError::Http(error) => write!(f, "the HTTP client could not be built: {error}"),
        }
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoBaseUrl => f.write_str("NoBaseUrl"),
            // A base URL may carry `user:password@`.
            BuildError::InvalidBaseUrl(url) => f
                .debug_tuple("InvalidBaseUrl")
                .field(&crate::secret::redact_userinfo(url))
                .finish(),
            BuildError::InvalidServerVariable { name, reason } => f
                .debug_struct("InvalidServerVariable")
                .field("name", name)
                .field("reason", reason)
                .finish(),
            BuildError::UndocumentedServer { server, documented } => f
                .debug_struct("UndocumentedServer")
                .field("server", &crate::secret::redact_userinfo(server))
                .field("documented", documented)
                .finish(),
            BuildError::InvalidHeaderName(name) => {
                f.debug_tuple("InvalidHeaderName").field(name).finish()
            }
            BuildError::Http(error) => f.debug_tuple("Http").field(error).finish(),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Http(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod header_tests {
    use reqwest::header::{HeaderMap, HeaderValue};
    use reqwest::StatusCode;

    use super::RawResponse;

    fn response(name: &'static str, value: &[u8]) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_bytes(value).unwrap());
        RawResponse::new(StatusCode::OK, headers, b"{}".to_vec())
    }

    #[test]
    fn string_headers_are_read_as_utf8_and_a_bad_value_costs_nothing() {
        let cafe = response("x-name", "café".as_bytes());
        assert_eq!(
            cafe.header::<String>("x-name").unwrap().as_deref(),
            Some("café")
        );
        // Not UTF-8, or not the documented type: absent, not an error.
        assert_eq!(
            response("x-name", b"caf\xe9")
                .header::<String>("x-name")
                .unwrap(),
            None
        );
        let big = response("x-count", b"99999999999");
        assert_eq!(big.header::<i32>("x-count").unwrap(), None);
        assert_eq!(big.header::<i64>("x-count").unwrap(), Some(99_999_999_999));
        assert_eq!(cafe.header::<String>("x-missing").unwrap(), None);
    }
}

#[cfg(test)]
mod message_tests {
    use std::collections::BTreeMap;

    use reqwest::header::HeaderMap;
    use reqwest::StatusCode;

    use super::{Error, RawResponse};

    #[test]
    fn what_a_server_sent_is_escaped_and_bounded_in_messages() {
        let key = format!("\u{1b}]0;pwned\u{7}\u{202e}{}", "k".repeat(1 << 20));
        let body = serde_json::json!({ key: "x".repeat(1 << 20) }).to_string();
        let response = RawResponse::new(StatusCode::OK, HeaderMap::new(), body.into_bytes());
        let failure = response.json::<BTreeMap<String, u8>>().unwrap_err();
        let error: Error<std::convert::Infallible> = failure.into();
        let message = error.to_string();
        assert!(message.len() < 1_000, "{} bytes", message.len());
        assert!(!message.contains(|c: char| c.is_control()), "{message:?}");
        assert!(!message.contains('\u{202e}'), "{message:?}");
        assert!(message.contains("\\u{1b}]0;pwned"), "{message}");
    }

    #[derive(Debug)]
    struct Refused {
        #[allow(dead_code)]
        detail: String,
    }

    #[test]
    fn a_documented_error_names_its_status_not_its_body() {
        let body = "\u{1b}[2J the body's text";
        let response = RawResponse::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            HeaderMap::new(),
            body.into(),
        );
        let error = Error::Api(
            Refused {
                detail: body.to_owned(),
            },
            Box::new(response),
        );
        let message = error.to_string();
        assert!(message.contains("422"), "{message}");
        assert!(!message.contains("body's text"), "{message}");
    }
}
