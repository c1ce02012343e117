//! The `idempotency_keys` table: the first response to a key is stored with the transaction that
//! produced it; a repeat gets the stored response. A key belongs to its scope (the caller) and
//! lives for a limited time: an older row counts as absent and is replaced, and [`purge`] deletes
//! old rows.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::idempotency_keys as ik;

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The key is new and now held by this transaction: do the work, then [`store`] the response.
    New,
    /// The key was used before with the same request: here is its response.
    Replay { status: i32, body: serde_json::Value },
    /// The key was used before with a different request body.
    Mismatch,
}

/// Claims `key` inside the caller's transaction. A concurrent holder of the same key makes this
/// wait until it commits, then see its stored response. A row created at or before
/// `expired_before` is deleted first: the key is new again.
pub async fn claim(
    conn: &mut AsyncPgConnection,
    scope: &str,
    key: &str,
    fingerprint: &[u8],
    now: DateTime<Utc>,
    expired_before: DateTime<Utc>,
) -> Result<Claim, DbError> {
    diesel::delete(ik::table.find((scope, key)).filter(ik::created_at.le(expired_before)))
        .execute(conn)
        .await?;
    let inserted = diesel::insert_into(ik::table)
        .values((
            ik::scope.eq(scope),
            ik::key.eq(key),
            ik::fingerprint.eq(fingerprint),
            ik::created_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (stored_fp, status, body): (Vec<u8>, Option<i32>, Option<serde_json::Value>) = ik::table
        .find((scope, key))
        .select((ik::fingerprint, ik::response_status, ik::response_body))
        .first(conn)
        .await?;
    if stored_fp != fingerprint {
        return Ok(Claim::Mismatch);
    }
    Ok(match (status, body) {
        (Some(status), Some(body)) => Claim::Replay { status, body },
        _ => Claim::Mismatch,
    })
}

/// Stores the response for a key claimed with [`claim`].
pub async fn store(
    conn: &mut AsyncPgConnection,
    scope: &str,
    key: &str,
    status: i32,
    body: &serde_json::Value,
) -> Result<(), DbError> {
    diesel::update(ik::table.find((scope, key)))
        .set((ik::response_status.eq(status), ik::response_body.eq(body)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes the keys created before `before`; returns how many.
pub async fn purge(conn: &mut AsyncPgConnection, before: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(ik::table.filter(ik::created_at.lt(before))).execute(conn).await?)
}
