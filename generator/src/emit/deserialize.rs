//! `Deserialize` for structs, through the runtime's `de::Object`: a match
//! arm per field instead of the derive's field enum, sequence visitor and
//! map visitor, which cost most of a large client's compile time.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Presence, Struct, TypeDef};

pub fn deserialize_impl(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let de = quote!(::clientgen_runtime::__private::de);
    let type_name = def.name.as_str();
    let read = if s.fields.is_empty() && s.extra.is_none() {
        quote! {
            fn read<A: ::clientgen_runtime::serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                #de::skip_all(map)?;
                Ok(Self {})
            }
        }
    } else {
        read_fields(s, &de)
    };
    quote! {
        impl<'de> ::clientgen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::clientgen_runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
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
        quote!(let mut #local = Slot::new(#wire);)
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
    // Slot types are inferred from the struct they fill, and `use` inside
    // the function shadows any generated type called `Key` or `Slot`.
    quote! {
        fn read<A: ::clientgen_runtime::serde::de::MapAccess<'de>>(mut #map: A) -> Result<Self, A::Error> {
            use ::clientgen_runtime::__private::de::{Key, Slot};
            #(#slots)*
            #extra_slot
            while let Some(#key) = #map.next_key::<Key>()? {
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
