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
        let field_name = ident(&field.name);
        let wire = &field.wire;
        // The value itself where it is always there, else what `if let` binds.
        let value = match field.presence {
            Presence::Required => Value::Place(quote!(self.#field_name)),
            _ => Value::Ref(quote!(value)),
        };
        let at = quote!(runtime::__private::check::field(at, #wire));
        let checks = value_checks(&field.checks, &field.ty, value.clone(), at.clone());
        let reference = value.reference();
        let nested = validates(api, &field.ty)
            .then(|| quote!(runtime::Validate::validate_at(#reference, &#at)?;));
        if checks.is_empty() && nested.is_none() {
            return None;
        }
        let body = quote!(#checks #nested);
        Some(match field.presence {
            Presence::Required => body,
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
        impl runtime::Validate for #name {
            fn validate_at(
                &self,
                #at: &runtime::__private::check::Path<'_>,
            ) -> Result<(), runtime::ValidationError> {
                #(#fields)*
                Ok(())
            }
        }
    })
}

/// A checked value as code can name it.
#[derive(Clone)]
pub enum Value {
    /// A reference to it (`value`, bound by `if let`).
    Ref(TokenStream),
    /// The value itself (`self.email`).
    Place(TokenStream),
}

impl Value {
    fn reference(&self) -> TokenStream {
        match self {
            Value::Ref(value) => value.clone(),
            Value::Place(place) => quote!(&#place),
        }
    }

    fn copied(&self) -> TokenStream {
        match self {
            Value::Ref(value) => quote!(*#value),
            Value::Place(place) => place.clone(),
        }
    }

    /// Where a method can be called on it.
    fn receiver(&self) -> TokenStream {
        match self {
            Value::Ref(value) | Value::Place(value) => value.clone(),
        }
    }
}

/// Calls of `clientgen_runtime::__private::check` (by their full path: a
/// generated module imports nothing, see the runtime's `expect_runtime!`) for `value` found at `at` (anything `Display`: the path is
/// written only on failure).
pub fn value_checks(checks: &Checks, ty: &TypeRef, value: Value, at: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let copied = value.copied();
    let receiver = value.receiver();
    let value = value.reference();
    // Secrets are passed as they are: the checks never repeat them.
    let text = matches!(ty, TypeRef::Secret | TypeRef::String).then(|| quote!(#value));
    if let Some(text) = &text {
        if let Some(min) = checks.min_length {
            let min = Literal::usize_unsuffixed(min as usize);
            out.extend(quote!(runtime::__private::check::min_length(#at, #text, #min)?;));
        }
        if let Some(max) = checks.max_length {
            let max = Literal::usize_unsuffixed(max as usize);
            out.extend(quote!(runtime::__private::check::max_length(#at, #text, #max)?;));
        }
        if let Some(pattern) = &checks.pattern {
            out.extend(quote!(runtime::__private::check::pattern(#at, #text, #pattern)?;));
        }
    }
    let number = match ty {
        TypeRef::Float(FloatKind::F64) => Some(copied),
        TypeRef::Float(FloatKind::F32) | TypeRef::Integer(IntKind::I32 | IntKind::U32) => {
            Some(quote!(f64::from(#copied)))
        }
        // Precision beyond 2^53 does not matter for documented bounds.
        TypeRef::Integer(IntKind::I64 | IntKind::U64) => Some(quote!(#copied as f64)),
        _ => None,
    };
    if let Some(number) = number {
        if let Some((Bound(min), exclusive)) = checks.minimum {
            out.extend(
                quote!(runtime::__private::check::minimum(#at, #number, #min, #exclusive)?;),
            );
        }
        if let Some((Bound(max), exclusive)) = checks.maximum {
            out.extend(
                quote!(runtime::__private::check::maximum(#at, #number, #max, #exclusive)?;),
            );
        }
        if !checks.one_of.is_empty() && matches!(ty, TypeRef::Integer(_)) {
            let allowed = checks.one_of.iter().map(|v| Literal::i64_unsuffixed(*v));
            out.extend(quote!(runtime::__private::check::one_of(#at, #value, &[#(#allowed),*])?;));
        }
    }
    if let TypeRef::Array(item) = ty {
        if let Some(min) = checks.min_items {
            let min = Literal::usize_unsuffixed(min as usize);
            out.extend(quote!(runtime::__private::check::min_items(#at, #value, #min)?;));
        }
        if let Some(max) = checks.max_items {
            let max = Literal::usize_unsuffixed(max as usize);
            out.extend(quote!(runtime::__private::check::max_items(#at, #value, #max)?;));
        }
        if let Some(inner) = &checks.items {
            // A null item has nothing to check.
            let (item, nullable) = (**item).clone().split_null();
            // An item's path is `Copy` (its parts are borrowed): passed as is.
            let item_checks = value_checks(inner, &item, Value::Ref(quote!(item)), quote!(at));
            if !item_checks.is_empty() {
                let item_checks = if nullable {
                    quote!(if let Some(item) = item { #item_checks })
                } else {
                    item_checks
                };
                out.extend(quote! {
                    for (index, item) in #receiver.iter().enumerate() {
                        let at = runtime::__private::check::item(#at, index);
                        #item_checks
                    }
                });
            }
        }
    }
    out
}
