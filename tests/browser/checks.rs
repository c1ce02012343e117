//! The checks run on every page a journey visits, and the record of what failed.
//!
//! Each page is checked for: its HTTP status, `<html lang>`, axe-core's serious and critical
//! violations, a document no wider than the viewport, and errors in the browser's console. A
//! failure does not stop the journey: it is recorded with a screenshot and the page's HTML in
//! `target/browser-artifacts/`, and the test fails at its end with every failure listed. A step
//! that cannot go on (a missing form, a page that never loads) ends the journey the same way.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use super::driver::Browser;
use super::support::app::project_root;

/// The folder CI keeps as the suite's artefact: a screenshot and the HTML of each failing page.
pub fn artifacts_dir() -> PathBuf {
    project_root().join("target/browser-artifacts")
}

/// axe-core's browser build, installed by `npm ci` in tests/browser (never fetched here).
fn axe_source() -> &'static str {
    static AXE: OnceLock<String> = OnceLock::new();
    AXE.get_or_init(|| {
        let path = project_root().join("tests/browser/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; install axe-core with `(cd tests/browser && npm ci)` (scripts/test does)",
                path.display()
            )
        })
    })
}

/// What the next page is expected to be.
#[derive(Debug, Clone, Copy)]
pub struct Expect<'a> {
    /// `<html lang>`.
    pub lang: &'a str,
    /// The HTTP status of the page (200 unless the journey means to see an error page).
    pub status: u16,
}

impl<'a> Expect<'a> {
    pub fn lang(lang: &'a str) -> Self {
        Self { lang, status: 200 }
    }

    pub fn status(self, status: u16) -> Self {
        Self { status, ..self }
    }
}

struct Failure {
    journey: String,
    page: String,
    check: &'static str,
    detail: String,
    artefact: Option<PathBuf>,
}

/// One test's browser with the failures of its journeys.
pub struct Run {
    pub browser: Browser,
    test: String,
    journey: String,
    failures: Vec<Failure>,
    pages: usize,
    shots: usize,
}

impl Run {
    pub fn new(browser: Browser, test: &str) -> Self {
        let test = format!("{test}-{}", browser.viewport.name);
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir).unwrap();
        // Artefacts of this test's earlier runs would mislead.
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.file_name().to_string_lossy().starts_with(&format!("{test}-")) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Self { browser, test, journey: String::new(), failures: Vec::new(), pages: 0, shots: 0 }
    }

    /// Names the journey that the following pages belong to (in the failure summary).
    pub fn journey(&mut self, name: impl Into<String>) {
        self.journey = name.into();
    }

    /// Runs every check on the page shown, recording what fails.
    pub async fn check(&mut self, expect: Expect<'_>) {
        self.pages += 1;
        let page = self.browser.path().await.unwrap_or_else(|e| format!("(no URL: {e})"));
        let mut found: Vec<(&'static str, String)> = Vec::new();
        if let Err(e) = self.browser.wait_loaded().await {
            found.push(("load", format!("{e:#}")));
        }
        match self.browser.status().await {
            Ok(s) if s == expect.status => {}
            Ok(s) => found.push(("status", format!("HTTP {s}, expected {}", expect.status))),
            Err(e) => found.push(("status", format!("{e:#}"))),
        }
        match self.browser.js("return document.documentElement.getAttribute('lang')", vec![]).await {
            Ok(Value::String(l)) if l == expect.lang => {}
            Ok(other) => {
                found.push(("lang", format!("<html lang> is {other}, expected \"{}\"", expect.lang)))
            }
            Err(e) => found.push(("lang", format!("{e:#}"))),
        }
        match self.width().await {
            Ok(None) => {}
            Ok(Some(detail)) => found.push(("width", detail)),
            Err(e) => found.push(("width", format!("{e:#}"))),
        }
        match self.axe().await {
            Ok(violations) => found.extend(violations.into_iter().map(|v| ("axe", v))),
            Err(e) => found.push(("axe", format!("axe-core did not run: {e:#}"))),
        }
        match self.browser.take_log().await {
            Ok(entries) => {
                // An error page the journey means to see is announced by the browser as a failed
                // load; that line is expected, any other is not.
                let expected = format!("status of {}", expect.status);
                for (level, message) in entries {
                    if level == "SEVERE" && !(expect.status != 200 && message.contains(&expected)) {
                        found.push(("console", message));
                    }
                }
            }
            Err(e) => found.push(("console", format!("the browser log could not be read: {e:#}"))),
        }
        if found.is_empty() {
            return;
        }
        let artefact = self.save_artefacts(found[0].0).await;
        for (check, detail) in found {
            self.failures.push(Failure {
                journey: self.journey.clone(),
                page: page.clone(),
                check,
                detail,
                artefact: artefact.clone(),
            });
        }
    }

    /// Records a journey that could not go on (with the page it stopped on).
    pub async fn broken(&mut self, error: anyhow::Error) {
        let page = self.browser.path().await.unwrap_or_else(|e| format!("(no URL: {e})"));
        let artefact = self.save_artefacts("journey").await;
        self.failures.push(Failure {
            journey: self.journey.clone(),
            page,
            check: "journey",
            detail: format!("{error:#}"),
            artefact,
        });
    }

    /// `Some(detail)` when the document is wider than the viewport: the widths and the elements
    /// reaching past its right edge.
    async fn width(&self) -> anyhow::Result<Option<String>> {
        let v = self
            .browser
            .js(
                r#"const d = document.documentElement, w = window.innerWidth;
                if (d.scrollWidth <= w) return null;
                const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
                // The outermost elements past the edge: the ones whose parent still fits.
                const wide = [...document.body.querySelectorAll('*')].filter(e => {
                    const r = e.getBoundingClientRect();
                    const p = e.parentElement && e.parentElement.getBoundingClientRect();
                    return r.right > w + 1 && (!p || p.right <= w + 1);
                }).slice(0, 5).map(e => name(e) + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)');
                // Otherwise content spilling out of a box that fits (a long word, a wide table).
                if (!wide.length) wide.push(...[...document.body.querySelectorAll('*')].filter(e =>
                    e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'
                ).slice(-5).map(e => name(e) + ' (content ' + e.scrollWidth + ' px in ' + e.clientWidth + ' px)'));
                return 'document ' + d.scrollWidth + ' px wide in a ' + w + ' px viewport; past the edge: ' +
                    (wide.length ? wide.join(', ') : 'none found');"#,
                vec![],
            )
            .await?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// axe-core's serious and critical violations on the page: "rule (impact): nodes".
    async fn axe(&self) -> anyhow::Result<Vec<String>> {
        let loaded = self.browser.js("return typeof window.axe === 'object'", vec![]).await?;
        if loaded != Value::Bool(true) {
            self.browser.js(axe_source(), vec![]).await?;
        }
        let result = self
            .browser
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
                      v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ') +
                      (v.nodes.length > 5 ? ' and ' + (v.nodes.length - 5) + ' more' : ''))))
                  .catch(e => done({ error: String(e) }));"#,
                vec![],
            )
            .await?;
        if let Some(error) = result.get("error") {
            anyhow::bail!("{error}");
        }
        Ok(serde_json::from_value(result)?)
    }

    async fn save_artefacts(&mut self, check: &str) -> Option<PathBuf> {
        self.shots += 1;
        let base = artifacts_dir().join(format!("{}-{:03}-{check}", self.test, self.shots));
        let png = base.with_extension("png");
        if let Ok(shot) = self.browser.client.screenshot().await {
            let _ = std::fs::write(&png, shot);
        }
        if let Ok(html) = self.browser.client.source().await {
            let _ = std::fs::write(base.with_extension("html"), html);
        }
        Some(png)
    }

    /// Closes the browser; panics with every failure when there was any.
    pub async fn finish(self) {
        let Self { browser, test, failures, pages, .. } = self;
        browser.close().await;
        if failures.is_empty() {
            eprintln!("{test}: {pages} pages checked, no failure");
            return;
        }
        let mut by_check: std::collections::BTreeMap<&str, usize> = Default::default();
        for f in &failures {
            *by_check.entry(f.check).or_default() += 1;
        }
        let tally: Vec<String> = by_check.iter().map(|(check, n)| format!("{check} {n}")).collect();
        let mut summary = format!(
            "{test}: {} check failures on {pages} pages checked ({}); screenshots and HTML in {}\n",
            failures.len(),
            tally.join(", "),
            artifacts_dir().display()
        );
        for f in &failures {
            let _ = writeln!(summary, "- [{}] {} {} — {}: {}", test, f.journey, f.page, f.check, f.detail);
            if let Some(a) = &f.artefact {
                let _ = writeln!(summary, "    screenshot {}", a.display());
            }
        }
        panic!("{summary}");
    }
}
