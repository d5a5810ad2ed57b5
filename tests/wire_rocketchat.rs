//! Rocket.Chat: the client against a real HTTP server on localhost. Its
//! file also holds the runtime's own behaviours (undocumented statuses,
//! malformed bodies, retries and their budget, timeouts, refused
//! connections), tested once here rather than once per vendor: they are the
//! same code whichever spec a client came from.

mod common;

use common::*;
use serde_json::json;
use user_clients::rocketchat::{Auth, Client, CreateUserError, CreateUserRequest, Error};
use wiremock::MockServer;

const USER_ID: &str = "rbAXPnMktTFbNpwtJ";
const TOKEN: &str = "RScctEHSmLGZGywfIhWyRpyofhKOiMoUIpimhvheU3f";
const PASSWORD: &str = "correct horse battery staple";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::new(USER_ID, TOKEN))
        .timeout(SHORT_TIMEOUT)
        .retry(fast_retries())
        .build()
        .unwrap()
}

fn request() -> CreateUserRequest {
    let mut request = CreateUserRequest::new(
        "Ada Lovelace".into(),
        "ada@example.com".into(),
        PASSWORD.into(),
        "ada".into(),
    );
    request.roles = Some(vec!["user".into(), "bot".into()]);
    request.send_welcome_email = Some(true);
    request
}

/// The success example of Rocket.Chat's own documentation, with its types fixed.
fn created() -> serde_json::Value {
    json!({
        "user": {
            "_id": "BsNr28znDkG8aeo7W", "createdAt": "2016-09-13T14:57:56.037Z",
            "services": {"password": {"bcrypt": "$2a$i7BFS55uFYRf5TE4ErSUH8HymMNAbpMAvsOcl2C"}},
            "username": "uniqueusername", "emails": [{"address": "email@user.tld", "verified": false}],
            "type": "user", "status": "offline", "active": true, "roles": ["user"],
            "_updatedAt": "2016-09-13T14:57:56.175Z", "name": "name", "settings": {}
        },
        "success": true
    })
}

#[tokio::test]
async fn sends_the_exact_request_and_parses_the_created_user() {
    let server = MockServer::start().await;
    respond(&server, json(200, &created(), "application/json")).await;

    let response = client(&server).create_user(&request()).await.unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/api/v1/users.create");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header(&sent, "x-user-id"), Some(USER_ID));
    assert_eq!(header(&sent, "x-auth-token"), Some(TOKEN));
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        body(&sent),
        json!({
            "name": "Ada Lovelace", "email": "ada@example.com", "password": PASSWORD,
            "username": "ada", "roles": ["user", "bot"], "sendWelcomeEmail": true
        })
    );
    // Success is 200, and unknown fields (`services`) are ignored.
    assert_eq!(response.status().as_u16(), 200);
    let created = response.body();
    assert_eq!(created.success, Some(true));
    let user = created.user.as_ref().unwrap();
    assert_eq!(user.id.as_deref(), Some("BsNr28znDkG8aeo7W"));
    assert_eq!(user.emails.as_ref().unwrap()[0].verified, Some(false));
}

#[tokio::test]
async fn bad_request_and_unauthorized_are_told_apart_by_status() {
    let server = MockServer::start().await;
    let bad = json!({
        "success": false, "error": "Adding user is not allowed [error-action-not-allowed]",
        "errorType": "error-action-not-allowed",
        "details": {"method": "insertOrUpdateUser", "action": "Adding_user"}
    });
    respond(&server, json(400, &bad, "application/json")).await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    let Error::Api(CreateUserError::BadRequest(body), ..) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(body.error_type.as_deref(), Some("error-action-not-allowed"));
    assert_eq!(
        body.details.as_ref().unwrap().action.as_deref(),
        Some("Adding_user")
    );

    // A 401 body would also fit the 400 schema (every field optional): the
    // status, not the shape, decides.
    let unauthorized = json!({"status": "error", "message": "You must be logged in to do this."});
    respond(&server, json(401, &unauthorized, "application/json")).await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    let Error::Api(CreateUserError::Unauthorized(body), ..) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        body.message.as_deref(),
        Some("You must be logged in to do this.")
    );
}

#[tokio::test]
async fn an_undocumented_status_keeps_status_headers_and_body() {
    let server = MockServer::start().await;
    respond(
        &server,
        wiremock::ResponseTemplate::new(404)
            .set_body_string("Not Found")
            .insert_header("x-instance", "a"),
    )
    .await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    let Error::UnexpectedStatus(raw) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(raw.status().as_u16(), 404);
    assert_eq!(raw.headers()["x-instance"], "a");
    assert_eq!(raw.text(), "Not Found");
}

#[tokio::test]
async fn a_malformed_body_is_an_error_that_keeps_the_response() {
    let server = MockServer::start().await;
    respond(
        &server,
        json(200, &json!({"success": "true"}), "application/json"),
    )
    .await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidBody { response, .. } if response.status().as_u16() == 200),
        "{error:?}"
    );
}

#[tokio::test]
async fn too_many_requests_with_retry_after_is_retried() {
    let server = MockServer::start().await;
    let limited = wiremock::ResponseTemplate::new(429).insert_header("retry-after", "1");
    respond_once_then(&server, limited, json(200, &created(), "application/json")).await;
    let started = std::time::Instant::now();
    client(&server).create_user(&request()).await.unwrap();
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "Retry-After was not waited for"
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_server_error_on_create_is_not_retried() {
    let server = MockServer::start().await;
    respond(&server, wiremock::ResponseTemplate::new(500)).await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedStatus(raw) if raw.status().as_u16() == 500),
        "{error:?}"
    );
    only_request(&server).await;
}

#[tokio::test]
async fn a_timeout_is_reported_and_not_retried() {
    let server = MockServer::start().await;
    respond(&server, too_slow()).await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    only_request(&server).await;
}

#[tokio::test]
async fn half_the_credentials_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::default().with_user_id(USER_ID))
        .build()
        .unwrap();
    let error = client.create_user(&request()).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "createUser needs credentials for UserId + AuthToken; set them with ClientBuilder::auth"
    );
    assert!(requests(&server).await.is_empty());
}

#[test]
fn debug_output_shows_no_secrets() {
    let client = Client::builder()
        .auth(Auth::new(USER_ID, TOKEN))
        .build()
        .unwrap();
    let request = request();
    for shown in [
        format!("{client:?}"),
        format!("{request:?}"),
        format!("{:?}", Auth::new(USER_ID, TOKEN)),
    ] {
        for secret in [USER_ID, TOKEN, PASSWORD] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_is_not_waited_for() {
    let server = MockServer::start().await;
    let limited = wiremock::ResponseTemplate::new(429).insert_header("retry-after", "3600");
    respond(&server, limited).await;
    let started = std::time::Instant::now();
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(
        matches!(&error, Error::UnexpectedStatus(raw) if raw.status().as_u16() == 429),
        "{error:?}"
    );
    only_request(&server).await;
}

#[tokio::test]
async fn service_unavailable_with_an_http_date_is_retried() {
    let server = MockServer::start().await;
    // An HTTP date in the past means "now".
    let unavailable = wiremock::ResponseTemplate::new(503)
        .insert_header("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT");
    respond_once_then(
        &server,
        unavailable,
        json(200, &created(), "application/json"),
    )
    .await;
    client(&server).create_user(&request()).await.unwrap();
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_reported_without_the_token() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .auth(Auth::new(USER_ID, TOKEN))
        .retry(fast_retries())
        .build()
        .unwrap();
    let error = client.create_user(&request()).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!error.to_string().contains(TOKEN));
    assert!(!format!("{error:?}").contains(TOKEN));
}
