//! Staff sign-in, sessions, CSRF, the register scope of every staff route, and the queue.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::domain::StaffRole;

use crate::support::spawn_app;
use crate::support::staff::{
    StaffClient, account, client, fill, login, login_token, post_login, ready_account, signed_in,
    verified_request,
};

#[tokio::test]
async fn sign_in_failures_and_lockout_say_the_same_for_known_and_unknown_accounts() {
    let app = spawn_app().await;
    let password = account(&app, "known@shop.fi", StaffRole::Admin, &[]).await;
    // One browser: the form's CSRF token is the same on every answer.
    let browser = client();
    let token = login_token(&app, &browser).await;
    let attempt = |email: &'static str, password: String| {
        let (app, browser, token) = (&app, &browser, &token);
        async move {
            let r = post_login(app, browser, token, email, &password).await;
            // The form echoes the address typed; everything else must be identical.
            (r.status().as_u16(), r.text().await.unwrap().replace(email, "EMAIL"))
        }
    };
    let wrong_known = attempt("known@shop.fi", "wrong".into()).await;
    let wrong_unknown = attempt("nobody@shop.fi", "wrong".into()).await;
    assert_eq!(wrong_known.0, 401);
    assert_eq!(wrong_known, wrong_unknown, "the same answer for known and unknown accounts");
    for _ in 0..4 {
        attempt("known@shop.fi", "wrong".into()).await;
        attempt("nobody@shop.fi", "wrong".into()).await;
    }
    // Locked now: even the right password fails, with the same page as an unknown account.
    let locked = attempt("known@shop.fi", password.clone()).await;
    assert_eq!(locked, attempt("nobody@shop.fi", "wrong".into()).await);
    // The lock-out is time-limited.
    app.clock.advance(chrono::Duration::minutes(dsr_desk::service::auth::LOCKOUT_MINUTES));
    assert_eq!(attempt("known@shop.fi", password).await.0, 303);
}

#[tokio::test]
async fn sessions_are_revoked_by_logout_and_password_change_and_forms_need_csrf() {
    let app = spawn_app().await;
    let one_time = account(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let first = StaffClient::sign_in(&app, "admin@shop.fi", &one_time).await;
    let second = signed_in(&app, "admin@shop.fi", &one_time).await;
    // A generated password must be changed before the queue opens.
    assert_eq!(first.get("/staff/queue").await.headers()["location"], "/staff/password");

    // Without or with a wrong CSRF token the change is refused.
    let new = "a-brand-new-password";
    for token in ["", "00ff"] {
        let form = [("csrf", token), ("current", one_time.as_str()), ("new", new), ("confirm", new)];
        assert_eq!(first.send(reqwest::Method::POST, "/staff/password", &form).await.status(), 403);
    }
    let r = first
        .post("/staff/password", &[("current", one_time.as_str()), ("new", new), ("confirm", new)])
        .await;
    // The generated password replaced, the browser goes on to the queue.
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/staff/queue"));
    assert_eq!(first.get("/staff/queue").await.status(), 200);
    // A later change of one's own choosing stays on the password page, saying it is done.
    let newer = "an-even-newer-password";
    let r = first.post("/staff/password", &[("current", new), ("new", newer), ("confirm", newer)]).await;
    assert_eq!(r.status(), 200);
    // The other session was revoked at once.
    let r = second.get(format!("{}/staff/queue", app.address)).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/staff/login"));

    assert_eq!(first.post("/staff/logout", &[]).await.status(), 303);
    assert_eq!(first.get("/staff/queue").await.status(), 303, "signed out");
}

#[tokio::test]
async fn a_handler_sees_only_the_registers_granted_on_every_staff_route() {
    let app = spawn_app().await;
    let ref_a = verified_request(&app, "jokkerit", "a@example.fi").await;
    let ref_b = verified_request(&app, "jaccara", "b@example.fi").await;
    let handler_a = ready_account(&app, "ha@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let handler_b = ready_account(&app, "hb@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    let admin = ready_account(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let anonymous = client();

    let status = |c: &reqwest::Client, path: String| {
        let c = c.clone();
        let address = app.address.clone();
        async move { c.get(format!("{address}{path}")).send().await.unwrap().status().as_u16() }
    };
    let page_a = format!("/staff/requests/{ref_a}");
    assert_eq!(status(&anonymous, page_a.clone()).await, 303);
    assert_eq!(status(&handler_a, page_a.clone()).await, 200);
    assert_eq!(status(&handler_b, page_a.clone()).await, 404, "another register's request is not found");
    assert_eq!(status(&admin, page_a.clone()).await, 200);
    assert_eq!(status(&handler_b, "/staff/requests/DSR-NONE-XIST".into()).await, 404);
    assert_eq!(status(&anonymous, "/staff/queue".into()).await, 303);

    let queue = |c: &reqwest::Client, query: &'static str| {
        let c = c.clone();
        let address = app.address.clone();
        async move { c.get(format!("{address}/staff/queue{query}")).send().await.unwrap().text().await.unwrap() }
    };
    let seen_by_b = queue(&handler_b, "").await;
    assert!(seen_by_b.contains(&ref_b) && !seen_by_b.contains(&ref_a));
    assert!(!queue(&handler_b, "?register=jokkerit").await.contains(&ref_a));
    assert!(!queue(&handler_b, "?q=a%40example.fi").await.contains(&ref_a), "search stays in scope");
    assert!(queue(&handler_a, "?q=a%40example.fi").await.contains(&ref_a));
    // Part of the address finds it too, in any case; LIKE's wildcards are taken literally.
    assert!(queue(&handler_a, "?q=A%40EXAMP").await.contains(&ref_a), "part of the address");
    assert!(queue(&handler_a, "?q=%40example").await.contains(&ref_a));
    assert!(!queue(&handler_a, "?q=%25").await.contains(&ref_a), "% is not a wildcard");
    assert!(!queue(&handler_a, "?q=_%40").await.contains(&ref_a), "_ is not a wildcard");
    // A whole address or reference, in any case, is that one (answered by its own index).
    assert!(queue(&handler_a, "?q=A%40EXAMPLE.FI").await.contains(&ref_a), "the whole address");
    let whole = format!("{}/staff/queue?q={}", app.address, ref_a.to_lowercase());
    let found = handler_a.get(whole).send().await.unwrap().text().await.unwrap();
    assert!(found.contains(&ref_a), "the whole reference");
    let all = queue(&admin, "").await;
    assert!(all.contains(&ref_a) && all.contains(&ref_b));

    // Actions on another register's request: 404, and nothing changes.
    let (a, b) = (StaffClient::of(&app, &handler_a), StaffClient::of(&app, &handler_b));
    for action in ["claim", "notes"] {
        assert_eq!(b.act(&ref_a, action, &[("body", "x")]).await.status(), 404, "{action}");
    }
    assert_eq!(a.act(&ref_a, "claim", &[]).await.status(), 303);
    assert_eq!(a.act(&ref_a, "notes", &[("body", "Called the customer.")]).await.status(), 303);
    let page = a.get(&page_a).await.text().await.unwrap();
    assert!(
        page.contains("in progress") && page.contains("Called the customer.") && page.contains("Claimed by")
    );
    assert!(!page.contains("integrity check"), "the chain verifies");
    let mut conn = app.db.conn().await;
    let events: Vec<String> = dsr_desk::db::schema::request_events::table
        .inner_join(dsr_desk::db::schema::requests::table)
        .filter(dsr_desk::db::schema::requests::reference.eq(&ref_a))
        .select(dsr_desk::db::schema::request_events::kind)
        .order(dsr_desk::db::schema::request_events::seq)
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(events, ["submitted", "verified", "claimed", "note_added"]);
}

#[tokio::test]
async fn the_queue_is_ordered_filtered_and_paginated_over_thousands_of_requests() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    // 3,000 open requests in two registers, deadlines spread over 90 days around the clock's date.
    diesel::sql_query(
        "INSERT INTO requests (reference, register_key, kind, channel, language, status, requester_email, \
         submitted_at, received_on, verified_at, deadline, extended_deadline, effective_deadline) \
         SELECT 'DSR-GEN-' || lpad(g::text, 5, '0'), CASE WHEN g % 3 = 0 THEN 'jaccara' ELSE 'jokkerit' END, \
                (ARRAY['inspection','correction','objection','erasure'])[1 + g % 4], 'api', 'fi', \
                (ARRAY['received','in_progress','awaiting_requester'])[1 + g % 3], 'gen' || g || '@example.fi', \
                now(), DATE '2026-02-01', now(), DATE '2026-03-02' + (g * 7919 % 90) - 30, \
                DATE '2026-05-02', DATE '2026-03-02' + (g * 7919 % 90) - 30 \
         FROM generate_series(1, 3000) g",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    let handler = ready_account(&app, "hq@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut path = "/staff/queue".to_owned();
    for page in 0.. {
        assert!(page < 60, "pagination does not end: {path}");
        let html = handler.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap();
        for row in html.split("<tr>").skip(2) {
            let cells: Vec<&str> = row.split("<td").skip(1).collect();
            let reference = cells[0].split("\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
            // The deadline as the page's machine-readable date (the text is in the reader's language).
            let deadline =
                cells[4].split("datetime=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
            seen.push((deadline, reference));
        }
        match html.split("href=\"/staff/queue?").nth(1) {
            Some(rest) => {
                path = format!(
                    "/staff/queue?{}",
                    rest.split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&")
                )
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 2000, "every jokkerit request once, none of jaccara");
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "sorted by deadline, then id (references follow ids here)");
    seen.dedup();
    assert_eq!(seen.len(), 2000);

    let html = handler
        .get(format!("{}/staff/queue?overdue=1&kind=erasure", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("class=\"days overdue\""));
    assert!(
        !html.contains("class=\"days fine\"")
            && !html.contains("<td>inspection</td>")
            && html.contains("<td>erasure</td>")
    );
    let html = handler
        .get(format!("{}/staff/queue?q=dsr-gen-00004", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let counts =
        |html: &str| html.split("class=\"counts\"").nth(1).unwrap().split("</p>").next().unwrap().to_owned();
    let first =
        handler.get(format!("{}/staff/queue", app.address)).send().await.unwrap().text().await.unwrap();
    assert_eq!(
        counts(&first),
        ">Open requests: <span class=\"count\">in progress: <strong>1000</strong></span> \
         <span class=\"count\">waiting for the requester: <strong>1000</strong></span> ",
        "jokkerit's open requests per state, none of jaccara's 1,000 received ones"
    );
    assert!(html.contains("DSR-GEN-00004") && html.matches("<tr>").count() == 2);
    let bad = handler.get(format!("{}/staff/queue?kind=spam", app.address)).send().await.unwrap();
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    let handler = ready_account(&app, "leaver@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    assert_eq!(handler.get(format!("{}/staff/queue", app.address)).send().await.unwrap().status(), 200);
    let out = crate::support::app::dsr(&app.db.url, &["staff", "disable", "--email", "Leaver@shop.fi"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = handler.get(format!("{}/staff/queue", app.address)).send().await.unwrap();
    assert_eq!(r.status(), 303, "the session is refused at once");
    let again = crate::support::app::dsr(&app.db.url, &["staff", "disable", "--email", "leaver@shop.fi"]);
    assert_eq!(again.status.code(), Some(2));
    // A disabled account cannot sign in, and says so no differently from a wrong password.
    let r = login(&app, &client(), "leaver@shop.fi", "leaver@shop.fi-long-password").await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn the_queue_page_runs_as_many_statements_for_fifty_rows_as_for_one() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    // 60 staff members, each assigned one of 60 open requests: a per-row lookup would show.
    diesel::sql_query(
        "INSERT INTO staff_accounts (email, name, role, password_hash, created_at, updated_at) \
         SELECT 'staff' || g || '@shop.fi', 'Staff ' || g, 'admin', 'x', now(), now() FROM generate_series(1, 60) g",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    diesel::sql_query(
        "INSERT INTO requests (reference, register_key, kind, channel, language, status, requester_email, \
         submitted_at, received_on, verified_at, deadline, extended_deadline, effective_deadline, assignee_id) \
         SELECT 'DSR-NQ-' || lpad(g::text, 4, '0'), 'jokkerit', 'erasure', 'api', 'fi', 'in_progress', \
                'nq' || g || '@example.fi', now(), DATE '2026-02-01', now(), DATE '2026-03-02' + g, \
                DATE '2026-05-02', DATE '2026-03-02' + g, \
                (SELECT id FROM staff_accounts WHERE email = 'staff' || g || '@shop.fi') \
         FROM generate_series(1, 60) g",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    let handler = ready_account(&app, "nq@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let mut count = async |query: &str| {
        crate::support::db::reset_statements(&mut conn).await;
        let html = handler
            .get(format!("{}/staff/queue{query}", app.address))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        (html.matches("<tr>").count() - 1, crate::support::db::statements(&mut conn, "%").await)
    };
    let (rows_one, one) = count("?q=DSR-NQ-0001").await;
    let (rows_page, page) = count("").await;
    assert_eq!((rows_one, rows_page), (1, 50));
    assert_eq!(one, page, "the statements of a page do not grow with its rows");
    assert!(page <= 6, "session, queue rows and counts per state: {page} statements");
}

/// The live counts that `open_request_counts` stands in for.
async fn live_open_counts(conn: &mut diesel_async::AsyncPgConnection) -> Vec<(String, String, i64)> {
    #[derive(QueryableByName, PartialEq, Debug)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        register_key: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        status: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let (live, kept): (Vec<Row>, Vec<Row>) = (
        diesel::sql_query(
            "SELECT register_key, status, count(*) AS n FROM requests \
             WHERE status IN ('received', 'in_progress', 'awaiting_requester') \
             GROUP BY register_key, status ORDER BY register_key, status",
        )
        .load(conn)
        .await
        .unwrap(),
        diesel::sql_query(
            "SELECT register_key, status, n FROM open_request_counts WHERE n <> 0 ORDER BY register_key, status",
        )
        .load(conn)
        .await
        .unwrap(),
    );
    assert_eq!(kept, live, "the kept counts equal a live count");
    live.into_iter().map(|r| (r.register_key, r.status, r.n)).collect()
}

#[tokio::test]
async fn the_open_counts_follow_every_insert_update_and_delete_and_survive_crossing_transitions() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    let insert = |from: i64, to: i64, register: &str| {
        format!(
            "INSERT INTO requests (reference, register_key, kind, channel, language, status, requester_email, \
             submitted_at, received_on, verified_at, deadline, extended_deadline, effective_deadline) \
             SELECT 'DSR-OC-' || lpad(g::text, 5, '0'), '{register}', 'erasure', 'api', 'fi', \
                    (ARRAY['awaiting_verification','received','in_progress','awaiting_requester','completed'])[1 + g % 5], \
                    'oc' || g || '@example.fi', now(), DATE '2026-02-01', now(), DATE '2026-03-02', \
                    DATE '2026-05-02', DATE '2026-03-02' \
             FROM generate_series({from}, {to}) g"
        )
    };
    let exec = async |conn: &mut diesel_async::AsyncPgConnection, sql: &str| {
        diesel::sql_query(sql).execute(conn).await.unwrap();
    };
    // A bulk insert in two registers: 120 rows each way, 3 of 5 states open.
    exec(&mut conn, &insert(1, 120, "jokkerit")).await;
    exec(&mut conn, &insert(121, 180, "jaccara")).await;
    let counts = live_open_counts(&mut conn).await;
    assert_eq!(counts.iter().map(|c| c.2).sum::<i64>(), 108, "{counts:?}");
    // Single and bulk moves between open states, into closed ones, out of unverified, and updates
    // that move nothing (an assignment, an unchanged state).
    for sql in [
        "UPDATE requests SET status = 'in_progress' WHERE reference = 'DSR-OC-00001'",
        "UPDATE requests SET status = 'received' WHERE status = 'awaiting_verification' AND register_key = 'jokkerit'",
        "UPDATE requests SET status = 'completed' WHERE status = 'awaiting_requester' AND id % 2 = 0",
        "UPDATE requests SET status = status, updated_at = now()",
        "UPDATE requests SET register_key = 'jaccara' WHERE reference = 'DSR-OC-00002'",
        "DELETE FROM requests WHERE register_key = 'jaccara' AND status = 'received'",
        "UPDATE requests SET status = 'withdrawn' WHERE status IN ('received', 'in_progress') AND id % 3 = 0",
    ] {
        exec(&mut conn, sql).await;
        live_open_counts(&mut conn).await;
    }
    // Two transactions at a time moving requests of one register in opposite directions
    // (in_progress -> awaiting_requester and back), as asking the requester and their answer do:
    // every one commits and the counts stay exact. (The lock order that rules out a deadlock is
    // shown deterministically by the next test.)
    exec(&mut conn, "UPDATE requests SET status = 'in_progress' WHERE register_key = 'jokkerit'").await;
    exec(
        &mut conn,
        "UPDATE requests SET status = 'awaiting_requester' WHERE register_key = 'jokkerit' AND id % 2 = 0",
    )
    .await;
    let ids: Vec<i64> = dsr_desk::db::schema::requests::table
        .filter(dsr_desk::db::schema::requests::register_key.eq("jokkerit"))
        .select(dsr_desk::db::schema::requests::id)
        .order(dsr_desk::db::schema::requests::id)
        .load(&mut conn)
        .await
        .unwrap();
    let flip = |ids: Vec<i64>| {
        let db = app.db.url.clone();
        tokio::spawn(async move {
            use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
            let mut conn = AsyncPgConnection::establish(&db).await.unwrap();
            for _round in 0..5 {
                for id in &ids {
                    // Both ways in one transaction, with another request's move in between.
                    let sql = format!(
                        "BEGIN; \
                         UPDATE requests SET status = CASE status WHEN 'in_progress' THEN 'awaiting_requester' \
                                ELSE 'in_progress' END WHERE id = {id}; \
                         SELECT pg_sleep(0.001); \
                         UPDATE requests SET status = CASE status WHEN 'in_progress' THEN 'awaiting_requester' \
                                ELSE 'in_progress' END WHERE id = {id} + 1; \
                         COMMIT;"
                    );
                    conn.batch_execute(&sql).await.unwrap();
                }
            }
        })
    };
    let evens: Vec<i64> = ids.iter().copied().filter(|id| id % 4 == 0).take(20).collect();
    let odds: Vec<i64> = ids.iter().copied().filter(|id| id % 4 == 2).take(20).collect();
    let (a, b) = (flip(evens), flip(odds));
    a.await.unwrap();
    b.await.unwrap();
    let counts = live_open_counts(&mut conn).await;
    let jokkerit: i64 = counts.iter().filter(|c| c.0 == "jokkerit").map(|c| c.2).sum();
    assert_eq!(jokkerit as usize, ids.len(), "no request left its open states: {counts:?}");
}

#[tokio::test]
async fn a_state_change_locks_the_counter_rows_in_key_order_whichever_the_direction() {
    use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
    #[derive(QueryableByName)]
    struct Pid {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        pid: i32,
    }
    #[derive(QueryableByName)]
    struct Wait {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        wait_event_type: Option<String>,
    }
    let app = spawn_app().await;
    let url = app.db.url.clone();
    let mut setup = app.db.conn().await;
    diesel::sql_query(
        "INSERT INTO requests (reference, register_key, kind, channel, language, status, requester_email, \
         submitted_at, received_on, verified_at, deadline, extended_deadline, effective_deadline) \
         VALUES ('DSR-LK-00001', 'jokkerit', 'erasure', 'api', 'fi', 'in_progress', 'a@example.fi', now(), \
                 DATE '2026-02-01', now(), DATE '2026-03-02', DATE '2026-05-02', DATE '2026-03-02'), \
                ('DSR-LK-00002', 'jokkerit', 'erasure', 'api', 'fi', 'awaiting_requester', 'b@example.fi', now(), \
                 DATE '2026-02-01', now(), DATE '2026-03-02', DATE '2026-05-02', DATE '2026-03-02')",
    )
    .execute(&mut setup)
    .await
    .unwrap();
    // In each direction: while another transaction holds the higher key ('in_progress'), the
    // moving statement must already hold the lower one ('awaiting_requester') as it waits, so
    // that two opposite moves queue up instead of each holding what the other needs.
    for (reference, to) in [("DSR-LK-00001", "awaiting_requester"), ("DSR-LK-00002", "in_progress")] {
        let mut holder = AsyncPgConnection::establish(&url).await.unwrap();
        holder
            .batch_execute(
                "BEGIN; SELECT n FROM open_request_counts \
                 WHERE register_key = 'jokkerit' AND status = 'in_progress' FOR UPDATE",
            )
            .await
            .unwrap();
        let mut mover = AsyncPgConnection::establish(&url).await.unwrap();
        let mover_pid = diesel::sql_query("SELECT pg_backend_pid() AS pid")
            .get_result::<Pid>(&mut mover)
            .await
            .unwrap()
            .pid;
        let sql = format!("UPDATE requests SET status = '{to}' WHERE reference = '{reference}'");
        let moving = tokio::spawn(async move { mover.batch_execute(&sql).await });
        // Until the mover waits on a lock (it cannot finish while the holder holds its row).
        for attempt in 0.. {
            assert!(attempt < 500, "the move did not block on the held counter row");
            let wait = diesel::sql_query("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1")
                .bind::<diesel::sql_types::Integer, _>(mover_pid)
                .get_result::<Wait>(&mut setup)
                .await
                .unwrap();
            if wait.wait_event_type.as_deref() == Some("Lock") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let lower_taken = diesel::sql_query(
            "SELECT n FROM open_request_counts WHERE register_key = 'jokkerit' \
             AND status = 'awaiting_requester' FOR UPDATE NOWAIT",
        )
        .execute(&mut setup)
        .await;
        assert!(lower_taken.is_err(), "moving {reference} to {to}: the lower key is locked first");
        holder.batch_execute("ROLLBACK").await.unwrap();
        moving.await.unwrap().unwrap();
    }
    live_open_counts(&mut setup).await;
}

#[tokio::test]
async fn a_one_time_password_sends_every_staff_route_and_action_to_the_password_page() {
    use dsr_desk::http::{Access, ROUTES};
    let app = spawn_app().await;
    let reference = verified_request(&app, "jokkerit", "p@example.fi").await;
    // An administrator may use every staff route, so only the password stands in the way.
    let one_time = account(&app, "fresh@shop.fi", StaffRole::Admin, &[]).await;
    let fresh = StaffClient::sign_in(&app, "fresh@shop.fi", &one_time).await;
    let token = fresh.token().await;
    let guarded: Vec<_> =
        ROUTES.iter().filter(|r| matches!(r.access, Access::Staff | Access::Admin)).collect();
    let actions = guarded.iter().filter(|r| r.path.starts_with("/staff/requests/{reference}/")).count();
    assert!(actions >= 9 && guarded.len() >= 25, "the table lists the staff routes: {guarded:?}");
    let mut conn = app.db.conn().await;
    let events_before: i64 =
        dsr_desk::db::schema::request_events::table.count().get_result(&mut conn).await.unwrap();
    for route in guarded {
        let path = fill(route.path, |name| if name == "reference" { reference.clone() } else { "1".into() });
        let method = reqwest::Method::from_bytes(route.method.as_bytes()).unwrap();
        // A form with a valid token and plausible fields: only the password may stop it.
        let fields = [("csrf", token.as_str()), ("body", "x"), ("reasons", "x"), ("method", "known_phone")];
        let fields = if route.needs_csrf() { &fields[..] } else { &[][..] };
        let r = fresh.send(method, &path, fields).await;
        let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
        assert_eq!(
            (r.status().as_u16(), location.as_deref()),
            (303, Some("/staff/password")),
            "{} {}",
            route.method,
            route.path
        );
    }
    let events_after: i64 =
        dsr_desk::db::schema::request_events::table.count().get_result(&mut conn).await.unwrap();
    assert_eq!(events_after, events_before, "nothing was done");
    // The password page and sign-out stay open; after the change every route opens.
    assert_eq!(fresh.get("/staff/password").await.status(), 200);
    let new = "a-password-of-my-own";
    let r = fresh.post("/staff/password", &[("current", &one_time), ("new", new), ("confirm", new)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(fresh.get("/staff/queue").await.status(), 200);
    assert_eq!(fresh.get(&format!("/staff/requests/{reference}")).await.status(), 200);
    assert_eq!(fresh.post("/staff/logout", &[]).await.status(), 303);
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes_and_after_twelve_hours_however_busy() {
    let app = spawn_app().await;
    let staff =
        crate::support::staff::StaffClient::ready(&app, "idle@shop.fi", StaffRole::Handler, &["jokkerit"])
            .await;
    let queue = || staff.get("/staff/queue");
    assert_eq!(queue().await.status(), 200);
    // Used every 29 minutes, the session lives on.
    for _ in 0..4 {
        app.clock.advance(chrono::Duration::minutes(29));
        assert_eq!(queue().await.status(), 200);
    }
    // 31 minutes without a request end it.
    app.clock.advance(chrono::Duration::minutes(31));
    let r = queue().await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/staff/login");

    // A new session used every 25 minutes still ends at 12 hours.
    let staff = crate::support::staff::StaffClient::of(
        &app,
        &crate::support::staff::sign_in_again(&app, "idle@shop.fi").await,
    );
    let mut minutes = 0;
    while minutes + 25 < 12 * 60 {
        app.clock.advance(chrono::Duration::minutes(25));
        minutes += 25;
        assert_eq!(staff.get("/staff/queue").await.status(), 200, "at {minutes} minutes");
    }
    app.clock.advance(chrono::Duration::minutes(12 * 60 - minutes));
    assert_eq!(staff.get("/staff/queue").await.status(), 303, "the 12-hour limit");
}

async fn ask_reset(app: &crate::support::app::TestApp, email: &str) -> reqwest::Response {
    app.post_form("/staff/password-reset", &[("email", email)]).await
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_by_an_emailed_link_that_expires_and_ends_every_session() {
    let app = spawn_app().await;
    let email = "forgot@shop.fi";
    let old = crate::support::staff::StaffClient::ready(&app, email, StaffRole::Handler, &["jokkerit"]).await;
    // The same answer for an account and for an unknown address; only the account gets a link.
    let known = ask_reset(&app, email).await;
    let unknown = ask_reset(&app, "nobody@shop.fi").await;
    assert_eq!((known.status().as_u16(), unknown.status().as_u16()), (200, 200));
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    let mails: Vec<_> =
        app.deliver().await.into_iter().filter(|m| m.subject().contains("new password")).collect();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].rcpt_to.iter().any(|r| r == email));
    let link = mails[0].link("/staff/password-reset/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();
    assert_eq!(app.get(&path).await.status(), 200);

    // A weak password is refused on the form; a good one is set, and every session ends.
    let weak = app.post_form(&path, &[("new", "password1234"), ("confirm", "password1234")]).await;
    assert_eq!(weak.status(), 422);
    let new_password = "violet tractor sings under harbour";
    let set = app.post_form(&path, &[("new", new_password), ("confirm", new_password)]).await;
    assert_eq!(set.status(), 200);
    assert_eq!(old.get("/staff/queue").await.status(), 303, "the old session has ended");
    crate::support::staff::signed_in(&app, email, new_password).await;
    // Once only.
    let again = app
        .post_form(
            &path,
            &[("new", "another long phrase of words"), ("confirm", "another long phrase of words")],
        )
        .await;
    assert_eq!(again.status(), 410);
    assert_eq!(app.get(&path).await.status(), 410);

    // A link unused for an hour has expired.
    assert_eq!(ask_reset(&app, email).await.status(), 200);
    let link = app.last_mail_to(email).await.link("/staff/password-reset/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();
    app.clock.advance(chrono::Duration::minutes(61));
    let late = app
        .post_form(
            &path,
            &[("new", "yet another long phrase here"), ("confirm", "yet another long phrase here")],
        )
        .await;
    assert_eq!(late.status(), 410);

    // At most three links an hour per account, whoever asks; the answer stays the same.
    let before = app.deliver().await.len();
    for _ in 0..4 {
        assert_eq!(ask_reset(&app, email).await.status(), 200);
    }
    let sent = app.deliver().await.len() - before;
    assert_eq!(sent, 3, "three links an hour");
    let mut conn = app.db.conn().await;
    let actions: Vec<String> = dsr_desk::db::schema::audit_events::table
        .select(dsr_desk::db::schema::audit_events::action)
        .load(&mut conn)
        .await
        .unwrap();
    assert!(actions.iter().any(|a| a == "password_reset_by_email"), "{actions:?}");
    assert_eq!(actions.iter().filter(|a| *a == "password_reset_requested").count(), 5);
}

#[tokio::test]
async fn an_empty_queue_says_zero_and_each_filter_keeps_its_label_with_its_control() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "empty@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let html = h.get("/staff/queue").await.text().await.unwrap();
    assert!(html.contains("<strong id=\"open-count\">0</strong>"), "{html}");
    for (label, control) in [
        ("register", "<select id=\"register\""),
        ("kind", "<select id=\"kind\""),
        ("q", "<input type=\"text\" id=\"q\""),
    ] {
        let cell = html.split(&format!("<div class=\"filter\"><label for=\"{label}\">")).nth(1).unwrap();
        let cell = cell.split("</div>").next().unwrap();
        assert!(cell.contains(control), "{label} and its control share a cell: {cell}");
    }
    verified_request(&app, "jokkerit", "one@example.fi").await;
    let html = h.get("/staff/queue").await.text().await.unwrap();
    assert!(!html.contains("id=\"open-count\""), "{html}");
}
