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
