//! Staff accounts and sessions for tests: accounts with their passwords, signed-in clients, CSRF
//! tokens read from pages, a [`StaffClient`] that posts forms with its session's token, and
//! verified requests to work on.

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
    add(&pool, input, dsr_desk::service::audit::AuditActor::Console, None)
        .await
        .unwrap()
        .expose_secret()
        .to_owned()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap()
}

/// The CSRF token of the sign-in form as `c` sees it (the page sets its cookie in `c`); empty if
/// the page has none (the post is then refused).
pub async fn login_token(app: &TestApp, c: &reqwest::Client) -> String {
    let html = c.get(format!("{}/staff/login", app.address)).send().await.unwrap().text().await.unwrap();
    html.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("").to_owned()
}

/// Posts the sign-in form with `token` (from [`login_token`] of the same client).
pub async fn post_login(
    app: &TestApp,
    c: &reqwest::Client,
    token: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    c.post(format!("{}/staff/login", app.address))
        .form(&[("csrf", token), ("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

/// Opens the sign-in page in `c` and signs in as a browser would.
pub async fn login(app: &TestApp, c: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    let token = login_token(app, c).await;
    post_login(app, c, &token, email, password).await
}

/// A client signed in as `email` (password changed from the one-time one, so pages open).
pub async fn signed_in(app: &TestApp, email: &str, password: &str) -> reqwest::Client {
    let c = client();
    let r = login(app, &c, email, password).await;
    assert_eq!(r.status(), 303, "sign-in of {email}");
    c
}

/// The CSRF token on the page at `path`.
pub async fn csrf(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    csrf_of(c, &app.address, path).await
}

async fn csrf_of(c: &reqwest::Client, address: &str, path: &str) -> String {
    let html = c.get(format!("{address}{path}")).send().await.unwrap().text().await.unwrap();
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
    assert_eq!(r.status(), 303, "the one-time password replaced, on to the queue");
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

/// A request through the API with `body` (its `requester.email` receives the code), verified;
/// returns its reference.
pub async fn verified_request_with(app: &TestApp, body: serde_json::Value) -> String {
    let email = body["requester"]["email"].as_str().expect("requester.email").to_owned();
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned();
    let code = app.last_mail_to(&email).await.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
    reference
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
    StaffClient::of(app, c).act(reference, action, fields).await
}

/// A staff member's browser: signed in, it reads its session's CSRF token from a page and posts
/// forms with it.
#[derive(Clone)]
pub struct StaffClient {
    pub http: reqwest::Client,
    address: String,
}

impl StaffClient {
    /// The browser of the signed-in client `http`.
    pub fn of(app: &TestApp, http: &reqwest::Client) -> Self {
        Self { http: http.clone(), address: app.address.clone() }
    }

    /// Signs in as `email` (with whatever password the account has now).
    pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> Self {
        Self::of(app, &signed_in(app, email, password).await)
    }

    /// An account of `role` whose one-time password is already replaced, signed in.
    pub async fn ready(app: &TestApp, email: &str, role: StaffRole, registers: &[&str]) -> Self {
        Self::of(app, &ready_account(app, email, role, registers).await)
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(format!("{}{path}", self.address)).send().await.unwrap()
    }

    /// The session's CSRF token, read from the password page (open to every signed-in member).
    pub async fn token(&self) -> String {
        csrf_of(&self.http, &self.address, "/staff/password").await
    }

    /// `method path` with `fields` as a form, without a token.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.http.request(method, format!("{}{path}", self.address)).form(fields).send().await.unwrap()
    }

    /// POSTs `fields` to `path` with the session's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.token().await;
        let mut form = vec![("csrf", token.as_str())];
        form.extend_from_slice(fields);
        self.send(reqwest::Method::POST, path, &form).await
    }

    /// POSTs `fields` to the action `action` of the request `reference`.
    pub async fn act(&self, reference: &str, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.post(&format!("/staff/requests/{reference}/{action}"), fields).await
    }
}

/// `path` of a route pattern with each `{name}` or `{name:regex}` segment replaced by
/// `value(name)`.
pub fn fill(pattern: &str, value: impl Fn(&str) -> String) -> String {
    pattern
        .split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => value(param.split(':').next().unwrap_or(param)),
            None => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The id of the account with `email`.
pub async fn staff_id(app: &TestApp, email: &str) -> i64 {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use dsr_desk::db::schema::staff_accounts;
    let mut conn = app.db.conn().await;
    staff_accounts::table
        .filter(staff_accounts::email.eq(email))
        .select(staff_accounts::id)
        .first(&mut conn)
        .await
        .unwrap()
}
