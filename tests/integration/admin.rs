//! The administration pages: accounts, register scopes, disabling, enabling, password resets, and
//! that nobody but an administrator reaches them.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{staff_accounts, staff_registers, staff_sessions};
use dsr_desk::domain::StaffRole;

use crate::support::app::{TestApp, dsr};
use crate::support::spawn_app;
use crate::support::staff::{
    StaffClient, client, csrf, fill, login, ready_account, ready_password, signed_in, staff_id,
    verified_request,
};

const ADMIN: &str = "admin@shop.fi";

/// Form fields of a case.
type Fields = &'static [(&'static str, &'static str)];

async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> reqwest::Response {
    c.get(format!("{}{path}", app.address)).send().await.unwrap()
}

fn location(r: &reqwest::Response) -> String {
    r.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// The one-time password on a result page.
fn shready_password(html: &str) -> String {
    html.split("<code id=\"one-time-password\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("a password")
        .to_owned()
}

/// A signed-in administrator (password already changed).
async fn admin(app: &TestApp) -> StaffClient {
    StaffClient::ready(app, ADMIN, StaffRole::Admin, &[]).await
}

async fn sessions_of(app: &TestApp, id: i64) -> i64 {
    let mut conn = app.db.conn().await;
    staff_sessions::table.filter(staff_sessions::staff_id.eq(id)).count().get_result(&mut conn).await.unwrap()
}

async fn account_count(app: &TestApp) -> i64 {
    let mut conn = app.db.conn().await;
    staff_accounts::table.count().get_result(&mut conn).await.unwrap()
}

#[tokio::test]
async fn an_admin_creates_a_handler_who_signs_in_with_the_shown_password_and_must_change_it() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let page = admin.get("/staff/admin/").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("href=\"/staff/admin\">Administration</a>"), "the admin's navigation links it");
    assert!(html.contains(ADMIN) && html.contains("value=\"jokkerit\""), "accounts and register boxes");

    let r = admin
        .post(
            "/staff/admin/accounts",
            &[
                ("email", " New.Handler@shop.fi "),
                ("name", "Nina Handler"),
                ("role", "handler"),
                ("register", "jokkerit"),
                ("register", "jerone"),
                ("register", "jokkerit"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store", "the password page is never cached");
    let password = shready_password(&r.text().await.unwrap());
    assert_eq!(password.len(), 20);

    let id = staff_id(&app, "New.Handler@shop.fi").await;
    let mut conn = app.db.conn().await;
    let (role, must_change, hash): (String, bool, String) = staff_accounts::table
        .find(id)
        .select((staff_accounts::role, staff_accounts::must_change_password, staff_accounts::password_hash))
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!((role.as_str(), must_change), ("handler", true));
    assert!(hash.starts_with("$argon2id$") && !hash.contains(&password), "stored only as a hash");
    let grants: Vec<String> = staff_registers::table
        .filter(staff_registers::staff_id.eq(id))
        .select(staff_registers::register_key)
        .order(staff_registers::register_key)
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(grants, ["jerone", "jokkerit"]);

    // The handler signs in with the shown password and must choose their own first.
    let handler = signed_in(&app, "new.handler@shop.fi", &password).await;
    assert_eq!(location(&get(&app, &handler, "/staff/queue").await), "/staff/password");

    let html = admin.get("/staff/admin").await.text().await.unwrap();
    let row = html.split(&format!("id=\"account-{id}\"")).nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("Nina Handler") && row.contains("jerone, jokkerit") && row.contains("must change"));
    assert!(!html.contains(&password), "the password is shown once only");

    // A new administrator, too, replaces the generated password before the admin pages open.
    let form = [("email", "second@shop.fi"), ("name", "Second"), ("role", "admin")];
    let r = admin.post("/staff/admin/accounts", &form).await;
    assert_eq!(r.status(), 200);
    let second = signed_in(&app, "second@shop.fi", &shready_password(&r.text().await.unwrap())).await;
    assert_eq!(location(&get(&app, &second, "/staff/admin").await), "/staff/password");
}

#[tokio::test]
async fn a_scope_change_applies_to_the_handlers_live_session_at_once() {
    let app = spawn_app().await;
    let ref_a = verified_request(&app, "jokkerit", "a@example.fi").await;
    let ref_b = verified_request(&app, "jaccara", "b@example.fi").await;
    let handler = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let admin = admin(&app).await;
    let queue = get(&app, &handler, "/staff/queue").await.text().await.unwrap();
    assert!(queue.contains(&ref_a) && !queue.contains(&ref_b));

    let id = staff_id(&app, "h@shop.fi").await;
    let r = admin.post(&format!("/staff/admin/accounts/{id}/registers"), &[("register", "jaccara")]).await;
    assert_eq!(r.status(), 303);
    let to = location(&r);
    assert_eq!(to, format!("/staff/admin?done=registers&account={id}#account-{id}"));
    let html = admin.get(&to).await.text().await.unwrap();
    assert!(html.contains("Registers of h@shop.fi saved"), "{html}");

    // The same session, no new sign-in: the new scope holds at once.
    let queue = get(&app, &handler, "/staff/queue").await.text().await.unwrap();
    assert!(queue.contains(&ref_b) && !queue.contains(&ref_a));
    assert_eq!(get(&app, &handler, &format!("/staff/requests/{ref_a}")).await.status(), 404);
    assert_eq!(get(&app, &handler, &format!("/staff/requests/{ref_b}")).await.status(), 200);
}

#[tokio::test]
async fn disabling_ends_the_live_session_at_once_and_enabling_lets_the_account_sign_in_again() {
    let app = spawn_app().await;
    let email = "leaver@shop.fi";
    let handler = ready_account(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    let admin = admin(&app).await;
    let id = staff_id(&app, email).await;
    assert_eq!(get(&app, &handler, "/staff/queue").await.status(), 200);

    // The button asks first: a page that says what will happen, and nothing happens yet.
    let r = admin.post(&format!("/staff/admin/accounts/{id}/disable"), &[]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("<h1>Disable leaver@shop.fi?</h1>") && html.contains("Their sessions end at once"));
    assert!(
        html.contains("name=\"confirm\" value=\"yes\"") && html.contains(&format!("/accounts/{id}/disable"))
    );
    assert_eq!(get(&app, &handler, "/staff/queue").await.status(), 200, "still signed in");

    let r = admin.post(&format!("/staff/admin/accounts/{id}/disable"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(sessions_of(&app, id).await, 0, "sessions deleted");
    let r = get(&app, &handler, "/staff/queue").await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/staff/login".to_owned()), "refused at once");
    let html = admin.get(&format!("/staff/admin?done=disabled&account={id}")).await.text().await.unwrap();
    assert!(html.contains("leaver@shop.fi is disabled; their sessions have ended."));
    let row = html.split(&format!("id=\"account-{id}\"")).nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("<td>disabled</td>") && row.contains("/enable"));
    let login = |password: String| {
        let app = &app;
        async move { login(app, &client(), email, &password).await.status() }
    };
    assert_eq!(login(ready_password(email)).await, 401);
    // Disabling twice changes nothing and is no error (a double click).
    let r = admin.post(&format!("/staff/admin/accounts/{id}/disable"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 303);

    let r = admin.post(&format!("/staff/admin/accounts/{id}/enable"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(login(ready_password(email)).await, 303, "signs in again with the same password");
}

#[tokio::test]
async fn a_password_reset_shows_a_new_one_time_password_and_ends_the_accounts_sessions() {
    let app = spawn_app().await;
    let email = "forgetful@shop.fi";
    let handler = ready_account(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    let admin = admin(&app).await;
    let id = staff_id(&app, email).await;

    // Asked first; the old password works until the reset is confirmed.
    let r = admin.post(&format!("/staff/admin/accounts/{id}/reset-password"), &[]).await;
    assert!(r.text().await.unwrap().contains("<h1>Reset the password of forgetful@shop.fi?</h1>"));
    assert_eq!(get(&app, &handler, "/staff/queue").await.status(), 200, "nothing happened yet");
    let r = admin.post(&format!("/staff/admin/accounts/{id}/reset-password"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains(email));
    let password = shready_password(&html);
    assert_eq!(sessions_of(&app, id).await, 0);
    assert_eq!(location(&get(&app, &handler, "/staff/queue").await), "/staff/login", "the old session ended");
    let old = login(&app, &client(), email, &ready_password(email)).await;
    assert_eq!(old.status(), 401, "the old password no longer works");
    let fresh = signed_in(&app, email, &password).await;
    assert_eq!(location(&get(&app, &fresh, "/staff/queue").await), "/staff/password", "must change it");

    // An admin changes their own password on the password page, which asks for the current one.
    let own = staff_id(&app, ADMIN).await;
    let r = admin.post(&format!("/staff/admin/accounts/{own}/reset-password"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("reset your own password by changing it on the Password page"));
    assert_eq!(admin.get("/staff/admin").await.status(), 200, "still signed in");
}

/// Every admin route of the route table with its method, for an account (or key) `id`.
fn admin_routes(id: i64) -> Vec<(reqwest::Method, String)> {
    let routes: Vec<(reqwest::Method, String)> = dsr_desk::http::ROUTES
        .iter()
        .filter(|r| r.access == dsr_desk::http::Access::Admin)
        .map(|r| {
            (reqwest::Method::from_bytes(r.method.as_bytes()).unwrap(), fill(r.path, |_| id.to_string()))
        })
        .collect();
    let mut expected = vec![
        (reqwest::Method::GET, "/staff/admin".to_owned()),
        (reqwest::Method::GET, "/staff/admin/".to_owned()),
        (reqwest::Method::POST, "/staff/admin/accounts".to_owned()),
    ];
    for action in ["registers", "disable", "enable", "reset-password"] {
        expected.push((reqwest::Method::POST, format!("/staff/admin/accounts/{id}/{action}")));
    }
    for route in &expected {
        assert!(routes.contains(route), "{route:?} is in the route table");
    }
    routes
}

#[tokio::test]
async fn handlers_get_404_and_anonymous_users_the_sign_in_page_on_every_admin_route() {
    let app = spawn_app().await;
    let _admin = admin(&app).await;
    let handler = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let token = csrf(&app, &handler, "/staff/queue").await;
    let target = staff_id(&app, ADMIN).await;
    let queue = get(&app, &handler, "/staff/queue").await.text().await.unwrap();
    assert!(!queue.contains("/staff/admin"), "no link for a handler");
    let missing = get(&app, &handler, "/staff/no-such-page").await;
    let missing = (missing.status().as_u16(), missing.text().await.unwrap());
    assert_eq!(missing.0, 404);

    let mut routes = admin_routes(target);
    // Wrong methods and unknown paths inside the area answer the same.
    routes.push((reqwest::Method::POST, "/staff/admin".to_owned()));
    routes.push((reqwest::Method::GET, "/staff/admin/accounts".to_owned()));
    routes.push((reqwest::Method::GET, format!("/staff/admin/accounts/{target}/disable")));
    routes.push((reqwest::Method::POST, "/staff/admin/accounts/x/disable".to_owned()));
    routes.push((reqwest::Method::GET, "/staff/admin/nothing".to_owned()));
    let form = [
        ("csrf", token.as_str()),
        ("email", "sneaky@shop.fi"),
        ("name", "Sneaky"),
        ("role", "admin"),
        ("register", "jaccara"),
    ];
    for (method, path) in routes {
        let url = format!("{}{path}", app.address);
        // With or without the CSRF token: a 403 would tell that the route exists.
        for form in [&form[..], &form[1..]] {
            let r = handler.request(method.clone(), &url).form(form).send().await.unwrap();
            let seen = (r.status().as_u16(), r.text().await.unwrap());
            assert_eq!(seen, missing, "{method} {path}: like a page that does not exist");
        }
        let r = client().request(method.clone(), &url).form(&form).send().await.unwrap();
        assert_eq!((r.status().as_u16(), location(&r)), (303, "/staff/login".to_owned()), "{method} {path}");
    }
    // Nothing changed: no account, the admin still enabled with its password, the handler's scope.
    assert_eq!(account_count(&app).await, 2);
    assert!(sessions_of(&app, target).await > 0);
    let queue_after = get(&app, &handler, "/staff/queue").await;
    assert_eq!(queue_after.status(), 200, "the handler's password was not reset");
    let mut conn = app.db.conn().await;
    let grants: Vec<String> =
        staff_registers::table.select(staff_registers::register_key).load(&mut conn).await.unwrap();
    assert_eq!(grants, ["jokkerit"]);
}

#[tokio::test]
async fn every_admin_form_needs_the_sessions_csrf_token() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let other = ready_account(&app, "other@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let other_token = csrf(&app, &other, "/staff/queue").await;
    let target = staff_id(&app, "other@shop.fi").await;
    for (_, path) in admin_routes(target).into_iter().filter(|(m, _)| m == reqwest::Method::POST) {
        let fields = [("email", "x@shop.fi"), ("name", "X"), ("role", "handler"), ("register", "jaccara")];
        for token in [None, Some(""), Some("00ff"), Some(other_token.as_str())] {
            let mut form = fields.to_vec();
            if let Some(token) = token {
                form.push(("csrf", token));
            }
            let r = admin.send(reqwest::Method::POST, &path, &form).await;
            assert_eq!(r.status(), 403, "{path} with csrf {token:?}");
        }
    }
    assert_eq!(account_count(&app).await, 2);
    assert!(sessions_of(&app, target).await > 0, "not disabled, not reset");
    assert_eq!(get(&app, &other, "/staff/queue").await.status(), 200);
}

#[tokio::test]
async fn bad_input_comes_back_with_a_clear_message_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let handler = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let handler_id = staff_id(&app, "h@shop.fi").await;
    let admin_id = staff_id(&app, ADMIN).await;

    let create: [(Fields, &str); 8] = [
        (
            &[("email", "not-an-email"), ("name", "X"), ("role", "admin")],
            "Email: is not a valid email address.",
        ),
        (&[("email", ""), ("name", "X"), ("role", "admin")], "Email: is required."),
        (&[("email", "x@shop.fi"), ("name", "  "), ("role", "admin")], "Name: is required."),
        (
            &[("email", "x@shop.fi"), ("name", "X"), ("role", "handler")],
            "Registers: a handler needs at least one register.",
        ),
        (
            &[("email", "x@shop.fi"), ("name", "X"), ("role", "admin"), ("register", "jokkerit")],
            "Registers: an admin sees every register; grant none.",
        ),
        (
            &[("email", "x@shop.fi"), ("name", "X"), ("role", "handler"), ("register", "nope")],
            "Registers: unknown or inactive register `nope`.",
        ),
        (
            &[("email", "H@Shop.fi"), ("name", "X"), ("role", "handler"), ("register", "jokkerit")],
            "Email: a staff account with this email already exists.",
        ),
        (&[("email", "x@shop.fi"), ("name", "X"), ("role", "root")], "Role: choose handler or admin."),
    ];
    for (fields, message) in create {
        let r = admin.post("/staff/admin/accounts", fields).await;
        assert_eq!(r.status(), 422, "{fields:?}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&message.replace('`', "&#96;")) || html.contains(message), "{message}\n{html}");
        assert!(html.contains("role=\"alert\""));
        // The form keeps what was typed.
        let email = fields[0].1;
        assert!(html.contains(&format!("name=\"email\" value=\"{email}\"")), "{fields:?}");
    }
    assert_eq!(account_count(&app).await, 2, "nothing created");

    let registers = format!("/staff/admin/accounts/{handler_id}/registers");
    let scopes: [(i64, Fields, &str); 3] = [
        (handler_id, &[], "h@shop.fi: a handler needs at least one register."),
        (handler_id, &[("register", "nope")], "h@shop.fi: unknown or inactive register"),
        (admin_id, &[("register", "jaccara")], "admin@shop.fi: an admin sees every register; grant none."),
    ];
    for (id, fields, message) in scopes {
        let r = admin.post(&format!("/staff/admin/accounts/{id}/registers"), fields).await;
        assert_eq!(r.status(), 422, "{fields:?}");
        assert!(r.text().await.unwrap().contains(message), "{message}");
    }
    let queue = get(&app, &handler, "/staff/queue").await;
    assert_eq!(queue.status(), 200);
    assert!(queue.text().await.unwrap().contains("<option value=\"jokkerit\""), "scope unchanged");
    assert_eq!(
        admin
            .post(&registers.replace(&handler_id.to_string(), "999999"), &[("register", "jokkerit")])
            .await
            .status(),
        404
    );
    assert_eq!(admin.post("/staff/admin/accounts/abc/disable", &[]).await.status(), 404);
    assert_eq!(admin.post(&format!("/staff/admin/accounts/{handler_id}/promote"), &[]).await.status(), 404);
}

#[tokio::test]
async fn an_admin_cannot_disable_themself_nor_anyone_the_last_admin() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let own = staff_id(&app, ADMIN).await;
    let r = admin.post(&format!("/staff/admin/accounts/{own}/disable"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("admin@shop.fi: you cannot disable your own account."));
    assert_eq!(admin.get("/staff/admin").await.status(), 200, "still signed in");

    // The command line uses the same rule: the last enabled administrator stays.
    let out = dsr(&app.db.url, &["staff", "disable", "--email", "ADMIN@shop.fi"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("this is the last enabled administrator"), "{stderr}");
    assert_eq!(admin.get("/staff/admin").await.status(), 200, "not disabled");

    // With a second administrator, one may disable the other, and the survivor is then the last.
    let second = ready_account(&app, "second@shop.fi", StaffRole::Admin, &[]).await;
    let second_id = staff_id(&app, "second@shop.fi").await;
    let r = admin.post(&format!("/staff/admin/accounts/{second_id}/disable"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&get(&app, &second, "/staff/admin").await), "/staff/login");
    let out = dsr(&app.db.url, &["staff", "disable", "--email", ADMIN]);
    assert_eq!(out.status.code(), Some(2));
    // A disabled admin does not count: enabling the second one lets the first go.
    let r = admin.post(&format!("/staff/admin/accounts/{second_id}/enable"), &[]).await;
    assert_eq!(r.status(), 303);
    let out = dsr(&app.db.url, &["staff", "disable", "--email", ADMIN]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(location(&admin.get("/staff/admin").await), "/staff/login");
}
