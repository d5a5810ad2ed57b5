//! JSON pointers (RFC 6901) in URI-fragment form, `#/paths/~1users/post`:
//! the one place where pointers are built, escaped and taken apart.

use std::fmt;

/// A place in a document. Keys are escaped when they are added (`/` as
/// `~1`, `~` as `~0`), so a pointer is always well formed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document, `#`.
    pub fn root() -> Self {
        Self("#".to_owned())
    }

    /// A pointer as written in a spec (`#/components/schemas/User`), taken as it is.
    pub fn parse(text: &str) -> Self {
        if text.starts_with('#') {
            Self(text.to_owned())
        } else {
            Self(format!("#{text}"))
        }
    }

    /// This pointer with `key` (a map key or an array index) appended.
    pub fn join(&self, key: impl fmt::Display) -> Self {
        let mut next = self.clone();
        next.push(&key.to_string());
        next
    }

    /// Appends `key`, escaped.
    pub fn push(&mut self, key: &str) {
        self.0.push('/');
        // Two byte searches: `contains(['~', '/'])` walks the key a
        // character at a time, which unoptimized builds pay for on every
        // key of a large document.
        if key.as_bytes().contains(&b'~') || key.as_bytes().contains(&b'/') {
            self.0.push_str(&escape(key));
        } else {
            self.0.push_str(key);
        }
    }

    /// The pointer's text, `#` included.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends `key` and returns the length to [`Pointer::truncate`] back to,
    /// for walks that descend and come back up.
    pub fn enter(&mut self, key: &str) -> usize {
        let len = self.len();
        self.push(key);
        len
    }

    /// `walk` run with `key` appended, and the pointer back as it was after.
    pub fn within<T>(&mut self, key: &str, walk: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.enter(key);
        let result = walk(self);
        self.truncate(len);
        result
    }

    /// The length of the text, to [`Pointer::truncate`] back to after a [`Pointer::push`].
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether this is the root.
    pub fn is_empty(&self) -> bool {
        self.0.len() <= 1
    }

    /// Drops what was pushed since the text was `len` long.
    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// The keys, unescaped.
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .trim_start_matches('#')
            .split('/')
            .skip(1)
            .map(unescape)
    }

    /// The pointer without its last key; the root has none.
    pub fn parent(&self) -> Option<Pointer> {
        let at = self.0.rfind('/')?;
        Some(Self(self.0[..at].to_owned()))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Pointer {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// Escapes a key for a pointer.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A pointer's key as written, with its escapes undone.
pub fn unescape(key: &str) -> String {
    key.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_escaped_once_and_read_back() {
        let pointer = Pointer::root()
            .join("paths")
            .join("/a/{id}")
            .join("~x")
            .join(0);
        assert_eq!(pointer.as_str(), "#/paths/~1a~1{id}/~0x/0");
        assert_eq!(
            pointer.keys().collect::<Vec<_>>(),
            ["paths", "/a/{id}", "~x", "0"]
        );
        assert_eq!(pointer.parent().unwrap().as_str(), "#/paths/~1a~1{id}/~0x");
        assert_eq!(Pointer::root().parent(), None);
        assert_eq!(Pointer::parse("/a").as_str(), "#/a");
    }
}
