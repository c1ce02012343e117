//! `GET /metrics`: off without a token, the scraper's token required, request counts by route
//! pattern (never a concrete path) and the database's backlog and deadlines per register.

use serde_json::json;

use crate::support::app::{self, TestApp};
use crate::support::spawn_app;
use crate::support::staff::verified_request;

const TOKEN: &str = "scrape-token-0123456789abcdef";

async fn scrape(app: &TestApp, token: Option<&str>) -> (u16, String) {
    let mut request = app.client.get(format!("{}/metrics", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let r = request.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn metrics_are_off_without_a_token() {
    let app = spawn_app().await;
    assert_eq!(scrape(&app, Some("anything")).await.0, 404);
}

#[tokio::test]
async fn the_scraper_reads_requests_by_route_pattern_backlog_and_deadlines_per_register() {
    let app = app::spawn_app_with(app::Options {
        overrides: vec![("metrics.token", json!(TOKEN))],
        ..Default::default()
    })
    .await;
    assert_eq!(scrape(&app, None).await.0, 401);
    assert_eq!(scrape(&app, Some("wrong-token")).await.0, 401);

    let reference = verified_request(&app, "jokkerit", "metered@example.fi").await;
    let token = app.last_mail_to("metered@example.fi").await.token("/status/");
    assert_eq!(app.get(&format!("/status/{token}")).await.status(), 200);
    for _ in 0..2 {
        assert_eq!(app.get("/healthz").await.status(), 200);
    }
    // The request is due in a month: past it, it is overdue.
    app.clock.advance(chrono::Duration::days(40));

    let (status, text) = scrape(&app, Some(TOKEN)).await;
    assert_eq!(status, 200);
    assert!(
        text.contains(r#"dsr_http_requests_total{method="GET",route="/healthz",status="200"} 2"#),
        "{text}"
    );
    assert!(text.contains(r#"route="/status/{token}""#), "{text}");
    assert!(!text.contains(&token) && !text.contains(&reference), "no concrete path or reference");
    assert!(text.contains("dsr_http_request_duration_seconds_bucket{"), "{text}");
    assert!(text.contains(r#"dsr_requests_overdue{register="jokkerit"} 1"#), "{text}");
    assert!(text.contains(r#"dsr_requests_due_soon{register="jokkerit"} 0"#), "{text}");
    assert!(text.contains(r#"dsr_outbox_messages{state="#), "{text}");
    assert!(text.contains(r#"dsr_db_pool_connections{use="max"} 4"#), "{text}");
}
