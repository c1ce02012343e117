//! The handler's actions on the request page (each writes its event and email), the rules that
//! refuse illegal ones, the inspection answer's download link, requests entered by staff, and the
//! deadline reminders.

use chrono::{NaiveDate, TimeZone, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::clock::Clock;
use dsr_desk::db::schema::requests;
use dsr_desk::domain::StaffRole;
use serde_json::json;

use crate::support::app::{Options, TestApp, spawn_app_with};
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, act, client, csrf, ready_account, sign_in_again, verified_request};

/// The same as a multipart form with one file.
async fn act_with_file(
    app: &TestApp,
    c: &reqwest::Client,
    reference: &str,
    fields: &[(&str, &str)],
    file: (&str, &[u8]),
) -> reqwest::Response {
    let token = csrf(app, c, &format!("/staff/requests/{reference}")).await;
    let mut form = reqwest::multipart::Form::new().text("csrf", token);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    let part = reqwest::multipart::Part::bytes(file.1.to_vec())
        .file_name(file.0.to_owned())
        .mime_str("text/csv")
        .unwrap();
    form = form.part("attachments", part);
    c.post(format!("{}/staff/requests/{reference}/complete", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn state(app: &TestApp, reference: &str) -> (String, Option<NaiveDate>, bool, Option<String>) {
    let mut conn = app.db.conn().await;
    requests::table
        .filter(requests::reference.eq(reference))
        .select((requests::status, requests::effective_deadline, requests::extended, requests::outcome))
        .first(&mut conn)
        .await
        .unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A verified request of `kind` in `register` through the API; returns (reference, status token).
async fn request_of(app: &TestApp, register: &str, email: &str, body: serde_json::Value) -> (String, String) {
    let mut body = body;
    body["register"] = json!(register);
    body["requester"] = json!({"name": "Maija Mallikas", "email": email});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to(email).await.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
    let status_token = app.last_mail_to(email).await.token("/status/");
    (reference, status_token)
}

#[tokio::test]
async fn each_action_works_from_the_page_and_writes_its_event_and_email() {
    let app = spawn_app().await;
    let handler = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let (reference, status_token) =
        request_of(&app, "jokkerit", "p@example.fi", json!({"kind": "inspection", "language": "en"})).await;
    assert_eq!(state(&app, &reference).await.1, Some(date(2026, 4, 2)));

    assert_eq!(act(&app, &handler, &reference, "claim", &[]).await.status(), 303);
    let r = act(
        &app,
        &handler,
        &reference,
        "identity",
        &[("method", "customer_account"), ("note", "Signed in to the shop")],
    )
    .await;
    assert_eq!(r.status(), 303);

    // Ask: the clock pauses and the requester is emailed the question.
    let r = act(
        &app,
        &handler,
        &reference,
        "ask",
        &[("reason", "clarification"), ("question", "Which orders do you mean?")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(state(&app, &reference).await.0, "awaiting_requester");
    let mail = app.last_mail_to("p@example.fi").await;
    assert!(
        mail.subject().contains(&reference) && mail.text().contains("Which orders do you mean?"),
        "{}",
        mail.text()
    );
    // The question carries its own link to the status page, where it can be answered.
    let question_link = mail.link("/status/");
    let question_page =
        app.get(question_link.trim_start_matches(app.settings.http.public_url.as_str())).await;
    assert_eq!(question_page.status(), 200);
    let question_page = question_page.text().await.unwrap();
    assert!(
        question_page.contains("Which orders do you mean?") && question_page.contains("/answer"),
        "{question_page}"
    );
    assert!(mail.text().contains("does not count towards the deadline"));

    // Three days later the requester answers on the status page; the deadline moves by them:
    // 2 April + 3 days = Sunday 5 April → Easter Monday → Tuesday 7 April 2026.
    app.clock.set(Utc.with_ymd_and_hms(2026, 3, 5, 10, 0, 0).unwrap());
    let handler = sign_in_again(&app, "h@shop.fi").await;
    let status_page = app.get(&format!("/status/{status_token}")).await.text().await.unwrap();
    assert!(status_page.contains("Which orders do you mean?"), "the question is shown to the requester");
    let r =
        app.post_form(&format!("/status/{status_token}/answer"), &[("answer", "The orders of 2025")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(state(&app, &reference).await.0, "in_progress");
    assert_eq!(state(&app, &reference).await.1, Some(date(2026, 4, 7)));
    let page = handler
        .get(format!("{}/staff/requests/{reference}", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("The orders of 2025") && page.contains("3 paused days included"), "{page}");

    // Extend once: three months from receipt plus the pause (5 June 2026), the requester told why.
    let r = act(&app, &handler, &reference, "extend", &[("reasons", "Your data is held in three systems.")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(state(&app, &reference).await.1, Some(date(2026, 6, 5)));
    let mail = app.last_mail_to("p@example.fi").await;
    assert!(mail.text().contains("5 June 2026") && mail.text().contains("three systems"), "{}", mail.text());
    // It names the register file's supervisory authority and the right to complain (Art 12(4)).
    let expected =
        "Office of the Data Protection Ombudsman; PO Box 800, 00531 Helsinki, Finland; tietosuoja@om.fi";
    assert!(
        mail.text().contains("right to lodge a complaint") && mail.text().contains(expected),
        "{}",
        mail.text()
    );
    let r = act(&app, &handler, &reference, "extend", &[("reasons", "Again")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("can be extended only once"));

    // Answer: the email carries only the download link; the file's digest is recorded.
    let r = act_with_file(
        &app,
        &handler,
        &reference,
        &[("message", "Here are your orders.")],
        ("orders.csv", b"order,2025-01\n"),
    )
    .await;
    assert_eq!(r.status(), 303);
    let (status, _, _, outcome) = state(&app, &reference).await;
    assert_eq!((status.as_str(), outcome.as_deref()), ("completed", Some("disclosed")));
    let mail = app.last_mail_to("p@example.fi").await;
    assert!(mail.link("/download/").contains("/download/"));
    assert!(!mail.text().contains("Here are your orders."), "the message is behind the link");

    let events = app.events(&reference).await;
    let kinds: Vec<&str> = events.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "submitted",
            "verified",
            "claimed",
            "identity_verified",
            "requester_asked",
            "requester_answered",
            "deadline_extended",
            "completed"
        ]
    );
    let completed = &events.last().unwrap().1;
    // SHA-256 of "order,2025-01\n", computed with sha256sum.
    assert_eq!(completed["attachments"][0]["bytes"], 14);
    assert_eq!(
        completed["attachments"][0]["sha256"],
        "fa380503443f39ebdf0361c29b8b4e893c5f3988cdaae5fd1976b79af29463ef"
    );
    let page = handler
        .get(format!("{}/staff/requests/{reference}", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("integrity check") && page.contains("orders.csv"));
}

#[tokio::test]
async fn illegal_actions_are_refused_with_a_clear_message() {
    let app = spawn_app().await;
    let admin = ready_account(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    // Answering an unverified request.
    let body = json!({"register": "jokkerit", "kind": "erasure", "requester": {"name": "U", "email": "u@example.fi"}});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let unverified = answer["reference"].as_str().unwrap().to_owned();
    let r = act(&app, &admin, &unverified, "complete", &[("erasure_outcome", "erased")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("awaiting email confirmation cannot be completed"));
    assert_eq!(act(&app, &admin, &unverified, "refuse", &[("reasons", "x")]).await.status(), 409);
    assert_eq!(
        act(
            &app,
            &admin,
            &unverified,
            "ask",
            &[("reason", "identity"), ("doubt", "details_do_not_match"), ("question", "x")]
        )
        .await
        .status(),
        409
    );

    let (reference, _) =
        request_of(&app, "jokkerit", "v@example.fi", json!({"kind": "erasure", "language": "fi"})).await;
    // Extending after the one-month deadline (2 April 2026).
    app.clock.set(Utc.with_ymd_and_hms(2026, 4, 3, 8, 0, 0).unwrap());
    let admin = sign_in_again(&app, "admin@shop.fi").await;
    let r = act(&app, &admin, &reference, "extend", &[("reasons", "Too late")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("has passed"));
    assert!(!state(&app, &reference).await.2, "not extended");
    // Missing reasons and a partly refused erasure without its duty are field errors.
    assert_eq!(act(&app, &admin, &reference, "refuse", &[("reasons", " ")]).await.status(), 422);
    let r = act(&app, &admin, &reference, "complete", &[("erasure_outcome", "partly_refused")]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("retention_duty") && body.contains("kept"), "{body}");
    assert_eq!(
        act(&app, &admin, &reference, "ask", &[("reason", "gossip"), ("question", "x")]).await.status(),
        422
    );

    // A late refusal is still sent, names the authority and the remedy, and is recorded as late.
    let r = act(&app, &admin, &reference, "refuse", &[("reasons", "Pyyntö on ilmeisen perusteeton.")]).await;
    assert_eq!(r.status(), 303);
    let mail = app.last_mail_to("v@example.fi").await;
    let text = mail.text();
    assert!(
        text.contains("Pyyntö on ilmeisen perusteeton.") && text.contains("Tietosuojavaltuutetun toimisto"),
        "{text}"
    );
    assert!(text.contains("79"), "judicial remedy: {text}");
    let events = app.events(&reference).await;
    assert_eq!(events.last().unwrap().0, "refused");
    assert_eq!(events.last().unwrap().1["late"], true);
    // Nothing more once closed.
    let r =
        act(&app, &admin, &reference, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")])
            .await;
    assert_eq!(r.status(), 409);
    assert_eq!(act(&app, &admin, &reference, "claim", &[]).await.status(), 409);
}

#[tokio::test]
async fn correction_erasure_and_objection_answers_carry_their_outcomes() {
    let app = spawn_app().await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let items = json!([
        {"field": "Address", "current_value": "Old 1", "corrected_value": "New 2"},
        {"field": "Birth date", "corrected_value": "1.1.1990"}
    ]);
    let (correction, _) = request_of(
        &app,
        "jokkerit",
        "c@example.fi",
        json!({"kind": "correction", "language": "en", "items": items}),
    )
    .await;
    let r = act(
        &app,
        &h,
        &correction,
        "complete",
        &[("item0_outcome", "corrected"), ("item1_outcome", "rejected")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("item1_reason") && body.contains("recipients"), "{body}");
    let r = act(
        &app,
        &h,
        &correction,
        "complete",
        &[
            ("item0_outcome", "corrected"),
            ("item1_outcome", "rejected"),
            ("item1_reason", "We hold no birth dates."),
            ("recipients", "Posti Oy"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(state(&app, &correction).await.3.as_deref(), Some("partly_corrected"));
    let text = app.last_mail_to("c@example.fi").await.text();
    for needle in ["Address", "corrected", "We hold no birth dates.", "Posti Oy", "Data Protection Ombudsman"]
    {
        assert!(text.contains(needle), "{needle}: {text}");
    }

    let (erasure, _) =
        request_of(&app, "jokkerit", "e@example.fi", json!({"kind": "erasure", "language": "en"})).await;
    // What is kept, why, and who was told (GDPR Art 17(3), 19) are each required; "none" is a tick.
    let duty = ("retention_duty", "Accounting Act 1336/1997 2:10");
    let r = act(&app, &h, &erasure, "complete", &[("erasure_outcome", "partly_refused"), duty]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("kept: what is kept") && body.contains("recipients:"), "{body}");
    let both = [
        ("erasure_outcome", "partly_refused"),
        duty,
        ("kept", "Invoices of the last ten years"),
        ("recipients", "Posti Oy"),
        ("no_recipients", "1"),
    ];
    let r = act(&app, &h, &erasure, "complete", &both).await;
    assert_eq!(r.status(), 422, "named recipients and the tick for none cannot both hold");
    let r = act(&app, &h, &erasure, "complete", &both[..4]).await;
    assert_eq!(r.status(), 303);
    let text = app.last_mail_to("e@example.fi").await.text();
    for needle in [
        "What is kept: Invoices of the last ten years",
        "Why it is kept: a legal retention duty, Accounting Act 1336/1997 2:10",
        "have been informed (GDPR Article 19): Posti Oy",
        "supervisory authority",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    // An erasure of data never disclosed: the tick, in the requester's words.
    let (erased, _) =
        request_of(&app, "jokkerit", "f@example.fi", json!({"kind": "erasure", "language": "sv"})).await;
    let r =
        act(&app, &h, &erased, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await;
    assert_eq!(r.status(), 303);
    let text = app.last_mail_to("f@example.fi").await.text();
    assert!(text.contains("hade inte lämnats ut till någon"), "{text}");

    let objection = json!({"kind": "objection", "language": "en", "purposes": ["direct_advertising"], "channels": ["email"]});
    let (objection, _) = request_of(&app, "jokkerit", "o@example.fi", objection).await;
    let r = act(&app, &h, &objection, "complete", &[("message", "Recorded: no more advertising.")]).await;
    assert_eq!(r.status(), 303);
    let text = app.last_mail_to("o@example.fi").await.text();
    assert!(
        text.contains("Recorded: no more advertising.") && !text.contains("supervisory authority"),
        "{text}"
    );
}

#[tokio::test]
async fn the_inspection_download_link_asks_for_verification_again_and_expires() {
    let app = spawn_app().await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let (reference, _) =
        request_of(&app, "jokkerit", "d@example.fi", json!({"kind": "inspection", "language": "en"})).await;
    let content = b"name,email\nMaija,d@example.fi\n";
    let r =
        act_with_file(&app, &h, &reference, &[("message", "All we hold about you.")], ("data.csv", content))
            .await;
    assert_eq!(r.status(), 303);
    let link = app.last_mail_to("d@example.fi").await.link("/download/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();

    // The link alone shows nothing: it offers to send a code.
    let page = app.get(&path).await.text().await.unwrap();
    assert!(!page.contains("All we hold about you.") && page.contains("Send me a code"));
    assert_eq!(app.get(&format!("{path}/files/1?grant=123.00")).await.status(), 404);
    assert_eq!(app.post_form(&format!("{path}/code"), &[]).await.status(), 200);
    let code = app.last_mail_to("d@example.fi").await.code();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(app.post_form(&path, &[("code", wrong)]).await.status(), 422);
    let r = app.post_form(&path, &[("code", &code)]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains("All we hold about you.") && page.contains("data.csv"), "{page}");
    let file_link = page
        .split("href=\"")
        .find(|s| s.contains("/files/"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let r = app.get(&file_link).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("data.csv"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), content);
    // The code works once.
    assert_eq!(app.post_form(&path, &[("code", &code)]).await.status(), 422);
    let kinds: Vec<String> = app.events(&reference).await.into_iter().map(|(k, _)| k).collect();
    assert!(kinds.ends_with(&["answer_opened".to_owned(), "attachment_downloaded".to_owned()]), "{kinds:?}");

    // After 30 days the link and the file link are gone, and the daily job deletes the file.
    app.clock.advance(chrono::Duration::days(31));
    assert_eq!(app.get(&path).await.status(), 410);
    assert_eq!(app.get(&file_link).await.status(), 404);
    assert_eq!(app.post_form(&format!("{path}/code"), &[]).await.status(), 410);
    app.worker.register_schedules().await.unwrap();
    app.clock.advance(chrono::Duration::days(1));
    app.deliver().await;
    app.deliver().await;
    let mut conn = app.db.conn().await;
    let kept: Vec<Option<Vec<u8>>> = dsr_desk::db::schema::answer_attachments::table
        .select(dsr_desk::db::schema::answer_attachments::content)
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(kept, [None], "the file is deleted, its record kept");
}

#[tokio::test]
async fn requests_received_by_letter_run_from_the_date_of_receipt() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let post = |received: &'static str, register: &'static str| {
        let form = [
            ("register", register),
            ("channel", "letter"),
            ("received_on", received),
            ("kind", "inspection"),
            ("language", "fi"),
            ("name", "Kirje Kirjoittaja"),
            ("email", "letter@example.fi"),
        ];
        let h = h.clone();
        async move { h.post("/staff/requests/new", &form).await }
    };
    // Future dates, other registers and bad input are refused with the form re-rendered.
    for (received, register) in
        [("2026-03-09", "jokkerit"), ("2026-02-30", "jokkerit"), ("2026-02-20", "jaccara")]
    {
        let r = post(received, register).await;
        assert_eq!(r.status(), 422, "{received} {register}");
        assert!(r.text().await.unwrap().contains("Kirje Kirjoittaja"), "values are kept");
    }
    // Received on Friday 20 February 2026, entered on 2 March: due Friday 20 March 2026.
    let r = post("2026-02-20", "jokkerit").await;
    assert_eq!(r.status(), 303);
    let reference = r.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_owned();
    assert_eq!(state(&app, &reference).await.0, "received");
    assert_eq!(state(&app, &reference).await.1, Some(date(2026, 3, 20)));
    let events = app.events(&reference).await;
    assert_eq!(events[0].1["channel"], "letter");
    assert_eq!(events[1].0, "verified");
    assert_eq!(events[1].1["method"], "staff");
    let receipt = app.last_mail_to("letter@example.fi").await;
    assert!(
        receipt.text().contains("20.2.2026") && receipt.text().contains("20.3.2026"),
        "{}",
        receipt.text()
    );
    let queue = h.get("/staff/queue").await.text().await.unwrap();
    assert!(queue.contains(&reference));
}

#[tokio::test]
async fn reminders_fire_on_the_right_working_days_and_never_twice() {
    let app = spawn_app().await;
    app.worker.register_schedules().await.unwrap();
    let _h1 = ready_account(&app, "h1@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let _h2 = ready_account(&app, "h2@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = verified_request(&app, "jokkerit", "r@example.fi").await;
    // Due Thursday 2 April 2026 (fi): 7 working days before is Tuesday 24 March, 2 before is
    // Tuesday 31 March; overdue from Friday 3 April.
    let reminders_to = |address: &'static str| {
        let (app, reference) = (&app, &reference);
        async move {
            app.deliver().await;
            app.deliver()
                .await
                .into_iter()
                .filter(|m| {
                    m.rcpt_to.iter().any(|r| r == address) && m.subject().contains(reference.as_str())
                })
                .map(|m| m.subject())
                .collect::<Vec<_>>()
        }
    };
    let at = |m: u32, d: u32, h: u32| Utc.with_ymd_and_hms(2026, m, d, h, 10, 0).unwrap();
    app.clock.set(at(3, 23, 10));
    assert!(reminders_to("h1@shop.fi").await.is_empty(), "nothing 8 working days before");
    // Unassigned: every handler of the register.
    app.clock.set(at(3, 24, 6));
    assert_eq!(reminders_to("h1@shop.fi").await.len(), 1);
    assert_eq!(reminders_to("h2@shop.fi").await.len(), 1);
    // Later the same day, and the same job run twice (two instances): nothing more, and the
    // request, reminded today, is no longer even tried.
    app.clock.set(at(3, 24, 14));
    let mut conn = app.db.conn().await;
    crate::support::db::reset_statements(&mut conn).await;
    for _ in 0..2 {
        dsr_desk::db::jobs::enqueue(
            &mut conn,
            "deadline_reminders",
            json!({}),
            None,
            app.clock.now(),
            app.clock.now(),
        )
        .await
        .unwrap();
    }
    assert_eq!(reminders_to("h1@shop.fi").await.len(), 1);
    let runs =
        crate::support::db::statements(&mut conn, "SELECT %FROM \"requests\"%\"reminders_sent\"%").await;
    assert!(runs >= 2, "both runs looked for requests to remind: {runs}");
    assert_eq!(crate::support::db::statements(&mut conn, "INSERT INTO \"reminders_sent\"%").await, 0);
    // Assigned: only the assignee.
    let h2 = sign_in_again(&app, "h2@shop.fi").await;
    assert_eq!(act(&app, &h2, &reference, "claim", &[]).await.status(), 303);
    app.clock.set(at(3, 31, 7));
    assert_eq!(reminders_to("h1@shop.fi").await.len(), 1);
    let to_h2 = reminders_to("h2@shop.fi").await;
    assert_eq!(to_h2.len(), 2);
    assert!(to_h2[1].contains('2'), "{to_h2:?}");
    // Due day: nothing; then one overdue alert a day.
    app.clock.set(at(4, 2, 7));
    assert_eq!(reminders_to("h2@shop.fi").await.len(), 2);
    app.clock.set(at(4, 3, 7));
    app.clock.set(at(4, 3, 8));
    assert_eq!(reminders_to("h2@shop.fi").await.len(), 3);
    app.clock.set(at(4, 3, 15));
    assert_eq!(reminders_to("h2@shop.fi").await.len(), 3);
    app.clock.set(at(4, 4, 7));
    assert_eq!(reminders_to("h2@shop.fi").await.len(), 4);
    assert_eq!(reminders_to("h1@shop.fi").await.len(), 1, "the other handler is not bothered");
    let kinds: Vec<serde_json::Value> = app
        .events(&reference)
        .await
        .into_iter()
        .filter(|(k, _)| k == "reminder_sent")
        .map(|(_, p)| p["kind"].clone())
        .collect();
    assert_eq!(kinds, [json!("due_in_7"), json!("due_in_2"), json!("overdue"), json!("overdue")]);
}

#[tokio::test]
async fn every_staff_form_needs_the_csrf_token_and_every_route_keeps_to_the_register() {
    let app = spawn_app().await;
    let a = ready_account(&app, "a@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let b = ready_account(&app, "b@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    let admin = ready_account(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let anonymous = client();
    let (reference, _) = request_of(&app, "jokkerit", "m@example.fi", json!({"kind": "inspection"})).await;
    // Every action of the request page, from the route table, so that a new one is covered too.
    let actions: Vec<&str> = dsr_desk::http::ROUTES
        .iter()
        .filter(|r| r.method == "POST")
        .filter_map(|r| r.path.strip_prefix("/staff/requests/{reference}/"))
        .collect();
    for action in ["claim", "assign", "notes", "identity", "ask", "resume", "extend", "complete", "refuse"] {
        assert!(actions.contains(&action), "{action} is a route of its own: {actions:?}");
    }

    // Missing or wrong token: 403 and nothing written, for every form.
    let before = app.events(&reference).await.len();
    for &action in &actions {
        for token in ["", "00ff"] {
            let r = a
                .post(format!("{}/staff/requests/{reference}/{action}", app.address))
                .form(&[
                    ("csrf", token),
                    ("body", "x"),
                    ("reasons", "x"),
                    ("question", "x"),
                    ("reason", "identity"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "{action} with {token:?}");
        }
    }
    let r = a.post(format!("{}/staff/requests/new", app.address)).form(&[("csrf", "")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.events(&reference).await.len(), before);

    // Every route × anonymous, handler of the register, handler of another, admin.
    let gets = [
        "/staff/queue".to_owned(),
        format!("/staff/queue?q={reference}"),
        "/staff/requests/new".to_owned(),
        format!("/staff/requests/{reference}"),
        format!("/staff/requests/{reference}/attachments/1"),
        "/staff/password".to_owned(),
        "/staff/reports/deadlines".to_owned(),
    ];
    for path in &gets {
        let get = |c: &reqwest::Client| {
            let c = c.clone();
            let url = format!("{}{path}", app.address);
            async move { c.get(url).send().await.unwrap() }
        };
        let r = get(&anonymous).await;
        assert_eq!(
            (r.status().as_u16(), r.headers().get("location").map(|l| l.to_str().unwrap().to_owned())),
            (303, Some("/staff/login".into())),
            "{path}"
        );
        let expected_a = if path.contains("/attachments/") { 404 } else { 200 };
        assert_eq!(get(&a).await.status(), expected_a, "handler of the register: {path}");
        assert_eq!(get(&admin).await.status(), expected_a, "admin: {path}");
        let r = get(&b).await;
        let own = path.contains("/staff/requests/DSR") && !path.contains("/attachments/");
        if own || path.contains("attachments") {
            assert_eq!(r.status(), 404, "handler of another register: {path}");
        } else {
            let body = r.text().await.unwrap();
            let link = format!("/staff/requests/{reference}");
            assert!(!body.contains(&link), "handler of another register sees nothing of it: {path}");
        }
    }
    // Every action: anonymous → sign-in, other register → 404 (nothing changes), own → done.
    for &action in &actions {
        let url = format!("{}/staff/requests/{reference}/{action}", app.address);
        let r = anonymous.post(&url).form(&[("csrf", "")]).send().await.unwrap();
        assert_eq!(r.status(), 303, "{action}");
        let token = csrf(&app, &b, "/staff/queue").await;
        let r = b
            .post(&url)
            .form(&[
                ("csrf", token.as_str()),
                ("body", "x"),
                ("reasons", "x"),
                ("question", "x"),
                ("reason", "identity"),
                ("method", "known_phone"),
                ("note", "x"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{action} by another register's handler");
    }
    assert_eq!(app.events(&reference).await.len(), before);
    // The file of an answer: the register's staff only.
    let r = act_with_file(&app, &a, &reference, &[("message", "Here.")], ("x.csv", b"x")).await;
    assert_eq!(r.status(), 303);
    let mut conn = app.db.conn().await;
    let id: i64 = dsr_desk::db::schema::answer_attachments::table
        .select(dsr_desk::db::schema::answer_attachments::id)
        .first(&mut conn)
        .await
        .unwrap();
    let path = format!("{}/staff/requests/{reference}/attachments/{id}", app.address);
    assert_eq!(a.get(&path).send().await.unwrap().status(), 200);
    assert_eq!(admin.get(&path).send().await.unwrap().status(), 200);
    assert_eq!(b.get(&path).send().await.unwrap().status(), 404);
    assert_eq!(anonymous.get(&path).send().await.unwrap().status(), 303);

    // The register's handler and the admin reach every action: it is done (303 back to the
    // page), refused (409) or its input found wanting (422), never hidden or forbidden.
    let page = format!("/staff/requests/{reference}");
    for c in [&a, &admin] {
        let c = StaffClient::of(&app, c);
        // A letter's route names a letter this request (which has email) does not have: its
        // own test (`letters.rs`) shows it done for the register and 404 for others.
        for action in actions.iter().filter(|a| !a.contains('{')) {
            let r = c.act(&reference, action, &[]).await;
            let status = r.status().as_u16();
            let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
            match status {
                303 => assert_eq!(location.as_deref(), Some(page.as_str()), "{action}"),
                409 | 422 => {
                    assert!(r.text().await.unwrap().contains(&reference), "{action}: the page again")
                }
                other => panic!("{action}: {other}"),
            }
        }
    }
}

#[tokio::test]
async fn a_register_requiring_an_identity_check_gets_one_before_an_inspection_answer() {
    // A deployer who judged every disclosure of jaccara a case of reasonable doubt turned it on.
    let dir = crate::support::app::registers_requiring_identity_check();
    let app = crate::support::app::spawn_app_with(crate::support::app::Options {
        registers_dir: Some(dir.path().to_owned()),
        ..Default::default()
    })
    .await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    let (reference, _) = request_of(&app, "jaccara", "i@example.fi", json!({"kind": "inspection"})).await;
    // The rule comes before the work: the answer section opens with the check and its form, and
    // the send button is disabled until it is recorded.
    let page =
        StaffClient::of(&app, &h).get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    let answer_section =
        page.split("id=\"identity-first\"").nth(1).expect("the check opens the answer section");
    assert!(answer_section.contains(&format!("action=\"/staff/requests/{reference}/identity\"")), "{page}");
    assert!(page.contains("id=\"send-answer\" disabled"), "{page}");
    // Sent anyway (an old tab): refused, and the page keeps what was typed and asks for the files again.
    let r =
        act_with_file(&app, &h, &reference, &[("message", "Your data, as typed.")], ("orders.csv", b"a,b\n"))
            .await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(page.contains("requires further identity verification"), "{page}");
    assert!(page.contains(">Your data, as typed.</textarea>"), "{page}");
    assert!(page.contains("choose them again"), "{page}");
    let r =
        act(&app, &h, &reference, "identity", &[("method", "signed_letter"), ("note", "Letter of 3 March")])
            .await;
    assert_eq!(r.status(), 303);
    let page =
        StaffClient::of(&app, &h).get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(
        !page.contains("id=\"identity-first\"") && !page.contains("id=\"send-answer\" disabled"),
        "{page}"
    );
    // The event records why the identity was checked: the register's setting, and the timeline says so.
    let events = app.events(&reference).await;
    let checked = events.iter().find(|(k, _)| k == "identity_verified").expect("identity_verified event");
    assert_eq!(checked.1["ground"], "register_setting");
    assert!(page.contains("the register&#39;s setting requires a check"), "{page}");
    assert_eq!(act(&app, &h, &reference, "complete", &[("message", "Your data.")]).await.status(), 303);
    assert_eq!(state(&app, &reference).await.0, "completed");
}

#[tokio::test]
async fn an_upload_over_the_limit_brings_the_request_page_back_with_413_and_keeps_nothing() {
    let app = crate::support::app::spawn_app_with(crate::support::app::Options {
        overrides: vec![("answers.max_attachment_bytes", json!(1000))],
        ..Default::default()
    })
    .await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let (reference, _) = request_of(&app, "jokkerit", "big@example.fi", json!({"kind": "inspection"})).await;
    // The form may carry the files' limit plus a mebibyte of fields; this is more.
    let big = vec![b'x'; 1000 + (1 << 20) + 1];
    let r = act_with_file(&app, &h, &reference, &[("message", "All of it.")], ("big.csv", &big)).await;
    assert_eq!(r.status(), 413);
    let page = r.text().await.unwrap();
    assert!(page.contains(&reference) && page.contains("The files are too large: at most"), "{page}");
    assert_eq!(state(&app, &reference).await.0, "received", "not answered");
    // Under the form's limit but over the files' own: the service's 422, nothing kept either.
    let r =
        act_with_file(&app, &h, &reference, &[("message", "All of it.")], ("mid.csv", &[b'x'; 2000])).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("at most 1000 are accepted"));
    assert_eq!(state(&app, &reference).await.0, "received");
}

async fn page_text(app: &TestApp, h: &reqwest::Client, reference: &str) -> String {
    h.get(format!("{}/staff/requests/{reference}", app.address)).send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn a_question_sent_more_than_five_working_days_after_receipt_is_flagged_before_and_after() {
    let app = spawn_app().await;
    let at = |d: u32| Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap();
    app.clock.set(at(2));
    ready_account(&app, "late@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    // Both received Mon 2 Nov: Tue 3 – Mon 9 Nov are the five working days after receipt.
    let in_time = verified_request(&app, "jokkerit", "in-time@example.fi").await;
    let late = verified_request(&app, "jokkerit", "late@example.fi").await;
    let question = [("reason", "clarification"), ("question", "Which account?")];
    app.clock.set(at(9));
    let h = sign_in_again(&app, "late@shop.fi").await;
    assert!(!page_text(&app, &h, &in_time).await.contains("Asking today is more than 5 working days"));
    assert_eq!(act(&app, &h, &in_time, "ask", &question).await.status(), 303);
    assert!(!page_text(&app, &h, &in_time).await.contains("late-question"));
    // Tue 10 Nov is the sixth working day.
    app.clock.set(at(10));
    let h = sign_in_again(&app, "late@shop.fi").await;
    let before = page_text(&app, &h, &late).await;
    assert!(
        before.contains("Asking today is more than 5 working days after receipt (2 November 2026)"),
        "{before}"
    );
    assert_eq!(act(&app, &h, &late, "ask", &question).await.status(), 303);
    let after = page_text(&app, &h, &late).await;
    assert!(
        after.contains("asked late: more than 5 working days after receipt"),
        "in the questions: {after}"
    );
    assert!(
        after.contains(", <strong class=\"late-question\">asked late</strong></li>"),
        "on the timeline: {after}"
    );
}

#[tokio::test]
async fn a_paused_request_shows_its_live_deadline_and_is_never_overdue_and_dates_are_local() {
    let app = spawn_app().await;
    ready_account(&app, "pause@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    // Submitted Mon 2 Mar 2026 at 22:30 UTC: 00:30 on Tue 3 Mar in Helsinki, the receipt date.
    app.clock.set(Utc.with_ymd_and_hms(2026, 3, 2, 22, 30, 0).unwrap());
    let fields = [("kind", "erasure"), ("lang", "fi"), ("name", "Paula"), ("email", "paula@example.fi")];
    app.post_form("/r/jokkerit/request", &fields).await;
    let verification = app.last_mail_to("paula@example.fi").await;
    // The code's expiry in Helsinki time, never UTC: 24 hours on, 00:30 on 4 March.
    assert!(verification.text().contains("4.3.2026 klo 0.30 (Suomen aikaa)"), "{}", verification.text());
    assert!(!verification.text().contains("UTC"));
    app.post_form("/verify", &[("token", &verification.token("/verify/"))]).await;
    let status = app.last_mail_to("paula@example.fi").await.token("/status/");
    let reference: String = {
        let mut conn = app.db.conn().await;
        requests::table.select(requests::reference).first(&mut conn).await.unwrap()
    };
    // Due Fri 3 Apr, Good Friday → Tue 7 Apr. Asked on Mon 30 Mar.
    app.clock.set(Utc.with_ymd_and_hms(2026, 3, 30, 9, 0, 0).unwrap());
    let h = sign_in_again(&app, "pause@shop.fi").await;
    let ask = [("reason", "clarification"), ("question", "Which account?")];
    assert_eq!(act(&app, &h, &reference, "ask", &ask).await.status(), 303);
    // On Fri 10 Apr the pause has lasted 11 days: 3 Apr + 11 = Tue 14 Apr, if answered today.
    app.clock.set(Utc.with_ymd_and_hms(2026, 4, 10, 9, 0, 0).unwrap());
    let page = app.get(&format!("/status/{status}?lang=fi")).await.text().await.unwrap();
    assert!(page.contains("Keskeytetty 30.3.2026 alkaen"), "{page}");
    assert!(page.contains("viimeistään 14.4.2026"), "the live projection: {page}");
    assert!(!page.contains("7.4.2026"), "not the stored date: {page}");
    assert!(page.contains("3.3.2026"), "received on the local date: {page}");
    assert!(!page.contains("2.3.2026"), "no UTC date in the timeline: {page}");
    // The stored date (7 Apr) has passed, yet the paused request is not overdue in the queue.
    let h = sign_in_again(&app, "pause@shop.fi").await;
    let overdue = h.get(format!("{}/staff/queue?overdue=1", app.address)).send().await.unwrap();
    let overdue = overdue.text().await.unwrap();
    // Staff read the timeline in the register's time zone too: submitted at 00:30 on 3 March.
    let staff_page =
        StaffClient::of(&app, &h).get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    let timeline = staff_page.split("id=\"timeline\"").nth(1).unwrap().split("</ol>").next().unwrap();
    assert!(timeline.contains("3 March 2026 at 0:30"), "{timeline}");
    assert!(!timeline.contains("2 March 2026") && !timeline.contains("UTC"), "{timeline}");
    assert!(!overdue.contains(&reference), "{overdue}");
    let queue = h.get(format!("{}/staff/queue", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains(&reference) && queue.contains("class=\"days paused\">paused<"), "{queue}");
    assert!(!queue.contains("days overdue"), "{queue}");
}

/// The texts of every email to `address` about `reference` so far, the jobs due now run first.
async fn mails_about(app: &TestApp, address: &str, reference: &str) -> Vec<String> {
    app.deliver().await;
    app.deliver()
        .await
        .into_iter()
        .filter(|m| m.rcpt_to.iter().any(|r| r == address) && m.subject().contains(reference))
        .map(|m| m.text())
        .collect()
}

#[tokio::test]
async fn a_question_unanswered_for_thirty_days_reminds_the_handler_once_to_close_or_refuse() {
    let app = spawn_app().await;
    app.worker.register_schedules().await.unwrap();
    ready_account(&app, "q@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = verified_request(&app, "jokkerit", "silent@example.fi").await;
    let at = |m: u32, d: u32| Utc.with_ymd_and_hms(2026, m, d, 7, 10, 0).unwrap();
    app.clock.set(at(3, 9));
    let h = sign_in_again(&app, "q@shop.fi").await;
    let ask =
        [("reason", "identity"), ("doubt", "details_do_not_match"), ("question", "Your customer number?")];
    assert_eq!(act(&app, &h, &reference, "ask", &ask).await.status(), 303);
    // Asked Mon 9 Mar: on Tue 7 Apr, 29 days on, nothing yet.
    app.clock.set(at(4, 7));
    assert!(mails_about(&app, "q@shop.fi", &reference).await.is_empty());
    app.clock.set(at(4, 8));
    let sent = mails_about(&app, "q@shop.fi", &reference).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("Pyytäjä ei ole vastannut 9.3.2026 lähetettyyn kysymykseen"), "{}", sent[0]);
    app.clock.set(at(4, 9));
    assert_eq!(mails_about(&app, "q@shop.fi", &reference).await.len(), 1, "once per question");
    let kinds: Vec<serde_json::Value> = app
        .events(&reference)
        .await
        .into_iter()
        .filter(|(k, _)| k == "reminder_sent")
        .map(|(_, p)| p["kind"].clone())
        .collect();
    assert_eq!(kinds, [json!("unanswered_question")]);
}

#[tokio::test]
async fn the_unanswered_question_reminder_waits_the_configured_number_of_days() {
    let app = spawn_app_with(Options {
        overrides: vec![("answers.unanswered_question_days", json!(10))],
        ..Default::default()
    })
    .await;
    app.worker.register_schedules().await.unwrap();
    ready_account(&app, "q@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = verified_request(&app, "jokkerit", "quiet@example.fi").await;
    let at = |m: u32, d: u32| Utc.with_ymd_and_hms(2026, m, d, 7, 10, 0).unwrap();
    app.clock.set(at(3, 9));
    let h = sign_in_again(&app, "q@shop.fi").await;
    let ask = [("reason", "clarification"), ("question", "Which orders?")];
    assert_eq!(act(&app, &h, &reference, "ask", &ask).await.status(), 303);
    // Asked Mon 9 Mar: on Wed 18 Mar, 9 days on, nothing; on Thu 19 Mar, 10 days on, the reminder.
    app.clock.set(at(3, 18));
    assert!(mails_about(&app, "q@shop.fi", &reference).await.is_empty());
    app.clock.set(at(3, 19));
    assert_eq!(mails_about(&app, "q@shop.fi", &reference).await.len(), 1);
}

#[tokio::test]
async fn answering_a_request_that_waits_for_the_requester_needs_confirmation_and_closes_the_question() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let erasure =
        crate::support::staff::verified_request_of(&app, "jokkerit", "e@example.fi", "erasure").await;
    let refused =
        crate::support::staff::verified_request_of(&app, "jokkerit", "r@example.fi", "erasure").await;
    let question = [("reason", "clarification"), ("question", "Which account?")];
    for reference in [&erasure, &refused] {
        assert_eq!(h.act(reference, "ask", &question).await.status(), 303);
    }
    // The answer form asks for the confirmation while the question is open.
    let page = h.get(&format!("/staff/requests/{erasure}")).await.text().await.unwrap();
    assert!(page.contains("name=\"close_question\""), "{page}");

    // Without it nothing is sent and the question stays open.
    let answer = [("erasure_outcome", "erased"), ("no_recipients", "1")];
    let r = h.act(&erasure, "complete", &answer).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(page.contains("close_question"));
    assert!(
        page.contains("value=\"erased\" checked")
            && page.contains("name=\"no_recipients\" value=\"1\" checked"),
        "{page}"
    );
    assert_eq!(state(&app, &erasure).await.0, "awaiting_requester");
    let r = h.act(&refused, "refuse", &[("reasons", "Not our customer.")]).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(page.contains(">Not our customer.</textarea>"), "the reasons come back as typed: {page}");
    assert_eq!(state(&app, &refused).await.0, "awaiting_requester");

    // Confirmed: the request closes, the question is closed unanswered, and the event says so.
    let confirmed = [answer[0], answer[1], ("close_question", "1")];
    assert_eq!(h.act(&erasure, "complete", &confirmed).await.status(), 303);
    assert_eq!(state(&app, &erasure).await.0, "completed");
    let r = h.act(&refused, "refuse", &[("reasons", "Not our customer."), ("close_question", "1")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(state(&app, &refused).await.0, "refused");
    for (reference, kind) in [(&erasure, "completed"), (&refused, "refused")] {
        let events = app.events(reference).await;
        let (_, data) = events.iter().find(|(k, _)| k == kind).unwrap();
        assert_eq!(data["question_closed"], true, "{data}");
        let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
        assert!(page.contains("closed unanswered"), "{page}");
        assert!(!page.contains("not answered yet"), "{page}");
    }
}
