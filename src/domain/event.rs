//! The event log of a request: append-only and hash-chained, so that tampering with stored events
//! is detectable.
//!
//! Every event's hash is SHA-256 over its own content *and* the previous event's hash
//! ([`event_hash`]); the first event links to [`GENESIS`]. [`verify_chain`] recomputes the chain as
//! loaded from `request_events` and reports the first event that does not fit.
//!
//! What the chain proves: no stored row was edited, inserted, re-ordered or removed from the middle
//! since it was written — changing any field of one event changes its hash, which then no longer
//! matches the stored hash nor the next event's `prev_hash`. Each hash also covers the request
//! reference, so an event cannot be moved to another request's log.
//!
//! What it does not prove: someone able to rewrite an event *and every later one*, recomputing
//! their hashes, produces a chain that verifies; so does cutting off the tail of the log. The chain
//! only turns such a rewrite into one that has to touch everything after the edit. Anchoring the
//! latest hash outside the table — e.g. printing it in the monthly report — is what makes a rewrite
//! of already-anchored events detectable.
//!
//! The database refuses `UPDATE` and `DELETE` on `request_events` as well; the chain is for the
//! case where that guard was bypassed (a superuser, a restored dump, edited backups).

use std::fmt::Write as _;

use super::StaffId;
use chrono::{DateTime, SubsecRound, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The hash of the (virtual) event before the first: 32 zero bytes.
pub const GENESIS: [u8; 32] = [0; 32];

/// Domain-separation tag: a hash of this encoding can never be mistaken for a hash of anything
/// else, and a future encoding gets a new tag.
const HASH_TAG: &str = "dsr-desk/event/v1";

/// Who caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The data subject who made the request.
    Requester,
    /// A staff member, by staff account id.
    Staff(StaffId),
    /// The desk itself (deadline jobs, automatic reminders).
    System,
    /// An external system acting through an integration.
    Integration,
}

impl Actor {
    /// The stored `actor_kind`: `"requester"`, `"staff"`, `"system"` or `"integration"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Requester => "requester",
            Actor::Staff(_) => "staff",
            Actor::System => "system",
            Actor::Integration => "integration",
        }
    }

    /// The stored `actor_staff_id`: the staff account id for [`Actor::Staff`], else `None`.
    pub fn staff_id(&self) -> Option<i64> {
        match self {
            Actor::Staff(id) => Some(id.0),
            _ => None,
        }
    }

    /// The actor of a stored row, or `None` when the parts do not fit together: an unknown kind,
    /// `"staff"` without an id, or any other kind with one.
    pub fn from_parts(kind: &str, staff_id: Option<i64>) -> Option<Actor> {
        match (kind, staff_id) {
            ("requester", None) => Some(Actor::Requester),
            ("staff", Some(id)) => Some(Actor::Staff(StaffId(id))),
            ("system", None) => Some(Actor::System),
            ("integration", None) => Some(Actor::Integration),
            _ => None,
        }
    }
}

/// An event as stored (one row of `request_events`).
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    /// Position in the request's log, from 1 without gaps.
    pub seq: i32,
    /// When the event happened, in whole microseconds.
    pub occurred_at: DateTime<Utc>,
    /// See [`Actor::kind`].
    pub actor_kind: String,
    /// See [`Actor::staff_id`].
    pub actor_staff_id: Option<i64>,
    /// What happened (e.g. `"received"`, `"status_changed"`).
    pub kind: String,
    /// Details of the event; stored as JSONB.
    pub payload: Value,
    /// The previous event's hash, [`GENESIS`] for the first event.
    pub prev_hash: Vec<u8>,
    /// [`event_hash`] of this event.
    pub hash: Vec<u8>,
}

impl EventRecord {
    /// A question to the requester sent more than five working days after receipt (LAW.md §1.4
    /// policy 5), as recorded when it was sent.
    pub fn is_late_question(&self) -> bool {
        self.kind == super::EventKind::RequesterAsked.as_str() && self.payload["late"] == Value::Bool(true)
    }

    /// An answer refusing the request in part, sent after the one-month deadline (allowed inside
    /// an extension, but flagged: LAW.md §1.5).
    pub fn is_late_refusal(&self) -> bool {
        self.payload["refusal_late"] == Value::Bool(true)
    }
}

/// Builds the next event of a chain: `seq` = previous seq + 1 (1 when `previous` is `None`),
/// `prev_hash` = previous hash ([`GENESIS`] when `None`), `occurred_at` truncated to whole
/// microseconds, and the hash computed.
pub fn next_event(
    reference: &str,
    previous: Option<&EventRecord>,
    occurred_at: DateTime<Utc>,
    actor: &Actor,
    kind: &str,
    payload: Value,
) -> EventRecord {
    // Saturating: a log of 2^31 events does not happen, and a repeated seq would fail verification
    // rather than wrap around to a negative one.
    let seq = previous.map_or(1, |p| p.seq.saturating_add(1));
    let prev_hash = previous.map_or_else(|| GENESIS.to_vec(), |p| p.hash.clone());
    // PostgreSQL's timestamptz keeps microseconds: the hash must be over what the row will read back
    // as. Going through the microsecond count also turns a leap second (which chrono can hold and
    // timestamptz cannot) into an ordinary instant before it is hashed; the fallback is unreachable
    // (every DateTime fits in i64 microseconds).
    let occurred_at = DateTime::from_timestamp_micros(occurred_at.timestamp_micros())
        .unwrap_or_else(|| occurred_at.trunc_subsecs(6));
    let actor_kind = actor.kind();
    let actor_staff_id = actor.staff_id();
    let hash =
        event_hash(reference, &prev_hash, seq, occurred_at, actor_kind, actor_staff_id, kind, &payload);
    EventRecord {
        seq,
        occurred_at,
        actor_kind: actor_kind.to_owned(),
        actor_staff_id,
        kind: kind.to_owned(),
        payload,
        prev_hash,
        hash: hash.to_vec(),
    }
}

/// SHA-256 over an unambiguous encoding of: the domain-separation tag `"dsr-desk/event/v1"`, the
/// request reference, `prev_hash`, `seq`, `occurred_at` (microseconds since the epoch, i64),
/// `actor_kind`, `actor_staff_id`, `kind`, and the payload as [`canonical_json`].
///
/// Variable-length fields are prefixed with their length in bytes (u64 big-endian); integers are
/// big-endian; `actor_staff_id` is a 0 byte for `None`, or a 1 byte followed by the id. So no two
/// different events encode alike.
#[expect(clippy::too_many_arguments, reason = "one argument per hashed column keeps the call sites honest")]
pub fn event_hash(
    reference: &str,
    prev_hash: &[u8],
    seq: i32,
    occurred_at: DateTime<Utc>,
    actor_kind: &str,
    actor_staff_id: Option<i64>,
    kind: &str,
    payload: &Value,
) -> [u8; 32] {
    let mut h = Sha256::new();
    put_bytes(&mut h, HASH_TAG.as_bytes());
    put_bytes(&mut h, reference.as_bytes());
    put_bytes(&mut h, prev_hash);
    h.update(seq.to_be_bytes());
    h.update(occurred_at.timestamp_micros().to_be_bytes());
    put_bytes(&mut h, actor_kind.as_bytes());
    match actor_staff_id {
        None => h.update([0u8]),
        Some(id) => {
            h.update([1u8]);
            h.update(id.to_be_bytes());
        }
    }
    put_bytes(&mut h, kind.as_bytes());
    put_bytes(&mut h, canonical_json(payload).as_bytes());
    h.finalize().into()
}

/// Feeds a length-prefixed byte string to the hasher.
pub(crate) fn put_bytes(h: &mut Sha256, bytes: &[u8]) {
    // usize is at most 64 bits on every target Rust supports, so the conversion is lossless.
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

/// The first problem [`verify_chain`] found in a request's event log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// The event at this position has the wrong seq: one was removed, inserted or moved.
    #[error("event {seq}: sequence gap (expected {expected})")]
    Gap {
        /// The seq found.
        seq: i32,
        /// The seq that belongs at this position.
        expected: i32,
    },
    /// The event's `prev_hash` is not the previous event's hash ([`GENESIS`] for the first).
    #[error("event {seq}: does not link to the previous event")]
    Broken {
        /// The event's seq.
        seq: i32,
    },
    /// The event's stored hash is not the hash of its stored content.
    #[error("event {seq}: content does not match its hash")]
    Altered {
        /// The event's seq.
        seq: i32,
    },
}

/// Checks a whole chain as loaded (ordered by seq): seqs are `1..=n` without gaps, each
/// `prev_hash` equals the previous event's hash ([`GENESIS`] for the first), and each hash equals
/// the recomputed hash. Returns the first problem; an empty log is a valid chain.
///
/// Per event the checks run in that order, so an edited hash is reported as [`ChainError::Altered`]
/// on that event, not as [`ChainError::Broken`] on the next one.
pub fn verify_chain(reference: &str, events: &[EventRecord]) -> Result<(), ChainError> {
    let mut prev_hash: &[u8] = &GENESIS;
    let mut expected: i32 = 1;
    for event in events {
        if event.seq != expected {
            return Err(ChainError::Gap { seq: event.seq, expected });
        }
        if event.prev_hash != prev_hash {
            return Err(ChainError::Broken { seq: event.seq });
        }
        let hash = event_hash(
            reference,
            &event.prev_hash,
            event.seq,
            event.occurred_at,
            &event.actor_kind,
            event.actor_staff_id,
            &event.kind,
            &event.payload,
        );
        if event.hash != hash {
            return Err(ChainError::Altered { seq: event.seq });
        }
        prev_hash = &event.hash;
        expected = expected.saturating_add(1);
    }
    Ok(())
}

/// The payload's canonical JSON: object keys sorted (by their UTF-8 bytes) at every depth, arrays
/// in their order, no whitespace; strings and numbers written as `serde_json` writes them.
///
/// PostgreSQL's JSONB re-orders object keys (and keeps only the last of duplicate keys, as
/// `serde_json` does when parsing), so only a key-order-independent form hashes the same before
/// storing and after reading back.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(&mut out, value);
    out
}

fn write_canonical(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            // Sorted here, not relied on from the map: with serde_json's `preserve_order` feature
            // (switched on by any crate in the build) a Map keeps insertion order.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_leaf(out, &Value::String(key.clone()));
                out.push(':');
                write_canonical(out, item);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, item);
            }
            out.push(']');
        }
        leaf => write_leaf(out, leaf),
    }
}

/// Writes a null, boolean, number or string exactly as `serde_json` does (its `Display` is the
/// compact serializer).
fn write_leaf(out: &mut String, leaf: &Value) {
    // Writing into a String cannot fail; the Result only exists for other writers.
    let _ = write!(out, "{leaf}");
}

#[cfg(test)]
mod tests;
