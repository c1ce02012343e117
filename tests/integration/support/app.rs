//! The application spawned on port 0 against a fresh database, with mail going to a real SMTP
//! server on loopback.

use std::path::{Path, PathBuf};

use actix_web::dev::ServerHandle;
use chrono::{TimeZone, Utc};
use dsr_desk::clock::ManualClock;
use dsr_desk::config::Settings;
use dsr_desk::jobs::{Registry, Worker};
use dsr_desk::startup::{self, Application};
use figment::Figment;
use figment::providers::{Format, Serialized, Toml};

use super::db::TestDb;
use super::smtp::SmtpServer;

pub const TEST_SECRET: &str = "test-secret-key-0123456789abcdef0123456789";

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub db: TestDb,
    pub smtp: SmtpServer,
    pub settings: Settings,
    pub client: reqwest::Client,
    /// The app's clock: tests move it instead of sleeping.
    pub clock: ManualClock,
    /// The app's worker (not running by itself unless `Options::run_worker`): `drain()` it.
    pub worker: Worker,
    handle: ServerHandle,
    /// Set by tests that make emails or jobs fail on purpose; otherwise a failed one fails the test.
    failed_work_expected: std::cell::Cell<bool>,
}

/// Options for [`spawn_app_with`].
#[derive(Default)]
pub struct Options {
    /// Database URL the app connects to (defaults to the test database's own).
    pub database_url: Option<String>,
    /// Register folder (defaults to the shipped `config/registers`).
    pub registers_dir: Option<PathBuf>,
    /// Jobs and schedules (defaults to the built-in ones).
    pub registry: Option<Registry>,
    /// Run the background worker (off by default: tests drain it by hand, deterministically).
    pub run_worker: bool,
    /// Settings overrides merged last, e.g. `("worker.max_attempts", 3)`.
    pub overrides: Vec<(&'static str, serde_json::Value)>,
    /// The environment variables register files name (webhook secrets, data sources' URLs);
    /// none by default (the process's own are not read).
    pub env: Vec<(&'static str, String)>,
}

pub fn project_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Settings for a test: the shipped defaults with the test's database, SMTP server and secret.
pub fn test_settings(db_url: &str, smtp_port: u16, registers_dir: &Path) -> Settings {
    test_settings_with(db_url, smtp_port, registers_dir, &[])
}

pub fn test_settings_with(
    db_url: &str,
    smtp_port: u16,
    registers_dir: &Path,
    overrides: &[(&'static str, serde_json::Value)],
) -> Settings {
    let mut figment = Figment::from(Toml::file_exact(project_root().join("config/default.toml")))
        .merge(Serialized::default("http.bind", "127.0.0.1:0"))
        .merge(Serialized::default("http.workers", 1))
        .merge(Serialized::default("http.shutdown_timeout_secs", 1))
        .merge(Serialized::default("database.url", db_url))
        .merge(Serialized::default("database.pool_size", 4))
        .merge(Serialized::default("database.timeout_secs", 1))
        .merge(Serialized::default("security.secret_key", TEST_SECRET))
        .merge(Serialized::default("registers.dir", registers_dir))
        .merge(Serialized::default("mail.transport", "smtp"))
        .merge(Serialized::default("mail.smtp_host", "127.0.0.1"))
        .merge(Serialized::default("mail.smtp_port", smtp_port))
        .merge(Serialized::default("mail.smtp_security", "none"))
        .merge(Serialized::default("mail.from", "dsr-desk <desk@dsr-desk.test>"))
        .merge(Serialized::default("log.level", "warn"))
        // On in the shipped settings; `second_factor.rs` tests it so. Off here, or every test that
        // signs in an administrator would first enrol an authenticator app.
        .merge(Serialized::default("security.require_totp_for_admins", false));
    for (key, value) in overrides {
        figment = figment.merge(Serialized::default(key, value));
    }
    Settings::from_figment(figment).expect("valid test settings")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    let db = TestDb::migrated().await;
    let smtp = SmtpServer::start().await;
    let registers_dir = options.registers_dir.unwrap_or_else(|| project_root().join("config/registers"));
    let db_url = options.database_url.unwrap_or_else(|| db.url.clone());
    let settings = test_settings_with(&db_url, smtp.port(), &registers_dir, &options.overrides);
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let app = Application::build_with(
        settings.clone(),
        startup::Options {
            clock: std::sync::Arc::new(clock.clone()),
            registry: options.registry.unwrap_or_else(|| Registry::builtin().unwrap()),
            run_worker: options.run_worker,
            env: dsr_desk::config::EnvVars::fixed(options.env),
        },
    )
    .await
    .expect("build the app");
    let worker = app.worker().clone();
    let port = app.port();
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        db,
        smtp,
        settings,
        client,
        clock,
        worker,
        handle,
        failed_work_expected: std::cell::Cell::new(false),
    }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request")
    }
}

impl TestApp {
    /// This test makes emails or jobs fail on purpose (an SMTP outage, a failing job): the check
    /// on drop that none failed unnoticed is skipped.
    pub fn expect_failed_work(&self) {
        self.failed_work_expected.set(true);
    }
}

/// Outbox rows and jobs that failed (dead, or pending after a failed attempt) in the database at
/// `url`.
fn failed_work(url: String) -> (i64, i64) {
    // Drop is synchronous and may run inside the test's runtime: a thread of its own with a runtime
    // of its own reads the counts.
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            use diesel_async::AsyncConnection;
            let mut conn = diesel_async::AsyncPgConnection::establish(&url).await.unwrap();
            let outbox = dsr_desk::db::work_queue::OUTBOX.failures(&mut conn).await.unwrap();
            let jobs = dsr_desk::db::work_queue::JOBS.failures(&mut conn).await.unwrap();
            (outbox, jobs)
        })
    })
    .join()
    .unwrap()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting and close pooled connections before the database is dropped.
        drop(self.handle.stop(false));
        // As crates.io's TestApp does: an email or job that failed without the test expecting it
        // is a defect even when every assertion held.
        if !std::thread::panicking() && !self.failed_work_expected.get() {
            let (outbox, jobs) = failed_work(self.db.url.clone());
            assert_eq!(
                (outbox, jobs),
                (0, 0),
                "emails and jobs that failed unnoticed (outbox, jobs); call app.expect_failed_work() if intended"
            );
        }
    }
}

/// Runs the `dsr-desk` binary against `db_url` from the project folder.
pub fn dsr(db_url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
        .args(args)
        .current_dir(project_root())
        .env("DSR__SECURITY__SECRET_KEY", TEST_SECRET)
        .env("DATABASE_URL", db_url)
        .output()
        .expect("run dsr-desk")
}

/// The shipped register folder with every register demanding further identity assurance before
/// personal data is disclosed, as a deployer may set it (off in the shipped files).
pub fn registers_requiring_identity_check() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(project_root().join("config/registers")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap().replace(
            "inspection_requires_identity_check = false",
            "inspection_requires_identity_check = true",
        );
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    dir
}
