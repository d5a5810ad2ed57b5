use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A successful response: its typed body, its documented headers typed as `H`,
/// and the status and every header as received.
#[derive(Clone, Debug)]
pub struct Response<B, H = ()> {
    status: StatusCode,
    headers: HeaderMap,
    body: B,
    documented_headers: H,
}

impl<B, H> Response<B, H> {
    /// Assembles a response; generated clients call this.
    #[doc(hidden)]
    pub fn new(status: StatusCode, headers: HeaderMap, body: B, documented_headers: H) -> Self {
        Self {
            status,
            headers,
            body,
            documented_headers,
        }
    }

    /// The status code the server answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every response header as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The typed body.
    pub fn body(&self) -> &B {
        &self.body
    }

    /// The typed body, consuming the response.
    pub fn into_body(self) -> B {
        self.body
    }

    /// The response headers the API documents, typed.
    pub fn documented_headers(&self) -> &H {
        &self.documented_headers
    }
}

/// A response as received, kept whole when it could not be typed.
#[derive(Clone)]
pub struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    /// The operationId of the call that received it, for messages.
    pub(crate) operation: &'static str,
    /// Where drift from the spec is reported, when anyone listens.
    pub(crate) drift: Option<std::sync::Arc<crate::hooks::DriftSink>>,
}

/// The body is never shown: it may hold tokens or personal data (a token
/// endpoint's undocumented 201). [`RawResponse::body`] has it.
impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

impl RawResponse {
    /// The operationId of the call that received it (empty when not known).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every header as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}
