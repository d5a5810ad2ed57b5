//! Schemas to types: primitives, arrays, maps, structs, enums and unions.

use std::borrow::{Borrow, Cow};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::Lowerer;
use crate::error::Error;
use crate::ident::{type_name, Namer, RustName};
use crate::model::{
    Access, Bound, Checks, Docs, EnumValue, Field, FloatKind, IntKind, Presence, ReaderLocals,
    StringEnum, Struct, Tagged, TypeId, TypeKind, TypeRef, Variant,
};
use crate::pointer::escape;

type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The field that keeps a struct's additional properties.
const EXTRA_FIELD: &str = "additional_properties";

impl Lowerer<'_> {
    /// Lowers a component schema into its declared slot.
    pub fn component(
        &mut self,
        id: TypeId,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
    ) -> Result<(), Error> {
        let name = self.types[id.0].name.to_string();
        match schema {
            // Whether the component admits null is known before any is
            // lowered (`nullable_components`); every reference to it says so,
            // so its own definition does not.
            ReferenceOr::Reference { .. } => {
                let (target, _) = self.schema_ref(schema, &name, pointer)?.split_null();
                self.fill(id, Docs::default(), TypeKind::Alias(target));
            }
            ReferenceOr::Item(schema) => {
                let docs = schema_docs(&schema.schema_data);
                match self.shape(schema, &name, pointer)? {
                    Shaped::Kind(kind) => self.fill(id, docs, kind),
                    Shaped::Ref(target) => {
                        let (target, _) = target.split_null();
                        self.fill(id, docs, TypeKind::Alias(target))
                    }
                }
            }
        }
        Ok(())
    }

    /// The type of a schema or reference (openapiv3 boxes some, not others);
    /// `name` names an inline type it defines.
    pub fn schema_ref<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        name: &str,
        pointer: &str,
    ) -> Result<TypeRef, Error> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, name, pointer),
            ReferenceOr::Item(schema) => self.schema(schema.borrow(), name, pointer),
        }
    }

    fn reference(&mut self, reference: &str, name: &str, pointer: &str) -> Result<TypeRef, Error> {
        if let Some(key) = crate::model::nullable::component_key(reference) {
            if let Some(id) = self.components.get(&key) {
                let named = TypeRef::Named(*id);
                return Ok(if self.nullable_components.contains(id) {
                    named.or_null()
                } else {
                    named
                });
            }
        }
        // A reference into some other place (a property of a schema, say).
        self.enter(pointer)?;
        let target = ReferenceOr::Reference {
            reference: reference.to_owned(),
        };
        let resolved: Result<(Cow<Schema>, _), _> = self.resolve(&target, pointer);
        let result = resolved.and_then(|(schema, _)| self.schema(&schema, name, pointer));
        self.leave();
        result
    }

    /// The type of an inline schema.
    pub fn schema(&mut self, schema: &Schema, name: &str, pointer: &str) -> Result<TypeRef, Error> {
        self.enter(pointer)?;
        let shaped = self.shape(schema, name, pointer);
        self.leave();
        let ty = match shaped? {
            Shaped::Ref(ty) => ty,
            Shaped::Kind(kind) => {
                let id = self.define(name, schema_docs(&schema.schema_data), kind, pointer);
                TypeRef::Named(id)
            }
        };
        Ok(if self.admits_null(schema) {
            ty.or_null()
        } else {
            ty
        })
    }

    /// What a schema is: a type expression, or a kind of named type to define.
    fn shape(&mut self, schema: &Schema, name: &str, pointer: &str) -> Result<Shaped, Error> {
        let data = &schema.schema_data;
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<&String> = s.enumeration.iter().flatten().collect();
                if !values.is_empty() {
                    return Ok(Shaped::Kind(TypeKind::Enum(
                        self.string_enum(&values, data),
                    )));
                }
                Shaped::Ref(match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Password) => TypeRef::Secret,
                    // File contents (multipart parts); JSON has no bytes of its own.
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Bytes,
                    _ if data.write_only => TypeRef::Secret,
                    format => match self.formats.typed(format_name(format)) {
                        Some(typed) => {
                            self.date_feature = self.date_feature.or(typed.feature());
                            TypeRef::Typed(typed)
                        }
                        None => TypeRef::String,
                    },
                })
            }
            SchemaKind::Type(Type::Integer(i)) => {
                Shaped::Ref(TypeRef::Integer(int_kind(&i.format)))
            }
            SchemaKind::Type(Type::Number(n)) => Shaped::Ref(TypeRef::Float(match &n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => FloatKind::F32,
                _ => FloatKind::F64,
            })),
            SchemaKind::Type(Type::Boolean(_)) => Shaped::Ref(TypeRef::Bool),
            SchemaKind::Type(Type::Array(a)) => Shaped::Ref(match &a.items {
                Some(items) => {
                    let item = self.schema_ref(
                        items,
                        &format!("{name}Item"),
                        &format!("{pointer}/items"),
                    )?;
                    TypeRef::Array(Box::new(item))
                }
                None => TypeRef::Array(Box::new(TypeRef::Json)),
            }),
            SchemaKind::Type(Type::Object(o)) => self.object(
                &o.properties,
                &o.required,
                o.additional_properties.as_ref(),
                name,
                pointer,
            )?,
            SchemaKind::OneOf { one_of: variants } => self.union(
                variants,
                data.discriminator.as_ref(),
                name,
                &format!("{pointer}/oneOf"),
            )?,
            SchemaKind::AnyOf { any_of: variants } => self.union(
                variants,
                data.discriminator.as_ref(),
                name,
                &format!("{pointer}/anyOf"),
            )?,
            SchemaKind::AllOf { all_of } => self.all_of(all_of, name, pointer)?,
            SchemaKind::Not { .. } => {
                self.warn(
                    pointer,
                    "`not` cannot be expressed as a type; any JSON value is accepted",
                    "describe the allowed shapes instead",
                );
                Shaped::Ref(TypeRef::Json)
            }
            SchemaKind::Any(any) => {
                if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
                    self.object(
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                        name,
                        pointer,
                    )?
                } else if let Some(items) = &any.items {
                    let item = self.schema_ref(
                        items,
                        &format!("{name}Item"),
                        &format!("{pointer}/items"),
                    )?;
                    Shaped::Ref(TypeRef::Array(Box::new(item)))
                } else if !any.all_of.is_empty() {
                    self.all_of(&any.all_of, name, pointer)?
                } else if !any.one_of.is_empty() || !any.any_of.is_empty() {
                    let (variants, keyword) = if any.one_of.is_empty() {
                        (&any.any_of, "anyOf")
                    } else {
                        (&any.one_of, "oneOf")
                    };
                    let members = format!("{pointer}/{keyword}");
                    self.union(variants, data.discriminator.as_ref(), name, &members)?
                } else {
                    Shaped::Ref(TypeRef::Json)
                }
            }
        })
    }

    fn string_enum(&mut self, values: &[&String], data: &SchemaData) -> StringEnum {
        let names: Option<Vec<String>> = data
            .extensions
            .get("x-enum-varnames")
            .and_then(Value::as_array)
            .filter(|names| names.len() == values.len())
            .and_then(|names| {
                names
                    .iter()
                    .map(|n| n.as_str().map(str::to_owned))
                    .collect()
            });
        let mut namer = Namer::default();
        let mut seen = std::collections::BTreeSet::new();
        let mut variants = Vec::new();
        for (index, wire) in values.iter().enumerate() {
            if !seen.insert(wire.as_str()) {
                continue;
            }
            let base = match &names {
                Some(names) => self.spellings.camel(&names[index]),
                None => self.spellings.camel(wire),
            };
            variants.push(EnumValue {
                name: namer.claim(&base).0,
                wire: (*wire).clone(),
            });
        }
        let unknown = unknown_variant(&mut namer, &["Unknown", "UnknownValue", "Unrecognized"]);
        StringEnum {
            values: variants,
            unknown,
        }
    }

    fn object(
        &mut self,
        properties: &Properties,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name: &str,
        pointer: &str,
    ) -> Result<Shaped, Error> {
        let extra = match additional {
            Some(AdditionalProperties::Schema(schema)) => Some(self.schema_ref(
                schema,
                &format!("{name}Value"),
                &format!("{pointer}/additionalProperties"),
            )?),
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            _ => None,
        };
        if properties.is_empty() {
            return Ok(Shaped::Ref(match extra {
                Some(TypeRef::Json) | None => TypeRef::JsonObject,
                Some(value) => TypeRef::Map(Box::new(value)),
            }));
        }
        let (fields, extra_name, locals) =
            self.fields(properties, required, extra.is_some(), name, pointer)?;
        // Only an object that declares `additionalProperties` keeps its extra
        // keys; elsewhere unknown fields are ignored.
        Ok(Shaped::Kind(TypeKind::Struct(Struct {
            fields,
            extra,
            extra_name,
            locals,
        })))
    }

    /// The fields of `properties`, and (when `extra` says the struct keeps
    /// additional properties) the name of the field that holds those.
    fn fields(
        &mut self,
        properties: &Properties,
        required: &[String],
        extra: bool,
        name: &str,
        pointer: &str,
    ) -> Result<(Vec<Field>, RustName, ReaderLocals), Error> {
        let mut namer = Namer::default();
        let extra_name = if extra {
            namer.claim(EXTRA_FIELD).0
        } else {
            EXTRA_FIELD.into()
        };
        let mut fields = Vec::new();
        for (wire, property) in properties {
            let here = format!("{pointer}/properties/{}", escape(wire));
            let spelled = self.spellings.snake(wire);
            let (field_name, renamed) = namer.claim(&spelled);
            if renamed {
                self.warn(
                    &here,
                    format!(
                        "two properties are both `{spelled}` in Rust; this one is `{field_name}`"
                    ),
                    "rename one of the properties",
                );
            }
            let hint = format!("{name}{}", self.spellings.camel(wire));
            let (ty, null) = self.schema_ref(property, &hint, &here)?.split_null();
            let (data, checks) = match property {
                ReferenceOr::Item(schema) => {
                    (Some(&schema.schema_data), checks(schema).for_type(&ty))
                }
                ReferenceOr::Reference { .. } => (None, Checks::default()),
            };
            let access = match data {
                Some(d) if d.read_only => Access::ReadOnly,
                Some(d) if d.write_only => Access::WriteOnly,
                _ => Access::ReadWrite,
            };
            let nullable = null || data.is_some_and(|d| d.nullable);
            let mut docs = data.map(schema_docs).unwrap_or_default();
            if let Some(default) = data.and_then(|d| d.default.as_ref()) {
                docs.notes
                    .push(format!("Defaults to `{default}` when absent."));
            }
            if data.is_some_and(|d| d.read_only) {
                docs.notes
                    .push("Read-only: set by the server, ignored in requests.".to_owned());
            }
            fields.push(Field {
                name: field_name,
                wire: wire.clone(),
                docs,
                ty,
                presence: Presence::Optional,
                spec_required: required.contains(wire),
                nullable,
                access,
                boxed: false,
                checks,
                attributes: Vec::new(),
            });
        }
        // The reader's locals are the fields' own names; its map and key
        // get names no field has.
        let local = |base: &str| {
            let mut name = base.to_owned();
            while namer.is_taken(&name) {
                name.push('_');
            }
            RustName::from(name)
        };
        let locals = ReaderLocals {
            map: local("map"),
            key: local("key"),
        };
        Ok((fields, extra_name, locals))
    }

    /// A `oneOf` or `anyOf`; `members` is the pointer of the list.
    fn union(
        &mut self,
        variants: &[ReferenceOr<Schema>],
        discriminator: Option<&openapiv3::Discriminator>,
        name: &str,
        members: &str,
    ) -> Result<Shaped, Error> {
        let mut namer = Namer::default();
        let mut lowered: Vec<Variant> = Vec::new();
        let mut all_refs = true;
        // A member that admits null makes the union admit it (the caller,
        // through `admits_null`, wraps the union); the variants do not.
        for (index, variant) in variants.iter().enumerate() {
            if is_null_only(variant) {
                continue;
            }
            let here = format!("{members}/{index}");
            let (ty, _) = self
                .schema_ref(variant, &format!("{name}Variant{index}"), &here)?
                .split_null();
            if lowered.iter().any(|v| v.ty == ty) {
                continue;
            }
            let (base, tags) = match (&ty, variant) {
                (_, ReferenceOr::Reference { reference }) => {
                    let schema_name = reference.rsplit('/').next().unwrap_or("Variant");
                    (
                        type_name(schema_name).to_string(),
                        tags_of(discriminator, reference, schema_name),
                    )
                }
                (TypeRef::String, _) => ("String".to_owned(), Vec::new()),
                (TypeRef::Integer(_), _) => ("Integer".to_owned(), Vec::new()),
                (TypeRef::Float(_), _) => ("Number".to_owned(), Vec::new()),
                (TypeRef::Bool, _) => ("Boolean".to_owned(), Vec::new()),
                (TypeRef::Array(_), _) => ("Array".to_owned(), Vec::new()),
                _ => (format!("Variant{index}"), Vec::new()),
            };
            all_refs &= matches!(variant, ReferenceOr::Reference { .. });
            lowered.push(Variant {
                name: namer.claim(&base).0,
                ty,
                tags,
            });
        }
        Ok(match (lowered.len(), discriminator) {
            (0, _) => Shaped::Ref(TypeRef::Json),
            (1, _) => Shaped::Ref(lowered.remove(0).ty),
            (_, Some(discriminator)) if all_refs => {
                let unknown =
                    unknown_variant(&mut namer, &["Unknown", "UnknownKind", "Unrecognized"]);
                Shaped::Kind(TypeKind::Tagged(Tagged {
                    property: discriminator.property_name.clone(),
                    variants: lowered,
                    unknown,
                }))
            }
            _ => {
                lowered.iter_mut().for_each(|v| v.tags.clear());
                Shaped::Kind(TypeKind::Untagged(lowered))
            }
        })
    }

    /// `allOf`: the properties of every member, merged into one struct.
    fn all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        name: &str,
        pointer: &str,
    ) -> Result<Shaped, Error> {
        // `allOf: [{$ref: X}, {description: …}]` annotates a reference: it is
        // the reference (which may be recursive), not a merge to expand.
        let mut substantive: Vec<(usize, &ReferenceOr<Schema>)> = members
            .iter()
            .enumerate()
            .filter(|(_, member)| !is_annotation(member))
            .collect();
        if substantive.is_empty() {
            substantive = members.iter().enumerate().collect();
        }
        if let [(index, only)] = substantive.as_slice() {
            return Ok(Shaped::Ref(self.schema_ref(
                only,
                name,
                &format!("{pointer}/allOf/{index}"),
            )?));
        }
        let mut properties = Properties::new();
        let mut required = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let here = format!("{pointer}/allOf/{index}");
            self.enter(&here)?;
            let resolved = self.resolve(member, &here);
            self.leave();
            let (schema, _) = resolved?;
            collect_properties(&schema, &mut properties, &mut required);
        }
        if properties.is_empty() {
            return Ok(Shaped::Ref(TypeRef::JsonObject));
        }
        let (fields, extra_name, locals) =
            self.fields(&properties, &required, false, name, pointer)?;
        Ok(Shaped::Kind(TypeKind::Struct(Struct {
            fields,
            extra: None,
            extra_name,
            locals,
        })))
    }
}

/// A union member that admits only null (`{nullable: true}`, or what is
/// left of 3.1's `{type: "null"}`): it adds null to the union, not a variant.
fn is_null_only(member: &ReferenceOr<Schema>) -> bool {
    matches!(
        member,
        ReferenceOr::Item(Schema {
            schema_data,
            schema_kind: SchemaKind::Any(any),
        }) if schema_data.nullable && *any == openapiv3::AnySchema::default()
    )
}

/// A schema that only annotates (a description, an example), constraining nothing.
fn is_annotation(member: &ReferenceOr<Schema>) -> bool {
    matches!(
        member,
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Any(any),
            ..
        }) if *any == openapiv3::AnySchema::default()
    )
}

/// The discriminator values of the variant `reference`: its `mapping`
/// entries, or else the schema's name.
fn tags_of(
    discriminator: Option<&openapiv3::Discriminator>,
    reference: &str,
    schema_name: &str,
) -> Vec<String> {
    let Some(discriminator) = discriminator else {
        return Vec::new();
    };
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| *target == reference || target.as_str() == schema_name)
        .map(|(tag, _)| tag.clone())
        .collect();
    if mapped.is_empty() {
        vec![schema_name.to_owned()]
    } else {
        mapped
    }
}

enum Shaped {
    Ref(TypeRef),
    Kind(TypeKind),
}

fn collect_properties(schema: &Schema, properties: &mut Properties, required: &mut Vec<String>) {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            properties.extend(o.properties.clone());
            required.extend(o.required.iter().cloned());
        }
        SchemaKind::Any(any) => {
            properties.extend(any.properties.clone());
            required.extend(any.required.iter().cloned());
        }
        _ => {}
    }
}

pub fn schema_docs(data: &SchemaData) -> Docs {
    let mut docs = Docs::new(data.title.as_ref(), data.description.as_ref());
    if data.deprecated {
        docs.notes.push("Deprecated.".to_owned());
    }
    docs
}

/// A string schema's `format` as the spec writes it (`date-time`).
fn format_name(format: &VariantOrUnknownOrEmpty<StringFormat>) -> &str {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
        VariantOrUnknownOrEmpty::Item(_) | VariantOrUnknownOrEmpty::Empty => "",
        VariantOrUnknownOrEmpty::Unknown(name) => name,
    }
}

/// The Rust integer an integer schema's `format` gives.
fn int_kind(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> IntKind {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntKind::I32,
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => IntKind::U32,
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" => IntKind::U64,
        _ => IntKind::I64,
    }
}

/// The documented constraints of an inline schema.
pub fn checks(schema: &Schema) -> Checks {
    let mut checks = Checks::default();
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            checks.min_length = s.min_length.filter(|n| *n > 0).map(|n| n as u64);
            checks.max_length = s.max_length.map(|n| n as u64);
            checks.pattern = s.pattern.clone();
        }
        SchemaKind::Type(Type::Integer(i)) => {
            checks.minimum = i.minimum.map(|m| (Bound(m as f64), i.exclusive_minimum));
            checks.maximum = i.maximum.map(|m| (Bound(m as f64), i.exclusive_maximum));
            // A value outside the Rust type can never be sent, and written
            // as a literal of that type it would not compile.
            let kind = int_kind(&i.format);
            checks.one_of = i
                .enumeration
                .iter()
                .flatten()
                .copied()
                .filter(|value| kind.holds(*value))
                .collect();
        }
        SchemaKind::Type(Type::Number(n)) => {
            checks.minimum = n.minimum.map(|m| (Bound(m), n.exclusive_minimum));
            checks.maximum = n.maximum.map(|m| (Bound(m), n.exclusive_maximum));
        }
        SchemaKind::Type(Type::Array(a)) => {
            checks.min_items = a.min_items.filter(|n| *n > 0).map(|n| n as u64);
            checks.max_items = a.max_items.map(|n| n as u64);
            if let Some(ReferenceOr::Item(items)) = &a.items {
                let inner = self::checks(items);
                if !inner.is_empty() {
                    checks.items = Some(Box::new(inner));
                }
            }
        }
        _ => {}
    }
    checks
}

/// The name of the variant that keeps what the client does not know: the
/// first of `candidates` that no documented variant took, else a numbered one.
fn unknown_variant(namer: &mut Namer, candidates: &[&str]) -> RustName {
    match candidates.iter().find(|c| !namer.is_taken(c)) {
        Some(free) => namer.claim(*free).0,
        None => namer.claim(candidates[0]).0,
    }
}
