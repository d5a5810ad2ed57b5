//! Structs, enums, unions and aliases for the schemas.

use proc_macro2::TokenStream;
use quote::quote;

use super::deserialize::deserialize_impl;
use super::serialize::serialize_impl;
use super::validate::validate_impl;
use super::{doc_attrs, ident, rust_type};
use crate::model::{
    allows, Api, Field, Presence, StringEnum, Struct, Tagged, TypeDef, TypeKind, TypeRef, Variant,
};

const SERDE: &str = "runtime::serde";

pub fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let attributes = user_attributes(&def.attributes);
    let docs = quote!(#docs #attributes);
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => {
            let body = structure(api, def, s);
            let validate = validate_impl(api, def, s);
            quote! { #docs #body #validate }
        }
        TypeKind::Enum(e) => string_enum(api, def, &docs, e),
        TypeKind::Untagged(variants) => untagged(api, def, &docs, variants),
        TypeKind::Tagged(tagged) => tagged_union(api, def, &docs, tagged),
        TypeKind::Alias(ty) => {
            let ty = rust_type(api, ty);
            quote! { #docs pub type #name = #ty; }
        }
        TypeKind::Newtype(ty) => newtype(api, def, &docs, ty),
        // Made from its operation, with it: `operation_types`.
        TypeKind::Owned(_) => TokenStream::new(),
        // The user's: every use names its path.
        TypeKind::External(_) => TokenStream::new(),
    }
}

/// The attributes the user asked for, which the model checked parse.
fn user_attributes(attributes: &[String]) -> TokenStream {
    attributes
        .iter()
        .filter_map(|attribute| attribute.parse::<TokenStream>().ok())
        .collect()
}

/// A type that holds itself through aliases (`A` is a map of `A`): a
/// transparent newtype, since a Rust alias cannot refer to itself.
fn newtype(api: &Api, def: &TypeDef, docs: &TokenStream, ty: &TypeRef) -> TokenStream {
    let name = ident(&def.name);
    let inner = rust_type(api, ty);
    let validate = def.validates.then(|| {
        quote! {
            impl runtime::Validate for #name {
                fn validate_at(
                    &self,
                    at: &runtime::__private::check::Path<'_>,
                ) -> Result<(), runtime::ValidationError> {
                    runtime::Validate::validate_at(&self.0, at)
                }
            }
        }
    });
    let serde = serde_derives(api, def);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq #serde)]
        #[serde(crate = #SERDE, transparent)]
        pub struct #name(pub #inner);
        #validate
    }
}

/// The serde derives a type needs for the way it travels; at least one,
/// since a type no operation uses gets both.
fn serde_derives(api: &Api, def: &TypeDef) -> TokenStream {
    let serialize = api.writes(def).then(|| quote!(, runtime::serde::Serialize));
    let deserialize = api
        .reads(def)
        .then(|| quote!(, runtime::serde::Deserialize));
    quote!(#serialize #deserialize)
}

/// The field's type as declared: boxed and optional as needed.
pub fn field_type(api: &Api, field: &Field) -> TokenStream {
    let ty = rust_type(api, &field.ty);
    let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
    match field.presence {
        Presence::Required => ty,
        Presence::RequiredNullable | Presence::Optional => quote!(Option<#ty>),
        Presence::OptionalNullable => quote!(Option<Option<#ty>>),
    }
}

fn structure(api: &Api, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let default = s.derives_default().then(|| quote!(, Default));
    let fields = s.fields.iter().map(|field| {
        let docs = doc_attrs(&field.docs);
        let attributes = user_attributes(&field.attributes);
        let docs = quote!(#docs #attributes);
        let field_name = ident(&field.name);
        let ty = field_type(api, field);
        quote! { #docs pub #field_name: #ty, }
    });
    let extra_name = ident(&s.extra_name);
    let extra = s.extra.as_ref().map(|value| {
        let value = rust_type(api, value);
        quote! {
            /// Properties beyond the documented ones.
            pub #extra_name: ::std::collections::BTreeMap<String, #value>,
        }
    });
    let constructor = constructor(api, def, s);
    // Each impl only where the type travels that way: a client that only
    // reads a type has no use for writing it, and checking the impl costs.
    let serialize = api.writes(def).then(|| serialize_impl(def, s));
    let deserialize = api.reads(def).then(|| deserialize_impl(def, s));
    // Only the deserializer builds a type that is only ever received: a new
    // documented field must not break other crates (see `diff`).
    let received_only = api.non_exhaustive(def).then(|| quote!(#[non_exhaustive]));
    quote! {
        #[derive(Clone, Debug, PartialEq #default)]
        #received_only
        pub struct #name {
            #(#fields)*
            #extra
        }
        #constructor
        #serialize
        #deserialize
    }
}

/// `new` with the required fields, when there are optional ones to leave out.
fn constructor(api: &Api, def: &TypeDef, s: &Struct) -> Option<TokenStream> {
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.spec_required_now()).collect();
    if required.is_empty() || required.len() == s.fields.len() {
        return None;
    }
    let name = ident(&def.name);
    let params = required.iter().map(|f| {
        let field_name = ident(&f.name);
        let ty = super::types::field_type(api, f);
        quote!(#field_name: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let field_name = ident(&f.name);
        if f.spec_required_now() {
            quote!(#field_name)
        } else {
            quote!(#field_name: None)
        }
    });
    let extra_name = ident(&s.extra_name);
    let extra = s
        .extra
        .as_ref()
        .map(|_| quote!(#extra_name: Default::default(),));
    let many = super::allow_attrs(&allows(&"new".into(), required.len(), false));
    let doc = format!(
        " A `{}` with the required fields; the optional ones are `None`.",
        def.name
    );
    Some(quote! {
        impl #name {
            #[doc = #doc]
            #many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #extra }
            }
        }
    })
}

fn string_enum(api: &Api, def: &TypeDef, docs: &TokenStream, e: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let type_name = def.name.as_str();
    let unknown = ident(&e.unknown);
    let variants = e.values.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = format!(" {}", crate::doc_text::code_span(&v.wire));
        quote!(#[doc = #doc] #variant,)
    });
    let as_str = e.values.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire;
        quote!(Self::#variant => #wire,)
    });
    let from = e.values.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire;
        quote!(#wire => Self::#variant,)
    });
    let serialize = api.writes(def).then(|| {
        quote! {
            impl runtime::serde::Serialize for #name {
                fn serialize<S: runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        }
    });
    let deserialize = api.reads(def).then(|| {
        quote! {
            impl<'de> runtime::serde::Deserialize<'de> for #name {
                fn deserialize<D: runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    // A value the spec does not list is kept, and reported as drift.
                    runtime::__private::de::enum_text(deserializer, #type_name, |value: &Self| matches!(value, Self::#unknown(_)))
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know yet, kept as sent.
            #unknown(String),
        }

        impl #name {
            /// The value as it is on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from)*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #serialize
        #deserialize
    }
}

fn untagged(api: &Api, def: &TypeDef, docs: &TokenStream, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name);
    // A union of scalars can be a parameter: it shows as the value it holds.
    let display = variants
        .iter()
        .all(|v| crate::model::is_scalar(&api.types, &v.ty))
        .then(|| {
            let arms = variants.iter().map(|v| {
                let variant = ident(&v.name);
                quote!(Self::#variant(value) => ::std::fmt::Display::fmt(value, f),)
            });
            quote! {
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match self {
                            #(#arms)*
                        }
                    }
                }
            }
        });
    let variants = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(api, &v.ty);
        let ty = if matches!(v.ty, TypeRef::Named(_)) {
            quote!(Box<#ty>)
        } else {
            ty
        };
        quote!(#variant(#ty),)
    });
    let serde = serde_derives(api, def);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq #serde)]
        #[serde(crate = #SERDE, untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        #display
    }
}

/// A `oneOf` with a discriminator: serialized as the variant itself (which
/// carries its tag), read by looking at the tag first. An unknown tag keeps
/// the object as it came.
fn tagged_union(api: &Api, def: &TypeDef, docs: &TokenStream, tagged: &Tagged) -> TokenStream {
    let name = ident(&def.name);
    let property = &tagged.property;
    let unknown = ident(&tagged.unknown);
    let variants = tagged.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(api, &v.ty);
        let doc = format!(
            " {}: {}",
            crate::doc_text::code_span(property),
            v.tags
                .iter()
                .map(|t| crate::doc_text::code_span(t))
                .collect::<Vec<_>>()
                .join(", ")
        );
        quote!(#[doc = #doc] #variant(Box<#ty>),)
    });
    let arms = tagged.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let tags = &v.tags;
        quote!(#(#tags)|* => runtime::__private::buffered::from_buffered(value).map(Self::#variant),)
    });
    let unknown_doc = format!(
        " An object whose {} this client does not know yet, kept as received.",
        crate::doc_text::code_span(property)
    );
    // Written as the variant itself, which carries its tag.
    let written = api.writes(def);
    let serialize = written.then(|| quote!(, runtime::serde::Serialize));
    let serde_attrs = written.then(|| quote!(#[serde(crate = #SERDE, untagged)]));
    let deserialize = api.reads(def).then(|| {
        quote! {
            impl<'de> runtime::serde::Deserialize<'de> for #name {
                fn deserialize<D: runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    // Read once, and handed on as it is: linear in the body however deep unions nest.
                    let value = runtime::__private::buffered::buffer(deserializer)?;
                    let tag = value.get(#property).and_then(runtime::serde_json::Value::as_str).unwrap_or_default().to_owned();
                    let parsed = match tag.as_str() {
                        #(#arms)*
                        _ => return Ok(Self::#unknown(value)),
                    };
                    parsed.map_err(runtime::serde::de::Error::custom)
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq #serialize)]
        #serde_attrs
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = #unknown_doc]
            #unknown(runtime::serde_json::Value),
        }

        #deserialize
    }
}
