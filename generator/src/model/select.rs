//! Generating part of an API: the operations a user names (by tag, by
//! operationId or `METHOD /path`, `*` a wildcard) and the types they reach.

use std::collections::{BTreeMap, BTreeSet};

use super::{Operation, TypeDef, TypeId, TypeRef};

/// Which operations to generate (empty: all of them); how they are
/// generated is [`super::Settings`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Operations with any of these tags.
    pub tags: Vec<String>,
    /// Operations whose operationId or `METHOD /path` matches one of these.
    pub operations: Vec<String>,
}

impl Selection {
    /// Everything is selected.
    pub fn is_all(&self) -> bool {
        self.tags.is_empty() && self.operations.is_empty()
    }

    /// The selectors `op` matches (indices into `tags`, then `operations`
    /// after them); empty when it is not selected.
    pub fn matches(&self, id: &str, method: &str, path: &str, tags: &[String]) -> Vec<usize> {
        let route = format!("{} {path}", method.to_ascii_uppercase());
        let by_tag = self
            .tags
            .iter()
            .enumerate()
            .filter(|(_, tag)| tags.contains(tag))
            .map(|(index, _)| index);
        let by_pattern = self
            .operations
            .iter()
            .enumerate()
            .filter(|(_, pattern)| glob(pattern, id) || glob(pattern, &route))
            .map(|(index, _)| self.tags.len() + index);
        by_tag.chain(by_pattern).collect()
    }

    /// The selector at `index`, as the user wrote it.
    pub fn describe(&self, index: usize) -> String {
        match self.tags.get(index) {
            Some(tag) => format!("the tag `{tag}`"),
            None => format!(
                "the operation pattern `{}`",
                self.operations[index - self.tags.len()]
            ),
        }
    }

    /// How many selectors there are.
    pub fn selectors(&self) -> usize {
        self.tags.len() + self.operations.len()
    }
}

/// `*` matches any run of characters; everything else itself, ASCII case
/// ignored for methods' sake (`get /repos/*`).
fn glob(pattern: &str, text: &str) -> bool {
    let (pattern, text) = (pattern.as_bytes(), text.as_bytes());
    // The classic two-pointer match with backtracking to the last star: linear
    // in practice, never exponential.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p].eq_ignore_ascii_case(&text[t]) {
            p += 1;
            t += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&b| b == b'*')
}

/// The types an operation names directly: its parameters', body's,
/// responses' and response headers'.
pub(super) fn roots(op: &Operation) -> impl Iterator<Item = TypeRef> + '_ {
    op.params
        .iter()
        .map(|p| p.ty.clone())
        .chain(op.body.iter().map(|b| b.ty.clone()))
        .chain(op.responses.iter().flat_map(|case| {
            case.body.iter().map(|(ty, _)| ty.clone()).chain(
                case.headers
                    .iter()
                    .flat_map(|(_, fields)| fields.iter().map(|f| f.ty.clone())),
            )
        }))
}

/// Drops the types no operation reaches, renumbering the rest in order.
pub fn prune(types: &mut Vec<TypeDef>, operations: &mut [Operation]) {
    let roots = operations.iter().flat_map(roots);
    let mut reached: BTreeSet<TypeId> =
        super::direction::reachable(types, roots.collect::<Vec<_>>());
    reached.extend(operations.iter().flat_map(Operation::owned_types));
    let mut renumber = BTreeMap::new();
    let mut kept = Vec::new();
    for (index, def) in std::mem::take(types).into_iter().enumerate() {
        if reached.contains(&TypeId(index)) {
            renumber.insert(TypeId(index), TypeId(kept.len()));
            kept.push(def);
        }
    }
    let mut renumbered = |id: TypeId| renumber.get(&id).copied().unwrap_or(id);
    for def in &mut kept {
        def.kind.map_named(&mut renumbered);
    }
    let mut map = |ty: &mut TypeRef| ty.map_named(&mut renumbered);
    for op in operations.iter_mut() {
        op.map_owned(&mut |id| renumber.get(&id).copied().unwrap_or(id));
        op.params.iter_mut().for_each(|p| map(&mut p.ty));
        if let Some(body) = &mut op.body {
            map(&mut body.ty);
        }
        for case in &mut op.responses {
            if let Some((ty, _)) = &mut case.body {
                map(ty);
            }
            if let Some((_, fields)) = &mut case.headers {
                fields.iter_mut().for_each(|f| map(&mut f.ty));
            }
        }
    }
    *types = kept;
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn wildcards() {
        assert!(glob("issues/*", "issues/list-for-repo"));
        assert!(glob(
            "GET /repos/*/issues",
            "GET /repos/{owner}/{repo}/issues"
        ));
        assert!(glob("get /repos/*", "GET /repos/{owner}"));
        assert!(glob("*", ""));
        assert!(!glob("issues/*", "pulls/list"));
        assert!(!glob("a*b", "acbc"));
        assert!(glob("a*b*c", "aXbYbZc"));
    }
}
