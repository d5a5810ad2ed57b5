//! Sloppiness whose meaning is clear, met in real documents: repaired, each
//! repair a warning at its place in the user's file, an error under strict.

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

fn warnings(text: &str) -> (String, Vec<String>) {
    let generated = clientgen::generate_str("r.yaml", text).unwrap_or_else(|e| panic!("{e}"));
    let warnings = generated.warnings.iter().map(ToString::to_string).collect();
    (generated.code, warnings)
}

/// The warnings' first lines, without their `(line N)`.
fn without_lines(warnings: &[String]) -> Vec<&str> {
    warnings
        .iter()
        .map(|w| w.split(" (line").next().unwrap_or_default())
        .collect()
}

#[test]
fn a_path_variable_no_parameter_defines_becomes_a_required_string() {
    let text = format!(
        "{HEAD}paths:\n  /projects/{{project_id}}/jobs/{{job_id}}/comments/{{id}}:\n    parameters:\n      - {{name: project_id, in: path, required: true, schema: {{type: integer}}}}\n    get:\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses: {{'204': {{description: none}}}}\n"
    );
    let (code, warnings) = warnings(&text);
    assert_eq!(
        warnings,
        ["r.yaml: #/paths/~1projects~1{project_id}~1jobs~1{job_id}~1comments~1{id}/get: added the path parameter `job_id` that `/projects/{project_id}/jobs/{job_id}/comments/{id}` uses but no parameter defines: a required string (line 7)\n  hint: fix the spec; --strict refuses such repairs"]
    );
    // In the path's order, as every path parameter is.
    assert!(
        code.contains("project_id: i64,\n        job_id: &str,\n        id: &str,"),
        "{code}"
    );
}

#[test]
fn a_query_string_in_a_path_key_becomes_query_parameters() {
    let text = format!(
        "{HEAD}paths:\n  /rides?page={{page}}&per_page={{per_page}}:\n    get:\n      parameters:\n        - {{name: page, in: query, schema: {{type: integer}}}}\n      responses: {{'204': {{description: none}}}}\n"
    );
    let (code, warnings) = warnings(&text);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("r.yaml: #/paths/~1rides?page={page}&per_page={per_page}/get: added the query parameter `per_page`"), "{warnings:?}");
    assert!(warnings[0].contains("(line 5)"), "{warnings:?}");
    assert!(
        warnings[1].starts_with(
            "r.yaml: #/paths/~1rides?page={page}&per_page={per_page}: moved the query string"
        ),
        "{warnings:?}"
    );
    assert!(
        code.contains(".request(runtime::reqwest::Method::GET, \"/rides\")"),
        "{code}"
    );
    assert!(code.contains("query.push(\"per_page\", value);"), "{code}");
    assert!(code.contains("query.push(\"page\", value);"), "{code}");
}

#[test]
fn nulls_where_maps_and_lists_are_meant_are_empty() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters: null\n      tags: null\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                required: null\n                properties:\n                  x: null\n                example: {{tags: null}}\ncomponents:\n  schemas: null\n  responses: null\n"
    );
    let (code, warnings) = warnings(&text);
    let places: Vec<&str> = warnings
        .iter()
        .map(|w| w.split(": ").nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        places,
        [
            "#/paths/~1a/get/parameters",
            "#/paths/~1a/get/tags",
            "#/paths/~1a/get/responses/200/content/application~1json/schema/required",
            "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/x",
            "#/components/schemas",
            "#/components/responses",
        ],
        "{warnings:?}"
    );
    assert!(
        code.contains("pub x: Option<runtime::serde_json::Value>"),
        "{code}"
    );
    // Strict refuses them all.
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("r.yaml");
    std::fs::write(&spec, &text).unwrap();
    let error = clientgen::Config::new()
        .out_dir(dir.path())
        .cargo_output(false)
        .strict(true)
        .generate(&[&spec])
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("6 warning(s) with --strict:"), "{error}");
}

#[test]
fn booleans_where_schemas_are_meant_are_any_value() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        x: true\n        gone: false\n        list: {{type: array, items: true}}\n      additionalProperties: false\n    B: true\n"
    );
    let (code, warnings) = warnings(&text);
    let found = without_lines(&warnings);
    assert_eq!(
        found,
        [
            "r.yaml: #/components/schemas/A/properties/gone: removed the property whose schema is `false`: it may never be present",
            "r.yaml: #/components/schemas/A/properties/x: repaired the boolean `true` where a schema is meant: any value",
            "r.yaml: #/components/schemas/A/properties/list/items: repaired the boolean `true` where a schema is meant: any value",
            "r.yaml: #/components/schemas/B: repaired the boolean `true` where a schema is meant: any value",
        ]
    );
    assert!(
        code.contains("pub x: Option<runtime::serde_json::Value>"),
        "{code}"
    );
    assert!(!code.contains("pub gone"), "{code}");
}

#[test]
fn keywords_of_the_wrong_type_are_converted_or_dropped() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        code: {{type: string, pattern: 0, maxLength: '10'}}\n        n: {{type: integer, minimum: low, example: 5}}\n"
    );
    let (_, warnings) = warnings(&text);
    let found = without_lines(&warnings);
    assert_eq!(
        found,
        [
            "r.yaml: #/components/schemas/A/properties/code/pattern: converted 0 to a string",
            "r.yaml: #/components/schemas/A/properties/code/maxLength: converted \"10\" to a non-negative integer",
            "r.yaml: #/components/schemas/A/properties/n/minimum: dropped \"low\", which is not a number",
        ]
    );
}

/// Faults that were clientgen's own, met in real documents.
#[test]
fn percent_encoded_references_resolve() {
    let text = format!(
        "{HEAD}paths:\n  /items/{{id}}:\n    get:\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses:\n        '200':\n          description: ok\n          content:\n            'application/xml; charset=utf-8': {{schema: {{type: string}}}}\n  /copy/{{id}}:\n    get:\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses:\n        '200': {{$ref: '#/paths/~1items~1%7Bid%7D/get/responses/200'}}\n        '201':\n          description: made\n          content:\n            application/json:\n              schema: {{$ref: '#/paths/~1items~1%7Bid%7D/get/responses/200/content/application~1xml;%20charset=utf-8/schema'}}\n"
    );
    let (code, warnings) = warnings(&text);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(code.contains("pub async fn get_copy_id("), "{code}");
}

#[test]
fn an_annotated_reference_to_a_recursive_schema_is_the_reference() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Expression:\n      type: object\n      properties:\n        left:\n          allOf:\n            - $ref: '#/components/schemas/Expression'\n            - description: The left side.\n        args:\n          type: array\n          items:\n            allOf: [{{$ref: '#/components/schemas/Expression'}}, {{description: an argument}}]\n"
    );
    let (code, warnings) = warnings(&text);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(
        code.contains("pub left: Option<Box<Expression>>,"),
        "{code}"
    );
    assert!(
        code.contains("pub args: Option<Vec<Expression>>,"),
        "{code}"
    );
}

#[test]
fn a_callback_given_as_a_bare_reference_is_ignored() {
    let text = format!(
        "{HEAD}paths:\n  /hooks:\n    post:\n      callbacks:\n        onEvent: {{$ref: '#/components/callbacks/Event'}}\n        'target === x': {{$ref: '#/components/callbacks/Missing'}}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  callbacks:\n    Event: '#/components/schemas/Nope'\n"
    );
    let (code, warnings) = warnings(&text);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(code.contains("pub async fn post_hooks("), "{code}");
}

#[test]
fn a_bare_carriage_return_in_a_description_is_a_line_break() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: string, description: \"one\\rtwo\\r\\nthree\"}}\n"
    );
    let (code, _) = warnings(&text);
    assert!(!code.contains('\r'), "{code:?}");
    assert!(code.contains("/// one\n/// two\n/// three\n"), "{code}");
}

#[test]
fn a_struct_whose_constraints_its_types_already_guarantee_checks_nothing() {
    // `maxLength` on an enum: the Rust enum already guarantees it.
    let text = format!(
        "{HEAD}paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                role: {{type: string, enum: [a, b], maxLength: 3}}\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let (code, _) = warnings(&text);
    assert!(
        code.contains("_at: &runtime::__private::check::Path"),
        "{code}"
    );
}

const HEAD_32: &str = "openapi: 3.2.0\ninfo: {title: t, version: '1'}\n";

#[test]
fn an_openapi_32_method_that_is_not_a_token_is_refused_where_it_is_written() {
    let text = format!(
        "{HEAD_32}paths:\n  /a:\n    additionalOperations:\n      'BAD METHOD':\n        responses: {{'204': {{description: none}}}}\n"
    );
    let error = clientgen::generate_str("r.yaml", &text)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(
            "r.yaml: #/paths/~1a/additionalOperations/BAD METHOD: `BAD METHOD` is not an HTTP method (line 6)"
        ),
        "{error}"
    );
}

#[test]
fn an_openapi_32_querystring_parameter_is_skipped_with_a_warning() {
    let text = format!(
        "{HEAD_32}paths:\n  /a:\n    get:\n      parameters:\n        - {{name: q, in: querystring, content: {{application/x-www-form-urlencoded: {{schema: {{type: object}}}}}}}}\n        - {{name: page, in: query, schema: {{type: integer}}}}\n      responses: {{'204': {{description: none}}}}\n"
    );
    let (code, warnings) = warnings(&text);
    assert_eq!(
        without_lines(&warnings),
        ["r.yaml: #/paths/~1a/get/parameters/0: skipped the `querystring` parameter: clientgen does not send a whole query string as one value yet"]
    );
    assert!(code.contains("pub page: Option<i64>"), "{code}");
}

#[test]
fn a_fixed_field_method_is_also_read_from_additional_operations_by_its_exact_token() {
    // RFC 9110: methods are case-sensitive, so `get` here is not GET.
    let text = format!(
        "{HEAD_32}paths:\n  /a:\n    additionalOperations:\n      get:\n        operationId: lowerGet\n        responses: {{'204': {{description: none}}}}\n"
    );
    let (code, _) = warnings(&text);
    assert!(code.contains("__private::method(\"get\")?"), "{code}");
}

#[test]
fn items_on_an_object_schema_is_a_located_warning() {
    // dev.to's getArticleById: the body became a map without a word.
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Article:\n      type: object\n      items: {{type: string}}\n"
    );
    let (_, warnings) = warnings(&text);
    assert_eq!(
        warnings,
        ["r.yaml: #/components/schemas/Article/items: ignored `items` on a schema of type `object` (it applies to arrays): write `type: array` if a list is meant (line 8)\n  hint: fix the spec; --strict refuses such repairs"]
    );
}
