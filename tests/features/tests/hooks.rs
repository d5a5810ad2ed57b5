//! Hooks against a real server on localhost: a hook that signs each attempt
//! (HMAC-SHA256 of method, path and body) which the server verifies, one
//! that records what became of each attempt, and one that stops a call.

use std::sync::{Arc, Mutex};

use clientgen_runtime::{Error, Hook, HookError, HookFuture, Outcome, Outgoing};
use feature_clients::idempotency::{Auth, Client, CreateChargeRequest};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &[u8] = b"signing-key";

fn signature(method: &str, path: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(KEY).unwrap();
    mac.update(method.as_bytes());
    mac.update(b"\n");
    mac.update(path.as_bytes());
    mac.update(b"\n");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

struct Signer;

impl Hook for Signer {
    fn before_send<'a>(
        &'a self,
        request: &'a mut Outgoing<'_>,
    ) -> HookFuture<'a, Result<(), HookError>> {
        Box::pin(async move {
            // The credential the client set is there, and still secret.
            assert!(request.headers()["authorization"].is_sensitive());
            let signed = signature(
                request.method().as_str(),
                request.path(),
                request.body().unwrap_or_default(),
            );
            request.headers_mut().insert("x-signature", signed.parse()?);
            Ok(())
        })
    }
}

/// Answers 201 only to a request whose signature the server computes too.
struct Verified;

impl wiremock::Match for Verified {
    fn matches(&self, request: &Request) -> bool {
        let expected = signature(request.method.as_str(), request.url.path(), &request.body);
        request
            .headers
            .get("x-signature")
            .is_some_and(|sent| sent == expected.as_str())
    }
}

/// What became of each attempt: operation, attempt, status.
type Seen = Arc<Mutex<Vec<(String, u32, Option<u16>)>>>;

struct Recorder(Seen);

impl Hook for Recorder {
    fn after_attempt<'a>(&'a self, outcome: &'a Outcome<'a>) -> HookFuture<'a, ()> {
        Box::pin(async move {
            self.0.lock().unwrap().push((
                outcome.operation().to_owned(),
                outcome.attempt(),
                outcome.status().map(|s| s.as_u16()),
            ));
        })
    }
}

#[tokio::test]
async fn a_signing_hook_signs_every_attempt_and_a_recorder_sees_each() {
    let server = MockServer::start().await;
    Mock::given(path("/charges"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/charges"))
        .and(Verified)
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "ch_1"})))
        .mount(&server)
        .await;
    let seen = Seen::default();
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("tok-secret"))
        .retry(
            clientgen_runtime::RetryPolicy::default()
                .with_initial_backoff(std::time::Duration::from_millis(5)),
        )
        .hook(Signer)
        .hook(Recorder(seen.clone()))
        .build()
        .unwrap();
    let response = client
        .create_charge(&CreateChargeRequest { amount: 7 })
        .send()
        .await
        .unwrap();
    assert_eq!(response.body().id.as_deref(), Some("ch_1"));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            ("createCharge".to_owned(), 0, Some(503)),
            ("createCharge".to_owned(), 1, Some(201))
        ]
    );
    // Both attempts were signed, over the same body.
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|r| r.headers.contains_key("x-signature")));
}

struct Refuse;

impl Hook for Refuse {
    fn before_send<'a>(&'a self, _: &'a mut Outgoing<'_>) -> HookFuture<'a, Result<(), HookError>> {
        Box::pin(async { Err("the signing key is not available".into()) })
    }
}

#[tokio::test]
async fn a_hook_that_fails_stops_the_call_before_anything_is_sent() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("tok-secret"))
        .hook(Refuse)
        .build()
        .unwrap();
    let error = client
        .create_charge(&CreateChargeRequest { amount: 7 })
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Hook(_)), "{error:?}");
    assert!(
        error.to_string().contains("signing key is not available"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
