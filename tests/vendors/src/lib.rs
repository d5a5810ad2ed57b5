//! The vendors' complete APIs, one module per document in `specs/`.

/// Generated from `specs/flexprice-openapi3.json`.
pub mod flexprice_openapi3 {
    clientgen_runtime::include_client!("flexprice_openapi3");
}

/// Generated from `specs/flexprice-swagger2.yaml`.
pub mod flexprice_swagger2 {
    clientgen_runtime::include_client!("flexprice_swagger2");
}

/// Generated from `specs/liveperson-appjwt.yaml`.
pub mod liveperson_appjwt {
    clientgen_runtime::include_client!("liveperson_appjwt");
}

/// Generated from `specs/liveperson-bots-custom-endpoint.json`.
pub mod liveperson_bots_custom_endpoint {
    clientgen_runtime::include_client!("liveperson_bots_custom_endpoint");
}

/// Generated from `specs/liveperson-send-api.json`.
pub mod liveperson_send_api {
    clientgen_runtime::include_client!("liveperson_send_api");
}

/// Generated from `specs/phrase-strings.json`.
pub mod phrase_strings {
    clientgen_runtime::include_client!("phrase_strings");
}

/// Generated from `specs/phrase-tms-memsource-swagger2.yaml`.
pub mod phrase_tms_memsource_swagger2 {
    clientgen_runtime::include_client!("phrase_tms_memsource_swagger2");
}

/// Generated from `specs/rocketchat-authentication.yaml`.
pub mod rocketchat_authentication {
    clientgen_runtime::include_client!("rocketchat_authentication");
}

/// Generated from `specs/rocketchat-content-management.yaml`.
pub mod rocketchat_content_management {
    clientgen_runtime::include_client!("rocketchat_content_management");
}

/// Generated from `specs/rocketchat-integrations.yaml`.
pub mod rocketchat_integrations {
    clientgen_runtime::include_client!("rocketchat_integrations");
}

/// Generated from `specs/rocketchat-marketplace-apps.yaml`.
pub mod rocketchat_marketplace_apps {
    clientgen_runtime::include_client!("rocketchat_marketplace_apps");
}

/// Generated from `specs/rocketchat-messaging.yaml`.
pub mod rocketchat_messaging {
    clientgen_runtime::include_client!("rocketchat_messaging");
}

/// Generated from `specs/rocketchat-miscellaneous.yaml`.
pub mod rocketchat_miscellaneous {
    clientgen_runtime::include_client!("rocketchat_miscellaneous");
}

/// Generated from `specs/rocketchat-notifications.yaml`.
pub mod rocketchat_notifications {
    clientgen_runtime::include_client!("rocketchat_notifications");
}

/// Generated from `specs/rocketchat-omnichannel.yaml`.
pub mod rocketchat_omnichannel {
    clientgen_runtime::include_client!("rocketchat_omnichannel");
}

/// Generated from `specs/rocketchat-rooms.yaml`.
pub mod rocketchat_rooms {
    clientgen_runtime::include_client!("rocketchat_rooms");
}

/// Generated from `specs/rocketchat-settings.yaml`.
pub mod rocketchat_settings {
    clientgen_runtime::include_client!("rocketchat_settings");
}

/// Generated from `specs/rocketchat-statistics.yaml`.
pub mod rocketchat_statistics {
    clientgen_runtime::include_client!("rocketchat_statistics");
}

/// Generated from `specs/rocketchat-user-management.yaml`.
pub mod rocketchat_user_management {
    clientgen_runtime::include_client!("rocketchat_user_management");
}

/// The repository's five curated specs (`specs/`), generated as the vendors'
/// documents are.
pub mod curated {
    /// Generated from `specs/flexprice.yaml`.
    pub mod flexprice {
        include!(concat!(env!("OUT_DIR"), "/curated/flexprice.rs"));
    }
    /// Generated from `specs/lastpass.yaml`.
    pub mod lastpass {
        include!(concat!(env!("OUT_DIR"), "/curated/lastpass.rs"));
    }
    /// Generated from `specs/liveperson.yaml`.
    pub mod liveperson {
        include!(concat!(env!("OUT_DIR"), "/curated/liveperson.rs"));
    }
    /// Generated from `specs/phrase.yaml`.
    pub mod phrase {
        include!(concat!(env!("OUT_DIR"), "/curated/phrase.rs"));
    }
    /// Generated from `specs/rocketchat.yaml`.
    pub mod rocketchat {
        include!(concat!(env!("OUT_DIR"), "/curated/rocketchat.rs"));
    }
}
