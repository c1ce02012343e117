//! The `audit_events` table: one hash chain for the whole service. Appends take a
//! transaction-scoped advisory lock first, so two appends never read the same last record; the
//! table refuses `UPDATE` and `DELETE`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{audit_events, staff_accounts};
use crate::domain::StaffId;
use crate::domain::audit::{AuditAction, AuditEntry, AuditRecord, next_record};

/// The advisory lock key of the audit chain ("dsraudit").
const CHAIN_LOCK: i64 = 0x6473_7261_7564_6974;

#[derive(Queryable, Selectable)]
#[diesel(table_name = audit_events)]
struct Row {
    seq: i64,
    occurred_at: DateTime<Utc>,
    actor_kind: String,
    actor_staff_id: Option<StaffId>,
    action: AuditAction,
    subject: String,
    address: Option<String>,
    details: serde_json::Value,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

impl From<Row> for AuditRecord {
    fn from(r: Row) -> Self {
        AuditRecord {
            seq: r.seq,
            occurred_at: r.occurred_at,
            actor_kind: r.actor_kind,
            actor_staff_id: r.actor_staff_id,
            action: r.action,
            subject: r.subject,
            address: r.address,
            details: r.details,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// Appends a record at the end of the chain. Call inside a transaction: the lock that orders the
/// appends lasts until it ends, and the record commits or rolls back with the change it records.
pub async fn append(
    conn: &mut AsyncPgConnection,
    entry: AuditEntry,
    now: DateTime<Utc>,
) -> Result<AuditRecord, DbError> {
    lock_chain(conn).await?;
    let last = head(conn).await?;
    let record = next_record(last.as_ref().map(|(seq, hash)| (*seq, hash.as_slice())), now, entry);
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::seq.eq(record.seq),
            audit_events::occurred_at.eq(record.occurred_at),
            audit_events::actor_kind.eq(&record.actor_kind),
            audit_events::actor_staff_id.eq(record.actor_staff_id),
            audit_events::action.eq(record.action),
            audit_events::subject.eq(&record.subject),
            audit_events::address.eq(&record.address),
            audit_events::details.eq(&record.details),
            audit_events::prev_hash.eq(&record.prev_hash),
            audit_events::hash.eq(&record.hash),
        ))
        .execute(conn)
        .await?;
    Ok(record)
}

/// Takes the chain's lock until the transaction ends (appends take it themselves; a caller takes it
/// first to check something before appending, e.g. whether a record of the day exists).
pub async fn lock_chain(conn: &mut AsyncPgConnection) -> Result<(), DbError> {
    diesel::sql_query("SELECT pg_advisory_xact_lock($1)").bind::<BigInt, _>(CHAIN_LOCK).execute(conn).await?;
    Ok(())
}

/// The last record's seq and hash (`None` for an empty log).
pub async fn head(conn: &mut AsyncPgConnection) -> Result<Option<(i64, Vec<u8>)>, DbError> {
    Ok(audit_events::table
        .order(audit_events::seq.desc())
        .select((audit_events::seq, audit_events::hash))
        .first(conn)
        .await
        .optional()?)
}

/// Up to `limit` records after `after_seq`, in order (for verification page by page).
pub async fn chain_after(
    conn: &mut AsyncPgConnection,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<AuditRecord>, DbError> {
    Ok(audit_events::table
        .filter(audit_events::seq.gt(after_seq))
        .order(audit_events::seq)
        .limit(limit)
        .select(Row::as_select())
        .load::<Row>(conn)
        .await?
        .into_iter()
        .map(AuditRecord::from)
        .collect())
}

/// Whether `action` was recorded for `subject` at or after `since` (e.g. a key's use today).
pub async fn recorded_since(
    conn: &mut AsyncPgConnection,
    action: AuditAction,
    subject: &str,
    since: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n: i64 = audit_events::table
        .filter(audit_events::action.eq(action))
        .filter(audit_events::subject.eq(subject))
        .filter(audit_events::occurred_at.ge(since))
        .count()
        .get_result(conn)
        .await?;
    Ok(n > 0)
}

/// What the audit page lists.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<StaffId>,
    pub action: Option<AuditAction>,
    /// From this instant on.
    pub from: Option<DateTime<Utc>>,
    /// Before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Keyset: records before this seq (the previous page's last).
    pub before_seq: Option<i64>,
    pub limit: i64,
}

/// A record with the acting staff member's name and email, as listed.
#[derive(Debug, Clone)]
pub struct Listed {
    pub record: AuditRecord,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
}

/// Records matching `f`, newest first.
pub async fn list(conn: &mut AsyncPgConnection, f: &AuditFilter) -> Result<Vec<Listed>, DbError> {
    let mut query = audit_events::table
        .left_join(staff_accounts::table)
        .select((Row::as_select(), staff_accounts::name.nullable(), staff_accounts::email.nullable()))
        .order(audit_events::seq.desc())
        .limit(f.limit)
        .into_boxed();
    if let Some(actor) = f.actor {
        query = query.filter(audit_events::actor_staff_id.eq(actor));
    }
    if let Some(action) = f.action {
        query = query.filter(audit_events::action.eq(action));
    }
    if let Some(from) = f.from {
        query = query.filter(audit_events::occurred_at.ge(from));
    }
    if let Some(until) = f.until {
        query = query.filter(audit_events::occurred_at.lt(until));
    }
    if let Some(before) = f.before_seq {
        query = query.filter(audit_events::seq.lt(before));
    }
    let rows: Vec<(Row, Option<String>, Option<String>)> = query.load(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(row, actor_name, actor_email)| Listed { record: row.into(), actor_name, actor_email })
        .collect())
}
