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
    pub identity: IdentitySettings,
    #[serde(default)]
    pub staff_sso: StaffSsoSettings,
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

/// Strong electronic identification of requesters through OpenID Connect providers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentitySettings {
    /// Minutes an identification started at the form may take before it is refused.
    #[serde(default = "default_identity_flow_minutes")]
    pub flow_minutes: u32,
    #[serde(default)]
    pub providers: Vec<IdentityProvider>,
}

impl IdentitySettings {
    /// The origins (`scheme://host[:port]`) of the providers' issuers, where the browser is sent.
    pub fn origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = self.providers.iter().filter_map(|p| origin(&p.issuer)).collect();
        origins.sort();
        origins.dedup();
        origins
    }
}

fn default_identity_flow_minutes() -> u32 {
    10
}

/// One `[[identity.providers]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityProvider {
    /// Short name in URLs and records (`tara`, `ftn`).
    pub key: String,
    /// The button's words, "Identify with …", in each language.
    pub display_name: DisplayNames,
    /// The issuer; its `/.well-known/openid-configuration` is read at first use.
    pub issuer: String,
    pub client_id: String,
    /// Name of the environment variable holding the client secret (never the secret itself);
    /// empty for a public client (PKCE only).
    #[serde(default)]
    pub client_secret_env: String,
    /// Scopes asked for besides `openid`.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// ID token claims (dotted paths into nested objects) whose values, joined by spaces, are the
    /// person's name.
    pub name_claims: Vec<String>,
    /// The ID token claim holding the national identifier (only its keyed hash is kept).
    pub id_claim: String,
    /// `acr` values accepted in the ID token; anything else is refused.
    pub acr_values: Vec<String>,
    /// `acr_values` sent with the authorization request (empty: none sent).
    #[serde(default)]
    pub request_acr: String,
}

impl IdentityProvider {
    /// The client secret read from its environment variable (none for a public client).
    pub fn client_secret(&self) -> Option<SecretString> {
        if self.client_secret_env.is_empty() {
            return None;
        }
        std::env::var(&self.client_secret_env).ok().filter(|s| !s.is_empty()).map(SecretString::from)
    }
}

/// Staff single sign-on through an OpenID Connect provider (`[staff_sso]`): off while `issuer` is
/// empty.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StaffSsoSettings {
    pub issuer: String,
    pub client_id: String,
    /// Name of the environment variable holding the client secret (empty: a public client).
    pub client_secret_env: String,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
    /// The sign-in page's button: "Sign in with …".
    pub display_name: String,
    /// A verified address of this domain without an account gets a handler account without
    /// registers at its first sign-on (empty: none is created).
    pub allowed_domain: String,
    /// The claim that says the provider verified the email address (Entra ID: `xms_edov`).
    pub email_verified_claim: String,
    /// Whether staff may still sign in with a password.
    pub password_sign_in: bool,
}

impl Default for StaffSsoSettings {
    fn default() -> Self {
        Self {
            issuer: String::new(),
            client_id: String::new(),
            client_secret_env: String::new(),
            scopes: vec!["email".into(), "profile".into()],
            display_name: "single sign-on".into(),
            allowed_domain: String::new(),
            email_verified_claim: "email_verified".into(),
            password_sign_in: true,
        }
    }
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

/// Where the environment variables that register files name (webhook signing secrets, data
/// sources' URLs and keys) are read:
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

impl StaffSsoSettings {
    /// The provider as the OpenID Connect client sees it, when single sign-on is configured.
    pub fn provider(&self) -> Option<IdentityProvider> {
        let name = self.display_name.clone();
        (!self.issuer.trim().is_empty()).then(|| IdentityProvider {
            key: "staff-sso".into(),
            display_name: DisplayNames { fi: name.clone(), sv: name.clone(), en: name.clone(), et: name },
            issuer: self.issuer.trim().to_owned(),
            client_id: self.client_id.clone(),
            client_secret_env: self.client_secret_env.clone(),
            scopes: self.scopes.clone(),
            name_claims: vec!["name".into()],
            id_claim: "email".into(),
            acr_values: Vec::new(),
            request_acr: String::new(),
        })
    }
}

/// The origin (`scheme://host[:port]`) of an issuer URL.
fn origin(issuer: &str) -> Option<String> {
    let (scheme, rest) = issuer.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(format!("{scheme}://{host}"))
}

/// A name in the four languages of the forms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplayNames {
    pub fi: String,
    pub sv: String,
    pub en: String,
    pub et: String,
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
        self.validate_identity()?;
        self.validate_staff_sso()?;
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

impl Settings {
    /// Where a page's form may lead: the identity providers and the staff sign-on provider.
    pub fn form_targets(&self) -> Vec<String> {
        let mut targets = self.identity.origins();
        targets.extend(self.staff_sso.provider().and_then(|p| origin(&p.issuer)));
        targets.sort();
        targets.dedup();
        targets
    }

    fn validate_staff_sso(&self) -> Result<(), ConfigError> {
        let sso = &self.staff_sso;
        let Some(p) = sso.provider() else {
            if !sso.password_sign_in {
                return Err(ConfigError::new(
                    "staff_sso.password_sign_in",
                    "may be false only with single sign-on configured (staff_sso.issuer)",
                ));
            }
            return Ok(());
        };
        let https = p.issuer.starts_with("https://");
        if !(https || p.issuer.starts_with("http://")) {
            return Err(ConfigError::new("staff_sso.issuer", "must be an http(s):// URL"));
        }
        if self.environment == Environment::Production && !https {
            return Err(ConfigError::new("staff_sso.issuer", "production needs an https:// issuer"));
        }
        if p.client_id.trim().is_empty() {
            return Err(ConfigError::new("staff_sso.client_id", "is required with staff_sso.issuer"));
        }
        if !p.client_secret_env.is_empty() && p.client_secret().is_none() {
            return Err(ConfigError::new(
                "staff_sso.client_secret_env",
                format!("the environment variable `{}` is not set", p.client_secret_env),
            ));
        }
        let domain = &sso.allowed_domain;
        if domain.contains('@') || domain.chars().any(char::is_whitespace) {
            return Err(ConfigError::new("staff_sso.allowed_domain", "is a domain such as example.fi"));
        }
        Ok(())
    }

    fn validate_identity(&self) -> Result<(), ConfigError> {
        if !(1..=60).contains(&self.identity.flow_minutes) {
            return Err(ConfigError::new("identity.flow_minutes", "must be 1–60"));
        }
        for (i, p) in self.identity.providers.iter().enumerate() {
            let field = |name: &str| format!("identity.providers.{i}.{name}");
            let slug = |s: &str| {
                !s.is_empty()
                    && s.len() <= 32
                    && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            if !slug(&p.key) {
                return Err(ConfigError::new(&field("key"), "must be 1–32 of a-z, 0-9 and -"));
            }
            if self.identity.providers[..i].iter().any(|q| q.key == p.key) {
                return Err(ConfigError::new(&field("key"), format!("`{}` is used twice", p.key)));
            }
            let https = p.issuer.starts_with("https://");
            if !(https || p.issuer.starts_with("http://")) {
                return Err(ConfigError::new(&field("issuer"), "must be an http(s):// URL"));
            }
            if self.environment == Environment::Production && !https {
                return Err(ConfigError::new(&field("issuer"), "production needs an https:// issuer"));
            }
            let names = &p.display_name;
            if [&names.fi, &names.sv, &names.en, &names.et].iter().any(|n| n.trim().is_empty()) {
                return Err(ConfigError::new(&field("display_name"), "needs fi, sv, en and et"));
            }
            if p.client_id.trim().is_empty() {
                return Err(ConfigError::new(&field("client_id"), "is required"));
            }
            if !p.client_secret_env.is_empty() && p.client_secret().is_none() {
                return Err(ConfigError::new(
                    &field("client_secret_env"),
                    format!("the environment variable `{}` is not set", p.client_secret_env),
                ));
            }
            if p.name_claims.iter().all(|c| c.trim().is_empty()) {
                return Err(ConfigError::new(&field("name_claims"), "names at least one claim"));
            }
            if p.id_claim.trim().is_empty() {
                return Err(ConfigError::new(&field("id_claim"), "is required"));
            }
            if p.acr_values.iter().all(|c| c.trim().is_empty()) {
                return Err(ConfigError::new(&field("acr_values"), "lists at least one accepted level"));
            }
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
    fn identity_providers_and_staff_sign_on_are_checked_naming_the_key() {
        let provider = serde_json::json!({
            "key": "tara", "issuer": "https://tara.ria.ee", "client_id": "c",
            "display_name": { "fi": "a", "sv": "b", "en": "c", "et": "d" },
            "name_claims": ["name"], "id_claim": "sub", "acr_values": ["high"],
            "client_secret_env": "DSR_TEST_SURELY_UNSET_VARIABLE"
        });
        let err =
            Settings::from_figment(base().merge(Serialized::default("identity.providers", [&provider])))
                .unwrap_err()
                .to_string();
        assert!(err.contains("identity.providers.0.client_secret_env") && err.contains("not set"), "{err}");
        let mut public = provider.clone();
        public["client_secret_env"] = serde_json::json!("");
        let s = Settings::from_figment(base().merge(Serialized::default("identity.providers", [&public])))
            .unwrap();
        assert_eq!(s.identity.providers[0].client_secret().map(|_| ()), None);
        assert_eq!(s.form_targets(), ["https://tara.ria.ee"]);
        public["acr_values"] = serde_json::json!([]);
        let err = Settings::from_figment(base().merge(Serialized::default("identity.providers", [&public])))
            .unwrap_err()
            .to_string();
        assert!(err.contains("identity.providers.0.acr_values"), "{err}");

        let err =
            Settings::from_figment(base().merge(Serialized::default("staff_sso.password_sign_in", false)))
                .unwrap_err()
                .to_string();
        assert!(err.contains("staff_sso.password_sign_in"), "{err}");
        let sso = base()
            .merge(Serialized::default("staff_sso.issuer", "https://login.microsoftonline.com/t/v2.0"))
            .merge(Serialized::default("staff_sso.client_id", "app"));
        let s = Settings::from_figment(sso.clone()).unwrap();
        assert_eq!(
            s.staff_sso.provider().map(|p| p.issuer),
            Some("https://login.microsoftonline.com/t/v2.0".into())
        );
        assert_eq!(s.form_targets(), ["https://login.microsoftonline.com"]);
        let err = Settings::from_figment(
            sso.merge(Serialized::default("staff_sso.allowed_domain", "me@example.fi")),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("staff_sso.allowed_domain"), "{err}");
    }

    #[test]
    fn secrets_never_print() {
        let s = Settings::from_figment(base()).unwrap();
        let shown = format!("{s:?}");
        assert!(!shown.contains(&"x".repeat(40)), "{shown}");
    }
}
