//! Diagnostics of Swagger 2.0 and OpenAPI 3.1 documents point into the file
//! the user wrote (its pointers, its lines), not into the 3.0 document they
//! are converted to; in YAML and in JSON alike.

use clientgen::Diagnostic;

/// The 1-based line of the first `needle` after the first `anchor`.
fn line_after(text: &str, anchor: &str, needle: &str) -> usize {
    let start = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} not in the text"));
    let at = start
        + text[start..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not after {anchor}"));
    text[..at].matches('\n').count() + 1
}

/// The same document as pretty JSON (keys in their YAML order).
fn as_json(yaml: &str) -> String {
    let value: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
    serde_json::to_string_pretty(&value).unwrap()
}

fn warnings(file: &str, text: &str) -> Vec<Diagnostic> {
    match clientgen::generate_str(file, text) {
        Ok(generated) => generated.warnings,
        Err(error) => panic!("{file} did not generate: {error}"),
    }
}

fn error(file: &str, text: &str) -> String {
    match clientgen::generate_str(file, text) {
        Ok(_) => panic!("{file} generated"),
        Err(error) => error.to_string(),
    }
}

/// Each case replaces `from` with `to` in `spec`; the error, in YAML and in
/// JSON, starts at `pointer`, says `said`, has a line, and never names a
/// place of the converted document (`converted`).
fn check_errors(spec: &str, stem: &str, cases: &[(&str, &str, &str, &str)], converted: &str) {
    for yaml in [true, false] {
        for (from, to, pointer, said) in cases {
            let changed = spec.replace(from, to);
            assert_ne!(changed, spec, "{from} not found");
            let (file, text) = if yaml {
                (format!("{stem}.yaml"), changed)
            } else {
                (format!("{stem}.json"), as_json(&changed))
            };
            let message = error(&file, &text);
            assert!(
                message.starts_with(&format!("{file}: {pointer}")),
                "{message}"
            );
            assert!(message.contains(said), "{message}");
            assert!(message.contains("(line "), "{message}");
            assert!(!message.contains(converted), "{message}");
        }
    }
}

/// The diagnostic at `pointer` among `found`, asserted to be on `line`.
fn expect_at<'a>(
    found: &'a [Diagnostic],
    file: &str,
    pointer: &str,
    line: usize,
) -> &'a Diagnostic {
    let diagnostic = found
        .iter()
        .find(|d| d.location.pointer == pointer)
        .unwrap_or_else(|| {
            let all: Vec<String> = found.iter().map(ToString::to_string).collect();
            panic!("no warning at {pointer} in {file}:\n{}", all.join("\n"))
        });
    assert_eq!(diagnostic.location.line, Some(line), "{diagnostic}");
    diagnostic
}

const SWAGGER: &str = r##"swagger: "2.0"
info: {title: Users, version: "1"}
host: api.example.com
basePath: /v1
securityDefinitions:
  key: {type: apiKey, in: header, name: X-Key}
security:
  - key: []
  - nobody: []
parameters:
  Limit:
    name: limit
    in: query
    type: integer
    required: "false"
responses:
  Gone:
    description: gone
    schema:
      type: object
      properties:
        reason: {type: string, readOnly: "false"}
paths:
  /users/{id}:
    parameters:
      - name: id
        in: path
        required: "true"
        type: string
    get:
      parameters:
        - $ref: "#/parameters/Limit"
        - name: verbose
          in: query
          type: boolean
          required: "false"
      responses:
        "200":
          description: ok
          headers:
            X-Rate: {type: integer, description: rate}
          schema: {$ref: "#/definitions/User"}
        "410": {$ref: "#/responses/Gone"}
    post:
      consumes: [application/json]
      parameters:
        - name: body
          in: body
          required: "true"
          schema:
            type: object
            properties:
              nick: {type: string, nullable: "true"}
      responses:
        "201": {description: made}
  /upload:
    post:
      consumes: [multipart/form-data]
      parameters:
        - name: file
          in: formData
          type: file
          required: "true"
      responses:
        "204": {description: done}
definitions:
  User:
    type: object
    properties:
      id: {type: string, readOnly: "true"}
      friends:
        type: array
        uniqueItems: "true"
        items: {$ref: "#/definitions/User"}
"##;

/// Ten repair warnings of a 2.0 document, each at its place in the file.
fn check_swagger_warnings(file: &str, text: &str, yaml: bool) {
    let found = warnings(file, text);
    let quote = if yaml { "" } else { "\"" };
    let key = |name: &str| format!("{quote}{name}{quote}:");
    let expected: Vec<(&str, usize)> = vec![
        // The element's first line: in pretty JSON, the `{` above its key.
        (
            "#/security/1",
            line_after(text, &key("security"), "nobody") - usize::from(!yaml),
        ),
        (
            "#/parameters/Limit/required",
            line_after(text, &key("Limit"), "required"),
        ),
        (
            "#/responses/Gone/schema/properties/reason/readOnly",
            line_after(text, &key("Gone"), "readOnly"),
        ),
        (
            "#/paths/~1users~1{id}/parameters/0/required",
            line_after(text, "/users/{id}", "required"),
        ),
        (
            "#/paths/~1users~1{id}/get/parameters/1/required",
            line_after(text, "verbose", "required"),
        ),
        (
            "#/paths/~1users~1{id}/post/parameters/0/required",
            line_after(text, &key("consumes"), "required"),
        ),
        (
            "#/paths/~1users~1{id}/post/parameters/0/schema/properties/nick/nullable",
            line_after(text, "nick", "nullable"),
        ),
        (
            "#/paths/~1upload/post/parameters/0/required",
            line_after(text, "formData", "required"),
        ),
        (
            "#/definitions/User/properties/id/readOnly",
            line_after(text, &key("definitions"), "readOnly"),
        ),
        (
            "#/definitions/User/properties/friends/uniqueItems",
            line_after(text, &key("friends"), "uniqueItems"),
        ),
    ];
    for (pointer, line) in &expected {
        let diagnostic = expect_at(&found, file, pointer, *line);
        assert!(diagnostic
            .to_string()
            .starts_with(&format!("{file}: {pointer}: ")));
    }
    // Every warning points into the 2.0 document: none at a 3.0-only place.
    for diagnostic in &found {
        let pointer = &diagnostic.location.pointer;
        assert!(
            !pointer.contains("requestBody") && !pointer.starts_with("#/components"),
            "{diagnostic}"
        );
        assert!(diagnostic.location.line.is_some(), "{diagnostic}");
    }
}

#[test]
fn swagger2_warnings_point_into_the_users_yaml_and_json() {
    check_swagger_warnings("users.yaml", SWAGGER, true);
    check_swagger_warnings("users.json", &as_json(SWAGGER), false);
}

/// Errors of 2.0 documents: each replaces one part of [`SWAGGER`].
#[test]
fn swagger2_errors_point_into_the_users_file() {
    let cases = [
        // A broken `$ref` in a body parameter.
        (
            "              nick: {type: string, nullable: \"true\"}",
            "              nick: {$ref: \"#/definitions/Nope\"}",
            "#/paths/~1users~1{id}/post/parameters/0/schema/properties/nick/$ref",
            "'#/definitions/Nope'",
        ),
        // A broken `$ref` in a definitions entry.
        (
            "        items: {$ref: \"#/definitions/User\"}",
            "        items: {$ref: \"#/definitions/Friend\"}",
            "#/definitions/User/properties/friends/items/$ref",
            "'#/definitions/Friend'",
        ),
        // In a response schema.
        (
            "          schema: {$ref: \"#/definitions/User\"}",
            "          schema: {$ref: \"#/definitions/Usr\"}",
            "#/paths/~1users~1{id}/get/responses/200/schema/$ref",
            "'#/definitions/Usr'",
        ),
        // A field of the wrong type in a global parameter.
        (
            "    type: integer\n    required: \"false\"",
            "    type: integer\n    enum: 5",
            "#/parameters/Limit",
            "not a valid",
        ),
    ];
    check_errors(SWAGGER, "users", &cases, "components");
    // The line, exactly, for the body parameter.
    let spec = SWAGGER.replace(cases[0].0, cases[0].1);
    let message = error("users.yaml", &spec);
    let line = line_after(&spec, "nick", "$ref");
    assert!(message.contains(&format!("(line {line})")), "{message}");
}

const OPENAPI31: &str = r##"openapi: 3.1.0
info: {title: Pets, version: "1"}
webhooks:
  newPet: {post: {responses: {"200": {description: ok}}}}
paths:
  /pets:
    get:
      parameters:
        - name: limit
          in: query
          deprecated: "true"
          schema: {type: [integer, "null"], minimum: 1}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Pet"}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet", description: a pet}
      responses:
        "201": {description: made}
components:
  securitySchemes:
    mtls: {type: mutualTLS}
  schemas:
    Pet:
      type: [object, "null"]
      properties:
        name: {type: string, readOnly: "true"}
        tags:
          type: array
          uniqueItems: "false"
          items: {type: string}
        pair: {prefixItems: [{type: string}]}
        owner:
          oneOf:
            - {type: "null"}
            - {$ref: "#/components/schemas/Owner"}
        kind: {$ref: "#/components/schemas/Kind", description: what it is}
    Owner: {type: object, properties: {nick: {type: string, nullable: "true"}}}
    Kind: {type: string, enum: [cat, dog]}
"##;

fn check_31_warnings(file: &str, text: &str, yaml: bool) {
    let found = warnings(file, text);
    let quote = if yaml { "" } else { "\"" };
    let key = |name: &str| format!("{quote}{name}{quote}:");
    let expected = [
        ("#/webhooks", line_after(text, "webhooks", "webhooks")),
        (
            "#/paths/~1pets/get/parameters/0/deprecated",
            line_after(text, "limit", "deprecated"),
        ),
        (
            "#/components/securitySchemes/mtls",
            line_after(text, &key("securitySchemes"), "mtls"),
        ),
        (
            "#/components/schemas/Pet/properties/name/readOnly",
            line_after(text, &key("Pet"), "readOnly"),
        ),
        (
            "#/components/schemas/Pet/properties/tags/uniqueItems",
            line_after(text, &key("tags"), "uniqueItems"),
        ),
        (
            "#/components/schemas/Pet/properties/pair",
            line_after(text, &key("Pet"), "pair"),
        ),
        (
            "#/components/schemas/Owner/properties/nick/nullable",
            line_after(text, &key("Owner"), "nullable"),
        ),
    ];
    for (pointer, line) in expected {
        expect_at(&found, file, pointer, line);
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
}

#[test]
fn openapi31_warnings_point_into_the_users_yaml_and_json() {
    check_31_warnings("pets.yaml", OPENAPI31, true);
    check_31_warnings("pets.json", &as_json(OPENAPI31), false);
}

#[test]
fn openapi31_errors_point_into_the_users_file() {
    let cases = [
        // A broken `$ref` beside a type array (wrapped in allOf by conversion).
        (
            "      type: [object, \"null\"]\n",
            "      type: [object, \"null\"]\n      $ref: \"#/components/schemas/Base\"\n",
            "#/components/schemas/Pet/$ref",
            "'#/components/schemas/Base'",
        ),
        // Beside a description, in a request body.
        (
            "{$ref: \"#/components/schemas/Pet\", description: a pet}",
            "{$ref: \"#/components/schemas/Pets\", description: a pet}",
            "#/paths/~1pets/post/requestBody/content/application~1json/schema/$ref",
            "'#/components/schemas/Pets'",
        ),
        // The member of a nullable oneOf.
        (
            "            - {$ref: \"#/components/schemas/Owner\"}",
            "            - {$ref: \"#/components/schemas/Ownr\"}",
            "#/components/schemas/Pet/properties/owner/oneOf/1/$ref",
            "'#/components/schemas/Ownr'",
        ),
        // In a type-array parameter schema: a list of the wrong type.
        (
            "schema: {type: [integer, \"null\"], minimum: 1}",
            "schema: {type: [integer, \"null\"], enum: 7}",
            "#/paths/~1pets/get/parameters/0/schema",
            "not a valid",
        ),
    ];
    check_errors(OPENAPI31, "pets", &cases, "allOf");
    let spec = OPENAPI31.replace(cases[2].0, cases[2].1);
    let message = error("pets.yaml", &spec);
    let line = line_after(&spec, "Ownr", "Ownr");
    assert!(message.contains(&format!("(line {line})")), "{message}");
}
