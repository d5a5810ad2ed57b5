//! The expressions and statements of the struct read/write impls, written
//! as formatted text: each is laid out with the boxes and breaks prettyplease
//! gives that expression (`format::layout`), so the impls read as the rest of
//! the module does, without a syn parse. A large client is mostly such
//! impls: GitHub's are three fifths of its tokens.
//!
//! Only what those impls use is here: paths, literals, calls, method calls,
//! fields, `?`, references, arrays, `+` and struct literals; none of them
//! ever needs parentheses.

use std::borrow::Cow;

use crate::format::layout::{Break, Layout, INDENT, MARGIN};
use crate::model::RustName;

/// An expression of a read/write impl.
pub(crate) enum Expr<'a> {
    /// A path or an identifier (`self`, `runtime::…::new`, `map`).
    Path(Cow<'a, str>),
    /// A literal, as written (`"id"`, `3`).
    Lit(Cow<'a, str>),
    /// `function(arguments)`, `function` a path.
    Call(&'static str, Vec<Expr<'a>>),
    /// `receiver.method(arguments)`.
    Method(Box<Expr<'a>>, &'static str, Vec<Expr<'a>>),
    /// `base.member`.
    Field(Box<Expr<'a>>, Cow<'a, str>),
    /// `expr?`.
    Try(Box<Expr<'a>>),
    /// `&expr`, or `&mut expr`.
    Ref(bool, Box<Expr<'a>>),
    /// `[a, b]`.
    Array(Vec<Expr<'a>>),
    /// `left + right`.
    Add(Box<Expr<'a>>, Box<Expr<'a>>),
    /// `Path { member: value, shorthand }`.
    Struct(&'static str, Vec<(Cow<'a, str>, Option<Expr<'a>>)>),
}

impl<'a> Expr<'a> {
    pub fn path(path: impl Into<Cow<'a, str>>) -> Self {
        Expr::Path(path.into())
    }

    pub fn method(self, method: &'static str, args: Vec<Expr<'a>>) -> Self {
        Expr::Method(Box::new(self), method, args)
    }

    pub fn field(self, member: impl Into<Cow<'a, str>>) -> Self {
        Expr::Field(Box::new(self), member.into())
    }

    pub fn try_(self) -> Self {
        Expr::Try(Box::new(self))
    }

    pub fn by_ref(self) -> Self {
        Expr::Ref(false, Box::new(self))
    }

    pub fn by_mut(self) -> Self {
        Expr::Ref(true, Box::new(self))
    }
}

/// A name as it is written in code: raw where the model says.
pub(crate) fn name(name: &RustName) -> Cow<'_, str> {
    if name.is_raw() {
        Cow::Owned(format!("r#{}", name.as_str()))
    } else {
        Cow::Borrowed(name.as_str())
    }
}

/// `text` as a string literal, escaped as proc-macro2 escapes it.
pub(crate) fn string(text: &str) -> Cow<'static, str> {
    Cow::Owned(proc_macro2::Literal::string(text).to_string())
}

/// `let pattern = init;` on its own line at `indent`.
pub(crate) fn local(out: &mut String, indent: usize, pattern: &str, init: &Expr<'_>) {
    let mut layout = Layout::default();
    layout.ibox(0);
    layout.word("let ");
    layout.word(pattern);
    layout.word(" = ");
    layout.neverbreak();
    expr(&mut layout, init);
    layout.end();
    layout.word(";");
    layout.print(indent, out);
}

/// `expr;` (or `expr` ending a block, when not `semi`) at `indent`.
pub(crate) fn statement(out: &mut String, indent: usize, body: &Expr<'_>, semi: bool) {
    let mut layout = Layout::default();
    layout.ibox(0);
    beginning_of_line(&mut layout, body);
    if semi {
        layout.word(";");
    }
    layout.end();
    layout.print(indent, out);
}

/// `pattern => body,` at `indent`; `body` goes in braces on lines of its
/// own when it does not fit.
pub(crate) fn arm(out: &mut String, indent: usize, pattern: &str, body: &Expr<'_>) {
    let mut layout = Layout::default();
    layout.ibox(0);
    layout.word(pattern);
    layout.word(" => ");
    layout.neverbreak();
    layout.cbox(INDENT);
    layout.brk(Break {
        pre: Some('{'),
        ..Break::default()
    });
    beginning_of_line(&mut layout, body);
    layout.brk(Break {
        offset: -INDENT,
        post: "}",
        instead: Some(','),
        ..Break::default()
    });
    layout.end();
    layout.end();
    layout.print(indent, out);
}

/// `head for name {`, or `for name {` on a line of its own when the
/// header is wider than the margin.
pub(crate) fn impl_header(out: &mut String, head: &str, name: &str) {
    out.push_str(head);
    let flat = head.len() + " for ".len() + name.len() + " {".len();
    out.push_str(if flat as isize <= MARGIN { " " } else { "\n" });
    out.push_str("for ");
    out.push_str(name);
    out.push_str(" {\n");
}

/// A method's signature in an impl: `head(params) tail` on one line if it
/// fits, else a parameter a line.
pub(crate) fn signature(out: &mut String, head: &str, params: &[&str], tail: &str) {
    let flat = params.join(", ");
    if (INDENT as usize + head.len() + flat.len() + tail.len() + "() ".len()) as isize <= MARGIN {
        out.push_str(&format!("    {head}({flat}) {tail}\n"));
        return;
    }
    out.push_str(&format!("    {head}(\n"));
    for param in params {
        out.push_str(&format!("        {param},\n"));
    }
    out.push_str(&format!("    ) {tail}\n"));
}

fn expr<'a>(layout: &mut Layout<'a>, e: &'a Expr<'a>) {
    match e {
        Expr::Path(text) | Expr::Lit(text) => layout.word(text.as_ref()),
        Expr::Call(function, args) => {
            layout.word(*function);
            layout.word("(");
            call_args(layout, args);
            layout.word(")");
        }
        Expr::Method(..) => method_call(layout, e, false),
        Expr::Field(..) => field(layout, e, false),
        Expr::Try(inner) => {
            beginning_of_line_or_not(layout, inner, false);
            layout.word("?");
        }
        Expr::Ref(mutable, inner) => {
            layout.word(if *mutable { "&mut " } else { "&" });
            expr(layout, inner);
        }
        Expr::Array(items) => {
            layout.word("[");
            listed(layout, items);
            layout.word("]");
        }
        Expr::Add(left, right) => {
            layout.ibox(INDENT);
            layout.ibox(-INDENT);
            expr(layout, left);
            layout.end();
            layout.space();
            layout.word("+");
            layout.word(" ");
            expr(layout, right);
            layout.end();
        }
        Expr::Struct(path, fields) => {
            layout.cbox(INDENT);
            layout.ibox(-INDENT);
            layout.word(*path);
            layout.end();
            layout.word(" {");
            if !fields.is_empty() {
                layout.space();
            }
            for (index, (member, value)) in fields.iter().enumerate() {
                layout.word(member.as_ref());
                if let Some(value) = value {
                    layout.word(": ");
                    layout.ibox(0);
                    expr(layout, value);
                    layout.end();
                }
                layout.trailing_comma_or_space(index + 1 == fields.len());
            }
            layout.offset(-INDENT);
            layout.end_with_max_width(34);
            layout.word("}");
        }
    }
}

/// An expression that starts a statement or an arm's body: a short
/// receiver (`out`, `map`) keeps its method on its line.
fn beginning_of_line<'a>(layout: &mut Layout<'a>, e: &'a Expr<'a>) {
    beginning_of_line_or_not(layout, e, true);
}

fn beginning_of_line_or_not<'a>(layout: &mut Layout<'a>, e: &'a Expr<'a>, at_start: bool) {
    match e {
        Expr::Method(..) => method_call(layout, e, at_start),
        Expr::Field(..) => field(layout, e, at_start),
        Expr::Try(inner) => {
            beginning_of_line_or_not(layout, inner, at_start);
            layout.word("?");
        }
        _ => expr(layout, e),
    }
}

fn method_call<'a>(layout: &mut Layout<'a>, e: &'a Expr<'a>, at_start: bool) {
    let Expr::Method(receiver, ..) = e else {
        return expr(layout, e);
    };
    layout.cbox(INDENT);
    let unindent_args = at_start && is_short_ident(receiver);
    chained_method(layout, e, at_start, unindent_args);
    layout.end();
}

fn field<'a>(layout: &mut Layout<'a>, e: &'a Expr<'a>, at_start: bool) {
    layout.cbox(INDENT);
    chained_field(layout, e, at_start);
    layout.end();
}

/// A link of a chain: its receiver, then a break before the `.` unless the
/// chain starts a line with a short receiver.
fn chained<'a>(layout: &mut Layout<'a>, e: &'a Expr<'a>, at_start: bool) {
    match e {
        Expr::Call(function, args) => {
            layout.cbox(-INDENT);
            layout.word(*function);
            layout.end();
            layout.word("(");
            call_args(layout, args);
            layout.word(")");
        }
        Expr::Field(..) => chained_field(layout, e, at_start),
        Expr::Method(..) => chained_method(layout, e, at_start, false),
        Expr::Try(inner) => {
            chained(layout, inner, at_start);
            layout.word("?");
        }
        _ => {
            layout.cbox(-INDENT);
            expr(layout, e);
            layout.end();
        }
    }
}

fn chained_method<'a>(
    layout: &mut Layout<'a>,
    e: &'a Expr<'a>,
    at_start: bool,
    unindent_args: bool,
) {
    let Expr::Method(receiver, method, args) = e else {
        return;
    };
    chained(layout, receiver, at_start);
    if !(at_start && is_short_ident(receiver)) {
        layout.zerobreak();
    }
    layout.word(".");
    layout.word(*method);
    layout.cbox(if unindent_args { -INDENT } else { 0 });
    layout.word("(");
    call_args(layout, args);
    layout.word(")");
    layout.end();
}

fn chained_field<'a>(layout: &mut Layout<'a>, e: &'a Expr<'a>, at_start: bool) {
    let Expr::Field(base, member) = e else {
        return;
    };
    chained(layout, base, at_start);
    if !(at_start && is_short_ident(base)) {
        layout.zerobreak();
    }
    layout.word(".");
    layout.word(member.as_ref());
}

fn call_args<'a>(layout: &mut Layout<'a>, args: &'a [Expr<'a>]) {
    if let [only @ (Expr::Array(_) | Expr::Struct(..))] = args {
        return expr(layout, only);
    }
    listed(layout, args);
}

/// Items separated by commas, all on one line or each on its own.
fn listed<'a>(layout: &mut Layout<'a>, items: &'a [Expr<'a>]) {
    layout.cbox(INDENT);
    layout.zerobreak();
    for (index, item) in items.iter().enumerate() {
        expr(layout, item);
        layout.trailing_comma(index + 1 == items.len());
    }
    layout.offset(-INDENT);
    layout.end();
}

/// A lone identifier of at most four characters (`out`, `map`, `self`).
fn is_short_ident(e: &Expr<'_>) -> bool {
    matches!(e, Expr::Path(path) if path.len() <= INDENT as usize && !path.contains(':'))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    /// The module without its header comment and blank lines: what
    /// prettyplease prints is the items alone.
    fn items(code: &str) -> String {
        code.lines()
            .filter(|line| !line.is_empty() && !line.starts_with("// "))
            .map(|line| format!("{line}\n"))
            .collect()
    }

    fn property(name: &str, nullable: bool) -> (String, Value) {
        (
            name.to_owned(),
            json!({"type": "string", "nullable": nullable}),
        )
    }

    /// Structs whose names, field names and wire names run from one
    /// character to past the margin, with every kind of field, an extra
    /// map and none, so every way a line of the impls breaks is met.
    fn spec() -> Value {
        let mut schemas = Map::new();
        for length in 1..=100 {
            let name = "a".repeat(length);
            let mut one = Map::new();
            one.extend([property(&name, false)]);
            schemas.insert(
                format!("R{name}"),
                json!({"type": "object", "required": [name], "properties": one}),
            );
            let mut nullable = Map::new();
            nullable.extend([property(&name, true)]);
            schemas.insert(
                format!("N{name}"),
                json!({"type": "object", "properties": nullable}),
            );
            let mut two = Map::new();
            two.extend([property(&name, true), property("id", false)]);
            schemas.insert(
                format!("O{name}"),
                json!({"type": "object", "required": ["id"], "properties": two}),
            );
            let fields: Map<String, Value> = (1..=length % 17 + 1)
                .map(|n| property(&format!("{}{n}", "b".repeat(length.min(60))), n % 3 == 0))
                .collect();
            schemas.insert(
                format!("Many{length}{}", "X".repeat(length)),
                json!({"type": "object", "properties": fields, "additionalProperties": length % 2 == 0}),
            );
        }
        let mut odd = Map::new();
        odd.extend([
            property("type", false),
            property("na\"me\\", true),
            property("größe", false),
            property("a-b", false),
            property(&"long_".repeat(60), false),
        ]);
        schemas.insert(
            "Odd".to_owned(),
            json!({"type": "object", "required": ["type"], "properties": odd}),
        );
        schemas.insert("Empty".to_owned(), json!({"type": "object"}));
        // The reader's own locals become longer than a short receiver.
        let taken: Map<String, Value> = ["map", "map_", "key", "key_"]
            .into_iter()
            .map(|name| property(name, false))
            .collect();
        schemas.insert(
            "Taken".to_owned(),
            json!({"type": "object", "properties": taken, "additionalProperties": true}),
        );
        json!({
            "openapi": "3.0.3",
            "info": {"title": "layouts", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas},
        })
    }

    #[test]
    fn the_impls_written_as_text_are_laid_out_as_prettyplease_lays_them_out() {
        let generated = crate::generate_str("layouts.json", &spec().to_string()).unwrap();
        let ours = items(&generated.code);
        let file = syn::parse_file(&ours).unwrap();
        let theirs = prettyplease::unparse(&file);
        if ours != theirs {
            let line = ours
                .lines()
                .zip(theirs.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let context = |text: &str| {
                text.lines()
                    .skip(line.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "line {line} differs:\nours:\n{}\nprettyplease:\n{}",
                context(&ours),
                context(&theirs)
            );
        }
        assert!(
            ours.contains("runtime::__private::de::Slot::new(\n"),
            "no slot line broke"
        );
        assert!(ours.contains(" => {\n"), "no arm broke");
        assert!(ours.contains("\nfor Many"), "no impl header broke");
        assert!(
            ours.contains("            + runtime::__private::ser::present(\n"),
            "no sum broke"
        );
        assert!(ours.contains(".is_some(),\n"), "no array broke");
        assert!(
            ours.contains("\n                    .is_some(),\n"),
            "no chain broke"
        );
        assert!(ours.contains("        out.optional(\n"), "no write broke");
        assert!(
            ours.contains("Ok(Self { aaaaaa: aaaaaa.required()? })"),
            "no literal fit"
        );
    }
}
