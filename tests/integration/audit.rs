//! The audit log: account, key and register changes and views of personal data are recorded
//! with who, when and from where; administrators read and export it; `dsr-desk audit verify`
//! checks every hash chain and names the first break.

use chrono::Duration;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::audit_events;
use dsr_desk::domain::StaffRole;
use serde_json::{Value, json};

use crate::support::app::{TestApp, dsr};
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, client, login, sign_in_again, staff_id, verified_request};

/// (action, actor kind, actor staff id, subject, address) of every record, in order.
async fn records(app: &TestApp) -> Vec<(String, String, Option<i64>, String, Option<String>)> {
    let mut conn = app.db.conn().await;
    audit_events::table
        .order(audit_events::seq)
        .select((
            audit_events::action,
            audit_events::actor_kind,
            audit_events::actor_staff_id,
            audit_events::subject,
            audit_events::address,
        ))
        .load(&mut conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn account_key_and_request_actions_are_recorded_with_who_and_from_where_and_the_admin_reads_them() {
    let app = spawn_app().await;
    let admin = StaffClient::ready(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let handler = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let (admin_id, handler_id) = (staff_id(&app, "admin@shop.fi").await, staff_id(&app, "h@shop.fi").await);
    let reference = verified_request(&app, "jokkerit", "audited@example.fi").await;

    assert_eq!(handler.get(&format!("/staff/requests/{reference}")).await.status(), 200);
    let r = admin
        .post(&format!("/staff/admin/accounts/{handler_id}/registers"), &[("register", "jaccara")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        admin
            .post(&format!("/staff/admin/accounts/{handler_id}/disable"), &[("confirm", "yes")])
            .await
            .status(),
        303
    );
    assert_eq!(admin.post(&format!("/staff/admin/accounts/{handler_id}/enable"), &[]).await.status(), 303);
    assert_eq!(
        admin
            .post(&format!("/staff/admin/accounts/{handler_id}/reset-password"), &[("confirm", "yes")])
            .await
            .status(),
        200
    );
    let r = admin.post("/staff/admin/api-keys", &[("name", "CRM"), ("register", "jokkerit")]).await;
    let page = r.text().await.unwrap();
    let key = page.split("<code id=\"api-key\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let listing = admin.get("/staff/admin/api-keys").await.text().await.unwrap();
    let key_id =
        listing.split("/staff/admin/api-keys/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    // A key's use is recorded once a day, however often it calls.
    let check = format!("{}/api/v1/suppressions/check?register=jokkerit&email=a@example.fi", app.address);
    for _ in 0..3 {
        assert_eq!(app.client.get(&check).bearer_auth(&key).send().await.unwrap().status(), 200);
    }
    app.clock.advance(Duration::days(1));
    assert_eq!(app.client.get(&check).bearer_auth(&key).send().await.unwrap().status(), 200);
    // Sessions end after 12 hours: the next day's work starts with a new sign-in.
    let admin = StaffClient::of(&app, &sign_in_again(&app, "admin@shop.fi").await);
    assert_eq!(admin.post(&format!("/staff/admin/api-keys/{key_id}/revoke"), &[]).await.status(), 303);
    // A failed sign-in names the account when it exists, never an address typed for none.
    assert_eq!(login(&app, &client(), "admin@shop.fi", "not the password").await.status(), 401);
    assert_eq!(login(&app, &client(), "nobody@shop.fi", "not the password").await.status(), 401);

    let all = records(&app).await;
    let staff = |id: i64, action: &str, subject: &str| {
        (action.to_owned(), "staff".to_owned(), Some(id), subject.to_owned(), Some("127.0.0.1".to_owned()))
    };
    let console =
        |action: &str, subject: String| (action.to_owned(), "console".to_owned(), None, subject, None);
    let key_used = || ("api_key_used".to_owned(), "integration".to_owned(), None, key_id.clone(), None);
    let anonymous = |subject: String| {
        ("sign_in_failed".to_owned(), "anonymous".to_owned(), None, subject, Some("127.0.0.1".to_owned()))
    };
    assert_eq!(
        all,
        vec![
            console("account_created", admin_id.to_string()),
            staff(admin_id, "signed_in", &admin_id.to_string()),
            staff(admin_id, "password_changed", &admin_id.to_string()),
            console("account_created", handler_id.to_string()),
            staff(handler_id, "signed_in", &handler_id.to_string()),
            staff(handler_id, "password_changed", &handler_id.to_string()),
            staff(handler_id, "request_viewed", &reference),
            staff(admin_id, "registers_changed", &handler_id.to_string()),
            staff(admin_id, "account_disabled", &handler_id.to_string()),
            staff(admin_id, "account_enabled", &handler_id.to_string()),
            staff(admin_id, "password_reset", &handler_id.to_string()),
            staff(admin_id, "api_key_created", &key_id),
            key_used(),
            key_used(),
            staff(admin_id, "signed_in", &admin_id.to_string()),
            staff(admin_id, "api_key_revoked", &key_id),
            anonymous(admin_id.to_string()),
            anonymous("unknown account".to_owned()),
        ]
    );
    assert!(!format!("{all:?}").contains("nobody@shop.fi"));

    // The page, filtered by person and action.
    let page = admin.get(&format!("/staff/admin/audit?person={admin_id}&action=account_disabled")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<td data-action=\"account_disabled\">account disabled</td>")
            && !html.contains("data-action=\"account_enabled\""),
        "{html}"
    );
    assert_eq!(html.matches("<tr><td>").count(), 1, "one record of the admin's disabling");
    let bad = admin.get("/staff/admin/audit?from=yesterday&action=account_created").await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(html.contains("from: must be a date") && html.contains("value=\"yesterday\""), "{html}");
    // Exports: every matching record.
    let json: Value =
        admin.get("/staff/admin/audit?format=json&action=api_key_used").await.json().await.unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["subject"], json!(key_id));
    let csv = admin.get("/staff/admin/audit?format=csv").await.text().await.unwrap();
    assert!(csv.starts_with("seq,occurred_at,actor,actor_email,action,subject,address,details,hash\r\n"));
    assert_eq!(csv.lines().count(), 1 + all.len());
}

#[tokio::test]
async fn audit_verify_passes_intact_chains_and_names_the_first_altered_request_event_or_audit_record() {
    let app = spawn_app().await;
    let admin = StaffClient::ready(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let reference = verified_request(&app, "jokkerit", "chained@example.fi").await;
    assert_eq!(admin.get(&format!("/staff/requests/{reference}")).await.status(), 200);

    let out = dsr(&app.db.url, &["audit", "verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    // The admin's creation, sign-in and password change, and the view of the request.
    assert!(stdout.contains("intact: 1 requests with 2 events, and 4 audit records"), "{stdout}");

    // Someone who can switch the append-only guard off edits a record of the audit log.
    let mut conn = app.db.conn().await;
    for sql in [
        "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update",
        "UPDATE audit_events SET address = '203.0.113.9' WHERE seq = 4",
    ] {
        diesel::sql_query(sql).execute(&mut conn).await.unwrap();
    }
    let out = dsr(&app.db.url, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "broken: audit record 4: content does not match its hash"
    );

    // A request's events are checked first.
    for sql in [
        "ALTER TABLE request_events DISABLE TRIGGER request_events_no_update",
        "UPDATE request_events SET payload = '{\"channel\": \"web\"}' WHERE seq = 1",
    ] {
        diesel::sql_query(sql).execute(&mut conn).await.unwrap();
    }
    let out = dsr(&app.db.url, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("broken: request {reference}: event 1: content does not match its hash")
    );
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    let app = spawn_app().await;
    StaffClient::ready(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let mut conn = app.db.conn().await;
    for sql in ["UPDATE audit_events SET subject = 'x'", "DELETE FROM audit_events"] {
        let err = diesel::sql_query(sql).execute(&mut conn).await.unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}
