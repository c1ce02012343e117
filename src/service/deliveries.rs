//! The email outbox as the administrator sees it: messages by state, and dead ones put back in the
//! queue.

use chrono::{DateTime, Utc};

use crate::db::outbox::{self, OutboxSummary};
use crate::db::{self, DbError, DbPool};
use crate::domain::OutboxId;

/// Messages in `status` (all when `None`), newest first, at most `limit`.
pub async fn list(pool: &DbPool, status: Option<&str>, limit: i64) -> Result<Vec<OutboxSummary>, DbError> {
    let mut conn = db::conn(pool).await?;
    outbox::list(&mut conn, status, limit.clamp(1, 10_000)).await
}

/// Puts a dead message back in the queue with a fresh attempt budget; `false` when no dead message
/// has this id.
pub async fn retry(pool: &DbPool, id: OutboxId, now: DateTime<Utc>) -> Result<bool, DbError> {
    let mut conn = db::conn(pool).await?;
    let queued = outbox::retry_dead(&mut conn, id, now).await?;
    if queued {
        tracing::info!(outbox_id = id.0, "dead email queued again");
    }
    Ok(queued)
}

/// Puts every dead message back in the queue with a fresh attempt budget; returns how many.
pub async fn retry_all(pool: &DbPool, now: DateTime<Utc>) -> Result<usize, DbError> {
    let mut conn = db::conn(pool).await?;
    let queued = outbox::retry_all_dead(&mut conn, now).await?;
    tracing::info!(count = queued, "dead emails queued again");
    Ok(queued)
}
