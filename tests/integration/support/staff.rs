//! Staff accounts and sessions for tests: accounts with their passwords, signed-in clients, CSRF
//! tokens read from pages, and verified requests to work on.

use dsr_desk::domain::StaffRole;
use dsr_desk::service::staff::{AddStaff, add};
use secrecy::ExposeSecret;
use serde_json::json;

use super::app::TestApp;

/// Creates an account and returns its password.
pub async fn account(app: &TestApp, email: &str, role: StaffRole, registers: &[&str]) -> String {
    let pool = dsr_desk::startup::pool(&app.settings).unwrap();
    let input = AddStaff {
        email: email.into(),
        name: email.split('@').next().unwrap().into(),
        role,
        registers: registers.iter().map(|r| r.to_string()).collect(),
    };
    add(&pool, input).await.unwrap().expose_secret().to_owned()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap()
}

/// A client signed in as `email` (password changed from the one-time one, so pages open).
pub async fn signed_in(app: &TestApp, email: &str, password: &str) -> reqwest::Client {
    let c = client();
    let r = c
        .post(format!("{}/staff/login", app.address))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "sign-in of {email}");
    c
}

pub async fn csrf(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let html = c.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap();
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no csrf field on {path}:\n{html}"))
        .to_owned()
}

pub async fn ready_account(
    app: &TestApp,
    email: &str,
    role: StaffRole,
    registers: &[&str],
) -> reqwest::Client {
    let one_time = account(app, email, role, registers).await;
    let c = signed_in(app, email, &one_time).await;
    let token = csrf(app, &c, "/staff/password").await;
    let new = ready_password(email);
    let r = c
        .post(format!("{}/staff/password", app.address))
        .form(&[("csrf", token.as_str()), ("current", &one_time), ("new", &new), ("confirm", &new)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    c
}

/// The password `ready_account` gives an account.
pub fn ready_password(email: &str) -> String {
    format!("{email}-long-password")
}

/// A new session of an account made by `ready_account` (sessions end after 12 hours, and tests
/// move the clock by days).
pub async fn sign_in_again(app: &TestApp, email: &str) -> reqwest::Client {
    signed_in(app, email, &ready_password(email)).await
}

/// A verified request in `register`; returns its reference.
pub async fn verified_request(app: &TestApp, register: &str, email: &str) -> String {
    verified_request_of(app, register, email, "inspection").await
}

/// A verified request of `kind` (one without further fields) in `register`; returns its reference.
pub async fn verified_request_of(app: &TestApp, register: &str, email: &str, kind: &str) -> String {
    let body =
        json!({"register": register, "kind": kind, "requester": {"name": "Queue Person", "email": email}});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to(email).await.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
    reference
}

/// POSTs a staff form on the request page's action `action`, with the page's CSRF token.
pub async fn act(
    app: &TestApp,
    c: &reqwest::Client,
    reference: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = csrf(app, c, &format!("/staff/requests/{reference}")).await;
    let mut form = vec![("csrf", token.as_str())];
    form.extend_from_slice(fields);
    c.post(format!("{}/staff/requests/{reference}/{action}", app.address)).form(&form).send().await.unwrap()
}
