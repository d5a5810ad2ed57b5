//! A credential's value: fixed when the client is built, or read from a
//! source (a file, a vault, an OAuth2 token endpoint) when a call needs it,
//! kept while it is valid, and renewed before it expires or once after the
//! server refused it.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::hooks::{HookError, HookFuture};
use crate::SecretString;

/// The longest a value is renewed before it expires.
const MAX_MARGIN: Duration = Duration::from_secs(60);

/// The value of a credential: a [`SecretString`] (or a `String`, `&str`),
/// or [`Secret::from_source`] for one that changes.
#[derive(Clone)]
pub struct Secret(Value);

#[derive(Clone)]
enum Value {
    Fixed(SecretString),
    Source(Arc<Provided>),
}

impl Secret {
    /// A value read from `source` when a call needs it and kept until it
    /// expires; shared by every clone of the client.
    pub fn from_source(source: impl CredentialSource) -> Self {
        Self(Value::Source(Arc::new(Provided {
            source: Box::new(source),
            cache: tokio::sync::Mutex::new(Vec::new()),
        })))
    }

    /// The value to send for `request`'s operation: the fixed one, or the
    /// source's (fetched unless a valid one is kept).
    pub(crate) async fn current(
        &self,
        request: &SourceRequest<'_>,
    ) -> Result<SecretString, HookError> {
        match &self.0 {
            Value::Fixed(secret) => Ok(secret.clone()),
            Value::Source(provided) => provided.current(request).await,
        }
    }

    /// Whether a refused value can be renewed (it comes from a source).
    pub(crate) fn renews(&self) -> bool {
        matches!(self.0, Value::Source(_))
    }

    /// Forgets `refused` if it is still the kept value for the operation,
    /// so that the next call fetches another; a value another call has
    /// already renewed is kept.
    pub(crate) async fn forget(&self, operation: &'static str, refused: &SecretString) {
        if let Value::Source(provided) = &self.0 {
            let scopes = provided.source.scopes(operation);
            let mut cache = provided.cache.lock().await;
            cache.retain(|(kept_for, kept)| !(*kept_for == scopes && kept.secret == *refused));
        }
    }
}

impl From<SecretString> for Secret {
    fn from(secret: SecretString) -> Self {
        Self(Value::Fixed(secret))
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Self(Value::Fixed(secret.into()))
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Self(Value::Fixed(secret.into()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Value::Fixed(secret) => secret.fmt(f),
            Value::Source(_) => f.write_str("Secret(<from a source>)"),
        }
    }
}

/// Where a changing credential comes from; give it to
/// [`Secret::from_source`]. [`ClientCredentials`](crate::ClientCredentials)
/// is one, for OAuth2's client credentials flow.
///
/// ```
/// use std::time::Duration;
/// use clientgen_runtime::{CredentialSource, Fetched, HookError, HookFuture, SourceRequest};
///
/// /// A token another process rotates in a file.
/// struct TokenFile(std::path::PathBuf);
///
/// impl CredentialSource for TokenFile {
///     fn fetch<'a>(&'a self, _: &'a SourceRequest<'a>) -> HookFuture<'a, Result<Fetched, HookError>> {
///         Box::pin(async move {
///             let token = tokio::fs::read_to_string(&self.0).await?;
///             Ok(Fetched::new(token.trim()).expires_in(Duration::from_secs(300)))
///         })
///     }
/// }
/// ```
pub trait CredentialSource: Send + Sync + 'static {
    /// Fetches a value valid for `request`'s operation. An error fails the
    /// call with `Error::Credentials`; nothing is sent.
    fn fetch<'a>(
        &'a self,
        request: &'a SourceRequest<'a>,
    ) -> HookFuture<'a, Result<Fetched, HookError>>;

    /// The scopes `operation` needs: values are kept per set of scopes, so
    /// two operations that need the same share one. None by default.
    fn scopes(&self, operation: &str) -> &'static [&'static str] {
        let _ = operation;
        &[]
    }
}

/// What a [`CredentialSource`] is asked for.
pub struct SourceRequest<'a> {
    pub(crate) operation: &'static str,
    pub(crate) scopes: &'static [&'static str],
    pub(crate) http: &'a reqwest::Client,
    pub(crate) base_url: &'a str,
}

impl SourceRequest<'_> {
    /// The operation's id (`createUser`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The scopes the source said the operation needs.
    pub fn scopes(&self) -> &'static [&'static str] {
        self.scopes
    }

    /// The client's HTTP client: its redirects stay on one origin.
    pub fn http(&self) -> &reqwest::Client {
        self.http
    }

    /// The client's base URL, which a relative token URL is resolved against.
    pub fn base_url(&self) -> &str {
        self.base_url
    }
}

impl fmt::Debug for SourceRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceRequest")
            .field("operation", &self.operation)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// A value a source fetched, and how long it may be used.
#[derive(Debug)]
pub struct Fetched {
    secret: SecretString,
    expires_in: Option<Duration>,
}

impl Fetched {
    /// A value valid until the source says otherwise.
    pub fn new(secret: impl Into<SecretString>) -> Self {
        Self {
            secret: secret.into(),
            expires_in: None,
        }
    }

    /// Valid for `lifetime` from now; it is renewed somewhat earlier (a
    /// fifth of it, at most a minute), so that no call sends it as it expires.
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        self.expires_in = Some(lifetime);
        self
    }
}

struct Provided {
    source: Box<dyn CredentialSource>,
    /// The value kept for each set of scopes. One lock for all: calls that
    /// need a value wait for the one fetching it rather than fetch again.
    cache: tokio::sync::Mutex<Vec<(&'static [&'static str], Kept)>>,
}

struct Kept {
    secret: SecretString,
    renew_at: Option<Instant>,
}

impl Provided {
    async fn current(&self, request: &SourceRequest<'_>) -> Result<SecretString, HookError> {
        let scopes = self.source.scopes(request.operation);
        let mut cache = self.cache.lock().await;
        let now = Instant::now();
        if let Some((_, kept)) = cache.iter().find(|(kept_for, _)| *kept_for == scopes) {
            if kept.renew_at.is_none_or(|at| now < at) {
                return Ok(kept.secret.clone());
            }
        }
        let asked = SourceRequest { scopes, ..*request };
        let fetched = self.source.fetch(&asked).await?;
        let renew_at = fetched.expires_in.map(|lifetime| {
            let margin = (lifetime / 5).min(MAX_MARGIN);
            now + (lifetime - margin)
        });
        cache.retain(|(kept_for, _)| *kept_for != scopes);
        cache.push((
            scopes,
            Kept {
                secret: fetched.secret.clone(),
                renew_at,
            },
        ));
        Ok(fetched.secret)
    }
}
