//! The `staff_sessions` table.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{staff_accounts, staff_sessions};
use crate::domain::{Language, SignInMethod, StaffId, StaffRole};

pub async fn insert(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    staff_id: StaffId,
    method: SignInMethod,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::insert_into(staff_sessions::table)
        .values((
            staff_sessions::token_hash.eq(token_hash),
            staff_sessions::staff_id.eq(staff_id),
            staff_sessions::sign_in_method.eq(method),
            staff_sessions::created_at.eq(now),
            staff_sessions::last_seen_at.eq(now),
            staff_sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The account behind a session.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff_accounts)]
pub struct SessionAccount {
    pub id: StaffId,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    pub must_change_password: bool,
    #[diesel(column_name = totp_enabled_at)]
    pub second_factor_since: Option<DateTime<Utc>>,
    /// The language of pages and emails chosen on the profile page; `None`: the browser's.
    pub language: Option<Language>,
}

/// A live session: its account and how it was opened.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub account: SessionAccount,
    pub method: SignInMethod,
}

/// The account behind a live session of an enabled account: not past its absolute limit, and
/// used since `idle_since`. Its last use moves to `now` (written at most once a minute, so that a
/// busy page does not write on every request).
pub async fn find_live(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> Result<Option<LiveSession>, DbError> {
    let found: Option<(SessionAccount, SignInMethod, DateTime<Utc>)> = staff_sessions::table
        .inner_join(staff_accounts::table)
        .filter(staff_sessions::token_hash.eq(token_hash))
        .filter(staff_sessions::expires_at.gt(now))
        .filter(staff_sessions::last_seen_at.gt(idle_since))
        .filter(staff_accounts::disabled_at.is_null())
        .select((SessionAccount::as_select(), staff_sessions::sign_in_method, staff_sessions::last_seen_at))
        .first(conn)
        .await
        .optional()?;
    let Some((account, method, last_seen)) = found else { return Ok(None) };
    if now - last_seen > chrono::TimeDelta::minutes(1) {
        diesel::update(staff_sessions::table.find(token_hash))
            .set(staff_sessions::last_seen_at.eq(now))
            .execute(conn)
            .await?;
    }
    Ok(Some(LiveSession { account, method }))
}

pub async fn delete(conn: &mut AsyncPgConnection, token_hash: &[u8]) -> Result<(), DbError> {
    diesel::delete(staff_sessions::table.find(token_hash)).execute(conn).await?;
    Ok(())
}

/// Revokes every session of an account, and its sign-in waiting for a second factor.
pub async fn delete_all_of(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<usize, DbError> {
    super::second_factor::delete_challenges_of(conn, staff_id).await?;
    Ok(diesel::delete(staff_sessions::table.filter(staff_sessions::staff_id.eq(staff_id)))
        .execute(conn)
        .await?)
}

/// When the newest session on record of an account began. Sign-out and revocation delete
/// sessions, so this is the latest sign-in only while its session is kept.
#[derive(Debug, Clone, Queryable)]
pub struct LatestSession {
    pub staff_id: StaffId,
    pub started_at: Option<DateTime<Utc>>,
}

pub async fn latest_starts(conn: &mut AsyncPgConnection) -> Result<Vec<LatestSession>, DbError> {
    Ok(staff_sessions::table
        .group_by(staff_sessions::staff_id)
        .select((staff_sessions::staff_id, diesel::dsl::max(staff_sessions::created_at)))
        .load(conn)
        .await?)
}
