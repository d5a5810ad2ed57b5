//! Reading a response: one `match` arm per documented status, typed bodies
//! and headers, and the undocumented rest.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, rust_type};
use crate::model::{Api, MediaKind, Operation, ResponseCase, StatusMatch, TypeRef};

fn status_pattern(status: StatusMatch, success: bool) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(range) => {
            let low = Literal::u16_unsuffixed(range * 100);
            let high = Literal::u16_unsuffixed(range * 100 + 99);
            quote!(#low..=#high)
        }
        StatusMatch::Default if success => quote!(200..=299),
        StatusMatch::Default => quote!(_),
    }
}

/// An expression that reads the body of `response` as `ty`.
fn read_body(api: &Api, body: Option<&(TypeRef, MediaKind)>) -> TokenStream {
    match body {
        None => quote!(()),
        Some((_, MediaKind::Text | MediaKind::EventStream | MediaKind::JsonLines)) => {
            quote!(response.text_body()?)
        }
        Some((_, MediaKind::Binary)) => quote!(response.bytes_body()?),
        Some((ty, _)) => {
            let ty = rust_type(api, ty);
            quote!(response.json::<#ty>()?)
        }
    }
}

/// The operation as the runtime sees it: its operationId and path template
/// (which its span names, with the `tracing` feature), and the credential
/// sets it accepts, each a list of `(scheme, credential)`.
fn call(api: &Api, op: &Operation) -> TokenStream {
    let operation = &op.id;
    let template = op.path_template();
    let security = op.security.iter().map(|set| {
        let entries = set.iter().map(|index| {
            let scheme = &api.schemes[*index];
            let wire = &scheme.wire;
            let field = ident(&scheme.name);
            quote!((#wire, self.auth.#field.as_ref()))
        });
        quote!(&[#(#entries),*])
    });
    quote! {
        runtime::__private::Call {
            operation: #operation,
            template: #template,
            security: &[#(#security),*],
        }
    }
}

/// Sends the request and reads the response: whole, or, for an operation
/// whose one success is a stream, only its head until the status says
/// which.
pub fn responses(api: &Api, op: &Operation) -> TokenStream {
    let call = call(api, op);
    let Some((stream, ty, kind)) = op.responses.iter().find_map(|case| match &case.body {
        Some((ty, kind @ (MediaKind::EventStream | MediaKind::JsonLines))) if case.success => {
            Some((case, ty, *kind))
        }
        _ => None,
    }) else {
        let read = read_whole(api, op, None);
        return quote! {
            let response = self.transport.send_call(request, #call).await?;
            #read
        };
    };
    let sentinel = match &op.sentinel {
        Some(sentinel) => quote!(Some(#sentinel)),
        None => quote!(None),
    };
    let open = match (kind, ty) {
        (MediaKind::EventStream, TypeRef::String) => quote!(response.text_events(#sentinel)),
        (MediaKind::EventStream, ty) => {
            let ty = rust_type(api, ty);
            quote!(response.events::<#ty>(#sentinel))
        }
        (_, ty) => {
            let ty = rust_type(api, ty);
            quote!(response.json_lines::<#ty>())
        }
    };
    streamed(api, op, stream, &open)
}

/// Sends the request and reads its one (binary) success as chunks.
pub fn chunks(api: &Api, op: &Operation) -> TokenStream {
    match op.responses.iter().find(|case| case.success) {
        Some(success) => streamed(api, op, success, &quote!(response.byte_stream())),
        None => quote!(Err(response.unexpected())),
    }
}

/// Opens the response, reads the `stream` case's body with `open`, and any
/// other whole.
fn streamed(api: &Api, op: &Operation, stream: &ResponseCase, open: &TokenStream) -> TokenStream {
    let call = call(api, op);
    let streams = match stream.status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(response.status().as_u16() == #code)
        }
        other => {
            let pattern = status_pattern(other, true);
            quote!(matches!(response.status().as_u16(), #pattern))
        }
    };
    let read = read_whole(api, op, Some(stream));
    quote! {
        let response = self.transport.open_call(request, #call).await?;
        if #streams {
            return Ok(#open);
        }
        let response = response.read().await?;
        #read
    }
}

/// The `match` over the status of a whole response; `streamed`, the
/// success already read as a stream, has no arm.
fn read_whole(api: &Api, op: &Operation, streamed: Option<&ResponseCase>) -> TokenStream {
    let error = ident(api.name(op.error_type));
    let mut arms: Vec<TokenStream> = Vec::new();
    let mut catch_all = false;
    for case in op
        .responses
        .iter()
        .filter(|case| !streamed.is_some_and(|streamed| std::ptr::eq(*case, streamed)))
    {
        let pattern = status_pattern(case.status, case.success);
        catch_all |= case.status == StatusMatch::Default && !case.success;
        let body = read_body(api, case.body.as_ref());
        let held = if case.boxed {
            quote!(Box::new(body))
        } else {
            quote!(body)
        };
        let variant = ident(&case.variant);
        let value = match (case.body.is_some(), case.status.carries_status()) {
            (true, true) => quote!(#variant { status, body: #held }),
            (true, false) => quote!(#variant(#held)),
            (false, true) => quote!(#variant { status }),
            (false, false) => quote!(#variant),
        };
        let arm = if case.success {
            let headers = match &case.headers {
                Some((headers, fields)) if op.success_type.is_none() => {
                    let name = ident(api.name(*headers));
                    let fields = fields.iter().map(|f| {
                        let field = ident(&f.name);
                        let wire = &f.wire;
                        let ty = rust_type(api, &f.ty);
                        quote!(#field: response.header::<#ty>(#wire)?)
                    });
                    quote!(#name { #(#fields),* })
                }
                _ => quote!(()),
            };
            let value = match op.success_type {
                Some(success) => {
                    let success = ident(api.name(success));
                    quote!(#success::#value)
                }
                None if case.body.is_some() => quote!(body),
                None => quote!(()),
            };
            let read_headers = (case.headers.is_some() && op.success_type.is_none())
                .then(|| quote!(let headers = #headers;));
            let headers = if read_headers.is_some() {
                quote!(headers)
            } else {
                headers
            };
            let read_body = case.body.is_some().then(|| quote!(let body = #body;));
            let plain_json = matches!(case.body, Some((_, MediaKind::Json)))
                && read_headers.is_none()
                && op.success_type.is_none();
            if plain_json {
                quote!(#pattern => response.json_response(),)
            } else if read_body.is_some() || read_headers.is_some() {
                quote! { #pattern => {
                    #read_body
                    #read_headers
                    Ok(response.into_response(#value, #headers))
                } }
            } else {
                quote!(#pattern => Ok(response.into_response(#value, #headers)),)
            }
        } else if matches!(case.body, Some((_, MediaKind::Json))) && !case.status.carries_status() {
            quote!(#pattern => response.api_error(#error::#variant),)
        } else if case.body.is_some() {
            quote! { #pattern => {
                let body = #body;
                response.api(#error::#value)
            } }
        } else {
            quote!(#pattern => response.api(#error::#value),)
        };
        arms.push(arm);
    }
    if !op.responses.iter().any(|r| r.success) {
        arms.push(quote!(200..=299 => Ok(response.into_response((), ())),));
    }

    if arms.is_empty() && !catch_all {
        return quote!(Err(response.unexpected()));
    }
    if !catch_all {
        arms.push(quote!(_ => Err(response.unexpected()),));
    }
    quote! {
        let status = response.status().as_u16();
        match status {
            #(#arms)*
        }
    }
}
