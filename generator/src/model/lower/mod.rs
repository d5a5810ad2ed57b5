//! Lowering from `openapiv3` to the model: the shared context and the order
//! of the passes.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{OpenAPI, ReferenceOr};
use serde::de::DeserializeOwned;
use serde::Deserialize;

mod custom;
mod operation;
mod schema;
mod security;

use super::reserved::RESERVED_TYPES;
use super::{
    cycles, direction, nullable, paging, select, Api, Docs, Owned, Selection, Settings, TypeDef,
    TypeId, TypeKind, TypeRef,
};
use crate::error::{Error, Location, Warning};
use crate::ident::{Namer, Spellings};
use crate::locate::Locator;
use crate::normalize::{Normalized, RefTargets};
use crate::pointer::escape;

/// How deep inline schemas and `$ref` chains may go before they are refused.
const MAX_DEPTH: usize = 64;

pub(super) struct Lowerer<'a> {
    pub spec: &'a OpenAPI,
    /// The operations to generate.
    pub selection: &'a Selection,
    /// What the document's `$ref`s point to, as JSON.
    pub targets: &'a RefTargets,
    pub locator: &'a Locator,
    pub warnings: &'a mut Vec<Warning>,
    pub types: Vec<TypeDef>,
    pub components: BTreeMap<String, TypeId>,
    /// The components whose schema admits null: a reference to one is
    /// nullable wherever it is met.
    pub nullable_components: BTreeSet<TypeId>,
    /// Security schemes left out (a name HTTP cannot carry): a requirement
    /// that names one is said to name a skipped scheme, not a missing one.
    pub skipped_schemes: BTreeSet<String>,
    /// The scopes each operation's requirements name, by scheme index and
    /// operationId: what a client credentials token is asked for.
    pub granted_scopes: BTreeMap<(usize, String), BTreeSet<String>>,
    /// Which string formats become Rust types.
    pub formats: &'a super::Formats,
    /// The user's own types and attributes.
    pub custom: &'a super::Custom,
    /// The runtime feature a typed format used needs (`chrono`), if any.
    pub date_feature: Option<&'static str>,
    pub type_names: Namer,
    pub spellings: Spellings,
    pub depth: usize,
    /// Inline types by shape, so that the same inline schema met in many
    /// places (an `asc|desc` parameter on forty operations) is defined once:
    /// the first type of each shape.
    /// Looked up only, never iterated: the order of types is that of `types`.
    pub inline_shapes: HashMap<TypeKind, TypeId>,
    /// The type each scope has for a shape (the definition, or an alias of
    /// it): one name per scope, made from the scope's own name, so that only
    /// a change to the scope can move it (see [`Lowerer::define`]).
    pub scoped_shapes: HashMap<(Scope, TypeId), TypeId>,
    /// The alias each scope's inline type is, to the definition of its shape.
    pub shape_aliases: HashMap<TypeId, TypeId>,
    /// Where inline types are being defined now.
    pub scope: Scope,
}

/// The name of the component a `$ref` points to: `not_found` for
/// `#/components/responses/not_found`.
pub(super) fn component_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// What owns an inline type: its name is made from the owner's, and only a
/// change to the owner can change it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Scope {
    /// Security schemes, servers: nothing that defines types.
    Document,
    Component(TypeId),
    /// A response, parameter or request body component (its `$ref`): its
    /// inline types are shared by every operation that refers to it, and
    /// named after it.
    Reusable(String),
    /// The index of the operation in [`Api::operations`].
    Operation(usize),
}

/// Lowers a normalized spec to the model.
pub fn lower(
    normalized: &Normalized,
    selection: &Selection,
    settings: &Settings,
    warnings: &mut Vec<Warning>,
) -> Result<Api, Error> {
    let spec = &normalized.api;
    let mut lowerer = Lowerer {
        spec,
        selection,
        targets: &normalized.targets,
        locator: &normalized.locator,
        warnings,
        types: Vec::new(),
        components: BTreeMap::new(),
        nullable_components: BTreeSet::new(),
        skipped_schemes: BTreeSet::new(),
        granted_scopes: BTreeMap::new(),
        formats: &settings.formats,
        custom: &settings.custom,
        date_feature: None,
        type_names: Namer::default(),
        spellings: Spellings::default(),
        depth: 0,
        inline_shapes: HashMap::new(),
        scoped_shapes: HashMap::new(),
        shape_aliases: HashMap::new(),
        scope: Scope::Document,
    };
    lowerer.type_names.reserve(RESERVED_TYPES);
    lowerer.declare_components();
    lowerer.define_components()?;
    lowerer.apply_custom()?;
    let (mut schemes, auth_new) = lowerer.security_schemes()?;
    let servers = lowerer.servers();
    let mut operations = lowerer.operations(&schemes)?;
    for ((scheme, operation), scopes) in std::mem::take(&mut lowerer.granted_scopes) {
        if let Some(flow) = &mut schemes[scheme].client_credentials {
            flow.operation_scopes
                .push((operation, scopes.into_iter().collect()));
        }
    }
    for id in cycles::drop_self_members(&mut lowerer.types) {
        let pointer = lowerer
            .components
            .iter()
            .find(|(_, component)| **component == id)
            .map_or_else(
                || "#".to_owned(),
                |(key, _)| format!("#/components/schemas/{}", escape(key)),
            );
        let message = format!(
            "a member of the union {} refers back to the union itself (directly, or through other unions and aliases), so no value can have its shape; it is left out",
            lowerer.types[id.0].name
        );
        lowerer.warn(
            &pointer,
            message,
            "remove the member, or put it in an array or object property",
        );
    }
    cycles::newtype_alias_cycles(&mut lowerer.types);
    let mut types = std::mem::take(&mut lowerer.types);
    direction::mark_directions(&mut types, &operations);
    direction::settle_required(&mut types, settings.both_ways);
    cycles::box_cycles(&mut types);
    direction::mark_validating(&mut types);
    if !selection.is_all() {
        // Last, so that every pass above could use the ids it was given.
        select::prune(&mut types, &mut operations);
    }
    for refused in paging::paginate(&types, &mut operations, settings.infer_pagination) {
        lowerer.warn(
            &refused.pointer,
            refused.message,
            "fix the extension (an overlay can), or page by hand",
        );
    }
    let mut operation_servers: Vec<String> = operations
        .iter()
        .filter_map(|op| op.server.clone())
        .collect();
    operation_servers.sort_unstable();
    operation_servers.dedup();
    let idempotency_header = operations
        .iter()
        .filter_map(|op| {
            op.idempotency_key
                .map(|index| op.params[index].wire.clone())
        })
        .min();
    let features = settings
        .features
        .then(|| super::features::assign(&types, &operations));
    Ok(Api {
        date_feature: lowerer.date_feature,
        idempotency_header,
        features,
        operation_servers,
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        types,
        operations,
        schemes,
        auth_new,
        both_ways: settings.both_ways,
        default_server: servers
            .first()
            .filter(|server| {
                server.url.starts_with("http://") || server.url.starts_with("https://")
            })
            .map(|_| 0),
        servers,
    })
}

impl Lowerer<'_> {
    pub fn locate(&self, pointer: &str) -> Location {
        self.locator.locate(pointer)
    }

    pub fn warn(&mut self, pointer: &str, message: impl Into<String>, hint: &str) {
        let location = self.locate(pointer);
        self.warnings.push(Warning {
            location,
            message: message.into(),
            hint: Some(hint.to_owned()),
        });
    }

    pub fn error(&self, pointer: &str, message: impl Into<String>, hint: &str) -> Error {
        Error::spec(self.locate(pointer), message, Some(hint))
    }

    /// A named type for an inline schema, named where it is written.
    ///
    /// A shape is defined once, by the first scope that has it; every other
    /// scope that has it gets an alias of that definition under its own
    /// name. A new operation (or component) that sorts first then takes the
    /// definition, and the type it came from becomes an alias of it: every
    /// name keeps meaning the same type, and no field, argument or variant
    /// changes its type's name. The cost of an alias is one line.
    pub fn define(&mut self, base_name: &str, docs: Docs, kind: TypeKind, pointer: &str) -> TypeId {
        // Told apart by what its parts are, not by which scope's names they have.
        let mut shape = kind.clone();
        shape.map_named(&mut |id| self.shape_aliases.get(&id).copied().unwrap_or(id));
        let canonical = self.inline_shapes.get(&shape).copied();
        if let Some(canonical) = canonical {
            if let Some(id) = self.scoped_shapes.get(&(self.scope.clone(), canonical)) {
                return *id;
            }
        }
        let (name, _) = self.type_names.claim(base_name);
        let id = TypeId(self.types.len());
        let kind = match canonical {
            Some(canonical) => {
                self.scoped_shapes
                    .insert((self.scope.clone(), canonical), id);
                self.shape_aliases.insert(id, canonical);
                TypeKind::Alias(TypeRef::Named(canonical))
            }
            None => {
                self.scoped_shapes.insert((self.scope.clone(), id), id);
                self.inline_shapes.insert(shape, id);
                kind
            }
        };
        self.types.push(TypeDef {
            name,
            docs,
            kind,
            validates: false,
            direction: Default::default(),
            origin: match self.scope {
                Scope::Operation(index) => Some(index),
                Scope::Component(_) | Scope::Reusable(_) | Scope::Document => None,
            },
            pointer: pointer.to_owned(),
            attributes: Vec::new(),
        });
        id
    }

    /// An operation's own type (the one being lowered, `scope`), named
    /// `name` where the spec says `pointer`.
    pub fn own(&mut self, name: &str, role: Owned, pointer: String) -> TypeId {
        let (name, _) = self.type_names.claim(name);
        self.types.push(TypeDef {
            name,
            docs: Docs::default(),
            kind: TypeKind::Owned(role),
            validates: false,
            direction: Default::default(),
            origin: match self.scope {
                Scope::Operation(index) => Some(index),
                Scope::Component(_) | Scope::Reusable(_) | Scope::Document => None,
            },
            pointer,
            attributes: Vec::new(),
        });
        TypeId(self.types.len() - 1)
    }

    /// Fills the slot of a declared component.
    pub fn fill(&mut self, id: TypeId, docs: Docs, kind: TypeKind) {
        let slot = &mut self.types[id.0];
        slot.docs = docs;
        slot.kind = kind;
    }

    /// Names every component schema before any is lowered, so that `$ref`s
    /// (recursive ones too) resolve to a type whatever the order.
    fn declare_components(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        for key in components.schemas.keys() {
            let base = crate::ident::type_name(key);
            let (name, renamed) = self.type_names.claim(&base);
            if renamed {
                let pointer = format!("#/components/schemas/{}", escape(key));
                self.warn(
                    &pointer,
                    format!("the Rust name {base} is taken, so this schema is named {name}"),
                    "rename the schema to pick a name yourself",
                );
            }
            self.types.push(TypeDef {
                name,
                docs: Docs::default(),
                kind: TypeKind::Alias(TypeRef::Json),
                validates: false,
                direction: Default::default(),
                origin: None,
                pointer: format!("#/components/schemas/{}", escape(key)),
                attributes: Vec::new(),
            });
            self.components
                .insert(key.clone(), TypeId(self.types.len() - 1));
        }
        for key in nullable::nullable_components(&components.schemas) {
            self.nullable_components.insert(self.components[&key]);
        }
    }

    /// Whether values of an inline schema may be `null`.
    pub fn admits_null(&self, schema: &openapiv3::Schema) -> bool {
        match &self.spec.components {
            Some(components) => nullable::admits_null(schema, &components.schemas),
            None => nullable::admits_null(schema, &Default::default()),
        }
    }

    fn define_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.spec.components else {
            return Ok(());
        };
        for (key, schema) in &components.schemas {
            let id = self.components[key];
            let pointer = format!("#/components/schemas/{}", escape(key));
            if let Some(path) = self.replacement(key, schema, &pointer)? {
                self.types[id.0].kind = TypeKind::External(path);
                continue;
            }
            self.scope = Scope::Component(id);
            self.component(id, schema, &pointer)?;
        }
        self.scope = Scope::Document;
        for (key, id) in self.components.clone() {
            if self.alias_cycle(id) {
                let pointer = format!("#/components/schemas/{}", escape(&key));
                self.warn(&pointer, "this schema is only a reference to itself, through other references; it is any JSON value", "give one schema of the cycle a real definition");
                self.types[id.0].kind = TypeKind::Alias(TypeRef::Json);
            }
        }
        Ok(())
    }

    /// `A: $ref B`, `B: $ref A`: aliases that never reach a definition.
    fn alias_cycle(&self, start: TypeId) -> bool {
        let mut current = start;
        for _ in 0..=self.types.len() {
            match &self.types[current.0].kind {
                TypeKind::Alias(TypeRef::Named(next)) if *next == start => return true,
                TypeKind::Alias(TypeRef::Named(next)) => current = *next,
                _ => return false,
            }
        }
        false
    }

    /// The JSON at `pointer`, a `$ref`'s target. A component schema is not
    /// kept as JSON (the model reads it as a schema): a reference to one
    /// where something else is wanted is read from its types.
    fn target(&self, pointer: &str) -> Option<Cow<'_, serde_json::Value>> {
        if let Some(value) = self.targets.get(pointer) {
            return Some(Cow::Borrowed(value));
        }
        let key = nullable::component_key(&format!("#{pointer}"))?;
        let schema = self.spec.components.as_ref()?.schemas.get(&key)?;
        serde_json::to_value(schema).ok().map(Cow::Owned)
    }

    /// Resolves a local `$ref` to a component of another kind (parameters,
    /// responses, request bodies, headers), following chains; also returns
    /// the last reference followed (`#/components/responses/not_found`).
    /// An item is lent as it is: a path item holds all its operations.
    pub fn resolve<'i, T: DeserializeOwned + Clone>(
        &self,
        item: &'i ReferenceOr<T>,
        pointer: &str,
    ) -> Result<(Cow<'i, T>, Option<String>), Error> {
        let mut reference = match item {
            ReferenceOr::Item(item) => return Ok((Cow::Borrowed(item), None)),
            ReferenceOr::Reference { reference } => reference.clone(),
        };
        // A chain of MAX_DEPTH - 1 links is followed; a longer one is taken for a cycle.
        for _ in 1..MAX_DEPTH {
            let target = reference.trim_start_matches('#');
            let value = self.target(target).ok_or_else(|| {
                self.error(
                    pointer,
                    format!(
                        "$ref '{}' points to nothing",
                        self.locator.original(&reference)
                    ),
                    "define the target or correct the reference",
                )
            })?;
            let next = ReferenceOr::<T>::deserialize(&*value).map_err(|error| {
                self.error(
                    pointer,
                    format!(
                        "$ref '{}' points to something of the wrong kind: {error}",
                        self.locator.original(&reference)
                    ),
                    "point the reference at a matching component",
                )
            })?;
            match next {
                ReferenceOr::Item(item) => return Ok((Cow::Owned(item), Some(reference))),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        Err(self.error(
            pointer,
            format!("$ref chain longer than {MAX_DEPTH} links or circular"),
            "point the reference at the component itself",
        ))
    }

    /// Runs `lower` with inline types defined in `scope`, when there is one:
    /// the reusable component something was resolved from.
    pub fn within<T>(
        &mut self,
        scope: Option<Scope>,
        lower: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let Some(scope) = scope else {
            return lower(self);
        };
        let outer = std::mem::replace(&mut self.scope, scope);
        let result = lower(self);
        self.scope = outer;
        result
    }

    pub fn enter(&mut self, pointer: &str) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                pointer,
                format!("schemas nested deeper than {MAX_DEPTH} levels"),
                "name the inner schemas as components",
            ));
        }
        Ok(())
    }

    pub fn leave(&mut self) {
        self.depth -= 1;
    }
}

impl Docs {
    pub fn new(summary: Option<&String>, description: Option<&String>) -> Self {
        let clean =
            |text: Option<&String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        let summary = clean(summary);
        let description = clean(description).filter(|d| Some(d) != summary.as_ref());
        Docs {
            summary,
            description,
            notes: Vec::new(),
        }
    }

    pub fn description(description: Option<&String>) -> Self {
        Docs::new(None, description)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{lower, Owned, Selection, Settings, TypeKind};
    use crate::{load, normalize};

    /// The whole document `text`, lowered with the default selection and settings.
    fn lower_text(text: String) -> Result<crate::model::Api, crate::error::Error> {
        let mut warnings = Vec::new();
        let normalized = normalize::normalize(load::parse("t.yaml", text)?, &mut warnings)?;
        lower(
            &normalized,
            &Selection::default(),
            &Settings::default(),
            &mut warnings,
        )
    }

    fn lowered(paths: &str) -> Result<crate::model::Api, crate::error::Error> {
        lower_text(format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}components:\n  schemas:\n    Pet: {{type: object, properties: {{tag: {{type: string, enum: [a, b]}}}}}}\n"
        ))
    }

    /// Only `$ref` targets are kept as JSON: a reference into a component
    /// schema (a property of one) is read from that copy.
    #[test]
    fn a_reference_into_a_component_schema_is_read_from_its_target() {
        let paths = "  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet/properties/tag'}}}}\n";
        let api = lowered(paths).unwrap();
        assert!(
            api.types
                .iter()
                .any(|def| matches!(&def.kind, TypeKind::Enum(tag) if tag.values.len() == 2)),
            "{:?}",
            api.types.iter().map(|def| &def.name).collect::<Vec<_>>()
        );
    }

    /// A whole component schema is not kept as JSON: a parameter that refers
    /// to one is read from its types, and refused as the wrong kind.
    #[test]
    fn a_parameter_that_refers_to_a_schema_is_the_wrong_kind() {
        let paths = "  /a:\n    get:\n      parameters: [{$ref: '#/components/schemas/Pet'}]\n      responses: {'200': {description: ok}}\n";
        let error = lowered(paths).unwrap_err().to_string();
        assert!(
            error.starts_with("t.yaml: #/paths/~1a/get/parameters/0: $ref '#/components/schemas/Pet' points to something of the wrong kind: missing field `in`"),
            "{error}"
        );
    }

    /// A `$ref` chain may have 63 links; one more is taken for a cycle.
    #[test]
    fn reference_chains_end_at_sixty_three_links() {
        let chain = |links: usize| {
            let responses: String = (1..links)
                .map(|i| format!("    R{i}: {{$ref: '#/components/responses/R{}'}}\n", i + 1))
                .collect();
            let text = format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses: {{'200': {{$ref: '#/components/responses/R1'}}}}\ncomponents:\n  responses:\n{responses}    R{links}: {{description: ok}}\n"
            );
            lower_text(text).map(|_| ())
        };
        chain(63).unwrap();
        let error = chain(64).unwrap_err().to_string();
        assert!(error.contains("$ref chain longer than 64 links"), "{error}");
    }

    /// The same inline object in two operations' responses is one type,
    /// whatever else (places in the spec) tells the two apart.
    #[test]
    fn inline_schemas_of_the_same_shape_are_one_type() {
        let object = "{type: object, properties: {message: {type: string}, code: {type: integer}}}";
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '503': {{description: down, content: {{application/json: {{schema: {object}}}}}}}\n  /b:\n    get:\n      operationId: getB\n      responses:\n        '503': {{description: down, content: {{application/json: {{schema: {object}}}}}}}\n"
        );
        let mut warnings = Vec::new();
        let source = load::parse("t.yaml", text).unwrap();
        let normalized = normalize::normalize(source, &mut warnings).unwrap();
        let api = lower(
            &normalized,
            &Selection::default(),
            &Settings::default(),
            &mut warnings,
        )
        .unwrap();
        let structs: Vec<&str> = api
            .types
            .iter()
            .filter(|def| matches!(def.kind, TypeKind::Struct(_)))
            .map(|def| def.name.as_str())
            .collect();
        assert_eq!(structs.len(), 1, "{structs:?}");
    }

    /// An operation's own types are arena entries it addresses by id, with
    /// the operation as their origin, also once a selection has renumbered
    /// the types.
    #[test]
    fn an_operations_own_types_are_in_the_arena() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      tags: [skipped]\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}\n  /b:\n    get:\n      operationId: getB\n      tags: [kept]\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      responses:\n        '200': {description: ok, headers: {X-Rate: {schema: {type: integer}}}}\n        '201': {description: made}\n        '404': {description: missing}\n";
        let selections = [
            Selection::default(),
            Selection {
                tags: vec!["kept".to_owned()],
                ..Selection::default()
            },
        ];
        for selection in selections {
            let mut warnings = Vec::new();
            let source = load::parse("t.yaml", text.to_owned()).unwrap();
            let normalized = normalize::normalize(source, &mut warnings).unwrap();
            let api = lower(&normalized, &selection, &Settings::default(), &mut warnings).unwrap();
            let (index, op) = api
                .operations
                .iter()
                .enumerate()
                .find(|(_, op)| op.id == "getB")
                .unwrap();
            let owned: Vec<(&str, TypeKind)> = op
                .owned_types()
                .map(|id| {
                    let def = &api.types[id.0];
                    assert_eq!(def.origin, Some(index), "{}", def.name);
                    (def.name.as_str(), def.kind.clone())
                })
                .collect();
            assert_eq!(
                owned,
                [
                    ("GetBOptions", TypeKind::Owned(Owned::Options)),
                    ("GetBCall", TypeKind::Owned(Owned::Call)),
                    ("GetBError", TypeKind::Owned(Owned::Errors)),
                    ("GetBSuccess", TypeKind::Owned(Owned::Successes)),
                    ("GetBOkHeaders", TypeKind::Owned(Owned::Headers)),
                ]
            );
            let owned_entries = api.types.iter().filter(|def| def.is_owned()).count();
            assert_eq!(owned_entries, 5 + usize::from(selection.is_all()));
        }
    }
}
