//! Security schemes and servers.

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme as Spec};

use super::Lowerer;
use crate::error::Error;
use crate::ident::{snake_name, type_name, Namer, RustName};
use crate::model::{
    ClientCredentialsFlow, Docs, SchemeKind, SecurityScheme, Server, ServerVariable,
};
use crate::pointer::escape;

impl Lowerer<'_> {
    /// The schemes, and the ones `Auth::new` takes: the first requirement
    /// that the document or any operation states.
    pub fn security_schemes(&mut self) -> Result<(Vec<SecurityScheme>, Vec<usize>), Error> {
        let mut schemes = Vec::new();
        let mut namer = Namer::default();
        namer.reserve(&["new", "default", "clone"]);
        let declared = self
            .spec
            .components
            .as_ref()
            .map(|c| c.security_schemes.clone())
            .unwrap_or_default();
        for (key, scheme) in &declared {
            let pointer = format!("#/components/securitySchemes/{}", escape(key));
            let (scheme, _) = self.resolve::<Spec>(scheme, &pointer)?;
            let scheme = scheme.into_owned();
            let token_url = match &scheme {
                Spec::OAuth2 { flows, .. } => flows
                    .client_credentials
                    .as_ref()
                    .map(|flow| flow.token_url.clone()),
                _ => None,
            };
            let (kind, description) = match scheme {
                Spec::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => (
                    match location {
                        APIKeyLocation::Header => SchemeKind::Header(name),
                        APIKeyLocation::Query => SchemeKind::Query(name),
                        APIKeyLocation::Cookie => SchemeKind::Cookie(name),
                    },
                    description,
                ),
                Spec::HTTP {
                    scheme,
                    description,
                    ..
                } => (
                    match scheme.to_ascii_lowercase().as_str() {
                        "basic" => SchemeKind::Basic,
                        "bearer" => SchemeKind::Scheme("Bearer".to_owned()),
                        _ => SchemeKind::Scheme(scheme),
                    },
                    description,
                ),
                Spec::OAuth2 { description, .. } | Spec::OpenIDConnect { description, .. } => {
                    (SchemeKind::Scheme("Bearer".to_owned()), description)
                }
            };
            let sent_name = match &kind {
                SchemeKind::Header(name) | SchemeKind::Cookie(name) => Some(("name", name)),
                SchemeKind::Scheme(word) => Some(("scheme", word)),
                SchemeKind::Query(_) | SchemeKind::Basic => None,
            };
            if let Some((field, name)) = sent_name {
                if !crate::ident::is_http_token(name) {
                    self.warn(
                        &format!("{pointer}/{field}"),
                        format!("{name:?} cannot be sent as a header, cookie or scheme name: the scheme is skipped"),
                        "use letters, digits and - _ . ! # $ % & ' * + ^ ` | ~ only",
                    );
                    self.skipped_schemes.insert(key.clone());
                    continue;
                }
            }
            let mut docs = Docs::description(description.as_ref());
            docs.notes.push(match &kind {
                SchemeKind::Header(name) => format!("Sent in the `{name}` header."),
                SchemeKind::Query(name) => format!("Sent as the `{name}` query parameter."),
                SchemeKind::Cookie(name) => format!("Sent as the `{name}` cookie."),
                SchemeKind::Scheme(word) => format!("Sent as `Authorization: {word} <token>`."),
                SchemeKind::Basic => "Sent as HTTP basic authentication.".to_owned(),
            });
            let name = namer.claim(snake_name(key)).0;
            let (with_method, args) = credential_names(&name, &kind);
            let client_credentials = token_url.map(|token_url| ClientCredentialsFlow {
                with_method: format!("{}_client_credentials", with_method.as_str()).into(),
                token_url,
                operation_scopes: Vec::new(),
            });
            schemes.push(SecurityScheme {
                wire: key.clone(),
                name,
                with_method,
                args,
                docs,
                kind,
                client_credentials,
            });
        }
        rename_colliding_setters(&mut schemes);
        let first = self
            .spec
            .security
            .iter()
            .flatten()
            .chain(self.spec.paths.iter().flat_map(|(_, item)| {
                match item {
                    ReferenceOr::Item(item) => item
                        .iter()
                        .flat_map(|(_, op)| op.security.iter().flatten())
                        .collect::<Vec<_>>(),
                    ReferenceOr::Reference { .. } => Vec::new(),
                }
            }))
            .find(|requirement| !requirement.is_empty());
        // Where it is written, the requirement is checked (and any problem
        // reported) with its operation or the document's `security`.
        let auth_new = first
            .and_then(|requirement| scheme_indices(requirement, &schemes).ok())
            .unwrap_or_default();
        Ok((schemes, auth_new))
    }

    /// The scheme indices of one requirement; `None` (with a warning) when
    /// it names a scheme that is not defined.
    pub fn requirement(
        &mut self,
        requirement: &SecurityRequirement,
        schemes: &[SecurityScheme],
        pointer: &str,
    ) -> Option<Vec<usize>> {
        match scheme_indices(requirement, schemes) {
            Ok(indices) => Some(indices),
            Err(name) if self.skipped_schemes.contains(name) => {
                self.warn(
                    pointer,
                    format!("security requirement names `{name}`, a scheme skipped because its name cannot be sent; the requirement is ignored"),
                    "fix the scheme's name",
                );
                None
            }
            Err(name) => {
                self.warn(
                    pointer,
                    format!("security requirement names `{name}`, which components.securitySchemes does not define; the requirement is ignored"),
                    "define the scheme or correct the name",
                );
                None
            }
        }
    }

    pub fn servers(&mut self) -> Vec<Server> {
        let mut namer = Namer::default();
        let mut servers = Vec::new();
        for (index, server) in self.spec.servers.iter().enumerate() {
            let base = server
                .description
                .as_deref()
                .map(type_name)
                .filter(|name| name.as_str() != "Unnamed" && name.as_str().len() <= 40)
                .unwrap_or_else(|| host_name(&server.url, index));
            let mut variables = Vec::new();
            let mut var_namer = Namer::default();
            for (wire, variable) in server.variables.iter().flatten() {
                variables.push(ServerVariable {
                    name: var_namer.claim(snake_name(wire)).0,
                    wire: wire.clone(),
                    default: variable.default.clone(),
                    allowed: variable.enumeration.clone(),
                    docs: Docs::description(variable.description.as_ref()),
                });
            }
            let mut docs = Docs::description(server.description.as_ref());
            docs.notes
                .push(format!("`{}`", without_userinfo(&server.url)));
            servers.push(Server {
                variant: namer.claim(&base).0,
                url: server.url.clone(),
                docs,
                variables,
            });
        }
        servers
    }
}

/// `https://user:secret@host/v1` → `https://***@host/v1`, for docs: a
/// credential in a documented URL is not repeated in generated docs.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

/// `https://us.api.flexprice.io/v1` → `UsApiFlexpriceIo`.
/// The `Auth::with_…` setter and its arguments for a scheme whose field is
/// `name`. The scheme's name starts them without `r#` or the `_` of
/// `self_` or `_1st`: `with_type`, `with_1st`, `self_username`.
fn credential_names(name: &RustName, kind: &SchemeKind) -> (RustName, Vec<RustName>) {
    let stem = name.as_str().trim_end_matches('_');
    let with = format!("with_{}", stem.trim_start_matches('_'));
    let args = match kind {
        SchemeKind::Basic => vec![
            format!("{stem}_username").into(),
            format!("{stem}_password").into(),
        ],
        _ => vec![stem.into()],
    };
    (with.into(), args)
}

/// A client credentials setter (`with_oauth_client_credentials`) that is
/// another scheme's setter gets a suffix; names otherwise stay as they are.
fn rename_colliding_setters(schemes: &mut [SecurityScheme]) {
    let mut namer = Namer::default();
    for scheme in schemes.iter() {
        namer.claim(scheme.with_method.as_str());
    }
    for scheme in schemes.iter_mut() {
        if let Some(flow) = &mut scheme.client_credentials {
            flow.with_method = namer.claim(flow.with_method.as_str()).0;
        }
    }
}

fn host_name(url: &str, index: usize) -> RustName {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        // `user:password@host`: a credential never becomes part of a name.
        .map(|authority| authority.rsplit('@').next().unwrap_or(authority))
        .filter(|host| !host.is_empty() && !host.contains('{'));
    match host {
        Some(host) => type_name(host),
        None => format!("Server{index}").into(),
    }
}

/// The indices of the schemes a requirement names, or the first name that
/// no scheme has.
fn scheme_indices<'a>(
    requirement: &'a SecurityRequirement,
    schemes: &[SecurityScheme],
) -> Result<Vec<usize>, &'a String> {
    requirement
        .keys()
        .map(|name| schemes.iter().position(|s| s.wire == *name).ok_or(name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{host_name, without_userinfo};

    #[test]
    fn a_password_in_a_server_url_is_in_no_name_and_no_doc() {
        let url = "https://admin:hunter2@api.example.com/v1";
        assert_eq!(host_name(url, 0).as_str(), "ApiExampleCom");
        assert_eq!(without_userinfo(url), "https://***@api.example.com/v1");
        assert_eq!(
            without_userinfo("https://api.example.com/a@b"),
            "https://api.example.com/a@b"
        );
    }
}
