//! LivePerson Users API: the client against a real HTTP server on localhost.

mod common;

use common::*;
use serde_json::json;
use user_clients::liveperson::{
    Auth, Client, CreateUsersError, CreateUsersOptions, Error, MemberOf, Server, User,
};
use wiremock::MockServer;

const TOKEN: &str = "lp-bearer-token-abc";
const PASSWORD: &str = "agent-password-1";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::new(TOKEN))
        .timeout(SHORT_TIMEOUT)
        .retry(fast_retries())
        .build()
        .unwrap()
}

fn user() -> User {
    let mut user = User::new(
        "ada".into(),
        "Ada Lovelace".into(),
        "ada".into(),
        true,
        4,
        "ada@example.com".into(),
        vec![11],
    );
    user.password_sh = Some(PASSWORD.into());
    user.member_of = Some(MemberOf {
        agent_group_id: Some("-1".into()),
        assignment_date: None,
    });
    user
}

fn created() -> serde_json::Value {
    json!([{
        "id": 4001, "deleted": false, "loginName": "ada", "fullName": "Ada Lovelace",
        "nickname": "ada", "isEnabled": true, "maxChats": 4, "email": "ada@example.com",
        "profileIds": [11], "memberOf": {"agentGroupId": "-1", "assignmentDate": "2026-11-23 08:00:00"},
        "userTypeId": 1, "maxAsyncChats": null
    }])
}

fn options() -> CreateUsersOptions {
    CreateUsersOptions {
        if_match: Some("7".into()),
    }
}

#[tokio::test]
async fn sends_the_exact_request_and_parses_users_and_revision() {
    let server = MockServer::start().await;
    respond(
        &server,
        json(201, &created(), "application/json").insert_header("ac-revision", "8"),
    )
    .await;

    let response = client(&server)
        .create_users_with("le12345678", &[user()], &options())
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(
        sent.url.path(),
        "/api/account/le12345678/configuration/le-users/users"
    );
    assert_eq!(sent.url.query(), Some("v=4.0"));
    assert_eq!(
        header(&sent, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(header(&sent, "if-match"), Some("7"));
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        body(&sent),
        json!([{
            "loginName": "ada", "fullName": "Ada Lovelace", "nickname": "ada", "isEnabled": true,
            "maxChats": 4, "email": "ada@example.com", "passwordSh": PASSWORD, "profileIds": [11],
            "memberOf": {"agentGroupId": "-1"}
        }])
    );
    assert_eq!(
        response.documented_headers().ac_revision.as_deref(),
        Some("8")
    );
    let users = response.body();
    assert_eq!(users[0].id, Some(4001));
    assert_eq!(users[0].password_sh, None);
    // `"maxAsyncChats": null` means the account default: present and null.
    assert_eq!(users[0].max_async_chats, Some(None));
    assert_eq!(
        users[0]
            .member_of
            .as_ref()
            .unwrap()
            .assignment_date
            .as_deref(),
        Some("2026-11-23 08:00:00")
    );
}

#[tokio::test]
async fn documented_error_statuses_are_typed() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new(TOKEN))
        .retry(clientgen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    for (status, expected) in [
        (401, CreateUsersError::Unauthorized),
        (403, CreateUsersError::Forbidden),
        (500, CreateUsersError::InternalServerError),
    ] {
        respond(&server, wiremock::ResponseTemplate::new(status)).await;
        match client
            .create_users_with("le1", &[user()], &CreateUsersOptions::default())
            .await
        {
            Err(Error::Api(error, ..)) => assert_eq!(error, expected),
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_unknown_user_type_id_is_kept() {
    let server = MockServer::start().await;
    let mut users = created();
    users[0]["userTypeId"] = json!(7);
    respond(&server, json(201, &users, "application/json")).await;
    let response = client(&server)
        .create_users_with("le1", &[user()], &options())
        .await
        .unwrap();
    assert_eq!(response.body()[0].user_type_id, Some(7));
    assert_eq!(response.documented_headers().ac_revision, None);
}

#[tokio::test]
async fn a_server_error_on_create_is_not_retried() {
    let server = MockServer::start().await;
    respond(&server, wiremock::ResponseTemplate::new(500)).await;
    let error = client(&server)
        .create_users_with("le1", &[user()], &options())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        Error::Api(CreateUsersError::InternalServerError, ..)
    ));
    only_request(&server).await;
}

#[tokio::test]
async fn the_account_id_is_checked_against_its_pattern_before_sending() {
    let server = MockServer::start().await;
    let error = client(&server)
        .create_users_with("../admin", &[user()], &options())
        .await
        .unwrap_err();
    let Error::Validation(violation) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(violation.field, "accountId");
    assert!(requests(&server).await.is_empty());
}

#[test]
fn the_domain_server_variable_is_validated() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url(), "https://va.ac.liveperson.net");
    let custom = Server::AccountConfigDomain {
        domain: "lo.ac.liveperson.net".into(),
    };
    assert_eq!(
        Client::builder().server(custom).build().unwrap().base_url(),
        "https://lo.ac.liveperson.net"
    );
    let hostile = Server::AccountConfigDomain {
        domain: "evil.example/steal?".into(),
    };
    let error = Client::builder().server(hostile).build().unwrap_err();
    assert!(
        error.to_string().starts_with("server variable domain: "),
        "{error}"
    );
}

#[test]
fn debug_output_shows_no_secrets() {
    let client = Client::builder().auth(Auth::new(TOKEN)).build().unwrap();
    let user = user();
    for shown in [
        format!("{client:?}"),
        format!("{user:?}"),
        format!("{:?}", vec![user.clone()]),
    ] {
        for secret in [TOKEN, PASSWORD] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
