//! Hooks: code of the user's that sees every attempt of every call, before
//! it is sent (to sign it or add a header) and once it is answered or has
//! failed (to log or measure it). Several run in the order they were added;
//! with none, nothing is done for them.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, Request, StatusCode};

/// The user's hooks, shared by the clones of a client.
pub(crate) type Hooks = Arc<[Arc<dyn Hook>]>;

/// A future a hook returns.
pub type HookFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Why a hook refused to let an attempt be sent.
pub type HookError = Box<dyn std::error::Error + Send + Sync>;

/// Code run around every attempt of every call; give it to
/// `ClientBuilder::hook`. Both methods do nothing unless implemented.
///
/// ```
/// use clientgen_runtime::{Hook, HookFuture, Outgoing, Outcome};
///
/// struct Logger;
///
/// impl Hook for Logger {
///     fn after_attempt<'a>(&'a self, outcome: &'a Outcome<'a>) -> HookFuture<'a, ()> {
///         Box::pin(async move {
///             eprintln!("{} attempt {}: {:?} in {:?}", outcome.operation(), outcome.attempt(), outcome.status(), outcome.elapsed());
///         })
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Runs before an attempt is sent, with the request as it will be sent:
    /// it may change its headers (credentials already set stay marked
    /// sensitive). An error stops the call with `Error::Hook`; nothing is sent.
    fn before_send<'a>(
        &'a self,
        request: &'a mut Outgoing<'_>,
    ) -> HookFuture<'a, Result<(), HookError>> {
        let _ = request;
        Box::pin(std::future::ready(Ok(())))
    }

    /// Runs once an attempt has a response head, or has failed.
    fn after_attempt<'a>(&'a self, outcome: &'a Outcome<'a>) -> HookFuture<'a, ()> {
        let _ = outcome;
        Box::pin(std::future::ready(()))
    }

    /// Told, once per operation, kind and place, that a response held what
    /// the spec does not describe and the client read all the same (see
    /// [`Drift`](crate::Drift)).
    fn drift(&self, drift: &crate::Drift) {
        let _ = drift;
    }
}

/// A request about to be sent, as a hook sees it.
pub struct Outgoing<'a> {
    pub(crate) request: &'a mut Request,
    pub(crate) operation: &'static str,
    pub(crate) attempt: u32,
}

impl Outgoing<'_> {
    /// The operation's id (`createUser`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// 0 for the first attempt, 1 for the first retry, ….
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The method.
    pub fn method(&self) -> &Method {
        self.request.method()
    }

    /// The path of the URL, percent-encoded as sent.
    pub fn path(&self) -> &str {
        self.request.url().path()
    }

    /// The query of the URL, as sent (it may hold a credential).
    pub fn query(&self) -> Option<&str> {
        self.request.url().query()
    }

    /// The headers as they will be sent.
    pub fn headers(&self) -> &HeaderMap {
        self.request.headers()
    }

    /// The headers, to add or change one (a signature, a trace id).
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.request.headers_mut()
    }

    /// The body's bytes, when it is held in memory (not a stream or file).
    pub fn body(&self) -> Option<&[u8]> {
        self.request.body().and_then(reqwest::Body::as_bytes)
    }
}

/// What became of an attempt, as a hook sees it.
pub struct Outcome<'a> {
    pub(crate) operation: &'static str,
    pub(crate) attempt: u32,
    pub(crate) elapsed: Duration,
    pub(crate) status: Option<StatusCode>,
    pub(crate) headers: Option<&'a HeaderMap>,
    pub(crate) failure: Option<&'static str>,
}

impl Outcome<'_> {
    /// The operation's id.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// 0 for the first attempt, 1 for the first retry, ….
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// From sending to the response's head (or the failure).
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The response's status, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// The response's headers, when one arrived.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.headers
    }

    /// Why no response arrived (`timeout`, `connect`, `too_large`, `transport`).
    pub fn failure(&self) -> Option<&'static str> {
        self.failure
    }
}

/// Where a client's drift goes: its hooks, and what was reported already.
#[derive(Default)]
pub(crate) struct DriftSink {
    hooks: Hooks,
    reported: Mutex<HashSet<crate::Drift>>,
}

impl DriftSink {
    /// A sink for these hooks, or none when nobody listens.
    pub(crate) fn for_hooks(hooks: &Hooks) -> Option<Arc<DriftSink>> {
        let listening = !hooks.is_empty() || cfg!(feature = "tracing");
        listening.then(|| {
            Arc::new(DriftSink {
                hooks: hooks.clone(),
                reported: Mutex::default(),
            })
        })
    }

    /// Reports each drift the first time it is seen.
    pub(crate) fn report(&self, drifts: Vec<crate::Drift>) {
        for drift in drifts {
            let first = self
                .reported
                .lock()
                .map(|mut reported| reported.insert(drift.clone()))
                .unwrap_or(false);
            if !first {
                continue;
            }
            #[cfg(feature = "tracing")]
            {
                let (operation, kind, place) =
                    (drift.operation, drift.kind.as_str(), drift.place.as_str());
                // A plain field first: a dotted or quoted one right after
                // `target:` is ambiguous to the macro.
                tracing::warn!(
                    target: "clientgen_runtime::drift",
                    kind,
                    place,
                    "clientgen.operation" = operation,
                    "the response holds what the API's spec does not describe"
                );
            }
            for hook in self.hooks.iter() {
                hook.drift(&drift);
            }
        }
    }
}

impl std::fmt::Debug for DriftSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DriftSink { .. }")
    }
}
