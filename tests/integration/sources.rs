//! Data sources: a verified request's data collected from a real PostgreSQL shop, a real MariaDB
//! (WooCommerce-like) and a newsletter tool's HTTP API; reviewed by a handler (rows left out,
//! sources re-run), answered as files and a printable copy; erasure carried out in all three;
//! `dsr-desk sources check` and `sources lookup`.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::collections;
use dsr_desk::domain::StaffRole;
use serde_json::{Value, json};
use sqlx::Row;

use crate::support::app::{Options, TEST_SECRET, TestApp, project_root, spawn_app_with};
use crate::support::sources::{MAIJA, PEKKA, SOURCES, Shop, registers_with};
use crate::support::staff::{StaffClient, act, verified_request_with};

/// A test app whose `jokkerit` collects from `shop`'s three systems (`extra` appended to the file).
async fn app_with(shop: &Shop, extra: &str) -> (TestApp, tempfile::TempDir) {
    let registers = registers_with(&format!("{SOURCES}{extra}"));
    let app = spawn_app_with(Options {
        registers_dir: Some(registers.path().to_owned()),
        env: shop.env(),
        ..Default::default()
    })
    .await;
    (app, registers)
}

/// A verified request of `kind` by Maija (customer number `number`); returns its reference.
async fn request(app: &TestApp, kind: &str, number: &str) -> String {
    let body = json!({"register": "jokkerit", "kind": kind, "language": "en",
        "requester": {"name": "Maija Mallikas", "email": MAIJA, "customer_number": number}});
    verified_request_with(app, body).await
}

/// A lookup's result as stored: source, lookup, status, records, reason.
type Stored = (String, String, String, Option<Value>, Option<String>);

/// Each lookup's result as stored.
async fn stored(app: &TestApp) -> Vec<Stored> {
    let mut conn = app.db.conn().await;
    collections::table
        .order((collections::source, collections::lookup))
        .select((
            collections::source,
            collections::lookup,
            collections::status,
            collections::records,
            collections::reason,
        ))
        .load(&mut conn)
        .await
        .unwrap()
}

fn status_of<'a>(rows: &'a [Stored], source: &str, lookup: &str) -> &'a str {
    rows.iter().find(|r| r.0 == source && r.1 == lookup).map(|r| r.2.as_str()).unwrap_or("missing")
}

#[tokio::test]
async fn an_inspection_collects_from_every_source_and_the_answer_carries_the_reviewed_copy() {
    let shop = Shop::start().await;
    let (app, _dir) = app_with(&shop, "").await;
    let staff = StaffClient::ready(&app, "dpo@jokkerit.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = request(&app, "inspection", "C-100").await;
    app.deliver().await;
    let rows = stored(&app).await;
    for (source, lookup, status) in [
        ("shop", "customer", "ok"),
        ("shop", "orders", "ok"),
        ("shop", "tickets", "ok"),
        ("shop", "by_number", "not_run"),
        ("woocommerce", "account", "ok"),
        ("woocommerce", "orders", "ok"),
        ("newsletter", "member", "ok"),
    ] {
        assert_eq!(status_of(&rows, source, lookup), status, "{source}/{lookup}: {rows:?}");
    }
    // Only Maija's rows, never Pekka's.
    let all = serde_json::to_string(&rows).unwrap();
    assert!(!all.contains("Pekka") && !all.contains(PEKKA) && !all.contains("C-200"), "{all}");

    // The handler sees each source's tables and leaves the ticket about a friend out.
    let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    for shown in [
        "Data from the company&#39;s systems",
        "shop / orders",
        "woocommerce / account",
        "newsletter / member",
        "59.9",
        "42.5",
        "Liisa Laine",
    ] {
        assert!(page.contains(shown), "{shown} on the page");
    }
    let r = staff
        .post(
            &format!("/staff/requests/{reference}/sources/exclude"),
            &[
                ("source", "shop"),
                ("lookup", "tickets"),
                ("rows", "2"),
                ("reason", "Names another person (Art 15(4))"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = staff
        .post(
            &format!("/staff/requests/{reference}/sources/exclude"),
            &[("source", "shop"), ("lookup", "tickets"), ("rows", "9"), ("reason", "x")],
        )
        .await;
    assert_eq!(r.status(), 422, "no row 9");
    let events = app.events(&reference).await;
    let excluded = events.iter().find(|(kind, _)| kind == "data_excluded").expect("the exclusion's event");
    assert_eq!(excluded.1["rows"], json!([2]));
    assert!(!excluded.1.to_string().contains("another person"), "the reason is a note, not in the event");

    let r =
        act(&app, &staff.http, &reference, "complete", &[("message", "Your data are in the files.")]).await;
    assert_eq!(r.status(), 303);
    // The rows are no longer kept once they are the answer's files.
    assert!(stored(&app).await.iter().all(|r| r.3.is_none()));

    // The requester opens the answer: the copy's files and its printable form.
    let link = app.last_mail_to(MAIJA).await.link("/download/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();
    assert_eq!(app.post_form(&format!("{path}/code"), &[]).await.status(), 200);
    let code = app.last_mail_to(MAIJA).await.code();
    let page = app.post_form(&path, &[("code", &code)]).await.text().await.unwrap();
    let file_link = |name: &str| {
        let at = page.find(&format!(">{name}<")).unwrap_or_else(|| panic!("{name} listed: {page}"));
        let href = page[..at].rsplit("href=\"").next().unwrap().split('"').next().unwrap();
        href.replace("&amp;", "&")
    };
    let json_copy: Value = app.get(&file_link("your-data.json")).await.json().await.unwrap();
    let lookup = |source: &str, name: &str| -> Vec<Value> {
        json_copy["lookups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["source"] == source && l["lookup"] == name)
            .map(|l| l["rows"].as_array().unwrap().clone())
            .unwrap_or_default()
    };
    assert_eq!(
        lookup("shop", "customer"),
        vec![
            json!({"customer_number": "C-100", "name": "Maija Mallikas", "email": "Maija.Mallikas@example.fi", "phone": "+358401234567"})
        ]
    );
    assert_eq!(
        lookup("shop", "orders"),
        vec![
            json!({"id": 1, "placed_at": "2025-11-02T10:15:00+00:00", "total": 59.90}),
            json!({"id": 2, "placed_at": "2026-01-20T18:40:00+00:00", "total": 120.00}),
        ]
    );
    assert_eq!(
        lookup("shop", "tickets"),
        vec![json!({"id": 1, "subject": "Delivery", "body": "The parcel came late."})],
        "row 2 left out"
    );
    assert_eq!(
        lookup("woocommerce", "orders"),
        vec![
            json!({"id": 1, "status": "wc-completed", "total_amount": 42.5, "date_created_gmt": "2025-12-24 12:00:00"})
        ]
    );
    assert_eq!(lookup("woocommerce", "account")[0]["user_login"], "maija");
    assert_eq!(
        lookup("newsletter", "member"),
        vec![json!({"email": MAIJA, "status": "subscribed", "lists": ["offers"], "joined": "2025-03-01"})]
    );
    assert!(lookup("shop", "by_number").is_empty());
    let csv = app.get(&file_link("shop-orders.csv")).await.text().await.unwrap();
    assert_eq!(csv.lines().next(), Some("id,placed_at,total"));
    // The printable copy: the Art 15 information, then the data by category.
    let print = page
        .split("href=\"")
        .find(|h| h.contains("/print?"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let printed = app.get(&print).await.text().await.unwrap();
    let art15 = printed.find("id=\"art15\"").expect("the Art 15 block");
    let data = printed.find("Your data in our systems").expect("the data");
    assert!(art15 < data);
    for shown in ["Purchase data", "59.9", "wc-completed", "offers"] {
        assert!(printed[data..].contains(shown), "{shown} in the printable copy");
    }
    assert!(!printed.contains("Liisa Laine"), "the left-out row is not printed");

    // At the end of the retention period nothing collected remains, not even a status's message.
    app.worker.register_schedules().await.unwrap();
    app.clock.advance(chrono::Duration::days(1096));
    app.deliver().await;
    app.deliver().await;
    assert!(stored(&app).await.is_empty());
    assert!(app.db.columns_containing("C-100").await.is_empty());
}

#[tokio::test]
async fn an_unverified_customer_number_alone_selects_nothing() {
    let shop = Shop::start().await;
    let (app, _dir) = app_with(&shop, "").await;
    // Pekka's customer number given with Maija's verified address.
    request(&app, "inspection", "C-200").await;
    app.deliver().await;
    let rows = stored(&app).await;
    assert_eq!(status_of(&rows, "shop", "by_number"), "not_run");
    let reason = rows.iter().find(|r| r.1 == "by_number").and_then(|r| r.4.clone()).unwrap_or_default();
    assert!(reason.contains("does not match the verified email address"), "{reason}");
    let all = serde_json::to_string(&rows).unwrap();
    assert!(!all.contains("Pekka") && !all.contains(PEKKA), "{all}");
}

#[tokio::test]
async fn a_source_that_is_down_or_slow_fails_alone_and_is_collected_again_on_request() {
    let shop = Shop::start().await;
    let slow = r#"
[[data_sources]]
name = "slow"
kind = "postgres"
url_env = "TEST_SHOP_DATABASE_URL"
timeout_secs = 1
retries = 0
[[data_sources.lookups]]
name = "sleepy"
category = "Ostotiedot"
query = "SELECT pg_sleep(3) AS slept, name FROM customers WHERE lower(email) = lower(:email)"
"#;
    let (app, _dir) = app_with(&shop, slow).await;
    let staff = StaffClient::ready(&app, "dpo@jokkerit.fi", StaffRole::Handler, &["jokkerit"]).await;
    shop.api.set_down(true);
    let reference = request(&app, "inspection", "C-100").await;
    app.deliver().await;
    let rows = stored(&app).await;
    assert_eq!(status_of(&rows, "newsletter", "member"), "failed");
    assert_eq!(status_of(&rows, "slow", "sleepy"), "failed");
    assert_eq!(status_of(&rows, "shop", "orders"), "ok", "the others are collected");
    assert_eq!(status_of(&rows, "woocommerce", "orders"), "ok");
    let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(page.contains("503"), "the failure is shown");
    // No answer misses a system silently.
    let r = act(&app, &staff.http, &reference, "complete", &[("message", "Data attached.")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("could not be collected"));
    // Up again: re-run that source.
    shop.api.set_down(false);
    let r =
        staff.post(&format!("/staff/requests/{reference}/sources/rerun"), &[("source", "newsletter")]).await;
    assert_eq!(r.status(), 303);
    app.deliver().await;
    assert_eq!(status_of(&stored(&app).await, "newsletter", "member"), "ok");
    let r = staff.post(&format!("/staff/requests/{reference}/sources/rerun"), &[("source", "nosuch")]).await;
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn a_lookup_cannot_write_in_either_database() {
    let shop = Shop::start().await;
    let writes = r#"
[[data_sources]]
name = "sneaky"
kind = "postgres"
url_env = "TEST_SHOP_DATABASE_URL"
retries = 0
# A statement that writes is no lookup, wherever it hides.
[[data_sources.lookups]]
name = "rename"
category = "Ostotiedot"
query = "WITH changed AS (UPDATE customers SET name = 'changed' WHERE lower(email) = lower(:email) RETURNING name) SELECT name FROM changed"
# Nor is a function that writes: the read-only transaction refuses it.
[[data_sources.lookups]]
name = "counter"
category = "Ostotiedot"
query = "SELECT nextval('orders_id_seq') AS n, name FROM customers WHERE lower(email) = lower(:email)"
"#;
    let (app, _dir) = app_with(&shop, writes).await;
    request(&app, "inspection", "C-100").await;
    app.deliver().await;
    let rows = stored(&app).await;
    assert_eq!(status_of(&rows, "sneaky", "rename"), "failed");
    assert_eq!(status_of(&rows, "sneaky", "counter"), "failed");
    let reason = rows.iter().find(|r| r.1 == "counter").and_then(|r| r.4.clone()).unwrap_or_default();
    assert!(reason.contains("read-only transaction"), "{reason}");
    let pool = sqlx::PgPool::connect(&shop.pg.url).await.unwrap();
    let name: String = sqlx::query("SELECT name FROM customers WHERE customer_number = 'C-100'")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(name, "Maija Mallikas", "nothing was written");
    let next: i64 =
        sqlx::query("SELECT last_value FROM orders_id_seq").fetch_one(&pool).await.unwrap().get(0);
    assert_eq!(next, 3, "the sequence did not move");
    assert_eq!(status_of(&rows, "shop", "orders"), "ok");
}

#[tokio::test]
async fn an_erasure_runs_in_the_shop_databases_and_the_api_and_the_answer_lists_each() {
    let shop = Shop::start().await;
    let (app, _dir) = app_with(&shop, "").await;
    let staff = StaffClient::ready(&app, "dpo@jokkerit.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = request(&app, "erasure", "C-100").await;
    app.deliver().await;
    // What the erasure would touch: the rows found, and the steps per source.
    let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(
        page.contains("Erasure in the systems") && page.contains("shop / customer (anonymised): not run yet"),
        "{page}"
    );
    // Not answered before the systems are erased.
    let r = act(
        &app,
        &staff.http,
        &reference,
        "complete",
        &[("erasure_outcome", "erased"), ("no_recipients", "1")],
    )
    .await;
    assert_eq!(r.status(), 409, "{}", r.text().await.unwrap());
    let r = staff.post(&format!("/staff/requests/{reference}/sources/erase"), &[]).await;
    assert_eq!(r.status(), 303);
    app.deliver().await;

    let pool = sqlx::PgPool::connect(&shop.pg.url).await.unwrap();
    let maija = sqlx::query("SELECT name, email FROM customers WHERE customer_number = 'C-100'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        (maija.get::<Option<String>, _>(0), maija.get::<Option<String>, _>(1)),
        (None, None),
        "anonymised"
    );
    let tickets: i64 =
        sqlx::query("SELECT count(*) FROM support_tickets").fetch_one(&pool).await.unwrap().get(0);
    assert_eq!(tickets, 0, "Maija's tickets deleted");
    let pekka: String = sqlx::query("SELECT name FROM customers WHERE customer_number = 'C-200'")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(pekka, "Pekka Puupää", "no one else's");
    let woo = sqlx::MySqlPool::connect(&shop.mariadb_url).await.unwrap();
    let left: i64 = sqlx::query("SELECT count(*) FROM wc_orders WHERE billing_email IS NOT NULL")
        .fetch_one(&woo)
        .await
        .unwrap()
        .get(0);
    assert_eq!(left, 1, "Pekka's order keeps its address");
    assert_eq!(shop.api.state.lock().unwrap().deleted, vec![MAIJA.to_owned()]);

    let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(page.contains("shop / customer (anonymised): done, 1 row(s)"), "{page}");
    assert!(page.contains("shop / tickets (erased): done, 2 row(s)"));
    assert!(page.contains("newsletter / member (erased): done"));
    let r = act(
        &app,
        &staff.http,
        &reference,
        "complete",
        &[("erasure_outcome", "erased"), ("no_recipients", "1")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let answer = app.last_mail_to(MAIJA).await.text();
    for line in ["- shop: anonymised", "- shop: erased", "- woocommerce: anonymised", "- newsletter: erased"]
    {
        assert!(answer.contains(line), "{line} in the answer:\n{answer}");
    }
    let events = app.events(&reference).await;
    assert!(events.iter().any(|(kind, payload)| kind == "erased_in_sources"
        && payload["steps"].as_array().is_some_and(|s| s.len() == 4)));
}

#[tokio::test]
async fn sources_check_reports_a_lookup_without_an_index_and_lookup_prints_json() {
    let shop = Shop::start().await;
    let registers = registers_with(SOURCES);
    // Run without blocking: the newsletter API is served by this test's own runtime.
    let dsr = async |args: &[&str]| {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        command
            .args(args)
            .current_dir(project_root())
            .env("DSR__SECURITY__SECRET_KEY", TEST_SECRET)
            .env("DSR__REGISTERS__DIR", registers.path());
        for (k, v) in shop.env() {
            command.env(k, v);
        }
        command.output().await.unwrap()
    };
    let out = dsr(&["sources", "check", "--register", "jokkerit"]).await;
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{printed}{}", String::from_utf8_lossy(&out.stderr));
    // wc_orders has no index on billing_email; the shop's tables have theirs.
    assert!(
        printed.contains("woocommerce: PROBLEM lookup orders: reads the whole table `wc_orders`"),
        "{printed}"
    );
    assert!(printed.contains("shop: ok lookup customer"), "{printed}");
    // The shop indexes customers by address and orders by customer; its tickets are not indexed.
    assert!(!printed.contains("reads the whole table `customers`"), "{printed}");
    assert!(!printed.contains("reads the whole table `orders`"), "{printed}");
    assert!(
        printed.contains("shop: PROBLEM lookup tickets: reads the whole table `support_tickets`"),
        "{printed}"
    );
    assert!(!printed.contains("reads the whole table `wp_users`"), "{printed}");

    let out = dsr(&["sources", "lookup", "--register", "jokkerit", "--email", MAIJA]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    let orders = found["lookups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["source"] == "shop" && l["lookup"] == "orders")
        .unwrap();
    assert_eq!(orders["rows"].as_array().unwrap().len(), 2);
    assert_eq!(dsr(&["sources", "check", "--register", "nosuch"]).await.status.code(), Some(2));
    let bad = dsr(&["sources", "lookup", "--register", "jokkerit", "--email", "not-an-address"]).await;
    assert_eq!(bad.status.code(), Some(2));
}

#[tokio::test]
async fn a_missing_secret_or_a_bad_source_stops_start_up_naming_it() {
    let registers = registers_with(SOURCES);
    let settings = crate::support::app::test_settings("postgres://unused", 25, registers.path());
    let options = dsr_desk::startup::Options {
        clock: std::sync::Arc::new(dsr_desk::clock::SystemClock),
        registry: dsr_desk::jobs::Registry::builtin().unwrap(),
        run_worker: false,
        env: dsr_desk::config::EnvVars::fixed([("TEST_SHOP_DATABASE_URL", "postgres://x@127.0.0.1/shop")]),
    };
    let registers_loaded = dsr_desk::startup::load_registers(&settings).unwrap();
    let err = dsr_desk::startup::data_sources(&registers_loaded, &options.env).unwrap_err().to_string();
    assert!(
        err.contains(
            "data source `woocommerce`: the environment variable TEST_WOO_DATABASE_URL (url_env) is not set"
        ),
        "{err}"
    );
    let bad = registers_with("\n[[data_sources]]\nname = \"x\"\nkind = \"oracle\"\nurl_env = \"X\"\n");
    let err = dsr_desk::registers::load_dir(bad.path()).unwrap_err().to_string();
    assert!(err.contains("jokkerit.toml") && err.contains("data_sources[0].kind"), "{err}");
}

#[tokio::test]
async fn portability_collects_what_the_requester_provided_in_the_format_asked_for() {
    let shop = Shop::start().await;
    let (app, _dir) = app_with(&shop, "").await;
    let staff = StaffClient::ready(&app, "dpo@jokkerit.fi", StaffRole::Handler, &["jokkerit"]).await;
    let body = json!({"register": "jokkerit", "kind": "portability", "language": "en", "format": "csv",
        "requester": {"name": "Maija Mallikas", "email": MAIJA}});
    let reference = verified_request_with(&app, body).await;
    app.deliver().await;
    // Only the lookups of data the requester provided (the shop's customer and orders).
    let rows = stored(&app).await;
    let collected: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    assert_eq!(collected, vec![("shop", "customer"), ("shop", "orders")]);
    // No file uploaded: the collected data are the machine-readable files, as CSV.
    let r = act(&app, &staff.http, &reference, "complete", &[("message", "Your orders.")]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let mut conn = app.db.conn().await;
    use dsr_desk::db::schema::answer_attachments as att;
    let names: Vec<String> = att::table.select(att::file_name).order(att::id).load(&mut conn).await.unwrap();
    assert_eq!(names, vec!["shop-customer.csv".to_owned(), "shop-orders.csv".to_owned()]);
}
