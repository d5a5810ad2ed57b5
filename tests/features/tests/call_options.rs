//! Settings for some calls only (`Client::with(CallOptions)`), against a
//! real server on localhost: a shorter timeout, an extra header, no retries;
//! the client they were made from keeps its own.

use std::time::Duration;

use clientgen_runtime::reqwest::header::{HeaderName, HeaderValue};
use clientgen_runtime::{CallOptions, Error, RetryPolicy};
use feature_clients::credentials::{Auth, Client};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn usage() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"calls": 1}))
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::default().with_api_key("key"))
        .timeout(Duration::from_secs(5))
        .retry(
            RetryPolicy::default()
                .with_max_retries(2)
                .with_initial_backoff(Duration::from_millis(5)),
        )
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_shorter_timeout_for_one_call() {
    let server = MockServer::start().await;
    Mock::given(path("/usage"))
        .respond_with(usage().set_delay(Duration::from_millis(400)))
        .mount(&server)
        .await;
    let client = client(&server);
    let hurried = client.with(
        CallOptions::new()
            .timeout(Duration::from_millis(100))
            .no_retries(),
    );
    let error = hurried.get_usage().await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    // The client itself waits its five seconds.
    assert_eq!(client.get_usage().await.unwrap().body().calls, Some(1));
}

#[tokio::test]
async fn an_extra_header_for_one_handle_only() {
    let server = MockServer::start().await;
    Mock::given(path("/usage"))
        .respond_with(usage())
        .mount(&server)
        .await;
    let client = client(&server);
    let tenant = client.with(CallOptions::new().header(
        HeaderName::from_static("x-tenant"),
        HeaderValue::from_static("acme"),
    ));
    tenant.get_usage().await.unwrap();
    client.get_usage().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let tenants: Vec<Option<&str>> = requests
        .iter()
        .map(|r| r.headers.get("x-tenant").map(|v| v.to_str().unwrap()))
        .collect();
    assert_eq!(tenants, [Some("acme"), None]);
    // The credential is the client's on both.
    assert!(requests.iter().all(|r| r.headers["x-api-key"] == "key"));
}

#[tokio::test]
async fn an_extra_header_cannot_replace_a_credential() {
    let server = MockServer::start().await;
    Mock::given(path("/usage"))
        .respond_with(usage())
        .mount(&server)
        .await;
    let client = client(&server).with(CallOptions::new().header(
        HeaderName::from_static("x-api-key"),
        HeaderValue::from_static("other"),
    ));
    client.get_usage().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let keys: Vec<&str> = requests[0]
        .headers
        .get_all("x-api-key")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    // Credentials are put on after the handle's headers, in their place.
    assert_eq!(keys, ["key"]);
}

/// Answers 503 once, then the usage.
async fn unavailable_once(server: &MockServer) {
    server.reset().await;
    Mock::given(path("/usage"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(path("/usage"))
        .respond_with(usage())
        .mount(server)
        .await;
}

#[tokio::test]
async fn retries_off_for_one_call() {
    let server = MockServer::start().await;
    unavailable_once(&server).await;
    let client = client(&server);
    let once = client.with(CallOptions::new().no_retries());
    let error = once.get_usage().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // The client retries as it was built to.
    unavailable_once(&server).await;
    client.get_usage().await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
