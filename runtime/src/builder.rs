use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use crate::transport::{Sending, Timeouts};
use crate::{BuildError, RetryPolicy, ServerUrl, Transport};

/// What a generated `Client` tells [`ClientBuilder`] about itself.
pub trait GeneratedClient: Sized {
    /// The credentials the API's security schemes take.
    type Auth: Default + fmt::Debug;
    /// The API's documented servers.
    type Server: ServerUrl;

    /// The server used when neither a base URL nor a server is given.
    fn default_server() -> Option<Self::Server>;

    /// The servers operations document as their own, as the generated
    /// code names them: the only ones [`ClientBuilder::server_url`] may move.
    fn operation_servers() -> &'static [&'static str] {
        &[]
    }

    /// The idempotency-key header the API's operations document, if any.
    fn idempotency_header() -> Option<&'static str> {
        None
    }

    /// Assembles the client; only the builder calls this.
    #[doc(hidden)]
    fn from_parts(transport: Transport, auth: Self::Auth) -> Self;
}

/// Configures and builds a generated client: where it sends, with which
/// credentials, and how patiently.
pub struct ClientBuilder<C: GeneratedClient> {
    base_url: Option<Result<String, BuildError>>,
    auth: C::Auth,
    timeout: Duration,
    stream_idle_timeout: Option<Duration>,
    connect_timeout: Duration,
    retry: RetryPolicy,
    user_agent: String,
    max_response_bytes: u64,
    http: Option<reqwest::Client>,
    /// Documented operation servers sent elsewhere, by their documented URL.
    servers: BTreeMap<String, String>,
    /// Every operation goes to the base URL, its own server or not.
    one_server: bool,
    /// The idempotency-key header the user named for every request.
    idempotency_header: Option<String>,
    /// Run around every attempt, in the order added.
    hooks: Vec<std::sync::Arc<dyn crate::Hook>>,
    /// Compressed responses are asked for and decoded.
    #[cfg(feature = "compression")]
    compression: bool,
}

impl<C: GeneratedClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            base_url: None,
            auth: C::Auth::default(),
            timeout: Duration::from_secs(30),
            stream_idle_timeout: None,
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            user_agent: concat!("clientgen-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
            max_response_bytes: crate::transport::DEFAULT_MAX_RESPONSE_BYTES,
            http: None,
            servers: BTreeMap::new(),
            one_server: false,
            idempotency_header: None,
            hooks: Vec::new(),
            #[cfg(feature = "compression")]
            compression: false,
        }
    }
}

impl<C: GeneratedClient> ClientBuilder<C> {
    /// A builder with the defaults: the API's first documented server, a
    /// 30 s timeout per attempt, a 10 s connect timeout, [`RetryPolicy::default`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends to this base URL (`https://chat.example.com`); paths are appended to it.
    /// Operations that document a server of their own (GitHub's release
    /// uploads go to `https://uploads.github.com`) still go there: see
    /// [`ClientBuilder::server_url`] and [`ClientBuilder::only_base_url`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(Ok(url.into()));
        self
    }

    /// Sends the operations that document `documented` as their own server
    /// to `url` instead (a GitHub Enterprise Server user points
    /// `https://uploads.github.com` at `https://ghe.example.com/api/uploads`).
    /// Credentials go with them, as they do to the documented server.
    ///
    /// `documented` is compared as a URL (`HTTPS://Uploads.github.com:443/`
    /// names the same server); [`ClientBuilder::build`] refuses one that no
    /// operation documents, so that a misspelling cannot leave the
    /// operations, and the credentials meant for `url`, on the public server.
    pub fn server_url(mut self, documented: impl Into<String>, url: impl Into<String>) -> Self {
        self.servers.insert(documented.into(), url.into());
        self
    }

    /// Sends every operation to the base URL, whatever server it documents:
    /// for a test server or a proxy that answers for all of them.
    pub fn only_base_url(mut self) -> Self {
        self.one_server = true;
        self
    }

    /// Sends to one of the API's documented servers.
    pub fn server(mut self, server: C::Server) -> Self {
        self.base_url = Some(server.url());
        self
    }

    /// Sends a new idempotency key in `header` (`Idempotency-Key`) with every
    /// request whose method is not idempotent (`POST`, `PATCH`), for an API
    /// that reads one without documenting it: the same key on every attempt
    /// of a call, so that such a call may be retried after a timeout or a
    /// 5xx like an idempotent one. Operations that document the header get a
    /// key without this, when the caller gives none.
    pub fn idempotency_header(mut self, header: impl Into<String>) -> Self {
        self.idempotency_header = Some(header.into());
        self
    }

    /// Adds a hook, run around every attempt of every call after the hooks
    /// added before it (see [`Hook`](crate::Hook)).
    pub fn hook(mut self, hook: impl crate::Hook) -> Self {
        self.hooks.push(std::sync::Arc::new(hook));
        self
    }

    /// The credentials, given once for every call.
    pub fn auth(mut self, auth: C::Auth) -> Self {
        self.auth = auth;
        self
    }

    /// The longest one attempt may take (30 s unless set): from sending to
    /// the last byte of the body, or, for a streamed response (server-sent
    /// events, JSON lines, a download), to its status and headers. A timeout
    /// is [`Error::Timeout`](crate::Error::Timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest a streamed response may go without sending a byte (none
    /// unless set): a stream as a whole runs as long as the server sends,
    /// and one that falls silent for longer ends with
    /// [`StreamError::IdleTimeout`](crate::StreamError::IdleTimeout).
    pub fn stream_idle_timeout(mut self, idle: Duration) -> Self {
        self.stream_idle_timeout = Some(idle);
        self
    }

    /// The longest connecting may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When requests are sent again.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The largest response body read, in bytes (64 MiB unless set): a larger
    /// one fails with [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge)
    /// as soon as that is known, before it is held in memory.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Asks for compressed responses (`Accept-Encoding: gzip, br, zstd`) and
    /// decodes them; off unless set, and then no `Accept-Encoding` is sent.
    /// [`ClientBuilder::max_response_bytes`] applies to the decoded body, so
    /// a small body that decodes to gigabytes (a compression bomb) is
    /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge) as soon as
    /// it passes the limit. Needs the runtime's `compression` feature.
    #[cfg(feature = "compression")]
    pub fn compression(mut self, enabled: bool) -> Self {
        self.compression = enabled;
        self
    }

    /// Sends with this `reqwest::Client` (for proxies or TLS settings); the
    /// connect timeout, user agent and redirect policy of this builder then
    /// do not apply (its timeouts do): give it `reqwest::redirect::Policy::none()` so that credentials
    /// never follow a redirect to another origin.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        let base_url = match self.base_url {
            Some(url) => url?,
            None => C::default_server().ok_or(BuildError::NoBaseUrl)?.url()?,
        };
        check_base_url(&base_url)?;
        let servers = documented_servers(self.servers, C::operation_servers())?;
        let idempotency = idempotency(self.idempotency_header.as_deref(), C::idempotency_header())?;
        #[cfg(feature = "compression")]
        let compression = self.compression;
        #[cfg(not(feature = "compression"))]
        let compression = false;
        let http = match self.http {
            Some(http) => http,
            None => decoding(reqwest::Client::builder(), compression)
                // No total timeout here: reqwest's would also cut a stream's
                // body. The transport bounds each attempt and each stream.
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .redirect(crate::transport::same_origin_redirects())
                // Connections are reused; after a burst, at most this many
                // stay open per host, and none longer than it is idle.
                .pool_max_idle_per_host(MAX_IDLE_CONNECTIONS)
                .pool_idle_timeout(IDLE_CONNECTION_TIMEOUT)
                // A Referer would carry the previous URL, query credentials included.
                .referer(false)
                .build()
                .map_err(BuildError::Http)?,
        };
        let servers = if self.one_server {
            crate::transport::Servers::One
        } else {
            crate::transport::Servers::Documented(servers)
        };
        Ok(C::from_parts(
            Transport::new(
                base_url,
                servers,
                http,
                Sending {
                    retry: self.retry,
                    max_response_bytes: self.max_response_bytes,
                    timeouts: Timeouts {
                        attempt: Some(self.timeout),
                        stream_idle: self.stream_idle_timeout,
                    },
                    idempotency,
                    hooks: self.hooks.into(),
                },
            ),
            self.auth,
        ))
    }
}

/// The HTTP client decodes compressed responses only when asked to.
#[cfg(feature = "compression")]
fn decoding(http: reqwest::ClientBuilder, enabled: bool) -> reqwest::ClientBuilder {
    if enabled {
        http
    } else {
        http.no_gzip().no_brotli().no_zstd()
    }
}

/// Without the `compression` feature, the HTTP client decodes nothing.
#[cfg(not(feature = "compression"))]
fn decoding(http: reqwest::ClientBuilder, _enabled: bool) -> reqwest::ClientBuilder {
    http
}

/// Idle connections kept per host after a burst of concurrent calls.
const MAX_IDLE_CONNECTIONS: usize = 16;

/// How long an idle connection is kept.
const IDLE_CONNECTION_TIMEOUT: Duration = Duration::from_secs(30);

/// The idempotency header: the user's, for every request, or the
/// documented one, detected on the requests the operations key.
fn idempotency(
    named: Option<&str>,
    documented: Option<&str>,
) -> Result<Option<crate::transport::Idempotency>, BuildError> {
    let (name, every_request) = match (named, documented) {
        (Some(name), _) => (name, true),
        (None, Some(name)) => (name, false),
        (None, None) => return Ok(None),
    };
    let header = reqwest::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| BuildError::InvalidHeaderName(name.to_owned()))?;
    Ok(Some(crate::transport::Idempotency {
        header,
        every_request,
    }))
}

/// The moved servers keyed by the documented server as generated code names
/// it; a key that names no documented server is refused.
fn documented_servers(
    moved: BTreeMap<String, String>,
    documented: &[&str],
) -> Result<BTreeMap<String, String>, BuildError> {
    let mut servers = BTreeMap::new();
    for (key, url) in moved {
        check_base_url(&url)?;
        let wanted = same_server_form(&key);
        let Some(found) = documented
            .iter()
            .find(|server| same_server_form(server) == wanted)
        else {
            return Err(BuildError::UndocumentedServer {
                server: key,
                documented: documented.iter().map(|s| (*s).to_owned()).collect(),
            });
        };
        servers.insert((*found).to_owned(), url);
    }
    Ok(servers)
}

/// A server URL in the form two spellings of one server share: scheme and
/// host lowercased, a default port dropped, no trailing `/`. A relative
/// server (`/v2`) is compared as written, less its trailing `/`.
fn same_server_form(server: &str) -> String {
    match url::Url::parse(server) {
        Ok(url) => url.as_str().trim_end_matches('/').to_owned(),
        Err(_) => server.trim().trim_end_matches('/').to_owned(),
    }
}

/// An absolute http(s) URL that paths can be appended to.
fn check_base_url(url: &str) -> Result<(), BuildError> {
    let parsed = url::Url::parse(url).map_err(|_| BuildError::InvalidBaseUrl(url.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
        return Err(BuildError::InvalidBaseUrl(url.to_owned()));
    }
    Ok(())
}

impl<C: GeneratedClient> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field(
                "base_url",
                &self.base_url.as_ref().map(|url| {
                    url.as_deref()
                        .map(crate::secret::redact_userinfo)
                        .map_err(|_| "invalid")
                }),
            )
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("stream_idle_timeout", &self.stream_idle_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("max_response_bytes", &self.max_response_bytes)
            .field(
                "servers",
                &self
                    .servers
                    .iter()
                    .map(|(from, to)| {
                        (
                            crate::secret::redact_userinfo(from),
                            crate::secret::redact_userinfo(to),
                        )
                    })
                    .collect::<BTreeMap<_, _>>(),
            )
            .field("only_base_url", &self.one_server)
            .finish_non_exhaustive()
    }
}
