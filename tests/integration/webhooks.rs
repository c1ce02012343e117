//! Objection webhooks: a verified objection to direct marketing is POSTed, signed in the Standard
//! Webhooks form, to a real receiver on loopback that checks the signature with the reference
//! implementation; a receiver that is down gets it after a retry with the same `webhook-id`; a
//! withdrawal sends the lifting event; a refusal is not retried; a register without webhooks sends
//! nothing.

use chrono::{Duration, SecondsFormat};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::clock::Clock;
use dsr_desk::db::schema::{jobs, webhook_attempts, webhook_deliveries};
use dsr_desk::domain::StaffRole;
use serde_json::{Value, json};

use crate::support::app::{Options, TestApp, spawn_app_with};
use crate::support::spawn_app;
use crate::support::staff::StaffClient;
use crate::support::webhooks::{
    Receiver, SECRET, SECRET_ENV, registers_with_webhooks, signature_holds, webhook,
};

/// The app with `webhooks` (TOML) in jokkerit's register file and the secret in the environment.
async fn app_with(webhooks: &str) -> (TestApp, tempfile::TempDir) {
    let dir = registers_with_webhooks(webhooks);
    let app = spawn_app_with(Options {
        registers_dir: Some(dir.path().to_owned()),
        env: vec![(SECRET_ENV, SECRET.to_owned())],
        ..Options::default()
    })
    .await;
    (app, dir)
}

/// A verified objection of `email` in `register`; returns its reference and status-page token.
async fn objection(app: &TestApp, register: &str, email: &str) -> (String, String) {
    let body = json!({
        "register": register, "kind": "objection", "language": "en",
        "requester": {"name": "Kalle Kieltäjä", "email": email, "phone": "040 123 4567"},
        "purposes": ["distance_selling", "direct_advertising"], "channels": ["sms", "email"]
    });
    let answer: Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to(email).await.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
    // Reading the receipt drains the queue: the webhook goes out with it.
    (reference, app.last_mail_to(email).await.token("/status/"))
}

/// `(attempt, status code, error)` of every attempt, in order.
async fn attempts(app: &TestApp) -> Vec<(i32, Option<i32>, Option<String>)> {
    let mut conn = app.db.conn().await;
    webhook_attempts::table
        .select((webhook_attempts::attempt, webhook_attempts::status_code, webhook_attempts::error))
        .order(webhook_attempts::id)
        .load(&mut conn)
        .await
        .unwrap()
}

async fn handler(app: &TestApp) -> StaffClient {
    StaffClient::ready(app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await
}

async fn request_page(h: &StaffClient, reference: &str) -> String {
    h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap()
}

fn rfc3339(app: &TestApp) -> String {
    app.clock.now().to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[tokio::test]
async fn an_objection_is_received_once_signed_and_its_withdrawal_sends_the_lifting_event() {
    let mut receiver = Receiver::new(SECRET);
    let (app, _dir) = app_with(&webhook("crm", &receiver.url(), None)).await;
    receiver.open(&app.clock);
    let (reference, token) = objection(&app, "jokkerit", "Kalle@Example.fi").await;
    let verified_at = rfc3339(&app);
    app.deliver().await;

    let got = receiver.received();
    assert_eq!(got.len(), 1, "received once");
    let recorded = &got[0];
    assert!(recorded.verified, "a valid signature: {recorded:?}");
    assert!(recorded.id.starts_with("msg_"));
    assert_eq!(recorded.timestamp, app.clock.now().timestamp());
    // The documented event: the identifiers as the suppression API matches them, and nothing more.
    let data = json!({
        "register": "jokkerit", "reference": reference, "email": "kalle@example.fi",
        "phone": "+358401234567", "purposes": ["direct_advertising", "distance_selling"],
        "channels": ["email", "sms"]
    });
    assert_eq!(
        recorded.json(),
        json!({"type": "objection.recorded", "timestamp": verified_at, "data": data})
    );
    assert!(!recorded.body.contains("Kalle Kieltäjä"), "no name is sent");
    let page = request_page(&handler(&app).await, &reference).await;
    assert!(
        page.contains("Webhook to crm (objection.recorded): delivered at 2 March 2026 11:00:00"),
        "{page}"
    );

    // Withdrawn five minutes later: the lifting event, a new id, the same identifiers.
    app.clock.advance(Duration::minutes(5));
    assert_eq!(
        app.post_form(&format!("/status/{token}/withdraw"), &[("confirm", "yes")]).await.status(),
        200
    );
    let withdrawn_at = rfc3339(&app);
    app.deliver().await;
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    let lifted = &got[1];
    assert!(lifted.verified && lifted.id != recorded.id, "{lifted:?}");
    assert_eq!(lifted.json(), json!({"type": "objection.lifted", "timestamp": withdrawn_at, "data": data}));
    assert_eq!(attempts(&app).await, [(1, Some(204), None), (1, Some(204), None)]);

    // The receiver's check is real: a changed body or another secret does not verify.
    let holds = |secret: &str, body: &str| {
        signature_holds(secret, &lifted.id, lifted.timestamp, body, &lifted.signature)
    };
    assert!(holds(SECRET, &lifted.body));
    assert!(!holds(SECRET, &lifted.body.replace("kalle@", "ville@")));
    assert!(!holds("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", &lifted.body));
}

#[tokio::test]
async fn a_receiver_that_was_down_gets_the_event_after_retries_under_the_same_id() {
    let mut receiver = Receiver::new(SECRET);
    let (app, _dir) = app_with(&webhook("crm", &receiver.url(), None)).await;
    // Nobody listens: the first attempt fails, and is shown to staff as failing.
    let (reference, _) = objection(&app, "jokkerit", "kalle@example.fi").await;
    assert!(receiver.received().is_empty());
    let first = attempts(&app).await;
    assert_eq!((first.len(), first[0].0, first[0].1), (1, 1, None));
    assert!(first[0].2.as_deref().unwrap().contains("onnect"), "{first:?}");
    let h = handler(&app).await;
    let page = request_page(&h, &reference).await;
    assert!(page.contains("Webhook to crm (objection.recorded): <strong>failing:"), "{page}");
    assert!(page.contains("next at 2 March 2026 11:00:30"), "{page}");
    assert!(!page.contains(&receiver.url()), "the URL is not shown");

    // Up, but overloaded: 503 after the first backoff (30 s), then 60 s more.
    receiver.open(&app.clock);
    receiver.answer_with(503);
    app.clock.advance(Duration::seconds(30));
    app.deliver().await;
    assert_eq!(receiver.received().len(), 1);
    app.clock.advance(Duration::seconds(59));
    app.deliver().await;
    assert_eq!(receiver.received().len(), 1, "not before its backoff");
    receiver.answer_with(0);
    app.clock.advance(Duration::seconds(1));
    app.deliver().await;
    let page = request_page(&h, &reference).await;
    assert!(page.contains("delivered at 2 March 2026 11:01:30 (attempt 3)"), "{page}");
    app.clock.advance(Duration::hours(2));
    app.deliver().await;

    let got = receiver.received();
    assert_eq!(got.len(), 2, "the 503 and the delivery, then nothing more");
    assert!(got.iter().all(|r| r.verified && r.id == got[0].id), "one webhook-id for every attempt: {got:?}");
    assert_eq!(got[1].timestamp - got[0].timestamp, 60, "each attempt is signed at its own time");
    assert_eq!(got[0].body, got[1].body);
    let all = attempts(&app).await;
    let codes: Vec<_> = all.iter().map(|(n, code, _)| (*n, *code)).collect();
    assert_eq!(codes, [(1, None), (2, Some(503)), (3, Some(204))]);
}

#[tokio::test]
async fn a_receiver_refusing_the_signature_is_not_retried_and_staff_see_it_failed() {
    // The receiver holds another secret: it answers 401, a refusal that retrying cannot mend.
    let mut receiver = Receiver::new("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
    let (app, _dir) = app_with(&webhook("crm", &receiver.url(), None)).await;
    app.expect_failed_work();
    receiver.open(&app.clock);
    let (reference, _) = objection(&app, "jokkerit", "kalle@example.fi").await;
    app.clock.advance(Duration::hours(2));
    app.deliver().await;
    let got = receiver.received();
    assert_eq!(got.len(), 1);
    assert!(!got[0].verified);
    assert_eq!(attempts(&app).await, [(1, Some(401), None)]);
    let mut conn = app.db.conn().await;
    let job: String = jobs::table
        .filter(jobs::kind.eq("deliver_webhook"))
        .select(jobs::status)
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(job, "dead");
    let page = request_page(&handler(&app).await, &reference).await;
    assert!(page.contains("<strong>failed: HTTP 401</strong>, not retried after 1 attempt(s)"), "{page}");
}

#[tokio::test]
async fn only_the_events_an_endpoint_wants_are_sent_and_a_register_without_webhooks_sends_nothing() {
    let mut receiver = Receiver::new(SECRET);
    let hook = webhook("mailer", &receiver.url(), Some("\"objection.lifted\""));
    let (app, _dir) = app_with(&hook).await;
    receiver.open(&app.clock);
    // Jaccara has no webhooks; jokkerit's endpoint wants only liftings.
    let (_, jaccara) = objection(&app, "jaccara", "a@example.fi").await;
    let (_, jokkerit) = objection(&app, "jokkerit", "b@example.fi").await;
    assert!(receiver.received().is_empty());
    app.post_form(&format!("/status/{jaccara}/withdraw"), &[("confirm", "yes")]).await;
    app.post_form(&format!("/status/{jokkerit}/withdraw"), &[("confirm", "yes")]).await;
    app.deliver().await;
    let got = receiver.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json()["type"], "objection.lifted");
    assert_eq!(got[0].json()["data"]["email"], "b@example.fi");

    // The shipped registers have no webhooks: nothing is queued.
    let plain = spawn_app().await;
    objection(&plain, "jokkerit", "c@example.fi").await;
    let mut conn = plain.db.conn().await;
    let queued: i64 = webhook_deliveries::table.count().get_result(&mut conn).await.unwrap();
    let jobs_queued: i64 =
        jobs::table.filter(jobs::kind.eq("deliver_webhook")).count().get_result(&mut conn).await.unwrap();
    assert_eq!((queued, jobs_queued), (0, 0));
}
