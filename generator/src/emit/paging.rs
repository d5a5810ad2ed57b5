//! A paginated operation's `op_pages` and `op_items`: streams that call its
//! page method again for each next page.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::{argument_names, arguments, success_type};
use super::{ident, rust_type};
use crate::model::{allows, Api, FieldPath, FieldStep, Operation, PageStyle, Paginator, Param};

pub fn methods(api: &Api, op: &Operation, paginator: &Paginator) -> TokenStream {
    let lifetime = quote!('a);
    let args = arguments(api, op, &lifetime);
    let names = argument_names(op);
    let method = ident(&op.method_name);
    let pages_allowed = super::allow_attrs(&allows(&paginator.pages_method, op.arity() + 1, true));
    let pages = ident(&paginator.pages_method);
    let page_method = ident(&paginator.page_method);
    let error = ident(api.name(op.error_type));
    let returns = success_type(api, op);
    let page = ident(&paginator.page_local);
    let next = next_page(op, &paginator.style, &quote!(#page));
    // Only counted styles look at the page they follow.
    let reads_page = match paginator.style {
        PageStyle::Offset { .. } | PageStyle::Number { .. } => quote!(#page),
        PageStyle::Link | PageStyle::Cursor { .. } => quote!(_),
    };
    let how = paginator.style.describe(&op.params);
    let pages_doc = format!(
        " Every page of [`Client::{method}`], one call each, following {how}; the first \
         error ends the stream. Arguments other than the page's are those of the first call."
    );
    let pages_method = quote! {
        #[doc = #pages_doc]
        #pages_allowed
        pub fn #pages<'a>(&'a self, #(#args),*) -> impl runtime::Stream<Item = Result<#returns, Error<#error>>> + 'a {
            runtime::__private::paging::pages(
                // The page method's own future: no async block around it.
                move |#page| self.#page_method(#(#names,)* #page),
                // `move`: a required page or size argument is the caller's
                // value, which outlives this call only as a copy.
                move |response, #reads_page| #next,
            )
        }
    };
    let Some(items) = &paginator.items else {
        return pages_method;
    };
    let items_allowed = super::allow_attrs(&allows(&paginator.items_method, op.arity() + 1, true));
    let items_method = ident(&paginator.items_method);
    let item = rust_type(api, &items.item);
    let take = owned(quote!(response.into_body()), &items.path);
    let items_doc = format!(
        " Every item of every page of [`Client::{method}`], in order (see [`Client::{pages}`])."
    );
    quote! {
        #pages_method

        #[doc = #items_doc]
        #items_allowed
        pub fn #items_method<'a>(&'a self, #(#args),*) -> impl runtime::Stream<Item = Result<#item, Error<#error>>> + 'a {
            runtime::__private::paging::items(
                self.#pages(#(#names),*),
                |response| #take,
            )
        }
    }
}

/// The expression for the page after `page`, given `response`.
fn next_page(op: &Operation, style: &PageStyle, page: &TokenStream) -> TokenStream {
    let paging = quote!(runtime::__private::paging);
    let count = || {
        let items = op
            .paginator
            .as_ref()
            .and_then(|p| p.items.as_ref())
            .map(|items| &items.path);
        match items.map(|path| reach(quote!(response.body()), path)) {
            Some(Reach::Place(place)) => quote!(#place.len()),
            Some(Reach::Option(option)) => quote!(#option.map_or(0, Vec::len)),
            None => quote!(0),
        }
    };
    let number = |path: &Option<FieldPath>| match path {
        Some(path) => copied(quote!(response.body()), path),
        None => quote!(None::<i64>),
    };
    match style {
        PageStyle::Link => quote!(#paging::next_link(response.headers())),
        PageStyle::Offset {
            offset,
            limit,
            total,
        } => {
            let wire = &op.params[*offset].wire;
            let first = caller_value(&op.params[*offset]);
            let limit = limit.map_or(quote!(None::<i64>), |limit| caller_value(&op.params[limit]));
            let count = count();
            let total = number(total);
            quote!(#paging::next_offset(#page, #wire, #first, #count, #limit, #total))
        }
        PageStyle::Number {
            page: number_param,
            size,
            start,
            total_pages,
        } => {
            let wire = &op.params[*number_param].wire;
            let first = caller_value(&op.params[*number_param]);
            let size = size.map_or(quote!(None::<i64>), |size| caller_value(&op.params[size]));
            let count = count();
            let total_pages = number(total_pages);
            let start = proc_macro2::Literal::u64_unsuffixed(*start);
            quote!(#paging::next_number(#page, #wire, #first, #start, #count, #size, #total_pages))
        }
        PageStyle::Cursor { cursor, next } => {
            let wire = &op.params[*cursor].wire;
            let next = text(quote!(response.body()), next);
            quote!(#paging::next_cursor(#wire, #next))
        }
    }
}

/// What the caller gave for a parameter, as an `Option`.
fn caller_value(param: &Param) -> TokenStream {
    let name = ident(&param.name);
    if param.required {
        quote!(Some(#name))
    } else {
        quote!(options.#name)
    }
}

/// A value reached through fields: a place while every field is there,
/// an `Option` of a reference from the first that may be absent.
enum Reach {
    Place(TokenStream),
    Option(TokenStream),
}

fn reach(root: TokenStream, path: &[FieldStep]) -> Reach {
    let mut reach = Reach::Place(root);
    for step in path {
        let field = ident(&step.name);
        let flatten = (step.options == 2).then(|| quote!(.and_then(Option::as_ref)));
        reach = match (reach, step.options) {
            (Reach::Place(place), 0) => Reach::Place(quote!(#place.#field)),
            (Reach::Place(place), _) => Reach::Option(quote!(#place.#field.as_ref() #flatten)),
            (Reach::Option(option), 0) => Reach::Option(quote!(#option.map(|value| &value.#field))),
            (Reach::Option(option), _) => {
                Reach::Option(quote!(#option.and_then(|value| value.#field.as_ref()) #flatten))
            }
        };
    }
    reach
}

/// A number reached through fields, copied out as an `Option`.
fn copied(root: TokenStream, path: &FieldPath) -> TokenStream {
    let Some((last, before)) = path.split_last() else {
        return quote!(Some(#root));
    };
    let field = ident(&last.name);
    let flatten = (last.options == 2).then(|| quote!(.flatten()));
    match (reach(root, before), last.options) {
        (Reach::Place(place), 0) => quote!(Some(#place.#field)),
        (Reach::Place(place), _) => quote!(#place.#field #flatten),
        (Reach::Option(option), 0) => quote!(#option.map(|value| value.#field)),
        (Reach::Option(option), _) => quote!(#option.and_then(|value| value.#field) #flatten),
    }
}

/// A string reached through fields, as an `Option<&str>`.
fn text(root: TokenStream, path: &FieldPath) -> TokenStream {
    let Some((last, before)) = path.split_last() else {
        return quote!(Some(#root.as_str()));
    };
    let field = ident(&last.name);
    match (reach(root, before), last.options) {
        (Reach::Place(place), 0) => quote!(Some(#place.#field.as_str())),
        (Reach::Place(place), 1) => quote!(#place.#field.as_deref()),
        (Reach::Place(place), _) => quote!(#place.#field.as_ref().and_then(Option::as_deref)),
        (Reach::Option(option), 0) => quote!(#option.map(|value| value.#field.as_str())),
        (Reach::Option(option), 1) => quote!(#option.and_then(|value| value.#field.as_deref())),
        (Reach::Option(option), _) => quote!(#option
            .and_then(|value| value.#field.as_ref())
            .and_then(Option::as_deref)),
    }
}

/// The items taken out of an owned body; none where a field is absent.
fn owned(root: TokenStream, path: &FieldPath) -> TokenStream {
    let mut expr = root;
    let mut optional = false;
    for step in path {
        let field = ident(&step.name);
        let flatten = (step.options == 2).then(|| quote!(.flatten()));
        expr = match (optional, step.options) {
            (false, _) => quote!(#expr.#field #flatten),
            (true, 0) => quote!(#expr.map(|value| value.#field)),
            (true, _) => quote!(#expr.and_then(|value| value.#field) #flatten),
        };
        optional |= step.options > 0;
    }
    if optional {
        quote!(#expr.unwrap_or_default())
    } else {
        expr
    }
}
