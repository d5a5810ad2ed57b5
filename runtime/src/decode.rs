//! Reading a [`RawResponse`] as what the API documents: the typed body of a
//! success or a documented error, or the error for an undocumented status.
//! Generated methods make one call here per status, so that the work is
//! compiled once, not once per operation.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::Failure;
use crate::{Error, RawResponse};

impl RawResponse {
    /// Assembles a response; the transport calls this.
    #[doc(hidden)]
    pub fn new(status: StatusCode, headers: HeaderMap, body: Vec<u8>) -> Self {
        Self {
            status,
            headers,
            body,
            operation: "",
            drift: None,
        }
    }

    /// The same response, reporting drift to `sink` as it is read.
    pub(crate) fn with_drift(
        mut self,
        sink: Option<std::sync::Arc<crate::hooks::DriftSink>>,
    ) -> Self {
        self.drift = sink;
        self
    }

    /// The same response, received by the call of `operation` (its operationId).
    #[doc(hidden)]
    pub fn for_operation(mut self, operation: &'static str) -> Self {
        self.operation = operation;
        self
    }

    /// Parses the body as JSON into `T`; a body that does not parse becomes
    /// [`Error::InvalidBody`], keeping this response.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        let read = || serde_json::from_slice(&self.body);
        let parsed = match &self.drift {
            None => read(),
            Some(sink) => {
                let (parsed, unknown) = crate::drift::collecting(read);
                sink.report(self.drifts(unknown));
                parsed
            }
        };
        parsed.map_err(|source| {
            Failure(Error::InvalidBody {
                path: self.failing_path::<T>(),
                response: Box::new(self.clone()),
                source,
            })
        })
    }

    /// The drift this response shows: enums that received values their
    /// spec does not list, and a JSON body under another media type.
    fn drifts(&self, unknown: Vec<&'static str>) -> Vec<crate::drift::Drift> {
        use crate::drift::{Drift, DriftKind};
        let mut drifts: Vec<Drift> = unknown
            .into_iter()
            .map(|type_name| Drift {
                operation: self.operation,
                kind: DriftKind::UnknownEnumValue,
                place: type_name.to_owned(),
            })
            .collect();
        let media = self
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|value| {
                value
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            });
        if let Some(media) = media.filter(|media| !is_json(media)) {
            drifts.push(Drift {
                operation: self.operation,
                kind: DriftKind::UnexpectedContentType,
                place: crate::printable::printable(&media, crate::printable::MAX_SHOWN),
            });
        }
        drifts
    }

    /// Where in the body `T` failed (`items[0].assignee`): the body is read
    /// a second time, tracking the path, only once it is known not to parse,
    /// so that the success path costs nothing.
    fn failing_path<T: DeserializeOwned>(&self) -> String {
        let mut reader = serde_json::Deserializer::from_slice(&self.body);
        match serde_path_to_error::deserialize::<_, T>(&mut reader) {
            Err(error) => error.path().to_string(),
            Ok(_) => ".".to_owned(),
        }
    }

    /// A documented error response with a JSON body: the body, read and
    /// wrapped as `variant` (`CreateUserError::Conflict`) says. One call per
    /// status keeps each generated method small for the compiler.
    #[doc(hidden)]
    pub fn api_error<T: DeserializeOwned, E, R>(
        self,
        variant: impl FnOnce(T) -> E,
    ) -> Result<R, Error<E>> {
        match self.json() {
            Ok(body) => Err(Error::Api(variant(body), Box::new(self))),
            Err(failure) => Err(failure.into()),
        }
    }

    /// A documented error response whose body (if any) is already read.
    #[doc(hidden)]
    pub fn api<E, R>(self, error: E) -> Result<R, Error<E>> {
        Err(Error::Api(error, Box::new(self)))
    }

    /// A documented success response with a JSON body and no documented
    /// headers.
    #[doc(hidden)]
    pub fn json_response<T: DeserializeOwned, E>(self) -> Result<crate::Response<T>, Error<E>> {
        let body = self.json()?;
        Ok(self.into_response(body, ()))
    }

    /// The error for a status the API does not document.
    #[doc(hidden)]
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus(Box::new(self))
    }

    /// Turns this response into a typed [`Response`](crate::Response).
    #[doc(hidden)]
    pub fn into_response<B, H>(self, body: B, documented_headers: H) -> crate::Response<B, H> {
        crate::Response::new(self.status, self.headers, body, documented_headers)
    }

    /// A documented response header, parsed; `None` when it is absent or
    /// its value does not parse as documented: a header never costs the
    /// body, and its raw bytes stay in `Response::headers`. Text is read as
    /// UTF-8 (`café`), not only visible ASCII.
    #[doc(hidden)]
    pub fn header<T: std::str::FromStr>(&self, name: &'static str) -> Result<Option<T>, Failure> {
        Ok(self
            .headers
            .get(name)
            .and_then(|value| std::str::from_utf8(value.as_bytes()).ok())
            .and_then(|text| text.trim().parse().ok()))
    }

    /// The body as text, for `text/*` media types.
    #[doc(hidden)]
    pub fn text_body(&self) -> Result<String, Failure> {
        Ok(self.text())
    }

    /// The body bytes, for binary media types.
    #[doc(hidden)]
    pub fn bytes_body(&self) -> Result<Vec<u8>, Failure> {
        Ok(self.body.clone())
    }
}

/// Whether a media type is read as JSON (`application/json`, `…+json`).
fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json") || media.is_empty()
}
