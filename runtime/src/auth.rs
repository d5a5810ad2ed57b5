use std::fmt;

use base64::Engine;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, COOKIE};
use reqwest::Request;

use crate::credentials::{Secret, SourceRequest};
use crate::error::Failure;
use crate::{Error, SecretString};

/// One configured credential and where the API wants it.
#[derive(Clone)]
pub struct Credential {
    placement: Placement,
    secret: Secret,
}

#[derive(Clone, Debug)]
enum Placement {
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
    /// `Authorization: <scheme> <secret>` (Bearer, ApiToken, api-key, ...).
    Scheme(&'static str),
    Basic(String),
}

impl Credential {
    /// An API key sent in the named header.
    pub fn header(name: &'static str, secret: impl Into<Secret>) -> Self {
        Self::with(Placement::Header(name), secret)
    }

    /// An API key sent as the named query parameter.
    pub fn query(name: &'static str, secret: impl Into<Secret>) -> Self {
        Self::with(Placement::Query(name), secret)
    }

    /// An API key sent as the named cookie.
    pub fn cookie(name: &'static str, secret: impl Into<Secret>) -> Self {
        Self::with(Placement::Cookie(name), secret)
    }

    /// A token sent as `Authorization: <scheme> <token>`.
    pub fn scheme(scheme: &'static str, secret: impl Into<Secret>) -> Self {
        Self::with(Placement::Scheme(scheme), secret)
    }

    /// HTTP basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::with(Placement::Basic(username.into()), password)
    }

    fn with(placement: Placement, secret: impl Into<Secret>) -> Self {
        Self {
            placement,
            secret: secret.into(),
        }
    }

    /// Puts the credential's current value on `request`, and returns it
    /// when it came from a source (to be forgotten if the server refuses it).
    pub(crate) async fn apply(
        &self,
        request: &mut Request,
        asked: &SourceRequest<'_>,
    ) -> Result<Option<SecretString>, Failure> {
        let secret = self
            .secret
            .current(asked)
            .await
            .map_err(|source| Failure(Error::Credentials(source)))?;
        self.place(request, secret.expose())
            .map_err(|message| Failure(Error::InvalidRequest(message)))?;
        Ok(self.secret.renews().then_some(secret))
    }

    /// Forgets a value the server refused, so that the next call fetches another.
    pub(crate) async fn forget(&self, operation: &'static str, refused: &SecretString) {
        self.secret.forget(operation, refused).await;
    }

    /// Puts the value where the API wants it; a header of the same name
    /// already there (a handle's extra header) is replaced: the
    /// credential is what is sent.
    fn place(&self, request: &mut Request, secret: &str) -> Result<(), String> {
        let headers = request.headers_mut();
        match &self.placement {
            Placement::Header(name) => {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| format!("{name:?} is not a valid header name"))?;
                headers.insert(name, sensitive(secret)?);
            }
            Placement::Query(name) => {
                request
                    .url_mut()
                    .query_pairs_mut()
                    .append_pair(name, secret);
            }
            Placement::Cookie(name) => {
                // Encoding would change the credential; a `;` in it would add cookies.
                if !crate::params::is_cookie_value(secret) {
                    return Err(format!(
                        "the credential for the {name} cookie holds characters a cookie cannot carry"
                    ));
                }
                headers.append(COOKIE, sensitive(&format!("{name}={secret}"))?);
            }
            Placement::Scheme(scheme) => {
                headers.insert(AUTHORIZATION, sensitive(&format!("{scheme} {secret}"))?);
            }
            Placement::Basic(username) => {
                let pair = base64::engine::general_purpose::STANDARD
                    .encode(format!("{username}:{secret}"));
                headers.insert(AUTHORIZATION, sensitive(&format!("Basic {pair}"))?);
            }
        }
        Ok(())
    }
}

fn sensitive(value: &str) -> Result<HeaderValue, String> {
    // The message must not echo the value: it is a secret.
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| "a credential contains characters a header cannot carry".to_owned())?;
    value.set_sensitive(true);
    Ok(value)
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("placement", &self.placement)
            .field("secret", &self.secret)
            .finish()
    }
}

/// The operation's credential sets, each a list of `(scheme name,
/// credential)`; an empty set means the operation may be called without
/// credentials, and no set at all that it declares no security.
pub type Security<'a> = &'a [&'a [(&'static str, Option<&'a Credential>)]];

/// The credentials of the first set in `security` that are all configured.
pub(crate) fn choose<'a>(
    operation: &'static str,
    security: Security<'a>,
) -> Result<Vec<&'a Credential>, Failure> {
    if security.is_empty() {
        return Ok(Vec::new());
    }
    let chosen = security
        .iter()
        .find(|set| set.iter().all(|(_, credential)| credential.is_some()));
    let Some(chosen) = chosen else {
        let accepted = security
            .iter()
            .map(|set| {
                set.iter()
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>()
                    .join(" + ")
            })
            .collect::<Vec<_>>()
            .join(" or ");
        return Err(Failure(Error::MissingCredentials {
            operation,
            accepted,
        }));
    };
    Ok(chosen
        .iter()
        .filter_map(|(_, credential)| *credential)
        .collect())
}
