//! A generated module as the items a caller can name: types, their fields
//! and variants, and the methods of each type. Read from the Rust itself
//! (syn), so that it is exactly what callers compile against, whether the
//! module came from a spec just now or is a committed file.

use std::collections::BTreeMap;
use std::fmt;

use quote::ToTokens;
use syn::ext::IdentExt;

/// Every public item by its Rust path (`Client::create_user`, `User::email`).
pub type Surface = BTreeMap<ItemPath, Item>;

/// A public item as callers name it: a type, or a member of one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemPath {
    /// The type (`Client`, `User`).
    pub owner: String,
    /// The member of the owner, or `None` for the type itself.
    pub member: Option<Member>,
}

/// What of a type an [`ItemPath`] names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Member {
    /// A field, variant or method, as callers write it (without `r#`).
    Named(String),
    /// The type's impl of a trait (`Serialize`).
    Impl(String),
}

impl ItemPath {
    /// The type `name` itself.
    pub fn of_type(name: impl Into<String>) -> ItemPath {
        ItemPath {
            owner: name.into(),
            member: None,
        }
    }

    /// The field, variant or method `name` of `owner`.
    pub fn named(owner: impl Into<String>, name: impl Into<String>) -> ItemPath {
        ItemPath {
            owner: owner.into(),
            member: Some(Member::Named(name.into())),
        }
    }

    /// `owner`'s impl of `trait_name`.
    pub fn impl_of(owner: impl Into<String>, trait_name: impl Into<String>) -> ItemPath {
        ItemPath {
            owner: owner.into(),
            member: Some(Member::Impl(trait_name.into())),
        }
    }

    /// The type this item is, or belongs to.
    pub fn owner_type(&self) -> ItemPath {
        ItemPath::of_type(self.owner.clone())
    }

    /// The same member of another type.
    pub fn moved_to(&self, owner: &str) -> ItemPath {
        ItemPath {
            owner: owner.to_owned(),
            member: self.member.clone(),
        }
    }

    /// Whether this is a type, not a member of one.
    pub fn is_type(&self) -> bool {
        self.member.is_none()
    }

    /// The member's name (`email`), or the trait of an impl.
    pub fn member_name(&self) -> &str {
        match &self.member {
            Some(Member::Named(name) | Member::Impl(name)) => name,
            None => &self.owner,
        }
    }
}

impl fmt::Display for ItemPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.owner)?;
        match &self.member {
            None => Ok(()),
            Some(Member::Named(name)) => write!(f, "::{name}"),
            Some(Member::Impl(trait_name)) => write!(f, "::impl {trait_name}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A struct, enum or alias; `exhaustive` is false for `#[non_exhaustive]`,
    /// `default` is true where it derives `Default`.
    Type {
        kind: TypeKind,
        exhaustive: bool,
        default: bool,
    },
    /// A public field, with its type.
    Field(String),
    /// An enum variant, with what it holds (empty for a unit variant).
    Variant(String),
    /// A public method: its arguments after `self`, and what it returns.
    Method {
        args: Vec<(String, String)>,
        output: String,
    },
    /// A serde trait the type implements (`User::impl Serialize`): which
    /// ones follows the way the type travels, and callers may rely on them.
    Impl,
}

/// The traits whose impls are part of the surface.
const TRAITS: [&str; 2] = ["Serialize", "Deserialize"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Struct,
    Enum,
    /// `type A = B;` with its target.
    Alias(String),
}

/// `tokens` with every function body emptied: the surface is in the
/// signatures, and parsing the bodies was most of the time of a diff.
pub fn without_bodies(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Delimiter, Group, TokenTree};
    let mut in_signature = false;
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Ident(ident) => {
                in_signature |= ident == "fn";
                TokenTree::Ident(ident)
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace && in_signature => {
                in_signature = false;
                TokenTree::Group(Group::new(Delimiter::Brace, Default::default()))
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                TokenTree::Group(Group::new(Delimiter::Brace, without_bodies(group.stream())))
            }
            other => other,
        })
        .collect()
}

/// The surface of a parsed module.
pub fn of(file: &syn::File) -> Surface {
    let mut surface = Surface::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => {
                let name = s.ident.to_string();
                let fields: Vec<(String, String)> = match &s.fields {
                    syn::Fields::Named(named) => named
                        .named
                        .iter()
                        .filter(|f| is_pub(&f.vis))
                        .filter_map(|f| Some((f.ident.as_ref()?.unraw().to_string(), text(&f.ty))))
                        .collect(),
                    syn::Fields::Unnamed(unnamed) => unnamed
                        .unnamed
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| is_pub(&f.vis))
                        .map(|(index, f)| (index.to_string(), text(&f.ty)))
                        .collect(),
                    syn::Fields::Unit => Vec::new(),
                };
                for (field, ty) in fields {
                    surface.insert(ItemPath::named(&name, field), Item::Field(ty));
                }
                derived_impls(&name, &s.attrs, &mut surface);
                surface.insert(
                    ItemPath::of_type(name),
                    Item::Type {
                        kind: TypeKind::Struct,
                        exhaustive: exhaustive(&s.attrs),
                        default: derives_default(&s.attrs),
                    },
                );
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => {
                let name = e.ident.to_string();
                for variant in &e.variants {
                    let payload = match &variant.fields {
                        syn::Fields::Unit => String::new(),
                        // Docs are not the payload's type: fields and types only.
                        syn::Fields::Named(named) => {
                            let fields: Vec<String> = named
                                .named
                                .iter()
                                .map(|f| {
                                    let name = f.ident.as_ref().map(IdentExt::unraw);
                                    format!(
                                        "{}:{}",
                                        name.map(|n| n.to_string()).unwrap_or_default(),
                                        text(&f.ty)
                                    )
                                })
                                .collect();
                            format!("{{{}}}", fields.join(", "))
                        }
                        syn::Fields::Unnamed(unnamed) => {
                            let fields: Vec<String> =
                                unnamed.unnamed.iter().map(|f| text(&f.ty)).collect();
                            format!("({})", fields.join(", "))
                        }
                    };
                    surface.insert(
                        ItemPath::named(&name, variant.ident.unraw().to_string()),
                        Item::Variant(payload),
                    );
                }
                derived_impls(&name, &e.attrs, &mut surface);
                surface.insert(
                    ItemPath::of_type(name),
                    Item::Type {
                        kind: TypeKind::Enum,
                        exhaustive: exhaustive(&e.attrs),
                        default: false,
                    },
                );
            }
            syn::Item::Type(alias) if is_pub(&alias.vis) => {
                surface.insert(
                    ItemPath::of_type(alias.ident.to_string()),
                    Item::Type {
                        kind: TypeKind::Alias(text(&alias.ty)),
                        exhaustive: true,
                        default: false,
                    },
                );
            }
            syn::Item::Impl(imp) if imp.trait_.is_some() => {
                let (Some((_, path, _)), syn::Type::Path(owner)) = (&imp.trait_, &*imp.self_ty)
                else {
                    continue;
                };
                let (Some(trait_name), Some(owner)) =
                    (path.segments.last(), owner.path.segments.last())
                else {
                    continue;
                };
                let trait_name = trait_name.ident.to_string();
                if TRAITS.contains(&trait_name.as_str()) {
                    surface.insert(
                        ItemPath::impl_of(owner.ident.to_string(), trait_name),
                        Item::Impl,
                    );
                }
            }
            syn::Item::Impl(imp) => {
                let syn::Type::Path(owner) = &*imp.self_ty else {
                    continue;
                };
                let Some(owner) = owner.path.segments.last() else {
                    continue;
                };
                for item in &imp.items {
                    if let syn::ImplItem::Fn(method) = item {
                        if is_pub(&method.vis) {
                            surface.insert(
                                ItemPath::named(
                                    owner.ident.to_string(),
                                    method.sig.ident.unraw().to_string(),
                                ),
                                signature(&method.sig),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }
    surface
}

fn signature(sig: &syn::Signature) -> Item {
    let args = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(arg) => {
                let name = match &*arg.pat {
                    syn::Pat::Ident(pat) => pat.ident.unraw().to_string(),
                    other => other.to_token_stream().to_string(),
                };
                Some((name, text(&arg.ty)))
            }
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Default => "()".to_owned(),
        syn::ReturnType::Type(_, ty) => text(ty),
    };
    Item::Method { args, output }
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn exhaustive(attrs: &[syn::Attribute]) -> bool {
    !attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// The serde traits in `#[derive(...)]`.
fn derived_impls(owner: &str, attrs: &[syn::Attribute], surface: &mut Surface) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                let name = last.ident.to_string();
                if TRAITS.contains(&name.as_str()) {
                    surface.insert(ItemPath::impl_of(owner, name), Item::Impl);
                }
            }
            Ok(())
        });
    }
}

fn derives_default(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("derive")
            && a.meta
                .to_token_stream()
                .into_iter()
                .any(|t| t.to_string().contains("Default"))
    })
}

/// A type as a reader writes it: `Option<Vec<String>>`, with the runtime's
/// path left out, and a reference's lifetime too (`&'a str` is `&str` to a
/// caller: which lifetime a method names does not change its calls).
fn text(ty: &syn::Type) -> String {
    without_reference_lifetimes(&compact(&ty.to_token_stream().to_string()))
}

/// `&'a T` → `&T`.
fn without_reference_lifetimes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&'") {
        out.push_str(&rest[..=at]);
        let after = &rest[at + 2..];
        let end = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        rest = after[end..].strip_prefix(' ').unwrap_or(&after[end..]);
    }
    out.push_str(rest);
    out
}

fn compact(tokens: &str) -> String {
    let mut out = String::with_capacity(tokens.len());
    let mut chars = tokens.chars().peekable();
    let mut last = ' ';
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied().unwrap_or(' ');
            // Spaces survive only between two word characters, `&'a T`
            // and after a comma.
            let words = (last.is_alphanumeric() || last == '_')
                && (next.is_alphanumeric() || next == '_' || next == '\'');
            if words || last == ',' {
                out.push(' ');
            }
            continue;
        }
        // A trailing comma is how a long type was wrapped, not the type.
        if matches!(c, '>' | ')' | ']' | '}') {
            let trimmed = out.trim_end_matches(' ');
            if let Some(without) = trimmed.strip_suffix(',') {
                out.truncate(without.len());
            }
        }
        out.push(c);
        last = c;
    }
    without_runtime_paths(&out.replace("::clientgen_runtime::", "")).replace("&mut", "&mut ")
}

/// `runtime::Response<T>` → `Response<T>`: generated code names the runtime
/// `runtime` (older files `::clientgen_runtime`); either way, the same type.
fn without_runtime_paths(text: &str) -> String {
    const PREFIX: &str = "runtime::";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(PREFIX) {
        let starts_path = !rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        out.push_str(&rest[..at]);
        if !starts_path {
            out.push_str(PREFIX);
        }
        rest = &rest[at + PREFIX.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_under_either_name_is_the_same_type() {
        assert_eq!(
            compact("::clientgen_runtime::Response<Vec<my_runtime::X>>"),
            compact("runtime::Response<Vec<my_runtime::X>>")
        );
        assert_eq!(compact("runtime::Response<()>"), "Response<()>");
    }

    #[test]
    fn a_wrapped_type_is_the_same_type() {
        let wrapped: syn::Type = syn::parse_str("Result<\n  Response<A>,\n  Error<E>,\n>").unwrap();
        let flat: syn::Type = syn::parse_str("Result<Response<A>, Error<E>>").unwrap();
        assert_eq!(text(&wrapped), text(&flat));
        assert_eq!(text(&flat), "Result<Response<A>, Error<E>>");
    }

    #[test]
    fn items_are_named_as_callers_name_them() {
        let file: syn::File = syn::parse_str(
            r#"
            #[non_exhaustive]
            pub enum Role { Admin, Unknown(String) }
            impl ::clientgen_runtime::serde::Serialize for Role { fn serialize() {} }
            #[derive(Clone, ::clientgen_runtime::serde::Deserialize)]
            pub struct User { pub r#type: Option<::clientgen_runtime::SecretString>, private: u8 }
            pub struct Id(pub i64);
            pub type Tags = Vec<String>;
            impl Client {
                pub async fn create_user(&self, team_id: &str, body: &User) -> Result<Response<User, ()>, Error<E>> { todo!() }
                fn hidden(&self) {}
            }
            impl Clone for Client { fn clone(&self) -> Self { todo!() } }
            "#,
        )
        .unwrap();
        let surface = of(&file);
        let keys: Vec<String> = surface.keys().map(ItemPath::to_string).collect();
        assert_eq!(
            keys,
            [
                "Client::create_user",
                "Id",
                "Id::0",
                "Role",
                "Role::Admin",
                "Role::Unknown",
                "Role::impl Serialize",
                "Tags",
                "User",
                "User::type",
                "User::impl Deserialize"
            ]
        );
        assert_eq!(
            surface[&ItemPath::named("User", "type")],
            Item::Field("Option<SecretString>".to_owned())
        );
        assert_eq!(
            surface[&ItemPath::named("Role", "Unknown")],
            Item::Variant("(String)".to_owned())
        );
        assert_eq!(
            surface[&ItemPath::of_type("Role")],
            Item::Type {
                kind: TypeKind::Enum,
                exhaustive: false,
                default: false,
            }
        );
        assert_eq!(
            surface[&ItemPath::named("Client", "create_user")],
            Item::Method {
                args: vec![
                    ("team_id".to_owned(), "&str".to_owned()),
                    ("body".to_owned(), "&User".to_owned())
                ],
                output: "Result<Response<User, ()>, Error<E>>".to_owned(),
            }
        );
    }
}
