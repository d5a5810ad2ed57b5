//! Spans and events of a call, with the runtime's `tracing` feature: one
//! span per call with OpenTelemetry's HTTP client fields, retries as events,
//! a paginated call's pages inside the stream's span, and no secret, path
//! value or query in any field.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use feature_clients::paging::{Auth, Client};
use futures_util::TryStreamExt;
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok-SECRET-9";

/// A span's or an event's fields, as text.
type FieldsSeen = BTreeMap<String, String>;

/// A span: its name, its parent's name and its fields.
type SpanSeen = (String, Option<String>, FieldsSeen);

/// Every span (by id) and every event.
#[derive(Clone, Default)]
struct Seen {
    spans: Arc<Mutex<BTreeMap<u64, SpanSeen>>>,
    events: Arc<Mutex<Vec<FieldsSeen>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(
            field.name().to_owned(),
            format!("{value:?}").trim_matches('"').to_owned(),
        );
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Seen {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        attrs.record(&mut Fields(&mut fields));
        let parent = ctx
            .span(id)
            .and_then(|span| span.parent())
            .map(|p| p.name().to_owned());
        self.spans.lock().unwrap().insert(
            id.into_u64(),
            (attrs.metadata().name().to_owned(), parent, fields),
        );
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Some((_, _, fields)) = self.spans.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(fields);
    }
}

#[tokio::test]
async fn each_call_is_a_span_with_the_http_client_fields_and_retries_are_events() {
    let server = MockServer::start().await;
    // The first page fails once with a 503 that names a wait, then pages on.
    Mock::given(path("/repos/ada/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/repos/ada/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("link", r#"</repos/ada/issues?page=2>; rel="next""#)
                .set_body_json(json!([{"number": 1}])),
        )
        .mount(&server)
        .await;
    Mock::given(path("/repos/ada/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let seen = Seen::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(seen.clone()));
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new(TOKEN))
        .build()
        .unwrap();
    let pages: Result<Vec<_>, _> = client
        .list_issues_pages("ada", &Default::default())
        .try_collect()
        .await;
    assert!(pages.is_err(), "the second page is a 404");

    let spans = seen.spans.lock().unwrap().clone();
    let calls: Vec<_> = spans
        .values()
        .filter(|(name, _, _)| name == "http.client")
        .collect();
    assert_eq!(calls.len(), 2, "{spans:#?}");
    let port = server.address().port().to_string();
    for (_, parent, fields) in &calls {
        // Both pages' calls are inside the stream's span.
        assert_eq!(parent.as_deref(), Some("clientgen.pages"));
        assert_eq!(fields["otel.name"], "GET /repos/{owner}/issues");
        assert_eq!(fields["http.request.method"], "GET");
        assert_eq!(fields["server.address"], "127.0.0.1");
        assert_eq!(fields["server.port"], port);
        assert_eq!(fields["url.template"], "/repos/{owner}/issues");
        assert_eq!(fields["clientgen.operation"], "listIssues");
    }
    let first = &calls[0].2;
    assert_eq!(first["http.response.status_code"], "200");
    assert_eq!(first["http.request.resend_count"], "1");
    let second = &calls[1].2;
    assert_eq!(second["http.response.status_code"], "404");
    assert_eq!(second["error.type"], "404");
    assert!(!second.contains_key("http.request.resend_count"));

    let events = seen.events.lock().unwrap().clone();
    let retries: Vec<_> = events
        .iter()
        .filter(|e| e.get("message").map(String::as_str) == Some("retrying"))
        .collect();
    assert_eq!(retries.len(), 1, "{events:#?}");
    assert_eq!(retries[0]["http.response.status_code"], "503");

    // Neither the owner's value, the page's query nor the token is anywhere.
    let everything = format!("{spans:?} {events:?}");
    for secret in [TOKEN, "ada", "page=2"] {
        assert!(!everything.contains(secret), "{secret} in {everything}");
    }
}
