//! Passes over the finished types: which fields are required, boxing what
//! would otherwise be infinitely large, and which types have constraints.

use std::collections::BTreeSet;

use super::{Access, Operation, TypeDef, TypeId, TypeKind, TypeRef};

/// The named types a value of `ty` holds inline (not behind a Vec or map).
fn inline_named(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        _ => None,
    }
}

fn held_inline(def: &TypeDef) -> Vec<TypeId> {
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| inline_named(&f.ty))
            .collect(),
        TypeKind::Untagged(variants) => variants
            .iter()
            .filter_map(|v| inline_named(&v.ty))
            .collect(),
        TypeKind::Alias(ty) => inline_named(ty).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

fn reaches(types: &[TypeDef], from: TypeId, to: TypeId) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if seen.insert(id) {
            stack.extend(held_inline(&types[id.0]));
        }
    }
    false
}

/// Boxes each struct field and union variant whose type leads back to its owner.
pub fn box_cycles(types: &mut [TypeDef]) {
    for owner in 0..types.len() {
        let to_box: Vec<usize> = match &types[owner].kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    inline_named(&f.ty).is_some_and(|id| reaches(types, id, TypeId(owner)))
                })
                .map(|(index, _)| index)
                .collect(),
            _ => Vec::new(),
        };
        if let TypeKind::Struct(s) = &mut types[owner].kind {
            for index in to_box {
                s.fields[index].boxed = true;
            }
        }
    }
}

fn mentions(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Array(inner) | TypeRef::Map(inner) => mentions(inner, out),
        _ => {}
    }
}

/// Marks the types that have constraints, directly or through what they hold.
pub fn mark_validating(types: &mut [TypeDef]) {
    loop {
        let mut changed = false;
        for index in 0..types.len() {
            if types[index].validates {
                continue;
            }
            let mut held = Vec::new();
            let direct = match &types[index].kind {
                TypeKind::Struct(s) => {
                    for field in &s.fields {
                        mentions(&field.ty, &mut held);
                    }
                    s.fields.iter().any(|f| !f.checks.is_empty())
                }
                TypeKind::Alias(ty) => {
                    mentions(ty, &mut held);
                    false
                }
                TypeKind::Untagged(_) | TypeKind::Enum(_) => false,
            };
            if direct || held.iter().any(|id| types[id.0].validates) {
                types[index].validates = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Every named type a value of one of `roots` may contain.
fn reachable(types: &[TypeDef], roots: impl IntoIterator<Item = TypeRef>) -> BTreeSet<TypeId> {
    let mut stack = Vec::new();
    for root in roots {
        mentions(&root, &mut stack);
    }
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        match &types[id.0].kind {
            TypeKind::Struct(s) => {
                for field in &s.fields {
                    mentions(&field.ty, &mut stack);
                }
                if let Some(extra) = &s.extra {
                    mentions(extra, &mut stack);
                }
            }
            TypeKind::Untagged(variants) => {
                variants.iter().for_each(|v| mentions(&v.ty, &mut stack))
            }
            TypeKind::Alias(ty) => mentions(ty, &mut stack),
            TypeKind::Enum(_) => {}
        }
    }
    seen
}

/// A required `writeOnly` field stays required in a type that is only ever
/// sent, and a required `readOnly` one in a type that is only ever received;
/// where a type travels both ways they are optional. Nullable is optional.
pub fn settle_required(types: &mut [TypeDef], operations: &[Operation]) {
    let sent = reachable(
        types,
        operations
            .iter()
            .filter_map(|op| op.body.as_ref().map(|b| b.ty.clone())),
    );
    let received = reachable(
        types,
        operations.iter().flat_map(|op| {
            op.responses
                .iter()
                .filter_map(|r| r.body.as_ref().map(|(ty, _)| ty.clone()))
        }),
    );
    for (index, def) in types.iter_mut().enumerate() {
        let id = TypeId(index);
        if let TypeKind::Struct(s) = &mut def.kind {
            for field in &mut s.fields {
                let travels = match field.access {
                    Access::ReadWrite => true,
                    Access::WriteOnly => !received.contains(&id),
                    Access::ReadOnly => !sent.contains(&id),
                };
                field.required = field.spec_required && !field.nullable && travels;
            }
        }
    }
}
