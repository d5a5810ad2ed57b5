//! Settings for some calls only: `Client::with(CallOptions)` gives a handle
//! of the client whose calls use them, sharing its connections, credentials
//! and hooks. Nothing is compiled per operation for it.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::RetryPolicy;

/// A timeout, a retry policy or headers for the calls of one handle
/// (`client.with(CallOptions::new().timeout(…))`); what is not set is the
/// client's.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) stream_idle_timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) headers: HeaderMap,
}

impl CallOptions {
    /// The client's settings, unchanged until a method below changes one.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long one attempt may take (`ClientBuilder::timeout`).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long a stream may go without a chunk
    /// (`ClientBuilder::stream_idle_timeout`).
    pub fn stream_idle_timeout(mut self, timeout: Duration) -> Self {
        self.stream_idle_timeout = Some(timeout);
        self
    }

    /// When to send a call again (`ClientBuilder::retry`).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sends each call once.
    pub fn no_retries(self) -> Self {
        self.retry(RetryPolicy::none())
    }

    /// Sends `name: value` with every call, in place of a header of that
    /// name the call would send; a credential of that name is still the
    /// client's. Mark a secret value `set_sensitive(true)`.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }
}
