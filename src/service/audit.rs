//! The audit log's use cases: recording an action (inside the transaction of the change it records,
//! or in one of its own), the admin's view of it, and the check of every hash chain (each request's
//! events and the audit log) that `dsr-desk audit verify` runs.

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};

use super::Context;
pub use crate::db::audit::{AuditFilter, Listed};
use crate::db::{self, DbError, DbPool};
use crate::domain::RequestId;
pub use crate::domain::audit::{AuditAction, AuditActor, AuditEntry};
use crate::domain::audit::{AuditBreak, ChainHeads, requests_digest, verify_records};
use crate::domain::event::{GENESIS, verify_chain};

/// Records `entry` with the connection of the caller's transaction: it exists exactly when the
/// change it records commits.
pub async fn record(
    conn: &mut AsyncPgConnection,
    entry: AuditEntry,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db::audit::append(conn, entry, now).await.map(|_| ())
}

/// Records `entry` in a transaction of its own (an action that changes nothing else: a sign-in
/// attempt, a page view).
pub async fn record_alone(pool: &DbPool, entry: AuditEntry, now: DateTime<Utc>) -> Result<(), DbError> {
    let mut conn = db::conn(pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| record(conn, entry, now).await).await
}

/// An entry by `actor` about `subject`, without details.
pub fn entry(
    actor: AuditActor,
    action: AuditAction,
    subject: impl ToString,
    address: Option<&str>,
) -> AuditEntry {
    AuditEntry {
        actor,
        action,
        subject: subject.to_string(),
        address: address.map(str::to_owned),
        details: serde_json::json!({}),
    }
}

/// Where the audit log and the request chains of `register` stand now (for the monthly report).
pub async fn chain_heads(conn: &mut AsyncPgConnection, register: &str) -> Result<ChainHeads, DbError> {
    let (audit_seq, audit_hash) = db::audit::head(conn).await?.unwrap_or((0, Vec::new()));
    let heads = db::events::heads_of_register(conn, register).await?;
    Ok(ChainHeads {
        audit_seq,
        audit_hash: hex::encode(audit_hash),
        requests: heads.len(),
        requests_digest: requests_digest(&heads),
    })
}

/// The admin's page of the log, newest first.
pub async fn list(ctx: &Context, filter: &AuditFilter) -> Result<Vec<Listed>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    db::audit::list(&mut conn, filter).await
}

/// What `verify` checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verified {
    pub requests: usize,
    pub events: usize,
    pub audit_records: i64,
}

/// The first break `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("request {reference}: {cause}")]
    Request { reference: String, cause: crate::domain::event::ChainError },
    #[error(transparent)]
    Audit(#[from] AuditBreak),
}

/// Requests (and their events) read per page: memory stays flat however many there are.
const PAGE: i64 = 500;
/// Audit records read per page.
const AUDIT_PAGE: i64 = 5_000;

/// Checks every request's event chain and the audit chain; the first break, or what was checked.
pub async fn verify(pool: &DbPool) -> Result<Result<Verified, ChainBreak>, DbError> {
    let mut conn = db::conn(pool).await?;
    let mut verified = Verified::default();
    let mut after = RequestId(0);
    loop {
        let keys = db::requests::keys_after(&mut conn, after, PAGE).await?;
        let Some(last) = keys.last() else { break };
        after = last.id;
        let ids: Vec<RequestId> = keys.iter().map(|k| k.id).collect();
        let events = db::events::chains_of(&mut conn, &ids).await?;
        // Both are in request id order: each request's events are the next run of the list.
        let mut rest = events.as_slice();
        for key in &keys {
            let n = rest.iter().take_while(|(id, _)| *id == key.id).count();
            let (mine, later) = rest.split_at(n);
            rest = later;
            let chain: Vec<_> = mine.iter().map(|(_, e)| e.clone()).collect();
            if let Err(cause) = verify_chain(key.reference.as_str(), &chain) {
                return Ok(Err(ChainBreak::Request { reference: key.reference.to_string(), cause }));
            }
            verified.events += chain.len();
        }
        verified.requests += keys.len();
    }
    let (mut last_seq, mut last_hash) = (0_i64, GENESIS.to_vec());
    loop {
        let records = db::audit::chain_after(&mut conn, last_seq, AUDIT_PAGE).await?;
        let Some(last) = records.last() else { break };
        if let Err(e) = verify_records((last_seq, &last_hash), &records) {
            return Ok(Err(e.into()));
        }
        (last_seq, last_hash) = (last.seq, last.hash.clone());
        verified.audit_records = last_seq;
    }
    Ok(Ok(verified))
}
