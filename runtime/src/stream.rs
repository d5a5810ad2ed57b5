//! Response bodies read as they arrive: server-sent events, JSON lines and
//! raw chunks. No item is held beyond the response size limit
//! (`ClientBuilder::max_response_bytes`), which applies to each event or
//! line; the stream as a whole has none.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::stream::{self, StreamExt};
use serde::de::DeserializeOwned;

use crate::printable::{printable, MAX_SHOWN};

/// What can go wrong while a stream is read. After `Transport` and
/// `TooLarge` the stream ends; after `Invalid` it goes on.
#[derive(Debug)]
#[non_exhaustive]
pub enum StreamError {
    /// The connection failed or broke.
    Transport(reqwest::Error),
    /// One event or line was larger than the limit; reading stopped.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// No chunk arrived for longer than `ClientBuilder::stream_idle_timeout`;
    /// reading stopped.
    IdleTimeout {
        /// The idle timeout that ran out.
        idle: Duration,
    },
    /// An event's `data` or a line did not match the API's schema.
    Invalid {
        /// Its place in the stream, from 0.
        index: usize,
        /// The event's `id`, when it had one.
        id: Option<String>,
        /// Why it did not parse.
        source: serde_json::Error,
    },
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Transport(error) => write!(f, "the stream broke: {error}"),
            StreamError::TooLarge { limit } => write!(
                f,
                "an item of the stream is larger than the limit of {limit} bytes"
            ),
            StreamError::IdleTimeout { idle } => write!(
                f,
                "the stream sent nothing for {idle:?} (ClientBuilder::stream_idle_timeout)"
            ),
            StreamError::Invalid { index, id, source } => {
                write!(f, "item {index}")?;
                if let Some(id) = id {
                    write!(f, " (id \"{}\")", printable(id, MAX_SHOWN))?;
                }
                let reason = printable(&source.to_string(), 2 * MAX_SHOWN);
                write!(f, " does not match the API's schema: {reason}")
            }
        }
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StreamError::Transport(error) => Some(error),
            StreamError::Invalid { source, .. } => Some(source),
            StreamError::TooLarge { .. } | StreamError::IdleTimeout { .. } => None,
        }
    }
}

/// One server-sent event: its fields as sent, its `data` typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<T> {
    /// The `event` field (the event's type), when sent.
    pub event: Option<String>,
    /// The `id` field, when sent.
    pub id: Option<String>,
    /// The `retry` field (milliseconds), when sent and a number.
    pub retry: Option<u64>,
    /// The `data` lines, joined by `\n` and read as the API documents them.
    pub data: T,
}

type Boxed<T> = Pin<Box<dyn Stream<Item = T> + Send>>;

/// A `text/event-stream` body: a [`Stream`] of [`Event`]s.
pub struct EventStream<T> {
    inner: Boxed<Result<Event<T>, StreamError>>,
}

/// A JSON-lines body (`application/jsonl`, `application/x-ndjson`,
/// `application/json-seq`): a [`Stream`] of items.
pub struct JsonLines<T> {
    inner: Boxed<Result<T, StreamError>>,
}

/// A body read chunk by chunk, as it arrives.
pub struct ByteStream {
    inner: Boxed<Result<Bytes, StreamError>>,
}

macro_rules! stream_of {
    ($name:ident $(<$t:ident>)?, $item:ty) => {
        impl$(<$t>)? Stream for $name$(<$t>)? {
            type Item = Result<$item, StreamError>;

            fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                self.inner.as_mut().poll_next(cx)
            }
        }

        impl$(<$t>)? fmt::Debug for $name$(<$t>)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), " { .. }"))
            }
        }
    };
}

stream_of!(EventStream<T>, Event<T>);
stream_of!(JsonLines<T>, T);
stream_of!(ByteStream, Bytes);

impl ByteStream {
    /// Writes every chunk to `writer` as it arrives; the number of bytes written.
    pub async fn write_to(
        mut self,
        writer: &mut (impl std::io::Write + ?Sized),
    ) -> Result<u64, WriteError> {
        let mut written = 0;
        while let Some(chunk) = self.next().await {
            let chunk = chunk.map_err(WriteError::Stream)?;
            writer.write_all(&chunk).map_err(WriteError::Io)?;
            written += chunk.len() as u64;
        }
        writer.flush().map_err(WriteError::Io)?;
        Ok(written)
    }
}

/// Why [`ByteStream::write_to`] stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    /// Reading the body failed.
    Stream(StreamError),
    /// Writing failed.
    Io(std::io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Stream(error) => error.fmt(f),
            WriteError::Io(error) => write!(f, "writing the body failed: {error}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Stream(error) => Some(error),
            WriteError::Io(error) => Some(error),
        }
    }
}

/// The body's chunks as they arrive; with `idle`, a wait longer than it
/// for the next chunk ends the stream with [`StreamError::IdleTimeout`].
pub(crate) fn bytes(response: reqwest::Response, idle: Option<Duration>) -> ByteStream {
    // The URL may carry a query-parameter credential: never kept.
    let chunks = response
        .bytes_stream()
        .map(|chunk| chunk.map_err(|error| StreamError::Transport(error.without_url())));
    let Some(idle) = idle else {
        return ByteStream {
            inner: Box::pin(chunks),
        };
    };
    let chunks: Boxed<Result<Bytes, StreamError>> = Box::pin(chunks);
    let inner = stream::unfold(Some(chunks), move |chunks| async move {
        let mut chunks = chunks?;
        match tokio::time::timeout(idle, chunks.next()).await {
            Ok(Some(chunk)) => Some((chunk, Some(chunks))),
            Ok(None) => None,
            Err(_) => Some((Err(StreamError::IdleTimeout { idle }), None)),
        }
    });
    ByteStream {
        inner: Box::pin(inner),
    }
}

/// The body's lines (split at `\n`, `\r\n` or `\r`), each under `limit`;
/// a chunk boundary may fall anywhere, even inside a character or between
/// the `\r` and `\n` of one line end. A leading UTF-8 BOM is dropped.
/// Each byte is looked at once: the work is linear in what is read.
fn lines(chunks: ByteStream, limit: u64) -> Boxed<Result<String, StreamError>> {
    struct State {
        chunks: Boxed<Result<Bytes, StreamError>>,
        buffer: Vec<u8>,
        /// Where the line being read starts in `buffer`.
        start: usize,
        /// How far `buffer` has been searched for a line end.
        scanned: usize,
        /// The last line ended with `\r`: a `\n` right after it belongs to it.
        after_cr: bool,
        /// Nothing has been read yet (a BOM may come).
        first: bool,
        done: bool,
    }
    impl State {
        /// Nothing more is read: what is held is dropped.
        fn stop(&mut self) {
            self.buffer.clear();
            self.start = 0;
            self.scanned = 0;
            self.done = true;
        }
    }
    let state = State {
        chunks: chunks.inner,
        buffer: Vec::new(),
        start: 0,
        scanned: 0,
        after_cr: false,
        first: true,
        done: false,
    };
    Box::pin(stream::unfold(state, move |mut state| async move {
        loop {
            if state.after_cr && state.scanned < state.buffer.len() {
                state.after_cr = false;
                if state.buffer[state.scanned] == b'\n' {
                    state.scanned += 1;
                    state.start = state.scanned;
                }
            }
            if state.first && (state.buffer.len() >= 3 || state.done) {
                state.first = false;
                if state.buffer.starts_with(b"\xEF\xBB\xBF") {
                    state.start = 3;
                    state.scanned = 3;
                }
            }
            if !state.first {
                let unread = &state.buffer[state.scanned..];
                if let Some(at) = unread.iter().position(|b| *b == b'\n' || *b == b'\r') {
                    let end = state.scanned + at;
                    if (end - state.start) as u64 > limit {
                        state.stop();
                        return Some((Err(StreamError::TooLarge { limit }), state));
                    }
                    // A `\r` ends its line at once; a `\n` after it, in
                    // this chunk or the next, is skipped then.
                    state.after_cr = state.buffer[end] == b'\r';
                    let line =
                        String::from_utf8_lossy(&state.buffer[state.start..end]).into_owned();
                    state.start = end + 1;
                    state.scanned = end + 1;
                    return Some((Ok(line), state));
                }
                state.scanned = state.buffer.len();
            }
            if (state.buffer.len() - state.start) as u64 > limit {
                state.stop();
                return Some((Err(StreamError::TooLarge { limit }), state));
            }
            if state.done {
                // A last line without its end of line is a line still.
                let rest = &state.buffer[state.start.min(state.buffer.len())..];
                if rest.is_empty() {
                    return None;
                }
                let line = String::from_utf8_lossy(rest).into_owned();
                state.stop();
                return Some((Ok(line), state));
            }
            // What was returned already is dropped before more is read, so
            // the buffer holds one unfinished line and a chunk at most.
            state.buffer.drain(..state.start);
            state.scanned -= state.start;
            state.start = 0;
            match state.chunks.next().await {
                Some(Ok(chunk)) => state.buffer.extend_from_slice(&chunk),
                Some(Err(error)) => {
                    state.stop();
                    return Some((Err(error), state));
                }
                None => state.done = true,
            }
        }
    }))
}

/// How an event's `data` becomes its type.
pub(crate) type Decode<T> = fn(&str) -> Result<T, serde_json::Error>;

/// Server-sent events (the WHATWG parsing rules): `field: value` lines, an
/// empty line dispatching the event; comments (`:`) and events without
/// data (keep-alives) skipped. Data equal to `sentinel` ends the stream.
pub(crate) fn events<T: Send + 'static>(
    chunks: ByteStream,
    limit: u64,
    decode: Decode<T>,
    sentinel: Option<&'static str>,
) -> EventStream<T> {
    #[derive(Default)]
    struct Pending {
        event: Option<String>,
        retry: Option<u64>,
        data: Option<String>,
        size: u64,
    }
    struct State<T> {
        lines: Boxed<Result<String, StreamError>>,
        pending: Pending,
        /// The last `id` seen: it stays the id of later events (WHATWG).
        last_id: Option<String>,
        index: usize,
        decode: Decode<T>,
        ended: bool,
    }
    let state = State {
        lines: lines(chunks, limit),
        pending: Pending::default(),
        last_id: None,
        index: 0,
        decode,
        ended: false,
    };
    let inner = stream::unfold(state, move |mut state| async move {
        if state.ended {
            return None;
        }
        loop {
            let line = match state.lines.next().await {
                Some(Ok(line)) => line,
                Some(Err(error)) => {
                    state.ended = true;
                    return Some((Err(error), state));
                }
                // An event not ended by an empty line is not dispatched.
                None => return None,
            };
            if !line.is_empty() {
                state.pending.size += line.len() as u64 + 1;
                if state.pending.size > limit {
                    state.ended = true;
                    return Some((Err(StreamError::TooLarge { limit }), state));
                }
                let (field, value) = match line.split_once(':') {
                    Some(("", _)) => continue,
                    Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
                    None => (line.as_str(), ""),
                };
                let pending = &mut state.pending;
                match field {
                    "data" => match &mut pending.data {
                        Some(data) => {
                            data.push('\n');
                            data.push_str(value);
                        }
                        None => pending.data = Some(value.to_owned()),
                    },
                    "event" => pending.event = Some(value.to_owned()),
                    "id" if !value.contains('\0') => state.last_id = Some(value.to_owned()),
                    "retry" => pending.retry = value.parse().ok(),
                    _ => {}
                }
                continue;
            }
            let pending = std::mem::take(&mut state.pending);
            let Some(data) = pending.data else {
                continue;
            };
            if sentinel == Some(data.as_str()) {
                return None;
            }
            let index = state.index;
            state.index += 1;
            let id = state.last_id.clone();
            let item = match (state.decode)(&data) {
                Ok(data) => Ok(Event {
                    event: pending.event,
                    id,
                    retry: pending.retry,
                    data,
                }),
                Err(source) => Err(StreamError::Invalid { index, id, source }),
            };
            return Some((item, state));
        }
    });
    EventStream {
        inner: Box::pin(inner),
    }
}

/// JSON lines: one value per line, blank lines skipped; `application/json-seq`'s
/// record separator (0x1E) before a value is dropped.
pub(crate) fn json_lines<T: DeserializeOwned + Send + 'static>(
    chunks: ByteStream,
    limit: u64,
) -> JsonLines<T> {
    let mut index = 0;
    let inner = lines(chunks, limit).filter_map(move |line| {
        let item = match line {
            Err(error) => Some(Err(error)),
            Ok(line) => {
                let text = line.trim_start_matches('\u{1e}').trim();
                (!text.is_empty()).then(|| {
                    let at = index;
                    index += 1;
                    serde_json::from_str(text).map_err(|source| StreamError::Invalid {
                        index: at,
                        id: None,
                        source,
                    })
                })
            }
        };
        std::future::ready(item)
    });
    JsonLines {
        inner: Box::pin(inner),
    }
}

/// `data` as JSON.
pub(crate) fn json_data<T: DeserializeOwned>(data: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(data)
}

/// `data` as it is.
pub(crate) fn text_data(data: &str) -> Result<String, serde_json::Error> {
    Ok(data.to_owned())
}

/// A binary request body: bytes in memory, or a stream or file read as it
/// is sent, with its length when known (sent as `Content-Length`). A
/// streamed body is sent once: it is never retried.
pub struct Upload {
    body: reqwest::Body,
    length: Option<u64>,
}

impl Upload {
    /// A body read from `stream` as it is sent; `length`, when given, must
    /// be the number of bytes it yields: a stream that yields more or fewer
    /// fails the call, and the server never receives a body of that length.
    pub fn stream<S>(stream: S, length: Option<u64>) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        Bytes: From<S::Ok>,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let body = match length {
            Some(length) => checked_body(exactly(stream, length)),
            None => reqwest::Body::wrap_stream(stream),
        };
        Upload { body, length }
    }

    /// The file's content, read as it is sent, its length from its metadata.
    pub async fn file(file: tokio::fs::File) -> std::io::Result<Self> {
        let length = file.metadata().await?.len();
        Ok(Upload {
            body: reqwest::Body::from(file),
            length: Some(length),
        })
    }

    /// Puts the body on a request.
    #[doc(hidden)]
    pub fn send(
        self,
        request: reqwest::RequestBuilder,
        content_type: &'static str,
    ) -> reqwest::RequestBuilder {
        let request = request.header(reqwest::header::CONTENT_TYPE, content_type);
        let request = match self.length {
            Some(length) => request.header(reqwest::header::CONTENT_LENGTH, length),
            None => request,
        };
        request.body(self.body)
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Outside `Upload::stream`, whose bounds would otherwise be the ones the
/// compiler tries for this stream.
fn checked_body(
    chunks: impl Stream<Item = Result<Bytes, BoxError>> + Send + 'static,
) -> reqwest::Body {
    reqwest::Body::wrap_stream(chunks)
}

/// `chunks`, checked to add up to `length` bytes. The chunk that reaches the
/// length is held back until the stream is known to end there, so that a
/// stream that yields more never lets the server see a complete body.
fn exactly<S>(chunks: S, length: u64) -> impl Stream<Item = Result<Bytes, BoxError>> + Send
where
    S: futures_core::TryStream + Send + 'static,
    Bytes: From<S::Ok>,
    S::Error: Into<BoxError>,
{
    use futures_util::TryStreamExt;
    let chunks: Boxed<Result<Bytes, BoxError>> =
        Box::pin(chunks.map_ok(Bytes::from).map_err(Into::into));
    let mismatch = move |sent: u64| -> BoxError {
        format!("the upload yielded {sent} bytes or more, not the {length} its length says").into()
    };
    stream::unfold(Some((chunks, 0u64)), move |state| async move {
        let (mut chunks, sent) = state?;
        let chunk = match chunks.next().await {
            None if sent == length => return None,
            None => return Some((Err(mismatch(sent)), None)),
            Some(Err(error)) => return Some((Err(error), None)),
            Some(Ok(chunk)) => chunk,
        };
        let sent = sent + chunk.len() as u64;
        if sent > length {
            return Some((Err(mismatch(sent)), None));
        }
        if sent == length {
            // The length is reached: anything but the end is too much.
            loop {
                match chunks.next().await {
                    None => return Some((Ok(chunk), None)),
                    Some(Ok(more)) if more.is_empty() => continue,
                    Some(Ok(more)) => return Some((Err(mismatch(sent + more.len() as u64)), None)),
                    Some(Err(error)) => return Some((Err(error), None)),
                }
            }
        }
        Some((Ok(chunk), Some((chunks, sent))))
    })
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        let length = Some(bytes.len() as u64);
        Upload {
            body: bytes.into(),
            length,
        }
    }
}

impl From<&[u8]> for Upload {
    fn from(bytes: &[u8]) -> Self {
        bytes.to_vec().into()
    }
}

impl From<&Vec<u8>> for Upload {
    fn from(bytes: &Vec<u8>) -> Self {
        bytes.clone().into()
    }
}

impl<const N: usize> From<&[u8; N]> for Upload {
    fn from(bytes: &[u8; N]) -> Self {
        bytes.to_vec().into()
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        let length = Some(bytes.len() as u64);
        Upload {
            body: bytes.into(),
            length,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunked(chunks: Vec<Bytes>) -> ByteStream {
        ByteStream {
            inner: Box::pin(stream::iter(chunks.into_iter().map(Ok))),
        }
    }

    async fn all_lines(chunks: Vec<&'static [u8]>, limit: u64) -> Vec<Result<String, String>> {
        let chunks = chunks.into_iter().map(Bytes::from_static).collect();
        lines(chunked(chunks), limit)
            .map(|line| line.map_err(|error| error.to_string()))
            .collect()
            .await
    }

    #[tokio::test]
    async fn line_ends_of_every_kind_across_chunk_boundaries() {
        let lines = all_lines(
            vec![b"\xEF\xBB", b"\xBFa\r", b"\nb\r", b"\r\nc\n\n", b"d"],
            1024,
        )
        .await;
        let lines: Vec<_> = lines.into_iter().map(Result::unwrap).collect();
        assert_eq!(lines, ["a", "b", "", "c", "", "d"]);
    }

    #[tokio::test]
    async fn a_long_line_in_small_chunks_is_read_once() {
        // 16 MiB in 1 KiB chunks took 11 s when the buffer was rescanned per chunk.
        let chunk: &'static [u8] = Box::leak(vec![b'x'; 1024].into_boxed_slice());
        let mut chunks = vec![chunk; 16 * 1024];
        chunks.push(b"\n");
        let started = std::time::Instant::now();
        let lines = all_lines(chunks, 64 << 20).await;
        eprintln!("16 MiB line in 1 KiB chunks: {:?}", started.elapsed());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].as_ref().unwrap().len(), 16 << 20);
    }

    #[tokio::test]
    async fn a_broken_stream_after_part_of_a_line_ends_with_its_error() {
        let chunks = ByteStream {
            inner: Box::pin(stream::iter(vec![
                Ok(Bytes::from_static(b"whole\npart")),
                Err(StreamError::IdleTimeout {
                    idle: std::time::Duration::from_millis(1),
                }),
                Ok(Bytes::from_static(b"never read\n")),
            ])),
        };
        let lines: Vec<_> = lines(chunks, 1024).collect().await;
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0].as_deref().unwrap(), "whole");
        assert!(matches!(lines[1], Err(StreamError::IdleTimeout { .. })));
    }

    #[tokio::test]
    async fn a_line_over_the_limit_ends_the_lines() {
        let lines = all_lines(vec![b"ok\n", b"0123456789", b"0123456789\n"], 15).await;
        assert_eq!(lines[0].as_deref(), Ok("ok"));
        assert!(lines[1]
            .as_ref()
            .unwrap_err()
            .contains("larger than the limit"));
        assert_eq!(lines.len(), 2);
    }
}
