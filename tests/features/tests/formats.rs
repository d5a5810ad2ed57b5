//! Typed formats against a real server on localhost: dates, UUIDs, URLs
//! and addresses written as their formats say in bodies, paths, queries and
//! headers, read back as typed values, and a value that does not parse
//! refused naming its field; with chrono and with jiff.

use feature_clients::{formats_chrono as chrono_client, formats_jiff as jiff_client};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "6f1c2a4e-8d0b-4c3a-9e5f-0123456789ab";

/// What the server answers: the event with its time at another offset.
fn stored() -> serde_json::Value {
    json!({
        "id": ID,
        "at": "2024-05-01T12:00:00.25+02:00",
        "day": "2024-05-02",
        "every": "PT1H30M",
        "link": "https://example.com/e/1?x=1",
        "from": "192.0.2.7",
        "from6": "2001:db8::7",
        "seen": ["2024-04-30T23:59:59Z"],
    })
}

#[tokio::test]
async fn chrono_dates_go_out_as_rfc_3339_everywhere_and_come_back_typed() {
    use chrono_client::{Client, Event};
    use clientgen_runtime::chrono::{DateTime, NaiveDate, TimeZone, Utc};
    let server = MockServer::start().await;
    let at: DateTime<Utc> = Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap()
        + clientgen_runtime::chrono::Duration::milliseconds(250);
    let event = Event {
        seen: Some(vec![Utc.with_ymd_and_hms(2024, 4, 30, 23, 59, 59).unwrap()]),
        link: Some("https://example.com/e/1?x=1".parse().unwrap()),
        from: Some("192.0.2.7".parse().unwrap()),
        ..Event::new(ID.parse().unwrap(), at)
    };
    Mock::given(method("PUT"))
        .and(path(format!("/events/{ID}")))
        .and(query_param("since", "2024-05-01T10:00:00.250Z"))
        .and(query_param("day", "2024-05-02"))
        .and(header("x-at", "2024-05-01T10:00:00.250Z"))
        .and(body_json(json!({
            "id": ID,
            "at": "2024-05-01T10:00:00.250Z",
            "link": "https://example.com/e/1?x=1",
            "from": "192.0.2.7",
            "seen": ["2024-04-30T23:59:59Z"],
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(stored()))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let id = ID.parse().unwrap();
    let stored = client
        .put_event(&id, &at, &at, &event)
        .day(NaiveDate::from_ymd_opt(2024, 5, 2).unwrap())
        .send()
        .await
        .unwrap()
        .into_body();
    // +02:00 is the same instant in UTC.
    assert_eq!(stored.at, at);
    assert_eq!(stored.id.to_string(), ID);
    assert_eq!(stored.day, NaiveDate::from_ymd_opt(2024, 5, 2));
    // chrono has no text form for durations: `duration` stays text.
    assert_eq!(stored.every.as_deref(), Some("PT1H30M"));
    assert_eq!(stored.from6.unwrap().to_string(), "2001:db8::7");
    assert_eq!(stored.link.unwrap().query(), Some("x=1"));
}

#[tokio::test]
async fn jiff_dates_and_durations_go_out_as_their_formats_and_come_back_typed() {
    use clientgen_runtime::jiff::{SignedDuration, Timestamp};
    use jiff_client::{Client, EventsAtOptions};
    let server = MockServer::start().await;
    let at: Timestamp = "2024-05-01T10:00:00.25Z".parse().unwrap();
    let after: Timestamp = "2024-04-01T00:00:00Z".parse().unwrap();
    Mock::given(method("GET"))
        // One path segment, its `:` percent-encoded as every reserved character.
        .and(path("/events/at/2024-05-01T10%3A00%3A00.25Z"))
        .and(query_param("after", "2024-04-01T00:00:00Z"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([stored()])))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let options = EventsAtOptions {
        after: Some(vec![after]),
    };
    let events = client
        .events_at_with(&at, &options)
        .await
        .unwrap()
        .into_body();
    assert_eq!(events[0].at, at);
    assert_eq!(
        events[0].every,
        Some(SignedDuration::from_secs(90 * 60)),
        "ISO 8601 PT1H30M"
    );
    assert_eq!(events[0].day.unwrap().to_string(), "2024-05-02");
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.url.query(),
        Some("after=2024-04-01T00%3A00%3A00Z"),
        "form-encoded RFC 3339"
    );
}

/// What each crate makes of a date-time as servers send it: the answer is
/// typed, or an `InvalidBody` naming the field.
async fn read_at(server: &MockServer, at: &str, seen: &str) -> Result<String, String> {
    server.reset().await;
    let mut body = stored();
    body["at"] = json!(at);
    body["seen"] = json!(["2024-04-30T23:59:59Z", seen]);
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([body])))
        .mount(server)
        .await;
    let client = chrono_client::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap();
    use clientgen_runtime::chrono::TimeZone;
    let at_param = clientgen_runtime::chrono::Utc
        .with_ymd_and_hms(2024, 5, 1, 0, 0, 0)
        .unwrap();
    match client.events_at(&at_param).send().await {
        Ok(events) => Ok(events.body()[0].at.to_rfc3339()),
        Err(clientgen_runtime::Error::InvalidBody { path, .. }) => Err(path),
        Err(other) => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_date_that_does_not_parse_is_an_invalid_body_naming_its_field() {
    let server = MockServer::start().await;
    let ok = "2024-04-30T23:59:59Z";
    assert_eq!(
        read_at(&server, "yesterday", ok).await,
        Err("[0].at".into())
    );
    // A local time is no instant: without an offset it is refused.
    assert_eq!(
        read_at(&server, "2024-05-01T10:00:00", ok).await,
        Err("[0].at".into())
    );
    assert_eq!(
        read_at(&server, ok, "2024-13-01T00:00:00Z").await,
        Err("[0].seen[1]".into())
    );
    // RFC 3339 allows a lowercase `t`/`z`, and (§5.6's note) a space for `T`.
    assert_eq!(
        read_at(&server, "2024-05-01t10:00:00z", ok).await,
        Ok("2024-05-01T10:00:00+00:00".into())
    );
    assert_eq!(
        read_at(&server, "2024-05-01 10:00:00Z", ok).await,
        Ok("2024-05-01T10:00:00+00:00".into())
    );
}
