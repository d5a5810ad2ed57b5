//! Oppen's pretty-printing algorithm, configured as prettyplease configures
//! it (a margin of 89 columns, boxes indented by 4, at least 60 columns of
//! room), for code the emitter writes as text rather than as tokens: the
//! struct read/write impls, most of a large module, which then skip syn's
//! parse. The emitter builds the same boxes and breaks prettyplease builds
//! for those expressions (`emit::text`), so the lines come out the same.
//!
//! prettyplease streams through a ring buffer; a statement is a few hundred
//! tokens, so this measures every box first and then prints.

use std::borrow::Cow;

/// The column lines end by, where they can.
pub(crate) const MARGIN: isize = 89;
/// How far a box's broken lines are indented.
pub(crate) const INDENT: isize = 4;
const MIN_SPACE: isize = 60;
/// Wider than any line.
const INFINITY: isize = 0xffff;

/// A line break, and what is written when it is taken or not.
#[derive(Clone, Copy, Default)]
pub(crate) struct Break {
    /// Spaces written when the break is not taken.
    pub blank: isize,
    /// Indentation of the next line, relative to the box's.
    pub offset: isize,
    /// Written before the line break when it is taken (a trailing comma).
    pub pre: Option<char>,
    /// Written at the start of the next line when it is taken.
    pub post: &'static str,
    /// Written instead when it is not taken; not counted in any width.
    pub instead: Option<char>,
    /// Never taken.
    pub never: bool,
}

enum Token<'a> {
    Text(Cow<'a, str>),
    Break(Break),
    /// A box: `consistent` boxes break at every break or at none.
    Begin {
        offset: isize,
        consistent: bool,
    },
    End,
    /// Nothing, measured as wider than any line: the boxes around it break.
    Unfittable,
}

/// A statement (or match arm) as boxes, breaks and text.
#[derive(Default)]
pub(crate) struct Layout<'a> {
    tokens: Vec<Token<'a>>,
    /// The open boxes' `Begin`s.
    open: Vec<usize>,
}

impl<'a> Layout<'a> {
    pub fn word(&mut self, text: impl Into<Cow<'a, str>>) {
        self.tokens.push(Token::Text(text.into()));
    }

    /// An inconsistent box: each break is taken only if what follows it
    /// does not fit.
    pub fn ibox(&mut self, offset: isize) {
        self.begin(offset, false);
    }

    pub fn cbox(&mut self, offset: isize) {
        self.begin(offset, true);
    }

    fn begin(&mut self, offset: isize, consistent: bool) {
        self.open.push(self.tokens.len());
        self.tokens.push(Token::Begin { offset, consistent });
    }

    /// Closes the innermost box; a box holding only a break is dropped.
    pub fn end(&mut self) {
        let begin = self.open.pop();
        if let [.., Token::Begin { .. }, Token::Break(_)] = self.tokens[..] {
            self.tokens.truncate(self.tokens.len() - 2);
            return;
        }
        debug_assert!(begin.is_some(), "a box closed that was not opened");
        self.tokens.push(Token::End);
    }

    /// Closes the innermost box, which breaks if its text so far is wider
    /// than `max` (prettyplease's rule for struct literals).
    pub fn end_with_max_width(&mut self, max: isize) {
        if let Some(&begin) = self.open.last() {
            if width(&self.tokens[begin..]) > max {
                self.tokens.push(Token::Unfittable);
            }
        }
        self.end();
    }

    pub fn brk(&mut self, brk: Break) {
        self.tokens.push(Token::Break(brk));
    }

    pub fn zerobreak(&mut self) {
        self.brk(Break::default());
    }

    pub fn space(&mut self) {
        self.brk(Break {
            blank: 1,
            ..Break::default()
        });
    }

    pub fn neverbreak(&mut self) {
        self.brk(Break {
            never: true,
            ..Break::default()
        });
    }

    /// `,` and a space between items; after the last, a comma only if the
    /// line breaks.
    pub fn trailing_comma(&mut self, is_last: bool) {
        self.separator(is_last, 0);
    }

    /// As [`Layout::trailing_comma`], and a space after the last item when
    /// the line does not break (`Self { a, b }`).
    pub fn trailing_comma_or_space(&mut self, is_last: bool) {
        self.separator(is_last, 1);
    }

    fn separator(&mut self, is_last: bool, blank_after_last: isize) {
        if is_last {
            self.brk(Break {
                blank: blank_after_last,
                pre: Some(','),
                ..Break::default()
            });
        } else {
            self.word(",");
            self.space();
        }
    }

    /// Moves the last break's next line by `offset`.
    pub fn offset(&mut self, offset: isize) {
        if let Some(Token::Break(brk)) = self.tokens.last_mut() {
            brk.offset += offset;
        }
    }

    /// Writes the statement, starting a line at `indent` in a block that is
    /// broken (one statement a line), and ends the line.
    pub fn print(&self, indent: usize, out: &mut String) {
        let indent = indent as isize;
        // Most statements fit on their line, and then no box breaks.
        if width(&self.tokens) <= room(indent) {
            out.extend(std::iter::repeat_n(' ', indent as usize));
            for token in &self.tokens {
                match token {
                    Token::Text(text) => out.push_str(text),
                    Token::Break(brk) => {
                        out.extend(std::iter::repeat_n(' ', brk.blank as usize));
                        out.extend(brk.instead);
                    }
                    Token::Begin { .. } | Token::End | Token::Unfittable => {}
                }
            }
            out.push('\n');
            return;
        }
        let sizes = self.sizes();
        let mut printer = Printer {
            out,
            space: room(indent),
            indent,
            pending: indent,
            frames: vec![Frame::Broken(indent, true)],
        };
        for (token, &size) in self.tokens.iter().zip(&sizes) {
            match token {
                Token::Text(text) => printer.text(text),
                Token::Break(brk) => printer.brk(brk, size),
                Token::Begin { offset, consistent } => printer.begin(*offset, *consistent, size),
                Token::End => printer.end(),
                Token::Unfittable => {}
            }
        }
        printer.out.push('\n');
    }

    /// Each token's width as the algorithm measures it: a box's reaches
    /// from its start to the first break after its end, a break's from it
    /// to the next break at its depth or outside it. Measured as though a
    /// hard break followed, as the next statement's line does.
    fn sizes(&self) -> Vec<isize> {
        let mut sizes = vec![0; self.tokens.len()];
        let mut pending: Vec<usize> = Vec::new();
        let mut total = 0;
        let close = |pending: &mut Vec<usize>, sizes: &mut [isize], total: isize, all: bool| {
            let mut depth = 0usize;
            while let Some(&index) = pending.last() {
                match &self.tokens[index] {
                    Token::Begin { .. } => {
                        if depth == 0 && !all {
                            break;
                        }
                        pending.pop();
                        sizes[index] += total;
                        depth = depth.saturating_sub(1);
                    }
                    Token::End => {
                        pending.pop();
                        sizes[index] = 1;
                        depth += 1;
                    }
                    Token::Break(_) => {
                        pending.pop();
                        sizes[index] += total;
                        if depth == 0 && !all {
                            break;
                        }
                    }
                    Token::Text(_) | Token::Unfittable => unreachable!("text is never pending"),
                }
            }
        };
        for (index, token) in self.tokens.iter().enumerate() {
            match token {
                Token::Text(text) => {
                    sizes[index] = text.len() as isize;
                    total += text.len() as isize;
                }
                Token::Break(brk) => {
                    close(&mut pending, &mut sizes, total, false);
                    sizes[index] = -total;
                    pending.push(index);
                    total += brk.blank;
                }
                Token::Begin { .. } => {
                    sizes[index] = -total;
                    pending.push(index);
                }
                Token::End => {
                    sizes[index] = -1;
                    pending.push(index);
                }
                Token::Unfittable => total += INFINITY,
            }
        }
        close(&mut pending, &mut sizes, total, true);
        sizes
    }
}

/// The width of `tokens` written on one line.
fn width(tokens: &[Token<'_>]) -> isize {
    tokens
        .iter()
        .map(|token| match token {
            Token::Text(text) => text.len() as isize,
            Token::Break(brk) => brk.blank,
            Token::Begin { .. } | Token::End => 0,
            Token::Unfittable => INFINITY,
        })
        .sum()
}

fn room(indent: isize) -> isize {
    (MARGIN - indent).max(MIN_SPACE)
}

/// An open box: it fits on the line, or it broke (with the indentation to
/// go back to, and whether it is consistent).
#[derive(Clone, Copy)]
enum Frame {
    Fits,
    Broken(isize, bool),
}

struct Printer<'a> {
    out: &'a mut String,
    /// Columns left on this line.
    space: isize,
    indent: isize,
    /// Indentation not yet written: none is written before a line break.
    pending: isize,
    frames: Vec<Frame>,
}

impl Printer<'_> {
    fn begin(&mut self, offset: isize, consistent: bool, size: isize) {
        if size > self.space {
            self.frames.push(Frame::Broken(self.indent, consistent));
            self.indent += offset;
        } else {
            self.frames.push(Frame::Fits);
        }
    }

    fn end(&mut self) {
        if let Some(Frame::Broken(indent, _)) = self.frames.pop() {
            self.indent = indent;
        }
    }

    fn brk(&mut self, brk: &Break, size: isize) {
        let fits = brk.never
            || match self.frames.last() {
                Some(Frame::Fits) => true,
                Some(Frame::Broken(_, true)) => false,
                Some(Frame::Broken(_, false)) | None => size <= self.space,
            };
        if fits {
            self.pending += brk.blank;
            self.space -= brk.blank;
            if let Some(instead) = brk.instead {
                self.out.push(instead);
                self.space -= instead.len_utf8() as isize;
            }
        } else {
            if let Some(pre) = brk.pre {
                self.write_indent();
                self.out.push(pre);
            }
            self.out.push('\n');
            let indent = self.indent + brk.offset;
            self.pending = indent;
            self.space = room(indent);
            if !brk.post.is_empty() {
                self.text(brk.post);
            }
        }
    }

    fn text(&mut self, text: &str) {
        self.write_indent();
        self.out.push_str(text);
        self.space -= text.len() as isize;
    }

    fn write_indent(&mut self) {
        self.out
            .extend(std::iter::repeat_n(' ', self.pending as usize));
        self.pending = 0;
    }
}
