//! Helpers for the wire tests: a real HTTP server on localhost (wiremock)
//! and readers for what the client sent.

#![allow(dead_code)] // Each test file uses a different subset.

use std::time::Duration;

use clientgen_runtime::RetryPolicy;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Retries as by default, but with waits short enough for tests.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_retries(2)
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_retry_after(Duration::from_secs(5))
}

/// Answers every request with `template`, replacing what was mounted before.
pub async fn respond(server: &MockServer, template: ResponseTemplate) {
    server.reset().await;
    Mock::given(any())
        .respond_with(template)
        .mount(server)
        .await;
}

/// Answers the first request with `first` and every later one with `then`.
pub async fn respond_once_then(
    server: &MockServer,
    first: ResponseTemplate,
    then: ResponseTemplate,
) {
    server.reset().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(any()).respond_with(then).mount(server).await;
}

/// A JSON response with the given media type.
pub fn json(status: u16, body: &Value, media_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(serde_json::to_vec(body).unwrap(), media_type)
}

/// Every request the server received.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = requests(server).await;
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// A request header as text.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The request's JSON body.
pub fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("the body is JSON")
}

/// The names of the request's headers, sorted (to show none are unexpected).
pub fn header_names(request: &Request) -> Vec<String> {
    let mut names: Vec<String> = request
        .headers
        .keys()
        .map(|k| k.as_str().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A response that arrives after the client has given up.
pub fn too_slow() -> ResponseTemplate {
    ResponseTemplate::new(201).set_delay(Duration::from_secs(3))
}

/// The timeout of every test client: generous for localhost, short beside [`too_slow`].
pub const SHORT_TIMEOUT: Duration = Duration::from_secs(1);
