//! `Deserialize` for structs, through the runtime's `de::Object`: a match
//! arm per field instead of the derive's field enum, sequence visitor and
//! map visitor, which cost most of a large client's compile time.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Presence, Struct, TypeDef};

pub fn deserialize_impl(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let de = quote!(runtime::__private::de);
    let type_name = def.name.as_str();
    let read = if s.fields.is_empty() && s.extra.is_none() {
        quote! {
            fn read<A: runtime::serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                #de::skip_all(map)?;
                Ok(Self {})
            }
        }
    } else {
        read_fields(s, &de)
    };
    quote! {
        impl<'de> runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #de::object(deserializer)
            }
        }

        impl<'de> #de::Object<'de> for #name {
            const NAME: &'static str = #type_name;

            #read
        }
    }
}

fn read_fields(s: &Struct, de: &TokenStream) -> TokenStream {
    let map = ident(&s.locals.map);
    let key = ident(&s.locals.key);
    let slots = s.fields.iter().map(|field| {
        let local = ident(&field.name);
        let wire = &field.wire;
        quote!(let mut #local = runtime::__private::de::Slot::new(#wire);)
    });
    let arms = s.fields.iter().map(|field| {
        let local = ident(&field.name);
        let wire = &field.wire;
        quote!(#wire => #local.read(&mut #map),)
    });
    let inits = s.fields.iter().map(|field| {
        let local = ident(&field.name);
        match field.presence {
            Presence::Required => quote!(#local: #local.required()?,),
            Presence::RequiredNullable | Presence::Optional => quote!(#local: #local.or_null(),),
            Presence::OptionalNullable => quote!(#local: #local.optional(),),
        }
    });
    let extra_name = ident(&s.extra_name);
    let (extra_slot, other, extra_init) = match &s.extra {
        Some(_) => (
            Some(quote!(let mut #extra_name = ::std::collections::BTreeMap::new();)),
            quote! {
                _ => #map.next_value().map(|value| {
                    #extra_name.insert(#key.into_string(), value);
                }),
            },
            Some(quote!(#extra_name,)),
        ),
        None => (None, quote!(_ => #de::skip(&mut #map),), None),
    };
    // Slot types are inferred from the struct they fill. Full paths: a
    // generated module imports nothing (see the runtime's `expect_runtime!`).
    quote! {
        fn read<A: runtime::serde::de::MapAccess<'de>>(mut #map: A) -> Result<Self, A::Error> {
            #(#slots)*
            #extra_slot
            while let Some(#key) = #map.next_key::<runtime::__private::de::Key>()? {
                // One `?` for all arms: each one is a branch and a
                // conversion for rustc to check.
                match #key.as_str() {
                    #(#arms)*
                    #other
                }?;
            }
            Ok(Self {
                #(#inits)*
                #extra_init
            })
        }
    }
}
