use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// When a request is sent again.
///
/// A request that may have reached the server is repeated only when the server
/// said it did not act on it (429, or 503 with `Retry-After`), or when the
/// method is idempotent; so a create-user `POST` that got a 500 or timed out is
/// never sent twice. A connection that failed before the request was sent is
/// always retried. Every retry counts against `max_retries`, and a
/// `Retry-After` longer than `max_retry_after` is not waited for.
///
/// It may gain settings: build one from [`RetryPolicy::default`] or
/// [`RetryPolicy::none`] and the `with_…` methods.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The wait before the first retry when the server names none; doubled
    /// each time, of which a random half to all is waited.
    pub initial_backoff: Duration,
    /// The longest `Retry-After` the client waits for.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// At most `retries` retries after the first attempt.
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry when the server names none.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest `Retry-After` waited for; a longer one ends the retries.
    pub fn with_max_retry_after(mut self, longest: Duration) -> Self {
        self.max_retry_after = longest;
        self
    }

    /// The wait before retry `attempt + 1` when the server names none:
    /// doubling, with "equal jitter" (between half and all of it) so that
    /// many clients refused at once do not come back at once.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let full = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(attempt.min(16)));
        full / 2 + full.mul_f64(jitter() / 2.0)
    }

    /// How long to wait before retrying after `status`, or `None` not to
    /// retry; `repeatable`: the request may be sent twice (an idempotent
    /// method, or one carrying an idempotency key).
    pub(crate) fn after_status(
        &self,
        repeatable: bool,
        status: StatusCode,
        headers: &HeaderMap,
        attempt: u32,
    ) -> Option<Duration> {
        let retry_after = retry_after(headers, SystemTime::now());
        let server_did_not_act = status == StatusCode::TOO_MANY_REQUESTS
            || (status == StatusCode::SERVICE_UNAVAILABLE && retry_after.is_some());
        let transient = matches!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR
                | StatusCode::BAD_GATEWAY
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
        );
        if !(server_did_not_act || (transient && repeatable)) {
            return None;
        }
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(attempt)),
        }
    }
}

/// A number in [0, 1): std's per-process random hash keys, mixed with a
/// counter, are random enough for spreading retries (no rand dependency).
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// A new idempotency key: a random (version 4) UUID, made once per call so
/// that every attempt of the call sends the same.
pub fn idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) fn is_idempotent(method: &Method) -> bool {
    // QUERY is safe and idempotent (draft-ietf-httpbis-safe-method-w-body).
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::TRACE
    ) || method.as_str() == "QUERY"
}

/// `Retry-After` as delay-seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    // More seconds than a u64 holds is a very long wait, not no wait at all:
    // longer than any `max_retry_after`, so the call is not retried.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::MAX);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
        headers
    }

    #[test]
    fn a_retry_after_too_large_for_u64_is_a_very_long_wait() {
        let now = SystemTime::UNIX_EPOCH;
        let huge = headers("99999999999999999999999");
        assert_eq!(retry_after(&huge, now), Some(Duration::MAX));
        let policy = crate::RetryPolicy::default();
        assert_eq!(
            policy.after_status(true, StatusCode::TOO_MANY_REQUESTS, &huge, 0),
            None
        );
    }

    #[test]
    fn reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(
            retry_after(&headers("3"), now),
            Some(Duration::from_secs(3))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(5));
        assert_eq!(
            retry_after(&headers(&later), now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_within_bounds() {
        let policy = RetryPolicy::default();
        for attempt in 0..4 {
            let full = Duration::from_millis(200 * 2u64.pow(attempt));
            let wait = policy.backoff(attempt);
            assert!(wait >= full / 2 && wait <= full, "{attempt}: {wait:?}");
        }
    }

    #[test]
    fn a_post_is_repeated_only_when_the_server_did_not_act() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        let repeatable = is_idempotent(&Method::POST);
        assert!(!repeatable);
        assert!(policy
            .after_status(repeatable, StatusCode::INTERNAL_SERVER_ERROR, &none, 0)
            .is_none());
        assert!(policy
            .after_status(repeatable, StatusCode::SERVICE_UNAVAILABLE, &none, 0)
            .is_none());
        assert!(policy
            .after_status(
                repeatable,
                StatusCode::SERVICE_UNAVAILABLE,
                &headers("1"),
                0
            )
            .is_some());
        assert!(policy
            .after_status(repeatable, StatusCode::TOO_MANY_REQUESTS, &none, 0)
            .is_some());
        assert!(policy
            .after_status(
                repeatable,
                StatusCode::TOO_MANY_REQUESTS,
                &headers("3600"),
                0
            )
            .is_none());
        assert!(policy
            .after_status(
                is_idempotent(&Method::GET),
                StatusCode::BAD_GATEWAY,
                &none,
                0
            )
            .is_some());
    }
}
