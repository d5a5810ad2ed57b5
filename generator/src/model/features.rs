//! The cargo features of a generated crate: one per tag, and one for the
//! operations that have none. An operation compiles when any of its tags'
//! features is on; a type when any operation that reaches it does, so a
//! type is always on when a type that holds it is. Types no operation
//! reaches compile with `all`.

use std::collections::BTreeSet;

use heck::ToKebabCase;

use super::{Operation, TypeDef, TypeId};

/// The features, and which gate each operation and type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Features {
    /// Feature names, in the order their tags are first met.
    pub names: Vec<String>,
    /// The tag each feature stands for; `None` for untagged operations.
    pub tags: Vec<Option<String>>,
    /// For each operation, the features that turn it on.
    pub operations: Vec<Vec<usize>>,
    /// For each type, the features that turn it on (empty: only `all`).
    pub types: Vec<Vec<usize>>,
}

/// The feature that turns every other one on, and cargo's default.
pub const ALL: &str = "all";

/// Names a feature cannot take.
const RESERVED: &[&str] = &[ALL, "default"];

/// The features of `operations` and the types they reach.
pub fn assign(types: &[TypeDef], operations: &[Operation]) -> Features {
    let mut features = Features {
        names: Vec::new(),
        tags: Vec::new(),
        operations: Vec::with_capacity(operations.len()),
        types: vec![Vec::new(); types.len()],
    };
    let mut used: BTreeSet<String> = RESERVED.iter().map(|name| (*name).to_owned()).collect();
    for op in operations {
        let mut gates = Vec::new();
        let tags: Vec<Option<&String>> = if op.tags.is_empty() {
            vec![None]
        } else {
            op.tags.iter().map(Some).collect()
        };
        for tag in tags {
            let index = match features.tags.iter().position(|t| t.as_ref() == tag) {
                Some(index) => index,
                None => {
                    let base = match tag {
                        Some(tag) => feature_name(tag),
                        None => "untagged".to_owned(),
                    };
                    features.names.push(claim(base, &mut used));
                    features.tags.push(tag.cloned());
                    features.names.len() - 1
                }
            };
            if !gates.contains(&index) {
                gates.push(index);
            }
        }
        features.operations.push(gates);
    }
    // What each feature's operations reach, one walk per feature.
    for feature in 0..features.names.len() {
        let ops = operations
            .iter()
            .zip(&features.operations)
            .filter(|(_, gates)| gates.contains(&feature))
            .map(|(op, _)| op);
        let mut roots = Vec::new();
        let mut owned: Vec<TypeId> = Vec::new();
        for op in ops {
            roots.extend(super::select::roots(op));
            owned.extend(op.owned_types());
        }
        let reached = super::direction::reachable(types, roots);
        for id in reached.into_iter().chain(owned) {
            if !features.types[id.0].contains(&feature) {
                features.types[id.0].push(feature);
            }
        }
    }
    features
}

/// `base`, or `base-2`, `base-3`… if it is taken.
fn claim(base: String, used: &mut BTreeSet<String>) -> String {
    let base = if base.is_empty() {
        "tag".to_owned()
    } else {
        base
    };
    let name = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|candidate| !used.contains(candidate))
        .unwrap_or_else(|| unreachable!("an unbounded range always has a free name"));
    used.insert(name.clone());
    name
}

/// A tag as a cargo feature name: ASCII, lowercase, words joined by `-`.
fn feature_name(tag: &str) -> String {
    crate::ident::snake_name(tag).as_str().to_kebab_case()
}

#[cfg(test)]
mod tests {
    use super::feature_name;

    #[test]
    fn feature_names_are_kebab_case_ascii() {
        assert_eq!(feature_name("pulls"), "pulls");
        assert_eq!(feature_name("Code Scanning"), "code-scanning");
        assert_eq!(feature_name("größe"), "grosse");
        assert_eq!(feature_name("type"), "type");
    }
}
