//! Errors as pages: a browser gets an error page in its language with a way back, a form its own
//! page again with what was typed; an API client keeps the JSON envelope.

use chrono::Duration;
use dsr_desk::domain::{Language, StaffRole};
use dsr_desk::i18n::Tr;
use serde_json::{Value, json};

use crate::support::app::{self, TestApp};
use crate::support::db::{self, TestDb};
use crate::support::proxy::Proxy;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, client};

/// What a browser sends as `Accept`.
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// `GET path` as a browser preferring `language` (`Accept-Language`).
async fn browse(app: &TestApp, c: &reqwest::Client, path: &str, language: &str) -> reqwest::Response {
    c.get(format!("{}{path}", app.address))
        .header("Accept", BROWSER)
        .header("Accept-Language", language)
        .send()
        .await
        .unwrap()
}

fn is_html(r: &reqwest::Response) -> bool {
    r.headers()["content-type"].to_str().unwrap().starts_with("text/html")
}

#[tokio::test]
async fn an_unknown_register_is_a_page_in_the_browsers_language_with_a_way_back_and_json_for_api_clients() {
    let app = spawn_app().await;
    let r = browse(&app, &app.client, "/r/nope/request", "sv-FI,sv;q=0.9,en;q=0.5").await;
    assert_eq!(r.status(), 404);
    assert!(is_html(&r));
    let html = r.text().await.unwrap();
    let sv = Tr::new(Language::Sv);
    assert!(html.contains("<html lang=\"sv\""), "{html}");
    assert!(html.contains(&sv.get("error-title-404")) && html.contains(&sv.get("error-body-404")), "{html}");
    assert!(
        html.contains(&format!("<a href=\"/\">{}</a>", sv.get("error-front-page"))),
        "a way back: {html}"
    );
    // `?lang=` comes first; without any preference the page is Finnish.
    let html = browse(&app, &app.client, "/r/nope/request?lang=et", "sv").await.text().await.unwrap();
    assert!(
        html.contains("<html lang=\"et\"") && html.contains(&Tr::new(Language::Et).get("error-title-404"))
    );
    let r = app.client.get(format!("{}/r/nope/request", app.address)).header("Accept", BROWSER).send().await;
    assert!(r.unwrap().text().await.unwrap().contains(&Tr::new(Language::Fi).get("error-title-404")));

    // An API client (reqwest sends `Accept: */*`) keeps the JSON envelope, on a page's path too.
    let r = app.get("/r/nope/request").await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"error": {"code": "not_found", "message": "not found"}})
    );
    // And an API path answers JSON even to a browser.
    let body =
        json!({"register": "nope", "kind": "inspection", "requester": {"name": "A", "email": "a@b.fi"}});
    let r = app
        .client
        .post(format!("{}/api/v1/requests", app.address))
        .header("Accept", BROWSER)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "not_found");
}

#[tokio::test]
async fn a_second_withdrawal_is_a_409_page_leading_back_to_the_status_page() {
    let app = spawn_app().await;
    let body = json!({"register": "jokkerit", "kind": "erasure", "language": "en",
                      "requester": {"name": "Twice", "email": "twice@example.fi"}});
    let answer: Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap();
    let code = app.last_mail_to("twice@example.fi").await.code();
    app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    let token = app.last_mail_to("twice@example.fi").await.token("/status/");
    let withdraw = |accept: &'static str| {
        let url = format!("{}/status/{token}/withdraw", app.address);
        let confirmed = [("confirm", "yes")];
        app.client.post(url).header("Accept", accept).header("Accept-Language", "en").form(&confirmed).send()
    };
    assert_eq!(withdraw(BROWSER).await.unwrap().status(), 200);

    let again = withdraw(BROWSER).await.unwrap();
    assert_eq!(again.status(), 409);
    assert!(is_html(&again));
    let html = again.text().await.unwrap();
    let en = Tr::new(Language::En);
    assert!(html.contains(&en.get("error-title-409")), "{html}");
    assert!(html.contains(&format!("<a href=\"/status/{token}\">{}</a>", en.get("error-back"))), "{html}");
    let again = withdraw("*/*").await.unwrap();
    assert_eq!(again.status(), 409);
    assert_eq!(again.json::<Value>().await.unwrap()["error"]["code"], "conflict");
}

#[tokio::test]
async fn a_bad_queue_filter_brings_the_queue_back_with_422_the_filters_as_typed_and_the_field_named() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let r = browse(&app, &h.http, "/staff/queue?kind=spam&q=someone%40example.fi&overdue=1", "en").await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("<option value=\"spam\" selected>spam</option>"), "the kind as typed: {html}");
    assert!(html.contains("name=\"q\" value=\"someone@example.fi\""), "the search as typed");
    assert!(html.contains("name=\"overdue\" value=\"1\" checked"), "the box as ticked");
    assert!(html.contains("role=\"alert\">Check the form: Kind: "), "the field named: {html}");
    assert!(html.contains("<form method=\"get\" action=\"/staff/queue\""), "the queue's form again");

    let r = h.get("/staff/queue?due_within=soon").await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("name=\"due_within\" inputmode=\"numeric\" value=\"soon\""), "{html}");
    assert!(html.contains("Due within (days): must be a number of days"), "{html}");
    assert_eq!(h.get("/staff/queue?due_within=7").await.status(), 200);
}

#[tokio::test]
async fn a_bad_report_month_brings_the_report_form_back_with_422_and_the_month_as_typed() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let r = browse(&app, &h.http, "/staff/reports/deadlines?month=2026-13&register=jokkerit", "en").await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\" id=\"month-error\">Month (YYYY-MM): "), "the field named: {html}");
    assert!(html.contains("name=\"month\" value=\"2026-13\""), "the month as typed: {html}");
    assert!(html.contains("aria-invalid=\"true\""), "the input marked");
    assert!(
        html.contains("<form method=\"get\" action=\"/staff/reports/deadlines\""),
        "the report's form again"
    );
    // An API client keeps the JSON answer naming the field.
    let r = h.get("/staff/reports/deadlines?month=2026-13&format=json").await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "month");
}

#[tokio::test]
async fn the_public_form_over_its_rate_limit_comes_back_with_429_what_was_typed_and_a_translated_message() {
    let app = app::spawn_app_with(app::Options {
        overrides: vec![("limits.submissions_per_hour", json!(1))],
        ..Default::default()
    })
    .await;
    let form = [
        ("lang", "sv"),
        ("submission_id", ""),
        ("kind", "objection"),
        ("name", "Rate Limited"),
        ("email", "limited@example.fi"),
        ("purposes", "direct_advertising"),
        ("channels", "sms"),
    ];
    let post = || {
        app.client
            .post(format!("{}/r/konekesko/request", app.address))
            .header("Accept", BROWSER)
            .form(&form)
            .send()
    };
    assert_eq!(post().await.unwrap().status(), 303);
    let limited = post().await.unwrap();
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().get("retry-after").is_some());
    let html = limited.text().await.unwrap();
    assert!(html.contains(&Tr::new(Language::Sv).get("error-too-many-requests")), "{html}");
    assert!(
        html.contains("value=\"Rate Limited\"") && html.contains("value=\"limited@example.fi\""),
        "{html}"
    );
    assert!(
        html.contains("value=\"direct_advertising\" id=\"purpose-direct_advertising\" checked"),
        "{html}"
    );
    assert!(html.contains("value=\"sms\" id=\"channel-sms\" checked"), "{html}");
    assert_eq!(app.request_count().await, 1);

    // The API's clients share the address's allowance and get the JSON envelope.
    let body = json!({"register": "konekesko", "kind": "inspection", "requester": {"name": "R", "email": "r@example.fi"}});
    let r = app.post_json("/api/v1/requests", &body).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "too_many_requests");
    app.clock.advance(Duration::hours(1));
    assert_eq!(post().await.unwrap().status(), 303);
}

#[tokio::test]
async fn an_unreachable_database_is_a_503_page_with_retry_after_for_browsers_and_json_for_api_clients() {
    let test_db = TestDb::migrated().await;
    let target = tokio::net::lookup_host(db::host_port(&test_db.url)).await.unwrap().next().unwrap();
    let proxy = Proxy::start(target).await;
    let proxied = db::with_host_port(&test_db.url, &format!("127.0.0.1:{}", proxy.port()));
    let app = app::spawn_app_with(app::Options { database_url: Some(proxied), ..Default::default() }).await;
    proxy.cut();
    // A token of the right shape (43 characters), so that the page has to ask the database.
    let status = format!("/status/{}", "a".repeat(43));
    let r = browse(&app, &app.client, &status, "fi").await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "5");
    let html = r.text().await.unwrap();
    assert!(html.contains(&Tr::new(Language::Fi).get("error-title-503")), "{html}");
    let r = app.get(&status).await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "5");
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "unavailable");
    proxy.restore();
}

#[tokio::test]
async fn the_admin_area_shows_a_handler_the_same_404_page_as_a_page_that_does_not_exist() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let missing = browse(&app, &h.http, "/staff/no-such-page", "en").await;
    assert_eq!(missing.status(), 404);
    let missing = missing.text().await.unwrap();
    assert!(missing.contains("href=\"/staff/queue\""), "a way back to the queue: {missing}");
    for path in ["/staff/admin", "/staff/admin/api-keys", "/staff/admin/nothing"] {
        let r = browse(&app, &h.http, path, "en").await;
        assert_eq!((r.status().as_u16(), r.text().await.unwrap()), (404, missing.clone()), "{path}");
    }
    // Sign-in redirects stay redirects for browsers too.
    let r = browse(&app, &client(), "/staff/queue", "en").await;
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/staff/login"));
}
