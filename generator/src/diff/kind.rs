//! What kind of change `diff` reports: one word per kind, stable across
//! releases (scripts match on them), and what each does to its item.

use std::fmt;

/// A kind of change to a client's API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    /// A security scheme, and its `Auth` setter, was added.
    AuthSchemeAdded,
    /// A security scheme, and its `Auth` setter, was removed.
    AuthSchemeRemoved,
    /// A struct gained a field.
    FieldAdded,
    /// A field became an `Option`.
    FieldMadeOptional,
    /// A field is no longer an `Option`.
    FieldMadeRequired,
    /// A struct lost a field.
    FieldRemoved,
    /// A field's type changed.
    FieldRetyped,
    /// A type gained a trait impl (`Serialize`, `Deserialize`, `Default`).
    ImplAdded,
    /// A type lost a trait impl.
    ImplRemoved,
    /// A request or response body is sent or read as another media type.
    MediaTypeChanged,
    /// A method was added.
    MethodAdded,
    /// A method's signature changed.
    MethodChanged,
    /// A method was removed.
    MethodRemoved,
    /// An operation, and its method, was added.
    OperationAdded,
    /// An operation, and its method, was removed.
    OperationRemoved,
    /// An operation's method has another name.
    OperationRenamed,
    /// An operation got `_pages`/`_items` methods (it is paginated now).
    PaginatorAdded,
    /// An operation lost its `_pages`/`_items` methods: their callers break.
    PaginatorRemoved,
    /// An operation gained a parameter.
    ParameterAdded,
    /// A parameter moved from the arguments to the options.
    ParameterMadeOptional,
    /// A parameter moved from the options to the arguments.
    ParameterMadeRequired,
    /// An operation lost a parameter.
    ParameterRemoved,
    /// A parameter's type changed.
    ParameterRetyped,
    /// A method's arguments are in another order.
    ParametersReordered,
    /// A method returns another type.
    ReturnTypeChanged,
    /// A documented server was added.
    ServerAdded,
    /// A documented server was removed.
    ServerRemoved,
    /// An operation documents another status (a variant of its error or success enum).
    StatusAdded,
    /// An operation no longer documents a status.
    StatusRemoved,
    /// A type was added.
    TypeAdded,
    /// A type's shape changed (struct, enum, alias).
    TypeChanged,
    /// A type was removed.
    TypeRemoved,
    /// A type has another name.
    TypeRenamed,
    /// An enum gained a variant.
    VariantAdded,
    /// An enum lost a variant.
    VariantRemoved,
    /// A variant holds another type.
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
