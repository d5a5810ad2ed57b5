//! Rust names for OpenAPI names: casing, keywords, symbols and collisions.
//!
//! Every name is a [`RustName`]: the identifier and whether it is written
//! raw (`r#type`), decided here once; the emitter only prints it.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of Rust 2021, strict and reserved, plus 2024's `gen`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Spells out the symbols that carry meaning (`+1`, `-1`) and blanks the rest,
/// so that heck sees words.
fn words(name: &str) -> String {
    // `größe` → `grosse`, `名前` → `Ming Qian`: non-ASCII letters keep their
    // meaning in the ASCII-only identifiers.
    let name = if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode_with_tofu(name, " "))
    };
    let mut out = String::with_capacity(name.len() + 8);
    let mut chars = name.chars().peekable();
    let mut at_word_start = true;
    while let Some(c) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(char::is_ascii_digit);
        match c {
            '+' => out.push_str(" plus "),
            '-' if at_word_start && next_is_digit => out.push_str(" minus "),
            // ASCII only: every such name is a valid identifier that no lint flags.
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
        at_word_start = !c.is_ascii_alphanumeric();
    }
    out
}

/// A Rust identifier: its text (never with `r#`) and whether it is a
/// keyword written raw. Made only by this module, so every one is valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName {
    text: String,
    raw: bool,
}

impl RustName {
    /// The identifier without `r#`: what docs, messages and derived names use.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Written `r#…` in code.
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// As code writes it (`r#type`), for docs that quote the code.
    pub fn in_code(&self) -> String {
        if self.raw {
            format!("r#{}", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// The text without `r#`, for docs and messages.
impl fmt::Display for RustName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Any text, made an identifier as [`rust_ident`] does.
impl From<&str> for RustName {
    fn from(text: &str) -> Self {
        rust_ident(text)
    }
}

impl From<String> for RustName {
    fn from(text: String) -> Self {
        rust_ident(&text)
    }
}

impl From<&RustName> for RustName {
    fn from(name: &RustName) -> Self {
        name.clone()
    }
}

impl From<&String> for RustName {
    fn from(text: &String) -> Self {
        rust_ident(text)
    }
}

fn finish(name: String, fallback: &str) -> RustName {
    let name = if name.is_empty() {
        fallback.to_owned()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        // `_200` alone is flagged by clippy (`just_underscores_and_digits`).
        if name.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
            format!("{fallback}_{name}")
        } else {
            format!("_{name}")
        }
    } else {
        name
    };
    if NOT_RAW.contains(&name.as_str()) {
        RustName {
            text: format!("{name}_"),
            raw: false,
        }
    } else {
        RustName {
            raw: KEYWORDS.contains(&name.as_str()),
            text: name,
        }
    }
}

/// `name` as it stands when it is a valid identifier (ASCII letters, digits
/// and `_`, not starting with a digit), made one otherwise; keywords are
/// returned raw (`r#type`) or with `_` (`self_`).
pub fn rust_ident(name: &str) -> RustName {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_";
    if valid {
        finish(name.to_owned(), "value")
    } else {
        let cleaned: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let cleaned = cleaned.trim_matches('_');
        finish(cleaned.to_owned(), "value")
    }
}

/// Whether `name` is an HTTP token (RFC 9110), as header and cookie names
/// and authorization schemes must be.
pub fn is_http_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A type or variant name: `errors.ErrorResponse` → `ErrorsErrorResponse`.
pub fn type_name(name: &str) -> RustName {
    let camel = words(name).to_upper_camel_case();
    // `_1` is not UpperCamel; a letter keeps the name a valid, lint-clean type.
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    };
    // `Self_` would be flagged as not UpperCamel, and so would `Self_Error`.
    if camel == "Self" {
        return RustName {
            text: "SelfType".to_owned(),
            raw: false,
        };
    }
    finish(camel, "Unnamed")
}

/// A field, method or variable name: `creationAccountAction` → `creation_account_action`.
pub fn snake_name(name: &str) -> RustName {
    finish(words(name).to_snake_case(), "value")
}

/// [`snake_name`] and [`type_name`] of names met before: a large spec's
/// schemas repeat the same property names (`id`, `url`) thousands of times,
/// and spelling one costs more than looking it up. Looked up only, never
/// iterated, so the order of the output does not depend on it.
#[derive(Debug, Default)]
pub struct Spellings {
    snake: HashMap<String, RustName>,
    camel: HashMap<String, RustName>,
}

impl Spellings {
    /// [`snake_name`] of `name`.
    pub fn snake(&mut self, name: &str) -> RustName {
        spelled(&mut self.snake, name, snake_name)
    }

    /// [`type_name`] of `name`.
    pub fn camel(&mut self, name: &str) -> RustName {
        spelled(&mut self.camel, name, type_name)
    }
}

fn spelled(
    known: &mut HashMap<String, RustName>,
    name: &str,
    spell: fn(&str) -> RustName,
) -> RustName {
    if let Some(spelled) = known.get(name) {
        return spelled.clone();
    }
    let spelled = spell(name);
    known.insert(name.to_owned(), spelled.clone());
    spelled
}

/// Hands out names in one namespace; a taken name gets the next free number.
#[derive(Debug, Default)]
pub struct Namer {
    used: BTreeSet<String>,
}

impl Namer {
    /// Reserves names the generated code defines itself.
    pub fn reserve(&mut self, names: &[&str]) {
        self.used.extend(names.iter().map(|n| (*n).to_owned()));
    }

    /// `base` if free, else `base2`, `base3`, …; the second value says
    /// whether it was renamed. Text that is not an identifier is made one.
    pub fn claim(&mut self, base: impl Into<RustName>) -> (RustName, bool) {
        let base = base.into();
        if self.used.insert(base.text.clone()) {
            return (base, false);
        }
        let text = (2..)
            .map(|n| format!("{}{n}", base.text))
            .find(|candidate| !self.used.contains(candidate))
            .unwrap_or_else(|| unreachable!("an unbounded range always has a free name"));
        self.used.insert(text.clone());
        // A keyword with a number is no keyword.
        (RustName { text, raw: false }, true)
    }

    /// Whether `name` is taken, for names derived from others.
    pub fn is_taken(&self, name: &str) -> bool {
        self.used.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_those_of_the_functions_first_and_again() {
        let mut spellings = Spellings::default();
        for _ in 0..2 {
            for name in ["id", "type", "self", "+1", "node_id", "名前", ""] {
                assert_eq!(spellings.snake(name), snake_name(name), "{name}");
                assert_eq!(spellings.camel(name), type_name(name), "{name}");
            }
        }
    }

    /// The name as code writes it.
    fn code(name: RustName) -> String {
        if name.is_raw() {
            format!("r#{name}")
        } else {
            name.to_string()
        }
    }

    #[test]
    fn type_names() {
        assert_eq!(
            code(type_name("errors.ErrorResponse")),
            "ErrorsErrorResponse"
        );
        assert_eq!(code(type_name("types.UserType")), "TypesUserType");
        assert_eq!(
            code(type_name("post-api-v1-users.create")),
            "PostApiV1UsersCreate"
        );
        assert_eq!(code(type_name("pending-invitation")), "PendingInvitation");
        assert_eq!(code(type_name("PROJECT_MANAGER")), "ProjectManager");
        assert_eq!(code(type_name("+1")), "Plus1");
        assert_eq!(code(type_name("-1")), "Minus1");
        assert_eq!(code(type_name("2fa")), "V2fa");
        assert_eq!(code(type_name("Self")), "SelfType");
        assert_eq!(code(type_name("self")), "SelfType");
        assert_eq!(code(type_name("")), "Unnamed");
        assert_eq!(code(type_name("名前")), "MingQian");
        assert_eq!(code(type_name("Ümlaut")), "Umlaut");
        assert_eq!(code(type_name("x²")), "X2");
        assert_eq!(code(type_name("😀")), "Grinning");
    }

    #[test]
    fn snake_names() {
        assert_eq!(
            code(snake_name("creationAccountAction")),
            "creation_account_action"
        );
        assert_eq!(code(snake_name("_id")), "id");
        assert_eq!(code(snake_name("type")), "r#type");
        assert_eq!(code(snake_name("self")), "self_");
        assert_eq!(code(snake_name("reactions-+1")), "reactions_plus_1");
        assert_eq!(code(snake_name("reactions--1")), "reactions_minus_1");
        assert_eq!(code(snake_name("1st")), "_1st");
        assert_eq!(code(snake_name("$ref")), "r#ref");
        assert_eq!(code(snake_name("If-Match")), "if_match");
        assert_eq!(code(snake_name("größe")), "grosse");
    }

    #[test]
    fn any_text_makes_an_identifier() {
        assert_eq!(code(rust_ident("with_type")), "with_type");
        assert_eq!(code(rust_ident("type")), "r#type");
        assert_eq!(code(rust_ident("async")), "r#async");
        assert_eq!(code(rust_ident("self")), "self_");
        assert_eq!(code(rust_ident("_")), "value");
        assert_eq!(code(rust_ident("a-b")), "a_b");
        assert_eq!(code(rust_ident("1x")), "_1x");
        assert_eq!(code(rust_ident("Ü")), "value");
        assert_eq!(code(rust_ident("")), "value");
    }

    #[test]
    fn collisions_are_numbered_in_order() {
        let mut namer = Namer::default();
        namer.reserve(&["Client"]);
        let claim = |namer: &mut Namer, base: &str| {
            let (name, renamed) = namer.claim(base);
            (name.is_raw(), name.to_string(), renamed)
        };
        assert_eq!(
            claim(&mut namer, "Client"),
            (false, "Client2".to_owned(), true)
        );
        assert_eq!(claim(&mut namer, "User"), (false, "User".to_owned(), false));
        assert_eq!(claim(&mut namer, "User"), (false, "User2".to_owned(), true));
        assert_eq!(claim(&mut namer, "type"), (true, "type".to_owned(), false));
        assert_eq!(claim(&mut namer, "type"), (false, "type2".to_owned(), true));
    }
}
