//! LastPass Business: the client against a real HTTP server on localhost.

mod common;

use common::*;
use serde_json::json;
use user_clients::lastpass::{
    Auth, Client, CompanyUserAccountStatus, CreateUserError, CreateUserRequest, Error,
    ProblemDetails, UserAccountCreationAction,
};
use wiremock::MockServer;

const KEY: &str = "lpkey_abcdefghijkl_0123456789abcdef0123456789abcdef";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/business", server.uri()))
        .auth(Auth::new(KEY))
        .timeout(SHORT_TIMEOUT)
        .retry(fast_retries())
        .build()
        .unwrap()
}

fn request() -> CreateUserRequest {
    CreateUserRequest {
        email: Some("ada@example.com".into()),
        name: Some("Ada Lovelace".into()),
        creation_account_action: Some(UserAccountCreationAction::Invite),
    }
}

fn created() -> serde_json::Value {
    json!({"id": 42, "name": "Ada Lovelace", "email": "ada@example.com", "accountStatus": "pending-invitation"})
}

#[tokio::test]
async fn sends_the_exact_request_and_parses_the_created_user() {
    let server = MockServer::start().await;
    respond(&server, json(201, &created(), "application/json")).await;

    let response = client(&server).create_user(&request()).await.unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/business/v1/users");
    assert_eq!(sent.url.query(), None);
    assert_eq!(
        header(&sent, "authorization"),
        Some(format!("api-key {KEY}").as_str())
    );
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        body(&sent),
        json!({"email": "ada@example.com", "name": "Ada Lovelace", "creationAccountAction": "invite"})
    );
    assert_eq!(response.status().as_u16(), 201);
    let user = response.body();
    assert_eq!(user.id, Some(42));
    assert_eq!(
        user.account_status,
        Some(CompanyUserAccountStatus::PendingInvitation)
    );
}

fn problem_of(error: &CreateUserError) -> &ProblemDetails {
    match error {
        CreateUserError::BadRequest(p)
        | CreateUserError::Unauthorized(p)
        | CreateUserError::PaymentRequired(p)
        | CreateUserError::Forbidden(p)
        | CreateUserError::NotFound(p)
        | CreateUserError::UnsupportedMediaType(p)
        | CreateUserError::UnprocessableEntity(p)
        | CreateUserError::TooManyRequests(p)
        | CreateUserError::InternalServerError(p) => p,
        _ => panic!("a status this test does not know: {error:?}"),
    }
}

type IsVariant = fn(&CreateUserError) -> bool;

#[tokio::test]
async fn every_documented_error_status_is_typed_by_its_code() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new(KEY))
        .retry(clientgen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let cases: [(u16, IsVariant); 9] = [
        (400, |e| matches!(e, CreateUserError::BadRequest(_))),
        (401, |e| matches!(e, CreateUserError::Unauthorized(_))),
        (402, |e| matches!(e, CreateUserError::PaymentRequired(_))),
        (403, |e| matches!(e, CreateUserError::Forbidden(_))),
        (404, |e| matches!(e, CreateUserError::NotFound(_))),
        (415, |e| {
            matches!(e, CreateUserError::UnsupportedMediaType(_))
        }),
        (422, |e| {
            matches!(e, CreateUserError::UnprocessableEntity(_))
        }),
        (429, |e| matches!(e, CreateUserError::TooManyRequests(_))),
        (500, |e| {
            matches!(e, CreateUserError::InternalServerError(_))
        }),
    ];
    for (status, is_variant) in cases {
        // Every field may be null; the same body under both media types.
        let problem = json!({
            "title": "Problem", "status": status, "detail": format!("detail {status}"),
            "instance": null, "errors": [{"detail": "is taken", "pointer": "/email"}]
        });
        for media in ["application/problem+json", "application/json"] {
            respond(&server, json(status, &problem, media)).await;
            let Err(Error::Api(error, response)) = client.create_user(&request()).await else {
                panic!("{status} is not a typed API error");
            };
            assert!(is_variant(&error), "{status} gave {error:?}");
            assert_eq!(response.status().as_u16(), status);
            let problem = problem_of(&error);
            assert_eq!(problem.status, Some(i32::from(status)));
            assert_eq!(problem.detail, Some(format!("detail {status}")));
            // Sent as null: received only, so read as absent is.
            assert_eq!(problem.instance, None);
            assert_eq!(problem.title, Some("Problem".to_owned()));
            let errors = problem.errors.clone().unwrap();
            assert_eq!(errors[0].pointer, Some("/email".to_owned()));
        }
    }
}

#[tokio::test]
async fn a_documented_error_keeps_its_response_for_retry_after_and_request_id() {
    let server = MockServer::start().await;
    let problem = json!({"title": "Slow down", "status": 429});
    // An hour is past the policy's longest wait: not retried, handed back.
    let answer = json(429, &problem, "application/problem+json")
        .insert_header("Retry-After", "3600")
        .insert_header("X-Request-Id", "req-7f3a");
    respond(&server, answer).await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.headers().unwrap()["x-request-id"], "req-7f3a");
    let Error::Api(CreateUserError::TooManyRequests(body), response) = &error else {
        panic!("expected the documented 429, got {error:?}");
    };
    assert_eq!(body.title, Some("Slow down".to_owned()));
    assert_eq!(response.headers()["retry-after"], "3600");
    assert_eq!(response.body(), serde_json::to_vec(&problem).unwrap());
    assert_eq!(requests(&server).await.len(), 1);
    // The message names the operation and status, never the body.
    assert_eq!(
        error.to_string(),
        "createUser: the API answered with its documented error status 429 (Error::Api holds the body)"
    );
}

#[tokio::test]
async fn an_unknown_account_status_is_kept_as_received() {
    let server = MockServer::start().await;
    let mut user = created();
    user["accountStatus"] = json!("suspended-by-sso");
    respond(&server, json(201, &user, "application/json")).await;
    let response = client(&server).create_user(&request()).await.unwrap();
    let status = response.body().account_status.clone().unwrap();
    assert_eq!(
        status,
        CompanyUserAccountStatus::Unknown("suspended-by-sso".into())
    );
    assert_eq!(status.to_string(), "suspended-by-sso");
}

#[tokio::test]
async fn a_server_error_on_create_is_not_retried() {
    let server = MockServer::start().await;
    respond(
        &server,
        json(500, &json!({"title": "boom"}), "application/problem+json"),
    )
    .await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert!(matches!(
        error,
        Error::Api(CreateUserError::InternalServerError(_), ..)
    ));
    only_request(&server).await;
}

#[tokio::test]
async fn missing_credentials_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let error = client.create_user(&request()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::MissingCredentials {
                operation: "createUser",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(requests(&server).await.is_empty());
}

#[test]
fn the_documented_server_is_the_default() {
    let client = Client::builder().auth(Auth::new(KEY)).build().unwrap();
    assert_eq!(client.base_url(), "https://api.lastpass.com/business");
}

#[test]
fn debug_output_shows_no_secrets() {
    let builder = Client::builder().auth(Auth::new(KEY));
    let client = Client::builder().auth(Auth::new(KEY)).build().unwrap();
    for shown in [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{:?}", Auth::new(KEY)),
    ] {
        assert!(!shown.contains(KEY), "{shown}");
        assert!(!shown.contains("abcdef"), "{shown}");
    }
}
