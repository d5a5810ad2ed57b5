//! The types each operation defines beside its method: optional parameters,
//! documented errors (with `status()`), success enums and response headers.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, rust_type};
use crate::model::{Api, Operation, ParamLocation, ResponseCase, RustName};

fn case_docs(case: &ResponseCase) -> TokenStream {
    let mut docs = case.docs.clone();
    docs.summary = Some(
        format!(
            "`{}`: {}",
            case.status,
            docs.description.take().unwrap_or_default()
        )
        .trim_end_matches(": ")
        .to_owned(),
    );
    doc_attrs(&docs)
}

fn enum_of_cases(api: &Api, name: &RustName, doc: String, cases: &[&ResponseCase]) -> TokenStream {
    let name = ident(name);
    let variants = cases.iter().map(|case| {
        let docs = case_docs(case);
        let variant = ident(&case.variant);
        let body = case.body.as_ref().map(|(ty, _)| rust_type(api, ty));
        let body = body.map(|body| if case.boxed { quote!(Box<#body>) } else { body });
        match (body, case.status.carries_status()) {
            (Some(body), true) => quote! {
                #docs
                #variant {
                    /// The status code.
                    status: u16,
                    /// The body.
                    body: #body,
                },
            },
            (Some(body), false) => quote!(#docs #variant(#body),),
            (None, true) => quote! {
                #docs
                #variant {
                    /// The status code.
                    status: u16,
                },
            },
            (None, false) => quote!(#docs #variant,),
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// The types an operation defines: options, errors, success enum, headers.
pub fn operation_types(api: &Api, op: &Operation) -> TokenStream {
    // rustdoc cannot link to a raw identifier (`Client::r#fn`): name it plainly.
    let method = if op.method_name.is_raw() {
        format!("`Client::{}`", op.method_name)
    } else {
        format!("[`Client::{}`]", op.method_name)
    };
    let mut out = TokenStream::new();
    if let Some(options) = op.options_type {
        let name = ident(api.name(options));
        let doc = format!(" The optional parameters of {method}.");
        let fields = op
            .params
            .iter()
            .filter(|p| !p.required && p.constant.is_none())
            .map(|p| {
                let mut docs = p.docs.clone();
                docs.notes.push(format!(
                    "The `{}` {} parameter.",
                    p.wire,
                    location_word(p.location)
                ));
                let docs = doc_attrs(&docs);
                let field = ident(&p.name);
                let ty = rust_type(api, &p.ty);
                quote!(#docs pub #field: Option<#ty>,)
            });
        out.extend(optional_fields_struct(&doc, &name, fields, false));
    }
    if let (Some((call, with)), Some(options)) = (&op.call, op.options_type) {
        out.extend(call_builder(api, op, *call, with, options, &method));
    }
    let errors: Vec<&ResponseCase> = op.responses.iter().filter(|r| !r.success).collect();
    out.extend(enum_of_cases(
        api,
        api.name(op.error_type),
        format!(" The documented error responses of {method}, chosen by status code."),
        &errors,
    ));
    if let Some(success) = op.success_type {
        let successes: Vec<&ResponseCase> = op.responses.iter().filter(|r| r.success).collect();
        out.extend(enum_of_cases(
            api,
            api.name(success),
            format!(" The documented success responses of {method}."),
            &successes,
        ));
    }
    for case in op.responses.iter().filter(|r| r.success) {
        if let Some((headers, fields)) = &case.headers {
            let name = ident(api.name(*headers));
            let doc = format!(
                " The documented headers of a `{}` response of {method}.",
                case.variant
            );
            let fields = fields.iter().map(|f| {
                let docs = doc_attrs(&f.docs);
                let field = ident(&f.name);
                let ty = rust_type(api, &f.ty);
                quote!(#docs pub #field: Option<#ty>,)
            });
            out.extend(optional_fields_struct(&doc, &name, fields, true));
        }
    }
    out
}

/// A struct whose fields are all `Option`s (optional parameters, documented headers).
fn optional_fields_struct(
    doc: &str,
    name: &proc_macro2::Ident,
    fields: impl Iterator<Item = TokenStream>,
    received: bool,
) -> TokenStream {
    // Headers are only ever built from a response: a new one must not break
    // other crates. Options are built by callers, with `..Default::default()`.
    let received_only = received.then(|| quote!(#[non_exhaustive]));
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        #received_only
        pub struct #name {
            #(#fields)*
        }
    }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The builder an operation's method returns: the required parameters
/// given, a method per optional one, sent by `send` (as reqwest's and
/// octocrab's builders are; an `IntoFuture` impl, a boxed `Send` future per
/// operation, cost 7 % of GitHub's `cargo check`).
fn call_builder(
    api: &Api,
    op: &Operation,
    call: crate::model::TypeId,
    with: &RustName,
    options: crate::model::TypeId,
    method: &str,
) -> TokenStream {
    let name = ident(api.name(call));
    let options = ident(api.name(options));
    let with = ident(with);
    let error = ident(api.name(op.error_type));
    let returns = super::client::success_type(api, op);
    let (_, fields) = super::client::builder_parts(api, op, &quote!('a));
    let field_decls = fields.iter().map(|(field, ty, _)| quote!(#field: #ty,));
    let passed = fields.iter().map(|(field, _, _)| quote!(self.#field));
    let doc = format!(
        " A call of {method}: set its optional parameters with the methods of their names, then `.send().await` it."
    );
    let setters = op
        .params
        .iter()
        .filter(|p| !p.required && p.constant.is_none())
        .map(|p| {
            let field = ident(&p.name);
            let ty = rust_type(api, &p.ty);
            // The wire name is the spec's text: shown as docs show any.
            let doc = format!(
                " Sets the {} {} parameter.",
                crate::doc_text::code_span(&p.wire),
                location_word(p.location)
            );
            quote! {
                #[doc = #doc]
                pub fn #field(mut self, #field: impl Into<#ty>) -> Self {
                    self.options.#field = Some(#field.into());
                    self
                }
            }
        });
    // Sending a deprecated operation's call is what its user asked for.
    let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #[doc = #doc]
        #[must_use = "a call is sent by `.send().await`"]
        pub struct #name<'a> {
            client: &'a Client,
            #(#field_decls)*
            options: #options,
        }

        impl #name<'_> {
            #(#setters)*

            /// Sets every optional parameter at once.
            pub fn options(mut self, options: #options) -> Self {
                self.options = options;
                self
            }

            /// Sends the call.
            #allow_deprecated
            pub async fn send(self) -> Result<#returns, Error<#error>> {
                self.client.#with(#(#passed,)* &self.options).await
            }
        }

    }
}
