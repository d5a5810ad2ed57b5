//! The user's own types and attributes: a component schema replaced by a
//! type the user names (`Config::replace`, or the schema's `x-rust-type` in
//! typify's shape), and attributes on chosen generated types and fields
//! (`Config::type_attribute`, `Config::field_attribute`). Each is checked
//! to parse before anything is generated; a mistake is an error at the
//! schema it names.

use openapiv3::{ReferenceOr, Schema};

use super::Lowerer;
use crate::error::Error;
use crate::model::{TypeDef, TypeId, TypeKind, TypeRef};
use crate::pointer::escape;

/// The extension that names a schema's Rust type (typify's): `crate`,
/// `version` and `path`.
const RUST_TYPE: &str = "x-rust-type";

impl Lowerer<'_> {
    /// The path of the user's type for component `key`, if it is replaced.
    pub(super) fn replacement(
        &self,
        key: &str,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
    ) -> Result<Option<String>, Error> {
        if let Some((_, path)) = self.custom.replacements.iter().find(|(k, _)| k == key) {
            check_path(path).map_err(|why| {
                self.error(
                    pointer,
                    format!("Config::replace gives {key} the path {path:?}, which {why}"),
                    "name a type by its path: `my_crate::User`",
                )
            })?;
            return Ok(Some(path.clone()));
        }
        let ReferenceOr::Item(schema) = schema else {
            return Ok(None);
        };
        let Some(extension) = schema.schema_data.extensions.get(RUST_TYPE) else {
            return Ok(None);
        };
        let here = format!("{pointer}/{}", escape(RUST_TYPE));
        let text = |field: &str| extension.get(field).and_then(|v| v.as_str());
        let (Some(krate), Some(path)) = (text("crate"), text("path")) else {
            return Err(self.error(
                &here,
                "x-rust-type needs a `crate` and a `path`, both strings",
                "write it as typify reads it: {crate: my-crate, version: \"1.0\", path: my_crate::User}",
            ));
        };
        check_path(path).map_err(|why| {
            self.error(
                &here,
                format!("the path {path:?} {why}"),
                "name a type by its path: `my_crate::User`",
            )
        })?;
        // `::my_crate::User` and `my_crate::User` both start with the crate.
        let first = path
            .trim_start_matches("::")
            .split("::")
            .next()
            .unwrap_or_default();
        if first != krate.replace('-', "_") {
            return Err(self.error(
                &here,
                format!("the path {path:?} is not in the crate {krate:?}"),
                "start the path with the crate's name (`-` written `_`)",
            ));
        }
        Ok(Some(path.to_owned()))
    }

    /// Checks what the user asked for against the generated types: every
    /// replaced and attributed schema exists, a replacement does not name a
    /// generated type, and attributes go on structs and enums only.
    pub(super) fn apply_custom(&mut self) -> Result<(), Error> {
        let schemas = "#/components/schemas";
        for (key, _) in &self.custom.replacements {
            if !self.components.contains_key(key) {
                return Err(self.error(
                    schemas,
                    format!(
                        "Config::replace names {key}, which components.schemas does not define"
                    ),
                    "name a schema by its key in components.schemas",
                ));
            }
        }
        for id in self.components.values() {
            let TypeKind::External(path) = &self.types[id.0].kind else {
                continue;
            };
            let clash = self.types.iter().find(|def| {
                !matches!(def.kind, TypeKind::External(_)) && def.name.as_str() == path
            });
            if let Some(clash) = clash {
                return Err(self.error(
                    &self.types[id.0].pointer,
                    format!(
                        "the replacement {path} is also the name of a generated type ({})",
                        clash.pointer
                    ),
                    "write the type's whole path (`crate::money::Money`)",
                ));
            }
        }
        for (pattern, attribute) in &self.custom.type_attributes {
            check_attribute(attribute).map_err(|why| {
                self.error(
                    schemas,
                    format!("Config::type_attribute({pattern:?}, {attribute:?}): {why}"),
                    "write outer attributes: `#[derive(Hash)]`",
                )
            })?;
            let targets: Vec<usize> = if pattern == "*" {
                (0..self.types.len())
                    .filter(|index| takes_attributes(&self.types[*index].kind))
                    .collect()
            } else {
                let Some(id) = self.components.get(pattern) else {
                    return Err(self.error(
                        schemas,
                        format!("Config::type_attribute names {pattern}, which components.schemas does not define"),
                        "name a schema by its key, or `*` for every generated struct and enum",
                    ));
                };
                let index = defined_at(&self.types, *id);
                if !takes_attributes(&self.types[index].kind) {
                    return Err(self.error(
                        &self.types[index].pointer,
                        format!("Config::type_attribute names {pattern}, which is not generated as a struct or enum"),
                        "put the attribute on a schema that is an object or an enum",
                    ));
                }
                vec![index]
            };
            for index in targets {
                self.types[index].attributes.push(attribute.clone());
            }
        }
        for (pattern, attribute) in &self.custom.field_attributes {
            check_attribute(attribute).map_err(|why| {
                self.error(
                    schemas,
                    format!("Config::field_attribute({pattern:?}, {attribute:?}): {why}"),
                    "write outer attributes: `#[deprecated]`",
                )
            })?;
            let field = pattern.rsplit_once('.').and_then(|(key, property)| {
                let index = defined_at(&self.types, *self.components.get(key)?);
                let TypeKind::Struct(s) = &self.types[index].kind else {
                    return None;
                };
                let field = s.fields.iter().position(|f| f.wire == property)?;
                Some((index, field))
            });
            let Some((index, field)) = field else {
                return Err(self.error(
                    schemas,
                    format!("Config::field_attribute names {pattern}, which is no property of an object schema"),
                    "name a property as `Schema.property`, by their keys in the spec",
                ));
            };
            if let TypeKind::Struct(s) = &mut self.types[index].kind {
                s.fields[field].attributes.push(attribute.clone());
            }
        }
        Ok(())
    }
}

/// The index of the type `id` names, through aliases (`A: $ref B`).
fn defined_at(types: &[TypeDef], id: TypeId) -> usize {
    let mut current = id;
    // A chain longer than the types is a cycle; it ends where it is.
    for _ in 0..=types.len() {
        match &types[current.0].kind {
            TypeKind::Alias(TypeRef::Named(next)) => current = *next,
            _ => break,
        }
    }
    current.0
}

/// Types that are items attributes can go on: structs and enums.
fn takes_attributes(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Struct(_)
            | TypeKind::Enum(_)
            | TypeKind::Untagged(_)
            | TypeKind::Tagged(_)
            | TypeKind::Newtype(_)
    )
}

/// Why `path` is not a Rust type path, if it is not.
fn check_path(path: &str) -> Result<(), &'static str> {
    match syn::parse_str::<syn::Path>(path) {
        Ok(_) => Ok(()),
        Err(_) => Err("is not a Rust type path"),
    }
}

/// Why `text` is not one or more outer attributes, if it is not.
fn check_attribute(text: &str) -> Result<(), &'static str> {
    use syn::parse::Parser;
    match syn::Attribute::parse_outer.parse_str(text) {
        Ok(attributes) if !attributes.is_empty() => Ok(()),
        Ok(_) => Err("holds no attribute"),
        Err(_) => Err("is not an outer attribute (`#[…]`)"),
    }
}
