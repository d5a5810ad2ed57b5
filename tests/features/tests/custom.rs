//! The user's own types against a real server on localhost: a replaced
//! schema (`Config::replace`) and an `x-rust-type` one are the user's types
//! in bodies, responses and paths, and the attributes asked for are on the
//! generated type.

use std::collections::HashSet;

use feature_clients::custom::{Client, Invoice};
use feature_clients::money::{CustomerId, Money};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn eur(amount: &str) -> Money {
    Money {
        amount: amount.into(),
        currency: "EUR".into(),
    }
}

#[tokio::test]
async fn replaced_types_are_sent_and_read_as_the_users_own() {
    let server = MockServer::start().await;
    let sent = json!({
        "customer": "cus_42",
        "total": {"amount": "12.50", "currency": "EUR"},
        "lines": [{"amount": "12.50", "currency": "EUR"}],
    });
    Mock::given(method("POST"))
        .and(path("/invoices"))
        .and(body_json(&sent))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "customer": "cus_42",
            "total": {"amount": "12.50", "currency": "EUR"},
            "memo": "thanks",
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/customers/cus_42/balance"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"amount": "0.00", "currency": "EUR"})),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let invoice = Invoice {
        lines: Some(vec![eur("12.50")]),
        ..Invoice::new(CustomerId("cus_42".into()), eur("12.50"))
    };
    let created: Invoice = client.create_invoice(&invoice).await.unwrap().into_body();
    assert_eq!(created.total, eur("12.50"));
    assert_eq!(created.customer, CustomerId("cus_42".into()));
    let balance: Money = client
        .get_balance(&CustomerId("cus_42".into()))
        .await
        .unwrap()
        .into_body();
    assert_eq!(balance, eur("0.00"));
    // `Config::type_attribute("Invoice", "#[derive(Eq, Hash)]")`.
    let set: HashSet<Invoice> = [created.clone(), created].into_iter().collect();
    assert_eq!(set.len(), 1);
}
