//! `Serialize` for structs, through the runtime's `ser::Fields`: one call
//! per field, where the derive's `skip_serializing_if` and length counting
//! cost a large client seconds of compile time.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Struct, TypeDef};

pub fn serialize_impl(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let type_name = def.name.as_str();
    let writes = s.fields.iter().map(|field| {
        let member = ident(&field.name);
        let wire = &field.wire;
        if field.spec_required_now() {
            quote!(out.field(#wire, &self.#member)?;)
        } else {
            quote!(out.optional(#wire, &self.#member)?;)
        }
    });
    let start = match (&s.extra, s.fields.is_empty()) {
        (Some(_), _) => {
            quote!(let mut out = runtime::__private::ser::entries(serializer)?;)
        }
        // Nothing to write before `end`.
        (None, true) => {
            quote!(let out = runtime::__private::ser::fields(serializer, #type_name, 0)?;)
        }
        (None, false) => {
            let len = length(s);
            quote! {
                let len = #len;
                let mut out = runtime::__private::ser::fields(serializer, #type_name, len)?;
            }
        }
    };
    let extra_name = super::ident(&s.extra_name);
    let rest = s
        .extra
        .as_ref()
        .map(|_| quote!(out.rest(&self.#extra_name)?;));
    quote! {
        impl runtime::serde::Serialize for #name {
            fn serialize<S: runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #start
                #(#writes)*
                #rest
                out.end()
            }
        }
    }
}

/// The number of fields written: the required ones, and the optional ones
/// that are `Some`.
fn length(s: &Struct) -> TokenStream {
    let required = s.fields.iter().filter(|f| f.spec_required_now()).count();
    let required_literal = proc_macro2::Literal::usize_unsuffixed(required);
    let optional: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| !f.spec_required_now())
        .map(|f| {
            let member = ident(&f.name);
            quote!(self.#member.is_some())
        })
        .collect();
    let present = quote!(runtime::__private::ser::present(&[#(#optional),*]));
    match (required, optional.is_empty()) {
        (0, _) => present,
        (_, true) => quote!(#required_literal),
        (_, false) => quote!(#required_literal + #present),
    }
}
