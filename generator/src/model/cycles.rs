//! The passes over the finished types that deal with recursion: union
//! members that hold their union, aliases that hold themselves (newtypes),
//! and boxing what would otherwise be infinitely large.

use super::{Tagged, TypeDef, TypeId, TypeKind, TypeRef};

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
        TypeKind::Untagged(variants) | TypeKind::Tagged(Tagged { variants, .. }) => variants
            .iter()
            .filter_map(|v| inline_named(&v.ty))
            .collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => inline_named(ty).into_iter().collect(),
        TypeKind::Enum(_) | TypeKind::Owned(_) | TypeKind::External(_) => Vec::new(),
    }
}

/// The strongly connected components of a graph of types (Tarjan):
/// `component[id]` is the same for two types exactly when each reaches the other.
fn components(edges: Vec<Vec<TypeId>>) -> Vec<usize> {
    struct Tarjan {
        edges: Vec<Vec<TypeId>>,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        component: Vec<usize>,
    }
    impl Tarjan {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for w in self.edges[v].clone() {
                match self.index[w.0] {
                    None => {
                        self.visit(w.0);
                        self.low[v] = self.low[v].min(self.low[w.0]);
                    }
                    Some(index) if self.on_stack[w.0] => self.low[v] = self.low[v].min(index),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    self.component[w] = v;
                    if w == v {
                        break;
                    }
                }
            }
        }
    }
    let n = edges.len();
    let mut tarjan = Tarjan {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        component: (0..n).collect(),
    };
    for v in 0..n {
        if tarjan.index[v].is_none() {
            tarjan.visit(v);
        }
    }
    tarjan.component
}

/// Drops the union members that lead back to their union through unions
/// and aliases alone (`C: oneOf: [$ref C, string]`): no value has that
/// shape, and trying it would recurse without end while reading a response.
/// Returns the unions that lost members; one left with none is any JSON value.
pub fn drop_self_members(types: &mut [TypeDef]) -> Vec<TypeId> {
    let edges = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Untagged(variants) | TypeKind::Tagged(Tagged { variants, .. }) => variants
                .iter()
                .filter_map(|v| inline_named(&v.ty))
                .collect(),
            TypeKind::Alias(ty) => inline_named(ty).into_iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    let component = components(edges);
    let mut changed = Vec::new();
    for (owner, def) in types.iter_mut().enumerate() {
        let (TypeKind::Untagged(variants) | TypeKind::Tagged(Tagged { variants, .. })) =
            &mut def.kind
        else {
            continue;
        };
        let before = variants.len();
        variants
            .retain(|v| inline_named(&v.ty).is_none_or(|id| component[id.0] != component[owner]));
        if variants.len() < before {
            changed.push(TypeId(owner));
            if variants.is_empty() {
                def.kind = TypeKind::Alias(TypeRef::Json);
            }
        }
    }
    changed
}

/// Aliases that lead back to themselves through other aliases, even behind
/// a `Vec` or a map (`A: {additionalProperties: {$ref: A}}`), cannot be
/// Rust type aliases (E0391): they become newtypes.
pub fn newtype_alias_cycles(types: &mut [TypeDef]) {
    let edges = types
        .iter()
        .map(|def| {
            let mut held = Vec::new();
            if let TypeKind::Alias(ty) = &def.kind {
                mentions(ty, &mut held);
            }
            held.retain(|id| matches!(types[id.0].kind, TypeKind::Alias(_)));
            held
        })
        .collect::<Vec<_>>();
    let cyclic: Vec<bool> = {
        let component = components(edges.clone());
        (0..types.len())
            .map(|v| edges[v].iter().any(|w| component[w.0] == component[v]))
            .collect()
    };
    for (def, cyclic) in types.iter_mut().zip(cyclic) {
        if let (true, TypeKind::Alias(ty)) = (cyclic, &def.kind) {
            def.kind = TypeKind::Newtype(ty.clone());
        }
    }
}

/// Boxes each struct field whose type leads back to its owner.
pub fn box_cycles(types: &mut [TypeDef]) {
    let component = components(types.iter().map(held_inline).collect());
    for (owner, def) in types.iter_mut().enumerate() {
        if let TypeKind::Struct(s) = &mut def.kind {
            for field in &mut s.fields {
                if let Some(id) = inline_named(&field.ty) {
                    field.boxed = component[id.0] == component[owner];
                }
            }
        }
    }
}

/// Every named type `ty` mentions, behind `Vec`s and maps too.
pub(super) fn mentions(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            mentions(inner, out)
        }
        _ => {}
    }
}
