//! The connection edge: a client that trickles its body is cut off, the listen queue holds
//! `http.backlog` connections, and https deployments send HSTS.

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::app;

#[tokio::test]
async fn a_client_trickling_its_body_gets_408_within_the_request_timeout() {
    let app = app::spawn_app_with(app::Options {
        overrides: vec![("http.request_timeout_secs", json!(1))],
        ..Default::default()
    })
    .await;
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(
            b"POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
        )
        .await
        .unwrap();
    // One byte every 200 ms: the whole body would take minutes.
    let trickle = async {
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if stream.write_all(b" ").await.is_err() {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_millis(1500), trickle).await;
    let mut answer = vec![0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer)).await.unwrap().unwrap();
    let head = String::from_utf8_lossy(&answer[..n]);
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    assert!(started.elapsed() < Duration::from_secs(4), "cut off at the timeout, not held");
}

#[tokio::test]
async fn the_listen_queue_holds_the_configured_backlog() {
    let app = app::spawn_app_with(app::Options {
        overrides: vec![("http.backlog", json!(777))],
        ..Default::default()
    })
    .await;
    // For a listening socket `ss` shows its backlog as Send-Q.
    let out =
        std::process::Command::new("ss").args(["-ltnH", &format!("sport = :{}", app.port)]).output().unwrap();
    let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let send_q: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(send_q.get(2), Some(&"777"), "{line}");
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_public_url_is_https() {
    let plain = app::spawn_app().await;
    assert!(plain.get("/healthz").await.headers().get("strict-transport-security").is_none());
    let tls = app::spawn_app_with(app::Options {
        overrides: vec![("http.public_url", json!("https://dsr.example.fi"))],
        ..Default::default()
    })
    .await;
    let r = tls.get("/healthz").await;
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
}
