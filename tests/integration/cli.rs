//! The `dsr-desk` command line: `staff add`, `migrate`, `deadlines` and graceful shutdown of `serve`.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{staff_accounts, staff_registers};

use crate::support::app::{TEST_SECRET, dsr, project_root};
use crate::support::db::TestDb;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn staff_add_prints_a_one_time_password_and_stores_only_its_argon2id_hash() {
    let db = TestDb::migrated().await;
    let out = dsr(
        &db.url,
        &["staff", "add", "--email", "Admin@Example.fi", "--name", "Ada Admin", "--role", "admin"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let password =
        stdout.lines().find_map(|l| l.split("): ").nth(1)).expect("password line").trim().to_owned();
    assert_eq!(password.len(), 20);

    let mut conn = db.conn().await;
    let (role, hash): (String, String) = staff_accounts::table
        .select((staff_accounts::role, staff_accounts::password_hash))
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(role, "admin");
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    assert!(!hash.contains(&password));

    // Once only: the same address (any case) is refused, or skipped on request.
    let again =
        dsr(&db.url, &["staff", "add", "--email", "admin@example.fi", "--name", "A", "--role", "admin"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"));
    let skip = dsr(
        &db.url,
        &["staff", "add", "--email", "admin@example.fi", "--name", "A", "--role", "admin", "--skip-existing"],
    );
    assert!(skip.status.success());
    assert!(!text(&skip.stdout).contains("password"));
    let n: i64 = staff_accounts::table.count().get_result(&mut conn).await.unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn staff_add_grants_handlers_their_registers_and_names_bad_input() {
    let db = TestDb::migrated().await;
    let ok = dsr(
        &db.url,
        &[
            "staff",
            "add",
            "--email",
            "h@jokkerit.fi",
            "--name",
            "Hanna",
            "--role",
            "handler",
            "--register",
            "jokkerit",
            "--register",
            "jerone",
        ],
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let mut conn = db.conn().await;
    let mut grants: Vec<String> =
        staff_registers::table.select(staff_registers::register_key).load(&mut conn).await.unwrap();
    grants.sort();
    assert_eq!(grants, ["jerone", "jokkerit"]);

    let cases: [(&[&str], &str); 3] = [
        (
            &["--email", "x@y.fi", "--name", "X", "--role", "handler", "--register", "nope"],
            "unknown or inactive register `nope`",
        ),
        (&["--email", "x@y.fi", "--name", "X", "--role", "handler"], "--register"),
        (&["--email", "not-an-email", "--name", "X", "--role", "admin"], "--email"),
    ];
    for (args, message) in cases {
        let mut full = vec!["staff", "add"];
        full.extend_from_slice(args);
        let out = dsr(&db.url, &full);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(message), "{args:?}: {}", text(&out.stderr));
    }
}

#[tokio::test]
async fn migrate_reports_up_to_date_on_a_migrated_database() {
    let db = TestDb::empty().await;
    let first = dsr(&db.url, &["migrate"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("applied"));
    let second = dsr(&db.url, &["migrate"]);
    assert_eq!(text(&second.stdout).trim(), "migrations: up to date");
}

#[test]
fn deadlines_reads_stdin_writes_csv_and_exits_2_after_a_bad_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
        .args(["deadlines", "--jurisdiction", "fi"])
        .env_remove("DATABASE_URL")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"2025-11-24\n2025-13-01\n2026-05-19\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // LAW.md 1.3: Christmas Eve on a weekday (fi) and Midsummer Eve (fi).
    assert_eq!(
        text(&out.stdout),
        "received,deadline,extended_deadline\n2025-11-24,2025-12-29,2026-02-24\n2026-05-19,2026-06-22,2026-08-19\n"
    );
    assert!(text(&out.stderr).contains("line 2"), "{}", text(&out.stderr));
}

#[tokio::test]
async fn serve_drains_and_exits_cleanly_on_sigterm() {
    let db = TestDb::migrated().await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
        .arg("serve")
        .current_dir(project_root())
        .env("DSR__SECURITY__SECRET_KEY", TEST_SECRET)
        .env("DSR__HTTP__BIND", "127.0.0.1:0")
        .env("DSR__LOG__FORMAT", "json")
        .env("DATABASE_URL", &db.url)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it serves (it logs the bound port), then ask it to stop.
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let serving = rx
        .recv_timeout(Duration::from_secs(30))
        .into_iter()
        .chain(rx.iter())
        .find(|l| l.contains("dsr-desk serving"));
    assert!(serving.is_some(), "the server did not start");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    // The reader thread passes on the last lines until the pipe closes: wait for that, not just
    // for what it has passed on so far.
    let until = std::time::Instant::now() + Duration::from_secs(10);
    let mut rest = Vec::new();
    while let Ok(line) = rx.recv_timeout(until.saturating_duration_since(std::time::Instant::now())) {
        rest.push(line);
    }
    assert!(rest.iter().any(|l| l.contains("dsr-desk stopped")), "{rest:?}");
}
