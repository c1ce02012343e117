//! The monthly deadline report: each row judged against hand-computed dates (Finnish holidays:
//! Easter 2026 is Good Friday 3 April – Easter Monday 6 April, Ascension 14 May, May Day 1 May),
//! the summary adding up, CSV, JSON and HTML agreeing, the register scope, the monthly email sent
//! once per register and month with two workers and a rerun, and the command line.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::clock::Clock;
use dsr_desk::db::schema::{monthly_reports_sent, outbox_messages};
use dsr_desk::domain::StaffRole;
use mail_parser::MimeHeaders;
use serde_json::{Value, json};

use crate::support::app::{self, TestApp, dsr};
use crate::support::spawn_app;
use crate::support::staff::{act, ready_account, sign_in_again, verified_request_of};

/// Moves the app's clock to 09:00 UTC on a day of 2026 (11:00 or 12:00 in Helsinki).
fn on(app: &TestApp, month: u32, day: u32) {
    app.clock.set(Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap());
}

async fn erasure(app: &TestApp, register: &str, email: &str) -> String {
    verified_request_of(app, register, email, "erasure").await
}

async fn ok(response: reqwest::Response) {
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
}

async fn fetch(c: &reqwest::Client, app: &TestApp, query: &str) -> reqwest::Response {
    c.get(format!("{}/staff/reports/deadlines?{query}", app.address)).send().await.unwrap()
}

/// The CSV parsed with the csv crate: one map per row, by header.
fn parse_csv(text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().map(str::to_owned).zip(r.unwrap().iter().map(str::to_owned)).collect())
        .collect()
}

/// The expected row: (received_on, deadline, extended_deadline, due, closed_on, status, days_taken,
/// on_time, days_overdue, handler).
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[tokio::test]
async fn a_month_is_judged_row_by_row_and_csv_json_and_html_agree() {
    let app = spawn_app().await;
    app.worker.register_schedules().await.unwrap();
    // Mon 2 March.
    ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    ready_account(&app, "j@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    ready_account(&app, "a@shop.fi", StaffRole::Admin, &[]).await;
    let a = erasure(&app, "jokkerit", "a@example.fi").await;
    let l = erasure(&app, "jokkerit", "l@example.fi").await;
    on(&app, 3, 3);
    let b = erasure(&app, "jokkerit", "b@example.fi").await;
    on(&app, 3, 4);
    let c = erasure(&app, "jokkerit", "c@example.fi").await;
    on(&app, 3, 5);
    let d = erasure(&app, "jokkerit", "d@example.fi").await;
    on(&app, 3, 9);
    let f = erasure(&app, "jokkerit", "f@example.fi").await;
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &d, "claim", &[]).await).await;
    ok(act(&app, &h, &d, "ask", &[("reason", "clarification"), ("question", "Which account?")]).await).await;
    on(&app, 3, 10);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &l, "claim", &[]).await).await;
    ok(act(&app, &h, &l, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await).await;
    on(&app, 3, 19);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &d, "resume", &[("note", "Answered by phone")]).await).await;
    on(&app, 3, 20);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &c, "claim", &[]).await).await;
    ok(act(&app, &h, &c, "extend", &[("reasons", "Three systems to search.")]).await).await;
    on(&app, 4, 1);
    let i = erasure(&app, "jokkerit", "i@example.fi").await;
    let withdraw_link = app.last_mail_to("i@example.fi").await.token("/status/");
    on(&app, 4, 2);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &a, "claim", &[]).await).await;
    ok(act(&app, &h, &a, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await).await;
    let r = app.post_form(&format!("/status/{withdraw_link}/withdraw"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 200);
    on(&app, 4, 8);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &b, "claim", &[]).await).await;
    ok(act(&app, &h, &b, "complete", &[("erasure_outcome", "anonymised"), ("no_recipients", "1")]).await)
        .await;
    on(&app, 4, 14);
    let hh = erasure(&app, "jokkerit", "hh@example.fi").await;
    on(&app, 4, 15);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &d, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await).await;
    on(&app, 4, 20);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &c, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await).await;
    let e = erasure(&app, "jokkerit", "e@example.fi").await;
    let jaccara = erasure(&app, "jaccara", "x@example.fi").await;
    let body = json!({"register": "jokkerit", "kind": "erasure", "requester": {"name": "U", "email": "u@example.fi"}});
    let answer: Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let unverified = answer["reference"].as_str().unwrap().to_owned();
    on(&app, 4, 27);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &hh, "claim", &[]).await).await;
    ok(act(
        &app,
        &h,
        &hh,
        "ask",
        &[("reason", "identity"), ("doubt", "details_do_not_match"), ("question", "Your customer number?")],
    )
    .await)
    .await;
    // The report of April, made on Mon 4 May: open requests are counted to Thu 30 April.
    on(&app, 5, 4);
    let h = sign_in_again(&app, "h@shop.fi").await;

    let mut expected: Vec<(&str, Expected)> = vec![
        // Received Mon 2 Mar; one month = Thu 2 Apr, a working day. Closed that day: on time,
        // 2 Apr − 2 Mar = 31 days.
        (
            &a,
            ("2026-03-02", "2026-04-02", "", "2026-04-02", "2026-04-02", "completed", "31", "yes", "0", "h"),
        ),
        // Also received Mon 2 Mar and closed Tue 10 Mar, in March, but due in April (Thu 2 Apr):
        // in the report, on time, 8 days.
        (&l, ("2026-03-02", "2026-04-02", "", "2026-04-02", "2026-03-10", "completed", "8", "yes", "0", "h")),
        // Received Tue 3 Mar; 3 Apr is Good Friday, then Sat, Easter Sunday, Easter Monday 6 Apr →
        // Tue 7 Apr. Closed Wed 8 Apr: late by 1 day; 28 days of March after the 3rd + 8 = 36.
        (&b, ("2026-03-03", "2026-04-07", "", "2026-04-07", "2026-04-08", "completed", "36", "no", "1", "h")),
        // Received Wed 4 Mar; 4 Apr is a Saturday → (Easter) → Tue 7 Apr. Extended on 20 Mar to
        // three months from receipt: Thu 4 Jun. Closed Mon 20 Apr, inside the extension:
        // 27 + 20 = 47 days.
        (
            &c,
            (
                "2026-03-04",
                "2026-04-07",
                "2026-06-04",
                "2026-06-04",
                "2026-04-20",
                "completed",
                "47",
                "yes",
                "0",
                "h",
            ),
        ),
        // Received Thu 5 Mar; paused from Mon 9 Mar (question) to Thu 19 Mar (answer): 10 days.
        // 5 Apr + 10 = Wed 15 Apr (without the pause: Sun 5 Apr → Tue 7 Apr, and 15 Apr would
        // have been late). Closed Wed 15 Apr: on time; 26 + 15 = 41 days.
        (
            &d,
            ("2026-03-05", "2026-04-15", "", "2026-04-15", "2026-04-15", "completed", "41", "yes", "0", "h"),
        ),
        // Received Mon 9 Mar; due Thu 9 Apr; still open on 30 Apr: 21 days overdue.
        (&f, ("2026-03-09", "2026-04-09", "", "2026-04-09", "", "received", "", "open", "21", "")),
        // Received Wed 1 Apr, withdrawn Thu 2 Apr: nothing was due (n/a), 1 day. One month = Fri
        // 1 May, May Day → Sat, Sun → Mon 4 May.
        (&i, ("2026-04-01", "2026-05-04", "", "2026-05-04", "2026-04-02", "withdrawn", "1", "n/a", "", "")),
        // Received Tue 14 Apr; question on Mon 27 Apr still unanswered on 30 Apr: paused, never
        // overdue. Projected: 14 May + 3 paused days (27–30 Apr) = Sun 17 May → Mon 18 May.
        (&hh, ("2026-04-14", "2026-05-18", "", "2026-05-18", "", "awaiting_requester", "", "open", "0", "h")),
        // Received Mon 20 Apr, due Wed 20 May: open within the deadline.
        (&e, ("2026-04-20", "2026-05-20", "", "2026-05-20", "", "received", "", "open", "0", "")),
    ];
    // Rows come by register, receipt date and reference.
    expected.sort_by_key(|(reference, want)| (want.0, reference.to_string()));

    // CSV of the handler: exactly the jokkerit rows above, in this order; not the request never
    // verified (no deadline ever ran), nor any request of another register.
    let r = fetch(&h, &app, "month=2026-04&format=csv").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = r.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(
        disposition.starts_with("attachment") && disposition.contains("deadline-report-2026-04.csv"),
        "{disposition}"
    );
    let csv_text = r.text().await.unwrap();
    assert!(csv_text.starts_with("reference,register,kind,channel,received_on,deadline,extended_deadline,due,closed_on,status,outcome,days_taken,on_time,days_overdue,handler,refusal_late\r\n"));
    let rows = parse_csv(&csv_text);
    let references: Vec<&str> = rows.iter().map(|r| r["reference"].as_str()).collect();
    assert_eq!(references, expected.iter().map(|(r, _)| *r).collect::<Vec<_>>());
    assert!(!csv_text.contains(&unverified) && !csv_text.contains(&jaccara));
    for (row, (reference, want)) in rows.iter().zip(&expected) {
        let got = (
            row["received_on"].as_str(),
            row["deadline"].as_str(),
            row["extended_deadline"].as_str(),
            row["due"].as_str(),
            row["closed_on"].as_str(),
            row["status"].as_str(),
            row["days_taken"].as_str(),
            row["on_time"].as_str(),
            row["days_overdue"].as_str(),
            row["handler"].as_str(),
        );
        assert_eq!(&got, want, "{reference}");
        assert_eq!(
            (row["register"].as_str(), row["kind"].as_str(), row["channel"].as_str()),
            ("jokkerit", "erasure", "api")
        );
    }

    // JSON: the same numbers, and the summary adds up: 9 rows = 4 on time (A, L, C, D) + 1 late
    // (B) + 2 open within the deadline (H, E) + 1 overdue (F) + 1 withdrawn (I); received in
    // April: I, H, E; extended: C. Days to close 8, 31, 36, 41, 47: nearest-rank median (3rd of 5)
    // 36, 90th percentile (5th of 5) 47.
    let json: Value = fetch(&h, &app, "month=2026-04&format=json").await.json().await.unwrap();
    let json_rows = json["rows"].as_array().unwrap();
    assert_eq!(json_rows.len(), rows.len());
    for (j, c) in json_rows.iter().zip(&rows) {
        for field in ["reference", "received_on", "deadline", "due", "status", "on_time"] {
            assert_eq!(j[field].as_str().unwrap(), c[field], "{field}");
        }
        for field in ["extended_deadline", "closed_on", "handler"] {
            assert_eq!(j[field].as_str().unwrap_or(""), c[field], "{field}");
        }
        for field in ["days_taken", "days_overdue"] {
            assert_eq!(j[field].as_i64().map(|n| n.to_string()).unwrap_or_default(), c[field], "{field}");
        }
    }
    let want = json!({
        "rows": 9, "received": 3, "closed_on_time": 4, "closed_late": 1, "open_within_deadline": 2,
        "open_overdue": 1, "withdrawn": 1, "extended": 1, "median_days_to_close": 36, "p90_days_to_close": 47
    });
    assert_eq!(json["summary"]["overall"]["totals"], want);
    assert_eq!(json["summary"]["registers"][0]["register"], "jokkerit");
    assert_eq!(json["summary"]["registers"][0]["totals"], want);
    assert_eq!(json["summary"]["registers"].as_array().unwrap().len(), 1);
    let mut by_kind = want.clone();
    by_kind["kind"] = json!("erasure");
    assert_eq!(json["summary"]["registers"][0]["by_kind"], json!([by_kind]));

    // HTML: the summary first, then the rows with their numbers; late and overdue rows carry a
    // class and a word.
    let r = fetch(&h, &app, "month=2026-04").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let summary_at = html.find("<h2>Summary</h2>").unwrap();
    assert!(summary_at < html.find("<h2>Requests</h2>").unwrap());
    assert!(html.contains("<tr class=\"total\"><th scope=\"row\">jokkerit</th><td>all kinds</td><td>9</td><td>3</td><td>4</td><td class=\"late\">1</td><td>2</td><td class=\"overdue\">1</td><td>1</td><td>1</td><td>36</td><td>47</td></tr>"), "{html}");
    for (row, (reference, want)) in rows.iter().zip(&expected) {
        let start = html.find(&format!("data-reference=\"{reference}\"")).unwrap();
        let tr = &html[html[..start].rfind("<tr").unwrap()..start + html[start..].find("</tr>").unwrap()];
        assert!(tr.contains(&format!("<td class=\"days-taken\">{}</td>", row["days_taken"])), "{tr}");
        assert!(tr.contains(&format!("<td class=\"days-overdue\">{}</td>", row["days_overdue"])), "{tr}");
        let on_time = format!("<td class=\"on-time\">{}", want.7);
        assert!(tr.contains(&on_time) || tr.contains(&on_time.replace('/', "&#x2f;")), "{tr}");
        match (want.7, want.8) {
            ("no", _) => assert!(tr.starts_with("<tr class=\"late\"") && tr.contains("LATE"), "{tr}"),
            ("open", days) if days != "0" => {
                assert!(tr.starts_with("<tr class=\"overdue\"") && tr.contains("OVERDUE"), "{tr}")
            }
            _ => assert!(
                !tr.contains("class=\"late\"") && !tr.contains("LATE") && !tr.contains("OVERDUE"),
                "{tr}"
            ),
        }
    }
    assert!(!html.contains(&jaccara) && !html.contains(&unverified));
    assert!(html.contains("href=\"/staff/reports/deadlines\""), "the navigation links the report");

    // Scope: another register is 404 for the handler in every format; its own handler sees only
    // its request; an admin sees both registers.
    for format in ["html", "csv", "json"] {
        assert_eq!(
            fetch(&h, &app, &format!("month=2026-04&register=jaccara&format={format}")).await.status(),
            404
        );
    }
    let j = sign_in_again(&app, "j@shop.fi").await;
    let theirs = fetch(&j, &app, "month=2026-04&format=csv").await.text().await.unwrap();
    let theirs: Vec<String> = parse_csv(&theirs).iter().map(|r| r["reference"].clone()).collect();
    assert_eq!(theirs, [jaccara.as_str()]);
    let admin = sign_in_again(&app, "a@shop.fi").await;
    let all: Value = fetch(&admin, &app, "month=2026-04&format=json").await.json().await.unwrap();
    assert_eq!(all["summary"]["overall"]["totals"]["rows"], 10);
    let one = fetch(&admin, &app, "month=2026-04&register=jokkerit&format=csv").await.text().await.unwrap();
    assert_eq!(one, csv_text, "the register's CSV is the handler's CSV");
    // For Excel: the same bytes after a UTF-8 byte-order mark (plain CSV has none).
    let excel = fetch(&h, &app, "month=2026-04&format=csv&bom=1").await.bytes().await.unwrap();
    assert_eq!(&excel[..3], b"\xEF\xBB\xBF");
    assert_eq!(&excel[3..], csv_text.as_bytes());
    assert!(!csv_text.starts_with('\u{feff}'));
    // A browser's bad month brings the form back with the format and the checkbox as chosen.
    let r = h
        .get(format!("{}/staff/reports/deadlines?month=2026-13&format=csv&bom=1", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("<option value=\"csv\" selected>"), "{page}");
    assert!(page.contains("name=\"bom\" value=\"1\" checked"), "{page}");

    // Bad input: 422 with the field named; never a 500.
    for (query, field) in [
        ("month=2026-13", "month"),
        ("month=April", "month"),
        ("month=2027-01", "month"),
        ("month=2026-04&format=xlsx", "format"),
    ] {
        let r = fetch(&h, &app, query).await;
        assert_eq!(r.status(), 422, "{query}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["field"], field, "{query}");
    }
    let anonymous = crate::support::staff::client();
    assert_eq!(fetch(&anonymous, &app, "month=2026-04").await.status(), 303);

    // The monthly email of April went to jokkerit's contact person with the same CSV (the first
    // drain runs the schedule's job, which queues the email for the next).
    app.deliver().await;
    let mail = app.last_mail_to("jouko.paunonen@jokkerit.fi").await;
    assert!(mail.subject().contains("2026-04"), "{}", mail.subject());
    let parsed = mail.parsed();
    let attachment = parsed.attachments().next().expect("a CSV attachment");
    assert_eq!(attachment.attachment_name(), Some("deadline-report-2026-04-jokkerit.csv"));
    assert_eq!(String::from_utf8(attachment.contents().to_vec()).unwrap(), csv_text);
    let text = mail.text();
    assert!(text.contains("Ratkaistu myöhässä: 1") && text.contains("Avoinna ja myöhässä: 1"), "{text}");
}

#[tokio::test]
async fn the_monthly_email_goes_once_per_register_and_month_with_two_workers_and_a_rerun() {
    let app = spawn_app().await;
    let reference = erasure(&app, "jokkerit", "p@example.fi").await;
    // The account's creation and first sign-in are in the audit log before the report is made.
    ready_account(&app, "a@shop.fi", StaffRole::Admin, &[]).await;
    app.worker.register_schedules().await.unwrap();
    let options = dsr_desk::startup::Options {
        clock: Arc::new(app.clock.clone()),
        registry: dsr_desk::jobs::Registry::builtin().unwrap(),
        run_worker: false,
        env: dsr_desk::config::EnvVars::process(),
    };
    let (_, other) = dsr_desk::startup::worker(&app.settings, &options).await.unwrap();
    other.register_schedules().await.unwrap();

    // Wed 1 April 07:00 UTC (10:00 in Helsinki): March is reported.
    app.clock.set(Utc.with_ymd_and_hms(2026, 4, 1, 7, 0, 0).unwrap());
    for _ in 0..3 {
        let (x, y) = tokio::join!(app.worker.drain(), other.drain());
        x.unwrap();
        y.unwrap();
    }
    // A rerun of the job (as after a retry) and the next days' runs send nothing more.
    let mut conn = app.db.conn().await;
    let now = app.clock.now();
    dsr_desk::db::jobs::enqueue(&mut conn, "monthly_reports", json!({}), None, now, now).await.unwrap();
    for _ in 0..2 {
        app.clock.advance(chrono::Duration::days(1));
        let (x, y) = tokio::join!(app.worker.drain(), other.drain());
        x.unwrap();
        y.unwrap();
    }
    let templates: Vec<(Option<String>, String)> = outbox_messages::table
        .filter(outbox_messages::template.eq("monthly_report"))
        .select((outbox_messages::register_key, outbox_messages::status))
        .order(outbox_messages::register_key)
        .load(&mut conn)
        .await
        .unwrap();
    let registers = ["jaccara", "jerone", "jokkerit", "konekesko", "webstrella"];
    assert_eq!(
        templates,
        registers.iter().map(|r| (Some(r.to_string()), "sent".to_owned())).collect::<Vec<_>>(),
        "one report per register"
    );
    let sent: Vec<(String, chrono::NaiveDate)> = monthly_reports_sent::table
        .select((monthly_reports_sent::register_key, monthly_reports_sent::month))
        .order(monthly_reports_sent::register_key)
        .load(&mut conn)
        .await
        .unwrap();
    assert!(sent.iter().all(|(_, m)| m.to_string() == "2026-03-01") && sent.len() == 5, "{sent:?}");

    let reports: Vec<_> =
        app.deliver().await.into_iter().filter(|m| m.subject().contains("2026-03")).collect();
    assert_eq!(reports.len(), 5);
    // Konekesko's and Webstrella's contact persons have no email address and the registers no
    // handlers: their reports go to the administrator.
    assert_eq!(reports.iter().filter(|m| m.rcpt_to == ["a@shop.fi"]).count(), 2);
    let jokkerit = reports.iter().find(|m| m.rcpt_to == ["jouko.paunonen@jokkerit.fi"]).unwrap();
    let parsed = jokkerit.parsed();
    let csv_text = String::from_utf8(parsed.attachments().next().unwrap().contents().to_vec()).unwrap();
    let rows = parse_csv(&csv_text);
    assert_eq!(rows.len(), 1);
    // Received Mon 2 Mar, due Thu 2 Apr: open within the deadline on 31 March.
    assert_eq!(
        (
            rows[0]["reference"].as_str(),
            rows[0]["due"].as_str(),
            rows[0]["on_time"].as_str(),
            rows[0]["days_overdue"].as_str()
        ),
        (reference.as_str(), "2026-04-02", "open", "0")
    );
    // The summary in the body, in the register's language (Finnish).
    assert!(jokkerit.text().contains("Pyyntöjä raportissa: 1"), "{}", jokkerit.text());
    // The chains' heads when the report was made, published outside the database: the digest of
    // the register's one request timeline as it stood then, and the audit log's last record.
    let mut conn = app.db.conn().await;
    let made_at = Utc.with_ymd_and_hms(2026, 4, 1, 7, 0, 0).unwrap();
    let id: dsr_desk::domain::RequestId = dsr_desk::db::schema::requests::table
        .filter(dsr_desk::db::schema::requests::reference.eq(&reference))
        .select(dsr_desk::db::schema::requests::id)
        .first(&mut conn)
        .await
        .unwrap();
    let chain = dsr_desk::db::events::chain(&mut conn, id).await.unwrap();
    let then = chain.iter().rev().find(|e| e.occurred_at <= made_at).unwrap();
    let digest =
        dsr_desk::domain::audit::requests_digest(&[(reference.clone(), then.seq, then.hash.clone())]);
    let audit = dsr_desk::db::audit::chain_after(&mut conn, 0, 100).await.unwrap();
    let last = audit.iter().rev().find(|r| r.occurred_at <= made_at).unwrap();
    let text = jokkerit.text().replace("\r\n", " ").replace('\n', " ");
    let anchor = format!("lokikirjaus {}, tiiviste {}", last.seq, hex::encode(&last.hash));
    assert!(text.contains(&anchor), "{anchor} in {text}");
    assert!(text.contains(&digest), "{digest} in {text}");
    // The same CSV as the staff page's (the clock has moved, but March's cut-off has not).
    let admin = sign_in_again(&app, "a@shop.fi").await;
    let page = fetch(&admin, &app, "month=2026-03&register=jokkerit&format=csv").await.text().await.unwrap();
    assert_eq!(page, csv_text);
}

#[tokio::test]
async fn the_command_line_writes_the_report_and_refuses_bad_input_with_exit_2() {
    let app = app::spawn_app().await;
    let reference = erasure(&app, "jokkerit", "cli@example.fi").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("march.csv");
    let out = dsr(
        &app.db.url,
        &["report", "--month", "2026-03", "--register", "jokkerit", "--output", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 rows"), "a closing line on stderr");
    let rows = parse_csv(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["reference"], reference);

    let out = dsr(&app.db.url, &["report", "--month", "2026-03", "--format", "json"]);
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["overall"]["totals"]["rows"], 1);
    assert_eq!(
        json["summary"]["registers"].as_array().unwrap().len(),
        5,
        "the command line sees every register"
    );

    let out = dsr(&app.db.url, &["report", "--month", "2026-03", "--format", "html"]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains(&reference));

    for args in [
        vec!["report", "--month", "2026-3"],
        vec!["report", "--month", "March"],
        vec!["report", "--month", "2026-03", "--register", "nosuch"],
    ] {
        let out = dsr(&app.db.url, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--month") || err.contains("--register"), "{err}");
    }
}

fn on_date(app: &TestApp, year: i32, month: u32, day: u32) {
    app.clock.set(Utc.with_ymd_and_hms(year, month, day, 9, 0, 0).unwrap());
}

#[tokio::test]
async fn an_answer_recorded_days_after_it_arrived_pauses_the_deadline_only_until_its_arrival() {
    let app = spawn_app().await;
    on_date(&app, 2026, 11, 2);
    ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    // Received Mon 2 Nov 2026.
    let r = erasure(&app, "jokkerit", "letter@example.fi").await;
    on_date(&app, 2026, 11, 9);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &r, "claim", &[]).await).await;
    ok(act(&app, &h, &r, "ask", &[("reason", "clarification"), ("question", "Which account?")]).await).await;
    // The letter arrived Thu 12 Nov; staff record it on Sun 15 Nov, three days later.
    on_date(&app, 2026, 11, 15);
    let h = sign_in_again(&app, "h@shop.fi").await;
    for (arrived_on, reason) in [
        ("2026-11-08", "cannot be before the question was sent (9 November 2026)"),
        ("2026-11-16", "cannot be in the future (today is 15 November 2026)"),
        ("12.11.2026", "must be a date (YYYY-MM-DD)"),
    ] {
        let refused = act(&app, &h, &r, "resume", &[("arrived_on", arrived_on), ("note", "By letter")]).await;
        assert_eq!(refused.status(), 422, "{arrived_on}");
        let page = refused.text().await.unwrap();
        assert!(page.contains(reason), "{arrived_on}: {page}");
    }
    ok(act(&app, &h, &r, "resume", &[("arrived_on", "2026-11-12"), ("note", "By letter")]).await).await;
    // Paused Mon 9 – Thu 12 Nov: 3 days. One month = Wed 2 Dec, + 3 = Sat 5 Dec; Sun 6 Dec is
    // Independence Day → Mon 7 Dec. Counting to the day it was recorded (6 days) would give
    // Tue 8 Dec.
    let page =
        h.get(format!("{}/staff/requests/{r}", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("7 December 2026"), "{page}");
    assert!(!page.contains("8 December 2026"), "{page}");
    // Completed on Tue 8 Dec: one day late, and the report says so.
    on_date(&app, 2026, 12, 8);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &r, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await).await;
    let rows = parse_csv(&fetch(&h, &app, "month=2026-12&format=csv").await.text().await.unwrap());
    let row = rows.iter().find(|row| row["reference"] == r).expect("the request's row");
    let got = (row["received_on"].as_str(), row["deadline"].as_str(), row["closed_on"].as_str());
    assert_eq!(got, ("2026-11-02", "2026-12-07", "2026-12-08"));
    assert_eq!((row["on_time"].as_str(), row["days_overdue"].as_str()), ("no", "1"));
}

#[tokio::test]
async fn a_pause_that_ends_on_its_arrival_moves_the_deadline_past_a_weekday_holiday() {
    let app = spawn_app().await;
    on_date(&app, 2026, 12, 3);
    ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    // Received Thu 3 Dec 2026; asked Mon 7 Dec; the letter arrived Thu 10 Dec (3 paused days),
    // recorded Sat 12 Dec (5 days after the question).
    let r = erasure(&app, "jokkerit", "epiphany@example.fi").await;
    on_date(&app, 2026, 12, 7);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &r, "claim", &[]).await).await;
    ok(act(&app, &h, &r, "ask", &[("reason", "clarification"), ("question", "Which account?")]).await).await;
    on_date(&app, 2026, 12, 12);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &r, "resume", &[("arrived_on", "2026-12-10"), ("note", "By letter")]).await).await;
    // One month = Sun 3 Jan 2027, + 3 = Wed 6 Jan, Epiphany → Thu 7 Jan. Without the holiday it
    // would be Wed 6 Jan; counting to the day it was recorded (5 days), Fri 8 Jan.
    let page =
        h.get(format!("{}/staff/requests/{r}", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("7 January 2027"), "{page}");
    assert!(!page.contains("6 January 2027") && !page.contains("8 January 2027"), "{page}");
    // Answered on Thu 7 Jan: on time, and the report says so.
    on_date(&app, 2027, 1, 7);
    let h = sign_in_again(&app, "h@shop.fi").await;
    ok(act(&app, &h, &r, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await).await;
    let rows = parse_csv(&fetch(&h, &app, "month=2027-01&format=csv").await.text().await.unwrap());
    let row = rows.iter().find(|row| row["reference"] == r).expect("the request's row");
    let got = (row["received_on"].as_str(), row["deadline"].as_str(), row["closed_on"].as_str());
    assert_eq!(got, ("2026-12-03", "2027-01-07", "2027-01-07"));
    assert_eq!((row["on_time"].as_str(), row["days_overdue"].as_str()), ("yes", "0"));
}

/// A verified correction request of two items in jokkerit; returns its reference.
async fn correction(app: &TestApp, email: &str) -> String {
    let body = json!({"register": "jokkerit", "kind": "correction", "language": "en",
        "requester": {"name": "C", "email": email},
        "items": [{"field": "Address", "corrected_value": "New 2"}, {"field": "Phone", "corrected_value": "050 1"}]});
    let answer: Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to(email).await.code();
    let verify = format!("/api/v1/requests/{reference}/verify");
    assert_eq!(app.post_json(&verify, &json!({"code": code})).await.status(), 200);
    reference
}

#[tokio::test]
async fn a_correction_with_every_item_rejected_is_a_refusal_due_in_one_month_and_a_late_partial_one_is_flagged()
 {
    let app = spawn_app().await;
    ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    // Both received Mon 2 Mar 2026: one month = Thu 2 Apr; extended on 20 Mar to Tue 2 Jun.
    let all = correction(&app, "all@example.fi").await;
    let part = correction(&app, "part@example.fi").await;
    on(&app, 3, 20);
    let h = sign_in_again(&app, "h@shop.fi").await;
    for r in [&all, &part] {
        ok(act(&app, &h, r, "extend", &[("reasons", "Two systems to search.")]).await).await;
    }
    // Wed 8 Apr: inside the extension, after the one-month deadline.
    on(&app, 4, 8);
    let h = sign_in_again(&app, "h@shop.fi").await;
    let rejected = [
        ("item0_outcome", "rejected"),
        ("item0_reason", "The address is correct."),
        ("item1_outcome", "rejected"),
        ("item1_reason", "We hold no phone numbers."),
    ];
    ok(act(&app, &h, &all, "complete", &rejected).await).await;
    let mail = app.last_mail_to("all@example.fi").await.text();
    assert!(mail.contains("we cannot carry out your request"), "refusal wording: {mail}");
    assert!(
        mail.contains("We hold no phone numbers.") && mail.contains("Data Protection Ombudsman"),
        "{mail}"
    );
    let partly = [
        ("item0_outcome", "corrected"),
        ("item1_outcome", "rejected"),
        ("item1_reason", "We hold no phone numbers."),
        ("recipients", "Posti Oy"),
    ];
    ok(act(&app, &h, &part, "complete", &partly).await).await;
    let page = h.get(format!("{}/staff/requests/{part}", app.address)).send().await.unwrap();
    let page = page.text().await.unwrap();
    assert!(page.contains("refusal sent after the one-month deadline"), "{page}");

    let rows = parse_csv(&fetch(&h, &app, "month=2026-04&format=csv").await.text().await.unwrap());
    let row = |reference: &str| rows.iter().find(|row| row["reference"] == reference).cloned().unwrap();
    let all = row(&all);
    // A refusal: judged by the one-month deadline although the request was extended: 6 days late.
    let got = (
        &all["status"][..],
        &all["outcome"][..],
        &all["due"][..],
        &all["on_time"][..],
        &all["days_overdue"][..],
    );
    assert_eq!(got, ("refused", "rejected", "2026-04-02", "no", "6"));
    // Partly corrected inside the extension: on time, with the late refusal part flagged.
    let part = row(&part);
    let got = (&part["status"][..], &part["due"][..], &part["on_time"][..], &part["refusal_late"][..]);
    assert_eq!(got, ("completed", "2026-06-02", "yes", "yes"));
    assert_eq!(all["refusal_late"], "");
}
