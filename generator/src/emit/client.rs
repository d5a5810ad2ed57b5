//! The `Client` and its async methods: one per operation, building the
//! request (path, query, headers, auth, body) and sending it.

use proc_macro2::TokenStream;
use quote::quote;

use super::validate::{value_checks, Value};
use super::{doc_attrs, ident, rust_type, validates};
use crate::model::{
    allows, Api, Body, Docs, Encoding, HttpMethod, JsonText, MediaKind, ObjectStyle, Operation,
    Param, ParamLocation, PathPart, PathSpan, ResponseCase, TypeRef,
};

pub fn client(api: &Api) -> TokenStream {
    let mut docs = Docs::new(
        Some(&format!("{} ({})", api.title, api.version)),
        api.description.as_ref(),
    );
    docs.notes.push(
        "A client for this API; build one with [`Client::builder`] (a base URL or a \
         documented [`Server`], credentials with [`Auth`]), then call a method per operation:"
            .to_owned(),
    );
    docs.notes.push(
        "\n```\nlet client = Client::builder().base_url(\"https://…\").build()?;\n```".to_owned(),
    );
    docs.notes.extend(operations_by_tag(api));
    let docs = doc_attrs(&docs);
    let default_server = match api.default_server {
        Some(index) => {
            let server = super::service::server_value(&api.servers[index]);
            quote!(Some(#server))
        }
        None => quote!(None),
    };
    let own_servers = &api.operation_servers;
    let operation_servers = (!own_servers.is_empty()).then(|| {
        quote! {
            fn operation_servers() -> &'static [&'static str] {
                &[#(#own_servers),*]
            }
        }
    });
    let idempotency_header = api.idempotency_header.as_ref().map(|header| {
        quote! {
            fn idempotency_header() -> Option<&'static str> {
                Some(#header)
            }
        }
    });
    quote! {
        #docs
        #[derive(Clone, Debug)]
        pub struct Client {
            transport: runtime::Transport,
            auth: Auth,
        }

        /// Configures a [`Client`]: base URL or server, credentials, timeouts, retries.
        pub type ClientBuilder = runtime::ClientBuilder<Client>;

        /// What a call of a [`Client`] method can fail with; `E` is the
        /// operation's enum of documented error responses.
        pub type Error<E> = runtime::Error<E>;

        impl runtime::GeneratedClient for Client {
            type Auth = Auth;
            type Server = Server;

            fn default_server() -> Option<Server> {
                #default_server
            }

            #operation_servers

            #idempotency_header

            fn from_parts(transport: runtime::Transport, auth: Auth) -> Self {
                Self { transport, auth }
            }
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new()
            }

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                self.transport.base_url()
            }

            /// The credentials requests are sent with (redacted in `Debug`).
            pub fn auth(&self) -> &Auth {
                &self.auth
            }

            /// A handle of this client whose calls use `options` (a timeout,
            /// a retry policy, extra headers) where they set one; it shares
            /// the client's connections, credentials and hooks.
            pub fn with(&self, options: runtime::CallOptions) -> Self {
                Self {
                    transport: self.transport.with(options),
                    auth: self.auth.clone(),
                }
            }
        }
    }
}

/// The method's arguments, in the model's order.
fn positional(op: &Operation) -> Vec<&Param> {
    op.arguments
        .iter()
        .map(|index| &op.params[*index])
        .collect()
}

/// The borrowed type a parameter is passed as; `lifetime` (`'a`, or
/// nothing) is the borrow's.
fn arg_type(api: &Api, ty: &TypeRef, lifetime: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Secret => quote!(&#lifetime str),
        ty if ty.passed_by_value() => rust_type(api, ty),
        TypeRef::Array(item) => {
            let item = rust_type(api, item);
            quote!(&#lifetime [#item])
        }
        TypeRef::Bytes => quote!(&#lifetime [u8]),
        _ => {
            let ty = rust_type(api, ty);
            quote!(&#lifetime #ty)
        }
    }
}

fn body_arg_type(api: &Api, body: &Body, lifetime: &TokenStream) -> TokenStream {
    // Bytes in memory, a stream or a file.
    if body.media == MediaKind::Binary {
        return if body.required {
            quote!(impl Into<runtime::Upload>)
        } else {
            quote!(Option<runtime::Upload>)
        };
    }
    let ty = arg_type(api, &body.ty, lifetime);
    if body.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

pub(super) fn success_type(api: &Api, op: &Operation) -> TokenStream {
    let successes: Vec<&ResponseCase> = op.responses.iter().filter(|r| r.success).collect();
    if let Some(success) = op.success_type {
        let name = ident(api.name(success));
        return quote!(runtime::Response<#name>);
    }
    let body = match successes.first().and_then(|r| r.body.as_ref()) {
        Some((ty, MediaKind::EventStream)) => {
            let ty = rust_type(api, ty);
            quote!(runtime::EventStream<#ty>)
        }
        Some((ty, MediaKind::JsonLines)) => {
            let ty = rust_type(api, ty);
            quote!(runtime::JsonLines<#ty>)
        }
        Some((ty, _)) => rust_type(api, ty),
        None => quote!(()),
    };
    match successes.first().and_then(|r| r.headers.as_ref()) {
        Some((headers, _)) => {
            let name = ident(api.name(*headers));
            quote!(runtime::Response<#body, #name>)
        }
        None => quote!(runtime::Response<#body>),
    }
}

/// The block that holds every operation's methods: `impl Client { … }`.
/// The one place it is spelled; whatever writes the module opens it once.
pub fn client_impl(methods: TokenStream) -> TokenStream {
    quote! {
        impl Client {
            #methods
        }
    }
}

/// The method's arguments, as `name: Type`, their borrows `lifetime`'s.
pub(super) fn arguments(api: &Api, op: &Operation, lifetime: &TokenStream) -> Vec<TokenStream> {
    let mut args: Vec<TokenStream> = positional(op)
        .iter()
        .map(|p| {
            let name = ident(&p.name);
            let ty = arg_type(api, &p.ty, lifetime);
            quote!(#name: #ty)
        })
        .collect();
    if let Some(body) = &op.body {
        let ty = body_arg_type(api, body, lifetime);
        args.push(quote!(body: #ty));
    }
    if let Some(options) = op.options_type {
        let options = ident(api.name(options));
        args.push(quote!(options: &#lifetime #options));
    }
    args
}

/// The names of the method's arguments, in order.
pub(super) fn argument_names(op: &Operation) -> Vec<TokenStream> {
    let mut names: Vec<TokenStream> = positional(op)
        .iter()
        .map(|p| {
            let name = ident(&p.name);
            quote!(#name)
        })
        .collect();
    if op.body.is_some() {
        names.push(quote!(body));
    }
    if op.options_type.is_some() {
        names.push(quote!(options));
    }
    names
}

/// An operation's call: the method that sends it and reads its response
/// (a paginated one's first page).
pub(super) fn method(api: &Api, op: &Operation) -> TokenStream {
    // The call takes `self` and the operation's arguments.
    let allowed = super::allow_attrs(&allows(&op.method_name, op.arity() + 1, true));
    let name = ident(&op.method_name);
    // With optional parameters, the method returns the call's builder
    // (`call_method`), and `op_with` takes them all as one struct.
    let (builder, name) = match &op.call {
        Some((call, with)) => (Some(call_method(api, op, *call)), ident(with)),
        None => (None, name),
    };
    let error = ident(api.name(op.error_type));
    let mut docs = op.docs.clone();
    docs.notes
        .insert(0, format!("`{} {}`", op.http_method, op.path_template()));
    if op.deprecated {
        docs.notes.push("Deprecated by the API.".to_owned());
    }
    let sections = crate::emit::docs::lines(&format!(
        "\n{}# Credentials\n\n{}",
        errors_section(api, op),
        auth_note(api, op)
    ));
    let docs = doc_attrs(&docs);
    let docs = quote!(#docs #sections);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let (docs, builder) = match builder {
        Some(builder) => {
            let method = &op.method_name;
            let with_docs =
                format!(" [`Client::{method}`] with its optional parameters as one struct.");
            let with_docs = if method.is_raw() {
                format!(" `Client::{method}` with its optional parameters as one struct.")
            } else {
                with_docs
            };
            (
                quote!(#[doc = #with_docs]),
                quote!(#docs #deprecated #builder),
            )
        }
        None => (docs, TokenStream::new()),
    };

    let args = arguments(api, op, &TokenStream::new());
    let returns = success_type(api, op);
    let checks = param_checks(op);
    let body_check = op
        .body
        .as_ref()
        .filter(|b| validates(api, &b.ty))
        .map(|body| {
            if body.required {
                quote!(runtime::Validate::validate(body, "body")?;)
            } else {
                quote! {
                    if let Some(body) = body {
                        runtime::Validate::validate(body, "body")?;
                    }
                }
            }
        });
    let path = path_expr(op);
    let method = http_method(&op.http_method);
    let page = op.paginator.as_ref().map(|p| ident(&p.page_local));
    let page = quote!(#page);
    let query = query(op, &page);
    let headers = headers(op);
    let send_body = op.body.as_ref().map(|body| send_body(api, body));
    let responses = super::responses::responses(api, op);
    let request = match &op.server {
        _ if op.paginator.is_some() => {
            quote!(#page.request(&self.transport, #method, #path)?)
        }
        Some(server) => {
            quote!(self.transport.request_on(#server, #method, #path))
        }
        None => {
            quote!(self.transport.request(#method, #path))
        }
    };
    // The request, built the same way whichever way its response is read.
    let build = quote! {
        #checks
        #body_check
        let request = #request;
        #query
        #headers
        #send_body
    };
    let Some(paginator) = &op.paginator else {
        let chunks = op.chunks_method.as_ref().map(|chunks| {
            let chunks_allowed = super::allow_attrs(&allows(chunks, op.arity() + 1, true));
            let chunks = ident(chunks);
            let doc = format!(
                " [`Client::{name}`] with the body read as it arrives, chunk by chunk \
                 (`ByteStream::write_to` writes it to a file): for bodies larger than \
                 the response limit, which does not apply here."
            );
            let read = super::responses::chunks(api, op);
            quote! {
                #[doc = #doc]
                #deprecated
                #chunks_allowed
                pub async fn #chunks(&self, #(#args),*) -> Result<runtime::Response<runtime::ByteStream>, Error<#error>> {
                    #build
                    #read
                }
            }
        });
        return quote! {
            #builder

            #docs
            #deprecated
            #allowed
            pub async fn #name(&self, #(#args),*) -> Result<#returns, Error<#error>> {
                #build
                #responses
            }

            #chunks
        };
    };
    // A paginated call is its first page; the page method makes any page.
    // The page method takes the page besides the call's arguments.
    let page_allowed = super::allow_attrs(&allows(&paginator.page_method, op.arity() + 2, true));
    let page_method = ident(&paginator.page_method);
    let names = argument_names(op);
    quote! {
        #builder

        #docs
        #deprecated
        #allowed
        pub async fn #name(&self, #(#args),*) -> Result<#returns, Error<#error>> {
            self.#page_method(#(#names,)* runtime::__private::paging::Page::First).await
        }

        #page_allowed
        async fn #page_method(&self, #(#args,)* #page: runtime::__private::paging::Page) -> Result<#returns, Error<#error>> {
            #build
            #responses
        }
    }
}

/// The operation's method when it has optional parameters: it takes the
/// required ones and returns the call's builder (`call_type`), which sets
/// the optional ones and is sent by `send`.
fn call_method(api: &Api, op: &Operation, call_type: crate::model::TypeId) -> TokenStream {
    let allowed = super::allow_attrs(&allows(&op.method_name, op.arity(), true));
    let name = ident(&op.method_name);
    let call = ident(api.name(call_type));
    let lifetime = quote!('a);
    let (params, fields) = builder_parts(api, op, &lifetime);
    let inits = fields.iter().map(|(field, _, init)| match init {
        Some(init) => quote!(#field: #init),
        None => quote!(#field),
    });
    // Only `self` is borrowed: the lifetime is elided.
    let (generics, this, returned) = if fields.is_empty() {
        (TokenStream::new(), quote!(&self), quote!(#call<'_>))
    } else {
        (quote!(<'a>), quote!(&'a self), quote!(#call<'a>))
    };
    quote! {
        #allowed
        pub fn #name #generics(#this, #(#params),*) -> #returned {
            #call {
                client: self,
                #(#inits,)*
                options: Default::default(),
            }
        }
    }
}

/// A builder's field: its name, its type, and what it is made from when
/// that is not the argument of its name.
type BuilderField = (proc_macro2::Ident, TokenStream, Option<TokenStream>);

/// The builder's constructor parameters, and its fields: the required
/// parameters and the body, borrowed for `'a` (a binary body held as its
/// `Upload`).
pub(super) fn builder_parts(
    api: &Api,
    op: &Operation,
    lifetime: &TokenStream,
) -> (Vec<TokenStream>, Vec<BuilderField>) {
    let mut params = Vec::new();
    let mut fields = Vec::new();
    for p in positional(op) {
        let name = ident(&p.name);
        let ty = arg_type(api, &p.ty, lifetime);
        params.push(quote!(#name: #ty));
        fields.push((name, ty, None));
    }
    if let Some(body) = &op.body {
        let name = proc_macro2::Ident::new("body", proc_macro2::Span::call_site());
        let ty = body_arg_type(api, body, lifetime);
        params.push(quote!(body: #ty));
        let (held, init) = match (body.media, body.required) {
            (MediaKind::Binary, true) => (quote!(runtime::Upload), Some(quote!(body.into()))),
            _ => (ty, None),
        };
        fields.push((name, held, init));
    }
    (params, fields)
}

/// The path: its literal text, with each parameter as one checked segment
/// in its place (`format!`; a path without parameters is its literal).
fn path_expr(op: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut segments = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Param(index) => {
                let param = &op.params[*index];
                let name = ident(&param.name);
                let wire = &param.wire;
                let value = text(param, quote!(#name));
                template.push_str("{}");
                segments.push(match param.span {
                    PathSpan::Segment => {
                        quote!(runtime::__private::path_segment(#wire, #value)?)
                    }
                    PathSpan::Segments => {
                        quote!(runtime::__private::path_segments(#wire, #value)?)
                    }
                });
            }
        }
    }
    if segments.is_empty() {
        // Without parameters, the template is the path itself.
        let literal = op.path_template();
        return quote!(#literal);
    }
    quote!(&format!(#template, #(#segments),*))
}

/// `value` as the text a parameter outside the query is sent as.
fn text(p: &Param, value: TokenStream) -> TokenStream {
    match p.encoding {
        Encoding::Json(form) => json_text(p, value, form),
        Encoding::Joined => quote!(runtime::__private::join(#value)),
        Encoding::Text => displayed(&p.ty, value),
        Encoding::Repeated | Encoding::Object(_) => value,
    }
}

/// `value`, as something whose `Display` is its text on the wire: a typed
/// format whose own `Display` is not (chrono's `DateTime`) goes through the
/// runtime's RFC 3339 writer.
fn displayed(ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Typed(typed) if typed.displays_otherwise() => {
            quote!(runtime::__private::rfc3339(#value))
        }
        _ => value,
    }
}

fn json_text(p: &Param, value: TokenStream, form: JsonText) -> TokenStream {
    let wire = &p.wire;
    let form = match form {
        JsonText::Content => quote!(Content),
        JsonText::Value => quote!(Value),
    };
    quote!(&runtime::__private::json_param(
        #wire,
        #value,
        runtime::__private::JsonText::#form,
    )?)
}

/// Where the value of a parameter is, and whether it is an `Option`.
fn param_value(p: &Param) -> (TokenStream, bool) {
    let name = ident(&p.name);
    if p.required {
        (quote!(#name), false)
    } else {
        (quote!(options.#name), true)
    }
}

fn param_checks(op: &Operation) -> TokenStream {
    op.params
        .iter()
        .filter(|p| p.constant.is_none())
        .map(|p| {
            let wire = &p.wire;
            let (value, optional) = param_value(p);
            let checked = match (optional, p.ty.passed_by_value()) {
                (true, _) => Value::Ref(quote!(value)),
                (false, true) => Value::Place(value.clone()),
                (false, false) => Value::Ref(value.clone()),
            };
            let checks = value_checks(&p.checks, &p.ty, checked, quote!(#wire));
            if checks.is_empty() || !optional {
                return checks;
            }
            quote!(if let Some(value) = &#value { #checks })
        })
        .collect()
}

fn query(op: &Operation, page: &TokenStream) -> TokenStream {
    let params: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .collect();
    if params.is_empty() {
        return TokenStream::new();
    }
    let pushes = params.iter().map(|p| {
        let wire = &p.wire;
        if let Some(constant) = &p.constant {
            return quote!(query.push(#wire, #constant););
        }
        let (place, optional) = param_value(p);
        let value = if optional {
            quote!(value)
        } else {
            place.clone()
        };
        let push = match p.encoding {
            Encoding::Json(form) => {
                let text = json_text(p, value, form);
                quote!(query.push(#wire, #text);)
            }
            Encoding::Repeated => quote!(query.push_each(#wire, #value);),
            Encoding::Joined => quote!(query.push_joined(#wire, #value);),
            Encoding::Object(style) => {
                let style = match style {
                    ObjectStyle::Deep => quote!(Deep),
                    ObjectStyle::Exploded => quote!(Exploded),
                    ObjectStyle::Joined => quote!(Joined),
                };
                quote!(query.push_object(#wire, #value, runtime::__private::ObjectStyle::#style);)
            }
            Encoding::Text => {
                let value = displayed(&p.ty, value);
                quote!(query.push(#wire, #value);)
            }
        };
        if optional {
            quote!(if let Some(value) = &#place { #push })
        } else {
            push
        }
    });
    let page = (!page.is_empty()).then(|| quote!(#page.query(&mut query);));
    quote! {
        let mut query = runtime::__private::Query::new();
        #(#pushes)*
        #page
        let request = request.query(query.pairs());
    }
}

fn headers(op: &Operation) -> TokenStream {
    // `set` of the parameter's text: a constant's, a required one's, or an
    // optional one's when it has a value.
    let set = |p: &Param, set: &dyn Fn(TokenStream) -> TokenStream| {
        let (value, optional) = param_value(p);
        if let Some(constant) = &p.constant {
            set(text(p, quote!(#constant)))
        } else if optional {
            let set = set(text(p, quote!(value)));
            quote!(if let Some(value) = &#value { #set })
        } else if p.ty.passed_by_value() {
            set(text(p, quote!(&#value)))
        } else {
            set(text(p, value))
        }
    };
    let headers = op
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.location == ParamLocation::Header)
        .map(|(index, p)| {
            let wire = &p.wire;
            let push = if p.ty == TypeRef::Secret {
                quote!(push_secret)
            } else {
                quote!(push)
            };
            let (value, optional) = param_value(p);
            if op.idempotency_key == Some(index) && optional && p.constant.is_none() {
                // One key per call, made before the first attempt, so that
                // every retry of the call carries the same.
                let text = text(p, quote!(value));
                return quote! {
                    match &#value {
                        Some(value) => headers.#push(#wire, #text)?,
                        None => headers.#push(#wire, runtime::__private::idempotency_key())?,
                    }
                };
            }
            set(p, &|text| quote!(headers.#push(#wire, #text)?;))
        })
        .collect::<Vec<_>>();
    let headers = (!headers.is_empty()).then(|| {
        quote! {
            let mut headers = runtime::__private::Headers::new();
            #(#headers)*
            let request = headers.apply(request);
        }
    });
    let cookies: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Cookie)
        .map(|p| {
            let wire = &p.wire;
            set(p, &|text| quote!(cookies.push(#wire, #text);))
        })
        .collect();
    let cookies = (!cookies.is_empty()).then(|| {
        quote! {
            let mut cookies = runtime::__private::Cookies::new();
            #(#cookies)*
            let request = cookies.apply(request)?;
        }
    });
    quote!(#headers #cookies)
}

/// A `# Errors` section listing the documented error statuses, each with
/// its variant (rustdoc's convention for what a method can fail with).
fn errors_section(api: &Api, op: &Operation) -> String {
    let mut section = "# Errors\n\n".to_owned();
    for case in op.responses.iter().filter(|case| !case.success) {
        section.push_str(&format!(
            "- `{}`: [`{}::{}`]\n",
            case.status,
            api.name(op.error_type),
            case.variant
        ));
    }
    section.push_str("- any other status: `Error::UnexpectedStatus`; a body that does not match its schema: `Error::InvalidBody`\n\n");
    section
}

/// The credentials the operation accepts, in the spec's scheme names.
fn auth_note(api: &Api, op: &Operation) -> String {
    if op.security.is_empty() {
        return "None: the operation is sent without credentials.".to_owned();
    }
    let alternatives: Vec<String> = op
        .security
        .iter()
        .map(|alternative| {
            if alternative.is_empty() {
                return "anonymous".to_owned();
            }
            let schemes: Vec<String> = alternative
                .iter()
                .map(|index| crate::doc_text::code_span(&api.schemes[*index].wire))
                .collect();
            schemes.join(" and ")
        })
        .collect();
    format!("{}.", alternatives.join(", or "))
}

/// The client's table of contents: each tag's operations (the first tag
/// an operation has, in the order tags first appear; untagged ones last),
/// each a link to its method with its summary.
fn operations_by_tag(api: &Api) -> Vec<String> {
    let mut groups: Vec<(&str, Vec<&Operation>)> = Vec::new();
    for op in &api.operations {
        let tag = op.tags.first().map_or("", String::as_str);
        match groups.iter_mut().find(|(name, _)| *name == tag) {
            Some((_, ops)) => ops.push(op),
            None => groups.push((tag, vec![op])),
        }
    }
    if let Some(untagged) = groups.iter().position(|(name, _)| name.is_empty()) {
        let untagged = groups.remove(untagged);
        groups.push(untagged);
    }
    let mut lines = vec!["\n# Operations".to_owned()];
    let titled = groups.len() > 1 || groups.iter().any(|(name, _)| !name.is_empty());
    for (tag, ops) in groups {
        if titled {
            let title = if tag.is_empty() { "Other" } else { tag };
            lines.push(format!("\n## {}\n", title.replace(['\n', '\r'], " ")));
        }
        for op in ops {
            let summary = op
                .docs
                .summary
                .as_deref()
                .and_then(|s| s.lines().next())
                .map(|s| format!(" — {s}"))
                .unwrap_or_default();
            let method = &op.method_name;
            // An intra-doc link cannot name a raw identifier.
            lines.push(if method.is_raw() {
                format!("- `Client::{}`{summary}", method.in_code())
            } else {
                format!("- [`Client::{method}`]{summary}")
            });
        }
    }
    lines
}

/// The `reqwest::Method` of a method: a constant, or built from its token.
fn http_method(method: &HttpMethod) -> TokenStream {
    let constant = match method {
        HttpMethod::Get => quote!(GET),
        HttpMethod::Put => quote!(PUT),
        HttpMethod::Post => quote!(POST),
        HttpMethod::Delete => quote!(DELETE),
        HttpMethod::Options => quote!(OPTIONS),
        HttpMethod::Head => quote!(HEAD),
        HttpMethod::Patch => quote!(PATCH),
        HttpMethod::Trace => quote!(TRACE),
        HttpMethod::Query | HttpMethod::Extension(_) => {
            let token = method.as_str();
            return quote!(runtime::__private::method(#token)?);
        }
    };
    quote!(runtime::reqwest::Method::#constant)
}

/// A `reqwest::multipart::Form` expression with one part per field of `body`.
fn multipart_form(api: &Api, ty: &TypeRef) -> TokenStream {
    let TypeRef::Named(id) = ty else {
        return quote!(runtime::reqwest::multipart::Form::new());
    };
    let crate::model::TypeKind::Struct(s) = &crate::model::definition(&api.types, *id).kind else {
        return quote!(runtime::reqwest::multipart::Form::new());
    };
    let parts = s.fields.iter().map(|field| {
        let name = ident(&field.name);
        let wire = &field.wire;
        let add = match &field.ty {
            TypeRef::Bytes => {
                quote!(form.part(#wire, runtime::reqwest::multipart::Part::bytes(value.clone())))
            }
            TypeRef::Secret => quote!(form.text(#wire, value.expose().to_owned())),
            TypeRef::String | TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Float(_) => {
                quote!(form.text(#wire, value.to_string()))
            }
            TypeRef::Typed(_) => {
                let value = displayed(&field.ty, quote!(value));
                quote!(form.text(#wire, #value.to_string()))
            }
            TypeRef::Named(id)
                if matches!(
                    crate::model::definition(&api.types, *id).kind,
                    crate::model::TypeKind::Enum(_)
                ) =>
            {
                quote!(form.text(#wire, value.to_string()))
            }
            // Objects and arrays travel as JSON text.
            _ => quote!(form.text(#wire, runtime::__private::json_part(#wire, value)?)),
        };
        match field.presence {
            crate::model::Presence::Required => quote! { let value = &body.#name; form = #add; },
            crate::model::Presence::OptionalNullable => quote! {
                if let Some(Some(value)) = &body.#name { form = #add; }
            },
            _ => quote! { if let Some(value) = &body.#name { form = #add; } },
        }
    });
    quote! {{
        let mut form = runtime::reqwest::multipart::Form::new();
        #(#parts)*
        form
    }}
}

fn send_body(api: &Api, body: &Body) -> TokenStream {
    let content_type = &body.content_type;
    let by_value = matches!(
        body.ty,
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Float(_)
    );
    let send = match body.media {
        MediaKind::Json if by_value => quote!(request.json(&body)),
        MediaKind::Json => quote!(request.json(body)),
        MediaKind::Form => quote!(request.form(body)),
        // A request body is never read as a stream (`pick_media`): text.
        MediaKind::Text | MediaKind::EventStream | MediaKind::JsonLines => quote! {
            request
                .header(runtime::reqwest::header::CONTENT_TYPE, #content_type)
                .body(body.to_owned())
        },
        MediaKind::Binary if body.required => quote!(body.into().send(request, #content_type)),
        MediaKind::Binary => quote!(body.send(request, #content_type)),
        MediaKind::Multipart => {
            let form = multipart_form(api, &body.ty);
            quote!(request.multipart(#form))
        }
    };
    if body.required {
        quote!(let request = #send;)
    } else {
        quote! {
            let request = match body {
                Some(body) => #send,
                None => request,
            };
        }
    }
}
