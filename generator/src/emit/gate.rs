//! Feature gates on generated items: `#[cfg]` (and `doc(cfg)` for docs.rs)
//! before every top-level item of a section, as the model's features say.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::model::{Features, ALL_FEATURE};

/// The attributes that gate an item on `features` (indices into
/// `all.names`): on when any of them is; with none, on with `all`.
pub fn attrs(all: &Features, features: &[usize]) -> TokenStream {
    let names: Vec<&str> = match features {
        [] => vec![ALL_FEATURE],
        some => some
            .iter()
            .map(|index| all.names[*index].as_str())
            .collect(),
    };
    // `any` of one is flagged by clippy (`non_minimal_cfg`).
    let predicate = match names.as_slice() {
        [one] => quote!(feature = #one),
        many => quote!(any(#(feature = #many),*)),
    };
    quote! {
        #[cfg(#predicate)]
        #[cfg_attr(docsrs, doc(cfg(#predicate)))]
    }
}

/// `tokens` with `attrs` before each of its top-level items (or associated
/// items, for the body of an impl block). An item ends at a `;` or at a
/// brace-delimited body that no `;` follows: that is where every item Rust
/// has ends, and no item has either at its top level before its end.
pub fn gate(tokens: TokenStream, attrs: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut at_start = true;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        if at_start {
            out.extend(attrs.clone());
        }
        let ends = match &token {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace
                    && !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        out.extend([token]);
        at_start = ends;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_gated_once() {
        let items = quote! {
            /// A.
            #[derive(Debug)]
            pub struct A { pub x: u8 }
            pub struct B(pub [u8; 4]);
            pub type C = B;
            impl A { pub fn new() -> Self { Self { x: 1 } } }
            pub const D: A = A { x: 2 };
            pub struct E;
        };
        let gated = gate(items, &quote!(#[cfg(x)])).to_string();
        assert_eq!(gated.matches("# [cfg (x)]").count(), 6, "{gated}");
        let file: syn::File = syn::parse_str(&gated).unwrap();
        assert_eq!(file.items.len(), 6);
        for item in file.items {
            let attrs = match item {
                syn::Item::Struct(s) => s.attrs,
                syn::Item::Type(t) => t.attrs,
                syn::Item::Impl(i) => i.attrs,
                syn::Item::Const(c) => c.attrs,
                _ => panic!("an unexpected item"),
            };
            assert!(attrs.iter().any(|a| a.path().is_ident("cfg")));
        }
    }
}
