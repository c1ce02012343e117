//! The OpenAPI document against the API's real answers: every status an operation answers is
//! declared for it, and every JSON body validates against the schema declared for that status.

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::app::{Options, TestApp, spawn_app_with};
use crate::support::db::{self, TestDb};
use crate::support::proxy::Proxy;

/// The served document, and the checks of one answer against it.
struct Document(Value);

impl Document {
    async fn of(app: &TestApp) -> Self {
        Self(app.get("/api/v1/openapi.json").await.json().await.unwrap())
    }

    /// Checks `response` as an answer of the operation `method path` (the document's path
    /// template); returns its status and JSON body (`Null` when it has none).
    async fn check(&self, method: &str, path: &str, response: reqwest::Response) -> (u16, Value) {
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let text = response.text().await.unwrap();
        let operation = &self.0["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is not in the document");
        let declared = &operation["responses"][status.to_string()];
        assert!(
            declared.is_object(),
            "{method} {path} answered {status}, which the document does not declare: {text}"
        );
        let Some(schema) = declared["content"]["application/json"]["schema"].as_object() else {
            return (status, Value::Null);
        };
        assert!(content_type.starts_with("application/json"), "{method} {path} {status}: {content_type}");
        let body: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{method} {path} {status}: not JSON ({e}): {text}"));
        // The document is the root, so that the schema's `$ref`s into its components resolve.
        let mut root = self.0.clone();
        root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        for (key, value) in schema {
            root[key] = value.clone();
        }
        let validator = jsonschema::draft202012::options().build(&root).unwrap();
        let errors: Vec<String> = validator.iter_errors(&body).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{method} {path} {status}: {body} violates the schema: {errors:?}");
        (status, body)
    }
}

const SUBMIT: &str = "/api/v1/requests";
const VERIFY: &str = "/api/v1/requests/{reference}/verify";
const RESEND: &str = "/api/v1/requests/{reference}/resend-code";
const CHECK: &str = "/api/v1/suppressions/check";
const EXPORT: &str = "/api/v1/suppressions";

fn submission(email: &str) -> Value {
    json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "Maija", "email": email}})
}

async fn post_raw(app: &TestApp, path: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.address))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn get_with_key(app: &TestApp, key: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    request.send().await.unwrap()
}

async fn api_key(db_url: &str, register: &str) -> String {
    let made =
        crate::support::app::dsr(db_url, &["apikey", "create", "--register", register, "--name", "CRM"]);
    assert!(made.status.success());
    let printed = String::from_utf8_lossy(&made.stdout).to_string();
    printed.split_whitespace().find(|w| w.starts_with("dsrk_")).unwrap().to_owned()
}

#[tokio::test]
async fn the_submission_api_answers_only_documented_statuses_with_bodies_matching_their_schemas() {
    let app = spawn_app_with(Options {
        overrides: vec![
            ("limits.submissions_per_hour", json!(4)),
            ("limits.verifications_per_hour", json!(4)),
            ("limits.resends_per_hour", json!(2)),
        ],
        ..Options::default()
    })
    .await;
    let doc = Document::of(&app).await;
    let mut seen = Vec::new();

    let (status, body) =
        doc.check("post", SUBMIT, app.post_json(SUBMIT, &submission("maija@example.fi")).await).await;
    assert_eq!(status, 202);
    let reference = body["reference"].as_str().unwrap().to_owned();
    seen.push(status);
    for bad in [
        post_raw(&app, SUBMIT, "{").await,
        post_raw(&app, SUBMIT, r#"{"register": "jokkerit", "kind": "inspection", "requester": {"name": "M\u0000", "email": "m@example.fi"}}"#).await,
        app.post_json(SUBMIT, &json!({"register": "nowhere", "kind": "inspection"})).await,
        app.post_json(SUBMIT, &json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "", "email": "no"}})).await,
        post_raw(&app, SUBMIT, vec![b' '; 70_000]).await,
    ] {
        seen.push(doc.check("post", SUBMIT, bad).await.0);
    }
    // An Idempotency-Key reused with another body.
    let keyed = |email: &str| {
        app.client
            .post(format!("{}{SUBMIT}", app.address))
            .header("Idempotency-Key", "order-1")
            .json(&submission(email))
            .send()
    };
    seen.push(doc.check("post", SUBMIT, keyed("a@example.fi").await.unwrap()).await.0);
    seen.push(doc.check("post", SUBMIT, keyed("b@example.fi").await.unwrap()).await.0);
    seen.push(doc.check("post", SUBMIT, app.post_json(SUBMIT, &submission("c@example.fi")).await).await.0);
    seen.push(doc.check("post", SUBMIT, app.post_json(SUBMIT, &submission("d@example.fi")).await).await.0);
    assert_eq!(seen, [202, 400, 400, 404, 422, 413, 202, 422, 202, 429]);

    let verify = VERIFY.replace("{reference}", &reference);
    let code = app.last_mail_to("maija@example.fi").await.code();
    let mut seen = Vec::new();
    for answer in [
        post_raw(&app, &verify, "not json").await,
        app.post_json(&verify, &json!({"code": "000000"})).await,
        app.post_json(&VERIFY.replace("{reference}", "NOSUCH"), &json!({"code": code})).await,
        app.post_json(&verify, &json!({"code": code})).await,
        app.post_json(&verify, &json!({"code": code})).await,
    ] {
        seen.push(doc.check("post", VERIFY, answer).await.0);
    }
    // Four attempts an hour: the malformed body was not one.
    assert_eq!(seen, [400, 422, 404, 200, 200]);
    assert_eq!(doc.check("post", VERIFY, app.post_json(&verify, &json!({"code": code})).await).await.0, 429);

    let resend = RESEND.replace("{reference}", &reference);
    let mut seen = Vec::new();
    for answer in [
        post_raw(&app, &resend, "[").await,
        app.post_json(&resend, &json!({"email": "maija@example.fi"})).await,
        app.post_json(&resend, &json!({"email": "other@example.fi"})).await,
        app.post_json(&resend, &json!({"email": "maija@example.fi"})).await,
    ] {
        seen.push(doc.check("post", RESEND, answer).await.0);
    }
    assert_eq!(seen, [400, 202, 202, 429]);
}

#[tokio::test]
async fn the_suppression_api_answers_only_documented_statuses_with_bodies_matching_their_schemas() {
    let app = spawn_app_with(Options {
        overrides: vec![("limits.api_calls_per_hour", json!(8))],
        ..Options::default()
    })
    .await;
    let doc = Document::of(&app).await;
    let key = api_key(&app.db.url, "jokkerit").await;
    let key = Some(key.as_str());
    let mut seen = Vec::new();
    for (key, query) in [
        (None, "?register=jokkerit&email=a@example.fi"),
        (Some("dsrk_unknown"), "?register=jokkerit&email=a@example.fi"),
        (key, "?register=jokkerit&email=a@example.fi"),
        (key, "?register=jokkerit&phone=050%20599%201101&purpose=direct_advertising&channel=sms"),
        (key, "?register=jaccara&email=a@example.fi"),
        (key, "?register=jokkerit&email=not-an-address"),
        (key, "?register=jokkerit&email=a@example.fi&email=b@example.fi"),
        (key, "?register=jokkerit&email=a%00@example.fi"),
    ] {
        seen.push(doc.check("get", CHECK, get_with_key(&app, key, &format!("{CHECK}{query}")).await).await.0);
    }
    assert_eq!(seen, [401, 401, 200, 200, 404, 422, 400, 400]);

    let mut seen = Vec::new();
    for query in ["?register=jokkerit", "?register=jokkerit&since=yesterday", "?register=jokkerit&limit=0"] {
        seen.push(
            doc.check("get", EXPORT, get_with_key(&app, key, &format!("{EXPORT}{query}")).await).await.0,
        );
    }
    assert_eq!(seen, [200, 422, 422]);
    // Until the key's eight calls an hour are used up.
    let limited = loop {
        let answer = get_with_key(&app, key, &format!("{EXPORT}?register=jokkerit")).await;
        let (status, _) = doc.check("get", EXPORT, answer).await;
        if status != 200 {
            break status;
        }
    };
    assert_eq!(limited, 429);

    let id = String::from_utf8_lossy(&crate::support::app::dsr(&app.db.url, &["apikey", "list"]).stdout)
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    assert!(crate::support::app::dsr(&app.db.url, &["apikey", "revoke", &id]).status.success());
    let revoked = get_with_key(&app, key, &format!("{EXPORT}?register=jokkerit")).await;
    assert_eq!(doc.check("get", EXPORT, revoked).await.0, 403);
}

#[tokio::test]
async fn an_unreachable_database_and_a_slow_body_are_documented_answers_too() {
    let test_db = TestDb::migrated().await;
    let target = tokio::net::lookup_host(db::host_port(&test_db.url)).await.unwrap().next().unwrap();
    let proxy = Proxy::start(target).await;
    let proxied = db::with_host_port(&test_db.url, &format!("127.0.0.1:{}", proxy.port()));
    let app = spawn_app_with(Options {
        database_url: Some(proxied),
        overrides: vec![("http.request_timeout_secs", json!(1))],
        ..Options::default()
    })
    .await;
    let doc = Document::of(&app).await;
    let key = api_key(&test_db.url, "jokkerit").await;
    proxy.cut();
    let mut seen = Vec::new();
    seen.push(doc.check("post", SUBMIT, app.post_json(SUBMIT, &submission("m@example.fi")).await).await.0);
    let verify = VERIFY.replace("{reference}", "ABCD-1234");
    seen.push(doc.check("post", VERIFY, app.post_json(&verify, &json!({"code": "123456"})).await).await.0);
    let resend = RESEND.replace("{reference}", "ABCD-1234");
    seen.push(
        doc.check("post", RESEND, app.post_json(&resend, &json!({"email": "m@example.fi"})).await).await.0,
    );
    let check = format!("{CHECK}?register=jokkerit&email=m@example.fi");
    seen.push(doc.check("get", CHECK, get_with_key(&app, Some(&key), &check).await).await.0);
    let export = format!("{EXPORT}?register=jokkerit");
    seen.push(doc.check("get", EXPORT, get_with_key(&app, Some(&key), &export).await).await.0);
    assert_eq!(seen, [503; 5]);
    proxy.restore();

    // A body announced but not sent within the request deadline.
    let mut socket = tokio::net::TcpStream::connect(app.address.trim_start_matches("http://")).await.unwrap();
    let head = format!(
        "POST {SUBMIT} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    socket.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.starts_with("HTTP/1.1 408"), "{raw}");
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    let declared = &doc.0["paths"][SUBMIT]["post"]["responses"]["408"];
    assert!(declared.is_object(), "408 is declared");
    let body: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {raw}"));
    assert_eq!(body["error"]["code"], "request_timeout");
}
