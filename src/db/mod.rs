//! PostgreSQL access: the connection pool, the embedded migrations and one module of queries per
//! table. Only this layer knows diesel.

pub mod answers;
pub mod api_keys;
pub mod assignees;
pub mod audit;
pub mod collections;
pub mod events;
pub mod idempotency;
pub mod identification;
pub mod jobs;
pub mod letters;
pub mod notes;
pub mod outbox;
pub mod password_resets;
pub mod rate_limits;
pub mod registers;
pub mod report;
pub mod request_queue;
pub mod requests;
pub mod retention;
pub mod schema;
pub mod second_factor;
pub mod sessions;
pub mod sources;
pub mod staff;
pub mod suppressions;
pub mod types;
pub mod verifications;
pub mod webhooks;
pub mod work_queue;

use std::time::Duration;

use diesel::ConnectionError;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel_async::AsyncPgConnection;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_async::pooled_connection::deadpool::{Object, Pool, PoolError};
use diesel_async::pooled_connection::{
    AsyncDieselConnectionManager, ManagerConfig, PoolError as ManagerError, RecyclingMethod,
};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub type DbPool = Pool<AsyncPgConnection>;
pub type DbConn = Object<AsyncPgConnection>;

/// Every migration of `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// A database failure as the layers above need to tell it apart. The policy: only
/// [`DbError::Unavailable`] is temporary (503 and retry); a corrupt row or a failed query is a
/// defect, answered with an opaque 500 and logged with its cause.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// PostgreSQL cannot be reached or the pool is exhausted: answer 503 and retry later.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A stored row the domain cannot read (an unknown status, a malformed payload) or a broken
    /// invariant: a data error, never replaced by a default.
    #[error("corrupt data: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Query(DieselError),
}

impl DbError {
    pub fn is_unavailable(&self) -> bool {
        matches!(self, DbError::Unavailable(_))
    }

    /// A broken invariant or unreadable stored value, described for the log.
    pub fn corrupt(what: impl std::fmt::Display) -> Self {
        DbError::Corrupt(what.to_string())
    }
}

impl From<DieselError> for DbError {
    fn from(e: DieselError) -> Self {
        match &e {
            DieselError::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            )
            | DieselError::BrokenTransactionManager => DbError::Unavailable(e.to_string()),
            DieselError::DatabaseError(_, info) if connection_ended(info.message()) => {
                DbError::Unavailable(e.to_string())
            }
            DieselError::DeserializationError(cause) => {
                DbError::Corrupt(format!("unreadable row: {}", with_sources(cause.as_ref())))
            }
            _ => DbError::Query(e),
        }
    }
}

/// Whether PostgreSQL's message says it ended the session: a restart or shutdown (SQLSTATE 57P01
/// `admin_shutdown`, 57P02 `crash_shutdown`, 57P03 `cannot_connect_now`), a terminated backend, an
/// idle timeout, or a lost connection (class 08). diesel passes on the message but not the
/// SQLSTATE, so the server's (English) wording is matched. The connection itself is closed by then,
/// so the pool discards it on its next checkout.
fn connection_ended(message: &str) -> bool {
    const ENDED: [&str; 7] = [
        "terminating connection",
        "the database system is shutting down",
        "the database system is starting up",
        "the database system is in recovery mode",
        "the database system is not yet accepting connections",
        "server closed the connection",
        "connection closed",
    ];
    let message = message.to_ascii_lowercase();
    ENDED.iter().any(|ended| message.contains(ended))
}

/// An error and its causes, outermost first (diesel names the field; the cause says what was wrong).
fn with_sources(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl From<PoolError> for DbError {
    fn from(e: PoolError) -> Self {
        DbError::Unavailable(e.to_string())
    }
}

impl From<ConnectionError> for DbError {
    fn from(e: ConnectionError) -> Self {
        DbError::Unavailable(e.to_string())
    }
}

impl From<ManagerError> for DbError {
    fn from(e: ManagerError) -> Self {
        DbError::Unavailable(e.to_string())
    }
}

/// Builds the pool. Connections are opened on demand, so this succeeds while PostgreSQL is down;
/// every checkout then fails within `timeout` and the pool recovers by itself once it is back.
pub fn build_pool(url: &str, size: usize, timeout: Duration) -> Result<DbPool, DbError> {
    // Fast recycling: no `SELECT 1` on every checkout (a round trip per request); a connection that
    // broke is noticed on its next query, marked broken and replaced.
    let mut config = ManagerConfig::<AsyncPgConnection>::default();
    config.recycling_method = RecyclingMethod::Fast;
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new_with_config(url, config);
    Pool::builder(manager)
        .max_size(size)
        .wait_timeout(Some(timeout))
        .create_timeout(Some(timeout))
        .recycle_timeout(Some(timeout))
        .runtime(deadpool::Runtime::Tokio1)
        .build()
        .map_err(|e| DbError::Unavailable(e.to_string()))
}

/// Takes a connection from the pool.
pub async fn conn(pool: &DbPool) -> Result<DbConn, DbError> {
    Ok(pool.get().await?)
}

/// Lets the current transaction commit without waiting for its WAL flush (PostgreSQL's
/// `synchronous_commit = off`, this transaction only). Only for writes whose loss in a server crash
/// is harmless: a crash may undo the last few such commits, never corrupt anything.
pub async fn commit_without_flush(conn: &mut AsyncPgConnection) -> Result<(), DbError> {
    diesel_async::RunQueryDsl::execute(diesel::sql_query("SET LOCAL synchronous_commit TO OFF"), conn)
        .await?;
    Ok(())
}

/// Applies every pending migration; returns the versions applied.
pub async fn run_migrations(url: &str) -> Result<Vec<String>, MigrationError> {
    with_harness(url, |conn| {
        conn.run_pending_migrations(MIGRATIONS)
            .map(|versions| versions.iter().map(ToString::to_string).collect())
    })
    .await
}

/// Reverts every applied migration (tests prove each `down.sql` with it).
pub async fn revert_all_migrations(url: &str) -> Result<Vec<String>, MigrationError> {
    with_harness(url, |conn| {
        conn.revert_all_migrations(MIGRATIONS)
            .map(|versions| versions.iter().map(ToString::to_string).collect())
    })
    .await
}

/// A migration that failed, with diesel's reason.
#[derive(Debug, thiserror::Error)]
#[error("migration failed: {0}")]
pub struct MigrationError(String);

type HarnessResult = diesel::migration::Result<Vec<String>>;

async fn with_harness(
    url: &str,
    run: impl FnOnce(&mut AsyncConnectionWrapper<AsyncPgConnection>) -> HarnessResult + Send + 'static,
) -> Result<Vec<String>, MigrationError> {
    use diesel::Connection;
    let url = url.to_owned();
    // The migration harness is synchronous; it drives the async connection from a blocking thread.
    tokio::task::spawn_blocking(move || {
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)
            .map_err(|e| MigrationError(e.to_string()))?;
        run(&mut conn).map_err(|e| MigrationError(e.to_string()))
    })
    .await
    .map_err(|e| MigrationError(e.to_string()))?
}

/// The versions of every embedded migration, oldest first.
pub fn embedded_versions() -> Vec<String> {
    use diesel::migration::MigrationSource;
    use diesel::pg::Pg;
    let mut versions: Vec<String> = MigrationSource::<Pg>::migrations(&MIGRATIONS)
        .map(|ms| ms.iter().map(|m| m.name().version().to_string()).collect())
        .unwrap_or_default();
    versions.sort();
    versions
}

/// Embedded migrations not yet applied to the database behind `conn`.
pub async fn pending_migrations(
    conn: &mut AsyncPgConnection,
    embedded: &[String],
) -> Result<Vec<String>, DbError> {
    use diesel::sql_types::Text;
    use diesel_async::RunQueryDsl;

    #[derive(diesel::QueryableByName)]
    struct Version {
        #[diesel(sql_type = Text)]
        version: String,
    }
    let applied: Vec<Version> =
        match diesel::sql_query("SELECT version FROM __diesel_schema_migrations").load(conn).await {
            Ok(rows) => rows,
            // No migration table yet: everything is pending.
            Err(DieselError::DatabaseError(DatabaseErrorKind::Unknown, info))
                if info.message().contains("__diesel_schema_migrations") =>
            {
                Vec::new()
            }
            Err(e) => return Err(e.into()),
        };
    Ok(embedded.iter().filter(|v| !applied.iter().any(|a| &a.version == *v)).cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ended_by_the_server_is_unavailability_and_a_failed_query_is_not() {
        for message in [
            "terminating connection due to administrator command",
            "terminating connection because of crash of another server process",
            "FATAL: the database system is shutting down",
        ] {
            assert!(connection_ended(message), "{message}");
        }
        assert!(!connection_ended("invalid byte sequence for encoding \"UTF8\": 0x00"));
        assert!(!connection_ended("duplicate key value violates unique constraint"));
    }
}
