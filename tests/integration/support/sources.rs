//! The company's systems a register's data are collected from, for real: a PostgreSQL database
//! seeded as a webshop, a MariaDB database seeded WooCommerce-like, and an HTTP server acting as a
//! newsletter tool's API; and a register folder whose `jokkerit` collects from all three.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Executor};

use super::app::project_root;
use super::db::TestDb;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The customers every shop knows: the requester (Maija) and someone else (Pekka).
pub const MAIJA: &str = "maija.mallikas@example.fi";
pub const PEKKA: &str = "pekka.puupaa@example.fi";

const PG_SHOP: &str = r#"
CREATE TABLE customers (
    id SERIAL PRIMARY KEY,
    customer_number TEXT UNIQUE NOT NULL,
    name TEXT,
    email TEXT,
    phone TEXT
);
CREATE INDEX customers_email ON customers (lower(email));
CREATE TABLE orders (
    id SERIAL PRIMARY KEY,
    customer_id INT NOT NULL REFERENCES customers (id),
    placed_at TIMESTAMPTZ NOT NULL,
    total NUMERIC(10, 2) NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE TABLE support_tickets (
    id SERIAL PRIMARY KEY,
    customer_id INT NOT NULL REFERENCES customers (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL
);
INSERT INTO customers (customer_number, name, email, phone) VALUES
    ('C-100', 'Maija Mallikas', 'Maija.Mallikas@example.fi', '+358401234567'),
    ('C-200', 'Pekka Puupää', 'pekka.puupaa@example.fi', '+358407654321');
INSERT INTO orders (customer_id, placed_at, total) VALUES
    (1, '2025-11-02 10:15:00+00', 59.90),
    (1, '2026-01-20 18:40:00+00', 120.00),
    (2, '2026-02-01 09:00:00+00', 15.50);
INSERT INTO support_tickets (customer_id, subject, body) VALUES
    (1, 'Delivery', 'The parcel came late.'),
    (1, 'Gift for a friend', 'Please send it to Liisa Laine, Kauppakatu 1.');
"#;

const MARIADB_SHOP: &str = r#"
CREATE TABLE wp_users (
    ID BIGINT PRIMARY KEY AUTO_INCREMENT,
    user_login VARCHAR(60) NOT NULL,
    user_email VARCHAR(100) NOT NULL,
    display_name VARCHAR(250) NOT NULL,
    user_registered DATETIME NOT NULL,
    KEY user_email (user_email)
);
CREATE TABLE wc_orders (
    id BIGINT PRIMARY KEY AUTO_INCREMENT,
    customer_id BIGINT NOT NULL,
    billing_email VARCHAR(320),
    status VARCHAR(20) NOT NULL,
    total_amount DECIMAL(26, 8) NOT NULL,
    date_created_gmt DATETIME NOT NULL
);
INSERT INTO wp_users (user_login, user_email, display_name, user_registered) VALUES
    ('maija', 'maija.mallikas@example.fi', 'Maija M.', '2024-05-01 08:00:00'),
    ('pekka', 'pekka.puupaa@example.fi', 'Pekka P.', '2024-06-01 08:00:00');
INSERT INTO wc_orders (customer_id, billing_email, status, total_amount, date_created_gmt) VALUES
    (1, 'maija.mallikas@example.fi', 'wc-completed', 42.50, '2025-12-24 12:00:00'),
    (2, 'pekka.puupaa@example.fi', 'wc-processing', 9.99, '2026-01-05 12:00:00');
"#;

/// A PostgreSQL database seeded as the webshop (dropped with the value).
pub async fn pg_shop() -> TestDb {
    let db = TestDb::empty().await;
    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    pool.execute(sqlx::raw_sql(PG_SHOP)).await.unwrap();
    pool.close().await;
    db
}

/// A MariaDB database seeded WooCommerce-like; returns its URL.
pub async fn mariadb_shop() -> String {
    let base = std::env::var("DSR_TEST_MYSQL_URL")
        .expect("DSR_TEST_MYSQL_URL must name a MariaDB server (run the tests with scripts/test)");
    let name = format!("shop_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
    let server = sqlx::MySqlPool::connect(&base).await.unwrap();
    // Databases of test processes that no longer run.
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'shop\\_%'",
    )
    .fetch_all(&server)
    .await
    .unwrap();
    for old in names {
        let pid = old.split('_').nth(1).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| !std::path::Path::new(&format!("/proc/{p}")).exists()) {
            server.execute(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {old}"))).await.unwrap();
        }
    }
    server.execute(AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
    server.close().await;
    let url = format!("{base}/{name}");
    let pool = sqlx::MySqlPool::connect(&url).await.unwrap();
    pool.execute(sqlx::raw_sql(MARIADB_SHOP)).await.unwrap();
    pool.close().await;
    url
}

/// What the newsletter API knows and has been asked.
#[derive(Default)]
pub struct ApiState {
    pub members: Vec<Value>,
    /// Answer 503 to everything (the tool is down).
    pub down: bool,
    pub deleted: Vec<String>,
    /// Requests without the expected bearer token.
    pub unauthorised: usize,
}

/// A newsletter tool's API on loopback: `GET /members?email=` lists members, `DELETE
/// /members/{email}` removes one; every call needs `Authorization: Bearer <TOKEN>`.
pub struct NewsletterApi {
    pub url: String,
    pub state: Arc<Mutex<ApiState>>,
    handle: actix_web::dev::ServerHandle,
}

pub const API_TOKEN: &str = "newsletter-test-token";

impl NewsletterApi {
    pub async fn start() -> Self {
        let state = Arc::new(Mutex::new(ApiState {
            members: vec![
                json!({"email": MAIJA, "status": "subscribed", "lists": ["offers"], "joined": "2025-03-01"}),
                json!({"email": PEKKA, "status": "subscribed", "lists": ["news"], "joined": "2025-04-01"}),
            ],
            ..ApiState::default()
        }));
        let shared = web::Data::new(state.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(shared.clone())
                .route("/members", web::get().to(list))
                .route("/members/{email}", web::delete().to(remove))
        })
        .workers(1)
        .disable_signals()
        .bind("127.0.0.1:0")
        .unwrap();
        let port = server.addrs()[0].port();
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        NewsletterApi { url: format!("http://127.0.0.1:{port}"), state, handle }
    }

    pub fn set_down(&self, down: bool) {
        self.state.lock().unwrap().down = down;
    }
}

impl Drop for NewsletterApi {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

fn refuse(req: &HttpRequest, state: &Mutex<ApiState>) -> Option<HttpResponse> {
    let mut state = state.lock().unwrap();
    if state.down {
        return Some(HttpResponse::ServiceUnavailable().finish());
    }
    let auth = req.headers().get("authorization").and_then(|v| v.to_str().ok());
    if auth != Some(&format!("Bearer {API_TOKEN}")) {
        state.unauthorised += 1;
        return Some(HttpResponse::Unauthorized().finish());
    }
    None
}

async fn list(req: HttpRequest, state: web::Data<Arc<Mutex<ApiState>>>) -> HttpResponse {
    if let Some(refused) = refuse(&req, &state) {
        return refused;
    }
    let email = web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("email").cloned())
        .unwrap_or_default();
    let members: Vec<Value> = state
        .lock()
        .unwrap()
        .members
        .iter()
        .filter(|m| m["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case(&email)))
        .cloned()
        .collect();
    HttpResponse::Ok().json(json!({ "members": members, "total": members.len() }))
}

async fn remove(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<Arc<Mutex<ApiState>>>,
) -> HttpResponse {
    if let Some(refused) = refuse(&req, &state) {
        return refused;
    }
    let email = path.into_inner();
    let mut state = state.lock().unwrap();
    let before = state.members.len();
    state.members.retain(|m| !m["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case(&email)));
    if state.members.len() == before {
        return HttpResponse::NotFound().finish();
    }
    state.deleted.push(email);
    HttpResponse::NoContent().finish()
}

/// The `[[data_sources]]` of the test `jokkerit`: the shop's PostgreSQL, the WooCommerce MariaDB
/// and the newsletter API, each with lookups and erasure steps.
pub const SOURCES: &str = r#"

[[data_sources]]
name = "shop"
kind = "postgres"
url_env = "TEST_SHOP_DATABASE_URL"
timeout_secs = 5

[[data_sources.lookups]]
name = "customer"
category = "Asiakkaan nimi"
provided_by_requester = true
query = "SELECT customer_number, name, email, phone FROM customers WHERE lower(email) = lower(:email)"

[[data_sources.lookups]]
name = "orders"
category = "Ostotiedot"
provided_by_requester = true
query = """
SELECT o.id, o.placed_at, o.total FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE lower(c.email) = lower(:email) ORDER BY o.id
"""

[[data_sources.lookups]]
name = "tickets"
category = "Asiakkaan nimi"
query = """
SELECT t.id, t.subject, t.body FROM support_tickets t JOIN customers c ON c.id = t.customer_id
WHERE lower(c.email) = lower(:email) ORDER BY t.id
"""

# Selects by the customer number alone: never run, as the number is not verified.
[[data_sources.lookups]]
name = "by_number"
category = "Ostotiedot"
query = "SELECT customer_number, name, email FROM customers WHERE customer_number = :customer_number"

[[data_sources.erasure]]
name = "tickets"
statement = "DELETE FROM support_tickets WHERE customer_id IN (SELECT id FROM customers WHERE lower(email) = lower(:email))"
outcome = "erased"

[[data_sources.erasure]]
name = "customer"
statement = "UPDATE customers SET name = NULL, email = NULL, phone = NULL WHERE lower(email) = lower(:email)"
outcome = "anonymised"

[[data_sources]]
name = "woocommerce"
kind = "mysql"
url_env = "TEST_WOO_DATABASE_URL"
timeout_secs = 5

[[data_sources.lookups]]
name = "account"
category = "Asiakkaan nimi"
query = "SELECT user_login, user_email, display_name, user_registered FROM wp_users WHERE user_email = :email"

[[data_sources.lookups]]
name = "orders"
category = "Ostotiedot"
query = "SELECT id, status, total_amount, date_created_gmt FROM wc_orders WHERE billing_email = :email ORDER BY id"

[[data_sources.erasure]]
name = "orders"
statement = "UPDATE wc_orders SET billing_email = NULL WHERE billing_email = :email"
outcome = "anonymised"

[[data_sources]]
name = "newsletter"
kind = "http"
url_env = "TEST_NEWSLETTER_URL"
headers_env = { Authorization = "TEST_NEWSLETTER_AUTH" }
timeout_secs = 3
retries = 1

[[data_sources.lookups]]
name = "member"
category = "Sähköpostiosoite"
path = "/members?email={email}"
records = "/members"

[[data_sources.erasure]]
name = "member"
method = "DELETE"
path = "/members/{email}"
outcome = "erased"
"#;

/// The shipped registers with `extra` appended to `jokkerit.toml`.
pub fn registers_with(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(project_root().join("config/registers")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.file_name().is_some_and(|n| n == "jokkerit.toml") {
            text.push_str(extra);
        }
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    dir
}

/// The three systems, seeded.
pub struct Shop {
    pub pg: TestDb,
    pub mariadb_url: String,
    pub api: NewsletterApi,
}

impl Shop {
    pub async fn start() -> Self {
        Shop { pg: pg_shop().await, mariadb_url: mariadb_shop().await, api: NewsletterApi::start().await }
    }

    /// The environment the register file names.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TEST_SHOP_DATABASE_URL", self.pg.url.clone()),
            ("TEST_WOO_DATABASE_URL", self.mariadb_url.clone()),
            ("TEST_NEWSLETTER_URL", self.api.url.clone()),
            ("TEST_NEWSLETTER_AUTH", format!("Bearer {API_TOKEN}")),
        ]
    }
}
