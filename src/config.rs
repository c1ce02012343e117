//! Typed, layered configuration: `config/default.toml` → `config/local.toml` → `DSR__SECTION__KEY`
//! environment variables (and `DATABASE_URL`). Unknown keys are rejected and every start-up error
//! names the offending key; secrets are wrapped so that they never print.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Every setting of the service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub environment: Environment,
    pub http: HttpSettings,
    pub database: DatabaseSettings,
    pub mail: MailSettings,
    pub security: SecuritySettings,
    pub registers: RegisterSettings,
    pub log: LogSettings,
    pub worker: WorkerSettings,
    pub limits: LimitSettings,
    pub answers: AnswerSettings,
    #[serde(default)]
    pub metrics: MetricsSettings,
    #[serde(default)]
    pub webhooks: WebhookSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    pub bind: SocketAddr,
    pub public_url: PublicUrl,
    pub max_body_bytes: usize,
    pub workers: usize,
    pub shutdown_timeout_secs: u64,
    /// Seconds a client has to send a whole request with a body (a slow sender is cut off with 408).
    #[serde(default = "default_request_timeout")]
    pub request_timeout_secs: u64,
    /// Connections the listen queue holds while every worker is busy.
    #[serde(default = "default_backlog")]
    pub backlog: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the client (addresses or CIDR networks).
    #[serde(default)]
    pub trusted_proxies: Vec<ProxyNet>,
}

fn default_request_timeout() -> u64 {
    30
}

fn default_backlog() -> u32 {
    1024
}

/// The service's public base URL, the start of every link in emails: `http://` or `https://`,
/// kept without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct PublicUrl(String);

impl PublicUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether links (and so the session cookie) travel over TLS.
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// An absolute link to `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

impl TryFrom<String> for PublicUrl {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        let url = s.trim().trim_end_matches('/');
        if url.starts_with("http://") || url.starts_with("https://") {
            Ok(Self(url.to_owned()))
        } else {
            Err("must start with http:// or https://".into())
        }
    }
}

impl std::fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The sender of every email, parsed once at start-up.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct MailFrom(lettre::message::Mailbox);

impl MailFrom {
    pub fn mailbox(&self) -> &lettre::message::Mailbox {
        &self.0
    }
}

impl TryFrom<String> for MailFrom {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse().map(Self).map_err(|_| "is not a valid mailbox (e.g. \"Desk <desk@example.fi>\")".into())
    }
}

/// A trusted proxy: one address (`10.0.0.1`, `::1`) or a network (`10.0.0.0/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct ProxyNet(ipnet::IpNet);

impl ProxyNet {
    pub fn contains(&self, ip: &std::net::IpAddr) -> bool {
        self.0.contains(ip)
    }
}

impl std::str::FromStr for ProxyNet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        s.parse::<ipnet::IpNet>()
            .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
            .map(ProxyNet)
            .map_err(|_| format!("`{s}` is not an IP address or a network such as 10.0.0.0/8"))
    }
}

impl TryFrom<String> for ProxyNet {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: SecretString,
    pub pool_size: usize,
    pub timeout_secs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    Smtp,
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    None,
    Starttls,
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub transport: MailTransport,
    pub file_dir: PathBuf,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: SmtpSecurity,
    pub smtp_username: String,
    pub smtp_password: SecretString,
    pub from: MailFrom,
    pub timeout_secs: u64,
    pub helo_name: String,
}

impl MailSettings {
    /// The configured port, or the conventional one for the security mode.
    pub fn effective_smtp_port(&self) -> u16 {
        match (self.smtp_port, self.smtp_security) {
            (0, SmtpSecurity::None) => 25,
            (0, SmtpSecurity::Starttls) => 587,
            (0, SmtpSecurity::Tls) => 465,
            (port, _) => port,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    pub secret_key: SecretString,
    /// Minutes without a request after which a staff session ends (besides its 12-hour limit).
    #[serde(default = "default_session_idle_minutes")]
    pub session_idle_minutes: u32,
    /// Whether administrators who sign in with a password must use a second factor (TOTP): until
    /// they enrol, every page but the enrolment page sends them there.
    #[serde(default = "default_true")]
    pub require_totp_for_admins: bool,
}

fn default_session_idle_minutes() -> u32 {
    30
}

fn default_true() -> bool {
    true
}

/// How answers are delivered to requesters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSettings {
    /// Days an inspection answer's download link works; its files are deleted afterwards.
    pub download_link_days: u32,
    /// Largest total size of an inspection answer's attachments, in bytes.
    pub max_attachment_bytes: usize,
    /// Days a question may stay unanswered before the handler is reminded to close or refuse
    /// the request.
    pub unanswered_question_days: u32,
}

/// The Prometheus endpoint `GET /metrics`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    /// The bearer token a scraper sends; empty (the default) keeps `/metrics` switched off (404).
    #[serde(default)]
    pub token: SecretString,
}

/// Delivery of the registers' objection webhooks (`[[webhooks]]` of a register file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Seconds one delivery attempt may take, connecting included.
    #[serde(default = "default_webhook_timeout")]
    pub timeout_secs: u64,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self { timeout_secs: default_webhook_timeout() }
    }
}

fn default_webhook_timeout() -> u64 {
    10
}

/// Where the environment variables that register files name (webhook signing secrets) are read:
/// the process environment, or a fixed set in tests (which cannot change the process's safely).
#[derive(Debug, Clone, Default)]
pub struct EnvVars(Option<std::sync::Arc<std::collections::HashMap<String, String>>>);

impl EnvVars {
    pub fn process() -> Self {
        Self(None)
    }

    pub fn fixed<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        Self(Some(std::sync::Arc::new(vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect())))
    }

    /// The variable's value; `None` when unset or not Unicode.
    pub fn var(&self, name: &str) -> Option<String> {
        match &self.0 {
            None => std::env::var(name).ok(),
            Some(vars) => vars.get(name).cloned(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterSettings {
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerSettings {
    pub max_attempts: u32,
    pub retry_base_secs: u64,
    pub poll_interval_secs: u64,
    /// Hours an email keeps being retried after transient failures (the relay down, a timeout, a
    /// 4xx answer) before it is parked as dead.
    pub mail_retry_hours: u64,
    /// Seconds claimed emails stay leased to their worker: what a worker that dies (or loses its
    /// database connection) mid-batch leaves unsent waits this long.
    #[serde(default = "default_mail_lease")]
    pub mail_lease_secs: u64,
}

fn default_mail_lease() -> u64 {
    600
}

/// Per-client-address rate limits of the public endpoints (counted in PostgreSQL, so they hold
/// across instances).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    pub submissions_per_hour: i32,
    pub verifications_per_hour: i32,
    pub resends_per_hour: i32,
    pub api_calls_per_hour: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

/// A configuration problem, naming the key (as the file key and as its environment variable).
#[derive(Debug, thiserror::Error)]
pub struct ConfigError {
    pub key: String,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "configuration: {}", self.reason)
        } else {
            let env = format!("DSR__{}", self.key.replace('.', "__").to_uppercase());
            write!(f, "configuration key `{}` ({env}): {}", self.key, self.reason)
        }
    }
}

impl ConfigError {
    fn new(key: &str, reason: impl Into<String>) -> Self {
        Self { key: key.to_owned(), reason: reason.into() }
    }
}

const MIN_SECRET_LEN: usize = 32;

impl Settings {
    /// Loads the layered configuration rooted at `base` (the folder holding `config/`), reading the
    /// process environment.
    pub fn load(base: &Path) -> Result<Self, ConfigError> {
        Self::from_figment(Self::figment(base))
    }

    /// The layered sources, exposed so that tests and tools can merge their own overrides on top.
    pub fn figment(base: &Path) -> Figment {
        let config = base.join("config");
        Figment::from(Toml::file_exact(config.join("default.toml")))
            .merge(Toml::file(config.join("local.toml")))
            .merge(Env::prefixed("DSR__").split("__"))
            .merge(Env::raw().only(&["DATABASE_URL"]).map(|_| "database.url".into()))
    }

    /// Extracts and validates settings from any figment.
    pub fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let settings: Settings = figment.extract().map_err(|e| {
            let key = e.path.join(".");
            let reason = match &e.metadata {
                Some(meta) => format!("{} (from {})", e.kind, meta.name),
                None => e.kind.to_string(),
            };
            ConfigError::new(&key, reason)
        })?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.http.max_body_bytes < 1024 {
            return Err(ConfigError::new("http.max_body_bytes", "must be at least 1024"));
        }
        if self.database.pool_size == 0 {
            return Err(ConfigError::new("database.pool_size", "must be at least 1"));
        }
        if self.database.timeout_secs == 0 {
            return Err(ConfigError::new("database.timeout_secs", "must be at least 1"));
        }
        let db_url = self.database.url.expose_secret();
        if !(db_url.starts_with("postgres://") || db_url.starts_with("postgresql://")) {
            return Err(ConfigError::new("database.url", "must be a postgres:// URL"));
        }
        if !(1..=720).contains(&self.security.session_idle_minutes) {
            return Err(ConfigError::new("security.session_idle_minutes", "must be 1–720"));
        }
        if self.security.secret_key.expose_secret().len() < MIN_SECRET_LEN {
            return Err(ConfigError::new(
                "security.secret_key",
                format!("must be set to at least {MIN_SECRET_LEN} characters (e.g. `openssl rand -hex 32`)"),
            ));
        }
        if self.environment == Environment::Production {
            if self.mail.transport == MailTransport::File {
                return Err(ConfigError::new(
                    "mail.transport",
                    "the file transport is for development; production needs \"smtp\"",
                ));
            }
            if !self.http.public_url.is_https() {
                return Err(ConfigError::new("http.public_url", "production needs an https:// URL"));
            }
        }
        if self.mail.transport == MailTransport::Smtp && self.mail.smtp_host.trim().is_empty() {
            return Err(ConfigError::new("mail.smtp_host", "required by the smtp transport"));
        }
        if self.worker.max_attempts == 0 {
            return Err(ConfigError::new("worker.max_attempts", "must be at least 1"));
        }
        if self.worker.retry_base_secs == 0 || self.worker.poll_interval_secs == 0 {
            return Err(ConfigError::new("worker.retry_base_secs", "delays must be at least 1 second"));
        }
        if !(1..=86_400).contains(&self.worker.mail_lease_secs) {
            return Err(ConfigError::new("worker.mail_lease_secs", "must be 1 to 86400 seconds"));
        }
        // A job holds its database connection while it waits for the endpoint.
        if !(1..=120).contains(&self.webhooks.timeout_secs) {
            return Err(ConfigError::new("webhooks.timeout_secs", "must be 1 to 120 seconds"));
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log.level).is_err() {
            return Err(ConfigError::new("log.level", "is not a valid tracing filter"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::providers::Serialized;

    fn base() -> Figment {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Figment::from(Toml::file_exact(root.join("config/default.toml")))
            .merge(Serialized::default("security.secret_key", "x".repeat(40)))
    }

    #[test]
    fn defaults_load_with_a_secret() {
        let s = Settings::from_figment(base()).unwrap();
        assert_eq!(s.http.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.mail.transport, MailTransport::File);
        assert_eq!(s.mail.effective_smtp_port(), 587);
    }

    #[test]
    fn missing_secret_names_the_key_and_its_variable() {
        let err = Settings::from_figment(base().merge(Serialized::default("security.secret_key", "")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("security.secret_key") && err.contains("DSR__SECURITY__SECRET_KEY"), "{err}");
    }

    #[test]
    fn unknown_keys_are_rejected_with_their_name() {
        let err = Settings::from_figment(base().merge(Serialized::default("http.bogus", 1)))
            .unwrap_err()
            .to_string();
        assert!(err.contains("bogus"), "{err}");
    }

    #[test]
    fn bad_values_name_the_key() {
        let err = Settings::from_figment(base().merge(Serialized::default("http.bind", "nope")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("http.bind"), "{err}");
        let err = Settings::from_figment(base().merge(Serialized::default("mail.smtp_security", "ssl")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("mail.smtp_security"), "{err}");
    }

    #[test]
    fn trusted_proxies_take_addresses_and_networks_and_name_a_bad_entry() {
        let s = Settings::from_figment(
            base().merge(Serialized::default("http.trusted_proxies", ["127.0.0.1", "10.0.0.0/8", "::1"])),
        )
        .unwrap();
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let trusted = &s.http.trusted_proxies;
        assert!(trusted[0].contains(&ip("127.0.0.1")) && !trusted[0].contains(&ip("127.0.0.2")));
        assert!(trusted[1].contains(&ip("10.200.3.4")) && trusted[2].contains(&ip("::1")));
        let err =
            Settings::from_figment(base().merge(Serialized::default("http.trusted_proxies", ["nginx"])))
                .unwrap_err()
                .to_string();
        assert!(
            err.contains("http.trusted_proxies") && err.contains("`nginx` is not an IP address"),
            "{err}"
        );
    }

    #[test]
    fn the_mail_lease_defaults_to_ten_minutes_and_is_bounded() {
        assert_eq!(Settings::from_figment(base()).unwrap().worker.mail_lease_secs, 600);
        for bad in [0, 86_401] {
            let err =
                Settings::from_figment(base().merge(Serialized::default("worker.mail_lease_secs", bad)))
                    .unwrap_err()
                    .to_string();
            assert!(err.contains("worker.mail_lease_secs"), "{err}");
        }
    }

    #[test]
    fn production_refuses_the_file_transport() {
        let err = Settings::from_figment(
            base()
                .merge(Serialized::default("environment", "production"))
                .merge(Serialized::default("http.public_url", "https://dsr.example.fi")),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("mail.transport"), "{err}");
    }

    #[test]
    fn secrets_never_print() {
        let s = Settings::from_figment(base()).unwrap();
        let shown = format!("{s:?}");
        assert!(!shown.contains(&"x".repeat(40)), "{shown}");
    }
}
