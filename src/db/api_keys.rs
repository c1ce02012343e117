//! Integration API keys: keyed hashes, register scopes, revocation and last use.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{api_key_registers, api_keys, registers};
use crate::domain::{ApiKeyId, StaffId};

/// Creates a key for `registers` (which must exist and be active); returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    name: &str,
    key_hash: &[u8],
    prefix: &str,
    registers_granted: &[String],
    created_by: Option<StaffId>,
    now: DateTime<Utc>,
) -> Result<Result<ApiKeyId, String>, DbError> {
    conn.transaction::<_, DbError, _>(async |conn| {
        for key in registers_granted {
            let known: i64 = registers::table
                .filter(registers::key.eq(key))
                .filter(registers::active.eq(true))
                .count()
                .get_result(conn)
                .await?;
            if known == 0 {
                return Ok(Err(key.clone()));
            }
        }
        let id: ApiKeyId = diesel::insert_into(api_keys::table)
            .values((
                api_keys::name.eq(name),
                api_keys::key_hash.eq(key_hash),
                api_keys::prefix.eq(prefix),
                api_keys::created_by.eq(created_by),
                api_keys::created_at.eq(now),
            ))
            .returning(api_keys::id)
            .get_result(conn)
            .await?;
        let rows: Vec<_> = registers_granted
            .iter()
            .map(|r| (api_key_registers::api_key_id.eq(id), api_key_registers::register_key.eq(r)))
            .collect();
        diesel::insert_into(api_key_registers::table)
            .values(&rows)
            .on_conflict_do_nothing()
            .execute(conn)
            .await?;
        Ok(Ok(id))
    })
    .await
}

/// A key found by its hash.
#[derive(Debug, Clone)]
pub struct FoundKey {
    pub id: ApiKeyId,
    pub revoked: bool,
    /// The registers the key may read.
    pub registers: Vec<String>,
}

pub async fn find(conn: &mut AsyncPgConnection, key_hash: &[u8]) -> Result<Option<FoundKey>, DbError> {
    let Some((id, revoked_at)) = api_keys::table
        .filter(api_keys::key_hash.eq(key_hash))
        .select((api_keys::id, api_keys::revoked_at))
        .first::<(ApiKeyId, Option<DateTime<Utc>>)>(conn)
        .await
        .optional()?
    else {
        return Ok(None);
    };
    let granted = api_key_registers::table
        .filter(api_key_registers::api_key_id.eq(id))
        .select(api_key_registers::register_key)
        .load(conn)
        .await?;
    Ok(Some(FoundKey { id, revoked: revoked_at.is_some(), registers: granted }))
}

/// Records a use, at most once a minute per key (a write per call would cost more than the call);
/// `true` when this call was the one recorded.
pub async fn touch(conn: &mut AsyncPgConnection, id: ApiKeyId, now: DateTime<Utc>) -> Result<bool, DbError> {
    let n = diesel::update(api_keys::table.find(id).filter(
        api_keys::last_used_at.is_null().or(api_keys::last_used_at.lt(now - chrono::Duration::minutes(1))),
    ))
    .set(api_keys::last_used_at.eq(now))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// Revokes a key; `false` when no active key has this id.
pub async fn revoke(conn: &mut AsyncPgConnection, id: ApiKeyId, now: DateTime<Utc>) -> Result<bool, DbError> {
    Ok(diesel::update(api_keys::table.find(id).filter(api_keys::revoked_at.is_null()))
        .set(api_keys::revoked_at.eq(now))
        .execute(conn)
        .await?
        == 1)
}

/// A key as stored, without its grants.
#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct KeyRow {
    id: ApiKeyId,
    name: String,
    prefix: String,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
}

/// A key as listed for the admin.
#[derive(Debug, Clone)]
pub struct KeyInfo {
    pub id: ApiKeyId,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub registers: Vec<String>,
}

pub async fn list(conn: &mut AsyncPgConnection) -> Result<Vec<KeyInfo>, DbError> {
    let rows: Vec<KeyRow> =
        api_keys::table.select(KeyRow::as_select()).order(api_keys::id).load(conn).await?;
    let grants: Vec<(ApiKeyId, String)> = api_key_registers::table
        .select((api_key_registers::api_key_id, api_key_registers::register_key))
        .order((api_key_registers::api_key_id, api_key_registers::register_key))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|k| KeyInfo {
            registers: grants.iter().filter(|(id, _)| *id == k.id).map(|(_, r)| r.clone()).collect(),
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            created_at: k.created_at,
            revoked_at: k.revoked_at,
            last_used_at: k.last_used_at,
        })
        .collect())
}
