//! What clientgen repairs in the raw seed documents, and that `--strict` refuses them.

use std::path::Path;

fn spec(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(name)
}

#[test]
fn rocketchat_string_booleans_are_repaired_with_located_warnings() {
    let generated = clientgen::generate_file(&spec("rocketchat.json")).unwrap();
    let messages: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    // Two header parameters with `required: "true"`, and string defaults and examples.
    let required: Vec<&String> = messages
        .iter()
        .filter(|m| m.contains("/required: repaired"))
        .collect();
    assert_eq!(required.len(), 2, "{messages:#?}");
    assert!(required[0].contains("rocketchat.json: #/components/parameters/UserId/required: repaired the string boolean \"true\" (line "), "{}", required[0]);
    assert!(messages.iter().any(|m| m
        .contains("/properties/sendWelcomeEmail/default: repaired the string boolean \"false\"")));
    assert!(generated.warnings.iter().all(|w| w.location.line.is_some()));
    // The header parameters stay parameters of the method.
    assert!(
        generated
            .code
            .contains("x_user_id: &str,\n        x_auth_token: &str,"),
        "{}",
        generated.code
    );
}

#[test]
fn flexprice_and_phrase_need_no_repair() {
    for name in ["flexprice.yaml", "phrase.yaml"] {
        let generated = clientgen::generate_file(&spec(name)).unwrap();
        assert!(
            generated.warnings.is_empty(),
            "{name}: {:?}",
            generated.warnings
        );
    }
}

#[test]
fn strict_refuses_the_repairs() {
    let dir = std::env::temp_dir().join(format!("raw-seeds-strict-{}", std::process::id()));
    let mut config = clientgen::Config::new();
    config
        .out_dir(&dir)
        .strict(true)
        .cargo_output(false)
        .print_warnings(false);
    let error = config.generate(&[spec("rocketchat.json")]).unwrap_err();
    assert!(
        matches!(error, clientgen::Error::Strict(ref warnings) if warnings.len() > 10),
        "{error}"
    );
    assert!(!dir.exists());
}

#[test]
fn the_phrase_discriminator_without_one_of_is_a_plain_struct() {
    let role = raw_seed_clients::phrase::AbstractUserCreateDtoV3Role::from("LINGUIST");
    let user = raw_seed_clients::phrase::AbstractUserCreateDtoV3::new(
        "a@b.c".into(),
        "A".into(),
        "B".into(),
        role,
        "Europe/Berlin".into(),
        "ab".into(),
    );
    assert_eq!(user.role.as_str(), "LINGUIST");
}
