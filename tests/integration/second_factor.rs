//! The second factor of password sign-in: enrolment with a QR code and recovery codes, the code
//! step of sign-in, its lock-out and expiry, the admin requirement, resets by another admin or at
//! the console, and the audit log of each change.

use chrono::Duration;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::clock::Clock;
use dsr_desk::db::schema::{audit_events, staff_accounts, staff_recovery_codes, staff_sign_in_challenges};
use dsr_desk::domain::StaffRole;
use serde_json::json;

use crate::support::app::{Options, TestApp, dsr, spawn_app, spawn_app_with};
use crate::support::staff::{StaffClient, client, fill, login, ready_password, staff_id, verified_request};

/// A test app with the shipped setting: administrators must have a second factor.
async fn app_requiring_totp() -> TestApp {
    spawn_app_with(Options {
        overrides: vec![("security.require_totp_for_admins", json!(true))],
        ..Default::default()
    })
    .await
}

/// An authenticator app holding the key shown at enrolment.
struct Authenticator(totp_rs::Totp);

impl Authenticator {
    fn of_key(key: &str) -> Self {
        let secret = totp_rs::Secret::try_from_base32(key.replace(' ', "")).unwrap();
        Authenticator(totp_rs::Builder::new().with_secret(secret.as_ref().to_vec()).build().unwrap())
    }

    /// The code it shows at the app's current time.
    fn code(&self, app: &TestApp) -> String {
        self.0.generate(app.clock.now().timestamp() as u64).to_string()
    }
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    html.split(start).nth(1)?.split(end).next()
}

/// Enrols the signed-in `staff`: returns their app and the recovery codes shown once.
async fn enrol(app: &TestApp, staff: &StaffClient) -> (Authenticator, Vec<String>) {
    let page = staff.get("/staff/second-factor").await.text().await.unwrap();
    assert!(page.contains("<svg"), "a QR code: {page}");
    let key = between(&page, "<code id=\"key\">", "</code>").expect("the key to type");
    let authenticator = Authenticator::of_key(key);
    let r = staff.post("/staff/second-factor/enable", &[("code", &authenticator.code(app))]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .filter_map(|s| s.split("</code>").next())
        .map(str::to_owned)
        .collect();
    assert_eq!(codes.len(), 10, "ten recovery codes: {page}");
    (authenticator, codes)
}

/// Posts the password of a `ready` account in a new browser: the response and the browser.
async fn password_step(app: &TestApp, email: &str) -> (reqwest::Response, StaffClient) {
    let c = client();
    let r = login(app, &c, email, &ready_password(email)).await;
    (r, StaffClient::of(app, &c))
}

/// Opens the code page of `browser` and posts `code` on it.
async fn code_step(app: &TestApp, browser: &StaffClient, code: &str) -> reqwest::Response {
    let token = code_page_token(browser).await;
    post_code(app, browser, &token, code).await
}

/// The form token of the code page `browser` shows.
async fn code_page_token(browser: &StaffClient) -> String {
    let page = browser.get("/staff/login/code").await.text().await.unwrap();
    between(&page, "name=\"csrf\" value=\"", "\"").unwrap_or("").to_owned()
}

/// Posts `code` with the code page's form `token`.
async fn post_code(app: &TestApp, browser: &StaffClient, token: &str, code: &str) -> reqwest::Response {
    browser
        .http
        .post(format!("{}/staff/login/code", app.address))
        .form(&[("csrf", token), ("code", code)])
        .send()
        .await
        .unwrap()
}

fn location(r: &reqwest::Response) -> Option<String> {
    r.headers().get("location").map(|l| l.to_str().unwrap().to_owned())
}

async fn audit_actions(app: &TestApp) -> Vec<(String, String, serde_json::Value)> {
    let mut conn = app.db.conn().await;
    audit_events::table
        .order(audit_events::seq)
        .select((audit_events::action, audit_events::subject, audit_events::details))
        .load(&mut conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_shipped_settings_require_a_second_factor_of_administrators() {
    use dsr_desk::config::Settings;
    let figment = Settings::figment(crate::support::app::project_root())
        .merge(figment::providers::Serialized::default("security.secret_key", "s".repeat(40)));
    let settings = Settings::from_figment(figment).unwrap();
    assert!(settings.security.require_totp_for_admins);
}

#[tokio::test]
async fn an_administrator_adds_a_second_factor_before_any_other_staff_page_opens() {
    use dsr_desk::http::{Access, ROUTES};
    let app = app_requiring_totp().await;
    let reference = verified_request(&app, "jokkerit", "p@example.fi").await;
    let admin = StaffClient::ready(&app, "boss@shop.fi", StaffRole::Admin, &[]).await;
    let token = admin.token().await;
    let guarded: Vec<_> =
        ROUTES.iter().filter(|r| matches!(r.access, Access::Staff | Access::Admin)).collect();
    assert!(guarded.len() >= 25, "{guarded:?}");
    for route in guarded {
        let path = fill(route.path, |name| if name == "reference" { reference.clone() } else { "1".into() });
        let method = reqwest::Method::from_bytes(route.method.as_bytes()).unwrap();
        let fields = [("csrf", token.as_str()), ("body", "x"), ("reasons", "x"), ("method", "known_phone")];
        let fields = if route.needs_csrf() { &fields[..] } else { &[][..] };
        let r = admin.send(method, &path, fields).await;
        assert_eq!(
            (r.status().as_u16(), location(&r).as_deref()),
            (303, Some("/staff/second-factor")),
            "{} {}",
            route.method,
            route.path
        );
    }
    let page = admin.get("/staff/second-factor").await.text().await.unwrap();
    assert!(page.contains("Administrators must add a second factor"), "{page}");
    // A handler is not required to.
    let handler = StaffClient::ready(&app, "hand@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    assert_eq!(handler.get("/staff/queue").await.status(), 200);
    // Once the app is added, every page opens in the same session.
    let (_, _) = enrol(&app, &admin).await;
    assert_eq!(admin.get("/staff/queue").await.status(), 200);
    assert_eq!(admin.get("/staff/admin").await.status(), 200);
    // Administrators must keep it.
    let r = admin.post("/staff/second-factor/disable", &[("code", "123456")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("must keep a second factor"));
}

#[tokio::test]
async fn sign_in_asks_for_the_apps_code_after_the_password_and_accepts_each_code_once() {
    let app = spawn_app().await;
    let email = "maija@shop.fi";
    let staff = StaffClient::ready(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    let (authenticator, _) = enrol(&app, &staff).await;
    // The code that confirmed the app is used up: sign in at its next step.
    app.clock.advance(Duration::seconds(30));

    let (r, browser) = password_step(&app, email).await;
    assert_eq!((r.status().as_u16(), location(&r).as_deref()), (303, Some("/staff/login/code")));
    // The password alone opens nothing.
    let queue = browser.get("/staff/queue").await;
    assert_eq!(location(&queue).as_deref(), Some("/staff/login"));
    let page = browser.get("/staff/login/code").await;
    assert_eq!(page.status(), 200);
    // A wrong code: the page again, 401.
    let wrong = if authenticator.code(&app) == "000000" { "111111" } else { "000000" };
    let r = code_step(&app, &browser, wrong).await;
    assert_eq!(r.status(), 401);
    assert!(r.text().await.unwrap().contains("The code is not correct"));
    let code = authenticator.code(&app);
    let r = code_step(&app, &browser, &code).await;
    assert_eq!((r.status().as_u16(), location(&r).as_deref()), (303, Some("/staff/queue")));
    assert_eq!(browser.get("/staff/queue").await.status(), 200);

    // The same code does not open a second sign-in (RFC 6238 §5.2); the next step's code does.
    let (_, second) = password_step(&app, email).await;
    assert_eq!(code_step(&app, &second, &code).await.status(), 401);
    app.clock.advance(Duration::seconds(30));
    let r = code_step(&app, &second, &authenticator.code(&app)).await;
    assert_eq!(r.status(), 303);
    assert_eq!(second.get("/staff/queue").await.status(), 200);

    // Without a waiting sign-in the code page leads back to the password.
    let stranger = StaffClient::of(&app, &client());
    assert_eq!(location(&stranger.get("/staff/login/code").await).as_deref(), Some("/staff/login"));
    // A code posted without the sign-in form's token is refused before it is checked.
    let r = second
        .http
        .post(format!("{}/staff/login/code", app.address))
        .form(&[("code", "123456")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let signed_in: Vec<_> =
        audit_actions(&app).await.into_iter().filter(|(action, _, _)| action == "signed_in").collect();
    assert_eq!(signed_in.last().unwrap().2["method"], "password_totp");
    assert!(
        audit_actions(&app).await.iter().any(|(a, _, d)| a == "sign_in_failed" && d["second_factor"] == true)
    );
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_the_page_says_how_many_are_left() {
    let app = spawn_app().await;
    let email = "lost@shop.fi";
    let staff = StaffClient::ready(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    let (_, codes) = enrol(&app, &staff).await;
    let (_, browser) = password_step(&app, email).await;
    // Typed as people type: upper case, spaces around.
    let r = code_step(&app, &browser, &format!("  {}  ", codes[0].to_uppercase())).await;
    assert_eq!((r.status().as_u16(), location(&r).as_deref()), (303, Some("/staff/second-factor")));
    let page = browser.get("/staff/second-factor").await.text().await.unwrap();
    assert!(page.contains("<strong id=\"codes-left\">9</strong>"), "{page}");
    let (_, again) = password_step(&app, email).await;
    assert_eq!(code_step(&app, &again, &codes[0]).await.status(), 401, "used up");
    assert_eq!(code_step(&app, &again, &codes[1]).await.status(), 303);
    let used = audit_actions(&app).await.iter().filter(|(a, _, _)| a == "recovery_code_used").count();
    assert_eq!(used, 2);
}

#[tokio::test]
async fn wrong_codes_count_against_the_sign_in_lock_out_and_a_waiting_sign_in_expires() {
    let app = spawn_app().await;
    let email = "guess@shop.fi";
    let staff = StaffClient::ready(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    let (authenticator, _) = enrol(&app, &staff).await;
    app.clock.advance(Duration::seconds(30));
    let (_, browser) = password_step(&app, email).await;
    let wrong = if authenticator.code(&app) == "000000" { "111111" } else { "000000" };
    // The password's attempt and each wrong code count in the account's window of five: the
    // sign-in must start over before a sixth guess.
    let mut tries = 0;
    loop {
        tries += 1;
        let token = code_page_token(&browser).await;
        let r = post_code(&app, &browser, &token, wrong).await;
        assert_eq!(r.status(), 401);
        if r.text().await.unwrap().contains("sign in with your password again") {
            break;
        }
        assert!(tries < 5, "more than four wrong codes taken");
    }
    assert_eq!(tries, 5, "four wrong codes are told apart, the fifth ends the sign-in");
    assert_eq!(location(&browser.get("/staff/login/code").await).as_deref(), Some("/staff/login"));
    // The right password is locked now too, until the window ends.
    let (r, _) = password_step(&app, email).await;
    assert_eq!(r.status(), 401, "locked");
    app.clock.advance(Duration::minutes(16));
    let (r, browser) = password_step(&app, email).await;
    assert_eq!(location(&r).as_deref(), Some("/staff/login/code"));
    // A password accepted over five minutes ago is no longer waiting, whatever the page says.
    let token = code_page_token(&browser).await;
    app.clock.advance(Duration::minutes(6));
    let r = post_code(&app, &browser, &token, &authenticator.code(&app)).await;
    assert_eq!(r.status(), 401);
    assert!(r.text().await.unwrap().contains("Your sign-in has expired"));
    // The daily retention run removes sign-ins that waited in vain.
    let waiting = || async {
        let mut conn = app.db.conn().await;
        staff_sign_in_challenges::table.count().get_result::<i64>(&mut conn).await.unwrap()
    };
    assert_eq!(waiting().await, 1);
    app.worker.register_schedules().await.unwrap();
    app.clock.advance(Duration::days(1));
    app.deliver().await;
    app.deliver().await;
    assert_eq!(waiting().await, 0);
}

#[tokio::test]
async fn recovery_codes_are_renewed_and_the_factor_turned_off_only_with_a_current_code() {
    let app = spawn_app().await;
    let email = "renew@shop.fi";
    let staff = StaffClient::ready(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    let (authenticator, old_codes) = enrol(&app, &staff).await;
    app.clock.advance(Duration::seconds(30));
    let r = staff.post("/staff/second-factor/recovery-codes", &[("code", "12345")]).await;
    assert_eq!(r.status(), 422);
    let r = staff.post("/staff/second-factor/recovery-codes", &[("code", &authenticator.code(&app))]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let new_codes: Vec<&str> =
        page.split("<li><code>").skip(1).filter_map(|s| s.split("</code>").next()).collect();
    assert_eq!(new_codes.len(), 10);
    let (_, browser) = password_step(&app, email).await;
    assert_eq!(code_step(&app, &browser, &old_codes[0]).await.status(), 401, "old codes stop working");
    assert_eq!(code_step(&app, &browser, new_codes[0]).await.status(), 303);

    app.clock.advance(Duration::seconds(30));
    let r = browser.post("/staff/second-factor/disable", &[("code", &authenticator.code(&app))]).await;
    assert_eq!(r.status(), 200);
    let (r, _) = password_step(&app, email).await;
    assert_eq!(location(&r).as_deref(), Some("/staff/queue"), "the password alone again");
    let actions: Vec<String> = audit_actions(&app).await.into_iter().map(|(a, _, _)| a).collect();
    for action in ["second_factor_enabled", "recovery_codes_renewed", "second_factor_disabled"] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
}

#[tokio::test]
async fn another_administrator_or_the_console_resets_a_lost_second_factor() {
    let app = app_requiring_totp().await;
    let admin = StaffClient::ready(&app, "boss@shop.fi", StaffRole::Admin, &[]).await;
    enrol(&app, &admin).await;
    let email = "phone-lost@shop.fi";
    let staff = StaffClient::ready(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    enrol(&app, &staff).await;
    let id = staff_id(&app, email).await;
    let page = admin.get("/staff/admin").await.text().await.unwrap();
    assert!(page.contains(&format!("/staff/admin/accounts/{id}/reset-second-factor")), "{page}");
    // Not one's own: that is what the recovery codes are for.
    let own = staff_id(&app, "boss@shop.fi").await;
    let r =
        admin.post(&format!("/staff/admin/accounts/{own}/reset-second-factor"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 422);

    let r =
        admin.post(&format!("/staff/admin/accounts/{id}/reset-second-factor"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&staff.get("/staff/queue").await).as_deref(), Some("/staff/login"), "sessions ended");
    let (r, _) = password_step(&app, email).await;
    assert_eq!(location(&r).as_deref(), Some("/staff/queue"), "the password alone");
    let admin_id = own.to_string();
    let reset = audit_actions(&app).await.into_iter().find(|(a, _, _)| a == "second_factor_reset_by_admin");
    assert_eq!(reset.map(|(_, subject, _)| subject), Some(id.to_string()));
    let mut conn = app.db.conn().await;
    let actor: Option<i64> = audit_events::table
        .filter(audit_events::action.eq("second_factor_reset_by_admin"))
        .select(audit_events::actor_staff_id)
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(actor.map(|a| a.to_string()), Some(admin_id));

    // The only administrator who lost both app and codes: the operator at the console.
    let out = dsr(&app.db.url, &["staff", "reset-second-factor", "--email", "boss@shop.fi"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let enabled: Option<chrono::DateTime<chrono::Utc>> = staff_accounts::table
        .filter(staff_accounts::email.eq("boss@shop.fi"))
        .select(staff_accounts::totp_enabled_at)
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(enabled, None);
    let out = dsr(&app.db.url, &["staff", "reset-second-factor", "--email", "nobody@shop.fi"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--email"));
}

#[tokio::test]
async fn the_key_is_stored_encrypted_and_recovery_codes_only_as_keyed_hashes() {
    let app = spawn_app().await;
    let email = "vault@shop.fi";
    let staff = StaffClient::ready(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    let page = staff.get("/staff/second-factor").await.text().await.unwrap();
    let key = between(&page, "<code id=\"key\">", "</code>").unwrap().replace(' ', "");
    // The same key until it is confirmed: a reload does not invalidate what was scanned.
    let again = staff.get("/staff/second-factor").await.text().await.unwrap();
    assert!(again.contains(between(&page, "<code id=\"key\">", "</code>").unwrap()));
    let (_, codes) = enrol(&app, &staff).await;
    let secret = totp_rs::Secret::try_from_base32(&key).unwrap().as_ref().to_vec();
    let mut conn = app.db.conn().await;
    let stored: Option<Vec<u8>> = staff_accounts::table
        .filter(staff_accounts::email.eq(email))
        .select(staff_accounts::totp_secret)
        .first(&mut conn)
        .await
        .unwrap();
    let stored = stored.expect("a stored secret");
    assert!(!stored.windows(secret.len()).any(|w| w == secret.as_slice()), "not in plain text");
    assert!(!stored.windows(key.len()).any(|w| w == key.as_bytes()));
    let hashes: Vec<Vec<u8>> =
        staff_recovery_codes::table.select(staff_recovery_codes::code_hash).load(&mut conn).await.unwrap();
    assert_eq!(hashes.len(), 10);
    for code in &codes {
        let plain = code.replace('-', "");
        assert!(hashes.iter().all(|h| !h.windows(plain.len()).any(|w| w == plain.as_bytes())));
    }
}
