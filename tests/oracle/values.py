#!/usr/bin/env python3
"""The independent oracle for generated types (issue 16): values that a JSON
Schema validator accepts for a spec's component schemas must deserialize
into the generated types, and what the types serialize must be accepted.

    values.py generate SPEC OUT.jsonl [SCHEMA...]
                                        values from the schemas (all, or those named;
                                        hypothesis-jsonschema), each checked by jsonschema
                                        with its format checker, plus the spec's examples
    values.py check SPEC IN.jsonl       every value in IN (what the Rust side serialized)
                                        of one of SPEC's schemas is valid for it

Lines are {"schema": NAME, "value": VALUE}. OpenAPI 3.0's schema dialect is
turned into JSON Schema here, independently of clientgen: `nullable` adds
null to the type (or to the alternatives), `$ref`s point into `definitions`.
"""

import json
import os
import sys

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

# Values per schema: 40 for the committed file, more for a longer run.
PER_SCHEMA = int(os.environ.get("ORACLE_EXAMPLES", "40"))


def to_json_schema(node):
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref":
            out[key] = value.replace("#/components/schemas/", "#/definitions/")
        elif key in ("properties", "definitions"):
            out[key] = {name: to_json_schema(schema) for name, schema in value.items()}
        elif key in ("nullable", "example", "examples", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs") or key.startswith("x-"):
            continue
        else:
            out[key] = to_json_schema(value)
    # A deliberate choice of clientgen's, made explicit: an integer is an
    # i64 (i32 with `format: int32`); JSON Schema's integers are unbounded,
    # and 1e36 is one. Values outside the Rust type are not asked of it.
    if out.get("type") == "integer":
        low, high = (-(2**31), 2**31 - 1) if node.get("format") == "int32" else (-(2**63), 2**63 - 1)
        out.setdefault("minimum", low)
        out.setdefault("maximum", high)
    if node.get("nullable") is True:
        if isinstance(out.get("type"), str) and "$ref" not in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def schemas(spec_path):
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    components = spec.get("components", {}).get("schemas", {})
    definitions = {name: to_json_schema(schema) for name, schema in components.items()}
    examples = {
        name: [schema["example"]] if "example" in schema else []
        for name, schema in components.items()
    }
    return {
        name: (dict(definitions[name], definitions=definitions), examples[name])
        for name in components
    }


# `format` is asserted, not only annotated: a date-time must be RFC 3339
# (rfc3339-validator), a uuid a UUID (a format of JSON Schema 2019-09 on,
# so the checker is 2020-12's).
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
# hypothesis-jsonschema knows date-time and date; UUIDs come from hypothesis.
CUSTOM_FORMATS = {"uuid": st.uuids().map(str)}


def generate(spec_path, out_path, *names):
    lines = []
    for name, (schema, examples) in schemas(spec_path).items():
        if names and name not in names:
            continue
        validator = jsonschema.Draft7Validator(schema, format_checker=FORMATS)
        found = list(examples)

        @settings(max_examples=PER_SCHEMA, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(from_schema(schema, custom_formats=CUSTOM_FORMATS))
        def collect(value):
            found.append(value)

        collect()
        seen = set()
        for value in found:
            key = json.dumps(value, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            validator.validate(value)
            lines.append(json.dumps({"schema": name, "value": value}, sort_keys=True, ensure_ascii=False))
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} values for {len(names) or len(schemas(spec_path))} schemas -> {out_path}")


def check(spec_path, in_path, *_):
    all_schemas = schemas(spec_path)
    failures = 0
    count = 0
    with open(in_path) as f:
        for line in f:
            entry = json.loads(line)
            if entry["schema"] not in all_schemas:
                continue
            count += 1
            schema, _ = all_schemas[entry["schema"]]
            validator = jsonschema.Draft7Validator(schema, format_checker=FORMATS)
            errors = list(validator.iter_errors(entry["value"]))
            if errors:
                failures += 1
                print(f"{entry['schema']}: {json.dumps(entry['value'])}: {errors[0].message}")
    print(f"{count} serialized values checked, {failures} refused by the validator")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    command, spec_path, file_path, *names = sys.argv[1:]
    {"generate": generate, "check": check}[command](spec_path, file_path, *names)
