//! Paginated calls against real HTTP servers on localhost: every request
//! each paging style sends, where it stops, and what it refuses.

use feature_clients::paging::{
    Auth, Client, Error, ListIssuesError, ListIssuesOptions, ListProjectsOptions, ListUsersOptions,
    ListWalletsOptions,
};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("tok-secret"))
        .build()
        .unwrap()
}

fn issues(numbers: &[i64]) -> serde_json::Value {
    numbers.iter().map(|n| json!({"number": n})).collect()
}

/// The query of each request the server received, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn link_headers_are_followed_to_the_last_page() {
    let server = MockServer::start().await;
    let uri = server.uri();
    // Page 1 links absolutely, page 2 relatively (RFC 8288 allows both).
    Mock::given(path("/repos/ada/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "link",
                    format!(r#"<{uri}/repos/ada/issues?state=open&page=2>; rel="next", <{uri}/repos/ada/issues?state=open&page=3>; rel="last""#).as_str(),
                )
                .set_body_json(issues(&[1, 2])),
        )
        .mount(&server)
        .await;
    Mock::given(path("/repos/ada/issues"))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "link",
                    r#"</repos/ada/issues?state=open&page=3>; rel="next""#,
                )
                .set_body_json(issues(&[3, 4])),
        )
        .mount(&server)
        .await;
    Mock::given(path("/repos/ada/issues"))
        .and(query_param("page", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(issues(&[5])))
        .mount(&server)
        .await;

    let options = ListIssuesOptions {
        state: Some("open".into()),
        ..Default::default()
    };
    let client = client(&server);
    let numbers: Vec<i64> = client
        .list_issues_items("ada", &options)
        .map_ok(|issue| issue.number)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    // The next URL is sent as given: the caller's query is not added again.
    assert_eq!(
        queries(&server).await,
        ["state=open", "state=open&page=2", "state=open&page=3"]
    );
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers["authorization"], "Bearer tok-secret");
    }

    // The pages themselves, with their documented headers.
    let pages: Vec<_> = client
        .list_issues_pages("ada", &options)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert!(pages[0].documented_headers().link.is_some());
    assert!(pages[2].documented_headers().link.is_none());
}

#[tokio::test]
async fn a_cross_origin_link_is_an_error_and_nothing_is_sent_there() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(issues(&[9])))
        .mount(&elsewhere)
        .await;
    Mock::given(path("/repos/ada/issues"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "link",
                    format!(r#"<{}/steal?page=2>; rel="next""#, elsewhere.uri()).as_str(),
                )
                .set_body_json(issues(&[1])),
        )
        .mount(&server)
        .await;

    let items: Vec<Result<i64, Error<ListIssuesError>>> = client(&server)
        .list_issues_items("ada", &ListIssuesOptions::default())
        .map_ok(|issue| issue.number)
        .collect()
        .await;
    assert_eq!(items.len(), 2, "the first page's item, then the error");
    assert_eq!(*items[0].as_ref().unwrap(), 1);
    match &items[1] {
        Err(Error::CrossOriginPage { origin }) => assert_eq!(*origin, elsewhere.uri()),
        other => panic!("expected CrossOriginPage, got {other:?}"),
    }
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_error_page_ends_the_stream_after_it() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("link", r#"</repos/ada/issues?page=2>; rel="next""#)
                .set_body_json(issues(&[1])),
        )
        .mount(&server)
        .await;
    Mock::given(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server)
        .list_issues_pages("ada", &ListIssuesOptions::default())
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(matches!(
        pages[1],
        Err(Error::Api(ListIssuesError::NotFound, ..))
    ));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn offsets_move_on_until_the_total() {
    let server = MockServer::start().await;
    let users =
        |ids: &[&str]| -> serde_json::Value { ids.iter().map(|id| json!({"_id": id})).collect() };
    for (offset, ids) in [
        (None, &["a", "b"][..]),
        (Some("2"), &["c", "d"]),
        (Some("4"), &["e"]),
    ] {
        let mock = Mock::given(path("/users.list")).and(query_param("count", "2"));
        let mock = match offset {
            Some(offset) => mock.and(query_param("offset", offset)),
            None => mock.and(query_param_is_missing("offset")),
        };
        mock.respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"users": users(ids), "count": ids.len(), "total": 5})),
        )
        .mount(&server)
        .await;
    }
    let options = ListUsersOptions {
        count: Some(2),
        offset: None,
    };
    let ids: Vec<String> = client(&server)
        .list_users_items(&options)
        .map_ok(|user| user.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        queries(&server).await,
        ["count=2", "count=2&offset=2", "count=2&offset=4"]
    );
}

#[tokio::test]
async fn an_empty_first_page_is_the_only_page() {
    let server = MockServer::start().await;
    Mock::given(path("/users.list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"users": []})))
        .mount(&server)
        .await;
    let ids: Vec<_> = client(&server)
        .list_users_items(&ListUsersOptions::default())
        .try_collect()
        .await
        .unwrap();
    assert!(ids.is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn page_numbers_count_from_the_documented_start_to_the_last_page() {
    let server = MockServer::start().await;
    for (number, uid) in [(None, "p0"), (Some("1"), "p1"), (Some("2"), "p2")] {
        let mock = Mock::given(path("/projects"));
        let mock = match number {
            Some(number) => mock.and(query_param("pageNumber", number)),
            None => mock.and(query_param_is_missing("pageNumber")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"content": [{"uid": uid}], "totalPages": 3, "totalElements": 3}),
        ))
        .mount(&server)
        .await;
    }
    let uids: Vec<String> = client(&server)
        .list_projects_items(&ListProjectsOptions::default())
        .map_ok(|project| project.uid)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(uids, ["p0", "p1", "p2"]);
    assert_eq!(queries(&server).await, ["", "pageNumber=1", "pageNumber=2"]);
}

#[tokio::test]
async fn cursors_are_sent_back_until_there_is_none() {
    let server = MockServer::start().await;
    for (cursor, next, item) in [
        (None, json!("c1"), "x"),
        (Some("c1"), json!("c2"), "y"),
        (Some("c2"), json!(null), "z"),
    ] {
        let mock = Mock::given(path("/events"));
        let mock = match cursor {
            Some(cursor) => mock.and(query_param("cursor", cursor)),
            None => mock.and(query_param_is_missing("cursor")),
        };
        mock.respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [item], "meta": {"next_cursor": next}})),
        )
        .mount(&server)
        .await;
    }
    let events: Vec<String> = client(&server)
        .list_events_items(&Default::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(events, ["x", "y", "z"]);
    assert_eq!(queries(&server).await, ["", "cursor=c1", "cursor=c2"]);
}

#[tokio::test]
async fn a_server_that_repeats_its_cursor_does_not_loop() {
    let server = MockServer::start().await;
    Mock::given(path("/events"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": ["again"], "meta": {"next_cursor": "same"}})),
        )
        .mount(&server)
        .await;
    let events: Vec<String> = client(&server)
        .list_events_items(&Default::default())
        .try_collect()
        .await
        .unwrap();
    // The first page, then cursor=same once: asking for it again ends paging.
    assert_eq!(events, ["again", "again"]);
    assert_eq!(queries(&server).await, ["", "cursor=same"]);
}

#[tokio::test]
async fn a_declared_paginator_uses_its_own_names() {
    let server = MockServer::start().await;
    for (from, rows) in [(None, json!(["w1", "w2"])), (Some("2"), json!(["w3"]))] {
        let mock = Mock::given(path("/wallets")).and(query_param("max", "2"));
        let mock = match from {
            Some(from) => mock.and(query_param("from", from)),
            None => mock.and(query_param_is_missing("from")),
        };
        mock.respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"result": {"rows": rows, "other": [1, 2, 3]}})),
        )
        .mount(&server)
        .await;
    }
    let options = ListWalletsOptions {
        max: Some(2),
        from: None,
    };
    let wallets: Vec<String> = client(&server)
        .list_wallets_items(&options)
        .try_collect()
        .await
        .unwrap();
    // The short second page (1 of max 2) is the last.
    assert_eq!(wallets, ["w1", "w2", "w3"]);
    assert_eq!(queries(&server).await, ["max=2", "max=2&from=2"]);
}

#[tokio::test]
async fn cursors_that_cycle_through_pages_end_at_the_first_repeat() {
    let server = MockServer::start().await;
    // a → b → a → b …: only an immediate repeat was caught before.
    for (from, next) in [(None, "a"), (Some("a"), "b"), (Some("b"), "a")] {
        let mock = Mock::given(path("/events"));
        let mock = match from {
            Some(from) => mock.and(query_param("cursor", from)),
            None => mock.and(query_param_is_missing("cursor")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": [from.unwrap_or("first")], "meta": {"next_cursor": next}}),
        ))
        .mount(&server)
        .await;
    }
    let events: Vec<String> = client(&server)
        .list_events_items(&Default::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(events, ["first", "a", "b"]);
    assert_eq!(queries(&server).await, ["", "cursor=a", "cursor=b"]);
}

#[tokio::test]
async fn a_next_link_with_userinfo_sends_no_credentials_of_the_servers_choice() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let with_userinfo = uri.replacen("http://", "http://mallory:chosen@", 1);
    Mock::given(path("/repos/ada/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(issues(&[1]))
                .insert_header(
                    "link",
                    format!(r#"<{with_userinfo}/repos/ada/issues?page=2>; rel="next""#).as_str(),
                ),
        )
        .mount(&server)
        .await;
    Mock::given(path("/repos/ada/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(issues(&[2])))
        .mount(&server)
        .await;
    let numbers: Vec<i64> = client(&server)
        .list_issues_items("ada", &Default::default())
        .map_ok(|issue| issue.number)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(numbers, [1, 2]);
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    // The caller's bearer token, never Basic credentials the server chose.
    for request in &sent {
        assert_eq!(request.headers["authorization"], "Bearer tok-secret");
    }
}

#[tokio::test]
async fn a_next_link_only_inside_another_parameters_quotes_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(path("/repos/ada/issues"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(issues(&[1]))
                .insert_header(
                    "link",
                    r#"</repos/ada/issues?page=2>; rel="prev"; title="a;rel=next""#,
                ),
        )
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server)
        .list_issues_pages("ada", &Default::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(queries(&server).await, [""]);
}
