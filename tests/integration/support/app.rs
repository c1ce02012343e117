//! The application spawned on port 0 against a fresh database, with mail going to a real SMTP
//! server on loopback.

use std::path::{Path, PathBuf};

use actix_web::dev::ServerHandle;
use dsr_desk::config::Settings;
use dsr_desk::startup::Application;
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
    handle: ServerHandle,
}

/// Options for [`spawn_app_with`].
#[derive(Default)]
pub struct Options {
    /// Database URL the app connects to (defaults to the test database's own).
    pub database_url: Option<String>,
    /// Register folder (defaults to the shipped `config/registers`).
    pub registers_dir: Option<PathBuf>,
}

pub fn project_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Settings for a test: the shipped defaults with the test's database, SMTP server and secret.
pub fn test_settings(db_url: &str, smtp_port: u16, registers_dir: &Path) -> Settings {
    let figment = Figment::from(Toml::file_exact(project_root().join("config/default.toml")))
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
        .merge(Serialized::default("log.level", "warn"));
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
    let settings = test_settings(&db_url, smtp.port(), &registers_dir);
    let app = Application::build(settings.clone()).await.expect("build the app");
    let port = app.port();
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    TestApp { address: format!("http://127.0.0.1:{port}"), port, db, smtp, settings, client, handle }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting and close pooled connections before the database is dropped.
        drop(self.handle.stop(false));
    }
}
