//! Which generated code this runtime runs. Every generated module starts
//! with `clientgen_runtime::expect_runtime!("0.1")`, the runtime API level
//! it was written for; a runtime of another level refuses it with one
//! message before anything else is compiled (`generator/tests/downstream.rs`
//! builds a module against one).
//!
//! The level is `major.minor` before 1.0 and `major` after, Cargo's own
//! compatibility rule: clientgen 0.1.x writes for clientgen-runtime 0.1.x.
//! The arms below are edited when the level changes; a runtime that still
//! runs an older level's code keeps an arm for it.

/// Checks the runtime API level a generated module was written for, and
/// names the runtime `runtime` in it (the module's paths go through that
/// name, so that a refused module gives no error but this one).
#[doc(hidden)]
#[macro_export]
macro_rules! expect_runtime {
    ("0.1") => {
        use $crate::{self as runtime};
    };
    // A client whose dates are chrono's or jiff's needs the runtime's
    // feature of that name; without it, one message says so.
    ("0.1", chrono) => {
        $crate::__with_chrono!();
    };
    ("0.1", jiff) => {
        $crate::__with_jiff!();
    };
    ($level:literal) => {
        compile_error!(concat!(
            "this client was generated for clientgen-runtime ",
            $level,
            ", but the crate depends on clientgen-runtime 0.1: use clientgen and clientgen-runtime of the same version (the same major.minor before 1.0) and regenerate",
        ));
        // `runtime` names a macro: every path through it fails quietly.
        use $crate::expect_runtime as runtime;
    };
}

// A client that needs a feature: `runtime` named when the feature is on;
// otherwise an error saying so, first, and a `runtime` every path through
// fails quietly (the `S::Ok` of a bound that did not resolve still reports).

#[cfg(feature = "chrono")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_chrono {
    () => {
        use $crate::{self as runtime};
    };
}

#[cfg(not(feature = "chrono"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_chrono {
    () => {
        compile_error!("this client types its dates with chrono: turn on clientgen-runtime's `chrono` feature (clientgen-runtime = { version = \"0.1\", features = [\"chrono\"] })");
        use $crate::expect_runtime as runtime;
    };
}

#[cfg(feature = "jiff")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_jiff {
    () => {
        use $crate::{self as runtime};
    };
}

#[cfg(not(feature = "jiff"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_jiff {
    () => {
        compile_error!("this client types its dates with jiff: turn on clientgen-runtime's `jiff` feature (clientgen-runtime = { version = \"0.1\", features = [\"jiff\"] })");
        use $crate::expect_runtime as runtime;
    };
}

#[cfg(test)]
mod tests {
    /// A module as generated code starts, on this runtime.
    mod accepted {
        crate::expect_runtime!("0.1");
        pub fn secret() -> runtime::SecretString {
            runtime::SecretString::from("s")
        }
    }

    #[test]
    fn the_level_accepted_is_this_crates_version() {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        let level = if major == "0" {
            format!("0.{}", env!("CARGO_PKG_VERSION_MINOR"))
        } else {
            major.to_owned()
        };
        let arm = format!("    (\"{level}\") => {{\n        use $crate::{{self as runtime}};");
        assert!(
            include_str!("compat.rs").contains(&arm),
            "expect_runtime! must accept level {level}"
        );
        assert_eq!(accepted::secret().expose(), "s");
    }
}
