//! A fresh database per test, cloned from a template migrated once per test run. Databases are
//! named `dsrt_<pid>_<n>` and dropped when the test ends; those of dead test processes are swept.

use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::sql_types::{Int4, Text};
use diesel::{QueryableByName, sql_query};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use tokio::sync::OnceCell;

static TEMPLATE: OnceCell<String> = OnceCell::const_new();
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The server URL from `DATABASE_URL` (any database on it; the harness connects to `postgres`).
pub fn server_url() -> String {
    let url = std::env::var("DATABASE_URL")
        .expect("DATABASE_URL must name a PostgreSQL server (run the tests with scripts/test)");
    let authority = url.find("://").map_or(0, |i| i + 3);
    match url[authority..].find('/') {
        Some(i) => url[..authority + i].to_owned(),
        None => url,
    }
}

pub fn url_of(db: &str) -> String {
    format!("{}/{db}", server_url())
}

async fn admin_conn() -> AsyncPgConnection {
    AsyncPgConnection::establish(&url_of("postgres")).await.expect("connect to the test PostgreSQL server")
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    datname: String,
}

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = Int4)]
    #[expect(dead_code, reason = "only whether a row came back matters")]
    one: i32,
}

async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let mut conn = admin_conn().await;
            sweep(&mut conn).await;
            let name = format!("dsrt_{}_template", std::process::id());
            // Separate statements: a multi-statement batch runs as one transaction, which
            // CREATE/DROP DATABASE refuse.
            conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.expect("drop");
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create the template database");
            dsr_desk::db::run_migrations(&url_of(&name)).await.expect("migrate the template database");
            name
        })
        .await
}

/// Drops databases left behind by test processes that no longer run.
async fn sweep(conn: &mut AsyncPgConnection) {
    let names: Vec<Name> = sql_query("SELECT datname FROM pg_database WHERE datname LIKE 'dsrt\\_%'")
        .load(conn)
        .await
        .unwrap_or_default();
    for Name { datname } in names {
        let pid = datname.split('_').nth(1).and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {datname} WITH (FORCE)")).await;
        }
    }
}

/// A database that exists for the life of one test.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    /// A migrated database (a clone of the template).
    pub async fn migrated() -> Self {
        let template = template().await;
        Self::create(Some(template)).await
    }

    /// An empty database with no migrations applied.
    pub async fn empty() -> Self {
        Self::create(None).await
    }

    async fn create(template: Option<&str>) -> Self {
        let name = format!("dsrt_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
        let mut conn = admin_conn().await;
        let sql = match template {
            Some(t) => format!("CREATE DATABASE {name} TEMPLATE {t}"),
            None => format!("CREATE DATABASE {name}"),
        };
        conn.batch_execute(&sql).await.expect("create the test database");
        let url = url_of(&name);
        Self { name, url }
    }

    pub async fn conn(&self) -> AsyncPgConnection {
        AsyncPgConnection::establish(&self.url).await.expect("connect to the test database")
    }

    /// Every `table.column` in which `needle` occurs (case-insensitive): every text, character,
    /// jsonb and array column, and bytea as UTF-8. The proof that a person's data is gone.
    pub async fn columns_containing(&self, needle: &str) -> Vec<String> {
        #[derive(QueryableByName)]
        struct Column {
            #[diesel(sql_type = Text)]
            table_name: String,
            #[diesel(sql_type = Text)]
            column_name: String,
            #[diesel(sql_type = Text)]
            data_type: String,
        }
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.conn().await;
        let columns: Vec<Column> = sql_query(
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = 'public' \
               AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY', 'bytea')",
        )
        .load(&mut conn)
        .await
        .unwrap();
        assert!(columns.len() > 20, "the search covers every text column");
        let mut found = Vec::new();
        for c in columns {
            let condition = if c.data_type == "bytea" {
                format!("position(convert_to($1, 'UTF8') in \"{}\") > 0", c.column_name)
            } else {
                format!("\"{}\"::text ILIKE '%' || $1 || '%'", c.column_name)
            };
            let count: Count =
                sql_query(format!("SELECT count(*) AS n FROM \"{}\" WHERE {condition}", c.table_name))
                    .bind::<Text, _>(needle)
                    .get_result(&mut conn)
                    .await
                    .unwrap();
            if count.n > 0 {
                found.push(format!("{}.{}", c.table_name, c.column_name));
            }
        }
        found
    }

    /// Whether the database still exists (used to prove clean-up).
    pub async fn exists(name: &str) -> bool {
        let mut conn = admin_conn().await;
        let rows: Vec<One> = sql_query("SELECT 1 AS one FROM pg_database WHERE datname = $1")
            .bind::<Text, _>(name)
            .load(&mut conn)
            .await
            .unwrap();
        !rows.is_empty()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop cannot await: a short-lived thread with its own runtime drops the database.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
            rt.block_on(async {
                if let Ok(mut conn) = AsyncPgConnection::establish(&url_of("postgres")).await {
                    let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                }
            });
        })
        .join();
    }
}

/// The `host:port` of a PostgreSQL URL.
pub fn host_port(url: &str) -> String {
    let (_, rest) = url.split_once("://").expect("a URL");
    let authority = rest.split('/').next().unwrap_or(rest);
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    if host_port.contains(':') { host_port.to_owned() } else { format!("{host_port}:5432") }
}

/// The same URL pointing at another `host:port`.
pub fn with_host_port(url: &str, new: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let userinfo = authority.rsplit_once('@').map(|(u, _)| format!("{u}@")).unwrap_or_default();
    format!("{scheme}://{userinfo}{new}/{path}")
}

/// Calls of the statements whose text matches `like` (SQL LIKE; "%" for all) run in this
/// test's database since the last [`reset_statements`], leaving out the statistics queries
/// themselves (pg_stat_statements, loaded by scripts/pg.sh).
pub async fn statements(conn: &mut AsyncPgConnection, like: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Calls {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        calls: i64,
    }
    let calls: Calls = sql_query(
        "SELECT COALESCE(sum(calls), 0)::bigint AS calls FROM pg_stat_statements \
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) \
           AND query NOT ILIKE '%pg_stat_statements%' AND query LIKE $1",
    )
    .bind::<Text, _>(like)
    .get_result(conn)
    .await
    .expect(
        "pg_stat_statements must be loaded (shared_preload_libraries): start PostgreSQL with scripts/pg.sh",
    );
    calls.calls
}

/// Forgets the statement statistics of this test's database (creating the extension first).
pub async fn reset_statements(conn: &mut AsyncPgConnection) {
    sql_query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute(conn).await.unwrap();
    sql_query("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)")
        .execute(conn)
        .await
        .unwrap();
}
