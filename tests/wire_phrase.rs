//! Phrase TMS: the client against a real HTTP server on localhost.

mod common;

use common::*;
use serde_json::json;
use user_clients::phrase::{
    AbstractUserCreateDtoV3, AbstractUserCreateDtoV3Role, Auth, Client, CreateUserV3Error,
    CreateUserV3Options, Error, Server,
};
use wiremock::MockServer;

const TOKEN: &str = "phrase-api-token-xyz";
const PASSWORD: &str = "s3cret-initial";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/web", server.uri()))
        .auth(Auth::new(TOKEN))
        .timeout(SHORT_TIMEOUT)
        .retry(fast_retries())
        .build()
        .unwrap()
}

fn request() -> AbstractUserCreateDtoV3 {
    let mut request = AbstractUserCreateDtoV3::new(
        "ada@example.com".into(),
        "Ada".into(),
        "Lovelace".into(),
        AbstractUserCreateDtoV3Role::Linguist,
        "Europe/London".into(),
        "ada".into(),
    );
    request.password = Some(PASSWORD.into());
    request
}

fn created() -> serde_json::Value {
    json!({
        "id": 1234567890123i64, "uid": "u-1", "email": "ada@example.com", "firstName": "Ada",
        "lastName": "Lovelace", "role": "LINGUIST", "timezone": "Europe/London", "userName": "ada",
        "active": true, "dateDeleted": null, "jobsInProgress": 0,
        "createdBy": {"id": "9", "role": "ADMIN", "userName": "boss"}
    })
}

fn invite() -> CreateUserV3Options {
    CreateUserV3Options {
        send_invitation: Some(true),
    }
}

#[tokio::test]
async fn sends_the_exact_request_and_parses_the_created_user() {
    let server = MockServer::start().await;
    respond(&server, json(201, &created(), "application/json")).await;

    // The optional parameter set on the call's builder, which `.await` sends.
    let response = client(&server)
        .create_user_v3(&request())
        .send_invitation(true)
        .send()
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/web/api2/v3/users");
    assert_eq!(sent.url.query(), Some("sendInvitation=true"));
    assert_eq!(
        header(&sent, "authorization"),
        Some(format!("ApiToken {TOKEN}").as_str())
    );
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        body(&sent),
        json!({
            "email": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace",
            "password": PASSWORD, "role": "LINGUIST", "timezone": "Europe/London", "userName": "ada"
        })
    );
    let user = response.body();
    assert_eq!(user.id, 1234567890123);
    assert_eq!(user.role, AbstractUserCreateDtoV3Role::Linguist);
    // `"dateDeleted": null`: a received-only type reads it as absent.
    assert_eq!(user.date_deleted, None);
    assert_eq!(user.last_login, None);
    assert_eq!(
        user.created_by.as_ref().unwrap().user_name.as_deref(),
        Some("boss")
    );
}

#[tokio::test]
async fn without_options_no_query_is_sent_and_oauth_is_the_alternative() {
    let server = MockServer::start().await;
    respond(&server, json(201, &created(), "application/json")).await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::default().with_o_auth2("oauth-access-token"))
        .build()
        .unwrap();
    client.create_user_v3(&request()).send().await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(sent.url.query(), None);
    assert_eq!(
        header(&sent, "authorization"),
        Some("Bearer oauth-access-token")
    );
}

#[tokio::test]
async fn all_eleven_body_less_error_statuses_are_typed() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new(TOKEN))
        .retry(clientgen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let cases = [
        (400, CreateUserV3Error::BadRequest),
        (401, CreateUserV3Error::Unauthorized),
        (403, CreateUserV3Error::Forbidden),
        (404, CreateUserV3Error::NotFound),
        (405, CreateUserV3Error::MethodNotAllowed),
        (408, CreateUserV3Error::RequestTimeout),
        (410, CreateUserV3Error::Gone),
        (415, CreateUserV3Error::UnsupportedMediaType),
        (429, CreateUserV3Error::TooManyRequests),
        (500, CreateUserV3Error::InternalServerError),
        (501, CreateUserV3Error::NotImplemented),
    ];
    for (status, expected) in cases {
        respond(
            &server,
            wiremock::ResponseTemplate::new(status).set_body_string("<html>ignored</html>"),
        )
        .await;
        match client.create_user_v3_with(&request(), &invite()).await {
            Err(Error::Api(error, ..)) => assert_eq!(error, expected, "status {status}"),
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_unknown_role_round_trips() {
    let server = MockServer::start().await;
    let mut user = created();
    user["role"] = json!("VENDOR_MANAGER");
    respond(&server, json(201, &user, "application/json")).await;
    let response = client(&server)
        .create_user_v3_with(&request(), &invite())
        .await
        .unwrap();
    let role = response.body().role.clone();
    assert_eq!(
        role,
        AbstractUserCreateDtoV3Role::Unknown("VENDOR_MANAGER".into())
    );
    assert_eq!(serde_json::to_string(&role).unwrap(), r#""VENDOR_MANAGER""#);
}

#[tokio::test]
async fn a_server_error_on_create_is_not_retried() {
    let server = MockServer::start().await;
    respond(&server, wiremock::ResponseTemplate::new(500)).await;
    let error = client(&server)
        .create_user_v3_with(&request(), &invite())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        Error::Api(CreateUserV3Error::InternalServerError, ..)
    ));
    only_request(&server).await;
}

#[tokio::test]
async fn documented_lengths_are_checked_before_sending() {
    let server = MockServer::start().await;
    let mut request = request();
    request.note = Some("x".repeat(4097));
    let error = client(&server)
        .create_user_v3_with(&request, &invite())
        .await
        .unwrap_err();
    let Error::Validation(violation) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(violation.field, "body.note");
    assert_eq!(
        error.to_string(),
        "body.note: is 4097 characters long, at most 4096 are allowed"
    );
    assert!(requests(&server).await.is_empty());
}

#[test]
fn servers_are_chosen_by_name() {
    let us = Client::builder()
        .server(Server::UsDataCenter)
        .build()
        .unwrap();
    assert_eq!(us.base_url(), "https://us.cloud.memsource.com/web");
    assert_eq!(
        Client::builder().build().unwrap().base_url(),
        "https://cloud.memsource.com/web"
    );
}

#[test]
fn debug_output_shows_no_secrets() {
    let client = Client::builder()
        .auth(Auth::new(TOKEN).with_o_auth2("oauth-token"))
        .build()
        .unwrap();
    let request = request();
    for shown in [format!("{client:?}"), format!("{request:?}")] {
        for secret in [TOKEN, "oauth-token", PASSWORD] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}

#[tokio::test]
async fn the_builder_the_struct_and_send_make_the_same_request() {
    let server = MockServer::start().await;
    respond(&server, json(201, &created(), "application/json")).await;
    let client = client(&server);
    client
        .create_user_v3(&request())
        .send_invitation(true)
        .send()
        .await
        .unwrap();
    client
        .create_user_v3(&request())
        .options(invite())
        .send()
        .await
        .unwrap();
    client
        .create_user_v3_with(&request(), &invite())
        .await
        .unwrap();
    // Left unset, the optional parameter is not sent.
    client.create_user_v3(&request()).send().await.unwrap();
    let queries: Vec<Option<String>> = requests(&server)
        .await
        .iter()
        .map(|r| r.url.query().map(str::to_owned))
        .collect();
    let invited = Some("sendInvitation=true".to_owned());
    assert_eq!(queries, [invited.clone(), invited.clone(), invited, None]);
}
