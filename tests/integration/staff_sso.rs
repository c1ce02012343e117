//! Staff single sign-on through a real OpenID provider (`support::oidc`): the verified email
//! address must match an enabled account; an allowed domain may create handler accounts; password
//! sign-in can be switched off; every sign-in and failure is in the audit log.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{audit_events, staff_accounts};
use dsr_desk::domain::StaffRole;
use serde_json::{Value, json};

use crate::support::app::{Options, TestApp, dsr, spawn_app_with};
use crate::support::oidc::{AtProvider, CLIENT_ID, OidcProvider, SECRET_ENV};
use crate::support::staff::{account, client, login_token};

async fn app_with(extra: &[(&'static str, Value)]) -> TestApp {
    let provider = OidcProvider::shared();
    let mut overrides = vec![
        ("staff_sso.issuer", json!(provider.issuer())),
        ("staff_sso.client_id", json!(CLIENT_ID)),
        ("staff_sso.client_secret_env", json!(SECRET_ENV)),
        ("staff_sso.display_name", json!("Test SSO")),
    ];
    overrides.extend_from_slice(extra);
    spawn_app_with(Options { overrides, ..Options::default() }).await
}

/// Signs in through the provider as `account` in the browser `c`; the callback's answer.
async fn sso(app: &TestApp, c: &reqwest::Client, who: &str) -> reqwest::Response {
    let csrf = login_token(app, c).await;
    let start = c
        .post(format!("{}/staff/login/sso", app.address))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let callback = app.at_provider(&TestApp::provider_location(&start), AtProvider::SignIn(who)).await;
    assert!(callback.starts_with("/staff/login/sso/callback?"), "{callback}");
    c.get(format!("{}{callback}", app.address)).send().await.unwrap()
}

async fn audit(app: &TestApp, action: &str) -> Vec<(String, Value)> {
    let mut conn = app.db.conn().await;
    audit_events::table
        .filter(audit_events::action.eq(action))
        .order(audit_events::seq)
        .select((audit_events::subject, audit_events::details))
        .load(&mut conn)
        .await
        .unwrap()
}

fn location(r: &reqwest::Response) -> String {
    r.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
}

#[tokio::test]
async fn an_existing_account_signs_in_by_single_sign_on_without_a_second_factor() {
    let app = app_with(&[]).await;
    // An administrator: a password sign-in would have to enrol a second factor first.
    account(&app, "maija@example.fi", StaffRole::Admin, &[]).await;
    let c = client();
    let page = c.get(format!("{}/staff/login", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Sign in with Test SSO") && page.contains("id=\"password\""), "{page}");
    let done = sso(&app, &c, "maija").await;
    assert_eq!((done.status().as_u16(), location(&done)), (303, "/staff/queue".into()));
    let queue = c.get(format!("{}/staff/queue", app.address)).send().await.unwrap();
    assert_eq!(queue.status(), 200, "no password change, no second factor: {}", location(&queue));
    let admin = c.get(format!("{}/staff/admin", app.address)).send().await.unwrap();
    assert_eq!(admin.status(), 200, "the role is dsr-desk's own");
    let signed_in = audit(&app, "signed_in").await;
    assert_eq!(signed_in.len(), 1);
    assert_eq!(signed_in[0].1["method"], "sso");
}

#[tokio::test]
async fn an_unknown_disabled_or_unverified_address_is_refused_with_the_same_page_and_audited() {
    let app = app_with(&[]).await;
    account(&app, "lauri@example.fi", StaffRole::Handler, &["jokkerit"]).await;
    let out = dsr(&app.db.url, &["staff", "disable", "--email", "lauri@example.fi"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    account(&app, "ulla@example.fi", StaffRole::Handler, &["jokkerit"]).await;
    let mut pages = Vec::new();
    // matti has no account; low (lauri@) a disabled one; unverified (ulla@) no verified address.
    for who in ["matti", "low", "unverified"] {
        let c = client();
        let refused = sso(&app, &c, who).await;
        assert_eq!(refused.status(), 401, "{who}");
        let page = refused.text().await.unwrap();
        assert!(page.contains("Single sign-on failed"), "{who}");
        pages.push(page.split("role=\"alert\">").nth(1).unwrap().split('<').next().unwrap().to_owned());
        assert_eq!(
            c.get(format!("{}/staff/queue", app.address)).send().await.unwrap().status(),
            303,
            "{who}"
        );
    }
    assert!(pages.iter().all(|p| *p == pages[0]), "one message for every failure");
    let failed = audit(&app, "sign_in_failed").await;
    let reasons: Vec<&str> = failed.iter().map(|(_, d)| d["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["no_account", "no_account", "unverified_email"]);
    assert!(failed.iter().all(|(_, d)| d["method"] == "sso"));
    assert!(audit(&app, "signed_in").await.is_empty());
    // A callback with no sign-on behind it, or garbage, is the same refusal (never a 500).
    let c = client();
    for bad in ["/staff/login/sso/callback", "/staff/login/sso/callback?state=x&code=y"] {
        assert_eq!(c.get(format!("{}{bad}", app.address)).send().await.unwrap().status(), 401, "{bad}");
    }
    // The button without the sign-in form's CSRF pair is refused before anything.
    let bare =
        c.post(format!("{}/staff/login/sso", app.address)).form(&[("csrf", "x")]).send().await.unwrap();
    assert_eq!(bare.status(), 403);
}

#[tokio::test]
async fn a_verified_address_of_the_allowed_domain_gets_a_handler_account_without_registers() {
    let app = app_with(&[("staff_sso.allowed_domain", json!("shop.example"))]).await;
    let c = client();
    let done = sso(&app, &c, "newcomer").await;
    assert_eq!(location(&done), "/staff/queue");
    let mut conn = app.db.conn().await;
    let role: String = staff_accounts::table
        .filter(staff_accounts::email.eq("uusi@shop.example"))
        .select(staff_accounts::role)
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(role, "handler");
    let queue = c.get(format!("{}/staff/queue", app.address)).send().await.unwrap();
    assert_eq!(queue.status(), 200);
    let created = audit(&app, "account_created").await;
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].1, json!({"role": "handler", "registers": [], "by": "single_sign_on"}));
    // Another domain is not created.
    let refused = sso(&app, &client(), "matti").await;
    assert_eq!(refused.status(), 401);
}

#[tokio::test]
async fn password_sign_in_can_be_switched_off() {
    let app = app_with(&[("staff_sso.password_sign_in", json!(false))]).await;
    let password = account(&app, "maija@example.fi", StaffRole::Handler, &["jokkerit"]).await;
    let c = client();
    let page = c.get(format!("{}/staff/login", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Sign in with Test SSO") && !page.contains("id=\"password\""), "{page}");
    let csrf = login_token(&app, &c).await;
    let refused = c
        .post(format!("{}/staff/login", app.address))
        .form(&[("csrf", csrf.as_str()), ("email", "maija@example.fi"), ("password", password.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(audit(&app, "signed_in").await.is_empty());
    assert_eq!(location(&sso(&app, &c, "maija").await), "/staff/queue");
}
