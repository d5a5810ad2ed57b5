//! OAuth2's client credentials flow (RFC 6749 §4.4): a token fetched from
//! the token endpoint with the client's id and secret, kept until shortly
//! before it expires.

use std::fmt;
use std::time::Duration;

use base64::Engine;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::Deserialize;

use crate::credentials::{CredentialSource, Fetched, SourceRequest};
use crate::hooks::{HookError, HookFuture};
use crate::SecretString;

/// The most of a token endpoint's answer that is read.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// A token from OAuth2's client credentials flow; give it to a generated
/// `Auth`'s setter for an `oauth2` scheme with [`Secret::from_source`](crate::Secret::from_source),
/// or use the `with_…_client_credentials` setter generated for a scheme
/// that documents the flow.
///
/// The client's id and secret are sent to the token URL only, as HTTP basic
/// authentication (RFC 6749 §2.3.1); the body holds the grant type and the
/// scopes. Tokens are kept per set of scopes and renewed before they expire.
pub struct ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: SecretString,
    scopes: &'static [&'static str],
    operation_scopes: &'static [(&'static str, &'static [&'static str])],
    timeout: Duration,
}

impl ClientCredentials {
    /// Tokens from `token_url` (absolute, or relative to the client's base URL).
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> Self {
        Self {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: &[],
            operation_scopes: &[],
            timeout: Duration::from_secs(30),
        }
    }

    /// The scopes to ask for where an operation names none.
    pub fn scopes(mut self, scopes: &'static [&'static str]) -> Self {
        self.scopes = scopes;
        self
    }

    /// The scopes each operation's security requirement names, sorted by
    /// operation id (generated code passes them).
    pub fn operation_scopes(
        mut self,
        operation_scopes: &'static [(&'static str, &'static [&'static str])],
    ) -> Self {
        self.operation_scopes = operation_scopes;
        self
    }

    /// How long the token endpoint may take to answer (30 s by default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    async fn token(&self, request: &SourceRequest<'_>) -> Result<Fetched, HookError> {
        let url = url::Url::parse(request.base_url())
            .and_then(|base| base.join(&self.token_url))
            .map_err(|_| "the token URL is not a URL")?;
        // RFC 6749 §2.3.1: the id and secret are form-encoded, then joined.
        let pair = format!(
            "{}:{}",
            form(&self.client_id),
            form(self.client_secret.expose())
        );
        let mut authorization = HeaderValue::from_str(&format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        ))
        .map_err(|_| "the client id cannot be sent in a header")?;
        authorization.set_sensitive(true);
        let mut body = String::from("grant_type=client_credentials");
        if !request.scopes().is_empty() {
            body.push_str("&scope=");
            body.push_str(&form(&request.scopes().join(" ")));
        }
        let sent = request
            .http()
            .post(url)
            .header(AUTHORIZATION, authorization)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send();
        let answer = tokio::time::timeout(self.timeout, async {
            let mut response = sent.await?;
            let status = response.status();
            let mut bytes = Vec::new();
            while let Some(chunk) = response.chunk().await? {
                if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                    return Ok((status, None));
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok::<_, reqwest::Error>((status, Some(bytes)))
        })
        .await
        .map_err(|_| "the token endpoint did not answer in time")?
        .map_err(|error| {
            format!(
                "the token endpoint could not be reached: {}",
                error.without_url()
            )
        })?;
        let (status, Some(bytes)) = answer else {
            return Err("the token endpoint's answer is too large".into());
        };
        if !status.is_success() {
            let code = serde_json::from_slice::<Refusal>(&bytes)
                .ok()
                .map(|refusal| refusal.error)
                .filter(|code| is_error_code(code))
                .map(|code| format!(" ({code})"))
                .unwrap_or_default();
            return Err(format!("the token endpoint answered {}{code}", status.as_u16()).into());
        }
        let token: Token = serde_json::from_slice(&bytes)
            .map_err(|_| "the token endpoint's answer is not a token response (RFC 6749 §5.1)")?;
        if !token.token_type.eq_ignore_ascii_case("bearer") {
            return Err("the token endpoint issued a token that is not a bearer token".into());
        }
        let fetched = Fetched::new(token.access_token);
        Ok(match token.expires_in.and_then(Lifetime::seconds) {
            Some(seconds) => fetched.expires_in(Duration::from_secs(seconds)),
            None => fetched,
        })
    }
}

impl CredentialSource for ClientCredentials {
    fn fetch<'a>(
        &'a self,
        request: &'a SourceRequest<'a>,
    ) -> HookFuture<'a, Result<Fetched, HookError>> {
        Box::pin(self.token(request))
    }

    fn scopes(&self, operation: &str) -> &'static [&'static str] {
        match self
            .operation_scopes
            .binary_search_by(|(id, _)| (*id).cmp(operation))
        {
            Ok(at) => self.operation_scopes[at].1,
            Err(_) => self.scopes,
        }
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field(
                "token_url",
                &crate::secret::redact_userinfo(&self.token_url),
            )
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// A successful token response (RFC 6749 §5.1).
#[derive(Deserialize)]
struct Token {
    access_token: SecretString,
    token_type: String,
    expires_in: Option<Lifetime>,
}

/// `expires_in`: a number, though some servers send it as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Lifetime {
    Number(u64),
    Text(String),
}

impl Lifetime {
    fn seconds(self) -> Option<u64> {
        match self {
            Lifetime::Number(seconds) => Some(seconds),
            Lifetime::Text(text) => text.parse().ok(),
        }
    }
}

/// An error response (RFC 6749 §5.2); only its code is shown.
#[derive(Deserialize)]
struct Refusal {
    error: String,
}

/// RFC 6749's error codes are short and printable; anything else a server
/// put there is not repeated.
fn is_error_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"_-.".contains(&byte))
}

fn form(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
