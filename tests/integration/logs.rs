//! What `dsr-desk serve` logs: every line of an HTTP request, a job or an outbox delivery names it
//! through its span (request id and route pattern; job id and kind; outbox id and template), the
//! client gets the request id back, and no line holds a token, a code, a query string or a
//! person's data.
//!
//! The server runs as a child process with JSON logs: a subscriber inside this test binary would
//! also catch the other tests' apps, which share the process.

use std::collections::HashSet;
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use dsr_desk::jobs::EXPIRE_UNVERIFIED;
use serde_json::{Value, json};

use crate::support::app::{TEST_SECRET, project_root};
use crate::support::db::TestDb;
use crate::support::smtp::SmtpServer;
use crate::support::webhooks::{self, SECRET, SECRET_ENV, registers_with_webhooks, webhook};

const REQUESTER: &str = "loki.lokinen@example.fi";
/// The contact person of the `jokkerit` register.
const CONTACT: &str = "jouko.paunonen@jokkerit.fi";

/// `dsr-desk serve` with JSON logs on stderr, and the lines it has written so far.
struct Served {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    port: u16,
}

impl Served {
    /// `dsr-desk serve` with `env` added (register folder, webhook secrets).
    fn start(db_url: &str, smtp_port: u16, env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
            .arg("serve")
            .envs(env.iter().copied())
            .current_dir(project_root())
            .env_remove("RUST_LOG")
            .env("DATABASE_URL", db_url)
            .env("DSR__SECURITY__SECRET_KEY", TEST_SECRET)
            .env("DSR__HTTP__BIND", "127.0.0.1:0")
            .env("DSR__HTTP__WORKERS", "1")
            .env("DSR__LOG__FORMAT", "json")
            .env("DSR__LOG__LEVEL", "info")
            .env("DSR__MAIL__TRANSPORT", "smtp")
            .env("DSR__MAIL__SMTP_HOST", "127.0.0.1")
            .env("DSR__MAIL__SMTP_PORT", smtp_port.to_string())
            .env("DSR__MAIL__SMTP_SECURITY", "none")
            .env("DSR__MAIL__FROM", "dsr-desk <desk@dsr-desk.test>")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut seen = Vec::new();
        let port = loop {
            let line = lines.recv_timeout(Duration::from_secs(30)).expect("the server did not start");
            seen.push(line.clone());
            let line: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
            if line["fields"]["message"] == "dsr-desk serving" {
                break u16::try_from(line["fields"]["port"].as_u64().unwrap()).unwrap();
            }
        };
        Self { child, lines, seen, port }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Stops the server (SIGTERM) and returns every line it wrote.
    fn stop(mut self) -> Vec<String> {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(self.child.wait().unwrap().success());
        let rest: Vec<String> = self.lines.iter().collect();
        self.seen.extend(rest);
        std::mem::take(&mut self.seen)
    }
}

impl Drop for Served {
    /// A failed test must not leave the server running.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The span named `name` among the line's spans.
fn span<'a>(line: &'a Value, name: &str) -> Option<&'a Value> {
    line["spans"].as_array()?.iter().find(|s| s["name"] == name)
}

/// Every string in a line except its timestamp (whose digits could match a 6-digit code).
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => {
            map.iter().filter(|(k, _)| *k != "timestamp").for_each(|(_, v)| strings(v, out))
        }
        _ => {}
    }
}

fn request_id(response: &reqwest::Response) -> String {
    let id = response.headers().get("x-request-id").expect("an X-Request-Id header");
    let id = id.to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    id
}

#[tokio::test]
async fn every_line_names_its_request_job_or_delivery_and_none_holds_a_secret() {
    let db = TestDb::migrated().await;
    let smtp = SmtpServer::start().await;
    // A job due before the worker starts: its first pass runs it.
    let now = chrono::Utc::now();
    let job_id =
        dsr_desk::db::jobs::enqueue(&mut db.conn().await, EXPIRE_UNVERIFIED, json!({}), None, now, now)
            .await
            .unwrap()
            .unwrap();
    // Jokkerit pushes objections to a receiver on loopback.
    let mut receiver = webhooks::Receiver::new(SECRET);
    let registers = registers_with_webhooks(&webhook("crm", &receiver.url(), None));
    receiver.open(&dsr_desk::clock::ManualClock::new(now));
    let registers_dir = registers.path().to_str().unwrap();
    let server =
        Served::start(&db.url, smtp.port(), &[("DSR__REGISTERS__DIR", registers_dir), (SECRET_ENV, SECRET)]);
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();

    let fields = [
        ("lang", "en"),
        ("kind", "objection"),
        ("name", "Loki Lokinen"),
        ("email", REQUESTER),
        ("phone", "050 599 1101"),
        ("purposes", "direct_advertising"),
    ];
    let submitted = client.post(server.url("/r/jokkerit/request")).form(&fields).send().await.unwrap();
    assert_eq!(submitted.status(), 303);
    let verification = smtp.wait_for(1, Duration::from_secs(20)).await.remove(0);
    let (verify_token, code) = (verification.token("/verify/"), verification.code());

    let link = client.get(server.url(&format!("/verify/{verify_token}"))).send().await.unwrap();
    assert_eq!(link.status(), 200);
    let link_id = request_id(&link);
    let confirmed =
        client.post(server.url("/verify")).form(&[("token", verify_token.as_str())]).send().await.unwrap();
    assert_eq!(confirmed.status(), 200);
    let confirm_id = request_id(&confirmed);
    let receipt = smtp
        .wait_for(3, Duration::from_secs(20))
        .await
        .into_iter()
        .find(|m| m.rcpt_to == [REQUESTER] && m.text().contains("/status/"))
        .expect("the receipt");
    let status_token = receipt.token("/status/");
    let status = client
        .get(server.url(&format!("/status/{status_token}?lang=en&probe=query-marker")))
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 200);
    let status_id = request_id(&status);
    for _ in 0..100 {
        if !receiver.received().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(receiver.received().first().is_some_and(|r| r.verified), "the webhook arrived, signed");
    assert_eq!(HashSet::from([&link_id, &confirm_id, &status_id]).len(), 3, "one id per request");

    let raw = server.stop();
    let logs: Vec<Value> =
        raw.iter().map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}"))).collect();

    // Nothing secret or personal, in any line.
    for (line, text) in logs.iter().zip(&raw) {
        let mut values = Vec::new();
        strings(line, &mut values);
        for secret in [
            verify_token.as_str(),
            status_token.as_str(),
            code.as_str(),
            REQUESTER,
            CONTACT,
            "Loki",
            "505991101",
            "query-marker",
            "lang=",
            "/hooks/dsr",
            SECRET,
        ] {
            assert!(!values.iter().any(|v| v.contains(secret)), "{secret} logged in {text}");
        }
    }

    // Each request's lines share its id and name its route pattern, method and status.
    for (id, method, route) in [
        (&link_id, "GET", "/verify/{token}"),
        (&confirm_id, "POST", "/verify"),
        (&status_id, "GET", "/status/{token}"),
    ] {
        let of_route: HashSet<&str> = logs
            .iter()
            .filter_map(|l| span(l, "http_request"))
            .filter(|s| s["route"] == route && s["method"] == method)
            .map(|s| s["request_id"].as_str().unwrap())
            .collect();
        assert_eq!(of_route, HashSet::from([id.as_str()]), "{method} {route}");
        let request_line = logs
            .iter()
            .filter(|l| span(l, "http_request").is_some_and(|s| s["request_id"] == id.as_str()))
            .find(|l| l["fields"]["message"] == "request")
            .unwrap_or_else(|| panic!("no request line of {method} {route}"));
        assert_eq!(request_line["fields"]["status"], 200);
        assert!(request_line["fields"]["elapsed_ms"].is_number());
    }
    // A line written deep in the service layer carries the request it serves.
    let verified = logs.iter().find(|l| l["fields"]["message"] == "request verified").expect("verified");
    assert_eq!(span(verified, "http_request").unwrap()["request_id"], confirm_id.as_str());

    // Each delivery's lines name the outbox row and template; the job's its id and kind.
    let sent: Vec<&Value> = logs.iter().filter(|l| l["fields"]["message"] == "email sent").collect();
    assert_eq!(sent.len(), 3, "{raw:#?}");
    for line in sent {
        let outbox = span(line, "outbox").expect("an outbox span");
        assert_eq!(outbox["outbox_id"], line["fields"]["outbox_id"]);
        assert_eq!(outbox["template"], line["fields"]["template"]);
    }
    // The webhook's line names its job, register, endpoint and event.
    let delivered = logs.iter().find(|l| l["fields"]["message"] == "webhook delivered").expect("delivered");
    assert_eq!(span(delivered, "job").expect("a job span")["kind"], "deliver_webhook");
    let fields = &delivered["fields"];
    assert_eq!((&fields["endpoint"], &fields["event"]), (&json!("crm"), &json!("objection.recorded")));
    let done = logs.iter().find(|l| l["fields"]["message"] == "job done").expect("the job ran");
    let job = span(done, "job").expect("a job span");
    assert_eq!((&job["job_id"], &job["kind"]), (&json!(job_id), &json!(EXPIRE_UNVERIFIED)));
}
