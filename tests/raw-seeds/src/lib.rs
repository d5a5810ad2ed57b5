//! Clients generated from the OpenAPI documents embedded in `../shared/seeds/`,
//! copied verbatim into `specs/`: proof that clientgen takes the vendors'
//! documents as they are, sloppiness included.

/// Flexprice, from the seed's document.
pub mod flexprice {
    clientgen_runtime::include_client!("flexprice");
}

/// Phrase TMS, from the seed's document (a discriminator without `oneOf`).
pub mod phrase {
    clientgen_runtime::include_client!("phrase");
}

/// Rocket.Chat, from the seed's document (string booleans, credentials as header parameters).
pub mod rocketchat {
    clientgen_runtime::include_client!("rocketchat");
}
