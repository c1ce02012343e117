//! The second factor's columns of `staff_accounts`, `staff_recovery_codes` and
//! `staff_sign_in_challenges`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{
    staff_accounts as accounts, staff_recovery_codes as codes, staff_sign_in_challenges as challenges,
};
use crate::domain::StaffId;

/// An account's second factor as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accounts)]
pub struct SecondFactorRow {
    #[diesel(column_name = totp_secret)]
    pub secret: Option<Vec<u8>>,
    #[diesel(column_name = totp_enabled_at)]
    pub enabled_at: Option<DateTime<Utc>>,
    #[diesel(column_name = totp_last_step)]
    pub last_step: Option<i64>,
    #[diesel(column_name = totp_pending)]
    pub pending: Option<Vec<u8>>,
}

/// The second factor of an account, locked for the rest of the transaction (checks of one code
/// in parallel take turns, so a code is accepted once).
pub async fn lock(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<SecondFactorRow, DbError> {
    Ok(accounts::table.find(staff_id).select(SecondFactorRow::as_select()).for_update().first(conn).await?)
}

/// The second factor of an account.
pub async fn get(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<SecondFactorRow, DbError> {
    Ok(accounts::table.find(staff_id).select(SecondFactorRow::as_select()).first(conn).await?)
}

/// Keeps a secret offered for enrolment until a code confirms it.
pub async fn set_pending(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    sealed: &[u8],
) -> Result<(), DbError> {
    diesel::update(accounts::table.find(staff_id))
        .set(accounts::totp_pending.eq(sealed))
        .execute(conn)
        .await?;
    Ok(())
}

/// Turns the pending secret on; `step` is the step of the confirming code (used up).
pub async fn enable(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    sealed: &[u8],
    step: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(accounts::table.find(staff_id))
        .set((
            accounts::totp_secret.eq(sealed),
            accounts::totp_enabled_at.eq(now),
            accounts::totp_last_step.eq(step),
            accounts::totp_pending.eq(None::<Vec<u8>>),
            accounts::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Records the step of an accepted code.
pub async fn use_step(conn: &mut AsyncPgConnection, staff_id: StaffId, step: i64) -> Result<(), DbError> {
    diesel::update(accounts::table.find(staff_id))
        .set(accounts::totp_last_step.eq(step))
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes the second factor and its recovery codes.
pub async fn remove(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(accounts::table.find(staff_id))
        .set((
            accounts::totp_secret.eq(None::<Vec<u8>>),
            accounts::totp_enabled_at.eq(None::<DateTime<Utc>>),
            accounts::totp_last_step.eq(None::<i64>),
            accounts::totp_pending.eq(None::<Vec<u8>>),
            accounts::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    diesel::delete(codes::table.filter(codes::staff_id.eq(staff_id))).execute(conn).await?;
    Ok(())
}

/// Replaces the account's recovery codes with these (keyed hashes).
pub async fn replace_recovery_codes(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    hashes: &[Vec<u8>],
) -> Result<(), DbError> {
    diesel::delete(codes::table.filter(codes::staff_id.eq(staff_id))).execute(conn).await?;
    let rows: Vec<_> =
        hashes.iter().map(|h| (codes::staff_id.eq(staff_id), codes::code_hash.eq(h.as_slice()))).collect();
    diesel::insert_into(codes::table).values(rows).execute(conn).await?;
    Ok(())
}

/// Uses a recovery code up, atomically: whether it was an unused code of the account.
pub async fn use_recovery_code(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    hash: &[u8],
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let used = diesel::update(
        codes::table
            .filter(codes::staff_id.eq(staff_id))
            .filter(codes::code_hash.eq(hash))
            .filter(codes::used_at.is_null()),
    )
    .set(codes::used_at.eq(now))
    .execute(conn)
    .await?;
    Ok(used == 1)
}

/// Unused recovery codes of the account.
pub async fn recovery_codes_left(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<i64, DbError> {
    Ok(codes::table
        .filter(codes::staff_id.eq(staff_id))
        .filter(codes::used_at.is_null())
        .count()
        .get_result(conn)
        .await?)
}

/// A sign-in waiting for its second factor.
pub async fn insert_challenge(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    staff_id: StaffId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    // One waiting sign-in per account: an older one is replaced.
    diesel::delete(challenges::table.filter(challenges::staff_id.eq(staff_id))).execute(conn).await?;
    diesel::insert_into(challenges::table)
        .values((
            challenges::token_hash.eq(token_hash),
            challenges::staff_id.eq(staff_id),
            challenges::created_at.eq(now),
            challenges::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// A live challenge, locked: its account and failures so far.
pub async fn lock_challenge(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<Option<(StaffId, i32)>, DbError> {
    Ok(challenges::table
        .find(token_hash)
        .filter(challenges::expires_at.gt(now))
        .select((challenges::staff_id, challenges::failures))
        .for_update()
        .first(conn)
        .await
        .optional()?)
}

/// Whether a live challenge exists (the code page is shown only for one).
pub async fn challenge_is_live(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n: i64 = challenges::table
        .find(token_hash)
        .filter(challenges::expires_at.gt(now))
        .count()
        .get_result(conn)
        .await?;
    Ok(n > 0)
}

/// Counts a wrong code against the challenge.
pub async fn challenge_failed(conn: &mut AsyncPgConnection, token_hash: &[u8]) -> Result<(), DbError> {
    diesel::update(challenges::table.find(token_hash))
        .set(challenges::failures.eq(challenges::failures + 1))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_challenge(conn: &mut AsyncPgConnection, token_hash: &[u8]) -> Result<(), DbError> {
    diesel::delete(challenges::table.find(token_hash)).execute(conn).await?;
    Ok(())
}

/// Ends every waiting sign-in of an account (its factor was reset or its password changed).
pub async fn delete_challenges_of(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<(), DbError> {
    diesel::delete(challenges::table.filter(challenges::staff_id.eq(staff_id))).execute(conn).await?;
    Ok(())
}

/// Deletes sign-ins that waited past their expiry.
pub async fn purge_expired_challenges(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    Ok(diesel::delete(challenges::table.filter(challenges::expires_at.le(now))).execute(conn).await?)
}
