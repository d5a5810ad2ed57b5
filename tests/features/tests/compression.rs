//! Compressed responses, opt-in (`ClientBuilder::compression`, the runtime's
//! `compression` feature): asked for and decoded only when enabled, and the
//! response limit applies to the decoded body.

use std::io::Write;

use feature_clients::streams::{Client, Error};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

async fn serve_gzip(body: &[u8]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/exports/a/archive"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-encoding", "gzip")
                .set_body_raw(gzip(body), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_gzip_body_is_decoded_when_compression_is_on() {
    let server = serve_gzip(b"PK archive bytes").await;
    let client = Client::builder()
        .base_url(server.uri())
        .compression(true)
        .build()
        .unwrap();
    let response = client.download_archive("a").await.unwrap();
    assert_eq!(response.body(), b"PK archive bytes");
    let sent = &server.received_requests().await.unwrap()[0];
    let accepted = sent.headers["accept-encoding"].to_str().unwrap();
    for encoding in ["gzip", "br", "zstd"] {
        assert!(accepted.contains(encoding), "{accepted}");
    }
}

#[tokio::test]
async fn no_encoding_is_asked_for_unless_compression_is_on() {
    let server = serve_gzip(b"PK").await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let response = client.download_archive("a").await.unwrap();
    // The bytes as sent: nothing decodes what was not asked for.
    assert_eq!(response.body(), &gzip(b"PK"));
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(
        sent.headers.get("accept-encoding").is_none(),
        "{:?}",
        sent.headers
    );
}

#[tokio::test]
async fn a_compression_bomb_is_refused_at_the_decoded_limit() {
    // 64 MiB of zeros is about 64 KiB compressed.
    let server = serve_gzip(&vec![0u8; 64 << 20]).await;
    let client = Client::builder()
        .base_url(server.uri())
        .compression(true)
        .max_response_bytes(1 << 20)
        .build()
        .unwrap();
    let error = client.download_archive("a").await.unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit, .. } if limit == 1 << 20),
        "{error:?}"
    );
}
