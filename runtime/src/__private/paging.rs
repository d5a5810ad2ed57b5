//! Paginated calls: the page a request asks for, and the stream of pages
//! that ends where the API's paging style says.
//!
//! A next page is the first call again with one thing changed: the URL the
//! server's `Link` header gave (on the first request's origin only, so
//! credentials never go elsewhere), or one query parameter (offset, page
//! number, cursor). A page that would ask for any page already fetched
//! ends the stream, so a server that repeats itself, or cycles through
//! pages, cannot loop it.

use std::future::Future;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};
use reqwest::header::{HeaderMap, LINK};
use reqwest::{Method, RequestBuilder};

use crate::error::Failure;
use crate::query::Query;
use crate::{Error, Transport};

/// Which page a call asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// The call as the caller made it.
    First,
    /// The URL a `Link: <…>; rel="next"` header gave, as it was sent.
    Url(String),
    /// The call with the named query parameter set to this value.
    Param(&'static str, String),
}

impl Page {
    /// Starts the request: for `path` below the base URL, or for the next
    /// URL, which must be on the same origin (scheme, host and port).
    pub fn request(
        &self,
        transport: &Transport,
        method: Method,
        path: &str,
    ) -> Result<RequestBuilder, Failure> {
        let Page::Url(link) = self else {
            return Ok(transport.request(method, path));
        };
        let first = format!("{}{path}", transport.base_url());
        let first = url::Url::parse(&first).map_err(|error| {
            Failure(Error::InvalidRequest(format!(
                "the base URL is not a URL: {error}"
            )))
        })?;
        // RFC 8288: a link may be relative to the response's URL.
        let next = first.join(link).map_err(|_| {
            Failure(Error::InvalidRequest(
                "the Link header's next page is not a URL".to_owned(),
            ))
        })?;
        if next.origin() != first.origin() {
            return Err(Failure(Error::CrossOriginPage {
                origin: next.origin().ascii_serialization(),
            }));
        }
        // `user:password@` in a link would make the HTTP client send the
        // server's choice of Basic credentials: the link's own userinfo is
        // replaced by the first request's (none, usually).
        let mut next = next;
        let userinfo = next
            .set_username(first.username())
            .and_then(|()| next.set_password(first.password()));
        if userinfo.is_err() {
            return Err(Failure(Error::InvalidRequest(
                "the Link header's next page cannot hold credentials".to_owned(),
            )));
        }
        Ok(transport.request_url(method, next))
    }

    /// Puts the page into the query the caller's arguments made: a next URL
    /// holds its own query; a parameter replaces the caller's value.
    pub fn query(&self, query: &mut Query) {
        match self {
            Page::First => {}
            Page::Url(_) => query.clear(),
            Page::Param(name, value) => query.set(name, value),
        }
    }
}

/// The pages of a call: `fetch` makes the call for a page, `next` reads
/// from a page which page follows it, if any. An error ends the stream
/// after it is given.
pub fn pages<T, E, F, Fut, N>(fetch: F, next: N) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(Page) -> Fut,
    Fut: Future<Output = Result<T, Error<E>>>,
    N: FnMut(&T, &Page) -> Option<Page>,
{
    let seen = std::collections::HashSet::new();
    // With the `tracing` feature, each page's call is a child of one span.
    #[cfg(feature = "tracing")]
    let pages = tracing::info_span!(target: "clientgen_runtime", "clientgen.pages");
    stream::unfold(Some((Page::First, seen, fetch, next)), move |state| {
        #[cfg(feature = "tracing")]
        let pages = pages.clone();
        async move {
            let (page, mut seen, mut fetch, mut next) = state?;
            seen.insert(page.clone());
            let call = fetch(page.clone());
            #[cfg(feature = "tracing")]
            let call = tracing::Instrument::instrument(call, pages);
            match call.await {
                Ok(response) => {
                    let following =
                        next(&response, &page).filter(|following| !seen.contains(following));
                    let state = following.map(|following| (following, seen, fetch, next));
                    Some((Ok(response), state))
                }
                Err(error) => Some((Err(error), None)),
            }
        }
    })
}

/// The items of the pages, in order; `items` takes them out of a page.
pub fn items<P, I, E>(
    pages: impl Stream<Item = Result<P, Error<E>>>,
    items: fn(P) -> Vec<I>,
) -> impl Stream<Item = Result<I, Error<E>>> {
    pages.flat_map(move |page| {
        let items: Vec<Result<I, Error<E>>> = match page {
            Ok(page) => items(page).into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        stream::iter(items)
    })
}

/// The `rel="next"` target of the `Link` headers (RFC 8288), if any.
pub fn next_link(headers: &HeaderMap) -> Option<Page> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(split_links)
        .find(|(_, params)| is_next(params))
        .map(|(target, _)| Page::Url(target.to_owned()))
}

/// `<a>; rel="next", <b>; rel=last` as its targets and parameters; a comma
/// inside `<…>` or a quoted value does not end a link.
fn split_links(value: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut links = Vec::new();
    let mut rest = value.trim_start();
    while let Some(open) = rest.strip_prefix('<') {
        let Some(close) = open.find('>') else {
            break;
        };
        let target = &open[..close];
        let after = &open[close + 1..];
        let end = unquoted(after, ',').next().map_or(after.len(), str::len);
        links.push((target, &after[..end]));
        rest = after[end..].trim_start_matches(',').trim_start();
    }
    links.into_iter()
}

/// `text` split at each `separator` outside a quoted string (where `\`
/// escapes the next character).
fn unquoted(text: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let (mut quoted, mut escaped, mut start) = (false, false, 0);
    for (at, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(&text[start..at]);
            start = at + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts.into_iter()
}

/// Whether a link's parameters hold `rel="next"` (rel may list several
/// types); the first `rel` counts (RFC 8288 §3.3), and a `;` or `rel=`
/// inside another parameter's quoted value is that value's text.
fn is_next(params: &str) -> bool {
    let rel = unquoted(params, ';').find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("rel").then_some(value)
    });
    rel.is_some_and(|value| {
        value
            .trim()
            .trim_matches('"')
            .split_ascii_whitespace()
            .any(|rel| rel.eq_ignore_ascii_case("next"))
    })
}

/// What `name` holds on this page: the caller's value on the first.
fn current(page: &Page, first: Option<i128>) -> Option<i128> {
    match page {
        Page::Param(_, value) => value.parse().ok(),
        _ => first,
    }
}

/// Offset paging: the next offset is this one plus the items received;
/// there is none after an empty page, a page shorter than `limit`, or once
/// `total` is reached.
pub fn next_offset(
    page: &Page,
    name: &'static str,
    first: Option<impl Into<i128>>,
    received: usize,
    limit: Option<impl Into<i128>>,
    total: Option<impl Into<i128>>,
) -> Option<Page> {
    let offset = current(page, first.map(Into::into)).unwrap_or(0);
    let received = i128::try_from(received).ok()?;
    let next = offset + received;
    let short = limit.map(Into::into).is_some_and(|limit| received < limit);
    let past = total.map(Into::into).is_some_and(|total| next >= total);
    (received > 0 && !short && !past).then(|| Page::Param(name, next.to_string()))
}

/// Page-number paging from `start`: none after an empty page, a page
/// shorter than `size`, or the last of `total_pages`.
pub fn next_number(
    page: &Page,
    name: &'static str,
    first: Option<impl Into<i128>>,
    start: u64,
    received: usize,
    size: Option<impl Into<i128>>,
    total_pages: Option<impl Into<i128>>,
) -> Option<Page> {
    let start = i128::from(start);
    let number = current(page, first.map(Into::into)).unwrap_or(start);
    let short = size
        .map(Into::into)
        .is_some_and(|size| i128::try_from(received).is_ok_and(|received| received < size));
    let next = number + 1;
    let past = total_pages
        .map(Into::into)
        .is_some_and(|pages| next >= start + pages);
    (received > 0 && !short && !past).then(|| Page::Param(name, next.to_string()))
}

/// Cursor paging: the body's next cursor, until there is none (or it is empty).
pub fn next_cursor(name: &'static str, cursor: Option<&str>) -> Option<Page> {
    cursor
        .filter(|cursor| !cursor.is_empty())
        .map(|cursor| Page::Param(name, cursor.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn link(value: &str) -> Option<Page> {
        let mut headers = HeaderMap::new();
        headers.insert(LINK, HeaderValue::from_str(value).unwrap());
        next_link(&headers)
    }

    #[test]
    fn the_next_link_is_found_among_others() {
        let github = r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last""#;
        assert_eq!(
            link(github),
            Some(Page::Url(
                "https://api.github.com/repositories/1/issues?page=2".to_owned()
            ))
        );
        assert_eq!(link(r#"<https://a/?p=1>; rel="prev""#), None);
        assert_eq!(
            link(r#"<https://a/?x=1,2>; title="a, b"; rel="prev next""#),
            Some(Page::Url("https://a/?x=1,2".to_owned()))
        );
        assert_eq!(
            link(r#"<https://a/?p=1>; rel="prev"; title="a;rel=next""#),
            None
        );
        assert_eq!(
            link(r#"<https://a/?p=1>; title="x\";rel=next"; rel=prev"#),
            None
        );
        assert_eq!(link("garbage"), None);
        assert_eq!(link("<unclosed; rel=next"), None);
    }

    #[test]
    fn offsets_move_on_by_what_was_received() {
        let none = None::<i64>;
        let next = next_offset(&Page::First, "offset", none, 10, Some(10), Some(25));
        assert_eq!(next, Some(Page::Param("offset", "10".to_owned())));
        let next = next_offset(&next.unwrap(), "offset", none, 10, Some(10), Some(25));
        assert_eq!(next, Some(Page::Param("offset", "20".to_owned())));
        // 20 + 5 reaches the total; a short page ends too.
        assert_eq!(
            next_offset(&next.clone().unwrap(), "offset", none, 5, none, Some(25)),
            None
        );
        assert_eq!(
            next_offset(&next.unwrap(), "offset", none, 5, Some(10), none),
            None
        );
        assert_eq!(
            next_offset(&Page::First, "offset", Some(7), 0, none, none),
            None
        );
    }

    #[test]
    fn page_numbers_stop_at_the_last_page() {
        let none = None::<i32>;
        let next = next_number(&Page::First, "pageNumber", none, 0, 50, Some(50), Some(2));
        assert_eq!(next, Some(Page::Param("pageNumber", "1".to_owned())));
        assert_eq!(
            next_number(&next.unwrap(), "pageNumber", none, 0, 50, Some(50), Some(2)),
            None
        );
        assert_eq!(
            next_number(&Page::First, "page", Some(3), 1, 0, none, none),
            None
        );
    }

    #[test]
    fn an_empty_cursor_ends() {
        assert_eq!(next_cursor("cursor", Some("")), None);
        assert_eq!(
            next_cursor("cursor", Some("abc")),
            Some(Page::Param("cursor", "abc".to_owned()))
        );
    }
}
