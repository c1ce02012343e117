//! The served binary as a child process (killed with SIGKILL and started again on the same port),
//! the submissions the load sends, and what the SMTP capture server and the database hold
//! afterwards.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use dsr_desk::db::schema::{outbox_messages, requests};
use serde_json::{Value, json};

use crate::smtp::Captured;

pub const SECRET: &str = "proof-secret-key-0123456789abcdef0123456789";

pub fn project_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A port that was free a moment ago; the server binds it (and binds it again after a kill).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `dsr-desk serve` as deployed (system clock, its own worker), its log in a file.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    env: Vec<(String, String)>,
    log: PathBuf,
    probe: reqwest::Client,
}

impl Server {
    /// Starts the server against `db_url`, mailing through the SMTP server on `smtp_port`; its log
    /// goes to `proof-<name>.log` in cargo's temporary folder for tests.
    pub async fn start(name: &str, db_url: &str, smtp_port: u16) -> Self {
        let port = free_port();
        let env: Vec<(String, String)> = [
            ("DATABASE_URL", db_url.to_owned()),
            ("DSR__SECURITY__SECRET_KEY", SECRET.to_owned()),
            ("DSR__HTTP__BIND", format!("127.0.0.1:{port}")),
            ("DSR__HTTP__PUBLIC_URL", format!("http://127.0.0.1:{port}")),
            ("DSR__HTTP__WORKERS", "2".to_owned()),
            ("DSR__LOG__FORMAT", "json".to_owned()),
            ("DSR__LOG__LEVEL", "warn".to_owned()),
            ("DSR__MAIL__TRANSPORT", "smtp".to_owned()),
            ("DSR__MAIL__SMTP_HOST", "127.0.0.1".to_owned()),
            ("DSR__MAIL__SMTP_PORT", smtp_port.to_string()),
            ("DSR__MAIL__SMTP_SECURITY", "none".to_owned()),
            ("DSR__MAIL__FROM", "dsr-desk <desk@dsr-desk.test>".to_owned()),
            // Every client of the load shares one address; the hourly limits are not under test.
            ("DSR__LIMITS__SUBMISSIONS_PER_HOUR", "1000000".to_owned()),
            ("DSR__LIMITS__API_CALLS_PER_HOUR", "1000000".to_owned()),
            // One server at a time works the outbox, so no other worker can take a leased email
            // early: a short lease only makes what a kill (or a lost connection) left leased due
            // within seconds instead of ten minutes, which keeps the run short.
            ("DSR__WORKER__MAIL_LEASE_SECS", "5".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("proof-{name}.log"));
        File::create(&log).unwrap();
        let probe = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().unwrap();
        let mut server = Self { child: None, port, env, log, probe };
        server.spawn().await;
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Where the server's log lines are (named in failure messages).
    pub fn log(&self) -> &Path {
        &self.log
    }

    async fn spawn(&mut self) {
        let log = File::options().append(true).open(&self.log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
            .arg("serve")
            .current_dir(project_root())
            .env_remove("RUST_LOG")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        self.wait_ready().await;
    }

    /// Waits until `/healthz` answers (the registers are synced and the port is bound by then).
    async fn wait_ready(&mut self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
                panic!("the server exited ({status}) while starting; its log: {}", self.log.display());
            }
            if let Ok(r) = self.probe.get(self.url("/healthz")).send().await
                && r.status() == 200
            {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the server did not start; log: {}",
                self.log.display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL (no drain, no clean-up: a crash), then the same server again on the same port.
    pub async fn kill_and_restart(&mut self) {
        self.kill();
        self.spawn().await;
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            // `Child::kill` is SIGKILL on Unix.
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A client of the load: no redirects, a timeout well above the server's database wait.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// The address of submission `i` (each submission has its own, so requests and emails map back).
pub fn address(i: usize) -> String {
    format!("proof-{i}@example.fi")
}

/// The body of submission `i`.
pub fn submission(i: usize) -> Value {
    json!({
        "register": "jokkerit",
        "kind": "inspection",
        "language": "en",
        "requester": {"name": "Proof Person", "email": address(i)},
        "scope": "everything"
    })
}

/// One delivered verification email.
#[derive(Debug, Clone)]
pub struct Delivered {
    pub reference: String,
    pub message_id: String,
    pub to: String,
}

pub fn delivered(captured: &[Captured]) -> Vec<Delivered> {
    captured
        .iter()
        .map(|c| {
            let parsed = c.parsed();
            let subject = parsed.subject().unwrap_or_default();
            let reference = subject
                .split_whitespace()
                .find(|w| w.starts_with("DSR-"))
                .unwrap_or_default()
                .trim_end_matches([':', ')', ','])
                .to_owned();
            Delivered {
                reference,
                message_id: parsed.message_id().unwrap_or_default().to_owned(),
                to: c.rcpt_to.join(","),
            }
        })
        .collect()
}

/// Messages delivered more than once (by Message-ID), each counted once per extra delivery.
pub fn duplicates(delivered: &[Delivered]) -> usize {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for d in delivered {
        *by_id.entry(&d.message_id).or_default() += 1;
    }
    by_id.values().map(|n| n - 1).sum()
}

pub async fn connect(url: &str) -> AsyncPgConnection {
    AsyncPgConnection::establish(url).await.unwrap()
}

/// A stored request: its reference, requester address and when it was written.
pub type Stored = (String, Option<String>, DateTime<Utc>);

pub async fn stored_requests(conn: &mut AsyncPgConnection) -> Vec<Stored> {
    requests::table
        .select((requests::reference, requests::requester_email, requests::created_at))
        .load::<Stored>(conn)
        .await
        .unwrap()
}

/// Outbox rows per status.
pub async fn outbox_states(conn: &mut AsyncPgConnection) -> HashMap<String, i64> {
    outbox_messages::table
        .group_by(outbox_messages::status)
        .select((outbox_messages::status, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)
        .await
        .unwrap()
        .into_iter()
        .collect()
}
