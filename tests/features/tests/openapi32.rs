//! What OpenAPI 3.2 adds, on the wire: the QUERY method with its body, a
//! method from `additionalOperations`, and streams described by `itemSchema`.

use feature_clients::openapi32::{
    ChangeKind, Client, PurgeDocumentsOptions, SearchDocumentsRequest,
};
use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn a_query_operation_sends_query_with_its_body() {
    let server = MockServer::start().await;
    Mock::given(method("QUERY"))
        .and(path("/documents"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!([{"id": "d1", "title": "Notes"}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut search = SearchDocumentsRequest::new("notes".into());
    search.limit = Some(5);
    let found = client(&server)
        .search_documents(&search)
        .await
        .unwrap()
        .into_body();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].title, "Notes");
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.method.as_str(), "QUERY");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent.body).unwrap(),
        json!({"text": "notes", "limit": 5})
    );
}

#[tokio::test]
async fn an_additional_operation_sends_its_own_method() {
    let server = MockServer::start().await;
    Mock::given(method("PURGE"))
        .and(path("/documents"))
        .and(query_param("older_than", "30"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let options = PurgeDocumentsOptions {
        older_than: Some(30),
    };
    let response = client(&server)
        .purge_documents_with(&options)
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn an_item_schema_types_each_event_and_each_line() {
    let server = MockServer::start().await;
    Mock::given(path("/documents/changes"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "id: 7\nevent: change\ndata: {\"id\":\"d1\",\"kind\":\"updated\"}\n\n".as_bytes(),
            "text/event-stream",
        ))
        .mount(&server)
        .await;
    Mock::given(path("/documents/export"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "{\"id\":\"d1\",\"title\":\"A\"}\n{\"id\":\"d2\",\"title\":\"B\"}\n".as_bytes(),
            "application/jsonl",
        ))
        .mount(&server)
        .await;
    let client = client(&server);

    let events: Vec<_> = client
        .watch_changes()
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;
    assert_eq!(events.len(), 1);
    let event = events[0].as_ref().unwrap();
    assert_eq!(event.id.as_deref(), Some("7"));
    assert_eq!(event.data.kind, ChangeKind::Updated);

    let lines: Vec<_> = client
        .export_documents()
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;
    let titles: Vec<_> = lines.into_iter().map(|line| line.unwrap().title).collect();
    assert_eq!(titles, ["A", "B"]);
}
