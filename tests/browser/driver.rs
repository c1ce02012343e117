//! Chromium driven through chromedriver: the driver process on a free loopback port (killed with its
//! browsers when the test ends), one headless session with a viewport of a given size, and the few
//! interactions the journeys need, found by ids, names, form actions and hrefs.

use std::io::Read;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// A viewport the journeys run in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
}

pub const DESKTOP: Viewport = Viewport { name: "desktop", width: 1280, height: 800 };
pub const PHONE: Viewport = Viewport { name: "phone", width: 390, height: 844 };

/// Where the driver and the browser are looked for: `DSR_CHROMEDRIVER` and `DSR_CHROMIUM`, else
/// Debian's packages `chromium-driver` and `chromium`.
fn chromedriver_path() -> PathBuf {
    let candidates = match std::env::var_os("DSR_CHROMEDRIVER") {
        Some(path) => vec![PathBuf::from(path)],
        None => vec![PathBuf::from("/usr/bin/chromedriver"), PathBuf::from("/usr/lib/chromium/chromedriver")],
    };
    candidates.into_iter().find(|p| p.exists()).unwrap_or_else(|| {
        panic!(
            "the browser suite needs chromedriver and Chromium: `apt-get install chromium chromium-driver` \
                 (scripts/test installs them when run as root), or set DSR_CHROMEDRIVER and DSR_CHROMIUM"
        )
    })
}

fn chromium_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DSR_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    // The binary itself rather than Debian's /usr/bin/chromium wrapper script, which adds flags of
    // its own.
    ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].iter().map(PathBuf::from).find(|p| p.exists())
}

/// A chromedriver process in a process group of its own: dropping it kills the group, browsers
/// included, even when the test panicked before closing its session.
pub struct Chromedriver {
    child: Child,
    pub url: String,
}

impl Chromedriver {
    pub fn start() -> Self {
        let path = chromedriver_path();
        // A free port: bound by the OS, released, then handed to chromedriver.
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut child = Command::new(&path)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = stderr.read_to_string(&mut err);
                }
                panic!("chromedriver exited at start ({status}): {err}");
            }
            assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, url }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A command of chromedriver's own beside the W3C ones (its browser log, DevTools).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// One headless Chromium session (its own empty profile) at `viewport`.
pub struct Browser {
    pub client: Client,
    pub viewport: Viewport,
    /// The app's base URL, e.g. `http://127.0.0.1:PORT`.
    pub base: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn open(driver: &Chromedriver, viewport: Viewport, base: &str) -> Self {
        let profile = tempfile::tempdir().unwrap();
        // As root on a machine whose network is closed: no sandbox (it needs a user namespace),
        // and none of the background connections a fresh profile would try.
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            // A browser preferring English: a requester's page that ignores the request's
            // language (Finnish, Swedish, Estonian) shows in English, and the lang check sees it.
            "--lang=en-US".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={},{}", viewport.width, viewport.height),
        ];
        let mut options = json!({ "args": args });
        if let Some(binary) = chromium_path() {
            options["binary"] = json!(binary);
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| panic!("a Chromium session through chromedriver at {}: {e}", driver.url));
        let browser =
            Self { client, viewport, base: base.trim_end_matches('/').to_owned(), _profile: profile };
        // The layout viewport exactly, whatever the window's frame: what `innerWidth` reports.
        browser
            .cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": viewport.width, "height": viewport.height, "deviceScaleFactor": 1, "mobile": false}),
            )
            .await
            .unwrap();
        browser
    }

    /// Closes the session (the browser quits); the driver's drop kills whatever is left.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, CmdError> {
        self.client
            .issue_cmd(SessionPost { path: "goog/cdp/execute", body: json!({"cmd": cmd, "params": params}) })
            .await
    }

    /// The browser log since the last call (chromedriver empties it when read): (level, message).
    pub async fn take_log(&self) -> anyhow::Result<Vec<(String, String)>> {
        let entries =
            self.client.issue_cmd(SessionPost { path: "se/log", body: json!({"type": "browser"}) }).await?;
        let entries = entries.as_array().cloned().unwrap_or_default();
        Ok(entries
            .into_iter()
            .map(|e| {
                (
                    e["level"].as_str().unwrap_or_default().to_owned(),
                    e["message"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect())
    }

    pub fn url_of(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Opens `path` of the app and waits for the page to load.
    pub async fn goto(&self, path: &str) -> anyhow::Result<()> {
        self.client.goto(&self.url_of(path)).await.with_context(|| format!("open {path}"))?;
        self.wait_loaded().await
    }

    pub async fn wait_loaded(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let state = self.client.execute("return document.readyState", vec![]).await;
            if matches!(&state, Ok(Value::String(s)) if s == "complete") {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("the page did not finish loading in 20 s ({state:?})");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The path and query of the page shown.
    pub async fn path(&self) -> anyhow::Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        })
    }

    pub async fn js(&self, script: &str, args: Vec<Value>) -> anyhow::Result<Value> {
        Ok(self.client.execute(script, args).await?)
    }

    /// The form whose `action` path ends with `action` (e.g. "/withdraw"), whatever query or
    /// fragment follows it (the request form posts to `…/request#errors`).
    pub async fn form(&self, action: &str) -> anyhow::Result<Element> {
        self.client
            .find(Locator::Css(&form_selector(action)))
            .await
            .map_err(|e| anyhow!("no form with an action ending in {action}: {e}"))
    }

    pub async fn has_form(&self, action: &str) -> bool {
        self.client.find_all(Locator::Css(&form_selector(action))).await.is_ok_and(|f| !f.is_empty())
    }

    /// Opens the closed `<details>` around `element` by clicking their summaries, as a person
    /// opens a folded section before using a field in it.
    pub async fn reveal(&self, element: &Element) -> anyhow::Result<()> {
        for _ in 0..5 {
            // Outermost first: document order.
            let closed = element.find_all(Locator::XPath("ancestor::details[not(@open)]/summary")).await?;
            let Some(summary) = closed.first() else { return Ok(()) };
            summary.click().await.map_err(|e| anyhow!("cannot open a folded section: {e}"))?;
        }
        bail!("folded sections around a field did not open")
    }

    /// Types `value` into the field `name` of `form` (a text field, text area or select), as a
    /// person would: the field must be shown and enabled.
    pub async fn fill(&self, form: &Element, name: &str, value: &str) -> anyhow::Result<()> {
        let field = form
            .find(Locator::Css(&format!("[name=\"{name}\"]")))
            .await
            .map_err(|e| anyhow!("no field {name} in the form: {e}"))?;
        self.reveal(&field).await?;
        if field.tag_name().await?.eq_ignore_ascii_case("select") {
            field.select_by_value(value).await.map_err(|e| anyhow!("option {value} of {name}: {e}"))?;
            return Ok(());
        }
        field.clear().await.map_err(|e| anyhow!("field {name} cannot be typed into: {e}"))?;
        field.send_keys(value).await.map_err(|e| anyhow!("field {name}: {e}"))?;
        Ok(())
    }

    /// Ticks the radio button or checkbox `name` = `value` of `form` (clicking its label when the
    /// input itself is styled away).
    pub async fn choose(&self, form: &Element, name: &str, value: &str) -> anyhow::Result<()> {
        let input = form
            .find(Locator::Css(&format!("input[name=\"{name}\"][value=\"{value}\"]")))
            .await
            .map_err(|e| anyhow!("no choice {name}={value}: {e}"))?;
        self.reveal(&input).await?;
        if input.is_selected().await? {
            return Ok(());
        }
        if input.click().await.is_err() {
            let label = self
                .js(
                    "const i = arguments[0]; const l = i.closest('label') || (i.id && document.querySelector(`label[for=\"${i.id}\"]`)); if (l) { l.click(); return true } return false",
                    vec![serde_json::to_value(&input)?],
                )
                .await?;
            if label != Value::Bool(true) {
                bail!("choice {name}={value} cannot be clicked and has no label");
            }
        }
        if !input.is_selected().await? {
            bail!("choice {name}={value} did not become selected");
        }
        Ok(())
    }

    /// Attaches the file at `path` to the file field `name` of `form`.
    pub async fn attach(&self, form: &Element, name: &str, path: &Path) -> anyhow::Result<()> {
        let input = form
            .find(Locator::Css(&format!("input[type=file][name=\"{name}\"]")))
            .await
            .map_err(|e| anyhow!("no file field {name}: {e}"))?;
        self.reveal(&input).await?;
        input.send_keys(&path.display().to_string()).await?;
        Ok(())
    }

    /// Clicks the form's own submit button (not a named one such as an identification
    /// provider's) and waits for the next page.
    pub async fn submit(&self, form: &Element) -> anyhow::Result<()> {
        let buttons = form
            .find_all(Locator::Css("button:not([type]), button[type=submit], input[type=submit]"))
            .await?;
        let mut chosen = None;
        for b in buttons {
            if b.attr("name").await?.is_none() {
                chosen = Some(b);
                break;
            }
        }
        let button = chosen.ok_or_else(|| anyhow!("the form has no submit button"))?;
        self.reveal(&button).await?;
        self.click_and_wait(&button).await
    }

    /// Clicks `element` and waits until a new page has loaded in place of this one.
    pub async fn click_and_wait(&self, element: &Element) -> anyhow::Result<()> {
        self.js("window.__dsrOldPage = true", vec![]).await?;
        element.click().await.map_err(|e| anyhow!("cannot click: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let state = self
                .client
                .execute("return window.__dsrOldPage === true ? 'old' : document.readyState", vec![])
                .await;
            if matches!(&state, Ok(Value::String(s)) if s == "complete") {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("no new page loaded within 20 s of the click ({state:?})");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Follows the link whose href is `href` (exactly, or ending with it).
    pub async fn follow(&self, href: &str) -> anyhow::Result<()> {
        let link = self
            .client
            .find(Locator::Css(&format!("a[href$=\"{href}\"]")))
            .await
            .map_err(|e| anyhow!("no link to {href}: {e}"))?;
        self.click_and_wait(&link).await
    }

    /// The hrefs of the page's links.
    pub async fn hrefs(&self) -> anyhow::Result<Vec<String>> {
        let v = self
            .js("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))", vec![])
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// The hrefs of the links in the page's header (its navigation), each once.
    pub async fn header_links(&self) -> anyhow::Result<Vec<String>> {
        let v = self
            .js("return [...new Set([...document.querySelectorAll('header a[href]')].map(a => a.getAttribute('href')))]", vec![])
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// The text of the page's body.
    pub async fn text(&self) -> anyhow::Result<String> {
        let v = self.js("return document.body ? document.body.innerText : ''", vec![]).await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// The HTTP status of the page shown (the final one, after redirects).
    pub async fn status(&self) -> anyhow::Result<u16> {
        let v = self
            .js(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0",
                vec![],
            )
            .await?;
        Ok(v.as_u64().unwrap_or_default() as u16)
    }
}

/// Forms whose action's path ends with `action`.
fn form_selector(action: &str) -> String {
    format!("form[action$=\"{action}\"], form[action*=\"{action}#\"], form[action*=\"{action}?\"]")
}
