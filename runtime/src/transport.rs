use std::time::Duration;

use reqwest::{Method, Request, RequestBuilder};

use crate::error::Failure;
use crate::retry::is_idempotent;
use crate::{Error, RawResponse, RetryPolicy};

/// The base URL, HTTP client and retry policy a generated client sends with.
#[derive(Clone, Debug)]
pub struct Transport {
    base_url: String,
    http: reqwest::Client,
    retry: RetryPolicy,
}

impl Transport {
    pub(crate) fn new(base_url: String, http: reqwest::Client, retry: RetryPolicy) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            http,
            retry,
        }
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Starts a request for `path` (already percent-encoded) below the base URL.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base_url))
    }

    /// Builds and sends the request, retrying as the [`RetryPolicy`] allows,
    /// and reads the whole response.
    pub async fn send(&self, builder: RequestBuilder) -> Result<RawResponse, Failure> {
        let request = builder
            .build()
            .map_err(|error| Failure(Error::InvalidRequest(error.without_url().to_string())))?;
        let mut attempt = 0;
        loop {
            // A streaming body cannot be copied: such a request is sent once.
            let Some(copy) = request.try_clone() else {
                return self.attempt(request).await.map_err(classify);
            };
            let method = copy.method().clone();
            let outcome = self.attempt(copy).await;
            let wait = if attempt >= self.retry.max_retries {
                None
            } else {
                match &outcome {
                    Ok(response) => self.retry.after_status(
                        &method,
                        response.status(),
                        response.headers(),
                        attempt,
                    ),
                    Err(error) => self.after_error(&method, error, attempt),
                }
            };
            match wait {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                None => return outcome.map_err(classify),
            }
        }
    }

    async fn attempt(&self, request: Request) -> Result<RawResponse, reqwest::Error> {
        let response = self.http.execute(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        Ok(RawResponse::new(status, headers, body.to_vec()))
    }

    fn after_error(
        &self,
        method: &Method,
        error: &reqwest::Error,
        attempt: u32,
    ) -> Option<Duration> {
        // A connect error means the request never left: safe for any method.
        let never_sent = error.is_connect();
        let idempotent_retry = is_idempotent(method) && (error.is_timeout() || error.is_request());
        (never_sent || idempotent_retry).then(|| self.retry.backoff(attempt))
    }
}

fn classify(error: reqwest::Error) -> Failure {
    Failure(if error.is_timeout() {
        Error::Timeout
    } else {
        // The URL may carry a query-parameter credential: never print it.
        Error::Transport(error.without_url())
    })
}
