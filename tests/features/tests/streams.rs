//! Streamed responses against real HTTP servers on localhost: server-sent
//! events and JSON lines, read as they arrive, each item under the limit.

use clientgen_runtime::StreamError;
use feature_clients::streams::{
    Client, CreateChatCompletionError, CreateChatCompletionRequest,
    CreateChatCompletionRequestMessagesItem, Error,
};
use futures_util::StreamExt;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(route: &str, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path(route))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .mount(&server)
        .await;
    server
}

fn client(base: &str) -> Client {
    Client::builder().base_url(base).build().unwrap()
}

fn chat() -> CreateChatCompletionRequest {
    let mut request = CreateChatCompletionRequest::new(
        "m1".into(),
        vec![CreateChatCompletionRequestMessagesItem {
            role: "user".into(),
            content: "hi".into(),
        }],
    );
    request.stream = Some(true);
    request
}

#[tokio::test]
async fn chat_completion_events_are_typed_until_the_sentinel() {
    let body = concat!(
        ": a comment, then a keep-alive with no data\n\n",
        "retry: 10\n\n",
        "id: 1\nevent: chunk\ndata: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n",
        // Data over two lines is joined with a line feed; `retry` is kept; the id stays.
        "data: {\"id\":\"c1\",\ndata:\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\nretry: 3000\n\n",
        "data: not json\n\n",
        "data: [DONE]\n\n",
        "data: {\"id\":\"after the end\",\"choices\":[]}\n\n",
    );
    let server = serve("/chat/completions", "text/event-stream", body).await;
    let response = client(&server.uri())
        .create_chat_completion(&chat())
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let events: Vec<_> = response.into_body().collect().await;

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent.body).unwrap(),
        json!({"model": "m1", "stream": true, "messages": [{"role": "user", "content": "hi"}]})
    );

    assert_eq!(events.len(), 3, "{events:?}");
    let first = events[0].as_ref().unwrap();
    assert_eq!(first.id.as_deref(), Some("1"));
    assert_eq!(first.event.as_deref(), Some("chunk"));
    assert_eq!(
        first.data.choices[0]
            .delta
            .as_ref()
            .unwrap()
            .content
            .as_deref(),
        Some("Hel")
    );
    let second = events[1].as_ref().unwrap();
    assert_eq!(second.id.as_deref(), Some("1"));
    assert_eq!(second.event, None);
    assert_eq!(second.retry, Some(3000));
    assert_eq!(
        second.data.choices[0]
            .delta
            .as_ref()
            .unwrap()
            .content
            .as_deref(),
        Some("lo")
    );
    match &events[2] {
        Err(error @ StreamError::Invalid { index: 2, id, .. }) => {
            assert_eq!(id.as_deref(), Some("1"));
            assert!(
                error.to_string().starts_with("item 2 (id \"1\")"),
                "{error}"
            );
        }
        other => panic!("expected the malformed event, got {other:?}"),
    }
}

#[tokio::test]
async fn an_error_status_is_read_whole_and_typed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({"message": "slow"})))
        .mount(&server)
        .await;
    match client(&server.uri()).create_chat_completion(&chat()).await {
        Err(Error::Api(CreateChatCompletionError::TooManyRequests(problem), ..)) => {
            assert_eq!(problem.message.as_deref(), Some("slow"))
        }
        other => panic!("expected 429, got {other:?}"),
    }
}

/// A server that writes `chunks` as they are, with pauses between them,
/// so that lines and characters are split across reads.
async fn trickle(content_type: &'static str, chunks: Vec<&'static [u8]>) -> String {
    paced(
        content_type,
        chunks.into_iter().map(|chunk| (5, chunk)).collect(),
        0,
    )
    .await
}

#[tokio::test]
async fn lines_split_across_chunks_and_crlf_endings_are_read_whole() {
    let base = trickle(
        "text/event-stream",
        vec![
            b"data: caf",
            "\u{e9}".as_bytes().split_at(1).0,
            "\u{e9}".as_bytes().split_at(1).1,
            b"\r",
            b"\ndata: second line\r\n\r",
            b"\nid: 7\rdata: two\r\r",
        ],
    )
    .await;
    let events: Vec<_> = client(&base)
        .tail_logs()
        .await
        .unwrap()
        .into_body()
        .map(|event| event.map(|event| (event.id, event.data)))
        .collect()
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(
        *events[0].as_ref().unwrap(),
        (None, "café\nsecond line".to_owned())
    );
    assert_eq!(
        *events[1].as_ref().unwrap(),
        (Some("7".to_owned()), "two".to_owned())
    );
}

#[tokio::test]
async fn each_event_is_under_the_limit_and_the_stream_is_not() {
    // 40 small events: far more than the 64-byte limit in all.
    let small: String = (0..40).map(|n| format!("data: event {n}\n\n")).collect();
    let big = format!("{small}data: {}\n\n", "x".repeat(100));
    let server = serve("/logs/tail", "text/event-stream", &big).await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_response_bytes(64)
        .build()
        .unwrap();
    let events: Vec<_> = client
        .tail_logs()
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;
    assert_eq!(events.len(), 41);
    assert!(events[..40].iter().all(Result::is_ok));
    assert!(matches!(
        events[40],
        Err(StreamError::TooLarge { limit: 64 })
    ));
}

#[tokio::test]
async fn json_lines_are_typed_one_by_one() {
    let body = "{\"id\":1,\"name\":\"ada\"}\n\n{\"id\":\"two\"}\n\u{1e}{\"id\":3}\n{\"id\":4}";
    let server = serve("/exports/users", "application/x-ndjson", body).await;
    let users: Vec<_> = client(&server.uri())
        .export_users()
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;
    assert_eq!(users.len(), 4);
    assert_eq!(users[0].as_ref().unwrap().name.as_deref(), Some("ada"));
    assert!(matches!(
        users[1],
        Err(StreamError::Invalid { index: 1, .. })
    ));
    assert_eq!(users[2].as_ref().unwrap().id, 3);
    // The last line needs no line feed.
    assert_eq!(users[3].as_ref().unwrap().id, 4);
}

#[tokio::test]
async fn a_download_larger_than_the_limit_streams_to_a_file() {
    // 1 MiB and a bit, against a 64 KiB limit on whole bodies.
    let archive: Vec<u8> = (0..(1 << 20) + 7).map(|n: u32| (n % 251) as u8).collect();
    let server = MockServer::start().await;
    Mock::given(path("/exports/users/archive"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(archive.clone(), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/exports/gone/archive"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap();

    // Whole, it is refused at the limit.
    assert!(matches!(
        client.download_archive("users").await,
        Err(Error::ResponseTooLarge { limit: 65536, .. })
    ));

    let file = std::env::temp_dir().join(format!("clientgen-archive-{}", std::process::id()));
    let mut out = std::fs::File::create(&file).unwrap();
    let response = client.download_archive_stream("users").await.unwrap();
    assert_eq!(response.status(), 200);
    let written = response.into_body().write_to(&mut out).await.unwrap();
    drop(out);
    assert_eq!(written, archive.len() as u64);
    assert_eq!(std::fs::read(&file).unwrap(), archive);
    std::fs::remove_file(&file).unwrap();

    // A documented error status is read as usual.
    assert!(matches!(
        client.download_archive_stream("gone").await,
        Err(Error::Api(
            feature_clients::streams::DownloadArchiveError::NotFound,
            ..
        ))
    ));
}

#[tokio::test]
async fn uploads_stream_from_chunks_and_files_with_their_length() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server.uri());

    // Bytes in memory, as before.
    client.upload_import("a", b"abc").await.unwrap();
    // A stream of chunks, never held whole by the client.
    let chunks =
        futures_util::stream::iter((0..4).map(|n| Ok::<_, std::io::Error>(vec![b'0' + n; 1000])));
    client
        .upload_import("b", clientgen_runtime::Upload::stream(chunks, Some(4000)))
        .await
        .unwrap();
    // A file, its length from its metadata.
    let path = std::env::temp_dir().join(format!("clientgen-upload-{}", std::process::id()));
    std::fs::write(&path, b"from a file").unwrap();
    let file = tokio::fs::File::open(&path).await.unwrap();
    client
        .upload_import("c", clientgen_runtime::Upload::file(file).await.unwrap())
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].url.path(), "/imports/a");
    assert_eq!(sent[0].body, b"abc");
    let expected: Vec<u8> = (0..4).flat_map(|n| vec![b'0' + n; 1000]).collect();
    assert_eq!(sent[1].body, expected);
    assert_eq!(sent[1].headers["content-length"], "4000");
    assert_eq!(sent[1].headers["content-type"], "application/octet-stream");
    assert_eq!(sent[2].body, b"from a file");
    assert_eq!(sent[2].headers["content-length"], "11");
}

/// A server that sends `head`'s status line and headers, then each chunk
/// after its pause, and keeps the connection open for `hold` after the last.
async fn paced(content_type: &'static str, chunks: Vec<(u64, &'static [u8])>, hold: u64) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        for (pause, chunk) in chunks {
            tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
            let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
            if socket.write_all(&framed).await.is_err() {
                return;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(hold)).await;
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    format!("http://{address}")
}

#[tokio::test]
async fn a_stream_runs_longer_than_the_attempt_timeout() {
    // Five events 150 ms apart: 750 ms in all, against a 300 ms timeout,
    // which bounds only the time to the response's head.
    let event: &'static [u8] = b"data: tick\n\n";
    let base = paced("text/event-stream", vec![(150, event); 5], 0).await;
    let client = Client::builder()
        .base_url(base)
        .timeout(std::time::Duration::from_millis(300))
        .build()
        .unwrap();
    let events: Vec<_> = client
        .tail_logs()
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;
    assert_eq!(events.len(), 5, "{events:?}");
    assert!(events
        .iter()
        .all(|event| event.as_ref().unwrap().data == "tick"));
}

#[tokio::test]
async fn a_silent_stream_ends_at_its_idle_timeout_and_says_so() {
    let base = paced("text/event-stream", vec![(0, b"data: one\n\n")], 5_000).await;
    let client = Client::builder()
        .base_url(base)
        .stream_idle_timeout(std::time::Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let events: Vec<_> = client
        .tail_logs()
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].as_ref().unwrap().data, "one");
    let error = events[1].as_ref().unwrap_err();
    assert!(
        matches!(error, StreamError::IdleTimeout { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("stream_idle_timeout"), "{error}");
}

#[tokio::test]
async fn an_event_ended_by_a_lone_cr_is_given_before_more_arrives() {
    // The stream then stays open: the event may not wait for the next chunk.
    let base = paced("text/event-stream", vec![(0, b"data: now\r\r")], 5_000).await;
    let mut events = client(&base).tail_logs().await.unwrap().into_body();
    let first = tokio::time::timeout(std::time::Duration::from_secs(2), events.next())
        .await
        .expect("the event was held back");
    assert_eq!(first.unwrap().unwrap().data, "now");
}

#[tokio::test]
async fn a_leading_byte_order_mark_is_dropped() {
    let base = paced(
        "text/event-stream",
        vec![
            (0, b"\xEF\xBB"),
            (5, b"\xBFdata: first\n\ndata: second\n\n"),
        ],
        0,
    )
    .await;
    let events: Vec<_> = client(&base)
        .tail_logs()
        .await
        .unwrap()
        .into_body()
        .map(|event| event.unwrap().data)
        .collect()
        .await;
    assert_eq!(events, ["first", "second"]);
}

#[tokio::test]
async fn a_long_line_in_small_chunks_is_read_in_linear_time() {
    // 4 MiB in 1 KiB chunks: rescanning the buffer per chunk took minutes.
    let line: &'static [u8] = Box::leak(vec![b'x'; 1024].into_boxed_slice());
    let mut chunks = vec![(0, &b"data: "[..])];
    chunks.extend(std::iter::repeat_n((0, line), 4 * 1024));
    chunks.push((0, b"\n\n"));
    let base = paced("text/event-stream", chunks, 0).await;
    let started = std::time::Instant::now();
    let events: Vec<_> = client(&base)
        .tail_logs()
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].as_ref().unwrap().data.len(), 4 << 20);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_upload_longer_or_shorter_than_its_length_fails_the_call() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let chunks = |sizes: &[usize]| {
        futures_util::stream::iter(
            sizes
                .iter()
                .map(|size| Ok::<_, std::io::Error>(vec![b'z'; *size]))
                .collect::<Vec<_>>(),
        )
    };
    for sizes in [&[20][..], &[5, 15], &[3]] {
        let upload = clientgen_runtime::Upload::stream(chunks(sizes), Some(5));
        let result = client.upload_import("x", upload).await;
        assert!(result.is_err(), "{sizes:?}: {result:?}");
    }
    // No request with a complete body of the announced length reached the server.
    assert!(server.received_requests().await.unwrap().is_empty());
    let exact = clientgen_runtime::Upload::stream(chunks(&[2, 3]), Some(5));
    client.upload_import("x", exact).await.unwrap();
}

#[tokio::test]
async fn a_sentinel_on_the_media_type_ends_the_stream() {
    let base = paced(
        "text/event-stream",
        vec![(0, b"data: one\n\ndata: [END]\n\ndata: after\n\n")],
        5_000,
    )
    .await;
    let mut events = client(&base).tail_logs().await.unwrap().into_body();
    let all = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        let mut all = Vec::new();
        while let Some(event) = events.next().await {
            all.push(event.unwrap().data);
        }
        all
    })
    .await
    .expect("the sentinel did not end the stream");
    assert_eq!(all, ["one"]);
}

#[tokio::test]
async fn a_buffered_body_is_bounded_by_the_attempt_timeout_and_its_stream_is_not() {
    let slow = || {
        paced(
            "application/octet-stream",
            vec![(0, b"PK"), (250, b"12"), (250, b"34")],
            0,
        )
    };
    let client = |base: String| {
        Client::builder()
            .base_url(base)
            .timeout(std::time::Duration::from_millis(300))
            // The server answers once; a retried GET would find it gone.
            .retry(clientgen_runtime::RetryPolicy::none())
            .build()
            .unwrap()
    };
    // Whole: the head came at once, the body took 500 ms of a 300 ms attempt.
    let error = client(slow().await)
        .download_archive("a")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(
        error.to_string().contains("ClientBuilder::timeout"),
        "{error}"
    );
    // Chunk by chunk: the same body, read as it arrives, in full.
    let chunks: Vec<_> = client(slow().await)
        .download_archive_stream("a")
        .await
        .unwrap()
        .into_body()
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(chunks.concat(), b"PK1234");
}
