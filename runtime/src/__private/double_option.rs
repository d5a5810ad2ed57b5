//! `Option<Option<T>>` for fields that may be absent or null, kept apart:
//! absent is `None`, `null` is `Some(None)`, a value is `Some(Some(value))`.
//! Generated code uses it as `#[serde(default, with = "…double_option")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `Some(None)` as `null` (`None` is skipped by the field's attributes).
pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a present field: `null` is `Some(None)`.
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        note: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        let read = |json: &str| serde_json::from_str::<Patch>(json).unwrap().note;
        assert_eq!(read("{}"), None);
        assert_eq!(read(r#"{"note": null}"#), Some(None));
        assert_eq!(read(r#"{"note": "x"}"#), Some(Some("x".to_owned())));
        let write = |note| serde_json::to_string(&Patch { note }).unwrap();
        assert_eq!(write(None), "{}");
        assert_eq!(write(Some(None)), r#"{"note":null}"#);
        assert_eq!(write(Some(Some("x".to_owned()))), r#"{"note":"x"}"#);
    }
}
