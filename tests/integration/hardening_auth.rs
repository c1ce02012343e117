//! Sign-in, intake and idempotency under pressure: parallel password guesses, the sign-in form's
//! CSRF pair, weak passwords, a corrected form sent again, idempotency keys of different callers
//! and the answers to requests for a new code.

use chrono::Duration;
use diesel_async::RunQueryDsl;
use dsr_desk::clock::Clock;
use dsr_desk::domain::StaffRole;
use dsr_desk::service::auth::MAX_FAILURES;
use futures_util::future::join_all;
use serde_json::json;

use crate::support::app::{Options, TEST_SECRET, spawn_app_with};
use crate::support::staff::{StaffClient, account, client, login, login_token, post_login};
use crate::support::{logs, spawn_app};

#[tokio::test]
async fn parallel_wrong_guesses_reach_the_password_check_at_most_the_limit_and_then_the_right_one_fails() {
    logs::capture();
    let app = spawn_app().await;
    // Staff ids start at 1 in every test database: this account's id is one no other test has,
    // so that its log lines are this test's.
    let staff_id: i64 = 7_140_001;
    diesel::sql_query(format!("SELECT setval('staff_accounts_id_seq', {})", staff_id - 1))
        .execute(&mut app.db.conn().await)
        .await
        .unwrap();
    let password = account(&app, "racer@shop.fi", StaffRole::Admin, &[]).await;
    let browser = client();
    let token = login_token(&app, &browser).await;

    // 39 wrong guesses and the right password, all at once (the right one sent last).
    let mut guesses: Vec<String> = (0..39).map(|i| format!("wrong-guess-{i}")).collect();
    guesses.push(password.clone());
    let answers =
        join_all(guesses.iter().map(|guess| post_login(&app, &browser, &token, "racer@shop.fi", guess)))
            .await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert!(statuses[..39].iter().all(|s| *s == 401), "{statuses:?}");
    let right_accepted = statuses[39] == 303;

    // Every attempt is counted before any password is checked: within the window even the right
    // password fails now.
    assert_eq!(login(&app, &browser, "racer@shop.fi", &password).await.status(), 401);

    let failed = logs::lines_with(&format!("\"staff_id\":\"{staff_id}\""))
        .into_iter()
        .filter(|l| l.contains("staff sign-in failed"))
        .collect::<Vec<_>>();
    assert_eq!(failed.len(), if right_accepted { 40 } else { 41 }, "every failure is logged");
    let checked = failed.iter().filter(|l| l.contains("\"password_checked\":true")).count();
    let allowed = usize::try_from(MAX_FAILURES).unwrap();
    assert!(checked <= allowed, "{checked} guesses reached the password check; the limit is {allowed}");
    if right_accepted {
        assert!(checked < allowed, "the right password was accepted only within the limit");
    }
}

#[tokio::test]
async fn the_sign_in_form_needs_its_csrf_pair_and_a_refused_post_counts_no_attempt() {
    let app = spawn_app().await;
    let password = account(&app, "guarded@shop.fi", StaffRole::Admin, &[]).await;
    let browser = client();
    let page = browser.get(format!("{}/staff/login", app.address)).send().await.unwrap();
    let cookie = page.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly"), "{cookie}");
    let token = login_token(&app, &browser).await;
    assert!(!token.is_empty());

    // More refused posts than the lock-out allows: none is counted.
    for _ in 0..3 {
        // No token; a wrong token; the right token without its cookie; another browser's token.
        assert_eq!(post_login(&app, &browser, "", "guarded@shop.fi", "wrong").await.status(), 403);
        assert_eq!(post_login(&app, &browser, "00ff", "guarded@shop.fi", "wrong").await.status(), 403);
        assert_eq!(post_login(&app, &client(), &token, "guarded@shop.fi", "wrong").await.status(), 403);
        let other = client();
        login_token(&app, &other).await;
        assert_eq!(post_login(&app, &other, &token, "guarded@shop.fi", "wrong").await.status(), 403);
    }
    // A failed sign-in shows the form again with the same working pair.
    let failed = post_login(&app, &browser, &token, "guarded@shop.fi", "wrong").await;
    assert_eq!(failed.status(), 401);
    assert!(failed.text().await.unwrap().contains(&format!("name=\"csrf\" value=\"{token}\"")));
    assert_eq!(post_login(&app, &browser, &token, "guarded@shop.fi", &password).await.status(), 303);
}

#[tokio::test]
async fn a_common_or_guessable_new_password_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let one_time = account(&app, "weak@shop.fi", StaffRole::Admin, &[]).await;
    let staff = StaffClient::sign_in(&app, "weak@shop.fi", &one_time).await;
    for weak in ["password1234", "qwertyuiop12", "weak@shop.fi2026", "aaaaaaaaaaaaaaaa"] {
        let r =
            staff.post("/staff/password", &[("current", &one_time), ("new", weak), ("confirm", weak)]).await;
        assert_eq!(r.status(), 422, "{weak}");
        assert!(r.text().await.unwrap().contains("The new password is too easy to guess"), "{weak}");
    }
    let strong = "lantern orbit meadow tax";
    let r =
        staff.post("/staff/password", &[("current", &one_time), ("new", strong), ("confirm", strong)]).await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn a_corrected_form_sent_again_is_a_new_request_and_a_double_click_stays_one() {
    let app = spawn_app().await;
    let form = |email: &'static str| {
        [
            ("kind", "inspection"),
            ("name", "Back Button"),
            ("email", email),
            ("lang", "en"),
            ("submission_id", "00112233445566778899aabbccddeeff"),
        ]
    };
    for _ in 0..2 {
        assert_eq!(app.post_form("/r/jokkerit/request", &form("back@exmaple.fi")).await.status(), 303);
    }
    assert_eq!(app.request_count().await, 1, "a double click is one request");
    // Back, the typo corrected, sent again (twice): one new request, and its email is sent.
    for _ in 0..2 {
        assert_eq!(app.post_form("/r/jokkerit/request", &form("back@example.fi")).await.status(), 303);
    }
    assert_eq!(app.request_count().await, 2);
    let mail = app.last_mail_to("back@example.fi").await;
    assert!(!mail.code().is_empty());
}

#[tokio::test]
async fn an_idempotency_key_belongs_to_its_caller_and_is_new_again_after_a_day() {
    let app = spawn_app_with(Options {
        // The test client connects from 127.0.0.1, here a trusted proxy naming two clients.
        overrides: vec![("http.trusted_proxies", json!(["127.0.0.1"]))],
        ..Default::default()
    })
    .await;
    let hasher = dsr_desk::domain::verification::SecretHasher::new(TEST_SECRET);
    let pool = dsr_desk::startup::pool(&app.settings).unwrap();
    let registers = ["jokkerit".to_owned()];
    let now = app.clock.now();
    let (_, shop_key) =
        dsr_desk::service::integrations::create_key(&pool, &hasher, "shop", &registers, None, None, now)
            .await
            .unwrap();
    let shop_key = secrecy::ExposeSecret::expose_secret(&shop_key).to_owned();
    let body = |email: &str| json!({"register": "jokkerit", "kind": "erasure", "requester": {"name": "Keyed", "email": email}});
    let post = async |from: &str, api_key: Option<&str>, email: &str| {
        let mut request = app
            .client
            .post(format!("{}/api/v1/requests", app.address))
            .header("Idempotency-Key", "order-1")
            .header("X-Forwarded-For", from)
            .json(&body(email));
        if let Some(key) = api_key {
            request = request.bearer_auth(key);
        }
        let r = request.send().await.unwrap();
        let status = r.status().as_u16();
        let answer: serde_json::Value = r.json().await.unwrap();
        (status, answer["reference"].as_str().unwrap_or_default().to_owned())
    };
    let first = post("198.51.100.1", None, "first@example.fi").await;
    assert_eq!(first.0, 202);
    // Another address with the same key: its own request, not a refusal.
    let second = post("198.51.100.2", None, "second@example.fi").await;
    assert_eq!(second.0, 202);
    assert_ne!(second.1, first.1);
    // The API key's caller, from the first address: its own scope too.
    let keyed = post("198.51.100.1", Some(&shop_key), "keyed@example.fi").await;
    assert_eq!(keyed.0, 202);
    assert_ne!(keyed.1, first.1);
    assert_eq!(app.request_count().await, 3);
    // Each caller replaying gets its first answer.
    assert_eq!(post("198.51.100.1", None, "first@example.fi").await, first);
    assert_eq!(post("198.51.100.2", None, "second@example.fi").await, second);
    assert_eq!(post("198.51.100.9", Some(&shop_key), "keyed@example.fi").await, keyed);
    assert_eq!(app.request_count().await, 3);

    // A day later the key is new again.
    app.clock.advance(Duration::hours(24));
    let later = post("198.51.100.1", None, "first@example.fi").await;
    assert_eq!(later.0, 202);
    assert_ne!(later.1, first.1);
    assert_eq!(app.request_count().await, 4);
    // The nightly retention job deletes the keys older than a day.
    let mut conn = app.db.conn().await;
    let keys = async |conn: &mut diesel_async::AsyncPgConnection| -> i64 {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        dsr_desk::db::schema::idempotency_keys::table.count().get_result(conn).await.unwrap()
    };
    let before = keys(&mut conn).await;
    app.clock.advance(Duration::hours(1));
    let now = app.clock.now();
    dsr_desk::db::jobs::enqueue(&mut conn, "apply_retention", json!({}), None, now, now).await.unwrap();
    assert_eq!(app.worker.drain().await.unwrap().jobs_done, 1);
    assert_eq!(before - keys(&mut conn).await, 2, "the day-old keys of the second address and the API key");
}

#[tokio::test]
async fn asking_for_a_new_code_answers_the_same_for_a_matching_and_a_wrong_email_at_every_count() {
    let app = spawn_app().await;
    let body = json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "Codes", "email": "codes@example.fi"}});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let api = async |email: &str| {
        let r = app
            .post_json(&format!("/api/v1/requests/{reference}/resend-code"), &json!({"email": email}))
            .await;
        (r.status(), r.bytes().await.unwrap())
    };
    let form = async |email: &str| {
        let r = app
            .post_form("/verify/resend", &[("lang", "en"), ("reference", &reference), ("email", email)])
            .await;
        let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
        (r.status(), location, r.bytes().await.unwrap())
    };
    // Up to the fifth code and beyond it.
    for round in 0..3 {
        assert_eq!(api("codes@example.fi").await, api("not.them@example.fi").await, "API, round {round}");
        assert_eq!(form("codes@example.fi").await, form("not.them@example.fi").await, "form, round {round}");
    }
    let codes =
        app.deliver().await.iter().filter(|m| m.rcpt_to.iter().any(|r| r == "codes@example.fi")).count();
    assert_eq!(codes, 5, "the first code and four new ones: at most five a day");
}
