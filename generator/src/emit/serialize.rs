//! `Serialize` for structs, through the runtime's `ser::Fields`: one call
//! per field, where the derive's `skip_serializing_if` and length counting
//! cost a large client seconds of compile time. Written as formatted text
//! (`text`): these impls are much of a large module.

use super::text::{self, local, name, statement, string, Expr};
use crate::model::{Struct, TypeDef};

pub fn serialize_impl(def: &TypeDef, s: &Struct) -> String {
    let mut out = String::new();
    text::impl_header(&mut out, "impl runtime::serde::Serialize", &name(&def.name));
    out.push_str(
        "    fn serialize<S: runtime::serde::Serializer>(\n        &self,\n        \
         serializer: S,\n    ) -> Result<S::Ok, S::Error> {\n",
    );
    let fields = |len: &'static str| {
        Expr::Call(
            "runtime::__private::ser::fields",
            vec![
                Expr::path("serializer"),
                Expr::Lit(string(def.name.as_str())),
                Expr::path(len),
            ],
        )
        .try_()
    };
    match (&s.extra, s.fields.is_empty()) {
        (Some(_), _) => {
            let entries = Expr::Call(
                "runtime::__private::ser::entries",
                vec![Expr::path("serializer")],
            );
            local(&mut out, 8, "mut out", &entries.try_());
        }
        // Nothing to write before `end`.
        (None, true) => local(&mut out, 8, "out", &fields("0")),
        (None, false) => {
            local(&mut out, 8, "len", &length(s));
            local(&mut out, 8, "mut out", &fields("len"));
        }
    }
    for field in &s.fields {
        let method = if field.spec_required_now() {
            "field"
        } else {
            "optional"
        };
        let member = Expr::path("self").field(name(&field.name)).by_ref();
        let write = Expr::path("out").method(method, vec![Expr::Lit(string(&field.wire)), member]);
        statement(&mut out, 8, &write.try_(), true);
    }
    if s.extra.is_some() {
        let rest = Expr::path("out").method(
            "rest",
            vec![Expr::path("self").field(name(&s.extra_name)).by_ref()],
        );
        statement(&mut out, 8, &rest.try_(), true);
    }
    statement(&mut out, 8, &Expr::path("out").method("end", vec![]), false);
    out.push_str("    }\n}\n");
    out
}

/// The number of fields written: the required ones, and the optional ones
/// that are `Some`.
fn length(s: &Struct) -> Expr<'_> {
    let required = s.fields.iter().filter(|f| f.spec_required_now()).count();
    let optional: Vec<Expr<'_>> = s
        .fields
        .iter()
        .filter(|f| !f.spec_required_now())
        .map(|f| {
            Expr::path("self")
                .field(name(&f.name))
                .method("is_some", vec![])
        })
        .collect();
    let count = Expr::Lit(required.to_string().into());
    if optional.is_empty() {
        return count;
    }
    let present = Expr::Call(
        "runtime::__private::ser::present",
        vec![Expr::Array(optional).by_ref()],
    );
    if required == 0 {
        present
    } else {
        Expr::Add(Box::new(count), Box::new(present))
    }
}
