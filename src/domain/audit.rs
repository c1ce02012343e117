//! The audit log: what was done to accounts, integration keys and registers, and who viewed a
//! request's personal data, by whom, when and from which address. One chain for the whole
//! service, append-only and hash-chained like a request's events ([`super::event`]): each record's
//! hash covers its content and the previous record's hash, so an edited, inserted, re-ordered or
//! removed record breaks the chain at that point, and a rewrite of the tail is detectable once its
//! head hash was published (the monthly report email carries it).

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::event::{GENESIS, canonical_json, put_bytes};
pub use super::vocab::AuditAction;
use super::{ApiKeyId, StaffId};

/// Domain-separation tag of a record's hash (a request event's hash can never be taken for one).
const HASH_TAG: &str = "dsr-desk/audit/v1";

/// Who did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditActor {
    /// A signed-in staff member.
    Staff(StaffId),
    /// The operator at the command line (holds the server's configuration, no account).
    Console,
    /// The service itself (start-up, scheduled jobs).
    System,
    /// An integration presenting its API key.
    Integration(ApiKeyId),
    /// Nobody known: a failed sign-in.
    Anonymous,
}

impl AuditActor {
    /// The stored `actor_kind`.
    pub fn kind(self) -> &'static str {
        match self {
            AuditActor::Staff(_) => "staff",
            AuditActor::Console => "console",
            AuditActor::System => "system",
            AuditActor::Integration(_) => "integration",
            AuditActor::Anonymous => "anonymous",
        }
    }

    /// The stored `actor_staff_id`.
    pub fn staff_id(self) -> Option<StaffId> {
        match self {
            AuditActor::Staff(id) => Some(id),
            _ => None,
        }
    }
}

/// A record as stored (one row of `audit_events`).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// Position in the log, from 1 without gaps.
    pub seq: i64,
    /// When, in whole microseconds.
    pub occurred_at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_staff_id: Option<StaffId>,
    pub action: AuditAction,
    /// What it was done to: a staff id, an API key id, a register key or a request reference.
    pub subject: String,
    /// The client address the action came from, when it came over HTTP.
    pub address: Option<String>,
    pub details: Value,
    pub prev_hash: Vec<u8>,
    pub hash: Vec<u8>,
}

/// What a new record says (the chain fields are added by [`next_record`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub actor: AuditActor,
    pub action: AuditAction,
    pub subject: String,
    pub address: Option<String>,
    pub details: Value,
}

/// The record after `previous` (the first when `None`), its time truncated to microseconds as
/// PostgreSQL stores it, and its hash computed.
pub fn next_record(
    previous: Option<(i64, &[u8])>,
    occurred_at: DateTime<Utc>,
    entry: AuditEntry,
) -> AuditRecord {
    let seq = previous.map_or(1, |(seq, _)| seq.saturating_add(1));
    let prev_hash = previous.map_or_else(|| GENESIS.to_vec(), |(_, hash)| hash.to_vec());
    let occurred_at = DateTime::from_timestamp_micros(occurred_at.timestamp_micros()).unwrap_or(occurred_at);
    let mut record = AuditRecord {
        seq,
        occurred_at,
        actor_kind: entry.actor.kind().to_owned(),
        actor_staff_id: entry.actor.staff_id(),
        action: entry.action,
        subject: entry.subject,
        address: entry.address,
        details: entry.details,
        prev_hash,
        hash: Vec::new(),
    };
    record.hash = record_hash(&record).to_vec();
    record
}

/// SHA-256 over an unambiguous encoding of the tag, `prev_hash`, `seq`, `occurred_at`
/// (microseconds), actor kind and staff id, action, subject, address and the details as canonical
/// JSON; variable-length fields are length-prefixed, absent ones a 0 byte.
pub fn record_hash(r: &AuditRecord) -> [u8; 32] {
    let mut h = Sha256::new();
    put_bytes(&mut h, HASH_TAG.as_bytes());
    put_bytes(&mut h, &r.prev_hash);
    h.update(r.seq.to_be_bytes());
    h.update(r.occurred_at.timestamp_micros().to_be_bytes());
    put_bytes(&mut h, r.actor_kind.as_bytes());
    match r.actor_staff_id {
        None => h.update([0u8]),
        Some(id) => {
            h.update([1u8]);
            h.update(id.0.to_be_bytes());
        }
    }
    put_bytes(&mut h, r.action.as_str().as_bytes());
    put_bytes(&mut h, r.subject.as_bytes());
    match &r.address {
        None => h.update([0u8]),
        Some(address) => {
            h.update([1u8]);
            put_bytes(&mut h, address.as_bytes());
        }
    }
    put_bytes(&mut h, canonical_json(&r.details).as_bytes());
    h.finalize().into()
}

/// Where the chains stood when a monthly report was sent: the audit log's last record and a digest
/// of the last event of every request of the register. Published outside the database (in the
/// email), they make a later rewrite of anything before them detectable.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChainHeads {
    /// The audit log's last record: its seq and hash (hex); 0 and empty for an empty log.
    pub audit_seq: i64,
    pub audit_hash: String,
    /// How many request chains the digest covers.
    pub requests: usize,
    /// SHA-256 (hex) over each request's reference, last seq and last hash, in reference order.
    pub requests_digest: String,
}

/// The digest of request chain heads `(reference, last seq, last hash)`, taken in the order given
/// (the caller sorts by reference); each field length-prefixed.
pub fn requests_digest(heads: &[(String, i32, Vec<u8>)]) -> String {
    let mut h = Sha256::new();
    put_bytes(&mut h, b"dsr-desk/heads/v1");
    for (reference, seq, hash) in heads {
        put_bytes(&mut h, reference.as_bytes());
        h.update(seq.to_be_bytes());
        put_bytes(&mut h, hash);
    }
    hex::encode(h.finalize())
}

/// The first record of the audit log that does not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditBreak {
    #[error("audit record {seq}: sequence gap (expected {expected})")]
    Gap { seq: i64, expected: i64 },
    #[error("audit record {seq}: does not link to the previous record")]
    Broken { seq: i64 },
    #[error("audit record {seq}: content does not match its hash")]
    Altered { seq: i64 },
}

/// Checks records loaded in `seq` order, continuing after `prev` (`(0, GENESIS)` for the start of
/// the log): no gap, each links to the one before, each hash is the hash of its content.
pub fn verify_records(prev: (i64, &[u8]), records: &[AuditRecord]) -> Result<(), AuditBreak> {
    let (mut last_seq, mut last_hash) = (prev.0, prev.1.to_vec());
    for r in records {
        let expected = last_seq.saturating_add(1);
        if r.seq != expected {
            return Err(AuditBreak::Gap { seq: r.seq, expected });
        }
        if r.prev_hash != last_hash {
            return Err(AuditBreak::Broken { seq: r.seq });
        }
        if r.hash != record_hash(r) {
            return Err(AuditBreak::Altered { seq: r.seq });
        }
        last_seq = r.seq;
        last_hash.clone_from(&r.hash);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;

    fn entry(action: AuditAction, subject: &str) -> AuditEntry {
        AuditEntry {
            actor: AuditActor::Staff(StaffId(7)),
            action,
            subject: subject.into(),
            address: Some("192.0.2.1".into()),
            details: json!({"registers": ["jokkerit"]}),
        }
    }

    fn chain() -> Vec<AuditRecord> {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let mut records: Vec<AuditRecord> = Vec::new();
        for (i, (action, subject)) in [
            (AuditAction::AccountCreated, "12"),
            (AuditAction::SignedIn, "12"),
            (AuditAction::RequestViewed, "DSR-7K2M-Q9XA"),
        ]
        .into_iter()
        .enumerate()
        {
            let previous = records.last().map(|r| (r.seq, r.hash.as_slice()));
            records.push(next_record(
                previous,
                at + chrono::Duration::seconds(i as i64),
                entry(action, subject),
            ));
        }
        records
    }

    #[test]
    fn a_chain_verifies_and_every_kind_of_tampering_is_found_where_it_happened() {
        let records = chain();
        assert_eq!(verify_records((0, &GENESIS), &records), Ok(()));
        assert_eq!(records.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 2, 3]);

        let mut edited = records.clone();
        edited[1].subject = "13".into();
        assert_eq!(verify_records((0, &GENESIS), &edited), Err(AuditBreak::Altered { seq: 2 }));
        let mut address = records.clone();
        address[2].address = None;
        assert_eq!(verify_records((0, &GENESIS), &address), Err(AuditBreak::Altered { seq: 3 }));
        let mut removed = records.clone();
        removed.remove(1);
        assert_eq!(verify_records((0, &GENESIS), &removed), Err(AuditBreak::Gap { seq: 3, expected: 2 }));
        let mut relinked = records.clone();
        relinked[2].prev_hash = GENESIS.to_vec();
        assert_eq!(verify_records((0, &GENESIS), &relinked), Err(AuditBreak::Broken { seq: 3 }));
        // A page of the log verifies from the record before it.
        assert_eq!(verify_records((1, &records[0].hash), &records[1..]), Ok(()));
    }

    #[test]
    fn actors_store_their_kind_and_only_staff_an_id() {
        assert_eq!(
            (AuditActor::Staff(StaffId(3)).kind(), AuditActor::Staff(StaffId(3)).staff_id()),
            ("staff", Some(StaffId(3)))
        );
        for actor in [
            AuditActor::Console,
            AuditActor::System,
            AuditActor::Integration(ApiKeyId(1)),
            AuditActor::Anonymous,
        ] {
            assert_eq!(actor.staff_id(), None);
        }
    }
}
