//! Robustness at the edges: PostgreSQL restarts, control characters in input, numeric filters out
//! of range, and the HTTP server's limits.

use diesel_async::SimpleAsyncConnection;
use dsr_desk::domain::StaffRole;

use crate::support::spawn_app;
use crate::support::staff::{StaffClient, verified_request};

/// Ends every connection of the app to its database, as a PostgreSQL restart or an administrator's
/// `pg_terminate_backend` does.
async fn terminate_app_connections(app: &crate::support::app::TestApp) {
    let mut conn = app.db.conn().await;
    conn.batch_execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn requests_while_the_database_ends_the_apps_connections_answer_503_or_succeed_never_500() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "restart@dsr-desk.test", StaffRole::Handler, &["jokkerit"]).await;
    for _ in 0..3 {
        // Several pages at once, so that the pool holds more than one connection to lose.
        let pages = futures_util::future::join_all((0..4).map(|_| staff.get("/staff/queue"))).await;
        assert!(pages.iter().all(|p| p.status() == 200));
        terminate_app_connections(&app).await;
        let mut statuses = Vec::new();
        for _ in 0..6 {
            statuses.push(staff.get("/staff/queue").await.status().as_u16());
            statuses.push(app.get("/readyz").await.status().as_u16());
        }
        assert!(statuses.iter().all(|s| *s == 200 || *s == 503), "answers after the restart: {statuses:?}");
        assert_eq!(staff.get("/staff/queue").await.status(), 200, "the next request succeeds");
    }
}

/// The field an error answer names: the JSON envelope's fields, or its message.
async fn named_field(response: reqwest::Response) -> String {
    let text = response.text().await.unwrap();
    let body: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    match body["error"]["fields"].as_array() {
        Some(fields) => fields.iter().filter_map(|f| f["field"].as_str()).collect::<Vec<_>>().join(","),
        None => body["error"]["message"].as_str().map_or(text, str::to_owned),
    }
}

#[tokio::test]
async fn a_nul_byte_in_a_public_form_a_json_body_a_query_or_a_staff_form_is_refused_naming_the_field() {
    let app = spawn_app().await;

    let form = app
        .post_form(
            "/r/jokkerit/request?lang=en",
            &[("kind", "inspection"), ("name", "Nul\0 Person"), ("email", "nul@example.fi"), ("lang", "en")],
        )
        .await;
    assert_eq!(form.status(), 422, "public form");
    assert_eq!(named_field(form).await, "name", "the public form names the field");
    let login = app.post_form("/staff/login", &[("email", "nul\0@example.fi"), ("password", "x")]).await;
    assert_eq!(login.status(), 422, "sign-in form");
    assert!(named_field(login).await.contains("email"));

    let json = app
        .post_json(
            "/api/v1/requests",
            &serde_json::json!({"register": "jokkerit", "kind": "inspection",
                "requester": {"name": "Nul Person", "email": "nul\u{0}@example.fi"}}),
        )
        .await;
    assert_eq!(json.status(), 400, "JSON body");
    assert!(named_field(json).await.contains("requester.email"));

    let query = app.get("/verify?sent=%00&lang=en").await;
    assert_eq!(query.status(), 422, "query string");
    assert!(named_field(query).await.contains("sent"));
    let path = app.get("/status/abc%00def").await;
    assert_eq!(path.status(), 422, "path segment");

    let staff = StaffClient::ready(&app, "nul@dsr-desk.test", StaffRole::Handler, &["jokkerit"]).await;
    let reference = crate::support::staff::verified_request(&app, "jokkerit", "n@example.fi").await;
    let note = staff.act(&reference, "notes", &[("body", "a note\0 with a NUL")]).await;
    assert_eq!(note.status(), 422, "staff form");
    assert!(named_field(note).await.contains("body"));
    let filter = staff.get("/staff/queue?register=jokk%00erit").await;
    assert_eq!(filter.status(), 422, "staff query");
    assert!(named_field(filter).await.contains("register"));

    // Tabs and newlines in a multi-line field stay allowed.
    let note = staff.act(&reference, "notes", &[("body", "line one\n\tline two")]).await;
    assert!(note.status().is_redirection() || note.status() == 200, "{}", note.status());
}

#[tokio::test]
async fn queue_and_report_filters_beyond_their_range_answer_422_naming_the_field() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "bounds@dsr-desk.test", StaffRole::Handler, &["jokkerit"]).await;
    for (query, field) in [
        ("due_within=100000000", "Due within (days)"),
        ("due_within=-100000000", "Due within (days)"),
        ("after_deadline=%2B99999-01-01&after_id=1", "Page"),
        ("after_deadline=2026-03-01&after_id=-5", "Page"),
        ("after_deadline=2026-03-01&after_id=99999999999999999999", "Page"),
    ] {
        let r = staff.get(&format!("/staff/queue?{query}")).await;
        assert_eq!(r.status(), 422, "{query}");
        // The queue page comes back with the filters as typed and the field named.
        let page = r.text().await.unwrap();
        assert!(page.contains(&format!("{field}: must be")), "{query}: {page}");
    }
    assert_eq!(staff.get("/staff/queue?due_within=30").await.status(), 200);
    for month in ["1999-12", "99999-01", "2026-13", "2099-01"] {
        let r = staff.get(&format!("/staff/reports/deadlines?month={month}&format=json")).await;
        assert_eq!(r.status(), 422, "{month}");
    }
}

#[tokio::test]
async fn an_address_mixing_scripts_is_flagged_to_staff_with_its_unicode_form() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "homoglyph@dsr-desk.test", StaffRole::Handler, &["jokkerit"]).await;
    // `mаija` with a Cyrillic а, at a domain written in Unicode: stored in its ASCII form.
    let body = serde_json::json!({"register": "jokkerit", "kind": "inspection",
        "requester": {"name": "Maija", "email": "m\u{430}ija@b\u{fc}cher.example"}});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let imitation = answer["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to("m\u{430}ija@xn--bcher-kva.example").await.code();
    let verify = format!("/api/v1/requests/{imitation}/verify");
    assert_eq!(app.post_json(&verify, &serde_json::json!({"code": code})).await.status(), 200);
    let plain = verified_request(&app, "jokkerit", "maija@example.fi").await;

    let page = staff.get(&format!("/staff/requests/{imitation}")).await.text().await.unwrap();
    assert!(page.contains("id=\"address-mixes-scripts\""), "flagged");
    assert!(page.contains("mixes Latin and Cyrillic letters"), "names the scripts");
    assert!(page.contains("m\u{430}ija@xn--bcher-kva.example"), "the stored form");
    assert!(page.contains("(written m\u{430}ija@b\u{fc}cher.example)"), "and the Unicode form");

    let page = staff.get(&format!("/staff/requests/{plain}")).await.text().await.unwrap();
    assert!(!page.contains("address-mixes-scripts"), "a one-script address is not flagged");
    assert!(!page.contains("(written "), "nor given a second form");
}
