//! `Auth` (credentials from the security schemes) and `Server` (the documented servers).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident};
use crate::model::{Api, SchemeKind, SecurityScheme, Server};

pub fn auth_and_servers(api: &Api) -> TokenStream {
    let auth = auth(api);
    let servers = servers(&api.servers);
    quote! { #auth #servers }
}

fn auth(api: &Api) -> TokenStream {
    let doc = quote! {
        /// Credentials for the API's security schemes, given once when the client
        /// is built. `Debug` shows none of the secrets.
    };
    if api.schemes.is_empty() {
        return quote! {
            #doc
            #[derive(Clone, Debug, Default)]
            pub struct Auth;

            impl Auth {
                /// No credentials: the API declares no security schemes.
                pub fn new() -> Self {
                    Self
                }
            }
        };
    }
    let fields = api.schemes.iter().map(|scheme| {
        let name = ident(&scheme.name);
        let doc = format!(" {}", crate::doc_text::code_span(&scheme.wire));
        quote!(#[doc = #doc] #name: Option<runtime::Credential>,)
    });
    let setters = api.schemes.iter().map(setter);
    let new_params = api
        .auth_new
        .iter()
        .flat_map(|index| params(&api.schemes[*index]));
    let new_calls = api.auth_new.iter().map(|index| {
        let scheme = &api.schemes[*index];
        let with = ident(&scheme.with_method);
        let args = scheme.args.iter().map(ident).collect::<Vec<_>>();
        quote!(.#with(#(#args),*))
    });
    let new_doc = match api.auth_new.as_slice() {
        [] => " No credentials; add them with the `with_` methods.".to_owned(),
        indices => format!(
            " Credentials for {}.",
            indices
                .iter()
                .map(|i| crate::doc_text::code_span(&api.schemes[*i].wire))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    };
    quote! {
        #doc
        #[derive(Clone, Debug, Default)]
        pub struct Auth {
            #(#fields)*
        }

        impl Auth {
            #[doc = #new_doc]
            pub fn new(#(#new_params),*) -> Self {
                Self::default() #(#new_calls)*
            }

            #(#setters)*
        }
    }
}

fn params(scheme: &SecurityScheme) -> Vec<TokenStream> {
    let names = scheme.args.iter().map(ident).collect::<Vec<_>>();
    match scheme.kind {
        SchemeKind::Basic => {
            let (user, password) = (&names[0], &names[1]);
            vec![
                quote!(#user: impl Into<String>),
                quote!(#password: impl Into<runtime::Secret>),
            ]
        }
        _ => names
            .iter()
            .map(|name| quote!(#name: impl Into<runtime::Secret>))
            .collect(),
    }
}

fn setter(scheme: &SecurityScheme) -> TokenStream {
    let docs = doc_attrs(&scheme.docs);
    let field = ident(&scheme.name);
    let with = ident(&scheme.with_method);
    let params = params(scheme);
    let names = scheme.args.iter().map(ident).collect::<Vec<_>>();
    let credential = match &scheme.kind {
        SchemeKind::Header(name) => {
            quote!(runtime::Credential::header(#name, #(#names)*))
        }
        SchemeKind::Query(name) => {
            quote!(runtime::Credential::query(#name, #(#names)*))
        }
        SchemeKind::Cookie(name) => {
            quote!(runtime::Credential::cookie(#name, #(#names)*))
        }
        SchemeKind::Scheme(word) => {
            quote!(runtime::Credential::scheme(#word, #(#names)*))
        }
        SchemeKind::Basic => quote!(runtime::Credential::basic(#(#names),*)),
    };
    let client_credentials = match &scheme.kind {
        SchemeKind::Scheme(word) => client_credentials_setter(scheme, word),
        _ => None,
    };
    quote! {
        #docs
        pub fn #with(mut self, #(#params),*) -> Self {
            self.#field = Some(#credential);
            self
        }

        #client_credentials
    }
}

/// The setter that fetches the scheme's tokens itself with OAuth2's client
/// credentials flow, asking for the scopes each operation names.
fn client_credentials_setter(scheme: &SecurityScheme, word: &str) -> Option<TokenStream> {
    let flow = scheme.client_credentials.as_ref()?;
    let field = ident(&scheme.name);
    let with = ident(&flow.with_method);
    let token_url = &flow.token_url;
    let doc = format!(
        " Tokens for {} fetched from {} with the client's id and secret (OAuth2's client credentials flow), each asked for the scopes the operation names and renewed before it expires.",
        crate::doc_text::code_span(&scheme.wire),
        crate::doc_text::code_span(token_url),
    );
    let scopes = flow
        .operation_scopes
        .iter()
        .map(|(operation, scopes)| quote!((#operation, &[#(#scopes),*])));
    Some(quote! {
        #[doc = #doc]
        pub fn #with(
            mut self,
            client_id: impl Into<String>,
            client_secret: impl Into<runtime::SecretString>,
        ) -> Self {
            let source = runtime::ClientCredentials::new(#token_url, client_id, client_secret)
                .operation_scopes(&[#(#scopes),*]);
            self.#field = Some(runtime::Credential::scheme(#word, runtime::Secret::from_source(source)));
            self
        }
    })
}

fn servers(servers: &[Server]) -> TokenStream {
    let variants = servers.iter().map(|server| {
        let docs = doc_attrs(&server.docs);
        let name = ident(&server.variant);
        if server.variables.is_empty() {
            return quote!(#docs #name,);
        }
        let fields = server.variables.iter().map(|v| {
            let docs = doc_attrs(&v.docs);
            let field = ident(&v.name);
            quote!(#docs #field: String,)
        });
        quote!(#docs #name { #(#fields)* },)
    });
    let arms = servers.iter().map(|server| {
        let name = ident(&server.variant);
        let url = &server.url;
        if server.variables.is_empty() {
            return quote!(Self::#name => Ok(#url.to_owned()),);
        }
        let fields: Vec<_> = server.variables.iter().map(|v| ident(&v.name)).collect();
        let substitutions = server.variables.iter().map(|v| {
            let wire = &v.wire;
            let field = ident(&v.name);
            let allowed = &v.allowed;
            quote!((#wire, #field.as_str(), &[#(#allowed),*]))
        });
        quote! {
            Self::#name { #(#fields),* } => runtime::__private::substitute(#url, &[#(#substitutions),*]),
        }
    });
    let default = servers.first().map(|server| {
        let value = server_value(server);
        quote! {
            impl Default for Server {
                /// The first documented server, with its variables' defaults.
                fn default() -> Self {
                    #value
                }
            }
        }
    });
    let body = if servers.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms)* })
    };
    quote! {
        /// The servers the API documents; any other base URL can be given to
        /// `ClientBuilder::base_url`.
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Server {
            #(#variants)*
        }

        #default

        impl runtime::ServerUrl for Server {
            fn url(&self) -> Result<String, runtime::BuildError> {
                #body
            }
        }
    }
}

/// `server` with its variables' defaults.
pub(super) fn server_value(server: &Server) -> TokenStream {
    let name = ident(&server.variant);
    if server.variables.is_empty() {
        return quote!(Server::#name);
    }
    let fields = server.variables.iter().map(|v| {
        let field = ident(&v.name);
        let default = &v.default;
        quote!(#field: #default.to_owned())
    });
    quote!(Server::#name { #(#fields),* })
}
