//! The OpenID provider of the tests: the real `oidc-provider` package (`tests/oidc/provider.mjs`,
//! installed by `scripts/test` with `npm ci`) run with the machine's Node.js on a free loopback
//! port, and the browser's part of a sign-in: following its redirects and filling in its login and
//! consent forms over HTTP.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

use serde_json::json;

use super::app::{TestApp, project_root};

/// Where every test app's callback is registered: the test apps keep the default public URL, so
/// the callback the provider redirects to is rewritten onto the app's real address.
pub const REDIRECT_URI: &str = "http://127.0.0.1:8080/identify/callback";
pub const CLIENT_ID: &str = "dsr-desk";
/// The environment variable the app reads its client secret from: one `cargo test` sets for
/// every test process, so the harness needs no variable of its own.
pub const SECRET_ENV: &str = "CARGO_MANIFEST_DIR";

fn client_secret() -> String {
    std::env::var(SECRET_ENV).expect("cargo sets CARGO_MANIFEST_DIR for tests")
}

/// How a provider process is started.
#[derive(Clone, Default)]
pub struct ProviderOptions {
    /// Publish another key under the signing key's id (every token fails its signature).
    pub tamper_jwks: bool,
    /// ID token lifetime in seconds (default 60).
    pub id_token_ttl: Option<u32>,
    /// Extra accounts: id → claims (with `acr`).
    pub accounts: Option<serde_json::Value>,
    /// The key id (default: a fresh one per start).
    pub kid: Option<String>,
}

/// A running provider; killed when dropped.
pub struct OidcProvider {
    pub port: u16,
    options: ProviderOptions,
    child: Child,
    /// Held open: the provider exits when it closes (also when the test process ends).
    _stdin: ChildStdin,
}

impl OidcProvider {
    pub fn start(options: ProviderOptions) -> Self {
        Self::start_on(0, options)
    }

    fn start_on(port: u16, options: ProviderOptions) -> Self {
        let dir = project_root().join("tests/oidc");
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "tests/oidc/node_modules is missing: scripts/test installs it (npm ci in tests/oidc)"
        );
        let mut command = Command::new("node");
        command
            .arg("provider.mjs")
            .current_dir(&dir)
            .env("PORT", port.to_string())
            .env("CLIENT_ID", CLIENT_ID)
            .env("CLIENT_SECRET", client_secret())
            .env("REDIRECT_URIS", format!("{REDIRECT_URI},http://127.0.0.1:8080/staff/login/sso/callback"))
            .env("ID_TOKEN_TTL", options.id_token_ttl.unwrap_or(60).to_string())
            .env("TAMPER_JWKS", if options.tamper_jwks { "1" } else { "0" })
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(accounts) = &options.accounts {
            command.env("ACCOUNTS", accounts.to_string());
        }
        if let Some(kid) = &options.kid {
            command.env("KID", kid);
        }
        let mut child = command.spawn().expect("start node tests/oidc/provider.mjs");
        let stdin = child.stdin.take().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("listening ").and_then(|p| p.parse().ok()).unwrap_or_else(|| {
            let _ = child.kill();
            panic!("the OpenID provider did not start: {line:?}")
        });
        Self { port, options, child, _stdin: stdin }
    }

    /// One provider for the whole test process (it ends with it).
    pub fn shared() -> &'static OidcProvider {
        static SHARED: OnceLock<OidcProvider> = OnceLock::new();
        SHARED.get_or_init(|| OidcProvider::start(ProviderOptions::default()))
    }

    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops the provider and starts it again on the same port: a fresh signing key (rotation).
    pub fn restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let options = self.options.clone();
        *self = Self::start_on(self.port, options);
    }

    /// `[[identity.providers]]` for an app signing in here as `key`.
    pub fn setting(&self, key: &str) -> serde_json::Value {
        json!({
            "key": key,
            "display_name": { "fi": "Testipankki", "sv": "Testbanken", "en": "Test Bank", "et": "Testpank" },
            "issuer": self.issuer(),
            "client_id": CLIENT_ID,
            "client_secret_env": SECRET_ENV,
            "scopes": ["profile", "email"],
            "name_claims": ["name"],
            "id_claim": "hetu",
            "acr_values": ["substantial", "high"],
            "request_acr": "substantial",
        })
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the person does at the provider.
#[derive(Clone, Copy)]
pub enum AtProvider<'a> {
    /// Signs in as this account and allows the sharing.
    SignIn(&'a str),
    /// Presses cancel on the login page.
    Cancel,
}

fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http") {
        return location.to_owned();
    }
    let origin: String = base.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    format!("{origin}{location}")
}

/// The first form action on `page` ending with `suffix`.
fn action(page: &str, suffix: &str) -> Option<String> {
    page.split("action=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|a| a.ends_with(suffix))
        .map(str::to_owned)
}

impl TestApp {
    /// The browser at the provider: from `authorize_url` through login and consent to the app's
    /// callback; returns the callback's path and query on this app.
    pub async fn at_provider(&self, authorize_url: &str, what: AtProvider<'_>) -> String {
        // A browser of its own at the provider: no session left there by an earlier sign-in.
        let browser = super::staff::client();
        let mut url = authorize_url.to_owned();
        for _ in 0..12 {
            if let Some(rest) = url.strip_prefix("http://127.0.0.1:8080") {
                return rest.to_owned();
            }
            let response = browser.get(&url).send().await.unwrap();
            if let Some(location) = response.headers().get("location") {
                url = absolute(&url, location.to_str().unwrap());
                continue;
            }
            let page = response.text().await.unwrap();
            let (path, form): (String, Vec<(&str, &str)>) = match (what, action(&page, "/login")) {
                (AtProvider::Cancel, _) => (action(&page, "/abort").expect("a cancel button"), vec![]),
                (AtProvider::SignIn(account), Some(login)) => (login, vec![("login", account)]),
                (AtProvider::SignIn(_), None) => {
                    (action(&page, "/confirm").unwrap_or_else(|| panic!("no form on {url}: {page}")), vec![])
                }
            };
            let posted = browser.post(absolute(&url, &path)).form(&form).send().await.unwrap();
            let location =
                posted.headers().get("location").unwrap_or_else(|| panic!("no redirect from {path}"));
            url = absolute(&url, location.to_str().unwrap());
        }
        panic!("the sign-in did not come back to the app");
    }

    /// The Location of a redirect to the provider.
    pub fn provider_location(response: &reqwest::Response) -> String {
        assert_eq!(response.status(), 303, "a redirect to the provider");
        response.headers()["location"].to_str().unwrap().to_owned()
    }
}
