//! Drift: a response the client reads although the spec does not describe
//! it (a value of an enum the spec does not list, kept as `Unknown`; a JSON
//! body sent under another media type). It is reported as it happens, once
//! per operation, kind and place, to the hooks (`Hook::drift`) and, with the
//! `tracing` feature, as an event, so that a team learns of a change of the
//! server before a caller breaks on it. Values themselves are never
//! reported: they may be secrets. With no hook and no `tracing`, nothing is
//! collected. Where it goes is `hooks::DriftSink`'s.

use std::cell::RefCell;

/// What kind of drift was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DriftKind {
    /// A string enum received a value the spec does not list.
    UnknownEnumValue,
    /// A JSON body arrived under a media type that is not JSON.
    UnexpectedContentType,
}

impl DriftKind {
    /// The kind as a word (`unknown_enum_value`).
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::UnknownEnumValue => "unknown_enum_value",
            DriftKind::UnexpectedContentType => "unexpected_content_type",
        }
    }
}

/// One drift of a response from the spec.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Drift {
    /// The operationId of the call.
    pub operation: &'static str,
    /// What was seen.
    pub kind: DriftKind,
    /// Where: the Rust type that received an unknown value
    /// (`UserAccountCreationAction`), or the media type that came.
    pub place: String,
}

thread_local! {
    /// The places of unknown enum values met while a body is read, when a
    /// sink listens.
    static UNKNOWN: RefCell<Option<Vec<&'static str>>> = const { RefCell::new(None) };
}

/// Reads a body with `read`, collecting the enums that received values the
/// spec does not list.
pub(crate) fn collecting<T>(read: impl FnOnce() -> T) -> (T, Vec<&'static str>) {
    UNKNOWN.with(|unknown| *unknown.borrow_mut() = Some(Vec::new()));
    let value = read();
    let seen = UNKNOWN.with(|unknown| unknown.borrow_mut().take().unwrap_or_default());
    (value, seen)
}

/// Notes that the enum `type_name` received a value it does not list; a
/// no-op unless a body is being read for a listening sink.
pub(crate) fn unknown_value(type_name: &'static str) {
    UNKNOWN.with(|unknown| {
        if let Some(seen) = unknown.borrow_mut().as_mut() {
            if !seen.contains(&type_name) {
                seen.push(type_name);
            }
        }
    });
}
