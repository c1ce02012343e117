//! The `request_events` table: the append-only, hash-chained timeline of each request.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::request_events;
use crate::domain::event::{Actor, EventRecord, next_event};
use crate::domain::{EventKind, RequestId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = request_events)]
struct EventRow {
    seq: i32,
    occurred_at: DateTime<Utc>,
    actor_kind: String,
    actor_staff_id: Option<i64>,
    kind: EventKind,
    payload: serde_json::Value,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

impl From<EventRow> for EventRecord {
    fn from(r: EventRow) -> Self {
        EventRecord {
            seq: r.seq,
            occurred_at: r.occurred_at,
            actor_kind: r.actor_kind,
            actor_staff_id: r.actor_staff_id,
            kind: r.kind.as_str().to_owned(),
            payload: r.payload,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// Appends an event to the request's chain. The caller holds the request row locked (every state
/// change does), which serialises appends to one chain.
pub async fn append(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    reference: &str,
    actor: &Actor,
    kind: EventKind,
    payload: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let previous: Option<EventRecord> = request_events::table
        .filter(request_events::request_id.eq(request_id))
        .order(request_events::seq.desc())
        .select(EventRow::as_select())
        .first(conn)
        .await
        .optional()?
        .map(EventRecord::from);
    let event = next_event(reference, previous.as_ref(), now, actor, kind.as_str(), payload);
    diesel::insert_into(request_events::table)
        .values((
            request_events::request_id.eq(request_id),
            request_events::seq.eq(event.seq),
            request_events::occurred_at.eq(event.occurred_at),
            request_events::actor_kind.eq(&event.actor_kind),
            request_events::actor_staff_id.eq(event.actor_staff_id),
            request_events::kind.eq(kind),
            request_events::payload.eq(&event.payload),
            request_events::prev_hash.eq(&event.prev_hash),
            request_events::hash.eq(&event.hash),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The request's whole chain, in order.
pub async fn chain(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<Vec<EventRecord>, DbError> {
    Ok(request_events::table
        .filter(request_events::request_id.eq(request_id))
        .order(request_events::seq)
        .select(EventRow::as_select())
        .load(conn)
        .await?
        .into_iter()
        .map(EventRecord::from)
        .collect())
}

/// The last event (seq and hash) of every request of `register` that has one, by reference.
pub async fn heads_of_register(
    conn: &mut AsyncPgConnection,
    register: &str,
) -> Result<Vec<(String, i32, Vec<u8>)>, DbError> {
    #[derive(diesel::QueryableByName)]
    struct Head {
        #[diesel(sql_type = diesel::sql_types::Text)]
        reference: String,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        seq: i32,
        #[diesel(sql_type = diesel::sql_types::Bytea)]
        hash: Vec<u8>,
    }
    let heads: Vec<Head> = diesel::sql_query(
        "SELECT r.reference, e.seq, e.hash FROM requests r \
         JOIN LATERAL (SELECT seq, hash FROM request_events WHERE request_id = r.id ORDER BY seq DESC LIMIT 1) e \
         ON true WHERE r.register_key = $1 ORDER BY r.reference",
    )
    .bind::<diesel::sql_types::Text, _>(register)
    .load(conn)
    .await?;
    Ok(heads.into_iter().map(|h| (h.reference, h.seq, h.hash)).collect())
}

/// The events of several requests, by request then seq (for verifying every chain page by page).
pub async fn chains_of(
    conn: &mut AsyncPgConnection,
    request_ids: &[RequestId],
) -> Result<Vec<(RequestId, EventRecord)>, DbError> {
    let rows: Vec<(RequestId, EventRow)> = request_events::table
        .filter(request_events::request_id.eq_any(request_ids))
        .order((request_events::request_id, request_events::seq))
        .select((request_events::request_id, EventRow::as_select()))
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(|(id, row)| (id, row.into())).collect())
}
