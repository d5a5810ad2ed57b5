//! Operations: parameters, bodies, responses and security.

use indexmap::IndexMap;
use openapiv3::{
    Header, MediaType, Parameter, ParameterData, ParameterSchemaOrContent, QueryStyle, ReferenceOr,
    RequestBody, Response, Schema, SchemaKind, StatusCode, Type,
};

use super::schema::checks;
use super::{component_name, Lowerer, Scope};
use crate::error::Error;
use crate::ident::{snake_name, type_name, Namer, RustName};
use crate::model::reserved::{CLIENT_METHODS, METHOD_LOCALS};
use crate::model::{
    Body, Docs, Encoding, HeaderField, HttpMethod, JsonText, MediaKind, ObjectStyle, Operation,
    Owned, Param, ParamLocation, PathPart, PathSpan, ResponseCase, SecurityScheme, StatusMatch,
    TypeId, TypeRef,
};
use crate::normalize::{path_to_pointer, EXTRA_OPERATIONS};
use crate::pointer::escape;
use std::borrow::Cow;

/// Where an operation is in the spec.
struct Place<'a> {
    path: &'a str,
    item: &'a openapiv3::PathItem,
    method: HttpMethod,
    pointer: String,
}

/// The names operations are given, across all of them.
#[derive(Default)]
struct OperationNames {
    methods: Namer,
    /// Where each operationId was first met, to name both places of a duplicate.
    ids: std::collections::BTreeMap<String, String>,
}

impl Lowerer<'_> {
    pub fn operations(&mut self, schemes: &[SecurityScheme]) -> Result<Vec<Operation>, Error> {
        let mut names = OperationNames::default();
        names.methods.reserve(CLIENT_METHODS);
        let mut operations = Vec::new();
        let mut matched = vec![false; self.selection.selectors()];
        for (path, item) in self.spec.paths.iter() {
            let item_pointer = format!("#/paths/{}", escape(path));
            let (item, _) = self.resolve(item, &item_pointer)?;
            for (http_method, pointer, op) in self.path_operations(&item, &item_pointer)? {
                let op = &op;
                if !self.selection.is_all() {
                    let id = op.operation_id.as_deref().unwrap_or_default();
                    let method = http_method.as_str().to_ascii_lowercase();
                    let hits = self.selection.matches(id, &method, path, &op.tags);
                    if hits.is_empty() {
                        continue;
                    }
                    hits.into_iter().for_each(|hit| matched[hit] = true);
                }
                self.scope = Scope::Operation(operations.len());
                let place = Place {
                    path,
                    item: &item,
                    method: http_method,
                    pointer,
                };
                operations.push(self.operation(&place, op, schemes, &mut names)?);
            }
        }
        self.scope = Scope::Document;
        if let Some(unmatched) = matched.iter().position(|hit| !hit) {
            return Err(self.unmatched(unmatched));
        }
        Ok(operations)
    }

    /// A path item's operations: its fixed fields, then those OpenAPI 3.2
    /// adds (normalize keeps them in an extension), with their pointers.
    fn path_operations<'i>(
        &self,
        item: &'i openapiv3::PathItem,
        item_pointer: &str,
    ) -> Result<Vec<(HttpMethod, String, Cow<'i, openapiv3::Operation>)>, Error> {
        let mut operations: Vec<_> = item
            .iter()
            .filter_map(|(key, op)| {
                let method = HttpMethod::from_key(key)?;
                Some((method, format!("{item_pointer}/{key}"), Cow::Borrowed(op)))
            })
            .collect();
        let Some(serde_json::Value::Object(extra)) = item.extensions.get(EXTRA_OPERATIONS) else {
            return Ok(operations);
        };
        for (token, op) in extra {
            let pointer = format!("{item_pointer}/{EXTRA_OPERATIONS}/{}", escape(token));
            let Some(method) = HttpMethod::from_token(token) else {
                return Err(self.error(
                    &pointer,
                    format!("`{token}` is not an HTTP method"),
                    "name the operation's method as HTTP spells it: `PURGE`",
                ));
            };
            let op = serde_path_to_error::deserialize(op).map_err(|error| {
                self.error(
                    &format!("{pointer}{}", &path_to_pointer(error.path())[1..]),
                    format!("not a valid operation: {}", error.inner()),
                    "check the operation against the OpenAPI specification",
                )
            })?;
            operations.push((method, pointer, Cow::Owned(op)));
        }
        Ok(operations)
    }

    fn operation(
        &mut self,
        place: &Place<'_>,
        op: &openapiv3::Operation,
        schemes: &[SecurityScheme],
        names: &mut OperationNames,
    ) -> Result<Operation, Error> {
        let pointer = &place.pointer;
        let id = op.operation_id.clone().unwrap_or_else(|| {
            format!(
                "{} {}",
                place.method.as_str().to_ascii_lowercase(),
                place.path
            )
        });
        let method_name = self.method_name(&id, pointer, names);
        let type_stem = type_name(method_name.as_str()).to_string();
        let params = self.parameters(place, op, &type_stem)?;
        let path_parts = self.path_parts(place.path, &params, pointer)?;
        let arguments = arguments(&params, &path_parts);
        let body = match &op.request_body {
            Some(body) => self.body(body, &type_stem, &format!("{pointer}/requestBody"))?,
            None => None,
        };
        let mut responses = self.responses(
            &op.responses.responses,
            op.responses.default.as_ref(),
            &type_stem,
            pointer,
        )?;
        let security = self.operation_security(op, &id, schemes, pointer);
        let has_options = params.iter().any(|p| !p.required && p.constant.is_none());
        let success_count = box_large_bodies(&mut responses);
        let server = own_server(&op.servers, &place.item.servers);
        let idempotency_key = params
            .iter()
            .position(|p| p.location == ParamLocation::Header && is_idempotency_header(&p.wire));
        let sentinel = text_extension(op, SENTINEL)
            .or_else(|| responses.iter().find_map(|case| case.sentinel.clone()));
        Ok(Operation {
            pointer: pointer.clone(),
            id,
            method_name,
            http_method: place.method.clone(),
            docs: operation_docs(op, server.as_deref()),
            server,
            path: path_parts,
            tags: op.tags.clone(),
            deprecated: op.deprecated,
            params,
            arguments,
            options_type: has_options.then(|| self.own_part(&type_stem, pointer, Owned::Options)),
            // Named with the other methods (`model::paging`), once all are known.
            call: has_options.then(|| {
                (
                    self.own_part(&type_stem, pointer, Owned::Call),
                    RustName::from(String::new()),
                )
            }),
            body,
            responses,
            security,
            error_type: self.own_part(&type_stem, pointer, Owned::Errors),
            success_type: (success_count > 1)
                .then(|| self.own_part(&type_stem, pointer, Owned::Successes)),
            paginator: None,
            declared_paging: op.extensions.get("x-speakeasy-pagination").cloned(),
            sentinel,
            chunks_method: None,
            idempotency_key,
        })
    }

    /// An operation's options struct, or its error or success enum, named
    /// from its stem (`CreateUser` + `Options`).
    fn own_part(&mut self, stem: &str, pointer: &str, role: Owned) -> TypeId {
        let (suffix, within) = match role {
            Owned::Options => ("Options", "parameters"),
            Owned::Errors => ("Error", "responses"),
            Owned::Successes => ("Success", "responses"),
            Owned::Headers => ("Headers", "responses"),
            Owned::Call => ("Call", "parameters"),
        };
        self.own(
            &format!("{stem}{suffix}"),
            role,
            format!("{pointer}/{within}"),
        )
    }

    /// The operation's method name, with a warning when its operationId is
    /// another's or its first choice was taken.
    fn method_name(&mut self, id: &str, pointer: &str, names: &mut OperationNames) -> RustName {
        let (method_name, renamed) = names.methods.claim(snake_name(id));
        if let Some(first) = names.ids.get(id) {
            let first = match self.locate(first) {
                location @ crate::error::Location {
                    line: Some(line), ..
                } => format!("{location} (line {line})"),
                location => location.to_string(),
            };
            self.warn(pointer, format!("operationId `{id}` is also the operationId of {first}; this one is `{method_name}` in Rust"), "operationIds must be unique: rename one");
        } else if renamed {
            self.warn(
                pointer,
                format!("operation `{id}` is `{method_name}` in Rust: its first choice was taken"),
                "give the operations distinct operationIds",
            );
        }
        names
            .ids
            .entry(id.to_owned())
            .or_insert_with(|| pointer.to_owned());
        method_name
    }

    /// The path item's and the operation's parameters, named apart from
    /// each other and from the generated method's own locals.
    fn parameters(
        &mut self,
        place: &Place<'_>,
        op: &openapiv3::Operation,
        type_stem: &str,
    ) -> Result<Vec<Param>, Error> {
        let mut params = Vec::new();
        let mut param_names = Namer::default();
        param_names.reserve(METHOD_LOCALS);
        let merged =
            merge_parameters(&place.item.parameters, &op.parameters, self, &place.pointer)?;
        for (index, (param, reference)) in merged.iter().enumerate() {
            let here = format!("{}/parameters/{index}", place.pointer);
            params.extend(self.parameter(
                param,
                type_stem,
                reference.as_deref(),
                &here,
                &mut param_names,
            )?);
        }
        Ok(params)
    }

    /// The operation's security requirements (its own, or the document's),
    /// reported where they are written, once.
    fn operation_security(
        &mut self,
        op: &openapiv3::Operation,
        id: &str,
        schemes: &[SecurityScheme],
        pointer: &str,
    ) -> Vec<Vec<usize>> {
        let spec = self.spec;
        let (requirements, written) = match &op.security {
            Some(requirements) => (requirements.as_slice(), format!("{pointer}/security")),
            None => (
                spec.security.as_deref().unwrap_or_default(),
                "#/security".to_owned(),
            ),
        };
        let mut security = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let here = format!("{written}/{index}");
            let Some(indices) = self.requirement(requirement, schemes, &here) else {
                continue;
            };
            for (index, scopes) in indices.iter().zip(requirement.values()) {
                // The first requirement that names the scheme says what a
                // token is asked for: alternatives are not added up.
                if schemes[*index].client_credentials.is_some() {
                    self.granted_scopes
                        .entry((*index, id.to_owned()))
                        .or_insert_with(|| scopes.iter().cloned().collect());
                }
            }
            security.push(indices);
        }
        security
    }

    /// The error for a tag or pattern no operation has, listing the tags.
    fn unmatched(&self, selector: usize) -> Error {
        let mut tags: Vec<&str> = self
            .spec
            .paths
            .iter()
            .filter_map(|(_, item)| item.as_item())
            .flat_map(|item| {
                item.iter()
                    .flat_map(|(_, op)| op.tags.iter().map(String::as_str))
            })
            .collect();
        tags.sort_unstable();
        tags.dedup();
        self.error(
            "#/paths",
            format!("no operation has {}", self.selection.describe(selector)),
            &format!(
                "the spec's tags are: {}; a pattern is an operationId or `METHOD /path`, `*` a wildcard",
                if tags.is_empty() { "none".to_owned() } else { tags.join(", ") }
            ),
        )
    }

    /// `reference`: the parameter component it was resolved from, which
    /// then names and owns its inline type.
    fn parameter(
        &mut self,
        param: &Parameter,
        stem: &str,
        reference: Option<&str>,
        pointer: &str,
        names: &mut Namer,
    ) -> Result<Option<Param>, Error> {
        let (location, data, explode, deep_object) = self.location(param, pointer);
        if self.skipped(location, data, pointer) {
            return Ok(None);
        }
        let (name, _) = names.claim(snake_name(&data.name));
        let hint = match reference {
            Some(reference) => type_name(component_name(reference)).to_string(),
            None => format!("{stem}{}", type_name(&data.name)),
        };
        let scope = reference.map(|r| Scope::Reusable(r.to_owned()));
        let (ty, checks, constant, content) = self.within(scope, |lowerer| {
            lowerer.parameter_type(data, &hint, pointer)
        })?;
        let encoding = if content {
            Encoding::Json(JsonText::Content)
        } else {
            self.encoding(&ty, location, explode, deep_object)
        };
        let required = data.required || location == ParamLocation::Path;
        let mut docs = Docs::description(data.description.as_ref());
        if let Some(value) = &constant {
            docs.notes.push(format!("Always sent as `{value}`."));
        }
        Ok(Some(Param {
            name,
            wire: data.name.clone(),
            location,
            required,
            ty,
            docs,
            constant: constant.filter(|_| required),
            encoding,
            default_int: match &data.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => schema
                    .schema_data
                    .default
                    .as_ref()
                    .and_then(serde_json::Value::as_i64),
                _ => None,
            },
            span: if location == ParamLocation::Path
                && data.extensions.get("x-multi-segment") == Some(&serde_json::Value::Bool(true))
            {
                PathSpan::Segments
            } else {
                PathSpan::Segment
            },
            checks,
        }))
    }

    /// Where a parameter goes, and how a query parameter is encoded
    /// (`explode`, `deepObject`); a style it cannot send is a warning.
    fn location<'p>(
        &mut self,
        param: &'p Parameter,
        pointer: &str,
    ) -> (ParamLocation, &'p ParameterData, bool, bool) {
        match param {
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => {
                if !matches!(style, QueryStyle::Form | QueryStyle::DeepObject) {
                    self.warn(
                        pointer,
                        format!("query style {style:?} is sent as form style"),
                        "use style: form, or send the value yourself",
                    );
                }
                (
                    ParamLocation::Query,
                    parameter_data,
                    parameter_data.explode.unwrap_or(true),
                    matches!(style, QueryStyle::DeepObject),
                )
            }
            Parameter::Path { parameter_data, .. } => {
                (ParamLocation::Path, parameter_data, false, false)
            }
            Parameter::Header { parameter_data, .. } => {
                (ParamLocation::Header, parameter_data, false, false)
            }
            Parameter::Cookie { parameter_data, .. } => {
                (ParamLocation::Cookie, parameter_data, false, false)
            }
        }
    }

    /// A header or cookie HTTP cannot carry, and the headers OpenAPI says
    /// to ignore, are skipped with a warning.
    fn skipped(&mut self, location: ParamLocation, data: &ParameterData, pointer: &str) -> bool {
        if matches!(location, ParamLocation::Header | ParamLocation::Cookie)
            && !crate::ident::is_http_token(&data.name)
        {
            self.warn(
                &format!("{pointer}/name"),
                format!(
                    "{:?} cannot be sent as a header or cookie name: the parameter is skipped",
                    data.name
                ),
                "use letters, digits and - _ . ! # $ % & ' * + ^ ` | ~ only",
            );
            return true;
        }
        // OpenAPI: such parameters SHALL be ignored; the client sets these
        // headers from the media types and the security schemes (where a
        // credential is secret, redacted and marked sensitive).
        if location == ParamLocation::Header
            && ["accept", "content-type", "authorization"]
                .iter()
                .any(|reserved| data.name.eq_ignore_ascii_case(reserved))
        {
            self.warn(
                &format!("{pointer}/name"),
                format!(
                    "a header parameter named {:?} is ignored, as OpenAPI says: the client sets it itself",
                    data.name
                ),
                "describe credentials as a security scheme, media types as content",
            );
            return true;
        }
        false
    }

    /// The parameter's type, checks, constant value, and whether it is
    /// described by `content` (then it travels as JSON text).
    fn parameter_type(
        &mut self,
        data: &ParameterData,
        hint: &str,
        pointer: &str,
    ) -> Result<(TypeRef, crate::model::Checks, Option<String>, bool), Error> {
        match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let here = format!("{pointer}/schema");
                if let ReferenceOr::Item(inline) = schema {
                    if let SchemaKind::Type(Type::String(s)) = &inline.schema_kind {
                        if let [Some(only)] = s.enumeration.as_slice() {
                            return Ok((
                                TypeRef::String,
                                crate::model::Checks::default(),
                                Some(only.clone()),
                                false,
                            ));
                        }
                    }
                }
                // A parameter's null is its absence: nothing to send.
                let (ty, _) = self.schema_ref(schema, hint, &here)?.split_null();
                let ty = items_as_text(ty);
                let checks = match schema {
                    ReferenceOr::Item(inline) => checks(inline).for_type(&ty),
                    ReferenceOr::Reference { .. } => crate::model::Checks::default(),
                };
                Ok((ty, checks, None, false))
            }
            ParameterSchemaOrContent::Content(content) => {
                // OpenAPI allows one media type here; its schema is the value's.
                let Some((media, media_type)) = content.iter().next() else {
                    return Ok((TypeRef::Json, crate::model::Checks::default(), None, true));
                };
                let here = format!("{pointer}/content/{}/schema", escape(media));
                let ty = match &media_type.schema {
                    Some(schema) => self.schema_ref(schema, hint, &here)?.split_null().0,
                    None => TypeRef::Json,
                };
                Ok((ty, crate::model::Checks::default(), None, true))
            }
        }
    }

    /// Parameters are text on the wire: scalars, and arrays of them, are sent
    /// as they are, objects in the query as pairs (form style) or
    /// `name[key]` (deepObject); anything else (free-form values, arrays of
    /// objects, objects elsewhere) has no text form of its own and is sent
    /// as JSON text. Only the query repeats a name or spreads an object.
    fn encoding(
        &self,
        ty: &TypeRef,
        location: ParamLocation,
        explode: bool,
        deep_object: bool,
    ) -> Encoding {
        let query = location == ParamLocation::Query;
        match ty {
            TypeRef::Array(item) if crate::model::is_scalar(&self.types, item) => {
                if query && explode {
                    Encoding::Repeated
                } else {
                    Encoding::Joined
                }
            }
            _ if query && crate::model::is_object(&self.types, ty) => {
                Encoding::Object(if deep_object {
                    ObjectStyle::Deep
                } else if explode {
                    ObjectStyle::Exploded
                } else {
                    ObjectStyle::Joined
                })
            }
            other if crate::model::is_scalar(&self.types, other) => Encoding::Text,
            _ => Encoding::Json(JsonText::Value),
        }
    }

    fn path_parts(
        &self,
        path: &str,
        params: &[Param],
        pointer: &str,
    ) -> Result<Vec<PathPart>, Error> {
        let mut parts = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| {
                self.error(
                    pointer,
                    format!("path `{path}` has an unclosed `{{`"),
                    "close the template expression",
                )
            })?;
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            let index = params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.wire == name)
                .ok_or_else(|| {
                    self.error(
                        pointer,
                        format!("path `{path}` uses `{{{name}}}`, which no path parameter defines"),
                        "add the path parameter",
                    )
                })?;
            parts.push(PathPart::Param(index));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        Ok(parts)
    }

    fn body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        stem: &str,
        pointer: &str,
    ) -> Result<Option<Body>, Error> {
        let (body, reference) = self.resolve(body, pointer)?;
        let Some((content_type, media, kind)) = pick_media(&body.content, false) else {
            if !body.content.is_empty() {
                let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
                self.warn(pointer, format!("no supported request media type among {types:?}; the operation is sent without a body"), "add an application/json alternative");
            }
            return Ok(None);
        };
        let here = format!("{pointer}/content/{}/schema", escape(content_type));
        let ty = match (kind, &media.schema) {
            (MediaKind::Binary, _) => TypeRef::Bytes,
            (MediaKind::Text, _) => TypeRef::String,
            // A request body of `null` is not worth a type of its own: the
            // client sends the value, or no body.
            (_, Some(schema)) => {
                let hint = match &reference {
                    Some(reference) => type_name(component_name(reference)).to_string(),
                    None => format!("{stem}Request"),
                };
                let scope = reference.clone().map(Scope::Reusable);
                self.within(scope, |lowerer| lowerer.schema_ref(schema, &hint, &here))?
                    .split_null()
                    .0
            }
            (_, None) => TypeRef::Json,
        };
        let is_struct = |ty: &TypeRef| matches!(ty, TypeRef::Named(id) if matches!(crate::model::definition(&self.types, *id).kind, crate::model::TypeKind::Struct(_)));
        if kind == MediaKind::Multipart && !is_struct(&ty) {
            self.warn(pointer, "a multipart body must be an object with properties; the operation is sent without a body", "describe the parts as the properties of an object schema");
            return Ok(None);
        }
        Ok(Some(Body {
            ty,
            media: kind,
            content_type: content_type.to_owned(),
            required: body.required,
            docs: Docs::description(body.description.as_ref()),
        }))
    }

    fn responses(
        &mut self,
        responses: &IndexMap<StatusCode, ReferenceOr<Response>>,
        default: Option<&ReferenceOr<Response>>,
        stem: &str,
        pointer: &str,
    ) -> Result<Vec<ResponseCase>, Error> {
        let entries = response_entries(responses, default, pointer);
        let has_success = entries.iter().any(|(status, _, _)| is_success(*status));
        let succeeds = |status: StatusMatch| {
            is_success(status) || (status == StatusMatch::Default && !has_success)
        };
        let success_count = entries
            .iter()
            .filter(|(status, _, _)| succeeds(*status))
            .count();
        let mut success_names = Namer::default();
        let mut error_names = Namer::default();
        let mut cases = Vec::new();
        for (status, response, here) in entries {
            let (response, component) = self.resolve(response, &here)?;
            let success = succeeds(status);
            let variant = variant_name(status, success);
            let variant = if success {
                success_names.claim(&variant).0
            } else {
                error_names.claim(&variant).0
            };
            let hint = match (&component, success) {
                (Some(component), _) => type_name(component_name(component)).to_string(),
                (None, true) => format!("{stem}Response"),
                (None, false) => format!("{stem}{variant}"),
            };
            let scope = component.clone().map(Scope::Reusable);
            let body = self.response_body(&response, scope, &hint, &here)?;
            // A stream's documented headers are in `Response::headers`.
            let streams = matches!(
                body,
                Some((_, MediaKind::EventStream | MediaKind::JsonLines))
            );
            let headers = if success && !(streams && success_count == 1) {
                self.headers(&response.headers, &format!("{stem}{variant}Headers"), &here)?
            } else {
                None
            };
            // Real specs put the sentinel on the media type as often as on
            // the operation.
            let sentinel = match pick_media(&response.content, true) {
                Some((_, media, MediaKind::EventStream)) => media
                    .extensions
                    .get(SENTINEL)
                    .and_then(|value| value.as_str())
                    .map(str::to_owned),
                _ => None,
            };
            cases.push(ResponseCase {
                status,
                success,
                variant,
                docs: Docs::description(Some(&response.description)),
                body,
                boxed: false,
                headers,
                sentinel,
            });
        }
        Ok(cases)
    }

    /// The type and media kind of a response's body, if it has one.
    fn response_body(
        &mut self,
        response: &Response,
        scope: Option<Scope>,
        hint: &str,
        pointer: &str,
    ) -> Result<Option<(TypeRef, MediaKind)>, Error> {
        Ok(match pick_media(&response.content, true) {
            // A multipart response is read as its raw bytes.
            Some((_, _, MediaKind::Multipart)) => Some((TypeRef::Bytes, MediaKind::Binary)),
            Some((content_type, media, kind)) => {
                let schema_pointer = format!("{pointer}/content/{}/schema", escape(content_type));
                let ty = match (kind, &media.schema) {
                    (MediaKind::Binary, _) => TypeRef::Bytes,
                    (MediaKind::Text, _) => TypeRef::String,
                    (MediaKind::EventStream, None) => TypeRef::String,
                    (_, Some(schema)) => self.within(scope, |lowerer| {
                        lowerer.schema_ref(schema, hint, &schema_pointer)
                    })?,
                    (_, None) => TypeRef::Json,
                };
                let ty = match kind {
                    MediaKind::EventStream => self.event_data(ty),
                    _ => ty,
                };
                Some((ty, kind))
            }
            None => None,
        })
    }

    /// What an event stream's schema says of one event's `data`: a schema
    /// that describes the event (an object of `data` and some of `event`,
    /// `id`, `retry`) gives its `data`; any other is the data's own.
    fn event_data(&self, ty: TypeRef) -> TypeRef {
        let TypeRef::Named(id) = &ty else {
            return ty;
        };
        let crate::model::TypeKind::Struct(event) =
            &crate::model::definition(&self.types, *id).kind
        else {
            return ty;
        };
        let describes_event = event
            .fields
            .iter()
            .all(|f| matches!(f.wire.as_str(), "data" | "event" | "id" | "retry"));
        match event.fields.iter().find(|f| f.wire == "data") {
            Some(data) if describes_event => data.ty.clone(),
            _ => ty,
        }
    }

    fn headers(
        &mut self,
        headers: &IndexMap<String, ReferenceOr<Header>>,
        name: &str,
        pointer: &str,
    ) -> Result<Option<(TypeId, Vec<HeaderField>)>, Error> {
        let mut fields = Vec::new();
        let mut namer = Namer::default();
        for (wire, header) in headers {
            if wire.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let here = format!("{pointer}/headers/{}", escape(wire));
            let (header, _) = self.resolve(header, &here)?;
            let ty = match &header.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => header_type(schema),
                _ => TypeRef::String,
            };
            fields.push(HeaderField {
                name: namer.claim(snake_name(wire)).0,
                wire: wire.to_ascii_lowercase(),
                ty,
                docs: Docs::description(header.description.as_ref()),
            });
        }
        if fields.is_empty() {
            return Ok(None);
        }
        let pointer = format!("{pointer}/headers");
        Ok(Some((self.own(name, Owned::Headers, pointer), fields)))
    }
}

/// The documented responses with their statuses and places, in status order
/// (`default` last).
fn response_entries<'r>(
    responses: &'r IndexMap<StatusCode, ReferenceOr<Response>>,
    default: Option<&'r ReferenceOr<Response>>,
    pointer: &str,
) -> Vec<(StatusMatch, &'r ReferenceOr<Response>, String)> {
    let mut entries: Vec<(StatusMatch, &ReferenceOr<Response>, String)> = responses
        .iter()
        .map(|(status, response)| {
            let status = match status {
                StatusCode::Code(code) => StatusMatch::Code(*code),
                StatusCode::Range(range) => StatusMatch::Range(*range),
            };
            (
                status,
                response,
                format!("{pointer}/responses/{}", escape(&status.to_string())),
            )
        })
        .collect();
    if let Some(default) = default {
        entries.push((
            StatusMatch::Default,
            default,
            format!("{pointer}/responses/default"),
        ));
    }
    entries.sort_by_key(|(status, _, _)| *status);
    entries
}

/// A parameter, lent or read from its component, and the component.
type Resolved<'p> = (Cow<'p, Parameter>, Option<String>);

/// Path-level parameters, overridden by the operation's of the same name and
/// place, each with the component it was resolved from.
fn merge_parameters<'p>(
    path_level: &'p [ReferenceOr<Parameter>],
    operation: &'p [ReferenceOr<Parameter>],
    lowerer: &Lowerer<'_>,
    pointer: &str,
) -> Result<Vec<Resolved<'p>>, Error> {
    let mut merged: Vec<Resolved<'p>> = Vec::new();
    for (index, param) in path_level.iter().chain(operation).enumerate() {
        let resolved = lowerer.resolve(param, &format!("{pointer}/parameters/{index}"))?;
        let key = |p: &Parameter| {
            (
                p.parameter_data_ref().name.clone(),
                std::mem::discriminant(p),
            )
        };
        match merged.iter().position(|(p, _)| key(p) == key(&resolved.0)) {
            Some(existing) => merged[existing] = resolved,
            None => merged.push(resolved),
        }
    }
    Ok(merged)
}

/// The media type to use: JSON first, then forms, text and bytes.
/// The media type an operation sends or reads, by preference: JSON, form,
/// multipart, text, binary; a response that offers only a stream
/// (`streams`) is read as one.
/// An extension of the operation whose value is a string.
/// The names APIs give the header that makes a retried request safe
/// (Stripe's and the IETF draft's `Idempotency-Key`, and its `X-` form).
pub(crate) fn is_idempotency_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("idempotency-key") || name.eq_ignore_ascii_case("x-idempotency-key")
}

/// The extension that names the `data` ending an event stream.
const SENTINEL: &str = "x-speakeasy-sse-sentinel";

fn text_extension(op: &openapiv3::Operation, key: &str) -> Option<String> {
    let value = op.extensions.get(key)?.as_str()?;
    Some(value.to_owned())
}

/// The summary and description, and where the operation is sent when it
/// has a server of its own.
fn operation_docs(op: &openapiv3::Operation, server: Option<&str>) -> Docs {
    let mut docs = Docs::new(op.summary.as_ref(), op.description.as_ref());
    if let Some(server) = server {
        docs.notes.push(format!("Sent to its own server, `{server}`, unless `ClientBuilder::server_url` or `ClientBuilder::only_base_url` says otherwise."));
    }
    docs
}

fn pick_media(
    content: &IndexMap<String, MediaType>,
    streams: bool,
) -> Option<(&str, &MediaType, MediaKind)> {
    [
        MediaKind::Json,
        MediaKind::Form,
        MediaKind::Multipart,
        MediaKind::EventStream,
        MediaKind::JsonLines,
        MediaKind::Text,
        MediaKind::Binary,
    ]
    .into_iter()
    .find_map(|wanted| {
        content
            .iter()
            .find(|(media, _)| media_kind(media, streams) == Some(wanted))
            .map(|(media, value)| (media.as_str(), value, wanted))
    })
}

/// What a media type is read or sent as; streams only where `streams`.
fn media_kind(media: &str, streams: bool) -> Option<MediaKind> {
    let media = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if media == "application/json"
        || media.ends_with("+json")
        || media == "*/*"
        || media == "application/*"
    {
        Some(MediaKind::Json)
    } else if media == "application/x-www-form-urlencoded" {
        Some(MediaKind::Form)
    } else if media == "multipart/form-data" {
        Some(MediaKind::Multipart)
    } else if streams && media == "text/event-stream" {
        Some(MediaKind::EventStream)
    } else if streams
        && matches!(
            media.as_str(),
            "application/jsonl"
                | "application/x-ndjson"
                | "application/x-jsonlines"
                | "application/json-seq"
        )
    {
        Some(MediaKind::JsonLines)
    } else if media.starts_with("text/") {
        Some(MediaKind::Text)
    } else if media == "application/octet-stream"
        || media.starts_with("image/")
        || media == "application/pdf"
    {
        Some(MediaKind::Binary)
    } else {
        None
    }
}

/// The first server an operation documents, else its path's, with every
/// variable at its default: operations without one use the client's base URL.
fn own_server(operation: &[openapiv3::Server], path: &[openapiv3::Server]) -> Option<String> {
    let server = operation.first().or(path.first())?;
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    Some(url)
}

fn header_type(schema: &Schema) -> TypeRef {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => TypeRef::Integer(match &integer.format {
            openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => {
                crate::model::IntKind::I32
            }
            _ => crate::model::IntKind::I64,
        }),
        SchemaKind::Type(Type::Number(_)) => TypeRef::Float(crate::model::FloatKind::F64),
        SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
        _ => TypeRef::String,
    }
}

/// Boxes error bodies, and the bodies of a success enum, so that one large
/// body does not make every variant (and `Result<_, Error<E>>`) large;
/// returns the number of success cases.
fn box_large_bodies(responses: &mut [ResponseCase]) -> usize {
    let success_count = responses.iter().filter(|r| r.success).count();
    for case in responses.iter_mut() {
        if let Some((ty, kind)) = &mut case.body {
            let streams = matches!(kind, MediaKind::EventStream | MediaKind::JsonLines);
            // A stream is read as one only where it is the one success;
            // elsewhere (an error, or one of several) it is read whole.
            if streams && (!case.success || success_count > 1) {
                *ty = TypeRef::String;
                *kind = MediaKind::Text;
            }
        }
    }
    for case in responses {
        case.boxed = (!case.success || success_count > 1) && holds_heap_worthy(case.body.as_ref());
    }
    success_count
}

/// A parameter array's items are written by their `Display`: items of a
/// typed format whose `Display` is not its wire text (chrono's `DateTime`)
/// stay text there.
fn items_as_text(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Array(item) if matches!(*item, TypeRef::Typed(t) if t.displays_otherwise()) => {
            TypeRef::Array(Box::new(TypeRef::String))
        }
        other => other,
    }
}

/// A body that may be large: a named type or any JSON (not a string or number).
fn holds_heap_worthy(body: Option<&(TypeRef, MediaKind)>) -> bool {
    fn heap_worthy(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Nullable(inner) => heap_worthy(inner),
            TypeRef::Named(_) | TypeRef::Json | TypeRef::JsonObject | TypeRef::Map(_) => true,
            _ => false,
        }
    }
    body.is_some_and(|(ty, _)| heap_worthy(ty))
}

/// The call's argument order: path parameters as the path uses them (once
/// each, though a path may repeat one), then the other required ones.
fn arguments(params: &[Param], path: &[PathPart]) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::new();
    for part in path {
        if let PathPart::Param(index) = part {
            if !order.contains(index) {
                order.push(*index);
            }
        }
    }
    order.extend(params.iter().enumerate().filter_map(|(index, p)| {
        (p.required && p.constant.is_none() && p.location != ParamLocation::Path).then_some(index)
    }));
    order
}

fn is_success(status: StatusMatch) -> bool {
    matches!(status, StatusMatch::Code(200..=299) | StatusMatch::Range(2))
}

fn variant_name(status: StatusMatch, success: bool) -> RustName {
    match status {
        StatusMatch::Code(code) => crate::model::status::reason_phrase(code)
            .map(type_name)
            .unwrap_or_else(|| format!("Status{code}").into()),
        StatusMatch::Range(2) => "Success".into(),
        StatusMatch::Range(4) => "ClientError".into(),
        StatusMatch::Range(5) => "ServerError".into(),
        StatusMatch::Range(range) => format!("Status{range}xx").into(),
        StatusMatch::Default if success => "Success".into(),
        StatusMatch::Default => "Other".into(),
    }
}
