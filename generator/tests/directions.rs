//! Each type implements `Serialize` and `Deserialize` only the way it
//! travels, unless `--both-ways` asks for both.

use std::collections::BTreeMap;
use std::fs;

const SPEC: &str = r##"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/NewThing'}}}
      responses:
        '201':
          description: created
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
    NewThing:
      type: object
      properties:
        name: {type: string}
        color: {$ref: '#/components/schemas/Color'}
        shape: {$ref: '#/components/schemas/Shape'}
    Thing:
      type: object
      properties:
        id: {type: integer}
        color: {$ref: '#/components/schemas/Color'}
        owner: {$ref: '#/components/schemas/Owner'}
    Color: {type: string, enum: [red, blue]}
    Shape:
      oneOf:
        - {type: string}
        - {type: integer}
    Owner: {type: object, properties: {login: {type: string}}}
    Kept:
      type: object
      properties:
        owner: {$ref: '#/components/schemas/Owner'}
        shape: {$ref: '#/components/schemas/Shape'}
"##;

/// The module clientgen generates for `spec`, each type both ways or not.
fn generate(spec: &str, both_ways: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("api.yaml"), spec).unwrap();
    clientgen::Config::new()
        .cargo_output(false)
        .print_warnings(false)
        .both_ways(both_ways)
        .out_dir(dir.path())
        .generate(&[dir.path().join("api.yaml")])
        .unwrap_or_else(|error| panic!("{error}"));
    fs::read_to_string(dir.path().join("api.rs")).unwrap()
}

/// Type name → (implements Serialize, implements Deserialize), derived or
/// written out.
fn serde_impls(both_ways: bool) -> BTreeMap<String, (bool, bool)> {
    let file = syn::parse_file(&generate(SPEC, both_ways)).unwrap();
    let mut impls: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    let mut mark = |name: String, traits: &[String]| {
        let entry = impls.entry(name).or_default();
        entry.0 |= traits.iter().any(|t| t == "Serialize");
        entry.1 |= traits.iter().any(|t| t == "Deserialize");
    };
    for item in &file.items {
        let (name, attrs) = match item {
            syn::Item::Struct(s) => (s.ident.to_string(), &s.attrs),
            syn::Item::Enum(e) => (e.ident.to_string(), &e.attrs),
            syn::Item::Impl(i) => {
                let (Some((_, path, _)), syn::Type::Path(ty)) = (&i.trait_, &*i.self_ty) else {
                    continue;
                };
                let trait_name = path.segments.last().unwrap().ident.to_string();
                let self_name = ty.path.segments.last().unwrap().ident.to_string();
                mark(self_name, &[trait_name]);
                continue;
            }
            _ => continue,
        };
        let mut derived = Vec::new();
        for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
            attr.parse_nested_meta(|meta| {
                derived.push(meta.path.segments.last().unwrap().ident.to_string());
                Ok(())
            })
            .unwrap();
        }
        mark(name, &derived);
    }
    impls
}

#[test]
fn each_type_is_written_if_sent_and_read_if_received() {
    let impls = serde_impls(false);
    let expect = [
        // Only sent: written, never read.
        ("NewThing", (true, false)),
        ("Shape", (true, true)), // sent, and held by the unused `Kept`
        // Only received: read, never written.
        ("Thing", (false, true)),
        // Both ways.
        ("Color", (true, true)),
        // No operation uses `Kept`: a caller may do either with it, and
        // with what it holds.
        ("Kept", (true, true)),
        ("Owner", (true, true)),
    ];
    for (name, want) in expect {
        assert_eq!(impls.get(name), Some(&want), "{name}: {impls:?}");
    }
}

#[test]
fn a_type_only_received_and_held_by_no_unused_type_is_not_written() {
    let code = generate(SPEC.split("    Kept:").next().unwrap(), false);
    assert!(!code.contains("Serialize for Owner"), "{code}");
    assert!(code.contains("Deserialize<'de> for Owner"), "{code}");
    assert!(!code.contains("Deserialize<'de> for Shape"), "{code}");
}

#[test]
fn both_ways_gives_every_type_both() {
    let impls = serde_impls(true);
    for name in ["NewThing", "Thing", "Color", "Shape", "Owner", "Kept"] {
        assert_eq!(impls.get(name), Some(&(true, true)), "{name}: {impls:?}");
    }
}
