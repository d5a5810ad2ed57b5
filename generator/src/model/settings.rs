//! How to generate, apart from what to generate ([`super::Selection`]): the
//! choices a user makes about the generated code itself, each decided in the
//! model (or, for printing, by the pipeline), never in emit.

/// How the client is generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Every type is both written and read, whichever way it travels.
    pub both_ways: bool,
    /// Operations are paginated when recognised from parameter and field
    /// names, not only when they declare `x-speakeasy-pagination`.
    pub infer_pagination: bool,
    /// How the module's text is printed.
    pub printing: Printing,
    /// A cargo feature per tag gates the operations and the types they
    /// reach (a crate as output).
    pub features: bool,
    /// The string formats typed as Rust types, and the date crate.
    pub formats: super::Formats,
    /// The user's own types and attributes.
    pub custom: Custom,
}

/// The user's own types in place of generated ones, and attributes on
/// generated ones; each pair in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Custom {
    /// A component schema's key, and the path of the type that replaces it.
    pub replacements: Vec<(String, String)>,
    /// A schema's key (or `*`), and outer attributes for its type.
    pub type_attributes: Vec<(String, String)>,
    /// `Schema.property`, and outer attributes for its field.
    pub field_attributes: Vec<(String, String)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            both_ways: false,
            infer_pagination: true,
            printing: Printing::Pretty,
            features: false,
            formats: super::Formats::default(),
            custom: Custom::default(),
        }
    }
}

/// How the module's tokens become text; the same tokens either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printing {
    /// By prettyplease: what is committed and compared by `check`.
    Pretty,
    /// Straight from the tokens, a statement a line: for `OUT_DIR`, which
    /// only the compiler reads.
    Plain,
}
