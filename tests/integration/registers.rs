//! Registers: validated at start-up (a bad file stops it, naming file and field) and synced into
//! the database, where a register removed from config keeps its history.

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Duration, TimeZone, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{registers, reminders_sent, requests};
use dsr_desk::domain::StaffRole;

use crate::support::app::{self, TEST_SECRET, project_root};
use crate::support::db::TestDb;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, sign_in_again, verified_request};

#[tokio::test]
async fn the_five_seed_registers_are_synced_at_start_up() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().await;
    let rows: Vec<(String, String, String, bool)> = registers::table
        .select((registers::key, registers::jurisdiction, registers::controller_name, registers::active))
        .order(registers::key)
        .load(&mut conn)
        .await
        .unwrap();
    let expected = [
        ("jaccara", "Jaccara Pro Oy"),
        ("jerone", "Jerone Group Oy"),
        ("jokkerit", "Jokkerit Trading Oy"),
        ("konekesko", "Konekesko Oy"),
        ("webstrella", "Webstrella"),
    ];
    assert_eq!(rows.len(), 5);
    for ((key, jurisdiction, controller, active), (want_key, want_controller)) in rows.iter().zip(expected) {
        assert_eq!((key.as_str(), controller.as_str()), (want_key, want_controller));
        assert_eq!(jurisdiction, "fi");
        assert!(active);
    }
    let jerone_languages: Vec<Option<String>> =
        registers::table.find("jerone").select(registers::languages).first(&mut conn).await.unwrap();
    assert_eq!(jerone_languages[0].as_deref(), Some("et"));
}

#[tokio::test]
async fn a_register_removed_from_config_is_kept_inactive() {
    let first = spawn_app().await;
    let dir = registers_without("konekesko");
    let _second = app::spawn_app_with(app::Options {
        database_url: Some(first.db.url.clone()),
        registers_dir: Some(dir.path().to_owned()),
        ..Default::default()
    })
    .await;
    let mut conn = first.db.conn().await;
    let konekesko: (bool, String) = registers::table
        .find("konekesko")
        .select((registers::active, registers::register_name))
        .first(&mut conn)
        .await
        .unwrap();
    assert_eq!(konekesko, (false, "Konekesko Webshop asiakasrekisteri".to_owned()));
    let active: i64 =
        registers::table.filter(registers::active.eq(true)).count().get_result(&mut conn).await.unwrap();
    assert_eq!(active, 4);
}

/// A register folder with every example register but `removed`.
fn registers_without(removed: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for key in
        ["jaccara", "jerone", "jokkerit", "konekesko", "webstrella"].into_iter().filter(|k| *k != removed)
    {
        std::fs::copy(
            project_root().join(format!("config/registers/{key}.toml")),
            dir.path().join(format!("{key}.toml")),
        )
        .unwrap();
    }
    dir
}

/// Runs `dsr-desk serve` with the given register folder and returns (success, stderr).
fn serve_with_registers(dir: &Path, db_url: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
        .arg("serve")
        .current_dir(project_root())
        .env("DSR__REGISTERS__DIR", dir)
        .env("DSR__SECURITY__SECRET_KEY", TEST_SECRET)
        .env("DSR__HTTP__BIND", "127.0.0.1:0")
        .env("DATABASE_URL", db_url)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn seed(key: &str) -> String {
    std::fs::read_to_string(project_root().join(format!("config/registers/{key}.toml"))).unwrap()
}

/// A complete register file, small: every field a privacy notice needs.
const MINIMAL: &str = r#"
key = "shop"
jurisdiction = "fi"
languages = ["fi", "en"]
register_name = { fi = "Asiakasrekisteri", en = "Customer register" }
data_categories = ["Nimi ja sähköpostiosoite"]
objection_purposes = ["direct_advertising"]
sources = ["data_subject"]
recipients = "none"
transfers = "none"
retention = "Asiakassuhteen ajan ja kaksi vuotta sen päättymisestä."
automated_decisions = "none"

[[purposes]]
purpose = "Tilausten toimittaminen"
legal_basis = "contract"

[controller]
name = "Shop Oy"
business_id = "1004339-7"
address = "Katu 1, 00100 Helsinki"

[contact]
name = "Pia"
phone = "050 123 4567"

[complaint_authority]
name = "Tietosuojavaltuutetun toimisto"
web = "https://tietosuoja.fi"
"#;

/// `MINIMAL` with the lines from the one starting `from` up to (not including) the next blank line
/// removed.
fn without(from: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in MINIMAL.lines() {
        if line.starts_with(from) {
            skipping = true;
        } else if line.is_empty() {
            skipping = false;
        }
        if !skipping {
            out.push(line);
        }
    }
    out.join("\n")
}

#[tokio::test]
async fn bad_register_files_stop_start_up_naming_file_and_field() {
    let db = TestDb::migrated().await;
    // The minimal file itself starts.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("shop.toml"), MINIMAL).unwrap();
    let registers = dsr_desk::registers::load_dir(dir.path()).unwrap();
    assert_eq!(registers[0].purposes.len(), 1);

    let cases: Vec<(&str, String, &str)> = vec![
        (
            "no-controller-name.toml",
            MINIMAL.replace("name = \"Shop Oy\"", "name = \" \""),
            "`controller.name`: is required",
        ),
        (
            "unreachable-controller.toml",
            MINIMAL.replace("address = \"Katu 1, 00100 Helsinki\"\n", ""),
            "`controller`: needs a way to reach the controller",
        ),
        ("bad-business-id.toml", MINIMAL.replace("1004339-7", "1004339-8"), "`controller.business_id`"),
        ("no-purposes.toml", without("[[purposes]]"), "`purposes`: must list at least one purpose"),
        (
            "no-legal-basis.toml",
            MINIMAL.replace("legal_basis = \"contract\"", "legal_basis = \"g\""),
            "`purposes[0].legal_basis`",
        ),
        ("no-authority.toml", without("[complaint_authority]"), "`complaint_authority`: is required"),
        (
            "no-recipients.toml",
            MINIMAL.replace("recipients = \"none\"\n", ""),
            "`purposes[0].recipients`: is required",
        ),
        (
            "placeholder-email.toml",
            MINIMAL.replace("phone = \"050 123 4567\"", "email = \"pia@shop.invalid\""),
            "`contact.email`: `pia@shop.invalid` is on the reserved .invalid domain",
        ),
        (
            "unreachable-contact.toml",
            MINIMAL.replace("phone = \"050 123 4567\"\n", ""),
            "`contact`: needs a way",
        ),
        (
            "bad-jurisdiction.toml",
            seed("jokkerit").replace("jurisdiction = \"fi\"", "jurisdiction = \"se\""),
            "jurisdiction",
        ),
        ("zz-duplicate.toml", seed("jokkerit"), "duplicate key `jokkerit`"),
    ];
    for (file, content, field) in cases {
        let dir = tempfile::tempdir().unwrap();
        if file == "zz-duplicate.toml" {
            std::fs::write(dir.path().join("jokkerit.toml"), seed("jokkerit")).unwrap();
        }
        std::fs::write(dir.path().join(file), content).unwrap();
        let (ok, stderr) = serve_with_registers(dir.path(), &db.url);
        assert!(!ok, "{file}: start-up should fail");
        assert!(stderr.contains(file), "{file}: stderr does not name the file: {stderr}");
        assert!(stderr.contains(field), "{file}: stderr does not name `{field}`: {stderr}");
    }
}

#[tokio::test]
async fn what_a_register_description_leaves_unsaid_is_logged_at_start_up_naming_file_and_field() {
    let db = TestDb::migrated().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("shop.toml"),
        MINIMAL.replace("transfers = \"none\"", "transfers = \"not_stated\""),
    )
    .unwrap();
    // Any command that loads the registers logs it; `staff add` does and then exits.
    let out = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
        .args(["staff", "add", "--email", "a@shop.fi", "--name", "A", "--role", "admin"])
        .current_dir(project_root())
        .env("DSR__REGISTERS__DIR", dir.path())
        .env("DSR__SECURITY__SECRET_KEY", TEST_SECRET)
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("shop.toml: field `transfers`: not stated"), "{stderr}");
}

#[tokio::test]
async fn a_removed_registers_requests_stay_visible_to_admins_get_reminders_and_are_anonymised() {
    let first = spawn_app().await;
    let reference = verified_request(&first, "konekesko", "kept@example.fi").await;
    let dir = registers_without("konekesko");
    let app = app::spawn_app_with(app::Options {
        database_url: Some(first.db.url.clone()),
        registers_dir: Some(dir.path().to_owned()),
        ..Default::default()
    })
    .await;
    // It takes no new requests...
    assert_eq!(app.get("/r/konekesko/request").await.status(), 404);
    // ...but its request is still an admin's to see and work, marked inactive.
    let admin = StaffClient::ready(&app, "admin@shop.fi", StaffRole::Admin, &[]).await;
    let page = admin.get(&format!("/staff/requests/{reference}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("(inactive"));
    let queue = admin.get("/staff/queue").await.text().await.unwrap();
    assert!(queue.contains(&reference) && queue.contains("konekesko (inactive)"), "{queue}");

    // Reminders: received Mon 2 Mar, due Thu 2 Apr; seven working days before is Tue 24 Mar.
    app.clock.set(Utc.with_ymd_and_hms(2026, 3, 24, 7, 0, 0).unwrap());
    app.worker.register_schedules().await.unwrap();
    app.clock.set(Utc.with_ymd_and_hms(2026, 3, 24, 7, 6, 0).unwrap());
    app.worker.drain().await.unwrap();
    let mut conn = first.db.conn().await;
    let reminders: i64 = reminders_sent::table.count().get_result(&mut conn).await.unwrap();
    assert_eq!(reminders, 1, "the request of the removed register is reminded");

    // Retention: closed, then anonymised on schedule (a new session: the clock has moved).
    let admin = StaffClient::of(&app, &sign_in_again(&app, "admin@shop.fi").await);
    let r = admin.act(&reference, "refuse", &[("reasons", "Not a customer of ours.")]).await;
    assert_eq!(r.status(), 303);
    app.clock.advance(Duration::days(1096));
    app.worker.drain().await.unwrap();
    app.worker.drain().await.unwrap();
    let anonymised: Option<DateTime<Utc>> = requests::table
        .filter(requests::reference.eq(&reference))
        .select(requests::anonymised_at)
        .first(&mut conn)
        .await
        .unwrap();
    assert!(anonymised.is_some(), "anonymised after its register's retention period");
}
