//! `/healthz`, `/readyz` and recovery from a PostgreSQL outage.

use std::time::Duration;

use crate::support::db::{self, TestDb};
use crate::support::proxy::Proxy;
use crate::support::{app, spawn_app};

#[tokio::test]
async fn healthz_and_readyz_answer_200_with_security_headers() {
    let app = spawn_app().await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let headers = ready.headers().clone();
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["migrations"], "current");
    assert!(headers["content-security-policy"].to_str().unwrap().contains("default-src 'self'"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
}

#[tokio::test]
async fn readyz_is_503_while_postgres_is_unreachable_and_recovers_without_restart() {
    let db = TestDb::migrated().await;
    let target = tokio::net::lookup_host(db::host_port(&db.url)).await.unwrap().next().unwrap();
    let proxy = Proxy::start(target).await;
    let proxied = db::with_host_port(&db.url, &format!("127.0.0.1:{}", proxy.port()));
    let app = app::spawn_app_with(app::Options { database_url: Some(proxied), ..Default::default() }).await;
    assert_eq!(app.get("/readyz").await.status(), 200);

    proxy.cut();
    let down = app.get("/readyz").await;
    assert_eq!(down.status(), 503);
    assert_eq!(down.headers()["retry-after"], "5");
    // The process itself stays up.
    assert_eq!(app.get("/healthz").await.status(), 200);

    proxy.restore();
    let mut status = 0;
    for _ in 0..50 {
        status = app.get("/readyz").await.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "readyz did not recover after PostgreSQL came back");
}

#[tokio::test]
async fn the_landing_page_lists_the_registers() {
    let app = spawn_app().await;
    let page = app.get("/").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for name in [
        "Jaccara Pro Oy:n asiakasrekisteri",
        "Jeronen asiakasrekisteri",
        "Konekesko Webshop asiakasrekisteri",
    ] {
        assert!(html.contains(name), "{name} missing");
    }
    // Each register's name in the page's language, with its privacy notice.
    let html = app.get("/?lang=et").await.text().await.unwrap();
    for name in
        ["Jaccara Pro Oy kliendiregister", "Jerone kliendiregister", "Konekesko Webshopi kliendiregister"]
    {
        assert!(html.contains(name), "{name} missing");
    }
    assert!(html.contains("href=\"/r/jerone/privacy?lang=et\""));
}
