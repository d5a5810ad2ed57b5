//! What a spec change does to code that uses its client: the two clients'
//! public items compared (see [`surface`]), each difference classified as
//! breaking or not for callers, and placed in the spec it came from.
//!
//! What breaks is judged for the Rust that clientgen generates:
//! - removing or retyping anything a caller names breaks;
//! - a new method, type or variant does not: generated enums are
//!   `#[non_exhaustive]` (string enums keep unknown values anyway), so a new
//!   documented status, enum value, server or union member is not breaking;
//! - a new field breaks code that builds the struct with a literal, so it is
//!   breaking unless the struct is `#[non_exhaustive]`: the optional
//!   parameters of an operation, and types that are only ever received
//!   (the deserializer builds those, callers only read them).
//!
//! `#[non_exhaustive]` binds other crates only: inside the crate that
//! includes the module, an exhaustive `match` still needs the new arm.

mod aliases;
mod kind;
pub mod report;
pub mod surface;

use std::collections::BTreeMap;

use crate::error::Location;
use crate::locate::Locator;
use crate::model::{self, Api, Owned};
use crate::pointer::escape;
use kind::Action;
pub use kind::ChangeKind;
use surface::{Item, Surface, TypeKind};
pub use surface::{ItemPath, Member};

/// One spec's client, as `diff` compares it.
pub struct Side {
    pub surface: Surface,
    /// Where in the spec each item comes from, when known: a Rust path to
    /// a JSON pointer.
    pub places: BTreeMap<ItemPath, String>,
    /// The per-operation types, by name, and what they are.
    pub roles: BTreeMap<String, Role>,
    /// `Client` methods by HTTP method and path template, for renamed
    /// operations.
    pub endpoints: BTreeMap<(String, String), ItemPath>,
    /// Media types of each `Client` method's request and responses, by
    /// `request` or status.
    pub media: BTreeMap<ItemPath, BTreeMap<String, String>>,
    /// The types named after each `Client` method (its options, statuses,
    /// inline bodies), which a new operationId renames with it, each under
    /// what it is to the operation (`None` for an inline shape) and where
    /// it is within the operation (`/responses/200/headers`).
    pub owned: BTreeMap<ItemPath, BTreeMap<(Option<Owned>, String), String>>,
    /// The `Client` methods that page through an operation (`_pages`,
    /// `_items`), with the operation's method.
    pub paging: BTreeMap<ItemPath, ItemPath>,
    /// Each alias of a struct or enum, with the definition it names; the
    /// surface holds the definition's items under the alias's name too.
    pub aliases: BTreeMap<String, String>,
    pub locator: Option<Locator>,
}

/// What a generated type is to its operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The optional parameters.
    Options,
    /// The documented responses, one variant per status.
    Statuses,
}

impl Side {
    /// A side with no spec behind it (a committed module): no places.
    pub fn from_surface(mut surface: Surface) -> Side {
        let aliases = aliases::expand(&mut surface);
        Side {
            surface,
            aliases,
            places: BTreeMap::new(),
            roles: BTreeMap::new(),
            endpoints: BTreeMap::new(),
            media: BTreeMap::new(),
            owned: BTreeMap::new(),
            paging: BTreeMap::new(),
            locator: None,
        }
    }

    /// A side with the model it was generated from, which knows where each
    /// item is in the spec.
    pub fn from_model(surface: Surface, api: &Api, locator: Locator) -> Side {
        let mut side = Side::from_surface(surface);
        for def in &api.types {
            side.places
                .insert(ItemPath::of_type(def.name.to_string()), def.pointer.clone());
            match &def.kind {
                model::TypeKind::Struct(s) => {
                    for field in &s.fields {
                        let pointer = format!("{}/properties/{}", def.pointer, escape(&field.wire));
                        side.places.insert(
                            ItemPath::named(def.name.to_string(), field.name.to_string()),
                            pointer,
                        );
                    }
                }
                model::TypeKind::Owned(Owned::Options | Owned::Call) => {
                    side.roles.insert(def.name.to_string(), Role::Options);
                }
                model::TypeKind::Owned(Owned::Errors | Owned::Successes) => {
                    side.roles.insert(def.name.to_string(), Role::Statuses);
                }
                _ => {}
            }
        }
        for (index, op) in api.operations.iter().enumerate() {
            let method = ItemPath::named("Client", op.method_name.to_string());
            side.places.insert(method.clone(), op.pointer.clone());
            for statuses in [Some(op.error_type), op.success_type].into_iter().flatten() {
                for case in &op.responses {
                    side.places.insert(
                        ItemPath::named(api.name(statuses).to_string(), case.variant.to_string()),
                        format!(
                            "{}/responses/{}",
                            op.pointer,
                            escape(&case.status.to_string())
                        ),
                    );
                }
            }
            side.endpoints.insert(
                (op.http_method.to_string(), op.path_template()),
                method.clone(),
            );
            for paging in op
                .paginator
                .iter()
                .flat_map(|p| [&p.pages_method, &p.items_method])
            {
                let paging = ItemPath::named("Client", paging.to_string());
                side.places.insert(paging.clone(), op.pointer.clone());
                side.paging.insert(paging, method.clone());
            }
            let mut media: BTreeMap<String, String> = op
                .body
                .iter()
                .map(|b| ("request".to_owned(), b.content_type.clone()))
                .collect();
            media.extend(op.responses.iter().filter_map(|case| {
                let (_, kind) = case.body.as_ref()?;
                Some((case.status.to_string(), format!("{kind:?}")))
            }));
            side.media.insert(method.clone(), media);
            // Each by what it is to the operation and where, so that a renamed
            // operation's types pair by role, not by the text of their names.
            let mut owned = BTreeMap::new();
            for def in api.types.iter().filter(|def| def.origin == Some(index)) {
                let within = def
                    .pointer
                    .strip_prefix(op.pointer.as_str())
                    .unwrap_or(&def.pointer);
                let role = match def.kind {
                    model::TypeKind::Owned(role) => Some(role),
                    _ => None,
                };
                owned.insert((role, within.to_owned()), def.name.to_string());
            }
            side.owned.insert(method, owned);
        }
        side.places.insert(
            ItemPath::of_type("Auth"),
            "#/components/securitySchemes".to_owned(),
        );
        for scheme in &api.schemes {
            side.places.insert(
                ItemPath::named("Auth", scheme.with_method.to_string()),
                format!("#/components/securitySchemes/{}", escape(&scheme.wire)),
            );
        }
        side.places
            .insert(ItemPath::of_type("Server"), "#/servers".to_owned());
        for (index, server) in api.servers.iter().enumerate() {
            side.places.insert(
                ItemPath::named("Server", server.variant.to_string()),
                format!("#/servers/{index}"),
            );
        }
        side.locator = Some(locator);
        side
    }

    /// Where `item` is in this side's spec: its own place, or its parent's.
    fn locate(&self, item: &ItemPath) -> Option<Location> {
        let locator = self.locator.as_ref()?;
        let pointer = self
            .places
            .get(item)
            .or_else(|| self.places.get(&item.owner_type()))?;
        Some(locator.locate(pointer))
    }
}

/// One change to the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed, as a stable snake_case word (`field_removed`).
    pub kind: ChangeKind,
    /// Whether code that compiled against the old client may no longer.
    pub breaking: bool,
    /// Where: in the new spec, or the old one for what was removed; `None`
    /// when that side has no spec (a committed module).
    pub location: Option<Location>,
    /// The Rust item (`Client::create_user`, `User::email`).
    pub rust: ItemPath,
    /// What changes for callers.
    pub message: String,
}

/// The changes from `old` to `new`: breaking first, then by item.
pub fn compare(old: &Side, new: &Side) -> Vec<Change> {
    let mut changes = Vec::new();
    let renamed = renames(old, new);
    let types = type_renames(old, new, &renamed);
    let same = aliases::one_name_per_type(&old.aliases, &new.aliases, &new.surface);
    // An item's name in the new client: the old one, or what an operation's
    // rename made of it.
    let counterpart = |name: &ItemPath| -> ItemPath {
        let name = match types.get(&name.owner) {
            Some(owner) => name.moved_to(owner),
            None => name.clone(),
        };
        renamed.get(&name).cloned().unwrap_or(name)
    };
    let targets: std::collections::BTreeSet<ItemPath> = old
        .surface
        .keys()
        .map(counterpart)
        .filter(|to| !old.surface.contains_key(to))
        .collect();
    for (name, item) in &old.surface {
        if parent_gone(name, &old.surface, &new.surface, &counterpart) {
            continue;
        }
        let to = counterpart(name);
        let operation = renamed.contains_key(name);
        let moved = to != *name && (operation || name.is_type());
        if moved && new.surface.contains_key(&to) {
            let (kind, why) = if operation {
                (ChangeKind::OperationRenamed, "the operationId changed")
            } else {
                (
                    ChangeKind::TypeRenamed,
                    "its operation's operationId changed",
                )
            };
            changes.push(Change {
                kind,
                breaking: true,
                location: new.locate(&to),
                rust: name.clone(),
                message: format!("`{name}` is now `{to}` ({why})"),
            });
        }
        match new.surface.get(&to) {
            None => changes.push(removed(name, item, old)),
            Some(now) => {
                let before = retarget(&retarget(item, &types), &same);
                let now = retarget(now, &same);
                if now != before {
                    changed(&to, &before, &now, old, new, &mut changes);
                }
            }
        }
    }
    for (name, item) in &new.surface {
        if !old.surface.contains_key(name)
            && !targets.contains(name)
            && !parent_gone(name, &new.surface, &old.surface, &ItemPath::clone)
        {
            changes.push(added(name, item, new));
        }
    }
    // Statuses and bodies that come or go are changes of their own; here,
    // only a request or a status that is exchanged in another form.
    for (method, media) in &new.media {
        let Some(before) = old.media.get(method) else {
            continue;
        };
        for (what, now) in media {
            match before.get(what) {
                Some(was) if was != now && new.surface.contains_key(method) => {
                    changes.push(Change {
                        kind: ChangeKind::MediaTypeChanged,
                        breaking: false,
                        location: new.locate(method),
                        rust: method.clone(),
                        message: format!("`{method}`: the {what} is now {now} (was {was})"),
                    })
                }
                _ => {}
            }
        }
    }
    changes.sort_by(|a, b| {
        (!a.breaking, &a.rust, a.kind.as_str()).cmp(&(!b.breaking, &b.rust, b.kind.as_str()))
    });
    changes
}

/// The types of renamed operations, old name to new: `CreateUserError`
/// becomes `AddUserError` when `create_user` becomes `add_user`.
fn type_renames(
    old: &Side,
    new: &Side,
    renamed: &BTreeMap<ItemPath, ItemPath>,
) -> BTreeMap<String, String> {
    let mut types = BTreeMap::new();
    for (before, after) in renamed {
        let (Some(was), Some(now)) = (old.owned.get(before), new.owned.get(after)) else {
            continue;
        };
        for (role, name) in was {
            let Some(candidate) = now.get(role) else {
                continue;
            };
            if candidate != name
                && !old
                    .surface
                    .contains_key(&ItemPath::of_type(candidate.as_str()))
            {
                types.insert(name.clone(), candidate.clone());
            }
        }
    }
    types
}

/// `item` with the renamed types' names in its types.
fn retarget(item: &Item, types: &BTreeMap<String, String>) -> Item {
    if types.is_empty() {
        return item.clone();
    }
    let text = |ty: &str| {
        let mut out = String::with_capacity(ty.len());
        let mut word = String::new();
        for c in ty.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            out.push_str(types.get(&word).map_or(word.as_str(), String::as_str));
            word.clear();
            out.push(c);
        }
        out.pop();
        out
    };
    match item {
        Item::Field(ty) => Item::Field(text(ty)),
        Item::Variant(ty) => Item::Variant(text(ty)),
        Item::Method { args, output } => Item::Method {
            args: args.iter().map(|(a, ty)| (a.clone(), text(ty))).collect(),
            output: text(output),
        },
        Item::Type {
            kind: TypeKind::Alias(ty),
            exhaustive,
            default,
        } => Item::Type {
            kind: TypeKind::Alias(text(ty)),
            exhaustive: *exhaustive,
            default: *default,
        },
        other => other.clone(),
    }
}

/// Old `Client` methods whose operation is at the same method and path
/// under a new name.
fn renames(old: &Side, new: &Side) -> BTreeMap<ItemPath, ItemPath> {
    old.endpoints
        .iter()
        .filter_map(|(endpoint, before)| {
            let after = new.endpoints.get(endpoint)?;
            (before != after
                && !new.surface.contains_key(before)
                && !old.surface.contains_key(after))
            .then(|| (before.clone(), after.clone()))
        })
        .collect()
}

/// Whether `name`'s owner is in `here` but not in `there`: then the owner's
/// change says it all.
fn parent_gone(
    name: &ItemPath,
    here: &Surface,
    there: &Surface,
    counterpart: &dyn Fn(&ItemPath) -> ItemPath,
) -> bool {
    let parent = name.owner_type();
    !name.is_type() && here.contains_key(&parent) && !there.contains_key(&counterpart(&parent))
}

/// The kind of change for a member of `owner`, in the spec's words where
/// the owner has a role (a parameter, a status, a scheme, a server).
fn kind(name: &ItemPath, side: &Side, generic: ChangeKind) -> ChangeKind {
    use ChangeKind as K;
    if name.is_type() {
        return generic;
    }
    let owner = name.owner.as_str();
    let specific = match (owner, side.roles.get(owner)) {
        ("Client", _) if side.paging.contains_key(name) => Subject::Paginator,
        ("Client", _) => Subject::Operation,
        ("Auth", _) => Subject::AuthScheme,
        ("Server", _) => Subject::Server,
        (_, Some(Role::Options)) => Subject::Parameter,
        (_, Some(Role::Statuses)) => Subject::Status,
        _ => return generic,
    };
    match (specific, generic.action()) {
        (Subject::Operation, Action::Added) => K::OperationAdded,
        (Subject::Operation, Action::Removed) => K::OperationRemoved,
        (Subject::Paginator, Action::Added) => K::PaginatorAdded,
        (Subject::Paginator, Action::Removed) => K::PaginatorRemoved,
        (Subject::AuthScheme, Action::Added) => K::AuthSchemeAdded,
        (Subject::AuthScheme, Action::Removed) => K::AuthSchemeRemoved,
        (Subject::Server, Action::Added) => K::ServerAdded,
        (Subject::Server, Action::Removed) => K::ServerRemoved,
        (Subject::Parameter, Action::Added) => K::ParameterAdded,
        (Subject::Parameter, Action::Removed) => K::ParameterRemoved,
        (Subject::Parameter, Action::Retyped) => K::ParameterRetyped,
        (Subject::Parameter, Action::MadeOptional) => K::ParameterMadeOptional,
        (Subject::Parameter, Action::MadeRequired) => K::ParameterMadeRequired,
        (Subject::Status, Action::Added) => K::StatusAdded,
        (Subject::Status, Action::Removed) => K::StatusRemoved,
        _ => generic,
    }
}

/// What a member of a type with a role is to callers.
#[derive(Clone, Copy)]
enum Subject {
    Operation,
    Paginator,
    AuthScheme,
    Server,
    Parameter,
    Status,
}

fn removed(name: &ItemPath, item: &Item, old: &Side) -> Change {
    let generic = match item {
        Item::Type { .. } => ChangeKind::TypeRemoved,
        Item::Field(_) => ChangeKind::FieldRemoved,
        Item::Variant(_) => ChangeKind::VariantRemoved,
        Item::Method { .. } => ChangeKind::MethodRemoved,
        Item::Impl => {
            return Change {
                kind: ChangeKind::ImplRemoved,
                breaking: true,
                location: old.locate(name),
                rust: name.owner_type(),
                message: format!(
                    "`{}` no longer implements `{}`: {}",
                    name.owner,
                    name.member_name(),
                    if name.member_name() == "Serialize" {
                        "the client no longer sends it"
                    } else {
                        "the client no longer receives it"
                    }
                ),
            }
        }
    };
    Change {
        kind: kind(name, old, generic),
        breaking: true,
        location: old.locate(name),
        rust: name.clone(),
        message: format!("`{name}` is gone"),
    }
}

fn added(name: &ItemPath, item: &Item, new: &Side) -> Change {
    let (generic, breaking, message) = match item {
        Item::Type { .. } => (ChangeKind::TypeAdded, false, format!("new type `{name}`")),
        Item::Impl => {
            return Change {
                kind: ChangeKind::ImplAdded,
                breaking: false,
                location: new.locate(name),
                rust: name.owner_type(),
                message: format!("`{}` now implements `{}`", name.owner, name.member_name()),
            }
        }
        Item::Method { .. } => (
            ChangeKind::MethodAdded,
            false,
            format!("new method `{name}`"),
        ),
        Item::Field(ty) => {
            let (breaking, why) = match new.surface.get(&name.owner_type()) {
                Some(Item::Type {
                    exhaustive: false, ..
                }) => (false, ""),
                // Optional parameters and other all-optional structs are
                // built with `..Default::default()`, which a new optional
                // field does not break.
                Some(Item::Type { default: true, .. }) if ty.starts_with("Option<") => (
                    false,
                    "; a struct literal that names every field, without `..Default::default()`, must add it",
                ),
                _ => (true, "; code that builds it with a struct literal must set it"),
            };
            (
                ChangeKind::FieldAdded,
                breaking,
                format!(
                    "`{}` gains field `{}: {ty}`{why}",
                    name.owner,
                    name.member_name()
                ),
            )
        }
        Item::Variant(_) => {
            let (breaking, why) = match new.surface.get(&name.owner_type()) {
                Some(Item::Type {
                    exhaustive: false, ..
                }) => (false, ""),
                _ => (true, "; an exhaustive `match` needs the new arm"),
            };
            (
                ChangeKind::VariantAdded,
                breaking,
                format!(
                    "`{}` gains variant `{}`{why}",
                    name.owner,
                    name.member_name()
                ),
            )
        }
    };
    Change {
        kind: kind(name, new, generic),
        breaking,
        location: new.locate(name),
        rust: name.clone(),
        message,
    }
}

fn changed(
    name: &ItemPath,
    before: &Item,
    after: &Item,
    old: &Side,
    new: &Side,
    out: &mut Vec<Change>,
) {
    let change = |kind: ChangeKind, breaking: bool, message: String| Change {
        kind,
        breaking,
        location: new.locate(name),
        rust: name.clone(),
        message,
    };
    match (before, after) {
        (Item::Field(was), Item::Field(now)) => {
            let (generic, message) = if strip_option(now) == Some(was.as_str()) {
                (
                    ChangeKind::FieldMadeOptional,
                    format!("`{name}` is now `{now}` (was `{was}`): it may be absent"),
                )
            } else if strip_option(was) == Some(now.as_str()) && strip_option(now).is_some() {
                // `Option<Option<T>>` → `Option<T>`: still optional, but
                // null is no longer told apart from absent.
                (
                    ChangeKind::FieldRetyped,
                    format!(
                        "`{name}` is now `{now}` (was `{was}`): null and absent are both `None`"
                    ),
                )
            } else if strip_option(was) == Some(now.as_str()) {
                (
                    ChangeKind::FieldMadeRequired,
                    format!("`{name}` is now `{now}` (was `{was}`)"),
                )
            } else {
                (
                    ChangeKind::FieldRetyped,
                    format!("`{name}` is now `{now}` (was `{was}`)"),
                )
            };
            out.push(change(kind(name, new, generic), true, message));
        }
        (Item::Variant(was), Item::Variant(now)) => out.push(change(
            ChangeKind::VariantRetyped,
            true,
            format!("`{name}` now holds `{now}` (was `{was}`)"),
        )),
        (
            Item::Method {
                args: was,
                output: was_output,
            },
            Item::Method { args: now, output },
        ) => {
            let specific = |generic: ChangeKind| {
                if name.owner == "Client" {
                    generic
                } else {
                    ChangeKind::MethodChanged
                }
            };
            for (arg, ty) in now {
                match was.iter().find(|(a, _)| a == arg) {
                    None => out.push(change(
                        specific(ChangeKind::ParameterAdded),
                        true,
                        format!("`{name}` takes a new argument `{arg}: {ty}`"),
                    )),
                    Some((_, old_ty)) if old_ty != ty => out.push(change(
                        specific(ChangeKind::ParameterRetyped),
                        true,
                        format!("`{name}`'s argument `{arg}` is now `{ty}` (was `{old_ty}`)"),
                    )),
                    Some(_) => {}
                }
            }
            for (arg, ty) in was {
                if !now.iter().any(|(a, _)| a == arg) {
                    out.push(Change {
                        location: old.locate(name).or_else(|| new.locate(name)),
                        ..change(
                            specific(ChangeKind::ParameterRemoved),
                            true,
                            format!("`{name}` no longer takes `{arg}: {ty}`"),
                        )
                    });
                }
            }
            let same_args: Vec<&String> = was.iter().map(|(a, _)| a).collect();
            let now_args: Vec<&String> = now.iter().map(|(a, _)| a).collect();
            let reordered = same_args.len() == now_args.len()
                && same_args != now_args
                && same_args.iter().all(|a| now_args.contains(a));
            if reordered {
                out.push(change(
                    specific(ChangeKind::ParametersReordered),
                    true,
                    format!(
                        "`{name}` takes its arguments in another order: {}",
                        now_args
                            .iter()
                            .map(|a| a.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            if was_output != output {
                out.push(change(
                    specific(ChangeKind::ReturnTypeChanged),
                    true,
                    format!("`{name}` returns `{output}` (was `{was_output}`)"),
                ));
            }
        }
        (
            Item::Type {
                kind: TypeKind::Alias(was),
                ..
            },
            Item::Type {
                kind: TypeKind::Alias(now),
                ..
            },
        ) => out.push(change(
            ChangeKind::TypeChanged,
            true,
            format!("`{name}` is now `{now}` (was `{was}`)"),
        )),
        (
            Item::Type {
                kind: was_kind,
                exhaustive: was,
                default: was_default,
            },
            Item::Type {
                kind: now_kind,
                exhaustive: now,
                default: now_default,
            },
        ) if was_kind == now_kind && was_default != now_default => out.push(change(
            ChangeKind::TypeChanged,
            *was_default,
            if *now_default {
                format!("`{name}` now has a `Default`")
            } else {
                format!("`{name}` no longer has a `Default` (a field became required)")
            },
        )),
        (
            Item::Type {
                kind: was_kind,
                exhaustive: was,
                ..
            },
            Item::Type {
                kind: now_kind,
                exhaustive: now,
                ..
            },
        ) if was_kind == now_kind => {
            // Marking a type `#[non_exhaustive]` breaks literals and
            // matches in other crates; lifting it breaks nothing.
            out.push(change(
                ChangeKind::TypeChanged,
                *was && !now,
                if *now {
                    format!("`{name}` is no longer `#[non_exhaustive]`")
                } else {
                    format!("`{name}` is now `#[non_exhaustive]`: other crates can no longer build it with a literal or match it exhaustively")
                },
            ))
        }
        _ => out.push(change(
            ChangeKind::TypeChanged,
            true,
            format!(
                "`{name}` is now a different kind of item ({} instead of {})",
                describe(after),
                describe(before)
            ),
        )),
    }
}

fn describe(item: &Item) -> &'static str {
    match item {
        Item::Type {
            kind: TypeKind::Struct,
            ..
        } => "a struct",
        Item::Type {
            kind: TypeKind::Enum,
            ..
        } => "an enum",
        Item::Type {
            kind: TypeKind::Alias(_),
            ..
        } => "an alias",
        Item::Field(_) => "a field",
        Item::Variant(_) => "a variant",
        Item::Method { .. } => "a method",
        Item::Impl => "an impl",
    }
}

fn strip_option(ty: &str) -> Option<&str> {
    ty.strip_prefix("Option<")?.strip_suffix('>')
}

/// The changes between two specs' clients; see [`crate::Config::diff`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiDiff {
    /// Breaking changes first, then compatible ones, each by Rust item.
    pub changes: Vec<Change>,
}

impl ApiDiff {
    /// Whether any change breaks code that compiled against the old client.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// "3 changes to the client's API: 1 breaking, 2 compatible".
    pub fn summary(&self) -> String {
        report::summary(&self.changes)
    }

    /// The changes as text, Markdown or JSON.
    pub fn render(&self, format: report::Format) -> String {
        report::render(&self.changes, format)
    }
}
