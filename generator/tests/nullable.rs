//! Every way a schema admits null gives a Rust type that admits it, in each
//! OpenAPI version; the wire behaviour is in tests/features/tests/nullable.rs.

/// The module clientgen generates for `spec`.
fn generate(spec: &str) -> String {
    clientgen::generate_str("api.yaml", spec)
        .unwrap_or_else(|error| panic!("{error}"))
        .code
}

/// `name: Type` of each field of struct `owner`, as the module writes them.
fn fields(module: &str, owner: &str) -> Vec<String> {
    let file = syn::parse_file(module).unwrap();
    for item in file.items {
        if let syn::Item::Struct(s) = item {
            if s.ident == owner {
                return s
                    .fields
                    .iter()
                    .map(|f| {
                        let ty = &f.ty;
                        let ty = quote::quote!(#ty).to_string().replace(' ', "");
                        format!("{}: {ty}", f.ident.as_ref().unwrap())
                    })
                    .collect();
            }
        }
    }
    panic!("no struct {owner} in\n{module}")
}

const OPERATION: &str = r#"
paths:
  /h:
    get:
      operationId: getH
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/H'}}}
"#;

#[test]
fn openapi_31_type_lists_and_null_members_on_the_target_of_a_ref() {
    let spec = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}{OPERATION}components:
  schemas:
    U: {{type: [object, 'null'], properties: {{login: {{type: string}}}}}}
    OrNull:
      oneOf:
        - {{$ref: '#/components/schemas/U'}}
        - {{type: 'null'}}
    Id: {{type: [integer, 'null']}}
    H:
      type: object
      required: [u, or_null, ids]
      properties:
        u: {{$ref: '#/components/schemas/U'}}
        or_null: {{$ref: '#/components/schemas/OrNull'}}
        ids: {{type: array, items: {{$ref: '#/components/schemas/Id'}}}}
        maybe: {{$ref: '#/components/schemas/U'}}
"
    );
    assert_eq!(
        fields(&generate(&spec), "H"),
        [
            "u: Option<U>",
            "or_null: Option<OrNull>",
            "ids: Vec<Option<Id>>",
            // Received only: absent and null are both `None`.
            "maybe: Option<U>",
        ]
    );
}

#[test]
fn swagger_2_x_nullable_on_the_target_of_a_ref() {
    let spec = r#"swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /h:
    get:
      operationId: getH
      produces: [application/json]
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/H'}}
definitions:
  U: {type: object, x-nullable: true, properties: {login: {type: string}}}
  H:
    type: object
    required: [u]
    properties:
      u: {$ref: '#/definitions/U'}
      us: {type: array, items: {$ref: '#/definitions/U'}}
"#;
    assert_eq!(
        fields(&generate(spec), "H"),
        ["u: Option<U>", "us: Option<Vec<Option<U>>>"]
    );
}

#[test]
fn openapi_30_null_in_an_enum_and_a_nullable_union_member() {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}{OPERATION}components:
  schemas:
    Level: {{type: string, enum: [low, high, null]}}
    U: {{type: object, nullable: true, properties: {{login: {{type: string}}}}}}
    Pick:
      anyOf:
        - {{type: integer}}
        - {{$ref: '#/components/schemas/U'}}
    Only:
      oneOf:
        - {{$ref: '#/components/schemas/U'}}
        - {{nullable: true}}
    H:
      type: object
      required: [level, pick, only, plain]
      properties:
        level: {{$ref: '#/components/schemas/Level'}}
        pick: {{$ref: '#/components/schemas/Pick'}}
        only: {{$ref: '#/components/schemas/Only'}}
        plain: {{type: array, items: {{type: string}}}}
"
    );
    let module = generate(&spec);
    assert_eq!(
        fields(&module, "H"),
        [
            "level: Option<Level>",
            "pick: Option<Pick>",
            "only: Option<Only>",
            "plain: Vec<String>",
        ]
    );
    // The union's variants do not carry the null: the union does.
    assert!(module.contains("pub type Only = U;"), "{module}");
}
