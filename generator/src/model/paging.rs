//! Which operations page, and how: declared with `x-speakeasy-pagination`,
//! or recognised from names by one rule; and the methods a call gets
//! besides its own (`op_pages`, `op_items`, `op_stream`), named after every
//! operation's so that no operation's name moves.
//!
//! The rule: a `GET` with one success response, a JSON body and no server
//! of its own pages
//! 1. by `Link` header when that response documents a `Link` header;
//! 2. by cursor when a string query parameter is named like a cursor
//!    (`cursor`, `after`, `pageToken`…) and the body has a string field
//!    named like the next one (`next_cursor`, `nextPageToken`…);
//! 3. by offset when an integer query parameter is named `offset` or `skip`;
//! 4. by page number when one is named `page`, `pageNumber` or `page_number`;
//!
//! and 3 and 4 only when a page's items can be counted: the body is an
//! array, or has one array field (or several, one of them named `items`,
//! `data`, `results`, `content`…). Names are compared without case. A
//! total (`total`, `totalCount`, `totalElements`…) or page count
//! (`totalPages`, `pageCount`…) in the body, or one object field down,
//! ends paging early. Anything else is one call: the rule never guesses
//! between two readings. `Config::infer_pagination(false)` keeps only the
//! declared paginators.

use serde_json::Value;

use super::reserved::{CLIENT_METHODS, METHOD_LOCALS};
use super::{
    definition, FieldPath, FieldStep, HttpMethod, Items, MediaKind, Operation, PageStyle,
    Paginator, ParamLocation, Presence, TypeDef, TypeKind, TypeRef,
};
use crate::ident::{snake_name, Namer};

const OFFSET: &[&str] = &["offset", "skip"];
const LIMIT: &[&str] = &[
    "limit",
    "count",
    "pagesize",
    "page_size",
    "per_page",
    "perpage",
    "size",
];
const PAGE: &[&str] = &["page", "pagenumber", "page_number"];
const CURSOR: &[&str] = &[
    "cursor",
    "after",
    "pagetoken",
    "page_token",
    "next_token",
    "nexttoken",
    "starting_after",
];
const NEXT_CURSOR: &[&str] = &[
    "next_cursor",
    "nextcursor",
    "next_page_token",
    "nextpagetoken",
    "next_token",
    "nexttoken",
    "cursor",
];
const TOTAL: &[&str] = &[
    "total",
    "totalcount",
    "total_count",
    "totalelements",
    "total_elements",
    "totalresults",
    "total_results",
];
const TOTAL_PAGES: &[&str] = &[
    "totalpages",
    "total_pages",
    "pagecount",
    "page_count",
    "numpages",
];
const ITEMS: &[&str] = &[
    "items", "data", "results", "content", "records", "entries", "values",
];

/// A declared paginator this client cannot follow: where, and why.
pub struct Refused {
    pub pointer: String,
    pub message: String,
}

/// Gives each operation that pages its paginator; returns the declared
/// ones that could not be followed.
pub fn paginate(types: &[TypeDef], operations: &mut [Operation], infer: bool) -> Vec<Refused> {
    let mut refused = Vec::new();
    let mut methods = Namer::default();
    methods.reserve(CLIENT_METHODS);
    for op in operations.iter() {
        methods.claim(op.method_name.clone());
    }
    for op in operations.iter_mut() {
        let declared = op.declared_paging.take();
        let style = match declared {
            Some(declared) => match declared_paginator(types, op, &declared) {
                Ok(found) => Some(found),
                Err(message) => {
                    refused.push(Refused {
                        pointer: format!("{}/x-speakeasy-pagination", op.pointer),
                        message,
                    });
                    None
                }
            },
            None if infer => inferred(types, op),
            None => None,
        };
        let stem = op.method_name.as_str().trim_start_matches("r#").to_owned();
        if let Some((_, with)) = &mut op.call {
            *with = methods.claim(snake_name(&format!("{stem}_with"))).0;
        }
        let mut successes = op.responses.iter().filter(|r| r.success);
        let binary = matches!(
            (successes.next(), successes.next()),
            (Some(one), None) if matches!(one.body, Some((_, MediaKind::Binary)))
        );
        if binary {
            op.chunks_method = Some(methods.claim(snake_name(&format!("{stem}_stream"))).0);
        }
        op.paginator = style.map(|(style, items, inferred)| {
            // The page method's arguments are the positional parameters and `page`.
            let mut locals = Namer::default();
            locals.reserve(METHOD_LOCALS);
            op.params.iter().filter(|p| p.required).for_each(|p| {
                locals.claim(p.name.clone());
            });
            Paginator {
                style,
                inferred,
                pages_method: methods.claim(snake_name(&format!("{stem}_pages"))).0,
                items_method: methods.claim(snake_name(&format!("{stem}_items"))).0,
                page_method: methods.claim(snake_name(&format!("{stem}_page"))).0,
                page_local: locals.claim(snake_name("page")).0,
                items,
            }
        });
    }
    refused
}

/// The one success body a paginated operation can have.
fn page_body(op: &Operation) -> Option<&TypeRef> {
    let mut successes = op.responses.iter().filter(|r| r.success);
    let success = successes.next()?;
    if successes.next().is_some()
        || op.http_method != HttpMethod::Get
        || op.server.is_some()
        || op.body.is_some()
    {
        return None;
    }
    match &success.body {
        Some((ty, MediaKind::Json)) => Some(ty),
        _ => None,
    }
}

/// A paginator's style, its items, and whether it was inferred.
type Found = (PageStyle, Option<Items>, bool);

fn inferred(types: &[TypeDef], op: &Operation) -> Option<Found> {
    let body = page_body(op)?;
    let items = items(types, body);
    let links = op
        .responses
        .iter()
        .filter(|r| r.success)
        .filter_map(|r| r.headers.as_ref())
        .any(|(_, fields)| fields.iter().any(|f| f.wire.eq_ignore_ascii_case("link")));
    let style = if links {
        PageStyle::Link
    } else if let Some(style) = cursor(types, op, body) {
        style
    } else {
        items.as_ref()?;
        if let Some(offset) = query_param(op, OFFSET, true) {
            PageStyle::Offset {
                offset,
                limit: query_param(op, LIMIT, true),
                total: find_field(types, body, TOTAL, is_integer),
            }
        } else {
            let page = query_param(op, PAGE, true)?;
            PageStyle::Number {
                page,
                size: query_param(op, LIMIT, true),
                start: start(op, page),
                total_pages: find_field(types, body, TOTAL_PAGES, is_integer),
            }
        }
    };
    Some((style, items, true))
}

fn cursor(types: &[TypeDef], op: &Operation, body: &TypeRef) -> Option<PageStyle> {
    let cursor = query_param(op, CURSOR, false)?;
    let next = find_field(types, body, NEXT_CURSOR, |ty| *ty == TypeRef::String)?;
    Some(PageStyle::Cursor { cursor, next })
}

/// The first page's number: the parameter's default or minimum, else 1.
fn start(op: &Operation, page: usize) -> u64 {
    let param = &op.params[page];
    param
        .default_int
        .or_else(|| {
            param
                .checks
                .minimum
                .as_ref()
                .filter(|(bound, _)| bound.0.fract() == 0.0)
                .map(|(bound, _)| bound.0 as i64)
        })
        .and_then(|value| u64::try_from(value).ok())
        .unwrap_or(1)
}

/// The query parameter named one of `names` (any case), integer or string.
fn query_param(op: &Operation, names: &[&str], integer: bool) -> Option<usize> {
    op.params.iter().position(|p| {
        p.location == ParamLocation::Query
            && p.constant.is_none()
            && names.contains(&p.wire.to_ascii_lowercase().as_str())
            && if integer {
                is_integer(&p.ty)
            } else {
                p.ty == TypeRef::String
            }
    })
}

fn is_integer(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Integer(_))
}

/// The struct a body or field is, through aliases.
fn struct_fields<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Option<&'t [super::Field]> {
    let TypeRef::Named(id) = ty else {
        return None;
    };
    match &definition(types, *id).kind {
        TypeKind::Struct(s) => Some(&s.fields),
        _ => None,
    }
}

/// A field that a path can step through: not boxed.
fn step(field: &super::Field) -> Option<FieldStep> {
    if field.boxed {
        return None;
    }
    Some(FieldStep {
        name: field.name.clone(),
        options: match field.presence {
            Presence::Required => 0,
            Presence::Optional | Presence::RequiredNullable => 1,
            Presence::OptionalNullable => 2,
        },
    })
}

/// A page's items: the body if it is an array, else its one array field
/// (or the one named like a list of items, when there are several).
fn items(types: &[TypeDef], body: &TypeRef) -> Option<Items> {
    if let TypeRef::Array(item) = body {
        return Some(Items {
            path: Vec::new(),
            item: (**item).clone(),
        });
    }
    let fields = struct_fields(types, body)?;
    let arrays: Vec<&super::Field> = fields
        .iter()
        .filter(|f| matches!(f.ty, TypeRef::Array(_)))
        .collect();
    let field = match arrays.as_slice() {
        [only] => *only,
        several => {
            let mut named = several
                .iter()
                .filter(|f| ITEMS.contains(&f.wire.to_ascii_lowercase().as_str()));
            match (named.next(), named.next()) {
                (Some(one), None) => *one,
                _ => return None,
            }
        }
    };
    let TypeRef::Array(item) = &field.ty else {
        return None;
    };
    Some(Items {
        path: vec![step(field)?],
        item: (**item).clone(),
    })
}

/// A field of `body` named one of `names` whose type `fits`, or one in an
/// object field of it (`pagination.total`).
fn find_field(
    types: &[TypeDef],
    body: &TypeRef,
    names: &[&str],
    fits: impl Fn(&TypeRef) -> bool,
) -> Option<FieldPath> {
    let fields = struct_fields(types, body)?;
    let named = |fields: &[super::Field]| {
        fields
            .iter()
            .find(|f| names.contains(&f.wire.to_ascii_lowercase().as_str()) && fits(&f.ty))
            .and_then(step)
    };
    if let Some(found) = named(fields) {
        return Some(vec![found]);
    }
    fields.iter().find_map(|outer| {
        let inner = named(struct_fields(types, &outer.ty)?)?;
        Some(vec![step(outer)?, inner])
    })
}

/// `x-speakeasy-pagination`: `type` `offsetLimit` (an input of type
/// `offset` or `page`, maybe `limit`) or `cursor` (an input of type
/// `cursor` and `outputs.nextCursor`), `outputs.results` the items and
/// `outputs.numPages` the page count, as `$.a.b` paths into the body.
fn declared_paginator(
    types: &[TypeDef],
    op: &Operation,
    declared: &Value,
) -> Result<Found, String> {
    let body = page_body(op).ok_or(
        "only a GET with one JSON success response and no server of its own is paged; the operation is one call",
    )?;
    let kind = declared.get("type").and_then(Value::as_str).unwrap_or("");
    let input = |role: &str| -> Option<usize> {
        let inputs = declared.get("inputs")?.as_array()?;
        let name = inputs
            .iter()
            .find(|i| i.get("type").and_then(Value::as_str) == Some(role))?
            .get("name")?
            .as_str()?;
        op.params
            .iter()
            .position(|p| p.location == ParamLocation::Query && p.wire == name)
    };
    let output = |key: &str| -> Option<Result<FieldPath, String>> {
        let path = declared.get("outputs")?.get(key)?.as_str()?;
        Some(output_path(types, body, path).ok_or_else(|| {
            format!("outputs.{key} `{path}` is not a field path (`$.a.b`) of the response body")
        }))
    };
    let items = match output("results") {
        Some(path) => {
            let path = path?;
            Some(Items {
                item: items_at(types, body, &path)
                    .ok_or("outputs.results is not an array of the response body")?,
                path,
            })
        }
        None => items(types, body),
    };
    let style = match kind {
        "offsetLimit" => {
            if let Some(offset) = input("offset") {
                PageStyle::Offset {
                    offset,
                    limit: input("limit"),
                    total: None,
                }
            } else if let Some(page) = input("page") {
                PageStyle::Number {
                    page,
                    size: input("limit"),
                    start: start(op, page),
                    total_pages: output("numPages").transpose()?,
                }
            } else {
                return Err("an offsetLimit paginator needs an input of type offset or page that is a query parameter".to_owned());
            }
        }
        "cursor" => PageStyle::Cursor {
            cursor: input("cursor").ok_or(
                "a cursor paginator needs an input of type cursor that is a query parameter",
            )?,
            next: output("nextCursor").ok_or("a cursor paginator needs outputs.nextCursor")??,
        },
        "url" => PageStyle::Link,
        other => {
            return Err(format!(
                "pagination type `{other}` is not known; use offsetLimit, cursor or url"
            ))
        }
    };
    if items.is_none() && matches!(style, PageStyle::Offset { .. } | PageStyle::Number { .. }) {
        return Err(
            "the page's items cannot be found (outputs.results), so pages cannot be counted"
                .to_owned(),
        );
    }
    Ok((style, items, false))
}

/// `$.a.b` as the fields of `body` it names.
fn output_path(types: &[TypeDef], body: &TypeRef, path: &str) -> Option<FieldPath> {
    let rest = path.strip_prefix('$')?;
    let mut ty = body.clone();
    let mut steps = Vec::new();
    for wire in rest.split('.').skip(1) {
        let field = struct_fields(types, &ty)?.iter().find(|f| f.wire == wire)?;
        steps.push(step(field)?);
        ty = field.ty.clone();
    }
    Some(steps)
}

/// The item type of the array `path` leads to.
fn items_at(types: &[TypeDef], body: &TypeRef, path: &FieldPath) -> Option<TypeRef> {
    let mut ty = body.clone();
    for step in path {
        let field = struct_fields(types, &ty)?
            .iter()
            .find(|f| f.name == step.name)?;
        ty = field.ty.clone();
    }
    match ty {
        TypeRef::Array(item) => Some(*item),
        _ => None,
    }
}
