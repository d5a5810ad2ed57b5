//! One `tracing` span per call, named and filled as OpenTelemetry's HTTP
//! client conventions say, with the call's retries as events; behind the
//! runtime's `tracing` feature. Without it, these are empty and cost nothing.
//!
//! No field holds a URL's path or query, a header or a body: `url.template`
//! is the path as the spec writes it (`/users/{id}`), which holds no value.

use reqwest::Request;

use crate::error::Failure;

/// What the generated code says of a call: its operationId, its path
/// template, and the credentials it may be sent with.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The operationId (`createUser`).
    pub operation: &'static str,
    /// The path as the spec writes it (`/users/{id}`); empty when unknown.
    pub template: &'static str,
    /// The sets of credentials the operation accepts, the first complete
    /// one sent (see [`Security`](crate::auth::Security)).
    pub security: crate::auth::Security<'a>,
}

/// The span of one call (nothing without the `tracing` feature).
pub(crate) struct CallSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl CallSpan {
    /// Opens the span for `request`, a child of the current span (a
    /// paginated call's pages are children of its stream's span).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn new(call: &Call<'_>, request: &Request) -> Self {
        #[cfg(feature = "tracing")]
        {
            let method = request.method().as_str();
            let url = request.url();
            let name = if call.template.is_empty() {
                method.to_owned()
            } else {
                format!("{method} {}", call.template)
            };
            let span = tracing::info_span!(
                target: "clientgen_runtime",
                "http.client",
                otel.name = name.as_str(),
                otel.kind = "client",
                http.request.method = method,
                server.address = url.host_str().unwrap_or_default(),
                server.port = url.port_or_known_default().unwrap_or_default(),
                url.template = call.template,
                clientgen.operation = call.operation,
                http.response.status_code = tracing::field::Empty,
                http.request.resend_count = tracing::field::Empty,
                error.type = tracing::field::Empty,
            );
            CallSpan { span }
        }
        #[cfg(not(feature = "tracing"))]
        CallSpan {}
    }

    /// `work`, run inside the span.
    #[cfg(feature = "tracing")]
    pub(crate) fn instrument<F: std::future::Future>(
        &self,
        work: F,
    ) -> impl std::future::Future<Output = F::Output> {
        tracing::Instrument::instrument(work, self.span.clone())
    }

    /// `work` itself: there is no span.
    #[cfg(not(feature = "tracing"))]
    pub(crate) fn instrument<F: std::future::Future>(&self, work: F) -> F {
        work
    }

    /// Records the call's status, or why it failed (`error.type`: the status
    /// for a 4xx or 5xx, else the kind of failure).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn finish(&self, status: Result<reqwest::StatusCode, &Failure>) {
        #[cfg(feature = "tracing")]
        match status {
            Ok(status) => {
                self.span
                    .record("http.response.status_code", status.as_u16());
                if status.is_client_error() || status.is_server_error() {
                    self.span.record("error.type", status.as_str());
                }
            }
            Err(failure) => {
                if let Some(status) = failure.error().status() {
                    self.span
                        .record("http.response.status_code", status.as_u16());
                }
                self.span.record("error.type", failure.error().kind());
            }
        }
    }
}

/// Marks that an attempt is being retried: `http.request.resend_count` on
/// the call's span, and an event with the wait.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn retrying(attempt: u32, wait: std::time::Duration, status: Option<u16>) {
    #[cfg(feature = "tracing")]
    {
        tracing::Span::current().record("http.request.resend_count", attempt + 1);
        tracing::info!(
            target: "clientgen_runtime",
            retry = attempt + 1,
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            http.response.status_code = status,
            "retrying"
        );
    }
}
