//! Misuse of `Config::replace`, `Config::type_attribute` and
//! `Config::field_attribute` is an error naming the spec, the place and
//! the option, and nothing is written.

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
    Tags:
      type: array
      items: {type: string}
paths: {}
";

/// What generating `SPEC` with `configure` says, and whether a file was written.
fn refused(configure: impl FnOnce(&mut clientgen::Config)) -> (String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("pets.yaml");
    std::fs::write(&spec, SPEC).unwrap();
    let out = dir.path().join("out");
    let mut config = clientgen::Config::new();
    config
        .out_dir(&out)
        .cargo_output(false)
        .print_warnings(false);
    configure(&mut config);
    let error = config.run(&[&spec]).unwrap_err().to_string();
    (error, out.exists())
}

#[test]
fn a_replacement_of_no_schema_is_refused() {
    let (error, written) = refused(|c| {
        c.replace("Dog", "crate::Dog");
    });
    assert!(error.contains("pets.yaml: #/components/schemas"), "{error}");
    assert!(
        error.contains("Config::replace names Dog, which components.schemas does not define"),
        "{error}"
    );
    assert!(!written);
}

#[test]
fn a_replacement_that_is_not_a_path_is_refused() {
    let (error, _) = refused(|c| {
        c.replace("Pet", "crate::Pet { evil: () }");
    });
    assert!(error.contains("#/components/schemas/Pet"), "{error}");
    assert!(error.contains("is not a Rust type path"), "{error}");
}

#[test]
fn a_replacement_that_names_a_generated_type_is_refused() {
    let (error, _) = refused(|c| {
        c.replace("Pet", "Tags");
    });
    assert!(
        error.contains(
            "the replacement Tags is also the name of a generated type (#/components/schemas/Tags)"
        ),
        "{error}"
    );
}

#[test]
fn attributes_that_do_not_parse_or_have_no_place_are_refused() {
    let (error, _) = refused(|c| {
        c.type_attribute("Pet", "derive(Hash)");
    });
    assert!(error.contains("is not an outer attribute"), "{error}");
    let (error, _) = refused(|c| {
        c.type_attribute("Tags", "#[derive(Hash)]");
    });
    assert!(
        error.contains(
            "Config::type_attribute names Tags, which is not generated as a struct or enum"
        ),
        "{error}"
    );
    let (error, _) = refused(|c| {
        c.field_attribute("Pet.age", "#[deprecated]");
    });
    assert!(
        error.contains(
            "Config::field_attribute names Pet.age, which is no property of an object schema"
        ),
        "{error}"
    );
    let (error, _) = refused(|c| {
        c.type_attribute("Pet", "#[derive(Hash)] ] #[x]");
    });
    assert!(error.contains("is not an outer attribute"), "{error}");
}
