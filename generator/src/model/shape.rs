//! What the generated items look like beyond their names and types: which
//! lints a function allows, which types are `#[non_exhaustive]` or derive
//! `Default`, and which arguments are passed by value. The model decides
//! these, so that emit only prints them.

use super::{Api, Operation, RustName, Struct, TypeDef, TypeRef};

/// A clippy lint that a generated item is allowed to break, and why it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lint {
    /// A method has as many arguments as the operation has parameters.
    TooManyArguments,
    /// An operation named `into…` or `from…` gives a `&self` method whose
    /// name reads as a conversion's.
    WrongSelfConvention,
}

impl Lint {
    /// The lint's name under `clippy::`.
    pub fn name(self) -> &'static str {
        match self {
            Lint::TooManyArguments => "too_many_arguments",
            Lint::WrongSelfConvention => "wrong_self_convention",
        }
    }
}

/// Clippy's default limit on a function's arguments, `self` included.
const MAX_ARGUMENTS: usize = 7;

/// The lints a function named `name` allows; `arity` counts its arguments,
/// `self` included, and `by_ref_self` says it takes `&self`.
pub fn allows(name: &RustName, arity: usize, by_ref_self: bool) -> Vec<Lint> {
    let mut lints = Vec::new();
    if arity > MAX_ARGUMENTS {
        lints.push(Lint::TooManyArguments);
    }
    let text = name.as_str();
    if by_ref_self && (text.starts_with("into_") || text.starts_with("from_")) {
        lints.push(Lint::WrongSelfConvention);
    }
    lints
}

impl Operation {
    /// The arguments of the operation's method besides `self`: its
    /// positional parameters, its body and its options.
    pub fn arity(&self) -> usize {
        self.arguments.len()
            + usize::from(self.body.is_some())
            + usize::from(self.options_type.is_some())
    }
}

impl Api {
    /// Whether a struct is `#[non_exhaustive]`: one only ever received is
    /// built by the client alone, so a field added to it must not break
    /// other crates.
    pub fn non_exhaustive(&self, def: &TypeDef) -> bool {
        def.direction.received && !def.direction.sent
    }
}

impl Struct {
    /// Whether the struct derives `Default`: every field may be absent.
    pub fn derives_default(&self) -> bool {
        self.fields.iter().all(|f| !f.presence.is_required())
    }
}

impl TypeRef {
    /// Whether an argument of this type is passed as the value, not a
    /// reference to it: numbers and booleans.
    pub fn passed_by_value(&self) -> bool {
        matches!(
            self,
            TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Float(_)
        )
    }
}
