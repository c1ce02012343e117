//! The email outbox, the job runner and schedules, against real PostgreSQL and the SMTP capture
//! server: transactional enqueue, retries with backoff, dead letters, racing workers, NOTIFY wake-up
//! and the file transport.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use dsr_desk::db::jobs::Job;
use dsr_desk::db::schema::{jobs, outbox_messages};
use dsr_desk::domain::{Email as Address, Language, RequestKind};
use dsr_desk::email::{Email, Sender, Verification};
use dsr_desk::jobs::{JobContext, JobHandler, Permanent, Registry, Schedule};
use dsr_desk::outbox::{Outgoing, enqueue};
use futures_util::future::BoxFuture;
use lettre::message::Mailbox;

use crate::support::app::{self, TestApp, dsr};
use crate::support::spawn_app;

fn verification(reference: &str) -> Email {
    Email::Verification(Verification {
        sender: Sender {
            controller: "Jokkerit Trading Oy".into(),
            register: "Jokkerit Trading Oy verkkokauppa-asiakasrekisteri".into(),
            contact_name: "Jouko Paunonen".into(),
            contact_email: Some("jouko.paunonen@jokkerit.fi".into()),
            contact_other: Vec::new(),
            privacy_link: None,
            on_paper: false,
        },
        reference: reference.into(),
        name: "Matti Meikäläinen".into(),
        kind: RequestKind::Inspection,
        link: format!("https://dsr.example.fi/verify/{reference}-token"),
        code: "123456".into(),
        jurisdiction: dsr_desk::domain::Jurisdiction::Fi,
        expires_at: Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap(),
    })
}

/// Enqueues one verification email in its own committed transaction.
async fn enqueue_one(
    app: &TestApp,
    conn: &mut AsyncPgConnection,
    to: &str,
    reference: &str,
    language: Language,
) -> String {
    let from: Mailbox = app.settings.mail.from.mailbox().clone();
    let to = Address::parse(to).unwrap();
    let reply_to = Address::parse("jouko.paunonen@jokkerit.fi").unwrap();
    let now = dsr_desk::clock::Clock::now(&app.clock);
    conn.transaction::<_, dsr_desk::db::DbError, _>(async |conn| {
        enqueue(
            conn,
            &from,
            Outgoing {
                request_id: None,
                register_key: Some("jokkerit"),
                to: &to,
                reply_to: Some(&reply_to),
                language,
                email: verification(reference),
            },
            now,
        )
        .await
    })
    .await
    .unwrap()
}

async fn next_attempts(conn: &mut AsyncPgConnection) -> Vec<chrono::DateTime<Utc>> {
    outbox_messages::table.select(outbox_messages::next_attempt_at).load(conn).await.unwrap()
}

async fn statuses(conn: &mut AsyncPgConnection) -> Vec<(String, i32)> {
    outbox_messages::table
        .select((outbox_messages::status, outbox_messages::attempts))
        .order(outbox_messages::id)
        .load(conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn only_committed_emails_are_sent_with_both_parts_language_subject_and_stored_message_id() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    let from: Mailbox = app.settings.mail.from.mailbox().clone();
    let to = Address::parse("rolled.back@example.fi").unwrap();
    let now = Utc::now();
    let rolled_back = conn
        .transaction::<(), dsr_desk::db::DbError, _>(async |conn| {
            let outgoing = Outgoing {
                request_id: None,
                register_key: Some("jokkerit"),
                to: &to,
                reply_to: None,
                language: Language::Fi,
                email: verification("DSR-ROLLBACK"),
            };
            enqueue(conn, &from, outgoing, now).await?;
            Err(dsr_desk::db::DbError::Query(diesel::result::Error::RollbackTransaction))
        })
        .await;
    assert!(rolled_back.is_err());
    let message_id = enqueue_one(&app, &mut conn, "matti@example.fi", "DSR-COMMITTED", Language::Fi).await;

    let drained = app.worker.drain().await.unwrap();
    assert_eq!(drained.sent, 1);
    let got = app.smtp.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 1, "only the committed email is sent");
    assert_eq!(got[0].rcpt_to, ["matti@example.fi"]);
    let parsed = got[0].parsed();
    assert_eq!(parsed.subject(), Some("Vahvista pyyntösi DSR-COMMITTED"));
    assert_eq!(parsed.message_id().map(|id| format!("<{id}>")), Some(message_id.clone()));
    assert_eq!(parsed.header("Content-Language").and_then(|h| h.as_text()), Some("fi"));
    assert_eq!(
        parsed.reply_to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("jouko.paunonen@jokkerit.fi")
    );
    let text = parsed.body_text(0).unwrap();
    let html = parsed.body_html(0).unwrap();
    assert!(text.contains("123456") && html.contains("123456"));
    assert!(text.contains("https://dsr.example.fi/verify/DSR-COMMITTED-token"));
    assert!(html.contains("href=\"https://dsr.example.fi/verify/DSR-COMMITTED-token\""));

    let (status, stored_id, payload): (String, String, serde_json::Value) = outbox_messages::table
        .select((outbox_messages::status, outbox_messages::message_id, outbox_messages::payload))
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!((status.as_str(), stored_id), ("sent", message_id));
    assert_eq!(payload, serde_json::json!({}), "the one-time code must not stay in the database");
}

#[tokio::test]
async fn an_smtp_outage_backs_off_then_two_racing_workers_deliver_each_row_once() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    let mut ids = Vec::new();
    for n in 0..6 {
        ids.push(
            enqueue_one(&app, &mut conn, &format!("person{n}@example.fi"), &format!("DSR-{n}"), Language::En)
                .await,
        );
    }
    app.smtp.stop();

    crate::support::db::reset_statements(&mut conn).await;
    let first = app.worker.drain().await.unwrap();
    assert_eq!((first.sent, first.retrying), (0, 6));
    // A failed send ends its batch: each claim tries one message while the relay is down.
    let claims =
        crate::support::db::statements(&mut conn, "SELECT %FROM \"outbox_messages\"%SKIP LOCKED%").await;
    assert_eq!(claims, 7, "six claims of one message each, then the one that finds none due");
    let start = dsr_desk::clock::Clock::now(&app.clock);
    let after_first = next_attempts(&mut conn).await;
    assert!(after_first.iter().all(|t| (*t - start).num_seconds() == 30), "{after_first:?}");
    // Nothing is due before the backoff has passed.
    assert_eq!(app.worker.drain().await.unwrap(), Default::default());

    app.clock.advance(chrono::Duration::seconds(31));
    let second = app.worker.drain().await.unwrap();
    assert_eq!(second.retrying, 6);
    let now = dsr_desk::clock::Clock::now(&app.clock);
    let after_second = next_attempts(&mut conn).await;
    assert!(after_second.iter().all(|t| (*t - now).num_seconds() == 60), "backoff grows: {after_second:?}");
    assert!(statuses(&mut conn).await.iter().all(|(s, a)| s == "pending" && *a == 2));

    app.smtp.restart().await;
    app.clock.advance(chrono::Duration::seconds(61));
    // A second worker with its own pool, as on another instance.
    let settings = app.settings.clone();
    let options = dsr_desk::startup::Options {
        clock: Arc::new(app.clock.clone()),
        registry: Registry::builtin().unwrap(),
        run_worker: false,
        env: dsr_desk::config::EnvVars::process(),
    };
    let (_, other) = dsr_desk::startup::worker(&settings, &options).await.unwrap();
    let (a, b) = tokio::join!(app.worker.drain(), other.drain());
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 6);

    let got = app.smtp.wait_for(6, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 6, "every message exactly once");
    let mut seen: Vec<String> =
        got.iter().map(|m| format!("<{}>", m.parsed().message_id().unwrap())).collect();
    seen.sort();
    ids.sort();
    assert_eq!(seen, ids);
    assert!(statuses(&mut conn).await.iter().all(|(s, a)| s == "sent" && *a == 3));
}

#[tokio::test]
async fn the_worker_claims_messages_in_batches_and_sends_each_once() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    for n in 0..40 {
        enqueue_one(&app, &mut conn, &format!("batch{n}@example.fi"), &format!("DSR-B{n}"), Language::Fi)
            .await;
    }
    crate::support::db::reset_statements(&mut conn).await;
    assert_eq!(app.worker.drain().await.unwrap().sent, 40);
    assert_eq!(app.smtp.wait_for(40, Duration::from_secs(5)).await.len(), 40);
    // 16 + 16 + 8, then the claim that finds nothing: one claim per batch, not per message.
    let claims =
        crate::support::db::statements(&mut conn, "SELECT %FROM \"outbox_messages\"%SKIP LOCKED%").await;
    assert_eq!(claims, 4);
    assert!(statuses(&mut conn).await.iter().all(|(s, a)| s == "sent" && *a == 1));
}

#[tokio::test]
async fn a_permanent_failure_turns_dead_at_once_is_listed_and_retry_resends_it() {
    let app = app::spawn_app_with(app::Options {
        overrides: vec![("worker.max_attempts", serde_json::json!(3))],
        ..Default::default()
    })
    .await;
    app.smtp.reject("nobody@example.fi");
    let mut conn = app.db.conn().await;
    enqueue_one(&app, &mut conn, "nobody@example.fi", "DSR-DEAD", Language::Sv).await;
    // A 550 cannot pass by itself: the first refusal parks the email, whatever the budget.
    assert_eq!(app.worker.drain().await.unwrap().dead, 1);
    app.clock.advance(chrono::Duration::hours(2));
    let (status, attempts, error): (String, i32, Option<String>) = outbox_messages::table
        .select((outbox_messages::status, outbox_messages::attempts, outbox_messages::last_error))
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!((status.as_str(), attempts), ("dead", 1));
    let error = error.unwrap();
    assert!(error.contains("550"), "{error}");
    assert!(!error.contains("nobody@example.fi"), "addresses are redacted from stored errors: {error}");
    assert!(app.smtp.messages().is_empty());
    // Dead rows are not retried by the worker.
    assert_eq!(app.worker.drain().await.unwrap(), Default::default());

    let listed = dsr(&app.db.url, &["outbox", "list", "--dead"]);
    let listing = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.status.success());
    let row = listing.lines().nth(1).expect("one dead row");
    assert!(row.contains("\tdead\t1\tverification\tsv\tjokkerit"), "{listing}");
    assert!(!listing.contains("nobody@example.fi"));
    let id = row.split('\t').next().unwrap();

    app.smtp.accept_all();
    let retried = dsr(&app.db.url, &["outbox", "retry", id]);
    assert!(retried.status.success(), "{}", String::from_utf8_lossy(&retried.stderr));
    let unknown = dsr(&app.db.url, &["outbox", "retry", "999999"]);
    assert_eq!(unknown.status.code(), Some(2));
    // `retry` stamps the row due at the wall clock; bring the test clock there.
    app.clock.set(Utc::now() + chrono::Duration::seconds(1));
    assert_eq!(app.worker.drain().await.unwrap().sent, 1);
    let got = app.smtp.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(got[0].parsed().subject(), Some("Bekräfta din begäran DSR-DEAD"));
}

/// Counts its runs; each run also writes a row so that the effect is visible in the database.
struct Tick(Arc<AtomicUsize>);

impl JobHandler for Tick {
    fn run<'a>(
        &'a self,
        _: &'a mut AsyncPgConnection,
        _: &'a JobContext,
        _: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Ok(()) })
    }
}

/// Writes a job of kind `ran` and fails, permanently when its payload says so; `failed` writes a
/// job of kind `noted` (due in 2100) with the error and the retry time it was told.
struct Failing;

impl JobHandler for Failing {
    fn run<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        _: &'a JobContext,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            dsr_desk::db::jobs::enqueue(conn, "ran", serde_json::json!({}), None, job.run_at, job.run_at)
                .await?;
            let error = anyhow::anyhow!("the endpoint said no");
            if job.payload["permanent"] == true { Err(error.context(Permanent)) } else { Err(error) }
        })
    }

    fn failed<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        _: &'a JobContext,
        job: &'a Job,
        error: &'a anyhow::Error,
        retry_at: Option<chrono::DateTime<Utc>>,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let note = serde_json::json!({ "error": format!("{error:#}"), "retry_at": retry_at });
            let later = Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).unwrap();
            dsr_desk::db::jobs::enqueue(conn, "noted", note, None, later, job.run_at).await?;
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_failed_job_keeps_what_failed_records_and_a_permanent_failure_is_dead_at_once() {
    let registry = Registry::default().with_handler("failing", Failing);
    let app = app::spawn_app_with(app::Options { registry: Some(registry), ..Default::default() }).await;
    app.expect_failed_work();
    let mut conn = app.db.conn().await;
    let now = dsr_desk::clock::Clock::now(&app.clock);
    for permanent in [false, true] {
        let payload = serde_json::json!({ "permanent": permanent });
        dsr_desk::db::jobs::enqueue(&mut conn, "failing", payload, None, now, now).await.unwrap();
    }
    let drained = app.worker.drain().await.unwrap();
    assert_eq!((drained.jobs_done, drained.jobs_failed), (0, 2));
    let of_kind = |kind: &'static str| {
        jobs::table.filter(jobs::kind.eq(kind)).order(jobs::id).select((jobs::status, jobs::payload))
    };
    let failing: Vec<(String, serde_json::Value)> = of_kind("failing").load(&mut conn).await.unwrap();
    let states: Vec<&str> = failing.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(states, ["pending", "dead"], "retried, and parked at once");
    let ran: Vec<(String, serde_json::Value)> = of_kind("ran").load(&mut conn).await.unwrap();
    assert!(ran.is_empty(), "a failed run's writes roll back");
    let noted: Vec<serde_json::Value> = of_kind("noted")
        .load::<(String, serde_json::Value)>(&mut conn)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let retry = (now + chrono::Duration::seconds(30)).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    assert_eq!(
        noted,
        [
            serde_json::json!({ "error": "the endpoint said no", "retry_at": retry }),
            serde_json::json!({ "error": "not retried: the endpoint said no", "retry_at": null }),
        ]
    );
}

#[tokio::test]
async fn a_due_schedule_runs_once_when_two_workers_race_and_never_twice() {
    let runs = Arc::new(AtomicUsize::new(0));
    let schedule = Schedule::new("test-daily", "0 7 * * *", chrono_tz::Europe::Helsinki, "tick").unwrap();
    let registry = Registry::default().with_handler("tick", Tick(runs.clone())).with_schedule(schedule);
    let app =
        app::spawn_app_with(app::Options { registry: Some(registry.clone()), ..Default::default() }).await;
    app.worker.register_schedules().await.unwrap();
    let options = dsr_desk::startup::Options {
        clock: Arc::new(app.clock.clone()),
        registry,
        run_worker: false,
        env: dsr_desk::config::EnvVars::process(),
    };
    let (_, other) = dsr_desk::startup::worker(&app.settings, &options).await.unwrap();
    other.register_schedules().await.unwrap();

    // Not due yet (the clock starts at 09:00 UTC = 11:00 Helsinki).
    let (a, b) = tokio::join!(app.worker.drain(), other.drain());
    assert_eq!(a.unwrap().scheduled + b.unwrap().scheduled, 0);

    app.clock.advance(chrono::Duration::hours(20)); // past 07:00 Helsinki next morning
    for _ in 0..5 {
        let (a, b) = tokio::join!(app.worker.drain(), other.drain());
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(a.scheduled + b.scheduled <= 1);
    }
    assert_eq!(AtomicUsize::load(&runs, Ordering::SeqCst), 1);
    let mut conn = app.db.conn().await;
    let done: Vec<String> =
        jobs::table.filter(jobs::kind.eq("tick")).select(jobs::status).load(&mut conn).await.unwrap();
    assert_eq!(done, ["done"]);

    app.clock.advance(chrono::Duration::days(1));
    let (a, b) = tokio::join!(app.worker.drain(), other.drain());
    assert_eq!(a.unwrap().scheduled + b.unwrap().scheduled, 1);
    assert_eq!(AtomicUsize::load(&runs, Ordering::SeqCst), 2);
}

#[tokio::test]
async fn the_background_worker_wakes_on_notify_without_waiting_for_the_poll() {
    let app = app::spawn_app_with(app::Options {
        run_worker: true,
        overrides: vec![("worker.poll_interval_secs", serde_json::json!(3600))],
        ..Default::default()
    })
    .await;
    // Let the worker start listening (it drains once on start, finding nothing).
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut conn = app.db.conn().await;
    enqueue_one(&app, &mut conn, "quick@example.fi", "DSR-NOTIFY", Language::Et).await;
    let got = app.smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(got.len(), 1, "the NOTIFY from the insert woke the worker");
    assert_eq!(got[0].parsed().subject(), Some("Kinnitage oma taotlus DSR-NOTIFY"));
}

#[tokio::test]
async fn the_file_transport_writes_one_readable_eml_per_message() {
    let dir = tempfile::tempdir().unwrap();
    let app = app::spawn_app_with(app::Options {
        overrides: vec![
            ("mail.transport", serde_json::json!("file")),
            ("mail.file_dir", serde_json::json!(dir.path())),
        ],
        ..Default::default()
    })
    .await;
    let mut conn = app.db.conn().await;
    enqueue_one(&app, &mut conn, "one@example.fi", "DSR-F1", Language::Fi).await;
    enqueue_one(&app, &mut conn, "two@example.fi", "DSR-F2", Language::En).await;
    assert_eq!(app.worker.drain().await.unwrap().sent, 2);
    let mut subjects: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .map(|p| {
            let raw = std::fs::read(&p).unwrap();
            let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
            assert!(parsed.body_html(0).is_some() && parsed.body_text(0).is_some());
            parsed.subject().unwrap().to_owned()
        })
        .collect();
    subjects.sort();
    assert_eq!(subjects, ["Confirm your request DSR-F2", "Vahvista pyyntösi DSR-F1"]);
    assert!(app.smtp.messages().is_empty());
}

#[tokio::test]
#[should_panic(expected = "failed unnoticed")]
async fn the_harness_fails_a_test_that_leaves_a_failed_email_behind() {
    let app = app::spawn_app().await;
    app.smtp.defer("bounce@example.fi");
    let mut conn = app.db.conn().await;
    enqueue_one(&app, &mut conn, "bounce@example.fi", "DSR-BNCE", Language::Fi).await;
    assert_eq!(app.worker.drain().await.unwrap().retrying, 1);
    // Every assertion held; dropping the app still fails the test for the email left failing.
}

#[tokio::test]
async fn each_email_is_recorded_sent_right_after_its_delivery_so_a_crash_mid_batch_resends_at_most_one() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    for n in 0..6 {
        enqueue_one(&app, &mut conn, &format!("crash{n}@example.fi"), &format!("DSR-C{n}"), Language::Fi)
            .await;
    }
    // The relay hangs on the fourth message of the batch.
    app.smtp.hold("crash3@example.fi");
    let worker = app.worker.clone();
    let drain = tokio::spawn(async move { worker.drain().await });
    assert_eq!(app.smtp.wait_for(3, Duration::from_secs(5)).await.len(), 3);
    let mut sent = 0;
    for _ in 0..50 {
        sent = statuses(&mut conn).await.iter().filter(|(s, _)| s == "sent").count();
        if sent == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sent, 3, "the three delivered messages are recorded while the batch still runs");

    // The worker dies mid-batch; its unsent messages are due again when their lease ends.
    drain.abort();
    let _ = drain.await;
    // A new relay process: the hung session is gone.
    app.smtp.accept_all();
    app.smtp.restart().await;
    app.clock.advance(chrono::Duration::minutes(11));
    assert_eq!(app.worker.drain().await.unwrap().sent, 3);
    let got = app.smtp.wait_for(6, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 6, "each message once: the one in flight never reached the relay");
    assert!(statuses(&mut conn).await.iter().all(|(s, _)| s == "sent"));
}

#[tokio::test]
async fn what_a_dead_worker_left_unsent_is_due_again_when_worker_mail_lease_secs_ends() {
    let app = app::spawn_app_with(app::Options {
        overrides: vec![("worker.mail_lease_secs", serde_json::json!(30))],
        ..Default::default()
    })
    .await;
    let mut conn = app.db.conn().await;
    for n in 0..3 {
        enqueue_one(&app, &mut conn, &format!("lease{n}@example.fi"), &format!("DSR-L{n}"), Language::En)
            .await;
    }
    // The relay hangs on the first message: the worker holds the whole batch when it dies.
    app.smtp.hold("lease0@example.fi");
    let worker = app.worker.clone();
    let drain = tokio::spawn(async move { worker.drain().await });
    let now = dsr_desk::clock::Clock::now(&app.clock);
    for _ in 0..50 {
        if next_attempts(&mut conn).await.iter().all(|t| *t > now) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(next_attempts(&mut conn).await.iter().all(|t| *t == now + chrono::Duration::seconds(30)));
    drain.abort();
    let _ = drain.await;
    app.smtp.accept_all();
    app.smtp.restart().await;

    app.clock.advance(chrono::Duration::seconds(29));
    assert_eq!(app.worker.drain().await.unwrap().sent, 0, "still leased to the worker that died");
    app.clock.advance(chrono::Duration::seconds(2));
    assert_eq!(app.worker.drain().await.unwrap().sent, 3, "due again once the lease ended");
    assert_eq!(app.smtp.wait_for(3, Duration::from_secs(5)).await.len(), 3);
}

#[tokio::test]
async fn a_transient_failure_is_retried_hourly_for_days_and_a_refusal_is_dead_at_once() {
    let app = spawn_app().await;
    app.expect_failed_work();
    app.smtp.defer("later@example.fi");
    app.smtp.reject("never@example.fi");
    let mut conn = app.db.conn().await;
    enqueue_one(&app, &mut conn, "later@example.fi", "DSR-LATER", Language::Fi).await;
    enqueue_one(&app, &mut conn, "never@example.fi", "DSR-NEVER", Language::Fi).await;

    let first = app.worker.drain().await.unwrap();
    assert_eq!((first.retrying, first.dead), (1, 1), "the 550 is parked at once, the 451 retried");
    // Two days of a relay answering 451: far more attempts than `max_attempts`, an hour apart at
    // most, and the email is still waiting.
    for _ in 0..48 {
        app.clock.advance(chrono::Duration::hours(1));
        let drained = app.worker.drain().await.unwrap();
        assert_eq!((drained.retrying, drained.dead), (1, 0));
    }
    let (status, attempts): (String, i32) = outbox_messages::table
        .select((outbox_messages::status, outbox_messages::attempts))
        .filter(outbox_messages::recipient.eq("later@example.fi"))
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(status, "pending");
    assert!(attempts > 40, "{attempts}");
    let now = dsr_desk::clock::Clock::now(&app.clock);
    assert!(next_attempts(&mut conn).await.iter().all(|t| (*t - now).num_seconds() <= 3600));

    app.smtp.accept_all();
    app.clock.advance(chrono::Duration::hours(1));
    assert_eq!(app.worker.drain().await.unwrap().sent, 1);
    assert_eq!(app.smtp.wait_for(1, Duration::from_secs(5)).await.len(), 1);
}

#[tokio::test]
async fn a_transient_failure_past_the_retry_period_is_dead_and_retry_all_dead_queues_every_one_again() {
    let app = app::spawn_app_with(app::Options {
        overrides: vec![("worker.mail_retry_hours", serde_json::json!(2))],
        ..Default::default()
    })
    .await;
    app.smtp.stop();
    let mut conn = app.db.conn().await;
    for n in 0..3 {
        enqueue_one(&app, &mut conn, &format!("outage{n}@example.fi"), &format!("DSR-O{n}"), Language::En)
            .await;
    }
    let mut dead = 0;
    for _ in 0..20 {
        dead += app.worker.drain().await.unwrap().dead;
        app.clock.advance(chrono::Duration::minutes(30));
    }
    assert_eq!(dead, 3, "after the two-hour retry period (and the attempt budget) each is parked");
    assert!(statuses(&mut conn).await.iter().all(|(s, _)| s == "dead"));

    app.smtp.restart().await;
    let retried = dsr(&app.db.url, &["outbox", "retry", "--all-dead"]);
    assert!(retried.status.success(), "{}", String::from_utf8_lossy(&retried.stderr));
    assert!(String::from_utf8_lossy(&retried.stdout).contains("3 dead messages queued again"));
    app.clock.set(Utc::now() + chrono::Duration::seconds(1));
    assert_eq!(app.worker.drain().await.unwrap().sent, 3);
    assert_eq!(app.smtp.wait_for(3, Duration::from_secs(5)).await.len(), 3);
    let neither = dsr(&app.db.url, &["outbox", "retry"]);
    assert_eq!(neither.status.code(), Some(2), "an id or --all-dead is required");
}
