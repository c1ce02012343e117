//! The suppression API for marketing systems (API keys, check, export) and the retention of closed
//! requests.

use chrono::Duration;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::clock::Clock;
use dsr_desk::domain::StaffRole;
use dsr_desk::domain::verification::SecretHasher;
use secrecy::ExposeSecret;
use serde_json::{Value, json};

use crate::support::app::{Options, TEST_SECRET, TestApp, dsr, spawn_app_with};
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, sign_in_again};

async fn key(app: &TestApp, registers: &[&str]) -> String {
    let pool = dsr_desk::startup::pool(&app.settings).unwrap();
    let registers: Vec<String> = registers.iter().map(|r| r.to_string()).collect();
    let hasher = SecretHasher::new(TEST_SECRET);
    let (_, key) = dsr_desk::service::integrations::create_key(
        &pool,
        &hasher,
        "Newsletter tool",
        &registers,
        None,
        None,
        app.clock.now(),
    )
    .await
    .unwrap();
    key.expose_secret().to_owned()
}

async fn call(app: &TestApp, key: Option<&str>, path: &str) -> (u16, Value) {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    if status == 401 {
        assert_eq!(r.headers()["www-authenticate"], "Bearer");
    }
    (status, r.json().await.unwrap_or(Value::Null))
}

/// A verified objection of `email` (and `phone`) in jokkerit; returns its status-page token.
async fn objection(app: &TestApp, email: &str, phone: &str, purposes: &[&str], channels: &[&str]) -> String {
    let body = json!({
        "register": "jokkerit", "kind": "objection",
        "requester": {"name": "Kalle Kieltäjä", "email": email, "phone": phone},
        "purposes": purposes, "channels": channels
    });
    let answer: Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to(email).await.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
    app.last_mail_to(email).await.token("/status/")
}

#[tokio::test]
async fn the_api_needs_a_valid_key_for_the_register_and_limits_each_key() {
    let app = spawn_app_with(Options {
        overrides: vec![("limits.api_calls_per_hour", json!(4))],
        ..Options::default()
    })
    .await;
    objection(&app, "kalle@example.fi", "", &["direct_advertising"], &["email"]).await;
    let jokkerit = key(&app, &["jokkerit"]).await;
    let jaccara = key(&app, &["jaccara"]).await;
    let path = "/api/v1/suppressions/check?register=jokkerit&email=kalle@example.fi";
    let (status, body) = call(&app, None, path).await;
    assert_eq!(status, 401);
    assert!(!body.to_string().contains("suppressed"));
    assert_eq!(call(&app, Some("dsrk_not-a-key"), path).await.0, 401);
    assert_eq!(call(&app, Some("Basic abc"), path).await.0, 401);
    // Another register's key: the same 404 as an unknown register.
    assert_eq!(call(&app, Some(&jaccara), path).await.0, 404);
    assert_eq!(call(&app, Some(&jaccara), "/api/v1/suppressions?register=jokkerit").await.0, 404);
    assert_eq!(
        call(&app, Some(&jokkerit), "/api/v1/suppressions/check?register=nowhere&email=a@b.fi").await.0,
        404
    );
    let (status, body) = call(&app, Some(&jokkerit), path).await;
    assert_eq!((status, body["suppressed"].clone()), (200, json!(true)));
    // Four calls an hour for this key: the fifth is refused, another key is not affected.
    assert_eq!(call(&app, Some(&jokkerit), path).await.0, 200);
    assert_eq!(call(&app, Some(&jokkerit), path).await.0, 200);
    assert_eq!(call(&app, Some(&jokkerit), path).await.0, 429);
    assert_eq!(call(&app, Some(&jaccara), "/api/v1/suppressions?register=jaccara").await.0, 200);
    // Revoked (with the CLI): 403 at once.
    let listed = dsr(&app.db.url, &["apikey", "list"]);
    let stdout = String::from_utf8_lossy(&listed.stdout).to_string();
    assert!(stdout.contains("Newsletter tool") && !stdout.contains(&jokkerit), "{stdout}");
    let id = stdout.lines().nth(1).unwrap().split('\t').next().unwrap().to_owned();
    assert!(dsr(&app.db.url, &["apikey", "revoke", &id]).status.success());
    app.clock.advance(Duration::hours(1));
    assert_eq!(call(&app, Some(&jokkerit), path).await.0, 403);
    assert_eq!(dsr(&app.db.url, &["apikey", "revoke", &id]).status.code(), Some(2));
    // The CLI refuses unknown registers and prints a working key once.
    let bad = dsr(&app.db.url, &["apikey", "create", "--register", "nowhere", "--name", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nowhere"));
    let made = dsr(&app.db.url, &["apikey", "create", "--register", "jokkerit", "--name", "CRM"]);
    assert!(made.status.success());
    let printed = String::from_utf8_lossy(&made.stdout).to_string();
    let new_key = printed.split_whitespace().find(|w| w.starts_with("dsrk_")).unwrap();
    assert_eq!(call(&app, Some(new_key), path).await.0, 200);
}

#[tokio::test]
async fn a_verified_objection_is_suppressed_for_its_purposes_and_any_writing_of_the_phone() {
    let app = spawn_app().await;
    let status_token = objection(
        &app,
        "Kalle@Example.fi",
        "040 123 4567",
        &["direct_advertising", "distance_selling"],
        &["email", "sms"],
    )
    .await;
    let k = key(&app, &["jokkerit"]).await;
    let check = |query: &'static str| {
        let (app, k) = (&app, k.clone());
        async move { call(app, Some(&k), &format!("/api/v1/suppressions/check?register=jokkerit&{query}")).await }
    };
    let (status, body) = check("email=%20KALLE@example.FI%20&purpose=direct_advertising&channel=email").await;
    assert_eq!(status, 200);
    assert_eq!(body["suppressed"], true);
    assert_eq!(body["purposes"], json!(["direct_advertising", "distance_selling"]));
    assert!(body["reference"].as_str().unwrap().starts_with("DSR-") && body["since"].is_string());
    assert_eq!(check("email=kalle@example.fi&purpose=genealogy").await.1["suppressed"], false);
    assert_eq!(
        check("email=kalle@example.fi&purpose=direct_advertising&channel=post").await.1["suppressed"],
        false
    );
    assert_eq!(check("email=other@example.fi&purpose=direct_advertising").await.1["suppressed"], false);
    for phone in ["%2B358401234567", "0401234567", "040-123%204567", "%2B358%2040%20123%204567"] {
        let body = check(Box::leak(
            format!("phone={phone}&purpose=direct_advertising&channel=sms").into_boxed_str(),
        ))
        .await
        .1;
        assert_eq!(body["suppressed"], true, "{phone}");
    }
    assert_eq!(check("phone=abc").await.0, 422);
    assert_eq!(check("purpose=direct_advertising").await.0, 422);
    assert_eq!(check("email=kalle@example.fi&purpose=spam").await.0, 422);

    // Export: 2 identifiers × 2 purposes × 2 channels, paged.
    let (_, first) = call(&app, Some(&k), "/api/v1/suppressions?register=jokkerit&limit=5").await;
    assert_eq!(first["entries"].as_array().unwrap().len(), 5);
    let next = first["next"].as_i64().unwrap();
    let (_, second) =
        call(&app, Some(&k), &format!("/api/v1/suppressions?register=jokkerit&limit=5&after={next}")).await;
    assert_eq!(second["entries"].as_array().unwrap().len(), 3);
    assert!(second["next"].is_null());
    assert_eq!(call(&app, Some(&k), "/api/v1/suppressions?register=jokkerit&since=yesterday").await.0, 422);

    // Withdrawn: the entries are lifted (with an event), and the export says when.
    app.clock.advance(Duration::minutes(5));
    let r = app.post_form(&format!("/status/{status_token}/withdraw"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(check("email=kalle@example.fi&purpose=direct_advertising").await.1["suppressed"], false);
    let since = (app.clock.now() - Duration::minutes(1)).to_rfc3339().replace('+', "%2B");
    let (_, changed) =
        call(&app, Some(&k), &format!("/api/v1/suppressions?register=jokkerit&since={since}")).await;
    let entries = changed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 8);
    assert!(entries.iter().all(|e| e["lifted_at"].is_string()));

    // Both routes are in the OpenAPI document with the bearer scheme.
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/suppressions/check"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/suppressions"]["get"].is_object());
    assert_eq!(doc["components"]["securitySchemes"]["api_key"]["scheme"], "bearer");
}

#[tokio::test]
async fn the_admin_creates_and_revokes_keys_on_the_page() {
    let app = spawn_app().await;
    let admin = StaffClient::ready(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let handler = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let url = "/staff/admin/api-keys";
    assert_eq!(handler.get(url).await.status(), 404);
    let r = admin.post(url, &[("name", "CRM")]).await;
    assert_eq!(r.status(), 422, "a key needs a register");
    let r = admin
        .send(reqwest::Method::POST, url, &[("csrf", ""), ("name", "CRM"), ("register", "jokkerit")])
        .await;
    assert_eq!(r.status(), 403);
    let r = admin.post(url, &[("name", "CRM"), ("register", "jokkerit")]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let key = page.split("<code id=\"api-key\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let path = "/api/v1/suppressions/check?register=jokkerit&email=a@example.fi";
    assert_eq!(call(&app, Some(&key), path).await.0, 200);
    let listing = admin.get(url).await.text().await.unwrap();
    assert!(listing.contains("CRM") && !listing.contains(&key), "the key is never shown again");
    let id = listing.split("/staff/admin/api-keys/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    assert_eq!(handler.post(&format!("{url}/{id}/revoke"), &[]).await.status(), 404);
    assert_eq!(admin.post(&format!("{url}/{id}/revoke"), &[]).await.status(), 303);
    assert_eq!(call(&app, Some(&key), path).await.0, 403);
}

#[tokio::test]
async fn after_the_retention_period_no_personal_data_of_a_closed_request_remains() {
    let app = spawn_app().await;
    app.worker.register_schedules().await.unwrap();
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    // An inspection with a question, an answer on the status page, a note, a file and its download.
    let body = json!({"register": "jokkerit", "kind": "inspection", "language": "en", "scope": "Orders of Veera Vanhanen",
        "requester": {"name": "Veera Vanhanen", "email": "veera.vanhanen@example.fi", "phone": "0501112223", "customer_number": "C-778899"}});
    let answer: Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to("veera.vanhanen@example.fi").await.code();
    app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    let status_token = app.last_mail_to("veera.vanhanen@example.fi").await.token("/status/");
    let act = |action: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let (h, reference) = (h.clone(), reference.clone());
        async move { h.act(&reference, action, &fields).await.status() }
    };
    assert_eq!(
        act(
            "ask",
            vec![
                ("reason", "identity"),
                ("doubt", "details_do_not_match"),
                ("question", "Veera Vanhanen, what is your customer number?")
            ]
        )
        .await,
        303
    );
    app.post_form(&format!("/status/{status_token}/answer"), &[("answer", "C-778899, Veera Vanhanen")]).await;
    assert_eq!(act("notes", vec![("body", "Veera Vanhanen called")]).await, 303);
    assert_eq!(act("complete", vec![("message", "Dear Veera Vanhanen, here is your data.")]).await, 303);
    app.deliver().await;
    let needles = ["veera.vanhanen@example.fi", "Veera Vanhanen", "C-778899", "501112223"];
    let report = || {
        let out = dsr(&app.db.url, &["report", "--month", "2026-03", "--format", "json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["generated_at"] = Value::Null;
        json
    };
    let report_before = report();
    assert_eq!(report_before["rows"][0]["reference"], json!(reference));
    assert!(!app.db.columns_containing(needles[0]).await.is_empty(), "the data is there before");

    // One day short of three years after closing nothing changes; after it, everything goes.
    app.clock.advance(Duration::days(1094));
    app.deliver().await;
    app.deliver().await;
    assert!(!app.db.columns_containing(needles[1]).await.is_empty());
    app.clock.advance(Duration::days(2));
    app.deliver().await;
    app.deliver().await;
    for needle in needles {
        assert_eq!(app.db.columns_containing(needle).await, Vec::<String>::new(), "{needle}");
    }
    // What the reports need stays: the month's report is the same.
    assert_eq!(report(), report_before);
    let mut conn = app.db.conn().await;
    use dsr_desk::db::schema::requests;
    let kept: (String, String, String, Option<String>) = requests::table
        .filter(requests::reference.eq(&reference))
        .select((requests::kind, requests::status, requests::channel, requests::outcome))
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(kept, ("inspection".into(), "completed".into(), "api".into(), Some("disclosed".into())));
    // The anonymised request still opens for its handler (sessions have long expired: sign in
    // again), without any of the erased data.
    let h = sign_in_again(&app, "h@shop.fi").await;
    let page = h.get(format!("{}/staff/requests/{reference}", app.address)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains(&reference));
    for needle in needles {
        assert!(!page.contains(needle), "{needle} on the request page");
    }
}

#[tokio::test]
async fn export_parameters_beyond_their_range_answer_422_naming_the_field() {
    let app = spawn_app().await;
    let key = key(&app, &["jokkerit"]).await;
    for (query, field) in [
        ("since=0001-01-01T00:00:00Z", "since"),
        ("since=9999-12-31T23:59:59-23:59", "since"),
        ("after=-1", "after"),
        ("after=99999999999999999999", "after"),
        ("after=abc", "after"),
        ("limit=0", "limit"),
        ("limit=99999999999999999999", "limit"),
    ] {
        let (status, body) =
            call(&app, Some(&key), &format!("/api/v1/suppressions?register=jokkerit&{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(body["error"]["fields"][0]["field"], field, "{query}");
    }
    let (status, _) = call(&app, Some(&key), "/api/v1/suppressions?register=jokkerit&after=0&limit=10").await;
    assert_eq!(status, 200);
}

/// A verified objection to direct advertising by email, submitted as `written` and read from the
/// mailbox `delivered_to`.
async fn objection_to(app: &TestApp, written: &str, delivered_to: &str) {
    let body = json!({
        "register": "jokkerit", "kind": "objection",
        "requester": {"name": "Maija Meikäläinen", "email": written},
        "purposes": ["direct_advertising"], "channels": ["email"]
    });
    let answer: Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned();
    let code = app.last_mail_to(delivered_to).await.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn an_objection_under_an_international_domain_matches_its_punycode_form_and_the_reverse() {
    let app = spawn_app().await;
    objection_to(&app, "Maija@Bücher.example", "maija@xn--bcher-kva.example").await;
    objection_to(&app, "pekka@XN--MLLER-KVA.example", "pekka@xn--mller-kva.example").await;
    let k = key(&app, &["jokkerit"]).await;
    for email in ["maija@xn--bcher-kva.example", "maija@b%C3%BCcher.example", "pekka@m%C3%BCller.example"] {
        let (status, body) = call(
            &app,
            Some(&k),
            &format!("/api/v1/suppressions/check?register=jokkerit&email={email}&purpose=direct_advertising"),
        )
        .await;
        assert_eq!(status, 200, "{email}: {body}");
        assert_eq!(body["suppressed"], true, "{email}");
    }
}
