//! The model to Rust tokens. Reads only [`crate::model`]; the order of items
//! is the model's order, so output never depends on hashing.

mod client;
mod deserialize;
mod docs;
mod gate;
mod operation_types;
mod paging;
mod responses;
mod serialize;
mod service;
mod types;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Api, FloatKind, IntKind, RustName, TypeRef, Typed};

pub use docs::doc_attrs;

/// A part of the generated module that can be emitted on its own, so that
/// large modules are emitted and formatted on several threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The client, its credentials and servers.
    Client,
    /// An operation's methods, without their block: consecutive ones go in
    /// one [`client_impl`], so that one block holds every method.
    Method(usize),
    /// An operation's own types, and the inline types it introduced.
    Operation(usize),
    /// A type that no operation introduced (a component schema, say).
    Shared(usize),
}

/// The module's sections, in the order they are written.
pub fn sections(api: &Api) -> Vec<Section> {
    let methods = (0..api.operations.len()).map(Section::Method);
    let operations = (0..api.operations.len()).map(Section::Operation);
    let shared = api
        .types
        .iter()
        .enumerate()
        .filter(|(_, def)| def.origin.is_none())
        .map(|(index, _)| Section::Shared(index));
    std::iter::once(Section::Client)
        .chain(methods)
        .chain(operations)
        .chain(shared)
        .collect()
}

/// The clientgen-runtime API level generated code is written for: this
/// crate's `major.minor` before 1.0, its major after (the two crates share
/// a version). The runtime's `expect_runtime!` accepts its own level.
pub fn runtime_level() -> &'static str {
    if env!("CARGO_PKG_VERSION_MAJOR") == "0" {
        concat!("0.", env!("CARGO_PKG_VERSION_MINOR"))
    } else {
        env!("CARGO_PKG_VERSION_MAJOR")
    }
}

/// The tokens of one section.
pub fn emit_section(api: &Api, section: Section) -> TokenStream {
    match section {
        Section::Client => {
            // First: on another runtime, this is the one error.
            let level = runtime_level();
            let client = client::client(api);
            let service = service::auth_and_servers(api);
            // A crate with features: docs.rs shows what needs which.
            let doc_cfg = api
                .features
                .is_some()
                .then(|| quote!(#![cfg_attr(docsrs, feature(doc_cfg))]));
            // Typed dates need the runtime's feature of their crate.
            let feature = api.date_feature.map(|feature| {
                let feature = proc_macro2::Ident::new(feature, Span::call_site());
                quote!(, #feature)
            });
            quote! {
                #doc_cfg
                ::clientgen_runtime::expect_runtime!(#level #feature);
                #client
                #service
            }
        }
        Section::Method(index) => gated(
            api,
            operation_methods(api, &api.operations[index]),
            |features| &features.operations[index],
        ),
        Section::Operation(index) => {
            let op = &api.operations[index];
            let own_types = gated(api, operation_types::operation_types(api, op), |features| {
                &features.operations[index]
            });
            // An inline type is gated on its own users: another operation
            // may share it.
            let inline = api
                .types
                .iter()
                .enumerate()
                .filter(|(_, def)| def.origin == Some(index) && !def.is_owned())
                .map(|(id, def)| {
                    gated(api, types::type_def(api, def), |features| {
                        &features.types[id]
                    })
                });
            quote! {
                #own_types
                #(#inline)*
            }
        }
        Section::Shared(index) => gated(api, types::type_def(api, &api.types[index]), |features| {
            &features.types[index]
        }),
    }
}

pub use client::client_impl;

/// `tokens`, each item gated on the features `of` picks, when the client
/// has features.
fn gated(
    api: &Api,
    tokens: TokenStream,
    of: impl Fn(&crate::model::Features) -> &Vec<usize>,
) -> TokenStream {
    match &api.features {
        Some(features) => gate::gate(tokens, &gate::attrs(features, of(features))),
        None => tokens,
    }
}

/// An operation's methods: its call, and the paging ones where it pages.
fn operation_methods(api: &Api, op: &crate::model::Operation) -> TokenStream {
    let method = client::method(api, op);
    let paging = op
        .paginator
        .as_ref()
        .map(|paginator| paging::methods(api, op, paginator));
    quote! {
        #method
        #paging
    }
}

/// A run of sections as items: each section's own, except that consecutive
/// methods are gathered into one [`client_impl`]. `true` marks such a block.
pub fn items(api: &Api, run: &[Section]) -> Vec<(bool, TokenStream)> {
    let mut items: Vec<(bool, TokenStream)> = Vec::new();
    for section in run {
        let tokens = emit_section(api, *section);
        let method = matches!(section, Section::Method(_));
        match items.last_mut() {
            Some((true, methods)) if method => methods.extend(tokens),
            _ => items.push((method, tokens)),
        }
    }
    items
        .into_iter()
        .map(|(method, tokens)| match method {
            true => (true, client_impl(tokens)),
            false => (false, tokens),
        })
        .collect()
}

/// The whole generated module, as one token stream.
pub fn emit(api: &Api) -> TokenStream {
    items(api, &sections(api))
        .into_iter()
        .map(|(_, tokens)| tokens)
        .collect()
}

/// `#[allow(clippy::…)]` for each lint the model allows a function.
pub fn allow_attrs(lints: &[crate::model::Lint]) -> TokenStream {
    lints
        .iter()
        .map(|lint| {
            let name = Ident::new(lint.name(), Span::call_site());
            quote!(#[allow(clippy::#name)])
        })
        .collect()
}

/// The identifier of a name the model decided (raw where the model says).
pub fn ident(name: &RustName) -> Ident {
    if name.is_raw() {
        Ident::new_raw(name.as_str(), Span::call_site())
    } else {
        Ident::new(name.as_str(), Span::call_site())
    }
}

/// The Rust type of a model type.
pub fn rust_type(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Secret => quote!(runtime::SecretString),
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer(IntKind::I32) => quote!(i32),
        TypeRef::Integer(IntKind::I64) => quote!(i64),
        TypeRef::Integer(IntKind::U32) => quote!(u32),
        TypeRef::Integer(IntKind::U64) => quote!(u64),
        TypeRef::Float(FloatKind::F32) => quote!(f32),
        TypeRef::Float(FloatKind::F64) => quote!(f64),
        TypeRef::Json => quote!(runtime::serde_json::Value),
        TypeRef::JsonObject => {
            quote!(runtime::serde_json::Map<String, runtime::serde_json::Value>)
        }
        TypeRef::Bytes => quote!(Vec<u8>),
        TypeRef::Typed(typed) => typed_type(*typed),
        TypeRef::Named(id) => match &api.types[id.0].kind {
            // The user's type, by the path the model checked parses.
            crate::model::TypeKind::External(path) => path.parse().unwrap_or_default(),
            _ => {
                let name = ident(&api.types[id.0].name);
                quote!(#name)
            }
        },
        TypeRef::Array(item) => {
            let item = rust_type(api, item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(api, value);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(api, inner);
            quote!(Option<#inner>)
        }
    }
}

/// The type of a typed format, by the path the runtime re-exports its crate at.
fn typed_type(typed: Typed) -> TokenStream {
    match typed {
        Typed::ChronoDateTime => quote!(runtime::chrono::DateTime<runtime::chrono::Utc>),
        Typed::ChronoDate => quote!(runtime::chrono::NaiveDate),
        Typed::JiffTimestamp => quote!(runtime::jiff::Timestamp),
        Typed::JiffDate => quote!(runtime::jiff::civil::Date),
        Typed::JiffDuration => quote!(runtime::jiff::SignedDuration),
        Typed::Uuid => quote!(runtime::uuid::Uuid),
        Typed::Url => quote!(runtime::url::Url),
        Typed::Ipv4 => quote!(::std::net::Ipv4Addr),
        Typed::Ipv6 => quote!(::std::net::Ipv6Addr),
    }
}

/// Whether checking a value of `ty` calls `Validate`.
pub fn validates(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(id) => api.types[id.0].validates,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            validates(api, inner)
        }
        _ => false,
    }
}
