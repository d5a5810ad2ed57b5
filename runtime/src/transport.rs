use std::fmt;
use std::time::Duration;

use reqwest::{Method, Request, RequestBuilder, StatusCode};

use serde::de::DeserializeOwned;

use crate::auth::Credential;
use crate::credentials::SourceRequest;
use crate::error::Failure;
use crate::hooks::{Hooks, Outcome, Outgoing};
use crate::retry::is_idempotent;
use crate::stream::{self, ByteStream, EventStream, JsonLines};
use crate::telemetry::{Call, CallSpan};
use crate::{Error, RawResponse, Response, RetryPolicy, SecretString};

/// The default of `ClientBuilder::max_response_bytes`: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// The base URL, HTTP client and retry policy a generated client sends with.
#[derive(Clone)]
pub struct Transport {
    base_url: String,
    servers: Servers,
    http: reqwest::Client,
    retry: RetryPolicy,
    max_response_bytes: u64,
    timeouts: Timeouts,
    idempotency: Option<Idempotency>,
    /// Run around every attempt, in order.
    hooks: Hooks,
    /// Where responses report drift from the spec, when anyone listens.
    drift: Option<std::sync::Arc<crate::hooks::DriftSink>>,
    /// Headers of a handle's calls (`CallOptions::header`), set on each
    /// attempt before its credentials.
    extra_headers: reqwest::header::HeaderMap,
}

/// How a transport sends, as the builder configured it.
pub(crate) struct Sending {
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: u64,
    pub(crate) timeouts: Timeouts,
    pub(crate) idempotency: Option<Idempotency>,
    pub(crate) hooks: Hooks,
}

/// The header that makes a non-idempotent request safe to send again.
#[derive(Clone, Debug)]
pub(crate) struct Idempotency {
    /// Its name (`Idempotency-Key`).
    pub(crate) header: reqwest::header::HeaderName,
    /// The user named it for an API that does not document it: every
    /// request whose method is not idempotent gets a key.
    pub(crate) every_request: bool,
}

/// How long a call may wait: for a whole buffered response, or for a
/// stream's head and then between its chunks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timeouts {
    /// One attempt of a buffered call, from sending to the body's last byte;
    /// for a streamed call, from sending to the response's head.
    pub(crate) attempt: Option<Duration>,
    /// The longest a streamed body may go without a chunk; a stream as a
    /// whole may run for as long as the server sends.
    pub(crate) stream_idle: Option<Duration>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &crate::secret::redact_userinfo(&self.base_url))
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("timeouts", &self.timeouts)
            .finish_non_exhaustive()
    }
}

/// Where operations that document a server of their own are sent.
#[derive(Clone, Debug)]
pub(crate) enum Servers {
    /// To their documented server, or the URL given for it.
    Documented(std::collections::BTreeMap<String, String>),
    /// To the base URL, like every other operation.
    One,
}

/// Why an attempt produced no response.
enum AttemptError {
    Http(reqwest::Error),
    TooLarge(StatusCode, u64),
    /// The attempt's timeout ran out.
    Timeout,
}

impl Transport {
    pub(crate) fn new(
        base_url: String,
        servers: Servers,
        http: reqwest::Client,
        how: Sending,
    ) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            servers,
            http,
            retry: how.retry,
            max_response_bytes: how.max_response_bytes,
            timeouts: how.timeouts,
            idempotency: how.idempotency,
            drift: crate::hooks::DriftSink::for_hooks(&how.hooks),
            hooks: how.hooks,
            extra_headers: reqwest::header::HeaderMap::new(),
        }
    }

    /// This transport with `options` in place of its own settings, for a
    /// handle of the client (`Client::with`).
    #[doc(hidden)]
    pub fn with(&self, options: crate::CallOptions) -> Self {
        let mut transport = self.clone();
        if let Some(timeout) = options.timeout {
            transport.timeouts.attempt = Some(timeout);
        }
        if let Some(timeout) = options.stream_idle_timeout {
            transport.timeouts.stream_idle = Some(timeout);
        }
        if let Some(retry) = options.retry {
            transport.retry = retry;
        }
        for (name, value) in &options.headers {
            transport.extra_headers.append(name, value.clone());
        }
        transport
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Starts a request for `path` (already percent-encoded) below the base URL.
    #[doc(hidden)]
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base_url))
    }

    /// Starts a request for a URL the server gave (a next page's), which
    /// the caller has checked is on the base URL's origin.
    pub(crate) fn request_url(&self, method: Method, url: url::Url) -> RequestBuilder {
        self.http.request(method, url)
    }

    /// Starts a request for `path` of an operation that documents its own
    /// server (`https://uploads.github.com`, or a path below the base URL
    /// such as `/v2`), unless the builder sent it elsewhere.
    #[doc(hidden)]
    pub fn request_on(&self, server: &str, method: Method, path: &str) -> RequestBuilder {
        let base = match &self.servers {
            Servers::One => return self.request(method, path),
            Servers::Documented(servers) => match servers.get(server) {
                Some(url) => url.trim_end_matches('/'),
                None if server.starts_with('/') => {
                    let prefix = server.trim_end_matches('/');
                    return self.request(method, &format!("{prefix}{path}"));
                }
                None => server.trim_end_matches('/'),
            },
        };
        self.http.request(method, format!("{base}{path}"))
    }

    /// Builds and sends the request with the call's credentials, retrying
    /// as the [`RetryPolicy`] allows, and reads the whole response.
    #[doc(hidden)]
    pub async fn send_call(
        &self,
        builder: RequestBuilder,
        call: Call<'_>,
    ) -> Result<RawResponse, Failure> {
        let request = build(builder)?;
        let credentials = crate::auth::choose(call.operation, call.security)?;
        let span = CallSpan::new(&call, &request);
        let result = span
            .instrument(
                self.with_retries(request, call.operation, &credentials, |request| {
                    self.attempt(request)
                }),
            )
            .await;
        span.finish(result.as_ref().map(RawResponse::status));
        result.map(|response| {
            response
                .for_operation(call.operation)
                .with_drift(self.drift.clone())
        })
    }

    /// Like [`Transport::send_call`], but reads only the status and headers:
    /// the body is the caller's to read as a stream, or in whole with
    /// [`Opened::read`] for a status that does not stream.
    #[doc(hidden)]
    pub async fn open_call(
        &self,
        builder: RequestBuilder,
        call: Call<'_>,
    ) -> Result<Opened, Failure> {
        let request = build(builder)?;
        let credentials = crate::auth::choose(call.operation, call.security)?;
        let span = CallSpan::new(&call, &request);
        // Only the head is bounded by the attempt's timeout: a stream may
        // run for as long as the server sends, within its idle timeout.
        let response = span
            .instrument(
                self.with_retries(request, call.operation, &credentials, |request| {
                    within(self.timeouts.attempt, async {
                        self.http.execute(request).await.map_err(AttemptError::Http)
                    })
                }),
            )
            .await;
        span.finish(response.as_ref().map(reqwest::Response::status));
        Ok(Opened {
            response: response?,
            limit: self.max_response_bytes,
            idle: self.timeouts.stream_idle,
            operation: call.operation,
            drift: self.drift.clone(),
        })
    }

    async fn with_retries<T: Answer, Fut: std::future::Future<Output = Result<T, AttemptError>>>(
        &self,
        mut request: Request,
        operation: &'static str,
        credentials: &[&Credential],
        send_once: impl Fn(Request) -> Fut,
    ) -> Result<T, Failure> {
        let repeatable = is_idempotent(request.method()) || self.keyed(&mut request);
        let mut attempt = 0;
        let mut renewed = false;
        loop {
            // A streaming body cannot be copied: such a request is sent once.
            let Some(copy) = request.try_clone() else {
                let (outcome, fetched) = self
                    .send_attempt(request, operation, attempt, credentials, &send_once)
                    .await?;
                forget_refused(&outcome, &fetched, operation).await;
                return outcome.map_err(classify);
            };
            let (outcome, fetched) = self
                .send_attempt(copy, operation, attempt, credentials, &send_once)
                .await?;
            if forget_refused(&outcome, &fetched, operation).await {
                // A renewed credential is sent once more, and only where
                // sending twice is safe.
                if repeatable && !renewed {
                    renewed = true;
                    attempt += 1;
                    continue;
                }
                return outcome.map_err(classify);
            }
            let wait = if attempt >= self.retry.max_retries {
                None
            } else {
                match &outcome {
                    Ok(response) => self.retry.after_status(
                        repeatable,
                        response.status(),
                        response.headers(),
                        attempt,
                    ),
                    Err(AttemptError::Http(error)) => self.after_error(repeatable, error, attempt),
                    Err(AttemptError::Timeout) => repeatable.then(|| self.retry.backoff(attempt)),
                    Err(AttemptError::TooLarge(..)) => None,
                }
            };
            match wait {
                Some(wait) => {
                    let status = outcome.as_ref().ok().map(|answer| answer.status().as_u16());
                    crate::telemetry::retrying(attempt, wait, status);
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                None => return outcome.map_err(classify),
            }
        }
    }

    /// One attempt: the credentials' current values put on the request, the
    /// hooks run on it as it will be sent, and the answer shown to them.
    /// Returns the values that came from sources, with their credentials.
    async fn send_attempt<
        'c,
        T: Answer,
        Fut: std::future::Future<Output = Result<T, AttemptError>>,
    >(
        &self,
        mut request: Request,
        operation: &'static str,
        attempt: u32,
        credentials: &[&'c Credential],
        send_once: &impl Fn(Request) -> Fut,
    ) -> Result<(Result<T, AttemptError>, Vec<(&'c Credential, SecretString)>), Failure> {
        let asked = SourceRequest {
            operation,
            scopes: &[],
            http: &self.http,
            base_url: &self.base_url,
        };
        // A handle's headers replace the call's own of the same name.
        for name in self.extra_headers.keys() {
            request.headers_mut().remove(name);
        }
        for (name, value) in &self.extra_headers {
            request.headers_mut().append(name, value.clone());
        }
        let mut fetched = Vec::new();
        for credential in credentials {
            if let Some(secret) = credential.apply(&mut request, &asked).await? {
                fetched.push((*credential, secret));
            }
        }
        merge_cookies(request.headers_mut());
        self.before_send(&mut request, operation, attempt).await?;
        let started = std::time::Instant::now();
        let outcome = send_once(request).await;
        self.after_attempt(&outcome, operation, attempt, started)
            .await;
        Ok((outcome, fetched))
    }

    /// Sends once and reads the body, all within the attempt's timeout.
    async fn attempt(&self, request: Request) -> Result<RawResponse, AttemptError> {
        within(self.timeouts.attempt, async {
            let response = self
                .http
                .execute(request)
                .await
                .map_err(AttemptError::Http)?;
            read_whole(response, self.max_response_bytes).await
        })
        .await
    }

    /// Runs the hooks on an attempt about to be sent; an error stops the call.
    async fn before_send(
        &self,
        request: &mut Request,
        operation: &'static str,
        attempt: u32,
    ) -> Result<(), Failure> {
        if self.hooks.is_empty() {
            return Ok(());
        }
        let mut outgoing = Outgoing {
            request,
            operation,
            attempt,
        };
        for hook in self.hooks.iter() {
            hook.before_send(&mut outgoing)
                .await
                .map_err(|error| Failure(Error::Hook(error)))?;
        }
        Ok(())
    }

    /// Shows the hooks what became of an attempt.
    async fn after_attempt<T: Answer>(
        &self,
        outcome: &Result<T, AttemptError>,
        operation: &'static str,
        attempt: u32,
        started: std::time::Instant,
    ) {
        if self.hooks.is_empty() {
            return;
        }
        let (status, headers, failure) = match outcome {
            Ok(answer) => (Some(answer.status()), Some(answer.headers()), None),
            Err(AttemptError::Timeout) => (None, None, Some("timeout")),
            Err(AttemptError::TooLarge(status, _)) => (Some(*status), None, Some("too_large")),
            Err(AttemptError::Http(error)) if error.is_connect() => (None, None, Some("connect")),
            Err(AttemptError::Http(_)) => (None, None, Some("transport")),
        };
        let outcome = Outcome {
            operation,
            attempt,
            elapsed: started.elapsed(),
            status,
            headers,
            failure,
        };
        for hook in self.hooks.iter() {
            hook.after_attempt(&outcome).await;
        }
    }

    /// Whether `request` carries an idempotency key, adding one first when
    /// the user named the header for every request that is not idempotent.
    fn keyed(&self, request: &mut Request) -> bool {
        let Some(idempotency) = &self.idempotency else {
            return false;
        };
        if request.headers().contains_key(&idempotency.header) {
            return true;
        }
        if !idempotency.every_request {
            return false;
        }
        let key = crate::retry::idempotency_key();
        match reqwest::header::HeaderValue::from_str(&key) {
            Ok(value) => {
                request
                    .headers_mut()
                    .insert(idempotency.header.clone(), value);
                true
            }
            Err(_) => false,
        }
    }

    fn after_error(
        &self,
        repeatable: bool,
        error: &reqwest::Error,
        attempt: u32,
    ) -> Option<Duration> {
        // A head too large to read will be as large the next time.
        if head_too_large(error) {
            return None;
        }
        // A connect error means the request never left: safe for any method.
        let never_sent = error.is_connect();
        let idempotent_retry = repeatable && (error.is_timeout() || error.is_request());
        (never_sent || idempotent_retry).then(|| self.retry.backoff(attempt))
    }
}

/// Forgets the values from sources that a `401` refused, so that the next
/// attempt or call fetches others; whether there were any.
async fn forget_refused<T: Answer>(
    outcome: &Result<T, AttemptError>,
    fetched: &[(&Credential, SecretString)],
    operation: &'static str,
) -> bool {
    let refused = matches!(outcome, Ok(answer) if answer.status() == StatusCode::UNAUTHORIZED);
    if !refused || fetched.is_empty() {
        return false;
    }
    for (credential, secret) in fetched {
        credential.forget(operation, secret).await;
    }
    true
}

/// The request a builder describes; one it cannot build is never sent.
fn build(builder: RequestBuilder) -> Result<Request, Failure> {
    builder
        .build()
        .map_err(|error| Failure(Error::InvalidRequest(error.without_url().to_string())))
}

/// `work`, failed with [`AttemptError::Timeout`] if `limit` runs out first.
async fn within<T>(
    limit: Option<Duration>,
    work: impl std::future::Future<Output = Result<T, AttemptError>>,
) -> Result<T, AttemptError> {
    match limit {
        Some(limit) => tokio::time::timeout(limit, work)
            .await
            .unwrap_or(Err(AttemptError::Timeout)),
        None => work.await,
    }
}

/// Reads a whole body, refusing it as soon as it is known to be larger
/// than `limit`: from `Content-Length`, or while reading.
async fn read_whole(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<RawResponse, AttemptError> {
    let status = response.status();
    let too_large = || AttemptError::TooLarge(status, limit);
    let announced = response.content_length().unwrap_or(0);
    if announced > limit {
        return Err(too_large());
    }
    let headers = std::mem::take(response.headers_mut());
    // Trust the announced length only up to a small first allocation.
    let mut body = Vec::with_capacity(announced.min(1 << 20) as usize);
    while let Some(chunk) = response.chunk().await.map_err(AttemptError::Http)? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse::new(status, headers, body))
}

/// What the retry policy reads of an answer.
trait Answer {
    fn status(&self) -> StatusCode;
    fn headers(&self) -> &reqwest::header::HeaderMap;
}

impl Answer for RawResponse {
    fn status(&self) -> StatusCode {
        RawResponse::status(self)
    }

    fn headers(&self) -> &reqwest::header::HeaderMap {
        RawResponse::headers(self)
    }
}

impl Answer for reqwest::Response {
    fn status(&self) -> StatusCode {
        reqwest::Response::status(self)
    }

    fn headers(&self) -> &reqwest::header::HeaderMap {
        reqwest::Response::headers(self)
    }
}

/// A response whose body has not been read: a stream's.
#[doc(hidden)]
pub struct Opened {
    response: reqwest::Response,
    limit: u64,
    idle: Option<Duration>,
    operation: &'static str,
    drift: Option<std::sync::Arc<crate::hooks::DriftSink>>,
}

impl Opened {
    /// The status code the server answered with.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The whole body, under the size limit, for a status that does not stream.
    pub async fn read(self) -> Result<RawResponse, Failure> {
        read_whole(self.response, self.limit)
            .await
            .map(|response| {
                response
                    .for_operation(self.operation)
                    .with_drift(self.drift)
            })
            .map_err(classify)
    }

    fn into_response<B>(self, body: impl FnOnce(ByteStream, u64) -> B) -> Response<B> {
        let status = self.response.status();
        let headers = self.response.headers().clone();
        let chunks = stream::bytes(self.response, self.idle);
        Response::new(status, headers, body(chunks, self.limit), ())
    }

    /// Server-sent events whose `data` is JSON; `sentinel` (`[DONE]`) ends them.
    pub fn events<T: DeserializeOwned + Send + 'static>(
        self,
        sentinel: Option<&'static str>,
    ) -> Response<EventStream<T>> {
        self.into_response(|chunks, limit| {
            stream::events(chunks, limit, stream::json_data::<T>, sentinel)
        })
    }

    /// Server-sent events whose `data` is text.
    pub fn text_events(self, sentinel: Option<&'static str>) -> Response<EventStream<String>> {
        self.into_response(|chunks, limit| {
            stream::events(chunks, limit, stream::text_data, sentinel)
        })
    }

    /// One JSON value per line.
    pub fn json_lines<T: DeserializeOwned + Send + 'static>(self) -> Response<JsonLines<T>> {
        self.into_response(stream::json_lines)
    }

    /// The body's chunks as they arrive.
    pub fn byte_stream(self) -> Response<ByteStream> {
        self.into_response(|chunks, _| chunks)
    }
}

fn classify(error: AttemptError) -> Failure {
    let error = match error {
        AttemptError::Http(error) => error,
        AttemptError::TooLarge(status, limit) => {
            return Failure(Error::ResponseTooLarge { status, limit })
        }
        AttemptError::Timeout => return Failure(Error::Timeout),
    };
    Failure(if error.is_timeout() {
        Error::Timeout
    } else if head_too_large(&error) {
        Error::ResponseHeadTooLarge
    } else {
        // The URL may carry a query-parameter credential: never print it.
        Error::Transport(error.without_url())
    })
}

/// hyper refused the response's head as too large (its `Parse(TooLarge)`,
/// which reqwest does not expose): found by its message in the chain.
fn head_too_large(error: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if current.to_string().contains("message head is too large") {
            return true;
        }
        source = current.source();
    }
    false
}

/// Cookie parameters and a cookie credential each add a `Cookie` header;
/// RFC 6265 (§5.4) allows one, so they are joined with `; `. The joined
/// header is sensitive when any part was (a credential).
fn merge_cookies(headers: &mut reqwest::header::HeaderMap) {
    use reqwest::header::{HeaderValue, COOKIE};
    if headers.get_all(COOKIE).iter().count() < 2 {
        return;
    }
    let mut sensitive = false;
    let mut parts = Vec::new();
    for value in headers.get_all(COOKIE) {
        sensitive |= value.is_sensitive();
        parts.push(value.as_bytes().to_vec());
    }
    let joined = parts.join(&b"; "[..]);
    if let Ok(mut value) = HeaderValue::from_bytes(&joined) {
        value.set_sensitive(sensitive);
        headers.insert(COOKIE, value);
    }
}

/// Follows a redirect only within the origin (scheme, host and port) of the
/// request: credentials, cookies and bodies go nowhere else. A redirect to
/// another origin is returned as the response it is.
pub(crate) fn same_origin_redirects() -> reqwest::redirect::Policy {
    const MAX_REDIRECTS: usize = 10;
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("more than 10 redirects")
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{Method, Servers, Transport};
    use crate::secret::redact_userinfo;

    #[test]
    fn userinfo_is_redacted() {
        assert_eq!(
            redact_userinfo("https://me:s3cret@api.example.com/v1?x=@"),
            "https://***@api.example.com/v1?x=@"
        );
        assert_eq!(redact_userinfo("http://a@b@host"), "http://***@host");
        assert_eq!(redact_userinfo("https://host/p@th"), "https://host/p@th");
        assert_eq!(redact_userinfo("no scheme@all"), "***@all");
    }

    #[test]
    fn operations_with_their_own_server_go_there_unless_told_otherwise() {
        let transport = |servers| {
            Transport::new(
                "https://api.example.com/".to_owned(),
                servers,
                reqwest::Client::new(),
                super::Sending {
                    retry: crate::RetryPolicy::none(),
                    max_response_bytes: 1024,
                    timeouts: super::Timeouts {
                        attempt: None,
                        stream_idle: None,
                    },
                    idempotency: None,
                    hooks: Vec::new().into(),
                },
            )
        };
        let url = |transport: &Transport, server: &str| {
            transport
                .request_on(server, Method::POST, "/a")
                .build()
                .unwrap()
                .url()
                .to_string()
        };
        let documented = transport(Servers::Documented(Default::default()));
        assert_eq!(
            url(&documented, "https://uploads.example.com"),
            "https://uploads.example.com/a"
        );
        assert_eq!(url(&documented, "/v2/"), "https://api.example.com/v2/a");
        let moved = transport(Servers::Documented(
            [(
                "https://uploads.example.com".to_owned(),
                "http://127.0.0.1:9/up/".to_owned(),
            )]
            .into(),
        ));
        assert_eq!(
            url(&moved, "https://uploads.example.com"),
            "http://127.0.0.1:9/up/a"
        );
        let one = transport(Servers::One);
        assert_eq!(
            url(&one, "https://uploads.example.com"),
            "https://api.example.com/a"
        );
    }

    #[test]
    fn cookie_headers_are_joined_into_one() {
        use reqwest::header::{HeaderMap, HeaderValue, COOKIE};
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, HeaderValue::from_static("lang=en"));
        let mut secret = HeaderValue::from_static("sid=s3cret");
        secret.set_sensitive(true);
        headers.append(COOKIE, secret);
        super::merge_cookies(&mut headers);
        let all: Vec<_> = headers.get_all(COOKIE).iter().collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0], "lang=en; sid=s3cret");
        assert!(all[0].is_sensitive());
    }
}
