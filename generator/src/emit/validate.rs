//! `Validate` impls: the documented constraints, checked before sending.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, validates};
use crate::model::{Api, Bound, Checks, FloatKind, IntKind, Presence, Struct, TypeDef, TypeRef};

pub fn validate_impl(api: &Api, def: &TypeDef, s: &Struct) -> Option<TokenStream> {
    if !def.validates {
        return None;
    }
    let name = ident(&def.name);
    let fields = s.fields.iter().filter_map(|field| {
        let checks = value_checks(&field.checks, &field.ty, quote!(value), quote!(&at));
        let nested = validates(api, &field.ty)
            .then(|| quote!(::clientgen_runtime::Validate::validate(value, &at)?;));
        if checks.is_empty() && nested.is_none() {
            return None;
        }
        let field_name = ident(&field.name);
        let wire = &field.wire;
        let body = quote! {
            let at = ::clientgen_runtime::__private::check::field(at, #wire);
            #checks
            #nested
        };
        Some(match field.presence {
            Presence::Required => quote! { { let value = &self.#field_name; #body } },
            Presence::RequiredNullable | Presence::Optional => {
                quote! { if let Some(value) = &self.#field_name { #body } }
            }
            Presence::OptionalNullable => {
                quote! { if let Some(Some(value)) = &self.#field_name { #body } }
            }
        })
    });
    let fields: Vec<TokenStream> = fields.collect();
    // Constraints the Rust type already guarantees leave nothing to check.
    let at = if fields.is_empty() {
        quote!(_at)
    } else {
        quote!(at)
    };
    Some(quote! {
        impl ::clientgen_runtime::Validate for #name {
            fn validate(&self, #at: &str) -> Result<(), ::clientgen_runtime::ValidationError> {
                #(#fields)*
                Ok(())
            }
        }
    })
}

/// Calls of `clientgen_runtime::__private::check` for `value` (a reference) found at `at` (a `&str`).
pub fn value_checks(
    checks: &Checks,
    ty: &TypeRef,
    value: TokenStream,
    at: TokenStream,
) -> TokenStream {
    let mut out = TokenStream::new();
    // Secrets are passed as they are: the checks never repeat them.
    let text = matches!(ty, TypeRef::Secret | TypeRef::String).then(|| quote!(#value));
    if let Some(text) = &text {
        if let Some(min) = checks.min_length {
            let min = min as usize;
            out.extend(
                quote!(::clientgen_runtime::__private::check::min_length(#at, #text, #min)?;),
            );
        }
        if let Some(max) = checks.max_length {
            let max = max as usize;
            out.extend(
                quote!(::clientgen_runtime::__private::check::max_length(#at, #text, #max)?;),
            );
        }
        if let Some(pattern) = &checks.pattern {
            out.extend(
                quote!(::clientgen_runtime::__private::check::pattern(#at, #text, #pattern)?;),
            );
        }
    }
    let number = match ty {
        TypeRef::Float(FloatKind::F64) => Some(quote!(*#value)),
        TypeRef::Float(FloatKind::F32) | TypeRef::Integer(IntKind::I32 | IntKind::U32) => {
            Some(quote!(f64::from(*#value)))
        }
        // Precision beyond 2^53 does not matter for documented bounds.
        TypeRef::Integer(IntKind::I64 | IntKind::U64) => Some(quote!(*#value as f64)),
        _ => None,
    };
    if let Some(number) = number {
        if let Some((Bound(min), exclusive)) = checks.minimum {
            out.extend(
                quote!(::clientgen_runtime::__private::check::minimum(#at, #number, #min, #exclusive)?;),
            );
        }
        if let Some((Bound(max), exclusive)) = checks.maximum {
            out.extend(
                quote!(::clientgen_runtime::__private::check::maximum(#at, #number, #max, #exclusive)?;),
            );
        }
        if !checks.one_of.is_empty() && matches!(ty, TypeRef::Integer(_)) {
            let allowed = checks.one_of.iter().map(|v| Literal::i64_unsuffixed(*v));
            out.extend(quote!(::clientgen_runtime::__private::check::one_of(#at, #value, &[#(#allowed),*])?;));
        }
    }
    if let TypeRef::Array(item) = ty {
        if let Some(min) = checks.min_items {
            let min = min as usize;
            out.extend(
                quote!(::clientgen_runtime::__private::check::min_items(#at, #value, #min)?;),
            );
        }
        if let Some(max) = checks.max_items {
            let max = max as usize;
            out.extend(
                quote!(::clientgen_runtime::__private::check::max_items(#at, #value, #max)?;),
            );
        }
        if let Some(inner) = &checks.items {
            // A null item has nothing to check.
            let (item, nullable) = (**item).clone().split_null();
            let item_checks = value_checks(inner, &item, quote!(item), quote!(&at));
            if !item_checks.is_empty() {
                let item_checks = if nullable {
                    quote!(if let Some(item) = item { #item_checks })
                } else {
                    item_checks
                };
                out.extend(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let at = format!("{}[{index}]", #at);
                        #item_checks
                    }
                });
            }
        }
    }
    out
}
