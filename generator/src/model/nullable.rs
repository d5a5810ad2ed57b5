//! Which schemas admit JSON `null`, in every way a spec can say so once
//! normalization has turned them into OpenAPI 3.0's `nullable`: the keyword
//! itself (3.1's `type: [X, "null"]` and Swagger's `x-nullable` become it),
//! `null` among an `enum`'s values, a union with a member that admits null,
//! and an `allOf` whose members all do. A `$ref` admits null when its
//! target does.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

type Schemas = IndexMap<String, ReferenceOr<Schema>>;

/// The component schemas that admit null, by key.
pub fn nullable_components(schemas: &Schemas) -> BTreeSet<String> {
    schemas
        .keys()
        .filter(|key| key_admits_null(key, schemas, &mut Vec::new()))
        .cloned()
        .collect()
}

/// Whether values of `schema` may be `null`.
pub fn admits_null(schema: &Schema, schemas: &Schemas) -> bool {
    schema_admits_null(schema, schemas, &mut Vec::new())
}

/// `open` holds the components being looked at: a reference back into one
/// of them is a cycle, which adds no null of its own.
fn schema_admits_null(schema: &Schema, schemas: &Schemas, open: &mut Vec<String>) -> bool {
    if schema.schema_data.nullable {
        return true;
    }
    let any_member = |members: &[ReferenceOr<Schema>], open: &mut Vec<String>| {
        members.iter().any(|m| member_admits_null(m, schemas, open))
    };
    let every_member = |members: &[ReferenceOr<Schema>], open: &mut Vec<String>| {
        !members.is_empty() && members.iter().all(|m| member_admits_null(m, schemas, open))
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Number(n)) => n.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Boolean(b)) => b.enumeration.iter().any(Option::is_none),
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
            any_member(members, open)
        }
        SchemaKind::AllOf { all_of } => every_member(all_of, open),
        SchemaKind::Any(any) => {
            let enum_null = any.enumeration.iter().any(serde_json::Value::is_null);
            enum_null
                || any_member(&any.one_of, open)
                || any_member(&any.any_of, open)
                || every_member(&any.all_of, open)
        }
        SchemaKind::Type(Type::Object(_) | Type::Array(_)) | SchemaKind::Not { .. } => false,
    }
}

fn member_admits_null(
    member: &ReferenceOr<Schema>,
    schemas: &Schemas,
    open: &mut Vec<String>,
) -> bool {
    match member {
        ReferenceOr::Item(schema) => schema_admits_null(schema, schemas, open),
        ReferenceOr::Reference { reference } => match component_key(reference) {
            Some(key) => key_admits_null(&key, schemas, open),
            None => false,
        },
    }
}

fn key_admits_null(key: &str, schemas: &Schemas, open: &mut Vec<String>) -> bool {
    if open.iter().any(|k| k == key) {
        return false;
    }
    let Some(schema) = schemas.get(key) else {
        return false;
    };
    open.push(key.to_owned());
    let null = member_admits_null(schema, schemas, open);
    open.pop();
    null
}

/// `#/components/schemas/a~1b` → `a/b`.
pub fn component_key(reference: &str) -> Option<String> {
    reference
        .strip_prefix("#/components/schemas/")
        .map(|key| key.replace("~1", "/").replace("~0", "~"))
}
