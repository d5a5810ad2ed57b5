//! Drift reported as it happens: a value the spec's enum does not list, and
//! a JSON body under another media type, reach the hooks once per
//! operation, kind and place, without the value itself.

use std::sync::{Arc, Mutex};

use clientgen_runtime::{Drift, DriftKind, Hook};
use feature_clients::idempotency::{Auth, Client, CreateChargeRequest, CreateChargeResponseStatus};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

struct Collect(Arc<Mutex<Vec<Drift>>>);

impl Hook for Collect {
    fn drift(&self, drift: &Drift) {
        self.0.lock().unwrap().push(drift.clone());
    }
}

/// A client of `server` whose hook collects the drift it reports.
fn collecting(server: &MockServer) -> (Client, Arc<Mutex<Vec<Drift>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("tok"))
        .hook(Collect(seen.clone()))
        .build()
        .unwrap();
    (client, seen)
}

#[tokio::test]
async fn an_unknown_enum_value_and_a_foreign_media_type_are_reported_once_each() {
    let server = MockServer::start().await;
    Mock::given(path("/charges"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(
            r#"{"id": "ch_1", "status": "refunded-SECRET"}"#,
            "text/html; charset=utf-8",
        ))
        .mount(&server)
        .await;
    let (client, seen) = collecting(&server);
    for _ in 0..3 {
        let response = client
            .create_charge(&CreateChargeRequest { amount: 1 })
            .send()
            .await
            .unwrap();
        // The client reads it all the same, the value kept.
        assert_eq!(
            response.body().status,
            Some(CreateChargeResponseStatus::Unknown(
                "refunded-SECRET".into()
            ))
        );
    }
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].operation, "createCharge");
    assert_eq!(seen[0].kind, DriftKind::UnknownEnumValue);
    assert_eq!(seen[0].place, "CreateChargeResponseStatus");
    assert_eq!(seen[1].kind, DriftKind::UnexpectedContentType);
    assert_eq!(seen[1].place, "text/html");
    assert!(!format!("{seen:?}").contains("SECRET"));
}

#[tokio::test]
async fn a_response_the_spec_describes_reports_nothing() {
    let server = MockServer::start().await;
    Mock::given(path("/charges"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(serde_json::json!({"status": "paid"})),
        )
        .mount(&server)
        .await;
    let (client, seen) = collecting(&server);
    client
        .create_charge(&CreateChargeRequest { amount: 1 })
        .send()
        .await
        .unwrap();
    assert!(seen.lock().unwrap().is_empty());
}
