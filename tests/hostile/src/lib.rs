//! The hostile spec's client (see `specs/hostile.yaml`): that it compiles
//! under clippy `-D warnings` is the first test.

/// Generated from `specs/hostile.yaml`.
pub mod hostile {
    clientgen_runtime::include_client!("hostile");
}

/// `specs/hostile.yaml` printed plainly (`Config::pretty(false)`): the same
/// tokens without prettyplease, which must compile as cleanly.
pub mod hostile_plain {
    include!(concat!(env!("OUT_DIR"), "/plain/hostile.rs"));
}

/// Generated from `specs/round4.yaml`: a required paging parameter, schemas
/// named like prelude traits, bidi controls, tabs and nested Markdown in
/// text, digit property names, integer enums outside their type.
pub mod round4 {
    clientgen_runtime::include_client!("round4");
}

/// `specs/round4.yaml` printed plainly.
pub mod round4_plain {
    include!(concat!(env!("OUT_DIR"), "/plain/round4.rs"));
}
