//! The drivers of the company's own systems (`domain::sources`): PostgreSQL and MySQL/MariaDB
//! through `sqlx`, HTTP APIs through `reqwest` (rustls). Connection URLs and header secrets come
//! from environment variables named in the register file. Pools connect lazily: start-up checks
//! that every variable is set and parses, `dsr-desk sources check` that each system answers.
//!
//! Lookups run in a read-only transaction with a statement timeout, so a lookup cannot write even
//! if its text tries to. Each lookup's rows are turned into JSON by the database itself
//! (`row_to_json`, `JSON_OBJECT`), so every column type comes out as the database shows it.

use std::collections::HashMap;
use std::time::Duration;

use sqlx::mysql::{MySqlPool, MySqlPoolOptions};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{AssertSqlSafe, Column, Executor, SqlSafeStr, Statement};

use crate::domain::Register;
use crate::domain::sources::{
    DataSource, Dialect, Erasure, HttpMethod, Identifiers, MAX_ROWS, Records, SourceSystem, SqlTemplate, Step,
};

/// Why a step failed: shown to staff with the source's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("timed out after {0} s")]
    Timeout(u32),
    #[error("unreachable: {0}")]
    Unreachable(String),
    #[error("refused: {0}")]
    Refused(String),
    #[error("more than {MAX_ROWS} rows: narrow the lookup")]
    TooManyRows,
    #[error("not configured: {0}")]
    NotConfigured(String),
}

impl SourceError {
    /// Worth another try (a timeout or an unreachable system), unlike a refused statement.
    pub fn is_transient(&self) -> bool {
        matches!(self, SourceError::Timeout(_) | SourceError::Unreachable(_))
    }

    /// The kind alone, for logs (a database's message may quote a value).
    pub fn kind(&self) -> &'static str {
        match self {
            SourceError::Timeout(_) => "timeout",
            SourceError::Unreachable(_) => "unreachable",
            SourceError::Refused(_) => "refused",
            SourceError::TooManyRows => "too_many_rows",
            SourceError::NotConfigured(_) => "not_configured",
        }
    }
}

fn from_sqlx(e: sqlx::Error) -> SourceError {
    match e {
        sqlx::Error::Database(db) => SourceError::Refused(db.message().to_owned()),
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => {
            SourceError::Unreachable(e.to_string())
        }
        other => SourceError::Refused(other.to_string()),
    }
}

/// Runs SQL erasure steps in the transaction `$tx` (of either driver) and commits: the rows each
/// affected.
macro_rules! erase_in {
    ($tx:ident, $dialect:expr, $steps:expr, $ids:expr) => {{
        let mut affected = Vec::new();
        for erasure in $steps {
            let Step::Sql(sql) = &erasure.step else { continue };
            let (text, binds) = sql.render($dialect);
            let mut query = sqlx::query(AssertSqlSafe(text));
            for b in binds {
                query = query.bind($ids.value(b).map(str::to_owned));
            }
            affected.push(Some(query.execute(&mut *$tx).await.map_err(from_sqlx)?.rows_affected()));
        }
        $tx.commit().await.map_err(from_sqlx)?;
        Ok(affected)
    }};
}

/// The connection to one system.
enum Driver {
    Postgres(PgPool),
    Mysql(MySqlPool),
    Http { client: reqwest::Client, base: String, headers: reqwest::header::HeaderMap },
}

/// Every configured source of every register, by register key and source name.
#[derive(Default)]
pub struct Connections {
    drivers: HashMap<(String, String), Driver>,
}

impl std::fmt::Debug for Connections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connections").field("sources", &self.drivers.len()).finish()
    }
}

/// A problem found at start-up: register, source and reason.
pub type SetupProblem = (String, String, String);

impl Connections {
    /// Connections for every data source of `registers`, with URLs and secrets from `env`. Nothing
    /// connects yet; a variable that is missing or does not parse is a problem naming it.
    pub fn build(
        registers: &[Register],
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, Vec<SetupProblem>> {
        let mut drivers = HashMap::new();
        let mut problems = Vec::new();
        for register in registers {
            for source in &register.data_sources {
                match driver(source, env) {
                    Ok(d) => {
                        drivers.insert((register.key.clone(), source.name.clone()), d);
                    }
                    Err(reason) => problems.push((register.key.clone(), source.name.clone(), reason)),
                }
            }
        }
        if problems.is_empty() { Ok(Connections { drivers }) } else { Err(problems) }
    }

    fn driver(&self, register: &str, source: &DataSource) -> Result<&Driver, SourceError> {
        self.drivers
            .get(&(register.to_owned(), source.name.clone()))
            .ok_or_else(|| SourceError::NotConfigured(format!("no connection for `{}`", source.name)))
    }

    /// Runs one lookup step for `ids` within the source's timeout.
    pub async fn lookup(
        &self,
        register: &str,
        source: &DataSource,
        step: &Step,
        ids: &Identifiers,
    ) -> Result<Records, SourceError> {
        let driver = self.driver(register, source)?;
        let run = async {
            match (driver, step) {
                (Driver::Postgres(pool), Step::Sql(sql)) => {
                    pg_lookup(pool, sql, ids, source.timeout_secs).await
                }
                (Driver::Mysql(pool), Step::Sql(sql)) => {
                    mysql_lookup(pool, sql, ids, source.timeout_secs).await
                }
                (Driver::Http { client, base, headers }, Step::Http { method, path, records }) => {
                    let path = path.fill(ids).map_err(|e| SourceError::NotConfigured(e.to_string()))?;
                    http_lookup(client, base, headers, *method, &path, records).await
                }
                _ => Err(SourceError::NotConfigured("the step does not fit the source's kind".into())),
            }
        };
        within(source.timeout_secs, run).await
    }

    /// Runs the erasure steps of one source: for SQL, all in one transaction (all or nothing);
    /// returns the rows each affected (`None` where an API does not say).
    pub async fn erase(
        &self,
        register: &str,
        source: &DataSource,
        steps: &[&Erasure],
        ids: &Identifiers,
    ) -> Result<Vec<Option<u64>>, SourceError> {
        let driver = self.driver(register, source)?;
        let run = async {
            match driver {
                Driver::Postgres(pool) => {
                    let mut tx = pool.begin().await.map_err(from_sqlx)?;
                    set_pg_timeout(&mut tx, source.timeout_secs).await?;
                    erase_in!(tx, Dialect::Postgres, steps, ids)
                }
                Driver::Mysql(pool) => {
                    let mut conn = pool.acquire().await.map_err(from_sqlx)?;
                    mysql_timeout(&mut conn, source.timeout_secs).await?;
                    let mut tx = sqlx::Connection::begin(&mut *conn).await.map_err(from_sqlx)?;
                    erase_in!(tx, Dialect::Mysql, steps, ids)
                }
                Driver::Http { client, base, headers } => {
                    let mut affected = Vec::new();
                    for erasure in steps {
                        let Step::Http { method, path, .. } = &erasure.step else { continue };
                        let path = path.fill(ids).map_err(|e| SourceError::NotConfigured(e.to_string()))?;
                        let response = send(client, base, headers, *method, &path).await?;
                        // Already gone is erased too.
                        if !(response.status().is_success()
                            || response.status() == reqwest::StatusCode::NOT_FOUND)
                        {
                            return Err(status_error(response.status()));
                        }
                        affected.push(None);
                    }
                    Ok(affected)
                }
            }
        };
        within(source.timeout_secs, run).await
    }

    /// Checks one source for `dsr-desk sources check`: that it answers, that each step prepares,
    /// and (SQL) which steps would read a whole table for lack of an index.
    pub async fn check(&self, register: &str, source: &DataSource) -> Vec<Finding> {
        let mut findings = Vec::new();
        let driver = match self.driver(register, source) {
            Ok(d) => d,
            Err(e) => return vec![Finding::problem("", e.to_string())],
        };
        let steps = source
            .lookups
            .iter()
            .map(|l| (format!("lookup {}", l.name), &l.step))
            .chain(source.erasures.iter().map(|e| (format!("erasure {}", e.name), &e.step)));
        for (name, step) in steps {
            let finding = match (driver, step) {
                (Driver::Postgres(pool), Step::Sql(sql)) => {
                    within(source.timeout_secs, pg_explain(pool, sql)).await
                }
                (Driver::Mysql(pool), Step::Sql(sql)) => {
                    within(source.timeout_secs, mysql_explain(pool, sql)).await
                }
                (Driver::Http { client, base, headers }, Step::Http { path, .. }) => {
                    // Only a GET is tried (with an address no one has); an erasure step is not run.
                    let probe = Identifiers {
                        email: Some("dsr-desk-check@example.invalid".into()),
                        ..Identifiers::default()
                    };
                    match path.fill(&probe) {
                        Ok(p) if !name.starts_with("erasure") => {
                            within(source.timeout_secs, async {
                                let r = send(client, base, headers, HttpMethod::Get, &p).await?;
                                if r.status().is_success() || r.status() == reqwest::StatusCode::NOT_FOUND {
                                    Ok(Vec::new())
                                } else {
                                    Err(status_error(r.status()))
                                }
                            })
                            .await
                        }
                        _ => Ok(Vec::new()),
                    }
                }
                _ => Err(SourceError::NotConfigured("the step does not fit the source's kind".into())),
            };
            match finding {
                Ok(scans) => {
                    for table in scans {
                        findings.push(Finding::problem(
                            &name,
                            format!(
                                "reads the whole table `{table}`: add an index on the column it selects by"
                            ),
                        ));
                    }
                    findings.push(Finding { step: name, ok: true, message: "prepares and runs".into() });
                }
                Err(e) => findings.push(Finding::problem(&name, e.to_string())),
            }
        }
        findings
    }
}

/// One line of `sources check`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    pub step: String,
    pub ok: bool,
    pub message: String,
}

impl Finding {
    fn problem(step: &str, message: String) -> Self {
        Finding { step: step.to_owned(), ok: false, message }
    }
}

async fn within<T>(secs: u32, run: impl Future<Output = Result<T, SourceError>>) -> Result<T, SourceError> {
    // A little beyond the statement timeout, so that the database's own error wins when it has one.
    tokio::time::timeout(Duration::from_secs(u64::from(secs) + 1), run)
        .await
        .unwrap_or(Err(SourceError::Timeout(secs)))
}

fn driver(source: &DataSource, env: &dyn Fn(&str) -> Option<String>) -> Result<Driver, String> {
    let url = env(&source.url_env)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| format!("the environment variable {} (url_env) is not set", source.url_env))?;
    let connect = Duration::from_secs(u64::from(source.timeout_secs));
    match source.system {
        SourceSystem::Postgres => PgPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(connect)
            .connect_lazy(&url)
            .map(Driver::Postgres)
            .map_err(|e| {
                format!("{} does not hold a usable PostgreSQL URL: {}", source.url_env, redacted(&e))
            }),
        SourceSystem::Mysql => MySqlPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(connect)
            .connect_lazy(&url)
            .map(Driver::Mysql)
            .map_err(|e| format!("{} does not hold a usable MySQL URL: {}", source.url_env, redacted(&e))),
        SourceSystem::Http => {
            let base = url.trim_end_matches('/').to_owned();
            if !(base.starts_with("https://") || base.starts_with("http://")) {
                return Err(format!("{} must hold an http(s) base URL", source.url_env));
            }
            let mut headers = reqwest::header::HeaderMap::new();
            for (name, var) in &source.headers_env {
                let value = env(var).ok_or_else(|| {
                    format!("the environment variable {var} (headers_env.{name}) is not set")
                })?;
                let name =
                    reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?;
                let mut value = reqwest::header::HeaderValue::from_str(&value)
                    .map_err(|_| format!("{var} does not hold a valid header value"))?;
                value.set_sensitive(true);
                headers.insert(name, value);
            }
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(u64::from(source.timeout_secs)))
                .connect_timeout(connect)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| e.to_string())?;
            Ok(Driver::Http { client, base, headers })
        }
    }
}

/// A URL error without the URL (it may hold a password).
fn redacted(e: &sqlx::Error) -> &'static str {
    match e {
        sqlx::Error::Configuration(_) => "the URL does not parse",
        _ => "the URL is not accepted",
    }
}

async fn set_pg_timeout(conn: &mut sqlx::PgConnection, secs: u32) -> Result<(), SourceError> {
    conn.execute(AssertSqlSafe(format!("SET LOCAL statement_timeout = {}", u64::from(secs) * 1000)))
        .await
        .map_err(from_sqlx)?;
    Ok(())
}

/// The column names of `sql` as PostgreSQL prepares it.
async fn pg_columns(conn: &mut sqlx::PgConnection, sql: &str) -> Result<Vec<String>, SourceError> {
    let statement = conn.prepare(AssertSqlSafe(sql.to_owned()).into_sql_str()).await.map_err(from_sqlx)?;
    Ok(statement.columns().iter().map(|c| c.name().to_owned()).collect())
}

/// The column names of `sql` as MySQL prepares it.
async fn mysql_columns(conn: &mut sqlx::MySqlConnection, sql: &str) -> Result<Vec<String>, SourceError> {
    let statement = conn.prepare(AssertSqlSafe(sql.to_owned()).into_sql_str()).await.map_err(from_sqlx)?;
    Ok(statement.columns().iter().map(|c| c.name().to_owned()).collect())
}

/// Orders each JSON object's values by `columns`.
fn records(columns: Vec<String>, texts: Vec<String>) -> Result<Records, SourceError> {
    let mut rows = Vec::with_capacity(texts.len());
    for text in texts {
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
            .map_err(|e| SourceError::Refused(format!("a row did not read as JSON: {e}")))?;
        rows.push(
            columns.iter().map(|c| object.get(c).cloned().unwrap_or(serde_json::Value::Null)).collect(),
        );
    }
    Ok(Records { columns, rows })
}

/// Refuses more rows than one person's data can be (the query asked for one more than that).
fn limited(texts: Vec<String>) -> Result<Vec<String>, SourceError> {
    if texts.len() > MAX_ROWS { Err(SourceError::TooManyRows) } else { Ok(texts) }
}

async fn pg_lookup(
    pool: &PgPool,
    sql: &SqlTemplate,
    ids: &Identifiers,
    secs: u32,
) -> Result<Records, SourceError> {
    let (text, binds) = sql.render(Dialect::Postgres);
    let mut tx = pool.begin_with("BEGIN READ ONLY").await.map_err(from_sqlx)?;
    set_pg_timeout(&mut tx, secs).await?;
    let columns = pg_columns(&mut tx, &text).await?;
    let wrapped = format!("SELECT row_to_json(t)::text FROM ({text}) AS t LIMIT {}", MAX_ROWS + 1);
    let mut query = sqlx::query_scalar::<_, String>(AssertSqlSafe(wrapped));
    for b in binds {
        query = query.bind(ids.value(b).map(str::to_owned));
    }
    let texts = limited(query.fetch_all(&mut *tx).await.map_err(from_sqlx)?)?;
    tx.rollback().await.map_err(from_sqlx)?;
    records(columns, texts)
}

/// Quotes a MySQL identifier.
fn backquoted(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// Quotes a MySQL string literal (a column name as a JSON key).
fn quoted(name: &str) -> String {
    format!("'{}'", name.replace('\\', "\\\\").replace('\'', "''"))
}

async fn mysql_timeout(conn: &mut sqlx::MySqlConnection, secs: u32) -> Result<(), SourceError> {
    // MariaDB's variable, else MySQL's (milliseconds, SELECTs only).
    let mariadb = conn.execute(AssertSqlSafe(format!("SET SESSION max_statement_time = {secs}"))).await;
    if mariadb.is_err() {
        conn.execute(AssertSqlSafe(format!("SET SESSION max_execution_time = {}", u64::from(secs) * 1000)))
            .await
            .map_err(from_sqlx)?;
    }
    Ok(())
}

async fn mysql_lookup(
    pool: &MySqlPool,
    sql: &SqlTemplate,
    ids: &Identifiers,
    secs: u32,
) -> Result<Records, SourceError> {
    let (text, binds) = sql.render(Dialect::Mysql);
    let mut conn = pool.acquire().await.map_err(from_sqlx)?;
    mysql_timeout(&mut conn, secs).await?;
    let mut tx =
        sqlx::Connection::begin_with(&mut *conn, "START TRANSACTION READ ONLY").await.map_err(from_sqlx)?;
    let columns = mysql_columns(&mut tx, &text).await?;
    let pairs: Vec<String> = columns.iter().map(|c| format!("{}, t.{}", quoted(c), backquoted(c))).collect();
    let wrapped = format!(
        "SELECT CAST(JSON_OBJECT({}) AS CHAR) FROM ({text}) AS t LIMIT {}",
        pairs.join(", "),
        MAX_ROWS + 1
    );
    let mut query = sqlx::query_scalar::<_, String>(AssertSqlSafe(wrapped));
    for b in binds {
        query = query.bind(ids.value(b).map(str::to_owned));
    }
    let texts = limited(query.fetch_all(&mut *tx).await.map_err(from_sqlx)?)?;
    tx.rollback().await.map_err(from_sqlx)?;
    records(columns, texts)
}

async fn send(
    client: &reqwest::Client,
    base: &str,
    headers: &reqwest::header::HeaderMap,
    method: HttpMethod,
    path: &str,
) -> Result<reqwest::Response, SourceError> {
    let method = match method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
        HttpMethod::Delete => reqwest::Method::DELETE,
    };
    client
        .request(method, format!("{base}{path}"))
        .headers(headers.clone())
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| {
            if e.is_timeout() {
                SourceError::Unreachable("no answer in time".into())
            } else {
                // Without the URL: its query holds the requester's address.
                SourceError::Unreachable(e.without_url().to_string())
            }
        })
}

fn status_error(status: reqwest::StatusCode) -> SourceError {
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        SourceError::Unreachable(format!("the API answered {status}"))
    } else {
        SourceError::Refused(format!("the API answered {status}"))
    }
}

async fn http_lookup(
    client: &reqwest::Client,
    base: &str,
    headers: &reqwest::header::HeaderMap,
    method: HttpMethod,
    path: &str,
    pointer: &str,
) -> Result<Records, SourceError> {
    let response = send(client, base, headers, method, path).await?;
    if response.status() == reqwest::StatusCode::NOT_FOUND {
        return Ok(Records::default());
    }
    if !response.status().is_success() {
        return Err(status_error(response.status()));
    }
    let body: serde_json::Value =
        response.json().await.map_err(|_| SourceError::Refused("the answer is not JSON".into()))?;
    let found = if pointer.is_empty() { Some(&body) } else { body.pointer(pointer) };
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = match found {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                serde_json::Value::Object(o) => o.clone(),
                other => std::iter::once(("value".to_owned(), other.clone())).collect(),
            })
            .collect(),
        Some(serde_json::Value::Object(o)) => vec![o.clone()],
        Some(other) => vec![std::iter::once(("value".to_owned(), other.clone())).collect()],
    };
    if objects.len() > MAX_ROWS {
        return Err(SourceError::TooManyRows);
    }
    Ok(Records::from_objects(&objects))
}

/// Tables a PostgreSQL plan reads whole, with placeholder identifiers bound.
async fn pg_explain(pool: &PgPool, sql: &SqlTemplate) -> Result<Vec<String>, SourceError> {
    let (text, binds) = sql.render(Dialect::Postgres);
    let mut tx = pool.begin_with("BEGIN READ ONLY").await.map_err(from_sqlx)?;
    // A small table is read whole whatever its indexes: with sequential scans priced out, a
    // `Seq Scan` left in the plan is a table without an index the step can use.
    tx.execute("SET LOCAL enable_seqscan = off").await.map_err(from_sqlx)?;
    let mut query =
        sqlx::query_scalar::<_, serde_json::Value>(AssertSqlSafe(format!("EXPLAIN (FORMAT JSON) {text}")));
    for _ in binds {
        query = query.bind("dsr-desk-check@example.invalid");
    }
    let plan = query.fetch_one(&mut *tx).await.map_err(from_sqlx)?;
    tx.rollback().await.map_err(from_sqlx)?;
    let mut scans = Vec::new();
    seq_scans(&plan, &mut scans);
    Ok(scans)
}

fn seq_scans(node: &serde_json::Value, out: &mut Vec<String>) {
    match node {
        serde_json::Value::Object(o) => {
            // A sequential scan, or a walk through a whole index (no condition on it), reads
            // every row of the table.
            let node = o.get("Node Type").and_then(|t| t.as_str()).unwrap_or_default();
            let whole = node == "Seq Scan"
                || (matches!(node, "Index Scan" | "Index Only Scan") && !o.contains_key("Index Cond"));
            if whole
                && let Some(table) = o.get("Relation Name").and_then(|t| t.as_str())
                && !out.iter().any(|t| t == table)
            {
                out.push(table.to_owned());
            }
            o.values().for_each(|v| seq_scans(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| seq_scans(v, out)),
        _ => {}
    }
}

/// Tables a MySQL plan reads whole for lack of a usable index.
async fn mysql_explain(pool: &MySqlPool, sql: &SqlTemplate) -> Result<Vec<String>, SourceError> {
    use sqlx::Row;
    let (text, binds) = sql.render(Dialect::Mysql);
    let mut query = sqlx::query(AssertSqlSafe(format!("EXPLAIN {text}")));
    for _ in binds {
        query = query.bind("dsr-desk-check@example.invalid");
    }
    let rows = query.fetch_all(pool).await.map_err(from_sqlx)?;
    let mut scans = Vec::new();
    for row in rows {
        let text = |column: &str| -> Option<String> {
            // MariaDB sends some EXPLAIN columns as binary strings.
            row.try_get::<Option<String>, _>(column).ok().flatten().or_else(|| {
                row.try_get::<Option<Vec<u8>>, _>(column)
                    .ok()
                    .flatten()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            })
        };
        let (access, table) = (text("type"), text("table"));
        // A small table is read whole whatever its indexes; one with no possible key has none
        // the step can use.
        let possible_keys = text("possible_keys").filter(|k| !k.is_empty());
        // `ALL` reads the table, `index` all of an index (e.g. the primary key, for ORDER BY).
        if let (Some("ALL" | "index"), Some(table), None) = (access.as_deref(), table, possible_keys)
            && !scans.contains(&table)
        {
            scans.push(table);
        }
    }
    Ok(scans)
}
