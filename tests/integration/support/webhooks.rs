//! A webhook receiver on loopback, as a marketing system runs one: it checks every delivery's
//! Standard Webhooks signature with the shared secret through the reference implementation (the
//! `standardwebhooks` crate, not the app's code) and a timestamp within five minutes of the app's
//! clock, records what came, and answers 204, 401 for a bad signature, or a status set by the test.
//! Its port is reserved before it listens, so that deliveries can find it closed first.

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use dsr_desk::clock::{Clock, ManualClock};

/// A secret in the Standard Webhooks form.
pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// The variable the test register names for it.
pub const SECRET_ENV: &str = "JOKKERIT_CRM_WEBHOOK_SECRET";

/// One request that reached the receiver.
#[derive(Debug, Clone)]
pub struct Received {
    pub id: String,
    pub timestamp: i64,
    pub signature: String,
    pub body: String,
    /// Whether the signature and timestamp held.
    pub verified: bool,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

struct State {
    secret: String,
    /// The app's clock, given when the receiver opens (the app is spawned after its URL is known).
    clock: Mutex<Option<ManualClock>>,
    /// 0: answer by the signature check; else this status.
    answer: AtomicU16,
    received: Mutex<Vec<Received>>,
}

pub struct Receiver {
    pub port: u16,
    state: Arc<State>,
    handle: Option<ServerHandle>,
}

/// Whether `signature` (a `webhook-signature` header) signs `id`, `timestamp` and `body` with
/// `secret`, by the reference implementation.
pub fn signature_holds(secret: &str, id: &str, timestamp: i64, body: &str, signature: &str) -> bool {
    let expected = standardwebhooks::Webhook::new(secret)
        .expect("a whsec_ secret")
        .sign(id, timestamp, body.as_bytes())
        .expect("a UTF-8 body");
    signature.split(' ').any(|s| s == expected)
}

async fn receive(req: HttpRequest, body: web::Bytes, state: web::Data<Arc<State>>) -> HttpResponse {
    let header =
        |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body = String::from_utf8_lossy(&body).into_owned();
    let (id, signature) = (header("webhook-id"), header("webhook-signature"));
    let timestamp: i64 = header("webhook-timestamp").parse().unwrap_or(0);
    let now = state.clock.lock().unwrap().as_ref().map(|c| c.now().timestamp()).unwrap_or_default();
    let fresh = (now - timestamp).abs() <= 300;
    let verified = fresh
        && header("content-type") == "application/json"
        && signature_holds(&state.secret, &id, timestamp, &body, &signature);
    state.received.lock().unwrap().push(Received { id, timestamp, signature, body, verified });
    match state.answer.load(Ordering::SeqCst) {
        0 if verified => HttpResponse::NoContent().finish(),
        0 => HttpResponse::Unauthorized().finish(),
        status => HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish(),
    }
}

impl Receiver {
    /// A receiver checking signatures with `secret`, its port reserved but closed (deliveries find
    /// no one listening) until [`Receiver::open`].
    pub fn new(secret: &str) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let state = Arc::new(State {
            secret: secret.to_owned(),
            clock: Mutex::new(None),
            answer: AtomicU16::new(0),
            received: Mutex::new(Vec::new()),
        });
        Self { port, state, handle: None }
    }

    /// Starts listening on the receiver's port; timestamps are checked against `clock`.
    pub fn open(&mut self, clock: &ManualClock) {
        *self.state.clock.lock().unwrap() = Some(clock.clone());
        let addr: SocketAddr = ([127, 0, 0, 1], self.port).into();
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        socket.set_reuse_address(true).unwrap();
        socket.bind(&addr.into()).unwrap();
        socket.listen(64).unwrap();
        let state = web::Data::new(self.state.clone());
        let server = HttpServer::new(move || {
            App::new().app_data(state.clone()).route("/hooks/dsr", web::post().to(receive))
        })
        .workers(1)
        .disable_signals()
        .shutdown_timeout(1)
        .listen(socket.into())
        .unwrap()
        .run();
        self.handle = Some(server.handle());
        tokio::spawn(server);
    }

    /// Answers every delivery with `status` (0: by the signature check again).
    pub fn answer_with(&self, status: u16) {
        self.state.answer.store(status, Ordering::SeqCst);
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hooks/dsr", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            drop(handle.stop(false));
        }
    }
}

/// The shipped register folder with `[[webhooks]]` entries (TOML, as written in a register file)
/// added to jokkerit's file.
pub fn registers_with_webhooks(webhooks: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let shipped = super::app::project_root().join("config/registers");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.file_name() == Some(std::ffi::OsStr::new("jokkerit.toml")) {
            text.push('\n');
            text.push_str(webhooks);
        }
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    dir
}

/// One `[[webhooks]]` entry named `name` to `url`, its secret in [`SECRET_ENV`].
pub fn webhook(name: &str, url: &str, events: Option<&str>) -> String {
    let events = events.map(|e| format!("events = [{e}]\n")).unwrap_or_default();
    format!("[[webhooks]]\nname = \"{name}\"\nurl = \"{url}\"\nsecret_env = \"{SECRET_ENV}\"\n{events}")
}
