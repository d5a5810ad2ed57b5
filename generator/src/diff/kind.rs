//! What kind of change `diff` reports: one word per kind, stable across
//! releases (scripts match on them), and what each does to its item.

use std::fmt;

/// A kind of change to a client's API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    AuthSchemeAdded,
    AuthSchemeRemoved,
    FieldAdded,
    FieldMadeOptional,
    FieldMadeRequired,
    FieldRemoved,
    FieldRetyped,
    ImplAdded,
    ImplRemoved,
    MediaTypeChanged,
    MethodAdded,
    MethodChanged,
    MethodRemoved,
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    /// An operation got `_pages`/`_items` methods (it is paginated now).
    PaginatorAdded,
    /// An operation lost its `_pages`/`_items` methods: their callers break.
    PaginatorRemoved,
    ParameterAdded,
    ParameterMadeOptional,
    ParameterMadeRequired,
    ParameterRemoved,
    ParameterRetyped,
    ParametersReordered,
    ReturnTypeChanged,
    ServerAdded,
    ServerRemoved,
    StatusAdded,
    StatusRemoved,
    TypeAdded,
    TypeChanged,
    TypeRemoved,
    TypeRenamed,
    VariantAdded,
    VariantRemoved,
    VariantRetyped,
}

impl ChangeKind {
    /// The kind as a snake_case word (`field_removed`), as reports print it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::AuthSchemeAdded => "auth_scheme_added",
            ChangeKind::AuthSchemeRemoved => "auth_scheme_removed",
            ChangeKind::FieldAdded => "field_added",
            ChangeKind::FieldMadeOptional => "field_made_optional",
            ChangeKind::FieldMadeRequired => "field_made_required",
            ChangeKind::FieldRemoved => "field_removed",
            ChangeKind::FieldRetyped => "field_retyped",
            ChangeKind::ImplAdded => "impl_added",
            ChangeKind::ImplRemoved => "impl_removed",
            ChangeKind::MediaTypeChanged => "media_type_changed",
            ChangeKind::MethodAdded => "method_added",
            ChangeKind::MethodChanged => "method_changed",
            ChangeKind::MethodRemoved => "method_removed",
            ChangeKind::OperationAdded => "operation_added",
            ChangeKind::OperationRemoved => "operation_removed",
            ChangeKind::OperationRenamed => "operation_renamed",
            ChangeKind::PaginatorAdded => "paginator_added",
            ChangeKind::PaginatorRemoved => "paginator_removed",
            ChangeKind::ParameterAdded => "parameter_added",
            ChangeKind::ParameterMadeOptional => "parameter_made_optional",
            ChangeKind::ParameterMadeRequired => "parameter_made_required",
            ChangeKind::ParameterRemoved => "parameter_removed",
            ChangeKind::ParameterRetyped => "parameter_retyped",
            ChangeKind::ParametersReordered => "parameters_reordered",
            ChangeKind::ReturnTypeChanged => "return_type_changed",
            ChangeKind::ServerAdded => "server_added",
            ChangeKind::ServerRemoved => "server_removed",
            ChangeKind::StatusAdded => "status_added",
            ChangeKind::StatusRemoved => "status_removed",
            ChangeKind::TypeAdded => "type_added",
            ChangeKind::TypeChanged => "type_changed",
            ChangeKind::TypeRemoved => "type_removed",
            ChangeKind::TypeRenamed => "type_renamed",
            ChangeKind::VariantAdded => "variant_added",
            ChangeKind::VariantRemoved => "variant_removed",
            ChangeKind::VariantRetyped => "variant_retyped",
        }
    }

    /// What the change does to its item.
    pub(super) fn action(self) -> Action {
        match self {
            ChangeKind::AuthSchemeAdded
            | ChangeKind::FieldAdded
            | ChangeKind::ImplAdded
            | ChangeKind::MethodAdded
            | ChangeKind::OperationAdded
            | ChangeKind::PaginatorAdded
            | ChangeKind::ParameterAdded
            | ChangeKind::ServerAdded
            | ChangeKind::StatusAdded
            | ChangeKind::TypeAdded
            | ChangeKind::VariantAdded => Action::Added,
            ChangeKind::AuthSchemeRemoved
            | ChangeKind::FieldRemoved
            | ChangeKind::ImplRemoved
            | ChangeKind::MethodRemoved
            | ChangeKind::OperationRemoved
            | ChangeKind::PaginatorRemoved
            | ChangeKind::ParameterRemoved
            | ChangeKind::ServerRemoved
            | ChangeKind::StatusRemoved
            | ChangeKind::TypeRemoved
            | ChangeKind::VariantRemoved => Action::Removed,
            ChangeKind::FieldMadeOptional | ChangeKind::ParameterMadeOptional => {
                Action::MadeOptional
            }
            ChangeKind::FieldMadeRequired | ChangeKind::ParameterMadeRequired => {
                Action::MadeRequired
            }
            ChangeKind::FieldRetyped
            | ChangeKind::ParameterRetyped
            | ChangeKind::VariantRetyped => Action::Retyped,
            ChangeKind::MediaTypeChanged
            | ChangeKind::MethodChanged
            | ChangeKind::OperationRenamed
            | ChangeKind::ParametersReordered
            | ChangeKind::ReturnTypeChanged
            | ChangeKind::TypeChanged
            | ChangeKind::TypeRenamed => Action::Other,
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a change does to its item, whatever the item is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    Added,
    Removed,
    Retyped,
    MadeOptional,
    MadeRequired,
    Other,
}
