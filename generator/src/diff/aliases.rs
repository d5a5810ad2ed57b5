//! Type aliases as callers see them.
//!
//! An inline shape met in several places is defined once and aliased under
//! each place's own name (see `Lowerer::define`), and which place holds the
//! definition can move when the spec grows. For callers nothing moves: an
//! alias of a struct or enum is that struct or enum (its fields, variants
//! and methods are reached through it), and two names of one type are one
//! type. So the surfaces are compared with aliases expanded and with the
//! names of one type made one.

use std::collections::BTreeMap;

use super::surface::{Item, ItemPath, Surface, TypeKind};

/// Gives each alias of a struct or enum the items of the type it names, and
/// returns every such alias with the definition it leads to.
pub fn expand(surface: &mut Surface) -> BTreeMap<String, String> {
    let target = |name: &str, surface: &Surface| match surface.get(&ItemPath::of_type(name)) {
        Some(Item::Type {
            kind: TypeKind::Alias(target),
            ..
        }) if surface.contains_key(&ItemPath::of_type(target.as_str())) => Some(target.clone()),
        _ => None,
    };
    let mut aliases = BTreeMap::new();
    for name in surface.keys().filter(|path| path.is_type()) {
        let name = &name.owner;
        let Some(mut next) = target(name, surface) else {
            continue;
        };
        // A chain longer than the surface is a cycle, which rustc refuses anyway.
        for _ in 0..surface.len() {
            match target(&next, surface) {
                Some(further) => next = further,
                None => break,
            }
        }
        if target(&next, surface).is_none() {
            aliases.insert(name.clone(), next);
        }
    }
    for (alias, definition) in &aliases {
        let definition = ItemPath::of_type(definition.as_str());
        let members: Vec<(ItemPath, Item)> = surface
            .range(&definition..)
            .take_while(|(key, _)| key.owner == definition.owner)
            .filter(|(key, _)| !key.is_type())
            .map(|(key, item)| (key.moved_to(alias), item.clone()))
            .collect();
        if let Some(item) = surface.get(&definition).cloned() {
            surface.insert(ItemPath::of_type(alias.as_str()), item);
        }
        surface.extend(members);
    }
    aliases
}

/// Each name that is one type with others, on either side, to the one name
/// the comparison uses for all of them: the definition in the new client
/// when there is one.
pub fn one_name_per_type(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    new_surface: &Surface,
) -> BTreeMap<String, String> {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    fn root(parent: &BTreeMap<String, String>, name: &str) -> String {
        let mut current = name.to_owned();
        while let Some(up) = parent.get(&current) {
            if *up == current {
                break;
            }
            current = up.clone();
        }
        current
    }
    for (alias, definition) in old.iter().chain(new) {
        let (a, b) = (root(&parent, alias), root(&parent, definition));
        if a != b {
            // The smaller name roots the class: the same classes whatever the order.
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            parent.insert(high, low.clone());
            parent.entry(low.clone()).or_insert(low);
        }
    }
    let mut classes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in parent.keys() {
        classes
            .entry(root(&parent, name))
            .or_default()
            .push(name.clone());
    }
    let mut names = BTreeMap::new();
    for members in classes.into_values() {
        let defined_now = members.iter().find(|name| {
            new_surface.contains_key(&ItemPath::of_type(name.as_str()))
                && !new.contains_key(name.as_str())
        });
        let chosen = defined_now.unwrap_or(&members[0]).clone();
        for member in members {
            names.insert(member, chosen.clone());
        }
    }
    names
}
