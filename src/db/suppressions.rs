//! The `suppressions` table: who may not be contacted for which purpose over which channel.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::suppressions;
use crate::domain::{ObjectionChannel, ObjectionPurpose, Reference, RequestId};

/// One entry to write.
pub struct NewSuppression<'a> {
    pub register_key: &'a str,
    pub identifier_kind: &'a str,
    pub identifier: &'a str,
    pub purpose: ObjectionPurpose,
    pub channel: ObjectionChannel,
}

/// Writes the entries of one request (idempotent); returns how many were new.
pub async fn insert_all(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    entries: &[NewSuppression<'_>],
    since: DateTime<Utc>,
) -> Result<usize, DbError> {
    let rows: Vec<_> = entries
        .iter()
        .map(|e| {
            (
                suppressions::register_key.eq(e.register_key),
                suppressions::identifier_kind.eq(e.identifier_kind),
                suppressions::identifier.eq(e.identifier),
                suppressions::purpose.eq(e.purpose),
                suppressions::channel.eq(e.channel),
                suppressions::since.eq(since),
                suppressions::request_id.eq(request_id),
            )
        })
        .collect();
    Ok(diesel::insert_into(suppressions::table).values(&rows).on_conflict_do_nothing().execute(conn).await?)
}

/// Lifts the active entries of one request; returns how many.
pub async fn lift_for_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    Ok(diesel::update(
        suppressions::table
            .filter(suppressions::request_id.eq(request_id))
            .filter(suppressions::lifted_at.is_null()),
    )
    .set(suppressions::lifted_at.eq(now))
    .execute(conn)
    .await?)
}

/// What an active entry of a request forbids.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = suppressions)]
pub struct ActiveEntry {
    /// `email` or `phone`.
    pub identifier_kind: String,
    pub purpose: ObjectionPurpose,
    pub channel: ObjectionChannel,
}

/// The active entries of a request.
pub async fn active_for_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Vec<ActiveEntry>, DbError> {
    Ok(suppressions::table
        .filter(suppressions::request_id.eq(request_id))
        .filter(suppressions::lifted_at.is_null())
        .select(ActiveEntry::as_select())
        .order((suppressions::identifier_kind, suppressions::purpose, suppressions::channel))
        .load(conn)
        .await?)
}

/// An active or lifted entry with its request's reference.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = suppressions, check_for_backend(diesel::pg::Pg))]
pub struct Entry {
    #[serde(skip)]
    pub id: i64,
    pub identifier_kind: String,
    pub identifier: String,
    pub purpose: ObjectionPurpose,
    pub channel: ObjectionChannel,
    pub since: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
    #[diesel(select_expression = super::schema::requests::reference)]
    pub reference: Reference,
}

/// The active entries of one identifier in one register, oldest first.
pub async fn active_for(
    conn: &mut AsyncPgConnection,
    register: &str,
    identifier: &str,
) -> Result<Vec<Entry>, DbError> {
    use super::schema::requests;
    Ok(suppressions::table
        .inner_join(requests::table)
        .filter(suppressions::register_key.eq(register))
        .filter(suppressions::identifier.eq(identifier))
        .filter(suppressions::lifted_at.is_null())
        .select(Entry::as_select())
        .order((suppressions::since, suppressions::id))
        .load(conn)
        .await?)
}

/// A page of a register's entries (active and lifted) for bulk sync: those written or lifted at or
/// after `changed_since`, by id after `after`.
pub async fn page(
    conn: &mut AsyncPgConnection,
    register: &str,
    changed_since: Option<DateTime<Utc>>,
    after: i64,
    limit: i64,
) -> Result<Vec<Entry>, DbError> {
    use super::schema::requests;
    let mut query = suppressions::table
        .inner_join(requests::table)
        .filter(suppressions::register_key.eq(register))
        .filter(suppressions::id.gt(after))
        .into_boxed();
    if let Some(t) = changed_since {
        query = query.filter(suppressions::since.ge(t).or(suppressions::lifted_at.ge(t)));
    }
    Ok(query.select(Entry::as_select()).order(suppressions::id).limit(limit).load(conn).await?)
}

/// Every entry of one request, active and lifted, by id: what its webhook events say.
pub async fn of_request(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<Vec<Entry>, DbError> {
    use super::schema::requests;
    Ok(suppressions::table
        .inner_join(requests::table)
        .filter(suppressions::request_id.eq(request_id))
        .select(Entry::as_select())
        .order(suppressions::id)
        .load(conn)
        .await?)
}
