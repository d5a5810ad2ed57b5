//! A spec shaped like GitHub's where it hurts (`specs/uploads.yaml`), with
//! the overlay its users write (`overlays/uploads.yaml`): operations go to
//! their own server unless the builder says otherwise, a multi-segment path
//! keeps its slashes, and the credentials the overlay declares are sent.

use feature_clients::uploads::{Auth, Client};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    // `has_discussions` is required by the spec and removed by the overlay.
    for (verb, status) in [("GET", 200), ("POST", 201)] {
        Mock::given(method(verb))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({"name": "hello"})))
            .mount(&server)
            .await;
    }
    server
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn an_operation_with_its_own_server_goes_where_the_builder_points_it() {
    let (api, uploads) = (server().await, server().await);
    let client = Client::builder()
        .base_url(api.uri())
        .server_url(
            "https://uploads.example.com",
            format!("{}/up", uploads.uri()),
        )
        .auth(Auth::new("tok-123"))
        .build()
        .unwrap();
    let response = client
        .upload_release_asset("o", "r", 7, "a.zip", b"PK")
        .await
        .unwrap();
    assert_eq!(response.body().name, "hello");
    assert_eq!(response.body().has_discussions, None);
    assert!(requests(&api).await.is_empty());
    let sent = requests(&uploads).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method.as_str(), "POST");
    assert_eq!(sent[0].url.path(), "/up/repos/o/r/releases/7/assets");
    assert_eq!(sent[0].url.query(), Some("name=a.zip"));
    assert_eq!(sent[0].headers["authorization"], "Bearer tok-123");
    assert_eq!(sent[0].body, b"PK");
}

#[tokio::test]
async fn only_base_url_sends_everything_to_one_server() {
    let api = server().await;
    let client = Client::builder()
        .base_url(api.uri())
        .only_base_url()
        .auth(Auth::new("tok-123"))
        .build()
        .unwrap();
    client
        .upload_release_asset("o", "r", 7, "a.zip", b"PK")
        .await
        .unwrap();
    let sent = requests(&api).await;
    assert_eq!(sent[0].url.path(), "/repos/o/r/releases/7/assets");
    assert_eq!(sent[0].headers["authorization"], "Bearer tok-123");

    // The overlay's security requirement applies: without credentials the
    // call is refused before anything is sent.
    let anonymous = Client::builder()
        .base_url(api.uri())
        .only_base_url()
        .build()
        .unwrap();
    let error = anonymous
        .upload_release_asset("o", "r", 7, "a.zip", b"PK")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("token"), "{error}");
    assert_eq!(requests(&api).await.len(), 1);
}

#[tokio::test]
async fn a_multi_segment_path_keeps_its_slashes_and_may_be_empty() {
    let api = server().await;
    let client = Client::builder()
        .base_url(api.uri())
        .auth(Auth::new("tok-123"))
        .build()
        .unwrap();
    client
        .get_content("o", "r", "docs/READ ME.md")
        .await
        .unwrap();
    client.get_content("o", "r", "").await.unwrap();
    let sent = requests(&api).await;
    assert_eq!(sent[0].url.path(), "/repos/o/r/contents/docs/READ%20ME.md");
    assert_eq!(sent[1].url.path(), "/repos/o/r/contents/");
    assert_eq!(sent[0].headers["authorization"], "Bearer tok-123");

    for bad in ["docs/../secrets", "/etc/passwd", "a//b", ".."] {
        let error = client.get_content("o", "r", bad).await.unwrap_err();
        assert!(error.to_string().contains("path"), "{bad}: {error}");
    }
    // Refused before anything is sent; other path parameters stay one segment.
    client.get_content("o/x", "r", "a").await.unwrap();
    let sent = requests(&api).await;
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[2].url.path(), "/repos/o%2Fx/r/contents/a");
}

#[tokio::test]
async fn a_documented_server_spelled_otherwise_is_still_the_one_moved() {
    let (api, uploads) = (server().await, server().await);
    for spelling in [
        "https://uploads.example.com/",
        "HTTPS://Uploads.Example.com:443",
    ] {
        let client = Client::builder()
            .base_url(api.uri())
            .server_url(spelling, uploads.uri())
            .auth(Auth::new("tok-123"))
            .build()
            .unwrap();
        client
            .upload_release_asset("o", "r", 7, "a.zip", b"PK")
            .await
            .unwrap();
    }
    assert!(requests(&api).await.is_empty());
    assert_eq!(requests(&uploads).await.len(), 2);
}

#[test]
fn a_server_no_operation_documents_is_refused_when_the_client_is_built() {
    for undocumented in [
        "https://uploads.example.org",
        "https://uploads.example.com/v2",
        "uploads.example.com",
    ] {
        let error = Client::builder()
            .server_url(undocumented, "http://127.0.0.1:9/private")
            .auth(Auth::new("tok-123"))
            .build()
            .unwrap_err();
        assert!(
            matches!(
                error,
                clientgen_runtime::BuildError::UndocumentedServer { .. }
            ),
            "{undocumented}: {error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains("https://uploads.example.com"),
            "the documented servers are listed: {message}"
        );
        assert!(!message.contains("tok-123"), "{message}");
    }
}
