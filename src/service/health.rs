//! Readiness: whether PostgreSQL answers with every embedded migration applied, and how the work
//! queues stand.

use super::Context;
use crate::db;
pub use crate::db::work_queue::StateCount;

/// What `/readyz` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readiness {
    /// PostgreSQL cannot be reached (or the query failed).
    Unreachable,
    /// Reachable, but these migrations are not applied.
    Pending(Vec<String>),
    /// Ready: the outbox and job rows per state.
    Ready { outbox: Vec<StateCount>, jobs: Vec<StateCount> },
}

/// Checks the database against the `embedded` migration versions.
pub async fn readiness(ctx: &Context, embedded: &[String]) -> Readiness {
    let mut conn = match db::conn(&ctx.pool).await {
        Ok(conn) => conn,
        Err(e) => {
            tracing::warn!(error = %e, "readiness: database unreachable");
            return Readiness::Unreachable;
        }
    };
    match db::pending_migrations(&mut conn, embedded).await {
        Ok(pending) if pending.is_empty() => Readiness::Ready {
            outbox: db::outbox::counts(&mut conn).await.unwrap_or_default(),
            jobs: db::jobs::counts(&mut conn).await.unwrap_or_default(),
        },
        Ok(pending) => Readiness::Pending(pending),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: query failed");
            Readiness::Unreachable
        }
    }
}
