//! Names the generated code takes for itself, which no name from the spec
//! may be given: the model claims them first in each namespace.

/// Names the generated module defines, and every type, trait and variant of
/// Rust's prelude (the generated code names them unqualified: `impl Into<…>`,
/// `Option`, `Some`): a schema never takes one of these, so that none is
/// shadowed whichever of them a later change of the emitter uses.
pub const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Auth",
    "Server",
    "Error",
    "Response",
    // Rust 2021's prelude, and the derives the module uses.
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// The generated method's own locals, which no parameter may be named:
/// `emit/client.rs` prints these.
pub const METHOD_LOCALS: &[&str] = &[
    "body", "options", "self", "query", "request", "response", "status", "value", "headers",
    "cookies", "at", "item", "index",
    // The methods of an operation's builder besides its parameters' setters.
    "send",
];

/// The methods `Client` has besides the operations'.
pub const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "auth",
    "with",
    "new",
    "clone",
    "clone_from",
    "fmt",
];
