//! Idempotency keys against a real server on localhost: one key per call,
//! the same on every attempt, and a create retried after a 5xx only when it
//! carries one.

use feature_clients::idempotency::{
    Auth, Client, ClientBuilder, CreateChargeOptions, CreateChargeRequest,
};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of `server` with credentials and quick retries, to be finished.
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("tok"))
        .retry(
            clientgen_runtime::RetryPolicy::default()
                .with_max_retries(2)
                .with_initial_backoff(std::time::Duration::from_millis(5)),
        )
}

/// Answers 503 twice, then `last`.
async fn flaky(route: &str, last: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path(route))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(path(route))
        .respond_with(last)
        .mount(&server)
        .await;
    server
}

fn keys(requests: &[wiremock::Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        })
        .collect()
}

#[tokio::test]
async fn a_documented_key_is_made_once_per_call_and_sent_on_every_attempt() {
    let created = ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "ch_1"}));
    let server = flaky("/charges", created).await;
    let client = builder(&server).build().unwrap();
    let charge = CreateChargeRequest { amount: 500 };
    let response = client.create_charge(&charge).send().await.unwrap();
    assert_eq!(response.body().id.as_deref(), Some("ch_1"));
    let sent = keys(&server.received_requests().await.unwrap());
    // Three attempts of one POST, one key: the server can tell them apart from a new charge.
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(sent.iter().all(|key| key == &sent[0]), "{sent:?}");
    assert_eq!(sent[0].len(), 36, "a UUID: {sent:?}");

    // The next call has a key of its own.
    server.reset().await;
    Mock::given(path("/charges"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    client.create_charge(&charge).send().await.unwrap();
    let again = keys(&server.received_requests().await.unwrap());
    assert_ne!(again[0], sent[0]);
}

#[tokio::test]
async fn the_callers_key_is_sent_as_given() {
    let server = flaky(
        "/charges",
        ResponseTemplate::new(201).set_body_json(serde_json::json!({})),
    )
    .await;
    let client = builder(&server).build().unwrap();
    let options = CreateChargeOptions {
        idempotency_key: Some("order-42".into()),
    };
    client
        .create_charge_with(&CreateChargeRequest { amount: 1 }, &options)
        .await
        .unwrap();
    assert_eq!(
        keys(&server.received_requests().await.unwrap()),
        ["order-42"; 3]
    );
}

#[tokio::test]
async fn a_create_without_a_key_is_not_retried_after_a_5xx() {
    let server = flaky("/refunds", ResponseTemplate::new(201)).await;
    let client = builder(&server).build().unwrap();
    assert!(client.create_refund().await.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_header_the_user_names_keys_every_create() {
    let server = flaky("/refunds", ResponseTemplate::new(201)).await;
    let client = builder(&server)
        .idempotency_header("Idempotency-Key")
        .build()
        .unwrap();
    client.create_refund().await.unwrap();
    let sent = keys(&server.received_requests().await.unwrap());
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(
        !sent[0].is_empty() && sent.iter().all(|key| key == &sent[0]),
        "{sent:?}"
    );
}

#[test]
fn a_header_name_that_is_not_a_token_is_refused() {
    let error = Client::builder()
        .idempotency_header("Idempotency Key\n")
        .build()
        .unwrap_err();
    assert!(
        matches!(error, clientgen_runtime::BuildError::InvalidHeaderName(_)),
        "{error:?}"
    );
}
