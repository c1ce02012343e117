//! Sign-in under pressure: parallel password guesses, the sign-in form's CSRF pair and weak
//! passwords.

use diesel_async::RunQueryDsl;
use dsr_desk::domain::StaffRole;
use dsr_desk::service::auth::MAX_FAILURES;
use futures_util::future::join_all;

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
        assert!(r.text().await.unwrap().contains("the new password is too easy to guess"), "{weak}");
    }
    let strong = "lantern orbit meadow tax";
    let r =
        staff.post("/staff/password", &[("current", &one_time), ("new", strong), ("confirm", strong)]).await;
    assert_eq!(r.status(), 200);
}
