//! The `outbox_messages` table: emails written in the transaction of the change that causes them,
//! claimed by workers with `FOR UPDATE SKIP LOCKED`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::outbox_messages;
use super::work_queue::{OUTBOX, StateCount};
use crate::domain::{Language, OutboxId, RequestId};

/// A message to enqueue.
#[derive(Insertable)]
#[diesel(table_name = outbox_messages)]
pub struct NewOutboxMessage<'a> {
    pub request_id: Option<RequestId>,
    pub register_key: Option<&'a str>,
    pub template: &'a str,
    pub language: Language,
    pub recipient: &'a str,
    pub reply_to: Option<&'a str>,
    pub payload: serde_json::Value,
    pub message_id: &'a str,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// A claimed message.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = outbox_messages)]
pub struct OutboxMessage {
    pub id: OutboxId,
    pub request_id: Option<RequestId>,
    pub template: String,
    pub language: Language,
    pub recipient: String,
    pub reply_to: Option<String>,
    pub payload: serde_json::Value,
    pub message_id: String,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
}

/// A row as listed for the admin (no payload: it may hold one-time secrets).
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = outbox_messages)]
pub struct OutboxSummary {
    pub id: OutboxId,
    pub request_id: Option<RequestId>,
    pub register_key: Option<String>,
    pub template: String,
    pub language: Language,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub message_id: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Inserts a message; call it with the connection of the transaction that causes the email.
pub async fn insert(
    conn: &mut AsyncPgConnection,
    message: NewOutboxMessage<'_>,
) -> Result<OutboxId, DbError> {
    Ok(diesel::insert_into(outbox_messages::table)
        .values(&message)
        .returning(outbox_messages::id)
        .get_result(conn)
        .await?)
}

/// Locks up to `limit` due messages, oldest first, skipping rows other workers hold. Call inside a
/// transaction.
pub async fn claim_due(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<OutboxMessage>, DbError> {
    Ok(outbox_messages::table
        .filter(outbox_messages::status.eq("pending"))
        .filter(outbox_messages::next_attempt_at.le(now))
        .order((outbox_messages::next_attempt_at, outbox_messages::id))
        .select(OutboxMessage::as_select())
        .limit(limit)
        .for_update()
        .skip_locked()
        .load(conn)
        .await?)
}

/// Leases claimed messages to their worker until `until` (their due time moves there), so that
/// the claim can commit and each send be recorded in a transaction of its own: no other worker
/// takes them meanwhile, and those of a worker that died are due again when the lease ends.
pub async fn lease(
    conn: &mut AsyncPgConnection,
    ids: &[OutboxId],
    until: DateTime<Utc>,
) -> Result<(), DbError> {
    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
    diesel::update(outbox_messages::table.filter(outbox_messages::id.eq_any(ids)))
        .set(outbox_messages::next_attempt_at.eq(until))
        .execute(conn)
        .await?;
    Ok(())
}

/// Gives back leased messages that were not tried (due again at `due`), unless they were settled
/// or leased anew meanwhile.
pub async fn release(
    conn: &mut AsyncPgConnection,
    ids: &[OutboxId],
    leased_until: DateTime<Utc>,
    due: DateTime<Utc>,
) -> Result<(), DbError> {
    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
    diesel::update(
        outbox_messages::table
            .filter(outbox_messages::id.eq_any(ids))
            .filter(outbox_messages::status.eq("pending"))
            .filter(outbox_messages::next_attempt_at.eq(leased_until)),
    )
    .set(outbox_messages::next_attempt_at.eq(due))
    .execute(conn)
    .await?;
    Ok(())
}

/// Puts every dead message back in the queue, due now, with a fresh attempt budget; returns how
/// many.
pub async fn retry_all_dead(conn: &mut AsyncPgConnection, now: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::update(outbox_messages::table.filter(outbox_messages::status.eq("dead")))
        .set((
            outbox_messages::status.eq("pending"),
            outbox_messages::attempts.eq(0),
            outbox_messages::next_attempt_at.eq(now),
        ))
        .execute(conn)
        .await?)
}

/// Records a successful send and empties the payload (it may hold a one-time link or code).
pub async fn mark_sent(
    conn: &mut AsyncPgConnection,
    id: OutboxId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    OUTBOX.succeeded(conn, id.0, now).await
}

/// Records a failed attempt: retried at `retry_at`, or parked as dead when `retry_at` is `None`.
pub async fn mark_failed(
    conn: &mut AsyncPgConnection,
    id: OutboxId,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    OUTBOX.failed(conn, id.0, error, retry_at, now).await
}

/// Messages in `status` (all when `None`), newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    status: Option<&str>,
    limit: i64,
) -> Result<Vec<OutboxSummary>, DbError> {
    let mut query = outbox_messages::table
        .select(OutboxSummary::as_select())
        .order(outbox_messages::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(outbox_messages::status.eq(status.to_owned()));
    }
    Ok(query.load(conn).await?)
}

/// Puts a dead message back in the queue, due now, with a fresh attempt budget. Returns whether a
/// dead message with this id existed.
pub async fn retry_dead(
    conn: &mut AsyncPgConnection,
    id: OutboxId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    OUTBOX.revive(conn, id.0, now).await
}

/// Number of messages per state: `pending`, `failing` (pending after a failed attempt), `sent`
/// and `dead`.
pub async fn counts(conn: &mut AsyncPgConnection) -> Result<Vec<StateCount>, DbError> {
    OUTBOX.counts(conn).await
}

/// Deletes every message of a request (its personal data goes with it).
pub async fn delete_for_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<usize, DbError> {
    Ok(diesel::delete(outbox_messages::table.filter(outbox_messages::request_id.eq(request_id)))
        .execute(conn)
        .await?)
}
