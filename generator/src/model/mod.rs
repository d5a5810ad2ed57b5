//! The intermediate representation: what a client is made of, with every name
//! decided and nothing of Rust's syntax. Lowering from OpenAPI lives in the
//! submodules; the emitters read only these types.

mod cycles;
mod direction;
mod features;
mod formats;
mod lower;
mod nullable;
mod paging;
mod reserved;
mod select;
mod settings;
mod shape;
mod status;

use crate::doc_text::code_span;
pub use crate::ident::RustName;

pub use features::{Features, ALL as ALL_FEATURE};
pub use formats::{DateCrate, Format, Formats, Typed};
pub use lower::lower;
pub use select::Selection;
pub use settings::{Custom, Printing, Settings};
pub use shape::{allows, Lint};

/// An API as the generated module presents it.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// The runtime feature the client's typed dates need (`chrono`, `jiff`).
    pub date_feature: Option<&'static str>,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// Every named type, in a fixed order: component schemas as the spec
    /// lists them, then the inline types and the operations' own types
    /// ([`TypeKind::Owned`]) in the order they were met.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    pub schemes: Vec<SecurityScheme>,
    /// The credentials `Auth::new` takes: the first requirement of the document.
    pub auth_new: Vec<usize>,
    pub servers: Vec<Server>,
    /// The server a client built without a base URL talks to: the first
    /// documented one, when its URL is absolute (a relative one needs a base).
    pub default_server: Option<usize>,
    /// The servers operations document as their own, sorted, each once:
    /// the ones a user may send elsewhere (`ClientBuilder::server_url`).
    pub operation_servers: Vec<String>,
    /// The idempotency-key header the operations document, if any: the
    /// transport retries a call that carries it as it would an idempotent one.
    pub idempotency_header: Option<String>,
    /// The cargo features that gate operations and types, when the client
    /// is a crate of its own ([`Settings::features`]).
    pub features: Option<Features>,
    /// Every type is written and read (`Serialize` and `Deserialize`), not
    /// only the way it travels: for programs that load requests from files or
    /// print responses.
    pub both_ways: bool,
}

impl Api {
    /// The name of a type.
    pub fn name(&self, id: TypeId) -> &RustName {
        &self.types[id.0].name
    }

    /// Whether the client writes values of `def` (sends them).
    pub fn writes(&self, def: &TypeDef) -> bool {
        self.both_ways || def.direction.written()
    }

    /// Whether the client reads values of `def` (receives them).
    pub fn reads(&self, def: &TypeDef) -> bool {
        self.both_ways || def.direction.read()
    }
}

/// The index of a type in [`Api::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Text from the spec for a doc comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Docs {
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Extra lines the generator adds (defaults, constraints, wire names).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: RustName,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Sent, and has documented constraints, itself or in a type it holds:
    /// it is checked before sending.
    pub validates: bool,
    /// Which way it travels.
    pub direction: Direction,
    /// The operation (index into [`Api::operations`]) that owns this type,
    /// or whose inline schema first defined it; `None` for components and
    /// their parts.
    pub origin: Option<usize>,
    /// Where the spec defines it (a component, or the inline schema first
    /// met), for messages and API diffs.
    pub pointer: String,
    /// Attributes the user asked for (`Config::type_attribute`), each
    /// checked to parse as outer attributes.
    pub attributes: Vec<String>,
}

impl TypeDef {
    /// An operation's own type ([`TypeKind::Owned`]).
    pub fn is_owned(&self) -> bool {
        matches!(self.kind, TypeKind::Owned(_))
    }
}

/// Which way a type travels between client and server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Direction {
    /// In a request body or a parameter, or inside one.
    pub sent: bool,
    /// In a response body, or inside one.
    pub received: bool,
    /// A component no operation uses, or held by one: a caller may build,
    /// send or read it on their own, so it goes both ways.
    pub spare: bool,
}

impl Direction {
    /// The client writes it: it is sent, or spare.
    pub fn written(self) -> bool {
        self.sent || self.spare
    }

    /// The client reads it: it is received, or spare.
    pub fn read(self) -> bool {
        self.received || self.spare
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that keeps values it does not know.
    Enum(StringEnum),
    /// One of several shapes, tried in order.
    Untagged(Vec<Variant>),
    /// One of several objects, told apart by a discriminator property.
    Tagged(Tagged),
    /// Another name for a type (`types.Metadata` is a map of strings).
    Alias(TypeRef),
    /// A type of its own wrapping another, for aliases that lead back to
    /// themselves (`A` is a map of `A`), which Rust aliases cannot.
    Newtype(TypeRef),
    /// A type an operation (its `origin`) defines for itself, made from
    /// what the operation holds: it is emitted with the operation's method.
    Owned(Owned),
    /// The user's own type (`Config::replace`, `x-rust-type`), by its path:
    /// nothing is generated for it, and every use names the path.
    External(String),
}

/// The part an operation-owned type plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owned {
    /// The struct of the optional parameters.
    Options,
    /// The enum of the documented error responses, chosen by status.
    Errors,
    /// The enum of the success responses, when there are several.
    Successes,
    /// The struct of a success response's documented headers.
    Headers,
    /// The call with its optional parameters still to set, sent by its
    /// `send`: what the operation's method returns.
    Call,
}

impl TypeKind {
    /// Replaces every named type it holds by what `map` makes of it.
    pub fn map_named(&mut self, map: &mut impl FnMut(TypeId) -> TypeId) {
        match self {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|f| f.ty.map_named(map));
                if let Some(extra) = &mut s.extra {
                    extra.map_named(map);
                }
            }
            TypeKind::Untagged(variants) | TypeKind::Tagged(Tagged { variants, .. }) => {
                variants.iter_mut().for_each(|v| v.ty.map_named(map));
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty.map_named(map),
            TypeKind::Enum(_) | TypeKind::Owned(_) | TypeKind::External(_) => {}
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` beside named properties: kept in a flattened map.
    pub extra: Option<TypeRef>,
    /// The name of the field that holds them, claimed before any property's
    /// (a property called `additional_properties` is renamed, not the map).
    pub extra_name: RustName,
    /// The names of the reader's own locals, which no field has.
    pub locals: ReaderLocals,
}

/// The locals of a struct's reader besides its fields' own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReaderLocals {
    /// The map being read.
    pub map: RustName,
    /// The key just read.
    pub key: RustName,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: RustName,
    pub wire: String,
    pub docs: Docs,
    pub ty: TypeRef,
    /// Whether the field may be absent or null; decided by
    /// `direction::settle_required` from `spec_required`, `nullable`,
    /// `access` and which way the type travels.
    pub presence: Presence,
    /// Listed in the schema's `required`.
    pub spec_required: bool,
    pub nullable: bool,
    pub access: Access,
    /// Boxed to break a cycle of types.
    pub boxed: bool,
    pub checks: Checks,
    /// Attributes the user asked for (`Config::field_attribute`).
    pub attributes: Vec<String>,
}

/// How a field may be missing: the four cases JSON distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Always there, never null: `T`.
    Required,
    /// Always there, maybe null: `Option<T>`, sent as `null`.
    RequiredNullable,
    /// Maybe absent, never null: `Option<T>`, left out when `None`.
    Optional,
    /// Maybe absent, maybe null: `Option<Option<T>>`.
    OptionalNullable,
}

impl Presence {
    /// `T` itself, not an `Option`.
    pub fn is_required(self) -> bool {
        self == Presence::Required
    }
}

impl Field {
    /// Must be given when the struct is built (`Required` or `RequiredNullable`).
    pub fn spec_required_now(&self) -> bool {
        matches!(
            self.presence,
            Presence::Required | Presence::RequiredNullable
        )
    }
}

/// `readOnly` / `writeOnly`: a field that travels only one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    ReadWrite,
    ReadOnly,
    WriteOnly,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StringEnum {
    pub values: Vec<EnumValue>,
    /// The variant that keeps unknown values.
    pub unknown: RustName,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EnumValue {
    pub name: RustName,
    pub wire: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    pub name: RustName,
    pub ty: TypeRef,
    /// The discriminator values that select this variant (tagged unions only).
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tagged {
    /// The discriminator property.
    pub property: String,
    pub variants: Vec<Variant>,
    /// The variant that keeps objects with a tag this client does not know.
    pub unknown: RustName,
}

/// A Rust type, in terms of named types and a few primitives.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    String,
    /// A password or other secret: redacted in `Debug`.
    Secret,
    Bool,
    Integer(IntKind),
    Float(FloatKind),
    /// Any JSON value.
    Json,
    /// Any JSON object.
    JsonObject,
    /// `type: string, format: binary` bodies.
    Bytes,
    /// A string format typed as the user asked (a date, a UUID, a URL).
    Typed(Typed),
    Named(TypeId),
    Array(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// The type or JSON `null`: an array item, map value, union or body
    /// whose schema admits null. Fields and parameters never hold one:
    /// there it is their `nullable` flag (see [`TypeRef::split_null`]).
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// This type, or null. Any JSON value already admits null, and a
    /// nullable type is not made nullable twice.
    pub fn or_null(self) -> TypeRef {
        match self {
            TypeRef::Json | TypeRef::Nullable(_) => self,
            other => TypeRef::Nullable(Box::new(other)),
        }
    }

    /// Replaces every named type in it by what `map` makes of it.
    pub fn map_named(&mut self, map: &mut impl FnMut(TypeId) -> TypeId) {
        match self {
            TypeRef::Named(id) => *id = map(*id),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.map_named(map)
            }
            _ => {}
        }
    }

    /// The type without its null, and whether it admitted null.
    pub fn split_null(self) -> (TypeRef, bool) {
        match self {
            TypeRef::Nullable(inner) => (*inner, true),
            other => (other, false),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntKind {
    I32,
    I64,
    U32,
    U64,
}

impl IntKind {
    /// Whether `value` is a value of this type.
    pub fn holds(self, value: i64) -> bool {
        match self {
            IntKind::I32 => i32::try_from(value).is_ok(),
            IntKind::I64 => true,
            IntKind::U32 => u32::try_from(value).is_ok(),
            IntKind::U64 => value >= 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FloatKind {
    F32,
    F64,
}

/// A numeric bound, compared and hashed by its bits, so that types can be
/// told apart by their whole structure.
#[derive(Clone, Copy, Debug)]
pub struct Bound(pub f64);

impl PartialEq for Bound {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Bound {}

impl std::hash::Hash for Bound {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

/// Documented constraints, checked before a request is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Checks {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub minimum: Option<(Bound, bool)>,
    pub maximum: Option<(Bound, bool)>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// `enum` of an integer value.
    pub one_of: Vec<i64>,
    /// Checks of the array's items.
    pub items: Option<Box<Checks>>,
}

impl Checks {
    pub fn is_empty(&self) -> bool {
        *self == Checks::default()
    }

    /// The checks a value of `ty` can have: a typed format (a date, a
    /// UUID) is valid by being parsed, so its text's length and pattern
    /// are not checked.
    pub fn for_type(mut self, ty: &TypeRef) -> Checks {
        match ty {
            TypeRef::Typed(_) => {
                self.min_length = None;
                self.max_length = None;
                self.pattern = None;
            }
            TypeRef::Array(item) => {
                self.items = self
                    .items
                    .map(|items| Box::new(items.for_type(item)))
                    .filter(|items| !items.is_empty());
            }
            _ => {}
        }
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The operation in the spec (`#/paths/~1users/post`).
    pub pointer: String,
    /// The operationId (or the one made from method and path).
    pub id: String,
    pub method_name: RustName,
    pub http_method: HttpMethod,
    /// The operation's own server (operation- or path-level `servers`), its
    /// variables at their defaults; `None`: the client's base URL.
    pub server: Option<String>,
    pub path: Vec<PathPart>,
    pub docs: Docs,
    /// The spec's tags, which group operations in the client's docs.
    pub tags: Vec<String>,
    pub deprecated: bool,
    pub params: Vec<Param>,
    /// The parameters the method takes as arguments, in order (indices
    /// into `params`): the path's, as the path has them, then the other
    /// required ones that are not constants, as the spec lists them. The
    /// optional ones are fields of `options_type`.
    pub arguments: Vec<usize>,
    /// The type that holds the optional parameters, when there are any.
    pub options_type: Option<TypeId>,
    /// With optional parameters: the builder the method returns, and the
    /// method (`op_with`) that takes them all as `options_type`.
    pub call: Option<(TypeId, RustName)>,
    pub body: Option<Body>,
    pub responses: Vec<ResponseCase>,
    /// Alternatives of scheme indices; empty: no security; an empty alternative: anonymous allowed.
    pub security: Vec<Vec<usize>>,
    pub error_type: TypeId,
    /// The enum of success bodies, when there are several.
    pub success_type: Option<TypeId>,
    /// How the results go on over further pages, when they do.
    pub paginator: Option<Paginator>,
    /// The operation's `x-speakeasy-pagination`, read once the types are settled.
    pub declared_paging: Option<serde_json::Value>,
    /// The `data` that ends an event stream (`x-speakeasy-sse-sentinel`: `[DONE]`).
    pub sentinel: Option<String>,
    /// `op_stream`, the call with its binary success body read chunk by
    /// chunk, for an operation whose one success is binary.
    pub chunks_method: Option<RustName>,
    /// The header parameter (an index into `params`) that carries an
    /// idempotency key (`Idempotency-Key`): when the caller gives none, the
    /// client makes one per call, and every attempt of the call sends it.
    pub idempotency_key: Option<usize>,
}

/// How an operation's results go on over further pages (`op_pages`), and
/// where a page's items are (`op_items`).
#[derive(Clone, Debug, PartialEq)]
pub struct Paginator {
    pub style: PageStyle,
    /// Where a page's items are in its body; `None`: only pages.
    pub items: Option<Items>,
    /// Recognised from names (see `model/paging.rs`), not declared with
    /// `x-speakeasy-pagination`.
    pub inferred: bool,
    /// `op_pages`, the stream of pages.
    pub pages_method: RustName,
    /// `op_items`, the stream of items, when there are items.
    pub items_method: RustName,
    /// The private method that makes the call for one page.
    pub page_method: RustName,
    /// Its argument naming the page, which no parameter is named.
    pub page_local: RustName,
}

impl PageStyle {
    /// How the report and the docs name it.
    pub fn describe(&self, params: &[Param]) -> String {
        match self {
            PageStyle::Link => "the `Link` header's next URL".to_owned(),
            PageStyle::Offset { offset, .. } => {
                format!("offset {}", code_span(&params[*offset].wire))
            }
            PageStyle::Number { page, .. } => {
                format!("page number {}", code_span(&params[*page].wire))
            }
            PageStyle::Cursor { cursor, .. } => {
                format!("cursor {}", code_span(&params[*cursor].wire))
            }
        }
    }
}

/// How the request for the next page is made, and when there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum PageStyle {
    /// The `Link` header's `rel="next"` URL (RFC 8288), on the same origin.
    Link,
    /// `offset` (a query parameter, index into `params`) moves on by the
    /// items received; the last page is short, empty or reaches `total`.
    Offset {
        offset: usize,
        limit: Option<usize>,
        total: Option<FieldPath>,
    },
    /// `page` counts pages from `start`; the last is empty, short or the
    /// `total_pages`th.
    Number {
        page: usize,
        size: Option<usize>,
        start: u64,
        total_pages: Option<FieldPath>,
    },
    /// `cursor` is sent the body's `next` value until there is none.
    Cursor { cursor: usize, next: FieldPath },
}

/// The fields from a body down to a value: `pagination.total`.
pub type FieldPath = Vec<FieldStep>;

#[derive(Clone, Debug, PartialEq)]
pub struct FieldStep {
    pub name: RustName,
    /// How many `Option`s the field's value is in: 0, 1, or 2 for one
    /// that may be absent or null.
    pub options: u8,
}

/// A page's items: the body itself (an empty path) or an array field in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Items {
    pub path: FieldPath,
    pub item: TypeRef,
}

impl Operation {
    /// The types the operation owns ([`TypeKind::Owned`]).
    pub fn owned_types(&self) -> impl Iterator<Item = TypeId> + '_ {
        let headers = self.responses.iter().filter_map(|r| r.headers.as_ref());
        self.options_type
            .into_iter()
            .chain(self.call.as_ref().map(|(id, _)| *id))
            .chain([self.error_type])
            .chain(self.success_type)
            .chain(headers.map(|(id, _)| *id))
    }

    /// Replaces the ids of the types it owns by what `map` makes of them.
    pub fn map_owned(&mut self, map: &mut impl FnMut(TypeId) -> TypeId) {
        self.options_type = self.options_type.map(&mut *map);
        if let Some((id, _)) = &mut self.call {
            *id = map(*id);
        }
        self.error_type = map(self.error_type);
        self.success_type = self.success_type.map(&mut *map);
        for case in &mut self.responses {
            if let Some((id, _)) = &mut case.headers {
                *id = map(*id);
            }
        }
    }

    /// The path as the spec writes it: `/pets/{petId}`.
    pub fn path_template(&self) -> String {
        self.path
            .iter()
            .map(|part| match part {
                PathPart::Literal(text) => text.clone(),
                PathPart::Param(index) => format!("{{{}}}", self.params[*index].wire),
            })
            .collect()
    }
}

/// The methods a path item can have: the fixed fields, OpenAPI 3.2's
/// `query`, and any other token `additionalOperations` names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    Query,
    /// A method outside RFC 9110's and the QUERY draft's, as the spec
    /// spells it (`PURGE`); an RFC 9110 token, checked when lowered.
    Extension(String),
}

impl HttpMethod {
    /// The method of a path item's key (`get`), any case.
    pub fn from_key(key: &str) -> Option<HttpMethod> {
        Some(match key.to_ascii_lowercase().as_str() {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            "trace" => HttpMethod::Trace,
            "query" => HttpMethod::Query,
            _ => return None,
        })
    }

    /// The method an `additionalOperations` key names, if it is an HTTP token.
    pub fn from_token(token: &str) -> Option<HttpMethod> {
        if !crate::ident::is_http_token(token) {
            return None;
        }
        // Methods are case-sensitive (RFC 9110 §9.1): `get` is not `GET`.
        Some(
            HttpMethod::from_key(token)
                .filter(|method| method.as_str() == token)
                .unwrap_or_else(|| HttpMethod::Extension(token.to_owned())),
        )
    }

    /// As HTTP writes it: `GET`.
    pub fn as_str(&self) -> &str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
            HttpMethod::Query => "QUERY",
            HttpMethod::Extension(token) => token,
        }
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// Index into [`Operation::params`].
    Param(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: RustName,
    pub wire: String,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: TypeRef,
    pub docs: Docs,
    /// A required parameter with a single allowed value is sent without asking.
    pub constant: Option<String>,
    /// How the value becomes text on the wire.
    pub encoding: Encoding,
    /// The schema's `default`, when it is an integer (a first page number).
    pub default_int: Option<i64>,
    /// How much of the path a path parameter fills.
    pub span: PathSpan,
    pub checks: Checks,
}

/// How a parameter's value becomes text on the wire, decided from its type,
/// where it goes, its `style` and `explode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// A scalar, as its own text.
    Text,
    /// JSON text: a `content`-typed parameter, or one whose shape has no
    /// text form of its own (free-form, an array of objects...).
    Json(JsonText),
    /// An array in the query, one pair per item (`a=1&a=2`: exploded form style).
    Repeated,
    /// An array, its items joined with commas (`a=1,2`).
    Joined,
    /// An object in the query.
    Object(ObjectStyle),
}

/// How an object is written into the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `name[property]=value` (`style: deepObject`).
    Deep,
    /// One pair per property (`a=1&b=2`: exploded form style).
    Exploded,
    /// `name=a,1,b,2` (form style, not exploded).
    Joined,
}

/// How much of a path a path parameter's value fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSpan {
    /// One segment: a `/` in the value is encoded (`a%2Fb`).
    Segment,
    /// `x-multi-segment: true`: `/` separates segments, each encoded; the
    /// value may be empty (GitHub's repository root).
    Segments,
}

/// How a parameter's value becomes JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonText {
    /// `content: application/json`: the JSON text, always (a string is quoted).
    Content,
    /// A free-form or structured value: a string as it is, anything else as JSON text.
    Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    Json,
    Form,
    Text,
    Binary,
    /// `multipart/form-data`: one part per property of an object.
    Multipart,
    /// `text/event-stream`, read as a stream of events of the type.
    EventStream,
    /// JSON lines (`application/jsonl`, `x-ndjson`, `json-seq`), read as a
    /// stream of values of the type.
    JsonLines,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub ty: TypeRef,
    pub media: MediaKind,
    pub content_type: String,
    pub required: bool,
    pub docs: Docs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX` is `Range(4)`.
    Range(u16),
    Default,
}

impl StatusMatch {
    /// Whether the variant for it carries the status code (ranges and `default`).
    pub fn carries_status(self) -> bool {
        !matches!(self, StatusMatch::Code(_))
    }
}

/// As the spec writes it: `200`, `4XX`, `default`.
impl std::fmt::Display for StatusMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusMatch::Code(code) => write!(f, "{code}"),
            StatusMatch::Range(range) => write!(f, "{range}XX"),
            StatusMatch::Default => f.write_str("default"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResponseCase {
    pub status: StatusMatch,
    pub success: bool,
    /// The variant's name in the error or success enum.
    pub variant: RustName,
    pub docs: Docs,
    pub body: Option<(TypeRef, MediaKind)>,
    /// The body is held in a `Box`: error bodies are, so that
    /// `Result<_, Error<E>>` stays small.
    pub boxed: bool,
    /// Documented headers: the struct's type and its fields.
    pub headers: Option<(TypeId, Vec<HeaderField>)>,
    /// The `data` that ends this response's event stream, when its media
    /// type says (`x-speakeasy-sse-sentinel` on `text/event-stream`).
    pub sentinel: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HeaderField {
    pub name: RustName,
    pub wire: String,
    pub ty: TypeRef,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the spec.
    pub wire: String,
    /// The `Auth` field.
    pub name: RustName,
    /// The `Auth` setter (`with_api_key`).
    pub with_method: RustName,
    /// Its arguments (`api_key`; `basic_username`, `basic_password`).
    pub args: Vec<RustName>,
    pub docs: Docs,
    pub kind: SchemeKind,
    /// OAuth2's client credentials flow, when the scheme documents it: the
    /// client can fetch its own tokens.
    pub client_credentials: Option<ClientCredentialsFlow>,
}

/// Where a client credentials token comes from, and what each operation
/// asks it for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientCredentialsFlow {
    /// The `Auth` setter that takes the client's id and secret.
    pub with_method: RustName,
    pub token_url: String,
    /// Each operationId with the scopes its requirements name, sorted by id.
    pub operation_scopes: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    Header(String),
    Query(String),
    Cookie(String),
    /// `Authorization: <word> <token>`.
    Scheme(String),
    Basic,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    pub variant: RustName,
    pub url: String,
    pub docs: Docs,
    pub variables: Vec<ServerVariable>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerVariable {
    pub name: RustName,
    pub wire: String,
    pub default: String,
    pub allowed: Vec<String>,
    pub docs: Docs,
}

/// A value that is text on the wire (a query, path or header value): strings,
/// numbers, booleans, string enums, and unions and aliases of those.
pub fn is_scalar(types: &[TypeDef], ty: &TypeRef) -> bool {
    scalar_within(types, ty, &mut Vec::new())
}

/// `open` holds the types being looked at: one met again is a cycle, which
/// no finite scalar goes through.
fn scalar_within(types: &[TypeDef], ty: &TypeRef, open: &mut Vec<TypeId>) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Secret
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Float(_)
        | TypeRef::Typed(_) => true,
        TypeRef::Named(id) if open.contains(id) => false,
        TypeRef::Named(id) => {
            open.push(*id);
            let scalar = match &types[id.0].kind {
                TypeKind::Enum(_) => true,
                TypeKind::Alias(inner) => scalar_within(types, inner, open),
                TypeKind::Untagged(variants) => {
                    variants.iter().all(|v| scalar_within(types, &v.ty, open))
                }
                TypeKind::Struct(_)
                | TypeKind::Tagged(_)
                | TypeKind::Newtype(_)
                | TypeKind::Owned(_)
                | TypeKind::External(_) => false,
            };
            open.pop();
            scalar
        }
        _ => false,
    }
}

/// What `id` names, through aliases of named types (an inline shape met in
/// several places is an alias of its first definition).
pub fn definition(types: &[TypeDef], id: TypeId) -> &TypeDef {
    let mut current = id;
    // A chain longer than the types is a cycle; it ends where it is.
    for _ in 0..=types.len() {
        match &types[current.0].kind {
            TypeKind::Alias(TypeRef::Named(next)) => current = *next,
            _ => break,
        }
    }
    &types[current.0]
}

/// A JSON object: a struct, a map, or an alias of one.
pub fn is_object(types: &[TypeDef], ty: &TypeRef) -> bool {
    let mut ty = ty;
    // Aliases of aliases; a chain longer than the types is a cycle.
    for _ in 0..=types.len() {
        match ty {
            TypeRef::JsonObject | TypeRef::Map(_) => return true,
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Struct(_) => return true,
                TypeKind::Alias(inner) | TypeKind::Newtype(inner) => ty = inner,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}
