//! Which way each type travels (sent in requests, received in responses),
//! and what follows from it: which fields are required, which types are
//! checked before sending.

use std::collections::BTreeSet;

use super::cycles::mentions;
use super::{Access, Direction, Operation, Presence, Tagged, TypeDef, TypeId, TypeKind, TypeRef};

/// Every named type a value of one of `roots` may contain.
pub(super) fn reachable(
    types: &[TypeDef],
    roots: impl IntoIterator<Item = TypeRef>,
) -> BTreeSet<TypeId> {
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
            TypeKind::Untagged(variants) | TypeKind::Tagged(Tagged { variants, .. }) => {
                variants.iter().for_each(|v| mentions(&v.ty, &mut stack))
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => mentions(ty, &mut stack),
            TypeKind::Enum(_) | TypeKind::Owned(_) | TypeKind::External(_) => {}
        }
    }
    seen
}

/// Records which way each type travels: sent (in a body or a parameter),
/// received (in a response), both, or neither (a component no operation
/// uses); and which types such an unused component holds.
pub fn mark_directions(types: &mut [TypeDef], operations: &[Operation]) {
    let sent = reachable(
        types,
        operations.iter().flat_map(|op| {
            op.body
                .iter()
                .map(|b| b.ty.clone())
                .chain(op.params.iter().map(|p| p.ty.clone()))
        }),
    );
    let received = reachable(
        types,
        operations.iter().flat_map(|op| {
            op.responses
                .iter()
                .filter_map(|r| r.body.as_ref().map(|(ty, _)| ty.clone()))
        }),
    );
    let unused = (0..types.len())
        .map(TypeId)
        .filter(|id| !types[id.0].is_owned() && !sent.contains(id) && !received.contains(id))
        .map(TypeRef::Named);
    let spare = reachable(types, unused);
    for (index, def) in types.iter_mut().enumerate() {
        let id = TypeId(index);
        def.direction = Direction {
            sent: sent.contains(&id),
            received: received.contains(&id),
            spare: spare.contains(&id),
        };
    }
}

/// A required `writeOnly` field stays required in a type that is only ever
/// sent, and a required `readOnly` one in a type that is only ever received;
/// where a type travels both ways they are optional. Nullable is optional.
pub fn settle_required(types: &mut [TypeDef], both_ways: bool) {
    for def in types.iter_mut() {
        let direction = def.direction;
        // Absent and null are told apart only where the difference is sent:
        // a received value is `None` either way.
        let written = direction.sent || both_ways;
        if let TypeKind::Struct(s) = &mut def.kind {
            for field in &mut s.fields {
                let travels = match field.access {
                    Access::ReadWrite => true,
                    Access::WriteOnly => !direction.received,
                    Access::ReadOnly => !direction.sent,
                };
                field.presence = match (field.spec_required && travels, field.nullable) {
                    (true, false) => Presence::Required,
                    (true, true) => Presence::RequiredNullable,
                    (false, true) if written => Presence::OptionalNullable,
                    (false, _) => Presence::Optional,
                };
            }
        }
    }
}

/// Marks the types that are sent and have constraints, directly or through
/// what they hold: those get a `Validate` impl, checked before sending.
pub fn mark_validating(types: &mut [TypeDef]) {
    let mut held_by: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    let mut pending = Vec::new();
    for (index, def) in types.iter().enumerate() {
        let mut held = Vec::new();
        let direct = match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| mentions(&f.ty, &mut held));
                s.fields.iter().any(|f| !f.checks.is_empty())
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => {
                mentions(ty, &mut held);
                false
            }
            // The user's own type is the user's to check.
            TypeKind::Untagged(_)
            | TypeKind::Tagged(_)
            | TypeKind::Enum(_)
            | TypeKind::Owned(_)
            | TypeKind::External(_) => false,
        };
        for id in held {
            held_by[id.0].push(index);
        }
        if direct {
            pending.push(index);
        }
    }
    while let Some(index) = pending.pop() {
        if types[index].validates || !types[index].direction.sent {
            continue;
        }
        types[index].validates = true;
        pending.extend(held_by[index].iter().copied());
    }
}
