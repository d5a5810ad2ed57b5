//! Flexprice: the client against a real HTTP server on localhost.

mod common;

use common::*;
use serde_json::json;
use user_clients::flexprice::{
    Auth, Client, CreateUserError, CreateUserRequest, Error, ErrorsErrorResponseCode, Server,
    TypesUserType,
};
use wiremock::MockServer;

const KEY: &str = "fp-secret-key-123";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .auth(Auth::new(KEY))
        .timeout(SHORT_TIMEOUT)
        .retry(fast_retries())
        .build()
        .unwrap()
}

fn request() -> CreateUserRequest {
    CreateUserRequest {
        email: Some("ada@example.com".into()),
        roles: None,
        r#type: TypesUserType::UserTypeUser,
    }
}

fn created() -> serde_json::Value {
    json!({
        "id": "user_01", "email": "ada@example.com", "password": "first-login-pass",
        "roles": [], "type": "user",
        "tenant": {"id": "t1", "name": "Acme", "metadata": {"tier": "gold"},
                   "billing_details": {"address": {"address_city": "Berlin"}}}
    })
}

fn error_body(code: &str, status: u16) -> serde_json::Value {
    json!({"code": code, "message": format!("{code} happened"), "http_status_code": status, "details": {"field": {"name": "email"}}})
}

#[tokio::test]
async fn sends_the_exact_request_and_parses_the_created_user() {
    let server = MockServer::start().await;
    respond(&server, json(201, &created(), "application/json")).await;

    let response = client(&server).create_user(&request()).await.unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/v1/users");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header(&sent, "x-api-key"), Some(KEY));
    assert_eq!(header(&sent, "authorization"), None);
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        body(&sent),
        json!({"email": "ada@example.com", "type": "user"})
    );
    let user = response.body();
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(user.id.as_deref(), Some("user_01"));
    assert_eq!(
        user.password.as_ref().map(|p| p.expose()),
        Some("first-login-pass")
    );
    assert_eq!(user.r#type, Some(TypesUserType::UserTypeUser));
    let tenant = user.tenant.as_ref().unwrap();
    assert_eq!(tenant.metadata.as_ref().unwrap()["tier"], "gold");
    // The password the server returned does not leak through Debug.
    assert!(!format!("{user:?}").contains("first-login-pass"));
}

#[tokio::test]
async fn every_documented_error_status_is_typed_by_its_code() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new(KEY))
        .retry(clientgen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    respond(
        &server,
        json(
            400,
            &error_body("validation_error", 400),
            "application/json",
        ),
    )
    .await;
    let error = client.create_user(&request()).await.unwrap_err();
    let Error::Api(CreateUserError::BadRequest(body), ..) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(body.code, Some(ErrorsErrorResponseCode::ValidationError));
    assert_eq!(body.http_status_code, Some(400));
    assert_eq!(body.details.as_ref().unwrap()["field"]["name"], "email");

    respond(
        &server,
        json(500, &error_body("internal_error", 500), "application/json"),
    )
    .await;
    let error = client.create_user(&request()).await.unwrap_err();
    let Error::Api(CreateUserError::InternalServerError(body), ..) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(body.message.as_deref(), Some("internal_error happened"));
}

#[tokio::test]
async fn an_error_code_added_upstream_round_trips() {
    let server = MockServer::start().await;
    respond(
        &server,
        json(
            400,
            &error_body("too_many_requests", 400),
            "application/json",
        ),
    )
    .await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    let Error::Api(CreateUserError::BadRequest(body), ..) = &error else {
        panic!("{error:?}")
    };
    let code = body.code.clone().unwrap();
    assert_eq!(
        code,
        ErrorsErrorResponseCode::Unknown("too_many_requests".into())
    );
    assert_eq!(code.as_str(), "too_many_requests");
    // And an account type the client does not know yet.
    let mut user = created();
    user["type"] = json!("robot");
    respond(&server, json(201, &user, "application/json")).await;
    let response = client(&server).create_user(&request()).await.unwrap();
    assert_eq!(
        response.body().r#type,
        Some(TypesUserType::Unknown("robot".into()))
    );
}

#[tokio::test]
async fn a_server_error_on_create_is_not_retried() {
    let server = MockServer::start().await;
    respond(
        &server,
        json(500, &error_body("database_error", 500), "application/json"),
    )
    .await;
    let error = client(&server).create_user(&request()).await.unwrap_err();
    assert!(matches!(
        error,
        Error::Api(CreateUserError::InternalServerError(_), ..)
    ));
    only_request(&server).await;
}

#[test]
fn servers_are_chosen_by_name() {
    let us = Client::builder().server(Server::UsRegion).build().unwrap();
    assert_eq!(us.base_url(), "https://us.api.flexprice.io/v1");
    let india = Client::builder()
        .server(Server::IndiaRegion)
        .build()
        .unwrap();
    assert_eq!(india.base_url(), "https://api.cloud.flexprice.io/v1");
    let default = Client::builder().build().unwrap();
    assert_eq!(default.base_url(), "https://us.api.flexprice.io/v1");
}

#[test]
fn debug_output_shows_no_secrets() {
    let client = Client::builder().auth(Auth::new(KEY)).build().unwrap();
    let builder = Client::builder().auth(Auth::new(KEY));
    for shown in [format!("{client:?}"), format!("{builder:?}")] {
        assert!(!shown.contains(KEY), "{shown}");
    }
}
