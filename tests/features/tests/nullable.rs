//! What real servers send where a schema admits null (GitHub's
//! `"license": null`), read by the client generated from `specs/nullable.yaml`.

use feature_clients::nullable::{Client, Either, Holder, Level, NullableUser};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serving(body: serde_json::Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    (server, client)
}

fn user(login: &str) -> NullableUser {
    serde_json::from_value(json!({ "login": login })).unwrap()
}

#[tokio::test]
async fn null_is_read_wherever_the_schema_admits_it() {
    let body = json!({
        "owner": null,
        "maybe_owner": null,
        "alias": null,
        "members": [null, {"login": "ada"}],
        "by_name": {"gone": null, "here": {"login": "bob"}},
        "levels": ["low", null],
        "either": null,
        "wrapped": null,
        "inline": [1, null],
    });
    let (server, client) = serving(body).await;
    let response = client.get_holder(&"h1".to_owned()).await.unwrap();
    let holder: &Holder = response.body();
    assert_eq!(holder.owner, None);
    // Received only: present and null reads as absent does (`Option<T>`;
    // `Option<Option<T>>` only where the difference is sent).
    assert_eq!(holder.maybe_owner, None);
    assert_eq!(holder.alias, None);
    assert_eq!(holder.members, vec![None, Some(user("ada"))]);
    let by_name = holder.by_name.as_ref().unwrap();
    assert_eq!(by_name["gone"], None);
    assert_eq!(by_name["here"], Some(user("bob")));
    assert_eq!(holder.levels, vec![Some(Level::Low), None]);
    assert_eq!(holder.either, None);
    assert_eq!(holder.wrapped, None);
    assert_eq!(holder.inline, vec![Some(1), None]);
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].url.path(), "/holders/h1");
}

#[tokio::test]
async fn values_are_read_as_before() {
    let body = json!({
        "owner": {"login": "ada"},
        "alias": {"login": "bob"},
        "members": [],
        "levels": ["high"],
        "either": 7,
        "wrapped": {"login": "cy"},
        "inline": [],
    });
    let (_server, client) = serving(body).await;
    let response = client.get_holder(&"h1".to_owned()).await.unwrap();
    let holder = response.body();
    assert_eq!(holder.owner, Some(user("ada")));
    assert_eq!(holder.maybe_owner, None);
    assert_eq!(holder.alias, Some(user("bob")));
    assert_eq!(holder.either, Some(Either::Integer(7)));
    assert_eq!(holder.wrapped, Some(user("cy")));
}

#[tokio::test]
async fn a_whole_body_may_be_null() {
    let (_server, client) = serving(serde_json::Value::Null).await;
    let response = client.get_current_user().await.unwrap();
    assert_eq!(response.body(), &None);

    let (_server, client) = serving(json!({"login": "ada"})).await;
    let response = client.get_current_user().await.unwrap();
    assert_eq!(response.body(), &Some(user("ada")));
}

#[tokio::test]
async fn a_required_field_that_admits_null_reads_absence_as_null() {
    // A deliberate choice, as serde's derive makes it: `Option<T>` is `None`
    // whether the key is missing or null. A required field that does not
    // admit null must be present (see `values_are_read_as_before`).
    let body = json!({"alias": null, "members": [], "levels": [], "either": null, "wrapped": null, "inline": []});
    let (_server, client) = serving(body).await;
    let response = client.get_holder(&"h1".to_owned()).await.unwrap();
    assert_eq!(response.body().owner, None);

    let body = json!({"owner": null, "alias": null, "levels": [], "either": null, "wrapped": null, "inline": []});
    let (_server, client) = serving(body).await;
    let error = client.get_holder(&"h1".to_owned()).await.unwrap_err();
    assert!(error.to_string().contains("members"), "{error}");
}
