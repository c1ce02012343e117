//! The `staff_password_resets` table: emailed reset links, single-use and short-lived.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::staff_password_resets as resets;
use crate::domain::StaffId;

pub async fn insert(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    staff_id: StaffId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::insert_into(resets::table)
        .values((
            resets::token_hash.eq(token_hash),
            resets::staff_id.eq(staff_id),
            resets::created_at.eq(now),
            resets::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Links sent to an account since `since`.
pub async fn sent_since(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    since: DateTime<Utc>,
) -> Result<i64, DbError> {
    Ok(resets::table
        .filter(resets::staff_id.eq(staff_id))
        .filter(resets::created_at.gt(since))
        .count()
        .get_result(conn)
        .await?)
}

/// The account of an unused, unexpired link; the check alone, nothing is used up.
pub async fn find_open(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<Option<StaffId>, DbError> {
    Ok(resets::table
        .filter(resets::token_hash.eq(token_hash))
        .filter(resets::used_at.is_null())
        .filter(resets::expires_at.gt(now))
        .select(resets::staff_id)
        .first(conn)
        .await
        .optional()?)
}

/// Uses a link up, atomically: the account when it was unused and unexpired, else `None`. Every
/// other open link of the account is used up with it.
pub async fn take(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<Option<StaffId>, DbError> {
    let staff_id: Option<StaffId> = diesel::update(
        resets::table
            .filter(resets::token_hash.eq(token_hash))
            .filter(resets::used_at.is_null())
            .filter(resets::expires_at.gt(now)),
    )
    .set(resets::used_at.eq(now))
    .returning(resets::staff_id)
    .get_result(conn)
    .await
    .optional()?;
    if let Some(id) = staff_id {
        diesel::update(resets::table.filter(resets::staff_id.eq(id)).filter(resets::used_at.is_null()))
            .set(resets::used_at.eq(now))
            .execute(conn)
            .await?;
    }
    Ok(staff_id)
}
