//! The independent oracle (issue 16): `oracle/nullable.jsonl` holds values
//! that hypothesis-jsonschema generated from `specs/nullable.yaml`'s
//! component schemas and jsonschema accepted (`tests/oracle/values.py`);
//! `oracle/formats.jsonl` those of `specs/formats.yaml`'s `Stamp` (a uuid,
//! date-times and a date, checked by jsonschema's format checker), read
//! by the chrono and the jiff client.
//! Each must deserialize into the generated type and survive a round trip;
//! `ORACLE_VALUES` names another file of values; with `ORACLE_OUT` set, what the types serialize is written there for the
//! validator to check (`python3 tests/oracle/run.py`, which CI runs).
//!
//! A component that admits null is read as `Option<T>`: that is what every
//! reference to it is (the type itself never holds the null).

use std::io::Write;

use feature_clients::nullable_both_ways::{
    Either, Holder, Level, NullableId, NullableUser, UserAlias,
};
use serde_json::Value;

fn round_trip<T>(schema: &str, value: &Value) -> Value
where
    T: clientgen_runtime::serde::de::DeserializeOwned
        + clientgen_runtime::serde::Serialize
        + PartialEq
        + std::fmt::Debug,
{
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|error| {
        panic!("{schema}: the validator accepts {value}, the type does not: {error}")
    });
    let written = serde_json::to_value(&typed).unwrap();
    let again: T = serde_json::from_value(written.clone()).unwrap_or_else(|error| {
        panic!("{schema}: {written} (written from {value}) does not read back: {error}")
    });
    assert_eq!(again, typed, "{schema}: {value}");
    written
}

#[test]
fn every_value_the_validator_accepts_is_read_and_written_back() {
    // `ORACLE_VALUES` replaces the committed values (a longer run's).
    let text = match std::env::var_os("ORACLE_VALUES") {
        Some(path) => std::fs::read_to_string(path).unwrap(),
        None => [
            include_str!("../oracle/nullable.jsonl"),
            include_str!("../oracle/formats.jsonl"),
        ]
        .concat(),
    };
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for line in text.lines() {
        let entry: Value = serde_json::from_str(line).unwrap();
        let schema = entry["schema"].as_str().unwrap();
        let value = &entry["value"];
        let written = match schema {
            "NullableUser" => round_trip::<Option<NullableUser>>(schema, value),
            "UserAlias" => round_trip::<Option<UserAlias>>(schema, value),
            "NullableId" => round_trip::<Option<NullableId>>(schema, value),
            "Level" => round_trip::<Option<Level>>(schema, value),
            "Either" => round_trip::<Option<Either>>(schema, value),
            "Holder" => round_trip::<Holder>(schema, value),
            "Stamp" => {
                let jiff = round_trip::<feature_clients::formats_jiff::Stamp>(schema, value);
                let chrono = round_trip::<feature_clients::formats_chrono::Stamp>(schema, value);
                // Both crates read the same instants and dates.
                let read = |v: Value| {
                    serde_json::from_value::<feature_clients::formats_chrono::Stamp>(v).unwrap()
                };
                assert_eq!(read(jiff), read(chrono.clone()), "{value}");
                chrono
            }
            other => panic!("no type for schema {other}"),
        };
        *seen.entry(schema.to_owned()).or_default() += 1;
        out.push(serde_json::json!({"schema": schema, "value": written}).to_string());
    }
    // Every schema has values, and nulls are among them.
    assert_eq!(seen.len(), 7, "{seen:?}");
    assert!(text.contains(r#""value": null"#));
    if let Some(path) = std::env::var_os("ORACLE_OUT") {
        let mut file = std::fs::File::create(path).unwrap();
        writeln!(file, "{}", out.join("\n")).unwrap();
    }
}
