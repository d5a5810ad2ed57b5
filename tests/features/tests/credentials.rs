//! Credentials that change, against real servers on localhost: OAuth2
//! client credentials fetched from the token endpoint, kept, renewed before
//! they expire and once after a 401 (resent only where that is safe), and
//! a source of the user's.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clientgen_runtime::{
    ClientCredentials, CredentialSource, Error, Fetched, HookError, HookFuture, Secret,
    SourceRequest,
};
use feature_clients::credentials::{Auth, Client, Report};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CLIENT_SECRET: &str = "client-SECRET-3f9a";

/// A token endpoint that issues `t1`, `t2`, … valid for `lifetime` seconds.
struct TokenEndpoint {
    issued: Arc<AtomicUsize>,
    lifetime: u64,
}

impl Respond for TokenEndpoint {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": format!("t{n}"),
            "token_type": "bearer",
            "expires_in": self.lifetime,
        }))
    }
}

/// A server that is both the API and its token endpoint (the spec's
/// `tokenUrl` is relative), with tokens valid for `lifetime` seconds.
async fn api(lifetime: u64) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(TokenEndpoint {
            issued: issued.clone(),
            lifetime,
        })
        .mount(&server)
        .await;
    (server, issued)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::default().with_oauth_client_credentials("reports-app", CLIENT_SECRET))
        .build()
        .unwrap()
}

async fn reports_for(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path("/reports"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": "r1"}])))
        .mount(server)
        .await;
}

/// The API answers 401 to `token`, which it revoked early.
async fn revoked(server: &MockServer, token: &str) {
    Mock::given(path("/reports"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(401))
        .mount(server)
        .await;
}

fn sent_to(requests: &[Request], route: &str) -> Vec<Request> {
    requests
        .iter()
        .filter(|r| r.url.path() == route)
        .cloned()
        .collect()
}

fn authorization(request: &Request) -> &str {
    request
        .headers
        .get("authorization")
        .map_or("", |v| v.to_str().unwrap())
}

#[tokio::test]
async fn a_token_is_fetched_with_the_client_secret_once_and_kept() {
    let (server, issued) = api(3600).await;
    reports_for(&server, "t1").await;
    let client = client(&server);
    for _ in 0..3 {
        let reports = client.list_reports().await.unwrap();
        assert_eq!(reports.body()[0].id, "r1");
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    let requests = server.received_requests().await.unwrap();
    let token = &sent_to(&requests, "/oauth/token")[0];
    // RFC 6749 §2.3.1 and §4.4.2: basic authentication, the grant and the
    // operation's scopes in the form body, nothing else.
    assert_eq!(
        authorization(token),
        "Basic cmVwb3J0cy1hcHA6Y2xpZW50LVNFQ1JFVC0zZjlh"
    );
    assert_eq!(
        std::str::from_utf8(&token.body).unwrap(),
        "grant_type=client_credentials&scope=reports%3Aread"
    );
    assert_eq!(
        token.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    // The API never sees the client's secret.
    for request in sent_to(&requests, "/reports") {
        assert_eq!(authorization(&request), "Bearer t1");
        assert!(!format!("{request:?}").contains("cmVwb3J0"));
    }
}

#[tokio::test]
async fn a_token_is_renewed_before_it_expires() {
    // Valid for three seconds: renewed once four fifths of it have passed.
    let (server, issued) = api(3).await;
    reports_for(&server, "t1").await;
    reports_for(&server, "t2").await;
    let client = client(&server);
    client.list_reports().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    client.list_reports().await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1, "still valid at 0.5 s");
    tokio::time::sleep(Duration::from_millis(2400)).await;
    client.list_reports().await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 2, "renewed at 2.9 s");
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<_> = sent_to(&requests, "/reports")
        .iter()
        .map(|r| authorization(r).to_owned())
        .collect();
    assert_eq!(sent, ["Bearer t1", "Bearer t1", "Bearer t2"]);
}

#[tokio::test]
async fn a_refused_token_is_renewed_and_a_get_sent_once_more() {
    let (server, issued) = api(3600).await;
    revoked(&server, "t1").await;
    reports_for(&server, "t2").await;
    let client = client(&server);
    let reports = client.list_reports().await.unwrap();
    assert_eq!(reports.body()[0].id, "r1");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(sent_to(&requests, "/reports").len(), 2);
}

#[tokio::test]
async fn a_refused_token_is_renewed_but_a_post_is_never_resent() {
    let (server, issued) = api(3600).await;
    revoked(&server, "t1").await;
    Mock::given(method("POST"))
        .and(path("/reports"))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "r2"})))
        .mount(&server)
        .await;
    let client = client(&server);
    let report = Report { id: "r2".into() };
    let refused = client.create_report(&report).await.unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(401));
    assert!(matches!(refused, Error::UnexpectedStatus(_)), "{refused:?}");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(sent_to(&requests, "/reports").len(), 1, "sent once");
    // The refused token was forgotten: the next call is sent with a new one.
    let created = client.create_report(&report).await.unwrap();
    assert_eq!(created.body().id, "r2");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn each_operation_asks_for_its_own_scopes_and_keeps_its_token() {
    let (server, issued) = api(3600).await;
    reports_for(&server, "t1").await;
    Mock::given(method("POST"))
        .and(path("/reports"))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "r2"})))
        .mount(&server)
        .await;
    let client = client(&server);
    client.list_reports().await.unwrap();
    let report = Report { id: "r2".into() };
    client.create_report(&report).await.unwrap();
    client.list_reports().await.unwrap();
    client.create_report(&report).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let requests = server.received_requests().await.unwrap();
    let scopes: Vec<_> = sent_to(&requests, "/oauth/token")
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).unwrap())
        .collect();
    assert_eq!(
        scopes,
        [
            "grant_type=client_credentials&scope=reports%3Aread",
            "grant_type=client_credentials&scope=reports%3Aread+reports%3Awrite",
        ]
    );
}

#[tokio::test]
async fn a_token_endpoint_that_refuses_fails_the_call_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": "invalid_client",
            "error_description": format!("bad secret {CLIENT_SECRET}\u{1b}[2J"),
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client.list_reports().await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    let message = error.to_string();
    assert_eq!(
        message,
        "no credential to send: the token endpoint answered 401 (invalid_client)"
    );
    let requests = server.received_requests().await.unwrap();
    assert!(sent_to(&requests, "/reports").is_empty());
    // Neither the client's secret nor a token shows in `Debug`.
    let shown = format!("{client:?} {:?}", client.auth());
    assert!(
        !shown.contains(CLIENT_SECRET) && !shown.contains("t1"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_token_endpoint_on_another_origin_gets_the_secret_and_the_api_the_token() {
    let (token_server, issued) = api(3600).await;
    let server = MockServer::start().await;
    reports_for(&server, "t1").await;
    let source = ClientCredentials::new(
        format!("{}/oauth/token", token_server.uri()),
        "reports-app",
        CLIENT_SECRET,
    )
    .scopes(&["reports:read"]);
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::default().with_oauth(Secret::from_source(source)))
        .build()
        .unwrap();
    client.list_reports().await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    let api_requests = server.received_requests().await.unwrap();
    assert!(sent_to(&api_requests, "/oauth/token").is_empty());
    let token_requests = token_server.received_requests().await.unwrap();
    assert!(sent_to(&token_requests, "/reports").is_empty());
    assert!(!format!("{api_requests:?}").contains("cmVwb3J0"));
}

/// An API key another process rotates: read again when the server refuses it.
struct Rotated {
    keys: Vec<&'static str>,
    reads: AtomicUsize,
}

impl CredentialSource for Rotated {
    fn fetch<'a>(
        &'a self,
        asked: &'a SourceRequest<'a>,
    ) -> HookFuture<'a, Result<Fetched, HookError>> {
        Box::pin(async move {
            assert_eq!(asked.operation(), "getUsage");
            let read = self.reads.fetch_add(1, Ordering::SeqCst);
            let key = self.keys.get(read).ok_or("the vault is sealed")?;
            Ok(Fetched::new(*key))
        })
    }
}

#[tokio::test]
async fn a_source_of_the_users_is_read_when_needed_and_again_after_a_401() {
    let server = MockServer::start().await;
    Mock::given(path("/usage"))
        .and(header("x-api-key", "old-key"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(path("/usage"))
        .and(header("x-api-key", "new-key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"calls": 7})))
        .mount(&server)
        .await;
    let source = Rotated {
        keys: vec!["old-key", "new-key"],
        reads: AtomicUsize::new(0),
    };
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::default().with_api_key(Secret::from_source(source)))
        .build()
        .unwrap();
    let usage = client.get_usage().await.unwrap();
    assert_eq!(usage.body().calls, Some(7));
    // Kept: a second call reads nothing.
    client.get_usage().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    // A source that fails stops the call; nothing is sent.
    let sealed = Client::builder()
        .base_url(server.uri())
        .auth(Auth::default().with_api_key(Secret::from_source(Rotated {
            keys: Vec::new(),
            reads: AtomicUsize::new(0),
        })))
        .build()
        .unwrap();
    let error = sealed.get_usage().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "no credential to send: the vault is sealed"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
