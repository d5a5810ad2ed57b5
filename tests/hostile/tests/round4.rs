//! The constructs of `specs/round4.yaml` on the wire: what compiles (the
//! first test, under clippy, formatted and plain) must also send and read
//! what the spec says.

use futures_util::TryStreamExt;
use hostile_clients::round4::{Auth, Client, Digits, Into2};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("tok"))
        .build()
        .unwrap()
}

#[tokio::test]
async fn required_page_and_limit_arguments_page_from_the_callers_values() {
    let server = MockServer::start().await;
    for (page, names) in [
        ("3", json!([{"name": "a"}, {"name": "b"}])),
        ("4", json!([{"name": "c"}])),
    ] {
        Mock::given(path("/pages"))
            .and(query_param("page", page))
            .and(query_param("limit", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(names))
            .mount(&server)
            .await;
    }
    let items: Vec<Into2> = client(&server)
        .list_paged_items(3, 2)
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = items.iter().map(|item| item.name.as_deref()).collect();
    assert_eq!(names, [Some("a"), Some("b"), Some("c")]);
    // The short second page ends paging.
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_schema_named_into_leaves_credentials_and_uploads_working() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    client(&server).upload(b"raw").await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.headers["authorization"], "Bearer tok");
    assert_eq!(sent.body, b"raw");
}

#[tokio::test]
async fn digit_property_names_keep_their_wire_names() {
    let server = MockServer::start().await;
    Mock::given(path("/digits"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"0": "zero", "1": 1, "200": true})),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .digits(&Digits::new("z".into(), false))
        .await
        .unwrap();
    assert_eq!(response.body().value_0, "zero");
    assert_eq!(response.body().value_1, Some(1));
    assert!(response.body().value_200);
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent.body).unwrap(),
        json!({"0": "z", "200": false})
    );
}
