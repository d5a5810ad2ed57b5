//! Tokens printed as they are, one statement, field, arm or item a line,
//! indented by braces: no syn parse and no prettyplease, for modules nobody
//! commits (`Config::pretty(false)`). The tokens are the ones prettyplease
//! would print, so the code is the same code; only spacing and line breaks
//! differ, and a space is left out only where two tokens cannot fuse.

use std::fmt::Write;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// `tokens` as text.
pub fn plain(tokens: TokenStream) -> String {
    let mut printer = Printer {
        out: String::new(),
        depth: 0,
        line_start: true,
        previous: Previous::Start,
        attribute: false,
        angles: 0,
        operator: ' ',
    };
    printer.stream(tokens, Delimiter::Brace);
    if !printer.line_start {
        printer.out.push('\n');
    }
    printer.out
}

/// What was printed last, as far as spacing cares.
#[derive(Clone, Copy, PartialEq)]
enum Previous {
    Start,
    Word {
        keyword: bool,
    },
    Literal,
    /// `joint`: it and the next punct are one operator; `binds`: what
    /// follows is written against it (`::x`, `<T`, `&x`, `.await`, `#[`).
    Punct {
        ch: char,
        joint: bool,
        binds: bool,
    },
    Open,
    Close,
}

struct Printer {
    out: String,
    depth: usize,
    line_start: bool,
    previous: Previous,
    /// A `#` began this line: the bracket group after it is an attribute.
    attribute: bool,
    /// Open generic `<`s in the current group: their commas break no line.
    angles: usize,
    /// The first character of the operator being printed.
    operator: char,
}

/// Words after which `(` is not a call.
const KEYWORDS: &[&str] = &[
    "if", "match", "while", "for", "in", "return", "let", "mut", "move", "as", "else", "where",
    "dyn", "impl", "fn",
];

impl Printer {
    fn stream(&mut self, tokens: TokenStream, within: Delimiter) {
        let angles = std::mem::take(&mut self.angles);
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            let next_is_tail = matches!(
                tokens.peek(),
                Some(TokenTree::Punct(p)) if matches!(p.as_char(), ',' | ';' | '.' | '?')
            ) || matches!(tokens.peek(), Some(TokenTree::Ident(i)) if i == "else");
            self.token(token, within, next_is_tail);
        }
        self.angles = angles;
    }

    fn token(&mut self, token: TokenTree, within: Delimiter, next_is_tail: bool) {
        let lines = matches!(within, Delimiter::Brace);
        match token {
            TokenTree::Ident(ident) => {
                self.space_unless(self.binds_before());
                let start = self.out.len();
                // Written in place: a `String` per word is most of the
                // printer's time in an unoptimized build script.
                let _ = write!(self.out, "{ident}");
                self.previous = Previous::Word {
                    keyword: KEYWORDS.contains(&&self.out[start..]),
                };
            }
            TokenTree::Literal(literal) => {
                self.space_unless(self.binds_before());
                let _ = write!(self.out, "{literal}");
                self.previous = Previous::Literal;
            }
            TokenTree::Punct(punct) => self.punct(punct.as_char(), punct.spacing(), lines),
            TokenTree::Group(group) => {
                let (delimiter, inner) = (group.delimiter(), group.stream());
                // The group shares its tokens with `inner` until it is gone;
                // shared, they would be copied to be walked.
                drop(group);
                self.group(delimiter, inner, lines, next_is_tail)
            }
        }
    }

    fn punct(&mut self, ch: char, spacing: Spacing, lines: bool) {
        let joint = spacing == Spacing::Joint;
        let starts = !matches!(self.previous, Previous::Punct { joint: true, .. });
        if starts {
            self.operator = ch;
        }
        let after_word = matches!(
            self.previous,
            Previous::Word { .. } | Previous::Close | Previous::Literal
        );
        let closes_angle = matches!(
            self.previous,
            Previous::Punct {
                ch: '>',
                binds: false,
                ..
            }
        );
        let opens_angle = ch == '<' && starts && (after_word || self.binds_before());
        let closing_angle = ch == '>' && self.angles > 0 && (starts || self.operator == '>');
        let tight_before = starts
            && match ch {
                ',' | ';' => true,
                '.' | '?' => after_word,
                ':' => after_word || closes_angle,
                '<' => opens_angle,
                '>' => closing_angle,
                '!' => matches!(self.previous, Previous::Word { keyword: false }),
                _ => false,
            };
        if self.line_start && ch == '#' {
            self.attribute = true;
        }
        self.space_unless(tight_before || !starts || self.binds_before());
        self.out.push(ch);
        let binds = match ch {
            ':' => !starts && self.operator == ':',
            '<' => opens_angle,
            '&' | '*' | '-' | '!' => starts && !after_word,
            '.' => !joint,
            '=' => !starts && self.operator == '.',
            '#' | '\'' => true,
            _ => false,
        };
        if opens_angle {
            self.angles += 1;
        } else if closing_angle {
            self.angles -= 1;
        }
        self.previous = Previous::Punct { ch, joint, binds };
        if matches!(ch, ';' | ',') && lines && self.angles == 0 {
            self.newline();
        }
    }

    fn group(&mut self, delimiter: Delimiter, inner: TokenStream, lines: bool, next_is_tail: bool) {
        let (open, close) = match delimiter {
            Delimiter::Parenthesis => ('(', ')'),
            Delimiter::Bracket => ('[', ']'),
            Delimiter::Brace => ('{', '}'),
            Delimiter::None => {
                self.stream(inner, Delimiter::None);
                return;
            }
        };
        let call = matches!(
            self.previous,
            Previous::Word { keyword: false } | Previous::Close
        ) || matches!(
            self.previous,
            Previous::Punct {
                ch: '>' | '!' | '#',
                ..
            }
        ) || self.binds_before();
        let tight = delimiter != Delimiter::Brace && call;
        self.space_unless(tight);
        let attribute = std::mem::take(&mut self.attribute) && delimiter == Delimiter::Bracket;
        self.out.push(open);
        if delimiter == Delimiter::Brace && !inner.is_empty() {
            self.depth += 1;
            self.newline();
            self.stream(inner, Delimiter::Brace);
            self.depth -= 1;
            if !self.line_start {
                self.newline();
            }
            self.indent();
            self.out.push(close);
            self.previous = Previous::Close;
            if lines && !next_is_tail {
                self.newline();
            }
            return;
        }
        self.previous = Previous::Open;
        self.stream(inner, delimiter);
        self.out.push(close);
        self.previous = Previous::Close;
        if attribute && lines {
            self.newline();
        }
    }

    fn binds_before(&self) -> bool {
        matches!(
            self.previous,
            Previous::Open | Previous::Start | Previous::Punct { binds: true, .. }
        ) || matches!(self.previous, Previous::Punct { joint: true, .. })
    }

    fn space_unless(&mut self, tight: bool) {
        if self.line_start {
            self.indent();
        } else if !tight {
            self.out.push(' ');
        }
    }

    fn indent(&mut self) {
        if self.line_start {
            for _ in 0..self.depth {
                self.out.push_str("    ");
            }
            self.line_start = false;
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.line_start = true;
        self.previous = Previous::Start;
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::plain;

    #[test]
    fn code_prints_a_statement_a_line_and_keeps_every_token() {
        let tokens = quote! {
            #[doc = " A user."]
            #[derive(Clone, Debug)]
            pub struct User { pub id: Option<Vec<u8>>, name: &'static str }
            impl<'de> runtime::Object<'de> for User {
                fn read<A: runtime::serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                    let x = ::core::cmp::max(1, -2) >= 0 && !flag;
                    match key.as_str() { "id" => id.read(&mut map), _ => skip(&mut map), }?;
                    if x { a() } else { b() }
                    Ok(Self { id: vec![0..=3], name: "a;b" })
                }
            }
        };
        let text = plain(tokens.clone());
        assert_eq!(
            text,
            "#[doc = \" A user.\"]\n\
             #[derive(Clone, Debug)]\n\
             pub struct User {\n    pub id: Option<Vec<u8>>,\n    name: &'static str\n}\n\
             impl<'de> runtime::Object<'de> for User {\n    \
             fn read<A: runtime::serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {\n        \
             let x = ::core::cmp::max(1, -2) >= 0 && !flag;\n        \
             match key.as_str() {\n            \"id\" => id.read(&mut map),\n            _ => skip(&mut map),\n        }?;\n        \
             if x {\n            a()\n        } else {\n            b()\n        }\n        \
             Ok(Self {\n            id: vec![0..=3],\n            name: \"a;b\"\n        })\n    }\n}\n"
        );
        // The same tokens, whatever the spacing.
        let reparsed: proc_macro2::TokenStream = text.parse().unwrap();
        assert_eq!(leaves(reparsed), leaves(tokens));
    }

    /// Each token's text and each group's delimiter, in order.
    fn leaves(tokens: proc_macro2::TokenStream) -> Vec<String> {
        let mut out = Vec::new();
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Group(group) => {
                    out.push(format!("{:?}", group.delimiter()));
                    out.extend(leaves(group.stream()));
                    out.push("end".to_owned());
                }
                other => out.push(other.to_string()),
            }
        }
        out
    }
}
