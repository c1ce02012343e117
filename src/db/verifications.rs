//! The `request_verifications` table: keyed hashes of the link token and code of each issued
//! email-possession check.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::request_verifications as rv;
use crate::domain::RequestId;
use crate::domain::verification::Issued;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rv)]
pub struct VerificationRow {
    pub id: i64,
    pub request_id: RequestId,
    pub code_hash: Vec<u8>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub wrong_attempts: i32,
    pub used_at: Option<DateTime<Utc>>,
    pub invalidated_at: Option<DateTime<Utc>>,
}

impl VerificationRow {
    pub fn issued(&self) -> Issued {
        Issued {
            issued_at: self.issued_at,
            expires_at: self.expires_at,
            wrong_attempts: self.wrong_attempts,
            used_at: self.used_at,
            invalidated_at: self.invalidated_at,
        }
    }
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    token_hash: &[u8],
    code_hash: &[u8],
    issued: &Issued,
) -> Result<(), DbError> {
    diesel::insert_into(rv::table)
        .values((
            rv::request_id.eq(request_id),
            rv::token_hash.eq(token_hash),
            rv::code_hash.eq(code_hash),
            rv::issued_at.eq(issued.issued_at),
            rv::expires_at.eq(issued.expires_at),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The request a link token belongs to (the caller then locks the request and its row).
pub async fn request_of_token(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
) -> Result<Option<RequestId>, DbError> {
    Ok(rv::table.filter(rv::token_hash.eq(token_hash)).select(rv::request_id).first(conn).await.optional()?)
}

/// The verification a token belongs to, locked.
pub async fn lock_by_token(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
) -> Result<Option<VerificationRow>, DbError> {
    Ok(rv::table
        .filter(rv::token_hash.eq(token_hash))
        .select(VerificationRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?)
}

/// The request's newest verification, locked.
pub async fn lock_latest(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Option<VerificationRow>, DbError> {
    Ok(rv::table
        .filter(rv::request_id.eq(request_id))
        .order(rv::issued_at.desc())
        .select(VerificationRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?)
}

pub async fn issued_since(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    since: DateTime<Utc>,
) -> Result<i64, DbError> {
    Ok(rv::table
        .filter(rv::request_id.eq(request_id))
        .filter(rv::issued_at.gt(since))
        .count()
        .get_result(conn)
        .await?)
}

pub async fn record_wrong(
    conn: &mut AsyncPgConnection,
    id: i64,
    locked_at: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    diesel::update(rv::table.find(id))
        .set((rv::wrong_attempts.eq(rv::wrong_attempts + 1), rv::invalidated_at.eq(locked_at)))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_used(conn: &mut AsyncPgConnection, id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    diesel::update(rv::table.find(id)).set(rv::used_at.eq(now)).execute(conn).await?;
    Ok(())
}

/// Invalidates every still-usable verification of the request (a new code replaces them).
pub async fn invalidate_all(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(
        rv::table
            .filter(rv::request_id.eq(request_id))
            .filter(rv::used_at.is_null())
            .filter(rv::invalidated_at.is_null()),
    )
    .set(rv::invalidated_at.eq(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes the request's verification rows (once used, or when the request expires).
pub async fn delete_for(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<(), DbError> {
    diesel::delete(rv::table.filter(rv::request_id.eq(request_id))).execute(conn).await?;
    Ok(())
}
