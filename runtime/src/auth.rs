use std::fmt;

use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, COOKIE};
use reqwest::RequestBuilder;

use crate::error::Failure;
use crate::{Error, SecretString};

/// One configured credential and where the API wants it.
#[derive(Clone)]
pub struct Credential {
    placement: Placement,
    secret: SecretString,
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
    pub fn header(name: &'static str, secret: impl Into<SecretString>) -> Self {
        Self::with(Placement::Header(name), secret)
    }

    /// An API key sent as the named query parameter.
    pub fn query(name: &'static str, secret: impl Into<SecretString>) -> Self {
        Self::with(Placement::Query(name), secret)
    }

    /// An API key sent as the named cookie.
    pub fn cookie(name: &'static str, secret: impl Into<SecretString>) -> Self {
        Self::with(Placement::Cookie(name), secret)
    }

    /// A token sent as `Authorization: <scheme> <token>`.
    pub fn scheme(scheme: &'static str, secret: impl Into<SecretString>) -> Self {
        Self::with(Placement::Scheme(scheme), secret)
    }

    /// HTTP basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<SecretString>) -> Self {
        Self::with(Placement::Basic(username.into()), password)
    }

    fn with(placement: Placement, secret: impl Into<SecretString>) -> Self {
        Self {
            placement,
            secret: secret.into(),
        }
    }

    fn apply(&self, builder: RequestBuilder) -> Result<RequestBuilder, String> {
        let secret = self.secret.expose();
        Ok(match &self.placement {
            Placement::Header(name) => {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| format!("{name:?} is not a valid header name"))?;
                builder.header(name, sensitive(secret)?)
            }
            Placement::Query(name) => builder.query(&[(name, secret)]),
            Placement::Cookie(name) => {
                // Encoding would change the credential; a `;` in it would add cookies.
                if !crate::params::is_cookie_value(secret) {
                    return Err(format!(
                        "the credential for the {name} cookie holds characters a cookie cannot carry"
                    ));
                }
                builder.header(COOKIE, sensitive(&format!("{name}={secret}"))?)
            }
            Placement::Scheme(scheme) => {
                builder.header(AUTHORIZATION, sensitive(&format!("{scheme} {secret}"))?)
            }
            Placement::Basic(username) => builder.basic_auth(username, Some(secret)),
        })
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

/// Applies the first of `alternatives` whose credentials are all configured.
///
/// Each alternative is a list of `(scheme name, credential)`; an empty
/// alternative means the operation may be called without credentials, and an
/// empty list means the operation declares no security at all.
pub fn authorize(
    builder: RequestBuilder,
    operation: &'static str,
    alternatives: &[&[(&str, Option<&Credential>)]],
) -> Result<RequestBuilder, Failure> {
    if alternatives.is_empty() {
        return Ok(builder);
    }
    let chosen = alternatives.iter().find(|alternative| {
        alternative
            .iter()
            .all(|(_, credential)| credential.is_some())
    });
    let Some(chosen) = chosen else {
        let accepted = alternatives
            .iter()
            .map(|alternative| {
                alternative
                    .iter()
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
    chosen
        .iter()
        .filter_map(|(_, credential)| *credential)
        .try_fold(builder, |builder, credential| credential.apply(builder))
        .map_err(|message| Failure(Error::InvalidRequest(message)))
}
