//! `Deserialize` for structs, through the runtime's `de::Object`: a match
//! arm per field instead of the derive's field enum, sequence visitor and
//! map visitor, which cost most of a large client's compile time. Written as
//! formatted text (`text`): these impls are much of a large module.

use super::text::{self, arm, local, name, statement, string, Expr};
use crate::model::{Presence, Struct, TypeDef};

pub fn deserialize_impl(def: &TypeDef, s: &Struct) -> String {
    let type_name = name(&def.name);
    let mut out = String::new();
    text::impl_header(
        &mut out,
        "impl<'de> runtime::serde::Deserialize<'de>",
        &type_name,
    );
    out.push_str(
        "    fn deserialize<D: runtime::serde::Deserializer<'de>>(\n        \
         deserializer: D,\n    ) -> Result<Self, D::Error> {\n        \
         runtime::__private::de::object(deserializer)\n    }\n}\n",
    );
    text::impl_header(
        &mut out,
        "impl<'de> runtime::__private::de::Object<'de>",
        &type_name,
    );
    out.push_str("    const NAME: &'static str = ");
    out.push_str(&string(def.name.as_str()));
    out.push_str(";\n");
    const READ: &str = "fn read<A: runtime::serde::de::MapAccess<'de>>";
    const RETURNS: &str = "-> Result<Self, A::Error> {";
    if s.fields.is_empty() && s.extra.is_none() {
        text::signature(&mut out, READ, &["map: A"], RETURNS);
        out.push_str("        runtime::__private::de::skip_all(map)?;\n        Ok(Self {})\n");
    } else {
        let map = name(&s.locals.map);
        text::signature(&mut out, READ, &[&format!("mut {map}: A")], RETURNS);
        read_fields(&mut out, s);
    }
    out.push_str("    }\n}\n");
    out
}

fn read_fields(out: &mut String, s: &Struct) {
    let (map, key) = (name(&s.locals.map), name(&s.locals.key));
    let extra = name(&s.extra_name);
    // Slot types are inferred from the struct they fill. Full paths: a
    // generated module imports nothing (see the runtime's `expect_runtime!`).
    for field in &s.fields {
        let slot = Expr::Call(
            "runtime::__private::de::Slot::new",
            vec![Expr::Lit(string(&field.wire))],
        );
        local(out, 8, &format!("mut {}", name(&field.name)), &slot);
    }
    if s.extra.is_some() {
        local(
            out,
            8,
            &format!("mut {extra}"),
            &Expr::Call("::std::collections::BTreeMap::new", vec![]),
        );
    }
    // The loop's head, the match's and the extra arm's lines are fixed: the
    // locals are `map` and `key`, or `map_` and `key_` beside a field of
    // that name, short receivers that keep their methods on their line.
    out.push_str(&format!(
        "        while let Some({key}) = {map}.next_key::<runtime::__private::de::Key>()? {{\n"
    ));
    // One `?` for all arms: each one is a branch and a conversion for rustc
    // to check.
    out.push_str(&format!("            match {key}.as_str() {{\n"));
    for field in &s.fields {
        let read =
            Expr::path(name(&field.name)).method("read", vec![Expr::path(map.clone()).by_mut()]);
        arm(out, 16, &string(&field.wire), &read);
    }
    if s.extra.is_some() {
        out.push_str("                _ => {\n");
        out.push_str(&format!("                    {map}.next_value()\n"));
        out.push_str("                        .map(|value| {\n");
        let insert = Expr::path(extra.clone()).method(
            "insert",
            vec![
                Expr::path(key.clone()).method("into_string", vec![]),
                Expr::path("value"),
            ],
        );
        statement(out, 28, &insert, true);
        out.push_str("                        })\n                }\n");
    } else {
        let skip = Expr::Call(
            "runtime::__private::de::skip",
            vec![Expr::path(map.clone()).by_mut()],
        );
        arm(out, 16, "_", &skip);
    }
    out.push_str("            }?;\n        }\n");
    let mut inits: Vec<_> = s
        .fields
        .iter()
        .map(|field| {
            let local = Expr::path(name(&field.name));
            let value = match field.presence {
                Presence::Required => local.method("required", vec![]).try_(),
                Presence::RequiredNullable | Presence::Optional => local.method("or_null", vec![]),
                Presence::OptionalNullable => local.method("optional", vec![]),
            };
            (name(&field.name), Some(value))
        })
        .collect();
    if s.extra.is_some() {
        inits.push((extra, None));
    }
    statement(
        out,
        8,
        &Expr::Call("Ok", vec![Expr::Struct("Self", inits)]),
        false,
    );
}
